"""`manage.py demo`: the department loaded once via audited services, every status and role, working sign-ins."""

import base64
import datetime as dt
import socket
from collections import Counter
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.audit.models import AuditEvent
from prongsai.checklists.models import Checklist
from prongsai.demo.builder import demo_counts
from prongsai.disclosures.models import Document, Entry, EntryVersion, Review
from prongsai.disclosures.richtext import html_to_text
from prongsai.disclosures.selectors import department_matrix, entry_status_of
from prongsai.disclosures.workflow import EntryStatus
from prongsai.monitoring.models import FindingOverride, ItemFinding, SiteCheck
from prongsai.notifications.models import Delivery, Notice
from prongsai.organizations.access import access_scope_for
from prongsai.organizations.models import Organization, ReviewGroup, Role, RoleAssignment
from prongsai.reports.models import OverallReport, Round, UnitReport, UnitReportVersion
from tests.signin.verified import login_verified


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The demo units' websites are served here while the demo records its checks (a port no one uses).
SITES = f"http://127.0.0.1:{_free_port()}/sites/"


def _credential_rows(text: str) -> dict[str, str]:
    """Return username → password from the credentials table (username first, password last on each row)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("username ")) + 2
    return {line.split()[0]: line.split()[-1] for line in lines[start:] if line.strip()}


def _check_structure() -> None:
    department = Organization.objects.get(slug="ops")
    assert department.kind == Organization.Kind.DEPARTMENT
    assert department.name_th == "สำนักงานปลัดกระทรวงการคลัง"
    units = Organization.objects.filter(kind=Organization.Kind.UNIT)
    assert units.count() == 32
    assert set(units.values_list("parent__slug", flat=True)) == {"ops"}
    assert units.filter(is_support_unit=True).exists()
    assert units.filter(is_support_unit=False).exists()
    for organization in Organization.objects.prefetch_related("websites"):
        assert organization.slug.isascii()
        assert [w.url for w in organization.websites.all()] == [f"{SITES}{organization.slug}/"]
    checklist = Checklist.objects.get(is_active=True)
    assert checklist.items.count() == 18
    assert Entry.objects.count() == 33 * 18


def _check_roles() -> None:
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    ops_roles = set(RoleAssignment.objects.filter(organization__slug="ops").values_list("role", flat=True))
    assert ops_roles == set(Role.values)  # the department has every role, its own editor included
    for unit in Organization.objects.filter(kind=Organization.Kind.UNIT):
        unit_roles = set(unit.role_assignments.values_list("role", flat=True))
        expected = {Role.EDITOR, Role.SUPERVISOR, Role.REPORTER, Role.REVIEWER_1, Role.REVIEWER_2, Role.REVIEWER_3}
        assert expected | {Role.REVIEWER_4} <= unit_roles, unit.slug
    grouped = RoleAssignment.objects.filter(group__isnull=False)
    assert set(grouped.values_list("role", flat=True)) == {Role.REVIEWER_2, Role.REVIEWER_4}
    assert all(group.members.count() == 2 for group in ReviewGroup.objects.all())
    assert RoleAssignment.objects.filter(role=Role.REVIEWER_2, user__isnull=False).exists()  # persons elsewhere
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff
    assert admin.is_superuser


def _check_statuses() -> None:
    today = timezone.localdate()
    admin = get_user_model().objects.get(username="admin")
    matrix = department_matrix(scope=access_scope_for(admin), today=today)
    assert len(matrix.rows) == 33
    assert all(matrix.totals[status] >= 1 for status in EntryStatus), matrix.totals
    assert matrix.totals[EntryStatus.PUBLISHED] > sum(matrix.totals.values()) / 2  # most items published
    entries = list(Entry.objects.select_related("item"))
    assert {entry_status_of(entry, today) for entry in entries} == set(EntryStatus)


def _check_content() -> None:
    published_statements = EntryVersion.objects.filter(entry__item__code="5.1.3", state="approved", superseded_at=None)
    assert published_statements.exists()
    for version in published_statements:
        assert html_to_text(version.body_th)
        assert html_to_text(version.body_en)
    declarations = EntryVersion.objects.filter(entry__item__code="5.1.7.3", nothing_to_publish=True)
    assert declarations.exists()
    assert all("ไม่มีการจัดซื้อจัดจ้าง" in v.nothing_note_th for v in declarations)
    assert EntryVersion.objects.exclude(url_th="").filter(url_th__startswith=SITES).exists()
    # Multi-version histories: a later version re-approved, a returned version followed by a corrected one.
    assert Entry.objects.filter(published_version__number__gte=2).exists()
    returned = EntryVersion.objects.filter(state="returned")
    assert returned.exists()
    assert EntryVersion.objects.filter(based_on__in=returned, state="approved").exists()
    assert all(r.comment for r in Review.objects.filter(decision="return"))
    media_types = set(Document.objects.values_list("media_type", flat=True))
    assert media_types == {"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _check_audit() -> None:
    """Every write but the people themselves went through a service and left its audit event."""
    actions = Counter(AuditEvent.objects.values_list("action", flat=True))
    assert actions["checklist.create"] == actions["checklist.activate"] == 1
    assert actions["organization.create"] == Organization.objects.count()
    assert actions["review_group.create"] == ReviewGroup.objects.count()
    assert actions["role.assign"] == RoleAssignment.objects.count()
    assert actions["entry.draft_create"] == EntryVersion.objects.count()
    assert actions["entry.approve"] == actions["entry.publish"] == Review.objects.filter(decision="approve").count()
    assert actions["entry.return"] == Review.objects.filter(decision="return").count()
    assert actions["entry.submit"] >= actions["entry.approve"] + actions["entry.return"]
    assert actions["entry.withdraw"] >= 1
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()


def _check_credentials(path: Path, printed: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o077 == 0
    rows = _credential_rows(text)
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert set(rows) == usernames
    assert {"admin", "executive", "ict.monitor", "cao.editor", "cmi.editor"} <= usernames
    assert all(len(password) >= 12 for password in rows.values())
    assert len(set(rows.values())) == len(rows)
    request = RequestFactory().post("/login/")
    for username, password in rows.items():
        user: Any = authenticate(request, username=username, password=password)
        assert user is not None, username
        assert user.username == username
        assert user.email == f"{username}@mof-demo.example"
        assert user.full_name_th
        assert user.full_name_en
        assert user.position_th
    assert text.split("\n\n", 1)[1] in printed  # the same table was printed
    _check_second_factors(text)


def _check_second_factors(text: str) -> None:
    """Administrators and ICT monitors have an authenticator set up, its key printed above the table."""
    section = text.split("manage.py demo_code USERNAME`:\n", 1)[1].split("\n\n", 1)[0]
    keys = {line.split(None, 1)[0]: line.split(None, 1)[1].replace(" ", "") for line in section.splitlines()}
    assert set(keys) == {"admin", "ict.monitor", "ict.monitor2"}
    for username, key in keys.items():
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert base64.b32encode(device.bin_key).decode() == key
    assert AuditEvent.objects.filter(action="two_factor.enrolment_confirm").count() == 3


def _check_monitor(evidence_root: Path) -> None:
    """Every unit's demo site was checked for real twice, last round and now, with evidence; one override."""
    checks = SiteCheck.objects.all()
    assert checks.count() == 66
    assert set(checks.values_list("state", flat=True)) == {"done"}
    assert all(check.findings.count() == 18 for check in checks)
    last_round = timezone.now() - dt.timedelta(days=150)
    assert checks.filter(finished_at__lt=last_round).count() == 33
    latest = checks.filter(finished_at__gt=timezone.now() - dt.timedelta(days=1))
    assert all(check.pages >= 4 for check in latest)
    assert all((evidence_root / check.evidence_path).stat().st_size > 0 for check in checks)
    statuses = Counter(ItemFinding.objects.filter(site_check__in=latest).values_list("status", flat=True))
    assert statuses["found"] > statuses["partial"] > 0
    assert statuses["not_found"] > 0
    # The sites that show a placeholder instead of an item they published are caught.
    placeholder = ItemFinding.objects.get(
        site_check__in=latest, site_check__organization__slug="nma", item__code="5.1.1.3"
    )
    assert placeholder.status == "partial"
    override = FindingOverride.objects.get()
    assert override.created_by.username == "ict.monitor"
    assert AuditEvent.objects.filter(action="monitor.override").count() == 1


def _username(person: Any) -> str | None:
    return person.username if person is not None else None


def _expected_rounds(today: dt.date) -> tuple[str, dt.date, str, dt.date]:
    """Return the completed round's code and deadline and the open round's, worked out by hand from today.

    The fiscal year begins on 1 October and its BE number is the CE year of its end plus 543; the
    newest fiscal year whose 12-month round ended before today is the one before today's.
    """
    this_year_be = today.year + 543 + (1 if today.month >= 10 else 0)
    year = this_year_be - 1
    ce_end = year - 543  # the CE year in which round F-6 (31 March) and round F-12 (30 September) end
    six_deadline = dt.date(ce_end, 4, 30)  # 31 March + 30 days
    twelve_end = dt.date(ce_end, 9, 30)
    twelve_deadline = min(max(dt.date(ce_end, 11, 29), today + dt.timedelta(days=21)), twelve_end + dt.timedelta(366))
    return f"{year}-6", six_deadline, f"{year}-12", twelve_deadline


def _check_rounds() -> None:
    """A completed 6-month round with every kind of unit report and an approved overall report; an open 12-month one."""
    six_code, six_deadline, twelve_code, twelve_deadline = _expected_rounds(timezone.localdate())
    completed, running = Round.objects.order_by("opened_at")
    assert (completed.code, completed.state, completed.deadline) == (six_code, "closed", six_deadline)
    assert (running.code, running.state, running.deadline) == (twelve_code, "open", twelve_deadline)
    assert timezone.localdate(completed.opened_at) == dt.date(six_deadline.year, 3, 21)
    assert timezone.localdate(completed.closed_at) == dt.date(six_deadline.year, 5, 14)
    assert timezone.localdate(running.opened_at) == dt.date(six_deadline.year, 9, 20)
    assert {_username(completed.opened_by), _username(completed.closed_by), _username(running.opened_by)} == {
        "ict.monitor"
    }

    reports = UnitReport.objects.filter(round=completed)
    kinds = Counter((r.state, r.late, r.versions.count()) for r in reports)
    assert kinds == {
        ("accepted", False, 1): 22,  # submitted on time and accepted
        ("accepted", True, 1): 3,  # approved by the head after the deadline
        ("accepted", False, 2): 2,  # returned, corrected and resubmitted
        ("returned", False, 1): 2,  # returned and not corrected
        ("draft", False, 1): 1,  # missing: a draft never sent
        ("awaiting_approval", False, 1): 1,  # missing: left with the head
    }
    assert Organization.objects.filter(kind="unit").exclude(unit_reports__round=completed).count() == 1  # never started
    late = reports.filter(late=True)
    assert all(timezone.localdate(r.first_submitted_at) > six_deadline for r in late)
    assert all(
        timezone.localdate(r.first_submitted_at) <= six_deadline for r in reports.filter(state="accepted", late=False)
    )
    corrected = [r for r in reports if r.versions.count() == 2]
    for report in corrected:
        first, second = report.versions.order_by("number")
        assert first.state == "returned"
        assert _username(first.decided_by) == "ict.monitor"
        assert first.decision_comment
        assert second.state == "accepted"
        assert second.narrative_th.startswith(first.narrative_th.split("\n")[0][:20])
        assert second.narrative_th != first.narrative_th
        assert "คำชี้แจงเพิ่มเติม" in second.narrative_th
        assert "Further explanation" in second.narrative_en
    for version in UnitReportVersion.objects.filter(report__round=completed):
        assert version.narrative_th.startswith("ณ วันที่ ")
        assert version.narrative_en.startswith("On ")
        assert version.actions_th.startswith("1. ")
        assert version.actions_en.startswith("1. ")
        assert version.report.organization.name_th in version.narrative_th
    assert all(
        r.current_version is not None and _username(r.current_version.approved_by) == f"{r.organization.slug}.head"
        for r in reports.filter(state="accepted")
    )

    overall = OverallReport.objects.get()
    assert overall.round == completed
    assert overall.state == "approved"
    assert overall.created_by.username == "ict.monitor"
    assert _username(overall.approved_by) == "ops.supervisor"
    assert _username(overall.sent_by) == "ict.monitor"
    assert overall.facts["round"] == six_code
    assert overall.facts["cut_off"] == dt.date(six_deadline.year, 3, 31).isoformat()
    assert overall.facts["headline"]["reported"] == 29
    assert overall.facts["headline"]["late"] == 3
    assert len(overall.facts["not_reported"]) == 3
    assert overall.summary_th.startswith("ณ วันที่ 31 มีนาคม ")
    assert overall.summary_en.startswith("On 31 March ")
    recommendations = overall.recommendations.order_by("position")
    edited = [r for r in recommendations if r.edited_by_id is not None]
    assert [r.position for r in edited] == [1, 2]
    assert {_username(r.edited_by) for r in edited} == {"ict.monitor2"}
    assert all(r.text_th.endswith("ให้ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารติดตามผลทุกเดือน") for r in edited)
    assert all(r.text_th == r.generated_th for r in recommendations if r.edited_by_id is None)
    approval = AuditEvent.objects.get(action="overall_report.approve")
    assert approval.data["recommendations"] == recommendations.filter(included=True).count() == recommendations.count()
    assert recommendations.count() >= 3

    states = Counter(UnitReport.objects.filter(round=running).values_list("state", flat=True))
    assert states == {"draft": 3, "awaiting_approval": 2, "submitted": 1}

    actions = Counter(AuditEvent.objects.filter(action__startswith="round.").values_list("action", flat=True))
    assert actions == {"round.open": 2, "round.close": 1}
    report_actions = Counter(
        AuditEvent.objects.filter(action__startswith="unit_report.").values_list("action", flat=True)
    )
    assert report_actions["unit_report.start"] == 31 + 6
    assert report_actions["unit_report.return"] == 4
    assert report_actions["unit_report.correct"] == 2
    assert report_actions["unit_report.send_back"] == 2
    assert report_actions["unit_report.accept"] == 27
    assert report_actions["unit_report.approve"] == 22 + 3 + 2 * 2 + 2 + 1
    assert AuditEvent.objects.filter(action="overall_report.recommendation_edit").count() == 2
    # History tells no one: no notice, no delivery, no task waiting to e-mail.
    assert not Notice.objects.exists()
    assert not Delivery.objects.exists()
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.exists()


def _check_round_pages() -> None:
    """The demo's people reach the rounds' pages: ICT Center, a unit's reporter and head, the supervisor, executives."""
    completed, running = Round.objects.order_by("opened_at")
    people = {p.username: p for p in get_user_model().objects.all()}
    returned = UnitReport.objects.filter(round=completed, state="returned").order_by("organization__slug").first()
    assert returned is not None
    slug = returned.organization.slug
    visits = [
        ("ict.monitor", reverse("reports:round", args=[completed.code])),
        ("ict.monitor", reverse("reports:round", args=[running.code])),
        (f"{slug}.general", reverse("reports:unit_report", args=[completed.code, slug])),
        (f"{slug}.head", reverse("reports:unit_report", args=[completed.code, slug])),
        ("ops.supervisor", reverse("overall:report", args=[completed.code])),
        ("executive", reverse("overall:executive", args=[completed.code])),
        ("ops.supervisor", reverse("overall:executive", args=[completed.code])),
    ]
    for username, url in visits:
        client = login_verified(Client(), people[username])
        page = client.get(url)
        assert page.status_code == 200, (username, url)
    assert returned.current_version is not None
    comment = returned.current_version.decision_comment
    page = login_verified(Client(), people[f"{slug}.general"]).get(
        reverse("reports:unit_report", args=[completed.code, slug])
    )
    assert comment in page.text
    other = Organization.objects.filter(kind="unit").exclude(slug=slug).order_by("slug").first()
    assert other is not None
    refused = login_verified(Client(), people[f"{other.slug}.general"]).get(
        reverse("reports:unit_report", args=[completed.code, slug])
    )
    assert refused.status_code == 403


@pytest.mark.django_db
def test_demo_loads_the_department_once_through_audited_services(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    settings.PRONGSAI_DEMO_SITES_URL = SITES
    settings.PRONGSAI_MONITOR_EVIDENCE_ROOT = tmp_path / "evidence"
    out = StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    assert "Demo loaded" in printed
    assert "Not as planned" not in printed
    assert "Website checks recorded: 66," in printed

    _check_structure()
    _check_roles()
    _check_statuses()
    _check_content()
    _check_audit()
    _check_credentials(tmp_path / "demo-credentials.txt", printed)
    _check_monitor(tmp_path / "evidence")
    _check_rounds()
    _check_round_pages()
    assert "2 reporting rounds, 37 unit reports, 1 overall reports" in printed

    before = demo_counts()
    again = StringIO()
    call_command("demo", stdout=again)
    assert "already loaded" in again.getvalue()
    assert _credential_rows(again.getvalue()) == _credential_rows((tmp_path / "demo-credentials.txt").read_text())
    assert demo_counts() == before


@pytest.mark.django_db
def test_demo_refuses_to_load_over_existing_sign_in_names(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    get_user_model().objects.create_user(username="admin", password="not-the-demo-one")
    with pytest.raises(CommandError, match="admin"):
        call_command("demo", stdout=StringIO())
    assert not Organization.objects.exists()
    assert not (tmp_path / "demo-credentials.txt").exists()


def test_demo_pdfs_keep_the_thai_they_were_written_with() -> None:
    import pymupdf

    from prongsai.demo.documents import pdf_bytes

    title = "ประกาศเจตจำนงสุจริตในการบริหารงาน\nประจำปีงบประมาณ พ.ศ. 2570"
    paragraph = "ข้าพเจ้า ผู้อำนวยการสำนักบริหารกลาง ขอประกาศเจตจำนงว่าจะปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต"
    footer = "ข้อมูล ณ วันที่ 1 ตุลาคม 2569"
    with pymupdf.open(stream=pdf_bytes(title, [paragraph], footer), filetype="pdf") as document:
        text = document[0].get_text()
    words = " ".join(text.split())
    assert words == " ".join(f"{title} {paragraph} {footer}".split())


@pytest.mark.django_db
def test_demo_code_prints_the_current_code_on_development_settings_only(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = get_user_model().objects.create_user("ict.monitor", password="x" * 12)
    # The RFC 6238 test key ("12345678901234567890") and its published SHA-1 code at 59 s: 94287082.
    TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=True, key="3132333435363738393031323334353637383930", digits=8
    )
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development settings"):
        call_command("demo_code", "ict.monitor")
    settings.DEBUG = True
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(1970, 1, 1, 0, 0, 59, tzinfo=dt.UTC))
    out = StringIO()
    call_command("demo_code", "ict.monitor", stdout=out)
    assert out.getvalue() == "94287082\n"
