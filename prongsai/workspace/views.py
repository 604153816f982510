"""The staff workspace: thin views that parse input, call one service or selector, and render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.checklists.selectors import checklist_active
from prongsai.disclosures.models import Document, Entry, EntryStatusChoices, EntryVersion
from prongsai.disclosures.selectors import (
    department_matrix,
    entry_for_page,
    entry_status_of,
    entry_versions,
    my_tasks,
    thai_sorted,
    unit_register,
    version_authorship,
)
from prongsai.disclosures.services import (
    DraftContent,
    NewDocument,
    Verdicts,
    version_approve,
    version_discard,
    version_return,
    version_save_draft,
    version_submit,
    version_withdraw,
)
from prongsai.disclosures.versiondiff import version_diff
from prongsai.disclosures.workflow import Authorship, EntryStatus, IllegalTransition, ReviewerIsAuthor, VersionState
from prongsai.organizations.access import AccessScope, Capability, access_scope_for, review_capability
from prongsai.organizations.models import Organization

from .forms import DraftForm, MatrixFilterForm, ReviewForm


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _scope(request: HttpRequest) -> AccessScope:
    return access_scope_for(request.user)


def _organization(request: HttpRequest, slug: str, capability: Capability = Capability.VIEW) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not _scope(request).can(capability, organization.pk):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    return organization


def _entry(request: HttpRequest, slug: str, code: str) -> Entry:
    organization = _organization(request, slug)
    entry = entry_for_page(organization=organization, code=code)
    if entry is None:
        raise Http404(_("This unit has no such checklist item."))
    return entry


def _entry_url(entry: Entry) -> str:
    return reverse("workspace:entry_detail", kwargs={"slug": entry.organization.slug, "code": entry.item.code})


def _report_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show the person's tasks: versions to review and entries that need their attention."""
    scope = _scope(request)
    tasks = my_tasks(user=request.user, scope=scope, today=timezone.localdate())
    return render(request, "workspace/home.html", {"tasks": tasks})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """List the organizations the person may view."""
    organizations = thai_sorted(list(Organization.objects.filter(pk__in=_scope(request).organization_ids())))
    return render(request, "workspace/unit_list.html", {"organizations": organizations})


@login_required
def unit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a unit's checklist items as status cards grouped by clause."""
    organization = _organization(request, slug)
    register = unit_register(organization=organization, today=timezone.localdate())
    scope = _scope(request)
    return render(
        request,
        "workspace/unit_detail.html",
        {
            "organization": organization,
            "register": register,
            "can_edit": scope.can(Capability.EDIT, organization.pk),
            "statuses": list(EntryStatus),
        },
    )


@login_required
def entry_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Show one entry: its status, published version, work in progress, history and the actions allowed."""
    entry = _entry(request, slug, code)
    scope = _scope(request)
    versions = list(entry_versions(entry))
    step = entry.item.review_step
    open_version = next((v for v in versions if v.pk == entry.open_version_id), None)
    published = next((v for v in versions if v.pk == entry.published_version_id), None)
    authorship = None
    can_review = (
        scope.can(review_capability(step), entry.organization_id)
        and open_version is not None
        and open_version.state == VersionState.SUBMITTED
    )
    if can_review:
        assert open_version is not None
        authorship = version_authorship(version=open_version, user=request.user)
        can_review = authorship is None
    return render(
        request,
        "workspace/entry_detail.html",
        {
            "entry": entry,
            "item": entry.item,
            "organization": entry.organization,
            "status": entry_status_of(entry, timezone.localdate()),
            "versions": versions,
            "open_version": open_version,
            "published": published,
            "can_edit": scope.can(Capability.EDIT, entry.organization_id),
            "can_review": can_review,
            "review_barred": _authorship_note(authorship),
        },
    )


def _authorship_note(authorship: Authorship | None) -> str:
    """Say why a reviewer sees no review action on a version they took part in writing."""
    if authorship is Authorship.SUBMITTED:
        return _("You sent this version for review, so another reviewer decides on it.")
    if authorship is Authorship.EDITED:
        return _("You edited this version, so another reviewer decides on it.")
    return ""


@login_required
def entry_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Edit the entry's draft (starting one from the returned or published version when needed)."""
    entry = _entry(request, slug, code)
    if not _scope(request).can(Capability.EDIT, entry.organization_id):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    if entry.open_state == VersionState.SUBMITTED:
        messages.warning(request, _("This version is awaiting review; withdraw it before editing."))
        return redirect(_entry_url(entry))
    source = entry.open_version or entry.published_version
    draft = entry.open_version if entry.open_state == VersionState.DRAFT else None
    allow_nothing = entry.item.nothing_to_publish_allowed
    if request.method == "POST":
        form = DraftForm(request.POST, request.FILES, version=draft, allow_nothing=allow_nothing)
        if form.is_valid():
            data = form.cleaned_data
            content = DraftContent(
                body_th=data["body_th"],
                body_en=data["body_en"],
                url_th=data["url_th"],
                url_en=data["url_en"],
                as_of=data["as_of"],
                nothing_to_publish=data.get("nothing_to_publish", False),
                nothing_note_th=data.get("nothing_note_th", ""),
                nothing_note_en=data.get("nothing_note_en", ""),
                change_note=data["change_note"],
            )
            uploads = [
                NewDocument(upload, data["documents_language"], data["documents_title"]) for upload in data["documents"]
            ]
            try:
                version_save_draft(
                    actor=request.user,
                    entry=entry,
                    content=content,
                    add_documents=uploads,
                    remove_document_ids=[int(pk) for pk in data["remove_documents"]],
                )
            except ValidationError as error:
                _report_errors(request, error)
            else:
                messages.success(request, _("Draft saved."))
                if "submit" in request.POST:
                    return _submit(request, entry)
                return redirect(_entry_url(entry))
    else:
        initial: dict[str, Any] = {}
        if source is not None:
            initial = {
                name: getattr(source, name)
                for name in (
                    "body_th", "body_en", "url_th", "url_en", "as_of",
                    "nothing_to_publish", "nothing_note_th", "nothing_note_en",
                )
            }  # fmt: skip
        form = DraftForm(initial=initial, version=draft, allow_nothing=allow_nothing)
    return render(
        request,
        "workspace/entry_edit.html",
        {
            "entry": entry,
            "item": entry.item,
            "organization": entry.organization,
            "form": form,
            "source": source,
        },
    )


def _submit(request: HttpRequest, entry: Entry) -> HttpResponse:
    entry.refresh_from_db()
    if entry.open_version is None:
        raise Http404
    try:
        version_submit(actor=request.user, version=entry.open_version)
    except ValidationError as error:
        _report_errors(request, error)
        return redirect(
            reverse("workspace:entry_edit", kwargs={"slug": entry.organization.slug, "code": entry.item.code})
        )
    messages.success(request, _("Sent for review."))
    return redirect(_entry_url(entry))


def _open_version(entry: Entry) -> EntryVersion:
    if entry.open_version is None:
        raise Http404(_("There is no version in progress."))
    return entry.open_version


@require_POST
@login_required
def entry_submit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Send the draft to review."""
    entry = _entry(request, slug, code)
    try:
        return _submit(request, entry)
    except IllegalTransition:
        messages.error(request, _("This version cannot be sent for review in its current state."))
        return redirect(_entry_url(entry))


@require_POST
@login_required
def entry_withdraw(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Take a submitted version back to draft."""
    entry = _entry(request, slug, code)
    try:
        version_withdraw(actor=request.user, version=_open_version(entry))
        messages.success(request, _("Withdrawn from review; the version is a draft again."))
    except IllegalTransition:
        messages.error(request, _("Only a version awaiting review can be withdrawn."))
    return redirect(_entry_url(entry))


@require_POST
@login_required
def entry_discard(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Abandon the draft."""
    entry = _entry(request, slug, code)
    try:
        version_discard(actor=request.user, version=_open_version(entry))
        messages.success(request, _("Draft discarded."))
    except IllegalTransition:
        messages.error(request, _("Only a draft can be discarded."))
    return redirect(_entry_url(entry))


@login_required
def entry_review(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Record the reviewer's three verdicts and approve (publish) or return the submitted version."""
    entry = _entry(request, slug, code)
    if not _scope(request).can(review_capability(entry.item.review_step), entry.organization_id):
        raise PermissionDenied(_("You do not review this item's step for this unit."))
    version = entry.open_version
    if version is None or version.state != VersionState.SUBMITTED:
        messages.info(request, _("No version of this item is awaiting review."))
        return redirect(_entry_url(entry))
    if request.method != "POST":
        # The decision stays with the services (a POST is refused there); the page is simply not offered.
        note = _authorship_note(version_authorship(version=version, user=request.user))
        if note:
            messages.info(request, note)
            return redirect(_entry_url(entry))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        verdicts = Verdicts(
            correct=data["correct"] == "yes",
            complete=data["complete"] == "yes",
            current=data["current"] == "yes",
            correct_comment=data["correct_comment"],
            complete_comment=data["complete_comment"],
            current_comment=data["current_comment"],
            comment=data["comment"],
        )
        approve = "approve" in request.POST
        try:
            if approve:
                version_approve(actor=request.user, version=version, verdicts=verdicts)
            else:
                version_return(actor=request.user, version=version, verdicts=verdicts)
        except ReviewerIsAuthor as error:
            messages.error(request, str(error))
            return redirect(_entry_url(entry))
        except ValidationError as error:
            _report_errors(request, error)
        else:
            messages.success(request, _("Approved and published.") if approve else _("Returned to the editor."))
            return redirect(_entry_url(entry))
    before = entry.published_version
    return render(
        request,
        "workspace/entry_review.html",
        {
            "entry": entry,
            "item": entry.item,
            "organization": entry.organization,
            "version": version,
            "form": form,
            "changes": version_diff(before, version),
            "before": before,
        },
    )


@login_required
def entry_diff(request: HttpRequest, slug: str, code: str, before: int, after: int) -> HttpResponse:
    """Show what changed between two versions of an entry."""
    entry = _entry(request, slug, code)
    versions = {v.number: v for v in entry.versions.filter(number__in=[before, after]).prefetch_related("documents")}
    if after not in versions or (before and before not in versions):
        raise Http404(_("No such version."))
    older = versions.get(before)
    return render(
        request,
        "workspace/entry_diff.html",
        {
            "entry": entry,
            "item": entry.item,
            "organization": entry.organization,
            "before": older,
            "after": versions[after],
            "changes": version_diff(older, versions[after]),
        },
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Send a document to a person who may view its unit's register (drafts are not public)."""
    document = get_object_or_404(Document.objects.select_related("version__entry"), pk=pk)
    if not _scope(request).can(Capability.VIEW, document.version.entry.organization_id):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    """Show the department matrix: units × items coloured by status, filterable."""
    scope = _scope(request)
    if not scope.oversees_anything:
        raise PermissionDenied(_("The department matrix is for the ICT Center, supervisors and executives."))
    checklist = checklist_active()
    clause_choices = (
        [(c.code, f"{c.code} {_short(c.title(translation.get_language() or 'th'))}") for c in checklist.clauses.all()]
        if checklist is not None
        else []
    )
    form = MatrixFilterForm(
        request.GET or None, status_choices=EntryStatusChoices.choices, clause_choices=clause_choices
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "status": EntryStatus(data["status"]) if data["status"] else None,
            "clause_code": data["clause"],
            "search": data["q"],
            "page": data["page"] or 1,
        }
    result = department_matrix(scope=scope, today=timezone.localdate(), **filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workspace/matrix.html",
        {"form": form, "matrix": result, "statuses": list(EntryStatus), "query": query.urlencode()},
    )
