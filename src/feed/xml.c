/*
 * feed/xml.c: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through libxml2's SAX2 push
 * parser.
 *
 * One set of callbacks serves every XML format: the root element decides
 * the format, and each element is then understood from its namespace, its
 * name and where it sits (feed level, item, author, image). Text of the
 * elements we want is captured into one buffer at a time; bodies keep
 * their markup (an Atom xhtml div, or raw HTML children that an RSS
 * description should have escaped, is serialised back), other fields keep
 * only their text. An item is finished, sanitised and handed to the sink
 * when its end tag arrives, so memory stays bounded by the largest item,
 * not the feed. Elements we do not know are skipped with everything in
 * them, so that a stray <title> inside an extension cannot replace the
 * item's.
 *
 * Input arrives here as UTF-8 already repaired by xmlfix.c. libxml2 runs
 * in recovery mode without network, DTD loading or entity substitution;
 * the callbacks for DTD declarations are left out, so nothing declared in
 * a DTD is ever stored or expanded.
 */
#include "base/common.h"

#include <stdio.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "base/str.h"
#include "base/url.h"
#include "feed/feed_int.h"

/* Documents up to this size reach libxml2 in one piece (xml_sax_push). */
#define XML_WHOLE_BYTES ((size_t)4 << 20)
#define NS_URI_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_URI_ATOM03 "http://purl.org/atom/ns#"
#define NS_URI_RSS10 "http://purl.org/rss/1.0/"
#define NS_URI_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_URI_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_URI_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_URI_DC "http://purl.org/dc/elements/1.1/"
#define NS_URI_DCTERMS "http://purl.org/dc/terms/"
#define NS_URI_MEDIA "http://search.yahoo.com/mrss/"
#define NS_URI_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_URI_XHTML "http://www.w3.org/1999/xhtml"
#define NS_URI_XML "http://www.w3.org/XML/1998/namespace"

enum ns {
	NS_NONE, NS_RSS, NS_RSS090, NS_ATOM, NS_ATOM03, NS_RDF, NS_CONTENT,
	NS_DC, NS_DCTERMS, NS_MEDIA, NS_ITUNES, NS_XHTML, NS_XML, NS_OTHER,
};

/* Namespaces by URI, and by the usual prefix for feeds that forget to
 * declare it (libxml2 then reports the prefix with no URI). */
static const struct ns_name {
	const char *uri;
	const char *prefix;
	enum ns ns;
} ns_names[] = {
	{ NS_URI_ATOM10, "atom", NS_ATOM },
	{ NS_URI_ATOM03, NULL, NS_ATOM03 },
	{ NS_URI_RSS10, NULL, NS_RSS },
	{ NS_URI_RSS090, NULL, NS_RSS090 },
	{ NS_URI_RDF, "rdf", NS_RDF },
	{ NS_URI_CONTENT, "content", NS_CONTENT },
	{ NS_URI_DC, "dc", NS_DC },
	{ NS_URI_DCTERMS, "dcterms", NS_DCTERMS },
	{ NS_URI_MEDIA, "media", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NULL, NS_MEDIA },
	{ NS_URI_ITUNES, "itunes", NS_ITUNES },
	{ "https://www.itunes.com/dtds/podcast-1.0.dtd", NULL, NS_ITUNES },
	{ NS_URI_XHTML, "xhtml", NS_XHTML },
	{ NS_URI_XML, "xml", NS_XML },
};

enum field {
	F_NONE,
	/* feed level */
	F_FEED_TITLE, F_FEED_LINK, F_FEED_DESC, F_FEED_LANG, F_FEED_TTL,
	F_FEED_AUTHOR_RSS, F_FEED_AUTHOR_NAME, F_FEED_LOGO, F_FEED_ICON,
	F_IMAGE_URL,
	/* an Atom person */
	F_PERSON_NAME, F_PERSON_URI, F_PERSON_EMAIL,
	/* item level */
	F_TITLE, F_LINK, F_GUID, F_ID, F_DESC, F_CONTENT, F_ALT_DESC,
	F_DATE_PUB, F_DATE_MOD, F_AUTHOR_RSS, F_AUTHOR_NAME, F_CATEGORY,
	F_DURATION, F_ITEM_LANG,
};

/* How the characters and child elements of a captured element are kept. */
enum cap_mode {
	CAP_TEXT,  /* characters only */
	CAP_HTML,  /* characters are HTML source; children re-serialised */
	CAP_XHTML, /* characters are text (escaped); children re-serialised */
};

struct capture {
	enum field field;
	enum text_kind kind;
	enum cap_mode mode;
	size_t depth;         /* of the captured element */
	size_t wrapper;       /* depth of an Atom xhtml div left out */
	bool wrapper_open;    /* the next child may be that div */
	int rank;             /* for dates: lower wins */
	bool flag;            /* guid: isPermaLink */
};

struct frame {
	const char *name;     /* owned by libxml2's dictionary */
	char *base;           /* xml:base in effect, NULL for none */
	bool own_base;
};

/* Text kept until the item ends, with the base it was written against. */
struct body {
	char *text;
	size_t len;
	enum text_kind kind;
	char *base;
};

struct xitem {
	struct item it;
	struct body content, desc, alt_desc;
	char *guid, *guid_url, *atom_id, *about;
	bool link_is_html;
	int pub_rank, mod_rank;
	char *thumb, *itunes_image, *media_image, *enclosure_image;
	int64_t duration;
};

struct xml_sax {
	struct feed_parser *p;
	xmlParserCtxtPtr ctxt;
	xmlSAXHandler sax;
	struct frame stack[FEED_MAX_DEPTH + 1];
	size_t depth;         /* frames in use */
	size_t overdeep;      /* elements ignored past FEED_MAX_DEPTH */
	bool rss;             /* RSS family rather than Atom */
	bool root_seen, stopped;
	bool atom_no_ns;      /* <feed version="0.3"> without a namespace */
	size_t skip;          /* depth of a subtree being ignored, or 0 */
	size_t image;         /* depth of an RSS <image>, or 0 */
	size_t person;        /* depth of an Atom person, or 0 */
	bool person_feed;     /* ... belonging to the feed, not an item */
	struct person cur_person;
	size_t item_depth;
	struct xitem *item;
	struct capture cap;
	struct buf text;
	char mismatch[64];    /* the end tag libxml2 just found mismatched */
	size_t ph[FEED_MAX_DEPTH]; /* depths of elements closed early */
	size_t nph;
	char *site;           /* the feed's own link, resolved */
	char *root_lang;
	char *logo, *itunes_icon, *rss_image;
	struct buf held;      /* the document so far, while it is small */
	bool streaming;       /* too big to hold: pushed as it comes */
	bool ending;          /* the whole document pushed, terminated */
	int trail_lines;      /* line breaks after its last '>' */
};

static void
body_release(struct body *b)
{
	FREE_NULL(b->text);
	FREE_NULL(b->base);
}

static void
xitem_free(struct xitem *xi)
{
	if (xi == NULL)
		return;
	item_release(&xi->it);
	body_release(&xi->content);
	body_release(&xi->desc);
	body_release(&xi->alt_desc);
	free(xi->guid);
	free(xi->guid_url);
	free(xi->atom_id);
	free(xi->about);
	free(xi->thumb);
	free(xi->itunes_image);
	free(xi->media_image);
	free(xi->enclosure_image);
	free(xi);
}

static void
stop(struct xml_sax *x)
{
	if (!x->stopped) {
		x->stopped = true;
		xmlStopParser(x->ctxt);
	}
}

static void
fail_nomem(struct xml_sax *x)
{
	feed_fail(x->p, ERR_NOMEM, "out of memory");
	stop(x);
}

static enum ns
classify(const char *uri, const char *prefix, const char **name)
{
	const char *colon;
	size_t i;

	if (uri == NULL && prefix == NULL && (colon = strchr(*name, ':'))) {
		/* Not a case libxml2 produces today, but cheap to allow. */
		prefix = NULL;
		*name = colon + 1;
	}
	if (uri != NULL) {
		for (i = 0; i < ARRAY_LEN(ns_names); i++)
			if (strcasecmp(uri, ns_names[i].uri) == 0)
				return ns_names[i].ns;
		return NS_OTHER;
	}
	if (prefix != NULL) {
		for (i = 0; i < ARRAY_LEN(ns_names); i++)
			if (ns_names[i].prefix != NULL &&
			    strcmp(prefix, ns_names[i].prefix) == 0)
				return ns_names[i].ns;
		return NS_OTHER;
	}
	return NS_NONE;
}

/* Is an element of namespace ns part of the feed's own vocabulary? */
static bool
core(const struct xml_sax *x, enum ns ns)
{
	if (x->rss)
		return ns == NS_NONE || ns == NS_RSS || ns == NS_RSS090;
	return ns == NS_ATOM || ns == NS_ATOM03 ||
	    (ns == NS_NONE && x->atom_no_ns);
}

static bool
is_atom(enum ns ns)
{
	return ns == NS_ATOM || ns == NS_ATOM03;
}

/* An attribute's value as a heap string, with the "&#38;" that libxml2
 * leaves for '&' (entity substitution being off) turned back into '&'. */
static char *
attr_value(const xmlChar **attrs, int nb_attrs, const char *name,
    enum ns want)
{
	int i;

	for (i = 0; i < nb_attrs; i++) {
		const char *ln = (const char *)attrs[i * 5];
		const char *pf = (const char *)attrs[i * 5 + 1];
		const char *uri = (const char *)attrs[i * 5 + 2];
		const char *v = (const char *)attrs[i * 5 + 3];
		const char *end = (const char *)attrs[i * 5 + 4];
		char *r, *w;
		size_t n;

		if (strcmp(ln, name) != 0)
			continue;
		if (want == NS_NONE ? uri != NULL || pf != NULL :
		    classify(uri, pf, &ln) != want)
			continue;
		n = (size_t)(end - v);
		if ((r = malloc(n + 1)) == NULL)
			return NULL;
		for (w = r; v < end; v++) {
			if (*v == '&' && end - v >= 5 &&
			    memcmp(v, "&#38;", 5) == 0) {
				*w++ = '&';
				v += 4;
			} else {
				*w++ = *v;
			}
		}
		*w = '\0';
		return r;
	}
	return NULL;
}

static bool
attr_is(const xmlChar **attrs, int nb_attrs, const char *name,
    const char *value)
{
	char *v = attr_value(attrs, nb_attrs, name, NS_NONE);
	bool r = v != NULL && strcasecmp(v, value) == 0;

	free(v);
	return r;
}

/* The base URL for something written at the current depth: the nearest
 * xml:base, else (RSS having no other notion of one) the channel's link
 * before the document URL, else (Atom) the document URL before the feed's
 * link. */
static const char *
base_at(const struct xml_sax *x, size_t depth)
{
	if (depth > 0 && x->stack[depth - 1].base != NULL)
		return x->stack[depth - 1].base;
	if (x->rss && x->site != NULL)
		return x->site;
	if (x->p->opts.base_url != NULL)
		return x->p->opts.base_url;
	return x->site;
}

/* ---- capture ---- */

static void
capture(struct xml_sax *x, enum field f, enum text_kind kind,
    enum cap_mode mode)
{
	memset(&x->cap, 0, sizeof(x->cap));
	x->cap.field = f;
	x->cap.kind = kind;
	x->cap.mode = mode;
	x->cap.depth = x->depth;
	buf_reset(&x->text);
}

static void
put(struct xml_sax *x, const char *s, size_t n)
{
	int rc = buf_append(&x->text, s, n);

	if (rc == ERR_TOOBIG) {
		feed_fail(x->p, ERR_TOOBIG, "line %d: a field is larger than "
		    "%zu bytes", xmlSAX2GetLineNumber(x->ctxt),
		    FEED_MAX_FIELD_BYTES);
		stop(x);
	} else if (rc != 0) {
		fail_nomem(x);
	}
}

static void
put_escaped(struct xml_sax *x, const char *s, size_t n, bool attr)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *rep = s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" :
		    attr && s[i] == '"' ? "&quot;" :
		    !attr && s[i] == '&' ? "&amp;" : NULL;

		if (rep == NULL)
			continue;
		put(x, s + run, i - run);
		put(x, rep, strlen(rep));
		run = i + 1;
	}
	put(x, s + run, n - run);
}

static bool
void_element(const char *name)
{
	static const char *const v[] = { "area", "base", "br", "col",
		"embed", "hr", "img", "input", "link", "meta", "param",
		"source", "track", "wbr" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(v); i++)
		if (strcasecmp(name, v[i]) == 0)
			return true;
	return false;
}

/* A child element inside a body, written back as HTML. */
static void
serialise_start(struct xml_sax *x, const char *name, enum ns ns,
    const xmlChar **attrs, int nb_attrs)
{
	int i;

	if (x->cap.mode == CAP_XHTML && x->cap.wrapper_open &&
	    ns == NS_XHTML && strcmp(name, "div") == 0 &&
	    x->depth == x->cap.depth + 1) {
		/* Atom: the xhtml div is a wrapper, not content. */
		x->cap.wrapper = x->depth;
		x->cap.wrapper_open = false;
		return;
	}
	x->cap.wrapper_open = false;
	put(x, "<", 1);
	put(x, name, strlen(name));
	for (i = 0; i < nb_attrs; i++) {
		const char *an = (const char *)attrs[i * 5];
		const char *v = (const char *)attrs[i * 5 + 3];
		const char *end = (const char *)attrs[i * 5 + 4];

		/* '&' arrives as "&#38;", which HTML reads the same way,
		 * so only the other specials need escaping. */
		put(x, " ", 1);
		put(x, an, strlen(an));
		put(x, "=\"", 2);
		put_escaped(x, v, (size_t)(end - v), true);
		put(x, "\"", 1);
	}
	put(x, ">", 1);
}

static void
serialise_end(struct xml_sax *x, const char *name)
{
	if (x->cap.wrapper == x->depth) {
		x->cap.wrapper = 0;
		return;
	}
	if (*name == '\0' || void_element(name))
		return;
	put(x, "</", 2);
	put(x, name, strlen(name));
	put(x, ">", 1);
}

/* ---- text constructs ---- */

/* The kind and mode of an Atom text construct from its attributes (Atom
 * 1.0 type="text|html|xhtml"; Atom 0.3 a MIME type plus mode). false when
 * the content is not text we can show (an image, base64, ...). */
static bool
atom_text_kind(const xmlChar **attrs, int nb_attrs, enum text_kind *kind,
    enum cap_mode *mode)
{
	char *type = attr_value(attrs, nb_attrs, "type", NS_NONE);
	char *m = attr_value(attrs, nb_attrs, "mode", NS_NONE);
	bool ok = true;

	*kind = TEXT_PLAIN;
	*mode = CAP_TEXT;
	if (m != NULL && strcasecmp(m, "base64") == 0) {
		ok = false;
	} else if (type == NULL || strcasecmp(type, "text") == 0 ||
	    strcasecmp(type, "text/plain") == 0) {
		/* Atom 0.3 mode="xml" with text/plain is still text. */
	} else if (strcasecmp(type, "html") == 0 ||
	    strcasecmp(type, "text/html") == 0) {
		*kind = TEXT_HTML;
		*mode = m != NULL && strcasecmp(m, "xml") == 0 ? CAP_XHTML :
		    CAP_HTML;
	} else if (strcasecmp(type, "xhtml") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0) {
		*kind = TEXT_HTML;
		*mode = CAP_XHTML;
	} else if (strncasecmp(type, "text/", 5) != 0) {
		ok = false;
	}
	free(type);
	free(m);
	return ok;
}

/* ---- the root ---- */

static void
not_a_feed(struct xml_sax *x, const char *fmt, const char *name)
{
	x->p->notfeed = true;
	snprintf(x->p->notfeed_msg, sizeof(x->p->notfeed_msg), fmt, name);
	stop(x);
}

static void
root(struct xml_sax *x, enum ns ns, const char *name, int nb_ns,
    const xmlChar **nss, const xmlChar **attrs, int nb_attrs)
{
	struct feed *f = &x->p->feed;
	char *v;
	int i;

	x->root_seen = true;
	x->root_lang = attr_value(attrs, nb_attrs, "lang", NS_XML);
	if (strcmp(name, "rss") == 0 && ns == NS_NONE) {
		x->rss = true;
		v = attr_value(attrs, nb_attrs, "version", NS_NONE);
		f->format = v == NULL ? FEED_FORMAT_RSS20 :
		    strcmp(v, "0.91") == 0 ? FEED_FORMAT_RSS091 :
		    strcmp(v, "0.92") == 0 ? FEED_FORMAT_RSS092 :
		    strcmp(v, "0.93") == 0 ? FEED_FORMAT_RSS093 :
		    strcmp(v, "0.94") == 0 ? FEED_FORMAT_RSS094 :
		    strcmp(v, "0.90") == 0 ? FEED_FORMAT_RSS090 :
		    FEED_FORMAT_RSS20;
		free(v);
	} else if (strcmp(name, "RDF") == 0 && ns == NS_RDF) {
		x->rss = true;
		for (i = 0; i < nb_ns; i++) {
			const char *uri = (const char *)nss[i * 2 + 1];

			if (uri != NULL && strcmp(uri, NS_URI_RSS090) == 0)
				f->format = FEED_FORMAT_RSS090;
			else if (uri != NULL && strcmp(uri, NS_URI_RSS10) ==
			    0 && f->format == FEED_FORMAT_UNKNOWN)
				f->format = FEED_FORMAT_RSS10;
		}
		if (f->format == FEED_FORMAT_UNKNOWN)
			not_a_feed(x, "this is an RDF document without RSS "
			    "in it, not a feed%s", "");
	} else if (strcmp(name, "channel") == 0 && ns == NS_NONE) {
		/* An RSS 0.9x channel that lost its <rss>. */
		x->rss = true;
		f->format = FEED_FORMAT_RSS20;
		feed_bozo(x->p, "the root element is <channel>, not <rss>");
	} else if (strcmp(name, "feed") == 0 && ns == NS_ATOM) {
		f->format = FEED_FORMAT_ATOM10;
	} else if (strcmp(name, "feed") == 0 && ns == NS_ATOM03) {
		f->format = FEED_FORMAT_ATOM03;
	} else if (strcmp(name, "feed") == 0 && ns == NS_NONE) {
		x->atom_no_ns = true;
		f->format = attr_is(attrs, nb_attrs, "version", "0.3") ?
		    FEED_FORMAT_ATOM03 : FEED_FORMAT_ATOM10;
		feed_bozo(x->p, "<feed> without the Atom namespace");
	} else if (strcasecmp(name, "html") == 0) {
		not_a_feed(x, "this is an HTML page, not a feed%s", "");
	} else if (strcasecmp(name, "opml") == 0) {
		not_a_feed(x, "this is an OPML subscription list, not a "
		    "feed%s", "");
	} else {
		not_a_feed(x, "this is an XML document with root element "
		    "<%.60s>, not a feed", name);
	}
}

/* ---- links, enclosures, media ---- */

static int64_t
parse_count(const char *s)
{
	int64_t v;

	if (s == NULL || str_to_i64(str_from(s), 0, INT64_MAX / 2, &v) != 0)
		return -1;
	return v;
}

/* Seconds from "3600", "59:59" or "1:02:03"; -1 if not that. */
static int64_t
parse_duration(const char *s)
{
	int64_t parts[3], v = 0;
	int n = 0;
	const char *p = s;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '\0')
		return -1;
	for (;;) {
		int64_t part = 0;
		int digits = 0;

		while (*p >= '0' && *p <= '9' && digits < 12) {
			part = part * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0 || n == 3)
			return -1;
		parts[n++] = part;
		if (*p == '.')
			while (*++p >= '0' && *p <= '9')
				;
		if (*p != ':')
			break;
		p++;
	}
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p != '\0')
		return -1;
	for (int i = 0; i < n; i++) {
		if (i > 0 && parts[i] > 59)
			return -1;
		v = v * 60 + parts[i];
	}
	return v;
}

static bool
is_image_type(const char *type, const char *medium)
{
	return (medium != NULL && strcasecmp(medium, "image") == 0) ||
	    (type != NULL && strncasecmp(type, "image/", 6) == 0);
}

static void
add_attachment(struct xml_sax *x, char *url, const char *type,
    const char *title, int64_t size, int64_t duration)
{
	struct item *it = &x->item->it;
	struct attachment a;
	size_t i;

	if (url == NULL)
		return;
	for (i = 0; i < it->n_attachments; i++) {
		struct attachment *o = &it->attachments[i];

		if (strcmp(o->url, url) == 0) {
			/* The same file as enclosure and media:content:
			 * one attachment, with what each one knew. */
			if (o->size_in_bytes < 0)
				o->size_in_bytes = size;
			if (o->duration_in_seconds < 0)
				o->duration_in_seconds = duration;
			if (o->mime_type == NULL && type != NULL)
				o->mime_type = strdup(type);
			return;
		}
	}
	a.url = url;
	a.mime_type = (char *)type;
	a.title = (char *)title;
	/* length="0" is how many feeds say "unknown". */
	a.size_in_bytes = size > 0 ? size : -1;
	a.duration_in_seconds = duration;
	if (item_add_attachment(it, &a) != 0)
		fail_nomem(x);
}

static void
keep_first(char **slot, char *v)
{
	if (*slot == NULL)
		*slot = v;
	else
		free(v);
}

static void
atom_link(struct xml_sax *x, const xmlChar **attrs, int nb_attrs)
{
	char *href = attr_value(attrs, nb_attrs, "href", NS_NONE);
	char *rel = attr_value(attrs, nb_attrs, "rel", NS_NONE);
	char *type = attr_value(attrs, nb_attrs, "type", NS_NONE);
	char *url;
	bool html = type == NULL || strstr(type, "html") != NULL;
	struct feed *f = &x->p->feed;

	if (href == NULL)
		goto out;
	url = feed_resolve(base_at(x, x->depth), href);
	if (url == NULL)
		goto out;
	if (rel == NULL || strcasecmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/"
	    "alternate") == 0) {
		if (x->item != NULL) {
			if (x->item->it.url == NULL ||
			    (html && !x->item->link_is_html)) {
				free(x->item->it.url);
				x->item->it.url = url;
				x->item->link_is_html = html;
				url = NULL;
			}
		} else if (f->home_page_url == NULL && html &&
		    (url = feed_web_url(url)) != NULL) {
			f->home_page_url = url;
			if (x->site == NULL)
				x->site = strdup(url);
			url = NULL;
		}
	} else if (strcasecmp(rel, "self") == 0 && x->item == NULL) {
		keep_first(&f->feed_url, url);
		url = NULL;
	} else if (strcasecmp(rel, "enclosure") == 0 && x->item != NULL) {
		char *title = attr_value(attrs, nb_attrs, "title", NS_NONE);
		char *len = attr_value(attrs, nb_attrs, "length", NS_NONE);

		add_attachment(x, url, type, title, parse_count(len), -1);
		free(title);
		free(len);
	} else if (strcasecmp(rel, "related") == 0 && x->item != NULL) {
		keep_first(&x->item->it.external_url, url);
		url = NULL;
	}
	free(url);
out:
	free(href);
	free(rel);
	free(type);
}

static void
enclosure(struct xml_sax *x, const xmlChar **attrs, int nb_attrs)
{
	char *u = attr_value(attrs, nb_attrs, "url", NS_NONE);
	char *type = attr_value(attrs, nb_attrs, "type", NS_NONE);
	char *len = attr_value(attrs, nb_attrs, "length", NS_NONE);
	char *url = feed_resolve(base_at(x, x->depth), u);

	if (url != NULL) {
		if (is_image_type(type, NULL) && x->item->enclosure_image ==
		    NULL)
			x->item->enclosure_image = strdup(url);
		add_attachment(x, url, type, NULL, parse_count(len), -1);
	}
	free(url);
	free(u);
	free(type);
	free(len);
}

static void
media_content(struct xml_sax *x, const xmlChar **attrs, int nb_attrs)
{
	char *u = attr_value(attrs, nb_attrs, "url", NS_NONE);
	char *type = attr_value(attrs, nb_attrs, "type", NS_NONE);
	char *medium = attr_value(attrs, nb_attrs, "medium", NS_NONE);
	char *size = attr_value(attrs, nb_attrs, "fileSize", NS_NONE);
	char *dur = attr_value(attrs, nb_attrs, "duration", NS_NONE);
	char *url = feed_resolve(base_at(x, x->depth), u);

	if (url != NULL) {
		if (is_image_type(type, medium))
			keep_first(&x->item->media_image, strdup(url));
		else
			add_attachment(x, url, type, NULL, parse_count(size),
			    dur ? parse_duration(dur) : -1);
	}
	free(url);
	free(u);
	free(type);
	free(medium);
	free(size);
	free(dur);
}

static char *
href_attr(struct xml_sax *x, const xmlChar **attrs, int nb_attrs,
    const char *name)
{
	char *v = attr_value(attrs, nb_attrs, name, NS_NONE);
	char *r = feed_resolve(base_at(x, x->depth), v);

	free(v);
	return r;
}

/* ---- element dispatch ---- */

static void
start_item(struct xml_sax *x, const xmlChar **attrs, int nb_attrs)
{
	struct xitem *xi = calloc(1, sizeof(*xi));

	if (xi == NULL) {
		fail_nomem(x);
		return;
	}
	item_init(&xi->it);
	xi->about = attr_value(attrs, nb_attrs, "about", NS_RDF);
	xi->it.language = attr_value(attrs, nb_attrs, "lang", NS_XML);
	xi->pub_rank = xi->mod_rank = 100;
	xi->duration = -1;
	x->item = xi;
	x->item_depth = x->depth;
}

static void
start_person(struct xml_sax *x, bool of_feed)
{
	memset(&x->cur_person, 0, sizeof(x->cur_person));
	x->person = x->depth;
	x->person_feed = of_feed;
}

static void
item_child(struct xml_sax *x, enum ns ns, const char *n,
    const xmlChar **attrs, int nb_attrs)
{
	enum text_kind kind;
	enum cap_mode mode;
	struct xitem *xi = x->item;

	if (x->rss && core(x, ns)) {
		if (!strcmp(n, "title"))
			capture(x, F_TITLE, TEXT_GUESS, CAP_TEXT);
		else if (!strcmp(n, "link"))
			capture(x, F_LINK, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "guid")) {
			capture(x, F_GUID, TEXT_PLAIN, CAP_TEXT);
			x->cap.flag = !attr_is(attrs, nb_attrs,
			    "isPermaLink", "false");
		} else if (!strcmp(n, "description"))
			capture(x, F_DESC, TEXT_HTML, CAP_HTML);
		else if (!strcmp(n, "author"))
			capture(x, F_AUTHOR_RSS, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "category"))
			capture(x, F_CATEGORY, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "pubDate")) {
			capture(x, F_DATE_PUB, TEXT_PLAIN, CAP_TEXT);
			x->cap.rank = 1;
		} else if (!strcmp(n, "enclosure"))
			enclosure(x, attrs, nb_attrs);
		else
			x->skip = x->depth;
		return;
	}
	if (is_atom(ns) || (!x->rss && core(x, ns))) {
		if (!strcmp(n, "title") || !strcmp(n, "summary") ||
		    !strcmp(n, "content")) {
			char *src = attr_value(attrs, nb_attrs, "src",
			    NS_NONE);

			if (src != NULL || !atom_text_kind(attrs, nb_attrs,
			    &kind, &mode)) {
				/* Out-of-line or binary content. */
				free(src);
				x->skip = x->depth;
				return;
			}
			capture(x, n[0] == 't' ? F_TITLE : n[0] == 's' ?
			    F_DESC : F_CONTENT, kind, mode);
			x->cap.wrapper_open = mode == CAP_XHTML;
		} else if (!strcmp(n, "id"))
			capture(x, F_ID, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "link"))
			atom_link(x, attrs, nb_attrs);
		else if (!strcmp(n, "published") || !strcmp(n, "issued") ||
		    !strcmp(n, "created")) {
			capture(x, F_DATE_PUB, TEXT_PLAIN, CAP_TEXT);
			x->cap.rank = n[0] == 'c' ? 3 : 1;
		} else if (!strcmp(n, "updated") || !strcmp(n, "modified")) {
			capture(x, F_DATE_MOD, TEXT_PLAIN, CAP_TEXT);
			x->cap.rank = 1;
		} else if (!strcmp(n, "author"))
			start_person(x, false);
		else if (!strcmp(n, "category")) {
			char *t = attr_value(attrs, nb_attrs, "term",
			    NS_NONE);

			if (t == NULL)
				t = attr_value(attrs, nb_attrs, "label",
				    NS_NONE);
			if (t != NULL) {
				feed_squash(t);
				if (*t != '\0' && item_add_tag(&xi->it, t))
					fail_nomem(x);
			}
			free(t);
			x->skip = x->depth;
		} else
			x->skip = x->depth;
		return;
	}
	switch (ns) {
	case NS_CONTENT:
		if (!strcmp(n, "encoded")) {
			capture(x, F_CONTENT, TEXT_HTML, CAP_HTML);
			return;
		}
		break;
	case NS_XHTML:
		if (!strcmp(n, "body") || !strcmp(n, "div")) {
			capture(x, F_CONTENT, TEXT_HTML, CAP_XHTML);
			return;
		}
		break;
	case NS_DC:
		if (!strcmp(n, "creator") || !strcmp(n, "contributor")) {
			if (n[1] == 'r')
				capture(x, F_AUTHOR_NAME, TEXT_PLAIN,
				    CAP_TEXT);
			else
				break;
		} else if (!strcmp(n, "date")) {
			capture(x, F_DATE_PUB, TEXT_PLAIN, CAP_TEXT);
			x->cap.rank = 2;
		} else if (!strcmp(n, "subject"))
			capture(x, F_CATEGORY, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "language"))
			capture(x, F_ITEM_LANG, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "title"))
			capture(x, F_TITLE, TEXT_GUESS, CAP_TEXT);
		else if (!strcmp(n, "description"))
			capture(x, F_DESC, TEXT_HTML, CAP_HTML);
		else if (!strcmp(n, "identifier"))
			capture(x, F_ID, TEXT_PLAIN, CAP_TEXT);
		else
			break;
		return;
	case NS_DCTERMS:
		if (!strcmp(n, "modified")) {
			capture(x, F_DATE_MOD, TEXT_PLAIN, CAP_TEXT);
			x->cap.rank = 2;
		} else if (!strcmp(n, "issued") || !strcmp(n, "created")) {
			capture(x, F_DATE_PUB, TEXT_PLAIN, CAP_TEXT);
			x->cap.rank = 3;
		} else
			break;
		return;
	case NS_MEDIA:
		if (!strcmp(n, "group"))
			return; /* a container: its children count */
		if (!strcmp(n, "content")) {
			media_content(x, attrs, nb_attrs);
			return; /* its children count too */
		}
		if (!strcmp(n, "thumbnail")) {
			keep_first(&xi->thumb, href_attr(x, attrs, nb_attrs,
			    "url"));
		} else if (!strcmp(n, "description")) {
			capture(x, F_ALT_DESC, attr_is(attrs, nb_attrs,
			    "type", "html") ? TEXT_HTML : TEXT_PLAIN,
			    CAP_TEXT);
			x->cap.rank = 2;
			return;
		}
		break;
	case NS_ITUNES:
		if (!strcmp(n, "duration")) {
			capture(x, F_DURATION, TEXT_PLAIN, CAP_TEXT);
			return;
		} else if (!strcmp(n, "summary")) {
			capture(x, F_ALT_DESC, TEXT_PLAIN, CAP_TEXT);
			x->cap.rank = 1;
			return;
		} else if (!strcmp(n, "author")) {
			capture(x, F_AUTHOR_NAME, TEXT_PLAIN, CAP_TEXT);
			return;
		} else if (!strcmp(n, "image")) {
			keep_first(&xi->itunes_image, href_attr(x, attrs,
			    nb_attrs, "href"));
		}
		break;
	default:
		break;
	}
	x->skip = x->depth;
}

static void
feed_child(struct xml_sax *x, enum ns ns, const char *n,
    const xmlChar **attrs, int nb_attrs)
{
	enum text_kind kind;
	enum cap_mode mode;

	if (x->rss && core(x, ns)) {
		if (!strcmp(n, "channel"))
			return;
		if (!strcmp(n, "item"))
			start_item(x, attrs, nb_attrs);
		else if (!strcmp(n, "title"))
			capture(x, F_FEED_TITLE, TEXT_GUESS, CAP_TEXT);
		else if (!strcmp(n, "link"))
			capture(x, F_FEED_LINK, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "description"))
			capture(x, F_FEED_DESC, TEXT_HTML, CAP_HTML);
		else if (!strcmp(n, "language"))
			capture(x, F_FEED_LANG, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "ttl"))
			capture(x, F_FEED_TTL, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "managingEditor"))
			capture(x, F_FEED_AUTHOR_RSS, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "image"))
			x->image = x->depth;
		else
			x->skip = x->depth;
		return;
	}
	if (is_atom(ns) || (!x->rss && core(x, ns))) {
		if (!strcmp(n, "entry") && !x->rss)
			start_item(x, attrs, nb_attrs);
		else if (!strcmp(n, "link"))
			atom_link(x, attrs, nb_attrs);
		else if (x->rss)
			x->skip = x->depth;
		else if (!strcmp(n, "title") || !strcmp(n, "subtitle") ||
		    !strcmp(n, "tagline")) {
			if (!atom_text_kind(attrs, nb_attrs, &kind, &mode)) {
				x->skip = x->depth;
				return;
			}
			capture(x, n[0] == 't' && n[1] == 'i' ? F_FEED_TITLE :
			    F_FEED_DESC, kind, mode);
			x->cap.wrapper_open = mode == CAP_XHTML;
		} else if (!strcmp(n, "icon"))
			capture(x, F_FEED_ICON, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "logo"))
			capture(x, F_FEED_LOGO, TEXT_PLAIN, CAP_TEXT);
		else if (!strcmp(n, "author"))
			start_person(x, true);
		else
			x->skip = x->depth;
		return;
	}
	if (ns == NS_DC && !strcmp(n, "creator"))
		capture(x, F_FEED_AUTHOR_NAME, TEXT_PLAIN, CAP_TEXT);
	else if (ns == NS_DC && !strcmp(n, "language"))
		capture(x, F_FEED_LANG, TEXT_PLAIN, CAP_TEXT);
	else if (ns == NS_DC && !strcmp(n, "title"))
		capture(x, F_FEED_TITLE, TEXT_GUESS, CAP_TEXT);
	else if (ns == NS_ITUNES && !strcmp(n, "author"))
		capture(x, F_FEED_AUTHOR_NAME, TEXT_PLAIN, CAP_TEXT);
	else if (ns == NS_ITUNES && !strcmp(n, "summary"))
		capture(x, F_FEED_DESC, TEXT_PLAIN, CAP_TEXT);
	else if (ns == NS_ITUNES && !strcmp(n, "image")) {
		keep_first(&x->itunes_icon, href_attr(x, attrs, nb_attrs,
		    "href"));
		x->skip = x->depth;
	} else
		x->skip = x->depth;
}

static void
on_start(void *ctx, const xmlChar *ln, const xmlChar *pf, const xmlChar *uri,
    int nb_ns, const xmlChar **nss, int nb_attrs, int nb_defaulted,
    const xmlChar **attrs)
{
	struct xml_sax *x = ctx;
	const char *name = (const char *)ln;
	struct frame *f;
	enum ns ns;
	char *b;

	UNUSED(nb_defaulted);
	if (x->stopped)
		return;
	if (x->depth >= FEED_MAX_DEPTH) {
		x->overdeep++;
		return;
	}
	ns = classify((const char *)uri, (const char *)pf, &name);
	f = &x->stack[x->depth++];
	f->name = name;
	f->base = x->depth > 1 ? x->stack[x->depth - 2].base : NULL;
	f->own_base = false;
	if ((b = attr_value(attrs, nb_attrs, "base", NS_XML)) != NULL) {
		char *r = feed_resolve(base_at(x, x->depth - 1), b);

		free(b);
		if (r != NULL) {
			f->base = r;
			f->own_base = true;
		}
	}
	if (x->depth == 1) {
		root(x, ns, name, nb_ns, nss, attrs, nb_attrs);
		return;
	}
	if (x->skip != 0)
		return;
	if (x->cap.field != F_NONE) {
		if (x->cap.mode != CAP_TEXT)
			serialise_start(x, name, ns, attrs, nb_attrs);
		return;
	}
	if (x->person != 0) {
		if (core(x, ns) || is_atom(ns)) {
			if (!strcmp(name, "name"))
				capture(x, F_PERSON_NAME, TEXT_PLAIN,
				    CAP_TEXT);
			else if (!strcmp(name, "uri") || !strcmp(name, "url"))
				capture(x, F_PERSON_URI, TEXT_PLAIN,
				    CAP_TEXT);
			else if (!strcmp(name, "email"))
				capture(x, F_PERSON_EMAIL, TEXT_PLAIN,
				    CAP_TEXT);
			else
				x->skip = x->depth;
		} else {
			x->skip = x->depth;
		}
		return;
	}
	if (x->item != NULL) {
		item_child(x, ns, name, attrs, nb_attrs);
		return;
	}
	if (x->image != 0) {
		if (core(x, ns) && !strcmp(name, "url"))
			capture(x, F_IMAGE_URL, TEXT_PLAIN, CAP_TEXT);
		else
			x->skip = x->depth;
		return;
	}
	feed_child(x, ns, name, attrs, nb_attrs);
}

/* ---- the end of an element ---- */

static char *
text_dup(struct xml_sax *x)
{
	char *s = strndup(x->text.p ? x->text.p : "", x->text.len);

	if (s == NULL)
		fail_nomem(x);
	return s;
}

static char *
text_trimmed(struct xml_sax *x)
{
	struct str t = str_trim((struct str){ x->text.p, x->text.len });
	char *s;

	if (t.n == 0)
		return NULL;
	if ((s = str_dup(t)) == NULL)
		fail_nomem(x);
	return s;
}

static char *
text_plain(struct xml_sax *x, bool one_line)
{
	int rc;
	char *s;

	s = feed_plain(x->text.p, x->text.len, x->cap.kind, one_line, &rc);
	if (rc != 0) {
		feed_fail(x->p, rc, "converting text failed");
		stop(x);
	}
	return s;
}

static void
keep_body(struct xml_sax *x, struct body *b)
{
	const char *base;

	if (b->text != NULL || str_trim((struct str){ x->text.p,
	    x->text.len }).n == 0)
		return;
	b->text = text_dup(x);
	b->len = x->text.len;
	b->kind = x->cap.kind;
	base = base_at(x, x->depth);
	b->base = base ? strdup(base) : NULL;
}

static bool
has_author(const struct person *a, size_t n, const char *name,
    const char *email)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (name != NULL && a[i].name != NULL &&
		    strcmp(a[i].name, name) == 0)
			return true;
		if (name == NULL && email != NULL && a[i].email != NULL &&
		    strcmp(a[i].email, email) == 0)
			return true;
	}
	return false;
}

static void
add_author(struct xml_sax *x, bool of_feed, const char *name,
    const char *url, const char *email)
{
	struct feed *f = &x->p->feed;
	int rc;

	if (name == NULL && url == NULL && email == NULL)
		return;
	if (of_feed) {
		if (has_author(f->authors, f->n_authors, name, email))
			return;
		rc = feed_add_author(f, name, url, email);
	} else {
		struct item *it = &x->item->it;

		if (has_author(it->authors, it->n_authors, name, email))
			return;
		rc = item_add_author(it, name, url, email);
	}
	if (rc != 0)
		fail_nomem(x);
}

static void
rss_author(struct xml_sax *x, bool of_feed)
{
	char *name, *email, *t = text_trimmed(x);

	if (t == NULL)
		return;
	if (feed_split_author(t, &name, &email) != 0)
		fail_nomem(x);
	else
		add_author(x, of_feed, name, NULL, email);
	free(name);
	free(email);
	free(t);
}

static void
set_date(struct xml_sax *x, bool modified)
{
	struct xitem *xi = x->item;
	int *rank = modified ? &xi->mod_rank : &xi->pub_rank;
	int64_t t;
	char *s;

	if (x->cap.rank >= *rank || (s = text_trimmed(x)) == NULL)
		return;
	if (feed_date_parse(s, &t) == 0) {
		*rank = x->cap.rank;
		if (modified) {
			xi->it.has_modified = true;
			xi->it.date_modified = t;
		} else {
			xi->it.has_published = true;
			xi->it.date_published = t;
		}
	}
	free(s);
}

static void
end_capture(struct xml_sax *x)
{
	struct feed *f = &x->p->feed;
	struct xitem *xi = x->item;
	const char *base = base_at(x, x->depth);
	char *s;
	int64_t v;

	switch (x->cap.field) {
	case F_FEED_TITLE:
		if (f->title == NULL)
			f->title = text_plain(x, true);
		break;
	case F_FEED_LINK:
		if (f->home_page_url == NULL && (s = text_trimmed(x))) {
			f->home_page_url = feed_web_url(feed_resolve(base, s));
			if (x->site == NULL && f->home_page_url != NULL)
				x->site = strdup(f->home_page_url);
			free(s);
		}
		break;
	case F_FEED_DESC:
		if (f->description == NULL)
			f->description = text_plain(x, false);
		break;
	case F_FEED_LANG:
		if (f->language == NULL)
			f->language = text_trimmed(x);
		break;
	case F_FEED_TTL:
		if (str_to_i64((struct str){ x->text.p, x->text.len }, 0,
		    525600, &v) == 0)
			f->ttl_minutes = (int)v;
		break;
	case F_FEED_AUTHOR_RSS:
		rss_author(x, true);
		break;
	case F_FEED_AUTHOR_NAME:
		if ((s = text_plain(x, true)) != NULL)
			add_author(x, true, s, NULL, NULL);
		free(s);
		break;
	case F_FEED_LOGO:
	case F_FEED_ICON:
	case F_IMAGE_URL:
		if ((s = text_trimmed(x)) != NULL) {
			keep_first(x->cap.field == F_FEED_LOGO ? &x->logo :
			    x->cap.field == F_FEED_ICON ? &f->favicon :
			    &x->rss_image, feed_resolve(base, s));
			free(s);
		}
		break;
	case F_PERSON_NAME:
		keep_first(&x->cur_person.name, text_plain(x, true));
		break;
	case F_PERSON_URI:
		if ((s = text_trimmed(x)) != NULL) {
			keep_first(&x->cur_person.url, feed_resolve(base, s));
			free(s);
		}
		break;
	case F_PERSON_EMAIL:
		keep_first(&x->cur_person.email, text_trimmed(x));
		break;
	case F_TITLE:
		if (xi->it.title == NULL)
			xi->it.title = text_plain(x, true);
		break;
	case F_LINK:
		if (xi->it.url == NULL && (s = text_trimmed(x)) != NULL) {
			xi->it.url = feed_resolve(base, s);
			xi->link_is_html = true;
			free(s);
		}
		break;
	case F_GUID:
		if (xi->guid == NULL && (xi->guid = text_trimmed(x)) &&
		    x->cap.flag)
			xi->guid_url = feed_resolve(base, xi->guid);
		break;
	case F_ID:
		keep_first(&xi->atom_id, text_trimmed(x));
		break;
	case F_DESC:
		keep_body(x, &xi->desc);
		break;
	case F_CONTENT:
		keep_body(x, &xi->content);
		break;
	case F_ALT_DESC:
		keep_body(x, &xi->alt_desc);
		break;
	case F_DATE_PUB:
		set_date(x, false);
		break;
	case F_DATE_MOD:
		set_date(x, true);
		break;
	case F_AUTHOR_RSS:
		rss_author(x, false);
		break;
	case F_AUTHOR_NAME:
		if ((s = text_plain(x, true)) != NULL)
			add_author(x, false, s, NULL, NULL);
		free(s);
		break;
	case F_CATEGORY:
		if ((s = text_plain(x, true)) != NULL) {
			size_t i;

			for (i = 0; i < xi->it.n_tags; i++)
				if (strcmp(xi->it.tags[i], s) == 0)
					break;
			if (i == xi->it.n_tags && item_add_tag(&xi->it, s))
				fail_nomem(x);
		}
		free(s);
		break;
	case F_DURATION:
		if ((s = text_trimmed(x)) != NULL)
			xi->duration = parse_duration(s);
		free(s);
		break;
	case F_ITEM_LANG:
		if (xi->it.language == NULL)
			xi->it.language = text_trimmed(x);
		break;
	case F_NONE:
		break;
	}
	memset(&x->cap, 0, sizeof(x->cap));
}

static bool
is_http(const char *u)
{
	return u != NULL && (strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0);
}

/* Bodies become content_html/content_text; a plain text body has no
 * HTML form. */
static int
make_body(const struct body *b, char **html, char **text)
{
	int rc = 0;

	*html = *text = NULL;
	if (b->kind == TEXT_PLAIN)
		*text = feed_plain(b->text, b->len, TEXT_PLAIN, false, &rc);
	else
		rc = feed_body(b->text, b->len, b->base, html, text);
	return rc;
}

static void
end_item(struct xml_sax *x)
{
	struct xitem *xi = x->item;
	struct item *it = &xi->it, *out;
	struct body *body, *desc;
	int rc = 0;

	x->item = NULL;
	x->item_depth = 0;
	it->id = xi->guid ? xi->guid : xi->atom_id ? xi->atom_id : xi->about;
	if (it->id == xi->guid)
		xi->guid = NULL;
	else if (it->id == xi->atom_id)
		xi->atom_id = NULL;
	else
		xi->about = NULL;
	if (it->url == NULL && is_http(xi->guid_url)) {
		it->url = xi->guid_url;
		xi->guid_url = NULL;
	}
	/* The fullest body; the description is a summary only beside it. */
	body = xi->content.text ? &xi->content : xi->desc.text ? &xi->desc :
	    xi->alt_desc.text ? &xi->alt_desc : NULL;
	desc = body == &xi->content ? (xi->desc.text ? &xi->desc :
	    xi->alt_desc.text ? &xi->alt_desc : NULL) : NULL;
	if (body != NULL)
		rc = make_body(body, &it->content_html, &it->content_text);
	if (rc == 0 && desc != NULL)
		it->summary = feed_plain(desc->text, desc->len, desc->kind,
		    false, &rc);
	if (rc != 0) {
		feed_fail(x->p, rc, "sanitising an item failed");
		stop(x);
		xitem_free(xi);
		return;
	}
	it->image = xi->thumb ? xi->thumb : xi->itunes_image ?
	    xi->itunes_image : xi->media_image ? xi->media_image :
	    xi->enclosure_image;
	if (it->image == xi->thumb)
		xi->thumb = NULL;
	else if (it->image == xi->itunes_image)
		xi->itunes_image = NULL;
	else if (it->image == xi->media_image)
		xi->media_image = NULL;
	else
		xi->enclosure_image = NULL;
	if (xi->duration >= 0 && it->n_attachments > 0 &&
	    it->attachments[0].duration_in_seconds < 0)
		it->attachments[0].duration_in_seconds = xi->duration;
	if ((out = malloc(sizeof(*out))) == NULL) {
		fail_nomem(x);
		xitem_free(xi);
		return;
	}
	*out = *it;
	item_init(it);
	xitem_free(xi);
	if (feed_emit(x->p, out) != 0)
		stop(x);
}

static void
end_person(struct xml_sax *x)
{
	struct person *pp = &x->cur_person;

	if (x->person_feed || x->item != NULL)
		add_author(x, x->person_feed, pp->name, pp->url, pp->email);
	person_release(pp);
	x->person = 0;
}

/* Close our innermost open element. */
static void
close_top(struct xml_sax *x)
{
	struct frame *f = &x->stack[x->depth - 1];

	if (x->cap.field != F_NONE) {
		if (x->depth == x->cap.depth)
			end_capture(x);
		else if (x->cap.mode != CAP_TEXT)
			serialise_end(x, f->name);
	} else if (x->skip == x->depth) {
		x->skip = 0;
	} else if (x->skip != 0) {
		/* inside a skipped subtree */
	} else if (x->person == x->depth) {
		end_person(x);
	} else if (x->item != NULL && x->item_depth == x->depth) {
		end_item(x);
	} else if (x->image == x->depth) {
		x->image = 0;
	}
	x->depth--;
	if (f->own_base)
		free(f->base);
	f->base = NULL;
	f->own_base = false;
}

/*
 * An end tag. libxml2 always closes its innermost element, even when the
 * end tag names an outer one ("<title>One <b>bold</title>"), after which
 * its view is one level too deep for the rest of the feed. We follow the
 * end tag instead: close up to the element it names, and remember each
 * element closed early as a "phantom" that libxml2 will end later (with
 * the next end event at that depth), so that the two views stay in step
 * and the items after a mistake are kept.
 */
static void
on_end(void *ctx, const xmlChar *ln, const xmlChar *pf, const xmlChar *uri)
{
	struct xml_sax *x = ctx;
	bool consumed;
	size_t j, c, add;

	UNUSED(ln);
	UNUSED(pf);
	UNUSED(uri);
	if (x->stopped)
		return;
	if (x->overdeep > 0) {
		x->overdeep--;
		return;
	}
	if (x->depth == 0)
		return;
	consumed = x->nph > 0 && x->ph[x->nph - 1] == x->depth;
	if (consumed)
		x->nph--;
	if (x->mismatch[0] != '\0') {
		for (j = x->depth; j > 1; j--)
			if (strcmp(x->stack[j - 1].name, x->mismatch) == 0)
				break;
		x->mismatch[0] = '\0';
		if (j <= 1) {
			/* A stray end tag ("</em>" with no <em>): it ends
			 * nothing here. libxml2 ended its innermost element
			 * regardless; the next mismatch brings the views
			 * back in step. */
			return;
		}
		c = x->depth - j + 1;
		add = c - (consumed ? 0 : 1);
		while (c-- > 0 && !x->stopped)
			close_top(x);
		while (add-- > 0 && x->nph < ARRAY_LEN(x->ph))
			x->ph[x->nph++] = x->depth;
		return;
	}
	if (!consumed)
		close_top(x);
}

static void
on_chars(void *ctx, const xmlChar *s, int n)
{
	struct xml_sax *x = ctx;

	if (x->cap.field == F_NONE || x->stopped || x->overdeep > 0 || n <= 0)
		return;
	if (x->cap.mode == CAP_XHTML)
		put_escaped(x, (const char *)s, (size_t)n, false);
	else
		put(x, (const char *)s, (size_t)n);
}

static void
cut_short(struct xml_sax *x)
{
	/* Streamed, the line is where libxml2 stopped, at the last '>'; a
	 * document pushed whole was read past its trailing line breaks. */
	feed_bozo(x->p, "line %d: the input ends inside <%s>; it was cut "
	    "short", xmlSAX2GetLineNumber(x->ctxt) - (x->ending ?
	    x->trail_lines : 0), x->stack[x->depth - 1].name);
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct xml_sax *x = ctx;
	char msg[200];
	size_t n;

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	/* A document pushed whole meets its end inside this call: what
	 * truncation looks like goes first, as xml_sax_push says it when
	 * the document is streamed. */
	if (x->ending && x->depth > 0 && x->ctxt->input != NULL &&
	    x->ctxt->input->cur >= x->ctxt->input->end)
		cut_short(x);
	if (e->code == XML_ERR_TAG_NAME_MISMATCH && e->str2 != NULL) {
		const char *t = strchr(e->str2, ':');

		snprintf(x->mismatch, sizeof(x->mismatch), "%s",
		    t ? t + 1 : e->str2);
	}
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	feed_bozo(x->p, "line %d: %s", e->line, msg);
}

struct xml_sax *
xml_sax_new(struct feed_parser *p)
{
	struct xml_sax *x = calloc(1, sizeof(*x));

	if (x == NULL)
		return NULL;
	x->p = p;
	buf_init(&x->text, FEED_MAX_FIELD_BYTES);
	buf_init(&x->held, XML_WHOLE_BYTES);
	/* Only the callbacks we need: without entityDecl, internalSubset,
	 * externalSubset and resolveEntity nothing from a DTD is stored,
	 * loaded or expanded. */
	x->sax.initialized = XML_SAX2_MAGIC;
	x->sax.startElementNs = on_start;
	x->sax.endElementNs = on_end;
	x->sax.characters = on_chars;
	x->sax.cdataBlock = on_chars;
	x->sax.serror = on_error;
	x->ctxt = xmlCreatePushParserCtxt(&x->sax, x, NULL, 0, NULL);
	if (x->ctxt == NULL) {
		free(x);
		return NULL;
	}
	xmlCtxtUseOptions(x->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_IGNORE_ENC | XML_PARSE_NOWARNING);
	xmlSwitchEncoding(x->ctxt, XML_CHAR_ENCODING_UTF8);
	return x;
}

/* Push s[0..n) without ending the document. */
static void
push_steps(struct xml_sax *x, const char *s, size_t n)
{
	const size_t step = (size_t)1 << 20;

	/* xmlParseChunk takes an int length. */
	while (!x->stopped && n > step) {
		xmlParseChunk(x->ctxt, s, (int)step, 0);
		s += step;
		n -= step;
	}
	if (!x->stopped)
		xmlParseChunk(x->ctxt, s, (int)n, 0);
}

/* Whether a held document ends with the end tag of the element it starts
 * with, and white space (every whole document does); *lines counts the
 * line breaks in that space. The first element's name is the first '<'
 * and letter: a comment before it can only make this answer no. */
static bool
ends_with_root(const struct buf *b, int *lines)
{
	const char *p = b->p, *end = b->p + b->len, *name = NULL;
	size_t i = b->len, n = 0;

	*lines = 0;
	while (i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\t' ||
	    p[i - 1] == '\r' || p[i - 1] == '\n'))
		*lines += p[--i] == '\n';
	for (const char *q = p; q + 1 < end && name == NULL; q++)
		if (*q == '<' && ((q[1] >= 'a' && q[1] <= 'z') ||
		    (q[1] >= 'A' && q[1] <= 'Z')))
			name = q + 1;
	if (name == NULL)
		return false;
	while (name + n < end && name[n] != '>' && name[n] != '/' &&
	    name[n] != ' ' && name[n] != '\t' && name[n] != '\r' &&
	    name[n] != '\n')
		n++;
	return i >= n + 3 && p[i - 1] == '>' && p[i - n - 3] == '<' &&
	    p[i - n - 2] == '/' && memcmp(p + i - n - 1, name, n) == 0;
}

void
xml_sax_stream(struct xml_sax *x)
{
	if (x->streaming)
		return;
	x->streaming = true;
	push_steps(x, x->held.p, x->held.len);
	buf_release(&x->held);
}

/* Pushed without its end, libxml2 checks at every reference that the ';'
 * has arrived, and at other places that enough input has: 75 M
 * instructions of an ingest of 5,000 articles. A document of up to
 * XML_WHOLE_BYTES that ends with its root's end tag is therefore held
 * and pushed once, ended. A bigger one is streamed as it comes (peak
 * memory stays bounded), and so is one that ends elsewhere (cut short):
 * its truncation is described from where streaming stops, before
 * libxml2's own words, as it always was. */
int
xml_sax_push(struct xml_sax *x, const char *s, size_t n, bool final)
{
	if (!x->streaming && !x->stopped) {
		if (x->held.len + n <= XML_WHOLE_BYTES) {
			if (buf_append(&x->held, s, n) != 0) {
				fail_nomem(x);
				return x->p->rc;
			}
			if (!final)
				return x->p->rc;
			if (ends_with_root(&x->held, &x->trail_lines)) {
				x->streaming = x->ending = true;
				xmlParseChunk(x->ctxt, x->held.p,
				    (int)x->held.len, 1);
				x->ending = false;
				if (!x->stopped && x->depth > 0)
					cut_short(x);
				buf_release(&x->held);
				return x->p->rc;
			}
			/* s is held already: only the end is left. */
			s = "";
			n = 0;
		}
		xml_sax_stream(x);
	}
	push_steps(x, s, n);
	if (final && !x->stopped) {
		/* Say what truncation looks like before libxml2 reports it
		 * in its own words. */
		if (x->depth > 0)
			cut_short(x);
		xmlParseChunk(x->ctxt, NULL, 0, 1);
	}
	return x->p->rc;
}

int
xml_sax_finish(struct xml_sax *x)
{
	struct feed *f = &x->p->feed;

	/* A truncated feed: close what is open so that the item being read
	 * is kept as far as it got. */
	while (!x->stopped && x->p->rc == 0 && x->depth > 0) {
		if (x->depth > 1)
			feed_bozo(x->p, "the input ends inside an element");
		close_top(x);
	}
	if (x->p->rc != 0)
		return x->p->rc;
	if (f->icon == NULL) {
		f->icon = x->logo ? x->logo : x->itunes_icon ? x->itunes_icon :
		    x->rss_image;
		if (f->icon == x->logo)
			x->logo = NULL;
		else if (f->icon == x->itunes_icon)
			x->itunes_icon = NULL;
		else
			x->rss_image = NULL;
	}
	if (f->language == NULL) {
		f->language = x->root_lang;
		x->root_lang = NULL;
	}
	return 0;
}

bool
xml_sax_recognised(const struct xml_sax *x)
{
	return x->root_seen && !x->p->notfeed;
}

void
xml_sax_free(struct xml_sax *x)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < x->depth; i++)
		if (x->stack[i].own_base)
			free(x->stack[i].base);
	xitem_free(x->item);
	person_release(&x->cur_person);
	buf_release(&x->text);
	buf_release(&x->held);
	free(x->site);
	free(x->root_lang);
	free(x->logo);
	free(x->itunes_icon);
	free(x->rss_image);
	if (x->ctxt != NULL) {
		/* libxml2 makes a document to hold a DTD's declarations
		 * even for a SAX parse; it is ours to free. */
		if (x->ctxt->myDoc != NULL)
			xmlFreeDoc(x->ctxt->myDoc);
		x->ctxt->myDoc = NULL;
		xmlFreeParserCtxt(x->ctxt);
	}
	free(x);
}

void
feed_library_init(void)
{
	xmlInitParser();
}
