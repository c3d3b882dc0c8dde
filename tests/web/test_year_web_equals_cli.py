"""The same year, built in the web app and by the command line, exports as the same dataset.

The web side starts from an office the administrator made (an agency, its people and their
roles, nothing else) and posts each screen's form as the owner of each step would: the planner
starts the Renstra, builds its catalogue, drafts and fills the PK and the signing data; the
operators enter four quarters with an evidence file each and submit them, the finance unit's
operator enters the budget realisation; the planner verifies (four eyes) and writes the
narrative; the auditor records the review; the office answers the LKE. The command-line side
loads the same inputs written as a dataset file (`kinerja load`) and exports them
(`kinerja export`). Both exports must be equal field by field; nothing is normalised away: the
two paths share no id, timestamp or user name in the dataset (a realisation's workflow and its
authors are not part of the dataset, `dataset-format.md`).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
import year_from_nothing as inputs
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency
from kinerja.cli.app import app
from kinerja.evaluations.models import ReviewRecord
from kinerja.plans.actions import agreement_fingerprint
from kinerja.plans.models import Indicator, Objective, PerformanceAgreement
from kinerja.results.models import Realization, ReportingYear, Spending

PASSWORD = "kata-sandi-uji-7391"
# user: role, work unit
PEOPLE = {
    "perencana": ("planner", None),
    "operator-pdi": ("operator", "pdi"),
    "operator-keuangan": ("operator", "keuangan"),
    "auditor": ("auditor", None),
}


def _office() -> dict[str, Client]:
    """What the administrator makes: the office and its users, each logged in as itself."""
    agency = Agency.objects.create(
        **{k: v for k, v in inputs.AGENCY.items() if k not in ("head", "secretary")},
        head=inputs.AGENCY["head"],
        secretary=inputs.AGENCY["secretary"],
    )
    clients = {}
    for name, (role, unit) in PEOPLE.items():
        user = get_user_model().objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=user, agency=agency, role=role, work_unit_code=unit)
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"ui:{name}", kwargs={"agency": inputs.CODE, "year": inputs.YEAR, **kwargs})


def _ok(answer: Any) -> Any:
    """A form accepted: a redirect (the app's answer to a saved form) without an error."""
    assert answer.status_code == 302, answer.content.decode()[:3000]
    return answer


def _start_plan(planner: Client) -> None:
    """The first Renstra and its first year, on the planner's page for an office with none."""
    url = reverse("ui:plan_start", kwargs={"agency": inputs.CODE})
    _ok(planner.post(url, inputs.PLAN))


def _catalogue(planner: Client) -> None:
    for code, name in inputs.UNITS.items():
        _ok(planner.post(_url("plan_item_add", kind="unit-kerja"), {"code": code, "name": name}))
    _ok(
        planner.post(
            _url("plan_item_add", kind="misi"),
            {"code": inputs.MISSION[0], "text": inputs.MISSION[1]},
        )
    )
    (first, (name, unit, combine, target, _, _)), *others = inputs.INDICATORS.items()
    _ok(
        planner.post(
            _url("plan_item_add", kind="sasaran"),
            {
                "code": inputs.OBJECTIVE[0],
                "name": inputs.OBJECTIVE[1],
                "ik-code": first,
                "ik-name": name,
                "ik-work_unit": unit,
                "ik-polarity": "higher",
                "ik-combine": combine,
                f"ik-target_{inputs.YEAR}": target,
            },
        )
    )
    objective = Objective.objects.get(code=inputs.OBJECTIVE[0])
    for code, (name, unit, combine, target, _, _) in others:
        _ok(
            planner.post(
                _url("plan_item_add", kind="indikator") + f"?induk={objective.pk}",
                {
                    "code": code,
                    "name": name,
                    "work_unit": unit,
                    "polarity": "higher",
                    "combine": combine,
                    f"target_{inputs.YEAR}": target,
                },
            )
        )
    _ok(
        planner.post(
            _url("plan_item_add", kind="program"),
            {
                "code": inputs.PROGRAM[0],
                "name": inputs.PROGRAM[1],
                "objectives": f"{inputs.OBJECTIVE[0]} | 100",
            },
        )
    )


def _agreement(planner: Client) -> None:
    _ok(planner.post(_url("agreements_draft")))
    agreement = PerformanceAgreement.objects.get(agency__code=inputs.CODE, year=inputs.YEAR)
    form: dict[str, Any] = {"reason": "", "shown": agreement_fingerprint(agreement)}
    for row in agreement.rows.select_related("indicator"):
        _, _, _, target, quarters, _ = inputs.INDICATORS[row.indicator.code]
        form[f"t-{row.pk}"] = target
        for quarter, value in enumerate(quarters, start=1):
            form[f"q{quarter}-{row.pk}"] = value
    (line,) = agreement.budget_lines.all()
    form[f"b-{line.pk}"] = f"{inputs.BUDGET:,}".replace(",", ".")
    _ok(planner.post(_url("agreement_edit", pk=agreement.pk), form))
    signing = {**inputs.SIGNING}
    signing["report_date"] = signing["report_date"].isoformat()
    signing["signed_on"] = signing["signed_on"].isoformat()
    _ok(planner.post(_url("signing"), signing))


def _values(clients: dict[str, Client]) -> None:
    for code, (_, unit, _, _, _, values) in inputs.INDICATORS.items():
        operator = clients[f"operator-{unit}"]
        indicator = Indicator.objects.get(code=code, objective__plan__agency__code=inputs.CODE)
        for quarter, value in enumerate(values, start=1):
            prefix = f"i{indicator.pk}"
            url = _url("entry_save", unit=unit, quarter=quarter, indicator=indicator.pk)
            evidence = SimpleUploadedFile(
                inputs.evidence_name(code, quarter),
                inputs.evidence_pdf(code, quarter),
                content_type="application/pdf",
            )
            _ok(
                operator.post(
                    url,
                    {
                        f"{prefix}-value": value,
                        f"{prefix}-note": inputs.note(code, quarter),
                        f"{prefix}-version": 0,
                        f"{prefix}-evidence": evidence,
                    },
                )
            )
            z = Realization.objects.get(indicator=indicator, quarter=quarter)
            url = reverse("ui:realization_submit", args=[z.pk])
            _ok(operator.post(url, {f"v{indicator.pk}-version": z.version}))
    planner = clients["perencana"]
    for z in Realization.objects.filter(reporting_year__agency__code=inputs.CODE):
        url = reverse("ui:realization_verify", args=[z.pk])
        _ok(planner.post(url, {f"v{z.indicator_id}-version": z.version}))


def _spending(clients: dict[str, Client]) -> None:
    planner = clients["perencana"]
    _ok(planner.post(_url("budget_finance_unit"), {"unit": inputs.FINANCE_UNIT}))
    operator = clients[f"operator-{inputs.FINANCE_UNIT}"]
    code = inputs.PROGRAM[0]
    prefix = f"s-program-{code}"
    for quarter, spent in enumerate(inputs.SPENT, start=1):
        url = _url("budget_save", quarter=quarter)
        form = {"key": f"program:{code}", f"{prefix}-amount": str(spent), f"{prefix}-version": 0}
        _ok(operator.post(url, form))
        row = Spending.objects.get(program__code=code, quarter=quarter)
        _ok(operator.post(reverse("ui:spending_submit", args=[row.pk]), {f"v{row.pk}-version": 1}))
        row.refresh_from_db()
        url = reverse("ui:spending_verify", args=[row.pk])
        _ok(planner.post(url, {f"v{row.pk}-version": row.version}))


def _narrative(planner: Client) -> None:
    """Each section's editor, posted with the fields its page fills (version, title)."""
    for key, text in inputs.NARRATIVE.items():
        objective = inputs.NARRATIVE_OBJECTIVE.get(key)
        url = _url("narrative_edit", key=key) + (f"?sasaran={objective}" if objective else "")
        page = planner.get(url).content.decode()
        form = {"text": text, "version": _shown(page, "version"), "title": _shown(page, "title")}
        if objective:
            form["sasaran"] = objective
        _ok(planner.post(url, form))


def _shown(page: str, name: str) -> str:
    """The value an input of the page holds (what the browser sends back)."""
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    assert found is not None, name
    return html.unescape(found.group(1))


def _review_and_lke(clients: dict[str, Client]) -> None:
    review = {**inputs.REVIEW, "date": inputs.REVIEW["date"].isoformat(), "version": 0}
    review["findings"] = "\n".join(inputs.REVIEW["findings"])
    _ok(clients["auditor"].post(_url("review_record"), review))
    assert ReviewRecord.objects.filter(reporting_year__agency__code=inputs.CODE).exists()
    for item, (met, grade, text) in inputs.LKE.items():
        form = {"version": 0, "met": met, "self_assessment": grade, "note": text, "evidence": ""}
        _ok(clients["perencana"].post(_url("lke_save", item=item), form))


def _export(tmp_path: Path, name: str) -> dict[str, Any]:
    target = tmp_path / name
    result = CliRunner().invoke(app, ["export", "--agency", inputs.CODE, "-o", str(target)])
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = yaml.safe_load(target.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.django_db(transaction=True)
def test_the_year_built_in_the_web_app_exports_as_the_command_lines(
    tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path / "data"
    settings.EVIDENCE_DIR = tmp_path / "data" / "evidence"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    clients = _office()
    planner = clients["perencana"]
    _start_plan(planner)
    _catalogue(planner)
    _agreement(planner)
    _values(clients)
    _spending(clients)
    _narrative(planner)
    _review_and_lke(clients)
    year = ReportingYear.objects.get(agency__code=inputs.CODE, year=inputs.YEAR)
    assert not Realization.objects.filter(reporting_year=year).exclude(status="verified")
    assert not Spending.objects.filter(reporting_year=year).exclude(status="verified")
    from_web = _export(tmp_path, "web.yaml")

    # The command line, from the same inputs, in a deployment of its own (a new database).
    source = tmp_path / "inputs.yaml"
    source.write_text(yaml.safe_dump(inputs.dataset(), allow_unicode=True, sort_keys=False))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "KINERJA_DATA_DIR": str(tmp_path / "cli"),
    }
    target = tmp_path / "cli.yaml"
    for command in (["load", str(source)], ["export", "--agency", inputs.CODE, "-o", str(target)]):
        done = subprocess.run(
            [sys.executable, "-m", "kinerja", *command], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    from_cli = yaml.safe_load(target.read_text(encoding="utf-8"))

    # Every input is in the command line's export, so equal exports mean equal years.
    (entry,) = from_cli["years"]
    assert len(entry["realizations"]) == 8 and all(z["evidence"] for z in entry["realizations"])
    assert [s["spent"] for s in entry["spending"]] == inputs.SPENT
    assert {n["key"] for n in entry["narrative"]} == set(inputs.NARRATIVE)
    assert entry["review"]["reviewer"]["name"] == inputs.REVIEW["reviewer_name"]
    assert [a["item"] for a in entry["evaluation"]["answers"]] == list(inputs.LKE)
    assert entry["agreements"][0]["budget"][0]["amount"] == inputs.BUDGET
    assert set(from_web) == set(from_cli)
    for part in from_cli:
        assert from_web[part] == from_cli[part], part
    assert from_web == from_cli
