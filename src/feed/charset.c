/*
 * feed/charset.c: find the encoding of a feed and transcode it to UTF-8.
 *
 * Everything after this stage sees UTF-8 only: libxml2 is then told to
 * ignore the declaration, so that a wrong declaration cannot make it stop
 * half-way, and the JSON reader needs UTF-8 anyway. The precedence is
 * RFC 7303's: a byte order mark, then the HTTP charset, then the XML
 * declaration; with none, UTF-8 is assumed until a byte proves it wrong.
 *
 * Latin-1 and ASCII labels are decoded as windows-1252, as browsers do:
 * real feeds that say ISO-8859-1 are written by Windows software, and the
 * bytes 0x80-0x9F are then curly quotes and dashes, not C1 controls. The
 * encoding reported is always the one the bytes were decoded as (so such
 * a feed reports "windows-1252"), never merely the label.
 */
#include "base/common.h"

#include <errno.h>
#include <stdio.h>

#include "base/utf8.h"
#include "feed/feed_int.h"

static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

uint32_t
charset_cp1252(unsigned char b)
{
	uint32_t cp;

	if (b < 0x80 || b > 0x9F)
		return 0;
	cp = cp1252_high[b - 0x80];
	return cp == b ? 0 : cp;
}

static const struct alias {
	const char *label;
	const char *name;
} aliases[] = {
	{ "utf-8", "utf-8" }, { "utf8", "utf-8" },
	{ "unicode-1-1-utf-8", "utf-8" },
	{ "iso-8859-1", "windows-1252" }, { "iso8859-1", "windows-1252" },
	{ "iso_8859-1", "windows-1252" }, { "latin1", "windows-1252" },
	{ "latin-1", "windows-1252" }, { "l1", "windows-1252" },
	{ "iso-ir-100", "windows-1252" }, { "cp819", "windows-1252" },
	{ "ibm819", "windows-1252" }, { "us-ascii", "windows-1252" },
	{ "ascii", "windows-1252" }, { "ansi_x3.4-1968", "windows-1252" },
	{ "windows-1252", "windows-1252" }, { "cp1252", "windows-1252" },
	{ "x-cp1252", "windows-1252" },
	{ "utf-16", "utf-16" }, { "utf16", "utf-16" },
	{ "utf-16le", "utf-16le" }, { "utf-16be", "utf-16be" },
	{ "utf-32", "utf-32" }, { "utf-32le", "utf-32le" },
	{ "utf-32be", "utf-32be" },
	{ "latin9", "iso-8859-15" }, { "iso8859-15", "iso-8859-15" },
	{ "sjis", "shift_jis" }, { "x-sjis", "shift_jis" },
	{ "gb2312", "gbk" }, { "x-gbk", "gbk" },
};

void
charset_canonical(const char *label, char *out, size_t outsz)
{
	size_t i, n = 0;

	while (*label == ' ' || *label == '\t' || *label == '"' ||
	    *label == '\'')
		label++;
	for (; label[n] != '\0' && n + 1 < outsz; n++) {
		char c = label[n];

		if (c == ' ' || c == '\t' || c == '"' || c == '\'' ||
		    c == ';')
			break;
		/* Labels are ASCII; anything else is shown as '?' (and
		 * then refused by open_name). */
		out[n] = c >= 'A' && c <= 'Z' ? c + 32 :
		    (unsigned char)c < 0x21 || (unsigned char)c > 0x7E ?
		    '?' : c;
	}
	out[n] = '\0';
	for (i = 0; i < ARRAY_LEN(aliases); i++) {
		if (strcmp(out, aliases[i].label) == 0) {
			snprintf(out, outsz, "%s", aliases[i].name);
			return;
		}
	}
}

/* The encoding named in an XML declaration at the start of head, into
 * out; false if there is none. Only ASCII-compatible input gets here. */
static bool
xml_decl_encoding(const char *head, size_t n, char *out, size_t outsz)
{
	size_t i = 0, j, end;
	char q;

	while (i < n && (head[i] == ' ' || head[i] == '\t' ||
	    head[i] == '\r' || head[i] == '\n'))
		i++;
	if (n - i < 6 || memcmp(head + i, "<?xml", 5) != 0)
		return false;
	for (end = i; end + 1 < n; end++)
		if (head[end] == '?' && head[end + 1] == '>')
			break;
	for (j = i + 5; j + 8 < end; j++) {
		if (memcmp(head + j, "encoding", 8) != 0)
			continue;
		j += 8;
		while (j < end && (head[j] == ' ' || head[j] == '='))
			j++;
		if (j >= end || (head[j] != '"' && head[j] != '\''))
			return false;
		q = head[j++];
		for (i = 0; j < end && head[j] != q && i + 1 < outsz; j++)
			out[i++] = head[j];
		out[i] = '\0';
		return i > 0;
	}
	return false;
}

static int
open_name(struct charset_conv *c, const char *name, const char *head,
    size_t n)
{
	char iname[48];
	size_t i;

	/* glibc's iconv_open ignores characters it does not expect, so a
	 * label with junk in it could pass for another: refuse it. */
	for (i = 0; name[i] != '\0'; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    strchr("-_.:+()", name[i]) != NULL))
			return ERR_UNSUPPORTED;
	if (strcmp(name, "utf-8") == 0) {
		c->kind = CHARSET_UTF8;
	} else if (strcmp(name, "windows-1252") == 0) {
		c->kind = CHARSET_WIN1252;
	} else {
		/* UTF-16/32 without a BOM: the position of the zero bytes
		 * around '<' tells the order (glibc would assume BE). */
		if (strcmp(name, "utf-16") == 0)
			name = n >= 2 && head[0] == 0 ? "utf-16be" : "utf-16le";
		else if (strcmp(name, "utf-32") == 0)
			name = n >= 4 && head[0] == 0 ? "utf-32be" : "utf-32le";
		snprintf(iname, sizeof(iname), "%s", name);
		c->cd = iconv_open("UTF-8", iname);
		if (c->cd == (iconv_t)-1)
			return ERR_UNSUPPORTED;
		c->kind = CHARSET_ICONV;
	}
	snprintf(c->name, sizeof(c->name), "%s", name);
	return 0;
}

/* Is the name one whose bytes could not be read as ASCII? A declaration
 * that says so in ASCII bytes is wrong and is ignored. */
static bool
wide_name(const char *name)
{
	return strncmp(name, "utf-16", 6) == 0 ||
	    strncmp(name, "utf-32", 6) == 0;
}

int
charset_open(struct charset_conv *c, const char *head, size_t n,
    const char *charset, size_t *bom_len)
{
	const unsigned char *u = (const unsigned char *)head;
	char label[40];
	const char *bom = NULL;

	memset(c, 0, sizeof(*c));
	c->cd = (iconv_t)-1;
	*bom_len = 0;
	if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
		bom = "utf-32le", *bom_len = 4;
	else if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE &&
	    u[3] == 0xFF)
		bom = "utf-32be", *bom_len = 4;
	else if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		bom = "utf-8", *bom_len = 3;
	else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		bom = "utf-16le", *bom_len = 2;
	else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		bom = "utf-16be", *bom_len = 2;
	if (bom != NULL)
		return open_name(c, bom, head, n);

	if (charset != NULL && *charset != '\0') {
		charset_canonical(charset, label, sizeof(label));
		snprintf(c->declared, sizeof(c->declared), "%s", label);
		if (open_name(c, label, head, n) == 0)
			return 0;
		memset(c, 0, sizeof(*c));
		c->cd = (iconv_t)-1;
		snprintf(c->declared, sizeof(c->declared), "%s", label);
	}
	/* UTF-16/32 without a BOM still starts with '<' or '{'. */
	if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] != 0)
		return open_name(c, "utf-32be", head, n);
	if (n >= 4 && u[0] != 0 && u[1] == 0 && u[2] == 0 && u[3] == 0)
		return open_name(c, "utf-32le", head, n);
	if (n >= 2 && u[0] == 0 && u[1] != 0)
		return open_name(c, "utf-16be", head, n);
	if (n >= 2 && u[0] != 0 && u[1] == 0)
		return open_name(c, "utf-16le", head, n);
	if (c->declared[0] == '\0' &&
	    xml_decl_encoding(head, n, label, sizeof(label))) {
		charset_canonical(label, label, sizeof(label));
		snprintf(c->declared, sizeof(c->declared), "%s", label);
		if (!wide_name(label) && open_name(c, label, head, n) == 0) {
			/* A declaration is often wrong: one that says UTF-8
			 * may still fall back on windows-1252. */
			c->from_decl = c->kind == CHARSET_UTF8;
			return 0;
		}
	}
	/* Nothing usable said: UTF-8, falling back on windows-1252 if the
	 * bytes are not UTF-8. */
	c->kind = CHARSET_AUTO;
	snprintf(c->name, sizeof(c->name), "utf-8");
	return 0;
}

void
charset_close(struct charset_conv *c)
{
	if (c->kind == CHARSET_ICONV && c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	c->cd = (iconv_t)-1;
}

static int
decode_1252(const unsigned char *s, size_t n, struct buf *out)
{
	size_t i, run = 0;
	int rc;

	if ((rc = buf_grow(out, n * 3)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		uint32_t cp = s[i];

		if (cp < 0x80)
			continue;
		if ((rc = buf_append(out, s + run, i - run)) != 0)
			return rc;
		if (cp <= 0x9F)
			cp = cp1252_high[cp - 0x80];
		if ((rc = utf8_put(out, cp)) != 0)
			return rc;
		run = i + 1;
	}
	return buf_append(out, s + run, n - run);
}

/* Could s[0..n) be the start of a valid sequence cut by the chunk end? */
static bool
utf8_incomplete(const unsigned char *s, size_t n)
{
	size_t need, i;

	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		need = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		need = 4;
	else
		return false;
	if (n >= need)
		return false;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return false;
	return true;
}

/* Where the run of ASCII bytes starting at s[i] ends: eight bytes a step,
 * then one at a time. */
static size_t
ascii_run_end(const unsigned char *s, size_t i, size_t n)
{
	uint64_t v;

	while (i + 8 <= n) {
		memcpy(&v, s + i, 8);
		if (v & 0x8080808080808080ULL)
			break;
		i += 8;
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

static int
decode_utf8(struct charset_conv *c, const unsigned char *s, size_t n,
    bool final, struct buf *out, size_t *used)
{
	size_t i = 0, run = 0, len;
	uint32_t cp;
	int rc;

	while (i < n) {
		if (s[i] < 0x80) {
			i = ascii_run_end(s, i, n);
			continue;
		}
		len = utf8_decode((const char *)s + i, n - i, &cp);
		if (len > 0) {
			c->seen_multibyte = true;
			i += len;
			continue;
		}
		if ((rc = buf_append(out, s + run, i - run)) != 0)
			return rc;
		if (!final && utf8_incomplete(s + i, n - i)) {
			*used = i;
			return 0;
		}
		if ((c->kind == CHARSET_AUTO || c->from_decl) &&
		    !c->seen_multibyte) {
			/* Undeclared and not UTF-8: what came before was
			 * ASCII, so reading everything as windows-1252 is
			 * consistent. */
			c->kind = CHARSET_WIN1252;
			c->switched = true;
			snprintf(c->name, sizeof(c->name), "windows-1252");
			*used = n;
			return decode_1252(s + i, n - i, out);
		}
		c->repaired = true;
		if ((rc = buf_append(out, "\xEF\xBF\xBD", 3)) != 0)
			return rc;
		i++;
		run = i;
	}
	*used = n;
	return buf_append(out, s + run, n - run);
}

static int
decode_iconv(struct charset_conv *c, const char *s, size_t n, bool final,
    struct buf *out, size_t *used)
{
	char *in = (char *)s, *o;
	size_t inleft = n, oleft, room, unit;
	int rc;

	unit = strncmp(c->name, "utf-32", 6) == 0 ? 4 :
	    strncmp(c->name, "utf-16", 6) == 0 ? 2 : 1;
	while (inleft > 0) {
		room = inleft * 4 + 16;
		if ((rc = buf_grow(out, room)) != 0)
			return rc;
		o = out->p + out->len;
		oleft = out->cap - out->len - 1;
		if (iconv(c->cd, &in, &inleft, &o, &oleft) != (size_t)-1) {
			out->len = (size_t)(o - out->p);
			break;
		}
		out->len = (size_t)(o - out->p);
		out->p[out->len] = '\0';
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && inleft < sizeof(c->carry))
			break;
		/* EILSEQ, or an incomplete tail at the end: replace one
		 * code unit and go on. */
		c->repaired = true;
		if ((rc = buf_append(out, "\xEF\xBF\xBD", 3)) != 0)
			return rc;
		if (inleft < unit)
			unit = inleft;
		in += unit;
		inleft -= unit;
	}
	out->p[out->len] = '\0';
	*used = n - inleft;
	return 0;
}

static int
decode_some(struct charset_conv *c, const char *in, size_t n, bool final,
    struct buf *out, size_t *used)
{
	switch (c->kind) {
	case CHARSET_WIN1252:
		*used = n;
		return decode_1252((const unsigned char *)in, n, out);
	case CHARSET_ICONV:
		return decode_iconv(c, in, n, final, out, used);
	default:
		return decode_utf8(c, (const unsigned char *)in, n, final, out,
		    used);
	}
}

bool
charset_verbatim(struct charset_conv *c, const char *in, size_t n)
{
	const unsigned char *s = (const unsigned char *)in;
	bool multibyte = false;
	size_t i = 0, len;
	uint32_t cp;

	if ((c->kind != CHARSET_UTF8 && c->kind != CHARSET_AUTO) ||
	    c->ncarry > 0)
		return false;
	/* decode_utf8's walk, deciding nothing: the first byte it would
	 * act on (an invalid or cut sequence) answers false. */
	while (i < n) {
		if (s[i] < 0x80) {
			i = ascii_run_end(s, i, n);
			continue;
		}
		if ((len = utf8_decode(in + i, n - i, &cp)) == 0)
			return false;
		multibyte = true;
		i += len;
	}
	if (multibyte)
		c->seen_multibyte = true;
	return true;
}

int
charset_decode(struct charset_conv *c, const char *in, size_t n, bool final,
    struct buf *out)
{
	char *joined = NULL;
	size_t used = 0;
	int rc;

	/* A sequence was cut at the end of the last chunk: decode it
	 * together with this one (chunks are small, so the copy is cheap
	 * and rare). */
	if (c->ncarry > 0) {
		if ((joined = malloc(c->ncarry + n + 1)) == NULL)
			return ERR_NOMEM;
		memcpy(joined, c->carry, c->ncarry);
		if (n > 0)
			memcpy(joined + c->ncarry, in, n);
		n += c->ncarry;
		in = joined;
		c->ncarry = 0;
	}
	rc = decode_some(c, in, n, final, out, &used);
	if (rc == 0 && used < n) {
		if (n - used > sizeof(c->carry)) {
			rc = ERR_INVAL;
		} else {
			memcpy(c->carry, in + used, n - used);
			c->ncarry = n - used;
		}
	}
	free(joined);
	return rc;
}
