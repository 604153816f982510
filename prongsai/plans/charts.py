"""The progress of a published plan (5.1.5) as an accessible, self-contained SVG chart.

One row per project: physical progress and the share of its budget disbursed, both 0–100 %, as
two bars. The chart reads only the snapshot, so an approved version draws the same chart for
ever, and the same snapshot always gives the same bytes (coordinates with at most one decimal, no
generated ids, no clock). The SVG is an image with a name and a description (role="img",
<title>, <desc> with the plan's figures), each project's bars carry a <title> with its figures,
and every text is escaped; there is no script and no external reference. The page shows the same
figures in the progress table, the chart's text alternative.
"""

import datetime as dt
import unicodedata
from decimal import Decimal
from html import escape

from django.utils import translation
from django.utils.translation import npgettext, pgettext

from prongsai.money import percent_of
from prongsai.thaidate import format_date_in

from .snapshot import PlanSnapshot, ProjectData

__all__ = ["progress_chart_svg"]

_FONT = 'font-family="Sarabun, Tahoma, sans-serif"'
_PROGRESS = "#1d4f91"
_DISBURSED = "#b4541a"
_GRID = "#c8ccd2"
_INK = "#1f2328"
_WIDTH = 640
_LABEL_WIDTH = 220
_ROW = 34
_TOP = 44
_LABEL_CHARS = 30


def _number(value: float) -> str:
    """Write a coordinate with at most one decimal, the same way every time."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _short(text: str, limit: int = _LABEL_CHARS) -> str:
    """Shorten a label to about `limit` characters, never cutting a Thai vowel or tone mark off its consonant."""
    if len(text) <= limit:
        return text
    end = limit
    while end < len(text) and unicodedata.category(text[end]) in {"Mn", "Mc"}:
        end += 1
    return text[:end].rstrip() + "…"


def _name(project: ProjectData, language: str) -> str:
    return (project["name_en"] if language == "en" else "") or project["name_th"]


def _shares(project: ProjectData) -> tuple[Decimal | None, Decimal | None]:
    """Return the project's latest physical progress and the share of its budget disbursed, in per cent."""
    latest = project["latest"]
    if latest is None:
        return None, None
    disbursed = percent_of(Decimal(latest["disbursed"]), Decimal(project["budget"]))
    return Decimal(latest["progress_percent"]), disbursed


def _shown(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:.2f}%"


def _bar(y: float, value: Decimal | None, colour: str, plot_left: float, plot_width: float) -> str:
    share = float(max(Decimal(0), min(Decimal(100), value))) if value is not None else 0.0
    end = plot_left + plot_width * share / 100
    return (
        f'<rect x="{_number(plot_left)}" y="{_number(y)}" width="{_number(end - plot_left)}" height="11" '
        f'fill="{colour}"/>'
        f'<text x="{_number(end + 4)}" y="{_number(y + 10)}" font-size="10">{escape(_shown(value))}</text>'
    )


def progress_chart_svg(snapshot: PlanSnapshot, *, language: str, key: str = "progress-chart") -> str:
    """Draw each project's physical progress and budget disbursed (per cent), in plan order, as SVG.

    `key` starts the ids of the chart's title and description: give each chart on a page its own.
    """
    with translation.override(language):
        projects = [
            (f"{p_index}.{index}", project)
            for p_index, programme in enumerate(snapshot["programmes"], start=1)
            for index, project in enumerate(programme["projects"], start=1)
        ]
        progress_label = pgettext("progress chart", "Physical progress (%)")
        disbursed_label = pgettext("progress chart", "Budget disbursed (%)")
        title = pgettext("progress chart", "Progress and budget disbursed by project (%)")
        figures = snapshot["figures"]
        desc = npgettext(
            "progress chart",
            "%(count)s project as of %(date)s. Whole plan: physical progress %(progress)s, "
            "budget disbursed %(disbursed)s.",
            "%(count)s projects as of %(date)s. Whole plan: physical progress %(progress)s, "
            "budget disbursed %(disbursed)s.",
            len(projects),
        ) % {
            "count": len(projects),
            "date": format_date_in(language, dt.date.fromisoformat(snapshot["as_of"])),
            "progress": _shown(Decimal(figures["progress_percent"]) if figures["progress_percent"] else None),
            "disbursed": _shown(Decimal(figures["disbursed_percent"]) if figures["disbursed_percent"] else None),
        }
        plot_left = _LABEL_WIDTH + 8
        plot_width = _WIDTH - plot_left - 56
        bottom = _TOP + _ROW * len(projects)
        marks = [
            f'<rect x="{plot_left}" y="8" width="14" height="8" fill="{_PROGRESS}"/>'
            f'<text x="{plot_left + 20}" y="16" font-size="11">{escape(progress_label)}</text>'
            f'<rect x="{plot_left + 200}" y="8" width="14" height="8" fill="{_DISBURSED}"/>'
            f'<text x="{plot_left + 220}" y="16" font-size="11">{escape(disbursed_label)}</text>'
        ]
        for tick in (0, 50, 100):
            x = _number(plot_left + plot_width * tick / 100)
            marks.append(
                f'<line x1="{x}" x2="{x}" y1="{_TOP - 4}" y2="{bottom}" stroke="{_GRID}"/>'
                f'<text x="{x}" y="{_TOP - 8}" text-anchor="middle" font-size="10">{tick}</text>'
            )
        for row, (number, project) in enumerate(projects):
            y = _TOP + row * _ROW
            progress, disbursed = _shares(project)
            name = _name(project, language)
            tooltip = pgettext(
                "progress chart", "%(number)s %(name)s: physical progress %(progress)s, budget disbursed %(disbursed)s"
            ) % {"number": number, "name": name, "progress": _shown(progress), "disbursed": _shown(disbursed)}
            marks.append(
                f"<g><title>{escape(tooltip)}</title>"
                f'<text x="{_LABEL_WIDTH}" y="{_number(y + 19)}" text-anchor="end">'
                f"{escape(number + ' ' + _short(name))}</text>"
                + _bar(y + 4, progress, _PROGRESS, plot_left, plot_width)
                + _bar(y + 17, disbursed, _DISBURSED, plot_left, plot_width)
                + "</g>"
            )
        height = bottom + 8
        return "".join(
            [
                f'<svg xmlns="http://www.w3.org/2000/svg" class="records-chart" role="img" '
                f'viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}" '
                f'aria-labelledby="{key}-title {key}-desc" {_FONT} font-size="12" fill="{_INK}">',
                f'<title id="{key}-title">{escape(title)}</title>',
                f'<desc id="{key}-desc">{escape(desc)}</desc>',
                *marks,
                "</svg>",
            ]
        )
