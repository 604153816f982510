from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "prongsai.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from prongsai.disclosures.signals import review_decided, review_requested
        from prongsai.reports.signals import unit_report_awaiting_approval, unit_report_decided

        from . import receivers

        review_requested.connect(receivers.review_requested_notify, dispatch_uid="notifications.review_requested")
        review_decided.connect(receivers.review_decided_notify, dispatch_uid="notifications.review_decided")
        unit_report_awaiting_approval.connect(
            receivers.unit_report_awaiting_approval_notify, dispatch_uid="notifications.unit_report_awaiting_approval"
        )
        unit_report_decided.connect(
            receivers.unit_report_decided_notify, dispatch_uid="notifications.unit_report_decided"
        )
