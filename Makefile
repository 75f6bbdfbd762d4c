# Two commands set everything up: `make check` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: check lint test bench fuzz reports clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $(STAMP)

check: $(STAMP)
	$(BIN)/claimcheck check

# The real consumers some tests check outputs with (actionlint, the JUnit schema): fetched
# once, best effort; see tests/consumers.py.
TOOLS := $(VENV)/tools
$(TOOLS)/.fetched: $(STAMP)
	-@$(BIN)/python tests/consumers.py fetch $(TOOLS)
	@touch $@

# Lint: ruff, mypy, and the import contracts of the layering (pyproject.toml). The format
# check comes last, so the checks above report first.
lint: $(STAMP)
	$(BIN)/ruff check checker tests
	$(BIN)/mypy
	PYTHONPATH=. $(BIN)/lint-imports
	$(BIN)/ruff format --check checker tests

test: lint $(TOOLS)/.fetched
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

TRIALS ?= 2000
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz_cli.py --trials $(TRIALS)

reports: $(STAMP)
	$(BIN)/claimcheck reports

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis .mypy_cache .ruff_cache .import_linter_cache
