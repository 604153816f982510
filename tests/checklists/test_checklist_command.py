"""`manage.py checklist load | show | activate`: idempotent loads, updates matched by code, nothing half-loaded."""

import copy
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from prongsai.audit.models import AuditEvent
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.checklists.models import Checklist, ChecklistItem, Clause
from prongsai.disclosures.models import Entry
from prongsai.organizations.services import organization_create
from tests.register.conftest import checklist_data

from .files import write_checklist

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("checklist", *args, stdout=out)
    return out.getvalue()


def counts() -> tuple[int, int, int, int, int]:
    return (
        Checklist.objects.count(),
        Clause.objects.count(),
        ChecklistItem.objects.count(),
        Entry.objects.count(),
        AuditEvent.objects.count(),
    )


def actions() -> list[tuple[str, dict[str, Any]]]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", "data"))


@pytest.fixture
def real_file() -> Path:
    return DEFAULT_CHECKLIST_PATH


@pytest.fixture
def units(db: None) -> list[Any]:
    """The department and two units, created before any checklist is loaded."""
    department = organization_create(actor=None, kind="department", slug="dept", name_th="กรม", name_en="Department")
    return [
        department,
        organization_create(actor=None, kind="unit", slug="a", parent=department, name_th="หน่วย ก", name_en="A"),
        organization_create(actor=None, kind="unit", slug="b", parent=department, name_th="หน่วย ข", name_en="B"),
    ]


# --- the real file ----------------------------------------------------------------------------------------

# The measure's items (DOMAIN.md §2): code, Thai name, English name, review step.
MEASURE_ITEMS = [
    ("5.1.1.1", "โครงสร้างหน่วยงาน", "Organization structure", 1),
    ("5.1.1.2", "ข้อมูลผู้บริหาร", "Executives", 1),
    ("5.1.1.3", "อำนาจหน้าที่", "Powers and duties", 1),
    ("5.1.1.4", "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", "Strategic or development plan", 1),
    ("5.1.1.5", "ข้อมูลการติดต่อหน่วยงาน", "Contact information", 1),
    ("5.1.1.6", "กฎหมายที่เกี่ยวข้อง", "Relevant laws", 1),
    ("5.1.2", "ข่าวประชาสัมพันธ์", "News about the unit's mission", 1),
    ("5.1.3", "เจตจำนงสุจริตของผู้บริหารสูงสุด", "Top executive's integrity statement", 1),
    ("5.1.4", "แผนปฏิบัติราชการประจำปี", "Annual action plan", 1),
    ("5.1.5", "การกำกับติดตามการดำเนินงานตามแผนปฏิบัติราชการ", "Action-plan progress and spending", 1),
    ("5.1.6", "รายงานผลการปฏิบัติราชการประจำปี", "Annual performance report", 1),
    ("5.1.7.1", "แผนการจัดซื้อจัดจ้างประจำปี", "Annual procurement plan", 2),
    ("5.1.7.2", "ผลการจัดซื้อจัดจ้างรายโครงการ", "Procurement details, per item", 2),
    ("5.1.7.3", "สรุปผลการจัดซื้อจัดจ้าง", "Procurement result summary (monthly, สขร.1)", 2),
    ("5.1.8", "คู่มือหรือมาตรฐานการปฏิบัติงาน", "Operating manuals or standards", 3),
    ("5.1.9", "คู่มือหรือมาตรฐานการให้บริการ", "Service manuals or standards", 3),
    ("5.1.10", "ช่องทางการรับฟังความคิดเห็นของผู้รับบริการ", "Channel for service users' opinions", 4),
    ("5.1.11", "ช่องทางการร้องเรียน/ข้อเสนอแนะ", "Complaint / suggestion channel", 4),
]
ITEM_KEYS = {
    "code",
    "clause",
    "name_th",
    "name_en",
    "review_step",
    "currency",
    "bilingual_required",
    "nothing_to_publish_allowed",
    "weight",
    "keywords_th",
    "keywords_en",
    "crosswalk",
    "monitor",
}


def test_load_the_real_file_then_load_it_again(real_file: Path, units: list[Any]) -> None:
    definition = load_checklist_file(real_file)
    before = AuditEvent.objects.count()
    assert run("load", str(real_file)) == f"mof-ops-2562 {definition.version}: loaded, 18 items\n"

    checklist = Checklist.objects.get()
    assert (checklist.code, checklist.is_active, checklist.content_hash) == (
        "mof-ops-2562",
        True,
        definition.content_hash,
    )
    assert checklist.clauses.count() == 11
    assert checklist.items.count() == 18
    assert Entry.objects.count() == 3 * 18
    assert [action for action, _data in actions()[before:]] == [
        "checklist.create",
        "checklist.activate",
        "entry.create",
    ]
    assert actions()[before][1] == {
        "code": "mof-ops-2562",
        "version": definition.version,
        "items": 18,
        "retired": [],
        "content_hash": definition.content_hash,
    }
    assert actions()[-1][1] == {"checklist": "mof-ops-2562", "entries": 54, "units": 3}

    snapshot = counts()
    assert run("load", str(real_file)) == f"mof-ops-2562 {definition.version}: unchanged, 18 items\n"
    assert counts() == snapshot


def test_show_json_of_the_real_file(real_file: Path) -> None:
    definition = load_checklist_file(real_file)
    run("load", str(real_file))
    data = json.loads(run("show", "--json"))
    assert set(data) == {"code", "title_th", "title_en", "version", "active", "items"}
    assert (data["code"], data["title_th"], data["title_en"], data["version"], data["active"]) == (
        "mof-ops-2562",
        definition.title_th,
        definition.title_en,
        definition.version,
        True,
    )
    assert len(data["items"]) == 18
    assert all(set(item) == ITEM_KEYS for item in data["items"])
    assert [(i["code"], i["name_th"], i["name_en"], i["review_step"]) for i in data["items"]] == MEASURE_ITEMS
    assert [i["clause"] for i in data["items"]] == [".".join(code.split(".")[:3]) for code, *_ in MEASURE_ITEMS]
    by_code = {item["code"]: item for item in data["items"]}
    assert [code for code, item in by_code.items() if item["bilingual_required"]] == ["5.1.3"]
    assert [code for code, item in by_code.items() if item["nothing_to_publish_allowed"]] == ["5.1.7.2", "5.1.7.3"]
    assert by_code["5.1.7.3"]["currency"] == "monthly"
    assert {code: item["monitor"] for code, item in by_code.items() if item["monitor"]} == {
        "5.1.1.2": {"people": True},
        "5.1.1.5": {"site_facts": ["address", "phone", "email"], "required_site_facts": ["address", "phone"]},
        "5.1.10": {"channel_links": True, "message_forms": True},
        "5.1.11": {"channel_links": True},
    }
    assert by_code["5.1.6"]["currency"] == "previous_fiscal_year"
    assert {by_code[code]["currency"] for code in ("5.1.4", "5.1.7.1")} == {"current_fiscal_year"}
    assert sum(item["weight"] for item in data["items"]) == 30.0
    assert {code: item["weight"] for code, item in by_code.items() if item["weight"] == 3.0} == dict.fromkeys(
        ("5.1.3", "5.1.7.1", "5.1.7.2", "5.1.7.3"), 3.0
    )
    # Every value is the file's, as plain JSON.
    for item, item_def in zip(data["items"], definition.items, strict=True):
        assert item["keywords_th"] == list(item_def.keywords_th)
        assert item["keywords_en"] == list(item_def.keywords_en)
        assert item["crosswalk"] == {year: list(codes) for year, codes in item_def.crosswalk.items()}
        assert item["currency"] == item_def.currency.value
        assert 5 <= len(item["keywords_th"]) <= 15
        assert all(" " not in phrase for phrase in item["keywords_th"])


def test_show_prints_one_line_per_item(real_file: Path) -> None:
    definition = load_checklist_file(real_file)
    run("load", str(real_file))
    lines = run("show", "mof-ops-2562").splitlines()
    assert lines[0] == f"mof-ops-2562 {definition.version} — {definition.title_th}"
    assert len(lines) == 19
    assert (
        lines[8]
        == "5.1.3     step 1  six_months           เจตจำนงสุจริตของผู้บริหารสูงสุด / Top executive's integrity statement"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "NOSUCH"), "ไม่พบรายการตรวจสอบ 'NOSUCH' / no checklist 'NOSUCH'"),
        (("show",), "ยังไม่มีรายการตรวจสอบที่ใช้งาน / no active checklist is loaded"),
        (("activate", "NOSUCH"), "ไม่พบรายการตรวจสอบ 'NOSUCH' / no checklist 'NOSUCH'"),
    ],
)
def test_show_or_activate_an_unknown_checklist(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError) as error:
        run(*args)
    assert str(error.value) == message


# --- loading and updating ------------------------------------------------------------------------------


def test_a_bad_file_changes_nothing(tmp_path: Path, units: list[Any]) -> None:
    data = checklist_data()
    data["items"][0]["review_step"] = 7
    data["items"][2]["currency"] = "weekly"
    path = write_checklist(tmp_path / "bad.toml", data)
    snapshot = counts()
    with pytest.raises(CommandError) as error:
        run("load", str(path))
    assert str(error.value) == (
        "Checklist not loaded; nothing was changed:\n"
        "[[items]] #1 (G.1): ขั้นตอนการตรวจสอบต้องเป็น 1 ถึง 4 / review_step must be 1 to 4\n"
        "[[items]] #3 (M.1): เกณฑ์ความเป็นปัจจุบันต้องเป็นหนึ่งใน six_months, current_fiscal_year, "
        "previous_fiscal_year, monthly / currency must be one of six_months, current_fiscal_year, "
        "previous_fiscal_year, monthly"
    )
    assert counts() == snapshot


def test_a_bad_update_leaves_the_loaded_version(tmp_path: Path, units: list[Any]) -> None:
    path = write_checklist(tmp_path / "test.toml", checklist_data())
    run("load", str(path))
    snapshot = counts()
    broken = checklist_data(version="2")
    broken["items"][1]["name_th"] = ""
    write_checklist(path, broken)
    with pytest.raises(
        CommandError, match=r"\[\[items\]\] #2 \(P\.1\): ช่อง 'name_th' ว่างอยู่ / field 'name_th' is empty"
    ):
        run("load", str(path))
    assert counts() == snapshot
    assert Checklist.objects.get().version == "1"


def test_a_missing_or_unreadable_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        run("load", str(tmp_path / "absent.toml"))
    assert str(error.value) == (
        "Checklist not loaded; nothing was changed:\n"
        f"{tmp_path / 'absent.toml'}: อ่านไฟล์ไม่ได้ (No such file or directory) / "
        "cannot read the file (No such file or directory)"
    )
    assert counts() == (0, 0, 0, 0, 0)


def test_updating_the_file_updates_retires_and_adds_by_code(tmp_path: Path, units: list[Any]) -> None:
    path = write_checklist(tmp_path / "test.toml", checklist_data())
    assert run("load", str(path)) == "test-4 1: loaded, 4 items\n"
    checklist = Checklist.objects.get()
    item_ids = dict(checklist.items.values_list("code", "id"))
    assert Entry.objects.count() == 12

    # A changed name is updated in place.
    renamed = checklist_data(version="2")
    renamed["items"][2]["name_th"] = "คู่มือการปฏิบัติงาน (ฉบับปรับปรุง)"
    write_checklist(path, renamed)
    mark = AuditEvent.objects.count()
    assert run("load", str(path)) == "test-4 2: loaded, 4 items\n"
    item = ChecklistItem.objects.get(checklist=checklist, code="M.1")
    assert (item.pk, item.name_th, item.retired) == (item_ids["M.1"], "คู่มือการปฏิบัติงาน (ฉบับปรับปรุง)", False)
    assert Checklist.objects.get().version == "2"
    assert [(a, d["retired"], d["items"]) for a, d in actions()[mark:]] == [("checklist.update", [], 4)]
    assert Entry.objects.count() == 12

    # A removed item is retired, with its entries kept.
    removed = checklist_data(version="3", drop=("M.2",))
    write_checklist(path, removed)
    mark = AuditEvent.objects.count()
    assert run("load", str(path)) == "test-4 3: loaded, 3 items\n"
    assert list(checklist.items.order_by("code").values_list("code", "retired")) == [
        ("G.1", False),
        ("M.1", False),
        ("M.2", True),
        ("P.1", False),
    ]
    assert [(a, d["retired"], d["items"]) for a, d in actions()[mark:]] == [("checklist.update", ["M.2"], 3)]
    assert Entry.objects.filter(item__code="M.2").count() == 3

    # A new item gets entries at every existing organization; a returning item is no longer retired.
    added = checklist_data(version="4", extra_items=1)
    write_checklist(path, added)
    mark = AuditEvent.objects.count()
    assert run("load", str(path)) == "test-4 4: loaded, 5 items\n"
    assert list(checklist.items.filter(retired=True).values_list("code", flat=True)) == []
    assert list(checklist.items.order_by("position").values_list("code", flat=True)) == [
        "G.1",
        "P.1",
        "M.1",
        "M.2",
        "X.1",
    ]
    assert sorted(Entry.objects.filter(item__code="X.1").values_list("organization__slug", flat=True)) == [
        "a",
        "b",
        "dept",
    ]
    assert Entry.objects.count() == 15
    assert actions()[mark:] == [
        (
            "checklist.update",
            {
                "code": "test-4",
                "version": "4",
                "items": 5,
                "retired": [],
                "content_hash": load_checklist_file(path).content_hash,
            },
        ),
        ("entry.create", {"checklist": "test-4", "entries": 3, "units": 3}),
    ]
    assert ChecklistItem.objects.get(checklist=checklist, code="M.1").pk == item_ids["M.1"]


def test_a_second_checklist_is_loaded_beside_the_first(tmp_path: Path, units: list[Any]) -> None:
    first = write_checklist(tmp_path / "first.toml", checklist_data())
    second_data = copy.deepcopy(checklist_data(code="ita-oit-2569", version="2569.1"))
    second_data["items"][0]["code"] = "O1"
    second = write_checklist(tmp_path / "second.toml", second_data)
    run("load", str(first))

    mark = AuditEvent.objects.count()
    assert run("load", str(second)) == "ita-oit-2569 2569.1: loaded, 4 items\n"
    assert dict(Checklist.objects.values_list("code", "is_active")) == {"test-4": True, "ita-oit-2569": False}
    assert [a for a, _d in actions()[mark:]] == ["checklist.create"]
    assert Entry.objects.filter(item__checklist__code="ita-oit-2569").count() == 0

    # Loading it again with --activate only activates it (the file is unchanged).
    mark = AuditEvent.objects.count()
    assert run("load", str(second), "--activate") == "ita-oit-2569 2569.1: loaded, 4 items\n"
    assert dict(Checklist.objects.values_list("code", "is_active")) == {"test-4": False, "ita-oit-2569": True}
    assert [a for a, _d in actions()[mark:]] == ["checklist.activate", "entry.create"]
    assert Entry.objects.filter(item__checklist__code="ita-oit-2569").count() == 12

    assert run("activate", "test-4") == "test-4 is now the active checklist\n"
    assert dict(Checklist.objects.values_list("code", "is_active")) == {"test-4": True, "ita-oit-2569": False}
    assert Entry.objects.count() == 24


def test_a_first_checklist_becomes_active_and_later_ones_only_with_activate(tmp_path: Path) -> None:
    run("load", str(write_checklist(tmp_path / "one.toml", checklist_data(code="one"))))
    run("load", "--activate", str(write_checklist(tmp_path / "two.toml", checklist_data(code="two"))))
    run("load", str(write_checklist(tmp_path / "three.toml", checklist_data(code="three"))))
    assert dict(Checklist.objects.values_list("code", "is_active")) == {"one": False, "two": True, "three": False}


def test_a_checklist_whose_items_are_all_retired_cannot_be_activated(tmp_path: Path) -> None:
    run("load", str(write_checklist(tmp_path / "one.toml", checklist_data(code="one"))))
    run("load", str(write_checklist(tmp_path / "two.toml", checklist_data(code="two"))))
    ChecklistItem.objects.filter(checklist__code="two").update(retired=True)
    with pytest.raises(CommandError) as error:
        run("activate", "two")
    assert str(error.value) == "A checklist without items cannot be activated."
    assert dict(Checklist.objects.values_list("code", "is_active")) == {"one": True, "two": False}
