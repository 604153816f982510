"""What the fuzzing tests run the site in: Django's WSGI application as its test client runs it.

schemathesis sends its requests through a WSGI application (werkzeug's test client), in this process
and this test's database transaction, so the world the test built is what the views read.
`site_application()` is Django's WSGI handler with the two things Django's own test client changes:
- the database connection is not closed at the start and end of each request (closing it would end
  the test's transaction, and with it the world);
- CSRF is not enforced, as for every request of the test client: the API's views are exempt from it
  (the ckanapi tests, through a real server, prove that), and the downloads, OCDS, DCAT and the
  description answer GET only.
Everything else (middleware, URL resolution, the 404 and 500 handlers) is the site's.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpRequest, HttpResponseBase


class SiteWSGIHandler(WSGIHandler):
    """Django's WSGI handler that does not enforce CSRF (like django.test.Client)."""

    def get_response(self, request: HttpRequest) -> HttpResponseBase:
        request._dont_enforce_csrf_checks = True
        return super().get_response(request)


@contextmanager
def site_application() -> Iterator[SiteWSGIHandler]:
    """Yield the site as a WSGI application that keeps the test's database connection open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield SiteWSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def node_id_as_schemathesis_reads_it(request: pytest.FixtureRequest) -> None:
    """Give the test's node the `_nodeid` schemathesis 4.32's fixture-loaded schemas read and write.

    pytest 9 keeps a node's id in `_id`; without this, `schemathesis.pytest.from_fixture` fails before
    its first request with "'Function' object has no attribute '_nodeid'".
    """
    request.node._nodeid = request.node.nodeid
