"""The workbook fixtures of tests/cpp/test_xlsx.cpp stay what the Python reference reads.

The C++ workbook reader and writer (``include/coproduction/io/xlsx.hpp``) are tested in C++
against files in ``tests/data/xlsx``: each workbook with what the Python package's openpyxl
reader (``coproduction.io._xlsx``) reads from it, and the Python writer's bytes. These tests
re-derive those expectations with the Python code and the installed openpyxl, so that a
change on either side (a new openpyxl that reads dates otherwise, a change of the Python
writer) shows here rather than leaving the C++ tests checking against stale answers.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import sys

import pytest

pytest.importorskip("openpyxl")

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "data" / "xlsx"


@pytest.fixture(scope="module")
def make_fixtures():
    spec = importlib.util.spec_from_file_location("make_xlsx_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_xlsx_fixtures"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["openpyxl_types", "hand_made", "python_written"])
def test_each_workbook_reads_as_its_expected_file_says(make_fixtures, name):
    found = make_fixtures.expected(FIXTURES / f"{name}.xlsx")
    stored = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert found == stored


def test_the_workbook_of_mistakes_reads_as_its_expected_file_says(make_fixtures):
    found = make_fixtures.expected(FIXTURES.parent / "spreadsheets" / "mistakes.xlsx")
    stored = json.loads((FIXTURES / "mistakes.expected.json").read_text(encoding="utf-8"))
    assert found == stored


def test_the_python_writer_still_writes_the_stored_bytes(make_fixtures, tmp_path):
    make_fixtures.python_written(tmp_path / "w.xlsx")
    assert (tmp_path / "w.xlsx").read_bytes() == (FIXTURES / "python_written.xlsx").read_bytes()


def test_conversions_are_what_openpyxl_makes(make_fixtures):
    stored = json.loads((FIXTURES / "conversions.expected.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(make_fixtures.conversions(), ensure_ascii=False)) == stored
