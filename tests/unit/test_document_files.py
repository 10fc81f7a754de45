"""File checks: the type read from the content, the name cleaned, sizes and ZIPs bounded."""

from __future__ import annotations

import io

import pytest

from domain.errors import DocumentRefusedError, DocumentTooLargeError
from marketplace.documents.files import NAME_LIMIT, check_file, clean_name
from tests import documents

LIMIT = 25 * 1024 * 1024


@pytest.mark.parametrize("sent", sorted(documents.ACCEPTED))
def test_each_accepted_kind_is_known_by_its_content(sent: str):
    content, media_type, kept = documents.ACCEPTED[sent]
    checked = check_file(sent, io.BytesIO(content), LIMIT)
    assert (checked.media_type, checked.name, checked.size) == (media_type, kept, len(content))


def test_the_name_does_not_decide_the_type():
    checked = check_file("drawing.pdf", io.BytesIO(documents.PNG), LIMIT)
    assert checked.media_type == "image/png"
    assert checked.name == "drawing.pdf.png"


@pytest.mark.parametrize("content", [documents.SCRIPT, b"MZ\x90\x00\x03" + b"\x00" * 60,
                                     b"<html><script>alert(1)</script></html>",
                                     b"import os\nos.system('rm -rf /')\n",
                                     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100])
def test_a_script_or_program_renamed_pdf_is_refused(content: bytes):
    with pytest.raises(DocumentRefusedError, match="is not a PDF"):
        check_file("drawing.pdf", io.BytesIO(content), LIMIT)


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    with pytest.raises(DocumentTooLargeError, match="larger than 25 MB"):
        check_file("big.pdf", io.BytesIO(documents.PDF + b"\x00" * LIMIT), LIMIT)


def test_an_empty_file_is_refused():
    with pytest.raises(DocumentRefusedError, match="empty"):
        check_file("nothing.pdf", io.BytesIO(b""), LIMIT)


@pytest.mark.parametrize("name", ["../../etc/drawing.pdf", "C:\\Users\\x\\drawing.pdf",
                                  "/tmp/drawing.pdf", ".."])
def test_a_path_in_the_name_is_refused(name: str):
    with pytest.raises(DocumentRefusedError, match="path"):
        check_file(name, io.BytesIO(documents.PDF), LIMIT)


def test_names_lose_control_characters_and_stay_bounded():
    assert clean_name("dra\x00wing\u202e\n.pdf", "application/pdf") == "drawing.pdf"
    assert clean_name("  .hidden  ", "application/pdf") == "hidden.pdf"
    assert clean_name("", "application/pdf") == "document.pdf"
    long = clean_name("x" * 500 + ".step", "model/step")
    assert len(long) == NAME_LIMIT and long.endswith(".step")


def test_a_zip_bomb_is_refused():
    assert len(documents.ZIP_BOMB) < 1024 * 1024
    with pytest.raises(DocumentRefusedError, match="zip bomb"):
        check_file("drawings.zip", io.BytesIO(documents.ZIP_BOMB), LIMIT)


def test_a_zip_entry_outside_its_folder_is_refused():
    with pytest.raises(DocumentRefusedError, match="outside its folder"):
        check_file("drawings.zip", io.BytesIO(documents.ZIP_SLIP), LIMIT)


def test_a_zip_inside_a_zip_is_kept_unopened():
    nested = documents.zipped({"inner.zip": documents.ZIP_BOMB})
    # The inner bomb is never expanded: only the outer archive's own entries count.
    assert check_file("outer.zip", io.BytesIO(nested), LIMIT).media_type == "application/zip"


def test_the_digest_is_the_contents():
    import hashlib

    checked = check_file("a.csv", io.BytesIO(documents.CSV), LIMIT)
    assert checked.sha256 == hashlib.sha256(documents.CSV).hexdigest()
