/*
 * nlp/entity.h: people, places and organisations named in an article.
 *
 * Recognition runs locally, without a network service, and prefers
 * precision to recall:
 *   - candidates are runs of capitalised words, joined by name connectors
 *     ("of", "de", "al-", "bin", "von", "van der") and by the periods of
 *     titles and initials ("Lt. Gen.", "U.S.");
 *   - a sentence-initial function or calendar word is dropped ("The",
 *     "However", "Monday"); a capitalised first word alone is weak
 *     evidence and is kept only if the article confirms it elsewhere;
 *   - title and role cues make a PERSON ("Lieutenant General", "Lt. Gen.",
 *     "President", "Deputy Defence Minister", "Mayor", "Teacher", "Dr.",
 *     "Mr."), as do "said" next to a name and an apposition (", chief
 *     executive of"); a possessive is the owner of what follows, not the
 *     speaker ("said Brightwater's chief executive, ...");
 *   - suffixes and heads type the rest: "... Authority", "... Union",
 *     "... Bank", "University of ..." are ORG, and so are bodies and
 *     ensembles ("... Fishermen", "... Symphony", "Fishermen's
 *     Association", "Workers' Union"); "... Island", "River ...",
 *     "... Province" are PLACE; an organisation noun alone ("Service")
 *     is never a person;
 *   - with no other cue, two or three capitalised words led by a common
 *     given name of a bundled list ("Dario Ferri") are a PERSON;
 *   - the bundled gazetteer (nlp/gazetteer.h) and names learned from the
 *     corpus (entity_known_add, e.g. from tags) type known names;
 *   - aliases merge within the article: a surname alone ("Haftar", "Mr.
 *     Okafor") joins the full name ("Khaled Haftar"), a leading part joins
 *     its organisation ("Brightwater" -> "Brightwater Energy"), an acronym
 *     joins the organisation whose initials it is ("NDU" -> "Northbay
 *     Dockworkers Union"), and a nationality adjective joins its country.
 * German capitalises every noun, so there only cued, suffixed and known
 * names count, and a known name ends a run of nouns ("Anlage des
 * Betreibers Brightwater Energy" is "Brightwater Energy"); caseless
 * scripts (Arabic) find only known names.
 *
 * The caller should pass the article text without its boilerplate
 * paragraphs (nlp/boilerplate.h), which must not count.
 */
#ifndef TD_NLP_ENTITY_H
#define TD_NLP_ENTITY_H

#include "base/common.h"

enum entity_type {
	ENTITY_NONE = 0,
	ENTITY_PERSON,
	ENTITY_PLACE,
	ENTITY_ORG,
	ENTITY_MISC,   /* a name of unknown kind (event, product, ...) */
};

/* "person", "place", "org", "misc" ("none" for ENTITY_NONE). */
const char *entity_type_name(enum entity_type t);

/* Longest text entity_extract reads (bytes); the rest is ignored. */
#define ENTITY_MAX_TEXT ((size_t)256 << 10)
/* Most entities reported per article, most mentioned first. */
#define ENTITY_MAX_PER_ARTICLE 200
/* Aliases kept per entity. */
#define ENTITY_MAX_ALIASES 8
/* Longest name (bytes) and most words in a name. */
#define ENTITY_MAX_NAME 160
#define ENTITY_MAX_WORDS 8

/* Known names: the gazetteer plus names learned from the corpus. Build it
 * on one thread, then share it read-only among extracting threads. */
struct entity_known;
struct text_doc;

/* A table holding the gazetteer; NULL when out of memory. */
struct entity_known *entity_known_new(void);
/* Accepts NULL. */
void entity_known_free(struct entity_known *k);

/* Learn name (as written, e.g. a tag "Northbay Harbor Authority") with its
 * type. A name already known (including from the gazetteer) keeps its
 * first type and display form. Names of more than ENTITY_MAX_WORDS words
 * or ENTITY_MAX_NAME bytes are ERR_TOOBIG. Returns 0, ERR_INVAL (empty
 * name or type ENTITY_NONE), ERR_NOMEM or ERR_TOOBIG. */
int entity_known_add(struct entity_known *k, const char *name, size_t n,
    enum entity_type type);

/* Look a name up; fills *type and *display (valid while k lives and is
 * not added to) and returns true when known. Case and diacritics are
 * ignored except that acronyms ("WHO", "US") match only in capitals. */
bool entity_known_lookup(const struct entity_known *k, const char *name,
    size_t n, enum entity_type *type, const char **display);

/* Number of names, gazetteer included. */
size_t entity_known_size(const struct entity_known *k);

struct entity {
	char *name;         /* display form: the fullest name, or canonical */
	enum entity_type type;
	unsigned count;     /* mentions in the article, aliases included */
	char **aliases;     /* other spellings seen ("Haftar", "NDU") */
	size_t n_aliases;
	size_t first_off;   /* byte offset of the first mention */
};

/* A list owned by the caller; a zeroed struct is empty. */
struct entity_list {
	struct entity *v;
	size_t n, cap;
};

/* Free every entity and empty the list (it may be reused). */
void entity_list_release(struct entity_list *l);

/* Find the entities of text (valid UTF-8, n bytes) in language lang (ISO
 * 639-1; NULL for English), using known (may be NULL: no gazetteer). The
 * list is emptied first, then filled with at most ENTITY_MAX_PER_ARTICLE
 * entities, by count descending, then first mention. Thread-safe for a
 * shared read-only known. Returns 0 or ERR_NOMEM (the list is then
 * empty). */
int entity_extract(const char *text, size_t n, const char *lang,
    const struct entity_known *known, struct entity_list *out);

/* entity_extract over a text whose tail, from body_off on, is body->s
 * already tokenized (text_doc_build): the article's title and a blank
 * line, then its body. The body is not walked again; where body does not
 * match the text (or was made in another language) this is just
 * entity_extract. */
int entity_extract_doc(const char *text, size_t n, const char *lang,
    const struct entity_known *known, const struct text_doc *body,
    size_t body_off, struct entity_list *out);

/* entity_extract_doc with the article's tag keys (tag_key in lang; NULL
 * entries skipped) as hints: in German, where the nouns before a name are
 * capitalised too, a run of capitalised words that ends in a name of two
 * or more words the article is tagged with is that name
 * ("Stahlhersteller Halvorsen Steel" tagged "Halvorsen Steel"). */
int entity_extract_tagged(const char *text, size_t n, const char *lang,
    const struct entity_known *known, const struct text_doc *body,
    size_t body_off, const char *const *tag_keys, size_t n_tag_keys,
    struct entity_list *out);

#endif
