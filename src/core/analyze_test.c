/*
 * core/analyze_test.c: the per-article analysis on articles written for
 * these tests. The store's per-source boilerplate counts are played by
 * nlp's in-memory boilerplate_index, as refresh.c plays them with the
 * store.
 */
#include "base/common.h"

#include <ctype.h>
#include <strings.h>


#include "core/analyze.h"
#include "model/feed.h"
#include "nlp/boilerplate.h"
#include "unit.h"

#define BACKGROUND \
	"<p>Background: Meridian Test Wire is an independent news agency " \
	"founded in 1998 that serves newspapers and broadcasters along the " \
	"northern coast with reports in four languages.</p>"

static const char *const stories[] = {
	"<p>The Northbay Harbor Authority said on Tuesday that container "
	"traffic rose by nine percent in the first quarter, helped by a new "
	"crane at the eastern terminal.</p>"
	"<p>Authority chairman Lena Marsh said the increase was the largest "
	"since the port reopened after the storm of 2019.</p>" BACKGROUND,

	"<p>Fishermen in Saltmarsh voted to accept a revised cod quota after "
	"two weeks of talks with the regional fisheries office.</p>"
	"<p>The agreement keeps the season open until late October and adds "
	"a review of the quota in the spring.</p>" BACKGROUND,

	"<p>Heavy rain flooded the coastal road between Kingsferry and "
	"Greyhaven overnight, and crews closed both lanes until the water "
	"drained away on Wednesday morning.</p>"
	"<p>Drivers were sent inland through the valley, adding forty minutes "
	"to the journey.</p>" BACKGROUND,

	"<p>The University of Northbay opened a marine research station on "
	"Greyhaven Island that will study seagrass meadows and the fish that "
	"shelter in them.</p>"
	"<p>Professor Tomas Brandt, who leads the project, said the station "
	"would share its data with schools across the region.</p>"
	BACKGROUND,
};

/* The store's role: count fingerprints per source, report crossings. */
struct fake_store {
	struct boilerplate_index *ix;
	int64_t article;
	uint64_t crossed[64];
	size_t n_crossed;
};

static int
fake_bp(void *arg, const uint64_t *fps, size_t n, bool *is_bp)
{
	struct fake_store *fs = arg;
	size_t nc = 0;

	if (boilerplate_index_add(fs->ix, 1, fs->article, fps, n,
	    fs->crossed + fs->n_crossed, &nc) != 0)
		return ERR_NOMEM;
	fs->n_crossed += nc;
	for (size_t i = 0; i < n; i++)
		is_bp[i] = boilerplate_index_is(fs->ix, 1, fps[i]);
	return 0;
}

TEST(analyze_boilerplate_folds_after_third_and_updates_earlier)
{
	struct analyzer *az = analyzer_new(NULL);
	struct fake_store fs = { 0 };
	struct analysis a[4];
	struct err e = { 0 };

	memset(a, 0, sizeof(a));
	fs.ix = boilerplate_index_new(NULL);
	CHECK(az != NULL && fs.ix != NULL);
	for (int i = 0; i < 4; i++) {
		struct analyze_input in = { 0 };

		in.title = "Test story";
		in.html = stories[i];
		in.lang = "en";
		fs.article = i + 1;
		fs.n_crossed = 0;
		CHECK_INT(analyze_article(az, &in, fake_bp, &fs, &a[i], &e), 0);
		CHECK_INT(a[i].n_blocks, 3);
		if (i < 2) {
			CHECK_INT(a[i].n_boilerplate, 0);
			CHECK(a[i].body_background == NULL);
			CHECK(strstr(a[i].main_text, "independent news") != NULL);
		} else {
			CHECK_INT(a[i].n_boilerplate, 1);
			CHECK(a[i].body_background != NULL &&
			    strstr(a[i].body_background, "Meridian Test Wire"));
			CHECK(strstr(a[i].body_main, "Meridian") == NULL);
			CHECK(strstr(a[i].main_text, "independent news") == NULL);
			CHECK(strstr(a[i].summary.text, "Meridian") == NULL);
		}
		CHECK_INT(fs.n_crossed, i == 2 ? 1 : 0);
		/* The crossing re-analyses the earlier articles. */
		if (fs.n_crossed > 0)
			for (int k = 0; k < i; k++) {
				in.html = stories[k];
				fs.article = k + 1;
				CHECK_INT(analyze_article(az, &in, fake_bp, &fs,
				    &a[k], &e), 0);
			}
	}
	for (int i = 0; i < 4; i++) {
		CHECK_INT(a[i].n_boilerplate, 1);
		CHECK(a[i].body_background != NULL);
		CHECK(strstr(a[i].body_main, "<p>") != NULL);
		CHECK(a[i].summary.n_sentences >= 1);
		char *kp = analysis_key_points_json(&a[i]);

		CHECK(kp != NULL && strstr(kp, "Meridian") == NULL);
		free(kp);
		for (size_t k = 0; k < a[i].entities.n; k++)
			CHECK(strstr(a[i].entities.v[k].name, "Meridian")
			    == NULL);
		analysis_release(&a[i]);
	}
	boilerplate_index_free(fs.ix);
	analyzer_free(az);
}

static struct item *
item_with_tags(const char *const *tags, size_t n)
{
	struct item *it = calloc(1, sizeof(*it));

	it->tags = calloc(n, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		it->tags[i] = strdup(tags[i]);
	it->n_tags = n;
	return it;
}

static bool
has_tag(const struct item *it, const char *tag, const char *key)
{
	for (size_t i = 0; i < it->n_tags; i++)
		if (!strcmp(it->tags[i], tag))
			return it->tag_keys && it->tag_keys[i] &&
			    !strcmp(it->tag_keys[i], key);
	return false;
}

TEST(analyze_glued_tags_split_when_pieces_known)
{
	static const char *const first[] = { "Harbor Authority", "ports",
	    "Shipping" };
	static const char *const glued[] = {
	    "Harbor AuthorityportsShippingstrike", "shipping",
	    "Ports" };
	static const char *const later[] = { "strike" };
	struct analyzer *az = analyzer_new(NULL);
	struct item *a = item_with_tags(first, 3);
	struct item *b = item_with_tags(glued, 3);
	struct item *c = item_with_tags(later, 1);

	/* A batch: the glued item comes before the one naming "strike". */
	CHECK_INT(analyzer_learn_tags(az, a, "en"), 0);
	CHECK_INT(analyzer_learn_tags(az, b, "en"), 0);
	CHECK_INT(analyzer_learn_tags(az, c, "en"), 0);
	CHECK_INT(analyzer_item_tags(az, a, "en", true), 0);
	CHECK_INT(analyzer_item_tags(az, b, "en", true), 0);
	CHECK_INT(analyzer_item_tags(az, c, "en", true), 0);

	CHECK(has_tag(a, "Harbor Authority", "harborauthority"));
	CHECK(has_tag(a, "ports", "port"));
	/* Split into four, and the duplicates by key dropped. */
	CHECK_INT(b->n_tags, 4);
	CHECK(has_tag(b, "Harbor Authority", "harborauthority"));
	CHECK(has_tag(b, "ports", "port"));
	CHECK(has_tag(b, "Shipping", "shipping"));
	CHECK(has_tag(b, "strike", "strike"));
	CHECK_STR(analyzer_tag_display(az, "shipping"), "Shipping");

	/* An unknown piece keeps the string whole. */
	static const char *const odd[] = { "portsZanzibarqux" };
	struct item *d = item_with_tags(odd, 1);
	CHECK_INT(analyzer_item_tags(az, d, "en", false), 0);
	CHECK_INT(d->n_tags, 1);
	CHECK_STR(d->tags[0], "portsZanzibarqux");
	CHECK(d->tag_keys && d->tag_keys[0]);

	item_free(a);
	item_free(b);
	item_free(c);
	item_free(d);
	analyzer_free(az);
}

TEST(analyze_entities_summary_keyphrases)
{
	struct analyzer *az = analyzer_new(NULL);
	struct analyze_input in = { 0 };
	struct analysis a = { 0 };
	struct err e = { 0 };
	bool brandt = false, uni = false;

	in.title = "Marine station opens on Greyhaven Island";
	in.html = stories[3];
	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	CHECK_STR(a.lang, "en");
	CHECK(a.lang_detected);
	CHECK(a.summary.text && a.summary.text[0]);
	CHECK(a.summary.n_sentences >= 1);
	{
		char *kp = analysis_key_points_json(&a);

		CHECK(kp && kp[0] == '[');
		free(kp);
	}
	for (size_t i = 0; i < a.entities.n; i++) {
		const struct entity *en = &a.entities.v[i];

		if (strstr(en->name, "Brandt"))
			brandt = en->type == ENTITY_PERSON;
		if (!strcmp(en->name, "University of Northbay"))
			uni = en->type == ENTITY_ORG;
	}
	CHECK(brandt);
	CHECK(uni);
	/* No publisher tags: keyphrases fill in. */
	CHECK(a.n_extra_tags >= 1 && a.n_extra_tags <= ANALYZE_MIN_TAGS);
	for (size_t i = 0; i < a.n_extra_tags; i++)
		CHECK(a.extra_tags[i].key[0] != '\0');
	/* Enough publisher tags: none added. */
	in.n_tags = 3;
	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	CHECK_INT(a.n_extra_tags, 0);
	analysis_release(&a);
	analyzer_free(az);
}

/* Occurrences of word (lower case) in s, as a whole word, any case. */
static size_t
count_word(const char *s, const char *word)
{
	size_t n = 0, len = strlen(word);

	for (const char *p = s; *p; p++)
		if (strncasecmp(p, word, len) == 0 &&
		    (p == s || !isalpha((unsigned char)p[-1])) &&
		    !isalpha((unsigned char)p[len]))
			n++;
	return n;
}

TEST(analyze_keyphrase_tags_skip_words_named_once)
{
	struct analyzer *az = analyzer_new(NULL);
	struct analyze_input in = { 0 };
	struct analysis a = { 0 };
	struct err e = { 0 };
	/* One phrase recurs; every other word is named once. */
	static const char text[] =
	    "The dock strike at Port Linden went into a third day on "
	    "Tuesday. A lone crane driver crossed the picket line at dawn, "
	    "unnoticed, and the union said the dock strike would go on "
	    "until the harbour board met its pay claim.";

	in.title = "Dock strike enters third day";
	in.text = text;
	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	CHECK(a.n_extra_tags >= 1);
	for (size_t i = 0; i < a.n_extra_tags; i++) {
		const char *t = a.extra_tags[i].tag;

		if (strchr(t, ' ') == NULL)
			CHECK(count_word(text, t) >= 2);
	}
	analysis_release(&a);
	analyzer_free(az);
}

TEST(analyze_language_declared_else_detected)
{
	struct analyzer *az = analyzer_new(NULL);
	struct analyze_input in = { 0 };
	struct analysis a = { 0 };
	struct err e = { 0 };

	in.title = "Le port de la baie rouvre";
	in.text = "Le port de la baie a rouvert mardi après trois jours de "
	    "tempête, a annoncé la capitainerie. Les pêcheurs sont rentrés "
	    "dans la matinée et les ferries ont repris leur service.\n\n"
	    "Selon le maire, les dégâts sont limités et les quais seront "
	    "réparés avant la fin du mois.";
	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	CHECK_STR(a.lang, "fr");
	CHECK(a.lang_detected);
	CHECK_INT(a.n_blocks, 2);
	/* Plain text becomes paragraphs of escaped HTML. */
	CHECK(a.body_main && !strncmp(a.body_main, "<p>Le port", 10));
	CHECK(a.summary.text && a.summary.text[0]);

	in.lang = "de-DE";
	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	CHECK_STR(a.lang, "de");
	CHECK(!a.lang_detected);

	in.lang = "und";
	in.title = NULL;
	in.text = "Die Fähre nach der Insel fährt wieder, nachdem der Sturm "
	    "in der Nacht nachgelassen hat und die Wellen kleiner wurden.";
	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	CHECK_STR(a.lang, "de");
	CHECK(a.lang_detected);
	analysis_release(&a);
	analyzer_free(az);
}

TEST(analyze_empty_and_hostile_bodies)
{
	struct analyzer *az = analyzer_new(NULL);
	struct analyze_input in = { 0 };
	struct analysis a = { 0 };
	struct err e = { 0 };
	char *big;

	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	CHECK_INT(a.n_blocks, 0);
	CHECK(a.body_main == NULL);
	in.title = "Only a title";
	in.html = "";
	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	/* More paragraphs than the block cap: the rest stays in the body. */
	big = malloc((ANALYZE_MAX_BLOCKS + 10) * 10 + 1);
	for (int i = 0; i < ANALYZE_MAX_BLOCKS + 10; i++)
		memcpy(big + i * 10, "<p>x y</p>", 10);
	big[(ANALYZE_MAX_BLOCKS + 10) * 10] = '\0';
	in.html = big;
	CHECK_INT(analyze_article(az, &in, NULL, NULL, &a, &e), 0);
	CHECK_INT(a.n_blocks, ANALYZE_MAX_BLOCKS);
	CHECK_INT(strlen(a.body_main), strlen(big));
	free(big);
	analysis_release(&a);
	analyzer_free(az);
}

TEST(analyze_teaser)
{
	char longer[600];

	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	CHECK(analyze_is_teaser(NULL, NULL));
	CHECK(analyze_is_teaser("A short teaser. Read more", NULL));
	CHECK(!analyze_is_teaser(longer, NULL));
	CHECK(analyze_is_teaser(longer, longer));
}
