"""The ICT monitor's override form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ItemStatusChoices

CURRENT_CHOICES = [("", _("Unknown")), ("yes", _("Current")), ("no", _("Out of date"))]


class OverrideForm(forms.Form):
    status = forms.ChoiceField(label=_("Finding"), choices=ItemStatusChoices.choices)
    current = forms.ChoiceField(label=_("Currency"), choices=CURRENT_CHOICES, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def current_value(self) -> bool | None:
        """Return the chosen currency as true, false or unknown."""
        return {"yes": True, "no": False}.get(self.cleaned_data.get("current") or "")
