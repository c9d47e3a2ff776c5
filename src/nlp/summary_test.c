/*
 * nlp/summary_test.c: summaries are deterministic, leave boilerplate out,
 * skip headlines and datelines, and work in fr, de, es and ar.
 */
#include "base/common.h"

#include "nlp/summary.h"
#include "text/text.h"
#include "unit.h"

static const char *article =
    "Storm floods coastal towns\n\n"
    "HAVANA (Reuters) - A powerful storm flooded coastal towns across "
    "western Cuba on Tuesday, forcing more than 40,000 people from their "
    "homes and knocking out power to most of the province, officials "
    "said.\n\n"
    "\"We have never seen water this high,\" said Maria Lopez, 54, "
    "standing outside her house in the town of La Coloma.\n\n"
    "The Caribbean Desk is an independent newsroom funded by readers. "
    "Support our journalism by becoming a member today.\n\n"
    "The storm, which meteorologists expect to strengthen over the Gulf "
    "of Mexico, brought winds of up to 150 km/h and more than 300 mm of "
    "rain in 24 hours.\n\n"
    "Read more: How hurricanes form\n\n"
    "Civil defence officials said at least three people had died and "
    "dozens were injured. Power was cut to about 80 percent of Pinar del "
    "Rio province, and the storm flooded the province's main hospital.\n";

static bool
contains(const struct summary *s, const char *needle)
{
	size_t i;

	for (i = 0; i < s->n_sentences; i++)
		if (strstr(s->sentences[i], needle) != NULL)
			return true;
	for (i = 0; i < s->n_key_points; i++)
		if (strstr(s->key_points[i], needle) != NULL)
			return true;
	return false;
}

TEST(summary_basic_and_deterministic)
{
	struct summary a, b;
	size_t i;

	CHECK_INT(summary_compute(article, "en", NULL, &a, NULL), 0);
	CHECK_INT(summary_compute(article, NULL, NULL, &b, NULL), 0);
	CHECK_STR(a.lang, "en");
	CHECK_STR(b.lang, "en");
	CHECK(a.n_sentences >= 2 && a.n_sentences <= 3);
	CHECK(a.n_key_points >= 3 && a.n_key_points <= 5);
	CHECK_STR(a.text, b.text);
	CHECK_INT(a.n_key_points, b.n_key_points);
	for (i = 0; i < a.n_key_points && i < b.n_key_points; i++)
		CHECK_STR(a.key_points[i], b.key_points[i]);
	/* The lead, without its dateline, opens the summary. */
	CHECK(strncmp(a.text, "A powerful storm", 16) == 0);
	/* No headline, no furniture, no bare quote. */
	CHECK(!contains(&a, "Storm floods coastal towns"));
	CHECK(!contains(&a, "Read more"));
	CHECK(!contains(&a, "never seen water"));
	summary_release(&a);
	summary_release(&b);
	summary_release(NULL);
}

static bool
is_member_pitch(void *arg, const char *p, size_t n)
{
	(*(int *)arg)++;
	return n > 20 && strncmp(p, "The Caribbean Desk is", 21) == 0;
}

TEST(summary_excludes_boilerplate)
{
	const char *ex[] = { "the caribbean desk is an independent  newsroom "
	    "funded by readers; support our journalism by becoming a member "
	    "today" };
	struct summary_opts o = { 0 };
	struct summary s;
	int calls = 0;

	/* Without exclusion the pitch may surface as a key point. */
	o.max_key_points = 8;
	o.exclude = ex;
	o.n_exclude = 1;
	CHECK_INT(summary_compute(article, "en", &o, &s, NULL), 0);
	CHECK(!contains(&s, "Caribbean Desk"));
	summary_release(&s);
	o.exclude = NULL;
	o.n_exclude = 0;
	o.is_boilerplate = is_member_pitch;
	o.arg = &calls;
	CHECK_INT(summary_compute(article, "en", &o, &s, NULL), 0);
	CHECK(calls > 3);
	CHECK(!contains(&s, "Caribbean Desk"));
	summary_release(&s);
}

TEST(summary_lead_baseline_and_edges)
{
	struct summary_opts o = { 0 };
	struct summary s;
	struct text_ctx *tc = text_ctx_new();

	o.lead = 2;
	o.text = tc;
	CHECK_INT(summary_compute(article, "en", &o, &s, NULL), 0);
	CHECK_INT(s.n_sentences, 2);
	/* The lead as an outside scorer takes it: no headline, no
	 * dateline. */
	CHECK(strncmp(s.sentences[0], "A powerful storm", 16) == 0);
	CHECK(strncmp(s.sentences[1], "\"We have never", 14) == 0);
	summary_release(&s);
	CHECK_INT(summary_compute("", "en", NULL, &s, NULL), 0);
	CHECK_STR(s.text, "");
	CHECK_INT(s.n_sentences, 0);
	summary_release(&s);
	CHECK_INT(summary_compute("Only one short line", "en", NULL, &s,
	    NULL), 0);
	summary_release(&s);
	CHECK_INT(summary_compute("... !!! \xe2\x80\x94 ???", NULL, NULL, &s,
	    NULL), 0);
	CHECK_INT(s.n_sentences, 0);
	summary_release(&s);
	/* A first sentence of stop words only has no terms at all. */
	CHECK_INT(summary_compute("It is what it is. The minister resigned "
	    "on Friday after the vote.", "en", NULL, &s, NULL), 0);
	summary_release(&s);
	CHECK_INT(summary_compute(NULL, "en", NULL, &s, NULL), ERR_INVAL);
	text_ctx_free(tc);
}

static const char *wire =
    "Analysis: Chip curbs were meant to slow China. Its labs adapt\n\n"
    "By Dana Whitcombe and Li Wei, Staff Writers\n\n"
    "ALLENTOWN, Pa. \xe2\x80\x94 \"The Last Fare,\" a slow drama about a "
    "taxi driver in Tehran, won the top prize at the Allentown film "
    "festival on Saturday, the jury said.\n\n"
    "Its director, Shirin Rahmani, was not at the festival to collect "
    "the award. She was 39.\n\n"
    "\"We are proud of this film and of everyone who worked on it,\" "
    "said the festival director, Anna Kowalski, at the ceremony.\n\n"
    "The festival, which ran for ten days, showed 140 films from 40 "
    "countries and sold more tickets than in any year before.\n";

TEST(summary_wire_furniture)
{
	struct summary_opts o = { 0 };
	struct summary s;

	CHECK_INT(summary_compute(wire, "en", NULL, &s, NULL), 0);
	/* Headline cut in two, byline and dateline are no sentences; a
	 * quoted title does not make the lead a quote. */
	CHECK(s.n_sentences >= 2);
	CHECK(strncmp(s.text, "\"The Last Fare,\" a slow drama", 29) == 0);
	CHECK(!contains(&s, "Analysis"));
	CHECK(!contains(&s, "Its labs adapt"));
	CHECK(!contains(&s, "Whitcombe"));
	CHECK(!contains(&s, "Pa."));
	CHECK(!contains(&s, "proud of this film"));
	summary_release(&s);
	o.lead = 3;
	CHECK_INT(summary_compute(wire, "en", &o, &s, NULL), 0);
	CHECK_INT(s.n_sentences, 3);
	CHECK(strncmp(s.sentences[0], "\"The Last Fare,\"", 16) == 0);
	CHECK(strncmp(s.sentences[1], "Its director", 12) == 0);
	CHECK_STR(s.sentences[2], "She was 39.");
	summary_release(&s);
	/* A short fact after the lead goes with it. */
	CHECK_INT(summary_compute("Novelist dies\n\nMargit Solberg, the "
	    "Norwegian novelist whose books about the far north won the Nordic "
	    "Council prize, died on Sunday at her home in Tromso. She was 87."
	    "\n\nHer publisher said the cause was heart failure after a short "
	    "illness in the spring.\n\nSolberg published 14 novels over five "
	    "decades, most of them set on a fictional island off Finnmark.\n",
	    "en", NULL, &s, NULL), 0);
	CHECK(s.n_sentences >= 2);
	CHECK_STR(s.sentences[1], "She was 87.");
	summary_release(&s);
	/* A dateline the splitter cut off leaves no dash behind. */
	CHECK_INT(summary_compute("Title here\n\nBONN \xe2\x80\x94\n\n"
	    "\xe2\x80\x94 The council voted on Monday to close the old bridge "
	    "to cars from next spring.\n\nThe work will cost 12 million "
	    "euros and take two years, officials said.\n", "en", NULL, &s,
	    NULL), 0);
	CHECK(strncmp(s.text, "The council voted", 17) == 0);
	summary_release(&s);
	/* A dateline cut at its abbreviation below a byline: neither its
	 * pieces nor the agency open the summary, and the pieces take no
	 * place before the lead (the short fact still goes with it). */
	CHECK_INT(summary_compute("Novelist dies\n\nBy Ann Lee\n\n"
	    "TULSA, Okla. (AP) \xe2\x80\x94 Margit Solberg, the novelist whose "
	    "books about the plains won every prize, died on Sunday at her home "
	    "in Tulsa.\n\nShe was 87.\n\nHer publisher said the cause was "
	    "heart failure after a short illness in the spring.\n", "en", NULL,
	    &s, NULL), 0);
	CHECK(strncmp(s.text, "Margit Solberg", 14) == 0);
	CHECK(s.n_sentences >= 2);
	if (s.n_sentences >= 2)
		CHECK_STR(s.sentences[1], "She was 87.");
	summary_release(&s);
	CHECK_INT(summary_compute("Jury verdict\n\nBy Ann Lee\n\n"
	    "ST. LOUIS \xe2\x80\x94 A Missouri jury on Friday ordered a chemical "
	    "maker to pay $182 million to the family of a worker who died of "
	    "cancer.\n\nThe company said it would appeal the verdict.\n", "en",
	    NULL, &s, NULL), 0);
	CHECK(strncmp(s.text, "A Missouri jury", 15) == 0);
	summary_release(&s);
	/* An agency tag before the dash opens the text ("(CNN) -- "). */
	CHECK_INT(summary_compute("(CNN) -- A powerful storm flooded coastal "
	    "towns across western Cuba on Tuesday, forcing 40,000 people from "
	    "their homes.\n\nOfficials said three people had died and dozens "
	    "were injured in the province.\n", "en", NULL, &s, NULL), 0);
	CHECK(strncmp(s.text, "A powerful storm", 16) == 0);
	summary_release(&s);
	CHECK_INT(summary_compute("(CNN)The council voted on Monday to close "
	    "the old bridge to cars from next spring.\n\nThe work will cost 12 "
	    "million euros and take two years, officials said.\n", "en", NULL,
	    &s, NULL), 0);
	CHECK(strncmp(s.text, "The council voted", 17) == 0);
	summary_release(&s);
}

/* A page header of names and time stamps, British single quotes and
 * credits at the foot: none of it is news. */
TEST(summary_header_stamps_and_single_quotes)
{
	struct summary s;
	size_t i;

	CHECK_INT(summary_compute("By . Sam Walker . PUBLISHED: . 05:39 EST, "
	    "16 April 2013 . | . UPDATED: . 06:09 EST, 16 April 2013 . A "
	    "council has been ordered to pay 40,000 pounds to a family after a "
	    "tree it had failed to inspect fell on their car, injuring two "
	    "children. 'We are deeply sorry for what this family has been "
	    "through and for our failure,' a council spokesman said. The beech "
	    "tree, which stood outside a primary school in Bristol, had been "
	    "reported as dangerous three times in the two years before it fell. "
	    "The council said it had since inspected every tree near a school "
	    "in the city. Ann Roe in Bristol contributed to this report.\n",
	    "en", NULL, &s, NULL), 0);
	CHECK(strncmp(s.text, "A council has been ordered", 26) == 0);
	CHECK(!contains(&s, "EST"));
	CHECK(!contains(&s, "Walker"));
	CHECK(!contains(&s, "contributed"));
	/* The quote is colour: not in the summary, nor a key point. */
	CHECK(!contains(&s, "deeply sorry"));
	for (i = 0; i < s.n_sentences; i++)
		CHECK(s.sentences[i][0] != '|');
	summary_release(&s);
	/* Names joined by "and" are still no prose. */
	CHECK_INT(summary_compute("By . Associated Press . and Daily Mail "
	    "Reporter . UPDATED: . 12:01 EST, 2 May 2014 . A council has been "
	    "ordered to pay 40,000 pounds to a family after a tree it had "
	    "failed to inspect fell on their car. The beech tree had been "
	    "reported as dangerous three times in the two years before it "
	    "fell.\n", "en", NULL, &s, NULL), 0);
	CHECK(strncmp(s.text, "A council has been ordered", 26) == 0);
	summary_release(&s);
	/* A quotation in single marks after its speaker is a quote too;
	 * apostrophes ("council's", "didn't") are not quotation marks. */
	CHECK_INT(summary_compute("Bridge to close\n\nThe council voted on "
	    "Monday to close the old bridge over the river to cars from next "
	    "spring.\n\nThe mayor said: 'The old bridge over the river has to "
	    "close to cars, because the bridge is not safe for cars any "
	    "more.'\n\nThe council's engineers didn't expect the closure to "
	    "add more than ten minutes to most journeys across town.\n\n"
	    "Buses and bicycles will still be allowed across the bridge.\n",
	    "en", NULL, &s, NULL), 0);
	CHECK(!contains(&s, "The mayor said"));
	CHECK(contains(&s, "The council's engineers didn't"));
	summary_release(&s);
	/* The second sentence of a quotation (its mark closes first) is a
	 * quote as well: no key point. */
	CHECK_INT(summary_compute("Minister resigns\n\nThe Dutch defence "
	    "minister resigned on Tuesday after an inquiry found that his "
	    "ministry withheld information from parliament about a submarine "
	    "contract.\n\n\"Parliament must be able to trust what the "
	    "government tells it. The report shows that the trust of "
	    "parliament in the ministry was damaged by the submarine "
	    "contract,\" he said.\n\nThe inquiry took evidence from 41 "
	    "witnesses over eight months and published its findings on "
	    "Tuesday morning.\n\nThe first of the new submarines was due in "
	    "2032, and the ministry now expects it in 2034 at the earliest."
	    "\n\nThe opposition called for a debate in parliament this "
	    "week.\n", "en", NULL, &s, NULL), 0);
	CHECK(!contains(&s, "The report shows"));
	summary_release(&s);
}

static void
check_lang(const char *code, const char *first_words)
{
	char path[64];
	char *text;
	size_t n;
	struct summary s;

	snprintf(path, sizeof(path), "src/nlp/testdata/lang/%s.txt", code);
	if ((text = unit_read_file(path, &n)) == NULL)
		return;
	/* Detected, then declared: the same result. */
	CHECK_INT(summary_compute(text, NULL, NULL, &s, NULL), 0);
	if (strcmp(s.lang, code) != 0)
		unit_fail(__FILE__, __LINE__, "%s detected as %s", code,
		    s.lang);
	CHECK(s.n_sentences >= 2);
	CHECK(s.n_key_points >= 3);
	CHECK(strncmp(s.text, first_words, strlen(first_words)) == 0);
	summary_release(&s);
	CHECK_INT(summary_compute(text, code, NULL, &s, NULL), 0);
	CHECK(s.n_sentences >= 2);
	summary_release(&s);
	free(text);
}

TEST(summary_languages)
{
	check_lang("fr", "Le gouvernement a annonc\xc3\xa9");
	check_lang("de", "Die Bundesregierung hat");
	check_lang("es", "El Gobierno aprob\xc3\xb3");
	check_lang("ar", "\xd8\xa3\xd8\xb9\xd9\x84\xd9\x86\xd8\xaa");
}

TEST(summary_speed_shape)
{
	/* A long text stays within the candidate cap and finishes. */
	size_t i, n = 0, cap = 400 * 120;
	char *big = malloc(cap);
	struct summary s;

	CHECK(big != NULL);
	if (big == NULL)
		return;
	for (i = 0; i < 400; i++)
		n += (size_t)snprintf(big + n, cap - n, "Sentence number %zu "
		    "talks about topic %zu and item %zu today.\n\n", i, i % 7,
		    i % 13);
	CHECK_INT(summary_compute(big, "en", NULL, &s, NULL), 0);
	CHECK(s.n_sentences >= 1);
	summary_release(&s);
	free(big);
}
