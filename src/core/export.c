/*
 * core/export.c: OPML export of the sources (see export.h).
 *
 * The sources are copied out of the store's walk first (its rows live
 * only during a callback) and sorted by group, because the OPML writer
 * closes a folder whenever the group changes.
 */
#include "base/common.h"

#include <strings.h>

#include "base/buf.h"
#include "core/export.h"
#include "feed/opml.h"
#include "store/store.h"

struct exp_source {
	int64_t id;
	char *url, *site_url, *title, *group;
};

struct exp_list {
	struct exp_source *v;
	size_t n, cap;
};

static char *
dup(const char *s, bool *oom)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*oom = true;
	return d;
}

static int
collect(void *ctx, const struct store_source *src)
{
	struct exp_list *l = ctx;
	struct exp_source *d;
	bool oom = false;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct exp_source *nv = realloc(l->v, cap * sizeof(*nv));

		if (nv == NULL)
			return ERR_NOMEM;
		l->v = nv;
		l->cap = cap;
	}
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->id = src->id;
	d->url = dup(src->url, &oom);
	d->site_url = dup(src->site_url, &oom);
	d->title = dup(src->title, &oom);
	d->group = dup(src->group_name, &oom);
	return oom || d->url == NULL ? ERR_NOMEM : 0;
}

static int
by_group(const void *a, const void *b)
{
	const struct exp_source *x = a, *y = b;

	if (!x->group != !y->group)
		return x->group ? 1 : -1;
	if (x->group) {
		int c = strcmp(x->group, y->group);

		if (c)
			return c;
	}
	return x->id < y->id ? -1 : x->id > y->id;
}

int
export_opml(struct store *s, const char *title, int64_t created,
    struct buf *out, struct err *e)
{
	struct exp_list l = { 0 };
	const char *open = NULL;
	size_t i;
	int rc;

	rc = store_source_each(s, -1, collect, &l, e);
	if (rc == 0) {
		if (l.n > 1)
			qsort(l.v, l.n, sizeof(*l.v), by_group);
		rc = opml_begin(out, title, created);
	}
	for (i = 0; rc == 0 && i < l.n; i++) {
		/* A site URL that is not http(s) (a hostile feed's
		 * javascript:...) is left out: readers would follow it. */
		const char *site = l.v[i].site_url;
		struct opml_outline o = { l.v[i].url, site && (!strncasecmp(
		    site, "http://", 7) || !strncasecmp(site, "https://", 8)) ?
		    site : NULL, l.v[i].title, l.v[i].group };

		rc = opml_add(out, &o, &open);
	}
	if (rc == 0)
		rc = opml_end(out, &open);
	for (i = 0; i < l.n; i++) {
		free(l.v[i].url);
		free(l.v[i].site_url);
		free(l.v[i].title);
		free(l.v[i].group);
	}
	free(l.v);
	if (rc < 0 && e && e->msg[0] == '\0')
		err_set(e, rc, "cannot export the sources");
	return rc;
}
