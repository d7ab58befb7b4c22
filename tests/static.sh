#!/bin/sh
# Static and dynamic checks of the library, each of which must report
# nothing:
#  1. cppcheck on evaluator/ (suppressions, each with its reason, in
#     .cppcheck-suppressions);
#  2. clang-tidy on the library sources (checks and reasons in .clang-tidy),
#     with the compile_commands.json of a build configured for it;
#  3. valgrind memcheck on `sovereign check` of every example deployment
#     against the shipped GDPR regime, in every report format and with
#     --suggest, and of the hostile deployments of tests/hostile/: no
#     invalid access, no uninitialised value, no leak.
# Exits non-zero on the first tool that reports anything.
# usage: sh tests/static.sh   (environment: STATIC_BUILD, default
#   build-static, the build directory it configures and uses)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${STATIC_BUILD:-build-static}
jobs=$(nproc 2>/dev/null || echo 2)
for tool in cppcheck clang-tidy valgrind cmake; do
  command -v "$tool" >/dev/null || {
    echo "static.sh: $tool is missing (Debian: apt-get install -y $tool)"
    exit 2
  }
done
cppcheck --version
clang-tidy --version | sed -n 's/.*LLVM version/clang-tidy/p'
valgrind --version

echo "== cppcheck"
cppcheck --enable=warning,style,performance,portability --std=c11 \
  --error-exitcode=1 --suppressions-list=.cppcheck-suppressions \
  --inline-suppr -q -I include -I evaluator evaluator

echo "== clang-tidy"
cmake -S . -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j"$jobs" --target sovereign_cli >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2046
if clang-tidy --quiet -p "$build" $(ls evaluator/*.c evaluator/*/*.c | grep -v "^evaluator/cli/") >"$log" 2>&1; then
  tidy=0
else
  tidy=1
fi
grep -v 'warnings\{0,1\} generated\.$' "$log" || true
[ $tidy -eq 0 ] || { echo "clang-tidy: findings"; exit 1; }

echo "== valgrind memcheck"
# --error-exitcode is 99, not 1: `sovereign check` itself exits 1 for a
# non-compliant deployment, 2 for an indeterminate one and 3 for bad
# input.
policy=policies/regimes/eu-gdpr-transfers.xml
fail=0
# memcheck MAX_EXIT FILE OPTIONS...: one run, which must exit <= MAX_EXIT.
memcheck() {
  max=$1 file=$2
  shift 2
  if valgrind -q --tool=memcheck --leak-check=full \
      --errors-for-leak-kinds=definite,indirect,possible \
      --error-exitcode=99 "$build/sovereign" check -p "$policy" \
      --as-of 2026-11-28 "$@" "$file" >/dev/null 2>"$log"; then
    code=0
  else
    code=$?
  fi
  if [ "$code" -eq 99 ] || [ "$code" -gt "$max" ]; then
    echo "FAIL: $file ($*): exit $code"; cat "$log"; fail=1
  else
    echo "ok: $file ($*): exit $code"
  fi
}
for d in examples/deployments/*.xml; do
  for f in text json sarif junit markdown ndjson dot; do
    memcheck 2 "$d" --format "$f"
  done
  memcheck 2 "$d" --suggest --verbose
done
# Hostile deployments: refused (exit 3) or evaluated, with no error.
for d in tests/hostile/*.xml; do
  grep -q '<deployment' "$d" && memcheck 3 "$d"
done
[ $fail -eq 0 ] && echo "static checks: no findings"
exit $fail
