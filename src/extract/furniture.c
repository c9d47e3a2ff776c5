/*
 * extract/furniture.c: mark page furniture (see furniture.h).
 */
#include "base/common.h"

#include "extract/furniture.h"

/* Whether the text of box i is the alt or title text of a picture in
 * one of the few element siblings before it (with prefix, or opens with
 * the alt text): the caption under a picture that has no <figcaption>
 * (many sites write the caption into the picture's alt text too). */
static bool
alt_caption(struct ctx *c, int i, bool prefix)
{
	char key[256], alt[256];
	const xmlNode *sib;
	const char *a;
	uint32_t k, end;
	int seen = 0, j;

	phrase_norm_key(tree_short_text(c, i, 300), key, sizeof(key));
	if (strlen(key) < 12)
		return false;
	for (sib = c->v[i].n->prev; sib != NULL && seen < 3;
	    sib = sib->prev) {
		if (sib->type != XML_ELEMENT_NODE || !sib->_private)
			continue;
		seen++;
		j = idx(sib);
		if (c->v[j].nimg == 0 || c->v[j].size > 30)
			continue;
		end = (uint32_t)j + c->v[j].size;
		for (k = (uint32_t)j; k < end; k++) {
			if (!(c->v[k].tf & F_IMG))
				continue;
			if ((a = attr(c->v[k].n, "alt")) != NULL) {
				phrase_norm_key(a, alt, sizeof(alt));
				if (!strcmp(alt, key) || (prefix &&
				    strlen(alt) >= 12 &&
				    !strncmp(alt, key, strlen(alt))))
					return true;
			}
			if ((a = attr(c->v[k].n, "title")) != NULL) {
				phrase_norm_key(a, alt, sizeof(alt));
				if (!strcmp(alt, key))
					return true;
			}
		}
	}
	return false;
}

/* Whether box i, classed "title", only wraps one heading (through a
 * chain of single children): a component's name for its heading
 * ("cmp-title" in Adobe Experience Manager, "title" blocks of page
 * builders), not a teaser's or a widget's title. */
static bool
title_wrapper(const struct ctx *c, int i)
{
	int depth, j = i;

	for (depth = 0; depth < 4; depth++) {
		const xmlNode *ch, *only = NULL;
		for (ch = c->v[j].n->children; ch != NULL; ch = ch->next) {
			if (ch->type == XML_ELEMENT_NODE && ch->_private) {
				if (only != NULL)
					return false;
				only = ch;
			}
		}
		if (only == NULL)
			return false;
		j = idx(only);
		if (c->v[j].text != c->v[i].text)
			return false;
		if (c->v[j].tf & F_HEAD)
			return c->v[j].text > 0 && link_density(&c->v[j]) < 0.5f;
	}
	return false;
}

/* Whether box i, named "...-header", is a section's head inside the
 * text: short, most of its text one heading (not the page's <h1>, not
 * a link) beside a control or two ("Ingredients" and a "Scale 1x 2x"
 * switch in a recipe card's "tasty-recipes-ingredients-header"). */
static bool
section_header(const struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	const struct cn *x = &c->v[i];

	if (x->text == 0 || x->text > 120 || x->nimg > 0 || (x->tf & F_HEAD))
		return false;
	for (k = (uint32_t)i + 1; k < end; k++) {
		const struct cn *h = &c->v[k];
		if (!(h->tf & F_HEAD))
			continue;
		return strcmp((const char *)h->n->name, "h1") != 0 &&
		    h->text * 10 >= x->text * 6 && link_density(h) < 0.5f;
	}
	return false;
}

/* Whether box i is the only other element beside a picture right before
 * it in their box, a line of text without links and no heading. */
static bool
picture_line(const struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	const xmlNode *p;

	if ((x->tf & (F_FIGCAP | F_HEAD | F_A | F_LIST | F_LINE | F_CELL)) ||
	    !(x->tf & (F_BLOCK | F_LEAF)) || x->text < 15 || x->text > 300 ||
	    x->link > 0 || x->nimg > 0 || x->blockchild || x->parent < 0 ||
	    c->v[x->parent].nkids != 2)
		return false;
	for (p = x->n->prev; p != NULL && p->type != XML_ELEMENT_NODE;
	    p = p->prev)
		;
	return p != NULL && p->_private != NULL &&
	    (c->v[idx(p)].tf & F_IMG) != 0;
}

/* Pass 1b, judged on the counts: a <span> classed as a caption beside
 * a picture is one (old pages set it as "<img><br><span class=
 * caption>"; a video player's "video-caption" is its title); boxes that
 * are furniture by a "title" class alone but are the article's: a
 * caption that repeats its picture's alt text, a component wrapping a
 * subheading. */
void
furniture_unmark_titles(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		if ((x->cls & C_CAPTION) && x->parent >= 0 &&
		    c->v[x->parent].nimg > 0 && !(x->tf & (F_HEAD | F_A)))
			x->tf |= F_FIGCAP;
		/* A box of one picture and one line of text after it
		 * ("<div><img><div>File picture of ... (Image: ...)</div>
		 * </div>" under hashed class names): the line is the
		 * picture's caption. */
		else if (picture_line(c, (int)i))
			x->tf |= F_FIGCAP;
		/* A caption under any class name ("img_descr") that opens
		 * with the words of the picture's alt text before it (and
		 * may go on with a credit). */
		else if (!(x->tf & (F_FIGCAP | F_HEAD | F_A)) &&
		    !x->title_neg && x->text > 0 && x->text <= 300 &&
		    x->link == 0 && x->parent >= 0 &&
		    c->v[x->parent].nimg > 0 &&
		    ((x->tf & (F_BLOCK | F_LEAF)) ||
		    !strcmp((const char *)x->n->name, "span")) &&
		    alt_caption(c, (int)i, true))
			x->tf |= F_FIGCAP;
		/* A subheading classed "...-header" (WP Recipe Maker's
		 * "wprm-recipe-ingredients-header" on its <h3>): its
		 * style, as "title" is on a heading. */
		if ((x->cls & (C_HEADER | C_STRONG)) == C_HEADER &&
		    (x->cls & C_NEG) && (x->tf & F_HEAD) &&
		    strcmp((const char *)x->n->name, "h1") != 0 &&
		    x->text > 0 && x->text <= 80 &&
		    link_density(x) < 0.5f) {
			x->cls &= (unsigned short)~C_NEG;
			x->weight += 25;
			continue;
		}
		if ((x->cls & (C_HEADER | C_STRONG)) == C_HEADER &&
		    (x->cls & C_NEG) && section_header(c, (int)i)) {
			x->cls &= (unsigned short)~C_NEG;
			x->weight += 25;
			continue;
		}
		if (!x->title_neg || x->text == 0 || x->text > 300)
			continue;
		if ((x->tf & (F_BLOCK | F_LEAF)) && alt_caption(c, (int)i, false))
			x->tf |= F_FIGCAP;
		else if (!title_wrapper(c, (int)i))
			continue;
		x->cls &= (unsigned short)~C_NEG;
		x->weight += 25;
		x->title_neg = false;
	}
}

/* The head of one post of a live blog (its time and title) rather than
 * of the page or the article: a <header> in an <article>, or a short box
 * with a title first in its post ("live-post__header"); no h1, and the
 * post one of a run of like posts. */
bool
furniture_post_header(const struct ctx *c, const struct cn *x)
{
	const xmlNode *p = x->n->parent, *f;
	uint32_t k;
	bool head = false;

	if (p == NULL || p->type != XML_ELEMENT_NODE)
		return false;
	if (strcmp((const char *)x->n->name, "header") != 0 ||
	    strcmp((const char *)p->name, "article") != 0) {
		/* The first element of its post, short. */
		for (f = p->children; f != NULL && f->type !=
		    XML_ELEMENT_NODE; f = f->next)
			;
		if (f != x->n || x->text0 >= 300 || (x->tf & F_HEAD))
			return false;
		head = true;
	}
	for (k = 0; k < x->size; k++) {
		const struct cn *y = &c->v[(x - c->v) + k];
		if (!strcmp((const char *)y->n->name, "h1"))
			return false;
		if (y->tf & F_HEAD)
			head = false;
	}
	/* A box without a heading heads nothing. */
	if (head)
		return false;
	return tree_repeated_post(c, p) || tree_repeated_post(c, p->parent);
}

/* Whether x, whatever its class says ("layout--sidebar-right",
 * "has-sidebar"), is a layout wrapper: it holds most of the page's
 * paragraph text, and most of its own sits in one child that has no
 * furniture class. A sidebar or a comment thread is neither. */
static bool
layout_box(const struct ctx *c, const struct cn *x, uint32_t total)
{
	const xmlNode *ch;
	uint32_t most;
	int k, best, depth;

	if (!(x->cls & C_NEG) || (x->cls & (C_THREAD | C_SIDE)))
		return false;
	/* Most of the page's text, or a fair part of it with the
	 * headline (other boxes of text around the page). */
	if ((float)x->ptext < 0.5f * (float)total && !(c->headline >= 0 &&
	    c->titled && is_ancestor(c, (int)(x - c->v), c->headline) &&
	    (float)x->ptext >= 0.25f * (float)total))
		return false;
	/* Down through wrappers classed alike ("has-sidebar" around
	 * "widget-area") to the one child holding most of the text. */
	for (depth = 0; depth < 8; depth++) {
		most = 0;
		best = -1;
		for (ch = x->n->children; ch != NULL; ch = ch->next) {
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			k = idx(ch);
			if (c->v[k].ptext > most) {
				most = c->v[k].ptext;
				best = k;
			}
		}
		if (best < 0 || (float)most < 0.6f * (float)x->ptext)
			return false;
		if (!(c->v[best].cls & C_NEG))
			return true;
		if (c->v[best].cls & C_THREAD)
			return false;
		x = &c->v[best];
	}
	return false;
}

/* A drop cap hidden from screen readers ("<p><span class=dropcap
 * aria-hidden=true>T</span>he shop"): the first letter of the text,
 * glued to the rest of its word. */
static bool
drop_cap(const struct cn *x)
{
	const xmlNode *nx = x->n->next;
	unsigned char ch;

	if ((x->tf & F_BLOCK) || x->own_text == 0 || x->own_text > 2 ||
	    x->nkids > 0 || nx == NULL || nx->type != XML_TEXT_NODE ||
	    nx->content == NULL)
		return false;
	ch = nx->content[0];
	return (ch >= 'a' && ch <= 'z') || ch >= 0x80;
}

/* Whether the class marks x as furniture: a strong name, or a
 * navigation or metadata name on a short or link-heavy box. */
bool
furniture_neg_box(const struct cn *x)
{
	if (x->cls & C_STRONG)
		return false;
	if (x->cls & C_NEG)
		return true;
	/* A player box: its title and its blurb are the video's, a
	 * separate item; a caption of its own (a <figcaption>, a
	 * "video-caption") is kept as a picture's is. */
	if ((x->cls & C_MEDIA) && !(x->tf & F_HEAD) && (x->ptext == 0 ||
	    (x->nfig == 0 && x->text < 300)))
		return true;
	/* A slide's "gallery__meta" around its caption is no byline. */
	return (x->cls & C_WEAK) && x->nfig == 0 && (x->text < 200 ||
	    link_density(x) > 0.5f);
}

/* An <aside> in the run of the article's paragraphs that is the
 * article's own fact box ("Key facts", "In numbers", "Timeline"): it
 * opens with a heading, then says at least a sentence or two in a list
 * or paragraphs that are not links, and is no appeal and no box of
 * "Related" links. A pull quote has no heading; a box of links is
 * mostly links. */
static bool
fact_box(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	const xmlNode *sib;
	int h, paras = 0;

	if (strcmp((const char *)x->n->name, "aside") != 0 ||
	    (x->cls & (C_NEG | C_HIDDEN | C_THREAD)) || x->parent < 0 ||
	    x->text > 2000 || link_density(x) > 0.2f || x->nlh > 0)
		return false;
	h = tree_first_child(c, i);
	if (h < 0 || !(c->v[h].tf & F_HEAD) || c->v[h].text > 100 ||
	    x->text < c->v[h].text + 100)
		return false;
	/* In the body: paragraphs of text beside it. */
	for (sib = c->v[x->parent].n->children; sib != NULL; sib = sib->next) {
		int k;
		if (sib->type != XML_ELEMENT_NODE || !sib->_private)
			continue;
		k = idx(sib);
		if ((c->v[k].tf & F_PARA) && c->v[k].text >= 80 &&
		    link_density(&c->v[k]) < 0.2f)
			paras++;
	}
	if (paras < 2)
		return false;
	if (phrase_person_label(tree_short_text(c, h, 100)) ||
	    phrase_boiler(&c->page, tree_short_text(c, h, 100), true, false))
		return false;
	return !phrase_promo(tree_short_text(c, i, 600));
}

/* A time that opens a list item with more after it ("<li><a
 * class=timestamp href=#t=03:12>03:12</a> What is vortex shedding?"):
 * a chapter of a podcast's or a video's show notes, not a post's time
 * stamp. */
bool
furniture_chapter_mark(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];

	return x->parent >= 0 && (c->v[x->parent].tf & F_LI) &&
	    tree_first_child(c, x->parent) == i && x->text > 0 &&
	    x->text <= 8 && c->v[x->parent].text > x->text + 3 &&
	    phrase_clock_lead(tree_short_text(c, i, 16));
}

/* Pass 2: mark furniture. level 0 uses every rule, 1 keeps class hints
 * out, 2 only drops hidden elements. */
void
furniture_mark(struct ctx *c, int level)
{
	uint32_t total = c->n ? c->v[0].ptext : 0;
	size_t i, post_end = 0;

	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		bool junk = false, prot, in_post = i < post_end;
		const char *name = (const char *)x->n->name;

		x->removed = false;
		x->cand = false;
		x->score = 0;
		x->keep = false;
		x->ctext = 0;
		if (x->parent >= 0 && c->v[x->parent].removed) {
			x->removed = true;
			continue;
		}
		if (!strcmp(name, "body") || !strcmp(name, "html"))
			continue;
		prot = total > 0 && ((float)x->marker >= 0.3f *
		    (float)total || layout_box(c, x, total));
		if ((x->cls & C_HIDDEN) && !drop_cap(x))
			junk = true;
		/* A long plain paragraph is text whatever its class says
		 * ("story-summary--related" on a live-blog entry). */
		/* A heading is judged by the clean-up, on its weight and
		 * words ("header-anchor" on a subheading is its style). */
		if (level == 0 && furniture_neg_box(x) &&
		    !((x->tf & F_PARA) && x->text >= 150 &&
		    link_density(x) < 0.2f) && !in_post &&
		    !(x->tf & F_HEAD) && !furniture_chapter_mark(c, (int)i)) {
			if (!(x->tf & F_FURN) && furniture_post_header(c, x))
				post_end = i + x->size;
			else
				junk = true;
		}
		if (level <= 1 && (x->tf & F_FURN) && !(x->cls & C_STRONG) &&
		    !fact_box(c, (int)i)) {
			/* Its pieces are classed "...post__header-title". */
			if (furniture_post_header(c, x)) {
				post_end = i + x->size;
				junk = (x->cls & C_HIDDEN) != 0;
			} else {
				junk = true;
			}
		}
		x->removed = junk && !prot;
	}
}

/* The first numbered child of element p that has text, or -1. */
static int
first_text_child(const struct ctx *c, int p)
{
	const xmlNode *ch;

	for (ch = c->v[p].n->children; ch != NULL; ch = ch->next) {
		if (ch->type == XML_TEXT_NODE && ch->content) {
			const char *t = (const char *)ch->content;
			while (is_ws((unsigned char)*t))
				t++;
			if (*t)
				return -1;
		}
		if (ch->type == XML_ELEMENT_NODE && ch->_private &&
		    c->v[idx(ch)].text > 0)
			return idx(ch);
	}
	return -1;
}

/* A readers' thread whose boxes have no comment class: the box that
 * opens with a heading like "7 Comments" is furniture (not one holding
 * the headline: that is the article with a subheading). Looked at once,
 * for the few headings that say so. */
void
furniture_mark_threads(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		int a = (int)i, lvl, p;
		if (!(c->v[i].tf & F_HEAD) || c->v[i].text > 60 ||
		    !phrase_thread_heading(tree_short_text(c, (int)i, 200)))
			continue;
		for (lvl = 0; lvl < 3; lvl++) {
			p = c->v[a].parent;
			if (p < 0 || first_text_child(c, p) != a ||
			    !strcmp((const char *)c->v[p].n->name, "body") ||
			    (c->v[p].cls & (C_STRONG | C_MARK)))
				break;
			a = p;
		}
		if (a != (int)i && !tree_holds_headline(c, a))
			c->v[a].cls |= C_NEG | C_THREAD;
	}
}
