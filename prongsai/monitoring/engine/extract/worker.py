"""An extraction worker process: read documents from stdin, answer with what was extracted on stdout.

Started by :class:`prongsai.monitoring.engine.extract.isolation.ExtractionPool` as
``python -m prongsai.monitoring.engine.extract.worker EXTRACTOR MEMORY_BYTES``. It loads the
extractor (``module:function``), caps its own address space at ``MEMORY_BYTES`` (0: no cap),
says ``ready`` and then serves one request at a time until stdin closes. The frames are
described in :mod:`.wire`.

A document that needs more memory than the cap gets an ``extraction_too_large`` answer and the
worker then exits, since a heap that hit its ceiling is no place to read the next file. Any
other failure simply kills the process; the pool notices and starts another.
"""

from __future__ import annotations

import importlib
import os
import resource
import sys
from collections.abc import Callable
from typing import BinaryIO

from prongsai.monitoring.engine.extract.dispatch import sniff_kind
from prongsai.monitoring.engine.extract.model import Document, ExtractConfig, Extracted, Problem
from prongsai.monitoring.engine.extract.wire import LENGTH, extracted_to_wire, frame, request_from_wire

Extractor = Callable[[Document, ExtractConfig], Extracted]

READY = b"ready"


def load_extractor(name: str) -> Extractor:
    """Return the function ``module:function`` names."""
    module_name, _, function_name = name.partition(":")
    function = getattr(importlib.import_module(module_name), function_name)
    if not callable(function):
        raise TypeError(f"{name} is not callable")
    extractor: Extractor = function
    return extractor


def _read_frame(stream: BinaryIO) -> bytes | None:
    """Return the next frame's payload, or None when the pool closed the pipe."""
    head = stream.read(LENGTH.size)
    if len(head) < LENGTH.size:
        return None
    (size,) = LENGTH.unpack(head)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return payload


def _quiet_mupdf() -> None:
    """Keep MuPDF's complaints about broken files off the output (the extractor reports them as problems)."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)  # type: ignore[no-untyped-call]
    pymupdf.TOOLS.mupdf_display_warnings(False)  # type: ignore[no-untyped-call]


def serve(extractor: Extractor, inbox: BinaryIO, outbox: BinaryIO) -> None:
    """Answer requests until the input closes or a document exhausts the memory cap."""
    outbox.write(frame(READY))
    outbox.flush()
    while True:
        head = _read_frame(inbox)
        body = _read_frame(inbox) if head is not None else None
        if head is None or body is None:
            return
        document, config = request_from_wire(head, body)
        del head, body
        try:
            extracted = extractor(document, config)
        except MemoryError:
            refused = Extracted(kind=sniff_kind(document), url=document.url, problems=(Problem.EXTRACTION_MEMORY,))
            outbox.write(frame(extracted_to_wire(refused)))
            outbox.flush()
            return
        outbox.write(frame(extracted_to_wire(extracted)))
        outbox.flush()


def main(argv: list[str]) -> int:
    """Set the worker up and serve; the exit status is 0 when the pool closed the pipe."""
    name, memory = argv[0], int(argv[1])
    # Frames go to a private copy of stdout; anything a library prints lands on stderr instead.
    outbox = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    extractor = load_extractor(name)
    _quiet_mupdf()
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    serve(extractor, sys.stdin.buffer, outbox)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
