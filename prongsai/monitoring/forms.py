"""Forms of the monitor's workspace pages: the ICT monitor's override, the overview's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.textforms import NormalizedTextForm

from .models import ItemStatusChoices
from .selectors import ScoreBand

CURRENT_CHOICES = [("", _("Unknown")), ("yes", _("Current")), ("no", _("Out of date"))]


class OverrideForm(NormalizedTextForm):
    status = forms.ChoiceField(label=_("Finding"), choices=ItemStatusChoices.choices)
    current = forms.ChoiceField(label=_("Currency"), choices=CURRENT_CHOICES, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def current_value(self) -> bool | None:
        """Return the chosen currency as true, false or unknown."""
        return {"yes": True, "no": False}.get(self.cleaned_data.get("current") or "")


BAND_CHOICES = [
    ("", _("Any score")),
    (ScoreBand.HIGH.value, _("80 and above")),
    (ScoreBand.MIDDLE.value, _("50 to under 80")),
    (ScoreBand.LOW.value, _("Under 50")),
    (ScoreBand.UNCHECKED.value, _("Not checked yet")),
]


class OverviewFilterForm(NormalizedTextForm):
    """Filters of the department overview: a score band, a piece of the unit's name, and the page."""

    q = forms.CharField(label=_("Unit name"), required=False, max_length=100)
    band = forms.ChoiceField(label=_("Score"), choices=BAND_CHOICES, required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def band_value(self) -> ScoreBand | None:
        """Return the chosen band, or None for any score."""
        value = self.cleaned_data.get("band") or ""
        return ScoreBand(value) if value else None
