#!/bin/sh
# The HTML report of each case in cases.txt, normalised (normalise.awk),
# compared with expected/NAME.html. With --update, rewrites them.
# usage: golden.sh SOVEREIGN SOURCE_DIR [--update]
set -u
bin=$1 src=$2 update=${3:-}
here=$src/tests/html
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$src" || exit 2
fail=0 n=0
while IFS='|' read -r name args; do
  case $name in ''|'#'*) continue ;; esac
  n=$((n + 1))
  # shellcheck disable=SC2086
  NO_COLOR=1 "$bin" $args -f html >"$out.raw" 2>"$out.err"
  code=$?
  if [ $code -gt 2 ] || [ -s "$out.err" ]; then
    echo "$name: exit $code"; cat "$out.err"; fail=1; continue
  fi
  awk -f "$here/normalise.awk" "$out.raw" >"$out"
  if [ "$update" = --update ]; then
    cat "$out" >"$here/expected/$name.html"
  elif ! diff -u "$here/expected/$name.html" "$out"; then
    echo "$name: differs from tests/html/expected/$name.html"; fail=1
  fi
done <"$here/cases.txt"
rm -f "$out.raw" "$out.err"
echo "html golden: $n cases, $([ $fail = 0 ] && echo all match || echo FAILED)"
exit $fail
