/*
 * html/html.c: the parts of the html module that the sanitiser, the text
 * walk and the feed-link finder share: libxml2 HTML parser setup and the
 * element table.
 *
 * The parser is always run with network access off, errors silenced and no
 * implied <html>/<body>, on input already made valid UTF-8. The element
 * table is the allow-list: an element missing from it is unwrapped (its
 * text survives, its tags do not), so new or invented tags never pass
 * through by accident.
 */
#include "base/common.h"

#include <pthread.h>
#include <stdatomic.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "html/html.h"
#include "html/html_int.h"

#define A(x) (1u << HA_##x)
#define GLOBAL (A(TITLE) | A(LANG) | A(DIR))
#define U HTML_UNWRAP
#define K HTML_ALLOW
#define D HTML_DROP
#define V HTML_F_VOID
#define B HTML_F_BLOCK
#define L HTML_F_LINE
#define C HTML_F_CELL
#define P HTML_F_PRE

/*
 * Sorted by name (bsearch). Dropped with content: everything that runs
 * code or loads active content (script, iframe, object, embed, applet,
 * frame), changes the document (base, meta, link, style), collects input
 * (form and its controls), or is not rendered as text (head, title,
 * template, svg, math, canvas). noscript is unwrapped rather than dropped:
 * feeds put the real <img> of lazy-loaded pictures there, and since the
 * tag itself is never written its "raw text in browsers" parsing cannot
 * be abused.
 *
 * HTML_F_VOID on a dropped element means it never has content in HTML;
 * libxml2 does not know all of them (embed, track, ...) and nests the
 * elements that follow inside, so those children are kept.
 */
static const struct html_elem html_elems[] = {
	{ "a", "a", K, HTML_F_SELF, GLOBAL | A(HREF) },
	{ "abbr", "abbr", K, 0, GLOBAL },
	{ "address", "address", K, B, GLOBAL },
	{ "applet", NULL, D, 0, 0 },
	{ "area", NULL, D, V, 0 },
	{ "article", NULL, U, B, 0 },
	{ "aside", NULL, U, B, 0 },
	{ "audio", "audio", K, HTML_F_MEDIA | HTML_F_SRCBOX, GLOBAL | A(SRC) },
	{ "b", "b", K, 0, GLOBAL },
	{ "base", NULL, D, V, 0 },
	{ "basefont", NULL, D, V, 0 },
	{ "bdi", "bdi", K, 0, GLOBAL },
	{ "bdo", "bdo", K, 0, GLOBAL },
	{ "blockquote", "blockquote", K, B, GLOBAL | A(CITE) },
	{ "body", NULL, U, B, 0 },
	{ "br", "br", K, V, 0 },
	{ "button", NULL, D, 0, 0 },
	{ "canvas", NULL, D, 0, 0 },
	{ "caption", "caption", K, B | HTML_F_PARENT, GLOBAL },
	{ "center", NULL, U, B, 0 },
	{ "cite", "cite", K, 0, GLOBAL },
	{ "code", "code", K, 0, GLOBAL },
	{ "col", NULL, D, V, 0 },
	{ "colgroup", NULL, D, 0, 0 },
	{ "datalist", NULL, D, 0, 0 },
	{ "dd", "dd", K, L | HTML_F_SELF | HTML_F_PARENT, GLOBAL },
	{ "del", "del", K, 0, GLOBAL | A(DATETIME) | A(CITE) },
	{ "details", "details", K, B, GLOBAL | A(OPEN) },
	{ "dfn", "dfn", K, 0, GLOBAL },
	{ "dialog", NULL, U, B, 0 },
	{ "dir", NULL, U, B, 0 },
	{ "div", "div", K, B, GLOBAL },
	{ "dl", "dl", K, B, GLOBAL },
	{ "dt", "dt", K, L | HTML_F_SELF | HTML_F_PARENT, GLOBAL },
	{ "em", "em", K, 0, GLOBAL },
	{ "embed", NULL, D, V, 0 },
	{ "fieldset", NULL, U, B, 0 },
	{ "figcaption", "figcaption", K, B, GLOBAL },
	{ "figure", "figure", K, B, GLOBAL },
	{ "footer", NULL, U, B, 0 },
	{ "form", NULL, D, 0, 0 },
	{ "frame", NULL, D, V, 0 },
	{ "frameset", NULL, D, 0, 0 },
	/* The page shows the article title as its only h1. */
	{ "h1", "h2", K, B, GLOBAL },
	{ "h2", "h2", K, B, GLOBAL },
	{ "h3", "h3", K, B, GLOBAL },
	{ "h4", "h4", K, B, GLOBAL },
	{ "h5", "h5", K, B, GLOBAL },
	{ "h6", "h6", K, B, GLOBAL },
	{ "head", NULL, D, 0, 0 },
	{ "header", NULL, U, B, 0 },
	{ "hr", "hr", K, V | B, 0 },
	{ "html", NULL, U, B, 0 },
	{ "i", "i", K, 0, GLOBAL },
	{ "iframe", NULL, D, 0, 0 },
	{ "img", "img", K, V | HTML_F_IMG, GLOBAL | A(SRC) | A(SRCSET) |
	    A(SIZES) |
	    A(ALT) | A(WIDTH) | A(HEIGHT) },
	{ "input", NULL, D, V, 0 },
	{ "ins", "ins", K, 0, GLOBAL | A(DATETIME) | A(CITE) },
	{ "kbd", "kbd", K, 0, GLOBAL },
	{ "keygen", NULL, D, V, 0 },
	{ "legend", NULL, U, B, 0 },
	{ "li", "li", K, L | HTML_F_SELF | HTML_F_PARENT, GLOBAL | A(VALUE) },
	{ "link", NULL, D, V, 0 },
	{ "main", NULL, U, B, 0 },
	{ "map", NULL, D, 0, 0 },
	{ "mark", "mark", K, 0, GLOBAL },
	{ "math", NULL, D, 0, 0 },
	{ "menu", NULL, U, B, 0 },
	{ "meta", NULL, D, V, 0 },
	{ "meter", NULL, D, 0, 0 },
	{ "nav", NULL, U, B, 0 },
	{ "noembed", NULL, D, 0, 0 },
	{ "noframes", NULL, D, 0, 0 },
	{ "noscript", NULL, U, 0, 0 },
	{ "object", NULL, D, 0, 0 },
	{ "ol", "ol", K, B, GLOBAL | A(START) | A(REVERSED) },
	{ "optgroup", NULL, D, 0, 0 },
	{ "option", NULL, D, 0, 0 },
	{ "output", NULL, D, 0, 0 },
	{ "p", "p", K, B | HTML_F_SELF, GLOBAL },
	{ "param", NULL, D, V, 0 },
	{ "picture", "picture", K, HTML_F_SRCBOX, 0 },
	{ "pre", "pre", K, B | P, GLOBAL },
	{ "progress", NULL, D, 0, 0 },
	{ "q", "q", K, 0, GLOBAL | A(CITE) },
	{ "rp", "rp", K, HTML_F_PARENT, 0 },
	{ "rt", "rt", K, HTML_F_PARENT, 0 },
	{ "ruby", "ruby", K, 0, GLOBAL },
	{ "s", "s", K, 0, GLOBAL },
	{ "samp", "samp", K, 0, GLOBAL },
	{ "script", NULL, D, 0, 0 },
	{ "section", NULL, U, B, 0 },
	{ "select", NULL, D, 0, 0 },
	{ "small", "small", K, 0, GLOBAL },
	{ "source", "source", K, V | HTML_F_SOURCE, A(SRC) | A(SRCSET) |
	    A(SIZES) |
	    A(MEDIA) | A(TYPE) },
	{ "span", "span", K, 0, GLOBAL },
	{ "strike", "s", K, 0, GLOBAL },
	{ "strong", "strong", K, 0, GLOBAL },
	{ "style", NULL, D, 0, 0 },
	{ "sub", "sub", K, 0, GLOBAL },
	{ "summary", "summary", K, L, GLOBAL },
	{ "sup", "sup", K, 0, GLOBAL },
	{ "svg", NULL, D, 0, 0 },
	{ "table", "table", K, B, GLOBAL },
	{ "tbody", "tbody", K, HTML_F_SELF | HTML_F_PARENT, 0 },
	{ "td", "td", K, C | HTML_F_SELF | HTML_F_PARENT, GLOBAL | A(COLSPAN) | A(ROWSPAN) },
	{ "template", NULL, D, 0, 0 },
	{ "textarea", NULL, D, 0, 0 },
	{ "tfoot", "tfoot", K, HTML_F_SELF | HTML_F_PARENT, 0 },
	{ "th", "th", K, C | HTML_F_SELF | HTML_F_PARENT, GLOBAL | A(COLSPAN) | A(ROWSPAN) | A(SCOPE) },
	{ "thead", "thead", K, HTML_F_SELF | HTML_F_PARENT, 0 },
	{ "time", "time", K, 0, GLOBAL | A(DATETIME) },
	{ "title", NULL, D, 0, 0 },
	{ "tr", "tr", K, L | HTML_F_SELF | HTML_F_PARENT, 0 },
	{ "track", NULL, D, V, 0 },
	{ "u", "u", K, 0, GLOBAL },
	{ "ul", "ul", K, B, GLOBAL },
	{ "var", "var", K, 0, GLOBAL },
	{ "video", "video", K, HTML_F_MEDIA | HTML_F_SRCBOX, GLOBAL | A(SRC) |
	    A(POSTER) | A(WIDTH) |
	    A(HEIGHT) },
	{ "wbr", "wbr", K, V, 0 },
	{ "xmp", NULL, U, B | P, 0 },
};

static const char *const html_attr_names[HA_COUNT] = {
	[HA_HREF] = "href", [HA_SRC] = "src", [HA_SRCSET] = "srcset",
	[HA_SIZES] = "sizes", [HA_MEDIA] = "media", [HA_TYPE] = "type",
	[HA_POSTER] = "poster", [HA_ALT] = "alt", [HA_TITLE] = "title",
	[HA_WIDTH] = "width", [HA_HEIGHT] = "height",
	[HA_DATETIME] = "datetime", [HA_CITE] = "cite",
	[HA_COLSPAN] = "colspan", [HA_ROWSPAN] = "rowspan",
	[HA_SCOPE] = "scope", [HA_START] = "start",
	[HA_REVERSED] = "reversed", [HA_VALUE] = "value", [HA_OPEN] = "open",
	[HA_LANG] = "lang", [HA_DIR] = "dir",
};

static pthread_once_t html_once = PTHREAD_ONCE_INIT;
static void html_init_once(void);

/* Where the names starting with each letter begin in html_elems (the
 * table is sorted): html_elem_find compares a handful of names, not a
 * bsearch's worth. Filled by html_init_once. */
static unsigned char html_first[27];

static const struct html_elem html_unknown = { "", NULL, HTML_UNWRAP, 0,
	0 };

/* html_elem_find once html_first is filled. */
static const struct html_elem *
elem_lookup(const char *name)
{
	size_t i, end;
	int c;

	if (name == NULL || name[0] < 'a' || name[0] > 'z')
		return &html_unknown;
	c = name[0] - 'a';
	for (i = html_first[c], end = html_first[c + 1]; i < end; i++) {
		int d = strcmp(name + 1, html_elems[i].name + 1);
		if (d == 0)
			return &html_elems[i];
		if (d < 0)
			break;
	}
	return &html_unknown;
}

/* Every tag of every body is looked up, twice at ingest (the sanitiser,
 * then html_blocks): a hash of the name finds its one candidate, where
 * the sorted table cost a call to strcmp per name passed over. Slots
 * hold an index + 1, 0 when empty; filled by html_init_once. */
#define ELEM_SLOTS 512
static unsigned char elem_slot[ELEM_SLOTS];
_Static_assert(ARRAY_LEN(html_elems) < 255 &&
    ARRAY_LEN(html_elems) < ELEM_SLOTS / 2, "elem_slot holds index + 1");

static unsigned
elem_hash_step(unsigned h, unsigned char c)
{
	return (h ^ c) * 0x01000193u;
}

static void
elem_slots_fill(void)
{
	for (size_t i = 0; i < ARRAY_LEN(html_elems); i++) {
		unsigned h = 0x811C9DC5u;

		for (const char *p = html_elems[i].name; *p; p++)
			h = elem_hash_step(h, (unsigned char)*p);
		h &= ELEM_SLOTS - 1;
		while (elem_slot[h] != 0)
			h = (h + 1) & (ELEM_SLOTS - 1);
		elem_slot[h] = (unsigned char)(i + 1);
	}
}

const struct html_elem *
html_elem_find(const char *name)
{
	unsigned h = 0x811C9DC5u;
	size_t n;

	pthread_once(&html_once, html_init_once);
	if (name == NULL)
		return &html_unknown;
	for (n = 0; name[n]; n++)
		h = elem_hash_step(h, (unsigned char)name[n]);
	for (h &= ELEM_SLOTS - 1; elem_slot[h] != 0;
	    h = (h + 1) & (ELEM_SLOTS - 1)) {
		const char *k = html_elems[elem_slot[h] - 1].name;
		size_t i = 0;

		while (i < n && k[i] == name[i])
			i++;
		if (i == n && k[i] == '\0')
			return &html_elems[elem_slot[h] - 1];
	}
	return &html_unknown;
}

const char *
html_attr_name(int id)
{
	return id >= 0 && id < HA_COUNT ? html_attr_names[id] : NULL;
}

/* Attribute names in strcmp order, for bsearch. */
struct html_attr_entry {
	const char *name;
	int id;
};

static const struct html_attr_entry html_attr_index[] = {
	{ "alt", HA_ALT }, { "cite", HA_CITE }, { "colspan", HA_COLSPAN },
	{ "datetime", HA_DATETIME }, { "dir", HA_DIR }, { "height", HA_HEIGHT },
	{ "href", HA_HREF }, { "lang", HA_LANG }, { "media", HA_MEDIA },
	{ "open", HA_OPEN }, { "poster", HA_POSTER },
	{ "reversed", HA_REVERSED }, { "rowspan", HA_ROWSPAN },
	{ "scope", HA_SCOPE }, { "sizes", HA_SIZES }, { "src", HA_SRC },
	{ "srcset", HA_SRCSET }, { "start", HA_START }, { "title", HA_TITLE },
	{ "type", HA_TYPE }, { "value", HA_VALUE }, { "width", HA_WIDTH },
};

static int
attr_cmp(const void *key, const void *member)
{
	return strcmp(key, ((const struct html_attr_entry *)member)->name);
}

int
html_attr_find(const char *name)
{
	const struct html_attr_entry *hit;

	hit = bsearch(name, html_attr_index, ARRAY_LEN(html_attr_index),
	    sizeof(html_attr_index[0]), attr_cmp);
	return hit ? hit->id : -1;
}

#define HTML_PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | \
	HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED)

/* libxml2's global tables must be set up once before threads use them
 * (html_once, above). */

/* html_elem_closes answers from this matrix (indexes into html_elems),
 * filled row by row from libxml2's own auto-close rules. */
static unsigned char html_closes[ARRAY_LEN(html_elems)][ARRAY_LEN(html_elems)];

/* Per element of html_elems: the entry of the name it is written as. */
static unsigned char html_out_of[ARRAY_LEN(html_elems)];
static unsigned char html_div_at;
/* Per element of html_elems, for the fast tokenizer: HTML_LX_*. */
static unsigned char html_lx[ARRAY_LEN(html_elems)];
/* Whether a start tag of an element closes an open one of the same name,
 * as libxml2 decides it (probed, since its table is not public). */
static unsigned char html_lx_self[ARRAY_LEN(html_elems)];

/* Elements the fast tokenizer leaves to libxml2: the document skeleton
 * libxml2 moves around (html, head, body) and meta (charset sniffing).
 * libxml2 2.9 reads only script and style as raw text; textarea, title,
 * xmp and the like hold markup like any element. */
static const char *const html_lx_slow[] = {
	"body", "head", "html", "meta",
};

struct html_probe {
	const char *name;
	int starts;
	bool closed;
};

static void
probe_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct html_probe *p = ((htmlParserCtxtPtr)ctx)->_private;

	(void)atts;
	if (strcmp((const char *)name, p->name) == 0)
		p->starts++;
}

static void
probe_end(void *ctx, const xmlChar *name)
{
	struct html_probe *p = ((htmlParserCtxtPtr)ctx)->_private;

	if (p->starts == 1 && strcmp((const char *)name, p->name) == 0)
		p->closed = true;
}

/* Whether libxml2 closes an open element i at a start tag of its own
 * name: parse "<div><x><x>" and watch. */
static bool
html_probe_self(size_t i)
{
	htmlSAXHandler sax;
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	struct html_probe p = { html_elems[i].name, 0, false };
	char doc[64];
	htmlDocPtr d;
	int len;

	if (ctxt == NULL)
		return false;
	memset(&sax, 0, sizeof(sax));
	sax.startElement = probe_start;
	sax.endElement = probe_end;
	len = snprintf(doc, sizeof(doc), "<div><%s><%s>", html_elems[i].name,
	    html_elems[i].name);
	memcpy(ctxt->sax, &sax, sizeof(sax));
	ctxt->_private = &p;
	d = htmlCtxtReadMemory(ctxt, doc, len, NULL, "UTF-8",
	    HTML_PARSE_OPTIONS);
	if (d)
		xmlFreeDoc(d);
	htmlFreeParserCtxt(ctxt);
	return p.starts == 2 && p.closed;
}

/* The row of open element i (and its probe) is worked out the first time
 * it is needed: a process meets a few dozen elements, and asking libxml2
 * about all 130 x 130 pairs up front cost milliseconds per process. */
static pthread_mutex_t html_row_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic unsigned char html_row_ready[ARRAY_LEN(html_elems)];

static void
html_row_need(size_t i)
{
	size_t j;

	if (atomic_load_explicit(&html_row_ready[i], memory_order_acquire))
		return;
	pthread_mutex_lock(&html_row_lock);
	if (!atomic_load_explicit(&html_row_ready[i], memory_order_relaxed)) {
		for (j = 0; j < ARRAY_LEN(html_elems); j++) {
			xmlNode fake;

			if (i == j) {
				html_closes[i][j] =
				    (html_elems[i].flags & HTML_F_SELF) != 0;
				continue;
			}
			/* htmlAutoCloseTag also looks at the children of
			 * the node; one without children asks just "does
			 * a start tag <j> close an open <i>?". */
			memset(&fake, 0, sizeof(fake));
			fake.type = XML_ELEMENT_NODE;
			fake.name = (const xmlChar *)html_elems[j].name;
			html_closes[i][j] = htmlAutoCloseTag(NULL,
			    (const xmlChar *)html_elems[i].name, &fake) != 0;
		}
		html_lx_self[i] = html_probe_self(i);
		atomic_store_explicit(&html_row_ready[i], 1,
		    memory_order_release);
	}
	pthread_mutex_unlock(&html_row_lock);
}

static void
html_init_once(void)
{
	size_t i, j;

	xmlInitParser();
	for (i = 0, j = 0; j < 26; j++) {
		html_first[j] = (unsigned char)i;
		while (i < ARRAY_LEN(html_elems) &&
		    html_elems[i].name[0] == 'a' + (int)j)
			i++;
	}
	html_first[26] = (unsigned char)i;
	elem_slots_fill();
	for (i = 0; i < ARRAY_LEN(html_elems); i++)
		html_out_of[i] = html_elems[i].out ? (unsigned char)
		    (elem_lookup(html_elems[i].out) - html_elems) :
		    (unsigned char)i;
	html_div_at = (unsigned char)(elem_lookup("div") - html_elems);
	for (i = 0; i < ARRAY_LEN(html_elems); i++) {
		const htmlElemDesc *d;

		html_lx[i] = HTML_LX_FAST;
		for (j = 0; j < ARRAY_LEN(html_lx_slow); j++)
			if (strcmp(html_elems[i].name, html_lx_slow[j]) == 0)
				html_lx[i] = 0;
		if (strcmp(html_elems[i].name, "script") == 0 ||
		    strcmp(html_elems[i].name, "style") == 0)
			html_lx[i] |= HTML_LX_RAW;
		d = htmlTagLookup((const xmlChar *)html_elems[i].name);
		if (d && d->empty)
			html_lx[i] |= HTML_LX_EMPTY;
	}
}

int
html_elem_lx(const struct html_elem *e)
{
	if (e < html_elems || e >= html_elems + ARRAY_LEN(html_elems))
		return 0;
	pthread_once(&html_once, html_init_once);
	return html_lx[e - html_elems];
}

bool
html_elem_lx_closes(const struct html_elem *open, const struct html_elem *e)
{
	const struct html_elem *end = html_elems + ARRAY_LEN(html_elems);

	if (open < html_elems || open >= end || e < html_elems || e >= end)
		return false;
	pthread_once(&html_once, html_init_once);
	html_row_need((size_t)(open - html_elems));
	if (open == e)
		return html_lx_self[e - html_elems] != 0;
	return html_closes[open - html_elems][e - html_elems] != 0;
}

bool
html_elem_closes_out(const struct html_elem *open, const struct html_elem *e)
{
	const struct html_elem *end = html_elems + ARRAY_LEN(html_elems);

	if (e < html_elems || e >= end)
		return false;
	pthread_once(&html_once, html_init_once);
	if (open == NULL)
		open = &html_elems[html_div_at];
	if (open < html_elems || open >= end)
		return false;
	html_row_need(html_out_of[open - html_elems]);
	return html_closes[html_out_of[open - html_elems]]
	    [html_out_of[e - html_elems]] != 0;
}

bool
html_elem_closes(const struct html_elem *open, const struct html_elem *e)
{
	const struct html_elem *end = html_elems + ARRAY_LEN(html_elems);

	if (open < html_elems || open >= end || e < html_elems || e >= end)
		return false;
	pthread_once(&html_once, html_init_once);
	html_row_need((size_t)(open - html_elems));
	return html_closes[open - html_elems][e - html_elems] != 0;
}

/* Copy s into out with invalid UTF-8 and NUL bytes replaced by U+FFFD. */
static int
repair_input(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, run;
	int rc;

	while (i < n) {
		run = i;
		while (run < n && s[run] != '\0' &&
		    (unsigned char)s[run] < 0x80)
			run++;
		if ((rc = buf_append(out, s + i, run - i)) != 0)
			return rc;
		i = run;
		if (i >= n)
			break;
		if (s[i] == '\0') {
			if ((rc = utf8_put(out, 0xFFFD)) != 0)
				return rc;
			i++;
		} else {
			uint32_t cp;
			size_t len = utf8_decode(s + i, n - i, &cp);
			if (len == 0) {
				rc = utf8_put(out, 0xFFFD);
				len = 1;
			} else {
				rc = buf_append(out, s + i, len);
			}
			if (rc)
				return rc;
			i += len;
		}
	}
	return 0;
}

static const char html_wrap_open[] = "<div>";


/* Names a reused parser context may collect before it is replaced, and
 * the largest scratch input kept between calls. */
#define HTML_MAX_DICT 20000
#define HTML_KEEP_SCRATCH ((size_t)1 << 20)

/* True when s is valid UTF-8 without NUL bytes, the common case, which
 * then needs no repair copy. Runs of ASCII are checked 8 bytes at a time. */
bool
html_input_clean(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			/* No high bit and no zero byte in the word. */
			if (((w | ((w - 0x0101010101010101ull) & ~w)) &
			    0x8080808080808080ull) == 0) {
				i += 8;
				continue;
			}
		}
		if (s[i] == '\0')
			return false;
		if ((unsigned char)s[i] < 0x80) {
			i++;
		} else {
			uint32_t cp;
			size_t len = utf8_decode(s + i, n - i, &cp);
			if (len == 0)
				return false;
			i += len;
		}
	}
	return true;
}

/* Append s to out as html_parse wants it: repaired when needed. */
static int
prepare_input(struct buf *out, const char *s, size_t n)
{
	if (html_input_clean(s, n))
		return buf_append(out, s, n);
	return repair_input(out, s, n);
}

int
html_flatten_fragment(const char *s, size_t n, struct buf *out)
{
	struct buf tmp = BUF_INIT;
	int rc;

	buf_init(&tmp, HTML_MAX_INPUT * 3);
	rc = prepare_input(&tmp, s, n);
	if (rc == 0)
		rc = html_flatten(buf_cstr(&tmp), tmp.len, HTML_FLAT_DEPTH,
		    out, NULL);
	buf_release(&tmp);
	return rc;
}

static htmlDocPtr html_parse_once(const char *s, size_t n, bool wrap,
    xmlNode **wrapper, bool *too_deep, int *rc);

htmlDocPtr
html_parse(const char *s, size_t n, bool wrap, xmlNode **wrapper, int *rc)
{
	struct buf flat = BUF_INIT;
	bool too_deep = false;
	htmlDocPtr doc;

	doc = html_parse_once(s, n, wrap, wrapper, &too_deep, rc);
	if (doc == NULL || !too_deep)
		return doc;
	buf_init(&flat, HTML_MAX_INPUT * 2);
	if (html_flatten_fragment(s, n, &flat) == 0 && flat.len > 0 &&
	    flat.len <= HTML_MAX_INPUT) {
		xmlFreeDoc(doc);
		doc = html_parse_once(buf_cstr(&flat), flat.len, wrap,
		    wrapper, &too_deep, rc);
	}
	buf_release(&flat);
	return doc;
}

static htmlDocPtr
html_parse_once(const char *s, size_t n, bool wrap, xmlNode **wrapper,
    bool *too_deep, int *rc)
{
	htmlParserCtxtPtr ctxt;
	struct buf tmp = BUF_INIT;
	const char *in = s;
	size_t inlen = n;
	htmlDocPtr doc;
	xmlNode *root;

	*rc = 0;
	if (wrapper)
		*wrapper = NULL;
	if (n > HTML_MAX_INPUT) {
		*rc = ERR_TOOBIG;
		return NULL;
	}
	pthread_once(&html_once, html_init_once);
	if (wrap || !html_input_clean(s, n)) {
		buf_init(&tmp, HTML_MAX_INPUT * 3 + sizeof(html_wrap_open));
		*rc = wrap ? buf_puts(&tmp, html_wrap_open) : 0;
		if (*rc == 0)
			*rc = prepare_input(&tmp, s, n);
		if (*rc) {
			buf_release(&tmp);
			return NULL;
		}
		in = buf_cstr(&tmp);
		inlen = tmp.len;
	}
	if ((ctxt = htmlNewParserCtxt()) == NULL) {
		buf_release(&tmp);
		*rc = ERR_NOMEM;
		return NULL;
	}
	doc = htmlCtxtReadMemory(ctxt, in, (int)inlen, NULL, "UTF-8",
	    HTML_PARSE_OPTIONS);
	/* The tree builder's way of saying it stopped at its depth limit. */
	*too_deep = ctxt->errNo == XML_ERR_INTERNAL_ERROR;
	htmlFreeParserCtxt(ctxt);
	buf_release(&tmp);
	if (doc == NULL) {
		/* libxml2 gives no document for empty input. */
		doc = htmlNewDocNoDtD(NULL, NULL);
		if (doc == NULL) {
			*rc = ERR_NOMEM;
			return NULL;
		}
	}
	if (wrap && wrapper) {
		root = xmlDocGetRootElement(doc);
		if (root && root->name && strcmp((const char *)root->name,
		    "div") == 0)
			*wrapper = root;
	}
	return doc;
}

/*
 * One parser context per thread, reused: creating one (and its
 * dictionary and input stacks) cost as much as parsing a short item. The
 * dictionary keeps every element and attribute name it has seen, so a
 * context that has collected too many (hostile markup invents names) is
 * replaced. The scratch buffer holds the wrapped, repaired input.
 */
struct html_tls {
	htmlParserCtxtPtr ctxt;
	struct buf in;
};

static pthread_key_t html_key;
static pthread_once_t html_key_once = PTHREAD_ONCE_INIT;

static void
html_tls_free(void *p)
{
	struct html_tls *t = p;

	if (t == NULL)
		return;
	if (t->ctxt)
		htmlFreeParserCtxt(t->ctxt);
	buf_release(&t->in);
	free(t);
}

static void
html_key_init(void)
{
	(void)pthread_key_create(&html_key, html_tls_free);
}

static struct html_tls *
html_tls(void)
{
	struct html_tls *t;

	pthread_once(&html_key_once, html_key_init);
	if ((t = pthread_getspecific(html_key)) != NULL)
		return t;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	buf_init(&t->in, HTML_MAX_INPUT * 3 + sizeof(html_wrap_open));
	if (pthread_setspecific(html_key, t) != 0) {
		free(t);
		return NULL;
	}
	return t;
}

int
html_parse_sax(const char *s, size_t n, bool wrap,
    const htmlSAXHandler *sax, void *user)
{
	struct html_tls *t;
	htmlDocPtr doc;
	int rc;

	if (n > HTML_MAX_INPUT)
		return ERR_TOOBIG;
	pthread_once(&html_once, html_init_once);
	if ((t = html_tls()) == NULL)
		return ERR_NOMEM;
	if (t->ctxt && xmlDictSize(t->ctxt->dict) > HTML_MAX_DICT) {
		htmlFreeParserCtxt(t->ctxt);
		t->ctxt = NULL;
	}
	if (t->ctxt == NULL && (t->ctxt = htmlNewParserCtxt()) == NULL)
		return ERR_NOMEM;
	buf_reset(&t->in);
	rc = wrap ? buf_puts(&t->in, html_wrap_open) : 0;
	if (rc == 0)
		rc = prepare_input(&t->in, s, n);
	if (rc)
		goto out;
	if (t->in.len == 0)
		goto out;
	memcpy(t->ctxt->sax, sax, sizeof(*sax));
	t->ctxt->_private = user;
	doc = htmlCtxtReadMemory(t->ctxt, t->in.p, (int)t->in.len, NULL,
	    "UTF-8", HTML_PARSE_OPTIONS);
	if (doc)
		xmlFreeDoc(doc);
	t->ctxt->_private = NULL;
out:
	/* A huge item should not pin its copy for the thread's life. */
	if (t->in.len > HTML_KEEP_SCRATCH)
		buf_release(&t->in);
	return rc;
}

const char *
html_attr_value(const xmlAttr *a, struct buf *tmp)
{
	const xmlNode *c = a->children;
	xmlChar *v;

	if (c == NULL)
		return "";
	if (c->next == NULL && c->type == XML_TEXT_NODE && c->content)
		return (const char *)c->content;
	buf_reset(tmp);
	v = xmlNodeListGetString(a->doc, a->children, 1);
	if (v == NULL)
		return "";
	if (buf_puts(tmp, (const char *)v) != 0) {
		xmlFree(v);
		return "";
	}
	xmlFree(v);
	return buf_cstr(tmp);
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

bool
html_has_token(const char *s, const char *tok)
{
	size_t tn = strlen(tok), i, start;

	for (i = 0; s[i];) {
		while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\f')
			i++;
		start = i;
		while (s[i] && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r' && s[i] != '\f')
			i++;
		if (i - start == tn) {
			size_t k;
			for (k = 0; k < tn; k++)
				if (ascii_lower((unsigned char)s[start + k]) !=
				    ascii_lower((unsigned char)tok[k]))
					break;
			if (k == tn)
				return true;
		}
	}
	return false;
}
