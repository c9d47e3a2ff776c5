/*
 * html/sanitize.c: allow-list HTML sanitiser for feed content.
 *
 * The fragment is parsed by libxml2 (which recovers from any markup) and
 * its events are written out again as they arrive, keeping only the
 * elements and attributes of the table in html.c. No tree is built: the
 * SAX callbacks keep an explicit stack of what each open element became,
 * which writes the same bytes a walk over libxml2's tree would (the tree
 * is made from these very events; sanitize_tree.c, the earlier walk, is
 * kept as the test oracle). Everything written is produced here: text and
 * attribute values are escaped, URLs are resolved against the base and
 * checked against a scheme allow-list after libxml2 has decoded their
 * entities and after control characters and white space are gone, and
 * links get rel="noopener noreferrer". The output is the one kind of HTML
 * later layers may write unescaped.
 *
 * Idempotence (sanitize(sanitize(x)) == sanitize(x)) matters because items
 * are re-sanitised when feeds are re-read and compared for changes. The
 * parser restructures markup (a <div> start tag closes an open <p>), so an
 * element whose start tag would make libxml2 close our current parent when
 * the output is read again is unwrapped instead of written; that makes the
 * output a fixed point.
 *
 * Depth: libxml2's tree builder stops the parse at 256 levels of nesting
 * and drops the rest; the callbacks stop at the same point so that the
 * output does not depend on how it was produced, and such a fragment (a
 * template that never closes its <font> tags gets there) is then
 * sanitised again from a flattened copy (html_flatten_fragment), so that
 * its text is kept. We write at most
 * HTML_SANITIZE_MAX_DEPTH nested elements; deeper elements are unwrapped,
 * their text kept. Nothing recurses, so depth never costs stack.
 */
#include "base/common.h"

#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/scan.h"
#include "base/url.h"
#include "base/utf8.h"
#include "html/html.h"
#include "html/html_int.h"

/* Nesting written to the output; below libxml2's own limit of 256 so that
 * the output always parses in full. */
#define HTML_SANITIZE_MAX_DEPTH 200

/* libxml2's tree builder gives up past this many open elements
 * (xmlParserMaxDepth), and on a text node longer than XML_MAX_TEXT_LENGTH;
 * the callbacks stop where it would. */
#define HTML_TREE_MAX_DEPTH 256
#define HTML_TREE_MAX_TEXT 10000000

/* Upper bounds for numeric attributes (colspan and friends). */
#define HTML_MAX_SPAN 1000
#define HTML_MAX_DIMENSION 100000

struct san {
	struct buf *out;
	struct html_urls u;       /* base URL and URL scratch buffers */
	int depth;                /* elements open in the output */
	const struct html_elem *elems[HTML_SANITIZE_MAX_DEPTH];
	/* The parser's open elements (as the tree builder sees them) and
	 * for each whether its end tag is to be written. */
	int pdepth;
	bool written[HTML_TREE_MAX_DEPTH + 2];
	int skip;                 /* > 0: the level of a dropped element */
	bool seen_root;           /* the wrapper <div> has started */
	bool halted;              /* the tree builder would have stopped */
	bool too_deep;            /* ... because of the nesting */
	size_t text_run;          /* length of the current text node */
	htmlParserCtxtPtr ctxt;
	int rc;
};

static void
put(struct san *s, const char *p, size_t n)
{
	struct buf *b = s->out;

	/* Room already there (within the cap, which bounds b->cap): skip
	 * the call, most pieces are a few bytes. */
	if (s->rc == 0 && b->p && n < b->cap - b->len) {
		memcpy(b->p + b->len, p, n);
		b->len += n;
		b->p[b->len] = '\0';
	} else if (s->rc == 0) {
		s->rc = buf_append(b, p, n);
	}
}

static void
puts_(struct san *s, const char *p)
{
	put(s, p, strlen(p));
}

/* Bytes put_escaped must look at: markup characters and the control
 * characters XML cannot carry (our Atom output) and no reader wants to
 * see. Tab, newline and carriage return are plain text. */
static const unsigned char html_special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
	[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x0B] = 1,
	[0x0C] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
	[0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1,
	[0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
	[0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, [0x7F] = 1,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 2, ['\''] = 2,
};

/* Escape n bytes for element text (attr false) or a quoted attribute
 * value. A NUL ends the text (libxml2's strings end there too). */
static void
put_escaped_n(struct san *s, const char *p, size_t n, bool attr)
{
	const char *end = p + n, *start;
	unsigned char lim = attr ? 2 : 1;

	while (p < end) {
		const char *rep;

		start = p;
		for (;;) {
			/* Element text is most of a body: its plain runs go
			 * sixteen bytes a step (line breaks stop the look and
			 * are passed here). Attribute values are short. */
			if (!attr)
				p = scan_ctl_or(p, end, '&', '<', '>', 0x7F);
			if (p == end || (html_special[(unsigned char)*p] != 0 &&
			    html_special[(unsigned char)*p] <= lim))
				break;
			p++;
		}
		if (p > start)
			put(s, start, (size_t)(p - start));
		if (p == end)
			return;
		switch (*p) {
		case '\0': return;
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: rep = ""; break;
		}
		puts_(s, rep);
		p++;
	}
}

static void
put_escaped(struct san *s, const char *p, bool attr)
{
	put_escaped_n(s, p, strlen(p), attr);
}

static void
put_attr(struct san *s, const char *name, const char *value)
{
	puts_(s, " ");
	puts_(s, name);
	if (value) {
		puts_(s, "=\"");
		put_escaped(s, value, true);
		puts_(s, "\"");
	}
}

/* An attribute whose value is a number parsed from the input (x >= 0):
 * written in decimal without the two vsnprintf passes of buf_printf,
 * for every image's width and height. */
static void
put_uint_attr(struct san *s, const char *name, long x)
{
	char digits[24];
	size_t i = sizeof(digits);

	digits[--i] = '\0';
	do {
		digits[--i] = (char)('0' + x % 10);
		x /= 10;
	} while (x > 0 && i > 0);
	put_attr(s, name, digits + i);
}








/* Whether writing element e inside the output parent would make libxml2
 * close that parent when the output is parsed again. */
static bool
would_close_parent(struct san *s, const struct html_elem *e)
{
	const struct html_elem *parent;

	parent = s->depth ? s->elems[s->depth - 1] : NULL;
	return html_elem_closes_out(parent, e);
}

/* Gather the allowed attributes (name, value pairs from the parser; a
 * NULL value for an attribute without one) into vals by enum html_attr.
 * The parser has already dropped repeated attributes. */
static void
collect_attrs(const xmlChar **atts, uint32_t allowed, const char **vals,
    const char **lazy_src, const char **lazy_srcset)
{
	size_t i;

	for (i = 0; atts && atts[i]; i += 2) {
		const char *name = (const char *)atts[i];
		const char *v = (const char *)atts[i + 1];
		int id;

		if (lazy_src && v && name[0] == 'd') {
			if (strcmp(name, "data-src") == 0)
				*lazy_src = v;
			else if (strcmp(name, "data-srcset") == 0)
				*lazy_srcset = v;
		}
		id = html_attr_find(name);
		if (id < 0 || !(allowed & (1u << id)) || vals[id])
			continue;
		vals[id] = v ? v : "";
	}
}

/* Write the start tag of an allowed element; false when the element is
 * to be left out (an image without a usable source, a tracking pixel). */
static bool
write_start(struct san *s, const xmlChar **atts, const struct html_elem *e)
{
	const char *vals[HA_COUNT] = { 0 };
	const char *lazy_src = NULL, *lazy_srcset = NULL;
	bool is_img = (e->flags & HTML_F_IMG) != 0;
	bool is_media = (e->flags & HTML_F_MEDIA) != 0;
	bool has_href = false, has_src = false, has_srcset = false;
	size_t mark = s->out->len;
	long w = -1, h = -1, x;
	int id;

	collect_attrs(atts, e->attrs, vals, is_img ? &lazy_src : NULL,
	    is_img ? &lazy_srcset : NULL);
	if (is_img)
		html_img_attrs(vals, lazy_src, lazy_srcset);

	puts_(s, "<");
	puts_(s, e->out);
	for (id = 0; id < HA_COUNT; id++) {
		const char *v = vals[id];
		const char *name;

		if (v == NULL)
			continue;
		name = html_attr_name(id);
		switch (id) {
		case HA_HREF:
		case HA_SRC:
		case HA_POSTER:
		case HA_CITE:
			if (is_img && id == HA_SRC ?
			    !html_clean_img_url(&s->u, v) :
			    !html_clean_url(&s->u, v, false))
				break;
			if (is_img && id == HA_SRC &&
			    html_is_pixel_url(buf_cstr(&s->u.url)))
				goto skip;
			put_attr(s, name, buf_cstr(&s->u.url));
			if (id == HA_HREF)
				has_href = true;
			if (id == HA_SRC)
				has_src = true;
			break;
		case HA_SRCSET:
			html_clean_srcset(&s->u, v);
			if (s->u.srcset.len) {
				put_attr(s, name, buf_cstr(&s->u.srcset));
				has_srcset = true;
			}
			break;
		case HA_WIDTH:
		case HA_HEIGHT:
			if (!html_parse_uint(v, 0, HTML_MAX_DIMENSION, &x))
				break;
			if (id == HA_WIDTH)
				w = x;
			else
				h = x;
			put_uint_attr(s, name, x);
			break;
		case HA_COLSPAN:
		case HA_ROWSPAN:
		case HA_START:
		case HA_VALUE:
			if (!html_parse_uint(v, id == HA_START || id == HA_VALUE ?
			    0 : 1, HTML_MAX_SPAN * (id >= HA_START ? 1000 : 1),
			    &x))
				break;
			put_uint_attr(s, name, x);
			break;
		case HA_REVERSED:
		case HA_OPEN:
			put_attr(s, name, NULL);
			break;
		case HA_DIR:
			if (strcmp(v, "ltr") == 0 || strcmp(v, "rtl") == 0 ||
			    strcmp(v, "auto") == 0)
				put_attr(s, name, v);
			break;
		case HA_LANG:
			if (html_valid_lang(v))
				put_attr(s, name, v);
			break;
		case HA_SCOPE:
			if (strcmp(v, "row") == 0 || strcmp(v, "col") == 0 ||
			    strcmp(v, "rowgroup") == 0 ||
			    strcmp(v, "colgroup") == 0)
				put_attr(s, name, v);
			break;
		default:
			/* Plain text: alt, title, type, media, sizes,
			 * datetime. Escaping is all they need. */
			put_attr(s, name, v);
			break;
		}
	}
	if (is_img) {
		/* An image with nothing to show, or a 1x1 counter. */
		if (!has_src && !has_srcset)
			goto skip;
		if (w >= 0 && h >= 0 && w <= 1 && h <= 1)
			goto skip;
	}
	if (has_href)
		puts_(s, " rel=\"noopener noreferrer\"");
	if (is_media)
		puts_(s, " controls");
	puts_(s, ">");
	return true;
skip:
	buf_truncate(s->out, mark);
	return false;
}

/* Elements that only make sense inside certain parents (a <td> outside a
 * <tr> is, to browsers, just text). Unwrapping the parent for another
 * reason (depth, auto-close) must not leave these stranded. */
static const struct {
	const char *child;
	const char *parents; /* space-separated */
	const char *orphan;  /* written instead, NULL: unwrapped */
} html_parents[] = {
	{ "caption", "table", "div" },
	{ "dd", "dl", "div" },
	{ "dt", "dl", "div" },
	{ "li", "ul ol", "div" },
	{ "rp", "ruby", NULL },
	{ "rt", "ruby", NULL },
	{ "tbody", "table", NULL },
	{ "td", "tr", "span" },
	{ "tfoot", "table", NULL },
	{ "th", "tr", "span" },
	{ "thead", "table", NULL },
	{ "tr", "table thead tbody tfoot", "div" },
};

static bool
parent_fits(const char *child, const char *parent)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(html_parents); i++)
		if (strcmp(child, html_parents[i].child) == 0)
			return html_has_token(html_parents[i].parents, parent);
	return true;
}

static const char *
rename_orphan(const char *child)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(html_parents); i++)
		if (strcmp(child, html_parents[i].child) == 0)
			return html_parents[i].orphan;
	return NULL;
}

/* Decide what to do with an element and write its start tag. Returns
 * 1 when it was written and stays open (children follow, then its end
 * tag), 2 when it was written and has no end tag, 0 when it is unwrapped
 * and -1 when it is dropped with its content. */
static int
enter(struct san *s, const char *name, const xmlChar **atts,
    const struct html_elem *e)
{
	if (e == NULL)
		e = html_elem_find(name);
	const struct html_elem *parent;

	if (e->kind == HTML_DROP)
		return e->flags & HTML_F_VOID ? 0 : -1;
	if (e->kind != HTML_ALLOW)
		return 0;
	parent = s->depth ? s->elems[s->depth - 1] : NULL;
	if ((e->flags & HTML_F_PARENT) &&
	    !parent_fits(e->out, parent ? parent->out : "")) {
		/* An orphaned list item or table part: keep it as a plain
		 * block (or inline for cells) so its text stays apart from
		 * its neighbours, and let its table children be judged
		 * again under it. */
		const char *as = rename_orphan(e->out);
		if (as == NULL)
			return 0;
		e = html_elem_find(as);
	}
	/* A stray <source> is unwrapped, not dropped: libxml2 nests the
	 * elements after it inside it. */
	if ((e->flags & HTML_F_SOURCE) &&
	    (parent == NULL || !(parent->flags & HTML_F_SRCBOX)))
		return 0;
	if (!(e->flags & HTML_F_VOID) &&
	    s->depth >= HTML_SANITIZE_MAX_DEPTH)
		return 0;
	if (would_close_parent(s, e))
		return 0;
	if (!write_start(s, atts, e))
		return e->flags & HTML_F_IMG ? -1 : 0;
	if (e->flags & HTML_F_VOID)
		return 2;
	s->elems[s->depth] = e;
	s->depth++;
	return 1;
}

static void
leave(struct san *s)
{
	s->depth--;
	puts_(s, "</");
	puts_(s, s->elems[s->depth]->out);
	puts_(s, ">");
}

/* The parser would stop building its tree here; so do we. */
static void
halt(struct san *s)
{
	s->halted = true;
	if (s->ctxt)
		xmlStopParser(s->ctxt);
}

static struct san *
san_of(void *ctx)
{
	struct san *s = ((htmlParserCtxtPtr)ctx)->_private;

	s->ctxt = ctx;
	return s;
}

static void
san_start(struct san *s, const xmlChar *name, const xmlChar **atts,
    const struct html_elem *e)
{
	int at, r;

	if (s->halted)
		return;
	s->text_run = 0;
	if (s->pdepth > HTML_TREE_MAX_DEPTH) {
		s->too_deep = true;
		halt(s);
		return;
	}
	at = s->pdepth++;
	s->written[at] = false;
	if (s->skip)
		return;
	if (!s->seen_root) {
		/* Our wrapper <div>: its content is the fragment. */
		s->seen_root = true;
		return;
	}
	if (s->rc)
		return;
	if (strchr((const char *)name, ':')) {
		/* The tree builder names the element by the local part of
		 * a prefixed name (svg:script is a script). */
		xmlChar *prefix = NULL, *local;

		local = xmlSplitQName(s->ctxt, name, &prefix);
		r = enter(s, local ? (const char *)local : "", atts, NULL);
		xmlFree(local);
		xmlFree(prefix);
	} else {
		r = enter(s, (const char *)name, atts, e);
	}
	if (r < 0)
		s->skip = s->pdepth;
	else
		s->written[at] = r == 1;
}

static void
san_end(struct san *s)
{
	if (s->halted || s->pdepth == 0)
		return;
	s->text_run = 0;
	s->pdepth--;
	if (s->skip) {
		/* Still inside the dropped element, or its own end. */
		if (s->pdepth < s->skip)
			s->skip = 0;
		return;
	}
	if (s->written[s->pdepth] && s->rc == 0)
		leave(s);
}

/* Text: the tree builder merges adjacent runs into one node (and gives
 * up on one that grows too long) and drops text outside any element. */
static void
san_text(struct san *s, const char *ch, size_t len)
{
	if (s->halted || s->pdepth == 0)
		return;
	if (s->text_run && s->text_run + len > HTML_TREE_MAX_TEXT) {
		halt(s);
		return;
	}
	s->text_run += len;
	if (s->skip == 0)
		put_escaped_n(s, ch, len, false);
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	san_start(san_of(ctx), name, atts, NULL);
}

static void
on_end(void *ctx, const xmlChar *name)
{
	(void)name;
	san_end(san_of(ctx));
}

static void
on_text(void *ctx, const xmlChar *ch, int len)
{
	if (len > 0)
		san_text(san_of(ctx), (const char *)ch, (size_t)len);
}

/* CDATA (script and style content, always dropped) and comments make
 * nodes of their own, which ends a text node. */
static void
on_cdata(void *ctx, const xmlChar *ch, int len)
{
	struct san *s = san_of(ctx);

	if (s->halted || s->pdepth == 0)
		return;
	s->text_run = 0;
	if (s->skip == 0)
		put_escaped_n(s, (const char *)ch, (size_t)len, false);
}

static void
on_comment(void *ctx, const xmlChar *value)
{
	(void)value;
	san_of(ctx)->text_run = 0;
}

static void
on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	san_of(ctx)->text_run = 0;
}

/*
 * The fast path. libxml2 spends most of a sanitise in its tokenizer, which
 * decodes every character on its own; the markup of feed items is mostly
 * plain (known elements, quoted attributes, tags that match). For such
 * input this tokenizer produces the very events libxml2 would, and gives
 * up (returns false, having written nothing that stays) at the first
 * thing whose libxml2 treatment it does not copy exactly: unknown or
 * special elements, end tags that do not close the innermost element,
 * doctype, processing instructions, odd comments, references libxml2
 * would reject, control characters and non-characters, or depth beyond
 * what libxml2 builds. The caller then runs libxml2. Both ways are
 * compared on every fixture and by the fuzz driver.
 */

/* Nesting the fast path handles (below the depth limits above). */
#define HTML_FAST_MAX_DEPTH 190
#define HTML_FAST_MAX_ATTRS 32
#define HTML_FAST_MAX_NAME 64

/* Byte classes: 1 markup, 2 give up, 3 lead byte of U+FFFE/U+FFFF. */
static const unsigned char fast_cls[256] = {
	[0x00] = 2, [0x01] = 2, [0x02] = 2, [0x03] = 2, [0x04] = 2,
	[0x05] = 2, [0x06] = 2, [0x07] = 2, [0x08] = 2, [0x0B] = 2,
	[0x0C] = 2, [0x0D] = 2, [0x0E] = 2, [0x0F] = 2, [0x10] = 2,
	[0x11] = 2, [0x12] = 2, [0x13] = 2, [0x14] = 2, [0x15] = 2,
	[0x16] = 2, [0x17] = 2, [0x18] = 2, [0x19] = 2, [0x1A] = 2,
	[0x1B] = 2, [0x1C] = 2, [0x1D] = 2, [0x1E] = 2, [0x1F] = 2,
	['<'] = 1, ['&'] = 1, [0xEF] = 3,
};

struct fast {
	const char *p, *end;
	const struct html_elem *stack[HTML_FAST_MAX_DEPTH + 1];
	int depth;                /* open elements, the wrapper not counted */
	struct buf att;           /* attribute names and values */
	struct buf ref;           /* a decoded reference in text */
};

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A plain byte for the fast path (see fast_cls). */
static bool
fast_plain(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;

	if (fast_cls[c] == 0)
		return true;
	if (fast_cls[c] == 3)
		return !(end - p >= 3 && (unsigned char)p[1] == 0xBF &&
		    ((unsigned char)p[2] == 0xBE ||
		    (unsigned char)p[2] == 0xBF));
	return false;
}

static bool
xml_is_char(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 &&
	    c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
	    (c >= 0x10000 && c <= 0x10FFFF);
}

/* libxml2's value of a named entity (0: none). Its lookup is a linear
 * search of the HTML 4 table, so answers are kept in a small per-thread
 * cache keyed by the name. */
static uint32_t
fast_entity(const char *key, size_t len)
{
	static _Thread_local struct {
		char name[12];
		uint32_t value;
	} cache[64];
	const htmlEntityDesc *ent;
	unsigned h = 5381;
	size_t i;

	if (len >= sizeof(cache[0].name)) {
		ent = htmlEntityLookup((const xmlChar *)key);
		return ent && ent->value > 0 ? ent->value : 0;
	}
	for (i = 0; i < len; i++)
		h = h * 33 + (unsigned char)key[i];
	h &= ARRAY_LEN(cache) - 1;
	if (strcmp(cache[h].name, key) == 0)
		return cache[h].value;
	ent = htmlEntityLookup((const xmlChar *)key);
	memcpy(cache[h].name, key, len + 1);
	cache[h].value = ent && ent->value > 0 ? ent->value : 0;
	return cache[h].value;
}

/* A character or entity reference at f->p ('&'), decoded the way
 * libxml2's HTML parser does into dst (text and attribute values follow
 * the same rules). False: give up. */
static bool
fast_ref(struct fast *f, struct buf *dst)
{
	const char *p = f->p + 1, *end = f->end, *name;
	char key[HTML_FAST_MAX_NAME];
	size_t len;

	if (p < end && *p == '#') {
		uint32_t v = 0;
		int digits = 0;
		bool hex = false;

		p++;
		if (p < end && (*p == 'x' || *p == 'X')) {
			hex = true;
			p++;
		}
		for (; p < end && digits < 8; p++, digits++) {
			int c = (unsigned char)*p, d;
			if (is_digit(c))
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (digits == 0 || digits >= 8 || p >= end || *p != ';' ||
		    !xml_is_char(v))
			return false;
		f->p = p + 1;
		return utf8_put(dst, v) == 0;
	}
	if (p >= end || !is_alpha((unsigned char)*p)) {
		/* libxml2 finds no name: a lone ampersand. */
		if (p < end && (*p == '_' || *p == ':' ||
		    (unsigned char)*p >= 0x80))
			return false;
		f->p = p;
		return buf_putc(dst, '&') == 0;
	}
	name = p;
	while (p < end && (is_alpha((unsigned char)*p) ||
	    is_digit((unsigned char)*p)))
		p++;
	len = (size_t)(p - name);
	if (len >= sizeof(key) || p >= end || *p == '_' || *p == ':' ||
	    *p == '.' || *p == '-' || (unsigned char)*p >= 0x80)
		return false;
	if (*p == ';') {
		uint32_t v;

		memcpy(key, name, len);
		key[len] = '\0';
		if ((v = fast_entity(key, len)) > 0) {
			f->p = p + 1;
			return utf8_put(dst, v) == 0;
		}
	}
	/* Unknown, or no semicolon: libxml2 keeps "&name" as text and
	 * leaves what follows. */
	f->p = p;
	return buf_putc(dst, '&') == 0 && buf_append(dst, name, len) == 0;
}

/* A name as libxml2's htmlParseHTMLName reads it, lower-cased into dst
 * (NUL-terminated). Only [A-Za-z0-9-] names are taken. */
static bool
fast_name(struct fast *f, struct buf *dst)
{
	const char *p = f->p, *start = p;

	while (p < f->end && (is_alpha((unsigned char)*p) ||
	    is_digit((unsigned char)*p) || *p == '-'))
		p++;
	if (p == start || p - start >= HTML_FAST_MAX_NAME || p >= f->end ||
	    *p == ':' || *p == '_' || *p == '.')
		return false;
	for (; start < p; start++)
		if (buf_putc(dst, *start >= 'A' && *start <= 'Z' ?
		    *start + 32 : *start) != 0)
			return false;
	f->p = p;
	return buf_putc(dst, '\0') == 0;
}

static void
fast_skip_blanks(struct fast *f)
{
	while (f->p < f->end && is_blank((unsigned char)*f->p))
		f->p++;
}

/* An attribute value after '=' and blanks. */
static bool
fast_value(struct fast *f)
{
	char quote = 0;

	if (f->p < f->end && (*f->p == '"' || *f->p == '\''))
		quote = *f->p++;
	else if (f->p >= f->end || *f->p == '>')
		return false;
	for (;;) {
		const char *run = f->p;

		while (f->p < f->end && *f->p != quote && *f->p != '&' &&
		    fast_plain(f->p, f->end) && (quote || (*f->p != '>' &&
		    !is_blank((unsigned char)*f->p))))
			f->p++;
		if (f->p > run && buf_append(&f->att, run,
		    (size_t)(f->p - run)) != 0)
			return false;
		if (f->p >= f->end)
			return false;
		if (quote && *f->p == quote) {
			f->p++;
			break;
		}
		if (!quote && (*f->p == '>' || is_blank((unsigned char)*f->p)))
			break;
		if (*f->p != '&' || !fast_ref(f, &f->att))
			return false;
	}
	return buf_putc(&f->att, '\0') == 0;
}

/* The content of script or style: libxml2 reads it as raw text up to
 * "</" and the element's name (any case), where the end tag follows (the
 * caller takes it or gives up). An end tag right away is read before any
 * raw text; other markup right away is left to libxml2. Script and style
 * are dropped, so the text itself is not needed. */
static bool
fast_raw(struct fast *f, const struct html_elem *e)
{
	size_t len = strlen(e->name);
	const char *p = f->p;

	if (p < f->end && *p == '<')
		return p + 1 < f->end && p[1] == '/';
	for (; p + 2 + len <= f->end; p++) {
		if (p[0] == '<' && p[1] == '/' &&
		    strncasecmp(p + 2, e->name, len) == 0) {
			f->p = p;
			return true;
		}
	}
	return false;
}

static void
fast_pop(struct san *s, struct fast *f)
{
	f->depth--;
	san_end(s);
}

/* A start tag at f->p ('<' and a letter). */
static bool
fast_start(struct san *s, struct fast *f)
{
	size_t offs[2 * HTML_FAST_MAX_ATTRS];
	const xmlChar *atts[2 * HTML_FAST_MAX_ATTRS + 1];
	const struct html_elem *e;
	int lx, n = 0, i;

	buf_reset(&f->att);
	f->p++;
	if (!fast_name(f, &f->att))
		return false;
	e = html_elem_find(f->att.p);
	lx = html_elem_lx(e);
	if (!(lx & HTML_LX_FAST) || f->depth >= HTML_FAST_MAX_DEPTH)
		return false;
	if (f->p >= f->end || !(is_blank((unsigned char)*f->p) ||
	    *f->p == '>' || *f->p == '/'))
		return false;
	fast_skip_blanks(f);
	while (f->p < f->end && *f->p != '>' && !(*f->p == '/' &&
	    f->p + 1 < f->end && f->p[1] == '>')) {
		size_t name_at = f->att.len, val_at = 0;
		bool dup = false;

		if (n == 2 * HTML_FAST_MAX_ATTRS)
			return false;
		if (!is_alpha((unsigned char)*f->p) || !fast_name(f, &f->att))
			return false;
		fast_skip_blanks(f);
		if (f->p < f->end && *f->p == '=') {
			f->p++;
			fast_skip_blanks(f);
			val_at = f->att.len;
			if (!fast_value(f))
				return false;
		} else if (f->p < f->end && !is_alpha((unsigned char)*f->p) &&
		    *f->p != '>' && *f->p != '/') {
			return false;
		}
		/* libxml2 keeps the first of repeated attributes. */
		for (i = 0; i < n; i += 2)
			if (strcmp(f->att.p + offs[i], f->att.p + name_at) == 0)
				dup = true;
		if (!dup) {
			offs[n] = name_at;
			offs[n + 1] = val_at;
			n += 2;
		}
		fast_skip_blanks(f);
	}
	if (f->p >= f->end)
		return false;
	/* The open elements this start tag closes. */
	while (f->depth > 0 && html_elem_lx_closes(f->stack[f->depth - 1], e))
		fast_pop(s, f);
	if (html_elem_lx_closes(html_elem_find("div"), e))
		return false;
	for (i = 0; i < n; i += 2) {
		atts[i] = (const xmlChar *)(f->att.p + offs[i]);
		atts[i + 1] = offs[i + 1] ?
		    (const xmlChar *)(f->att.p + offs[i + 1]) : NULL;
	}
	atts[n] = NULL;
	f->stack[f->depth++] = e;
	san_start(s, (const xmlChar *)e->name, n ? atts : NULL, e);
	if (*f->p == '/') {
		f->p += 2;
		fast_pop(s, f);
	} else {
		f->p++;
		if (lx & HTML_LX_EMPTY)
			fast_pop(s, f);
		else if (lx & HTML_LX_RAW)
			return fast_raw(f, e);
	}
	return true;
}

/* An end tag at f->p ("</"); only one that closes the innermost open
 * element is taken. */
static bool
fast_end(struct san *s, struct fast *f)
{
	const struct html_elem *e;

	buf_reset(&f->att);
	f->p += 2;
	if (f->p >= f->end || !is_alpha((unsigned char)*f->p) ||
	    !fast_name(f, &f->att))
		return false;
	e = html_elem_find(f->att.p);
	fast_skip_blanks(f);
	if (f->p >= f->end || *f->p != '>' || f->depth == 0 ||
	    f->stack[f->depth - 1] != e || !(html_elem_lx(e) & HTML_LX_FAST))
		return false;
	f->p++;
	fast_pop(s, f);
	return true;
}

/* A comment at f->p ("<!--") whose end libxml2 finds the same way. */
static bool
fast_comment(struct san *s, struct fast *f)
{
	const char *p = f->p + 4, *q;

	if (p < f->end && (*p == '>' || (*p == '-' && p + 1 < f->end &&
	    p[1] == '>')))
		return false;
	for (q = p; q + 2 < f->end; q++) {
		if (!fast_plain(q, f->end) && *q != '<' && *q != '&')
			return false;
		if (q[0] == '-' && q[1] == '-')
			break;
	}
	if (q + 2 >= f->end || q[2] != '>')
		return false;
	f->p = q + 3;
	s->text_run = 0;
	return true;
}

static bool
fast_parse(struct san *s, struct fast *f)
{
	while (f->p < f->end && s->rc == 0) {
		const char *run = f->p;
		unsigned char c;

		for (;;) {
			/* Sixteen bytes a step past plain text; tabs and line
			 * breaks stop that look but are plain. */
			f->p = scan_ctl_or(f->p, f->end, '<', '&', (char)0xEF,
			    '\0');
			if (f->p >= f->end || !fast_plain(f->p, f->end))
				break;
			f->p++;
		}
		if (f->p > run)
			san_text(s, run, (size_t)(f->p - run));
		if (f->p >= f->end)
			break;
		c = (unsigned char)*f->p;
		if (c == '&') {
			buf_reset(&f->ref);
			if (!fast_ref(f, &f->ref))
				return false;
			san_text(s, f->ref.p, f->ref.len);
			continue;
		}
		if (c != '<' || f->p + 1 >= f->end)
			return false;
		c = (unsigned char)f->p[1];
		if (is_alpha(c)) {
			if (!fast_start(s, f))
				return false;
		} else if (c == '/') {
			if (!fast_end(s, f))
				return false;
		} else if (c == '!' && f->end - f->p >= 4 && f->p[2] == '-' &&
		    f->p[3] == '-') {
			if (!fast_comment(s, f))
				return false;
		} else if (c == ' ' || c == '\n' || c == '\t' || is_digit(c) ||
		    c == '=') {
			/* Not a tag: libxml2 keeps the '<' as text. */
			san_text(s, "<", 1);
			f->p++;
		} else {
			return false;
		}
	}
	return true;
}

/* Run the fast path over clean input; false (with out as it was) when
 * libxml2 has to do it. */
static bool
fast_sanitize(struct san *s, const char *html, size_t n)
{
	struct fast *f;
	size_t mark = s->out->len;
	bool ok;

	if ((f = malloc(sizeof(*f))) == NULL)
		return false;
	f->p = html;
	f->end = html + n;
	f->depth = 0;
	buf_init(&f->att, HTML_MAX_INPUT * 3);
	buf_init(&f->ref, 64);
	/* The wrapper <div> html_parse_sax would add. */
	s->seen_root = true;
	s->pdepth = 1;
	ok = fast_parse(s, f) && s->rc == 0;
	while (ok && f->depth > 0 && s->rc == 0)
		fast_pop(s, f);
	buf_release(&f->att);
	buf_release(&f->ref);
	free(f);
	if (!ok || s->rc || s->halted) {
		buf_truncate(s->out, mark);
		s->depth = s->pdepth = s->skip = 0;
		s->seen_root = s->halted = false;
		s->text_run = 0;
		s->rc = 0;
		return false;
	}
	return true;
}

static const htmlSAXHandler html_san_sax = {
	.startElement = on_start,
	.endElement = on_end,
	.characters = on_text,
	.ignorableWhitespace = on_text,
	.cdataBlock = on_cdata,
	.comment = on_comment,
	.processingInstruction = on_pi,
};

/* A body nested past the tree builder's limit (a template that never
 * closes its <font> tags) lost everything after that point; sanitise it
 * again from a copy with its nesting capped, so that all its text stays. */
static int
sanitize_flattened(struct san *s, const char *html, size_t n, size_t mark)
{
	struct buf flat = BUF_INIT;
	int rc;

	buf_truncate(s->out, mark);
	s->depth = s->pdepth = s->skip = 0;
	s->seen_root = s->halted = s->too_deep = false;
	s->text_run = 0;
	buf_init(&flat, HTML_MAX_INPUT * 2);
	rc = html_flatten_fragment(html, n, &flat);
	if (rc == 0)
		rc = html_parse_sax(buf_cstr(&flat), flat.len, true,
		    &html_san_sax, s);
	while (rc == 0 && s->rc == 0 && s->depth)
		leave(s);
	buf_release(&flat);
	return rc;
}

int
html_sanitize(const char *html, size_t n, const char *base_url,
    struct buf *out, struct err *e)
{
	struct san *s;
	size_t mark = out->len;
	int rc;

	if (html == NULL && n)
		return err_set(e, ERR_INVAL, "html_sanitize: no input");
	if (n == 0)
		return 0;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return err_set(e, ERR_NOMEM, "html_sanitize: %s",
		    err_name(ERR_NOMEM));
	s->out = out;
	if (base_url && *base_url && url_is_fetchable(base_url, true))
		s->u.base = base_url;
	if (n > HTML_MAX_INPUT)
		rc = ERR_TOOBIG;
	else if (html_input_clean(html, n) && fast_sanitize(s, html, n))
		rc = 0;
	else
		rc = html_parse_sax(html, n, true, &html_san_sax, s);
	while (rc == 0 && s->rc == 0 && s->depth)
		leave(s);
	if (rc == 0 && s->rc == 0 && s->too_deep)
		rc = sanitize_flattened(s, html, n, mark);
	if (rc == 0)
		rc = s->rc;
	buf_release(&s->u.url);
	buf_release(&s->u.tmp);
	buf_release(&s->u.srcset);
	free(s);
	if (rc) {
		buf_truncate(out, mark);
		return err_set(e, rc, "html_sanitize: %s", err_name(rc));
	}
	return 0;
}
