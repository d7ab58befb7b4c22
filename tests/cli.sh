#!/bin/sh
# CLI behaviour that golden files cannot show: --output is written whole
# or not at all, colour follows --color and NO_COLOR, several deployments
# give one JSON array, the exit code is the worst of the batch, '-' reads
# standard input (a file or a pipe) and '--' ends the options.
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

# '-': standard input, named <stdin>, read the same as the file would be.
V=$E/replica-violation.xml
G=policies/regimes/eu-gdpr-transfers.xml
# shellcheck disable=SC2086
"$bin" check $P "$V" | sed "s#$V#<stdin>#g" >"$tmp/byname"
# shellcheck disable=SC2086
"$bin" check $P - <"$V" >"$tmp/stdin"
check "check -p P - exits as for the file (1)" test $? -eq 1
check "check -p P - gives the file's report, from <stdin>" \
  cmp -s "$tmp/byname" "$tmp/stdin"
# A pipe, not a file, on standard input: cat is the point.
# shellcheck disable=SC2086,SC2002
cat "$V" | "$bin" check $P - >"$tmp/pipe"
check "check -p P - reads a pipe too" cmp -s "$tmp/byname" "$tmp/pipe"
"$bin" check -p "$G" --as-of 2026-11-28 "$V" | sed "s#$G#<stdin>#g" \
  >"$tmp/pbyname"
"$bin" check -p - --as-of 2026-11-28 "$V" <"$G" >"$tmp/pstdin"
check "check -p - reads the policy set" cmp -s "$tmp/pbyname" "$tmp/pstdin"
"$bin" where -p - --as-of 2026-11-28 -d personal <"$G" >"$tmp/where"
check "where -p - reads the policy set" test $? -eq 0

# where --set: a pin is checked against the policy sets as check does.
RU=policies/regimes/ru-152fz-localization.xml
"$bin" where -p "$RU" --as-of 2026-11-28 -d personal-ru \
  --set reading=ru-152fz-copy-abroad:lenient >"$tmp/wpin" 2>"$tmp/wpin.err"
check "where --set with an undeclared answer exits 3" test $? -eq 3
check "where --set names the answer it lacks" grep -qx \
  "sovereign: error: reading 'ru-152fz-copy-abroad' has no answer 'lenient'" \
  "$tmp/wpin.err"
check "where --set with a bad pin prints no placement" test ! -s "$tmp/wpin"
"$bin" where -p "$RU" --as-of 2026-11-28 -d personal-ru \
  --set reading=ru-152fz-copy-abraod:strict 2>"$tmp/wpin.err" >/dev/null
check "where --set with an unknown reading exits 3" test $? -eq 3
check "where --set names the unknown reading" grep -qx \
  "sovereign: error: unknown reading 'ru-152fz-copy-abraod'" "$tmp/wpin.err"
"$bin" where -p "$RU" --as-of 2026-11-28 -d personal-ru \
  --set reading=ru-152fz-copy-abroad:strict >"$tmp/wpin"
check "where --set exits as without it (0)" test $? -eq 0
check "where --set names the pinned reading" grep -qx \
  "Reading ru-152fz-copy-abroad: pinned to 'strict'." "$tmp/wpin"
out=$("$bin" validate - <"$E/compliant.xml")
check "validate - < file" test "$out" = "<stdin>: valid deployment"
# shellcheck disable=SC2002
out=$(cat "$G" | "$bin" validate -)
check "validate - from a pipe" test "$out" = "<stdin>: valid policy-set"
out=$("$bin" validate --region eu-west-1 - \
  <examples/cloudformation/template.yaml)
check "validate - imports a template" \
  test "${out%%;*}" = "<stdin>: valid deployment (imported)"
"$bin" validate - <tests/golden/catalog-include/sub/sites.xml 2>"$tmp/err"
check "validate - refuses a catalog (exit 3)" test $? -eq 3
check "and says why" grep -q '^<stdin>: error: a catalog is validated from' \
  "$tmp/err"
"$bin" validate - </dev/null 2>"$tmp/err"
check "validate of empty stdin exits 3" test $? -eq 3
check "its diagnostics name <stdin>" grep -q '^<stdin>:1:1: error' "$tmp/err"
T=examples/terraform
"$bin" import --annotations $T/annotations.xml $T/plan.json |
  sed "s#$T/plan.json#<stdin>#g; s#source=\"<stdin>#source=\"\&lt;stdin\&gt;#" \
  >"$tmp/ibyname"
"$bin" import --annotations $T/annotations.xml - <$T/plan.json \
  >"$tmp/istdin"
check "import - exits 0" test $? -eq 0
check "import - writes the file's document, from <stdin>" \
  cmp -s "$tmp/ibyname" "$tmp/istdin"
"$bin" lint --as-of 2026-11-28 - <"$G" 2>"$tmp/lint"
check "lint - exits 0" test $? -eq 0
check "lint - names <stdin>" grep -q '^<stdin>:155: note' "$tmp/lint"
W=examples/waivers/retail-brazil.xml
# shellcheck disable=SC2086
"$bin" check $P --waivers "$W" "$V" | sed "s#$W#<stdin>#g" >"$tmp/wbyname"
# shellcheck disable=SC2086
"$bin" check $P --waivers - "$V" <"$W" >"$tmp/wstdin"
check "check --waivers - reads the waiver file" \
  cmp -s "$tmp/wbyname" "$tmp/wstdin"
head -c 4096 /dev/zero | "$bin" validate --max-input-size 1024 - \
  2>"$tmp/err"
check "stdin over --max-input-size exits 3" test $? -eq 3
check "and says so" grep -q '^<stdin>: error: more than 1024 bytes' \
  "$tmp/err"
cp "$V" "$tmp/same.xml"
# Reading and writing the same file is what must be refused.
# shellcheck disable=SC2086,SC2094
"$bin" check $P -o "$tmp/same.xml" - <"$tmp/same.xml" 2>/dev/null
check "-o standard input's own file is refused" test $? -eq 3
check "and left as it was" cmp -s "$V" "$tmp/same.xml"

# '--' ends the options: a file called -o is checked.
cp "$E/compliant.xml" "$tmp/-o"
out=$(cd "$tmp" && "$bin" check -p "$OLDPWD/$G" --as-of 2026-11-28 -- -o |
  head -n 1)
check "check -p P -- -o checks the file -o" \
  test "$out" = "Deployment webshop-eu (Outdoor gear web shop (EU)) from -o"
out=$(cd "$tmp" && "$bin" validate -- -o)
check "validate -- -o" test "$out" = "-o: valid deployment"
rm -f "$tmp/-o"

[ $fail -eq 0 ] && echo "cli ok"
exit $fail
