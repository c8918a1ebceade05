"""A new user's first five lines, with the public API only, each result checked against an
independent computation: load the example, decision power by group, the ladder, a Lorenz
curve, the report."""

import html.parser
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import coproduction as cp  # noqa: E402


def _gini(values):
    """Gini's mean absolute difference over twice the mean (Gini 1912), written out."""
    x = np.asarray(values, dtype=float)
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())


class _Text(html.parser.HTMLParser):
    """The text of a page and the ids of its sections."""

    def __init__(self):
        super().__init__()
        self.text, self.sections = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append(dict(attrs).get("id"))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_the_five_line_journey(tmp_path):
    net = cp.examples.load("twam_partners_2013")
    shares = cp.power.power_shares(net, by="role")
    ladder = cp.ladder.classify_all(net)
    ax = cp.plot.lorenz(net)
    page = cp.report(net, tmp_path / "report.html")

    # 1. The example: the stakeholders and projects its JSON file lists.
    document = json.loads((Path(cp.__file__).parent / "data" / "twam_partners_2013.json")
                          .read_text(encoding="utf-8"))
    assert list(net.stakeholders.index) == [s["id"] for s in document["stakeholders"]]
    assert list(net.projects.index) == [p["id"] for p in document["projects"]]

    # 2. Each role's share is the sum of its members' decision power, over everybody's.
    people = net.stakeholders[net.stakeholders["kind"] != "object"]
    power = cp.power.decision_power(net, by="all")["all"].reindex(people.index)
    by_role = power.groupby(people["role"].fillna("not coded")).sum() / power.sum()
    pd.testing.assert_series_equal(shares["power"].sort_index(), by_role.sort_index(),
                                   check_names=False, check_index_type=False, check_dtype=False)
    heads = people["size"].fillna(1)
    head_share = heads.groupby(people["role"].fillna("not coded")).sum() / heads.sum()
    pd.testing.assert_series_equal(shares["people"].sort_index(), head_share.sort_index(),
                                   check_names=False, check_index_type=False, check_dtype=False)
    assert shares.loc["service_user", "parity"] == pytest.approx(
        by_role["service_user"] / head_share["service_user"])

    # 3. The ladder: every project, with the type the institution claims.
    assert list(ladder.index) == list(net.projects.index)
    assert ladder.loc["reminiscence", "claimed"] == net.projects.loc["reminiscence", "claimed"]
    assert ladder.loc["reminiscence", "type"] == cp.ladder.classify(net, "reminiscence").type

    # 4. The Lorenz curve: the people's power, sorted, cumulated; its Gini in the legend.
    equality, curve = ax.get_lines()[:2]
    x, y = curve.get_data()
    ordered = np.sort(power.to_numpy())
    np.testing.assert_allclose(y, np.concatenate([[0], np.cumsum(ordered)]) / ordered.sum())
    np.testing.assert_allclose(x, np.arange(len(ordered) + 1) / len(ordered))
    assert curve.get_label() == f"all (Gini {_gini(ordered):.3f})"

    # 5. The report: a file, each section there, the Gini and the shares as printed above.
    reader = _Text()
    reader.feed(page.read_text(encoding="utf-8"))
    text = " ".join(reader.text)
    assert {"summary", "power", "ladder", "tokenism", "scorecard", "structure", "data",
            "sources"} <= set(reader.sections)
    assert cp.__version__ in text
    assert f"{_gini(ordered):.3f}" in text
