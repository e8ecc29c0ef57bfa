from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import ApiToken, User
from history.admin import HistoryAdminMixin


@admin.register(User)
class UserAdmin(HistoryAdminMixin, BaseUserAdmin):
    list_display = ["username", "full_name", "unit", "role", "is_active"]
    list_filter = ["role", "unit__kind", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Unit and role"), {"fields": ("full_name", "unit", "role", "district_leader")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Unit and role"), {"fields": ("full_name", "unit", "role")}),)

    def get_readonly_fields(self, request, obj=None):
        """The system administrator manages accounts but grants no superuser or permission, and
        never changes their own role (三员分立: no account holds two duties)."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "groups", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                fields += ["role", "is_staff"]
        return fields


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Every user's API tokens, for the administrator to see and revoke; never to create or edit (a
    token is shown only once, to the user who requests it)."""

    list_display = ["user", "name", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["revoked_at", "expires_at"]
    search_fields = ["user__username", "user__full_name", "name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "created_at", "last_used_at", "expires_at", "revoked_at"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["delete"])
    def revoke(self, request, queryset):
        count = queryset.revoke(request=request)
        self.message_user(
            request, ngettext("%(count)d token was revoked.", "%(count)d tokens were revoked.", count) % {"count": count}
        )
