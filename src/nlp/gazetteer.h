/*
 * nlp/gazetteer.h: the bundled list of well-known names.
 *
 * Written for tidings and compiled in as C data: every sovereign country
 * (English name and common short forms), its capital, its nationality
 * adjective (which resolves to the country: "Norwegian" -> Norway), and
 * the major international organisations with their acronyms ("UN",
 * "NATO", "EU", "WHO", "IMF", ...). Acronyms match only when written in
 * capitals, so "Who" and "us" never become organisations.
 *
 * The entity module loads these rows into its known-name table
 * (entity_known_new); nothing here keeps state.
 */
#ifndef TD_NLP_GAZETTEER_H
#define TD_NLP_GAZETTEER_H

#include "base/common.h"

enum gazetteer_kind {
	GAZ_COUNTRY = 1,   /* the name or a short form of a country */
	GAZ_CAPITAL,       /* a capital city (a place of its own) */
	GAZ_ADJECTIVE,     /* a nationality adjective, stands for the country */
	GAZ_ORG,           /* an international organisation */
};

struct gazetteer_entry {
	const char *name;       /* as written in text */
	const char *canonical;  /* the entity it stands for */
	enum gazetteer_kind kind;
	bool caps_only;         /* an acronym: match only in capitals */
};

/* Call fn for every entry; stops and returns fn's value when non-zero. */
int gazetteer_each(int (*fn)(void *arg, const struct gazetteer_entry *e),
    void *arg);

/* Number of entries gazetteer_each reports. */
size_t gazetteer_size(void);

#endif
