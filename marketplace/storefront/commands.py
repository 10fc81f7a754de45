"""The consortium's own words for buyers: its published offer's text in each site language."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from domain.consortium import Consortium
from domain.errors import InvalidValueError
from marketplace.commanding import CommandBase, command


class OfferTextCommands(CommandBase):
    @command
    def translate_offer(self, consortium_id: UUID | str, texts: Mapping[str, str]) -> None:
        """Give the published offer's text in some of the site's languages, all or none;
        an empty text withdraws that language's, and an unchanged one records nothing."""
        if not isinstance(texts, Mapping):
            raise InvalidValueError("the offer's texts come as a text per language")
        consortium = self._load(Consortium, consortium_id)
        for language, summary in sorted(texts.items()):
            consortium.translate_offer(language, summary)
        self.save(consortium)
