"""Check uploaded documents by their content, not their names, before anything is stored.

Accepted: PDF, DOCX, XLSX, PNG, JPEG and WebP. Each file must open as what it claims to be,
stay within the size limit, and (for Office files, which are ZIP archives) must not expand into
an archive bomb. The checks read the upload where it lies (a temporary file on disk for anything
but a small request) and never hold a whole document in memory, so twenty documents of the
largest size cost no more memory than one.
"""

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO, Any

import pymupdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_PIXELS = 40_000_000
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_EXPANDED_BYTES = 300 * 1024 * 1024
MAX_ZIP_RATIO = 200

_EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
}
_NAME_ALIASES = {".jpeg": ".jpg"}
# How many characters of a file's name are kept to show and to offer on download; the name a
# person gave is kept whole up to here, and a longer one is shortened in the middle of its stem.
MAX_NAME_CHARS = 200
_ELLIPSIS = "…"
_SNIFF_BYTES = 8


@dataclass(frozen=True)
class CheckedDocument:
    """An upload that passed the checks; ``source`` is the upload itself, read from the start to store it."""

    source: UploadedFile[Any]
    media_type: str
    extension: str
    sha256: str
    size: int
    original_name: str


def _base_name(raw: str | None) -> str:
    """Return the file's own name from what the browser sent, without any folders (either kind of slash)."""
    return (raw or "").replace("\\", "/").rsplit("/", 1)[-1]


def document_display_name(raw: str | None, default: str = "document") -> str:
    """Return a file's own name (no folders), shortened to MAX_NAME_CHARS without losing its extension."""
    name = _base_name(raw) or default
    if len(name) <= MAX_NAME_CHARS:
        return name
    stem, dot, extension = name.rpartition(".")
    suffix = dot + extension
    if not stem or len(suffix) > MAX_NAME_CHARS // 4:
        return name[: MAX_NAME_CHARS - 1] + _ELLIPSIS
    return stem[: MAX_NAME_CHARS - len(suffix) - 1] + _ELLIPSIS + suffix


def claimed_extension(raw: str | None) -> str:
    """Return the extension the uploader's own name claims (".pdf", with ".jpeg" as ".jpg"), or ""."""
    name = _base_name(raw)
    claimed = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _NAME_ALIASES.get(claimed, claimed)


def too_large_message(name: str, limit: int) -> str:
    """Return the refusal of a file over the document limit, naming it and the limit."""
    return _("“%(name)s” is larger than the limit of %(limit)s.") % {"name": name, "limit": filesizeformat(limit)}


def _rewound(upload: UploadedFile[Any]) -> IO[bytes]:
    upload.seek(0)
    return upload.file  # type: ignore[return-value]


def _office_type(upload: UploadedFile[Any], size: int, name: str) -> str:
    try:
        archive = zipfile.ZipFile(_rewound(upload))
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name}) from exc
    members = archive.infolist()
    expanded = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or expanded > MAX_ZIP_EXPANDED_BYTES or expanded > MAX_ZIP_RATIO * max(size, 1):
        raise ValidationError(_("“%(name)s” expands to an unreasonable size and was refused.") % {"name": name})
    names = {member.filename for member in members}
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    raise ValidationError(_("“%(name)s” is not a PDF, Word (DOCX), Excel (XLSX) or image file.") % {"name": name})


def _open_pdf(upload: UploadedFile[Any]) -> pymupdf.Document:
    """Open the PDF from its temporary file when it has one (MuPDF reads what it needs), else from memory."""
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        return pymupdf.open(path(), filetype="pdf")  # type: ignore[no-untyped-call]
    return pymupdf.open(stream=_rewound(upload).read(), filetype="pdf")  # type: ignore[no-untyped-call]


def _check_pdf(upload: UploadedFile[Any], name: str) -> None:
    try:
        with _open_pdf(upload) as document:
            if document.needs_pass:
                raise ValidationError(
                    _("“%(name)s” is password-protected; the public could not open it.") % {"name": name}
                )
            if document.page_count < 1:
                raise ValidationError(_("“%(name)s” has no pages.") % {"name": name})
    except (RuntimeError, ValueError, pymupdf.FileDataError) as exc:
        raise ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name}) from exc


def _image_type(upload: UploadedFile[Any], name: str) -> str:
    try:
        with Image.open(_rewound(upload)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("“%(name)s” has too many pixels.") % {"name": name})
            image.verify()
            image_format = image.format
    except UnidentifiedImageError as exc:
        raise ValidationError(
            _("“%(name)s” is not a PDF, Word (DOCX), Excel (XLSX) or image file.") % {"name": name}
        ) from exc
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name}) from exc
    media = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}.get(image_format or "")
    if media is None:
        raise ValidationError(_("“%(name)s” is not a PDF, Word (DOCX), Excel (XLSX) or image file.") % {"name": name})
    return media


def _digest(upload: UploadedFile[Any], limit: int, name: str) -> tuple[str, int, bytes]:
    """Hash the upload in chunks; return its SHA-256, its size and its first bytes, refusing it past the limit."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    stream = _rewound(upload)
    while chunk := stream.read(64 * 1024):
        if not head:
            head = chunk[:_SNIFF_BYTES]
        size += len(chunk)
        if size > limit:
            raise ValidationError(too_large_message(name, limit))
        digest.update(chunk)
    return digest.hexdigest(), size, head


def check_document(upload: UploadedFile[Any]) -> CheckedDocument:
    """Identify an upload's type from its bytes and verify it opens; raise ValidationError otherwise.

    The extension is judged on the whole name the uploader gave; the name kept to show is
    shortened (keeping the extension) only afterwards, so a long name is no reason to refuse.
    """
    name = document_display_name(upload.name)
    limit = settings.PRONGSAI_MAX_DOCUMENT_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(too_large_message(name, limit))
    sha256, size, head = _digest(upload, limit, name)
    if not size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    if head.startswith(b"%PDF-"):
        _check_pdf(upload, name)
        media_type = "application/pdf"
    elif head.startswith(b"PK\x03\x04"):
        media_type = _office_type(upload, size, name)
    else:
        media_type = _image_type(upload, name)
    extension = _EXTENSIONS[media_type]
    if claimed_extension(upload.name) != extension:
        raise ValidationError(
            _("The extension of “%(name)s” does not match its content (%(extension)s).")
            % {"name": name, "extension": extension}
        )
    upload.seek(0)
    return CheckedDocument(
        source=upload,
        media_type=media_type,
        extension=extension,
        sha256=sha256,
        size=size,
        original_name=name,
    )
