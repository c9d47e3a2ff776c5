/*
 * feed_test.c: the stages of the feed parser (charset, xmlfix) and the
 * streaming contract: any split of the input into chunks gives the same
 * items, limits stop with an error, the sink can stop the parse.
 */
#include "base/common.h"

#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "feed/feed.h"
#include "feed/feed_int.h"
#include "unit.h"

static char *
decode_all(const char *in, size_t n, const char *charset, size_t step,
    char *name, size_t namesz)
{
	struct charset_conv c;
	struct buf out = BUF_INIT;
	size_t bom, i, k;

	if (charset_open(&c, in, n, charset, &bom) != 0)
		return NULL;
	for (i = bom; i < n; i += k) {
		k = n - i < step ? n - i : step;
		if (charset_decode(&c, in + i, k, false, &out) != 0)
			break;
	}
	charset_decode(&c, "", 0, true, &out);
	snprintf(name, namesz, "%s", c.name);
	charset_close(&c);
	return buf_detach(&out);
}

TEST(feed_charset_detects_and_decodes)
{
	char name[40], *s;

	/* UTF-8 BOM, split at every byte. */
	s = decode_all("\xEF\xBB\xBF<a>caf\xC3\xA9</a>", 15, NULL, 1, name,
	    sizeof(name));
	CHECK_STR(s, "<a>caf\xC3\xA9</a>");
	CHECK_STR(name, "utf-8");
	free(s);
	/* UTF-16LE BOM, split mid code unit. */
	s = decode_all("\xFF\xFE<\0a\0>\0\xE9\0", 10, NULL, 3, name,
	    sizeof(name));
	CHECK_STR(s, "<a>\xC3\xA9");
	CHECK_STR(name, "utf-16le");
	free(s);
	/* UTF-16BE without a BOM. */
	s = decode_all("\0<\0a\0>", 6, NULL, 64, name, sizeof(name));
	CHECK_STR(s, "<a>");
	CHECK_STR(name, "utf-16be");
	free(s);
	/* A latin-1 declaration is read as windows-1252. */
	s = decode_all("<?xml version='1.0' encoding='ISO-8859-1'?>\x93x\x94"
	    "\xE9", 48, NULL, 64, name, sizeof(name));
	CHECK(s != NULL && strstr(s, "\xE2\x80\x9Cx\xE2\x80\x9D\xC3\xA9"));
	CHECK_STR(name, "windows-1252");
	free(s);
	/* The HTTP charset wins over the declaration. */
	s = decode_all("<?xml version='1.0' encoding='utf-8'?>\xE9", 39,
	    "Windows-1252", 64, name, sizeof(name));
	CHECK(s != NULL && strstr(s, "\xC3\xA9"));
	CHECK_STR(name, "windows-1252");
	free(s);
	/* A BOM wins over the HTTP charset. */
	s = decode_all("\xEF\xBB\xBFx\xC3\xA9", 6, "iso-8859-1", 64, name,
	    sizeof(name));
	CHECK_STR(s, "x\xC3\xA9");
	CHECK_STR(name, "utf-8");
	free(s);
	/* Undeclared and not UTF-8: windows-1252. */
	s = decode_all("<a>caf\xE9</a>", 11, NULL, 2, name, sizeof(name));
	CHECK_STR(s, "<a>caf\xC3\xA9</a>");
	CHECK_STR(name, "windows-1252");
	free(s);
	/* Undeclared, UTF-8 seen first, then a bad byte: U+FFFD. */
	s = decode_all("\xC3\xA9 \xFF", 4, NULL, 64, name, sizeof(name));
	CHECK_STR(s, "\xC3\xA9 \xEF\xBF\xBD");
	CHECK_STR(name, "utf-8");
	free(s);
	/* A label iconv knows. */
	s = decode_all("<?xml version='1.0' encoding='koi8-r'?>\xC1", 40,
	    NULL, 64, name, sizeof(name));
	CHECK(s != NULL && strstr(s, "\xD0\xB0") != NULL);
	CHECK_STR(name, "koi8-r");
	free(s);
	/* An unknown label: UTF-8 assumed. */
	s = decode_all("<?xml version='1.0' encoding='x-nonsense'?>ok", 45,
	    NULL, 64, name, sizeof(name));
	CHECK(s != NULL && strstr(s, "ok") != NULL);
	CHECK_STR(name, "utf-8");
	free(s);
	CHECK_INT(charset_cp1252(0x96), 0x2013);
	CHECK_INT(charset_cp1252(0x81), 0);
}

static char *
fix_all(const char *in, size_t step, long *problems)
{
	struct xmlfix x;
	struct buf out = BUF_INIT;
	size_t n = strlen(in), i, k;

	xmlfix_init(&x);
	for (i = 0; i < n; i += k) {
		k = n - i < step ? n - i : step;
		xmlfix_run(&x, in + i, k, false, &out);
	}
	xmlfix_run(&x, "", 0, true, &out);
	*problems = x.problems;
	if (out.p == NULL)
		buf_puts(&out, "");
	return buf_detach(&out);
}

TEST(feed_xmlfix_repairs)
{
	static const struct {
		const char *in, *out;
		long problems;
	} cases[] = {
		{ "<a>x &amp; y</a>", "<a>x &#38; y</a>", 0 },
		{ "<a>AT&T</a>", "<a>AT&#38;T</a>", 1 },
		{ "<a>caf&eacute;</a>", "<a>caf&#233;</a>", 1 },
		{ "<a>&bogus;</a>", "<a>&#38;bogus;</a>", 1 },
		{ "<a>&#150;&#x97;</a>", "<a>&#8211;&#8212;</a>", 2 },
		{ "<a>&#0;&#233;</a>", "<a>&#65533;&#233;</a>", 1 },
		{ "<a>\x0c</a>", "<a></a>", 1 },
		{ "<![CDATA[a & b &nbsp; <]]>&lt;", "<![CDATA[a & b &nbsp; <]]>"
		    "&#60;", 0 },
		{ "<![CDATA[x]]]>&amp;", "<![CDATA[x]]]>&#38;", 0 },
		{ "<!-- a & b --><?pi & ?>&gt;", "<!-- a & b --><?pi & ?>"
		    "&#62;", 0 },
		{ "<a href='?a=1&b=2'/>", "<a href='?a=1&#38;b=2'/>", 1 },
		{ "x &", "x &#38;", 1 },
		{ "&#xZZ;", "&#38;#xZZ;", 1 },
	};
	size_t i, step;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		for (step = 1; step <= 64; step *= 4) {
			long problems;
			char *got = fix_all(cases[i].in, step, &problems);

			if (got == NULL || strcmp(got, cases[i].out) != 0 ||
			    problems != cases[i].problems)
				unit_fail(__FILE__, __LINE__, "\"%s\" (step %zu)"
				    ": got \"%s\" (%ld problems), expected "
				    "\"%s\" (%ld)", cases[i].in, step,
				    got ? got : "(null)", problems,
				    cases[i].out, cases[i].problems);
			free(got);
		}
	}
}

/* A sink that records each item as one line of text. */
struct record {
	struct buf b;
	size_t n, stop_after;
};

static int
record_item(void *ctx, struct item *it)
{
	struct record *r = ctx;
	size_t i;

	buf_printf(&r->b, "[%s|%s|%s|%s|%s|%lld|%lld", it->id ? it->id : "",
	    it->url ? it->url : "", it->title ? it->title : "",
	    it->content_html ? it->content_html : "",
	    it->summary ? it->summary : "",
	    it->has_published ? (long long)it->date_published : -1LL,
	    it->has_modified ? (long long)it->date_modified : -1LL);
	for (i = 0; i < it->n_attachments; i++)
		buf_printf(&r->b, "|%s", it->attachments[i].url);
	buf_puts(&r->b, "]\n");
	item_free(it);
	r->n++;
	if (r->stop_after != 0 && r->n >= r->stop_after)
		return ERR_STOPPED;
	return 0;
}

static int
parse_in_steps(const char *data, size_t n, size_t step, struct record *r,
    struct feed *f, struct err *e, size_t max_items)
{
	struct feed_opts opts = { 0 };
	struct feed_sink sink = { r, record_item };
	struct feed_parser *p;
	size_t i, k;
	int rc = 0;

	opts.max_items = max_items;
	p = feed_parser_new(&opts, &sink);
	if (p == NULL)
		return ERR_NOMEM;
	for (i = 0; rc == 0 && i < n; i += k) {
		k = n - i < step ? n - i : step;
		rc = feed_parser_push(p, data + i, k, e);
	}
	if (rc == 0)
		rc = feed_parser_finish(p, f, e);
	feed_parser_free(p);
	return rc;
}

TEST(feed_parse_any_chunking_same_result)
{
	static const char *const files[] = { "rss20-full.xml", "atom10.xml",
		"rss10.rdf", "utf16-bom.xml", "undefined-entity.xml",
		"windows-1252-mislabelled.xml", "jsonfeed11.json",
		"unescaped-amp.xml", "atom03.xml" };
	static const size_t steps[] = { 1, 2, 3, 7, 64, 1000 };
	size_t i, j, len;
	char path[128];

	for (i = 0; i < ARRAY_LEN(files); i++) {
		struct record whole = { BUF_INIT, 0, 0 };
		struct feed fw;
		char *data;

		snprintf(path, sizeof(path), "src/feed/testdata/%s", files[i]);
		if ((data = unit_read_file(path, &len)) == NULL)
			continue;
		CHECK_INT(parse_in_steps(data, len, len, &whole, &fw, NULL, 0),
		    0);
		CHECK(whole.n > 0);
		for (j = 0; j < ARRAY_LEN(steps); j++) {
			struct record part = { BUF_INIT, 0, 0 };
			struct feed fp;

			CHECK_INT(parse_in_steps(data, len, steps[j], &part,
			    &fp, NULL, 0), 0);
			if (strcmp(buf_cstr(&part.b), buf_cstr(&whole.b)) != 0)
				unit_fail(__FILE__, __LINE__, "%s in steps of "
				    "%zu differs:\n%s\nvs whole:\n%s", files[i],
				    steps[j], buf_cstr(&part.b),
				    buf_cstr(&whole.b));
			CHECK_STR(fp.title, fw.title);
			CHECK_STR(fp.encoding, fw.encoding);
			CHECK_INT(fp.bozo, fw.bozo);
			feed_release(&fp);
			buf_release(&part.b);
		}
		feed_release(&fw);
		buf_release(&whole.b);
		free(data);
	}
}

static char *
many_items(size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_puts(&b, "<rss version=\"2.0\"><channel><title>t</title>");
	for (i = 0; i < n; i++)
		buf_printf(&b, "<item><title>%zu</title></item>", i);
	buf_puts(&b, "</channel></rss>");
	return buf_detach(&b);
}

TEST(feed_parse_limits_and_sink_stop)
{
	struct record r = { BUF_INIT, 0, 0 };
	struct feed f;
	struct err e = { 0 };
	char *data = many_items(20);
	struct buf big = BUF_INIT;
	size_t i;

	CHECK_INT(parse_in_steps(data, strlen(data), 100, &r, &f, &e, 10),
	    ERR_TOOBIG);
	CHECK(strstr(e.msg, "more than 10 items") != NULL);
	CHECK_INT(r.n, 10);
	buf_release(&r.b);

	memset(&r, 0, sizeof(r));
	r.stop_after = 3;
	CHECK_INT(parse_in_steps(data, strlen(data), 7, &r, &f, &e, 0),
	    ERR_STOPPED);
	CHECK_INT(r.n, 3);
	buf_release(&r.b);
	free(data);

	/* A field past FEED_MAX_FIELD_BYTES stops the parse. */
	buf_init(&big, FEED_MAX_FIELD_BYTES * 2);
	buf_puts(&big, "<rss><channel><item><description>");
	for (i = 0; i < FEED_MAX_FIELD_BYTES / 64 + 2; i++)
		buf_puts(&big, "0123456789012345678901234567890123456789"
		    "012345678901234567890123");
	buf_puts(&big, "</description></item></channel></rss>");
	memset(&r, 0, sizeof(r));
	CHECK_INT(parse_in_steps(big.p, big.len, 65536, &r, &f, &e, 0),
	    ERR_TOOBIG);
	CHECK(strstr(e.msg, "larger than") != NULL);
	buf_release(&r.b);
	buf_release(&big);
}

TEST(feed_parse_not_feeds)
{
	struct feed f;
	struct err e = { 0 };

	CHECK_INT(feed_parse_buffer("", 0, NULL, NULL, &f, &e), ERR_PARSE);
	CHECK(strstr(e.msg, "empty") != NULL);
	CHECK_INT(feed_parse_buffer("<html><body>x</body></html>", 27, NULL,
	    NULL, &f, &e), ERR_NOTFEED);
	CHECK(strstr(e.msg, "HTML page") != NULL);
	CHECK_INT(feed_parse_buffer("<?xml version=\"1.0\"?>\n<html xmlns="
	    "\"http://www.w3.org/1999/xhtml\"/>", 63, NULL, NULL, &f, &e),
	    ERR_NOTFEED);
	CHECK_INT(feed_parse_buffer("[1, 2]", 6, NULL, NULL, &f, &e),
	    ERR_NOTFEED);
	CHECK_INT(feed_parse_buffer("{\"a\":", 5, NULL, NULL, &f, &e),
	    ERR_PARSE);
	CHECK(strstr(e.msg, "invalid JSON") != NULL);
	CHECK_INT(feed_parse_buffer("<foo/>", 6, NULL, NULL, &f, &e),
	    ERR_NOTFEED);
	CHECK(strstr(e.msg, "<foo>") != NULL);
	CHECK_INT(feed_parse_buffer("<", 1, NULL, NULL, &f, &e), ERR_PARSE);
}

TEST(feed_parse_fields)
{
	static const char doc[] =
	    "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	    "<channel><title>  A   <b>bold</b> &amp;amp; title </title>"
	    "<link>http://x.example/</link><ttl>30</ttl>"
	    "<item><title>a &lt; b</title><guid>http://x.example/p</guid>"
	    "<description>d</description>"
	    "<author>Jo Doe &lt;jo@x.example&gt;</author>"
	    "<pubDate>Sun, 31 Feb 2026 10:00:00 GMT</pubDate>"
	    "<dc:date>2026-11-29T10:00:00Z</dc:date>"
	    "<itunes:duration xmlns:itunes=\"http://www.itunes.com/dtds/"
	    "podcast-1.0.dtd\">90</itunes:duration>"
	    "<enclosure url=\"a.mp3\" type=\"audio/mpeg\"/>"
	    "<undeclared:title>not this</undeclared:title>"
	    "</item></channel></rss>";
	struct record r = { BUF_INIT, 0, 0 };
	struct feed f;

	CHECK_INT(parse_in_steps(doc, sizeof(doc) - 1, 5, &r, &f, NULL, 0),
	    0);
	CHECK_STR(f.title, "A bold & title");
	CHECK_INT(f.ttl_minutes, 30);
	CHECK_STR(f.encoding, "utf-8");
	CHECK_INT(f.format, FEED_FORMAT_RSS20);
	/* The invalid pubDate is dropped; dc:date is next in line. */
	CHECK_STR(buf_cstr(&r.b), "[http://x.example/p|http://x.example/p|"
	    "a < b|d||1795946400|-1|http://x.example/a.mp3]\n");
	feed_release(&f);
	buf_release(&r.b);
}

TEST(feed_split_author_forms)
{
	char *name, *email;

	CHECK_INT(feed_split_author("jo@x.example (Jo Doe)", &name, &email),
	    0);
	CHECK_STR(name, "Jo Doe");
	CHECK_STR(email, "jo@x.example");
	free(name);
	free(email);
	CHECK_INT(feed_split_author("Jo Doe <mailto:jo@x.example>", &name,
	    &email), 0);
	CHECK_STR(name, "Jo Doe");
	CHECK_STR(email, "jo@x.example");
	free(name);
	free(email);
	CHECK_INT(feed_split_author(" jo@x.example ", &name, &email), 0);
	CHECK(name == NULL);
	CHECK_STR(email, "jo@x.example");
	free(email);
	CHECK_INT(feed_split_author("Jo  Doe", &name, &email), 0);
	CHECK_STR(name, "Jo Doe");
	CHECK(email == NULL);
	free(name);
}

TEST(feed_parse_messages_are_utf8)
{
	/* Found by fuzz/fuzz_feed.c: a declared encoding label with bytes
	 * that are not UTF-8 went into the bozo message as they were. */
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"iso\xff\xfe"
	    "9-1\"?><rss><channel><title>x</title></channel></rss>";
	static const char doc2[] = "<?xml version=\"1.0\" encoding=\"utf-8"
	    "\xfe\xfe\"?><rss><channel><title>y</title></channel></rss>";
	struct feed f;

	CHECK_INT(feed_parse_buffer(doc, sizeof(doc) - 1, NULL, NULL, &f,
	    NULL), 0);
	CHECK(f.bozo);
	CHECK(f.error != NULL && utf8_valid(f.error, strlen(f.error)));
	CHECK_STR(f.title, "x");
	feed_release(&f);
	/* ... and one that glibc's iconv would have taken for UTF-8 (the
	 * bytes are not UTF-8, so the undeclared fall-back applies). */
	CHECK_INT(feed_parse_buffer(doc2, sizeof(doc2) - 1, NULL, NULL, &f,
	    NULL), 0);
	CHECK_STR(f.encoding, "windows-1252");
	CHECK(f.bozo);
	CHECK(f.error != NULL && utf8_valid(f.error, strlen(f.error)));
	feed_release(&f);
}

/* The site link becomes the source's site URL and a link on the reader's
 * pages, and RSS resolves relative references against it: only http(s)
 * survives, in every format, and a refused one is no base either. */
TEST(feed_site_link_only_web)
{
	static const struct {
		const char *doc, *want;
	} cases[] = {
		{ "<rss version=\"2.0\"><channel><title>t</title>"
		  "<link>javascript:alert(1)</link><item><title>i</title>"
		  "<link>a/b</link></item></channel></rss>", NULL },
		{ "<rss version=\"2.0\"><channel><title>t</title>"
		  "<link> JavaScript:alert(1)</link>"
		  "<link>https://ok.example/</link></channel></rss>",
		  "https://ok.example/" },
		{ "<rss version=\"2.0\"><channel><title>t</title>"
		  "<link>data:text/html,x</link></channel></rss>", NULL },
		{ "<rss version=\"2.0\"><channel><title>t</title>"
		  "<link>/home</link></channel></rss>",
		  "https://feeds.example/home" },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
		  "<link href=\"javascript:alert(1)\"/>"
		  "<link rel=\"alternate\" href=\"http://ok.example/\"/>"
		  "</feed>", "http://ok.example/" },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
		  "<link href=\"vbscript:x\"/></feed>", NULL },
		{ "{\"version\": \"https://jsonfeed.org/version/1.1\", "
		  "\"title\": \"t\", \"home_page_url\": \"javascript:alert(1)\","
		  " \"items\": []}", NULL },
		{ "{\"version\": \"https://jsonfeed.org/version/1.1\", "
		  "\"title\": \"t\", \"home_page_url\": \"HTTPS://ok.example/\","
		  " \"items\": []}", "https://ok.example/" },
	};
	struct feed_opts opts = { 0 };
	size_t i;

	opts.base_url = "https://feeds.example/rss.xml";
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct feed f;
		struct err e = { 0 };

		CHECK_INT(feed_parse_buffer(cases[i].doc, strlen(cases[i].doc),
		    &opts, NULL, &f, &e), 0);
		if (cases[i].want == NULL && f.home_page_url != NULL)
			unit_fail(__FILE__, __LINE__, "case %zu: kept %s", i,
			    f.home_page_url);
		else if (cases[i].want != NULL)
			CHECK_STR(f.home_page_url, cases[i].want);
		feed_release(&f);
	}
}

static int
record_links(void *ctx, struct item *it)
{
	struct record *r = ctx;

	buf_printf(&r->b, "%s: %s %s\n", it->id ? it->id : "",
	    it->url ? it->url : "-", it->external_url ? it->external_url :
	    "-");
	item_free(it);
	return 0;
}

/* An item's link that a browser would run is dropped in every format;
 * other links, file: included, stay. */
TEST(feed_item_link_never_script)
{
	static const char rss[] = "<rss version=\"2.0\"><channel><title>t"
	    "</title><item><title>a</title><guid>1</guid>"
	    "<link>javascript:alert(1)</link></item>"
	    "<item><title>b</title><guid>2</guid>"
	    "<link> JaVa&#9;Script:alert(1)</link></item>"
	    "<item><title>c</title><guid>3</guid>"
	    "<link>data:text/html,x</link></item>"
	    "<item><title>d</title><guid>4</guid>"
	    "<link>file:///srv/feeds/d.html</link></item>"
	    "<item><title>e</title><guid>5</guid>"
	    "<link>/e.html</link></item></channel></rss>";
	static const char atom[] = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	    "<title>t</title><entry><id>x</id><title>x</title>"
	    "<link href=\"vbscript:x\"/></entry></feed>";
	static const char json[] = "{\"version\": "
	    "\"https://jsonfeed.org/version/1.1\", \"title\": \"t\","
	    " \"items\": [{\"id\": \"j\", \"url\": \"javascript:alert(1)\","
	    " \"external_url\": \"data:text/html,x\","
	    " \"content_text\": \"j\"}]}";
	struct record r = { BUF_INIT, 0, 0 };
	struct feed_sink sink = { &r, record_item };
	struct feed_opts opts = { 0 };
	struct feed f;

	opts.base_url = "https://feeds.example/rss.xml";
	CHECK_INT(feed_parse_buffer(rss, sizeof(rss) - 1, &opts, &sink, &f,
	    NULL), 0);
	feed_release(&f);
	CHECK(strstr(buf_cstr(&r.b), "[1||a|") != NULL);
	CHECK(strstr(buf_cstr(&r.b), "[2||b|") != NULL);
	CHECK(strstr(buf_cstr(&r.b), "[3||c|") != NULL);
	CHECK(strstr(buf_cstr(&r.b), "[4|file:///srv/feeds/d.html|d|") != NULL);
	CHECK(strstr(buf_cstr(&r.b), "[5|https://feeds.example/e.html|e|")
	    != NULL);
	buf_reset(&r.b);
	CHECK_INT(feed_parse_buffer(atom, sizeof(atom) - 1, &opts, &sink, &f,
	    NULL), 0);
	feed_release(&f);
	CHECK(strstr(buf_cstr(&r.b), "[x||x|") != NULL);
	buf_reset(&r.b);
	sink.on_item = record_links;
	CHECK_INT(feed_parse_buffer(json, sizeof(json) - 1, &opts, &sink, &f,
	    NULL), 0);
	feed_release(&f);
	CHECK_STR(buf_cstr(&r.b), "j: - -\n");
	buf_release(&r.b);
}

/* Items of a feed whose site link was refused resolve against the
 * document instead. */
TEST(feed_site_link_refused_is_no_base)
{
	static const char doc[] = "<rss version=\"2.0\"><channel><title>t"
	    "</title><link>javascript:alert(1)</link><item><title>i</title>"
	    "<link>a/b</link><guid>g</guid></item></channel></rss>";
	struct record r = { BUF_INIT, 0, 0 };
	struct feed_sink sink = { &r, record_item };
	struct feed_opts opts = { 0 };
	struct feed f;

	opts.base_url = "https://feeds.example/rss.xml";
	CHECK_INT(feed_parse_buffer(doc, sizeof(doc) - 1, &opts, &sink, &f,
	    NULL), 0);
	CHECK(strstr(buf_cstr(&r.b), "https://feeds.example/a/b") != NULL);
	feed_release(&f);
	buf_release(&r.b);
}
