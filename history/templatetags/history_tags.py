"""Rendering history events for people: field names by their verbose names, foreign keys by the
object's name, choices by their label, booleans as yes/no."""

from __future__ import annotations

import datetime

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from history.labels import action_label as _action_label
from history.labels import field_label as _extra_field_label
from history.labels import note_label as _note_label
from history.labels import value_label

register = template.Library()


def _field(event, name: str):
    model = event.content_type.model_class()
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


@register.filter
def action_label(action: str) -> str:
    return _action_label(action)


@register.filter
def note_label(note: str) -> str:
    return _note_label(note)


@register.filter
def field_label(event, name: str) -> str:
    """The field's verbose name; a field without one of its own (Django makes it from the name) and a
    recorded key that is no field go by the labels registered in history/labels.py."""
    field = _field(event, name)
    if field is not None and hasattr(field, "verbose_name"):
        label = str(field.verbose_name)
        if label != name.replace("_", " ") or _extra_field_label(name) == name:
            return label
    return _extra_field_label(name)


def _display(field, value, references: dict | None = None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return "、".join(_display(field, v, references) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{_extra_field_label(k)}：{_display(None, v)}" for k, v in value.items())
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return timezone.localtime(datetime.datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
    if field is not None:
        if isinstance(field, models.ForeignKey) and isinstance(value, int):
            # Named in advance for a page of events (history.selectors.resolve_references).
            if references is not None:
                return references.get((field.related_model, value), f"#{value}")
            found = field.related_model._default_manager.filter(pk=value).first()
            return str(found) if found is not None else f"#{value}"
        if getattr(field, "choices", None):
            return str(dict(field.flatchoices).get(value, value))
    return str(value)


@register.simple_tag
def change_values(event, name: str, pair) -> str:
    """'old → new' for one recorded change (a created value shows only the new one)."""
    field = _field(event, name)
    old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)

    def shown(value) -> str:
        return (value_label(name, value) if field is None else None) or _display(
            field, value, getattr(event, "references", None)
        )

    if old is None:
        return shown(new)
    return f"{shown(old)} → {shown(new)}"
