/*
 * extract/emit.c: write the kept boxes as text and HTML (see emit.h).
 */
#include "base/common.h"

#include "extract/emit.h"

static void
tx_flush(struct emit_text *t)
{
	if (t->out->len > 0) {
		if (t->newlines)
			t->rc = buf_append(t->out, "\n\n", (size_t)t->newlines);
		else if (t->space)
			t->rc = buf_putc(t->out, ' ');
	}
	t->newlines = 0;
	t->space = false;
}

/* The length of a space character outside ASCII at p, 0 if none. */
static size_t
wide_space(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (u[0] == 0xE2 && ((u[1] == 0x80 && ((u[2] >= 0x82 &&
	    u[2] <= 0x8A) || u[2] == 0xAF)) || (u[1] == 0x81 &&
	    u[2] == 0x9F)))
		return 3;
	return 0;
}

/* The length of an invisible character at p (U+00AD soft hyphen,
 * U+200B zero-width space, as a heading's anchor link carries it, U+2060
 * word joiner, U+FEFF), 0 if none. The joiners U+200C and U+200D shape
 * Persian and Indic words and stay. */
static size_t
invisible(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] == 0xC2 && u[1] == 0xAD)
		return 2;
	if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0) ||
	    (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x8B) ||
	    (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
		return 3;
	return 0;
}

/* Whether p is a U+3000 ideographic space between two characters
 * outside ASCII on one line: the text so far ends in one, with no space
 * or break pending, and one follows. */
static bool
ideographic_gap(const struct emit_text *t, const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (!(u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) || t->space ||
	    t->newlines || t->out->len == 0 ||
	    (unsigned char)t->out->p[t->out->len - 1] < 0x80)
		return false;
	return u[3] >= 0x80 && !wide_space(p + 3);
}

static void
tx_text(struct emit_text *t, const char *p)
{
	const char *run;

	while (*p && t->rc == 0) {
		if (is_ws((unsigned char)*p)) {
			t->space = true;
			p++;
			continue;
		}
		/* U+00A0 no-break space, U+3000 ideographic space (Chinese
		 * portals indent every paragraph with two) and the typeset
		 * spaces U+2002-U+200A, U+202F, U+205F separate words too. */
		/* But an ideographic space inside a line of CJK text, between
		 * two words that are not spaces ("ほんのやど　ひがしや"), is
		 * a character of the text as written: kept. */
		if (ideographic_gap(t, p)) {
			tx_flush(t);
			if (t->rc == 0)
				t->rc = buf_append(t->out, p, 3);
			p += 3;
			continue;
		}
		if (wide_space(p)) {
			t->space = true;
			p += wide_space(p);
			continue;
		}
		/* Invisible marks inside a word (a soft hyphen, "Bundes&shy;
		 * regierung" on German and Dutch sites; a word joiner; a
		 * stray byte order mark) are not in the text a reader
		 * sees or copies. */
		if (invisible(p)) {
			p += invisible(p);
			continue;
		}
		/* "<span>Eastern Europe</span><span>CNN</span>": two
		 * classed spans set apart by their style, not by a space;
		 * the join shows as a lower-case letter then a capital. */
		if (t->camel && !t->space && t->newlines == 0 &&
		    t->out->len > 0 && *p >= 'A' && *p <= 'Z' &&
		    t->out->p[t->out->len - 1] >= 'a' &&
		    t->out->p[t->out->len - 1] <= 'z')
			t->space = true;
		t->camel = false;
		tx_flush(t);
		for (run = p; *run && !is_ws((unsigned char)*run) &&
		    !wide_space(run) && !invisible(run); run++)
			;
		if (t->rc == 0)
			t->rc = buf_append(t->out, p, (size_t)(run - p));
		p = run;
	}
}

static void
tx_break(struct emit_text *t, unsigned tf)
{
	if (tf & F_BLOCK)
		t->newlines = 2;
	else if ((tf & F_LINE) && t->newlines < 1)
		t->newlines = 1;
	else if (tf & F_CELL)
		t->space = true;
}

static int
esc(struct buf *o, const char *s, bool attrv)
{
	const char *run = s;
	int rc = 0;

	/* Copy runs between the characters that need escaping. */
	for (; rc == 0; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attrv ? "&quot;" : NULL; break;
		case '\0': rep = ""; break;
		}
		if (rep == NULL)
			continue;
		if (s > run)
			rc = buf_append(o, run, (size_t)(s - run));
		if (rc == 0 && *rep)
			rc = buf_puts(o, rep);
		if (*s == '\0')
			break;
		run = s + 1;
	}
	return rc;
}

static bool
is_void(xmlNode *n)
{
	return (tree_tag_flags((const char *)n->name) & F_VOID) != 0;
}

static int
open_tag(struct buf *h, xmlNode *n)
{
	static const char *const keep[] = { "href", "src", "srcset", "alt",
	    "title", "datetime", "cite", "colspan", "rowspan", "width",
	    "height", "lang", "dir", "start", "scope", "sizes", "type" };
	const char *name = (const char *)n->name, *lazy;
	bool img = !strcmp(name, "img") || !strcmp(name, "amp-img");
	xmlAttr *a;
	size_t i;
	int rc;

	if (!strcmp(name, "amp-img"))
		name = "img";
	rc = buf_printf(h, "<%s", name);
	lazy = img ? attr(n, "data-src") : NULL;
	if (img && lazy == NULL)
		lazy = attr(n, "data-lazy-src");
	if (img && lazy == NULL)
		lazy = attr(n, "data-original");
	for (a = n->properties; a && rc == 0; a = a->next) {
		const char *an = (const char *)a->name, *v;
		for (i = 0; i < ARRAY_LEN(keep); i++)
			if (!strcasecmp(an, keep[i]))
				break;
		if (i == ARRAY_LEN(keep))
			continue;
		v = a->children && a->children->content ?
		    (const char *)a->children->content : "";
		if (img && lazy && *lazy && !strcasecmp(an, "src") &&
		    (*v == '\0' || !strncmp(v, "data:", 5)))
			continue;
		rc = buf_printf(h, " %s=\"", an);
		if (rc == 0)
			rc = esc(h, v, true);
		if (rc == 0)
			rc = buf_putc(h, '"');
	}
	if (rc == 0 && img && lazy && *lazy) {
		const char *src = attr(n, "src");
		if (src == NULL || *src == '\0' || !strncmp(src, "data:", 5)) {
			rc = buf_puts(h, " src=\"");
			if (rc == 0)
				rc = esc(h, lazy, true);
			if (rc == 0)
				rc = buf_putc(h, '"');
		}
	}
	if (rc == 0)
		rc = buf_putc(h, '>');
	return rc;
}

static bool
classed_span(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE &&
	    !strcmp((const char *)n->name, "span") &&
	    attr((xmlNode *)n, "class") != NULL;
}

/* Write the kept subtree at root as text and HTML. */
int
emit_subtree(struct ctx *c, int root, struct emit_text *t, struct buf *h)
{
	xmlNode *top = c->v[root].n, *n = top;
	int rc = 0;

	tx_break(t, F_BLOCK);
	while (n != NULL && rc == 0 && t->rc == 0) {
		bool down = false;

		if (n->type == XML_ELEMENT_NODE) {
			int i = idx(n);
			if (i >= 0 && !c->v[i].removed) {
				unsigned tf = c->v[i].tf;
				if (tf & F_BR) {
					if (t->newlines < 1)
						t->newlines = 1;
				}
				tx_break(t, tf);
				t->camel = classed_span(n) && n->prev != NULL &&
				    classed_span(n->prev);
				rc = open_tag(h, n);
				down = n->children != NULL && !(tf & F_VOID);
				if (!down && !(tf & F_VOID) && rc == 0)
					rc = buf_printf(h, "</%s>",
					    (const char *)n->name);
				if (!down)
					tx_break(t, tf);
			}
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content) {
			tx_text(t, (const char *)n->content);
			rc = esc(h, (const char *)n->content, false);
		}
		if (down) {
			n = n->children;
			continue;
		}
		if (n == top)
			break;
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL)
				break;
			if (!is_void(n)) {
				const char *nm = (const char *)n->name;
				rc |= buf_printf(h, "</%s>",
				    !strcmp(nm, "amp-img") ? "img" : nm);
			}
			tx_break(t, c->v[idx(n)].tf);
			if (n == top)
				n = NULL;
		}
		if (n != NULL)
			n = n->next;
	}
	tx_break(t, F_BLOCK);
	return rc ? rc : t->rc;
}
