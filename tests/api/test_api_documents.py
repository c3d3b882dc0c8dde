"""Documents through the API: the LKj and the PKs, as the web app's downloads build them."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest


def test_the_lkj_comes_as_docx_for_someone_in_scope(world: Any, api_as: Any) -> None:
    response = api_as("auditor").get(
        "/documents/lkj", office=world.own.agency.code, year=2024, format="docx"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="LKj-kpu-kota-metro-2024.docx"' in response["Content-Disposition"]
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


@pytest.fixture
def no_documents(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Record what would be built instead of building it (the building is tested elsewhere)."""
    built: list[tuple[Any, ...]] = []

    def record(*args: Any) -> bytes:
        built.append(args)
        return b"%PDF-1.4"

    monkeypatch.setattr("kinerja.ui.downloads.document", record)
    return built


def test_a_unit_pk_as_pdf(world: Any, api_as: Any, no_documents: list[Any]) -> None:
    response = api_as("operator_b").get(
        "/documents/pk", office=world.own.agency.code, year=2024, unit="pdi"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert no_documents[0][1:] == (2024, "pk", "pdf", "pdi")


def test_documents_of_another_office_are_not_found(
    world: Any, api_as: Any, no_documents: Any
) -> None:
    response = api_as("planner").get("/documents/lkj", office=world.other.agency.code, year=2024)
    assert response.status_code == 404
    assert no_documents == []


def test_an_unknown_kind_or_format_gets_422(world: Any, api_as: Any, no_documents: Any) -> None:
    client = api_as("planner")
    office = world.own.agency.code
    assert client.get("/documents/lke", office=office, year=2024).status_code == 422
    assert client.get("/documents/lkj", office=office, year=2024, format="odt").status_code == 422
