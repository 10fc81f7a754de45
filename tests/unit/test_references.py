"""RFQ references: a code from the consortium's name, the year, a four-digit number."""

from __future__ import annotations

import itertools

import pytest

from domain.errors import InvalidValueError
from domain.references import check_code, check_reference, code_candidates, format_reference


def first(name: str, n: int = 1) -> list[str]:
    return list(itertools.islice(code_candidates(name), n))


def test_the_code_is_the_initials_of_the_names_words_without_small_words() -> None:
    assert first("Cantabria Global Metal") == ["CGM"]
    assert first("Sabores de Cantabria Export") == ["SCE"]
    assert first("Industrial Manufacturers of Cantabria") == ["IMC"]
    assert first("Énergies Marines d'Océan") == ["EMDO"]


def test_a_one_word_name_gives_its_first_letters_and_a_taken_code_a_number() -> None:
    assert first("Metalúrgica") == ["MET"]
    assert first("Cantabria Global Metal", 3) == ["CGM", "CGM2", "CGM3"]
    assert all(check_code(code) for code in first("42 Steel", 5))


def test_a_reference_has_a_four_digit_sequence_and_is_checked() -> None:
    assert format_reference("CGM", 2026, 42) == "CGM-2026-0042"
    assert format_reference("CGM", 2026, 12345) == "CGM-2026-12345"
    assert check_reference("CGM-2026-0042") == "CGM-2026-0042"
    for wrong in ("cgm-2026-0042", "CGM-26-0042", "CGM-2026-42", "CGM 2026 0042", None):
        with pytest.raises(InvalidValueError):
            check_reference(wrong)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        check_code("cg")
