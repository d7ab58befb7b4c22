#!/bin/sh
# Runs the ctypes binding's tests (examples/python/test_sovereign.py): the
# findings read through Python must equal those of `sovereign check -f
# json` for the same inputs. Skips only when python3 is not installed.
# usage: python.sh LIBSOVEREIGN SOVEREIGN_CLI SOURCE_DIR
set -u
if ! command -v python3 >/dev/null 2>&1; then
  echo "skipped: python3 not found"
  exit 0
fi
SOVEREIGN_LIB=$1 SOVEREIGN_CLI=$2
export SOVEREIGN_LIB SOVEREIGN_CLI
cd "$3" || exit 2
# -B: leave no __pycache__ in the source tree.
python3 -B examples/python/test_sovereign.py -v 2>&1
