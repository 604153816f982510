"""Byte-for-byte reproducible PDF, DOCX, XLSX and PNG files for the farm's sites.

The same seed must give identical files, so every timestamp a library would take from the clock (PDF
metadata and trailer ID, the zip entries and core properties of Office files) is fixed to the document's
own date. PDFs carry a real Thai text layer: text is placed with the Sarabun font without HTML layout,
whose shaping pass writes decomposed vowels (ำ as ํา) and private glyph names into the text layer.
"""

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence

import docx
import fontpkg_sarabun
import openpyxl
import pymupdf

FONT_FILE = fontpkg_sarabun.ROOT / "files" / "Sarabun-Regular.ttf"
_PAGE_WIDTH, _PAGE_HEIGHT, _MARGIN = 595.0, 842.0, 56.0
_BODY_SIZE, _TITLE_SIZE = 13.0, 17.0


def _wrap(text: str, font: pymupdf.Font, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width`, only at spaces (Thai words carry no spaces inside)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        wide = font.text_length(candidate, fontsize=size) > width  # type: ignore[no-untyped-call]
        if current and wide:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def pdf_bytes(title: str, paragraphs: Sequence[str], *, made_on: dt.date) -> bytes:
    """Return a reproducible A4 PDF with a title and paragraphs whose text extracts back exactly.

    Paragraphs flow onto further pages when the first is full. `made_on` becomes the PDF's creation and
    modification date, the metadata a monitor falls back on when the content carries no date.
    """
    font = pymupdf.Font(fontfile=str(FONT_FILE))  # type: ignore[no-untyped-call]
    document = pymupdf.open()  # type: ignore[no-untyped-call]
    try:
        width = _PAGE_WIDTH - 2 * _MARGIN
        page = None
        y = _PAGE_HEIGHT
        blocks = [(title, _TITLE_SIZE), *((p, _BODY_SIZE) for p in paragraphs)]
        for text, size in blocks:
            for line in _wrap(text, font, size, width):
                if page is None or y + size * 1.5 > _PAGE_HEIGHT - _MARGIN:
                    page = document.new_page(width=_PAGE_WIDTH, height=_PAGE_HEIGHT)
                    page.insert_font(fontname="sarabun", fontfile=str(FONT_FILE))  # type: ignore[no-untyped-call]
                    y = _MARGIN + size
                page.insert_text((_MARGIN, y), line, fontname="sarabun", fontsize=size)
                y += size * 1.5
            y += _BODY_SIZE * 0.6
        stamp = made_on.strftime("D:%Y%m%d090000+07'00'")
        document.set_metadata(
            {"title": title, "creator": "monitor farm", "producer": "PyMuPDF", "creationDate": stamp, "modDate": stamp}
        )
        document.subset_fonts()
        content: bytes = document.tobytes(garbage=3, deflate=True, no_new_id=True)  # type: ignore[no-untyped-call]
        return content
    finally:
        document.close()  # type: ignore[no-untyped-call]


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _repack(content: bytes, made_on: dt.date) -> bytes:
    """Rewrite an Office zip with every entry time and core-property date set to `made_on`."""
    stamp = (made_on.year, made_on.month, made_on.day, 9, 0, 0)
    iso = made_on.strftime("%Y-%m-%dT09:00:00Z").encode()
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(lambda m: m.group(1) + iso + m.group(3), data)
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()


def docx_bytes(title: str, paragraphs: Sequence[str], *, made_on: dt.date) -> bytes:
    """Return a reproducible Word document with a heading and paragraphs."""
    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    moment = dt.datetime(made_on.year, made_on.month, made_on.day, 9, 0)
    props = document.core_properties
    props.author = props.last_modified_by = "monitor farm"
    props.title = title
    props.created = props.modified = moment
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _repack(buffer.getvalue(), made_on)


def xlsx_bytes(sheet_title: str, header: Sequence[str], rows: Sequence[Sequence[object]], *, made_on: dt.date) -> bytes:
    """Return a reproducible workbook with one sheet: a header row, then the rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = re.sub(r"[\\/*?:\[\]]", " ", sheet_title)[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    moment = dt.datetime(made_on.year, made_on.month, made_on.day, 9, 0)
    workbook.properties.creator = "monitor farm"
    workbook.properties.created = workbook.properties.modified = moment
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _repack(buffer.getvalue(), made_on)


def png_bytes(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """Return a small solid-colour PNG (a stand-in photo or chart that loads), written without a clock."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(colour) * width
    raw = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
