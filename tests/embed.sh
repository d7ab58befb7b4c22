#!/bin/sh
# The embedding story, end to end, against an installed copy:
# - installs BUILD_DIR to a temporary prefix;
# - builds examples/embed/procurement.c twice, with pkg-config (through
#   examples/embed/Makefile) and with find_package(sovereign);
# - runs both with a fixed --as-of and the installed regimes, and compares
#   their output with tests/embed.expected, with one thread and with
#   several;
# - builds and runs the programs of docs/api.md (check_one.c, budget.c).
# Set SOV_UPDATE_EXPECTED=1 to rewrite tests/embed.expected instead.
# usage: embed.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
AS_OF=2026-11-28
CFLAGS="-std=c11 -Wall -Wextra -Wpedantic -Werror"

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || exit 1
pc=$(find "$tmp/prefix" -name sovereign.pc | head -n 1)
[ -n "$pc" ] || { echo "no sovereign.pc installed"; exit 1; }
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
libdir=$(dirname "$PKG_CONFIG_PATH")
regimes=$tmp/prefix/share/sovereign/policies/regimes
[ -d "$regimes" ] || { echo "no regimes installed in $regimes"; exit 1; }

# 1. pkg-config, through the example's Makefile when make is there.
mkdir "$tmp/pc"
if command -v make >/dev/null 2>&1; then
  make -s -C "$tmp/pc" -f "$src/examples/embed/Makefile" \
    SRCDIR="$src/examples/embed" CFLAGS="$CFLAGS" \
    PKG_CONFIG_PATH="$PKG_CONFIG_PATH" LDFLAGS="-Wl,-rpath,$libdir" ||
    { echo "pkg-config build failed"; exit 1; }
else
  # shellcheck disable=SC2046,SC2086
  cc $CFLAGS "$src/examples/embed/procurement.c" \
    $(pkg-config --cflags --libs sovereign) -pthread \
    -Wl,-rpath,"$libdir" -o "$tmp/pc/procurement" ||
    { echo "pkg-config build failed"; exit 1; }
fi

# 2. CMake, find_package(sovereign) -> sovereign::sovereign.
if ! cmake -S "$src/examples/embed" -B "$tmp/cm" \
    -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_C_FLAGS=-Werror >/dev/null ||
   ! cmake --build "$tmp/cm" >/dev/null; then
  echo "CMake build failed"; exit 1
fi

# 3. Same output from both builds, whatever the number of threads.
if [ "${SOV_UPDATE_EXPECTED:-}" = 1 ]; then
  "$tmp/pc/procurement" --as-of "$AS_OF" --regimes "$regimes" \
    >"$src/tests/embed.expected"
  echo "rewrote tests/embed.expected"
fi
for bin in "$tmp/pc/procurement" "$tmp/cm/procurement"; do
  for jobs in 1 3; do
    out=$tmp/out
    "$bin" --as-of "$AS_OF" --regimes "$regimes" --jobs "$jobs" >"$out"
    code=$?
    if [ "$code" -ne 0 ]; then
      echo "not ok - $bin --jobs $jobs exited $code"; fail=1
    elif diff -u "$src/tests/embed.expected" "$out"; then
      echo "ok - $bin --jobs $jobs"
    else
      echo "not ok - $bin --jobs $jobs differs from tests/embed.expected"
      fail=1
    fi
  done
done

# A bad date is refused through the library, with a diagnostic.
"$tmp/cm/procurement" --as-of 2026-02-30 --regimes "$regimes" \
  >/dev/null 2>"$tmp/err"
code=$?
if [ "$code" -eq 3 ] && grep -q "2026-02-30" "$tmp/err"; then
  echo "ok - a bad --as-of exits 3 and names the date"
else
  echo "not ok - a bad --as-of: exit $code"; cat "$tmp/err"; fail=1
fi

# 4. The programs of docs/api.md compile and behave as the page says.
extract() { # extract NAME: the ```c block after <!-- example: NAME -->
  awk -v m="<!-- example: $1 -->" '
    $0 == m { want = 1; next }
    want && /^```c$/ { inblk = 1; next }
    inblk && /^```$/ { exit }
    inblk { print }' "$src/docs/api.md"
}
for prog in check_one budget; do
  extract "$prog.c" >"$tmp/$prog.c"
  if [ ! -s "$tmp/$prog.c" ]; then
    echo "not ok - docs/api.md has no $prog.c"; fail=1; continue
  fi
  # shellcheck disable=SC2046,SC2086
  cc $CFLAGS "$tmp/$prog.c" $(pkg-config --cflags --libs sovereign) \
    -Wl,-rpath,"$libdir" -o "$tmp/$prog" ||
    { echo "not ok - $prog.c from docs/api.md does not build"; fail=1; }
done
cd "$src" || exit 2
E=examples/deployments/replica-violation.xml
EU=policies/regimes/eu-gdpr-transfers.xml
UK=policies/regimes/uk-gdpr-transfers.xml
if [ -x "$tmp/check_one" ]; then
  "$tmp/check_one" "$AS_OF" "$E" "$EU" "$UK" >"$tmp/c1"
  code=$?
  if [ "$code" -eq 1 ] &&
     grep -q "^violation eu-gdpr-transfers/gdpr-44-replica: error" \
       "$tmp/c1" &&
     grep -q "^decision: non-compliant" "$tmp/c1"; then
    echo "ok - check_one.c"
  else
    echo "not ok - check_one.c: exit $code"; cat "$tmp/c1"; fail=1
  fi
  "$tmp/check_one" "$AS_OF" tests/golden/neg-unknown-region/deployment.xml \
    "$EU" >/dev/null 2>"$tmp/c1err"
  code=$?
  if [ "$code" -eq 3 ] && grep -q "deployment.xml:4:14: error" "$tmp/c1err"
  then
    echo "ok - check_one.c reports bad input"
  else
    echo "not ok - check_one.c on bad input: exit $code"; fail=1
  fi
fi
if [ -x "$tmp/budget" ]; then
  if "$tmp/budget" "$EU" "$E" >"$tmp/b1" &&
     grep -q "^capped: out of memory, 0 bytes left allocated" "$tmp/b1"
  then
    echo "ok - budget.c"
  else
    echo "not ok - budget.c"; cat "$tmp/b1"; fail=1
  fi
fi

# 5. The man pages are installed and name every option of --help.
mandir=$(find "$tmp/prefix" -type d -name man1 | head -n 1)
bin=$tmp/prefix/bin/sovereign
for cmd in check where catalog test lint validate import; do
  page=$mandir/sovereign-$cmd.1
  if [ -z "$mandir" ] || [ ! -f "$page" ]; then
    echo "not ok - sovereign-$cmd.1 is not installed"; fail=1; continue
  fi
  missing=$("$bin" "$cmd" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u |
    while read -r opt; do
      # In roff, a hyphen is written \- .
      esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
      grep -q -- "$esc" "$page" || printf ' %s' "$opt"
    done)
  if [ -n "$missing" ]; then
    echo "not ok - sovereign-$cmd.1 lacks$missing"; fail=1
  else
    echo "ok - sovereign-$cmd.1 names every option of --help"
  fi
done
if [ -z "$mandir" ] || [ ! -f "$mandir/sovereign.1" ]; then
  echo "not ok - sovereign.1 is not installed"; fail=1
fi

[ $fail -eq 0 ] && echo "embed ok"
exit $fail
