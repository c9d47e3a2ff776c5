/*
 * core/export.h: the subscription list out, for callers that may not
 * reach feed/ themselves (web/ serves /opml through this).
 */
#ifndef TD_CORE_EXPORT_H
#define TD_CORE_EXPORT_H

#include "base/common.h"

#include "base/err.h"

struct buf;
struct store;

/* Append every source of s to out as an OPML 2.0 document, top-level
 * feeds first, then one folder per group (by name), stable by id.
 * created is the document's dateCreated. */
int export_opml(struct store *s, const char *title, int64_t created,
    struct buf *out, struct err *e);

#endif
