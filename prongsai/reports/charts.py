"""The overall report's charts as accessible, self-contained SVG: compliance by item, by unit, and the trend.

Each chart reads only the stored facts (facts.py), so an approved report draws the same chart for
ever, and the same facts always give the same bytes (coordinates rounded to one decimal, no
generated ids, no clock). The SVG is an image with a name and a description (role="img", <title>,
<desc> with a sentence that says what the chart shows), every mark carries its own <title> with
its figure, and the text is escaped; there is no script and no external reference, so the same
markup serves the web page, the PDF and an e-mail. The page puts the same figures in a table
beside it.
"""

import unicodedata
from collections.abc import Iterable, Mapping
from html import escape

from django.utils import translation
from django.utils.translation import pgettext

from .facts import OverallFacts

__all__ = ["compliance_by_item_svg", "compliance_by_unit_svg", "trend_svg"]

_FONT = 'font-family="Sarabun, Tahoma, sans-serif"'
_BAR = "#1d4f91"
_SECOND = "#b4541a"
_GRID = "#c8ccd2"
_INK = "#1f2328"
_LABEL_CHARS = 34


def _number(value: float) -> str:
    """Write a coordinate with at most one decimal, the same way every time."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _percent(value: float) -> str:
    """Write a percentage or score with one decimal."""
    return f"{value:.1f}"


def _short(text: str, limit: int = _LABEL_CHARS) -> str:
    """Shorten a label to about `limit` characters without cutting a Thai vowel or tone mark off its consonant."""
    if len(text) <= limit:
        return text
    end = limit
    while end < len(text) and unicodedata.category(text[end]) in {"Mn", "Mc"}:
        end += 1
    return text[:end].rstrip() + "…"


def _name(row: Mapping[str, object], language: str) -> str:
    """Name a unit or item in the reader's language, the Thai name when there is no English one."""
    name = row.get("name_en") if language == "en" else row.get("name_th")
    return str(name or row.get("name_th") or row.get("slug") or "")


def _svg(*, width: int, height: int, key: str, title: str, desc: str, body: Iterable[str]) -> str:
    """Wrap the marks in an accessible <svg>: named by its <title>, described by its <desc>."""
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'aria-labelledby="{key}-title {key}-desc" {_FONT} font-size="12" fill="{_INK}">',
            f'<title id="{key}-title">{escape(title)}</title>',
            f'<desc id="{key}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _bar_rows(rows: list[tuple[str, str, float]], *, label_width: int, width: int, top: int) -> tuple[list[str], int]:
    """Draw horizontal 0–100 bars, one per (label, tooltip, value) row; return the marks and the height used."""
    row_height = 20
    plot_left = label_width + 8
    plot_width = width - plot_left - 56
    marks = []
    for tick in (0, 50, 100):
        x = _number(plot_left + plot_width * tick / 100)
        marks.append(
            f'<line x1="{x}" x2="{x}" y1="{top - 4}" y2="{top + row_height * len(rows)}" stroke="{_GRID}"/>'
            f'<text x="{x}" y="{top - 8}" text-anchor="middle" font-size="10">{tick}</text>'
        )
    for index, (label, tooltip, value) in enumerate(rows):
        y = top + index * row_height
        bar = max(0.0, min(100.0, value))
        marks.append(
            f"<g><title>{escape(tooltip)}</title>"
            f'<text x="{label_width}" y="{_number(y + 14)}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{plot_left}" y="{_number(y + 3)}" width="{_number(plot_width * bar / 100)}" '
            f'height="{row_height - 6}" fill="{_BAR}"/>'
            f'<text x="{_number(plot_left + plot_width * bar / 100 + 4)}" y="{_number(y + 14)}">'
            f"{_percent(value)}%</text></g>"
        )
    return marks, top + row_height * len(rows) + 8


def compliance_by_item_svg(facts: OverallFacts, language: str) -> str:
    """Draw, item by item in checklist order, the share of units that have it published and current."""
    with translation.override(language):
        rows = facts["by_item"]
        title = pgettext("report file", "Compliance by item: share of units with the item published and current (%)")
        if rows:
            best = max(rows, key=lambda row: (row["share"], -rows.index(row)))
            worst = min(rows, key=lambda row: (row["share"], rows.index(row)))
            desc = pgettext(
                "report file",
                "%(count)s items. Highest: %(best_code)s %(best_name)s at %(best)s%%. "
                "Lowest: %(worst_code)s %(worst_name)s at %(worst)s%%.",
            ) % {
                "count": len(rows),
                "best_code": best["code"],
                "best_name": _name(best, language),
                "best": _percent(best["share"]),
                "worst_code": worst["code"],
                "worst_name": _name(worst, language),
                "worst": _percent(worst["share"]),
            }
        else:
            desc = pgettext("report file", "There are no items to show.")
        bars = [
            (
                row["code"],
                f"{row['code']} {_name(row, language)}: {_percent(row['share'])}%",
                float(row["share"]),
            )
            for row in rows
        ]
        marks, height = _bar_rows(bars, label_width=64, width=640, top=24)
        return _svg(width=640, height=height, key="chart-by-item", title=title, desc=desc, body=marks)


def compliance_by_unit_svg(facts: OverallFacts, language: str, limit: int = 30) -> str:
    """Draw the units' compliance, lowest first: the `limit` units that most need attention.

    Lowest first because the chart's reader (the ICT Center, executives) acts on the units at the
    bottom; the ranking table lists every unit best first.
    """
    with translation.override(language):
        units = sorted(facts["units"], key=lambda row: (row["compliance"], -row["rank"], row["slug"]))
        shown = units[: max(0, limit)]
        if len(units) > len(shown):
            title = pgettext(
                "report file", "Compliance by unit: the %(count)s units with the lowest compliance, lowest first (%%)"
            ) % {"count": len(shown)}
        else:
            title = pgettext("report file", "Compliance by unit, lowest first (%)")
        if shown:
            average = sum(row["compliance"] for row in units) / len(units)
            desc = pgettext(
                "report file",
                "%(shown)s of %(total)s units. Lowest: %(worst_name)s at %(worst)s%%. "
                "Highest shown: %(best_name)s at %(best)s%%. Average of all units: %(average)s%%.",
            ) % {
                "shown": len(shown),
                "total": len(units),
                "worst_name": _name(shown[0], language),
                "worst": _percent(shown[0]["compliance"]),
                "best_name": _name(shown[-1], language),
                "best": _percent(shown[-1]["compliance"]),
                "average": _percent(average),
            }
        else:
            desc = pgettext("report file", "There are no units to show.")
        bars = [
            (
                _short(_name(row, language)),
                f"{_name(row, language)}: {_percent(row['compliance'])}%",
                float(row["compliance"]),
            )
            for row in shown
        ]
        marks, height = _bar_rows(bars, label_width=250, width=640, top=24)
        return _svg(width=640, height=height, key="chart-by-unit", title=title, desc=desc, body=marks)


def trend_svg(facts: OverallFacts, language: str) -> str:
    """Draw compliance (solid) and the monitor's score (dashed) round by round, oldest on the left, 0–100 up."""
    with translation.override(language):
        points = facts["trend"]
        width, height = 640, 240
        left, right, top, bottom = 40.0, 24.0, 28.0, 36.0
        plot_width, plot_height = width - left - right, height - top - bottom
        span = max(1, len(points) - 1)

        def x_of(index: int) -> float:
            return left + (plot_width * index / span if len(points) > 1 else plot_width / 2)

        def y_of(value: float) -> float:
            return top + plot_height * (1 - max(0.0, min(100.0, value)) / 100)

        compliance_label = pgettext("report file", "Compliance (%)")
        score_label = pgettext("report file", "Monitor score")
        title = pgettext("report file", "Trend across rounds: compliance and the monitor's score")
        if points:
            desc = pgettext(
                "report file",
                "%(count)s rounds from %(first)s to %(last)s. "
                "Compliance went from %(first_value)s%% to %(last_value)s%%.",
            ) % {
                "count": len(points),
                "first": points[0]["round"],
                "last": points[-1]["round"],
                "first_value": _percent(points[0]["compliance"]),
                "last_value": _percent(points[-1]["compliance"]),
            }
            scored = [point for point in points if point["score"] is not None]
            if scored:
                desc += " " + pgettext("report file", "The monitor's score went from %(first)s to %(last)s.") % {
                    "first": _percent(float(scored[0]["score"] or 0)),
                    "last": _percent(float(scored[-1]["score"] or 0)),
                }
        else:
            desc = pgettext("report file", "There are no rounds to show.")
        marks = []
        for tick in (0, 50, 100):
            y = _number(y_of(tick))
            marks.append(
                f'<line x1="{_number(left)}" x2="{_number(width - right)}" y1="{y}" y2="{y}" stroke="{_GRID}"/>'
                f'<text x="{_number(left - 6)}" y="{y}" text-anchor="end" dominant-baseline="middle" '
                f'font-size="10">{tick}</text>'
            )
        for index, point in enumerate(points):
            marks.append(
                f'<text x="{_number(x_of(index))}" y="{_number(height - bottom + 18)}" text-anchor="middle" '
                f'font-size="11">{escape(point["round"])}</text>'
            )
        series = (
            (compliance_label, _BAR, "", [(i, float(p["compliance"])) for i, p in enumerate(points)]),
            (
                score_label,
                _SECOND,
                ' stroke-dasharray="6 4"',
                [(i, float(p["score"])) for i, p in enumerate(points) if p["score"] is not None],
            ),
        )
        for label, colour, dash, values in series:
            if not values:
                continue
            line = " ".join(f"{_number(x_of(i))},{_number(y_of(v))}" for i, v in values)
            marks.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
            for i, value in values:
                tooltip = f"{points[i]['round']} {label}: {_percent(value)}"
                marks.append(
                    f'<circle cx="{_number(x_of(i))}" cy="{_number(y_of(value))}" r="3.5" fill="{colour}">'
                    f"<title>{escape(tooltip)}</title></circle>"
                )
        legend_y = _number(top - 14)
        marks.append(
            f'<rect x="{_number(left)}" y="{_number(top - 20)}" width="14" height="4" fill="{_BAR}"/>'
            f'<text x="{_number(left + 20)}" y="{legend_y}" font-size="11">{escape(compliance_label)}</text>'
            f'<rect x="{_number(left + 200)}" y="{_number(top - 20)}" width="14" height="4" fill="{_SECOND}"/>'
            f'<text x="{_number(left + 220)}" y="{legend_y}" font-size="11">{escape(score_label)}</text>'
        )
        return _svg(width=width, height=height, key="chart-trend", title=title, desc=desc, body=marks)
