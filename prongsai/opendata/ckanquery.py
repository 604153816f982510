"""Read package_search's q, fq and sort, its other parameters, and those of the list actions. Pure: no Django.

CKAN hands q and fq to Solr; harvesters and `ckanapi` users send a small part of Solr's language,
and this module reads that part into a filter (a tree of the dataclasses below) the selectors turn
into a database query:

- terms `field:value`, `field:"quoted value"`, `field:(a OR b)`, `*:*`, and bare words;
- `+term` (required, as every term is), `-term`, `!term` and `NOT term` (excluded);
- `AND` / `&&` and `OR` / `||` between terms, and parentheses. Terms side by side must all match
  (CKAN sets Solr's default operator to AND). `OR` binds tighter than `AND`, so a harvester's
  `organization:a OR organization:b metadata_modified:[… TO *]` means "of a or b, and changed since";
- date ranges `[from TO to]` (inclusive) and `{from TO to}` (exclusive), either end `*`, the dates
  ISO 8601 with or without seconds, fractions and a zone (none means UTC, as CKAN's times are),
  or Solr's `NOW`, `NOW-7DAYS`, `NOW/DAY`.

Fields: metadata_modified, metadata_created, organization (its name), owner_org (its id), groups,
tags, res_format, name, id, type, license_id, state, capacity, private, and text / title / notes
(free text, like a bare word). A bare word or quoted phrase matches when it is part of the dataset's
folded search text (prongsai.thaitext.fold): Thai is written without spaces between words, so a
phrase is matched whole, as a substring, and never split into tokens. Results are not ranked by
relevance: `score` in a sort is accepted and ignored (the next key, or the id, decides).

Anything else (an unknown field, a broken range, an unbalanced parenthesis) raises the API's
bilingual SearchQueryError, never another exception; a query is at most 4000 characters and 200
terms, so that no query can grow a database statement past its limits.

organization_list and group_list take CKAN's one sort key (name, title or package_count; a title
is ordered in Thai dictionary order, prongsai.thaitext.thai_sort_key) and its limit and offset.
"""

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from prongsai.thaitext import fold, thai_sort_key

from .ckan import FACET_FIELDS, MAX_OFFSET, Params, SearchQueryError, bilingual, shorten
from .entities import OCDS, TABLE_FORMATS
from .kinds import GROUP_NAMES, KIND_SPECS, KindSpec, License

MAX_LENGTH = 4000
MAX_TERMS = 200
MAX_DEPTH = 16
ROWS_DEFAULT = 10
ROWS_MAX = 1000
FACET_LIMIT_DEFAULT = 50


class Field(StrEnum):
    """What a filter term looks at."""

    TEXT = "text"
    NAME = "name"
    ID = "id"
    ORGANIZATION = "organization"
    OWNER_ORG = "owner_org"
    KIND = "kind"
    MODIFIED = "metadata_modified"
    CREATED = "metadata_created"


@dataclass(frozen=True)
class Everything:
    """Every dataset."""


@dataclass(frozen=True)
class Nothing:
    """No dataset."""


@dataclass(frozen=True)
class Contains:
    """Datasets whose folded search text contains `text` (already folded)."""

    text: str


@dataclass(frozen=True)
class OneOf:
    """Datasets whose field is one of `values` (names and ids lower case, kinds by value)."""

    field: Field
    values: tuple[str, ...]


@dataclass(frozen=True)
class Between:
    """Datasets whose time field lies between two moments (UTC, None: open)."""

    field: Field
    start: dt.datetime | None
    end: dt.datetime | None
    include_start: bool = True
    include_end: bool = True


@dataclass(frozen=True)
class Not:
    """Datasets the term does not match."""

    term: "Filter"


@dataclass(frozen=True)
class AllOf:
    """Datasets every term matches."""

    terms: tuple["Filter", ...]


@dataclass(frozen=True)
class AnyOf:
    """Datasets one of the terms matches."""

    terms: tuple["Filter", ...]


type Filter = Everything | Nothing | Contains | OneOf | Between | Not | AllOf | AnyOf

EVERYTHING = Everything()
NOTHING = Nothing()


def _fail(th: str, en: str) -> SearchQueryError:
    return SearchQueryError(th, en)


# --- Combining -------------------------------------------------------------------------------------


def all_of(terms: list[Filter]) -> Filter:
    """Return the conjunction of terms, simplified (no Everything, Nothing absorbs, nested ANDs flattened)."""
    kept: list[Filter] = []
    for term in terms:
        if isinstance(term, Nothing):
            return NOTHING
        if isinstance(term, AllOf):
            kept.extend(term.terms)
        elif not isinstance(term, Everything):
            kept.append(term)
    if not kept:
        return EVERYTHING
    return kept[0] if len(kept) == 1 else AllOf(tuple(kept))


def any_of(terms: list[Filter]) -> Filter:
    """Return the disjunction of terms, simplified (one IN list per field, Everything absorbs)."""
    kept: list[Filter] = []
    merged: dict[Field, list[str]] = {}
    for term in terms:
        if isinstance(term, Everything):
            return EVERYTHING
        if isinstance(term, AnyOf):
            for inner in term.terms:
                if isinstance(inner, OneOf):
                    merged.setdefault(inner.field, []).extend(inner.values)
                else:
                    kept.append(inner)
        elif isinstance(term, OneOf):
            merged.setdefault(term.field, []).extend(term.values)
        elif not isinstance(term, Nothing):
            kept.append(term)
    kept.extend(OneOf(field, tuple(dict.fromkeys(values))) for field, values in merged.items())
    if not kept:
        return NOTHING
    return kept[0] if len(kept) == 1 else AnyOf(tuple(kept))


def negate(term: Filter) -> Filter:
    """Return the negation of a term, simplified."""
    if isinstance(term, Everything):
        return NOTHING
    if isinstance(term, Nothing):
        return EVERYTHING
    if isinstance(term, Not):
        return term.term
    return Not(term)


# --- Values ----------------------------------------------------------------------------------------

_ISO = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?)?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?$"
)
_NOW = re.compile(r"^NOW(?P<math>(?:[+-]\d{1,6}[A-Z]+|/[A-Z]+)*)$")
_NOW_PART = re.compile(r"([+-])(\d{1,6})([A-Z]+)|/([A-Z]+)")
_UNITS = {
    "SECOND": dt.timedelta(seconds=1),
    "MINUTE": dt.timedelta(minutes=1),
    "HOUR": dt.timedelta(hours=1),
    "DAY": dt.timedelta(days=1),
    "WEEK": dt.timedelta(weeks=1),
}


def _unit(name: str) -> str | None:
    singular = name[:-1] if name.endswith("S") else name
    return singular if singular in _UNITS else None


def parse_moment(text: str, *, now: dt.datetime) -> dt.datetime:
    """Return the UTC moment a date value names: ISO 8601 (a date alone is its midnight, no zone is UTC) or NOW±…"""
    value = text.strip()
    found = _NOW.match(value.upper())
    if found:
        moment = now.astimezone(dt.UTC)
        for sign, amount, unit_name, rounding in _NOW_PART.findall(found["math"]):
            unit = _unit(unit_name or rounding)
            if unit is None:
                raise _fail(
                    f"หน่วยเวลา {unit_name or rounding} ใช้ไม่ได้ (ใช้ SECOND, MINUTE, HOUR, DAY, WEEK)",
                    f"time unit {unit_name or rounding} is not supported (use SECOND, MINUTE, HOUR, DAY, WEEK)",
                )
            if rounding:
                moment = _round_down(moment, unit)
                continue
            step = _UNITS[unit] * int(amount)
            try:
                moment = moment + step if sign == "+" else moment - step
            except OverflowError:
                raise _fail(f"วันที่ {value[:40]!r} อยู่นอกช่วงปฏิทิน", f"{value[:40]!r} is out of range") from None
        return moment
    found = _ISO.match(value)
    if found is None:
        raise _fail(f"อ่านวันที่ {value[:40]!r} ไม่ได้", f"cannot read the date {value[:40]!r}")
    parts = {
        key: int(number) for key, number in found.groupdict().items() if number and key not in ("fraction", "zone")
    }
    fraction = (found["fraction"] or "").ljust(6, "0")[:6]
    zone = dt.UTC
    if found["zone"] and found["zone"] != "Z":
        raw = found["zone"].replace(":", "")
        minutes = int(raw[1:3]) * 60 + int(raw[3:5])
        if minutes >= 24 * 60:
            raise _fail(f"เขตเวลาใน {value[:40]!r} ไม่ถูกต้อง", f"the time zone of {value[:40]!r} is not valid")
        zone = dt.timezone(dt.timedelta(minutes=minutes if raw[0] == "+" else -minutes))
    try:
        moment = dt.datetime(
            parts["year"],
            parts["month"],
            parts["day"],
            parts.get("hour", 0),
            parts.get("minute", 0),
            parts.get("second", 0),
            int(fraction),
            tzinfo=zone,
        )
        return moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise _fail(f"ไม่มีวันที่ {value[:40]!r}", f"{value[:40]!r} is not a valid date") from None


def _round_down(moment: dt.datetime, unit: str) -> dt.datetime:
    if unit == "WEEK":
        raise _fail("ปัดเวลาเป็นสัปดาห์ไม่ได้", "rounding to a WEEK is not supported")
    moment = moment.replace(microsecond=0)
    if unit in ("DAY", "HOUR", "MINUTE"):
        moment = moment.replace(second=0)
    if unit in ("DAY", "HOUR"):
        moment = moment.replace(minute=0)
    if unit == "DAY":
        moment = moment.replace(hour=0)
    return moment


_UUID_TEXT = re.compile(r"^[0-9a-fA-F-]{32,36}$")


def _uuid_value(text: str) -> str | None:
    if not _UUID_TEXT.match(text):
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def _kinds(predicate: Callable[[KindSpec], bool]) -> Filter:
    found = tuple(kind.value for kind, spec in KIND_SPECS.items() if predicate(spec))
    return OneOf(Field.KIND, found) if found else NOTHING


def field_term(field: str, value: str, *, license_: License) -> Filter:
    """Return the filter of `field:value` (a plain value, not a range); unknown fields are an error."""
    key = field.lower()
    if value == "*":
        if key in _FIELDS:
            return EVERYTHING
        raise _unknown_field(field)
    if key in ("text", "title", "notes", "title_string"):
        return _text(value)
    if key in ("metadata_modified", "metadata_created"):
        raise _fail(
            f"{field} ต้องเป็นช่วง เช่น [2026-01-01T00:00:00Z TO *]",
            f"{field} needs a range, e.g. [2026-01-01T00:00:00Z TO *]",
        )
    if any(char in value for char in "*?"):
        raise _fail(f"{field} ใช้เครื่องหมาย * หรือ ? แทนตัวอักษรไม่ได้", f"wildcards (* and ?) are not supported in {field}")
    lowered = value.strip().lower()
    folded = fold(value)
    match key:
        case "name":
            return OneOf(Field.NAME, (lowered,))
        case "id":
            found = _uuid_value(value.strip())
            return OneOf(Field.ID, (found,)) if found else NOTHING
        case "organization":
            return OneOf(Field.ORGANIZATION, (lowered,))
        case "owner_org":
            found = _uuid_value(value.strip())
            return OneOf(Field.OWNER_ORG, (found,)) if found else NOTHING
        case "groups":
            return _kinds(lambda spec: spec.group == lowered) if lowered in GROUP_NAMES else NOTHING
        case "tags":
            return _kinds(lambda spec: folded in {fold(tag) for tag in spec.tags})
        case "res_format":
            if lowered in {name.lower() for name in TABLE_FORMATS}:
                return EVERYTHING
            return _kinds(lambda spec: spec.ocds) if lowered == OCDS.lower() else NOTHING
        case "license_id":
            return EVERYTHING if folded in {fold(license_.id), fold(license_.gdc_value)} else NOTHING
        case "type" | "dataset_type":
            return EVERYTHING if lowered == "dataset" else NOTHING
        case "entity_type":
            return EVERYTHING if lowered == "package" else NOTHING
        case "state":
            return EVERYTHING if lowered == "active" else NOTHING
        case "capacity":
            return EVERYTHING if lowered == "public" else NOTHING
        case "private":
            return EVERYTHING if lowered == "false" else NOTHING
    raise _unknown_field(field)


_FIELDS = frozenset(
    {
        "text",
        "title",
        "notes",
        "title_string",
        "metadata_modified",
        "metadata_created",
        "name",
        "id",
        "organization",
        "owner_org",
        "groups",
        "tags",
        "res_format",
        "license_id",
        "type",
        "dataset_type",
        "entity_type",
        "state",
        "capacity",
        "private",
    }
)


def _unknown_field(field: str) -> SearchQueryError:
    known = ", ".join(sorted(_FIELDS))
    return _fail(f"ไม่รู้จักฟิลด์ {field[:40]!r} (ใช้ได้: {known})", f"unknown field {field[:40]!r} (known fields: {known})")


def _text(value: str) -> Filter:
    # Solr's wildcards widen a word; matching it as a substring already does.
    phrase = fold(value.replace("*", " ").replace("?", " ")).strip()
    return Contains(phrase) if phrase else EVERYTHING


def range_term(field: str, low: str, high: str, *, include_start: bool, include_end: bool, now: dt.datetime) -> Filter:
    """Return the filter of `field:[low TO high]`; only the two time fields have ranges."""
    key = field.lower()
    if key not in ("metadata_modified", "metadata_created"):
        if key in _FIELDS:
            raise _fail(
                f"ช่วง [… TO …] ใช้ได้กับ metadata_modified และ metadata_created เท่านั้น ไม่ใช่ {field}",
                f"ranges [… TO …] work on metadata_modified and metadata_created only, not on {field}",
            )
        raise _unknown_field(field)
    start = None if low == "*" else parse_moment(low, now=now)
    end = None if high == "*" else parse_moment(high, now=now)
    if start is None and end is None:
        return EVERYTHING
    return Between(
        Field.MODIFIED if key == "metadata_modified" else Field.CREATED, start, end, include_start, include_end
    )


# --- Parsing ---------------------------------------------------------------------------------------

_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*:")
_SPECIAL = set('()"')


class _Parser:
    """A recursive-descent reader of one q or fq (the grammar is the module's docstring)."""

    def __init__(self, text: str, *, license_: License, now: dt.datetime) -> None:
        self.text = text
        self.at = 0
        self.terms = 0
        self.license = license_
        self.now = now

    # Characters.
    def skip_space(self) -> None:
        while self.at < len(self.text) and self.text[self.at].isspace():
            self.at += 1

    def done(self) -> bool:
        self.skip_space()
        return self.at >= len(self.text)

    def peek_word(self) -> str:
        """Return the next run of characters up to a space or parenthesis, without consuming it."""
        self.skip_space()
        end = self.at
        while end < len(self.text) and not self.text[end].isspace() and self.text[end] not in "()":
            end += 1
        return self.text[self.at : end]

    def count_term(self) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise _fail(f"มีเงื่อนไขเกิน {MAX_TERMS} ข้อ", f"more than {MAX_TERMS} terms")

    # Grammar.
    def expression(self, field: str | None, depth: int) -> Filter:
        if depth > MAX_DEPTH:
            raise _fail("วงเล็บซ้อนกันลึกเกินไป", "parentheses are nested too deeply")
        groups: list[Filter] = []
        alternatives = [self.unary(field, depth)]
        while not self.done() and self.text[self.at] != ")":
            word = self.peek_word()
            if word in ("OR", "||"):
                self.at += len(word)
                alternatives.append(self.unary(field, depth))
                continue
            if word in ("AND", "&&"):
                self.at += len(word)
            groups.append(any_of(alternatives))
            alternatives = [self.unary(field, depth)]
        groups.append(any_of(alternatives))
        return all_of(groups)

    def unary(self, field: str | None, depth: int) -> Filter:
        # A loop, not recursion, over the prefixes: a query of 4000 minus signs must not exhaust the stack.
        negated = False
        while True:
            if self.done() or self.text[self.at] == ")":
                raise _fail("มีตัวดำเนินการแต่ไม่มีเงื่อนไขตามหลัง", "an operator has no term after it")
            word = self.peek_word()
            if word in ("AND", "OR", "&&", "||"):
                raise _fail(f"{word} ต้องอยู่ระหว่างสองเงื่อนไข", f"{word} must stand between two terms")
            if word == "NOT":
                self.at += 3
                negated = not negated
                continue
            char = self.text[self.at]
            if char in "+-!":
                self.at += 1
                if self.at >= len(self.text) or self.text[self.at].isspace():
                    raise _fail(f"ไม่มีเงื่อนไขหลัง {char}", f"nothing follows {char}")
                negated = negated != (char != "+")
                continue
            break
        term = self.primary(field, depth)
        return negate(term) if negated else term

    def primary(self, field: str | None, depth: int) -> Filter:
        char = self.text[self.at]
        if char == "(":
            return self.group(field, depth)
        if char == '"':
            self.count_term()
            return self.value_term(field, self.quoted())
        if self.text.startswith("*:*", self.at):
            self.at += 3
            self.count_term()
            return EVERYTHING
        named = _FIELD.match(self.text, self.at)
        if named:
            name = named.group()[:-1]
            self.at = named.end()
            if self.at >= len(self.text) or self.text[self.at].isspace():
                raise _fail(f"ไม่มีค่าหลัง {name}:", f"{name}: has no value")
            return self.field_value(name, depth)
        self.count_term()
        return self.value_term(field, self.bare())

    def group(self, field: str | None, depth: int) -> Filter:
        """Read a parenthesised expression (its terms of `field` when one names them all), the "(" next."""
        self.at += 1
        if self.done() or self.text[self.at] == ")":
            raise _fail("วงเล็บว่าง", "empty parentheses")
        inner = self.expression(field, depth + 1)
        if self.done() or self.text[self.at] != ")":
            raise _fail("วงเล็บไม่ครบคู่", "a parenthesis is not closed")
        self.at += 1
        return inner

    def field_value(self, name: str, depth: int) -> Filter:
        char = self.text[self.at]
        if char in "[{":
            self.count_term()
            return self.range(name)
        if char == "(":
            return self.group(name, depth)
        self.count_term()
        value = self.quoted() if char == '"' else self.bare()
        return self.value_term(name, value)

    def value_term(self, field: str | None, value: str) -> Filter:
        if field is None or field.lower() == "text":
            if value in ("*", "*:*"):
                return EVERYTHING
            return _text(value)
        return field_term(field, value, license_=self.license)

    def quoted(self) -> str:
        self.at += 1  # the opening quote
        found: list[str] = []
        while self.at < len(self.text):
            char = self.text[self.at]
            if char == "\\" and self.at + 1 < len(self.text):
                found.append(self.text[self.at + 1])
                self.at += 2
                continue
            if char == '"':
                self.at += 1
                return "".join(found)
            found.append(char)
            self.at += 1
        raise _fail("เครื่องหมายคำพูดไม่ครบคู่", "a quotation mark is not closed")

    def bare(self) -> str:
        found: list[str] = []
        while self.at < len(self.text):
            char = self.text[self.at]
            if char == "\\" and self.at + 1 < len(self.text):
                found.append(self.text[self.at + 1])
                self.at += 2
                continue
            if char.isspace() or char in _SPECIAL:
                break
            found.append(char)
            self.at += 1
        if not found:
            raise _fail(f"อ่านคำค้นที่ตำแหน่ง {self.at + 1} ไม่ได้", f"cannot read the query at character {self.at + 1}")
        return "".join(found)

    def range(self, field: str) -> Filter:
        opening = self.text[self.at]
        end = self.at + 1
        while end < len(self.text) and self.text[end] not in "]}":
            end += 1
        if end >= len(self.text):
            raise _fail("ช่วงไม่มีวงเล็บปิด ] หรือ }", "a range has no closing ] or }")
        closing = self.text[end]
        parts = self.text[self.at + 1 : end].replace("\\", "").split()
        self.at = end + 1
        if len(parts) != 3 or parts[1].upper() != "TO":
            raise _fail("ช่วงต้องเขียนว่า [ค่าเริ่ม TO ค่าสิ้นสุด]", "a range must read [start TO end]")
        low, high = (part.strip("\"'") for part in (parts[0], parts[2]))
        return range_term(field, low, high, include_start=opening == "[", include_end=closing == "]", now=self.now)


def parse_query(text: str, *, license_: License, now: dt.datetime) -> tuple[Filter, int]:
    """Return the filter a q or fq means and how many terms it has; "" and `*:*` mean every dataset.

    Raise SearchQueryError (bilingual) for anything it cannot read.
    """
    if len(text) > MAX_LENGTH:
        raise _fail(f"คำค้นยาวเกิน {MAX_LENGTH} ตัวอักษร", f"the query is longer than {MAX_LENGTH} characters")
    stripped = text.strip()
    if not stripped or stripped in ('""', "''"):
        return EVERYTHING, 0
    parser = _Parser(stripped, license_=license_, now=now)
    found = parser.expression(None, 0)
    if not parser.done():
        raise _fail(
            f"มีวงเล็บปิดเกินที่ตำแหน่ง {parser.at + 1}", f"an unmatched closing parenthesis at character {parser.at + 1}"
        )
    return found, parser.terms


# --- Sorting ---------------------------------------------------------------------------------------


class SortField(StrEnum):
    """What package_search can sort by."""

    SCORE = "score"
    ID = "id"
    NAME = "name"
    MODIFIED = "metadata_modified"
    CREATED = "metadata_created"
    TITLE = "title_string"


@dataclass(frozen=True)
class SortKey:
    field: SortField
    descending: bool


DEFAULT_SORT = "score desc, metadata_modified desc"
_SORT_ALIASES = {"title": SortField.TITLE, "title_string": SortField.TITLE}


def parse_sort(text: str | None) -> tuple[SortKey, ...]:
    """Return the keys of a sort ("name asc, metadata_modified desc"); none or "rank" is CKAN's default."""
    value = (text or "").strip()
    if not value or value == "rank":
        value = DEFAULT_SORT
    keys: list[SortKey] = []
    for part in value.split(","):
        words = part.split()
        if not words:
            raise _fail("การเรียงมีส่วนที่ว่าง", "a part of the sort is empty")
        if len(words) > 2:
            raise _fail(f"อ่านการเรียง {part.strip()[:60]!r} ไม่ได้", f"cannot read the sort {part.strip()[:60]!r}")
        name = words[0].lower()
        field = _SORT_ALIASES.get(name) or next((f for f in SortField if f.value == name), None)
        if field is None:
            known = ", ".join(f.value for f in SortField)
            raise _fail(
                f"เรียงตาม {words[0][:40]!r} ไม่ได้ (ใช้ได้: {known})",
                f"cannot sort by {words[0][:40]!r} (sortable: {known})",
            )
        direction = words[1].lower() if len(words) == 2 else "asc"
        if direction not in ("asc", "desc"):
            raise _fail(
                f"ทิศทางการเรียง {words[1][:20]!r} ไม่ถูกต้อง (ใช้ asc หรือ desc)",
                f"invalid sort direction {words[1][:20]!r} (use asc or desc)",
            )
        keys.append(SortKey(field, direction == "desc"))
    if len(keys) > 5:
        raise _fail("เรียงได้ไม่เกิน 5 ลำดับ", "at most 5 sort keys")
    return tuple(keys)


# --- package_search's parameters ---------------------------------------------------------------------


@dataclass(frozen=True)
class SearchParams:
    """package_search's parameters, read and checked."""

    filter: Filter
    sort: tuple[SortKey, ...]
    sort_text: str
    rows: int
    start: int
    facet_fields: tuple[str, ...]
    facet_limit: int
    facet_mincount: int


def search_params(raw: Mapping[str, object], *, license_: License, now: dt.datetime) -> SearchParams:
    """Read package_search's parameters (CKAN's names and defaults; the module's docstring gives the language).

    Raise ValidationError for parameters of the wrong type (every one at once), then
    SearchQueryError for a q, fq or sort that cannot be read.
    """
    params = Params(raw)
    q = params.text("q", "", limit=MAX_LENGTH) or ""
    fq = params.text("fq", "", limit=MAX_LENGTH) or ""
    fq_list = params.strings("fq_list", limit=20) or []
    sort_text = params.text("sort", limit=200)
    rows = params.integer("rows", ROWS_DEFAULT, maximum=ROWS_MAX)
    start = params.integer("start", 0, maximum=MAX_OFFSET)
    facet = params.boolean("facet", True)
    fields = params.strings("facet.field", parse_json=True, limit=20) or []
    facet_limit = params.integer("facet.limit", FACET_LIMIT_DEFAULT, minimum=None, maximum=MAX_OFFSET)
    mincount = params.integer("facet.mincount", 1, maximum=MAX_OFFSET)
    params.check()

    unknown = [field for field in fields if field not in FACET_FIELDS]
    if unknown:
        known = ", ".join(FACET_FIELDS)
        raise _fail(
            f"นับตามฟิลด์ {unknown[0][:40]!r} ไม่ได้ (ใช้ได้: {known})",
            f"cannot facet on {unknown[0][:40]!r} (facet fields: {known})",
        )
    filters: list[Filter] = []
    terms = 0
    for text in (q, fq, *fq_list):
        found, count = parse_query(text, license_=license_, now=now)
        terms += count
        filters.append(found)
    if terms > MAX_TERMS:
        raise _fail(f"มีเงื่อนไขรวมเกิน {MAX_TERMS} ข้อ", f"more than {MAX_TERMS} terms in all")
    sort = parse_sort(sort_text)
    return SearchParams(
        filter=all_of(filters),
        sort=sort,
        sort_text=(sort_text or "").strip() or DEFAULT_SORT,
        rows=rows,
        start=start,
        facet_fields=tuple(dict.fromkeys(fields)) if facet else (),
        facet_limit=facet_limit,
        facet_mincount=mincount,
    )


def filter_fields(term: Filter, field: Field) -> set[str]:
    """Return every value a filter compares `field` with (the selectors resolve organization ids with it)."""
    match term:
        case OneOf() if term.field == field:
            return set(term.values)
        case Not():
            return filter_fields(term.term, field)
        case AllOf() | AnyOf():
            return set().union(*(filter_fields(inner, field) for inner in term.terms))
    return set()


# --- organization_list's and group_list's parameters ------------------------------------------------

LIST_MAX = 1000  # the most names or dicts one call of a list action returns (CKAN's default maximum)


@dataclass(frozen=True)
class ListParams:
    """The parameters organization_list and group_list share, read and checked."""

    sort_field: str
    descending: bool
    limit: int
    offset: int
    all_fields: bool
    names: list[str] | None
    include_dataset_count: bool
    include_extras: bool
    include_groups: bool
    include_users: bool
    q: str


def list_params(params: Params, names_key: str) -> ListParams:
    """Read the parameters organization_list and group_list share (CKAN's names and defaults)."""
    sort = (params.text("sort", limit=100) or params.text("order_by", limit=100) or "title").strip()
    parts = [part.split() for part in sort.split(",")]
    field, descending = "title", False
    if len(parts) > 1:
        params.problem("sort", bilingual("เรียงได้ลำดับเดียว", "Too many sort criteria provided only 1 allowed"))
    elif not parts[0] or len(parts[0]) > 2 or parts[0][0] not in ("name", "title", "package_count", "packages"):
        shown = shorten(sort, 40)
        params.problem("sort", bilingual(f"เรียงตาม `{shown}` ไม่ได้", f"Cannot sort by field `{shown}`"))
    else:
        field = "package_count" if parts[0][0] == "packages" else parts[0][0]
        # Sorting by the number of datasets with no direction means most first, as in CKAN.
        direction = parts[0][1].lower() if len(parts[0]) == 2 else ("desc" if field == "package_count" else "asc")
        if direction not in ("asc", "desc"):
            shown = shorten(parts[0][1], 20)
            params.problem("sort", bilingual(f"ทิศทางการเรียง `{shown}` ไม่ถูกต้อง", f"Invalid sort direction `{shown}`"))
        descending = direction == "desc"
    found = ListParams(
        sort_field=field,
        descending=descending,
        limit=params.integer("limit", LIST_MAX, maximum=LIST_MAX) or LIST_MAX,
        offset=params.integer("offset", 0, maximum=MAX_OFFSET),
        all_fields=params.boolean("all_fields", False),
        names=params.strings(names_key, separator=",", limit=LIST_MAX),
        include_dataset_count=params.boolean("include_dataset_count", True),
        include_extras=params.boolean("include_extras", False),
        include_groups=params.boolean("include_groups", False),
        include_users=params.boolean("include_users", False),
        q=params.text("q", "", limit=200) or "",
    )
    params.check()
    return found


def ordered[T](
    items: list[T],
    options: ListParams,
    *,
    name: Callable[[T], str],
    title: Callable[[T], str],
    count: Callable[[T], int],
) -> list[T]:
    """Order and cut a list the way organization_list and group_list do (ties keep name order)."""
    ordered = sorted(items, key=name)
    if options.sort_field == "title":
        ordered.sort(key=lambda item: thai_sort_key(title(item)), reverse=options.descending)
    elif options.sort_field == "package_count":
        ordered.sort(key=count, reverse=options.descending)
    else:
        ordered.sort(key=name, reverse=options.descending)
    return ordered[options.offset : options.offset + options.limit]
