"""Identify a visitor's connection for rate limiting without keeping their address.

The address comes from REMOTE_ADDR unless PRONGSAI_TRUSTED_PROXY_COUNT says how many reverse
proxies of ours append to X-Forwarded-For; then the entry that the outermost trusted proxy
appended is used. Anything left of it was written by the client and could be forged. Only an
HMAC of the address (keyed with SECRET_KEY) is ever stored or used as a key.
"""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """Return the client's address as our own proxies saw it (REMOTE_ADDR when none is trusted)."""
    trusted = int(settings.PRONGSAI_TRUSTED_PROXY_COUNT)
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if trusted <= 0:
        return remote
    hops = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(hops) < trusted:
        return remote
    return hops[-trusted]


def client_fingerprint(address: str) -> str:
    """Return the keyed hash of an address: equal for one address, useless to anyone without the key."""
    key = f"prongsai.channels.client:{settings.SECRET_KEY}".encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()
