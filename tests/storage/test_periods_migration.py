"""The migration to several Renstra periods per office keeps every stored plan; a lone plan whose
office has years outside its period is widened to cover them, so the office stays a valid
dataset (each year within its plan's period)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("plans", "0005_indicator_serves"), ("results", "0003_spending_workflow")]
AFTER = [("plans", "0006_strategic_plan_periods"), ("results", "0003_spending_workflow")]


def test_existing_plans_stay_and_a_period_is_widened_to_its_years() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Agency = old.get_model("agencies", "Agency")
    Plan = old.get_model("plans", "StrategicPlan")
    Year = old.get_model("results", "ReportingYear")
    Agreement = old.get_model("plans", "PerformanceAgreement")
    inside = Agency.objects.create(code="kpu-a", name="KPU A", level="regency_city")
    outside = Agency.objects.create(code="kpu-b", name="KPU B", level="regency_city")
    kept = Plan.objects.create(agency_id=inside.pk, start=2020, end=2024, vision="Visi A")
    widened = Plan.objects.create(agency_id=outside.pk, start=2020, end=2024, vision="Visi B")
    Year.objects.create(agency_id=inside.pk, year=2024)
    Year.objects.create(agency_id=outside.pk, year=2024)
    Year.objects.create(agency_id=outside.pk, year=2025)  # made before periods were checked
    Agreement.objects.create(agency_id=outside.pk, year=2019)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Plan = new.get_model("plans", "StrategicPlan")
    plans = {p.pk: (p.agency_id, p.start, p.end, p.vision) for p in Plan.objects.all()}
    assert plans == {
        kept.pk: (inside.pk, 2020, 2024, "Visi A"),
        widened.pk: (outside.pk, 2019, 2025, "Visi B"),
    }
    # An office may now hold a second period.
    Plan.objects.create(agency_id=inside.pk, start=2025, end=2029, vision="Visi A baru")
    assert Plan.objects.filter(agency_id=inside.pk).count() == 2
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
