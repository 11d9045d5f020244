#!/usr/bin/env bash
# Remakes the README's pictures of the HTML pack from records/:
#   docs/pack.png          the top of the page, as a browser shows it
#   docs/pack-print-N.png  the first two pages of the pack printed to PDF
# Needs Debian's chromium and poppler-utils (pdftoppm), as the browser tests do.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The pack as it stood on meeting day, so the pictures do not change with the date.
target/release/ccag --today 2024-02-28 report --meeting CCAG27 -o "$work/pack.html"
browser=(chromium --headless --no-sandbox --disable-gpu --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$work/profile")
"${browser[@]}" --window-size=1280,1200 --screenshot="$work/pack.png" "file://$work/pack.html" 2>/dev/null
"${browser[@]}" --no-pdf-header-footer --print-to-pdf="$work/pack.pdf" "file://$work/pack.html" 2>/dev/null
cp "$work/pack.png" docs/pack.png
pdftoppm -png -r 64 -f 1 -l 2 "$work/pack.pdf" "$work/page"
for n in 1 2; do cp "$work"/page-*"$n".png "docs/pack-print-$n.png"; done
pdfinfo "$work/pack.pdf" | grep '^Pages'
ls -l docs/pack*.png
