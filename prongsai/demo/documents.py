"""Small real documents the demo attaches to some versions: one-page Thai PDFs and XLSX sheets.

PDFs are set by PyMuPDF in the Sarabun font with a text layer that extracts as the Thai written;
spreadsheets are written by openpyxl. Both pass the register's upload checks because they are what they claim.
"""

import datetime as dt
import io
from decimal import Decimal

import fontpkg_sarabun
import openpyxl
import pymupdf
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.styles import Font

from prongsai.disclosures.models import Document
from prongsai.disclosures.services import NewDocument
from prongsai.thaidate import fiscal_year_of, format_thai_date, format_thai_month

from .people import UnitStaff
from .plans import month_of_fiscal_year, procurements, projects
from .units import UnitSpec

_FONT_DIR = fontpkg_sarabun.ROOT / "files"
PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_bytes(title: str, paragraphs: list[str], footer: str) -> bytes:
    """Return a valid one-page A4 PDF with a Thai title, paragraphs and a footer line.

    Text is set with PyMuPDF's TextWriter in Sarabun, which keeps the PDF's text layer exactly the
    Thai that was written (its HTML box shapes Thai with glyph variants that extract as ํา and
    private-use characters instead of ำ, ี and ่). Lines break at spaces, as Thai prose is written.
    """
    # PyMuPDF's annotations are partial, hence the ignores on its untyped calls.
    regular = pymupdf.Font(fontfile=str(_FONT_DIR / "Sarabun-Regular.ttf"))  # type: ignore[no-untyped-call]
    bold = pymupdf.Font(fontfile=str(_FONT_DIR / "Sarabun-Bold.ttf"))  # type: ignore[no-untyped-call]
    document = pymupdf.open()  # type: ignore[no-untyped-call]
    try:
        page = document.new_page(width=595, height=842)
        body = pymupdf.TextWriter(page.rect)  # type: ignore[no-untyped-call]
        top = 56.0
        blocks = [(title, bold, 20, pymupdf.TEXT_ALIGN_CENTER)] + [
            (paragraph, regular, 14, pymupdf.TEXT_ALIGN_LEFT) for paragraph in paragraphs
        ]
        for text, font, size, align in blocks:
            body.fill_textbox(pymupdf.Rect(56, top, 539, 760), text, font=font, fontsize=size, align=align)  # type: ignore[no-untyped-call]
            top = body.last_point.y + size * 0.9
        body.write_text(page)  # type: ignore[no-untyped-call]
        meta = pymupdf.TextWriter(page.rect)  # type: ignore[no-untyped-call]
        meta.fill_textbox(pymupdf.Rect(56, top + 6, 539, 786), footer, font=regular, fontsize=11)  # type: ignore[no-untyped-call]
        meta.write_text(page, color=(0.33, 0.33, 0.33))  # type: ignore[no-untyped-call]
        document.set_metadata({"title": title, "creator": "Prongsai demo", "producer": "PyMuPDF"})
        document.subset_fonts()
        content: bytes = document.tobytes(garbage=3, deflate=True)  # type: ignore[no-untyped-call]
        return content
    finally:
        document.close()  # type: ignore[no-untyped-call]


def xlsx_bytes(sheet_title: str, header: list[str], rows: list[list[object]]) -> bytes:
    """Return a small XLSX workbook with one sheet: a bold header row and the rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    for column, width in zip("ABCDEFGHI", (8, 55, 20, 28, 28, 20), strict=False):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(name: str, content: bytes, media_type: str, title: str, language: str) -> NewDocument:
    return NewDocument(
        upload=SimpleUploadedFile(name, content, content_type=media_type), language=language, title=title
    )


def integrity_statement_pdf(unit: UnitSpec, staff: UnitStaff, signed_on: dt.date) -> NewDocument:
    """Return the signed integrity statement (5.1.3) of the unit's head as a Thai PDF."""
    fiscal_year = fiscal_year_of(signed_on)
    head = staff.head.name.full_th
    content = pdf_bytes(
        f"ประกาศ{unit.name_th}\nเรื่อง เจตจำนงสุจริตในการบริหารงาน ปีงบประมาณ พ.ศ. {fiscal_year}",
        [
            f"ข้าพเจ้า {head} {unit.head_title_th} ขอประกาศเจตจำนงว่าจะบริหารงานด้วยความซื่อสัตย์สุจริต "
            "โปร่งใส ตรวจสอบได้ ไม่แสวงหาประโยชน์โดยมิชอบ และเปิดเผยข้อมูลการดำเนินงานต่อสาธารณะอย่างครบถ้วน",
            "ขอให้บุคลากรทุกคนยึดถือเป็นแนวทางปฏิบัติ และร่วมกันป้องกันการทุจริตและประพฤติมิชอบในทุกรูปแบบ",
            f"ประกาศ ณ วันที่ {format_thai_date(signed_on)}",
            f"({head})  {unit.head_title_th}",
        ],
        f"เอกสารตัวอย่างสำหรับระบบสาธิต Prongsai – {unit.website}",
    )
    return _upload(
        f"integrity-statement-{unit.slug}-{fiscal_year}.pdf", content, PDF_TYPE,
        f"ประกาศเจตจำนงสุจริต ปีงบประมาณ พ.ศ. {fiscal_year} (ฉบับลงนาม)", Document.Language.THAI,
    )  # fmt: skip


def operating_manual_pdf(unit: UnitSpec, written_on: dt.date) -> NewDocument:
    """Return a one-page operating manual summary (5.1.8) as a Thai PDF."""
    section = unit.sections[0]
    content = pdf_bytes(
        f"คู่มือการปฏิบัติงาน{section}\n{unit.name_th}",
        [
            "วัตถุประสงค์: เพื่อให้การปฏิบัติงานเป็นมาตรฐานเดียวกัน ถูกต้องตามระเบียบ และตรวจสอบได้",
            "ขอบเขต: ครอบคลุมงานสารบรรณ งานการเงิน งานพัสดุ และงานบุคคลของส่วนงาน",
            "ขั้นตอน: 1) รับเรื่อง 2) ตรวจสอบเอกสาร 3) ดำเนินการ 4) เสนอผู้บังคับบัญชา 5) จัดเก็บและรายงานผล",
            "ระยะเวลา: งานทั่วไปแล้วเสร็จภายใน 3 วันทำการ งานที่ต้องขออนุมัติภายใน 7 วันทำการ",
        ],
        f"ปรับปรุงเมื่อ {format_thai_month(written_on)} – เอกสารตัวอย่างสำหรับระบบสาธิต Prongsai",
    )
    return _upload(
        f"operating-manual-{unit.slug}.pdf", content, PDF_TYPE, f"คู่มือการปฏิบัติงาน{section}", Document.Language.THAI
    )


def action_plan_xlsx(unit: UnitSpec, as_of: dt.date) -> NewDocument:
    """Return the unit's annual action plan (5.1.4) as a spreadsheet."""
    fiscal_year = fiscal_year_of(as_of)
    rows: list[list[object]] = [
        [
            i,
            p.name,
            p.budget,
            format_thai_month(month_of_fiscal_year(fiscal_year, p.start_month), abbreviated=True),
            format_thai_month(month_of_fiscal_year(fiscal_year, p.end_month), abbreviated=True),
            f"{p.indicator}: {p.target}",
        ]
        for i, p in enumerate(projects(unit, fiscal_year), start=1)
    ]
    content = xlsx_bytes(
        f"แผนปฏิบัติราชการ {fiscal_year}",
        ["ลำดับ", "โครงการ/กิจกรรม", "งบประมาณ (บาท)", "เริ่ม", "สิ้นสุด", "ตัวชี้วัด"],
        rows,
    )
    return _upload(
        f"action-plan-{unit.slug}-{fiscal_year}.xlsx", content, XLSX_TYPE,
        f"แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fiscal_year}", Document.Language.THAI,
    )  # fmt: skip


def procurement_plan_xlsx(unit: UnitSpec, as_of: dt.date) -> NewDocument:
    """Return the unit's annual procurement plan (5.1.7.1) as a spreadsheet."""
    fiscal_year = fiscal_year_of(as_of)
    rows: list[list[object]] = [
        [i, p.name, p.budget, p.method, format_thai_month(month_of_fiscal_year(fiscal_year, p.planned_month))]
        for i, p in enumerate(procurements(unit, fiscal_year), start=1)
    ]
    content = xlsx_bytes(
        f"แผนจัดซื้อจัดจ้าง {fiscal_year}",
        ["ลำดับ", "รายการ", "วงเงินงบประมาณ (บาท)", "วิธีจัดหา", "คาดว่าจะประกาศ"],
        rows,
    )
    return _upload(
        f"procurement-plan-{unit.slug}-{fiscal_year}.xlsx", content, XLSX_TYPE,
        f"แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {fiscal_year}", Document.Language.THAI,
    )  # fmt: skip
