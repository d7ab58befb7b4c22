#!/bin/sh
# Rebuilds the seed corpora under tests/fuzz/corpus/<target>/ from the
# XML files of the tree: examples, shipped regimes and catalog, golden and
# hostile test inputs. Each file goes to the corpora of its kind (by root
# element). Regression inputs (crash-*, regress-*) are kept.
# usage: sh tests/fuzz/seed.sh   (from anywhere)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$top/tests/fuzz/corpus
for t in policy deployment catalog evaluate waivers baseline quickcheck; do
  mkdir -p "$corpus/$t"
  find "$corpus/$t" -type f ! -name 'crash-*' ! -name 'regress-*' \
    -exec rm -f {} +
done

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
for t in policy deployment catalog evaluate waivers baseline quickcheck; do
  echo "$t: $(ls "$corpus/$t" | wc -l) inputs"
done
