/*
 * extract/extract_int.h: shared by the files of src/extract/ only.
 *
 * The pipeline is decode (charset.c) -> sniff and parse (extract.c) ->
 * metadata (meta.c) -> body (content.c, which runs the passes of tree.c,
 * furniture.c, choose.c, clean.c and emit.c; see its header comment). The
 * libxml2 tree is walked with explicit loops over parent/next pointers or
 * index arrays, never by recursion, so nesting depth costs no stack.
 */
#ifndef TD_EXTRACT_EXTRACT_INT_H
#define TD_EXTRACT_EXTRACT_INT_H

#include "base/common.h"

#include <libxml/HTMLparser.h>

#include "base/buf.h"
#include "base/err.h"
#include "extract/extract.h"

/* Decode a page to UTF-8 (no NULs, invalid sequences as U+FFFD) into out.
 * The encoding used is written to enc (a short name such as "utf-8" or
 * "windows-1252"). Precedence: byte order mark, http_charset, <meta>;
 * with none, valid UTF-8 is UTF-8 and anything else windows-1252. */
int extract_decode(const char *s, size_t n, const char *http_charset,
    struct buf *out, char *enc, size_t encsz, struct err *e);

/* Field slots of the metadata collector. */
enum {
	EM_TITLE, EM_AUTHOR, EM_PUB, EM_MOD, EM_IMAGE, EM_LANG, EM_URL,
	EM_DESC, EM_BODY, EM_DOCTITLE,
	EM_COUNT
};

struct extract_meta {
	char *v[EM_COUNT];
	int prio[EM_COUNT]; /* lower is better; 0 means unset */
	char **tags;
	size_t n_tags;
	struct buf tmp;
};

/* Read the metadata of a parsed page into m (released with
 * extract_meta_release). Only NOMEM is an error. */
int extract_meta_collect(htmlDocPtr doc, struct extract_meta *m);
void extract_meta_release(struct extract_meta *m);

/* Offer a value for a slot with a priority; kept when better than what is
 * there. The value is trimmed and white space collapsed. */
int extract_meta_offer(struct extract_meta *m, int slot, int prio,
    const char *v, size_t n);

/* Normalise a date in ISO 8601 / RFC 3339 or RFC 822 form to
 * "YYYY-MM-DDTHH:MM:SSZ"; false when it is not a date we know. */
bool extract_date_norm(const char *s, char out[32]);

/* Find the article body: fills text (plain) and html (unsanitised
 * fragment of the kept nodes). title and author help drop their repeats
 * from the body (either may be NULL). */
int extract_content(htmlDocPtr doc, const char *title, const char *author,
    struct buf *text, struct buf *html);

/* Collapse white space in s (n bytes) and append the trimmed result. */
int extract_put_collapsed(struct buf *out, const char *s, size_t n);

#endif
