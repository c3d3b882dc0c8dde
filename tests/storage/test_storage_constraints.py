"""The database itself refuses rows the dataset format cannot mean."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from kinerja.agencies.datasets import find_agency, import_dataset
from kinerja.dataset.schema import Dataset
from kinerja.plans.models import Activity, BudgetLine, PerformanceAgreement, Program
from kinerja.results.models import Evidence, Realization

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(minimal_dataset: Dataset) -> PerformanceAgreement:
    agency = import_dataset(minimal_dataset)
    return PerformanceAgreement.objects.get(agency=agency, work_unit=None)


@pytest.fixture
def program(agreement: PerformanceAgreement) -> Program:
    return Program.objects.get(plan__agency=agreement.agency, code="DM")


@pytest.fixture
def activity(program: Program) -> Activity:
    return Activity.objects.create(program=program, code="DM.1", name="Dukungan Teknis")


def test_a_budget_line_of_both_a_program_and_an_activity_is_rejected(
    agreement: PerformanceAgreement, program: Program, activity: Activity
) -> None:
    line = BudgetLine(agreement=agreement, program=program, activity=activity, amount=1)

    with pytest.raises(ValidationError, match="Isi tepat satu: program atau kegiatan"):
        line.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        line.save()


def test_a_budget_line_of_neither_a_program_nor_an_activity_is_rejected(
    agreement: PerformanceAgreement,
) -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        BudgetLine.objects.create(agreement=agreement, amount=1)


def test_a_budget_line_of_exactly_one_is_accepted(
    agreement: PerformanceAgreement, activity: Activity
) -> None:
    line = BudgetLine(agreement=agreement, activity=activity, amount=5)
    line.full_clean()
    line.save()


def test_a_second_office_agreement_in_the_same_year_is_rejected(
    agreement: PerformanceAgreement,
) -> None:
    twin = PerformanceAgreement(agency=agreement.agency, year=agreement.year)

    with pytest.raises(ValidationError, match="sudah punya PK kantor untuk tahun ini"):
        twin.validate_constraints()
    with transaction.atomic(), pytest.raises(IntegrityError):
        twin.save()


def test_a_second_realisation_of_the_same_quarter_is_rejected(rich_dataset: Dataset) -> None:
    agency = import_dataset(rich_dataset)
    first = Realization.objects.filter(reporting_year__agency=agency).first()
    assert first is not None
    twin = Realization(
        reporting_year=first.reporting_year,
        indicator=first.indicator,
        quarter=first.quarter,
        value="1 kasus",
    )

    with pytest.raises(ValidationError, match="triwulan tersebut sudah tercatat"):
        twin.validate_constraints()
    with transaction.atomic(), pytest.raises(IntegrityError):
        twin.save()


def test_a_quarter_five_is_rejected(rich_dataset: Dataset) -> None:
    agency = import_dataset(rich_dataset)
    first = Realization.objects.filter(reporting_year__agency=agency).first()
    assert first is not None
    first.quarter = 5

    with transaction.atomic(), pytest.raises(IntegrityError):
        first.save()


def test_evidence_must_belong_to_exactly_one_parent(rich_dataset: Dataset) -> None:
    import_dataset(rich_dataset)
    orphan = Evidence(title="Tanpa induk")

    with pytest.raises(ValidationError, match="tepat satu: realisasi atau baris pengukuran"):
        orphan.validate_constraints()
    with transaction.atomic(), pytest.raises(IntegrityError):
        orphan.save()


def test_an_office_cannot_be_deleted_while_it_has_child_offices(rich_dataset: Dataset) -> None:
    import_dataset(rich_dataset)
    province = find_agency("kpu-prov-contoh")

    with pytest.raises(ProtectedError):
        province.delete()


def test_deleting_an_office_deletes_everything_it_describes(rich_dataset: Dataset) -> None:
    agency = import_dataset(rich_dataset)

    agency.delete()

    assert not Realization.objects.exists()
    assert not Evidence.objects.exists()
    assert not PerformanceAgreement.objects.exists()
