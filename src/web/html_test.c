/*
 * html_test.c: the context-escaping writer of the web layer.
 */
#include "base/common.h"

#include "base/buf.h"
#include "base/err.h"
#include "web/html.h"
#include "unit.h"

TEST(web_html_text_escapes_all_five)
{
	struct buf b = BUF_INIT;

	CHECK_INT(web_html_text(&b, "a&b<c>d\"e'f"), 0);
	CHECK_STR(buf_cstr(&b), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	buf_reset(&b);
	CHECK_INT(web_html_text(&b, NULL), 0);
	CHECK_STR(buf_cstr(&b), "");
	CHECK_INT(web_html_text(&b, "plain \xc3\xa9t\xc3\xa9"), 0);
	CHECK_STR(buf_cstr(&b), "plain \xc3\xa9t\xc3\xa9");
	buf_reset(&b);
	CHECK_INT(web_html_text_n(&b, "x\0<y", 4), 0);
	CHECK_STR(buf_cstr(&b), "x&lt;y");
	buf_release(&b);
}

TEST(web_html_attr_breaks_no_quotes)
{
	struct buf b = BUF_INIT;

	CHECK_INT(web_html_attr(&b, "\" onmouseover=\"alert(1)"), 0);
	CHECK_STR(buf_cstr(&b), "&quot; onmouseover=&quot;alert(1)");
	buf_reset(&b);
	CHECK_INT(web_html_attr(&b, "' autofocus onfocus='x"), 0);
	CHECK_STR(buf_cstr(&b), "&#39; autofocus onfocus=&#39;x");
	buf_release(&b);
}

TEST(web_html_url_scheme_allowlist)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "https://example.org/a?b=1&c=2",
		  "https://example.org/a?b=1&amp;c=2" },
		{ "HTTP://Example.org/", "HTTP://Example.org/" },
		{ "mailto:desk@example.org", "mailto:desk@example.org" },
		{ "/article/12", "/article/12" },
		{ "../up", "../up" },
		{ "?q=x", "?q=x" },
		{ "#top", "#top" },
		{ "//cdn.example.org/x.png", "//cdn.example.org/x.png" },
		{ "a/b:c", "a/b:c" },
		{ "javascript:alert(1)", "#" },
		{ "JaVaScRiPt:alert(1)", "#" },
		{ "java\tscript:alert(1)", "#" },
		{ "java\nscript:alert(1)", "#" },
		{ " javascript:alert(1)", "#" },
		{ "\x01javascript:alert(1)", "#" },
		{ "vbscript:msgbox", "#" },
		{ "data:text/html,<script>", "#" },
		{ "data:image/png;base64,AAAA", "#" },
		{ "file:///etc/passwd", "#" },
		{ "ftp://example.org/", "#" },
		{ "javascript&#58;alert(1)", "javascript&amp;#58;alert(1)" },
		{ "\"><script>", "&quot;&gt;&lt;script&gt;" },
		{ "", "#" },
		{ ":x", "#" },
	};
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		buf_reset(&b);
		CHECK_INT(web_html_url(&b, cases[i].in), 0);
		CHECK_STR(buf_cstr(&b), cases[i].out);
	}
	buf_reset(&b);
	CHECK_INT(web_html_url(&b, NULL), 0);
	CHECK_STR(buf_cstr(&b), "#");
	buf_release(&b);
}

TEST(web_html_urlpart_encodes)
{
	struct buf b = BUF_INIT;

	CHECK_INT(web_html_urlpart(&b, "Middle East/ä &\"'<x>?#"), 0);
	CHECK_STR(buf_cstr(&b),
	    "Middle%20East%2F%C3%A4%20%26%22%27%3Cx%3E%3F%23");
	buf_reset(&b);
	CHECK_INT(web_html_urlpart(&b, "a-b.c_d~e"), 0);
	CHECK_STR(buf_cstr(&b), "a-b.c_d~e");
	buf_release(&b);
}

TEST(web_html_lit_int_safe_and_cap)
{
	struct buf b;

	buf_init(&b, 16);
	CHECK_INT(WEB_LIT(&b, "<p>"), 0);
	CHECK_INT(web_html_int(&b, -42), 0);
	CHECK_INT(web_html_safe(&b, web_safe_html_from_store("<b>x</b>")), 0);
	CHECK_STR(buf_cstr(&b), "<p>-42<b>x</b>");
	/* Going over the cap fails and leaves what was written. */
	CHECK_INT(web_html_text(&b, "<<<<"), ERR_TOOBIG);
	CHECK(b.len <= 16);
	buf_release(&b);
}
