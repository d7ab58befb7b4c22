#!/bin/sh
# Batch behaviour: threads keep input order, directories and --files-from
# give the same reports, the NDJSON filter mode answers one line per
# input in order (also when sharded with GNU parallel, when installed),
# and --summary writes the matrix.
# usage: run.sh SOVEREIGN SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { d=$1; shift
  if "$@"; then echo "ok - $d"; else echo "not ok - $d"; fail=1; fi; }
P="-p policies/regimes/eu-gdpr-transfers.xml -p policies/regimes/uk-gdpr-transfers.xml --as-of 2026-11-28 -q"
E=examples/deployments

# A corpus of 40 files: the examples, several times over.
mkdir -p "$tmp/corpus/a" "$tmp/corpus/b"
i=0
while [ $i -lt 10 ]; do
  for f in "$E"/*.xml; do
    cp "$f" "$tmp/corpus/$( [ $((i % 2)) -eq 0 ] && echo a || echo b)/$i-$(basename "$f")"
  done
  i=$((i + 1))
done
find "$tmp/corpus" -name '*.xml' | sort >"$tmp/list"

# shellcheck disable=SC2086
"$bin" check $P -j 1 -f json "$tmp/corpus" >"$tmp/j1.json"
# shellcheck disable=SC2086
"$bin" check $P -j 2 -f json "$tmp/corpus" >"$tmp/j2.json"
check "-j 2 writes the same bytes as -j 1" cmp -s "$tmp/j1.json" "$tmp/j2.json"
# shellcheck disable=SC2086
"$bin" check $P -j 2 -f json --files-from "$tmp/list" >"$tmp/ff.json"
check "--files-from gives the same reports" cmp -s "$tmp/j1.json" "$tmp/ff.json"
check "a directory is read recursively (40 reports)" \
  test "$(grep -o '"schema_version":1' "$tmp/j1.json" | wc -l)" -eq 40

sh tests/batch/pack.sh $(cat "$tmp/list") >"$tmp/in.ndjson"
echo 'not json' >>"$tmp/in.ndjson"
# shellcheck disable=SC2086
"$bin" check $P -j 2 --stdin-ndjson <"$tmp/in.ndjson" >"$tmp/out.ndjson"
code=$?
check "filter mode: bad line gives exit 3" test $code -eq 3
check "filter mode: one line out per line in" \
  test "$(wc -l <"$tmp/out.ndjson")" -eq "$(wc -l <"$tmp/in.ndjson")"
sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$tmp/out.ndjson" >"$tmp/ids"
check "filter mode: results in input order" cmp -s "$tmp/ids" "$tmp/list"
check "filter mode: the bad line is reported" \
  grep -q '^{"id":null,"status":"error"' "$tmp/out.ndjson"

if command -v parallel >/dev/null 2>&1; then
  head -n 40 "$tmp/in.ndjson" >"$tmp/good.ndjson"
  # shellcheck disable=SC2086
  "$bin" check $P -j 1 --stdin-ndjson <"$tmp/good.ndjson" >"$tmp/plain.ndjson"
  # shellcheck disable=SC2086
  parallel --will-cite --pipe -N 7 --keep-order -j 2 \
    "$bin" check $P -j 1 --stdin-ndjson <"$tmp/good.ndjson" \
    >"$tmp/sharded.ndjson"
  check "GNU parallel shards give the same results as a plain run" \
    cmp -s "$tmp/plain.ndjson" "$tmp/sharded.ndjson"
else
  echo "ok - GNU parallel not installed: sharding check not run"
fi

# shellcheck disable=SC2086
"$bin" check $P --summary csv "$tmp/corpus" >"$tmp/matrix.csv"
check "--summary csv: header plus deployment x policy rows" \
  test "$(wc -l <"$tmp/matrix.csv")" -eq 81
check "--summary csv: header names the verdicts" \
  grep -q '^deployment,policy,decision,compliant,violation' "$tmp/matrix.csv"

[ $fail -eq 0 ] && echo "batch ok"
exit $fail
