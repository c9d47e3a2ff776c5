/*
 * extract/tree.c: number the page's elements and count their text (see
 * tree.h).
 */
#include "base/common.h"

#include <strings.h>

#include "base/err.h"
#include "extract/extract_int.h"
#include "extract/tree.h"

/* Most elements looked at; a page with more fails with ERR_TOOBIG. */
#define EXTRACT_MAX_NODES 2000000

struct tag {
	const char *name;
	unsigned flags;
	int base; /* initial score as a candidate */
};

#define BL F_BLOCK
/* Sorted by name for bsearch. */
static const struct tag tags[] = {
	{ "a", F_A, 0 },
	{ "address", BL, -3 },
	{ "amp-img", F_IMG, 0 },
	{ "applet", F_DROP, 0 },
	{ "area", F_DROP, 0 },
	{ "article", BL | F_LEAF | F_COND, 8 },
	{ "aside", BL | F_FURN | F_COND, -5 },
	{ "audio", F_DROP, 0 },
	{ "base", F_DROP, 0 },
	{ "blockquote", BL | F_LEAF, 3 },
	{ "body", BL, 0 },
	{ "br", F_BR | F_VOID, 0 },
	{ "button", F_DROP, 0 },
	{ "canvas", F_DROP, 0 },
	{ "caption", BL, 0 },
	{ "center", BL | F_LEAF, 0 },
	{ "col", F_DROP, 0 },
	{ "colgroup", F_DROP, 0 },
	{ "datalist", F_DROP, 0 },
	{ "dd", BL | F_LEAF | F_LINE, -3 },
	{ "details", BL, 0 },
	{ "dialog", F_DROP, 0 },
	{ "div", BL | F_LEAF | F_COND, 5 },
	{ "dl", BL | F_LIST | F_COND, -3 },
	{ "dt", BL | F_LINE, -3 },
	{ "embed", F_DROP, 0 },
	{ "fieldset", BL, 0 },
	{ "figcaption", BL | F_LEAF | F_FIGCAP, 0 },
	{ "figure", BL | F_COND, 0 },
	{ "footer", BL | F_FURN, -5 },
	{ "form", BL | F_COND, -3 },
	{ "frame", F_DROP, 0 },
	{ "frameset", F_DROP, 0 },
	{ "h1", BL | F_HEAD, -5 },
	{ "h2", BL | F_HEAD, -5 },
	{ "h3", BL | F_HEAD, -5 },
	{ "h4", BL | F_HEAD, -5 },
	{ "h5", BL | F_HEAD, -5 },
	{ "h6", BL | F_HEAD, -5 },
	{ "head", F_DROP, 0 },
	{ "header", BL | F_FURN, -5 },
	{ "hr", BL | F_VOID, 0 },
	{ "iframe", F_DROP, 0 },
	{ "img", F_IMG | F_VOID, 0 },
	{ "input", F_DROP | F_INPUT, 0 },
	{ "label", F_DROP, 0 },
	{ "legend", BL, 0 },
	{ "li", BL | F_LI | F_LINE, -3 },
	{ "link", F_DROP, 0 },
	{ "main", BL | F_LEAF, 5 },
	{ "map", F_DROP, 0 },
	{ "math", F_DROP, 0 },
	{ "menu", F_DROP, 0 },
	{ "meta", F_DROP, 0 },
	{ "nav", F_DROP, 0 },
	{ "noscript", F_DROP, 0 },
	{ "object", F_DROP, 0 },
	{ "ol", BL | F_LIST | F_COND, -3 },
	{ "optgroup", F_DROP, 0 },
	{ "option", F_DROP, 0 },
	{ "p", BL | F_PARA, 0 },
	{ "param", F_DROP, 0 },
	{ "picture", F_IMG, 0 },
	{ "pre", BL | F_PARA, 3 },
	{ "script", F_DROP, 0 },
	{ "section", BL | F_LEAF | F_COND, 3 },
	{ "select", F_DROP | F_INPUT, 0 },
	{ "source", F_DROP, 0 },
	{ "style", F_DROP, 0 },
	{ "summary", BL, 0 },
	{ "svg", F_DROP, 0 },
	{ "table", BL | F_COND, 0 },
	{ "tbody", 0, 0 },
	{ "td", F_CELL | F_LEAF, 3 },
	{ "template", F_DROP, 0 },
	{ "textarea", F_DROP | F_INPUT, 0 },
	{ "tfoot", 0, 0 },
	{ "th", F_CELL, -5 },
	{ "thead", 0, 0 },
	{ "title", F_DROP, 0 },
	{ "tr", F_LINE, 0 },
	{ "track", F_DROP, 0 },
	{ "ul", BL | F_LIST | F_COND, -3 },
	{ "video", F_DROP, 0 },
	{ "wbr", F_VOID, 0 },
};
#undef BL

static int
tag_cmp(const void *k, const void *t)
{
	return strcmp(k, ((const struct tag *)t)->name);
}

static const struct tag no_tag = { "", 0, 0 };
/* AMP components that are ads, analytics, share buttons or chrome. */
static const struct tag amp_drop = { "", F_DROP, 0 };

static const struct tag *
tag_find(const char *name)
{
	const struct tag *t = bsearch(name, tags, ARRAY_LEN(tags),
	    sizeof(tags[0]), tag_cmp);

	if (t != NULL)
		return t;
	if (!strncmp(name, "amp-", 4) && strcmp(name, "amp-carousel") != 0 &&
	    strcmp(name, "amp-fit-text") != 0 &&
	    strcmp(name, "amp-accordion") != 0)
		return &amp_drop;
	return &no_tag;
}

unsigned
tree_tag_flags(const char *name)
{
	return tag_find(name)->flags;
}

/* Characters of s once white space is collapsed, and its commas. */
static void
count_text(const char *s, uint32_t *chars, uint32_t *commas)
{
	const unsigned char *p = (const unsigned char *)s;
	bool sp = false;

	for (; *p; p++) {
		if (is_ws(*p)) {
			sp = true;
			continue;
		}
		if ((*p & 0xC0) == 0x80)
			continue;
		if (sp)
			(*chars)++;
		sp = false;
		(*chars)++;
		if (*p == ',')
			(*commas)++;
		/* The Arabic and full-width commas. */
		else if ((p[0] == 0xD8 && p[1] == 0x8C) ||
		    (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C))
			(*commas)++;
	}
}

static bool
style_hidden(const char *s)
{
	char c[256];
	size_t i, k = 0;

	for (i = 0; s[i] && k + 1 < sizeof(c); i++)
		if (!is_ws((unsigned char)s[i]))
			c[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 :
			    s[i]);
	c[k] = '\0';
	return strstr(c, "display:none") || strstr(c, "visibility:hidden");
}

/* Attributes that name a component like a class does. */
static const char *const name_attrs[] = {
	"data-testid", "data-qa", "data-component", "data-module",
	"data-area", "data-gu-name", "data-link-name",
};

/* Whether v is words joined by '-' or '_', four or more. */
static bool
anchor_slug(const char *v)
{
	int words = 1;

	for (; *v; v++) {
		if (*v == '-' || *v == '_')
			words++;
		else if (!((*v >= 'a' && *v <= 'z') ||
		    (*v >= '0' && *v <= '9') || (unsigned char)*v >= 0x80))
			return false;
	}
	return words >= 4;
}

static int
add_node(struct ctx *c, xmlNode *n, int parent)
{
	struct cn *x;
	const struct tag *t = tag_find((const char *)n->name);
	const char *v;
	size_t k;

	if (c->n >= EXTRACT_MAX_NODES)
		return ERR_TOOBIG;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 1024;
		struct cn *nv = realloc(c->v, nc * sizeof(*nv));
		if (nv == NULL)
			return ERR_NOMEM;
		c->v = nv;
		c->cap = nc;
	}
	x = &c->v[c->n];
	memset(x, 0, sizeof(*x));
	x->n = n;
	x->parent = parent;
	x->tf = t->flags;
	x->base = t->base;
	if ((v = attr(n, "class")) != NULL)
		x->cls |= (unsigned short)classname_hints(v);
	/* A heading's id of four or more words is an anchor made from its
	 * text ("the-survey-comes-first"), no name of a component. */
	if ((v = attr(n, "id")) != NULL && !((t->flags & F_HEAD) &&
	    anchor_slug(v)))
		x->cls |= (unsigned short)classname_hints(v);
	/* Sites whose class names are hashed (CSS-in-JS) still name their
	 * components for tests and analytics. */
	for (k = 0; k < ARRAY_LEN(name_attrs); k++)
		if ((v = attr(n, name_attrs[k])) != NULL)
			x->cls |= (unsigned short)classname_hints(v);
	if ((x->cls & C_TITLE) && !(t->flags & F_HEAD) && (parent < 0 ||
	    !(c->v[parent].tf & F_HEAD))) {
		x->title_neg = !(x->cls & C_NEG);
		x->cls |= C_NEG;
	}
	if ((x->cls & C_CAPTION) && (t->flags & (F_BLOCK | F_LEAF)))
		x->tf |= F_FIGCAP;
	/* schema.org's ImageObject caption (itemprop="caption"), on any
	 * element: Adobe Experience Manager's image component puts it on
	 * a <span> classed "cmp-image__title". */
	if ((v = attr(n, "itemprop")) != NULL && !strcmp(v, "caption")) {
		x->tf |= F_FIGCAP;
		if (x->title_neg)
			x->cls &= (unsigned short)~C_NEG;
		x->title_neg = false;
	}
	if ((v = attr(n, "itemprop")) != NULL && strstr(v, "articleBody"))
		x->cls = (unsigned short)((x->cls & ~(C_NEG | C_WEAK)) |
		    C_STRONG | C_POS);
	if ((v = attr(n, "role")) != NULL) {
		if (!strcmp(v, "navigation") || !strcmp(v, "banner") ||
		    !strcmp(v, "contentinfo") || !strcmp(v, "complementary") ||
		    !strcmp(v, "search") || !strcmp(v, "dialog") ||
		    !strcmp(v, "alertdialog") || !strcmp(v, "menu"))
			x->cls |= C_NEG;
		else if (!strcmp(v, "main") || !strcmp(v, "article"))
			x->cls |= C_MARK;
	}
	if (attr(n, "hidden") != NULL ||
	    ((v = attr(n, "aria-hidden")) != NULL && !strcmp(v, "true")) ||
	    ((v = attr(n, "style")) != NULL && style_hidden(v)))
		x->cls |= C_HIDDEN;
	if (!strcmp((const char *)n->name, "article") ||
	    !strcmp((const char *)n->name, "main"))
		x->cls |= C_MARK;
	x->weight = ((x->cls & C_POS) ? 25 : 0) - ((x->cls & C_NEG) ? 25 : 0) +
	    ((x->cls & C_STRONG) ? 25 : 0);
	n->_private = (void *)(intptr_t)(c->n + 1);
	if (parent >= 0 && (t->flags & (F_BLOCK | F_LIST)))
		c->v[parent].blockchild = true;
	if (parent >= 0 && (t->flags & F_BR))
		c->v[parent].nbr++;
	if (parent >= 0)
		c->v[parent].nkids++;
	return (int)c->n++;
}

/* An <input> for an e-mail address (type, name or placeholder). */
static bool
email_field(xmlNode *n)
{
	static const char *const attrs[] = { "type", "name", "placeholder" };
	size_t k;

	if (strcmp((const char *)n->name, "input") != 0)
		return false;
	for (k = 0; k < ARRAY_LEN(attrs); k++) {
		const char *v = attr(n, attrs[k]);
		if (v != NULL && (strcasestr(v, "email") != NULL ||
		    strcasestr(v, "e-mail") != NULL))
			return true;
	}
	return false;
}

/* A checkbox in a list item: a recipe card's ingredients (WP Tasty
 * Recipes, WP Recipe Maker let the reader tick each one off) or a
 * checklist, not a form. */
static bool
list_checkbox(xmlNode *n)
{
	const xmlNode *p;
	const char *type = attr(n, "type");
	int up;

	if (type == NULL || strcasecmp(type, "checkbox") != 0)
		return false;
	for (p = n->parent, up = 0; p != NULL && up < 3; p = p->parent, up++)
		if (p->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)p->name, "li"))
			return true;
	return false;
}

/* Pass 1: number the elements under root in document order. */
int
tree_number(struct ctx *c, xmlNode *root)
{
	xmlNode *n = root;
	int cur = -1, i, rc;

	while (n != NULL) {
		bool down = false;

		if (n->type == XML_ELEMENT_NODE && n->name) {
			const struct tag *t = tag_find((const char *)n->name);
			if (!(t->flags & F_DROP)) {
				if ((i = add_node(c, n, cur)) < 0)
					return i;
				if (n->children) {
					cur = i;
					down = true;
				}
			} else if ((t->flags & F_INPUT) && cur >= 0 &&
			    !list_checkbox(n)) {
				c->v[cur].ninput++;
				if (email_field(n))
					c->v[cur].nemail++;
			}
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content &&
		    cur >= 0) {
			count_text((const char *)n->content,
			    &c->v[cur].own_text, &c->v[cur].own_commas);
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL) {
			n = n->parent;
			if (n != NULL && n->_private)
				cur = c->v[cur].parent;
		}
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
	rc = 0;
	return rc;
}

/* A box of teasers: titles (headings or paragraphs) that are all link,
 * with at most one short paragraph each (the summaries of other
 * stories); one such teaser when it also has a link and little text. An
 * article with linked subheadings has more text under each. */
static bool
teaser_box(const struct cn *x)
{
	uint32_t sum = x->np - x->nlp;

	if (x->nlh >= 2)
		return sum <= x->nlh && x->text < x->nlh * 350;
	return x->nlh == 1 && sum == 1 && x->text < 350 &&
	    (uint64_t)x->link * 100 >= (uint64_t)x->text * 15;
}

/* Sum the counts bottom-up over the elements that are not removed. */
void
tree_aggregate(struct ctx *c, bool first)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		x->text = x->own_text;
		x->commas = x->own_commas;
		x->itext = x->own_text;
		x->icommas = x->own_commas;
		x->ilink = 0;
		x->link = 0;
		x->np = 0;
		x->nimg = 0;
		x->nli = 0;
		x->nfig = 0;
		if (first) {
			x->size = 1;
			x->ptext = 0;
			x->marker = 0;
			x->nlh = 0;
			x->nlp = 0;
		}
	}
	for (i = c->n; i-- > 0;) {
		struct cn *x = &c->v[i], *p;
		if (x->removed)
			continue;
		if (x->tf & F_A) {
			x->link = x->text;
			x->ilink = x->itext;
		}
		if (x->tf & F_PARA)
			x->np++;
		if (x->tf & F_IMG)
			x->nimg++;
		if (x->tf & F_LI)
			x->nli++;
		if (x->tf & F_FIGCAP)
			x->nfig++;
		if (first) {
			if ((x->tf & F_HEAD) && x->text >= 15 &&
			    ((uint64_t)x->link * 5 >= (uint64_t)x->text * 4 ||
			    (x->parent >= 0 && ((c->v[x->parent].tf & F_A) ||
			    (c->v[x->parent].parent >= 0 &&
			    (c->v[c->v[x->parent].parent].tf & F_A))))))
				x->nlh++;
			/* A title paragraph that is all link. */
			if ((x->tf & F_PARA) && x->text >= 15 &&
			    (uint64_t)x->link * 5 >= (uint64_t)x->text * 4) {
				x->nlh++;
				x->nlp++;
			}
			/* Judged on the page as it is: a teaser's title is
			 * often classed as furniture ("...-title"). */
			x->teaser = teaser_box(x);
			x->text0 = x->text;
		}
		if (first) {
			if (is_para(x) || (x->tf & F_LI))
				x->ptext += x->text - x->link;
			else if (br_text_box(x))
				x->ptext += x->itext - x->ilink;
			if (((x->cls & C_STRONG) || ((x->cls & C_MARK) &&
			    !(x->cls & C_NEG))) && x->ptext > x->marker)
				x->marker = x->ptext;
		}
		if (x->parent < 0)
			continue;
		p = &c->v[x->parent];
		if (!(x->tf & (F_BLOCK | F_LIST | F_CELL | F_LINE)) &&
		    !br_font(x)) {
			p->itext += x->itext;
			p->ilink += x->ilink;
			p->icommas += x->icommas;
		}
		p->text += x->text;
		p->link += x->link;
		p->commas += x->commas;
		p->np += x->np;
		p->nimg += x->nimg;
		p->nli += x->nli;
		p->nfig += x->nfig;
		if (first) {
			p->nlh += x->nlh;
			p->nlp += x->nlp;
		}
		p->ninput += first ? x->ninput : 0;
		p->nemail += first ? x->nemail : 0;
		if (first) {
			p->size += x->size;
			p->ptext += x->ptext;
			if (x->marker > p->marker)
				p->marker = x->marker;
		}
	}
}

/* Whether e's parent has at least three element children named and
 * classed like e: one of a run of posts or cards. */
bool
tree_repeated(const xmlNode *e)
{
	const xmlNode *n;
	const char *cl = attr((xmlNode *)e, "class");
	int same = 0;

	if (e == NULL || e->parent == NULL)
		return false;
	for (n = e->parent->children; n != NULL && same < 3; n = n->next) {
		const char *ncl;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name,
		    (const char *)e->name) != 0)
			continue;
		ncl = attr((xmlNode *)n, "class");
		if ((cl == NULL) == (ncl == NULL) && (cl == NULL ||
		    !strcmp(cl, ncl)))
			same++;
	}
	return same >= 3;
}

/* Mark the boxes holding a time stamp: a <time> element or an element
 * with a "datetime" attribute. */
void
tree_mark_stamped(struct ctx *c)
{
	size_t i;

	for (i = c->n; i-- > 0;) {
		const xmlNode *n = c->v[i].n;
		if (!strcmp((const char *)n->name, "time") ||
		    attr((xmlNode *)n, "datetime") != NULL)
			c->v[i].stamped = true;
		if (c->v[i].stamped && c->v[i].parent >= 0)
			c->v[c->v[i].parent].stamped = true;
	}
}

/* Whether e is one of a run of posts: tree_repeated(), or, where every post
 * gets its own generated class names (CSS-in-JS), one of at least three
 * sibling elements of its name that each carry a time stamp. */
bool
tree_repeated_post(const struct ctx *c, const xmlNode *e)
{
	const xmlNode *n;
	int same = 0, up;

	if (e == NULL || e->type != XML_ELEMENT_NODE)
		return false;
	if (tree_repeated(e))
		return true;
	/* A post wrapped alone in its <li>: the run is of those. */
	for (up = 0; up < 3 && e->parent != NULL &&
	    e->parent->type == XML_ELEMENT_NODE && e->parent->_private &&
	    c->v[idx(e->parent)].nkids == 1; up++)
		e = e->parent;
	if (!e->_private || !c->v[idx(e)].stamped || e->parent == NULL)
		return false;
	for (n = e->parent->children; n != NULL && same < 3; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->_private &&
		    !strcmp((const char *)n->name, (const char *)e->name) &&
		    c->v[idx(n)].stamped)
			same++;
	return same >= 3;
}

/* The first element child of box i, or -1. */
int
tree_first_child(const struct ctx *c, int i)
{
	const xmlNode *ch;

	(void)c;
	for (ch = c->v[i].n->children; ch != NULL; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE && ch->_private)
			return idx(ch);
	return -1;
}

/* Whether the subtree at i holds the page's headline: an h1, or a
 * heading with the title's words. Such a box is the article's header. */
bool
tree_holds_headline(struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	char key[256];

	for (k = (uint32_t)i; k < end; k++) {
		if (!(c->v[k].tf & F_HEAD))
			continue;
		if (!strcmp((const char *)c->v[k].n->name, "h1"))
			return true;
		phrase_norm_key(tree_short_text(c, (int)k, 400), key,
		    sizeof(key));
		if (key[0] && !strcmp(key, c->page.title_key))
			return true;
	}
	return false;
}

/* Whether the subtree at i has an h1; *title is set when one of its
 * headings is the page's title. */
bool
tree_has_h1(struct ctx *c, int i, bool *title)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	char key[256];
	bool h1 = false;

	*title = false;
	for (k = (uint32_t)i; k < end; k++) {
		/* The headline is often in a <header>, left out already. */
		if (!(c->v[k].tf & F_HEAD))
			continue;
		if (!strcmp((const char *)c->v[k].n->name, "h1"))
			h1 = true;
		phrase_norm_key(tree_short_text(c, (int)k, 400), key,
		    sizeof(key));
		if (key[0] && !strcmp(key, c->page.title_key))
			*title = true;
	}
	return h1;
}

/* The collapsed, lower-cased text of element i into c->tmp (bounded). */
const char *
tree_short_text(struct ctx *c, int i, size_t max)
{
	xmlNode *top = c->v[i].n, *n = top->children;
	size_t k;

	buf_reset(&c->raw);
	buf_reset(&c->tmp);
	while (n != NULL && c->raw.len < max) {
		if (n->type == XML_TEXT_NODE && n->content) {
			if (buf_putc(&c->raw, ' ') ||
			    buf_puts(&c->raw, (const char *)n->content))
				break;
		} else if (n->type == XML_ELEMENT_NODE && n->_private &&
		    !c->v[idx(n)].removed && n->children) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == top)
				n = NULL;
		}
		if (n != NULL)
			n = n->next;
	}
	if (extract_put_collapsed(&c->tmp, buf_cstr(&c->raw), c->raw.len))
		buf_reset(&c->tmp);
	for (k = 0; k < c->tmp.len; k++)
		c->tmp.p[k] = (char)lower_ascii((unsigned char)c->tmp.p[k]);
	return buf_cstr(&c->tmp);
}
