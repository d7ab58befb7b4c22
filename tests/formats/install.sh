#!/bin/sh
# Installs the JSON Schema validator that tests/formats/sarif.sh runs (ajv
# and ajv-formats, at the exact versions of package-lock.json) into
# tests/formats/node_modules, unless it is there already. Needs node and
# npm. Safe to run again: it does nothing when the install is complete.
# usage: sh tests/formats/install.sh
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
if [ -f "$dir/node_modules/ajv-draft-04/package.json" ] &&
   [ -f "$dir/node_modules/@microsoft/jest-sarif/package.json" ] &&
   [ -f "$dir/node_modules/ajv/package.json" ] &&
   [ -f "$dir/node_modules/ajv-formats/package.json" ]; then
  exit 0
fi
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "tests/formats/install.sh: $tool is not installed" >&2
    exit 1
  fi
done
echo "installing the SARIF validator into tests/formats/node_modules"
# npm ci installs exactly what package-lock.json names, and only that;
# --prefer-offline takes the packages from npm's cache when it has them.
npm ci --prefix "$dir" --prefer-offline --no-audit --no-fund \
  --loglevel=error
