"""Background task: send a visitor their tracking code (run by the task worker after commit)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.thaidate import format_date_in


@task()
def send_tracking_code(submission_id: int) -> int:
    """E-mail the tracking code to the address the visitor gave, in the language they used; return mails sent."""
    from .models import Submission

    submission = Submission.objects.select_related("organization").get(pk=submission_id)
    if not submission.email:
        return 0
    with translation.override(submission.language):
        track = f"{settings.PRONGSAI_SITE_URL.rstrip('/')}{reverse('channels:track')}"
        unit = submission.organization.name(submission.language)
        subject = _("Your tracking code %(code)s") % {"code": submission.tracking_code}
        body = _(
            "%(unit)s has received your message (%(kind)s).\n\n"
            "Tracking code: %(code)s\n"
            "We aim to answer by: %(due)s\n\n"
            "Follow its progress at %(track)s by entering the code. Keep the code to yourself: "
            "anyone who has it can see the replies.\n"
        ) % {
            "unit": unit,
            "kind": submission.get_kind_display(),
            "code": submission.tracking_code,
            "due": format_date_in(submission.language, submission.due_date),
            "track": track,
        }
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [submission.email], fail_silently=False)
