"""An action plan (5.1.4) and its progress (5.1.5) as register snapshots: exact shapes, figures, queries, refusals."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from prongsai.audit.models import AuditEvent
from prongsai.disclosures.models import Entry, EntryVersion, VersionRecords
from prongsai.disclosures.services import records_digest, version_submit
from prongsai.plans.models import ActionPlan, Programme, Project
from prongsai.plans.publishing import action_plan_snapshot, plan_publish, plan_records, progress_snapshot
from prongsai.problems import InvalidInput, Problem

from ..workspace.conftest import Department
from .conftest import entry_of
from .world import AS_OF, NOW


def _plan(plan: ActionPlan) -> ActionPlan:
    return ActionPlan.objects.select_related("organization").get(pk=plan.pk)


def _ids(plan: ActionPlan) -> dict[str, int]:
    return {p.name_th: p.pk for p in Project.objects.filter(programme__plan=plan)}


def test_the_action_plan_snapshot_lists_programmes_and_projects_with_budget_totals(
    plan: ActionPlan, django_assert_num_queries: Any
) -> None:
    ids = _ids(plan)
    loaded = _plan(plan)
    with django_assert_num_queries(2):  # programmes, projects
        snapshot = action_plan_snapshot(plan=loaded, as_of=AS_OF)

    assert snapshot == {
        "organization": "unit-0",
        "fiscal_year": 2569,
        "title_th": "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569",
        "title_en": "Action plan, fiscal year 2026",
        "approved_on": "2025-09-20",
        "as_of": "2026-04-10",
        "programmes": [
            {
                "name_th": "แผนงานพัฒนาระบบ",
                "name_en": "Systems development",
                "projects": [
                    {
                        "id": ids["พัฒนาระบบสารสนเทศ"],
                        "kind": "project",
                        "name_th": "พัฒนาระบบสารสนเทศ",
                        "name_en": "Information system",
                        "budget": "3000000.00",
                        "budget_source": "งบลงทุน",
                        "start": "2025-10-01",
                        "end": "2026-09-30",
                        "division": "ศูนย์เทคโนโลยีสารสนเทศ",
                        "kpi": "ระบบใช้งานได้",
                        "target": "1 ระบบ",
                        "latest": None,
                        "progress": [],
                    },
                    {
                        "id": ids["อบรมผู้ใช้งาน"],
                        "kind": "activity",
                        "name_th": "อบรมผู้ใช้งาน",
                        "name_en": "",
                        "budget": "500000.00",
                        "budget_source": "",
                        "start": "2025-11-01",
                        "end": "2026-02-28",
                        "division": "ฝ่ายบริหารทั่วไป",
                        "kpi": "",
                        "target": "",
                        "latest": None,
                        "progress": [],
                    },
                ],
                "figures": {
                    "budget": "3500000.00",
                    "disbursed": "0.00",
                    "disbursed_percent": "0.00",
                    "progress_percent": None,
                    "projects": 2,
                    "completed": 0,
                    "behind": 0,
                    "not_reported": 2,
                },
            },
            {
                "name_th": "แผนงานบริหารจัดการ",
                "name_en": "",
                "projects": [
                    {
                        "id": ids["ปรับปรุงอาคาร"],
                        "kind": "project",
                        "name_th": "ปรับปรุงอาคาร",
                        "name_en": "",
                        "budget": "1000000.00",
                        "budget_source": "",
                        "start": "2025-10-01",
                        "end": "2026-09-30",
                        "division": "ฝ่ายอาคาร",
                        "kpi": "",
                        "target": "",
                        "latest": None,
                        "progress": [],
                    }
                ],
                "figures": {
                    "budget": "1000000.00",
                    "disbursed": "0.00",
                    "disbursed_percent": "0.00",
                    "progress_percent": None,
                    "projects": 1,
                    "completed": 0,
                    "behind": 0,
                    "not_reported": 1,
                },
            },
        ],
        "figures": {
            "budget": "4500000.00",
            "disbursed": "0.00",
            "disbursed_percent": "0.00",
            "progress_percent": None,
            "projects": 3,
            "completed": 0,
            "behind": 0,
            "not_reported": 3,
        },
        "rounds": {},
    }


def test_the_progress_snapshot_keeps_the_reports_known_on_its_date_and_rolls_them_up(
    plan: ActionPlan, django_assert_num_queries: Any
) -> None:
    loaded = _plan(plan)
    with django_assert_num_queries(3):  # programmes, projects, reports
        snapshot = progress_snapshot(plan=loaded, as_of=AS_OF)

    information, training = snapshot["programmes"][0]["projects"]
    (building,) = snapshot["programmes"][1]["projects"]
    march = {
        "period": "2026-03",
        "as_of": "2026-03-31",
        "progress_percent": "45.00",
        "disbursed": "1200000.00",
        "status": "on_schedule",
        "note_th": "ติดตั้งเครื่องแม่ข่ายแล้ว",
        "note_en": "",
    }
    # May's report (as of 31 May) is after the snapshot's date: not known yet.
    assert [r["period"] for r in information["progress"]] == ["2026-01", "2026-03"]
    assert information["latest"] == march
    assert information["progress"][1] == march
    assert training["latest"] is not None
    assert (training["latest"]["progress_percent"], training["latest"]["status"]) == ("100.00", "completed")
    assert building["latest"] is not None
    assert (building["latest"]["disbursed"], building["latest"]["note_th"]) == ("100000.00", "รอผู้รับจ้าง")
    assert [p["figures"] for p in snapshot["programmes"]] == [
        {
            "budget": "3500000.00",
            "disbursed": "1680000.00",
            "disbursed_percent": "48.00",
            "progress_percent": "52.86",
            "projects": 2,
            "completed": 1,
            "behind": 0,
            "not_reported": 0,
        },
        {
            "budget": "1000000.00",
            "disbursed": "100000.00",
            "disbursed_percent": "10.00",
            "progress_percent": "10.00",
            "projects": 1,
            "completed": 0,
            "behind": 1,
            "not_reported": 0,
        },
    ]
    assert snapshot["figures"] == {
        "budget": "4500000.00",
        "disbursed": "1780000.00",
        "disbursed_percent": "39.56",
        "progress_percent": "43.33",
        "projects": 3,
        "completed": 1,
        "behind": 1,
        "not_reported": 0,
    }
    # The 6-month figure is computed as of 31 March (April's report on 2.1 not yet written); 12 not reached.
    assert snapshot["rounds"] == {
        "6": {
            "budget": "4500000.00",
            "disbursed": "1680000.00",
            "disbursed_percent": "37.33",
            "progress_percent": "41.11",
            "projects": 3,
            "completed": 1,
            "behind": 0,
            "not_reported": 1,
        }
    }


def test_both_rounds_appear_once_the_year_has_ended(plan: ActionPlan) -> None:
    snapshot = progress_snapshot(plan=_plan(plan), as_of=dt.date(2026, 10, 2))
    assert sorted(snapshot["rounds"]) == ["12", "6"]
    # By 30 September every report is known: May's 70 % on 1.1 counts.
    assert snapshot["rounds"]["12"]["progress_percent"] == "60.00"  # (3,000,000×70 + 50,000,000 + 10,000,000) / 4.5 M
    assert snapshot["rounds"]["12"]["disbursed"] == "2580000.00"
    assert snapshot["rounds"]["6"]["progress_percent"] == "41.11"


@pytest.mark.parametrize("extra", [0, 12])
def test_snapshot_queries_do_not_grow_with_the_plan(
    plan: ActionPlan, extra: int, django_assert_num_queries: Any
) -> None:
    for n in range(extra):
        programme = Programme.objects.create(plan=plan, position=10 + n, name_th=f"แผนงาน {n}")
        Project.objects.create(
            programme=programme, name_th=f"โครงการ {n}", budget=Decimal("1.00"), division="กอง",
            start=dt.date(2025, 10, 1), end=dt.date(2026, 9, 30),
        )  # fmt: skip
    loaded = _plan(plan)
    with django_assert_num_queries(3):
        snapshot = progress_snapshot(plan=loaded, as_of=AS_OF)
    assert snapshot["figures"]["projects"] == 3 + extra


@pytest.mark.parametrize(
    ("code", "thai", "english"),
    [
        (
            "5.1.4",
            "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569: 3 โครงการ งบประมาณรวม 4,500,000.00 บาท",
            "Action plan for fiscal year 2026: 3 projects, total budget 4,500,000.00 baht",
        ),
        (
            "5.1.5",
            "ความก้าวหน้าตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569 ณ วันที่ 10 เมษายน 2569: 3 โครงการ "
            "ความก้าวหน้าร้อยละ 43.33 เบิกจ่ายแล้ว 1,780,000.00 บาท จากงบประมาณ 4,500,000.00 บาท (ร้อยละ 39.56)",
            "Progress of the action plan for fiscal year 2026 as of 10 April 2026: 3 projects, 43.33% complete, "
            "1,780,000.00 of 4,500,000.00 baht disbursed (39.56%)",
        ),
    ],
)
def test_the_summary_sentence_says_the_year_the_count_and_the_money(
    plan: ActionPlan, unit: Any, code: str, thai: str, english: str
) -> None:
    records = plan_records(organization=unit, fiscal_year=2569, code=code, as_of=AS_OF)
    assert (records.kind, records.summary_th, records.summary_en) == (
        {"5.1.4": "action_plan", "5.1.5": "plan_progress"}[code],
        thai,
        english,
    )


def test_a_plan_with_nothing_reported_says_so(plan: ActionPlan, unit: Any) -> None:
    records = plan_records(organization=unit, fiscal_year=2569, code="5.1.5", as_of=dt.date(2025, 12, 1))
    assert records.summary_th == (
        "ความก้าวหน้าตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569 ณ วันที่ 1 ธันวาคม 2568: 3 โครงการ "
        "ยังไม่มีรายงานความก้าวหน้า เบิกจ่ายแล้ว 0.00 บาท จากงบประมาณ 4,500,000.00 บาท (ร้อยละ 0.00)"
    )
    assert records.summary_en == (
        "Progress of the action plan for fiscal year 2026 as of 1 December 2025: 3 projects, "
        "no progress reported yet, 0.00 of 4,500,000.00 baht disbursed (0.00%)"
    )


def test_publishing_puts_the_snapshot_into_a_new_draft_with_its_summary_and_audit_events(
    plan: ActionPlan, unit: Any, dept: Department
) -> None:
    editor = dept.people["editor"]
    before = AuditEvent.objects.count()
    version = plan_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.5", as_of=AS_OF, now=NOW)

    assert (version.number, version.state, version.as_of) == (1, "draft", AS_OF)
    assert version.body_th == (
        "<p>ความก้าวหน้าตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569 ณ วันที่ 10 เมษายน 2569: 3 โครงการ "
        "ความก้าวหน้าร้อยละ 43.33 เบิกจ่ายแล้ว 1,780,000.00 บาท จากงบประมาณ 4,500,000.00 บาท (ร้อยละ 39.56)</p>"
    )
    assert version.body_en.startswith("<p>Progress of the action plan for fiscal year 2026 as of 10 April 2026:")
    records = VersionRecords.objects.get(version=version)
    expected = progress_snapshot(plan=_plan(plan), as_of=AS_OF)
    assert (records.kind, records.data, records.sha256) == ("plan_progress", expected, records_digest(expected))
    entry = entry_of(unit, "5.1.5")
    assert (entry.open_version_id, entry.open_state, entry.published_version_id) == (version.pk, "draft", None)

    events = list(AuditEvent.objects.order_by("sequence")[before:].values_list("action", "data"))
    assert [action for action, _data in events] == ["entry.draft_create", "entry.records_save", "plan.publish"]
    assert events[-1][1] == {
        "unit": "unit-0",
        "item": "5.1.5",
        "version": 1,
        "fiscal_year": 2569,
        "as_of": "2026-04-10",
        "kind": "plan_progress",
        "projects": 3,
        "sha256": records_digest(expected),
    }


def test_publishing_again_updates_the_same_draft(plan: ActionPlan, unit: Any, dept: Department) -> None:
    editor = dept.people["editor"]
    first = plan_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.4", as_of=AS_OF, now=NOW)
    Project.objects.filter(name_th="ปรับปรุงอาคาร").update(budget=Decimal("1500000.00"))
    again = plan_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.4", as_of=AS_OF, now=NOW)

    assert again.pk == first.pk
    assert EntryVersion.objects.filter(entry__organization=unit, entry__item__code="5.1.4").count() == 1
    assert VersionRecords.objects.get(version=again).data["figures"]["budget"] == "5000000.00"
    assert again.body_th == "<p>แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569: 3 โครงการ งบประมาณรวม 5,000,000.00 บาท</p>"


def _refused(**kwargs: Any) -> list[Problem]:
    versions = EntryVersion.objects.count()
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as caught:
        plan_publish(now=NOW, **kwargs)
    assert (EntryVersion.objects.count(), AuditEvent.objects.count()) == (versions, events)
    return caught.value.problems


def test_no_plan_for_the_year_is_refused_with_a_clear_problem(plan: ActionPlan, unit: Any, dept: Department) -> None:
    problems = _refused(actor=dept.people["editor"], organization=unit, fiscal_year=2570, code="5.1.4", as_of=AS_OF)
    assert problems == [
        Problem(
            "fiscal_year",
            "หน่วยงานยังไม่มีแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570",
            "The unit has no action plan for fiscal year 2570 (B.E.).",
        )
    ]


def test_an_item_a_plan_does_not_satisfy_is_refused(plan: ActionPlan, unit: Any, dept: Department) -> None:
    problems = _refused(actor=dept.people["editor"], organization=unit, fiscal_year=2569, code="5.1.7.1", as_of=AS_OF)
    assert problems == [
        Problem(
            "code", "รายการ 5.1.7.1 ไม่ได้เผยแพร่จากแผนปฏิบัติราชการ", "Item 5.1.7.1 is not published from an action plan."
        )
    ]


def test_every_problem_is_listed_at_once(dept: Department) -> None:
    # Unit 1 has no plan; its 5.1.4 entry is gone; and the date is after the service's today.
    other = dept.units[1]
    Entry.objects.filter(organization=other, item__code="5.1.4").delete()
    editor = dept.people["outsider"]  # the editor of unit 1
    problems = _refused(actor=editor, organization=other, fiscal_year=2569, code="5.1.4", as_of=dt.date(2026, 4, 11))
    assert [(p.field, p.en) for p in problems] == [
        ("fiscal_year", "The unit has no action plan for fiscal year 2569 (B.E.)."),
        ("code", "The unit has no register entry for item 5.1.4."),
        ("as_of", "The “as of” date cannot be in the future."),
    ]
    assert problems[2].th == "วันที่ “ข้อมูล ณ วันที่” ต้องไม่เป็นวันในอนาคต"


def test_a_version_awaiting_review_is_not_changed(plan: ActionPlan, unit: Any, dept: Department) -> None:
    editor = dept.people["editor"]
    version = plan_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.4", as_of=AS_OF, now=NOW)
    version_submit(actor=editor, version=version, now=NOW)
    problems = _refused(actor=editor, organization=unit, fiscal_year=2569, code="5.1.4", as_of=AS_OF)
    assert problems == [
        Problem(
            "code",
            "ฉบับของรายการ 5.1.4 อยู่ระหว่างรอการตรวจสอบ ให้ถอนกลับก่อนจึงจะแก้ไขได้",
            "A version of item 5.1.4 is awaiting review; withdraw it before changing it.",
        )
    ]


@pytest.mark.parametrize("person", ["outsider", "reviewer1", "monitor"])
def test_only_an_editor_of_the_unit_may_publish(plan: ActionPlan, unit: Any, dept: Department, person: str) -> None:
    with pytest.raises(PermissionDenied):
        plan_publish(actor=dept.people[person], organization=unit, fiscal_year=2569, code="5.1.4", as_of=AS_OF, now=NOW)
    assert not EntryVersion.objects.exists()


@pytest.mark.parametrize("extra", [0, 30])
def test_publishing_takes_the_same_queries_whatever_the_plan(
    plan: ActionPlan, unit: Any, dept: Department, extra: int, django_assert_num_queries: Any
) -> None:
    for n in range(extra):
        programme = Programme.objects.create(plan=plan, position=10 + n, name_th=f"แผนงาน {n}")
        Project.objects.create(
            programme=programme, name_th=f"โครงการ {n}", budget=Decimal("1.00"), division="กอง",
            start=dt.date(2025, 10, 1), end=dt.date(2026, 9, 30),
        )  # fmt: skip
    editor = dept.people["editor"]
    # Access; entry; plan, programmes, projects, reports; then the register's draft, its records and three
    # audit events (savepoints included): the same whatever the plan's size.
    with django_assert_num_queries(35):
        plan_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.5", as_of=AS_OF, now=NOW)
