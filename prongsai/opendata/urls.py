"""Machine addresses at the site's root, in no language: the CKAN Action API, the OpenAPI description,
the DCAT catalogue and the downloads (the paths entities.py builds). Never a redirect: the API
answers `/api/3/action/<name>` and `/api/action/<name>` alike, with or without a trailing slash.
"""

from django.urls import path, re_path

from . import api_views, dcat_views, download_views, ocds_views, openapi_views

app_name = "opendata"
urlpatterns = [
    re_path(r"^api/3/action/(?P<name>[^/]*)/?$", api_views.action, name="action"),
    re_path(r"^api/action/(?P<name>[^/]*)/?$", api_views.action, name="action_unversioned"),
    # Without an action name: answered "action not known" here rather than redirected to the slash form.
    re_path(r"^api/(?:3/)?action$", api_views.action, {"name": ""}, name="action_missing"),
    path("api/openapi.json", openapi_views.openapi, name="openapi"),
    path("catalog.ttl", dcat_views.catalog, {"syntax": "turtle"}, name="catalog_ttl"),
    path("catalog.jsonld", dcat_views.catalog, {"syntax": "json-ld"}, name="catalog_jsonld"),
    path("opendata/datasets/<slug:name>.csv", download_views.table, {"file_format": "CSV"}, name="table_csv"),
    path("opendata/datasets/<slug:name>.json", download_views.table, {"file_format": "JSON"}, name="table_json"),
    path("opendata/datasets/<slug:name>.xlsx", download_views.table, {"file_format": "XLSX"}, name="table_xlsx"),
    path("opendata/ocds/<slug:slug>.json", ocds_views.package, name="ocds_all"),
    path("opendata/ocds/<slug:slug>/<str:month>.json", ocds_views.package, name="ocds_month"),
    path("opendata/ocds/<slug:slug>/<str:month>/<int:sequence>.json", ocds_views.record, name="ocds_record"),
]
