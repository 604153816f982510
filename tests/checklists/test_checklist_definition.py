"""Checklist data files: validation of every rule, reading files, and the currency rules. Pure: no database."""

import copy
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from prongsai.checklists.currency import next_review_due
from prongsai.checklists.definition import (
    ChecklistFileError,
    ClauseDefinition,
    CurrencyRule,
    MonitorRules,
    load_checklist_file,
    monitor_rules_from_json,
    monitor_rules_to_json,
    parse_checklist,
)
from tests.register.conftest import checklist_data

from .files import write_checklist

CURRENCY_CHOICES = "six_months, current_fiscal_year, previous_fiscal_year, monthly"


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Return a mutation that sets (or, for value DELETE, removes) a dotted path like 'items.1.weight'."""

    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        key: Any = int(last) if last.isdigit() else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = value

    return mutate


DELETE = object()
P1 = "[[items]] #2 (P.1)"

# (id, mutations, every problem reported, in order)
CASES: list[tuple[str, list[Callable[[dict[str, Any]], None]], list[str]]] = [
    ("schema-missing", [_set("schema", DELETE)], ["schema: ต้องระบุ schema = 1 / schema must be 1"]),
    ("schema-2", [_set("schema", 2)], ["schema: ต้องระบุ schema = 1 / schema must be 1"]),
    (
        "no-checklist-table",
        [_set("checklist", DELETE)],
        ["[checklist]: ไม่มีส่วนหัวของรายการตรวจสอบ / the [checklist] table is missing"],
    ),
    (
        "checklist-not-a-table",
        [_set("schema", DELETE), _set("checklist", "mof")],
        [
            "schema: ต้องระบุ schema = 1 / schema must be 1",
            "[checklist]: ไม่มีส่วนหัวของรายการตรวจสอบ / the [checklist] table is missing",
        ],
    ),
    ("code-missing", [_set("checklist.code", DELETE)], ["[checklist]: ไม่มีช่อง 'code' / missing field 'code'"]),
    (
        "code-not-text",
        [_set("checklist.code", 2562)],
        ["[checklist]: ช่อง 'code' ต้องเป็นข้อความ / field 'code' must be text"],
    ),
    ("code-blank", [_set("checklist.code", "   ")], ["[checklist]: ช่อง 'code' ว่างอยู่ / field 'code' is empty"]),
    (
        "code-characters",
        [_set("checklist.code", "mof ops/2562")],
        ["[checklist]: รหัสรายการตรวจสอบมีอักขระที่ใช้ไม่ได้ / the checklist code has characters that are not allowed"],
    ),
    (
        "code-too-long",
        [_set("checklist.code", "x" * 65)],
        ["[checklist]: รหัสรายการตรวจสอบมีอักขระที่ใช้ไม่ได้ / the checklist code has characters that are not allowed"],
    ),
    *[
        (
            f"effective-from-{name}",
            [_set("checklist.effective_from", value)],
            ["[checklist]: effective_from ต้องเป็นวันที่ เช่น 2018-10-01 / effective_from must be a date, e.g. 2018-10-01"],
        )
        for name, value in (("text", "2018-10-01"), ("datetime", dt.datetime(2018, 10, 1, 8, 0)), ("missing", DELETE))
    ],
    (
        "no-clauses",
        [_set("clauses", [])],
        [
            "[[clauses]]: ต้องมีอย่างน้อยหนึ่งหมวด / at least one clause is required",
            "[[items]] #1 (G.1): ไม่พบหมวด 'G' / unknown clause 'G'",
            "[[items]] #2 (P.1): ไม่พบหมวด 'P' / unknown clause 'P'",
            "[[items]] #3 (M.1): ไม่พบหมวด 'M' / unknown clause 'M'",
            "[[items]] #4 (M.2): ไม่พบหมวด 'M' / unknown clause 'M'",
        ],
    ),
    (
        "clause-title-missing",
        [_set("clauses.1.title_en", DELETE)],
        ["[[clauses]] #2: ไม่มีช่อง 'title_en' / missing field 'title_en'"],
    ),
    (
        "clause-codes-repeat",
        [_set("clauses.2.code", "G")],
        [
            "[[clauses]]: รหัสหมวดซ้ำกัน / clause codes repeat",
            "[[items]] #3 (M.1): ไม่พบหมวด 'M' / unknown clause 'M'",
            "[[items]] #4 (M.2): ไม่พบหมวด 'M' / unknown clause 'M'",
        ],
    ),
    ("no-items", [_set("items", [])], ["[[items]]: ต้องมีอย่างน้อยหนึ่งรายการ / at least one item is required"]),
    ("items-not-a-list", [_set("items", "G.1")], ["[[items]]: ต้องมีอย่างน้อยหนึ่งรายการ / at least one item is required"]),
    ("item-code-missing", [_set("items.1.code", DELETE)], ["[[items]] #2: ไม่มีช่อง 'code' / missing field 'code'"]),
    (
        "item-code-characters",
        [_set("items.1.code", "P 1")],
        [
            "[[items]] #2 (P 1): รหัสรายการยาวเกิน 32 อักขระหรือมีอักขระที่ใช้ไม่ได้ / "
            "the item code is over 32 characters or has characters that are not allowed"
        ],
    ),
    ("item-unknown-clause", [_set("items.1.clause", "Z")], [f"{P1}: ไม่พบหมวด 'Z' / unknown clause 'Z'"]),
    ("item-clause-missing", [_set("items.1.clause", DELETE)], [f"{P1}: ไม่มีช่อง 'clause' / missing field 'clause'"]),
    *[
        (
            f"review-step-{name}",
            [_set("items.1.review_step", value)],
            [f"{P1}: ขั้นตอนการตรวจสอบต้องเป็น 1 ถึง 4 / review_step must be 1 to 4"],
        )
        for name, value in (("0", 0), ("5", 5), ("text", "2"), ("bool", True), ("float", 2.0), ("missing", DELETE))
    ],
    *[
        (
            f"currency-{name}",
            [_set("items.1.currency", value)],
            [f"{P1}: เกณฑ์ความเป็นปัจจุบันต้องเป็นหนึ่งใน {CURRENCY_CHOICES} / currency must be one of {CURRENCY_CHOICES}"],
        )
        for name, value in (("yearly", "yearly"), ("upper-case", "MONTHLY"), ("missing", DELETE))
    ],
    *[
        (
            f"weight-{name}",
            [_set("items.1.weight", value)],
            [f"{P1}: น้ำหนักต้องเป็นจำนวนบวก / weight must be a positive number"],
        )
        for name, value in (("zero", 0), ("negative", -1.5), ("bool", True), ("text", "2"))
    ],
    (
        "monitor-not-a-table",
        [_set("items.1.monitor", ["people"])],
        [f"{P1}: monitor ต้องเป็นตาราง / monitor must be a table"],
    ),
    (
        "monitor-unknown-field",
        [_set("items.1.monitor", {"keywords": ["x"]})],
        [f"{P1}: monitor มีช่องที่ไม่รู้จัก ['keywords'] / monitor has unknown fields ['keywords']"],
    ),
    (
        "monitor-strange-fact",
        [_set("items.1.monitor", {"site_facts": ["phone", "fax"]})],
        [
            f"{P1}: site_facts ต้องเป็นหนึ่งใน address, phone, email, map"
            " / site_facts must be among address, phone, email, map: not ['fax']"
        ],
    ),
    (
        "monitor-required-fact-not-listed",
        [_set("items.1.monitor", {"site_facts": ["phone"], "required_site_facts": ["address"]})],
        [
            f"{P1}: required_site_facts ต้องเป็นส่วนหนึ่งของ site_facts / required_site_facts must be among the site_facts",
        ],
    ),
    (
        "monitor-people-not-boolean",
        [_set("items.1.monitor", {"people": "yes"})],
        [f"{P1}: ช่อง 'people' ต้องเป็น true หรือ false / field 'people' must be true or false"],
    ),
    (
        "crosswalk-not-a-table",
        [_set("items.1.crosswalk", ["O1"])],
        [f"{P1}: crosswalk ต้องเป็นตาราง / crosswalk must be a table"],
    ),
    *[
        (
            f"crosswalk-year-{name}",
            [_set("items.1.crosswalk", {"ita-2566": value})],
            [f"{P1}: crosswalk 'ita-2566' ต้องเป็นรายการรหัส / crosswalk 'ita-2566' must be a list of codes"],
        )
        for name, value in (("text", "O1"), ("numbers", [1, 2]))
    ],
    *[
        (
            f"{field}-not-boolean",
            [_set(f"items.1.{field}", value)],
            [f"{P1}: ช่อง '{field}' ต้องเป็น true หรือ false / field '{field}' must be true or false"],
        )
        for field, value in (("bilingual_required", "yes"), ("nothing_to_publish_allowed", 1))
    ],
    *[
        (
            f"{field}-{name}",
            [_set(f"items.1.{field}", value)],
            [f"{P1}: ช่อง '{field}' ต้องเป็นรายการข้อความ / field '{field}' must be a list of text"],
        )
        for field, name, value in (
            ("keywords_th", "text", "จัดซื้อจัดจ้าง"),
            ("keywords_th", "blank-phrase", ["จัดซื้อจัดจ้าง", "  "]),
            ("keywords_en", "numbers", [2562]),
        )
    ],
    ("name-missing", [_set("items.1.name_th", DELETE)], [f"{P1}: ไม่มีช่อง 'name_th' / missing field 'name_th'"]),
    ("name-blank", [_set("items.1.name_en", " ")], [f"{P1}: ช่อง 'name_en' ว่างอยู่ / field 'name_en' is empty"]),
    (
        "evidence-not-text",
        [_set("items.1.evidence_th", 5)],
        [f"{P1}: ช่อง 'evidence_th' ต้องเป็นข้อความ / field 'evidence_th' must be text"],
    ),
    (
        "item-codes-repeat",
        [_set("items.2.code", "G.1")],
        ["[[items]] (G.1): รหัสรายการซ้ำกัน / the item code repeats"],
    ),
    (
        "several-problems-at-once",
        [_set("schema", 0), _set("checklist.code", "a b"), _set("items.0.review_step", 9), _set("items.3.weight", 0)],
        [
            "schema: ต้องระบุ schema = 1 / schema must be 1",
            "[checklist]: รหัสรายการตรวจสอบมีอักขระที่ใช้ไม่ได้ / the checklist code has characters that are not allowed",
            "[[items]] #1 (G.1): ขั้นตอนการตรวจสอบต้องเป็น 1 ถึง 4 / review_step must be 1 to 4",
            "[[items]] #4 (M.2): น้ำหนักต้องเป็นจำนวนบวก / weight must be a positive number",
        ],
    ),
]

THAI = re.compile(r"[\u0e00-\u0e7f]")


@pytest.mark.parametrize(("mutations", "problems"), [(m, p) for _id, m, p in CASES], ids=[c[0] for c in CASES])
def test_every_problem_is_reported_in_thai_and_english(
    mutations: list[Callable[[dict[str, Any]], None]], problems: list[str]
) -> None:
    data = copy.deepcopy(checklist_data())
    for mutate in mutations:
        mutate(data)
    with pytest.raises(ChecklistFileError) as error:
        parse_checklist(data)
    assert error.value.problems == problems
    assert str(error.value) == "\n".join(problems)
    for problem in error.value.problems:
        _where, message = problem.split(": ", 1)
        thai, english = message.split(" / ", 1)
        assert THAI.search(thai), problem
        assert not THAI.search(english), problem
        assert re.search(r"[a-z]{3}", english), problem


def test_a_valid_document_becomes_a_definition() -> None:
    data = checklist_data()
    data["checklist"].update(source_th=" ที่มา ", source_en=" Source ", version=2)
    data["items"][1].update(
        keywords_th=[" จัดซื้อจัดจ้าง ", "จัดซื้อจัดจ้าง", "สขร.1"],
        crosswalk={"ita-2566": ["O21"], "ita-2568": []},
        weight=3,
        evidence_th=" หลักฐาน ",
        guidance_en=" Advice ",
    )
    definition = parse_checklist(data, content_hash="abc")
    assert (definition.code, definition.title_th, definition.title_en, definition.version) == (
        "test-4",
        "รายการตรวจสอบทดสอบ",
        "Test checklist",
        "2",
    )
    assert (definition.source_th, definition.source_en) == ("ที่มา", "Source")
    assert (definition.effective_from, definition.content_hash) == (dt.date(2018, 10, 1), "abc")
    assert definition.clauses == (
        ClauseDefinition("G", "ข้อมูลทั่วไป", "General information"),
        ClauseDefinition("P", "การจัดซื้อจัดจ้าง", "Procurement"),
        ClauseDefinition("M", "คู่มือและช่องทาง", "Manuals and channels"),
    )
    assert [(i.code, i.clause, i.review_step, i.currency) for i in definition.items] == [
        ("G.1", "G", 1, CurrencyRule.SIX_MONTHS),
        ("P.1", "P", 2, CurrencyRule.MONTHLY),
        ("M.1", "M", 3, CurrencyRule.CURRENT_FISCAL_YEAR),
        ("M.2", "M", 4, CurrencyRule.SIX_MONTHS),
    ]
    p1 = definition.items[1]
    assert (p1.bilingual_required, p1.nothing_to_publish_allowed, p1.weight) == (False, True, 3.0)
    assert isinstance(p1.weight, float)
    assert p1.keywords_th == ("จัดซื้อจัดจ้าง", "สขร.1")
    assert p1.crosswalk == {"ita-2566": ("O21",), "ita-2568": ()}
    assert (p1.evidence_th, p1.evidence_en, p1.guidance_en) == ("หลักฐาน", "", "Advice")
    m2 = definition.items[3]
    assert (m2.bilingual_required, m2.weight, m2.crosswalk, m2.keywords_en) == (False, 1.0, {}, ("complaint channel",))
    assert m2.monitor == MonitorRules()


def test_monitor_rules_are_read_and_stored_back_alike() -> None:
    data = checklist_data()
    data["items"][0]["monitor"] = {"site_facts": ["address", "phone", "email"], "required_site_facts": ["address"]}
    data["items"][3]["monitor"] = {"channel_links": True, "message_forms": True}
    definition = parse_checklist(data)
    contact, channel = definition.items[0].monitor, definition.items[3].monitor
    assert contact == MonitorRules(site_facts=("address", "phone", "email"), required_site_facts=("address",))
    assert channel == MonitorRules(channel_links=True, message_forms=True)
    # Without required facts, all the listed ones are required.
    data["items"][0]["monitor"] = {"site_facts": ["phone", "email"]}
    assert parse_checklist(data).items[0].monitor.required_site_facts == ("phone", "email")
    for rules in (contact, channel, MonitorRules(people=True), MonitorRules()):
        assert monitor_rules_from_json(monitor_rules_to_json(rules)) == rules
    assert monitor_rules_to_json(MonitorRules()) == {}


@pytest.mark.parametrize(("field", "value"), [("title_th", DELETE), ("title_en", "  ")])
def test_a_missing_checklist_title_is_reported(field: str, value: Any) -> None:
    data = copy.deepcopy(checklist_data())
    _set(f"checklist.{field}", value)(data)
    with pytest.raises(ChecklistFileError):
        parse_checklist(data)


@pytest.mark.parametrize("table", ["clauses", "items"])
def test_an_entry_that_is_not_a_table_is_reported(table: str) -> None:
    data = copy.deepcopy(checklist_data())
    data[table].append("5.1.12")
    with pytest.raises(ChecklistFileError):
        parse_checklist(data)


@pytest.mark.parametrize("where", ["item", "clause"])
def test_every_code_the_parser_accepts_fits_the_database(where: str) -> None:
    from prongsai.checklists.models import ChecklistItem, Clause

    long_code = "5." + "1" * 38
    data = copy.deepcopy(checklist_data())
    if where == "item":
        data["items"][0]["code"] = long_code
        column = ChecklistItem._meta.get_field("code").max_length
    else:
        data["clauses"][0]["code"] = long_code
        data["items"][0]["clause"] = long_code
        column = Clause._meta.get_field("code").max_length
    try:
        parse_checklist(data)
    except ChecklistFileError:
        return
    assert column is not None
    assert len(long_code) <= column


# --- files ----------------------------------------------------------------------------------------------


def test_load_file_hashes_the_bytes(tmp_path: Path) -> None:
    path = write_checklist(tmp_path / "test.toml", checklist_data())
    definition = load_checklist_file(path)
    assert definition.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [item.code for item in definition.items] == ["G.1", "P.1", "M.1", "M.2"]


def test_load_file_reports_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(ChecklistFileError) as error:
        load_checklist_file(path)
    assert error.value.problems == [
        f"{path}: อ่านไฟล์ไม่ได้ (No such file or directory) / cannot read the file (No such file or directory)"
    ]


def test_load_file_reports_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('schema = 1\n[checklist\ncode = "x"\n', encoding="utf-8")
    with pytest.raises(ChecklistFileError) as error:
        load_checklist_file(path)
    [problem] = error.value.problems
    assert problem.startswith(f"{path}: รูปแบบ TOML ไม่ถูกต้อง (")
    assert " / invalid TOML (" in problem
    assert "line 2" in problem


def test_load_file_requires_utf8(tmp_path: Path) -> None:
    path = tmp_path / "tis620.toml"
    path.write_bytes('schema = 1\ntitle = "รายการ"\n'.encode("cp874"))
    with pytest.raises(ChecklistFileError) as error:
        load_checklist_file(path)
    assert error.value.problems == [f"{path}: ไฟล์ต้องเข้ารหัส UTF-8 / the file must be UTF-8"]


def test_the_shipped_file_is_valid_and_has_the_measures_items() -> None:
    from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH

    definition = load_checklist_file(DEFAULT_CHECKLIST_PATH)
    assert definition.code == "mof-ops-2562"
    assert len(definition.items) == 18
    assert [c.code for c in definition.clauses] == [f"5.1.{n}" for n in range(1, 12)]


# --- currency rules ---------------------------------------------------------------------------------------

SIX, CURRENT, PREVIOUS, MONTHLY = (
    CurrencyRule.SIX_MONTHS,
    CurrencyRule.CURRENT_FISCAL_YEAR,
    CurrencyRule.PREVIOUS_FISCAL_YEAR,
    CurrencyRule.MONTHLY,
)


@pytest.mark.parametrize(
    ("rule", "approved", "due"),
    [
        (SIX, dt.date(2026, 3, 16), dt.date(2026, 9, 16)),
        (SIX, dt.date(2025, 8, 31), dt.date(2026, 2, 28)),  # month end clamps
        (SIX, dt.date(2023, 8, 31), dt.date(2024, 2, 29)),  # leap year
        (SIX, dt.date(2025, 12, 31), dt.date(2026, 6, 30)),
        (SIX, dt.date(2026, 9, 30), dt.date(2027, 3, 30)),  # the fiscal year does not matter
        (MONTHLY, dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
        (MONTHLY, dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
        (MONTHLY, dt.date(2026, 3, 31), dt.date(2026, 4, 30)),
        (MONTHLY, dt.date(2025, 12, 15), dt.date(2026, 1, 15)),
        (MONTHLY, dt.date(2026, 9, 30), dt.date(2026, 10, 30)),
        # FY 2569 = 1 Oct 2025 – 30 Sep 2026: six months, but never past the start of FY 2570.
        (CURRENT, dt.date(2025, 10, 1), dt.date(2026, 4, 1)),
        (CURRENT, dt.date(2026, 3, 16), dt.date(2026, 9, 16)),
        (CURRENT, dt.date(2026, 3, 31), dt.date(2026, 9, 30)),
        (CURRENT, dt.date(2026, 4, 1), dt.date(2026, 10, 1)),
        (CURRENT, dt.date(2026, 4, 2), dt.date(2026, 10, 1)),
        (CURRENT, dt.date(2026, 5, 10), dt.date(2026, 10, 1)),
        (CURRENT, dt.date(2026, 9, 30), dt.date(2026, 10, 1)),
        (CURRENT, dt.date(2026, 10, 1), dt.date(2027, 4, 1)),
        (PREVIOUS, dt.date(2026, 3, 16), dt.date(2026, 9, 16)),
        (PREVIOUS, dt.date(2026, 8, 1), dt.date(2026, 10, 1)),
        (PREVIOUS, dt.date(2025, 9, 30), dt.date(2025, 10, 1)),
        (PREVIOUS, dt.date(2024, 2, 29), dt.date(2024, 8, 29)),
    ],
)
def test_next_review_due(rule: CurrencyRule, approved: dt.date, due: dt.date) -> None:
    assert next_review_due(rule, approved) == due


@pytest.mark.parametrize(
    ("rule", "default", "days"),
    [(SIX, 30, 30), (CURRENT, 30, 30), (PREVIOUS, 45, 45), (MONTHLY, 30, 7), (MONTHLY, 5, 5), (MONTHLY, 0, 0)],
)
def test_due_soon_window(rule: CurrencyRule, default: int, days: int) -> None:
    from prongsai.checklists.currency import due_soon_days

    assert due_soon_days(rule, default) == days


@pytest.mark.parametrize("rule", list(CurrencyRule))
def test_next_review_due_is_always_later_and_within_six_months(rule: CurrencyRule) -> None:
    day = dt.date(2025, 9, 1)
    while day < dt.date(2027, 1, 1):
        due = next_review_due(rule, day)
        assert 1 <= (due - day).days <= 184, (day, due)
        day += dt.timedelta(days=1)
