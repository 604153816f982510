"""The form of a person's notice preferences: which optional kinds to mute."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OPTIONAL_KINDS


class MuteForm(forms.Form):
    """Tick the optional kinds of notice to mute; the mandatory ones are not offered."""

    muted = forms.MultipleChoiceField(
        label=_("Do not send me these notices"),
        choices=[(kind.value, kind.label) for kind in OPTIONAL_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("This kind of notice cannot be muted: %(value)s.")},
    )
