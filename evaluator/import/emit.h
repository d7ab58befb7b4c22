/*
 * emit.h - import: a finished draft (draft_finish) written as a
 * deployment document that deployment.xsd accepts.
 */
#ifndef SOV_EMIT_H
#define SOV_EMIT_H

#include "base/buf.h"
#include "import/draft.h"

void emit_deployment(buf *b, const draft *d);

#endif
