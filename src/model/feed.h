/*
 * model/feed.h: a feed and its items as every format is normalised to.
 *
 * The field names follow JSON Feed 1.1, which is also what `tidings parse`
 * prints. All strings are valid UTF-8 heap strings owned by their struct,
 * or NULL when the feed did not have the field (never an invented value).
 * Times are Unix seconds; has_* flags say whether the feed gave them.
 * No I/O here: only the structs and their life cycles.
 */
#ifndef TD_MODEL_FEED_H
#define TD_MODEL_FEED_H

#include "base/common.h"

struct person {
	char *name;
	char *url;
	char *email; /* printed as "_email" */
};

struct attachment {
	char *url;
	char *mime_type;
	char *title;
	int64_t size_in_bytes;       /* -1 when unknown */
	int64_t duration_in_seconds; /* -1 when unknown */
};

struct item {
	char *id;           /* guid / atom:id / JSON id, as the feed gave it */
	char *url;          /* the item's permalink, absolute */
	char *external_url;
	char *title;        /* plain text */
	char *content_html; /* sanitised HTML: the fullest body */
	char *content_text; /* plain text of the body */
	char *summary;      /* plain text, only when a fuller body exists */
	char *image;
	char *language;
	bool has_published, has_modified;
	int64_t date_published;
	int64_t date_modified;
	struct person *authors;
	size_t n_authors;
	char **tags;
	size_t n_tags;
	/* Optional, parallel to tags (n_tags entries, NULL or an entry NULL:
	 * the store derives that key itself): canonical tag keys computed
	 * by the caller, e.g. nlp's tag_key after splitting glued tags.
	 * Allocated with n_tags entries once the tags are final (item_add_tag
	 * does not grow it); item_release frees it and its strings. */
	char **tag_keys;
	struct attachment *attachments;
	size_t n_attachments;
};

enum feed_format {
	FEED_FORMAT_UNKNOWN = 0,
	FEED_FORMAT_RSS090,
	FEED_FORMAT_RSS091,
	FEED_FORMAT_RSS092,
	FEED_FORMAT_RSS093,
	FEED_FORMAT_RSS094,
	FEED_FORMAT_RSS20,
	FEED_FORMAT_RSS10,
	FEED_FORMAT_ATOM03,
	FEED_FORMAT_ATOM10,
	FEED_FORMAT_JSONFEED,
};

/* The feed's own fields; items travel separately (see feed/feed.h) so a
 * large feed can be streamed. */
struct feed {
	char *title;
	char *home_page_url;
	char *feed_url;
	char *description;
	char *icon;
	char *favicon;
	char *language;
	struct person *authors;
	size_t n_authors;
	int ttl_minutes;          /* RSS <ttl>, 0 when absent */
	enum feed_format format;
	char *encoding;           /* lower-case IANA name of the input */
	bool bozo;                /* the input was ill-formed but recovered */
	char *error;              /* what was wrong when bozo */
	size_t n_items;           /* items delivered to the sink */
};

/* "rss20", "atom10", ...; "unknown" for FEED_FORMAT_UNKNOWN. */
const char *feed_format_name(enum feed_format f);

void item_init(struct item *it);
/* Free what it owns (not it itself) and reset it to empty. */
void item_release(struct item *it);
/* item_release plus free(it); accepts NULL. */
void item_free(struct item *it);

void feed_init(struct feed *f);
void feed_release(struct feed *f);

void person_release(struct person *p);
void attachment_release(struct attachment *a);

/* Append to a growable array of the item or feed; the strings passed in are
 * copied. Return 0 or ERR_NOMEM. */
int item_add_tag(struct item *it, const char *tag);
int item_add_author(struct item *it, const char *name, const char *url,
    const char *email);
int feed_add_author(struct feed *f, const char *name, const char *url,
    const char *email);
int item_add_attachment(struct item *it, const struct attachment *a);

#endif
