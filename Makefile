# `make demo` and `make test` are the README's two commands: each sets everything up
# (a virtualenv in .venv with the project and its dev tools) and then runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= archive.db

.PHONY: install demo test bench clean browser

$(STAMP): setup.cfg setup.py pyproject.toml pipelines/store/_bigrams.c pipelines/store/_rank.c
	@test -f /usr/include/sqlite3ext.h || (apt-get update && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y libsqlite3-dev) || echo "no SQLite headers: search ranks with bm25"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsarchive demo --db $(DB)

# the datasette browser test drives Debian's headless chromium (+ a Korean font)
browser:
	command -v chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-nanum)

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/archive.py --quick

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
