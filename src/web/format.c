/*
 * web/format.c: how times, languages and excerpts look on the pages.
 *
 * Times are shown relative to clock_now() ("2 hours ago", "yesterday")
 * and as a date after that, always in UTC: the server cannot know the
 * reader's zone, and the exact instant is in the <time> element for
 * anyone who needs it. A time slightly in the future (clock skew between
 * a publisher and us) reads "just now" rather than a confusing date.
 */
#include "base/common.h"

#include <stdio.h>
#include <strings.h>
#include <time.h>

#include "base/utf8.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

#define WEB_SKEW_SECONDS 300

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static void
utc(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, tm) == NULL)
		memset(tm, 0, sizeof(*tm));
}

int
web_reltime(int64_t t, int64_t now, struct buf *out)
{
	int64_t d = now - t, n;
	struct tm tm;

	if (d < 60 && d > -WEB_SKEW_SECONDS)
		return buf_puts(out, "just now");
	if (d >= 60 && d < 3600) {
		n = d / 60;
		return buf_printf(out, "%lld minute%s ago", (long long)n,
		    n == 1 ? "" : "s");
	}
	if (d >= 3600 && d < 86400) {
		n = d / 3600;
		return buf_printf(out, "%lld hour%s ago", (long long)n,
		    n == 1 ? "" : "s");
	}
	if (d >= 86400 && d < 2 * 86400)
		return buf_puts(out, "yesterday");
	utc(t, &tm);
	return buf_printf(out, "%d %s %d", tm.tm_mday,
	    months[tm.tm_mon >= 0 && tm.tm_mon < 12 ? tm.tm_mon : 0],
	    tm.tm_year + 1900);
}

int
web_time_html(struct buf *b, int64_t t, int64_t now)
{
	char iso[32], exact[32];
	struct tm tm;
	int rc;

	utc(t, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(exact, sizeof(exact), "%Y-%m-%d %H:%M UTC", &tm);
	if ((rc = WEB_LIT(b, "<time datetime=\"")) != 0 ||
	    (rc = web_html_attr(b, iso)) != 0 ||
	    (rc = WEB_LIT(b, "\" title=\"")) != 0 ||
	    (rc = web_html_attr(b, exact)) != 0 ||
	    (rc = WEB_LIT(b, "\">")) != 0 ||
	    (rc = web_reltime(t, now, b)) != 0)
		return rc;
	return WEB_LIT(b, "</time>");
}

static bool
alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
alnum(char c)
{
	return alpha(c) || (c >= '0' && c <= '9');
}

bool
web_lang_ok(const char *lang)
{
	const char *p = lang;
	size_t n = 0;

	if (lang == NULL || strlen(lang) > 35)
		return false;
	while (alpha(*p)) {
		p++;
		n++;
	}
	if (n < 2 || n > 8)
		return false;
	while (*p == '-') {
		p++;
		n = 0;
		while (alnum(*p)) {
			p++;
			n++;
		}
		if (n < 1 || n > 8)
			return false;
	}
	return *p == '\0';
}

bool
web_lang_rtl(const char *lang)
{
	static const char *const rtl[] = {
		"ar", "he", "iw", "fa", "ur", "yi", "ji", "ps", "sd", "ug",
		"dv", "ckb", "syr",
	};
	size_t i, n;

	if (!web_lang_ok(lang))
		return false;
	n = strcspn(lang, "-");
	for (i = 0; i < ARRAY_LEN(rtl); i++)
		if (strlen(rtl[i]) == n && strncasecmp(lang, rtl[i], n) == 0)
			return true;
	return false;
}

int
web_lang_attrs(struct buf *b, const char *lang)
{
	int rc;

	if (!web_lang_ok(lang))
		return 0;
	if ((rc = WEB_LIT(b, " lang=\"")) != 0 ||
	    (rc = web_html_attr(b, lang)) != 0)
		return rc;
	return web_lang_rtl(lang) ? WEB_LIT(b, "\" dir=\"rtl\"")
	    : WEB_LIT(b, "\" dir=\"ltr\"");
}

const char *
web_article_lang(const struct store_article *a)
{
	if (web_lang_ok(a->language))
		return a->language;
	return web_lang_ok(a->lang) ? a->lang : NULL;
}

int
web_excerpt(struct buf *b, const char *text, size_t max)
{
	struct buf t = BUF_INIT;
	const char *p;
	bool space = false;
	size_t cut;
	int rc = 0;

	if (text == NULL)
		return 0;
	buf_init(&t, 0);
	/* Collapse the blank lines between blocks into single spaces; stop
	 * a little past max so the cut below has a word boundary to find. */
	for (p = text; *p && t.len <= max + 1 && rc == 0; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = t.len > 0;
			continue;
		}
		if (space)
			rc = buf_putc(&t, ' ');
		space = false;
		if (rc == 0)
			rc = buf_putc(&t, *p);
	}
	if (rc == 0 && t.len > max) {
		cut = utf8_cut(t.p, t.len, max);
		while (cut > max / 2 && t.p[cut - 1] != ' ')
			cut--;
		while (cut > 0 && t.p[cut - 1] == ' ')
			cut--;
		if (cut == 0)
			cut = utf8_cut(t.p, t.len, max);
		buf_truncate(&t, cut);
		rc = buf_puts(&t, "\xe2\x80\xa6");
	}
	if (rc == 0)
		rc = web_html_text_n(b, buf_cstr(&t), t.len);
	buf_release(&t);
	return rc;
}
