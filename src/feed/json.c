/*
 * feed/json.c: JSON Feed 1.0 and 1.1.
 *
 * The document is read whole (it is capped by FEED_MAX_JSON_BYTES) and
 * mapped field by field; the model already uses JSON Feed's names, so the
 * work is in checking types (a field of the wrong type counts as absent
 * and makes the feed bozo), accepting 1.0's single "author" beside 1.1's
 * "authors", and treating the HTML like any other format's: sanitised,
 * with relative URLs resolved against the feed's URL.
 */
#include "base/common.h"

#include <stdio.h>

#include <jansson.h>

#include "feed/feed_int.h"

#define JSONFEED_VERSION_PREFIX "https://jsonfeed.org/version/"

static char *
get_str(struct feed_parser *p, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		feed_bozo(p, "\"%s\" is not a string", key);
		return NULL;
	}
	return strdup(json_string_value(v));
}

static char *
get_url(struct feed_parser *p, json_t *o, const char *key, const char *base)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		feed_bozo(p, "\"%s\" is not a string", key);
		return NULL;
	}
	return feed_resolve(base, json_string_value(v));
}

static char *
get_line(struct feed_parser *p, json_t *o, const char *key)
{
	char *s = get_str(p, o, key);

	if (s != NULL) {
		feed_squash(s);
		if (*s == '\0')
			FREE_NULL(s);
	}
	return s;
}

static int64_t
get_count(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	double d;

	if (json_is_integer(v))
		return json_integer_value(v) >= 0 ? json_integer_value(v) : -1;
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (d >= 0 && d < 9e15)
			return (int64_t)d;
	}
	return -1;
}

static bool
get_date(json_t *o, const char *key, int64_t *out)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) &&
	    feed_date_parse(json_string_value(v), out) == 0;
}

typedef int (*add_author_fn)(void *obj, const char *name, const char *url,
    const char *email);

static int
add_item_author(void *obj, const char *name, const char *url,
    const char *email)
{
	return item_add_author(obj, name, url, email);
}

static int
add_feed_author(void *obj, const char *name, const char *url,
    const char *email)
{
	return feed_add_author(obj, name, url, email);
}

static int
authors(struct feed_parser *p, json_t *o, const char *base, void *obj,
    add_author_fn add)
{
	json_t *list = json_object_get(o, "authors"), *a;
	json_t *one = json_object_get(o, "author");
	size_t i, n;
	int rc = 0;

	n = json_is_array(list) ? json_array_size(list) : 0;
	/* 1.1 says "authors"; 1.0's "author" counts only without it. */
	for (i = 0; i < n + (n == 0 && json_is_object(one)); i++) {
		char *name, *url;

		a = n > 0 ? json_array_get(list, i) : one;
		if (!json_is_object(a))
			continue;
		name = get_line(p, a, "name");
		url = get_url(p, a, "url", base);
		if (name != NULL || url != NULL)
			rc = add(obj, name, url, NULL);
		free(name);
		free(url);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
item_from_json(struct feed_parser *p, json_t *o, const char *base)
{
	struct item *it;
	json_t *v, *tags, *atts;
	char *html = NULL, *text = NULL;
	size_t i;
	int rc = 0;

	if ((it = calloc(1, sizeof(*it))) == NULL)
		return feed_fail(p, ERR_NOMEM, "out of memory");
	item_init(it);
	v = json_object_get(o, "id");
	if (json_is_string(v))
		it->id = strdup(json_string_value(v));
	else if (json_is_integer(v) && asprintf(&it->id, "%lld",
	    (long long)json_integer_value(v)) < 0)
		it->id = NULL;
	it->url = get_url(p, o, "url", base);
	it->external_url = get_url(p, o, "external_url", base);
	it->title = get_line(p, o, "title");
	it->image = get_url(p, o, "image", base);
	it->language = get_line(p, o, "language");
	v = json_object_get(o, "content_html");
	if (json_is_string(v) && json_string_length(v) > 0) {
		rc = feed_body(json_string_value(v), json_string_length(v),
		    base, &it->content_html, &text);
		if (rc != 0)
			goto out;
	}
	html = get_str(p, o, "content_text");
	if (html != NULL && *html != '\0') {
		/* The feed's own text beats one derived from its HTML. */
		free(text);
		text = html;
		html = NULL;
	}
	it->content_text = text;
	text = NULL;
	it->summary = get_str(p, o, "summary");
	it->has_published = get_date(o, "date_published",
	    &it->date_published);
	it->has_modified = get_date(o, "date_modified", &it->date_modified);
	if ((rc = authors(p, o, base, it, add_item_author)) != 0)
		goto out;
	tags = json_object_get(o, "tags");
	for (i = 0; json_is_array(tags) && i < json_array_size(tags); i++) {
		v = json_array_get(tags, i);
		if (json_is_string(v) && json_string_length(v) > 0 &&
		    (rc = item_add_tag(it, json_string_value(v))) != 0)
			goto out;
	}
	atts = json_object_get(o, "attachments");
	for (i = 0; json_is_array(atts) && i < json_array_size(atts); i++) {
		struct attachment a;

		v = json_array_get(atts, i);
		if (!json_is_object(v))
			continue;
		memset(&a, 0, sizeof(a));
		a.url = get_url(p, v, "url", base);
		a.mime_type = get_str(p, v, "mime_type");
		a.title = get_line(p, v, "title");
		a.size_in_bytes = get_count(v, "size_in_bytes");
		a.duration_in_seconds = get_count(v, "duration_in_seconds");
		if (a.url != NULL)
			rc = item_add_attachment(it, &a);
		attachment_release(&a);
		if (rc != 0)
			goto out;
	}
out:
	free(html);
	free(text);
	if (rc != 0) {
		item_free(it);
		return feed_fail(p, rc, "reading a JSON Feed item failed");
	}
	return feed_emit(p, it);
}

int
json_feed_parse(struct feed_parser *p, const char *s, size_t n)
{
	struct feed *f = &p->feed;
	json_error_t je;
	json_t *root, *items, *v;
	const char *base;
	size_t i;
	int rc = 0;

	root = json_loadb(s, n, 0, &je);
	if (root == NULL)
		return feed_fail(p, ERR_PARSE, "invalid JSON: %s (line %d, "
		    "column %d)", je.text, je.line, je.column);
	items = json_object_get(root, "items");
	v = json_object_get(root, "version");
	if (!json_is_object(root) || (!json_is_string(v) &&
	    !json_is_array(items))) {
		json_decref(root);
		p->notfeed = true;
		return feed_fail(p, ERR_NOTFEED, "this is JSON but not a JSON "
		    "Feed (no \"version\": \"" JSONFEED_VERSION_PREFIX
		    "1.1\")");
	}
	if (!json_is_string(v) || strncmp(json_string_value(v),
	    JSONFEED_VERSION_PREFIX, strlen(JSONFEED_VERSION_PREFIX)) != 0)
		feed_bozo(p, "the JSON Feed version is missing or unknown");
	f->format = FEED_FORMAT_JSONFEED;
	f->feed_url = get_url(p, root, "feed_url", p->opts.base_url);
	base = p->opts.base_url ? p->opts.base_url : f->feed_url;
	f->home_page_url = feed_web_url(get_url(p, root, "home_page_url",
	    base));
	if (base == NULL)
		base = f->home_page_url;
	f->title = get_line(p, root, "title");
	f->description = get_str(p, root, "description");
	f->icon = get_url(p, root, "icon", base);
	f->favicon = get_url(p, root, "favicon", base);
	f->language = get_line(p, root, "language");
	if ((rc = authors(p, root, base, f, add_feed_author)) != 0)
		rc = feed_fail(p, rc, "out of memory");
	if (!json_is_array(items))
		feed_bozo(p, "the JSON Feed has no \"items\" array");
	for (i = 0; rc == 0 && json_is_array(items) &&
	    i < json_array_size(items); i++) {
		v = json_array_get(items, i);
		if (!json_is_object(v)) {
			feed_bozo(p, "item %zu is not an object", i);
			continue;
		}
		rc = item_from_json(p, v, base);
	}
	json_decref(root);
	return rc;
}
