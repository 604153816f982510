from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "prongsai.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from prongsai.channels.models import Submission
        from prongsai.checklists.signals import active_checklist_changed
        from prongsai.disclosures.signals import version_published
        from prongsai.monitoring.models import SiteCheck
        from prongsai.organizations.signals import organization_changed

        from . import receivers

        version_published.connect(receivers.entry_published, dispatch_uid="opendata.refresh")
        organization_changed.connect(receivers.organization_changed, dispatch_uid="opendata.refresh")
        active_checklist_changed.connect(receivers.checklist_changed, dispatch_uid="opendata.refresh")
        post_save.connect(receivers.submission_saved, sender=Submission, dispatch_uid="opendata.refresh")
        post_save.connect(receivers.check_saved, sender=SiteCheck, dispatch_uid="opendata.refresh")
