"""Downloads of the reports' files (PDF, XLSX) for the people who may read the report; everybody else gets 404."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from prongsai.rendering.pdf import PdfUnavailable

from .files import FORMATS, overall_report_viewable, report_file, unit_version_viewable
from .models import OverallReport, UnitReportVersion

_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _language() -> str:
    """Return the language of the page the download was asked from: the file's language."""
    return "en" if translation.get_language() == "en" else "th"


# Said in both languages: the person may have asked from either edition of the page.
_NO_PRINTER = (
    "เครื่องแม่ข่ายนี้ยังพิมพ์ไฟล์ PDF ไม่ได้ (ไม่มี Chromium) ดาวน์โหลดเป็น XLSX ได้ หรือแจ้งผู้ดูแลระบบ\n"
    "This server cannot print PDF files yet (Chromium is not installed).\n"
    "Download the XLSX, or tell the administrator.\n"
)


def _render(render: Callable[[], bytes]) -> bytes | None:
    """Render the report's file, or None when this server has no Chromium to print a PDF with."""
    try:
        return render()
    except PdfUnavailable:
        return None


def _no_printer() -> HttpResponse:
    return HttpResponse(_NO_PRINTER, status=503, content_type="text/plain; charset=utf-8")


def _send(content: bytes, *, format: str, filename: str) -> HttpResponse:
    """Send the file as an attachment named for Thai and English readers alike (RFC 6266 filename*)."""
    response = HttpResponse(content, content_type=_CONTENT_TYPES[format])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def unit_version_file(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    """Send one version of a unit's report as PDF or XLSX, in the page's language."""
    if format not in FORMATS:
        raise Http404
    version = get_object_or_404(
        UnitReportVersion.objects.select_related(
            "report__round", "report__organization", "created_by", "approved_by", "decided_by"
        ),
        pk=pk,
    )
    if not unit_version_viewable(user=request.user, version=version):
        raise Http404
    language = _language()
    content = _render(lambda: report_file(unit_version=version, format=format, language=language))
    if content is None:
        return _no_printer()
    stem = "รายงานผลการเผยแพร่ข้อมูล" if language == "th" else "unit-report"
    filename = f"{stem}-{version.report.organization.slug}-{version.report.round.code}-v{version.number}.{format}"
    return _send(content, format=format, filename=filename)


@require_GET
@login_required
def overall_report_file(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    """Send the overall report of a round as PDF or XLSX, in the page's language."""
    if format not in FORMATS:
        raise Http404
    report = get_object_or_404(
        OverallReport.objects.select_related("round", "created_by", "sent_by", "approved_by"), pk=pk
    )
    if not overall_report_viewable(user=request.user, report=report):
        raise Http404
    language = _language()
    content = _render(lambda: report_file(overall=report, format=format, language=language))
    if content is None:
        return _no_printer()
    stem = "รายงานภาพรวม" if language == "th" else "overall-report"
    return _send(content, format=format, filename=f"{stem}-{report.round.code}.{format}")
