#!/bin/sh
# Runs one golden case: the CLI with the case's arguments, compared byte
# for byte with expected.txt (stdout), expected.stderr and expected.exit
# (default 0) when present. Paths in `args` are relative to the source
# tree, where the command runs, so reports name files the same way
# everywhere.
# usage: run.sh SOVEREIGN SOURCE_DIR CASE_DIR
set -u
bin=$1 src=$2 case=$3
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
cd "$src" || exit 2
# shellcheck disable=SC2046
NO_COLOR=1 "$bin" $(cat "$case/args") >"$out" 2>"$err"
code=$?
want=0
[ -f "$case/expected.exit" ] && want=$(cat "$case/expected.exit")
fail=0
if [ "$code" != "$want" ]; then
  echo "exit code $code, expected $want"; fail=1
fi
if [ -f "$case/expected.txt" ] || [ -f "$case/expected.json" ]; then
  for f in expected.txt expected.json; do
    if [ -f "$case/$f" ] && ! diff -u "$case/$f" "$out"; then fail=1; fi
  done
elif [ -s "$out" ]; then
  echo "unexpected stdout:"; cat "$out"; fail=1
fi
if [ -f "$case/expected.stderr" ]; then
  diff -u "$case/expected.stderr" "$err" || fail=1
elif [ -s "$err" ]; then
  echo "unexpected stderr:"; cat "$err"; fail=1
fi
exit $fail
