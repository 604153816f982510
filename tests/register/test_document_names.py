"""A document's name: judged whole for its extension, kept shortened (with its extension) to show."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from prongsai.disclosures.services import NewDocument, version_save_draft
from prongsai.disclosures.uploads import MAX_NAME_CHARS, check_document, document_display_name

from .conftest import NOW, World, content_for, stored_files
from .documents import pdf_bytes, png_bytes, upload

# 300 Thai characters and ".pdf": 304 characters, as in the report of issue 10.
THAI_STEM = ("รายงานผลการดำเนินงานตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. ๒๕๖๙ " * 6)[:300]
LONG_THAI_NAME = THAI_STEM + ".pdf"


def test_the_long_name_is_as_reported() -> None:
    assert len(LONG_THAI_NAME) == 304


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("แผน.pdf", "แผน.pdf"),
        ("C:\\Users\\สมชาย\\แผน.pdf", "แผน.pdf"),
        ("folder/แผน.pdf", "แผน.pdf"),
        ("", "document"),
        (None, "document"),
        ("ก" * 200 + ".pdf", "ก" * 195 + "….pdf"),
        ("ก" * 196 + ".pdf", "ก" * 196 + ".pdf"),
        ("ก" * 197 + ".pdf", "ก" * 195 + "….pdf"),
        ("ก" * 250, "ก" * 199 + "…"),
        ("ก" * 10 + "." + "x" * 100, "ก" * 10 + "." + "x" * 100),
        ("ก" * 150 + "." + "x" * 100, ("ก" * 150 + "." + "x" * 100)[:199] + "…"),
    ],
)
def test_display_names(raw: str | None, shown: str) -> None:
    assert document_display_name(raw) == shown
    assert len(shown) <= MAX_NAME_CHARS


def test_a_pdf_with_a_304_character_thai_name_is_accepted_and_keeps_its_extension() -> None:
    checked = check_document(upload(LONG_THAI_NAME, pdf_bytes()))
    assert (checked.media_type, checked.extension) == ("application/pdf", ".pdf")
    assert checked.original_name == THAI_STEM[:195] + "….pdf"


def test_a_long_name_with_the_wrong_extension_is_still_refused() -> None:
    with pytest.raises(ValidationError) as error:
        check_document(upload(THAI_STEM + ".pdf", png_bytes()))
    assert error.value.messages == [f"The extension of “{THAI_STEM[:195]}….pdf” does not match its content (.png)."]


def test_the_long_name_is_stored_shortened_through_the_service(world: World, media_root: Path) -> None:
    entry = world.entry(world.unit_a, "M.1")
    version = version_save_draft(
        actor=world.person("editor_a"),
        entry=entry,
        content=content_for("M.1"),
        add_documents=[NewDocument(upload(LONG_THAI_NAME, pdf_bytes()), "th", "")],
        now=NOW,
    )
    document = version.documents.get()
    assert (document.original_name, document.extension, document.size) == (
        THAI_STEM[:195] + "….pdf",
        ".pdf",
        len(pdf_bytes()),
    )
    assert stored_files(media_root) == [document.file.name]
