"""Forms of the overall report's pages: the matrix filters, a recommendation, the summary, the supervisor's comment."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.textforms import NormalizedTextForm


class MatrixFilterForm(NormalizedTextForm):
    """Filters of the compliance matrix: a piece of the unit's name, units with a gap in one item, and the page."""

    q = forms.CharField(label=_("Unit name"), required=False, max_length=100)
    gap = forms.CharField(label=_("Not complying with item"), required=False, max_length=32)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def _text(label: Any, *, required: bool = True, rows: int = 4) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=5000, widget=forms.Textarea(attrs={"rows": rows}))


class RecommendationForm(NormalizedTextForm):
    text_th = _text(_("Recommendation (Thai)"))
    text_en = _text(_("Recommendation (English)"))
    included = forms.BooleanField(label=_("Include in the report"), required=False)


class RecommendationAddForm(NormalizedTextForm):
    text_th = _text(_("Recommendation (Thai)"))
    text_en = _text(_("Recommendation (English)"))
    units = forms.CharField(label=_("Units concerned (slugs, comma-separated)"), required=False, max_length=2000)
    items = forms.CharField(label=_("Items concerned (codes, comma-separated)"), required=False, max_length=500)

    def listed(self, name: str) -> list[str]:
        """Return a comma-separated field as a list without blanks."""
        return [part.strip() for part in self.cleaned_data.get(name, "").split(",") if part.strip()]


class SummaryForm(NormalizedTextForm):
    summary_th = _text(_("Summary (Thai)"), required=False, rows=6)
    summary_en = _text(_("Summary (English)"), required=False, rows=6)


class SendBackForm(NormalizedTextForm):
    comment = _text(_("What needs to change"), rows=3)
