"""Read the public edition."""

from .models import Edition


def edition_current() -> int:
    """Return the current public edition number (one query; 1 before anything was ever published)."""
    number = Edition.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 1
