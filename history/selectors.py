from django.contrib.contenttypes.models import ContentType
from django.db import models

from history.models import Event


def timeline_for(instance: models.Model):
    """The history of one object, oldest first. The caller has already checked access to it."""
    return (
        Event.objects.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True), object_id=instance.pk
        )
        .select_related("actor")
        .order_by("at", "id")
    )
