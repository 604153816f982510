"""More units for the open-data pages' tests: enough datasets for two catalogue pages, and names that test Thai order.

`add_units(world)` adds three units to the world's department (tests/opendata/world.py) and syncs the
catalogue at LATER. Each new unit has published nothing, so it gets the two datasets every unit has
(register, channel statistics): 16 + 6 = 22 datasets, twenty on the catalogue's first page and two
on the second.

In Thai dictionary order (a leading vowel sorts after the consonant it precedes) the organizations are:
  สำนักงานปลัด (the department always first), กองกฎหมาย, กองทดสอบที่ 0, กองทดสอบที่ 1, กองเผยแพร่,
  ศูนย์เทคโนโลยีสารสนเทศ
so the first page ends with กองเผยแพร่'s two datasets and the second holds ศูนย์เทคโนโลยีสารสนเทศ's.
The department-wide register and channel statistics change (more units' rows), so their
metadata_modified becomes LATER; every other earlier dataset keeps SYNCED.
"""

import datetime as dt
import re
from html import unescape
from typing import Any

from prongsai.opendata.catalogue import catalogue_sync
from prongsai.organizations.models import Organization
from prongsai.organizations.services import organization_create

from ..publish.world import BANGKOK
from .world import OpendataWorld

LATER = dt.datetime(2026, 5, 1, 9, 0, tzinfo=BANGKOK)
EXTRA_UNITS = [
    ("legal", "กองกฎหมาย", "Legal Division"),
    ("publicity", "กองเผยแพร่", "Publicity Division"),
    ("ict", "ศูนย์เทคโนโลยีสารสนเทศ", "ICT Centre"),
]


def add_units(world: OpendataWorld, units: list[tuple[str, str, str]] | None = None) -> list[Organization]:
    """Add units (slug, Thai name, English name; EXTRA_UNITS by default) and sync the catalogue at LATER."""
    added = [
        organization_create(
            actor=None, kind="unit", parent=world.department, slug=slug, name_th=name_th, name_en=name_en
        )
        for slug, name_th, name_en in (EXTRA_UNITS if units is None else units)
    ]
    catalogue_sync(now=LATER)
    return added


# Reading the pages: our own markup, so plain patterns are enough.


def text_of(html: str) -> str:
    """Return the text of some HTML: tags removed (inline ones leave no space), entities decoded, spaces collapsed."""
    inline = re.sub(r"</?(?:a|span|code|abbr)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def main_of(response: Any) -> str:
    """Return the HTML of the page's <main> element."""
    page: str = response.content.decode()
    return page[page.index('<main id="main">') : page.index("</main>")]


def section_of(response: Any, heading_id: str) -> str:
    """Return the HTML of the <section> labelled by the heading with that id."""
    found = re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', main_of(response), re.S)
    assert found is not None, heading_id
    return found.group(0)


def definitions(html: str) -> list[tuple[str, str]]:
    """Return the (term, definition) pairs of the first definition list in the HTML, as text."""
    found = re.search(r"<dl[^>]*>(.*?)</dl>", html, re.S)
    assert found is not None
    return [
        (text_of(term), text_of(value))
        for term, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", found.group(1), re.S)
    ]


def listed_datasets(response: Any) -> list[tuple[str, str]]:
    """Return the catalogue page's datasets as (link, title), in the order shown."""
    return [
        (href, text_of(title))
        for href, title in re.findall(
            r'<li class="dataset">\s*<h2><a href="([^"]+)">(.*?)</a></h2>', main_of(response), re.S
        )
    ]


def links_of(html: str) -> list[tuple[str, str]]:
    """Return every link in the HTML as (href, text)."""
    return [
        (unescape(href), text_of(text)) for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    ]
