/*
 * baseline.h - the findings of an earlier JSON report (docs/report-json.md,
 * schema_version 1), so that a new run can report only what is new.
 *
 * A baseline holds the findings whose verdict is "violation" or
 * "indeterminate", each as the six strings (deployment id, policy, rule,
 * component, data class, verdict); other verdicts are read and dropped.
 * A data class of null and an empty one are the same. The same finding
 * given twice (for example in two reports) is kept once.
 */
#ifndef SOV_BASELINE_H
#define SOV_BASELINE_H

#include <stddef.h>

#include "base/arena.h"
#include "sovereign.h"

/*
 * The longest field a baseline keeps, in bytes. The schemas bound ids to
 * 128 characters; a report with a longer id, or with an id holding a
 * control character, is not one the library wrote and is refused.
 */
#define BASELINE_FIELD_MAX 255

typedef struct baseline baseline;

/*
 * Reads text[0..len): one report object or an array of them. Sets *out
 * (only on SOV_OK) to a baseline living in `a`. Returns SOV_OK; SOV_EINPUT
 * for invalid JSON or a report of the wrong shape, with one error in
 * diags (may be NULL) at the line and column of the offending value;
 * SOV_ENOMEM. The JSON tree is built in a scratch arena and freed, so `a`
 * keeps only the set.
 */
int baseline_parse(baseline **out, arena *a, const char *name,
	const char *text, size_t len, sov_diags *diags);

/*
 * 1 when the baseline holds this finding, else 0. data_class may be NULL
 * (a subject without a data class). Only reads, and allocates nothing, so
 * any number of threads may call it at once. A field longer than
 * BASELINE_FIELD_MAX bytes is never held.
 */
int baseline_has(const baseline *b, const char *deployment,
	const char *policy, const char *rule, const char *component,
	const char *data_class, const char *verdict);

/* The number of distinct findings kept. */
size_t baseline_size(const baseline *b);

#endif
