/*
 * feed/feed_int.h: shared by the files of src/feed only.
 *
 * The parser is a pipeline: bytes -> charset (BOM, declaration, HTTP
 * charset; transcoded to UTF-8) -> xmlfix (a streaming repair of what
 * libxml2 would reject or drop: undefined and HTML entities, unescaped
 * ampersands, control characters, windows-1252 character references) ->
 * libxml2's SAX2 push parser (xml.c) or the JSON Feed reader (json.c) ->
 * items handed to the sink.
 */
#ifndef TD_FEED_FEED_INT_H
#define TD_FEED_FEED_INT_H

#include "base/common.h"

#include <iconv.h>

#include "base/buf.h"
#include "base/err.h"
#include "model/feed.h"

/* Largest text of one field (a title, a body): past it the parse stops
 * with ERR_TOOBIG rather than cut the text. */
#define FEED_MAX_FIELD_BYTES ((size_t)4 << 20)
/* Largest JSON Feed document (JSON is read whole). */
#define FEED_MAX_JSON_BYTES ((size_t)32 << 20)
/* Bytes looked at before choosing the encoding and the format. */
#define FEED_SNIFF_BYTES 1024
/* Deepest element nesting followed. */
#define FEED_MAX_DEPTH 256

/* ---- charset.c ---- */

enum charset_kind {
	CHARSET_UTF8,     /* validated; invalid sequences become U+FFFD */
	CHARSET_AUTO,     /* undeclared: UTF-8 unless bytes say windows-1252 */
	CHARSET_WIN1252,  /* also used for ISO-8859-1 and US-ASCII labels */
	CHARSET_ICONV,    /* anything else iconv knows */
};

struct charset_conv {
	enum charset_kind kind;
	iconv_t cd;
	char name[40];        /* lower-case IANA name decoded as */
	char declared[40];    /* what the input said, "" if nothing */
	unsigned char carry[8]; /* an incomplete sequence from the last chunk */
	size_t ncarry;
	bool seen_multibyte;  /* AUTO: valid UTF-8 beyond ASCII seen */
	bool repaired;        /* some bytes could not be decoded */
	bool at_start;        /* a BOM may still come */
};

/* Choose the encoding of head (the first bytes of the input, n of them):
 * BOM, then charset (the HTTP charset, may be NULL), then the XML
 * declaration, then UTF-8 with a windows-1252 fall-back. *bom_len is the
 * number of BOM bytes to skip. A label iconv does not know falls back to
 * AUTO with a note in conv->declared. */
int charset_open(struct charset_conv *c, const char *head, size_t n,
    const char *charset, size_t *bom_len);
void charset_close(struct charset_conv *c);
/* Decode n bytes to UTF-8 appended to out; with final, an incomplete tail
 * becomes U+FFFD. */
int charset_decode(struct charset_conv *c, const char *in, size_t n,
    bool final, struct buf *out);
/* Map an encoding label to the lower-case IANA name we decode it as
 * (latin-1 and ASCII labels become windows-1252), into out. */
void charset_canonical(const char *label, char *out, size_t outsz);
/* The windows-1252 character for a byte 0x80-0x9F (0 if undefined). */
uint32_t charset_cp1252(unsigned char b);

/* ---- xmlfix.c ---- */

struct xmlfix {
	enum { XF_TEXT, XF_CDATA, XF_COMMENT, XF_PI, XF_DOCTYPE } state;
	int match;            /* progress through the closing delimiter */
	int dt_depth;         /* '[' nesting inside a DOCTYPE */
	unsigned char pend[64]; /* bytes held back for look-ahead */
	size_t npend;
	long line;
	char first_problem[160];
	long problems;
};

void xmlfix_init(struct xmlfix *x);
/* Repair UTF-8 XML text in[0..n) into out; with final, flush held bytes. */
int xmlfix_run(struct xmlfix *x, const char *in, size_t n, bool final,
    struct buf *out);

#endif
