"""`manage.py procurement summary`: see the command's docstring (management/commands/procurement.py).

    manage.py procurement summary --unit SLUG --month YYYY-MM --format xlsx|pdf --out FILE [--language th|en]

Writes the unit's summary (สขร.1) of the month, from its records as they stand, and says what it
wrote. A bad unit, month, format or language is refused with a Thai and English message and no
file is written.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from prongsai.organizations.models import Organization
from prongsai.rendering.pdf import PdfUnavailable

from .documents import summary_pdf, summary_xlsx
from .periods import BadMonth, parse_month_code
from .selectors import month_summary

FORMATS = ("xlsx", "pdf")
LANGUAGES = ("th", "en")


def add_arguments(parser: CommandParser) -> None:
    """Declare the subcommand's arguments (checked in `run`, so a mistake is told in Thai and English)."""
    parser.add_argument("--unit", required=True, help="the unit's slug")
    parser.add_argument("--month", required=True, help="the month, YYYY-MM (CE, or BE such as 2569-03)")
    parser.add_argument("--format", required=True, help="xlsx or pdf")
    parser.add_argument("--out", required=True, help="the file to write")
    parser.add_argument("--language", default="th", help="th (default) or en")


def run(options: dict[str, Any], *, stdout: Any) -> None:
    """Write the month's summary to the file; raise CommandError with a Thai and English message on bad input."""
    format, language = options["format"], options["language"]
    if format not in FORMATS:
        raise CommandError(
            f"รูปแบบไฟล์ต้องเป็น xlsx หรือ pdf ไม่ใช่ {format!r} / The format must be xlsx or pdf, not {format!r}."
        )
    if language not in LANGUAGES:
        raise CommandError(f"ภาษาต้องเป็น th หรือ en ไม่ใช่ {language!r} / The language must be th or en, not {language!r}.")
    try:
        month = parse_month_code(options["month"])
    except BadMonth:
        raise CommandError(
            f"เดือนต้องเขียนเป็น ปปปป-ดด เช่น 2026-03 หรือ 2569-03 ไม่ใช่ {options['month']!r} / "
            f"Write the month as YYYY-MM, such as 2026-03 or 2569-03, not {options['month']!r}."
        ) from None
    organization = Organization.objects.filter(slug=options["unit"]).first()
    if organization is None:
        raise CommandError(f"ไม่พบหน่วยงาน {options['unit']!r} / There is no unit {options['unit']!r}.")
    summary = month_summary(organization=organization, month=month)
    try:
        if format == "pdf":
            content = summary_pdf(summary, organization=organization, language=language)
        else:
            content = summary_xlsx(summary, organization=organization, language=language)
    except PdfUnavailable:
        raise CommandError(
            "เครื่องนี้ยังพิมพ์ไฟล์ PDF ไม่ได้ (ไม่มี Chromium) ใช้ --format xlsx ได้ / "
            "This machine cannot print PDF files (Chromium is not installed); use --format xlsx."
        ) from None
    out = Path(options["out"])
    try:
        out.write_bytes(content)
    except OSError as error:
        raise CommandError(f"เขียนไฟล์ {out} ไม่ได้ / Cannot write {out}: {error.strerror}") from None
    state = f"closed as of {summary['as_of']}" if summary["closed"] else "not closed yet"
    stdout.write(
        f"wrote {out}: สขร.1 of {organization.slug} {summary['month']} ({format}, {language}), "
        f"{summary['totals']['count']} rows, {state}, {len(content)} bytes"
    )
