/*
 * str.h: borrowed byte slices.
 *
 * A struct str points into memory someone else owns; it is never freed
 * through the slice and is not NUL-terminated in general.
 */
#ifndef TD_BASE_STR_H
#define TD_BASE_STR_H

#include "base/common.h"

struct str {
	const char *p;
	size_t n;
};

#define STR_LIT(s) ((struct str){ (s), sizeof(s) - 1 })

static inline struct str
str_from(const char *s)
{
	return (struct str){ s, s ? strlen(s) : 0 };
}

/* Byte-wise equality. */
bool str_eq(struct str a, struct str b);

/* ASCII case-insensitive equality. */
bool str_ieq(struct str a, struct str b);

/* ASCII case-insensitive prefix test. */
bool str_istarts(struct str s, struct str prefix);

/* The slice without leading and trailing ASCII white space. */
struct str str_trim(struct str s);

/* A heap copy with a terminating NUL; NULL when out of memory. */
char *str_dup(struct str s);

/* The value of an ASCII hexadecimal digit, or -1. */
int str_hexval(int c);

/* Parse a decimal integer in [min, max] that fills the whole slice
 * (after trimming). Returns 0 or ERR_INVAL. */
int str_to_i64(struct str s, int64_t min, int64_t max, int64_t *out);

#endif
