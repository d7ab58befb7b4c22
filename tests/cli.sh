#!/bin/sh
# CLI behaviour that golden files cannot show: --output is written whole
# or not at all, colour follows --color and NO_COLOR, several deployments
# give one JSON array, and the exit code is the worst of the batch.
# usage: cli.sh SOVEREIGN SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check DESCRIPTION COMMAND...
  d=$1; shift
  if "$@"; then echo "ok - $d"; else echo "not ok - $d"; fail=1; fi
}
P="-p policies/regimes/eu-gdpr-transfers.xml --as-of 2026-11-28"
E=examples/deployments

# shellcheck disable=SC2086
"$bin" check $P "$E/replica-violation.xml" >"$tmp/stdout"
# shellcheck disable=SC2086
"$bin" check $P -o "$tmp/report.txt" "$E/replica-violation.xml"
check "--output exits like stdout" test $? -eq 1
check "--output holds the same report" cmp -s "$tmp/stdout" "$tmp/report.txt"
check "--output leaves no temporary file" \
  test "$(ls "$tmp" | wc -l)" -eq 2

# shellcheck disable=SC2086
"$bin" check $P -o "$tmp/bad.txt" tests/golden/neg-schema/deployment.xml \
  2>/dev/null
check "bad input exits 3" test $? -eq 3
check "bad input writes no --output" test ! -e "$tmp/bad.txt"

# shellcheck disable=SC2086
"$bin" check $P --color=always "$E/replica-violation.xml" >"$tmp/c"
check "--color=always colours" grep -q "$(printf '\033')\\[" "$tmp/c"
# shellcheck disable=SC2086
NO_COLOR=1 "$bin" check $P --color=auto "$E/replica-violation.xml" >"$tmp/n"
check "NO_COLOR and a pipe give no colour" \
  test "$(grep -c "$(printf '\033')" "$tmp/n")" -eq 0

# shellcheck disable=SC2086
"$bin" check $P -f json "$E/compliant.xml" "$E/indeterminate.xml" \
  "$E/replica-violation.xml" >"$tmp/many.json"
code=$?
check "batch exit code is the worst (1)" test $code -eq 1
check "several deployments give a JSON array" \
  sh -c "head -c 1 '$tmp/many.json' | grep -q '\\['"
check "the array holds three reports" \
  test "$(grep -o '"schema_version":1' "$tmp/many.json" | wc -l)" -eq 3
# shellcheck disable=SC2086
"$bin" check $P "$E/compliant.xml" "$E/indeterminate.xml" >/dev/null
check "compliant + indeterminate exits 2" test $? -eq 2

# shellcheck disable=SC2086
"$bin" check $P -f json tests/golden/neg-schema/deployment.xml \
  "$E/compliant.xml" 2>/dev/null >"$tmp/partial.json"
check "a bad first input leaves the JSON array well formed" \
  sh -c "head -c 2 '$tmp/partial.json' | grep -q '^\[{'"

[ $fail -eq 0 ] && echo "cli ok"
exit $fail
