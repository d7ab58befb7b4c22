#!/bin/sh
# Every third-party plan and template of ../shared/real-inputs/*/
# (relative to the source tree; PROVENANCE.md there says where each comes
# from) through `sovereign import` and `sovereign validate`. For each
# file: no crash (exit code 0 or 3 only); on 0 the written deployment
# validates; on 3 stderr has a FILE:LINE:COLUMN: error: line; and
# `sovereign validate FILE` agrees with the import. One line per file,
# then "N passed, N failed".
#
# usage: real-inputs.sh SOVEREIGN SOURCE_DIR
# Exits 77 (skipped) when the folder is absent, 1 when a file fails.
set -u
bin=$1
src=$2
dir=$src/../shared/real-inputs
if [ ! -d "$dir" ]; then
  echo "skipped: no $dir"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# has_position FILE: stderr has "FILE:LINE:COLUMN: error: ".
has_position() {
  awk -v f="$1:" 'index($0, f) == 1 {
      rest = substr($0, length(f) + 1)
      if (rest ~ /^[0-9]+:[0-9]+: error: /) found = 1
    }
    END { exit !found }' "$tmp/stderr"
}

# verdict FILE: why FILE fails, or nothing when it passes.
verdict() {
  rm -f "$tmp/out.xml"
  "$bin" import -o "$tmp/out.xml" "$1" >/dev/null 2>"$tmp/stderr"
  code=$?
  "$bin" validate "$1" >/dev/null 2>&1
  vcode=$?
  case $code in
    0) if ! "$bin" validate "$tmp/out.xml" >"$tmp/validate" 2>&1; then
         echo "the written deployment does not validate:" \
           "$(head -n 1 "$tmp/validate")"
       fi ;;
    3) has_position "$1" || echo "exit 3 without FILE:LINE:COLUMN: error:" ;;
    *) echo "exit code $code (a crash or an internal error)"; return ;;
  esac
  [ "$vcode" -eq "$code" ] ||
    echo "validate exits $vcode where import exits $code"
}

for f in "$dir"/*/*; do
  [ -f "$f" ] || continue
  name=${f#"$dir"/}
  verdict "$f" >"$tmp/why"
  why=$(cat "$tmp/why")
  if [ -z "$why" ]; then
    passed=$((passed + 1))
    echo "ok - $name (exit $code)"
  else
    failed=$((failed + 1))
    echo "not ok - $name: $why"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
