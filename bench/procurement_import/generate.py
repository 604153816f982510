"""Write a year of สขร.1 monthly summaries as units keep them: twelve sheets, title rows, the form's header, the
column numbers, rows written the many ways units write them, and the signature lines under each table.

The workbook is written with openpyxl's write-only mode, so generating it does not hold it in memory either.
Deterministic for a seed: the same rows every run.
"""

import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook

from prongsai.thaidate import THAI_MONTHS, THAI_MONTHS_ABBR, thai_digits

# Fiscal year 2569: October 2568 (2025 CE) to September 2569 (2026 CE).
MONTHS = [dt.date(2025, 10 + n, 1) if n < 3 else dt.date(2026, n - 2, 1) for n in range(12)]
HEADER = [
    "ลำดับ",
    "งานที่จัดซื้อ\nจัดจ้าง",
    "วงเงินที่จะซื้อ\nหรือจ้าง (บาท)",
    "ราคากลาง (บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคา\nและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและ\nราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
]
ITEMS = ["ซื้อวัสดุสำนักงาน", "จ้างซ่อมรถยนต์ราชการ", "ซื้อกระดาษถ่ายเอกสาร", "จ้างทำความสะอาดอาคาร", "ซื้อหมึกพิมพ์",
         "จ้างเหมาบริการรักษาความปลอดภัย", "ซื้อครุภัณฑ์คอมพิวเตอร์", "จ้างพิมพ์เอกสาร", "ซื้อน้ำมันเชื้อเพลิง"]  # fmt: skip
VENDORS = ["บริษัท ก จำกัด", "หจก. ข", "ร้านค้า ค", "บริษัท ง จำกัด (มหาชน)", "ร้าน จ การค้า", "บริษัท ฉ เซอร์วิส จำกัด"]
METHODS = ["เฉพาะเจาะจง", "วิธีเฉพาะเจาะจง", "คัดเลือก", "e-bidding", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
           "ตลาดอิเล็กทรอนิกส์ (e-market)"]  # fmt: skip
REASONS = ["ราคาต่ำสุดและคุณสมบัติถูกต้อง", "ราคาเหมาะสม", "เป็นผู้มีอาชีพรับจ้างโดยตรง"]


def _money(amount: int, rng: random.Random, *, thai: bool) -> str:
    text = f"{amount:,.2f}"
    return thai_digits(text) if thai else text


def _bid(vendor: str, amount: int, rng: random.Random, *, thai: bool) -> str:
    style = rng.randrange(4)
    money = _money(amount, rng, thai=thai)
    return (
        f"{vendor} / {money} บาท",
        f"{vendor} {money} บาท",
        f"{vendor} (ราคา {money} บาท)",
        f"{vendor} เสนอราคา {money} บาท",
    )[style]


def _contract(month: dt.date, sequence: int, rng: random.Random, *, thai: bool) -> str:
    day = month.replace(day=rng.randint(1, 28))
    be = day.year + 543
    style = rng.randrange(4)
    text = (
        f"สัญญาเลขที่ {sequence}/{be} ลงวันที่ {day.day} {THAI_MONTHS[day.month]} {be}",
        f"ใบสั่งซื้อเลขที่ {sequence}/{be} ลว. {day.day} {THAI_MONTHS_ABBR[day.month]} {be % 100}",
        f"ใบสั่งจ้าง เลขที่ {sequence}/{be} ลงวันที่ {day.day} {THAI_MONTHS_ABBR[day.month]} {be}",
        f"PO {sequence}/{be} {day.day:02d}/{day.month:02d}/{be}",
    )[style]
    return thai_digits(text) if thai else text


def _row(month: dt.date, sequence: int, rng: random.Random) -> list[object]:
    thai = rng.random() < 0.2
    budget = rng.randrange(500, 500_000)
    bidders = rng.sample(VENDORS, rng.randint(1, 3))
    prices = sorted(budget - rng.randrange(0, max(1, budget // 10)) for _ in bidders)
    lines = [_bid(vendor, price, rng, thai=thai) for vendor, price in zip(bidders, prices, strict=True)]
    numbered = rng.random() < 0.5
    bids = "\n".join(f"{n}. {line}" if numbered else line for n, line in enumerate(lines, start=1))
    return [
        thai_digits(str(sequence)) if thai else sequence,
        f"{rng.choice(ITEMS)} ({sequence})",
        budget if rng.random() < 0.5 else _money(budget, rng, thai=thai),
        "-" if rng.random() < 0.3 else budget,
        rng.choice(METHODS),
        bids,
        _bid(bidders[0], prices[0], rng, thai=thai),
        rng.choice(REASONS),
        _contract(month, sequence, rng, thai=thai),
    ]


def generate(path: Path, *, rows: int, seed: int) -> int:
    """Write the workbook of `rows` procurements over the twelve months of FY 2569; return its size in bytes."""
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    per_month = [rows // 12 + (1 if index < rows % 12 else 0) for index in range(12)]
    for month, count in zip(MONTHS, per_month, strict=True):
        sheet = book.create_sheet(f"{THAI_MONTHS_ABBR[month.month]}{(month.year + 543) % 100}")
        sheet.append(["แบบ สขร.1"])
        sheet.append([f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {THAI_MONTHS[month.month]} {month.year + 543}"])
        sheet.append(["หน่วยงาน กองทดสอบ"])
        sheet.append(HEADER)
        sheet.append([f"({n})" for n in range(1, 10)])
        for sequence in range(1, count + 1):
            sheet.append(_row(month, sequence, rng))
        sheet.append([])
        sheet.append([None, "(ลงชื่อ) ..................... ผู้รายงาน"])
        sheet.append([None, "(นางสาว ทดสอบ ระบบ)"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path.stat().st_size
