"""Read the OIT item lists of the national ITA (one TOML file per ITA year) into validated definitions. Pure: no Django.

The checklist's crosswalk (`[items.crosswalk]`, ``"ita-2569" = ["O1", …]``) names only codes; these
files give each code of an ITA year its Thai and English title, so the ITA sheet can list every
OIT code of the year, mapped or not. The format is documented in `data/README.md` ("OIT lists").
Validation collects every problem, each in Thai and English, as `definition.py` does.
"""

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .definition import ChecklistDefinition

OIT_SCHEMA_VERSION = 1
# In a folder of their own: every *.toml directly in data/ is a checklist (the monitor's CLI reads them all).
DATA_DIRECTORY = Path(__file__).resolve().parent / "data" / "oit"
_YEAR_KEY = re.compile(r"^ita-(\d{4})$")
_OIT_CODE = re.compile(r"^O[1-9][0-9]{0,2}$")


@dataclass(frozen=True)
class OitItem:
    """One OIT code of an ITA year; ``attested`` is False when its title was inferred, not read in a published list."""

    code: str
    title_th: str
    title_en: str
    attested: bool = True


@dataclass(frozen=True)
class OitList:
    """The OIT items of one ITA year, in the order the assessment lists them."""

    year: str  # the crosswalk key, e.g. "ita-2569"
    be_year: int
    title_th: str
    title_en: str
    source_th: str
    source_en: str
    items: tuple[OitItem, ...]

    def item(self, code: str) -> OitItem | None:
        """Return the item of the code, or None when the year has no such code."""
        return next((item for item in self.items if item.code == code), None)


class OitFileError(ValueError):
    """An OIT list cannot be loaded; `problems` lists every reason, each in Thai and English."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def year_key(be_year: int) -> str:
    """Return the crosswalk key of an ITA year named by its Buddhist-era year ("ita-2569")."""
    return f"ita-{be_year}"


def _text(table: Mapping[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: ช่อง '{key}' ต้องเป็นข้อความที่ไม่ว่าง / field '{key}' must be non-empty text")
        return ""
    return " ".join(value.split())


def parse_oit_list(data: Mapping[str, Any]) -> OitList:
    """Validate a decoded OIT list document and return it, or raise OitFileError naming every problem."""
    problems: list[str] = []
    if data.get("schema") != OIT_SCHEMA_VERSION:
        problems.append(f"schema: ต้องระบุ schema = {OIT_SCHEMA_VERSION} / schema must be {OIT_SCHEMA_VERSION}")
    head = data.get("oit")
    if not isinstance(head, dict):
        problems.append("[oit]: ไม่มีส่วนหัวของรายการ OIT / the [oit] table is missing")
        raise OitFileError(problems)
    year = head.get("year")
    be_year = head.get("be_year")
    match = _YEAR_KEY.match(year) if isinstance(year, str) else None
    if match is None:
        problems.append(
            "[oit]: year ต้องอยู่ในรูป ita-<พ.ศ.> เช่น ita-2569 / year must look like ita-<BE year>, e.g. ita-2569"
        )
    if not isinstance(be_year, int) or isinstance(be_year, bool) or not 2500 <= be_year <= 2700:
        problems.append("[oit]: be_year ต้องเป็นปี พ.ศ. เช่น 2569 / be_year must be a Buddhist-era year, e.g. 2569")
        be_year = 0
    elif match is not None and int(match.group(1)) != be_year:
        problems.append(
            f"[oit]: year '{year}' ไม่ตรงกับ be_year {be_year} / year '{year}' does not match be_year {be_year}"
        )
    title_th = _text(head, "title_th", "[oit]", problems)
    title_en = _text(head, "title_en", "[oit]", problems)
    source_th = _text(head, "source_th", "[oit]", problems)
    source_en = _text(head, "source_en", "[oit]", problems)

    items: list[OitItem] = []
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append("[[items]]: ต้องมีอย่างน้อยหนึ่งรายการ / at least one item is required")
        raw_items = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_items, start=1):
        where = f"[[items]] #{index}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: แต่ละรายการต้องเป็นตาราง / each item must be a table")
            continue
        code = raw.get("code")
        if not isinstance(code, str) or not _OIT_CODE.match(code):
            problems.append(f"{where}: รหัสต้องอยู่ในรูป O1 ถึง O999 / the code must look like O1 to O999")
            code = ""
        else:
            where = f"{where} ({code})"
            if code in seen:
                problems.append(f"{where}: รหัสซ้ำกัน / the code repeats")
            seen.add(code)
        attested = raw.get("attested", True)
        if not isinstance(attested, bool):
            problems.append(f"{where}: ช่อง 'attested' ต้องเป็น true หรือ false / field 'attested' must be true or false")
            attested = True
        unknown = sorted(set(raw) - {"code", "title_th", "title_en", "attested"})
        if unknown:
            problems.append(f"{where}: มีช่องที่ไม่รู้จัก {unknown} / unknown fields {unknown}")
        items.append(
            OitItem(
                code=code,
                title_th=_text(raw, "title_th", where, problems),
                title_en=_text(raw, "title_en", where, problems),
                attested=attested,
            )
        )
    if problems:
        raise OitFileError(problems)
    return OitList(
        year=str(year),
        be_year=int(be_year),
        title_th=title_th,
        title_en=title_en,
        source_th=source_th,
        source_en=source_en,
        items=tuple(items),
    )


def load_oit_file(path: Path) -> OitList:
    """Read and validate one OIT list file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OitFileError([f"{path}: อ่านไฟล์ไม่ได้ ({exc.strerror}) / cannot read the file ({exc.strerror})"]) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise OitFileError([f"{path}: ไฟล์ต้องเข้ารหัส UTF-8 / the file must be UTF-8"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise OitFileError([f"{path}: รูปแบบ TOML ไม่ถูกต้อง ({exc}) / invalid TOML ({exc})"]) from exc
    try:
        return parse_oit_list(data)
    except OitFileError as exc:
        raise OitFileError([f"{path.name}: {problem}" for problem in exc.problems]) from exc


def load_oit_lists(directory: Path = DATA_DIRECTORY) -> dict[str, OitList]:
    """Read every ``oit-*.toml`` of the directory, keyed by ITA year ("ita-2569"); report every file's problems at once.

    A file must be named for its year (``oit-2569.toml`` holds ``ita-2569``), so the list a reader
    opens is the list the sheet uses.
    """
    lists: dict[str, OitList] = {}
    problems: list[str] = []
    for path in sorted(directory.glob("oit-*.toml")):
        try:
            oit = load_oit_file(path)
        except OitFileError as exc:
            problems += exc.problems
            continue
        if path.stem != f"oit-{oit.be_year}":
            problems.append(
                f"{path.name}: ชื่อไฟล์ต้องเป็น oit-{oit.be_year}.toml / the file must be named oit-{oit.be_year}.toml"
            )
            continue
        lists[oit.year] = oit
    if problems:
        raise OitFileError(problems)
    return lists


@cache
def shipped_oit_lists() -> Mapping[str, OitList]:
    """Return the OIT lists shipped in ``data/oit/`` (read once per process; the files change only with a release)."""
    return load_oit_lists(DATA_DIRECTORY)


def crosswalk_problems(checklist: ChecklistDefinition, lists: Mapping[str, OitList]) -> list[str]:
    """Return the crosswalk's codes that the OIT list of their year lacks, in Thai and English.

    A year the crosswalk names without an OIT list is a problem too: the sheet of that year could
    not give the codes their titles.
    """
    problems: list[str] = []
    for item in checklist.items:
        for year, codes in item.crosswalk.items():
            oit = lists.get(year)
            if oit is None:
                problems.append(f"{item.code}: ไม่มีรายการ OIT ของปี '{year}' / there is no OIT list for '{year}'")
                continue
            known = {entry.code for entry in oit.items}
            for code in codes:
                if code not in known:
                    problems.append(
                        f"{item.code}: รายการ OIT ปี '{year}' ไม่มีรหัส {code} / the '{year}' OIT list has no code {code}"
                    )
    return problems
