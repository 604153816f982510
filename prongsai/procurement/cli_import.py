"""`manage.py procurement import --unit SLUG FILE.xlsx [--actor USERNAME]`: a workbook, all or nothing.

Prints the counts in Thai and English and exits 0; otherwise stops (non-zero) with every problem
on a line of its own, "แผ่นงาน S แถว R คอลัมน์ C: Thai / English", and nothing stored.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError, CommandParser

from prongsai.organizations.models import Organization

from .importing import ImportRejected, ImportResult, procurement_import
from .workbook import MAX_BYTES, ImportProblem


def add_arguments(parser: CommandParser) -> None:
    """Declare the subcommand's arguments."""
    parser.add_argument("file", metavar="FILE.xlsx", help="the workbook: สขร.1 monthly summaries, or our template")
    parser.add_argument("--unit", required=True, metavar="SLUG", help="the unit whose records these are")
    parser.add_argument(
        "--actor", default=None, metavar="USERNAME", help="import as this person (their access is checked)"
    )


def problem_line(problem: ImportProblem) -> str:
    """Return one problem as the command prints it: "แผ่นงาน S แถว R คอลัมน์ C: Thai / English"."""
    place = problem.place("th")
    return f"{place}: {problem.th} / {problem.en}" if place else f"{problem.th} / {problem.en}"


def summary_line(result: ImportResult, filename: str) -> str:
    """Return what an accepted import did, in Thai and in English."""
    return (
        f"นำเข้า {filename} แล้ว: {result.rows} รายการ (ใหม่ {result.created} ปรับปรุง {result.updated}"
        f" ไม่เปลี่ยนแปลง {result.unchanged} ปิดเดือนที่ไม่มีการจัดซื้อจัดจ้าง {result.months_closed})"
        f" / imported {filename}: {result.rows} rows ({result.created} created, {result.updated} updated,"
        f" {result.unchanged} unchanged, {result.months_closed} empty months closed)"
    )


def _read(path: str) -> bytes:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise CommandError(
                f"ไฟล์ {path} ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB"
                f" / {path} is larger than {MAX_BYTES // (1024 * 1024)} MB"
            )
        return file.read_bytes()
    except OSError as error:
        raise CommandError(f"อ่านไฟล์ {path} ไม่ได้ / cannot read {path}: {error.strerror}") from None


def run(options: dict[str, Any], *, stdout: Any) -> None:
    """Import the workbook; raise CommandError with every problem (Thai and English) when it is refused."""
    slug = options["unit"]
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise CommandError(f"ไม่พบหน่วยงาน {slug} / no unit named {slug}")
    actor = None
    if options.get("actor"):
        username = options["actor"]
        actor = get_user_model().objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"ไม่พบผู้ใช้ {username} / no active user {username}")
    path = options["file"]
    content = _read(path)
    try:
        result = procurement_import(actor=actor, organization=organization, content=content, filename=Path(path).name)
    except PermissionDenied:
        raise CommandError(
            f"{options['actor']} ไม่มีสิทธิ์แก้ไขข้อมูลของหน่วยงาน {slug}"
            f" / {options['actor']} may not edit the records of {slug}"
        ) from None
    except ImportRejected as rejected:
        count = len(rejected.problems)
        lines = [
            f"ไม่ได้นำเข้า {Path(path).name}: พบปัญหา {count} รายการ ไม่มีข้อมูลใดถูกบันทึก"
            f" / {Path(path).name} was not imported: {count} problem(s), nothing was stored",
            *(problem_line(problem) for problem in rejected.problems),
        ]
        raise CommandError("\n".join(lines)) from None
    stdout.write(summary_line(result, Path(path).name))
