"""The message catalogues: the Thai one is complete, keeps every placeholder, and the committed .mo matches the .po."""

from __future__ import annotations

import gettext as stdlib_gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ("th", "en")


# --- a small .po parser ---------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One catalogue entry; a singular entry keeps its msgstr at index 0."""

    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def forms(self) -> list[str]:
        return [self.msgstr[index] for index in sorted(self.msgstr)]

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.forms)

    def label(self) -> str:
        context = f" [{self.msgctxt}]" if self.msgctxt is not None else ""
        return f"line {self.line}: {self.msgid!r}{context}"


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^(".*")\s*$')


def _unquote(quoted: str, where: int) -> str:
    if len(quoted) < 2 or not (quoted.startswith('"') and quoted.endswith('"')):
        raise ValueError(f"line {where}: not a quoted string: {quoted}")

    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        if char not in _ESCAPES:
            raise ValueError(f"line {where}: unsupported escape \\{char}")
        return _ESCAPES[char]

    return re.sub(r"\\(.)", replace, quoted[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file, header included; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # which field a continuation line extends
    pending_flags: set[str] = set()
    pending_line = 0

    def finish() -> None:
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if current is not None and current.msgstr:
                finish()  # a comment after a complete entry begins the next one
            if line.startswith("#,"):
                pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            pending_line = pending_line or number
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, index, quoted = keyword.groups()
            value = _unquote(quoted, number)
            if current is not None and current.msgstr and not name.startswith("msgstr"):
                finish()  # msgctxt/msgid after a msgstr: a new entry without a blank line
            if current is None:
                current = Entry(line=pending_line or number, flags=pending_flags)
                pending_flags, pending_line = set(), 0
            if name == "msgctxt":
                current.msgctxt = value
                target = ("msgctxt", 0)
            elif name == "msgid":
                current.msgid = value
                target = ("msgid", 0)
            elif name == "msgid_plural":
                current.msgid_plural = value
                target = ("msgid_plural", 0)
            else:
                position = int(index) if index is not None else 0
                current.msgstr[position] = value
                target = ("msgstr", position)
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and current is not None and target is not None:
            value = _unquote(continuation.group(1), number)
            name, position = target
            if name == "msgstr":
                current.msgstr[position] += value
            else:
                setattr(current, name, (getattr(current, name) or "") + value)
            continue
        raise ValueError(f"{path}:{number}: cannot parse {raw!r}")
    finish()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = next(entry for entry in entries if entry.is_header)
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def nplurals(entries: list[Entry]) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", header_fields(entries)["Plural-Forms"])
    assert match, "Plural-Forms has no nplurals"
    return int(match.group(1))


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"


_PLACEHOLDER = re.compile(r"%%|%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0+]*\d*(?:\.\d+)?[sdifr]")


def placeholders(text: str) -> set[str]:
    return {match.group(0) for match in _PLACEHOLDER.finditer(text) if match.group(0) != "%%"}


# --- the parser itself ----------------------------------------------------------------------------------------------


def test_parser_reads_multiline_context_and_plural_entries(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: th\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgctxt "button"\nmsgid ""\n"Say \\"%(a)s\\" "\n"twice"\nmsgstr "พูด"\n'
        'msgid "%(n)s unit"\nmsgid_plural "%(n)s units"\nmsgstr[0] "%(n)s หน่วย"\n\n'
        '#~ msgid "old"\n#~ msgstr "เก่า"\n',
        encoding="utf-8",
    )
    header, context, plural = parse_po(po)
    assert header.is_header
    assert header.is_fuzzy
    assert header_fields([header])["Language"] == "th"
    assert context.msgctxt == "button"
    assert context.msgid == 'Say "%(a)s" twice'
    assert context.flags == {"python-format"}
    assert context.forms == ["พูด"]
    assert plural.msgid_plural == "%(n)s units"
    assert plural.forms == ["%(n)s หน่วย"]
    assert not plural.flags
    assert placeholders("%(a)s, %s and %(b)d but not 100%%") == {"%(a)s", "%s", "%(b)d"}


# --- (a) the Thai catalogue is complete -----------------------------------------------------------------------------


def test_thai_header_declares_thai_with_one_plural_form() -> None:
    entries = parse_po(po_path("th"))
    fields = header_fields(entries)
    assert fields["Language"] == "th"
    assert "charset=UTF-8" in fields["Content-Type"]
    assert nplurals(entries) == 1
    assert not next(entry for entry in entries if entry.is_header).is_fuzzy


def test_every_thai_entry_is_translated_and_not_fuzzy() -> None:
    entries = parse_po(po_path("th"))
    forms = nplurals(entries)
    problems = []
    for entry in entries:
        if entry.is_header:
            continue
        if entry.is_fuzzy:
            problems.append(f"{entry.label()} is fuzzy")
        if not entry.translated:
            problems.append(f"{entry.label()} is untranslated")
        if entry.msgid_plural is not None and sorted(entry.msgstr) != list(range(forms)):
            problems.append(f"{entry.label()} has plural forms {sorted(entry.msgstr)}, expected {forms}")
    assert len(entries) > 1
    assert not problems, "\n".join(problems)


def test_catalogues_hold_the_same_messages() -> None:
    def keys(language: str) -> set[tuple[str | None, str, str | None]]:
        return {(e.msgctxt, e.msgid, e.msgid_plural) for e in parse_po(po_path(language)) if not e.is_header}

    assert keys("th") == keys("en")


# --- (b) placeholders survive translation ---------------------------------------------------------------------------


def test_thai_translations_keep_every_placeholder() -> None:
    problems = []
    for entry in parse_po(po_path("th")):
        if entry.is_header:
            continue
        expected = placeholders(entry.msgid_plural if entry.msgid_plural is not None else entry.msgid)
        if entry.msgid_plural is not None and placeholders(entry.msgid) - expected:
            expected |= placeholders(entry.msgid)
        for index, text in sorted(entry.msgstr.items()):
            if text and placeholders(text) != expected:
                form = f"msgstr[{index}]" if entry.msgid_plural is not None else "msgstr"
                problems.append(f"{entry.label()} {form}: {sorted(placeholders(text))} != {sorted(expected)}")
    assert not problems, "\n".join(problems)


# --- (c) the committed .mo is compiled from the current .po ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po(language: str) -> None:
    entries = parse_po(po_path(language))
    with mo_path(language).open("rb") as handle:
        compiled = stdlib_gettext.GNUTranslations(handle)
    stale = []
    # msgfmt drops POT-Creation-Date from the compiled header; every other header field must match.
    header = {key.lower(): value for key, value in header_fields(entries).items() if key != "POT-Creation-Date"}
    assert compiled.info() == header, f"run compilemessages for {language!r}: the compiled header differs"
    for entry in entries:
        if entry.is_header:
            continue
        # msgfmt (and so compilemessages) leaves out fuzzy and untranslated entries: gettext then falls back.
        compiled_in = entry.translated and not entry.is_fuzzy
        if entry.msgid_plural is None:
            expected = entry.msgstr.get(0, "") if compiled_in else entry.msgid
            if entry.msgctxt is None:
                actual = compiled.gettext(entry.msgid)
            else:
                actual = compiled.pgettext(entry.msgctxt, entry.msgid)
            if actual != expected:
                stale.append(f"{entry.label()}: .mo has {actual!r}, .po has {expected!r}")
            continue
        for n in range(25):
            if compiled_in:
                expected = entry.msgstr.get(compiled.plural(n), "")
            else:
                expected = entry.msgid if n == 1 else entry.msgid_plural
            if entry.msgctxt is None:
                actual = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
            else:
                actual = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
            if actual != expected:
                stale.append(f"{entry.label()} (n={n}): .mo has {actual!r}, .po has {expected!r}")
                break
    assert not stale, f"run compilemessages for {language!r}:\n" + "\n".join(stale)


# --- (d) Django serves the catalogues -------------------------------------------------------------------------------


def test_django_translates_to_thai_and_keeps_english() -> None:
    with translation.override("th"):
        assert translation.gettext("Awaiting review") == "รอการตรวจสอบ"
        assert translation.ngettext("%(n)s unit", "%(n)s units", 3) % {"n": 3} == "3 หน่วยงาน"
    with translation.override("en"):
        assert translation.gettext("Awaiting review") == "Awaiting review"
        assert translation.ngettext("%(n)s unit", "%(n)s units", 1) % {"n": 1} == "1 unit"
        assert translation.ngettext("%(n)s unit", "%(n)s units", 3) % {"n": 3} == "3 units"
