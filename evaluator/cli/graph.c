/*
 * graph.c - draws the HTML report's flow diagram from its DOT text with
 * Graphviz's own library. Graphviz keeps global state and is not safe
 * to call from two threads at once, so drawings take turns; the library
 * itself never calls it (sov_svg_renderer in sovereign.h).
 */
#include "cli.h"

#include <graphviz/gvc.h>
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t graphviz_turn = PTHREAD_MUTEX_INITIALIZER;
static GVC_t *graphviz;

/* Graphviz's own warnings (a font it guesses, say) are not the user's
 * business: a diagram it cannot draw is left out, and the report lists
 * the flows anyway. */
static int quiet(char *message)
{
	(void)message;
	return 0;
}

/*
 * Edge labels become external labels (xlabel). Graphviz 2.42, Debian 12's,
 * frees a block twice after laying out labelled edges between nodes of
 * one rank (dot's flat_edges, seen under valgrind); external labels take
 * another path and read the same.
 */
static void external_labels(Agraph_t *g)
{
	Agsym_t *label = agattr(g, AGEDGE, "label", NULL);
	Agsym_t *xlabel;
	Agnode_t *n;
	Agedge_t *e;

	if (!label)
		return;
	xlabel = agattr(g, AGEDGE, "xlabel", "");
	agattr(g, AGRAPH, "forcelabels", "true");
	for (n = agfstnode(g); n; n = agnxtnode(g, n))
		for (e = agfstout(g, n); e; e = agnxtout(g, e)) {
			char *s = agxget(e, label);

			if (s && *s) {
				agxset(e, xlabel, s);
				agxset(e, label, "");
			}
		}
}

static void graphviz_end(void)
{
	gvFreeContext(graphviz);
	graphviz = NULL;
}

static int draw(const char *dot, sov_sink_fn put, void *sink)
{
	Agraph_t *g;
	char *svg = NULL;
	unsigned int n = 0;
	int rc = -1;

	if (!graphviz) {
		agseterrf(quiet);
		graphviz = gvContext();
		if (graphviz)
			atexit(graphviz_end);
	}
	g = graphviz ? agmemread(dot) : NULL;
	if (!g)
		return -1;
	external_labels(g);
	if (gvLayout(graphviz, g, "dot") == 0) {
		if (gvRenderData(graphviz, g, "svg", &svg, &n) == 0 && svg) {
			put(sink, svg, n);
			rc = 0;
		}
		gvFreeRenderData(svg);
		gvFreeLayout(graphviz, g);
	}
	agclose(g);
	return rc;
}

int cli_draw_svg(void *ctx, const char *dot, size_t len, sov_sink_fn put,
	void *sink)
{
	int rc;

	(void)ctx;
	(void)len;
	pthread_mutex_lock(&graphviz_turn);
	rc = draw(dot, put, sink);
	pthread_mutex_unlock(&graphviz_turn);
	return rc;
}
