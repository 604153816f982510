"""Notification tasks: enqueued only after commit, e-mailing exactly the right people."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from prongsai.disclosures.models import Entry, EntryVersion
from prongsai.disclosures.services import Verdicts, version_approve, version_return, version_save_draft, version_submit
from prongsai.notifications.recipients import editors_of, reviewers_of
from prongsai.notifications.tasks import notify_decision, notify_review_requested
from prongsai.organizations.models import Role
from prongsai.organizations.services import review_group_create, role_assign
from tests.register.conftest import ALL_PASS, NOW, World, build_world, content_for, make_person

from ..callbacks import app_callbacks


def _draft(world: World, code: str, editor: str = "editor_a") -> EntryVersion:
    return version_save_draft(
        actor=world.person(editor), entry=world.entry(world.unit_a, code), content=content_for(code), now=NOW
    )


def _submitted(world: World, code: str) -> EntryVersion:
    return version_submit(actor=world.person("editor_a"), version=_draft(world, code), now=NOW)


def _grant(world: World, role: Role, username: str, org: str = "unit_a", **person: Any) -> Any:
    user = make_person(username, **person)
    role_assign(actor=world.person("root"), role=role, organization=world.org(org), user=user)
    return user


def _addresses() -> list[str]:
    assert all(len(message.to) == 1 for message in mail.outbox)
    return sorted(message.to[0] for message in mail.outbox)


# --- enqueued on commit -------------------------------------------------------------------------------------


def test_submit_enqueues_the_review_request_only_on_commit(
    world: World, task_backend: Any, django_capture_on_commit_callbacks: Any
) -> None:
    version = _draft(world, "P.1")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version_submit(actor=world.person("editor_a"), version=version, now=NOW)
    assert len(app_callbacks(callbacks)) == 1
    assert task_backend.results == []
    app_callbacks(callbacks)[0]()
    [result] = task_backend.results
    assert (result.task.name, result.args, result.kwargs) == ("notify_review_requested", [version.pk], {})
    assert mail.outbox == []  # the dummy backend only records


@pytest.mark.parametrize("decision", ["approve", "return"])
def test_a_decision_enqueues_the_editor_notice_on_commit(
    world: World, task_backend: Any, django_capture_on_commit_callbacks: Any, decision: str
) -> None:
    version = _submitted(world, "M.1")
    task_backend.results.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        if decision == "approve":
            version_approve(actor=world.person("reviewer3_a"), version=version, verdicts=ALL_PASS, now=NOW)
        else:
            version_return(
                actor=world.person("reviewer3_a"),
                version=version,
                verdicts=Verdicts(True, False, True, comment="x"),
                now=NOW,
            )
    # The notice, and on approval the public edition's reminder to this process (see publication.selectors).
    assert len(app_callbacks(callbacks)) == (2 if decision == "approve" else 1)
    assert [(r.task.name, r.args) for r in task_backend.results] == [("notify_decision", [version.pk])]


def test_drafts_withdrawals_and_discards_notify_nobody(world: World, django_capture_on_commit_callbacks: Any) -> None:
    from prongsai.disclosures.services import version_discard, version_withdraw

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        version = _draft(world, "M.2")
    assert app_callbacks(callbacks) == []
    version_submit(actor=world.person("editor_a"), version=version, now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        version_withdraw(actor=world.person("editor_a"), version=version, now=NOW)
        version_discard(actor=world.person("editor_a"), version=version, now=NOW)
    assert app_callbacks(callbacks) == []
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_committed_submission_sends_mail_and_a_rolled_back_one_does_not() -> None:
    world = build_world()
    editor = world.person("editor_a")
    version = version_save_draft(
        actor=editor, entry=world.entry(world.unit_a, "M.2"), content=content_for("M.2"), now=NOW
    )
    version_submit(actor=editor, version=version, now=NOW)  # commits on its own (no test transaction here)
    assert _addresses() == ["reviewer4_a@example.go.th"]

    mail.outbox.clear()
    other = version_save_draft(
        actor=editor, entry=world.entry(world.unit_a, "M.1"), content=content_for("M.1"), now=NOW
    )

    def submit_then_fail() -> None:
        with transaction.atomic():
            version_submit(actor=editor, version=other, now=NOW)
            raise RuntimeError("later failure")

    with pytest.raises(RuntimeError, match="later failure"):
        submit_then_fail()
    assert mail.outbox == []
    other.refresh_from_db()
    assert other.state == "draft"


# --- who hears about it -------------------------------------------------------------------------------------


def test_review_requests_reach_direct_and_group_reviewers_of_the_step_only(
    world: World, entry_links: Callable[[Entry], str]
) -> None:
    root = world.person("root")
    member = make_person("group_member_2")
    world.group.members.add(
        member, make_person("group_inactive", is_active=False), make_person("group_no_email", email="")
    )
    _grant(world, Role.REVIEWER_2, "reviewer2_inactive", is_active=False)
    _grant(world, Role.REVIEWER_2, "reviewer2_b", org="unit_b")
    _grant(world, Role.REVIEWER_2, "reviewer2_dept", org="department")
    other_group = review_group_create(
        actor=root, organization=world.unit_a, name_th="กลุ่มคู่มือ", members=[make_person("manuals_member")]
    )
    role_assign(actor=root, role=Role.REVIEWER_3, organization=world.unit_a, group=other_group)
    # Someone both in the group and directly assigned hears once.
    role_assign(actor=root, role=Role.REVIEWER_2, organization=world.unit_a, user=member)

    version = _submitted(world, "P.1")
    mail.outbox.clear()
    assert notify_review_requested.call(version.pk) == 3
    assert _addresses() == [
        "group_member_2@example.go.th",
        "group_reviewer@example.go.th",
        "reviewer2_a@example.go.th",
    ]
    entry = world.entry(world.unit_a, "P.1")
    for message in mail.outbox:
        assert message.subject == "[Prongsai] รอตรวจสอบ P.1 สรุปผลการจัดซื้อจัดจ้างรายเดือน — กองเกษตร"
        assert message.body.endswith(f"\n\n{entry_links(entry)}\n")
    assert sorted(u.username for u in reviewers_of(world.unit_a.pk, 2)) == [
        "group_member_2",
        "group_no_email",
        "group_reviewer",
        "reviewer2_a",
    ]
    assert sorted(u.username for u in reviewers_of(world.unit_a.pk, 3)) == ["manuals_member", "reviewer3_a"]


def test_decisions_reach_the_units_active_editors_with_an_address(
    world: World, entry_links: Callable[[Entry], str]
) -> None:
    _grant(world, Role.EDITOR, "editor_a2")
    _grant(world, Role.EDITOR, "editor_inactive", is_active=False)
    _grant(world, Role.EDITOR, "editor_no_email", email="")
    version = _submitted(world, "M.2")
    version_return(
        actor=world.person("reviewer4_a"), version=version, verdicts=Verdicts(True, True, False, comment="เก่า"), now=NOW
    )
    mail.outbox.clear()

    assert notify_decision.call(version.pk) == 2
    assert _addresses() == ["editor_a2@example.go.th", "editor_a@example.go.th"]
    assert mail.outbox[0].subject == "[Prongsai] M.2 ส่งกลับให้แก้ไข — กองเกษตร"
    assert sorted(u.username for u in editors_of(world.unit_a.pk)) == ["editor_a", "editor_a2", "editor_no_email"]


def test_nobody_to_tell_sends_nothing(world: World) -> None:
    version = _submitted(world, "M.2")
    mail.outbox.clear()
    from prongsai.organizations.models import RoleAssignment

    RoleAssignment.objects.filter(role=Role.REVIEWER_4).delete()
    assert notify_review_requested.call(version.pk) == 0
    assert mail.outbox == []


def test_the_immediate_backend_runs_the_task_and_reports_its_count(world: World) -> None:
    version = _submitted(world, "G.1")
    mail.outbox.clear()
    result = notify_review_requested.enqueue(version.pk)
    assert (result.status, result.return_value, result.errors) == ("SUCCESSFUL", 1, [])
    assert _addresses() == ["reviewer1_a@example.go.th"]


def test_loading_history_without_notifications(world: World, django_capture_on_commit_callbacks: Any) -> None:
    version = _draft(world, "M.1")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        version_submit(actor=world.person("editor_a"), version=version, now=NOW, notify=False)
        version_return(
            actor=world.person("reviewer3_a"),
            version=version,
            verdicts=Verdicts(True, False, True, comment="x"),
            now=NOW,
            notify=False,
        )
    assert app_callbacks(callbacks) == []
    assert mail.outbox == []
    version.refresh_from_db()
    assert version.state == "returned"
