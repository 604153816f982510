"""The benchmark farm: generator and answer key, loopback server and traps, scoring, the Scrapy settings."""

import asyncio
import concurrent.futures
import datetime as dt
import html
import json
import random
import re
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import aiohttp
import pymupdf
import pytest
from pythainlp.util import normalize

from bench.monitor_farm.documents import pdf_bytes
from bench.monitor_farm.generate import FarmConfig, generate_farm, site_host, truth_current
from bench.monitor_farm.score import format_table, score_farm, url_key
from bench.monitor_farm.scrapy_baseline import CrawlPolicy, baseline_settings
from bench.monitor_farm.serve import FarmServer, ServeConfig
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, CurrencyRule, load_checklist_file

CONFIG = FarmConfig(sites=3, seed=7)


@pytest.fixture(scope="module")
def farm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    directory = tmp_path_factory.mktemp("farm")
    return directory, generate_farm(CONFIG, directory)


def _manifest(directory: Path, site: dict[str, Any]) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(
        (directory / "sites" / site["slug"] / "site.json").read_text(encoding="utf-8")
    )
    return manifest


def _files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def _serve(directory: Path, body: Callable[[FarmServer, aiohttp.ClientSession], Awaitable[None]], **kw: Any) -> None:
    async def run() -> None:
        server = FarmServer(directory, config=ServeConfig(huge_bytes=300_000, chunk_bytes=65_536, **kw))
        await server.start()
        try:
            async with aiohttp.ClientSession() as session:
                await body(server, session)
        finally:
            await server.stop()

    # Its own thread: a browser test earlier in the session may leave an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, run()).result()


def test_answer_key_covers_every_item_with_evidence_that_exists(farm: tuple[Path, dict[str, Any]]) -> None:
    directory, key = farm
    codes = [item.code for item in load_checklist_file(DEFAULT_CHECKLIST_PATH).items]
    assert key["farm"] == {
        "generator_version": 1,
        "seed": 7,
        "sites": 3,
        "check_date": "2026-03-15",
        "checklist": "mof-ops-2562",
        "wording": "main",
    }
    assert [s["host"] for s in key["sites"]] == ["127.0.1.1", "127.0.1.2", "127.0.1.3"]
    for site in key["sites"]:
        assert [item["code"] for item in site["items"]] == codes
        manifest = _manifest(directory, site)
        per_site = json.loads((directory / "sites" / site["slug"] / "answer_key.json").read_text(encoding="utf-8"))
        assert per_site == site
        for item in site["items"]:
            if item["status"] == "not_found":
                assert item["evidence_urls"] == []
                assert (item["as_of"], item["current"]) == (None, None)
                continue
            assert item["evidence_urls"]
            for url in item["evidence_urls"]:
                relpath = manifest["routes"][url_key(url)]
                assert (directory / "sites" / site["slug"] / "www" / relpath).stat().st_size > 0
        # The answer key and manifest live beside the served files, never among them.
        assert not any("answer_key" in target or "site.json" in target for target in manifest["routes"])


def test_statuses_modes_and_currency_are_consistent(farm: tuple[Path, dict[str, Any]]) -> None:
    _, key = farm
    rules = {item.code: item.currency for item in load_checklist_file(DEFAULT_CHECKLIST_PATH).items}
    items = [item for site in key["sites"] for item in site["items"]]
    assert {item["status"] for item in items} == {"found", "partial", "not_found"}
    assert {item["current"] for item in items} == {True, False, None}
    for item in items:
        as_of = dt.date.fromisoformat(item["as_of"]) if item["as_of"] else None
        assert item["current"] == truth_current(rules[item["code"]], as_of, CONFIG.check_date)
        if item["mode"] in ("placeholder", "dead_document"):
            assert (item["status"], item["as_of"], item["current"]) == ("partial", None, None)
        if item["mode"] == "thai_only":
            assert item["code"] == "5.1.3"
            assert len(item["evidence_urls"]) == 2  # the item page and the Thai statement only


def test_holdout_farm_is_written_in_its_own_words_with_a_key_whose_evidence_exists(tmp_path: Path) -> None:
    from bench.monitor_farm import wording, wording_holdout

    key = generate_farm(FarmConfig(sites=3, seed=7, wording="holdout"), tmp_path)
    assert key["farm"]["wording"] == "holdout"
    main_labels = {label for words in wording.ITEMS.values() for label in (*words.labels_th, *words.labels_en)}
    holdout_labels = {
        label for words in wording_holdout.ITEMS.values() for label in (*words.labels_th, *words.labels_en)
    }
    assert len(holdout_labels - main_labels) >= 0.7 * len(holdout_labels)
    assert set(wording_holdout.PLACEHOLDERS_TH).isdisjoint(wording.PLACEHOLDERS_TH)
    for site in key["sites"]:
        manifest = _manifest(tmp_path, site)
        for item in site["items"]:
            for url in item["evidence_urls"]:
                assert (tmp_path / "sites" / site["slug"] / "www" / manifest["routes"][url_key(url)]).is_file()
    pages = "".join(p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*.html"))
    assert any(title in pages for title in wording_holdout.HUB_TITLES.values()) or "ITA" not in pages
    assert "เกี่ยวกับเรา" not in pages  # the main farm's section names never appear


# The separators the checklist's phrases are written without; a label is compared with them folded the same way.
_SEPARATORS = re.compile(r"[\s/\\\-–—.,:;()\[\]{}\"'|&·•_*+!?“”‘’<>«»]+")


def _fold(text: str) -> str:
    return _SEPARATORS.sub("", normalize(text).lower())


def _checklist_phrases() -> dict[str, str]:
    """Return every keyword and item name of the checklist, folded, with the item it belongs to."""
    phrases: dict[str, str] = {}
    for item in load_checklist_file(DEFAULT_CHECKLIST_PATH).items:
        for phrase in (*item.keywords_th, *item.keywords_en, item.name_th, item.name_en):
            phrases.setdefault(_fold(phrase), item.code)
    return phrases


def _offending(labels: set[str], phrases: dict[str, str]) -> list[str]:
    return sorted(
        f"{label!r} ⊇ {phrase!r} ({code})"
        for label in labels
        for phrase, code in phrases.items()
        if phrase in _fold(label)
    )


def _unseen_labels() -> set[str]:
    """Return every label the unseen wording can put on a site, its title templates filled in every way."""
    from bench.monitor_farm import wording_unseen as words

    labels = {label for item in words.ITEMS.values() for label in (*item.labels_th, *item.labels_en)}
    labels |= {*words.SECTIONS_TH.values(), *words.SECTIONS_EN.values(), *words.HUB_TITLES.values()}
    labels |= {words.NEWS_LIST_TITLE, *words.TRAP_LABELS.values(), *words.NEWS_TOPICS}
    labels |= {title for title, _ in words.NOISE_DOCUMENTS}
    units = [f"{kind} {province}" for kind, _, _ in words.UNIT_KINDS for province, _ in words.PROVINCES]
    units += [f"{kind_en}, {province_en}" for _, kind_en, _ in words.UNIT_KINDS for _, province_en in words.PROVINCES]
    for templates in words.CONTENT_TITLES.values():
        for template in templates:
            for unit in units:
                for division in words.DIVISIONS:
                    for fy in (2566, 2569):
                        labels.add(
                            template.format(
                                unit=unit, division=division, fy=fy, fy_prev=fy - 1, fy_from=fy - 2, fy_to=fy + 2
                            )
                        )
    title_th, title_en = words.INTEGRITY_TITLES
    labels |= {title_th.format(fy=2569), title_en.format(year=2026)}
    rng = random.Random(1)
    months = [dt.date(2025, month, 1) for month in range(1, 13)]
    labels |= {form.format(month=words.month_label(m, rng)) for form in words.MONTHLY_LABELS for m in months * 4}
    return labels


def test_unseen_wording_names_no_item_with_a_checklist_phrase() -> None:
    from bench.monitor_farm import wording_unseen

    phrases = _checklist_phrases()
    assert "แผนภูมิองค์กร" in phrases  # Thai and English phrases, folded
    assert "tellus" in phrases
    assert set(wording_unseen.ITEMS) == {item.code for item in load_checklist_file(DEFAULT_CHECKLIST_PATH).items}
    for item in wording_unseen.ITEMS.values():
        assert len(item.labels_th) >= 5
        assert len(item.labels_en) >= 3
    offending = _offending(_unseen_labels(), phrases)
    assert not offending, "\n".join(offending)


def _page_labels(path: Path) -> set[str]:
    """Return the titles, headings, link texts, menu groups, breadcrumbs and OIT cells of a served file."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        with pymupdf.open(stream=data) as doc:
            return {doc.metadata["title"]}
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            if path.suffix == ".docx":
                return set(re.findall(r"<dc:title>([^<]*)</dc:title>", archive.read("docProps/core.xml").decode()))
            return set(re.findall(r'<sheet name="([^"]*)"', archive.read("xl/workbook.xml").decode()))
    if path.suffix != ".html":
        return set()
    charset = re.search(rb'charset="([^"]+)"', data)
    text = data.decode((charset.group(1).decode() if charset else "utf-8").replace("windows-874", "cp874"))
    parts = re.findall(r"<title>(.*?)</title>|<h\d[^>]*>(.*?)</h\d>|<a [^>]*>(.*?)</a>|<li>([^<]+)<ul>", text)
    parts += [
        (crumb,) for trail in re.findall(r'<nav class="breadcrumbs">(.*?)</nav>', text) for crumb in trail.split("›")
    ]
    if "<th>ตัวชี้วัด</th>" in text:  # the OIT hub: each row names its item in the second cell
        parts += [(row,) for row in re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", text)]
    labels = {html.unescape(re.sub(r"<[^>]+>", " ", part)).strip() for found in parts for part in found}
    return labels - {""}


def test_unseen_farm_has_a_full_key_and_no_checklist_phrase_in_its_labels(tmp_path: Path) -> None:
    key = generate_farm(FarmConfig(sites=4, seed=7, wording="unseen"), tmp_path)
    assert key["farm"]["wording"] == "unseen"
    rules = {item.code: item.currency for item in load_checklist_file(DEFAULT_CHECKLIST_PATH).items}
    modes = set()
    for site in key["sites"]:
        assert [item["code"] for item in site["items"]] == list(rules)
        manifest = _manifest(tmp_path, site)
        for item in site["items"]:
            modes.add(item["mode"])
            assert bool(item["evidence_urls"]) == (item["status"] != "not_found")
            as_of = dt.date.fromisoformat(item["as_of"]) if item["as_of"] else None
            assert item["current"] == truth_current(rules[item["code"]], as_of, CONFIG.check_date)
            for url in item["evidence_urls"]:
                assert (tmp_path / "sites" / site["slug"] / "www" / manifest["routes"][url_key(url)]).is_file()
    assert {"complete", "placeholder", "absent"} <= modes
    labels = {label for path in (tmp_path / "sites").rglob("f/*") for label in _page_labels(path)}
    assert len(labels) > 100
    offending = _offending(labels, _checklist_phrases())
    assert not offending, "\n".join(offending)
    pages = "".join(p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*.html"))
    assert "เกี่ยวกับเรา" not in pages  # the other sets' section names never appear
    assert "ข้อมูลหน่วยงาน" not in pages


def test_dead_documents_are_linked_but_not_served(farm: tuple[Path, dict[str, Any]]) -> None:
    directory, key = farm
    dead_items = [(s, i) for s in key["sites"] for i in s["items"] if i["mode"] == "dead_document"]
    for site, item in dead_items:
        manifest = _manifest(directory, site)
        page = directory / "sites" / site["slug"] / "www" / manifest["routes"][url_key(item["evidence_urls"][0])]
        hrefs = re.findall(r'href="([^"]+)"', page.read_bytes().decode("utf-8", "replace"))
        missing = [h for h in hrefs if url_key(h.replace("&amp;", "&")) not in manifest["routes"] and "." in h[-6:]]
        assert missing, item


@pytest.mark.parametrize(
    ("rule", "as_of", "expected"),
    [
        (CurrencyRule.MONTHLY, dt.date(2026, 2, 20), True),
        (CurrencyRule.MONTHLY, dt.date(2026, 2, 14), False),
        (CurrencyRule.SIX_MONTHS, dt.date(2025, 9, 16), True),
        (CurrencyRule.SIX_MONTHS, dt.date(2025, 9, 15), False),
        (CurrencyRule.CURRENT_FISCAL_YEAR, dt.date(2025, 10, 1), True),
        (CurrencyRule.CURRENT_FISCAL_YEAR, dt.date(2025, 9, 30), False),
        (CurrencyRule.SIX_MONTHS, dt.date(2026, 3, 16), False),
        (CurrencyRule.SIX_MONTHS, None, None),
        (CurrencyRule.PREVIOUS_FISCAL_YEAR, dt.date(2025, 12, 1), True),
        (CurrencyRule.PREVIOUS_FISCAL_YEAR, dt.date(2025, 9, 20), False),
    ],
)
def test_truth_current_follows_the_checklist_currency_rule(
    rule: CurrencyRule, as_of: dt.date | None, expected: bool | None
) -> None:
    assert truth_current(rule, as_of, dt.date(2026, 3, 15)) is expected


def test_generated_pdf_thai_text_extracts_back_exactly(farm: tuple[Path, dict[str, Any]]) -> None:
    text = "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. ๒๕๖๙ ข้อมูล ณ วันที่ 15 มี.ค. 69 น้ำ ปั่น ญี่ปุ่น เจตจำนงสุจริต"
    paragraphs = [text, "กำลังปรับปรุงข้อมูล " * 40]
    with pymupdf.open(stream=pdf_bytes("ประกาศผู้ชนะการเสนอราคา", paragraphs, made_on=dt.date(2026, 1, 5))) as doc:
        extracted = "".join(page.get_text() for page in doc)
        assert doc.metadata["creationDate"] == "D:20260105090000+07'00'"
    assert extracted.split() == f"ประกาศผู้ชนะการเสนอราคา {text} {paragraphs[1]}".split()
    directory, _ = farm
    statements = sorted(directory.rglob("integrity-th-*.pdf"))
    farm_pdfs = statements or sorted(directory.rglob("*.pdf"))
    with pymupdf.open(farm_pdfs[0]) as doc:
        farm_text = "".join(page.get_text() for page in doc)
    assert "\u0e4d\u0e32" not in farm_text  # sara am is never split into nikhahit + sara aa
    assert re.search("[\u0e01-\u0e5b]{4}", farm_text)


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(
    farm: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    directory, _ = farm
    generate_farm(CONFIG, tmp_path / "again")
    assert _files(tmp_path / "again") == _files(directory)
    generate_farm(FarmConfig(sites=3, seed=8), tmp_path / "other")
    assert _files(tmp_path / "other") != _files(directory)


def test_site_hosts_continue_on_the_next_third_octet() -> None:
    assert [site_host(i) for i in (0, 253, 254, 300)] == ["127.0.1.1", "127.0.1.254", "127.0.2.1", "127.0.2.47"]


def test_server_answers_each_site_on_its_own_host(farm: tuple[Path, dict[str, Any]]) -> None:
    directory, key = farm

    async def body(server: FarmServer, session: aiohttp.ClientSession) -> None:
        assert server.site_urls == [f"http://127.0.1.{i}:{server.port}/" for i in (1, 2, 3)]
        for site, url in zip(key["sites"], server.site_urls, strict=True):
            async with session.get(url) as answer:
                assert answer.status == 200
                encoding = site["features"]["encoding"].replace("windows-874", "cp874")
                page = (await answer.read()).decode(encoding)
            assert f"<title>{site['name_th']} | {site['name_th']}</title>" in page
            evidence = next(i["evidence_urls"][-1] for i in site["items"] if i["status"] == "found")
            async with session.get(url.rstrip("/") + evidence) as answer:
                assert answer.status == 200
            async with session.get(url + "no/such/page.html") as answer:
                assert answer.status == 404

    _serve(directory, body)


def test_robots_sitemap_and_last_modified_follow_the_manifest(farm: tuple[Path, dict[str, Any]]) -> None:
    directory, key = farm

    async def body(server: FarmServer, session: aiohttp.ClientSession) -> None:
        for site, url in zip(key["sites"], server.site_urls, strict=True):
            manifest = _manifest(directory, site)
            async with session.get(url + "robots.txt") as answer:
                robots = await answer.text()
                if manifest["robots"] is None:
                    assert answer.status == 404
                else:
                    assert answer.status == 200
                    assert "Disallow: /admin/" in robots
            if site["index"] == 1:
                assert "Crawl-delay: 1\n" in robots
            async with session.get(url + "sitemap.xml") as answer:
                if manifest["sitemap"] is None:
                    assert answer.status == 404
                else:
                    locs = re.findall(r"<loc>([^<]+)</loc>", await answer.text())
                    assert len(locs) == len(manifest["sitemap"])
                    assert all(loc.startswith(url.rstrip("/")) for loc in locs)
                    if manifest["robots"] is not None:
                        assert f"Sitemap: {url}sitemap.xml" in robots
            for target, day in list(manifest["last_modified"].items())[:2]:
                async with session.get(url.rstrip("/") + target) as answer:
                    assert answer.status == 200
                    assert answer.headers["Last-Modified"] == dt.datetime.fromisoformat(day).strftime(
                        "%a, %d %b %Y 09:00:00 GMT"
                    )

    _serve(directory, body)


def test_traps_calendar_is_endless_session_ids_never_repeat_redirects_loop(
    farm: tuple[Path, dict[str, Any]],
) -> None:
    directory, key = farm
    by_trap = {trap: (site, path) for site in key["sites"] for trap, path in site["traps"].items()}
    assert {"calendar", "session_ids", "redirect_loop"} <= set(by_trap)

    async def body(server: FarmServer, session: aiohttp.ClientSession) -> None:
        def base(site: dict[str, Any]) -> str:
            return f"http://{site['host']}:{server.port}"

        site, path = by_trap["calendar"]
        seen = []
        for _ in range(4):
            async with session.get(base(site) + path) as answer:
                page = await answer.text()
            seen.append(path)
            path = re.findall(r'href="([^"]+)">เดือนถัดไป', page)[0].replace("&amp;", "&")
        assert seen == [
            "/calendar/?y=2026&m=3",
            "/calendar/?y=2026&m=4",
            "/calendar/?y=2026&m=5",
            "/calendar/?y=2026&m=6",
        ]

        site, path = by_trap["session_ids"]
        links: set[str] = set()
        for _ in range(3):
            async with session.get(base(site) + path) as answer:
                found = re.findall(r'href="(/webboard/[^"]+)"', await answer.text())
            assert len(found) == 5
            assert not links & set(found)
            links |= set(found)
            path = found[0].replace("&amp;", "&")

        site, path = by_trap["redirect_loop"]
        async with session.get(base(site) + path, allow_redirects=False) as answer:
            assert (answer.status, answer.headers["Location"]) == (302, "/eservice/auth?next=/eservice/login")
        async with session.get(base(site) + "/eservice/auth?next=/eservice/login", allow_redirects=False) as answer:
            assert (answer.status, answer.headers["Location"]) == (302, "/eservice/login")
        with pytest.raises(aiohttp.TooManyRedirects):
            async with session.get(base(site) + path, max_redirects=6):
                pass

    _serve(directory, body)


def test_huge_file_and_slow_page(tmp_path: Path) -> None:
    generate_farm(FarmConfig(sites=5, seed=7), tmp_path)

    async def body(server: FarmServer, session: aiohttp.ClientSession) -> None:
        huge, slow = server.site_urls[3], server.site_urls[4]
        async with session.get(huge + "files/aerial-photos-full.pdf") as answer:
            assert answer.headers["Content-Length"] == "300000"
            content = await answer.read()
        assert (len(content), content[:9]) == (300_000, b"%PDF-1.4\n")
        loop = asyncio.get_running_loop()
        started = loop.time()
        async with session.get(slow + "stats/visitors.html") as answer:
            page = await answer.text()
        assert loop.time() - started >= 0.3
        assert page.endswith("<p>0</p><p>1</p><p>2</p></body></html>")

    _serve(tmp_path, body, slow_seconds=0.3, drip_seconds=0.1)


KEY = {
    "sites": [
        {
            "host": "127.0.1.1",
            "items": [
                {"code": "a", "status": "found", "evidence_urls": ["/x/%E0%B8%81/"], "current": True},
                {"code": "b", "status": "partial", "evidence_urls": ["/b.html"], "current": None},
                {"code": "c", "status": "not_found", "evidence_urls": [], "current": None},
            ],
        },
        {
            "host": "127.0.1.2",
            "items": [
                {"code": "a", "status": "found", "evidence_urls": ["/a.pdf"], "current": False},
                {"code": "b", "status": "found", "evidence_urls": ["/b.html"], "current": True},
                {"code": "c", "status": "partial", "evidence_urls": ["/c.html"], "current": None},
            ],
        },
    ]
}


def test_score_counts_precision_recall_evidence_and_currency_exactly() -> None:
    outputs = [
        {
            "site": "http://127.0.1.1:8800/",
            "items": [
                {"code": "a", "status": "found", "evidence_urls": ["http://127.0.1.1:8800/x/ก/"], "current": True},
                {"code": "b", "status": "found", "evidence_urls": ["http://127.0.1.1:8800/b.html"], "current": True},
                {"code": "c", "status": "partial", "evidence_urls": ["http://127.0.1.1:8800/menu"], "current": None},
            ],
        },
        {
            "site": "http://127.0.1.2:8800/",
            "items": [
                {"code": "a", "status": "found", "evidence_urls": ["http://127.0.1.2:8800/other"], "current": True},
                {"code": "b", "status": "not_found", "evidence_urls": [], "current": None},
            ],
        },
    ]
    result = score_farm(KEY, outputs)
    a, b, c = result.items
    assert (a.found.precision, a.found.recall, a.evidence_rate, a.current_accuracy) == (1.0, 1.0, 0.5, 0.5)
    assert (b.found.tp, b.found.fp, b.found.fn) == (0, 1, 1)
    assert (b.found.precision, b.found.recall) == (0.0, 0.0)
    assert (b.partial.precision, b.partial.recall) == (None, 0.0)
    assert (b.present.precision, b.present.recall) == (1.0, 0.5)
    assert (b.current_guesses, b.current_accuracy) == (1, 0.0)
    assert (c.partial.tp, c.partial.fp, c.partial.fn, c.missing) == (0, 1, 1, 1)
    assert (c.present.precision, c.present.recall) == (0.0, 0.0)
    total = result.total
    assert (total.found.tp, total.found.fp, total.found.fn) == (2, 1, 1)
    assert (total.present.tp, total.present.fp, total.present.fn) == (3, 1, 2)
    assert (total.current_right, total.current_known, total.current_guesses) == (1, 3, 1)
    assert result.sites_missing == []
    table = format_table(result).splitlines()
    assert table[2] == "| a | 1.00 | 1.00 | – | – | 1.00 | 1.00 | 0.50 | 0.50 | 0 |"
    assert table[-1] == "| all | 0.67 | 0.67 | 0.00 | 0.00 | 0.75 | 0.60 | 0.67 | 0.33 | 1 |"


def test_score_counts_a_missing_site_as_not_found() -> None:
    result = score_farm(KEY, [])
    assert result.sites_missing == ["127.0.1.1", "127.0.1.2"]
    assert (result.total.found.tp, result.total.found.fn, result.total.found.precision) == (0, 3, None)
    assert result.total.missing == 6
    assert url_key("http://h:1/%E0%B8%81?id=2") == url_key("/ก?id=2") == unquote("/%E0%B8%81") + "?id=2"


def test_scrapy_settings_apply_the_same_politeness() -> None:
    policy = CrawlPolicy(concurrency_per_host=3, delay_seconds=0.5, max_response_bytes=1000, timeout_seconds=4.0)
    settings = baseline_settings(policy, {"127.0.1.2": 2.0, "127.0.1.5": 0.1})
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 3
    assert (settings["DOWNLOAD_DELAY"], settings["DOWNLOAD_DELAY_JITTER"]) == (0.5, 0)
    assert settings["DOWNLOAD_SLOTS"] == {
        "127.0.1.2": {"concurrency": 3, "delay": 2.0, "jitter": 0},
        "127.0.1.5": {"concurrency": 3, "delay": 0.5, "jitter": 0},
    }
    assert (settings["DOWNLOAD_MAXSIZE"], settings["DOWNLOAD_TIMEOUT"], settings["REDIRECT_MAX_TIMES"]) == (
        1000,
        4.0,
        5,
    )
    assert settings["COOKIES_ENABLED"] is False


def test_the_farm_server_ignores_the_order_of_query_parameters() -> None:
    from bench.monitor_farm.serve import _order_free

    assert _order_free("/index.php?option=com_content&id=101") == _order_free("/index.php?id=101&option=com_content")
    assert _order_free("/news/") == "/news/"
