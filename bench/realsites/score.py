"""Score the monitor's findings on real sites against the answer keys. Pure functions over decoded JSON.

Detection is found-or-partial against not found; the split asks, of the items both detect, whether the monitor
gave the key's status; evidence asks whether the monitor's first evidence is a page the key lists. Evidence
paths compare by decoded path and sorted query; a key path with `*` is a pattern.
"""

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from bench.realsites.corpus import ItemKey

FOUND, PARTIAL, NOT_FOUND = "found", "partial", "not_found"


def path_key(url: str) -> str:
    """Return the decoded path and sorted query of ``url`` (absolute or a path), the form evidence compares in."""
    parts = urlsplit(url)
    path = unquote(parts.path) or "/"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return path + (f"?{query}" if query else "")


def evidence_matches(predicted: str, wanted: Iterable[str]) -> bool:
    """Return whether the URL ``predicted`` is one of the key's evidence paths (``*`` patterns allowed)."""
    got = path_key(predicted)
    for path in wanted:
        want = path_key(path) if "*" not in path else unquote(path)
        if got == want or ("*" in want and fnmatch.fnmatchcase(got, want)):
            return True
    return False


@dataclass
class Tally:
    """Counts for one item code over the sites scored (or for all items together)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    split_right: int = 0
    split_checked: int = 0
    evidence_right: int = 0
    evidence_checked: int = 0
    exact: int = 0
    total: int = 0
    truth_absent: int = 0

    def add(self, truth: ItemKey, predicted: Mapping[str, Any]) -> None:
        """Count one site's finding for this item against the key."""
        t_present = truth.status != NOT_FOUND
        p_status = predicted.get("status", NOT_FOUND)
        p_present = p_status in (FOUND, PARTIAL)
        self.total += 1
        self.exact += p_status == truth.status
        self.truth_absent += not t_present
        if t_present and p_present:
            self.tp += 1
            self.split_checked += 1
            self.split_right += p_status == truth.status
            self.evidence_checked += 1
            urls = predicted.get("evidence_urls") or []
            self.evidence_right += bool(urls) and evidence_matches(urls[0], truth.evidence)
        elif p_present:
            self.fp += 1
        elif t_present:
            self.fn += 1
        else:
            self.tn += 1

    def merge(self, other: "Tally") -> None:
        """Add another tally's counts to this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        """Detection precision: of the items the monitor detects, the share the key detects too."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """Detection recall: of the items the key detects, the share the monitor detects."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def split(self) -> float | None:
        """Of the items both detect, the share with the key's status."""
        return self.split_right / self.split_checked if self.split_checked else None

    @property
    def evidence(self) -> float | None:
        """Of the items both detect, the share whose first evidence the key lists."""
        return self.evidence_right / self.evidence_checked if self.evidence_checked else None


@dataclass
class Report:
    """Per-item tallies, their sum, and the disagreements worth reading one by one."""

    items: dict[str, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)
    claims: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong_evidence: list[str] = field(default_factory=list)
    wrong_split: list[str] = field(default_factory=list)


def score(results: Sequence[tuple[str, Mapping[str, ItemKey], Mapping[str, Any]]], codes: Sequence[str]) -> Report:
    """Score (site name, key, self-check JSON) triples over the item ``codes``."""
    report = Report(items={code: Tally() for code in codes})
    for name, key, output in results:
        found = {item["code"]: item for item in output.get("items", [])}
        for code in codes:
            truth = key[code]
            predicted = found.get(code, {"status": NOT_FOUND})
            report.items[code].add(truth, predicted)
            p_status = predicted.get("status", NOT_FOUND)
            urls = predicted.get("evidence_urls") or []
            first = path_key(urls[0]) if urls else "-"
            if truth.status == NOT_FOUND and p_status != NOT_FOUND:
                report.claims.append(f"{name} {code}: monitor {p_status} at {first}; key: {truth.reason}")
            elif truth.status != NOT_FOUND and p_status == NOT_FOUND:
                report.misses.append(f"{name} {code}: key {truth.status} at {truth.evidence[0]}; {truth.reason}")
            else:
                if truth.status != NOT_FOUND and p_status != truth.status:
                    report.wrong_split.append(
                        f"{name} {code}: monitor {p_status} at {first}; key {truth.status}: {truth.reason}"
                    )
                if truth.status != NOT_FOUND and not (urls and evidence_matches(urls[0], truth.evidence)):
                    report.wrong_evidence.append(f"{name} {code}: monitor {first}; key {', '.join(truth.evidence)}")
    for tally in report.items.values():
        report.overall.merge(tally)
    return report


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def format_report(report: Report, *, title: str) -> str:
    """Return the report as a markdown table with the totals and the disagreements below it."""
    lines = [
        f"### {title}",
        "",
        "| item | precision | recall | split | evidence | exact | key present |",
        "|---|---|---|---|---|---|---|",
    ]
    for code, tally in [*report.items.items(), ("all", report.overall)]:
        present = tally.total - tally.truth_absent
        lines.append(
            f"| {code} | {_fmt(tally.precision)} | {_fmt(tally.recall)} | {_fmt(tally.split)} | "
            f"{_fmt(tally.evidence)} | {tally.exact}/{tally.total} | {present} |"
        )
    overall = report.overall
    if overall.total:
        baseline = overall.truth_absent / overall.total
        lines += [
            "",
            f"Detected {overall.tp + overall.fp} items, {overall.tp} rightly; the key has {overall.tp + overall.fn}.",
            f"Agreement {overall.exact / overall.total:.2f} (answering 'not found' everywhere: {baseline:.2f}).",
        ]
    for heading, rows in (
        ("Found or partial where the key finds nothing", report.claims),
        ("Missed", report.misses),
        ("Found where the key says partial, or partial where it says found", report.wrong_split),
        ("Evidence the key does not list", report.wrong_evidence),
    ):
        if rows:
            lines += ["", f"{heading}:", *(f"- {row}" for row in rows)]
    return "\n".join(lines)
