/*
 * url.c: URL splitting, reference resolution and canonical forms.
 *
 * Splitting follows the generic syntax of RFC 3986 (appendix B) and is
 * deliberately lenient: a feed's links are whatever its author typed, so we
 * accept anything that can be cut into parts and leave judging the parts to
 * the callers (url_is_fetchable, url_is_safe_link). Resolution is RFC 3986
 * section 5.2, with two browser habits adopted because the links we resolve
 * end up in browsers: leading and trailing C0 controls and spaces are
 * trimmed and tab/CR/LF removed anywhere, and for the "special" schemes
 * (http, https, ftp, file, ws, wss) a backslash counts as a slash.
 *
 * url_canonical is used as an identity for deduplication, so it must be
 * deterministic and idempotent: canonical(canonical(x)) == canonical(x).
 * Percent-encodings are normalised before dot segments are removed for
 * that reason ("%2E%2E" would otherwise only vanish on the second pass).
 *
 * Nothing here allocates except through the caller's struct buf and one
 * scratch copy of the cleaned input.
 */
#include "base/common.h"

#include "base/buf.h"
#include "base/err.h"
#include "base/scan.h"
#include "base/str.h"
#include "base/url.h"

/* Longest URL we work on; longer ones are rejected rather than cut. Real
 * links stay far below this, and every pass here is linear in it. */
#define URL_MAX_LEN ((size_t)64 << 10)

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_unreserved(int c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.' ||
	    c == '_' || c == '~';
}

static bool
scheme_is(struct str scheme, const char *name)
{
	return scheme.p != NULL && str_ieq(scheme, str_from(name));
}

/* Schemes whose URLs browsers parse with the WHATWG "special" rules. */
static bool
scheme_special(struct str scheme)
{
	static const char *const names[] = {
		"http", "https", "ftp", "file", "ws", "wss",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if (scheme_is(scheme, names[i]))
			return true;
	return false;
}

int
url_split(struct str s, struct url_parts *out)
{
	size_t i = 0, end, auth_end, at, colon;
	const char *p = s.p;

	memset(out, 0, sizeof(*out));
	if (p == NULL && s.n != 0)
		return ERR_INVAL;
	if (s.n > URL_MAX_LEN)
		return ERR_INVAL;

	/* A scheme is ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") before the
	 * first ':'; anything else means a relative reference. */
	if (s.n && is_alpha((unsigned char)p[0])) {
		for (i = 1; i < s.n; i++) {
			int c = (unsigned char)p[i];
			if (!(is_alpha(c) || is_digit(c) || c == '+' ||
			    c == '-' || c == '.'))
				break;
		}
		if (i < s.n && p[i] == ':') {
			out->scheme = (struct str){ p, i };
			i++;
		} else {
			i = 0;
		}
	}

	if (s.n - i >= 2 && p[i] == '/' && p[i + 1] == '/') {
		out->has_authority = true;
		i += 2;
		auth_end = i;
		while (auth_end < s.n && p[auth_end] != '/' &&
		    p[auth_end] != '?' && p[auth_end] != '#')
			auth_end++;
		/* userinfo ends at the last '@' of the authority. */
		at = auth_end;
		for (end = i; end < auth_end; end++)
			if (p[end] == '@')
				at = end;
		if (at < auth_end) {
			out->userinfo = (struct str){ p + i, at - i };
			i = at + 1;
		}
		if (i < auth_end && p[i] == '[') {
			for (end = i + 1; end < auth_end && p[end] != ']';
			    end++)
				;
			if (end == auth_end)
				return ERR_INVAL;
			out->host = (struct str){ p + i + 1, end - i - 1 };
			i = end + 1;
			if (i < auth_end && p[i] != ':')
				return ERR_INVAL;
			colon = i;
		} else {
			for (colon = i; colon < auth_end && p[colon] != ':';
			    colon++)
				;
			out->host = (struct str){ p + i, colon - i };
		}
		if (colon < auth_end) {
			out->port = (struct str){ p + colon + 1,
			    auth_end - colon - 1 };
			for (end = 0; end < out->port.n; end++)
				if (!is_digit((unsigned char)out->port.p[end]))
					return ERR_INVAL;
		}
		i = auth_end;
	}

	end = i;
	while (end < s.n && p[end] != '?' && p[end] != '#')
		end++;
	out->path = (struct str){ p ? p + i : "", end - i };
	i = end;
	if (i < s.n && p[i] == '?') {
		i++;
		for (end = i; end < s.n && p[end] != '#'; end++)
			;
		out->query = (struct str){ p + i, end - i };
		i = end;
	}
	if (i < s.n && p[i] == '#')
		out->fragment = (struct str){ p + i + 1, s.n - i - 1 };
	return 0;
}

/* Copy s into out the way a browser reads an attribute value: without
 * leading/trailing C0 controls and spaces and without any tab, CR or LF. */
static int
clean_input(const char *s, struct buf *out)
{
	size_t n = strlen(s), i;
	int rc;

	if (n > URL_MAX_LEN)
		return ERR_INVAL;
	while (n && (unsigned char)s[0] <= 0x20) {
		s++;
		n--;
	}
	while (n && (unsigned char)s[n - 1] <= 0x20)
		n--;
	if ((rc = buf_grow(out, n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			out->p[out->len++] = s[i];
	out->p[out->len] = '\0';
	return 0;
}

/* Browsers treat '\' as '/' before the query in special URLs; doing the
 * same keeps our idea of the host identical to theirs. */
static void
fix_backslashes(char *s, size_t n, bool special_base)
{
	struct url_parts parts;
	size_t i;

	if (url_split((struct str){ s, n }, &parts) != 0)
		return;
	if (parts.scheme.p ? !scheme_special(parts.scheme) : !special_base)
		return;
	for (i = 0; i < n && s[i] != '?' && s[i] != '#'; i++)
		if (s[i] == '\\')
			s[i] = '/';
}

/* RFC 3986 section 5.2.4, appending the result to out. Works on segments
 * rather than by string surgery, so it is linear in the input. */
static int
remove_dot_segments(struct str in, struct buf *out)
{
	size_t start = out->len, i = 0, seg, segn;
	const char *p = in.p;
	int rc;

	while (i < in.n) {
		/* A: strip "../" and "./" prefixes. */
		if (in.n - i >= 3 && memcmp(p + i, "../", 3) == 0) {
			i += 3;
			continue;
		}
		if (in.n - i >= 2 && memcmp(p + i, "./", 2) == 0) {
			i += 2;
			continue;
		}
		/* B: "/./" or a final "/." becomes "/". */
		if (in.n - i >= 3 && memcmp(p + i, "/./", 3) == 0) {
			i += 2;
			continue;
		}
		if (in.n - i == 2 && memcmp(p + i, "/.", 2) == 0) {
			if ((rc = buf_putc(out, '/')) != 0)
				return rc;
			break;
		}
		/* C: "/../" or a final "/.." pops the last output segment. */
		if ((in.n - i >= 4 && memcmp(p + i, "/../", 4) == 0) ||
		    (in.n - i == 3 && memcmp(p + i, "/..", 3) == 0)) {
			size_t k = out->len;
			while (k > start && out->p[k - 1] != '/')
				k--;
			if (k > start)
				k--;
			buf_truncate(out, k);
			if (in.n - i == 3) {
				if ((rc = buf_putc(out, '/')) != 0)
					return rc;
				break;
			}
			i += 3;
			continue;
		}
		/* D: a lone "." or "..". */
		if ((in.n - i == 1 && p[i] == '.') ||
		    (in.n - i == 2 && p[i] == '.' && p[i + 1] == '.'))
			break;
		/* E: move the first segment (with its leading '/'). */
		seg = i;
		segn = p[i] == '/' ? 1 : 0;
		while (seg + segn < in.n && p[seg + segn] != '/')
			segn++;
		if ((rc = buf_append(out, p + seg, segn)) != 0)
			return rc;
		i += segn;
	}
	if (out->p)
		out->p[out->len] = '\0';
	return 0;
}

static int
put_str(struct buf *out, struct str s)
{
	return s.n ? buf_append(out, s.p, s.n) : 0;
}

/* Authority as it was written (host in brackets again when it has ':'). */
static int
put_authority(struct buf *out, const struct url_parts *u)
{
	int rc = 0;
	bool v6 = memchr(u->host.p ? u->host.p : "", ':', u->host.n) != NULL;

	rc |= buf_puts(out, "//");
	if (u->userinfo.p) {
		rc |= put_str(out, u->userinfo);
		rc |= buf_putc(out, '@');
	}
	if (v6)
		rc |= buf_putc(out, '[');
	rc |= put_str(out, u->host);
	if (v6)
		rc |= buf_putc(out, ']');
	if (u->port.p) {
		rc |= buf_putc(out, ':');
		rc |= put_str(out, u->port);
	}
	return rc ? ERR_TOOBIG : 0;
}

/* RFC 3986 section 5.2.2 and 5.3: build the target of ref against base
 * (base may have no scheme only when ref has one). */
static int
resolve_parts(const struct url_parts *b, const struct url_parts *r,
    struct buf *out)
{
	const struct url_parts *auth, *qsrc;
	struct buf merged = BUF_INIT;
	struct str scheme, path;
	size_t i, last;
	int rc = 0;

	scheme = r->scheme.p ? r->scheme : b->scheme;
	if (r->scheme.p || r->has_authority)
		auth = r;
	else
		auth = b;
	qsrc = r;
	if (!r->scheme.p && !r->has_authority && r->path.n == 0 &&
	    r->query.p == NULL)
		qsrc = b;

	for (i = 0; i < scheme.n; i++)
		rc |= buf_putc(out, lower((unsigned char)scheme.p[i]));
	rc |= buf_putc(out, ':');
	if (auth->has_authority)
		rc |= put_authority(out, auth);
	if (rc)
		return ERR_TOOBIG;

	if (auth == r) {
		path = r->path;
	} else if (r->path.n == 0) {
		path = b->path;
	} else if (r->path.p[0] == '/') {
		path = r->path;
	} else {
		/* Merge (5.2.3): base path up to its last '/', then ref. */
		if (b->has_authority && b->path.n == 0) {
			rc = buf_putc(&merged, '/');
		} else {
			last = b->path.n;
			while (last > 0 && b->path.p[last - 1] != '/')
				last--;
			rc = buf_append(&merged, b->path.p ? b->path.p : "",
			    last);
		}
		if (rc == 0)
			rc = put_str(&merged, r->path);
		if (rc) {
			buf_release(&merged);
			return rc;
		}
		path = (struct str){ buf_cstr(&merged), merged.len };
	}
	/* Dot segments are removed from every path, also the base's own, so
	 * "http://h/a/../b" + "" is "http://h/b" like in browsers. */
	rc = remove_dot_segments(path, out);
	buf_release(&merged);
	if (rc)
		return rc;
	if (qsrc->query.p) {
		rc |= buf_putc(out, '?');
		rc |= put_str(out, qsrc->query);
	}
	if (r->fragment.p) {
		rc |= buf_putc(out, '#');
		rc |= put_str(out, r->fragment);
	}
	return rc ? ERR_TOOBIG : 0;
}

/* *out: s as a browser reads it (clean_input, then fix_backslashes).
 * Most URLs have nothing to remove or turn: they are read in place, and
 * only the others are copied into copy (every link of every item comes
 * through here, twice with its base). */
static int
url_input(const char *s, bool special_base, struct buf *copy,
    struct str *out)
{
	size_t n = strlen(s), i;
	int rc;

	if (n > URL_MAX_LEN)
		return ERR_INVAL;
	while (n && (unsigned char)s[0] <= 0x20) {
		s++;
		n--;
	}
	while (n && (unsigned char)s[n - 1] <= 0x20)
		n--;
	for (i = 0; i < n; i++) {
		/* Links are looked at sixteen bytes a step. */
		i = (size_t)(scan_ctl_or(s + i, s + n, '\\', '\0', '\0',
		    '\0') - s);
		if (i >= n || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == '\\')
			break;
	}
	if (i >= n) {
		*out = (struct str){ s, n };
		return 0;
	}
	if ((rc = clean_input(s, copy)) != 0)
		return rc;
	fix_backslashes(copy->p, copy->len, special_base);
	*out = (struct str){ buf_cstr(copy), copy->len };
	return 0;
}

/* The last base url_resolve parsed, per thread: every link of a body
 * resolves against the same one, which was parsed again for each. Only
 * a base short enough and needing no cleaning is kept (its parts then
 * point into text, which the cache owns). */
#define BASE_CACHE_BYTES 512
struct base_cache {
	char text[BASE_CACHE_BYTES];
	struct url_parts parts;
	bool valid;
};
static _Thread_local struct base_cache base_cache;

/* Parse base into *b, from the cache when it is the last one. */
static int
base_parts(const char *base, struct buf *bclean, struct url_parts *b)
{
	struct base_cache *c = &base_cache;
	size_t n = strlen(base);
	struct str bs;
	int rc;

	if (c->valid && strcmp(c->text, base) == 0) {
		*b = c->parts;
		return 0;
	}
	if (n >= sizeof(c->text)) {
		if ((rc = url_input(base, false, bclean, &bs)) != 0)
			return rc;
		return url_split(bs, b);
	}
	c->valid = false;
	memcpy(c->text, base, n + 1);
	if ((rc = url_input(c->text, false, bclean, &bs)) != 0 ||
	    (rc = url_split(bs, b)) != 0)
		return rc;
	c->parts = *b;
	/* Cleaned into bclean (a tab or a backslash): not kept. */
	c->valid = bs.p >= c->text && bs.p < c->text + sizeof(c->text);
	return 0;
}

int
url_resolve(const char *base, const char *ref, struct buf *out)
{
	struct buf bclean = BUF_INIT, rclean = BUF_INIT;
	struct url_parts b, r;
	struct str rs;
	size_t mark = out->len;
	int rc;

	memset(&b, 0, sizeof(b));
	if (ref == NULL)
		return ERR_INVAL;
	if (strlen(ref) > URL_MAX_LEN) {
		rc = ERR_INVAL;
		goto out;
	}
	if (base && *base) {
		if ((rc = base_parts(base, &bclean, &b)) != 0)
			goto out;
		if (b.scheme.p == NULL) {
			rc = ERR_INVAL;
			goto out;
		}
	}
	if ((rc = url_input(ref, scheme_special(b.scheme), &rclean, &rs))
	    != 0 || (rc = url_split(rs, &r)) != 0)
		goto out;
	if (r.scheme.p == NULL && b.scheme.p == NULL) {
		rc = ERR_INVAL;
		goto out;
	}
	rc = resolve_parts(&b, &r, out);
out:
	if (rc)
		buf_truncate(out, mark);
	buf_release(&bclean);
	buf_release(&rclean);
	return rc;
}

/*
 * Tracking parameters dropped from canonical URLs. Sources: Google
 * Analytics campaign parameters (utm_*, _ga, _gl), the click identifiers
 * added by ad networks (Google gclid/gclsrc/dclid/gbraid/wbraid, Microsoft
 * msclkid, Facebook fbclid, Yandex yclid, Twitter twclid, TikTok ttclid,
 * LinkedIn li_fat_id, Instagram igshid), e-mail campaign tools (Mailchimp
 * mc_cid/mc_eid, HubSpot _hsenc/_hsmi/__hssc/__hstc/__hsfp/hsCtaTracking,
 * Marketo mkt_tok, Vero vero_id/vero_conv, Olytics oly_anon_id/oly_enc_id,
 * Wicked Reports wickedid) and Twitter's ref_src/ref_url. Matched
 * case-insensitively on the raw name; utm_ is a prefix.
 */
static const char *const url_tracking_params[] = {
	"fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid",
	"mc_cid", "mc_eid", "yclid", "igshid", "_hsenc", "_hsmi", "__hssc",
	"__hstc", "__hsfp", "hsctatracking", "ref_src", "ref_url", "twclid",
	"ttclid", "li_fat_id", "mkt_tok", "_ga", "_gl", "vero_id",
	"vero_conv", "oly_anon_id", "oly_enc_id", "wickedid",
};

static bool
is_tracking_param(struct str name)
{
	size_t i;

	if (str_istarts(name, STR_LIT("utm_")))
		return true;
	for (i = 0; i < ARRAY_LEN(url_tracking_params); i++)
		if (str_ieq(name, str_from(url_tracking_params[i])))
			return true;
	return false;
}

/* Append s with percent-encoding normalised: escapes of unreserved
 * characters decoded, other escapes upper-cased, a stray '%' encoded as
 * "%25", and bytes that may not appear in a URL (controls, space, non-ASCII
 * and the delimiters RFC 3986 excludes) encoded. Every output is a fixed
 * point of the same function. */
static int
put_normalized(struct buf *out, struct str s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	int rc = 0;

	for (i = 0; i < s.n && rc == 0; i++) {
		int c = (unsigned char)s.p[i];
		if (c == '%') {
			if (i + 2 < s.n &&
			    str_hexval((unsigned char)s.p[i + 1]) >= 0 &&
			    str_hexval((unsigned char)s.p[i + 2]) >= 0) {
				int v = str_hexval((unsigned char)s.p[i + 1]) * 16 +
				    str_hexval((unsigned char)s.p[i + 2]);
				if (is_unreserved(v)) {
					rc = buf_putc(out, v);
				} else {
					char e[3] = { '%', hex[v >> 4],
						hex[v & 15] };
					rc = buf_append(out, e, 3);
				}
				i += 2;
			} else {
				rc = buf_puts(out, "%25");
			}
		} else if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' ||
		    c == '>' || c == '\\' || c == '^' || c == '`' ||
		    c == '{' || c == '|' || c == '}') {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			rc = buf_append(out, e, 3);
		} else {
			rc = buf_putc(out, c);
		}
	}
	return rc;
}

/* Normalise each parameter first and judge its name afterwards, so that
 * "utm%5Fsource" goes on the first pass and not only on the second. */
static int
canonical_query(struct buf *out, struct str q)
{
	size_t i = 0, end, eq, mark = out->len, start;
	bool first = true;
	int rc;

	rc = buf_putc(out, '?');
	while (rc == 0 && i <= q.n) {
		for (end = i; end < q.n && q.p[end] != '&'; end++)
			;
		if (end > i) {
			start = out->len;
			if (!first)
				rc = buf_putc(out, '&');
			if (rc == 0)
				rc = put_normalized(out, (struct str){ q.p + i,
				    end - i });
			if (rc)
				break;
			if (!first)
				start++;
			for (eq = start; eq < out->len && out->p[eq] != '=';
			    eq++)
				;
			if (is_tracking_param((struct str){ out->p + start,
			    eq - start }))
				buf_truncate(out, first ? start :
				    start - 1);
			else
				first = false;
		}
		i = end + 1;
	}
	if (rc == 0 && first)
		buf_truncate(out, mark);
	return rc;
}

int
url_canonical(const char *url, struct buf *out)
{
	struct buf clean = BUF_INIT, path = BUF_INIT;
	struct url_parts u;
	size_t mark = out->len, i, hn;
	int rc;
	bool https;

	if (url == NULL)
		return ERR_INVAL;
	if ((rc = clean_input(url, &clean)) != 0)
		goto out;
	if ((rc = url_split((struct str){ buf_cstr(&clean), clean.len },
	    &u)) != 0)
		goto out;
	if (u.scheme.p == NULL) {
		rc = ERR_INVAL;
		goto out;
	}
	https = scheme_is(u.scheme, "https");
	if (!https && !scheme_is(u.scheme, "http")) {
		rc = buf_append(out, clean.p, clean.len);
		goto out;
	}
	fix_backslashes(clean.p, clean.len, true);
	if ((rc = url_split((struct str){ clean.p, clean.len }, &u)) != 0)
		goto out;
	hn = u.host.n;
	/* "example.com." names the same host as "example.com". */
	if (hn > 1 && u.host.p[hn - 1] == '.')
		hn--;
	if (!u.has_authority || hn == 0) {
		rc = ERR_INVAL;
		goto out;
	}

	rc = buf_puts(out, https ? "https://" : "http://");
	if (rc == 0 && u.userinfo.p) {
		rc = put_normalized(out, u.userinfo);
		if (rc == 0)
			rc = buf_putc(out, '@');
	}
	if (rc == 0 && memchr(u.host.p, ':', hn))
		rc = buf_putc(out, '[');
	for (i = 0; i < hn && rc == 0; i++)
		rc = buf_putc(out, lower((unsigned char)u.host.p[i]));
	if (rc == 0 && memchr(u.host.p, ':', hn))
		rc = buf_putc(out, ']');
	if (rc == 0 && u.port.n) {
		int64_t port;
		if (str_to_i64(u.port, 0, 65535, &port) != 0) {
			rc = ERR_INVAL;
			goto out;
		}
		if (port != (https ? 443 : 80))
			rc = buf_printf(out, ":%d", (int)port);
	}
	if (rc)
		goto out;

	/* Normalise escapes first, then remove dot segments (see top). */
	if ((rc = put_normalized(&path, u.path)) != 0)
		goto out;
	if (path.len == 0) {
		rc = buf_putc(out, '/');
	} else {
		size_t before = out->len;
		rc = remove_dot_segments((struct str){ path.p, path.len }, out);
		if (rc == 0 && out->len == before)
			rc = buf_putc(out, '/');
	}
	if (rc == 0 && u.query.p)
		rc = canonical_query(out, u.query);
out:
	if (rc)
		buf_truncate(out, mark);
	buf_release(&clean);
	buf_release(&path);
	return rc;
}

bool
url_is_fetchable(const char *url, bool allow_file)
{
	struct buf clean = BUF_INIT;
	struct url_parts u;
	bool ok = false;

	if (url == NULL || clean_input(url, &clean) != 0)
		goto out;
	if (url_split((struct str){ buf_cstr(&clean), clean.len }, &u) != 0)
		goto out;
	if (scheme_is(u.scheme, "http") || scheme_is(u.scheme, "https"))
		ok = u.has_authority && u.host.n > 0;
	else if (allow_file && scheme_is(u.scheme, "file"))
		ok = u.path.n > 0;
out:
	buf_release(&clean);
	return ok;
}

/* The scheme as a browser would read it: leading controls and spaces
 * skipped, tab/CR/LF ignored. Copies at most cap-1 lower-cased bytes into
 * s and returns the index just past the ':' in url, or 0 when there is no
 * scheme (a relative reference) or it is too long for cap. */
static size_t
browser_scheme(const char *url, char *s, size_t cap)
{
	size_t i = 0, n = 0;

	while (url[i] && (unsigned char)url[i] <= 0x20)
		i++;
	for (; url[i]; i++) {
		int c = (unsigned char)url[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		if (!(is_alpha(c) || (n > 0 && (is_digit(c) || c == '+' ||
		    c == '-' || c == '.'))))
			return 0;
		if (n + 1 >= cap)
			return 0;
		s[n++] = (char)lower(c);
	}
	if (url[i] != ':' || n == 0)
		return 0;
	s[n] = '\0';
	return i + 1;
}

/* data:[<mediatype>][;base64],<data> with an image/ type other than SVG
 * (SVG can carry script). */
static bool
data_is_image(const char *rest)
{
	char type[64];
	size_t n = 0;

	for (; *rest && *rest != ';' && *rest != ','; rest++) {
		int c = (unsigned char)*rest;
		if (c <= 0x20)
			continue;
		if (n + 1 >= sizeof(type))
			return false;
		type[n++] = (char)lower(c);
	}
	type[n] = '\0';
	if (*rest == '\0')
		return false;
	if (strncmp(type, "image/", 6) != 0 || n == 6)
		return false;
	return strstr(type, "svg") == NULL;
}

bool
url_is_safe_link(const char *url, bool allow_data_image)
{
	static const char *const safe[] = { "http", "https", "mailto", "ftp" };
	char scheme[32];
	size_t i, after;

	if (url == NULL)
		return false;
	after = browser_scheme(url, scheme, sizeof(scheme));
	if (after == 0) {
		/* No scheme that a browser would see: a relative reference,
		 * unless something scheme-like was hidden by odd bytes. A
		 * ':' before any '/', '?' or '#' is refused outright. */
		for (i = 0; url[i] && url[i] != '/' && url[i] != '?' &&
		    url[i] != '#'; i++)
			if (url[i] == ':')
				return false;
		return true;
	}
	for (i = 0; i < ARRAY_LEN(safe); i++)
		if (strcmp(scheme, safe[i]) == 0)
			return true;
	if (allow_data_image && strcmp(scheme, "data") == 0)
		return data_is_image(url + after);
	return false;
}

int
url_host(const char *url, struct buf *out)
{
	struct buf clean = BUF_INIT;
	struct url_parts u;
	size_t i, mark = out->len;
	int rc;

	if (url == NULL)
		return ERR_INVAL;
	if ((rc = clean_input(url, &clean)) != 0)
		goto out;
	if ((rc = url_split((struct str){ buf_cstr(&clean), clean.len },
	    &u)) != 0)
		goto out;
	if (u.scheme.p == NULL || !u.has_authority || u.host.n == 0) {
		rc = ERR_INVAL;
		goto out;
	}
	for (i = 0; i < u.host.n && rc == 0; i++)
		rc = buf_putc(out, lower((unsigned char)u.host.p[i]));
out:
	if (rc)
		buf_truncate(out, mark);
	buf_release(&clean);
	return rc;
}
