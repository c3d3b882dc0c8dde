"""Personas and their offices for the web tests.

Our office is the KPU Kota Metro example (below KPU Provinsi Lampung); the other office is the
minimal dataset's KPU Kota Contoh, which is not below it. The personas: an administrator, a
planner, an operator of unit A (hukum-sdm), an operator of unit B (pdi), a leader, an auditor, a
viewer of the parent office, and an outsider (the other office's planner).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.utils import timezone

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import Indicator, PerformanceAgreement, Program
from kinerja.results.actions import add_evidence, save_realization, submit_realization
from kinerja.results.models import Evidence, Realization, ReportingYear, Spending
from kinerja.results.spending import save_spending, submit_spending
from module_rows import module_rows

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
MINIMAL = ROOT / "tests" / "dataset" / "minimal.yaml"
PASSWORD = "kata-sandi-uji-7391"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# persona: (role, office key, operator's unit)
PERSONAS = {
    "admin": ("admin", "own", None),
    "planner": ("planner", "own", None),
    "operator_a": ("operator", "own", "hukum-sdm"),
    "operator_b": ("operator", "own", "pdi"),
    "leader": ("leader", "own", None),
    "auditor": ("auditor", "own", None),
    "viewer": ("viewer", "parent", None),
    "outsider": ("planner", "other", None),
}


@dataclass
class Office:
    """An office with one object of each kind the URLs name."""

    agency: Agency
    year: ReportingYear
    unit: str
    indicator: Indicator
    draft: Realization
    submitted: Realization
    locked: Realization
    evidence: Evidence
    agreement: PerformanceAgreement
    # Budget realisation of the office's first program, Q1 a draft and Q2 submitted, entered by
    # the operator of the finance unit (the office's `finance_unit_code` is the operator's unit).
    spending_draft: Spending
    spending_submitted: Spending


@dataclass
class World:
    own: Office
    other: Office
    users: dict[str, AbstractUser] = field(default_factory=dict)


@functools.cache
def dataset(path: Path) -> Dataset:
    """A dataset file read once per test session (datasets are immutable)."""
    return read_yaml(path)


def make_user(name: str, role: str, agency: Agency, unit: str | None) -> AbstractUser:
    user = get_user_model().objects.create_user(name, password=PASSWORD, first_name=name)
    Membership.objects.create(user=user, agency=agency, role=role, work_unit_code=unit)
    return user


def _office(agency: Agency, unit: str, code: str, operator: Any, locked_year: int) -> Office:
    year = ReportingYear.objects.get(agency=agency, year=2024)
    indicator = Indicator.objects.get(objective__plan__agency=agency, code=code)
    draft = save_realization(operator, year, indicator, 3, "90%", "triwulan tiga")
    submitted = save_realization(operator, year, indicator, 4, "95%")
    evidence = add_evidence(operator, submitted, _pdf(), len(PDF), "laporan.pdf")
    submit_realization(operator, submitted, submitted.version)
    agency.finance_unit_code = unit
    agency.save(update_fields=["finance_unit_code"])
    program = Program.objects.filter(plan__agency=agency).order_by("position", "pk").first()
    assert program is not None
    spending_draft = save_spending(operator, year, program, 1, "1.000.000")
    spending_submitted = save_spending(operator, year, program, 2, 2_000_000)
    submit_spending(operator, spending_submitted, spending_submitted.version)
    old, _ = ReportingYear.objects.get_or_create(
        agency=agency, year=locked_year, defaults={"position": 9}
    )
    locked = Realization.objects.create(
        reporting_year=old, indicator=indicator, quarter=4, value="80%", position=0
    )
    old.locked_at = timezone.now()
    old.save()
    return Office(
        agency=agency,
        year=year,
        unit=unit,
        indicator=indicator,
        draft=Realization.objects.get(pk=draft.pk),
        submitted=Realization.objects.get(pk=submitted.pk),
        locked=locked,
        evidence=evidence,
        agreement=PerformanceAgreement.objects.filter(agency=agency, year=2024).first(),  # type: ignore[arg-type]
        spending_draft=Spending.objects.get(pk=spending_draft.pk),
        spending_submitted=Spending.objects.get(pk=spending_submitted.pk),
    )


def _pdf() -> Any:
    import io

    return io.BytesIO(PDF)


@pytest.fixture
def evidence_dir(settings: Any, tmp_path: Path) -> Path:
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher"
    ]  # fast, tests only
    settings.DATA_DIR = tmp_path / "data"
    settings.EVIDENCE_DIR = tmp_path / "data" / "evidence"
    return settings.EVIDENCE_DIR


def build_world() -> World:
    """Both offices, every persona, and a draft, a submitted and a locked realisation in each."""
    own = import_dataset(dataset(EXAMPLE))
    other = import_dataset(dataset(MINIMAL))
    parent = Agency.objects.get(code="kpu-provinsi-lampung")
    offices = {"own": own, "other": other, "parent": parent}
    users = {
        name: make_user(name, role, offices[where], unit)
        for name, (role, where, unit) in PERSONAS.items()
    }
    other_operator = make_user("other_operator", "operator", other, "pdi")
    return World(
        own=_office(own, "hukum-sdm", "IK08", users["operator_a"], 2023),
        other=_office(other, "pdi", "IK01", other_operator, 2023),
        users=users,
    )


@pytest.fixture(scope="module")
def shared_world(
    request: pytest.FixtureRequest,
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Any]:
    """The world built once for the module's tests that use it (see `ModuleRows`)."""
    folder = tmp_path_factory.mktemp("world")
    yield from module_rows(request, "world", build_world, django_db_blocker, folder)


@pytest.fixture
def world(request: pytest.FixtureRequest, shared_world: Any, db: None, evidence_dir: Path) -> World:
    """Both offices, every persona, and a draft, a submitted and a locked realisation in each:
    the module's shared rows, or built for the test alone when it is transactional."""
    shared = shared_world.for_test(request.node, evidence_dir.parent)
    return shared if shared is not None else build_world()
