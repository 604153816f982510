"""The classifier's thresholds and phrase lists; the defaults suit Thai government sites."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["ClassifyConfig"]


@dataclass(frozen=True)
class ClassifyConfig:
    """Thresholds of the classifier; every default is a plain fact about how Thai agency sites are built."""

    placeholder_phrases: tuple[str, ...] = (
        "อยู่ระหว่างปรับปรุง",
        "กำลังปรับปรุง",
        "อยู่ระหว่างการปรับปรุง",
        "อยู่ระหว่างดำเนินการจัดทำ",
        "อยู่ระหว่างจัดทำ",
        "รอการปรับปรุง",
        "ยังไม่มีข้อมูล",
        "ไม่พบข้อมูล",
        "coming soon",
        "under construction",
        "under maintenance",
        "being updated",
        "page is being prepared",
        "lorem ipsum",
    )
    """Phrases that mark a page as a placeholder rather than content."""
    error_page_phrases: tuple[str, ...] = (
        "page not found",
        "file not found",
        "not found",
        "ไม่พบหน้า",
        "ไม่พบเพจ",
        "ไม่พบไฟล์",
        "ไม่พบเอกสารที่",
        "หน้าที่คุณต้องการไม่มีอยู่",
        "หน้าที่ท่านต้องการไม่มีอยู่",
        "internal server error",
        "access denied",
        "forbidden",
    )
    """Phrases of an error page's title or heading (besides its status code: "404", "Error 500")."""
    max_error_page_chars: int = 600
    """An error page says little; a page with more text than this whose title says "not found" is content."""
    generic_labels: tuple[str, ...] = (
        "อ่านต่อ",
        "อ่านทั้งหมด",
        "ดูทั้งหมด",
        "ดูเพิ่มเติม",
        "เพิ่มเติม",
        "รายละเอียด",
        "คลิก",
        "คลิกที่นี่",
        "ดาวน์โหลด",
        "ดาวโหลด",
        "download",
        "more",
        "read more",
        "view",
        "details",
        "click here",
        "link",
        "ลิงก์",
        "หน้าแรก",
        "หน้าหลัก",
        "home",
        "ดู",
        "อ่าน",
        "เปิด",
        "ที่นี่",
        "ไฟล์",
        "เอกสาร",
        "แนบ",
        "here",
        "open",
        "file",
        "pdf",
        "ติดตามเรา",
        "follow us",
    )
    """Words of link texts that say nothing about where they lead ("คลิกดูรายละเอียดเพิ่มเติม" is nothing but them);
    such a link takes its name from its table row or the line above it."""
    min_content_chars: int = 60
    """A page's own text shorter than this (its title and headings aside) counts as "almost no text"."""
    max_text_chars: int = 6000
    """How much content text a page summary keeps, for matching and snippets."""
    max_lines: int = 400
    """Content lines a summary keeps the fingerprints of, for telling a page's own content from the template."""
    template_share: float = 0.3
    """A text line, image or link on at least this share of a site's pages is the template, not content ..."""
    template_min_pages: int = 3
    """... and on at least this many of them (a site of fewer than this many pages has no template to tell) ..."""
    template_max_pages: int = 10
    """... while on this many pages it is template whatever the share (a large site has a template per section)."""
    snippet_chars: int = 160
    """Length of the snippet quoted around a matched phrase."""
    max_links: int = 400
    """Links kept per page."""
    max_images: int = 40
    """Content images kept per page (source and alternative text)."""
    max_context_chars: int = 300
    """A line longer than this is prose, not a table row or list item, and gives a link no context."""
    max_section_lines: int = 12
    """A line opening with an OIT code is the section of the links in at most this many lines below it."""
    min_title_chars: int = 8
    """A short title or heading counts when it is the core of a keyword ("ผู้บริหาร" of "คณะผู้บริหาร")
    only if it has at least this many characters ..."""
    min_title_share: float = 0.5
    """... and at least this share of the keyword's length."""
    min_label_share: float = 0.4
    """A label names an item outright when that item's phrases cover at least this share of it; a longer label
    that merely contains a phrase (a news headline "ประชุมคณะผู้บริหาร ...") is only a weak signal."""
    max_tile_chars: int = 40
    """A line of the home page's own content this short that names an item (and is no link) is a tile or button
    of the item that opens nothing."""
    max_evidence: int = 3
    """Evidence URLs reported per item."""
    required_parts: Mapping[str, tuple[tuple[str, ...], ...]] = field(
        default_factory=lambda: {
            # The per-procurement fields of แบบ สขร.1 (DOMAIN §4), each with the ways its column is headed.
            "5.1.7.2": (
                ("ราคากลาง", "reference price"),
                ("วิธีซื้อ", "วิธีจัดซื้อ", "วิธีการซื้อ", "วิธีการจัดซื้อ", "method"),
                ("ผู้เสนอราคา", "รายชื่อผู้เสนอ", "bidder", "bids"),
                ("ผู้ได้รับการคัดเลือก", "ผู้ได้รับคัดเลือก", "ราคาที่ตกลง", "winner", "awarded", "selected"),
                ("เหตุผลที่คัดเลือก", "เหตุผลการคัดเลือก", "reason"),
                ("เลขที่และวันที่ของสัญญา", "เลขที่สัญญา", "สัญญาเลขที่", "วันที่ของสัญญา", "วันที่สัญญา", "contract"),
            ),
        }
    )
    """Per item code, the parts its evidence must show, each as alternative phrases (a column heading or label)."""
    max_label_words: int = 5
    """A label names items by its words (not a phrase) only when it has at most this many content words ..."""
    min_word_coverage: float = 0.5
    """... and at least this share of them come from the checklist's phrases."""
    min_required_share: float = 0.8
    """Share of an item's required parts the evidence must show; with fewer it is only partial."""
    privacy_phrases: tuple[str, ...] = (
        "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
        "นโยบายความเป็นส่วนตัว",
        "privacy policy",
        "privacy notice",
    )
    """Labels of a privacy policy page (site-level finding)."""
    website_policy_phrases: tuple[str, ...] = (
        "นโยบายเว็บไซต์",
        "นโยบายการใช้งานเว็บไซต์",
        "นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์",
        "website policy",
        "terms of use",
    )
    """Labels of a website policy page (site-level finding)."""
