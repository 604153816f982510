from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "prongsai.disclosures"
    verbose_name = _("Disclosure register")

    def ready(self) -> None:
        from prongsai.checklists.signals import active_checklist_changed
        from prongsai.organizations.signals import organization_changed

        from . import receivers

        organization_changed.connect(receivers.entries_for_organization, dispatch_uid="disclosures.entries")
        active_checklist_changed.connect(receivers.entries_for_checklist, dispatch_uid="disclosures.entries")
