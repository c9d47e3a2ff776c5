/*
 * html/sanitize_tree.c: the first html_sanitize, kept as the oracle of the
 * streaming one (sanitize.c): it builds libxml2's tree and walks it. Both
 * see the same parser events, so their output must be identical; the unit
 * tests and bench/bench_sanitize --compare check that. Not used otherwise.
 *
 * The fragment is parsed by libxml2 (which recovers from any markup) and
 * the tree is written out again in one pass, keeping only the elements and
 * attributes of the table in html.c. Everything written is produced here:
 * text and attribute values are escaped, URLs are resolved against the
 * base and checked against a scheme allow-list after libxml2 has decoded
 * their entities and after control characters and white space are gone,
 * and links get rel="noopener noreferrer". The output is the one kind of
 * HTML later layers may write unescaped.
 *
 * Idempotence (sanitize(sanitize(x)) == sanitize(x)) matters because items
 * are re-sanitised when feeds are re-read and compared for changes. The
 * parser restructures markup (a <div> start tag closes an open <p>), so an
 * element whose start tag would make libxml2 close our current parent when
 * the output is read again is unwrapped instead of written; that makes the
 * output a fixed point.
 *
 * Depth: libxml2 stops parsing at 256 levels of nesting; html_parse then
 * reads the fragment again flattened, so its text is kept. We write at
 * most HTML_SANITIZE_MAX_DEPTH nested elements; deeper elements are
 * unwrapped, their text kept. The walk follows parent/next pointers and
 * uses no recursion, so depth never costs stack.
 */
#include "base/common.h"

#include <libxml/HTMLparser.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/url.h"
#include "html/html.h"
#include "html/html_int.h"

/* Nesting written to the output; below libxml2's own limit of 256 so that
 * the output always parses in full. */
#define HTML_SANITIZE_MAX_DEPTH 200

/* Upper bounds for numeric attributes (colspan and friends). */
#define HTML_MAX_SPAN 1000
#define HTML_MAX_DIMENSION 100000

struct san {
	struct buf *out;
	struct html_urls u;       /* base URL and URL scratch buffers */
	htmlDocPtr doc;
	int depth;                /* elements open in the output */
	const xmlNode *stack[HTML_SANITIZE_MAX_DEPTH];
	const struct html_elem *elems[HTML_SANITIZE_MAX_DEPTH];
	int rc;
};

static void
put(struct san *s, const char *p, size_t n)
{
	if (s->rc == 0)
		s->rc = buf_append(s->out, p, n);
}

static void
puts_(struct san *s, const char *p)
{
	put(s, p, strlen(p));
}

/* Escape for element text (attr false) or a quoted attribute value. */
static void
put_escaped(struct san *s, const char *p, bool attr)
{
	const char *start = p;

	for (;; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '\0':
			put(s, start, (size_t)(p - start));
			return;
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\'': rep = attr ? "&#39;" : NULL; break;
		default:
			/* Control characters XML cannot carry (our Atom
			 * output) and no reader wants to see. */
			if (((unsigned char)*p < 0x20 && *p != '\t' &&
			    *p != '\n' && *p != '\r') || *p == 0x7F)
				rep = "";
			break;
		}
		if (rep) {
			put(s, start, (size_t)(p - start));
			puts_(s, rep);
			start = p + 1;
		}
	}
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








/* Whether writing element e inside the output parent would make libxml2
 * close that parent when the output is parsed again. */
static bool
would_close_parent(struct san *s, const struct html_elem *e)
{
	xmlNode fake;
	const char *parent;

	parent = s->depth ? s->elems[s->depth - 1]->out : "div";
	if (strcmp(parent, e->out) == 0)
		return (e->flags & HTML_F_SELF) != 0;
	/* htmlAutoCloseTag looks at the children of the node too; one
	 * without children asks just "does <e> close <parent>?". */
	memset(&fake, 0, sizeof(fake));
	fake.type = XML_ELEMENT_NODE;
	fake.name = (const xmlChar *)e->out;
	return htmlAutoCloseTag(s->doc, (const xmlChar *)parent, &fake) != 0;
}

/* Gather the allowed attributes of node into vals (by enum html_attr). */
static void
collect_attrs(const xmlNode *node, uint32_t allowed, const char **vals,
    const char **lazy_src, const char **lazy_srcset)
{
	const xmlAttr *a;

	for (a = node->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		int id;
		if (name == NULL)
			continue;
		if (lazy_src && strcmp(name, "data-src") == 0 &&
		    a->children && a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL)
			*lazy_src = (const char *)a->children->content;
		if (lazy_srcset && strcmp(name, "data-srcset") == 0 &&
		    a->children && a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL)
			*lazy_srcset = (const char *)a->children->content;
		id = html_attr_find(name);
		if (id < 0 || !(allowed & (1u << id)) || vals[id])
			continue;
		if (a->children == NULL) {
			vals[id] = "";
		} else if (a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL && a->children->content) {
			vals[id] = (const char *)a->children->content;
		} else {
			/* Rare (entity nodes); values that need assembly
			 * are dropped rather than copied per attribute. */
			continue;
		}
	}
}

/* Write the start tag of an allowed element; false when the element is
 * to be left out (an image without a usable source, a tracking pixel). */
static bool
write_start(struct san *s, const xmlNode *node, const struct html_elem *e)
{
	const char *vals[HA_COUNT] = { 0 };
	const char *lazy_src = NULL, *lazy_srcset = NULL;
	bool is_img = (e->flags & HTML_F_IMG) != 0;
	bool is_media = (e->flags & HTML_F_MEDIA) != 0;
	bool has_href = false, has_src = false, has_srcset = false;
	size_t mark = s->out->len;
	long w = -1, h = -1, x;
	int id;

	collect_attrs(node, e->attrs, vals, is_img ? &lazy_src : NULL,
	    is_img ? &lazy_srcset : NULL);
	if (is_img)
		html_img_attrs(vals, lazy_src, lazy_srcset);

	puts_(s, "<");
	puts_(s, e->out);
	for (id = 0; id < HA_COUNT; id++) {
		const char *v = vals[id];
		const char *name = html_attr_name(id);
		if (v == NULL)
			continue;
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
			buf_reset(&s->u.tmp);
			if (buf_printf(&s->u.tmp, "%ld", x) == 0)
				put_attr(s, name, buf_cstr(&s->u.tmp));
			break;
		case HA_COLSPAN:
		case HA_ROWSPAN:
		case HA_START:
		case HA_VALUE:
			if (!html_parse_uint(v, id == HA_START || id == HA_VALUE ?
			    0 : 1, HTML_MAX_SPAN * (id >= HA_START ? 1000 : 1),
			    &x))
				break;
			buf_reset(&s->u.tmp);
			if (buf_printf(&s->u.tmp, "%ld", x) == 0)
				put_attr(s, name, buf_cstr(&s->u.tmp));
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
enter(struct san *s, const xmlNode *node)
{
	const struct html_elem *e = html_elem_find((const char *)node->name);
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
	if (!write_start(s, node, e))
		return e->flags & HTML_F_IMG ? -1 : 0;
	if (e->flags & HTML_F_VOID)
		return 2;
	s->stack[s->depth] = node;
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

static void
walk(struct san *s, xmlNode *root, xmlNode *wrapper)
{
	xmlNode *node = root;

	while (node && s->rc == 0) {
		bool down = false;

		if (node->type == XML_ELEMENT_NODE) {
			int r = node == wrapper ? 0 : enter(s, node);
			/* Children of a void element (libxml2 does not know
			 * <source> or <wbr> and nests what follows inside)
			 * are written after it, where they belong. */
			if (r >= 0)
				down = node->children != NULL;
			if (r == 1 && !down)
				leave(s);
		} else if (node->type == XML_TEXT_NODE ||
		    node->type == XML_CDATA_SECTION_NODE) {
			if (node->content)
				put_escaped(s, (const char *)node->content,
				    false);
		}
		if (down) {
			node = node->children;
			continue;
		}
		while (node && node->next == NULL) {
			node = node->parent;
			if (node == NULL || node->type != XML_ELEMENT_NODE) {
				node = NULL;
				break;
			}
			if (s->depth && s->stack[s->depth - 1] == node)
				leave(s);
		}
		if (node)
			node = node->next;
	}
}

int
html_sanitize_tree(const char *html, size_t n, const char *base_url,
    struct buf *out, struct err *e)
{
	struct san s;
	xmlNode *wrapper;
	size_t mark = out->len;
	int rc;

	if (html == NULL && n)
		return err_set(e, ERR_INVAL, "html_sanitize: no input");
	if (n == 0)
		return 0;
	memset(&s, 0, sizeof(s));
	s.out = out;
	if (base_url && *base_url && url_is_fetchable(base_url, true))
		s.u.base = base_url;
	s.doc = html_parse(html, n, true, &wrapper, &rc);
	if (s.doc == NULL)
		return err_set(e, rc, "html_sanitize: %s", err_name(rc));
	walk(&s, s.doc->children, wrapper);
	while (s.rc == 0 && s.depth)
		leave(&s);
	xmlFreeDoc(s.doc);
	buf_release(&s.u.url);
	buf_release(&s.u.tmp);
	buf_release(&s.u.srcset);
	if (s.rc) {
		buf_truncate(out, mark);
		return err_set(e, s.rc, "html_sanitize: %s", err_name(s.rc));
	}
	return 0;
}
