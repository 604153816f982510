"""Read documents in worker processes that a hostile file can hang, crash or bloat without harm.

PyMuPDF, python-docx and openpyxl are large parsers written for trusted files. A crafted PDF can
send MuPDF into a loop, a DOCX can make lxml allocate without end, a C library can crash. The
pool therefore reads PDF, DOCX and XLSX bodies in a few persistent worker processes
(:mod:`.worker`), each with its address space capped (``RLIMIT_AS``) and each document with a
wall-time limit. A worker that overruns the limit is killed, one that dies is noticed, and either
is replaced on the next request; the document is answered with a problem
(``extraction_timeout``, ``extraction_too_large``, ``extraction_crashed``) instead of text, and
the crawl goes on. HTML stays in the crawler's process: it is parsed by Lexbor with depth and node
caps already, and the round trip would cost more than the parse.

The pool is pure asyncio (no threads, no Django): workers are ``asyncio`` subprocesses talking
length-prefixed frames over their pipes. Workers start on first use, so a site without
documents never pays for them.
"""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass, field
from types import TracebackType
from typing import Final, Self

from prongsai.monitoring.engine.extract.dispatch import extract, sniff_kind
from prongsai.monitoring.engine.extract.model import Document, ExtractConfig, Extracted, Kind, Problem
from prongsai.monitoring.engine.extract.wire import LENGTH, WireError, extracted_from_wire, frame, request_to_wire

__all__ = ["DEFAULT_EXTRACTOR", "ExtractionPool", "ExtractionPoolError", "IsolationConfig", "PoolFigures"]

DEFAULT_EXTRACTOR: Final = "prongsai.monitoring.engine.extract.dispatch:extract"
_WORKER_MODULE: Final = "prongsai.monitoring.engine.extract.worker"
_ISOLATED: Final = frozenset({Kind.PDF, Kind.DOCX, Kind.XLSX})
_ZIP_MAGIC: Final = b"PK\x03\x04"
_PIPE_PIECE: Final = 256 * 1024


@dataclass(frozen=True)
class IsolationConfig:
    """How documents are read out of process.

    ``workers`` (2) processes at most; ``timeout_seconds`` (30 s) of wall time per document,
    the wait for a free worker not included; ``memory_bytes`` (1 GiB) of address space per
    worker, of which the interpreter and the libraries take about 130 MiB; a worker is
    replaced after ``max_documents_per_worker`` (500) documents, so slow leaks in the C
    libraries cannot build up; ``start_timeout_seconds`` (30 s) for a worker to load.
    ``document_extractor`` names the function the workers call (``module:function``), so tests
    can inject a hostile one; ``max_reply_bytes`` (256 MiB) bounds what a worker may send back.
    """

    workers: int = 2
    timeout_seconds: float = 30.0
    memory_bytes: int = 1024 * 1024 * 1024
    max_documents_per_worker: int = 500
    start_timeout_seconds: float = 30.0
    document_extractor: str = DEFAULT_EXTRACTOR
    max_reply_bytes: int = 256 * 1024 * 1024


@dataclass
class PoolFigures:
    """What a pool did: documents read in workers, and how many ended badly, by kind."""

    documents: int = 0
    timeouts: int = 0
    memory: int = 0
    crashes: int = 0
    started: int = 0
    recycled: int = 0
    by_problem: dict[str, int] = field(default_factory=dict)
    peak_worker_rss_kib: int = 0
    """The largest resident set any worker reached (Linux ``VmHWM``; 0 where it cannot be read)."""


def _peak_rss_kib(pid: int) -> int:
    """Return a live process's peak resident set in KiB, or 0 when the system does not say.

    Read from the process itself: ``getrusage`` of a child would start from this process's own
    peak, which the child inherits across the fork that started it.
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return 0


class ExtractionPoolError(RuntimeError):
    """A worker process could not be started at all: a broken installation, not a hostile file."""


class _Worker:
    """One worker process and the documents it has read."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.documents = 0

    async def call(self, document: Document, config: ExtractConfig, max_reply: int) -> Extracted:
        """Send one document and return the worker's answer."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None
        assert stdout is not None
        head, body = request_to_wire(document, config)
        stdin.write(frame(head))
        stdin.write(LENGTH.pack(len(body)))
        # In pieces, waiting for the pipe each time: one write of a 20 MB body would copy it all
        # into the transport's buffer first.
        view = memoryview(body)
        for start in range(0, len(view), _PIPE_PIECE):
            stdin.write(view[start : start + _PIPE_PIECE])
            await stdin.drain()
        await stdin.drain()
        (size,) = LENGTH.unpack(await stdout.readexactly(LENGTH.size))
        if size > max_reply:
            raise WireError(f"a reply of {size} bytes is over the limit")
        self.documents += 1
        return extracted_from_wire(await stdout.readexactly(size))

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()


class ExtractionPool:
    """A few persistent extraction workers; ``async with ExtractionPool(config) as pool:``, then ``pool.extract``.

    One pool serves any number of concurrent site checks. Its queue holds one token per worker
    slot: an idle worker, or ``None`` for a slot whose worker is yet to be started. The queue is
    last-in first-out, so an idle worker is reused before another is started.
    """

    def __init__(self, config: IsolationConfig | None = None) -> None:
        """Prepare the pool; no process starts before the first document."""
        self.config = config or IsolationConfig()
        self._slots: asyncio.LifoQueue[_Worker | None] = asyncio.LifoQueue()
        for _ in range(max(1, self.config.workers)):
            self._slots.put_nowait(None)
        self._live: set[_Worker] = set()
        self._ending: dict[asyncio.Task[int], _Worker] = {}
        self.figures = PoolFigures()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    async def extract(self, document: Document, config: ExtractConfig) -> Extracted:
        """Return what ``document`` holds; PDF, DOCX and XLSX are read in a worker, the rest here.

        Never raises for a hostile document: a timeout, a worker out of memory or a dead worker
        comes back as an :class:`Extracted` with that problem and no text.
        """
        if not self._isolated(document, config):
            return extract(document, config)
        worker = await self._acquire()
        done = False
        problem: Problem | None = None
        try:
            async with asyncio.timeout(self.config.timeout_seconds):
                extracted = await worker.call(document, config, self.config.max_reply_bytes)
            done = True
        except TimeoutError:
            problem = Problem.EXTRACTION_TIMEOUT
        except (asyncio.IncompleteReadError, ConnectionError, WireError):
            problem = Problem.EXTRACTION_CRASHED
        finally:
            # A worker interrupted mid-document (a timeout, a crash, or our caller cancelled) is
            # in an unknown state: it is never reused.
            if done and Problem.EXTRACTION_MEMORY not in extracted.problems:
                self._release(worker)
            else:
                self._discard(worker)
        self.figures.documents += 1
        if problem is not None:
            return self._failed(document, problem)
        if Problem.EXTRACTION_MEMORY in extracted.problems:
            self.figures.memory += 1
            self._count(Problem.EXTRACTION_MEMORY)
        return extracted

    def _isolated(self, document: Document, config: ExtractConfig) -> bool:
        """Say whether ``document`` goes to a worker: a document format, small enough to be opened at all."""
        if len(document.body) > config.max_document_bytes:
            return False  # refused unopened by the extractors' own size cap; no need to ship it
        return sniff_kind(document) in _ISOLATED or document.body.startswith(_ZIP_MAGIC)

    def _failed(self, document: Document, problem: Problem) -> Extracted:
        if problem is Problem.EXTRACTION_TIMEOUT:
            self.figures.timeouts += 1
        else:
            self.figures.crashes += 1
        self._count(problem)
        return Extracted(kind=sniff_kind(document), url=document.url, problems=(problem,))

    def _count(self, problem: Problem) -> None:
        self.figures.by_problem[str(problem)] = self.figures.by_problem.get(str(problem), 0) + 1

    async def _acquire(self) -> _Worker:
        """Take an idle worker, or start one in a free slot."""
        token = await self._slots.get()
        if token is not None:
            return token
        try:
            return await self._start()
        except BaseException:
            self._slots.put_nowait(None)
            raise

    async def _start(self) -> _Worker:
        """Start a worker and wait until it has loaded its libraries."""
        environment = dict(os.environ)
        # The worker imports what this process can import (an injected extractor included).
        environment["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", _WORKER_MODULE, self.config.document_extractor, str(self.config.memory_bytes),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=environment,
        )  # fmt: skip
        worker = _Worker(process)
        self._live.add(worker)
        assert process.stdout is not None
        try:
            async with asyncio.timeout(self.config.start_timeout_seconds):
                (size,) = LENGTH.unpack(await process.stdout.readexactly(LENGTH.size))
                ready = await process.stdout.readexactly(min(size, 64))
        except (TimeoutError, asyncio.IncompleteReadError) as exc:
            self._end(worker)
            raise ExtractionPoolError(
                f"the extraction worker did not start ({self.config.document_extractor})"
            ) from exc
        except BaseException:
            self._end(worker)
            raise
        if ready != b"ready":
            self._end(worker)
            raise ExtractionPoolError(f"the extraction worker said {ready!r} instead of ready")
        self.figures.started += 1
        return worker

    def _release(self, worker: _Worker) -> None:
        """Put a worker back, or retire it once it has read its share of documents."""
        if worker.documents >= self.config.max_documents_per_worker:
            self.figures.recycled += 1
            self._end(worker, gently=True)
            self._slots.put_nowait(None)
        else:
            self._slots.put_nowait(worker)

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker that cannot be trusted any more and free its slot."""
        self._end(worker)
        self._slots.put_nowait(None)

    def _end(self, worker: _Worker, *, gently: bool = False) -> None:
        """Stop a worker (closing its input lets it exit by itself) and reap it in the background."""
        self._live.discard(worker)
        self.figures.peak_worker_rss_kib = max(self.figures.peak_worker_rss_kib, _peak_rss_kib(worker.process.pid))
        if gently and worker.process.stdin is not None:
            worker.process.stdin.close()
        else:
            worker.kill()
        task = asyncio.create_task(worker.process.wait())
        self._ending[task] = worker
        task.add_done_callback(lambda done: self._ending.pop(done, None))

    async def close(self) -> None:
        """Stop every worker and wait until each has exited, so none outlives the pool."""
        for worker in list(self._live):
            self._end(worker, gently=True)
        while not self._slots.empty():
            self._slots.get_nowait()
        if not self._ending:
            return
        _, late = await asyncio.wait(list(self._ending), timeout=5.0)
        for task in late:
            self._ending[task].kill()  # it did not take the hint of its closed input
        await asyncio.gather(*late)
