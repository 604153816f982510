"""The workspace forms of action plans: the plan's heading, a programme, a project, a month's progress, an upload.

The forms read what staff type (Buddhist-era or common-era dates, amounts with commas and "บาท",
Thai digits) into the inputs of plans/inputs.py; the services check those inputs and their
problems come back onto the form's fields (`add_problems`), so a page shows every problem at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prongsai.money import format_baht, parse_baht
from prongsai.problems import Problem
from prongsai.textforms import NormalizedTextForm
from prongsai.thaidate import ENGLISH_MONTHS, fiscal_year_bounds, fiscal_year_of, parse_thai_date
from prongsai.thaidate.formatting import format_thai_month

from .cells import Unreadable, read_percent
from .inputs import ProgressInput, ProjectInput
from .models import Programme, ProgressReport, ProgressStatus, Project
from .services import FISCAL_YEAR_FIRST, FISCAL_YEAR_LAST

__all__ = [
    "ImportForm",
    "PlanForm",
    "ProgrammeForm",
    "ProgressForm",
    "ProjectForm",
    "add_problems",
    "fiscal_months",
    "month_code",
    "month_label",
    "progress_initial",
    "project_initial",
]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def month_label(month: dt.date, language: str) -> str:
    """Name a month for the reader: "มีนาคม 2569" or "March 2026"."""
    return format_thai_month(month) if language == "th" else f"{ENGLISH_MONTHS[month.month]} {month.year}"


def add_problems(form: forms.Form, problems: list[Problem], language: str) -> None:
    """Put a service's problems on the form: each on its field when the form has it, else on the whole form."""
    for problem in problems:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.text(language))


def fiscal_months(fiscal_year: int) -> list[dt.date]:
    """Return the first days of the fiscal year's twelve months, October to September."""
    first, _last = fiscal_year_bounds(fiscal_year)
    return [dt.date(first.year + (first.month + n - 1) // 12, (first.month + n - 1) % 12 + 1, 1) for n in range(12)]


def month_code(month: dt.date) -> str:
    """Return a month as it travels in addresses and form values: "2026-03"."""
    return month.strftime("%Y-%m")


class ThaiDateField(forms.DateField):
    """A date typed the ISO way (the browser's date picker) or the Thai way: "15 มี.ค. 2569", "๑๕/๐๓/๒๕๖๙"."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str) and value.strip():
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                found = parse_thai_date(value)
                if found is None:
                    raise ValidationError(
                        _("Enter a date, such as 15/03/2569 or 15 มี.ค. 2569."), code="invalid"
                    ) from None
                return found
        return super().to_python(value)


class BahtField(forms.CharField):
    """An amount of baht as Thai documents write it: "1,250,000.50", "95,000 บาท", "๙๕,๐๐๐.-"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return format_baht(value) if isinstance(value, Decimal) else value

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        amount = parse_baht(text)
        if amount is None:
            raise ValidationError(_("Enter an amount of baht, such as 1,250,000.00."), code="invalid")
        return amount


class PercentField(forms.CharField):
    """A percentage of physical progress: "45", "45.5", "45 %", Thai digits too."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return read_percent(text)
        except Unreadable:
            raise ValidationError(_("Enter a percentage from 0 to 100."), code="invalid") from None


class PlanForm(NormalizedTextForm):
    """A plan's heading; the fiscal year is asked only when the plan is new."""

    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"), min_value=FISCAL_YEAR_FIRST, max_value=FISCAL_YEAR_LAST
    )
    title_th = forms.CharField(label=_("Title (Thai)"), max_length=500)
    title_en = forms.CharField(label=_("Title (English)"), max_length=500, required=False)
    approved_on = ThaiDateField(label=_("Approved on"), required=False)

    def __init__(self, *args: Any, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new:
            del self.fields["fiscal_year"]


class ProgrammeForm(NormalizedTextForm):
    name_th = forms.CharField(label=_("Programme name (Thai)"), max_length=500)
    name_en = forms.CharField(label=_("Programme name (English)"), max_length=500, required=False)


class ProjectForm(NormalizedTextForm):
    """A project or activity; its programme can be changed to move it."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Project.Kind.choices)
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=500)
    name_en = forms.CharField(label=_("Name (English)"), max_length=500, required=False)
    budget = BahtField(label=_("Budget (baht)"))
    budget_source = forms.CharField(label=_("Source of funds"), max_length=200, required=False)
    start = ThaiDateField(label=_("Start"))
    end = ThaiDateField(label=_("End"))
    division = forms.CharField(label=_("Responsible division"), max_length=300)
    kpi = forms.CharField(label=_("Indicator (KPI)"), max_length=500, required=False)
    target = forms.CharField(label=_("Target"), max_length=200, required=False)

    def __init__(self, *args: Any, programmes: list[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Programme.objects.filter(pk__in=[p.pk for p in programmes]).order_by("position", "id")

    def to_input(self) -> ProjectInput:
        """Return the cleaned form as a project input (call after is_valid)."""
        data = self.cleaned_data
        return ProjectInput(
            name_th=data["name_th"],
            name_en=data["name_en"],
            kind=data["kind"],
            budget=data["budget"],
            budget_source=data["budget_source"],
            start=data["start"],
            end=data["end"],
            division=data["division"],
            kpi=data["kpi"],
            target=data["target"],
        )


def project_initial(project: Project) -> dict[str, Any]:
    """Return a stored project as the form's initial values."""
    names = ("kind", "name_th", "name_en", "budget", "budget_source", "start", "end", "division", "kpi", "target")
    return {"programme": project.programme_id, **{name: getattr(project, name) for name in names}}


class ProgressForm(NormalizedTextForm):
    """A project's progress in one month of the plan's fiscal year, as of a date."""

    period = forms.ChoiceField(label=_("Reporting month"))
    as_of = ThaiDateField(label=_("As of"))
    progress_percent = PercentField(label=_("Physical progress (%)"))
    disbursed = BahtField(label=_("Budget disbursed to date (baht)"))
    status = forms.ChoiceField(label=_("Status"), choices=ProgressStatus.choices)
    note_th = forms.CharField(
        label=_("Notes (Thai)"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    note_en = forms.CharField(
        label=_("Notes (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )

    def __init__(self, *args: Any, fiscal_year: int, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(month_code(month), month_label(month, language)) for month in fiscal_months(fiscal_year)]

    def to_input(self) -> ProgressInput:
        """Return the cleaned form as a progress input (call after is_valid)."""
        data = self.cleaned_data
        return ProgressInput(
            period=dt.date.fromisoformat(f"{data['period']}-01"),
            as_of=data["as_of"],
            progress_percent=data["progress_percent"],
            disbursed=data["disbursed"],
            status=data["status"],
            note_th=data["note_th"],
            note_en=data["note_en"],
        )


def progress_initial(report: ProgressReport | None, period: dt.date, today: dt.date) -> dict[str, Any]:
    """Return the form's initial values: the stored report of the month, or the month with today's date."""
    if report is None:
        return {
            "period": month_code(period),
            "as_of": min(today, _month_end(period)),
            "status": ProgressStatus.ON_SCHEDULE,
        }
    return {
        "period": month_code(report.period),
        "as_of": report.as_of,
        "progress_percent": report.progress_percent,
        "disbursed": report.disbursed,
        "status": report.status,
        "note_th": report.note_th,
        "note_en": report.note_en,
    }


def _month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class ImportForm(forms.Form):
    """A plan workbook to import, for a fiscal year."""

    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"), min_value=FISCAL_YEAR_FIRST, max_value=FISCAL_YEAR_LAST
    )
    workbook = forms.FileField(label=_("Workbook (.xlsx)"))

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if today is not None:
            self.fields["fiscal_year"].initial = fiscal_year_of(today)

    def clean_workbook(self) -> Any:
        upload = self.cleaned_data["workbook"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
        return upload
