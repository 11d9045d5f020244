#!/usr/bin/env bash
# Fuzz ccag: each target (default: load edit layout config) for SECONDS (default 30), starting from the
# committed seeds in fuzz/seeds/. New inputs go to a temporary corpus; a crash, a panic, a leak
# or an input slower than 10 s stops the run and exits non-zero, leaving the input in
# fuzz/artifacts/TARGET/. Needs the nightly toolchain and cargo-fuzz
# (`cargo install --locked cargo-fuzz`).
#   bash fuzz/run.sh            # 30 s of each target (what .ci/run does)
#   bash fuzz/run.sh 600 load   # ten minutes of the loader
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load edit layout config)
cargo +nightly fuzz build
for t in "${targets[@]}"; do
  corpus=$(mktemp -d)
  log=$(mktemp)
  printf '\n== fuzz %s for %s s\n' "$t" "$secs"
  status=0
  cargo +nightly fuzz run "$t" "$corpus" "seeds/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || status=$?
  if [ "$status" = 0 ]; then
    grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "$log" || tail -n 5 "$log"
  else
    tail -n 60 "$log"
  fi
  rm -rf "$corpus" "$log"
  if [ "$status" != 0 ]; then
    echo "fuzz target $t failed (exit $status); the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
