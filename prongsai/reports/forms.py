"""Forms of the reporting rounds' pages: opening a round, its deadline, the report's texts, comments, filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.textforms import NormalizedTextForm

from .selectors import RoundFilter

ROUND_CHOICES = [("6", _("6-month round")), ("12", _("12-month round"))]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundOpenForm(NormalizedTextForm):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700)
    kind = forms.ChoiceField(label=_("Round"), choices=ROUND_CHOICES)
    deadline = forms.DateField(label=_("Submission deadline"), widget=_date_widget())


class DeadlineForm(NormalizedTextForm):
    deadline = forms.DateField(label=_("Submission deadline"), widget=_date_widget())


class UnitReportForm(NormalizedTextForm):
    """The reporter's texts: what the unit achieved (narrative) and what it will do (actions), Thai and English."""

    narrative_th = forms.CharField(
        label=_("Results (Thai)"), widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=20000
    )
    narrative_en = forms.CharField(
        label=_("Results (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=20000
    )
    actions_th = forms.CharField(
        label=_("Actions (Thai)"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=20000
    )
    actions_en = forms.CharField(
        label=_("Actions (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=20000
    )


class CommentForm(NormalizedTextForm):
    comment = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


FILTER_CHOICES = [
    (RoundFilter.ALL.value, _("All units")),
    (RoundFilter.NOT_STARTED.value, _("Not started")),
    (RoundFilter.IN_PROGRESS.value, _("In progress")),
    (RoundFilter.SUBMITTED.value, _("Submitted")),
    (RoundFilter.ACCEPTED.value, _("Accepted")),
    (RoundFilter.RETURNED.value, _("Returned for correction")),
    (RoundFilter.LATE.value, _("Late")),
    (RoundFilter.MISSING.value, _("Missing")),
]


class RoundFilterForm(NormalizedTextForm):
    show = forms.ChoiceField(label=_("Show"), choices=FILTER_CHOICES, required=False)

    def wanted(self) -> RoundFilter:
        """Return the chosen filter (all units when none or an unknown one is given)."""
        if self.is_valid():
            return RoundFilter(self.cleaned_data.get("show") or "")
        return RoundFilter.ALL
