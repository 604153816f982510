"""Thai names for generated units and people: plausible, deterministic, never real persons. No Django."""

import random

# (Thai, English) provinces; a unit is an office of some kind in one of them.
PROVINCES: tuple[tuple[str, str], ...] = (
    ("เชียงใหม่", "Chiang Mai"),
    ("เชียงราย", "Chiang Rai"),
    ("ลำปาง", "Lampang"),
    ("พิษณุโลก", "Phitsanulok"),
    ("นครสวรรค์", "Nakhon Sawan"),
    ("ขอนแก่น", "Khon Kaen"),
    ("อุดรธานี", "Udon Thani"),
    ("นครราชสีมา", "Nakhon Ratchasima"),
    ("อุบลราชธานี", "Ubon Ratchathani"),
    ("ร้อยเอ็ด", "Roi Et"),
    ("ชลบุรี", "Chon Buri"),
    ("ระยอง", "Rayong"),
    ("จันทบุรี", "Chanthaburi"),
    ("พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
    ("นครปฐม", "Nakhon Pathom"),
    ("กาญจนบุรี", "Kanchanaburi"),
    ("ประจวบคีรีขันธ์", "Prachuap Khiri Khan"),
    ("สุราษฎร์ธานี", "Surat Thani"),
    ("นครศรีธรรมราช", "Nakhon Si Thammarat"),
    ("ภูเก็ต", "Phuket"),
    ("สงขลา", "Songkhla"),
    ("ยะลา", "Yala"),
)

# (Thai, English) kinds of office.
OFFICES: tuple[tuple[str, str], ...] = (
    ("สำนักงานคลังจังหวัด", "Provincial Treasury Office"),
    ("สำนักงานธนารักษ์พื้นที่", "Area Treasury Office"),
    ("สำนักงานสรรพากรพื้นที่สาขา", "Area Revenue Branch Office"),
    ("สำนักงานสรรพสามิตพื้นที่", "Area Excise Office"),
    ("ด่านศุลกากร", "Customs House"),
    ("ศูนย์บริการประชาชน", "Public Service Centre"),
    ("สำนักงานบัญชีกลางส่วนภูมิภาค", "Regional Comptroller Office"),
    ("ศูนย์ข้อมูลการเงินการคลัง", "Fiscal Information Centre"),
)

FIRST_NAMES = (
    "สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "กิตติพงษ์", "จันทร์เพ็ญ", "ธีรวัฒน์", "นภาพร",
    "พรทิพย์", "วรวุฒิ", "สุภาวดี", "อนุชา", "ศิริพร", "ชัยวัฒน์", "รัตนา", "ปิยะพงษ์",
)  # fmt: skip
SURNAMES = (
    "ใจดี", "สุขสวัสดิ์", "ทองคำ", "ศรีสุข", "วงศ์ไทย", "แก้วมณี", "บุญมา", "พรหมวงศ์",
    "ชัยมงคล", "รุ่งเรือง", "เพชรรัตน์", "สมบูรณ์", "มั่นคง", "อินทร์แก้ว", "ปัญญาดี", "ศรีวิชัย",
)  # fmt: skip
FIRST_NAMES_EN = (
    "Somchai", "Somying", "Prasert", "Wilaiwan", "Kittipong", "Janpen", "Theerawat", "Napaporn",
    "Pornthip", "Worawut", "Supawadee", "Anucha", "Siriporn", "Chaiwat", "Rattana", "Piyapong",
)  # fmt: skip
SURNAMES_EN = (
    "Jaidee", "Suksawat", "Thongkham", "Srisuk", "Wongthai", "Kaewmanee", "Boonma", "Promwong",
    "Chaimongkol", "Rungruang", "Petcharat", "Somboon", "Mankong", "Inkaew", "Panyadee", "Sriwichai",
)  # fmt: skip


def unit_names(index: int) -> tuple[str, str]:
    """Return the Thai and English names of unit number `index` (unique: the branch number tells twins apart)."""
    office_th, office_en = OFFICES[index % len(OFFICES)]
    province_th, province_en = PROVINCES[(index // len(OFFICES)) % len(PROVINCES)]
    branch = index // (len(OFFICES) * len(PROVINCES)) + 1
    return f"{office_th}{province_th} แห่งที่ {branch}", f"{office_en} {province_en} no. {branch}"


def person_names(rng: random.Random) -> tuple[str, str]:
    """Draw a person's full name in Thai and its English spelling."""
    first, last = rng.randrange(len(FIRST_NAMES)), rng.randrange(len(SURNAMES))
    return f"{FIRST_NAMES[first]} {SURNAMES[last]}", f"{FIRST_NAMES_EN[first]} {SURNAMES_EN[last]}"
