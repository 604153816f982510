"""Writes of the opinion and complaint channels: receiving a submission and handling it.

Every service validates before it writes, writes in one transaction with its audit event, and
checks the actor's access (handling needs Capability.CHANNELS at the submission's unit). Audit
data never carries personal data: no name, contact, message, subject or attachment name, and
not the tracking code either (it is the visitor's key to the status page).
"""

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.disclosures.uploads import CheckedDocument
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.thaitext import ascii_digits, normalize_thai, normalize_thai_lines

from . import tasks
from .attachments import attachment_check, attachment_discard, attachment_store
from .clients import client_fingerprint
from .lifecycle import Outcome, Status, due_date, next_status, tracking_code_from_bits
from .models import KIND_TOPICS, Kind, Submission, SubmissionEvent

SUBJECT_MAX_CHARS = 200
NAME_MAX_CHARS = 200
CODE_ATTEMPTS = 5
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-.]*$")


@dataclass(frozen=True)
class SubmissionInput:
    """What a visitor posts on an opinion or complaint form."""

    kind: str
    topic: str = ""
    subject: str = ""
    message: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    anonymous: bool = False
    attachment: UploadedFile[Any] | None = None


class _Problems:
    """Field errors collected before anything is written, raised together as one ValidationError."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _clean_text(text: str, *, multiline: bool = False) -> str:
    """Return the text as it is stored: the project's one normalisation (`prongsai.thaitext`), which drops
    control, invisible and bidi characters and puts Thai in its canonical order; a message keeps its line breaks."""
    return normalize_thai_lines(text) if multiline else normalize_thai(text)


def _random_bits() -> int:
    return secrets.randbits(60)


def _rate_limit(fingerprint: str, now: dt.datetime) -> None:
    """Refuse a submission when this connection already sent the most allowed in the past hour or day.

    Counted from stored submissions, so the limit holds across processes and machines and costs
    no extra writes.
    """
    recent = Submission.objects.filter(client_hash=fingerprint, received_at__gt=now - dt.timedelta(days=1))
    per_day = int(settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_DAY)
    per_hour = int(settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_HOUR)
    if recent.filter(received_at__gt=now - dt.timedelta(hours=1)).count() >= per_hour:
        raise ValidationError(
            _(
                "You have sent %(count)d messages in the past hour, the most we accept from one connection. "
                "Please try again in an hour."
            )
            % {"count": per_hour},
            code="rate_limited",
        )
    if recent.count() >= per_day:
        raise ValidationError(
            _(
                "You have sent %(count)d messages in the past day, the most we accept from one connection. "
                "Please try again tomorrow."
            )
            % {"count": per_day},
            code="rate_limited",
        )


def _validate(data: SubmissionInput) -> tuple[dict[str, Any], CheckedDocument | None]:
    """Return the cleaned fields and the checked attachment, or raise every problem at once."""
    problems = _Problems()
    if data.kind not in Kind.values:
        raise ValidationError(_("This form is not available."), code="invalid_kind")
    topics = [topic.value for topic in KIND_TOPICS[data.kind]]
    if data.topic not in topics:
        problems.add("topic", _("Choose a topic from the list."))
    subject = _clean_text(data.subject)
    if not subject:
        problems.add("subject", _("Enter a subject."))
    elif len(subject) > SUBJECT_MAX_CHARS:
        problems.add(
            "subject",
            _("Keep the subject to %(limit)d characters or fewer; it has %(count)d.")
            % {"limit": SUBJECT_MAX_CHARS, "count": len(subject)},
        )
    message = _clean_text(data.message, multiline=True)
    message_limit = int(settings.PRONGSAI_CHANNEL_MAX_MESSAGE_CHARS)
    if not message:
        problems.add("message", _("Enter your message."))
    elif len(message) > message_limit:
        problems.add(
            "message",
            _("Keep the message to %(limit)d characters or fewer; it has %(count)d.")
            % {"limit": message_limit, "count": len(message)},
        )
    name = email = phone = ""
    if not data.anonymous:
        name = _clean_text(data.name)
        if len(name) > NAME_MAX_CHARS:
            problems.add(
                "name",
                _("Keep the name to %(limit)d characters or fewer; it has %(count)d.")
                % {"limit": NAME_MAX_CHARS, "count": len(name)},
            )
        email = _clean_text(data.email).replace(" ", "")
        if email:
            try:
                if len(email) > 254:
                    raise ValidationError("too long")
                validate_email(email)
            except ValidationError:
                problems.add("email", _("Enter an e-mail address such as name@example.com."))
        # A telephone number is dialled, not read: Thai digits are accepted and stored as ASCII digits.
        phone = ascii_digits(_clean_text(data.phone))
        digits = sum(ch.isdigit() for ch in phone)
        if phone and (not _PHONE.match(phone) or not 9 <= digits <= 15 or len(phone) > 32):
            problems.add("phone", _("Enter a phone number of 9 to 15 digits, such as 02 123 4567."))
    checked = None
    if data.attachment is not None:
        try:
            checked = attachment_check(data.attachment)
        except ValidationError as exc:
            for message_text in exc.messages:
                problems.add("attachment", message_text)
    problems.raise_if_any()
    fields = {
        "kind": data.kind,
        "topic": data.topic,
        "subject": subject,
        "message": message,
        "name": name,
        "email": email,
        "phone": phone,
        "is_anonymous": data.anonymous,
    }
    return fields, checked


def submission_create(
    *,
    organization: Organization,
    data: SubmissionInput,
    client_ip: str,
    language: str,
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Submission:
    """Receive an opinion or complaint from the public and return it with its new tracking code.

    Checks every field and the attachment, then the connection's rate limit, and stores nothing
    if any of it fails. Anonymous submissions keep no name, e-mail or phone even if they were
    posted. When an e-mail address is given, the tracking code is sent to it after commit, in the
    visitor's language (`notify=False` skips the mail, for loading history).
    """
    now = now or timezone.now()
    if not organization.is_active:
        raise ValidationError(_("This unit does not accept opinions or complaints."), code="inactive_unit")
    fields, checked = _validate(data)
    fingerprint = client_fingerprint(client_ip)
    stored_path, created_file = attachment_store(checked) if checked else ("", False)
    try:
        submission = _submission_insert(
            organization=organization,
            fields=fields,
            checked=checked,
            stored_path=stored_path,
            fingerprint=fingerprint,
            language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
            now=now,
            notify=notify,
        )
    except BaseException:
        if created_file and not Submission.objects.filter(attachment_path=stored_path).exists():
            attachment_discard(stored_path)
        raise
    return submission


@transaction.atomic
def _submission_insert(
    *,
    organization: Organization,
    fields: dict[str, Any],
    checked: CheckedDocument | None,
    stored_path: str,
    fingerprint: str,
    language: str,
    now: dt.datetime,
    notify: bool,
) -> Submission:
    _rate_limit(fingerprint, now)
    days = (
        settings.PRONGSAI_OPINION_DUE_DAYS if fields["kind"] == Kind.OPINION else settings.PRONGSAI_COMPLAINT_DUE_DAYS
    )
    submission = Submission(
        organization=organization,
        **fields,
        attachment_path=stored_path,
        attachment_name=checked.original_name if checked else "",
        attachment_type=checked.media_type if checked else "",
        attachment_size=checked.size if checked else 0,
        attachment_sha256=checked.sha256 if checked else "",
        language=language,
        status=Status.RECEIVED,
        received_at=now,
        due_date=due_date(timezone.localdate(now), int(days)),
        updated_at=now,
        client_hash=fingerprint,
    )
    for attempt in range(CODE_ATTEMPTS):
        submission.tracking_code = tracking_code_from_bits(fields["kind"], _random_bits())
        try:
            # A savepoint, so a (astronomically rare) duplicate code costs one retry, not the request.
            with transaction.atomic():
                submission.save(force_insert=True)
            break
        except IntegrityError:
            submission.pk = None
            if (
                attempt == CODE_ATTEMPTS - 1
                or Submission.objects.filter(tracking_code=submission.tracking_code).count() == 0
            ):
                raise
    audit_record(
        actor=None,
        actor_label="public",
        action="channel.submit",
        target=submission,
        organization_id=organization.pk,
        data={
            "kind": submission.kind,
            "topic": submission.topic,
            "anonymous": submission.is_anonymous,
            "attachment": bool(stored_path),
            "language": language,
            "due_date": submission.due_date.isoformat(),
        },
        now=now,
    )
    if submission.email and notify:
        submission_id = submission.pk
        transaction.on_commit(lambda: tasks.send_tracking_code.enqueue(submission_id))
    return submission


# --- handling by staff -------------------------------------------------------------------------


def _require(actor: Any, submission: Submission) -> None:
    if not access_scope_for(actor).can(Capability.CHANNELS, submission.organization_id):
        raise PermissionDenied(_("You do not handle opinions and complaints for this unit."))


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _set_status(
    submission: Submission, target: Status, *, actor: Any, now: dt.datetime, outcome: str = ""
) -> SubmissionEvent:
    current = Status(submission.status)
    submission.status = next_status(current, target)
    submission.updated_at = now
    if target is Status.CLOSED:
        submission.outcome = outcome
        submission.closed_at = now
    submission.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    return SubmissionEvent.objects.create(
        submission=submission,
        type=SubmissionEvent.Type.STATUS,
        from_status=current,
        to_status=target,
        outcome=outcome,
        author=actor,
        created_at=now,
    )


def _audit(actor: Any, action: str, submission: Submission, now: dt.datetime, **data: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=submission,
        organization_id=submission.organization_id,
        data={"kind": submission.kind, **data},
        now=now,
    )


def submission_view_personal(*, actor: Any, submission: Submission, now: dt.datetime | None = None) -> None:
    """Record that a staff member was shown a submission's personal data (name, contact, message)."""
    now = now or timezone.now()
    _require(actor, submission)
    with transaction.atomic():
        _audit(actor, "channel.view_personal", submission, now)


def submission_list_view(
    *,
    actor: Any,
    filters: dict[str, Any],
    page: int,
    shown: Sequence[Submission],
    now: dt.datetime | None = None,
) -> None:
    """Record that a staff member was shown a page of the desk list, whose rows carry the cases' subjects.

    The event says who, with which filters and page, and which cases (by id) were listed; it holds
    no subject, name or message, so the audit trail does not become a second copy of the personal data.
    """
    now = now or timezone.now()
    if not access_scope_for(actor).handles_channels:
        raise PermissionDenied(_("You do not handle opinions and complaints for any unit."))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="channel.view_list",
            data={
                "filters": filters,
                "page": page,
                "shown": len(shown),
                "submissions": [submission.pk for submission in shown],
            },
            now=now,
        )


def submission_attachment_download(*, actor: Any, submission: Submission, now: dt.datetime | None = None) -> str:
    """Record a download of the submission's attachment and return its stored path."""
    now = now or timezone.now()
    _require(actor, submission)
    if not submission.attachment_path:
        raise ValidationError(_("This submission has no attachment."))
    with transaction.atomic():
        _audit(actor, "channel.download_attachment", submission, now)
    return submission.attachment_path


def submission_assign(
    *, actor: Any, submission: Submission, assignee: Any | None, now: dt.datetime | None = None
) -> Submission:
    """Assign the case to a person who handles the unit's channels (or to nobody, with None)."""
    now = now or timezone.now()
    _require(actor, submission)
    if assignee is not None and not access_scope_for(assignee).can(Capability.CHANNELS, submission.organization_id):
        raise ValidationError(_("This person does not handle opinions and complaints for this unit."))
    with transaction.atomic():
        submission = _locked(submission)
        if submission.status == Status.CLOSED:
            raise ValidationError(_("This case is closed."))
        submission.assigned_to = assignee
        submission.updated_at = now
        submission.save(update_fields=["assigned_to", "updated_at"])
        SubmissionEvent.objects.create(
            submission=submission, type=SubmissionEvent.Type.ASSIGNMENT, assignee=assignee, author=actor, created_at=now
        )
        _audit(actor, "channel.assign", submission, now, assignee=getattr(assignee, "username", None))
    return submission


def submission_reply(
    *, actor: Any, submission: Submission, text: str, public: bool, now: dt.datetime | None = None
) -> SubmissionEvent:
    """Add a reply to the case: public replies appear on its status page, internal notes only to staff.

    A public reply to a case that is received or in progress marks it answered.
    """
    now = now or timezone.now()
    _require(actor, submission)
    cleaned = _clean_text(text, multiline=True)
    limit = int(settings.PRONGSAI_CHANNEL_MAX_MESSAGE_CHARS)
    if not cleaned:
        raise ValidationError(_("Write the reply before sending it."))
    if len(cleaned) > limit:
        raise ValidationError(
            _("Keep the reply to %(limit)d characters or fewer; it has %(count)d.")
            % {"limit": limit, "count": len(cleaned)}
        )
    with transaction.atomic():
        submission = _locked(submission)
        if public and submission.status == Status.CLOSED:
            raise ValidationError(_("This case is closed; add an internal note instead."))
        event = SubmissionEvent.objects.create(
            submission=submission,
            type=SubmissionEvent.Type.REPLY if public else SubmissionEvent.Type.NOTE,
            text=cleaned,
            author=actor,
            created_at=now,
        )
        if public and submission.status in (Status.RECEIVED, Status.IN_PROGRESS):
            _set_status(submission, Status.ANSWERED, actor=actor, now=now)
        else:
            submission.updated_at = now
            submission.save(update_fields=["updated_at"])
        _audit(actor, "channel.reply" if public else "channel.note", submission, now, status=submission.status)
    return event


def submission_status_set(
    *, actor: Any, submission: Submission, status: Status, now: dt.datetime | None = None
) -> Submission:
    """Move an open case to another open status (closing goes through submission_close)."""
    now = now or timezone.now()
    _require(actor, submission)
    if status is Status.CLOSED:
        raise ValidationError(_("Close a case with its outcome."))
    with transaction.atomic():
        submission = _locked(submission)
        before = submission.status
        _set_status(submission, status, actor=actor, now=now)
        _audit(actor, "channel.status", submission, now, before=before, after=status.value)
    return submission


def submission_close(
    *, actor: Any, submission: Submission, outcome: Outcome, note: str = "", now: dt.datetime | None = None
) -> Submission:
    """Close the case with its outcome; the sender must have had a public reply, or the note becomes one.

    A closed case is final: the status page shows the outcome with the replies that explain it.
    """
    now = now or timezone.now()
    _require(actor, submission)
    cleaned = _clean_text(note, multiline=True)
    limit = int(settings.PRONGSAI_CHANNEL_MAX_MESSAGE_CHARS)
    if len(cleaned) > limit:
        raise ValidationError(
            _("Keep the reply to %(limit)d characters or fewer; it has %(count)d.")
            % {"limit": limit, "count": len(cleaned)}
        )
    with transaction.atomic():
        submission = _locked(submission)
        before = submission.status
        next_status(Status(before), Status.CLOSED)
        has_reply = submission.events.filter(type=SubmissionEvent.Type.REPLY).exists()
        if not cleaned and not has_reply:
            raise ValidationError(_("Write a closing note for the sender: this case has no public reply yet."))
        if cleaned:
            SubmissionEvent.objects.create(
                submission=submission, type=SubmissionEvent.Type.REPLY, text=cleaned, author=actor, created_at=now
            )
        _set_status(submission, Status.CLOSED, actor=actor, now=now, outcome=outcome.value)
        _audit(actor, "channel.close", submission, now, before=before, outcome=outcome.value)
    return submission
