#!/usr/bin/env bash
# `make bench`: throughput and memory of the extraction against physical references, in one run.
#   BENCH_REPORTS  size of the main corpus (default 20000, about a minute of extraction on 2 cores)
#   BENCH_SEED     generator seed (default 42)
# Corpora are generated once into .cache/ (the generator's real mix of eras, layouts and encodings).
# Prints a table and appends one line to bench/results.tsv.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
N=${BENCH_REPORTS:-20000}
SEED=${BENCH_SEED:-42}
BIN=${OGI_BIN:-target/release/ogi}
SMALL=$(( N / 10 ))
HTML_N=$(( N / 10 ))

gen() { # dir reports seed [extra args]
  local dir=$1 n=$2 seed=$3; shift 3
  if [ ! -f "$dir/truth/reports.parquet" ]; then "$BIN" gen --reports "$n" --seed "$seed" --out "$dir" "$@" >/dev/null; fi
}
MAIN=.cache/bench-$N-seed$SEED
TENTH=.cache/bench-$SMALL-seed$SEED
HTML=.cache/bench-html-$HTML_N-seed$SEED
gen "$MAIN" "$N" "$SEED"
gen "$TENTH" "$SMALL" "$SEED"
# HTML only: post-2019 reports with their tables in HTML (the parse-bound case).
gen "$HTML" "$HTML_N" "$SEED" --layouts 1,0,0,0,0,0 --first-year 2019
# PDF only (ruled tables, a few without rulings or without a usable text layer), read on one core.
PDF_N=${BENCH_PDF_REPORTS:-2000}
PDF=.cache/bench-pdf-$PDF_N-seed$SEED
gen "$PDF" "$PDF_N" "$SEED" --layouts 0,0,0,0,0,0,4,1,0 --first-year 2019

OUT=$(mktemp -d "${TMPDIR:-/tmp}/ogi-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

files() { find "$1/corpus" -type f | wc -l; }
bytes() { du -sb "$1/corpus" | cut -f1; }
# timed CMD...: sets T_REAL T_CPU RSS_MB (via /usr/bin/time)
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" "$@" >"$OUT/stdout" 2>"$OUT/stderr" || { cat "$OUT/stderr"; exit 1; }
  read -r T_REAL U S KB < "$OUT/time"
  T_CPU=$(echo "$U + $S" | bc -l)
  RSS_MB=$(( KB / 1024 ))
}
read_all() { find "$1/corpus" -type f -print0 | xargs -0 cat > /dev/null; }
ratio() { printf "%.2f" "$(echo "scale=4; $1 / $2" | bc -l)"; }
rate() { echo "scale=1; $1 / $2" | bc -l; }

row() { printf '  %-34s %9s s  %8s reports/s  %8s MB/s  cpu %4s%%  rss %5s MB\n' "$@"; }
echo "ogi bench: $(nproc) cores · $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

declare -A R
for c in MAIN TENTH HTML; do
  dir=${!c}
  n=$(files "$dir"); b=$(bytes "$dir"); mb=$(echo "scale=1; $b / 1000000" | bc -l)
  echo "corpus $c: $dir — $n files, $mb MB"
  read_all "$dir"; timed bash -c "find '$dir/corpus' -type f -print0 | xargs -0 cat > /dev/null"
  R[${c}_cat]=$T_REAL
  row "read (cat, warm cache)" "$T_REAL" "$(rate "$n" "$T_REAL")" "$(rate "$mb" "$T_REAL")" "-" "$RSS_MB"
  timed "$BIN" parse-only "$dir/corpus"
  R[${c}_parse]=$T_REAL
  row "HTML parse alone (read+decode+parse)" "$T_REAL" "$(rate "$n" "$T_REAL")" "$(rate "$mb" "$T_REAL")" "$(echo "scale=0; 100 * $T_CPU / $T_REAL" | bc -l)" "$RSS_MB"
  rm -rf "$OUT/x"; timed "$BIN" extract "$dir/corpus" --out "$OUT/x" --no-progress
  R[${c}_extract]=$T_REAL; R[${c}_rss]=$RSS_MB; R[${c}_n]=$n; R[${c}_mb]=$mb
  R[${c}_cpu]=$(echo "scale=0; 100 * $T_CPU / $T_REAL" | bc -l)
  row "extract" "$T_REAL" "$(rate "$n" "$T_REAL")" "$(rate "$mb" "$T_REAL")" "${R[${c}_cpu]}" "$RSS_MB"
  if [ "$c" = MAIN ]; then
    grep '^  wrote' "$OUT/stdout" > "$OUT/wrote-full"
    timed "$BIN" trends --in "$OUT/x"
    R[trends]=$T_REAL; R[trends_rss]=$RSS_MB
    row "trends (Polars)" "$T_REAL" "-" "-" "$(echo "scale=0; 100 * $T_CPU / $T_REAL" | bc -l)" "$RSS_MB"
    # The corpus-wide stage: checks across reports (Rust over the Parquet) and the panel (Polars).
    timed "$BIN" across --in "$OUT/x"
    R[across]=$T_REAL; R[across_rss]=$RSS_MB
    row "across (cross checks + panel)" "$T_REAL" "$(rate "$n" "$T_REAL")" "-" "$(echo "scale=0; 100 * $T_CPU / $T_REAL" | bc -l)" "$RSS_MB"
    # Re-run with nothing changed: every file's rows are copied from the previous output.
    timed "$BIN" extract "$dir/corpus" --out "$OUT/x" --no-progress --incremental
    R[incr]=$T_REAL; R[incr_rss]=$RSS_MB
    row "re-run --incremental (unchanged)" "$T_REAL" "$(rate "$n" "$T_REAL")" "-" "$(echo "scale=0; 100 * $T_CPU / $T_REAL" | bc -l)" "$RSS_MB"
    if ! grep '^  wrote' "$OUT/stdout" | diff - "$OUT/wrote-full" >"$OUT/wrote-diff"; then
      echo "the incremental re-run wrote other row counts than the full run:" >&2
      cat "$OUT/wrote-diff" >&2
      exit 1
    fi
  fi
done

# PDF pages per second on one core (the generator writes one `/Type /Page ` object per page)
pdf_pages=$(find "$PDF/corpus" -name '*.pdf' -print0 | xargs -0 grep -a -o '/Type /Page ' | wc -l)
pdf_files=$(find "$PDF/corpus" -name '*.pdf' | wc -l)
rm -rf "$OUT/p"; RAYON_NUM_THREADS=1 timed "$BIN" extract "$PDF/corpus" --out "$OUT/p" --no-progress
R[pdf_s]=$T_REAL; R[pdf_rss]=$RSS_MB
echo "corpus PDF: $PDF — $pdf_files PDFs, $pdf_pages pages"
row "extract, one core" "$T_REAL" "$(rate "$pdf_files" "$T_REAL")" "-" "$(echo "scale=0; 100 * $T_CPU / $T_REAL" | bc -l)" "$RSS_MB"
echo "  PDF pages per second, one core   $(rate "$pdf_pages" "$T_REAL")   (target ≥ 100)"

x_read=$(ratio "${R[MAIN_extract]}" "${R[MAIN_cat]}")
x_parse_main=$(ratio "${R[MAIN_extract]}" "${R[MAIN_parse]}")
x_parse_html=$(ratio "${R[HTML_extract]}" "${R[HTML_parse]}")
x_rss=$(ratio "${R[MAIN_rss]}" "${R[TENTH_rss]}")
echo "ratios:"
echo "  extraction / read             ${x_read}×   (main corpus)"
echo "  extraction / HTML parse       ${x_parse_html}×   (HTML-only corpus; target ≤ 2)"
echo "  extraction / HTML parse       ${x_parse_main}×   (main corpus: parse covers only its HTML files)"
echo "  peak RSS, 10× corpus          ${x_rss}×   (${R[MAIN_rss]} MB for ${R[MAIN_n]} vs ${R[TENTH_rss]} MB for ${R[TENTH_n]}; target ≤ 1.5, < 1 GB)"
echo "  CPU use during extraction     ${R[MAIN_cpu]}% of one core ($(nproc) cores)"
echo "  unchanged re-run / extraction $(ratio "${R[incr]}" "${R[MAIN_extract]}")×   (--incremental, same row counts checked)"
echo "  across / extraction           $(ratio "${R[across]}" "${R[MAIN_extract]}")×   (the corpus-wide stage ogi run adds; peak RSS ${R[across_rss]} MB)"

mkdir -p bench
if [ ! -f bench/results.tsv ]; then
  printf 'date\tcommit\tcores\treports\tmb\textract_s\treports_per_s\tmb_per_s\tcpu_pct\trss_mb\trss_tenth_mb\tcat_s\tparse_s\ttrends_s\thtml_reports\thtml_extract_s\thtml_parse_s\tx_read\tx_parse_html\tx_rss\tincremental_s\tincremental_rss_mb\n' > bench/results.tsv
elif ! head -1 bench/results.tsv | grep -q incremental_s; then
  # Files from before the incremental columns: add them (empty for the old runs).
  sed -i '1s/$/\tincremental_s\tincremental_rss_mb/; 2,$s/$/\t\t/' bench/results.tsv
fi
if ! head -1 bench/results.tsv | grep -q pdf_pages; then
  # Files from before the PDF columns (issue 15): add them, empty for the old runs.
  sed -i '1s/$/\tpdf_files\tpdf_pages\tpdf_extract_s_1core\tpdf_pages_per_s_1core\tpdf_rss_mb/; 2,$s/$/\t\t\t\t\t/' bench/results.tsv
fi
if ! head -1 bench/results.tsv | grep -q across_s; then
  # Files from before the corpus-wide stage (issue 16): add its columns, empty for the old runs.
  sed -i '1s/$/\tacross_s\tacross_rss_mb/; 2,$s/$/\t\t/' bench/results.tsv
fi
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$(nproc)" \
  "${R[MAIN_n]}" "${R[MAIN_mb]}" "${R[MAIN_extract]}" "$(rate "${R[MAIN_n]}" "${R[MAIN_extract]}")" \
  "$(rate "${R[MAIN_mb]}" "${R[MAIN_extract]}")" "${R[MAIN_cpu]}" "${R[MAIN_rss]}" "${R[TENTH_rss]}" \
  "${R[MAIN_cat]}" "${R[MAIN_parse]}" "${R[trends]}" "${R[HTML_n]}" "${R[HTML_extract]}" "${R[HTML_parse]}" \
  "$x_read" "$x_parse_html" "$x_rss" "${R[incr]}" "${R[incr_rss]}" \
  "$pdf_files" "$pdf_pages" "${R[pdf_s]}" "$(rate "$pdf_pages" "${R[pdf_s]}")" "${R[pdf_rss]}" \
  "${R[across]}" "${R[across_rss]}" >> bench/results.tsv
echo "appended to bench/results.tsv"
