"""Request and answer shapes of the review and the evaluation (LKE) endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from kinerja.api.schemas import Code, PageOut, PageQuery, Year

Grade = Literal["AA", "A", "BB", "B", "CC", "C", "D", "E", ""]


class FindingQuery(PageQuery):
    office: Code
    year: Year
    severity: Literal["error", "warning", "info"] | None = None
    rule: str | None = Field(None, max_length=80)
    table: str | None = Field(None, max_length=80)
    objective: str | None = Field(None, max_length=80)
    indicator: str | None = Field(None, max_length=80)


class FindingOut(Schema):
    rule: str
    severity: str
    table: str | None
    objective: str | None
    indicator: str | None
    quarter: int | None
    message: str
    fix_url: str = Field(description="Halaman aplikasi web tempat temuan diperbaiki")


class FindingPage(PageOut):
    items: list[FindingOut]
    errors: int = Field(description="Banyak galat terbuka (seluruh temuan, tanpa saringan)")


class ReviewerIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    position: str | None = Field(None, max_length=200)
    nip: str | None = Field(None, max_length=24)


class ReviewNoteIn(Schema):
    text: str = Field(min_length=1, max_length=2000)
    rule: str | None = Field(None, max_length=64)
    location: str | None = Field(None, max_length=200)
    settled: bool = False


class ReviewRecordIn(Schema):
    reviewer: ReviewerIn
    date: dt.date
    place: str | None = Field(None, max_length=200)
    statement: str = Field(min_length=1, max_length=8000)
    findings: list[ReviewNoteIn] = Field(default_factory=list, max_length=500)
    version: int = Field(ge=0, le=2_147_483_647, description="0 untuk catatan pertama")


class ReviewRecordOut(Schema):
    office: str
    year: int
    reviewer: dict[str, Any]
    date: dt.date
    place: str | None
    statement: str
    findings: list[dict[str, Any]]
    recorded_by: str | None
    version: int


class EvidenceLinkIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    url: str = Field(min_length=1, max_length=2000)


class AnswerIn(Schema):
    """Fields left out stay as they are. Planners: met, self_assessment, note, evidence; the
    auditor: answer (the evaluator's value) and proposed."""

    met: list[Code] | None = Field(None, max_length=50)
    self_assessment: Grade | None = None
    note: str | None = Field(None, max_length=4000)
    evidence: list[EvidenceLinkIn] | None = Field(None, max_length=50)
    answer: Grade | None = None
    proposed: bool | None = None
    version: int = Field(ge=0, le=2_147_483_647, description="0 untuk butir yang belum dijawab")


class AnswerOut(Schema):
    item: str
    met: list[str]
    self_assessment: str | None
    answer: str | None
    note: str | None
    evidence: list[dict[str, Any]]
    proposed: bool
    version: int


class FinalizeIn(Schema):
    fingerprint: str = Field(
        min_length=1, max_length=64, description="`state.fingerprint` yang terakhir dibaca"
    )
    position: str | None = Field(None, max_length=200, description="Jabatan yang memfinalkan")


class ReopenIn(Schema):
    fingerprint: str = Field(
        min_length=1, max_length=64, description="`state.fingerprint` yang terakhir dibaca"
    )
    reason: str = Field(min_length=1, max_length=1000, description="Alasan membuka kembali")


class LkeStateOut(Schema):
    """The state of the year's LKE: draft or final (with the stored score and who)."""

    status: Literal["draft", "final"]
    finalized_at: dt.datetime | None
    finalized_by: str | None = Field(description="Nama yang memfinalkan")
    finalizer_position: str | None
    score: float | None = Field(description="Nilai total saat difinalkan")
    predicate: str | None = Field(description="Predikat saat difinalkan")
    version: int
    fingerprint: str = Field(description="Kirim kembali saat memfinalkan atau membuka kembali")
