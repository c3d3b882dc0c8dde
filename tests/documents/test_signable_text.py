"""The text of the generated LKj reads as a document a leader signs (issue 12).

The DOCX and the PDF are generated and their text extracted; the body (everything before the
draft's own list of what is missing) must hold no placeholder, no note meant for the planner, no
year printed as a number (`2.019`), no word the generator doubled (`program Program`), no count in
digits where Indonesian writes words (`0 belum`, `1 di antaranya`), one quoting style, no stacked
colons; and the summary's counts must be the counts of the measurement tables, where an indicator
printed below 100% in a work unit's table is not counted as having reached its target.

Three datasets: the KPU Kota Metro example (with gaps: a draft), a consistent complete dataset
(`complete.yaml`, which also makes a final LKj) and an empty year (a PK and nothing measured);
and a year kept in the web app: the example stored in the database, a work unit's realisations
entered again, submitted by its operator and verified by the planner, and the LKj (DOCX and PDF)
downloaded from the web's download page, built from the database, not from a file.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from document_readers import pdf_text

from kinerja.dataset import schema
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.docx_writer import write_docx
from kinerja.documents.lkj import build_lkj
from kinerja.documents.typst_writer import write_pdf

HERE = Path(__file__).parent
EXAMPLE = HERE.parents[1] / "examples" / "kpu-kota-metro-2024.yaml"
COMPLETE = HERE / "complete.yaml"
GAPS_HEADING = "Daftar Kekurangan (Draf)"

_WORDS = {
    "tidak ada": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
}


def _number(text: str) -> int:
    """The count a phrase names: digits, or the words `formats.count_text` writes."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    if text in _WORDS:
        return _WORDS[text]
    if text.endswith(" belas"):
        return 10 + _WORDS[text.removesuffix(" belas")]
    if text.endswith(" puluh"):
        return 10 * _WORDS[text.removesuffix(" puluh")]
    raise AssertionError(f"not a count: {text!r}")


def _empty_year() -> schema.Dataset:
    """The example with a 2025 that has the office's PK and nothing else."""
    example = read_yaml(EXAMPLE)
    latest = max(example.years, key=lambda y: y.year)
    agreement = next(y.office_agreement for y in example.years if y.office_agreement)
    year = schema.Year(year=latest.year + 1, agreements=[agreement])
    return example.model_copy(update={"years": [*example.years, year]})


DATASETS = {
    "example": lambda: read_yaml(EXAMPLE),
    "complete": lambda: read_yaml(COMPLETE),
    "empty-year": _empty_year,
}


class Generated:
    """One generated LKj: the dataset, its DOCX tables, and the extracted body text."""

    def __init__(self, dataset: schema.Dataset, docx: bytes, pdf: bytes | None):
        from docx import Document as open_docx

        self.dataset = dataset
        self.word = open_docx(io.BytesIO(docx))
        lines = [p.text for p in self.word.paragraphs]
        for table in self.word.tables:
            lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
        self.docx_text = "\n".join(lines)
        self.pdf_text = pdf_text(pdf) if pdf else ""

    @classmethod
    def of(cls, dataset: schema.Dataset, *, pdf: bool) -> Generated:
        document = build_lkj(build_context(dataset), charts=False)
        return cls(dataset, write_docx(document), write_pdf(document) if pdf else None)

    @staticmethod
    def body(text: str) -> str:
        """The text before the draft's own list of what is missing (the lists of contents name
        it too, so the last occurrence counts)."""
        index = text.rfind(GAPS_HEADING)
        return text if index < 0 else text[:index]

    def bodies(self) -> list[str]:
        return [self.body(t) for t in (self.docx_text, self.pdf_text) if t]

    def tables_achievements(self) -> tuple[dict[str, Decimal | None], dict[str, Decimal]]:
        """From the DOCX tables: each indicator's computed achievement (the office measurement
        table, `Capaian`) and any achievement a work unit's table prints (`dilaporkan`)."""
        computed: dict[str, Decimal | None] = {}
        printed: dict[str, Decimal] = {}
        codes = {i.code for o in self.dataset.strategic_plan.objectives for i in o.indicators}
        for table in self.word.tables:
            titles = [cell.text for cell in table.rows[0].cells]
            for row in table.rows[1:]:
                cells = [cell.text for cell in row.cells]
                code = next((c.split("\n")[0] for c in cells if c.split("\n")[0] in codes), None)
                if code is None:
                    continue
                for title, value in zip(titles, cells, strict=False):
                    figure = _percent(value)
                    if title == "Capaian":
                        computed.setdefault(code, figure)
                    elif title == "Capaian (dilaporkan)" and figure is not None:
                        printed[code] = figure
        return computed, printed


def _percent(text: str) -> Decimal | None:
    match = re.match(r"^(-?[\d.]+(?:,\d+)?)\s*%", text.strip())
    if not match:
        return None
    return Decimal(match.group(1).replace(".", "").replace(",", "."))


WEB_UNIT = "hukum-sdm"


def _web_year(django_db_blocker: Any) -> Generated:
    """The LKj of a year kept in the web app, as the download page gives it (DOCX and PDF).

    The database work runs in one transaction rolled back at the end, so the module's other
    tests (which use no database) see nothing of it.
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from kinerja.accounts.models import Membership
    from kinerja.agencies.datasets import import_dataset
    from kinerja.cli.sources import dataset_from_database
    from kinerja.dataset.measure import measure
    from kinerja.plans.models import Indicator
    from kinerja.results import actions
    from kinerja.results.models import Realization, ReportingYear

    with django_db_blocker.unblock(), transaction.atomic():
        agency = import_dataset(read_yaml(EXAMPLE))
        users = get_user_model().objects
        operator = users.create_user("operator-web")
        planner = users.create_user("planner-web")
        Membership.objects.create(
            user=operator, agency=agency, role="operator", work_unit_code=WEB_UNIT
        )
        Membership.objects.create(user=planner, agency=agency, role="planner")
        year = ReportingYear.objects.get(agency=agency, year=2024)
        # The unit's fourth-quarter values, as its operator types them: the year's figures.
        measured = {i.code: i.realization for i in measure(read_yaml(EXAMPLE), 2024).indicators}
        indicators = Indicator.objects.filter(
            objective__plan__agency=agency, work_unit__code=WEB_UNIT
        )
        entries = [(i, measured[i.code]) for i in indicators if measured.get(i.code)]
        assert len(entries) >= 4
        for indicator, value in entries:
            saved = actions.save_realization(operator, year, indicator, 4, str(value))
            actions.submit_realization(operator, saved, saved.version)
            fresh = Realization.objects.get(pk=saved.pk)
            actions.verify_realization(planner, fresh, fresh.version)
        client = Client()
        client.force_login(planner)
        files = {}
        for fmt in ("docx", "pdf"):
            url = reverse("ui:download_lkj", args=[agency.code, 2024, fmt]) + "?mode=draft"
            answer = client.get(url)
            assert answer.status_code == 200, url
            files[fmt] = answer.content
        dataset = dataset_from_database(agency.code)
        transaction.set_rollback(True)
    # The document was built from the values kept in the app.
    kept = {(z.indicator, z.quarter) for y in dataset.years for z in y.realizations}
    assert {(i.code, 4) for i, _ in entries} <= kept
    return Generated(dataset, files["docx"], files["pdf"])


@pytest.fixture(scope="module")
def web_year(django_db_setup: None, django_db_blocker: Any) -> Generated:
    return _web_year(django_db_blocker)


# The web's year is marked as a database test, so that the test database is set up for it.
@pytest.fixture(
    scope="module",
    params=[*sorted(DATASETS), pytest.param("web-year", marks=pytest.mark.django_db)],
)
def generated(request: pytest.FixtureRequest) -> Generated:
    # The PDF's text is extracted for the example and the web's year; the other two are read
    # from the DOCX.
    if request.param == "web-year":
        return request.getfixturevalue("web_year")  # type: ignore[no-any-return]
    return Generated.of(DATASETS[request.param](), pdf=request.param == "example")


def _doubled_in_source(dataset: schema.Dataset) -> set[str]:
    """Doubled words the dataset's own text holds (printed as the office wrote them)."""
    text = dataset.model_dump_json()
    return {m.group(0).lower() for m in re.finditer(r"\b(\w+)\s+\1\b", text, re.IGNORECASE)}


def test_no_placeholder_or_planner_note_in_the_body(generated: Generated) -> None:
    for body in generated.bodies():
        for forbidden in (
            "Belum diuraikan",
            "[Belum",
            "Catatan atas skala",
            "Catatan perhitungan",
            "Catatan untuk penyusun",
            "Isi melalui uraian",
            "ditandatangani oleh Aparat Pengawasan Intern Pemerintah setelah reviu",
        ):
            assert forbidden not in body, forbidden


def test_years_are_never_printed_with_a_thousands_separator(generated: Generated) -> None:
    for body in generated.bodies():
        # a year as a number: 2.019 (1.900 to 2.100) standing alone
        found = re.findall(r"(?<![\d.,])(?:1\.9\d\d|2\.0\d\d|2\.100)(?![\d]|[.,]\d)", body)
        assert found == []


def test_no_word_is_doubled_by_the_generator(generated: Generated) -> None:
    allowed = _doubled_in_source(generated.dataset)
    for body in generated.bodies():
        doubled = {
            m.group(0).lower()
            for m in re.finditer(r"\b(\w+) \1\b", body, re.IGNORECASE)
            if not m.group(1).isdigit()
        }
        assert doubled - allowed == set()


def test_counts_are_written_as_a_person_writes_them(generated: Generated) -> None:
    for body in generated.bodies():
        assert not re.search(r"\b0 (belum|indikator|di antaranya|mencapai)", body)
        assert not re.search(r"\b\d+ di antaranya\b", body)
        assert "program Program" not in body
        assert "kegiatan Kegiatan" not in body
        # one quoting style, and no sentence stacking two colons
        assert not re.search(r"(?<![A-Za-z])'[^'\n]{1,80}'(?![A-Za-z])", body)
        for line in body.splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                assert sentence.count(": ") < 2, sentence


def test_leader_signs_with_the_position_the_office_prints(generated: Generated) -> None:
    report = generated.dataset.years[-1].report
    person = (report.signatory if report else None) or generated.dataset.agency.head
    assert person is not None and person.position
    lines = generated.docx_text.splitlines()
    assert any(line.endswith(f"{person.position},") for line in lines)
    assert not any(f"{person.position} {generated.dataset.agency.name}," in line for line in lines)
    assert person.name in generated.docx_text
    if person.nip:
        assert f"NIP. {person.nip}" in generated.docx_text


def test_summary_counts_are_the_counts_of_the_tables(generated: Generated) -> None:
    computed, printed = generated.tables_achievements()
    measured = {code: value for code, value in computed.items() if value is not None}
    reached = {c for c, v in measured.items() if v >= 100 and printed.get(c, v) >= 100}
    printed_below = {c for c, v in measured.items() if v >= 100 and printed.get(c, v) < 100}
    below = {c for c, v in measured.items() if v < 100}
    body = generated.body(generated.docx_text)
    start = body.find("RINGKASAN EKSEKUTIF")
    summary = body[start : body.find("DAFTAR ISI", start)]
    total = re.search(r"Dari (.+?) indikator, ", summary)
    assert total is not None
    assert _number(total.group(1)) == len(computed)
    if not measured:
        assert "belum ada yang capaiannya dapat dihitung" in summary
        return
    counted = re.search(r"capaian (seluruhnya|(.+?) indikator) dapat dihitung", summary)
    assert counted is not None
    assert (
        len(computed) if counted.group(1) == "seluruhnya" else _number(counted.group(2))
    ) == len(measured)

    def stated(predicate: str) -> int:
        match = re.search(
            rf"(tidak ada|\w+(?: belas| puluh)?) indikator (yang )?{predicate}", summary
        )
        assert match is not None, predicate
        return _number(match.group(1))

    assert stated("mencapai atau melampaui target") == len(reached)
    assert stated("belum mencapai target") == len(below)
    if printed_below:
        assert stated("mencapai target menurut hasil perhitungan") == len(printed_below)
        for code in printed_below:
            assert re.search(rf"{code} \(tercantum [\d,]+%, hasil perhitungan [\d,]+%\)", summary)
    else:
        assert "tercantum di bawah 100%" not in summary


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_charts_and_tables_use_one_wording_for_each_state(name: str) -> None:
    from kinerja.documents.tree import Table

    dataset = DATASETS[name]()
    ctx = build_context(dataset)
    document = build_lkj(ctx)
    charts = {f.chart.kind: f.chart.data for f in document.figures()}
    measurement = next(
        t for t in document.tables() if (t.caption or "").startswith("Pengukuran Kinerja")
    )
    in_table = {
        row[-5].text.split("\n")[0] if len(row) == 7 else row[0].text.split("\n")[0]: row[-2].text
        for row in measurement.rows
    }
    in_chart = dict(zip(charts["indicators"]["labels"], charts["indicators"]["texts"], strict=True))
    assert in_chart == in_table
    summary = next(t for t in document.tables() if isinstance(t, Table) and t.number == 1)
    assert [row[3].text for row in summary.rows] == charts["objectives"]["texts"]
    states = {text for text in in_table.values() if not text[0].isdigit()}
    assert states <= {"belum diukur", "tidak dapat dihitung", "tidak berlaku"}
