#!/bin/sh
# Rewrites every golden case's expected output from the current build.
# Review `git diff tests/golden` afterwards: each change must be intended.
# usage: tests/golden/update.sh [BUILD_DIR]   (default: build)
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=$(pwd)/${1:-build}/sovereign
for dir in tests/golden/*/; do
  dir=${dir%/}
  out=expected.txt
  grep -Eq -- '(-f|--format|--summary)[ =](nd)?json' "$dir/args" &&
    out=expected.json
  # shellcheck disable=SC2046
  NO_COLOR=1 "$bin" $(cat "$dir/args") >"$dir/out.tmp" 2>"$dir/err.tmp"
  code=$?
  if [ -s "$dir/out.tmp" ]; then mv "$dir/out.tmp" "$dir/$out"; else rm -f "$dir/out.tmp"; fi
  if [ -s "$dir/err.tmp" ]; then
    mv "$dir/err.tmp" "$dir/expected.stderr"
  else
    rm -f "$dir/err.tmp" "$dir/expected.stderr"
  fi
  if [ "$code" -ne 0 ]; then echo "$code" >"$dir/expected.exit"; else rm -f "$dir/expected.exit"; fi
done
