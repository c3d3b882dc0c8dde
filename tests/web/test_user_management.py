"""User management (*Pengguna*): who may, creating users and memberships, the operator's work unit,
the last-administrator guard, deactivation, passwords set by an administrator, and atomicity.

The personas are those of `conftest.py`; our office is KPU Kota Metro (below KPU Provinsi
Lampung), the other office KPU Kota Contoh.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from kinerja.accounts import actions
from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency

PASSWORD = "kata-sandi-uji-7391"  # the personas' password (tests/web/conftest.py)
OWN = "kpu-kota-metro"
PARENT = "kpu-provinsi-lampung"
OTHER = "kpu-contoh"  # the minimal dataset's office, not below ours
NEW_PASSWORD = "Rahasia-Baru-2025!"
Users = get_user_model()


def make_user(name: str, role: str, agency: Agency, unit: str | None) -> Any:
    user = Users.objects.create_user(name, password=PASSWORD, first_name=name)
    Membership.objects.create(user=user, agency=agency, role=role, work_unit_code=unit)
    return user


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def new_user(client: Client, **fields: str) -> Any:
    data = {
        "kind": "baru",
        "baru-username": "budi",
        "baru-full_name": "Budi Santoso",
        "baru-email": "budi@kpu-metro.go.id",
        "baru-password1": NEW_PASSWORD,
        "baru-password2": NEW_PASSWORD,
        "baru-role": "planner",
        "baru-work_unit": "",
    }
    data.update({f"baru-{k}": v for k, v in fields.items()})
    return client.post(reverse("ui:user_add", args=[OWN]), data)


def membership(username: str, code: str = OWN) -> Membership:
    return Membership.objects.select_related("user").get(user__username=username, agency__code=code)


def text(response: Any) -> str:
    return response.content.decode()


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


# --- who may -------------------------------------------------------------------------------------


def test_the_admin_sees_the_users_of_the_office(world) -> None:
    response = logged_in(world.users["admin"]).get(reverse("ui:users", args=[OWN]))

    assert response.status_code == 200
    page = text(response)
    for username in ("admin", "planner", "operator_a", "leader", "auditor"):
        assert f">{username}<" in page
    assert "Perencana" in page and "Operator unit kerja" in page and "Pimpinan" in page
    assert "Sub Bagian Hukum dan SDM" in page  # the operator's work unit, by name
    assert "viewer" not in re.findall(r'class="code">([^<]+)<', page)  # the parent's viewer
    assert "Aktif" in page and "belum pernah" in page


def management_urls(world) -> list[str]:
    """The pages of user management of the own office, about the planner's account."""
    return [
        reverse("ui:users", args=[OWN]),
        reverse("ui:user_add", args=[OWN]),
        reverse("ui:user_password", args=[OWN, world.users["planner"].pk]),
        reverse("ui:membership_edit", args=[membership("planner").pk]),
        reverse("ui:office_tokens", args=[OWN]),
    ]


@pytest.mark.parametrize("persona", ["planner", "operator_a", "leader", "auditor", "viewer"])
def test_other_roles_of_the_office_are_refused(world, persona: str) -> None:
    client = logged_in(world.users[persona])
    planner = world.users["planner"]
    for url in management_urls(world):
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("ui:users_home")).status_code == 403
    before = Users.objects.count()
    assert new_user(client).status_code == 403
    assert Users.objects.count() == before
    response = client.post(
        reverse("ui:membership_remove", args=[membership("planner").pk]), {"confirm": "1"}
    )
    assert response.status_code == 403
    assert Membership.objects.filter(user=planner).exists()
    response = client.post(reverse("ui:user_active", args=[OWN, planner.pk]), {"active": "0"})
    assert response.status_code == 403
    planner.refresh_from_db()
    assert planner.is_active


def test_another_offices_admin_gets_not_found(world) -> None:
    stranger = make_user("admin_lain", "admin", Agency.objects.get(code=OTHER), None)
    client = logged_in(stranger)
    planner = world.users["planner"]

    assert client.get(reverse("ui:users", args=[OWN])).status_code == 404
    assert client.get(reverse("ui:user_add", args=[OWN])).status_code == 404
    assert client.get(reverse("ui:user_password", args=[OWN, planner.pk])).status_code == 404
    edit = reverse("ui:membership_edit", args=[membership("planner").pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"role": "admin"}).status_code == 404
    assert membership("planner").role == "planner"
    # Their own office works, and asking for our planner through it finds nobody.
    assert client.get(reverse("ui:users", args=[OTHER])).status_code == 200
    assert client.get(reverse("ui:user_password", args=[OTHER, planner.pk])).status_code == 404


def test_a_parent_offices_admin_manages_the_offices_below(world) -> None:
    parent = Agency.objects.get(code=PARENT)
    chief = make_user("admin_provinsi", "admin", parent, None)
    client = logged_in(chief)

    home = client.get(reverse("ui:users_home"))
    assert home.status_code == 302 and home["Location"] == reverse("ui:users", args=[PARENT])
    page = text(client.get(reverse("ui:users", args=[PARENT])))
    assert "Instansi di bawahnya" in page and reverse("ui:users", args=[OWN]) in page
    assert client.get(reverse("ui:users", args=[OWN])).status_code == 200

    response = new_user(client, role="auditor")
    assert response.status_code == 302
    assert membership("budi").role == "auditor"
    # Our office's admin does not reach up to the parent office.
    up = logged_in(world.users["admin"]).get(reverse("ui:users", args=[PARENT]))
    assert up.status_code == 404


def test_the_header_links_user_management_for_admins_only(world) -> None:
    link = f'href="{reverse("ui:users_home")}"'
    dashboard = reverse("ui:dashboard", args=[OWN, 2024])

    assert link in text(logged_in(world.users["admin"]).get(dashboard))
    assert link not in text(logged_in(world.users["planner"]).get(dashboard))


def test_the_pages_carry_no_inline_script_or_style_and_need_csrf(world) -> None:
    client = logged_in(world.users["admin"])
    planner = world.users["planner"]
    for url in management_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        html = text(response)
        assert "csrfmiddlewaretoken" in html, url
        for script in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in script, f"inline script in {url}: {script}"
        assert not re.search(r"<[^>]+\sstyle=", html), f"inline style in {url}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler in {url}"

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users["admin"])
    response = strict.post(reverse("ui:user_active", args=[OWN, planner.pk]), {"active": "0"})
    assert response.status_code == 403
    planner.refresh_from_db()
    assert planner.is_active


# --- adding users --------------------------------------------------------------------------------


def test_the_admin_creates_a_user_with_a_membership(world) -> None:
    client = logged_in(world.users["admin"])

    response = new_user(client, role="operator", work_unit="pdi")

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:users", args=[OWN])
    budi = Users.objects.get(username="budi")
    assert budi.get_full_name() == "Budi Santoso"
    assert budi.email == "budi@kpu-metro.go.id"
    assert budi.is_active and budi.check_password(NEW_PASSWORD)
    made = membership("budi")
    assert (made.role, made.work_unit_code) == ("operator", "pdi")
    record = made.history.get()
    assert record.history_type == "+" and record.history_user == world.users["admin"]
    assert any("Pengguna budi dibuat" in m for m in messages_of(response))
    # The new user logs in with the initial password and lands in the office.
    fresh = Client(REMOTE_ADDR="10.0.0.21")
    login = fresh.post(reverse("ui:login"), {"username": "budi", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert fresh.get(reverse("ui:entry", args=[OWN, 2024, "pdi", 4])).status_code == 200


def test_an_operator_without_a_work_unit_is_refused_in_indonesian(world) -> None:
    client = logged_in(world.users["admin"])

    response = new_user(client, role="operator", work_unit="")

    assert response.status_code == 200
    assert "Operator harus punya unit kerja" in text(response)
    assert not Users.objects.filter(username="budi").exists()

    edit = reverse("ui:membership_edit", args=[membership("auditor").pk])
    response = client.post(edit, {"role": "operator", "work_unit": ""})
    assert response.status_code == 200
    assert "Operator harus punya unit kerja" in text(response)
    assert membership("auditor").role == "auditor"


def test_other_roles_take_no_work_unit_and_units_come_from_the_office(world) -> None:
    client = logged_in(world.users["admin"])

    response = new_user(client, role="planner", work_unit="pdi")
    assert response.status_code == 200
    assert "Hanya operator yang memakai unit kerja" in text(response)

    response = new_user(client, role="operator", work_unit="unit-lain")
    assert response.status_code == 200
    assert "bukan unit kerja instansi ini" in text(response)
    assert not Users.objects.filter(username="budi").exists()

    # The action refuses as well, whatever calls it.
    with pytest.raises(actions.AccountError, match="Operator harus punya unit kerja"):
        actions.add_membership(
            world.users["admin"],
            world.users["leader"],
            Agency.objects.get(code=OWN),
            "operator",
            None,
        )


def test_passwords_are_checked_by_djangos_validators(world) -> None:
    client = logged_in(world.users["admin"])

    short = new_user(client, password1="abc", password2="abc")
    assert short.status_code == 200
    assert "Kata sandi terlalu pendek" in text(short)

    different = new_user(client, password2="Lain-Sekali-2025!")
    assert different.status_code == 200
    assert "Kedua kata sandi tidak sama" in text(different)

    taken = new_user(client, username="Planner")
    assert "Nama pengguna ini sudah dipakai" in text(taken)
    assert not Users.objects.filter(username="budi").exists()


def test_an_existing_user_gets_a_membership(world) -> None:
    client = logged_in(world.users["admin"])
    url = reverse("ui:user_add", args=[OWN])
    data = {"kind": "lama", "lama-username": "leader", "lama-role": "auditor"}

    assert client.post(url, data).status_code == 302
    assert set(
        Membership.objects.filter(user=world.users["leader"]).values_list("role", flat=True)
    ) == {"leader", "auditor"}

    again = client.post(url, data)
    assert again.status_code == 200
    assert "sudah punya peran Auditor di instansi ini" in text(again)

    missing = client.post(url, {**data, "lama-username": "tidak-ada"})
    assert "Tidak ada pengguna dengan nama itu" in text(missing)


# --- editing and removing ------------------------------------------------------------------------


def test_the_admin_changes_and_removes_a_membership(world) -> None:
    client = logged_in(world.users["admin"])
    edit = reverse("ui:membership_edit", args=[membership("auditor").pk])

    assert client.get(edit).status_code == 200
    response = client.post(edit, {"role": "operator", "work_unit": "pdi"})
    assert response.status_code == 302
    changed = membership("auditor")
    assert (changed.role, changed.work_unit_code) == ("operator", "pdi")

    remove = reverse("ui:membership_remove", args=[changed.pk])
    assert client.post(remove, {}).status_code == 302  # not confirmed: nothing happens
    assert Membership.objects.filter(pk=changed.pk).exists()
    response = client.post(remove, {"confirm": "1"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=changed.pk).exists()
    assert Users.objects.filter(username="auditor").exists()  # the account stays
    kinds = list(
        Membership.history.filter(id=changed.pk)
        .order_by("history_id")
        .values_list("history_type", "history_user__username")
    )
    assert kinds == [("+", None), ("~", "admin"), ("-", "admin")]
    page = text(client.get(reverse("ui:users", args=[OWN])))
    assert "Riwayat keanggotaan" in page and "dihapus" in page


def test_the_last_admin_cannot_be_removed_demoted_or_deactivated(world) -> None:
    admin = world.users["admin"]
    client = logged_in(admin)
    own = membership("admin")

    demote = client.post(reverse("ui:membership_edit", args=[own.pk]), {"role": "planner"})
    assert demote.status_code == 200
    assert "administrator Anda sendiri yang terakhir" in text(demote)

    remove = client.post(reverse("ui:membership_remove", args=[own.pk]), {"confirm": "1"})
    assert any("administrator Anda sendiri yang terakhir" in m for m in messages_of(remove))

    myself = client.post(reverse("ui:user_active", args=[OWN, admin.pk]), {"active": "0"})
    assert any("akun Anda sendiri" in m for m in messages_of(myself))

    admin.refresh_from_db()
    assert admin.is_active and membership("admin").role == "admin"

    # A parent office's admin may not take the office's last administrator away either.
    chief = make_user("admin_provinsi", "admin", Agency.objects.get(code=PARENT), None)
    above = logged_in(chief)
    response = above.post(reverse("ui:membership_remove", args=[own.pk]), {"confirm": "1"})
    assert any("administrator aktif terakhir" in m for m in messages_of(response))
    response = above.post(reverse("ui:user_active", args=[OWN, admin.pk]), {"active": "0"})
    assert any("administrator aktif terakhir" in m for m in messages_of(response))
    assert Membership.objects.filter(pk=own.pk, role="admin").exists()
    admin.refresh_from_db()
    assert admin.is_active


def test_with_a_second_admin_the_first_can_be_demoted_by_the_other(world) -> None:
    admin = world.users["admin"]
    second = make_user("admin_dua", "admin", Agency.objects.get(code=OWN), None)
    own = membership("admin")

    # Still one's own last administrator membership: refused, although another admin exists.
    with pytest.raises(actions.AccountError, match="Anda sendiri yang terakhir"):
        actions.change_membership(admin, own, "planner", None)

    response = logged_in(second).post(
        reverse("ui:membership_edit", args=[own.pk]), {"role": "planner"}
    )
    assert response.status_code == 302
    assert membership("admin").role == "planner"
    # Now admin_dua is the last one.
    with pytest.raises(actions.AccountError, match="Anda sendiri yang terakhir"):
        actions.remove_membership(second, membership("admin_dua"))


# --- accounts ------------------------------------------------------------------------------------


def test_a_deactivated_user_cannot_log_in_until_reactivated(world) -> None:
    planner = world.users["planner"]
    session = logged_in(planner)
    dashboard = reverse("ui:dashboard", args=[OWN, 2024])
    assert session.get(dashboard).status_code == 200
    admin = logged_in(world.users["admin"])
    url = reverse("ui:user_active", args=[OWN, planner.pk])

    response = admin.post(url, {"active": "0"})

    assert response.status_code == 302
    planner.refresh_from_db()
    assert not planner.is_active
    assert session.get(dashboard).status_code == 302  # the open session ends
    client = Client(REMOTE_ADDR="10.0.0.31")
    login = client.post(reverse("ui:login"), {"username": "planner", "password": PASSWORD})
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    assert "Nonaktif" in text(admin.get(reverse("ui:users", args=[OWN])))

    assert admin.post(url, {"active": "1"}).status_code == 302
    login = client.post(reverse("ui:login"), {"username": "planner", "password": PASSWORD})
    assert login.status_code == 302


def test_the_admin_sets_a_new_password(world) -> None:
    planner = world.users["planner"]
    session = logged_in(planner)
    client = logged_in(world.users["admin"])
    url = reverse("ui:user_password", args=[OWN, planner.pk])

    assert client.get(url).status_code == 200
    weak = client.post(url, {"password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200 and "terlalu umum" in text(weak)
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    planner.refresh_from_db()
    assert planner.check_password(NEW_PASSWORD) and not planner.check_password(PASSWORD)
    assert session.get(reverse("ui:dashboard", args=[OWN, 2024])).status_code == 302
    fresh = Client(REMOTE_ADDR="10.0.0.41")
    login = fresh.post(reverse("ui:login"), {"username": "planner", "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_own_password_keeps_the_session(world) -> None:
    admin = world.users["admin"]
    client = logged_in(admin)
    url = reverse("ui:user_password", args=[OWN, admin.pk])

    assert (
        client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    )
    assert client.get(reverse("ui:users", args=[OWN])).status_code == 200


def test_accounts_reaching_beyond_the_admin_are_not_theirs_to_manage(world) -> None:
    client = logged_in(world.users["admin"])
    outsider = world.users["outsider"]  # the other office's planner
    url = reverse("ui:user_add", args=[OWN])
    response = client.post(
        url, {"kind": "lama", "lama-username": "outsider", "lama-role": "auditor"}
    )
    assert response.status_code == 302

    page = text(client.get(reverse("ui:users", args=[OWN])))
    assert "di luar kewenangan Anda" in page
    password = reverse("ui:user_password", args=[OWN, outsider.pk])
    assert client.get(password).status_code == 403
    active = reverse("ui:user_active", args=[OWN, outsider.pk])
    assert client.post(active, {"active": "0"}).status_code == 403
    outsider.refresh_from_db()
    assert outsider.is_active
    # Their membership here is ours to remove.
    remove = reverse("ui:membership_remove", args=[membership("outsider").pk])
    assert client.post(remove, {"confirm": "1"}).status_code == 302
    assert not Membership.objects.filter(user=outsider, agency__code=OWN).exists()

    staff = world.users["auditor"]
    staff.is_staff = True
    staff.save()
    assert client.get(reverse("ui:user_password", args=[OWN, staff.pk])).status_code == 403


# --- atomicity -----------------------------------------------------------------------------------


def test_a_failing_membership_leaves_no_user_behind(world, monkeypatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("simulated failure after the user was saved")

    monkeypatch.setattr(actions, "_add", broken)
    client = logged_in(world.users["admin"])
    before = (Users.objects.count(), Membership.objects.count())

    with pytest.raises(IntegrityError):
        new_user(client)

    assert not Users.objects.filter(username="budi").exists()
    assert (Users.objects.count(), Membership.objects.count()) == before


def test_a_failing_history_record_leaves_the_membership_unchanged(world, monkeypatch) -> None:
    auditor = membership("auditor")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("simulated failure while recording the history")

    monkeypatch.setattr(Membership.history.model, "save", broken)
    with pytest.raises(IntegrityError):
        actions.change_membership(world.users["admin"], auditor, "leader", None)

    assert membership("auditor").role == "auditor"
    assert not Membership.objects.filter(user__username="auditor", role="leader").exists()


def test_the_users_page_costs_the_same_queries_however_many_users(world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in(world.users["admin"])
    url = reverse("ui:users", args=[OWN])
    office = Agency.objects.get(code=OWN)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.get(url)  # sessions and caches settle
    few = queries()
    for number in range(8):
        make_user(f"pemantau{number}", "auditor", office, None)
    assert queries() == few
