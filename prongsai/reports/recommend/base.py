"""What a recommendation rule is, how the configured rules are loaded and run, and the wording they share. Pure.

A rule reads the overall report's facts (and the previous round's, when known) and suggests what
the department should do: the units and items concerned, the figures behind the suggestion, and
the text in Thai and English — why, citing those figures, and what to do. Rules are chosen and
ordered by a list of dotted paths with options, as Django's password validators are.
"""

import importlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from prongsai.reports.facts import OverallFacts, UnitRow

__all__ = [
    "Rule",
    "RuleConfigurationError",
    "Suggestion",
    "build_rules",
    "recommend",
]

Figure = int | float | str | None | dict[str, int]
Figures = dict[str, Figure]


@dataclass(frozen=True)
class Suggestion:
    """One development recommendation a rule draws from the facts."""

    rule: str
    units: tuple[str, ...]  # organization slugs
    items: tuple[str, ...]  # checklist item codes
    figures: Figures = field(default_factory=dict)
    text_th: str = ""
    text_en: str = ""

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """Return what identifies the suggestion across recompilations: its rule, units and items."""
        return (self.rule, self.units, self.items)


class Rule(Protocol):
    """A recommendation rule: a code and a call from the facts to suggestions (none when it does not apply)."""

    code: str

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]: ...


class RuleConfigurationError(Exception):
    """A configured rule that cannot be loaded or built: a wrong path, or options the rule does not take."""


def build_rules(specs: Sequence[Mapping[str, Any]]) -> list[Rule]:
    """Build the rules a settings list names: each entry a dict with "NAME" (a dotted path) and optional "OPTIONS"."""
    rules: list[Rule] = []
    for spec in specs:
        name = str(spec.get("NAME", ""))
        module_name, _dot, attribute = name.rpartition(".")
        try:
            factory = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError, ValueError) as exc:
            raise RuleConfigurationError(f"no recommendation rule at {name!r}") from exc
        try:
            rules.append(factory(**dict(spec.get("OPTIONS") or {})))
        except TypeError as exc:
            raise RuleConfigurationError(f"recommendation rule {name!r}: {exc}") from exc
    return rules


def recommend(facts: OverallFacts, previous: OverallFacts | None, rules: Iterable[Rule]) -> list[Suggestion]:
    """Run the rules in their configured order and return every suggestion, in that order."""
    suggestions: list[Suggestion] = []
    for rule in rules:
        suggestions.extend(rule(facts, previous))
    return suggestions


# --- wording ----------------------------------------------------------------------------------------------------------


def percent(part: int, whole: int) -> float:
    """Return part of whole as a percentage with one decimal (0.0 of nothing)."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def pct(value: float) -> str:
    """Write a percentage plainly: 40.0%."""
    return f"{value:.1f}%"


def points(value: float) -> str:
    """Write a number of percentage points plainly: 12.5."""
    return f"{value:.1f}"


def units_th(count: int, share: float | None = None) -> str:
    """Write a number of units in Thai, with their share when given: "12 หน่วยงาน (40.0%)"."""
    return f"{count} หน่วยงาน" + (f" ({pct(share)})" if share is not None else "")


def units_en(count: int, share: float | None = None) -> str:
    """Write a number of units in English, with their share when given: "12 units (40.0%)"."""
    return f"{count} {'unit' if count == 1 else 'units'}" + (f" ({pct(share)})" if share is not None else "")


NAMES_SHOWN = 5


def names_th(rows: Sequence[UnitRow], limit: int = NAMES_SHOWN) -> str:
    """Name the first units in Thai and count the rest: "กองเกษตร, ศูนย์ขนส่ง และอีก 3 หน่วยงาน"."""
    shown = ", ".join(row["name_th"] for row in rows[:limit])
    rest = len(rows) - limit
    return shown + (f" และอีก {rest} หน่วยงาน" if rest > 0 else "")


def names_en(rows: Sequence[UnitRow], limit: int = NAMES_SHOWN) -> str:
    """Name the first units in English and count the rest: "Unit A, Unit B and 3 more"."""
    shown = ", ".join(row["name_en"] or row["name_th"] for row in rows[:limit])
    rest = len(rows) - limit
    return shown + (f" and {rest} more" if rest > 0 else "")


def slugs(rows: Iterable[UnitRow]) -> tuple[str, ...]:
    """Return the units' slugs in the given order."""
    return tuple(row["slug"] for row in rows)
