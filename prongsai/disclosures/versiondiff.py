"""Compare two versions of an entry field by field, for the review and history pages."""

import datetime as dt
import difflib
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from prongsai.thaidate import format_date_in

from .models import EntryVersion
from .richtext import html_to_text


@dataclass
class FieldChange:
    label: str
    before: str
    after: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (" " | "-" | "+", text)


def _line_diff(before: str, after: str) -> list[tuple[str, str]]:
    lines = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        op, text = line[:1], line[2:]
        if op in {" ", "-", "+"}:
            lines.append((op, text))
    return lines


def _shown(value: object) -> str:
    """Show a field value as a reader would: dates the Thai or English way, booleans as yes/no."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return format_date_in(translation.get_language() or "th", value)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return str(value)


def _documents(version: EntryVersion | None) -> str:
    if version is None:
        return ""
    return "\n".join(f"{d.original_name} ({d.get_language_display()})" for d in version.documents.all())


def version_diff(before: EntryVersion | None, after: EntryVersion) -> list[FieldChange]:
    """Return the fields that differ between two versions (before may be None: everything is new)."""
    changes: list[FieldChange] = []
    text_fields = [
        (_("Content (Thai)"), "body_th"),
        (_("Content (English)"), "body_en"),
        (_("Declaration (Thai)"), "nothing_note_th"),
        (_("Declaration (English)"), "nothing_note_en"),
    ]
    for label, name in text_fields:
        old = html_to_text(getattr(before, name, "") or "")
        new = html_to_text(getattr(after, name) or "")
        if old != new:
            changes.append(FieldChange(str(label), old, new, _line_diff(old, new)))
    plain_fields = [
        (_("Page address (Thai)"), "url_th"),
        (_("Page address (English)"), "url_en"),
        (_("Information as of"), "as_of"),
        (_("Nothing to publish this period"), "nothing_to_publish"),
    ]
    for label, name in plain_fields:
        old_value = getattr(before, name, None) if before is not None else None
        new_value = getattr(after, name)
        if _shown(old_value) != _shown(new_value):
            changes.append(FieldChange(str(label), _shown(old_value), _shown(new_value)))
    old_docs, new_docs = _documents(before), _documents(after)
    if old_docs != new_docs:
        changes.append(FieldChange(str(_("Documents")), old_docs, new_docs, _line_diff(old_docs, new_docs)))
    return changes
