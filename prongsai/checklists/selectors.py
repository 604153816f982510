"""Read checklists."""

from django.db.models import QuerySet

from .definition import ChecklistDefinition, ClauseDefinition, CurrencyRule, ItemDefinition, monitor_rules_from_json
from .models import Checklist, ChecklistItem


def checklist_active() -> Checklist | None:
    """Return the active checklist, if one is loaded."""
    return Checklist.objects.filter(is_active=True).first()


def checklist_items(checklist: Checklist) -> QuerySet[ChecklistItem]:
    """Return the checklist's current (not retired) items in order, with their clauses."""
    return checklist.items.filter(retired=False).select_related("clause").order_by("position")


def checklist_as_dict(checklist: Checklist) -> dict[str, object]:
    """Describe a checklist and its items as plain data (for `checklist show --json` and the API)."""
    return {
        "code": checklist.code,
        "title_th": checklist.title_th,
        "title_en": checklist.title_en,
        "version": checklist.version,
        "active": checklist.is_active,
        "items": [
            {
                "code": item.code,
                "clause": item.clause.code,
                "name_th": item.name_th,
                "name_en": item.name_en,
                "review_step": item.review_step,
                "currency": item.currency,
                "bilingual_required": item.bilingual_required,
                "nothing_to_publish_allowed": item.nothing_to_publish_allowed,
                "weight": item.weight,
                "keywords_th": item.keywords_th,
                "keywords_en": item.keywords_en,
                "crosswalk": item.crosswalk,
                "monitor": item.monitor_rules,
            }
            for item in checklist_items(checklist)
        ],
    }


def checklist_definition(checklist: Checklist) -> ChecklistDefinition:
    """Return a stored checklist as the plain definition the website monitor's engine works from (two queries)."""
    return ChecklistDefinition(
        code=checklist.code,
        title_th=checklist.title_th,
        title_en=checklist.title_en,
        version=checklist.version,
        source_th=checklist.source_th,
        source_en=checklist.source_en,
        effective_from=checklist.effective_from,
        clauses=tuple(
            ClauseDefinition(code=clause.code, title_th=clause.title_th, title_en=clause.title_en)
            for clause in checklist.clauses.order_by("position")
        ),
        items=tuple(
            ItemDefinition(
                code=item.code,
                clause=item.clause.code,
                name_th=item.name_th,
                name_en=item.name_en,
                evidence_th=item.evidence_th,
                evidence_en=item.evidence_en,
                guidance_th=item.guidance_th,
                guidance_en=item.guidance_en,
                review_step=item.review_step,
                currency=CurrencyRule(item.currency),
                bilingual_required=item.bilingual_required,
                nothing_to_publish_allowed=item.nothing_to_publish_allowed,
                weight=item.weight,
                keywords_th=tuple(item.keywords_th),
                keywords_en=tuple(item.keywords_en),
                crosswalk={name: tuple(codes) for name, codes in item.crosswalk.items()},
                monitor=monitor_rules_from_json(item.monitor_rules),
            )
            for item in checklist_items(checklist)
        ),
        content_hash=checklist.content_hash,
    )
