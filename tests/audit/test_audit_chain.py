"""The audit trail: hash links, the verify command, tamper detection, append-only storage, sign-in events."""

import datetime as dt
import itertools
import threading
from typing import Any

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.audit.chain import (
    GENESIS_HASH,
    ChainMark,
    StoredLink,
    canonical_payload,
    find_first_broken_link,
    link_hash,
)
from prongsai.audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from prongsai.audit.services import audit_record
from tests.audit.trail import T0, broken, intact, record, tamper, verify

PASSWORD = "a long enough passphrase"
# config/settings/test.py's development-only key.
KEY = b"test-only-insecure-audit-key"


# --- the chain --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_event_links_to_the_one_before() -> None:
    events = record(5)
    stored = list(AuditEvent.objects.order_by("sequence"))
    assert [e.sequence for e in stored] == [1, 2, 3, 4, 5]
    assert stored[0].previous_hash == GENESIS_HASH
    for before, after in itertools.pairwise(stored):
        assert after.previous_hash == before.hash
    for event in stored:
        assert event.hash == link_hash(event.previous_hash, event.chain_payload(), key=KEY)
        assert len(event.hash) == 64
    assert [e.hash for e in stored] == [e.hash for e in events]
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_hash) == (5, stored[-1].hash)


@pytest.mark.django_db
def test_an_event_records_who_did_what_to_which_object() -> None:
    user = get_user_model().objects.create_user("somchai", password=PASSWORD)
    before = dt.datetime.now(dt.UTC)
    with transaction.atomic():
        event = audit_record(actor=user, action="test.thing", target=user, organization_id=7, data={"a": 1}, now=T0)
    after = dt.datetime.now(dt.UTC)
    event = AuditEvent.objects.get(pk=event.pk)
    # `now` says when the action took effect; the time of writing is always the server's clock.
    assert before <= event.recorded_at <= after
    assert (event.sequence, event.actor_id, event.actor_label, event.action) == (1, user.pk, "somchai", "test.thing")
    assert (event.object_type, event.object_id, event.organization_id, event.data) == (
        "accounts.user",
        str(user.pk),
        7,
        {"a": 1},
    )
    assert event.occurred_at == T0
    assert event.chain_payload() == {
        "sequence": 1,
        "occurred_at": "2026-03-16T03:00:00+00:00",
        "recorded_at": event.recorded_at.astimezone(dt.UTC).isoformat(),
        "actor_id": user.pk,
        "actor_label": "somchai",
        "action": "test.thing",
        "object_type": "accounts.user",
        "object_id": str(user.pk),
        "organization_id": 7,
        "data": {"a": 1},
    }
    assert str(event) == f"#1 test.thing accounts.user:{user.pk}"


@pytest.mark.django_db
def test_an_event_without_actor_is_labelled_system() -> None:
    with transaction.atomic():
        event = audit_record(actor=None, action="test.system", now=T0)
    assert (event.actor_id, event.actor_label, event.object_type, event.object_id, event.data) == (
        None,
        "system",
        "",
        "",
        {},
    )


@pytest.mark.django_db
def test_an_event_rolls_back_with_the_write_it_records() -> None:
    record(2)

    def write_that_fails_after_recording() -> None:
        with transaction.atomic():
            audit_record(actor=None, action="test.lost", now=T0)
            raise RuntimeError("write failed")

    with pytest.raises(RuntimeError, match="write failed"):
        write_that_fails_after_recording()
    record(1, start=2)
    assert list(AuditEvent.objects.values_list("sequence", "action")) == [
        (1, "test.event0"),
        (2, "test.event1"),
        (3, "test.event2"),
    ]
    assert verify() == intact(3)


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match=r"^audit_record must be called inside transaction\.atomic\(\)$"):
        audit_record(actor=None, action="test.loose")
    assert not AuditEvent.objects.exists()


# --- verify -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verify_passes_on_an_empty_and_on_an_intact_chain() -> None:
    assert verify() == intact(0)
    record(6)
    assert verify() == intact(6)


ALTERED = (
    "เนื้อหาไม่ตรงกับค่าแฮช (เหตุการณ์ถูกแก้ไข หรือค่าแฮชไม่ได้สร้างด้วยกุญแจของระบบนี้)",
    "content does not match its hash (the event was altered, or its hash was not made with this installation's key)",
)
REMOVED = (
    "ค่าแฮชก่อนหน้าไม่ตรงกับเหตุการณ์ก่อนหน้า (มีการลบหรือแทรกเหตุการณ์)",
    "previous hash does not match the preceding event (an event was removed or inserted)",
)


def _broken(sequence: int, reason: tuple[str, str]) -> str:
    return broken(sequence, *reason)


@pytest.mark.django_db
@pytest.mark.parametrize("sequence", [1, 3, 5])
def test_verify_names_an_event_whose_data_was_altered(sequence: int) -> None:
    record(5)
    tamper("UPDATE audit_auditevent SET data = %s WHERE sequence = %s", ['{"index": 999}', sequence])
    with pytest.raises(CommandError) as error:
        verify()
    assert str(error.value) == _broken(sequence, ALTERED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value"),
    [("action", "test.innocent"), ("actor_label", "someone else"), ("organization_id", 42), ("object_id", "9")],
)
def test_verify_notices_a_change_to_any_covered_column(column: str, value: object) -> None:
    record(4)
    tamper(f"UPDATE audit_auditevent SET {column} = %s WHERE sequence = 2", [value])  # noqa: S608
    with pytest.raises(CommandError) as error:
        verify()
    assert str(error.value) == _broken(2, ALTERED)


@pytest.mark.django_db
def test_verify_names_the_event_after_a_deleted_one() -> None:
    record(5)
    tamper("DELETE FROM audit_auditevent WHERE sequence = %s", [3])
    with pytest.raises(CommandError) as error:
        verify()
    assert str(error.value) == _broken(4, REMOVED)


@pytest.mark.django_db
def test_verify_notices_a_recomputed_hash_by_the_next_link() -> None:
    # A forger who alters event 2 and recomputes its hash still breaks the link from event 3.
    record(4)
    event = AuditEvent.objects.get(sequence=2)
    payload = {**event.chain_payload(), "data": {"index": 999}}
    tamper(
        "UPDATE audit_auditevent SET data = %s, hash = %s WHERE sequence = 2",
        ['{"index": 999}', link_hash(event.previous_hash, payload, key=KEY)],
    )
    with pytest.raises(CommandError) as error:
        verify()
    assert str(error.value) == _broken(3, REMOVED)


# --- append-only --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_model_refuses_every_change() -> None:
    [event] = record(1)
    event.action = "test.changed"
    with pytest.raises(AppendOnlyError, match=r"^audit events cannot be updated$"):
        event.save()
    with pytest.raises(AppendOnlyError, match=r"^audit events cannot be deleted$"):
        event.delete()
    with pytest.raises(AppendOnlyError, match=r"^audit events cannot be updated$"):
        AuditEvent.objects.filter(pk=event.pk).update(action="test.changed")
    with pytest.raises(AppendOnlyError, match=r"^audit events cannot be deleted$"):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError, match=r"^audit events cannot be deleted$"):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError, match=r"^audit events cannot be updated$"), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["action"])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event0"
    assert verify() == intact(1)


@pytest.mark.django_db
def test_deleting_a_person_keeps_their_events_intact() -> None:
    person = get_user_model().objects.create_user("leaver", password=PASSWORD)
    with transaction.atomic():
        audit_record(actor=person, action="auth.login", target=person, now=T0)
    with transaction.atomic():
        person.delete()
    assert verify() == intact(1)


# --- the pure chain -------------------------------------------------------------------------------------

payloads = st.lists(
    st.dictionaries(
        st.text(min_size=1, max_size=8),
        st.one_of(st.integers(), st.text(max_size=20), st.booleans(), st.none(), st.lists(st.integers(), max_size=3)),
        max_size=4,
    ),
    min_size=1,
    max_size=12,
)


def _chain(items: list[dict[str, object]], key: bytes = KEY) -> tuple[list[StoredLink], ChainMark]:
    links, previous = [], GENESIS_HASH
    for number, payload in enumerate(items, start=1):
        current = link_hash(previous, payload, key=key)
        links.append(StoredLink(number, previous, current, payload))
        previous = current
    return links, ChainMark(len(links), previous)


@given(payloads)
def test_an_intact_chain_verifies(items: list[dict[str, object]]) -> None:
    links, head = _chain(items)
    assert find_first_broken_link(links, key=KEY, head=head) is None


@given(payloads)
@settings(max_examples=40)
def test_a_chain_made_with_another_key_breaks_at_its_first_event(items: list[dict[str, object]]) -> None:
    links, head = _chain(items, key=b"someone else's key")
    found = find_first_broken_link(links, key=KEY, head=head)
    assert found is not None
    assert (found.sequence, found.reason) == (1, ALTERED[1])


@given(payloads, st.data())
@settings(max_examples=60)
def test_changing_any_one_payload_is_found_at_that_event(items: list[dict[str, object]], data: st.DataObject) -> None:
    links, head = _chain(items)
    index = data.draw(st.integers(min_value=0, max_value=len(links) - 1), label="index")
    original = links[index]
    altered_payload = {**original.payload, "\x00tampered": data.draw(st.integers(), label="value")}
    links[index] = StoredLink(original.sequence, original.previous_hash, original.hash, altered_payload)
    found = find_first_broken_link(links, key=KEY, head=head)
    assert found is not None
    assert (found.sequence, found.reason, found.reason_th) == (index + 1, ALTERED[1], ALTERED[0])


@given(payloads.filter(lambda items: len(items) >= 2), st.data())
@settings(max_examples=40)
def test_removing_any_event_is_found_at_the_next_one(items: list[dict[str, object]], data: st.DataObject) -> None:
    links, head = _chain(items)
    index = data.draw(st.integers(min_value=0, max_value=len(links) - 2), label="index")
    del links[index]
    found = find_first_broken_link(links, key=KEY, head=head)
    assert found is not None
    assert (found.sequence, found.reason, found.reason_th) == (index + 2, REMOVED[1], REMOVED[0])


@given(payloads, st.data())
@settings(max_examples=40)
def test_removing_the_newest_events_is_found_at_the_head(items: list[dict[str, object]], data: st.DataObject) -> None:
    links, head = _chain(items)
    kept = data.draw(st.integers(min_value=0, max_value=len(links) - 1), label="kept")
    found = find_first_broken_link(links[:kept], key=KEY, head=head)
    assert found is not None
    assert (found.sequence, found.reason) == (
        len(links),
        f"the chain head records event #{len(links)} but the trail ends at #{kept} (the newest events were removed)",
    )


def test_canonical_payload_is_key_order_independent_and_keeps_thai() -> None:
    assert canonical_payload({"b": 1, "a": "ไทย"}) == '{"a":"ไทย","b":1}'
    assert canonical_payload({"a": "ไทย", "b": 1}) == canonical_payload({"b": 1, "a": "ไทย"})
    assert link_hash(GENESIS_HASH, {"a": 1}, key=KEY) != link_hash(GENESIS_HASH, {"a": 2}, key=KEY)
    assert link_hash(GENESIS_HASH, {"a": 1}, key=KEY) != link_hash("1" * 64, {"a": 1}, key=KEY)


def test_a_link_is_an_hmac_sha256_under_the_key() -> None:
    # Computed apart from Prongsai: HMAC-SHA256(key, previous hash + "\n" + canonical payload).
    payload = {"b": 1, "a": "ไทย"}
    assert link_hash(GENESIS_HASH, payload, key=KEY) == (
        "20652b90081f5f1e156ad0857ef18c1db4eaf43652c78c7882af7ccc1a0f01fe"
    )
    assert link_hash(GENESIS_HASH, payload, key=b"another key") == (
        "10e9469b0a20efc437bc50eedf1b04f7633440bed8c3c0bd35f32bdcbc5dbdc1"
    )
    # The plain SHA-256 of the same material, which anyone could recompute, is no longer a link.
    assert link_hash(GENESIS_HASH, payload, key=KEY) != (
        "efcdc8b7a47ebee74190ce0c43b5b608d8e3e75ae48a9a75b73afb0b5712529c"
    )
    with pytest.raises(ValueError, match=r"^the audit chain key must not be empty$"):
        link_hash(GENESIS_HASH, payload, key=b"")


# --- sign-in and lockout ------------------------------------------------------------------------------------


@pytest.fixture
def person(db: None) -> Any:
    return get_user_model().objects.create_user("somsri", password=PASSWORD, email="somsri@example.go.th")


def test_a_sign_in_through_the_test_client_is_audited(client: Any, person: Any) -> None:
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.8")
    assert client.login(request=request, username="somsri", password=PASSWORD) is True
    [event] = AuditEvent.objects.all()
    assert (event.action, event.actor_id, event.actor_label) == ("auth.login", person.pk, "somsri")
    assert (event.object_type, event.object_id) == ("accounts.user", str(person.pk))
    assert event.data == {"ip": ""}  # the test client signs in on a request of its own


def test_sign_out_is_audited(client: Any, person: Any) -> None:
    client.force_login(person)
    client.logout()
    assert list(AuditEvent.objects.values_list("action", "actor_id")) == [
        ("auth.login", person.pk),
        ("auth.logout", person.pk),
    ]


def _fail(username: str, times: int, ip: str = "10.0.0.9") -> None:
    factory = RequestFactory()
    for _attempt in range(times):
        request = factory.post("/th/workspace/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR=ip)
        assert authenticate(request=request, username=username, password="wrong") is None


def test_five_failed_sign_ins_lock_the_account_once(person: Any) -> None:
    _fail("somsri", 4)
    assert not AuditEvent.objects.filter(action="auth.lockout").exists()
    _fail("somsri", 1)
    [event] = AuditEvent.objects.filter(action="auth.lockout")
    assert event.data == {"username": "somsri", "ip": "10.0.0.9"}
    assert (event.actor_id, event.actor_label) == (None, "anonymous (10.0.0.9)")
    assert (event.object_type, event.object_id) == ("accounts.user", str(person.pk))
    # The first failure of the window and the lockout (tests/signin/test_signin_audit.py).
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["auth.login_failed", "auth.lockout"]


def test_a_lockout_of_an_unknown_username_is_audited_without_target(db: None) -> None:
    _fail("nobody", 5)
    [event] = AuditEvent.objects.filter(action="auth.lockout")
    assert event.data == {"username": "nobody", "ip": "10.0.0.9"}
    assert (event.object_type, event.object_id) == ("", "")


def _login_url() -> str:
    return reverse("workspace:login")


def test_signing_in_through_the_login_page_is_audited(client: Any, person: Any) -> None:
    url = _login_url()
    response = client.post(url, {"username": "somsri", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302
    [event] = AuditEvent.objects.all()
    assert (event.action, event.actor_id, event.data) == ("auth.login", person.pk, {"ip": "10.0.0.7"})


def test_five_failed_sign_ins_on_the_login_page_write_one_lockout(client: Any, person: Any) -> None:
    url = _login_url()
    statuses = [
        client.post(url, {"username": "somsri", "password": "wrong"}, REMOTE_ADDR="10.0.0.7").status_code
        for _attempt in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert list(AuditEvent.objects.values_list("action", "data")) == [
        ("auth.login_failed", {"username": "somsri", "ip": "10.0.0.7"}),
        ("auth.lockout", {"username": "somsri", "ip": "10.0.0.7"}),
    ]
    # Locked out, even the right password is refused.
    assert client.post(url, {"username": "somsri", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7").status_code == 429
    assert not AuditEvent.objects.filter(action="auth.login").exists()


# --- concurrent writers (PostgreSQL) --------------------------------------------------------------------------


def _write_concurrently(threads: int, per_thread: int) -> list[BaseException]:
    from django.db import connections

    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            barrier.wait()
            for index in range(per_thread):
                with transaction.atomic():
                    audit_record(actor=None, action="test.concurrent", data={"worker": worker, "index": index})
        except Exception as exc:  # noqa: BLE001  (collected; the test asserts there are none)
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_append_one_after_another() -> None:
    with transaction.atomic():
        AuditChainHead.objects.create(pk=1, last_hash=GENESIS_HASH, last_sequence=0)
    assert _write_concurrently(8, 25) == []
    assert list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True)) == list(range(1, 201))
    per_worker = sorted(AuditEvent.objects.values_list("data__worker", "data__index"))
    assert per_worker == sorted((w, i) for w in range(8) for i in range(25))
    assert verify() == intact(200)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_writers_on_an_empty_trail() -> None:
    assert not AuditChainHead.objects.exists()
    assert _write_concurrently(8, 3) == []
    assert list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True)) == list(range(1, 25))
