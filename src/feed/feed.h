/*
 * feed/feed.h: bytes of a feed (any supported format) become a model feed.
 *
 * Formats: RSS 0.90-0.94, RSS 1.0, RSS 2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1.
 * Input arrives in chunks (feed_parser_push) so that a large feed is
 * streamed rather than slurped; every complete item is handed to the sink as
 * soon as it is parsed, and the feed's own fields are delivered by
 * feed_parser_finish. The parser never loads anything outside the input
 * (no DTDs, no external entities) and bounds entity expansion.
 *
 * Encoding: a BOM wins, then opts->charset (the HTTP charset, RFC 7303),
 * then the XML declaration, else UTF-8. ISO-8859-1 and US-ASCII labels are
 * decoded as windows-1252 (as browsers do), and an undeclared or
 * "utf-8"-declared input whose first non-ASCII bytes are not UTF-8 is read
 * as windows-1252 (bozo). feed->encoding always names what the bytes were
 * decoded as, lower-case ("windows-1252" for a latin-1 label), never just
 * the label. Every string in the model is valid UTF-8.
 *
 * Bozo: the input was ill-formed but a feed was recovered (undefined or
 * HTML entities, bare '&', control characters, bad nesting, truncation,
 * a wrong encoding declaration); feed->error describes the first problem.
 * An unparseable date is left out without making the feed bozo.
 *
 * Limits: FEED_DEFAULT_MAX_ITEMS items, FEED_MAX_FIELD_BYTES per text
 * field and FEED_MAX_JSON_BYTES for a JSON Feed (feed_int.h); past one the
 * parse stops with ERR_TOOBIG and a message, nothing is cut silently.
 */
#ifndef TD_FEED_FEED_H
#define TD_FEED_FEED_H

#include "base/common.h"

#include "base/err.h"
#include "model/feed.h"

/* Limits, each overridable through struct feed_opts. */
#define FEED_DEFAULT_MAX_ITEMS 100000

struct feed_opts {
	const char *base_url; /* resolves relative links; may be NULL */
	const char *charset;  /* charset from the HTTP response; may be NULL */
	size_t max_items;     /* 0: FEED_DEFAULT_MAX_ITEMS */
};

/* Receives each parsed item. The sink takes ownership of it and frees it
 * with item_free. A non-zero return stops parsing; feed_parser_push and
 * feed_parser_finish then return that value. */
struct feed_sink {
	void *ctx;
	int (*on_item)(void *ctx, struct item *it);
};

struct feed_parser;

/* A parser for one feed. opts and sink are copied (the strings in opts must
 * outlive the parser). NULL when out of memory. */
struct feed_parser *feed_parser_new(const struct feed_opts *opts,
    const struct feed_sink *sink);

/* Feed the next n bytes of input. */
int feed_parser_push(struct feed_parser *p, const char *data, size_t n,
    struct err *e);

/* End of input: complete the parse and fill out with the feed's own fields,
 * format, encoding and bozo state (out is initialised by this call). Returns
 * 0 when a feed was recognised, even if recovered with bozo set; ERR_NOTFEED
 * when the input is not a feed (e.g. an HTML page, said in e), ERR_PARSE
 * when nothing could be recovered. */
int feed_parser_finish(struct feed_parser *p, struct feed *out,
    struct err *e);

void feed_parser_free(struct feed_parser *p);

/* Prepare the XML library before parsers run on several threads; call
 * once from the thread that starts them. Harmless to call again. */
void feed_library_init(void);

/* Parse a whole buffer in one call (push + finish). */
int feed_parse_buffer(const char *data, size_t n, const struct feed_opts *opts,
    const struct feed_sink *sink, struct feed *out, struct err *e);

/* Dates as feeds write them. Return 0 and set *out (Unix seconds, UTC), or
 * ERR_INVAL when the text is not a date we can read without guessing. */
int feed_date_rfc822(const char *s, int64_t *out);
int feed_date_iso8601(const char *s, int64_t *out);
/* Try both forms. */
int feed_date_parse(const char *s, int64_t *out);

#endif
