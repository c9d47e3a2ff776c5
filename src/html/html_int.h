/*
 * html/html_int.h: shared internals of the html module (only src/html/
 * includes this): the one place libxml2's HTML parser is set up, and the
 * table that classifies element names for the sanitiser and text walk.
 */
#ifndef TD_HTML_HTML_INT_H
#define TD_HTML_HTML_INT_H

#include "base/common.h"

#include <libxml/HTMLparser.h>

#include "base/buf.h"
#include "base/err.h"

/* Largest input handed to the parser. A feed item body beyond this is not
 * worth keeping, and libxml2's tree can take ~100 bytes of memory per input
 * byte on hostile markup (200,000 tiny links), so this also bounds memory. */
#define HTML_MAX_INPUT ((size_t)4 << 20)

/* What the sanitiser and the text walk do with an element. */
enum html_kind {
	HTML_UNWRAP = 0, /* unknown or presentational: drop tags, keep content */
	HTML_ALLOW,      /* keep, with its allowed attributes */
	HTML_DROP,       /* drop with everything inside */
};

/* Flags of an element. */
enum {
	HTML_F_VOID = 1 << 0,   /* no end tag (br, img, ...) */
	HTML_F_BLOCK = 1 << 1,  /* a paragraph-like block for html_to_text */
	HTML_F_LINE = 1 << 2,   /* a line (li, tr, dt, dd) for html_to_text */
	HTML_F_CELL = 1 << 3,   /* a table cell: separated by a space */
	HTML_F_PRE = 1 << 4,    /* white space is preserved */
	HTML_F_SELF = 1 << 5,   /* its start tag closes an open one of its kind */
	HTML_F_PARENT = 1 << 6, /* only valid inside certain parents */
	HTML_F_IMG = 1 << 7,    /* <img> */
	HTML_F_MEDIA = 1 << 8,  /* <audio>, <video>: controls are forced */
	HTML_F_SRCBOX = 1 << 9, /* may hold <source> (picture, audio, video) */
	HTML_F_SOURCE = 1 << 10, /* <source> */
};

/* Attributes the sanitiser may keep; which elements may carry which is in
 * the element table. The sanitiser writes them in this order. */
enum html_attr {
	HA_HREF, HA_SRC, HA_SRCSET, HA_SIZES, HA_MEDIA, HA_TYPE, HA_POSTER,
	HA_ALT, HA_TITLE, HA_WIDTH, HA_HEIGHT, HA_DATETIME, HA_CITE,
	HA_COLSPAN, HA_ROWSPAN, HA_SCOPE, HA_START, HA_REVERSED, HA_VALUE,
	HA_OPEN, HA_LANG, HA_DIR,
	HA_COUNT
};

/* The name of an attribute ID, and the ID of a (lower-case) name or -1. */
const char *html_attr_name(int id);
int html_attr_find(const char *name);

struct html_elem {
	const char *name;     /* lower case, as libxml2 reports it */
	const char *out;      /* name written by the sanitiser (h1 -> h2) */
	unsigned char kind;   /* enum html_kind */
	unsigned short flags; /* HTML_F_* */
	uint32_t attrs;       /* allowed attributes: 1 << enum html_attr */
};

/* What we know about an element; an all-HTML_UNWRAP entry for unknown
 * names (never NULL). */
const struct html_elem *html_elem_find(const char *name);

/* Parse bytes as an HTML fragment. The input is first made valid UTF-8
 * (bad sequences and NULs become U+FFFD) because libxml2 would otherwise
 * switch the rest of the document to Latin-1. With wrap, the fragment is
 * put inside a <div> so that top-level text is not wrapped in an implied
 * <p>; *wrapper then receives that element (NULL when wrap is false).
 * Returns NULL when out of memory or too big (code in *rc). The caller
 * frees the result with xmlFreeDoc. A fragment deeper than libxml2's tree
 * builder goes is read again flattened (html_flatten_fragment). */
htmlDocPtr html_parse(const char *s, size_t n, bool wrap, xmlNode **wrapper,
    int *rc);

/* A fragment nested past the tree builder's limit of 256 elements, which
 * then drops the rest: rewritten (repaired as html_parse would, then
 * html_flatten) with at most HTML_FLAT_DEPTH levels, so that its text
 * survives a new parse. Appended to out. html_parse does this by itself;
 * the streaming sanitiser calls it when its events went too deep. */
#define HTML_FLAT_DEPTH 150
int html_flatten_fragment(const char *s, size_t n, struct buf *out);

/* Parse like html_parse, but deliver the events to sax (with
 * ((htmlParserCtxtPtr)ctx)->_private == user) and build no tree. The
 * parser context is reused per thread. Returns 0 or ERR_TOOBIG/ERR_NOMEM;
 * empty input produces no events. */
int html_parse_sax(const char *s, size_t n, bool wrap,
    const htmlSAXHandler *sax, void *user);

/* Whether a start tag of e closes an open element open, by libxml2's
 * auto-close rules (for e == open: HTML_F_SELF). Both must come from
 * html_elem_find; unknown elements close nothing. */
bool html_elem_closes(const struct html_elem *open,
    const struct html_elem *e);

/* Whether s is valid UTF-8 without NUL bytes (html_parse's repair would
 * change nothing). */
bool html_input_clean(const char *s, size_t n);

/* The same for the names the elements are written as (struct
 * html_elem.out); open NULL stands for the fragment's wrapper <div>. */
bool html_elem_closes_out(const struct html_elem *open,
    const struct html_elem *e);

/* What sanitize.c's fast tokenizer may assume of an element (0 for
 * unknown ones: it leaves those to libxml2). */
enum {
	HTML_LX_FAST = 1 << 0,  /* libxml2 parses it like any element */
	HTML_LX_EMPTY = 1 << 1, /* libxml2 ends it right after its start tag */
	HTML_LX_RAW = 1 << 2,   /* its content is raw text up to its end tag */
};
int html_elem_lx(const struct html_elem *e);

/* Exactly whether libxml2 closes an open element open when a start tag
 * of e arrives (htmlAutoClose), the same element included. */
bool html_elem_lx_closes(const struct html_elem *open,
    const struct html_elem *e);

/* The value of an attribute node without copying when libxml2 stored it
 * as one text child (the usual case); otherwise copied into tmp. Never
 * NULL: "" for an attribute without a value. */
const char *html_attr_value(const xmlAttr *a, struct buf *tmp);

/* ASCII case-insensitive test whether the space-separated token list s
 * contains tok. */
bool html_has_token(const char *s, const char *tok);

/* The tree-walking sanitiser html_sanitize replaced; same contract and
 * output. Kept as the test oracle (sanitize_tree.c). */
int html_sanitize_tree(const char *html, size_t n, const char *base_url,
    struct buf *out, struct err *e);

/* ---- attribute-value policy (policy.c), shared by both sanitisers ---- */

/* The base URL and the scratch buffers the URL rules work in. */
struct html_urls {
	const char *base;  /* NULL or the absolute base URL */
	struct buf url;    /* the last clean URL */
	struct buf tmp;    /* scratch */
	struct buf srcset; /* the last rebuilt srcset */
};

/* Clean and resolve a URL attribute; true with the result in u->url when
 * it may be kept (data: only for images when allow_data). */
bool html_clean_url(struct html_urls *u, const char *v, bool allow_data);

/* html_clean_url for an <img> src: also false unless the result is an
 * absolute http(s) URL or a data: image (a relative one left unresolved
 * would load from whatever site shows the HTML). */
bool html_clean_img_url(struct html_urls *u, const char *v);

/* The attribute values of an <img> before they are written (vals indexed
 * by HA_*, IN/OUT): the lazy-loading data-src/data-srcset (NULL if absent)
 * replace a missing or placeholder src/srcset, and a missing alt becomes
 * "" (decorative). */
void html_img_attrs(const char **vals, const char *lazy_src,
    const char *lazy_srcset);

/* Rebuild a srcset from its acceptable candidates (absolute http(s) only)
 * into u->srcset (empty when none is left). */
void html_clean_srcset(struct html_urls *u, const char *v);

/* A whole decimal number in [lo, hi]. */
bool html_parse_uint(const char *v, long lo, long hi, long *out);

/* A plausible BCP 47 language tag. */
bool html_valid_lang(const char *v);

/* A known tracking-pixel address. */
bool html_is_pixel_url(const char *u);

#endif
