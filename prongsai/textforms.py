"""Forms that store what staff type under the project's one text normalisation (`prongsai.thaitext`)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from prongsai.thaitext import normalize_thai, normalize_thai_lines


class NormalizedTextForm(forms.Form):
    """A form whose text fields are normalised once its fields are clean, so no view or field repeats it.

    A field drawn as a textarea keeps its line breaks (`normalize_thai_lines`); any other text field becomes one
    line (`normalize_thai`). A required field that held only invisible characters is left empty by the
    normalisation and gets the field's own "required" error, as if nothing had been typed.
    """

    def clean(self) -> dict[str, Any]:
        """Return the cleaned data with every text value normalised."""
        cleaned = super().clean() or self.cleaned_data
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if not isinstance(field, forms.CharField) or not isinstance(value, str):
                continue
            value = normalize_thai_lines(value) if isinstance(field.widget, forms.Textarea) else normalize_thai(value)
            if field.required and not value:
                self.add_error(name, ValidationError(field.error_messages["required"], code="required"))
                continue
            cleaned[name] = value
        return cleaned
