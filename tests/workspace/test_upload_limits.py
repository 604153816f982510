"""Staff uploads refused while the request is read: too many files, one file too large, a body too long.

Each refusal answers with the edit form and a message in the page's language, stores no version,
no document and no file, and leaves no temporary file behind. Files that pass are streamed to
temporary files on disk and stored from there.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.test import Client
from django.urls import reverse
from django.utils import translation

from prongsai.disclosures.models import Document, EntryVersion
from tests.register.documents import pdf_bytes

from .conftest import Department

pytestmark = pytest.mark.django_db

LIMIT_BYTES = 64 * 1024


class RecordingHandler(FileUploadHandler):
    """Stands after the limit handler and records, per file, how many bytes were handed on to it."""

    # One list for the whole test (handlers are made per request), reset by the fixture.
    received: list[int] = []

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        RecordingHandler.received.append(0)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        RecordingHandler.received[-1] += len(raw_data)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@pytest.fixture
def limits(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """Small limits, every file on disk in directories of this test, and the recording handler in the chain.

    Yields the directory of the temporary upload files; documents are stored under MEDIA_ROOT, also new.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    temporary = tmp_path / "uploads"
    temporary.mkdir()
    settings.PRONGSAI_MAX_DOCUMENTS_PER_VERSION = 3
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    settings.PRONGSAI_MAX_DOCUMENT_BYTES = LIMIT_BYTES
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = str(temporary)
    settings.FILE_UPLOAD_HANDLERS = [
        "prongsai.disclosures.upload_limits.DocumentSizeLimitHandler",
        "tests.workspace.test_upload_limits.RecordingHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ]
    RecordingHandler.received = []
    yield temporary
    RecordingHandler.received = []


def edit_url(language: str = "th") -> str:
    with translation.override(language):
        return reverse("workspace:entry_edit", kwargs={"slug": "unit-0", "code": "5.1.4"})


def post(dept: Department, files: list[SimpleUploadedFile], language: str = "th", **extra: Any) -> Any:
    client = Client()
    client.force_login(dept.people["editor"])
    fields = {"body_th": "<p>แผน</p>", "as_of": "2026-11-01", "documents_language": "th", "documents": files}
    return client.post(edit_url(language), {**fields, **extra}, follow=True)


def pdf(name: str, padding: int = 0) -> SimpleUploadedFile:
    """A valid PDF, made larger by a comment after its end when `padding` is given."""
    return SimpleUploadedFile(name, pdf_bytes() + b"%" + b"x" * padding if padding else pdf_bytes())


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def stored_nothing(media_root: Path, temporary: Path) -> bool:
    return (
        not EntryVersion.objects.exists()
        and not Document.objects.exists()
        and not any(path.is_file() for path in media_root.rglob("*"))
        and not any(temporary.iterdir())
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("th", "ส่งไฟล์ได้ครั้งละไม่เกิน 3 ไฟล์ ไม่มีสิ่งใดถูกบันทึก"),
        ("en", "At most 3 files can be sent at once. Nothing was saved."),
    ],
)
def test_too_many_files_are_refused_with_a_message_and_nothing_stored(
    dept: Department, limits: Path, settings: Any, language: str, expected: str
) -> None:
    response = post(dept, [pdf(f"plan-{n}.pdf") for n in range(4)], language)
    assert [(url, status) for url, status in response.redirect_chain] == [(edit_url(language), 303)]
    assert response.status_code == 200
    assert messages_of(response) == [expected]
    # Django's parser stops at the fourth file: the limit handler saw three files begin.
    assert len(RecordingHandler.received) == 3
    assert stored_nothing(Path(settings.MEDIA_ROOT), limits)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("th", "ไฟล์ “big.pdf” มีขนาดเกินกว่าที่กำหนดไว้ 64.0\xa0KB ไม่มีสิ่งใดถูกบันทึก"),
        ("en", "“big.pdf” is larger than the limit of 64.0\xa0KB. Nothing was saved."),
    ],
)
def test_a_file_over_the_limit_is_refused_before_it_is_read_whole(
    dept: Department, limits: Path, settings: Any, language: str, expected: str
) -> None:
    response = post(dept, [pdf("small.pdf"), pdf("big.pdf", padding=4 * LIMIT_BYTES)], language)
    assert response.redirect_chain == [(edit_url(language), 303)]
    assert messages_of(response) == [expected]
    # The second file was cut off by the limit handler: what reached the handlers behind it is at
    # most the limit, not the 256 KB the file carries.
    assert len(RecordingHandler.received) == 2
    assert RecordingHandler.received[0] == len(pdf_bytes())
    assert 0 < RecordingHandler.received[1] <= LIMIT_BYTES
    assert stored_nothing(Path(settings.MEDIA_ROOT), limits)


def test_a_body_over_the_ceiling_is_refused_before_it_is_parsed(dept: Department, limits: Path, settings: Any) -> None:
    # 3 files × 64 KB + 16 KB of text + 1 MB of framing is the most one save may carry: 1.2 MB.
    response = post(dept, [pdf("plan.pdf")], "en", change_note="x" * (1300 * 1024))
    assert response.redirect_chain == [(edit_url("en"), 303)]
    [message] = messages_of(response)
    assert message.startswith("The files sent (")
    assert message.endswith(") are more than one save may carry (1.2\xa0MB). Nothing was saved.")
    assert RecordingHandler.received == []
    assert stored_nothing(Path(settings.MEDIA_ROOT), limits)


def test_files_within_the_limits_go_through_temporary_files_and_are_stored(
    dept: Department, limits: Path, settings: Any
) -> None:
    files = [pdf("plan.pdf"), pdf("annex.pdf", padding=LIMIT_BYTES - len(pdf_bytes()) - 1)]
    response = post(dept, files, "en", save="1")
    assert response.redirect_chain[0][1] == 302
    assert RecordingHandler.received == [len(pdf_bytes()), LIMIT_BYTES]
    documents = list(Document.objects.order_by("position"))
    assert [(d.original_name, d.size) for d in documents] == [
        ("plan.pdf", len(pdf_bytes())),
        ("annex.pdf", LIMIT_BYTES),
    ]
    assert (Path(settings.MEDIA_ROOT) / str(documents[1].file.name)).read_bytes() == (
        pdf_bytes() + b"%" + b"x" * (LIMIT_BYTES - len(pdf_bytes()) - 1)
    )
    assert not any(limits.iterdir())
