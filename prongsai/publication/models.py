"""The public edition: a counter that every change to what the public sees moves forward.

Public pages are cached under the edition they were rendered from, so bumping the counter in
the transaction that publishes a change invalidates every cached page at once, in every process.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Edition(models.Model):
    """The single row holding the current public edition."""

    number = models.PositiveBigIntegerField(_("edition"), default=1)
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)
    reason = models.CharField(_("last change"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("public edition")
        verbose_name_plural = _("public editions")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="edition_single_row")]

    def __str__(self) -> str:
        return str(self.number)
