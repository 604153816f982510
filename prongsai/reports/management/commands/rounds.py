"""`manage.py rounds …`: the reporting rounds from the command line.

    manage.py rounds report ROUND --format pdf|xlsx --out FILE [--language th|en]
        write the overall report of a round (e.g. 2569-6)
    manage.py rounds unit-report ROUND --unit SLUG --format pdf|xlsx --out FILE [--language th|en]
        write the current version of a unit's report of a round

A frozen report (a submitted unit report, an approved overall report) is written from the file
kept when it was first rendered, so the command and the download give the same bytes. An unknown
round or unit, or a report not written yet, ends the command with a message and a non-zero status.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.organizations.models import Organization

from ...files import FORMATS, LANGUAGES, report_file
from ...models import OverallReport, Round, UnitReport, UnitReportVersion
from ...workflow import UnknownRound, round_from_code


def _round(code: str) -> Round:
    """Return the round of a code such as 2569-6, refusing a malformed code or a round never opened."""
    try:
        period = round_from_code(code)
    except UnknownRound:
        raise CommandError(
            f"รหัสรอบ {code} ไม่ถูกต้อง ใช้รูปแบบ 2569-6 หรือ 2569-12 / "
            f"{code} is not a round code: write it like 2569-6 or 2569-12"
        ) from None
    found = Round.objects.filter(fiscal_year=period.fiscal_year, kind=period.kind.value).first()
    if found is None:
        raise CommandError(f"ไม่มีรอบการรายงาน {code} / there is no reporting round {code}")
    return found


def _write(out: str, content: bytes, stdout: Any) -> None:
    """Write the file, refusing clearly when the destination cannot be written."""
    path = Path(out)
    try:
        path.write_bytes(content)
    except OSError as error:
        raise CommandError(f"เขียนไฟล์ {out} ไม่ได้ / cannot write {out}: {error.strerror}") from None
    stdout.write(f"เขียน {out} แล้ว ({len(content)} ไบต์) / wrote {out} ({len(content)} bytes)")


class Command(BaseCommand):
    help = "Reporting rounds (measure 6.4): write the overall report or a unit's report as PDF or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        report = commands.add_parser("report", help="write the overall report of a round")
        report.add_argument("round", metavar="ROUND", help="the round's code, e.g. 2569-6")
        report.add_argument("--format", choices=FORMATS, required=True)
        report.add_argument("--out", required=True, metavar="FILE")
        report.add_argument("--language", choices=LANGUAGES, default="th")
        unit = commands.add_parser("unit-report", help="write a unit's report of a round")
        unit.add_argument("round", metavar="ROUND", help="the round's code, e.g. 2569-6")
        unit.add_argument("--unit", required=True, metavar="SLUG")
        unit.add_argument("--format", choices=FORMATS, required=True)
        unit.add_argument("--out", required=True, metavar="FILE")
        unit.add_argument("--language", choices=LANGUAGES, default="th")

    def handle(self, *args: Any, **options: Any) -> None:
        handlers = {"report": self._report, "unit-report": self._unit_report}
        handlers[options["action"]](options)

    def _report(self, options: dict[str, Any]) -> None:
        """Write the overall report of the round."""
        round_ = _round(options["round"])
        report = (
            OverallReport.objects.select_related("round", "created_by", "sent_by", "approved_by")
            .filter(round=round_)
            .first()
        )
        if report is None:
            raise CommandError(
                f"ยังไม่ได้จัดทำรายงานภาพรวมของรอบ {round_.code} / "
                f"the overall report of round {round_.code} has not been compiled yet"
            )
        content = report_file(overall=report, format=options["format"], language=options["language"])
        _write(options["out"], content, self.stdout)

    def _unit_report(self, options: dict[str, Any]) -> None:
        """Write the current version of the unit's report of the round."""
        round_ = _round(options["round"])
        slug = options["unit"]
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise CommandError(f"ไม่พบหน่วยงาน {slug} / no unit named {slug}")
        report = UnitReport.objects.filter(round=round_, organization=organization).first()
        if report is None or report.current_version_id is None:
            raise CommandError(
                f"หน่วยงาน {slug} ยังไม่มีรายงานในรอบ {round_.code} / {slug} has no report in round {round_.code} yet"
            )
        version = UnitReportVersion.objects.select_related(
            "report__round", "report__organization", "created_by", "approved_by", "decided_by"
        ).get(pk=report.current_version_id)
        content = report_file(unit_version=version, format=options["format"], language=options["language"])
        _write(options["out"], content, self.stdout)
