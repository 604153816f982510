"""Text, headings, links, images and metadata dates from fetched HTML, PDF, DOCX and XLSX.

Call :func:`extract` with a :class:`Document`; it never raises on hostile input and lists what
went wrong in ``Extracted.problems``.
"""

from prongsai.monitoring.engine.extract.dispatch import extract, sniff_kind
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
    "Document",
    "ExtractConfig",
    "Extracted",
    "Form",
    "FormKind",
    "Heading",
    "Image",
    "Kind",
    "Link",
    "MetadataDates",
    "Problem",
    "extract",
    "sniff_kind",
]
