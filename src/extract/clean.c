/*
 * extract/clean.c: clean up inside the kept boxes (see clean.h).
 */
#include "base/common.h"

#include "extract/clean.h"
#include "extract/extract_int.h"
#include "extract/furniture.h"

/* Blocks longer than this are never taken for boilerplate phrases. */
#define EXTRACT_BOILER_MAX 200
/* Legal notices (disclaimers, affiliate disclosures) run longer. */
#define EXTRACT_NOTICE_MAX 400

/* A short box that opens with a heading naming a person ("Zur Person",
 * "Bio express", "Who is Jane Doe?"): the biography of the one
 * interviewed, which annotators leave out like an author's bio. */
static bool
person_box(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	int h;

	if ((x->tf & (F_HEAD | F_LIST | F_LINE | F_CELL)) || x->text > 900 ||
	    !(x->tf & (F_BLOCK | F_FURN)))
		return false;
	h = tree_first_child(c, i);
	if (h < 0 || !(c->v[h].tf & F_HEAD) || c->v[h].text > 80 ||
	    c->v[h].text >= x->text)
		return false;
	return phrase_person_label(tree_short_text(c, h, 100));
}

/* Cut picture credits out of the caption at i ("... the bridge.
 * Photograph: Name/Agency", "(Image: Agency)", "Diagram by the author"):
 * the text from the credit on is emptied, and so is every node after it
 * in the caption. */
static void
strip_credit(struct ctx *c, int i)
{
	xmlNode *top = c->v[i].n, *n = top->children;
	bool cut = false;
	char before = '\0'; /* the last character of the text so far */

	while (n != NULL && c->rc == 0) {
		bool down = false;

		if (n->type == XML_ELEMENT_NODE && n->_private) {
			struct cn *x = &c->v[idx(n)];
			if (cut && !x->removed)
				x->removed = true;
			else if (!x->removed)
				down = n->children != NULL;
		} else if (n->type == XML_TEXT_NODE && n->content) {
			const char *t = (const char *)n->content;
			size_t len = strlen(t), at = cut ? 0 :
			    phrase_credit_at(t, len, before);
			for (size_t k = len; k > 0 && !cut; k--)
				if (!is_ws((unsigned char)t[k - 1])) {
					before = t[k - 1];
					break;
				}
			if (at < len) {
				char *keep;
				/* With the dash or bar that set the credit off
				 * ("... biblioteca — Foto: ..."). */
				at = phrase_trim_separator(t, at);
				keep = strndup(t, at);
				if (keep == NULL) {
					c->rc = ERR_NOMEM;
					break;
				}
				xmlNodeSetContent(n, (const xmlChar *)keep);
				free(keep);
				cut = true;
			}
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != top && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == top)
			break;
		n = n->next;
	}
}

/* The caption's last part in <small> after its text ("... steady card
 * sales. <small>getty</small>"): the picture's credit in small print;
 * or in <cite> under a picture ("...near where he was found.<cite>(ABN:
 * Jo Roe)</cite>"): HTML's element for naming a work's maker, and the
 * credit's place in many sites' figure markup (a quotation's figure
 * keeps its <cite>: there it names the quotation's source). */
static void
strip_small_credit(struct ctx *c, int i)
{
	const xmlNode *ch, *last = NULL;
	int k;

	for (ch = c->v[i].n->children; ch != NULL; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE ||
		    (ch->type == XML_TEXT_NODE && ch->content &&
		    ch->content[strspn((const char *)ch->content,
		    " \t\r\n")]))
			last = ch;
	if (last == NULL || last->type != XML_ELEMENT_NODE ||
	    !last->_private || (strcmp((const char *)last->name, "small") &&
	    (strcmp((const char *)last->name, "cite") ||
	    c->v[i].parent < 0 || c->v[c->v[i].parent].nimg == 0)))
		return;
	k = idx(last);
	if (!c->v[k].removed && c->v[k].text > 0 && c->v[k].text <= 60 &&
	    c->v[i].text >= c->v[k].text + 20)
		c->v[k].removed = true;
}

/* Whether the neighbour of n in one direction, past white space, is a
 * block or nothing. */
static bool
block_side(const struct ctx *c, const xmlNode *n, bool before)
{
	for (n = before ? n->prev : n->next; n != NULL;
	    n = before ? n->prev : n->next) {
		if (n->type == XML_TEXT_NODE && n->content) {
			const char *t = (const char *)n->content;
			while (is_ws((unsigned char)*t))
				t++;
			if (*t)
				return false;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		return n->_private != NULL &&
		    (c->v[idx(n)].tf & (F_BLOCK | F_LIST)) != 0;
	}
	return true;
}

/* An inline element laid out as a block of its own (a <span> between
 * paragraphs: "3 of 12", "Advertisement"), not a word in a sentence. */
static bool
stands_alone(const struct ctx *c, const struct cn *x)
{
	if ((x->tf & (F_BLOCK | F_LEAF | F_CELL | F_A | F_IMG | F_BR)) ||
	    x->parent < 0 || !c->v[x->parent].blockchild)
		return false;
	return block_side(c, x->n, true) && block_side(c, x->n, false);
}

/* In a picture's figure, a short run of inline text outside its
 * caption is a credit or an overlay ("RSPB", "Image source, Getty").
 * Figures of tables, code or quotes keep their text. */
static void
strip_figure(struct ctx *c, int f)
{
	uint32_t i, end = (uint32_t)f + c->v[f].size;

	if (c->v[f].nimg == 0)
		return;
	for (i = (uint32_t)f + 1; i < end; i++) {
		struct cn *x = &c->v[i];
		if (x->removed || (x->tf & (F_FIGCAP | F_BLOCK | F_CELL |
		    F_LINE | F_LIST))) {
			if (x->removed || (x->tf & F_FIGCAP) ||
			    (x->tf & (F_CELL | F_LINE | F_LIST)) ||
			    !strcmp((const char *)x->n->name, "blockquote") ||
			    !strcmp((const char *)x->n->name, "pre") ||
			    !strcmp((const char *)x->n->name, "table"))
				i += x->size - 1;
			continue;
		}
		if (x->own_text > 0 && x->text < 60 && x->nfig == 0) {
			x->removed = true;
			i += x->size - 1;
		}
	}
}

/* A definition list of short labels and values (journal, DOI, date):
 * metadata, not prose. */
static bool
meta_list(const struct ctx *c, int i)
{
	const xmlNode *ch;
	int dd = 0;

	for (ch = c->v[i].n->children; ch != NULL; ch = ch->next) {
		if (ch->type != XML_ELEMENT_NODE || !ch->_private)
			continue;
		if (c->v[idx(ch)].text >= 40)
			return false;
		if (!strcmp((const char *)ch->name, "dd"))
			dd++;
	}
	return dd >= 2;
}

/* A wiki's infobox above the text: a table of rows of one label cell
 * and one short value (a title row or a picture row may stand above),
 * before any paragraph of the text. */
static bool
infobox_table(const struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	int rows = 0, pairs = 0;

	if (strcmp((const char *)c->v[i].n->name, "table") != 0 ||
	    c->v[i].text > 1500)
		return false;
	for (k = (uint32_t)i + 1; k < end; k++) {
		const xmlNode *ch;
		int th = 0, td = 0;

		if (strcmp((const char *)c->v[k].n->name, "tr") != 0)
			continue;
		rows++;
		for (ch = c->v[k].n->children; ch != NULL; ch = ch->next) {
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			if (c->v[idx(ch)].text > 120)
				return false;
			if (!strcmp((const char *)ch->name, "th"))
				th++;
			else if (!strcmp((const char *)ch->name, "td"))
				td++;
		}
		if (th == 1 && td == 1)
			pairs++;
		k += c->v[k].size - 1;
	}
	return pairs >= 3 && pairs + 2 >= rows;
}

/* A wiki's reference list: items opening with a link back to where
 * they are cited ("^", href="#cite_ref-1"). */
static bool
reference_list(const struct ctx *c, int i)
{
	const xmlNode *li, *a;
	int items = 0, back = 0;

	for (li = c->v[i].n->children; li != NULL; li = li->next) {
		if (li->type != XML_ELEMENT_NODE || !li->_private)
			continue;
		items++;
		for (a = li->children; a != NULL &&
		    a->type != XML_ELEMENT_NODE; a = a->next)
			;
		if (a != NULL && a->_private &&
		    !strcmp((const char *)a->name, "a")) {
			const char *h = attr((xmlNode *)a, "href");
			if (h != NULL && !strncmp(h, "#cite", 5))
				back++;
		}
	}
	return items > 0 && back * 2 >= items;
}

/* A post's time and source or author, run together ("11:52Le
 * Quotidien", "09:15 Jane Doe"): a few words, no sentence, and no
 * heading (the post's title beside its time stays). */
static bool
post_stamp(struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	const char *t;
	size_t n;

	for (k = (uint32_t)i; k < end; k++)
		if (c->v[k].tf & F_HEAD)
			return false;
	t = tree_short_text(c, i, 100);
	n = strlen(t);
	return n > 0 && t[n - 1] != '.' && phrase_word_count(t) <= 6 &&
	    phrase_clock_lead(t);
}

/* Whether list x is a slide gallery: three or more captioned pictures
 * whose captions hold its text, with few links. A list scores below
 * zero by its tag alone, and its paragraphs, deep in each slide's
 * figure, give it little; the captions are the story. */
static bool
slide_list(const struct cn *x)
{
	return (x->tf & F_LIST) && x->nfig >= 3 && x->ctext >= 200 &&
	    link_density(x) < 0.2f;
}

/* Whether box i holds a heading. */
static bool
head_inside(const struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;

	for (k = (uint32_t)i; k < end; k++)
		if (c->v[k].tf & F_HEAD)
			return true;
	return false;
}

/* The lines of a box of <br>-separated text (Korean portals, old
 * pages): a line is the run of text and inline elements between two
 * <br>s or blocks. A line that is furniture by its words (a copyright
 * line, "Read more: ...", a byline), a reporter's sign-off with an
 * e-mail address ("Jo Roe reporter jo@paper.example") or a link behind
 * an arrow ("▶ Get our app") is emptied, as a block would be left out.
 * Only short lines are judged. */
static void
strip_lines(struct ctx *c, int i)
{
	xmlNode *ch, *start = c->v[i].n->children;

	for (ch = start;; ch = ch->next) {
		bool edge = ch == NULL || (ch->type == XML_ELEMENT_NODE &&
		    (!ch->_private || (c->v[idx(ch)].tf & (F_BR | F_BLOCK |
		    F_LIST))));
		xmlNode *k;
		size_t len = 0, links = 0;
		bool junk, arrow, email;
		const char *t;

		if (!edge)
			continue;
		/* The line from start up to ch. */
		buf_reset(&c->raw);
		for (k = start; k != ch && c->rc == 0; k = k->next) {
			if (k->type == XML_TEXT_NODE && k->content) {
				buf_putc(&c->raw, ' ');
				buf_puts(&c->raw, (const char *)k->content);
			} else if (k->type == XML_ELEMENT_NODE && k->_private &&
			    !c->v[idx(k)].removed) {
				char *v = (char *)xmlNodeGetContent(k);
				if (v != NULL) {
					if (c->v[idx(k)].tf & F_A)
						links += strlen(v);
					buf_putc(&c->raw, ' ');
					buf_puts(&c->raw, v);
					xmlFree(v);
				}
			}
		}
		buf_reset(&c->tmp);
		if (extract_put_collapsed(&c->tmp, buf_cstr(&c->raw),
		    c->raw.len) == 0) {
			for (len = 0; len < c->tmp.len; len++)
				c->tmp.p[len] = (char)lower_ascii(
				    (unsigned char)c->tmp.p[len]);
		}
		t = buf_cstr(&c->tmp);
		len = strlen(t);
		arrow = !strncmp(t, "\xe2\x96\xb6", 3) ||
		    !strncmp(t, "\xe2\x96\xba", 3); /* ▶ ► */
		email = strchr(t, '@') != NULL && strchr(t, '.') != NULL &&
		    phrase_word_count(t) <= 6;
		junk = len > 0 && len <= EXTRACT_BOILER_MAX &&
		    (start != c->v[i].n->children || ch != NULL) &&
		    (email || (arrow && links > 0 && links + 8 >= len) ||
		    phrase_notice(t) ||
		    phrase_boiler(&c->page, t, false, false));
		for (k = start; junk && k != ch; k = k->next) {
			if (k->type == XML_TEXT_NODE)
				xmlNodeSetContent(k, (const xmlChar *)"");
			else if (k->type == XML_ELEMENT_NODE && k->_private)
				c->v[idx(k)].removed = true;
		}
		if (ch == NULL)
			break;
		start = ch->next;
	}
}

/* Whether the element before n (past white space) is the page's
 * headline. */
static bool
after_headline(const struct ctx *c, const xmlNode *n)
{
	for (n = n->prev; n != NULL; n = n->prev)
		if (n->type == XML_ELEMENT_NODE)
			return n->_private != NULL && c->headline >= 0 &&
			    idx(n) == c->headline;
	return false;
}

/* An embedded post's signature and picture link (X/Twitter's embed
 * markup, "<blockquote><p>text <a>pic.x.com/...</a></p>&mdash; Name
 * (@handle) <a>date</a></blockquote>"): the run of inline text after
 * the quotation's last block, when it opens with a dash and names a
 * handle, and the "pic." link, are left out; the quoted text stays. */
static void
strip_post_signature(struct ctx *c, int i)
{
	xmlNode *ch, *from = NULL;
	const char *t;
	uint32_t k, end = (uint32_t)i + c->v[i].size;

	for (ch = c->v[i].n->last; ch != NULL; ch = ch->prev) {
		if (ch->type == XML_ELEMENT_NODE && (!ch->_private ||
		    (c->v[idx(ch)].tf & (F_BLOCK | F_LIST))))
			break;
		from = ch;
	}
	if (from == NULL || ch == NULL)
		return;
	buf_reset(&c->raw);
	for (ch = from; ch != NULL && c->rc == 0; ch = ch->next) {
		char *v = (char *)xmlNodeGetContent(ch);
		if (v != NULL) {
			buf_puts(&c->raw, v);
			xmlFree(v);
		}
	}
	t = buf_cstr(&c->raw);
	while (is_ws((unsigned char)*t))
		t++;
	if ((strncmp(t, "\xe2\x80\x94", 3) != 0 && *t != '-') ||
	    strstr(t, "(@") == NULL || strlen(t) > 200)
		return;
	for (ch = from; ch != NULL; ch = ch->next) {
		if (ch->type == XML_TEXT_NODE)
			xmlNodeSetContent(ch, (const xmlChar *)"");
		else if (ch->type == XML_ELEMENT_NODE && ch->_private)
			c->v[idx(ch)].removed = true;
	}
	for (k = (uint32_t)i + 1; k < end; k++) {
		struct cn *y = &c->v[k];
		if ((y->tf & F_A) && !y->removed && y->text > 0 &&
		    y->text <= 40 && y->link == y->text &&
		    !strncmp(tree_short_text(c, (int)k, 60), "pic.", 4) &&
		    strchr(buf_cstr(&c->tmp), ' ') == NULL)
			y->removed = true;
	}
}

/* Whether heading i carries an id made from its own text ("a-plugin-api"
 * on "A plugin API"), as site generators and table-of-contents plugins
 * give the text's section headings: a heading of the text, whatever its
 * class says ("anchorWithStickyNavbar"). */
static bool
anchored_heading(struct ctx *c, int i)
{
	const char *id = attr(c->v[i].n, "id");
	char a[256], b[256];
	size_t n;

	if (id == NULL || c->v[i].text == 0 || c->v[i].text > 120)
		return false;
	phrase_norm_key(id, a, sizeof(a));
	phrase_norm_key(tree_short_text(c, i, 200), b, sizeof(b));
	/* The heading's own anchor link may add a zero-width space. */
	n = strlen(a);
	return n > 0 && !strncmp(a, b, n) && strlen(b) <= n + 3;
}

/* Whether the text (lower-cased) labels the good or the bad points of a
 * review's score box: "Pros", "Like", "The good"; "Cons", "Don't like". */
static int
verdict_label(const char *t)
{
	static const char *const good[] = {
		"pros", "pro", "like", "likes", "the good", "what we like",
		"we like", "for",
	};
	static const char *const bad[] = {
		"cons", "con", "don't like", "dislike", "dislikes", "the bad",
		"what we don't like", "we don't like", "against",
	};
	char w[32];
	size_t n, k;

	for (n = 0; t[n] && n + 1 < sizeof(w); n++)
		w[n] = t[n];
	if (t[n])
		return 0;
	while (n > 0 && (w[n - 1] == ':' || w[n - 1] == ' '))
		n--;
	w[n] = '\0';
	for (k = 0; k < ARRAY_LEN(good); k++)
		if (!strcmp(w, good[k]))
			return 1;
	for (k = 0; k < ARRAY_LEN(bad); k++)
		if (!strcmp(w, bad[k]))
			return 2;
	return 0;
}

/* A review's score box (verdict, score, the pros and cons, a buy
 * button): a box of at most a few hundred words holding a "Pros"
 * ("Like") label over a list and a "Cons" ("Don't like") label over
 * another. It sums the review up, and is left out like a standfirst. */
static bool
score_box(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	uint32_t k, end = (uint32_t)i + x->size;
	int seen = 0;

	if (!(x->tf & F_BLOCK) || (x->tf & (F_LIST | F_LINE | F_HEAD)) ||
	    x->nli < 2 || x->text0 > 1500)
		return false;
	for (k = (uint32_t)i + 1; k < end && seen != 3; k++) {
		const struct cn *y = &c->v[k];
		if (y->text0 == 0 || y->text0 > 20 ||
		    (y->tf & (F_LIST | F_LI)))
			continue;
		seen |= verdict_label(tree_short_text(c, (int)k, 40));
		k += y->size - 1;
	}
	return seen == 3;
}

/* A short box under a heading that is furniture by its words ("Why you
 * can trust ...", "Related", "Newsletter"): the box goes with its
 * heading, not the heading alone. */
static bool
boiler_box(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	int h;

	if (!(x->tf & F_BLOCK) || (x->tf & (F_HEAD | F_LIST | F_LINE |
	    F_PARA)) || x->text == 0 || x->text > 400)
		return false;
	h = tree_first_child(c, i);
	if (h < 0 || !(c->v[h].tf & F_HEAD) || c->v[h].text == 0 ||
	    c->v[h].text > 80 || c->v[h].text >= x->text)
		return false;
	return phrase_boiler(&c->page, tree_short_text(c, h, 120), true,
	    false);
}

/* A shop's product card between paragraphs: a short box with a price
 * and a link marked as paid ("rel=sponsored", the mark affiliate links
 * carry): its name, blurb, old and new price and "$149 at Amazon" are
 * an advertisement, not the text; not one of a run of like cards (a
 * roundup's products are its text). */
static bool
product_card(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	uint32_t k, end = (uint32_t)i + x->size;
	bool paid = false;
	const char *t, *rel;

	if (!(x->tf & F_BLOCK) || (x->tf & (F_HEAD | F_PARA | F_LIST |
	    F_LINE)) || x->text == 0 || x->text > 300 || x->size > 80 ||
	    tree_repeated(x->n))
		return false;
	for (k = (uint32_t)i + 1; k < end && !paid; k++)
		paid = (c->v[k].tf & F_A) &&
		    (rel = attr(c->v[k].n, "rel")) != NULL &&
		    strstr(rel, "sponsored") != NULL;
	if (!paid)
		return false;
	for (t = tree_short_text(c, i, 400); *t; t++)
		if ((*t == '$' || !strncmp(t, "\xc2\xa3", 2) ||
		    !strncmp(t, "\xe2\x82\xac", 3)) &&
		    (t[1] >= '0' && t[1] <= '9'))
			return true;
	return false;
}

/* A venue's or a shop's info card under a review or a listing: a name
 * heading, then three or more short lines that are no sentences
 * (address, "Tel: ...", opening hours, prices), one with a phone
 * number. Data about the place, not the text. */
static bool
venue_card(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	const xmlNode *ch;
	int h, lines = 0, phone = 0;

	if (!(x->tf & F_BLOCK) || (x->tf & (F_HEAD | F_PARA | F_LIST |
	    F_LINE)) || x->text == 0 || x->text > 700)
		return false;
	h = tree_first_child(c, i);
	if (h < 0 || !(c->v[h].tf & F_HEAD) || c->v[h].text > 60)
		return false;
	for (ch = c->v[i].n->children; ch != NULL; ch = ch->next) {
		const char *t;
		size_t n, digits = 0;
		int k;
		if (ch->type != XML_ELEMENT_NODE || !ch->_private)
			continue;
		k = idx(ch);
		if (!(c->v[k].tf & F_PARA) || c->v[k].text == 0)
			continue;
		t = tree_short_text(c, k, 200);
		n = strlen(t);
		if (n == 0 || n > 90 || strchr(".!?", t[n - 1]))
			continue;
		lines++;
		for (; *t; t++)
			digits += *t >= '0' && *t <= '9';
		if (digits >= 7 && (strstr(tree_short_text(c, k, 200),
		    "tel") != NULL || strstr(tree_short_text(c, k, 200),
		    "phone") != NULL || digits >= 10))
			phone++;
	}
	return lines >= 3 && phone > 0;
}

/* An item of a list of three or more: data like a table's cell ("Summer
 * fete: Saturday 29 June" in a list of dates), not a dateline. */
static bool
list_entry(const struct ctx *c, const struct cn *x)
{
	return (x->tf & F_LI) && x->parent >= 0 &&
	    (c->v[x->parent].tf & F_LIST) && c->v[x->parent].nli >= 3;
}

/* A summary of the article in a box of its own ("Key points", "At a
 * glance", "Key takeaways", a live page's "Summary"): a short label
 * first, then nothing but a list of a few short points. It restates the
 * text, and is left out like a standfirst. Judged on the page as it was
 * (the label is often classed "...-header", furniture already). */
static bool
summary_box(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	uint32_t k, end = (uint32_t)i + x->size, items = 0;
	int label = -1;

	if (!(x->tf & F_BLOCK) || (x->tf & (F_HEAD | F_LIST | F_PARA |
	    F_LINE)) || x->nli < 2 || x->text0 > 1500 ||
	    link_density(x) > 0.2f)
		return false;
	/* The label: the first box with text that does not hold it all. */
	for (k = (uint32_t)i + 1; k < end && label < 0; k++)
		if (c->v[k].text0 > 0 && c->v[k].text0 < x->text0)
			label = (int)k;
	if (label < 0 || c->v[label].text0 > 40 ||
	    (c->v[label].tf & (F_LIST | F_LI)) ||
	    !phrase_summary_label(tree_short_text(c, label, 60)))
		return false;
	/* Then the points: list items of a sentence or so. */
	for (k = (uint32_t)label + c->v[label].size; k < end; k++) {
		const struct cn *y = &c->v[k];
		if (!(y->tf & F_LI))
			continue;
		if (y->text0 > 300)
			return false;
		items += y->text0;
		k += y->size - 1;
	}
	return (uint64_t)items * 10 >=
	    (uint64_t)(x->text0 - c->v[label].text0) * 9;
}

/* The points a tabloid sets right under its headline, before the text
 * ("<h1>...</h1><ul><li><strong>Margaret, 87, ...</strong></li>..."): a
 * bulleted list of two to six short lines without links, the story in
 * brief. */
static bool
headline_points(const struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	const xmlNode *li;

	if (strcmp((const char *)x->n->name, "ul") != 0 || x->nli < 2 ||
	    x->nli > 6 || x->link > 0 || !after_headline(c, x->n))
		return false;
	for (li = x->n->children; li != NULL; li = li->next)
		if (li->type == XML_ELEMENT_NODE && li->_private &&
		    c->v[idx(li)].text > 250)
			return false;
	return true;
}

/* Pass 4: clean up inside the kept subtrees. */
void
clean_kept(struct ctx *c, int root, int top, bool *seen_text)
{
	uint32_t end = (uint32_t)root + c->v[root].size, i, post_end = 0;

	/* The chosen box's own lines are judged (it is not, below). */
	if (root == top && c->v[root].nbr >= 2)
		strip_lines(c, root);
	/* A kept sibling is checked itself too; the chosen box is not. */
	for (i = (uint32_t)root + (root == top); i < end; i++) {
		struct cn *x = &c->v[i];
		const char *name = (const char *)x->n->name;
		float ld;
		bool drop = false, post_head = false;

		if (x->removed) {
			i += x->size - 1;
			continue;
		}
		ld = link_density(x);
		/* A post's head is kept whatever its class ("lx-post-header"
		 * on a <div>): its title is the post's subheading. */
		if (i >= post_end &&
		    ((x->tf & F_FURN) || furniture_neg_box(x)) &&
		    furniture_post_header(c, x)) {
			post_end = i + x->size;
			post_head = head_inside(c, (int)i);
		}
		if ((x->tf & F_BLOCK) && !(x->tf & F_HEAD) &&
		    (float)x->ctext <= 0.1f * (float)c->v[top].ctext &&
		    tree_holds_headline(c, (int)i)) {
			/* The article's own header inside the chosen box:
			 * section label, headline, dek, byline. */
			drop = true;
		} else if (i < post_end && !strcmp(name, "time")) {
			/* A post's time stamp is its metadata. */
			drop = true;
		} else if (post_head) {
			/* Its time and title are judged one by one (its
			 * text run together reads "15:02Polls close"). */
		} else if ((x->cls & C_DEK) && !*seen_text &&
		    (x->nli == 0 || (x->tf & F_LIST) || x->np == 0) &&
		    x->np <= 1 && (x->text >= 50 || (x->text >= 20 &&
		    (x->tf & F_PARA))) &&
		    x->text <= EXTRACT_NOTICE_MAX &&
		    (!(x->tf & (F_HEAD | F_PARA)) || ((x->tf & F_PARA) &&
		    c->v[top].np >= 4 && after_headline(c, x->n))) &&
		    (int)i != top) {
			/* The standfirst above the text, a box of its own (as
			 * a paragraph of the text it is the text's start,
			 * but for a paragraph set right under the headline,
			 * "<h1>...</h1><p class=story-summary>", over a
			 * text of paragraphs: a gallery's standfirst is
			 * most of its prose). */
			drop = true;
		} else if (!(x->tf & F_BLOCK) && x->text > 0 &&
		    x->text <= 12 && phrase_slide_count(tree_short_text(c,
		    (int)i, 20))) {
			/* A slide's counter inside its caption ("<span>1 of
			 * 6</span> The queue ..."). */
			drop = true;
		} else if ((int)i != top && (summary_box(c, (int)i) ||
		    score_box(c, (int)i) || product_card(c, (int)i) ||
		    venue_card(c, (int)i) ||
		    (!is_ancestor(c, (int)i, c->best) &&
		    boiler_box(c, (int)i)) ||
		    (!*seen_text && headline_points(c, (int)i)))) {
			/* A summary of the article above or beside the text:
			 * "Key points", a tabloid's bullets under its
			 * headline. */
			drop = true;
		} else if ((x->tf & F_A) && x->text > 0 && x->text <= 50 &&
		    x->link == x->text && x->parent >= 0 &&
		    c->v[x->parent].blockchild && block_side(c, x->n, true) &&
		    block_side(c, x->n, false)) {
			/* A link laid out as a block of its own between blocks:
			 * "See all photos", "Full story". */
			drop = true;
		} else if ((x->tf & F_A) && x->text <= 20 && attr(x->n,
		    "href") != NULL && strstr(attr(x->n, "href"),
		    "action=edit") != NULL) {
			/* A wiki section's "[edit]" link. */
			drop = true;
		} else if ((x->tf & (F_BLOCK | F_LEAF)) &&
		    !(x->tf & F_CELL) && x->text <= 50 &&
		    !list_entry(c, x) && post_stamp(c, (int)i)) {
			drop = true;
		} else if (!*seen_text && infobox_table(c, (int)i)) {
			drop = true;
		} else if ((x->tf & F_LIST) && reference_list(c, (int)i)) {
			drop = true;
		} else if (!strcmp(name, "sup") && x->text <= 8 &&
		    x->link == x->text) {
			/* A footnote or citation marker ("[1]"). */
			drop = true;
		} else if ((int)i != top && person_box(c, (int)i)) {
			drop = true;
		} else if (x->tf & F_HEAD) {
			if ((x->weight < 0 && !anchored_heading(c, (int)i)) ||
			    ld > 0.5f)
				drop = true;
			else if (x->text <= EXTRACT_BOILER_MAX &&
			    phrase_boiler(&c->page,
			    tree_short_text(c, (int)i, 400), true, false))
				drop = true;
			else if ((x->cls & C_DEK) && !*seen_text &&
			    (int)i != top && x->text >= 30)
				/* The subtitle under the headline, as a
				 * heading ("pw-subtitle-paragraph"). */
				drop = true;
			else if (!strcmp(name, "h1") && !*seen_text &&
			    (((int)i == c->headline && c->titled) ||
			    phrase_title_words(&c->page,
			    tree_short_text(c, (int)i, 400))))
				drop = true;
		} else if (((x->tf & (F_BLOCK | F_LEAF | F_CELL)) ||
		    stands_alone(c, x)) && x->text <= EXTRACT_BOILER_MAX &&
		    phrase_boiler(&c->page, tree_short_text(c, (int)i, 400),
		    false, (x->tf & F_CELL) || (*seen_text &&
		    list_entry(c, x)))) {
			drop = true;
		} else if ((x->tf & (F_BLOCK | F_LEAF)) &&
		    x->text <= EXTRACT_NOTICE_MAX &&
		    phrase_notice(tree_short_text(c, (int)i, 600))) {
			drop = true;
		} else if ((x->tf & F_COND) && x->blockchild && (int)i != top &&
		    x->text <= 900 && x->size <= 256 &&
		    (x->link > 0 || x->ninput > 0) &&
		    !is_ancestor(c, (int)i, c->best) &&
		    (x->text <= 300 ? x->nemail > 0 ||
		    phrase_promo(tree_short_text(c, (int)i, 600)) :
		    phrase_promo_hits(tree_short_text(c, (int)i, 1000)) >= 3)) {
			/* A sign-up, subscription or donation box, with its
			 * button or form; a longer one (a donation appeal's
			 * paragraph of reasons) says three of the words. */
			drop = true;
		} else if (!strcmp(name, "dl") && meta_list(c, (int)i)) {
			drop = true;
		} else if ((x->tf & F_PARA) && ld >= 0.8f) {
			drop = true;
		} else if ((x->tf & F_COND) && (int)i != top &&
		    !is_ancestor(c, (int)i, c->best)) {
			/* A box around the best paragraphs of the page (a
			 * list of live-blog posts) is the article whatever
			 * its own score. */
			uint32_t p = x->np + x->nfig;
			if (x->teaser)
				drop = true;
			else if (x->weight + (x->cand ? x->score : 0) < 0 &&
			    !slide_list(x))
				drop = true;
			else if (x->commas < 10) {
				bool list = (x->tf & F_LIST) != 0;
				if (x->nimg > 1 && x->nfig == 0 &&
				    (float)p / (float)x->nimg < 0.5f &&
				    x->text < 200)
					drop = true;
				/* A product or promo card: a picture, a
				 * line of text and a link, no caption. */
				else if (x->nimg > 0 && p == 0 &&
				    x->link > 0 && x->text < 100)
					drop = true;
				else if (x->ninput > p / 3 + 1)
					drop = true;
				else if (list && ld > 0.5f)
					drop = true;
				else if (!list && x->weight < 25 &&
				    ld > 0.33f)
					drop = true;
				else if (!list && ld > 0.5f)
					drop = true;
				else if (!list && x->nli > p + 3 && ld > 0.2f)
					drop = true;
			}
		} else if (furniture_neg_box(x) && x->text < 120 &&
		    !(x->tf & F_FIGCAP) && i >= post_end &&
		    !furniture_chapter_mark(c, (int)i)) {
			/* Credits, bylines and share labels left by a
			 * lenient pass. */
			drop = true;
		}
		if (drop) {
			x->removed = true;
			i += x->size - 1;
			continue;
		}
		if ((x->tf & F_FIGCAP) && x->text <= 60 &&
		    phrase_agency_caption(tree_short_text(c, (int)i, 100))) {
			x->removed = true;
			i += x->size - 1;
			continue;
		}
		if (x->nbr >= 2)
			strip_lines(c, (int)i);
		if (x->tf & F_FIGCAP) {
			/* A caption's icon ("▲" pointing at the picture). */
			for (xmlNode *ic = x->n->children; ic != NULL;
			    ic = ic->next)
				if (ic->type == XML_ELEMENT_NODE &&
				    ic->_private && c->v[idx(ic)].text > 0 &&
				    c->v[idx(ic)].text <= 4 &&
				    phrase_symbols_only(tree_short_text(c,
				    idx(ic), 16)))
					c->v[idx(ic)].removed = true;
			strip_credit(c, (int)i);
			strip_small_credit(c, (int)i);
		}
		if (!strcmp(name, "figure"))
			strip_figure(c, (int)i);
		if (!strcmp(name, "blockquote"))
			strip_post_signature(c, (int)i);
		if (((x->tf & F_PARA) && x->text > 0) || (is_para(x) &&
		    !(x->tf & F_FIGCAP) && !(x->cls & C_DEK)))
			*seen_text = true;
	}
}

/* The last paragraph of the text, when it is its author's bio
 * ("Jane Doe is a writer based in Leeds."): one linear pass. */
void
clean_closing_bio(struct ctx *c)
{
	size_t i, k, end;
	int last = -1;

	for (i = 0; i < c->n; i++) {
		if (!c->v[i].keep || c->v[i].removed)
			continue;
		end = i + c->v[i].size;
		for (k = i; k < end; k++) {
			struct cn *x = &c->v[k];
			if (x->removed) {
				k += x->size - 1;
				continue;
			}
			if (((x->tf & F_PARA) || is_para(x)) && x->text > 0)
				last = (int)k;
		}
		i = end - 1;
	}
	if (last >= 0 && c->v[last].text <= 300 &&
	    phrase_bio(tree_short_text(c, last, 400)))
		c->v[last].removed = true;
}

/* A pull quote: a <blockquote> whose words stand in a paragraph of the
 * text too (set large beside the text to draw the eye; it repeats a
 * sentence of the piece, which a real quotation does not). */
void
clean_pull_quotes(struct ctx *c)
{
	struct buf body = BUF_INIT, quote = BUF_INIT;
	size_t i, k, end, q;

	for (q = 0; q < c->n; q++) {
		const struct cn *x = &c->v[q];
		if (x->removed || x->text < 30 || x->text > 400 ||
		    strcmp((const char *)x->n->name, "blockquote"))
			continue;
		break;
	}
	if (q == c->n)
		return;
	/* The kept paragraphs' words, each paragraph once, quotes aside. */
	for (i = 0; i < c->n && c->rc == 0; i++) {
		if (!c->v[i].keep || c->v[i].removed)
			continue;
		end = i + c->v[i].size;
		for (k = i; k < end; k++) {
			const struct cn *x = &c->v[k];
			if (x->removed || !strcmp((const char *)x->n->name,
			    "blockquote")) {
				k += x->size - 1;
				continue;
			}
			if ((x->tf & F_PARA) && x->text > 0) {
				if (phrase_put_key(&body, tree_short_text(c,
				    (int)k, 8000)) || buf_putc(&body, '|'))
					c->rc = ERR_NOMEM;
				k += x->size - 1;
			}
		}
		i = end - 1;
	}
	for (i = 0; i < c->n && body.len > 0 && c->rc == 0; i++) {
		struct cn *x = &c->v[i];
		if (!x->keep || x->removed)
			continue;
		end = i + x->size;
		for (k = i; k < end; k++) {
			struct cn *y = &c->v[k];
			if (y->removed) {
				k += y->size - 1;
				continue;
			}
			if (y->text < 30 || y->text > 400 ||
			    strcmp((const char *)y->n->name, "blockquote"))
				continue;
			buf_reset(&quote);
			if (phrase_put_key(&quote,
			    tree_short_text(c, (int)k, 500))) {
				c->rc = ERR_NOMEM;
				break;
			}
			if (quote.len >= 25 &&
			    strstr(buf_cstr(&body), buf_cstr(&quote)) != NULL)
				y->removed = true;
			k += y->size - 1;
		}
		i = end - 1;
	}
	buf_release(&body);
	buf_release(&quote);
}

/* A heading with nothing after it at the end of the article: its
 * section was furniture and is gone ("Further information" over a list
 * of links, "Related" over teasers). Repeated, for a heading over a
 * heading. */
void
clean_trailing_heading(struct ctx *c)
{
	size_t i, k, end;
	int last, h, guard;

	for (guard = 0; guard < 3; guard++) {
		last = -1;
		for (i = 0; i < c->n; i++) {
			if (!c->v[i].keep || c->v[i].removed)
				continue;
			end = i + c->v[i].size;
			for (k = i; k < end; k++) {
				if (c->v[k].removed) {
					k += c->v[k].size - 1;
					continue;
				}
				if (c->v[k].own_text > 0 || (c->v[k].tf & F_IMG))
					last = (int)k;
			}
			i = end - 1;
		}
		for (h = last; h >= 0 && !(c->v[h].tf & F_HEAD) &&
		    !c->v[h].keep && !(c->v[h].tf & (F_BLOCK | F_LIST));
		    h = c->v[h].parent)
			;
		if (h < 0 || !(c->v[h].tf & F_HEAD) || c->v[h].keep)
			return;
		c->v[h].removed = true;
	}
}
