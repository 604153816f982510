"""`manage.py plans …`: action plans and their progress from the command line (measure 5.1.4, 5.1.5).

    manage.py plans import --unit SLUG --fiscal-year 2569 FILE.xlsx [--actor USERNAME]
        import a plan workbook (our template or a unit's own): all or nothing; exit 0 with the counts,
        or non-zero with every problem by sheet, row and column (Thai and English) and nothing stored
    manage.py plans template --out FILE.xlsx
        write the empty plan workbook units fill in
    manage.py plans export --unit SLUG --fiscal-year 2569 --out FILE.xlsx
        write a unit's plan and its progress in the template's layout, to edit and import again

Without --actor the import runs as the operator (recorded in the audit trail as "manage.py plans import").
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.organizations.models import Organization
from prongsai.plans.importing import PlanImportRejected, plan_import
from prongsai.plans.selectors import plan_for
from prongsai.plans.templates import plan_template_xlsx, plan_workbook_xlsx
from prongsai.thaitext import ascii_digits


def _fiscal_year(text: str) -> int:
    """Read a Buddhist-era fiscal year, in Thai or Arabic digits."""
    digits = ascii_digits(text.strip())
    if not digits.isdigit():
        raise CommandError(
            f"ปีงบประมาณ {text} ไม่ถูกต้อง ใช้ปี พ.ศ. เช่น 2569 / {text} is not a fiscal year: write it like 2569"
        )
    return int(digits)


def _unit(slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise CommandError(f"ไม่พบหน่วยงาน {slug} / no unit named {slug}")
    return organization


def _write(out: str, content: bytes, stdout: Any) -> None:
    try:
        Path(out).write_bytes(content)
    except OSError as error:
        raise CommandError(f"เขียนไฟล์ {out} ไม่ได้ / cannot write {out}: {error.strerror}") from None
    stdout.write(f"เขียน {out} แล้ว ({len(content)} ไบต์) / wrote {out} ({len(content)} bytes)")


class Command(BaseCommand):
    help = "Import plan workbooks, and write the plan template or a unit's plan as a workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        imports = commands.add_parser("import", help="import a plan workbook, all or nothing")
        imports.add_argument("--unit", required=True, help="the unit's slug")
        imports.add_argument("--fiscal-year", required=True, help="the plan's fiscal year (BE), e.g. 2569")
        imports.add_argument("--actor", help="the username to act as (default: the operator)")
        imports.add_argument("file", help="the .xlsx workbook")
        template = commands.add_parser("template", help="write the empty plan workbook")
        template.add_argument("--out", required=True)
        export = commands.add_parser("export", help="write a unit's plan as a workbook")
        export.add_argument("--unit", required=True)
        export.add_argument("--fiscal-year", required=True)
        export.add_argument("--out", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        {"import": self._import, "template": self._template, "export": self._export}[options["subcommand"]](options)

    def _import(self, options: dict[str, Any]) -> None:
        organization = _unit(options["unit"])
        fiscal_year = _fiscal_year(options["fiscal_year"])
        actor = None
        if options.get("actor"):
            actor = get_user_model().objects.filter(username=options["actor"], is_active=True).first()
            if actor is None:
                raise CommandError(f"ไม่พบผู้ใช้ {options['actor']} / no active user {options['actor']}")
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"อ่านไฟล์ {path} ไม่ได้ / cannot read {path}: {error.strerror}") from None
        try:
            result = plan_import(
                actor=actor, organization=organization, fiscal_year=fiscal_year, content=content, filename=path.name
            )
        except PermissionDenied:
            raise CommandError(
                f"{options['actor']} แก้ไขแผนของหน่วยงาน {organization.slug} ไม่ได้ / "
                f"{options['actor']} may not edit the plans of {organization.slug}"
            ) from None
        except PlanImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(f"{problem.text('th')} / {problem.text('en')}")
            raise CommandError(
                f"ไม่ได้นำเข้า: พบปัญหา {len(rejected.problems)} รายการ ไม่มีการบันทึกข้อมูลใด / "
                f"nothing imported: {len(rejected.problems)} problems, nothing stored"
            ) from None
        self.stdout.write(
            f"นำเข้าแผนปีงบประมาณ {fiscal_year} ของ {organization.slug} แล้ว: {result.rows} แถว "
            f"โครงการใหม่ {result.projects_created} ปรับปรุง {result.projects_updated} คงเดิม {result.projects_unchanged} "
            f"รายงานผลใหม่ {result.reports_created} ปรับปรุง {result.reports_updated} คงเดิม {result.reports_unchanged} / "
            f"imported the {fiscal_year} plan of {organization.slug}: {result.rows} rows; "
            f"projects {result.projects_created} new, {result.projects_updated} updated, "
            f"{result.projects_unchanged} unchanged; reports {result.reports_created} new, "
            f"{result.reports_updated} updated, {result.reports_unchanged} unchanged"
        )

    def _template(self, options: dict[str, Any]) -> None:
        _write(options["out"], plan_template_xlsx(), self.stdout)

    def _export(self, options: dict[str, Any]) -> None:
        organization = _unit(options["unit"])
        fiscal_year = _fiscal_year(options["fiscal_year"])
        plan = plan_for(organization=organization, fiscal_year=fiscal_year)
        if plan is None:
            raise CommandError(
                f"{organization.slug} ไม่มีแผนปีงบประมาณ {fiscal_year} / {organization.slug} has no plan for {fiscal_year}"
            )
        _write(options["out"], plan_workbook_xlsx(plan=plan), self.stdout)
