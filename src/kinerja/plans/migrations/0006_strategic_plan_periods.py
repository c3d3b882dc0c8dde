"""An office may hold several Renstra periods: the plan's office becomes a foreign key.

Every stored plan stays as it is. Years were not checked against the plan's period before, so a
plan whose office has a year (or a PK) outside its period is widened to cover it: the stored
data stays a valid dataset, where each year lies within its plan's period.
"""

import django.db.models.deletion
from django.db import migrations, models


def widen_periods(apps, schema_editor):  # type: ignore[no-untyped-def]
    StrategicPlan = apps.get_model("plans", "StrategicPlan")
    PerformanceAgreement = apps.get_model("plans", "PerformanceAgreement")
    ReportingYear = apps.get_model("results", "ReportingYear")
    for plan in StrategicPlan.objects.all():
        years = set(ReportingYear.objects.filter(agency_id=plan.agency_id).values_list("year", flat=True))
        years |= set(
            PerformanceAgreement.objects.filter(agency_id=plan.agency_id).values_list("year", flat=True)
        )
        if not years:
            continue
        start, end = min(plan.start, *years), max(plan.end, *years)
        if (start, end) != (plan.start, plan.end):
            StrategicPlan.objects.filter(pk=plan.pk).update(start=start, end=end)


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0005_publication'),
        ('plans', '0005_indicator_serves'),
        ('results', '0003_spending_workflow'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='strategicplan',
            options={'ordering': ('agency_id', 'start'), 'verbose_name': 'rencana strategis', 'verbose_name_plural': 'rencana strategis'},
        ),
        migrations.AlterField(
            model_name='strategicplan',
            name='agency',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='strategic_plans', to='agencies.agency', verbose_name='instansi'),
        ),
        migrations.AddConstraint(
            model_name='strategicplan',
            constraint=models.UniqueConstraint(fields=('agency', 'start'), name='strategic_plan_start_unique_per_agency', violation_error_message='Instansi ini sudah punya Renstra yang mulai tahun itu.'),
        ),
        migrations.RunPython(widen_periods, migrations.RunPython.noop),
    ]
