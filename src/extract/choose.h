/*
 * extract/choose.h: find the article's box. Every paragraph gives points
 * to its parent, grandparent and more distant ancestors (less each level),
 * by length and commas (a box of <br>-separated paragraphs scores as those
 * paragraphs, from itself up); class hints add or subtract; the total is
 * scaled by 1 - link density. The best-scoring element, moved up when the
 * article is split over several siblings, is the article; siblings that
 * look like article text (same class, long low-link paragraphs, headings
 * before them, a text box before it that is not the article's header, the
 * lead picture) are kept with it.
 */
#ifndef TD_EXTRACT_CHOOSE_H
#define TD_EXTRACT_CHOOSE_H

#include "base/common.h"

#include "extract/tree.h"

/* The page's headline: the first heading with the title's words (the
 * title may carry the site's name after it), else the only h1; -1. Sets
 * c->titled when it has the title's words. */
int choose_headline(struct ctx *c);

/* Pass 3: score the elements left in; the index of the best candidate,
 * or -1. */
int choose_score(struct ctx *c);

/* The best candidate in the box around the headline, when the best box
 * lies outside it and it scores at least half as well; else best. */
int choose_headline_box(struct ctx *c, int best);

/* Move the choice up when the article is split over siblings. */
int choose_promote(struct ctx *c, int top);

/* On a page that loads the next story below the first, the one story of
 * top (or of its parent) headed with the page's title, else the first;
 * top when there is one. */
int choose_one_story(struct ctx *c, int top);

/* A live blog's stream of stamped posts holding at least twice top's
 * text; top if none. */
int choose_live_stream(struct ctx *c, int top);

/* Keep top and the children of its parent that are article. */
void choose_siblings(struct ctx *c, int top);

/* The article split into like boxes above top (Medium's sections, a
 * CMS's paragraph entities): the first ancestor with like siblings of
 * article text next to it is kept with them. */
void choose_like_ancestors(struct ctx *c, int top);

/* Plain paragraphs right after top's box or one of its two nearest
 * ancestors (put there by a stray end tag) are kept. */
void choose_spilled_paragraphs(struct ctx *c, int top);

/* The lead picture above the article's box, or inside the article's
 * header left out as furniture (then c->lead_fig). */
void choose_lead_figure(struct ctx *c, int top);

#endif
