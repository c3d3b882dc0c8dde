"""Readiness of a year before the leader approves and locks it: what is still missing.

Errors block the lock (`kinerja.results.actions.lock_year` asks this module inside its
transaction, after taking the year's row, so the page and the action judge the same state);
warnings need the leader's explicit acknowledgement, which the lock records
(`LockAcknowledgement`: who, when, which warnings).

What is checked, on the stored values and on the verified dataset the LKj is printed from:

- values (`values`): realisations not yet verified (error); indicators of the year's
  measurement with no realisation at all (error);
- budget realisation (`budget`): spending not yet verified (error); a program of the office's PK
  with no verified spending, so its absorption cannot be computed (error); an activity of a work
  unit's PK with none (warning);
- the review (`review`): every error of `kinerja check` is an error, every warning a warning;
- the narrative (`narrative`): every place the LKj would print "[Belum diuraikan ...]" (error);
  the LKj's own sections left to the drafted text (warning);
- signatories (`signatories`): the LKj's signatory and both parties of the office's PK
  (errors), the head of a work unit signing its PK (warning).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kinerja.agencies.datasets import export_dataset
from kinerja.core.review import Severity
from kinerja.dataset import schema
from kinerja.dataset.measure import measure
from kinerja.dataset.review import review
from kinerja.documents.context import build_context
from kinerja.documents.lkj import build_lkj
from kinerja.documents.narrative import MISSING
from kinerja.documents.tree import Run
from kinerja.results.choices import RealizationStatus
from kinerja.results.models import Realization, ReportingYear, Spending
from kinerja.results.verified import verified_copy

ERROR = "error"
WARNING = "warning"
SECTIONS = {
    "values": "Nilai kinerja",
    "budget": "Realisasi anggaran",
    "review": "Hasil reviu",
    "narrative": "Narasi LKj",
    "signatories": "Penanda tangan",
}
# The LKj's sections whose drafted text a planner is expected to replace (`docs/reports.md`).
WRITTEN_SECTIONS = {
    "kata_pengantar": "Kata Pengantar",
    "ringkasan_eksekutif": "Ringkasan Eksekutif",
    "realisasi_anggaran": "BAB III B Realisasi Anggaran",
    "permasalahan": "BAB IV Permasalahan",
    "langkah_ke_depan": "BAB IV Langkah ke Depan",
}
STATUS_WORDS = {
    RealizationStatus.DRAFT: "draf",
    RealizationStatus.SUBMITTED: "diajukan",
    RealizationStatus.RETURNED: "dikembalikan",
}


@dataclass(frozen=True)
class Item:
    """One thing missing: its section (`SECTIONS`), severity and an Indonesian message."""

    section: str
    severity: str
    message: str

    @property
    def section_label(self) -> str:
        return SECTIONS[self.section]


@dataclass(frozen=True)
class Readiness:
    """Everything missing in a year, errors first, each section in `SECTIONS` order."""

    year: int
    items: tuple[Item, ...]

    @property
    def errors(self) -> list[Item]:
        return [i for i in self.items if i.severity == ERROR]

    @property
    def warnings(self) -> list[Item]:
        return [i for i in self.items if i.severity == WARNING]

    @property
    def ready(self) -> bool:
        return not self.errors

    def warning_texts(self) -> list[str]:
        return [f"{i.section_label}: {i.message}" for i in self.warnings]

    def by_section(self) -> list[tuple[str, str, list[Item]]]:
        """(section, label, items) for every section, the empty ones too."""
        return [
            (key, label, [i for i in self.items if i.section == key])
            for key, label in SECTIONS.items()
        ]

    @property
    def digest(self) -> str:
        """A digest of the warnings: what the leader acknowledged is what is still there."""
        text = "\n".join(self.warning_texts())
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _status_counts(rows: Any) -> str:
    counts = Counter(rows)
    return ", ".join(
        f"{counts[status]} {word}" for status, word in STATUS_WORDS.items() if counts[status]
    )


def _stored(year: ReportingYear) -> Iterator[Item]:
    pending = list(
        Realization.objects.filter(reporting_year=year)
        .exclude(status=RealizationStatus.VERIFIED)
        .values_list("status", flat=True)
    )
    if pending:
        yield Item(
            "values",
            ERROR,
            f"{len(pending)} realisasi triwulan belum diverifikasi ({_status_counts(pending)}).",
        )
    spending = list(
        Spending.objects.filter(reporting_year=year)
        .exclude(status=RealizationStatus.VERIFIED)
        .values_list("status", flat=True)
    )
    if spending:
        yield Item(
            "budget",
            ERROR,
            f"{len(spending)} realisasi anggaran belum diverifikasi ({_status_counts(spending)}).",
        )


def _unfilled(dataset: schema.Dataset, year: int) -> Iterator[Item]:
    result = measure(dataset, year)
    for objective in result.objectives:
        for ind in objective.indicators:
            if ind.realization is None:
                yield Item(
                    "values",
                    ERROR,
                    f"Indikator {ind.code} ({ind.name}) belum punya realisasi tahun {year} "
                    "yang terverifikasi.",
                )


def _named(word: str, name: str) -> str:
    """`Program Dukungan Manajemen` whether or not the plan's name starts with the word."""
    return name if name.lower().startswith(word.lower()) else f"{word} {name}"


def _budget(dataset: schema.Dataset, entry: schema.Year) -> Iterator[Item]:
    spent = {(s.program, s.activity) for s in entry.spending}
    programs = {p.code: p.name for p in dataset.strategic_plan.programs}
    activities = {a.code: a.name for p in dataset.strategic_plan.programs for a in p.activities}
    seen: set[tuple[str | None, str | None]] = set()
    for agreement in entry.agreements:
        for line in agreement.budget:
            key = (line.program, line.activity)
            if key in seen or key in spent:
                continue
            seen.add(key)
            if line.program is not None:
                name = _named("Program", programs.get(line.program, line.program))
                yield Item(
                    "budget",
                    ERROR if agreement.work_unit is None else WARNING,
                    f"{name} ({line.program}) belum punya realisasi anggaran yang "
                    "terverifikasi: penyerapannya tidak dapat dihitung.",
                )
            else:
                assert line.activity is not None
                name = _named("Kegiatan", activities.get(line.activity, line.activity))
                yield Item(
                    "budget",
                    WARNING,
                    f"{name} ({line.activity}) belum punya realisasi anggaran yang terverifikasi.",
                )


def _review(dataset: schema.Dataset, year: int) -> Iterator[Item]:
    for finding in review(dataset, year).findings:
        if finding.severity is Severity.ERROR:
            yield Item("review", ERROR, f"{finding.message} [{finding.rule}]")
        elif finding.severity is Severity.WARNING:
            yield Item("review", WARNING, f"{finding.message} [{finding.rule}]")


def _runs(node: Any) -> Iterator[Run]:
    if isinstance(node, Run):
        yield node
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            yield from _runs(getattr(node, f.name))
    elif isinstance(node, list | tuple):
        for child in node:
            yield from _runs(child)


def _narrative(dataset: schema.Dataset, entry: schema.Year) -> Iterator[Item]:
    document = build_lkj(build_context(dataset, entry.year), charts=False)
    for run in _runs(document):
        if MISSING in run.text:
            yield Item("narrative", ERROR, f"LKj masih mencetak {run.text.strip()}")
    written = {s.key for s in entry.narrative if s.objective is None and s.work_unit is None}
    for key, label in WRITTEN_SECTIONS.items():
        if key not in written:
            yield Item(
                "narrative",
                WARNING,
                f"{label} masih teks susunan otomatis dari angka (kunci '{key}').",
            )


def _signatories(dataset: schema.Dataset, entry: schema.Year) -> Iterator[Item]:
    agency = dataset.agency
    signatory = entry.report.signatory if entry.report else None
    if signatory is None and agency.head is None:
        yield Item(
            "signatories",
            ERROR,
            "Penanda tangan LKj belum diisi (data LKj tahun ini atau pimpinan instansi).",
        )
    office = entry.office_agreement
    if office is not None:
        if office.first_party is None and agency.secretary is None:
            yield Item(
                "signatories",
                ERROR,
                "Pihak pertama PK kantor belum diisi (PK atau sekretaris instansi).",
            )
        if office.second_party is None and agency.head is None:
            yield Item(
                "signatories",
                ERROR,
                "Pihak kedua PK kantor belum diisi (PK atau pimpinan instansi).",
            )
    heads = {u.code: u.head for u in dataset.work_units}
    for agreement in entry.agreements:
        unit = agreement.work_unit
        if unit is not None and agreement.first_party is None and heads.get(unit) is None:
            yield Item(
                "signatories",
                WARNING,
                f"Kepala unit kerja {unit} yang menandatangani PK-nya belum diisi.",
            )


def assess(year: ReportingYear) -> Readiness:
    """What is missing in `year` before it may be locked (one export, one review)."""
    stored = export_dataset(year.agency)
    dataset = verified_copy(stored, year.agency)
    entry = dataset.year(year.year)
    found = [
        *_stored(year),
        *_unfilled(dataset, year.year),
        *_budget(dataset, entry),
        *_review(dataset, year.year),
        *_narrative(dataset, entry),
        *_signatories(dataset, entry),
    ]
    order = list(SECTIONS)
    found.sort(key=lambda i: (i.severity != ERROR, order.index(i.section)))
    return Readiness(year.year, tuple(found))
