"""The realisation workflow: draft, submitted, verified or returned, locked, revised."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.results import actions
from kinerja.results.models import Realization, ReportingYear, Revision


def fresh(z: Realization) -> Realization:
    return Realization.objects.select_related("reporting_year__agency", "indicator__work_unit").get(
        pk=z.pk
    )


def test_planner_verifies_a_submitted_value_and_history_records_who(world) -> None:
    z = fresh(world.own.submitted)

    actions.verify_realization(world.users["planner"], z, z.version)

    z = fresh(z)
    assert z.status == "verified"
    assert z.verified_by == world.users["planner"]
    latest = z.history.first()
    assert latest.history_user == world.users["planner"]
    assert latest.history_change_reason == "Diverifikasi"
    assert [h.status for h in z.history.all()][:2] == ["verified", "submitted"]


def test_nobody_verifies_what_they_submitted_themselves(world) -> None:
    planner = world.users["planner"]
    z = actions.save_realization(planner, world.own.year, world.own.indicator, 1, "50%")
    actions.submit_realization(planner, z, z.version)

    with pytest.raises(PermissionDenied):
        actions.verify_realization(planner, fresh(z), fresh(z).version)
    assert fresh(z).status == "submitted"


def test_verifying_a_value_that_changed_since_it_was_shown_is_refused(world) -> None:
    shown = fresh(world.own.submitted)
    actions.return_realization(world.users["admin"], fresh(shown), shown.version, "Bukti kurang")
    operator = world.users["operator_a"]
    changed = actions.save_realization(
        operator, world.own.year, world.own.indicator, 4, "96%", expected_version=None
    )
    actions.submit_realization(operator, changed, changed.version)

    with pytest.raises(actions.StaleVersion):
        actions.verify_realization(world.users["planner"], fresh(shown), shown.version)
    assert fresh(shown).status == "submitted"


def test_returning_needs_a_reason_and_shows_it_to_the_operator(world) -> None:
    z = fresh(world.own.submitted)
    with pytest.raises(actions.WorkflowError):
        actions.return_realization(world.users["planner"], z, z.version, "  ")

    actions.return_realization(world.users["planner"], z, z.version, "Lampirkan berita acara")

    assert fresh(z).status == "returned"
    assert fresh(z).returned_reason == "Lampirkan berita acara"


def test_operator_cannot_enter_for_another_unit(world) -> None:
    with pytest.raises(PermissionDenied):
        actions.save_realization(
            world.users["operator_b"], world.own.year, world.own.indicator, 2, "10%"
        )


def test_an_unreadable_value_is_refused_with_a_message(world) -> None:
    with pytest.raises(actions.InvalidValue, match="Nilai tidak terbaca"):
        actions.save_realization(
            world.users["operator_a"], world.own.year, world.own.indicator, 2, "sekitar banyak"
        )


def test_leader_cannot_lock_while_values_wait_for_verification(world) -> None:
    year = world.own.year
    with pytest.raises(actions.WorkflowError, match="belum diverifikasi"):
        actions.lock_year(world.users["leader"], year, actions.year_fingerprint(year))
    assert not ReportingYear.objects.get(pk=year.pk).is_locked


def verified_year(world) -> ReportingYear:
    planner, operator = world.users["planner"], world.users["operator_a"]
    draft = fresh(world.own.draft)
    actions.submit_realization(operator, draft, draft.version)
    for z in (world.own.submitted, draft):
        actions.verify_realization(planner, fresh(z), fresh(z).version)
    return ReportingYear.objects.select_related("agency").get(pk=world.own.year.pk)


def test_approving_data_that_changed_since_it_was_shown_is_refused(world, readiness_waived) -> None:
    year = verified_year(world)
    shown = actions.year_fingerprint(year)
    z = fresh(world.own.submitted)
    Realization.objects.filter(pk=z.pk).update(version=z.version + 1)

    with pytest.raises(actions.StaleVersion):
        actions.lock_year(world.users["leader"], year, shown)


def test_operator_cannot_edit_locked_year(world, readiness_waived) -> None:
    year = verified_year(world)
    actions.lock_year(world.users["leader"], year, actions.year_fingerprint(year))
    year.refresh_from_db()

    with pytest.raises(actions.YearLocked):
        actions.save_realization(world.users["operator_a"], year, world.own.indicator, 4, "99%")
    z = fresh(world.own.submitted)
    with pytest.raises(PermissionDenied):
        actions.submit_realization(world.users["operator_a"], z, z.version)


def test_locked_value_changes_only_through_a_revision_with_reason(world, readiness_waived) -> None:
    year = verified_year(world)
    actions.lock_year(world.users["leader"], year, actions.year_fingerprint(year))
    z = fresh(world.own.submitted)
    with pytest.raises(actions.WorkflowError, match="alasan"):
        actions.revise_locked_value(world.users["planner"], z, "97%", "")
    with pytest.raises(PermissionDenied):
        actions.revise_locked_value(world.users["operator_a"], z, "97%", "Salah ketik")

    revision = actions.revise_locked_value(world.users["planner"], fresh(z), "97%", "Salah ketik")

    assert fresh(z).value == "97%"
    assert (revision.old_value, revision.new_value) == ("95%", "97%")
    assert revision.revised_by == world.users["planner"]
    assert Revision.objects.filter(reporting_year=year).count() == 1
    assert fresh(z).history.first().history_change_reason == "Revisi: Salah ketik"


def test_revision_is_refused_in_an_open_year(world) -> None:
    with pytest.raises(PermissionDenied):
        actions.revise_locked_value(
            world.users["planner"], fresh(world.own.submitted), "97%", "alasan"
        )


def test_a_bare_number_is_entered_in_the_indicator_unit(world) -> None:
    indicator = world.own.indicator
    planner = world.users["planner"]
    with pytest.raises(actions.InvalidValue, match="angka tanpa satuan"):
        actions.save_realization(planner, world.own.year, indicator, 1, "186")
    indicator.unit = "orang"
    indicator.save()
    z = actions.save_realization(planner, world.own.year, indicator, 1, "186")
    assert fresh(z).value == "186"


def test_entry_page_names_the_satuan_and_takes_a_bare_number(world) -> None:
    from django.test import Client
    from django.urls import reverse

    indicator = world.own.indicator
    indicator.unit = "orang"
    indicator.save()
    client = Client()
    client.force_login(world.users["operator_a"])
    args = [world.own.agency.code, 2024, world.own.unit, 3]
    page = client.get(reverse("ui:entry", args=args)).content.decode()
    assert "<dt>Satuan</dt><dd data-unit>orang</dd>" in page
    assert "Angka saja dibaca dalam satuan orang." in page
    stored = Realization.objects.filter(indicator=indicator, quarter=3).first()
    shown = stored.version if stored else 0
    client.post(
        reverse("ui:entry_save", args=[*args, indicator.pk]),
        {f"i{indicator.pk}-value": "186", f"i{indicator.pk}-version": shown},
    )
    assert Realization.objects.get(indicator=indicator, quarter=3).value == "186"
