"""Where each notice points: paths of the Thai workspace, and the full address an e-mail carries."""

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation


def entry_path(*, organization_slug: str, item_code: str) -> str:
    """Return the path of an item's page in the workspace (Thai)."""
    with translation.override("th"):
        return reverse("workspace:entry_detail", kwargs={"slug": organization_slug, "code": item_code})


def unit_report_path(*, round_code: str, organization_slug: str) -> str:
    """Return the path of a unit's report of a round in the workspace (Thai)."""
    with translation.override("th"):
        return reverse("reports:unit_report", kwargs={"code": round_code, "slug": organization_slug})


def digest_path() -> str:
    """Return the page the weekly digest opens: the monitor's overview of every unit (Thai)."""
    with translation.override("th"):
        return reverse("monitor:overview")


def absolute_url(path: str) -> str:
    """Return the address of a workspace path on this site, for an e-mail."""
    return f"{settings.PRONGSAI_SITE_URL.rstrip('/')}{path}"


def path_in_language(path: str, language: str) -> str:
    """Return a notice's Thai workspace path as the same page in the reader's language.

    The path is resolved with Thai active (its prefix is /th/) and reversed in the reader's
    language; a path no view answers (a page since removed) keeps its address with the language
    prefix swapped.
    """
    if language == "th":
        return path
    try:
        with translation.override("th"):
            match = resolve(path)
        with translation.override(language):
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return f"/{language}/{path.removeprefix('/th/')}" if path.startswith("/th/") else path
