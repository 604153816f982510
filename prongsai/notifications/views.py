"""The person's notices in the workspace, under /th|en/workspace/notices/: read them, mark them read, mute reminders."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .forms import MuteForm
from .links import path_in_language
from .models import OPTIONAL_KINDS, Notice, NoticeKind
from .selectors import notice_list, notice_mutes_of
from .services import notice_mark_read, notice_mutes_set, notices_mark_all_read

PAGE_SIZE = 25


@dataclass(frozen=True)
class NoticeRow:
    notice: Notice
    subject: str
    body: str
    link: str


def _row(notice: Notice, language: str) -> NoticeRow:
    return NoticeRow(
        notice=notice,
        subject=notice.subject(language),
        body=notice.body(language),
        link=path_in_language(notice.link, language),
    )


def _list_url(request: HttpRequest) -> str:
    """Return the list's address, on the page the person was reading (a number only)."""
    page = request.POST.get("page", "")
    url = reverse("notices:list")
    return f"{url}?page={page}" if page.isdigit() else url


def _render_list(request: HttpRequest, form: MuteForm, *, status: int = 200) -> HttpResponse:
    language = translation.get_language() or "th"
    page = Paginator(notice_list(person=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [_row(notice, language) for notice in page.object_list],
        "form": form,
        "mandatory": [kind.label for kind in NoticeKind if kind not in OPTIONAL_KINDS],
    }
    return render(request, "notifications/notice_list.html", context, status=status)


@login_required
@require_GET
def notice_list_view(request: HttpRequest) -> HttpResponse:
    """Show the person's notices, newest first, and the kinds they may mute."""
    return _render_list(request, MuteForm(initial={"muted": sorted(notice_mutes_of(person=request.user))}))


@login_required
@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the person's notices read; someone else's is not found."""
    try:
        notice_mark_read(actor=request.user, notice_id=pk, now=timezone.now())
    except Notice.DoesNotExist:
        raise Http404(_("No such notice.")) from None
    return HttpResponseRedirect(_list_url(request))


@login_required
@require_POST
def notices_read_all(request: HttpRequest) -> HttpResponse:
    """Mark every notice of the person read."""
    count = notices_mark_all_read(actor=request.user, now=timezone.now())
    if count:
        messages.success(request, _("All your notices are marked as read."))
    return HttpResponseRedirect(_list_url(request))


@login_required
@require_POST
def notice_preferences(request: HttpRequest) -> HttpResponse:
    """Save which optional kinds of notice the person mutes."""
    form = MuteForm(request.POST)
    if not form.is_valid():
        return _render_list(request, form, status=400)
    notice_mutes_set(actor=request.user, muted=form.cleaned_data["muted"], now=timezone.now())
    messages.success(request, _("Your notice settings were saved."))
    return HttpResponseRedirect(reverse("notices:list"))
