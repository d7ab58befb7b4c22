#!/bin/sh
# The build step that validates the built-in catalog (cmake/schema_check.c)
# passes the shipped files and stops at a file that is not valid, naming
# it with its line.
# usage: schema_check.sh SCHEMA_CHECK SOURCE_DIR
set -u
bin=$1
src=$2
xsd=$src/evaluator/schemas/catalog.xsd
fail=0

if ! "$bin" "$xsd" "$src"/policies/catalog/*.xml; then
  echo "FAIL: the shipped catalog files are refused"
  fail=1
fi
out=$("$bin" "$xsd" "$src/policies/catalog/groups.xml" \
  "$src/tests/build/bad-catalog.xml" 2>&1)
rc=$?
if [ "$rc" -ne 1 ]; then
  echo "FAIL: an invalid file gave exit $rc, not 1"
  fail=1
fi
case $out in
  *"tests/build/bad-catalog.xml:6: "*seat*) ;;
  *) echo "FAIL: the error does not name file:line and the attribute:"
     echo "$out"
     fail=1 ;;
esac
case $out in
  *groups.xml*) echo "FAIL: a valid file was reported: $out"; fail=1 ;;
esac
[ "$fail" -eq 0 ] && echo "schema check: ok"
exit "$fail"
