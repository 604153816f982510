"""How an opinion or complaint moves from receipt to closure, and its tracking code. Pure: no Django.

Status: received → in progress → answered → closed. An answered case may be reopened (back to
in progress) when the visitor's matter turns out not to be settled; a closed case is final, so
its outcome stays exactly as recorded. Closing is allowed from any open status, because a case
may be withdrawn or referred to another agency before anyone answers it.

Tracking codes carry 60 random bits written in Crockford's base 32 (no I, L, O or U, so nothing
is read two ways), grouped by four for reading aloud over the phone, after a kind prefix:
``C-7K3Q-9XW2-M4TR``. Reading is tolerant: case, spaces, dashes and the look-alikes O/I/L are
accepted.
"""

import datetime as dt
from enum import StrEnum

from prongsai.thaitext import fold


class Status(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"


class Outcome(StrEnum):
    RESOLVED = "resolved"
    NOT_UPHELD = "not_upheld"
    REFERRED = "referred"
    WITHDRAWN = "withdrawn"


ALLOWED: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.ANSWERED, Status.CLOSED}),
    Status.ANSWERED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

OPEN_STATUSES = frozenset({Status.RECEIVED, Status.IN_PROGRESS, Status.ANSWERED})


class IllegalStatusChange(Exception):
    """A status change that the case's current status does not allow."""

    def __init__(self, current: Status, target: Status) -> None:
        self.current = current
        self.target = target
        super().__init__(f"cannot move a case from {current.value} to {target.value}")


def next_status(current: Status, target: Status) -> Status:
    """Return the target status if the transition table allows it, or raise IllegalStatusChange."""
    if target not in ALLOWED[current]:
        raise IllegalStatusChange(current, target)
    return target


def due_date(received: dt.date, days: int) -> dt.date:
    """Return the day an answer is due: `days` calendar days after the day the case was received."""
    return received + dt.timedelta(days=days)


def is_overdue(status: Status, due: dt.date, today: dt.date) -> bool:
    """Tell whether an open case has passed its due date (a closed case is never overdue)."""
    return status is not Status.CLOSED and today > due


# Crockford's base 32: the digits and 22 letters, without I, L, O and U.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_BITS = 60
_CODE_CHARS = CODE_BITS // 5
_LOOK_ALIKES = {"O": "0", "I": "1", "L": "1"}
PREFIXES = {"opinion": "F", "complaint": "C"}  # F for feedback: an O would read as a zero


def tracking_code_from_bits(kind: str, bits: int) -> str:
    """Write 60 random bits as a tracking code of the kind, e.g. ``C-7K3Q-9XW2-M4TR``."""
    if not 0 <= bits < 1 << CODE_BITS:
        raise ValueError("a tracking code takes exactly 60 bits")
    chars = "".join(ALPHABET[(bits >> (5 * (_CODE_CHARS - 1 - i))) & 31] for i in range(_CODE_CHARS))
    return f"{PREFIXES[kind]}-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


def tracking_code_normalize(text: str) -> str | None:
    """Return the canonical form of a typed tracking code, or None when it cannot be one.

    Case, whitespace, dashes and dots are ignored, and O, I and L are read as 0, 1 and 1 (the
    alphabet has none of them), so ``c 7k3q.9xw2 m4tr`` finds ``C-7K3Q-9XW2-M4TR``. The code is
    first folded as every searched text is (`prongsai.thaitext.fold`), so Thai digits and
    pasted invisible characters do not stand in the way.
    """
    compact = "".join(ch for ch in fold(text).upper() if ch not in " \t\r\n-–—._")
    if len(compact) != 1 + _CODE_CHARS or compact[0] not in PREFIXES.values():
        return None
    body = "".join(_LOOK_ALIKES.get(ch, ch) for ch in compact[1:])
    if any(ch not in ALPHABET for ch in body):
        return None
    return f"{compact[0]}-{body[0:4]}-{body[4:8]}-{body[8:12]}"
