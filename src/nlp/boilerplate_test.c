/*
 * boilerplate_test.c: paragraph fingerprints and the per-source counts.
 */
#include "base/common.h"

#include "base/err.h"
#include "nlp/boilerplate.h"
#include "unit.h"

static uint64_t
fp(const char *s)
{
	return boilerplate_fingerprint(s, strlen(s));
}

TEST(boilerplate_fingerprint_normalises)
{
	const char *a = "The Tidewater Gazette is an independent weekly owned "
	    "by its readers' cooperative since 1952.";

	CHECK(fp(a) != 0);
	CHECK(fp(a) == fp("the tidewater gazette  is an independent WEEKLY, "
	    "owned by its readers cooperative since 1952"));
	CHECK(fp(a) == fp("The Tidewater Gazette is an independent weekly\n"
	    "owned by its readers\xe2\x80\x99 cooperative since 1952!"));
	/* Numbers are kept: template news differs in its figures. */
	CHECK(fp(a) != fp("The Tidewater Gazette is an independent weekly "
	    "owned by its readers' cooperative since 1953."));
	/* Short paragraphs get no fingerprint. */
	CHECK_INT(fp("Read more"), 0);
	CHECK_INT(fp("By Anna Lund, staff reporter, in Greyhaven"), 0);
	CHECK(fp("By Anna Lund, staff reporter, in Greyhaven today.") != 0);
	CHECK_INT(fp(""), 0);
}

TEST(boilerplate_paragraph_split)
{
	size_t len;
	char *t = unit_read_file("src/nlp/testdata/boiler_article.txt", &len);
	struct boilerplate_para p[8];
	size_t n;

	if (!t)
		return;
	n = boilerplate_paragraphs(t, len, p, 8);
	CHECK_INT(n, 5);
	CHECK(p[0].fp != 0);
	CHECK(p[1].fp != 0);
	CHECK_INT(p[2].fp, 0); /* "Read more" */
	CHECK_INT(p[2].len, 9);
	CHECK(strncmp(t + p[3].off, "ABOUT THE ISLANDS:", 18) == 0);
	CHECK(p[4].fp == fp("The Tidewater Gazette is an independent weekly "
	    "owned by its readers' cooperative since 1952."));
	/* A short array still reports the count. */
	CHECK_INT(boilerplate_paragraphs(t, len, p, 2), 5);
	/* Without blank lines, each line is a paragraph. */
	CHECK_INT(boilerplate_paragraphs("one\ntwo\n\nthree", 14, p, 8), 2);
	CHECK_INT(boilerplate_paragraphs("one\ntwo\nthree", 13, p, 8), 3);
	CHECK_INT(boilerplate_paragraphs("", 0, p, 8), 0);
	CHECK_INT(boilerplate_paragraphs("\n \n\n", 4, p, 8), 0);
	free(t);
}

TEST(boilerplate_crosses_at_third_article)
{
	struct boilerplate_index *ix = boilerplate_index_new(NULL);
	uint64_t bg = 0x1111, other = 0x2222, crossed[4];
	uint64_t a1[] = { 0x9001, bg, 0 }, a2[] = { bg, 0x9002, bg };
	uint64_t a3[] = { 0x9003, bg, other };
	size_t nc = 99;

	CHECK_INT(boilerplate_index_add(ix, 7, 100, a1, 3, crossed, &nc), 0);
	CHECK_INT(nc, 0);
	/* The same article again, and a repeat inside one article, do not
	 * count. */
	CHECK_INT(boilerplate_index_add(ix, 7, 100, a1, 3, crossed, &nc), 0);
	CHECK_INT(boilerplate_index_add(ix, 7, 101, a2, 3, crossed, &nc), 0);
	CHECK_INT(nc, 0);
	CHECK_INT(boilerplate_index_count(ix, 7, bg), 2);
	CHECK(!boilerplate_index_is(ix, 7, bg));
	/* Another source's articles are counted apart. */
	CHECK_INT(boilerplate_index_add(ix, 8, 102, a3, 3, crossed, &nc), 0);
	CHECK_INT(nc, 0);
	CHECK(!boilerplate_index_is(ix, 7, bg));
	/* The third distinct article of source 7 crosses. */
	CHECK_INT(boilerplate_index_add(ix, 7, 103, a3, 3, crossed, &nc), 0);
	CHECK_INT(nc, 1);
	CHECK(crossed[0] == bg);
	CHECK(boilerplate_index_is(ix, 7, bg));
	CHECK(!boilerplate_index_is(ix, 8, bg));
	CHECK(!boilerplate_index_is(ix, 7, other));
	/* Crossing is reported once. */
	CHECK_INT(boilerplate_index_add(ix, 7, 104, a3, 3, crossed, &nc), 0);
	CHECK_INT(nc, 0);
	CHECK_INT(boilerplate_index_count(ix, 7, bg), 3);
	CHECK_INT(boilerplate_index_count(ix, 7, 0), 0);
	CHECK_INT(boilerplate_index_add(ix, 7, 1, NULL, 2, NULL, NULL),
	    ERR_INVAL);
	boilerplate_index_free(ix);
}

TEST(boilerplate_threshold_and_cap)
{
	struct boilerplate_opts o = { 2, 3 };
	struct boilerplate_index *ix = boilerplate_index_new(&o);
	uint64_t a[] = { 1, 2, 3 }, b[] = { 3, 4, 5 }, crossed[3];
	size_t nc;

	CHECK_INT(boilerplate_index_add(ix, 1, 1, a, 3, crossed, &nc), 0);
	/* Full: 4 and 5 are not tracked, but 3 still crosses. */
	CHECK_INT(boilerplate_index_add(ix, 1, 2, b, 3, crossed, &nc),
	    ERR_TOOBIG);
	CHECK_INT(nc, 1);
	CHECK(crossed[0] == 3);
	CHECK_INT(boilerplate_index_size(ix), 3);
	boilerplate_index_free(ix);
	boilerplate_index_free(NULL);
}

TEST(boilerplate_rebuild_any_order)
{
	/* Rows (article, fingerprint) added in a different order give the
	 * same state; many entries force the table to grow. */
	struct boilerplate_index *x = boilerplate_index_new(NULL);
	struct boilerplate_index *y = boilerplate_index_new(NULL);

	for (int64_t art = 0; art < 40; art++)
		for (uint64_t f = 1; f <= 100; f++)
			if ((f + (uint64_t)art) % 7 == 0 || f == 50) {
				CHECK_INT(boilerplate_index_add(x, 1, art, &f, 1,
				    NULL, NULL), 0);
			}
	for (int64_t art = 39; art >= 0; art--)
		for (uint64_t f = 100; f >= 1; f--)
			if ((f + (uint64_t)art) % 7 == 0 || f == 50) {
				CHECK_INT(boilerplate_index_add(y, 1, art, &f, 1,
				    NULL, NULL), 0);
			}
	for (uint64_t f = 1; f <= 100; f++)
		CHECK_INT(boilerplate_index_count(x, 1, f),
		    boilerplate_index_count(y, 1, f));
	CHECK(boilerplate_index_is(x, 1, 50));
	boilerplate_index_free(x);
	boilerplate_index_free(y);
}
