"""`manage.py rounds …`: the reporting rounds from the command line (measure 6.4).

    manage.py rounds list                                                  every round with its figures
    manage.py rounds open FISCAL_YEAR {6,12} --deadline YYYY-MM-DD --actor USERNAME
    manage.py rounds close ROUND --actor USERNAME                          e.g. ROUND = 2569-6
    manage.py rounds report ROUND --format pdf|xlsx --out FILE [--language th|en]
        the overall report of a round
    manage.py rounds unit-report ROUND --unit SLUG --format pdf|xlsx --out FILE [--language th|en]
        the current version of a unit's report of a round
    manage.py rounds ita-sheet FISCAL_YEAR --unit SLUG --out FILE.xlsx
        a unit's ITA sheet of a fiscal year (Buddhist era; Thai digits read too)

A frozen report (a submitted unit report, an approved overall report) is written from the file
kept when it was first rendered, so the command and the download give the same bytes.

One subparser per function, each added by its own `_add_<name>` and run by its own `_<name>`. An unknown
round, person or bad input stops with a clear Thai and English message and a non-zero exit.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from prongsai.organizations.models import Organization
from prongsai.reports.files import FORMATS, LANGUAGES, report_file
from prongsai.reports.ita import ItaYearUnavailable, ita_sheet
from prongsai.reports.ita_xlsx import ita_sheet_xlsx
from prongsai.reports.models import OverallReport, Round, UnitReport, UnitReportVersion
from prongsai.reports.selectors import round_by_code, round_list
from prongsai.reports.services import round_close, round_open
from prongsai.reports.workflow import FISCAL_YEARS, UnknownRound, round_from_code
from prongsai.thaitext import ascii_digits


def _round(code: str) -> Round:
    """Return the round of a code such as 2569-6, refusing a malformed code or a round never opened."""
    try:
        round_from_code(code)
    except UnknownRound:
        raise CommandError(
            f"รหัสรอบ {code} ไม่ถูกต้อง ใช้รูปแบบ 2569-6 หรือ 2569-12 / "
            f"{code} is not a round code: write it like 2569-6 or 2569-12"
        ) from None
    found = round_by_code(code)
    if found is None:
        raise CommandError(f"ไม่มีรอบการรายงาน {code} / there is no reporting round {code}")
    return found


def _actor(username: str) -> Any:
    """Return the person a command acts as, or stop with a message naming them."""
    person = get_user_model().objects.filter(username=username, is_active=True).first()
    if person is None:
        raise CommandError(f"ไม่พบผู้ใช้ {username} / no active user {username}")
    return person


def _unit(slug: str) -> Organization:
    """Return the unit of a slug, or stop with a message naming it."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise CommandError(f"ไม่พบหน่วยงาน {slug} / no unit named {slug}")
    return organization


def _write(out: str | Path, content: bytes, stdout: Any) -> None:
    """Write the file, refusing clearly when the destination cannot be written."""
    try:
        Path(out).write_bytes(content)
    except OSError as error:
        raise CommandError(f"เขียนไฟล์ {out} ไม่ได้ / cannot write {out}: {error.strerror}") from None
    stdout.write(f"เขียน {out} แล้ว ({len(content)} ไบต์) / wrote {out} ({len(content)} bytes)")


def _fiscal_year(text: str) -> int:
    """Read a Buddhist-era fiscal year written in Arabic or Thai digits ("2569", "๒๕๖๙")."""
    digits = ascii_digits(text.strip())
    if not digits.isdigit() or int(digits) not in FISCAL_YEARS:
        raise CommandError(
            f"ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569 ไม่ใช่ '{text}'"
            f" / the fiscal year must be a Buddhist-era year such as 2569, not '{text}'"
        )
    return int(digits)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"วันที่ไม่ถูกต้อง {value} (ใช้ YYYY-MM-DD) / not a date: {value} (use YYYY-MM-DD)") from None


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _bilingual[T](call: Callable[[], T]) -> T:
    """Run a service call; when it refuses, stop with its message in Thai and in English.

    A refusal writes nothing (the service's transaction rolls back), so asking again in English
    meets the same rule and gives the same message in the other language.
    """
    try:
        with translation.override("th"):
            return call()
    except (ValidationError, PermissionDenied) as error:
        thai = _message(error)
        english = thai
        try:
            with translation.override("en"):
                call()
        except (ValidationError, PermissionDenied) as again:
            english = _message(again)
        raise CommandError(f"{thai} / {english}") from error


class Command(BaseCommand):
    help = "Reporting rounds (measure 6.4): list, open and close rounds; write the reports and the ITA sheet."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        self._add_list(commands)
        self._add_open(commands)
        self._add_close(commands)
        self._add_report(commands)
        self._add_unit_report(commands)
        self._add_ita_sheet(commands)

    def handle(self, *args: Any, **options: Any) -> None:
        run = getattr(self, "_" + options["action"].replace("-", "_"))
        run(**options)

    # --- list ---------------------------------------------------------------------------------------------------

    def _add_list(self, commands: Any) -> None:
        commands.add_parser("list", help="every round with its deadline, state and figures")

    def _list(self, **options: Any) -> None:
        rows = round_list()
        if not rows:
            self.stdout.write("ยังไม่มีรอบการรายงาน / no rounds yet")
            return
        for row in rows:
            round = row.round
            self.stdout.write(
                f"{round.code}\t{round.state}\tdeadline {round.deadline.isoformat()}\t"
                f"started {row.reports}\tsubmitted {row.submitted}\tlate {row.late}"
            )

    # --- open ---------------------------------------------------------------------------------------------------

    def _add_open(self, commands: Any) -> None:
        command = commands.add_parser("open", help="open a fiscal year's 6- or 12-month round")
        command.add_argument("fiscal_year", type=int, help="Buddhist-era fiscal year, e.g. 2569")
        command.add_argument("months", choices=["6", "12"], help="the 6-month or the 12-month round")
        command.add_argument("--deadline", required=True, help="submission deadline, YYYY-MM-DD (common era)")
        command.add_argument("--actor", required=True, help="username of the ICT Center's monitor opening it")

    def _open(self, *, fiscal_year: int, months: str, deadline: str, actor: str, **options: Any) -> None:
        person = _actor(actor)
        day, now = _date(deadline), timezone.now()
        round = _bilingual(
            lambda: round_open(actor=person, fiscal_year=fiscal_year, kind=months, deadline=day, now=now)
        )
        self.stdout.write(f"เปิดรอบ {round.code} แล้ว / opened {round.code} (deadline {round.deadline.isoformat()})")

    # --- close --------------------------------------------------------------------------------------------------

    def _add_close(self, commands: Any) -> None:
        command = commands.add_parser("close", help="close a round: no more reports are started or submitted")
        command.add_argument("round", help="the round's code, e.g. 2569-6")
        command.add_argument("--actor", required=True, help="username of the ICT Center's monitor closing it")

    def _close(self, *, round: str, actor: str, **options: Any) -> None:
        found = _round(round)
        person = _actor(actor)
        now = timezone.now()
        _bilingual(lambda: round_close(actor=person, round=found, now=now))
        self.stdout.write(f"ปิดรอบ {found.code} แล้ว / closed {found.code}")

    # --- report -------------------------------------------------------------------------------------------------

    def _add_report(self, commands: Any) -> None:
        command = commands.add_parser("report", help="write the overall report of a round")
        command.add_argument("round", metavar="ROUND", help="the round's code, e.g. 2569-6")
        command.add_argument("--format", choices=FORMATS, required=True)
        command.add_argument("--out", required=True, metavar="FILE")
        command.add_argument("--language", choices=LANGUAGES, default="th")

    def _report(self, *, round: str, format: str, out: str, language: str, **options: Any) -> None:
        found = _round(round)
        report = (
            OverallReport.objects.select_related("round", "created_by", "sent_by", "approved_by")
            .filter(round=found)
            .first()
        )
        if report is None:
            raise CommandError(
                f"ยังไม่ได้จัดทำรายงานภาพรวมของรอบ {found.code} / "
                f"the overall report of round {found.code} has not been compiled yet"
            )
        _write(out, report_file(overall=report, format=format, language=language), self.stdout)

    # --- unit-report --------------------------------------------------------------------------------------------

    def _add_unit_report(self, commands: Any) -> None:
        command = commands.add_parser("unit-report", help="write a unit's report of a round")
        command.add_argument("round", metavar="ROUND", help="the round's code, e.g. 2569-6")
        command.add_argument("--unit", required=True, metavar="SLUG")
        command.add_argument("--format", choices=FORMATS, required=True)
        command.add_argument("--out", required=True, metavar="FILE")
        command.add_argument("--language", choices=LANGUAGES, default="th")

    def _unit_report(self, *, round: str, unit: str, format: str, out: str, language: str, **options: Any) -> None:
        found = _round(round)
        organization = _unit(unit)
        report = UnitReport.objects.filter(round=found, organization=organization).first()
        if report is None or report.current_version_id is None:
            raise CommandError(
                f"หน่วยงาน {unit} ยังไม่มีรายงานในรอบ {found.code} / {unit} has no report in round {found.code} yet"
            )
        version = UnitReportVersion.objects.select_related(
            "report__round", "report__organization", "created_by", "approved_by", "decided_by"
        ).get(pk=report.current_version_id)
        _write(out, report_file(unit_version=version, format=format, language=language), self.stdout)

    # --- ita-sheet ----------------------------------------------------------------------------------------------

    def _add_ita_sheet(self, commands: Any) -> None:
        command = commands.add_parser("ita-sheet", help="write a unit's ITA sheet of a fiscal year as XLSX")
        command.add_argument("fiscal_year", metavar="FISCAL_YEAR", help="Buddhist-era fiscal year, e.g. 2569 or ๒๕๖๙")
        command.add_argument("--unit", required=True, metavar="SLUG", help="the unit's slug")
        command.add_argument("--out", required=True, metavar="FILE.xlsx", help="where to write the workbook")

    def _ita_sheet(self, *, fiscal_year: str, unit: str, out: str, **options: Any) -> None:
        year = _fiscal_year(fiscal_year)
        organization = _unit(unit)
        try:
            sheet = ita_sheet(organization=organization, fiscal_year=year, today=timezone.localdate())
        except ItaYearUnavailable as error:
            raise CommandError(str(error)) from error
        content = ita_sheet_xlsx(sheet)
        try:
            Path(out).write_bytes(content)
        except OSError as error:
            raise CommandError(
                f"เขียนไฟล์ {out} ไม่ได้ ({error.strerror}) / cannot write {out} ({error.strerror})"
            ) from error
        flagged = sum(1 for row in sheet.rows if row.flags)
        self.stdout.write(f"{out}: ITA {year} {organization.slug}, {len(sheet.rows)} OIT codes, {flagged} with gaps")
