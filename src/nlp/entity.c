/*
 * nlp/entity.c: local named-entity recognition (see entity.h).
 *
 * One pass over the tokens builds capitalised spans; each span becomes a
 * mention with type votes (gazetteer or known name 4, title or suffix 3,
 * "said" or apposition 2, "in X" 1); then mentions are grouped: full names
 * first, then single words, which may join a full name as a surname, a
 * leading part or an acronym. Every table lookup is a hash probe, so the
 * cost is linear in the article. The cue word lists live in the known
 * table, built once, so extraction allocates only per-article scratch.
 */
#include "base/common.h"

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "nlp/entity.h"
#include "nlp/gazetteer.h"
#include "nlp/strtab.h"
#include "nlp/tags.h"
#include "text/sentence.h"
#include "text/text.h"

/* Word classes (bits), looked up on the folded word. */
#define W_ROLE 0x001u       /* precedes a person's name: Mayor, Dr, Lt */
#define W_CONNECT 0x002u    /* joins name parts: of, de, bin, van */
#define W_ORG_SUF 0x004u    /* ends an organisation: Authority, Union */
#define W_PLACE_SUF 0x008u  /* ends a place: Island, Valley, Province */
#define W_PLACE_HEAD 0x010u /* starts a place: River, Lake, Mount, Port */
#define W_ORG_HEAD 0x020u   /* "X of ...": University, Bank, Ministry */
#define W_CALENDAR 0x040u   /* Monday, January */
#define W_SAID 0x080u       /* said, told: the name before is a person */
#define W_APPOS 0x100u      /* ", chief executive": a person before */
#define W_START 0x200u      /* capitalised only because first: However */
#define W_PLACE_PREP 0x400u /* in, near: a place may follow */
#define W_ORG_PREP 0x800u   /* "spokeswoman for X": X an organisation */
#define W_GROUP 0x1000u     /* whose possessive names a body: Fishermen's */
#define W_GIVEN 0x2000u     /* a common given name: Anna, Dario, Kofi */
#define W_CORP 0x4000u      /* what a company has: "X's shareholders" */
#define W_BODY 0x8000u      /* an organisation noun, alone no person */

static const char *const roles[] = {
	"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame",
	"lord", "lady", "lt", "lieutenant", "gen", "general", "col", "colonel",
	"maj", "major", "capt", "captain", "sgt", "sergeant", "adm", "admiral",
	"cmdr", "commander", "cpl", "corporal", "rev", "reverend", "president",
	"vice", "prime", "minister", "deputy", "secretary", "chancellor",
	"premier", "mayor", "governor", "senator", "sen", "rep", "gov",
	"councillor", "councilor", "alderman", "judge", "justice", "chief",
	"inspector", "detective", "superintendent", "supt", "constable",
	"sheriff", "commissioner", "ambassador", "king", "queen", "prince",
	"princess", "pope", "cardinal", "bishop", "archbishop", "rabbi",
	"imam", "sheikh", "emir", "sultan", "ceo", "chairman", "chairwoman",
	"chairperson", "director", "coach", "speaker", "spokesman",
	"spokeswoman", "spokesperson", "editor", "herr", "frau", "monsieur",
	"madame", "mme", "mlle", "senor", "senora", "sr", "sra", "dott",
	"burgermeister", "burgermeisterin", "ministerin", "prasident",
	"prasidentin", "maire", "ministre", "presidente", "alcalde",
	"alcaldesa", "doktor", "professorin", "kanzler", "kanzlerin",
	"marshal", "brigadier", "officer", "trooper", "magistrate",
	"attorney", "solicitor", "treasurer", "auditor", "dean", "rector",
	"provost", "archdeacon", "canon", "pastor", "abbot", "executive",
	"teacher", "headteacher", "headmaster", "headmistress", "nurse",
	"midwife", "paramedic", "firefighter", "manager", "skipper",
	"trainer", "referee", "umpire", "chef", "curator", "lecturer",
	"warden", "founder", "councilman", "councilwoman", "congressman",
	"congresswoman", "assemblyman", "assemblywoman", "spokesperson",
};

static const char *const connectors[] = {
	"of", "de", "du", "des", "la", "le", "von", "van", "der", "den", "bin",
	"ibn", "al", "el", "da", "di", "del", "della", "dos", "das", "y",
	"ter", "ten", "zu", "af", "abu", "bint", "ben", "st", "upon", "on",
};

static const char *const org_suffixes[] = {
	"ministry", "authority", "council", "bank", "university", "party",
	"inc", "ltd", "corp", "corporation", "company", "co", "plc", "llc",
	"gmbh", "ag", "sa", "nv", "agency", "association", "union", "court",
	"commission", "committee", "institute", "foundation", "group",
	"holdings", "airlines", "airways", "energy", "foods", "steel",
	"shipping", "lines", "rail", "railways", "railway", "motors", "fund",
	"organisation", "organization", "federation", "alliance", "guard",
	"police", "army", "navy", "force", "forces", "service", "services",
	"department", "office", "board", "trust", "society", "club", "fc",
	"united", "athletic", "rovers", "city fc", "hospital", "school",
	"college", "academy", "parliament", "assembly", "senate", "congress",
	"cabinet", "times", "herald", "post", "wire", "radio", "press",
	"network", "media", "labs", "systems", "technologies", "partners",
	"insurance", "telecom", "pharmaceuticals", "industries", "works",
	"cooperative", "league", "movement", "front", "coalition", "church",
	"museum", "library", "centre", "center", "brigade", "regiment",
	"squadron", "tribunal", "directorate", "bureau", "secretariat",
	"exchange", "grid", "mining", "oil", "gas", "petroleum", "airport",
	"harbour", "ministerium", "verband", "partei", "gewerkschaft",
	"bundesbank", "stiftung", "universitat", "universite", "banque",
	"syndicat", "ministere", "gazette", "review", "tribune", "journal",
	"chronicle", "observer", "courier", "daily", "magazine", "news",
	"sa", "fleet", "lab", "laboratory", "studios", "bakery", "brewery",
	"hotel", "restaurant", "bar", "cafe", "market", "supermarket",
	"stores", "store", "retail", "logistics", "transport", "transit",
	"ferries", "shipyard", "yard", "utilities", "water", "power",
	/* Ensembles and bodies of people: "Northbay Symphony", "Greyhaven
	 * Fishermen", "Esk Valley Miners" act as one. */
	"symphony", "orchestra", "philharmonic", "choir", "chorus",
	"ensemble", "guild", "partnership", "forum", "collective",
	"consortium", "charity", "initiative", "taskforce", "fishermen",
	"fishers", "miners", "swimmers", "rowers", "anglers", "growers",
	"farmers", "traders", "volunteers", "veterans", "pensioners",
	"tenants", "dockers", "seafarers", "mariners", "workers",
};

/* Plural nouns for people whose possessive starts a body's name:
 * "Fishermen's Association", "Women's Institute", "Workers' Union". */
static const char *const groups[] = {
	"fishermen", "fishers", "miners", "swimmers", "rowers", "anglers",
	"growers", "farmers", "traders", "volunteers", "veterans",
	"pensioners", "tenants", "dockers", "seafarers", "mariners",
	"workers", "women", "men", "children", "people", "peoples", "boys",
	"girls", "seamen", "sailors", "citizens", "residents", "parents",
	"students", "teachers", "nurses", "doctors", "employers",
	"ratepayers", "taxpayers", "consumers", "shopkeepers", "merchants",
	"drivers", "musicians", "artists", "writers", "journalists",
	"lawyers", "officers", "scouts", "friends",
};

/* Organisation nouns that never name a person when they stand alone
 * ("Association, who is...", "the Service said"), though some of the
 * other suffixes are surnames too (Power, Post, Church). */
static const char *const bodies[] = {
	"association", "service", "services", "society", "union", "council",
	"trust", "club", "authority", "agency", "ministry", "department",
	"committee", "commission", "foundation", "federation", "alliance",
	"coalition", "institute", "university", "company", "corporation",
	"group", "orchestra", "symphony", "choir", "partnership", "forum",
	"police", "army", "navy", "government", "parliament", "league",
	"board", "bureau", "office", "directorate", "secretariat",
};

/* What a company, not a person, is said to have: "Brightwater's
 * shareholders", "said Brightwater's chief executive" (with "chief"
 * followed by "executive"). */
static const char *const corporate[] = {
	"shareholders", "shares", "board", "ceo", "headquarters",
	"employees", "subsidiary", "customers", "profits", "profit",
	"revenue", "revenues", "stock", "factory", "plant", "chairman",
	"chairwoman", "executive", "executives", "workforce",
};

static const char *const place_suffixes[] = {
	"island", "islands", "isle", "valley", "river", "beach", "street",
	"road", "avenue", "square", "lane", "boulevard", "province", "county",
	"region", "district", "bay", "sound", "quay", "lake", "mountain",
	"mountains", "hills", "hill", "coast", "peninsula", "strait",
	"straits", "sea", "ocean", "gulf", "desert", "bridge", "canal",
	"station", "forest", "heights", "falls", "city", "town", "village",
	"state", "territory", "republic", "kingdom", "archipelago", "delta",
	"plain", "plains", "reef", "harbor", "point", "head", "cove", "creek",
	"estuary", "fjord", "glacier", "park", "gardens", "pier", "wharf",
	"docks", "yards", "strasse", "platz", "ufer", "insel", "tal",
	"marsh", "moor", "ridge", "way", "row", "place", "crescent", "drive",
	"highway", "motorway", "tunnel", "pass", "dam",
};

static const char *const place_heads[] = {
	"river", "lake", "mount", "mt", "cape", "port", "fort", "isle",
	"gulf", "bay", "lac", "rio", "sierra", "monte", "sankt", "saint",
	"insel", "ile", "isla", "ilha",
	"san", "santa", "new", "north", "south", "east", "west", "upper",
	"lower", "greater",
};

static const char *const org_heads[] = {
	"university", "bank", "ministry", "department", "office", "council",
	"court", "institute", "museum", "church", "federation", "association",
	"union", "house", "port", "board", "bureau", "league", "society",
	"college", "school", "academy", "agency", "commission", "committee",
	"chamber", "order", "party", "confederation", "secretariat",
	"organisation", "organization", "royal", "national", "federal",
	"central", "international", "european", "universite", "ministere",
	"universitat",
};

static const char *const calendar[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri",
	"sat", "sun", "today", "tomorrow", "yesterday", "tonight", "montag",
	"dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
	"januar", "februar", "marz", "juni", "juli", "oktober", "dezember",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
	"dimanche", "janvier", "fevrier", "mars", "avril", "mai", "juin",
	"juillet", "aout", "septembre", "octobre", "novembre", "decembre",
	"morning", "evening", "night", "afternoon", "weekend", "spring",
	"summer", "autumn", "winter",
};

static const char *const said[] = {
	"said", "says", "told", "added", "asked", "warned", "explained",
	"argued", "insisted", "wrote", "stressed", "noted", "replied",
	"confirmed", "acknowledged", "admitted", "announced", "urged",
	"declined", "denied", "recalled", "predicted", "conceded",
	"continued", "agreed", "countered", "estimated", "promised",
	"sagte", "erklarte", "betonte", "dijo", "afirmo", "explico",
	"declare", "explique", "ajoute", "souligne", "affirme", "indique",
};

static const char *const appos[] = {
	"who", "executive", "secretary", "director", "chief", "minister",
	"spokesman", "spokeswoman", "spokesperson", "president", "chairman",
	"chairwoman", "chair", "head", "leader", "founder", "officer",
	"professor", "researcher", "scientist", "economist", "analyst",
	"lawyer", "mayor", "governor", "deputy", "manager", "coach",
	"captain", "owner", "resident", "author", "editor", "commissioner",
	"councillor", "inspector", "senator", "ambassador", "superintendent",
	"engineer", "teacher", "nurse", "doctor", "farmer", "fisherman",
	"skipper", "candidate", "premier", "mother", "father", "widow",
	"daughter", "son", "wife", "husband", "partner", "aged", "whose",
	"striker", "midfielder", "goalkeeper", "defender", "winger",
	"chancellor", "treasurer", "historian", "curator", "planner",
	"organiser", "organizer", "volunteer", "trader", "shopkeeper",
	"biologist", "ecologist", "epidemiologist", "physician", "surgeon",
};

/* Common given names of many languages, written for tidings: a
 * capitalised pair with one of these first ("Dario Ferri") is taken for
 * a person when nothing else types it. Names that are as often words or
 * places ("Will", "May", "Victoria", "Jordan") are left out, and a name
 * the known table types (a capital: "Sofia") is not used as one. */
static const char *const given_names[] = {
	/* English, Irish, Scottish */
	"james", "john", "robert", "michael", "david", "richard", "joseph",
	"thomas", "charles", "christopher", "daniel", "matthew", "anthony",
	"steven", "paul", "andrew", "joshua", "kenneth", "kevin", "brian",
	"george", "edward", "timothy", "jason", "jeffrey", "ryan", "jacob",
	"nicholas", "eric", "jonathan", "stephen", "justin", "scott",
	"benjamin", "samuel", "gregory", "alexander", "raymond", "patrick",
	"dennis", "aaron", "henry", "adam", "douglas", "nathan", "peter",
	"zachary", "ethan", "carl", "keith", "gerald", "sean", "arthur",
	"albert", "noah", "philip", "oliver", "harry", "liam", "owen",
	"lucas", "simon", "martin", "neil", "ian", "colin", "graham",
	"nigel", "hugh", "rory", "callum", "alistair", "angus", "declan",
	"niall", "ciaran", "seamus", "aidan", "conor", "eamon", "marcus",
	"mary", "patricia", "jennifer", "linda",
	"elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
	"lisa", "nancy", "margaret", "sandra", "ashley", "emily", "donna",
	"michelle", "amanda", "dorothy", "melissa", "deborah", "stephanie",
	"rebecca", "sharon", "laura", "cynthia", "kathleen", "amy",
	"angela", "anna", "brenda", "emma", "nicole", "helen", "samantha",
	"katherine", "christine", "rachel", "catherine", "maria", "heather",
	"diane", "julie", "olivia", "joyce", "megan", "andrea", "hannah",
	"jacqueline", "martha", "teresa", "ann", "sara", "frances", "janet",
	"abigail", "alice", "julia", "marie", "denise", "danielle",
	"natalie", "siobhan", "aoife", "niamh", "fiona", "eilidh", "morag",
	"edith", "agnes", "clara", "ruth", "nora", "esther",
	/* Nordic, German, Dutch */
	"lars", "anders", "erik", "nils", "sven", "olaf", "ole", "magnus",
	"henrik", "jonas", "tomas", "johan", "karl", "hans", "jens",
	"bjorn", "gunnar", "leif", "torstein", "ingrid", "astrid", "sigrid",
	"karin", "greta", "elin", "ebba", "freya", "liv", "maja", "ragnhild",
	"solveig", "hanne",
	"mette", "kirsten", "pieter", "klaus", "jurgen", "wolfgang",
	"stefan", "andreas", "matthias", "markus", "tobias", "lukas",
	"felix", "anja", "katrin", "petra", "sabine", "ursula", "heike",
	"monika", "claudia", "birgit", "dieter", "helmut", "ulrich",
	"sanne", "femke", "joost", "bram", "willem",
	/* French, Italian, Spanish, Portuguese */
	"francois", "pierre", "jacques", "philippe", "nicolas", "julien",
	"antoine", "camille", "claire", "sophie", "isabelle", "nathalie",
	"helene", "amelie", "chloe", "giulia", "francesca", "chiara",
	"giovanni", "giuseppe", "marco", "luca", "alessandro", "matteo",
	"lorenzo", "dario", "paolo", "sergio", "roberto", "carlos", "javier",
	"miguel", "juan", "jose", "luis", "pablo",
	"diego", "alejandro", "lucia", "elena", "carmen", "isabel", "ana",
	"pilar", "marta", "beatriz", "ines", "joao", "pedro", "rafael",
	"tiago",
	"piotr", "pawel", "tomasz", "jakub", "katarzyna", "agnieszka",
	"magdalena", "olga", "ivan", "dmitri", "sergei", "alexei",
	"natalia", "irina", "tatiana", "svetlana", "oksana", "yuri",
	"andrei", "mikhail", "vladimir", "nikolai", "viktor", "janos",
	"laszlo", "zsofia", "dimitris", "eleni", "nikos",
	/* Turkish, Arabic, Persian */
	"mehmet", "ahmet", "mustafa", "emre", "ayse", "fatma", "elif",
	"zeynep", "yusuf", "omar", "ahmed", "mohamed", "mohammed",
	"muhammad", "hassan", "hussein", "ibrahim", "khalid", "khaled",
	"mahmoud", "tariq", "karim", "amir", "fatima", "aisha", "mariam",
	"layla", "nadia", "samira", "yasmin", "leila", "amina", "farah",
	"zainab", "idris", "reza", "dariush", "shirin",
	/* African */
	"kofi", "kwame", "kwabena", "akua", "chinedu", "emeka", "ngozi",
	"tunde", "femi", "adebayo", "amara", "wanjiru", "thabo", "sipho",
	"nomvula", "abebe", "tendai",
	/* South and East Asian */
	"rahul", "amit", "sanjay", "vijay", "arjun", "priya", "anjali",
	"sunita", "deepa", "pooja", "hiroshi", "takashi", "kenji", "yuki",
	"haruto", "sakura", "minh",
};

/* First words of a named storm ("Storm Brannock", "Hurricane Ida"). */
static const char *const storm_heads[] = {
	"storm", "hurricane", "typhoon", "cyclone", "tempete", "sturm",
	"tormenta", "huracan",
};

static const char *const start_words[] = {
	"however", "meanwhile", "still", "yet", "also", "instead", "today",
	"officials", "police", "residents", "critics", "experts", "analysts",
	"workers", "voters", "people", "many", "some", "several", "most",
	"both", "neither", "although", "though", "despite", "because",
	"while", "when", "where", "after", "before", "since", "until",
	"under", "earlier", "later", "last", "next", "first", "second",
	"third", "final", "finally", "asked", "speaking", "according",
	"further", "overall", "indeed", "elsewhere", "here", "there",
	"thanks", "shares", "prices", "sales", "profits", "traffic",
	"weather", "rain", "wind", "snow", "temperatures", "gusts", "fans",
	"tickets", "doors", "entry", "admission", "updated", "read", "watch",
	"listen", "photo", "video", "editor", "breaking", "live", "update",
	"background", "note", "more", "related", "see", "click", "sign",
	"subscribe", "share", "follow", "advertisement", "sponsored",
	"please", "if", "unless", "whether", "not", "no", "nor", "only",
	"even", "just", "then", "now", "once", "again", "together", "new",
	"old", "local", "national", "regional", "our", "your", "their",
	"his", "her", "its", "my", "we", "they", "he", "she", "it", "you",
	"i", "this", "that", "these", "those", "what", "who", "which", "how",
	"why", "all", "every", "each", "any", "one", "two", "three", "four",
	"five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
	"thousands", "millions", "half", "around", "about", "nearly",
	"almost", "over", "up", "down", "out", "off", "on", "in", "at",
	"by", "for", "from", "with", "without", "into", "onto", "across",
	"against", "among", "between", "during", "through", "toward",
	"towards", "within", "along", "beyond", "above", "below", "near",
	"inside", "outside", "like", "unlike", "as", "so", "but", "and",
	"or", "if", "the", "a", "an",
};

static const char *const place_preps[] = {
	"in", "near", "outside", "across", "towards", "toward", "via",
};

static const char *const org_preps[] = {
	"for", "of", "at",
};

struct known_info {
	uint16_t words;     /* W_* for cue words */
	uint8_t type;       /* enum entity_type, 0 for a cue word only */
	uint8_t caps_only;
	uint32_t display;   /* id in the display table */
};

struct entity_known {
	struct nlp_strtab keys;   /* folded name or cue word */
	struct known_info *info;
	size_t info_cap;
	struct nlp_strtab display;
};

const char *
entity_type_name(enum entity_type t)
{
	switch (t) {
	case ENTITY_PERSON: return "person";
	case ENTITY_PLACE: return "place";
	case ENTITY_ORG: return "org";
	case ENTITY_MISC: return "misc";
	default: return "none";
	}
}

static int
known_slot(struct entity_known *k, const char *key, size_t n, uint32_t *id)
{
	bool added;
	int rc = nlp_strtab_intern(&k->keys, key, n, id, &added);

	if (rc < 0 || !added)
		return rc;
	if (*id >= k->info_cap) {
		size_t nc = k->info_cap ? k->info_cap * 2 : 1024;
		struct known_info *in = realloc(k->info, nc * sizeof(*in));
		if (!in)
			return ERR_NOMEM;
		k->info = in;
		k->info_cap = nc;
	}
	k->info[*id] = (struct known_info){ 0, 0, 0, UINT32_MAX };
	return 0;
}

static int
add_words(struct entity_known *k, const char *const *w, size_t n,
    unsigned cls)
{
	uint32_t id;
	int rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = known_slot(k, w[i], strlen(w[i]), &id)) < 0)
			return rc;
		k->info[id].words |= (uint16_t)cls;
	}
	return 0;
}

static int
add_name(struct entity_known *k, const char *name, size_t n,
    const char *display, enum entity_type type, bool caps_only)
{
	struct buf key = BUF_INIT;
	uint32_t id, did;
	int rc;

	if ((rc = tag_fold(name, n, &key)) < 0)
		goto out;
	if (key.len == 0) {
		rc = ERR_INVAL;
		goto out;
	}
	if ((rc = known_slot(k, key.p, key.len, &id)) < 0)
		goto out;
	if (k->info[id].type != 0)
		goto out; /* first definition wins */
	if ((rc = nlp_strtab_intern(&k->display, display, strlen(display),
	    &did, NULL)) < 0)
		goto out;
	k->info[id].type = (uint8_t)type;
	k->info[id].caps_only = caps_only;
	k->info[id].display = did;
out:
	buf_release(&key);
	return rc;
}

static int
add_gazetteer(void *arg, const struct gazetteer_entry *e)
{
	enum entity_type t = e->kind == GAZ_ORG ? ENTITY_ORG : ENTITY_PLACE;

	return add_name(arg, e->name, strlen(e->name), e->canonical, t,
	    e->caps_only);
}

static struct entity_known *
known_new(bool gazetteer)
{
	struct entity_known *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	nlp_strtab_init(&k->keys, 0);
	nlp_strtab_init(&k->display, 0);
	if (add_words(k, roles, ARRAY_LEN(roles), W_ROLE) < 0 ||
	    add_words(k, connectors, ARRAY_LEN(connectors), W_CONNECT) < 0 ||
	    add_words(k, org_suffixes, ARRAY_LEN(org_suffixes), W_ORG_SUF) < 0 ||
	    add_words(k, place_suffixes, ARRAY_LEN(place_suffixes),
	    W_PLACE_SUF) < 0 ||
	    add_words(k, place_heads, ARRAY_LEN(place_heads), W_PLACE_HEAD) < 0 ||
	    add_words(k, org_heads, ARRAY_LEN(org_heads), W_ORG_HEAD) < 0 ||
	    add_words(k, calendar, ARRAY_LEN(calendar), W_CALENDAR) < 0 ||
	    add_words(k, said, ARRAY_LEN(said), W_SAID) < 0 ||
	    add_words(k, appos, ARRAY_LEN(appos), W_APPOS) < 0 ||
	    add_words(k, start_words, ARRAY_LEN(start_words), W_START) < 0 ||
	    add_words(k, place_preps, ARRAY_LEN(place_preps), W_PLACE_PREP) < 0 ||
	    add_words(k, org_preps, ARRAY_LEN(org_preps), W_ORG_PREP) < 0 ||
	    add_words(k, groups, ARRAY_LEN(groups), W_GROUP) < 0 ||
	    add_words(k, given_names, ARRAY_LEN(given_names), W_GIVEN) < 0 ||
	    add_words(k, corporate, ARRAY_LEN(corporate), W_CORP) < 0 ||
	    add_words(k, bodies, ARRAY_LEN(bodies), W_BODY) < 0 ||
	    (gazetteer && gazetteer_each(add_gazetteer, k) != 0)) {
		entity_known_free(k);
		return NULL;
	}
	return k;
}

struct entity_known *
entity_known_new(void)
{
	return known_new(true);
}

void
entity_known_free(struct entity_known *k)
{
	if (!k)
		return;
	nlp_strtab_release(&k->keys);
	nlp_strtab_release(&k->display);
	free(k->info);
	free(k);
}

size_t
entity_known_size(const struct entity_known *k)
{
	size_t n = 0;

	if (!k)
		return 0;
	for (uint32_t i = 0; i < k->keys.n; i++)
		if (k->info[i].type)
			n++;
	return n;
}

int
entity_known_add(struct entity_known *k, const char *name, size_t n,
    enum entity_type type)
{
	char *disp;
	size_t words = 1;
	int rc;

	if (!k || !name || n == 0 || type <= ENTITY_NONE || type > ENTITY_MISC)
		return ERR_INVAL;
	if (n > ENTITY_MAX_NAME)
		return ERR_TOOBIG;
	for (size_t i = 0; i < n; i++)
		if (name[i] == ' ')
			words++;
	if (words > ENTITY_MAX_WORDS)
		return ERR_TOOBIG;
	if (!(disp = malloc(n + 1)))
		return ERR_NOMEM;
	memcpy(disp, name, n);
	disp[n] = '\0';
	rc = add_name(k, name, n, disp, type, false);
	free(disp);
	return rc;
}

/* Every ASCII letter of s is a capital. */
static bool
all_caps(const char *s, size_t n)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
		if (s[i] >= 'A' && s[i] <= 'Z')
			any = true;
	}
	return any;
}

static int64_t
known_find(const struct entity_known *k, const char *key, size_t n)
{
	return k ? nlp_strtab_find(&k->keys, key, n) : -1;
}

bool
entity_known_lookup(const struct entity_known *k, const char *name,
    size_t n, enum entity_type *type, const char **display)
{
	struct buf key = BUF_INIT;
	int64_t id = -1;

	if (k && name && tag_fold(name, n, &key) == 0 && key.len)
		id = known_find(k, key.p, key.len);
	buf_release(&key);
	if (id < 0 || !k->info[id].type)
		return false;
	if (k->info[id].caps_only && !all_caps(name, n))
		return false;
	if (type)
		*type = (enum entity_type)k->info[id].type;
	if (display)
		*display = nlp_strtab_key(&k->display, k->info[id].display, NULL);
	return true;
}

/* ---- Extraction ---- */

/* Punctuation between a token and the one before it. */
#define G_COMMA 0x01u
#define G_PERIOD 0x02u
#define G_OPEN 0x04u     /* ( or [ */
#define G_CLOSE 0x08u
#define G_BREAK 0x10u    /* other punctuation: : ; ! ? dashes, quotes */
#define G_AMP 0x20u
#define G_NEWLINE 0x40u
#define G_QUOTE 0x80u

struct etok {
	size_t off, len;
	unsigned flags;      /* TEXT_TOK_* */
	uint8_t gap;         /* G_* before this token */
	bool word;           /* TEXT_TOK_WORD */
	bool start;          /* first token of a sentence */
	bool cap;            /* counts as capitalised for spans */
	bool possessive;     /* ends in 's */
	uint16_t cls;        /* W_* (looked up lazily) */
	bool cls_done;
	int8_t doc_stop;     /* the body doc's stop flag; -1: no doc token */
	int32_t kid;         /* known id of the word (with cls), -1: none */
};

/* Type votes. */
enum { V_NONE = 0, V_PREP = 1, V_SAID = 2, V_CUE = 3, V_KNOWN = 4 };

struct mention {
	size_t off, len;     /* display slice */
	uint32_t key;        /* id in the article's key table (folded) */
	uint32_t first_key, last_key; /* folded first and last words */
	uint8_t ntok;
	uint8_t vote[5];     /* per enum entity_type */
	bool weak;           /* a lone sentence-initial word, no evidence */
	bool acronym;        /* one all-capital word */
	bool in_parens;      /* directly inside ( ) after another mention */
	bool after_the;      /* "the Sharks": a team or a thing, not a person */
	bool given;          /* one word, a common given name */
	const char *canonical; /* from the gazetteer/known, or NULL */
	int32_t entity;      /* group index, -1 until grouped */
	uint32_t initials;   /* hash of the initials (multi-word names) */
};

struct group {
	uint32_t key;        /* canonical key id */
	int32_t best;        /* mention giving the display name */
	unsigned count;
	unsigned votes[5];
	bool strong;         /* some mention was not weak */
	size_t first_off;
	const char *canonical;
	uint8_t ntok;
	int32_t first_m;     /* first mention (for alias surfaces) */
};

struct ctx {
	const char *s;
	size_t n;
	const char *lang;
	bool german, caseless;
	const struct entity_known *k;
	struct etok *t;
	size_t nt, tcap;
	struct mention *m;
	size_t nm, mcap;
	struct group *g;
	size_t ng, gcap;
	struct nlp_strtab keys;  /* folded surfaces of this article */
	struct buf fold;
	/* Stop lists of lang and of English (NULL: none, or lang is
	 * English), found once per text for is_stop. */
	const struct text_stoplist *stop_lang, *stop_en;
	/* The article's tag keys (tag_key in lang), or none. */
	const char *const *tag_keys;
	size_t n_tag_keys;
};

static int
grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 64;
	while (nc < need)
		nc *= 2;
	void *q = realloc(*p, nc * size);
	if (!q)
		return ERR_NOMEM;
	*p = q;
	*cap = nc;
	return 0;
}

static uint8_t
gap_class(const char *s, size_t a, size_t b)
{
	uint8_t g = 0;

	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case ' ': case '\t': case '\r': case '-':
			break;
		case '\n': g |= G_NEWLINE; break;
		case ',': g |= G_COMMA; break;
		case '.': g |= G_PERIOD; break;
		case '(': case '[': g |= G_OPEN; break;
		case ')': case ']': g |= G_CLOSE; break;
		case '&': g |= G_AMP; break;
		case '"': case '\'': g |= G_QUOTE; break;
		case 0xE2:
			/* U+2018-U+201F quotes, U+2013/U+2014 dashes. */
			if (i + 2 < b && (unsigned char)s[i + 1] == 0x80) {
				unsigned char d = (unsigned char)s[i + 2];
				if (d >= 0x98 && d <= 0x9F)
					g |= G_QUOTE;
				else if (d != 0xAF) /* a narrow no-break space */
					g |= G_BREAK;
				i += 2;
			} else {
				g |= G_BREAK;
			}
			break;
		case 0xC2:
			if (i + 1 < b && (unsigned char)s[i + 1] == 0xA0) {
				i++;
				break;
			}
			g |= G_BREAK;
			break;
		default:
			if (c < 0x80 || c >= 0xC0)
				g |= G_BREAK;
			break;
		}
	}
	return g;
}

/* Fold a slice into c->fold (words separated by single spaces). */
static int
fold_slice(struct ctx *c, size_t off, size_t len)
{
	buf_reset(&c->fold);
	return tag_fold(c->s + off, len, &c->fold);
}

/* Words folded on the stack for a look-up (word_class, is_stop); longer
 * folds go through c->fold. */
#define ENTITY_FOLD_STACK 256

/* Fold token i's first len bytes for a look-up: into stack (room for
 * ENTITY_FOLD_STACK bytes) when it fits, else into c->fold. *f and *fn
 * receive the folded words. Returns 0 or ERR_NOMEM. */
static int
fold_word(struct ctx *c, size_t i, size_t len, char *stack,
    const char **f, size_t *fn)
{
	int m = tag_fold_into(c->s + c->t[i].off, len, stack,
	    ENTITY_FOLD_STACK);

	if (m >= 0) {
		*f = stack;
		*fn = (size_t)m;
		return 0;
	}
	if (fold_slice(c, c->t[i].off, len) < 0)
		return ERR_NOMEM;
	*f = c->fold.p ? c->fold.p : "";
	*fn = c->fold.len;
	return 0;
}

static uint16_t
word_class(struct ctx *c, size_t i)
{
	struct etok *t = &c->t[i];

	if (!t->cls_done) {
		t->cls_done = true;
		t->cls = 0;
		t->kid = -1;
		size_t len = t->len;
		if (t->possessive)
			len -= 2;
		char stack[ENTITY_FOLD_STACK];
		const char *f;
		size_t fn;

		if (len <= TEXT_WORD_MAX && fold_word(c, i, len, stack, &f,
		    &fn) == 0) {
			int64_t id = known_find(c->k, f, fn);
			if (id >= 0) {
				t->cls = c->k->info[id].words;
				t->kid = (int32_t)id;
			}
		}
	}
	return t->cls;
}

static bool
is_initial(const struct ctx *c, size_t i)
{
	/* One capital letter ("J." in "J. R. Smith", "U" in "U.S."). */
	return c->t[i].len == 1 && c->t[i].cap;
}

#if defined(__GNUC__)
#define ENTITY_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define ENTITY_ALWAYS_INLINE inline
#endif

/* Inlined into add_tok: it runs for every word of every article. */
static ENTITY_ALWAYS_INLINE bool
ends_possessive(const char *s, size_t n)
{
	if (n >= 3 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
		return true;
	return n >= 5 && memcmp(s + n - 4, "\xe2\x80\x99", 3) == 0 &&
	    (s[n - 1] == 's' || s[n - 1] == 'S');
}

static bool
lower_prefix_name(const char *s, size_t n)
{
	/* "al-Hassan", "el-Sisi", "bin-Salman": a particle glued by a
	 * hyphen to a capitalised name. */
	static const char *const pre[] = { "al-", "el-", "ad-", "as-", "ash-",
	    "bin-", "ibn-", "abu-" };

	/* Every token passes here: most have no hyphen in third or fourth
	 * place. */
	if (n < 4 || (s[2] != '-' && s[3] != '-'))
		return false;
	for (size_t i = 0; i < ARRAY_LEN(pre); i++) {
		size_t k = strlen(pre[i]);
		if (n > k && memcmp(s, pre[i], k) == 0 && s[k] >= 'A' && s[k] <= 'Z')
			return true;
	}
	return false;
}

/* Inlined into tokenize's loops: it runs for every token of every
 * article, and the call cost as much as its work. */
static ENTITY_ALWAYS_INLINE int
add_tok(struct ctx *c, const struct text_tok *tok, size_t off,
    int doc_stop, size_t *prev_end)
{
	int rc;

	if (c->nt == c->tcap && (rc = grow((void **)&c->t, &c->tcap,
	    c->nt + 1, sizeof(*c->t))) < 0)
		return rc;
	struct etok *t = &c->t[c->nt++];
	const char *p = c->s + off;
	memset(t, 0, sizeof(*t));
	t->off = off;
	t->len = tok->s.n;
	t->flags = tok->flags;
	t->word = tok->kind == TEXT_TOK_WORD;
	t->doc_stop = (int8_t)doc_stop;
	/* Most words are one space apart: no class to add. */
	t->gap = off == *prev_end + 1 && c->s[*prev_end] == ' ' ? 0 :
	    gap_class(c->s, *prev_end, off);
	t->possessive = t->word && ends_possessive(p, tok->s.n);
	/* The particle test only where a hyphen sits third or fourth:
	 * every token passes here. */
	t->cap = t->word && ((tok->flags & TEXT_TOK_CAP) || (tok->s.n >= 4 &&
	    (p[2] == '-' || p[3] == '-') && lower_prefix_name(p, tok->s.n)));
	*prev_end = off + tok->s.n;
	return 0;
}

/* Tokens and sentence starts of c->s. With a body (c->s from body_off on
 * holds body->s's bytes), only the part before it is walked here; the
 * body's tokens and sentences are taken, shifted, from the doc. */
static int
tokenize(struct ctx *c, const struct text_doc *body, size_t body_off)
{
	struct text_iter it;
	struct text_tok tok;
	struct text_sentences sl = { 0 };
	size_t prev_end = 0, si = 0, head = body ? body_off : c->n;
	int rc;

	text_iter_init(&it, c->s, head);
	while (text_iter_next(&it, &tok))
		if ((rc = add_tok(c, &tok, tok.off, -1, &prev_end)) < 0)
			return rc;
	/* Room for the body's tokens at once. */
	if (body != NULL && (rc = grow((void **)&c->t, &c->tcap,
	    c->nt + body->n_tok + 1, sizeof(*c->t))) < 0)
		return rc;
	if (body != NULL)
		for (size_t i = 0; i < body->n_tok; i++) {
			const struct text_tok *bt = &body->v[i].tok;

			if (body_off + bt->off + bt->s.n > c->n)
				break;
			if ((rc = add_tok(c, bt, body_off + bt->off,
			    body->v[i].stop, &prev_end)) < 0)
				return rc;
		}
	if ((rc = text_split_sentences(c->s, head, c->lang, &sl)) < 0 &&
	    rc != ERR_TOOBIG) {
		text_sentences_release(&sl);
		return rc;
	}
	if (body != NULL) {
		/* The head ends in a blank line, so no sentence runs from it
		 * into the body: the two lists just follow each other. */
		for (size_t i = 0; i < body->sl->n; i++) {
			if (sl.n == sl.cap) {
				size_t cap = sl.cap ? sl.cap * 2 : 64;
				struct text_sentence *v = realloc(sl.v,
				    cap * sizeof(*v));

				if (v == NULL) {
					text_sentences_release(&sl);
					return ERR_NOMEM;
				}
				sl.v = v;
				sl.cap = cap;
			}
			sl.v[sl.n] = body->sl->v[i];
			sl.v[sl.n].off += body_off;
			sl.n++;
		}
	}
	/* A sentence's first token, if it has one, starts it: the first
	 * token at or after its offset, when that token is inside it. One
	 * pointer moves over the tokens as the sentences go by. */
	for (size_t ti = 0; si < sl.n; si++) {
		while (ti < c->nt && c->t[ti].off < sl.v[si].off)
			ti++;
		if (ti == c->nt)
			break;
		if (c->t[ti].off < sl.v[si].off + sl.v[si].len)
			c->t[ti].start = true;
	}
	if (c->nt)
		c->t[0].start = true;
	text_sentences_release(&sl);
	return 0;
}

/* Does an apostrophe follow token i at once, then a space ("Workers'
 * Union")? */
static bool
plural_possessive(const struct ctx *c, size_t i)
{
	size_t e = c->t[i].off + c->t[i].len;
	const char *s = c->s;

	if (c->t[i].len < 3 || (s[e - 1] != 's' && s[e - 1] != 'S'))
		return false;
	if (e + 1 < c->n && s[e] == '\'' && s[e + 1] == ' ')
		return true;
	return e + 3 < c->n && memcmp(s + e, "\xe2\x80\x99 ", 4) == 0;
}

/* May token j continue a span that has token j - 1? A possessive ends a
 * name ("Brightwater's chief") but for a group's ("Fishermen's
 * Association"). */
static bool
joins(struct ctx *c, size_t j)
{
	uint8_t g = c->t[j].gap;

	if (c->t[j - 1].possessive)
		return g == 0 && (word_class(c, j - 1) & W_GROUP);
	if (g == G_QUOTE && plural_possessive(c, j - 1))
		return (word_class(c, j - 1) & W_GROUP) != 0;
	if (g & (G_COMMA | G_OPEN | G_CLOSE | G_BREAK | G_NEWLINE | G_QUOTE))
		return false;
	if (g & G_PERIOD) {
		/* Only after a title abbreviation or an initial. */
		if (!is_initial(c, j - 1) && !(word_class(c, j - 1) & W_ROLE))
			return false;
		if (c->t[j].start && !is_initial(c, j - 1) &&
		    !(word_class(c, j - 1) & W_ROLE))
			return false;
	}
	return true;
}

/* Intern the fold of a slice; *fn receives the fold's length. The fold
 * is made on the stack when it fits, as for word_class: a mention interns
 * one to three of them. */
static int
intern_fold(struct ctx *c, size_t off, size_t len, uint32_t *id, size_t *fn)
{
	char stack[ENTITY_FOLD_STACK];
	int m = tag_fold_into(c->s + off, len, stack, sizeof(stack));
	int rc;

	if (m >= 0) {
		*fn = (size_t)m;
		return nlp_strtab_intern(&c->keys, stack, (size_t)m, id, NULL);
	}
	if ((rc = fold_slice(c, off, len)) < 0)
		return rc;
	*fn = c->fold.len;
	return nlp_strtab_intern(&c->keys, c->fold.p ? c->fold.p : "",
	    c->fold.len, id, NULL);
}

/* The byte slice of tokens [a, b), with a final initial's period. */
static void
slice(const struct ctx *c, size_t a, size_t b, size_t *off, size_t *len)
{
	size_t end = c->t[b - 1].off + c->t[b - 1].len;

	if (c->t[b - 1].possessive)
		end -= c->s[end - 1 - 1] == '\'' ? 2 : 4;
	else if (c->t[b - 1].len == 1 && end < c->n && c->s[end] == '.' &&
	    b - 1 > a && c->t[b - 1].gap & G_PERIOD)
		end++; /* "U.S." */
	*off = c->t[a].off;
	*len = end - *off;
}

static uint32_t
initials_hash(struct ctx *c, size_t a, size_t b)
{
	char ini[ENTITY_MAX_WORDS + 1];
	size_t k = 0;

	for (size_t i = a; i < b && k < ENTITY_MAX_WORDS; i++) {
		if (!c->t[i].cap || (word_class(c, i) & W_CONNECT))
			continue;
		char ch = c->s[c->t[i].off];
		ini[k++] = (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
	}
	return k >= 2 ? (uint32_t)nlp_hash64(ini, k) | 1u : 0;
}

static int
add_mention(struct ctx *c, size_t a, size_t b, enum entity_type type,
    int vote, bool weak, struct mention **out)
{
	struct mention *m;
	size_t off, len, fn;
	int rc;

	*out = NULL;
	if (a >= b || b - a > ENTITY_MAX_WORDS)
		return 0;
	slice(c, a, b, &off, &len);
	/* A lone capital letter names nothing: a unit ("7 C"), a grade, an
	 * initial left alone. */
	if (len <= 1 || len > ENTITY_MAX_NAME)
		return 0;
	if ((rc = grow((void **)&c->m, &c->mcap, c->nm + 1, sizeof(*c->m))) < 0)
		return rc;
	m = &c->m[c->nm];
	memset(m, 0, sizeof(*m));
	m->off = off;
	m->len = len;
	m->ntok = (uint8_t)(b - a);
	m->weak = weak;
	m->entity = -1;
	if ((rc = intern_fold(c, off, len, &m->key, &fn)) < 0)
		return rc;
	if (fn == 0)
		return 0;
	size_t lo, ll;
	if (b - a == 1) {
		/* One word: its first and last words are the same slice. */
		m->first_key = m->last_key = m->key;
	} else {
		slice(c, a, a + 1, &lo, &ll);
		if ((rc = intern_fold(c, lo, ll, &m->first_key, &fn)) < 0)
			return rc;
		slice(c, b - 1, b, &lo, &ll);
		if ((rc = intern_fold(c, lo, ll, &m->last_key, &fn)) < 0)
			return rc;
	}
	m->given = b - a == 1 && (word_class(c, a) & W_GIVEN);
	m->after_the = a > 0 && !c->t[a].gap && c->t[a - 1].len == 3 &&
	    strncasecmp(c->s + c->t[a - 1].off, "the", 3) == 0;
	m->acronym = b - a == 1 && all_caps(c->s + off, len) &&
	    c->t[a].len >= 2 && c->t[a].len <= 8;
	m->initials = b - a >= 2 ? initials_hash(c, a, b) : 0;
	if (type != ENTITY_NONE && vote > m->vote[type])
		m->vote[type] = (uint8_t)vote;
	/* Known names: the gazetteer, then the corpus. */
	if (c->k) {
		size_t kn;
		const char *key = nlp_strtab_key(&c->keys, m->key, &kn);
		int64_t id;

		/* A word whose key word_class has looked up (see
		 * span_known). */
		if (b == a + 1 && len <= TEXT_WORD_MAX &&
		    (!c->t[a].possessive || len == c->t[a].len - 2)) {
			(void)word_class(c, a);
			id = c->t[a].kid;
		} else {
			id = known_find(c->k, key, kn);
		}
		if (id >= 0 && c->k->info[id].type &&
		    (!c->k->info[id].caps_only || all_caps(c->s + off, len))) {
			m->vote[c->k->info[id].type] = V_KNOWN;
			m->canonical = nlp_strtab_key(&c->k->display,
			    c->k->info[id].display, NULL);
			m->weak = false;
		}
	}
	c->nm++;
	*out = m;
	return 0;
}

/* "Second", "Ninth": a work's number ("Sibelius's Second Symphony"), not
 * a name's first word. */
static bool
ordinal(const struct ctx *c, size_t i)
{
	static const char *const ord[] = { "first", "second", "third",
	    "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
	    "tenth" };
	const char *p = c->s + c->t[i].off;

	for (size_t k = 0; k < ARRAY_LEN(ord); k++)
		if (strlen(ord[k]) == c->t[i].len &&
		    strncasecmp(p, ord[k], c->t[i].len) == 0)
			return true;
	return false;
}

/* Votes only rise: a title's cue outweighs a "said" after the name. */
static void
raise_vote(struct mention *m, enum entity_type t, int v)
{
	if (m->vote[t] < v)
		m->vote[t] = (uint8_t)v;
}

/* Type a span from its head and tail words. */
static void
shape_votes(struct ctx *c, size_t a, size_t b, struct mention *m)
{
	uint16_t last = word_class(c, b - 1), first = word_class(c, a);

	if (b - a >= 2 && (first & W_ORG_HEAD) && (word_class(c, a + 1) &
	    W_CONNECT) && !(first & W_PLACE_HEAD && !(word_class(c, a + 1) &
	    W_CONNECT)))
		m->vote[ENTITY_ORG] = V_CUE;
	else if (b - a >= 2 && (last & W_ORG_SUF) && !ordinal(c, a))
		m->vote[ENTITY_ORG] = V_CUE;
	else if (b - a >= 2 && (last & W_PLACE_SUF))
		m->vote[ENTITY_PLACE] = V_CUE;
	else if (b - a >= 2 && (first & W_PLACE_HEAD) &&
	    !(word_class(c, a + 1) & W_CONNECT))
		m->vote[ENTITY_PLACE] = V_CUE;
}

static void person_lead_in(struct ctx *c, size_t a, size_t b,
    struct mention *m);
static bool told_outlet(const struct ctx *c, size_t a, size_t b);

/* Evidence around the span [a, b): "said", apposition, prepositions. */
static void
context_votes(struct ctx *c, size_t a, size_t b, struct mention *m)
{
	if (b < c->nt && !c->t[b].cap && c->t[b].word) {
		uint16_t w = word_class(c, b);
		uint8_t g = c->t[b].gap;
		/* "Halvorsen said"; but in '"Yes," said Halvorsen' the
		 * word before the quote mark is the quotation's. */
		if ((w & W_SAID) && !(g & ~G_COMMA))
			raise_vote(m, ENTITY_PERSON, V_SAID);
		if (g == G_COMMA) {
			/* ", chief executive of", ", a spokeswoman for". */
			for (size_t j = b; j < c->nt && j < b + 3; j++) {
				if (j > b && c->t[j].gap)
					break;
				if (word_class(c, j) & W_APPOS) {
					raise_vote(m, ENTITY_PERSON, V_SAID);
					break;
				}
			}
		}
	}
	if (a > 0 && (!c->t[a - 1].cap || c->t[a - 1].start) &&
	    !c->t[a].gap) {
		uint16_t w = word_class(c, a - 1);
		if ((w & W_SAID) && !told_outlet(c, a, b) &&
		    !c->t[b - 1].possessive)
			raise_vote(m, ENTITY_PERSON, V_SAID);
		else if (w & W_ROLE)
			raise_vote(m, ENTITY_PERSON, V_CUE); /* "the mayor Elena" */
		else if ((w & W_PLACE_PREP) && !m->vote[ENTITY_PLACE])
			m->vote[ENTITY_PLACE] = V_PREP;
		else if ((w & W_ORG_PREP) && a >= 2 && !c->t[a - 1].gap &&
		    (word_class(c, a - 2) & (W_ROLE | W_APPOS)) &&
		    !(word_class(c, a - 2) & W_SAID))
			raise_vote(m, ENTITY_ORG, V_SAID);
	}
	if (c->t[b - 1].possessive && b < c->nt && !c->t[b].cap &&
	    c->t[b].word && !c->t[b].gap) {
		/* "Brightwater's shareholders", "Brightwater's chief
		 * executive": a company's. */
		uint16_t w = word_class(c, b);
		if ((w & W_CORP) || ((w & W_ROLE) && b + 1 < c->nt &&
		    !c->t[b + 1].gap && !c->t[b + 1].cap &&
		    (word_class(c, b + 1) & W_CORP)))
			raise_vote(m, ENTITY_ORG, V_SAID);
	}
	if (!m->vote[ENTITY_PERSON])
		person_lead_in(c, a, b, m);
}

/* Is token i a word of ASCII letters and digits only? Its fold is then
 * its bytes in lower case, for tag_fold and text_norm alike. */
static bool
plain_ascii(const struct ctx *c, size_t i)
{
	const char *p = c->s + c->t[i].off;

	for (size_t k = 0; k < c->t[i].len; k++) {
		unsigned char ch = (unsigned char)p[k];

		if ((unsigned)((ch | 0x20) - 'a') >= 26u &&
		    (unsigned)(ch - '0') >= 10u)
			return false;
	}
	return c->t[i].len > 0;
}

static bool
is_stop(struct ctx *c, size_t i)
{
	char stack[ENTITY_FOLD_STACK];
	const char *f;
	size_t fn;

	/* A body word of plain ASCII: the doc, made in this language with
	 * this stop list (stop_lang), has already looked its fold up. Only
	 * English's list (asked too when the text is in another language)
	 * may remain. */
	if (c->t[i].doc_stop >= 0 && c->t[i].word && plain_ascii(c, i)) {
		if (c->t[i].doc_stop)
			return true;
		if (c->stop_en == NULL)
			return false;
	}

	if (fold_word(c, i, c->t[i].len, stack, &f, &fn) < 0 || fn == 0)
		return false;
	return text_stoplist_contains(c->stop_lang, f, fn) ||
	    text_stoplist_contains(c->stop_en, f, fn);
}

/* "told Reuters": one word right after "told" is as often the outlet
 * as the person, so it is no evidence of either. */
static bool
told_outlet(const struct ctx *c, size_t a, size_t b)
{
	return b - a == 1 && a > 0 && c->t[a - 1].len == 4 &&
	    strncasecmp(c->s + c->t[a - 1].off, "told", 4) == 0;
}

/* The ways news introduces a person that the words next to the name do
 * not show: a descriptor between the speech verb and the name ("said
 * head librarian Sunniva Eide"), a role in apposition before it ("the
 * skipper, Lars Ekdahl"; "chief executive, Ingvild Storaker"), an age
 * in commas after a full name ("Lars Ekdahl, 44,"). */
static void
person_lead_in(struct ctx *c, size_t a, size_t b, struct mention *m)
{
	if (b - a >= 2 && b + 1 < c->nt && c->t[b].gap == G_COMMA &&
	    !c->t[b].word &&
	    c->t[b].len <= 3 && c->s[c->t[b].off] >= '0' &&
	    c->s[c->t[b].off] <= '9' &&
	    (c->t[b + 1].gap & G_COMMA)) {
		m->vote[ENTITY_PERSON] = V_SAID;
		return;
	}
	/* "said Brightwater's chief executive, ...": the person is the
	 * one whose role follows, not the owner. */
	if (a == 0 || (c->t[a].gap && c->t[a].gap != G_COMMA) ||
	    told_outlet(c, a, b) || c->t[b - 1].possessive)
		return;
	/* Back over at most three lower-case content words; a stop word
	 * ("chief executive of Brightwater") or other punctuation ends
	 * the lead-in. */
	for (size_t j = a; j-- > 0 && j + 4 > a;) {
		if (!c->t[j].word || (c->t[j].cap && !c->t[j].start))
			return;
		if (word_class(c, j) & (W_SAID | W_ROLE | W_APPOS)) {
			m->vote[ENTITY_PERSON] = V_SAID;
			return;
		}
		if (is_stop(c, j) || c->t[j].gap)
			return;
	}
}

static bool
span_known(struct ctx *c, size_t a, size_t b)
{
	size_t off, len;
	int64_t id;

	slice(c, a, b, &off, &len);
	if (len > ENTITY_MAX_NAME)
		return false;
	/* One word whose slice is what word_class folds (no curly
	 * possessive, not too long): its look-up is done once there. */
	if (b == a + 1 && len <= TEXT_WORD_MAX && (!c->t[a].possessive ||
	    len == c->t[a].len - 2)) {
		(void)word_class(c, a);
		id = c->t[a].kid;
	} else {
		/* Folded on the stack when it fits (spans are at most
		 * ENTITY_MAX_NAME bytes). */
		char stack[ENTITY_FOLD_STACK];
		int m = tag_fold_into(c->s + off, len, stack, sizeof(stack));

		if (m > 0) {
			id = known_find(c->k, stack, (size_t)m);
		} else {
			if (m == 0 || fold_slice(c, off, len) < 0 ||
			    !c->fold.len)
				return false;
			id = known_find(c->k, c->fold.p, c->fold.len);
		}
	}
	return id >= 0 && c->k->info[id].type &&
	    (!c->k->info[id].caps_only || all_caps(c->s + off, len));
}

/* "Dario Ferri": two or three capitalised words, the first a common given
 * name that is not a known name itself, the rest plain name words. */
static bool
given_name_pair(struct ctx *c, size_t a, size_t b)
{
	const uint16_t not_name = W_ROLE | W_CONNECT | W_START | W_CALENDAR |
	    W_ORG_SUF | W_PLACE_SUF | W_PLACE_HEAD | W_ORG_HEAD | W_BODY;

	if (b - a < 2 || b - a > 3 || !(word_class(c, a) & W_GIVEN) ||
	    c->k->info[c->t[a].kid].type)
		return false;
	for (size_t i = a + 1; i < b; i++) {
		uint16_t w = word_class(c, i);

		if (!c->t[i].cap || (c->t[i].flags & TEXT_TOK_ALLCAPS) ||
		    (w & not_name) ||
		    (c->t[i].kid >= 0 && c->k->info[c->t[i].kid].type))
			return false;
	}
	return true;
}

/* Is tokens [a, b) a name the article is tagged with? */
static bool
span_tagged(struct ctx *c, size_t a, size_t b)
{
	size_t off, len;

	if (c->n_tag_keys == 0)
		return false;
	slice(c, a, b, &off, &len);
	if (len > ENTITY_MAX_NAME || tag_key(c->s + off, len, c->lang,
	    &c->fold) != 0 || c->fold.len == 0)
		return false;
	for (size_t i = 0; i < c->n_tag_keys; i++)
		if (c->tag_keys[i] && strlen(c->tag_keys[i]) == c->fold.len &&
		    memcmp(c->tag_keys[i], c->fold.p, c->fold.len) == 0)
			return true;
	return false;
}

static int
mention_at(struct ctx *c, size_t a, size_t b, enum entity_type type,
    int vote, bool weak)
{
	struct mention *m;
	int rc = add_mention(c, a, b, type, vote, weak, &m);

	if (rc < 0 || !m)
		return rc;
	m->in_parens = a > 0 && (c->t[a].gap & G_OPEN) && c->nm >= 2;
	/* A title before the name outweighs its shape: "Dr. Lena Park". */
	if (!m->vote[ENTITY_ORG] && !m->vote[ENTITY_PLACE] &&
	    !m->vote[ENTITY_PERSON] && !m->canonical)
		shape_votes(c, a, b, m);
	context_votes(c, a, b, m);
	if (b - a == 1 && (word_class(c, a) & W_BODY))
		m->vote[ENTITY_PERSON] = 0; /* "Association, who ..." */
	else if (!m->vote[ENTITY_PERSON] && !m->vote[ENTITY_ORG] &&
	    m->vote[ENTITY_PLACE] <= V_PREP && !m->canonical &&
	    given_name_pair(c, a, b))
		m->vote[ENTITY_PERSON] = V_SAID;
	if (m->weak && (m->vote[ENTITY_PERSON] || m->vote[ENTITY_ORG] ||
	    m->vote[ENTITY_PLACE] > V_PREP))
		m->weak = false;
	return 0;
}

static int
process_span(struct ctx *c, size_t a, size_t b)
{
	bool shout = true;
	size_t h;
	bool has_role = false;

	if (b - a > ENTITY_MAX_WORDS)
		b = a + ENTITY_MAX_WORDS;
	if (span_known(c, a, b))
		return mention_at(c, a, b, ENTITY_NONE, 0, false);
	/* German capitalises the nouns before a name too: of "Stahlhersteller
	 * Halvorsen Steel", "Anlage des Betreibers Brightwater Energy" only
	 * the name at the end is one, when it is known or the article is
	 * tagged with it, and of "Güterzugs von Calder Rail" the name a
	 * suffix types after the connector. */
	if (c->german) {
		for (size_t i = a + 1; i < b; i++)
			if (span_known(c, i, b) || (b - i >= 2 &&
			    span_tagged(c, i, b)))
				return mention_at(c, i, b, ENTITY_NONE, 0, false);
		for (size_t i = a + 1; i + 2 <= b; i++)
			if ((word_class(c, i - 1) & W_CONNECT) &&
			    (word_class(c, b - 1) & (W_ORG_SUF | W_PLACE_SUF)))
				return mention_at(c, i, b, ENTITY_NONE, 0, false);
	}
	/* A name a suffix types keeps a capitalised word inside a sentence
	 * that would start one only by chance: "the National Weather
	 * Service". */
	bool named = b - a >= 2 &&
	    (word_class(c, b - 1) & (W_ORG_SUF | W_PLACE_SUF));
	while (a < b) {
		uint16_t w = word_class(c, a);
		bool first = c->t[a].start;
		if ((w & (W_CALENDAR | W_CONNECT)) ||
		    ((w & W_START) && !(w & W_ROLE) && (first || !named ||
		    is_stop(c, a) || ordinal(c, a))) ||
		    (first && is_stop(c, a)))
			a++;
		else
			break;
	}
	while (b > a && (word_class(c, b - 1) & (W_CALENDAR | W_CONNECT)))
		b--;
	if (a >= b)
		return 0;
	if (span_known(c, a, b))
		return mention_at(c, a, b, ENTITY_NONE, 0, false);
	for (size_t i = a; i < b; i++)
		if (!(c->t[i].flags & TEXT_TOK_ALLCAPS) && !is_initial(c, i))
			shout = false;
	if (shout && (b - a > 1 || c->t[a].len > 6))
		return 0; /* "BREAKING", "BACKGROUND": headline furniture */

	/* Title and role: the last role word before the name. */
	h = a;
	for (size_t i = a; i + 1 < b; i++)
		if (word_class(c, i) & W_ROLE) {
			h = i;
			has_role = true;
		}
	if (has_role) {
		size_t r = h + 1;
		if (r < b && (word_class(c, r) & W_CONNECT)) {
			/* "Minister of Transport Henrik Solberg" */
			r += 2;
		}
		/* "Mayor Hanne Solvik of Brackwater": the name stops at a
		 * connector, and what follows is a name of its own. */
		for (size_t i = r + 1; i + 1 < b; i++) {
			if (!(word_class(c, i) & W_CONNECT))
				continue;
			size_t before = c->nm;
			int rc = mention_at(c, i + 1, b, ENTITY_NONE, 0, false);
			if (rc < 0)
				return rc;
			/* A "said" after it speaks of the person. */
			if (c->nm > before) {
				struct mention *o = &c->m[c->nm - 1];
				o->vote[ENTITY_PERSON] = 0;
				/* "of Brackwater" after a person: most often
				 * where they are from. */
				if (!o->vote[ENTITY_ORG] && !o->vote[ENTITY_PLACE])
					o->vote[ENTITY_PLACE] = V_PREP;
			}
			b = i;
			break;
		}
		uint16_t last = word_class(c, b - 1);
		/* "General Hospital" is no person; "Dr. Lena Park" is. A
		 * known name after the role is cut from it too: its known
		 * kind, if any, outvotes the role's. */
		bool ok = r < b && b - r <= 4 && !(last & W_ROLE) &&
		    !(b - r == 1 && (last & (W_ORG_SUF | W_PLACE_SUF)));
		for (size_t i = r; ok && i < b; i++)
			if (word_class(c, i) & (W_ROLE | W_CONNECT))
				ok = false;
		if (ok) {
			size_t pre = a;
			while (pre < h && !(word_class(c, pre) & W_ROLE))
				pre++;
			if (pre > a && span_known(c, a, pre)) {
				int rc = mention_at(c, a, pre, ENTITY_NONE, 0,
				    false);
				if (rc < 0)
					return rc;
			}
			return mention_at(c, r, b, ENTITY_PERSON, V_CUE, false);
		}
		if (r >= b && h + 2 < b && (word_class(c, h + 1) & W_CONNECT))
			return 0; /* "Deputy Minister of Transport" */
		if (r >= b)
			return 0;
	}
	if ((word_class(c, b - 1) & W_ROLE) &&
	    !(word_class(c, b - 1) & W_ORG_SUF))
		return 0; /* "Prime Minister", "Fire Chief" */
	/* A single title word followed by a name of one word. */
	if (b - a == 2 && (word_class(c, a) & W_ROLE))
		return mention_at(c, a + 1, b, ENTITY_PERSON, V_CUE, false);
	return mention_at(c, a, b, ENTITY_NONE, 0, b - a == 1 && c->t[a].start);
}

static int
find_spans(struct ctx *c)
{
	int rc;

	for (size_t i = 0; i < c->nt; i++) {
		if (!c->t[i].cap)
			continue;
		size_t j = i + 1;
		while (j < c->nt) {
			if (c->t[j].cap && joins(c, j)) {
				j++;
				continue;
			}
			/* Up to two connectors between capitalised words. */
			size_t k = j;
			while (k < c->nt && k < j + 2 && !c->t[k].cap &&
			    c->t[k].word && joins(c, k) &&
			    (word_class(c, k) & W_CONNECT))
				k++;
			if (k > j && k < c->nt && c->t[k].cap && joins(c, k)) {
				j = k + 1;
				continue;
			}
			break;
		}
		if ((rc = process_span(c, i, j)) < 0)
			return rc;
		i = j - 1;
	}
	return 0;
}

/* Caseless scripts: known names by n-grams of up to four words. */
static int
find_known_ngrams(struct ctx *c)
{
	int rc;

	for (size_t i = 0; i < c->nt; i++) {
		for (size_t len = 4; len >= 1; len--) {
			if (i + len > c->nt)
				continue;
			bool cont = true;
			for (size_t j = i + 1; j < i + len; j++)
				if (c->t[j].gap & ~G_NEWLINE)
					cont = false;
			if (!cont || !span_known(c, i, i + len))
				continue;
			if ((rc = mention_at(c, i, i + len, ENTITY_NONE, 0,
			    false)) < 0)
				return rc;
			i += len - 1;
			break;
		}
	}
	return 0;
}

static int
new_group(struct ctx *c, uint32_t key, int32_t mi)
{
	int rc = grow((void **)&c->g, &c->gcap, c->ng + 1, sizeof(*c->g));

	if (rc < 0)
		return rc;
	struct group *g = &c->g[c->ng];
	memset(g, 0, sizeof(*g));
	g->key = key;
	g->best = mi;
	g->first_m = mi;
	g->first_off = c->m[mi].off;
	g->canonical = c->m[mi].canonical;
	g->ntok = c->m[mi].ntok;
	return (int)c->ng++;
}

static void
join_group(struct ctx *c, int gi, int32_t mi)
{
	struct group *g = &c->g[gi];
	struct mention *m = &c->m[mi];
	struct mention *b = &c->m[g->best];

	m->entity = gi;
	g->count++;
	if (!m->weak)
		g->strong = true;
	for (int t = 1; t <= 4; t++)
		g->votes[t] += m->vote[t];
	if (m->off < g->first_off)
		g->first_off = m->off;
	if (!g->canonical && m->canonical)
		g->canonical = m->canonical;
	if (m->ntok > b->ntok)
		g->best = mi;
	if (m->ntok > g->ntok)
		g->ntok = m->ntok;
}

static bool
group_is(const struct group *g, enum entity_type t)
{
	unsigned v = g->votes[t];

	for (int o = 1; o <= 3; o++)
		if (o != (int)t && g->votes[o] > v)
			return false;
	return v > 0;
}

static uint32_t
canon_key(struct ctx *c, const char *canonical, uint32_t fallback)
{
	uint32_t id;

	if (!canonical)
		return fallback;
	buf_reset(&c->fold);
	if (tag_fold(canonical, strlen(canonical), &c->fold) < 0 ||
	    nlp_strtab_intern(&c->keys, c->fold.p ? c->fold.p : "",
	    c->fold.len, &id, NULL) < 0)
		return fallback;
	return id;
}

/* Does the folded name a (an bytes) end with the words of b (bn)? */
static bool
ends_with_words(const char *a, size_t an, const char *b, size_t bn)
{
	return an > bn + 1 && a[an - bn - 1] == ' ' &&
	    memcmp(a + an - bn, b, bn) == 0;
}

/* Is the folded name a (an bytes) the words of b (bn) after one more
 * ("national coast guard", "coast guard")? */
static bool
one_word_more(const char *a, size_t an, const char *b, size_t bn)
{
	return ends_with_words(a, an, b, bn) &&
	    memchr(a, ' ', an - bn - 1) == NULL;
}

/* "Ortega Lima" after "Rafael Ortega Lima": a multi-word name that ends
 * a longer person's name is that person. An organisation's name and the
 * same name with a leading word ("Coast Guard", "National Coast Guard")
 * are one organisation, whichever comes first (org: the mention is
 * typed one). */
static int
suffix_group(struct ctx *c, uint32_t key, bool org)
{
	size_t kn, gn;
	const char *k = nlp_strtab_key(&c->keys, key, &kn);

	for (size_t g = 0; g < c->ng; g++) {
		const struct group *G = &c->g[g];
		const char *gk = nlp_strtab_key(&c->keys, G->key, &gn);
		if (G->canonical)
			continue;
		if (ends_with_words(gk, gn, k, kn) &&
		    G->votes[ENTITY_PERSON] > 0 &&
		    G->votes[ENTITY_PERSON] >= G->votes[ENTITY_ORG] &&
		    G->votes[ENTITY_PERSON] >= G->votes[ENTITY_PLACE])
			return (int)g;
		if (org && (one_word_more(gk, gn, k, kn) ||
		    one_word_more(k, kn, gk, gn)) &&
		    G->votes[ENTITY_ORG] > G->votes[ENTITY_PERSON] &&
		    G->votes[ENTITY_ORG] >= G->votes[ENTITY_PLACE])
			return (int)g;
	}
	return -1;
}

static int
group_mentions(struct ctx *c)
{
	int32_t *by_key = NULL;
	int rc = 0;

	/* Keys interned while grouping may grow the table: size for that. */
	size_t nk = c->keys.n + c->nm + 1;
	if (!(by_key = malloc(nk * sizeof(*by_key))))
		return ERR_NOMEM;
	for (size_t i = 0; i < nk; i++)
		by_key[i] = -1;
	/* Full names and known names first. */
	for (size_t i = 0; i < c->nm; i++) {
		struct mention *m = &c->m[i];
		if (m->ntok < 2 && !m->canonical)
			continue;
		uint32_t k = canon_key(c, m->canonical, m->key);
		if (k >= nk)
			continue;
		if (by_key[k] < 0 && !m->canonical)
			by_key[k] = suffix_group(c, k,
			    m->vote[ENTITY_ORG] >= V_CUE &&
			    m->vote[ENTITY_ORG] > m->vote[ENTITY_PERSON]);
		if (by_key[k] < 0) {
			if ((rc = new_group(c, k, (int32_t)i)) < 0)
				goto out;
			by_key[k] = rc;
		}
		join_group(c, by_key[k], (int32_t)i);
	}
	/* Single words: the same name, an acronym, a surname, a part. */
	for (size_t i = 0; i < c->nm; i++) {
		struct mention *m = &c->m[i];
		int gi = -1;
		if (m->entity >= 0)
			continue;
		if (by_key[m->key] >= 0)
			gi = by_key[m->key];
		if (gi < 0 && m->acronym) {
			uint32_t h = (uint32_t)nlp_hash64(c->s + m->off,
			    m->len) | 1u;
			for (size_t g = 0; g < c->ng && gi < 0; g++) {
				struct mention *b = &c->m[c->g[g].best];
				if (b->initials == h)
					gi = (int)g;
			}
			if (gi < 0 && m->in_parens && i > 0 &&
			    c->m[i - 1].entity >= 0 && c->m[i - 1].ntok >= 2)
				gi = c->m[i - 1].entity;
		}
		if (gi < 0) {
			/* A surname: the nearest full name before, else any. */
			int before = -1, any = -1;
			for (size_t g = 0; g < c->ng; g++) {
				struct group *G = &c->g[g];
				struct mention *b = &c->m[G->best];
				if (b->ntok < 2 || b->last_key != m->key ||
				    G->canonical)
					continue;
				if (G->votes[ENTITY_ORG] > G->votes[ENTITY_PERSON] ||
				    G->votes[ENTITY_PLACE] > G->votes[ENTITY_PERSON])
					continue;
				if (any < 0)
					any = (int)g;
				if (G->first_off < m->off &&
				    (before < 0 || G->first_off >
				    c->g[before].first_off))
					before = (int)g;
			}
			gi = before >= 0 ? before : any;
		}
		if (gi < 0 && (m->given || m->vote[ENTITY_PERSON] >= V_SAID)) {
			/* "Mira said" after "Captain Mira Sato": the one person
			 * of the article with that first name. */
			int found = 0;
			for (size_t g = 0; g < c->ng; g++) {
				struct group *G = &c->g[g];
				struct mention *b = &c->m[G->best];
				if (b->ntok >= 2 && b->first_key == m->key &&
				    group_is(G, ENTITY_PERSON)) {
					found++;
					gi = (int)g;
				}
			}
			if (found != 1)
				gi = -1;
		}
		if (gi < 0 && m->vote[ENTITY_PERSON] <= V_SAID &&
		    !m->vote[ENTITY_PLACE]) {
			/* The leading part of one organisation ("Brightwater"
			 * for "Brightwater Energy"); a word that leads several
			 * names ("Northbay") is probably a place of its own.
			 * Companies speak too: "Brightwater said" joins an
			 * organisation the article types as one. */
			bool spoke = m->vote[ENTITY_PERSON] > 0;
			int found = 0;
			for (size_t g = 0; g < c->ng; g++) {
				struct group *G = &c->g[g];
				struct mention *b = &c->m[G->best];
				if (b->ntok < 2 || b->first_key != m->key ||
				    (G->canonical && !spoke))
					continue;
				found++;
				if (G->votes[ENTITY_PERSON] == 0 &&
				    !group_is(G, ENTITY_PLACE) &&
				    (!spoke || group_is(G, ENTITY_ORG)))
					gi = (int)g;
			}
			if (found > 1)
				gi = -1;
		}
		if (gi < 0) {
			if ((rc = new_group(c, m->key, (int32_t)i)) < 0)
				goto out;
			gi = rc;
			by_key[m->key] = gi;
		}
		join_group(c, gi, (int32_t)i);
	}
	rc = 0;
out:
	free(by_key);
	return rc;
}

static enum entity_type
group_type(struct ctx *c, const struct group *g)
{
	bool known_misc = false;

	/* A known name's own kind wins; a name known only as "misc" (no
	 * article has told its kind yet) takes the kind this article's
	 * cues give it, but not a guess from its shape alone. */
	for (size_t i = 0; i < c->nm; i++) {
		const struct mention *m = &c->m[i];
		if (m->entity != (int32_t)(g - c->g))
			continue;
		for (int t = ENTITY_PERSON; t < ENTITY_MISC; t++)
			if (m->vote[t] == V_KNOWN)
				return (enum entity_type)t;
		known_misc |= m->vote[ENTITY_MISC] == V_KNOWN;
	}
	if (group_is(g, ENTITY_PERSON))
		return ENTITY_PERSON;
	if (group_is(g, ENTITY_ORG))
		return ENTITY_ORG;
	if (group_is(g, ENTITY_PLACE))
		return ENTITY_PLACE;
	if (known_misc)
		return ENTITY_MISC;
	/* A two- or three-word name whose last word recurs alone is how
	 * news refers to people: "Magnus Halvorsen ... Halvorsen"; and to
	 * named storms ("Storm Brannock ... Brannock"), which are events. */
	if (g->ntok >= 2 && g->ntok <= 3) {
		const struct mention *b = &c->m[g->best];
		size_t fn;
		const char *first = nlp_strtab_key(&c->keys, b->first_key, &fn);
		for (size_t i = 0; i < ARRAY_LEN(storm_heads); i++)
			if (strlen(storm_heads[i]) == fn &&
			    !memcmp(first, storm_heads[i], fn))
				return ENTITY_MISC;
		for (size_t i = 0; i < c->nm; i++) {
			const struct mention *m = &c->m[i];
			if (m->entity == (int32_t)(g - c->g) && m->ntok == 1 &&
			    m->key == b->last_key && !m->after_the)
				return ENTITY_PERSON;
		}
	}
	return ENTITY_MISC;
}

static char *
dup_slice(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static int
cmp_entity(const void *x, const void *y)
{
	const struct entity *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->first_off < b->first_off ? -1 : a->first_off > b->first_off;
}

static int
emit_entities(struct ctx *c, struct entity_list *out)
{
	int rc;

	for (size_t gi = 0; gi < c->ng; gi++) {
		struct group *g = &c->g[gi];
		if (!g->strong || g->count == 0)
			continue;
		enum entity_type t = group_type(c, g);
		const struct mention *b = &c->m[g->best];
		if (t == ENTITY_MISC && (c->german || c->caseless ||
		    (b->ntok == 1 && g->count < 2)))
			continue;
		if ((rc = grow((void **)&out->v, &out->cap, out->n + 1,
		    sizeof(*out->v))) < 0)
			return rc;
		struct entity *e = &out->v[out->n];
		memset(e, 0, sizeof(*e));
		e->type = t;
		e->count = g->count;
		e->first_off = g->first_off;
		e->name = g->canonical ? dup_slice(g->canonical,
		    strlen(g->canonical)) : dup_slice(c->s + b->off, b->len);
		if (!e->name)
			return ERR_NOMEM;
		out->n++;
		/* Aliases: distinct folded surfaces other than the name's. */
		uint32_t name_key = canon_key(c, e->name, b->key);
		uint32_t seen[ENTITY_MAX_ALIASES];
		size_t ns = 0;
		for (size_t i = 0; i < c->nm && ns < ENTITY_MAX_ALIASES; i++) {
			const struct mention *m = &c->m[i];
			bool dup = m->key == name_key;
			if (m->entity != (int32_t)gi)
				continue;
			for (size_t k = 0; k < ns && !dup; k++)
				dup = seen[k] == m->key;
			if (dup)
				continue;
			char **al = realloc(e->aliases,
			    (e->n_aliases + 1) * sizeof(*al));
			if (!al)
				return ERR_NOMEM;
			e->aliases = al;
			if (!(al[e->n_aliases] = dup_slice(c->s + m->off,
			    m->len)))
				return ERR_NOMEM;
			e->n_aliases++;
			seen[ns++] = m->key;
		}
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_entity);
	while (out->n > ENTITY_MAX_PER_ARTICLE) {
		struct entity *e = &out->v[--out->n];
		free(e->name);
		for (size_t i = 0; i < e->n_aliases; i++)
			free(e->aliases[i]);
		free(e->aliases);
	}
	return 0;
}

void
entity_list_release(struct entity_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		for (size_t k = 0; k < l->v[i].n_aliases; k++)
			free(l->v[i].aliases[k]);
		free(l->v[i].aliases);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int
extract(const char *text, size_t n, const char *lang,
    const struct entity_known *known, const struct text_doc *body,
    size_t body_off, const char *const *tag_keys, size_t n_tag_keys,
    struct entity_list *out)
{
	struct ctx c;
	struct entity_known *own = NULL;
	char lc[4];
	int rc;

	entity_list_release(out);
	if (!text || n == 0)
		return 0;
	if (n > ENTITY_MAX_TEXT)
		n = utf8_cut(text, n, ENTITY_MAX_TEXT);
	memset(&c, 0, sizeof(c));
	text_lang_norm(lang && *lang ? lang : "en", lc);
	if (strcmp(lc, "und") == 0)
		memcpy(lc, "en", 3);
	/* The body's sentences were split in its own language; only in
	 * this one are they the ones this text would get. */
	if (body != NULL && (body_off > n || strcmp(body->lang, lc) != 0 ||
	    body->sl == NULL))
		body = NULL;
	c.s = text;
	c.n = n;
	c.lang = lc;
	c.german = strcmp(lc, "de") == 0;
	c.caseless = strcmp(lc, "ar") == 0 || strcmp(lc, "fa") == 0 ||
	    strcmp(lc, "ur") == 0 || strcmp(lc, "he") == 0 ||
	    strcmp(lc, "zh") == 0 || strcmp(lc, "ja") == 0 ||
	    strcmp(lc, "th") == 0;
	if (!known && !(own = known_new(false)))
		return ERR_NOMEM;
	c.k = known ? known : own;
	/* What is_stop asked text_is_stopword for each word: lang's list,
	 * then English's unless lang is English. */
	c.stop_lang = text_stoplist_of(lc);
	c.stop_en = strcmp(lc, "en") != 0 ? text_stoplist_of("en") : NULL;
	c.tag_keys = tag_keys;
	c.n_tag_keys = tag_keys ? n_tag_keys : 0;
	nlp_strtab_init(&c.keys, 0);
	buf_init(&c.fold, 0);
	if ((rc = tokenize(&c, body, body_off)) < 0)
		goto out;
	rc = c.caseless ? find_known_ngrams(&c) : find_spans(&c);
	if (rc < 0)
		goto out;
	if ((rc = group_mentions(&c)) < 0)
		goto out;
	rc = emit_entities(&c, out);
out:
	if (rc < 0)
		entity_list_release(out);
	free(c.t);
	free(c.m);
	free(c.g);
	nlp_strtab_release(&c.keys);
	buf_release(&c.fold);
	entity_known_free(own);
	return rc;
}

int
entity_extract(const char *text, size_t n, const char *lang,
    const struct entity_known *known, struct entity_list *out)
{
	return extract(text, n, lang, known, NULL, 0, NULL, 0, out);
}

int
entity_extract_tagged(const char *text, size_t n, const char *lang,
    const struct entity_known *known, const struct text_doc *body,
    size_t body_off, const char *const *tag_keys, size_t n_tag_keys,
    struct entity_list *out)
{
	if (body == NULL || body_off > n || body->n != n - body_off ||
	    (body_off > 0 && (body_off < 2 ||
	    memcmp(text + body_off - 2, "\n\n", 2) != 0)) ||
	    memcmp(text + body_off, body->s, body->n) != 0)
		body = NULL;
	return extract(text, n, lang, known, body, body_off, tag_keys,
	    n_tag_keys, out);
}

int
entity_extract_doc(const char *text, size_t n, const char *lang,
    const struct entity_known *known, const struct text_doc *body,
    size_t body_off, struct entity_list *out)
{
	return entity_extract_tagged(text, n, lang, known, body, body_off,
	    NULL, 0, out);
}
