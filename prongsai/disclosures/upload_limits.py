"""Refuse an oversized upload while the request is read, before any document is kept.

Three ceilings, all from the register's document limits, answer before the form is seen:

- the whole request: a body longer than every allowed document at its largest plus the form's
  text (``upload_request_ceiling``) is refused from its Content-Length, before a byte is parsed;
- the number of files: Django's ``DATA_UPLOAD_MAX_NUMBER_FILES``, set from the documents-per-version
  limit, stops the parser at the first file too many;
- each file: ``DocumentSizeLimitHandler`` stops the upload as soon as one file grows past the
  document limit, so no more of it than the limit ever reaches the temporary file behind it.

Files that pass are streamed to temporary files on disk (``TemporaryFileUploadHandler``), so the
web process's memory does not grow with them. On the staff side (the workspace and the admin),
``prongsai.workspace.middleware.UploadLimitMiddleware`` asks ``upload_refusal`` and answers a refused
request with a redirect back to the form and a message saying why and that nothing was saved;
nothing of the request reaches a view. The public forms keep their own, smaller limit (see
``prongsai.channels.views``); the handlers bound them as well.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .uploads import document_display_name, too_large_message

# Room for the multipart framing (boundaries and part headers) of every allowed file.
MULTIPART_SLACK_BYTES = 1024 * 1024
# A refused body is read to its end (and thrown away) so that the browser, which is still sending
# it, receives the answer rather than a reset connection; beyond this many bytes it is not.
DRAIN_LIMIT_BYTES = 2 * 1024 * 1024 * 1024
_DRAIN_CHUNK = 64 * 1024


def upload_request_ceiling() -> int:
    """Return the longest request body accepted: every allowed document at its largest, plus the form's text."""
    return (
        int(settings.PRONGSAI_MAX_DOCUMENTS_PER_VERSION) * int(settings.PRONGSAI_MAX_DOCUMENT_BYTES)
        + int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        + MULTIPART_SLACK_BYTES
    )


class DocumentSizeLimitHandler(FileUploadHandler):
    """Pass each file's chunks on to the next handler, and stop the upload when one file outgrows the limit.

    It stands first in ``FILE_UPLOAD_HANDLERS``: the chunk that would carry a file past the limit
    is never handed on, so the temporary file behind it holds at most the limit.
    """

    refusal: str = ""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        limit = int(settings.PRONGSAI_MAX_DOCUMENT_BYTES)
        if start + len(raw_data) > limit:
            self.refusal = too_large_message(document_display_name(self.file_name), limit)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _drain(request: HttpRequest) -> None:
    """Read what is left of a refused body, in small chunks, keeping none of it."""
    if _declared_length(request) > DRAIN_LIMIT_BYTES:
        return
    while request.read(_DRAIN_CHUNK):
        pass


def _close_files(request: HttpRequest) -> None:
    """Close (and so delete) the temporary files of the files read before the refusal."""
    for upload in getattr(request, "_files", {}).values():
        upload.close()


def upload_refusal(request: HttpRequest) -> str:
    """Parse a multipart request under the ceilings; return why it was refused, or "" when it was not.

    A refused request's body is drained (see DRAIN_LIMIT_BYTES) and the files read before the
    refusal are deleted; its form data are not kept.
    """
    ceiling = upload_request_ceiling()
    if _declared_length(request) > ceiling:
        _drain(request)
        return _("The files sent (%(size)s) are more than one save may carry (%(limit)s).") % {
            "size": filesizeformat(_declared_length(request)),
            "limit": filesizeformat(ceiling),
        }
    try:
        request.POST  # noqa: B018 -- parsed here, under the handlers, so a refusal is answered by this middleware
    except TooManyFilesSent:
        _drain(request)
        return _("At most %(limit)d files can be sent at once.") % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    except RequestDataTooBig:
        _drain(request)
        return _("The form's text is longer than %(limit)s.") % {
            "limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        }
    for handler in request.upload_handlers:
        if isinstance(handler, DocumentSizeLimitHandler) and handler.refusal:
            _close_files(request)
            return handler.refusal
    return ""
