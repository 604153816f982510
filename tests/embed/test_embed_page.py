"""The chrome-less embed page: every item with its state and dates, links that leave the frame, framable headers."""

from typing import Any

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from .conftest import BODY_TH, UNIT_SITE, EmbedWorld

pytestmark = pytest.mark.django_db

CODES = [
    "5.1.1.1", "5.1.1.2", "5.1.1.3", "5.1.1.4", "5.1.1.5", "5.1.1.6", "5.1.2", "5.1.3", "5.1.4", "5.1.5", "5.1.6",
    "5.1.7.1", "5.1.7.2", "5.1.7.3", "5.1.8", "5.1.9", "5.1.10", "5.1.11",
]  # fmt: skip
STATES = {"5.1.1.1": "current", "5.1.3": "current", "5.1.7.3": "declared", "5.1.8": "overdue", "5.1.11": "current"}


def address(view: str, language: str = "th", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"portal:{view}", kwargs=kwargs)


def in_thai(msgid: str, **values: str) -> str:
    """Return a message as Thai readers get it (the Thai catalogue may still lack this branch's messages)."""
    with translation.override("th"):
        return gettext(msgid) % values if values else gettext(msgid)


def articles(html: str) -> dict[str, Any]:
    tree = lxml.html.fromstring(html)
    return {node.get("id").removeprefix("item-").replace("-", "."): node for node in tree.xpath("//article")}


def test_embed_page_lists_all_eighteen_items_with_their_states(world: EmbedWorld) -> None:
    response = Client().get(address("embed", slug="unit-0"))
    assert response.status_code == 200
    found = articles(response.content.decode())
    assert list(found) == CODES
    assert {code: node.get("class").split()[1].removeprefix("item-") for code, node in found.items()} == {
        code: STATES.get(code, "missing") for code in CODES
    }
    tree = lxml.html.fromstring(response.content)
    assert [h.text_content().split()[0] for h in tree.xpath("//section[@class='clause']/h2")] == [
        "5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.1.5", "5.1.6", "5.1.7", "5.1.8", "5.1.9", "5.1.10", "5.1.11",
    ]  # fmt: skip


def test_thai_page_gives_buddhist_era_as_of_dates(world: EmbedWorld) -> None:
    found = articles(Client().get(address("embed", slug="unit-0")).content.decode())
    as_of = {code: " ".join(n.xpath("string(.//span[@class='as-of'])").split()) for code, n in found.items()}
    assert as_of["5.1.1.1"] == in_thai("Information as of %(date)s", date="15 มีนาคม 2569")
    assert as_of["5.1.7.3"] == in_thai("Information as of %(date)s", date="15 มีนาคม 2569")
    assert as_of["5.1.8"] == in_thai("Information as of %(date)s", date="1 มิถุนายน 2567")
    assert as_of["5.1.2"] == ""


def test_english_page_gives_common_era_dates_and_english_text(world: EmbedWorld) -> None:
    response = Client().get(address("embed", "en", slug="unit-0"))
    found = articles(response.content.decode())
    assert (
        " ".join(found["5.1.3"].xpath("string(.//span[@class='as-of'])").split()) == "Information as of 15 March 2026"
    )
    assert " ".join(found["5.1.8"].xpath("string(.//span[@class='as-of'])").split()) == "Information as of 1 June 2024"
    assert found["5.1.3"].xpath("string(.//div[@class='body'])") == "Integrity statement"
    assert found["5.1.7.3"].xpath("string(.//p[@lang='en'])") == "No procurement this month"
    assert 'lang="en"' in response.content.decode()


def test_content_links_and_only_published_documents(world: EmbedWorld) -> None:
    html = Client().get(address("embed", slug="unit-0")).content.decode()
    first = articles(html)["5.1.1.1"]
    assert lxml.html.tostring(first.xpath(".//div[@class='body']")[0], encoding="unicode").strip() == (
        f'<div class="body" lang="th">{BODY_TH}</div>'
    )
    assert first.xpath(".//ul[@class='links']//a/@href") == [UNIT_SITE]
    expected = [address("document", slug="unit-0", pk=d.pk, name=d.original_name) for d in world.published_documents()]
    all_document_links = [h for h in lxml.html.fromstring(html).xpath("//a/@href") if "/documents/" in h]
    assert sorted(all_document_links) == sorted(expected)
    for pk in world.draft_document_ids:
        assert f"/documents/{pk}/" not in html


def test_no_portal_chrome_and_every_link_leaves_the_frame(world: EmbedWorld) -> None:
    html = Client().get(address("embed", slug="unit-0")).content.decode()
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//header|//nav|//footer|//form|//script") == []
    assert tree.xpath("//base/@target") == ["_top"]
    assert tree.xpath("//link[@rel='stylesheet']/@href") == ["/static/portal/embed.css"]
    source = tree.xpath("//p[@class='source']")[0]
    assert " ".join(source.text_content().split()) == (
        in_thai("Published through Prongsai, the department's transparency portal")
        + " — "
        + in_thai("see the full page")
    )
    assert source.xpath("a/@href") == [address("unit", slug="unit-0")]
    item_links = tree.xpath("//article//h3/a/@href")
    assert item_links == [address("item", slug="unit-0", code=code) for code in CODES]


def test_embed_may_be_framed_by_any_site(world: EmbedWorld) -> None:
    for attempt in ("rendered", "from the cache"):
        response = Client().get(address("embed", slug="unit-0"))
        assert response.status_code == 200, attempt
        assert "X-Frame-Options" not in response.headers, attempt
        policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
        assert policy["frame-ancestors"] == "*", attempt
        assert policy["script-src"].startswith("'self'"), attempt
        assert policy["object-src"] == "'none'", attempt


@pytest.mark.parametrize("name", ["unit", "share"])
def test_other_pages_stay_unframable(world: EmbedWorld, name: str) -> None:
    response = Client().get(address(name, slug="unit-0"))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_embed_page_query_count_is_fixed(world: EmbedWorld, django_assert_num_queries: Any) -> None:
    client = Client()
    # edition, organization, entries, documents, websites
    with django_assert_num_queries(5):
        assert client.get(address("embed", slug="unit-0")).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(address("embed", slug="unit-0")).status_code == 200


def test_unknown_unit_is_not_found(world: EmbedWorld) -> None:
    assert Client().get(address("embed", slug="nowhere")).status_code == 404
