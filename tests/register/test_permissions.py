"""Who may do what where: every person × (own unit, other unit, department) × action.

"Own unit" is unit A (where the unit-level people hold their roles), "other unit" is unit B,
"department" is the department itself. Read actions ask `access_scope_for(person)`; write
actions call the services, which must refuse with PermissionDenied and write nothing.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from prongsai.disclosures.models import EntryVersion, Review
from prongsai.disclosures.services import Verdicts, version_approve, version_return, version_save_draft, version_submit
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Role, RoleAssignment
from prongsai.organizations.services import role_assign

from .conftest import (
    ALL_PASS,
    CODE_OF_STEP,
    NOW,
    World,
    build_world,
    content_for,
    events_after,
    last_sequence,
    world_kept_for_module,
)

ACTIONS = (
    "view",
    "edit",
    "submit",
    "approve_1",
    "return_1",
    "approve_2",
    "return_2",
    "approve_3",
    "return_3",
    "approve_4",
    "return_4",
    "oversee",
    "manage_roles",
)
TARGETS = ("unit_a", "unit_b", "department")
OVERSIGHT = "view oversee"
ADMIN = "view oversee manage_roles"

# person → target → the actions allowed there (everything else is denied).
EXPECTED: dict[str, dict[str, str]] = {
    "editor_a": {"unit_a": "view edit submit", "unit_b": "", "department": ""},
    "reviewer1_a": {"unit_a": "view approve_1 return_1", "unit_b": "", "department": ""},
    "reviewer2_a": {"unit_a": "view approve_2 return_2", "unit_b": "", "department": ""},
    "reviewer3_a": {"unit_a": "view approve_3 return_3", "unit_b": "", "department": ""},
    "reviewer4_a": {"unit_a": "view approve_4 return_4", "unit_b": "", "department": ""},
    "group_reviewer": {"unit_a": "view approve_2 return_2", "unit_b": "", "department": ""},
    "supervisor_a": {"unit_a": OVERSIGHT, "unit_b": "", "department": ""},
    "reporter_a": {"unit_a": OVERSIGHT, "unit_b": "", "department": ""},
    "editor_b": {"unit_a": "", "unit_b": "view edit submit", "department": ""},
    "editor_dept": {"unit_a": "", "unit_b": "", "department": "view edit submit"},
    "ict_monitor": {"unit_a": OVERSIGHT, "unit_b": OVERSIGHT, "department": OVERSIGHT},
    "executive": {"unit_a": OVERSIGHT, "unit_b": OVERSIGHT, "department": OVERSIGHT},
    "supervisor_dept": {"unit_a": OVERSIGHT, "unit_b": OVERSIGHT, "department": OVERSIGHT},
    "administrator": {"unit_a": ADMIN, "unit_b": ADMIN, "department": ADMIN},
    "root": {"unit_a": ADMIN, "unit_b": ADMIN, "department": ADMIN},
    "outsider": {"unit_a": "", "unit_b": "", "department": ""},
}

EDITOR_OF = {"unit_a": "editor_a", "unit_b": "editor_b", "department": "editor_dept"}
WORK_ITEM = "X.1"  # an extra step-1 item holding a draft at every organization (for edit and submit)


def _build_permission_world() -> World:
    """The register world, plus work waiting at every organization: a draft of X.1 and items of steps 1–4 submitted."""
    world = build_world(extra_items=1)
    for target, editor_name in EDITOR_OF.items():
        editor = world.person(editor_name)
        organization = world.org(target)
        version_save_draft(
            actor=editor, entry=world.entry(organization, WORK_ITEM), content=content_for(WORK_ITEM), now=NOW
        )
        for code in CODE_OF_STEP.values():
            version = version_save_draft(
                actor=editor, entry=world.entry(organization, code), content=content_for(code), now=NOW
            )
            version_submit(actor=editor, version=version, now=NOW)
    return world


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with world_kept_for_module(django_db_blocker, _build_permission_world) as built:
        yield built


def _cases() -> list[Any]:
    cases = []
    for person, row in EXPECTED.items():
        assert set(row) == set(TARGETS)
        for target in TARGETS:
            allowed = set(row[target].split())
            assert allowed <= set(ACTIONS)
            for action in ACTIONS:
                ok = action in allowed
                marks: list[Any] = []
                cases.append(
                    pytest.param(
                        person,
                        target,
                        action,
                        ok,
                        marks=marks,
                        id=f"{person}-{target}-{action}-{'allow' if ok else 'deny'}",
                    )
                )
    return cases


CASES = _cases()


def test_the_table_covers_every_person_target_and_action(world: World) -> None:
    assert len(CASES) == len(EXPECTED) * len(TARGETS) * len(ACTIONS)
    assert set(EXPECTED) == set(world.people)


def _read(world: World, person: Any, target: str, capability: Capability) -> bool:
    return access_scope_for(person).can(capability, world.org(target).pk)


def _open_version(world: World, target: str, code: str) -> EntryVersion:
    entry = world.entry(world.org(target), code)
    assert entry.open_version is not None
    return entry.open_version


DENIED = r"^You do not have permission to do this for this unit\.$"


def _attempt(allowed: bool, action: Callable[[], object], message: str | None = DENIED) -> None:
    """Run the action; when it must be denied, expect PermissionDenied (with the service's message)."""
    if allowed:
        action()
        return
    with pytest.raises(PermissionDenied, match=message):
        action()


def _edit(world: World, person: Any, target: str, allowed: bool) -> None:
    entry = world.entry(world.org(target), WORK_ITEM)
    mark = last_sequence()
    content = content_for(WORK_ITEM, text="แก้ไขโดยผู้อื่น")
    _attempt(allowed, lambda: version_save_draft(actor=person, entry=entry, content=content, now=NOW))
    body = "<p>แก้ไขโดยผู้อื่น</p>" if allowed else "<p>ข้อมูล</p>"
    assert list(EntryVersion.objects.filter(entry=entry).values_list("number", "body_th")) == [(1, body)]
    assert [e.action for e in events_after(mark)] == (["entry.draft_edit"] if allowed else [])


def _submit(world: World, person: Any, target: str, allowed: bool) -> None:
    version = _open_version(world, target, WORK_ITEM)
    mark = last_sequence()
    _attempt(allowed, lambda: version_submit(actor=person, version=version, now=NOW))
    version.refresh_from_db()
    if allowed:
        assert (version.state, version.submitted_by_id) == ("submitted", person.pk)
        assert [e.action for e in events_after(mark)] == ["entry.submit"]
    else:
        assert (version.state, version.submitted_by_id) == ("draft", None)
        assert events_after(mark) == []


def _decide(world: World, person: Any, target: str, step: int, decision: str, allowed: bool) -> None:
    version = _open_version(world, target, CODE_OF_STEP[step])
    assert version.state == "submitted"
    mark = last_sequence()
    service = version_approve if decision == "approve" else version_return
    verdicts = (
        ALL_PASS if decision == "approve" else Verdicts(correct=False, complete=True, current=True, comment="แก้ไข")
    )
    _attempt(allowed, lambda: service(actor=person, version=version, verdicts=verdicts, now=NOW))
    version.refresh_from_db()
    reviews = list(Review.objects.filter(version=version).values_list("reviewer_id", "step", "decision"))
    if allowed:
        assert (version.state, version.decided_by_id) == (
            "approved" if decision == "approve" else "returned",
            person.pk,
        )
        assert reviews == [(person.pk, step, decision)]
        assert events_after(mark) != []
    else:
        assert (version.state, version.decided_by_id) == ("submitted", None)
        assert reviews == []
        assert events_after(mark) == []


def _manage_roles(world: World, person: Any, target: str, allowed: bool) -> None:
    organization = world.org(target)
    newcomer = world.person("outsider")
    mark = last_sequence()
    _attempt(
        allowed,
        lambda: role_assign(actor=person, role=Role.REPORTER, organization=organization, user=newcomer),
        message=None,
    )
    assigned = list(RoleAssignment.objects.filter(user=newcomer).values_list("role", "organization_id"))
    assert assigned == ([("reporter", organization.pk)] if allowed else [])
    assert [e.action for e in events_after(mark)] == (["role.assign"] if allowed else [])


@pytest.mark.parametrize(("person_name", "target", "action", "allowed"), CASES)
def test_permission(world: World, person_name: str, target: str, action: str, allowed: bool) -> None:
    person = world.person(person_name)
    if action == "view":
        assert _read(world, person, target, Capability.VIEW) is allowed
    elif action == "oversee":
        assert _read(world, person, target, Capability.OVERSEE) is allowed
    elif action == "edit":
        _edit(world, person, target, allowed)
    elif action == "submit":
        _submit(world, person, target, allowed)
    elif action.startswith(("approve_", "return_")):
        decision, step = action.split("_")
        _decide(world, person, target, int(step), decision, allowed)
    else:
        _manage_roles(world, person, target, allowed)


@pytest.mark.parametrize("person_name", sorted(EXPECTED))
def test_scope_lists_exactly_the_viewable_organizations(world: World, person_name: str) -> None:
    scope = access_scope_for(world.person(person_name))
    expected = {world.org(t).pk for t, allowed in EXPECTED[person_name].items() if "view" in allowed.split()}
    assert scope.organization_ids(Capability.VIEW) == expected
    assert scope.oversees_anything is any("oversee" in a.split() for a in EXPECTED[person_name].values())


def test_the_scope_takes_at_most_two_queries(world: World, django_assert_max_num_queries: Any) -> None:
    person = world.person("administrator")
    with django_assert_max_num_queries(2):
        scope = access_scope_for(person)
    with django_assert_max_num_queries(0):
        assert access_scope_for(person) is scope


def test_an_inactive_person_may_do_nothing(world: World) -> None:
    person = world.person("editor_a")
    person.is_active = False
    person.save(update_fields=["is_active"])
    person = world.person("editor_a")
    assert access_scope_for(person).organization_ids(Capability.VIEW) == set()
    _edit(world, person, "unit_a", allowed=False)
    _submit(world, person, "unit_a", allowed=False)


def test_anonymous_visitors_have_no_scope(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    scope = access_scope_for(AnonymousUser())
    assert scope.capabilities == {}
    with pytest.raises(PermissionDenied):
        version_save_draft(
            actor=AnonymousUser(), entry=world.entry(world.unit_a, WORK_ITEM), content=content_for(WORK_ITEM), now=NOW
        )


def test_leaving_a_review_group_takes_the_role_away(world: World) -> None:
    member = world.person("group_reviewer")
    world.group.members.remove(member)
    _decide(world, world.person("group_reviewer"), "unit_a", 2, "approve", allowed=False)


def test_a_group_role_reaches_every_member(world: World) -> None:
    from .conftest import make_person

    newcomer = make_person("second_member")
    world.group.members.add(newcomer)
    _decide(world, world.person("second_member"), "unit_a", 2, "return", allowed=True)
    assert _read(world, world.person("second_member"), "unit_b", Capability.VIEW) is False


def test_a_role_change_counts_at_once_for_the_same_person_object(world: World) -> None:
    from prongsai.organizations.services import role_revoke

    person = world.person("outsider")
    assert access_scope_for(person).can(Capability.EDIT, world.unit_b.pk) is False
    assignment = role_assign(actor=world.person("root"), role=Role.EDITOR, organization=world.unit_b, user=person)
    assert access_scope_for(person).can(Capability.EDIT, world.unit_b.pk) is True
    role_revoke(actor=world.person("root"), assignment=assignment)
    assert access_scope_for(person).can(Capability.EDIT, world.unit_b.pk) is False
