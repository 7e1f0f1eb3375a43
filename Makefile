# Two entry points, both from a fresh clone: `make demo` and `make test`.
# torch is pinned and installed first: 2.13.0 resolves to the local CPU wheel, while an
# unpinned torch would pull several GB of CUDA packages.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint check

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[tui,dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup  ## index the bundled sample, show one answer, then open the chat
	$(BIN)/rag index
	$(BIN)/rag ask "Who said the US is training militants at al-Tanf?"
	$(BIN)/rag chat

lint: setup  ## ruff (lint + format) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup lint  ## the whole suite, as CI runs it
	$(BIN)/python -m pytest -q
