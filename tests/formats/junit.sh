#!/bin/sh
# The JUnit report of every example deployment, of waived findings and
# of all the examples in one document validates against tests/formats/junit.xsd with xmllint (libxml2-utils).
# The unit test unit.formats validates the same reports with libxml2
# itself, so without xmllint this test is skipped (exit 77).
# usage: junit.sh SOVEREIGN SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
if ! command -v xmllint >/dev/null 2>&1; then
  echo "skipped: xmllint is not installed (unit.formats validates the" \
    "JUnit report with libxml2)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
P="-p policies/regimes/eu-gdpr-transfers.xml --as-of 2026-11-28"

check() { # check NAME ARGS...
  n=$1; shift
  "$bin" "$@" >"$tmp/$n.xml"
  code=$?
  if [ "$code" -gt 2 ]; then
    echo "not ok - sovereign $* exited $code"; fail=1; return
  fi
  if xmllint --noout --nonet --schema tests/formats/junit.xsd \
      "$tmp/$n.xml" 2>"$tmp/err"; then
    echo "ok - $n: valid JUnit XML"
  else
    echo "not ok - $n:"; cat "$tmp/err"; fail=1
  fi
}

for d in examples/deployments/*.xml; do
  # shellcheck disable=SC2086
  check "$(basename "$d" .xml)" check $P --suggest -f junit "$d"
done
check waivers check -p tests/golden/waivers/policy.xml --as-of 2026-11-28 \
  -f junit tests/golden/waivers/deployment.xml
# shellcheck disable=SC2086
check several check $P -f junit examples/deployments
suites=$(grep -c '<testsuite ' "$tmp/several.xml")
want=$(find examples/deployments -name '*.xml' | wc -l)
if [ "$suites" -ne "$want" ]; then
  echo "not ok - $suites suites for $want deployments (one policy each)"
  fail=1
fi
exit $fail
