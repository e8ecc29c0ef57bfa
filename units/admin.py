from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from history.admin import HistoryAdminMixin
from lifecycle.forms import FORMSET_ERROR_MESSAGES
from units.models import Category, DistrictLeader, DistrictSettings, FrequencyRule, ListItem, Unit, UnitOfficial


class UnitOfficialFormSet(BaseInlineFormSet):
    default_error_messages = FORMSET_ERROR_MESSAGES


class UnitOfficialInline(admin.TabularInline):
    model = UnitOfficial
    formset = UnitOfficialFormSet
    extra = 1


@admin.register(Unit)
class UnitAdmin(HistoryAdminMixin, admin.ModelAdmin):
    inlines = [UnitOfficialInline]
    list_display = ["name", "kind", "parent", "is_key"]
    list_filter = ["kind", "is_key"]
    search_fields = ["name"]


@admin.register(DistrictLeader)
class DistrictLeaderAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "title"]
    filter_horizontal = ["liaison_units", "oversight_units"]


@admin.register(Category)
class CategoryAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "department"]
    list_filter = ["parent"]


@admin.register(ListItem)
class ListItemAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]


@admin.register(DistrictSettings)
class DistrictSettingsAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["district_name", "joint_office_short", "signoff_required"]


@admin.register(FrequencyRule)
class FrequencyRuleAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["unit_kind", "key_departments_only", "period", "required"]
