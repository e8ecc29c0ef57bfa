from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from history.admin import HistoryAdminMixin


@admin.register(User)
class UserAdmin(HistoryAdminMixin, BaseUserAdmin):
    list_display = ["username", "full_name", "unit", "role", "is_active"]
    list_filter = ["role", "unit__kind", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Unit and role"), {"fields": ("full_name", "unit", "role", "district_leader")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Unit and role"), {"fields": ("full_name", "unit", "role")}),)
