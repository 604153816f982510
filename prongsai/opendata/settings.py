"""The open data's settings, read in one place (config/settings/base.py defines them)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .kinds import LICENSES, License


def opendata_license() -> License:
    """Return the licence datasets are published under (PRONGSAI_OPENDATA_LICENSE, default CC-BY-4.0)."""
    license_id = settings.PRONGSAI_OPENDATA_LICENSE
    if license_id not in LICENSES:
        known = ", ".join(sorted(LICENSES))
        raise ImproperlyConfigured(f"PRONGSAI_OPENDATA_LICENSE must be one of {known}, not {license_id!r}")
    return LICENSES[license_id]


def ocid_prefix() -> str:
    """Return the OCDS ocid prefix (PRONGSAI_OCDS_OCID_PREFIX), e.g. "ocds-abc123"."""
    return str(settings.PRONGSAI_OCDS_OCID_PREFIX)


def contact_email() -> str:
    """Return the address the catalogue names for questions about the data ("" for none)."""
    return str(settings.PRONGSAI_OPENDATA_CONTACT_EMAIL)


def catalog_page_size() -> int:
    """Return how many datasets one page of the DCAT catalogue holds."""
    return int(settings.PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE)
