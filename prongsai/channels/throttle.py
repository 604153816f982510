"""Limit tracking-code lookups per connection, so codes cannot be guessed by trying many.

The counter lives in Django's cache, not the database: a lookup is a read, and writing (and
auditing) a row for each one would let anyone grow the audit chain and the database at will.
With the default per-process cache each process counts on its own, so N processes allow N times
the limit; that still leaves guessing a 60-bit code hopeless, and PRONGSAI_CACHE_URL (Redis)
makes the count exact across processes and machines. The window is fixed (it starts at a
multiple of its length), which is enough to bound a guesser.
"""

import datetime as dt

from django.conf import settings
from django.core.cache import caches


def lookup_allowed(fingerprint: str, now: dt.datetime) -> bool:
    """Count one lookup for the connection; tell whether it is within the limit of the current window."""
    window = int(settings.PRONGSAI_CHANNEL_LOOKUP_WINDOW_SECONDS)
    slot = int(now.timestamp()) // window
    key = f"channels:lookups:{fingerprint}:{slot}"
    cache = caches[settings.PRONGSAI_PORTAL_CACHE]
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=window + 60)
        count = 1
    return count <= int(settings.PRONGSAI_CHANNEL_LOOKUPS_PER_WINDOW)
