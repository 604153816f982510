"""One rule for the client's address: REMOTE_ADDR, or the Nth entry from the right behind N trusted proxies."""

from typing import Any

import pytest
from django.test import RequestFactory

from prongsai.clientaddress import client_address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.1"),
        # No trusted proxy: a header the client wrote itself is ignored.
        (0, "203.0.113.9", "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        # The client may prepend anything; only what our proxy appended counts.
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9, 192.0.2.5", "203.0.113.9"),
        (1, " 2001:DB8::1 ", "2001:db8::1"),
        # Fewer entries than proxies, none at all, or garbage: the proxy's own address.
        (2, "203.0.113.9", "10.0.0.1"),
        (1, None, "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "unknown", "10.0.0.1"),
    ],
)
def test_client_address(settings: Any, proxies: int, forwarded: str | None, expected: str) -> None:
    settings.PRONGSAI_TRUSTED_PROXY_COUNT = proxies
    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **extra)
    assert client_address(request) == expected


def test_django_axes_reads_the_same_rule(settings: Any) -> None:
    from axes.helpers import get_client_ip_address

    settings.PRONGSAI_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert get_client_ip_address(request) == "203.0.113.9"
