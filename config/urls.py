"""URL configuration: portal, workspace and admin under /th/ and /en/; sitemap.xml and robots.txt at the root."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView

from prongsai.portal.sitemaps import SITEMAPS
from prongsai.portal.views import robots_txt

urlpatterns: list[URLPattern | URLResolver] = [
    path("", RedirectView.as_view(url="/th/", permanent=False)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Open data for machines (the CKAN Action API, DCAT, OCDS, downloads): in no language, never redirected.
    path("", include("prongsai.opendata.urls")),
]
# The public portal comes first: it takes nearly every request, and no pattern of it or of the
# channels swallows the workspace's or the admin's addresses.
urlpatterns += i18n_patterns(
    path("", include("prongsai.portal.urls")),
    path("", include("prongsai.channels.urls")),
    path("", include("prongsai.opendata.page_urls")),
    path("workspace/channels/", include("prongsai.channels.staff_urls")),
    path("workspace/monitor/", include("prongsai.monitoring.urls")),
    path("workspace/reports/overall/", include("prongsai.reports.overall_urls")),
    # Before the reporting rounds' own pages (workspace/reports/, namespace "reports"), which would otherwise take it.
    path("workspace/reports/ita/", include("prongsai.reports.ita_urls")),
    path("workspace/reports/files/", include("prongsai.reports.download_urls")),
    path("workspace/reports/", include("prongsai.reports.urls")),
    path("workspace/notices/", include("prongsai.notifications.urls")),
    path("workspace/plans/", include("prongsai.plans.urls")),
    path("workspace/procurement/import/", include("prongsai.procurement.import_urls")),
    path("workspace/procurement/summaries/", include("prongsai.procurement.summary_urls")),
    path("workspace/procurement/", include("prongsai.procurement.urls")),
    path("workspace/", include("prongsai.workspace.urls")),
    # One sign-in for staff: the admin's own form knows the password step only, not the second factor.
    path("admin/login/", RedirectView.as_view(pattern_name="workspace:login", query_string=True)),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
# MEDIA_ROOT holds only documents, drafts among them, and is served by no route in any setting:
# every document goes out through a view that applies its access rule (the portal's for published
# versions, the workspace's for the unit's staff).

handler404 = "prongsai.portal.errors.not_found"
