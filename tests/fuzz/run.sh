#!/bin/sh
# Builds the fuzz targets with clang (-DSOV_FUZZ=ON: libFuzzer, ASan,
# UBSan), fuzzes each one for FUZZ_SECONDS from a scratch copy of its
# corpus, then replays the checked-in corpora with ctest. Exits non-zero
# when a fuzzer finds a crash, a leak, a timeout or an out-of-memory, or
# when a corpus file fails.
#
# Findings are written to $FUZZ_OUT/<target>/ (crash-*, leak-*, timeout-*,
# oom-*). To minimise one and keep it as a regression input:
#   $FUZZ_BUILD/tests/fuzz/<target>_fuzzer -minimize_crash=1 \
#     -max_total_time=60 -exact_artifact_path=min.xml FILE
#   cp min.xml tests/fuzz/corpus/<target>/regress-<what>.xml
#
# The import targets also start from the third-party plans and templates
# of ../shared/real-inputs/ when that folder exists (copied into the
# scratch corpus only, never into tests/fuzz/corpus).
#
# usage: sh tests/fuzz/run.sh [TARGET...]   (default: all nine targets)
# environment: FUZZ_SECONDS (default 60), FUZZ_BUILD (default build-fuzz),
#   FUZZ_OUT (default $FUZZ_BUILD/fuzz-out), FUZZ_JOBS (default: nproc)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD:-build-fuzz}
out=${FUZZ_OUT:-$build/fuzz-out}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
targets=${*:-policy deployment catalog evaluate waivers baseline quickcheck \
  import_json import_yaml}
real=$top/../shared/real-inputs

command -v clang >/dev/null || {
  echo "run.sh: clang is missing (Debian: apt-get install -y clang)"; exit 2
}
clang --version | head -n 1
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
  -DSOV_FUZZ=ON >/dev/null
for t in $targets; do
  cmake --build "$build" -j"$jobs" --target "${t}_fuzzer" >/dev/null
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in $targets; do
  work=$out/$t
  rm -rf "$work"
  mkdir -p "$work/corpus"
  cp tests/fuzz/corpus/"$t"/* "$work/corpus/"
  case $t in
    import_json) seeds=$(ls "$real"/*/*.json 2>/dev/null || true) ;;
    import_yaml) seeds=$(ls "$real"/cloudformation/* 2>/dev/null || true) ;;
    *) seeds= ;;
  esac
  for f in $seeds; do cp "$f" "$work/corpus/real-$(basename "$f")"; done
  echo "== $t: fuzzing for $seconds s"
  dict=tests/fuzz/xml.dict
  [ "$t" = baseline ] && dict=tests/fuzz/json.dict
  case $t in import_*) dict=tests/fuzz/import.dict ;; esac
  failed=0
  if ! "$build/tests/fuzz/${t}_fuzzer" "$work/corpus" \
      -dict="$dict" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/" >"$work/log.txt" 2>&1; then
    failed=1
  fi
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec)' \
    "$work/log.txt" || true
  grep -E '^#[0-9]+.*(DONE|cov:)' "$work/log.txt" | tail -n 1 || true
  found=$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o \
    -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  # This target's own outcome: one that found something must not make
  # the targets after it look as if they had.
  if [ "$found" -ne 0 ] || [ $failed -ne 0 ]; then
    echo "$t: FINDINGS in $work (log: $work/log.txt)"
    grep -m 3 -E 'ERROR|SUMMARY|runtime error' "$work/log.txt" || true
    status=1
  fi
done

echo "== replaying tests/fuzz/corpus"
pattern=$(echo $targets | sed 's/ /|/g')
(cd "$build" && ctest -R "^fuzz\.replay\.($pattern)\$" \
  --output-on-failure) || status=1
exit $status
