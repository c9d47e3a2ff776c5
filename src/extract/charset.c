/*
 * extract/charset.c: the encoding of a web page, and its text as UTF-8.
 *
 * Precedence follows the HTML standard: a byte order mark, then the HTTP
 * charset, then a <meta charset> or <meta http-equiv=Content-Type> in the
 * first bytes. A page that declares nothing is UTF-8 when its bytes are
 * valid UTF-8 and windows-1252 otherwise (what browsers guess for
 * Western pages). Declarations are often wrong, so two cheap checks
 * override them: a page labelled with a single-byte Latin charset whose
 * bytes are valid UTF-8 with multi-byte sequences is UTF-8, and a page
 * labelled UTF-8 with more broken sequences than good multi-byte ones is
 * windows-1252. Latin-1 and ASCII labels mean windows-1252, as in
 * browsers. Transcoding uses iconv; bytes it cannot convert become
 * U+FFFD, and NULs become spaces, so the parser sees clean UTF-8.
 */
#include "base/common.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>

#include "base/utf8.h"
#include "extract/extract_int.h"

/* Bytes searched for a <meta> declaration (the standard says 1024; real
 * pages put long <head>s first). */
#define EXTRACT_PRESCAN 16384

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
ci_eq_n(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return false;
	return true;
}

/* Map a label to the name we decode with: "utf-8", "windows-1252",
 * "utf-16le"/"utf-16be", or the label itself (for iconv) lower-cased.
 * Empty out for nothing usable. */
static void
charset_name(const char *label, size_t n, char *out, size_t outsz)
{
	static const char *const latin1[] = {
		"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
		"l1", "cp819", "ibm819", "us-ascii", "ascii", "windows-1252",
		"cp1252", "x-cp1252", "iso-ir-100", "ansi_x3.4-1968",
	};
	size_t i, k = 0;

	while (n > 0 && (*label == ' ' || *label == '"' || *label == '\''))
		label++, n--;
	for (i = 0; i < n && k + 1 < outsz; i++) {
		int c = lower((unsigned char)label[i]);
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == ':'))
			break;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	if (!strcmp(out, "utf8") || !strcmp(out, "unicode-1-1-utf-8"))
		snprintf(out, outsz, "utf-8");
	for (i = 0; i < ARRAY_LEN(latin1); i++)
		if (!strcmp(out, latin1[i]))
			snprintf(out, outsz, "windows-1252");
}

/* The charset a <meta> in the first bytes declares, into out. */
static bool
meta_charset(const char *s, size_t n, char *out, size_t outsz)
{
	size_t i, end;

	if (n > EXTRACT_PRESCAN)
		n = EXTRACT_PRESCAN;
	for (i = 0; i + 5 < n; i++) {
		if (s[i] != '<' || !ci_eq_n(s + i + 1, "meta", 4))
			continue;
		for (end = i + 5; end < n && s[end] != '>'; end++)
			;
		for (size_t j = i + 5; j + 7 < end; j++) {
			size_t k;
			if (!ci_eq_n(s + j, "charset", 7))
				continue;
			k = j + 7;
			while (k < end && (s[k] == ' ' || s[k] == '\t' ||
			    s[k] == '\n' || s[k] == '\r'))
				k++;
			if (k >= end || s[k] != '=')
				continue;
			k++;
			while (k < end && (s[k] == ' ' || s[k] == '"' ||
			    s[k] == '\''))
				k++;
			charset_name(s + k, end - k, out, outsz);
			/* A page read as bytes cannot really be UTF-16. */
			if (!strncmp(out, "utf-16", 6))
				snprintf(out, outsz, "utf-8");
			if (out[0] != '\0')
				return true;
		}
		i = end;
	}
	return false;
}

/* Count valid multi-byte sequences and invalid bytes. */
static void
utf8_census(const char *s, size_t n, size_t *good, size_t *bad)
{
	size_t i = 0, k;
	uint32_t cp;

	*good = *bad = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			(*bad)++;
			i++;
		} else {
			(*good)++;
			i += k;
		}
	}
}

static bool
single_byte_latin(const char *name)
{
	return !strcmp(name, "windows-1252") ||
	    !strncmp(name, "iso-8859-", 9) || !strncmp(name, "windows-125", 11);
}

/* UTF-8 input: repair, NULs to spaces. */
static int
put_utf8(struct buf *out, const char *s, size_t n)
{
	size_t i, start = 0;
	int rc = 0;

	for (i = 0; i <= n && rc == 0; i++) {
		if (i < n && s[i] != '\0')
			continue;
		rc = utf8_repair(out, s + start, i - start);
		if (rc == 0 && i < n)
			rc = buf_putc(out, ' ');
		start = i + 1;
	}
	return rc;
}

static int
put_iconv(struct buf *out, const char *s, size_t n, const char *from)
{
	struct buf raw = BUF_INIT;
	iconv_t cd;
	char *in = (char *)s, *o;
	size_t inleft = n, oleft, r;
	int rc = 0;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return ERR_UNSUPPORTED;
	buf_init(&raw, n * 4 + 64);
	if (buf_grow(&raw, n * 4 + 16) != 0) {
		iconv_close(cd);
		return ERR_NOMEM;
	}
	while (inleft > 0) {
		o = raw.p + raw.len;
		oleft = raw.cap - raw.len - 1;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		raw.len = (size_t)(o - raw.p);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			if (buf_grow(&raw, 4096) != 0) {
				rc = ERR_TOOBIG;
				break;
			}
			continue;
		}
		/* EILSEQ or EINVAL: one bad byte becomes U+FFFD. */
		if (buf_grow(&raw, 8) != 0 ||
		    buf_append(&raw, "\xEF\xBF\xBD", 3) != 0) {
			rc = ERR_NOMEM;
			break;
		}
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	if (rc == 0)
		rc = put_utf8(out, raw.p ? raw.p : "", raw.len);
	buf_release(&raw);
	return rc;
}

int
extract_decode(const char *s, size_t n, const char *http_charset,
    struct buf *out, char *enc, size_t encsz, struct err *e)
{
	char name[64] = "";
	size_t good, bad;
	int rc;

	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3, n -= 3;
		snprintf(name, sizeof(name), "utf-8");
	} else if (n >= 2 && !memcmp(s, "\xFF\xFE", 2)) {
		s += 2, n -= 2;
		snprintf(name, sizeof(name), "utf-16le");
	} else if (n >= 2 && !memcmp(s, "\xFE\xFF", 2)) {
		s += 2, n -= 2;
		snprintf(name, sizeof(name), "utf-16be");
	}
	if (name[0] == '\0' && http_charset != NULL && *http_charset)
		charset_name(http_charset, strlen(http_charset), name,
		    sizeof(name));
	if (name[0] == '\0')
		meta_charset(s, n, name, sizeof(name));
	if (name[0] != '\0' && strcmp(name, "utf-8") != 0 &&
	    strncmp(name, "utf-16", 6) != 0) {
		iconv_t cd = iconv_open("UTF-8", name);
		if (cd == (iconv_t)-1)
			name[0] = '\0'; /* unknown label: as if undeclared */
		else
			iconv_close(cd);
	}
	if (name[0] == '\0' || !strcmp(name, "utf-8") ||
	    single_byte_latin(name)) {
		utf8_census(s, n, &good, &bad);
		if (name[0] == '\0')
			snprintf(name, sizeof(name), "%s", bad == 0 ?
			    "utf-8" : "windows-1252");
		else if (!strcmp(name, "utf-8") && bad > good)
			snprintf(name, sizeof(name), "windows-1252");
		else if (strcmp(name, "utf-8") != 0 && bad == 0 && good > 0)
			snprintf(name, sizeof(name), "utf-8");
	}
	snprintf(enc, encsz, "%s", name);
	if (!strcmp(name, "utf-8"))
		rc = put_utf8(out, s, n);
	else
		rc = put_iconv(out, s, n, name);
	if (rc == ERR_UNSUPPORTED)
		return err_set(e, rc, "unsupported charset %s", name);
	if (rc != 0)
		return err_set(e, rc, "decoding the page: %s", err_name(rc));
	return 0;
}
