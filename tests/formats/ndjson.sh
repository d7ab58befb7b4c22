#!/bin/sh
# The NDJSON report has one line per finding of the JSON report, each line
# parses on its own (node's JSON.parse), names the deployment and the date,
# and equals the JSON report's finding with those two members in front.
# Needs node: without it the test fails.
# usage: ndjson.sh SOVEREIGN SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
if ! command -v node >/dev/null 2>&1; then
  echo "node is not installed"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
P="-p policies/regimes/eu-gdpr-transfers.xml --as-of 2026-11-28"

compare() { # compare NAME ARGS...: ARGS without -f
  n=$1; shift
  "$bin" "$@" -f ndjson >"$tmp/$n.ndjson"
  code=$?
  "$bin" "$@" -f json >"$tmp/$n.json"
  if [ "$code" -gt 2 ]; then
    echo "not ok - sovereign $* exited $code"; fail=1; return
  fi
  if node -e '
    const fs = require("fs");
    const report = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const text = fs.readFileSync(process.argv[2], "utf8");
    const lines = text.split("\n");
    if (lines.pop() !== "")
      throw new Error("the last line has no newline");
    if (lines.length !== report.findings.length)
      throw new Error(`${lines.length} lines, ` +
        `${report.findings.length} findings`);
    lines.forEach((line, i) => {
      const f = JSON.parse(line);
      const want = Object.assign({ deployment: report.deployment.id,
        as_of: report.as_of }, report.findings[i]);
      if (JSON.stringify(f) !== JSON.stringify(want))
        throw new Error(`line ${i + 1} differs from finding ${i}`);
    });
  ' "$tmp/$n.json" "$tmp/$n.ndjson" 2>"$tmp/err"; then
    echo "ok - $n: $(wc -l <"$tmp/$n.ndjson") lines, one per finding"
  else
    echo "not ok - $n:"; cat "$tmp/err"; fail=1
  fi
}

for d in examples/deployments/*.xml; do
  # shellcheck disable=SC2086
  compare "$(basename "$d" .xml)" check $P --suggest "$d"
done
compare waivers check -p tests/golden/waivers/policy.xml --as-of 2026-11-28 \
  tests/golden/waivers/deployment.xml
exit $fail
