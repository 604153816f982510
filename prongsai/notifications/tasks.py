"""Background tasks that tell people about work waiting for them (run by the task worker)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation

from prongsai.disclosures.models import EntryVersion

from .recipients import editors_of, reviewers_of


def _version_link(version: EntryVersion) -> str:
    with translation.override("th"):
        path = reverse(
            "workspace:entry_detail",
            kwargs={"slug": version.entry.organization.slug, "code": version.entry.item.code},
        )
    return f"{settings.PRONGSAI_SITE_URL.rstrip('/')}{path}"


@task()
def notify_review_requested(version_id: int) -> int:
    """E-mail the reviewers of the item's step that a version awaits their review; return how many were sent."""
    version = EntryVersion.objects.select_related("entry__item", "entry__organization").get(pk=version_id)
    entry = version.entry
    recipients = [u.email for u in reviewers_of(entry.organization_id, entry.item.review_step) if u.email]
    subject = f"[Prongsai] รอตรวจสอบ {entry.item.code} {entry.item.name_th} — {entry.organization.name_th}"
    body = (
        f"{entry.organization.name_th}\n{entry.item.code} {entry.item.name_th} (ฉบับที่ {version.number})\n"
        f"รอการตรวจสอบขั้นตอนที่ {entry.item.review_step} / awaiting step {entry.item.review_step} review\n\n"
        f"{_version_link(version)}\n"
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


@task()
def notify_decision(version_id: int) -> int:
    """E-mail the unit's editors that a version was approved or returned; return how many were sent."""
    version = EntryVersion.objects.select_related("entry__item", "entry__organization").get(pk=version_id)
    entry = version.entry
    outcome_th, outcome_en = (
        ("อนุมัติและเผยแพร่แล้ว", "approved and published")
        if version.state == "approved"
        else ("ส่งกลับให้แก้ไข", "returned for changes")
    )
    recipients = [u.email for u in editors_of(entry.organization_id) if u.email]
    subject = f"[Prongsai] {entry.item.code} {outcome_th} — {entry.organization.name_th}"
    body = (
        f"{entry.organization.name_th}\n{entry.item.code} {entry.item.name_th} (ฉบับที่ {version.number})\n"
        f"{outcome_th} / {outcome_en}\n\n{_version_link(version)}\n"
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
