"""`manage.py procurement import`: the counts on success, every problem and a non-zero exit otherwise."""

import io
from pathlib import Path

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.utils import timezone

from prongsai.procurement.models import ImportBatch, ProcurementRecord

from .import_world import MARCH_ROWS, NOW, ImportWorld, _english, import_world, march_workbook, shared_import_world

__all__ = ["_english", "import_world", "shared_import_world"]


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def _file(tmp_path: Path, content: bytes, name: str = "march.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_imports_and_prints_the_counts(import_world: ImportWorld, tmp_path: Path) -> None:
    path = _file(tmp_path, march_workbook())
    out = io.StringIO()
    call_command("procurement", "import", "--unit", "unit-a", path, stdout=out)
    assert out.getvalue() == (
        "นำเข้า march.xlsx แล้ว: 3 รายการ (ใหม่ 3 ปรับปรุง 0 ไม่เปลี่ยนแปลง 0 ปิดเดือนที่ไม่มีการจัดซื้อจัดจ้าง 0)"
        " / imported march.xlsx: 3 rows (3 created, 0 updated, 0 unchanged, 0 empty months closed)\n"
    )
    again = io.StringIO()
    call_command("procurement", "import", "--unit", "unit-a", path, stdout=again)
    assert "(0 created, 0 updated, 3 unchanged, 0 empty months closed)" in again.getvalue()
    batch = ImportBatch.objects.order_by("pk").first()
    assert (batch.filename, batch.imported_by) == ("march.xlsx", None)


def test_imports_as_a_person(import_world: ImportWorld, tmp_path: Path) -> None:
    call_command("procurement", "import", "--unit", "unit-a", "--actor", "editor_a", _file(tmp_path, march_workbook()),
                 stdout=io.StringIO())  # fmt: skip
    assert ImportBatch.objects.get().imported_by.username == "editor_a"


def test_lists_every_problem_and_stores_nothing(import_world: ImportWorld, tmp_path: Path) -> None:
    rows = [list(row) for row in MARCH_ROWS]
    rows[0][2] = "เก้าหมื่น"
    rows[2][4] = "จ้างเหมา"
    with pytest.raises(CommandError) as refused:
        call_command("procurement", "import", "--unit", "unit-a", _file(tmp_path, march_workbook(rows)))
    assert str(refused.value).splitlines() == [
        "ไม่ได้นำเข้า march.xlsx: พบปัญหา 2 รายการ ไม่มีข้อมูลใดถูกบันทึก / march.xlsx was not imported: 2 problem(s),"
        " nothing was stored",
        "แผ่นงาน มี.ค.69 แถว 6 คอลัมน์ C (วงเงินที่จะซื้อ หรือจ้าง (บาท)): อ่านจำนวนเงินไม่ได้: “เก้าหมื่น”"
        " / Cannot read an amount of baht: “เก้าหมื่น”.",
        "แผ่นงาน มี.ค.69 แถว 8 คอลัมน์ E (วิธีซื้อหรือจ้าง): ไม่รู้จักวิธีซื้อหรือจ้าง “จ้างเหมา”"
        " (เช่น เฉพาะเจาะจง คัดเลือก e-bidding e-market) / Unknown procurement method “จ้างเหมา”"
        " (e.g. เฉพาะเจาะจง, คัดเลือก, e-bidding, e-market).",
    ]
    assert not ProcurementRecord.objects.exists()
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--unit", "nowhere"], "ไม่พบหน่วยงาน nowhere / no unit named nowhere"),
        (["--unit", "unit-a", "--actor", "nobody"], "ไม่พบผู้ใช้ nobody / no active user nobody"),
        (["--unit", "unit-a", "--actor", "editor_b"], "editor_b ไม่มีสิทธิ์แก้ไขข้อมูลของหน่วยงาน unit-a"
                                                     " / editor_b may not edit the records of unit-a"),
    ],
)  # fmt: skip
def test_refusals(import_world: ImportWorld, tmp_path: Path, arguments: list[str], message: str) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("procurement", "import", *arguments, _file(tmp_path, march_workbook()))
    assert str(refused.value) == message
    assert not ProcurementRecord.objects.exists()


def test_an_unreadable_file(import_world: ImportWorld, tmp_path: Path) -> None:
    missing = tmp_path / "missing.xlsx"
    with pytest.raises(CommandError) as refused:
        call_command("procurement", "import", "--unit", "unit-a", str(missing))
    assert str(refused.value) == f"อ่านไฟล์ {missing} ไม่ได้ / cannot read {missing}: No such file or directory"


def test_a_file_that_is_not_a_workbook(import_world: ImportWorld, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("procurement", "import", "--unit", "unit-a", _file(tmp_path, b"a,b\n1,2\n", "data.csv"))
    assert str(refused.value).splitlines()[1] == (
        "ไฟล์นี้ไม่ใช่ Excel (.xlsx) หรือไฟล์เสียหาย / The file is not an Excel workbook (.xlsx), or it is damaged."
    )


def test_the_command_line_exits_non_zero(
    import_world: ImportWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, b"")
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "procurement", "import", "--unit", "unit-a", path]).execute()
    assert exit_.value.code == 1
    assert capsys.readouterr().err == (
        "CommandError: ไม่ได้นำเข้า march.xlsx: พบปัญหา 1 รายการ ไม่มีข้อมูลใดถูกบันทึก"
        " / march.xlsx was not imported: 1 problem(s), nothing was stored\n"
        "ไฟล์ว่างเปล่า / The file is empty.\n"
    )
