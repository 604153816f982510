"""Administrators' configuration of organizations, groups and roles; role changes go through the audited services."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Organization, ReviewGroup, RoleAssignment
from .services import (
    ORGANIZATION_FIELDS,
    organization_create,
    organization_update,
    organization_websites_set,
    review_group_save,
    role_assign,
    role_revoke,
)

_FIELDS = ORGANIZATION_FIELDS


class OrganizationForm(forms.ModelForm[Organization]):
    websites = forms.CharField(
        label=_("Websites"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line; the first is the main website."),
    )

    class Meta:
        model = Organization
        fields = _FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            urls = self.instance.websites.order_by("-is_primary", "url").values_list("url", flat=True)
            self.fields["websites"].initial = "\n".join(urls)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    """Organizations are created and changed through the audited services (entries follow automatically)."""

    form = OrganizationForm
    list_display = ("name_th", "name_en", "slug", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active", "is_support_unit")
    search_fields = ("name_th", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # units are deactivated, never deleted: their history stays

    def save_model(self, request: HttpRequest, obj: Organization, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in _FIELDS}
        urls = [line.strip() for line in form.cleaned_data.get("websites", "").splitlines() if line.strip()]
        if change:
            saved = organization_update(actor=request.user, organization=obj, **data)
            organization_websites_set(actor=request.user, organization=saved, urls=urls)
        else:
            data.pop("is_active")
            saved = organization_create(actor=request.user, websites=urls, **data)
        obj.pk = saved.pk


@admin.register(ReviewGroup)
class ReviewGroupAdmin(admin.ModelAdmin[ReviewGroup]):
    list_display = ("name_th", "organization")
    search_fields = ("name_th", "name_en")
    filter_horizontal = ("members",)

    def save_model(self, request: HttpRequest, obj: ReviewGroup, form: Any, change: bool) -> None:
        data = form.cleaned_data
        review_group_save(
            actor=request.user,
            group=obj,
            name_th=data["name_th"],
            name_en=data.get("name_en", ""),
            organization=data["organization"],
            members=list(data.get("members", [])),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Members were saved (and audited) with the group in save_model."""


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin[RoleAssignment]):
    """Assignments are created and removed only (never edited), each through an audited service."""

    list_display = ("role", "organization", "user", "group", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name_th", "organization__name_th", "group__name_th")
    autocomplete_fields = ("organization", "user")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool) -> None:
        created = role_assign(
            actor=request.user, role=obj.role, organization=obj.organization, user=obj.user, group=obj.group
        )
        obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        role_revoke(actor=request.user, assignment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for assignment in queryset.select_related("organization", "user", "group"):
            role_revoke(actor=request.user, assignment=assignment)
