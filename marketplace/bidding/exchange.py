"""The buyer's questions and revision requests, the manager's answers and revised quotes."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain import clock
from domain.bid import Bid
from domain.consortium import Consortium
from domain.deadlines import working_days_after
from domain.money import Money
from marketplace.commanding import CommandBase, command


class ExchangeCommands(CommandBase):
    @command
    def ask_question(self, bid_id: UUID | str, text: str) -> UUID:
        """The buyer asks the consortium a question about the RFQ; returns its id."""
        bid = self._load(Bid, bid_id)
        question_id = bid.ask_question(text)
        self.save(bid)
        return question_id

    @command
    def answer_question(
        self, bid_id: UUID | str, question_id: UUID | str, answer: str,
        shared_with_members: bool = False,
    ) -> None:
        """The manager answers a question, shared with the members asked to price or not."""
        bid = self._load(Bid, bid_id)
        bid.answer_question(question_id, answer, shared_with_members)
        self.save(bid)

    @command
    def share_answer(self, bid_id: UUID | str, question_id: UUID | str) -> None:
        """The manager shares an earlier answer with the members asked to price."""
        bid = self._load(Bid, bid_id)
        bid.share_answer(question_id)
        self.save(bid)

    @command
    def request_revision(self, bid_id: UUID | str, message: str) -> None:
        """The buyer asks for a revised quote; the consortium's response deadline applies."""
        bid = self._load(Bid, bid_id)
        rules = self._load(Consortium, bid.consortium_id).rules
        respond_by = (working_days_after(clock.now(), rules.quote_response_days)
                      if rules is not None else None)
        bid.request_revision(message, respond_by)
        self.save(bid)

    @command
    def send_revised_quote(
        self, bid_id: UUID | str, price: Money, valid_until: date, lead_time_days: int,
        *, payment_terms: str = "", warranty: str = "", taxes: str = "",
    ) -> int:
        """The manager sends the next version of the quote; returns its number (2, 3...)."""
        bid = self._load(Bid, bid_id)
        self._load(Consortium, bid.consortium_id).check_trading()
        number = bid.send_revised_quote(price, valid_until, lead_time_days, payment_terms,
                                        warranty, taxes)
        self.save(bid)
        return number
