"""Check uploaded documents by their content, not their names, before anything is stored.

Accepted: PDF, DOCX, XLSX, PNG, JPEG and WebP. Each file must open as what it claims to be,
stay within the size limit, and (for Office files, which are ZIP archives) must not expand into
an archive bomb.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class CheckedDocument:
    content: bytes
    media_type: str
    extension: str
    sha256: str
    size: int
    original_name: str


def _office_type(content: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name}) from exc
    members = archive.infolist()
    expanded = sum(member.file_size for member in members)
    if (
        len(members) > MAX_ZIP_MEMBERS
        or expanded > MAX_ZIP_EXPANDED_BYTES
        or expanded > MAX_ZIP_RATIO * max(len(content), 1)
    ):
        raise ValidationError(_("“%(name)s” expands to an unreasonable size and was refused.") % {"name": name})
    names = {member.filename for member in members}
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    raise ValidationError(_("“%(name)s” is not a PDF, Word (DOCX), Excel (XLSX) or image file.") % {"name": name})


def _check_pdf(content: bytes, name: str) -> None:
    try:
        with pymupdf.open(stream=content, filetype="pdf") as document:  # type: ignore[no-untyped-call]
            if document.needs_pass:
                raise ValidationError(
                    _("“%(name)s” is password-protected; the public could not open it.") % {"name": name}
                )
            if document.page_count < 1:
                raise ValidationError(_("“%(name)s” has no pages.") % {"name": name})
    except (RuntimeError, ValueError, pymupdf.FileDataError) as exc:
        raise ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name}) from exc


def _image_type(content: bytes, name: str) -> str:
    try:
        with Image.open(io.BytesIO(content)) as image:
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


def check_document(upload: UploadedFile[Any]) -> CheckedDocument:
    """Read an upload, identify its type from its bytes and verify it opens; raise ValidationError otherwise."""
    name = (upload.name or "document").rsplit("/", 1)[-1][:200]
    limit = settings.PRONGSAI_MAX_DOCUMENT_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(limit)s.") % {"name": name, "limit": filesizeformat(limit)}
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(limit)s.") % {"name": name, "limit": filesizeformat(limit)}
        )
    if not content:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    if content.startswith(b"%PDF-"):
        _check_pdf(content, name)
        media_type = "application/pdf"
    elif content.startswith(b"PK\x03\x04"):
        media_type = _office_type(content, name)
    else:
        media_type = _image_type(content, name)
    extension = _EXTENSIONS[media_type]
    claimed = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if _NAME_ALIASES.get(claimed, claimed) != extension:
        raise ValidationError(
            _("The extension of “%(name)s” does not match its content (%(extension)s).")
            % {"name": name, "extension": extension}
        )
    return CheckedDocument(
        content=content,
        media_type=media_type,
        extension=extension,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        original_name=name,
    )
