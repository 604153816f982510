"""The cell readers (prongsai.procurement.cells): the cells units write in their สขร.1 workbooks, read or refused."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.money import MAX_AMOUNT, format_baht
from prongsai.procurement import cells
from prongsai.procurement.cells import Bid, Contract, Unreadable
from prongsai.procurement.models import ContractKind, Method, RecordStatus
from prongsai.thaitext import normalize_thai


def D(text: str) -> Decimal:
    return Decimal(text)


def test_the_readers_values_are_the_models_choices() -> None:
    assert sorted(value for value, _words in cells.METHODS) == sorted(Method.values)
    assert sorted(["", *(value for value, _words in cells.STATUSES)]) == sorted(RecordStatus.values)
    assert sorted(["", *(value for value, _words in cells.CONTRACT_KINDS)]) == sorted(ContractKind.values)


# --- names with prices --------------------------------------------------------------------------------------------

BIDS = [
    ("บริษัท ก จำกัด / 95,000.00 บาท", [("บริษัท ก จำกัด", "95000.00")]),
    ("บริษัท ก จำกัด 95,000.- บาท", [("บริษัท ก จำกัด", "95000.00")]),
    ("หจก. ข (ราคา 12,500 บาท)", [("หจก. ข", "12500.00")]),
    ("ร้านค้า ค เสนอราคา ๘,๐๐๐.๐๐ บาท", [("ร้านค้า ค", "8000.00")]),
    ("บริษัท ก จำกัด ราคาที่ตกลง 95,000 บาท", [("บริษัท ก จำกัด", "95000.00")]),
    ("บริษัท ก จำกัด: 95,000.00", [("บริษัท ก จำกัด", "95000.00")]),
    ("บริษัท ทีโอที จำกัด (มหาชน) 1,070.00 บาท", [("บริษัท ทีโอที จำกัด (มหาชน)", "1070.00")]),
    ("ร้าน ก ราคา 100 บาท (หนึ่งร้อยบาทถ้วน)", [("ร้าน ก", "100.00")]),
    ("ร้าน 7-11", [("ร้าน 7-11", None)]),  # a name ending in figures without a money sign is a name
    ("บริษัท ก จำกัด", [("บริษัท ก จำกัด", None)]),
    (
        "1. บริษัท ก จำกัด / 95,000.00 บาท\n2. บริษัท ข จำกัด / 97,500.00 บาท",
        [("บริษัท ก จำกัด", "95000.00"), ("บริษัท ข จำกัด", "97500.00")],
    ),
    ("๑) ร้าน ก / ๑๐๐ บาท\r\n๒) ร้าน ข / 1,200 บาท", [("ร้าน ก", "100.00"), ("ร้าน ข", "1200.00")]),
    ("(1) ร้าน ก 100 บาท\n(2) ร้าน ข 200 บาท", [("ร้าน ก", "100.00"), ("ร้าน ข", "200.00")]),
    ("- ร้าน ก 100 บาท\n- ร้าน ข 200 บาท", [("ร้าน ก", "100.00"), ("ร้าน ข", "200.00")]),
    ("ร้าน ก 100 บาท\n\nร้าน ข 200 บาท\n", [("ร้าน ก", "100.00"), ("ร้าน ข", "200.00")]),
    (
        "1. ร้าน ก 100 บาท 2. ร้าน ข 200 บาท 3. ร้าน ค 300 บาท",
        [("ร้าน ก", "100.00"), ("ร้าน ข", "200.00"), ("ร้าน ค", "300.00")],
    ),
    ("บริษัท ก จำกัด\nราคาที่เสนอ 95,000 บาท", [("บริษัท ก จำกัด", "95000.00")]),  # the price on the next line
    ("บริษัท ก จำกัด\n95000", [("บริษัท ก จำกัด", "95000.00")]),
    ("-", []),
    ("ไม่มี", []),
    ("ไม่มีผู้เสนอราคา", []),
    ("", []),
    (None, []),
]


@pytest.mark.parametrize(("value", "expected"), BIDS)
def test_read_bids(value: object, expected: list[tuple[str, str | None]]) -> None:
    assert cells.read_bids(value) == tuple(Bid(name, D(price) if price else None) for name, price in expected)


@pytest.mark.parametrize(
    ("value", "th"),
    [
        ("บริษัท ก 95,0000.00 บาท", "อ่านจำนวนเงินไม่ได้: “95,0000.00 บาท”"),
        ("95,000 บาท\nบริษัท ก", "มีราคาโดยไม่มีชื่อผู้เสนอราคา: “95,000 บาท”"),
    ],
)
def test_read_bids_refuses(value: str, th: str) -> None:
    with pytest.raises(Unreadable) as refused:
        cells.read_bids(value)
    assert refused.value.th == th


def test_read_winner() -> None:
    assert cells.read_winner("บริษัท ก จำกัด / 95,000.00 บาท") == Bid("บริษัท ก จำกัด", D("95000.00"))
    assert cells.read_winner("ร้านค้า ค\nราคาที่ตกลง ๘,๐๐๐.๐๐ บาท") == Bid("ร้านค้า ค", D("8000.00"))
    assert cells.read_winner("-") == Bid("")
    with pytest.raises(Unreadable) as refused:
        cells.read_winner("ร้าน ก 100 บาท\nร้าน ข 200 บาท")
    assert refused.value.en == "Give one selected vendor per row (this cell names several)."


# A bidder's name: a consonant or a Latin letter first (Thai marks need a letter to sit on), then letters,
# vowels, tone marks and spaces; not ending in a leading vowel (เ แ โ ใ ไ come before a consonant).
names = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("กขคงจฉชซญดตถทนบปผพภมยรลวศสหอABCXYZ"),
    st.text(alphabet="กขคงจฉชซญดตถทนบปผพภมยรลวศสหอะาิีึืุูเแโใไ่้๊๋ ABCXYZ", max_size=30),
).filter(lambda name: not normalize_thai(name).startswith("ไม่มี") and normalize_thai(name)[-1] not in "เแโใไ")
prices = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(names, prices), min_size=1, max_size=5),
    st.sampled_from(["{n}. ", "({n}) ", "", "- "]),
    st.sampled_from([" / {price} บาท", " {price} บาท", " เสนอราคา {price} บาท", " ({price} บาท)"]),
    st.booleans(),
)
def test_written_bidders_read_back(bids: list[tuple[str, Decimal]], number: str, price: str, thai: bool) -> None:
    text = "\n".join(
        number.format(n=n) + name + price.format(price=format_baht(amount, use_thai_digits=thai))
        for n, (name, amount) in enumerate(bids, start=1)
    )
    read = cells.read_bids(text)
    assert [(bid.name, bid.price) for bid in read] == [(normalize_thai(name), amount) for name, amount in bids]


# --- contracts ----------------------------------------------------------------------------------------------------

CONTRACTS = [
    ("สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569", Contract("contract", "4/2569", dt.date(2026, 3, 18))),
    ("ใบสั่งซื้อเลขที่ ๑๕/๒๕๖๙ ลว. ๓ มี.ค. ๖๙", Contract("purchase_order", "๑๕/๒๕๖๙", dt.date(2026, 3, 3))),
    ("ใบสั่งจ้าง เลขที่ 7/2569 ลงวันที่ 2 ก.พ. 2569", Contract("work_order", "7/2569", dt.date(2026, 2, 2))),
    ("PO 12/2569 10/03/2569", Contract("purchase_order", "12/2569", dt.date(2026, 3, 10))),
    ("P.O. 12/2569 ลว 10 มี.ค. 69", Contract("purchase_order", "12/2569", dt.date(2026, 3, 10))),
    ("ข้อตกลงเลขที่ 2/2569 ลงวันที่ 1 มี.ค. 69", Contract("agreement", "2/2569", dt.date(2026, 3, 1))),
    ("บันทึกข้อตกลงการจ้าง ที่ 3/2569 ลว. 1 มี.ค. 69", Contract("agreement", "3/2569", dt.date(2026, 3, 1))),
    (
        "สัญญาซื้อขายเลขที่ กค 0401/123 ลงวันที่ 1 มีนาคม 2569",
        Contract("contract", "กค 0401/123", dt.date(2026, 3, 1)),
    ),
    ("สัญญาเลขที่ 4/2569\nลงวันที่ 2026-03-18", Contract("contract", "4/2569", dt.date(2026, 3, 18))),
    ("บก.12/2569 (5 มี.ค. 2569)", Contract("", "บก.12/2569", dt.date(2026, 3, 5))),
    ("4/2569", Contract("", "4/2569", None)),
    ("สัญญาจ้าง ลงวันที่ -", Contract("contract", "", None)),
    ("18 มีนาคม 2569", Contract("", "", dt.date(2026, 3, 18))),
    (dt.datetime(2026, 3, 18), Contract("", "", dt.date(2026, 3, 18))),
    ("-", Contract()),
    (None, Contract()),
]


@pytest.mark.parametrize(("value", "expected"), CONTRACTS)
def test_read_contract(value: object, expected: Contract) -> None:
    assert cells.read_contract(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "สัญญาเลขที่ 4/2569 ลงวันที่ 31 ก.พ. 2569",  # no such day
        "สัญญาเลขที่ 4/2569 ลงวันที่ ๑๘",  # a date announced, none given
        "4/2569 31/02/2569",  # a date in figures that is none
    ],
)
def test_read_contract_refuses_a_bad_date(value: str) -> None:
    with pytest.raises(Unreadable) as refused:
        cells.read_contract(value)
    assert refused.value.en.startswith(f"Cannot read the contract's date: “{value}”")


# --- methods, statuses, kinds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("เฉพาะเจาะจง", "specific"),
        ("วิธีเฉพาะเจาะจง", "specific"),
        ("เฉพาะเจาะจง (มาตรา 56 (2) (ข))", "specific"),
        ("คัดเลือก", "selection"),
        ("วิธีคัดเลือก", "selection"),
        ("e-bidding", "e_bidding"),
        ("E-Bidding", "e_bidding"),
        ("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "e_bidding"),
        ("ประกวดราคาอิเล็คทรอนิกส์", "e_bidding"),
        ("e-market", "e_market"),
        ("ตลาดอิเล็กทรอนิกส์", "e_market"),
        ("ตลาดอิเล็กทรอนิกส์ (e-market)", "e_market"),
        ("ตกลงราคา", "price_agreement"),
        ("สอบราคา", "price_inquiry"),
        ("ประกวดราคา", "bidding"),
        ("วิธีพิเศษ", "special"),
        ("กรณีพิเศษ", "special_case"),
    ],
)
def test_read_method_keeps_the_words(text: str, method: str) -> None:
    assert cells.read_method(text) == (method, text)


@pytest.mark.parametrize(
    ("value", "en"),
    [
        ("วิธีแปลก", "Unknown procurement method “วิธีแปลก” (e.g. เฉพาะเจาะจง, คัดเลือก, e-bidding, e-market)."),
        ("", "The procurement method is required."),
        ("-", "The procurement method is required."),
    ],
)
def test_read_method_refuses(value: str, en: str) -> None:
    with pytest.raises(Unreadable) as refused:
        cells.read_method(value)
    assert refused.value.en == en


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ยังไม่ได้ลงนามในสัญญา", "not_signed"),
        ("อยู่ระหว่างระยะสัญญา", "in_contract"),
        ("สิ้นสุดระยะสัญญา", "completed"),
        ("ดำเนินการแล้วเสร็จ", "completed"),
        ("ยกเลิกการดำเนินการ", "cancelled"),
        ("", ""),
        ("-", ""),
    ],
)
def test_read_status(text: str, status: str) -> None:
    assert cells.read_status(text) == status


@pytest.mark.parametrize(
    ("text", "kind"),
    [("สัญญา", "contract"), ("ใบสั่งซื้อ", "purchase_order"), ("PO", "purchase_order"), ("P.O.", "purchase_order"),
     ("ใบสั่งจ้าง", "work_order"), ("ข้อตกลง", "agreement"), ("บันทึกข้อตกลง", "agreement"), ("", "")],
)  # fmt: skip
def test_read_contract_kind(text: str, kind: str) -> None:
    assert cells.read_contract_kind(text) == kind


def test_unknown_status_and_kind_are_refused() -> None:
    with pytest.raises(Unreadable):
        cells.read_status("ไม่ทราบ")
    with pytest.raises(Unreadable):
        cells.read_contract_kind("โพย")


# --- amounts, row numbers, dates, months ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (95000, "95000.00"),
        (95000.1, "95000.10"),  # a float cell is read through its shortest decimal text
        (0.1 + 0.2, "0.30"),
        (1234.565, "1234.57"),
        (Decimal("12.345"), "12.35"),
        ("95,000.00 บาท", "95000.00"),
        ("๙๕,๐๐๐", "95000.00"),
        ("-5,000.00", "-5000.00"),  # kept, so the record's check can say it may not be negative
        (-12, "-12.00"),
        ("-", None),
        ("", None),
        (None, None),
        ("ไม่มี", None),
    ],
)
def test_read_amount(value: object, amount: str | None) -> None:
    assert cells.read_amount(value) == (D(amount) if amount else None)


@pytest.mark.parametrize("value", ["แปดพัน", "1,2,3", dt.date(2026, 3, 1), True, float("nan"), 1e30, "95,0000"])
def test_read_amount_refuses(value: object) -> None:
    with pytest.raises(Unreadable) as refused:
        cells.read_amount(value)
    assert refused.value.th.startswith("อ่านจำนวนเงินไม่ได้")


@pytest.mark.parametrize(
    ("value", "number"), [(3, 3), (3.0, 3), ("3", 3), ("๓", 3), ("3.", 3), (" 12 ", 12), ("", None)]
)
def test_read_position(value: object, number: int | None) -> None:
    assert cells.read_position(value) == number


@pytest.mark.parametrize("value", ["ก", "1.5", 1.5, -1, "(1)", "รวม", 10**7, float("nan")])
def test_read_position_refuses(value: object) -> None:
    with pytest.raises(Unreadable):
        cells.read_position(value)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (dt.datetime(2026, 3, 18, 0, 0), dt.date(2026, 3, 18)),
        (dt.date(2026, 3, 18), dt.date(2026, 3, 18)),
        (46099, dt.date(2026, 3, 18)),  # a date serial whose format was not known as a date
        ("18 มีนาคม 2569", dt.date(2026, 3, 18)),
        ("๑๘ มี.ค. ๖๙", dt.date(2026, 3, 18)),
        ("18/03/2569", dt.date(2026, 3, 18)),
        ("2026-03-18", dt.date(2026, 3, 18)),
        ("-", None),
    ],
)
def test_read_date(value: object, day: dt.date | None) -> None:
    assert cells.read_date(value) == day


@pytest.mark.parametrize("value", ["31 ก.พ. 2569", "เมื่อวาน", 4])
def test_read_date_refuses(value: object) -> None:
    with pytest.raises(Unreadable):
        cells.read_date(value)


@pytest.mark.parametrize(
    ("value", "month"),
    [
        ("2026-03", dt.date(2026, 3, 1)),
        ("2569-03", dt.date(2026, 3, 1)),
        ("๒๕๖๙-๐๓", dt.date(2026, 3, 1)),
        ("03/2569", dt.date(2026, 3, 1)),
        ("3/69", dt.date(2026, 3, 1)),
        ("มีนาคม 2569", dt.date(2026, 3, 1)),
        ("มี.ค. 69", dt.date(2026, 3, 1)),
        ("18 มี.ค. 69", dt.date(2026, 3, 1)),
        (dt.datetime(2026, 3, 18), dt.date(2026, 3, 1)),
        ("", None),
    ],
)
def test_read_month(value: object, month: dt.date | None) -> None:
    assert cells.read_month(value) == month


@pytest.mark.parametrize("value", ["2026-13", "ปีหน้า", "1800-01"])
def test_read_month_refuses(value: str) -> None:
    with pytest.raises(Unreadable):
        cells.read_month(value)


@pytest.mark.parametrize(
    ("titles", "sheet", "month"),
    [
        (["สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569"], "Sheet1", dt.date(2026, 3, 1)),
        (["แบบ สขร.1", "ประจำเดือน มี.ค. ๖๙"], "", dt.date(2026, 3, 1)),
        (["เดือน มีนาคม พ.ศ. 2569"], "", dt.date(2026, 3, 1)),
        (["ข้อมูล ณ เดือน มีนาคม 2569"], "", dt.date(2026, 3, 1)),
        (["ประจำเดือน 1-31 มีนาคม 2569"], "", dt.date(2026, 3, 1)),
        (["ประจำปีงบประมาณ 2569", "ข้อมูล ณ วันที่ 5 เมษายน 2569"], "มี.ค.69", dt.date(2026, 3, 1)),
        (["กองเกษตร"], "มีนาคม 2569", dt.date(2026, 3, 1)),
        ([], "2569-03", dt.date(2026, 3, 1)),
        ([], "03-2569", dt.date(2026, 3, 1)),
        (["เดือน ตุลาคม 2568"], "มี.ค.69", dt.date(2025, 10, 1)),  # the title wins over the sheet's name
        (["กองเกษตร"], "Sheet1", None),
    ],
)
def test_read_sheet_month(titles: list[str], sheet: str, month: dt.date | None) -> None:
    assert cells.read_sheet_month(titles, sheet) == month


def test_fiscal_year_and_as_of_of_the_titles() -> None:
    titles = ["สรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", "ข้อมูล ณ วันที่ 5 เมษายน 2569"]
    assert cells.read_fiscal_year(titles) == 2569
    assert cells.read_as_of(titles) == dt.date(2026, 4, 5)
    assert cells.read_fiscal_year(["กองเกษตร"]) is None
    assert cells.read_as_of(["เดือน มีนาคม 2569"]) is None


def test_month_headings_footers_and_declarations() -> None:
    assert cells.read_month_heading(["เดือน ตุลาคม 2568"]) == dt.date(2025, 10, 1)
    assert cells.read_month_heading(["ตุลาคม 2568"]) == dt.date(2025, 10, 1)
    assert cells.read_month_heading(["ซื้อของเดือน ตุลาคม 2568"]) is None
    assert cells.read_month_heading(["เดือน ตุลาคม 2568", "อื่น"]) is None
    assert cells.is_footer(["(ลงชื่อ) ผู้รายงาน"])
    assert cells.is_footer(["รวมทั้งสิ้น", "20,500.00"])
    assert cells.is_footer(["ลงชื่อ ................"])
    assert not cells.is_footer(["จ้างซ่อมรถ"])
    assert cells.is_column_numbers(["(1)", "(2)", "(3)", "๔"])
    assert not cells.is_column_numbers(["1", "ซื้อ", "3"])
    assert cells.says_no_procurement("ไม่มีการจัดซื้อจัดจ้าง")
    assert cells.says_no_procurement("ในเดือนนี้ ไม่มีการจัดซื้อ จัดจ้าง")
    assert not cells.says_no_procurement("จัดซื้อจัดจ้าง")
    assert cells.says_cancelled("ยกเลิกเนื่องจากไม่มีผู้เสนอราคา")


# --- nothing crashes ----------------------------------------------------------------------------------------------

cell_values = st.one_of(
    st.none(),
    st.text(max_size=80),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.booleans(),
)
READERS = [
    cells.read_amount,
    cells.read_position,
    cells.read_date,
    cells.read_month,
    cells.read_method,
    cells.read_status,
    cells.read_contract_kind,
    cells.read_bids,
    cells.read_winner,
    cells.read_contract,
]


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.__name__)
@settings(max_examples=200, deadline=None)
@given(value=cell_values)
def test_readers_return_or_say_why_never_crash(reader: object, value: object) -> None:
    try:
        reader(value)  # type: ignore[operator]
    except Unreadable as refused:
        said = (refused.th, refused.en)
    else:
        said = ("-", "-")
    assert all(said)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙/.-: ลงวันที่สัญญาเลขใบสั่งซื้อมีค.กพ", max_size=60))
def test_contract_text_never_crashes(text: str) -> None:
    try:
        contract = cells.read_contract(text)
    except Unreadable:
        return
    assert contract.kind in ContractKind.values
