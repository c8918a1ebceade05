"""The repaired wheel (``make wheel``: ``pip wheel``, then ``auditwheel repair``) installs into a
fresh virtual environment from binaries alone and runs the README quickstart and the demo.

The environment is made with ``python -m venv`` (no system site packages, no access to the
clone's build or sources); pip may take only wheels (``--only-binary :all:``), and ``CC``,
``CXX`` and the PATH leave it no compiler to call, so nothing can be built from source there:
what runs is what the wheel holds. Its dependencies come from the package index (or pip's
cache).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEELS = sorted((ROOT / "build" / "wheel").glob("coproduction-*-manylinux*.whl"))


def quickstart() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python quickstart"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.skipif(not WHEELS, reason="no repaired wheel in build/wheel: `make wheel` makes it "
                                       "(make test does)")
def test_the_repaired_wheel_runs_the_quickstart_and_the_demo_in_a_fresh_environment(tmp_path):
    [wheel] = WHEELS
    assert "manylinux" in wheel.name
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # No compiler on the PATH or in the environment: only the venv and the base system tools.
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": os.environ.get("HOME", str(tmp_path)),
           "CC": "/bin/false", "CXX": "/bin/false", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
           "MPLBACKEND": "Agg", "LANG": "C.UTF-8"}
    for variable in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE"):
        if variable in os.environ:
            env[variable] = os.environ[variable]
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--only-binary", ":all:",
                              f"{wheel}[plot]"], env=env, cwd=tmp_path, capture_output=True,
                             text=True)
    assert install.returncode == 0, install.stderr
    where = subprocess.run([str(python), "-c", "import coproduction, coproduction._core as c; "
                            "print(coproduction.__file__); print(c.__file__)"],
                           env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    for path in where.stdout.split():
        assert Path(path).is_relative_to(venv), path  # the wheel's files, not the clone's
    run = subprocess.run([str(python), "-c", quickstart()], env=env, cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "film_theme" in run.stdout and "service_user" in run.stdout
    demo = subprocess.run([str(venv / "bin" / "coproduction"), "demo"], env=env, cwd=tmp_path,
                          capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith("Network: 28 stakeholders, 77 relations, 1 project, 7 decisions")
    assert "Written back out as JSON: build/demo/twam_partners_2013.json" in demo.stdout
    assert (tmp_path / "build" / "demo" / "twam_partners_2013.json").exists()
