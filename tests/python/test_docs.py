"""Every page of the documentation has examples that run and print what the page says they
print, or is listed here as prose only, with the reason."""

from __future__ import annotations

import doctest
import io
from pathlib import Path
from typing import Dict, List

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

#: Pages without a runnable example, each with the reason it has none. A page missing from
#: here must hold at least one ``>>>`` example, and every example must pass.
PROSE_ONLY: Dict[str, str] = {
    "examples.md": "a data sheet of the shipped data sets: each fact with its source, no call "
                   "to show (loading them runs in the doctests of format.md and metrics.md)",
    "performance.md": "benchmark results, which come from the scripts under benchmarks/ and "
                      "vary from run to run, so no output could be checked",
    "reliability.md": "the guarantees under hostile input; each names the tests that check it "
                      "(tests/python/test_hostile_*.py, tests/fuzz)",
    "sources.md": "the bibliography: the source documents and what the library takes from "
                  "each, with nothing to run",
}


def page_problems(page: Path, prose_only: Dict[str, str]) -> List[str]:
    """What is wrong with one page: no example and not listed as prose only, listed but
    holding examples, or examples that fail (with doctest's report)."""
    text = page.read_text(encoding="utf-8")
    name = page.relative_to(DOCS).as_posix() if page.is_relative_to(DOCS) else page.name
    test = doctest.DocTestParser().get_doctest(text, {"__name__": "__main__"}, name, str(page), 0)
    if not test.examples:
        if name in prose_only:
            return []
        return [f"{name} has no example that runs (`>>>`): add one, or list the page in "
                f"PROSE_ONLY with the reason it has none"]
    if name in prose_only:
        return [f"{name} is listed in PROSE_ONLY but has {len(test.examples)} examples: "
                f"remove it from the list so that they run"]
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    failed = runner.run(test, out=report.write).failed
    return [f"{name}: {failed} of {len(test.examples)} examples failed\n{report.getvalue()}"] \
        if failed else []


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_page_examples_run_or_page_is_prose_only(page):
    problems = page_problems(page, PROSE_ONLY)
    assert not problems, "\n".join(problems)


def test_every_prose_only_page_exists_and_says_why():
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    for name, reason in PROSE_ONLY.items():
        assert name in names, f"{name} is listed as prose only but there is no such page"
        assert len(reason.split()) >= 5, f"{name}: give the reason in a sentence"


def test_the_check_fails_a_page_without_examples(tmp_path):
    page = tmp_path / "new_area.md"
    page.write_text("# A new area\n\nProse only, and a block that is not an example:\n\n"
                    "```python\ncp.metrics.gini([1, 2])\n```\n", encoding="utf-8")
    problems = page_problems(page, PROSE_ONLY)
    assert len(problems) == 1 and "has no example that runs" in problems[0]
    assert page_problems(page, {**PROSE_ONLY, "new_area.md": "a reason given in words"}) == []


def test_the_check_fails_a_failing_example_and_a_wrongly_listed_page(tmp_path):
    page = tmp_path / "wrong.md"
    page.write_text("```python\n>>> 1 + 1\n3\n\n```\n", encoding="utf-8")
    problems = page_problems(page, PROSE_ONLY)
    assert len(problems) == 1 and "1 of 1 examples failed" in problems[0]
    assert "Expected:\n    3\nGot:\n    2" in problems[0]
    right = tmp_path / "right.md"
    right.write_text("```python\n>>> 1 + 1\n2\n\n```\n", encoding="utf-8")
    assert page_problems(right, PROSE_ONLY) == []
    listed = page_problems(right, {"right.md": "said to be prose, but it is not"})
    assert len(listed) == 1 and "listed in PROSE_ONLY" in listed[0]


def test_every_area_has_a_page():
    names = {p.name for p in PAGES}
    assert {"format.md", "examples.md", "metrics.md", "inequality.md", "centrality.md",
            "relations.md", "power.md", "ladder.md", "audit.md", "performance.md"} <= names
