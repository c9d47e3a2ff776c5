/*
 * extract/extract.c: extract_page, the pipeline from bytes to article.
 *
 * Order: size limit, decoding to UTF-8 (charset.c), a sniff that refuses
 * what is not an HTML page (binary, JSON, feeds, XML, plain text, empty)
 * with a message saying what it is, the libxml2 parse, metadata (meta.c),
 * the body (content.c and the passes it runs), and the final fields:
 * URLs made absolute against the page, the HTML sanitised by
 * html_sanitize, and JSON-LD articleBody used when the page itself shows
 * little of the article.
 */
#include "base/common.h"

#include <stdio.h>

#include <libxml/parser.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/url.h"
#include "base/utf8.h"
#include "extract/extract_int.h"
#include "html/html.h"

/* Bytes the sniff looks at. */
#define EXTRACT_SNIFF 65536

/* Nesting a page is read with when it is deeper than libxml2 allows. */
#define EXTRACT_FLAT_DEPTH 200

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
ci_starts(const char *s, size_t n, const char *p)
{
	size_t i, k = strlen(p);

	if (n < k)
		return false;
	for (i = 0; i < k; i++)
		if (lower((unsigned char)s[i]) != p[i])
			return false;
	return true;
}

static bool
ci_find(const char *s, size_t n, const char *p)
{
	size_t i, k = strlen(p);

	for (i = 0; i + k <= n; i++)
		if (lower((unsigned char)s[i]) == p[0] &&
		    ci_starts(s + i, n - i, p))
			return true;
	return false;
}

/* Refuse raw input that is plainly not a page. */
static int
sniff_raw(const char *s, size_t n, struct err *e)
{
	static const struct {
		const char *magic;
		size_t n;
		const char *what;
	} magics[] = {
		{ "%PDF-", 5, "a PDF document" },
		{ "\x89PNG", 4, "a PNG image" },
		{ "GIF8", 4, "a GIF image" },
		{ "\xFF\xD8\xFF", 3, "a JPEG image" },
		{ "PK\x03\x04", 4, "a ZIP archive" },
		{ "\x1F\x8B", 2, "gzip-compressed data" },
		{ "RIFF", 4, "a RIFF (WebP, WAV, AVI) file" },
		{ "\x7F" "ELF", 4, "an executable" },
	};
	size_t i, ctl = 0, w = n < EXTRACT_SNIFF ? n : EXTRACT_SNIFF;
	bool utf16 = n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') ||
	    (s[0] == '\xFE' && s[1] == '\xFF'));

	for (i = 0; i < ARRAY_LEN(magics); i++)
		if (n >= magics[i].n && !memcmp(s, magics[i].magic,
		    magics[i].n))
			return err_set(e, ERR_UNSUPPORTED,
			    "not an HTML page: %s", magics[i].what);
	if (utf16)
		return 0;
	for (i = 0; i < w; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f') || c == 0x7F)
			ctl++;
	}
	if (ctl > 8 && ctl * 100 > w)
		return err_set(e, ERR_UNSUPPORTED,
		    "not an HTML page: binary data");
	return 0;
}

/* Names of elements whose presence makes text look like HTML. */
static const char *const html_marks[] = {
	"<!doctype html", "<html", "<head", "<body", "<meta", "<title",
	"<div", "<p>", "<p ", "<article", "<main", "<section", "<span",
	"<a href", "<br", "<h1", "<h2", "<table", "<ul", "<script", "<link",
	"<img", "<header", "<nav", "<!--",
};

/* Refuse decoded input that is not an HTML page. */
static int
sniff_text(const char *s, size_t n, struct err *e)
{
	size_t i = 0, w;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r' || s[i] == '\f'))
		i++;
	if (i == n)
		return err_set(e, ERR_UNSUPPORTED,
		    "not an HTML page: the input is empty");
	s += i, n -= i;
	w = n < EXTRACT_SNIFF ? n : EXTRACT_SNIFF;
	if (s[0] == '{' || s[0] == '[')
		return err_set(e, ERR_UNSUPPORTED,
		    "not an HTML page: this looks like JSON");
	if (ci_starts(s, n, "<?xml") || ci_starts(s, n, "<rss") ||
	    ci_starts(s, n, "<feed") || ci_starts(s, n, "<rdf:rdf")) {
		if (ci_find(s, w, "<rss") || ci_find(s, w, "<feed") ||
		    ci_find(s, w, "<rdf:rdf"))
			return err_set(e, ERR_UNSUPPORTED,
			    "not an HTML page: this is a feed (RSS, Atom or "
			    "RDF); use `tidings parse`");
		if (!ci_find(s, w, "<html"))
			return err_set(e, ERR_UNSUPPORTED,
			    "not an HTML page: this is an XML document");
	}
	for (i = 0; i < ARRAY_LEN(html_marks); i++)
		if (ci_find(s, w, html_marks[i]))
			return 0;
	return err_set(e, ERR_UNSUPPORTED,
	    "not an HTML page: no HTML markup found");
}

static char *
resolve(const char *base, const char *ref)
{
	struct buf b = BUF_INIT;

	if (ref == NULL)
		return NULL;
	if (url_resolve(base, ref, &b) != 0) {
		buf_release(&b);
		/* No base: keep only absolute URLs. */
		return url_is_fetchable(ref, false) ? strdup(ref) : NULL;
	}
	if (!url_is_fetchable(buf_cstr(&b), false)) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Plain text and HTML from JSON-LD articleBody: one paragraph per line. */
static int
body_from_jsonld(const char *body, struct buf *text, struct buf *html)
{
	struct buf para = BUF_INIT, dec = BUF_INIT;
	const char *p = body, *q;
	int rc = 0;

	buf_reset(text);
	buf_reset(html);
	while (*p && rc == 0) {
		for (q = p; *q && *q != '\n'; q++)
			;
		buf_reset(&para);
		buf_reset(&dec);
		if (memchr(p, '<', (size_t)(q - p)) != NULL)
			rc = html_to_text(p, (size_t)(q - p), &dec, NULL);
		else
			rc = html_decode_entities(p, (size_t)(q - p), &dec);
		if (rc == 0)
			rc = extract_put_collapsed(&para, buf_cstr(&dec),
			    dec.len);
		if (rc == 0 && para.len > 0) {
			if (text->len > 0)
				rc = buf_puts(text, "\n\n");
			rc |= buf_append(text, para.p, para.len);
			rc |= buf_puts(html, "<p>");
			for (size_t i = 0; i < para.len && rc == 0; i++) {
				char ch = para.p[i];
				rc = ch == '<' ? buf_puts(html, "&lt;") :
				    ch == '>' ? buf_puts(html, "&gt;") :
				    ch == '&' ? buf_puts(html, "&amp;") :
				    buf_putc(html, ch);
			}
			rc |= buf_puts(html, "</p>");
		}
		p = *q ? q + 1 : q;
	}
	buf_release(&para);
	buf_release(&dec);
	return rc ? ERR_NOMEM : 0;
}

static size_t
count_chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* Hashes of the word 3-shingles of s (words: runs of letters, digits
 * and non-ASCII bytes, ASCII lower-cased) into *out (malloc'd, count in
 * *n). Returns 0 or ERR_NOMEM. */
static int
shingle_hashes(const char *s, uint64_t **out, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t w1 = 0, w2 = 0, *v = NULL;
	size_t nw = 0, k = 0, cap = 0;

	while (*p) {
		uint64_t h = 1469598103934665603ull;
		bool any = false;
		while (*p && (*p >= 0x80 || (*p >= '0' && *p <= '9') ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
			h = (h ^ (uint64_t)lower(*p)) * 1099511628211ull;
			any = true;
			p++;
		}
		if (!any) {
			p++;
			continue;
		}
		if (++nw >= 3) {
			if (k == cap) {
				size_t nc = cap ? cap * 2 : 256;
				uint64_t *nv = realloc(v, nc * sizeof(*nv));
				if (nv == NULL) {
					free(v);
					return ERR_NOMEM;
				}
				v = nv;
				cap = nc;
			}
			v[k++] = (w1 * 31 + w2) * 1099511628211ull + h;
		}
		w1 = w2;
		w2 = h;
	}
	*out = v;
	*n = k;
	return 0;
}

/* Share of the word 3-shingles of a that also occur in b, 0 to 1 (1
 * when a has none); -1 when out of memory. Linear: b's shingles go in
 * an open-addressing table. */
static double
shingle_share(const char *a, const char *b)
{
	uint64_t *va = NULL, *vb = NULL, *tab = NULL;
	size_t na = 0, nb = 0, sz = 1, i, hit = 0;
	double r = -1;

	if (shingle_hashes(a, &va, &na) || shingle_hashes(b, &vb, &nb))
		goto out;
	if (na == 0) {
		r = 1;
		goto out;
	}
	while (sz < nb * 2 + 2)
		sz <<= 1;
	if ((tab = calloc(sz, sizeof(*tab))) == NULL)
		goto out;
	/* 0 marks an empty slot; a shingle hashing to 0 is taken as 1. */
	for (i = 0; i < nb; i++) {
		uint64_t h = vb[i] ? vb[i] : 1;
		size_t j = (size_t)(h >> 7) & (sz - 1);
		while (tab[j] != 0 && tab[j] != h)
			j = (j + 1) & (sz - 1);
		tab[j] = h;
	}
	for (i = 0; i < na; i++) {
		uint64_t h = va[i] ? va[i] : 1;
		size_t j = (size_t)(h >> 7) & (sz - 1);
		while (tab[j] != 0 && tab[j] != h)
			j = (j + 1) & (sz - 1);
		if (tab[j] == h)
			hit++;
	}
	r = (double)hit / (double)na;
out:
	free(va);
	free(vb);
	free(tab);
	return r;
}

void
extract_result_release(struct extract_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	free(r->title);
	free(r->author);
	free(r->date_published);
	free(r->date_modified);
	free(r->text);
	free(r->html);
	for (i = 0; i < r->n_tags; i++)
		free(r->tags[i]);
	free(r->tags);
	free(r->image);
	free(r->lang);
	free(r->url);
	free(r->description);
	free(r->encoding);
	memset(r, 0, sizeof(*r));
}

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The tree builder stops at 256 open elements and drops
 * the rest of the page; such a page is read again with its nesting capped
 * (html_flatten), which keeps all of its text. */
static htmlDocPtr
read_page(htmlParserCtxtPtr pc, struct buf *utf, const char *page_url)
{
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
	struct buf flat = BUF_INIT;
	struct err ignored;
	htmlDocPtr doc;

	doc = htmlCtxtReadMemory(pc, buf_cstr(utf), (int)utf->len, page_url,
	    "UTF-8", opts);
	if (pc->errNo != XML_ERR_INTERNAL_ERROR)
		return doc;
	buf_init(&flat, utf->len * 2 + 64);
	/* Out of memory there: the page as far as the tree builder got. */
	if (html_flatten(buf_cstr(utf), utf->len, EXTRACT_FLAT_DEPTH, &flat,
	    &ignored) != 0) {
		buf_release(&flat);
		return doc;
	}
	log_info("extract: %s nests deeper than libxml2's limit; read again "
	    "with its nesting capped at %d", page_url ? page_url : "page",
	    EXTRACT_FLAT_DEPTH);
	xmlFreeDoc(doc);
	doc = htmlCtxtReadMemory(pc, buf_cstr(&flat), (int)flat.len,
	    page_url, "UTF-8", opts);
	buf_release(&flat);
	return doc;
}

int
extract_page_opts(const char *bytes, size_t n, const char *page_url,
    const char *http_charset, const struct extract_opts *opts,
    struct extract_result *out, struct err *e)
{
	struct extract_meta m = { 0 };
	struct buf utf = BUF_INIT, text = BUF_INIT, html = BUF_INIT;
	struct buf clean = BUF_INIT;
	size_t max = opts && opts->max_input ? opts->max_input :
	    EXTRACT_MAX_INPUT;
	htmlParserCtxtPtr pc = NULL;
	htmlDocPtr doc = NULL;
	const char *base, *title;
	char enc[64];
	int rc;

	memset(out, 0, sizeof(*out));
	if (bytes == NULL && n > 0)
		return err_set(e, ERR_INVAL, "extract: no input");
	if (n > max)
		return err_set(e, ERR_TOOBIG,
		    "page too big: %zu bytes, the limit is %zu", n, max);
	if ((rc = sniff_raw(bytes ? bytes : "", n, e)) != 0)
		return rc;
	buf_init(&utf, n * 3 + 64);
	if ((rc = extract_decode(bytes ? bytes : "", n, http_charset, &utf,
	    enc, sizeof(enc), e)) != 0)
		goto out;
	if ((rc = sniff_text(buf_cstr(&utf), utf.len, e)) != 0)
		goto out;
	if ((pc = htmlNewParserCtxt()) == NULL) {
		rc = err_set(e, ERR_NOMEM, "out of memory");
		goto out;
	}
	doc = read_page(pc, &utf, page_url);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		rc = err_set(e, ERR_UNSUPPORTED,
		    "not an HTML page: nothing could be parsed");
		goto out;
	}
	buf_release(&utf);
	if ((rc = extract_meta_collect(doc, &m)) != 0) {
		rc = err_set(e, rc, "reading the page's metadata: %s",
		    err_name(rc));
		goto out;
	}
	title = m.v[EM_TITLE] ? m.v[EM_TITLE] : m.v[EM_DOCTITLE];
	rc = extract_content(doc, title, m.v[EM_AUTHOR], &text, &html);
	if (rc != 0) {
		rc = err_set(e, rc, rc == ERR_TOOBIG ?
		    "page too complex: more elements than the limit" :
		    "finding the article: %s", err_name(rc));
		goto out;
	}
	/* The page shows little: the publisher's own copy of the text. */
	if (m.v[EM_BODY] != NULL) {
		size_t have = count_chars(buf_cstr(&text), text.len);
		size_t ld = count_chars(m.v[EM_BODY], strlen(m.v[EM_BODY]));
		bool use = ld >= 200 && (have < 150 || have * 4 < ld);
		double in_ld = 0, in_page = 0;

		if (!use && ld >= 200) {
			in_ld = shingle_share(buf_cstr(&text), m.v[EM_BODY]);
			in_page = shingle_share(m.v[EM_BODY], buf_cstr(&text));
			if (in_ld < 0 || in_page < 0) {
				rc = err_set(e, ERR_NOMEM, "out of memory");
				goto out;
			}
			/* The page shows the start (a metered paywall): the
			 * text found is mostly part of the publisher's copy. */
			use = have * 5 < ld * 3 && in_ld >= 0.5;
			/* Another box won: neither text holds much of the
			 * other (a copy cut short is still in the page). */
			use = use || (ld >= 500 && in_ld < 0.3 &&
			    in_page < 0.3);
		}
		if (use) {
			if ((rc = body_from_jsonld(m.v[EM_BODY], &text,
			    &html)) != 0) {
				rc = err_set(e, rc, "out of memory");
				goto out;
			}
			out->from_jsonld_body = true;
		}
	}
	base = page_url;
	out->url = resolve(page_url, m.v[EM_URL]);
	if (out->url == NULL && page_url != NULL &&
	    url_is_fetchable(page_url, false))
		out->url = strdup(page_url);
	if (base == NULL)
		base = out->url;
	if (html.len > 0) {
		struct err se = { 0 };
		rc = html_sanitize(html.p, html.len, base, &clean, &se);
		if (rc == ERR_NOMEM) {
			rc = err_set(e, rc, "out of memory");
			goto out;
		}
		/* Too big for the sanitiser: the text still stands. */
		if (rc == 0)
			out->html = buf_detach(&clean);
		rc = 0;
	}
	if (out->html == NULL)
		out->html = strdup("");
	out->text = buf_detach(&text);
	if (out->text == NULL)
		out->text = strdup("");
	out->title = dup_or_null(title);
	out->author = dup_or_null(m.v[EM_AUTHOR]);
	out->date_published = dup_or_null(m.v[EM_PUB]);
	out->date_modified = dup_or_null(m.v[EM_MOD]);
	out->image = resolve(base, m.v[EM_IMAGE]);
	out->lang = dup_or_null(m.v[EM_LANG]);
	out->description = dup_or_null(m.v[EM_DESC]);
	out->encoding = strdup(enc);
	out->tags = m.tags;
	out->n_tags = m.n_tags;
	m.tags = NULL;
	m.n_tags = 0;
	if (out->text == NULL || out->html == NULL || out->encoding == NULL) {
		extract_result_release(out);
		rc = err_set(e, ERR_NOMEM, "out of memory");
	}
out:
	extract_meta_release(&m);
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (pc != NULL)
		htmlFreeParserCtxt(pc);
	buf_release(&utf);
	buf_release(&text);
	buf_release(&html);
	buf_release(&clean);
	return rc;
}

int
extract_page(const char *bytes, size_t n, const char *page_url,
    const char *http_charset, struct extract_result *out, struct err *e)
{
	return extract_page_opts(bytes, n, page_url, http_charset, NULL, out,
	    e);
}
