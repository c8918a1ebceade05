"""Sphinx configuration of the coproduction documentation.

Build (from the repository root, with the package installed in .venv):

    .venv/bin/python -m sphinx -W --keep-going -b html docs build/docs/html

The build needs no network: no intersphinx inventories, no remote images, no theme or script
from a CDN (the built-in alabaster theme; formulas are shown as their TeX source, see
"Formulas without a script" below). Warnings are errors (``-W``), so a broken link, an unresolved
heading anchor, a page left out of every table of contents or a docstring that is not valid
reStructuredText fails the build. The tutorial is a MyST-NB text notebook, run at every build
by a real Jupyter kernel (the ``python3`` kernel of the same environment); an error in any of
its cells fails the build.
"""

from __future__ import annotations

import html
import inspect
from typing import Any

import coproduction

# -- Project -------------------------------------------------------------------------------

project = "coproduction"
author = "The coproduction authors"
copyright = "The coproduction authors; BSD-3-Clause licence"
release = coproduction.__version__
version = ".".join(release.split(".")[:2])

# -- Sources -------------------------------------------------------------------------------

extensions = [
    "myst_nb",  # Markdown pages (MyST) and executed notebooks; loads myst_parser itself
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

root_doc = "index"
# schema/ holds the JSON Schema, offered as a download from format.md, not a page.
exclude_patterns = ["_build", "schema", "**.ipynb_checkpoints", "jupyter_execute"]

# Links between pages are written as in a plain Markdown reader (GitHub):
# [power.md](power.md#decision-weighting). Anchors are the GitHub slugs of headings up to
# level 3, which is as deep as any page links.
myst_heading_anchors = 3

# -- Notebooks -----------------------------------------------------------------------------

# Run every notebook at every build, on a real kernel, and fail on the first error: the
# pictures and numbers of the tutorial are always those of the code as it is.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 600  # seconds per cell; the whole tutorial takes a few seconds
nb_merge_streams = True
# Run in a fresh temporary directory: a file the notebook writes (the tutorial's report.html)
# never lands among the sources.
nb_execution_in_temp = True

# -- API reference (autodoc, numpy-style docstrings) ---------------------------------------

autodoc_default_options = {
    "members": True,
    "member-order": "bysource",
    "undoc-members": False,
}
# The docstrings give every type in words (Parameters / Returns); the annotations in the
# signature would repeat them in Python's longest spelling.
autodoc_typehints = "none"
autodoc_preserve_defaults = True
napoleon_google_docstring = False
napoleon_numpy_docstring = True
# Types stay words ("sequence of labels, or list of groups"): as cross-references each word
# would link to whatever attribute happens to share its name.
napoleon_use_param = False
napoleon_use_rtype = False
napoleon_use_ivar = True

# -- HTML ----------------------------------------------------------------------------------

html_theme = "alabaster"
html_title = f"coproduction {release}"
html_theme_options = {
    "description": "Where power sits in a co-production partnership",
    "fixed_sidebar": False,
    "show_relbars": True,
    "page_width": "1120px",
    "sidebar_width": "240px",
}
html_sidebars = {"**": ["about.html", "navigation.html", "relations.html", "searchbox.html"]}
# alabaster links _static/custom.css from every page: light tables for the notebook outputs.
html_static_path = ["_static"]
html_show_sourcelink = False
html_copy_source = False
html_math_renderer = "text"  # defined in setup() below


# -- Formulas without a script -------------------------------------------------------------
#
# Sphinx draws formulas with MathJax, fetched from a CDN when a page is opened. These pages
# make no request at all, so a formula is shown as its TeX source instead, in a code span
# (a handful of docstrings have formulas; docs/*.md write theirs as code already).

def _inline_math(self: Any, node: Any) -> None:
    self.body.append(f'<code class="math">{html.escape(node.astext())}</code>')
    raise _skip_node()


def _block_math(self: Any, node: Any) -> None:
    self.body.append(f'<pre class="math">{html.escape(node.astext())}</pre>\n')
    raise _skip_node()


def _skip_node() -> Exception:
    from docutils import nodes
    return nodes.SkipNode()


# -- Constants and properties -------------------------------------------------------------
#
# A constant without a ``#:`` comment (the format's vocabularies: KINDS, RIGHTS, ...) would
# show the docstring of its type ("Built-in immutable sequence. ..."): it shows its value
# only. The comment of a constant and the docstring of a property are prose, but napoleon
# reads a first line "X: Y" as the type X ("Limits of the reader: nesting depth ..." would
# become "Type: Limits of the reader"): the sentence is put back together.

def _no_docstring_of_the_type(app: Any, what: str, name: str, obj: Any, options: Any,
                              lines: list[str]) -> None:
    if what in ("data", "attribute") and lines and not isinstance(obj, type):
        own = inspect.getdoc(type(obj))
        if own is not None and "\n".join(lines).strip() == own.strip():
            lines.clear()


def _no_type_from_prose(app: Any, what: str, name: str, obj: Any, options: Any,
                        lines: list[str]) -> None:
    if what not in ("data", "attribute", "property") or not lines or \
            not lines[-1].startswith(":type: "):
        return
    words = lines.pop()[len(":type: "):]
    while lines and not lines[-1].strip():
        lines.pop()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        lines.append(words)
    else:
        lines[first] = f"{words}: {lines[first]}"


def setup(app: Any) -> None:
    app.add_html_math_renderer("text", (_inline_math, None), (_block_math, None))
    # One before napoleon (priority 500), one after it.
    app.connect("autodoc-process-docstring", _no_docstring_of_the_type, priority=400)
    app.connect("autodoc-process-docstring", _no_type_from_prose, priority=600)
