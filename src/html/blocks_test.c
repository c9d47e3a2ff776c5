/*
 * blocks_test.c: top-level blocks of sanitised HTML.
 */
#include "base/common.h"

#include "base/buf.h"
#include "html/html.h"
#include "unit.h"

struct collected {
	struct buf out;
	int n;
};

static int
collect(void *ctx, const struct html_block *b)
{
	struct collected *c = ctx;

	c->n++;
	buf_printf(&c->out, "[%.*s|%.*s]", (int)b->html_len, b->html,
	    (int)b->text_len, b->text);
	return 0;
}

static const char *
blocks_of(struct collected *c, const char *html)
{
	buf_reset(&c->out);
	c->n = 0;
	CHECK_INT(html_blocks(html, strlen(html), collect, c), 0);
	return buf_cstr(&c->out);
}

TEST(html_blocks_split_top_level)
{
	struct collected c = { BUF_INIT, 0 };

	CHECK_STR(blocks_of(&c, "<p>One <b>two</b></p>\n<p>Three &amp; "
	    "four</p>"), "[<p>One <b>two</b></p>|One two][<p>Three &amp; "
	    "four</p>|Three & four]");
	CHECK_INT(c.n, 2);
	/* Inline runs between blocks are blocks of their own; nested blocks
	 * stay inside their parent and separate its words. */
	CHECK_STR(blocks_of(&c, "Lead text <a href=\"x\">link</a>"
	    "<ul><li>a</li><li>b</li></ul>tail"),
	    "[Lead text <a href=\"x\">link</a>|Lead text link]"
	    "[<ul><li>a</li><li>b</li></ul>|a b][tail|tail]");
	/* Attribute values may hold '>' only escaped, but quotes are
	 * honoured anyway; void elements do not open a level. */
	CHECK_STR(blocks_of(&c, "<p><img src=\"a.png\" alt=\"x &gt; y\">"
	    "Caption<br>line</p><hr>"),
	    "[<p><img src=\"a.png\" alt=\"x &gt; y\">Caption<br>line</p>|"
	    "Caption line][<hr>|]");
	CHECK_STR(blocks_of(&c, ""), "");
	CHECK_STR(blocks_of(&c, "  \n "), "");
	buf_release(&c.out);
}

TEST(html_blocks_on_sanitiser_output)
{
	struct buf clean = BUF_INIT;
	struct collected c = { BUF_INIT, 0 };
	const char *dirty = "<div><p>First<p>Second <i>half</div>"
	    "<script>x()</script><h1>Head</h1>";

	CHECK_INT(html_sanitize(dirty, strlen(dirty), NULL, &clean, NULL), 0);
	blocks_of(&c, buf_cstr(&clean));
	CHECK(c.n >= 2);
	CHECK(strstr(buf_cstr(&c.out), "|Head]") != NULL);
	buf_release(&clean);
	buf_release(&c.out);
}
