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
#include "feed/feed.h"
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
	bool from_decl;       /* the name came from the XML declaration */
	bool switched;        /* UTF-8 proved wrong: now windows-1252 */
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
/* True when charset_decode would append in[0..n) unchanged: valid and
 * complete UTF-8 read as UTF-8, nothing carried over from the last call.
 * The decoder's state then is as if it had run, and the caller uses the
 * input as it is, without the copy. False changes nothing. */
bool charset_verbatim(struct charset_conv *c, const char *in, size_t n);
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


/* ---- parser.c: the state shared by the stages ---- */

struct xml_sax;

enum feed_stage { STAGE_SNIFF, STAGE_XML, STAGE_JSON, STAGE_DONE };

struct feed_parser {
	struct feed_opts opts;
	struct feed_sink sink;
	enum feed_stage stage;
	struct buf head;         /* raw bytes kept while sniffing */
	struct charset_conv cs;
	bool cs_open;
	bool seen_text;          /* leading white space already skipped */
	struct xmlfix fix;
	struct buf dec, fixed;   /* scratch for one slice */
	struct buf json;         /* a JSON Feed is read whole */
	struct xml_sax *xml;
	struct feed feed;        /* the feed's own fields, filled as parsed */
	int rc;                  /* sticky: once set, everything fails */
	struct err err;
	bool notfeed;            /* the input proved not to be a feed */
	char notfeed_msg[200];
	bool bozo;
	char bozo_msg[240];
};

/* Note the first problem of an ill-formed but recovered input. */
void feed_bozo(struct feed_parser *p, const char *fmt, ...)
    PRINTF_LIKE(2, 3);
/* Stop the parse with an error (the first one wins); returns code. */
int feed_fail(struct feed_parser *p, int code, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* Hand a finished item to the sink (which takes it) or free it when the
 * parse has stopped. Enforces max_items. Returns p->rc. */
int feed_emit(struct feed_parser *p, struct item *it);

/* ---- item.c: text and URL helpers shared by xml.c and json.c ---- */

/* How a text field's bytes are to be read. */
enum text_kind {
	TEXT_PLAIN,   /* plain text */
	TEXT_HTML,    /* HTML source */
	TEXT_GUESS,   /* RSS titles: plain, but entities and stray tags are
	               * common, so decode and strip them if present */
};

/* The absolute form of ref against base (ref itself when it cannot be
 * resolved). NULL ref or out of memory: NULL. */
char *feed_resolve(const char *base, const char *ref);
/* url itself when it is an http or https URL; otherwise url is freed and
 * NULL returned. For the feed's site link, which reaches the store and
 * the reader's page as a link (javascript: there would run on a click)
 * and which RSS uses as the base for relative references. */
char *feed_web_url(char *url);
/* url itself, unless it is one a browser would run rather than follow
 * (javascript:, vbscript:, data:), which is freed: NULL then. For an
 * item's link and external link; other schemes (file: in local feeds)
 * stay, and every page still checks links as it writes them. */
char *feed_item_url(char *url);
/* Plain text of s: HTML converted, white space collapsed to single
 * spaces and trimmed when one_line. NULL (with *rc) on failure; "" text
 * gives NULL with *rc == 0. */
char *feed_plain(const char *s, size_t n, enum text_kind kind,
    bool one_line, int *rc);
/* Sanitise an HTML body and derive its text. Both outputs NULL when the
 * body is empty after sanitising. */
int feed_body(const char *html, size_t n, const char *base, char **out_html,
    char **out_text);
/* Split an RSS author ("jo@example.com (Jo Doe)", "Jo Doe <jo@...>") into
 * name and email, both heap strings or NULL. */
int feed_split_author(const char *s, char **name, char **email);
/* Collapse runs of white space into one space and trim, in place. */
void feed_squash(char *s);

/* ---- xml.c ---- */

struct xml_sax *xml_sax_new(struct feed_parser *p);
/* UTF-8 (repaired) XML text; final ends the document. */
int xml_sax_push(struct xml_sax *x, const char *s, size_t n, bool final);
/* Stop holding the document back: what is held goes to libxml2 now, and
 * the rest as it comes (before a repair is reported, so that reports
 * keep the order of the input). */
void xml_sax_stream(struct xml_sax *x);
/* After the final push: complete an item cut off by the end of input and
 * fill p->feed. */
int xml_sax_finish(struct xml_sax *x);
/* Whether a root element of a feed was seen. */
bool xml_sax_recognised(const struct xml_sax *x);
void xml_sax_free(struct xml_sax *x);

/* ---- json.c ---- */

int json_feed_parse(struct feed_parser *p, const char *s, size_t n);

#endif
