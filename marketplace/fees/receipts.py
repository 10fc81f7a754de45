"""Paying a fee issues its receipt: the next number of the consortium's year, with the
issuer's details and the tax its fees include, as they stand at that moment."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from domain.consortium import Consortium
from domain.membership import Membership
from domain.money import Money
from domain.receipts import Receipt, ReceiptIssuer
from marketplace.bidding.references import ReferenceCommands
from marketplace.commanding import command, contended_command


class ReceiptCommands(ReferenceCommands):
    # Members of one consortium take receipt numbers from its one register, as buyers take
    # RFQ references: they queue in a serial section, and the retries cover other processes.
    @contended_command(8)
    def pay_fee(
        self, membership_id: UUID | str, fee_id: str, amount: Money, reference: str
    ) -> None:
        """Record a fee's payment and issue its numbered receipt."""
        consortium_id = self._read(Membership, membership_id).consortium_id
        with self.notified_after(), self.serial.hold("reference-book", consortium_id):
            membership = self._load(Membership, membership_id)
            consortium = self._read(Consortium, consortium_id)
            number, numbered = self._number_receipt(consortium)
            membership.pay_fee(fee_id, amount, reference, Receipt(
                number, consortium.receipt_issuer, consortium.fee_tax))
            self.save(*numbered, membership)

    @command
    def set_receipt_issuer(
        self, consortium_id: UUID | str, *, legal_name: str, address: str, tax_id: str,
        contact: str,
    ) -> None:
        """Set the legal details the consortium's fee receipts name the issuer by."""
        consortium = self._load(Consortium, consortium_id)
        consortium.set_receipt_issuer(ReceiptIssuer.of(
            legal_name=legal_name, address=address, tax_id=tax_id, contact=contact))
        self.save(consortium)

    @command
    def set_fee_tax(self, consortium_id: UUID | str, name: str, rate: Decimal | str) -> None:
        """Say the tax the consortium's fees include from now on."""
        consortium = self._load(Consortium, consortium_id)
        consortium.set_fee_tax(name, rate)
        self.save(consortium)

    @command
    def remove_fee_tax(self, consortium_id: UUID | str) -> None:
        """The consortium's fees include no tax from now on."""
        consortium = self._load(Consortium, consortium_id)
        consortium.remove_fee_tax()
        self.save(consortium)
