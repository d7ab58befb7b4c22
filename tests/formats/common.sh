# shellcheck shell=sh disable=SC2034,SC2154
# Sourced by the format tests that validate with Ajv (sarif.sh, json.sh),
# from the source tree, with $bin set to the CLI: checks that node and the
# validator are installed, makes $tmp (removed on exit), sets $fail, $dir,
# $P (the GDPR regime and the date) and run().
dir=tests/formats
if ! command -v node >/dev/null 2>&1; then
  echo "node is not installed: install Node.js and npm, then run" \
    "sh tests/formats/install.sh"
  exit 1
fi
if [ ! -f "$dir/node_modules/ajv/package.json" ] ||
   [ ! -f "$dir/node_modules/ajv-formats/package.json" ]; then
  echo "the validator is not installed: run sh tests/formats/install.sh"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
P="-p policies/regimes/eu-gdpr-transfers.xml --as-of 2026-11-28"

run() { # run OUT ARGS...: the report must be written (exit 0, 1 or 2)
  out=$1; shift
  "$bin" "$@" >"$out"
  code=$?
  if [ "$code" -gt 2 ]; then
    echo "not ok - sovereign $* exited $code"; fail=1
  fi
}
