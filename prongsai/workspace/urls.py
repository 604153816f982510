from django.contrib.auth import views as auth_views
from django.urls import path

from . import records_views, signin, views

app_name = "workspace"
item = "units/<slug:slug>/items/<str:code>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", signin.SignInView.as_view(), name="login"),
    path("login/code/", signin.signin_code, name="signin_code"),
    path("account/two-factor/", signin.two_factor, name="two_factor"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path(item, views.entry_detail, name="entry_detail"),
    path(item + "edit/", views.entry_edit, name="entry_edit"),
    path(item + "submit/", views.entry_submit, name="entry_submit"),
    path(item + "withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path(item + "discard/", views.entry_discard, name="entry_discard"),
    path(item + "review/", views.entry_review, name="entry_review"),
    path(item + "diff/<int:before>/<int:after>/", views.entry_diff, name="entry_diff"),
    path(item + "records/", records_views.entry_records, name="entry_records"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("matrix/", views.matrix, name="matrix"),
]
