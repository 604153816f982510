from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "prongsai.publication"
    verbose_name = _("Publication")

    def ready(self) -> None:
        from prongsai.checklists.signals import active_checklist_changed
        from prongsai.disclosures.signals import version_published
        from prongsai.organizations.signals import organization_changed

        from . import receivers

        organization_changed.connect(receivers.republish_organization, dispatch_uid="publication.republish")
        active_checklist_changed.connect(receivers.republish_checklist, dispatch_uid="publication.republish")
        version_published.connect(receivers.republish_entry, dispatch_uid="publication.republish")
