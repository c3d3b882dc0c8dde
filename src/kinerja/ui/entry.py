"""What the realisation entry screen shows for one work unit and quarter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Prefetch
from django.urls import reverse

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User
from kinerja.agencies.models import WorkUnit
from kinerja.consolidation.measured import measured_office
from kinerja.core.values import ValueParseError, parse_value
from kinerja.plans.actions import printed_text
from kinerja.plans.models import AgreementRow, Indicator
from kinerja.results.choices import RealizationStatus
from kinerja.results.models import Evidence, Realization, ReportingYear
from kinerja.ui.forms import RealizationForm, ReturnForm, VersionForm


@dataclass
class EntryItem:
    """One indicator of the unit in the quarter, with what the user may do with it."""

    indicator: Indicator
    target: str
    quarter_target: str
    # The target the calculation uses (`kinerja.dataset.measure`), which may differ from the
    # PK row shown as `target` (a dual target, a measurement table's target).
    used_target: str
    target_differs: bool
    preview_url: str
    realization: Realization | None
    allowed: frozenset[str]
    form: forms.Form
    return_form: forms.Form
    version_form: forms.Form

    @property
    def can_edit(self) -> bool:
        return r.EDIT_REALIZATION in self.allowed or r.ENTER in self.allowed

    @property
    def status_label(self) -> str:
        if self.realization is None:
            return "Belum diisi"
        return RealizationStatus(self.realization.status).label

    @property
    def status(self) -> str:
        return self.realization.status if self.realization else "empty"


def _rows(year: ReportingYear, unit: WorkUnit) -> dict[int, tuple[str, str, list[Any]]]:
    """Per indicator of the unit: the PK target, and the action plan's quarters."""
    rows = (
        AgreementRow.objects.filter(
            agreement__agency=year.agency, agreement__year=year.year, indicator__work_unit=unit
        )
        .select_related("indicator", "agreement")
        .order_by("agreement__position", "position")
    )
    found: dict[int, tuple[str, str, list[Any]]] = {}
    for row in sorted(rows, key=lambda x: x.agreement.work_unit_id is not None):
        target, _, quarters = found.get(row.indicator_id, ("", "", []))
        if not target:
            target = printed_text(row.target)
        if not quarters or row.agreement.work_unit_id is not None:
            quarters = row.quarterly_targets or quarters
        found[row.indicator_id] = (target, "", quarters)
    return found


def _differs(shown: str, used: str | None, unit: str | None) -> bool:
    """Whether the target the calculation uses is another value than the PK's printed one."""
    if not shown or not used:
        return bool(shown) != bool(used)
    try:
        return parse_value(shown, unit) != parse_value(used, unit)
    except ValueParseError:
        return shown != used


def entry_items(
    user: User,
    year: ReportingYear,
    unit: WorkUnit,
    quarter: int,
    bound: dict[int, forms.Form] | None = None,
) -> list[EntryItem]:
    """The indicators the unit reports on in the year, each with its form, in PK order."""
    bound = bound or {}
    rows = _rows(year, unit)
    indicators = Indicator.objects.filter(pk__in=rows).select_related("work_unit", "objective")
    realizations = {
        z.indicator_id: z
        for z in Realization.objects.filter(
            reporting_year=year, quarter=quarter, indicator__in=indicators
        )
        .select_related("submitted_by", "verified_by", "entered_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("position")))
    }
    may_enter = r.can(user, r.ENTER, unit)
    measured = measured_office(year.agency).result(year.year)  # kept until the data changes
    used = {i.code: i.target for i in measured.indicators}
    items = []
    for indicator in sorted(indicators, key=lambda i: list(rows).index(i.pk)):
        indicator.work_unit = unit
        z = realizations.get(indicator.pk)
        if z is not None:
            z.reporting_year, z.indicator = year, indicator
            allowed = r.allowed(user, z, (*r.REALIZATION_PERMISSIONS, r.WITHDRAW))
        else:
            allowed = frozenset({r.ENTER}) if may_enter else frozenset()
        target, _, quarters = rows[indicator.pk]
        planned = {int(q): v for q, v in quarters}
        initial = (
            {"value": printed_text(z.value), "note": z.note or "", "version": z.version}
            if z
            else {"version": 0}
        )
        preview_url = reverse(
            "ui:entry_preview",
            args=[year.agency.code, year.year, unit.code, quarter, indicator.pk],
        )
        form = bound.get(indicator.pk) or RealizationForm(
            initial=initial, prefix=f"i{indicator.pk}"
        )
        form.fields["value"].widget.attrs.update(
            {
                "hx-get": preview_url,
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#preview-{indicator.pk}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "aria-describedby": f"preview-{indicator.pk}",
            }
        )
        items.append(
            EntryItem(
                indicator=indicator,
                target=target or "-",
                quarter_target=printed_text(planned.get(quarter)) or "-",
                used_target=used.get(indicator.code) or "-",
                target_differs=_differs(target, used.get(indicator.code), indicator.unit),
                preview_url=preview_url,
                realization=z,
                allowed=allowed,
                form=form,
                return_form=ReturnForm(
                    initial={"version": z.version if z else 0}, prefix=f"r{indicator.pk}"
                ),
                version_form=VersionForm(
                    initial={"version": z.version if z else 0}, prefix=f"v{indicator.pk}"
                ),
            )
        )
    return items
