"""Answers stored before the LKE followed the 88/2021 worksheet (one per criterion) keep their
meaning after the migration: the evaluation is marked as the per-criterion variant."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("evaluations", "0001_initial"),
    ("audit", "0002_historicalindicator_unit_cap_scope_reference_targets"),
]
AFTER = [
    ("evaluations", "0003_review_record_and_answer_columns"),
    ("audit", "0007_history_of_evaluation_and_review"),
]


def test_former_criterion_answers_become_the_per_criterion_variant() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agency = old.get_model("agencies", "Agency").objects.create(
        code="kpu-lama", name="KPU Lama", level="regency_city", has_dataset=True
    )
    year = old.get_model("results", "ReportingYear").objects.create(agency=agency, year=2024)
    evaluation = old.get_model("evaluations", "Evaluation").objects.create(
        reporting_year=year, regulation="permenpanrb-88-2021"
    )
    old.get_model("evaluations", "EvaluationAnswer").objects.create(
        evaluation=evaluation, criterion="1.a.3", answer="B"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("evaluations", "Evaluation").objects.get(pk=evaluation.pk)
    assert migrated.method == "criterion"
    answer = new.get_model("evaluations", "EvaluationAnswer").objects.get(evaluation=migrated)
    assert (answer.item, answer.answer, answer.self_assessment, answer.version) == (
        "1.a.3",
        "B",
        "",
        1,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
