/*
 * html/entities.c: character references in text that is not parsed as
 * HTML (feed titles, author names, summaries declared as text).
 *
 * Named references come from libxml2's HTML 4 table plus the HTML5 names
 * that show up in feeds; numeric ones follow the HTML5 rules: 0x80-0x9F
 * are read as windows-1252 (what the authors meant), and zero, surrogates,
 * values past U+10FFFF, noncharacters and control characters XML cannot
 * carry become U+FFFD, so the output can go into our own Atom feeds.
 * A reference without its ';' is decoded only where HTML5 would decode it
 * inside an attribute value: numeric ones always, named ones only for the
 * legacy Latin-1 set and only when no letter, digit or '=' follows
 * ("&copy 2024" is decoded, "?a=1&copy=2" is not). Anything else is left
 * as written. The output is valid UTF-8: bad input bytes become U+FFFD.
 */
#include "base/common.h"

#include <libxml/HTMLparser.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "html/html.h"
#include "html/html_int.h"

/* Longest entity name we look up ("CounterClockwiseContourIntegral" is
 * the longest in HTML5; ours are all shorter). */
#define ENTITY_NAME_MAX 32

struct entity {
	const char *name;
	uint32_t cp;
};

/* HTML5 names missing from libxml2's HTML 4 table, chosen from what feed
 * text actually contains. Sorted for bsearch. */
static const struct entity html5_entities[] = {
	{ "AMP", '&' }, { "COPY", 0xA9 }, { "GT", '>' }, { "Hat", '^' },
	{ "LT", '<' }, { "NewLine", '\n' }, { "NonBreakingSpace", 0xA0 },
	{ "QUOT", '"' }, { "REG", 0xAE }, { "TRADE", 0x2122 },
	{ "Tab", '\t' }, { "ZeroWidthSpace", 0x200B }, { "ast", '*' },
	{ "bsol", '\\' }, { "centerdot", 0xB7 }, { "check", 0x2713 },
	{ "colon", ':' }, { "comma", ',' }, { "commat", '@' },
	{ "copysr", 0x2117 }, { "cross", 0x2717 }, { "dash", 0x2010 },
	{ "dollar", '$' }, { "equals", '=' }, { "excl", '!' },
	{ "female", 0x2640 }, { "grave", '`' }, { "hairsp", 0x200A },
	{ "half", 0xBD }, { "horbar", 0x2015 }, { "hyphen", 0x2010 },
	{ "lcub", '{' }, { "ldquor", 0x201E }, { "lowbar", '_' },
	{ "lpar", '(' }, { "lsqb", '[' }, { "lsquor", 0x201A },
	{ "male", 0x2642 }, { "mldr", 0x2026 }, { "num", '#' },
	{ "percnt", '%' }, { "period", '.' }, { "phone", 0x260E },
	{ "plus", '+' }, { "quest", '?' }, { "rcub", '}' },
	{ "rdquor", 0x201D }, { "rpar", ')' }, { "rsqb", ']' },
	{ "rsquor", 0x2019 }, { "semi", ';' }, { "sol", '/' },
	{ "star", 0x2606 }, { "starf", 0x2605 }, { "verbar", '|' },
	{ "vert", '|' },
};

/* windows-1252 for 0x80-0x9F; 0 where it has no character. */
static const uint16_t cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static int
entity_cmp(const void *key, const void *member)
{
	return strcmp(key, ((const struct entity *)member)->name);
}

/* The code point of a named entity, 0 if unknown. */
static uint32_t
entity_lookup(const char *name)
{
	const htmlEntityDesc *d;
	const struct entity *e;

	d = htmlEntityLookup((const xmlChar *)name);
	if (d)
		return d->value;
	e = bsearch(name, html5_entities, ARRAY_LEN(html5_entities),
	    sizeof(html5_entities[0]), entity_cmp);
	return e ? e->cp : 0;
}

/* The names HTML5 decodes without ';': the Latin-1 ones of HTML 4 and
 * the upper-case AMP, LT, GT, QUOT, COPY, REG (not "apos", which is XML). */
static bool
entity_is_legacy(const char *name, uint32_t cp)
{
	return cp != 0 && cp <= 0xFF && strcmp(name, "apos") != 0;
}

static uint32_t
numeric_fix(uint32_t v)
{
	if (v >= 0x80 && v <= 0x9F)
		return cp1252[v - 0x80] ? cp1252[v - 0x80] : 0xFFFD;
	if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0xFFFD;
	if ((v < 0x20 && v != '\t' && v != '\n' && v != '\r') || v == 0x7F)
		return 0xFFFD;
	if ((v & 0xFFFE) == 0xFFFE || (v >= 0xFDD0 && v <= 0xFDEF))
		return 0xFFFD;
	return v;
}

static bool
is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Decode the reference at s[0] == '&'. Returns the bytes consumed (0 when
 * it is not a reference) and the code point in *cp. */
static size_t
decode_ref(const char *s, size_t n, uint32_t *cp)
{
	char name[ENTITY_NAME_MAX + 1];
	size_t i = 1, len;
	uint32_t v = 0;

	if (n > 1 && s[1] == '#') {
		bool hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t digits = 0;
		i = hex ? 3 : 2;
		for (; i < n; i++, digits++) {
			int c = (unsigned char)s[i], d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			/* Saturate: anything past U+10FFFF is U+FFFD. */
			v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (digits == 0)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		*cp = numeric_fix(v);
		return i;
	}
	for (len = 0; i + len < n && len < ENTITY_NAME_MAX &&
	    is_alnum((unsigned char)s[i + len]); len++)
		name[len] = s[i + len];
	if (len == 0)
		return 0;
	name[len] = '\0';
	if (i + len < n && s[i + len] == ';') {
		if ((v = entity_lookup(name)) != 0) {
			*cp = v;
			return i + len + 1;
		}
		return 0;
	}
	/* No ';': the longest legacy name that is a prefix, if what follows
	 * it cannot be read as part of a word or a query parameter. */
	for (; len >= 2; len--) {
		int next;
		name[len] = '\0';
		v = entity_lookup(name);
		if (!entity_is_legacy(name, v))
			continue;
		next = i + len < n ? (unsigned char)s[i + len] : ' ';
		if (is_alnum(next) || next == '=')
			return 0;
		*cp = v;
		return i + len;
	}
	return 0;
}

int
html_decode_entities(const char *s, size_t n, struct buf *out)
{
	size_t i = 0, run, used, mark = out->len;
	uint32_t cp;
	int rc = 0;

	if (s == NULL)
		return n ? ERR_INVAL : 0;
	while (i < n && rc == 0) {
		const char *amp = memchr(s + i, '&', n - i);
		run = amp ? (size_t)(amp - s) : n;
		if (run > i)
			rc = utf8_repair(out, s + i, run - i);
		i = run;
		if (rc || i >= n)
			break;
		used = decode_ref(s + i, n - i, &cp);
		if (used == 0) {
			rc = buf_putc(out, '&');
			i++;
		} else {
			rc = utf8_put(out, cp);
			i += used;
		}
	}
	if (rc)
		buf_truncate(out, mark);
	return rc;
}
