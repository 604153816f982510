"""The ITA sheet selector: exact rows, evidence sources, flags, the own-website rule, unknown years, query counts."""

import datetime as dt
from dataclasses import replace

import pytest

from prongsai.checklists.oit import OitList
from prongsai.disclosures.workflow import EntryStatus
from prongsai.monitoring.models import ItemFinding
from prongsai.monitoring.outcome import ItemStatus
from prongsai.monitoring.services import finding_override
from prongsai.reports.ita import (
    EvidenceSource,
    ItaFlag,
    ItaItemRow,
    ItaYearUnavailable,
    ita_sheet,
    ita_years_available,
    on_own_website,
)

from .ita_world import LISTS, NOW, PORTAL_URL, TODAY, ItaWorld, _english, ita_world, shared_ita_world

__all__ = ["_english", "ita_world", "shared_ita_world"]

F = ItaFlag
S = EvidenceSource


@pytest.mark.parametrize(
    ("url", "own"),
    [
        ("https://www.unit-a.example.go.th/about", True),  # the registered host
        ("http://unit-a.example.go.th/about", True),  # http, without www.
        ("https://WWW.Unit-A.example.go.th:443/x", True),  # case and port do not matter
        ("https://news.unit-a.example.go.th/2569/", True),  # a subdomain of a host registered at its root
        ("https://shared.example.go.th/unit-a/manual.pdf", True),  # under the registered path of a shared host
        ("https://shared.example.go.th/unit-a", True),  # the registered path itself
        ("https://shared.example.go.th/unit-ab/x", False),  # a sibling path that only starts alike
        ("https://shared.example.go.th/unit-b/x", False),  # another unit's section of the shared host
        ("https://docs.shared.example.go.th/unit-a/x", False),  # subdomains of a shared host are not the unit's
        ("https://prongsai.example.go.th/th/unit-a/items/A.2/", False),  # the Prongsai portal
        ("https://unit-a.example.go.th.evil.example/x", False),  # a host that only starts with the unit's
        ("https://xunit-a.example.go.th/x", False),  # a host that only ends with the unit's name
        ("ftp://www.unit-a.example.go.th/x", False),
        ("not a url", False),
        ("", False),
    ],
)
def test_own_website_rule(url: str, own: bool) -> None:
    websites = ["https://www.unit-a.example.go.th/", "https://shared.example.go.th/unit-a/"]
    assert on_own_website(url, websites) is own


def test_no_registered_website_owns_nothing() -> None:
    assert on_own_website("https://www.unit-a.example.go.th/", []) is False


def _row(code: str, **values: object) -> ItaItemRow:
    return ItaItemRow(code=code, **values)


A1 = _row(
    "A.1",
    name_th="โครงสร้างหน่วยงาน",
    name_en="Organization structure",
    status=EntryStatus.PUBLISHED,
    url="https://www.unit-a.example.go.th/about/structure",
    source=S.REGISTER,
    offsite_url="",
    as_of=dt.date(2026, 3, 1),
    reviewed_on=dt.date(2026, 3, 6),
    next_review_due=dt.date(2026, 9, 6),
    monitor_status=ItemStatus.FOUND,
    flags=(),
)
A2 = _row(
    "A.2",
    name_th="อำนาจหน้าที่",
    name_en="Powers and duties",
    status=EntryStatus.PUBLISHED,
    url="https://unit-a.example.go.th/duties",
    source=S.MONITOR,
    offsite_url=PORTAL_URL,
    as_of=dt.date(2026, 3, 5),
    reviewed_on=dt.date(2026, 3, 11),
    next_review_due=dt.date(2026, 9, 11),
    monitor_status=ItemStatus.FOUND,
    flags=(F.NOT_OWN_SITE, F.MONITOR_ONLY),
)
B1 = _row(
    "B.1",
    name_th="ข่าวประชาสัมพันธ์",
    name_en="News",
    status=EntryStatus.MISSING,
    url="https://news.unit-a.example.go.th/2569/",
    source=S.MONITOR,
    offsite_url="",
    as_of=None,
    reviewed_on=None,
    next_review_due=None,
    monitor_status=ItemStatus.FOUND,
    flags=(F.ITEM_MISSING, F.MONITOR_ONLY),
)
C1 = _row(
    "C.1",
    name_th="คู่มือการปฏิบัติงาน",
    name_en="Operating manual",
    status=EntryStatus.OVERDUE,
    url="https://shared.example.go.th/unit-a/manual-en.pdf",
    source=S.REGISTER,
    offsite_url="",
    as_of=dt.date(2025, 6, 1),
    reviewed_on=dt.date(2025, 6, 2),
    next_review_due=dt.date(2025, 12, 2),
    monitor_status=ItemStatus.NOT_FOUND,
    flags=(F.STALE,),
)


def test_sheet_rows_sources_and_flags(ita_world: ItaWorld) -> None:
    sheet = ita_sheet(organization=ita_world.org("unit_a"), fiscal_year=2569, today=TODAY, lists=LISTS)
    assert sheet.oit.year == "ita-2569"
    assert sheet.websites == ("https://www.unit-a.example.go.th/", "https://shared.example.go.th/unit-a/")
    assert [(row.code, row.title_th, row.attested, row.items) for row in sheet.rows] == [
        ("O1", "โครงสร้าง หน้าที่และอำนาจ", True, (A1, A2)),
        ("O2", "ข่าวประชาสัมพันธ์", True, (B1,)),
        ("O3", "คู่มือการปฏิบัติงาน", True, (C1,)),
        ("O4", "คู่มือการให้บริการ", False, (C1,)),
        ("O5", "ช่องทางการรับฟังความคิดเห็น", True, ()),
    ]
    assert [row.flags for row in sheet.rows] == [
        (F.NOT_OWN_SITE, F.MONITOR_ONLY),
        (F.ITEM_MISSING, F.MONITOR_ONLY),
        (F.STALE,),
        (F.STALE,),
        (F.NO_ITEM,),
    ]
    assert sheet.codes_ready == 0
    assert [(gap.code, gap.item_code, gap.flag) for gap in sheet.gaps] == [
        ("O1", "A.2", F.NOT_OWN_SITE),
        ("O1", "A.2", F.MONITOR_ONLY),
        ("O2", "B.1", F.ITEM_MISSING),
        ("O2", "B.1", F.MONITOR_ONLY),
        ("O3", "C.1", F.STALE),
        ("O4", "C.1", F.STALE),
        ("O5", "", F.NO_ITEM),
    ]


def test_a_unit_without_website_or_check_has_no_evidence(ita_world: ItaWorld) -> None:
    sheet = ita_sheet(organization=ita_world.org("unit_b"), fiscal_year=2569, today=TODAY, lists=LISTS)
    assert sheet.websites == ()
    assert sheet.monitor_checked_at is None
    assert [(row.code, [(i.code, i.status, i.url, i.source, i.flags) for i in row.items]) for row in sheet.rows] == [
        (
            "O1",
            [
                ("A.1", EntryStatus.MISSING, "", None, (F.ITEM_MISSING, F.NO_EVIDENCE)),
                ("A.2", EntryStatus.MISSING, "", None, (F.ITEM_MISSING, F.NO_EVIDENCE)),
            ],
        ),
        ("O2", [("B.1", EntryStatus.MISSING, "", None, (F.ITEM_MISSING, F.NO_EVIDENCE))]),
        ("O3", [("C.1", EntryStatus.MISSING, "", None, (F.ITEM_MISSING, F.NO_EVIDENCE))]),
        ("O4", [("C.1", EntryStatus.MISSING, "", None, (F.ITEM_MISSING, F.NO_EVIDENCE))]),
        ("O5", []),
    ]


def test_the_monitors_override_decides_whether_its_evidence_counts(ita_world: ItaWorld) -> None:
    finding = ItemFinding.objects.select_related("site_check").get(
        site_check__organization=ita_world.org("unit_a"), item__code="B.1"
    )
    finding_override(
        actor=ita_world.person("ict_monitor"),
        finding=finding,
        status="not_found",
        current=None,
        reason="หน้าว่าง",
        now=NOW,
    )
    sheet = ita_sheet(organization=ita_world.org("unit_a"), fiscal_year=2569, today=TODAY, lists=LISTS)
    b1 = sheet.rows[1].items[0]
    assert (b1.url, b1.source, b1.monitor_status, b1.flags) == (
        "",
        None,
        ItemStatus.NOT_FOUND,
        (F.ITEM_MISSING, F.NO_EVIDENCE),
    )


def test_the_register_wins_over_the_monitor_when_both_are_on_the_own_site(ita_world: ItaWorld) -> None:
    # A.1's monitor evidence is another page of the own site; the reviewed register address is the one offered.
    sheet = ita_sheet(organization=ita_world.org("unit_a"), fiscal_year=2569, today=TODAY, lists=LISTS)
    assert sheet.rows[0].items[0].url == "https://www.unit-a.example.go.th/about/structure"


def test_stale_follows_the_day_asked(ita_world: ItaWorld) -> None:
    # On 1 December 2025 C.1 was still within its review date; A.1 was not published yet.
    sheet = ita_sheet(organization=ita_world.org("unit_a"), fiscal_year=2569, today=dt.date(2025, 12, 1), lists=LISTS)
    assert sheet.rows[2].items[0].status is EntryStatus.DUE_SOON
    assert sheet.rows[2].items[0].flags == ()


def test_a_year_the_crosswalk_lacks_is_refused_in_thai_and_english(ita_world: ItaWorld) -> None:
    with pytest.raises(ItaYearUnavailable) as caught:
        ita_sheet(organization=ita_world.org("unit_a"), fiscal_year=2567, today=TODAY, lists=LISTS)
    assert caught.value.message_en == (
        "The checklist's crosswalk has no ITA 2567: no OIT code is mapped for fiscal year 2567."
    )
    assert caught.value.message_th == (
        "ตารางเทียบรหัสของรายการตรวจสอบยังไม่มี ITA 2567: ยังไม่มีรหัส OIT ที่เทียบไว้สำหรับปีงบประมาณ 2567"
    )
    assert caught.value.message("en") == caught.value.message_en


def test_a_year_without_an_oit_list_is_refused(ita_world: ItaWorld) -> None:
    # A.1 maps ita-2566, but the test lists have no OIT list of 2566.
    with pytest.raises(ItaYearUnavailable) as caught:
        ita_sheet(organization=ita_world.org("unit_a"), fiscal_year=2566, today=TODAY, lists=LISTS)
    assert caught.value.message_en == "There is no list of the OIT codes of ITA 2566 to build the sheet from."
    assert caught.value.message_th == "ไม่มีรายการรหัส OIT ของ ITA 2566 สำหรับจัดทำแบบรายงาน"


def test_years_available_need_a_crosswalk_and_a_list(ita_world: ItaWorld) -> None:
    assert ita_years_available(lists=LISTS) == [2569]
    with_2566: dict[str, OitList] = {**LISTS, "ita-2566": replace(LISTS["ita-2569"], year="ita-2566", be_year=2566)}
    assert ita_years_available(lists=with_2566) == [2569, 2566]


def test_six_queries(ita_world: ItaWorld, django_assert_num_queries: object) -> None:
    organization = ita_world.org("unit_a")
    with django_assert_num_queries(6):  # type: ignore[operator]
        ita_sheet(organization=organization, fiscal_year=2569, today=TODAY, lists=LISTS)
