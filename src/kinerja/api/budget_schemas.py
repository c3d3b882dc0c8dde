"""What the API reads and writes of the budget realisation and the readiness of a year."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from pydantic import model_validator

from kinerja.api.schemas import (
    Code,
    OfficeYearQuery,
    PageOut,
    QuarterQuery,
    RealizationStatus,
    StepIn,
    Version,
    Year,
)
from kinerja.dataset.storable import MAX_AMOUNT

Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT, description="Rupiah bulat")]
BudgetQuarter = Annotated[
    int | None,
    Field(None, ge=1, le=4, description="Kumulatif sampai akhir triwulan ini; kosong: setahun"),
]


class SpendingQuery(QuarterQuery):
    status: RealizationStatus | None = None


class SpendingIn(Schema):
    """Spending to enter on a program or an activity (exactly one): it becomes a draft."""

    office: Code
    year: Year
    program: Code | None = Field(None, description="Kode program")
    activity: Code | None = Field(None, description="Kode kegiatan")
    quarter: BudgetQuarter = None
    spent: Amount

    @model_validator(mode="after")
    def _one_target(self) -> SpendingIn:
        if (self.program is None) == (self.activity is None):
            raise ValueError("isi tepat satu dari 'program' atau 'activity'")
        return self


class SpendingUpdate(Schema):
    """A correction of the amount, at the version the client last read."""

    spent: Amount
    version: Version


class SpendingOut(Schema):
    id: int
    office: str
    year: int
    program: str | None
    activity: str | None
    quarter: int | None
    spent: int
    ceiling: int | None = Field(description="Pagu pada PK tahun itu; kosong bila tidak ada")
    status: str
    version: int
    returned_reason: str | None
    submitted_at: dt.datetime | None
    verified_at: dt.datetime | None
    updated_at: dt.datetime


class SpendingPage(PageOut):
    items: list[SpendingOut]


class ReadinessItemOut(Schema):
    section: str = Field(description="values, budget, review, narrative atau signatories")
    severity: str = Field(description="error (menghalangi penguncian) atau warning")
    message: str


class AcknowledgementOut(Schema):
    by: str
    at: dt.datetime
    warnings: list[str]


class ReadinessOut(Schema):
    office: str
    year: int
    locked: bool
    locked_at: dt.datetime | None
    ready: bool = Field(description="Tanpa galat: pimpinan dapat menyetujui dan mengunci")
    errors: list[ReadinessItemOut]
    warnings: list[ReadinessItemOut]
    warnings_digest: str | None = Field(
        description="Ringkasan peringatan yang ditampilkan; berubah bila peringatannya berubah"
    )
    acknowledgement: AcknowledgementOut | None


__all__ = ["OfficeYearQuery", "StepIn"]
