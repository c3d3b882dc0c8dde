"""What the API reads and writes: ninja schemas, with limits that keep every input storable.

Every text is checked for characters no database keeps (NUL, lone surrogates), and every number
is bounded, so that a strange request gets 422 and never reaches the database as an error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator

from kinerja.dataset.storable import NOTE_MAX_LENGTH

CODE_PATTERN = r"^[A-Za-z0-9._-]{1,64}$"
MAX_ID = 2**63 - 1
MAX_VERSION = 2**31 - 1


def _storable(text: str) -> str:
    if "\x00" in text:
        raise ValueError("Teks tidak boleh berisi karakter NUL.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("Teks berisi karakter yang tidak sah.") from exc
    return text


Text = Annotated[str, AfterValidator(_storable)]
Code = Annotated[str, Field(pattern=CODE_PATTERN, description="Kode dataset (huruf, angka, . _ -)")]
Year = Annotated[int, Field(ge=2000, le=2100, description="Tahun anggaran")]
QuarterNo = Annotated[int, Field(ge=1, le=4, description="Triwulan 1 sampai 4")]
Version = Annotated[
    int,
    Field(ge=0, le=MAX_VERSION, description="Versi yang terakhir Anda baca; beda berarti 409"),
]
RealizationStatus = Literal["draft", "submitted", "returned", "verified"]


# --- queries --------------------------------------------------------------------------------------


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Halaman, mulai dari 1")
    page_size: int = Field(50, ge=1, le=200, description="Banyak butir per halaman (maks. 200)")


class OfficeQuery(PageQuery):
    office: Code | None = Field(None, description="Kode instansi")


class YearQuery(OfficeQuery):
    year: Year | None = None


class QuarterQuery(YearQuery):
    quarter: QuarterNo | None = None


class RealizationQuery(QuarterQuery):
    status: RealizationStatus | None = None
    work_unit: Code | None = Field(None, description="Kode unit kerja")


class OfficeYearQuery(Schema):
    office: Code
    year: Year


class DocumentQuery(OfficeYearQuery):
    format: Literal["docx", "pdf"] = "pdf"
    unit: Code | None = Field(
        None, description="PK: kode unit kerja; kosong untuk PK instansi. Tidak dipakai untuk LKj."
    )


# --- bodies ---------------------------------------------------------------------------------------


class RealizationIn(Schema):
    """A quarter's realisation to enter: it becomes a draft of the indicator's work unit."""

    office: Code
    year: Year
    indicator: Code = Field(description="Kode indikator kinerja")
    quarter: QuarterNo
    value: Annotated[Text, Field(min_length=1, max_length=200)] = Field(
        description="Nilai seperti tertulis: 95%, 3 orang, B, selesai"
    )
    note: Annotated[Text, Field(max_length=NOTE_MAX_LENGTH)] = ""


class RealizationUpdate(Schema):
    """A correction of a realisation, at the version the client last read."""

    value: Annotated[Text, Field(min_length=1, max_length=200)]
    note: Annotated[Text, Field(max_length=NOTE_MAX_LENGTH)] = ""
    version: Version


class StepIn(Schema):
    version: Version


class ReturnIn(StepIn):
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]


# --- answers --------------------------------------------------------------------------------------


class OfficeOut(Schema):
    code: str
    name: str
    full_name: str | None
    level: str
    parent: str | None
    years: list[int]


class ObjectiveOut(Schema):
    code: str
    name: str
    goal: str | None


class PlanOut(Schema):
    office: str
    start: int
    end: int
    title: str | None
    vision: str
    objectives: list[ObjectiveOut]


class ReferenceTargetOut(Schema):
    label: str
    target: str
    year: int | None


class IndicatorOut(Schema):
    id: int
    office: str
    code: str
    name: str
    objective: str
    work_unit: str | None
    is_key: bool
    polarity: str
    combine: str
    renstra_targets: dict[str, str]
    unit: str | None = Field(description="Satuan: angka tanpa satuan dibaca dalam satuan ini")
    cap_applies: str | None = Field(description="Batas capaian berlaku pada; null = pengaturan")
    reference_targets: list[ReferenceTargetOut]


class TargetOut(Schema):
    office: str
    year: int
    agreement_id: int
    work_unit: str | None = Field(description="Unit kerja pemilik PK; null untuk PK instansi")
    indicator: str
    target: str | None
    quarterly_targets: dict[str, str]


class RealizationOut(Schema):
    id: int
    office: str
    year: int
    indicator: str
    work_unit: str | None
    quarter: int
    value: str
    note: str | None
    status: str
    version: int
    returned_reason: str | None
    submitted_at: dt.datetime | None
    verified_at: dt.datetime | None
    updated_at: dt.datetime


class EvidenceOut(Schema):
    id: int
    office: str
    year: int
    realization: int | None
    indicator: str | None
    quarter: int | None
    title: str
    file: str | None
    url: str | None
    content_type: str | None
    size: int | None
    sha256: str | None
    created_at: dt.datetime


class RatedOut(Schema):
    achievement: float | None
    rating: str | None


class ReferenceAchievementOut(Schema):
    kind: str = Field(description="renstra, renstra_end atau standard")
    label: str
    target: str
    achievement: float | None
    status: str
    reason: str | None


class IndicatorAchievementOut(RatedOut):
    code: str
    name: str
    work_unit: str | None
    polarity: str
    unit: str | None
    uncapped_achievement: float | None = Field(
        description="Capaian tanpa batas; 'achievement' adalah angka yang ditampilkan"
    )
    cap_applies: str
    target: str | None
    realization: str | None
    reported_achievement: float | None
    status: str
    reason: str | None
    notes: list[str]
    agreement_target: str | None
    percentage_target: str | None
    activity_target: str | None
    realization_source: str | None
    references: list[ReferenceAchievementOut]


class ObjectiveAchievementOut(RatedOut):
    code: str
    name: str
    indicators: list[IndicatorAchievementOut]


class ProgramBudgetOut(Schema):
    code: str
    name: str
    ceiling: int | None
    spent: int | None
    absorption: float | None


class BudgetOut(Schema):
    ceiling: int | None
    spent: int | None
    absorption: float | None
    programs: list[ProgramBudgetOut]


class AchievementsOut(Schema):
    """`kinerja measure --json` of the office's verified data (docs/cli.md)."""

    agency: str
    year: int
    objectives: list[ObjectiveAchievementOut]
    overall: RatedOut
    budget: BudgetOut


# --- pages ----------------------------------------------------------------------------------------


class PageOut(Schema):
    count: int = Field(description="Banyak butir seluruhnya")
    page: int
    page_size: int


class OfficePage(PageOut):
    items: list[OfficeOut]


class PlanPage(PageOut):
    items: list[PlanOut]


class IndicatorPage(PageOut):
    items: list[IndicatorOut]


class TargetPage(PageOut):
    items: list[TargetOut]


class RealizationPage(PageOut):
    items: list[RealizationOut]


class EvidencePage(PageOut):
    items: list[EvidenceOut]
