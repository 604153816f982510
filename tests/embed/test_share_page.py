"""The share page: absolute, escaped snippets for the frame and the badge, item addresses, the export link."""

from typing import Any

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from prongsai.organizations.models import Organization

from .conftest import EmbedWorld
from .test_embed_page import CODES

pytestmark = pytest.mark.django_db


def address(view: str, language: str = "th", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"portal:{view}", kwargs=kwargs)


def snippets(html: str) -> list[str]:
    return [code.text_content() for code in lxml.html.fromstring(html).xpath("//pre/code")]


def test_snippets_carry_absolute_addresses_of_this_host(world: EmbedWorld) -> None:
    response = Client(HTTP_HOST="localhost").get(address("share", slug="unit-0"))
    assert response.status_code == 200
    iframe, badge = snippets(response.content.decode())
    frame = lxml.html.fragment_fromstring(iframe)
    assert frame.tag == "iframe"
    assert frame.get("src") == "http://localhost/th/units/unit-0/embed/"
    assert frame.get("title")
    link = lxml.html.fragment_fromstring(badge)
    assert link.get("href") == "http://localhost/th/units/unit-0/"
    image = link.find("img")
    assert image.get("src") == "http://localhost/th/units/unit-0/badge.svg"
    assert "กองทดสอบที่ 0" in image.get("alt")


def test_snippets_are_escaped_once_for_the_snippet_and_once_for_the_page(world: EmbedWorld) -> None:
    Organization.objects.filter(pk=world.unit_id).update(name_th='กอง <b>"ทดสอบ"</b> & ศูนย์')
    html = Client().get(address("share", slug="unit-0")).content.decode()
    assert '<b>"ทดสอบ"</b>' not in html
    iframe, badge = snippets(html)
    # Copied text is valid HTML whose attribute holds the name as text, not markup.
    assert "&lt;b&gt;&quot;ทดสอบ&quot;&lt;/b&gt; &amp; ศูนย์" in iframe
    assert lxml.html.fragment_fromstring(iframe).get("title").startswith('กอง <b>"ทดสอบ"</b> & ศูนย์')
    assert lxml.html.fragment_fromstring(badge).find("img").get("alt").startswith('กอง <b>"ทดสอบ"</b> & ศูนย์')
    # On the page itself the snippet is shown as text: its tags are escaped a second time.
    assert "<pre><code>&lt;iframe src=&quot;http://testserver/th/units/unit-0/embed/&quot;" in html
    assert "&amp;lt;b&amp;gt;" in html
    preview = lxml.html.fromstring(html).xpath("//p[@class='badge-preview']/a/img/@src")
    assert preview == ["http://testserver/th/units/unit-0/badge.svg"]


def test_share_page_lists_every_item_address_and_the_export(world: EmbedWorld) -> None:
    tree = lxml.html.fromstring(Client().get(address("share", "en", slug="unit-0")).content)
    rows = tree.xpath("//section[@aria-labelledby='share-items']//tbody/tr")
    assert [row.xpath("string(td/a/@href)") for row in rows] == [
        f"http://testserver/en/units/unit-0/items/{code}/" for code in CODES
    ]
    assert tree.xpath("//section[@aria-labelledby='share-export']//a/@href") == [
        "http://testserver/en/units/unit-0/export.zip"
    ]


def test_unit_page_links_to_the_share_page(world: EmbedWorld) -> None:
    tree = lxml.html.fromstring(Client().get(address("unit", slug="unit-0")).content)
    assert address("share", slug="unit-0") in tree.xpath("//ul[@class='actions']/li/a/@href")


def test_share_page_query_count_is_fixed(world: EmbedWorld, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(4):  # organization, entries, documents, websites
        assert Client().get(address("share", slug="unit-0")).status_code == 200
