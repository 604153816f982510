"""The open data's pages for people, under /th/ and /en/: the catalogue, each dataset, and the developers' guide."""

from django.urls import path

from . import page_views

app_name = "opendata_pages"
urlpatterns = [
    path("opendata/", page_views.catalogue, name="catalogue"),
    path("opendata/<slug:name>/", page_views.dataset, name="dataset"),
    path("developers/", page_views.developers, name="developers"),
]
