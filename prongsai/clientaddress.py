"""The one rule for a visitor's network address, used by sign-in lockout, the audit trail and the channels.

The address comes from REMOTE_ADDR unless PRONGSAI_TRUSTED_PROXY_COUNT says how many reverse
proxies of ours append to X-Forwarded-For; then it is the entry the outermost trusted proxy
appended, the Nth from the right. Anything left of it was written by the client and could be
forged, so it is never read. With no trusted proxy the header is ignored altogether.

This module sits below every app (it imports nothing of Prongsai) so that every app may use it.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """Return the client's address as our own proxies saw it (REMOTE_ADDR when none is trusted).

    A header shorter than the configured proxy chain, or an entry that is not an IP address (a
    misconfigured proxy), falls back to REMOTE_ADDR: the proxy's own address is shared by
    everyone, which errs on the side of counting too much together, never on trusting the client.
    """
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    trusted = int(settings.PRONGSAI_TRUSTED_PROXY_COUNT)
    if trusted <= 0:
        return remote
    hops = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(hops) < trusted:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-trusted]))
    except ValueError:
        return remote
