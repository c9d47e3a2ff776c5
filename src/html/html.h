/*
 * html/html.h: HTML from the outside world made safe and useful.
 *
 * Built on libxml2's HTML parser (which recovers from any markup). Nothing
 * here does I/O. The sanitiser is the only producer of HTML that later
 * layers may write unescaped.
 */
#ifndef TD_HTML_HTML_H
#define TD_HTML_HTML_H

#include "base/common.h"

#include "base/err.h"

struct buf;

/* Sanitise an HTML fragment against an allow-list: no script, style,
 * iframe, object, embed, form, base, meta (nor their content where it is
 * code), no on* or style attributes, no javascript:/vbscript:/data: URLs
 * (data: images excepted), relative URLs resolved against base_url (may be
 * NULL), links given rel="noopener noreferrer", 1x1 tracking images
 * dropped. Idempotent: sanitising the output again changes nothing. The
 * output is valid UTF-8 and is appended to out. */
int html_sanitize(const char *html, size_t n, const char *base_url,
    struct buf *out, struct err *e);

/* Plain text of an HTML fragment: entities decoded, block elements
 * separated by a blank line, inline whitespace collapsed, script and style
 * content dropped. Appended to out. */
int html_to_text(const char *html, size_t n, struct buf *out, struct err *e);

/* Rewrite a whole HTML page (UTF-8) so that at most about max_depth
 * elements are open at any point: deeper elements are unwrapped, their
 * content kept, except text blocks (p, headings, li, cells...) and void
 * elements, written one level further down. For pages that libxml2's tree
 * builder would cut at its 256-level limit. Appended to out. */
int html_flatten(const char *html, size_t n, int max_depth, struct buf *out,
    struct err *e);

/* Decode character references in plain text (named HTML entities,
 * numeric ones with windows-1252 mapping for 0x80-0x9F), appended to out. */
int html_decode_entities(const char *s, size_t n, struct buf *out);

/* Called for every feed a page names with <link rel="alternate"> of an
 * RSS, Atom or JSON Feed type; url is absolute. */
typedef void (*html_feed_link_fn)(void *ctx, const char *url,
    const char *type, const char *title);

/* Find the feeds a page advertises. Returns the number found (>= 0) or a
 * negative ERR_*. */
int html_find_feed_links(const char *html, size_t n, const char *base_url,
    html_feed_link_fn fn, void *ctx);

/* One top-level block of sanitised HTML: a block element (p, ul,
 * figure, ...) or a run of inline content between blocks. html points into
 * the input; text is its plain text (entities decoded, white space
 * collapsed), valid until the callback returns. */
struct html_block {
	const char *html;
	size_t html_len;
	const char *text;
	size_t text_len;
};

/* Split the OUTPUT of html_sanitize into its top-level blocks, in order.
 * It relies on that output's invariants (well-formed, no comments, only
 * &amp; &lt; &gt; &quot; &#39; and numeric references), which is why it
 * can scan instead of parse. A non-zero return from fn stops the walk and
 * is returned. */
int html_blocks(const char *html, size_t n,
    int (*fn)(void *ctx, const struct html_block *b), void *ctx);

/* Heuristic: does this look like an HTML document rather than a feed? */
bool html_sniff(const char *data, size_t n);

#endif
