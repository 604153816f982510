"""Public addresses, under /th/ and /en/ (the language is part of every address)."""

from django.urls import path

from . import embed_views, records_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("units/<slug:slug>/", views.unit_page, name="unit"),
    path("units/<slug:slug>/embed/", embed_views.embed, name="embed"),
    path("units/<slug:slug>/badge.svg", embed_views.badge, name="badge"),
    path("units/<slug:slug>/share/", embed_views.share, name="share"),
    path("units/<slug:slug>/export.zip", embed_views.export, name="export"),
    path("units/<slug:slug>/items/<str:code>/", views.item_page, name="item"),
    path("units/<slug:slug>/documents/<int:pk>/<str:name>", views.document, name="document"),
    path(
        "units/<slug:slug>/items/<str:code>/summaries/<str:month>.pdf",
        records_views.summary_file,
        {"file_format": "pdf"},
        name="summary_pdf",
    ),
    path(
        "units/<slug:slug>/items/<str:code>/summaries/<str:month>.xlsx",
        records_views.summary_file,
        {"file_format": "xlsx"},
        name="summary_xlsx",
    ),
    path("search/", views.search, name="search"),
    path("sitemap/", views.site_map, name="sitemap"),
    path("policies/<slug:name>/", views.policy, name="policy"),
]
