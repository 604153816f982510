"""Load checklist definitions into the database and choose the active one."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record

from .definition import ChecklistDefinition, monitor_rules_to_json
from .models import Checklist, ChecklistItem, Clause
from .signals import active_checklist_changed


@transaction.atomic
def checklist_load(*, actor: Any, definition: ChecklistDefinition, activate: bool = False) -> tuple[Checklist, bool]:
    """Create or update a checklist from its definition; return it and whether anything changed.

    Loading the same file twice changes nothing. Items that disappear from the file are kept as
    retired (entries and history refer to them); items are matched by code, never renumbered.
    The first checklist ever loaded becomes active.
    """
    checklist = Checklist.objects.select_for_update().filter(code=definition.code).first()
    unchanged = checklist is not None and checklist.content_hash == definition.content_hash and definition.content_hash
    if unchanged and checklist is not None:
        if activate and not checklist.is_active:
            checklist_activate(actor=actor, checklist=checklist)
            return checklist, True
        return checklist, False
    fields = {
        "title_th": definition.title_th,
        "title_en": definition.title_en,
        "version": definition.version,
        "source_th": definition.source_th,
        "source_en": definition.source_en,
        "effective_from": definition.effective_from,
        "content_hash": definition.content_hash,
        "loaded_at": timezone.now(),
    }
    created = checklist is None
    if checklist is None:
        checklist = Checklist.objects.create(code=definition.code, **fields)
    else:
        for name, value in fields.items():
            setattr(checklist, name, value)
        checklist.save()

    clauses = {clause.code: clause for clause in checklist.clauses.all()}
    for position, clause_def in enumerate(definition.clauses):
        clause = clauses.get(clause_def.code) or Clause(checklist=checklist, code=clause_def.code)
        clause.title_th, clause.title_en, clause.position = clause_def.title_th, clause_def.title_en, position
        clause.save()
        clauses[clause.code] = clause

    existing = {item.code: item for item in checklist.items.all()}
    for position, item_def in enumerate(definition.items):
        item = existing.pop(item_def.code, None) or ChecklistItem(checklist=checklist, code=item_def.code)
        item.clause = clauses[item_def.clause]
        item.name_th, item.name_en = item_def.name_th, item_def.name_en
        item.evidence_th, item.evidence_en = item_def.evidence_th, item_def.evidence_en
        item.guidance_th, item.guidance_en = item_def.guidance_th, item_def.guidance_en
        item.review_step = item_def.review_step
        item.currency = item_def.currency.value
        item.bilingual_required = item_def.bilingual_required
        item.nothing_to_publish_allowed = item_def.nothing_to_publish_allowed
        item.weight = item_def.weight
        item.keywords_th = list(item_def.keywords_th)
        item.keywords_en = list(item_def.keywords_en)
        item.crosswalk = {year: list(codes) for year, codes in item_def.crosswalk.items()}
        item.monitor_rules = monitor_rules_to_json(item_def.monitor)
        item.position = position
        item.retired = False
        item.save()
    retired = [item.code for item in existing.values() if not item.retired]
    if retired:
        checklist.items.filter(code__in=retired).update(retired=True)

    audit_record(
        actor=actor,
        action="checklist.create" if created else "checklist.update",
        target=checklist,
        data={
            "code": checklist.code,
            "version": checklist.version,
            "items": len(definition.items),
            "retired": retired,
            "content_hash": definition.content_hash,
        },
    )
    if activate or not Checklist.objects.filter(is_active=True).exists():
        checklist_activate(actor=actor, checklist=checklist)
    elif checklist.is_active:
        # Units need entries for new items; the public pages and the search table show the items' names.
        active_checklist_changed.send(sender=Checklist, actor=actor, checklist=checklist, action="checklist.update")
    return checklist, True


@transaction.atomic
def checklist_activate(*, actor: Any, checklist: Checklist) -> Checklist:
    """Make this checklist the one units' entries are created from, and create the missing entries."""
    if checklist.items.filter(retired=False).count() == 0:
        raise ValidationError(_("A checklist without items cannot be activated."))
    Checklist.objects.filter(is_active=True).exclude(pk=checklist.pk).update(is_active=False)
    checklist.is_active = True
    checklist.save(update_fields=["is_active"])
    audit_record(actor=actor, action="checklist.activate", target=checklist, data={"code": checklist.code})
    active_checklist_changed.send(sender=Checklist, actor=actor, checklist=checklist, action="checklist.activate")
    return checklist
