"""Admin pages of the offices and their organisation."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

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


# The profile is kept by the office's planners in the web app (`/o/<office>/profil/`,
# `kinerja.agencies.profile`): checked by the dataset's rules, versioned, recorded, and keeping
# each locked year's signatories. The admin only shows it; the name is typed here once, when the
# office is made.
PROFILE = ("full_name", "address", "city", "signing_place", "head", "secretary", "people")
PROFILE_HELP = (
    "Nama, nama lengkap, alamat, kota, tempat penandatanganan, ketua, sekretaris dan pejabat "
    "diubah perencana atau administrator instansi di aplikasi: Profil instansi "
    "(/o/&lt;kode instansi&gt;/profil/)."
)


@admin.register(Agency)
class AgencyAdmin(AnnouncingAdmin):
    list_display = ("code", "name", "level", "parent", "has_dataset")
    list_filter = ("level", "has_dataset")
    search_fields = ("code", "name", "full_name", "city")
    autocomplete_fields = ("parent",)
    inlines = (WorkUnitInline,)
    fieldsets = (
        (None, {"fields": ("code", "name", "level", "parent", "has_dataset")}),
        ("Profil instansi", {"fields": PROFILE, "description": PROFILE_HELP}),
        ("Lainnya", {"fields": ("finance_unit_code",)}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Agency | None = None) -> Any:
        return PROFILE if obj is None else ("name", *PROFILE)


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
