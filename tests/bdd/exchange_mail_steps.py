"""Steps of features/buyer_exchange.feature that read the post: each mail, to whom it goes
and what it says, in the reader's language."""

from __future__ import annotations

from typing import Any

from babel.dates import format_date
from pytest_bdd import parsers, then

from marketplace.application import Marketplace
from tests.bdd.exchange_world import LANGUAGES, MANAGER, Post, Request, pdf_text
from tests.bdd.support import Cast

# The post: every mail, to whom it goes and what it says

BUYER = "lucia@acero-mx.example"  # the address the buyer typed into the form
SUBJECTS = {  # what the buyer's mails are called, in the buyer's language
    ("rfq_received", "fr"): "nous avons reçu votre demande de devis",
    ("question_answered", "fr"): "votre question a reçu une réponse",
    ("quote_ready", "fr"): "votre devis est prêt",
}
BUYER_MAILS = {"that the request was received": "rfq_received",
               "that the question is answered": "question_answered",
               "that they accepted the quote": "quote_accepted"}


def _member(firm: str) -> str:
    return f"person.of.{firm.lower().replace(' ', '.')}@member.example"


def _buyer_mail(post: Post, rfq: Request, kind: str) -> tuple[Any, str]:
    mail, text = post.one(kind, BUYER)
    if (kind, rfq.language) in SUBJECTS:
        assert SUBJECTS[kind, rfq.language] in str(mail["Subject"]), mail["Subject"]
    return mail, text


@then(parsers.re(r"the buyer receives a mail(?: in (?P<language>\w+))? "
                 r"(?P<what>that the request was received|that the question is answered|"
                 r"that they accepted the quote)(?P<link>, with the link to its page)?"))
def buyer_mail(post: Post, rfq: Request, what: str, language: str | None,
               link: str | None) -> None:
    assert rfq.language == (LANGUAGES[language] if language else "en")
    mail, text = _buyer_mail(post, rfq, BUYER_MAILS[what])
    if link or BUYER_MAILS[what] == "question_answered":
        assert f"{rfq.path}\n" in text, text


MANAGER_MAILS = {"about the new RFQ": ("rfq_new", 1),
                 "that the buyer asked a question": ("question_asked", 1),
                 "for each contribution committed": ("contribution_committed", 2),
                 "that the buyer asks for a revised quote": ("revision_requested", 1)}


@then(parsers.re(r"Ana Ruiz receives a mail (?P<what>about the new RFQ|that the buyer asked a "
                 r"question|for each contribution committed|that the buyer asks for a revised "
                 r"quote)$"))
def manager_mail(post: Post, rfq: Request, what: str) -> None:
    kind, count = MANAGER_MAILS[what]
    mails = post.received(kind, MANAGER)
    assert len(mails) == count, f"{len(mails)} {kind} mails to the manager"
    for mail in mails:
        text = mail.get_content()
        assert f"/workspace/desk/rfq/{rfq.bid}" in text, text


@then(parsers.parse('Ana Ruiz receives a mail that "{organisation}" accepted the quote'))
def manager_told_accepted(post: Post, rfq: Request, organisation: str) -> None:
    mail, text = post.one("buyer_accepted", MANAGER)
    assert organisation in str(mail["Subject"]) and "€283,500.00" in text


@then(parsers.parse('"{firm}" receives a mail asking for its price for {stage}'))
def member_asked(post: Post, cast: Cast, firm: str, stage: str) -> None:
    mail, text = post.one("contribution_requested", _member(firm))
    assert f"price the {stage} stage" in str(mail["Subject"]), mail["Subject"]
    assert f"/workspace/member/{cast.membership(firm)}/" in text, text


def _valid_until(app: Marketplace, rfq: Request, width: str = "long") -> str:
    """The quote's validity date as the buyer's language writes it (long in mails)."""
    valid = app.get_bid(rfq.bid).valid_until
    assert valid is not None
    return format_date(valid, width, locale=rfq.language)


@then(parsers.re(r"the buyer receives the quote-ready mail(?: in \w+)? with the price "
                 r"(?P<price>.+) and its validity"))
def quote_mail(app: Marketplace, post: Post, memo: dict[str, Any], rfq: Request,
               price: str) -> None:
    mail, text = _buyer_mail(post, rfq, "quote_ready")
    reference = app.get_bid(rfq.bid).reference
    assert reference and reference in text
    assert price in text and _valid_until(app, rfq) in text, text
    memo["quote mail"], memo["price"] = mail, price


PDF_VALID = {"en": "Valid until", "fr": "Valable jusqu"}


@then(parsers.re(r"the mail carries the quotation's PDF(?: in \w+)?, with the reference, the "
                 r"price and the validity"))
def quote_pdf(app: Marketplace, memo: dict[str, Any], rfq: Request) -> None:
    name, text = pdf_text(memo["quote mail"])
    reference = app.get_bid(rfq.bid).reference
    assert reference and name == f"quotation-{reference}.pdf"
    assert reference in text and memo["price"] in text, text
    assert f"{PDF_VALID[rfq.language]}" in text and _valid_until(app, rfq, "medium") in text, text


@then(parsers.parse("the buyer receives a mail with version {number:d} at {price} and its "
                    "validity"))
def revised_mail(app: Marketplace, post: Post, rfq: Request, number: int, price: str) -> None:
    mail, text = post.one("revised_quote_sent", BUYER)
    assert f"version {number}" in str(mail["Subject"])
    assert price in text and _valid_until(app, rfq) in text, text


@then(parsers.parse('the buyer receives a mail that contract "{reference}" is awarded, for '
                    "{value}"))
def award_mail(post: Post, rfq: Request, reference: str, value: str) -> None:
    mail, text = post.one("contract_awarded", BUYER)
    assert reference in str(mail["Subject"]) and value in text and f"{rfq.path}\n" in text


@then(parsers.parse('"{firm}" receives a mail about its work share'))
def share_mail(app: Marketplace, post: Post, cast: Cast, rfq: Request, firm: str) -> None:
    mail, text = post.one("work_share_awarded", _member(firm))
    shares = app.get_bid(rfq.bid).contract["shares"]  # type: ignore[index]
    [share] = [v for k, v in shares.items() if str(k) == str(cast.membership(firm))]
    assert f"{share.amount:,.2f}" in text, text
