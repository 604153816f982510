"""Generate the farm: unit websites as files on disk plus the answer key for every checklist item.

Each site draws its look (menu in the header, a sidebar or a mega-menu), how it presents the checklist
(an OIT hub table, items spread through menus, or both), its URL style, wording, document formats, dates,
noise and traps from a random generator seeded by the farm seed and the site index, so one seed always
gives byte-identical files. The truth for each item is decided first and the pages are written to match:
found, partial (placeholder page, dead document, missing English statement or procurement fields) or
not_found, with the evidence URLs, the date a reader finds (`as_of`) and whether that date satisfies the
item's currency rule on the check date.

Layout of a generated farm directory::

    answer_key.json                 the key for every site
    sites/<slug>/www/...            the files the server sends
    sites/<slug>/site.json          routes, Last-Modified dates, robots, sitemap and traps, for the server
    sites/<slug>/answer_key.json    this site's key alone (never served)
"""

import calendar
import datetime as dt
import html
import json
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote, unquote

from prongsai.checklists.definition import (
    DEFAULT_CHECKLIST_PATH,
    ChecklistDefinition,
    CurrencyRule,
    ItemDefinition,
    load_checklist_file,
)
from prongsai.thaidate import add_months, fiscal_year_bounds, fiscal_year_of, format_thai_month

from . import documents, wording, wording_holdout, wording_unseen

GENERATOR_VERSION = 1
DEFAULT_CHECK_DATE = dt.date(2026, 3, 15)
TRAPS = ("calendar", "session_ids", "redirect_loop", "huge_file", "slow_page")
TRAP_PATHS = {
    "calendar": "/calendar/?y=2026&m=3",
    "session_ids": "/webboard/?sid=a1b2c3d4",
    "redirect_loop": "/eservice/login",
    "huge_file": "/files/aerial-photos-full.pdf",
    "slow_page": "/stats/visitors.html",
}
FOUND, PARTIAL, NOT_FOUND = "found", "partial", "not_found"
_DOC_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}
_SERVED_SUFFIXES = frozenset({".html", ".pdf", ".docx", ".xlsx", ".png"})
WORDINGS: dict[str, ModuleType] = {"main": wording, "holdout": wording_holdout, "unseen": wording_unseen}
# Besides its labels, a wording set may name what the generator otherwise writes in its own words (the
# unseen set does, so that none of its titles or link texts carries a checklist phrase): CONTENT_TITLES
# (an item's document and page title, templates per item), INTEGRITY_TITLES (Thai, English),
# MONTHLY_LABELS (a monthly procurement report's title), NEWS_LIST_TITLE, TRAP_LABELS and HUB_TITLES.
_TRAP_LABELS = {
    "calendar": "ปฏิทินกิจกรรม",
    "session_ids": "เว็บบอร์ด",
    "redirect_loop": "ระบบบริการอิเล็กทรอนิกส์",
    "slow_page": "สถิติผู้เข้าชม",
}


@dataclass(frozen=True)
class FarmConfig:
    """What to generate. Every default is what the benchmark uses.

    `check_date` is the day the answer key judges currency on (the farm's "today"); `status_weights`
    the chances of found, partial and not_found per item; `stale_share` the chance a dated item carries
    an old date; `undated_share` the chance its content carries no date at all.
    """

    sites: int = 10
    seed: int = 1
    check_date: dt.date = DEFAULT_CHECK_DATE
    checklist_path: Path = DEFAULT_CHECKLIST_PATH
    status_weights: tuple[float, float, float] = (0.62, 0.18, 0.20)
    stale_share: float = 0.25
    undated_share: float = 0.2
    news_per_page: int = 6
    wording: str = "main"
    """Which wording set and layouts to use: "main", or "holdout" or "unseen", which are only ever scored."""


def site_host(index: int) -> str:
    """Return the loopback address of site `index` (0-based): 127.0.1.1, 127.0.1.2, … then 127.0.2.1."""
    return f"127.0.{1 + index // 254}.{index % 254 + 1}"


def site_slug(index: int) -> str:
    """Return the directory name of site `index`."""
    return f"site-{index:03d}"


def truth_current(rule: CurrencyRule, as_of: dt.date | None, check_date: dt.date) -> bool | None:
    """Return whether evidence dated `as_of` is current on `check_date` under `rule`; None when undated.

    Written from the measure itself (DOMAIN.md, 5.2 step 5 and the item table), not from the monitor's code:
    information is reviewed at least every six months; a monthly item (5.1.7.3) every month; a plan or report
    of a fiscal year stops being current when that fiscal year (1 October – 30 September) ends, even within
    its six months. Evidence dated after the check is not current either.
    """
    if as_of is None:
        return None
    if as_of > check_date:
        return False
    if rule is CurrencyRule.MONTHLY:
        return check_date < _months_later(as_of, 1)
    if check_date >= _months_later(as_of, 6):
        return False
    if rule in (CurrencyRule.CURRENT_FISCAL_YEAR, CurrencyRule.PREVIOUS_FISCAL_YEAR):
        return _fiscal_year(as_of) == _fiscal_year(check_date)
    return True


def _months_later(day: dt.date, months: int) -> dt.date:
    """Return the same day ``months`` later, or that month's last day when it is shorter (31 Aug + 6 = 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fiscal_year(day: dt.date) -> int:
    """Return the Thai fiscal year (Buddhist era) a day falls in: it starts on 1 October of the year before."""
    return day.year + 543 + (1 if day.month >= 10 else 0)


@dataclass
class _Page:
    target: str
    title: str
    body: str
    lang: str = "th"
    crumbs: tuple[str, ...] = ()


@dataclass
class _Truth:
    status: str
    evidence: list[str]
    as_of: dt.date | None
    date_source: str | None
    mode: str


@dataclass(frozen=True)
class _HoldoutLayout:
    """The holdout farm's own page layouts, drawn from a generator of their own so the main farm never changes.

    `heading_only` puts the item's name only in a second-level heading under the site name (the page
    title is the site name); `english_only` writes the "about" pages in English alone; `hub_link` is
    the generic anchor text of the OIT table's link cells; `hub_to_documents` the chance a hub row
    links straight to the item's document; `monthly_table` lists procurement summaries in a table
    whose link cells say only "PDF".
    """

    heading_only: bool
    english_only: bool
    hub_link: str
    hub_to_documents: float
    monthly_table: bool


@dataclass
class _Site:
    """Everything one site is made of while it is being generated."""

    index: int
    config: FarmConfig
    rng: random.Random
    name_th: str
    name_en: str
    abbr: str
    style: str
    layout: str
    url_style: str
    english: bool
    encoding: str
    robots: str
    sitemap: bool
    last_modified: bool
    traps: tuple[str, ...]
    oit_year: str
    words: ModuleType
    holdout: "_HoldoutLayout | None" = None
    files: dict[str, bytes] = field(default_factory=dict)
    routes: dict[str, str] = field(default_factory=dict)
    modified: dict[str, str] = field(default_factory=dict)
    pages: list[_Page] = field(default_factory=list)
    menu: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    en_menu: list[tuple[str, str]] = field(default_factory=list)
    hub_rows: list[tuple[str, str, str | None]] = field(default_factory=list)
    dead: list[str] = field(default_factory=list)
    truths: dict[str, _Truth] = field(default_factory=dict)
    counter: int = 0

    # -- addresses ---------------------------------------------------------------------------------

    def page_target(self, section: str, name: str, label: str) -> str:
        """Return a new page's address in this site's URL style (static paths, CMS queries, Thai paths)."""
        self.counter += 1
        if self.url_style == "cms":
            return f"/index.php?option=com_content&view=article&id={100 + self.counter}"
        if self.url_style == "thai":
            return "/" + quote(f"{self.words.SECTIONS_TH.get(section, section)}/{label}/", safe="/")
        return f"/{section}/{name}.html"

    def doc_target(self, name: str, suffix: str) -> str:
        """Return a new document's address under this site's upload folder."""
        folder = {"cms": "/images/files", "thai": "/uploads/2569", "path": "/files"}[self.url_style]
        return f"{folder}/{name}{suffix}"

    def add_file(self, target: str, content: bytes, *, made_on: dt.date | None = None) -> None:
        """Store a file the server sends at `target`; documents may carry a Last-Modified date."""
        # The server types a file by its suffix; a CMS page ("/index.php?id=…") is HTML, as the CMS sends it.
        suffix = Path(target.split("?")[0]).suffix
        relpath = f"f/{len(self.files):04d}{suffix if suffix in _SERVED_SUFFIXES else '.html'}"
        self.files[relpath] = content
        self.routes[_route_key(target)] = relpath
        if made_on is not None and self.last_modified:
            self.modified[_route_key(target)] = made_on.isoformat()

    def add_page(self, page: _Page) -> None:
        """Queue an HTML page; pages are rendered at the end, once every menu entry is known."""
        self.pages.append(page)

    def add_menu(self, section: str, label: str, target: str) -> None:
        """Put a link in the site's menu under `section`."""
        self.menu.setdefault(section, []).append((label, target))


def _route_key(target: str) -> str:
    """Return the key the server looks a request up by: the decoded path plus the raw query."""
    path, _, query = target.partition("?")
    return unquote(path) + (f"?{query}" if query else "")


# -- dates ------------------------------------------------------------------------------------------


def _pick_day(rule: CurrencyRule, fresh: bool, check: dt.date, rng: random.Random) -> dt.date:
    """Return a date that is current (fresh) or out of date (stale) for `rule` on `check`."""
    fy_start, _ = fiscal_year_bounds(fiscal_year_of(check))
    if rule is CurrencyRule.MONTHLY:
        return check - dt.timedelta(days=rng.randint(2, 25) if fresh else rng.randint(40, 200))
    if rule is CurrencyRule.SIX_MONTHS:
        return check - dt.timedelta(days=rng.randint(7, 160) if fresh else rng.randint(200, 600))
    if fresh:
        span = (check - fy_start).days
        return fy_start + dt.timedelta(days=rng.randint(min(3, span), max(min(3, span), span - 3)))
    return fy_start - dt.timedelta(days=rng.randint(200, 500))


# -- HTML -------------------------------------------------------------------------------------------

_e = html.escape


def _para(lines: Sequence[str]) -> str:
    return "".join(f"<p>{_e(line)}</p>" for line in lines)


def _link(target: str, label: str) -> str:
    return f'<a href="{_e(target)}">{_e(label)}</a>'


def _doc_bytes(
    kind: str, title: str, lines: Sequence[str], made_on: dt.date, rows: Sequence[Sequence[object]]
) -> bytes:
    if kind == "pdf":
        return documents.pdf_bytes(title, lines, made_on=made_on)
    if kind == "docx":
        return documents.docx_bytes(title, lines, made_on=made_on)
    header = ["ลำดับ", "รายการ", "รายละเอียด"]
    body: list[Sequence[object]] = [[i, line, ""] for i, line in enumerate(lines, start=1)]
    return documents.xlsx_bytes(title, header, [*body, *rows] if rows else body, made_on=made_on)


def _body_lines(site: _Site, code: str, day: dt.date) -> tuple[str, list[str], list[list[object]]]:
    """Return the title, paragraphs and (for spreadsheets) table rows of item `code`'s content.

    A wording set with CONTENT_TITLES titles the content in its own words; the paragraphs stay the same.
    """
    title, lines, rows = _content(site, code, day)
    titles: dict[str, tuple[str, ...]] | None = getattr(site.words, "CONTENT_TITLES", None)
    if titles is not None:
        fy = fiscal_year_of(day)
        title = site.rng.choice(titles[code]).format(
            unit=site.name_th,
            division=site.rng.choice(site.words.DIVISIONS),
            fy=fy,
            fy_prev=fy - 1,
            fy_from=fy - 2,
            fy_to=fy + 2,
        )
    return title, lines, rows


def _content(site: _Site, code: str, day: dt.date) -> tuple[str, list[str], list[list[object]]]:
    rng = site.rng
    fy = fiscal_year_of(day)
    unit = site.name_th
    if code == "5.1.1.1":
        return (
            f"โครงสร้างการแบ่งงานภายใน{unit}",
            [f"{unit} แบ่งงานภายในออกเป็น {len(site.words.DIVISIONS)} ส่วน ดังนี้", *site.words.DIVISIONS],
            [],
        )
    if code == "5.1.1.2":
        return (
            f"ผู้บริหาร{unit}",
            [f"{site.words.person(rng)} ตำแหน่ง {title} โทร 0 5321 {rng.randint(1000, 9999)}" for title in
             ("ผู้อำนวยการ", "รองผู้อำนวยการ", "หัวหน้ากลุ่มงานแผนและงบประมาณ")]
            + ["ตำแหน่งผู้เชี่ยวชาญด้านการคลัง (ว่าง)"],
            [],
        )  # fmt: skip
    if code == "5.1.1.3":
        return (
            f"หน้าที่และอำนาจของ{unit}",
            [
                "1. เสนอแนะนโยบายด้านการเงินการคลังระดับพื้นที่ต่อผู้บริหาร",
                "2. วิเคราะห์และรายงานภาวะเศรษฐกิจในพื้นที่เป็นประจำทุกเดือน",
                "3. ให้คำปรึกษาแก่ส่วนราชการเรื่องการเบิกจ่ายเงินและการพัสดุ",
                "4. ปฏิบัติงานอื่นตามที่ได้รับมอบหมาย",
            ],
            [],
        )
    if code == "5.1.1.4":
        return (
            f"แผนพัฒนา{unit} ระยะ 5 ปี (พ.ศ. {fy - 2}–{fy + 2})",
            ["วิสัยทัศน์: เป็นองค์กรหลักด้านข้อมูลการคลังของพื้นที่", "ประเด็นที่ 1 พัฒนาระบบข้อมูล",
             "ประเด็นที่ 2 พัฒนาบุคลากร", f"ทบทวนแผนสำหรับปีงบประมาณ พ.ศ. {fy}"],
            [],
        )  # fmt: skip
    if code == "5.1.1.5":
        return (
            f"ติดต่อ{unit}",
            [
                f"ที่อยู่ ศาลากลางจังหวัด ชั้น {rng.randint(1, 4)} ถนนราชดำเนิน",
                f"โทรศัพท์ 0 {rng.randint(2000, 7999)} {rng.randint(1000, 9999)}",
                f"อีเมล saraban{site.index}@example.go.th",
            ],
            [],
        )
    if code == "5.1.1.6":
        return (
            "กฎหมายและระเบียบที่ใช้ในการปฏิบัติงาน",
            ["พระราชบัญญัติวินัยการเงินการคลังของรัฐ พ.ศ. 2561", "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
             "ระเบียบกระทรวงการคลังว่าด้วยการเบิกเงินจากคลัง พ.ศ. 2562"],
            [],
        )  # fmt: skip
    if code == "5.1.4":
        rows = [[i, name, f"{rng.randint(50, 900) * 1000:,}", f"ต.ค. {fy - 2501} – ก.ย. {fy - 2500}"]
                for i, name in enumerate(site.words.PROJECTS, start=1)]  # fmt: skip
        return (
            f"แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fy}",
            [f"{row[1]} งบประมาณ {row[2]} บาท ระยะเวลา {row[3]}" for row in rows],
            [],
        )
    if code == "5.1.5":
        return (
            f"รายงานผลการดำเนินงานตามแผนปฏิบัติราชการ ปีงบประมาณ พ.ศ. {fy} รอบ 6 เดือน",
            [f"{name} ความก้าวหน้าร้อยละ {rng.randint(10, 95)} เบิกจ่ายแล้ว {rng.randint(10, 400) * 1000:,} บาท"
             for name in site.words.PROJECTS],
            [],
        )  # fmt: skip
    if code == "5.1.6":
        return (
            f"รายงานผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {fy - 1}",
            ["ผลการประเมินตัวชี้วัด บรรลุเป้าหมาย 8 จาก 10 ตัวชี้วัด",
             "ข้อเสนอแนะ ควรเร่งรัดการเบิกจ่ายในไตรมาสแรก และพัฒนาระบบติดตามโครงการ"],
            [],
        )  # fmt: skip
    if code == "5.1.7.1":
        return (
            f"แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {fy}",
            [f"{name} วงเงิน {rng.randint(5, 500) * 1000:,} บาท วิธี{rng.choice(site.words.METHODS)}"
             for name in site.words.PURCHASES],
            [],
        )  # fmt: skip
    if code in ("5.1.8", "5.1.9"):
        what = "การปฏิบัติงาน" if code == "5.1.8" else "การให้บริการประชาชน"
        return (
            f"คู่มือ{what} {rng.choice(site.words.DIVISIONS)}",
            ["ขั้นตอนที่ 1 รับเรื่องและลงทะเบียน", "ขั้นตอนที่ 2 ตรวจสอบความครบถ้วน", "ขั้นตอนที่ 3 ดำเนินการและแจ้งผล",
             "ระยะเวลาให้บริการไม่เกิน 3 วันทำการ"],
            [],
        )  # fmt: skip
    raise ValueError(code)


def _date_line(site: _Site, day: dt.date | None, *, english: bool = False) -> list[str]:
    return [site.words.as_of_line(site.rng, day, english=english)] if day is not None else []


def _document(site: _Site, code: str, kind: str, day: dt.date, dated: bool, name: str) -> str:
    """Write item `code`'s document of `kind` and return its address."""
    title, lines, rows = _body_lines(site, code, day)
    target = site.doc_target(name, _DOC_SUFFIX[kind])
    site.add_file(target, _doc_bytes(kind, title, [*lines, *_date_line(site, day if dated else None)], day, rows),
                  made_on=day)  # fmt: skip
    return target


# -- items ------------------------------------------------------------------------------------------


def _item(site: _Site, item: ItemDefinition) -> None:
    """Decide item's truth and write the pages and documents that carry it."""
    rng, config = site.rng, site.config
    words = site.words.ITEMS[item.code]
    status = rng.choices((FOUND, PARTIAL, NOT_FOUND), weights=config.status_weights)[0]
    label = rng.choice(words.labels_th)
    kind = words.kinds[0] if rng.random() < 0.7 else rng.choice(words.kinds)
    fresh = rng.random() >= config.stale_share
    day = _pick_day(item.currency, fresh, config.check_date, rng)
    dated = rng.random() >= config.undated_share or kind in ("news", "monthly")
    slug = item.code.replace(".", "-")
    in_hub = site.layout in ("hub", "both")
    if status == NOT_FOUND:
        site.truths[item.code] = _Truth(NOT_FOUND, [], None, None, "absent")
        if in_hub:
            site.hub_rows.append((_oit_code(site, item), label, None))
        return
    mode = "complete"
    if status == PARTIAL:
        if item.code == "5.1.3" and rng.random() < 0.6:
            mode = "thai_only"
        elif item.code == "5.1.7.2" and rng.random() < 0.5:
            mode = "missing_fields"
        elif kind in ("pdf", "docx", "xlsx", "monthly") and rng.random() < 0.5:
            mode = "dead_document"
        else:
            mode = "placeholder"
    target = site.page_target(words.section, f"item-{slug}", label)
    evidence = [target]
    as_of: dt.date | None = day if dated else None
    source: str | None = "content" if dated else None
    paragraphs: list[str] = []
    extra = ""
    lang = "th"
    if mode == "placeholder":
        paragraphs = [rng.choice(site.words.PLACEHOLDERS_TH)]
        as_of, source = None, None
    elif mode == "dead_document":
        dead = site.doc_target(f"{slug}-{fiscal_year_of(day)}", _DOC_SUFFIX.get(kind, ".pdf"))
        site.dead.append(dead)
        paragraphs = [f"ดาวน์โหลดเอกสาร{label}"]
        extra = f"<ul><li>{_link(dead, label + ' (PDF)')}</li></ul>"
        as_of, source = None, None
    elif item.code == "5.1.2":
        as_of, source = _news(site, target, day), "content"
        paragraphs = []
    elif item.code == "5.1.3":
        extra, docs = _integrity(site, day, dated, english=mode != "thai_only")
        evidence += docs
        if not dated and docs and not any(doc.endswith(".html") for doc in docs):
            as_of, source = day, "metadata"
    elif item.code == "5.1.7.2":
        extra = _award_table(site, day, full=mode != "missing_fields")
        paragraphs = _date_line(site, as_of)
        if mode != "missing_fields":
            # A full table states each contract's date ("ลงวันที่ …"): the page is dated even without an as-of line.
            as_of, source = day, "content"
    elif item.code == "5.1.7.3":
        extra, docs = _monthly(site, day)
        evidence += docs
    elif item.code in ("5.1.10", "5.1.11"):
        extra = _channel(site, item.code)
        paragraphs = _date_line(site, as_of)
    elif kind == "page" and _english_only(site, item.code):
        # An English-only section: the item's one page is in English, under an English label.
        label, lang = rng.choice(words.labels_en), "en"
        paragraphs = [site.name_en, *site.words.ENGLISH_BODIES[item.code], *_date_line(site, as_of, english=True)]
    elif kind == "page":
        title, lines, _ = _body_lines(site, item.code, day)
        paragraphs = [title, *lines, *_date_line(site, as_of)]
        extra = _images(site, item.code)
    else:
        doc = _document(site, item.code, kind, day, dated, f"{slug}-{fiscal_year_of(day)}-{site.index}")
        if not dated:
            as_of, source = day, "metadata"
        if site.layout == "hub" and rng.random() < (site.holdout.hub_to_documents if site.holdout else 0.4):
            # The hub links straight to the document: there is no page for the item at all.
            site.hub_rows.append((_oit_code(site, item), label, doc))
            site.truths[item.code] = _Truth(status, [doc], as_of, source, mode)
            return
        evidence.append(doc)
        paragraphs = [f"{label} ของ{site.name_th}"]
        extra = f"<ul><li>{_link(doc, label + ' (' + kind.upper() + ')')}</li></ul>"
    if not (item.code == "5.1.2" and mode == "complete"):
        # The news list is the item's page: _news wrote it, and an empty page must not replace it.
        site.add_page(
            _Page(target, label, _para(paragraphs) + extra, lang=lang, crumbs=(site.words.SECTIONS_TH[words.section],))
        )
    if site.layout in ("menus", "both"):
        site.add_menu(words.section, label, target)
    if in_hub:
        site.hub_rows.append((_oit_code(site, item), label, target))
    if (
        lang == "th"
        and site.english
        and mode == "complete"
        and item.code in site.words.ENGLISH_BODIES
        and kind == "page"
    ):
        en_target = "/en" + (target if site.url_style == "path" else f"/{slug}.html")
        body = [site.name_en, *site.words.ENGLISH_BODIES[item.code], *_date_line(site, as_of, english=True)]
        site.add_page(_Page(en_target, rng.choice(words.labels_en), _para(body), lang="en"))
        site.en_menu.append((words.labels_en[0], en_target))
        evidence.append(en_target)
    site.truths[item.code] = _Truth(status, evidence, as_of, source, mode)


def _english_only(site: _Site, code: str) -> bool:
    """Return whether the holdout site writes item `code`'s page in English alone (its "about" section)."""
    return bool(
        site.holdout
        and site.holdout.english_only
        and site.words.ITEMS[code].section == "about"
        and code in site.words.ENGLISH_BODIES
    )


def _oit_code(site: _Site, item: ItemDefinition) -> str:
    codes = item.crosswalk.get(site.oit_year, ())
    return ", ".join(codes) if codes else "-"


def _images(site: _Site, code: str) -> str:
    """Return the pictures an item page carries (a chart, executives' photos, a map) and write them."""
    count = {"5.1.1.1": 1, "5.1.1.2": 3, "5.1.1.5": 1}.get(code, 0)
    parts = []
    for n in range(count):
        target = f"/images/{code.replace('.', '-')}-{n}.png"
        colour = (site.rng.randrange(256), site.rng.randrange(256), site.rng.randrange(256))
        site.add_file(target, documents.png_bytes(40, 30, colour))
        parts.append(f'<img src="{target}" alt="ภาพประกอบ {n + 1}" width="40" height="30">')
    return "".join(parts)


def _news(site: _Site, index_target: str, newest: dt.date) -> dt.date:
    """Write the paginated news list and its articles, newest first; return the newest article's date."""
    rng = site.rng
    count = rng.randint(7, 16)
    days = sorted((newest - dt.timedelta(days=rng.randint(0, 5) * k + 9 * k) for k in range(count)), reverse=True)
    articles: list[tuple[str, str, dt.date]] = []
    for n, day in enumerate(days):
        topic = rng.choice(site.words.NEWS_TOPICS)
        target = f"/news/{fiscal_year_of(day)}/{n + 1:04d}.html"
        lines = [f"{site.words.written_date(rng, day)} {site.name_th} {topic}"]
        if rng.random() < 0.35:
            lines.append(rng.choice(site.words.PASSING_MENTIONS))
        site.add_page(_Page(target, topic, _para(lines), crumbs=(site.words.SECTIONS_TH["news"],)))
        articles.append((target, topic, day))
    per_page = site.config.news_per_page
    pages = [articles[i : i + per_page] for i in range(0, len(articles), per_page)]
    for number, chunk in enumerate(pages, start=1):
        target = index_target if number == 1 else f"/news/page-{number}.html"
        listing = "".join(f"<li>{_link(t, title)} <small>{format_thai_month(d)}</small></li>" for t, title, d in chunk)
        pager = ""
        if number < len(pages):
            pager = _link(f"/news/page-{number + 1}.html", "หน้าถัดไป ›")
        title = getattr(site.words, "NEWS_LIST_TITLE", "ข่าวประชาสัมพันธ์")
        site.add_page(_Page(target, title, f"<ul>{listing}</ul><nav>{pager}</nav>", crumbs=("ข่าวสาร",)))
    return days[0]


def _integrity(site: _Site, day: dt.date, dated: bool, *, english: bool) -> tuple[str, list[str]]:
    """Write the integrity statement (5.1.3) in Thai and, unless `english` is false, in English."""
    head = site.words.person(site.rng)
    fy = fiscal_year_of(day)
    th_lines = [
        f"ข้าพเจ้า {head} ผู้อำนวยการ{site.name_th} ขอแสดงเจตจำนงว่าจะบริหารงานด้วยความซื่อตรง โปร่งใส และตรวจสอบได้",
        "จะไม่ยอมให้มีการรับสินบนหรือผลประโยชน์ใด ๆ ในการปฏิบัติหน้าที่ และจะเปิดเผยข้อมูลต่อสาธารณะ",
        *( [f"ประกาศ ณ วันที่ {site.words.written_date(site.rng, day)}"] if dated else [] ),
    ]  # fmt: skip
    en_lines = [
        f"I, the Director of the {site.name_en}, pledge to lead this office honestly, openly and accountably.",
        "No bribe or favour will be accepted in our work, and our information will be open to the public.",
        *([f"Given on {site.words.written_date(site.rng, day, english=True)}"] if dated else []),
    ]
    targets = []
    as_pdf = site.rng.random() < 0.7
    title_th, title_en = getattr(
        site.words,
        "INTEGRITY_TITLES",
        ("ประกาศเจตจำนงสุจริตของผู้บริหาร ปีงบประมาณ พ.ศ. {fy}", "Declaration of Integrity, Fiscal Year {year}"),
    )
    versions = [("th", title_th.format(fy=fy), th_lines)]
    if english:
        versions.append(("en", title_en.format(year=fy - 543), en_lines))
    for lang, title, lines in versions:
        if as_pdf:
            target = site.doc_target(f"integrity-{lang}-{fy}", ".pdf")
            site.add_file(target, documents.pdf_bytes(title, lines, made_on=day), made_on=day)
        else:
            target = f"/integrity/{lang}-{fy}.html"
            site.add_page(_Page(target, title, _para(lines), lang=lang))
        targets.append(target)
    labels = {"th": "ฉบับภาษาไทย", "en": "English version"}
    links = "".join(f"<li>{_link(t, labels[lang])}</li>" for t, (lang, _, _) in zip(targets, versions, strict=True))
    return f"<ul>{links}</ul>", targets


def _award_table(site: _Site, day: dt.date, *, full: bool) -> str:
    """Return a per-procurement results table; without `full` the prices and contract fields are missing."""
    rng = site.rng
    if full:
        head = ["ลำดับ", "งานที่จัดซื้อจัดจ้าง", "วงเงิน", "ราคากลาง", "วิธีซื้อหรือจ้าง", "ผู้เสนอราคาและราคาที่เสนอ",
                "ผู้ได้รับคัดเลือกและราคาที่ตกลง", "เหตุผลที่คัดเลือก", "เลขที่และวันที่สัญญา"]  # fmt: skip
    else:
        head = ["ลำดับ", "รายการ", "ผู้ชนะ"]
    rows = []
    for n, name in enumerate(rng.sample(site.words.PURCHASES, 4), start=1):
        vendor = rng.choice(site.words.VENDORS)
        budget = rng.randint(5, 300) * 1000
        price = budget - rng.randint(0, 4) * 500
        if full:
            offer = f"{vendor} {price:,} บาท"
            rows.append([str(n), name, f"{budget:,}", f"{budget:,}", rng.choice(site.words.METHODS), offer,
                         f"{vendor} {price:,} บาท", "ราคาต่ำสุดและคุณสมบัติครบ",
                         f"สัญญาเลขที่ {n}/{fiscal_year_of(day)} ลงวันที่ {site.words.written_date(rng, day)}"])  # fmt: skip
        else:
            rows.append([str(n), name, vendor])
    cells = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        "<table><thead><tr>"
        + "".join(f"<th>{_e(h)}</th>" for h in head)
        + f"</tr></thead><tbody>{cells}</tbody></table>"
    )


def _monthly(site: _Site, latest: dt.date) -> tuple[str, list[str]]:
    """Write one procurement summary (สขร.1) per month up to the one published on `latest`."""
    rng = site.rng
    kind = rng.choice(("xlsx", "pdf"))
    targets, items = [], []
    forms: tuple[str, ...] | None = getattr(site.words, "MONTHLY_LABELS", None)
    form = rng.choice(forms) if forms else "สรุปผลการจัดซื้อจัดจ้าง ประจำเดือน{month} (แบบ สขร.1)"
    for back in range(rng.randint(2, 6)):
        published = add_months(latest, -back)
        month = add_months(published.replace(day=1), -1)
        label = form.format(month=site.words.month_label(month, rng))
        lines = [f"{name} วิธี{rng.choice(site.words.METHODS)} ผู้ได้รับคัดเลือก {rng.choice(site.words.VENDORS)}"
                 for name in rng.sample(site.words.PURCHASES, rng.randint(0, 3))]  # fmt: skip
        lines = lines or ["ไม่มีการจัดซื้อจัดจ้างในเดือนนี้"]
        lines.append(site.words.as_of_line(rng, published))
        target = site.doc_target(f"sorkhor1-{month:%Y-%m}-{site.index}", _DOC_SUFFIX[kind])
        site.add_file(target, _doc_bytes(kind, label, lines, published, []), made_on=published)
        targets.append(target)
        if site.holdout and site.holdout.monthly_table:
            items.append(
                f"<tr><td>{_e(site.words.month_label(month, rng))}</td><td>{_link(target, kind.upper())}</td></tr>"
            )
        else:
            items.append(f"<li>{_link(target, label)}</li>")
    if site.holdout and site.holdout.monthly_table:
        return f"<table><tr><th>เดือน</th><th>ไฟล์</th></tr>{''.join(items)}</table>", targets
    return f"<ul>{''.join(items)}</ul>", targets


def _channel(site: _Site, code: str) -> str:
    """Return the opinion (5.1.10) or complaint (5.1.11) channel: a form, or e-mail and phone, and handling."""
    rng = site.rng
    purpose = "แสดงความคิดเห็นต่อการให้บริการ" if code == "5.1.10" else "แจ้งเรื่องร้องเรียนหรือข้อเสนอแนะ"
    parts = [f"<p>ท่านสามารถ{purpose}ได้ตามช่องทางต่อไปนี้</p>"]
    if rng.random() < 0.6:
        parts.append(
            '<form method="post" action="/feedback/send"><label>ชื่อ <input name="name"></label>'
            '<label>ข้อความ <textarea name="message"></textarea></label><button type="submit">ส่ง</button></form>'
        )
    parts.append(
        f"<p>อีเมล contact{site.index}@example.go.th โทร 0 2{rng.randint(100, 999)} {rng.randint(1000, 9999)}</p>"
    )
    if code == "5.1.11":
        parts.append("<ol><li>รับเรื่องภายใน 1 วันทำการ</li><li>ตรวจสอบข้อเท็จจริง</li><li>แจ้งผลภายใน 15 วัน</li></ol>")
    return "".join(parts)


# -- site-wide pages, noise, traps, rendering -------------------------------------------------------


def _noise(site: _Site) -> None:
    """Write pages that are not evidence: a photo gallery, downloads of unrelated documents, links."""
    rng = site.rng
    photos = []
    for n in range(rng.randint(2, 5)):
        target = f"/images/gallery-{n}.png"
        site.add_file(target, documents.png_bytes(60, 40, (n * 40 % 256, 120, 200)))
        photos.append(
            f'<figure><img src="{target}" alt="ภาพกิจกรรม {n + 1}">'
            f"<figcaption>{_e(rng.choice(site.words.NEWS_TOPICS))}</figcaption></figure>"
        )
    site.add_page(_Page("/gallery/index.html", "ภาพกิจกรรม", "".join(photos)))
    site.add_menu("news", "ภาพกิจกรรม", "/gallery/index.html")
    downloads = []
    for n, (title, text) in enumerate(site.words.NOISE_DOCUMENTS):
        target = site.doc_target(f"download-{n}", ".pdf")
        day = site.config.check_date - dt.timedelta(days=rng.randint(10, 300))
        site.add_file(target, documents.pdf_bytes(title, [text], made_on=day), made_on=day)
        downloads.append(f"<li>{_link(target, title)}</li>")
    if "huge_file" in site.traps:
        downloads.append(f"<li>{_link(TRAP_PATHS['huge_file'], 'ภาพถ่ายทางอากาศความละเอียดสูง')}</li>")
    site.add_page(_Page("/downloads/index.html", "ดาวน์โหลดเอกสาร", f"<ul>{''.join(downloads)}</ul>"))
    site.add_menu("about", "ดาวน์โหลด", "/downloads/index.html")
    site.add_page(_Page("/guestbook/index.html", "สมุดเยี่ยม", _para([rng.choice(site.words.PLACEHOLDERS_TH)])))
    site.add_page(_Page("/admin/index.html", "สำหรับเจ้าหน้าที่", _para(["เข้าสู่ระบบสำหรับเจ้าหน้าที่"])))


def _render(site: _Site, page: _Page) -> bytes:
    """Render `page` in the site's template, with the menu every page repeats."""
    english = page.lang == "en"
    if english:
        nav = "".join(f"<li>{_link(t, label)}</li>" for label, t in [("Home", "/en/index.html"), *site.en_menu])
        nav_html = f'<nav class="menu"><ul>{nav}</ul></nav>'
    else:
        groups = []
        for section, entries in site.menu.items():
            title = site.words.SECTIONS_TH[section]
            if site.style == "header":
                groups.append(f"<li>{_link(f'/section/{section}.html', title)}</li>")
            else:
                links = "".join(f"<li>{_link(t, label)}</li>" for label, t in entries)
                groups.append(f"<li>{_e(title)}<ul>{links}</ul></li>")
        top = [("หน้าแรก", "/")]
        if site.layout in ("hub", "both"):
            top.append((_hub_title(site), "/oit/index.html"))
        if site.english:
            top.append(("English", "/en/index.html"))
        head = "".join(f"<li>{_link(t, label)}</li>" for label, t in top)
        nav_html = f'<nav class="menu menu-{site.style}"><ul>{head}{"".join(groups)}</ul></nav>'
    crumbs = ""
    if page.crumbs and site.style != "sidebar":
        trail = " › ".join(_e(c) for c in ("หน้าแรก", *page.crumbs, page.title))
        crumbs = f'<nav class="breadcrumbs">{trail}</nav>'
    footer_links = [("สำหรับเจ้าหน้าที่", "/admin/index.html"), ("สมุดเยี่ยม", "/guestbook/index.html")]
    trap_labels = {**_TRAP_LABELS, **getattr(site.words, "TRAP_LABELS", {})}
    footer_links += [(label, TRAP_PATHS[trap]) for trap, label in trap_labels.items() if trap in site.traps]
    footer = " | ".join(_link(t, label) for label, t in footer_links)
    if site.style == "mega" and not english:
        footer += (
            "<div class='sitemap'>" + "".join(_link(t, label) for e in site.menu.values() for label, t in e) + "</div>"
        )
    name = site.name_en if english else site.name_th
    charset = site.encoding if not english else "utf-8"
    heading = f"<h1>{_e(page.title)}</h1>"
    title = f"{_e(page.title)} | {_e(name)}"
    if site.holdout and site.holdout.heading_only and page.target != "/":
        # Many CMS templates title every page with the site name and put the page's own name in an h2.
        heading, title = f"<h1 class='site'>{_e(name)}</h1><h2>{_e(page.title)}</h2>", _e(name)
    layout = (
        f"<div class='cols'><aside>{nav_html}</aside><main>{crumbs}{heading}{page.body}</main></div>"
        if site.style == "sidebar"
        else f"<header>{nav_html}</header><main>{crumbs}{heading}{page.body}</main>"
    )
    text = (
        f'<!DOCTYPE html><html lang="{page.lang}"><head><meta charset="{charset}"><title>{title}'
        f"</title></head><body><div class='brand'>{_e(name)}</div>{layout}<footer>{footer}<p>© {_e(name)}</p>"
        "</footer></body></html>"
    )
    return text.encode("cp874" if charset == "windows-874" else charset, errors="xmlcharrefreplace")


def _hub_title(site: _Site) -> str:
    if hasattr(site.words, "HUB_TITLES"):
        return str(site.words.HUB_TITLES[site.oit_year])
    return {"ita-2566": "ITA 2566 การเปิดเผยข้อมูลสาธารณะ (OIT)", "ita-2568": "การเปิดเผยข้อมูลสาธารณะ (OIT)"}[site.oit_year]


def _site_pages(site: _Site) -> None:
    """Write the home page, the OIT hub, the section index pages and the English home page."""
    news_links = [f"<li>{_link(p.target, p.title)}</li>" for p in site.pages if p.target.startswith("/news/2")][:5]
    site.add_page(_Page("/", site.name_th, f"<p>ยินดีต้อนรับสู่เว็บไซต์{_e(site.name_th)}</p><ul>{''.join(news_links)}</ul>"))
    if site.layout in ("hub", "both"):
        rows = []
        for oit, label, target in site.hub_rows:
            cell = _link(target, site.holdout.hub_link if site.holdout else "รายละเอียด") if target else "-"
            rows.append(f"<tr><td>{_e(oit)}</td><td>{_e(label)}</td><td>{cell}</td></tr>")
        table = "<table><thead><tr><th>ตัวชี้วัด</th><th>ข้อมูล</th><th>ลิงก์</th></tr></thead><tbody>" + "".join(rows)
        site.add_page(_Page("/oit/index.html", _hub_title(site), table + "</tbody></table>"))
    for section, entries in site.menu.items():
        links = "".join(f"<li>{_link(t, label)}</li>" for label, t in entries)
        site.add_page(_Page(f"/section/{section}.html", site.words.SECTIONS_TH[section], f"<ul>{links}</ul>"))
    if site.english:
        site.add_page(_Page("/en/index.html", site.name_en, _para([f"Welcome to the {site.name_en}."]), lang="en"))


def _plan_site(index: int, config: FarmConfig) -> _Site:
    stream = "monitor-farm" if config.wording == "main" else f"monitor-farm-{config.wording}"
    rng = random.Random(f"{stream}:{config.seed}:{index}")
    words = WORDINGS[config.wording]
    province_th, province_en = words.PROVINCES[index % len(words.PROVINCES)]
    kind_th, kind_en, abbr = words.UNIT_KINDS[rng.randrange(len(words.UNIT_KINDS))]
    serial = f" {index // len(words.PROVINCES) + 1}" if index >= len(words.PROVINCES) else ""
    traps = [TRAPS[index % len(TRAPS)]] + [t for t in TRAPS if rng.random() < 0.1]
    return _Site(
        index=index,
        config=config,
        rng=rng,
        name_th=f"{kind_th}{province_th}{serial}",
        name_en=f"{kind_en}, {province_en}{serial}",
        abbr=abbr,
        style=rng.choice(("header", "sidebar", "mega")),
        layout=rng.choices(("hub", "menus", "both"), weights=(3, 4, 3))[0],
        url_style=rng.choices(("path", "cms", "thai"), weights=(5, 3, 2))[0],
        english=rng.random() < 0.4,
        encoding="windows-874" if rng.random() < 0.1 else "utf-8",
        robots="crawl_delay" if index == 1 else rng.choices(("none", "plain"), weights=(1, 3))[0],
        sitemap=rng.random() < 0.6,
        last_modified=rng.random() < 0.5,
        traps=tuple(dict.fromkeys(traps)),
        oit_year=rng.choice(("ita-2566", "ita-2568")),
        words=words,
        holdout=_holdout_layout(index, config) if config.wording == "holdout" else None,
    )


def _holdout_layout(index: int, config: FarmConfig) -> _HoldoutLayout:
    rng = random.Random(f"monitor-farm-holdout:{config.seed}:{index}")
    return _HoldoutLayout(
        heading_only=rng.random() < 0.5,
        english_only=rng.random() < 0.3,
        hub_link=rng.choice(("ดูข้อมูล", "คลิก", "Link", "เปิด", "ดาวน์โหลด")),
        hub_to_documents=0.8,
        monthly_table=rng.random() < 0.6,
    )


def _build_site(index: int, config: FarmConfig, checklist: ChecklistDefinition) -> _Site:
    site = _plan_site(index, config)
    for item in checklist.items:
        _item(site, item)
    _noise(site)
    _site_pages(site)
    for page in site.pages:
        site.add_file(page.target, _render(site, page))
    return site


def _site_key(site: _Site, checklist: ChecklistDefinition) -> dict[str, Any]:
    items = []
    for item in checklist.items:
        truth = site.truths[item.code]
        items.append(
            {
                "code": item.code,
                "status": truth.status,
                "evidence_urls": truth.evidence,
                "as_of": truth.as_of.isoformat() if truth.as_of else None,
                "current": truth_current(item.currency, truth.as_of, site.config.check_date),
                "date_source": truth.date_source,
                "mode": truth.mode,
            }
        )
    return {
        "index": site.index,
        "slug": site_slug(site.index),
        "host": site_host(site.index),
        "name_th": site.name_th,
        "name_en": site.name_en,
        "features": {
            "style": site.style,
            "layout": site.layout,
            "url_style": site.url_style,
            "english": site.english,
            "encoding": site.encoding,
            "robots": site.robots,
            "sitemap": site.sitemap,
            "last_modified": site.last_modified,
        },
        "traps": {trap: TRAP_PATHS[trap] for trap in site.traps},
        "items": items,
    }


def _manifest(site: _Site) -> dict[str, Any]:
    disallow = ["/admin/"]
    delay = 1.0 if site.robots == "crawl_delay" else None
    return {
        "host": site_host(site.index),
        "encoding": site.encoding,
        "routes": site.routes,
        "last_modified": site.modified,
        "robots": None if site.robots == "none" else {"disallow": disallow, "crawl_delay": delay},
        "sitemap": sorted(p.target for p in site.pages if not p.target.startswith("/admin/")) if site.sitemap else None,
        "traps": list(site.traps),
    }  # fmt: skip


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def generate_farm(config: FarmConfig, out_dir: Path) -> dict[str, Any]:
    """Write `config.sites` sites and their answer key under `out_dir` and return the key.

    An earlier farm in `out_dir/sites` is replaced, so a directory never mixes two seeds.
    """
    checklist = load_checklist_file(config.checklist_path)
    sites_dir = out_dir / "sites"
    if sites_dir.exists():
        shutil.rmtree(sites_dir)
    keys = []
    for index in range(config.sites):
        site = _build_site(index, config, checklist)
        root = sites_dir / site_slug(index)
        for relpath, content in site.files.items():
            path = root / "www" / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        (root / "site.json").write_bytes(_dump(_manifest(site)))
        key = _site_key(site, checklist)
        (root / "answer_key.json").write_bytes(_dump(key))
        keys.append(key)
    farm = {
        "farm": {
            "generator_version": GENERATOR_VERSION,
            "seed": config.seed,
            "sites": config.sites,
            "check_date": config.check_date.isoformat(),
            "checklist": checklist.code,
            "wording": config.wording,
        },
        "sites": keys,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "answer_key.json").write_bytes(_dump(farm))
    return farm
