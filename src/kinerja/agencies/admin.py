"""Admin pages of the offices and their organisation."""

from django.contrib import admin

from kinerja.agencies.admin_base import AnnouncingAdmin
from kinerja.agencies.models import (
    Agency,
    CommissionerPeriod,
    CommissionerSeat,
    Division,
    StaffCount,
    WorkUnit,
)


class WorkUnitInline(admin.TabularInline):
    model = WorkUnit
    fields = ("position", "code", "name", "short_name", "division")
    extra = 0


@admin.register(Agency)
class AgencyAdmin(AnnouncingAdmin):
    list_display = ("code", "name", "level", "parent", "has_dataset")
    list_filter = ("level", "has_dataset")
    search_fields = ("code", "name", "full_name", "city")
    autocomplete_fields = ("parent",)
    inlines = (WorkUnitInline,)


@admin.register(Division)
class DivisionAdmin(AnnouncingAdmin):
    list_display = ("agency", "position", "code", "name")
    list_select_related = ("agency",)
    search_fields = ("code", "name", "agency__code")


class CommissionerSeatInline(admin.TabularInline):
    model = CommissionerSeat
    fields = ("position", "name", "title", "division")
    extra = 0


@admin.register(CommissionerPeriod)
class CommissionerPeriodAdmin(AnnouncingAdmin):
    list_display = ("agency", "start", "end", "decree")
    list_select_related = ("agency",)
    inlines = (CommissionerSeatInline,)


@admin.register(CommissionerSeat)
class CommissionerSeatAdmin(AnnouncingAdmin):
    list_display = ("period", "position", "name", "title", "division")
    list_select_related = ("period", "division")


@admin.register(StaffCount)
class StaffCountAdmin(AnnouncingAdmin):
    list_display = ("agency", "dimension", "category", "count")
    list_select_related = ("agency",)
    list_filter = ("dimension",)


@admin.register(WorkUnit)
class WorkUnitAdmin(AnnouncingAdmin):
    list_display = ("agency", "position", "code", "name", "division")
    list_select_related = ("agency", "division")
    search_fields = ("code", "name", "agency__code")
