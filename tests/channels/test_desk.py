"""Staff triage: who sees which cases and personal data, audited views, actions and query counts."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from prongsai.channels.lifecycle import Outcome, Status
from prongsai.channels.models import Submission
from prongsai.channels.services import (
    submission_assign,
    submission_close,
    submission_reply,
    submission_status_set,
    submission_view_personal,
)
from prongsai.organizations.access import Capability, access_scope_for
from tests.register.conftest import events_after, last_sequence
from tests.register.documents import pdf_bytes, upload

from ..signin.verified import login_verified
from .conftest import NOW, World, sample, send


def desk(name: str, language: str = "en", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"channel_desk:{name}", kwargs=kwargs)


def client_for(world: World, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def test_who_holds_the_channels_capability(world: World) -> None:
    holders = {
        username: access_scope_for(world.person(username)).organization_ids(Capability.CHANNELS)
        for username in world.people
    }
    everything = {world.department.pk, world.unit_a.pk, world.unit_b.pk}
    assert {name: ids for name, ids in holders.items() if ids} == {
        "reviewer4_a": {world.unit_a.pk},
        "ict_monitor": everything,
    }


@pytest.mark.parametrize(
    ("username", "sees"),
    [("reviewer4_a", ["unit-a"]), ("ict_monitor", ["unit-b", "unit-a"])],
)
def test_the_list_shows_the_units_the_person_handles(world: World, username: str, sees: list[str]) -> None:
    send(world.unit_a, ip="1", now=NOW)
    send(world.unit_b, ip="2", now=NOW + dt.timedelta(minutes=1))
    response = client_for(world, username).get(desk("list"))
    assert response.status_code == 200
    assert [s.organization.slug for s, _overdue in response.context["rows"]] == sees


@pytest.mark.parametrize(
    "username", ["editor_a", "reviewer1_a", "reviewer2_a", "supervisor_a", "executive", "administrator", "outsider"]
)
def test_others_see_no_cases_and_no_personal_data(world: World, username: str) -> None:
    submission = send(world.unit_a)
    client = client_for(world, username)
    mark = last_sequence()
    assert client.get(desk("list")).status_code == 403
    detail = client.get(desk("detail", pk=submission.pk))
    assert detail.status_code == 403
    assert "สมชาย" not in detail.content.decode()
    assert client.post(desk("reply", pk=submission.pk), {"text": "x", "visibility": "public"}).status_code == 403
    assert events_after(mark) == []
    with pytest.raises(PermissionDenied):
        submission_view_personal(actor=world.person(username), submission=submission)


def test_a_unit_reviewer_cannot_open_another_units_case(world: World) -> None:
    other = send(world.unit_b)
    client = client_for(world, "reviewer4_a")
    assert client.get(desk("detail", pk=other.pk)).status_code == 404
    assert client.post(desk("close", pk=other.pk), {"outcome": "resolved", "note": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "received"
    with pytest.raises(PermissionDenied):
        submission_reply(actor=world.person("reviewer4_a"), submission=other, text="x", public=True)


def test_anonymous_visitors_are_sent_to_sign_in(world: World) -> None:
    response = Client().get(desk("list", "th"))
    assert response.status_code == 302
    assert response["Location"].startswith("/th/workspace/login/")


def test_viewing_personal_data_is_audited(world: World) -> None:
    submission = send(world.unit_a)
    client = client_for(world, "ict_monitor")
    mark = last_sequence()
    response = client.get(desk("detail", pk=submission.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "สมชาย ใจดี" in html
    assert "somchai@example.com" in html
    assert [(e.action, e.actor_label, e.object_id, e.data) for e in events_after(mark)] == [
        ("channel.view_personal", "ict_monitor", str(submission.pk), {"kind": "complaint"})
    ]


def test_attachment_downloads_are_audited(world: World, attachment_root: Any) -> None:
    content = pdf_bytes()
    submission = send(world.unit_a, sample(attachment=upload("หลักฐาน.pdf", content)))
    client = client_for(world, "reviewer4_a")
    mark = last_sequence()
    response = client.get(desk("attachment", pk=submission.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Cache-Control"] == "private, no-store"
    assert [e.action for e in events_after(mark)] == ["channel.download_attachment"]
    assert client_for(world, "editor_a").get(desk("attachment", pk=submission.pk)).status_code == 403


def test_actions_through_the_pages(world: World) -> None:
    submission = send(world.unit_a)
    client = client_for(world, "reviewer4_a")
    monitor = world.person("ict_monitor")
    detail = desk("detail", pk=submission.pk)
    assert client.post(desk("assign", pk=submission.pk), {"assignee": str(monitor.pk)})["Location"] == detail
    client.post(desk("status", pk=submission.pk), {"status": "in_progress"})
    client.post(desk("reply", pk=submission.pk), {"text": "รับเรื่องแล้ว", "visibility": "public"})
    response = client.post(desk("close", pk=submission.pk), {"outcome": "resolved", "note": ""}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The case is assigned.",
        "The status is now “In progress”.",
        "The reply is published on the case's status page.",
        "The case is closed: Resolved.",
    ]
    submission.refresh_from_db()
    assert (submission.status, submission.outcome, submission.assigned_to_id) == ("closed", "resolved", monitor.pk)


def test_an_illegal_change_is_explained(world: World) -> None:
    submission = send(world.unit_a)
    submission_close(actor=world.person("reviewer4_a"), submission=submission, outcome=Outcome.WITHDRAWN, note="ถอน")
    response = client_for(world, "reviewer4_a").post(
        desk("status", pk=submission.pk), {"status": "in_progress"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["A case that is “Closed” cannot become “In progress”."]


def test_close_without_reply_or_note_is_explained(world: World) -> None:
    submission = send(world.unit_a)
    response = client_for(world, "reviewer4_a").post(
        desk("close", pk=submission.pk), {"outcome": "resolved"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Write a closing note for the sender: this case has no public reply yet."
    ]


def test_filters_and_overdue(world: World) -> None:
    handler = world.person("ict_monitor")
    old = send(world.unit_a, ip="1", now=NOW - dt.timedelta(days=60))
    answered_old = send(world.unit_b, sample("opinion"), ip="2", now=NOW - dt.timedelta(days=60))
    submission_reply(actor=handler, submission=answered_old, text="ตอบแล้ว", public=True)
    closed_old = send(world.unit_b, ip="3", now=NOW - dt.timedelta(days=60))
    submission_close(actor=handler, submission=closed_old, outcome=Outcome.RESOLVED, note="เสร็จ")
    fresh = send(world.unit_a, ip="4", now=dt.datetime.now(dt.UTC))
    client = client_for(world, "ict_monitor")

    def listed(query: dict[str, str]) -> list[int]:
        return [s.pk for s, _overdue in client.get(desk("list"), query).context["rows"]]

    assert listed({}) == [fresh.pk, closed_old.pk, answered_old.pk, old.pk]
    assert listed({"overdue": "1"}) == [answered_old.pk, old.pk]
    assert listed({"kind": "opinion"}) == [answered_old.pk]
    assert listed({"status": "closed"}) == [closed_old.pk]
    assert listed({"unit": "unit-a"}) == [fresh.pk, old.pk]
    flags = {s.pk: overdue for s, overdue in client.get(desk("list")).context["rows"]}
    assert flags == {fresh.pk: False, closed_old.pk: False, answered_old.pk: True, old.pk: True}


def test_the_list_takes_a_fixed_number_of_queries(world: World, django_assert_num_queries: Any) -> None:
    client = client_for(world, "ict_monitor")
    send(world.unit_a, ip="0")
    client.get(desk("list"))
    with CaptureQueriesContext(connection) as few:
        client.get(desk("list"))
    handler = world.person("ict_monitor")
    for n in range(1, 30):
        submission = send(world.unit_a if n % 2 else world.unit_b, ip=str(n))
        submission_assign(actor=handler, submission=submission, assignee=handler)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(desk("list"))
    assert len(response.context["rows"]) == 25


def test_the_navigation_link_only_for_handlers(world: World) -> None:
    link = desk("list")
    assert f'href="{link}"' in client_for(world, "reviewer4_a").get(reverse("workspace:home")).content.decode()
    assert f'href="{link}"' not in client_for(world, "editor_a").get(reverse("workspace:home")).content.decode()


def test_status_changes_through_the_service_are_recorded(world: World) -> None:
    submission = send(world.unit_a)
    submission_status_set(actor=world.person("reviewer4_a"), submission=submission, status=Status.ANSWERED)
    submission_status_set(actor=world.person("reviewer4_a"), submission=submission, status=Status.IN_PROGRESS)
    assert Submission.objects.get(pk=submission.pk).status == "in_progress"
