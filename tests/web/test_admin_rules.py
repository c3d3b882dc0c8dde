"""Django's admin shows the workflow data but cannot change it: a superuser editing a verified
value there would bypass four eyes, the lock, versions and the history. The offices and their
organisation stay editable, and each change there moves the office's data stamp like the
app's own writes, so that pages keeping a measured office follow."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from kinerja.agencies.models import Agency, WorkUnit
from kinerja.consolidation.models import OfficeState
from kinerja.results.models import Realization, Spending

World = Any  # tests/web/conftest.py


def superuser_client() -> Client:
    user = get_user_model().objects.create_superuser("root", password="kata-sandi-uji-7391")
    client = Client()
    client.force_login(user)
    return client


def stamp_of(agency: Agency) -> tuple[int, str]:
    state = OfficeState.objects.filter(agency=agency).first()
    return (state.version, state.stamp) if state else (0, "")


def test_a_verified_value_is_shown_but_cannot_be_changed_in_the_admin(world: World) -> None:
    client = superuser_client()
    value = world.own.locked
    url = f"/admin/results/realization/{value.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert value.value in page.content.decode()
    assert b'name="value"' not in page.content  # shown, not a field to type in
    answer = client.post(url, {"value": "999%", "note": "diubah lewat admin"})
    assert answer.status_code == 403
    value.refresh_from_db()
    assert value.value != "999%"
    assert client.get("/admin/results/realization/add/").status_code == 403
    assert (
        client.post(f"/admin/results/realization/{value.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Realization.objects.filter(pk=value.pk).exists()


def test_no_workflow_model_can_be_added_changed_or_deleted_in_the_admin(world: World) -> None:
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("root", password="x-7391-uji")
    workflow_apps = {"plans", "results", "evaluations"}
    checked = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in workflow_apps:
            continue
        checked.append(model.__name__)
        assert model_admin.has_view_permission(request)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_change_permission(request)
    assert {"Realization", "Spending", "Indicator", "PerformanceAgreement"} <= set(checked)
    assert Spending in admin.site._registry


def test_an_office_changed_in_the_admin_moves_its_data_stamp(world: World) -> None:
    agency = world.own.agency
    before = stamp_of(agency)
    request: Any = RequestFactory().post("/admin/")
    request.user = get_user_model().objects.create_superuser("root", password="x-7391-uji")
    office_admin = admin.site._registry[Agency]
    agency.name = "KPU Kota Metro (nama baru)"
    office_admin.save_model(request, agency, form=None, change=True)
    after_office = stamp_of(agency)
    assert after_office[0] > before[0] and after_office[1] != before[1]
    unit_admin = admin.site._registry[WorkUnit]
    unit = WorkUnit(agency=agency, position=99, code="unit-baru", name="Unit Baru")
    unit_admin.save_model(request, unit, form=None, change=False)
    after_unit = stamp_of(agency)
    assert after_unit[0] > after_office[0]
    unit_admin.delete_model(request, unit)
    assert stamp_of(agency)[0] > after_unit[0]
