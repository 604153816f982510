"""Checkpoint files: the chain head written out for safekeeping outside the database. Pure, no Django.

A checkpoint names one event by sequence and the hash it had when the checkpoint was taken. Kept
where the database's administrators cannot reach it (printed, mailed to an auditor, on another
machine), it later proves that the event still has that hash, and so that nothing at or before
it changed, even if someone who holds the chain key rewrote the head and every later event.
"""

import datetime as dt
import json
import re
from typing import Any

from .chain import ChainMark

FORMAT = "prongsai-audit-checkpoint/1"
_HASH = re.compile(r"[0-9a-f]{64}")


class CheckpointError(ValueError):
    """A checkpoint file that cannot be read as one; the message is in Thai and English."""


def checkpoint_dumps(*, mark: ChainMark, recorded_at: dt.datetime) -> str:
    """Return the checkpoint of this chain mark as a JSON document (one line of text per field)."""
    document = {
        "format": FORMAT,
        "sequence": mark.sequence,
        "hash": mark.hash,
        "recorded_at": recorded_at.isoformat(),
    }
    return json.dumps(document, indent=2) + "\n"


def _refuse(problem_th: str, problem_en: str) -> CheckpointError:
    return CheckpointError(f"ไฟล์จุดตรวจใช้ไม่ได้: {problem_th} / Not a usable checkpoint file: {problem_en}")


def checkpoint_loads(text: str) -> ChainMark:
    """Read a checkpoint document; raise CheckpointError naming what is wrong with it."""
    try:
        document: Any = json.loads(text)
    except ValueError as exc:
        raise _refuse("ไม่ใช่ JSON", f"it is not JSON ({exc})") from exc
    if not isinstance(document, dict):
        raise _refuse("ต้องเป็นออบเจกต์ JSON", "it must be a JSON object")
    if document.get("format") != FORMAT:
        raise _refuse(f'ต้องมี "format": "{FORMAT}"', f'it must say "format": "{FORMAT}"')
    sequence = document.get("sequence")
    # bool is an int in Python; `true` is no sequence number.
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise _refuse('"sequence" ต้องเป็นจำนวนเต็มตั้งแต่ 1', '"sequence" must be a whole number of at least 1')
    digest = document.get("hash")
    if not isinstance(digest, str) or not _HASH.fullmatch(digest):
        raise _refuse('"hash" ต้องเป็นเลขฐานสิบหกตัวเล็ก 64 ตัว', '"hash" must be 64 lower-case hexadecimal characters')
    return ChainMark(sequence, digest)
