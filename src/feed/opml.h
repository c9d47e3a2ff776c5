/*
 * feed/opml.h: OPML 2.0 subscription lists in and out.
 *
 * Reading walks <body> outlines: an outline with an xmlUrl is a feed; one
 * without, holding other outlines, is a folder, and the feeds inside it get
 * the folder path ("News/World" for nested folders) as their group.
 * Nothing outside the document is loaded and nesting is bounded.
 */
#ifndef TD_FEED_OPML_H
#define TD_FEED_OPML_H

#include "base/common.h"

#include "base/err.h"

struct buf;

#define OPML_MAX_DEPTH 32

struct opml_outline {
	const char *xml_url;  /* the feed URL, never NULL */
	const char *html_url; /* the site, may be NULL */
	const char *title;    /* may be NULL */
	const char *group;    /* folder path, NULL at top level */
};

/* Call fn for every feed outline in document order; a non-zero return
 * from fn stops the walk and is returned. ERR_PARSE (with the reason in e)
 * when the input is not OPML. */
int opml_parse(const char *data, size_t n,
    int (*fn)(void *ctx, const struct opml_outline *o), void *ctx,
    struct err *e);

/* Writing: opml_begin, then opml_add for feeds sorted by group (a change
 * of group closes the previous folder), then opml_end. */
int opml_begin(struct buf *out, const char *title, int64_t created);
int opml_add(struct buf *out, const struct opml_outline *o,
    const char **open_group);
int opml_end(struct buf *out, const char **open_group);

#endif
