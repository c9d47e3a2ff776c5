/*
 * feed/xmlfix.c: repair the mistakes feeds make before libxml2 sees them.
 *
 * libxml2, even in recovery mode, drops the text around an undefined
 * entity or a bare '&' ("AT&T" loses "&T") and, once the document is
 * ill-formed, stops expanding even &amp;. Feeds are full of both: RSS
 * writers paste HTML with &eacute; and &nbsp; into XML that never declares
 * them. So this stage rewrites the UTF-8 text on its way to libxml2:
 *
 *   &name;     an HTML entity becomes a numeric reference; any other
 *              undefined name stays as literal text (&#38;name;); the
 *              five XML ones become numeric references too
 *   & alone    becomes &#38;
 *   &#150;     references to 0x80-0x9F become the windows-1252 character
 *              they were meant as; references to characters XML forbids
 *              become U+FFFD
 *   controls   C0 control bytes (other than tab, CR, LF) are dropped
 *
 * CDATA sections, comments and processing instructions pass untouched.
 * Entities declared in a DTD are never expanded (they read as literal
 * text), which is also what keeps "billion laughs" and external entities
 * out. Every rewrite is counted and the first one described, so that the
 * parser reports the feed as bozo. The stage streams: at most a few dozen
 * bytes are held back between chunks.
 */
#include "base/common.h"

#include <stdio.h>

#include <libxml/HTMLparser.h>

#include "base/scan.h"
#include "base/utf8.h"
#include "feed/feed_int.h"
#include "html/html.h"

/* Longest entity name looked for; HTML's longest is 32 characters. */
#define XMLFIX_MAX_NAME 40

void
xmlfix_init(struct xmlfix *x)
{
	memset(x, 0, sizeof(*x));
	x->line = 1;
}

static void PRINTF_LIKE(2, 3)
problem(struct xmlfix *x, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (x->problems++ > 0)
		return;
	n = snprintf(x->first_problem, sizeof(x->first_problem), "line %ld: ",
	    x->line);
	if (n < 0 || (size_t)n >= sizeof(x->first_problem))
		return;
	va_start(ap, fmt);
	vsnprintf(x->first_problem + n, sizeof(x->first_problem) - (size_t)n,
	    fmt, ap);
	va_end(ap);
}

static bool
name_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	    c == ':' || c >= 0x80;
}

static bool
name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '.';
}

static bool
xml_char_ok(uint32_t cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD ||
	    (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
	    (cp >= 0x10000 && cp <= 0x10FFFF);
}

static int
put_ref(struct buf *out, uint32_t cp)
{
	return buf_printf(out, "&#%lu;", (unsigned long)cp);
}

/* A numeric reference s[0..n) ("&#...;"), rewritten when needed. */
static int
fix_numeric(struct xmlfix *x, const char *s, size_t n, struct buf *out)
{
	uint32_t cp = 0, m;
	bool hex = s[2] == 'x' || s[2] == 'X';
	size_t i = hex ? 3 : 2;

	if (i >= n - 1)
		goto bad;
	for (; i < n - 1; i++) {
		int c = (unsigned char)s[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (hex && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (hex && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			goto bad;
		cp = cp * (hex ? 16 : 10) + (uint32_t)d;
		if (cp > 0x10FFFF)
			cp = 0x110000; /* stays out of range */
	}
	if (cp >= 0x80 && cp <= 0x9F && (m = charset_cp1252((unsigned
	    char)cp)) != 0) {
		problem(x, "character reference &#%lu; is a windows-1252 "
		    "code, read as U+%04lX", (unsigned long)cp,
		    (unsigned long)m);
		return put_ref(out, m);
	}
	if (!xml_char_ok(cp)) {
		problem(x, "character reference %.*s is not allowed in XML",
		    (int)n, s);
		return put_ref(out, 0xFFFD);
	}
	return buf_append(out, s, n);
bad:
	problem(x, "malformed character reference");
	if (buf_puts(out, "&#38;") != 0)
		return ERR_NOMEM;
	return buf_append(out, s + 1, n - 1);
}

/* Look up an HTML entity name; writes its code points as references. */
static bool
html_entity(const char *name, size_t n, struct buf *out)
{
	const htmlEntityDesc *d;
	char tmp[XMLFIX_MAX_NAME + 3];
	struct buf dec = BUF_INIT;
	size_t i, len;
	uint32_t cp;
	bool ok = false;

	snprintf(tmp, sizeof(tmp), "%.*s", (int)n, name);
	if ((d = htmlEntityLookup((const xmlChar *)tmp)) != NULL)
		return put_ref(out, d->value) == 0;
	/* HTML5 names beyond HTML 4's list. */
	snprintf(tmp, sizeof(tmp), "&%.*s;", (int)n, name);
	if (html_decode_entities(tmp, strlen(tmp), &dec) == 0 &&
	    dec.len > 0 && dec.p[0] != '&') {
		ok = true;
		for (i = 0; i < dec.len; i += len) {
			len = utf8_decode(dec.p + i, dec.len - i, &cp);
			if (len == 0 || put_ref(out, cp) != 0) {
				ok = false;
				break;
			}
		}
	}
	buf_release(&dec);
	return ok;
}

/* An '&' at s[0] with n bytes available. Returns the bytes consumed, 0
 * when more input is needed, or a negative error. */
static long
fix_amp(struct xmlfix *x, const char *s, size_t n, bool final,
    struct buf *out)
{
	size_t i = 1;
	int rc;

	if (n >= 2 && s[1] == '#') {
		for (i = 2; i < n && i < XMLFIX_MAX_NAME; i++) {
			if (s[i] == ';') {
				rc = fix_numeric(x, s, i + 1, out);
				return rc != 0 ? rc : (long)i + 1;
			}
			if (!name_char((unsigned char)s[i]))
				break;
		}
	} else if (n >= 2 && name_start((unsigned char)s[1])) {
		for (i = 1; i < n && i < XMLFIX_MAX_NAME; i++) {
			if (s[i] == ';')
				break;
			if (!name_char((unsigned char)s[i]))
				break;
		}
		if (i < n && s[i] == ';') {
			const char *name = s + 1;
			size_t len = i - 1;

			/* Even the predefined five become numeric
			 * references: after its first error libxml2
			 * drops entity references, but never numeric
			 * ones. */
			if (len == 3 && memcmp(name, "amp", 3) == 0)
				rc = buf_puts(out, "&#38;");
			else if (len == 2 && memcmp(name, "lt", 2) == 0)
				rc = buf_puts(out, "&#60;");
			else if (len == 2 && memcmp(name, "gt", 2) == 0)
				rc = buf_puts(out, "&#62;");
			else if (len == 4 && memcmp(name, "quot", 4) == 0)
				rc = buf_puts(out, "&#34;");
			else if (len == 4 && memcmp(name, "apos", 4) == 0)
				rc = buf_puts(out, "&#39;");
			else if (html_entity(name, len, out)) {
				problem(x, "undefined entity &%.*s; (read "
				    "as HTML)", (int)len, name);
				rc = 0;
			} else {
				problem(x, "undefined entity &%.*s;",
				    (int)len, name);
				rc = buf_puts(out, "&#38;");
				if (rc == 0)
					rc = buf_append(out, s + 1, i);
			}
			return rc != 0 ? rc : (long)i + 1;
		}
	} else {
		i = 1;
	}
	if (i >= n && !final && n < XMLFIX_MAX_NAME)
		return 0; /* the name may go on in the next chunk */
	problem(x, "unescaped &");
	rc = buf_puts(out, "&#38;");
	return rc != 0 ? rc : 1;
}

/* Bytes that need a look in text: markup starts, line ends, and the
 * control characters XML forbids. */
static const unsigned char text_special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
	[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x0A] = 1,
	[0x0B] = 1, [0x0C] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1,
	[0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
	[0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1,
	[0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
	['<'] = 1, ['&'] = 1,
};

/* The text of one chunk (held-back bytes first). */
static int
fix_run(struct xmlfix *x, const char *s, size_t n, bool final,
    struct buf *out, size_t *used)
{
	size_t i = 0, run = 0;
	int rc;
	long k;

	for (i = 0; i < n;) {
		unsigned char c;

		/* Most bytes need nothing: skip them in a tight loop. */
		if (x->state == XF_TEXT) {
			/* Sixteen bytes a step; a tab or a carriage return
			 * stops that look but not this loop. */
			for (;;) {
				i = (size_t)(scan_ctl_or(s + i, s + n, '<', '&',
				    '\0', '\0') - s);
				if (i >= n || text_special[(unsigned char)s[i]])
					break;
				i++;
			}
		} else if (x->match == 0) {
			unsigned char e0 = x->state == XF_CDATA ? ']' :
			    x->state == XF_COMMENT ? '-' : '?';

			for (;;) {
				i = (size_t)(scan_ctl_or(s + i, s + n,
				    (char)e0, '\0', '\0', '\0') - s);
				if (i >= n || (unsigned char)s[i] < 0x20 ||
				    (unsigned char)s[i] == e0)
					break;
				i++;
			}
		}
		if (i >= n)
			break;
		c = (unsigned char)s[i];
		if (x->state != XF_TEXT) {
			const char *end = x->state == XF_CDATA ? "]]>" :
			    x->state == XF_COMMENT ? "-->" : "?>";
			int elen = x->state == XF_PI ? 2 : 3;

			if (c == '\n')
				x->line++;
			if (c == (unsigned char)end[x->match]) {
				if (++x->match == elen) {
					x->state = XF_TEXT;
					x->match = 0;
				}
			} else if (!(elen == 3 && x->match == 2 &&
			    c == (unsigned char)end[0])) {
				/* ("]]]>" and "--->" still end.) */
				x->match = c == (unsigned char)end[0];
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				goto control;
			i++;
			continue;
		}
		if (c >= 0x20 && c != '<' && c != '&') {
			i++;
			continue;
		}
		if (c == '\n') {
			x->line++;
			i++;
			continue;
		}
		if (c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c == '&') {
			/* The run so far goes out as it is; fix_amp writes
			 * the reference, rewritten or not. */
			if ((rc = buf_append(out, s + run, i - run)) != 0)
				return rc;
			run = i;
			k = fix_amp(x, s + i, n - i, final, out);
			if (k < 0)
				return (int)k;
			if (k == 0)
				break;
			i += (size_t)k;
			run = i;
			continue;
		}
		/* A tag: only "<!" and "<?" may open a section. */
		if (c == '<' && i + 1 < n && s[i + 1] != '!' &&
		    s[i + 1] != '?') {
			i++;
			continue;
		}
		if (c == '<') {
			static const char *const opens[] = { "<![CDATA[",
				"<!--", "<?" };
			size_t j, len, avail = n - i;
			bool need_more = false;

			for (j = 0; j < ARRAY_LEN(opens); j++) {
				len = strlen(opens[j]);
				if (avail >= len) {
					if (memcmp(s + i, opens[j], len) == 0)
						break;
				} else if (memcmp(s + i, opens[j],
				    avail) == 0) {
					need_more = true;
				}
			}
			if (j < ARRAY_LEN(opens)) {
				x->state = j == 0 ? XF_CDATA : j == 1 ?
				    XF_COMMENT : XF_PI;
				x->match = 0;
				i += strlen(opens[j]);
				continue;
			}
			if (need_more && !final)
				break;
			i++;
			continue;
		}
control:
		/* A control character XML forbids everywhere. */
		if ((rc = buf_append(out, s + run, i - run)) != 0)
			return rc;
		problem(x, "control character 0x%02X", c);
		i++;
		run = i;
	}
	if ((rc = buf_append(out, s + run, i - run)) != 0)
		return rc;
	*used = i;
	return 0;
}

int
xmlfix_run(struct xmlfix *x, const char *in, size_t n, bool final,
    struct buf *out)
{
	char *joined = NULL;
	size_t used = 0;
	int rc;

	if (x->npend > 0) {
		if ((joined = malloc(x->npend + n + 1)) == NULL)
			return ERR_NOMEM;
		memcpy(joined, x->pend, x->npend);
		if (n > 0)
			memcpy(joined + x->npend, in, n);
		n += x->npend;
		in = joined;
		x->npend = 0;
	}
	rc = fix_run(x, in, n, final, out, &used);
	if (rc == 0 && used < n) {
		if (n - used > sizeof(x->pend))
			rc = ERR_INVAL; /* cannot happen: look-ahead is short */
		else {
			memcpy(x->pend, in + used, n - used);
			x->npend = n - used;
		}
	}
	free(joined);
	return rc;
}
