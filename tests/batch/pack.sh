#!/bin/sh
# Packs deployment files into NDJSON lines {"id": PATH, "xml": TEXT}, the
# input of `sovereign check --stdin-ndjson`. POSIX sh and awk only.
# usage: pack.sh FILE...
for f in "$@"; do
  awk -v id="$f" 'BEGIN { ORS = "" }
    function esc(s) {
      gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s)
      gsub(/\r/, "\\r", s); return s
    }
    NR == 1 { print "{\"id\":\"" esc(id) "\",\"xml\":\"" }
    { print esc($0) "\\n" }
    END { print "\"}\n" }' "$f"
done
