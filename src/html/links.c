/*
 * html/links.c: what a web page says about its feeds, and whether bytes
 * are a web page at all.
 *
 * When a user adds a site address rather than a feed address, the fetched
 * page is sniffed as HTML and searched for <link rel="alternate"> elements
 * of feed types. Both run on whole pages from anywhere, so the sniffer
 * only looks at a bounded prefix and the link finder reports a bounded
 * number of distinct feeds.
 */
#include "base/common.h"

#include <libxml/HTMLparser.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/url.h"
#include "html/html.h"
#include "html/html_int.h"

/* Feeds reported per page; a page naming more is padding its head. */
#define HTML_MAX_FEED_LINKS 64

/* Bytes of a page searched for <link> elements: they belong in <head>,
 * and a page that puts them a megabyte in is not worth parsing whole. */
#define HTML_LINKS_WINDOW ((size_t)1 << 20)

/* Bytes html_sniff looks at before deciding. */
#define HTML_SNIFF_WINDOW 16384

/* Media types of feeds in <link type="...">, compared without case and
 * without parameters. */
static const char *const html_feed_types[] = {
	"application/rss+xml", "application/atom+xml",
	"application/feed+json", "application/json",
	"application/rdf+xml", "text/xml",
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The known feed type that v names ("Application/RSS+XML; charset=x"
 * counts), or NULL. */
static const char *
feed_type(const char *v)
{
	size_t i, k, n;

	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	for (n = 0; v[n] && v[n] != ';' && v[n] != ' ' && v[n] != '\t'; n++)
		;
	for (i = 0; i < ARRAY_LEN(html_feed_types); i++) {
		const char *t = html_feed_types[i];
		if (strlen(t) != n)
			continue;
		for (k = 0; k < n && lower((unsigned char)v[k]) == t[k]; k++)
			;
		if (k == n)
			return t;
	}
	return NULL;
}

static const char *
attr(const xmlNode *node, const char *name, struct buf *tmp)
{
	const xmlAttr *a;

	for (a = node->properties; a; a = a->next)
		if (a->name && strcmp((const char *)a->name, name) == 0)
			return html_attr_value(a, tmp);
	return NULL;
}

/* The next element in document order after node, or NULL. */
static xmlNode *
next_element(xmlNode *node)
{
	for (;;) {
		if (node->children) {
			node = node->children;
		} else {
			while (node && node->next == NULL)
				node = node->parent;
			if (node == NULL)
				return NULL;
			node = node->next;
		}
		if (node->type == XML_ELEMENT_NODE)
			return node;
	}
}

int
html_find_feed_links(const char *html, size_t n, const char *base_url,
    html_feed_link_fn fn, void *ctx)
{
	struct buf base = BUF_INIT, tmp = BUF_INIT, tmp2 = BUF_INIT;
	struct buf url = BUF_INIT, seen = BUF_INIT;
	htmlDocPtr doc;
	xmlNode *node;
	const char *effective;
	int rc, found = 0;

	if (html == NULL && n)
		return ERR_INVAL;
	if (n == 0)
		return 0;
	if (n > HTML_LINKS_WINDOW)
		n = HTML_LINKS_WINDOW;
	if ((doc = html_parse(html, n, false, NULL, &rc)) == NULL)
		return rc;

	/* The first <base href> wins, wherever it is. */
	effective = base_url && *base_url ? base_url : NULL;
	for (node = (xmlNode *)doc; (node = next_element(node)) != NULL;) {
		const char *h;
		if (strcmp((const char *)node->name, "base") != 0)
			continue;
		if ((h = attr(node, "href", &tmp)) == NULL)
			continue;
		if (url_resolve(effective, h, &base) == 0 &&
		    url_is_fetchable(buf_cstr(&base), false))
			effective = buf_cstr(&base);
		break;
	}

	for (node = (xmlNode *)doc; (node = next_element(node)) != NULL &&
	    found < HTML_MAX_FEED_LINKS;) {
		const char *rel, *type, *href, *title, *t;
		if (strcmp((const char *)node->name, "link") != 0)
			continue;
		rel = attr(node, "rel", &tmp);
		if (rel == NULL || !html_has_token(rel, "alternate"))
			continue;
		type = attr(node, "type", &tmp);
		if (type == NULL || (t = feed_type(type)) == NULL)
			continue;
		if ((href = attr(node, "href", &tmp)) == NULL)
			continue;
		buf_reset(&url);
		if (url_resolve(effective, href, &url) != 0 ||
		    !url_is_fetchable(buf_cstr(&url), false))
			continue;
		/* seen holds "\n"-separated URLs already reported. */
		{
			const char *u = buf_cstr(&url), *p = buf_cstr(&seen);
			size_t ul = url.len;
			bool dup = false;
			while (*p) {
				const char *e = strchr(p, '\n');
				if ((size_t)(e - p) == ul &&
				    memcmp(p, u, ul) == 0) {
					dup = true;
					break;
				}
				p = e + 1;
			}
			if (dup || strchr(u, '\n'))
				continue;
			if (buf_append(&seen, u, ul) != 0 ||
			    buf_putc(&seen, '\n') != 0) {
				found = ERR_NOMEM;
				break;
			}
		}
		title = attr(node, "title", &tmp2);
		if (fn)
			fn(ctx, buf_cstr(&url), t, title);
		found++;
	}
	xmlFreeDoc(doc);
	buf_release(&base);
	buf_release(&tmp);
	buf_release(&tmp2);
	buf_release(&url);
	buf_release(&seen);
	return found;
}

static bool
istarts(const char *p, size_t n, const char *lit)
{
	size_t i, l = strlen(lit);

	if (n < l)
		return false;
	for (i = 0; i < l; i++)
		if (lower((unsigned char)p[i]) != lit[i])
			return false;
	return true;
}

/* A tag name at p ends here (followed by space, '>' or '/'). */
static bool
name_ends(const char *p, size_t n, size_t at)
{
	int c;

	if (at >= n)
		return true;
	c = (unsigned char)p[at];
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' ||
	    c == '/' || c == '\f';
}

static bool
tag_is(const char *p, size_t n, const char *name)
{
	size_t l = strlen(name);

	return istarts(p, n, name) && name_ends(p, n, l);
}

bool
html_sniff(const char *data, size_t n)
{
	size_t i = 0;

	if (data == NULL)
		return false;
	if (n > HTML_SNIFF_WINDOW)
		n = HTML_SNIFF_WINDOW;
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	/* The prolog: white space, comments, processing instructions and
	 * doctypes, in any order. */
	for (;;) {
		const char *end;
		while (i < n && (data[i] == ' ' || data[i] == '\t' ||
		    data[i] == '\n' || data[i] == '\r' || data[i] == '\f'))
			i++;
		if (i >= n || data[i] != '<')
			return false;
		if (istarts(data + i, n - i, "<!--")) {
			end = memmem(data + i + 4, n - i - 4, "-->", 3);
			if (end == NULL)
				return false;
			i = (size_t)(end - data) + 3;
		} else if (istarts(data + i, n - i, "<?")) {
			end = memchr(data + i, '>', n - i);
			if (end == NULL)
				return false;
			i = (size_t)(end - data) + 1;
		} else if (istarts(data + i, n - i, "<!doctype")) {
			size_t k = i + 9;
			while (k < n && (data[k] == ' ' || data[k] == '\t' ||
			    data[k] == '\n' || data[k] == '\r'))
				k++;
			if (tag_is(data + k, n - k, "html"))
				return true;
			end = memchr(data + i, '>', n - i);
			if (end == NULL)
				return false;
			i = (size_t)(end - data) + 1;
		} else {
			break;
		}
	}
	if (tag_is(data + i + 1, n - i - 1, "html"))
		return true;
	/* Some pages start with a stray element; any <head> or <body>
	 * before a feed's root element settles it. */
	for (; i < n; i++) {
		const char *p = data + i + 1;
		size_t m = n - i - 1;
		if (data[i] != '<')
			continue;
		if (tag_is(p, m, "head") || tag_is(p, m, "body"))
			return true;
		if (tag_is(p, m, "rss") || tag_is(p, m, "feed") ||
		    tag_is(p, m, "rdf:rdf") || tag_is(p, m, "opml"))
			return false;
	}
	return false;
}
