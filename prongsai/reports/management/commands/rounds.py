"""`manage.py rounds …`: the reporting rounds from the command line (measure 6.4).

    manage.py rounds ita-sheet FISCAL_YEAR --unit SLUG --out FILE.xlsx   a unit's ITA sheet of a fiscal year (BE)

One function per subcommand; each parses its arguments, calls one selector or service and writes the result.
Unknown units, years and rounds end in a CommandError (non-zero exit) with a Thai and English message.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from prongsai.organizations.models import Organization
from prongsai.thaitext import ascii_digits

from ...ita import ItaYearUnavailable, ita_sheet
from ...ita_xlsx import ita_sheet_xlsx


def _fiscal_year(text: str) -> int:
    """Read a Buddhist-era fiscal year written in Arabic or Thai digits ("2569", "๒๕๖๙")."""
    digits = ascii_digits(text.strip())
    if not digits.isdigit() or not 2500 <= int(digits) <= 2700:
        raise CommandError(
            f"ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569 ไม่ใช่ '{text}'"
            f" / the fiscal year must be a Buddhist-era year such as 2569, not '{text}'"
        )
    return int(digits)


def _unit(slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise CommandError(f"ไม่พบหน่วยงาน {slug} / no unit named {slug}")
    return organization


def ita_sheet_command(command: BaseCommand, options: dict[str, Any]) -> None:
    """Write a unit's ITA sheet of a fiscal year as XLSX and say how many codes have gaps."""
    fiscal_year = _fiscal_year(options["fiscal_year"])
    organization = _unit(options["unit"])
    try:
        sheet = ita_sheet(organization=organization, fiscal_year=fiscal_year, today=timezone.localdate())
    except ItaYearUnavailable as exc:
        raise CommandError(str(exc)) from exc
    out: Path = options["out"]
    try:
        out.write_bytes(ita_sheet_xlsx(sheet))
    except OSError as exc:
        raise CommandError(f"เขียนไฟล์ {out} ไม่ได้ ({exc.strerror}) / cannot write {out} ({exc.strerror})") from exc
    flagged = sum(1 for row in sheet.rows if row.flags)
    command.stdout.write(
        f"{out}: ITA {fiscal_year} {organization.slug}, {len(sheet.rows)} OIT codes, {flagged} with gaps"
    )


SUBCOMMANDS = {"ita-sheet": ita_sheet_command}


class Command(BaseCommand):
    help = "Reporting rounds: unit reports, the overall report and the ITA sheet (measure 6.4)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        ita = commands.add_parser("ita-sheet", help="write a unit's ITA sheet of a fiscal year as XLSX")
        ita.add_argument("fiscal_year", metavar="FISCAL_YEAR", help="Buddhist-era fiscal year, e.g. 2569 or ๒๕๖๙")
        ita.add_argument("--unit", required=True, metavar="SLUG", help="the unit's slug")
        ita.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help="where to write the workbook")

    def handle(self, *args: Any, **options: Any) -> None:
        SUBCOMMANDS[options["action"]](self, options)
