"""The package is typed: ``mypy --strict`` passes on it (stubs of the compiled core included)
and on user code written against it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

USER_CODE = textwrap.dedent('''
    import pandas as pd
    import coproduction as cp

    def partner_parity(path: str) -> float:
        net: cp.Network = cp.read_json(path)
        shares: pd.DataFrame = cp.power.power_shares(net, by="convenor")
        parity: pd.Series = shares["parity"]
        return float(parity.to_numpy()[shares.index.get_loc("partner")])

    def busiest(net: cp.Network) -> str:
        degree: pd.Series = cp.metrics.centrality(net, "degree", layer="informs")
        return str(degree.idxmax())

    def build() -> cp.Network:
        net = cp.Network()
        net.add_stakeholder("outreach", kind="group", convenor=True)
        net.add_stakeholder("users", kind="group", size=9)
        net.add_relation("users", "outreach", "trusts", weight=2.0)
        try:
            net.add_relation("users", "nhs", "trusts")
        except cp.ModelError as err:
            print(err.where, err.field)
        return net
''')


def mypy(*args: str, cwd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *args],
                          capture_output=True, text=True, cwd=cwd)


def test_package_passes_mypy_strict(tmp_path):
    # Run outside the source tree, so the installed package (with py.typed) is checked.
    result = mypy("-p", "coproduction", cwd=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_user_code_passes_mypy_strict(tmp_path):
    (tmp_path / "user.py").write_text(USER_CODE)
    result = mypy("user.py", cwd=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    # And a mistake in user code is caught.
    (tmp_path / "wrong.py").write_text("import coproduction as cp\ncp.Network().add_stakeholder(3)\n")
    assert mypy("wrong.py", cwd=str(tmp_path)).returncode != 0
