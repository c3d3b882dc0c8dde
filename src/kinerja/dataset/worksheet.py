"""Loading an evaluation worksheet (LKE) shipped with Kinerja, validated by Pydantic.

Worksheets live in `kinerja/evaluation_data/lke-<regulation>.yaml`, one file per regulation;
`load_worksheet` turns one into the core's `Worksheet` (scoring) and keeps what the screen and
`kinerja.dataset.evaluation` need besides: which data check tests which criterion, and what each
answer means.
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
    ShareBand,
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
    "review-recorded",
]
CHECKS: tuple[str, ...] = get_args(Check)
Weight = Annotated[Decimal, Field(ge=0, le=100)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriterionSpec(_Model):
    """A criterion (a probing question), and the data check that tests it, if any."""

    code: str
    text: str
    check: Check | None = None


class SubComponentSpec(_Model):
    code: str
    name: str
    title: str = ""
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


class ShareBandSpec(_Model):
    answer: Answer
    above: Weight | None = None
    all: bool = False


class Meaning(_Model):
    """What an answer means for a pemenuhan sub-component and for the others."""

    pemenuhan: str
    other: str


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
    meanings: dict[Answer, Meaning]
    proposal_by_share: list[ShareBandSpec] = Field(min_length=1)
    predicates: list[PredicateSpec] = Field(min_length=1)
    deadlines: Deadlines
    components: list[ComponentSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> WorksheetFile:
        if set(self.answers) != set(ANSWERS) or set(self.meanings) != set(ANSWERS):
            raise ValueError(f"nilai dan arti jawaban harus untuk {', '.join(ANSWERS)}")
        last = self.proposal_by_share[-1]
        if last.above is not None or last.all:
            raise ValueError("pita usulan terakhir harus tanpa batas ('above' dan 'all')")
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
    """A worksheet for scoring, with the checks, meanings and deadlines of its file."""

    worksheet: Worksheet
    checks: dict[str, str]
    meanings: dict[str, Meaning]
    deadlines: Deadlines

    def meaning(self, answer: str, subcomponent: str) -> str:
        """What `answer` means for the sub-component coded `subcomponent` (`1.a`: pemenuhan)."""
        meaning = self.meanings[answer]
        return meaning.pemenuhan if subcomponent.endswith(".a") else meaning.other


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
                        sub.title,
                    )
                    for sub in comp.subcomponents
                ),
            )
            for comp in spec.components
        ),
        share_bands=tuple(
            ShareBand(band.answer, band.above, band.all) for band in spec.proposal_by_share
        ),
    )
    checks: dict[str, str] = {
        c.code: str(c.check)
        for comp in spec.components
        for sub in comp.subcomponents
        for c in sub.criteria
        if c.check is not None
    }
    meanings = {str(answer): meaning for answer, meaning in spec.meanings.items()}
    return LoadedWorksheet(worksheet, checks, meanings, spec.deadlines)


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
