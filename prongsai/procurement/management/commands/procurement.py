"""`manage.py procurement …`: procurement records from the command line (measure 5.1.7).

    manage.py procurement import --unit SLUG FILE.xlsx [--actor USERNAME]
        import a workbook (สขร.1 monthly summaries, or our records or plan template): all or nothing;
        exit 0 with the counts, or non-zero with every error by sheet, row and column (Thai and English)
    manage.py procurement summary --unit SLUG --month YYYY-MM --format xlsx|pdf --out FILE [--language th|en]
        the monthly summary (สขร.1) of that month, from the records

Each subcommand's work lives in its own module (cli_import.py, cli_summary.py); this file only
parses the arguments and hands them over.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.procurement import cli_import, cli_summary


class Command(BaseCommand):
    help = "Import procurement workbooks and write monthly summaries (สขร.1)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        cli_import.add_arguments(commands.add_parser("import", help="import a workbook, all or nothing"))
        cli_summary.add_arguments(commands.add_parser("summary", help="write a month's summary (สขร.1)"))

    def handle(self, *args: Any, **options: Any) -> None:
        run = {"import": cli_import.run, "summary": cli_summary.run}[options["subcommand"]]
        run(options, stdout=self.stdout)
