"""Every example in the documentation runs and prints what the page says it prints."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(DOCS.glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_examples(page):
    result = doctest.testfile(str(page), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_every_area_has_a_page():
    names = {p.name for p in PAGES}
    assert {"format.md", "examples.md", "metrics.md", "inequality.md", "centrality.md",
            "relations.md", "power.md", "ladder.md", "audit.md", "performance.md"} <= names
