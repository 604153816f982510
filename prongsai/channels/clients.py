"""Identify a visitor's connection for rate limiting without keeping their address.

The address itself comes from `prongsai.clientaddress` (the one rule for every app); only an
HMAC of it (keyed with SECRET_KEY) is ever stored or used as a key here.
"""

import hashlib
import hmac

from django.conf import settings


def client_fingerprint(address: str) -> str:
    """Return the keyed hash of an address: equal for one address, useless to anyone without the key."""
    key = f"prongsai.channels.client:{settings.SECRET_KEY}".encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()
