from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import User
from .services import person_save


@admin.register(User)
class PersonAdmin(UserAdmin[User]):
    list_display = ("username", "full_name_th", "email", "is_active", "is_staff")
    search_fields = ("username", "full_name_th", "full_name_en", "email")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Names and position"), {"fields": ("full_name_th", "full_name_en", "position_th", "position_en")}),
    )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        person_save(actor=request.user, person=obj, changed_fields=list(form.changed_data))
