"""A whole year from an empty deployment, in a real browser, without a file (issue 13).

The deployment holds only the server's superuser. In Django's admin the superuser makes the
office (its code, name and level, with its work units) and its administrator; the administrator
makes the users on the app's user pages; then each role logs in as itself: the planner fills the
office's profile (city, signing place, head and secretary), starts the Renstra, builds its
catalogue, drafts the PK from it and fills the action plan, budget and signing data; the
operators enter four quarters with an evidence file each and the finance unit's operator the
budget realisation; the planner verifies them and writes the narrative; the auditor records the
review; the office answers the LKE; the leader sees the readiness page, approves and locks the
year and downloads the final LKj, whose text holds every number entered and no placeholder.
The inputs are those of tests/web/year_from_nothing.py.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import year_from_nothing as inputs
from django.contrib.auth import get_user_model
from playwright import sync_api

from kinerja.agencies.models import Agency
from kinerja.plans.models import Indicator, PerformanceAgreement
from kinerja.results.models import Realization, ReportingYear, Spending

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
PASSWORD = "Kata-sandi-uji-7391"
CODE, YEAR = inputs.CODE, inputs.YEAR
# user: full name, role, work unit (made by the office's administrator)
PEOPLE = {
    "perencana": ("Dewi Perencana", "planner", None),
    "operator-pdi": ("Andi Operator", "operator", "pdi"),
    "operator-keuangan": ("Siti Operator", "operator", "keuangan"),
    "pimpinan": ("Budi Santoso", "leader", None),
    "auditor": ("Rina Wulandari", "auditor", None),
}
# What the body of a document a leader signs never holds (tests/documents/test_signable_text.py,
# `documents/gaps.py`: a final document has no list of what is missing, no watermark).
PLACEHOLDERS = (
    "Belum diuraikan",
    "[Belum",
    "belum diuraikan",
    "Catatan untuk penyusun",
    "Catatan perhitungan",
    "Isi melalui uraian",
    "Daftar Kekurangan",
    "DRAFT",
    "....................",
    "ditandatangani oleh Aparat Pengawasan Intern Pemerintah setelah reviu",
)

pytestmark = pytest.mark.slow
expect = sync_api.expect


@pytest.fixture(autouse=True)
def sync_orm_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def empty_deployment(transactional_db: None, settings: Any, tmp_path: Path) -> None:
    """A migrated database with the server's superuser and nothing else."""
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert not Agency.objects.exists() and not get_user_model().objects.exists()
    get_user_model().objects.create_superuser("root", "root@server.example", PASSWORD)


def new_page(browser: Any) -> Any:
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page.set_default_timeout(30_000)
    return page


def log_in(browser: Any, base: str, name: str) -> Any:
    page = new_page(browser)
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")
    return page


def saved(page: Any, text: str) -> None:
    expect(page.locator("#messages")).to_contain_text(text)


def y(base: str, path: str = "") -> str:
    return f"{base}/o/{CODE}/{YEAR}/{path}"


# --- the server's superuser, in Django's admin -------------------------------------------------


def superuser_makes_the_office(browser: Any, base: str) -> None:
    page = new_page(browser)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto(f"{base}/admin/agencies/agency/add/")
    for field in ("code", "name"):
        page.fill(f"#id_{field}", inputs.AGENCY[field])
    page.select_option("#id_level", inputs.AGENCY["level"])
    assert page.locator("#id_head").count() == 0  # the profile is the planner's (Profil instansi)
    for n, (code, name) in enumerate(inputs.UNITS.items()):
        page.locator(".add-row a").click()
        page.fill(f"#id_work_units-{n}-position", str(n))
        page.fill(f"#id_work_units-{n}-code", code)
        page.fill(f"#id_work_units-{n}-name", name)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    agency = Agency.objects.get(code=CODE)
    assert list(agency.work_units.values_list("code", flat=True)) == list(inputs.UNITS)

    page.goto(f"{base}/admin/auth/user/add/")
    page.fill("#id_username", "admin-awal")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    office_admin = get_user_model().objects.get(username="admin-awal")
    page.goto(f"{base}/admin/accounts/membership/add/")
    page.fill("#id_user", str(office_admin.pk))
    page.fill("#id_agency", str(agency.pk))
    page.select_option("#id_role", "admin")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    page.close()


def office_admin_makes_the_users(browser: Any, base: str) -> None:
    page = log_in(browser, base, "admin-awal")
    for name, (full_name, role, unit) in PEOPLE.items():
        page.goto(f"{base}/o/{CODE}/pengguna/tambah/")
        page.fill("#id_baru-username", name)
        page.fill("#id_baru-full_name", full_name)
        page.fill("#id_baru-password1", PASSWORD)
        page.fill("#id_baru-password2", PASSWORD)
        page.select_option("#id_baru-role", role)
        if unit:
            page.select_option("#id_baru-work_unit", unit)
        page.get_by_role("button", name="Buat pengguna").click()
        saved(page, f"Pengguna {name} dibuat")
    page.close()


# --- the planner: Renstra, catalogue, PK, signing ----------------------------------------------


def planner_fills_the_profile(page: Any, base: str) -> None:
    page.get_by_role("link", name="Profil instansi").click()  # on the planner's home
    for field in ("city", "signing_place"):
        page.fill(f"#id_{field}", inputs.AGENCY[field])
    for role in ("head", "secretary"):
        for part, value in inputs.AGENCY[role].items():
            page.fill(f"#id_{role}_{part}", value)
    page.get_by_role("button", name="Simpan").click()
    saved(page, "Profil instansi disimpan")
    page.goto(f"{base}/")


def planner_builds_the_plan(browser: Any, base: str) -> Any:
    page = log_in(browser, base, "perencana")
    planner_fills_the_profile(page, base)
    page.get_by_role("link", name="Mulai Renstra").click()  # on the planner's home
    for field, value in inputs.PLAN.items():
        page.locator(f"[name={field}]").fill(value)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(rf"/o/{CODE}/{YEAR}/"))

    page.goto(y(base, "renstra/katalog/"))
    page.get_by_role("link", name="Tambah misi").click()
    page.fill("#id_code", inputs.MISSION[0])
    page.fill("#id_text", inputs.MISSION[1])
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("main")).to_contain_text(inputs.MISSION[1])

    (first, (name, unit, combine, target, _, _)), *others = inputs.INDICATORS.items()
    page.get_by_role("link", name="Tambah sasaran").click()
    page.fill("#id_code", inputs.OBJECTIVE[0])
    page.fill("#id_name", inputs.OBJECTIVE[1])
    page.fill("#id_ik-code", first)
    page.fill("#id_ik-name", name)
    page.select_option("#id_ik-work_unit", unit)
    page.select_option("#id_ik-combine", combine)
    page.fill(f"#id_ik-target_{YEAR}", target)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("main")).to_contain_text(inputs.OBJECTIVE[1])
    for code, (name, unit, combine, target, _, _) in others:
        page.get_by_role("link", name=f"+ indikator sasaran {inputs.OBJECTIVE[0]}").click()
        page.fill("#id_code", code)
        page.fill("#id_name", name)
        page.select_option("#id_work_unit", unit)
        page.select_option("#id_combine", combine)
        page.fill(f"#id_target_{YEAR}", target)
        page.get_by_role("button", name="Simpan").click()
        expect(page.locator("main")).to_contain_text(name)
    page.get_by_role("link", name="Tambah program").click()
    page.fill("#id_code", inputs.PROGRAM[0])
    page.fill("#id_name", inputs.PROGRAM[1])
    page.fill("#id_objectives", f"{inputs.OBJECTIVE[0]} | 100")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("main")).to_contain_text(inputs.PROGRAM[1])

    page.goto(y(base, "pk/"))
    page.get_by_role("button", name="Buat PK dari Renstra").click()
    saved(page, f"PK {YEAR} dibuat dari Renstra")
    for code, (_, _, _, _, quarters, _) in inputs.INDICATORS.items():
        for quarter, value in enumerate(quarters, start=1):
            page.get_by_label(
                f"{('TW I', 'TW II', 'TW III', 'TW IV')[quarter - 1]} {code}", exact=True
            ).fill(value)
    page.locator("input[name^=b-]").fill(f"{inputs.BUDGET:,}".replace(",", "."))
    page.get_by_role("button", name="Simpan PK").click()
    saved(page, "PK disimpan")

    page.goto(y(base, "pk/"))
    page.get_by_role("link", name="Penandatanganan LKj & PK").click()
    page.get_by_label("Tanggal LKj").fill(inputs.SIGNING["report_date"].isoformat())
    page.get_by_label("Tanggal PK ditandatangani").fill(inputs.SIGNING["signed_on"].isoformat())
    expect(page.get_by_label("Nama penanda tangan LKj")).to_have_value(inputs.SIGNING["name"])
    page.get_by_role("button", name="Simpan").click()
    saved(page, "Data penandatanganan disimpan")

    page.goto(y(base, "anggaran/"))
    page.get_by_label("Unit kerja keuangan").select_option(inputs.FINANCE_UNIT)
    page.locator("#finance-unit ~ form button, form:has(#id_unit) button").first.click()
    expect(page.locator("main")).to_contain_text(inputs.UNITS[inputs.FINANCE_UNIT])
    return page


# --- the operators: four quarters with evidence, and the budget realisation --------------------


def operators_enter_the_year(browser: Any, base: str, tmp_path: Path) -> None:
    for unit in inputs.UNITS:
        page = log_in(browser, base, f"operator-{unit}")
        for code, (_, owner, _, _, _, values) in inputs.INDICATORS.items():
            if owner != unit:
                continue
            pk = Indicator.objects.get(code=code).pk
            for quarter, value in enumerate(values, start=1):
                page.goto(y(base, f"isian/{unit}/{quarter}/"))
                card = page.locator(f"#row-{pk}")
                card.get_by_label(re.compile(r"^Realisasi TW")).fill(value)
                card.get_by_label("Catatan").fill(inputs.note(code, quarter))
                evidence = tmp_path / inputs.evidence_name(code, quarter)
                evidence.write_bytes(inputs.evidence_pdf(code, quarter))
                card.locator("input[type=file]").set_input_files(str(evidence))
                card.get_by_role("button", name="Simpan draf").click()
                expect(page.locator(f"#row-{pk}")).to_contain_text(evidence.name)
                page.locator(f"#row-{pk}").get_by_role(
                    "button", name="Ajukan untuk verifikasi"
                ).click()
                expect(page.locator(f"#row-{pk} [data-status]")).to_have_attribute(
                    "data-status", "submitted"
                )
        if unit == inputs.FINANCE_UNIT:
            card_id = f"#b-program-{inputs.PROGRAM[0]}"
            for quarter, spent in enumerate(inputs.SPENT, start=1):
                page.goto(y(base, f"anggaran/{quarter}/"))
                page.locator(card_id).get_by_label("Realisasi kumulatif (Rp)").fill(
                    f"{spent:,}".replace(",", ".")
                )
                page.locator(card_id).get_by_role("button", name="Simpan draf").click()
                page.locator(card_id).get_by_role("button", name="Ajukan untuk verifikasi").click()
                expect(page.locator(f"{card_id} [data-status]")).to_have_attribute(
                    "data-status", "submitted"
                )
        page.close()


# --- the planner verifies and writes the narrative ---------------------------------------------


def planner_verifies_and_writes(page: Any, base: str) -> None:
    page.goto(y(base, "verifikasi/"))
    expect(page.locator("article[id^=verify-]")).to_have_count(8)
    for box in page.locator("input[name=pick]").all():
        box.check()
    page.get_by_role("button", name="Verifikasi yang dipilih").click()
    expect(page.locator("article[id^=verify-]")).to_have_count(0)
    card_id = f"#b-program-{inputs.PROGRAM[0]}"
    for quarter in range(1, 5):
        page.goto(y(base, f"anggaran/{quarter}/"))
        page.locator(card_id).get_by_role("button", name="Verifikasi").click()
        expect(page.locator(f"{card_id} [data-status]")).to_have_attribute(
            "data-status", "verified"
        )

    menu = page.locator("nav").get_by_role("link", name="Narasi", exact=True)
    menu.click()
    for key in ("tugas_fungsi", "isu_strategis"):  # the data cannot draft them
        expect(page.locator(f'tr[data-key="{key}"]')).to_have_attribute("data-state", "required")
    for key, text in inputs.NARRATIVE.items():
        objective = inputs.NARRATIVE_OBJECTIVE.get(key)
        rows = page.locator(f'tr[data-key="{key}"]')
        row = (
            rows.filter(has_text=f"sasaran {objective}")
            if objective
            else rows.filter(has_not_text="sasaran")
        )
        row.get_by_role("link", name=re.compile("^Tulis")).click()
        page.locator("textarea[name=text]").fill(text)
        page.get_by_role("button", name="Simpan").click()
        expect(page.locator("#messages")).to_contain_text("disimpan")
        menu.click()
        expect(row).to_have_attribute("data-state", "written")


# --- the auditor, the office's LKE, the leader -------------------------------------------------


def auditor_records_the_review(browser: Any, base: str) -> None:
    page = log_in(browser, base, "auditor")
    page.goto(y(base, "reviu/"))
    review = inputs.REVIEW
    page.get_by_label("Nama pereviu").fill(review["reviewer_name"])
    page.get_by_label("Jabatan pereviu").fill(review["reviewer_position"])
    page.get_by_label("Tanggal reviu").fill(review["date"].isoformat())
    page.get_by_label("Tempat").fill(review["place"])
    page.get_by_label("Pernyataan telah direviu").fill(review["statement"])
    page.get_by_label("Temuan reviu (satu per baris)").fill("\n".join(review["findings"]))
    page.get_by_role("button", name="Simpan catatan reviu").click()
    saved(page, "Catatan reviu disimpan")
    page.close()


def office_answers_the_lke(page: Any, base: str) -> None:
    page.goto(y(base, "lke/"))
    for item, (met, grade, note) in inputs.LKE.items():
        row = page.locator(f"#sub-{item.replace('.', '')}")
        for code in met:
            row.locator(f"input[name=met][value='{code}']").check()
        row.locator("select[name=self_assessment]").select_option(grade)
        row.locator("textarea[name=note]").fill(note)
        row.get_by_role("button", name=f"Simpan {item}").click()
        expect(page.locator("#messages")).to_contain_text(f"Jawaban {item} disimpan")


def leader_locks_and_downloads(browser: Any, base: str) -> dict[str, bytes]:
    page = log_in(browser, base, "pimpinan")
    page.goto(y(base, "kesiapan/"))
    expect(page.locator("[data-errors]")).to_have_text("0")
    expect(page.locator("[data-ready]")).to_have_attribute("data-ready", "ya")
    page.goto(y(base, "kunci/"))
    acknowledge = page.locator("input[name=acknowledge]")
    if acknowledge.count():
        acknowledge.check()
    page.get_by_role("button", name=f"Setujui dan kunci tahun {YEAR}").click()
    saved(page, f"Tahun {YEAR} disetujui dan dikunci")
    page.goto(y(base, "kesiapan/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tahun {YEAR} sudah dikunci")
    page.goto(y(base, "unduh/"))
    files = {}
    for fmt in ("PDF", "DOCX"):
        with page.expect_download() as download:
            page.get_by_role("link", name=f"LKj {YEAR} final ({fmt})").click()
        files[fmt] = Path(download.value.path()).read_bytes()
    page.close()
    return files


def test_a_year_from_nothing_to_the_signed_lkj(
    live_server: Any, browser: Any, empty_deployment: None, tmp_path: Path
) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "documents"))
    from document_readers import docx_text, pdf_text

    base = live_server.url
    superuser_makes_the_office(browser, base)
    office_admin_makes_the_users(browser, base)
    planner = planner_builds_the_plan(browser, base)
    operators_enter_the_year(browser, base, tmp_path)
    planner_verifies_and_writes(planner, base)
    auditor_records_the_review(browser, base)
    office_answers_the_lke(planner, base)
    files = leader_locks_and_downloads(browser, base)

    year = ReportingYear.objects.get(agency__code=CODE, year=YEAR)
    assert year.is_locked
    assert not Realization.objects.filter(reporting_year=year).exclude(status="verified")
    assert Realization.objects.filter(reporting_year=year).count() == 8
    assert Spending.objects.filter(reporting_year=year, status="verified").count() == 4
    assert PerformanceAgreement.objects.get(agency=year.agency, year=YEAR).signed_on
    assert files["PDF"].startswith(b"%PDF") and files["DOCX"].startswith(b"PK")
    for text in (pdf_text(files["PDF"]), docx_text(files["DOCX"])):
        flat = " ".join(text.split())
        for placeholder in PLACEHOLDERS:
            assert placeholder not in flat, placeholder
        # the numbers entered: targets, realisations, budget and spending, the narrative
        for figure in ("100%", "12 laporan", "11 laporan", "120.000.000", "114.000.000", "95%"):
            assert figure in flat, figure
        for written in inputs.NARRATIVE.values():
            assert " ".join(written.split()) in flat
        assert inputs.REVIEW["reviewer_name"] in flat and inputs.SIGNING["name"] in flat
