/*
 * extract/meta.c: what a page says about itself.
 *
 * One walk over the whole tree collects candidates for each field from
 * JSON-LD (Article types, @graph, arrays of types), OpenGraph, Twitter
 * cards, plain <meta> names, <link rel=canonical>, rel=author and rel=tag
 * links, <time datetime>, itemprop microdata and <html lang>. Each source
 * has a priority per field and the best one wins, so the order of tags in
 * the page does not matter. Bad JSON-LD is skipped block by block; the
 * publisher object is never read, so it cannot become the author.
 */
#include "base/common.h"

#include <ctype.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "base/utf8.h"
#include "extract/extract_int.h"
#include "html/html.h"

/* Nesting of JSON-LD objects we look into (@graph, mainEntity, arrays). */
#define EXTRACT_JSONLD_DEPTH 6
/* Longest JSON-LD block parsed. */
#define EXTRACT_JSONLD_MAX ((size_t)2 << 20)
/* Text of an element read for a field (author name, title). */
#define EXTRACT_META_TEXT 2048

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int
extract_put_collapsed(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, j, start = out->len;
	int rc = 0;

	while (i < n && rc == 0) {
		/* White space, U+00A0 included, separates words. */
		bool sp = false;
		while (i < n && (is_ws((unsigned char)s[i]) ||
		    ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xA0))) {
			i += (unsigned char)s[i] == 0xC2 ? 2 : 1;
			sp = true;
		}
		if (i >= n)
			break;
		for (j = i; j < n && !is_ws((unsigned char)s[j]) &&
		    !((unsigned char)s[j] == 0xC2 && j + 1 < n &&
		    (unsigned char)s[j + 1] == 0xA0); j++)
			;
		if (sp && out->len > start)
			rc = buf_putc(out, ' ');
		if (rc == 0)
			rc = buf_append(out, s + i, j - i);
		i = j;
	}
	return rc;
}

int
extract_meta_offer(struct extract_meta *m, int slot, int prio,
    const char *v, size_t n)
{
	struct buf b = BUF_INIT;
	char *s;

	if (v == NULL || (m->prio[slot] != 0 && m->prio[slot] <= prio))
		return 0;
	buf_init(&b, n * 3 + 8);
	if (slot == EM_BODY ? utf8_repair(&b, v, n) != 0 :
	    extract_put_collapsed(&b, v, n) != 0) {
		buf_release(&b);
		return ERR_NOMEM;
	}
	if (b.len == 0) {
		buf_release(&b);
		return 0;
	}
	if (slot != EM_BODY && b.len > EXTRACT_MAX_FIELD)
		buf_truncate(&b, utf8_cut(b.p, b.len, EXTRACT_MAX_FIELD));
	if ((s = buf_detach(&b)) == NULL)
		return ERR_NOMEM;
	free(m->v[slot]);
	m->v[slot] = s;
	m->prio[slot] = prio;
	return 0;
}

static int
offer(struct extract_meta *m, int slot, int prio, const char *v)
{
	return v ? extract_meta_offer(m, slot, prio, v, strlen(v)) : 0;
}

/* Add one tag (trimmed; duplicates by case ignored). */
static int
add_tag(struct extract_meta *m, const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	char **nt;
	size_t i;

	if (m->n_tags >= EXTRACT_MAX_TAGS)
		return 0;
	buf_init(&b, n + 8);
	if (extract_put_collapsed(&b, s, n) != 0) {
		buf_release(&b);
		return ERR_NOMEM;
	}
	if (b.len == 0 || b.len > 100 || b.p[0] == '#') {
		buf_release(&b);
		return 0;
	}
	for (i = 0; i < m->n_tags; i++) {
		if (strcasecmp(m->tags[i], b.p) == 0) {
			buf_release(&b);
			return 0;
		}
	}
	nt = realloc(m->tags, (m->n_tags + 1) * sizeof(*nt));
	if (nt == NULL) {
		buf_release(&b);
		return ERR_NOMEM;
	}
	m->tags = nt;
	if ((m->tags[m->n_tags] = buf_detach(&b)) == NULL)
		return ERR_NOMEM;
	m->n_tags++;
	return 0;
}

/* A comma-separated keyword list (";" too for <meta name=keywords>). */
static int
add_tag_list(struct extract_meta *m, const char *s)
{
	const char *p = s, *q;
	int rc = 0;

	while (s != NULL && *p && rc == 0) {
		for (q = p; *q && *q != ',' && *q != ';'; q++)
			;
		rc = add_tag(m, p, (size_t)(q - p));
		p = *q ? q + 1 : q;
	}
	return rc;
}

/* Dates */

static bool
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static int
month_of(const char *s)
{
	static const char *const m[] = { "jan", "feb", "mar", "apr", "may",
	    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	int i;

	for (i = 0; i < 12; i++)
		if (lower((unsigned char)s[0]) == m[i][0] &&
		    lower((unsigned char)s[1]) == m[i][1] &&
		    lower((unsigned char)s[2]) == m[i][2])
			return i + 1;
	return 0;
}

static bool
fmt_date(int y, int mo, int d, int h, int mi, int se, long off,
    char out[32])
{
	struct tm tm = { 0 };
	time_t t;

	if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59 || se > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se > 59 ? 59 : se;
	t = timegm(&tm) - off;
	if (gmtime_r(&t, &tm) == NULL)
		return false;
	return strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

/* A zone: Z, +hh:mm, +hhmm, +hh, or GMT/UTC; offset in seconds. */
static bool
parse_zone(const char *s, long *off)
{
	int h = 0, m = 0;

	*off = 0;
	while (*s == ' ')
		s++;
	if (*s == '\0' || *s == 'Z' || *s == 'z' || !strncmp(s, "GMT", 3) ||
	    !strncmp(s, "UTC", 3) || !strncmp(s, "UT", 2))
		return true;
	if (*s != '+' && *s != '-')
		return true; /* unknown zone names: taken as UTC */
	if (!digits(s + 1, 2, &h))
		return false;
	if (s[3] == ':')
		digits(s + 4, 2, &m);
	else
		digits(s + 3, 2, &m);
	*off = (long)(h * 3600 + m * 60) * (*s == '-' ? -1 : 1);
	return true;
}

bool
extract_date_norm(const char *s, char out[32])
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	long off = 0;
	const char *p;

	while (is_ws((unsigned char)*s))
		s++;
	if (digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &mo) &&
	    s[7] == '-' && digits(s + 8, 2, &d)) {
		p = s + 10;
		if ((*p == 'T' || *p == 't' || *p == ' ') &&
		    digits(p + 1, 2, &h) && p[3] == ':' &&
		    digits(p + 4, 2, &mi)) {
			p += 6;
			if (*p == ':' && digits(p + 1, 2, &se))
				p += 3;
			if (*p == '.' || *p == ',')
				for (p++; *p >= '0' && *p <= '9'; p++)
					;
			if (!parse_zone(p, &off))
				return false;
		}
		return fmt_date(y, mo, d, h, mi, se, off, out);
	}
	/* RFC 822: [Day, ] DD Mon YYYY HH:MM[:SS] zone */
	p = s;
	if (isalpha((unsigned char)*p)) {
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	if (!digits(p, 2, &d) && !digits(p, 1, &d))
		return false;
	p += d >= 10 || p[1] != ' ' ? (p[1] >= '0' && p[1] <= '9' ? 2 : 1) :
	    1;
	while (*p == ' ')
		p++;
	if (strlen(p) < 3 || (mo = month_of(p)) == 0)
		return false;
	while (isalpha((unsigned char)*p))
		p++;
	while (*p == ' ')
		p++;
	if (!digits(p, 4, &y))
		return false;
	p += 4;
	while (*p == ' ')
		p++;
	if (digits(p, 2, &h) && p[2] == ':' && digits(p + 3, 2, &mi)) {
		p += 5;
		if (*p == ':' && digits(p + 1, 2, &se))
			p += 3;
		if (!parse_zone(p, &off))
			return false;
	}
	return fmt_date(y, mo, d, h, mi, se, off, out);
}

static int
offer_date(struct extract_meta *m, int slot, int prio, const char *v)
{
	char d[32];

	if (v == NULL || !extract_date_norm(v, d))
		return 0;
	return offer(m, slot, prio, d);
}

/* JSON-LD */

static bool
is_article_type(const char *t)
{
	static const char *const types[] = {
		"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
		"LiveBlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle",
		"ReviewNewsArticle", "BackgroundNewsArticle", "TechArticle",
		"ScholarlyArticle", "Report", "SocialMediaPosting",
		"DiscussionForumPosting", "AskPublicMediaNewsArticle",
		"SatiricalArticle", "Blog", "Posting",
	};
	size_t i;

	if (!strncmp(t, "http://schema.org/", 18))
		t += 18;
	else if (!strncmp(t, "https://schema.org/", 19))
		t += 19;
	else if (!strncmp(t, "schema:", 7))
		t += 7;
	for (i = 0; i < ARRAY_LEN(types); i++)
		if (!strcmp(t, types[i]))
			return true;
	return false;
}

static bool
jsonld_is_article(json_t *o)
{
	json_t *t = json_object_get(o, "@type"), *v;
	size_t i;

	if (json_is_string(t))
		return is_article_type(json_string_value(t));
	json_array_foreach(t, i, v)
		if (json_is_string(v) && is_article_type(json_string_value(v)))
			return true;
	return false;
}

static bool
looks_like_url(const char *s)
{
	return !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) ||
	    s[0] == '/';
}

static int
jsonld_authors(json_t *a, struct buf *names)
{
	json_t *v, *one[1];
	size_t i, n;
	int rc = 0;

	if (json_is_array(a)) {
		n = json_array_size(a);
	} else {
		one[0] = a;
		n = 1;
	}
	for (i = 0; i < n && i < 16 && rc == 0; i++) {
		const char *s = NULL;
		v = json_is_array(a) ? json_array_get(a, i) : one[0];
		if (json_is_string(v))
			s = json_string_value(v);
		else if (json_is_object(v))
			s = json_string_value(json_object_get(v, "name"));
		if (s == NULL || *s == '\0' || looks_like_url(s))
			continue;
		if (names->len > 0 && strstr(names->p, s) != NULL)
			continue;
		if (names->len > 0)
			rc = buf_puts(names, ", ");
		if (rc == 0)
			rc = buf_puts(names, s);
	}
	return rc;
}

static const char *
jsonld_url_of(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_object(v)) {
		const char *s = json_string_value(json_object_get(v, "url"));
		if (s == NULL)
			s = json_string_value(json_object_get(v, "contentUrl"));
		if (s == NULL)
			s = json_string_value(json_object_get(v, "@id"));
		return s;
	}
	return NULL;
}

static int
jsonld_article(struct extract_meta *m, json_t *o)
{
	struct buf names = BUF_INIT;
	json_t *k, *v;
	const char *s;
	size_t i;
	int rc = 0;

	rc |= offer(m, EM_TITLE, 2, json_string_value(json_object_get(o,
	    "headline")));
	rc |= offer(m, EM_TITLE, 5, json_string_value(json_object_get(o,
	    "name")));
	rc |= offer_date(m, EM_PUB, 1, json_string_value(json_object_get(o,
	    "datePublished")));
	rc |= offer_date(m, EM_PUB, 3, json_string_value(json_object_get(o,
	    "dateCreated")));
	rc |= offer_date(m, EM_MOD, 1, json_string_value(json_object_get(o,
	    "dateModified")));
	rc |= offer(m, EM_IMAGE, 2, jsonld_url_of(json_object_get(o,
	    "image")));
	rc |= offer(m, EM_IMAGE, 3, jsonld_url_of(json_object_get(o,
	    "thumbnailUrl")));
	rc |= offer(m, EM_DESC, 3, json_string_value(json_object_get(o,
	    "description")));
	rc |= offer(m, EM_BODY, 1, json_string_value(json_object_get(o,
	    "articleBody")));
	rc |= offer(m, EM_URL, 3, json_string_value(json_object_get(o,
	    "url")));
	s = jsonld_url_of(json_object_get(o, "mainEntityOfPage"));
	if (s != NULL && looks_like_url(s))
		rc |= offer(m, EM_URL, 4, s);
	v = json_object_get(o, "inLanguage");
	if (json_is_object(v))
		v = json_object_get(v, "alternateName");
	rc |= offer(m, EM_LANG, 3, json_string_value(v));
	if (jsonld_authors(json_object_get(o, "author"), &names) != 0)
		rc = ERR_NOMEM;
	else if (names.len > 0)
		rc |= offer(m, EM_AUTHOR, 1, names.p);
	buf_release(&names);
	k = json_object_get(o, "keywords");
	if (json_is_string(k))
		rc |= add_tag_list(m, json_string_value(k));
	json_array_foreach(k, i, v)
		if (json_is_string(v))
			rc |= add_tag(m, json_string_value(v),
			    strlen(json_string_value(v)));
	return rc ? ERR_NOMEM : 0;
}

/* Find Article-typed objects in one parsed block: the block itself, its
 * array elements, @graph members, and a WebPage's mainEntity. */
static int
jsonld_walk(struct extract_meta *m, json_t *root, bool *found)
{
	json_t *stack[64];
	int depth[64], sp = 0, rc = 0;
	size_t i;
	json_t *v;

	stack[sp] = root;
	depth[sp++] = 0;
	while (sp > 0 && rc == 0) {
		json_t *o = stack[--sp];
		int d = depth[sp];

		if (d > EXTRACT_JSONLD_DEPTH)
			continue;
		if (json_is_array(o)) {
			for (i = json_array_size(o); i-- > 0 && sp < 64;) {
				stack[sp] = json_array_get(o, i);
				depth[sp++] = d + 1;
			}
			continue;
		}
		if (!json_is_object(o))
			continue;
		if (jsonld_is_article(o)) {
			/* The first article object is the page's. */
			if (!*found)
				rc = jsonld_article(m, o);
			*found = true;
			continue;
		}
		if ((v = json_object_get(o, "@graph")) != NULL && sp < 64) {
			stack[sp] = v;
			depth[sp++] = d + 1;
		}
		if ((v = json_object_get(o, "mainEntity")) != NULL && sp < 64) {
			stack[sp] = v;
			depth[sp++] = d + 1;
		}
	}
	return rc;
}

static int
jsonld_block(struct extract_meta *m, const char *s, size_t n, bool *found)
{
	json_error_t je;
	json_t *root;
	size_t a, b;
	int rc;

	/* Tolerate <!-- -->, CDATA wrappers and trailing semicolons. */
	for (a = 0; a < n && s[a] != '{' && s[a] != '['; a++)
		;
	for (b = n; b > a && s[b - 1] != '}' && s[b - 1] != ']'; b--)
		;
	if (b <= a || b - a > EXTRACT_JSONLD_MAX)
		return 0;
	root = json_loadb(s + a, b - a, 0, &je);
	if (root == NULL)
		return 0;
	rc = jsonld_walk(m, root, found);
	json_decref(root);
	return rc;
}

/* Tree helpers */

static int
on_jsonld(struct extract_meta *m, xmlNode *n, bool *found)
{
	struct buf js = BUF_INIT;
	xmlNode *c;
	int rc = 0;

	buf_init(&js, EXTRACT_JSONLD_MAX + 1);
	for (c = n->children; c && rc == 0; c = c->next)
		if (c->content)
			rc = buf_puts(&js, (const char *)c->content);
	/* An oversized block is skipped like a broken one. */
	if (rc == 0)
		rc = jsonld_block(m, buf_cstr(&js), js.len, found);
	else if (rc == ERR_TOOBIG)
		rc = 0;
	buf_release(&js);
	return rc;
}

/* ASCII case-insensitive test whether the space-separated list s holds
 * tok. */
static bool
has_token(const char *s, const char *tok)
{
	size_t tn = strlen(tok), i = 0, st;

	while (s[i]) {
		while (s[i] && is_ws((unsigned char)s[i]))
			i++;
		st = i;
		while (s[i] && !is_ws((unsigned char)s[i]))
			i++;
		if (i - st == tn && strncasecmp(s + st, tok, tn) == 0)
			return true;
	}
	return false;
}

static const char *
attr(xmlNode *n, const char *name, struct buf *tmp)
{
	xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			const xmlNode *c = a->children;
			xmlChar *v;
			if (c == NULL)
				return "";
			if (c->next == NULL && c->type == XML_TEXT_NODE &&
			    c->content)
				return (const char *)c->content;
			v = xmlNodeListGetString(n->doc, a->children, 1);
			buf_reset(tmp);
			if (v == NULL || buf_puts(tmp, (const char *)v) != 0) {
				xmlFree(v);
				return "";
			}
			xmlFree(v);
			return buf_cstr(tmp);
		}
	}
	return NULL;
}

static bool
name_is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	    !strcmp((const char *)n->name, name);
}

/* The text under n (iterative, capped), appended to out. */
static int
node_text(xmlNode *top, struct buf *out)
{
	xmlNode *n = top->children;
	int rc = 0;

	while (n != NULL && rc == 0 && out->len < EXTRACT_META_TEXT) {
		if (n->type == XML_TEXT_NODE && n->content) {
			rc = buf_puts(out, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && n->children &&
		    !name_is(n, "script") && !name_is(n, "style")) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == top)
				n = NULL;
		}
		if (n != NULL)
			n = n->next;
	}
	return rc;
}

/* A descendant with itemprop=name, else n itself. */
static xmlNode *
itemprop_name(xmlNode *top, struct buf *tmp)
{
	xmlNode *n = top->children;
	const char *v;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			v = attr(n, "itemprop", tmp);
			if (v && has_token(v, "name"))
				return n;
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == top)
				return top;
		}
		if (n != NULL)
			n = n->next;
	}
	return top;
}

struct meta_key {
	const char *key;
	int slot;
	int prio;
	int kind; /* 0 text, 1 date, 2 tags, 3 not a URL (author) */
};

/* <meta name|property|itemprop=KEY content=...>; lower-cased keys. */
static const struct meta_key meta_keys[] = {
	{ "og:title", EM_TITLE, 1, 0 },
	{ "twitter:title", EM_TITLE, 3, 0 },
	{ "headline", EM_TITLE, 4, 0 },
	{ "dc.title", EM_TITLE, 6, 0 },
	{ "author", EM_AUTHOR, 2, 3 },
	{ "article:author", EM_AUTHOR, 3, 3 },
	{ "dc.creator", EM_AUTHOR, 4, 3 },
	{ "sailthru.author", EM_AUTHOR, 5, 3 },
	{ "parsely-author", EM_AUTHOR, 5, 3 },
	{ "byl", EM_AUTHOR, 6, 3 },
	{ "article:published_time", EM_PUB, 2, 1 },
	{ "datepublished", EM_PUB, 3, 1 },
	{ "og:published_time", EM_PUB, 3, 1 },
	{ "article:published", EM_PUB, 3, 1 },
	{ "pubdate", EM_PUB, 4, 1 },
	{ "publishdate", EM_PUB, 4, 1 },
	{ "publish-date", EM_PUB, 4, 1 },
	{ "publish_date", EM_PUB, 4, 1 },
	{ "date", EM_PUB, 5, 1 },
	{ "dc.date", EM_PUB, 5, 1 },
	{ "dc.date.issued", EM_PUB, 4, 1 },
	{ "dcterms.created", EM_PUB, 5, 1 },
	{ "dcterms.issued", EM_PUB, 5, 1 },
	{ "sailthru.date", EM_PUB, 6, 1 },
	{ "parsely-pub-date", EM_PUB, 6, 1 },
	{ "article:modified_time", EM_MOD, 2, 1 },
	{ "datemodified", EM_MOD, 3, 1 },
	{ "og:updated_time", EM_MOD, 3, 1 },
	{ "article:modified", EM_MOD, 3, 1 },
	{ "last-modified", EM_MOD, 5, 1 },
	{ "dcterms.modified", EM_MOD, 5, 1 },
	{ "og:image", EM_IMAGE, 1, 0 },
	{ "og:image:url", EM_IMAGE, 1, 0 },
	{ "og:image:secure_url", EM_IMAGE, 1, 0 },
	{ "twitter:image", EM_IMAGE, 3, 0 },
	{ "twitter:image:src", EM_IMAGE, 3, 0 },
	{ "og:url", EM_URL, 2, 0 },
	{ "description", EM_DESC, 1, 0 },
	{ "og:description", EM_DESC, 2, 0 },
	{ "twitter:description", EM_DESC, 4, 0 },
	{ "content-language", EM_LANG, 2, 0 },
	{ "language", EM_LANG, 4, 0 },
	{ "dc.language", EM_LANG, 4, 0 },
	{ "og:locale", EM_LANG, 5, 0 },
	{ "keywords", -1, 0, 2 },
	{ "news_keywords", -1, 0, 2 },
	{ "article:tag", -1, 0, 2 },
	{ "sailthru.tags", -1, 0, 2 },
	{ "parsely-tags", -1, 0, 2 },
};

static int
on_meta(struct extract_meta *m, xmlNode *n)
{
	static const char *const keyattrs[] = { "property", "name",
	    "itemprop", "http-equiv" };
	struct buf tmp2 = BUF_INIT;
	const char *content, *key;
	char lk[64];
	size_t i, k;
	int rc = 0;

	content = attr(n, "content", &tmp2);
	if (content == NULL || *content == '\0') {
		buf_release(&tmp2);
		return 0;
	}
	for (k = 0; k < ARRAY_LEN(keyattrs) && rc == 0; k++) {
		if ((key = attr(n, keyattrs[k], &m->tmp)) == NULL)
			continue;
		for (i = 0; key[i] && i + 1 < sizeof(lk); i++)
			lk[i] = (char)lower((unsigned char)key[i]);
		lk[i] = '\0';
		for (i = 0; i < ARRAY_LEN(meta_keys); i++) {
			const struct meta_key *mk = &meta_keys[i];
			if (strcmp(lk, mk->key) != 0)
				continue;
			if (mk->kind == 2)
				rc = add_tag_list(m, content);
			else if (mk->kind == 1)
				rc = offer_date(m, mk->slot, mk->prio, content);
			else if (mk->kind == 3 && looks_like_url(content))
				;
			else if (mk->slot == EM_LANG && mk->prio == 5) {
				char loc[16];
				size_t j;
				for (j = 0; content[j] && j + 1 < sizeof(loc);
				    j++)
					loc[j] = content[j] == '_' ? '-' :
					    content[j];
				loc[j] = '\0';
				rc = offer(m, EM_LANG, mk->prio, loc);
			} else
				rc = offer(m, mk->slot, mk->prio, content);
			break;
		}
	}
	buf_release(&tmp2);
	return rc;
}

/* itemprop on an element other than <meta>. */
static int
on_itemprop(struct extract_meta *m, xmlNode *n, const char *ip,
    struct buf *txt)
{
	struct buf tmp2 = BUF_INIT;
	const char *v;
	int rc = 0;

	if (has_token(ip, "datePublished") ||
	    has_token(ip, "dateModified")) {
		int slot = has_token(ip, "datePublished") ? EM_PUB :
		    EM_MOD;
		v = attr(n, "datetime", &tmp2);
		if (v == NULL)
			v = attr(n, "content", &tmp2);
		rc = offer_date(m, slot, 3, v);
	} else if (has_token(ip, "author") ||
	    has_token(ip, "creator")) {
		v = attr(n, "content", &tmp2);
		buf_reset(txt);
		if (v == NULL && node_text(itemprop_name(n, &tmp2), txt) == 0)
			v = buf_cstr(txt);
		if (v != NULL && !looks_like_url(v))
			rc = offer(m, EM_AUTHOR, 4, v);
	} else if (has_token(ip, "headline")) {
		buf_reset(txt);
		if (node_text(n, txt) == 0)
			rc = offer(m, EM_TITLE, 4, buf_cstr(txt));
	} else if (has_token(ip, "image")) {
		v = attr(n, "src", &tmp2);
		if (v == NULL)
			v = attr(n, "content", &tmp2);
		if (v == NULL)
			v = attr(n, "href", &tmp2);
		rc = offer(m, EM_IMAGE, 4, v);
	}
	buf_release(&tmp2);
	return rc;
}

int
extract_meta_collect(htmlDocPtr doc, struct extract_meta *m)
{
	struct buf txt = BUF_INIT, tmp2 = BUF_INIT;
	xmlNode *n = doc->children;
	bool found = false;
	const char *v;
	int rc = 0;

	buf_init(&txt, EXTRACT_META_TEXT * 4 + 64);
	while (n != NULL && rc == 0) {
		bool down = n->children != NULL;

		if (n->type == XML_ELEMENT_NODE && n->name) {
			const char *name = (const char *)n->name;

			if (!strcmp(name, "meta")) {
				rc = on_meta(m, n);
			} else if (!strcmp(name, "html")) {
				v = attr(n, "lang", &m->tmp);
				if (v == NULL)
					v = attr(n, "xml:lang", &m->tmp);
				rc = offer(m, EM_LANG, 1, v);
			} else if (!strcmp(name, "title") &&
			    m->v[EM_DOCTITLE] == NULL) {
				buf_reset(&txt);
				if (node_text(n, &txt) == 0)
					rc = offer(m, EM_DOCTITLE, 1,
					    buf_cstr(&txt));
				down = false;
			} else if (!strcmp(name, "link")) {
				v = attr(n, "rel", &m->tmp);
				if (v && has_token(v, "canonical"))
					rc = offer(m, EM_URL, 1, attr(n,
					    "href", &tmp2));
			} else if (!strcmp(name, "script")) {
				v = attr(n, "type", &m->tmp);
				if (v && strstr(v, "ld+json") && n->children)
					rc = on_jsonld(m, n, &found);
				down = false;
			} else if (!strcmp(name, "style")) {
				down = false;
			} else if (!strcmp(name, "a")) {
				v = attr(n, "rel", &m->tmp);
				if (v && has_token(v, "tag")) {
					buf_reset(&txt);
					if (node_text(n, &txt) == 0)
						rc = add_tag(m, txt.p ? txt.p :
						    "", txt.len);
				} else if (v && has_token(v,
				    "author")) {
					buf_reset(&txt);
					if (node_text(n, &txt) == 0)
						rc = offer(m, EM_AUTHOR, 6,
						    buf_cstr(&txt));
				}
			} else if (!strcmp(name, "time")) {
				v = attr(n, "datetime", &m->tmp);
				if (v && attr(n, "pubdate", &tmp2) != NULL)
					rc = offer_date(m, EM_PUB, 5, v);
				else if (v)
					rc = offer_date(m, EM_PUB, 8, v);
			}
			if (rc == 0 && strcmp(name, "meta") != 0 &&
			    (v = attr(n, "itemprop", &tmp2)) != NULL) {
				char *ip = strdup(v);
				rc = ip ? on_itemprop(m, n, ip, &txt) :
				    ERR_NOMEM;
				free(ip);
			}
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		if (n != NULL)
			n = n->next;
	}
	buf_release(&txt);
	buf_release(&tmp2);
	return rc ? ERR_NOMEM : 0;
}

void
extract_meta_release(struct extract_meta *m)
{
	size_t i;

	for (i = 0; i < EM_COUNT; i++)
		FREE_NULL(m->v[i]);
	for (i = 0; i < m->n_tags; i++)
		free(m->tags[i]);
	FREE_NULL(m->tags);
	m->n_tags = 0;
	buf_release(&m->tmp);
}
