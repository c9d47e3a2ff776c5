/*
 * url_test.c: splitting, RFC 3986 resolution, canonical forms and the
 * scheme checks used by the HTML sanitiser.
 */
#include "base/common.h"

#include "base/buf.h"
#include "base/err.h"
#include "base/str.h"
#include "base/url.h"
#include "unit.h"

static const char *
resolve(struct buf *b, const char *base, const char *ref)
{
	buf_reset(b);
	if (url_resolve(base, ref, b) != 0)
		return "(error)";
	return buf_cstr(b);
}

static const char *
canon(struct buf *b, const char *url)
{
	buf_reset(b);
	if (url_canonical(url, b) != 0)
		return "(error)";
	return buf_cstr(b);
}

static bool
slice_is(struct str s, const char *want)
{
	if (want == NULL)
		return s.p == NULL;
	return s.p != NULL && str_eq(s, str_from(want));
}

TEST(url_split_parts)
{
	struct url_parts u;

	CHECK_INT(url_split(str_from("https://u:pw@Example.com:8080/a/b?x=1#f"),
	    &u), 0);
	CHECK(slice_is(u.scheme, "https"));
	CHECK(slice_is(u.userinfo, "u:pw"));
	CHECK(slice_is(u.host, "Example.com"));
	CHECK(slice_is(u.port, "8080"));
	CHECK(slice_is(u.path, "/a/b"));
	CHECK(slice_is(u.query, "x=1"));
	CHECK(slice_is(u.fragment, "f"));
	CHECK(u.has_authority);

	CHECK_INT(url_split(str_from("http://[2001:db8::1]:81/"), &u), 0);
	CHECK(slice_is(u.host, "2001:db8::1"));
	CHECK(slice_is(u.port, "81"));

	CHECK_INT(url_split(str_from("../x?#"), &u), 0);
	CHECK(slice_is(u.scheme, NULL));
	CHECK(!u.has_authority);
	CHECK(slice_is(u.path, "../x"));
	CHECK(slice_is(u.query, ""));
	CHECK(slice_is(u.fragment, ""));

	CHECK_INT(url_split(str_from("mailto:a@b.example"), &u), 0);
	CHECK(slice_is(u.scheme, "mailto"));
	CHECK(slice_is(u.path, "a@b.example"));

	/* "1a:" is not a scheme (must start with a letter). */
	CHECK_INT(url_split(str_from("1a:b"), &u), 0);
	CHECK(slice_is(u.scheme, NULL));

	CHECK_INT(url_split(str_from("http://[::1/"), &u), ERR_INVAL);
	CHECK_INT(url_split(str_from("http://h:8x/"), &u), ERR_INVAL);
	CHECK_INT(url_split(str_from(""), &u), 0);
}

/* The normal and abnormal examples of RFC 3986 section 5.4. */
TEST(url_resolve_rfc3986_examples)
{
	static const char *const cases[][2] = {
		{ "g:h", "g:h" },
		{ "g", "http://a/b/c/g" },
		{ "./g", "http://a/b/c/g" },
		{ "g/", "http://a/b/c/g/" },
		{ "/g", "http://a/g" },
		{ "//g", "http://g" },
		{ "?y", "http://a/b/c/d;p?y" },
		{ "g?y", "http://a/b/c/g?y" },
		{ "#s", "http://a/b/c/d;p?q#s" },
		{ "g#s", "http://a/b/c/g#s" },
		{ "g?y#s", "http://a/b/c/g?y#s" },
		{ ";x", "http://a/b/c/;x" },
		{ "g;x", "http://a/b/c/g;x" },
		{ "g;x?y#s", "http://a/b/c/g;x?y#s" },
		{ "", "http://a/b/c/d;p?q" },
		{ ".", "http://a/b/c/" },
		{ "./", "http://a/b/c/" },
		{ "..", "http://a/b/" },
		{ "../", "http://a/b/" },
		{ "../g", "http://a/b/g" },
		{ "../..", "http://a/" },
		{ "../../", "http://a/" },
		{ "../../g", "http://a/g" },
		{ "../../../g", "http://a/g" },
		{ "../../../../g", "http://a/g" },
		{ "/./g", "http://a/g" },
		{ "/../g", "http://a/g" },
		{ "g.", "http://a/b/c/g." },
		{ ".g", "http://a/b/c/.g" },
		{ "g..", "http://a/b/c/g.." },
		{ "..g", "http://a/b/c/..g" },
		{ "./../g", "http://a/b/g" },
		{ "./g/.", "http://a/b/c/g/" },
		{ "g/./h", "http://a/b/c/g/h" },
		{ "g/../h", "http://a/b/c/h" },
		{ "g;x=1/./y", "http://a/b/c/g;x=1/y" },
		{ "g;x=1/../y", "http://a/b/c/y" },
		{ "g?y/./x", "http://a/b/c/g?y/./x" },
		{ "g?y/../x", "http://a/b/c/g?y/../x" },
		{ "g#s/./x", "http://a/b/c/g#s/./x" },
		{ "g#s/../x", "http://a/b/c/g#s/../x" },
		{ "http:g", "http:g" },
	};
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++)
		CHECK_STR(resolve(&b, "http://a/b/c/d;p?q", cases[i][0]),
		    cases[i][1]);
	buf_release(&b);
}

TEST(url_resolve_edges)
{
	struct buf b = BUF_INIT;

	/* Empty base path merges as "/". */
	CHECK_STR(resolve(&b, "http://h", "x"), "http://h/x");
	CHECK_STR(resolve(&b, "http://h?q", "?r"), "http://h?r");
	/* Browser habits: trimmed, tabs and newlines removed, '\' as '/'. */
	CHECK_STR(resolve(&b, "http://h/a/", "  b\tc\n "), "http://h/a/bc");
	CHECK_STR(resolve(&b, "http://h/a/", "\\\\evil.example/x"),
	    "http://evil.example/x");
	CHECK_STR(resolve(&b, "HTTPS://h/a", "//cdn.example/i.png"),
	    "https://cdn.example/i.png");
	/* No base: only absolute refs work. */
	CHECK_STR(resolve(&b, NULL, "https://x.example/a/../b"),
	    "https://x.example/b");
	CHECK_STR(resolve(&b, "", "rel"), "(error)");
	CHECK_STR(resolve(&b, NULL, "/abs"), "(error)");
	CHECK_STR(resolve(&b, "relative/base", "x"), "(error)");
	CHECK_STR(resolve(&b, "http://h/", "http://[::1"), "(error)");
	/* Failure leaves what was in the buffer. */
	buf_reset(&b);
	CHECK_INT(buf_puts(&b, "keep"), 0);
	CHECK_INT(url_resolve(NULL, "rel", &b), ERR_INVAL);
	CHECK_STR(buf_cstr(&b), "keep");
	/* Appends. */
	CHECK_INT(url_resolve("http://h/", "x", &b), 0);
	CHECK_STR(buf_cstr(&b), "keephttp://h/x");
	/* IPv6 hosts keep their brackets. */
	CHECK_STR(resolve(&b, "http://[::1]:8080/a/b", "c"),
	    "http://[::1]:8080/a/c");
	buf_release(&b);
}

TEST(url_canonical_forms)
{
	struct buf b = BUF_INIT;

	CHECK_STR(canon(&b, "HTTP://Example.COM:80"), "http://example.com/");
	CHECK_STR(canon(&b, "https://example.com:443/a#frag"),
	    "https://example.com/a");
	CHECK_STR(canon(&b, "https://example.com:8443/a"),
	    "https://example.com:8443/a");
	CHECK_STR(canon(&b, "http://example.com./a/./b/../c"),
	    "http://example.com/a/c");
	CHECK_STR(canon(&b, "http://h/%7euser/%2e%2e/x"), "http://h/x");
	CHECK_STR(canon(&b, "http://h/a%2fb%zz%"), "http://h/a%2Fb%25zz%25");
	CHECK_STR(canon(&b, "http://h/caf\xC3\xA9 x"),
	    "http://h/caf%C3%A9%20x");
	CHECK_STR(canon(&b,
	    "https://news.example/p?id=7&utm_source=rss&UTM_Medium=x&fbclid=1"
	    "&b=2&gclid=z&mc_cid=q#top"),
	    "https://news.example/p?id=7&b=2");
	CHECK_STR(canon(&b, "https://h/p?utm_source=a&fbclid=b"),
	    "https://h/p");
	CHECK_STR(canon(&b, "https://h/p?"), "https://h/p");
	CHECK_STR(canon(&b, "https://h/p?&&a=1&&"), "https://h/p?a=1");
	CHECK_STR(canon(&b, "https://h/p?utm%5Fsource=a&z"),
	    "https://h/p?z");
	CHECK_STR(canon(&b, "https://h/p?b=2&a=1"), "https://h/p?b=2&a=1");
	CHECK_STR(canon(&b, "  https://h/p  "), "https://h/p");
	/* Other schemes are copied; relative and host-less refs are errors. */
	CHECK_STR(canon(&b, "mailto:X@Y"), "mailto:X@Y");
	CHECK_STR(canon(&b, "/relative"), "(error)");
	CHECK_STR(canon(&b, "http:///nohost"), "(error)");
	CHECK_STR(canon(&b, "http://h:99999/"), "(error)");
	buf_release(&b);
}

TEST(url_canonical_idempotent)
{
	static const char *const urls[] = {
		"HTTP://Example.COM:80",
		"http://h/%7euser/%2e%2e/x",
		"http://h/a%2fb%zz%",
		"http://h/%25%32%35",
		"http://h/a/%2E%2E/%2e./b/..%2F",
		"https://h/p?utm%5Fsource=a&z&&%41=%4a",
		"https://h/\\a\\..\\b",
		"http://[2001:DB8::1]:80/x",
		"http://u%41:p@h/",
		"https://h/p?q=a+b%20c#x",
		"http://h/..",
		"http://h/./",
	};
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_LEN(urls); i++) {
		buf_reset(&a);
		buf_reset(&b);
		CHECK_INT(url_canonical(urls[i], &a), 0);
		CHECK_INT(url_canonical(buf_cstr(&a), &b), 0);
		CHECK_STR(buf_cstr(&b), buf_cstr(&a));
	}
	buf_release(&a);
	buf_release(&b);
}

TEST(url_scheme_checks)
{
	CHECK(url_is_fetchable("http://h/", false));
	CHECK(url_is_fetchable(" HTTPS://h", false));
	CHECK(!url_is_fetchable("http:///x", false));
	CHECK(!url_is_fetchable("ftp://h/", false));
	CHECK(!url_is_fetchable("file:///etc/passwd", false));
	CHECK(url_is_fetchable("file:///tmp/feed.xml", true));
	CHECK(!url_is_fetchable("/rel", true));
	CHECK(!url_is_fetchable(NULL, true));

	CHECK(url_is_safe_link("https://h/", false));
	CHECK(url_is_safe_link("MailTo:a@b", false));
	CHECK(url_is_safe_link("/relative/path?x=a:b", false));
	CHECK(url_is_safe_link("#frag", false));
	CHECK(!url_is_safe_link("javascript:alert(1)", false));
	CHECK(!url_is_safe_link("  JaVaScRiPt:alert(1)", false));
	CHECK(!url_is_safe_link("jav\tascr\nipt:alert(1)", false));
	CHECK(!url_is_safe_link("\x01javascript:alert(1)", false));
	CHECK(!url_is_safe_link("vbscript:x", false));
	CHECK(!url_is_safe_link("java\x01script:x", false));
	CHECK(!url_is_safe_link("data:text/html,<script>", true));
	CHECK(!url_is_safe_link("data:image/png;base64,AAAA", false));
	CHECK(url_is_safe_link("data:image/png;base64,AAAA", true));
	CHECK(url_is_safe_link("DATA:Image/GIF,xx", true));
	CHECK(!url_is_safe_link("data:image/svg+xml,<svg onload=x>", true));
	CHECK(!url_is_safe_link("data:image/,x", true));
	CHECK(!url_is_safe_link("data:image/png", true));
	CHECK(!url_is_safe_link(NULL, true));
}

TEST(url_host_lowercase)
{
	struct buf b = BUF_INIT;

	CHECK_INT(url_host("https://User@WWW.Example.org:8080/x", &b), 0);
	CHECK_STR(buf_cstr(&b), "www.example.org");
	buf_reset(&b);
	CHECK_INT(url_host("/no/host", &b), ERR_INVAL);
	CHECK_INT(url_host("mailto:a@b", &b), ERR_INVAL);
	CHECK_STR(buf_cstr(&b), "");
	buf_release(&b);
}
