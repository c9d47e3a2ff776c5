/*
 * core/tagkey.c: the canonical tag key, passed through from nlp/tags.h so
 * that every layer files and finds tags under the same key.
 */
#include "base/common.h"

#include "base/buf.h"
#include "core/tagkey.h"
#include "nlp/tags.h"

int
tagkey_of(const char *s, const char *lang, struct buf *out)
{
	return tag_key(s, strlen(s), lang, out);
}
