"""Mask the personal data that earlier history events stored whole (ID numbers, phones) and drop
the password hashes (issue 14, defect 5)."""

from django.db import migrations


def mask_events(apps, schema_editor):
    from history.services import protect

    Event = apps.get_model("history", "Event")
    # Event's own manager refuses update(); the historical model's plain manager is used, once.
    for event in Event._base_manager.exclude(changes={}).iterator(chunk_size=500):
        kept = protect(event.changes)
        if kept != event.changes:
            Event._base_manager.filter(pk=event.pk).update(changes=kept)


class Migration(migrations.Migration):
    dependencies = [("history", "0001_initial")]

    operations = [migrations.RunPython(mask_events, migrations.RunPython.noop, elidable=True)]
