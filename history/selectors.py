"""Reading the change record: one object's timeline, whole (the API) or by page (the pages)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import models

from history.models import Event

# How many events a page's timeline shows at once: the latest first, the earlier ones a page back.
TIMELINE_PAGE_SIZE = 50
# The query parameter of the timeline's page (a page may page its own lists with `page`).
TIMELINE_PAGE_PARAM = "history"


def timeline_for(instance: models.Model):
    """The history of one object, oldest first. The caller has already checked access to it."""
    return (
        Event.objects.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True), object_id=instance.pk
        )
        .select_related("actor", "content_type")
        .order_by("at", "id")
    )


def timeline_page(instance: models.Model, number=None, *, per_page: int = TIMELINE_PAGE_SIZE) -> Page:
    """One page of an object's history for a page to show: page 1 holds the latest `per_page` events,
    page 2 the ones before them, and so on; each page lists its events oldest first. The objects the
    events name by id are read in one query per model, so the page's query count stays the same
    whatever the length of the history."""
    newest_first = timeline_for(instance).order_by("-at", "-id")
    page = Paginator(newest_first, per_page).get_page(number)
    page.object_list = list(reversed(page.object_list))
    resolve_references(page.object_list)
    return page


def _field(model, name: str):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def resolve_references(events: list[Event]) -> None:
    """Name the objects the events' changes refer to by id (a foreign key's old and new value):
    `event.references[(model, pk)]` is the object's name. One query per related model."""
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    for event in events:
        model = event.content_type.model_class()
        for name, pair in (event.changes or {}).items():
            field = _field(model, name)
            if isinstance(field, models.ForeignKey):
                values = pair if isinstance(pair, list) else [pair]
                wanted[field.related_model].update(v for v in values if isinstance(v, int) and not isinstance(v, bool))
    names: dict[tuple[type[models.Model], int], str] = {}
    for related, pks in wanted.items():
        # A model whose name reads a related object says which (`name_relations`), so naming it
        # costs no query of its own.
        objects = related._default_manager.select_related(*getattr(related, "name_relations", ()))
        for pk, obj in objects.in_bulk(pks).items():
            names[(related, pk)] = str(obj)
    for event in events:
        event.references = names
