"""Every page of the documentation has examples that run and print what the page says they
print, or is listed here as prose only, with the reason.

Three kinds of page hold examples:

- a page of prose with ``>>>`` sessions: the sessions run as doctests;
- a notebook (a MyST-NB text notebook: a ``.md`` page whose front matter names a
  ``kernelspec``): its code cells run in order, in one namespace; the docs build runs them
  again on a Jupyter kernel and fails on any error;
- an API reference page (``.. automodule::``, ``.. autofunction::``, ... in ``eval-rst``
  blocks): the examples are those of the docstrings it shows, and they run as doctests.

That every page is reachable from the index is the docs build's to check: Sphinx warns of a
page in no table of contents, and the build turns every warning into an error.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import io
import os
import re
import tempfile
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Iterator, List, Tuple

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

#: The front matter of a MyST-NB text notebook, and its code cells (options, as ``:tags:``
#: lines or a ``---`` block, come first in a cell and are not code).
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
CELL_OPTIONS = re.compile(r"\A(?:---\n.*?\n---\n|(?::[\w-]+:[^\n]*\n)+)\n*", re.S)
#: An autodoc directive of an API reference page, and the object it shows.
AUTODOC = re.compile(r"^\s*\.\. auto(module|class|exception|function|data)::\s*(\S+)"
                     r"((?:\n\s+:[\w-]+:[^\n]*)*)", re.M)

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
    "index.md": "the front page: what the library is for and the tables of contents; the "
                "pages it leads to hold the examples",
    "api/index.md": "the table of contents of the API reference, one entry per module; the "
                    "module pages show the docstrings and their examples",
    "api/network.md": "the format's vocabularies and the reader's limits, as constants; the "
                      "network's class and functions, with their examples, are on "
                      "api/coproduction.md, where the package offers them",
}


def notebook_cells(text: str) -> List[str] | None:
    """The code of each cell of a MyST-NB text notebook, in order; None for a page that is
    not a notebook (no front matter naming a kernelspec)."""
    front = FRONT_MATTER.match(text)
    if front is None or not re.search(r"^kernelspec:", front.group(1), re.M):
        return None
    return [CELL_OPTIONS.sub("", cell, count=1) for cell in CODE_CELL.findall(text)]


def run_cells(name: str, cells: List[str]) -> List[str]:
    """Run a notebook's cells in order in one namespace, as its kernel does, in a fresh
    directory (a cell may write a file) and drawing on a backend without a screen; the first
    failing cell stops the run and is reported with its traceback."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace: Dict[str, Any] = {"__name__": "__main__"}
    here = os.getcwd()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            os.chdir(scratch)
            for number, code in enumerate(cells, start=1):
                try:
                    exec(compile(code, f"<{name}, cell {number}>", "exec"), namespace)
                except Exception:  # any error of a cell fails the page, as in the docs build
                    return [f"{name}: cell {number} of {len(cells)} failed\n{code}\n"
                            f"{traceback.format_exc()}"]
    finally:
        os.chdir(here)
        plt.close("all")
    return []


def documented_objects(text: str) -> Iterator[Tuple[str, Any]]:
    """The objects an API reference page shows through autodoc, with docstrings of their own:
    each automodule's module and the functions and classes among the members it lists (its
    ``__all__`` less ``:exclude-members:``; constants show a comment, not a docstring), each
    autofunction's, autoclass's and autoexception's object (not autodata's)."""
    for kind, target, options in AUTODOC.findall(text):
        if kind == "data":  # a value: its docstring, if any, is its type's
            continue
        if kind != "module":
            module_name, _, attribute = target.rpartition(".")
            yield target, getattr(importlib.import_module(module_name), attribute)
            continue
        module = importlib.import_module(target)
        yield target, module
        if ":no-members:" in options:
            continue
        excluded = re.search(r":exclude-members:([^\n]*)", options)
        skip = {n.strip() for n in excluded.group(1).split(",")} if excluded else set()
        for member in getattr(module, "__all__", []):
            value = getattr(module, member)
            if member not in skip and (inspect.isroutine(value) or inspect.isclass(value)):
                yield f"{target}.{member}", value


def docstring_examples(text: str) -> List[doctest.DocTest]:
    """The doctests of the docstrings an API reference page shows (a class's with its
    methods'), each run with the globals of the module that defines it, as
    ``doctest.testmod`` of that module would."""
    tests: Dict[str, doctest.DocTest] = {}
    for name, value in documented_objects(text):
        is_module = isinstance(value, ModuleType)
        home = value if is_module else inspect.getmodule(value)
        # A module's own docstring only: its members are the page's to list.
        finder = doctest.DocTestFinder(recurse=not is_module, exclude_empty=True)
        for test in finder.find(value, name, module=False,
                                globs=dict(vars(home)) if home is not None else {}):
            tests.setdefault(test.name, test)
    return list(tests.values())


def page_problems(page: Path, prose_only: Dict[str, str]) -> List[str]:
    """What is wrong with one page: no example and not listed as prose only, listed but
    holding examples, or examples that fail (with doctest's report, or the failing notebook
    cell and its traceback)."""
    text = page.read_text(encoding="utf-8")
    name = page.relative_to(DOCS).as_posix() if page.is_relative_to(DOCS) else page.name
    cells = notebook_cells(text)
    if cells is not None:
        if name in prose_only:
            return [f"{name} is listed in PROSE_ONLY but is a notebook of {len(cells)} code "
                    f"cells: remove it from the list so that they run"]
        if not cells:
            return [f"{name} is a notebook without a code cell: add one, or make it a page"]
        return run_cells(name, cells)
    if AUTODOC.search(text):
        tests = docstring_examples(text)
        what = "examples in the docstrings it shows"
    else:
        tests = [doctest.DocTestParser().get_doctest(text, {"__name__": "__main__"}, name,
                                                     str(page), 0)]
        what = "examples"
    examples = sum(len(t.examples) for t in tests)
    if not examples:
        if name in prose_only:
            return []
        return [f"{name} has no example that runs (`>>>`): add one, or list the page in "
                f"PROSE_ONLY with the reason it has none"]
    if name in prose_only:
        return [f"{name} is listed in PROSE_ONLY but has {examples} {what}: "
                f"remove it from the list so that they run"]
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    failed = sum(runner.run(test, out=report.write).failed for test in tests)
    return [f"{name}: {failed} of {examples} {what} failed\n{report.getvalue()}"] \
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


NOTEBOOK = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A notebook

```{code-cell} ipython3
total = 1 + 1
open("written.txt", "w").close()
```

```{code-cell} ipython3
:tags: [remove-cell]

assert total == CHECK
```
"""


def test_a_notebook_runs_its_cells_in_one_namespace(tmp_path):
    page = tmp_path / "notebook.md"
    page.write_text(NOTEBOOK.replace("CHECK", "2"), encoding="utf-8")
    assert notebook_cells(page.read_text(encoding="utf-8")) == [
        'total = 1 + 1\nopen("written.txt", "w").close()\n', "assert total == 2\n"]
    assert page_problems(page, PROSE_ONLY) == []
    assert not (Path.cwd() / "written.txt").exists()  # a cell's file goes to a scratch directory


def test_the_check_fails_a_failing_notebook_cell_and_a_notebook_listed_as_prose(tmp_path):
    page = tmp_path / "notebook.md"
    page.write_text(NOTEBOOK.replace("CHECK", "3"), encoding="utf-8")
    problems = page_problems(page, PROSE_ONLY)
    assert len(problems) == 1 and "cell 2 of 2 failed" in problems[0]
    assert "AssertionError" in problems[0]
    listed = page_problems(page, {"notebook.md": "said to be prose, but it is not"})
    assert len(listed) == 1 and "is a notebook of 2 code cells" in listed[0]
    empty = tmp_path / "empty.md"
    empty.write_text(NOTEBOOK.split("```{code-cell}")[0], encoding="utf-8")
    assert "without a code cell" in page_problems(empty, PROSE_ONLY)[0]


def test_an_api_page_runs_the_examples_of_the_docstrings_it_shows(tmp_path, monkeypatch):
    (tmp_path / "shown.py").write_text(
        '"""A module.\n\n>>> 1 + 1\n2\n"""\n__all__ = ["right", "Thing", "LIMIT"]\nLIMIT = 3\n\n\n'
        'def right():\n    """>>> right()\n    1\n    """\n    return 1\n\n\n'
        'def wrong():\n    """>>> wrong()\n    1\n    """\n    return 2\n\n\n'
        'class Thing:\n    def method(self):\n        """>>> Thing().method()\n        3\n'
        '        """\n        return LIMIT\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    page = tmp_path / "shown_api.md"
    page.write_text("# `shown`\n\n```{eval-rst}\n.. automodule:: shown\n```\n", encoding="utf-8")
    # The module's docstring, right() and Thing.method: three examples, all passing.
    assert sorted(t.name for t in docstring_examples(page.read_text(encoding="utf-8"))) == [
        "shown", "shown.Thing.method", "shown.right"]
    assert page_problems(page, PROSE_ONLY) == []
    page.write_text("```{eval-rst}\n.. automodule:: shown\n   :no-members:\n\n"
                    ".. autofunction:: shown.wrong\n```\n", encoding="utf-8")
    problems = page_problems(page, PROSE_ONLY)
    assert len(problems) == 1
    assert "1 of 2 examples in the docstrings it shows failed" in problems[0]
    assert "Failed example:\n    wrong()" in problems[0] and "Got:\n    2" in problems[0]
    page.write_text("```{eval-rst}\n.. automodule:: shown\n   :no-members:\n```\n"
                    .replace("shown", "json.tool"), encoding="utf-8")
    assert "has no example that runs" in page_problems(page, PROSE_ONLY)[0]


def test_sources_are_cited_by_title_everywhere():
    # A reader sees the source documents by their titles (sources.md lists them), never by a
    # working file name or number, in the library, its docs, its messages or its tests.
    root = Path(__file__).resolve().parents[2]
    numbered = re.compile(r"\bseed[ _-]?0\d\d\b|shared" + "/seeds", re.IGNORECASE)  # not itself
    found = []
    for folder in ("include", "src", "python", "docs", "benchmarks", "tests"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and path.suffix in {".hpp", ".cpp", ".py", ".pyi", ".md", ".json",
                                                  ".txt", ".cmake", ".css"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                found += [f"{path.relative_to(root)}:{text.count(chr(10), 0, m.start()) + 1}"
                          for m in numbered.finditer(text)]
    for name in ("README.md", "CHANGELOG.md", "CMakeLists.txt", "Makefile", "pyproject.toml"):
        text = (root / name).read_text(encoding="utf-8")
        found += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}" for m in numbered.finditer(text)]
    assert not found, found
