"""Views of the budget realisation: the year's overview, a quarter's entry, the workflow steps.

Every change goes through `kinerja.results.spending`, the same actions the API calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_spending, access_year
from kinerja.core.budget import absorption
from kinerja.formats import format_number, format_percent, format_rupiah
from kinerja.results import spending as budget
from kinerja.results.actions import StaleVersion, WorkflowError
from kinerja.results.models import ReportingYear, Spending
from kinerja.ui.forms import ReturnForm, RupiahField, VersionForm
from kinerja.ui.pages import back_to, year_page

QUARTERS = budget.QUARTERS
DATABASE_DOWN = (
    "Penyimpanan gagal karena basis data tidak dapat dihubungi; tidak ada yang tersimpan. "
    "Coba simpan lagi sebentar lagi."
)


class SpendingForm(forms.Form):
    amount = RupiahField(label="Realisasi kumulatif (Rp)")
    # The version the card showed (0: it was empty); a save of a value changed since is refused.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": "Versi nilai tidak terkirim; muat ulang halaman."},
    )


class FinanceUnitForm(forms.Form):
    unit = forms.ChoiceField(label="Unit kerja keuangan", required=False)

    def __init__(self, year: ReportingYear, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = year.agency.work_units.all()
        field = self.fields["unit"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "— belum ditentukan —")] + [(u.code, u.name) for u in units]
        field.initial = year.agency.finance_unit_code or ""


@dataclass
class Card:
    """One program or activity on a quarter's page, with what the user may do with it."""

    item: budget.BudgetItem
    row: Spending | None
    form: SpendingForm | None
    allowed: frozenset[str]
    version_form: VersionForm | None
    return_form: ReturnForm | None

    @property
    def status(self) -> str:
        return self.row.status if self.row else "empty"

    @property
    def status_label(self) -> str:
        return self.row.get_status_display() if self.row else "Belum diisi"

    @property
    def absorption(self) -> str:
        if self.row is None:
            return "-"
        return format_percent(absorption(self.row.spent, self.item.ceiling))


def _quarter_url(year: ReportingYear, quarter: int | None) -> str:
    if quarter is None:
        return reverse("ui:budget", args=[year.agency.code, year.year])
    return reverse("ui:budget_quarter", args=[year.agency.code, year.year, quarter])


@login_required
def budget_overview(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    record = access.obj
    items = budget.budget_items(record)
    rows = []
    for item in items:
        latest = item.latest()
        cells = [item.spending.get(q) for q in QUARTERS]
        share = absorption(latest.spent, item.ceiling) if latest else None
        rows.append((item, cells, item.spending.get(None), format_percent(share)))
    waiting = sum(
        1 for item in items for row in item.spending.values() if row.status == "submitted"
    )
    finance_form = (
        FinanceUnitForm(record) if r.EDIT_PLAN in access.allowed and not record.is_locked else None
    )
    unit = record.agency.work_units.filter(code=record.agency.finance_unit_code).first()
    return year_page(
        request,
        "ui/budget.html",
        access,
        rows=rows,
        quarters=QUARTERS,
        waiting=waiting,
        finance_form=finance_form,
        finance_unit=unit,
        can_enter=r.ENTER_SPENDING in access.allowed,
        total_ceiling=format_rupiah(sum(i.ceiling for i in items)),
    )


def _cards(
    request: HttpRequest, record: ReportingYear, quarter: int, bound: dict[str, SpendingForm]
) -> list[Card]:
    may_enter = r.can(request.user, r.ENTER_SPENDING, record)
    cards = []
    for item in budget.budget_items(record):
        row = item.spending.get(quarter)
        allowed = r.allowed(request.user, row, r.SPENDING_PERMISSIONS) if row else frozenset()
        editable = r.EDIT_SPENDING in allowed if row else may_enter
        form = None
        if editable:
            form = bound.get(item.key) or SpendingForm(
                initial={
                    "amount": format_number(row.spent) if row else "",
                    "version": row.version if row else 0,
                },
                prefix=f"s-{item.kind}-{item.code}",
            )
        steps = {r.SUBMIT_SPENDING, r.VERIFY_SPENDING, r.RETURN_SPENDING}
        cards.append(
            Card(
                item,
                row,
                form,
                allowed,
                VersionForm(initial={"version": row.version}, prefix=f"v{row.pk}")
                if row and allowed & steps
                else None,
                ReturnForm(initial={"version": row.version}, prefix=f"r{row.pk}")
                if row and r.RETURN_SPENDING in allowed
                else None,
            )
        )
    return cards


def _quarter_page(
    request: HttpRequest,
    agency: str,
    year: int,
    quarter: int,
    bound: dict[str, SpendingForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    if quarter not in QUARTERS:
        raise Http404("Triwulan tidak dikenal.")
    access = access_year(request.user, agency, year)
    return year_page(
        request,
        "ui/budget_quarter.html",
        access,
        status=status,
        quarter=quarter,
        quarters=QUARTERS,
        cards=_cards(request, access.obj, quarter, bound or {}),
    )


@login_required
def budget_quarter(request: HttpRequest, agency: str, year: int, quarter: int) -> HttpResponse:
    return _quarter_page(request, agency, year, quarter)


@login_required
@require_POST
def budget_save(request: HttpRequest, agency: str, year: int, quarter: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.ENTER_SPENDING)
    record = access.obj
    key = request.POST.get("key", "")
    kind, _, code = key.partition(":")
    target = budget.find_target(record, kind, code)
    form = SpendingForm(request.POST, prefix=f"s-{kind}-{code}")
    if target is None:
        form.is_valid()
        form.add_error(None, "Program atau kegiatan tidak ditemukan di Renstra instansi ini.")
        return _quarter_page(request, agency, year, quarter, {key: form}, status=400)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            budget.save_spending(
                request.user, record, target, quarter, data["amount"], data["version"]
            )
            messages.success(request, f"Realisasi anggaran {code} disimpan sebagai draf.")
            return redirect(_quarter_url(record, quarter) + f"#b-{kind}-{code}")
        except StaleVersion:
            form.add_error(
                None,
                "Nilai ini telah diubah orang lain sejak halaman dibuka; isian Anda belum "
                "disimpan. Muat ulang halaman, periksa, lalu simpan lagi bila perlu.",
            )
            status = 409
        except WorkflowError as exc:
            form.add_error(None, str(exc))
        except (OperationalError, InterfaceError):
            form.add_error(None, DATABASE_DOWN)
            status = 503
    return _quarter_page(request, agency, year, quarter, {key: form}, status=status)


def _step(request: HttpRequest, pk: int, permission: str, step: str) -> HttpResponse:
    """Submit, verify or return one budget realisation, at the version the user was shown."""
    access = access_spending(request.user, pk, permission)
    row: Spending = access.obj
    form_class = ReturnForm if step == "return" else VersionForm
    form = form_class(request.POST, prefix=f"{'r' if step == 'return' else 'v'}{row.pk}")
    done = _quarter_url(row.reporting_year, row.quarter)
    if not form.is_valid():
        messages.error(request, "Isian tidak lengkap: " + form.errors.as_text())
        return redirect(back_to(request, done))
    version = form.cleaned_data["version"]
    try:
        if step == "submit":
            budget.submit_spending(request.user, row, version)
        elif step == "verify":
            budget.verify_spending(request.user, row, version)
        else:
            budget.return_spending(request.user, row, version, form.cleaned_data["reason"])
        messages.success(request, f"{budget.subject(row)}: {row.get_status_display()}.")
    except WorkflowError as exc:
        messages.error(request, str(exc))
    except (OperationalError, InterfaceError):
        messages.error(request, DATABASE_DOWN)
    return redirect(back_to(request, done))


@login_required
@require_POST
def spending_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, r.SUBMIT_SPENDING, "submit")


@login_required
@require_POST
def spending_verify(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, r.VERIFY_SPENDING, "verify")


@login_required
@require_POST
def spending_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, r.RETURN_SPENDING, "return")


@login_required
@require_POST
def budget_finance_unit(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    form = FinanceUnitForm(access.obj, request.POST)
    if form.is_valid():
        budget.set_finance_unit(request.user, access.obj.agency, form.cleaned_data["unit"] or None)
        messages.success(request, "Unit kerja keuangan disimpan.")
    else:
        messages.error(request, "Unit kerja tidak dikenal: " + form.errors.as_text())
    return redirect("ui:budget", agency, year)
