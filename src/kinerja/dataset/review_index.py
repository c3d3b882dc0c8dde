"""Lookups into one year of a dataset for the review, and the labels a person finds in the report.

A source label is the table number as printed, else `PK kantor`, `PK <unit>`,
`Tabel pengukuran <unit>`.
"""

from __future__ import annotations

from collections.abc import Iterator

from kinerja.dataset import schema
from kinerja.dataset.schema import Dataset


class PlanIndex:
    """The plan's names and objectives by code, and the labels of the year's tables."""

    def __init__(self, dataset: Dataset, entry: schema.Year) -> None:
        self.dataset = dataset
        self.entry = entry
        plan = dataset.strategic_plan
        self.objective_of = {i.code: o.code for o in plan.objectives for i in o.indicators}
        self.indicator_names = {i.code: i.name for o in plan.objectives for i in o.indicators}
        self.objective_names = {o.code: o.name for o in plan.objectives}
        self.units = {u.code: u.short_name or u.name for u in dataset.work_units}

    def agreement_label(self, agreement: schema.Agreement) -> str:
        if agreement.table:
            return agreement.table
        if agreement.work_unit is None:
            return "PK kantor"
        return f"PK {self.units.get(agreement.work_unit, agreement.work_unit)}"

    def table_label(self, table: schema.MeasurementTable) -> str:
        if table.table:
            return table.table
        if table.work_unit is None:
            return "Tabel pengukuran"
        return f"Tabel pengukuran {self.units.get(table.work_unit, table.work_unit)}"

    def rows(self) -> Iterator[tuple[str, schema.MeasurementTable, schema.MeasurementRow]]:
        for table in self.entry.measurements:
            for row in table.rows:
                yield self.table_label(table), table, row
