/*
 * core/tagkey.h: a tag's canonical key for callers that may not reach
 * nlp/ themselves (web/ turns a tag typed into a URL or a form into the
 * key the store files articles under).
 */
#ifndef TD_CORE_TAGKEY_H
#define TD_CORE_TAGKEY_H

#include "base/common.h"

struct buf;

/* Replace out's contents with the canonical key of tag s (as the ingest
 * computes it; lang may be NULL for English). Returns 0, ERR_NOMEM or
 * ERR_TOOBIG. */
int tagkey_of(const char *s, const char *lang, struct buf *out);

#endif
