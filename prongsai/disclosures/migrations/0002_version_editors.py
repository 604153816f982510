"""Record who edited each version, so that none of them reviews it (separation of duties).

Existing versions are filled in from what the database already knows: the person who created the
version and the actors of its draft events in the audit log; a version that continues a returned
one also takes that version's editors, as the service does from now on.
"""

from django.conf import settings
from django.db import migrations, models

BATCH = 5000


def fill_editors(apps, schema_editor):
    EntryVersion = apps.get_model("disclosures", "EntryVersion")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Editors = EntryVersion.editors.through

    editors: dict[int, set[int]] = {}
    for version_id, user_id in EntryVersion.objects.values_list("pk", "created_by_id").iterator(chunk_size=BATCH):
        editors.setdefault(version_id, set()).add(user_id)
    people = set(User.objects.values_list("pk", flat=True))
    events = AuditEvent.objects.filter(
        action__in=["entry.draft_create", "entry.draft_edit"],
        object_type="disclosures.entryversion",
        actor_id__isnull=False,
    ).values_list("object_id", "actor_id")
    for object_id, actor_id in events.iterator(chunk_size=BATCH):
        version_id = int(object_id)
        if version_id in editors and actor_id in people:
            editors[version_id].add(actor_id)
    # In number order, so that a chain of returned versions passes its editors all the way along.
    continued = EntryVersion.objects.filter(based_on__state="returned").order_by("entry_id", "number")
    for version_id, base_id in continued.values_list("pk", "based_on_id").iterator(chunk_size=BATCH):
        editors[version_id] |= editors.get(base_id, set())

    rows = [Editors(entryversion_id=v, user_id=u) for v, users in editors.items() for u in users]
    Editors.objects.bulk_create(rows, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0001_initial"),
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="entryversion",
            name="editors",
            field=models.ManyToManyField(
                blank=True, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="edited by"
            ),
        ),
        migrations.RunPython(fill_editors, migrations.RunPython.noop),
    ]
