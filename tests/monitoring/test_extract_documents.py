"""PDF, DOCX and XLSX extraction: exact Thai text, metadata dates, and hostile files."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx
import openpyxl
import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.monitoring.engine.extract import (
    Document,
    ExtractConfig,
    Extracted,
    Heading,
    Kind,
    MetadataDates,
    Problem,
    extract,
    sniff_kind,
)
from prongsai.monitoring.engine.extract.pdf import parse_pdf_date

from .scans import SARABUN, scan, thai_ocr_or_skip

PLAN = "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569"
AS_OF = "ข้อมูล ณ วันที่ ๑๕ มีนาคม ๒๕๖๙"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _extract(body: bytes, url: str, content_type: str | None = None, config: ExtractConfig | None = None) -> Extracted:
    return extract(Document(url, content_type, None, body), config)


def _pdf(pages: list[list[str]], *, metadata: dict[str, str] | None = None, encrypt: bool = False) -> bytes:
    pdf = pymupdf.open()
    for lines in pages:
        page = pdf.new_page()
        for number, line in enumerate(lines):
            page.insert_text((72, 72 + 24 * number), line, fontname="sarabun", fontfile=SARABUN, fontsize=14)
    if metadata:
        pdf.set_metadata(metadata)
    if encrypt:
        return bytes(pdf.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner"))
    return bytes(pdf.tobytes())


def test_pdf_text_is_exact_thai_with_page_count_and_metadata_dates() -> None:
    body = _pdf(
        [[PLAN, AS_OF], ["โครงการพัฒนาระบบสารสนเทศ งบประมาณ 1,250,000 บาท"]],
        metadata={"title": "แผนปฏิบัติราชการ", "creationDate": "D:20260115103000+07'00'", "modDate": "D:25690310"},
    )

    extracted = _extract(body, "https://unit.go.th/files/plan", "application/octet-stream")

    assert extracted.kind is Kind.PDF
    assert extracted.text == f"{PLAN}\n{AS_OF}\nโครงการพัฒนาระบบสารสนเทศ งบประมาณ 1,250,000 บาท"
    assert "\u0e4d\u0e32" not in extracted.text  # sara am survived the PDF text layer
    assert extracted.title == "แผนปฏิบัติราชการ"
    assert extracted.page_count == 2
    assert extracted.metadata == MetadataDates(created=dt.date(2026, 1, 15), modified=dt.date(2026, 3, 10))
    assert extracted.problems == ()


def test_pdf_pages_beyond_the_cap_are_not_read() -> None:
    body = _pdf([[f"หน้า {number}"] for number in range(1, 6)])

    extracted = _extract(body, "https://unit.go.th/a.pdf", config=ExtractConfig(max_pdf_pages=2))

    assert extracted.text == "หน้า 1\nหน้า 2"
    assert extracted.page_count == 5
    assert extracted.problems == (Problem.TRUNCATED,)


def test_encrypted_pdf_is_reported_without_text() -> None:
    extracted = _extract(_pdf([[PLAN]], encrypt=True), "https://unit.go.th/a.pdf", "application/pdf")

    assert extracted.kind is Kind.PDF
    assert extracted.text == ""
    assert extracted.page_count == 1
    assert extracted.problems == (Problem.ENCRYPTED_PDF,)


def test_owner_password_only_pdf_is_read() -> None:
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), PLAN, fontname="sarabun", fontfile=SARABUN)
    body = pdf.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_128, owner_pw="owner", permissions=pymupdf.PDF_PERM_PRINT)

    assert _extract(body, "https://unit.go.th/a.pdf").text == PLAN


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", id="garbage"),
        pytest.param(b"%PDF-", id="header-only"),
        pytest.param(_pdf([[PLAN]])[:200], id="truncated"),
    ],
)
def test_damaged_pdf_is_reported(body: bytes) -> None:
    extracted = _extract(body, "https://unit.go.th/a.pdf", "application/pdf")

    assert extracted.kind is Kind.PDF
    assert extracted.text == ""
    assert extracted.problems == (Problem.DAMAGED_PDF,)


def test_scanned_pdf_without_text_layer_is_reported() -> None:
    pdf = pymupdf.open()
    page = pdf.new_page()
    pixmap = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 40, 40), False)
    pixmap.clear_with(200)
    page.insert_image(page.rect, pixmap=pixmap)

    extracted = _extract(pdf.tobytes(), "https://unit.go.th/scan.pdf")

    assert extracted.page_count == 1
    assert extracted.problems == (Problem.NO_TEXT_LAYER,)


def test_a_scanned_pdf_is_read_by_thai_ocr() -> None:
    thai_ocr_or_skip()
    body = scan(["แผนปฏิบัติราชการประจำปีงบประมาณ 2569", "โครงสร้างองค์กร สำนักงานเทศบาลตำบล"])

    extracted = _extract(body, "https://unit.go.th/scan.pdf")

    assert extracted.problems == (Problem.OCR,)
    assert pymupdf.open(stream=body, filetype="pdf")[0].get_text() == ""
    # Sara am comes out of Tesseract as nikhahit + sara aa; the Thai clean-up puts it back together.
    assert "แผนปฏิบัติราชการประจำปีงบประมาณ" in extracted.text.replace(" ", "")
    assert "โครงสร้างองค์กร" in extracted.text.replace(" ", "")
    assert "\u0e4d\u0e32" not in extracted.text


def test_ocr_reads_only_the_first_pages_and_can_be_turned_off() -> None:
    thai_ocr_or_skip()
    pages = [pymupdf.open(stream=scan([f"หน้าที่ {n} โครงสร้างองค์กร"]), filetype="pdf") for n in (1, 2)]
    merged = pymupdf.open()
    for page in pages:
        merged.insert_pdf(page)
    body = bytes(merged.tobytes())

    first_only = _extract(body, "https://unit.go.th/scan.pdf", config=ExtractConfig(ocr_max_pages=1))
    off = _extract(body, "https://unit.go.th/scan.pdf", config=ExtractConfig(ocr_languages=""))

    assert "1" in first_only.text
    assert "2" not in first_only.text
    assert (off.text, off.problems) == ("", (Problem.NO_TEXT_LAYER,))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("D:20240115103000+07'00'", dt.date(2024, 1, 15)),
        ("D:2024", dt.date(2024, 1, 1)),
        ("20240229", dt.date(2024, 2, 29)),
        ("D:25670315", dt.date(2024, 3, 15)),
        ("D:20241345", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_pdf_date(raw: str | None, expected: dt.date | None) -> None:
    assert parse_pdf_date(raw) == expected


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("คู่มือการปฏิบัติงาน", level=1)
    document.add_paragraph("สำนักงานคลังจังหวัด\u200bเชียงใหม่")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["ลำดับ", "ขั้นตอน", "ระยะเวลา"], strict=True):
        cell.text = text
    merged = table.rows[1].cells[1].merge(table.rows[1].cells[2])
    table.rows[1].cells[0].text = "1"
    merged.text = "รับเรื่องร้องเรียน"
    document.add_heading("ช่องทางการติดต่อ", level=2)
    document.add_paragraph(AS_OF)
    document.core_properties.created = dt.datetime(2025, 10, 1, 9, 0)
    document.core_properties.modified = dt.datetime(2026, 3, 15, 16, 30)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_tables_headings_and_core_dates() -> None:
    extracted = _extract(_docx(), "https://unit.go.th/download.php?id=7", DOCX_TYPE)

    assert extracted.kind is Kind.DOCX
    assert extracted.text.splitlines() == [
        "คู่มือการปฏิบัติงาน",
        "สำนักงานคลังจังหวัดเชียงใหม่",
        "ลำดับ | ขั้นตอน | ระยะเวลา",
        "1 | รับเรื่องร้องเรียน",
        "ช่องทางการติดต่อ",
        AS_OF,
    ]
    assert extracted.headings == (Heading(1, "คู่มือการปฏิบัติงาน"), Heading(2, "ช่องทางการติดต่อ"))
    assert extracted.title == "คู่มือการปฏิบัติงาน"
    assert extracted.metadata == MetadataDates(created=dt.date(2025, 10, 1), modified=dt.date(2026, 3, 15))
    assert extracted.problems == ()


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "สขร.1 มี.ค. 69"
    sheet.append(["ลำดับ", "งานที่จัดซื้อจัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง", "วันที่สัญญา"])
    sheet.append([1, "จ้างทำความสะอาดอาคาร", 120000.0, dt.datetime(2026, 3, 2)])
    sheet.append([2, "ซื้อวัสดุสำนักงาน", 15250.5, None])
    sheet.append([])
    second = workbook.create_sheet("หมายเหตุ")
    second["B2"] = "ข้อมูล ณ วันที่ 31 มีนาคม 2569"
    workbook.properties.created = dt.datetime(2026, 3, 1, 8, 0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl stamps "modified" with the clock on save; write the date a real file would carry.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as saved:
        members = {info.filename: saved.read(info) for info in saved.infolist()}
    members["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-04-02T10:00:00Z", members["docProps/core.xml"]
    )
    return _zip(members)


def test_xlsx_rows_sheets_and_properties() -> None:
    extracted = _extract(_xlsx(), "https://unit.go.th/files/skr1.xlsx", "application/octet-stream")

    assert extracted.kind is Kind.XLSX
    assert extracted.text.splitlines() == [
        "ลำดับ | งานที่จัดซื้อจัดจ้าง | วงเงินที่จะซื้อหรือจ้าง | วันที่สัญญา",
        "1 | จ้างทำความสะอาดอาคาร | 120000 | 2026-03-02",
        "2 | ซื้อวัสดุสำนักงาน | 15250.5",
        "ข้อมูล ณ วันที่ 31 มีนาคม 2569",
    ]
    assert extracted.headings == (Heading(1, "สขร.1 มี.ค. 69"), Heading(1, "หมายเหตุ"))
    assert extracted.metadata == MetadataDates(created=dt.date(2026, 3, 1), modified=dt.date(2026, 4, 2))
    assert extracted.problems == ()


def test_xlsx_cells_are_capped() -> None:
    extracted = _extract(_xlsx(), "https://unit.go.th/a.xlsx", config=ExtractConfig(max_cells=6))

    assert extracted.text.splitlines() == [
        "ลำดับ | งานที่จัดซื้อจัดจ้าง | วงเงินที่จะซื้อหรือจ้าง | วันที่สัญญา",
        "1 | จ้างทำความสะอาดอาคาร",
    ]
    assert extracted.problems == (Problem.TRUNCATED,)


def test_the_package_parts_decide_docx_or_xlsx_whatever_the_label() -> None:
    assert _extract(_xlsx(), "https://unit.go.th/a.docx", DOCX_TYPE).kind is Kind.XLSX
    assert _extract(_docx(), "https://unit.go.th/a", "application/zip").kind is Kind.DOCX


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("members", "config"),
    [
        pytest.param(
            {"[Content_Types].xml": b"<x/>", "word/document.xml": b"\0" * 3_000_000},
            ExtractConfig(zip_ratio_floor_bytes=1_000_000),
            id="ratio",
        ),
        pytest.param(
            {"xl/workbook.xml": b"<x/>", **{f"xl/s{n}.xml": b"a" for n in range(30)}},
            ExtractConfig(max_zip_members=20),
            id="members",
        ),
        pytest.param(
            {"word/document.xml": b"<w/>" * 1000, "word/media/a.bin": bytes(range(256)) * 40},
            ExtractConfig(max_zip_uncompressed_bytes=10_000),
            id="total-size",
        ),
    ],
)
def test_zip_bombs_are_refused_before_opening(members: dict[str, bytes], config: ExtractConfig) -> None:
    body = _zip(members)

    extracted = _extract(body, "https://unit.go.th/a.docx", DOCX_TYPE, config=config)

    assert extracted.problems == (Problem.ZIP_BOMB,)
    assert extracted.text == ""


def test_a_real_deflate_bomb_with_default_caps() -> None:
    body = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>", "xl/worksheets/s.xml": b"\0" * 30_000_000})

    extracted = _extract(body, "https://unit.go.th/a.xlsx", XLSX_TYPE)

    assert len(body) < 100_000
    assert extracted.kind is Kind.XLSX
    assert extracted.problems == (Problem.ZIP_BOMB,)


@pytest.mark.parametrize(
    ("body", "url", "kind", "problems"),
    [
        pytest.param(
            b"PK\x03\x04 not really a zip", "https://u/a.docx", Kind.DOCX, (Problem.DAMAGED_DOCUMENT,), id="bad-zip"
        ),
        pytest.param(
            _zip({"word/document.xml": b"<not xml"}),
            "https://u/a.docx",
            Kind.DOCX,
            (Problem.DAMAGED_DOCUMENT,),
            id="bad-docx",
        ),
        pytest.param(
            _zip({"xl/workbook.xml": b"<not xml"}),
            "https://u/a.xlsx",
            Kind.XLSX,
            (Problem.DAMAGED_DOCUMENT,),
            id="bad-xlsx",
        ),
        pytest.param(
            _zip({"a.txt": b"x"}), "https://u/a.zip", Kind.OTHER, (Problem.UNSUPPORTED_FORMAT,), id="plain-zip"
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "https://u/a.doc",
            Kind.OTHER,
            (Problem.UNSUPPORTED_FORMAT,),
            id="legacy-doc",
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "https://u/a", Kind.IMAGE, (), id="png"),
        pytest.param(b"%PDF-1.4" + b"\0" * 10, "https://u/a.pdf", Kind.PDF, (Problem.DAMAGED_PDF,), id="damaged-pdf"),
    ],
)
def test_format_detection_and_broken_packages(body: bytes, url: str, kind: Kind, problems: tuple[Problem, ...]) -> None:
    extracted = _extract(body, url)

    assert extracted.kind is kind
    assert extracted.problems == problems


@pytest.mark.parametrize(
    ("content_type", "url", "head", "kind"),
    [
        ("text/html; charset=tis-620", "https://u/a.pdf", b"<html>", Kind.HTML),
        ("text/html", "https://u/a", b"%PDF-1.5", Kind.PDF),
        (None, "https://u/index.php", b"hello", Kind.HTML),
        (None, "https://u/a.bin", b"hello", Kind.OTHER),
        ("application/pdf", "https://u/a", b"", Kind.PDF),
        ("image/jpeg", "https://u/a", b"", Kind.IMAGE),
        (None, "https://u/a", b"  <!DOCTYPE html>", Kind.HTML),
    ],
)
def test_sniff_kind(content_type: str | None, url: str, head: bytes, kind: Kind) -> None:
    assert sniff_kind(Document(url, content_type, None, head)) is kind


def test_documents_over_the_byte_cap_are_not_opened() -> None:
    extracted = _extract(_pdf([[PLAN]]), "https://u/a.pdf", config=ExtractConfig(max_document_bytes=100))

    assert extracted.problems == (Problem.TOO_LARGE,)


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"", b"\x89PNG\r\n\x1a\n"]),
    body=st.binary(max_size=1500),
    url=st.sampled_from(["https://u/a.pdf", "https://u/a.docx", "https://u/a.xlsx", "https://u/a"]),
)
def test_arbitrary_bodies_never_raise(prefix: bytes, body: bytes, url: str) -> None:
    extracted = _extract(prefix + body, url)

    assert isinstance(extracted.kind, Kind)


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=0, max_value=4000), flip=st.integers(min_value=0, max_value=255))
def test_corrupted_real_documents_never_raise(cut: int, flip: int) -> None:
    for body, url in ((_DOCX, "https://u/a.docx"), (_XLSX, "https://u/a.xlsx"), (_PDF, "https://u/a.pdf")):
        position = cut % len(body)
        damaged = body[:position] + bytes([flip]) + body[position + 1 :]
        assert isinstance(_extract(damaged, url).problems, tuple)
        assert isinstance(_extract(body[:position], url).problems, tuple)


_DOCX = _docx()
_XLSX = _xlsx()
_PDF = _pdf([[PLAN]])
