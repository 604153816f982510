"""Staff triage of opinions and complaints in the workspace: list, detail and the handling actions.

Only people holding Capability.CHANNELS at a unit see its cases; a case of another unit answers
404 so its existence is not revealed. Every page that shows personal data records an audit event.
"""

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.organizations.access import AccessScope, Capability, access_scope_for
from prongsai.organizations.models import Organization

from .attachments import attachment_open
from .lifecycle import ALLOWED, IllegalStatusChange, Outcome, Status
from .models import Kind, OutcomeChoices, StatusChoices, Submission
from .selectors import (
    DeskFilters,
    channel_handlers,
    submission_desk_list,
    submission_for_desk,
    submission_overdue,
)
from .services import (
    submission_assign,
    submission_attachment_download,
    submission_close,
    submission_list_view,
    submission_reply,
    submission_status_set,
    submission_view_personal,
)

PAGE_SIZE = 25


def _scope(request: HttpRequest) -> AccessScope:
    scope = access_scope_for(request.user)
    if not scope.handles_channels:
        raise PermissionDenied(_("You do not handle opinions and complaints for any unit."))
    return scope


def _submission(request: HttpRequest, pk: int) -> Submission:
    found = submission_for_desk(scope=_scope(request), pk=pk)
    if found is None:
        raise Http404(_("There is no such opinion or complaint among the units you handle."))
    return found


def _detail_url(submission: Submission) -> str:
    return reverse("channel_desk:detail", kwargs={"pk": submission.pk})


def _report(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _illegal(request: HttpRequest, error: IllegalStatusChange) -> None:
    messages.error(
        request,
        _("A case that is “%(current)s” cannot become “%(target)s”.")
        % {"current": StatusChoices(error.current.value).label, "target": StatusChoices(error.target.value).label},
    )


@login_required
def desk_list(request: HttpRequest) -> HttpResponse:
    """List the cases of the units the person handles, newest first, with filters and an overdue flag.

    The rows show subjects, which are personal data: each page shown is audited (without them).
    """
    scope = _scope(request)
    filters = DeskFilters(
        kind=request.GET.get("kind", ""),
        status=request.GET.get("status", ""),
        unit=request.GET.get("unit", ""),
        overdue=request.GET.get("overdue") == "1",
    )
    today = timezone.localdate()
    page = Paginator(submission_desk_list(scope=scope, filters=filters, today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(submission, submission_overdue(submission, today)) for submission in page.object_list]
    submission_list_view(
        actor=request.user,
        filters=dataclasses.asdict(filters),
        page=page.number,
        shown=[submission for submission, _overdue in rows],
    )
    units = Organization.objects.filter(pk__in=scope.organization_ids(Capability.CHANNELS)).order_by(
        "sort_order", "slug"
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "channels/desk_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "units": units,
            "kinds": Kind.choices,
            "statuses": StatusChoices.choices,
            "query": query.urlencode(),
        },
    )


@login_required
def desk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one case with the sender's personal data and its thread; the viewing is audited."""
    submission = _submission(request, pk)
    submission_view_personal(actor=request.user, submission=submission)
    current = Status(submission.status)
    context: dict[str, Any] = {
        "submission": submission,
        "events": list(submission.events.all()),
        "overdue": submission_overdue(submission, timezone.localdate()),
        "handlers": channel_handlers(organization=submission.organization),
        "next_statuses": [
            (s.value, StatusChoices(s.value).label) for s in Status if s in ALLOWED[current] and s is not Status.CLOSED
        ],
        "can_close": Status.CLOSED in ALLOWED[current],
        "outcomes": OutcomeChoices.choices,
        "is_closed": current is Status.CLOSED,
    }
    return render(request, "channels/desk_detail.html", context)


@login_required
def desk_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """Send the case's attachment to a person who handles its unit; the download is audited."""
    submission = _submission(request, pk)
    try:
        path = submission_attachment_download(actor=request.user, submission=submission)
    except ValidationError as error:
        raise Http404(error.messages[0]) from error
    response = FileResponse(
        attachment_open(path),
        as_attachment=True,
        filename=submission.attachment_name,
        content_type=submission.attachment_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def desk_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign the case to a person who handles its unit (or to nobody)."""
    submission = _submission(request, pk)
    raw = request.POST.get("assignee", "")
    assignee = get_user_model().objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if raw and assignee is None:
        messages.error(request, _("Choose a person from the list."))
        return HttpResponseRedirect(_detail_url(submission))
    try:
        submission_assign(actor=request.user, submission=submission, assignee=assignee)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The case is assigned.") if assignee else _("The case is no longer assigned."))
    return HttpResponseRedirect(_detail_url(submission))


@login_required
@require_POST
def desk_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a public reply (shown on the status page) or an internal note."""
    submission = _submission(request, pk)
    public = request.POST.get("visibility") == "public"
    try:
        submission_reply(actor=request.user, submission=submission, text=request.POST.get("text", ""), public=public)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request,
            _("The reply is published on the case's status page.") if public else _("The internal note is saved."),
        )
    return HttpResponseRedirect(_detail_url(submission))


@login_required
@require_POST
def desk_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the case to another open status."""
    submission = _submission(request, pk)
    raw = request.POST.get("status", "")
    if raw not in StatusChoices.values:
        messages.error(request, _("Choose a status from the list."))
        return HttpResponseRedirect(_detail_url(submission))
    try:
        submission_status_set(actor=request.user, submission=submission, status=Status(raw))
    except ValidationError as error:
        _report(request, error)
    except IllegalStatusChange as error:
        _illegal(request, error)
    else:
        messages.success(request, _("The status is now “%(status)s”.") % {"status": StatusChoices(raw).label})
    return HttpResponseRedirect(_detail_url(submission))


@login_required
@require_POST
def desk_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the case with its outcome and, if the sender has had no public reply, a closing note."""
    submission = _submission(request, pk)
    raw = request.POST.get("outcome", "")
    if raw not in OutcomeChoices.values:
        messages.error(request, _("Choose the outcome of the case."))
        return HttpResponseRedirect(_detail_url(submission))
    try:
        submission_close(
            actor=request.user, submission=submission, outcome=Outcome(raw), note=request.POST.get("note", "")
        )
    except ValidationError as error:
        _report(request, error)
    except IllegalStatusChange as error:
        _illegal(request, error)
    else:
        messages.success(request, _("The case is closed: %(outcome)s.") % {"outcome": OutcomeChoices(raw).label})
    return HttpResponseRedirect(_detail_url(submission))
