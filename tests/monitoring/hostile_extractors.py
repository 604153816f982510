"""Extractors that misbehave on cue, loaded by extraction workers in the isolation tests.

The worker process imports them by name (``tests.monitoring.hostile_extractors:by_url``), so what
a hostile file would do to a real parser is played here on demand, chosen by the document's URL:
``hang`` sleeps for good, ``crash`` kills the process, ``hog`` allocates without end, ``pid``
answers with the worker's process id as the title; anything else is extracted for real.
"""

from __future__ import annotations

import os
import signal
import time

from prongsai.monitoring.engine.extract import Document, ExtractConfig, Extracted, Kind, extract


def by_url(document: Document, config: ExtractConfig) -> Extracted:
    """Misbehave as the document's URL asks, or extract it normally."""
    if "hang" in document.url:
        time.sleep(3600)
    if "crash" in document.url:
        os.kill(os.getpid(), signal.SIGKILL)  # as a segfault or the OOM killer would end it, minus the core dump
    if "hog" in document.url:
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    if "pid" in document.url:
        return Extracted(kind=Kind.PDF, url=document.url, title=str(os.getpid()))
    return extract(document, config)
