# Leaves out of an HTML report what its own sources already pin down, so
# that a golden file holds what the report says: the stylesheet and the
# script (evaluator/report/html/), the country shapes
# (policies/map/countries.tsv), and the diagram Graphviz draws (its
# coordinates follow the fonts of the machine; browser.sh checks its
# nodes).
/^<style>$/ { print; print "[stylesheet]"; skip = "</style>"; next }
/^<script>/ { print "<script>[script]</script>"; skip = "</script>";
	if (index($0, "</script>")) skip = ""; next }
/^<svg class="shapes"/ { print "[country shapes]"; skip = "</defs></svg>";
	next }
# The drawing runs from its figure to the </svg> its caption follows.
/<figure class="diagram">/ { drawing = 1 }
drawing { if (!index($0, "</svg><figcaption>")) next
	sub(/.*<\/svg><figcaption>/, "")
	print "<figure class=\"diagram\">[diagram]<figcaption>" $0
	drawing = 0; next }
skip != "" { if (index($0, skip)) skip = ""; next }
{ print }
