"""The self-check on small unit websites written by hand, unlike anything the farm generates.

Each site is served on loopback and checked with run_selfcheck exactly as an agency would; the
tests assert every item's status and currency. The sites copy habits of real Thai agency sites: a
Joomla template whose mega menu repeats every label on every page, a WordPress ITA/OIT page whose
table links each item to a PDF, placeholders ("อยู่ระหว่างปรับปรุงข้อมูล"), a dead PDF link, a legacy
Windows-874 site that writes Thai digits, and an English-only section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from aiohttp import web

from bench.monitor_farm.accuracy import check_config
from bench.monitor_farm.documents import pdf_bytes, png_bytes
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.outcome import CheckOutcome, DateSource, ItemStatus
from prongsai.monitoring.selfcheck import run_selfcheck
from tests.monitoring.fetch_loopback import Handler, html, run_async, serve

TODAY = dt.date(2026, 3, 15)
FOUND, PARTIAL, NOT_FOUND = ItemStatus.FOUND, ItemStatus.PARTIAL, ItemStatus.NOT_FOUND


def _file(content: bytes, content_type: str) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=content, content_type=content_type)

    return handler


def _legacy(text: str) -> Handler:
    """Answer with a page encoded in Windows-874, as old Thai government sites still are."""

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=text.encode("cp874"), headers={"Content-Type": "text/html; charset=windows-874"})

    return handler


def _check(routes: Mapping[str, Handler]) -> CheckOutcome:
    async def scenario() -> CheckOutcome:
        async with serve(dict(routes)) as server:
            return await run_selfcheck(
                server.url("/"),
                checklist=load_checklist_file(DEFAULT_CHECKLIST_PATH),
                config=check_config(delay=0.0, max_pages=120, max_seconds=30.0),
                policy=server.policy,
                clock=SystemClock(),
                today=TODAY,
            )

    return run_async(scenario())


def _statuses(outcome: CheckOutcome) -> dict[str, tuple[ItemStatus, bool | None]]:
    return {item.code: (item.status, item.current) for item in outcome.items}


def _none_found(outcome: CheckOutcome) -> dict[str, tuple[ItemStatus, bool | None]]:
    return {item.code: (NOT_FOUND, None) for item in outcome.items}


def _paths(outcome: CheckOutcome, code: str) -> list[str]:
    item = next(item for item in outcome.items if item.code == code)
    return [url.split(":", 2)[2].split("/", 1)[1] for url in item.evidence_urls]


# -- a Joomla-like provincial office: every label in a mega menu on every page ------------------------

_MEGA_MENU = """
<nav class="navbar mega-menu"><ul>
 <li><a href="/">หน้าหลัก</a></li>
 <li class="dropdown"><a href="#">ข้อมูลพื้นฐาน</a><ul>
   <li><a href="/index.php/about/structure">โครงสร้างหน่วยงาน</a></li>
   <li><a href="/index.php/about/executives">ทำเนียบผู้บริหาร</a></li>
   <li><a href="/index.php/about/duties">อำนาจหน้าที่</a></li>
   <li><a href="/index.php/about/integrity">เจตจำนงสุจริตของผู้บริหาร</a></li>
   <li><a href="/index.php/contact">ติดต่อเรา</a></li></ul></li>
 <li class="dropdown"><a href="#">แผนงาน</a><ul>
   <li><a href="/index.php/plans/strategy">แผนยุทธศาสตร์</a></li>
   <li><a href="/index.php/plans/action-plan">แผนปฏิบัติราชการประจำปี</a></li>
   <li><a href="/index.php/plans/progress">รายงานการกำกับติดตาม</a></li>
   <li><a href="/index.php/plans/annual-report">รายงานผลการปฏิบัติราชการประจำปี</a></li></ul></li>
 <li class="dropdown"><a href="#">จัดซื้อจัดจ้าง</a><ul>
   <li><a href="/index.php/procurement/plan">แผนการจัดซื้อจัดจ้าง</a></li>
   <li><a href="/index.php/procurement/summary">สรุปผลการจัดซื้อจัดจ้าง (สขร.1)</a></li></ul></li>
 <li><a href="/index.php/complaints">ช่องทางการร้องเรียน</a></li>
</ul></nav>
"""


def _joomla(title: str, body: str) -> Handler:
    return html(
        f"<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><title>{title} - สำนักงานคลังจังหวัดตัวอย่าง</title>"
        f"</head><body><header><div class='logo'>สำนักงานคลังจังหวัดตัวอย่าง</div>{_MEGA_MENU}</header>"
        f"<div id='content' class='item-page'><h2 itemprop='headline'>{title}</h2>{body}</div>"
        "<footer><p>ศาลากลางจังหวัดตัวอย่าง ถนนราชดำเนิน โทร 0 5311 2233</p></footer></body></html>"
    )


def test_joomla_site_with_a_mega_menu_placeholders_and_a_dead_pdf() -> None:
    structure = (
        "<p><img src='/images/org-chart.png' alt='แผนผังโครงสร้างสำนักงาน' width='600' height='400'></p>"
        "<p>สำนักงานแบ่งส่วนราชการภายในออกเป็น ฝ่ายบริหารทั่วไป กลุ่มงานเศรษฐกิจการคลัง"
        " กลุ่มงานบริการข้อมูล และกลุ่มงานพัสดุ โดยมีคลังจังหวัดเป็นผู้บังคับบัญชา</p>"
        "<p>ข้อมูล ณ วันที่ 10 มกราคม 2569</p>"
    )
    duties = (
        "<ol><li>เสนอแนะนโยบายการเงินการคลังระดับจังหวัดต่อผู้ว่าราชการจังหวัด</li>"
        "<li>ติดตามและรายงานภาวะเศรษฐกิจการคลังของจังหวัดเป็นประจำทุกเดือน</li>"
        "<li>ให้คำปรึกษาส่วนราชการเรื่องการเบิกจ่ายเงินและการพัสดุ</li></ol>"
    )
    routes = {
        "/": _joomla("หน้าหลัก", "<p>ยินดีต้อนรับสู่เว็บไซต์สำนักงานคลังจังหวัดตัวอย่าง ติดตามข่าวสารได้ที่นี่</p>" * 3),
        "/images/org-chart.png": _file(png_bytes(60, 40, (20, 90, 160)), "image/png"),
        "/index.php/about/structure": _joomla("โครงสร้างหน่วยงาน", structure),
        "/index.php/about/executives": _joomla("ทำเนียบผู้บริหาร", "<p>อยู่ระหว่างปรับปรุงข้อมูล</p>"),
        "/index.php/about/duties": _joomla("อำนาจหน้าที่", duties),
        "/index.php/plans/action-plan": _joomla(
            "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569",
            "<p><a href='/images/docs/action-plan-2569.pdf'>ดาวน์โหลดแผนปฏิบัติราชการ (PDF)</a></p>",
        ),
        "/index.php/procurement/plan": _joomla("แผนการจัดซื้อจัดจ้าง", "<p>อยู่ระหว่างปรับปรุงข้อมูล</p>"),
    }
    # The integrity statement, contact, strategy, progress, annual report, procurement summary and
    # complaint pages exist only as menu labels: their addresses answer 404. The site shows where each item
    # should be, and that place is broken: partial, saying so. The footer's address and telephone on every
    # page are the contact details.
    outcome = _check(routes)
    expected = _none_found(outcome)
    expected |= {
        "5.1.1.1": (FOUND, True),
        "5.1.1.2": (PARTIAL, None),
        "5.1.1.3": (FOUND, None),
        "5.1.1.4": (PARTIAL, None),
        "5.1.1.5": (FOUND, None),
        "5.1.3": (PARTIAL, None),
        "5.1.4": (PARTIAL, None),
        "5.1.5": (PARTIAL, None),
        "5.1.6": (PARTIAL, None),
        "5.1.7.1": (PARTIAL, None),
        "5.1.7.3": (PARTIAL, None),
        "5.1.11": (PARTIAL, None),
    }
    assert _statuses(outcome) == expected
    integrity = next(item for item in outcome.items if item.code == "5.1.3")
    assert _paths(outcome, "5.1.3") == ["index.php/about/integrity"]
    assert integrity.reason_en == (
        "There is a link for this item, but the page or document it leads to cannot be opened."
    )
    contact = next(item for item in outcome.items if item.code == "5.1.1.5")
    assert contact.reason_en == "The site's pages show its contact details (address, telephone or e-mail)."
    assert contact.evidence[0].snippet == "ศาลากลางจังหวัดตัวอย่าง ถนนราชดำเนิน โทร 0 5311 2233"
    structure_item = next(item for item in outcome.items if item.code == "5.1.1.1")
    assert (structure_item.as_of, structure_item.as_of_source) == (dt.date(2026, 1, 10), DateSource.CONTENT)
    assert _paths(outcome, "5.1.1.1") == ["index.php/about/structure"]
    assert _paths(outcome, "5.1.4") == ["index.php/plans/action-plan"]
    action_plan = next(item for item in outcome.items if item.code == "5.1.4")
    assert action_plan.reason_en == "There is a page for this item, but its attached documents cannot be opened."


# -- a WordPress-like site whose ITA/OIT page links every item to a PDF ------------------------------


def _wordpress(title: str, body: str) -> Handler:
    return html(
        "<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'>"
        f"<title>{title} &#8211; ศูนย์บริการข้อมูลการคลังตัวอย่าง</title></head><body class='page'>"
        "<header id='masthead'><nav id='site-navigation' class='main-navigation'><ul>"
        "<li><a href='/'>หน้าแรก</a></li><li><a href='/ita/'>ITA</a></li>"
        "<li><a href='/category/news/'>ข่าวประชาสัมพันธ์</a></li></ul></nav></header>"
        f"<main id='main'><article><h1 class='entry-title'>{title}</h1><div class='entry-content'>{body}</div>"
        "</article></main><footer id='colophon'>© ศูนย์บริการข้อมูลการคลังตัวอย่าง</footer></body></html>"
    )


def _pdf(title: str, *lines: str, made_on: dt.date = dt.date(2025, 6, 1)) -> Handler:
    return _file(pdf_bytes(title, list(lines), made_on=made_on), "application/pdf")


def test_wordpress_site_whose_oit_table_links_each_item_to_a_pdf() -> None:
    upload = "/wp-content/uploads/2569"
    rows = [
        ("O1", "โครงสร้างหน่วยงาน", f"{upload}/o1-structure.pdf"),
        ("O2", "ข้อมูลผู้บริหาร", "/executives/"),
        ("O7", "ข่าวประชาสัมพันธ์", "/category/news/"),
        ("O10", "แผนการจัดซื้อจัดจ้างประจำปี", f"{upload}/o10-procurement-plan.pdf"),
        ("O12", "สรุปผลการจัดซื้อจัดจ้างรายเดือน", "/procurement-summary/"),
    ]
    table = "".join(
        f"<tr><td>{code}</td><td>{label}</td><td><a href='{href}'>ดาวน์โหลด</a></td></tr>" for code, label, href in rows
    )
    table += (
        "<tr><td>-</td><td>เจตจำนงสุจริตของผู้บริหาร</td>"
        f"<td><a href='{upload}/integrity-th.pdf'>ภาษาไทย</a> <a href='{upload}/integrity-en.pdf'>English</a></td></tr>"
    )
    summary_links = (
        f"<ul><li><a href='{upload}/sorkhor1-2569-01.pdf'>เดือนมกราคม 2569</a></li>"
        f"<li><a href='{upload}/sorkhor1-2568-12.pdf'>เดือนธันวาคม 2568</a></li></ul>"
    )
    news = "".join(
        f"<li><a href='/news/{n}/'>{topic}</a> <span class='posted-on'>{day}</span></li>"
        for n, (topic, day) in enumerate(
            [("ประชุมติดตามการเบิกจ่ายงบประมาณ", "12 มี.ค. 69"), ("อบรมการใช้ระบบ e-GP", "20 ก.พ. 69")], start=1
        )
    )
    routes = {
        "/": _wordpress("หน้าแรก", "<p>ศูนย์บริการข้อมูลการคลังตัวอย่าง ให้บริการข้อมูลการคลังแก่ส่วนราชการในพื้นที่</p>" * 3),
        "/ita/": _wordpress(
            "การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี 2569",
            f"<table><thead><tr><th>ตัวชี้วัด</th><th>ข้อมูล</th><th>ไฟล์</th></tr></thead><tbody>{table}</tbody></table>",
        ),
        f"{upload}/o1-structure.pdf": _pdf(
            "โครงสร้างศูนย์บริการข้อมูลการคลังตัวอย่าง",
            "ผู้อำนวยการศูนย์ กลุ่มงานบริหารทั่วไป กลุ่มงานวิเคราะห์ข้อมูล กลุ่มงานเทคโนโลยีสารสนเทศ",
            "ข้อมูล ณ วันที่ ๕ กุมภาพันธ์ ๒๕๖๙",
        ),
        "/executives/": _wordpress("ข้อมูลผู้บริหาร", "<p>อยู่ระหว่างปรับปรุงข้อมูล</p>"),
        "/category/news/": _wordpress("ข่าวประชาสัมพันธ์", f"<ul class='posts'>{news}</ul>"),
        "/news/1/": _wordpress(
            "ประชุมติดตามการเบิกจ่ายงบประมาณ",
            "<p>12 มีนาคม 2569 ศูนย์ประชุมติดตามการเบิกจ่ายงบประมาณของส่วนราชการในจังหวัด เพื่อเร่งรัดการเบิกจ่ายไตรมาสที่ 2</p>",
        ),
        "/news/2/": _wordpress(
            "อบรมการใช้ระบบ e-GP",
            "<p>20 กุมภาพันธ์ 2569 ศูนย์จัดอบรมเจ้าหน้าที่พัสดุเรื่องการใช้ระบบจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์</p>",
        ),
        f"{upload}/o10-procurement-plan.pdf": _pdf(
            "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2569",
            "จัดซื้อวัสดุสำนักงาน วงเงิน 120,000 บาท วิธีเฉพาะเจาะจง ไตรมาสที่ 1",
            "จ้างเหมาบริการทำความสะอาด วงเงิน 240,000 บาท วิธีเฉพาะเจาะจง ไตรมาสที่ 1",
            "ประกาศ ณ วันที่ 20 ตุลาคม 2568",
        ),
        f"{upload}/integrity-th.pdf": _pdf(
            "ประกาศเจตจำนงสุจริตในการบริหารงาน",
            "ข้าพเจ้าขอแสดงเจตจำนงว่าจะบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้",
            "ประกาศ ณ วันที่ 1 ตุลาคม 2568",
        ),
        f"{upload}/integrity-en.pdf": _pdf(
            "Declaration of Integrity",
            "I declare that this office will be managed honestly, transparently and accountably,"
            " and that no bribe or favour will be accepted by anyone who works here.",
            "Given on 1 October 2025",
        ),
        "/procurement-summary/": _wordpress("สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)", summary_links),
        f"{upload}/sorkhor1-2569-01.pdf": _pdf(
            "สรุปผลการจัดซื้อจัดจ้าง ประจำเดือนมกราคม 2569", "ไม่มีการจัดซื้อจัดจ้าง", "ข้อมูล ณ วันที่ 5 กุมภาพันธ์ 2569"
        ),
        f"{upload}/sorkhor1-2568-12.pdf": _pdf(
            "สรุปผลการจัดซื้อจัดจ้าง ประจำเดือนธันวาคม 2568",
            "จัดซื้อหมึกพิมพ์ วิธีเฉพาะเจาะจง ผู้ได้รับคัดเลือก ร้านเจริญภัณฑ์",
            "ข้อมูล ณ วันที่ 6 มกราคม 2569",
        ),
    }
    outcome = _check(routes)
    expected = _none_found(outcome)
    expected |= {
        "5.1.1.1": (FOUND, True),  # 5 Feb 2569 in the PDF, within six months
        "5.1.1.2": (PARTIAL, None),
        "5.1.2": (FOUND, True),  # the newest post, 12 March 2569
        "5.1.3": (FOUND, True),  # Thai and English, signed 1 October 2568
        "5.1.7.1": (FOUND, True),  # the plan for the current fiscal year
        "5.1.7.3": (FOUND, False),  # the newest summary is as of 5 February: a month has passed
    }
    assert _statuses(outcome) == expected
    dates = {item.code: item.as_of for item in outcome.items if item.as_of is not None}
    assert dates == {
        "5.1.1.1": dt.date(2026, 2, 5),
        "5.1.2": dt.date(2026, 3, 12),
        "5.1.3": dt.date(2025, 10, 1),
        "5.1.7.1": dt.date(2025, 10, 20),
        "5.1.7.3": dt.date(2026, 2, 5),
    }
    assert _paths(outcome, "5.1.1.1") == ["wp-content/uploads/2569/o1-structure.pdf"]
    assert set(_paths(outcome, "5.1.3")) >= {
        "wp-content/uploads/2569/integrity-th.pdf",
        "wp-content/uploads/2569/integrity-en.pdf",
    }


# -- a legacy static site in Windows-874 with Thai digits and an English-only section -----------------


def _old_page(title: str, body: str) -> Handler:
    return _legacy(
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-874'>"
        f"<title>{title}</title></head><body><table width='100%'><tr><td class='left-menu' width='180'>"
        "<a href='index.html'>หน้าแรก</a><br><a href='contact.html'>ติดต่อเรา</a><br>"
        "<a href='complaint.html'>ร้องเรียน/ร้องทุกข์</a><br><a href='en/about.html'>English</a></td>"
        f"<td><h3>{title}</h3>{body}</td></tr></table></body></html>"
    )


def test_legacy_site_with_thai_digits_a_dead_link_and_an_english_only_section() -> None:
    routes = {
        "/": _old_page("สำนักงานพัฒนาระบบงานการคลังเขต ๙", "<p>ยินดีต้อนรับ " * 20 + "</p>"),
        "/index.html": _old_page("สำนักงานพัฒนาระบบงานการคลังเขต ๙", "<p>ยินดีต้อนรับ " * 20 + "</p>"),
        "/contact.html": _old_page(
            "ติดต่อเรา",
            "<p>ที่อยู่ ๒๒๒ ถนนนิมมานเหมินท์ ตำบลสุเทพ อำเภอเมือง จังหวัดเชียงใหม่ ๕๐๒๐๐</p>"
            "<p>โทรศัพท์ ๐ ๕๓๒๑ ๑๒๓๔ โทรสาร ๐ ๕๓๒๑ ๑๒๓๕ อีเมล saraban@example.go.th</p>"
            "<p>ข้อมูล ณ วันที่ ๑๕ ธันวาคม ๒๕๖๘</p>",
        ),
        "/complaint.html": _old_page(
            "ร้องเรียน/ร้องทุกข์",
            "<p>ดาวน์โหลดแบบฟอร์มร้องเรียน <a href='docs/complaint-form.pdf'>แบบฟอร์มร้องเรียน (PDF)</a></p>",
        ),
        "/en/about.html": html(
            "<html lang='en'><head><title>Roles and responsibilities</title></head><body><h1>Roles and responsibilities"
            "</h1><p>The office develops fiscal information systems for agencies in the region, trains their staff and"
            " supports their disbursement work.</p><p>Updated 2025-08-01</p></body></html>"
        ),
    }
    outcome = _check(routes)
    expected = _none_found(outcome)
    expected |= {
        "5.1.1.3": (FOUND, False),  # English only, last updated 1 August 2025: more than six months ago
        "5.1.1.5": (FOUND, True),  # ๑๕ ธันวาคม ๒๕๖๘
        "5.1.11": (PARTIAL, None),  # its only document, the complaint form, is a dead link
    }
    assert _statuses(outcome) == expected
    contact = next(item for item in outcome.items if item.code == "5.1.1.5")
    assert (contact.as_of, _paths(outcome, "5.1.1.5")) == (dt.date(2025, 12, 15), ["contact.html"])
    assert _paths(outcome, "5.1.1.3") == ["en/about.html"]
