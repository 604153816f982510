"""The words of each kind of notice, written once in Thai and once in English through the catalogues.

Each function takes plain facts and returns a NoticeText with both languages; nothing here reads
the database, so what a notice says is decided by the event alone.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prongsai.thaidate import format_date_in

LANGUAGES = ("th", "en")


@dataclass(frozen=True)
class NoticeText:
    subject_th: str
    subject_en: str
    body_th: str
    body_en: str


@dataclass(frozen=True)
class Named:
    """Something named in both languages (a unit, a checklist item); Thai is the fallback."""

    name_th: str
    name_en: str = ""

    def name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_th


@dataclass(frozen=True)
class DigestFigures:
    """What the ICT Center's weekly digest lists, for the units a monitor watches."""

    overdue: list[tuple[Named, list[str]]] = field(default_factory=list)  # unit, item codes
    missing: list[tuple[str, Named]] = field(default_factory=list)  # round code, unit
    late: list[tuple[str, Named]] = field(default_factory=list)  # round code, unit
    failed_checks: list[tuple[Named, str, dt.date]] = field(default_factory=list)  # unit, website, day

    @property
    def counts(self) -> dict[str, int]:
        return {
            "overdue_items": sum(len(codes) for _unit, codes in self.overdue),
            "missing_reports": len(self.missing),
            "late_reports": len(self.late),
            "failed_checks": len(self.failed_checks),
        }


def _both(render: Callable[[str], tuple[str, str]]) -> NoticeText:
    """Render a subject and body in each language, with that language active for the catalogues."""
    texts: dict[str, tuple[str, str]] = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = render(language)
    return NoticeText(texts["th"][0], texts["en"][0], texts["th"][1], texts["en"][1])


def review_requested_text(*, unit: Named, code: str, item: Named, number: int, step: int) -> NoticeText:
    """Word the request to a step's reviewers that a version awaits them."""

    def render(language: str) -> tuple[str, str]:
        names = {"code": code, "item": item.name(language), "unit": unit.name(language)}
        return (
            _("Awaiting review: %(code)s %(item)s — %(unit)s") % names,
            f"{unit.name(language)}\n"
            + _("%(code)s %(item)s (version %(number)s) awaits the step %(step)s review.")
            % {**names, "number": number, "step": step},
        )

    return _both(render)


def decision_text(*, approved: bool, unit: Named, code: str, item: Named, number: int, comment: str) -> NoticeText:
    """Word the news to a unit's editors that a version was approved, or returned with the reviewer's comment."""

    def render(language: str) -> tuple[str, str]:
        names = {"code": code, "item": item.name(language), "unit": unit.name(language), "number": number}
        if approved:
            subject = _("%(code)s approved and published — %(unit)s") % names
            body = _("%(code)s %(item)s (version %(number)s) was approved and published.") % names
        else:
            subject = _("%(code)s returned for changes — %(unit)s") % names
            body = _("%(code)s %(item)s (version %(number)s) was returned for changes.") % names
            if comment:
                body += "\n" + _("The reviewer's comments:") + f"\n{comment}"
        return subject, f"{unit.name(language)}\n{body}"

    return _both(render)


def review_due_text(*, unit: Named, code: str, item: Named, due: dt.date, days_left: int) -> NoticeText:
    """Word a reminder to a unit's editors that an item's review falls due."""

    def render(language: str) -> tuple[str, str]:
        names = {"code": code, "item": item.name(language), "unit": unit.name(language), "days": days_left}
        if days_left == 0:
            subject = _("Review due today: %(code)s %(item)s — %(unit)s") % names
        else:
            subject = (
                ngettext(
                    "Review due in %(days)d day: %(code)s %(item)s — %(unit)s",
                    "Review due in %(days)d days: %(code)s %(item)s — %(unit)s",
                    days_left,
                )
                % names
            )
        body = _("%(code)s %(item)s must be reviewed and brought up to date by %(date)s (measure 5.2, step 5).") % {
            **names,
            "date": format_date_in(language, due),
        }
        return subject, f"{unit.name(language)}\n{body}"

    return _both(render)


def overdue_text(*, unit: Named, code: str, item: Named, due: dt.date) -> NoticeText:
    """Word the escalation to a unit's editors and head that an item's review is overdue."""

    def render(language: str) -> tuple[str, str]:
        names = {"code": code, "item": item.name(language), "unit": unit.name(language)}
        body = _(
            "The review of %(code)s %(item)s fell due on %(date)s: the published information is out of date "
            "until it is reviewed."
        ) % {**names, "date": format_date_in(language, due)}
        return _("Review overdue: %(code)s %(item)s — %(unit)s") % names, f"{unit.name(language)}\n{body}"

    return _both(render)


def report_awaiting_text(*, unit: Named, round_code: str, number: int) -> NoticeText:
    """Word the request to a unit head to approve the unit's report."""

    def render(language: str) -> tuple[str, str]:
        names = {"round": round_code, "unit": unit.name(language), "number": number}
        body = (
            _(
                "Version %(number)s of the unit's report for round %(round)s was sent for your approval; "
                "approving it submits it to the ICT Center."
            )
            % names
        )
        return _("Unit report %(round)s awaits your approval — %(unit)s") % names, f"{unit.name(language)}\n{body}"

    return _both(render)


def report_returned_text(*, unit: Named, round_code: str, number: int, comment: str) -> NoticeText:
    """Word the news to a unit's reporters and head that the ICT Center returned the unit's report."""

    def render(language: str) -> tuple[str, str]:
        names = {"round": round_code, "unit": unit.name(language), "number": number}
        body = (
            _("The ICT Center returned version %(number)s of the unit's report for round %(round)s for correction.")
            % names
        )
        if comment:
            body += "\n" + _("The ICT Center's comments:") + f"\n{comment}"
        return (
            _("Unit report %(round)s returned by the ICT Center — %(unit)s") % names,
            f"{unit.name(language)}\n{body}",
        )

    return _both(render)


def deadline_text(*, unit: Named, round_code: str, deadline: dt.date, days_left: int) -> NoticeText:
    """Word a reminder to a unit's reporters and head that the round's deadline approaches and nothing was sent."""

    def render(language: str) -> tuple[str, str]:
        names = {"round": round_code, "unit": unit.name(language), "days": days_left}
        if days_left == 0:
            subject = _("Round %(round)s: report due today — %(unit)s") % names
        else:
            subject = (
                ngettext(
                    "Round %(round)s: report due in %(days)d day — %(unit)s",
                    "Round %(round)s: report due in %(days)d days — %(unit)s",
                    days_left,
                )
                % names
            )
        body = _(
            "The unit's report for round %(round)s has not been submitted yet; the ICT Center's deadline is %(date)s."
        ) % {**names, "date": format_date_in(language, deadline)}
        return subject, f"{unit.name(language)}\n{body}"

    return _both(render)


def digest_text(*, week: dt.date, figures: DigestFigures) -> NoticeText:
    """Word the ICT Center's weekly digest: overdue items by unit, reports missing or late, failed checks."""

    def render(language: str) -> tuple[str, str]:
        none = _("None.")
        sections = [
            (
                _("Overdue items by unit:"),
                [f"- {unit.name(language)}: {', '.join(codes)}" for unit, codes in figures.overdue],
            ),
            (
                _("Unit reports missing after the deadline:"),
                [f"- {code}: {unit.name(language)}" for code, unit in figures.missing],
            ),
            (
                _("Unit reports submitted late:"),
                [f"- {code}: {unit.name(language)}" for code, unit in figures.late],
            ),
            (
                _("Website checks that failed in the last 7 days:"),
                [
                    f"- {unit.name(language)}: {url} ({format_date_in(language, day)})"
                    for unit, url, day in figures.failed_checks
                ],
            ),
        ]
        body = "\n\n".join("\n".join([title, *(lines or [none])]) for title, lines in sections)
        return _("Weekly digest, week of %(date)s") % {"date": format_date_in(language, week)}, body

    return _both(render)
