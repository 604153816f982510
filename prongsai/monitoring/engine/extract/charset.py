"""Decode HTML bodies the way Thai government websites actually encode them.

Order of evidence: a byte-order mark (it cannot lie), the Content-Type charset, then
``<meta charset>`` / ``http-equiv`` near the top, then a guess: UTF-8 when the bytes are valid
UTF-8, otherwise Windows-874 when they read as Thai, otherwise Windows-1252 (the web's default).

Legacy Thai sites use TIS-620 / Windows-874 (decoded here as ``cp874``, a superset of TIS-620)
and often label it ISO-8859-1 or windows-1252. Thai letters then sit in bytes 0xA1-0xFB, in
runs, because Thai words are written without spaces; Latin accented letters sit alone between
ASCII letters. A Latin-1-labelled body that is not valid UTF-8 and whose high bytes mostly form
runs that decode to Thai letters is decoded as Windows-874.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Decoded", "decode_html", "looks_like_thai_legacy"]

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_THAI_LABELS: Final = frozenset({"tis-620", "tis620", "iso-8859-11", "iso8859-11", "windows-874", "x-windows-874"})
# Labels under which Thai bytes are commonly mislabelled.
_LATIN_LABELS: Final = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "us-ascii", "ascii"}
)
# Labels a page may not switch to from a meta tag: they do not keep ASCII where it is (WHATWG
# reads them as UTF-8), or they are a known injection vector.
_UNSAFE_LABELS: Final = frozenset({"utf-16", "utf-16le", "utf-16be", "utf-16-le", "utf-16-be", "utf-7", "utf-32"})
_META_CHARSET: Final = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE)
_ASCII_PROBE: Final = b"<meta charset=ABCxyz-09>"
_THAI_RUN: Final = re.compile(rb"[\xa1-\xfb]{3,}")
_HIGH_BYTE: Final = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the Python codec used, and whether bytes had to be replaced."""

    text: str
    encoding: str
    had_errors: bool


def _codec_name(label: str | None) -> str | None:
    """Return the Python codec for a web charset label, or None when unknown or unsafe."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _THAI_LABELS:
        return "cp874"
    if name in _UNSAFE_LABELS:
        return "utf-8"
    try:
        codec = codecs.lookup(name).name
        # Only encodings that keep ASCII as ASCII can be declared inside the document itself.
        if _ASCII_PROBE.decode(codec) != _ASCII_PROBE.decode("ascii"):
            return None
    except (LookupError, UnicodeDecodeError):
        return None
    return codec


def _is_latin(label: str) -> bool:
    return label in _LATIN_LABELS or _codec_name(label) in {"latin-1", "iso8859-1", "cp1252", "ascii"}


def looks_like_thai_legacy(body: bytes) -> bool:
    """Return whether ``body`` reads as Thai in Windows-874.

    Most of its high bytes must lie in runs of three or more bytes of the Thai range 0xA1-0xFB
    (a Thai word) and those runs must decode to Thai letters. A French page in Latin-1, whose
    accented letters stand alone, does not pass.
    """
    high = len(_HIGH_BYTE.findall(body))
    if high == 0:
        return False
    runs = _THAI_RUN.findall(body)
    in_runs = sum(len(run) for run in runs)
    if in_runs * 10 < high * 7:
        return False
    decoded = b"".join(runs).decode("cp874", errors="replace")
    thai = sum(1 for char in decoded if "\u0e01" <= char <= "\u0e5b")
    return thai * 10 >= len(decoded) * 9


def _valid_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode(body: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(body.decode(encoding), encoding, had_errors=False)
    except UnicodeDecodeError:
        return Decoded(body.decode(encoding, errors="replace"), encoding, had_errors=True)


def _meta_label(body: bytes, prescan_bytes: int) -> str | None:
    match = _META_CHARSET.search(body, 0, prescan_bytes)
    return match.group(1).decode("ascii") if match else None


def _from_label(body: bytes, label: str) -> Decoded | None:
    codec = _codec_name(label)
    if codec is None:
        return None
    if _is_latin(label) and _HIGH_BYTE.search(body):
        if _valid_utf8(body):
            return _decode(body, "utf-8")
        if looks_like_thai_legacy(body):
            return _decode(body, "cp874")
    if codec == "utf-8" and not _valid_utf8(body) and looks_like_thai_legacy(body):
        return _decode(body, "cp874")
    try:
        return _decode(body, codec)
    except LookupError:
        return None


def decode_html(body: bytes, *, declared: str | None, prescan_bytes: int = 4096) -> Decoded:
    """Return ``body`` decoded with the most credible encoding; never raise.

    ``declared`` is the Content-Type header's charset parameter, if any. A mislabelled legacy
    Thai page comes back as Windows-874 text; bytes that fit no encoding become U+FFFD and set
    ``had_errors``.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return _decode(body[len(bom) :], encoding)
    for label in (declared, _meta_label(body, prescan_bytes)):
        if label:
            decoded = _from_label(body, label)
            if decoded is not None:
                return decoded
    if _valid_utf8(body):
        return _decode(body, "utf-8")
    if looks_like_thai_legacy(body):
        return _decode(body, "cp874")
    return _decode(body, "cp1252")
