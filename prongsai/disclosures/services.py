"""Writes to the register: drafts, documents, submission, review decisions and publication.

Each service checks the actor's access, validates, writes in one transaction, records the audit
event inside it, and sends notifications only after commit.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.checklists.currency import next_review_due
from prongsai.checklists.models import Checklist
from prongsai.organizations.access import Capability, capability_require, review_capability
from prongsai.organizations.models import Organization
from prongsai.problems import InvalidInput, Problem

from .models import Document, Entry, EntryVersion, Review, VersionRecords, document_storage_path
from .richtext import html_to_text, sanitize_html
from .selectors import version_authorship
from .signals import review_decided, review_requested, version_published
from .uploads import CheckedDocument, check_document
from .workflow import Authorship, ReviewerIsAuthor, Transition, VersionState, next_state

_url_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class DraftContent:
    """What an editor fills in for a version."""

    body_th: str = ""
    body_en: str = ""
    url_th: str = ""
    url_en: str = ""
    as_of: dt.date | None = None
    nothing_to_publish: bool = False
    nothing_note_th: str = ""
    nothing_note_en: str = ""
    change_note: str = ""


@dataclass(frozen=True)
class NewDocument:
    upload: UploadedFile[Any]
    language: str = Document.Language.THAI
    title: str = ""


@dataclass(frozen=True)
class Verdicts:
    """A reviewer's three verdicts (correct, complete, current), each with its comment, and a general comment."""

    correct: bool
    complete: bool
    current: bool
    correct_comment: str = ""
    complete_comment: str = ""
    current_comment: str = ""
    comment: str = ""

    @property
    def all_pass(self) -> bool:
        return self.correct and self.complete and self.current

    @property
    def has_comment(self) -> bool:
        return any(c.strip() for c in (self.comment, self.correct_comment, self.complete_comment, self.current_comment))


@dataclass
class _Problems:
    messages: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.messages.append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def _locked_entry(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().select_related("item", "organization").get(pk=entry.pk)


def _entry_data(entry: Entry, version: EntryVersion, **extra: Any) -> dict[str, Any]:
    return {"unit": entry.organization.slug, "item": entry.item.code, "version": version.number, **extra}


def entries_ensure(*, actor: Any, organizations: Sequence[Organization]) -> int:
    """Create the missing register entries of the active checklist's items for these organizations."""
    checklist = Checklist.objects.filter(is_active=True).first()
    if checklist is None or not organizations:
        return 0
    item_ids = list(checklist.items.filter(retired=False).values_list("id", flat=True))
    existing = set(
        Entry.objects.filter(organization__in=organizations, item_id__in=item_ids).values_list(
            "organization_id", "item_id"
        )
    )
    missing = [
        Entry(organization=org, item_id=item_id)
        for org in organizations
        for item_id in item_ids
        if (org.pk, item_id) not in existing
    ]
    with transaction.atomic():
        Entry.objects.bulk_create(missing, batch_size=1000)
        if missing:
            audit_record(
                actor=actor,
                action="entry.create",
                data={"checklist": checklist.code, "entries": len(missing), "units": len(organizations)},
            )
    return len(missing)


def _clean_content(entry: Entry, content: DraftContent, today: dt.date) -> DraftContent:
    problems = _Problems()
    body_th, body_en = sanitize_html(content.body_th), sanitize_html(content.body_en)
    for label, url in ((_("Thai page address"), content.url_th), (_("English page address"), content.url_en)):
        if url.strip():
            try:
                _url_validator(url.strip())
            except ValidationError:
                problems.add(_("%(field)s must be a web address starting with http:// or https://.") % {"field": label})
    if content.as_of is not None and content.as_of > today:
        problems.add(_("The “as of” date cannot be in the future."))
    if content.nothing_to_publish:
        if not entry.item.nothing_to_publish_allowed:
            problems.add(_("This item cannot be declared as having nothing to publish."))
        if html_to_text(body_th) or html_to_text(body_en):
            problems.add(_("A “nothing to publish this period” declaration cannot also carry content."))
        if content.as_of is None:
            problems.add(_("A “nothing to publish this period” declaration needs its “as of” date."))
    problems.raise_if_any()
    return DraftContent(
        body_th="" if content.nothing_to_publish else body_th,
        body_en="" if content.nothing_to_publish else body_en,
        url_th=content.url_th.strip(),
        url_en=content.url_en.strip(),
        as_of=content.as_of,
        nothing_to_publish=content.nothing_to_publish,
        nothing_note_th=content.nothing_note_th.strip(),
        nothing_note_en=content.nothing_note_en.strip(),
        change_note=content.change_note.strip()[:500],
    )


def _copy_documents(source: EntryVersion, target: EntryVersion) -> None:
    Document.objects.bulk_create(
        [
            Document(
                version=target,
                file=document.file.name,
                original_name=document.original_name,
                title=document.title,
                language=document.language,
                media_type=document.media_type,
                extension=document.extension,
                size=document.size,
                sha256=document.sha256,
                position=document.position,
            )
            for document in source.documents.all()
        ]
    )


def _copy_records(source: EntryVersion, target: EntryVersion) -> None:
    records = VersionRecords.objects.filter(version=source).first()
    if records is not None:
        VersionRecords.objects.create(version=target, kind=records.kind, data=records.data, sha256=records.sha256)


def records_digest(data: Any) -> str:
    """Return the SHA-256 of a records snapshot written canonically (sorted keys, no spaces, UTF-8)."""
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@transaction.atomic
def version_save_records(
    *,
    actor: Any,
    entry: Entry,
    kind: str,
    data: Any,
    as_of: dt.date,
    summary_th: str,
    summary_en: str = "",
    now: dt.datetime | None = None,
) -> EntryVersion:
    """Put a snapshot of structured records into the entry's draft, for review like any content.

    The draft (the open one, or a new one from the returned or published version) takes the
    snapshot, its "as of" date and a one-paragraph summary of it as its text; page addresses and
    documents stay. A version awaiting review is refused, as for any edit. Saving the same
    snapshot again changes nothing but the draft's time.
    """
    now = now or timezone.now()
    entry = _locked_entry(entry)
    capability_require(actor, Capability.EDIT, entry.organization_id)
    open_version = entry.open_version
    base = open_version if open_version is not None else entry.published_version
    content = DraftContent(
        body_th=f"<p>{escape(summary_th)}</p>",
        body_en=f"<p>{escape(summary_en)}</p>" if summary_en else "",
        url_th=base.url_th if base else "",
        url_en=base.url_en if base else "",
        as_of=as_of,
        change_note=_("Structured records as of %(date)s") % {"date": as_of.isoformat()},
    )
    version = _save_draft(actor=actor, entry=entry, content=content, checked=(), remove_document_ids=(), now=now)
    digest = records_digest(data)
    VersionRecords.objects.update_or_create(version=version, defaults={"kind": kind, "data": data, "sha256": digest})
    audit_record(
        actor=actor,
        action="entry.records_save",
        target=version,
        organization_id=entry.organization_id,
        data=_entry_data(entry, version, kind=kind, sha256=digest),
        now=now,
    )
    return version


class RecordsDraft(Protocol):
    """Structured records ready for a draft: the snapshot, its kind, and the sentence summing it up in each language."""

    @property
    def kind(self) -> str: ...
    @property
    def data(self) -> Any: ...
    @property
    def summary_th(self) -> str: ...
    @property
    def summary_en(self) -> str: ...


def _records_entry_problems(entry: Entry | None, code: str, as_of: dt.date, today: dt.date) -> list[Problem]:
    problems = []
    if entry is None:
        problems.append(
            Problem(
                "code",
                f"หน่วยงานไม่มีรายการ {code} ในทะเบียนการเผยแพร่",
                f"The unit has no register entry for item {code}.",
            )
        )
    elif entry.open_state == VersionState.SUBMITTED:
        problems.append(
            Problem(
                "code",
                f"ฉบับของรายการ {code} อยู่ระหว่างรอการตรวจสอบ ให้ถอนกลับก่อนจึงจะแก้ไขได้",
                f"A version of item {code} is awaiting review; withdraw it before changing it.",
            )
        )
    if as_of > today:
        problems.append(
            Problem("as_of", "วันที่ “ข้อมูล ณ วันที่” ต้องไม่เป็นวันในอนาคต", "The “as of” date cannot be in the future.")
        )
    return problems


@transaction.atomic
def records_to_draft(
    *,
    actor: Any,
    organization: Organization,
    code: str,
    as_of: dt.date,
    build: Callable[[], RecordsDraft],
    action: str,
    audit_data: Callable[[RecordsDraft], dict[str, Any]],
    now: dt.datetime | None = None,
) -> EntryVersion:
    """Fill a unit's entry of checklist item `code` with the structured records `build` makes, as of a date.

    The owner of the records (plans, procurement) supplies `build`, which raises InvalidInput when
    there is nothing to publish. Every problem is reported at once, the entry's and the records'
    (no entry for the item, a version awaiting review, a future date); nothing is stored while any
    remains. Raises PermissionDenied without EDIT on the unit. The draft is saved by
    `version_save_records`, and the owner's own audit event (`action`, with `audit_data` of the
    records) is written in the same transaction.
    """
    now = now or timezone.now()
    capability_require(actor, Capability.EDIT, organization.pk)
    entry = (
        Entry.objects.select_related("item", "organization")
        .filter(organization=organization, item__code=code, item__checklist__is_active=True, item__retired=False)
        .first()
    )
    problems = _records_entry_problems(entry, code, as_of, timezone.localdate(now))
    records: RecordsDraft | None = None
    try:
        records = build()
    except InvalidInput as error:
        problems = error.problems + problems
    if problems:
        raise InvalidInput(problems)
    assert entry is not None
    assert records is not None
    version = version_save_records(
        actor=actor,
        entry=entry,
        kind=records.kind,
        data=records.data,
        as_of=as_of,
        summary_th=records.summary_th,
        summary_en=records.summary_en,
        now=now,
    )
    audit_record(
        actor=actor,
        action=action,
        target=version,
        organization_id=organization.pk,
        data={
            "unit": organization.slug,
            "item": code,
            "version": version.number,
            "as_of": as_of.isoformat(),
            "kind": records.kind,
            **audit_data(records),
            "sha256": records_digest(records.data),
        },
        now=now,
    )
    return version


def version_save_draft(
    *,
    actor: Any,
    entry: Entry,
    content: DraftContent,
    add_documents: Sequence[NewDocument] = (),
    remove_document_ids: Sequence[int] = (),
    now: dt.datetime | None = None,
) -> EntryVersion:
    """Save the editor's draft: update the open draft, or start a new one from the returned or published version.

    Documents are checked by content before anything is written; if one is refused, nothing of
    the draft is saved. Files are stored by content hash; a file this call stored is removed
    again if the draft is not saved.
    """
    now = now or timezone.now()
    capability_require(actor, Capability.EDIT, entry.organization_id)
    checked = _check_uploads(add_documents)
    if checked and content.nothing_to_publish:
        raise ValidationError(_("A “nothing to publish this period” declaration cannot carry documents."))
    written = _store_files([document for document, _new in checked])
    try:
        return _save_draft(
            actor=actor,
            entry=entry,
            content=content,
            checked=checked,
            remove_document_ids=remove_document_ids,
            now=now,
        )
    except BaseException:
        _discard_files(written)
        raise


def _check_uploads(add_documents: Sequence[NewDocument]) -> list[tuple[CheckedDocument, NewDocument]]:
    checked = []
    problems = _Problems()
    for new in add_documents:
        try:
            checked.append((check_document(new.upload), new))
        except ValidationError as exc:
            problems.messages.extend(exc.messages)
        if new.language not in Document.Language.values:
            problems.add(_("Choose the language of each document."))
    problems.raise_if_any()
    return checked


def _store_files(documents: Sequence[CheckedDocument]) -> list[str]:
    """Store each document under its content hash unless already there; return the paths this call created."""
    created = []
    for document in documents:
        path = document_storage_path(document.sha256, document.extension)
        if not default_storage.exists(path):
            # Saved from the upload itself: a temporary file is moved or copied in chunks, never read whole.
            saved = default_storage.save(path, document.source)
            created.append(saved)
    return created


def _discard_files(paths: Sequence[str]) -> None:
    for path in paths:
        if not Document.objects.filter(file=path).exists():
            default_storage.delete(path)


@transaction.atomic
def _save_draft(
    *,
    actor: Any,
    entry: Entry,
    content: DraftContent,
    checked: Sequence[tuple[CheckedDocument, NewDocument]],
    remove_document_ids: Sequence[int],
    now: dt.datetime,
) -> EntryVersion:
    entry = _locked_entry(entry)
    capability_require(actor, Capability.EDIT, entry.organization_id)
    cleaned = _clean_content(entry, content, timezone.localdate(now))
    open_version = entry.open_version
    if open_version is not None and open_version.state == VersionState.SUBMITTED:
        raise ValidationError(_("This version is awaiting review; withdraw it before editing."))
    created = open_version is None or open_version.state != VersionState.DRAFT
    if created:
        base = open_version or entry.published_version
        number = (entry.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = EntryVersion(entry=entry, number=number, based_on=base, created_by=actor, created_at=now)
    else:
        assert open_version is not None
        version = open_version
    for name, value in cleaned.__dict__.items():
        setattr(version, name, value)
    version.state = VersionState.DRAFT
    version.updated_at = now
    version.save()
    if created and version.based_on is not None and not cleaned.nothing_to_publish:
        _copy_documents(version.based_on, version)
        _copy_records(version.based_on, version)
    _record_editor(version, actor, created=created)

    # A declaration says there is nothing this period: it replaces the documents, it does not carry them.
    dropped = (
        version.documents.all() if cleaned.nothing_to_publish else version.documents.filter(pk__in=remove_document_ids)
    )
    removed = list(dropped.values_list("original_name", flat=True))
    dropped.delete()
    if cleaned.nothing_to_publish:
        # Likewise the structured records: a declaration publishes no records.
        VersionRecords.objects.filter(version=version).delete()
    limit = settings.PRONGSAI_MAX_DOCUMENTS_PER_VERSION
    if version.documents.count() + len(checked) > limit:
        raise ValidationError(_("A version can carry at most %(limit)d documents.") % {"limit": limit})
    position = (version.documents.aggregate(p=Max("position"))["p"] or 0) + 1
    Document.objects.bulk_create(
        [
            Document(
                version=version,
                file=document_storage_path(document.sha256, document.extension),
                original_name=document.original_name,
                title=new.title.strip()[:255],
                language=new.language,
                media_type=document.media_type,
                extension=document.extension,
                size=document.size,
                sha256=document.sha256,
                position=position + offset,
            )
            for offset, (document, new) in enumerate(checked)
        ]
    )

    entry.open_version = version
    entry.open_state = VersionState.DRAFT
    entry.save(update_fields=["open_version", "open_state"])
    audit_record(
        actor=actor,
        action="entry.draft_create" if created else "entry.draft_edit",
        target=version,
        organization_id=entry.organization_id,
        data=_entry_data(
            entry,
            version,
            documents_added=[d.original_name for d, _new in checked],
            documents_removed=removed,
            nothing_to_publish=cleaned.nothing_to_publish,
        ),
        now=now,
    )
    return version


def _record_editor(version: EntryVersion, actor: Any, *, created: bool) -> None:
    """Note the actor among the version's editors, who may never review it.

    A version that continues a returned one carries that content forward, never approved by
    anyone: its editors stay editors. A published version's content was reviewed independently,
    so a follow-up draft starts with only its own editors.
    """
    based_on = version.based_on
    if created and based_on is not None and based_on.state == VersionState.RETURNED:
        version.editors.add(*based_on.editors.all())
    version.editors.add(actor)


def _completeness_problems(version: EntryVersion) -> list[str]:
    item = version.entry.item
    problems = _Problems()
    documents = list(version.documents.all())
    languages = {d.language for d in documents}
    # Structured records are data with labels in both languages: they count as content in each.
    has_records = VersionRecords.objects.filter(version=version).exists()
    has_th = bool(html_to_text(version.body_th) or version.url_th or languages & {"th", "both"} or has_records)
    has_en = bool(html_to_text(version.body_en) or version.url_en or languages & {"en", "both"} or has_records)
    if version.as_of is None:
        problems.add(_("Give the date the information is as of (“ข้อมูล ณ วันที่”)."))
    if version.nothing_to_publish:
        if not version.nothing_note_th:
            problems.add(_("Explain the “nothing to publish this period” declaration in Thai."))
        if documents:
            problems.add(_("A “nothing to publish this period” declaration cannot carry documents."))
    elif not (has_th or has_en):
        problems.add(_("Add the content, a document or the page address on the unit's website."))
    elif item.bilingual_required and not (has_th and has_en):
        missing = _("English") if has_th else _("Thai")
        problems.add(
            _("%(code)s must be published in both Thai and English; the %(language)s version is missing.")
            % {"code": item.code, "language": missing}
        )
    return problems.messages


def _move(version: EntryVersion, transition: Transition) -> VersionState:
    return next_state(VersionState(version.state), transition)


@transaction.atomic
def version_submit(
    *, actor: Any, version: EntryVersion, now: dt.datetime | None = None, notify: bool = True
) -> EntryVersion:
    """Send a draft to the reviewers of its item's step, after checking it is complete.

    `notify=False` skips the e-mail (for loading past history, such as the demo's).
    """
    now = now or timezone.now()
    entry = _locked_entry(version.entry)
    version = EntryVersion.objects.select_for_update().get(pk=version.pk)
    capability_require(actor, Capability.EDIT, entry.organization_id)
    new_state = _move(version, Transition.SUBMIT)
    problems = _completeness_problems(version)
    if problems:
        raise ValidationError(problems)
    version.state = new_state
    version.submitted_by = actor
    version.submitted_at = now
    version.updated_at = now
    version.save()
    entry.open_state = new_state
    entry.save(update_fields=["open_state"])
    audit_record(
        actor=actor, action="entry.submit", target=version, organization_id=entry.organization_id,
        data=_entry_data(entry, version, step=entry.item.review_step), now=now,
    )  # fmt: skip
    if notify:
        review_requested.send(sender=EntryVersion, version=version)
    return version


@transaction.atomic
def version_withdraw(*, actor: Any, version: EntryVersion, now: dt.datetime | None = None) -> EntryVersion:
    """Take a submitted version back to draft before anyone has decided on it."""
    now = now or timezone.now()
    entry = _locked_entry(version.entry)
    version = EntryVersion.objects.select_for_update().get(pk=version.pk)
    capability_require(actor, Capability.EDIT, entry.organization_id)
    version.state = _move(version, Transition.WITHDRAW)
    version.submitted_at = None
    version.submitted_by = None
    version.updated_at = now
    version.save()
    entry.open_state = VersionState.DRAFT
    entry.save(update_fields=["open_state"])
    audit_record(
        actor=actor, action="entry.withdraw", target=version, organization_id=entry.organization_id,
        data=_entry_data(entry, version), now=now,
    )  # fmt: skip
    return version


@transaction.atomic
def version_discard(*, actor: Any, version: EntryVersion, now: dt.datetime | None = None) -> EntryVersion:
    """Abandon a draft; the published version, if any, stays as it is."""
    now = now or timezone.now()
    entry = _locked_entry(version.entry)
    version = EntryVersion.objects.select_for_update().get(pk=version.pk)
    capability_require(actor, Capability.EDIT, entry.organization_id)
    version.state = _move(version, Transition.DISCARD)
    version.updated_at = now
    version.save()
    entry.open_version = None
    entry.open_state = ""
    entry.save(update_fields=["open_version", "open_state"])
    audit_record(
        actor=actor, action="entry.discard", target=version, organization_id=entry.organization_id,
        data=_entry_data(entry, version), now=now,
    )  # fmt: skip
    return version


def _refuse_authors(actor: Any, version: EntryVersion) -> None:
    """Raise ReviewerIsAuthor when the actor submitted or edited the version (no role exempts anyone)."""
    authorship = version_authorship(version=version, user=actor)
    if authorship is Authorship.SUBMITTED:
        raise ReviewerIsAuthor(authorship, _("You cannot review a version you submitted yourself."))
    if authorship is Authorship.EDITED:
        raise ReviewerIsAuthor(
            authorship,
            _("You cannot review a version you edited: whoever wrote a version's content never reviews it."),
        )


def _decide(
    *, actor: Any, version: EntryVersion, verdicts: Verdicts, transition: Transition, now: dt.datetime
) -> tuple[Entry, EntryVersion, Review]:
    entry = _locked_entry(version.entry)
    version = EntryVersion.objects.select_for_update().get(pk=version.pk)
    step = entry.item.review_step
    capability_require(actor, review_capability(step), entry.organization_id)
    new_state = _move(version, transition)
    _refuse_authors(actor, version)
    review = Review(
        version=version,
        reviewer=actor,
        step=step,
        decision=Review.Decision.APPROVE if transition is Transition.APPROVE else Review.Decision.RETURN,
        correct=verdicts.correct,
        complete=verdicts.complete,
        current=verdicts.current,
        correct_comment=verdicts.correct_comment.strip(),
        complete_comment=verdicts.complete_comment.strip(),
        current_comment=verdicts.current_comment.strip(),
        comment=verdicts.comment.strip(),
        created_at=now,
    )
    version.state = new_state
    version.decided_by = actor
    version.decided_at = now
    version.updated_at = now
    return entry, version, review


def _verdict_data(verdicts: Verdicts) -> dict[str, Any]:
    return {"correct": verdicts.correct, "complete": verdicts.complete, "current": verdicts.current}


@transaction.atomic
def version_approve(
    *, actor: Any, version: EntryVersion, verdicts: Verdicts, now: dt.datetime | None = None, notify: bool = True
) -> Review:
    """Approve a submitted version and publish it; the previous published version is superseded."""
    now = now or timezone.now()
    if not verdicts.all_pass:
        raise ValidationError(
            _("Approve only when the information is correct, complete and current; otherwise return it.")
        )
    entry, version, review = _decide(
        actor=actor, version=version, verdicts=verdicts, transition=Transition.APPROVE, now=now
    )
    problems = _completeness_problems(version)
    if problems:
        raise ValidationError(problems)
    previous = entry.published_version
    version.published_at = now
    version.save()
    review.save()
    if previous is not None:
        EntryVersion.objects.filter(pk=previous.pk).update(superseded_at=now)
    entry.published_version = version
    entry.open_version = None
    entry.open_state = ""
    entry.last_approved_at = now
    entry.next_review_due = next_review_due(entry.item.currency_rule, timezone.localdate(now))
    entry.save(
        update_fields=[
            "published_version",
            "open_version",
            "open_state",
            "last_approved_at",
            "next_review_due",
        ]
    )
    data = _entry_data(entry, version, step=review.step, **_verdict_data(verdicts))
    audit_record(
        actor=actor,
        action="entry.approve",
        target=version,
        organization_id=entry.organization_id,
        data=data,
        now=now,
    )
    # The public pages and the search rows show the new version (see prongsai.publication.receivers).
    version_published.send(sender=EntryVersion, actor=actor, version=version, entry=entry, now=now)
    audit_record(
        actor=actor, action="entry.publish", target=version, organization_id=entry.organization_id,
        data=_entry_data(
            entry, version, replaces=previous.number if previous else None,
            next_review_due=entry.next_review_due.isoformat(),
        ),
        now=now,
    )  # fmt: skip
    if notify:
        review_decided.send(sender=EntryVersion, version=version)
    return review


@transaction.atomic
def version_return(
    *, actor: Any, version: EntryVersion, verdicts: Verdicts, now: dt.datetime | None = None, notify: bool = True
) -> Review:
    """Return a submitted version to the editor with the reviewer's verdicts and comments."""
    now = now or timezone.now()
    if not verdicts.has_comment:
        raise ValidationError(_("Say what needs to change: a returned version needs a comment."))
    entry, version, review = _decide(
        actor=actor, version=version, verdicts=verdicts, transition=Transition.RETURN, now=now
    )
    version.save()
    review.save()
    entry.open_state = VersionState.RETURNED
    entry.save(update_fields=["open_state"])
    data = _entry_data(entry, version, step=review.step, comment=review.comment, **_verdict_data(verdicts))
    audit_record(
        actor=actor,
        action="entry.return",
        target=version,
        organization_id=entry.organization_id,
        data=data,
        now=now,
    )
    if notify:
        review_decided.send(sender=EntryVersion, version=version)
    return review
