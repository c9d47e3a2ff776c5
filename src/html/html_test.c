/*
 * html_test.c: entity decoding, text extraction, the sanitiser (against
 * the hostile fixtures in src/html/testdata/), feed-link discovery and
 * HTML sniffing.
 *
 * Every sanitiser output is checked by an independent scanner that reads
 * our output format back and refuses any element, attribute or URL
 * outside the allow-list, and is sanitised again to prove idempotence.
 */
#include "base/common.h"

#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/url.h"
#include "base/utf8.h"
#include "html/html.h"
#include "unit.h"

#define BASE "https://base.example/dir/page.html"

static const char *
dec(struct buf *b, const char *s)
{
	buf_reset(b);
	if (html_decode_entities(s, strlen(s), b) != 0)
		return "(error)";
	return buf_cstr(b);
}

static const char *
text(struct buf *b, const char *s)
{
	buf_reset(b);
	if (html_to_text(s, strlen(s), b, NULL) != 0)
		return "(error)";
	return buf_cstr(b);
}

static const char *
san(struct buf *b, const char *s, const char *base)
{
	buf_reset(b);
	if (html_sanitize(s, strlen(s), base, b, NULL) != 0)
		return "(error)";
	return buf_cstr(b);
}

TEST(html_decode_named_and_numeric)
{
	struct buf b = BUF_INIT;

	CHECK_STR(dec(&b, "Tom &amp; Jerry &lt;3 &quot;hi&quot; &apos;x&apos;"),
	    "Tom & Jerry <3 \"hi\" 'x'");
	CHECK_STR(dec(&b, "caf&eacute; &Eacute; &hellip; &mdash; &euro;"),
	    "caf\xC3\xA9 \xC3\x89 \xE2\x80\xA6 \xE2\x80\x94 \xE2\x82\xAC");
	/* HTML5 names beyond libxml2's HTML 4 table. */
	CHECK_STR(dec(&b, "&Tab;&NewLine;&commat;&mldr;&AMP;"),
	    "\t\n@\xE2\x80\xA6&");
	CHECK_STR(dec(&b, "&#65;&#x42;&#X43;&#0068;"), "ABCD");
	/* windows-1252 in 0x80-0x9F. */
	CHECK_STR(dec(&b, "&#150;&#x93;&#128;&#x9f;"),
	    "\xE2\x80\x93\xE2\x80\x9C\xE2\x82\xAC\xC5\xB8");
	/* Holes of windows-1252, zero, surrogates, too big: U+FFFD. */
	CHECK_STR(dec(&b, "&#x81;|&#0;|&#xD800;|&#x110000;|&#99999999999999;"),
	    "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|"
	    "\xEF\xBF\xBD");
	CHECK_STR(dec(&b, "&#1;&#xFFFE;&#9;"), "\xEF\xBF\xBD\xEF\xBF\xBD\t");
	buf_release(&b);
}

TEST(html_decode_missing_semicolon)
{
	struct buf b = BUF_INIT;

	CHECK_STR(dec(&b, "&#65 &#x42"), "A B");
	CHECK_STR(dec(&b, "a &amp b"), "a & b");
	CHECK_STR(dec(&b, "&copy 2024"), "\xC2\xA9 2024");
	/* Where it could be a word or a query parameter, leave it. */
	CHECK_STR(dec(&b, "&copy2024"), "&copy2024");
	CHECK_STR(dec(&b, "?a=1&copy=2"), "?a=1&copy=2");
	CHECK_STR(dec(&b, "&notit;"), "&notit;");
	/* Only legacy names work without ';'. */
	CHECK_STR(dec(&b, "&hellip x &apos x"), "&hellip x &apos x");
	CHECK_STR(dec(&b, "& &; &# &#x; &#; &unknown; &"),
	    "& &; &# &#x; &#; &unknown; &");
	buf_release(&b);
}

TEST(html_decode_repairs_utf8)
{
	struct buf b = BUF_INIT;

	CHECK_INT(html_decode_entities("a\xFF&amp;\xC3", 8, &b), 0);
	CHECK_STR(buf_cstr(&b), "a\xEF\xBF\xBD&\xEF\xBF\xBD");
	CHECK(utf8_valid(b.p, b.len));
	buf_reset(&b);
	CHECK_INT(html_decode_entities("", 0, &b), 0);
	CHECK_STR(buf_cstr(&b), "");
	buf_release(&b);
}

TEST(html_to_text_blocks_and_words)
{
	struct buf b = BUF_INIT;

	CHECK_STR(text(&b, "<p>Hello <b>wor</b>ld</p><p>Second&nbsp;one</p>"),
	    "Hello world\n\nSecond\xC2\xA0one");
	CHECK_STR(text(&b, "fo<b>o</b>bar"), "foobar");
	CHECK_STR(text(&b, "a<br>b<br><br>c<br/>"), "a\nb\n\nc");
	CHECK_STR(text(&b, "<ul><li>one</li><li>two</li></ul>after"),
	    "one\ntwo\n\nafter");
	CHECK_STR(text(&b, "  lots   of\n\t space  "), "lots of space");
	CHECK_STR(text(&b, "<div>x<script>var a = '<p>';</script>y"
	    "<style>p { }</style><template>t</template>z</div>"), "xyz");
	CHECK_STR(text(&b, "<table><tr><td>a</td><td>b</td></tr>"
	    "<tr><td>c</td></tr></table>"), "a b\nc");
	CHECK_STR(text(&b, "&lt;b&gt; &amp; &quot;"), "<b> & \"");
	CHECK_STR(text(&b, "<p>x</p><pre>  a\n   b</pre><p>y</p>"),
	    "x\n\n  a\n   b\n\ny");
	CHECK_STR(text(&b, "<h1>Title</h1>Body <i>text</i>."),
	    "Title\n\nBody text.");
	CHECK_STR(text(&b, "<!-- note --><p>\n</p>"), "");
	CHECK_STR(text(&b, "t<embed src=x>after"), "tafter");
	CHECK_STR(text(&b, ""), "");
	buf_release(&b);
}

TEST(html_sanitize_basics)
{
	struct buf b = BUF_INIT;

	CHECK_STR(san(&b, "Hello <b>world</b>", NULL), "Hello <b>world</b>");
	CHECK_STR(san(&b, "<p onclick=x style=\"color:red\" class=c>t</p>",
	    NULL), "<p>t</p>");
	CHECK_STR(san(&b, "<a href=\"/x\" target=_blank>l</a>", BASE),
	    "<a href=\"https://base.example/x\" rel=\"noopener noreferrer\">"
	    "l</a>");
	CHECK_STR(san(&b, "<a href=\"x y\">l</a>", NULL),
	    "<a href=\"x y\" rel=\"noopener noreferrer\">l</a>");
	CHECK_STR(san(&b, "<a href=\"javascript:alert(1)\">l</a>", BASE),
	    "<a>l</a>");
	CHECK_STR(san(&b, "x<script>alert(1)</script>y", NULL), "xy");
	CHECK_STR(san(&b, "<img src=a.png width=1 height=1>", BASE), "");
	CHECK_STR(san(&b, "<img src=a.png width=\"640px\" height=x>", BASE),
	    "<img src=\"https://base.example/dir/a.png\" alt=\"\" "
	    "width=\"640\">");
	CHECK_STR(san(&b, "<img alt=no-src>", BASE), "");

	CHECK_STR(san(&b, "<h1>T</h1>", NULL), "<h2>T</h2>");
	CHECK_STR(san(&b, "<strike>old</strike>", NULL), "<s>old</s>");
	CHECK_STR(san(&b, "<p title='a\"b&amp;'>&lt;&gt;&amp;\"'</p>", NULL),
	    "<p title=\"a&quot;b&amp;\">&lt;&gt;&amp;\"'</p>");
	CHECK_STR(san(&b, "<!-- c -->t<?pi x?>", NULL), "t");
	CHECK_STR(san(&b, "<foo><bar>kept</bar></foo>", NULL), "kept");
	CHECK_STR(san(&b, "<ol start=3 reversed type=a><li value=x>i</li></ol>",
	    NULL), "<ol start=\"3\" reversed><li>i</li></ol>");
	CHECK_STR(san(&b, "<video src=v.mp4 autoplay loop></video>", BASE),
	    "<video src=\"https://base.example/dir/v.mp4\" controls></video>");
	CHECK_STR(san(&b, "<li>a</li><li>b</li>", NULL),
	    "<div>a</div><div>b</div>");
	CHECK_STR(san(&b, "<p lang=\"en-GB\" dir=\"sideways\">x</p>", NULL),
	    "<p lang=\"en-GB\">x</p>");
	CHECK_STR(san(&b, "<source src=x>t", NULL), "t");
	CHECK_STR(san(&b, "<p title=\"a\x01" "b\">c\x1F\x7F" "d\tz</p>", NULL),
	    "<p title=\"ab\">cd\tz</p>");
	CHECK_STR(san(&b, "", NULL), "");
	buf_release(&b);
}

TEST(html_sanitize_srcset)
{
	struct buf b = BUF_INIT;

	CHECK_STR(san(&b, "<img srcset=\"a.png 1x,b.png 2x , javascript:x 3x,"
	    " c.png bogus, d.png\">", BASE),
	    "<img srcset=\"https://base.example/dir/a.png 1x, "
	    "https://base.example/dir/b.png 2x, "
	    "https://base.example/dir/d.png\" alt=\"\">");
	CHECK_STR(san(&b, "<img srcset=\"javascript:x 1x\">", BASE), "");
	CHECK_STR(san(&b, "<img srcset=\"a.png 1x, https://c.example/b.png 2x\">",
	    NULL), "<img srcset=\"https://c.example/b.png 2x\" alt=\"\">");
	buf_release(&b);
}

/* Is v one of the space-separated words of list? */
static bool
in_list(const char *list, const char *v, size_t n)
{
	const char *p = list;

	while (*p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, v, n) == 0)
			return true;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return false;
}

/*
 * Read sanitiser output back and fail on anything outside the allow-list:
 * unknown elements or attributes, event handlers, unsafe URLs, raw '>'
 * in text or unknown character references. Returns the number of
 * problems found.
 */
static int
scan_output(const char *what, const char *s, size_t n)
{
	static const char tags[] = "a abbr address audio b bdi bdo blockquote "
	    "br caption cite code dd del details dfn div dl dt em figcaption "
	    "figure h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q "
	    "rp rt ruby s samp small source span strong sub summary sup table "
	    "tbody td tfoot th thead time tr u ul var video wbr";
	static const char attrs[] = "href src srcset sizes media type poster "
	    "alt title width height datetime cite colspan rowspan scope start "
	    "reversed value open lang dir rel controls";
	struct buf v = BUF_INIT;
	size_t i = 0, k;
	int bad = 0;

	if (!utf8_valid(s, n)) {
		unit_fail(__FILE__, __LINE__, "%s: invalid UTF-8", what);
		return 1;
	}
	while (i < n && !bad) {
		if (s[i] == '>') {
			unit_fail(__FILE__, __LINE__, "%s: raw '>' at %zu",
			    what, i);
			bad++;
		} else if (s[i] == '&') {
			static const char *const refs[] = { "&amp;", "&lt;",
				"&gt;", "&quot;", "&#39;" };
			for (k = 0; k < ARRAY_LEN(refs); k++)
				if (strncmp(s + i, refs[k], strlen(refs[k])) == 0)
					break;
			if (k == ARRAY_LEN(refs)) {
				unit_fail(__FILE__, __LINE__,
				    "%s: stray '&' at %zu", what, i);
				bad++;
			}
		} else if (s[i] == '<') {
			const char *name;
			size_t nl;
			bool is_img;
			i++;
			if (s[i] == '/')
				i++;
			name = s + i;
			while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= '0' && s[i] <= '9')))
				i++;
			nl = (size_t)(s + i - name);
			is_img = nl == 3 && memcmp(name, "img", 3) == 0;
			if (!in_list(tags, name, nl)) {
				unit_fail(__FILE__, __LINE__,
				    "%s: element <%.*s> at %zu", what, (int)nl,
				    name, i);
				bad++;
				break;
			}
			while (i < n && s[i] == ' ') {
				const char *an = s + ++i;
				size_t al;
				while (i < n && s[i] >= 'a' && s[i] <= 'z')
					i++;
				al = (size_t)(s + i - an);
				if (!in_list(attrs, an, al) || (al >= 2 &&
				    an[0] == 'o' && an[1] == 'n')) {
					unit_fail(__FILE__, __LINE__,
					    "%s: attribute %.*s", what,
					    (int)al, an);
					bad++;
				}
				if (s[i] != '=')
					continue;
				if (s[++i] != '"') {
					unit_fail(__FILE__, __LINE__,
					    "%s: unquoted value", what);
					bad++;
					break;
				}
				k = ++i;
				while (i < n && s[i] != '"' && s[i] != '<' &&
				    s[i] != '>')
					i++;
				if (s[i] != '"') {
					unit_fail(__FILE__, __LINE__,
					    "%s: raw < or > in value", what);
					bad++;
					break;
				}
				buf_reset(&v);
				CHECK_INT(html_decode_entities(s + k, i - k, &v),
				    0);
				i++;
				if ((al == 4 && (memcmp(an, "href", 4) == 0 ||
				    memcmp(an, "cite", 4) == 0)) ||
				    (al == 3 && memcmp(an, "src", 3) == 0) ||
				    (al == 6 && memcmp(an, "poster", 6) == 0)) {
					if (!url_is_safe_link(buf_cstr(&v),
					    is_img && al == 3) ||
					    strcasestr(buf_cstr(&v),
					    "javascript:")) {
						unit_fail(__FILE__, __LINE__,
						    "%s: unsafe URL %s", what,
						    buf_cstr(&v));
						bad++;
					}
				}
				if (al == 6 && memcmp(an, "srcset", 6) == 0 &&
				    (strcasestr(buf_cstr(&v), "script:") ||
				    strcasestr(buf_cstr(&v), "data:"))) {
					unit_fail(__FILE__, __LINE__,
					    "%s: unsafe srcset %s", what,
					    buf_cstr(&v));
					bad++;
				}
			}
			if (s[i] != '>') {
				unit_fail(__FILE__, __LINE__,
				    "%s: tag not closed at %zu", what, i);
				bad++;
			}
		}
		i++;
	}
	buf_release(&v);
	return bad;
}

/* Sanitise, scan, and sanitise again: the second pass must change
 * nothing. */
static void
check_sanitize(const char *what, const char *in, size_t n, const char *base,
    struct buf *out)
{
	struct buf again = BUF_INIT;

	buf_reset(out);
	CHECK_INT(html_sanitize(in, n, base, out, NULL), 0);
	scan_output(what, buf_cstr(out), out->len);
	CHECK_INT(html_sanitize(buf_cstr(out), out->len, base, &again, NULL),
	    0);
	if (strcmp(buf_cstr(out), buf_cstr(&again)) != 0)
		unit_fail(__FILE__, __LINE__,
		    "%s: not idempotent:\n%s\n----\n%s", what, buf_cstr(out),
		    buf_cstr(&again));
	buf_release(&again);
}

static const char *const html_fixtures[] = {
	"article.html", "fuzz-control-in-href.html", "xss-broken.html",
	"xss-css.html", "xss-events.html",
	"xss-script.html", "xss-svg-math.html", "xss-urls.html",
};

TEST(html_sanitize_hostile_fixtures)
{
	struct buf out = BUF_INIT;
	char path[256];
	size_t i, n;
	char *in;

	for (i = 0; i < ARRAY_LEN(html_fixtures); i++) {
		snprintf(path, sizeof(path), "src/html/testdata/%s",
		    html_fixtures[i]);
		if ((in = unit_read_file(path, &n)) == NULL)
			continue;
		check_sanitize(html_fixtures[i], in, n, BASE, &out);
		check_sanitize(html_fixtures[i], in, n, NULL, &out);
		/* Nothing survives that a browser would run. */
		CHECK(strcasestr(buf_cstr(&out), "alert(") == NULL ||
		    strcasestr(buf_cstr(&out), "<script") == NULL);
		free(in);
	}
	buf_release(&out);
}

TEST(html_sanitize_article_expected)
{
	struct buf out = BUF_INIT;
	char *in, *want;
	size_t n, wn;

	in = unit_read_file("src/html/testdata/article.html", &n);
	want = unit_read_file("src/html/testdata/article.expected.html", &wn);
	if (in && want) {
		CHECK_INT(html_sanitize(in, n, BASE, &out, NULL), 0);
		CHECK_STR(buf_cstr(&out), want);
	}
	free(in);
	free(want);
	buf_release(&out);
}

TEST(html_sanitize_url_tricks)
{
	struct buf out = BUF_INIT;
	char *in;
	size_t n;

	in = unit_read_file("src/html/testdata/xss-urls.html", &n);
	if (in) {
		CHECK_INT(html_sanitize(in, n, BASE, &out, NULL), 0);
		CHECK(strcasestr(buf_cstr(&out), "script:") == NULL);
		CHECK(strcasestr(buf_cstr(&out), "data:text") == NULL);
		CHECK(strcasestr(buf_cstr(&out), "svg+xml") == NULL);
		CHECK(strstr(buf_cstr(&out),
		    "<img src=\"data:image/png;base64,") != NULL);
		CHECK(strstr(buf_cstr(&out),
		    "href=\"https://evil.example/share\"") != NULL);
	}
	free(in);
	buf_release(&out);
	/* NUL bytes inside a scheme. */
	check_sanitize("nul", "<a href=\"java\0script:alert(1)\">x</a>", 36,
	    NULL, &out);
	CHECK_STR(buf_cstr(&out), "<a>x</a>");
	/* With a base it is a harmless relative path. */
	check_sanitize("nul", "<a href=\"java\0script:alert(1)\">x</a>", 36,
	    BASE, &out);
	CHECK(strstr(buf_cstr(&out), "href=\"https://base.example/dir/java")
	    != NULL);
	buf_release(&out);
}

TEST(html_sanitize_deep_nesting)
{
	static const char *const opens[] = { "<div>", "<b>", "<a href=x>",
		"<table><tr><td>", "<ul><li>", "<span><p>", "<x>", "<q>" };
	struct buf in = BUF_INIT, out = BUF_INIT;
	size_t i, k, depth, max;

	for (k = 0; k < ARRAY_LEN(opens); k++) {
		buf_reset(&in);
		for (i = 0; i < 10000; i++)
			CHECK_INT(buf_puts(&in, opens[k]), 0);
		CHECK_INT(buf_puts(&in, "deep text"), 0);
		check_sanitize(opens[k], in.p, in.len, BASE, &out);
		/* Bounded nesting in the output. */
		depth = max = 0;
		for (i = 0; i + 1 < out.len; i++) {
			if (out.p[i] != '<')
				continue;
			if (out.p[i + 1] == '/')
				depth--;
			else if (strncmp(out.p + i, "<br", 3) != 0)
				depth++;
			if (depth > max)
				max = depth;
		}
		CHECK(max <= 400);
	}
	buf_release(&in);
	buf_release(&out);
}

TEST(html_sanitize_too_big)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct err e;

	CHECK_INT(buf_grow(&in, ((size_t)4 << 20) + 1), 0);
	memset(in.p, 'a', ((size_t)4 << 20) + 1);
	in.len = ((size_t)4 << 20) + 1;
	CHECK_INT(html_sanitize(in.p, in.len, NULL, &out, &e), ERR_TOOBIG);
	CHECK_INT(e.code, ERR_TOOBIG);
	CHECK_INT(out.len, 0);
	CHECK_INT(html_to_text(in.p, in.len, &out, NULL), ERR_TOOBIG);
	buf_release(&in);
	buf_release(&out);
}

TEST(html_sanitize_invalid_utf8)
{
	static const char in[] = "<p title=\"\xC0\xAF\">caf\xE9 \xF0\x9F "
	    "\xED\xA0\x80 ok \xC3\xA9</p><\xFF\xFE>";
	struct buf out = BUF_INIT;

	check_sanitize("utf8", in, sizeof(in) - 1, NULL, &out);
	CHECK(strstr(buf_cstr(&out), "ok \xC3\xA9") != NULL);
	CHECK(strstr(buf_cstr(&out), "caf\xEF\xBF\xBD") != NULL);
	/* A charset declaration inside the fragment changes nothing. */
	check_sanitize("meta", "<meta charset=\"iso-8859-1\"><p>\xC3\xA9</p>",
	    strlen("<meta charset=\"iso-8859-1\"><p>\xC3\xA9</p>"), NULL,
	    &out);
	CHECK_STR(buf_cstr(&out), "<p>\xC3\xA9</p>");
	buf_release(&out);
}

/* Every pair of allowed elements, nested with an unknown element between
 * them that gets unwrapped: the output must still be a fixed point even
 * where libxml2 would auto-close the outer one. */
TEST(html_sanitize_idempotent_pairs)
{
	static const char *const names[] = { "a", "abbr", "address", "b",
		"blockquote", "caption", "cite", "code", "dd", "del", "details",
		"div", "dl", "dt", "em", "figcaption", "figure", "h1", "h3",
		"i", "ins", "li", "mark", "ol", "p", "picture", "pre", "q",
		"ruby", "rt", "s", "small", "span", "strong", "sub", "summary",
		"table", "tbody", "td", "th", "thead", "time", "tr", "u", "ul",
		"var" };
	struct buf in = BUF_INIT, out = BUF_INIT;
	size_t i, k;

	for (i = 0; i < ARRAY_LEN(names); i++) {
		for (k = 0; k < ARRAY_LEN(names); k++) {
			buf_reset(&in);
			CHECK_INT(buf_printf(&in, "<%s>a <x> <%s>b</%s> c</x>"
			    " <%s>d</%s></%s>e", names[i], names[k], names[k],
			    names[k], names[k], names[i]), 0);
			check_sanitize(in.p, in.p, in.len, NULL, &out);
		}
	}
	buf_release(&in);
	buf_release(&out);
}

/* Images must load wherever the HTML is shown and must not be read out
 * by file name: a source that is still relative after resolution (no
 * base) is dropped, and a missing alt becomes "" (decorative). */
TEST(html_sanitize_img_policy)
{
	static const char *const again[] = {
		"<img src=x>", "<img src=\"https://h.example/a\" alt>",
		"<img srcset=\"a.png 1x, https://h.example/b 2x\" alt=\"z\">",
		"<figure><img data-src=\"/a.png\" src=\"data:image/gif;,\">"
		    "<figcaption>c</figcaption></figure>",
	};
	struct buf b = BUF_INIT;
	size_t i;

	CHECK_STR(san(&b, "<p>t</p><img src=\"x\">", NULL), "<p>t</p>");
	CHECK_STR(san(&b, "<img src=\"../images/a.svg\" alt=\"a\">", NULL),
	    "");
	CHECK_STR(san(&b, "<img srcset=\"a.png 1x\">", NULL), "");
	CHECK_STR(san(&b, "<img src=\"x\">", BASE),
	    "<img src=\"https://base.example/dir/x\" alt=\"\">");
	CHECK_STR(san(&b, "<img src=\"HTTP://Cdn.example/a.png\" alt=\"Map\">",
	    NULL), "<img src=\"http://Cdn.example/a.png\" alt=\"Map\">");
	CHECK_STR(san(&b, "<img src=\"data:image/gif;base64,R0lG\" alt>",
	    NULL), "<img src=\"data:image/gif;base64,R0lG\" alt=\"\">");
	CHECK_STR(san(&b, "<img src=\"x.png\" srcset=\"x2.png 2x\" "
	    "data-src=\"https://cdn.example/real.png\">", NULL), "");
	CHECK_STR(san(&b, "<img src=\"data:image/gif;base64,R0lG\" "
	    "data-src=\"https://cdn.example/real.png\">", NULL),
	    "<img src=\"https://cdn.example/real.png\" alt=\"\">");
	CHECK_STR(san(&b, "<img src=\"ftp://h.example/a.png\">", NULL), "");
	/* Not images: relative links and media keep working as before. */
	CHECK_STR(san(&b, "<a href=\"x\">l</a>", NULL),
	    "<a href=\"x\" rel=\"noopener noreferrer\">l</a>");
	for (i = 0; i < ARRAY_LEN(again); i++) {
		check_sanitize(again[i], again[i], strlen(again[i]), NULL, &b);
		check_sanitize(again[i], again[i], strlen(again[i]), BASE, &b);
	}
	buf_release(&b);
}

struct found {
	int n;
	char urls[4][128];
	char types[4][32];
	char titles[4][32];
};

static void
on_feed(void *ctx, const char *url, const char *type, const char *title)
{
	struct found *f = ctx;

	if (f->n < 4) {
		snprintf(f->urls[f->n], sizeof(f->urls[0]), "%s", url);
		snprintf(f->types[f->n], sizeof(f->types[0]), "%s", type);
		snprintf(f->titles[f->n], sizeof(f->titles[0]), "%s",
		    title ? title : "(none)");
	}
	f->n++;
}

TEST(html_find_feed_links_page)
{
	static const char page[] =
	    "<!DOCTYPE html><html><head><title>Site</title>"
	    "<link rel=\"stylesheet\" href=\"/s.css\" type=\"text/css\">"
	    "<link rel=\"Alternate\" type=\"application/rss+xml\" "
	    "title=\"All posts\" href=\"/feed.xml\">"
	    "<link rel=\"alternate nofollow\" type=\"Application/Atom+XML; "
	    "charset=utf-8\" href=\"atom\">"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" "
	    "href=\"/feed.xml\">"
	    "<link rel=\"alternate\" type=\"text/html\" href=\"/fr/\">"
	    "<link rel=\"alternate\" type=\"application/feed+json\" "
	    "href=\"javascript:alert(1)\">"
	    "<link rel=\"alternates\" type=\"application/rss+xml\" "
	    "href=\"/no\">"
	    "</head><body><p>hi</p></body></html>";
	struct found f;

	memset(&f, 0, sizeof(f));
	CHECK_INT(html_find_feed_links(page, sizeof(page) - 1,
	    "https://site.example/blog/", on_feed, &f), 2);
	CHECK_INT(f.n, 2);
	CHECK_STR(f.urls[0], "https://site.example/feed.xml");
	CHECK_STR(f.types[0], "application/rss+xml");
	CHECK_STR(f.titles[0], "All posts");
	CHECK_STR(f.urls[1], "https://site.example/blog/atom");
	CHECK_STR(f.types[1], "application/atom+xml");
	CHECK_STR(f.titles[1], "(none)");
}

TEST(html_find_feed_links_base)
{
	static const char page[] =
	    "<html><head><link rel=alternate type=application/json "
	    "href=feed.json><base href=\"https://cdn.example/x/\"></head>"
	    "</html>";
	struct found f;

	memset(&f, 0, sizeof(f));
	CHECK_INT(html_find_feed_links(page, sizeof(page) - 1,
	    "https://site.example/", on_feed, &f), 1);
	CHECK_STR(f.urls[0], "https://cdn.example/x/feed.json");
	/* Without any base a relative link cannot be reported. */
	memset(&f, 0, sizeof(f));
	CHECK_INT(html_find_feed_links("<link rel=alternate "
	    "type=text/xml href=/f>", 39, NULL, on_feed, &f), 0);
	CHECK_INT(html_find_feed_links("", 0, NULL, on_feed, &f), 0);
}

TEST(html_sniff_pages_and_feeds)
{
	static const char *const html[] = {
		"<!DOCTYPE html><html><body>x</body></html>",
		"\xEF\xBB\xBF  <!doctype HTML>",
		"<!-- generator --><html lang=en>",
		"<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD "
		"XHTML 1.0 Strict//EN\" \"x\"><html>",
		"<meta charset=utf-8><title>x</title><body>",
		"<HTML>",
		"<div>stray</div><head>",
	};
	static const char *const other[] = {
		"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
		"<description>&lt;html&gt;<![CDATA[<body>]]></description>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><body>",
		"<rdf:RDF><channel>",
		"{\"version\": \"https://jsonfeed.org/version/1.1\"}",
		"",
		"<!-- unterminated",
		"<htmlx>",
		"plain text <html>",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(html); i++)
		if (!html_sniff(html[i], strlen(html[i])))
			unit_fail(__FILE__, __LINE__, "not sniffed: %s",
			    html[i]);
	for (i = 0; i < ARRAY_LEN(other); i++)
		if (html_sniff(other[i], strlen(other[i])))
			unit_fail(__FILE__, __LINE__, "sniffed: %s", other[i]);
	CHECK(!html_sniff(NULL, 0));
}

/* Deepest nesting of a page, by libxml2's own parse (SAX, which has no
 * depth limit). */
static int
max_open(const char *html, size_t n, const char *tag)
{
	int depth = 0, max = 0;
	size_t i, tl = strlen(tag);

	for (i = 0; i + tl + 1 < n; i++) {
		if (html[i] != '<')
			continue;
		if (html[i + 1] == '/' && strncmp(html + i + 2, tag, tl) == 0)
			depth--;
		else if (strncmp(html + i + 1, tag, tl) == 0)
			depth++;
		if (depth > max)
			max = depth;
	}
	return max;
}

TEST(html_flatten_caps_depth_keeps_text)
{
	struct buf in = BUF_INIT, out = BUF_INIT, txt = BUF_INIT;
	int i;

	/* A template that never closes its <font> tags, then an article. */
	CHECK_INT(buf_puts(&in, "<html><head><title>T &amp; U</title>"
	    "<script>if (a < b && c) x = \"</p>\";</script></head><body>"
	    "<p class=\"lead\">First paragraph.</p>"), 0);
	for (i = 0; i < 1000; i++)
		CHECK_INT(buf_puts(&in, "<font size=\"2\">"), 0);
	CHECK_INT(buf_puts(&in, "<p title='say \"hi\"'>Deep one &lt;tag&gt;"
	    "<br>next line</p><p>Deep two <img src=\"a.png\"> done</p>"
	    "</body></html>"), 0);
	CHECK_INT(html_flatten(in.p, in.len, 50, &out, NULL), 0);
	CHECK(max_open(out.p, out.len, "font") <= 50);
	CHECK(strstr(out.p, "if (a < b && c) x = \"</p>\";") != NULL);
	CHECK(strstr(out.p, "<p title=\"say &quot;hi&quot;\">Deep one "
	    "&lt;tag&gt;<br>next line</p>") != NULL);
	CHECK(strstr(out.p, "</br>") == NULL);
	CHECK(strstr(out.p, "</img>") == NULL);
	CHECK(strstr(out.p, "<p class=\"lead\">First paragraph.</p>") != NULL);
	/* Read again, the paragraphs stay apart. */
	CHECK_INT(html_to_text(out.p, out.len, &txt, NULL), 0);
	CHECK(strstr(txt.p, "Deep one <tag>\nnext line\n\nDeep two done")
	    != NULL);
	buf_release(&in);
	buf_release(&out);
	buf_release(&txt);
}

TEST(html_flatten_shallow_page_unchanged_in_text)
{
	static const char page[] = "<html><body><div id=\"a\"><p>One "
	    "<b>bold</b> word.</p><ul><li>x</li><li>y</li></ul></div>"
	    "</body></html>";
	struct buf out = BUF_INIT, a = BUF_INIT, b = BUF_INIT;

	CHECK_INT(html_flatten(page, strlen(page), 200, &out, NULL), 0);
	CHECK_STR(out.p, "<html><body><div id=\"a\"><p>One <b>bold</b> "
	    "word.</p><ul><li>x</li><li>y</li></ul></div></body></html>");
	CHECK_INT(html_to_text(page, strlen(page), &a, NULL), 0);
	CHECK_INT(html_to_text(out.p, out.len, &b, NULL), 0);
	CHECK_STR(a.p, b.p);
	buf_release(&out);
	buf_release(&a);
	buf_release(&b);
}

TEST(html_sanitize_past_tree_depth_keeps_text)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	int i;

	/* A feed body from a template that never closes its <font> tags. */
	CHECK_INT(buf_puts(&in, "<p>First.</p>"), 0);
	for (i = 0; i < 400; i++)
		CHECK_INT(buf_puts(&in, "<font size=\"2\">"), 0);
	CHECK_INT(buf_puts(&in, "<p>Later text.</p><p>Closing.</p>"), 0);
	check_sanitize("400 unclosed <font>", in.p, in.len, BASE, &out);
	CHECK_STR(out.p, "<p>First.</p><p>Later text.</p><p>Closing.</p>");
	buf_reset(&in);
	for (i = 0; i < 10000; i++)
		CHECK_INT(buf_puts(&in, "<div>"), 0);
	CHECK_INT(buf_puts(&in, "<p>Deep text.</p>"), 0);
	check_sanitize("10,000 <div>", in.p, in.len, BASE, &out);
	CHECK(strstr(out.p, "<p>Deep text.</p>") != NULL);
	buf_release(&in);
	buf_release(&out);
}
