"""The national bench's generator stays working: five units on the test database (SQLite, or PostgreSQL with COPY).

The full run (8,300 units) is not a test; these check that what it generates is complete and
consistent, so that the figures it reports are about data the application could have written.
"""

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from bench.national.generate import AlreadyGenerated, generate
from bench.national.plan import DEPARTMENT_SLUG
from prongsai.channels.models import Submission
from prongsai.checklists.currency import next_review_due
from prongsai.checklists.models import ChecklistItem
from prongsai.disclosures.models import Entry, EntryVersion, Review
from prongsai.monitoring.models import FindingOverride, ItemFinding, MonitorSweep, SiteCheck
from prongsai.monitoring.outcome import ItemStatus
from prongsai.monitoring.scoring import ScoreRule
from prongsai.organizations.models import Organization, RoleAssignment, Website
from prongsai.reports.models import OverallReport, Round, UnitReport, UnitReportVersion

UNITS = 5
ITEMS = 18  # the measure's checklist (mof-ops-2562.toml)
ROUNDS = {"2568-6", "2568-12", "2569-6", "2569-12"}


@pytest.fixture
def generated() -> dict[str, int]:
    return generate(units=UNITS, seed=2569).rows


@pytest.mark.django_db
def test_five_units_give_exact_row_counts(generated: dict[str, int]) -> None:
    department = Organization.objects.get(slug=DEPARTMENT_SLUG)
    assert Organization.objects.filter(parent=department, kind="unit").count() == 5
    assert Organization.objects.count() == 6
    assert Website.objects.filter(is_primary=True).count() == 5
    # A reporter and a head per unit; the ICT monitor, the ICT Center's director, the supervisor and the executive.
    assert get_user_model().objects.count() == 5 * 2 + 4
    # Reporter: reporter + editor; head: supervisor + reviewer of steps 1–4; four department roles.
    assert RoleAssignment.objects.count() == 5 * 7 + 4
    assert Entry.objects.count() == 5 * ITEMS
    assert sorted(r.code for r in Round.objects.all()) == sorted(ROUNDS)
    assert list(Round.objects.filter(state="open").values_list("fiscal_year", "kind")) == [(2569, "twelve_month")]
    assert MonitorSweep.objects.count() == 4
    assert SiteCheck.objects.filter(state="done").count() == 5 * 4
    assert ItemFinding.objects.count() == 5 * 4 * ITEMS
    # Each round: four of the five units started a report (the fifth of a closed round never did).
    assert UnitReport.objects.count() == 3 * 4 + 5
    assert OverallReport.objects.filter(state="approved").count() == 2
    # What the generator says it wrote is what is there.
    assert generated["disclosures.EntryVersion"] == EntryVersion.objects.count()
    assert generated["disclosures.Review"] == Review.objects.count()
    assert generated["channels.Submission"] == Submission.objects.count()
    assert generated["monitoring.FindingOverride"] == FindingOverride.objects.count() > 0
    # Every version has its author among its editors; every decision has one review.
    assert EntryVersion.editors.through.objects.count() == EntryVersion.objects.count()
    decided = EntryVersion.objects.filter(decided_at__isnull=False).count()
    assert Review.objects.count() == decided
    assert EntryVersion.objects.count() > 5 * ITEMS  # two fiscal years: several versions per entry


@pytest.mark.django_db
def test_the_register_agrees_with_its_versions(generated: dict[str, int]) -> None:
    assert generated
    items = list(ChecklistItem.objects.filter(checklist__is_active=True, retired=False))
    assert len(items) == ITEMS
    units = Organization.objects.filter(kind="unit")
    pairs = set(Entry.objects.values_list("organization_id", "item_id"))
    assert pairs == {(unit.pk, item.pk) for unit in units for item in items}

    versions = defaultdict(list)
    for version in EntryVersion.objects.order_by("entry_id", "number"):
        versions[version.entry_id].append(version)
    states: Counter[str] = Counter()
    for entry in Entry.objects.select_related("item"):
        history = versions.get(entry.pk, [])
        assert [v.number for v in history] == list(range(1, len(history) + 1))
        approved = [v for v in history if v.state == "approved"]
        if approved:
            newest = approved[-1]
            assert entry.published_version_id == newest.pk
            assert entry.last_approved_at == newest.decided_at == newest.published_at
            assert entry.next_review_due == next_review_due(
                entry.item.currency_rule, timezone.localdate(newest.decided_at)
            )
            assert all(v.superseded_at is not None for v in approved[:-1])
            assert newest.superseded_at is None
        else:
            assert (entry.published_version_id, entry.last_approved_at, entry.next_review_due) == (None, None, None)
        in_progress = [v for v in history if v.state in ("draft", "submitted")]
        assert len(in_progress) <= 1
        last = history[-1] if history else None
        if last is not None and last.state != "approved":
            assert (entry.open_version_id, entry.open_state) == (last.pk, last.state)
        else:
            assert (entry.open_version_id, entry.open_state) == (None, "")
        for version in history:
            states[version.state] += 1
            assert version.created_at <= version.updated_at
            if version.submitted_at:
                assert version.created_at < version.submitted_at
            if version.decided_at:
                assert version.submitted_at is not None
                assert version.submitted_at < version.decided_at
    assert set(states) >= {"approved", "returned"}
    reviews = Counter(Review.objects.values_list("decision", flat=True))
    assert reviews["approve"] == states["approved"]
    assert reviews["return"] == states["returned"]
    # No reviewer decided on a version they wrote (measure 5.2's separation of duties).
    assert not Review.objects.filter(reviewer_id=models_author()).exists()


def models_author():  # type: ignore[no-untyped-def]
    from django.db.models import OuterRef, Subquery

    return Subquery(EntryVersion.objects.filter(pk=OuterRef("version_id")).values("created_by_id")[:1])


@pytest.mark.django_db
def test_checks_have_18_findings_and_their_score(generated: dict[str, int]) -> None:
    assert generated
    weights = dict(ChecklistItem.objects.values_list("pk", "weight"))
    for check in SiteCheck.objects.annotate(n=Count("findings")):
        assert check.n == ITEMS
        findings = ItemFinding.objects.filter(site_check=check)
        expected = ScoreRule().site((weights[f.item_id], ItemStatus(f.status), f.current) for f in findings)
        assert float(check.score) == expected
        assert check.website is not None
        assert check.url == check.website.url
    for override in FindingOverride.objects.select_related("finding"):
        assert override.reason
        assert override.finding.status != "found"


@pytest.mark.django_db
def test_unit_reports_have_the_intended_mix(generated: dict[str, int]) -> None:
    assert generated
    by_round: dict[str, Counter[str]] = {}
    for rnd in Round.objects.all():
        reports = UnitReport.objects.filter(round=rnd)
        mix: Counter[str] = Counter()
        for report in reports:
            history = list(UnitReportVersion.objects.filter(report=report).order_by("number"))
            assert report.current_version_id == history[-1].pk
            assert report.state == history[-1].state
            submitted = [v for v in history if v.submitted_at]
            assert report.first_submitted_at == (submitted[0].submitted_at if submitted else None)
            for version in submitted:
                assert version.late == (timezone.localdate(version.submitted_at) > rnd.deadline)
                assert version.approved_by_id is not None
            assert report.late == (submitted[0].late if submitted else False)
            assert history[0].facts["round"] == rnd.code
            assert history[0].facts["unit"]["slug"] == report.organization.slug
            assert len(history[0].facts["items"]) == ITEMS
            label = "+".join(v.state for v in history) + ("/late" if report.late else "")
            mix[label] += 1
        missing = Organization.objects.filter(kind="unit").exclude(unit_reports__round=rnd).count()
        if missing:
            mix["missing"] = missing
        by_round[rnd.code] = mix
    closed = Counter({"accepted": 1, "accepted/late": 1, "returned+submitted": 1, "returned": 1, "missing": 1})
    for code in ("2568-6", "2568-12", "2569-6"):
        assert by_round[code] == closed, code
    assert by_round["2569-12"] == Counter(
        {"draft": 1, "awaiting_approval": 1, "submitted": 1, "accepted": 1, "returned+draft": 1}
    )
    returned = UnitReportVersion.objects.filter(state="returned")
    assert returned.exists()
    assert all(version.decision_comment for version in returned)


@pytest.mark.django_db
def test_generating_twice_is_refused(generated: dict[str, int]) -> None:
    assert generated
    with pytest.raises(AlreadyGenerated):
        generate(units=1, seed=1)


MEASURES = frozenset(
    {
        "overall_facts", "overall_compile", "overall_xlsx", "executive_page", "overall_page", "round_page",
        "unit_prefill", "department_matrix", "monitor_overview", "matrix_page", "overview_page",
    }
)  # fmt: skip


@pytest.mark.django_db
def test_the_harness_times_every_measure_and_leaves_the_database_as_it_was(
    generated: dict[str, int], tmp_path: Path
) -> None:
    # The 100-unit PDF runs in a child process on a database of its own; the PDFs are tested in tests/reports.
    from bench.national.harness import Options, run_all

    assert generated
    out = tmp_path / "results.json"
    options = Options(
        database_url="postgres://bench@127.0.0.1:5432/bench", units=UNITS, seed=2569, runs=1, pdf_units=100,
        only=MEASURES, json_path=out, child=False,
    )  # fmt: skip
    run_all(options, {"reused": True, "units": UNITS})

    results = json.loads(out.read_text())
    measures = {m["key"]: m for m in results["measures"]}
    assert {key: m["status"] for key, m in measures.items() if key in MEASURES} == dict.fromkeys(MEASURES, "ok")
    assert measures["overall_facts"]["extra"]["units_in_facts"] == UNITS
    assert measures["department_matrix"]["extra"]["units"] == UNITS + 1  # the department's own row too
    assert measures["monitor_overview"]["extra"]["units"] == UNITS + 1
    # Every compile was rolled back: the round still has no overall report.
    assert not OverallReport.objects.filter(round__fiscal_year=2569).exists()
