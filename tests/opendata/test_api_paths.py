"""The API's addresses without an action name answer in the envelope, never with a redirect."""

import json
from typing import Any

import pytest
from django.test import Client


@pytest.mark.parametrize("path", ["/api/3/action", "/api/action", "/api/3/action/", "/api/action/"])
def test_an_address_without_an_action_is_a_bad_request_not_a_redirect(db: Any, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 400
    body = json.loads(response.content)
    assert (body["success"], body["error"]["__type"]) == (False, "Bad Request")
