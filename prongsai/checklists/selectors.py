"""Read checklists."""

from django.db.models import QuerySet

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
            }
            for item in checklist_items(checklist)
        ],
    }
