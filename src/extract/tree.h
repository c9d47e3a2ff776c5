/*
 * extract/tree.h: the page's elements numbered in document order, with
 * their tag flags, class hints and text counts, and the queries on them
 * that every pass of the body finder uses.
 *
 * A node's subtree is the contiguous index range [i, i + size), and
 * every parent comes before its children, so each pass is a loop over an
 * array: no recursion anywhere. The libxml2 node keeps its index + 1 in
 * _private (0: not numbered, such as a dropped <script>).
 */
#ifndef TD_EXTRACT_TREE_H
#define TD_EXTRACT_TREE_H

#include "base/common.h"

#include <strings.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "extract/classname.h"
#include "extract/phrases.h"

/* A paragraph shorter than this gives no points. */
#define EXTRACT_MIN_PARA 25

/* What an element is, by its tag (and a few attributes). */
enum {
	F_DROP = 1 << 0,   /* never content: skipped with its subtree */
	F_FURN = 1 << 1,   /* page furniture unless it holds the article */
	F_BLOCK = 1 << 2,  /* separates text blocks */
	F_PARA = 1 << 3,   /* a paragraph for scoring */
	F_LEAF = 1 << 4,   /* a paragraph when it has no block children */
	F_HEAD = 1 << 5,   /* h1-h6 */
	F_LIST = 1 << 6,   /* ul, ol, dl */
	F_LI = 1 << 7,
	F_A = 1 << 8,
	F_IMG = 1 << 9,
	F_FIGCAP = 1 << 10,
	F_BR = 1 << 11,
	F_INPUT = 1 << 12,
	F_CELL = 1 << 13,
	F_LINE = 1 << 14,  /* one line: li, tr, dt, dd */
	F_VOID = 1 << 15,
	F_COND = 1 << 16,  /* container checked by the conditional clean */
};

struct cn {
	xmlNode *n;
	int parent;
	uint32_t size;        /* elements in the subtree, itself included */
	uint32_t own_text, own_commas;
	uint32_t text, link, commas;
	uint32_t ptext;       /* paragraph text outside links */
	uint32_t marker;      /* largest ptext of an article marker inside */
	uint32_t np, nimg, nli, ninput, nfig;
	uint32_t nemail;      /* e-mail address fields: a sign-up form */
	uint32_t nlh;         /* titles that are all link: teasers */
	uint32_t nlp;         /* of which paragraphs */
	uint32_t text0;       /* text before anything was left out */
	uint32_t itext, ilink, icommas; /* inline text: not in a block */
	uint32_t nbr;         /* <br> children */
	uint32_t nkids;       /* element children */
	uint32_t ctext;       /* paragraph text left in the subtree */
	float score;
	int weight;
	unsigned tf;
	int base;
	unsigned short cls;
	bool removed, cand, blockchild, keep;
	bool teaser;          /* a teaser or a box of them (teaser_box) */
	unsigned char text_class; /* paragraphs classed as the text */
	bool stamped;         /* holds a <time> or a datetime attribute */
	bool title_neg;       /* furniture only by a "title" class */
	bool echo;            /* a paragraph on the page three times or more */
};

struct ctx {
	struct cn *v;
	size_t n, cap;
	const char *title, *author;
	struct phrase_page page; /* the title's and author's keys */
	int best; /* the best-scoring box before promote() */
	int headline; /* the page's headline element, or -1 */
	int lead_fig; /* a lead picture kept out of its header, or -1 */
	bool titled;  /* the headline has the title's words */
	struct buf tmp, raw;
	int rc;
};

static inline const char *
attr(xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			if (a->children && a->children->type ==
			    XML_TEXT_NODE && a->children->content)
				return (const char *)a->children->content;
			return "";
		}
	return NULL;
}

static inline int
idx(const xmlNode *n)
{
	return n->_private ? (int)(intptr_t)n->_private - 1 : -1;
}

static inline float
link_density(const struct cn *x)
{
	return x->text ? (float)x->link / (float)x->text : 0.0f;
}

static inline bool
is_ancestor(const struct ctx *c, int a, int d)
{
	return a >= 0 && d >= a && (uint32_t)(d - a) < c->v[a].size;
}

/* A <font> whose lines are separated by <br>s: an old page's story
 * (table layout, "<font size=3>para<br><br>para</font>") is a box of
 * paragraphs, not inline text. */
static inline bool
br_font(const struct cn *x)
{
	return x->nbr >= 2 && !strcmp((const char *)x->n->name, "font");
}

static inline bool
is_para(const struct cn *x)
{
	if (x->tf & F_PARA)
		return true;
	return (x->tf & (F_LEAF | F_FIGCAP) || br_font(x)) &&
	    !x->blockchild && x->text >= EXTRACT_MIN_PARA;
}

/* A box of <br>-separated text lines that also holds a block or two (a
 * picture's box, a separator): its own inline text is paragraphs. */
static inline bool
br_text_box(const struct cn *x)
{
	return !is_para(x) && !(x->tf & F_PARA) && (x->tf & F_LEAF) &&
	    x->blockchild && x->nbr >= 2 && x->itext >= 100;
}

/* The F_* flags of a tag name. */
unsigned tree_tag_flags(const char *name);

/* Number the elements under root (pass 1): ERR_TOOBIG past the limit,
 * ERR_NOMEM. */
int tree_number(struct ctx *c, xmlNode *root);

/* Sum the counts bottom-up over the elements that are not removed; first
 * also sets the counts judged once on the page as it is (sizes,
 * paragraph text, teasers). */
void tree_aggregate(struct ctx *c, bool first);

/* Mark the boxes holding a time stamp (<time>, a datetime attribute). */
void tree_mark_stamped(struct ctx *c);

/* Whether e's parent has at least three element children named and
 * classed like e: one of a run of posts or cards. */
bool tree_repeated(const xmlNode *e);

/* Whether e is one of a run of posts: tree_repeated(), or one of at least
 * three sibling elements of its name that each carry a time stamp. */
bool tree_repeated_post(const struct ctx *c, const xmlNode *e);

/* The first element child of box i, or -1. */
int tree_first_child(const struct ctx *c, int i);

/* The collapsed, ASCII lower-cased text of element i, left-out boxes
 * aside, up to about max bytes; in c->tmp, valid until the next call. */
const char *tree_short_text(struct ctx *c, int i, size_t max);

/* Whether the subtree at i holds the page's headline: an h1, or a
 * heading with the title's words. */
bool tree_holds_headline(struct ctx *c, int i);

/* Whether the subtree at i has an h1; *title is set when one of its
 * headings is the page's title. */
bool tree_has_h1(struct ctx *c, int i, bool *title);

#endif
