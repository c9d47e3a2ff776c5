/*
 * html/blocks.c: top-level blocks of sanitised HTML, by scanning.
 *
 * Boilerplate folding needs, for every paragraph of a stored body, its
 * markup and its text. The body is our own sanitiser's output, so instead
 * of a second libxml2 parse per article we scan it: tags are well-formed,
 * every non-void element is closed, attribute values are quoted with '"'
 * and contain no '>' unescaped... which makes depth counting exact.
 */
#include "base/common.h"

#include "base/buf.h"
#include "base/scan.h"
#include "base/utf8.h"
#include "html/html.h"
#include "html/html_int.h"

struct scan {
	const char *s;
	size_t n;
	int (*fn)(void *ctx, const struct html_block *b);
	void *ctx;
	struct buf text;
	size_t start;        /* start of the current block, or SIZE_MAX */
	bool block_element;  /* the current block is one block element */
	bool space;          /* a space is pending in text */
};

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* Bytes that end a run of plain text, or (a space) may. */
static const bool run_stop[256] = {
	[' '] = true, ['\n'] = true, ['\t'] = true, ['\r'] = true,
	['\f'] = true, ['&'] = true,
};

/* Text is appended a run of plain bytes at a time: every byte of every
 * body passes here at ingest, and most of them need no look. */
static void
add_text(struct scan *sc, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		size_t j;

		if (is_space(c)) {
			sc->space = sc->text.len > 0;
			i++;
			continue;
		}
		if (sc->space) {
			(void)buf_putc(&sc->text, ' ');
			sc->space = false;
		}
		if (c == '&') {
			j = i + 1;
			while (j < n && j < i + 12 && p[j] != ';')
				j++;
			if (j < n && p[j] == ';') {
				(void)html_decode_entities(p + i, j - i + 1,
				    &sc->text);
				i = j + 1;
				continue;
			}
		}
		/* A single space between two words is kept as it is, so a
		 * run is mostly all the text up to the next tag. */
		j = (size_t)(scan_words(p + i + 1, p + n, false, '&') - p);
		for (; j < n; j++) {
			while (j < n && !run_stop[(unsigned char)p[j]])
				j++;
			if (j >= n || p[j] != ' ' || j + 1 >= n ||
			    is_space((unsigned char)p[j + 1]))
				break;
		}
		(void)buf_append(&sc->text, p + i, j - i);
		i = j;
	}
}

static int
flush(struct scan *sc, size_t end)
{
	struct html_block b;
	int rc = 0;

	if (sc->start != SIZE_MAX && end > sc->start) {
		b.html = sc->s + sc->start;
		b.html_len = end - sc->start;
		b.text = buf_cstr(&sc->text);
		b.text_len = sc->text.len;
		/* Inline runs of nothing but white space are not blocks. */
		if (sc->block_element || b.text_len > 0)
			rc = sc->fn(sc->ctx, &b);
	}
	sc->start = SIZE_MAX;
	sc->block_element = false;
	sc->space = false;
	buf_reset(&sc->text);
	return rc;
}

/* The element name of the tag at s[i] ('<' already seen) into name. */
static size_t
tag_name(const char *s, size_t n, size_t i, char *name, size_t cap)
{
	size_t k = 0;

	while (i < n && k + 1 < cap && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
		name[k++] = (char)(s[i++] | 0x20);
	name[k] = '\0';
	return k;
}

int
html_blocks(const char *html, size_t n,
    int (*fn)(void *ctx, const struct html_block *b), void *ctx)
{
	struct scan sc = { html, n, fn, ctx, BUF_INIT, SIZE_MAX, false,
	    false };
	size_t i = 0, depth = 0;
	int rc = 0;

	/* A block's text is at most the body's: room for most at once. */
	if (buf_grow(&sc.text, n < 4096 ? n : 4096) != 0)
		return ERR_NOMEM;

	while (i < n && rc == 0) {
		if (html[i] == '<') {
			bool closing = i + 1 < n && html[i + 1] == '/';
			char name[16];
			const struct html_elem *el;
			size_t end = i;

			tag_name(html, n, i + (closing ? 2 : 1), name,
			    sizeof(name));
			while (end < n && html[end] != '>') {
				if (html[end] == '"') {
					end++;
					while (end < n && html[end] != '"')
						end++;
				}
				if (end < n)
					end++;
			}
			end = end < n ? end + 1 : n;
			el = html_elem_find(name);
			/* Inner blocks, lines and cells separate words. */
			if (el->flags & (HTML_F_BLOCK | HTML_F_LINE |
			    HTML_F_CELL))
				sc.space = sc.text.len > 0;
			if (closing) {
				if (depth > 0)
					depth--;
				if (depth == 0 && sc.block_element)
					rc = flush(&sc, end);
			} else if (depth == 0 && (el->flags & HTML_F_BLOCK ||
			    !strcmp(name, "ul") || !strcmp(name, "ol") ||
			    !strcmp(name, "table") || !strcmp(name, "hr") ||
			    !strcmp(name, "dl") || !strcmp(name, "figure"))) {
				rc = flush(&sc, i);
				sc.start = i;
				sc.block_element = true;
				if (el->flags & HTML_F_VOID)
					rc = rc ? rc : flush(&sc, end);
				else
					depth++;
			} else {
				if (sc.start == SIZE_MAX)
					sc.start = i;
				if (!(el->flags & HTML_F_VOID))
					depth++;
				else if (!strcmp(name, "br"))
					sc.space = sc.text.len > 0;
			}
			i = end;
			continue;
		}
		{
			const char *lt = memchr(html + i, '<', n - i);
			size_t j = lt ? (size_t)(lt - html) : n;

			if (sc.start == SIZE_MAX)
				sc.start = i;
			add_text(&sc, html + i, j - i);
			i = j;
		}
	}
	if (rc == 0)
		rc = flush(&sc, n);
	buf_release(&sc.text);
	return rc;
}
