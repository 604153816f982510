"""Fuzz every operation of the OpenAPI description with schemathesis: no request gets a 5xx.

The world (tests/opendata/world.py) is loaded, and the description is read from the site itself
(/api/openapi.json), so its examples are the world's datasets and the first requests hit real data.
Every case is checked for a server error; a case schemathesis generated to be valid is also checked
against the description (its status, content type and body schema): what the description promises
for a valid request holds, while an invalid request need only be refused without a 5xx.

Each operation runs schemathesis's three phases: the description's examples, the coverage cases (every
parameter's boundaries and every kind of wrong value, valid and invalid) and ~25 generated cases.
Deterministic: a fixed seed, Hypothesis derandomized, no example database, no deadline.
schemathesis does not fuzz the address it read the description from: test_openapi.py checks that one.
"""

import sys
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .fuzz_world import SiteWSGIHandler, node_id_as_schemathesis_reads_it, site_application
from .world import OpendataWorld

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 13,
        "generation": {"mode": "all", "deterministic": True},
        # Methods the description does not list are the hostile-input test's (test_fuzz_hostile.py).
        "phases": {"coverage": {"unexpected-methods": []}},
        "cache": {"enabled": False},
    }
)
SERVER_ERRORS = [not_a_server_error]
CONFORMANCE = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def application(world: OpendataWorld, monkeypatch: pytest.MonkeyPatch) -> Iterator[SiteWSGIHandler]:
    # schemathesis's WSGI transport tries `import flask` on every request; flask is not installed, and
    # a failed import is not remembered, so each request would search the whole path again (~10 ms).
    # None in sys.modules makes the import fail at once.
    monkeypatch.setitem(sys.modules, "flask", None)
    with site_application() as app:
        yield app


@pytest.fixture
def api_schema(application: SiteWSGIHandler) -> Any:
    return schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


# The unversioned addresses (/api/action/<name>) are the same view as /api/3/action/<name> (test_openapi.py
# resolves both): fuzzing them again would double the run and find nothing new.
schema = schemathesis.pytest.from_fixture("api_schema").exclude(path_regex="^/api/action/")


@pytest.mark.usefixtures(node_id_as_schemathesis_reads_it.__name__)
@schema.parametrize()
@hypothesis.settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    # No `reuse` (there is no example database) and no `target`/`explain` (they add runs, not cases).
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_a_server_error(case: schemathesis.Case[Any]) -> None:
    response = case.call()
    meta = case.meta
    negative = meta is None or meta.generation.mode.is_negative
    case.validate_response(response, checks=SERVER_ERRORS if negative else CONFORMANCE)
