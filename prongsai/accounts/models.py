"""People who sign in to the workspace. Their roles live in organizations.RoleAssignment."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, TimestampMixin


class User(AbstractUser):  # type: ignore[django-manager-missing]  # RecoveryCodeSet.user comes from untyped django-otp
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


class RecoveryCodeSet(TimestampMixin, Device):  # type: ignore[misc]  # django-otp has no type hints
    """A person's single-use recovery codes, for signing in when the authenticator app is lost.

    A django-otp device, so that a sign-in with a recovery code marks the session as verified
    exactly as the authenticator does. The codes themselves are kept only as SHA-256 digests:
    each carries 80 random bits, so a fast hash leaves nothing to guess from a copy of the table.
    """

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")


class RecoveryCode(models.Model):
    """One recovery code, by its digest; spent (used_at set) the first time it signs its person in."""

    code_set = models.ForeignKey(RecoveryCodeSet, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code_set", "digest"], name="recovery_code_unique_in_set")]

    def __str__(self) -> str:
        return f"recovery code {self.pk} of {self.code_set_id}"
