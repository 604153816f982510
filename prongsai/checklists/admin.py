"""Checklists are loaded from data files with `manage.py checklist load`; the admin only shows them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Checklist, ChecklistItem


class ReadOnlyAdmin[T: Any](admin.ModelAdmin[T]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Checklist)
class ChecklistAdmin(ReadOnlyAdmin[Checklist]):
    list_display = ("code", "version", "title_th", "is_active", "loaded_at")


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReadOnlyAdmin[ChecklistItem]):
    list_display = ("code", "name_th", "review_step", "currency", "checklist", "retired")
    list_filter = ("checklist", "review_step", "retired")
    search_fields = ("code", "name_th", "name_en")
