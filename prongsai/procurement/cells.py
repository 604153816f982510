"""Read the cells units write in their procurement workbooks: pure, no Django.

Units keep the monthly summary (แบบ สขร.1) in spreadsheets, and write its cells the way a typed form
reads: a bidder and the price in one cell ("บริษัท ก จำกัด / 95,000.00 บาท"), several bidders one per
line, numbered or not, a contract and its date in one phrase ("สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม
2569"), Thai or Arabic digits, Buddhist-era or common-era years. Each reader here takes one cell's
value (text, a number or a date, as the spreadsheet holds it) and returns what it means, or raises
`Unreadable` saying in Thai and in English what could not be read; the workbook reader turns that
into a problem of the row and column.

The values returned for a method, a status and a kind of contract are the stored choices of
`prongsai.procurement.models` (Method, RecordStatus, ContractKind), spelt out here because a pure
module may not import the models; a test holds the two lists together.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from prongsai.money import MAX_AMOUNT, parse_baht, satang
from prongsai.thaidate import DateKind, Precision, find_dates, parse_thai_date
from prongsai.thaidate.digits import arabic_digits
from prongsai.thaitext import ascii_digits, normalize_thai

__all__ = [
    "CONTRACT_KINDS",
    "MAX_POSITION",
    "METHODS",
    "STATUSES",
    "Bid",
    "Contract",
    "Unreadable",
    "cell_text",
    "clean",
    "fold",
    "is_blank",
    "is_column_numbers",
    "is_footer",
    "read_amount",
    "read_as_of",
    "read_bids",
    "read_contract",
    "read_contract_kind",
    "read_date",
    "read_fiscal_year",
    "read_method",
    "read_month",
    "read_month_heading",
    "read_position",
    "read_sheet_month",
    "read_status",
    "read_winner",
    "says_cancelled",
    "says_no_procurement",
]


@functools.lru_cache(maxsize=16384)
def clean(text: str) -> str:
    """Return text as the project stores it (prongsai.thaitext.normalize_thai), remembered: a workbook repeats
    its vendors, methods and phrases, and one cell is looked at several times while its row is read."""
    return normalize_thai(text)


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Return the form texts are compared in (prongsai.thaitext.fold), remembered like `clean`."""
    return ascii_digits(clean(text)).lower()


class Unreadable(ValueError):
    """A cell whose value cannot be read as what its column holds; `th` and `en` say why."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th = th
        self.en = en


@dataclass(frozen=True)
class Bid:
    """A name with the price beside it (a bidder's offer, or the selected vendor's agreed price)."""

    name: str
    price: Decimal | None = None


@dataclass(frozen=True)
class Contract:
    """What a contract cell says: the kind of document ("" when not said), its number and its date."""

    kind: str = ""
    number: str = ""
    date: dt.date | None = None


# The stored values of Method, RecordStatus and ContractKind (prongsai/procurement/models.py), each with the
# words that name it, most specific first: "ประกวดราคาอิเล็กทรอนิกส์" is e-bidding, not the older ประกวดราคา.
METHODS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "e_bidding",
        (
            "ประกวดราคาอิเล็กทรอนิกส์",
            "ประกวดราคาอิเล็คทรอนิกส์",
            "ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์",
            "e-bidding",
            "ebidding",
            "e-bid",
        ),
    ),
    ("e_market", ("ตลาดอิเล็กทรอนิกส์", "ตลาดอิเล็คทรอนิกส์", "e-market", "emarket")),
    ("specific", ("เฉพาะเจาะจง", "specific")),
    ("selection", ("คัดเลือก", "selection")),
    ("price_agreement", ("ตกลงราคา", "price_agreement", "price agreement")),
    ("price_inquiry", ("สอบราคา", "price_inquiry", "price inquiry")),
    ("special_case", ("กรณีพิเศษ", "special_case", "special case")),
    ("special", ("วิธีพิเศษ", "พิเศษ", "special")),
    ("bidding", ("ประกวดราคา", "bidding")),
)
STATUSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cancelled", ("ยกเลิก", "cancelled", "canceled")),
    ("not_signed", ("ยังไม่ได้ลงนาม", "ยังไม่ลงนาม", "รอลงนาม", "not_signed", "not signed")),
    ("completed", ("สิ้นสุด", "แล้วเสร็จ", "เสร็จสิ้น", "ส่งมอบครบ", "completed")),
    ("in_contract", ("อยู่ระหว่าง", "ระหว่างระยะสัญญา", "in_contract", "within the contract")),
)
CONTRACT_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("purchase_order", ("ใบสั่งซื้อ", "purchase_order", "purchase order")),
    ("work_order", ("ใบสั่งจ้าง", "work_order", "work order")),
    ("agreement", ("บันทึกข้อตกลง", "ข้อตกลง", "agreement")),
    ("contract", ("สัญญา", "contract")),
)

_NONE_WORDS = frozenset({"", "-", "--", "—", "–", "ไม่มี", "n/a", "na", "none"})
# "ไม่มีผู้เสนอราคา", "ไม่มีผู้ได้รับการคัดเลือก": a cell saying nobody is in it.
_NOBODY = re.compile(r"^ไม่มีผู้")
# The largest row number (ลำดับ) a sheet may give.
MAX_POSITION = 999_999


# --- plain values -------------------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """Return a cell's value as text, line breaks kept: "" for an empty cell, a whole number without ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _one_line(value: object) -> str:
    return clean(cell_text(value))


def _squeeze(text: str) -> str:
    """Collapse the spaces of a piece cut out of text already clean (cutting whole words needs no more)."""
    return " ".join(text.split())


def is_blank(value: object) -> bool:
    """Return whether a cell holds nothing (or only spaces, or only characters the normalisation drops)."""
    if value is None:
        return True
    if isinstance(value, str):
        stripped = value.strip()
        return not stripped or (len(stripped) <= 3 and not clean(stripped))
    return False


def _is_none_word(text: str) -> bool:
    folded = fold(text).strip(" .")
    return folded in _NONE_WORDS or _NOBODY.match(folded) is not None


def _number(value: int | float | Decimal) -> Decimal:
    """Return a spreadsheet number as Decimal, through its shortest decimal text (never the float's binary value)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _not_an_amount(text: str) -> Unreadable:
    return Unreadable(f"อ่านจำนวนเงินไม่ได้: “{text}”", f"Cannot read an amount of baht: “{text}”.")


_MINUS = re.compile(r"^\s*[-−–]\s*(?=[0-9๐-๙.])")


def read_amount(value: object) -> Decimal | None:
    """Return an amount of baht rounded to the satang, or None for an empty cell, "-" or "ไม่มี".

    A number cell is read through its decimal text; a text cell as Thai forms write it (see
    prongsai.money.parse_baht). A minus sign is kept, so the record's checks can say the amount may
    not be negative; anything else raises Unreadable.
    """
    if isinstance(value, bool | dt.date | dt.time):
        raise _not_an_amount(cell_text(value))
    if isinstance(value, int | float | Decimal):
        try:
            amount = satang(_number(value))
        except InvalidOperation:
            raise _not_an_amount(cell_text(value)) from None
        if not amount.is_finite() or abs(amount) > MAX_AMOUNT:
            raise _not_an_amount(cell_text(value))
        return amount
    text = _one_line(value)
    if _is_none_word(text):
        return None
    negative = _MINUS.match(text)
    parsed = parse_baht(text[negative.end() :] if negative else text)
    if parsed is None:
        raise _not_an_amount(text)
    return -parsed if negative else parsed


def read_position(value: object) -> int | None:
    """Return a row number (ลำดับ): a whole number cell or text such as "3", "๓", "3."; None when empty.

    Raises Unreadable for anything else, a fraction or a negative number included.
    """
    if isinstance(value, bool):
        raise Unreadable("ลำดับต้องเป็นตัวเลข", "The row number must be a whole number.")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        whole = value.is_integer() if isinstance(value, float) else value.is_finite() and value == value.to_integral()
        if not whole:
            raise Unreadable(f"ลำดับต้องเป็นจำนวนเต็ม: “{cell_text(value)}”", "The row number must be a whole number.")
        number = int(value)
    else:
        text = arabic_digits(_one_line(value)).rstrip(".")
        if not text:
            return None
        if not text.isascii() or not text.isdigit():
            raise Unreadable(f"ลำดับต้องเป็นตัวเลข: “{_one_line(value)}”", "The row number must be a whole number.")
        number = int(text)
    if number < 0:
        raise Unreadable("ลำดับต้องไม่ติดลบ", "The row number cannot be negative.")
    if number > MAX_POSITION:
        raise Unreadable(f"ลำดับเกิน {MAX_POSITION:,}", f"The row number is larger than {MAX_POSITION:,}.")
    return number


_EXCEL_EPOCH = dt.date(1899, 12, 30)
# A date cell whose format a reader does not know as a date (a Buddhist-era format, say) arrives as its serial
# number in the 1900 date system; those of 1 January 1950 to 31 December 2199 are read as dates.
_SERIALS = range(18264, 109939)


def read_date(value: object) -> dt.date | None:
    """Return a date from a date cell, a date serial number or text ("18 มี.ค. 69", "18/03/2569"); None when empty."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and int(value) in _SERIALS
    ):
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = _one_line(value)
    if _is_none_word(text):
        return None
    found = parse_thai_date(text)
    if found is None:
        raise Unreadable(
            f"อ่านวันที่ไม่ได้: “{text}” (เช่น 18 มีนาคม 2569 หรือ 18/03/2569)",
            f"Cannot read a date: “{text}” (write e.g. 18 มีนาคม 2569 or 18/03/2569).",
        )
    return found


_MONTH_CODE = re.compile(r"^(?:(\d{4})\s*[-/.]\s*(\d{1,2})|(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2}))$")


def _month_of_code(text: str) -> dt.date | None:
    """Read "2026-03", "2569-03", "03-2569", "3/69" (BE years from 2400, two digits 25xx)."""
    match = _MONTH_CODE.match(arabic_digits(text).strip())
    if match is None:
        return None
    year_text, month_text = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    year, month = int(year_text), int(month_text)
    if len(year_text) == 2:
        year += 2500
    if year >= 2400:
        year -= 543
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    return dt.date(year, month, 1)


def read_month(value: object) -> dt.date | None:
    """Return the first day of the month a cell names: a date, "2026-03", "2569-03", "มีนาคม 2569", "มี.ค. 69".

    None for an empty cell; Unreadable for anything else.
    """
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.replace(day=1)
    text = _one_line(value)
    if _is_none_word(text):
        return None
    month = _month_of_code(text) or _only_month(text)
    if month is None:
        raise Unreadable(
            f"อ่านเดือนไม่ได้: “{text}” (เช่น 2569-03 หรือ มีนาคม 2569)",
            f"Cannot read a month: “{text}” (write e.g. 2026-03 or มีนาคม 2569).",
        )
    return month


def _only_month(text: str) -> dt.date | None:
    found = find_dates(text)
    if len(found) == 1 and found[0].precision is Precision.MONTH:
        return found[0].date
    if len(found) == 1 and found[0].precision is Precision.DAY:
        return found[0].date.replace(day=1)
    return None


def _choice(value: object, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    folded = fold(_one_line(value)).replace(" ", "")
    for stored, words in table:
        if any(word.replace(" ", "") in folded for word in words):
            return stored
    return None


def read_method(value: object) -> tuple[str, str]:
    """Return (method, the text as written) of a method cell: "วิธีเฉพาะเจาะจง", "e-bidding", "ตลาดอิเล็กทรอนิกส์ (e-market)".

    The first method the text names, most specific first, decides; the words stay as `method_detail`.
    An empty cell or one naming no method raises Unreadable.
    """
    text = _one_line(value)
    if _is_none_word(text):
        raise Unreadable("ต้องระบุวิธีซื้อหรือจ้าง", "The procurement method is required.")
    method = _choice(text, METHODS)
    if method is None:
        raise Unreadable(
            f"ไม่รู้จักวิธีซื้อหรือจ้าง “{text}” (เช่น เฉพาะเจาะจง คัดเลือก e-bidding e-market)",
            f"Unknown procurement method “{text}” (e.g. เฉพาะเจาะจง, คัดเลือก, e-bidding, e-market).",
        )
    if len(text) > 300:
        raise Unreadable("วิธีซื้อหรือจ้างยาวเกิน 300 ตัวอักษร", "The procurement method is longer than 300 characters.")
    return method, text


def read_status(value: object) -> str:
    """Return the status a cell names ("" when empty): ยังไม่ได้ลงนามในสัญญา, อยู่ระหว่างระยะสัญญา, สิ้นสุดสัญญา, ยกเลิก."""
    text = _one_line(value)
    if _is_none_word(text):
        return ""
    status = _choice(text, STATUSES)
    if status is None:
        raise Unreadable(
            f"ไม่รู้จักสถานะ “{text}” (ยังไม่ได้ลงนามในสัญญา อยู่ระหว่างระยะสัญญา สิ้นสุดสัญญา หรือ ยกเลิก)",
            f"Unknown status “{text}” (ยังไม่ได้ลงนามในสัญญา, อยู่ระหว่างระยะสัญญา, สิ้นสุดสัญญา or ยกเลิก).",
        )
    return status


def read_contract_kind(value: object) -> str:
    """Return the kind of contract a cell names ("" when empty): สัญญา, ใบสั่งซื้อ, ใบสั่งจ้าง, ข้อตกลง."""
    text = _one_line(value)
    if _is_none_word(text):
        return ""
    if fold(text).replace(".", "").replace(" ", "") == "po":
        return "purchase_order"
    kind = _choice(text, CONTRACT_KINDS)
    if kind is None:
        raise Unreadable(
            f"ไม่รู้จักประเภทเอกสาร “{text}” (สัญญา ใบสั่งซื้อ ใบสั่งจ้าง หรือ ข้อตกลง)",
            f"Unknown kind of contract “{text}” (สัญญา, ใบสั่งซื้อ, ใบสั่งจ้าง or ข้อตกลง).",
        )
    return kind


def says_no_procurement(text: str) -> bool:
    """Return whether a text declares that nothing was procured ("ไม่มีการจัดซื้อจัดจ้าง", "ไม่มีการซื้อหรือจ้าง")."""
    folded = fold(text).replace(" ", "")
    return any(phrase in folded for phrase in ("ไม่มีการจัดซื้อจัดจ้าง", "ไม่มีการจัดซื้อ", "ไม่มีการซื้อหรือจ้าง"))


def says_cancelled(text: str) -> bool:
    """Return whether a text says the procurement was cancelled (ยกเลิก)."""
    return "ยกเลิก" in fold(text) or "cancel" in fold(text)


# --- names with prices --------------------------------------------------------------------------------------------

# A list marker at the start of a line: "1.", "1)", "(1)", "๑.", "-", "•".
_NUMBERING = re.compile(r"^\s*(?:\(\s*[0-9]{1,3}\s*\)|[0-9]{1,3}\s*[.)](?![0-9])|[-•·*–]\s)\s*")
_AMOUNT_TEXT = r"(?:฿\s*)?[0-9][0-9,]*(?:\.[0-9]+)?(?:\s*\.-|\s*-)?(?:\s*(?:บาท|บ\.))?(?:\s*\.-)?"
# Words that put a price after a name: "เสนอราคา 8,000 บาท", "ราคาที่ตกลง 95,000 บาท", "เป็นเงิน 1,000.- บาท".
# A bare "ราคา" counts only as a word of its own (after a space), so "ร้านถูกราคา 100 บาท" keeps its name.
_PRICE_WORDS = (
    r"(?:โดย)?(?:ราคาที่ตกลงซื้อหรือจ้าง|ราคาที่ตกลง(?:ซื้อ|จ้าง)?|ราคาที่เสนอ|เสนอราคา|ราคาเสนอ|เป็นเงิน|จำนวนเงิน)"
    r"|(?:(?<=\s)|^)ราคา"
)
_PRICE_AFTER_WORD = re.compile(rf"(?:{_PRICE_WORDS})\s*[:=]?\s*(?P<amount>{_AMOUNT_TEXT})\s*$")
_PRICE_AFTER_SLASH = re.compile(rf"[/|]\s*(?:{_PRICE_WORDS})?\s*[:=]?\s*(?P<amount>{_AMOUNT_TEXT})\s*$")
_PRICE_AT_END = re.compile(rf"(?:^|(?<=[\s:,]))(?P<amount>{_AMOUNT_TEXT})\s*$")
_WORDS_IN_BRACKETS = re.compile(r"\(([^()]*)\)\s*$")
_NAME_TAIL = re.compile(r"(?:[\s/|:,=-]|\sโดย)+$")


def _marked(amount_text: str) -> bool:
    """Return whether an amount at the end of a name is plainly money: a unit, ".-", thousands or satang."""
    return bool(re.search(r"บาท|บ\.|฿|\.-|,|\.[0-9]", amount_text))


def _price(amount_text: str) -> Decimal:
    amount = parse_baht(amount_text)
    if amount is None:
        raise _not_an_amount(amount_text.strip())
    return amount


def _split_name_and_price(line: str) -> Bid:
    """Split one line into a name and the price written after it (None when there is none)."""
    text = line
    price: Decimal | None = None
    bracket = _WORDS_IN_BRACKETS.search(text)
    if bracket is not None:
        inside = bracket.group(1)
        if re.search(r"[0-9]", inside) and re.search(r"ราคา|บาท|บ\.|฿|,|\.-", inside):
            # "หจก. ข (ราคา 12,500 บาท)"
            word = _PRICE_AFTER_WORD.search(inside)
            price = _price(word.group("amount") if word else inside)
            text = text[: bracket.start()]
        elif "บาท" in inside and not re.search(r"[0-9]", inside):
            # The amount in words after the figures: "95,000 บาท (เก้าหมื่นห้าพันบาทถ้วน)".
            text = text[: bracket.start()]
    if price is None:
        for pattern in (_PRICE_AFTER_SLASH, _PRICE_AFTER_WORD, _PRICE_AT_END):
            match = pattern.search(text)
            if match is None:
                continue
            amount_text = match.group("amount")
            if pattern is _PRICE_AT_END and not _marked(amount_text):
                continue
            price = _price(amount_text)
            text = text[: match.start()]
            break
    if price is None and re.search(r"(?:ราคา|[0-9])[^()]*บาท\s*$", text):
        # It ends like a price but is none: "บริษัท ก 95,0000.00 บาท".
        raise _not_an_amount(text.strip())
    name = _squeeze(_NAME_TAIL.sub("", text))
    return Bid(name, price)


def _split_numbered(line: str) -> list[str]:
    """Split "1. ก 100 บาท 2. ข 200 บาท" written on one line into its numbered parts (numbers in order only)."""
    first = re.match(r"^\s*\(?\s*([0-9]{1,2})\s*[.)]", line)
    if first is None:
        return [line]
    parts: list[str] = []
    number, start = int(first.group(1)), 0
    while True:
        following = re.compile(rf"\s\(?{number + 1}\s*[.)]\s")
        found = following.search(line, start + 1)
        if found is None:
            parts.append(line[start:])
            return parts
        parts.append(line[start : found.start()])
        start, number = found.start() + 1, number + 1


def _lines(value: object) -> list[str]:
    text = arabic_digits(cell_text(value)).replace("\u2028", "\n")
    return [part for raw in re.split(r"\r\n|\r|\n", text) for part in _split_numbered(clean(raw))]


def read_bids(value: object) -> tuple[Bid, ...]:
    """Return the bidders of a cell in order, each with the price offered when the cell gives one.

    One bidder a line, numbered ("1. …", "๑) …", "(1) …") or not; a line with a price alone belongs
    to the bidder above it. An empty cell, "-" or "ไม่มี" has none. A price that cannot be read, or a
    price without a bidder, raises Unreadable.
    """
    bids: list[Bid] = []
    for raw in _lines(value):
        line = _squeeze(_NUMBERING.sub("", raw))
        if _is_none_word(line):
            continue
        alone = parse_baht(line)
        bid = Bid("", alone) if alone is not None else _split_name_and_price(line)
        if not bid.name and bid.price is None:
            continue
        if not bid.name:
            if bids and bids[-1].price is None:
                bids[-1] = Bid(bids[-1].name, bid.price)
                continue
            raise Unreadable(f"มีราคาโดยไม่มีชื่อผู้เสนอราคา: “{line}”", f"A price without the name of a bidder: “{line}”.")
        bids.append(bid)
    return tuple(bids)


def read_winner(value: object) -> Bid:
    """Return the selected vendor and the agreed price ("บริษัท ก จำกัด / 95,000.00 บาท"); an empty Bid when none.

    The name and the price may share a line or take one each; a cell naming two vendors raises Unreadable.
    """
    bids = read_bids(value)
    if not bids:
        return Bid("")
    if len(bids) > 1:
        raise Unreadable(
            "ระบุผู้ได้รับการคัดเลือกได้รายเดียวต่อแถว", "Give one selected vendor per row (this cell names several)."
        )
    return bids[0]


# --- contracts ----------------------------------------------------------------------------------------------------

_KIND_WORD = re.compile(
    r"(?P<purchase_order>ใบสั่งซื้อ|(?<![a-z])p\.?\s?o\.?(?![a-z]))"
    r"|(?P<work_order>ใบสั่งจ้าง)"
    r"|(?P<agreement>(?:บันทึก)?ข้อตกลง(?:การ?(?:ซื้อ|จ้าง)(?:หรือ(?:ซื้อ|จ้าง))?)?)"
    r"|(?P<contract>สัญญา(?:ซื้อขาย|จะซื้อจะขาย|จ้าง|เช่า)?)",
    re.IGNORECASE,
)
_DATE_MARKER = re.compile(r"(?:ลงวันที่|ลว\.?|วันที่|dated|date)\s*:?\s*$", re.IGNORECASE)
_ANY_DATE_MARKER = re.compile(r"ลงวันที่|ลว\.|วันที่|dated", re.IGNORECASE)
_NUMBER_PREFIX = re.compile(r"^(?:[\s:,]|เลขที่|ที่|no\.?|number)+", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}$")


def _bad_contract_date(text: str) -> Unreadable:
    return Unreadable(
        f"อ่านวันที่ของสัญญาไม่ได้: “{text}” (เช่น สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569)",
        f"Cannot read the contract's date: “{text}” (write e.g. สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569).",
    )


def read_contract(value: object) -> Contract:
    """Return the kind, number and date of a contract cell.

    Reads "สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569", "ใบสั่งซื้อเลขที่ ๑๕/๒๕๖๙ ลว. ๓ มี.ค. ๖๙",
    "ใบสั่งจ้าง เลขที่ 7/2569 ลงวันที่ 2 ก.พ. 2569", "PO 12/2569 10/03/2569", "บันทึกข้อตกลง ที่ 3/2569 …";
    a date cell is the date alone. The number is kept as written. A date that is announced
    ("ลงวันที่") or written in figures but is no calendar date ("31 ก.พ. 2569") raises Unreadable.
    """
    if isinstance(value, dt.datetime | dt.date):
        return Contract(date=value.date() if isinstance(value, dt.datetime) else value)
    text = _NUMBERING.sub("", _one_line(value))
    if _is_none_word(text):
        return Contract()
    day: dt.date | None = None
    number_end = len(text)
    for found in find_dates(text):
        if found.precision is Precision.DAY and found.kind in {DateKind.DATE, DateKind.AS_OF}:
            day = found.date
            marker = _DATE_MARKER.search(text, 0, found.span[0])
            number_end = marker.start() if marker else found.span[0]
            break
    if day is None:
        marker = _ANY_DATE_MARKER.search(text)
        if marker is not None and not _is_none_word(text[marker.end() :]):
            raise _bad_contract_date(text)
        if marker is not None:
            number_end = marker.start()
    head = text[:number_end]
    kind = ""
    kind_match = _KIND_WORD.search(head)
    if kind_match is not None:
        kind = next(name for name, matched in kind_match.groupdict().items() if matched)
        head = head[: kind_match.start()] + " " + head[kind_match.end() :]
    number = _squeeze(_NUMBER_PREFIX.sub("", _squeeze(head))).strip(" ,;:(-")
    if day is None and _NUMERIC_DATE.search(arabic_digits(number)) and " " in number:
        raise _bad_contract_date(text)
    return Contract(kind=kind, number=number, date=day)


# --- the rows around the table ------------------------------------------------------------------------------------


def read_sheet_month(titles: Iterable[str], sheet_name: str = "") -> dt.date | None:
    """Return the month a summary sheet covers, from its title rows or else its name; None when neither says.

    Titles such as "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569", "ประจำเดือน มี.ค. ๖๙" or
    "เดือน มีนาคม พ.ศ. 2569"; sheet names such as "มี.ค.69", "มีนาคม 2569" or "2569-03".
    """
    for title in titles:
        for found in find_dates(title):
            if found.precision is Precision.MONTH and found.kind in {DateKind.MONTH, DateKind.AS_OF}:
                return found.date
            end = found.end_date
            one_month = end is not None and (end.year, end.month) == (found.date.year, found.date.month)
            if found.kind is DateKind.RANGE and one_month:
                return found.date.replace(day=1)
    name = clean(sheet_name)
    if not name:
        return None
    return _month_of_code(name) or _only_month(name)


def read_month_heading(texts: list[str]) -> dt.date | None:
    """Return the month a row between records announces ("เดือน ตุลาคม 2568"), when it holds nothing else."""
    if len(texts) != 1:
        return None
    found = find_dates(texts[0])
    if len(found) != 1 or found[0].kind is not DateKind.MONTH:
        return None
    rest = fold(texts[0].replace(found[0].text, " ")).replace(" ", "")
    return found[0].date if rest in {"", "เดือน", "ประจำเดือน", "รอบเดือน"} else None


def read_fiscal_year(titles: Iterable[str]) -> int | None:
    """Return the fiscal year (BE) the title rows name ("ปีงบประมาณ พ.ศ. 2569"), or None."""
    for title in titles:
        for found in find_dates(title):
            if found.kind is DateKind.FISCAL_YEAR and found.fiscal_year is not None:
                return found.fiscal_year
    return None


def read_as_of(texts: Iterable[str]) -> dt.date | None:
    """Return the "as of" date a title or footer states ("ข้อมูล ณ วันที่ 5 เมษายน 2569"), or None."""
    for text in texts:
        for found in find_dates(text):
            if found.kind is DateKind.AS_OF and found.precision is Precision.DAY:
                return found.date
    return None


_FOOTER_WORDS = (
    "ลงชื่อ",
    "(ลงชื่อ)",
    "ผู้รายงาน",
    "ผู้จัดทำ",
    "ผู้ตรวจสอบ",
    "ผู้ตรวจ",
    "ผู้อนุมัติ",
    "ผู้รับรอง",
    "ผู้บันทึก",
    "หมายเหตุ",
    "ตำแหน่ง",
    "รวม",
    "ข้อมูลณวันที่",
    "total",
)


def is_footer(texts: list[str]) -> bool:
    """Return whether a row below the table is a signature line, a note or a total ("ผู้รายงาน", "รวมทั้งสิ้น")."""
    return any(fold(text).replace(" ", "").startswith(_FOOTER_WORDS) for text in texts)


_COLUMN_NUMBER = re.compile(r"^\(?\s*[0-9]{1,2}\s*\)?$")


def is_column_numbers(texts: list[str]) -> bool:
    """Return whether a row only numbers the columns above it: "(1)", "(2)" … or 1, 2 …."""
    return len(texts) >= 3 and all(_COLUMN_NUMBER.match(arabic_digits(text)) for text in texts)
