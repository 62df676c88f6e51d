# communique: `make demo` and `make test` work on a fresh machine (Python 3.11+).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE ?= demo-store/demo.duckdb
PORT ?= 8000
CLI := COMMUNIQUE_STORE=$(DEMO_STORE) $(BIN)/communique

.PHONY: install demo test lint bench clean browser serve screenshots train

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
	$(CLI) stories --limit 5
	$(CLI) relations ARM
	$(CLI) dyad NATO ARM --by month
	$(BIN)/communique evaluate data/acceptance/seeds.gold.json
	@echo "Serving the demo store: open http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(CLI) serve --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks

browser:
	bash scripts/ensure_browser.sh

test: install lint browser
	$(BIN)/python -m pytest

screenshots: install browser
	$(BIN)/python scripts/screenshots.py --store $(DEMO_STORE)

# Rebuild the trained components from the gold set's dev split (deterministic: fixed
# seeds); the test suite checks that the shipped files match the annotations. In order:
# the pronoun filter (it depends on no trained component), the description detector
# (its mentions are antecedents the coreference ranker sees), the coreference ranker,
# then the speaker ranker (its candidates are those mentions), and last the event scorer
# (trained on the event gold's train split; its candidates come from all of the above).
train: install
	$(BIN)/python -m communique.actors.train_anaphoricity data/gold
	$(BIN)/python -m communique.actors.train_descriptions data/gold
	$(BIN)/python -m communique.actors.train_coref data/gold
	$(BIN)/python -m communique.quotes.train_speakers data/gold
	$(BIN)/python -m communique.events.train_scorer data/gold

bench: install
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) demo-store .pytest_cache
