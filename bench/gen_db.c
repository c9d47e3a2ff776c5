/*
 * bench/gen_db.c: a database of N generated articles for the web
 * benchmark (bench/web.sh), written through the store's own upsert in big
 * transactions, so the rows, indexes and FTS entries are what an ingest
 * would leave.
 *
 *   gen_db PATH N
 *
 * Text is drawn from a fixed vocabulary of made-up words with a Zipf-like
 * spread (a few words everywhere, most rare), deterministic for a given N:
 * 40 sources, 2,000 tags (each article 2-5), 2 paragraphs of about 45
 * words, publication times over about three years.
 *
 *   gen_db --words
 *
 * prints two words: a common one (in about 15% of the articles: made-up
 * words repeat) and the one web.sh searches for, in about 0.3% (some
 * 3,000 matches to rank at a million articles).
 */
#include "base/common.h"

#include <stdio.h>
#include <time.h>

#include "base/buf.h"
#include "base/err.h"
#include "model/feed.h"
#include "store/store.h"

#define SOURCES 40
#define TAGS 2000
#define VOCAB 20000
#define BATCH 20000
#define T0 1700000000

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static char vocab[VOCAB][16];

static void
make_vocab(void)
{
	static const char *const syl[] = { "ka", "lo", "ren", "mi", "tor",
		"sa", "vel", "in", "dra", "po", "ne", "ul", "ber", "gan", "the",
		"ma", "ros", "ti", "el", "qua", "nor", "si", "pa", "dun" };
	size_t i, k, n = ARRAY_LEN(syl);

	for (i = 0; i < VOCAB; i++) {
		size_t parts = 2 + i % 3, v = i, len = 0;


		vocab[i][0] = '\0';
		for (k = 0; k < parts; k++) {
			len += (size_t)snprintf(vocab[i] + len, sizeof(vocab[i]) -
			    len, "%s", syl[v % n]);
			v = v / n + k * 7 + i;
		}
	}
}

/* Zipf-like: small indexes far more often. */
static const char *
word(void)
{
	double u = (double)(next() % 1000000) / 1000000.0;

	return vocab[(size_t)((double)VOCAB * u * u * u)];
}

static int
sentence(struct buf *b, size_t words)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < words; i++) {
		const char *w = word();

		if (i == 0)
			rc = buf_printf(b, "%c%s", w[0] - 32, w + 1);
		else
			rc = buf_printf(b, " %s", w);
	}
	return rc ? rc : buf_puts(b, ". ");
}

int
main(int argc, char **argv)
{
	struct store *s = NULL;
	struct err e = { 0 };
	struct buf html = BUF_INIT, text = BUF_INIT, title = BUF_INIT;
	int64_t src[SOURCES], n, i;
	char url[128];
	int rc = 0;

	make_vocab();
	if (argc == 2 && strcmp(argv[1], "--words") == 0) {
		printf("%s %s\n", vocab[3000], vocab[8000]);
		return 0;
	}
	if (argc != 3 || (n = atoll(argv[2])) <= 0) {
		fprintf(stderr, "usage: gen_db PATH N | gen_db --words\n");
		return 2;
	}
	if (store_open(argv[1], &s, &e) != 0) {
		fprintf(stderr, "gen_db: %s\n", e.msg);
		return 1;
	}
	for (i = 0; i < SOURCES; i++) {
		snprintf(url, sizeof(url), "https://pub%lld.example/feed.xml",
		    (long long)i);
		if (store_source_add(s, url, vocab[i * 37 + 11], NULL, &src[i],
		    &e) != 0 && e.code != ERR_EXISTS) {
			fprintf(stderr, "gen_db: %s\n", e.msg);
			return 1;
		}
	}
	buf_init(&html, 0);
	buf_init(&text, 0);
	buf_init(&title, 0);
	for (i = 0; i < n && rc == 0; i++) {
		struct item it;
		int p, k, ntags;
		char tag[32];

		if (i % BATCH == 0 && (rc = store_begin(s, &e)) != 0)
			break;
		item_init(&it);
		buf_reset(&html);
		buf_reset(&text);
		buf_reset(&title);
		(void)sentence(&title, 6 + next() % 6);
		buf_truncate(&title, title.len - 2);
		for (p = 0; p < 2; p++) {
			size_t mark = text.len;

			(void)buf_puts(&html, "<p>");
			for (k = 0; k < 3; k++)
				(void)sentence(&text, 10 + next() % 10);
			(void)buf_append(&html, text.p + mark, text.len - mark);
			(void)buf_puts(&html, "</p>\n");
			(void)buf_puts(&text, "\n\n");
		}
		snprintf(url, sizeof(url), "https://pub%lld.example/a/%lld",
		    (long long)(i % SOURCES), (long long)i);
		it.id = strdup(url);
		it.url = strdup(url);
		it.title = strdup(buf_cstr(&title));
		it.content_html = strdup(buf_cstr(&html));
		it.content_text = strdup(buf_cstr(&text));
		it.has_published = true;
		/* About three years, oldest first, so ids follow time. */
		it.date_published = T0 + i * (94608000 / n) + (int64_t)(next() %
		    600);
		ntags = 2 + (int)(next() % 4);
		for (k = 0; k < ntags; k++) {
			double u = (double)(next() % 100000) / 100000.0;

			snprintf(tag, sizeof(tag), "%s", vocab[100 + (size_t)(
			    TAGS * u * u)]);
			(void)item_add_tag(&it, tag);
		}
		rc = store_article_upsert(s, src[i % SOURCES], &it, T0 + i, NULL,
		    &e);
		item_release(&it);
		if (rc == 0 && (i % BATCH == BATCH - 1 || i == n - 1))
			rc = store_commit(s, &e);
		if (i % 100000 == 99999)
			fprintf(stderr, "gen_db: %lld articles\n", (long long)i + 1);
	}
	if (rc != 0) {
		store_rollback(s);
		fprintf(stderr, "gen_db: %s\n", e.msg);
	}
	store_close(s);
	buf_release(&html);
	buf_release(&text);
	buf_release(&title);
	return rc ? 1 : 0;
}
