"""Each item of what a document lacks says plainly what to do (issue 12).

The draft's *Daftar Kekurangan (Draf)* and the web's refusal of a final document list the same
gaps. Each gap's remedy must tell a planner who does what and where, in the words of the web
app: a menu the app really shows (Isian realisasi, Verifikasi, Anggaran, PK & rencana aksi,
Reviu, Excel) and, for what only the Excel workbook holds, the sheet by its name; never a field
name of the dataset (`quarterly_targets`, `first_party`, `signed_on`, `agency.head`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kinerja.dataset import schema
from kinerja.dataset.excel.layout import SHEETS_BY_NAME
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.gaps import DocumentIncomplete, Gap
from kinerja.documents.render import build_document

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
NAV = (ROOT / "src" / "kinerja" / "ui" / "templates" / "ui" / "base.html").read_text("utf-8")
MENUS = ("Isian realisasi", "Verifikasi", "Anggaran", "PK & rencana aksi", "Reviu", "Excel")
KINDS = ("lkj", "pk", "rencana-aksi", "triwulan")


def _bare_example() -> schema.Dataset:
    """The example without its narrative, signatories and dates: every kind of gap at once."""
    data = read_yaml(EXAMPLE).model_dump(mode="json", exclude_none=True)
    data["agency"].pop("head", None)
    data["agency"].pop("secretary", None)
    data["agency"].pop("signing_place", None)
    data["agency"].pop("city", None)
    for year in data["years"]:
        year["narrative"] = []
        year.pop("report", None)
        year.pop("spending", None)
        for agreement in year["agreements"]:
            for key in ("first_party", "second_party", "signed_on", "place"):
                agreement.pop(key, None)
    return schema.Dataset.model_validate(data)


def _gaps(dataset: schema.Dataset, kind: str) -> list[Gap]:
    with pytest.raises(DocumentIncomplete) as refused:
        build_document(dataset, kind=kind, mode="final")  # type: ignore[arg-type]
    return refused.value.gaps


def test_the_menus_named_are_the_web_apps_own() -> None:
    for menu in MENUS:
        assert f">{menu.replace('&', '&amp;')}<" in NAV, menu


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["example", "bare"])
def test_every_gap_says_who_does_what_where(name: str, kind: str) -> None:
    dataset = read_yaml(EXAMPLE) if name == "example" else _bare_example()
    gaps = _gaps(dataset, kind)
    assert gaps
    for gap in gaps:
        remedy = gap.remedy
        menus = [m for m in MENUS if f"menu {m}" in remedy]
        assert menus, remedy
        for sheet in re.findall(r"lembar \u201c([^\u201d]+)\u201d", remedy):
            assert sheet in SHEETS_BY_NAME, sheet
        if "menu Excel" in remedy:
            assert "lembar \u201c" in remedy, remedy  # which sheet to fill in
        # no field name of the dataset, no English
        assert not re.search(r"\b[a-z]+_[a-z_]+\b(?!\u201d)", remedy.replace("\u201c", " ")), remedy
        assert not re.search(r"\b(agency|report|spending|realizations)\b", remedy), remedy
        assert remedy[0].isupper() and gap.text.endswith(".")


def test_the_bare_example_lacks_each_kind_of_thing() -> None:
    """The bare example really reaches every remedy: narrative, signatory, date, PK parties,
    realisation, budget, review."""
    text = "\n".join(g.text for g in _gaps(_bare_example(), "lkj"))
    for expected in (
        "lembar \u201cNarasi\u201d",
        "lembar \u201cTahun\u201d",
        "lembar \u201cPK\u201d",
        "menu Isian realisasi",
        "menu Anggaran",
        "menu Reviu",
    ):
        assert expected in text, expected
