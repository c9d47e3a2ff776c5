/*
 * extract/furniture.h: page furniture. header/footer/aside and elements
 * whose class or id says comment, share, related, newsletter, ad,
 * cookie... are marked left out, unless they hold the article itself (an
 * element marked as the article body with a good share of the page's
 * paragraph text, or a layout wrapper around it).
 */
#ifndef TD_EXTRACT_FURNITURE_H
#define TD_EXTRACT_FURNITURE_H

#include "base/common.h"

#include "extract/tree.h"

/* Before the passes, judged on the counts: boxes that are furniture by a
 * "title" or "header" class alone but are the article's (a caption, a
 * component wrapping a subheading), and captions without a caption's
 * element. */
void furniture_unmark_titles(struct ctx *c);

/* A readers' thread whose boxes have no comment class: the box opening
 * with a heading like "7 Comments" gets C_NEG | C_THREAD. */
void furniture_mark_threads(struct ctx *c);

/* Pass 2: mark furniture removed. level 0 uses every rule, 1 keeps class
 * hints out, 2 only drops hidden elements. */
void furniture_mark(struct ctx *c, int level);

/* Whether the class marks x as furniture: a strong name, or a navigation
 * or metadata name on a short or link-heavy box. */
bool furniture_neg_box(const struct cn *x);

/* The head of one post of a live blog (its time and title) rather than
 * of the page or the article. */
bool furniture_post_header(const struct ctx *c, const struct cn *x);

/* A time opening a list item with more after it: a chapter of a
 * podcast's or a video's show notes ("03:12 What is vortex shedding?"),
 * not a post's time stamp, whatever its class ("timestamp"). */
bool furniture_chapter_mark(struct ctx *c, int i);

#endif
