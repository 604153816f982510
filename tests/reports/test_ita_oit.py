"""The OIT lists: the loader's validation (every problem at once, Thai and English) and the shipped data files."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file, parse_checklist
from prongsai.checklists.oit import (
    OitFileError,
    OitItem,
    crosswalk_problems,
    load_oit_file,
    load_oit_lists,
    parse_oit_list,
    shipped_oit_lists,
    year_key,
)


def document(**head: Any) -> dict[str, Any]:
    return {
        "schema": 1,
        "oit": {
            "year": "ita-2569",
            "be_year": 2569,
            "title_th": "แบบตรวจ OIT 2569",
            "title_en": "OIT 2569",
            "source_th": "ทดสอบ",
            "source_en": "test",
            **head,
        },
        "items": [
            {"code": "O1", "title_th": "โครงสร้าง", "title_en": "Structure"},
            {"code": "O2", "title_th": "ข้อมูลผู้บริหาร", "title_en": "Executives", "attested": False},
        ],
    }


def test_a_valid_list() -> None:
    oit = parse_oit_list(document())
    assert (oit.year, oit.be_year, oit.title_en) == ("ita-2569", 2569, "OIT 2569")
    assert oit.items == (OitItem("O1", "โครงสร้าง", "Structure"), OitItem("O2", "ข้อมูลผู้บริหาร", "Executives", False))
    assert oit.item("O2") == OitItem("O2", "ข้อมูลผู้บริหาร", "Executives", False)
    assert oit.item("O9") is None
    assert year_key(2569) == "ita-2569"


def test_every_problem_is_reported_at_once() -> None:
    data = document(year="2569", be_year=1999, title_en=" ")
    data["schema"] = 2
    data["items"] = [
        {"code": "O1", "title_th": "โครงสร้าง", "title_en": "Structure"},
        {"code": "O1", "title_th": "ซ้ำ", "title_en": "Again", "attested": "yes"},
        {"code": "Q3", "title_th": "", "title_en": "Bad", "note": "x"},
        "O4",
    ]
    with pytest.raises(OitFileError) as caught:
        parse_oit_list(data)
    assert caught.value.problems == [
        "schema: ต้องระบุ schema = 1 / schema must be 1",
        "[oit]: year ต้องอยู่ในรูป ita-<พ.ศ.> เช่น ita-2569 / year must look like ita-<BE year>, e.g. ita-2569",
        "[oit]: be_year ต้องเป็นปี พ.ศ. เช่น 2569 / be_year must be a Buddhist-era year, e.g. 2569",
        "[oit]: ช่อง 'title_en' ต้องเป็นข้อความที่ไม่ว่าง / field 'title_en' must be non-empty text",
        "[[items]] #2 (O1): รหัสซ้ำกัน / the code repeats",
        "[[items]] #2 (O1): ช่อง 'attested' ต้องเป็น true หรือ false / field 'attested' must be true or false",
        "[[items]] #3: รหัสต้องอยู่ในรูป O1 ถึง O999 / the code must look like O1 to O999",
        "[[items]] #3: มีช่องที่ไม่รู้จัก ['note'] / unknown fields ['note']",
        "[[items]] #3: ช่อง 'title_th' ต้องเป็นข้อความที่ไม่ว่าง / field 'title_th' must be non-empty text",
        "[[items]] #4: แต่ละรายการต้องเป็นตาราง / each item must be a table",
    ]


def test_year_and_be_year_must_agree() -> None:
    with pytest.raises(OitFileError) as caught:
        parse_oit_list(document(be_year=2568))
    assert caught.value.problems == [
        "[oit]: year 'ita-2569' ไม่ตรงกับ be_year 2568 / year 'ita-2569' does not match be_year 2568"
    ]


def test_missing_head_and_items() -> None:
    with pytest.raises(OitFileError) as caught:
        parse_oit_list({"schema": 1})
    assert caught.value.problems == ["[oit]: ไม่มีส่วนหัวของรายการ OIT / the [oit] table is missing"]
    data = document()
    data["items"] = []
    with pytest.raises(OitFileError) as caught:
        parse_oit_list(data)
    assert caught.value.problems == ["[[items]]: ต้องมีอย่างน้อยหนึ่งรายการ / at least one item is required"]


def test_files_are_named_for_their_year_and_problems_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "oit-2569.toml").write_text(
        'schema = 1\n[oit]\nyear = "ita-2568"\nbe_year = 2568\ntitle_th = "ก"\ntitle_en = "a"\n'
        'source_th = "ก"\nsource_en = "a"\n[[items]]\ncode = "O1"\ntitle_th = "ก"\ntitle_en = "a"\n',
        encoding="utf-8",
    )
    (tmp_path / "oit-2570.toml").write_text("schema = 1\n[oit\n", encoding="utf-8")
    (tmp_path / "oit-2571.toml").write_text('schema = 1\n[oit]\nyear = "ita-2571"\n', encoding="utf-8")
    with pytest.raises(OitFileError) as caught:
        load_oit_lists(tmp_path)
    problems = caught.value.problems
    assert problems[0] == "oit-2569.toml: ชื่อไฟล์ต้องเป็น oit-2568.toml / the file must be named oit-2568.toml"
    assert problems[1].startswith(f"{tmp_path / 'oit-2570.toml'}: รูปแบบ TOML ไม่ถูกต้อง (")
    assert problems[2:] == [
        "oit-2571.toml: [oit]: be_year ต้องเป็นปี พ.ศ. เช่น 2569 / be_year must be a Buddhist-era year, e.g. 2569",
        "oit-2571.toml: [oit]: ช่อง 'title_th' ต้องเป็นข้อความที่ไม่ว่าง / field 'title_th' must be non-empty text",
        "oit-2571.toml: [oit]: ช่อง 'title_en' ต้องเป็นข้อความที่ไม่ว่าง / field 'title_en' must be non-empty text",
        "oit-2571.toml: [oit]: ช่อง 'source_th' ต้องเป็นข้อความที่ไม่ว่าง / field 'source_th' must be non-empty text",
        "oit-2571.toml: [oit]: ช่อง 'source_en' ต้องเป็นข้อความที่ไม่ว่าง / field 'source_en' must be non-empty text",
        "oit-2571.toml: [[items]]: ต้องมีอย่างน้อยหนึ่งรายการ / at least one item is required",
    ]


def test_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(OitFileError) as caught:
        load_oit_file(tmp_path / "oit-2599.toml")
    assert caught.value.problems == [
        f"{tmp_path / 'oit-2599.toml'}: อ่านไฟล์ไม่ได้ (No such file or directory)"
        " / cannot read the file (No such file or directory)"
    ]


def test_the_shipped_lists() -> None:
    lists = shipped_oit_lists()
    assert sorted(lists) == ["ita-2566", "ita-2568", "ita-2569"]
    assert [len(lists[key].items) for key in sorted(lists)] == [43, 26, 26]
    assert [item.code for item in lists["ita-2566"].items] == [f"O{n}" for n in range(1, 44)]
    assert lists["ita-2569"].item("O11") == OitItem(
        "O11", "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน", "Monthly procurement result summary"
    )
    assert [item.code for item in lists["ita-2568"].items if not item.attested] == [
        "O2",
        "O5",
        "O6",
        "O7",
        "O25",
        "O26",
    ]
    assert [item.code for item in lists["ita-2569"].items if not item.attested] == ["O2", "O6", "O7"]


def test_every_crosswalk_code_of_the_measure_has_a_title() -> None:
    assert crosswalk_problems(load_checklist_file(DEFAULT_CHECKLIST_PATH), shipped_oit_lists()) == []


def test_crosswalk_problems_name_unknown_codes_and_years() -> None:
    checklist = parse_checklist(
        {
            "schema": 1,
            "checklist": {
                "code": "t",
                "title_th": "ท",
                "title_en": "t",
                "version": "1",
                "effective_from": dt.date(2020, 1, 1),
            },
            "clauses": [{"code": "X", "title_th": "ก", "title_en": "x"}],
            "items": [
                {
                    "code": "X.1",
                    "clause": "X",
                    "review_step": 1,
                    "currency": "six_months",
                    "name_th": "ก",
                    "name_en": "x",
                    "crosswalk": {"ita-2569": ["O1", "O99"], "ita-2567": ["O3"]},
                }
            ],
        }
    )
    assert crosswalk_problems(checklist, shipped_oit_lists()) == [
        "X.1: รายการ OIT ปี 'ita-2569' ไม่มีรหัส O99 / the 'ita-2569' OIT list has no code O99",
        "X.1: ไม่มีรายการ OIT ของปี 'ita-2567' / there is no OIT list for 'ita-2567'",
    ]
