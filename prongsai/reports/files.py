"""The reports' files: a frozen report's PDF and XLSX are rendered once and kept; a draft's are rendered fresh.

A unit report version that was submitted (and then accepted or returned) and an approved overall
report no longer change: their files are stored in RenderedReport with their SHA-256 the first
time anyone asks, and every later request gets those very bytes, whatever the code or the data
do afterwards. Rendering (seconds for a PDF) runs outside the transaction that stores the file;
when two requests render the same file at once, the first stored wins and both serve it.
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from prongsai.audit.services import audit_record
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization

from .documents import overall_report_pdf, overall_report_xlsx, unit_report_pdf, unit_report_xlsx
from .models import OverallReport, RenderedReport, UnitReportVersion
from .workflow import FROZEN_REPORT_STATES, OverallState, ReportState

__all__ = [
    "FORMATS",
    "LANGUAGES",
    "overall_report_viewable",
    "report_file",
    "report_is_frozen",
    "unit_version_viewable",
]

FORMATS = ("pdf", "xlsx")
LANGUAGES = ("th", "en")
_RENDERERS: dict[tuple[str, str], Callable[..., bytes]] = {
    ("unit", "pdf"): unit_report_pdf,
    ("unit", "xlsx"): unit_report_xlsx,
    ("overall", "pdf"): overall_report_pdf,
    ("overall", "xlsx"): overall_report_xlsx,
}


def report_is_frozen(*, unit_version: UnitReportVersion | None = None, overall: OverallReport | None = None) -> bool:
    """Tell whether the report no longer changes: a version once submitted, an approved overall report."""
    if unit_version is not None:
        return ReportState(unit_version.state) in FROZEN_REPORT_STATES
    assert overall is not None
    return OverallState(overall.state) is OverallState.APPROVED


def report_file(
    *,
    unit_version: UnitReportVersion | None = None,
    overall: OverallReport | None = None,
    format: str,
    language: str = "th",
    now: dt.datetime | None = None,
) -> bytes:
    """Return the report's file in `format` ("pdf" or "xlsx") and `language` ("th" or "en").

    Give exactly one of `unit_version` and `overall`. A frozen report's file is rendered once,
    stored with its SHA-256 (and an audit event), and returned unchanged ever after; a draft's is
    rendered fresh each time and stored nowhere. `now` stamps the stored row (the server's clock
    when omitted).
    """
    if (unit_version is None) == (overall is None):
        raise ValueError("give exactly one of unit_version and overall")
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    kind, report = ("unit", unit_version) if unit_version is not None else ("overall", overall)
    render = _RENDERERS[(kind, format)]
    if not report_is_frozen(unit_version=unit_version, overall=overall):
        return render(report, language=language)
    owner: dict[str, Any] = {"unit_version": unit_version} if unit_version is not None else {"overall": overall}
    stored = _stored(owner, format, language)
    if stored is not None:
        return stored
    content = render(report, language=language)
    digest = hashlib.sha256(content).hexdigest()
    try:
        with transaction.atomic():
            RenderedReport.objects.create(
                **owner,
                format=format,
                language=language,
                content=content,
                sha256=digest,
                created_at=now or timezone.now(),
            )
            audit_record(
                actor=None,
                actor_label="prongsai",
                action="report.file_store",
                target=report,
                organization_id=unit_version.report.organization_id if unit_version is not None else None,
                data={"format": format, "language": language, "sha256": digest, "bytes": len(content)},
                now=now,
            )
    except IntegrityError:
        # Another request stored the same file first: serve the one kept, so everybody gets the same bytes.
        kept = _stored(owner, format, language)
        if kept is None:
            raise
        return kept
    return content


def _stored(owner: dict[str, Any], format: str, language: str) -> bytes | None:
    """Return the kept file of the report in this format and language, or None (one query)."""
    content = (
        RenderedReport.objects.filter(**owner, format=format, language=language)
        .values_list("content", flat=True)
        .first()
    )
    return bytes(content) if content is not None else None


def unit_version_viewable(*, user: Any, version: UnitReportVersion) -> bool:
    """Tell whether the person may read the unit's report: whoever may view the unit (its staff, its overseers)."""
    return access_scope_for(user).can(Capability.VIEW, version.report.organization_id)


def overall_report_viewable(*, user: Any, report: OverallReport) -> bool:
    """Tell whether the person may read the overall report: who oversees at department level (a top organization).

    A unit's reporter oversees only their own unit and does not read the whole department's report.
    """
    scope = access_scope_for(user)
    overseen = scope.organization_ids(Capability.OVERSEE)
    if not overseen:
        return False
    return Organization.objects.filter(pk__in=overseen, parent__isnull=True).exists()
