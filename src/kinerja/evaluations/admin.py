"""Admin pages of the evaluation answers."""

from django.contrib import admin

from kinerja.evaluations.models import Evaluation, EvaluationAnswer


class EvaluationAnswerInline(admin.TabularInline):
    model = EvaluationAnswer
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("reporting_year", "regulation", "updated_at")
    inlines = (EvaluationAnswerInline,)
