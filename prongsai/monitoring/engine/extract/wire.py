"""How a document and its extraction cross between the monitor and an extraction worker process.

Frames on a pipe: an 8-byte big-endian length, then the payload. A request is two frames (JSON
with the document's URL, headers and the caps, then the raw body); a reply is one JSON frame.

JSON rather than pickle on purpose: the worker parses hostile files, and if one ever took it
over, unpickling its reply would hand the monitor to the attacker too. A JSON reply can only
be data, and :func:`extracted_from_wire` checks its shape.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
from dataclasses import asdict
from typing import Any, Final

from prongsai.monitoring.engine.extract.model import (
    Document,
    ExtractConfig,
    Extracted,
    Form,
    FormKind,
    Heading,
    Image,
    Kind,
    Link,
    MetadataDates,
    Problem,
)

__all__ = [
    "LENGTH",
    "WireError",
    "extracted_from_wire",
    "extracted_to_wire",
    "frame",
    "request_from_wire",
    "request_to_wire",
]

LENGTH: Final = struct.Struct(">Q")


class WireError(ValueError):
    """A frame that does not hold what the protocol says it must."""


def frame(payload: bytes) -> bytes:
    """Return ``payload`` with its length prefix."""
    return LENGTH.pack(len(payload)) + payload


def request_to_wire(document: Document, config: ExtractConfig) -> tuple[bytes, bytes]:
    """Return the two payloads of a request: the document's description with the caps, and its body."""
    head = {
        "url": document.url,
        "content_type": document.content_type,
        "charset": document.charset,
        "config": asdict(config),
    }
    return json.dumps(head).encode(), document.body


def request_from_wire(head: bytes, body: bytes) -> tuple[Document, ExtractConfig]:
    """Rebuild the document and the caps a request describes."""
    fields = json.loads(head)
    document = Document(url=fields["url"], content_type=fields["content_type"], charset=fields["charset"], body=body)
    return document, ExtractConfig(**fields["config"])


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def extracted_to_wire(extracted: Extracted) -> bytes:
    """Return the JSON payload of an extraction result."""
    fields: dict[str, Any] = {
        "kind": str(extracted.kind),
        "url": extracted.url,
        "title": extracted.title,
        "text": extracted.text,
        "navigation_text": extracted.navigation_text,
        "headings": [[h.level, h.text, h.navigation] for h in extracted.headings],
        "links": [[link.url, link.text, link.navigation, link.group, link.line] for link in extracted.links],
        "images": [[image.src, image.alt, image.navigation] for image in extracted.images],
        "metadata": [_date(extracted.metadata.created), _date(extracted.metadata.modified)],
        "breadcrumb": list(extracted.breadcrumb),
        "forms": [[str(form.kind), form.action] for form in extracted.forms],
        "page_count": extracted.page_count,
        "language": extracted.language,
        "encoding": extracted.encoding,
        "problems": [str(problem) for problem in extracted.problems],
    }
    return json.dumps(fields, ensure_ascii=False).encode()


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise WireError(f"expected text, got {type(value).__name__}")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise WireError(f"expected a boolean, got {type(value).__name__}")
    return value


def _optional_date(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(_text(value))


def _optional_int(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise WireError(f"expected an integer, got {type(value).__name__}")
    return value


def extracted_from_wire(payload: bytes) -> Extracted:
    """Rebuild an extraction result from a worker's reply; raise :class:`WireError` on anything malformed."""
    try:
        fields = json.loads(payload)
        created, modified = fields["metadata"]
        return Extracted(
            kind=Kind(fields["kind"]),
            url=_text(fields["url"]),
            title=_text(fields["title"]),
            text=_text(fields["text"]),
            navigation_text=_text(fields["navigation_text"]),
            headings=tuple(
                Heading(level=_optional_int(level) or 0, text=_text(text), navigation=_flag(nav))
                for level, text, nav in fields["headings"]
            ),
            links=tuple(
                Link(url=_text(u), text=_text(t), navigation=_flag(n), group=_text(g), line=_optional_int(i))
                for u, t, n, g, i in fields["links"]
            ),
            images=tuple(Image(src=_text(s), alt=_text(a), navigation=_flag(n)) for s, a, n in fields["images"]),
            metadata=MetadataDates(created=_optional_date(created), modified=_optional_date(modified)),
            breadcrumb=tuple(_text(step) for step in fields["breadcrumb"]),
            forms=tuple(Form(kind=FormKind(kind), action=_text(action)) for kind, action in fields["forms"]),
            page_count=_optional_int(fields["page_count"]),
            language=_text(fields["language"]),
            encoding=None if fields["encoding"] is None else _text(fields["encoding"]),
            problems=tuple(Problem(problem) for problem in fields["problems"]),
        )
    except WireError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise WireError(f"malformed extraction reply: {exc}") from exc
