/*
 * extract/content.c: find the article body in a page and write it out.
 *
 * The passes, each in its own file, with the includes pointing down
 * this list only:
 *
 *   content.c    this driver: the passes in order, retried leniently
 *   choose.c     scoring; the article's box, its siblings, lead picture
 *   clean.c      clean-up inside the kept boxes
 *   emit.c       text and HTML output
 *   furniture.c  page furniture by tag, class, role and layout
 *   tree.c       the numbered tree, its tag flags and text counts
 *   classname.c  class and id names read as hints
 *   phrases.c    text-level rules: boilerplate phrases, datelines,
 *                notices, picture credits
 *
 *  1. Number the elements, drop code and controls (script, style, form
 *     fields, nav, iframes, ...) and count text, link text, commas and
 *     "paragraph text" (text outside links in paragraph-like blocks).
 *  2. Mark page furniture (furniture.h).
 *  3. Score and choose the article's boxes (choose.h).
 *  4. Clean inside them (clean.h) and write them out (emit.h).
 *
 * If the result is short the passes run again with fewer furniture rules
 * (some sites class their whole page "...-sidebar-wrap").
 */
#include "base/common.h"

#include "extract/choose.h"
#include "extract/clean.h"
#include "extract/emit.h"
#include "extract/extract_int.h"
#include "extract/furniture.h"
#include "extract/tree.h"

/* Below this many characters the extraction is retried more leniently. */
#define EXTRACT_RETRY_CHARS 250

/* Whether a box between f and its ancestor a is left out (so that the
 * walk of a does not reach f). */
static bool
left_out_in(const struct ctx *c, int f, int a)
{
	int k;

	for (k = c->v[f].parent; k >= 0 && k != a; k = c->v[k].parent)
		if (c->v[k].removed)
			return true;
	return false;
}

static int
run_level(struct ctx *c, int level, struct buf *text, struct buf *html)
{
	struct emit_text t = { text, 0, false, false, 0 };
	bool seen = false;
	size_t i;
	int top, rc = 0;

	buf_reset(text);
	buf_reset(html);
	furniture_mark(c, level);
	tree_aggregate(c, false);
	top = choose_score(c);
	if (top < 0)
		return 0;
	top = choose_headline_box(c, top);
	c->best = top;
	top = choose_promote(c, top);
	top = choose_one_story(c, top);
	top = choose_live_stream(c, top);
	choose_siblings(c, top);
	choose_like_ancestors(c, top);
	choose_spilled_paragraphs(c, top);
	c->lead_fig = -1;
	choose_lead_figure(c, top);
	for (i = 0; i < c->n; i++) {
		if (!c->v[i].keep)
			continue;
		clean_kept(c, (int)i, top, &seen);
	}
	if (c->rc != 0)
		return c->rc;
	clean_closing_bio(c);
	clean_pull_quotes(c);
	if (c->rc != 0)
		return c->rc;
	clean_trailing_heading(c);
	for (i = 0; i < c->n && rc == 0; i++) {
		if (!c->v[i].keep || c->v[i].removed)
			continue;
		/* The lead picture of a header left out inside this box
		 * comes first, as it did on the page. */
		if (c->lead_fig > (int)i &&
		    (uint32_t)c->lead_fig < i + c->v[i].size &&
		    !c->v[c->lead_fig].removed &&
		    left_out_in(c, c->lead_fig, (int)i))
			rc = emit_subtree(c, c->lead_fig, &t, html);
		if (rc == 0)
			rc = emit_subtree(c, (int)i, &t, html);
		i += c->v[i].size - 1;
	}
	while (text->len > 0 && is_ws((unsigned char)text->p[text->len - 1]))
		buf_truncate(text, text->len - 1);
	return rc;
}

int
extract_content(htmlDocPtr doc, const char *title, const char *author,
    struct buf *text, struct buf *html)
{
	struct ctx c = { 0 };
	struct buf best_t = BUF_INIT, best_h = BUF_INIT;
	xmlNode *root = xmlDocGetRootElement(doc), *n;
	int rc, level;

	c.title = title;
	c.author = author;
	phrase_norm_key(title ? title : "", c.page.title_key,
	    sizeof(c.page.title_key));
	for (size_t k = 0; title && title[k] && k + 1 < sizeof(c.page.title_lc);
	    k++)
		c.page.title_lc[k] = (char)lower_ascii((unsigned char)title[k]);
	phrase_norm_key(author ? author : "", c.page.author_key,
	    sizeof(c.page.author_key));
	if (root == NULL)
		return 0;
	/* Prefer <body> (a page without one is numbered from the root). */
	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->name &&
		    !strcmp((const char *)n->name, "body"))
			root = n;
	if ((rc = tree_number(&c, root)) != 0)
		goto out;
	if (c.n == 0)
		goto out;
	tree_aggregate(&c, true);
	furniture_unmark_titles(&c);
	tree_mark_stamped(&c);
	furniture_mark_threads(&c);
	c.headline = choose_headline(&c);
	for (level = 0; level < 3; level++) {
		size_t chars = 0, i;
		if ((rc = run_level(&c, level, text, html)) != 0)
			goto out;
		for (i = 0; i < text->len; i++)
			if (((unsigned char)text->p[i] & 0xC0) != 0x80)
				chars++;
		if (chars >= EXTRACT_RETRY_CHARS)
			break;
		if (text->len > best_t.len) {
			buf_reset(&best_t);
			buf_reset(&best_h);
			if (buf_append(&best_t, text->p, text->len) ||
			    buf_append(&best_h, html->p ? html->p : "",
			    html->len)) {
				rc = ERR_NOMEM;
				goto out;
			}
		}
	}
	if (level == 3 && best_t.len > text->len) {
		buf_reset(text);
		buf_reset(html);
		if (buf_append(text, best_t.p, best_t.len) ||
		    buf_append(html, best_h.p ? best_h.p : "", best_h.len))
			rc = ERR_NOMEM;
	}
out:
	for (size_t i = 0; i < c.n; i++)
		c.v[i].n->_private = NULL;
	free(c.v);
	buf_release(&c.tmp);
	buf_release(&c.raw);
	buf_release(&best_t);
	buf_release(&best_h);
	return rc;
}
