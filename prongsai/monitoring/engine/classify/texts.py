"""What a finding says, in Thai and English: why the monitor concluded it, and how the unit fixes it."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["REASONS"]

REASONS: Mapping[str, tuple[str, str, str, str]] = {
    # reason_th, reason_en, fix_th, fix_en
    "content": (
        "พบหน้าหรือเอกสารของรายการนี้ซึ่งมีเนื้อหาจริง",
        "A page or document for this item was found with real content.",
        "ตรวจสอบให้ข้อมูลเป็นปัจจุบันอยู่เสมอ",
        "Keep the information up to date.",
    ),
    "site_facts": (
        "พบข้อมูลการติดต่อ (ที่อยู่ โทรศัพท์ หรืออีเมล) แสดงอยู่บนหน้าเว็บไซต์",
        "The site's pages show its contact details (address, telephone or e-mail).",
        "ตรวจสอบให้ข้อมูลการติดต่อถูกต้องและเป็นปัจจุบัน และจัดทำหน้า “ติดต่อเรา” ที่มีแผนที่",
        "Keep the contact details correct and current, and give them a “Contact us” page with a map.",
    ),
    "channel_link": (
        "พบช่องทางของรายการนี้ (แบบฟอร์ม อีเมล บัญชี LINE หรือระบบรับเรื่องภายนอก) ที่ลิงก์จากเว็บไซต์",
        "The site links this item's channel (a form, an e-mail address, a LINE account or an outside system).",
        "ตรวจสอบว่าช่องทางใช้งานได้จริง และอธิบายขั้นตอนการดำเนินการกับเรื่องที่ได้รับ",
        "Make sure the channel works, and explain what happens to what is sent through it.",
    ),
    "unfetched": (
        "พบลิงก์ของรายการนี้ แต่ระบบยังไม่ได้เปิดดูปลายทาง จึงยืนยันเนื้อหาไม่ได้",
        "A link for this item was found, but its target was not opened within the check's budget, so its content"
        " could not be confirmed.",
        "ตรวจสอบว่าลิงก์เปิดได้และมีเนื้อหาครบถ้วน",
        "Make sure the link opens and leads to the full content.",
    ),
    "external": (
        "พบลิงก์ของรายการนี้ไปยังเว็บไซต์อื่น (เช่น Google Drive) ซึ่งการตรวจไม่ได้เปิดดู จึงยืนยันเนื้อหาไม่ได้",
        "A link for this item leads to another website (Google Drive, for example) that the check does not open,"
        " so its content could not be confirmed.",
        "เผยแพร่เอกสารของรายการนี้บนเว็บไซต์ของหน่วยงานเอง",
        "Publish this item's document on the unit's own website.",
    ),
    "fetch_failed": (
        "พบลิงก์ของรายการนี้ แต่เปิดปลายทางไม่สำเร็จขณะตรวจ (เครื่องแม่ข่ายไม่ตอบหรือขัดข้อง)",
        "A link for this item was found, but its target could not be fetched during the check (no answer or a"
        " server error).",
        "ตรวจสอบว่าเครื่องแม่ข่ายเปิดหน้าดังกล่าวได้ตามปกติ",
        "Make sure the server delivers that page reliably.",
    ),
    "placeholder": (
        "พบหน้าของรายการนี้ แต่เป็นหน้าที่อยู่ระหว่างปรับปรุงหรือแทบไม่มีเนื้อหา",
        "There is a page for this item, but it is a placeholder or has almost no content.",
        "เผยแพร่เนื้อหาหรือเอกสารฉบับจริงของรายการนี้บนหน้าดังกล่าว",
        "Publish the actual content or document of this item on that page.",
    ),
    "template_only": (
        "พบเมนูหรือลิงก์ของรายการนี้ แต่หน้าปลายทางมีเพียงส่วนประกอบที่ซ้ำทุกหน้าของเว็บไซต์ ไม่มีเนื้อหาของตนเอง",
        "There is a menu entry or link for this item, but the page it leads to holds only what every page of the"
        " site repeats, nothing of its own.",
        "เผยแพร่เนื้อหาหรือเอกสารของรายการนี้บนหน้าที่เมนูชี้ไป",
        "Publish this item's content or document on the page the menu leads to.",
    ),
    "dead": (
        "พบลิงก์ของรายการนี้ แต่หน้าหรือเอกสารปลายทางเปิดไม่ได้",
        "There is a link for this item, but the page or document it leads to cannot be opened.",
        "แก้ไขลิงก์หรืออัปโหลดเอกสารใหม่ให้เปิดได้",
        "Fix the link or upload the document again so that it opens.",
    ),
    "nowhere": (
        "พบชื่อของรายการนี้บนหน้าเว็บไซต์ แต่ลิงก์ของรายการไม่ได้นำไปที่ใดเลย",
        "The item is named on the website, but its link leads nowhere.",
        "ใส่ลิงก์ไปยังหน้าหรือเอกสารของรายการนี้ให้เปิดได้จริง",
        "Link it to the item's page or document, so that it opens.",
    ),
    "unread_scan": (
        "พบเอกสารของรายการนี้ แต่เป็นภาพสแกนที่ไม่มีข้อความ ระบบตรวจจึงอ่านเนื้อหาและวันที่ไม่ได้",
        "There is a document for this item, but it is a scan without text, so the check could not read its content"
        " or date.",
        "เผยแพร่เอกสารที่มีข้อความ (เช่น PDF ที่แปลงจากไฟล์ต้นฉบับ) แทนภาพสแกน",
        "Publish the document with its text (a PDF saved from the original file) instead of a scan.",
    ),
    "dead_document": (
        "พบหน้าของรายการนี้ แต่เอกสารที่แนบไว้เปิดไม่ได้",
        "There is a page for this item, but its attached documents cannot be opened.",
        "แก้ไขลิงก์หรืออัปโหลดเอกสารใหม่ให้เปิดได้",
        "Fix the links or upload the documents again so that they open.",
    ),
    "form_nowhere": (
        "พบแบบฟอร์มของรายการนี้ แต่แบบฟอร์มไม่ได้ส่งข้อความไปที่ใด",
        "There is a form for this item, but it sends its message nowhere.",
        "แก้ไขแบบฟอร์มให้ส่งข้อความถึงผู้รับผิดชอบได้จริง หรือระบุช่องทางอื่นที่ใช้งานได้",
        "Make the form deliver its message to the people responsible, or give another working channel.",
    ),
    "missing_parts": (
        "พบหน้าของรายการนี้ แต่ยังขาดข้อมูลบางส่วนที่รายการนี้กำหนด",
        "There is a page for this item, but parts the item requires are missing.",
        "เพิ่มข้อมูลให้ครบทุกส่วน (สำหรับผลการจัดซื้อจัดจ้าง ให้ครบทุกช่องของแบบ สขร.1)",
        "Add every required part (for procurement results, every field of the สขร.1 form).",
    ),
    "thai_only": (
        "พบเฉพาะฉบับภาษาไทย ไม่พบฉบับภาษาอังกฤษ",
        "Only the Thai version was found; the English version is missing.",
        "เผยแพร่ฉบับภาษาอังกฤษคู่กับฉบับภาษาไทย",
        "Publish the English version alongside the Thai one.",
    ),
    "english_only": (
        "พบเฉพาะฉบับภาษาอังกฤษ ไม่พบฉบับภาษาไทย",
        "Only the English version was found; the Thai version is missing.",
        "เผยแพร่ฉบับภาษาไทยคู่กับฉบับภาษาอังกฤษ",
        "Publish the Thai version alongside the English one.",
    ),
    "none": (
        "ไม่พบเมนู ลิงก์ หน้า หรือเอกสารของรายการนี้บนเว็บไซต์",
        "No menu entry, link, page or document for this item was found on the site.",
        "จัดทำหน้าหรือเอกสารของรายการนี้และลิงก์จากเมนูของเว็บไซต์",
        "Publish a page or document for this item and link to it from the site's menu.",
    ),
}
