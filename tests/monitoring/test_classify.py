"""The classifier judges whole sites as a person would: by their labels, and by what stands behind each label.

Each site here is made of realistic pages: a Thai SAO's template (every page titled with the agency's name, a
menu, a sidebar of the latest news and a footer with the address and telephone) around each page's own
content. Pages go through the real extractor and summariser, and every verdict comes from ``classify_site``,
the interface production uses.
"""

import datetime as dt
from collections.abc import Mapping

import pytest

from prongsai.checklists.definition import (
    DEFAULT_CHECKLIST_PATH,
    ChecklistDefinition,
    CurrencyRule,
    load_checklist_file,
)
from prongsai.monitoring.engine.classify import (
    CrosswalkCodes,
    LinkSummary,
    PageSummary,
    classify_site,
    current_for,
    site_findings,
    summarize,
    summary_index,
)
from prongsai.monitoring.engine.extract import Document, extract
from prongsai.monitoring.engine.extract.model import Extracted, Heading, Kind, Link, MetadataDates, Problem
from prongsai.monitoring.outcome import DateSource, ItemOutcome, ItemStatus

TODAY = dt.date(2026, 3, 15)
SITE = "https://www.bantest.go.th"
NAME = "องค์การบริหารส่วนตำบลบ้านทดสอบ"
FOUND, PARTIAL, NOT_FOUND = ItemStatus.FOUND, ItemStatus.PARTIAL, ItemStatus.NOT_FOUND
HOME_ONLY = '<li><a href="/index.php">หน้าแรก</a></li>'
"""A menu that leads nowhere but home, so that no other menu entry names an item."""
MENU = (
    '<li><a href="/index.php">หน้าแรก</a></li>'
    '<li><a href="#">ข้อมูลพื้นฐาน</a><ul>'
    '<li><a href="/structure.php">โครงสร้างองค์กร</a></li>'
    '<li><a href="/executives.php">คณะผู้บริหาร</a></li>'
    '<li><a href="/duties.php">อำนาจหน้าที่</a></li></ul></li>'
    '<li><a href="/news.php">ข่าวประชาสัมพันธ์</a></li>'
    '<li><a href="/ita.php">ITA</a></li>'
)
FOOTER = f"<p>{NAME} หมู่ 2 ตำบลบ้านทดสอบ อำเภอเมือง จังหวัดเชียงราย 57000</p><p>โทรศัพท์ 0-5377-1234 โทรสาร 0-5377-1235</p>"
SIDEBAR = (
    "<div class='col-md-3'><h4>ข่าวล่าสุด</h4>"
    "<p><a href='/news.php?id=1'>ประชุมประจำเดือนมีนาคม 2569</a></p>"
    "<p><a href='/news.php?id=2'>โครงการปลูกป่าชุมชน</a></p></div>"
)
BODY_TEXT = (
    "องค์การบริหารส่วนตำบลแบ่งส่วนราชการออกเป็น สำนักปลัด กองคลัง กองช่าง และกองการศึกษา "
    "แต่ละส่วนมีผู้อำนวยการกองเป็นผู้บังคับบัญชา และขึ้นตรงต่อปลัดองค์การบริหารส่วนตำบล"
)


@pytest.fixture(scope="module")
def checklist() -> ChecklistDefinition:
    return load_checklist_file(DEFAULT_CHECKLIST_PATH)


def page(main: str, *, menu: str = MENU, footer: str = FOOTER, extra_menu: str = "", sidebar: str = SIDEBAR) -> str:
    """Return a page of the SAO's template (title, menu, sidebar, footer) around ``main``."""
    return (
        f"<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><title>{NAME}</title></head><body>"
        f"<div class='header'><div class='logo'>{NAME}</div><nav><ul class='menu'>{menu}{extra_menu}</ul></nav></div>"
        f"<div class='container'><div class='row'><div class='col-md-9'>{main}</div>{sidebar}</div></div>"
        f"<div class='footer'>{footer}</div></body></html>"
    )


def summaries(pages: Mapping[str, str | bytes | int | Extracted]) -> list[PageSummary]:
    """Summarise a site's pages as the crawler would: an int is an HTTP error, bytes a document, text HTML."""
    found: list[PageSummary] = []
    for path, body in pages.items():
        url = SITE + path
        if isinstance(body, int):
            found.append(summarize(None, url=url, status=body, today=TODAY))
            continue
        if isinstance(body, Extracted):
            found.append(summarize(body, url=url, status=200, today=TODAY))
            continue
        raw = body.encode() if isinstance(body, str) else body
        media = "text/html" if isinstance(body, str) else "application/pdf"
        extracted = extract(Document(url, media, "utf-8" if isinstance(body, str) else None, raw))
        found.append(summarize(extracted, url=url, status=200, today=TODAY, body=raw))
    return found


def judge(checklist: ChecklistDefinition, pages: Mapping[str, str | bytes | int | Extracted]) -> dict[str, ItemOutcome]:
    """Classify the site made of ``pages`` (its home page first) and return the findings by item code."""
    outcomes = classify_site(checklist, summaries(pages), today=TODAY, start_url=SITE + "/")
    return {outcome.code: outcome for outcome in outcomes}


def paths(outcome: ItemOutcome) -> list[str]:
    return [url.removeprefix(SITE) for url in outcome.evidence_urls]


def home(extra: str = "", *, menu: str = MENU, sidebar: str = SIDEBAR) -> str:
    welcome = "<h2>ยินดีต้อนรับ</h2><p>" + "ข่าวสารและบริการขององค์การบริหารส่วนตำบล " * 4 + "</p>"
    return page(welcome + extra, menu=menu, sidebar=sidebar)


ITA_MENU = HOME_ONLY + '<li><a href="/ita.php">ITA</a></li>'
"""A menu that leads home and to the ITA page, nowhere else."""


def ita_site(index: str) -> dict[str, str]:
    """Return a site of two pages: the home page and an ITA page ``/ita.php`` whose content is ``index``."""
    return {"/": home(menu=ITA_MENU, sidebar=""), "/ita.php": page(index, menu=ITA_MENU, sidebar="")}


def news_pages() -> dict[str, str]:
    return {
        "/news.php?id=1": page("<h3>ประชุมประจำเดือนมีนาคม 2569</h3><p>" + "รายละเอียดการประชุม " * 10 + "</p>"),
        "/news.php?id=2": page("<h3>โครงการปลูกป่าชุมชน</h3><p>" + "ชาวบ้านร่วมปลูกต้นไม้ " * 10 + "</p>"),
    }


# -- 1. Navigation: a menu entry leads a person to the item's page ------------------------------------------------


def test_a_menu_entry_leading_to_a_page_of_its_own_is_the_items_evidence(checklist: ChecklistDefinition) -> None:
    # Every page is titled with the agency's name: only the menu says what /structure.php is.
    outcomes = judge(
        checklist,
        {"/": home(), "/structure.php": page(f"<p>{BODY_TEXT}</p><p>ข้อมูล ณ วันที่ 1 มีนาคม 2569</p>"), **news_pages()},
    )
    structure = outcomes["5.1.1.1"]
    assert (structure.status, paths(structure)) == (FOUND, ["/structure.php"])
    assert (structure.as_of, structure.as_of_source, structure.current) == (
        dt.date(2026, 3, 1),
        DateSource.CONTENT,
        True,
    )
    assert structure.reason_en == "A page or document for this item was found with real content."


def test_a_menu_entry_whose_page_holds_only_the_template_is_partial(checklist: ChecklistDefinition) -> None:
    outcomes = judge(checklist, {"/": home(), "/duties.php": page(""), **news_pages()})
    duties = outcomes["5.1.1.3"]
    assert (duties.status, paths(duties)) == (PARTIAL, ["/duties.php"])
    assert duties.reason_en == (
        "There is a menu entry or link for this item, but the page it leads to holds only what every page of the"
        " site repeats, nothing of its own."
    )


def test_a_menu_entry_leading_to_an_error_or_nowhere_is_partial(
    checklist: ChecklistDefinition,
) -> None:
    outcomes = judge(
        checklist,
        {
            "/": page("<p>หน้าแรก</p>", extra_menu='<li><a href="#">ร้องเรียนการทุจริต</a></li>'),
            "/executives.php": 404,
            **news_pages(),
        },
    )
    executives = outcomes["5.1.1.2"]
    assert (executives.status, paths(executives)) == (PARTIAL, ["/executives.php"])
    assert executives.reason_en == (
        "There is a link for this item, but the page or document it leads to cannot be opened."
    )
    # "#" leads to no page at all: the menu shows the item's place, and it opens nothing.
    complaints = outcomes["5.1.11"]
    assert (complaints.status, paths(complaints)) == (PARTIAL, ["/"])
    assert complaints.reason_en == "The item is named on the website, but its link leads nowhere."


def test_a_link_never_opened_is_at_most_partial_and_says_so(checklist: ChecklistDefinition) -> None:
    outcomes = judge(
        checklist,
        {"/": home('<p><a href="/files/plan-2569.pdf">แผนปฏิบัติราชการประจำปี 2569</a></p>'), **news_pages()},
    )
    plan = outcomes["5.1.4"]
    assert (plan.status, paths(plan)) == (PARTIAL, ["/files/plan-2569.pdf"])
    assert plan.reason_en.startswith("A link for this item was found, but its target was not opened")


def test_an_index_page_of_links_is_no_place_of_its_own(checklist: ChecklistDefinition) -> None:
    hub = page(
        "<h2>แผนงาน</h2><ul><li><a href='/plan/strategy.php'>แผนพัฒนาท้องถิ่น</a></li>"
        "<li><a href='/plan/report.php'>รายงานผลการดำเนินงาน</a></li></ul>"
    )
    outcomes = judge(checklist, {"/": home(), "/plans.php": hub, **news_pages()})
    assert outcomes["5.1.4"].status is NOT_FOUND


# -- 2. Titles: the breadcrumb and the first heading name a page whose <title> never changes ----------------------


def test_the_breadcrumb_names_a_page_that_a_generic_link_leads_to(checklist: ChecklistDefinition) -> None:
    duties = page(
        "<div class='breadcrumb'><a href='/'>หน้าแรก</a> &gt; <a href='#'>ข้อมูลพื้นฐาน</a> &gt; หน้าที่และอำนาจ</div>"
        "<ol><li>จัดให้มีและบำรุงรักษาทางน้ำและทางบก</li><li>รักษาความสะอาดของถนน ทางน้ำ ทางเดิน และที่สาธารณะ</li>"
        "<li>ป้องกันโรคและระงับโรคติดต่อ</li></ol>",
        menu=HOME_ONLY,
    )
    outcomes = judge(checklist, {"/": home("<p><a href='/content/7.php'>อ่านต่อ</a></p>"), "/content/7.php": duties})
    assert (outcomes["5.1.1.3"].status, paths(outcomes["5.1.1.3"])) == (FOUND, ["/content/7.php"])


def test_a_label_misspelt_as_sites_often_do_still_names_its_item(checklist: ChecklistDefinition) -> None:
    laws = page("<h2>กฏหมายน่ารู้</h2><p>" + "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537 " * 3 + "</p>")
    outcomes = judge(checklist, {"/": home(), "/laws.php": laws})
    assert (outcomes["5.1.1.6"].status, paths(outcomes["5.1.1.6"])) == (FOUND, ["/laws.php"])


def test_a_label_is_what_its_head_is_whatever_it_is_about(checklist: ChecklistDefinition) -> None:
    laws = page("<h2>กฎหมายเกี่ยวกับการกระจายอำนาจ</h2><p>" + "พระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจ " * 3 + "</p>")
    news = page("<h2>ข่าวเกี่ยวกับการจัดซื้อจัดจ้างของจังหวัด</h2><p>" + "ประชุมชี้แจงผู้ประกอบการ " * 4 + "</p>")
    outcomes = judge(checklist, {"/": home(), "/page.php?id=7": laws, "/page.php?id=8": news})
    assert (outcomes["5.1.1.6"].status, paths(outcomes["5.1.1.6"])) == (FOUND, ["/page.php?id=7"])
    assert "/page.php?id=8" not in paths(outcomes["5.1.7.2"]) + paths(outcomes["5.1.7.3"])


def test_a_label_joining_the_items_topic_to_another_still_names_the_item(checklist: ChecklistDefinition) -> None:
    # "นโยบาย" is no word of the checklist; joined by "และ" to the plan's "ยุทธศาสตร์" it is a second topic of the
    # label, not a reason to doubt the first.
    table = (
        "<h2>ITA 2569</h2><table><tr><th>ข้อ</th><th>รายการ</th><th>เอกสาร</th></tr>"
        "<tr><td>2.8</td><td>นโยบายและยุทธศาสตร์ของหน่วยงาน</td>"
        "<td><a href='/files/ita-2-8.pdf'>คลิกดูรายละเอียด</a></td></tr></table>"
    )
    outcomes = judge(checklist, {**ita_site(table), "/files/ita-2-8.pdf": 404})

    plan = outcomes["5.1.1.4"]
    assert (plan.status, paths(plan)) == (PARTIAL, ["/files/ita-2-8.pdf"])
    assert plan.evidence[0].phrases == ("นโยบายและยุทธศาสตร์ของหน่วยงาน",)


def test_a_drop_down_label_names_the_entries_that_name_nothing_themselves(checklist: ChecklistDefinition) -> None:
    laws = (
        "<li><a href='#'>กฎหมายที่เกี่ยวข้อง</a><ul>"
        "<li><a href='/act-2537.php'>พ.ร.บ.สภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537</a></li>"
        "<li><a href='/act-2542.php'>พ.ร.บ.กำหนดแผนและขั้นตอนการกระจายอำนาจ พ.ศ. 2542</a></li>"
        "<li><a href='/manual.php'>คู่มือการปฏิบัติงาน</a></li></ul></li>"
    )
    act = "<h2>พระราชบัญญัติ</h2><p>" + "มาตรา 1 พระราชบัญญัตินี้เรียกว่า … " * 4 + "</p>"
    welcome = "<h2>ยินดีต้อนรับ</h2><p>" + "ข่าวสารและบริการขององค์การบริหารส่วนตำบล " * 4 + "</p>"
    pages = {"/": welcome, "/act-2537.php": act, "/act-2542.php": act.replace("มาตรา 1", "มาตรา 2"), "/manual.php": act}
    outcomes = judge(checklist, {path: page(body, extra_menu=laws) for path, body in pages.items()})
    assert (outcomes["5.1.1.6"].status, paths(outcomes["5.1.1.6"])) == (FOUND, ["/act-2537.php", "/act-2542.php"])
    # An entry with a name of its own is that item's, not the drop-down's.
    assert paths(outcomes["5.1.8"]) == ["/manual.php"]


def test_a_section_heading_names_the_page_it_stands_on(checklist: ChecklistDefinition) -> None:
    about = page(
        "<h2>ประวัติความเป็นมา</h2><p>" + "ตำบลบ้านทดสอบก่อตั้งเมื่อ พ.ศ. 2440 " * 4 + "</p>"
        "<h2>วิสัยทัศน์</h2><p>ตำบลน่าอยู่ ประชาชนมีคุณภาพชีวิตที่ดี</p>"
        "<h3>ข้อมูลโครงสร้างองค์กรของตำบล</h3><p><img src='/images/chart-2569.jpg' alt=''></p>",
        menu='<li><a href="/index.php">หน้าแรก</a></li><li><a href="/about.php">เกี่ยวกับเรา</a></li>',
    )
    outcomes = judge(checklist, {"/": home(), "/about.php": about})
    assert (outcomes["5.1.1.1"].status, paths(outcomes["5.1.1.1"])) == (FOUND, ["/about.php"])


# -- 3. Pictures and scans -------------------------------------------------------------------------------------------


def test_an_organisation_chart_that_is_one_picture_is_found_by_its_alternative_text(
    checklist: ChecklistDefinition,
) -> None:
    # Nothing labels the page but the picture itself: the link to it only says "คลิกที่นี่".
    chart = page(
        "<p><img src='/uploads/2569/03/img_0012.jpg' alt='แผนภูมิโครงสร้างองค์กร องค์การบริหารส่วนตำบลบ้านทดสอบ'></p>",
        menu=HOME_ONLY,
    )
    outcomes = judge(checklist, {"/": home("<p><a href='/page.php?id=12'>คลิกที่นี่</a></p>"), "/page.php?id=12": chart})
    assert (outcomes["5.1.1.1"].status, paths(outcomes["5.1.1.1"])) == (FOUND, ["/page.php?id=12"])


def test_a_scanned_document_read_by_ocr_counts_with_its_date(checklist: ChecklistDefinition) -> None:
    scan = Extracted(
        kind=Kind.PDF,
        url=SITE + "/files/scan-plan.pdf",
        text="แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569\nประกาศ ณ วันที่ 1 ตุลาคม 2568\n" + "โครงการพัฒนาถนน " * 5,
        page_count=12,
        problems=(Problem.OCR,),
    )
    outcomes = judge(
        checklist,
        {"/": home("<p><a href='/files/scan-plan.pdf'>แผนปฏิบัติราชการประจำปี 2569</a></p>"), "/files/scan-plan.pdf": scan},
    )
    plan = outcomes["5.1.4"]
    assert (plan.status, paths(plan), plan.as_of, plan.current) == (
        FOUND,
        ["/files/scan-plan.pdf"],
        dt.date(2025, 10, 1),
        True,
    )


# -- 4. Contact details in the footer ------------------------------------------------------------------------------


def test_the_address_and_telephone_in_every_footer_are_the_contact_information(checklist: ChecklistDefinition) -> None:
    outcomes = judge(checklist, {"/": home(), **news_pages()})
    contact = outcomes["5.1.1.5"]
    assert (contact.status, paths(contact)) == (FOUND, ["/"])
    assert contact.reason_en == "The site's pages show its contact details (address, telephone or e-mail)."
    assert contact.evidence[0].snippet == (
        f"{NAME} หมู่ 2 ตำบลบ้านทดสอบ อำเภอเมือง จังหวัดเชียงราย 57000 · โทรศัพท์ 0-5377-1234 โทรสาร 0-5377-1235"
    )


def test_an_e_mail_address_alone_in_the_footer_is_partial_and_an_officers_telephone_is_nothing(
    checklist: ChecklistDefinition,
) -> None:
    mail_only = "<p>ติดต่อผู้ดูแลเว็บไซต์ webmaster@bantest.go.th</p>"
    outcomes = judge(
        checklist,
        {
            "/": page("<p>หน้าแรก</p>", footer=mail_only),
            **{k: page("<p>ข่าว</p>", footer=mail_only) for k in news_pages()},
        },
    )
    assert (outcomes["5.1.1.5"].status, outcomes["5.1.1.5"].reason_en) == (
        PARTIAL,
        "There is a page for this item, but parts the item requires are missing.",
    )
    officer = page("<p>นายช่างโยธา นายสมหมาย ใจดี โทร 08-1234-5678</p>" + f"<p>{BODY_TEXT}</p>", footer="")
    outcomes = judge(checklist, {"/": page("<p>หน้าแรก</p>", footer=""), "/staff.php": officer})
    assert outcomes["5.1.1.5"].status is NOT_FOUND


# -- 5. Channels: forms, LINE accounts, e-mail -------------------------------------------------------------------------


def _complaint_page(action: str) -> str:
    return page(
        "<h2>ร้องเรียนการทุจริต</h2><p>กรอกแบบฟอร์มเพื่อแจ้งเรื่องร้องเรียน</p>"
        f"<form method='post' action='{action}'><input name='name'><textarea name='detail'></textarea>"
        "<button type='submit'>ส่งเรื่อง</button></form>",
        extra_menu='<li><a href="/complaint.php">ร้องเรียนการทุจริต</a></li>',
    )


def test_a_complaint_page_with_a_form_is_found_and_a_form_that_sends_nowhere_is_partial(
    checklist: ChecklistDefinition,
) -> None:
    working = judge(checklist, {"/": home(), "/complaint.php": _complaint_page("/complaint-send.php")})
    assert (working["5.1.11"].status, paths(working["5.1.11"])) == (FOUND, ["/complaint.php"])
    broken = page(
        "<h2>ร้องเรียนการทุจริต</h2><form action='#'><textarea name='detail'></textarea><button>ส่ง</button></form>",
        extra_menu='<li><a href="/complaint.php">ร้องเรียนการทุจริต</a></li>',
    )
    nowhere = judge(checklist, {"/": home(), "/complaint.php": broken})
    assert (nowhere["5.1.11"].status, nowhere["5.1.11"].reason_en) == (
        PARTIAL,
        "There is a form for this item, but it sends its message nowhere.",
    )


def test_a_line_account_labelled_for_complaints_is_the_channel_itself(checklist: ChecklistDefinition) -> None:
    line = "<p><a href='https://line.me/R/ti/p/@bantest'>แจ้งเรื่องร้องเรียนผ่าน LINE</a></p>"
    outcomes = judge(checklist, {"/": home(line), **news_pages()})
    assert (outcomes["5.1.11"].status, outcomes["5.1.11"].evidence_urls) == (FOUND, ["https://line.me/R/ti/p/@bantest"])
    assert outcomes["5.1.11"].reason_en.startswith("The site links this item's channel")


def test_a_contact_form_takes_opinions_but_is_no_complaint_channel(checklist: ChecklistDefinition) -> None:
    contact = page(
        "<h2>ติดต่อเรา</h2><form action='/send.php'><input name='email'><textarea name='message'></textarea>"
        "<input type='submit' value='ส่งข้อความ'></form>",
        extra_menu='<li><a href="/contact.php">ติดต่อเรา</a></li>',
    )
    outcomes = judge(checklist, {"/": home(), "/contact.php": contact})
    assert (outcomes["5.1.10"].status, paths(outcomes["5.1.10"])) == (FOUND, ["/contact.php"])
    assert outcomes["5.1.11"].status is NOT_FOUND


# -- 6. ITA/OIT index pages: rows that link to documents, here or elsewhere ---------------------------------------


MANUAL = "คู่มือการปฏิบัติงาน ขั้นตอนที่ 1 รับเรื่อง ขั้นตอนที่ 2 ตรวจสอบเอกสาร ขั้นตอนที่ 3 เสนอผู้บริหาร ข้อมูล ณ วันที่ 10 มกราคม 2569"


def _ita(rows: str) -> str:
    return page(
        "<h2>การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี 2568</h2>"
        f"<table><tr><th>ข้อ</th><th>รายการ</th><th>ไฟล์</th></tr>{rows}</table>"
    )


def test_an_ita_row_is_found_by_its_document_and_partial_when_the_document_cannot_be_read(
    checklist: ChecklistDefinition,
) -> None:
    rows = (
        "<tr><td>O2</td><td>ข้อมูลผู้บริหาร</td><td><a href='/ita/o2.pdf'>ดาวน์โหลด</a></td></tr>"
        "<tr><td>O3</td><td>ข้อมูลการติดต่อ</td><td><a href='/ita/o3.pdf'>ดาวน์โหลด</a></td></tr>"
        "<tr><td>O9</td><td>คู่มือการปฏิบัติงาน</td><td><a href='https://drive.google.com/file/d/1xyz'>ดาวน์โหลด</a></td></tr>"
    )
    pdf = Extracted(kind=Kind.PDF, url=SITE + "/ita/o2.pdf", text="คณะผู้บริหาร\n" + BODY_TEXT, page_count=1)
    outcomes = judge(checklist, {"/": home(), "/ita.php": _ita(rows), "/ita/o2.pdf": pdf, "/ita/o3.pdf": 404})
    assert (outcomes["5.1.1.2"].status, paths(outcomes["5.1.1.2"])) == (FOUND, ["/ita/o2.pdf"])
    assert outcomes["5.1.1.2"].evidence[0].phrases[0] == "O2 | ข้อมูลผู้บริหาร | ดาวน์โหลด"
    manual = outcomes["5.1.8"]
    # A document on another website: the site's page that lists it comes first, then where it leads.
    assert (manual.status, manual.evidence_urls) == (
        PARTIAL,
        [SITE + "/ita.php", "https://drive.google.com/file/d/1xyz"],
    )
    assert manual.reason_en.startswith("A link for this item leads to another website")


def test_a_document_answered_by_the_sites_own_not_found_page_is_partial(checklist: ChecklistDefinition) -> None:
    # The site answers a missing PDF with its error page and status 200, as many PHP sites do.
    rows = (
        "<tr><td>O2</td><td>ข้อมูลผู้บริหาร</td><td><a href='/ita/o2.pdf'>ดาวน์โหลด</a></td></tr>"
        "<tr><td>O3</td><td>ข้อมูลการติดต่อ</td><td><a href='/ita/o3.pdf'>ดาวน์โหลด</a></td></tr>"
    )
    missing = (
        "<html><head><title>404</title></head><body><h1>404 | Page Not Found</h1>"
        "<p>The requested path could not be found</p></body></html>"
    )
    table = f"<h2>การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี 2568</h2><table>{rows}</table>"
    pages = {
        **ita_site(table),
        "/ita/o2.pdf": missing,
        "/ita/o3.pdf": page("<h2>ไม่พบหน้าที่ต้องการ</h2>", menu=ITA_MENU, sidebar=""),
    }
    outcomes = judge(checklist, pages)

    executives = outcomes["5.1.1.2"]
    assert (executives.status, paths(executives)) == (PARTIAL, ["/ita/o2.pdf"])
    assert executives.reason_en == (
        "There is a link for this item, but the page or document it leads to cannot be opened."
    )
    assert [page.error_page for page in summaries(pages)] == [False, False, True, True]
    assert site_findings(SITE + "/", summary_index(summaries(pages)))["broken_links"] == 2


def test_a_page_saying_not_found_among_content_of_its_own_is_no_error_page() -> None:
    # A search result or an article may say "ไม่พบ…" in its heading; an error page says little else.
    article = page("<h2>ไม่พบหน้าที่ต้องการ? วิธีค้นหาเอกสารบนเว็บไซต์</h2><p>" + "ขั้นตอนการค้นหาเอกสารของหน่วยงาน " * 30 + "</p>")
    # A short page whose title opens with a number that is no status code: a house number, a year.
    address = page("<h2>555 หมู่ 5 ตำบลบ้านทดสอบ</h2><p>ที่ตั้งสำนักงาน</p>")
    for summary in summaries({"/help.php": article, "/where.php": address}):
        assert (summary.url, summary.error_page, summary.dead) == (summary.url, False, False)


def _card(title: str, pdf: str) -> str:
    return (
        f"<div class='card'><h4>{title}</h4><p>ผู้จัดทำ: {NAME}</p><p>บันทึกเมื่อ 19/02/2569</p>"
        f"<a href='{pdf}'>เปิดอ่านเอกสาร</a> <a href='{pdf}'>ดาวน์โหลด</a></div>"
    )


def test_a_card_on_a_shelf_of_documents_is_judged_by_its_own_document(checklist: ChecklistDefinition) -> None:
    shelf = page(
        "<h2>ชั้นหนังสืออิเล็กทรอนิกส์</h2>"
        + _card("แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569", "/uploads/plan-2569.pdf")
        + _card("รายงานผลการปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2568", "/uploads/report-2568.pdf")
    )
    plan = Extracted(kind=Kind.PDF, url=SITE + "/uploads/plan-2569.pdf", text="แผนปฏิบัติราชการ\n" + BODY_TEXT)
    outcomes = judge(
        checklist,
        {"/": home(), "/ebook.php": shelf, "/uploads/plan-2569.pdf": plan, "/uploads/report-2568.pdf": 404},
    )
    assert outcomes["5.1.4"].status is FOUND
    assert "/uploads/plan-2569.pdf" in paths(outcomes["5.1.4"])
    report = outcomes["5.1.6"]
    assert report.status is PARTIAL
    assert report.reason_en == "There is a page for this item, but its attached documents cannot be opened."


def test_a_list_whose_entries_lead_nowhere_is_partial_and_a_label_pointing_nowhere_is_nothing(
    checklist: ChecklistDefinition,
) -> None:
    rows = "".join(
        f"<tr><td>{n}</td><td>รายงานผลการจัดซื้อจัดจ้าง ประจำเดือน{month} 2569</td><td>0.2 MB</td>"
        "<td><a href='#'>ดาวน์โหลด</a></td></tr>"
        for n, month in enumerate(("มกราคม", "กุมภาพันธ์"), start=1)
    )
    downloads = page(
        f"<h2>เอกสารเผยแพร่</h2><table><tr><th>ลำดับ</th><th>เรื่อง</th><th>ขนาด</th><th></th></tr>{rows}</table>"
    )
    sitemap = page("<h2>แผนผังเว็บไซต์</h2><ul><li><a href='#'>คู่มือการปฏิบัติงาน</a></li></ul>")
    outcomes = judge(checklist, {"/": home(), "/downloads.php": downloads, "/sitemap.php": sitemap})

    summary = outcomes["5.1.7.3"]
    assert (summary.status, paths(summary)) == (PARTIAL, ["/downloads.php"])
    assert summary.reason_en == "The item is named on the website, but its link leads nowhere."
    assert outcomes["5.1.8"].status is NOT_FOUND


def test_a_home_page_tile_that_names_an_item_and_opens_nothing_is_partial(checklist: ChecklistDefinition) -> None:
    # The home page's menu of tiles: two are labels on a picture with no link; one sits in a sentence of prose.
    tiles = (
        "<div class='tiles'><div class='tile'><img src='/img/t1.png'><p>คู่มือประชาชน</p></div>"
        "<div class='tile'><img src='/img/t2.png'><p>รายงานผลการดำเนินงาน</p></div></div>"
        "<p>องค์การบริหารส่วนตำบลจัดทำคู่มือการปฏิบัติงานของทุกกองให้เจ้าหน้าที่ใช้ในการทำงานประจำวัน"
        "และทบทวนทุกปีงบประมาณตามแนวทางของกรมส่งเสริมการปกครองท้องถิ่น</p>"
    )
    outcomes = judge(checklist, {"/": home(tiles, menu=HOME_ONLY)})

    for code in ("5.1.9", "5.1.6"):
        assert (outcomes[code].status, paths(outcomes[code])) == (PARTIAL, ["/"]), code
        assert outcomes[code].reason_en == "The item is named on the website, but its link leads nowhere."
    assert outcomes["5.1.8"].status is NOT_FOUND  # a sentence that mentions the manuals is no place of theirs


def test_a_numbered_row_of_an_ita_table_whose_own_link_is_empty_is_partial(checklist: ChecklistDefinition) -> None:
    outcomes = judge(
        checklist,
        ita_site(
            "<h2>ITA 2569</h2><table><tr><th>ข้อ</th><th>รายการ</th></tr>"
            "<tr><td>2.1.3</td><td><a href=''>โครงสร้างหน่วยงาน</a></td></tr>"
            "<tr><td>2.1.4</td><td><a href='javascript:void(0)'>หน้าที่และอำนาจ</a></td></tr>"
            "<tr><td>2.1.8</td><td><a href='https://'>ช่องทางการรับฟังความคิดเห็น</a></td></tr></table>"
        ),
    )

    # An address begun and never finished ("https://") is no channel on another website: it leads nowhere too.
    for code in ("5.1.1.1", "5.1.1.3", "5.1.10"):
        outcome = outcomes[code]
        assert (outcome.status, paths(outcome)[0], outcome.reason_en) == (
            PARTIAL,
            "/ita.php",
            "The item is named on the website, but its link leads nowhere.",
        )


def test_a_numbered_entry_of_an_ita_list_leading_nowhere_is_partial_and_a_bare_label_is_nothing(
    checklist: ChecklistDefinition,
) -> None:
    numbered = ita_site(
        "<h2>ITA 2566</h2><ul><li><a href='#'>1.8 ช่องทางการรับฟังความคิดเห็น ที่บุคคลภายนอกแสดงความคิดเห็นได้</a></li>"
        "<li><a href='https://'>O10 แผนปฏิบัติราชการประจำปี</a></li></ul>"
    )
    outcomes = judge(checklist, numbered)
    for code in ("5.1.10", "5.1.4"):
        assert (outcomes[code].status, paths(outcomes[code])[0], outcomes[code].reason_en) == (
            PARTIAL,
            "/ita.php",
            "The item is named on the website, but its link leads nowhere.",
        )
    bare = ita_site("<h2>แผนผังเว็บไซต์</h2><ul><li><a href='#'>ช่องทางการรับฟังความคิดเห็น</a></li></ul>")
    assert judge(checklist, bare)["5.1.10"].status is NOT_FOUND


def test_an_assessments_requirement_names_what_the_agency_must_have(checklist: ChecklistDefinition) -> None:
    # A ministry's ITA index words each requirement as "the agency has / publishes X" over a table of its rows;
    # X is what the rows are. Here every row's document is missing (an empty link).
    def table(number: str, requirement: str, rows: str) -> str:
        return (
            f"<h4>{number} | {requirement}</h4>"
            f"<table><thead><tr><th>ข้อ</th><th>รายการ</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    index = (
        "<h2>ITA 2569</h2>"
        + table(
            "02",
            "MOIT 2 หน่วยงานมีการเปิดเผยข้อมูลข่าวสารที่เป็นปัจจุบัน",
            "<tr><td>2.15</td><td><a href=''>คู่มือขั้นตอนการให้บริการ (ภารกิจให้บริการประชาชนตามพระราชบัญญัติ"
            "การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558)</a></td></tr>",
        )
        + table(
            "21",
            "MOIT 21 หน่วยงานมีการเผยแพร่เจตจำนงสุจริตของการปฏิบัติหน้าที่ราชการ"
            " และนโยบายที่เคารพสิทธิมนุษยชนและศักดิ์ศรีของผู้ปฏิบัติงานต่อสาธารณชน",
            "<tr><td>21.2.1</td><td><a href=''>เจตนารมณ์การป้องกันการทุจริตในการปฏิบัติหน้าที่ ปีงบประมาณ พ.ศ. 2569</a></td></tr>",
        )
    )
    outcomes = judge(checklist, ita_site(index))

    for code in ("5.1.3", "5.1.9"):
        outcome = outcomes[code]
        assert (outcome.status, paths(outcome), outcome.reason_en) == (
            PARTIAL,
            ["/ita.php"],
            "The item is named on the website, but its link leads nowhere.",
        )


def test_a_result_measured_against_a_plan_is_not_the_annual_report(checklist: ChecklistDefinition) -> None:
    # The home page's ITA box: a requirement for the report on the anti-corruption plan, not the year's report.
    box = (
        "<h3>MOIT16 หน่วยงานมีรายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกัน ปราบปรามการทุจริตและประพฤติมิชอบ"
        " ประจำปีงบประมาณ พ.ศ. 2568</h3><p>" + "กิจกรรมอบรมจริยธรรมเจ้าหน้าที่ ดำเนินการแล้วเสร็จ ร้อยละ 100 " * 4 + "</p>"
    )
    outcomes = judge(checklist, {"/": home(box, menu=HOME_ONLY)})

    assert outcomes["5.1.6"].status is NOT_FOUND


def test_a_box_of_cards_leading_nowhere_under_the_items_heading_is_partial(checklist: ChecklistDefinition) -> None:
    cards = "".join(
        f"<div class='col-md-4'><a href='#' class='card'><h5>{unit}</h5><p>{work}</p></a></div>"
        for unit, work in (
            ("กลุ่มงานการพยาบาล", "บริการผู้ป่วยในและผู้ป่วยนอก"),
            ("กลุ่มงานเวชกรรมสังคม", "งานส่งเสริมสุขภาพและเยี่ยมบ้าน"),
            ("กลุ่มงานบริหารทั่วไป", "งานธุรการ การเงิน และพัสดุ"),
        )
    )
    landing = home(f"<h2>โครงสร้างหน่วยงานภายใน</h2><div class='row'>{cards}</div>", menu=HOME_ONLY, sidebar="")
    outcomes = judge(checklist, {"/": landing})

    structure = outcomes["5.1.1.1"]
    assert (structure.status, paths(structure)) == (PARTIAL, ["/"])
    assert structure.reason_th == "พบชื่อของรายการนี้บนหน้าเว็บไซต์ แต่ลิงก์ของรายการไม่ได้นำไปที่ใดเลย"


def test_a_read_more_button_with_an_arrow_takes_its_name_from_the_teaser(checklist: ChecklistDefinition) -> None:
    teaser = (
        "<div class='card'><h4>มาตรฐานการให้บริการของโรงพยาบาล</h4>"
        "<p>ขั้นตอนและระยะเวลาการให้บริการผู้ป่วยนอก</p><a href='/service-standard.html'>ดูรายละเอียด →</a></div>"
    )
    landing = home(teaser, menu=HOME_ONLY, sidebar="")
    outcomes = judge(checklist, {"/": landing, "/service-standard.html": 404})

    standard = outcomes["5.1.9"]
    assert (standard.status, paths(standard)) == (PARTIAL, ["/"])
    assert standard.reason_en == "There is a link for this item, but the page or document it leads to cannot be opened."


def test_a_document_title_opening_with_its_kind_names_the_item(checklist: ChecklistDefinition) -> None:
    # "รายงาน…" reads as a verb to a part-of-speech tagger; opening a document's title it says what kind it is.
    listing = page(
        "<h2>จัดซื้อจัดจ้าง</h2><ul><li><a href='/files/skr-2569-01.pdf'>"
        "รายงานสรุปผลการจัดซื้อจัดจ้าง (สขร.) ประจำเดือนมกราคม 2569</a></li></ul>"
    )
    monthly = Extracted(
        kind=Kind.PDF,
        url=SITE + "/files/skr-2569-01.pdf",
        text="สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนมกราคม 2569\n" + BODY_TEXT,
    )
    outcomes = judge(checklist, {"/": home(), "/procurement.php": listing, "/files/skr-2569-01.pdf": monthly})

    summary = outcomes["5.1.7.3"]
    assert summary.status is FOUND
    assert paths(summary)[0] == "/files/skr-2569-01.pdf"


def test_an_older_ita_year_is_evidence_but_not_current(checklist: ChecklistDefinition) -> None:
    old = page(
        "<h2>ITA 2563</h2><p><a href='/ita2563/manual.pdf'>คู่มือการปฏิบัติงาน</a></p>",
        extra_menu='<li><a href="/ita2563.php">ITA 2563</a></li>',
    )
    manual = Extracted(kind=Kind.PDF, url=SITE + "/ita2563/manual.pdf", text=MANUAL.replace("2569", "2563"))
    outcomes = judge(checklist, {"/": home(), "/ita2563.php": old, "/ita2563/manual.pdf": manual})
    found = outcomes["5.1.8"]
    assert (found.status, found.as_of, found.current) == (FOUND, dt.date(2020, 1, 10), False)
    assert found.fix_en.endswith("Bring the information up to date.")


# -- 8. Precision: evidence is about the item ----------------------------------------------------------------------


def test_a_headline_that_mentions_an_item_and_a_statement_that_names_the_director_are_no_evidence_of_it(
    checklist: ChecklistDefinition,
) -> None:
    headline = page(
        "<h2>ประชุมคณะผู้บริหารและหัวหน้าส่วนราชการ ครั้งที่ 2/2569</h2><p>" + "ที่ประชุมพิจารณาแผนงาน " * 8 + "</p>",
        menu=HOME_ONLY,
    )
    statement = page(
        "<h2>ประกาศเจตจำนงสุจริตในการบริหารงาน</h2><p>ข้าพเจ้า นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบลบ้านทดสอบ "
        "ขอประกาศเจตจำนงว่าจะบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้</p>",
        menu=HOME_ONLY,
    )
    links = "<p><a href='/news.php?id=9'>ประชุมคณะผู้บริหาร</a> <a href='/integrity.php'>เจตจำนงสุจริต</a></p>"
    outcomes = judge(
        checklist,
        {
            "/": page(links, menu=HOME_ONLY),
            "/news.php?id=9": headline,
            "/integrity.php": statement,
        },
    )
    assert outcomes["5.1.1.2"].status is NOT_FOUND
    assert (outcomes["5.1.3"].status, outcomes["5.1.3"].reason_en) == (
        PARTIAL,
        "Only the Thai version was found; the English version is missing.",
    )


def test_a_page_introducing_the_executives_is_found_whatever_its_menu_calls_it(checklist: ChecklistDefinition) -> None:
    people = page(
        "<div class='card'><img src='/images/staff/p1.jpg' alt=''><h4>นายสมชาย ใจดี</h4>"
        "<p>นายกองค์การบริหารส่วนตำบลบ้านทดสอบ โทร 08-1111-2222</p></div>"
        "<div class='card'><img src='/images/staff/p2.jpg' alt=''><h4>นางสาวสมศรี มีสุข</h4>"
        "<p>ปลัดองค์การบริหารส่วนตำบลบ้านทดสอบ</p></div>",
        extra_menu='<li><a href="/people.php">บุคลากร</a></li>',
    )
    outcomes = judge(checklist, {"/": home(), "/people.php": people})
    assert (outcomes["5.1.1.2"].status, paths(outcomes["5.1.1.2"])) == (FOUND, ["/people.php"])


@pytest.mark.parametrize(
    "content",
    [
        "<table><tr><th>ลำดับ</th><th>เรื่อง</th></tr><tr><td>1</td><td>test</td></tr><tr><td>2</td><td>aaa</td></tr></table>",
        "<p><?php echo $title_news; ?></p><p>$detail_news</p><p><a href='news.php?id=$id_news'>$title_news</a></p>",
        "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.</p>",
        '<div>$title_news</div><div>$description_news</div>"; }else if(($i%3) == 0){ echo "<div>$title_news</div>'
        '<div>$description_news</div>"; }else{ echo "</div>"; } }//end while ?>',
        "<h2>ข่าวประชาสัมพันธ์ทั้งหมด</h2><p>ประเภท: ประชาสัมพันธ์ 3 รายการ · อัปเดตทุกวันทำการ โดยงานประชาสัมพันธ์</p>"
        "<ul><li><a href='/news.php?id=8'>test</a> โพสต์เมื่อ 24 มิถุนายน 2568 โดยผู้ดูแลระบบ</li>"
        "<li><a href='/news.php?id=9'>testttt</a> โพสต์เมื่อ 24 มิถุนายน 2568 โดยผู้ดูแลระบบ</li>"
        "<li><a href='/news.php?id=10'>ทดสอบ</a> โพสต์เมื่อ 1 กรกฎาคม 2568 โดยผู้ดูแลระบบ</li></ul>",
        "<p>ข่าวประชาสัมพันธ์ขององค์การบริหารส่วนตำบล เปิดอ่านรายละเอียดแต่ละเรื่องได้ตามรายการด้านล่างนี้</p>"
        "<p>หากยังไม่มีโปรแกรมเปิดเอกสาร .pdf <a href='http://get.adobe.com/reader/'>ดาวน์โหลดที่นี่</a></p>"
        "<ul><li><a href='/news.php?id=$id_news'>อ่านรายละเอียด</a></li><li><a href='/files/$file1'>เปิดไฟล์</a></li></ul>",
    ],
    ids=["test-entries", "php-source", "lorem-ipsum", "php-loop", "list-of-test-posts", "unfilled-links"],
)
def test_test_entries_source_code_and_lorem_ipsum_are_placeholders(
    checklist: ChecklistDefinition, content: str
) -> None:
    outcomes = judge(checklist, {"/": home(), "/news.php": page(content), **news_pages()})
    news = outcomes["5.1.2"]
    assert (news.status, paths(news)) == (PARTIAL, ["/news.php"])
    assert news.reason_en == "There is a page for this item, but it is a placeholder or has almost no content."


def test_a_back_office_page_is_never_evidence(checklist: ChecklistDefinition) -> None:
    admin = page(f"<h2>จัดการข่าวประชาสัมพันธ์</h2><p>{BODY_TEXT}</p>", menu="")
    outcomes = judge(checklist, {"/": page("<p>หน้าแรก</p>", menu="", sidebar=""), "/admin/news_admin.php": admin})
    assert outcomes["5.1.2"].status is NOT_FOUND


# -- Items with more to show -----------------------------------------------------------------------------------------


def test_the_integrity_statement_needs_its_english_version_too(checklist: ChecklistDefinition) -> None:
    statement = page(
        "<h2>เจตจำนงสุจริตของผู้บริหาร</h2><p><a href='/files/integrity-th.pdf'>ฉบับภาษาไทย</a></p>"
        "<p><a href='/files/integrity-en.pdf'>English version</a></p>"
    )
    thai = Extracted(
        kind=Kind.PDF,
        url=SITE + "/files/integrity-th.pdf",
        text="ประกาศเจตจำนงสุจริต ข้าพเจ้าจะบริหารงานด้วยความซื่อสัตย์สุจริต ประกาศ ณ วันที่ 1 ตุลาคม 2568 " * 2,
    )
    english = Extracted(
        kind=Kind.PDF,
        url=SITE + "/files/integrity-en.pdf",
        text="I pledge to lead this office honestly, openly and accountably, and to refuse any bribe. " * 3,
    )
    outcomes = judge(
        checklist,
        {
            "/": home("<p><a href='/integrity.php'>เจตจำนงสุจริต</a></p>"),
            "/integrity.php": statement,
            "/files/integrity-th.pdf": thai,
            "/files/integrity-en.pdf": english,
        },
    )
    integrity = outcomes["5.1.3"]
    assert integrity.status is FOUND
    assert set(paths(integrity)) >= {"/files/integrity-th.pdf", "/files/integrity-en.pdf"}
    assert (integrity.as_of, integrity.current) == (dt.date(2025, 10, 1), True)


@pytest.mark.parametrize(
    ("english_home", "english_team"), [("/en/index.html", "/en/team.html"), ("/?lang=en", "/team.html?lang=en")]
)
def test_a_page_of_the_english_mirror_gives_way_to_the_thai_page_it_translates(
    checklist: ChecklistDefinition, english_home: str, english_team: str
) -> None:
    # The Thai menu calls the page something of its own; the English mirror's menu names the item outright.
    thai_menu = (
        HOME_ONLY + f'<li><a href="/team.html">ทีมงานของเรา</a></li><li><a href="{english_home}">English</a></li>'
    )
    english_menu = f'<li><a href="{english_home}">Home</a></li><li><a href="{english_team}">Executives</a></li>'
    thai_team = (
        "<h2>ทีมงานของเรา</h2><p>นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล โทร 08-1234-5678</p>"
        "<p>นางสมหญิง รักงาน รองนายกองค์การบริหารส่วนตำบล โทร 08-1234-5679</p>"
    )
    english_people = (
        "<h2>Executives</h2><p>Mr Somchai Jaidee, Chief Executive of the Subdistrict Administrative Organization,"
        " telephone 08-1234-5678</p><p>Mrs Somying Rakngan, Deputy Chief Executive of the Subdistrict"
        " Administrative Organization, telephone 08-1234-5679</p>"
    )
    welcome = "<h2>Welcome</h2><p>" + "News and services of the Subdistrict Administrative Organization. " * 4
    site = {
        "/": home(menu=thai_menu, sidebar=""),
        "/team.html": page(thai_team, menu=thai_menu, sidebar=""),
        english_home: page(welcome + "</p>", menu=english_menu, sidebar="", footer=""),
        english_team: page(english_people, menu=english_menu, sidebar="", footer=""),
    }
    executives = judge(checklist, site)["5.1.1.2"]
    assert (executives.status, paths(executives)[:1]) == (FOUND, ["/team.html"])
    # Without the Thai page the mirror's page is the evidence: nothing better is there to point at.
    del site["/team.html"]
    executives = judge(checklist, site)["5.1.1.2"]
    assert (executives.status, paths(executives)[:1]) == (FOUND, [english_team])


def test_procurement_results_need_the_fields_of_the_form(checklist: ChecklistDefinition) -> None:
    bare = page(
        "<h2>ผลการจัดซื้อจัดจ้าง</h2><table><tr><th>ลำดับ</th><th>รายการ</th><th>ผู้ชนะ</th></tr>"
        "<tr><td>1</td><td>จัดซื้อวัสดุสำนักงาน</td><td>ร้านเจริญภัณฑ์</td></tr>"
        "<tr><td>2</td><td>จ้างเหมาทำความสะอาดอาคาร</td><td>บริษัท สยามออฟฟิศ จำกัด</td></tr></table>",
        extra_menu='<li><a href="/procurement.php">ผลการจัดซื้อจัดจ้าง</a></li>',
    )
    outcomes = judge(checklist, {"/": home(), "/procurement.php": bare})
    assert (outcomes["5.1.7.2"].status, outcomes["5.1.7.2"].reason_en) == (
        PARTIAL,
        "There is a page for this item, but parts the item requires are missing.",
    )
    full = bare.replace(
        "<tr><th>ลำดับ</th><th>รายการ</th><th>ผู้ชนะ</th></tr>",
        "<tr><th>ลำดับ</th><th>งานที่จัดซื้อจัดจ้าง</th><th>ราคากลาง</th><th>วิธีซื้อหรือจ้าง</th>"
        "<th>ผู้เสนอราคาและราคาที่เสนอ</th><th>ผู้ได้รับการคัดเลือกและราคาที่ตกลง</th><th>เหตุผลที่คัดเลือก</th>"
        "<th>เลขที่และวันที่ของสัญญา</th></tr>",
    )
    outcomes = judge(checklist, {"/": home(), "/procurement.php": full})
    assert outcomes["5.1.7.2"].status is FOUND


# -- Dates and currency ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stated", "last_modified", "expected"),
    [
        ("ข้อมูล ณ วันที่ 10 มกราคม 2569", None, (dt.date(2026, 1, 10), DateSource.CONTENT, True)),
        ("ข้อมูล ณ วันที่ ๑๐ ม.ค. ๖๘", None, (dt.date(2025, 1, 10), DateSource.CONTENT, False)),
        ("", dt.date(2026, 2, 1), (dt.date(2026, 2, 1), DateSource.LAST_MODIFIED, True)),
        ("", None, (None, None, None)),
    ],
)
def test_dates_decide_current_exactly(
    checklist: ChecklistDefinition,
    stated: str,
    last_modified: dt.date | None,
    expected: tuple[object, object, object],
) -> None:
    home_page = PageSummary(url=SITE + "/", status=200, title=NAME, text="ยินดีต้อนรับ " * 30)
    executives = PageSummary(
        url=SITE + "/executives",
        status=200,
        title="ทำเนียบผู้บริหาร",
        text=f"{BODY_TEXT}\n{stated}",
        last_modified=last_modified,
    )
    outcomes = {o.code: o for o in classify_site(checklist, [home_page, executives], today=TODAY)}
    outcome = outcomes["5.1.1.2"]
    assert outcome.status is FOUND
    assert (outcome.as_of, outcome.as_of_source, outcome.current) == expected


def test_current_follows_the_items_rule() -> None:
    assert current_for(CurrencyRule.MONTHLY, dt.date(2026, 2, 20), TODAY) is True
    assert current_for(CurrencyRule.MONTHLY, dt.date(2026, 2, 10), TODAY) is False
    assert current_for(CurrencyRule.CURRENT_FISCAL_YEAR, dt.date(2025, 9, 1), TODAY) is False
    assert current_for(CurrencyRule.SIX_MONTHS, None, TODAY) is None


# -- Summaries and site-level findings -----------------------------------------------------------------------------


def test_summarize_keeps_content_links_dates_forms_contact_details_and_a_search_form() -> None:
    extracted = Extracted(
        kind=Kind.HTML,
        url=SITE + "/plan",
        title="แผนปฏิบัติราชการ",
        text="ข้อมูล ณ วันที่ 5 มกราคม 2569\n" + BODY_TEXT + "\nโทร 0 2123 4567 อีเมล plan@bantest.go.th",
        headings=(Heading(1, "แผนงาน"), Heading(2, "เมนู", navigation=True)),
        links=(Link(SITE + "/a.pdf", "ดาวน์โหลด"), Link(SITE + "/", "หน้าแรก", navigation=True)),
        metadata=MetadataDates(),
    )
    body = b'<form action="/search"><input type="search" name="q"></form>'
    summary = summarize(extracted, url=SITE + "/plan", status=200, today=TODAY, body=body, aliases=(SITE + "/p",))
    assert summary.content_date == dt.date(2026, 1, 5)
    assert summary.headings == ("แผนงาน",)
    assert summary.links[0] == LinkSummary(SITE + "/a.pdf", "ดาวน์โหลด", False, context="", section="")
    assert summary.search_form is True
    assert summary.facts == frozenset({"phone", "email"})
    assert summary_index([summary])["www.bantest.go.th/p"] is summary


def test_site_findings(checklist: ChecklistDefinition) -> None:
    found = summaries(
        {
            "/": page("<p>หน้าแรก</p>", extra_menu='<li><a href="/privacy.php">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a></li>'),
            "/old.php": 404,
            "/privacy.php": page("<h2>นโยบายคุ้มครองข้อมูลส่วนบุคคล</h2><p>" + BODY_TEXT + "</p>"),
        }
    )
    assert site_findings(SITE + "/", summary_index(found), sitemaps=()) == {
        "https": True,
        "sitemap": False,
        "broken_links": 1,
        "broken_urls": [SITE + "/old.php"],
        "search": False,
        "privacy_policy": SITE + "/privacy.php",
        "website_policy": None,
    }


# -- OIT codes: a label opening with an ITA item code names the items of that year -----------------------------------
# TODAY is in fiscal year 2569, so a page that states no year follows the ITA 2569 numbering.

MANUAL_TEXT = "ขั้นตอนที่ 1 รับเอกสารและตรวจความครบถ้วน ขั้นตอนที่ 2 บันทึกเข้าระบบภายในสองวันทำการ ผู้รับผิดชอบ กลุ่มอำนวยการ " * 2


def _oit_site(title: str, *links: LinkSummary) -> list[PageSummary]:
    home_page = PageSummary(
        url=SITE + "/",
        status=200,
        title=NAME,
        text="ยินดีต้อนรับ " * 30,
        links=(LinkSummary(SITE + "/oit", "เปิดเผยข้อมูลสาธารณะ"),),
    )
    hub = PageSummary(url=SITE + "/oit", status=200, title=title, text="รายการข้อมูลที่หน่วยงานเปิดเผย " * 5, links=links)
    document = PageSummary(
        url=SITE + "/files/a.pdf", status=200, kind=Kind.PDF, text=MANUAL_TEXT, text_chars=len(MANUAL_TEXT)
    )
    return [home_page, hub, document]


@pytest.mark.parametrize(
    ("title", "label", "found"),
    [
        # No year on the page: the check date's fiscal year (2569), where O8 is the operating manuals.
        ("การเปิดเผยข้อมูลสาธารณะ", "O8 เอกสารเผยแพร่ฉบับที่ 3", "5.1.8"),
        # The page states its ITA year, in Thai digits: in 2566 O8 was the Q&A channel.
        ("ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", "O8 เอกสารเผยแพร่ฉบับที่ 3", "5.1.10"),
        ("ข้อมูล OIT-2566", "o 8 เอกสารเผยแพร่ฉบับที่ 3", "5.1.10"),
        # A year the checklist has no crosswalk for gives no signal rather than a guess.
        ("ITA 2567", "O8 เอกสารเผยแพร่ฉบับที่ 3", None),
        # A ministry's own numbering is not the ITA's.
        ("การเปิดเผยข้อมูลสาธารณะ", "MOIT 8 เอกสารเผยแพร่ฉบับที่ 3", None),
        # A code in the middle of a label does not open it.
        ("การเปิดเผยข้อมูลสาธารณะ", "เอกสาร O8 ฉบับที่ 3", None),
    ],
)
def test_an_oit_code_names_the_item_of_its_ita_year(
    checklist: ChecklistDefinition, title: str, label: str, found: str | None
) -> None:
    outcomes = {
        o.code: o
        for o in classify_site(checklist, _oit_site(title, LinkSummary(SITE + "/files/a.pdf", label)), today=TODAY)
    }
    assert {code for code, o in outcomes.items() if o.status is not NOT_FOUND} == ({found} if found else set())
    if found:
        assert outcomes[found].status is FOUND
        assert outcomes[found].evidence_urls == [SITE + "/files/a.pdf"]
        assert outcomes[found].evidence[0].phrases == (label,)


def test_an_oit_code_in_a_table_row_names_the_link_of_that_row(checklist: ChecklistDefinition) -> None:
    row = "O9 | เอกสารสำหรับผู้มาติดต่อ | ดาวน์โหลด"
    site = _oit_site("ITA 2569", LinkSummary(SITE + "/files/a.pdf", "ดาวน์โหลด", context=row))
    outcomes = {o.code: o for o in classify_site(checklist, site, today=TODAY)}
    assert (outcomes["5.1.9"].status, outcomes["5.1.9"].evidence_urls) == (FOUND, [SITE + "/files/a.pdf"])
    assert outcomes["5.1.9"].evidence[0].phrases == (row,)


def test_an_oit_code_in_a_menu_entry_names_where_it_leads(checklist: ChecklistDefinition) -> None:
    site = _oit_site("ITA 2569", LinkSummary(SITE + "/files/a.pdf", "O8 คู่มือ", navigation=True))
    outcomes = {o.code: o for o in classify_site(checklist, site, today=TODAY)}
    assert {code for code, o in outcomes.items() if o.status is not NOT_FOUND} == {"5.1.8"}
    assert outcomes["5.1.8"].evidence_urls == [SITE + "/files/a.pdf"]


def test_an_oit_code_whose_label_names_another_item_follows_another_years_numbering(
    checklist: ChecklistDefinition,
) -> None:
    # In 2569 O8 is the operating manuals, but this row's own words are the news item's keyword: the words win.
    site = _oit_site("การเปิดเผยข้อมูลสาธารณะ", LinkSummary(SITE + "/files/a.pdf", "O8 ข่าวประชาสัมพันธ์"))
    outcomes = {o.code: o for o in classify_site(checklist, site, today=TODAY)}
    assert outcomes["5.1.8"].status is NOT_FOUND
    assert outcomes["5.1.2"].evidence[0].phrases == ("ข่าวประชาสัมพันธ์",)


def test_a_code_shared_by_two_items_goes_to_the_one_the_label_words_name(checklist: ChecklistDefinition) -> None:
    # ITA 2569's O1 asks for the structure and the powers and duties together.
    site = _oit_site("ITA 2569", LinkSummary(SITE + "/files/a.pdf", "O1 โครงสร้าง"))
    outcomes = {o.code: o for o in classify_site(checklist, site, today=TODAY)}
    assert (outcomes["5.1.1.1"].status, outcomes["5.1.1.3"].status) == (FOUND, NOT_FOUND)
    # A label with words of neither cannot say which of the two it is: it names neither.
    site = _oit_site("ITA 2569", LinkSummary(SITE + "/files/a.pdf", "O1 ดาวน์โหลด"))
    outcomes = {o.code: o for o in classify_site(checklist, site, today=TODAY)}
    assert (outcomes["5.1.1.1"].status, outcomes["5.1.1.3"].status) == (NOT_FOUND, NOT_FOUND)


@pytest.mark.parametrize(
    ("label", "year", "codes"),
    [
        ("O1 โครงสร้าง หน้าที่และอำนาจ", 2569, ("5.1.1.1", "5.1.1.3")),
        ("O1 โครงสร้าง", 2569, ("5.1.1.1",)),
        ("ข้อ O12 ข้อมูลการจัดซื้อจัดจ้าง", 2566, ("5.1.5",)),
        ("O12.", 2568, ("5.1.7.1", "5.1.7.2", "5.1.7.3")),
        ("O12.1 ตารางที่หนึ่ง", 2568, ()),
        ("O๑๑ สขร. เดือนมีนาคม", 2569, ("5.1.7.3",)),
        ("O2 ข้อมูลผู้บริหาร", 2569, ()),
        ("O99", 2569, ()),
        ("OIT 2569", 2569, ()),
    ],
)
def test_crosswalk_codes_read_the_code_opening_a_label(
    checklist: ChecklistDefinition, label: str, year: int, codes: tuple[str, ...]
) -> None:
    assert CrosswalkCodes.of(checklist.items).named(label, year) == codes


def test_links_listed_under_an_oit_code_belong_to_that_codes_item(checklist: ChecklistDefinition) -> None:
    extracted = Extracted(
        kind=Kind.HTML,
        url=SITE + "/oit",
        title="ITA 2569 | สำนักงานตัวอย่าง",
        text="\n".join(
            [
                "การเปิดเผยข้อมูลสาธารณะ",
                "O8 เอกสารสำหรับเจ้าหน้าที่",
                "ฉบับที่ 1",
                "ฉบับที่ 2",
                "O9 | เอกสารสำหรับผู้มาติดต่อ | ฉบับที่ 1",
                "O10 | เอกสารที่ยังไม่เผยแพร่ | -",
                "- | เอกสารอื่น | ฉบับที่ 4",
                *(f"บรรทัดที่ {n}" for n in range(12)),
                "ฉบับที่ 3",
            ]
        ),
        links=(
            Link(SITE + "/files/a1.pdf", "ฉบับที่ 1"),
            Link(SITE + "/files/a2.pdf", "ฉบับที่ 2"),
            Link(SITE + "/files/b1.pdf", "ฉบับที่ 1"),
            Link(SITE + "/files/d.pdf", "ฉบับที่ 4"),
            Link(SITE + "/files/c.pdf", "ฉบับที่ 3"),
        ),
    )
    oit = summarize(extracted, url=SITE + "/oit", status=200, today=TODAY)
    # A row that carries its own code is its link's context, not a section, and it ends the section above it:
    # the next row's link belongs to neither O8 nor O10. Twelve lines on, any code is too far.
    assert [(link.context, link.section) for link in oit.links] == [
        ("", "O8 เอกสารสำหรับเจ้าหน้าที่"),
        ("", "O8 เอกสารสำหรับเจ้าหน้าที่"),
        ("O9 | เอกสารสำหรับผู้มาติดต่อ | ฉบับที่ 1", ""),
        ("- | เอกสารอื่น | ฉบับที่ 4", ""),
        ("", ""),
    ]
    documents = [
        PageSummary(url=SITE + f"/files/{name}.pdf", status=200, kind=Kind.PDF, text=MANUAL_TEXT, text_chars=999)
        for name in ("a1", "a2", "b1", "c", "d")
    ]
    home_page = PageSummary(url=SITE + "/", status=200, title=NAME, text="ยินดีต้อนรับ " * 30)
    outcomes = {o.code: o for o in classify_site(checklist, [home_page, oit, *documents], today=TODAY)}
    assert (outcomes["5.1.8"].status, outcomes["5.1.8"].evidence_urls) == (
        FOUND,
        [SITE + "/files/a1.pdf", SITE + "/files/a2.pdf"],
    )
    assert outcomes["5.1.8"].evidence[0].phrases == ("O8 เอกสารสำหรับเจ้าหน้าที่",)
    assert (outcomes["5.1.9"].status, outcomes["5.1.9"].evidence_urls) == (FOUND, [SITE + "/files/b1.pdf"])
    assert {o.code for o in outcomes.values() if o.status is not NOT_FOUND} == {"5.1.8", "5.1.9"}
