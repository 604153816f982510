"""`manage.py procurement summary`: see the command's docstring (management/commands/procurement.py)."""

from typing import Any

from django.core.management.base import CommandError, CommandParser


def add_arguments(parser: CommandParser) -> None:
    """Declare the subcommand's arguments."""


def run(options: dict[str, Any], *, stdout: Any) -> None:
    """Run the subcommand; raise CommandError with a Thai and English message on bad input."""
    raise CommandError("procurement summary: not built yet")
