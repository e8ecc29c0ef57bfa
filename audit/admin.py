from django.contrib import admin

from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody adds, changes or deletes an entry (the auditor reads them at /audit/)."""

    list_display = ["at", "username", "action", "object_type", "object_id", "persons", "ip"]
    list_filter = ["action"]
    search_fields = ["username", "object_id", "detail"]
    exclude = ["person_keys"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
