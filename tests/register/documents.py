"""Small real files for upload tests, made in memory with the same libraries people's tools use."""

import io
import zipfile
from functools import cache

import docx
import openpyxl
import pymupdf
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@cache
def pdf_bytes(text: str = "แผนปฏิบัติราชการ 2569") -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), text.encode("ascii", "replace").decode())
    content = document.tobytes()
    document.close()
    return bytes(content)


@cache
def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("คู่มือการปฏิบัติงาน")
    document.save(buffer)
    return buffer.getvalue()


@cache
def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "งานที่จัดซื้อจัดจ้าง"
    sheet["B1"] = 125000
    workbook.save(buffer)
    return buffer.getvalue()


@cache
def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@cache
def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (4, 4)).save(buffer, "GIF")
    return buffer.getvalue()


@cache
def zip_bomb_bytes() -> bytes:
    """An archive dressed as a Word file whose one member expands from ~20 KB to 20 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


def corrupt_pdf_bytes() -> bytes:
    """A PDF header followed by bytes that are no PDF structure at all."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 2


def pageless_pdf_bytes() -> bytes:
    """A syntactically plausible PDF without a single page."""
    return b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
