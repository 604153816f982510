"""Score a monitor's findings against the farm's answer key. Pure functions over decoded JSON.

For every item code: precision and recall of "found", of "partial", and of "present" (found or partial,
against not_found); how often the evidence named overlaps the key's; and the accuracy of `current` where
the key knows it. A `current` given where the key says the date is unknown counts as a guess. Sites are
matched by host, evidence URLs by their decoded path and query, so absolute and relative URLs compare.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

FOUND, PARTIAL, NOT_FOUND = "found", "partial", "not_found"


@dataclass
class Counts:
    """True positives, false positives and false negatives of one yes/no question."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, truth: bool, predicted: bool) -> None:
        """Count one decision."""
        if truth and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif truth:
            self.fn += 1

    @property
    def precision(self) -> float | None:
        """Return tp / (tp + fp), or None when nothing was predicted positive."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """Return tp / (tp + fn), or None when the key has no positive."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class ItemScore:
    """The scores of one item code over every site (or of all items together)."""

    code: str
    found: Counts = field(default_factory=Counts)
    partial: Counts = field(default_factory=Counts)
    present: Counts = field(default_factory=Counts)
    evidence_hits: int = 0
    evidence_checked: int = 0
    current_right: int = 0
    current_known: int = 0
    current_guesses: int = 0
    missing: int = 0

    def add(self, truth: Mapping[str, Any], predicted: Mapping[str, Any] | None) -> None:
        """Count one site's finding for this item against the key; a missing finding counts as not_found."""
        if predicted is None:
            self.missing += 1
            predicted = {"status": NOT_FOUND, "evidence_urls": [], "current": None}
        t_status, p_status = truth["status"], predicted.get("status")
        self.found.add(t_status == FOUND, p_status == FOUND)
        self.partial.add(t_status == PARTIAL, p_status == PARTIAL)
        self.present.add(t_status != NOT_FOUND, p_status in (FOUND, PARTIAL))
        if t_status != NOT_FOUND and p_status in (FOUND, PARTIAL):
            self.evidence_checked += 1
            wanted = {url_key(u) for u in truth["evidence_urls"]}
            if wanted & {url_key(u) for u in predicted.get("evidence_urls") or ()}:
                self.evidence_hits += 1
        if truth["current"] is None:
            if predicted.get("current") is not None:
                self.current_guesses += 1
        else:
            self.current_known += 1
            if predicted.get("current") is truth["current"]:
                self.current_right += 1

    def merge(self, other: "ItemScore") -> None:
        """Add `other`'s counts to these."""
        for name in ("found", "partial", "present"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.tp, mine.fp, mine.fn = mine.tp + theirs.tp, mine.fp + theirs.fp, mine.fn + theirs.fn
        for name in (
            "evidence_hits",
            "evidence_checked",
            "current_right",
            "current_known",
            "current_guesses",
            "missing",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def current_accuracy(self) -> float | None:
        """Return the share of items with a known `current` that the monitor got right."""
        return self.current_right / self.current_known if self.current_known else None

    @property
    def evidence_rate(self) -> float | None:
        """Return the share of items both sides call present whose evidence overlaps the key's."""
        return self.evidence_hits / self.evidence_checked if self.evidence_checked else None


@dataclass
class FarmScore:
    """Per-item scores in checklist order, the total over all items, and sites the output lacked."""

    items: list[ItemScore]
    total: ItemScore
    sites_missing: list[str]


def url_key(url: str) -> str:
    """Return the decoded path and query of `url`, the part two spellings of one address share."""
    parts = urlsplit(url)
    return unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def score_farm(key: Mapping[str, Any], outputs: Iterable[Mapping[str, Any]]) -> FarmScore:
    """Score monitor outputs (one JSON document per site, the issue's shape) against the farm key."""
    by_host = {_host(str(output["site"])): output for output in outputs}
    codes = [item["code"] for item in key["sites"][0]["items"]] if key["sites"] else []
    scores = {code: ItemScore(code) for code in codes}
    missing_sites = []
    for site in key["sites"]:
        output = by_host.get(site["host"])
        if output is None:
            missing_sites.append(site["host"])
        findings = {f["code"]: f for f in (output or {}).get("items", [])}
        for truth in site["items"]:
            scores[truth["code"]].add(truth, findings.get(truth["code"]))
    total = ItemScore("all")
    for item_score in scores.values():
        total.merge(item_score)
    return FarmScore([scores[code] for code in codes], total, missing_sites)


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def format_table(result: FarmScore) -> str:
    """Return the scores as a Markdown table, one row per item code and a total row."""
    header: Sequence[str] = (
        "item",
        "found P",
        "found R",
        "partial P",
        "partial R",
        "present P",
        "present R",
        "evidence",
        "current acc",
        "current guesses",
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in [*result.items, result.total]:
        cells = [
            row.code,
            _cell(row.found.precision),
            _cell(row.found.recall),
            _cell(row.partial.precision),
            _cell(row.partial.recall),
            _cell(row.present.precision),
            _cell(row.present.recall),
            _cell(row.evidence_rate),
            _cell(row.current_accuracy),
            str(row.current_guesses),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
