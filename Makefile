# Two commands do everything on a fresh machine:
#   make demo   installs, then writes the example maps and the comparison from the bundled data
#   make test   installs (including Debian's chromium for the browser tests), then runs every check
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint chromium bench

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

demo: $(VENV)/.installed
	$(VENV)/bin/corridor route Damascus Baghdad --as-of 2025-07-01 --map maps/damascus-baghdad.html
	$(VENV)/bin/corridor compare Damascus Baghdad --as-of 2025-07-01 --close al-qaim --map maps/al-qaim-closed.html --png maps/al-qaim-closed.png
	$(VENV)/bin/corridor map --out maps/corridor.html --as-of 2025-07-01

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: $(VENV)/.installed chromium lint
	$(PY) benchmarks/scale.py --quick
	$(PY) -m pytest -n 2

bench: $(VENV)/.installed chromium
	$(PY) benchmarks/scale.py
	$(PY) benchmarks/whatif.py
