"""People who sign in to the workspace. Their roles live in organizations.RoleAssignment."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A civil servant with a workspace account; names are kept in Thai and English."""

    full_name_th = models.CharField(_("full name (Thai)"), max_length=200, blank=True)
    full_name_en = models.CharField(_("full name (English)"), max_length=200, blank=True)
    position_th = models.CharField(_("position (Thai)"), max_length=200, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def display_name(self, language: str = "th") -> str:
        """Return the name to show in the given language, falling back to the other one and the username."""
        preferred = self.full_name_en if language == "en" else self.full_name_th
        return preferred or self.full_name_th or self.full_name_en or self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.display_name()
