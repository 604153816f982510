from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "prongsai.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import signals  # noqa: F401  (connects the sign-in and sign-out receivers)
        from .appendonly import register_on_connection_created

        # The SQLite append-only triggers ask a function only Prongsai's own connections have.
        connection_created.connect(register_on_connection_created, dispatch_uid="prongsai.audit.appendonly")
