"""Public pages of the channels: the two forms, the receipt, the status page and the statistics.

Pages with forms are not cached (they carry a CSRF token and answer per visitor). The tracking
code never appears in an address: the receipt reads it from the session, the status page takes
it in a POST body, so it cannot leak through logs, history or the Referer header.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from prongsai.clientaddress import client_address
from prongsai.organizations.models import Organization
from prongsai.organizations.selectors import organization_or_404, public_organization

from .clients import client_fingerprint
from .lifecycle import tracking_code_normalize
from .models import KIND_TOPICS, Kind
from .selectors import channel_statistics, submission_public_status
from .services import SubmissionInput, submission_create
from .throttle import lookup_allowed

RECEIPT_KEY = "channels_receipt"
HONEYPOT = "website"
TEXT_FIELDS = ("topic", "subject", "message", "name", "email", "phone")
# Text fields are small; this leaves room for them and the multipart framing around the file.
_FORM_OVERHEAD_BYTES = 256 * 1024


def _today() -> dt.date:
    """Return today's local date (a seam: tests fix the day the statistics are counted on)."""
    return timezone.localdate()


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def _form_context(
    organization: Organization, kind: str, values: dict[str, str], errors: dict[str, list[str]]
) -> dict[str, Any]:
    language = _language()
    title = _("Give your opinion on our services") if kind == Kind.OPINION else _("Make a complaint or suggestion")
    return {
        "organization": organization,
        "kind": kind,
        "title": title,
        "topics": [(topic.value, topic.label) for topic in KIND_TOPICS[kind]],
        "values": values,
        "errors": errors,
        "field_errors": [
            (name, message) for name, messages in errors.items() if name != "__all__" for message in messages
        ],
        "general_errors": errors.get("__all__", []),
        "max_message": settings.PRONGSAI_CHANNEL_MAX_MESSAGE_CHARS,
        "max_attachment": settings.PRONGSAI_CHANNEL_MAX_ATTACHMENT_BYTES,
        "due_days": settings.PRONGSAI_OPINION_DUE_DAYS
        if kind == Kind.OPINION
        else settings.PRONGSAI_COMPLAINT_DUE_DAYS,
        "crumbs": [
            (organization.name(language), reverse("portal:unit", args=[organization.slug])),
            (title, None),
        ],
    }


def _render_form(
    request: HttpRequest,
    organization: Organization,
    kind: str,
    values: dict[str, str],
    errors: dict[str, list[str]],
    status: int,
) -> HttpResponse:
    return render(request, "channels/form.html", _form_context(organization, kind, values, errors), status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submission_new(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Show the opinion or complaint form of a unit and receive it; on success redirect to the receipt."""
    organization = organization_or_404(slug)
    if request.method != "POST":
        return _render_form(request, organization, kind, {}, {}, 200)
    limit = int(settings.PRONGSAI_CHANNEL_MAX_ATTACHMENT_BYTES) + _FORM_OVERHEAD_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        # Refused before the body is read, so an oversized post costs nothing.
        message = _("What you sent is too large: keep the attachment under %(limit)s.") % {
            "limit": filesizeformat(int(settings.PRONGSAI_CHANNEL_MAX_ATTACHMENT_BYTES))
        }
        return _render_form(request, organization, kind, {}, {"__all__": [message]}, 413)
    values = {name: str(request.POST.get(name, "")) for name in TEXT_FIELDS}
    values["anonymous"] = "on" if request.POST.get("anonymous") else ""
    if request.POST.get(HONEYPOT, ""):
        message = _("Your message was not sent: the field marked “leave empty” must stay empty.")
        return _render_form(request, organization, kind, values, {"__all__": [message]}, 400)
    data = SubmissionInput(
        kind=kind,
        topic=values["topic"],
        subject=values["subject"],
        message=values["message"],
        name=values["name"],
        email=values["email"],
        phone=values["phone"],
        anonymous=bool(values["anonymous"]),
        attachment=request.FILES.get("attachment"),
    )
    try:
        submission = submission_create(
            organization=organization, data=data, client_ip=client_address(request), language=_language()
        )
    except ValidationError as error:
        status = 429 if getattr(error, "code", None) == "rate_limited" else 400
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return _render_form(request, organization, kind, values, errors, status)
    request.session[RECEIPT_KEY] = {
        "code": submission.tracking_code,
        "kind": submission.kind,
        "unit": organization.slug,
        "due": submission.due_date.isoformat(),
        "email": bool(submission.email),
    }
    return HttpResponseRedirect(reverse("channels:receipt"))


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """Show the tracking code of the visitor's last submission, kept in their session (never in the address)."""
    stored = request.session.get(RECEIPT_KEY)
    organization = public_organization(stored["unit"]) if stored else None
    context: dict[str, Any] = {"receipt": stored, "organization": organization, "crumbs": [(_("Receipt"), None)]}
    if stored:
        context["due"] = dt.date.fromisoformat(stored["due"])
        context["kind_label"] = Kind(stored["kind"]).label
    return render(request, "channels/receipt.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Look a case up by its tracking code (posted, never in the address) and show its public status."""
    context: dict[str, Any] = {"crumbs": [(_("Track an opinion or complaint"), None)], "code": "", "error": ""}
    if request.method != "POST":
        return render(request, "channels/track.html", context)
    typed = str(request.POST.get("code", ""))[:64]
    context["code"] = typed
    if not lookup_allowed(client_fingerprint(client_address(request)), timezone.now()):
        minutes = int(settings.PRONGSAI_CHANNEL_LOOKUP_WINDOW_SECONDS) // 60
        context["error"] = _(
            "Too many tracking codes were tried from your connection. Please wait %(minutes)d minutes and try again."
        ) % {"minutes": minutes}
        return render(request, "channels/track.html", context, status=429)
    code = tracking_code_normalize(typed)
    found = submission_public_status(code=code) if code else None
    if found is None:
        context["error"] = _(
            "No opinion or complaint has this tracking code. Check the code on your receipt and try again."
        )
        return render(request, "channels/track.html", context, status=404)
    context["case"] = found
    context["code"] = code
    context["overdue"] = found.status != "closed" and _today() > found.due_date
    return render(request, "channels/track.html", context)


def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    """Show how many opinions and complaints a unit received in each month of the current fiscal year."""
    organization = organization_or_404(slug)
    stats = channel_statistics(organization=organization, today=_today())
    language = _language()
    crumbs = [
        (organization.name(language), reverse("portal:unit", args=[organization.slug])),
        (_("Opinion and complaint statistics"), None),
    ]
    return render(request, "channels/statistics.html", {"organization": organization, "stats": stats, "crumbs": crumbs})
