/*
 * nlp/ask_test.c: answerable and unanswerable questions over our fixtures.
 */
#include "base/common.h"

#include "nlp/ask.h"
#include "unit.h"

static const char *files[] = { "01", "04", "06", "09", "12" };

struct corpus {
	char *text[ARRAY_LEN(files) + 1];
	struct ask_doc docs[ARRAY_LEN(files) + 1];
	size_t n;
};

static void
corpus_load(struct corpus *c)
{
	char path[64];
	size_t i, len;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < ARRAY_LEN(files); i++) {
		snprintf(path, sizeof(path), "src/nlp/testdata/summary/%s.txt",
		    files[i]);
		if ((c->text[c->n] = unit_read_file(path, &len)) == NULL)
			continue;
		c->docs[c->n].id = (int64_t)i + 100;
		c->docs[c->n].source = files[i];
		c->docs[c->n].text = c->text[c->n];
		c->docs[c->n].lang = i == 0 ? NULL : "en";
		c->n++;
	}
}

static void
corpus_free(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->text[i]);
}

/* The best answer's document and whether it contains needle. */
static void
expect(struct corpus *c, const char *q, const char *doc, const char *needle)
{
	struct ask_result r;

	CHECK_INT(ask_answer(q, c->docs, c->n, NULL, &r, NULL), 0);
	if (r.n == 0) {
		unit_fail(__FILE__, __LINE__, "no answer to \"%s\"", q);
		return;
	}
	CHECK(r.n <= 3);
	if (strcmp(c->docs[r.v[0].doc].source, doc) != 0 ||
	    strstr(r.v[0].sentence, needle) == NULL)
		unit_fail(__FILE__, __LINE__, "\"%s\": got [%s] %s", q,
		    c->docs[r.v[0].doc].source, r.v[0].sentence);
	ask_result_release(&r);
}

/* needle is in one of the (up to 3) answers. */
static void
expect_among(struct corpus *c, const char *q, const char *needle)
{
	struct ask_result r;
	size_t i;
	bool found = false;

	CHECK_INT(ask_answer(q, c->docs, c->n, NULL, &r, NULL), 0);
	for (i = 0; i < r.n; i++)
		found |= strstr(r.v[i].sentence, needle) != NULL;
	if (!found)
		unit_fail(__FILE__, __LINE__, "\"%s\": %s not among %zu "
		    "answers", q, needle, r.n);
	ask_result_release(&r);
}

static void
expect_none(struct corpus *c, const char *q)
{
	struct ask_result r;

	CHECK_INT(ask_answer(q, c->docs, c->n, NULL, &r, NULL), 0);
	if (r.n != 0)
		unit_fail(__FILE__, __LINE__, "\"%s\" answered: %s", q,
		    r.v[0].sentence);
	ask_result_release(&r);
}

TEST(ask_answerable)
{
	struct corpus c;

	corpus_load(&c);
	expect(&c, "Who will replace Ingrid Solberg?", "09", "David Ohana");
	expect(&c, "When did the quake hit Elazig?", "04", "4:12 a.m.");
	expect_among(&c, "How many buildings collapsed in the earthquake?",
	    "76 buildings");
	expect(&c, "Why did Norvik shares fall?", "09", "18 percent");
	expect(&c, "What does the mosaic depict?", "06", "Iliad");
	expect(&c, "How many jobs would the cranes cut?", "01", "800 jobs");
	expect(&c, "what percentage of the vote did diallo win", "12",
	    "54.3 percent");
	corpus_free(&c);
}

TEST(ask_unanswerable)
{
	struct corpus c;

	corpus_load(&c);
	/* No content word in common. */
	expect_none(&c, "What is the boiling point of mercury?");
	expect_none(&c, "Qui a gagn\xc3\xa9 le Tour de France ?");
	/* Shares a word, but not the question. */
	expect_none(&c, "What is the capital of Peru?");
	expect_none(&c, "What is the capital of Turkey?");
	expect_none(&c, "Who is the president of Iceland?");
	/* Only function words. */
	expect_none(&c, "What is it?");
	expect_none(&c, "???");
	corpus_free(&c);
}

TEST(ask_entities_and_edges)
{
	const char *ents[] = { "Khaled Haftar", "Libyan National Army" };
	struct ask_doc d[2];
	struct ask_result r;
	struct ask_opts o = { 0 };

	memset(d, 0, sizeof(d));
	d[0].text = "The commander met envoys in Benghazi on Monday.\n\n"
	    "Haftar said the army would hold its positions near Sirte.\n\n"
	    "Oil exports resumed from three ports last week.";
	d[0].lang = "en";
	d[0].entities = ents;
	d[0].n_entities = 2;
	d[1].text = "Haftar said the army would hold its positions near "
	    "Sirte.";
	d[1].lang = "en";
	CHECK_INT(ask_answer("Where will Khaled Haftar's army hold its "
	    "positions?", d, 2, NULL, &r, NULL), 0);
	/* The syndicated copy is not repeated. */
	CHECK_INT(r.n, 1);
	if (r.n > 0)
		CHECK(strstr(r.v[0].sentence, "Sirte") != NULL);
	ask_result_release(&r);
	o.max_answers = 1;
	CHECK_INT(ask_answer("oil exports ports", d, 2, &o, &r, NULL), 0);
	CHECK_INT(r.n, 1);
	ask_result_release(&r);
	CHECK_INT(ask_answer("", d, 2, NULL, &r, NULL), ERR_INVAL);
	CHECK_INT(ask_answer(NULL, d, 2, NULL, &r, NULL), ERR_INVAL);
	CHECK_INT(ask_answer("anything at all here", NULL, 0, NULL, &r, NULL),
	    0);
	CHECK_INT(r.n, 0);
	ask_result_release(&r);
	ask_result_release(NULL);
}

TEST(ask_languages)
{
	char *fr = unit_read_file("src/nlp/testdata/lang/fr.txt", NULL);
	char *de = unit_read_file("src/nlp/testdata/lang/de.txt", NULL);
	struct ask_doc d[2];
	struct ask_result r;

	memset(d, 0, sizeof(d));
	d[0].text = fr ? fr : "";
	d[1].text = de ? de : "";
	CHECK_INT(ask_answer("Combien d'\xc3\xa9tablissements sont "
	    "concern\xc3\xa9s ?", d, 2, NULL, &r, NULL), 0);
	CHECK(r.n >= 1 && strstr(r.v[0].sentence, "4 000") != NULL);
	ask_result_release(&r);
	CHECK_INT(ask_answer("Wie viele W\xc3\xa4rmepumpen wurden verkauft?",
	    d, 2, NULL, &r, NULL), 0);
	CHECK(r.n >= 1 && strstr(r.v[0].sentence, "350.000") != NULL);
	ask_result_release(&r);
	free(fr);
	free(de);
}
