"""Admin page of the memberships (for the server's superuser)."""

from django.contrib import admin

from kinerja.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "work_unit_code", "role")
    list_filter = ("role",)
    raw_id_fields = ("user", "agency")
