/*
 * extract/choose.c: score the elements and choose the article's boxes
 * (see choose.h).
 */
#include "base/common.h"

#include "extract/choose.h"
#include "extract/furniture.h"

/* The paragraph and list-item text left in the subtree at i. */
static uint32_t
live_text(const struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size, t = c->v[i].ctext;

	for (k = (uint32_t)i; k < end; k++) {
		const struct cn *x = &c->v[k];
		if (x->removed) {
			k += x->size - 1;
			continue;
		}
		if (x->tf & F_LI)
			t += x->text - x->link;
	}
	return t;
}

/* The best box can win by its class alone (id="content" on the whole
 * page column): the smallest candidate inside it that holds nearly all
 * of its paragraph text, with a fair score of its own, is the article. */
static int
narrow(const struct ctx *c, int best)
{
	const struct cn *b = &c->v[best];
	uint32_t i, end = (uint32_t)best + b->size;
	int pick = best, art = -1, narts = 0;

	for (i = (uint32_t)best + 1; i < end; i++) {
		const struct cn *x = &c->v[i];
		if (x->removed) {
			i += x->size - 1;
			continue;
		}
		if (x->cand && (float)x->ctext >= 0.85f * (float)b->ctext &&
		    x->score >= 0.5f * b->score &&
		    x->size < c->v[pick].size)
			pick = (int)i;
		if (!strcmp((const char *)x->n->name, "article") &&
		    x->ctext > 0) {
			narts++;
			art = (int)i;
		}
	}
	/* One <article> in a page box (<main> with the article and a
	 * column of other text beside it) holding most of its text: the
	 * article is that element. */
	if (pick == best && narts == 1 && (float)live_text(c, art) >=
	    0.6f * (float)live_text(c, best) && !tree_repeated(c->v[art].n))
		pick = art;
	return pick;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Mark the paragraphs whose text stands on the page three times or more:
 * the cloned slides of a carousel, a ticker run twice for its loop, an
 * ad's text in every slot. Copies say nothing about where the article
 * is. Each paragraph's text is hashed (FNV-1a) and the hashes sorted;
 * the hash's low bits hold nothing of the index, so a key is the hash
 * with its index alongside. Out of memory, nothing is marked. */
static void
mark_echoes(struct ctx *c)
{
	uint64_t (*keys)[2] = NULL, h;
	size_t i, n = 0, k, run;
	const unsigned char *t;

	for (i = 0; i < c->n; i++) {
		c->v[i].echo = false;
		if (!c->v[i].removed && is_para(&c->v[i]) &&
		    c->v[i].text >= EXTRACT_MIN_PARA)
			n++;
	}
	if (n < 3 || (keys = malloc(n * sizeof(*keys))) == NULL)
		return;
	for (i = 0, k = 0; i < c->n && k < n; i++) {
		if (c->v[i].removed || !is_para(&c->v[i]) ||
		    c->v[i].text < EXTRACT_MIN_PARA)
			continue;
		h = 1469598103934665603ULL;
		for (t = (const unsigned char *)tree_short_text(c, (int)i,
		    300); *t; t++)
			h = (h ^ *t) * 1099511628211ULL;
		keys[k][0] = h;
		keys[k][1] = i;
		k++;
	}
	qsort(keys, k, sizeof(*keys), cmp_u64);
	for (i = 0; i < k; i = run) {
		for (run = i + 1; run < k && keys[run][0] == keys[i][0]; run++)
			;
		if (run - i >= 3)
			for (n = i; n < run; n++)
				c->v[keys[n][1]].echo = true;
	}
	free(keys);
}

/* Pass 3: scores. Returns the index of the best candidate or -1. */
int
choose_score(struct ctx *c)
{
	size_t i;
	int best = -1, a, lvl, steps;
	bool real;

	mark_echoes(c);
	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		uint32_t np;
		bool brbox;
		float cs;

		uint32_t tx, cm, lk;

		if (x->removed || x->echo)
			continue;
		if (is_para(x) && x->text >= EXTRACT_MIN_PARA) {
			tx = x->text;
			cm = x->commas;
			lk = x->link;
		} else if (br_text_box(x)) {
			/* Its text outside its block children (a picture's
			 * box among the lines). */
			tx = x->itext;
			cm = x->icommas;
			lk = x->ilink;
		} else {
			continue;
		}
		/* A box of text whose paragraphs are separated by <br>
		 * (old CMSs, forum posts) is the article box itself, not a
		 * paragraph of its parent's: scored as its paragraphs
		 * would be, and from itself up. */
		brbox = !(x->tf & F_PARA) && x->nbr >= 2;
		np = brbox ? 1 + x->nbr / 2 : 1;
		cs = (float)np + (float)cm + (float)(tx / 100 > 3 * np ?
		    3 * np : tx / 100);
		/* A paragraph that is mostly links gives little. */
		cs *= 1.0f - (tx ? (float)lk / (float)tx : 0.0f);
		/* Wrappers around the paragraph alone (a component's <div>
		 * around each one) are no level: its parent is the first
		 * box holding more than one element. */
		for (a = brbox ? (int)i : x->parent, lvl = 0, steps = 0,
		    real = false; a >= 0 && lvl < 5 && steps < 12;
		    a = c->v[a].parent, steps++) {
			struct cn *y = &c->v[a];
			if (!y->cand) {
				y->cand = true;
				y->score = (float)(y->base + y->weight);
				y->text_class = 0;
			}
			/* Paragraphs classed as the post's text ("post-text",
			 * "article-body__paragraph"), two or more, name their
			 * box as the text, as the class on the box would:
			 * once. One short "card__text" is a teaser's. */
			if (a == x->parent && !brbox &&
			    (x->cls & C_STRONG) && y->text_class < 2 &&
			    ++y->text_class == 2)
				y->score += (float)x->weight;
			y->score += cs / (lvl == 0 ? 1.0f : lvl == 1 ? 2.0f :
			    (float)lvl * 3.0f);
			if (y->nkids > 1)
				real = true;
			if (real)
				lvl++;
		}
	}
	for (i = c->n; i-- > 0;) {
		struct cn *x = &c->v[i];
		if (x->removed)
			continue;
		if (is_para(x) && x->text >= EXTRACT_MIN_PARA)
			x->ctext += x->text - x->link;
		else if (br_text_box(x))
			x->ctext += x->itext - x->ilink;
		if (x->parent >= 0)
			c->v[x->parent].ctext += x->ctext;
	}
	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		if (!x->cand || x->removed)
			continue;
		x->score *= 1.0f - link_density(x);
		if (best < 0 || x->score > c->v[best].score)
			best = (int)i;
	}
	return best < 0 ? best : narrow(c, best);
}

static const char *
class_of(xmlNode *n)
{
	const char *v = attr(n, "class");
	return v ? v : "";
}

/* Whether candidate x, scoring near the chosen box, holds under a
 * quarter of its text: a card whose class names it "post-content" (a
 * grid of teasers below the story), not a piece of the same article
 * split between ads. */
static bool
small_rival(const struct cn *x, const struct cn *top)
{
	return (uint64_t)x->ctext * 4 < (uint64_t)top->ctext;
}

/* Move the choice up when the article is split over siblings. */
int
choose_promote(struct ctx *c, int top)
{
	int alts[5], na = 0, a, cnt, k, bound = -1;
	float last, thr;
	size_t i;

	/* The article's own <article> (or <main>) bounds the move: what is
	 * beside it is not the article (one of a run of like <article>s,
	 * posts or teasers, bounds nothing). */
	for (a = top; a > 0; a = c->v[a].parent) {
		const char *nm = (const char *)c->v[a].n->name;
		const xmlNode *pn = c->v[a].n->parent;
		if ((!strcmp(nm, "article") || !strcmp(nm, "main")) &&
		    !tree_repeated_post(c, c->v[a].n) && !(pn != NULL &&
		    pn->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)pn->name, "li") &&
		    tree_repeated_post(c, pn))) {
			bound = a;
			break;
		}
	}
	/* Several near-best candidates: take their common ancestor. */
	for (i = 0; i < c->n && na < 5; i++) {
		struct cn *x = &c->v[i];
		if ((int)i != top && x->cand && !x->removed &&
		    x->score >= 0.75f * c->v[top].score &&
		    !small_rival(x, &c->v[top]) &&
		    !is_ancestor(c, (int)i, top) &&
		    !is_ancestor(c, top, (int)i) &&
		    (bound < 0 || is_ancestor(c, bound, (int)i)))
			alts[na++] = (int)i;
	}
	if (na >= 3) {
		for (a = c->v[top].parent; a >= 0; a = c->v[a].parent) {
			for (cnt = 0, k = 0; k < na; k++)
				if (is_ancestor(c, a, alts[k]))
					cnt++;
			if (cnt >= 3) {
				top = a;
				break;
			}
		}
	}
	/* A parent scoring better than the child it came from. */
	last = c->v[top].score;
	thr = last / 3.0f;
	for (a = c->v[top].parent; a > 0; a = c->v[a].parent) {
		float sc;
		if (bound >= 0 && !is_ancestor(c, bound, a))
			break;
		if (!c->v[a].cand)
			continue;
		/* What it earned by its text: a page wrapper named
		 * "main-content" does not beat the article by its name. */
		sc = c->v[a].score - (c->v[a].weight > 0 ?
		    (float)c->v[a].weight : 0.0f);
		if (c->v[a].score < thr)
			break;
		if (sc > last) {
			top = a;
			break;
		}
		last = c->v[a].score;
	}
	/* An only child says nothing: its parent is the same box (but
	 * beside the article's <article> lies other text). */
	while (c->v[top].parent > 0 && top != bound) {
		int p = c->v[top].parent, kids = 0;
		xmlNode *ch;
		for (ch = c->v[p].n->children; ch; ch = ch->next)
			if (ch->type == XML_ELEMENT_NODE && ch->_private &&
			    !c->v[idx(ch)].removed)
				kids++;
		if (kids != 1 || !strcmp((const char *)c->v[p].n->name,
		    "body"))
			break;
		top = p;
	}
	return top;
}

static bool
sentence_like(xmlNode *n)
{
	xmlNode *ch;

	for (ch = n->children; ch; ch = ch->next)
		if (ch->type == XML_TEXT_NODE && ch->content &&
		    (strstr((const char *)ch->content, ". ") ||
		    strchr((const char *)ch->content, '.')))
			return true;
	return false;
}

/* A page that loads the next story below the first (infinite scroll)
 * holds both in one box: when two or more children of box each have a
 * headline (h1) and a fair share of its text, the article is the one
 * headed with the page's title, else the first; -1 if not so. */
static int
stories(struct ctx *c, int box)
{
	xmlNode *ch;
	int first = -1, named = -1, count = 0;
	uint32_t min = c->v[box].ctext / 5;
	bool title;

	for (ch = c->v[box].n->children; ch != NULL; ch = ch->next) {
		int k;
		if (ch->type != XML_ELEMENT_NODE || !ch->_private)
			continue;
		k = idx(ch);
		if (c->v[k].removed || c->v[k].ctext == 0 ||
		    c->v[k].ctext < min || !tree_has_h1(c, k, &title))
			continue;
		count++;
		if (first < 0)
			first = k;
		if (named < 0 && title)
			named = k;
	}
	if (count < 2)
		return -1;
	return named >= 0 ? named : first;
}

/* The same from the chosen box or, when it is one of them, its parent. */
int
choose_one_story(struct ctx *c, int top)
{
	int k = stories(c, top);
	bool title;

	if (k < 0 && c->v[top].parent > 0 && tree_has_h1(c, top, &title))
		k = stories(c, c->v[top].parent);
	return k < 0 ? top : k;
}

/* A live blog's stream: a box of at least three posts, element
 * children each with a time stamp (<time> or a "datetime" attribute)
 * and a paragraph or two of their own text, that holds at least twice
 * the text of the chosen box. The chosen box was one post (the longest,
 * or one whose body is classed "post-body"), or a pinned copy of the
 * latest post above the stream; the posts together are the article.
 * Returns the stream's index, or top. */
int
choose_live_stream(struct ctx *c, int top)
{
	size_t i;
	int best = -1;
	uint32_t most = 2 * c->v[top].ctext;

	for (i = 0; i < c->n; i++) {
		const struct cn *x = &c->v[i];
		const xmlNode *ch;
		uint32_t posts = 0, text = 0;
		if (x->removed) {
			i += x->size - 1;
			continue;
		}
		if (link_density(x) > 0.3f)
			continue;
		for (ch = x->n->children; ch != NULL; ch = ch->next) {
			int k;
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			k = idx(ch);
			if (!c->v[k].removed && c->v[k].stamped &&
			    c->v[k].ctext >= 100) {
				posts++;
				text += c->v[k].ctext;
			}
		}
		if (posts >= 3 && text > most) {
			most = text;
			best = (int)i;
		}
	}
	return best >= 0 ? best : top;
}

/* Whether sibling ch sits next to the chosen box, with at most small
 * boxes (a byline, a date, share buttons) in between. */
static bool
next_to(const struct ctx *c, xmlNode *ch, int top)
{
	const xmlNode *t = c->v[top].n;
	int dir;

	for (dir = 0; dir < 2; dir++) {
		const xmlNode *n = dir ? ch->prev : ch->next;
		for (; n != NULL; n = dir ? n->prev : n->next) {
			int k;
			if (n == t)
				return true;
			if (n->type != XML_ELEMENT_NODE || !n->_private)
				continue;
			k = idx(n);
			if (!c->v[k].removed && (c->v[k].text >= 100 ||
			    c->v[k].np > 0))
				break;
		}
	}
	return false;
}

/* Whether two elements have the same name and class attribute. */
static bool
alike(xmlNode *a, xmlNode *b)
{
	const char *ca = attr(a, "class"), *cb = attr(b, "class");

	return !strcmp((const char *)a->name, (const char *)b->name) &&
	    (ca == NULL) == (cb == NULL) && (ca == NULL || !strcmp(ca, cb));
}

/* Whether sibling ch, after the chosen box, can continue it: no box of
 * text lies between them, kept or left out as furniture (a page footer,
 * a list of links). */
static bool
continues(const struct ctx *c, xmlNode *ch, int top)
{
	const xmlNode *n;

	for (n = c->v[top].n->next; n != NULL && n != ch; n = n->next) {
		int k;
		if (n->type != XML_ELEMENT_NODE || !n->_private)
			continue;
		k = idx(n);
		if (c->v[k].text0 >= 100)
			return false;
	}
	return true;
}

/* Whether sibling ch is the rest of a blog post behind its "Continue
 * reading" link (Movable Type's and TypePad's "entry-more" after
 * "entry-body", "asset-more" after "asset-body"): its class is the
 * first word of the chosen box's class, then "more". */
static bool
continuation_box(const struct ctx *c, xmlNode *ch, int top)
{
	const char *tc = class_of(c->v[top].n), *cc = class_of(ch);
	size_t n = strcspn(tc, "-_ ");

	if (n == 0 || (tc[n] != '-' && tc[n] != '_') || strncmp(cc, tc, n) ||
	    (cc[n] != '-' && cc[n] != '_') || strncmp(cc + n + 1, "more", 4))
		return false;
	return cc[n + 5] == '\0' || cc[n + 5] == ' ';
}

/* Whether elements a and b carry the same name with a different number
 * in an id or a test id ("article-body-0", "article-body-1"): the
 * pieces of one body that a page builder numbers as it splits the text
 * around ads and carousels. */
static bool
numbered_alike(xmlNode *a, xmlNode *b)
{
	static const char *const names[] = { "data-testid", "id",
	    "data-component" };
	size_t k, na, nb;

	for (k = 0; k < ARRAY_LEN(names); k++) {
		const char *va = attr(a, names[k]), *vb = attr(b, names[k]);
		if (va == NULL || vb == NULL || !strcmp(va, vb))
			continue;
		na = strlen(va);
		nb = strlen(vb);
		while (na > 0 && va[na - 1] >= '0' && va[na - 1] <= '9')
			na--;
		while (nb > 0 && vb[nb - 1] >= '0' && vb[nb - 1] <= '9')
			nb--;
		if (na >= 4 && na == nb && na < strlen(va) &&
		    nb < strlen(vb) && !memcmp(va, vb, na))
			return true;
	}
	return false;
}

/* Decide which children of top's parent are article. */
void
choose_siblings(struct ctx *c, int top)
{
	int p = c->v[top].parent;
	float thr = c->v[top].score * 0.2f;
	const char *tcls = class_of(c->v[top].n);
	xmlNode *ch, *nx;
	bool title, top_h1 = tree_has_h1(c, top, &title);
	const char *tn = (const char *)c->v[top].n->name;
	bool whole = !strcmp(tn, "article") || !strcmp(tn, "main");

	if (thr < 10.0f)
		thr = 10.0f;
	c->v[top].keep = true;
	if (p < 0 || !strcmp((const char *)c->v[p].n->name, "html"))
		return;
	for (ch = c->v[p].n->children; ch; ch = ch->next) {
		int s = ch->type == XML_ELEMENT_NODE ? idx(ch) : -1;
		struct cn *x;
		float bonus = 0, ld;

		if (s < 0 || s == top || c->v[s].removed)
			continue;
		x = &c->v[s];
		if (x->teaser || (top_h1 && tree_has_h1(c, s, &title)))
			continue;
		/* The whole article is in its <article> or <main>: what
		 * is beside it is not, but like posts of a live blog. */
		if (whole && !alike(ch, c->v[top].n))
			continue;
		ld = link_density(x);
		if (*tcls && !strcmp(class_of(ch), tcls)) {
			bonus = c->v[top].score * 0.2f;
			/* Live blogs: every update is a box like top. */
			if (!strcmp((const char *)ch->name,
			    (const char *)c->v[top].n->name) &&
			    x->text > 0 && ld < 0.3f) {
				x->keep = true;
				continue;
			}
		}
		if (x->np >= 1 && ld < 0.2f &&
		    numbered_alike(ch, c->v[top].n)) {
			x->keep = true;
			continue;
		}
		if (s > top && x->np >= 1 && ld < 0.2f &&
		    continuation_box(c, ch, top) && continues(c, ch, top)) {
			x->keep = true;
			continue;
		}
		if (x->cand && x->score + bonus >= thr &&
		    (s < top || bonus > 0 || (x->np >= 2 &&
		    continues(c, ch, top)))) {
			/* After the article, a one-paragraph box is an appeal
			 * (donate, subscribe, licensing) far more often than a
			 * continuation, which comes in several paragraphs or
			 * in a box like the article's own. */
			x->keep = true;
		} else if (is_para(x) || (x->tf & F_PARA)) {
			if (x->text > 80 && ld < 0.25f)
				x->keep = true;
			else if (x->text > 0 && x->text <= 80 && ld == 0.0f &&
			    sentence_like(ch))
				x->keep = true;
		} else if (s < top && !(x->cls & C_NEG) && ld < 0.2f &&
		    x->text >= 100 && (x->np >= 2 || x->nli + x->nfig > 0) &&
		    !tree_holds_headline(c, s)) {
			/* A box of text before the article (key points, a
			 * list) with few links; not the article's header
			 * (headline, kicker, byline) nor a one-paragraph
			 * standfirst, which sums the article up. */
			x->keep = true;
		} else if (!(x->cls & C_NEG) && x->nfig > 0 && ld < 0.2f &&
		    next_to(c, ch, top)) {
			/* The lead picture's caption. */
			x->keep = true;
		}
	}
	/* Headings (and lists, figures) right before kept text belong. */
	for (ch = c->v[p].n->last; ch; ch = ch->prev) {
		int s = ch->type == XML_ELEMENT_NODE ? idx(ch) : -1;
		if (s < 0 || c->v[s].keep || c->v[s].removed)
			continue;
		for (nx = ch->next; nx; nx = nx->next)
			if (nx->type == XML_ELEMENT_NODE && nx->_private &&
			    !c->v[idx(nx)].removed)
				break;
		if (nx != NULL && c->v[idx(nx)].keep &&
		    (c->v[s].tf & F_HEAD) && link_density(&c->v[s]) < 0.5f)
			c->v[s].keep = true;
	}
}

/* The article split into like boxes above the chosen one: Medium's
 * <section>s between separators, a CMS's body "paragraph" entities, one
 * grid cell per run of paragraphs. From the chosen box's parent up a few
 * levels, the first ancestor with like siblings of article text next to
 * it (only small boxes, a separator or an ad, in between) is kept with
 * them. One pass over each level's children: linear. */
void
choose_like_ancestors(struct ctx *c, int top)
{
	int a = c->v[top].parent, lvl;

	for (lvl = 0; lvl < 4 && a > 0; lvl++, a = c->v[a].parent) {
		xmlNode *an = c->v[a].n, *ch;
		const char *pn;
		bool found = false;
		int dir;

		if (c->v[a].parent < 0)
			break;
		pn = (const char *)c->v[c->v[a].parent].n->name;
		if (!strcmp(pn, "body") || !strcmp(pn, "html"))
			break;
		/* The cells of a layout table are its columns (a sidebar
		 * of text beside the story), not a run of like posts; its
		 * rows are its bands (masthead, menu, columns, footer),
		 * and its stacked unclassed tables the same (the story's,
		 * then the readers' comments). */
		if ((c->v[a].tf & F_CELL) ||
		    !strcmp((const char *)an->name, "tr") ||
		    !strcmp((const char *)an->name, "tbody") ||
		    (!strcmp((const char *)an->name, "table") &&
		    !*class_of(an)))
			continue;
		for (dir = 0; dir < 2; dir++) {
			for (ch = dir ? an->prev : an->next; ch != NULL;
			    ch = dir ? ch->prev : ch->next) {
				struct cn *x;
				if (ch->type != XML_ELEMENT_NODE || !ch->_private)
					continue;
				x = &c->v[idx(ch)];
				if (x->removed || (x->ctext < 100 && x->np == 0 &&
				    x->nli == 0))
					continue;
				if (!alike(ch, an) || x->ctext < EXTRACT_MIN_PARA ||
				    link_density(x) >= 0.3f || x->teaser ||
				    tree_holds_headline(c, idx(ch)))
					break;
				x->keep = true;
				found = true;
			}
		}
		if (found) {
			c->v[a].keep = true;
			return;
		}
	}
}

/* The lead picture inside the article's header right above the body
 * (<header> with the headline, dek, picture and byline, left out as
 * furniture): the first <figure> after the headline, with a caption and
 * in no box of furniture of its own, is kept, with what is furniture
 * inside it (its credit) left out. */
static void
header_figure(struct ctx *c, int box)
{
	uint32_t j, end = (uint32_t)box + c->v[box].size, fend;
	int f = -1, a;
	bool was;
	struct cn *fx;

	for (j = (uint32_t)c->headline + c->v[c->headline].size; j < end;
	    j++)
		if (!strcmp((const char *)c->v[j].n->name, "figure")) {
			f = (int)j;
			break;
		}
	if (f < 0)
		return;
	for (a = f; a != box; a = c->v[a].parent)
		if (c->v[a].cls & (C_NEG | C_HIDDEN))
			return;
	fx = &c->v[f];
	was = fx->removed;
	fend = (uint32_t)f + fx->size;
	/* Its own furniture rules, then its counts again (the counts of
	 * a box left out are not kept). */
	for (j = (uint32_t)f; j < fend; j++) {
		struct cn *x = &c->v[j];
		x->removed = ((int)j != f && c->v[x->parent].removed) ||
		    (x->cls & C_HIDDEN) ||
		    (furniture_neg_box(x) && !(x->tf & F_HEAD)) ||
		    ((x->tf & F_FURN) && !(x->cls & C_STRONG));
		x->text = x->own_text;
		x->link = 0;
		x->nimg = 0;
		x->nfig = 0;
	}
	for (j = fend; j-- > (uint32_t)f;) {
		struct cn *x = &c->v[j], *p;
		if (x->removed)
			continue;
		if (x->tf & F_A)
			x->link = x->text;
		if (x->tf & F_IMG)
			x->nimg++;
		if (x->tf & F_FIGCAP)
			x->nfig++;
		if ((int)j == f)
			break;
		p = &c->v[x->parent];
		p->text += x->text;
		p->link += x->link;
		p->nimg += x->nimg;
		p->nfig += x->nfig;
	}
	if (!fx->removed && fx->nimg > 0 && fx->nfig > 0 && fx->text >= 20 &&
	    fx->text <= 400 && link_density(fx) < 0.2f) {
		fx->keep = true;
		c->lead_fig = f;
		return;
	}
	for (j = (uint32_t)f; j < fend; j++)
		c->v[j].removed = was || c->v[j].removed;
}

/* The paragraphs a stray end tag put outside the article's box: right
 * after the box or after one of its two nearest ancestors (a "</div>"
 * too many inside the story closes its box and the picture's box around
 * it, and the last paragraphs land in the page's content box), a run of
 * plain paragraphs of text, with at most small boxes (an ad) between,
 * belongs to the article. Not past the article's own <article> or
 * <main>: what is beside it is not the article. */
void
choose_spilled_paragraphs(struct ctx *c, int top)
{
	int a = top, lvl;

	for (lvl = 0; lvl < 2; lvl++) {
		const char *an = (const char *)c->v[a].n->name;
		xmlNode *ch;
		int p = c->v[a].parent;

		if (p <= 0 || !strcmp(an, "article") || !strcmp(an, "main") ||
		    !strcmp((const char *)c->v[p].n->name, "body"))
			return;
		a = p;
		if (c->v[a].keep)
			continue;
		for (ch = c->v[a].n->next; ch != NULL; ch = ch->next) {
			struct cn *x;
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			x = &c->v[idx(ch)];
			if (x->removed || x->keep)
				continue;
			if ((x->tf & F_PARA) && x->text > 80 &&
			    link_density(x) < 0.25f && !(x->cls & C_NEG)) {
				x->keep = true;
				continue;
			}
			if (x->text0 >= 100 || x->np > 0)
				break;
		}
	}
}

/* The lead picture above the article's box a level or more up (headline,
 * picture, then a box around the body): the first box before the chosen
 * one or one of its near ancestors, if it is a captioned picture. */
void
choose_lead_figure(struct ctx *c, int top)
{
	int a = top, lvl, k;
	xmlNode *ch;
	bool above_head = false;

	/* The article's header inside the chosen box. */
	if (c->headline > top &&
	    (uint32_t)c->headline < top + c->v[top].size) {
		for (k = c->headline; c->v[k].parent != top; k = c->v[k].parent)
			;
		if (k != c->headline)
			header_figure(c, k);
		return;
	}

	for (lvl = 0; lvl < 3 && c->v[a].parent > 0; lvl++,
	    a = c->v[a].parent) {
		const char *pn = (const char *)c->v[c->v[a].parent].n->name;
		if (!strcmp(pn, "body") || !strcmp(pn, "html"))
			break;
		for (ch = c->v[a].n->prev; ch != NULL; ch = ch->prev) {
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			k = idx(ch);
			if (c->headline > k &&
			    (uint32_t)c->headline < k + c->v[k].size) {
				header_figure(c, k);
				/* Or set above the headline's box, on its
				 * own ("dcr-media" before "dcr-headline"). */
				if (c->lead_fig >= 0 || above_head)
					return;
				above_head = true;
				continue;
			}
			/* A standfirst between the text and the headline. */
			if ((c->v[k].cls & C_DEK) && !c->v[k].keep &&
			    c->v[k].nimg == 0)
				continue;
			if (!c->v[k].removed && (c->v[k].text > 0 ||
			    c->v[k].nimg > 0))
				break;
		}
		if (above_head && (ch == NULL || c->v[k].nimg == 0))
			return;
		/* Key points or a list kept before the body: look above. */
		if (ch == NULL || (c->v[k].keep && c->v[k].nimg == 0))
			continue;
		if (c->v[k].keep)
			return;
		if (c->v[k].nfig > 0 && c->v[k].nimg > 0 &&
		    c->v[k].text < 400 && link_density(&c->v[k]) < 0.2f &&
		    !(c->v[k].cls & C_NEG) && !tree_holds_headline(c, k)) {
			c->v[k].keep = true;
			return;
		}
	}
}

/* The page's headline: the first heading with the title's words (the
 * title may carry the site's name after it), else the only h1; -1. */
int
choose_headline(struct ctx *c)
{
	size_t i, tl = strlen(c->page.title_key), kl;
	int h1 = -1, nh1 = 0;
	char key[256];

	for (i = 0; i < c->n; i++) {
		if (!(c->v[i].tf & F_HEAD))
			continue;
		if (!strcmp((const char *)c->v[i].n->name, "h1")) {
			nh1++;
			if (h1 < 0)
				h1 = (int)i;
		}
		if (c->v[i].text > 400 || tl == 0)
			continue;
		phrase_norm_key(tree_short_text(c, (int)i, 400), key,
		    sizeof(key));
		kl = strlen(key);
		if (kl > 0 && (!strcmp(key, c->page.title_key) || (kl >= 20 &&
		    !strncmp(c->page.title_key, key, kl)))) {
			c->titled = true;
			return (int)i;
		}
	}
	return nh1 == 1 ? h1 : -1;
}

/* The article follows its headline. When the best box lies outside the
 * nearest box around the headline that holds paragraph text (a sidebar
 * card of longer text won), the best candidate in that box is the
 * article if it scores at least half as well. */
int
choose_headline_box(struct ctx *c, int best)
{
	int a, k, pick = -1;
	uint32_t end, min = c->v[best].ctext / 3;
	float need = c->v[best].score;

	if (c->headline < 0)
		return best;
	for (a = c->v[c->headline].parent; a > 0; a = c->v[a].parent) {
		if (!strcmp((const char *)c->v[a].n->name, "body") ||
		    a == best || is_ancestor(c, a, best))
			return best;
		if (c->v[a].ctext >= min && c->v[a].ctext >= 200)
			break;
	}
	if (a <= 0)
		return best;
	/* The headline's box inside the best one (a page wrapper that won
	 * by its id, "main-content", around the article and a column of
	 * other text): measured against what the wrapper earned by its
	 * text, not its name. */
	if (is_ancestor(c, best, a))
		need -= (float)(c->v[best].base + c->v[best].weight);
	end = (uint32_t)a + c->v[a].size;
	for (k = a; (uint32_t)k < end; k++)
		if (c->v[k].cand && !c->v[k].removed && (pick < 0 ||
		    c->v[k].score > c->v[pick].score))
			pick = k;
	return pick >= 0 && c->v[pick].score >= 0.5f * need ? pick : best;
}
