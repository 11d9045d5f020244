#!/usr/bin/env bash
# Export and import of 10,000 records (issue 12: each under 2 s), on two mixes:
#   default   generate.py's defaults (most old actions closed, short texts)
#   long      80% of actions open, 4x text, 6 updates per action and cr
# For each set: `export -o set.xlsx`, `export cr --format csv`, `import set.xlsx --dry-run`
# (the round trip: every record read, compared and found unchanged), and `import set.xlsx`
# into an empty repository (every record new: read, converted, rendered, validated, written).
# Time and peak memory are the median of RUNS runs, by /usr/bin/time.
#   bash bench/sheets.sh                  # builds the release binary first
#   CCAG_BIN=/path/to/ccag RUNS=5 N=10000 bash bench/sheets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
if [ -z "${CCAG_BIN:-}" ]; then
  cargo build --release --quiet
  CCAG_BIN=$PWD/target/release/ccag
fi
work=${WORK:-/tmp/ccag-sheets-bench}
mkdir -p "$work"

# median_of RUNS CMD…: runs CMD RUNS times, prints "median-seconds median-peak-MB"
median_of() {
  local runs=$1; shift
  local times=() mems=() i out
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$work/time.txt" -f '%e %M' "$@" >/dev/null 2>/dev/null || true
    out=$(tail -1 "$work/time.txt")
    times+=("${out% *}"); mems+=("${out#* }")
  done
  python3 - "${times[@]}" -- "${mems[@]}" <<'EOF'
import sys, statistics
args = sys.argv[1:]
cut = args.index('--')
t = [float(x) for x in args[:cut]]; m = [int(x) for x in args[cut + 1:]]
print(f"{statistics.median(t):.3f} {statistics.median(m) / 1024:.0f}")
EOF
}

printf '%-8s %-34s %9s %8s\n' set command seconds peak_MB
for mix in default long; do
  set_dir=$work/$mix-$N
  case $mix in
    default) opts=(--invalid-share 0) ;;
    long) opts=(--invalid-share 0 --open-share 0.8 --text-length 4 --updates 6) ;;
  esac
  if [ ! -d "$set_dir/records" ]; then
    python3 bench/generate.py "$N" "$set_dir" "${opts[@]}" >/dev/null
  fi
  C=("$CCAG_BIN" -C "$set_dir" --today 2026-09-30)
  # Warm the page cache.
  find "$set_dir/records" -name '*.yaml' -print0 | xargs -0 cat >/dev/null
  "${C[@]}" export -o "$work/$mix.xlsx" 2>/dev/null || true
  r=$(median_of "$RUNS" "${C[@]}" export -o "$work/$mix.xlsx"); printf '%-8s %-34s %9s %8s\n' "$mix" "export -o set.xlsx" $r
  r=$(median_of "$RUNS" "${C[@]}" export cr --format csv); printf '%-8s %-34s %9s %8s\n' "$mix" "export cr --format csv" $r
  r=$(median_of "$RUNS" "${C[@]}" import "$work/$mix.xlsx" --dry-run); printf '%-8s %-34s %9s %8s\n' "$mix" "import set.xlsx --dry-run (same)" $r
  # Into an empty repository: every record is new. Each run gets a folder of its own, and the
  # folders are deleted only at the end: ext4 slows the creation of files next to thousands
  # just deleted (it skips their inodes for a while), which would measure the benchmark's own
  # clean-up rather than an import.
  times=()
  for ((i = 0; i < RUNS; i++)); do
    empty=$work/empty-$mix-$i-$$
    mkdir -p "$empty/records"
    cp "$set_dir/ccag.toml" "$empty/" 2>/dev/null || true
    /usr/bin/time -o "$work/time.txt" -f '%e %M' "$CCAG_BIN" -C "$empty" --today 2026-09-30 \
      import "$work/$mix.xlsx" >/dev/null 2>"$work/import.err" || { cat "$work/import.err" >&2; exit 1; }
    out=$(tail -1 "$work/time.txt")
    times+=("$out")
  done
  n_new=$(find "$empty/records" -name '*.yaml' | wc -l)
  r=$(printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2) {printf "%.3f %.0f", $1, $2 / 1024}')
  printf '%-8s %-34s %9s %8s\n' "$mix" "import set.xlsx (all new: $n_new)" $r
done
rm -rf "$work"/empty-*
