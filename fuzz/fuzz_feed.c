/*
 * fuzz/fuzz_feed.c: libFuzzer driver for the feed parser.
 *
 * Every input is parsed twice: whole (feed_parse_buffer) and pushed in
 * chunks whose sizes come from the input's first byte, which exercises the
 * held-back bytes of the charset and xmlfix stages. Both parses must
 * finish without a crash or leak, and every string that reaches the model
 * must be valid UTF-8 (the parser's promise at the border); anything else
 * aborts. The input is also given to the date parsers as a string.
 *
 * Build and run (clang):
 *   make                      # builds build/libtidings.a
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     $(pkg-config --cflags libxml-2.0) fuzz/fuzz_feed.c \
 *     build/libtidings.a $(pkg-config --libs libxml-2.0 jansson \
 *     libutf8proc) -lpthread -o build/fuzz_feed
 *   build/fuzz_feed -max_len=65536 -dict=fuzz/xml.dict src/feed/testdata/
 * (The library built without -fsanitize still links; for full coverage,
 * build it with `make SANITIZER=address,undefined` and link build/san.)
 */
#include "base/common.h"

#include <stdio.h>

#include "base/err.h"
#include "base/utf8.h"
#include "feed/feed.h"
#include "model/feed.h"

static void
valid(const char *s)
{
	if (s != NULL && !utf8_valid(s, strlen(s))) {
		fprintf(stderr, "invalid UTF-8 in the model: %s\n", s);
		abort();
	}
}

static void
check_person(const struct person *p)
{
	valid(p->name);
	valid(p->url);
	valid(p->email);
}

static int
on_item(void *ctx, struct item *it)
{
	size_t i;

	(void)ctx;
	valid(it->id);
	valid(it->url);
	valid(it->external_url);
	valid(it->title);
	valid(it->content_html);
	valid(it->content_text);
	valid(it->summary);
	valid(it->image);
	valid(it->language);
	for (i = 0; i < it->n_authors; i++)
		check_person(&it->authors[i]);
	for (i = 0; i < it->n_tags; i++)
		valid(it->tags[i]);
	for (i = 0; i < it->n_attachments; i++) {
		valid(it->attachments[i].url);
		valid(it->attachments[i].mime_type);
		valid(it->attachments[i].title);
	}
	item_free(it);
	return 0;
}

static void
check_feed(const struct feed *f)
{
	size_t i;

	valid(f->title);
	valid(f->home_page_url);
	valid(f->feed_url);
	valid(f->description);
	valid(f->icon);
	valid(f->favicon);
	valid(f->language);
	valid(f->encoding);
	valid(f->error);
	for (i = 0; i < f->n_authors; i++)
		check_person(&f->authors[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_sink sink = { NULL, on_item };
	struct feed_opts opts = { 0 };
	struct feed_parser *p;
	struct feed f;
	struct err e;
	size_t step, i, k;
	int64_t t;
	char *s;
	int rc = 0;

	opts.base_url = "https://fuzz.example/dir/feed.xml";
	opts.max_items = 500;
	if (feed_parse_buffer((const char *)data, size, &opts, &sink, &f,
	    &e) == 0) {
		check_feed(&f);
		feed_release(&f);
	}

	step = size > 0 ? (size_t)data[0] % 61 + 1 : 1;
	if ((p = feed_parser_new(&opts, &sink)) == NULL)
		return 0;
	for (i = 0; rc == 0 && i < size; i += k) {
		k = size - i < step ? size - i : step;
		rc = feed_parser_push(p, (const char *)data + i, k, &e);
	}
	if (rc == 0 && feed_parser_finish(p, &f, &e) == 0) {
		check_feed(&f);
		feed_release(&f);
	}
	feed_parser_free(p);

	if (size < 256 && (s = malloc(size + 1)) != NULL) {
		memcpy(s, data, size);
		s[size] = '\0';
		feed_date_parse(s, &t);
		feed_date_rfc822(s, &t);
		feed_date_iso8601(s, &t);
		free(s);
	}
	return 0;
}
