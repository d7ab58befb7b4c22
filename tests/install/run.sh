#!/bin/sh
# Installs the build to a temporary prefix, then builds and runs a small
# consumer twice: with pkg-config and with find_package(sovereign). Also
# checks that the shared library exports only sov_ symbols.
# usage: run.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
lib=$(dirname "$(find "$tmp/prefix" -name 'sovereign.pc')")/..
PKG_CONFIG_PATH=$(dirname "$(find "$tmp/prefix" -name 'sovereign.pc')")
export PKG_CONFIG_PATH
# shellcheck disable=SC2046
cc "$src/tests/install/consumer.c" $(pkg-config --cflags --libs sovereign) \
  -Wl,-rpath,"$lib" -o "$tmp/with-pkg-config"
"$tmp/with-pkg-config"
cmake -S "$src/tests/install" -B "$tmp/consumer" \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer" >/dev/null
"$tmp/consumer/consumer"
extra=$(nm -D --defined-only "$lib"/libsovereign.so | awk '{print $3}' |
  grep -v '^sov_' || true)
if [ -n "$extra" ]; then
  echo "exported symbols without the sov_ prefix:"; echo "$extra"; exit 1
fi
echo "install ok"
