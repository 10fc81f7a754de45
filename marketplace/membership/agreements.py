"""Signing the member agreement: a member user's explicit act, kept in the history."""

from __future__ import annotations

from uuid import UUID

from domain.agreements import sha256
from domain.consortium import Consortium
from domain.errors import ConsortiumStateError
from domain.membership import Membership
from marketplace.commanding import CommandBase, as_uuid, command
from marketplace.people import person_record


class AgreementCommands(CommandBase):
    @command
    def sign_agreement(
        self, membership_id: UUID | str, *, account_id: UUID | str, name: str, email: str,
        version: int, agreement_sha256: str,
    ) -> None:
        """Sign the member agreement in force for the company, as the person named."""
        membership = self._load(Membership, membership_id)
        consortium = self._read(Consortium, membership.consortium_id)
        in_force = consortium.agreement()
        if in_force is None:
            raise ConsortiumStateError("the consortium has adopted no rules to sign yet")
        current, text = in_force
        signed = (current, sha256(text))
        signatory = person_record(name, email)  # the name typed, checked before anything
        membership.check_signature(version, agreement_sha256, signed)
        ref = self.vault.keep(signatory)
        try:
            membership.sign_agreement(version=version, agreement_sha256=agreement_sha256,
                                      in_force=signed, account_id=as_uuid(account_id),
                                      signatory=ref)
            self.save(membership)
        except BaseException:
            self.vault.discard(ref)
            raise
