"""Public files of a published monthly procurement summary (สขร.1): PDF and XLSX from the approved snapshot.

A file is made from the month as the published version of the item's entry holds it, never from
the live records, so it says exactly what the reviewer approved. The same snapshot, month,
language and format always give the same file, so its bytes are cached under the snapshot's
SHA-256: a new approved version has a new digest and new files, and nothing older is ever served
for it. Browsers revalidate with the ETag and get a 304 while the published version is the same.
"""

import re

from django.conf import settings
from django.core.cache import caches
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import translation
from django.utils.http import content_disposition_header, parse_etags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from prongsai.disclosures.models import VersionRecords
from prongsai.organizations.models import Organization
from prongsai.organizations.selectors import organization_or_404
from prongsai.procurement.snapshot import PROCUREMENT_SUMMARIES_KIND, MonthSummary
from prongsai.rendering.pdf import PdfUnavailable

_MONTH = re.compile(r"\d{4}-\d{2}")
_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Said in both languages: the visitor may have come from either edition of the page.
_NO_PRINTER = (
    "เครื่องแม่ข่ายนี้ยังพิมพ์ไฟล์ PDF ไม่ได้ ดาวน์โหลดเป็น XLSX ได้\n"
    "This server cannot print PDF files yet; download the XLSX instead.\n"
)


def _render(summary: MonthSummary, organization: Organization, file_format: str, language: str) -> bytes:
    """Make the month's file with the สขร.1 documents of the procurement app (imported when first asked for)."""
    from prongsai.procurement.documents import summary_pdf, summary_xlsx

    render = summary_pdf if file_format == "pdf" else summary_xlsx
    content: bytes = render(summary, organization=organization, language=language)
    return content


@require_safe
def summary_file(request: HttpRequest, slug: str, code: str, month: str, file_format: str) -> HttpResponseBase:
    """Send one month's summary of the published 5.1.7.3 snapshot as PDF or XLSX, in the page's language.

    Two queries when the file is cached (the unit, the published snapshot's digest), three when it
    is made; 404 when the item publishes no monthly summaries or the month is not among them.
    """
    if file_format not in _CONTENT_TYPES or not _MONTH.fullmatch(month):
        raise Http404
    organization = organization_or_404(slug)
    published = (
        VersionRecords.objects.filter(
            kind=PROCUREMENT_SUMMARIES_KIND,
            version__entry__organization=organization,
            version__entry__item__code=code,
            version__entry__item__checklist__is_active=True,
            version__entry__published_version=F("version"),
        )
        .only("pk", "sha256")
        .first()
    )
    if published is None:
        raise Http404(_("This item has no published monthly summaries."))
    language = "en" if translation.get_language() == "en" else "th"
    etag = f'"{published.sha256[:32]}-{month}-{language}-{file_format}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        cache = caches[settings.PRONGSAI_PORTAL_CACHE]
        key = f"portal:summary-file:{published.sha256}:{month}:{language}:{file_format}"
        content = cache.get(key)
        if content is None:
            data = VersionRecords.objects.values_list("data", flat=True).get(pk=published.pk)
            summary = next((m for m in data["months"] if m["month"] == month), None)
            if summary is None:
                raise Http404(_("This month is not among the published monthly summaries."))
            try:
                content = _render(summary, organization, file_format, language)
            except PdfUnavailable:
                return HttpResponse(_NO_PRINTER, status=503, content_type="text/plain; charset=utf-8")
            cache.set(key, content, settings.PRONGSAI_PORTAL_CACHE_SECONDS)
        stem = "สขร1" if language == "th" else "procurement-summary"
        response = HttpResponse(content, content_type=_CONTENT_TYPES[file_format])
        response["Content-Disposition"] = content_disposition_header(True, f"{stem}-{slug}-{month}.{file_format}")
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response
