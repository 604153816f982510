"""Cache public pages under the public edition and the day, and answer conditional requests.

A page is stored under (edition, date, language, address). Publishing bumps the edition in the
same transaction, so pages render afresh in every process once it has read the new edition (at
once in the publishing process, within PRONGSAI_PORTAL_EDITION_SECONDS in the others); the date
is part of the key because an item becomes overdue when its review day passes, without anyone
publishing.
Browsers and proxies may keep a page but must revalidate it (`no-cache` with an ETag); an
unchanged page then costs one small query and a 304.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from prongsai.publication.selectors import edition_token_recent

type View = Callable[..., HttpResponseBase]


def _page_key(request: HttpRequest, edition: str) -> tuple[str, str]:
    language = translation.get_language() or settings.LANGUAGE_CODE
    today = timezone.localdate().isoformat()
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    etag = f'"{edition}-{today}-{language}"'
    return f"portal:{edition}:{today}:{language}:{address}", etag


def public_page(view: View) -> View:
    """Serve a public GET page from the cache when the public edition has not moved since it was rendered."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key, etag = _page_key(request, edition_token_recent(max_age=settings.PRONGSAI_PORTAL_EDITION_SECONDS))
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response: HttpResponseBase = HttpResponseNotModified()
        else:
            cache = caches[settings.PRONGSAI_PORTAL_CACHE]
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content, headers=headers)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and isinstance(response, HttpResponse) and not response.cookies:
                    headers = dict(response.items())
                    cache.set(key, (response.content, headers), settings.PRONGSAI_PORTAL_CACHE_SECONDS)
        response["ETag"] = etag
        patch_cache_control(response, public=True, no_cache=True)
        return response

    return wrapper
