"""`manage.py rounds ita-sheet FISCAL_YEAR --unit SLUG --out FILE.xlsx`: the file, the summary line, refusals."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.utils import timezone

import prongsai.reports.ita

from .ita_world import LISTS, NOW, ItaWorld, _english, ita_world, shared_ita_world

__all__ = ["_english", "ita_world", "shared_ita_world"]


@pytest.fixture(autouse=True)
def _clock_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    monkeypatch.setattr(prongsai.reports.ita, "shipped_oit_lists", lambda: LISTS)


def test_writes_the_sheet_with_thai_digits_accepted(ita_world: ItaWorld, tmp_path: Path) -> None:
    out = tmp_path / "sheet.xlsx"
    stdout = io.StringIO()
    call_command("rounds", "ita-sheet", "๒๕๖๙", "--unit", "unit-a", "--out", str(out), stdout=stdout)
    assert stdout.getvalue() == f"{out}: ITA 2569 unit-a, 5 OIT codes, 5 with gaps\n"
    main = openpyxl.load_workbook(out)["OIT"]
    assert [main["B2"].value, main["B3"].value, main["C4"].value, main.max_row] == [
        "กองเกษตร",
        2569,
        "16 มีนาคม 2569",
        12,
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["2569", "--unit", "nowhere"], "ไม่พบหน่วยงาน nowhere / no unit named nowhere"),
        (
            ["2567", "--unit", "unit-a"],
            "ตารางเทียบรหัสของรายการตรวจสอบยังไม่มี ITA 2567: ยังไม่มีรหัส OIT ที่เทียบไว้สำหรับปีงบประมาณ 2567"
            " / The checklist's crosswalk has no ITA 2567: no OIT code is mapped for fiscal year 2567.",
        ),
        (
            ["2026", "--unit", "unit-a"],
            "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569 ไม่ใช่ '2026'"
            " / the fiscal year must be a Buddhist-era year such as 2569, not '2026'",
        ),
    ],
)
def test_refusals_write_nothing(ita_world: ItaWorld, tmp_path: Path, arguments: list[str], message: str) -> None:
    out = tmp_path / "sheet.xlsx"
    with pytest.raises(CommandError) as caught:
        call_command("rounds", "ita-sheet", *arguments, "--out", str(out))
    assert str(caught.value) == message
    assert not out.exists()


def test_an_unwritable_file_is_refused(ita_world: ItaWorld, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "sheet.xlsx"
    with pytest.raises(CommandError) as caught:
        call_command("rounds", "ita-sheet", "2569", "--unit", "unit-a", "--out", str(out))
    assert str(caught.value) == (
        f"เขียนไฟล์ {out} ไม่ได้ (No such file or directory) / cannot write {out} (No such file or directory)"
    )


def test_the_command_line_exits_non_zero_with_the_message(
    ita_world: ItaWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["manage.py", "rounds", "ita-sheet", "2569", "--unit", "nowhere", "--out", str(tmp_path / "x.xlsx")]
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(argv).execute()
    assert exit_.value.code == 1
    assert capsys.readouterr().err == "CommandError: ไม่พบหน่วยงาน nowhere / no unit named nowhere\n"
