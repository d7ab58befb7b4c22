#!/bin/sh
# The DOT report of every example deployment renders with Graphviz
# (`dot -Tsvg`) without a warning. Needs `dot` (Debian package graphviz):
# without it the test fails.
# usage: dot.sh SOVEREIGN SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
if ! command -v dot >/dev/null 2>&1; then
  echo "dot is not installed: install Graphviz (Debian package graphviz)"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
P="-p policies/regimes/eu-gdpr-transfers.xml --as-of 2026-11-28"

render() { # render NAME ARGS...
  n=$1; shift
  "$bin" "$@" >"$tmp/$n.dot"
  code=$?
  if [ "$code" -gt 2 ]; then
    echo "not ok - sovereign $* exited $code"; fail=1; return
  fi
  if dot -Tsvg "$tmp/$n.dot" >"$tmp/$n.svg" 2>"$tmp/err" &&
     [ ! -s "$tmp/err" ] && grep -q '<svg' "$tmp/$n.svg"; then
    echo "ok - $n renders"
  else
    echo "not ok - $n does not render cleanly:"; cat "$tmp/err"; fail=1
  fi
}

for d in examples/deployments/*.xml; do
  # shellcheck disable=SC2086
  render "$(basename "$d" .xml)" check $P -f dot "$d"
done
render waivers check -p tests/golden/waivers/policy.xml --as-of 2026-11-28 \
  -f dot tests/golden/waivers/deployment.xml
# A violating component and the flows into it are red.
if grep -q '"br-customer-db" \[label=.*color="red"' \
    "$tmp/replica-violation.dot"; then
  echo "ok - the violating component is red"
else
  echo "not ok - the violating component is not red"; fail=1
fi
exit $fail
