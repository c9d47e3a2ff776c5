/*
 * extract/clean.h: clean up inside the kept boxes. Link lists, image-only
 * boxes, form remnants, headings repeating the title, bylines and
 * datelines, short blocks that are boilerplate phrases ("Read more:",
 * "Advertisement", "Sign up"), notices and appeals, and picture credits at
 * the end of captions are left out.
 */
#ifndef TD_EXTRACT_CLEAN_H
#define TD_EXTRACT_CLEAN_H

#include "base/common.h"

#include "extract/tree.h"

/* Pass 4: clean up the kept subtree at root (top is the chosen box;
 * *seen_text is set once a paragraph of the text has gone by, in
 * document order over the kept boxes). */
void clean_kept(struct ctx *c, int root, int top, bool *seen_text);

/* After the clean-up, over all kept boxes: the last paragraph when it is
 * its author's bio; pull quotes repeating a sentence of the text (sets
 * c->rc on ERR_NOMEM); a heading left with nothing after it. */
void clean_closing_bio(struct ctx *c);
void clean_pull_quotes(struct ctx *c);
void clean_trailing_heading(struct ctx *c);

#endif
