from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from history.labels import action_label
from history.models import Event
from history.services import record, snapshot


class HistoryAdminMixin:
    """Admin edits of reference data are recorded like any other change, in the same transaction.
    Deleting is not offered: reference rows are referenced by the record."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
            super().save_model(request, obj, form, change)
            record(instance=obj, actor=request.user, action="updated" if change else "created", before=before, note="admin")

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            obj = form.instance
            m2m = {f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in obj._meta.many_to_many}
            super().save_related(request, form, formsets, change)
            after = {f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in obj._meta.many_to_many}
            changes = {k: [m2m[k], after[k]] for k in after if after[k] != m2m[k]}
            if changes:
                record(instance=obj, actor=request.user, action="updated", changes=changes, note="admin")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "content_type", "object_id", "action_name", "actor"]
    list_filter = ["content_type"]

    @admin.display(description=_("action"))
    def action_name(self, event: Event) -> str:
        return str(action_label(event.action))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
