"""Which checklist item a label names: a menu entry, a link, a page title or heading, a table row, an image's text.

A label names an item through the checklist's own data: one of the item's phrases (its keywords), an OIT code
that the item's crosswalk maps in the label's ITA year, or (weakly) the core of a phrase or only words of the
item's phrases. The reading is about the whole label, not a phrase somewhere in it: when the item's phrases
cover little of a long label (a news headline "ประชุมคณะผู้บริหาร…") the label only mentions the item, and a
phrase that lies inside a longer phrase of another item that the label also carries ("ผู้บริหาร" inside
"เจตจำนงสุจริตของผู้บริหาร") belongs to that other item.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from prongsai.checklists.definition import ChecklistDefinition, ItemDefinition
from prongsai.monitoring.engine.classify.config import ClassifyConfig
from prongsai.thaidate import arabic_digits, fiscal_year_of
from prongsai.thaitext import fold as thai_fold

__all__ = [
    "OIT_CODE",
    "WEAK",
    "CrosswalkCodes",
    "LabelReader",
    "Naming",
    "Phrases",
    "fold",
    "is_generic_label",
    "ita_year_of",
]

WEAK = 0.6
"""Strength of a weak naming: it counts only when nothing stronger names the item, and only for real content."""
MENTION = 0.7
"""Strength of a label that carries an item's phrase but is about more (a page titled "ผลการดำเนินงานตามแผน รอบ 6
เดือน"): enough for a page's own title or heading, not for the text of a link or a menu entry."""
_FOLDED_OUT = re.compile(r"[\s/\\\-–—.,:;()\[\]{}\"'|&·•_*+!?“”‘’<>«»→←↗➜➔➝▶►▸›‹❯❮…]+")
"""What matching ignores besides case: whitespace, the separators sites put between the words of a label
("ร้องเรียน/ร้องทุกข์", "ร้องเรียน - ร้องทุกข์" and "ร้องเรียนร้องทุกข์" are one label) and the arrows that decorate a
button ("อ่านเพิ่มเติม →")."""
OIT_CODE = re.compile(r"^[\W_]*(?:ข้อ\s*)?O\s?\.?\s?(\d{1,2})(?!\d|\.\d)", re.IGNORECASE)
"""An OIT item code that opens a label: "O12 …", "o 8", "ข้อ O1 …" (not "MOIT 1", a ministry's own numbering)."""
_ITA_YEAR = re.compile(r"(?<![A-Za-z])(?:ITA|OIT)[^0-9]{0,25}?(25\d\d)", re.IGNORECASE)
"""The assessment year a label states ("ITA 2569", "oit-2568", "/ita2569/")."""
_STOP_WORDS = frozenset(
    {"การ", "และ", "ของ", "ที่", "ใน", "หรือ", "กับ", "แก่", "ต่อ", "เพื่อ", "จาก", "ประจำ", "ความ", "ให้", "ได้",
     "ตาม", "โดย", "สำหรับ", "ด้วย", "เป็น", "มี", "ไม่", "ทุก", "ทั้ง", "แห่ง", "ณ", "นี้", "ซึ่ง", "อัน", "เรื่อง",
     "and", "of", "the", "for", "to", "in", "our", "a", "an", "on", "by", "with", "we", "at", "is", "are"}
)  # fmt: skip
"""Function words: they join a label's words and name nothing by themselves."""
_WORDISH = re.compile(r"[\u0e01-\u0e2e]|[a-z]{2}")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_GENERIC_NOUNS = frozenset(
    {"ฝ่าย", "กอง", "กลุ่ม", "กลุ่มงาน", "งาน", "สำนัก", "สำนักงาน", "ส่วน", "แผนก", "ศูนย์", "หน่วย", "หน่วยงาน",
     "องค์กร", "องค์การ", "ระบบ", "ข้อมูล", "รายการ", "เว็บไซต์", "ประกาศ", "เอกสาร", "หน้า",
     "center", "centre", "unit", "office", "division", "section", "system", "information", "page", "us", "your", "our"}
)  # fmt: skip
"""Nouns for a unit, a system or a piece of information: they head labels of every kind, so they define no item
("ศูนย์ข้อมูลและสารสนเทศ" is a unit, "ฝ่ายยุทธศาสตร์และแผนงาน" a division)."""
_PARTS = re.compile(r"\s*(?:และ|หรือ|[/,&]| and | or )\s*")

_SPELLING = str.maketrans({"ฏ": "ฎ"})
"""Letters sites confuse: "กฏระเบียบ" and "ปฎิบัติ" are written as often as "กฎระเบียบ" and "ปฏิบัติ"."""


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Return ``text`` in the project's matching form (`prongsai.thaitext.fold`: canonical Thai, no invisible
    characters, ASCII digits, lower case) without whitespace or separators, so "รอบ 6 เดือน", "รอบ ๖ เดือน" and
    "รอบ6เดือน" compare equal (and with ฏ read as ฎ, which sites write for each other).

    Cached: menus, titles and headings repeat on every page of a site and are folded for every item.
    """
    return _FOLDED_OUT.sub("", thai_fold(text)).translate(_SPELLING)


@functools.lru_cache(maxsize=8)
def _generic_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    folded = sorted({fold(word) for word in words if fold(word)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in folded) or "(?!)")


@functools.lru_cache(maxsize=65_536)
def _generic(folded: str, words: tuple[str, ...]) -> bool:
    return not _generic_pattern(words).sub("", folded).strip("0123456789")


def is_generic_label(label: str, config: ClassifyConfig) -> bool:
    """Return whether a link text says nothing about where it leads: empty, a number, or only words such as
    "คลิก", "ดู", "รายละเอียด", "download" (``ClassifyConfig.generic_labels``)."""
    return _generic(fold(label), config.generic_labels)


def _english_at(phrase: str, folded: str) -> list[int]:
    """Return where an English phrase starts in ``folded``, never as the middle of a longer word."""
    found: list[int] = []
    start = folded.find(phrase)
    while start >= 0:
        if start == 0 or not folded[start - 1].isalpha():
            found.append(start)
        start = folded.find(phrase, start + 1)
    return found


@dataclass(frozen=True)
class Phrases:
    """One item's keywords, folded, and where they occur in a label."""

    thai: tuple[tuple[str, str], ...]
    english: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, item: ItemDefinition) -> Phrases:
        """Return the item's Thai and English keywords, each with its folded form."""
        return cls(
            thai=tuple((k, fold(k)) for k in item.keywords_th if fold(k)),
            english=tuple((k, fold(k)) for k in item.keywords_en if fold(k)),
        )

    def spans(self, folded: str) -> list[tuple[str, bool, int, int]]:
        """Return (keyword, is_thai, start, end) of every keyword occurrence in the folded label."""
        spans: list[tuple[str, bool, int, int]] = []
        for keyword, phrase in self.thai:
            start = folded.find(phrase)
            while start >= 0:
                spans.append((keyword, True, start, start + len(phrase)))
                start = folded.find(phrase, start + 1)
        for keyword, phrase in self.english:
            spans.extend((keyword, False, start, start + len(phrase)) for start in _english_at(phrase, folded))
        return spans

    def core(self, folded: str, config: ClassifyConfig) -> list[str]:
        """Return the keywords of which a short label is the core ("ผู้บริหาร" of "คณะผู้บริหาร")."""
        if len(folded) < config.min_title_chars:
            return []
        return [
            keyword
            for keyword, phrase in (*self.thai, *self.english)
            if folded in phrase and len(folded) >= config.min_title_share * len(phrase)
        ]


@dataclass(frozen=True)
class Naming:
    """That a label names an item: how strongly (1.0 outright, less for a mention or only its words) and by what."""

    code: str
    strength: float
    phrases: tuple[str, ...]
    thai: bool
    english: bool
    coded: bool = False


def ita_year_of(texts: Iterable[str], today: dt.date) -> int:
    """Return the ITA year a page's codes belong to: the first one its title, heading or address states, else
    the check date's fiscal year (the ITA of a fiscal year assesses that year's sites)."""
    for text in texts:
        match = _ITA_YEAR.search(arabic_digits(text))
        if match is not None:
            return int(match.group(1))
    return fiscal_year_of(today)


@dataclass(frozen=True)
class CrosswalkCodes:
    """Which checklist items each ITA year's OIT code stands for, read from the items' crosswalk.

    OIT pages label their rows and headings with the year's item codes ("O1 โครงสร้าง", "O12 …"). The
    numbering changes every year, so a code means something only together with its year: the year the
    page states, else the fiscal year of the check date. A year the checklist has no crosswalk for gives no
    signal rather than a guess, and neither does a code whose label's own words name other items only: that
    label follows another year's numbering.
    """

    items: Mapping[tuple[int, str], tuple[str, ...]]
    phrases: Mapping[str, Phrases]
    owners: Mapping[str, str]
    """The words that belong to one item (see :func:`_word_owners`): what a coded label's own words point to."""
    _seen: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, items: Iterable[ItemDefinition]) -> CrosswalkCodes:
        """Index the crosswalk of ``items`` by (Buddhist-era ITA year, upper-case OIT code)."""
        listed = tuple(items)
        index: dict[tuple[int, str], list[str]] = {}
        phrases: dict[str, Phrases] = {}
        for item in listed:
            phrases[item.code] = Phrases.of(item)
            for year, codes in item.crosswalk.items():
                match = re.fullmatch(r"ita-(\d{4})", year)
                if match is None:
                    continue
                for code in codes:
                    index.setdefault((int(match.group(1)), code.upper()), []).append(item.code)
        owners = _owners_of(_word_counts(tuple((item.code, vocabulary_source(item)) for item in listed)))
        return cls(items={key: tuple(codes) for key, codes in index.items()}, phrases=phrases, owners=owners)

    def named(self, label: str, year: int) -> tuple[str, ...]:
        """Return the item codes that the OIT code opening ``label`` stands for in ``year`` (none without a code)."""
        if (label, year) in self._seen:  # labels repeat on every page and are asked about for every item
            return self._seen[(label, year)]
        match = OIT_CODE.match(arabic_digits(label))
        if match is None:
            self._seen[(label, year)] = ()
        else:
            codes = self.items.get((year, f"O{int(match.group(1))}"), ())
            folded = fold(label)
            spoken = {code for code, phrases in self.phrases.items() if phrases.spans(folded)}
            if spoken and not spoken.intersection(codes):
                codes = ()
            elif len(codes) > 1:
                codes = self._narrowed(codes, label[match.end() :])
            self._seen[(label, year)] = codes
        return self._seen[(label, year)]

    def _narrowed(self, codes: tuple[str, ...], rest: str) -> tuple[str, ...]:
        """Return those of a shared code's items whose words the rest of the label uses, or all when it uses none.

        ITA 2569's O1 asks for the structure and the powers and duties together; a row "O1 โครงสร้าง" shows
        only the structure, while "O1 ดาวน์โหลด" could be either.
        """
        folded = fold(rest)
        owned = {self.owners[word] for word in title_words(rest) if word in self.owners}
        named = tuple(code for code in codes if self.phrases[code].spans(folded) or code in owned)
        return named or codes


@functools.lru_cache(maxsize=16_384)
def starts_with_verb(label: str) -> bool:
    """Return whether a Thai label opens with a verb: a news headline ("ประชุมติดตาม…", "อบรม…") tells of an
    event, it names no item. Read with pythainlp's part-of-speech tagger (the ORCHID corpus model it ships)."""
    from pythainlp.tag import pos_tag  # heavy import: load on first use
    from pythainlp.tokenize import word_tokenize

    tokens = [token for token in word_tokenize(label[:60], keep_whitespace=False) if _THAI.search(token)][:4]
    if not tokens or tokens[0] in _DOCUMENT_WORDS:
        return False
    return pos_tag(tokens, corpus="orchid_ud")[0][1] == "VERB"


@functools.lru_cache(maxsize=16_384)
def title_words(label: str) -> tuple[str, ...]:
    """Return the content words of a short label, folded, in order (Thai split by the dictionary tokenizer).

    Cached: the tokenizer is the costliest step of the classifier, and labels repeat across items and pages.
    """
    if len(label) > 80:
        return ()
    from pythainlp.tokenize import word_tokenize  # heavy import: load on first use

    words = [fold(token) for token in word_tokenize(label, keep_whitespace=False)]
    return tuple(w for w in words if len(w) >= 2 and w not in _STOP_WORDS and _WORDISH.search(w))


class LabelReader:
    """Read labels for the items of one checklist; every label is read once per site (they repeat on every page)."""

    def __init__(
        self, checklist: ChecklistDefinition, config: ClassifyConfig, *, site_words: frozenset[str] = frozenset()
    ) -> None:
        self.config = config
        self.phrases = {item.code: Phrases.of(item) for item in checklist.items}
        self.names = {item.code: (fold(item.name_th), fold(item.name_en)) for item in checklist.items}
        self.word_items = _word_items(checklist)
        self.word_owner = _word_owners(checklist)
        self.site_words = site_words - self.word_items.keys()
        self.crosswalk = CrosswalkCodes.of(checklist.items)
        self._memo: dict[tuple[str, int | None, bool], tuple[Naming, ...]] = {}

    def is_generic(self, label: str) -> bool:
        """Return whether a label says nothing about where it leads ("อ่านต่อ", "download", an empty text)."""
        return is_generic_label(label, self.config)

    def read(self, label: str, *, year: int | None = None, words: bool = True) -> tuple[Naming, ...]:
        """Return the items ``label`` names, strongest first; ``year`` is the ITA year its OIT codes belong to.

        ``words=False`` reads only whole phrases and codes: for a file name or an address, whose words are a
        developer's ("service.php", "management_policy") rather than a label's.
        """
        key = (label, year, words)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._read(label, year, words)
        return found

    def _read(self, label: str, year: int | None, words: bool) -> tuple[Naming, ...]:
        folded = fold(label)
        if not folded:
            return ()
        namings: dict[str, Naming] = {}
        if year is not None:
            coded = self.crosswalk.named(label, year)
            for code in coded:
                phrase = " ".join(label.split())[:80]
                namings[code] = Naming(
                    code, 1.0 if len(coded) == 1 else WEAK, (phrase,), thai=True, english=False, coded=True
                )
        spans = {code: phrases.spans(folded) for code, phrases in self.phrases.items()}
        # A phrase lying inside a longer phrase of another item that the label also carries is that item's.
        every = [(code, start, end) for code, found in spans.items() for _, _, start, end in found]
        lead = _lead(folded)
        for code, found in spans.items():
            kept = [
                span
                for span in found
                if not any(
                    other != code and start <= span[2] and span[3] <= end and end - start > span[3] - span[2]
                    for other, start, end in every
                )
            ]
            if not kept or code in namings:
                continue
            covered = _covered(kept)
            # Thai puts a phrase's head first: a label that opens with the item's phrase ("คู่มือการปฏิบัติงาน
            # ของ…") is about the item however long it runs; one that only carries it later mentions it.
            # A phrase followed by "ตามแผน…" ("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต") is a result measured
            # against that plan: the plan says what the label is, so the phrase only mentions its item.
            opens = any(span[2] <= lead and not folded.startswith(_AGAINST_PLAN, span[3]) for span in kept)
            if not opens and starts_with_verb(label):
                continue  # "ประชุมคณะผู้บริหาร…": a headline about an event that mentions the item
            strength = 1.0 if opens or covered >= self.config.min_label_share * len(folded) else MENTION
            namings[code] = Naming(
                code,
                strength,
                tuple(dict.fromkeys(keyword for keyword, _, _, _ in kept)),
                thai=any(thai for _, thai, _, _ in kept),
                english=any(not thai for _, thai, _, _ in kept),
            )
        if not namings:
            # A label that is the head of an item's own name ("แผนปฏิบัติราชการ" of "แผนปฏิบัติราชการประจำปี",
            # "ผลการจัดซื้อจัดจ้าง" of "ผลการจัดซื้อจัดจ้างรายโครงการ") names that item.
            for code, names in self.names.items():
                if any(
                    name.startswith(folded)
                    and len(folded) >= self.config.min_title_chars
                    and len(folded) >= self.config.min_title_share * len(name)
                    for name in names
                ):
                    namings[code] = Naming(
                        code,
                        0.85,
                        (label.strip()[:80],),
                        thai=bool(_THAI.search(label)),
                        english=not _THAI.search(label),
                    )
        if words and not namings:
            # No phrase names an item outright: the label's own words may ("ระเบียบกระทรวงการคลัง").
            for code, naming in self._by_words(label).items():
                if naming.strength > namings.get(code, naming).strength or code not in namings:
                    namings[code] = naming
        return tuple(sorted(namings.values(), key=lambda naming: -naming.strength))

    def _by_words(self, label: str) -> dict[str, Naming]:
        """Name items by the label's words when no phrase of theirs stands in it.

        Sites name items in words of their own ("ข้อมูลโครงสร้างองค์กรของเทศบาล", "หน้าที่ตามกฎกระทรวง"). Thai puts
        the head of a phrase first ("หน่วยงานที่เกี่ยวข้อง" is about agencies, "งานบริการ" about services), so a
        short label (its function words and the site's own name left out) names the item that owns the first
        word of each of its parts (split at "และ", "หรือ", "/", ","): outright when every word of the label comes
        from the checklist's phrases, weakly when only most do. A word is an item's when that item's phrases use
        it again and again and the other items' hardly at all.
        """
        parts = _PARTS.split(label)
        words_of = [
            _head_phrase([word for word in title_words(part) if word not in self.site_words and not word.isdigit()])
            for part in parts
        ]
        if any(part and all(word in self.word_items for word in part) for part in words_of):
            # "นโยบายและยุทธศาสตร์": a part the checklist never speaks of stands beside a part that names an item;
            # it is one more topic of the label, not a word that makes the item's part less sure.
            words_of = [part for part in words_of if any(word in self.word_items for word in part)]
        words = [word for part in words_of for word in part]
        if not words or len(words) > self.config.max_label_words:
            return {}
        explained = [word for word in words if word in self.word_items]
        if len(explained) < self.config.min_word_coverage * len(words):
            return {}
        share = len(explained) / len(words)
        strength = 0.85 if share == 1 else 0.75 if share >= 2 / 3 else WEAK
        owners: dict[str, None] = {}
        for part in words_of:
            if not part:
                continue
            if part[0] in self.word_owner:
                owners[self.word_owner[part[0]]] = None
            elif part[0] in self.word_items and len(self.word_items[part[0]]) == 2:
                # A head word two items share ("คู่มือ": operating and service manuals): the rest of the part
                # says which of them ("คู่มือประชาชน" is the service manual). A head many items use ("รายงาน")
                # says too little for its modifiers to decide.
                sharing = set(self.word_items[part[0]])
                rest = {self.word_owner[word] for word in part[1:] if word in self.word_owner} & sharing
                if len(rest) == 1:
                    owners[rest.pop()] = None
            elif part[0] not in self.word_items and part[0] not in _GENERIC_NOUNS and not starts_with_verb(label):
                # A head word the checklist never uses ("เจตนารมณ์…" for "เจตจำนง…"): the rest of the part decides,
                # when it points to one item only (and the head is a noun: a verb opens a headline).
                rest = {self.word_owner[word] for word in part[1:] if word in self.word_owner}
                if len(rest) == 1:
                    owners[rest.pop()] = None
        phrase = label.strip()[:80]
        thai = bool(_THAI.search(phrase))
        return {code: Naming(code, strength, (phrase,), thai=thai, english=not thai) for code in owners}


_AGAINST_PLAN = "ตามแผน"
_ABOUT = frozenset({"เกี่ยวกับ", "ว่าด้วย", "about", "concerning"})
"""Words that join a head to what it is about ("กฎหมาย เกี่ยวกับ การกระจายอำนาจ"): the head is what the label is."""


def _head_phrase(words: list[str]) -> list[str]:
    """Return a part's words up to the first "about" word: what follows it says what the head is about."""
    for number, word in enumerate(words):
        if word in _ABOUT and number > 0:
            return words[:number]
    return words


def _word_items(checklist: ChecklistDefinition) -> Mapping[str, Counter[str]]:
    """Return, for every word of the checklist's phrases and item names, how often each item's phrases use it."""
    return _word_counts(tuple((item.code, vocabulary_source(item)) for item in checklist.items))


def _word_owners(checklist: ChecklistDefinition) -> Mapping[str, str]:
    """Return the words that belong to one item: used in at least two of its phrases and three in four of all uses."""
    return _owners_of(_word_items(checklist))


def _owners_of(counts_by_word: Mapping[str, Counter[str]]) -> Mapping[str, str]:
    owners: dict[str, str] = {}
    for word, counts in counts_by_word.items():
        (code, most), total = counts.most_common(1)[0], sum(counts.values())
        if most >= 2 and most >= 0.75 * total and word not in _GENERIC_NOUNS:
            owners[word] = code
    return owners


def vocabulary_source(item: ItemDefinition) -> tuple[str, ...]:
    """Return the phrases an item's words are taken from: its keywords and its names."""
    return (*item.keywords_th, *item.keywords_en, item.name_th, item.name_en)


@functools.lru_cache(maxsize=8)
def _word_counts(items: tuple[tuple[str, tuple[str, ...]], ...]) -> Mapping[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for code, phrases in items:
        for phrase in phrases:
            for word in set(title_words(phrase)):
                counts.setdefault(word, Counter())[code] += 1
    return counts


_DOCUMENT_WORDS = ("รายงาน", "ประกาศ", "คำสั่ง", "บันทึก", "เอกสาร", "คู่มือ", "แบบ")
"""Words that say what kind of document a title is ("รายงาน…", "ประกาศ…"): what follows says what it is about, so
an item's phrase right after one opens the label as much as it would alone. The tagger often reads them as verbs
("รายงานสรุปผล…" as "to report"), but a title they open is no headline of an event."""
_LEAD = re.compile(r"^(?:(?:(?:moit|o|ข้อ)?\d{1,3})+|[ก-ฮ])?(?=\S)")
"""What may stand before a label's first word: its numbering ("2.1.3", "21 | MOIT 21"), an OIT code, a Thai list
letter ("ก", "ข")."""
_REQUIREMENT = re.compile(r"(?:หน่วยงาน)?มี(?:การ)?(?:เผยแพร่|เปิดเผย|จัดทำ)?")
"""How an assessment's requirement opens ("หน่วยงานมีการเผยแพร่เจตจำนงสุจริต…", "มีคู่มือ…"): the agency has or
publishes what follows, so what follows is what the row is about."""


def _lead(folded: str) -> int:
    """Return where a folded label's own words begin: after its numbering or code, the requirement's opening and
    the kind of document it is."""
    match = _LEAD.match(folded)
    start = match.end() if match else 0
    required = _REQUIREMENT.match(folded, start)
    if required is not None and required.end() < len(folded):
        start = required.end()
    for at in dict.fromkeys((0, start)):  # "รายงาน…" itself, or "O12 รายงาน…"
        kind = next((word for word in _DOCUMENT_WORDS if folded.startswith(word, at)), None)
        if kind is not None:
            return at + len(kind)
    return start


def _covered(spans: list[tuple[str, bool, int, int]]) -> int:
    """Return how many characters of the label the spans cover together (overlaps counted once)."""
    covered = 0
    end_so_far = -1
    for _, _, start, end in sorted(spans, key=lambda span: span[2]):
        if end <= end_so_far:
            continue
        covered += end - max(start, end_so_far)
        end_so_far = end
    return covered
