#!/bin/sh
# What reaches a terminal or a report, and errors said once and well
# (README.md lists the inputs): control characters, bidirectional
# controls and bytes that are not UTF-8 are shown escaped in diagnostics,
# source snippets and every report format; a snippet of a 15 MiB line
# stays short; UTF-16 and UTF-32 are named; a region paired with itself
# is an error; a usage error is said once, before any input is read; an
# override of built-in catalog facts is noted in the text and JSON
# reports. Each case checks the exit code and the messages, and at the
# end every input is byte for byte as it was.
#
# The bound is 5 s per command (times 10 when the third argument is
# "sanitized", times $SOV_TIME_SCALE when set).
#
# usage: run.sh SOVEREIGN SOURCE_DIR [sanitized|plain]
set -u
bin=$1
src=$2
mode=${3:-plain}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
here=$src/tests/hostile/escape
gdpr=$src/policies/regimes/eu-gdpr-transfers.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scale=${SOV_TIME_SCALE:-1}
[ "$mode" = sanitized ] && scale=$((scale * 10))
bound=$((5 * scale))
fail=0
count=0

# Checksums of every input, taken before it is first read and compared
# at the end.
remember() {
  printf '%s\n' "$1" >>"$tmp/files"
  cksum <"$1" >>"$tmp/before"
}
mkdir -p "$tmp/in"
: >"$tmp/files"
: >"$tmp/before"
for f in "$here"/*.xml "$gdpr" "$src/examples/deployments/compliant.xml"; do
  remember "$f"
done

ok() { count=$((count + 1)); echo "ok - $1"; }
not_ok() {
  count=$((count + 1)); echo "not ok - $1: $2"; fail=1
  sed 's/^/  # /' "$tmp/stderr" | head -n 8
}

# run EXIT ARGS...: `sovereign ARGS...` in the fixtures' folder (so that
# messages name files as given), within the bound; sets $why when the
# exit code is not EXIT.
run() {
  want=$1
  shift
  (cd "$here" && exec timeout "$bound" "$bin" "$@") \
    >"$tmp/stdout" 2>"$tmp/stderr"
  code=$?
  why=
  [ "$code" -eq "$want" ] || why="exit code $code, not $want"
}

# same FILE: $why unless FILE is what $tmp/want holds.
same() {
  [ -z "$why" ] && ! cmp -s "$1" "$tmp/want" &&
    why="$(basename "$1") differs: $(diff "$tmp/want" "$1" | head -n 3 |
      tr '\n' ' ')"
}

# The bytes of a file as " 3c 64 ... " for grep.
hex() { od -An -v -tx1 "$1" | tr -s ' \n' '  '; }

# raw FILE: $why when FILE holds what a terminal would obey: a C0
# control other than tab and line feed, DEL, a C1 control, a
# bidirectional override or isolate, or a byte never found in UTF-8.
raw() {
  [ -z "$why" ] && hex "$1" | grep -Eq \
    ' (0[0-8bcdef]|1[0-9a-f]|7f|c0|c1|f[5-9a-f]) | c2 [89][0-9a-f] | e2 80 a[a-e] | e2 81 a[6-9] ' &&
    why="$(basename "$1") holds a control character"
}

# caret: $why unless the caret of the snippet in $tmp/stderr stands
# under TEXT on the line above it (tabs at 8 columns).
caret() {
  [ -z "$why" ] && ! expand -t8 "$tmp/stderr" | T=$1 awk '
    BEGIN { t = ENVIRON["T"] }
    /^ *\^$/ { c = index($0, "^"); if (substr(prev, c, length(t)) == t)
               f = 1 }
    { prev = $0 } END { exit !f }' && why="the caret is not under '$1'"
}

verdict() { if [ -z "$why" ]; then ok "$1"; else not_ok "$1" "$why"; fi; }

# ------------------------------------------------------------------ #
# Row 8: ESC [31m, ESC ]0; ... BEL in a title, a syntax error on that line.
run 3 check -p "$gdpr" escape-title.xml
cat >"$tmp/want" <<'EOF'
escape-title.xml:4:65: error: malformed XML: invalid character in attribute value
  expected: well-formed XML
  <deployment xmlns="urn:sovereign:deployment:1" id="shop" title="\x1b[31mred \x1b]0;owned\x07" <oops>
                                                                  ^
sovereign: cannot check escape-title.xml: invalid input document
EOF
same "$tmp/stderr"; raw "$tmp/stderr"; caret '\x1b[31m'
verdict "escape sequences in a snippet are shown escaped (row 8)"

# A C1 control, a right-to-left override, DEL, a tab and a byte that is
# not UTF-8 before the error: escaped, the caret still under its column.
run 3 check -p "$gdpr" snippet-controls.xml
printf '%s\n' \
  'snippet-controls.xml:5:76: error: malformed XML: Input is not proper UTF-8, indicate encoding ! Bytes: 0xFF 0x22 0x20 0x3E' \
  '  expected: well-formed XML' \
  '  <deployment xmlns="urn:sovereign:deployment:1" id="shop" title="a\u009b31mb\u202ec\x7f	d\xff" >' \
  '                                                                                        	 ^' \
  'sovereign: cannot check snippet-controls.xml: invalid input document' \
  >"$tmp/want"
same "$tmp/stderr"; raw "$tmp/stderr"; caret '\xff'
verdict "C1, bidi, DEL and invalid UTF-8 in a snippet, caret aligned"

run 3 validate snippet-after-controls.xml
caret '<oops>'; raw "$tmp/stderr"
verdict "the caret stays aligned after escaped characters"

# A file name with ESC ]0; ... BEL and a byte that is not UTF-8, in the
# diagnostic, in each report, and in the message of the tool.
evil=$(printf 'evil\033]0;x\007\377')
cp "$here/escape-title.xml" "$tmp/in/$evil.xml"
remember "$tmp/in/$evil.xml"
run 3 check -p "$gdpr" "$tmp/in/$evil.xml"
grep -qF 'evil\x1b]0;x\x07\xff.xml:4:65: error: malformed XML' \
  "$tmp/stderr" || why=${why:-"the file name is not escaped"}
hex "$tmp/stderr" | grep -q ' 5c 78 31 62 ' || why=${why:-"no \\x1b"}
raw "$tmp/stderr"
verdict "a file name in a diagnostic and in the tool's own message is escaped"

# bidi-title.xml checks as indeterminate (exit 2): its US database states
# no DPF certification, so the GDPR transfer rules cannot decide.
cp "$here/bidi-title.xml" "$tmp/in/${evil}2.xml"
remember "$tmp/in/${evil}2.xml"
run 2 check -p "$gdpr" --as-of 2026-11-28 "$tmp/in/${evil}2.xml"
head -n 1 "$tmp/stdout" | grep -qF 'from '"$tmp"'/in/evil\x1b]0;x\x07\xff2.xml' ||
  why=${why:-"the text report does not escape the file name"}
raw "$tmp/stdout"
for f in json sarif junit markdown ndjson dot; do
  [ -n "$why" ] && break
  run 2 check -f "$f" -p "$gdpr" --as-of 2026-11-28 "$tmp/in/${evil}2.xml"
  raw "$tmp/stdout"
  [ -z "$why" ] && [ "$f" = json ] &&
    ! grep -qF 'evil\u001b]0;x\u0007\ufffd2.xml"' "$tmp/stdout" &&
    why="the JSON report does not escape the file name"
  [ -n "$why" ] && why="$f: $why"
done
verdict "a file name in every report is escaped (ESC, BEL, 0xFF)"

# Row 9: U+202E, U+009B, an isolate and DEL in a title and a waiver note.
run 2 check -p "$gdpr" --as-of 2026-11-28 bidi-title.xml
head -n 1 "$tmp/stdout" >"$tmp/line"
printf '%s\n' 'Deployment shop (Invoice \u202efdp.exe\u202c \u009b31m red \u2066iso\u2069 del\x7f) from bidi-title.xml' >"$tmp/want"
same "$tmp/line"
grep -qF '  Waiver:  waived until 2030-01-01 (bidi-title.xml:15): Approved \u202e by \u009b legal.' \
  "$tmp/stdout" || why=${why:-"the waiver note is not escaped"}
raw "$tmp/stdout"
verdict "bidi and C1 controls in the text report are escaped (row 9)"

# Each format by its own rules: JSON and SARIF as \u escapes, JUnit as
# character references, Markdown and DOT as the text report, with the
# backslash escaped for their own syntax.
for f in json:'"title":"Invoice \u202efdp.exe\u202c \u009b31m red \u2066iso\u2069 del\u007f"' \
    sarif:'"title": "Invoice \u202efdp.exe\u202c \u009b31m red \u2066iso\u2069 del\u007f"' \
    junit:'value="Invoice &#x202e;fdp.exe&#x202c; &#x9b;31m red &#x2066;iso&#x2069; del&#x7f;"' \
    markdown:'(Invoice \\u202efdp.exe\\u202c \\u009b31m red \\u2066iso\\u2069 del\\x7f)' \
    ndjson:'"waiver":"waived until 2030-01-01 (bidi-title.xml:15): Approved \u202e by \u009b legal."' \
    dot:'label="shop (Invoice \\u202efdp.exe\\u202c \\u009b31m red \\u2066iso\\u2069 del\\x7f)\n'; do
  fmt=${f%%:*} text=${f#*:}
  run 2 check -f "$fmt" -p "$gdpr" --as-of 2026-11-28 bidi-title.xml
  raw "$tmp/stdout"
  [ -z "$why" ] && ! grep -qF -- "$text" "$tmp/stdout" &&
    why="no $text"
  verdict "$fmt: bidi and C1 controls escaped by the format's rules"
done

# Row 10: a 15 MiB attribute on a line with an error.
{
  printf '<deployment xmlns="urn:sovereign:deployment:1" id="x" title="'
  head -c 15728640 /dev/zero | tr '\0' A
  printf '" <oops>\n</deployment>\n'
} >"$tmp/in/huge-line.xml"
remember "$tmp/in/huge-line.xml"
run 3 check -p "$gdpr" "$tmp/in/huge-line.xml"
size=$(wc -c <"$tmp/stderr")
[ -z "$why" ] && [ "$size" -gt 1000 ] && why="$size bytes of stderr"
[ -z "$why" ] && ! grep -q '^  <deployment .*title="AAAA*\.\.\.$' \
  "$tmp/stderr" && why="no snippet cut short"
verdict "a 15 MiB line gives a short snippet (row 10, $size bytes)"

# Row 11: UTF-16 and UTF-32 are named, whatever the document.
enc() { # enc FILE ENCODING TAIL EXIT ARGS...
  file=$1 name=$2 tail=$3 want=$4
  shift 4
  run "$want" "$@"
  printf '%s\n' "$file:1:1: error: the file is encoded as $name; save it as UTF-8" \
    '  expected: UTF-8' >"$tmp/want"
  [ -n "$tail" ] && printf '%s\n' "$tail" >>"$tmp/want"
  same "$tmp/stderr"
  verdict "$file: \"encoded as $name\" (row 11)"
}
enc utf16le-policy.xml UTF-16 \
  'sovereign: cannot load policy utf16le-policy.xml: invalid input document' \
  3 check -p utf16le-policy.xml "$src/examples/deployments/compliant.xml"
enc utf16be-deployment.xml UTF-16 \
  'sovereign: cannot check utf16be-deployment.xml: invalid input document' \
  3 check -p "$gdpr" --from deployment utf16be-deployment.xml
enc utf16le-nobom-deployment.xml UTF-16 '' \
  3 validate --from deployment utf16le-nobom-deployment.xml
enc utf32le-catalog.xml UTF-32 \
  'sovereign: cannot load the catalog: invalid input document' \
  3 catalog providers --catalog utf32le-catalog.xml

# Row 12: a region paired with itself.
for cmd in validate "catalog regions --catalog"; do
  # shellcheck disable=SC2086
  run 3 $cmd self-paired.xml
  cat >"$tmp/want" <<'EOF'
self-paired.xml:9:13: error: region 'ber1' is paired with itself
  expected: another region of this provider, or "none"
              pair="ber1"/>
              ^
EOF
  [ "$cmd" = validate ] ||
    echo 'sovereign: cannot load the catalog: invalid input document' \
      >>"$tmp/want"
  same "$tmp/stderr"
  verdict "$cmd: a region paired with itself is an error (row 12)"
done

# Row 13: a usage error is said once, before any input is read (the
# missing policy would be a second message if anything were read).
mkdir -p "$tmp/in/many"
i=0
while [ $i -lt 300 ]; do
  cp "$src/examples/deployments/compliant.xml" "$tmp/in/many/d$i.xml"
  remember "$tmp/in/many/d$i.xml"
  i=$((i + 1))
done
usage() { # usage MESSAGE ARGS...
  msg=$1
  shift
  run 3 "$@"
  printf '%s\n' "$msg" >"$tmp/want"
  same "$tmp/stderr"
  [ -z "$why" ] && [ -s "$tmp/stdout" ] && why="output on stdout"
  verdict "said once: $msg (row 13)"
}
usage "sovereign: --as-of expects a date YYYY-MM-DD, not '2026-13-01'" \
  check -p "$gdpr" --as-of 2026-13-01 "$tmp/in/many"
usage "sovereign: --as-of expects a date YYYY-MM-DD, not '2026-02-29'" \
  check -p "$tmp/no-such-policy.xml" "$tmp/in/many" --as-of 2026-02-29
usage "sovereign: unknown format 'yaml' (expected text, json, sarif, junit, markdown, ndjson, dot or html)" \
  check -p "$tmp/no-such-policy.xml" -f yaml "$tmp/in/many"
usage "sovereign: unknown option '--colour' (see 'sovereign check --help')" \
  check -p "$tmp/no-such-policy.xml" "$tmp/in/many" --colour never
usage "sovereign: -j expects a number from 1 to 64, not '0'" \
  check -p "$tmp/no-such-policy.xml" -j 0 "$tmp/in/many"
usage "sovereign: -j expects a number from 1 to 64, not '2x'" \
  check -p "$tmp/no-such-policy.xml" -j 2x "$tmp/in/many"
usage "sovereign: --as-of expects a date YYYY-MM-DD, not 'today'" \
  where -p "$tmp/no-such-policy.xml" --as-of today
usage "sovereign: --as-of expects a date YYYY-MM-DD, not '2026-04-31'" \
  lint --as-of 2026-04-31 "$tmp/no-such-policy.xml"
run 0 check -p "$gdpr" --as-of 2024-02-29Z -q "$tmp/in/many/d1.xml"
verdict "a leap day with a time zone is a date"

# An override that changes built-in facts: a note in the text report's
# header and catalog_overrides in the JSON report; none without one, nor
# for an override that changes nothing.
note='Note: override-scaleway.xml:6 overrides the built-in provider scaleway: region fr-par: pair nl-ams (built-in: none); region nl-ams: country US (built-in: NL); region pl-waw removed; region de-fra added.'
# Exit 2: the override puts nl-ams in the US, and the deployment states no
# DPF certification, so the GDPR transfer rules cannot decide.
run 2 check -p "$gdpr" --catalog override-scaleway.xml --as-of 2026-11-28 \
  scaleway-deployment.xml
sed -n 4p "$tmp/stdout" >"$tmp/line"
printf '%s\n' "$note" >"$tmp/want"
same "$tmp/line"
verdict "an override of built-in facts is noted in the text report"
run 2 check -f json -p "$gdpr" --catalog override-scaleway.xml \
  --as-of 2026-11-28 scaleway-deployment.xml
grep -qF ',"catalog_overrides":[{"kind":"provider","id":"scaleway","location":{"file":"override-scaleway.xml","line":6},"changes":["region fr-par: pair nl-ams (built-in: none)","region nl-ams: country US (built-in: NL)","region pl-waw removed","region de-fra added"]}],"findings":[' \
  "$tmp/stdout" || why=${why:-"no catalog_overrides"}
# The JSON report with the note matches the schema of docs/report-json.md
# (when the validator of tests/formats/install.sh is there).
if [ -z "$why" ] && command -v node >/dev/null 2>&1 &&
    [ -d "$src/tests/formats/node_modules/ajv" ]; then
  cp "$tmp/stdout" "$tmp/override.json"
  node "$src/tests/formats/validate-json.js" "$src/docs/report-json.md" \
    "$tmp/override.json" >/dev/null 2>&1 ||
    why="the report does not match the schema"
fi
verdict "an override of built-in facts is in the JSON report"

# The tool's own NDJSON error line escapes an id as the library's JSON
# does: C1 and bidi characters as \u escapes, nothing raw.
printf '{"id":"x\\u009b\\u202e","xml":"<bad"}\n' >"$tmp/ndjson-in"
(cd "$here" && timeout "$bound" "$bin" check -p "$gdpr" --stdin-ndjson \
  <"$tmp/ndjson-in") >"$tmp/stdout" 2>"$tmp/stderr"
why=
grep -qF '{"id":"x\u009b\u202e","status":"error"' "$tmp/stdout" ||
  why="the NDJSON error line does not escape the id"
raw "$tmp/stdout"
verdict "the NDJSON error line escapes C1 and bidi characters"
for cat in "" "--catalog override-same.xml"; do
  # shellcheck disable=SC2086
  run 0 check -p "$gdpr" $cat --as-of 2026-11-28 scaleway-deployment.xml
  grep -q '^Note:' "$tmp/stdout" && why="a note"
  # shellcheck disable=SC2086
  run 0 check -f json -p "$gdpr" $cat --as-of 2026-11-28 \
    scaleway-deployment.xml
  grep -q catalog_overrides "$tmp/stdout" && why="catalog_overrides"
  verdict "no override note ${cat:-without a user catalog}"
done

# Every input as it was.
while read -r f; do cksum <"$f"; done <"$tmp/files" >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then
  ok "every input is byte for byte as it was"
else
  why="inputs changed"; not_ok "inputs unchanged" "$why"
fi

echo "$count cases, $([ $fail -eq 0 ] && echo all passed || echo FAILED)"
exit $fail
