/*
 * feed/date.c: dates as feeds really write them (see feed.h).
 *
 * RFC 822/2822 dates in RSS are hand-made more often than not: weekdays are
 * missing or localised, years have two digits, zones are names or military
 * letters, month names come in full or in another language, and junk
 * trails behind. ISO 8601 / RFC 3339 / W3C-DTF dates in Atom and JSON Feed
 * are better behaved but come with or without seconds, fractions, zones and
 * separators. Both parsers accept the many real variants, but when a part
 * is missing or out of range (31 Feb, hour 25, an ambiguous month
 * abbreviation) they fail rather than guess: a wrong date is worse than no
 * date. The arithmetic is done here rather than with timegm so that no
 * time zone or locale of the process can leak in.
 */
#include "base/common.h"

#include <strings.h>

#include "base/err.h"
#include "feed/feed.h"
#include "feed/feed_int.h"

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static bool
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int64_t y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days
 * inverse: shift the year to start in March so the leap day comes last). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Check the parts and turn them into Unix seconds. A leap second (:60) is
 * folded into the next minute. */
static int
make_time(int64_t y, int mo, int d, int h, int mi, int s, int off,
    int64_t *out)
{
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > month_days(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    s < 0 || s > 60)
		return ERR_INVAL;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
	    off;
	return 0;
}

/* Read exactly n digits at *sp. */
static bool
digits(const char **sp, int n, int *out)
{
	const char *s = *sp;
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	*out = v;
	return true;
}

/* A numeric zone "+HH:MM", "+HHMM" or "+HH" at *sp, as seconds east. */
static bool
numeric_zone(const char **sp, int *off)
{
	const char *s = *sp;
	int sign, h, m = 0;

	if (*s != '+' && *s != '-')
		return false;
	sign = *s == '-' ? -1 : 1;
	s++;
	if (!digits(&s, 2, &h))
		return false;
	if (*s == ':') {
		s++;
		if (!digits(&s, 2, &m))
			return false;
	} else if (is_digit((unsigned char)*s)) {
		if (!digits(&s, 2, &m))
			return false;
	}
	if (is_digit((unsigned char)*s) || h > 23 || m > 59)
		return false;
	*off = sign * (h * 3600 + m * 60);
	*sp = s;
	return true;
}

int
feed_date_iso8601(const char *s, int64_t *out)
{
	int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0;
	bool basic;

	if (s == NULL)
		return ERR_INVAL;
	while (is_space((unsigned char)*s))
		s++;
	if (!digits(&s, 4, &y))
		return ERR_INVAL;
	/* W3C-DTF: YYYY, YYYY-MM, YYYY-MM-DD; ISO basic: YYYYMMDD. */
	basic = is_digit((unsigned char)*s);
	if (basic) {
		if (!digits(&s, 2, &mo) || !digits(&s, 2, &d))
			return ERR_INVAL;
	} else if (*s == '-') {
		s++;
		if (!digits(&s, 2, &mo))
			return ERR_INVAL;
		if (*s == '-') {
			s++;
			if (!digits(&s, 2, &d))
				return ERR_INVAL;
		}
	}
	if ((*s == 'T' || *s == 't' || *s == ' ') &&
	    is_digit((unsigned char)s[1])) {
		s++;
		if (!digits(&s, 2, &h))
			return ERR_INVAL;
		if (*s == ':')
			s++;
		if (!digits(&s, 2, &mi))
			return ERR_INVAL;
		if (*s == ':' || is_digit((unsigned char)*s)) {
			if (*s == ':')
				s++;
			if (!digits(&s, 2, &sec))
				return ERR_INVAL;
			if (*s == '.' || *s == ',') {
				s++;
				if (!is_digit((unsigned char)*s))
					return ERR_INVAL;
				while (is_digit((unsigned char)*s))
					s++;
			}
		}
		while (*s == ' ')
			s++;
		/* No zone: UTC, the only reading that does not depend on
		 * where the parser runs. */
		if (*s == 'Z' || *s == 'z')
			s++;
		else if (*s == '+' || *s == '-') {
			if (!numeric_zone(&s, &off))
				return ERR_INVAL;
		} else if (strncmp(s, "UTC", 3) == 0 ||
		    strncmp(s, "GMT", 3) == 0)
			s += 3;
	}
	while (is_space((unsigned char)*s))
		s++;
	if (*s != '\0')
		return ERR_INVAL;
	return make_time(y, mo, d, h, mi, sec, off, out);
}

/* Month names and the abbreviations feeds use, in the languages feeds are
 * commonly written in. Matching is on lower-case UTF-8. */
static const struct month_name {
	const char *name;
	int month;
} month_names[] = {
	/* English */
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 }, { "sept", 9 },
	/* German */
	{ "januar", 1 }, { "j\xc3\xa4nner", 1 }, { "februar", 2 },
	{ "m\xc3\xa4rz", 3 }, { "maerz", 3 }, { "mrz", 3 }, { "mai", 5 },
	{ "juni", 6 }, { "juli", 7 }, { "oktober", 10 }, { "dezember", 12 },
	/* French */
	{ "janvier", 1 }, { "f\xc3\xa9vrier", 2 }, { "fevrier", 2 },
	{ "mars", 3 }, { "avril", 4 }, { "juin", 6 }, { "juillet", 7 },
	{ "ao\xc3\xbbt", 8 }, { "aout", 8 }, { "septembre", 9 },
	{ "octobre", 10 }, { "novembre", 11 }, { "d\xc3\xa9""cembre", 12 },
	{ "decembre", 12 },
	/* Spanish */
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
	{ "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
	{ "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
	{ "noviembre", 11 }, { "diciembre", 12 },
	/* Italian */
	{ "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 },
	{ "maggio", 5 }, { "giugno", 6 }, { "luglio", 7 },
	{ "settembre", 9 }, { "ottobre", 10 }, { "dicembre", 12 },
	/* Dutch */
	{ "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "mrt", 3 },
	{ "mei", 5 }, { "augustus", 8 },
	/* Portuguese */
	{ "janeiro", 1 }, { "fevereiro", 2 }, { "mar\xc3\xa7o", 3 },
	{ "marco", 3 }, { "maio", 5 }, { "junho", 6 }, { "julho", 7 },
	{ "setembro", 9 }, { "outubro", 10 }, { "novembro", 11 },
	{ "dezembro", 12 },
};

/* The month of a word: an exact name, or a prefix of at least three
 * letters that every matching name agrees on ("Dez" is December in German
 * and Portuguese alike; "Jui" could be juin or juillet and is refused). */
static int
month_lookup(const char *w, size_t n)
{
	size_t i;
	int found = 0;

	while (n > 0 && w[n - 1] == '.')
		n--;
	if (n < 3)
		return 0;
	for (i = 0; i < ARRAY_LEN(month_names); i++) {
		const char *name = month_names[i].name;

		if (strlen(name) == n && memcmp(name, w, n) == 0)
			return month_names[i].month;
	}
	for (i = 0; i < ARRAY_LEN(month_names); i++) {
		const char *name = month_names[i].name;

		if (strlen(name) > n && memcmp(name, w, n) == 0) {
			if (found && found != month_names[i].month)
				return 0;
			found = month_names[i].month;
		}
	}
	return found;
}

/* Named zones that feeds write, in seconds east. Military letters other
 * than Z count as UTC: RFC 2822 section 4.3 notes that RFC 822 got their
 * signs wrong, so they carry no reliable offset. */
static const struct zone_name {
	const char *name;
	int hours;
} zone_names[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
	{ "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
	{ "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
	{ "akst", -9 }, { "akdt", -8 }, { "hst", -10 }, { "ast", -4 },
	{ "adt", -3 }, { "nst", -3 }, { "wet", 0 }, { "west", 1 },
	{ "bst", 1 }, { "cet", 1 }, { "cest", 2 }, { "met", 1 },
	{ "mest", 2 }, { "eet", 2 }, { "eest", 3 }, { "msk", 3 },
	{ "jst", 9 }, { "kst", 9 }, { "aest", 10 }, { "aedt", 11 },
	{ "acst", 9 }, { "awst", 8 }, { "nzst", 12 }, { "nzdt", 13 },
};

static bool
zone_lookup(const char *w, size_t n, int *off)
{
	size_t i;

	if (n == 1 && w[0] >= 'a' && w[0] <= 'z' && w[0] != 'j') {
		*off = 0;
		return true;
	}
	for (i = 0; i < ARRAY_LEN(zone_names); i++) {
		if (strlen(zone_names[i].name) == n &&
		    memcmp(zone_names[i].name, w, n) == 0) {
			*off = zone_names[i].hours * 3600;
			return true;
		}
	}
	return false;
}

enum tok_kind { TOK_END, TOK_NUM, TOK_WORD, TOK_TIME, TOK_ZONE };

struct tok {
	enum tok_kind kind;
	int num, ndig;         /* TOK_NUM */
	char word[24];         /* TOK_WORD, lower-cased */
	size_t wlen;
	int h, m, s;           /* TOK_TIME */
	int off;               /* TOK_ZONE */
};

/* Does s follow "GMT" or "UT(C)", so that a sign starts an offset? */
static bool
after_utc(const char *start, const char *s)
{
	return (s - start >= 3 && (strncasecmp(s - 3, "gmt", 3) == 0 ||
	    strncasecmp(s - 3, "utc", 3) == 0)) ||
	    (s - start >= 2 && strncasecmp(s - 2, "ut", 2) == 0);
}

/* The next token of an RFC 822 date; commas, dots and spaces separate. */
static void
next_tok(const char *start, const char **sp, struct tok *t)
{
	const char *s = *sp;
	int v;

	memset(t, 0, sizeof(*t));
	/* A sign glued to what precedes it ("29-Nov-2026") separates; one
	 * after a space starts a zone. */
	while (*s != '\0' && (is_space((unsigned char)*s) || *s == ',' ||
	    *s == '.' || *s == '/' || ((*s == '-' || *s == '+') &&
	    s > start && !is_space((unsigned char)s[-1]) &&
	    !after_utc(start, s))))
		s++;
	if (*s == '\0') {
		t->kind = TOK_END;
	} else if (is_digit((unsigned char)*s)) {
		const char *p = s;

		v = 0;
		while (is_digit((unsigned char)*p) && p - s < 6)
			v = v * 10 + (*p++ - '0');
		if (*p == ':' && p - s <= 2) {
			t->kind = TOK_TIME;
			t->h = v;
			p++;
			if (!digits(&p, 2, &t->m)) {
				t->kind = TOK_END;
				t->ndig = -1;
			} else if (*p == ':') {
				p++;
				if (!digits(&p, 2, &t->s)) {
					t->kind = TOK_END;
					t->ndig = -1;
				}
				if (*p == '.' || *p == ',')
					while (is_digit((unsigned char)
					    *++p))
						;
			}
		} else {
			t->kind = TOK_NUM;
			t->num = v;
			t->ndig = (int)(p - s);
		}
		s = p;
	} else if (*s == '+' || *s == '-') {
		if (numeric_zone(&s, &t->off))
			t->kind = TOK_ZONE;
		else {
			t->kind = TOK_WORD; /* junk */
			s++;
		}
	} else {
		/* A word: letters, including UTF-8 ones, lower-cased. */
		t->kind = TOK_WORD;
		while (*s != '\0' && !is_space((unsigned char)*s) &&
		    *s != ',' && *s != '.' && *s != '+' && *s != '-' &&
		    !is_digit((unsigned char)*s) && *s != '(' && *s != ')') {
			if (t->wlen < sizeof(t->word) - 1) {
				char c = *s;

				if (c >= 'A' && c <= 'Z')
					c += 32;
				t->word[t->wlen++] = c;
			}
			s++;
		}
		if (*s == '.' && t->wlen > 0)
			s++;
		if (t->wlen == 0)
			s++; /* a lone bracket or the like */
	}
	*sp = s;
}

static int
full_year(const struct tok *t)
{
	/* RFC 2822 section 4.3: two-digit years 00-49 are 20xx, 50-99 are
	 * 19xx; three-digit years add 1900. */
	if (t->ndig == 4)
		return t->num;
	if (t->ndig == 2)
		return t->num < 50 ? 2000 + t->num : 1900 + t->num;
	if (t->ndig == 3)
		return 1900 + t->num;
	return -1;
}

#define DATE_MAX_TOKENS 12

int
feed_date_rfc822(const char *s, int64_t *out)
{
	struct tok t[DATE_MAX_TOKENS];
	const char *start;
	int n = 0, i = 0, day, mon, year, h = 0, mi = 0, sec = 0, off = 0;

	if (s == NULL)
		return ERR_INVAL;
	memset(t, 0, sizeof(t));
	start = s;
	do {
		next_tok(start, &s, &t[n]);
		if (t[n].kind == TOK_END && t[n].ndig < 0)
			return ERR_INVAL; /* a broken time such as "10:7" */
	} while (t[n++].kind != TOK_END && n < DATE_MAX_TOKENS);
	if (t[n - 1].kind != TOK_END)
		t[n - 1].kind = TOK_END; /* the rest is junk */

	/* A weekday in any language is skipped: a word that is no month, or
	 * one that is (Spanish "Mar" is martes) but comes before "DD Mon". */
	if (t[0].kind == TOK_WORD && (month_lookup(t[0].word,
	    t[0].wlen) == 0 || (t[1].kind == TOK_NUM && t[2].kind ==
	    TOK_WORD && month_lookup(t[2].word, t[2].wlen) != 0)))
		i = 1;
	if (t[i].kind == TOK_NUM && t[i].ndig <= 2) {
		/* "29 Nov 2026 10:00:00 +0000" */
		day = t[i].num;
		if (t[i + 1].kind != TOK_WORD ||
		    (mon = month_lookup(t[i + 1].word, t[i + 1].wlen)) == 0)
			return ERR_INVAL;
		if (t[i + 2].kind != TOK_NUM ||
		    (year = full_year(&t[i + 2])) < 0)
			return ERR_INVAL;
		i += 3;
	} else if (t[i].kind == TOK_WORD &&
	    (mon = month_lookup(t[i].word, t[i].wlen)) != 0) {
		/* "Nov 29, 2026 10:00" or asctime "Nov 29 10:00:00 2026" */
		if (t[i + 1].kind != TOK_NUM || t[i + 1].ndig > 2)
			return ERR_INVAL;
		day = t[i + 1].num;
		if (t[i + 2].kind == TOK_TIME && t[i + 3].kind == TOK_NUM &&
		    t[i + 3].ndig == 4) {
			year = t[i + 3].num;
			h = t[i + 2].h, mi = t[i + 2].m, sec = t[i + 2].s;
			i += 4;
			goto zone;
		}
		if (t[i + 2].kind != TOK_NUM ||
		    (year = full_year(&t[i + 2])) < 0)
			return ERR_INVAL;
		i += 3;
	} else {
		return ERR_INVAL;
	}
	/* Some writers put "at" or "um" between the date and the time. */
	if (t[i].kind == TOK_WORD && t[i].wlen <= 3 &&
	    t[i + 1].kind == TOK_TIME)
		i++;
	if (t[i].kind == TOK_TIME) {
		h = t[i].h, mi = t[i].m, sec = t[i].s;
		i++;
	}
zone:
	/* No zone at all: UTC, as feedparser and most readers assume. */
	if (t[i].kind == TOK_ZONE) {
		off = t[i].off;
	} else if (t[i].kind == TOK_WORD &&
	    zone_lookup(t[i].word, t[i].wlen, &off)) {
		if (t[i + 1].kind == TOK_ZONE && off == 0)
			off = t[i + 1].off; /* "GMT+0100" */
	}
	/* Anything after the zone is trailing junk. */
	return make_time(year, mon, day, h, mi, sec, off, out);
}

int
feed_date_parse(const char *s, int64_t *out)
{
	const char *p = s;

	if (s == NULL)
		return ERR_INVAL;
	while (is_space((unsigned char)*p))
		p++;
	if (is_digit((unsigned char)p[0]) && is_digit((unsigned char)p[1]) &&
	    is_digit((unsigned char)p[2]) && is_digit((unsigned char)p[3]) &&
	    feed_date_iso8601(p, out) == 0)
		return 0;
	if (feed_date_rfc822(p, out) == 0)
		return 0;
	return feed_date_iso8601(p, out);
}
