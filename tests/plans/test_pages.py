"""The plans' workspace pages: who sees and edits what (404 otherwise), the plan's tables and roll-ups, the forms
with every problem and nothing stored, the progress entry, the upload and the template, in fixed queries."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from prongsai.plans.models import ActionPlan, Programme, ProgressReport, Project
from prongsai.plans.templates import plan_template_xlsx
from tests.plans.conftest import ReferencePlan
from tests.plans.workbooks import TITLE_ROWS, unit_workbook, xlsx
from tests.register.conftest import World
from tests.signin.verified import login_verified

D = Decimal
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _client(world: World, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def _messages(response: Any) -> list[str]:
    storage: Any = get_messages(response.wsgi_request)
    return [str(m) for m in storage._queued_messages]


def _url(name: str, *args: object, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"plans:{name}", args=args)


def _plan(name: str, *args: object, language: str = "en") -> str:
    return _url(name, "unit-a", 2569, *args, language=language)


def _problems(page: Any) -> list[str]:
    form = page.context["form"]
    return [f"{name}: {message}" for name, messages in form.errors.items() for message in messages]


# --- who may see and edit ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("username", "status"), [("editor_a", 200), ("reviewer1_a", 200), ("supervisor_dept", 200),
                                                  ("editor_b", 404), ("outsider", 404)])  # fmt: skip
def test_the_units_plan_pages_are_for_those_who_see_the_unit(
    world: World, reference: ReferencePlan, username: str, status: int
) -> None:
    client = _client(world, username)
    for url in (
        _url("unit", "unit-a"),
        _plan("plan"),
        _plan("progress", reference.training.pk),
        _url("template", "unit-a"),
        _plan("plan_workbook"),
    ):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("username", ["reviewer1_a", "supervisor_dept", "editor_b"])
def test_only_the_units_editors_reach_the_forms_and_actions(
    world: World, reference: ReferencePlan, username: str
) -> None:
    client = _client(world, username)
    for url in (
        _url("plan_new", "unit-a"),
        _plan("plan_edit"),
        _plan("programme_new"),
        _plan("programme_edit", reference.basic.pk),
        _plan("project_new", reference.basic.pk),
        _plan("project_edit", reference.training.pk),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        _plan("programme_delete", reference.basic.pk),
        _plan("project_delete", reference.training.pk),
        _plan("project_move", reference.publicity.pk, "up"),
        _plan("progress", reference.training.pk),
        _plan("progress_delete", reference.training.pk, "2026-03"),
        _url("import", "unit-a"),
    ):
        assert client.post(url, {"period": "2026-03", "as_of": "2026-03-31"}).status_code == 404, url
    assert (Programme.objects.count(), Project.objects.count(), ProgressReport.objects.count()) == (2, 3, 5)


def test_a_reader_sees_no_edit_controls(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "reviewer1_a")
    page = client.get(_plan("plan")).content.decode()
    assert "Edit the plan" not in page
    assert "/edit/" not in page
    progress = client.get(_plan("progress", reference.training.pk))
    assert progress.context["form"] is None
    assert "Record a month" not in progress.content.decode()


def test_someone_signed_out_is_sent_to_sign_in(world: World, reference: ReferencePlan) -> None:
    response = Client().get(_plan("plan"))
    assert response.status_code == 302
    assert "/workspace/login/" in response["Location"]


def test_other_units_plans_and_projects_are_not_found(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "editor_a")
    assert client.get(_url("plan", "unit-a", 2570)).status_code == 404
    assert client.get(_url("plan", "no-such-unit", 2569)).status_code == 404
    other = ActionPlan.objects.create(
        organization=world.unit_b, fiscal_year=2569, title_th="แผน B", created_at=reference.plan.created_at,
        updated_at=reference.plan.created_at,
    )  # fmt: skip
    programme = Programme.objects.create(plan=other, position=1, name_th="แผนงาน B")
    # A programme of unit B's plan under unit A's address.
    assert client.get(_plan("programme_edit", programme.pk)).status_code == 404
    assert client.get(_plan("progress", 999999)).status_code == 404


# --- the pages --------------------------------------------------------------------------------------------------------


def test_the_unit_page_lists_its_plans_with_the_template_and_upload(
    world: World, reference: ReferencePlan, django_assert_num_queries: Any
) -> None:
    client = _client(world, "editor_a")
    url = _url("unit", "unit-a")
    client.get(url)
    # session and person (2), the unit and the person's roles (3), the plans (1), the header's unread notices (1)
    with django_assert_num_queries(7):
        page = client.get(url)
    assert [(r.plan.fiscal_year, r.programmes, r.projects, r.budget) for r in page.context["rows"]] == [
        (2569, 2, 3, D("2000000.00"))
    ]
    text = page.content.decode()
    assert '<th scope="row"><a href="/en/workspace/plans/unit-a/2569/">2569</a></th>' in text
    assert '<td class="num">2,000,000.00</td>' in text
    assert 'href="/en/workspace/plans/unit-a/template.xlsx" download' in text
    assert 'enctype="multipart/form-data"' in text


def test_the_plan_page_shows_the_projects_and_the_roll_ups_in_fixed_queries(
    world: World, reference: ReferencePlan, django_assert_num_queries: Any
) -> None:
    client = _client(world, "editor_a")
    url = _plan("plan")
    client.get(url)
    # session and person (2), unit and roles (3), the plan (1), programmes, projects, reports (3), unread notices (1)
    with django_assert_num_queries(10):
        page = client.get(url)
    overview = page.context["overview"]
    assert overview.as_of == dt.date(2026, 9, 30)  # the plan's year is over: its last day
    text = " ".join(page.content.decode().split())
    assert "The plan as of 30 September 2026" in text
    assert "<div><dt>Physical progress</dt><dd>57.50 %</dd></div>" in text
    assert "<div><dt>Disbursed</dt><dd>1,030,000.00 (51.50 %)</dd></div>" in text
    assert (
        '<th scope="row">6-month round</th> <td>31 March 2026</td> <td class="num">26.50 %</td> '
        '<td class="num">450,000.00</td> <td class="num">22.50 %</td>'
    ) in text
    assert (
        '<th scope="row">12-month round</th> <td>30 September 2026</td> <td class="num">57.50 %</td> '
        '<td class="num">1,030,000.00</td> <td class="num">51.50 %</td>'
    ) in text
    assert (
        '<th scope="row">โครงการอบรมเกษตรกร <span class="tag">Project</span></th> <td class="num">1,000,000.00</td> '
        "<td>1 October 2025 – 30 September 2026</td> <td>กลุ่มส่งเสริม</td> "
        '<td>เกษตรกรผ่านการอบรม<br><span class="meta">Target: 500 คน</span></td> '
        '<td class="num">100.00 %<br><span class="meta">September 2026</span></td> '
        '<td class="num">980,000.00</td> <td>Completed</td>'
    ) in text
    assert "<div><dt>Physical progress</dt><dd>86.00 %</dd></div>" in text  # the basic programme
    # Adding projects costs no query more.
    for n in range(3):
        Project.objects.create(
            programme=reference.strategic, position=10 + n, name_th=f"โครงการ {n}", budget=D("1.00"),
            start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1), division="กอง",
        )  # fmt: skip
    with django_assert_num_queries(10):
        client.get(url)


def test_the_pages_speak_thai_by_default(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "editor_a")
    text = " ".join(client.get(_plan("plan", language="th")).content.decode().split())
    assert "ข้อมูลของแผน ณ วันที่ 30 กันยายน 2569" in text
    assert '<th scope="row">รอบ 6 เดือน</th> <td>31 มีนาคม 2569</td>' in text
    assert "1 ตุลาคม 2568 – 30 กันยายน 2569" in text
    assert "ความก้าวหน้า" in text
    progress = client.get(_plan("progress", reference.training.pk, language="th"))
    choices = progress.context["form"].fields["period"].choices
    assert choices[0] == ("2025-10", "ตุลาคม 2568")
    assert choices[-1] == ("2026-09", "กันยายน 2569")


def test_the_progress_page_lists_the_months_and_offers_the_years_months_only(
    world: World, reference: ReferencePlan, django_assert_num_queries: Any
) -> None:
    client = _client(world, "editor_a")
    url = _plan("progress", reference.training.pk)
    client.get(url)
    # session and person (2), unit and roles (3), plan (1), project (1), reports with who recorded them (1), notices (1)
    with django_assert_num_queries(9):
        page = client.get(url)
    assert [(code, label) for _r, code, label in page.context["reports"]] == [
        ("2025-12", "December 2025"), ("2026-03", "March 2026"), ("2026-09", "September 2026"),
    ]  # fmt: skip
    form = page.context["form"]
    assert [code for code, _label in form.fields["period"].choices] == [
        "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
        "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
    ]  # fmt: skip
    # ?period= picks a month and fills in its stored report.
    march = client.get(url, {"period": "2026-03"}).context["form"]
    assert (march["period"].value(), march["progress_percent"].value(), march["disbursed"].value()) == (
        "2026-03", D("45.50"), "400,000.00",
    )  # fmt: skip
    assert march["note_th"].value() == "ตามแผน"


def test_recording_a_months_progress(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "editor_a")
    url = _plan("progress", reference.equipment.pk)
    response = client.post(
        url,
        {"period": "2026-06", "as_of": "30 มิ.ย. 2569", "progress_percent": "๕๕.๕", "disbursed": "300,000.50 บาท",
         "status": "behind", "note_th": "รอส่งมอบ", "note_en": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == url
    assert _messages(response) == ["The progress of June 2026 is recorded."]
    report = ProgressReport.objects.get(project=reference.equipment, period=dt.date(2026, 6, 1))
    assert (report.as_of, report.progress_percent, report.disbursed, report.status, report.note_th) == (
        dt.date(2026, 6, 30), D("55.50"), D("300000.50"), "behind", "รอส่งมอบ",
    )  # fmt: skip
    assert report.recorded_by == world.person("editor_a")


def test_a_progress_report_with_problems_shows_every_one_and_stores_nothing(
    world: World, reference: ReferencePlan
) -> None:
    client = _client(world, "editor_a")
    url = _plan("progress", reference.publicity.pk)
    page = client.post(
        url,
        {"period": "2026-05", "as_of": "2026-04-30", "progress_percent": "120", "disbursed": "250,000.01",
         "status": "behind"},
    )  # fmt: skip
    assert page.status_code == 200
    assert _problems(page) == [
        "as_of: The as-of date cannot be before the month.",
        "progress_percent: Progress must be between 0 and 100 %.",
        "disbursed: The amount disbursed cannot exceed the budget.",
    ]
    text = page.content.decode()
    assert 'role="alert"' in text
    assert 'href="#id_progress_percent">Physical progress (%)</a>: Progress must be between 0 and 100 %.' in text
    # Each field names its message for screen readers.
    assert '<span class="error" id="id_progress_percent_errors">Progress must be between 0 and 100 %.</span>' in text
    assert 'aria-describedby="id_progress_percent_errors" aria-invalid="true"' in text
    page = client.post(
        url, {"period": "2027-01", "as_of": "วันนี้", "progress_percent": "มาก", "disbursed": "", "status": "x"}
    )
    assert _problems(page) == [
        "period: Select a valid choice. 2027-01 is not one of the available choices.",
        "as_of: Enter a date, such as 15/03/2569 or 15 มี.ค. 2569.",
        "progress_percent: Enter a percentage from 0 to 100.",
        "disbursed: This field is required.",
        "status: Select a valid choice. x is not one of the available choices.",
    ]
    assert ProgressReport.objects.filter(project=reference.publicity).count() == 1


def test_a_progress_problem_is_said_in_thai_on_the_thai_page(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "editor_a")
    page = client.post(
        _plan("progress", reference.publicity.pk, language="th"),
        {
            "period": "2026-05",
            "as_of": "2026-05-31",
            "progress_percent": "10",
            "disbursed": "250,000.01",
            "status": "behind",
        },
    )
    assert _problems(page) == ["disbursed: ผลการเบิกจ่ายต้องไม่เกินงบประมาณ"]


def test_starting_and_editing_a_plan(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "editor_a")
    page = client.post(
        _url("plan_new", "unit-a"), {"fiscal_year": "", "title_th": " ", "title_en": "", "approved_on": "x"}
    )
    assert _problems(page) == [
        "fiscal_year: This field is required.",
        "title_th: This field is required.",
        "approved_on: Enter a date, such as 15/03/2569 or 15 มี.ค. 2569.",
    ]
    page = client.post(_url("plan_new", "unit-a"), {"fiscal_year": "2569", "title_th": "แผนซ้ำ"})
    assert _problems(page) == ["fiscal_year: The unit already has a plan for this fiscal year."]
    response = client.post(
        _url("plan_new", "unit-a"),
        {"fiscal_year": "2570", "title_th": "แผนปฏิบัติราชการ 2570", "approved_on": "1 ก.ย. 2569"},
    )
    assert response["Location"] == _url("plan", "unit-a", 2570)
    assert _messages(response) == ["The plan is saved."]
    plan = ActionPlan.objects.get(fiscal_year=2570)
    assert (plan.title_th, plan.approved_on) == ("แผนปฏิบัติราชการ 2570", dt.date(2026, 9, 1))
    response = client.post(_url("plan_edit", "unit-a", 2570), {"title_th": "แผน 2570 (ปรับปรุง)", "title_en": "Plan"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title_th, plan.title_en, plan.approved_on) == ("แผน 2570 (ปรับปรุง)", "Plan", None)
    page = client.post(_url("plan_edit", "unit-a", 2570), {"title_th": "แผน", "approved_on": "31 ธ.ค. 2580"})
    assert _problems(page) == ["approved_on: The approval date cannot be in the future."]


def test_adding_a_programme_and_a_project_and_their_problems(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "editor_a")
    page = client.post(_plan("programme_new"), {"name_th": "แผนงาน ยุทธศาสตร์"})
    assert _problems(page) == ["name_th: The plan already has a programme of this name."]
    response = client.post(_plan("programme_new"), {"name_th": "แผนงานบูรณาการ", "name_en": "Integrated"})
    assert response["Location"] == _plan("plan")
    programme = Programme.objects.get(name_th="แผนงานบูรณาการ")
    assert programme.position == 3
    data = {
        "programme": programme.pk, "kind": "project", "name_th": "โครงการใหม่", "budget": "1,250,000.50 บาท",
        "start": "1 ต.ค. 2569", "end": "30 ก.ย. 2569", "division": "กองคลัง",
    }  # fmt: skip
    page = client.post(_plan("project_new", programme.pk), data)
    assert _problems(page) == [
        "end: The end cannot be before the start.",
        "start: The duration must overlap fiscal year 2569.",
    ]
    page = client.post(_plan("project_new", programme.pk), {**data, "budget": "หนึ่งล้าน", "division": ""})
    assert _problems(page) == [
        "budget: Enter an amount of baht, such as 1,250,000.00.",
        "division: This field is required.",
    ]
    assert not Project.objects.filter(programme=programme).exists()
    response = client.post(_plan("project_new", programme.pk), {**data, "start": "๑ ม.ค. ๒๕๖๙"})
    assert response.status_code == 302
    project = Project.objects.get(programme=programme)
    assert (project.name_th, project.budget, project.start, project.end, project.position) == (
        "โครงการใหม่", D("1250000.50"), dt.date(2026, 1, 1), dt.date(2026, 9, 30), 1,
    )  # fmt: skip
    # The edit form shows the stored amount the Thai way; moving to another programme goes last there.
    edit = client.get(_plan("project_edit", project.pk))
    assert edit.context["form"]["budget"].value() == "1,250,000.50"
    response = client.post(
        _plan("project_edit", project.pk), {**data, "start": "2026-01-01", "programme": reference.basic.pk}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.programme_id, project.position) == (reference.basic.pk, 3)


def test_moving_and_deleting(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "editor_a")
    assert client.get(_plan("project_move", reference.publicity.pk, "up")).status_code == 405
    assert client.post(_plan("project_move", reference.publicity.pk, "sideways")).status_code == 404
    assert client.post(_plan("project_move", reference.publicity.pk, "up")).status_code == 302
    names = Project.objects.filter(programme=reference.basic).order_by("position").values_list("name_th", flat=True)
    assert list(names) == ["กิจกรรมประชาสัมพันธ์", "โครงการอบรมเกษตรกร"]
    client.post(_plan("programme_move", reference.strategic.pk, "up"))
    assert list(Programme.objects.order_by("position").values_list("name_th", flat=True)) == [
        "แผนงานยุทธศาสตร์",
        "แผนงานพื้นฐาน",
    ]
    response = client.post(_plan("progress_delete", reference.training.pk, "2026-03"))
    assert _messages(response) == ["The progress of March 2026 is deleted."]
    assert client.post(_plan("progress_delete", reference.training.pk, "2026-03")).status_code == 404
    response = client.post(_plan("project_delete", reference.training.pk))
    assert _messages(response) == ["The project โครงการอบรมเกษตรกร is deleted."]
    response = client.post(_plan("programme_delete", reference.strategic.pk))
    assert _messages(response) == ["The programme แผนงานยุทธศาสตร์ is deleted."]
    assert list(Project.objects.values_list("name_th", flat=True)) == ["กิจกรรมประชาสัมพันธ์"]


# --- the workbook -----------------------------------------------------------------------------------------------------


def test_the_template_and_the_plans_workbook_download(world: World, reference: ReferencePlan) -> None:
    client = _client(world, "reviewer1_a")
    response = client.get(_url("template", "unit-a"))
    assert (response["Content-Type"], response.content) == (XLSX, plan_template_xlsx())
    assert response["Content-Disposition"] == 'attachment; filename="prongsai-action-plan-template.xlsx"'
    response = client.get(_plan("plan_workbook"))
    assert response["Content-Disposition"] == 'attachment; filename="unit-a-plan-2569.xlsx"'


def test_uploading_a_workbook(world: World) -> None:
    client = _client(world, "editor_a")
    upload = SimpleUploadedFile("plan.xlsx", unit_workbook(), content_type=XLSX)
    response = client.post(_url("import", "unit-a"), {"fiscal_year": "2569", "workbook": upload})
    assert response.status_code == 302
    assert response["Location"] == _plan("plan")
    assert _messages(response) == [
        "Imported 8 rows: 3 new projects, 0 updated, 0 unchanged; 5 new progress reports, 0 updated."
    ]
    assert (Project.objects.count(), ProgressReport.objects.count()) == (3, 5)


def test_an_upload_with_problems_lists_every_one_and_stores_nothing(world: World) -> None:
    client = _client(world, "editor_a")
    bad = xlsx({"โครงการ": [*TITLE_ROWS, ["แผนงาน", "ชื่อโครงการ", "งบประมาณ", "วันเริ่มต้น", "วันสิ้นสุด", "หน่วยงานที่รับผิดชอบ"],
                           ["แผนงาน ก", "โครงการ ก", "ฟรี", "1 ต.ค. 2568", "30 ก.ย. 2569", "กอง"],
                           ["แผนงาน ก", "", 5, "1 ต.ค. 2568", "30 ก.ย. 2569", "กอง"]]})  # fmt: skip
    page = client.post(
        _url("import", "unit-a", language="th"),
        {"fiscal_year": "2569", "workbook": SimpleUploadedFile("bad.xlsx", bad, content_type=XLSX)},
    )
    assert page.status_code == 400
    assert page.context["import_problems"] == [
        "แผ่นงาน โครงการ แถว 4 คอลัมน์ C (งบประมาณ): ไม่ใช่จำนวนเงินบาท",
        "แผ่นงาน โครงการ แถว 5 คอลัมน์ B (ชื่อโครงการ): ต้องกรอกช่องนี้",
    ]
    text = page.content.decode()
    assert "ไม่ได้นำเข้าไฟล์: พบปัญหา 2 รายการ ไม่มีการบันทึกข้อมูลใด" in text
    assert "<li>แผ่นงาน โครงการ แถว 4 คอลัมน์ C (งบประมาณ): ไม่ใช่จำนวนเงินบาท</li>" in text
    assert not ActionPlan.objects.exists()
    page = client.post(_url("import", "unit-a"), {"fiscal_year": "2569"})
    assert page.status_code == 400
    assert page.context["import_form"].errors == {"workbook": ["This field is required."]}
