"""Fixtures for the document tests: the KPU Kota Metro example and a small rich dataset, built
once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import ReportContext, build_context
from kinerja.documents.docx_writer import write_docx
from kinerja.documents.lkj import build_lkj
from kinerja.documents.tree import Document
from kinerja.documents.typst_writer import write_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
RICH = Path(__file__).with_name("rich.yaml")


@pytest.fixture(scope="session")
def example_dataset() -> Dataset:
    return read_yaml(EXAMPLE)


@pytest.fixture(scope="session")
def rich_dataset() -> Dataset:
    return read_yaml(RICH)


@pytest.fixture(scope="session")
def example_ctx(example_dataset: Dataset) -> ReportContext:
    return build_context(example_dataset)


@pytest.fixture(scope="session")
def rich_ctx(rich_dataset: Dataset) -> ReportContext:
    return build_context(rich_dataset)


@pytest.fixture(scope="session")
def example_lkj(example_ctx: ReportContext) -> Document:
    return build_lkj(example_ctx)


@pytest.fixture(scope="session")
def rich_lkj(rich_ctx: ReportContext) -> Document:
    return build_lkj(rich_ctx)


@pytest.fixture(scope="session")
def example_pdf(example_lkj: Document) -> bytes:
    return write_pdf(example_lkj)


@pytest.fixture(scope="session")
def example_docx(example_lkj: Document) -> bytes:
    return write_docx(example_lkj)


@pytest.fixture(scope="session")
def rich_pdf(rich_lkj: Document) -> bytes:
    return write_pdf(rich_lkj)


@pytest.fixture(scope="session")
def rich_docx(rich_lkj: Document) -> bytes:
    return write_docx(rich_lkj)
