/*
 * extract/classname.h: what a class or id value says about its element
 * (furniture, the article's body, a caption, a standfirst...). Pure
 * string work: it knows nothing of the tree.
 */
#ifndef TD_EXTRACT_CLASSNAME_H
#define TD_EXTRACT_CLASSNAME_H

#include "base/common.h"

/* Class and id hints: bits of classname_hints(). */
enum {
	C_NEG = 1, C_POS = 2, C_STRONG = 4, C_HIDDEN = 8, C_MARK = 16,
	C_CREDIT = 32,
	C_TITLE = 64,    /* title, headline, kicker: furniture unless a heading */
	C_CAPTION = 128, /* a picture caption */
	C_WEAK = 256,    /* navigation or metadata: furniture when short */
	C_MEDIA = 512,   /* a video or audio player */
	C_DEK = 1024,    /* standfirst, summary, subtitle */
	C_THREAD = 2048, /* opens with a heading like "7 Comments" */
	C_SIDE = 4096,   /* a narrow grid column: a sidebar */
	C_HEADER = 8192, /* named "header" (also furniture: C_NEG) */
};

/* The C_* hints of a class or id value (or of a data-testid-like name):
 * its tokens (split at anything not a letter or digit, camel-case names
 * split into words) matched against lists of furniture, body, caption
 * and standfirst names. */
int classname_hints(const char *v);

#endif
