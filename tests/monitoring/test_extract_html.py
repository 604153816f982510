"""HTML extraction: encodings Thai sites really use, navigation versus content, links, hostile pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.monitoring.engine.extract.charset import decode_html, looks_like_thai_legacy
from prongsai.monitoring.engine.extract.html import extract_html, is_navigation_token
from prongsai.monitoring.engine.extract.model import (
    DEAD_END,
    Document,
    ExtractConfig,
    Extracted,
    Form,
    FormKind,
    Heading,
    Link,
    Problem,
)

THAI = "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569 สำนักงานคลังจังหวัด"
PAGE_URL = "https://unit.example.go.th/about/index.php"


def _extract(html: str | bytes, *, charset: str | None = "utf-8", config: ExtractConfig | None = None) -> Extracted:
    body = html.encode("utf-8") if isinstance(html, str) else html
    return extract_html(Document(PAGE_URL, "text/html", charset, body), config or ExtractConfig())


def _page(text: str, *, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("body", "declared", "encoding"),
    [
        pytest.param(_page(THAI).encode("utf-8"), "utf-8", "utf-8", id="declared-utf8"),
        pytest.param(_page(THAI).encode("cp874"), "TIS-620", "cp874", id="declared-tis620"),
        pytest.param(_page(THAI).encode("cp874"), "windows-874", "cp874", id="declared-windows874"),
        pytest.param(
            _page(THAI, meta='<meta charset="windows-874">').encode("cp874"), None, "cp874", id="meta-charset"
        ),
        pytest.param(
            _page(THAI, meta='<meta http-equiv="Content-Type" content="text/html; charset=tis-620">').encode("cp874"),
            None,
            "cp874",
            id="meta-http-equiv",
        ),
        pytest.param(b"\xef\xbb\xbf" + _page(THAI).encode("utf-8"), "tis-620", "utf-8", id="bom-beats-header"),
        pytest.param(_page(THAI).encode("cp874"), "ISO-8859-1", "cp874", id="mislabelled-latin1-header"),
        pytest.param(
            _page(THAI, meta='<meta charset="windows-1252">').encode("cp874"), None, "cp874", id="mislabelled-meta"
        ),
        pytest.param(_page(THAI).encode("cp874"), None, "cp874", id="unlabelled-legacy-thai"),
        pytest.param(_page(THAI).encode("utf-8"), "iso-8859-1", "utf-8", id="utf8-labelled-latin1"),
        pytest.param(_page(THAI).encode("cp874"), "utf-8", "cp874", id="legacy-labelled-utf8"),
        pytest.param(_page(THAI).encode("utf-8"), "no-such-charset", "utf-8", id="unknown-label"),
    ],
)
def test_thai_text_is_decoded_whichever_way_it_was_encoded_or_labelled(
    body: bytes, declared: str | None, encoding: str
) -> None:
    extracted = _extract(body, charset=declared)

    assert extracted.encoding == encoding
    assert extracted.text == THAI
    assert "ประจำปี" in extracted.text  # sara am kept as one character, never nikhahit + sara aa
    assert "\u0e4d\u0e32" not in extracted.text
    assert extracted.problems == ()


def test_latin1_french_stays_latin1_and_bad_utf8_is_reported() -> None:
    french = _page("Le café du théâtre, déjà fermé").encode("latin-1")
    assert not looks_like_thai_legacy(french)
    assert _extract(french, charset="iso-8859-1").text == "Le café du théâtre, déjà fermé"

    broken = b"<p>ok \xff\xfe end</p>"
    extracted = _extract(broken, charset="utf-8")
    assert extracted.text == "ok \ufffd\ufffd end"
    assert extracted.problems == (Problem.DECODE_ERROR,)


def test_a_meta_tag_cannot_switch_to_an_encoding_that_moves_ascii() -> None:
    body = _page("plain", meta='<meta charset="utf-16">').encode("ascii")
    assert decode_html(body, declared=None).encoding == "utf-8"
    assert decode_html(b"<p>x</p>", declared="cp037").encoding == "utf-8"


def test_zero_width_characters_and_thai_mark_order_are_normalised() -> None:
    # U+200B..U+200D and U+FEFF as word-break hints; sara am typed as nikhahit + sara aa.
    html = "<p>ข้อมูล\u200bผู้\u200dบริหาร\ufeff ประจ\u0e4d\u0e32ปี\u200c</p>"

    assert _extract(html).text == "ข้อมูลผู้บริหาร ประจำปี"


NAV_PAGE = """<!doctype html><html lang="th"><head><title>  ข้อมูลผู้บริหาร | สำนักงาน </title>
<base href="/th/"></head><body>
<div id="top-header"><a href="/">หน้าหลัก</a></div>
<ul class="nav menu"><li><a href="structure.html">โครงสร้างหน่วยงาน</a></li>
<li><a href="javascript:void(0)">เมนู</a></li></ul>
<div class="sidebar-left"><h3>ลิงก์</h3><a href="https://other.go.th/">หน่วยงานอื่น</a></div>
<div class="content">
  <h1>ข้อมูล<span>ผู้บริหาร</span></h1>
  <article><header class="entry-header"><h2>ผู้อำนวยการ</h2></header>
  <p>นายสมชาย ใจดี <b>ผู้อำนวยการ</b></p>
  <div hidden>ข้อความซ่อน 1</div><p aria-hidden="true">ข้อความซ่อน 2</p>
  <p style="color:red; DISPLAY : none">ข้อความซ่อน 3</p>
  <script>document.write("สคริปต์")</script><style>p{}</style><noscript>โปรดเปิด JavaScript</noscript>
  <table><tr><th>ชื่อ</th><th>ตำแหน่ง</th></tr><tr><td>นางสาวสมศรี</td><td></td><td>รองผู้อำนวยการ</td></tr></table>
  <a href="../files/plan.pdf#page=2">แผน<br>ปฏิบัติราชการ</a>
  <a href="plan.pdf"><img src="icon.png" alt="ดาวน์โหลดแผน"></a>
  <img data-src="/img/boss.jpg" src="data:image/gif;base64,R0lGOD" alt=" รูปผู้อำนวยการ ">
  <iframe src="/viewer/report.pdf" title="รายงาน">ไม่รองรับ</iframe>
  </article>
</div>
<footer>ติดต่อ <a href="mailto:saraban@unit.go.th">อีเมล</a> <a href="tel:021234567">โทร</a></footer>
</body></html>"""


def test_navigation_is_separated_from_content_without_a_main_element() -> None:
    extracted = _extract(NAV_PAGE)

    assert extracted.title == "ข้อมูลผู้บริหาร | สำนักงาน"
    assert extracted.language == "th"
    assert extracted.text.splitlines() == [
        "ข้อมูลผู้บริหาร",
        "ผู้อำนวยการ",
        "นายสมชาย ใจดี ผู้อำนวยการ",
        "ชื่อ | ตำแหน่ง",
        "นางสาวสมศรี | | รองผู้อำนวยการ",
        "แผน",
        "ปฏิบัติราชการ",
    ]
    assert extracted.navigation_text.splitlines() == [
        "หน้าหลัก",
        "โครงสร้างหน่วยงาน",
        "เมนู",
        "ลิงก์",
        "หน่วยงานอื่น",
        "ติดต่อ อีเมล โทร",
    ]
    assert extracted.headings == (
        Heading(3, "ลิงก์", navigation=True),
        Heading(1, "ข้อมูลผู้บริหาร"),
        Heading(2, "ผู้อำนวยการ"),
    )
    assert extracted.links == (
        Link("https://unit.example.go.th/", "หน้าหลัก", navigation=True),
        Link("https://unit.example.go.th/th/structure.html", "โครงสร้างหน่วยงาน", navigation=True),
        Link(DEAD_END, "เมนู", navigation=True),
        Link("https://other.go.th/", "หน่วยงานอื่น", navigation=True),
        Link("https://unit.example.go.th/files/plan.pdf", "แผนปฏิบัติราชการ", line=5),  # "แผน", the sixth line
        Link("https://unit.example.go.th/th/plan.pdf", "ดาวน์โหลดแผน", line=6),
        Link("https://unit.example.go.th/viewer/report.pdf", "รายงาน"),
        Link("mailto:saraban@unit.go.th", "อีเมล", navigation=True),
        Link("tel:021234567", "โทร", navigation=True),
    )
    assert [(image.src, image.alt, image.navigation) for image in extracted.images] == [
        ("https://unit.example.go.th/th/icon.png", "ดาวน์โหลดแผน", False),
        ("https://unit.example.go.th/img/boss.jpg", "รูปผู้อำนวยการ", False),
    ]
    assert extracted.problems == ()


def test_a_main_element_makes_everything_outside_it_page_chrome() -> None:
    html = """<body><div class="banner">ประกาศเว็บไซต์</div><div id="wrapper" class="has-sidebar">
    <p>ข้อความนอก main</p><main><nav aria-label="breadcrumb"><a href="/">หน้าแรก</a></nav>
    <div class="page-header"><h1>อำนาจหน้าที่</h1></div><p>มีอำนาจหน้าที่ตามกฎกระทรวง</p></main>
    <div role="contentinfo">ลิขสิทธิ์</div></div></body>"""

    extracted = _extract(html)

    assert extracted.text == "อำนาจหน้าที่\nมีอำนาจหน้าที่ตามกฎกระทรวง"
    assert extracted.navigation_text == "ประกาศเว็บไซต์\nข้อความนอก main\nหน้าแรก\nลิขสิทธิ์"
    assert extracted.links == (Link("https://unit.example.go.th/", "หน้าแรก", navigation=True),)


def test_a_wrapper_with_a_menu_class_that_holds_the_page_title_stays_content() -> None:
    html = '<div class="menu-layout"><h1>ช่องทางการร้องเรียน</h1><p>โทร 1234</p></div><div class="menu">เมนู</div>'

    extracted = _extract(html)

    assert extracted.text == "ช่องทางการร้องเรียน\nโทร 1234"
    assert extracted.navigation_text == "เมนู"


@pytest.mark.parametrize(
    ("token", "inside_content", "expected"),
    [
        ("main-menu", False, True),
        ("mainMenu", False, True),
        ("topnav", False, True),
        ("navbar-nav", False, True),
        ("moduletable_menu", False, True),
        ("breadcrumbs", True, True),
        ("site-footer", False, True),
        ("entry-header", True, False),
        ("site-footer", True, False),
        ("has-sidebar", False, False),
        ("no-header", False, False),
        ("canvas", False, False),
        ("content", False, False),
        ("sidebar-right", False, True),
    ],
)
def test_navigation_tokens(token: str, inside_content: bool, expected: bool) -> None:
    assert is_navigation_token(token, inside_content=inside_content) is expected


def test_title_falls_back_to_the_first_h1_and_a_meta_refresh_is_a_link() -> None:
    html = '<head><meta http-equiv="Refresh" content="0; URL=\'/th/home\'"></head><body><h1>หน้าแรก</h1></body>'

    extracted = _extract(html)

    assert extracted.title == "หน้าแรก"
    assert extracted.links == (Link("https://unit.example.go.th/th/home", ""),)


def test_menu_links_are_deduplicated_content_links_kept_per_row_and_all_capped() -> None:
    # A menu repeated at the foot of the page is one menu; the same link in two rows of a table is two rows.
    menu = '<nav><a href="a.html">ก</a><a href="a.html#x">ก</a></nav>'
    rows = (
        '<table><tr><td>O1</td><td><a href="f.pdf">ดาวน์โหลด</a></td></tr>'
        '<tr><td>O2</td><td><a href="f.pdf">ดาวน์โหลด</a></td></tr></table>'
    )
    html = menu + rows + "".join(f'<a href="p{n}.html">{n}</a>' for n in range(10))

    extracted = _extract(html, config=ExtractConfig(max_links=5))

    assert [(link.url.rsplit("/", 1)[1], link.navigation) for link in extracted.links] == [
        ("a.html", True),
        ("f.pdf", False),
        ("f.pdf", False),
        ("p0.html", False),
        ("p1.html", False),
    ]
    assert extracted.problems == (Problem.TRUNCATED,)


def test_an_in_page_anchor_is_not_a_link_and_a_links_own_bootstrap_class_is_not_a_menu() -> None:
    html = (
        '<div class="accordion-body"><p>- หน้าที่ตามกฎกระทรวง</p>'
        '<a class="nav-link" href="/pdf/ita.1.1.pdf">คลิกดูรายละเอียดเพิ่มเติม</a>'
        '<a href="#top">ขึ้นด้านบน</a></div>'
    )

    extracted = _extract(html)

    assert extracted.links == (Link("https://unit.example.go.th/pdf/ita.1.1.pdf", "คลิกดูรายละเอียดเพิ่มเติม", line=1),)


def test_a_picture_button_right_under_a_heading_is_named_by_the_heading() -> None:
    # A sidebar box: its title, then a picture without alternative text that leads to the box's page.
    html = (
        "<div class='box'><h3>คู่มือประชาชน</h3><div><a href='/people.php'> <img src='p.jpg'></a></div></div>"
        "<h3>ภาพกิจกรรม</h3><p>ภาพล่าสุดของเดือน</p><a href='/gallery.php?id=1'><img src='a.jpg'></a>"
        "<h3>หน่วยงานที่เกี่ยวข้อง</h3><a href='/x.php'><img src='x.jpg'></a><a href='/y.php'><img src='y.jpg'></a>"
    )

    extracted = _extract(html)

    assert extracted.links == (
        Link("https://unit.example.go.th/people.php", "คู่มือประชาชน"),
        Link("https://unit.example.go.th/gallery.php?id=1", ""),  # text stands between: the heading is not its name
        Link("https://unit.example.go.th/x.php", "หน่วยงานที่เกี่ยวข้อง"),
        Link("https://unit.example.go.th/y.php", ""),  # only the first picture after the heading is its button
    )


def test_the_entries_of_a_drop_down_keep_the_label_they_unfold_from() -> None:
    html = (
        "<nav><ul class='menu'><li><a href='/'>หน้าแรก</a></li>"
        "<li class='dropdown'><a href='#' class='dropdown-toggle'>กฏระเบียบที่เกี่ยวข้อง <b class='caret'></b></a>"
        "<ul class='dropdown-menu'><li><a href='/acts.php'>พระราชบัญญัติ</a></li>"
        "<li><a href='/regs.php'>ระเบียบกระทรวงการคลัง</a></li></ul></li>"
        "<li><span>ข้อมูลพื้นฐาน</span><div class='mega'><ul><li><a href='/history.php'>ประวัติ</a></li></ul></div></li>"
        "</ul></nav><main><p>เนื้อหา</p></main>"
    )

    extracted = _extract(html)

    assert extracted.links == (
        Link("https://unit.example.go.th/", "หน้าแรก", navigation=True),
        Link("https://unit.example.go.th/acts.php", "พระราชบัญญัติ", navigation=True, group="กฏระเบียบที่เกี่ยวข้อง"),
        Link("https://unit.example.go.th/regs.php", "ระเบียบกระทรวงการคลัง", navigation=True, group="กฏระเบียบที่เกี่ยวข้อง"),
        Link("https://unit.example.go.th/history.php", "ประวัติ", navigation=True, group="ข้อมูลพื้นฐาน"),
    )


def test_a_content_link_that_leads_nowhere_is_kept_as_a_dead_end_with_its_line() -> None:
    html = (
        "<nav><ul><li class='dropdown'><a href='#' class='dropdown-toggle'>ข้อมูลพื้นฐาน</a>"
        "<ul><li><a href='/history.php'>ประวัติ</a></li></ul></li><li><a href='#'>แผนปฏิบัติงานประจำปี</a></li></ul></nav>"
        "<main><table><tr><td>O1</td><td>โครงสร้าง</td><td><a href='#'>ดาวน์โหลด</a></td></tr></table>"
        "<p><a href='javascript:void(0)'>รายงานประจำปี 2562</a></p><p><a href=''>ปีการศึกษา 2561</a></p>"
        "<p><a href='#' onclick='openPdf(1)'>คู่มือ</a> <a href='#top'>ขึ้นด้านบน</a> <a href='javascript:openWin()'>x</a>"
        " <a href='#' data-bs-toggle='modal'>แผนที่</a></p></main>"
    )

    extracted = _extract(html)

    assert extracted.text.splitlines() == [
        "O1 | โครงสร้าง | ดาวน์โหลด",
        "รายงานประจำปี 2562",
        "ปีการศึกษา 2561",
        "คู่มือ ขึ้นด้านบน x แผนที่",
    ]
    # The menu's "#" entry leads nowhere; its toggle, a script's button and an in-page anchor are no link at all.
    assert extracted.links == (
        Link("https://unit.example.go.th/history.php", "ประวัติ", navigation=True, group="ข้อมูลพื้นฐาน"),
        Link(DEAD_END, "แผนปฏิบัติงานประจำปี", navigation=True),
        Link(DEAD_END, "ดาวน์โหลด", line=0),
        Link(DEAD_END, "รายงานประจำปี 2562", line=1),
        Link(DEAD_END, "ปีการศึกษา 2561", line=2),
    )


def test_a_wrapper_whose_class_reads_like_a_menu_does_not_swallow_the_page() -> None:
    # Bootstrap's "navbar" around the whole page: without the markup's own nav, nothing here is navigation.
    paragraphs = "".join(f"<p>ข่าวประชาสัมพันธ์ฉบับที่ {n} ของศูนย์กำกับดูแลการจัดซื้อจัดจ้างภาครัฐ</p>" for n in range(12))
    html = f'<div class="navbar navbar-default" id="top"><div class="container"><h2>ข่าว</h2>{paragraphs}</div></div>'

    extracted = _extract(html)

    assert extracted.text.startswith("ข่าว\nข่าวประชาสัมพันธ์ฉบับที่ 0")
    assert extracted.navigation_text == ""


def test_the_breadcrumb_and_the_forms_of_a_page_are_kept() -> None:
    html = (
        '<ol class="breadcrumb"><li><a href="/">หน้าแรก</a></li><li><a href="/about">ข้อมูลพื้นฐาน</a></li>'
        "<li>อำนาจหน้าที่</li></ol>"
        '<form action="send.php"><input name="name"><textarea name="detail"></textarea><button>ส่ง</button></form>'
        '<form role="search"><input name="q"></form><form action="login.php"><input type="password" name="p"></form>'
        '<form action="#"><textarea></textarea></form>'
    )

    extracted = _extract(html)

    assert extracted.breadcrumb == ("หน้าแรก", "ข้อมูลพื้นฐาน", "อำนาจหน้าที่")
    assert extracted.forms == (
        Form(FormKind.MESSAGE, "https://unit.example.go.th/about/send.php"),
        Form(FormKind.SEARCH, PAGE_URL),
        Form(FormKind.LOGIN, "https://unit.example.go.th/about/login.php"),
        Form(FormKind.MESSAGE, ""),
    )


def test_text_is_cut_at_the_cap() -> None:
    extracted = _extract("<p>" + "ก" * 50 + "</p><p>ข</p>", config=ExtractConfig(max_text_chars=21))

    assert extracted.text == "ก" * 20
    assert extracted.problems == (Problem.TRUNCATED,)


def test_a_body_over_the_byte_cap_is_read_up_to_the_cap() -> None:
    extracted = _extract("<p>ข้อมูลต้น</p>" + "<p>x</p>" * 1000, config=ExtractConfig(max_html_bytes=60))

    assert extracted.text.startswith("ข้อมูลต้น\nx")
    assert Problem.TOO_LARGE in extracted.problems


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        pytest.param("<p>ต้น</p>" + "<div>" * 300_000 + "ลึก", Problem.TOO_DEEP, id="deep-divs"),
        pytest.param("<p>ต้น</p>" + '<a href="x">' * 100_000, Problem.TOO_DEEP, id="unclosed-links"),
        pytest.param("<p>ต้น</p><select>" + "<option>x" * 100_000 + "</select>", None, id="huge-select"),
        pytest.param("<p>ต้น</p>" + "<p>x" * 400_000, Problem.TRUNCATED, id="many-paragraphs"),
    ],
)
def test_hostile_pages_are_cut_where_they_turn_hostile(html: str, problem: Problem | None) -> None:
    extracted = _extract(html)

    assert extracted.text.startswith("ต้น")
    assert extracted.problems == ((problem,) if problem else ())


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=2000), charset=st.sampled_from([None, "utf-8", "tis-620", "iso-8859-1", "bogus"]))
def test_arbitrary_bytes_never_raise(body: bytes, charset: str | None) -> None:
    extracted = _extract(body, charset=charset)

    assert extracted.encoding is not None
    assert all(link.url.startswith(("http", "mailto:", "tel:")) for link in extracted.links)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("<div>", "</div>", "<a href='", "'>", "<table><tr><td>", "<base href='//x'>", "ก", "ำ", "\u200b"),
                *("<main>", "<nav>", "<p hidden>", "<img src=", "<h1>", "<select>", "<option>", "<!--", "-->"),
                *("<script>", "&#0;", "javascript:", "http://[::1", "\x00", "<meta charset=tis-620>"),
                "<frameset><frame src=f.html>",
            ]
        ),
        max_size=60,
    )
)
def test_arbitrary_markup_never_raises(parts: list[str]) -> None:
    extracted = _extract("".join(parts))

    assert "\u200b" not in extracted.text
