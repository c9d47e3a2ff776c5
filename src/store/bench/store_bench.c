/*
 * store/bench/store_bench.c: how fast store_article_upsert ingests,
 * to compare with bench/ref_sqlite_insert on the same items.
 *
 * Reads the corpus' items.tsv (title TAB text per line; loading is not
 * timed), turns each line into an item as a feed parser would (guid, link
 * with a tracking parameter, title, text, the text as HTML, an author,
 * three tags, a date), then times: opening a new database, storing every
 * item through the public API in transactions of BATCH items, closing.
 * A second timed pass stores the same items again (all unchanged).
 *
 * Not part of libtidings (the top-level Makefile only compiles
 * src/DIR/x.c files). Build by hand after `make`:
 *   cc -O2 -Isrc -o build/store_bench src/store/bench/store_bench.c \
 *       build/libtidings.a $(pkg-config --libs sqlite3 libutf8proc) -lm
 * usage: store_bench [--batch N] DBFILE ITEMS.TSV
 * STORE_BENCH_NO_TAGS=1 leaves the tags out.
 * prints: items=N seconds=F items_per_s=F unchanged_items_per_s=F
 */
#include "base/common.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "model/feed.h"
#include "store/store.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		return NULL;
	data = malloc((size_t)n + 1);
	if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n)
		return NULL;
	fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

static char *
dup_n(const char *p, size_t n)
{
	char *s = malloc(n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

static const char *const tag_pool[] = {
	"Politics", "Science", "Local news", "Sport", "Economy", "Weather",
	"Health", "Culture", "Technology", "World",
};

static int
ingest(struct store *s, int64_t src, struct item *items, size_t n,
    int batch, size_t *counts)
{
	struct err e = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		enum store_upsert_outcome out;

		if (i % (size_t)batch == 0 && store_begin(s, &e) != 0)
			goto fail;
		if (store_article_upsert(s, src, &items[i], 1700000000, &out,
		    &e) != 0)
			goto fail;
		counts[out]++;
		if (((i + 1) % (size_t)batch == 0 || i + 1 == n) &&
		    store_commit(s, &e) != 0)
			goto fail;
	}
	return 0;
fail:
	fprintf(stderr, "store: %s\n", e.msg);
	return -1;
}

int
main(int argc, char **argv)
{
	struct item *items = NULL;
	size_t len, n = 0, cap = 0, i, counts[3] = { 0 }, again[3] = { 0 };
	int batch = 1000, a = 1;
	char *data, *p, *end, side[4096];
	struct store *s = NULL;
	struct err e = { 0 };
	int64_t src = 0;
	bool no_tags = getenv("STORE_BENCH_NO_TAGS") != NULL;
	double t0, t1, t2, t3;

	if (a + 1 < argc && strcmp(argv[a], "--batch") == 0) {
		batch = atoi(argv[a + 1]);
		a += 2;
	}
	if (argc - a != 2 || batch < 1) {
		fprintf(stderr, "usage: store_bench [--batch N] DBFILE "
		    "ITEMS.TSV\n");
		return 2;
	}
	if ((data = slurp(argv[a + 1], &len)) == NULL) {
		perror(argv[a + 1]);
		return 1;
	}
	for (p = data, end = data + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *tab, buf[256];
		struct item *it;
		size_t tl;

		if (nl == NULL)
			nl = end;
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (tab != NULL) {
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				items = realloc(items, cap * sizeof(*items));
			}
			it = &items[n];
			item_init(it);
			snprintf(buf, sizeof(buf), "tag:bench.example,2024:%zu",
			    n);
			it->id = strdup(buf);
			snprintf(buf, sizeof(buf), "https://bench.example/%zu/"
			    "story?utm_source=rss", n);
			it->url = strdup(buf);
			it->title = dup_n(p, (size_t)(tab - p));
			tl = (size_t)(nl - tab - 1);
			it->content_text = dup_n(tab + 1, tl);
			it->content_html = malloc(tl + 8);
			memcpy(it->content_html, "<p>", 3);
			memcpy(it->content_html + 3, tab + 1, tl);
			memcpy(it->content_html + 3 + tl, "</p>", 5);
			it->has_published = true;
			it->date_published = 1690000000 + (int64_t)n * 60;
			item_add_author(it, "A. Writer", NULL, NULL);
			if (!no_tags) {
				item_add_tag(it, tag_pool[n % 10]);
				item_add_tag(it, tag_pool[(n / 10) % 10]);
				item_add_tag(it, tag_pool[(n / 7 + 3) % 10]);
			}
			n++;
		}
		p = nl + 1;
	}
	unlink(argv[a]);
	snprintf(side, sizeof(side), "%s-wal", argv[a]);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", argv[a]);
	unlink(side);

	t0 = now_s();
	if (store_open(argv[a], &s, &e) != 0 ||
	    store_source_add(s, "https://bench.example/feed", "Bench", NULL,
	    &src, &e) != 0) {
		fprintf(stderr, "store: %s\n", e.msg);
		return 1;
	}
	if (ingest(s, src, items, n, batch, counts) != 0)
		return 1;
	store_close(s);
	t1 = now_s();
	t2 = now_s();
	if (store_open(argv[a], &s, &e) != 0)
		return 1;
	if (ingest(s, src, items, n, batch, again) != 0)
		return 1;
	store_close(s);
	t3 = now_s();
	printf("items=%zu seconds=%.4f items_per_s=%.1f "
	    "unchanged_items_per_s=%.1f inserted=%zu unchanged=%zu\n", n,
	    t1 - t0, (double)n / (t1 - t0), (double)n / (t3 - t2),
	    counts[STORE_INSERTED], again[STORE_UNCHANGED]);
	for (i = 0; i < n; i++)
		item_release(&items[i]);
	free(items);
	free(data);
	return 0;
}
