# The two commands: `make demo` and `make test`. Each sets itself up on a fresh Debian
# machine: missing Debian packages (installed with apt-get when run as root), a virtual
# environment in .venv, and the package installed into it with its test extras.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEBIAN_PACKAGES := g++ make libboost-graph-dev nlohmann-json3-dev libgtest-dev
SOURCES := $(shell find include src python -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.py' -o -name '*.json' -o -name '*.pyi' -o -name 'py.typed' \) 2>/dev/null) CMakeLists.txt pyproject.toml

.PHONY: demo test test-cpp test-python deps clean

demo: $(VENV)/.installed
	$(PY) -m coproduction demo

test: test-cpp test-python

test-cpp: $(VENV)/.tools
	$(VENV)/bin/cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCOPRODUCTION_BUILD_TESTS=ON -DCMAKE_MAKE_PROGRAM=$(abspath $(VENV))/bin/ninja
	$(VENV)/bin/cmake --build build/cpp -j $(JOBS)
	cd build/cpp && ../../$(VENV)/bin/ctest --output-on-failure -j $(JOBS)

test-python: $(VENV)/.installed
	$(PY) -m pytest

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; install them with:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	  else echo "missing python3-venv; install it with:"; echo "  sudo apt-get install -y python3-venv"; exit 1; fi; }

# Build tools; redone when pyproject.toml changes.
$(VENV)/.tools: pyproject.toml | deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "scikit-build-core>=0.10" "pybind11>=2.11" cmake ninja
	touch $@

# The package with its test extras (pyproject.toml lists them), rebuilt incrementally
# (build/ keeps the CMake tree) when a source changes.
$(VENV)/.installed: $(VENV)/.tools $(SOURCES)
	$(PY) -m pip install -q --no-build-isolation ".[test]"
	touch $@

clean:
	rm -rf build $(VENV)
