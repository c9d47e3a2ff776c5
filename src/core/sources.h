/*
 * core/sources.h: adding sources, with feed discovery.
 *
 * `tidings source add` accepts a feed URL, a page that names its feeds, or
 * a local file path. The URL is fetched with the same limits as any fetch;
 * if it is a feed it is added as is; if it is an HTML page, its
 * <link rel="alternate"> feeds are tried in order, then common feed paths
 * on the same site (/feed, /rss.xml, ...). Only a URL that really parses
 * as a feed is stored.
 */
#ifndef TD_CORE_SOURCES_H
#define TD_CORE_SOURCES_H

#include "base/common.h"

#include "base/err.h"

struct config;
struct store;

struct sources_added {
	int64_t id;
	char *url;    /* the feed URL stored */
	char *title;  /* the feed's title, may be NULL */
	bool existed; /* the source was already there */
};

void sources_added_release(struct sources_added *a);

/* Discover and add the feed behind input (URL or local path); group may
 * be NULL. */
int sources_add(struct store *s, const struct config *cfg, const char *input,
    const char *group, struct sources_added *out, struct err *e);

/* Turn a local path into a file:// URL (absolute, percent-encoded);
 * URLs are copied unchanged. The caller frees the result. */
char *sources_input_to_url(const char *input);

#endif
