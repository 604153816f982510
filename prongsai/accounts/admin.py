from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .secondfactor import second_factor_reset
from .services import person_save

# Authenticators are set up by their owners and reset through the audited action below; django-otp's
# own admin would let anyone with access read secrets and create devices outside the audit trail.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(User)
class PersonAdmin(UserAdmin[User]):
    list_display = ("username", "full_name_th", "email", "is_active", "is_staff")
    search_fields = ("username", "full_name_th", "full_name_en", "email")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Names and position"), {"fields": ("full_name_th", "full_name_en", "position_th", "position_en")}),
    )
    actions = ["reset_second_factor"]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        person_save(actor=request.user, person=obj, changed_fields=list(form.changed_data))

    @admin.action(description=_("Reset two-factor sign-in (lost phone)"), permissions=["change"])
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        people = list(queryset)
        for person in people:
            second_factor_reset(actor=request.user, person=person)  # type: ignore[arg-type]
        self.message_user(
            request,
            ngettext(
                "Two-factor sign-in was reset for %(count)d person.",
                "Two-factor sign-in was reset for %(count)d people.",
                len(people),
            )
            % {"count": len(people)},
            messages.SUCCESS,
        )
