/*
 * web/assets.c: the static files built into the binary (assets_gen.c),
 * served under URLs that carry a hash of their bytes.
 *
 * Because a changed file gets a new URL, browsers may keep each version for
 * a year without asking again. The URLs, ETags and gzip forms are computed
 * once by web_assets_init before the server starts and only read after
 * that, so the pool threads share them without locks. A request for an
 * old or unknown hash is a plain 404: serving new bytes under an old,
 * immutable URL would poison caches.
 */
#include "base/common.h"

#include <stdio.h>

#include "base/buf.h"
#include "web/web_int.h"

#define WEB_MAX_ASSETS 8

struct prepared {
	char url[96];
	char etag[40];
	struct buf gz;
};

static struct prepared prepared[WEB_MAX_ASSETS];
static bool ready;

int
web_assets_init(void)
{
	size_t i;
	int rc;

	if (ready)
		return 0;
	for (i = 0; i < web_n_asset_files && i < WEB_MAX_ASSETS; i++) {
		const struct web_asset *a = &web_asset_files[i];
		const char *dot = strrchr(a->name, '.');
		int namelen = dot ? (int)(dot - a->name) : (int)strlen(a->name);

		web_etag(a->data, a->len, prepared[i].etag,
		    sizeof(prepared[i].etag));
		/* The URL carries the first 10 hex digits of the ETag. */
		snprintf(prepared[i].url, sizeof(prepared[i].url),
		    "/static/%.*s.%.10s%s", namelen, a->name,
		    prepared[i].etag + 1, dot ? dot : "");
		buf_init(&prepared[i].gz, 0);
		if ((rc = web_gzip(a->data, a->len, &prepared[i].gz)) != 0) {
			web_assets_free();
			return rc;
		}
	}
	ready = true;
	return 0;
}

void
web_assets_free(void)
{
	size_t i;

	for (i = 0; i < WEB_MAX_ASSETS; i++)
		buf_release(&prepared[i].gz);
	memset(prepared, 0, sizeof(prepared));
	ready = false;
}

const char *
web_asset_url(const char *name)
{
	size_t i;

	for (i = 0; ready && i < web_n_asset_files && i < WEB_MAX_ASSETS; i++)
		if (strcmp(web_asset_files[i].name, name) == 0)
			return prepared[i].url;
	return "";
}

int
web_page_static(struct web_req *r)
{
	size_t i;

	for (i = 0; ready && i < web_n_asset_files && i < WEB_MAX_ASSETS;
	    i++) {
		const struct web_asset *a = &web_asset_files[i];

		if (strcmp(prepared[i].url, r->path) != 0)
			continue;
		r->content_type = a->type;
		r->body_ref = a->data;
		r->body_ref_len = a->len;
		r->gz_ref = prepared[i].gz.p;
		r->gz_ref_len = prepared[i].gz.len;
		r->etag_ref = prepared[i].etag;
		r->cache = WEB_CACHE_IMMUTABLE;
		return 0;
	}
	return ERR_NOTFOUND;
}
