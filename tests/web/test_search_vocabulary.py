"""The words the catalog's search document is made of: folded text, concepts in every
language, and the same stage and sector names the pages show."""

from __future__ import annotations

from marketplace.storefront.vocabulary import (
    LANGUAGES,
    STAGE_MSGIDS,
    concepts_in,
    country_names,
    fold,
    in_every_language,
)
from web.labels import STAGE_LABELS


def test_the_search_names_stages_by_the_msgids_the_pages_show() -> None:
    assert {stage: label._args[0] for stage, label in STAGE_LABELS.items()} == STAGE_MSGIDS


def test_text_is_folded_to_bare_lower_case_words() -> None:
    assert fold("  Núñez & Söhne: STRAẞE, \"acier\"*(NEAR) -x_y ") == \
        "nunez sohne strasse acier near x y"


def test_a_concept_named_in_one_language_brings_every_language() -> None:
    found = concepts_in(["Stahlträger", "ISO 14001:2015"])
    assert {"steel", "acero", "acier", "stahl", "umweltmanagement"} <= set(found)
    assert concepts_in(["fermented cheese"]) == ["cheese", "queso", "fromage", "kase"]
    assert concepts_in(["offers", "tourism"]) == []  # short names match whole words only


def test_countries_stages_and_sectors_are_named_in_every_language() -> None:
    assert country_names("DE") == ("DE", "Alemania", "Allemagne", "Deutschland", "Germany")
    assert country_names("XX") == ("XX",)
    assert in_every_language("Logistics and shipping")[0] == "Logistics and shipping"
    assert len(set(in_every_language("Manufacture of basic metals"))) == len(LANGUAGES)
