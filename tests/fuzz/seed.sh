#!/bin/sh
# Rebuilds the seed corpora under tests/fuzz/corpus/<target>/ from the
# files of the tree: examples, shipped regimes and catalog, golden and
# hostile test inputs. Each XML file goes to the corpora of its kind (by
# root element); the plans and templates of tests/import/ and
# tests/hostile/import/ go to the import targets (JSON to import_json,
# YAML and JSON CloudFormation to import_yaml). Regression inputs
# (crash-*, regress-*) are kept. Third-party inputs are never copied here
# (run.sh adds ../shared/real-inputs to its scratch corpus instead).
# usage: sh tests/fuzz/seed.sh [TARGET...]   (from anywhere; default: all)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$top/tests/fuzz/corpus
all="policy deployment catalog evaluate waivers baseline quickcheck
  import_json import_yaml"
targets=${*:-$all}
# Every corpus is seeded into a scratch copy; only the TARGETs' are then
# replaced.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for t in $all; do
  mkdir -p "$scratch/$t" "$corpus/$t"
done
real=$corpus
corpus=$scratch

# add FILE NAME: copies FILE into the corpora for its root element.
add() {
  kind=$(sed -n \
    's/.*<\(policy-set\|deployment\|catalog\|waivers\)[ >\/].*/\1/p' \
    "$1" | head -n 1)
  case $kind in
    policy-set) cp "$1" "$corpus/policy/$2" ;;
    deployment) cp "$1" "$corpus/deployment/$2"
                cp "$1" "$corpus/evaluate/$2"
                cp "$1" "$corpus/quickcheck/$2" ;;
    catalog)    cp "$1" "$corpus/catalog/$2" ;;
    waivers)    cp "$1" "$corpus/waivers/$2" ;;
  esac
}

cd "$top"
for f in examples/deployments/*.xml; do
  add "$f" "example-$(basename "$f")"
done
for f in policies/regimes/*.xml; do
  add "$f" "regime-$(basename "$f")"
done
for f in policies/catalog/*.xml policies/tests/catalogs/*.xml; do
  [ -f "$f" ] && add "$f" "catalog-$(basename "$f")"
done
for f in tests/golden/*/*.xml; do
  case=$(basename "$(dirname "$f")")
  add "$f" "golden-$case-$(basename "$f")"
done
for f in tests/hostile/*.xml; do
  add "$f" "hostile-$(basename "$f")"
done
for f in examples/waivers/*.xml; do
  add "$f" "example-$(basename "$f")"
done
# Baselines: the JSON reports of the golden cases, and their inputs.
for f in tests/golden/*/*.json; do
  case=$(basename "$(dirname "$f")")
  cp "$f" "$corpus/baseline/golden-$case-$(basename "$f")"
done
# Plans and templates: the examples, every fixture of the import tests,
# and the hostile ones (the two nested 100 000 deep are written by their
# test).
for f in examples/terraform/*.json examples/arm/*.json \
    examples/cloudformation/*.json; do
  [ -f "$f" ] || continue
  format=$(basename "$(dirname "$f")")
  cp "$f" "$corpus/import_json/example-$format-$(basename "$f")"
done
for f in examples/cloudformation/*.yaml examples/cloudformation/*.json; do
  [ -f "$f" ] && cp "$f" "$corpus/import_yaml/example-${f##*/}"
done
for f in tests/import/*/*.json; do
  [ -f "$f" ] || continue
  format=$(basename "$(dirname "$f")")
  cp "$f" "$corpus/import_json/$format-$(basename "$f")"
done
for f in tests/import/cloudformation/*; do
  [ -f "$f" ] && cp "$f" "$corpus/import_yaml/cloudformation-${f##*/}"
done
for f in tests/hostile/import/*.json tests/hostile/import/*.yaml; do
  case $f in
    *.json) cp "$f" "$corpus/import_json/hostile-$(basename "$f")" ;;
    *.yaml) cp "$f" "$corpus/import_yaml/hostile-$(basename "$f")" ;;
  esac
done
for t in $targets; do
  find "$real/$t" -type f ! -name 'crash-*' ! -name 'regress-*' \
    -exec rm -f {} +
  find "$scratch/$t" -type f -exec cp {} "$real/$t/" \;
  echo "$t: $(ls "$real/$t" | wc -l) inputs"
done
