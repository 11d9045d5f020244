#!/usr/bin/env bash
# Build ccag as a Python wheel (maturin, `bindings = "bin"`), install it into a fresh virtual
# environment, and prove the installed `ccag` runs `--version` and `validate` on a copy of
# records/. Prints the binary size, the wheel size and the install time. The wheel stays in
# target/wheels/ (`pipx install target/wheels/ccag-*.whl`).
#   bash scripts/wheel.sh            # needs python3 (with venv) and a Rust toolchain
#   WHEEL_COMPAT=manylinux2014 bash scripts/wheel.sh
#                                    # the wheel for glibc 2.17 and later, as the release
#                                    # ships it: linked with zig (installed into the script's
#                                    # own environment), so any Linux build machine makes it
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/ccag-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== maturin (in $work/build)"
python3 -m venv "$work/build"
"$work/build/bin/pip" install --quiet "maturin>=1.5,<2"
rm -f target/wheels/ccag-*.whl
if [ -n "${WHEEL_COMPAT:-}" ]; then
  "$work/build/bin/pip" install --quiet ziglang
  PATH="$work/build/bin:$PATH" "$work/build/bin/maturin" build --quiet --out target/wheels \
    --zig --compatibility "$WHEEL_COMPAT"
else
  "$work/build/bin/maturin" build --quiet --out target/wheels
fi
wheel=$(ls target/wheels/ccag-*.whl)
echo "wheel: $(basename "$wheel") ($(( $(stat -c %s "$wheel") / 1024 )) KiB)"

echo "== a fresh environment"
python3 -m venv "$work/fresh"
start=$(date +%s.%N)
"$work/fresh/bin/pip" install --quiet --no-index "$wheel"
end=$(date +%s.%N)
echo "install: $(python3 -c "print(f'{$end - $start:.2f} s')")"
ccag="$work/fresh/bin/ccag"
echo "binary: $(( $(stat -c %s "$ccag") / 1024 / 1024 )) MiB ($(stat -c %s "$ccag") bytes)"
"$ccag" --version

echo "== validate a copy of records/"
mkdir "$work/copy"
cp -r records schemas "$work/copy/"
[ -f ccag.toml ] && cp ccag.toml "$work/copy/"
(cd "$work/copy" && "$ccag" validate --today 2024-02-28)
echo "ok: the wheel's ccag runs"
