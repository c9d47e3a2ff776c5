/*
 * fuzz/fuzz_html.c: libFuzzer driver for the html module.
 *
 * Feeds every input through html_sanitize (with and without a base URL),
 * html_to_text, html_decode_entities, html_find_feed_links and html_sniff,
 * and aborts when the sanitiser breaks one of its promises: output that is
 * not valid UTF-8, a second pass that changes the output (idempotence), or
 * output that differs from the tree-walking oracle (html_sanitize_tree).
 *
 * Build and run (clang):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     $(pkg-config --cflags libxml-2.0) fuzz/fuzz_html.c \
 *     src/base/buf.c src/base/err.c src/base/str.c src/base/utf8.c \
 *     src/base/url.c src/base/log.c $(ls src/html/[a-z]*.c | grep -v _test) \
 *     $(pkg-config --libs libxml-2.0) -lpthread -o build/fuzz_html
 *   build/fuzz_html -max_len=8192 src/html/testdata/
 */
#include "base/common.h"

#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "html/html.h"
#include "html/html_int.h"

static void
on_feed(void *ctx, const char *url, const char *type, const char *title)
{
	size_t *n = ctx;

	*n += strlen(url) + strlen(type) + (title ? strlen(title) : 0);
}

static void
check_sanitize(const char *data, size_t size, const char *base)
{
	struct buf a = BUF_INIT, b = BUF_INIT, t = BUF_INIT;
	int ra = html_sanitize(data, size, base, &a, NULL);

	if (html_sanitize_tree(data, size, base, &t, NULL) != ra ||
	    a.len != t.len || memcmp(buf_cstr(&a), buf_cstr(&t), a.len) != 0) {
		fprintf(stderr, "differs from the tree walk:\n%s\n----\n%s\n",
		    buf_cstr(&a), buf_cstr(&t));
		abort();
	}
	buf_release(&t);
	if (ra == 0) {
		if (!utf8_valid(buf_cstr(&a), a.len))
			abort();
		if (html_sanitize(buf_cstr(&a), a.len, base, &b, NULL) != 0)
			abort();
		if (a.len != b.len || memcmp(buf_cstr(&a), buf_cstr(&b),
		    a.len) != 0) {
			fprintf(stderr, "not idempotent:\n%s\n----\n%s\n",
			    buf_cstr(&a), buf_cstr(&b));
			abort();
		}
	}
	buf_release(&a);
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf out = BUF_INIT;
	size_t n = 0;

	check_sanitize(s, size, NULL);
	check_sanitize(s, size, "https://base.example/dir/page.html");
	if (html_to_text(s, size, &out, NULL) == 0 &&
	    !utf8_valid(buf_cstr(&out), out.len))
		abort();
	buf_reset(&out);
	if (html_decode_entities(s, size, &out) == 0 &&
	    !utf8_valid(buf_cstr(&out), out.len))
		abort();
	buf_release(&out);
	(void)html_find_feed_links(s, size, "https://base.example/", on_feed,
	    &n);
	(void)html_sniff(s, size);
	return 0;
}
