/*
 * html/sanitize_test.c: the streaming sanitiser against its oracle, the
 * tree walk it replaced (sanitize_tree.c). Both read the same parser
 * events, so every input must give identical bytes; the inputs are the
 * fixtures of the modules that sanitise HTML plus the corners where the
 * two ways of reading could drift apart (depth limit, prefixed names,
 * text outside the wrapper, empty attribute values).
 */
#include "base/common.h"

#include <dirent.h>
#include <stdio.h>

#include "base/buf.h"
#include "html/html.h"
#include "html/html_int.h"
#include "unit.h"

static void
check_same(const char *in, size_t n, const char *what)
{
	static const char *const bases[] = { NULL,
		"https://base.example/dir/page.html" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(bases); i++) {
		struct buf a = BUF_INIT, t = BUF_INIT;
		int ra = html_sanitize(in, n, bases[i], &a, NULL);
		int rt = html_sanitize_tree(in, n, bases[i], &t, NULL);

		CHECK_INT(ra, rt);
		if (a.len != t.len || memcmp(buf_cstr(&a), buf_cstr(&t),
		    a.len) != 0) {
			CHECK(!"output differs from the tree walk");
			fprintf(stderr, "  input %s\n  stream: %s\n  tree:   %s\n",
			    what, buf_cstr(&a), buf_cstr(&t));
		}
		buf_release(&a);
		buf_release(&t);
	}
}

static int
check_dir(const char *dir, const char *suffix)
{
	DIR *d = opendir(unit_path(dir));
	struct dirent *de;
	int count = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		size_t ln = strlen(de->d_name), ls = strlen(suffix);
		char rel[512];
		char *in;
		size_t n;

		if (ln < ls || strcmp(de->d_name + ln - ls, suffix) != 0)
			continue;
		snprintf(rel, sizeof(rel), "%s/%s", dir, de->d_name);
		if ((in = unit_read_file(rel, &n)) == NULL)
			continue;
		check_same(in, n, rel);
		free(in);
		count++;
	}
	closedir(d);
	return count;
}

TEST(html_sanitize_matches_tree_fixtures)
{
	CHECK(check_dir("src/html/testdata", ".html") > 5);
	CHECK(check_dir("src/extract/testdata", ".html") > 5);
	/* Whole feeds are not item bodies, but they are markup the
	 * parser has to recover from. */
	CHECK(check_dir("src/feed/testdata", ".xml") > 5);
}

TEST(html_sanitize_matches_tree_corners)
{
	static const char *const cases[] = {
		"<svg:svg><svg:script>alert(9)</svg:script></svg:svg>x",
		"<a:b:c>t</a:b:c><:x>y</:x><p:>z</p:>",
		"</div>after the wrapper <b>bold</b> tail",
		"</div> \n <p>para</p>",
		"<img src=\"data:image/png;base64,AAAA\" data-src=\"\">",
		"<img src=\"a.png\" data-src=\"\" data-srcset=\"\">",
		"<img src=x><img src=\"https://h.example/a\" alt>"
		    "<img srcset=\"a.png 1x, //h.example/b.png 2x\" alt=z>",
		"<ol reversed start=3><li value=2>x</ol>",
		"<p>one<p>two<div>three</div><li>four<td>five",
		"<table>\n<tr><td>a</td></tr>\n</table>",
		"<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><body> "
		    "<p>x</p></body>",
		"<html><head><title>t</title></head><body>b</body></html>",
		"text<!-- c -->more<?pi x?>end<![CDATA[cd]]>",
		"<script>a<b</script><style>p{}</style>after",
		"<br/><p/>x<div/>y<a href=x/>z",
		"a &amp b &unknown; c &#0; d &#x110000; e &#128512; f &lt",
		"<a href=\"&#106;avascript:alert(1)\">j</a>",
		"<p>\xEF\xBF\xBE\xEF\xBF\xBF\x01\x0B\r\nx</p>",
	};
	struct buf deep = BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++)
		check_same(cases[i], strlen(cases[i]), cases[i]);
	/* Past the tree builder's depth limit, with text at every level. */
	for (i = 0; i < 300; i++)
		CHECK_INT(buf_printf(&deep, "<span>%zu ", i), 0);
	CHECK_INT(buf_puts(&deep, "end"), 0);
	check_same(deep.p, deep.len, "300 nested spans");
	buf_reset(&deep);
	for (i = 0; i < 300; i++)
		CHECK_INT(buf_puts(&deep, i % 2 ? "<div>" : "<b>"), 0);
	check_same(deep.p, deep.len, "300 nested divs and bs");
	buf_release(&deep);
}
