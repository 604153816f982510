"""Scanned documents for tests: PDFs whose pages are pictures of Thai text, with no text layer at all."""

import io
import os

import fontpkg_sarabun
import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from prongsai.monitoring.engine.extract.pdf import _tessdata

SARABUN = str(fontpkg_sarabun.ROOT / "files" / "Sarabun-Regular.ttf")


def scan(lines: list[str]) -> bytes:
    """Return a PDF whose one page is a picture of ``lines`` (a scanned notice): no text layer at all."""
    picture = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(SARABUN, 40)
    for number, line in enumerate(lines):
        draw.text((100, 120 + 80 * number), line, fill=0, font=font)
    png = io.BytesIO()
    picture.save(png, format="PNG")
    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=png.getvalue())
    return bytes(pdf.tobytes())


def thai_ocr_or_skip() -> None:
    """Skip the test where Tesseract's Thai data is missing (fail instead where every service is required)."""
    if not _tessdata(None):
        if os.environ.get("PRONGSAI_REQUIRE_SERVICES") == "1":
            pytest.fail("Tesseract's Thai data (Debian: tesseract-ocr-tha) is not installed")
        pytest.skip("Tesseract's Thai data (Debian: tesseract-ocr-tha) is not installed")
