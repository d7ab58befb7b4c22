#!/bin/sh
# Opens HTML reports in headless Chromium with the network unreachable
# and checks the page as the browser built it (--dump-dom): the map's
# colours, the diagram's nodes, the findings, the filter, the index of a
# batch, a page read with scripts off, the Content-Security-Policy, and
# that hostile texts stay text. Writes a screenshot of the first example
# to OUT_DIR/replica-violation.png.
# usage: browser.sh SOVEREIGN SOURCE_DIR OUT_DIR
set -u
bin=$1 src=$2 outdir=$3
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium is not installed (sh .ci/install-deps installs it)"
  exit 1
fi
mkdir -p "$outdir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
fail=0 passed=0

# No name resolves and every request goes to a closed port: a page that
# tried to fetch anything would get nothing.
browse() {
  timeout 90 "$chromium" --headless=new --no-sandbox --disable-gpu \
    --no-first-run --disable-extensions --disable-sync \
    --disable-background-networking --disable-component-update \
    --host-resolver-rules='MAP * ~NOTFOUND' --proxy-server=127.0.0.1:9 \
    --user-data-dir="$tmp/profile" --virtual-time-budget=5000 "$@" \
    2>>"$tmp/chromium.log"
}

ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; fail=1; }
has() { # has FILE TEXT WHAT: the dumped page holds TEXT
  if grep -qF -- "$2" "$1"; then ok; else bad "$3 (no '$2')"; fi
}
lacks() {
  if grep -qF -- "$2" "$1"; then bad "$3 ('$2' found)"; else ok; fi
}
count() { # count FILE TEXT N WHAT
  n=$(grep -oF -- "$2" "$1" | wc -l)
  if [ "$n" -eq "$3" ]; then ok; else bad "$4: $n, expected $3"; fi
}

gdpr=policies/regimes/eu-gdpr-transfers.xml
"$bin" check -p $gdpr --as-of 2026-11-28 -f html \
  examples/deployments/replica-violation.xml >"$tmp/replica.html"
"$bin" check -p $gdpr --as-of 2026-11-28 -f html \
  examples/deployments/compliant.xml \
  examples/deployments/replica-violation.xml >"$tmp/batch.html"
"$bin" check -p $gdpr -p tests/html/hostile-policy.xml --as-of 2026-11-28 \
  -f html tests/html/hostile.xml >"$tmp/hostile.html"

# The first example, as a reader opens it.
page="file://$tmp/replica.html"
browse --dump-dom "$page" >"$tmp/dom.html"
has "$tmp/dom.html" '<use href="#c-US" class="land v-violation" fill="#c62828" data-country="US" data-verdict="violation">' \
  "map: the United States (replica) in red"
has "$tmp/dom.html" '<use href="#c-BR" class="land v-compliant" fill="#2e7d32" data-country="BR" data-verdict="compliant">' \
  "map: Brazil in green"
has "$tmp/dom.html" '<use href="#c-DE" class="land v-compliant"' \
  "map: Germany in green"
lacks "$tmp/dom.html" 'data-country="FR"' "map: nothing lands in France"
has "$tmp/dom.html" '<title>br-customer-db</title>' "diagram: component node"
has "$tmp/dom.html" '<title>eu-reporting</title>' "diagram: second node"
has "$tmp/dom.html" '<title>br-customer-db replica US-TX azure:southcentralus</title>' \
  "diagram: the replica's node"
has "$tmp/dom.html" 'stroke="red"' "diagram: a red edge or node"
count "$tmp/dom.html" '<article class="finding' 10 "findings listed"
count "$tmp/dom.html" '<article class="finding v-violation"' 2 "violations"
has "$tmp/dom.html" 'href="https://eur-lex.europa.eu/eli/reg/2016/679/oj"' \
  "a citation links to the law"
has "$tmp/dom.html" 'data-shown="10"' "the script ran: every finding shown"
lacks "$tmp/dom.html" '<form id="filter" class="filter" role="search" aria-label="Filter the findings" hidden' \
  "the filter is shown when the script runs"
lacks "$tmp/dom.html" '<nav id="index" aria-label="Deployments"><table>' \
  "no index for one deployment"

# The filter, set from the address.
browse --dump-dom "$page#filter?verdict=violation" >"$tmp/filtered.html"
has "$tmp/filtered.html" 'data-shown="2"' "filter: two violations shown"
count "$tmp/filtered.html" '<article class="finding v-compliant" data-verdict="compliant" data-policy="eu-gdpr-transfers" data-component="eu-reporting" hidden=""' 4 \
  "filter: compliant findings of eu-reporting hidden"
browse --dump-dom "$page#filter?component=eu-rep" >"$tmp/filtered2.html"
has "$tmp/filtered2.html" 'data-shown="5"' "filter by component"
has "$tmp/filtered2.html" '<section class="comp" data-component="br-customer-db" hidden=""' \
  "filter: a component with nothing shown is hidden"

# With scripts off the page still reads: every finding, no dead controls.
# --dump-dom needs scripts of its own, so the page, unchanged, is shown in
# a frame sandboxed without scripts, and the frame around it copies what
# the browser made of it into its own document for the dump (markup put
# in with innerHTML runs no script either).
cp "$tmp/replica.html" "$tmp/sandboxed.html"
cat >"$tmp/frame.html" <<'FRAME'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>frame</title></head><body>
<iframe id="f" sandbox="allow-same-origin" src="sandboxed.html"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument;
  document.documentElement.innerHTML = d ? d.documentElement.innerHTML :
    '<body>the frame could not be read</body>';
});
</script>
</body></html>
FRAME
browse --allow-file-access-from-files --dump-dom "file://$tmp/frame.html" \
  >"$tmp/noscript.html"
lacks "$tmp/noscript.html" 'the frame could not be read' \
  "no script: the sandboxed page was read"
lacks "$tmp/noscript.html" 'data-shown="' "no script: the page's script did not run"
count "$tmp/noscript.html" '<article class="finding' 10 "no script: findings"
has "$tmp/noscript.html" 'aria-label="Filter the findings" hidden' \
  "no script: the filter stays hidden"

# A batch gets a sortable index linking to each deployment.
browse --dump-dom "file://$tmp/batch.html" >"$tmp/batchdom.html"
has "$tmp/batchdom.html" '<nav id="index" aria-label="Deployments"><table><caption>2 deployments</caption>' \
  "batch: index table"
has "$tmp/batchdom.html" '<a href="#dep-webshop-eu">webshop-eu</a>' \
  "batch: index links to the first deployment"
has "$tmp/batchdom.html" '<a href="#dep-retail-brazil">retail-brazil</a>' \
  "batch: index links to the second"
browse --dump-dom "file://$tmp/batch.html#dep-retail-brazil" \
  >"$tmp/opened.html"
has "$tmp/opened.html" '<details class="dep-body" open="">' \
  "batch: following a link opens that deployment"

# where: the countries a component may go to, in green.
"$bin" where -p $gdpr --as-of 2026-11-28 -d personal --provider azure \
  -f html >"$tmp/where.html"
browse --dump-dom "file://$tmp/where.html" >"$tmp/wheredom.html"
has "$tmp/wheredom.html" '<use href="#c-DE" class="land v-compliant" fill="#2e7d32" data-country="DE" data-verdict="allowed">' \
  "where: Germany allowed"
has "$tmp/wheredom.html" '<use href="#c-US" class="land v-violation" fill="#c62828" data-country="US" data-verdict="ruled-out">' \
  "where: the United States ruled out"
has "$tmp/wheredom.html" '<tr data-allowed="no"><th scope="row"><code>azure:eastus</code>' \
  "where: a ruled-out candidate listed"

# Hostile texts stay text; nothing in them runs or links.
browse --dump-dom "file://$tmp/hostile.html" >"$tmp/hostiledom.html"
has "$tmp/hostiledom.html" '<title>sovereign: where the data goes</title>' \
  "hostile: no script changed the page title"
lacks "$tmp/hostiledom.html" 'owned</title>' "hostile: title untouched"
lacks "$tmp/hostiledom.html" '<img' "hostile: no image element"
lacks "$tmp/hostiledom.html" 'href="javascript:' "hostile: no javascript: link"
lacks "$tmp/hostiledom.html" '<b onmouseover' "hostile: no element from a title"
has "$tmp/hostiledom.html" '&lt;script&gt;document.title=' \
  "hostile: the title shows as text"
has "$tmp/hostiledom.html" '\u202etxt.exe' \
  "hostile: the right-to-left override is shown escaped"

# The policy admits only the page's own script: a changed one is refused.
sed 's/"use strict";/"use strict"; document.title = "changed";/' \
  "$tmp/replica.html" >"$tmp/tampered.html"
browse --dump-dom "file://$tmp/tampered.html" >"$tmp/tampereddom.html"
lacks "$tmp/tampereddom.html" 'data-shown=' "CSP: a script not hashed does not run"
lacks "$tmp/tampereddom.html" '<title>changed' "CSP: the title stays"
has "$tmp/replica.html" "default-src 'none'" "CSP: nothing may be fetched"

# A picture of the first example, for the docs.
rm -f "$outdir/replica-violation.png"
browse --hide-scrollbars --window-size=1200,2600 \
  --screenshot="$outdir/replica-violation.png" "$page" >/dev/null
if [ -s "$outdir/replica-violation.png" ] &&
   head -c 8 "$outdir/replica-violation.png" | grep -q PNG; then
  ok
else
  bad "screenshot not written"
fi

echo "browser: $passed passed, $([ $fail = 0 ] && echo 0 || echo some) failed"
[ $fail = 0 ] || { echo "chromium said:"; tail -20 "$tmp/chromium.log"; }
exit $fail
