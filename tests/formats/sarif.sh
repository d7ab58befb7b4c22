#!/bin/sh
# The SARIF report of every example deployment (with and without
# --suggest), of waived findings, of a waiver file and of all the
# examples in one log validates against the SARIF
# 2.1.0 JSON schema (rtm.5, from @microsoft/jest-sarif), with a real JSON Schema
# validator (validate-sarif.js: Ajv). A log the schema forbids must fail,
# so that a validator accepting anything cannot pass. Needs node and the
# validator that tests/formats/install.sh installs: without them the test
# fails.
# usage: sarif.sh SOVEREIGN SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
# shellcheck source=tests/formats/common.sh
. tests/formats/common.sh

for d in examples/deployments/*.xml; do
  n=$(basename "$d" .xml)
  # shellcheck disable=SC2086
  run "$tmp/$n.sarif" check $P -f sarif "$d"
  # shellcheck disable=SC2086
  run "$tmp/$n-suggest.sarif" check $P --suggest -f sarif "$d"
done
run "$tmp/waivers.sarif" check -p tests/golden/waivers/policy.xml \
  --as-of 2026-11-28 -f sarif tests/golden/waivers/deployment.xml
# A waiver file with expired and unused waivers (tool notifications), and
# every example in one log, a run per deployment.
# shellcheck disable=SC2086
run "$tmp/waiver-file.sarif" check $P -f sarif \
  --waivers examples/waivers/retail-brazil.xml \
  examples/deployments/replica-violation.xml
# shellcheck disable=SC2086
run "$tmp/several.sarif" check $P -f sarif examples/deployments
runs=$(grep -c '"automationDetails"' "$tmp/several.sarif")
want=$(find examples/deployments -name '*.xml' | wc -l)
if [ "$runs" -ne "$want" ]; then
  echo "not ok - $runs runs in the log of $want deployments"; fail=1
fi

node "$dir/validate-sarif.js" "$dir/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" "$tmp"/*.sarif ||
  fail=1

# The validator rejects what the schema forbids: a line number of 0 and an
# unknown level.
sed 's/"startLine": 45/"startLine": 0/; s/"level": "error"/"level": "fatal"/' \
  "$tmp/replica-violation.sarif" >"$tmp/broken.json"
if node "$dir/validate-sarif.js" "$dir/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" \
    "$tmp/broken.json" >"$tmp/broken.out"; then
  echo "not ok - the validator accepts an invalid log"; fail=1
elif ! grep -q 'startLine must be >= 1' "$tmp/broken.out" ||
     ! grep -q 'level must be equal to one of the allowed values' \
       "$tmp/broken.out"; then
  echo "not ok - the validator rejects the invalid log for other reasons:"
  cat "$tmp/broken.out"; fail=1
else
  echo "ok - the validator rejects an invalid log"
fi
exit $fail
