"""Documents are served through the access rule in every setting: no raw media route, even with DEBUG on."""

import datetime as dt
import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import clear_url_caches

import config.urls
from prongsai.disclosures.models import Document
from prongsai.disclosures.services import (
    DraftContent,
    NewDocument,
    Verdicts,
    version_approve,
    version_save_draft,
    version_submit,
)

from ..register.documents import pdf_bytes, upload
from ..workspace.conftest import Department
from .test_pages import entry_of

pytestmark = pytest.mark.django_db


def _reload_urls() -> None:
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def debug_urls(settings: Any) -> Iterator[None]:
    """Build the URL configuration as the development server (DEBUG on) builds it."""
    settings.DEBUG = True
    _reload_urls()
    yield
    settings.DEBUG = False
    _reload_urls()


def draft_with_document(dept: Department, code: str, content: bytes) -> Document:
    version = version_save_draft(
        actor=dept.people["editor"],
        entry=entry_of(dept.units[0], code),
        content=DraftContent(body_th="<p>แผน</p>", as_of=dt.date(2026, 11, 1)),
        add_documents=[NewDocument(upload=upload("แผน.pdf", content))],
    )
    return Document.objects.get(version=version)


def file_address(document: Document) -> str:
    """The address the raw media route would give the stored file (documents/<hash[:2]>/<hash>.pdf)."""
    return f"/media/{document.file.name}"


def test_an_unpublished_documents_file_is_not_served_by_its_hash(
    dept: Department, media_root: Any, debug_urls: None
) -> None:
    document = draft_with_document(dept, "5.1.4", pdf_bytes())
    assert (media_root / document.file.name).read_bytes() == pdf_bytes()
    assert file_address(document) == f"/media/documents/{document.sha256[:2]}/{document.sha256}.pdf"
    assert Client().get(file_address(document)).status_code == 404
    assert Client().get(f"/th/units/unit-0/documents/{document.pk}/{document.original_name}").status_code == 404


def test_a_published_document_is_served_through_the_portal_only(
    dept: Department, media_root: Any, debug_urls: None
) -> None:
    document = draft_with_document(dept, "5.1.4", pdf_bytes("published plan"))
    version_submit(actor=dept.people["editor"], version=document.version)
    version_approve(actor=dept.people["reviewer1"], version=document.version, verdicts=Verdicts(True, True, True))
    response = Client().get(f"/th/units/unit-0/documents/{document.pk}/{document.original_name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("published plan")
    assert Client().get(file_address(document)).status_code == 404


def test_no_route_serves_the_media_directory_with_debug_on(debug_urls: None) -> None:
    prefixes = [str(pattern.pattern) for pattern in config.urls.urlpatterns]
    assert not [prefix for prefix in prefixes if "media" in prefix]
