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
# shellcheck source=tests/formats/common.sh
. tests/formats/common.sh

for d in examples/deployments/*.xml; do
  n=$(basename "$d" .xml)
  # shellcheck disable=SC2086
  run "$tmp/$n.json" check $P -f json "$d"
  # shellcheck disable=SC2086
  run "$tmp/$n-suggest.json" check $P --suggest -f json "$d"
done
# shellcheck disable=SC2086
run "$tmp/waivers.json" check $P -f json \
  --waivers examples/waivers/retail-brazil.xml \
  examples/deployments/replica-violation.xml
# shellcheck disable=SC2086
run "$tmp/baseline.json" check $P -f json \
  --baseline tests/golden/baseline/known.json \
  examples/deployments/replica-violation.xml
# shellcheck disable=SC2086
run "$tmp/all.json" check $P -f json -j 1 examples/deployments
# An unsettled reading, open and pinned ("readings").
R="-p policies/regimes/ru-152fz-localization.xml --as-of 2026-11-28"
# shellcheck disable=SC2086
run "$tmp/reading-open.json" check $R -f json \
  tests/golden/reading-open/deployment.xml
# shellcheck disable=SC2086
run "$tmp/reading-pinned.json" check $R -f json \
  --set reading=ru-152fz-copy-abroad:strict \
  tests/golden/reading-open/deployment.xml

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
