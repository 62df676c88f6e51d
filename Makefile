# communique: `make demo` and `make test` work on a fresh machine (Python 3.11+).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE ?= demo-store/demo.duckdb
CLI := COMMUNIQUE_STORE=$(DEMO_STORE) $(BIN)/communique

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(CLI) ingest data/seeds data/corpus
	$(CLI) status
	$(CLI) articles --limit 8
	$(CLI) actors Stoltenberg
	$(CLI) events --dyad NATO ARM
	$(CLI) quotes --limit 8
	$(BIN)/communique evaluate data/acceptance/seeds.gold.json

lint: install
	$(BIN)/ruff check src tests benchmarks

test: install lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) demo-store .pytest_cache
