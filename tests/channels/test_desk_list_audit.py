"""The desk list shows subjects (personal data): every page of it shown is audited, without them."""

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from prongsai.audit.models import AuditEvent
from prongsai.channels.services import submission_list_view
from tests.register.conftest import events_after, last_sequence

from ..signin.verified import login_verified
from .conftest import NOW, World, sample, send

NO_FILTERS = {"kind": "", "status": "", "unit": "", "overdue": False}


def desk_list(language: str = "en") -> str:
    with translation.override(language):
        return reverse("channel_desk:list")


def client_for(world: World, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def summary(event: AuditEvent) -> tuple[str, str, str, str, int | None, dict[str, Any]]:
    return (event.action, event.actor_label, event.object_type, event.object_id, event.organization_id, event.data)


def test_each_list_page_shown_records_who_which_filters_and_which_cases(world: World) -> None:
    older = send(world.unit_a, ip="1", now=NOW)
    newer = send(world.unit_a, sample(subject="ถนนชำรุดหน้าบ้านนายสมชาย"), ip="2", now=NOW + dt.timedelta(minutes=1))
    opinion = send(world.unit_a, sample("opinion"), ip="3", now=NOW + dt.timedelta(minutes=2))
    client = client_for(world, "reviewer4_a")
    mark = last_sequence()
    assert client.get(desk_list()).status_code == 200
    assert client.get(desk_list(), {"kind": "complaint", "overdue": "1", "page": "1"}).status_code == 200
    assert [summary(event) for event in events_after(mark)] == [
        (
            "channel.view_list",
            "reviewer4_a",
            "",
            "",
            None,
            {"filters": NO_FILTERS, "page": 1, "shown": 3, "submissions": [opinion.pk, newer.pk, older.pk]},
        ),
        (
            "channel.view_list",
            "reviewer4_a",
            "",
            "",
            None,
            {
                "filters": {"kind": "complaint", "status": "", "unit": "", "overdue": True},
                "page": 1,
                "shown": 2,
                "submissions": [newer.pk, older.pk],
            },
        ),
    ]
    recorded = json.dumps([event.data for event in events_after(mark)], ensure_ascii=False)
    for personal in ("ถนนชำรุด", "รอคิวนาน", "สมชาย", "somchai", "081"):
        assert personal not in recorded


def test_the_page_shown_is_the_one_recorded(world: World) -> None:
    sent = [send(world.unit_a, ip=str(n), now=NOW + dt.timedelta(minutes=n)) for n in range(27)]
    client = client_for(world, "reviewer4_a")
    mark = last_sequence()
    assert client.get(desk_list(), {"page": "2"}).status_code == 200
    [event] = events_after(mark)
    assert event.data == {"filters": NO_FILTERS, "page": 2, "shown": 2, "submissions": [sent[1].pk, sent[0].pk]}


def test_an_empty_list_is_recorded_too(world: World) -> None:
    client = client_for(world, "ict_monitor")
    mark = last_sequence()
    assert client.get(desk_list(), {"unit": "unit-b"}).status_code == 200
    assert [event.data for event in events_after(mark)] == [
        {"filters": {**NO_FILTERS, "unit": "unit-b"}, "page": 1, "shown": 0, "submissions": []}
    ]


def test_people_who_do_not_handle_channels_are_refused_and_nothing_is_recorded(world: World) -> None:
    client = client_for(world, "editor_a")
    mark = last_sequence()
    assert client.get(desk_list()).status_code == 403
    with pytest.raises(PermissionDenied):
        submission_list_view(actor=world.person("editor_a"), filters=NO_FILTERS, page=1, shown=[])
    assert events_after(mark) == []


def test_the_audited_list_takes_the_same_queries_for_one_case_or_a_full_page(world: World) -> None:
    client = client_for(world, "ict_monitor")
    send(world.unit_a, ip="0")
    client.get(desk_list())
    with CaptureQueriesContext(connection) as one:
        client.get(desk_list())
    for n in range(1, 40):
        send(world.unit_a if n % 2 else world.unit_b, ip=str(n))
    with CaptureQueriesContext(connection) as full:
        response = client.get(desk_list())
    assert len(response.context["rows"]) == 25
    assert len(full.captured_queries) == len(one.captured_queries)
    # The list's own queries: session, user, the second-factor device (an ICT monitor must have one), roles,
    # the units in scope, the count, the page of rows, the unit filter's choices and the person's unread notices
    # (header). The audit event adds its own fixed few (its module decides how many).
    own = [
        q["sql"]
        for q in full.captured_queries
        if "audit_" not in q["sql"] and not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert len(own) == 9
    assert sum("audit_auditevent" in q["sql"] for q in full.captured_queries) == 1
