"""The static export: exact members, self-contained pages, byte-identical documents, deterministic and cached."""

import datetime as dt
import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import fontpkg_sarabun
import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.accounts.models import User
from prongsai.disclosures.models import Document
from prongsai.disclosures.services import DraftContent, NewDocument
from prongsai.portal.export import STYLESHEET, export_document_name, unit_export_archive
from prongsai.publication.selectors import edition_current
from prongsai.thaidate import format_thai_date
from tests.register.documents import pdf_bytes

from .conftest import UNIT_SITE, EmbedWorld, _entry, _publish
from .test_embed_page import CODES

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
FIXED_MEMBERS = [
    "index.html",
    "en/index.html",
    "README.txt",
    "assets/embed.css",
    "fonts/sarabun/OFL.txt",
    "fonts/sarabun/Sarabun-Bold.ttf",
    "fonts/sarabun/Sarabun-Regular.ttf",
    "fonts/sarabun/Sarabun-SemiBold.ttf",
]
DOCUMENT_STEMS = ["document.pdf", "document.pdf", "2F-x-y.docx", "manual.pdf"]


@pytest.fixture(autouse=True)
def export_dir(settings: Any, tmp_path: Path) -> Path:
    directory = tmp_path / "exports"
    settings.PRONGSAI_EXPORT_DIR = directory
    return directory


def build(world: EmbedWorld) -> zipfile.ZipFile:
    archive = unit_export_archive(organization=world.unit, today=timezone.localdate())
    return zipfile.ZipFile(archive.path)


def document_members(world: EmbedWorld) -> list[str]:
    return [f"documents/{d.pk}-{stem}" for d, stem in zip(world.published_documents(), DOCUMENT_STEMS, strict=True)]


def test_member_list_is_exact_and_ordered(world: EmbedWorld) -> None:
    assert build(world).namelist() == FIXED_MEMBERS + document_members(world)


def references(archive: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """Return (member, attribute, address) for every href and src in the pages and url() in the style sheet."""
    found = []
    for member in ("index.html", "en/index.html"):
        tree = lxml.html.fromstring(archive.read(member))
        for element, attribute, link, _pos in tree.iterlinks():
            found.append((member, f"{element.tag}@{attribute}", link))
    css = archive.read("assets/embed.css").decode()
    found += [("assets/embed.css", "url()", url) for url in re.findall(r'url\("([^"]+)"\)', css)]
    return found


def test_every_relative_reference_resolves_to_a_member(world: EmbedWorld) -> None:
    archive = build(world)
    members = set(archive.namelist())
    relative = [(m, a, link) for m, a, link in references(archive) if not urlsplit(link).scheme]
    assert relative, "the pages must reference their style sheet and documents"
    for member, _attribute, link in relative:
        assert not link.startswith("/"), link
        target = posixpath.normpath(posixpath.join(posixpath.dirname(member), urlsplit(link).path))
        assert target in members, (member, link)
    assert {link for m, a, link in relative if m == "en/index.html" and "documents/" in link} == {
        "../" + name for name in document_members(world)
    }


def test_only_the_source_link_and_the_units_own_pages_point_outside(world: EmbedWorld) -> None:
    archive = build(world)
    external = sorted({(m, a, link) for m, a, link in references(archive) if urlsplit(link).scheme})
    assert external == sorted(
        [
            ("en/index.html", "a@href", UNIT_SITE),
            ("en/index.html", "a@href", f"{SITE}/en/units/unit-0/"),
            ("index.html", "a@href", UNIT_SITE),
            ("index.html", "a@href", f"{SITE}/th/units/unit-0/"),
        ]
    )
    for member in ("index.html", "en/index.html"):
        text = archive.read(member).decode()
        assert "/static/" not in text
        assert "/media/" not in text
        assert "/documents/1/" not in text
        tree = lxml.html.fromstring(text)
        assert tree.xpath("//p[@class='source']/a/@href") == [
            f"{SITE}/{'en' if 'en/' in member else 'th'}/units/unit-0/"
        ]
        assert tree.xpath("//script|//iframe|//form") == []


def test_pages_list_all_items_with_thai_text_intact(world: EmbedWorld) -> None:
    archive = build(world)
    thai = lxml.html.fromstring(archive.read("index.html").decode("utf-8"))
    english = lxml.html.fromstring(archive.read("en/index.html").decode("utf-8"))
    for tree in (thai, english):
        assert [a.get("id") for a in tree.xpath("//article")] == ["item-" + c.replace(".", "-") for c in CODES]
    assert thai.xpath("string(//h1)") == "กองทดสอบที่ 0"
    assert english.xpath("string(//h1)") == "Test division 0"
    assert thai.get("lang") == "th"
    assert english.get("lang") == "en"
    first = thai.xpath("//article[@id='item-5-1-1-1']")[0]
    assert first.xpath("string(.//div[@class='body'])") == 'โครงสร้างหน่วยงาน <ฝ่าย> "ก" & "ข"'
    assert first.xpath(".//ul[@class='documents']//a/text()") == ["แผนผังองค์กร", "แผนผังฝ่าย", '<b>"คู่มือ"</b>']
    assert "15 มีนาคม 2569" in thai.xpath("string(//article[@id='item-5-1-3']//span[@class='as-of'])")
    assert "15 March 2026" in english.xpath("string(//article[@id='item-5-1-3']//span[@class='as-of'])")
    assert "1 มิถุนายน 2567" in thai.xpath("string(//article[@id='item-5-1-8']//span[@class='as-of'])")


def test_documents_are_byte_identical_and_drafts_absent(world: EmbedWorld) -> None:
    archive = build(world)
    for document, member in zip(world.published_documents(), document_members(world), strict=True):
        with document.file.open("rb") as stored:
            assert archive.read(member) == stored.read()
    draft_names = [export_document_name(d) for d in Document.objects.filter(pk__in=world.draft_document_ids)]
    assert len(draft_names) == 2
    assert not set(draft_names) & set(archive.namelist())
    assert [n for n in archive.namelist() if n.startswith("documents/")] == document_members(world)


def test_stylesheet_font_and_licence_are_copied(world: EmbedWorld) -> None:
    archive = build(world)
    assert archive.read("assets/embed.css") == STYLESHEET.read_bytes()
    assert archive.read("fonts/sarabun/OFL.txt") == (fontpkg_sarabun.ROOT / "LICENSE").read_bytes()
    assert b"SIL OPEN FONT LICENSE Version 1.1" in archive.read("fonts/sarabun/OFL.txt")
    assert (
        archive.read("fonts/sarabun/Sarabun-Regular.ttf")
        == (fontpkg_sarabun.ROOT / "files" / "Sarabun-Regular.ttf").read_bytes()
    )


def test_readme_says_what_when_and_where(world: EmbedWorld) -> None:
    readme = build(world).read("README.txt").decode()
    today = timezone.localdate()
    assert readme.startswith("กองทดสอบที่ 0\n")
    assert format_thai_date(today) in readme  # Buddhist era
    assert f"{SITE}/th/units/unit-0/" in readme
    assert f"{SITE}/en/units/unit-0/" in readme
    assert f" {edition_current()}." in readme


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("../../etc/passwd", ".pdf", "documents/7-passwd.pdf"),
        ("..\\..\\boot.ini", ".pdf", "documents/7-boot.pdf"),
        ("แผนปฏิบัติราชการ 2569.pdf", ".pdf", "documents/7-2569.pdf"),
        ("รายงาน.pdf", ".pdf", "documents/7-document.pdf"),
        ("a/b/c.docx", ".docx", "documents/7-c.docx"),
        ("report.final.v2.xlsx", ".XLSX", "documents/7-report-final-v2.xlsx"),
        ("x" * 200 + ".pdf", ".pdf", "documents/7-" + "x" * 60 + ".pdf"),
        ("evil.pdf", "./../sh", "documents/7-evil.sh"),
    ],
)
def test_document_names_are_safe(name: str, extension: str, expected: str) -> None:
    assert export_document_name(Document(pk=7, original_name=name, extension=extension)) == expected


def test_same_edition_gives_the_same_bytes_and_reuses_the_file(
    world: EmbedWorld, export_dir: Path, django_assert_num_queries: Any
) -> None:
    today, unit = timezone.localdate(), world.unit
    with django_assert_num_queries(4):  # edition, entries, documents, websites
        first = unit_export_archive(organization=unit, today=today)
    content = first.path.read_bytes()
    assert first.built
    with django_assert_num_queries(1):
        again = unit_export_archive(organization=unit, today=today)
    assert (again.path, again.built) == (first.path, False)
    first.path.unlink()
    rebuilt = unit_export_archive(organization=world.unit, today=today)
    assert rebuilt.built
    assert rebuilt.path.read_bytes() == content
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(content)).infolist()} == {
        (today.year, today.month, today.day, 0, 0, 0)
    }
    assert sorted(p.name for p in export_dir.rglob("*") if p.is_file()) == [first.path.name]


def test_a_new_approval_rebuilds_and_drops_the_old_archive(world: EmbedWorld, export_dir: Path) -> None:
    today = timezone.localdate()
    before = unit_export_archive(organization=world.unit, today=today)
    people = {u.username: u for u in User.objects.filter(username__in=["editor", "reviewer1"])}
    version = _publish(
        world.unit,
        "5.1.2",
        people,
        DraftContent(body_th="<p>ข่าวใหม่</p>", as_of=today),
        add_documents=(NewDocument(SimpleUploadedFile("news.pdf", pdf_bytes("news"))),),
    )
    after = unit_export_archive(organization=world.unit, today=today)
    assert after.built
    assert after.edition == before.edition + 1
    assert after.path != before.path
    assert not before.path.exists()
    archive = zipfile.ZipFile(after.path)
    news = version.documents.get()
    assert f"documents/{news.pk}-news.pdf" in archive.namelist()
    thai = lxml.html.fromstring(archive.read("index.html").decode())
    assert thai.xpath("string(//article[@id='item-5-1-2']//div[@class='body'])") == "ข่าวใหม่"
    assert _entry(world.unit, "5.1.2").published_version_id == version.pk


def test_download_serves_the_built_archive(world: EmbedWorld, django_assert_num_queries: Any) -> None:
    with translation.override("th"):
        path = reverse("portal:export", kwargs={"slug": "unit-0"})
    client = Client()
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = unit_export_archive(organization=world.unit, today=timezone.localdate())
    assert response["Content-Disposition"] == f'attachment; filename="{archive.path.name}"'
    assert b"".join(response.streaming_content) == archive.path.read_bytes()
    with django_assert_num_queries(2):  # organization, edition
        assert b"".join(client.get(path).streaming_content) == archive.path.read_bytes()
    assert client.get(path.replace("unit-0", "nowhere")).status_code == 404


def test_command_writes_the_same_archive(world: EmbedWorld, tmp_path: Path) -> None:
    output = tmp_path / "unit-0.zip"
    out = io.StringIO()
    call_command("portal_export", "unit-0", "--output", str(output), stdout=out)
    archive = unit_export_archive(organization=world.unit, today=timezone.localdate())
    assert output.read_bytes() == archive.path.read_bytes()
    assert out.getvalue() == f"{output}: unit-0, public edition {archive.edition}, {output.stat().st_size} bytes\n"


def test_command_refuses_unknown_units_and_folders(world: EmbedWorld, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no active unit 'nowhere'"):
        call_command("portal_export", "nowhere", "--output", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="is a folder"):
        call_command("portal_export", "unit-0", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("portal_export", "unit-0", "--output", str(tmp_path / "missing" / "x.zip"))
    assert not (tmp_path / "x.zip").exists()


def test_only_strictly_older_archives_are_removed(world: EmbedWorld, export_dir: Path) -> None:
    unit, today, edition = world.unit, timezone.localdate(), edition_current()
    directory = export_dir / f"unit-{unit.pk}"
    directory.mkdir(parents=True)
    older = directory / f"prongsai-unit-0-{edition - 1}-{today:%Y%m%d}.zip"
    yesterday = directory / f"prongsai-unit-0-{edition}-{today - dt.timedelta(days=1):%Y%m%d}.zip"
    newer = directory / f"prongsai-unit-0-{edition + 1}-{today:%Y%m%d}.zip"
    for path in (older, yesterday, newer):
        path.write_bytes(b"PK")
    built = unit_export_archive(organization=unit, today=today)
    assert sorted(p.name for p in directory.iterdir()) == sorted([built.path.name, newer.name])
