#!/bin/sh
# Writing -o and walking inputs, tried as a hostile user would (issue 18,
# rows 1-7 and 14; README.md lists the cases). Each case asserts the exit
# code, a line of stderr or stdout, that every input file (and link) is
# byte for byte as it was, and a time bound: 2 s per case, times 10 when
# the third argument is "sanitized", times $SOV_TIME_SCALE when set.
# Peak memory is asserted with GNU time when present and not sanitized.
#
# usage: run.sh SOVEREIGN SOURCE_DIR [sanitized|plain]
set -u
bin=$1
src=$2
mode=${3:-plain}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
tmp=$(mktemp -d)
trap 'exec 3>&- 4>&-; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
scale=${SOV_TIME_SCALE:-1}
[ "$mode" = sanitized ] && scale=$((scale * 10))
bound_ms=$((2000 * scale))
fail=0
count=0
AS_OF="--as-of 2026-11-28"

now_ms() { date +%s%3N; }
ok() { count=$((count + 1)); echo "ok - $1"; }
skip() { count=$((count + 1)); echo "ok - $1 # skip $2"; }
not_ok() {
  count=$((count + 1))
  echo "not ok - $1: $2"
  sed 's/^/  # /' err 2>/dev/null | head -n 5
  fail=1
}
# check NAME COMMAND...: one assertion.
check() { n=$1; shift; if "$@"; then ok "$n"; else not_ok "$n" failed; fi; }

# The inputs live under in/; their state is every path with its bytes'
# checksum or its link's target.
mkdir in out
cp "$src/policies/regimes/eu-gdpr-transfers.xml" in/p.xml
cp "$src/examples/deployments/compliant.xml" in/d.xml
cp "$src/examples/waivers/retail-brazil.xml" in/w.xml
cp "$src/examples/terraform/plan.json" in/plan.json
cp "$src/examples/terraform/annotations.xml" in/ann.xml
ln -s d.xml in/dlink
printf 'in/d.xml\n' >in/list
mkdir -p in/tree/sub
cp in/d.xml in/tree/a.xml
cp "$src/examples/deployments/replica-violation.xml" in/tree/sub/b.xml
ln in/tree/a.xml in/tree/sub/hard.xml
ln -s . in/tree/loop
ln -s . in/tree/again
ln -s .. in/tree/sub/up
ln -s sub/b.xml in/tree/soft.xml
ln -s tree in/treelink
mkdir in/pol
printf '%s\n' '<policy-set xmlns="urn:sovereign:policy:1" id="main" title="Main">' \
  '  <include href="part.xml"/>' '</policy-set>' >in/pol/main.xml
sed 's/id="eu-gdpr-transfers"/id="part"/' in/p.xml >in/pol/part.xml
cp -r "$src/tests/golden/catalog-include" in/cat
"$bin" check -p in/p.xml $AS_OF in/d.xml >ref.txt 2>/dev/null
"$bin" check -p in/p.xml $AS_OF -f json in/d.xml >in/base.json 2>/dev/null

state() {
  find in | LC_ALL=C sort | while IFS= read -r f; do
    if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"
    elif [ -f "$f" ]; then echo "$f $(cksum <"$f")"
    else echo "$f/"; fi
  done
}
state >state.0

# run NAME EXIT LINE ARG...: `sovereign ARG...` with stdin from $stdin
# (default /dev/null) and ${wrap} before it; stdout in out.txt, stderr in
# err. It must exit EXIT within the bound, print LINE (when not empty)
# as a whole line of stderr or stdout, and change no input.
run() {
  name=$1 want=$2 line=$3
  shift 3
  t0=$(now_ms)
  # shellcheck disable=SC2086
  timeout $((bound_ms * 5 / 1000 + 5)) ${wrap:-} "$bin" "$@" \
    <"${stdin:-/dev/null}" >out.txt 2>err
  code=$?
  ms=$(($(now_ms) - t0))
  why=
  [ $code -eq "$want" ] || why="exit code $code, not $want"
  [ -z "$why" ] && [ -n "$line" ] && ! grep -qxF -- "$line" err out.txt &&
    why="no line '$line'"
  state >state.1
  [ -z "$why" ] && ! cmp -s state.0 state.1 && why="an input changed"
  [ -z "$why" ] && [ "$ms" -gt "$bound_ms" ] &&
    why="took $ms ms, over $bound_ms ms"
  if [ -z "$why" ]; then ok "$name ($ms ms)"; else not_ok "$name" "$why"; fi
}

mode_of() { ls -ld "$1" | cut -c1-10; }
no_temp() { ! ls -A "$1" | grep -q '^\.'; }
lines() { [ "$(wc -l <"$1")" -eq "$2" ]; }
C="check -p in/p.xml $AS_OF"

# ------------------------------------------------------------------
# Row 1: devices and FIFOs are written in place; write errors fail.
if [ "$(id -u)" -eq 0 ] && [ -c /dev/full ] && [ -c /dev/null ]; then
  run "row 1: -o /dev/full fails" 4 \
    "sovereign: cannot write /dev/full: No space left on device" \
    $C in/d.xml -o /dev/full
  check "row 1: /dev/full is still a character device" test -c /dev/full
  run "row 1: import -o /dev/full fails" 4 \
    "sovereign: cannot write /dev/full: No space left on device" \
    import in/plan.json -o /dev/full
  run "row 1: -o /dev/null" 0 "" $C in/d.xml -o /dev/null
  check "row 1: /dev/null is still a character device" test -c /dev/null
  check "row 1: no temporary file in /dev" \
    test -z "$(ls -A /dev | grep '^\.full\.\|^\.null\.')"
else
  skip "row 1: -o /dev/full and /dev/null" "not root"
fi
timeout 10 "$bin" $C in/d.xml >/dev/full 2>err
check "row 1: stdout on /dev/full exits 4" test $? -eq 4
check "row 1: ... with its message" grep -qxF \
  "sovereign: cannot write standard output: No space left on device" err
mkfifo out/fifo
timeout $((bound_ms / 1000 + 1)) cat out/fifo >fifo.got &
run "row 1: -o FIFO" 0 "" $C in/d.xml -o out/fifo
wait
check "row 1: the FIFO got the report" cmp -s fifo.got ref.txt
check "row 1: the FIFO is still a FIFO" test -p out/fifo
rm out/fifo
run "row 1: -o - is standard output" 0 "" $C in/d.xml -o -
check "row 1: -o - wrote the report" cmp -s out.txt ref.txt
check "row 1: -o - made no file" test ! -e ./-

# ------------------------------------------------------------------
# Row 2: -o onto an input is refused before anything is read.
X="sovereign: cannot write"
run "row 2: -o the deployment" 3 \
  "$X in/d.xml: it is the same file as the input in/d.xml" \
  $C in/d.xml -o in/d.xml
run "row 2: -o the policy" 3 \
  "$X in/p.xml: it is the same file as the policy in/p.xml" \
  $C in/d.xml -o in/p.xml
run "row 2: -o a link to the deployment" 3 \
  "$X in/dlink: it is the same file as the input in/d.xml" \
  $C in/d.xml -o in/dlink
run "row 2: -o the waiver file" 3 \
  "$X in/w.xml: it is the same file as the waiver file in/w.xml" \
  $C --waivers in/w.xml in/d.xml -o in/w.xml
run "row 2: -o the baseline" 3 \
  "$X in/base.json: it is the same file as the baseline in/base.json" \
  $C --baseline in/base.json in/d.xml -o in/base.json
run "row 2: -o a file the policy set includes" 3 \
  "$X in/pol/part.xml: it is the same file as the policy part in/pol/part.xml" \
  check -p in/pol/main.xml $AS_OF in/d.xml -o in/pol/part.xml
run "row 2: -o a file a catalog includes" 3 \
  "$X in/cat/sub/sites.xml: it is the same file as the catalog part $(cd in/cat/sub && pwd -P)/sites.xml" \
  check -p in/p.xml --catalog in/cat/main.xml $AS_OF in/d.xml \
  -o in/cat/sub/sites.xml
run "row 2: -o the annotation file" 3 \
  "$X in/ann.xml: it is the same file as the annotation file in/ann.xml" \
  $C --annotations in/ann.xml in/plan.json -o in/ann.xml
run "row 2: -o the catalog" 3 \
  "$X in/d.xml: it is the same file as the catalog in/d.xml" \
  $C --catalog in/d.xml in/tree -o in/d.xml
run "row 2: -o the list" 3 \
  "$X in/list: it is the same file as the list in/list" \
  $C --files-from in/list -o in/list
run "row 2: -o a file the walk finds" 3 \
  "$X in/tree/sub/b.xml: it is the same file as the deployment in/tree/sub/b.xml" \
  $C in/tree -o in/tree/sub/b.xml
run "row 2: -o a file the list names" 3 \
  "$X in/d.xml: it is the same file as the deployment in/d.xml" \
  $C --files-from in/list -o in/d.xml
stdin=in/list run "row 2: -o standard input" 3 \
  "$X in/list: it is standard input" \
  $C --files-from - -o in/list
run "row 2: import -o its plan" 3 \
  "$X in/plan.json: it is the same file as the input in/plan.json" \
  import in/plan.json -o in/plan.json
run "row 2: -o a directory" 3 "$X out: Is a directory" $C in/d.xml -o out
run "row 2: -o ''" 3 "sovereign: -o expects a file name, not ''" \
  $C in/d.xml -o ''

# ------------------------------------------------------------------
# Row 3: a symbolic link is followed; the link stays.
printf 'old\n' >out/target.txt
chmod 640 out/target.txt
ln -s target.txt out/link
ln -s link out/link2
ln -s new.txt out/dangling
run "row 3: -o link" 0 "" $C in/d.xml -o out/link
check "row 3: the link is still a link" test -L out/link
check "row 3: its target got the report" cmp -s out/target.txt ref.txt
check "row 3: the target kept its mode" \
  test "$(mode_of out/target.txt)" = "-rw-r-----"
printf 'old\n' >out/target.txt
run "row 3: -o a link to a link" 0 "" $C in/d.xml -o out/link2
check "row 3: both links stay" test -L out/link2 -a -L out/link
check "row 3: the last target got the report" cmp -s out/target.txt ref.txt
run "row 3: -o a dangling link" 0 "" $C in/d.xml -o out/dangling
check "row 3: the dangling link stays" test -L out/dangling
check "row 3: the file it names was created" cmp -s out/new.txt ref.txt
check "row 3: no temporary file is left" no_temp out

# ------------------------------------------------------------------
# Row 4: an existing file keeps its mode; a new one follows the umask.
printf 'old\n' >out/644.txt
chmod 644 out/644.txt
(umask 077 && exec "$bin" $C in/d.xml -o out/644.txt) 2>err
check "row 4: -o an existing 644 file exits 0" test $? -eq 0
check "row 4: it is still 644 under umask 077" \
  test "$(mode_of out/644.txt)" = "-rw-r--r--"
check "row 4: it holds the report" cmp -s out/644.txt ref.txt
printf 'old\n' >out/600.txt
chmod 600 out/600.txt
(umask 000 && exec "$bin" $C in/d.xml -o out/600.txt) 2>err
check "row 4: a 600 file stays 600 under umask 000" \
  test "$(mode_of out/600.txt)" = "-rw-------"
(umask 027 && exec "$bin" $C in/d.xml -o out/fresh.txt) 2>err
check "row 4: a new file is 0666 & ~umask (027: 640)" \
  test "$(mode_of out/fresh.txt)" = "-rw-r-----"
(umask 027 && exec "$bin" import in/plan.json -o out/fresh.xml) 2>err
check "row 4: import: a new file is 640 under umask 027" \
  test "$(mode_of out/fresh.xml)" = "-rw-r-----"
run "row 4: a failed check leaves the old file" 3 "" \
  $C in/plan.json in/missing.xml -o out/600.txt
check "row 4: ... as it was" cmp -s out/600.txt ref.txt
check "row 4: no temporary file is left" no_temp out

# ------------------------------------------------------------------
# Rows 5 and 6: `ln -s . loop`, two links to `.`, a link to `..`, a hard
# link and a link to a file: each file is read once, links are not
# followed in a walk, an explicit link is.
S="--summary csv"
run "rows 5-6: links to . and .. in a walk" 1 "" $C $S in/tree
check "rows 5-6: two files, each once" lines out.txt 3
check "rows 5-6: a.xml, not its hard link" grep -q '^"in/tree/a.xml"' \
  out.txt
check "rows 5-6: sub/b.xml" grep -q '^"in/tree/sub/b.xml"' out.txt
run "rows 5-6: the same directory twice" 1 "" $C $S in/tree in/tree/sub \
  in/treelink
check "rows 5-6: still each file once" lines out.txt 3
run "rows 5-6: an explicit link to a file is followed" 1 "" \
  $C $S in/tree/soft.xml
check "rows 5-6: ... and read" grep -q '^"in/tree/soft.xml"' out.txt
run "rows 5-6: an explicit link to a directory is followed" 1 "" \
  $C $S in/treelink
check "rows 5-6: ... and walked" lines out.txt 3
# --follow-symlinks: links in a walk are followed, as find -L does, and
# still every file is read once and every cycle is caught.
mkdir -p in/far
cp "$src/examples/deployments/indeterminate.xml" in/far/c.xml
ln -s ../../far in/tree/sub/far
ln -s nowhere.xml in/tree/dangling.xml
state >state.0
run "item 2: --follow-symlinks follows a link out of the tree" 1 \
  "in/tree/dangling.xml: warning: a symbolic link to nothing; skipped" \
  $C $S --follow-symlinks in/tree
check "item 2: ... reading the file there" \
  grep -q '^"in/tree/sub/far/c.xml"' out.txt
check "item 2: ... each file once, through loop, again and up" \
  lines out.txt 4
check "item 2: ... saying the cycles" grep -q \
  "in/tree/loop: warning: the same directory as in/tree (a cycle)" err
run "item 2: without it, the link out is not followed" 1 "" $C $S in/tree
check "item 2: ... and the dangling link not read" lines out.txt 3
rm in/tree/sub/far in/tree/dangling.xml
rm -r in/far
state >state.0
# A bind mount of a directory inside itself: a cycle no link shows.
if unshare -r -m true 2>/dev/null; then
  mkdir -p cyc/sub/loop
  cp in/d.xml cyc/x.xml
  cat >bind.sh <<'EOF'
mount --bind cyc cyc/sub/loop && exec "$@"
EOF
  wrap="unshare -r -m sh bind.sh" run "rows 5-6: a bind-mount cycle" 0 \
    "cyc/sub/loop: warning: the same directory as cyc (a cycle); not walked again" \
    $C $S cyc
  check "rows 5-6: the cycle's file once" lines out.txt 2
else
  skip "rows 5-6: a bind-mount cycle" "no mount namespace"
fi

# ------------------------------------------------------------------
# Row 7: --files-from /dev/zero and an endless line end at once.
have_time=0
if [ "$mode" != sanitized ] && [ -x /usr/bin/time ] &&
   /usr/bin/time -f %M -o rss true 2>/dev/null; then
  have_time=1
fi
# peak_below NAME KIB: the last run's peak RSS (GNU time) is below KIB.
peak_below() {
  if [ $have_time -eq 0 ]; then skip "$1" "no GNU time, or sanitized"
  elif [ "$(tail -n 1 rss)" -lt "$2" ]; then ok "$1 ($(tail -n 1 rss) KiB)"
  else not_ok "$1" "peak RSS $(tail -n 1 rss) KiB, over $2 KiB"; fi
}
T=
[ $have_time -eq 1 ] && T="/usr/bin/time -f %M -o rss"
wrap=$T run "row 7: --files-from /dev/zero" 3 \
  "/dev/zero: error: line 1 holds a NUL byte; expected one path per line" \
  $C --files-from /dev/zero
peak_below "row 7: /dev/zero in bounded memory" 65536
mkfifo feed
(yes | tr -d '\n' >feed) 2>/dev/null &
stdin=feed wrap=$T run "row 7: an endless line on --files-from -" 3 \
  "standard input: error: line 1 is longer than the limit of 1048576 bytes (--max-input-size)" \
  $C --files-from - --max-input-size 1048576
wait
peak_below "row 7: the endless line in bounded memory" 65536

# ------------------------------------------------------------------
# Row 14: --stdin-ndjson with a 64 MiB line under a 1 MiB limit: the
# lines around it are answered, the line itself gets its error line.
sh "$src/tests/batch/pack.sh" in/d.xml >good.ndjson
({ cat good.ndjson; head -c 67108864 /dev/zero | tr '\0' a; echo
   cat good.ndjson; } >feed) 2>/dev/null &
stdin=feed wrap=$T run "row 14: a 64 MiB NDJSON line" 3 \
  '{"id":null,"status":"error","exit":3,"errors":[{"line":0,"column":0,"message":"line 2 is longer than the limit of 1048576 bytes (--max-input-size)","expected":null}]}' \
  $C --stdin-ndjson --max-input-size 1048576
wait
check "row 14: three lines out for three in" lines out.txt 3
check "row 14: the lines around it are evaluated" \
  test "$(grep -c '^{"id":"in/d.xml","status":"ok"' out.txt)" -eq 2
peak_below "row 14: peak RSS well below the line (64 MiB)" 32768

# ------------------------------------------------------------------
# The temporary file is removed on SIGTERM, SIGHUP and SIGINT.
# wait_temp: until out/ holds a temporary file, within the bound.
wait_temp() {
  i=0
  while no_temp out && [ $i -lt $((bound_ms / 50)) ]; do
    sleep 0.05
    i=$((i + 1))
  done
}
for sig in TERM:143 HUP:129 INT:130; do
  name=${sig%:*} want=${sig#*:}
  pre=
  if [ "$name" = INT ]; then
    if ! env --default-signal=INT true 2>/dev/null; then
      skip "SIGINT removes the temporary file" "no env --default-signal"
      continue
    fi
    pre="env --default-signal=INT"   # a background job ignores SIGINT
  fi
  printf 'old\n' >out/sig.txt
  mkfifo list.fifo
  $pre "$bin" $C --files-from list.fifo -o out/sig.txt >/dev/null 2>err &
  pid=$!
  exec 4<>list.fifo       # read-write: opens at once, on Linux too
  wait_temp
  had=$(ls -A out | grep -c '^\.sig\.txt\.')
  kill -"$name" $pid
  { wait $pid; } 2>/dev/null   # no "Terminated" from the shell
  code=$?
  exec 4>&-
  rm list.fifo
  if [ "$had" -ne 1 ]; then not_ok "SIG$name" "no temporary file to remove"
  elif [ $code -ne "$want" ]; then not_ok "SIG$name" "exit $code, not $want"
  elif ! no_temp out; then not_ok "SIG$name" "the temporary file is left"
  elif [ "$(cat out/sig.txt)" != old ]; then not_ok "SIG$name" "-o changed"
  else ok "SIG$name removes the temporary file, -o stays as it was"; fi
done

echo "$count checks, $([ $fail -eq 0 ] && echo all passed || echo FAILED)"
exit $fail
