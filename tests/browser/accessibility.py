"""axe-core (bundled by axe-playwright-python, no download) run against a page at WCAG 2.1 AA."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

_axe = Axe()


def axe_violations(page: Any) -> list[str]:
    """Return one line per WCAG 2.1 A/AA violation on the page: rule, impact and the offending elements."""
    results = _axe.run(page, options=WCAG_21_AA)
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return lines
