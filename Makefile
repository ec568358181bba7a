# The two commands of the quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test install dev clean benchmark-clustering

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(STAMP)
dev: $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/storyline demo --db storyline-demo.db

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

benchmark-clustering: $(STAMP)
	$(BIN)/storyline eval clustering ../shared/data/clustering/dev.jsonl.gz

clean:
	rm -rf $(VENV) storyline-demo.db* .pytest_cache
