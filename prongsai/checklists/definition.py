"""Read a checklist data file (TOML) into a validated, immutable definition. Pure: no Django.

The file format is documented in `data/README.md`. Validation collects every problem, each
message in Thai and English, so an editor of the file fixes them all in one pass.
"""

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
# Item and clause codes fit the database columns (32 characters); checklist codes 64.
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
_CHECKLIST_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class CurrencyRule(StrEnum):
    """How long an approved entry stays current before it is due for review again."""

    SIX_MONTHS = "six_months"
    CURRENT_FISCAL_YEAR = "current_fiscal_year"
    PREVIOUS_FISCAL_YEAR = "previous_fiscal_year"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class ClauseDefinition:
    code: str
    title_th: str
    title_en: str


SITE_FACTS = ("address", "phone", "email", "map")
"""The contact details the monitor recognises on any page (``[items.monitor] site_facts``)."""


@dataclass(frozen=True)
class MonitorRules:
    """What, besides a page of its own, counts as an item's evidence on a website (``[items.monitor]``).

    ``site_facts``/``required_site_facts``: contact details shown on the site's pages, the header and footer
    included, are evidence (5.1.1.5): all the required ones on one page make the item found, any of the
    others only partly.
    ``channel_links``: a link labelled for the item that opens a channel itself (an e-mail address, a LINE
    account, an outside complaint system) is the item's evidence, and so is a labelled page whose content is
    a form to write a message in (5.1.10, 5.1.11).
    ``message_forms``: any form on the site to write a message in is a channel for the item, labelled or not
    (a contact form takes opinions: 5.1.10).
    ``people``: a page that introduces people by name, honorific and an executive's position, with their
    photos, is the item's evidence whatever its menu calls it (5.1.1.2).
    """

    site_facts: tuple[str, ...] = ()
    required_site_facts: tuple[str, ...] = ()
    channel_links: bool = False
    message_forms: bool = False
    people: bool = False


@dataclass(frozen=True)
class ItemDefinition:
    code: str
    clause: str
    name_th: str
    name_en: str
    evidence_th: str
    evidence_en: str
    guidance_th: str
    guidance_en: str
    review_step: int
    currency: CurrencyRule
    bilingual_required: bool
    nothing_to_publish_allowed: bool
    weight: float
    keywords_th: tuple[str, ...]
    keywords_en: tuple[str, ...]
    crosswalk: Mapping[str, tuple[str, ...]]
    monitor: MonitorRules = field(default_factory=MonitorRules)


@dataclass(frozen=True)
class ChecklistDefinition:
    code: str
    title_th: str
    title_en: str
    version: str
    source_th: str
    source_en: str
    effective_from: dt.date
    clauses: tuple[ClauseDefinition, ...]
    items: tuple[ItemDefinition, ...]
    content_hash: str


class ChecklistFileError(ValueError):
    """The file cannot be loaded; `problems` lists every reason, each in Thai and English."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Collector:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, thai: str, english: str) -> None:
        self.problems.append(f"{where}: {thai} / {english}")

    def text(self, table: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.add(where, f"ไม่มีช่อง '{key}'", f"missing field '{key}'")
            return ""
        if not isinstance(value, str):
            self.add(where, f"ช่อง '{key}' ต้องเป็นข้อความ", f"field '{key}' must be text")
            return ""
        if required and not value.strip():
            self.add(where, f"ช่อง '{key}' ว่างอยู่", f"field '{key}' is empty")
        return value.strip()

    def boolean(self, table: Mapping[str, Any], key: str, where: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.add(where, f"ช่อง '{key}' ต้องเป็น true หรือ false", f"field '{key}' must be true or false")
            return False
        return value

    def phrases(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add(where, f"ช่อง '{key}' ต้องเป็นรายการข้อความ", f"field '{key}' must be a list of text")
            return ()
        return tuple(dict.fromkeys(v.strip() for v in value))


def _item(raw: Mapping[str, Any], clause_codes: set[str], where: str, c: _Collector) -> ItemDefinition | None:
    code = c.text(raw, "code", where)
    where = f"{where} ({code})" if code else where
    if code and not _CODE.match(code):
        c.add(
            where,
            "รหัสรายการยาวเกิน 32 อักขระหรือมีอักขระที่ใช้ไม่ได้",
            "the item code is over 32 characters or has characters that are not allowed",
        )
    clause = c.text(raw, "clause", where)
    if clause and clause not in clause_codes:
        c.add(where, f"ไม่พบหมวด '{clause}'", f"unknown clause '{clause}'")
    step = raw.get("review_step")
    if not isinstance(step, int) or isinstance(step, bool) or not 1 <= step <= 4:
        c.add(where, "ขั้นตอนการตรวจสอบต้องเป็น 1 ถึง 4", "review_step must be 1 to 4")
        step = 1
    currency_raw = str(raw.get("currency"))
    try:
        currency = CurrencyRule(currency_raw)
    except ValueError:
        allowed = ", ".join(rule.value for rule in CurrencyRule)
        c.add(where, f"เกณฑ์ความเป็นปัจจุบันต้องเป็นหนึ่งใน {allowed}", f"currency must be one of {allowed}")
        currency = CurrencyRule.SIX_MONTHS
    weight = raw.get("weight", 1.0)
    if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
        c.add(where, "น้ำหนักต้องเป็นจำนวนบวก", "weight must be a positive number")
        weight = 1.0
    crosswalk_raw = raw.get("crosswalk", {})
    crosswalk: dict[str, tuple[str, ...]] = {}
    if not isinstance(crosswalk_raw, dict):
        c.add(where, "crosswalk ต้องเป็นตาราง", "crosswalk must be a table")
    else:
        for year, codes in crosswalk_raw.items():
            if not isinstance(codes, list) or not all(isinstance(x, str) for x in codes):
                c.add(
                    where,
                    f"crosswalk '{year}' ต้องเป็นรายการรหัส",
                    f"crosswalk '{year}' must be a list of codes",
                )
                continue
            crosswalk[str(year)] = tuple(codes)
    monitor = _monitor_rules(raw.get("monitor", {}), where, c)
    item = ItemDefinition(
        code=code,
        clause=clause,
        name_th=c.text(raw, "name_th", where),
        name_en=c.text(raw, "name_en", where),
        evidence_th=c.text(raw, "evidence_th", where, required=False),
        evidence_en=c.text(raw, "evidence_en", where, required=False),
        guidance_th=c.text(raw, "guidance_th", where, required=False),
        guidance_en=c.text(raw, "guidance_en", where, required=False),
        review_step=step,
        currency=currency,
        bilingual_required=c.boolean(raw, "bilingual_required", where),
        nothing_to_publish_allowed=c.boolean(raw, "nothing_to_publish_allowed", where),
        weight=float(weight),
        keywords_th=c.phrases(raw, "keywords_th", where),
        keywords_en=c.phrases(raw, "keywords_en", where),
        crosswalk=crosswalk,
        monitor=monitor,
    )
    return item if code else None


def monitor_rules_to_json(rules: MonitorRules) -> dict[str, Any]:
    """Return an item's monitor rules as stored beside it (only what differs from the defaults)."""
    stored: dict[str, Any] = {}
    if rules.site_facts:
        stored["site_facts"] = list(rules.site_facts)
        stored["required_site_facts"] = list(rules.required_site_facts)
    if rules.channel_links:
        stored["channel_links"] = True
    if rules.message_forms:
        stored["message_forms"] = True
    if rules.people:
        stored["people"] = True
    return stored


def monitor_rules_from_json(stored: Mapping[str, Any]) -> MonitorRules:
    """Read back what :func:`monitor_rules_to_json` stored."""
    return MonitorRules(
        site_facts=tuple(str(fact) for fact in stored.get("site_facts", ())),
        required_site_facts=tuple(str(fact) for fact in stored.get("required_site_facts", ())),
        channel_links=bool(stored.get("channel_links", False)),
        message_forms=bool(stored.get("message_forms", False)),
        people=bool(stored.get("people", False)),
    )


def _monitor_rules(raw: Any, where: str, c: _Collector) -> MonitorRules:
    """Read an item's ``[items.monitor]`` table (all of it optional)."""
    if not isinstance(raw, dict):
        c.add(where, "monitor ต้องเป็นตาราง", "monitor must be a table")
        return MonitorRules()
    unknown = sorted(set(raw) - {"site_facts", "required_site_facts", "channel_links", "message_forms", "people"})
    if unknown:
        c.add(where, f"monitor มีช่องที่ไม่รู้จัก {unknown}", f"monitor has unknown fields {unknown}")
    facts = c.phrases(raw, "site_facts", where)
    required = c.phrases(raw, "required_site_facts", where) if "required_site_facts" in raw else facts
    known = ", ".join(SITE_FACTS)
    strange = [fact for fact in dict.fromkeys((*facts, *required)) if fact not in SITE_FACTS]
    if strange:
        c.add(where, f"site_facts ต้องเป็นหนึ่งใน {known}", f"site_facts must be among {known}: not {strange}")
    if not set(required) <= set(facts):
        c.add(
            where,
            "required_site_facts ต้องเป็นส่วนหนึ่งของ site_facts",
            "required_site_facts must be among the site_facts",
        )
    return MonitorRules(
        site_facts=tuple(fact for fact in facts if fact in SITE_FACTS),
        required_site_facts=tuple(fact for fact in required if fact in SITE_FACTS and fact in facts),
        channel_links=c.boolean(raw, "channel_links", where),
        message_forms=c.boolean(raw, "message_forms", where),
        people=c.boolean(raw, "people", where),
    )


def parse_checklist(data: Mapping[str, Any], *, content_hash: str = "") -> ChecklistDefinition:
    """Validate a decoded checklist document and return its definition, or raise ChecklistFileError."""
    c = _Collector()
    if data.get("schema") != SCHEMA_VERSION:
        c.add("schema", f"ต้องระบุ schema = {SCHEMA_VERSION}", f"schema must be {SCHEMA_VERSION}")
    head = data.get("checklist")
    if not isinstance(head, dict):
        c.add("[checklist]", "ไม่มีส่วนหัวของรายการตรวจสอบ", "the [checklist] table is missing")
        raise ChecklistFileError(c.problems)
    code = c.text(head, "code", "[checklist]")
    title_th = c.text(head, "title_th", "[checklist]")
    title_en = c.text(head, "title_en", "[checklist]")
    if code and not _CHECKLIST_CODE.match(code):
        c.add(
            "[checklist]",
            "รหัสรายการตรวจสอบมีอักขระที่ใช้ไม่ได้",
            "the checklist code has characters that are not allowed",
        )
    effective = head.get("effective_from")
    if not isinstance(effective, dt.date) or isinstance(effective, dt.datetime):
        c.add(
            "[checklist]",
            "effective_from ต้องเป็นวันที่ เช่น 2018-10-01",
            "effective_from must be a date, e.g. 2018-10-01",
        )
        effective = dt.date(1970, 1, 1)

    clauses: list[ClauseDefinition] = []
    raw_clauses = data.get("clauses", [])
    if not isinstance(raw_clauses, list) or not raw_clauses:
        c.add("[[clauses]]", "ต้องมีอย่างน้อยหนึ่งหมวด", "at least one clause is required")
        raw_clauses = []
    for index, raw in enumerate(raw_clauses, start=1):
        where = f"[[clauses]] #{index}"
        if not isinstance(raw, dict):
            c.add(where, "แต่ละหมวดต้องเป็นตาราง", "each clause must be a table")
            continue
        clause_code = c.text(raw, "code", where)
        if clause_code and not _CODE.match(clause_code):
            c.add(
                where,
                "รหัสหมวดยาวเกิน 32 อักขระหรือมีอักขระที่ใช้ไม่ได้",
                "the clause code is over 32 characters or has characters that are not allowed",
            )
        clauses.append(ClauseDefinition(clause_code, c.text(raw, "title_th", where), c.text(raw, "title_en", where)))
    clause_codes = {clause.code for clause in clauses}
    if len(clause_codes) != len(clauses):
        c.add("[[clauses]]", "รหัสหมวดซ้ำกัน", "clause codes repeat")

    items: list[ItemDefinition] = []
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list) or not raw_items:
        c.add("[[items]]", "ต้องมีอย่างน้อยหนึ่งรายการ", "at least one item is required")
        raw_items = []
    for index, raw in enumerate(raw_items, start=1):
        if not isinstance(raw, dict):
            c.add(f"[[items]] #{index}", "แต่ละรายการต้องเป็นตาราง", "each item must be a table")
            continue
        item = _item(raw, clause_codes, f"[[items]] #{index}", c)
        if item is not None:
            items.append(item)
    seen: set[str] = set()
    for item in items:
        if item.code in seen:
            c.add(f"[[items]] ({item.code})", "รหัสรายการซ้ำกัน", "the item code repeats")
        seen.add(item.code)

    if c.problems:
        raise ChecklistFileError(c.problems)
    return ChecklistDefinition(
        code=code,
        title_th=title_th,
        title_en=title_en,
        version=str(head.get("version", "")),
        source_th=c.text(head, "source_th", "[checklist]", required=False),
        source_en=c.text(head, "source_en", "[checklist]", required=False),
        effective_from=effective,
        clauses=tuple(clauses),
        items=tuple(items),
        content_hash=content_hash,
    )


def load_checklist_file(path: Path) -> ChecklistDefinition:
    """Read and validate a checklist TOML file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ChecklistFileError(
            [f"{path}: อ่านไฟล์ไม่ได้ ({exc.strerror}) / cannot read the file ({exc.strerror})"]
        ) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ChecklistFileError([f"{path}: ไฟล์ต้องเข้ารหัส UTF-8 / the file must be UTF-8"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistFileError([f"{path}: รูปแบบ TOML ไม่ถูกต้อง ({exc}) / invalid TOML ({exc})"]) from exc
    return parse_checklist(data, content_hash=hashlib.sha256(raw).hexdigest())


DEFAULT_CHECKLIST_PATH = Path(__file__).resolve().parent / "data" / "mof-ops-2562.toml"
