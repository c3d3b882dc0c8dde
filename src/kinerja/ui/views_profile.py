"""The office's profile in the browser: names, address, signing place, head, secretary, officials.

A thin view over `kinerja.agencies.profile`, the action the API uses too: the dataset's rules,
the version read (a stale page is refused, nothing is lost), locked years keeping the
signatories they were signed with, and the history.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_office
from kinerja.agencies.profile import (
    ProfileInvalid,
    profile_data,
    profile_history,
    profile_version,
    update_profile,
)
from kinerja.results.actions import StaleVersion
from kinerja.ui.forms_profile import ProfileForm, officials
from kinerja.ui.history import when
from kinerja.ui.pages import roles_text


def _saved_message(kept: list[int]) -> str:
    if not kept:
        return "Profil instansi disimpan."
    years = ", ".join(map(str, kept))
    return (
        f"Profil instansi disimpan. Tahun {years} sudah dikunci: dokumennya tetap mencetak "
        "penanda tangan dan tempat penandatanganan yang lama."
    )


@login_required
def profile(request: HttpRequest, agency: str) -> HttpResponse:
    """The office's profile, edited by its planners (`agency.edit_plan`)."""
    access = access_office(request.user, agency, r.EDIT_PLAN)
    office = access.obj
    stored = profile_data(office)
    post = request.POST if request.method == "POST" else None
    adding = post is not None and "tambah" in post
    form = ProfileForm(stored, post, initial={"version": profile_version(office)})
    people = officials(office, stored["people"], post, more=1 if adding else 0)
    status = 200
    if post is not None and not adding:
        status = 400
        if form.is_valid() and people.is_valid():
            data = {**form.data_profile(), "people": people.people()}
            try:
                done = update_profile(request.user, office, data, form.cleaned_data["version"])
            except ProfileInvalid as exc:
                form.show(exc)
            except StaleVersion as exc:
                form.add_error(None, str(exc))
            else:
                text = _saved_message(done.kept_years) if done.changed else "Tidak ada perubahan."
                messages.success(request, text)
                return redirect("ui:profile", agency)
    years = list(office.reporting_years.order_by("-year"))
    context = {
        "office": office,
        "form": form,
        "people": people,
        "latest_year": years[0].year if years else None,
        "locked_years": sorted(y.year for y in years if y.is_locked),
        "history": [(when(e.moment), e) for e in profile_history(office)],
        "roles": roles_text(request),
    }
    return render(request, "ui/profile.html", context, status=status)
