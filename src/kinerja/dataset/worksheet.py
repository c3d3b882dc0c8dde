"""Loading an evaluation worksheet (LKE) shipped with Kinerja, validated by Pydantic.

Worksheets live in `kinerja/evaluation_data/lke-<regulation>.yaml`, one file per regulation;
`load_worksheet` turns one into the core's `Worksheet` (scoring) and keeps the proposal settings
(which data check proposes which answer) for `kinerja.dataset.evaluation`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Annotated, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kinerja.core.evaluation import (
    Component,
    Criterion,
    PredicateBand,
    SubComponent,
    Worksheet,
)

Answer = Literal["AA", "A", "BB", "B", "CC", "C", "D", "E"]
ANSWERS: tuple[str, ...] = ("AA", "A", "BB", "B", "CC", "C", "D", "E")
Check = Literal[
    "renstra",
    "renstra-targets",
    "agreement-signed",
    "action-plan",
    "cascading",
    "targets-consistent",
    "measured-quarterly",
    "evidence",
    "measured-in-system",
    "achievements-consistent",
    "lkj-generated",
    "lkj-on-time",
    "indicators-reported",
    "review-clean",
]
CHECKS: tuple[str, ...] = get_args(Check)
Weight = Annotated[Decimal, Field(ge=0, le=100)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProposalSpec(_Model):
    """Which data check proposes an answer, and the answer for each outcome."""

    check: Check
    met: Answer
    partly: Answer
    unmet: Answer


class CriterionSpec(_Model):
    code: str
    text: str
    proposal: ProposalSpec | None = None


class SubComponentSpec(_Model):
    code: str
    name: str
    weight: Weight
    criteria: list[CriterionSpec] = Field(min_length=1)


class ComponentSpec(_Model):
    code: str
    name: str
    weight: Weight
    subcomponents: list[SubComponentSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _weights_add_up(self) -> ComponentSpec:
        parts = sum((s.weight for s in self.subcomponents), Decimal(0))
        if parts != self.weight:
            raise ValueError(
                f"bobot subkomponen {self.name} berjumlah {parts}, bukan {self.weight}"
            )
        return self


class PredicateSpec(_Model):
    grade: str
    label: str
    above: Weight | None = None


class Deadline(_Model):
    """A day of the year (of the evaluated year, or of the next)."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    next_year: bool = False

    def date(self, year: int) -> dt.date:
        return dt.date(year + 1 if self.next_year else year, self.month, self.day)


class Deadlines(_Model):
    agreement: Deadline
    report: Deadline


class WorksheetFile(_Model):
    """The whole worksheet file."""

    regulation: str
    title: str
    answers: dict[Answer, Weight]
    predicates: list[PredicateSpec] = Field(min_length=1)
    deadlines: Deadlines
    components: list[ComponentSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> WorksheetFile:
        if set(self.answers) != set(ANSWERS):
            raise ValueError(f"nilai jawaban harus untuk {', '.join(ANSWERS)}")
        total = sum((c.weight for c in self.components), Decimal(0))
        if total != 100:
            raise ValueError(f"bobot komponen berjumlah {total}, bukan 100")
        bounds = [p.above for p in self.predicates]
        if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
            raise ValueError("hanya predikat terakhir yang tanpa batas bawah ('above')")
        numbers = [b for b in bounds if b is not None]
        if numbers != sorted(numbers, reverse=True) or len(set(numbers)) != len(numbers):
            raise ValueError("batas predikat harus menurun, dari yang terbaik")
        codes = [c.code for comp in self.components for s in comp.subcomponents for c in s.criteria]
        if len(set(codes)) != len(codes):
            raise ValueError("kode kriteria harus unik")
        return self


@dataclass(frozen=True)
class LoadedWorksheet:
    """A worksheet for scoring, with the proposal settings and deadlines of its file."""

    worksheet: Worksheet
    proposals: dict[str, ProposalSpec]
    deadlines: Deadlines


class WorksheetError(Exception):
    """A worksheet that does not exist or does not validate (Indonesian message)."""


def available_regulations() -> list[str]:
    """The regulations with a worksheet shipped with Kinerja."""
    folder = resources.files("kinerja").joinpath("evaluation_data")
    return sorted(
        item.name.removeprefix("lke-").removesuffix(".yaml")
        for item in folder.iterdir()
        if item.name.startswith("lke-") and item.name.endswith(".yaml")
    )


def parse_worksheet(text: str, name: str) -> LoadedWorksheet:
    """Validate worksheet YAML text; WorksheetError naming the file and the problems."""
    try:
        spec = WorksheetFile.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise WorksheetError(f"lembar kerja evaluasi {name} tidak sah: {exc}") from exc
    worksheet = Worksheet(
        regulation=spec.regulation,
        title=spec.title,
        answers=tuple((grade, Decimal(spec.answers[grade])) for grade in ANSWERS),  # type: ignore[index]
        predicates=tuple(PredicateBand(p.grade, p.label, p.above) for p in spec.predicates),
        components=tuple(
            Component(
                comp.code,
                comp.name,
                comp.weight,
                tuple(
                    SubComponent(
                        sub.code,
                        sub.name,
                        sub.weight,
                        tuple(Criterion(c.code, c.text) for c in sub.criteria),
                    )
                    for sub in comp.subcomponents
                ),
            )
            for comp in spec.components
        ),
    )
    proposals = {
        c.code: c.proposal
        for comp in spec.components
        for sub in comp.subcomponents
        for c in sub.criteria
        if c.proposal is not None
    }
    return LoadedWorksheet(worksheet, proposals, spec.deadlines)


@cache
def load_worksheet(regulation: str) -> LoadedWorksheet:
    """The worksheet of `regulation` (e.g. `permenpanrb-88-2021`); WorksheetError if unknown."""
    resource = resources.files("kinerja").joinpath("evaluation_data", f"lke-{regulation}.yaml")
    if not resource.is_file():
        known = ", ".join(available_regulations()) or "(tidak ada)"
        raise WorksheetError(
            f"lembar kerja evaluasi untuk regulasi '{regulation}' tidak ada (tersedia: {known})"
        )
    return parse_worksheet(resource.read_text(encoding="utf-8"), resource.name)
