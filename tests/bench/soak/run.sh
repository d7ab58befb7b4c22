#!/bin/sh
# Soak: one process evaluates TOTAL (1 000 000) deployments through the
# library, one catalog and policy set shared by THREADS (8) threads, and
# prints VmRSS every 100 000 evaluations. Fails when the resident set
# after the last sample is more than 10 % above the one after the first,
# when an evaluation fails, or when the run does not finish.
# usage: tests/bench/soak/run.sh [TOTAL [THREADS]]
# SOAK_BUILD names the (Release) build directory (default: build-soak).
set -eu
cd "$(dirname "$0")/../../.."
src=$(pwd)
total=${1:-1000000}
threads=${2:-8}
build=${SOAK_BUILD:-build-soak}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSOV_TESTS=OFF \
  >/dev/null
cmake --build "$build" -j2 --target sovereign >/dev/null
soak=$build/soak
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Wpedantic -I include \
  tests/bench/soak/soak.c -L "$build" -Wl,-rpath,"$src/$build" \
  -lsovereign -lpthread -o "$soak"
out=$build/soak.out
"$soak" "$src" "$total" "$threads" | tee "$out"
awk '
  /^evaluations/ { if (!first) first = $4; last = $4; n = $2 }
  /^done/ { finished = 1; failures = $4 }
  END {
    if (!first) { print "soak: no RSS sample"; exit 1 }
    if (!finished) { print "soak: the run did not finish"; exit 1 }
    growth = (last - first) * 100 / first
    printf "soak: RSS %d KiB after 100000, %d KiB after %d: %+.1f %%\n",
      first, last, n, growth
    if (failures != 0) { print "soak: evaluations failed"; exit 1 }
    if (growth > 10) { print "soak: RSS grew more than 10 %"; exit 1 }
  }' "$out"
