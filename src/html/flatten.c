/*
 * html/flatten.c: a page rewritten with its nesting capped, so that
 * libxml2's tree builder reads all of it.
 *
 * The tree builder stops at 256 open elements and drops the rest of the
 * page. Pages get there without being hostile: a template that never
 * closes its <font> or <div> tags nests one level deeper at every use,
 * and the article can sit past the limit. The SAX callbacks see the whole
 * page whatever its depth, so we write it out again from them: elements
 * are copied while fewer than max_depth are open in the output; deeper
 * ones are unwrapped (their content kept, their tags dropped), except the
 * blocks that separate text (paragraphs, headings, list items, quotes,
 * cells) and void elements, which are still written one level down so
 * that paragraphs do not run together. Comments and processing
 * instructions go; script and style content is copied as it came.
 *
 * Only the depth changes: names, attributes and text are the same after a
 * new parse. Nothing recurses, so depth never costs stack.
 */
#include "base/common.h"

#include <limits.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "base/buf.h"
#include "base/err.h"
#include "html/html.h"

struct flat {
	struct buf *out;
	int max_depth;
	int depth;          /* open elements in the input */
	int written;        /* open elements in the output */
	int deep_block_at;  /* input depth of the deep block written, or 0 */
	bool *kept;         /* kept[d]: the element at input depth d is written */
	int kept_cap;
	int rc;
};

/* Blocks whose boundaries are text boundaries: written even past the cap. */
static bool
is_text_block(const char *name)
{
	static const char *const blocks[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
		"pre", "blockquote", "figcaption", "td", "th", "tr",
	};
	size_t i;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (strcasecmp(name, blocks[i]) == 0)
			return true;
	return false;
}

static bool
is_void(const char *name)
{
	const htmlElemDesc *d = htmlTagLookup((const xmlChar *)name);

	return d != NULL && d->empty;
}

static void
put_escaped(struct flat *f, const char *s, size_t n, bool in_attr)
{
	size_t i, run = 0;

	for (i = 0; i < n && f->rc == 0; i++) {
		const char *rep = NULL;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = in_attr ? "&quot;" : NULL; break;
		}
		if (rep == NULL)
			continue;
		f->rc = buf_append(f->out, s + run, i - run);
		f->rc = f->rc ? f->rc : buf_puts(f->out, rep);
		run = i + 1;
	}
	if (f->rc == 0)
		f->rc = buf_append(f->out, s + run, n - run);
}

static bool
remember(struct flat *f, bool kept)
{
	if (f->depth >= f->kept_cap) {
		int cap = f->kept_cap ? f->kept_cap * 2 : 256;
		bool *k = realloc(f->kept, (size_t)cap * sizeof(*k));

		if (k == NULL) {
			f->rc = ERR_NOMEM;
			return false;
		}
		f->kept = k;
		f->kept_cap = cap;
	}
	f->kept[f->depth++] = kept;
	return true;
}

static void
on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct flat *f = ((htmlParserCtxtPtr)ctx)->_private;
	const char *name = (const char *)xname;
	bool write = f->written < f->max_depth;
	size_t i;

	if (f->rc)
		return;
	if (!write && f->deep_block_at == 0 && is_text_block(name)) {
		write = true;
		f->deep_block_at = f->depth + 1;
	}
	write = write || is_void(name);
	if (!remember(f, write) || !write)
		return;
	f->written++;
	f->rc = buf_putc(f->out, '<');
	f->rc = f->rc ? f->rc : buf_puts(f->out, name);
	for (i = 0; atts != NULL && atts[i] != NULL && f->rc == 0; i += 2) {
		f->rc = buf_putc(f->out, ' ');
		f->rc = f->rc ? f->rc : buf_puts(f->out,
		    (const char *)atts[i]);
		if (f->rc || atts[i + 1] == NULL)
			continue;
		f->rc = buf_puts(f->out, "=\"");
		put_escaped(f, (const char *)atts[i + 1],
		    strlen((const char *)atts[i + 1]), true);
		f->rc = f->rc ? f->rc : buf_putc(f->out, '"');
	}
	f->rc = f->rc ? f->rc : buf_putc(f->out, '>');
}

static void
on_end(void *ctx, const xmlChar *xname)
{
	struct flat *f = ((htmlParserCtxtPtr)ctx)->_private;
	const char *name = (const char *)xname;

	if (f->rc || f->depth == 0)
		return;
	if (f->deep_block_at == f->depth)
		f->deep_block_at = 0;
	if (!f->kept[--f->depth])
		return;
	f->written--;
	if (is_void(name))
		return;
	f->rc = buf_puts(f->out, "</");
	f->rc = f->rc ? f->rc : buf_puts(f->out, name);
	f->rc = f->rc ? f->rc : buf_putc(f->out, '>');
}

static void
on_text(void *ctx, const xmlChar *s, int n)
{
	struct flat *f = ((htmlParserCtxtPtr)ctx)->_private;

	if (f->rc == 0)
		put_escaped(f, (const char *)s, (size_t)n, false);
}

/* Script and style content: copied as it came, as the parser reads it. */
static void
on_raw(void *ctx, const xmlChar *s, int n)
{
	struct flat *f = ((htmlParserCtxtPtr)ctx)->_private;

	if (f->rc == 0)
		f->rc = buf_append(f->out, s, (size_t)n);
}

int
html_flatten(const char *html, size_t n, int max_depth, struct buf *out,
    struct err *e)
{
	struct flat f = { .out = out, .max_depth = max_depth };
	htmlSAXHandler sax;
	htmlParserCtxtPtr ctxt;

	if (n > INT_MAX)
		return err_set(e, ERR_TOOBIG, "page too big to parse");
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_raw;
	ctxt = htmlCreateMemoryParserCtxt(n ? html : "", (int)n);
	if (ctxt == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	memcpy(ctxt->sax, &sax, sizeof(sax));
	ctxt->sax->initialized = 0;
	ctxt->_private = &f;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	(void)xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlParseDocument(ctxt);
	htmlFreeParserCtxt(ctxt);
	free(f.kept);
	if (f.rc)
		return err_set(e, f.rc, "flattening the page: %s",
		    err_name(f.rc));
	return 0;
}
