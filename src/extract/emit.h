/*
 * extract/emit.h: write the kept boxes out as plain text (blocks set apart
 * by blank lines, white space collapsed) and as an unsanitised HTML
 * fragment keeping a few attributes.
 */
#ifndef TD_EXTRACT_EMIT_H
#define TD_EXTRACT_EMIT_H

#include "base/common.h"

#include "base/buf.h"
#include "extract/tree.h"

/* The text written so far and what separates it from the next word. */
struct emit_text {
	struct buf *out;
	int newlines;
	bool space;
	bool camel; /* a classed <span> right after another */
	int rc;
};

/* Write the kept subtree at root as text (to t) and HTML (to h). */
int emit_subtree(struct ctx *c, int root, struct emit_text *t, struct buf *h);

#endif
