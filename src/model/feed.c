/*
 * model/feed.c: life cycles of feeds, items and their parts.
 */
#include "base/common.h"

#include "base/err.h"
#include "model/feed.h"

static const char *const format_names[] = {
	[FEED_FORMAT_UNKNOWN] = "unknown",
	[FEED_FORMAT_RSS090] = "rss090",
	[FEED_FORMAT_RSS091] = "rss091",
	[FEED_FORMAT_RSS092] = "rss092",
	[FEED_FORMAT_RSS093] = "rss093",
	[FEED_FORMAT_RSS094] = "rss094",
	[FEED_FORMAT_RSS20] = "rss20",
	[FEED_FORMAT_RSS10] = "rss10",
	[FEED_FORMAT_ATOM03] = "atom03",
	[FEED_FORMAT_ATOM10] = "atom10",
	[FEED_FORMAT_JSONFEED] = "jsonfeed",
};

const char *
feed_format_name(enum feed_format f)
{
	if ((size_t)f >= ARRAY_LEN(format_names))
		return "unknown";
	return format_names[f];
}

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

void
person_release(struct person *p)
{
	FREE_NULL(p->name);
	FREE_NULL(p->url);
	FREE_NULL(p->email);
}

void
attachment_release(struct attachment *a)
{
	FREE_NULL(a->url);
	FREE_NULL(a->mime_type);
	FREE_NULL(a->title);
}

void
item_init(struct item *it)
{
	memset(it, 0, sizeof(*it));
}

void
item_release(struct item *it)
{
	size_t i;

	free(it->id);
	free(it->url);
	free(it->external_url);
	free(it->title);
	free(it->content_html);
	free(it->content_text);
	free(it->summary);
	free(it->image);
	free(it->language);
	for (i = 0; i < it->n_authors; i++)
		person_release(&it->authors[i]);
	free(it->authors);
	for (i = 0; i < it->n_tags; i++) {
		free(it->tags[i]);
		if (it->tag_keys != NULL)
			free(it->tag_keys[i]);
	}
	free(it->tags);
	free(it->tag_keys);
	for (i = 0; i < it->n_attachments; i++)
		attachment_release(&it->attachments[i]);
	free(it->attachments);
	item_init(it);
}

void
item_free(struct item *it)
{
	if (it == NULL)
		return;
	item_release(it);
	free(it);
}

void
feed_init(struct feed *f)
{
	memset(f, 0, sizeof(*f));
}

void
feed_release(struct feed *f)
{
	size_t i;

	free(f->title);
	free(f->home_page_url);
	free(f->feed_url);
	free(f->description);
	free(f->icon);
	free(f->favicon);
	free(f->language);
	for (i = 0; i < f->n_authors; i++)
		person_release(&f->authors[i]);
	free(f->authors);
	free(f->encoding);
	free(f->error);
	feed_init(f);
}

int
item_add_tag(struct item *it, const char *tag)
{
	char **tags;
	char *copy;

	if ((copy = strdup(tag)) == NULL)
		return ERR_NOMEM;
	tags = realloc(it->tags, (it->n_tags + 1) * sizeof(*tags));
	if (tags == NULL) {
		free(copy);
		return ERR_NOMEM;
	}
	tags[it->n_tags++] = copy;
	it->tags = tags;
	return 0;
}

static int
add_person(struct person **arr, size_t *n, const char *name, const char *url,
    const char *email)
{
	struct person *grown, p = { NULL, NULL, NULL };

	p.name = dup_or_null(name);
	p.url = dup_or_null(url);
	p.email = dup_or_null(email);
	if ((name && !p.name) || (url && !p.url) || (email && !p.email))
		goto fail;
	grown = realloc(*arr, (*n + 1) * sizeof(**arr));
	if (grown == NULL)
		goto fail;
	grown[(*n)++] = p;
	*arr = grown;
	return 0;
fail:
	person_release(&p);
	return ERR_NOMEM;
}

int
item_add_author(struct item *it, const char *name, const char *url,
    const char *email)
{
	return add_person(&it->authors, &it->n_authors, name, url, email);
}

int
feed_add_author(struct feed *f, const char *name, const char *url,
    const char *email)
{
	return add_person(&f->authors, &f->n_authors, name, url, email);
}

int
item_add_attachment(struct item *it, const struct attachment *a)
{
	struct attachment copy = *a, *grown;

	copy.url = dup_or_null(a->url);
	copy.mime_type = dup_or_null(a->mime_type);
	copy.title = dup_or_null(a->title);
	if ((a->url && !copy.url) || (a->mime_type && !copy.mime_type) ||
	    (a->title && !copy.title))
		goto fail;
	grown = realloc(it->attachments,
	    (it->n_attachments + 1) * sizeof(*grown));
	if (grown == NULL)
		goto fail;
	grown[it->n_attachments++] = copy;
	it->attachments = grown;
	return 0;
fail:
	attachment_release(&copy);
	return ERR_NOMEM;
}
