/*
 * extract/extract.h: the article inside a web page.
 *
 * Many feeds carry only a teaser; the core fetches the linked page and
 * hands its bytes here. extract_page finds the page's encoding, parses it
 * with libxml2's HTML parser, reads the metadata publishers put in the
 * page (JSON-LD, OpenGraph, Twitter cards, <meta>, rel=tag, <time>,
 * itemprop) and finds the article body by scoring the tree (text and link
 * density, paragraph structure, class and id hints), dropping page
 * furniture: navigation, share bars, newsletter and app boxes, comments,
 * related and most-read lists, ads, cookie notices, repeated bylines.
 *
 * Pure: no I/O, no globals that change, safe to call from several threads.
 * Every input is hostile: sizes are capped, walks are iterative, and a
 * result is either complete or an error.
 */
#ifndef TD_EXTRACT_EXTRACT_H
#define TD_EXTRACT_EXTRACT_H

#include "base/common.h"

#include "base/err.h"

/* Default largest page accepted; larger input fails with ERR_TOOBIG. */
#define EXTRACT_MAX_INPUT ((size_t)10 << 20)

/* Most tags kept, and the longest tag, author or title kept (bytes). */
#define EXTRACT_MAX_TAGS 64
#define EXTRACT_MAX_FIELD 1024

/* What was found. Every string is valid UTF-8 and owned by the result
 * (freed by extract_result_release); a field is NULL when the page does
 * not say. Dates are RFC 3339 in UTC ("2024-03-05T09:30:00Z"). */
struct extract_result {
	char *title;
	char *author;         /* several authors joined by ", " */
	char *date_published;
	char *date_modified;
	char *text;           /* plain text, blocks separated by a blank line */
	char *html;           /* the article, sanitised (html_sanitize) */
	char **tags;          /* publisher tags and keywords, de-duplicated */
	size_t n_tags;
	char *image;          /* lead image, absolute URL */
	char *lang;           /* as declared, e.g. "en" or "fr-FR" */
	char *url;            /* canonical URL, absolute */
	char *description;    /* the page's own summary, if any */
	char *encoding;       /* what the bytes were decoded as */
	bool from_jsonld_body; /* text came from JSON-LD articleBody */
};

/* Options; a zeroed struct gives the defaults. */
struct extract_opts {
	size_t max_input;     /* 0: EXTRACT_MAX_INPUT */
};

/* Extract the article from n bytes of a page. page_url (may be NULL) is
 * the address the page was fetched from: the base for relative URLs and
 * the url reported when the page names no canonical one. http_charset
 * (may be NULL) is the charset parameter of the HTTP Content-Type, which
 * wins over the page's own declaration (but not over a byte order mark).
 * out is filled on success and must be released by the caller with
 * extract_result_release; on failure it is left empty. Returns 0, or
 * ERR_TOOBIG (over the size limit), ERR_UNSUPPORTED (not HTML: binary,
 * JSON, a feed, empty), ERR_NOMEM, with a message in e. */
int extract_page(const char *bytes, size_t n, const char *page_url,
    const char *http_charset, struct extract_result *out, struct err *e);

/* The same with options (opts may be NULL). */
int extract_page_opts(const char *bytes, size_t n, const char *page_url,
    const char *http_charset, const struct extract_opts *opts,
    struct extract_result *out, struct err *e);

/* Free everything in r and zero it; r may be NULL or already empty. */
void extract_result_release(struct extract_result *r);

#endif
