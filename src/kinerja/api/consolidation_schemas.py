"""Schemas of the consolidation endpoint: the same JSON as `kinerja consolidate --json`."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from kinerja.api.schemas import OfficeYearQuery


class ConsolidationQuery(OfficeYearQuery):
    level: Literal["national", "province", "regency_city"] | None = Field(
        None, description="Hanya instansi tingkat ini di dalam subpohon (kosong: semua)."
    )


class SpreadOut(Schema):
    offices: int
    measured: int
    achievement: float | None
    min: float | None
    median: float | None
    max: float | None
    below_target: int
    completeness: float | None


class ItemOut(SpreadOut):
    code: str
    objective: str
    name: str


class ChildOut(SpreadOut):
    code: str
    name: str
    level: str


class RankOut(Schema):
    rank: int | None
    code: str
    name: str
    level: str
    parent: str | None
    achievement: float | None
    completeness: float | None


class TrendOut(SpreadOut):
    year: int


class ConsolidationOut(Schema):
    """Consolidation of an office's subtree: `offices` counts the offices in the subtree."""

    agency: str
    name: str
    level: str
    year: int
    level_filter: str | None
    offices: int
    overall: SpreadOut
    objectives: list[ItemOut]
    indicators: list[ItemOut]
    ranking: list[RankOut]
    children: list[ChildOut]
    trend: list[TrendOut]
