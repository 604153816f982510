"""On-commit callbacks as the tests of each app see them.

Every change that reaches the public (a publication, an opinion or complaint, a finished website
check) also leaves the open-data catalogue's sync for the commit (prongsai/opendata/catalogue.py);
tests that count an app's own callbacks (a mail, a task) look past it.
"""

from collections.abc import Callable, Sequence
from typing import Any

from prongsai.opendata.catalogue import catalogue_sync_pending


def app_callbacks(callbacks: Sequence[Callable[[], Any]]) -> list[Callable[[], Any]]:
    """Return the callbacks other than the open-data catalogue's sync."""
    return [callback for callback in callbacks if callback is not catalogue_sync_pending]
