"""A static copy of a unit's public section that the unit can unpack on its own web server.

The archive holds a Thai page (`index.html`) and an English one (`en/index.html`) listing every
item as the embed page does, the embed style sheet, the Sarabun font with its licence, every
published document and a README. Every link inside points to another member by a relative
address; the only addresses of the portal are the explicit "source" links back to the live page.

Archives are built once per unit, public edition and day (an item turns overdue when its review
day passes without anyone publishing) and kept on disk, so repeated downloads cost nothing. The
same inputs always give the same bytes: members in a fixed order with a fixed timestamp.
"""

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import fontpkg_sarabun
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from prongsai.disclosures.models import Document
from prongsai.organizations.models import Organization
from prongsai.publication.selectors import edition_current

from .selectors import PublicUnitPage, public_unit_page

STYLESHEET = Path(__file__).resolve().parent / "static" / "portal" / "embed.css"
# The faces embed.css declares, and the licence the font ships with (the package names it LICENSE).
FONT_FILES = ("Sarabun-Bold.ttf", "Sarabun-Regular.ttf", "Sarabun-SemiBold.ttf")
FONT_LICENCE = fontpkg_sarabun.ROOT / "LICENSE"
_CHUNK = 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class ExportArchive:
    """A built archive on disk and the edition and day it shows."""

    path: Path
    edition: int
    day: dt.date
    built: bool  # False when an archive already on disk was reused

    @property
    def download_name(self) -> str:
        return self.path.name


def export_document_name(document: Document) -> str:
    """Return a document's member name: its id (so two files of the same name never collide) and a safe stem.

    Only ASCII letters, digits, '-' and '_' survive from the uploaded name, so no name can climb out
    of `documents/` or trouble a web server; the extension is the one checked at upload.
    """
    stem = _UNSAFE.sub("-", Path(document.original_name).stem).strip("-_")[:60] or "document"
    extension = _UNSAFE.sub("", document.extension.lstrip(".")).lower()[:8]
    return f"documents/{document.pk}-{stem}" + (f".{extension}" if extension else "")


def export_directory() -> Path:
    """Return the directory that keeps built archives (PRONGSAI_EXPORT_DIR)."""
    return Path(settings.PRONGSAI_EXPORT_DIR)


def unit_export_archive(*, organization: Organization, today: dt.date) -> ExportArchive:
    """Return the unit's archive for the current public edition and day, building it only if absent.

    Four queries when it is built (edition, entries, documents, websites), one when it is reused.
    The archive is written to a temporary file next to its final name and renamed into place, so
    a reader never sees half an archive and two builders racing each other both end well; older
    archives of the unit are removed afterwards.
    """
    edition = edition_current()
    directory = export_directory() / f"unit-{organization.pk}"
    path = directory / f"prongsai-{organization.slug}-{edition}-{today:%Y%m%d}.zip"
    if path.exists():
        return ExportArchive(path, edition, today, built=False)
    page = public_unit_page(organization=organization, today=today)
    directory.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=directory, prefix=".building-", suffix=".zip", delete=False)  # noqa: SIM115
    try:
        with handle:
            _write_archive(handle, page=page, edition=edition, today=today)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    for older in directory.glob("prongsai-*.zip"):
        if _edition_and_day(older) < (edition, today):
            older.unlink(missing_ok=True)
    return ExportArchive(path, edition, today, built=True)


def _edition_and_day(path: Path) -> tuple[int, dt.date]:
    """Read the edition and day back from an archive's name; a name not ours sorts first.

    Only strictly older archives are removed, so a slow builder of an old edition never deletes
    the newer archive another request is about to send.
    """
    try:
        _prefix, edition, day = path.stem.rsplit("-", 2)
        return int(edition), dt.date.fromisoformat(day)
    except ValueError:
        return 0, dt.date.min


def _member(name: str, today: dt.date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(today.year, today.month, today.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever system builds it, so the bytes never depend on the host
    info.external_attr = 0o100644 << 16
    return info


def _page_html(page: PublicUnitPage, *, language: str, edition: int, today: dt.date, hrefs: dict[int, str]) -> str:
    root = "../" if language == "en" else ""
    with translation.override(language):
        source_url = _source_url(page.organization)
        context = {
            "page": page,
            "organization": page.organization,
            "root": root,
            "today": today,
            "edition": edition,
            "source_url": source_url,
            "document_hrefs": {pk: root + href for pk, href in hrefs.items()},
        }
        return render_to_string("portal/export/index.html", context)


def _source_url(organization: Organization) -> str:
    return settings.PRONGSAI_SITE_URL.rstrip("/") + reverse("portal:unit", args=[organization.slug])


def _readme(page: PublicUnitPage, *, edition: int, today: dt.date) -> str:
    with translation.override("th"):
        source_th = _source_url(page.organization)
    with translation.override("en"):
        source_en = _source_url(page.organization)
    context = {
        "organization": page.organization,
        "edition": edition,
        "today": today,
        "source_th": source_th,
        "source_en": source_en,
    }
    return render_to_string("portal/export/README.txt", context)


def _write_archive(target: IO[bytes], *, page: PublicUnitPage, edition: int, today: dt.date) -> None:
    documents = sorted((d for item in page.items for d in item.documents), key=lambda d: d.pk)
    hrefs = {document.pk: export_document_name(document) for document in documents}
    with zipfile.ZipFile(target, "w") as archive:
        for language, name in (("th", "index.html"), ("en", "en/index.html")):
            html = _page_html(page, language=language, edition=edition, today=today, hrefs=hrefs)
            archive.writestr(_member(name, today), html.encode())
        archive.writestr(_member("README.txt", today), _readme(page, edition=edition, today=today).encode())
        archive.writestr(_member("assets/embed.css", today), STYLESHEET.read_bytes())
        archive.writestr(_member("fonts/sarabun/OFL.txt", today), FONT_LICENCE.read_bytes())
        for font in FONT_FILES:
            info = _member(f"fonts/sarabun/{font}", today)
            with (fontpkg_sarabun.ROOT / "files" / font).open("rb") as source, archive.open(info, "w") as sink:
                shutil.copyfileobj(source, sink, _CHUNK)
        for document in documents:
            info = _member(hrefs[document.pk], today)
            info.file_size = document.size
            with document.file.open("rb") as source, archive.open(info, "w") as sink:
                shutil.copyfileobj(source, sink, _CHUNK)
