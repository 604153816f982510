"""URLs: canonical form (Thai paths, session ids, fragments), site scope, trap rules; hypothesis for robustness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.monitoring.engine.urls import (
    ShapeCounter,
    TrapConfig,
    canonical_url,
    in_site_scope,
    is_public_suffix,
    site_base,
    trap_reason,
    url_shape,
)

NEWS = "%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7"  # ข่าว in UTF-8, percent-encoded


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("http://www.cgd.go.th/ข่าว", f"http://www.cgd.go.th/{NEWS}"),
        (f"http://www.cgd.go.th/{NEWS}", f"http://www.cgd.go.th/{NEWS}"),
        (f"http://www.cgd.go.th/{NEWS.lower()}", f"http://www.cgd.go.th/{NEWS}"),
        (
            "http://www.cgd.go.th/ข่าว/ประกาศ ๒๕๖๙.pdf",
            f"http://www.cgd.go.th/{NEWS}/"
            "%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8%20%E0%B9%92%E0%B9%95%E0%B9%96%E0%B9%99.pdf",
        ),
        ("HTTP://WWW.CGD.GO.TH:80/a?b=2&a=1#section", "http://www.cgd.go.th/a?a=1&b=2"),
        ("https://www.cgd.go.th:443/", "https://www.cgd.go.th/"),
        ("https://www.cgd.go.th:8443/", "https://www.cgd.go.th:8443/"),
        ("http://www.cgd.go.th", "http://www.cgd.go.th/"),
        ("http://www.cgd.go.th/a;jsessionid=0AF3?x=1", "http://www.cgd.go.th/a?x=1"),
        ("http://www.cgd.go.th/a?PHPSESSID=abc&x=1&sid=9&SessionId=4", "http://www.cgd.go.th/a?x=1"),
        ("http://www.cgd.go.th/a?utm_source=line&utm_medium=social&id=5", "http://www.cgd.go.th/a?id=5"),
        ("http://www.cgd.go.th/a/../b/./c", "http://www.cgd.go.th/b/c"),
        ("http://กรมบัญชีกลาง.go.th/", f"http://{'กรมบัญชีกลาง'.encode('idna').decode()}.go.th/"),
        ("http://www.cgd.go.th/search?q=แผน", "http://www.cgd.go.th/search?q=%E0%B9%81%E0%B8%9C%E0%B8%99"),
    ],
)
def test_canonical_form(raw: str, canonical: str) -> None:
    assert canonical_url(raw) == canonical


@pytest.mark.parametrize(
    "raw",
    [
        "mailto:saraban@cgd.go.th",
        "javascript:void(0)",
        "tel:021234567",
        "ftp://x.go.th/",
        "http://",
        "http://u:p@x.go.th/",
        "http://x.go.th:99999/",
        "",
        "   ",
        "data:text/html,hi",
    ],
)
def test_unusable_urls_have_no_canonical_form(raw: str) -> None:
    assert canonical_url(raw) is None


def test_relative_links_resolve_against_the_page() -> None:
    assert (
        canonical_url("../plan.pdf#page=2", base="http://x.go.th/oit/5-1-4/index.html") == "http://x.go.th/oit/plan.pdf"
    )
    assert canonical_url("//www.x.go.th/a", base="https://x.go.th/") == "https://www.x.go.th/a"


@pytest.mark.parametrize(
    ("url", "registered", "inside"),
    [
        ("http://www.cgd.go.th/a", "www.cgd.go.th", True),
        ("https://cgd.go.th/a", "www.cgd.go.th", True),
        ("http://www.cgd.go.th/a", "cgd.go.th", True),
        ("http://eservice.cgd.go.th/", "www.cgd.go.th", True),
        ("http://a.b.cgd.go.th/", "cgd.go.th", True),
        ("http://go.th/", "www.cgd.go.th", False),
        ("http://www.mof.go.th/", "www.cgd.go.th", False),
        ("http://notcgd.go.th/", "cgd.go.th", False),
        ("http://cgd.go.th.evil.com/", "cgd.go.th", False),
        ("http://mof.go.th/", "opm.mof.go.th", False),  # never widened to the parent ministry
        ("http://www.opm.mof.go.th/", "opm.mof.go.th", True),
        ("http://fpo.mof.go.th/", "opm.mof.go.th", False),  # a sibling unit is another site
        ("http://other.go.th/", "go.th", False),
        ("http://x.co.th/", "www.co.th", False),
        ("mailto:a@cgd.go.th", "cgd.go.th", False),
    ],
)
def test_site_scope(url: str, registered: str, inside: bool) -> None:
    assert in_site_scope(url, registered) is inside


def test_public_suffix_rule_for_two_level_thai_suffixes() -> None:
    suffixes = ("th", "go.th", "ac.th", "or.th", "co.th", "in.th")
    assert all(is_public_suffix(d) for d in suffixes)
    assert not any(is_public_suffix(d) for d in ("cgd.go.th", "example.com", "mof.go.th"))
    assert site_base("WWW.CGD.GO.TH.") == "cgd.go.th"
    assert site_base("www.go.th") == "go.th"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://x.go.th/" + "/".join(f"s{i}" for i in range(13)), "path_too_deep"),
        ("http://x.go.th/a?" + "&".join(f"p{i}=1" for i in range(9)), "too_many_query_parameters"),
        ("http://x.go.th/news/page/news/page/news/", "repeated_path_segment"),
        ("http://x.go.th/" + "a" * 2100, "url_too_long"),
        ("http://x.go.th/oit/5-1-7/2569/report.pdf", None),
    ],
)
def test_trap_reasons(url: str, reason: str | None) -> None:
    assert trap_reason(url, TrapConfig()) == reason


def test_a_calendar_family_shares_one_shape_and_is_capped() -> None:
    counter = ShapeCounter(limit=3)
    urls = [f"http://x.go.th/calendar?year=2569&month={m}" for m in range(1, 13)]
    assert len({url_shape(u) for u in urls}) == 1
    assert [counter.admit(u) for u in urls[:5]] == [True, True, True, False, False]
    assert counter.admit("http://x.go.th/news/ข่าว") is True


urls = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, path, query, frag: f"{scheme}://{host}/{path}?{query}#{frag}",
        st.sampled_from(["http", "https", "HTTP", "ftp", "javascript"]),
        st.sampled_from(["x.go.th", "WWW.X.GO.TH", "กรม.go.th", "[::1]", "127.0.0.1:8080", "x.go.th:0", "a..b", ""]),
        st.text(max_size=40),
        st.text(max_size=40),
        st.text(max_size=10),
    ),
)


@settings(max_examples=300, deadline=None)
@given(urls)
def test_canonicalisation_never_raises_and_is_idempotent(raw: str) -> None:
    canonical = canonical_url(raw)
    if canonical is not None:
        assert canonical_url(canonical) == canonical
        assert "#" not in canonical
        assert canonical.startswith(("http://", "https://"))
        assert canonical.isascii()


@settings(max_examples=200, deadline=None)
@given(urls, st.sampled_from(["www.cgd.go.th", "cgd.go.th", "go.th", "", "127.0.0.1", "x"]))
def test_scope_and_trap_checks_never_raise(raw: str, registered: str) -> None:
    inside = in_site_scope(raw, registered)
    assert isinstance(inside, bool)
    canonical = canonical_url(raw)
    if canonical is not None:
        assert in_site_scope(canonical, registered) is in_site_scope(canonical_url(canonical) or "", registered)
        trap_reason(canonical, TrapConfig())
