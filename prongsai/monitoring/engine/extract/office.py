"""Extract text and core-property dates from DOCX (python-docx) and XLSX (openpyxl).

Both formats are ZIP packages and are only opened after :func:`.archive.inspect_archive` has
accepted the archive's declared sizes. The libraries raise a variety of errors on malformed
packages, lazily while iterating too, so each extractor catches the error types they are known
to raise on bad input and reports ``damaged_document`` instead.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable
from typing import Final

import docx
import openpyxl
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree
from openpyxl.utils.exceptions import InvalidFileException

from prongsai.monitoring.engine.extract.model import (
    Document,
    ExtractConfig,
    Extracted,
    Heading,
    Kind,
    Link,
    MetadataDates,
    Problem,
)
from prongsai.monitoring.engine.extract.text import LineCollector, clean_text

__all__ = ["extract_docx", "extract_xlsx"]

# What python-docx and openpyxl raise on malformed packages and XML (ParseError is a
# SyntaxError), zlib on corrupt deflate streams; KeyError/IndexError/TypeError come from
# missing parts and unexpected values.
_OFFICE_ERRORS: Final = (
    OpcError,
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    etree.LxmlError,
    SyntaxError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    OSError,
    EOFError,
)
_CELL_SEPARATOR: Final = " | "


def _date_of(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _heading_level(paragraph: Paragraph) -> int | None:
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    if name == "Title":
        return 1
    if name.startswith("Heading "):
        level = name.removeprefix("Heading ").strip()
        if level.isdigit() and 1 <= int(level) <= 9:
            return int(level)
    return None


class _CellBudget:
    """Count visited cells against the cap shared by a whole document."""

    def __init__(self, cells: int) -> None:
        self.left = cells
        self.exhausted = False

    def take(self) -> bool:
        self.left -= 1
        if self.left < 0:
            self.exhausted = True
        return not self.exhausted


def _table_rows(table: Table, budget: _CellBudget) -> Iterable[str]:
    for row in table.rows:
        cells: list[str] = []
        previous: object = None
        for cell in row.cells:
            if not budget.take():
                return
            # A merged cell appears once per grid column it spans; keep it once.
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(clean_text(cell.text))
        yield _CELL_SEPARATOR.join(cells)


def extract_docx(document: Document, config: ExtractConfig) -> Extracted:
    """Return the paragraphs and tables of a DOCX in reading order, its headings, links and dates.

    Headings come from the built-in heading styles; dates from the core properties
    (created, modified).
    """
    collector = LineCollector(config.max_text_chars)
    headings: list[Heading] = []
    links: list[Link] = []
    budget = _CellBudget(config.max_cells)
    try:
        word = docx.Document(io.BytesIO(document.body))
        properties = word.core_properties
        metadata = MetadataDates(created=_date_of(properties.created), modified=_date_of(properties.modified))
        title = clean_text(properties.title or "")
        for block in word.iter_inner_content():
            if collector.full or budget.exhausted:
                break
            if isinstance(block, Paragraph):
                text = block.text
                collector.add(text)
                level = _heading_level(block)
                if level is not None and clean_text(text):
                    headings.append(Heading(level=level, text=clean_text(text)))
                for hyperlink in block.hyperlinks:
                    address = hyperlink.address or ""
                    if address.lower().startswith(("http://", "https://", "mailto:")) and len(links) < config.max_links:
                        links.append(Link(url=address.strip(), text=clean_text(hyperlink.text)))
            else:
                for row in _table_rows(block, budget):
                    collector.add(row)
    except _OFFICE_ERRORS:
        return Extracted(kind=Kind.DOCX, url=document.url, problems=(Problem.DAMAGED_DOCUMENT,))
    problems = (Problem.TRUNCATED,) if collector.truncated or budget.exhausted else ()
    return Extracted(
        kind=Kind.DOCX,
        url=document.url,
        title=title or next((heading.text for heading in headings), ""),
        text=collector.text(),
        headings=tuple(headings),
        links=tuple(links),
        metadata=metadata,
        problems=problems,
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def extract_xlsx(document: Document, config: ExtractConfig) -> Extracted:
    """Return every sheet's rows (non-empty cells joined by " | "), sheet names as headings, and dates.

    The workbook is read in read-only mode with cached values (``data_only``): formulas are
    not evaluated, and memory stays flat on large sheets. Cells are capped across the workbook.
    """
    collector = LineCollector(config.max_text_chars)
    headings: list[Heading] = []
    budget = _CellBudget(config.max_cells)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(document.body), read_only=True, data_only=True)
        try:
            properties = workbook.properties
            metadata = MetadataDates(created=_date_of(properties.created), modified=_date_of(properties.modified))
            title = clean_text(properties.title or "")
            for sheet in workbook.worksheets:
                if collector.full or budget.exhausted:
                    break
                headings.append(Heading(level=1, text=clean_text(str(sheet.title))))
                for row in sheet.iter_rows(values_only=True):
                    cells: list[str] = []
                    for value in row:
                        if not budget.take():
                            break
                        text = clean_text(_cell_text(value))
                        if text:
                            cells.append(text)
                    collector.add(_CELL_SEPARATOR.join(cells))
                    if collector.full or budget.exhausted:
                        break
        finally:
            workbook.close()
    except _OFFICE_ERRORS:
        return Extracted(kind=Kind.XLSX, url=document.url, problems=(Problem.DAMAGED_DOCUMENT,))
    problems = (Problem.TRUNCATED,) if collector.truncated or budget.exhausted else ()
    return Extracted(
        kind=Kind.XLSX,
        url=document.url,
        title=title,
        text=collector.text(),
        headings=tuple(headings),
        metadata=metadata,
        problems=problems,
    )
