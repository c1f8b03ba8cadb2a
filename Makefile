# ogi — see README.md. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
CORPUS ?= data/sample/corpus
OUT ?= out
VENV ?= .venv
PYTHON := $(VENV)/bin/python
CARGO ?= cargo

.PHONY: run test lint fmt venv clean

## run: build (release) and extract CORPUS (default: the embedded sample corpus) into OUT
run:
	$(CARGO) build --release --quiet
	$(CARGO) run --release --quiet -- extract "$(CORPUS)" --out "$(OUT)"
	@echo "Parquet written to $(abspath $(OUT)) — open it with: duckdb -c \"select * from '$(OUT)/reports.parquet'\""

## test: unit, corpus and DuckDB tests (installs DuckDB into $(VENV) from PyPI on first use)
test: venv
	$(CARGO) fmt --check
	OGI_PYTHON="$(abspath $(PYTHON))" OGI_REQUIRE_DUCKDB=1 $(CARGO) test --all-targets

## lint: formatting and clippy, warnings as errors
lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings

fmt:
	$(CARGO) fmt

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-test.txt
	python3 -m venv "$(VENV)"
	"$(VENV)/bin/pip" install --quiet --disable-pip-version-check -r requirements-test.txt
	touch "$@"

clean:
	rm -rf "$(OUT)" "$(VENV)"
	$(CARGO) clean
