/*
 * html/policy.c: the sanitiser's rules for attribute values, shared by
 * the live sanitiser (sanitize.c) and the tree walk kept as its test oracle
 * (sanitize_tree.c), so a policy change is made once and both stay
 * comparable: URL cleaning and scheme checks, srcset candidates, numbers,
 * language tags, tracking pixels, and what an <img> must carry (a source a
 * browser can load wherever the HTML is shown, and an alt).
 */
#include "base/common.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/url.h"
#include "html/html_int.h"

/* Resolve and check a URL; the clean result is in s->url. Control
 * characters are removed everywhere first (browsers ignore tab and
 * newlines inside URLs, and put_escaped drops the others, so removing
 * them before resolving keeps the output a fixed point), then spaces are
 * trimmed. */
bool
html_clean_url(struct html_urls *s, const char *v, bool allow_data)
{
	size_t i, n;
	int rc;

	buf_reset(&s->tmp);
	/* Control bytes go wherever they are, spaces only in front: leading
	 * ones skipped, then the rest copied a run between controls at a
	 * time (every link of every body passes here). */
	for (i = 0; v[i] != '\0' && ((unsigned char)v[i] <= ' ' ||
	    v[i] == 0x7F); i++)
		;
	while (v[i] != '\0') {
		size_t run = i;

		while ((unsigned char)v[i] >= 0x20 && v[i] != 0x7F)
			i++;
		if (i > run && buf_append(&s->tmp, v + run, i - run) != 0)
			return false;
		while (v[i] != '\0' && ((unsigned char)v[i] < 0x20 ||
		    v[i] == 0x7F))
			i++;
	}
	n = s->tmp.len;
	while (n && s->tmp.p[n - 1] == ' ')
		n--;
	/* An empty reference would resolve to the page itself. */
	if (n == 0)
		return false;
	buf_truncate(&s->tmp, n);
	buf_reset(&s->url);
	if (s->base) {
		rc = url_resolve(s->base, buf_cstr(&s->tmp), &s->url);
	} else {
		/* No base: an absolute URL is normalised by url_resolve, a
		 * relative one is kept as it is. */
		rc = url_resolve(NULL, buf_cstr(&s->tmp), &s->url);
		if (rc == ERR_INVAL) {
			buf_reset(&s->url);
			rc = buf_append(&s->url, s->tmp.p, s->tmp.len);
		}
	}
	if (rc != 0 || s->url.len == 0)
		return false;
	return url_is_safe_link(buf_cstr(&s->url), allow_data);
}

/* An image address that loads wherever the sanitised HTML ends up: only
 * an absolute http(s) URL or an inline data: image. A reference still
 * relative after resolution had no base to resolve against; shown on
 * another site (ours) it would point at the wrong host and 404. */
static bool
img_url_loadable(const char *u)
{
	return strncasecmp(u, "https://", 8) == 0 ||
	    strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "data:", 5) == 0;
}

bool
html_clean_img_url(struct html_urls *s, const char *v)
{
	/* html_clean_url has already refused every data: URL that is not
	 * an image, so the prefix test above is enough for those. */
	return html_clean_url(s, v, true) &&
	    img_url_loadable(buf_cstr(&s->url));
}

void
html_img_attrs(const char **vals, const char *lazy_src,
    const char *lazy_srcset)
{
	/* Lazy loaders keep the real picture in data-src and a
	 * placeholder (often a data: GIF) in src. */
	if (lazy_src && (vals[HA_SRC] == NULL ||
	    strncmp(vals[HA_SRC], "data:", 5) == 0))
		vals[HA_SRC] = lazy_src;
	if (lazy_srcset && vals[HA_SRCSET] == NULL)
		vals[HA_SRCSET] = lazy_srcset;
	/* Feeds rarely describe their pictures, and a screen reader then
	 * reads out the file name. Marked decorative instead; set here,
	 * before the attributes are written in their fixed order, so a
	 * second pass writes the same bytes. */
	if (vals[HA_ALT] == NULL)
		vals[HA_ALT] = "";
}

/* Digits only, within [lo, hi]; the canonical decimal form goes to *out. */
bool
html_parse_uint(const char *v, long lo, long hi, long *out)
{
	long x = 0;
	const char *p = v;

	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		x = x * 10 + (*p - '0');
		if (x > hi)
			return false;
	}
	/* "100px" is common in feeds; anything else after the digits is
	 * not a size we understand. */
	if (strcmp(p, "px") != 0 && *p != '\0' && strcmp(p, " ") != 0)
		return false;
	if (x < lo)
		return false;
	*out = x;
	return true;
}

bool
html_valid_lang(const char *v)
{
	size_t i;

	for (i = 0; v[i]; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' &&
		    v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') ||
		    v[i] == '-') || i >= 35)
			return false;
	return i > 0;
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A srcset descriptor: a number followed by w, x or h. */
static bool
valid_descriptor(const char *p, size_t n)
{
	size_t i;

	if (n < 2 || n > 12)
		return false;
	if (p[n - 1] != 'w' && p[n - 1] != 'x' && p[n - 1] != 'h')
		return false;
	for (i = 0; i < n - 1; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || p[i] == '.'))
			return false;
	return true;
}

/* Rebuild a srcset with every candidate URL resolved and checked; bad
 * candidates are dropped. The result is in s->srcset (empty: drop). */
void
html_clean_srcset(struct html_urls *s, const char *v)
{
	struct buf one = BUF_INIT;
	size_t i = 0, n = strlen(v), us, ue, ds, de;

	buf_reset(&s->srcset);
	while (i < n) {
		while (i < n && (is_space((unsigned char)v[i]) || v[i] == ','))
			i++;
		if (i >= n)
			break;
		us = i;
		while (i < n && !is_space((unsigned char)v[i]))
			i++;
		ue = i;
		ds = de = i;
		if (v[ue - 1] == ',') {
			while (ue > us && v[ue - 1] == ',')
				ue--;
		} else {
			while (i < n && is_space((unsigned char)v[i]))
				i++;
			ds = i;
			while (i < n && v[i] != ',')
				i++;
			de = i;
			while (de > ds && is_space((unsigned char)v[de - 1]))
				de--;
		}
		if (ue == us)
			continue;
		if (de > ds && !valid_descriptor(v + ds, de - ds))
			continue;
		buf_reset(&one);
		if (buf_append(&one, v + us, ue - us) != 0)
			break;
		/* Candidates are images too: the same rule as src. */
		if (!html_clean_url(s, buf_cstr(&one), false) ||
		    !img_url_loadable(buf_cstr(&s->url)))
			continue;
		/* A candidate URL may not hold what separates candidates. */
		if (strchr(buf_cstr(&s->url), ' ') || s->url.p[0] == ',' ||
		    s->url.p[s->url.len - 1] == ',')
			continue;
		if (s->srcset.len && buf_puts(&s->srcset, ", ") != 0)
			break;
		if (buf_append(&s->srcset, s->url.p, s->url.len) != 0)
			break;
		if (de > ds && (buf_putc(&s->srcset, ' ') != 0 ||
		    buf_append(&s->srcset, v + ds, de - ds) != 0))
			break;
	}
	buf_release(&one);
}

/* Host and path fragments of well-known tracking pixels (feed statistics
 * and mail-open counters); matched as substrings of the resolved src. */
static const char *const html_pixel_patterns[] = {
	"feeds.feedburner.com/~r/",
	"feeds.feedburner.com/~ff/",
	"feedproxy.google.com/~r/",
	"pixel.wp.com/",
	"stats.wordpress.com/b.gif",
	"pixel.quantserve.com/",
	"www.google-analytics.com/collect",
	"www.google-analytics.com/__utm.gif",
	"pi.feedsportal.com/",
	"feeds.feedblitz.com/~/i/",
	"ad.doubleclick.net/",
	"pixel.mathtag.com/",
	"sb.scorecardresearch.com/",
};

bool
html_is_pixel_url(const char *u)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(html_pixel_patterns); i++)
		if (strstr(u, html_pixel_patterns[i]))
			return true;
	return false;
}
