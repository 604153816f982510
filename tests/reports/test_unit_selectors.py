"""Reads of the rounds: the list, a round's units (reported or not, late, missing), a report with its versions."""

from typing import Any

from prongsai.organizations.access import access_scope_for
from prongsai.organizations.services import organization_create
from prongsai.reports.selectors import RoundFilter, round_by_code, round_list, round_unit_reports, unit_report_detail
from prongsai.reports.services import (
    unit_report_approve,
    unit_report_save,
    unit_report_send_for_approval,
    unit_report_start,
)
from tests.reports.unit_world import World, _english, at, open_round, shared_world, world

FIXTURES = (_english, shared_world, world)


def _submit(world: World, unit: str, when: Any) -> None:
    round = round_by_code("2569-6")
    assert round is not None
    organization = world.unit_a if unit == "a" else world.unit_b
    reporter = world.person(f"reporter_{unit}")
    version = unit_report_start(actor=reporter, round=round, organization=organization, now=when)
    unit_report_save(
        actor=reporter, version=version, narrative_th="ผล", narrative_en="", actions_th="", actions_en="", now=when
    )
    unit_report_send_for_approval(actor=reporter, version=version, now=when)
    unit_report_approve(actor=world.person(f"supervisor_{unit}"), version=version, now=when)


def test_a_rounds_units_with_late_and_missing_flags_in_two_queries(
    world: World, django_assert_num_queries: Any
) -> None:
    round = open_round(world)
    root = world.person("root")
    for n in range(3):
        organization_create(
            actor=root,
            kind="unit",
            slug=f"extra-{n}",
            parent=world.department,
            name_th=f"หน่วย {n}",
            name_en=f"Extra {n}",
        )
    organization_create(
        actor=root, kind="unit", slug="gone", parent=world.department, name_th="ยุบแล้ว", name_en="Gone"
    ).__class__.objects.filter(slug="gone").update(is_active=False)
    _submit(world, "a", at(2026, 4, 20))
    _submit(world, "b", at(2026, 5, 3))
    scope = access_scope_for(world.person("ict_monitor"))
    with django_assert_num_queries(2):
        overview = round_unit_reports(round=round, scope=scope, today=at(2026, 5, 10).date())
    rows = [(row.slug, row.state, row.version, row.late, row.missing) for row in overview.rows]
    assert sorted(rows) == [
        ("extra-0", "", None, False, True),
        ("extra-1", "", None, False, True),
        ("extra-2", "", None, False, True),
        ("unit-a", "submitted", 1, False, False),
        ("unit-b", "submitted", 1, True, False),
    ]
    assert overview.units == 5
    assert overview.counts[RoundFilter.MISSING] == 3
    assert overview.counts[RoundFilter.LATE] == 1
    assert overview.counts[RoundFilter.SUBMITTED] == 2
    late = round_unit_reports(round=round, scope=scope, today=at(2026, 5, 10).date(), wanted=RoundFilter.LATE)
    assert [row.slug for row in late.rows] == ["unit-b"]
    # Before the deadline nobody is missing yet.
    early = round_unit_reports(round=round, scope=scope, today=at(2026, 4, 30).date())
    assert early.counts[RoundFilter.MISSING] == 0


def test_the_rounds_list_and_a_report_with_its_versions(world: World, django_assert_num_queries: Any) -> None:
    round = open_round(world)
    open_round(world, kind="12", deadline=at(2026, 10, 31).date())
    _submit(world, "b", at(2026, 5, 3))
    with django_assert_num_queries(1):
        rows = round_list()
    assert [(r.round.code, r.reports, r.submitted, r.late) for r in rows] == [("2569-12", 0, 0, 0), ("2569-6", 1, 1, 1)]
    unit_b = world.unit_b
    with django_assert_num_queries(2):
        report = unit_report_detail(round=round, organization=unit_b)
        assert report is not None
        versions = [(v.number, v.state, v.created_by.username, str(v.approved_by)) for v in report.versions.all()]
    assert versions == [(1, "submitted", "reporter_b", "คุณ supervisor_b")]
    assert round_by_code("๒๕๖๙-6") == round
    assert round_by_code("2026-6") is None
