#!/bin/sh
# Hostile inputs for `sovereign import` (README.md lists them): each one
# is refused with exit code 3 and its error at file:line:column (the
# size limit has no position: file: error), nothing on stdout, the input
# byte for byte as it was, and within a time bound. The two documents
# nested 100 000 deep are written to a temporary directory first.
#
# The bound is 2 s per case (the refusals take milliseconds; the bound
# guards against blow-ups), times 10 when the third argument is
# "sanitized" (AddressSanitizer), times $SOV_TIME_SCALE when set.
#
# usage: run.sh SOVEREIGN SOURCE_DIR [sanitized|plain] [bugs]
# With "bugs", only the cases named bug-*: each reproduces a known bug
# and fails until it is fixed (see README.md).
set -u
bin=$1
src=$2
mode=${3:-plain}
which=${4:-cases}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$src/tests/hostile/import
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scale=${SOV_TIME_SCALE:-1}
[ "$mode" = sanitized ] && scale=$((scale * 10))
bound_ms=$((2000 * scale))
fail=0
count=0

now_ms() { date +%s%3N; }

# refused FILE EXPECTED [OPTION...]: `sovereign import OPTION... FILE`
# exits 3 within the bound, writes nothing on stdout, leaves FILE as it
# was, and its stderr has a line starting with EXPECTED.
refused() {
  file=$1 expected=$2
  shift 2
  name=$(basename "$file")
  case $name in bug-*) [ "$which" = bugs ] || return 0 ;;
    *) [ "$which" = bugs ] && return 0 ;; esac
  count=$((count + 1))
  cp "$file" "$tmp/before"
  t0=$(now_ms)
  (cd "$(dirname "$file")" &&
    exec timeout $((bound_ms * 5 / 1000 + 5)) "$bin" import "$@" "$name") \
    >"$tmp/stdout" 2>"$tmp/stderr"
  code=$?
  ms=$(($(now_ms) - t0))
  why=
  [ $code -eq 3 ] || why="exit code $code, not 3"
  [ -z "$why" ] && ! awk -v e="$expected" 'index($0, e) == 1 { f = 1 }
    END { exit !f }' "$tmp/stderr" && why="no line '$expected' on stderr"
  [ -z "$why" ] && [ -s "$tmp/stdout" ] && why="output on stdout"
  [ -z "$why" ] && ! cmp -s "$file" "$tmp/before" && why="input changed"
  [ -z "$why" ] && [ "$ms" -gt "$bound_ms" ] &&
    why="took $ms ms, over $bound_ms ms"
  if [ -z "$why" ]; then
    echo "ok - $name ($ms ms)"
  else
    echo "not ok - $name: $why"
    sed 's/^/  # /' "$tmp/stderr" | head -n 5
    fail=1
  fi
}

# repeat N TEXT: TEXT written N times.
repeat() {
  awk -v n="$1" -v s="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'
}

# A plan whose tags are arrays nested 100 000 deep, from column 1 of
# line 14 (six levels open before them: the 65th is the 59th bracket),
# and a template whose tags are block sequences nested as deep on line 7
# (four levels before them: the 65th opens at column 9 + 2 * 60).
deep_json=$tmp/nested-100000.plan.json
{
  sed -n '1,12p' "$here/oversized.plan.json"
  printf '          "values": {"bucket": "k", "tags":\n'
  repeat 100000 '['
  repeat 100000 ']'
  printf '}}]}}}\n'
} >"$deep_json"
deep_yaml=$tmp/nested-100000.template.yaml
{
  printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'
  printf '  Archive:\n    Type: AWS::S3::Bucket\n    Properties:\n'
  printf '      Tags:\n        '
  repeat 100000 '- '
  printf 'x\n'
} >"$deep_yaml"

H=$here
refused "$deep_json" "nested-100000.plan.json:14:59: error: nesting deeper"
refused "$deep_yaml" \
  "nested-100000.template.yaml:7:129: error: nesting deeper"
refused "$H/location-huge-number.arm.json" \
  "location-huge-number.arm.json:12:19: error: "
refused "$H/location-long-integer.arm.json" \
  "location-long-integer.arm.json:12:19: error: "
refused "$H/region-huge-number.template.yaml" \
  "region-huge-number.template.yaml:21:19: error: OrdersTable: "
refused "$H/region-long-integer.template.yaml" \
  "region-long-integer.template.yaml:21:19: error: OrdersTable: "
refused "$H/duplicate-key.plan.json" \
  "duplicate-key.plan.json:33:27: error: duplicate key 'region'"
refused "$H/duplicate-key.template.yaml" \
  "duplicate-key.template.yaml:22:19: error: duplicate key 'Region'"
refused "$H/invalid-utf8.plan.json" \
  "invalid-utf8.plan.json:34:50: error: invalid UTF-8"
refused "$H/invalid-utf8.template.yaml" \
  "invalid-utf8.template.yaml:24:35: error: "
refused "$H/oversized.plan.json" \
  "oversized.plan.json: error: file is 1137 bytes, over the limit of 1024" \
  --max-input-size 1024
refused "$H/alias-bomb.template.yaml" \
  "alias-bomb.template.yaml:4:12: error: YAML aliases are not supported"
refused "$H/utf16-broken-surrogate.plan.json" \
  "utf16-broken-surrogate.plan.json:34:47: error: the file is encoded as UTF-16"
refused "$H/format-v2.plan.json" \
  "format-v2.plan.json:2:21: error: unsupported format_version '2.0'"
refused "$H/empty.plan.json" "empty.plan.json:1:1: error: the file is empty"
refused "$H/top-level-array.plan.json" \
  "top-level-array.plan.json:1:1: error: the format of the file is not"
# A region that is a number, not a string, is refused at the value.
refused "$H/region-huge-number.plan.json" \
  "region-huge-number.plan.json:32:27: error: "
refused "$H/region-long-integer.plan.json" \
  "region-long-integer.plan.json:32:27: error: "

# The oversized plan is refused for its size alone.
if [ "$which" != bugs ]; then
  if "$bin" import "$H/oversized.plan.json" >/dev/null 2>&1; then
    echo "ok - oversized.plan.json imports without the limit"
  else
    echo "not ok - oversized.plan.json does not import without the limit"
    fail=1
  fi
fi

# Control characters and "--" in an address still give a valid document:
# the comment and the attributes that carry it escape them.
if [ "$which" != bugs ]; then
  if "$bin" validate "$H/control-in-address.plan.json" >/dev/null 2>&1; then
    echo "ok - control-in-address.plan.json imports to a valid deployment"
  else
    echo "not ok - control-in-address.plan.json does not import"
    fail=1
  fi
fi

echo "$count cases, $([ $fail -eq 0 ] && echo all passed || echo FAILED)"
exit $fail
