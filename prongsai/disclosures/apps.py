from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "prongsai.disclosures"
    verbose_name = _("Disclosure register")
