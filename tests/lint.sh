#!/bin/sh
# Source rules that the compiler does not check:
# - allocation goes through base/arena.c only (no raw malloc/calloc/realloc/free);
# - the library never prints and never exits;
# - no source line is longer than 79 columns.
# usage: lint.sh SOURCE_DIR
set -u
cd "$1" || exit 2
fail=0
lib=$(ls evaluator/*.c evaluator/*/*.c | grep -v '^evaluator/cli/')
alloc=$(echo "$lib" | grep -v '^evaluator/base/arena.c$')
if grep -nE '(^|[^_a-zA-Z])(malloc|calloc|realloc|free)\(' $alloc; then
  echo "raw allocation outside evaluator/base/arena.c"; fail=1
fi
if grep -nE '(^|[^_a-zA-Z])(printf|fprintf|puts|fputs|putchar|perror|exit|abort)\(' \
    $lib; then
  echo "the library must not print or exit"; fail=1
fi
for f in evaluator/*.c evaluator/*/*.[ch] include/sovereign.h \
    tests/unit/*.[ch] tests/unit/*/*.c; do
  # Tabs count as 8 columns.
  if expand -t8 "$f" | awk -v f="$f" 'length > 79 { print f ":" NR; bad = 1 }
      END { exit !bad }'; then
    echo "lines over 79 columns"; fail=1
  fi
done
[ $fail -eq 0 ] && echo "lint ok"
exit $fail
