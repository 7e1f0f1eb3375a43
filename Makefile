# Two entry points, both from a fresh clone: `make demo` and `make test`.
# Installs come from the committed lock, constraints.txt (every package pinned), with the
# venv's own pip. torch is installed first: 2.13.0 resolves to the local CPU wheel, while an
# unpinned torch would pull several GB of CUDA packages. `make lock` refreshes the lock.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := constraints.txt
# Every extra, so that the lock pins everything any install of the project can pull in.
LOCK_EXTRAS := tui,dev,bench,server,mcp,langchain,llamaindex,cluster

.PHONY: setup demo test lint check lock stock-install fuzz

# pip says what it collects and installs (a line a package), so that nobody waits minutes in
# silence; the progress bar itself only on a terminal.
$(STAMP): pyproject.toml $(LOCK)
	@echo "setup 1/3: a virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "setup 2/3: torch (the CPU build), from the lock"
	$(BIN)/python -m pip install --no-color -c $(LOCK) torch==2.13.0
	@echo "setup 3/3: news-rag and its tui and dev extras, from the lock"
	$(BIN)/python -m pip install --no-color -c $(LOCK) -e '.[tui,dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup  ## index the bundled sample, show one answer, then open the chat
	$(BIN)/rag index
	$(BIN)/rag ask "Who said the US is training militants at al-Tanf?"
	$(BIN)/rag chat

# mypy does not read pyproject's package-dir, so it checks a view of the package as the wheel
# lays it out (news_rag/{index,rag,tui,eval} linked to the top-level folders), built under the
# ignored build/ folder; the tracked tree has no links.
TYPECHECK := build/typecheck

lint: setup  ## ruff (lint + format) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/news_rag
	for f in news_rag/*; do ln -s "$(CURDIR)/$$f" $(TYPECHECK)/news_rag/; done
	for d in index rag tui eval; do ln -s "$(CURDIR)/$$d" $(TYPECHECK)/news_rag/$$d; done
	cd $(TYPECHECK) && $(CURDIR)/$(BIN)/mypy --config-file $(CURDIR)/pyproject.toml

test: setup lint  ## the whole suite, as CI runs it
	$(BIN)/python -m pytest -q

# The property tests with a longer budget than CI's: the loader/cleaner fuzz and the index
# state machine (tests/test_fuzz_loaders.py, tests/test_index_state_machine.py), and request
# bodies against the HTTP API for a minute (tests/test_server_bad_input.py).
fuzz: setup  ## hypothesis fuzz of loaders and cleaner, and the index state machine, at length
	RAG_FUZZ_EXAMPLES=20000 RAG_STATE_MACHINE_EXAMPLES=2000 RAG_SERVER_FUZZ_SECONDS=60 \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz_loaders.py \
		tests/test_index_state_machine.py tests/test_server_bad_input.py

lock:  ## re-resolve every dependency afresh in a scratch venv and pin the result
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet torch==2.13.0
	.lock-venv/bin/python -m pip install --quiet -e '.[$(LOCK_EXTRAS)]'
	{ echo "# The lock: every package pinned. Refresh with: make lock"; \
	  echo "# Used as pip constraints (pip install -c constraints.txt ...) by make setup and CI."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude-editable | grep -v '^pip==' | sed -e 's/+cpu$$//'; } > $(LOCK)
	rm -rf .lock-venv

# What a user without the Makefile gets: a fresh venv, the venv's own pip (not upgraded),
# no lock. CI runs the tests that need no model in it (HTML loading included).
stock-install:
	rm -rf .stock-venv
	$(PYTHON) -m venv .stock-venv
	.stock-venv/bin/pip --version
	.stock-venv/bin/pip install --quiet torch==2.13.0
	.stock-venv/bin/pip install --quiet -e '.[tui,dev]'
	cd /tmp && $(CURDIR)/.stock-venv/bin/rag --help > /dev/null
	.stock-venv/bin/python -m pytest -q -p no:cacheprovider tests/test_loaders.py
	rm -rf .stock-venv
