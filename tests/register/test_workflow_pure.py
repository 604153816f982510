"""The review workflow's pure core: the transition table and an entry's computed status."""

import datetime as dt
import itertools

import pytest

from prongsai.disclosures.workflow import (
    OPEN_STATES,
    Authorship,
    EntryStatus,
    IllegalTransition,
    ReviewerIsAuthor,
    Transition,
    VersionState,
    entry_status,
    next_state,
    review_conflict,
)

D, S, R, A, X = (
    VersionState.DRAFT,
    VersionState.SUBMITTED,
    VersionState.RETURNED,
    VersionState.APPROVED,
    VersionState.DISCARDED,
)
SUBMIT, WITHDRAW, APPROVE, RETURN, DISCARD = (
    Transition.SUBMIT,
    Transition.WITHDRAW,
    Transition.APPROVE,
    Transition.RETURN,
    Transition.DISCARD,
)

# Every (state, transition) pair; None means the step is illegal from that state.
TABLE: dict[tuple[VersionState, Transition], VersionState | None] = {
    (D, SUBMIT): S,
    (D, WITHDRAW): None,
    (D, APPROVE): None,
    (D, RETURN): None,
    (D, DISCARD): X,
    (S, SUBMIT): None,
    (S, WITHDRAW): D,
    (S, APPROVE): A,
    (S, RETURN): R,
    (S, DISCARD): None,
    (R, SUBMIT): None,
    (R, WITHDRAW): None,
    (R, APPROVE): None,
    (R, RETURN): None,
    (R, DISCARD): None,
    (A, SUBMIT): None,
    (A, WITHDRAW): None,
    (A, APPROVE): None,
    (A, RETURN): None,
    (A, DISCARD): None,
    (X, SUBMIT): None,
    (X, WITHDRAW): None,
    (X, APPROVE): None,
    (X, RETURN): None,
    (X, DISCARD): None,
}


def test_the_table_covers_every_pair() -> None:
    assert set(TABLE) == set(itertools.product(VersionState, Transition))
    assert len(TABLE) == 25


@pytest.mark.parametrize(
    ("state", "transition", "target"),
    [(s, t, target) for (s, t), target in TABLE.items() if target is not None],
    ids=lambda v: str(v) if v is not None else "-",
)
def test_legal_transition_gives_the_next_state(
    state: VersionState, transition: Transition, target: VersionState
) -> None:
    assert next_state(state, transition) is target


@pytest.mark.parametrize(
    ("state", "transition"),
    [(s, t) for (s, t), target in TABLE.items() if target is None],
    ids=str,
)
def test_illegal_transition_raises_with_its_message(state: VersionState, transition: Transition) -> None:
    with pytest.raises(IllegalTransition) as caught:
        next_state(state, transition)
    assert str(caught.value) == f"cannot {transition.value} a version that is {state.value}"
    assert caught.value.state is state
    assert caught.value.transition is transition


def test_illegal_transition_messages_read_naturally() -> None:
    with pytest.raises(IllegalTransition, match=r"^cannot approve a version that is draft$"):
        next_state(VersionState.DRAFT, Transition.APPROVE)
    with pytest.raises(IllegalTransition, match=r"^cannot return a version that is approved$"):
        next_state(VersionState.APPROVED, Transition.RETURN)


def test_open_states_are_the_work_in_progress() -> None:
    assert frozenset({D, S, R}) == OPEN_STATES


TODAY = dt.date(2026, 3, 16)
SOON = 30
MISSING, DRAFT, AWAITING, RETURNED, PUBLISHED, DUE_SOON, OVERDUE = (
    EntryStatus.MISSING,
    EntryStatus.DRAFT,
    EntryStatus.AWAITING_REVIEW,
    EntryStatus.RETURNED,
    EntryStatus.PUBLISHED,
    EntryStatus.DUE_SOON,
    EntryStatus.OVERDUE,
)

# Columns: the review date relative to today.
#   none   — no review date
#   past   — today is the day after the due date            (due = today - 1)
#   today  — today is the due date                          (due = today)
#   next   — due tomorrow                                   (due = today + 1)
#   inside — today is the day after the due-soon window opened (due = today + 29)
#   edge   — today is exactly due - due_soon_days            (due = today + 30)
#   before — the day before the due-soon window opens        (due = today + 31)
DUE_COLUMNS: dict[str, dt.date | None] = {
    "none": None,
    "past": TODAY - dt.timedelta(days=1),
    "today": TODAY,
    "next": TODAY + dt.timedelta(days=1),
    "inside": TODAY + dt.timedelta(days=SOON - 1),
    "edge": TODAY + dt.timedelta(days=SOON),
    "before": TODAY + dt.timedelta(days=SOON + 1),
}

#                     none       past     today     next      inside    edge      before
STATUS_TABLE: dict[tuple[bool, VersionState | None], tuple[EntryStatus, ...]] = {
    (True, None): (PUBLISHED, OVERDUE, DUE_SOON, DUE_SOON, DUE_SOON, DUE_SOON, PUBLISHED),
    (True, D): (DRAFT, OVERDUE, DUE_SOON, DUE_SOON, DUE_SOON, DUE_SOON, DRAFT),
    (True, S): (AWAITING, OVERDUE, AWAITING, AWAITING, AWAITING, AWAITING, AWAITING),
    (True, R): (RETURNED, OVERDUE, RETURNED, RETURNED, RETURNED, RETURNED, RETURNED),
    (False, None): (MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
    (False, D): (DRAFT, DRAFT, DRAFT, DRAFT, DRAFT, DRAFT, DRAFT),
    (False, S): (AWAITING, AWAITING, AWAITING, AWAITING, AWAITING, AWAITING, AWAITING),
    (False, R): (RETURNED, RETURNED, RETURNED, RETURNED, RETURNED, RETURNED, RETURNED),
}

STATUS_CASES = [
    pytest.param(published, open_state, DUE_COLUMNS[column], expected, id=f"{published}-{open_state}-{column}")
    for (published, open_state), row in STATUS_TABLE.items()
    for column, expected in zip(DUE_COLUMNS, row, strict=True)
]


@pytest.mark.parametrize(("published", "open_state", "due", "expected"), STATUS_CASES)
def test_entry_status(
    published: bool, open_state: VersionState | None, due: dt.date | None, expected: EntryStatus
) -> None:
    assert (
        entry_status(published=published, open_state=open_state, next_review_due=due, today=TODAY, due_soon_days=SOON)
        is expected
    )


def test_status_table_is_complete() -> None:
    assert len(STATUS_CASES) == 2 * 4 * 7


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (TODAY - dt.timedelta(days=1), OVERDUE),
        (TODAY, DUE_SOON),
        (TODAY + dt.timedelta(days=1), PUBLISHED),
    ],
)
def test_without_a_due_soon_window_only_the_due_date_itself_is_due_soon(due: dt.date, expected: EntryStatus) -> None:
    assert entry_status(published=True, open_state=None, next_review_due=due, today=TODAY, due_soon_days=0) is expected


@pytest.mark.parametrize(
    ("reviewer", "submitter", "editors", "expected"),
    [
        (7, 8, {9}, None),
        (7, None, set(), None),
        (7, 7, set(), Authorship.SUBMITTED),
        (7, 7, {7}, Authorship.SUBMITTED),
        (7, 8, {7}, Authorship.EDITED),
        (7, 8, {8, 9, 7}, Authorship.EDITED),
        (7, None, {7}, Authorship.EDITED),
    ],
)
def test_whoever_wrote_or_submitted_a_version_never_reviews_it(
    reviewer: int, submitter: int | None, editors: set[int], expected: Authorship | None
) -> None:
    assert review_conflict(reviewer_id=reviewer, submitter_id=submitter, editor_ids=editors) is expected


def test_the_refusal_names_the_authorship() -> None:
    assert str(ReviewerIsAuthor(Authorship.EDITED)) == "cannot review a version you edited"
    assert str(ReviewerIsAuthor(Authorship.SUBMITTED, "translated")) == "translated"
