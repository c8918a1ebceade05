"""How the package is built elsewhere: CMake's message when a dependency is missing, the
conda recipe and the wheel configuration kept in step with pyproject.toml."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[2]
PLATFORMS = ("Debian, Ubuntu:", "Fedora:", "macOS (Homebrew):", "conda:")


def pyproject() -> Dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def cmake() -> str:
    beside = Path(sys.executable).with_name("cmake")
    found = str(beside) if beside.exists() else shutil.which("cmake")
    if found is None:
        pytest.skip("no cmake on PATH or beside this Python")
    return found


@pytest.mark.parametrize("missing", [("Boost",), ("nlohmann_json",), ("ZLIB",),
                                     ("Boost", "nlohmann_json", "ZLIB")])
def test_a_missing_dependency_stops_cmake_with_one_message(tmp_path, missing):
    flags = [f"-DCMAKE_DISABLE_FIND_PACKAGE_{name}=TRUE" for name in missing]
    run = subprocess.run([cmake(), "-S", str(ROOT), "-B", str(tmp_path / "build"), *flags],
                         capture_output=True, text=True)
    assert run.returncode != 0
    text = " ".join(run.stderr.split())  # CMake wraps the message's lines
    names = {"Boost": "Boost.Graph (1.74 or later)", "nlohmann_json": "nlohmann/json (3.11 or later)",
             "ZLIB": "zlib"}
    assert f"coproduction needs {', '.join(names[n] for n in missing)}, which CMake did not find" in text
    for platform in PLATFORMS:
        assert platform in text
    assert text.count("CMake Error") == 1  # one message, not one per package


def test_the_conda_recipe_has_pyprojects_version_and_dependencies():
    recipe = yaml.safe_load((ROOT / "recipe" / "recipe.yaml").read_text(encoding="utf-8"))
    project = pyproject()["project"]
    assert recipe["context"]["version"] == project["version"]
    run: List[str] = recipe["requirements"]["run"]
    python_bound = project["requires-python"]
    assert f"python {python_bound}" in run
    assert sorted(r for r in run if not r.startswith("python")) == sorted(
        re.sub(r"([<>=!~]+)", r" \1", d, count=1) for d in project["dependencies"])
    host = " ".join(recipe["requirements"]["host"])
    for package in ("libboost-headers >=1.74", "nlohmann_json >=3.11", "zlib", "pybind11 >=2.11",
                    "scikit-build-core >=0.10"):
        assert package in host
    assert (ROOT / recipe["about"]["license_file"]).exists()


def test_wheels_are_built_for_cpython_310_to_314_on_every_platform():
    config = pyproject()
    wheels = config["tool"]["cibuildwheel"]
    assert wheels["build"].split() == [f"cp3{minor}-*" for minor in range(10, 15)]
    assert config["project"]["requires-python"] == ">=3.10"
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "wheels.yml").read_text(encoding="utf-8"))
    runners = workflow["jobs"]["wheels"]["strategy"]["matrix"]["os"]
    # Linux x86_64 and aarch64, macOS on Intel and Apple silicon, Windows: each on a runner
    # of its own architecture, so no job emulates another.
    assert {"ubuntu-latest", "ubuntu-24.04-arm", "macos-13", "macos-14", "windows-latest"} <= set(runners)
    steps = " ".join(str(step.get("uses", "")) for step in workflow["jobs"]["wheels"]["steps"])
    assert "pypa/cibuildwheel" in steps
    # Every file the wheel jobs run exists.
    assert (ROOT / ".github" / "install-dependencies.sh").exists()
    for command in wheels["test-command"]:
        for part in command.split():
            if part.startswith("{project}/"):
                assert (ROOT / part.replace("{project}/", "")).exists(), part


@pytest.mark.parametrize("platform, tag", [("linux", "manylinux_x86_64"), ("windows", "win_amd64")])
def test_cibuildwheel_reads_the_settings_and_selects_every_cpython(platform, tag):
    # cibuildwheel itself parses pyproject.toml's settings and lists what it would build on
    # this machine's architecture (Linux) and on Windows; no container or runner is needed.
    program = Path(sys.executable).with_name("cibuildwheel")
    if not program.exists():
        pytest.skip("cibuildwheel is not installed (pip install '.[test]')")
    listed = subprocess.run([str(program), "--print-build-identifiers", "--platform", platform],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "CIBW_ARCHS_LINUX": "x86_64"})
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == [f"cp3{minor}-{tag}" for minor in range(10, 15)]
