"""What a website check concludes, in the shape of the self-check's JSON. Pure: no Django.

The engine produces a `CheckOutcome`; the database stores it (`services.check_record`); the
command-line self-check prints it with `to_json`. One shape for all three keeps the JSON contract
(`python -m prongsai.monitoring check URL --json FILE`) and the stored findings from drifting apart.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ItemStatus(StrEnum):
    """Whether a site carries an item: its own page or document with content, only a placeholder or part, or nothing."""

    FOUND = "found"
    PARTIAL = "partial"
    NOT_FOUND = "not_found"


class DateSource(StrEnum):
    """Where the "as of" date of a finding was read."""

    CONTENT = "content"  # a date written on the page or in the document
    LAST_MODIFIED = "last_modified"  # the server's Last-Modified header
    DOCUMENT_METADATA = "document_metadata"  # PDF/DOCX/XLSX properties


class OutcomeError(ValueError):
    """A check outcome that breaks the contract (unknown status, confidence outside 0..1, …)."""


@dataclass(frozen=True)
class Evidence:
    """One page or document that supports a finding, as it was when fetched."""

    url: str
    http_status: int | None = None
    phrases: tuple[str, ...] = ()
    snippet: str = ""


@dataclass(frozen=True)
class ItemOutcome:
    """The finding for one checklist item."""

    code: str
    status: ItemStatus
    evidence: tuple[Evidence, ...] = ()
    as_of: dt.date | None = None
    as_of_source: DateSource | None = None
    current: bool | None = None
    confidence: float = 0.0
    reason_th: str = ""
    reason_en: str = ""
    fix_th: str = ""
    fix_en: str = ""

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise OutcomeError(f"{self.code}: confidence must lie between 0 and 1, got {self.confidence}")
        if self.as_of is None and self.as_of_source is not None:
            raise OutcomeError(f"{self.code}: a date source without a date")

    @property
    def evidence_urls(self) -> list[str]:
        return [evidence.url for evidence in self.evidence]


@dataclass(frozen=True)
class CheckOutcome:
    """Everything one check of one site concluded, with what it cost."""

    site: str
    checklist: str
    checked_at: dt.datetime
    items: tuple[ItemOutcome, ...]
    site_findings: Mapping[str, Any] = field(default_factory=dict)
    pages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    stopped_by: str = ""
    errors: Mapping[str, int] = field(default_factory=dict)
    """Pages that could not be fetched, by what went wrong (``timeout``, ``http_404`` …): a partly reachable site."""

    def __post_init__(self) -> None:
        codes = [item.code for item in self.items]
        if len(set(codes)) != len(codes):
            raise OutcomeError("an item code appears twice in one check")


def _evidence_to_json(evidence: Evidence) -> dict[str, Any]:
    return {
        "url": evidence.url,
        "http_status": evidence.http_status,
        "phrases": list(evidence.phrases),
        "snippet": evidence.snippet,
    }


def item_to_json(item: ItemOutcome) -> dict[str, Any]:
    """Return one item finding in the self-check's JSON shape (plus its evidence details)."""
    return {
        "code": item.code,
        "status": item.status.value,
        "evidence_urls": item.evidence_urls,
        "evidence": [_evidence_to_json(e) for e in item.evidence],
        "as_of": item.as_of.isoformat() if item.as_of else None,
        "as_of_source": item.as_of_source.value if item.as_of_source else None,
        "current": item.current,
        "confidence": round(item.confidence, 3),
        "reason_th": item.reason_th,
        "reason_en": item.reason_en,
        "fix_th": item.fix_th,
        "fix_en": item.fix_en,
    }


def to_json(outcome: CheckOutcome) -> dict[str, Any]:
    """Return the outcome as the self-check's JSON document (`--json FILE`)."""
    return {
        "site": outcome.site,
        "checklist": outcome.checklist,
        "checked_at": outcome.checked_at.isoformat(),
        "items": [item_to_json(item) for item in outcome.items],
        "site_findings": dict(outcome.site_findings),
        "stats": {
            "pages": outcome.pages,
            "bytes": outcome.bytes,
            "seconds": round(outcome.seconds, 3),
            "stopped_by": outcome.stopped_by,
            "errors": dict(sorted(outcome.errors.items())),
        },
    }


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise OutcomeError(f"{where}: {value!r} is not a YYYY-MM-DD date") from exc


def _choice[E: StrEnum](kind: type[E], value: Any, where: str) -> E:
    try:
        return kind(value)
    except ValueError as exc:
        raise OutcomeError(f"{where}: {value!r} is not one of {[member.value for member in kind]}") from exc


def item_from_json(data: Mapping[str, Any]) -> ItemOutcome:
    """Read one item finding back from its JSON form; raise OutcomeError on anything outside the contract."""
    code = str(data.get("code", ""))
    if not code:
        raise OutcomeError("an item finding without a code")
    evidence_data: Sequence[Mapping[str, Any]] = data.get("evidence") or [
        {"url": url} for url in data.get("evidence_urls", [])
    ]
    source = data.get("as_of_source")
    current = data.get("current")
    if current is not None and not isinstance(current, bool):
        raise OutcomeError(f"{code}: current must be true, false or null")
    try:
        confidence = float(data.get("confidence", 0.0))
    except (TypeError, ValueError) as exc:
        raise OutcomeError(f"{code}: confidence must be a number") from exc
    return ItemOutcome(
        code=code,
        status=_choice(ItemStatus, data.get("status"), code),
        evidence=tuple(
            Evidence(
                url=str(e["url"]),
                http_status=e.get("http_status"),
                phrases=tuple(str(p) for p in e.get("phrases", ())),
                snippet=str(e.get("snippet", "")),
            )
            for e in evidence_data
        ),
        as_of=_date(data.get("as_of"), code),
        as_of_source=_choice(DateSource, source, code) if source is not None else None,
        current=current,
        confidence=confidence,
        reason_th=str(data.get("reason_th", "")),
        reason_en=str(data.get("reason_en", "")),
        fix_th=str(data.get("fix_th", "")),
        fix_en=str(data.get("fix_en", "")),
    )


def from_json(data: Mapping[str, Any]) -> CheckOutcome:
    """Read a whole check outcome back from the self-check's JSON document."""
    stats = data.get("stats", {})
    try:
        checked_at = dt.datetime.fromisoformat(str(data["checked_at"]))
    except (KeyError, ValueError) as exc:
        raise OutcomeError("checked_at must be an ISO-8601 moment") from exc
    return CheckOutcome(
        site=str(data.get("site", "")),
        checklist=str(data.get("checklist", "")),
        checked_at=checked_at,
        items=tuple(item_from_json(item) for item in data.get("items", [])),
        site_findings=dict(data.get("site_findings", {})),
        pages=int(stats.get("pages", 0)),
        bytes=int(stats.get("bytes", 0)),
        seconds=float(stats.get("seconds", 0.0)),
        stopped_by=str(stats.get("stopped_by", "")),
        errors={str(code): int(count) for code, count in dict(stats.get("errors") or {}).items()},
    )
