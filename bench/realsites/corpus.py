"""The real-site corpus: which sites, from which snapshot, served how, and their answer keys.

Read from `sites.toml` and `keys/<name>.toml` beside this file (see README.md). Loading checks every field, so
a key with a typo in a status or an item code fails loudly instead of scoring quietly wrong.
"""

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITES_FILE = HERE / "sites.toml"
KEYS_DIR = HERE / "keys"
STATUSES = ("found", "partial", "not_found")
SPLITS = ("dev", "holdout")
SERVERS = ("static", "php")


class CorpusError(ValueError):
    """A site entry or an answer key that does not follow README.md."""


@dataclass(frozen=True)
class Edit:
    """One literal replacement in an exported file (a database host, a hard-coded base URL)."""

    file: str
    find: str
    replace: str


@dataclass(frozen=True)
class Link:
    """A symbolic link made in the exported copy: ``path`` points at ``target`` (both inside the export).

    For a site whose code expects to sit one directory below its document root (``./<dir>/...`` everywhere),
    as its real host installs it: the link stands in for that directory without rewriting every file.
    """

    path: str
    target: str


@dataclass(frozen=True)
class Database:
    """A MariaDB database the site reads, created from an SQL dump in the repository on every start."""

    dump: str
    name: str
    user: str = ""
    password: str = ""
    charset: str = "utf8mb4"


@dataclass(frozen=True)
class Site:
    """One real website: where its snapshot comes from, how it is served, the day its key speaks for."""

    index: int
    name: str
    repo: str
    commit: str
    split: str
    server: str
    root: str
    start: str
    today: dt.date
    agency: str
    front_controller: bool = False
    database: Database | None = None
    edits: tuple[Edit, ...] = ()
    links: tuple[Link, ...] = ()

    @property
    def address(self) -> str:
        """Return the loopback address this site listens on (its own, so per-host politeness applies)."""
        return f"127.0.3.{self.index + 1}"

    def url(self, port: int) -> str:
        """Return the start address of the served site."""
        return f"http://{self.address}:{port}{self.start}"


@dataclass(frozen=True)
class ItemKey:
    """What a person found on the site for one checklist item."""

    code: str
    status: str
    evidence: tuple[str, ...]
    reason: str


def load_sites(path: Path = SITES_FILE) -> list[Site]:
    """Return every site of ``sites.toml`` in file order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sites: list[Site] = []
    for index, entry in enumerate(data.get("sites", [])):
        name = str(entry["name"])
        where = f"sites.toml [{name}]"
        split, server = entry.get("split", "dev"), entry.get("server", "static")
        if split not in SPLITS or server not in SERVERS:
            raise CorpusError(f"{where}: split must be one of {SPLITS}, server one of {SERVERS}")
        commit = str(entry["commit"])
        if len(commit) != 40:
            raise CorpusError(f"{where}: commit must be a full 40-character hash")
        start = str(entry.get("start", "/"))
        if not start.startswith("/"):
            raise CorpusError(f"{where}: start must be a path beginning with /")
        today = entry["today"]
        if not isinstance(today, dt.date):
            raise CorpusError(f"{where}: today must be a TOML date (YYYY-MM-DD)")
        database = entry.get("database")
        sites.append(
            Site(
                index=index,
                name=name,
                repo=str(entry["repo"]),
                commit=commit,
                split=split,
                server=server,
                root=str(entry.get("root", "")).strip("/"),
                start=start,
                today=today,
                agency=str(entry.get("agency", "")),
                front_controller=bool(entry.get("front_controller", False)),
                database=Database(**database) if database else None,
                edits=tuple(Edit(**edit) for edit in entry.get("edits", [])),
                links=tuple(Link(**link) for link in entry.get("links", [])),
            )
        )
    names = [site.name for site in sites]
    if len(set(names)) != len(names):
        raise CorpusError("sites.toml: two sites share a name")
    return sites


def load_key(site: Site, codes: tuple[str, ...], keys_dir: Path = KEYS_DIR) -> dict[str, ItemKey]:
    """Return the answer key of ``site``, one entry for each of ``codes`` (the checklist's items), checked."""
    path = keys_dir / f"{site.name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    items = data.get("items", {})
    unknown = sorted(set(items) - set(codes))
    missing = [code for code in codes if code not in items]
    if unknown or missing:
        raise CorpusError(f"{path.name}: unknown items {unknown}, missing items {missing}")
    key: dict[str, ItemKey] = {}
    for code in codes:
        entry = items[code]
        status = entry.get("status")
        evidence = tuple(str(e) for e in entry.get("evidence", []))
        if status not in STATUSES:
            raise CorpusError(f"{path.name} {code}: status must be one of {STATUSES}, not {status!r}")
        if status != "not_found" and not evidence:
            raise CorpusError(f"{path.name} {code}: a {status} item needs its evidence")
        if any(not e.startswith("/") for e in evidence):
            raise CorpusError(f"{path.name} {code}: evidence is a path on the site, beginning with /")
        key[code] = ItemKey(code=code, status=status, evidence=evidence, reason=str(entry.get("reason", "")))
    return key
