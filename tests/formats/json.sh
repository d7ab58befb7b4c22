#!/bin/sh
# The JSON report of every example deployment (alone, with --suggest, with
# a waiver file, with a baseline, and all of them in one array) matches
# the JSON Schema published in docs/report-json.md, checked with Ajv
# (validate-json.js). A report the schema forbids must fail, so that a
# validator accepting anything cannot pass. Needs node and the validator
# that tests/formats/install.sh installs: without them the test fails.
# usage: json.sh SOVEREIGN SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
dir=tests/formats
if ! command -v node >/dev/null 2>&1 ||
   [ ! -f "$dir/node_modules/ajv/package.json" ]; then
  echo "node or the validator is missing: run sh tests/formats/install.sh"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
P="-p policies/regimes/eu-gdpr-transfers.xml --as-of 2026-11-28"

run() { # run OUT ARGS...: the report must be written (exit 0, 1 or 2)
  out=$1; shift
  "$bin" "$@" -f json >"$out"
  if [ $? -gt 2 ]; then
    echo "not ok - sovereign $* exited with an error"; fail=1
  fi
}

for d in examples/deployments/*.xml; do
  n=$(basename "$d" .xml)
  # shellcheck disable=SC2086
  run "$tmp/$n.json" check $P "$d"
  # shellcheck disable=SC2086
  run "$tmp/$n-suggest.json" check $P --suggest "$d"
done
# shellcheck disable=SC2086
run "$tmp/waivers.json" check $P --waivers examples/waivers/retail-brazil.xml \
  examples/deployments/replica-violation.xml
# shellcheck disable=SC2086
run "$tmp/baseline.json" check $P \
  --baseline tests/golden/baseline/known.json \
  examples/deployments/replica-violation.xml
# shellcheck disable=SC2086
run "$tmp/all.json" check $P -j 1 examples/deployments

node "$dir/validate-json.js" docs/report-json.md "$tmp"/*.json || fail=1

# The schema rejects what it forbids: an unknown verdict, an unknown
# waiver status.
for change in 's/"verdict":"violation"/"verdict":"bad"/' \
    's/"status":"expired"/"status":"gone"/'; do
  sed "$change" "$tmp/waivers.json" >"$tmp/broken.report"
  if cmp -s "$tmp/waivers.json" "$tmp/broken.report"; then
    echo "not ok - '$change' changed nothing"; fail=1
  elif node "$dir/validate-json.js" docs/report-json.md \
      "$tmp/broken.report" >"$tmp/broken.out"; then
    echo "not ok - the schema accepts $change"; fail=1
  else
    echo "ok - the schema rejects $change"
  fi
done
exit $fail
