"""Register an agency, amend its details, change its programme."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from domain import ids
from domain.agency import Agency
from domain.errors import AgencyAlreadyRegisteredError
from domain.money import Money
from domain.receipts import ReceiptIssuer
from marketplace.commanding import CommandBase, command


class AgencyCommands(CommandBase):
    @command
    def register_agency(
        self, *, code: str, name: str, region: str, programme_cap: Money, annual_fee: Money,
        success_fee_percent: Decimal | int | str, legal_name: str, address: str, tax_id: str,
        contact: str,
    ) -> UUID:
        """Register an agency the installation serves; its consortia name it by its code."""
        agency = Agency.register(
            code=code, name=name, region=region, programme_cap=programme_cap,
            annual_fee=annual_fee, success_fee_percent=success_fee_percent,
            legal=ReceiptIssuer.of(legal_name=legal_name, address=address, tax_id=tax_id,
                                   contact=contact))
        if self._exists(agency.id):
            raise AgencyAlreadyRegisteredError("the agency %(code)s is already registered",
                                               code=self._read(Agency, agency.id).code)
        self.save(agency)
        return agency.id

    @command
    def amend_agency(self, agency_id: UUID | str, *, name: str, legal_name: str, address: str,
                     tax_id: str, contact: str) -> None:
        """Change the agency's name or the legal details its documents carry."""
        agency = self._load(Agency, agency_id)
        agency.amend_details(name, ReceiptIssuer.of(legal_name=legal_name, address=address,
                                                    tax_id=tax_id, contact=contact))
        self.save(agency)

    @command
    def change_programme(self, agency_id: UUID | str, *, programme_cap: Money,
                         annual_fee: Money, success_fee_percent: Decimal | int | str) -> None:
        """Change the agency's programme: its cap and the fees new consortia start from."""
        agency = self._load(Agency, agency_id)
        agency.change_programme(programme_cap, annual_fee, success_fee_percent)
        self.save(agency)

    def registered_agency(self, code: str) -> Agency | None:
        """The agency registered under this code, if one is (read only)."""
        agency_id = ids.agency_id(code)
        return self._read(Agency, agency_id) if self._exists(agency_id) else None
