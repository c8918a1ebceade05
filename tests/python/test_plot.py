"""cp.plot draws what the data say: checked on the artists (lines, patches, texts, legends),
never on pixels."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Rectangle  # noqa: E402

import coproduction as cp  # noqa: E402
from coproduction.network import RIGHTS, STAGES  # noqa: E402


@pytest.fixture(autouse=True)
def _no_show_and_close(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a plot called plt.show()")
    monkeypatch.setattr(plt, "show", refuse)
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def twam():
    return cp.examples.load("twam_partners_2013")


@pytest.fixture(scope="module")
def nml():
    return cp.examples.load("nml_collaboration_types")


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


# --- the package does not import matplotlib ------------------------------------------------

def test_importing_the_package_does_not_import_matplotlib():
    code = ("import sys, coproduction as cp; assert 'matplotlib' not in sys.modules; "
            "assert 'plot' in cp.__all__ and 'plot' in dir(cp); "
            "assert 'matplotlib' not in sys.modules; "
            "import matplotlib; matplotlib.use('Agg'); cp.plot.lorenz([1, 2, 3]); "
            "assert 'matplotlib' in sys.modules; print('ok')")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_an_unknown_attribute_still_raises():
    with pytest.raises(AttributeError, match="no_such_thing"):
        cp.no_such_thing  # noqa: B018


# --- ax given or created, never shown ---------------------------------------------------------

def _calls(net):
    return [
        lambda ax: cp.plot.lorenz(net, by="role", ax=ax),
        lambda ax: cp.plot.power_shares(net, ax=ax),
        lambda ax: cp.plot.rights_matrix(net, ax=ax),
        lambda ax: cp.plot.ladder(net, ax=ax),
        lambda ax: cp.plot.centralization(net, ax=ax),
    ]


@pytest.mark.parametrize("which", range(5))
def test_each_plot_returns_the_given_axes_or_a_new_one(twam, which):
    call = _calls(twam)[which]
    _, ax = plt.subplots()
    assert call(ax) is ax
    before = set(plt.get_fignums())
    made = call(None)
    assert made is not ax and made.figure.number not in before


# --- Lorenz ----------------------------------------------------------------------------------

def test_lorenz_of_a_network_is_decision_power_with_its_gini(twam):
    ax = cp.plot.lorenz(twam)
    power = cp.power.decision_power(twam, by="all")["all"]
    # The people only, as power_shares counts them: the two collection objects are nobody.
    power = power[(twam.stakeholders["kind"] != "object").to_numpy()].to_numpy()
    assert len(power) == 26
    equality, curve = ax.get_lines()
    assert list(equality.get_xdata()) == [0, 1] and list(equality.get_ydata()) == [0, 1]
    # Hand computation: cumulative shares of the sorted powers.
    expected = np.concatenate([[0], np.cumsum(np.sort(power))]) / power.sum()
    np.testing.assert_allclose(curve.get_ydata(), expected)
    np.testing.assert_allclose(curve.get_xdata(), np.arange(len(power) + 1) / len(power))
    assert legend_texts(ax) == ["equality", f"all (Gini {cp.metrics.gini(power):.3f})"]


def test_lorenz_by_group_has_one_curve_and_one_gini_per_group(twam):
    ax = cp.plot.lorenz(twam, by="convenor")
    people = (twam.stakeholders["kind"] != "object").to_numpy()
    power = cp.power.decision_power(twam, by="all")["all"][people]
    convenor = twam.stakeholders["convenor"].fillna(False).astype(bool)[people]
    texts = legend_texts(ax)
    assert texts[0] == "equality" and len(ax.get_lines()) == 3
    for text, side in zip(texts[1:], ["convenor", "partner"]):
        values = power[convenor] if side == "convenor" else power[~convenor]
        match = re.fullmatch(rf"{side} \(Gini (\d\.\d+)\)", text)
        assert match, text
        assert float(match.group(1)) == pytest.approx(cp.metrics.gini(values), abs=5e-4)


def test_lorenz_of_values_equal_values_lie_on_the_diagonal():
    ax = cp.plot.lorenz([2.0, 2.0, 2.0, 2.0])
    curve = ax.get_lines()[1]
    np.testing.assert_allclose(curve.get_ydata(), curve.get_xdata())
    assert legend_texts(ax)[1] == "all (Gini 0.000)"
    # One holds all: the curve stays at 0 until the last point.
    ax = cp.plot.lorenz([0.0, 0.0, 0.0, 5.0])
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [0, 0, 0, 0, 1])
    assert legend_texts(ax)[1] == "all (Gini 0.750)"


def test_lorenz_group_holding_nothing_has_no_curve(twam):
    ax = cp.plot.lorenz(twam, by="role")
    groups = cp.power.power_shares(twam, by="role")  # same groups, sorted
    texts = legend_texts(ax)
    lines = ax.get_lines()
    # the equality line plus one line per role present among all stakeholders
    roles = twam.stakeholders["role"]
    assert len(lines) == 1 + roles.fillna("not coded").nunique()
    empty = [t for t in texts if t.endswith("holds none, no curve")]
    assert {t.split(":")[0] for t in empty} >= {g for g in groups.index
                                               if groups.loc[g, "power"] == 0}
    for line, text in zip(lines[1:], texts[1:]):
        assert (len(line.get_xdata()) == 0) == text.endswith("no curve")


# --- power shares ----------------------------------------------------------------------------

def test_power_shares_points_are_the_shares_and_the_parity_line_is_y_equals_x(twam):
    ax = cp.plot.power_shares(twam, by="role")
    table = cp.power.power_shares(twam, by="role")
    parity = ax.get_lines()[0]
    x, y = parity.get_xdata(), parity.get_ydata()
    assert x[0] == y[0] == 0 and x[1] == y[1] > 0
    assert legend_texts(ax)[0].startswith("parity")
    (points,) = ax.collections
    np.testing.assert_allclose(points.get_offsets(),
                               np.column_stack([table["people"], table["power"]]))
    # Above the line in red, below in blue.
    colours = [to_hex(c) for c in points.get_facecolors()]
    for colour, (_, row) in zip(colours, table.iterrows()):
        assert colour == ("#b2182b" if row["power"] > row["people"] else "#2166ac")
    names = [t.get_text() for t in ax.texts]
    assert sorted(names) == sorted(table.index)


@pytest.mark.parametrize("k", [5, 13])
def test_power_shares_with_k_draws_the_pooled_groups(twam, k):
    ax = cp.plot.power_shares(twam, by="role", k=k)
    table = cp.privacy.power_shares(twam, "role", k=k)
    every = cp.power.power_shares(twam, by="role")
    assert 0 < len(table) < len(every)
    (points,) = ax.collections
    np.testing.assert_allclose(points.get_offsets(),
                               np.column_stack([table["people"], table["power"]]))
    # The pool's point is the sum of the groups it holds, from the exact table.
    pooled = every.index.difference(table.index)
    label = table.attrs["small_groups"]["label"]
    assert table.at[label, "power"] == pytest.approx(every.loc[pooled, "power"].sum())
    assert sorted(t.get_text() for t in ax.texts) == sorted(table.index)


def test_power_share_labels_stay_inside_and_apart(twam):
    ax = cp.plot.power_shares(twam, by="role")
    ax.figure.canvas.draw()
    _labels_inside_and_apart(ax)


def _labels_inside_and_apart(ax):
    frame = ax.get_window_extent()
    boxes = [t.get_window_extent() for t in ax.texts]
    for box in boxes:
        assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5
        assert frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5
    starts = {(round(b.x0, 1), round(b.y0, 1)) for b in boxes}
    assert len(starts) == len(boxes)  # no two labels at the same place


# --- rights matrix ---------------------------------------------------------------------------

def test_rights_matrix_has_one_cell_per_listed_right_in_its_colour(twam):
    ax = cp.plot.rights_matrix(twam)
    rights = twam.rights
    cells = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(cells) == len(rights)
    counts = {to_hex(c.get_facecolor()): 0 for c in cells}
    for c in cells:
        counts[to_hex(c.get_facecolor())] += 1
    expected = rights["right"].astype(str).value_counts()
    for right, n in expected.items():
        assert counts[cp.plot.RIGHT_COLOURS[right]] == n
    assert len(set(cp.plot.RIGHT_COLOURS.values())) == len(RIGHTS)
    assert legend_texts(ax) == [*RIGHTS, "veto"]
    handles = ax.get_legend().legend_handles
    assert [to_hex(h.get_facecolor()) for h in handles[:len(RIGHTS)]] == \
        [cp.plot.RIGHT_COLOURS[r] for r in RIGHTS]


def test_rights_matrix_cell_of_each_right_sits_at_its_row_and_column(twam):
    ax = cp.plot.rights_matrix(twam)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    cols = [t.get_text().split(" (")[0] for t in ax.get_xticklabels()]
    at = {(round(p.get_x() + 0.5), round(p.get_y() + 0.5)): to_hex(p.get_facecolor())
          for p in ax.patches}
    for (decision, who), row in twam.rights.iterrows():
        assert at[(cols.index(decision), rows.index(who))] == \
            cp.plot.RIGHT_COLOURS[str(row["right"])]


def test_rights_matrix_notes_rules_stages_and_veto(twam):
    ax = cp.plot.rights_matrix(twam)
    decisions = twam.decisions
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    for text in ticks:
        name, rule = text[:-1].split(" (")
        expected = str(decisions.loc[name, "rule"])
        if expected == "quota":
            expected = f"quota {decisions.loc[name, 'quota']:g}"
        assert rule == expected
    # decisions ordered by stage
    stages = [str(decisions.loc[t.split(" (")[0], "stage"]) for t in ticks]
    order = [STAGES.index(s) for s in stages]
    assert order == sorted(order)
    (veto,) = [line for line in ax.get_lines() if line.get_label() == "veto"]
    assert len(veto.get_xdata()) == int(twam.rights["veto"].sum()) == 2
    top = [c for c in ax.child_axes]
    assert len(top) == 1
    assert [t.get_text() for t in top[0].get_xticklabels()] == \
        list(dict.fromkeys(stages))


def test_rights_matrix_of_one_project(nml):
    ax = cp.plot.rights_matrix(nml, project="co_production")
    rights = nml.rights.reset_index()
    rights = rights[rights["decision"].str.startswith("co_production")]
    assert len(ax.patches) == len(rights)
    assert len(ax.get_xticklabels()) == 5
    with pytest.raises(cp.InputError):
        cp.plot.rights_matrix(nml, project="no_such_project")


# --- ladder ----------------------------------------------------------------------------------

def marks(ax):
    """The labelled lines (the lines between projects carry no label)."""
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def test_ladder_marks_claimed_and_computed_rungs(nml, twam):
    for net in (nml, twam):
        ax = cp.plot.ladder(net)
        table = cp.ladder.classify_all(net)
        stage, claimed, computed = marks(ax)
        assert [stage.get_label(), claimed.get_label(), computed.get_label()] == \
            ["stage (its decisions alone)", "claimed", "computed"]
        assert list(computed.get_ydata()) == [cp.plot.RUNGS.index(str(t)) for t in table["type"]]
        assert list(claimed.get_ydata()) == [cp.plot.RUNGS.index(str(t))
                                             for t in table["claimed"].dropna()]
        n_stages = sum(int(cp.ladder.classify(net, p).stages["type"].notna().sum())
                       for p in table.index)
        assert len(stage.get_xdata()) == n_stages
        differ = int((~table["matches_claim"].fillna(True)).sum())
        assert len(ax.texts) == differ  # one arrow (an annotation) per differing claim
        assert [t.get_text() for t in ax.get_yticklabels()] == list(cp.plot.RUNGS)


def test_ladder_on_the_twam_project_claim_differs(twam):
    ax = cp.plot.ladder(twam)
    _, claimed, computed = marks(ax)
    # The Partners' Together Day follow-up report: claimed co-production, computed engagement.
    assert list(claimed.get_ydata()) == [cp.plot.RUNGS.index("co-production")]
    assert list(computed.get_ydata()) == [cp.plot.RUNGS.index("engagement")]


# --- centralization --------------------------------------------------------------------------

def test_centralization_bars_are_the_summary(twam):
    ax = cp.plot.centralization(twam)
    table = cp.metrics.summary(twam)
    assert len(ax.containers) == 3
    assert legend_texts(ax) == ["degree", "betweenness", "closeness"]
    for bars, measure in zip(ax.containers, ["degree", "betweenness", "closeness"]):
        np.testing.assert_allclose([b.get_height() for b in bars],
                                   table[f"{measure}_centralization"].fillna(0).to_numpy())
    assert [t.get_text() for t in ax.get_xticklabels()] == list(table.index)
    assert len(ax.patches) == 3 * len(table)


def test_centralization_of_chosen_layers(twam):
    ax = cp.plot.centralization(twam, layers={"all": None, "trust": ["trusts"]})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["all", "trust"]
    assert len(ax.patches) == 6


# --- network ---------------------------------------------------------------------------------

def test_network_draws_every_node_edge_and_label_inside(twam):
    ax = cp.plot.network(twam)
    positions = cp.layout.positions(twam, method="fruchterman_reingold", include_objects=True,
                                    seed=0)
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    rel = twam.relations
    assert len(arrows) == int((rel["source"] != rel["target"]).sum())
    types = sorted(rel["type"].unique())
    legends = [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]
    assert len(legends) == 2
    assert [t.get_text() for t in legends[1].get_texts()] == types
    roles = twam.stakeholders["role"].fillna("not coded")
    assert [t.get_text() for t in legends[0].get_texts()] == \
        sorted(roles.unique(), key=lambda r: (r == "not coded", r)) + ["object"]
    offsets = np.concatenate([c.get_offsets() for c in ax.collections])
    assert len(offsets) == len(positions)
    # Objects are squares.
    objects = int((twam.stakeholders["kind"] == "object").sum())
    square = [c for c in ax.collections if c.get_label().endswith("(object)")]
    assert sum(len(c.get_offsets()) for c in square) == objects
    assert sorted(t.get_text() for t in ax.texts) == sorted(positions.index)
    ax.figure.canvas.draw()
    _labels_inside_and_apart(ax)
