from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "prongsai.channels"
    verbose_name = _("Opinion and complaint channels")
