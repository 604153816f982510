"""The link badge: counts and colour by state, well-formed accessible SVG, escaped text, strict headers."""

from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from prongsai.checklists.models import ChecklistItem
from prongsai.disclosures.models import Entry
from prongsai.organizations.models import Organization
from prongsai.portal.embedding import BADGE_COLOURS, BadgeTone, badge_for, badge_svg, badge_tone
from prongsai.portal.selectors import PublicClause, PublicItem, PublicState, PublicUnitPage

from .conftest import EmbedWorld

SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(data: str | bytes) -> ElementTree.Element:
    """Parse a badge (our own output, so the standard parser is safe) and check it is well-formed XML."""
    return ElementTree.fromstring(data)  # noqa: S314


def badge_address(language: str = "th", slug: str = "unit-0") -> str:
    with translation.override(language):
        return reverse("portal:badge", kwargs={"slug": slug})


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def fake_page(states: list[PublicState], name_th: str = "กองทดสอบ", name_en: str = "Test division") -> PublicUnitPage:
    organization = Organization(slug="x", name_th=name_th, name_en=name_en)
    items = [PublicItem(ChecklistItem(code=f"X.{n}"), Entry(), None, state) for n, state in enumerate(states, start=1)]
    clause = PublicClause(clause=None, items=items)
    return PublicUnitPage(organization, [], [clause])


@pytest.mark.parametrize(
    ("counts", "tone"),
    [
        ({PublicState.CURRENT: 18}, BadgeTone.CURRENT),
        ({PublicState.CURRENT: 10, PublicState.DECLARED: 8}, BadgeTone.CURRENT),
        ({PublicState.CURRENT: 17, PublicState.OVERDUE: 1}, BadgeTone.OVERDUE),
        ({PublicState.CURRENT: 16, PublicState.OVERDUE: 1, PublicState.MISSING: 1}, BadgeTone.MISSING),
        ({PublicState.MISSING: 18}, BadgeTone.MISSING),
    ],
)
def test_the_worst_state_sets_the_tone(counts: dict[PublicState, int], tone: BadgeTone) -> None:
    assert badge_tone(counts) is tone


@pytest.mark.parametrize("part", ["label", *BadgeTone])
def test_every_colour_pair_meets_aa_contrast(part: str) -> None:
    background, text = BADGE_COLOURS[part]
    assert contrast(text, background) >= 4.5


@pytest.mark.parametrize(
    ("states", "language", "message", "fill"),
    [
        ([PublicState.CURRENT] * 16 + [PublicState.DECLARED] * 2, "en", "18 of 18 items published", "#0f5a36"),
        ([PublicState.CURRENT] * 17 + [PublicState.OVERDUE], "en", "18 of 18 items published", "#8a4a00"),
        ([PublicState.CURRENT] * 16 + [PublicState.MISSING] * 2, "en", "16 of 18 items published", "#9c1519"),
        ([PublicState.CURRENT] * 16 + [PublicState.MISSING] * 2, "th", "16 of 18 items published", "#9c1519"),
    ],
)
def test_badge_counts_and_colour(states: list[PublicState], language: str, message: str, fill: str) -> None:
    with translation.override(language):
        svg = badge_svg(badge_for(fake_page(states)))
        expected_message = gettext("%(published)s of %(total)s items published") % {
            "published": message.split()[0],
            "total": "18",
        }
    root = parse_svg(svg)
    texts = [node.text for node in root.iter(f"{SVG}text")]
    assert texts == [gettext_in(language, "Prongsai"), expected_message]
    assert [rect.get("fill") for rect in root.iter(f"{SVG}rect")] == [fill]
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == root.get("aria-label")


def gettext_in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def test_english_badge_reads_in_full() -> None:
    with translation.override("en"):
        badge = badge_for(fake_page([PublicState.CURRENT] * 16 + [PublicState.OVERDUE] + [PublicState.MISSING]))
    assert (badge.label, badge.message) == ("Prongsai", "17 of 18 items published")
    assert badge.title == "Prongsai · 17 of 18 items published (1 not yet published) — Test division"


def test_names_are_escaped_in_the_svg() -> None:
    with translation.override("en"):
        svg = badge_svg(badge_for(fake_page([PublicState.CURRENT], name_en='<script>alert("x")</script> & Co')))
    root = parse_svg(svg)
    assert "<script" not in svg
    assert root.find(f"{SVG}title").text == (
        'Prongsai · 1 of 1 items published (all current) — <script>alert("x")</script> & Co'
    )
    assert list(root.iter(f"{SVG}script")) == []


@pytest.mark.django_db
def test_badge_view_serves_svg_with_a_script_free_policy(world: EmbedWorld, django_assert_num_queries: Any) -> None:
    client = Client()
    with django_assert_num_queries(5):
        response = client.get(badge_address("en"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Security-Policy"] == "default-src 'none'; script-src 'none'; frame-ancestors 'none'"
    root = parse_svg(response.content)
    assert [node.text for node in root.iter(f"{SVG}text")] == ["Prongsai", "5 of 18 items published"]
    assert [rect.get("fill") for rect in root.iter(f"{SVG}rect")] == ["#9c1519"]
    with django_assert_num_queries(1):
        cached = client.get(badge_address("en"))
    assert cached.content == response.content
    assert cached["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert cached["Content-Security-Policy"] == response["Content-Security-Policy"]


@pytest.mark.django_db
def test_thai_badge_counts_the_same_items(world: EmbedWorld) -> None:
    root = parse_svg(Client().get(badge_address("th")).content)
    expected = gettext_in("th", "%(published)s of %(total)s items published") % {"published": 5, "total": 18}
    assert [node.text for node in root.iter(f"{SVG}text")][1] == expected
    assert "5" in expected
    assert "18" in expected
