"""Admin pages of the yearly results."""

from django.contrib import admin

from kinerja.agencies.admin_base import ViewOnlyAdmin, ViewOnlyInline
from kinerja.results.models import (
    Evidence,
    MeasurementRow,
    MeasurementRowIndicator,
    MeasurementTable,
    NarrativeIndicator,
    NarrativeSection,
    Realization,
    ReportingYear,
    Spending,
    SupportingTable,
)


@admin.register(ReportingYear)
class ReportingYearAdmin(ViewOnlyAdmin):
    list_display = ("agency", "year", "has_report", "report_title", "report_date")
    list_select_related = ("agency",)
    list_filter = ("year",)
    search_fields = ("agency__code", "agency__name")


@admin.register(MeasurementTable)
class MeasurementTableAdmin(ViewOnlyAdmin):
    list_display = ("reporting_year", "position", "work_unit", "table", "title")
    list_select_related = ("reporting_year__agency", "work_unit")


class MeasurementRowIndicatorInline(ViewOnlyInline):
    model = MeasurementRowIndicator
    fields = ("position", "indicator")
    extra = 0


@admin.register(MeasurementRow)
class MeasurementRowAdmin(ViewOnlyAdmin):
    list_display = ("table", "position", "target", "activity_target", "realization")
    list_select_related = ("table",)
    inlines = (MeasurementRowIndicatorInline,)


@admin.register(Realization)
class RealizationAdmin(ViewOnlyAdmin):
    list_display = ("reporting_year", "indicator", "quarter", "value", "note")
    list_select_related = ("reporting_year__agency", "indicator")
    list_filter = ("quarter",)


@admin.register(Evidence)
class EvidenceAdmin(ViewOnlyAdmin):
    list_display = ("title", "realization", "measurement_row", "file", "url")
    list_select_related = ("realization", "measurement_row")
    search_fields = ("title", "file", "url")


@admin.register(Spending)
class SpendingAdmin(ViewOnlyAdmin):
    list_display = ("reporting_year", "program", "activity", "quarter", "spent")
    list_select_related = ("reporting_year__agency", "program", "activity")


@admin.register(SupportingTable)
class SupportingTableAdmin(ViewOnlyAdmin):
    list_display = ("reporting_year", "position", "key", "table", "title")
    list_select_related = ("reporting_year__agency",)
    search_fields = ("key", "title")


class NarrativeIndicatorInline(ViewOnlyInline):
    model = NarrativeIndicator
    fields = ("position", "indicator")
    extra = 0


@admin.register(NarrativeSection)
class NarrativeSectionAdmin(ViewOnlyAdmin):
    list_display = ("reporting_year", "position", "key", "title")
    list_select_related = ("reporting_year__agency",)
    search_fields = ("key", "title", "text")
    inlines = (NarrativeIndicatorInline,)
