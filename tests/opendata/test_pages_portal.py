"""The open data in the portal around it: navigation and footer, the unit page, the site map page, sitemap.xml."""

import re
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

from django.test import Client

from .pages_world import links_of, text_of
from .world import WORLD_NAMES, OpendataWorld

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def nav_links(html: str, label: str) -> list[tuple[str, str]]:
    found = re.search(rf'<nav[^>]*aria-label="{label}"[^>]*>(.*?)</nav>', html, re.S)
    assert found is not None, label
    return links_of(found.group(1))


def test_every_public_page_links_to_the_open_data_and_the_guide(world: OpendataWorld) -> None:
    thai = Client().get("/th/").content.decode()
    english = Client().get("/en/units/unit-1/").content.decode()

    assert nav_links(thai, "เมนูหลัก")[-3:] == [
        ("/th/opendata/", "ข้อมูลเปิด"),
        ("/th/developers/", "สำหรับนักพัฒนา"),
        ("/th/sitemap/", "แผนผังเว็บไซต์"),
    ]
    assert nav_links(english, "Main")[-3:] == [
        ("/en/opendata/", "Open data"),
        ("/en/developers/", "Developers"),
        ("/en/sitemap/", "Site map"),
    ]
    footer = re.search(r'<footer class="site-footer">.*?</footer>', thai, re.S).group(0)
    assert [link for link in links_of(footer) if "opendata" in link[0] or "developers" in link[0]] == [
        ("/th/opendata/", "ข้อมูลเปิด"),
        ("/th/developers/", "สำหรับนักพัฒนา"),
    ]


def test_a_unit_page_links_to_its_datasets(world: OpendataWorld) -> None:
    thai = Client().get("/th/units/unit-0/").content.decode()
    english = Client().get("/en/units/unit-0/").content.decode()

    assert ("/th/opendata/?organization=unit-0", "ชุดข้อมูลเปิดของหน่วยงานนี้") in links_of(thai)
    assert ("/en/opendata/?organization=unit-0", "Open datasets of this organization") in links_of(english)
    listed = Client().get("/th/opendata/", {"organization": "unit-0"}).content.decode()
    assert len(re.findall(r'<li class="dataset">', listed)) == 7


def test_the_site_map_page_lists_the_open_data(world: OpendataWorld) -> None:
    html = Client().get("/th/sitemap/").content.decode()

    assert ("/th/opendata/", "ข้อมูลเปิด") in links_of(html)
    assert ("/th/developers/", "ข้อมูลเปิดสำหรับนักพัฒนา") in links_of(html)
    for slug in ("ops", "unit-0", "unit-1"):
        assert (f"/th/opendata/?organization={slug}", "ชุดข้อมูลเปิด") in links_of(html)
    assert "ชุดข้อมูลเปิด" in text_of(html)


def test_sitemap_xml_lists_the_catalogue_the_guide_and_every_dataset_page(
    world: OpendataWorld, django_assert_max_num_queries: Any
) -> None:
    # The units' section, the items' section and the datasets' section: one query each.
    with django_assert_max_num_queries(3):
        response = Client().get("/sitemap.xml")

    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = {
        urlsplit(url.findtext("s:loc", namespaces=NS) or "").path: (
            url.findtext("s:lastmod", namespaces=NS),
            {link.get("hreflang"): urlsplit(link.get("href") or "").path for link in url.findall("xhtml:link", NS)},
        )
        for url in root.findall("s:url", NS)
    }
    for language in ("th", "en"):
        for page in ("opendata", "developers"):
            assert entries[f"/{language}/{page}/"][1] == {"th": f"/th/{page}/", "en": f"/en/{page}/"}
    datasets = sorted(path for path in entries if re.fullmatch(r"/(th|en)/opendata/[a-z0-9-]+/", path))
    assert datasets == sorted(f"/{language}/opendata/{name}/" for language in ("th", "en") for name in WORLD_NAMES)
    assert entries["/th/opendata/unit-0-register/"] == (
        "2026-04-11",
        {"th": "/th/opendata/unit-0-register/", "en": "/en/opendata/unit-0-register/"},
    )
    for path in ["/th/opendata/", "/en/developers/", *datasets[:3]]:
        assert Client().get(path).status_code == 200, path
