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
- what the final LKj still lacks (`documents.gaps`: the document refuses to be made final while
  any remains), each an error: narrative sections the data cannot draft (`narrative`), the
  signatories of the LKj and of the office's PK (`signatories`), the review statement
  (`review`); sections left to the drafted text are warnings (`narrative`), as is the head of a
  work unit signing its PK (`signatories`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kinerja.agencies.datasets import export_dataset
from kinerja.core.review import Severity
from kinerja.dataset import schema
from kinerja.dataset.measure import measure
from kinerja.dataset.review import review
from kinerja.digests import digest
from kinerja.documents.context import build_context
from kinerja.documents.gaps import DocumentIncomplete, Gap
from kinerja.documents.lkj import build_lkj
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
        return digest(text)


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


# The LKj's gaps that this module states more precisely itself (unfilled values, budget).
_OWN_GAPS = ("BAB III, indikator", "BAB III B. Realisasi Anggaran")


def _gap_section(gap: Gap) -> str:
    if "Perjanjian Kinerja" in gap.place or "penanda tangan" in gap.what.lower():
        return "signatories"
    if "Direviu" in gap.place:
        return "review"
    return "narrative"


def _lkj(dataset: schema.Dataset, entry: schema.Year) -> Iterator[Item]:
    """Everything the final LKj still lacks (the document's own list, `documents.gaps`)."""
    try:
        build_lkj(build_context(dataset, entry.year), charts=False, mode="final")
    except DocumentIncomplete as exc:
        for gap in exc.gaps:
            if not gap.place.startswith(_OWN_GAPS):
                yield Item(_gap_section(gap), ERROR, gap.text)
    written = {s.key for s in entry.narrative if s.objective is None and s.work_unit is None}
    for key, label in WRITTEN_SECTIONS.items():
        if key not in written:
            yield Item(
                "narrative",
                WARNING,
                f"{label} masih teks susunan otomatis dari angka (kunci '{key}').",
            )


def _unit_heads(dataset: schema.Dataset, entry: schema.Year) -> Iterator[Item]:
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
    dataset = verified_copy(stored, year.agency).period_of(year.year)
    entry = dataset.year(year.year)
    found = [
        *_stored(year),
        *_unfilled(dataset, year.year),
        *_budget(dataset, entry),
        *_review(dataset, year.year),
        *_lkj(dataset, entry),
        *_unit_heads(dataset, entry),
    ]
    order = list(SECTIONS)
    found.sort(key=lambda i: (i.severity != ERROR, order.index(i.section)))
    return Readiness(year.year, tuple(found))
