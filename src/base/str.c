/*
 * str.c: borrowed byte slices (see str.h).
 */
#include "base/common.h"

#include "base/err.h"
#include "base/str.h"

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
ascii_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

bool
str_eq(struct str a, struct str b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

bool
str_ieq(struct str a, struct str b)
{
	size_t i;

	if (a.n != b.n)
		return false;
	for (i = 0; i < a.n; i++)
		if (ascii_lower((unsigned char)a.p[i]) !=
		    ascii_lower((unsigned char)b.p[i]))
			return false;
	return true;
}

bool
str_istarts(struct str s, struct str prefix)
{
	if (s.n < prefix.n)
		return false;
	s.n = prefix.n;
	return str_ieq(s, prefix);
}

struct str
str_trim(struct str s)
{
	while (s.n && ascii_space((unsigned char)s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n && ascii_space((unsigned char)s.p[s.n - 1]))
		s.n--;
	return s;
}

char *
str_dup(struct str s)
{
	char *p = malloc(s.n + 1);

	if (p == NULL)
		return NULL;
	if (s.n)
		memcpy(p, s.p, s.n);
	p[s.n] = '\0';
	return p;
}

int
str_to_i64(struct str s, int64_t min, int64_t max, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	uint64_t v = 0, lim;

	s = str_trim(s);
	if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
		neg = s.p[0] == '-';
		i++;
	}
	if (i == s.n)
		return ERR_INVAL;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < s.n; i++) {
		unsigned d;

		if (s.p[i] < '0' || s.p[i] > '9')
			return ERR_INVAL;
		d = (unsigned)(s.p[i] - '0');
		if (v > (lim - d) / 10)
			return ERR_INVAL;
		v = v * 10 + d;
	}
	{
		int64_t r = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN
		    : -(int64_t)v) : (int64_t)v;

		if (r < min || r > max)
			return ERR_INVAL;
		*out = r;
	}
	return 0;
}

int
str_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
