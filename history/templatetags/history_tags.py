from django import template
from django.core.exceptions import FieldDoesNotExist

from history.labels import action_label as _action_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return _action_label(action)


@register.filter
def field_label(event, name: str) -> str:
    model = event.content_type.model_class()
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name
