"""`manage.py checklist load PATH [--activate]`, `checklist show [CODE] [--json]`, `checklist activate CODE`."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.checklists.definition import ChecklistFileError, load_checklist_file
from prongsai.checklists.models import Checklist
from prongsai.checklists.selectors import checklist_active, checklist_as_dict
from prongsai.checklists.services import checklist_activate, checklist_load


class Command(BaseCommand):
    help = "Load, show and activate checklists (the measure's items as versioned data)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load or update a checklist from a TOML file (idempotent)")
        load.add_argument("path", type=Path)
        load.add_argument("--activate", action="store_true", help="make it the active checklist")
        show = sub.add_parser("show", help="list a checklist's items (the active one by default)")
        show.add_argument("code", nargs="?")
        show.add_argument("--json", action="store_true", help="print JSON instead of a table")
        activate = sub.add_parser("activate", help="make a loaded checklist the active one")
        activate.add_argument("code")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _load(self, options: dict[str, Any]) -> None:
        try:
            definition = load_checklist_file(options["path"])
        except ChecklistFileError as exc:
            raise CommandError("Checklist not loaded; nothing was changed:\n" + "\n".join(exc.problems)) from exc
        checklist, changed = checklist_load(actor=None, definition=definition, activate=options["activate"])
        state = "loaded" if changed else "unchanged"
        self.stdout.write(f"{checklist.code} {checklist.version}: {state}, {len(definition.items)} items")

    def _find(self, code: str | None) -> Checklist:
        checklist = Checklist.objects.filter(code=code).first() if code else checklist_active()
        if checklist is None:
            raise CommandError(
                f"ไม่พบรายการตรวจสอบ '{code}' / no checklist '{code}'"
                if code
                else "ยังไม่มีรายการตรวจสอบที่ใช้งาน / no active checklist is loaded"
            )
        return checklist

    def _show(self, options: dict[str, Any]) -> None:
        data = checklist_as_dict(self._find(options["code"]))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{data['code']} {data['version']} — {data['title_th']}")
        for item in data["items"]:  # type: ignore[attr-defined]
            self.stdout.write(
                f"{item['code']:<9} step {item['review_step']}  {item['currency']:<20} {item['name_th']}"
                f" / {item['name_en']}"
            )

    def _activate(self, options: dict[str, Any]) -> None:
        checklist = self._find(options["code"])
        try:
            checklist_activate(actor=None, checklist=checklist)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{checklist.code} is now the active checklist")
