"""The item classifier judges hand-made page summaries: menus, content links, placeholders, dead files, dates."""

import datetime as dt

import pytest

from prongsai.checklists.definition import (
    DEFAULT_CHECKLIST_PATH,
    ChecklistDefinition,
    CurrencyRule,
    ItemDefinition,
    load_checklist_file,
)
from prongsai.monitoring.engine.classify import (
    CrosswalkCodes,
    LinkSummary,
    PageSummary,
    classify_item,
    classify_site,
    current_for,
    site_findings,
    summarize,
    summary_index,
)
from prongsai.monitoring.engine.extract.model import Extracted, Heading, Kind, Link, MetadataDates
from prongsai.monitoring.outcome import DateSource, ItemStatus

TODAY = dt.date(2026, 3, 15)
SITE = "http://unit.example/"
REAL_TEXT = "หน่วยงานแบ่งส่วนราชการภายในออกเป็นสามกลุ่มงาน ได้แก่ กลุ่มอำนวยการ กลุ่มนโยบายและแผน และกลุ่มตรวจสอบภายใน " * 2
NAV = (
    LinkSummary(SITE + "structure", "โครงสร้างหน่วยงาน", navigation=True),
    LinkSummary(SITE + "integrity", "เจตจำนงสุจริต", navigation=True),
)


@pytest.fixture(scope="module")
def checklist() -> ChecklistDefinition:
    return load_checklist_file(DEFAULT_CHECKLIST_PATH)


def _item(checklist: ChecklistDefinition, code: str) -> ItemDefinition:
    return next(item for item in checklist.items if item.code == code)


def _home(*links: LinkSummary) -> PageSummary:
    return PageSummary(url=SITE, status=200, title="สำนักงานตัวอย่าง", text="ยินดีต้อนรับ " * 30, links=NAV + links)


def test_keyword_only_in_the_menu_is_not_evidence(checklist: ChecklistDefinition) -> None:
    about = PageSummary(url=SITE + "about", status=200, title="เกี่ยวกับเรา", text=REAL_TEXT, links=NAV)
    outcome = classify_item(_item(checklist, "5.1.1.1"), summary_index([_home(), about]), today=TODAY)
    assert outcome.status is ItemStatus.NOT_FOUND
    assert outcome.evidence == ()
    assert (outcome.as_of, outcome.current) == (None, None)
    assert outcome.reason_en.startswith("No page, section or document")
    assert outcome.fix_en == "Publish a page or document for this item and link to it from the site's content."


def test_content_link_to_a_real_page_is_found(checklist: ChecklistDefinition) -> None:
    home = _home(LinkSummary(SITE + "org/chart", "แผนผังโครงสร้างของสำนักงาน"))
    target = PageSummary(
        url=SITE + "org/chart",
        status=200,
        title="หน้าข้อมูลหน่วยงาน",
        text=REAL_TEXT + " ข้อมูล ณ วันที่ 2 มีนาคม 2569",
        content_date=dt.date(2026, 3, 2),
    )
    outcome = classify_item(_item(checklist, "5.1.1.1"), summary_index([home, target]), today=TODAY)
    assert outcome.status is ItemStatus.FOUND
    assert outcome.evidence_urls == [SITE + "org/chart"]
    assert outcome.evidence[0].phrases == ("แผนผังโครงสร้าง",)
    assert outcome.evidence[0].http_status == 200
    assert outcome.evidence[0].snippet
    assert (outcome.as_of, outcome.as_of_source, outcome.current) == (dt.date(2026, 3, 2), DateSource.CONTENT, True)
    assert 0.5 < outcome.confidence <= 1.0


def test_placeholder_page_is_partial(checklist: ChecklistDefinition) -> None:
    page = PageSummary(
        url=SITE + "structure",
        status=200,
        title="โครงสร้างหน่วยงาน",
        headings=("โครงสร้างหน่วยงาน",),
        text="โครงสร้างหน่วยงาน\nหน้านี้อยู่ระหว่างปรับปรุงข้อมูล ขออภัยในความไม่สะดวก",
    )
    outcome = classify_item(_item(checklist, "5.1.1.1"), summary_index([_home(), page]), today=TODAY)
    assert outcome.status is ItemStatus.PARTIAL
    assert outcome.evidence_urls == [SITE + "structure"]
    assert outcome.reason_en == "There is a page for this item, but it is a placeholder or has almost no content."


def test_page_with_almost_no_text_is_partial(checklist: ChecklistDefinition) -> None:
    page = PageSummary(url=SITE + "structure", status=200, title="โครงสร้างองค์กร", text="โครงสร้างองค์กร")
    outcome = classify_item(_item(checklist, "5.1.1.1"), summary_index([_home(), page]), today=TODAY)
    assert outcome.status is ItemStatus.PARTIAL


def test_dead_pdf_is_partial(checklist: ChecklistDefinition) -> None:
    home = _home(LinkSummary(SITE + "files/plan-2569.pdf", "แผนปฏิบัติราชการประจำปี พ.ศ. 2569 (PDF)"))
    pdf = PageSummary(url=SITE + "files/plan-2569.pdf", status=404, kind=Kind.PDF)
    outcome = classify_item(_item(checklist, "5.1.4"), summary_index([home, pdf]), today=TODAY)
    assert outcome.status is ItemStatus.PARTIAL
    assert outcome.evidence_urls == [SITE + "files/plan-2569.pdf"]
    assert outcome.evidence[0].http_status == 404
    assert outcome.reason_en.startswith("There is a link for this item, but")
    assert (outcome.as_of, outcome.current) == (None, None)


def test_page_whose_only_document_is_dead_is_partial(checklist: ChecklistDefinition) -> None:
    page = PageSummary(
        url=SITE + "plan",
        status=200,
        title="แผนปฏิบัติราชการประจำปี",
        text="ดาวน์โหลดเอกสาร",
        links=(LinkSummary(SITE + "files/p.pdf", "ดาวน์โหลด"),),
    )
    pdf = PageSummary(url=SITE + "files/p.pdf", status=500, kind=Kind.PDF)
    outcome = classify_item(_item(checklist, "5.1.4"), summary_index([_home(), page, pdf]), today=TODAY)
    assert outcome.status is ItemStatus.PARTIAL
    assert outcome.reason_en == "There is a page for this item, but its attached documents cannot be opened."


def test_live_document_is_found_with_metadata_date(checklist: ChecklistDefinition) -> None:
    home = _home(LinkSummary(SITE + "files/plan.pdf", "แผนปฏิบัติราชการประจำปี"))
    pdf = PageSummary(
        url=SITE + "files/plan.pdf",
        status=200,
        kind=Kind.PDF,
        text=REAL_TEXT,
        text_chars=len(REAL_TEXT),
        metadata_date=dt.date(2025, 10, 20),
    )
    outcome = classify_item(_item(checklist, "5.1.4"), summary_index([home, pdf]), today=TODAY)
    assert outcome.status is ItemStatus.FOUND
    assert (outcome.as_of, outcome.as_of_source, outcome.current) == (
        dt.date(2025, 10, 20),
        DateSource.DOCUMENT_METADATA,
        True,
    )


def test_integrity_statement_only_in_thai_is_partial(checklist: ChecklistDefinition) -> None:
    thai = PageSummary(url=SITE + "integrity", status=200, title="ประกาศเจตจำนงสุจริต", text=REAL_TEXT)
    outcome = classify_item(_item(checklist, "5.1.3"), summary_index([_home(), thai]), today=TODAY)
    assert outcome.status is ItemStatus.PARTIAL
    assert outcome.reason_en == "Only the Thai version was found; the English version is missing."


def test_integrity_statement_in_both_languages_is_found(checklist: ChecklistDefinition) -> None:
    thai = PageSummary(url=SITE + "integrity", status=200, title="ประกาศเจตจำนงสุจริต", text=REAL_TEXT)
    english_text = "I, the Director, declare my intent to administer this office with honesty and transparency. " * 3
    english = PageSummary(url=SITE + "integrity-en", status=200, title="Integrity Statement", text=english_text)
    outcome = classify_item(_item(checklist, "5.1.3"), summary_index([_home(), thai, english]), today=TODAY)
    assert outcome.status is ItemStatus.FOUND
    assert set(outcome.evidence_urls) == {SITE + "integrity", SITE + "integrity-en"}


@pytest.mark.parametrize(
    ("page_date", "last_modified", "expected"),
    [
        (dt.date(2026, 1, 10), None, (dt.date(2026, 1, 10), DateSource.CONTENT, True)),
        (dt.date(2025, 1, 10), None, (dt.date(2025, 1, 10), DateSource.CONTENT, False)),
        (None, dt.date(2026, 2, 1), (dt.date(2026, 2, 1), DateSource.LAST_MODIFIED, True)),
        (None, None, (None, None, None)),
    ],
)
def test_dates_decide_current_exactly(
    checklist: ChecklistDefinition,
    page_date: dt.date | None,
    last_modified: dt.date | None,
    expected: tuple[object, object, object],
) -> None:
    page = PageSummary(
        url=SITE + "executives",
        status=200,
        title="ทำเนียบผู้บริหาร",
        text=REAL_TEXT,
        content_date=page_date,
        last_modified=last_modified,
    )
    outcome = classify_item(_item(checklist, "5.1.1.2"), summary_index([_home(), page]), today=TODAY)
    assert outcome.status is ItemStatus.FOUND
    assert (outcome.as_of, outcome.as_of_source, outcome.current) == expected


def test_current_follows_the_items_rule() -> None:
    assert current_for(CurrencyRule.MONTHLY, dt.date(2026, 2, 20), TODAY) is True
    assert current_for(CurrencyRule.MONTHLY, dt.date(2026, 2, 10), TODAY) is False
    assert current_for(CurrencyRule.CURRENT_FISCAL_YEAR, dt.date(2025, 9, 1), TODAY) is False
    assert current_for(CurrencyRule.SIX_MONTHS, None, TODAY) is None


def test_summarize_keeps_content_links_dates_and_a_search_form() -> None:
    extracted = Extracted(
        kind=Kind.HTML,
        url=SITE + "plan",
        title="แผนปฏิบัติราชการ",
        text="ข้อมูล ณ วันที่ 5 มกราคม 2569\n" + REAL_TEXT,
        headings=(Heading(1, "แผนงาน"), Heading(2, "เมนู", navigation=True)),
        links=(Link(SITE + "a.pdf", "ดาวน์โหลด"), Link(SITE, "หน้าแรก", navigation=True)),
        metadata=MetadataDates(),
    )
    body = b'<form action="/search"><input type="search" name="q"></form>'
    summary = summarize(extracted, url=SITE + "plan", status=200, today=TODAY, body=body, aliases=(SITE + "p",))
    assert summary.content_date == dt.date(2026, 1, 5)
    assert summary.headings == ("แผนงาน",)
    assert summary.links[0] == LinkSummary(SITE + "a.pdf", "ดาวน์โหลด", False)
    assert summary.search_form is True
    assert summary_index([summary])["unit.example/p"] is summary


def test_whole_site_and_site_findings(checklist: ChecklistDefinition) -> None:
    home = _home(LinkSummary(SITE + "privacy", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", navigation=True))
    broken = PageSummary(url=SITE + "old", status=404)
    privacy = PageSummary(url=SITE + "privacy", status=200, title="นโยบายคุ้มครองข้อมูลส่วนบุคคล", text=REAL_TEXT)
    outcomes = classify_site(checklist, [home, broken, privacy], today=TODAY)
    assert [o.code for o in outcomes] == [item.code for item in checklist.items]
    assert all(o.status is ItemStatus.NOT_FOUND for o in outcomes)
    findings = site_findings(SITE, summary_index([home, broken, privacy]), sitemaps=())
    assert findings == {
        "https": False,
        "sitemap": False,
        "broken_links": 1,
        "broken_urls": [SITE + "old"],
        "search": False,
        "privacy_policy": SITE + "privacy",
        "website_policy": None,
    }


def test_generic_link_takes_the_item_name_from_its_table_row(checklist: ChecklistDefinition) -> None:
    extracted = Extracted(
        kind=Kind.HTML,
        url=SITE + "oit",
        title="การเปิดเผยข้อมูลสาธารณะ",
        text="ตัวชี้วัด | ข้อมูล | ลิงก์\nO1 | ข่าวประชาสัมพันธ์ | รายละเอียด\nO2 | โครงสร้างองค์กร | รายละเอียด",
        links=(Link(SITE + "a", "รายละเอียด"), Link(SITE + "b", "รายละเอียด")),
    )
    oit = summarize(extracted, url=SITE + "oit", status=200, today=TODAY)
    assert [link.context for link in oit.links] == ["O1 | ข่าวประชาสัมพันธ์ | รายละเอียด", "O2 | โครงสร้างองค์กร | รายละเอียด"]
    target = PageSummary(url=SITE + "b", status=200, title="หน้า B", text=REAL_TEXT)
    outcome = classify_item(_item(checklist, "5.1.1.1"), summary_index([_home(), oit, target]), today=TODAY)
    assert outcome.status is ItemStatus.FOUND
    assert outcome.evidence_urls == [SITE + "b"]


def test_attached_documents_date_the_item_and_give_5_1_3_its_english_version(checklist: ChecklistDefinition) -> None:
    page = PageSummary(
        url=SITE + "integrity",
        status=200,
        title="เจตจำนงสุจริตของผู้บริหาร",
        text="ฉบับภาษาไทย\nEnglish version",
        links=(LinkSummary(SITE + "th.pdf", "ฉบับภาษาไทย"), LinkSummary(SITE + "en.pdf", "English version")),
    )
    thai = PageSummary(
        url=SITE + "th.pdf",
        status=200,
        kind=Kind.PDF,
        text=REAL_TEXT,
        text_chars=400,
        content_date=dt.date(2025, 10, 1),
    )
    english_text = "I pledge to lead this office honestly, openly and accountably, and to refuse any bribe. " * 3
    english = PageSummary(
        url=SITE + "en.pdf", status=200, kind=Kind.PDF, text=english_text, text_chars=len(english_text)
    )
    outcome = classify_item(_item(checklist, "5.1.3"), summary_index([_home(), page, thai, english]), today=TODAY)
    assert outcome.status is ItemStatus.FOUND
    assert outcome.evidence_urls == [SITE + "integrity", SITE + "th.pdf", SITE + "en.pdf"]
    assert (outcome.as_of, outcome.as_of_source, outcome.current) == (dt.date(2025, 10, 1), DateSource.CONTENT, True)


def test_a_title_that_only_names_part_of_a_keyword_never_makes_a_placeholder_partial(
    checklist: ChecklistDefinition,
) -> None:
    # "จัดซื้อจัดจ้าง" is the core of the plan's, the results' and the summary's keywords alike: it names none of them.
    hub = PageSummary(url=SITE + "section/procurement", status=200, title="จัดซื้อจัดจ้าง", text="จัดซื้อจัดจ้าง")
    outcomes = {o.code: o.status for o in classify_site(checklist, [_home(), hub], today=TODAY)}
    assert [outcomes[code] for code in ("5.1.7.1", "5.1.7.2", "5.1.7.3")] == [ItemStatus.NOT_FOUND] * 3


def test_separators_inside_a_label_do_not_hide_a_keyword(checklist: ChecklistDefinition) -> None:
    page = PageSummary(
        url=SITE + "complaint",
        status=200,
        title="ร้องเรียน/ร้องทุกข์ | สำนักงานตัวอย่าง",
        text="ท่านสามารถแจ้งเรื่องได้ทางแบบฟอร์มด้านล่าง หรืออีเมล complaint@example.go.th โทร 0 2123 4567 " * 2,
    )
    outcome = classify_item(_item(checklist, "5.1.11"), summary_index([_home(), page]), today=TODAY)
    assert (outcome.status, outcome.evidence_urls) == (ItemStatus.FOUND, [SITE + "complaint"])
    assert outcome.evidence[0].phrases == ("ร้องเรียนร้องทุกข์",)


def test_a_short_title_shared_by_two_items_goes_to_the_one_its_text_names(checklist: ChecklistDefinition) -> None:
    awards = PageSummary(
        url=SITE + "procurement/results",
        status=200,
        title="ผลการจัดซื้อจัดจ้าง",
        text=(
            "ลำดับ | งานที่จัดซื้อจัดจ้าง | วงเงิน | ราคากลาง | วิธีซื้อหรือจ้าง | ผู้เสนอราคาและราคาที่เสนอ"
            " | ผู้ได้รับการคัดเลือกและราคาที่ตกลง | เหตุผลที่คัดเลือกโดยสรุป | เลขที่และวันที่ของสัญญา\n"
            "1 | จัดซื้อวัสดุสำนักงาน | 12,000 | 12,000 | เฉพาะเจาะจง | ร้านเจริญภัณฑ์ 11,500 บาท"
            " | ร้านเจริญภัณฑ์ 11,500 บาท | ราคาต่ำสุด | สัญญาเลขที่ 3/2569 ลงวันที่ 2 มีนาคม 2569"
        ),
        content_date=dt.date(2026, 3, 2),
    )
    outcomes = {o.code: o for o in classify_site(checklist, [_home(), awards], today=TODAY)}
    assert outcomes["5.1.7.2"].status is ItemStatus.FOUND
    assert outcomes["5.1.7.2"].evidence_urls == [SITE + "procurement/results"]
    assert (outcomes["5.1.7.2"].as_of, outcomes["5.1.7.2"].current) == (dt.date(2026, 3, 2), True)
    assert (outcomes["5.1.7.3"].status, outcomes["5.1.7.3"].current) == (ItemStatus.NOT_FOUND, None)


def test_a_placeholder_titled_with_the_core_of_one_items_keyword_is_partial(checklist: ChecklistDefinition) -> None:
    page = PageSummary(
        url=SITE + "about/executives",
        status=200,
        title="ผู้บริหาร | สำนักงานตัวอย่าง",
        headings=("ผู้บริหาร",),
        text="ผู้บริหาร\nกำลังปรับปรุงข้อมูล",
    )
    outcomes = {o.code: o for o in classify_site(checklist, [_home(), page], today=TODAY)}
    assert outcomes["5.1.1.2"].status is ItemStatus.PARTIAL
    assert outcomes["5.1.1.2"].evidence_urls == [SITE + "about/executives"]
    assert (outcomes["5.1.1.2"].as_of, outcomes["5.1.1.2"].current) == (None, None)
    assert (
        outcomes["5.1.1.2"].reason_en
        == "There is a page for this item, but it is a placeholder or has almost no content."
    )


def test_procurement_results_without_the_required_fields_are_partial(checklist: ChecklistDefinition) -> None:
    bare = PageSummary(
        url=SITE + "procurement/awards",
        status=200,
        title="ประกาศผู้ชนะการเสนอราคา",
        text="ลำดับ | รายการ | ผู้ชนะ\n1 | จัดซื้อวัสดุสำนักงาน | ร้านเจริญภัณฑ์\n2 | จ้างเหมาทำความสะอาดอาคาร | บริษัท สยามออฟฟิศ จำกัด",
        content_date=dt.date(2026, 2, 1),
    )
    outcome = classify_item(_item(checklist, "5.1.7.2"), summary_index([_home(), bare]), today=TODAY)
    assert (outcome.status, outcome.evidence_urls) == (ItemStatus.PARTIAL, [SITE + "procurement/awards"])
    assert outcome.reason_en == "There is a page for this item, but parts the item requires are missing."
    assert (outcome.as_of, outcome.current) == (dt.date(2026, 2, 1), True)
    full = PageSummary(
        url=SITE + "procurement/awards",
        status=200,
        title="ประกาศผู้ชนะการเสนอราคา",
        text="Item | Budget | Reference price | Method | Bidders and bids | Winner and agreed price | Reason"
        " | Contract no.\n"
        "1 | Office supplies | 12,000 | 12,000 | specific | Charoen 11,500 | Charoen 11,500 | lowest | 3/2569",
    )
    outcome = classify_item(_item(checklist, "5.1.7.2"), summary_index([_home(), full]), today=TODAY)
    assert outcome.status is ItemStatus.FOUND


def test_a_shared_short_title_on_a_page_without_keywords_goes_to_the_item_it_names(
    checklist: ChecklistDefinition,
) -> None:
    # "แผนปฏิบัติราชการ" is the core of a 5.1.1.4 keyword too, but of the name of 5.1.4 only.
    page = PageSummary(
        url=SITE + "plans/action",
        status=200,
        title="แผนปฏิบัติราชการ",
        text="แผนปฏิบัติราชการ\nดาวน์โหลดเอกสาร (PDF)",
        links=(LinkSummary(SITE + "files/plan.pdf", "ดาวน์โหลดเอกสาร (PDF)"),),
    )
    dead = PageSummary(url=SITE + "files/plan.pdf", status=404, kind=Kind.PDF)
    outcomes = {o.code: o for o in classify_site(checklist, [_home(), page, dead], today=TODAY)}
    assert (outcomes["5.1.4"].status, outcomes["5.1.4"].evidence_urls) == (ItemStatus.PARTIAL, [SITE + "plans/action"])
    assert outcomes["5.1.4"].reason_en == "There is a page for this item, but its attached documents cannot be opened."
    assert outcomes["5.1.1.4"].status is ItemStatus.NOT_FOUND


def test_a_title_in_words_of_one_items_keywords_names_that_item(checklist: ChecklistDefinition) -> None:
    # No keyword is in "ภารกิจและหน้าที่", but both its words come from the powers-and-duties keywords only.
    duties = PageSummary(
        url=SITE + "about/duties",
        status=200,
        title="ภารกิจและหน้าที่ | สำนักงานตัวอย่าง",
        text="1. เสนอแนะนโยบายด้านการเงินการคลังระดับพื้นที่ 2. วิเคราะห์และรายงานภาวะเศรษฐกิจในพื้นที่ทุกเดือน " * 2,
    )
    # "ติดต่อและร้องเรียน" has one word of the contact item and one of the complaint item: it names neither.
    section = PageSummary(url=SITE + "section/contact", status=200, title="ติดต่อและร้องเรียน", text=REAL_TEXT)
    outcomes = {o.code: o for o in classify_site(checklist, [_home(), duties, section], today=TODAY)}
    assert (outcomes["5.1.1.3"].status, outcomes["5.1.1.3"].evidence_urls) == (
        ItemStatus.FOUND,
        [SITE + "about/duties"],
    )
    assert outcomes["5.1.1.3"].evidence[0].phrases == ("ภารกิจและหน้าที่",)
    assert [outcomes[code].status for code in ("5.1.1.5", "5.1.11")] == [ItemStatus.NOT_FOUND] * 2


# OIT codes: a page listing the ITA items by code ("O8 …") names the checklist items the crosswalk maps the code to.
# TODAY is in fiscal year 2569, so a page that states no year follows the ITA 2569 numbering.
MANUAL_TEXT = "ขั้นตอนที่ 1 รับเอกสารและตรวจความครบถ้วน ขั้นตอนที่ 2 บันทึกเข้าระบบภายในสองวันทำการ ผู้รับผิดชอบ กลุ่มอำนวยการ " * 2


def _oit_site(title: str, *links: LinkSummary) -> list[PageSummary]:
    hub = PageSummary(url=SITE + "oit", status=200, title=title, text="รายการข้อมูลที่หน่วยงานเปิดเผย " * 5, links=links)
    document = PageSummary(
        url=SITE + "files/a.pdf", status=200, kind=Kind.PDF, title="", text=MANUAL_TEXT, text_chars=len(MANUAL_TEXT)
    )
    return [_home(LinkSummary(SITE + "oit", "เปิดเผยข้อมูลสาธารณะ")), hub, document]


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
        for o in classify_site(checklist, _oit_site(title, LinkSummary(SITE + "files/a.pdf", label)), today=TODAY)
    }
    assert {code for code, o in outcomes.items() if o.status is not ItemStatus.NOT_FOUND} == (
        {found} if found else set()
    )
    if found:
        assert outcomes[found].status is ItemStatus.FOUND
        assert outcomes[found].evidence_urls == [SITE + "files/a.pdf"]
        assert outcomes[found].evidence[0].phrases == (label,)


def test_an_oit_code_in_a_table_row_names_the_link_of_that_row(checklist: ChecklistDefinition) -> None:
    row = "O9 | เอกสารสำหรับผู้มาติดต่อ | ดาวน์โหลด"
    site = _oit_site("ITA 2569", LinkSummary(SITE + "files/a.pdf", "ดาวน์โหลด", context=row))
    outcomes = {o.code: o for o in classify_site(checklist, site, today=TODAY)}
    assert (outcomes["5.1.9"].status, outcomes["5.1.9"].evidence_urls) == (ItemStatus.FOUND, [SITE + "files/a.pdf"])
    assert outcomes["5.1.9"].evidence[0].phrases == (row,)


def test_an_oit_code_in_the_menu_is_navigation_not_evidence(checklist: ChecklistDefinition) -> None:
    site = _oit_site("ITA 2569", LinkSummary(SITE + "files/a.pdf", "O8 คู่มือ", navigation=True))
    assert {
        o.code for o in classify_site(checklist, site, today=TODAY) if o.status is not ItemStatus.NOT_FOUND
    } == set()


def test_a_page_titled_with_an_oit_code_is_that_items_page(checklist: ChecklistDefinition) -> None:
    page = PageSummary(url=SITE + "ita/o4", status=200, title="O4 | ITA 2569 | สำนักงานตัวอย่าง", text=REAL_TEXT)
    outcomes = {o.code: o for o in classify_site(checklist, [_home(), page], today=TODAY)}
    assert (outcomes["5.1.2"].status, outcomes["5.1.2"].evidence_urls) == (ItemStatus.FOUND, [SITE + "ita/o4"])
    assert outcomes["5.1.2"].evidence[0].phrases == ("O4",)


def test_an_oit_code_whose_label_names_another_item_follows_another_years_numbering(
    checklist: ChecklistDefinition,
) -> None:
    # In 2569 O8 is the operating manuals, but this row's own words are the news item's keyword: the words win.
    site = _oit_site("การเปิดเผยข้อมูลสาธารณะ", LinkSummary(SITE + "files/a.pdf", "O8 ข่าวประชาสัมพันธ์"))
    outcomes = {o.code: o for o in classify_site(checklist, site, today=TODAY)}
    assert outcomes["5.1.8"].status is ItemStatus.NOT_FOUND
    assert outcomes["5.1.2"].evidence[0].phrases == ("ข่าวประชาสัมพันธ์",)


def test_a_code_shared_by_two_items_goes_to_the_one_the_label_words_name(checklist: ChecklistDefinition) -> None:
    # ITA 2569's O1 asks for the structure and the powers and duties together.
    site = _oit_site("ITA 2569", LinkSummary(SITE + "files/a.pdf", "O1 โครงสร้าง"))
    outcomes = {o.code: o for o in classify_site(checklist, site, today=TODAY)}
    assert (outcomes["5.1.1.1"].status, outcomes["5.1.1.3"].status) == (ItemStatus.FOUND, ItemStatus.NOT_FOUND)
    # A label without words of either leaves the code to both, as a weak signal: it counts while nothing stronger
    # names the item, and the item named elsewhere by its keyword keeps its own page.
    duties = PageSummary(url=SITE + "duties", status=200, title="อำนาจหน้าที่", text=REAL_TEXT)
    site = _oit_site("ITA 2569", LinkSummary(SITE + "files/a.pdf", "O1 ดาวน์โหลด"))
    outcomes = {o.code: o for o in classify_site(checklist, [*site, duties], today=TODAY)}
    assert (outcomes["5.1.1.1"].status, outcomes["5.1.1.1"].evidence_urls) == (ItemStatus.FOUND, [SITE + "files/a.pdf"])
    assert outcomes["5.1.1.1"].confidence < outcomes["5.1.1.3"].confidence
    assert (outcomes["5.1.1.3"].status, outcomes["5.1.1.3"].evidence_urls) == (ItemStatus.FOUND, [SITE + "duties"])


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
        url=SITE + "oit",
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
            Link(SITE + "files/a1.pdf", "ฉบับที่ 1"),
            Link(SITE + "files/a2.pdf", "ฉบับที่ 2"),
            Link(SITE + "files/b1.pdf", "ฉบับที่ 1"),
            Link(SITE + "files/d.pdf", "ฉบับที่ 4"),
            Link(SITE + "files/c.pdf", "ฉบับที่ 3"),
        ),
    )
    oit = summarize(extracted, url=SITE + "oit", status=200, today=TODAY)
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
        PageSummary(url=SITE + f"files/{name}.pdf", status=200, kind=Kind.PDF, text=MANUAL_TEXT, text_chars=999)
        for name in ("a1", "a2", "b1", "c", "d")
    ]
    outcomes = {o.code: o for o in classify_site(checklist, [_home(), oit, *documents], today=TODAY)}
    assert (outcomes["5.1.8"].status, outcomes["5.1.8"].evidence_urls) == (
        ItemStatus.FOUND,
        [SITE + "files/a1.pdf", SITE + "files/a2.pdf"],
    )
    assert outcomes["5.1.8"].evidence[0].phrases == ("O8 เอกสารสำหรับเจ้าหน้าที่",)
    assert (outcomes["5.1.9"].status, outcomes["5.1.9"].evidence_urls) == (ItemStatus.FOUND, [SITE + "files/b1.pdf"])
    assert {o.code for o in outcomes.values() if o.status is not ItemStatus.NOT_FOUND} == {"5.1.8", "5.1.9"}
