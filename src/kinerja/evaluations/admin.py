"""Admin pages of the evaluation answers."""

from django.contrib import admin

from kinerja.agencies.admin_base import ViewOnlyAdmin, ViewOnlyInline
from kinerja.evaluations.models import Evaluation, EvaluationAnswer


class EvaluationAnswerInline(ViewOnlyInline):
    model = EvaluationAnswer
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(ViewOnlyAdmin):
    list_display = (
        "reporting_year",
        "regulation",
        "finalized_at",
        "final_score",
        "final_predicate",
        "updated_at",
    )
    inlines = (EvaluationAnswerInline,)
