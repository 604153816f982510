"""The review workflow (measure 5.2) as a pure transition table, and an entry's computed status.

A version moves draft → submitted → approved (published) or returned. A returned or published
version is never edited again: further work starts a new draft, so every decision stays in the
history exactly as it was made. Pure: no Django.
"""

import datetime as dt
from collections.abc import Collection
from enum import StrEnum


class VersionState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    DISCARDED = "discarded"


class Transition(StrEnum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"
    DISCARD = "discard"


TRANSITIONS: dict[tuple[VersionState, Transition], VersionState] = {
    (VersionState.DRAFT, Transition.SUBMIT): VersionState.SUBMITTED,
    (VersionState.DRAFT, Transition.DISCARD): VersionState.DISCARDED,
    (VersionState.SUBMITTED, Transition.WITHDRAW): VersionState.DRAFT,
    (VersionState.SUBMITTED, Transition.APPROVE): VersionState.APPROVED,
    (VersionState.SUBMITTED, Transition.RETURN): VersionState.RETURNED,
}

# States in which a version is still the entry's work in progress.
OPEN_STATES = frozenset({VersionState.DRAFT, VersionState.SUBMITTED, VersionState.RETURNED})


class IllegalTransition(Exception):
    """A workflow step that the version's current state does not allow."""

    def __init__(self, state: VersionState, transition: Transition) -> None:
        self.state = state
        self.transition = transition
        super().__init__(f"cannot {transition.value} a version that is {state.value}")


def next_state(state: VersionState, transition: Transition) -> VersionState:
    """Return the state a transition leads to, or raise IllegalTransition."""
    try:
        return TRANSITIONS[(state, transition)]
    except KeyError:
        raise IllegalTransition(state, transition) from None


class Authorship(StrEnum):
    """How a person took part in writing a version, which bars them from reviewing it."""

    EDITED = "edited"
    SUBMITTED = "submitted"


class ReviewerIsAuthor(Exception):
    """A review decision by someone who edited or submitted the version: separation of duties forbids it.

    The service passes the message in the reader's language; the default is for logs and tests.
    """

    def __init__(self, authorship: Authorship, message: str = "") -> None:
        self.authorship = authorship
        super().__init__(message or f"cannot review a version you {authorship.value}")


def review_conflict(*, reviewer_id: int, submitter_id: int | None, editor_ids: Collection[int]) -> Authorship | None:
    """Return how the reviewer took part in writing the version, or None when they may decide on it.

    Separation of duties (measure 5.2): whoever wrote any of a version's content or sent it for
    review never approves or returns it, whatever other roles they hold (administrators included).
    """
    if reviewer_id == submitter_id:
        return Authorship.SUBMITTED
    if reviewer_id in editor_ids:
        return Authorship.EDITED
    return None


class EntryStatus(StrEnum):
    MISSING = "missing"
    DRAFT = "draft"
    AWAITING_REVIEW = "awaiting_review"
    RETURNED = "returned"
    PUBLISHED = "published"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def entry_status(
    *,
    published: bool,
    open_state: VersionState | None,
    next_review_due: dt.date | None,
    today: dt.date,
    due_soon_days: int,
) -> EntryStatus:
    """Compute what an entry's card shows.

    A published entry past its review date is overdue whatever is in progress: the public is
    reading stale information. Otherwise work in progress is shown (awaiting review, returned),
    then an approaching review date, then a draft, then plain published.
    """
    if published and next_review_due is not None and today > next_review_due:
        return EntryStatus.OVERDUE
    if open_state is VersionState.SUBMITTED:
        return EntryStatus.AWAITING_REVIEW
    if open_state is VersionState.RETURNED:
        return EntryStatus.RETURNED
    if published:
        if next_review_due is not None and today >= next_review_due - dt.timedelta(days=due_soon_days):
            return EntryStatus.DUE_SOON
        if open_state is VersionState.DRAFT:
            return EntryStatus.DRAFT
        return EntryStatus.PUBLISHED
    if open_state is VersionState.DRAFT:
        return EntryStatus.DRAFT
    return EntryStatus.MISSING
