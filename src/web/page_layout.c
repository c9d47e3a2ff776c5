/*
 * web/page_layout.c: the frame every page shares, the article list item,
 * and the error pages.
 *
 * The frame gives each page the same landmarks (header with the site name,
 * navigation and search; main; footer), a skip link to the main content
 * and one stylesheet by its versioned URL. Pages write their own single h1.
 * There is no inline style or script anywhere, as the CSP forbids both.
 *
 * Error pages say what the reader can do next and nothing about why the
 * server failed: causes go to the log only.
 */
#include "base/common.h"

#include <strings.h>

#include "base/log.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_SITE_NAME "tidings"
#define WEB_LIST_TAGS_MAX 6      /* chips per list item */
#define WEB_EXCERPT_BYTES 320

int
web_page_begin(struct web_req *r, const struct web_page *p)
{
	struct buf *b = &r->body;
	int rc = 0;

	rc = WEB_LIT(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
	if (rc == 0 && p->title && *p->title) {
		rc = web_html_text(b, p->title);
		if (rc == 0)
			rc = WEB_LIT(b, " \xc2\xb7 ");
	}
	if (rc == 0)
		rc = WEB_LIT(b, WEB_SITE_NAME "</title>\n"
		    "<link rel=\"stylesheet\" href=\"");
	if (rc == 0)
		rc = web_html_url(b, web_asset_url("site.css"));
	if (rc == 0)
		rc = WEB_LIT(b, "\">\n<link rel=\"icon\" type=\"image/svg+xml\" "
		    "href=\"");
	if (rc == 0)
		rc = web_html_url(b, web_asset_url("icon.svg"));
	if (rc == 0)
		rc = WEB_LIT(b, "\">\n");
	if (rc == 0 && p->feed) {
		static const char *const kinds[][2] = {
			{ "atom", "application/atom+xml" },
			{ "json", "application/feed+json" },
		};
		size_t k;

		for (k = 0; rc == 0 && k < ARRAY_LEN(kinds); k++) {
			if ((rc = WEB_LIT(b, "<link rel=\"alternate\" type=\""))
			    == 0 && (rc = web_html_attr(b, kinds[k][1])) == 0 &&
			    (rc = WEB_LIT(b, "\" href=\"")) == 0 &&
			    (rc = web_html_url(b, p->feed)) == 0 &&
			    (rc = buf_printf(b, ".%s", kinds[k][0])) == 0 &&
			    (!p->feed_query || (rc = web_html_attr(b,
			    p->feed_query)) == 0))
				rc = WEB_LIT(b, "\">\n");
		}
	}
	if (rc == 0 && p->noindex)
		rc = WEB_LIT(b, "<meta name=\"robots\" content=\"noindex\">\n");
	if (rc == 0)
		rc = WEB_LIT(b, "</head>\n<body>\n"
		    "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
		    "<header class=\"site\"><div class=\"bar\">\n"
		    "<a class=\"brand\" href=\"/\">" WEB_SITE_NAME "</a>\n"
		    "<nav aria-label=\"Site\"><ul><li><a href=\"/\">Latest</a>"
		    "</li><li><a href=\"/search\">Search</a></li></ul></nav>\n"
		    "<form role=\"search\" action=\"/search\" method=\"get\">"
		    "<input type=\"search\" name=\"q\" "
		    "aria-label=\"Search articles\" placeholder=\"Search\"");
	if (rc == 0 && p->search_q) {
		rc = WEB_LIT(b, " value=\"");
		if (rc == 0)
			rc = web_html_attr(b, p->search_q);
		if (rc == 0)
			rc = WEB_LIT(b, "\"");
	}
	if (rc == 0)
		rc = WEB_LIT(b, "><button type=\"submit\">Search</button>"
		    "</form>\n</div></header>\n<main id=\"main\">\n");
	return rc;
}

int
web_page_end(struct web_req *r)
{
	return WEB_LIT(&r->body, "</main>\n<footer class=\"site-foot\"><p>"
	    WEB_SITE_NAME " \xc2\xb7 news from the sources you follow"
	    "</p></footer>\n</body>\n</html>\n");
}

/* Thumbnails only from https or from this site itself (the CSP allows
 * no other remote images). */
static bool
thumb_ok(const struct web_req *r, const char *url)
{
	size_t n;

	if (url == NULL || !web_html_url_ok(url))
		return false;
	if (strncasecmp(url, "https://", 8) == 0)
		return true;
	if (r->host == NULL || strncasecmp(url, "http://", 7) != 0)
		return false;
	n = strlen(r->host);
	return strncasecmp(url + 7, r->host, n) == 0 && url[7 + n] == '/';
}

static int
tag_list(struct buf *b, char *const *tags, char *const *keys, size_t n,
    size_t max)
{
	size_t i;
	int rc = 0;

	if (n == 0)
		return 0;
	rc = WEB_LIT(b, "<ul class=\"tags\" aria-label=\"Tags\">");
	for (i = 0; rc == 0 && i < n && i < max; i++) {
		if (tags[i] == NULL || *tags[i] == '\0')
			continue;
		if ((rc = WEB_LIT(b, "<li><a href=\"/tag/")) == 0 &&
		    (rc = web_html_urlpart(b, keys && keys[i] && *keys[i] ?
		    keys[i] : tags[i])) == 0 &&
		    (rc = WEB_LIT(b, "\">")) == 0 &&
		    (rc = web_html_text(b, tags[i])) == 0)
			rc = WEB_LIT(b, "</a></li>");
	}
	if (rc == 0)
		rc = WEB_LIT(b, "</ul>\n");
	return rc;
}

int
web_tags_html(struct buf *b, char *const *tags, char *const *keys,
    size_t n)
{
	return tag_list(b, tags, keys, n, SIZE_MAX);
}

int
web_article_item(struct web_req *r, const struct store_article *a,
    bool with_snippet, int heading_level)
{
	struct buf *b = &r->body;
	const char *h = heading_level == 3 ? "h3" : "h2";
	const char *text;
	int rc;

	if ((rc = WEB_LIT(b, "<li class=\"item\"")) != 0 ||
	    (rc = web_lang_attrs(b, web_article_lang(a))) != 0 ||
	    (rc = WEB_LIT(b, ">\n<p class=\"meta\"><a href=\"/source/")) != 0 ||
	    (rc = web_html_int(b, a->source_id)) != 0 ||
	    (rc = WEB_LIT(b, "\">")) != 0 ||
	    (rc = web_html_text(b, a->source_title && *a->source_title ?
	    a->source_title : "Unnamed source")) != 0 ||
	    (rc = WEB_LIT(b, "</a> \xc2\xb7 ")) != 0 ||
	    (rc = web_time_html(b, a->sort_time, r->now)) != 0 ||
	    (rc = buf_printf(b, "</p>\n<%s><a href=\"/article/", h)) != 0 ||
	    (rc = web_html_int(b, a->id)) != 0 ||
	    (rc = WEB_LIT(b, "\">")) != 0 ||
	    (rc = web_html_text(b, a->title && *a->title ? a->title
	    : "(untitled)")) != 0 ||
	    (rc = buf_printf(b, "</a></%s>\n", h)) != 0)
		return rc;
	if (with_snippet && a->snippet && *a->snippet) {
		if ((rc = WEB_LIT(b, "<p class=\"excerpt\">")) != 0 ||
		    (rc = web_snippet_html(b, a->snippet)) != 0 ||
		    (rc = WEB_LIT(b, "</p>\n")) != 0)
			return rc;
	} else {
		text = a->excerpt && *a->excerpt ? a->excerpt : a->summary &&
		    *a->summary ? a->summary : a->content_text;
		if (text && *text && ((rc = WEB_LIT(b,
		    "<p class=\"excerpt\">")) != 0 ||
		    (rc = web_excerpt(b, text, WEB_EXCERPT_BYTES)) != 0 ||
		    (rc = WEB_LIT(b, "</p>\n")) != 0))
			return rc;
	}
	if ((rc = tag_list(b, a->tags, a->tag_keys, a->n_tags,
	    WEB_LIST_TAGS_MAX)) != 0)
		return rc;
	if (thumb_ok(r, a->image)) {
		/* Width and height reserve the box, so nothing shifts when
		 * the image arrives; CSS crops it to fit. */
		if ((rc = WEB_LIT(b, "<img class=\"thumb\" src=\"")) != 0 ||
		    (rc = web_html_url(b, a->image)) != 0 ||
		    (rc = WEB_LIT(b, "\" alt=\"\" width=\"120\" height=\"80\" "
		    "loading=\"lazy\" decoding=\"async\">\n")) != 0)
			return rc;
	}
	return WEB_LIT(b, "</li>\n");
}

struct error_text {
	int status;
	const char *title;
	const char *text;
};

static const struct error_text errors[] = {
	{ 400, "Bad request",
	  "This address could not be understood. Check the link, or start "
	  "again from the front page." },
	{ 404, "Page not found",
	  "There is nothing at this address. The link may be mistyped, or "
	  "what was here is gone." },
	{ 405, "Method not allowed",
	  "This address can only be read, not written to." },
	{ 413, "Request too large",
	  "The request carried more data than this site accepts." },
	{ 414, "Address too long",
	  "The address of this request is longer than this site accepts." },
	{ 431, "Headers too large",
	  "The request's headers are larger than this site accepts." },
	{ 500, "Something went wrong",
	  "This page could not be shown just now. Please try again in a "
	  "moment." },
	{ 503, "Temporarily unavailable",
	  "The site cannot answer just now. Please try again in a moment." },
};

void
web_error_page(struct web_req *r, int status)
{
	const struct error_text *et = &errors[6];
	struct web_page page = { 0 };
	size_t i;
	int rc;

	/* API clients get their errors as JSON, whatever went wrong. */
	if (r->path && strncmp(r->path, "/api/", 5) == 0) {
		web_api_error(r, status);
		return;
	}
	for (i = 0; i < ARRAY_LEN(errors); i++)
		if (errors[i].status == status)
			et = &errors[i];
	r->status = status;
	r->cache = WEB_CACHE_NONE;
	r->content_type = "text/html; charset=utf-8";
	r->body_ref = NULL;
	r->gz_ref = NULL;
	r->etag_ref = NULL;
	r->last_modified = 0;
	buf_reset(&r->body);
	page.title = et->title;
	page.noindex = true;
	if ((rc = web_page_begin(r, &page)) == 0 &&
	    (rc = WEB_LIT(&r->body, "<h1>")) == 0 &&
	    (rc = web_html_text(&r->body, et->title)) == 0 &&
	    (rc = WEB_LIT(&r->body, "</h1>\n<p>")) == 0 &&
	    (rc = web_html_text(&r->body, et->text)) == 0 &&
	    (rc = WEB_LIT(&r->body, "</p>\n")) == 0 &&
	    (status != 400 || !r->errmsg[0] ||
	    ((rc = WEB_LIT(&r->body, "<p class=\"bad\">")) == 0 &&
	    (rc = web_html_text(&r->body, r->errmsg)) == 0 &&
	    (rc = WEB_LIT(&r->body, "</p>\n")) == 0)) &&
	    (rc = WEB_LIT(&r->body, "<p><a href=\"/\">Go to the front "
	    "page</a></p>\n")) == 0)
		rc = web_page_end(r);
	if (rc != 0) {
		buf_reset(&r->body);
		(void)WEB_LIT(&r->body, "<!DOCTYPE html><title>Error</title>"
		    "<h1>Error</h1>\n");
	}
}
