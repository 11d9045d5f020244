#!/usr/bin/env bash
# `ccag site OUT` on 10,000 records (issue 13: under 10 s), on three mixes:
#   default   generate.py's defaults (most old actions closed, short texts), one commit
#   long      80% of actions open, 4x text, 6 updates per action and cr, one commit
#   history   make_history_repo.py: 10,000 records and 2,000 commits (hot records with 100+
#             versions, moves between folders), so every page carries a long history
# Time and peak memory are the median of RUNS runs, by /usr/bin/time; the site's size is
# printed too.
#   bash bench/site.sh                    # builds the release binary first
#   CCAG_BIN=/path/to/ccag RUNS=5 N=10000 bash bench/site.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
if [ -z "${CCAG_BIN:-}" ]; then
  cargo build --release --quiet
  CCAG_BIN=$PWD/target/release/ccag
fi
work=${WORK:-/tmp/ccag-site-bench}
mkdir -p "$work"

commit_all() {
  git -C "$1" init -q -b main
  git -C "$1" add -A
  GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=Bench \
    GIT_COMMITTER_EMAIL=bench@example.org git -C "$1" commit -qm "records"
}

printf '%-8s %8s %8s %9s %8s %9s\n' set records pages seconds peak_MB site_MB
for mix in default long history; do
  set_dir=$work/$mix-$N
  if [ ! -d "$set_dir/records" ]; then
    case $mix in
      default) python3 bench/generate.py "$N" "$set_dir" --invalid-share 0 >/dev/null; commit_all "$set_dir" ;;
      long) python3 bench/generate.py "$N" "$set_dir" --invalid-share 0 --open-share 0.8 --text-length 4 --updates 6 >/dev/null
        commit_all "$set_dir" ;;
      history) python3 bench/make_history_repo.py "$set_dir" --records "$N" --commits 2000 >/dev/null ;;
    esac
  fi
  find "$set_dir/records" -name '*.yaml' -print0 | xargs -0 cat >/dev/null
  records=$(find "$set_dir/records" -name '*.yaml' | wc -l)
  times=()
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -o "$work/time.txt" -f '%e %M' "$CCAG_BIN" -C "$set_dir" --today 2026-09-30 \
      site "$work/out-$mix" >/dev/null 2>"$work/site.err" || { cat "$work/site.err" >&2; exit 1; }
    times+=("$(tail -1 "$work/time.txt")")
  done
  pages=$(find "$work/out-$mix" -name '*.html' | wc -l)
  size=$(du -sm "$work/out-$mix" | cut -f1)
  r=$(printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2) {printf "%.2f %.0f", $1, $2 / 1024}')
  printf '%-8s %8s %8s %9s %8s %9s\n' "$mix" "$records" "$pages" $r "$size"
done
