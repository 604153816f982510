"""The site map page, sitemap.xml, robots.txt and the three policy pages."""

import re
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import translation

from prongsai.checklists.models import ChecklistItem

from .conftest import NOW, ORDER, Portal

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def test_the_site_map_lists_every_unit_with_its_items(portal: Portal, client: Client) -> None:
    html = client.get("/th/sitemap/").content.decode()

    codes = list(
        ChecklistItem.objects.filter(checklist__is_active=True).order_by("position").values_list("code", flat=True)
    )
    assert len(codes) == 18
    for slug in ORDER:
        assert f'href="/th/units/{slug}/"' in html
        listed = re.findall(rf'href="/th/units/{slug}/items/([^/]+)/"', html)
        assert listed == codes
        assert f'href="/th/units/{slug}/opinions/new/"' in html
        assert f'href="/th/units/{slug}/complaints/new/"' in html
    headings = re.findall(r"<h3 id=\"map-unit-[^\"]+\"><a [^>]*>([^<]+)</a>", html)
    assert headings == ["สำนักงานปลัดกระทรวงการคลัง", "กองกฎหมาย", "กองบริหารการคลัง", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"]
    for name in ("website", "privacy", "accessibility"):
        assert f'href="/th/policies/{name}/"' in html
    assert 'href="/th/track/"' in html


def test_the_site_map_costs_a_fixed_number_of_queries(
    portal: Portal, client: Client, django_assert_num_queries: Any
) -> None:
    # The edition, the organizations and their entries; the same with more units.
    with django_assert_num_queries(3):
        client.get("/en/sitemap/")
    from prongsai.organizations.services import organization_create

    for index in range(3):
        organization_create(
            actor=None,
            kind="unit",
            parent=portal.department,
            slug=f"extra-{index}",
            name_th=f"กองที่ {index}",
            name_en=f"Division {index}",
        )
    with django_assert_num_queries(3):
        client.get("/th/sitemap/")


def test_sitemap_xml_lists_every_public_page_in_both_languages(
    portal: Portal, client: Client, django_assert_max_num_queries: Any
) -> None:
    portal.publish("fiscal", "5.1.2", body_th="<p>ข่าว</p>", now=NOW)

    # Units, items and open datasets: one query each.
    with django_assert_max_num_queries(3):
        response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    urls = root.findall("s:url", NS)
    locations = [urlsplit(url.findtext("s:loc", namespaces=NS) or "").path for url in urls]
    expected = {"/th/", "/en/", "/th/sitemap/", "/en/sitemap/"}
    expected |= {f"/{lang}/{page}/" for lang in ("th", "en") for page in ("opendata", "developers")}
    expected |= {
        f"/{lang}/policies/{name}/" for lang in ("th", "en") for name in ("website", "privacy", "accessibility")
    }
    expected |= {f"/{lang}/units/{slug}/" for lang in ("th", "en") for slug in ORDER}
    codes = ChecklistItem.objects.filter(checklist__is_active=True).values_list("code", flat=True)
    expected |= {f"/{lang}/units/{slug}/items/{code}/" for lang in ("th", "en") for slug in ORDER for code in codes}
    assert sorted(locations) == sorted(expected)
    for url in urls:
        alternates = {
            link.get("hreflang"): urlsplit(link.get("href") or "").path for link in url.findall("xhtml:link", NS)
        }
        path = urlsplit(url.findtext("s:loc", namespaces=NS) or "").path
        assert set(alternates) == {"th", "en"}
        assert alternates[path[1:3]] == path
        assert alternates["en"] == "/en/" + alternates["th"][4:]
    lastmods = {
        urlsplit(url.findtext("s:loc", namespaces=NS) or "").path: url.findtext("s:lastmod", namespaces=NS)
        for url in urls
    }
    assert lastmods["/th/units/fiscal/"] == "2026-03-16"
    assert lastmods["/en/units/fiscal/items/5.1.8/"] == "2026-03-16"  # the unit's last publication
    assert lastmods["/th/units/legal/"] is None
    for path in locations:
        assert client.get(path).status_code == 200, path


def test_robots_txt(client: Client, settings: Any) -> None:
    settings.PRONGSAI_SITE_URL = "https://prongsai.example.go.th/"

    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for path in ("/th/workspace/", "/en/workspace/", "/th/admin/", "/en/admin/"):
        assert f"Disallow: {path}" in lines
    assert lines[-1] == "Sitemap: https://prongsai.example.go.th/sitemap.xml"


@pytest.mark.parametrize(
    ("language", "name", "heading", "phrase"),
    [
        ("en", "website", "Website policy", "Copyright and reuse"),
        ("en", "privacy", "Privacy policy", "Personal Data Protection Act B.E. 2562 (2019)"),
        ("en", "accessibility", "Accessibility statement", "Statement made on 26 November 2026"),
        # In Thai the heading is the catalogue's translation and the date is in the Buddhist era.
        ("th", "website", "Website policy", "26 พฤศจิกายน 2569"),
        ("th", "privacy", "Privacy policy", "26 พฤศจิกายน 2569"),
        ("th", "accessibility", "Accessibility statement", "26 พฤศจิกายน 2569"),
    ],
)
def test_policy_pages(db: None, client: Client, language: str, name: str, heading: str, phrase: str) -> None:
    with translation.override(language):
        response = client.get(f"/{language}/policies/{name}/")
        heading = translation.gettext(heading)

    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r"<h1>(.*?)</h1>", html) == [heading]
    assert phrase in html
    assert '<nav class="crumbs"' in html
    assert f'<span aria-current="page">{heading}</span>' in html


def test_an_unknown_policy_is_not_found(db: None, client: Client) -> None:
    assert client.get("/th/policies/cookies/").status_code == 404
