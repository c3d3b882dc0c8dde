"""Admin pages of the Renstra, the achievement settings and the performance agreements."""

from django.contrib import admin

from kinerja.agencies.admin_base import ViewOnlyAdmin, ViewOnlyInline
from kinerja.plans.models import (
    Activity,
    AgencySettings,
    AgreementRow,
    BudgetLine,
    Goal,
    GoalIndicator,
    Indicator,
    Mission,
    Objective,
    PerformanceAgreement,
    Program,
    StrategicPlan,
)


@admin.register(StrategicPlan)
class StrategicPlanAdmin(ViewOnlyAdmin):
    list_display = ("agency", "start", "end", "title")
    list_select_related = ("agency",)
    search_fields = ("agency__code", "agency__name", "title")


@admin.register(Mission, Goal)
class PlanTextAdmin(ViewOnlyAdmin):
    list_display = ("plan", "position", "code", "text")
    list_select_related = ("plan__agency",)


@admin.register(GoalIndicator)
class GoalIndicatorAdmin(ViewOnlyAdmin):
    list_display = ("goal", "position", "code", "name")
    list_select_related = ("goal",)


@admin.register(Objective)
class ObjectiveAdmin(ViewOnlyAdmin):
    list_display = ("plan", "position", "code", "name", "weight")
    list_select_related = ("plan__agency",)
    search_fields = ("code", "name")


@admin.register(Indicator)
class IndicatorAdmin(ViewOnlyAdmin):
    list_display = ("code", "name", "objective", "work_unit", "is_key", "polarity", "combine")
    list_select_related = ("objective", "work_unit")
    list_filter = ("is_key", "polarity", "combine")
    search_fields = ("code", "name")


@admin.register(Program)
class ProgramAdmin(ViewOnlyAdmin):
    list_display = ("plan", "position", "code", "name")
    list_select_related = ("plan__agency",)


@admin.register(Activity)
class ActivityAdmin(ViewOnlyAdmin):
    list_display = ("program", "position", "code", "name")
    list_select_related = ("program",)


@admin.register(AgencySettings)
class AgencySettingsAdmin(ViewOnlyAdmin):
    list_display = ("agency", "cap", "cap_to", "lower_is_better", "grade_method", "dual_target")
    list_select_related = ("agency",)


class AgreementRowInline(ViewOnlyInline):
    model = AgreementRow
    fields = ("position", "objective", "indicator", "target")
    extra = 0


class BudgetLineInline(ViewOnlyInline):
    model = BudgetLine
    fields = ("position", "program", "activity", "amount", "printed")
    extra = 0


@admin.register(PerformanceAgreement)
class PerformanceAgreementAdmin(ViewOnlyAdmin):
    list_display = ("agency", "year", "work_unit", "title", "signed_on")
    list_select_related = ("agency", "work_unit")
    list_filter = ("year",)
    inlines = (AgreementRowInline, BudgetLineInline)


@admin.register(AgreementRow)
class AgreementRowAdmin(ViewOnlyAdmin):
    list_display = ("agreement", "position", "objective", "indicator", "target")
    list_select_related = ("agreement", "objective", "indicator")


@admin.register(BudgetLine)
class BudgetLineAdmin(ViewOnlyAdmin):
    list_display = ("agreement", "position", "program", "activity", "amount")
    list_select_related = ("agreement", "program", "activity")
