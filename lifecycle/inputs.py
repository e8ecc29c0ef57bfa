"""Turning the ids of an input into objects, in one place: an unknown id is a 400 naming its field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _


def resolve(queryset: QuerySet | type[Model], pk: int | None, field: str, message: str | None = None):
    """The object with `pk` among `queryset`, None for None, else a field error."""
    if pk is None:
        return None
    queryset = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [message or _("Unknown: %(ids)s") % {"ids": pk}]})
    return found


def resolve_many(queryset: QuerySet | type[Model], pks: list[int], field: str, message: str | None = None) -> list:
    """The objects in the order given, duplicates kept (the service judges them); unknown ids are a
    field error naming them."""
    queryset = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    found = {o.pk: o for o in queryset.filter(pk__in=set(pks))}
    missing = [str(pk) for pk in pks if pk not in found]
    if missing:
        raise ValidationError({field: [message or _("Unknown: %(ids)s") % {"ids": ", ".join(missing)}]})
    return [found[pk] for pk in pks]
