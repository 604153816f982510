"""Reads of the register: a unit's cards, the department matrix, a person's tasks, and their query counts."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from prongsai.checklists.services import checklist_load
from prongsai.disclosures.models import Entry
from prongsai.disclosures.selectors import (
    Matrix,
    department_matrix,
    entry_status_expression,
    entry_status_of,
    my_tasks,
    thai_sorted,
    unit_register,
)
from prongsai.disclosures.services import Verdicts, version_return, version_save_draft, version_submit
from prongsai.disclosures.workflow import EntryStatus
from prongsai.organizations.access import access_scope_for
from prongsai.organizations.models import Organization, Role
from prongsai.organizations.services import organization_create, role_assign

from .conftest import (
    NOW,
    TODAY,
    World,
    build_world,
    checklist_definition,
    content_for,
    make_person,
    world_kept_for_module,
)

MISSING, DRAFT, AWAITING, RETURNED, PUBLISHED, DUE_SOON, OVERDUE = (
    EntryStatus.MISSING,
    EntryStatus.DRAFT,
    EntryStatus.AWAITING_REVIEW,
    EntryStatus.RETURNED,
    EntryStatus.PUBLISHED,
    EntryStatus.DUE_SOON,
    EntryStatus.OVERDUE,
)


def _build_register_world() -> World:
    """The world with work in several states.

    unit A: G.1 published (due 2026-09-16), P.1 awaiting review, M.1 draft, M.2 missing.
    unit B: G.1 and P.1 missing, M.1 returned, M.2 published (due 2026-09-16).
    department: everything missing.
    """
    from prongsai.disclosures.services import version_approve

    from .conftest import ALL_PASS

    world = build_world()
    editor_a, editor_b = world.person("editor_a"), world.person("editor_b")

    def save(editor: Any, organization: Organization, code: str) -> Any:
        return version_save_draft(
            actor=editor, entry=world.entry(organization, code), content=content_for(code), now=NOW
        )

    g1 = save(editor_a, world.unit_a, "G.1")
    version_submit(actor=editor_a, version=g1, now=NOW)
    version_approve(actor=world.person("reviewer1_a"), version=g1, verdicts=ALL_PASS, now=NOW)
    version_submit(actor=editor_a, version=save(editor_a, world.unit_a, "P.1"), now=NOW)
    save(editor_a, world.unit_a, "M.1")

    # Unit B's reviewers are assigned here only, so that they appear in no other module's world.
    root = world.person("root")
    reviewer3_b, reviewer4_b = make_person("reviewer3_b"), make_person("reviewer4_b")
    role_assign(actor=root, role=Role.REVIEWER_3, organization=world.unit_b, user=reviewer3_b)
    role_assign(actor=root, role=Role.REVIEWER_4, organization=world.unit_b, user=reviewer4_b)
    m1 = save(editor_b, world.unit_b, "M.1")
    version_submit(actor=editor_b, version=m1, now=NOW)
    version_return(
        actor=world.person("reviewer3_b"), version=m1, verdicts=Verdicts(True, False, True, comment="x"), now=NOW
    )
    m2 = save(editor_b, world.unit_b, "M.2")
    version_submit(actor=editor_b, version=m2, now=NOW)
    version_approve(actor=world.person("reviewer4_b"), version=m2, verdicts=ALL_PASS, now=NOW)
    return world


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with world_kept_for_module(django_db_blocker, _build_register_world) as built:
        yield built


def _cards(world: World, organization: Organization, today: dt.date) -> list[tuple[str, list[tuple[str, EntryStatus]]]]:
    register = unit_register(organization=organization, today=today)
    return [(group.clause.code, [(card.item.code, card.status) for card in group.cards]) for group in register.groups]


def _counts(**nonzero: int) -> dict[EntryStatus, int]:
    counts = dict.fromkeys(EntryStatus, 0)
    counts.update({EntryStatus(key): value for key, value in nonzero.items()})
    return counts


# --- unit register --------------------------------------------------------------------------------


def test_unit_register_groups_cards_by_clause_in_checklist_order(world: World) -> None:
    register = unit_register(organization=world.unit_a, today=TODAY)
    assert register.organization == world.unit_a
    assert _cards(world, world.unit_a, TODAY) == [
        ("G", [("G.1", PUBLISHED)]),
        ("P", [("P.1", AWAITING)]),
        ("M", [("M.1", DRAFT), ("M.2", MISSING)]),
    ]
    assert register.counts == _counts(published=1, awaiting_review=1, draft=1, missing=1)
    assert register.total == 4
    assert _cards(world, world.unit_b, TODAY) == [
        ("G", [("G.1", MISSING)]),
        ("P", [("P.1", MISSING)]),
        ("M", [("M.1", RETURNED), ("M.2", PUBLISHED)]),
    ]


@pytest.mark.parametrize(
    ("today", "g1_status"),
    [
        (dt.date(2026, 8, 16), PUBLISHED),  # the day before the 30-day window opens
        (dt.date(2026, 8, 17), DUE_SOON),  # due date - 30 days
        (dt.date(2026, 9, 16), DUE_SOON),  # the due date itself
        (dt.date(2026, 9, 17), OVERDUE),  # the day after
    ],
)
def test_unit_register_status_follows_the_review_date(world: World, today: dt.date, g1_status: EntryStatus) -> None:
    assert world.entry(world.unit_a, "G.1").next_review_due == dt.date(2026, 9, 16)
    assert _cards(world, world.unit_a, today)[0] == ("G", [("G.1", g1_status)])


def test_unit_register_leaves_out_retired_items_and_other_checklists(world: World) -> None:
    world.checklist.items.filter(code="M.2").update(retired=True)
    assert _cards(world, world.unit_a, TODAY)[2] == ("M", [("M.1", DRAFT)])
    checklist_load(actor=None, definition=checklist_definition(code="other", drop=("G.1",)), activate=True)
    assert _cards(world, world.unit_a, TODAY) == [
        ("P", [("P.1", MISSING)]),
        ("M", [("M.1", MISSING), ("M.2", MISSING)]),
    ]


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (dt.date(2026, 4, 8), PUBLISHED),  # the day before the 7-day window of a monthly item opens
        (dt.date(2026, 4, 9), DUE_SOON),
        (dt.date(2026, 4, 16), DUE_SOON),  # the due date, a month after approval
        (dt.date(2026, 4, 17), OVERDUE),
    ],
)
def test_a_monthly_item_is_due_soon_only_a_week_ahead(world: World, today: dt.date, status: EntryStatus) -> None:
    from prongsai.disclosures.services import version_approve

    from .conftest import ALL_PASS

    role_assign(
        actor=world.person("root"), role=Role.REVIEWER_2, organization=world.unit_b, user=world.person("reviewer2_a")
    )
    editor = world.person("editor_b")
    version = version_save_draft(
        actor=editor, entry=world.entry(world.unit_b, "P.1"), content=content_for("P.1"), now=NOW
    )
    version_submit(actor=editor, version=version, now=NOW)
    version_approve(actor=world.person("reviewer2_a"), version=version, verdicts=ALL_PASS, now=NOW)
    assert world.entry(world.unit_b, "P.1").next_review_due == dt.date(2026, 4, 16)
    assert _cards(world, world.unit_b, today)[1] == ("P", [("P.1", status)])
    matrix = department_matrix(scope=access_scope_for(world.person("administrator")), today=today, clause_code="P")
    assert [cells for slug, cells in _rows(matrix) if slug == "unit-b"] == [[("P.1", status)]]


# --- department matrix -------------------------------------------------------------------------------


def _rows(matrix: Matrix) -> list[tuple[str, list[tuple[str, EntryStatus | None]]]]:
    return [(row.organization.slug, [(item.code, status) for item, status in row.cells]) for row in matrix.rows]


def _matrix(world: World, person: str = "administrator", **filters: Any) -> Matrix:
    return department_matrix(scope=access_scope_for(world.person(person)), today=TODAY, **filters)


UNIT_A_ROW = ("unit-a", [("G.1", PUBLISHED), ("P.1", AWAITING), ("M.1", DRAFT), ("M.2", MISSING)])
UNIT_B_ROW = ("unit-b", [("G.1", MISSING), ("P.1", MISSING), ("M.1", RETURNED), ("M.2", PUBLISHED)])
DEPT_ROW = ("dept", [("G.1", MISSING), ("P.1", MISSING), ("M.1", MISSING), ("M.2", MISSING)])


def test_department_matrix_shows_the_department_then_its_units_in_thai_order(world: World) -> None:
    matrix = _matrix(world)
    assert [item.code for item in matrix.items] == ["G.1", "P.1", "M.1", "M.2"]
    # สำนักงานปลัดกระทรวง (the department), then กองเกษตร, ศูนย์ขนส่ง
    assert _rows(matrix) == [DEPT_ROW, UNIT_A_ROW, UNIT_B_ROW]
    assert [row.counts for row in matrix.rows] == [
        _counts(missing=4),
        _counts(published=1, awaiting_review=1, draft=1, missing=1),
        _counts(missing=2, returned=1, published=1),
    ]
    assert matrix.totals == _counts(published=2, awaiting_review=1, draft=1, returned=1, missing=7)
    assert (matrix.unit_count, matrix.page, matrix.page_count) == (3, 1, 1)


@pytest.mark.parametrize(
    ("page", "shown_page", "rows"),
    [(1, 1, ["dept", "unit-a"]), (2, 2, ["unit-b"]), (0, 1, ["dept", "unit-a"]), (9, 2, ["unit-b"])],
)
def test_department_matrix_pages_rows_but_totals_every_unit(
    world: World, page: int, shown_page: int, rows: list[str]
) -> None:
    matrix = _matrix(world, page=page, page_size=2)
    assert [row.organization.slug for row in matrix.rows] == rows
    assert (matrix.unit_count, matrix.page, matrix.page_count) == (3, shown_page, 2)
    assert matrix.totals == _counts(published=2, awaiting_review=1, draft=1, returned=1, missing=7)


@pytest.mark.parametrize(
    ("filters", "rows"),
    [
        ({"status": AWAITING}, [UNIT_A_ROW]),
        ({"status": RETURNED}, [UNIT_B_ROW]),
        ({"status": PUBLISHED}, [UNIT_A_ROW, UNIT_B_ROW]),
        ({"status": MISSING}, [DEPT_ROW, UNIT_A_ROW, UNIT_B_ROW]),
        ({"status": OVERDUE}, []),
        ({"clause_code": "M"}, [(slug, cells[2:]) for slug, cells in (DEPT_ROW, UNIT_A_ROW, UNIT_B_ROW)]),
        ({"clause_code": "P", "status": AWAITING}, [("unit-a", [("P.1", AWAITING)])]),
        ({"clause_code": "M", "status": AWAITING}, []),
        ({"search": "เกษตร"}, [UNIT_A_ROW]),
        ({"search": "ขนส่ง"}, [UNIT_B_ROW]),
        ({"search": "  ศูนย์ "}, [UNIT_B_ROW]),
        ({"search": "ปลัด"}, [DEPT_ROW]),
        ({"search": "unit B"}, [UNIT_B_ROW]),
        ({"search": "UNIT-A"}, [UNIT_A_ROW]),
        ({"search": "ไม่มีหน่วยงานนี้"}, []),
        ({"search": "เกษตร", "status": RETURNED}, []),
    ],
    ids=lambda value: "-".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else "",
)
def test_department_matrix_filters(world: World, filters: dict[str, Any], rows: list[Any]) -> None:
    assert _rows(_matrix(world, **filters)) == rows


def test_department_matrix_totals_count_only_the_rows_and_items_shown(world: World) -> None:
    matrix = _matrix(world, clause_code="M", status=RETURNED)
    assert _rows(matrix) == [("unit-b", [("M.1", RETURNED), ("M.2", PUBLISHED)])]
    assert matrix.totals == _counts(returned=1, published=1)


@pytest.mark.parametrize(
    ("person", "slugs"),
    [
        ("editor_a", ["unit-a"]),
        ("supervisor_a", ["unit-a"]),
        ("editor_b", ["unit-b"]),
        ("ict_monitor", ["dept", "unit-a", "unit-b"]),
        ("outsider", []),
    ],
)
def test_department_matrix_is_limited_to_the_persons_scope(world: World, person: str, slugs: list[str]) -> None:
    assert [row.organization.slug for row in _matrix(world, person).rows] == slugs


def test_department_matrix_leaves_out_inactive_units(world: World) -> None:
    Organization.objects.filter(pk=world.unit_b.pk).update(is_active=False)
    assert [row.organization.slug for row in _matrix(world).rows] == ["dept", "unit-a"]


def test_department_matrix_without_an_active_checklist_is_empty(world: World) -> None:
    world.checklist.__class__.objects.update(is_active=False)
    matrix = _matrix(world)
    assert (matrix.items, matrix.rows, matrix.totals) == ([], [], _counts())


def test_department_matrix_search_normalises_thai(world: World) -> None:
    # "สํานักงาน" typed with U+0E4D U+0E32 instead of U+0E33.
    assert [row.organization.slug for row in _matrix(world, search="ส\u0e4d\u0e32นักงาน").rows] == ["dept"]


# --- Thai order ----------------------------------------------------------------------------------------


def test_the_department_comes_first_then_units_by_their_order_and_thai_dictionary_order(world: World) -> None:
    root = world.person("root")
    names = ["ไอที", "เกษตร", "ขนส่ง", "สำนักงาน", "กฎหมาย"]
    created = {
        name: organization_create(
            actor=root,
            kind="unit",
            slug=f"u{index}",
            parent=world.department,
            name_th=name,
            name_en=name,
            sort_order=1 if name == "กฎหมาย" else 0,
        )
        for index, name in enumerate(names)
    }
    # Code point order would put เกษตร after สำนักงาน (its leading vowel เ sorts after every consonant).
    expected = ["เกษตร", "ขนส่ง", "สำนักงาน", "ไอที", "กฎหมาย"]
    assert [o.name_th for o in thai_sorted(list(created.values()))] == expected
    assert sorted(names[:4]) != expected[:4]
    assert [o.name_th for o in thai_sorted([*created.values(), world.department])] == ["สำนักงานปลัดกระทรวง", *expected]
    rows = [row.organization.name_th for row in _matrix(world).rows]
    assert rows == ["สำนักงานปลัดกระทรวง", "กองเกษตร", "เกษตร", "ขนส่ง", "ศูนย์ขนส่ง", "สำนักงาน", "ไอที", "กฎหมาย"]


# --- my tasks --------------------------------------------------------------------------------------------


def _tasks(
    world: World, person: str, today: dt.date = TODAY
) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    user = world.person(person)
    tasks = my_tasks(user=user, scope=access_scope_for(user), today=today)
    return (
        [(entry.organization.slug, entry.item.code) for entry in tasks.to_review],
        [(entry.organization.slug, entry.item.code, status.value) for entry, status in tasks.to_fix],
    )


@pytest.mark.parametrize(
    ("person", "to_review", "to_fix"),
    [
        ("reviewer2_a", [("unit-a", "P.1")], []),
        ("group_reviewer", [("unit-a", "P.1")], []),
        ("reviewer1_a", [], []),
        ("reviewer3_a", [], []),
        ("editor_a", [], [("unit-a", "M.2", "missing"), ("unit-a", "M.1", "draft")]),
        (
            "editor_b",
            [],
            [("unit-b", "M.1", "returned"), ("unit-b", "G.1", "missing"), ("unit-b", "P.1", "missing")],
        ),
        ("editor_dept", [], [("dept", code, "missing") for code in ("G.1", "P.1", "M.1", "M.2")]),
        ("ict_monitor", [], []),
        ("administrator", [], []),
    ],
)
def test_my_tasks(world: World, person: str, to_review: list[Any], to_fix: list[Any]) -> None:
    assert _tasks(world, person) == (to_review, to_fix)


def test_my_tasks_puts_overdue_and_due_soon_work_in_attention_order(world: World) -> None:
    assert _tasks(world, "editor_a", dt.date(2026, 9, 1))[1] == [
        ("unit-a", "M.2", "missing"),
        ("unit-a", "G.1", "due_soon"),
        ("unit-a", "M.1", "draft"),
    ]
    assert _tasks(world, "editor_a", dt.date(2026, 9, 17))[1] == [
        ("unit-a", "G.1", "overdue"),
        ("unit-a", "M.2", "missing"),
        ("unit-a", "M.1", "draft"),
    ]


def test_my_tasks_never_asks_people_to_review_their_own_submission(world: World) -> None:
    root = world.person("root")
    both = make_person("both")
    role_assign(actor=root, role=Role.EDITOR, organization=world.unit_a, user=both)
    role_assign(actor=root, role=Role.REVIEWER_4, organization=world.unit_a, user=both)
    version = version_save_draft(
        actor=world.person("both"), entry=world.entry(world.unit_a, "M.2"), content=content_for("M.2"), now=NOW
    )
    version_submit(actor=world.person("both"), version=version, now=NOW)
    assert _tasks(world, "both")[0] == []
    assert _tasks(world, "reviewer4_a")[0] == [("unit-a", "M.2")]


def test_my_tasks_lists_the_oldest_submission_first(world: World) -> None:
    root = world.person("root")
    role_assign(actor=root, role=Role.REVIEWER_2, organization=world.unit_b, user=world.person("reviewer2_a"))
    version = version_save_draft(
        actor=world.person("editor_b"), entry=world.entry(world.unit_b, "P.1"), content=content_for("P.1"), now=NOW
    )
    version_submit(actor=world.person("editor_b"), version=version, now=NOW - dt.timedelta(days=1))
    assert _tasks(world, "reviewer2_a")[0] == [("unit-b", "P.1"), ("unit-a", "P.1")]


# --- the database status expression agrees with the Python one --------------------------------------


@pytest.mark.parametrize("code", ["M.2", "P.1"], ids=["six-months", "monthly"])
@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("open_state", ["", "draft", "submitted", "returned"])
def test_status_expression_matches_entry_status_of(world: World, code: str, published: bool, open_state: str) -> None:
    entry = world.entry(world.unit_a, code)
    published_id = world.entry(world.unit_a, "G.1").published_version_id if published else None
    for offset in (None, -1, 0, 1, 6, 7, 8, 29, 30, 31):
        due = None if offset is None else TODAY + dt.timedelta(days=offset)
        Entry.objects.filter(pk=entry.pk).update(
            published_version_id=published_id, open_state=open_state, next_review_due=due
        )
        annotated = Entry.objects.annotate(status=entry_status_expression(TODAY)).get(pk=entry.pk)
        python = entry_status_of(annotated, TODAY)
        assert annotated.status == python.value, (published, open_state, offset)


# --- query counts ----------------------------------------------------------------------------------------


def _build_department(units: int, extra_items: int) -> tuple[Any, list[Organization]]:
    """A fresh department with `units` units on a checklist of 4 + extra items, work in several states at each."""
    from .conftest import ALL_PASS

    checklist_load(
        actor=None,
        definition=checklist_definition(code=f"count-{units}-{extra_items}", extra_items=extra_items),
        activate=True,
    )
    root = make_person(f"root-{units}-{extra_items}", is_superuser=True)
    department = organization_create(
        actor=root, kind="department", slug=f"d{units}x{extra_items}", name_th="กรม", name_en="D"
    )
    editor, reviewer = make_person(f"ed-{units}-{extra_items}"), make_person(f"rv-{units}-{extra_items}")
    organizations = []
    for index in range(units):
        unit = organization_create(
            actor=root,
            kind="unit",
            slug=f"d{units}x{extra_items}-{index}",
            parent=department,
            name_th=f"หน่วย {index}",
            name_en="U",
        )
        role_assign(actor=root, role=Role.EDITOR, organization=unit, user=editor)
        role_assign(actor=root, role=Role.REVIEWER_1, organization=unit, user=reviewer)
        organizations.append(unit)
    from django.contrib.auth import get_user_model

    from prongsai.disclosures.services import version_approve

    for unit in organizations:
        editor = get_user_model().objects.get(pk=editor.pk)
        g1 = version_save_draft(
            actor=editor,
            entry=Entry.objects.get(organization=unit, item__code="G.1"),
            content=content_for("G.1"),
            now=NOW,
        )
        version_submit(actor=editor, version=g1, now=NOW)
        version_approve(actor=get_user_model().objects.get(pk=reviewer.pk), version=g1, verdicts=ALL_PASS, now=NOW)
        m1 = version_save_draft(
            actor=editor,
            entry=Entry.objects.get(organization=unit, item__code="M.1"),
            content=content_for("M.1"),
            now=NOW,
        )
        version_submit(actor=editor, version=m1, now=NOW)
    return get_user_model().objects.get(pk=root.pk), organizations


SIZES = [(2, 0), (10, 0), (10, 8)]


@pytest.mark.parametrize(("units", "extra_items"), SIZES, ids=[f"{u}units-{4 + x}items" for u, x in SIZES])
def test_unit_register_takes_one_query_whatever_the_size(
    db: None, django_assert_num_queries: Any, units: int, extra_items: int
) -> None:
    _root, organizations = _build_department(units, extra_items)
    with django_assert_num_queries(1):
        register = unit_register(organization=organizations[-1], today=TODAY)
        shown = [
            (
                group.clause.code,
                card.item.code,
                card.item.name_th,
                card.status,
                card.entry.published_version.number if card.entry.published_version else None,
                card.entry.open_version.state if card.entry.open_version else None,
            )
            for group in register.groups
            for card in group.cards
        ]
    assert len(shown) == 4 + extra_items
    assert shown[0] == ("G", "G.1", "เจตจำนงสุจริตของผู้บริหาร", PUBLISHED, 1, None)
    assert shown[2] == ("M", "M.1", "คู่มือการปฏิบัติงาน", AWAITING, None, "submitted")


@pytest.mark.parametrize(("units", "extra_items"), SIZES, ids=[f"{u}units-{4 + x}items" for u, x in SIZES])
def test_department_matrix_takes_five_queries_whatever_the_size(
    db: None, django_assert_num_queries: Any, units: int, extra_items: int
) -> None:
    root, _organizations = _build_department(units, extra_items)
    scope = access_scope_for(root)
    with django_assert_num_queries(5):
        matrix = department_matrix(scope=scope, today=TODAY, search="หน่วย")
        shown = [
            (row.organization.slug, [(item.code, item.clause.code, status) for item, status in row.cells])
            for row in matrix.rows
        ]
    assert len(shown) == units
    assert shown[0][1][:3] == [("G.1", "G", PUBLISHED), ("P.1", "P", MISSING), ("M.1", "M", AWAITING)]
    assert matrix.totals[PUBLISHED] == units
    assert matrix.totals[AWAITING] == units
    assert matrix.totals[MISSING] == units * (2 + extra_items)
