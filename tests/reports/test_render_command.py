"""`manage.py rounds report|unit-report`: the files written; a clear refusal (non-zero exit) for what does not exist."""

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.reports.models import RenderedReport, Round
from tests.reports import render_world as rendering
from tests.reports.render_world import NARRATIVE_TH, at, needs_chromium, pages

# The module's world and its per-test view (fixtures of render_world).
render_world = rendering.render_world
world = rendering.world

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("rounds", *args, stdout=out)
    return out.getvalue()


def refusal(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 1  # what manage.py exits with
    return caught.value


def test_report_writes_the_overall_workbook(world: Any, tmp_path: Path) -> None:
    out = tmp_path / "overall.xlsx"
    written = run("report", "2569-6", "--format", "xlsx", "--out", str(out))
    content = out.read_bytes()
    assert written == f"เขียน {out} แล้ว ({len(content)} ไบต์) / wrote {out} ({len(content)} bytes)\n"
    workbook = openpyxl.load_workbook(out)
    assert workbook["Ranking"]["C2"].value == "กองเกษตร"
    # The approved report's file is the one kept: the command and the download give the same bytes.
    assert bytes(RenderedReport.objects.get(overall__isnull=False).content) == content


def test_unit_report_writes_the_current_version_in_english(world: Any, tmp_path: Path) -> None:
    out = tmp_path / "unit.xlsx"
    run("unit-report", "2569-6", "--unit", "unit-a", "--format", "xlsx", "--out", str(out), "--language", "en")
    summary = openpyxl.load_workbook(out)["Summary"]
    assert (summary["A2"].value, summary["B2"].value) == ("Unit", "Unit A")


def test_unit_report_pdf(world: Any, tmp_path: Path) -> None:
    needs_chromium()
    out = tmp_path / "unit.pdf"
    run("unit-report", "๒๕๖๙-6", "--unit", "unit-a", "--format", "pdf", "--out", str(out))
    text = pages(out.read_bytes())
    assert [page[0] for page in text] == ["- ๑ -", "- ๒ -"]
    assert NARRATIVE_TH in text[1]


def test_unknown_or_malformed_rounds_are_refused(world: Any, tmp_path: Path) -> None:
    out = str(tmp_path / "x.xlsx")
    assert str(refusal("report", "2570-6", "--format", "xlsx", "--out", out)) == (
        "ไม่มีรอบการรายงาน 2570-6 / there is no reporting round 2570-6"
    )
    assert str(refusal("unit-report", "2026-6", "--unit", "unit-a", "--format", "xlsx", "--out", out)) == (
        "รหัสรอบ 2026-6 ไม่ถูกต้อง ใช้รูปแบบ 2569-6 หรือ 2569-12 / 2026-6 is not a round code: write it like 2569-6 or 2569-12"
    )
    assert not Path(out).exists()


def test_unknown_units_and_missing_reports_are_refused(world: Any, tmp_path: Path) -> None:
    out = str(tmp_path / "x.xlsx")
    assert str(refusal("unit-report", "2569-6", "--unit", "nowhere", "--format", "xlsx", "--out", out)) == (
        "ไม่พบหน่วยงาน nowhere / no unit named nowhere"
    )
    assert str(refusal("unit-report", "2569-6", "--unit", "unit-b", "--format", "xlsx", "--out", out)) == (
        "หน่วยงาน unit-b ยังไม่มีรายงานในรอบ 2569-6 / unit-b has no report in round 2569-6 yet"
    )
    Round.objects.create(
        fiscal_year=2569,
        kind="twelve_month",
        deadline=at(20, 10, 0).date(),
        opened_by=world.person("ict_monitor"),
        opened_at=at(1, 4, 9),
    )
    assert str(refusal("report", "2569-12", "--format", "pdf", "--out", out)) == (
        "ยังไม่ได้จัดทำรายงานภาพรวมของรอบ 2569-12 / the overall report of round 2569-12 has not been compiled yet"
    )
    assert not Path(out).exists()


def test_an_unknown_format_is_refused_by_the_parser(world: Any, tmp_path: Path) -> None:
    error = refusal("report", "2569-6", "--format", "docx", "--out", str(tmp_path / "x.docx"))
    assert "invalid choice: 'docx'" in str(error)


def test_an_unwritable_destination_is_refused(world: Any, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "x.xlsx"
    assert str(refusal("report", "2569-6", "--format", "xlsx", "--out", str(out))) == (
        f"เขียนไฟล์ {out} ไม่ได้ / cannot write {out}: No such file or directory"
    )
