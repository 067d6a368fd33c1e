# Two commands do everything on a fresh machine:
#   make demo   installs, then writes the example maps and the comparison into out/
#   make test   installs (including Debian's chromium for the browser tests), then runs every check
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet -c constraints.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint deps bench mutation

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PIP) -e '.[test]'
	touch $@

# System packages the tests need: Debian's Chromium for the browser tests.
deps:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

out:
	mkdir -p out

demo: $(VENV)/.installed | out
	$(VENV)/bin/corridor route Damascus Baghdad --as-of 2025-07-01 --map out/damascus-baghdad.html
	$(VENV)/bin/corridor compare Damascus Baghdad --as-of 2025-07-01 --close al-qaim --map out/al-qaim-closed.html --png out/al-qaim-closed.png
	$(VENV)/bin/corridor map --out out/corridor.html --as-of 2025-07-01

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: $(VENV)/.installed deps lint
	$(PY) benchmarks/scale.py --quick
	$(PY) benchmarks/osm.py --quick
	$(PY) -m pytest -n 2

bench: $(VENV)/.installed deps
	$(PY) benchmarks/scale.py
	$(PY) benchmarks/whatif.py
	$(PY) benchmarks/osm.py

# Mutation testing of the rule-bearing modules (outside `make test`; see docs/testing.md).
mutation: $(VENV)/.installed deps
	$(PIP) -e '.[test,mutation]'
	rm -rf mutants
	HYPOTHESIS_PROFILE=mutation $(VENV)/bin/mutmut run --max-children 2
	$(VENV)/bin/mutmut results
	$(PY) -m pytest -q tests/maps/test_engine_mutants.py
