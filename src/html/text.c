/*
 * html/text.c: the plain text of an HTML fragment, for search indexing,
 * summaries and duplicate detection.
 *
 * Blocks (p, div, headings, lists, tables...) are separated by one blank
 * line, list items and table rows by a newline, <br> gives a newline and
 * cells a space. Inside a block, runs of white space become one space, and
 * a word split by inline tags ("fo<b>o</b>bar") stays whole because only
 * white space in the source makes a space. <pre> keeps its white space.
 * The result has no leading or trailing white space. Like the sanitiser,
 * the walk is iterative, so nesting depth costs no stack.
 */
#include "base/common.h"

#include <libxml/HTMLparser.h>

#include "base/buf.h"
#include "base/err.h"
#include "html/html.h"
#include "html/html_int.h"

struct tx {
	struct buf *out;
	size_t start;  /* out->len when we began: nothing before is ours */
	int newlines;  /* pending line breaks (0-2) */
	bool space;    /* pending space */
	int pre;       /* open <pre> elements */
	int rc;
};

static void
tx_flush(struct tx *t)
{
	if (t->out->len > t->start) {
		if (t->newlines)
			t->rc = buf_append(t->out, "\n\n", (size_t)t->newlines);
		else if (t->space)
			t->rc = buf_putc(t->out, ' ');
	}
	t->newlines = 0;
	t->space = false;
}

static bool
tx_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
tx_text(struct tx *t, const char *p)
{
	const char *run;

	while (*p && t->rc == 0) {
		if (t->pre) {
			/* The output starts with no white space. */
			while (t->out->len == t->start && *p &&
			    tx_is_space((unsigned char)*p))
				p++;
			if (*p == '\0')
				return;
			if (t->newlines || t->space)
				tx_flush(t);
			if (t->rc == 0)
				t->rc = buf_puts(t->out, p);
			return;
		}
		if (tx_is_space((unsigned char)*p)) {
			t->space = true;
			p++;
			continue;
		}
		tx_flush(t);
		for (run = p; *run && !tx_is_space((unsigned char)*run); run++)
			;
		if (t->rc == 0)
			t->rc = buf_append(t->out, p, (size_t)(run - p));
		p = run;
	}
}

static void
tx_break(struct tx *t, int flags)
{
	if (flags & HTML_F_BLOCK)
		t->newlines = 2;
	else if ((flags & HTML_F_LINE) && t->newlines < 1)
		t->newlines = 1;
	else if (flags & HTML_F_CELL)
		t->space = true;
}

int
html_to_text(const char *html, size_t n, struct buf *out, struct err *e)
{
	struct tx t = { out, out->len, 0, false, 0, 0 };
	htmlDocPtr doc;
	xmlNode *node, *wrapper;
	int rc;

	if (html == NULL && n)
		return err_set(e, ERR_INVAL, "html_to_text: no input");
	if (n == 0)
		return 0;
	if ((doc = html_parse(html, n, true, &wrapper, &rc)) == NULL)
		return err_set(e, rc, "html_to_text: %s", err_name(rc));
	node = doc->children;
	while (node && t.rc == 0) {
		bool down = false;

		if (node->type == XML_ELEMENT_NODE && node != wrapper) {
			const struct html_elem *el =
			    html_elem_find((const char *)node->name);
			if (el->kind == HTML_DROP) {
				/* See html.c: void elements libxml2 does not
				 * know hold their following siblings. */
				down = (el->flags & HTML_F_VOID) &&
				    node->children != NULL;
			} else {
				if (strcmp(el->name, "br") == 0 &&
				    t.newlines < 2)
					t.newlines++;
				tx_break(&t, el->flags);
				if (el->flags & HTML_F_PRE)
					t.pre++;
				down = node->children != NULL;
				if (!down) {
					tx_break(&t, el->flags);
					if (el->flags & HTML_F_PRE)
						t.pre--;
				}
			}
		} else if (node->type == XML_ELEMENT_NODE) {
			down = node->children != NULL;
		} else if ((node->type == XML_TEXT_NODE ||
		    node->type == XML_CDATA_SECTION_NODE) && node->content) {
			tx_text(&t, (const char *)node->content);
		}
		if (down) {
			node = node->children;
			continue;
		}
		while (node && node->next == NULL) {
			const struct html_elem *el;
			node = node->parent;
			if (node == NULL || node->type != XML_ELEMENT_NODE) {
				node = NULL;
				break;
			}
			el = html_elem_find((const char *)node->name);
			tx_break(&t, el->flags);
			if ((el->flags & HTML_F_PRE) && t.pre > 0)
				t.pre--;
		}
		if (node)
			node = node->next;
	}
	xmlFreeDoc(doc);
	if (t.rc) {
		buf_truncate(out, t.start);
		return err_set(e, t.rc, "html_to_text: %s", err_name(t.rc));
	}
	/* Trailing white space inside <pre> is written as is; trim it. */
	while (out->len > t.start && tx_is_space((unsigned char)
	    out->p[out->len - 1]))
		buf_truncate(out, out->len - 1);
	return 0;
}
