"""Turning the ids of an input into objects, in one place: an unknown id is a 400 naming its field."""

from __future__ import annotations

import pydantic
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _


def _all(source: QuerySet | type[Model]) -> QuerySet:
    return source._default_manager.all() if isinstance(source, type) else source


def resolve(source: QuerySet | type[Model], pk: int | None, field: str, message: str):
    """The object with `pk` in `source`, None for None; else a field error (`message` may say
    %(ids)s)."""
    if pk is None:
        return None
    found = _all(source).filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [message % {"ids": pk}]})
    return found


def resolve_many(source: QuerySet | type[Model], pks: list[int], field: str, message: str) -> list:
    """The objects in the order given, duplicates kept (the service judges them); unknown ids are one
    field error naming them."""
    found = {o.pk: o for o in _all(source).filter(pk__in=set(pks))}
    missing = [str(pk) for pk in pks if pk not in found]
    if missing:
        raise ValidationError({field: [message % {"ids": ", ".join(missing)}]})
    return [found[pk] for pk in pks]


def parse(input_class: type[pydantic.BaseModel], data: dict):
    """`data` (a page form's cleaned values) as the write's input; what does not fit is a field error,
    with the messages the API gives for the same input."""
    try:
        return input_class.model_validate(data)
    except pydantic.ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for item in exc.errors():
            errors.setdefault(".".join(str(p) for p in item["loc"]) or "__all__", []).append(message_for(item))
        raise ValidationError(errors) from None


def message_for(item: dict) -> str:
    """A message in the request's language for one pydantic error."""
    kind = item.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind == "value_error":
        return str(item.get("msg", "")).removeprefix("Value error, ")
    if kind.startswith("date"):
        return _("Enter a valid date as YYYY-MM-DD.")
    if kind.startswith("time"):
        return _("Enter a valid time as HH:MM.")
    if kind.startswith("datetime"):
        return _("Enter a valid date and time.")
    if kind.startswith("int") or kind.startswith("float"):
        return _("Enter a whole number.")
    if kind.startswith("bool"):
        return _("Enter true or false.")
    if kind.startswith("uuid"):
        return _("Enter a valid UUID.")
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        return _("This value has the wrong type.")
    if kind.startswith("string_too"):
        return _("This text is too long.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    return _("Invalid value.")
