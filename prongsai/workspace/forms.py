"""Forms of the staff workspace; they parse input, the services validate and decide."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from prongsai.disclosures.models import Document, EntryVersion
from prongsai.textforms import NormalizedTextForm


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class DraftForm(NormalizedTextForm):
    body_th = forms.CharField(
        label=_("Content (Thai)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "th", "data-richtext": ""}),
    )
    body_en = forms.CharField(
        label=_("Content (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "en", "data-richtext": ""}),
    )
    url_th = forms.CharField(label=_("Page address on the unit's website (Thai)"), required=False, max_length=1000)
    url_en = forms.CharField(label=_("Page address on the unit's website (English)"), required=False, max_length=1000)
    as_of = forms.DateField(
        label=_("Information as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    nothing_to_publish = forms.BooleanField(label=_("Nothing to publish this period"), required=False)
    nothing_note_th = forms.CharField(
        label=_("Declaration (Thai)"), required=False, widget=forms.Textarea(attrs={"rows": 2, "lang": "th"})
    )
    nothing_note_en = forms.CharField(
        label=_("Declaration (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
    )
    change_note = forms.CharField(label=_("What changed"), required=False, max_length=500)
    documents = MultipleFileField(label=_("Add documents (PDF, DOCX, XLSX, PNG, JPEG, WebP)"), required=False)
    documents_language = forms.ChoiceField(
        label=_("Language of the added documents"),
        choices=Document.Language.choices,
        initial=Document.Language.THAI,
    )
    documents_title = forms.CharField(label=_("Title of the added documents"), required=False, max_length=255)
    remove_documents = forms.MultipleChoiceField(
        label=_("Remove documents"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, version: EntryVersion | None = None, allow_nothing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        documents = list(version.documents.all()) if version is not None else []
        _choice_field(self, "remove_documents").choices = [(str(d.pk), d.original_name) for d in documents]
        if not allow_nothing:
            for name in ("nothing_to_publish", "nothing_note_th", "nothing_note_en"):
                del self.fields[name]


class ReviewForm(NormalizedTextForm):
    VERDICT_CHOICES = [("yes", _("Yes")), ("no", _("No"))]

    correct = forms.ChoiceField(label=_("Correct"), choices=VERDICT_CHOICES, widget=forms.RadioSelect)
    correct_comment = forms.CharField(
        label=_("Comment on correctness"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    complete = forms.ChoiceField(label=_("Complete"), choices=VERDICT_CHOICES, widget=forms.RadioSelect)
    complete_comment = forms.CharField(
        label=_("Comment on completeness"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    current = forms.ChoiceField(label=_("Current"), choices=VERDICT_CHOICES, widget=forms.RadioSelect)
    current_comment = forms.CharField(
        label=_("Comment on currency"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment = forms.CharField(
        label=_("Comment to the editor"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MatrixFilterForm(NormalizedTextForm):
    q = forms.CharField(label=_("Unit name"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    clause = forms.ChoiceField(label=_("Clause"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        status_choices: list[tuple[str, Any]],
        clause_choices: list[tuple[str, str]],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        _choice_field(self, "status").choices = [("", _("Any status")), *status_choices]
        _choice_field(self, "clause").choices = [("", _("All clauses")), *clause_choices]


class SecondFactorCodeForm(forms.Form):
    """A code from the authenticator app, or a recovery code (the service tells which)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
