"""The notices page: a person's own notices in their language, unread count in the header, mark read, mute."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from prongsai.notifications.models import Notice, NoticeMute
from tests.register.conftest import World, actions_after, last_sequence
from tests.signin.verified import login_verified

from .notify_world import NOW

PAGE_TH = "/th/workspace/notices/"
PAGE_EN = "/en/workspace/notices/"
LINK = "/th/workspace/units/unit-a/items/G.1/"


def _notice(world: World, person: str, n: int = 1, *, read: bool = False, kind: str = "overdue") -> Notice:
    return Notice.objects.create(
        recipient=world.person(person),
        kind=kind,
        subject_th=f"เลยกำหนดทบทวน {n}",
        subject_en=f"Review overdue {n}",
        body_th=f"ข้อความ {n}\nบรรทัดที่สอง",
        body_en=f"Message {n}\nsecond line",
        link=LINK,
        created_at=NOW + dt.timedelta(minutes=n),
        read_at=NOW if read else None,
    )


def _client(world: World, person: str) -> Client:
    return login_verified(Client(), world.person(person))


def test_a_person_sees_their_own_notices_newest_first_in_the_pages_language(world: World) -> None:
    _notice(world, "editor_a", 1)
    _notice(world, "editor_a", 2, read=True)
    _notice(world, "editor_b", 3)
    client = _client(world, "editor_a")

    english = client.get(PAGE_EN).content.decode()
    assert english.index("Review overdue 2") < english.index("Review overdue 1")
    assert "Review overdue 3" not in english
    assert "Message 1<br>second line" in english
    assert 'href="/en/workspace/units/unit-a/items/G.1/"' in english  # the link follows the page's language
    assert "เลยกำหนดทบทวน" not in english

    thai = client.get(PAGE_TH).content.decode()
    assert "เลยกำหนดทบทวน 1" in thai
    assert f'href="{LINK}"' in thai
    assert "เลยกำหนดทบทวน 3" not in thai


def test_the_header_counts_the_unread_notices_on_every_workspace_page(world: World) -> None:
    _notice(world, "editor_a", 1)
    _notice(world, "editor_a", 2)
    _notice(world, "editor_a", 3, read=True)
    _notice(world, "editor_b", 4)
    client = _client(world, "editor_a")
    home = client.get("/en/workspace/").content.decode()
    assert (
        '<a class="button-ghost" href="/en/workspace/notices/">Notices <span class="badge">2<span class="sr"> unread'
        "</span></span></a>"
    ) in home
    _client(world, "supervisor_a")
    quiet = _client(world, "supervisor_a").get("/en/workspace/").content.decode()
    assert '<a class="button-ghost" href="/en/workspace/notices/">Notices</a>' in quiet


@pytest.mark.parametrize("count", [2, 30])
def test_the_page_takes_fixed_queries(world: World, count: int, django_assert_num_queries: Any) -> None:
    for n in range(count):
        _notice(world, "editor_a", n)
    client = _client(world, "editor_a")
    client.get(PAGE_EN)  # warm the session
    # session, user, the person's second factor, roles (navigation), unread count (header), the count and the
    # page of notices, the person's mutes
    with django_assert_num_queries(8):
        assert client.get(PAGE_EN).status_code == 200


def test_marking_one_read_and_all_read(world: World) -> None:
    first = _notice(world, "editor_a", 1)
    second = _notice(world, "editor_a", 2)
    client = _client(world, "editor_a")
    response = client.post(f"/en/workspace/notices/{first.pk}/read/", {"page": "1"})
    assert (response.status_code, response["Location"]) == (302, "/en/workspace/notices/?page=1")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.read_at is not None, second.read_at) == (True, None)

    response = client.post("/en/workspace/notices/read-all/", follow=True)
    assert "All your notices are marked as read." in response.content.decode()
    assert Notice.objects.filter(recipient__username="editor_a", read_at__isnull=True).count() == 0


def test_nobody_reads_or_marks_anothers_notice(world: World) -> None:
    theirs = _notice(world, "editor_a", 1)
    client = _client(world, "editor_b")
    assert client.post(f"/en/workspace/notices/{theirs.pk}/read/").status_code == 404
    client.post("/en/workspace/notices/read-all/")
    theirs.refresh_from_db()
    assert theirs.read_at is None
    # Not even the ICT Center sees someone else's notices.
    assert "Review overdue 1" not in _client(world, "ict_monitor").get(PAGE_EN).content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(world: World) -> None:
    response = Client().get(PAGE_EN)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/workspace/login/")
    assert Client().post("/en/workspace/notices/read-all/").status_code == 302


def test_links_follow_the_readers_language_even_to_pages_still_to_come() -> None:
    from prongsai.notifications.links import path_in_language

    assert path_in_language(LINK, "en") == "/en/workspace/units/unit-a/items/G.1/"
    assert path_in_language(LINK, "th") == LINK
    assert path_in_language("/th/workspace/reports/2569-6/units/unit-a/", "en") == (
        "/en/workspace/reports/2569-6/units/unit-a/"
    )


def test_reading_the_page_changes_nothing(world: World) -> None:
    notice = _notice(world, "editor_a", 1)
    _client(world, "editor_a").get(PAGE_EN)
    notice.refresh_from_db()
    assert notice.read_at is None
    assert _client(world, "editor_a").get(f"/en/workspace/notices/{notice.pk}/read/").status_code == 405


def test_muting_optional_kinds_from_the_page(world: World) -> None:
    client = _client(world, "editor_a")
    page = client.get(PAGE_EN).content.decode()
    for optional in ("review_due", "digest", "round_deadline"):
        assert f'value="{optional}"' in page
    assert 'value="overdue"' not in page  # mandatory kinds are listed, not offered
    assert "An item&#x27;s review is overdue" in page
    mark = last_sequence()

    response = client.post("/en/workspace/notices/settings/", {"muted": ["review_due", "digest"]}, follow=True)
    assert "Your notice settings were saved." in response.content.decode()
    assert sorted(NoticeMute.objects.values_list("user__username", "kind")) == [
        ("editor_a", "digest"),
        ("editor_a", "review_due"),
    ]
    assert [action for action, _data in actions_after(mark)] == ["notifications.mute"]
    page = client.get(PAGE_EN).content.decode()
    assert 'value="review_due" id="id_muted_0" checked' in page

    client.post("/en/workspace/notices/settings/", {})
    assert NoticeMute.objects.count() == 0


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("/en/workspace/notices/settings/", "This kind of notice cannot be muted: overdue."),
        ("/th/workspace/notices/settings/", "การแจ้งเตือนประเภทนี้ปิดไม่ได้: overdue"),
    ],
)
def test_a_mandatory_kind_cannot_be_muted_from_the_page(world: World, page: str, message: str) -> None:
    client = _client(world, "editor_a")
    response = client.post(page, {"muted": ["review_due", "overdue"]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert NoticeMute.objects.count() == 0
