/*
 * feed/opml.c: OPML import (libxml2 tree walk) and export (plain writer).
 */
#include "base/common.h"

#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "feed/opml.h"

struct walk {
	int (*fn)(void *ctx, const struct opml_outline *o);
	void *ctx;
	struct buf group;
};

/* OPML in the wild spells attribute names in any case (xmlUrl, xmlurl,
 * XMLURL), so match without case. */
static xmlChar *
attr_nocase(xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0)
			return xmlNodeGetContent((xmlNode *)a);
	return NULL;
}

static bool
is_element(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)n->name, name) == 0;
}

static int
walk_outlines(struct walk *w, xmlNode *parent, int depth, struct err *e)
{
	xmlNode *n;
	int rc = 0;

	if (depth > OPML_MAX_DEPTH)
		return err_set(e, ERR_TOOBIG, "outlines nested deeper than %d",
		    OPML_MAX_DEPTH);
	for (n = parent->children; n && rc == 0; n = n->next) {
		xmlChar *url, *title, *html;

		if (!is_element(n, "outline"))
			continue;
		url = attr_nocase(n, "xmlUrl");
		title = attr_nocase(n, "title");
		if (title == NULL || *title == '\0') {
			xmlFree(title);
			title = attr_nocase(n, "text");
		}
		if (url && *url) {
			struct opml_outline o;

			html = attr_nocase(n, "htmlUrl");
			o.xml_url = (const char *)url;
			o.html_url = html && *html ? (const char *)html : NULL;
			o.title = title && *title ? (const char *)title : NULL;
			o.group = w->group.len ? buf_cstr(&w->group) : NULL;
			rc = w->fn(w->ctx, &o);
			xmlFree(html);
		} else if (n->children) {
			size_t saved = w->group.len;

			if (title && *title) {
				if (w->group.len)
					rc = buf_putc(&w->group, '/');
				if (rc == 0)
					rc = buf_puts(&w->group,
					    (const char *)title);
			}
			if (rc == 0)
				rc = walk_outlines(w, n, depth + 1, e);
			buf_truncate(&w->group, saved);
		}
		xmlFree(url);
		xmlFree(title);
	}
	return rc;
}

int
opml_parse(const char *data, size_t n,
    int (*fn)(void *ctx, const struct opml_outline *o), void *ctx,
    struct err *e)
{
	struct walk w = { fn, ctx, BUF_INIT };
	xmlDoc *doc;
	xmlNode *root, *body = NULL, *c;
	int rc;

	if (n > INT32_MAX)
		return err_set(e, ERR_TOOBIG, "OPML file too large");
	/* No NOENT (entities stay unexpanded), no network, no DTD loading. */
	doc = xmlReadMemory(data, (int)n, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_RECOVER);
	if (doc == NULL)
		return err_set(e, ERR_PARSE, "not an XML document");
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_element(root, "opml")) {
		xmlFreeDoc(doc);
		return err_set(e, ERR_PARSE, "not an OPML document (no <opml> "
		    "root element)");
	}
	for (c = root->children; c; c = c->next)
		if (is_element(c, "body"))
			body = c;
	if (body == NULL) {
		xmlFreeDoc(doc);
		return err_set(e, ERR_PARSE, "OPML document has no <body>");
	}
	rc = walk_outlines(&w, body, 0, e);
	buf_release(&w.group);
	xmlFreeDoc(doc);
	return rc;
}

static int
put_escaped(struct buf *out, const char *s)
{
	int rc = 0;

	for (; *s && rc == 0; s++) {
		switch (*s) {
		case '&': rc = buf_puts(out, "&amp;"); break;
		case '<': rc = buf_puts(out, "&lt;"); break;
		case '>': rc = buf_puts(out, "&gt;"); break;
		case '"': rc = buf_puts(out, "&quot;"); break;
		case '\'': rc = buf_puts(out, "&apos;"); break;
		default: rc = buf_putc(out, *s); break;
		}
	}
	return rc;
}

static int
put_attr(struct buf *out, const char *name, const char *value)
{
	int rc;

	if (value == NULL)
		return 0;
	if ((rc = buf_printf(out, " %s=\"", name)) != 0 ||
	    (rc = put_escaped(out, value)) != 0)
		return rc;
	return buf_putc(out, '"');
}

int
opml_begin(struct buf *out, const char *title, int64_t created)
{
	char date[64];
	time_t t = (time_t)created;
	struct tm tm;
	int rc;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	rc = buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n  <head>\n    <title>");
	if (rc == 0)
		rc = put_escaped(out, title);
	if (rc == 0)
		rc = buf_printf(out, "</title>\n    <dateCreated>%s"
		    "</dateCreated>\n  </head>\n  <body>\n", date);
	return rc;
}

int
opml_add(struct buf *out, const struct opml_outline *o,
    const char **open_group)
{
	const char *indent = "    ";
	int rc = 0;

	if (*open_group && (o->group == NULL ||
	    strcmp(*open_group, o->group) != 0)) {
		rc = buf_puts(out, "    </outline>\n");
		*open_group = NULL;
	}
	if (rc == 0 && o->group && *open_group == NULL) {
		rc = buf_puts(out, "    <outline");
		if (rc == 0)
			rc = put_attr(out, "text", o->group);
		if (rc == 0)
			rc = put_attr(out, "title", o->group);
		if (rc == 0)
			rc = buf_puts(out, ">\n");
		*open_group = o->group;
	}
	if (o->group)
		indent = "      ";
	if (rc == 0)
		rc = buf_printf(out, "%s<outline type=\"rss\"", indent);
	if (rc == 0)
		rc = put_attr(out, "text", o->title ? o->title : o->xml_url);
	if (rc == 0)
		rc = put_attr(out, "title", o->title);
	if (rc == 0)
		rc = put_attr(out, "xmlUrl", o->xml_url);
	if (rc == 0)
		rc = put_attr(out, "htmlUrl", o->html_url);
	if (rc == 0)
		rc = buf_puts(out, "/>\n");
	return rc;
}

int
opml_end(struct buf *out, const char **open_group)
{
	int rc = 0;

	if (*open_group) {
		rc = buf_puts(out, "    </outline>\n");
		*open_group = NULL;
	}
	if (rc == 0)
		rc = buf_puts(out, "  </body>\n</opml>\n");
	return rc;
}
