/*
 * entity_test.c: local entity recognition on news-style fixtures.
 */
#include "base/common.h"

#include "base/err.h"
#include "nlp/entity.h"
#include "unit.h"

static const struct entity *
find(const struct entity_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

static bool
has_alias(const struct entity *e, const char *a)
{
	for (size_t i = 0; e && i < e->n_aliases; i++)
		if (strcmp(e->aliases[i], a) == 0)
			return true;
	return false;
}

#define CHECK_ENTITY(l, name, ty, cnt) do { \
	const struct entity *e_ = find((l), (name)); \
	CHECK(e_ != NULL); \
	if (e_) { \
		CHECK_STR(entity_type_name(e_->type), entity_type_name(ty)); \
		CHECK_INT(e_->count, (cnt)); \
	} \
} while (0)

static void
extract_file(const char *path, const struct entity_known *k,
    struct entity_list *l)
{
	size_t n;
	char *t = unit_read_file(path, &n);

	if (t)
		CHECK_INT(entity_extract(t, n, "en", k, l), 0);
	free(t);
}

TEST(entity_harbour_fixture)
{
	struct entity_known *k = entity_known_new();
	struct entity_list l = { 0 };

	extract_file("src/nlp/testdata/entity_harbour.txt", k, &l);
	/* Acronym in parentheses and alone. */
	CHECK_ENTITY(&l, "Tidewater Port Authority", ENTITY_ORG, 4);
	CHECK(has_alias(find(&l, "Tidewater Port Authority"), "TPA"));
	/* Title cue, then the surname alone. */
	CHECK_ENTITY(&l, "Ingrid Thorsdottir", ENTITY_PERSON, 2);
	CHECK(has_alias(find(&l, "Ingrid Thorsdottir"), "Thorsdottir"));
	/* "Mr. Abernathy-Kwan" joins the full name. */
	CHECK_ENTITY(&l, "Joseph Abernathy-Kwan", ENTITY_PERSON, 2);
	/* A role with a modifier; the two-word surname later. */
	CHECK_ENTITY(&l, "Rafael Ortega Lima", ENTITY_PERSON, 2);
	/* Nationality adjective resolves to the country. */
	CHECK_ENTITY(&l, "Norway", ENTITY_PLACE, 2);
	CHECK(has_alias(find(&l, "Norway"), "Norwegian"));
	CHECK_ENTITY(&l, "International Labour Organization", ENTITY_ORG, 2);
	CHECK_ENTITY(&l, "European Union", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Marrow Bay Stevedores Union", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Amara Sesay", ENTITY_PERSON, 1);
	CHECK_ENTITY(&l, "Geneva", ENTITY_PLACE, 1);
	/* The leading word of a company joins it. */
	CHECK_ENTITY(&l, "Fjellheim Cranes", ENTITY_MISC, 2);
	/* No function words, days or shouting. */
	CHECK(find(&l, "However") == NULL);
	CHECK(find(&l, "Monday") == NULL);
	CHECK(find(&l, "The") == NULL);
	CHECK(find(&l, "Officials") == NULL);
	CHECK(find(&l, "In Geneva") == NULL);
	/* Most mentioned first. */
	CHECK_STR(l.v[0].name, "Tidewater Port Authority");
	entity_list_release(&l);
	entity_known_free(k);
}

TEST(entity_council_fixture)
{
	struct entity_known *k = entity_known_new();
	struct entity_list l = { 0 };

	extract_file("src/nlp/testdata/entity_council.txt", k, &l);
	CHECK_ENTITY(&l, "Hanne Solvik", ENTITY_PERSON, 2);
	CHECK_ENTITY(&l, "Tobias Wren", ENTITY_PERSON, 2);
	CHECK_ENTITY(&l, "Yusuf Demir", ENTITY_PERSON, 2);
	CHECK_ENTITY(&l, "Brackwater Transit Authority", ENTITY_ORG, 3);
	CHECK_ENTITY(&l, "Aldgate Marine Works", ENTITY_ORG, 2);
	CHECK_ENTITY(&l, "Green Harbour Party", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Court of Audit", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "International Maritime Organization", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "United Nations", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "European Union", ENTITY_ORG, 1);
	CHECK(has_alias(find(&l, "European Union"), "EU"));
	CHECK_ENTITY(&l, "Denmark", ENTITY_PLACE, 1);
	CHECK_ENTITY(&l, "Lisbon", ENTITY_PLACE, 1);
	CHECK(find(&l, "January") == NULL);
	CHECK(find(&l, "Critics") == NULL);
	CHECK(find(&l, "Party") == NULL);
	entity_list_release(&l);
	entity_known_free(k);
}

TEST(entity_learned_names)
{
	struct entity_known *k = entity_known_new();
	struct entity_list l = { 0 };
	const char *t = "Brackwater residents queued outside the town hall. "
	    "Later, Brackwater held a vote on the Saltway scheme.";
	enum entity_type type;
	const char *disp;

	CHECK_INT(entity_known_add(k, "Brackwater", 10, ENTITY_PLACE), 0);
	CHECK_INT(entity_known_add(k, "Saltway scheme", 14, ENTITY_NONE),
	    ERR_INVAL);
	CHECK(entity_known_lookup(k, "BRACKWATER", 10, &type, &disp));
	CHECK_INT(type, ENTITY_PLACE);
	CHECK_STR(disp, "Brackwater");
	/* Acronyms match only in capitals. */
	CHECK(entity_known_lookup(k, "WHO", 3, &type, &disp));
	CHECK_STR(disp, "World Health Organization");
	CHECK(!entity_known_lookup(k, "Who", 3, &type, &disp));
	CHECK(entity_known_lookup(k, "Z\xc3\xbcrich", 7, &type, &disp) == false);
	CHECK_INT(entity_extract(t, strlen(t), NULL, k, &l), 0);
	/* Sentence-initial, but learned: kept. */
	CHECK_ENTITY(&l, "Brackwater", ENTITY_PLACE, 2);

	/* Known only as "misc", a name takes the kind the text gives it;
	 * a known kind stays without any cue. */
	const char *u = "Premier Ada Rennick opened the Saltway scheme. "
	    "Kelmsby ran late.";
	CHECK_INT(entity_known_add(k, "Ada Rennick", 11, ENTITY_MISC), 0);
	CHECK_INT(entity_known_add(k, "Kelmsby", 7, ENTITY_ORG), 0);
	CHECK_INT(entity_extract(u, strlen(u), NULL, k, &l), 0);
	CHECK_ENTITY(&l, "Ada Rennick", ENTITY_PERSON, 1);
	CHECK_ENTITY(&l, "Kelmsby", ENTITY_ORG, 1);
	entity_list_release(&l);
	entity_known_free(k);
}

/* How news introduces people without a cue next to the name. */
TEST(entity_person_lead_ins)
{
	struct entity_list l = { 0 };
	const char *t = "\"It will bring jobs,\" said the chief executive, "
	    "Ingvild Storaker. \"We missed them,\" said head librarian "
	    "Sunniva Eide. Ferry worker Tomas Brek, 52, was hurt. The "
	    "chief executive of Brightwater met the board; Brightwater "
	    "shares rose. Talks in Kelmsby, 12 in all, were held.";

	CHECK_INT(entity_extract(t, strlen(t), "en", NULL, &l), 0);
	CHECK_ENTITY(&l, "Ingvild Storaker", ENTITY_PERSON, 1);
	CHECK_ENTITY(&l, "Sunniva Eide", ENTITY_PERSON, 1);
	CHECK_ENTITY(&l, "Tomas Brek", ENTITY_PERSON, 1);
	/* A stop word ends the lead-in; an age follows a full name. */
	CHECK_ENTITY(&l, "Brightwater", ENTITY_ORG, 2);
	CHECK(find(&l, "Kelmsby") == NULL ||
	    find(&l, "Kelmsby")->type != ENTITY_PERSON);

	/* Not people: a team ("the Sharks"), a storm, an outlet told
	 * something, the last word of a quotation. */
	const char *u = "Storm Brannock closed the port. Brannock brought "
	    "gusts of 120 km/h. The Northbay Sharks lost; the Sharks play "
	    "again on Friday. Union leader Paulo Brandt told Harborlight "
	    "the offer was poor. \"Yes,\" said Brandt. \"Never,\" "
	    "said Brandt.";
	CHECK_INT(entity_extract(u, strlen(u), "en", NULL, &l), 0);
	CHECK_ENTITY(&l, "Paulo Brandt", ENTITY_PERSON, 3);
	static const char *const not_people[] = { "Storm Brannock",
	    "Northbay Sharks", "Harborlight", "Yes", "Never" };
	for (size_t i = 0; i < ARRAY_LEN(not_people); i++) {
		const struct entity *en = find(&l, not_people[i]);
		CHECK(en == NULL || en->type != ENTITY_PERSON);
	}
	entity_list_release(&l);
}

/* Bodies of people and ensembles named after a place are organisations,
 * and their nouns alone never make a person. */
TEST(entity_bodies_not_people)
{
	struct entity_list l = { 0 };
	const char *t = "\"They took our quota,\" said Ruairi Doyle, chair "
	    "of the Greyhaven Fishermen's Association, who fought the plan. "
	    "The Greyhaven Fishermen met again. Kelmsby Symphony opens its "
	    "season; the Kelmsby Symphony Orchestra plays Sibelius's Second "
	    "Symphony. Symphony tickets sold out. The Saltway Anglers and "
	    "the Dockers' Union marched. The National Weather Service said "
	    "winds would ease. Service was slow. The Weather Service issued "
	    "a warning; the Coast Guard and the National Coast Guard "
	    "stood by.";

	CHECK_INT(entity_extract(t, strlen(t), "en", NULL, &l), 0);
	CHECK_ENTITY(&l, "Greyhaven Fishermen's Association", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Greyhaven Fishermen", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Kelmsby Symphony", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Kelmsby Symphony Orchestra", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Saltway Anglers", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Dockers' Union", ENTITY_ORG, 1);
	/* A name with and without its leading word is one body, whichever
	 * comes first. */
	CHECK_ENTITY(&l, "National Weather Service", ENTITY_ORG, 2);
	CHECK_ENTITY(&l, "National Coast Guard", ENTITY_ORG, 2);
	CHECK(find(&l, "Coast Guard") == NULL);
	CHECK_ENTITY(&l, "Ruairi Doyle", ENTITY_PERSON, 1);
	for (size_t i = 0; i < l.n; i++)
		CHECK(l.v[i].type != ENTITY_PERSON ||
		    strcmp(l.v[i].name, "Ruairi Doyle") == 0);
	CHECK(find(&l, "Second Symphony") == NULL);
	/* Not a body's name behind other words. */
	const char *u = "Customers of Kelmsby Savings Bank queued; Kelmsby "
	    "Savings Bank apologised.";
	CHECK_INT(entity_extract(u, strlen(u), "en", NULL, &l), 0);
	CHECK_ENTITY(&l, "Kelmsby Savings Bank", ENTITY_ORG, 1);
	entity_list_release(&l);
}

/* "said Brightwater's chief executive, ..." speaks of the company's
 * officer: the owner is no person. */
TEST(entity_possessive_owner)
{
	struct entity_list l = { 0 };
	const char *t = "\"It will bring jobs,\" said Saltway's chief "
	    "executive, Ingvild Storaker. Kelmsby's shareholders agreed. "
	    "The farm was approved, Brightwater said; Brightwater Energy "
	    "will build it.";

	CHECK_INT(entity_extract(t, strlen(t), "en", NULL, &l), 0);
	CHECK_ENTITY(&l, "Ingvild Storaker", ENTITY_PERSON, 1);
	CHECK(find(&l, "Saltway") == NULL ||
	    find(&l, "Saltway")->type != ENTITY_PERSON);
	CHECK(find(&l, "Kelmsby") == NULL ||
	    find(&l, "Kelmsby")->type != ENTITY_PERSON);
	/* A company that speaks joins the company's full name. */
	CHECK_ENTITY(&l, "Brightwater Energy", ENTITY_ORG, 2);
	CHECK(find(&l, "Brightwater") == NULL);
	entity_list_release(&l);
}

/* Roles that start a sentence, and names with no cue but a common given
 * name. */
TEST(entity_roles_and_given_names)
{
	struct entity_list l = { 0 };
	const char *t = "Teacher Jonah Wilde started the club. Nurse Eira "
	    "Thorne and Headteacher Bryn Aldous spoke. Coach Tam Rusk was "
	    "away. Councillor Ines Varro voted. Dario Ferri and Fatima "
	    "Okonjo joined later; Kestrel Dawn docked, Anna Bay was calm. "
	    "Said Dr. Lena Park, a marine scientist: it is rising. "
	    "\"We won,\" Dario said. Captain Wren Okoro, 11, won; "
	    "\"Easy,\" Wren said.";

	CHECK_INT(entity_extract(t, strlen(t), "en", NULL, &l), 0);
	CHECK_ENTITY(&l, "Jonah Wilde", ENTITY_PERSON, 1);
	CHECK_ENTITY(&l, "Eira Thorne", ENTITY_PERSON, 1);
	CHECK_ENTITY(&l, "Bryn Aldous", ENTITY_PERSON, 1);
	CHECK_ENTITY(&l, "Tam Rusk", ENTITY_PERSON, 1);
	CHECK_ENTITY(&l, "Ines Varro", ENTITY_PERSON, 1);
	/* The given name alone is the one person who has it. */
	CHECK_ENTITY(&l, "Dario Ferri", ENTITY_PERSON, 2);
	CHECK(has_alias(find(&l, "Dario Ferri"), "Dario"));
	CHECK_ENTITY(&l, "Wren Okoro", ENTITY_PERSON, 2);
	CHECK_ENTITY(&l, "Fatima Okonjo", ENTITY_PERSON, 1);
	/* A title outweighs a place-like surname. */
	CHECK_ENTITY(&l, "Lena Park", ENTITY_PERSON, 1);
	CHECK(find(&l, "Teacher Jonah Wilde") == NULL);
	/* No given name, or a place's word after it: not a person. */
	CHECK(find(&l, "Kestrel Dawn") == NULL ||
	    find(&l, "Kestrel Dawn")->type != ENTITY_PERSON);
	CHECK_ENTITY(&l, "Anna Bay", ENTITY_PLACE, 1);
	entity_list_release(&l);
}

TEST(entity_weak_and_hostile)
{
	struct entity_known *k = entity_known_new();
	struct entity_list l = { 0 };
	const char *t = "Gusts reached 90 km/h. Who pays? Trains stopped. "
	    "BREAKING NEWS: the WHO said so.";
	char *big;

	CHECK_INT(entity_extract(t, strlen(t), "en", k, &l), 0);
	/* A lone sentence-initial word with no other evidence is dropped. */
	CHECK(find(&l, "Gusts") == NULL);
	CHECK(find(&l, "Trains") == NULL);
	CHECK(find(&l, "BREAKING NEWS") == NULL);
	CHECK_ENTITY(&l, "World Health Organization", ENTITY_ORG, 1);
	/* A lone capital letter is a unit or a grade, not a name. */
	const char *units = "Rain in Port Linden by evening. Highs of 7 C, "
	    "lows of 0 C overnight. Tomorrow highs of 9 C, lows of 4 C.";
	CHECK_INT(entity_extract(units, strlen(units), "en", k, &l), 0);
	CHECK(find(&l, "C") == NULL);
	CHECK(find(&l, "Port Linden") != NULL);
	/* Empty, NULL known, junk bytes, a long run of capitals. */
	CHECK_INT(entity_extract("", 0, NULL, k, &l), 0);
	CHECK_INT(l.n, 0);
	CHECK_INT(entity_extract("A\xff\xfe B \xc3", 7, NULL, NULL, &l), 0);
	big = malloc(200000);
	for (size_t i = 0; i + 1 < 200000; i++)
		big[i] = i % 6 == 5 ? ' ' : (i % 6 == 0 ? 'Q' : 'x');
	big[199999] = '\0';
	CHECK_INT(entity_extract(big, 199999, "en", k, &l), 0);
	CHECK(l.n <= ENTITY_MAX_PER_ARTICLE);
	free(big);
	entity_list_release(&l);
	entity_known_free(k);
}

TEST(entity_other_languages)
{
	struct entity_known *k = entity_known_new();
	struct entity_list l = { 0 };
	const char *de = "Die Regierung in Berlin und Bürgermeisterin Elena "
	    "Varga sprachen am Montag über den Hafen.";
	/* Arabic: only known names ("Norway" learned in Arabic script). */
	const char *ar = "\xd9\x88\xd8\xb5\xd9\x84 \xd8\xa7\xd9\x84\xd9\x88"
	    "\xd9\x81\xd8\xaf \xd8\xa5\xd9\x84\xd9\x89 \xd8\xa7\xd9\x84\xd9\x86"
	    "\xd8\xb1\xd9\x88\xd9\x8a\xd8\xac.";

	CHECK_INT(entity_extract(de, strlen(de), "de", k, &l), 0);
	CHECK_ENTITY(&l, "Elena Varga", ENTITY_PERSON, 1);
	CHECK(find(&l, "Berlin") != NULL);
	CHECK(find(&l, "Regierung") == NULL);
	CHECK(find(&l, "Hafen") == NULL);
	/* Nouns before a known name are not part of it; "Insel X" is a
	 * place. */
	const char *de2 = "Die Anlage des Betreibers Brightwater Energy "
	    "steht vor der Insel Greyhaven.";
	CHECK_INT(entity_known_add(k, "Brightwater Energy", 18, ENTITY_ORG),
	    0);
	CHECK_INT(entity_extract(de2, strlen(de2), "de", k, &l), 0);
	CHECK_ENTITY(&l, "Brightwater Energy", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Insel Greyhaven", ENTITY_PLACE, 1);
	CHECK_INT(l.n, 2);
	/* Not known yet, but a tag of the article; and a name a suffix
	 * types after "von". */
	const char *de3 = "Der Stahlhersteller Kelmsby Steel baut ab. Ein "
	    "G\xc3\xbcterzug von Saltway Rail entgleiste.";
	const char *const keys[] = { "stahl", NULL, "kelmsbysteel" };
	CHECK_INT(entity_extract_tagged(de3, strlen(de3), "de", k, NULL, 0,
	    keys, 3, &l), 0);
	CHECK_ENTITY(&l, "Kelmsby Steel", ENTITY_ORG, 1);
	CHECK_ENTITY(&l, "Saltway Rail", ENTITY_ORG, 1);
	CHECK_INT(l.n, 2);
	const char *no = "\xd8\xa7\xd9\x84\xd9\x86\xd8\xb1\xd9\x88\xd9\x8a"
	    "\xd8\xac";
	CHECK_INT(entity_known_add(k, no, strlen(no), ENTITY_PLACE), 0);
	CHECK_INT(entity_extract(ar, strlen(ar), "ar", k, &l), 0);
	CHECK_INT(l.n, 1);
	entity_list_release(&l);
	entity_known_free(k);
}
