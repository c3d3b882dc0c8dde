"""What a locked year's documents print is frozen with it: Renstra texts change only by revision.

The LKj of every year prints the Renstra's objectives (and the PK's indicators). While a year of
the office is locked, a change of those texts without a reason is refused and the locked year's
LKj reads exactly as before; with a reason it is recorded as a revision of each locked year.
"""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.plans.models import Objective, StrategicPlan
from kinerja.results.models import ReportingYear, Revision
from kinerja.ui import downloads
from kinerja.ui.forms import RenstraForm

NEW_NAME = "Meningkatnya kualitas penyelenggaraan pemilu yang berintegritas (diubah)"


def _lkj_text(agency: Any, year: int) -> str:
    import io

    from docx import Document

    word = Document(io.BytesIO(downloads.document(agency, year, "lkj", "docx")))
    lines = [p.text for p in word.paragraphs]
    lines += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def _renstra_post(world: Any, reason: str) -> tuple[Any, Objective]:
    """The planner renames the first objective through the Renstra page."""
    agency = world.own.agency
    plan = StrategicPlan.objects.get(agency=agency)
    form = RenstraForm(plan)
    objective = plan.objectives.order_by("position").first()
    assert objective is not None
    data = {name: field.initial for name, field in form.fields.items()}
    data[f"obj-{objective.pk}"] = NEW_NAME
    data["reason"] = reason
    client = Client()
    client.force_login(world.users["planner"])
    answer = client.post(reverse("ui:renstra", args=[agency.code, 2024]), data)
    return answer, objective


def _lock_2024(world: Any) -> ReportingYear:
    year = ReportingYear.objects.get(pk=world.own.year.pk)
    year.locked_at = timezone.now()  # the leader approved 2024
    year.save()
    return year


def test_renaming_an_objective_of_a_locked_year_without_a_reason_is_refused(world: Any) -> None:
    year = _lock_2024(world)
    before = _lkj_text(world.own.agency, 2024)
    objective = Objective.objects.filter(plan__agency=world.own.agency).order_by("position")[0]
    assert objective.name in before

    answer, objective = _renstra_post(world, reason="")

    assert answer.status_code == 200
    assert "sudah dikunci dan dokumennya memuat teks Renstra" in answer.content.decode()
    assert Objective.objects.get(pk=objective.pk).name == objective.name
    assert _lkj_text(world.own.agency, 2024) == before
    assert not Revision.objects.filter(reporting_year=year).exists()


def test_with_a_reason_the_change_is_a_revision_of_every_locked_year(world: Any) -> None:
    year = _lock_2024(world)
    old_year = ReportingYear.objects.get(agency=world.own.agency, year=2023)
    assert old_year.is_locked  # the personas' office has 2023 locked already

    answer, objective = _renstra_post(world, reason="Perubahan Renstra 2025-2029")

    assert answer.status_code == 302
    assert Objective.objects.get(pk=objective.pk).name == NEW_NAME
    for locked in (year, old_year):
        revision = Revision.objects.get(reporting_year=locked)
        assert (revision.subject, revision.old_value, revision.new_value, revision.reason) == (
            f"Nama sasaran {objective.code}", objective.name, NEW_NAME,
            "Perubahan Renstra 2025-2029",
        )  # fmt: skip
        assert revision.revised_by == world.users["planner"]


def test_an_office_without_a_locked_year_renames_freely(world: Any) -> None:
    ReportingYear.objects.filter(agency=world.own.agency).update(locked_at=None)

    answer, objective = _renstra_post(world, reason="")

    assert answer.status_code == 302
    assert Objective.objects.get(pk=objective.pk).name == NEW_NAME
    assert not Revision.objects.filter(reporting_year__agency=world.own.agency).exists()
