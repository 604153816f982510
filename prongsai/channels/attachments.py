"""Keep the files visitors attach in private storage, outside the public media directory.

Files are named by content hash, so a second copy costs nothing and a name says nothing about
the sender. The storage is built from the setting on every call, so tests and deployments can
move it without reloading models.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from prongsai.disclosures.uploads import CheckedDocument, check_document, document_display_name


def attachment_storage() -> FileSystemStorage:
    """Return the private storage of channel attachments (no public base URL)."""
    return FileSystemStorage(location=settings.PRONGSAI_CHANNEL_ATTACHMENT_ROOT, base_url=None)


def attachment_check(upload: UploadedFile[Any]) -> CheckedDocument:
    """Check an attachment: the channel's own size limit first, then the register's content checks."""
    name = document_display_name(upload.name, "attachment")
    limit = int(settings.PRONGSAI_CHANNEL_MAX_ATTACHMENT_BYTES)
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(limit)s.") % {"name": name, "limit": filesizeformat(limit)}
        )
    return check_document(upload)


def attachment_store(document: CheckedDocument) -> tuple[str, bool]:
    """Store the file under its hash; return its path and whether this call created it."""
    storage = attachment_storage()
    path = f"{document.sha256[:2]}/{document.sha256}{document.extension}"
    if storage.exists(path):
        return path, False
    return storage.save(path, document.source), True


def attachment_discard(path: str) -> None:
    """Remove a file this request stored when its submission was not saved."""
    attachment_storage().delete(path)


def attachment_open(path: str) -> File[Any]:
    """Open a stored attachment for reading."""
    return attachment_storage().open(path, "rb")
