/*
 * feed/parser.c: the public face of the feed parser (see feed.h).
 *
 * The first FEED_SNIFF_BYTES are held back to choose the encoding and the
 * format; from then on every chunk flows through in slices of
 * FEED_SLICE_BYTES: transcoded to UTF-8 (charset.c), then either repaired
 * and fed to libxml2's push parser (xmlfix.c, xml.c) or collected for the
 * JSON Feed reader (json.c), which needs the whole document and is capped
 * at FEED_MAX_JSON_BYTES. Memory use is therefore a few slices plus the
 * item being read, whatever the size of the feed.
 *
 * Errors are sticky: once a limit is hit, the sink refuses an item or the
 * input proves not to be a feed, every later call returns the same error.
 */
#include "base/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>

#include "base/utf8.h"
#include "feed/feed_int.h"
#include "html/html.h"

/* Raw bytes transcoded and parsed at a time. */
#define FEED_SLICE_BYTES ((size_t)64 << 10)

/* Messages quote the input (an encoding label, an element name) and may
 * be cut mid-character by their buffer: make them valid UTF-8, with '?'
 * for what is not. */
static void
clean_msg(char *m)
{
	size_t n = strlen(m), i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((k = utf8_decode(m + i, n - i, &cp)) == 0 || cp < 0x20) {
			m[i++] = '?';
			continue;
		}
		i += k;
	}
}

void
feed_bozo(struct feed_parser *p, const char *fmt, ...)
{
	va_list ap;

	if (p->bozo)
		return;
	p->bozo = true;
	va_start(ap, fmt);
	vsnprintf(p->bozo_msg, sizeof(p->bozo_msg), fmt, ap);
	va_end(ap);
	clean_msg(p->bozo_msg);
}

int
feed_fail(struct feed_parser *p, int code, const char *fmt, ...)
{
	va_list ap;

	if (p->rc != 0)
		return p->rc;
	p->rc = code;
	p->err.code = code;
	va_start(ap, fmt);
	vsnprintf(p->err.msg, sizeof(p->err.msg), fmt, ap);
	va_end(ap);
	clean_msg(p->err.msg);
	return code;
}

int
feed_emit(struct feed_parser *p, struct item *it)
{
	size_t max = p->opts.max_items ? p->opts.max_items :
	    FEED_DEFAULT_MAX_ITEMS;
	int rc;

	if (p->rc != 0) {
		item_free(it);
		return p->rc;
	}
	if (p->feed.n_items >= max) {
		item_free(it);
		return feed_fail(p, ERR_TOOBIG, "the feed has more than %zu "
		    "items", max);
	}
	it->url = feed_item_url(it->url);
	it->external_url = feed_item_url(it->external_url);
	p->feed.n_items++;
	if (p->sink.on_item == NULL) {
		item_free(it);
		return 0;
	}
	if ((rc = p->sink.on_item(p->sink.ctx, it)) != 0)
		feed_fail(p, rc, "the item sink stopped the parse");
	return p->rc;
}

struct feed_parser *
feed_parser_new(const struct feed_opts *opts, const struct feed_sink *sink)
{
	struct feed_parser *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	if (opts != NULL)
		p->opts = *opts;
	if (sink != NULL)
		p->sink = *sink;
	p->stage = STAGE_SNIFF;
	buf_init(&p->head, FEED_SNIFF_BYTES);
	buf_init(&p->json, FEED_MAX_JSON_BYTES);
	xmlfix_init(&p->fix);
	feed_init(&p->feed);
	return p;
}

void
feed_parser_free(struct feed_parser *p)
{
	if (p == NULL)
		return;
	if (p->cs_open)
		charset_close(&p->cs);
	xml_sax_free(p->xml);
	buf_release(&p->head);
	buf_release(&p->dec);
	buf_release(&p->fixed);
	buf_release(&p->json);
	feed_release(&p->feed);
	free(p);
}

static int
copy_err(struct feed_parser *p, struct err *e)
{
	if (e != NULL && p->rc != 0) {
		*e = p->err;
		e->code = p->rc;
	}
	return p->rc;
}

static void
not_feed(struct feed_parser *p, const char *msg)
{
	p->notfeed = true;
	snprintf(p->notfeed_msg, sizeof(p->notfeed_msg), "%s", msg);
	feed_fail(p, ERR_NOTFEED, "%s", msg);
}

/* UTF-8 text on its way to the format reader. */
static int
feed_text(struct feed_parser *p, const char *s, size_t n, bool final)
{
	long before;
	int rc;

	if (p->rc != 0)
		return p->rc;
	if (p->stage == STAGE_JSON) {
		rc = buf_append(&p->json, s, n);
		if (rc == ERR_TOOBIG)
			return feed_fail(p, ERR_TOOBIG, "the JSON Feed is "
			    "larger than %zu bytes", FEED_MAX_JSON_BYTES);
		if (rc != 0)
			return feed_fail(p, rc, "out of memory");
		return 0;
	}
	if (p->stage != STAGE_XML)
		return 0;
	buf_reset(&p->fixed);
	before = p->fix.problems;
	if ((rc = xmlfix_run(&p->fix, s, n, final, &p->fixed)) != 0)
		return feed_fail(p, rc, "out of memory");
	if (before == 0 && p->fix.problems > 0) {
		/* libxml2 reads what came before first, as it would had it
		 * been streamed: its errors there come first. */
		xml_sax_stream(p->xml);
		feed_bozo(p, "%s", p->fix.first_problem);
	}
	return xml_sax_push(p->xml, p->fixed.p ? p->fixed.p : "",
	    p->fixed.len, final);
}

/* Raw bytes: transcode in slices and pass on. */
static int
feed_raw(struct feed_parser *p, const char *data, size_t n, bool final)
{
	size_t k;
	int rc;

	do {
		k = n < FEED_SLICE_BYTES ? n : FEED_SLICE_BYTES;
		/* Valid UTF-8, nearly every feed, goes on as it came. */
		if (charset_verbatim(&p->cs, data, k)) {
			if ((rc = feed_text(p, data ? data : "", k,
			    final && k == n)) != 0)
				return rc;
			data += k;
			n -= k;
			continue;
		}
		buf_reset(&p->dec);
		rc = charset_decode(&p->cs, data, k, final && k == n,
		    &p->dec);
		if (rc != 0)
			return feed_fail(p, rc, "decoding the input failed");
		if ((rc = feed_text(p, p->dec.p ? p->dec.p : "", p->dec.len,
		    final && k == n)) != 0)
			return rc;
		data += k;
		n -= k;
	} while (n > 0);
	return 0;
}

static bool
istarts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* Decide the encoding and the format from the head, then send the head
 * on its way. */
static int
begin(struct feed_parser *p, bool final)
{
	const char *s;
	size_t n, bom = 0, i, ctl = 0;
	int rc;

	if ((rc = charset_open(&p->cs, buf_cstr(&p->head), p->head.len, p->opts.charset, &bom)) != 0)
		return feed_fail(p, rc, "cannot open a decoder");
	p->cs_open = true;
	if (p->cs.declared[0] != '\0' &&
	    strcmp(p->cs.declared, p->cs.name) != 0)
		feed_bozo(p, "the declared encoding \"%s\" is unknown or "
		    "wrong; read as %s", p->cs.declared, p->cs.name);
	buf_reset(&p->dec);
	if ((rc = charset_decode(&p->cs, buf_cstr(&p->head) + bom,
	    p->head.len - bom, final, &p->dec)) != 0)
		return feed_fail(p, rc, "decoding the input failed");
	s = p->dec.p ? p->dec.p : "";
	n = p->dec.len;
	/* White space (and a stray BOM) before the first byte of the
	 * document is dropped: PHP feeds often start with a blank line,
	 * which would make the XML declaration an error. */
	while (n > 0) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++, n--;
		else if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3, n -= 3;
		else
			break;
	}
	if (n == 0) {
		if (final) {
			p->stage = STAGE_DONE;
			return feed_fail(p, ERR_PARSE, p->head.len == 0 ?
			    "the input is empty" : "the input is blank");
		}
		p->stage = STAGE_XML;
	} else if (*s == '{' || *s == '[') {
		p->stage = STAGE_JSON;
	} else if (*s == '<') {
		if (istarts(s, n, "<!doctype html") || istarts(s, n, "<html")) {
			p->stage = STAGE_DONE;
			not_feed(p, "this is an HTML page, not a feed");
			return p->rc;
		}
		p->stage = STAGE_XML;
	} else {
		for (i = 0; i < p->head.len; i++) {
			unsigned char c = (unsigned char)p->head.p[i];

			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				ctl++;
		}
		p->stage = STAGE_DONE;
		if (ctl > 0 || p->cs.repaired)
			not_feed(p, "this is binary data, not a feed");
		else
			not_feed(p, "this is neither XML nor JSON, not a "
			    "feed");
		return p->rc;
	}
	if (p->stage == STAGE_XML && (p->xml = xml_sax_new(p)) == NULL)
		return feed_fail(p, ERR_NOMEM, "out of memory");
	return feed_text(p, s, n, false);
}

int
feed_parser_push(struct feed_parser *p, const char *data, size_t n,
    struct err *e)
{
	size_t take;

	if (p->rc != 0)
		return copy_err(p, e);
	if (p->stage == STAGE_DONE) {
		feed_fail(p, ERR_INVAL, "input pushed after the end");
		return copy_err(p, e);
	}
	if (p->stage == STAGE_SNIFF) {
		take = FEED_SNIFF_BYTES - p->head.len;
		if (take > n)
			take = n;
		if (buf_append(&p->head, data, take) != 0) {
			feed_fail(p, ERR_NOMEM, "out of memory");
			return copy_err(p, e);
		}
		data += take;
		n -= take;
		if (p->head.len < FEED_SNIFF_BYTES)
			return 0;
		if (begin(p, false) != 0)
			return copy_err(p, e);
	}
	if (n > 0)
		feed_raw(p, data, n, false);
	return copy_err(p, e);
}

int
feed_parser_finish(struct feed_parser *p, struct feed *out, struct err *e)
{
	feed_init(out);
	if (p->rc == 0 && p->stage == STAGE_SNIFF)
		begin(p, true);
	if (p->rc == 0 && p->stage != STAGE_DONE)
		feed_raw(p, "", 0, true);
	if (p->rc == 0 && p->stage == STAGE_XML) {
		xml_sax_finish(p->xml);
		if (p->rc == 0 && !xml_sax_recognised(p->xml)) {
			if (p->notfeed)
				feed_fail(p, ERR_NOTFEED, "%s",
				    p->notfeed_msg);
			else if (html_sniff(p->head.p ? p->head.p : "",
			    p->head.len))
				not_feed(p, "this is an HTML page, not a "
				    "feed");
			else
				feed_fail(p, ERR_PARSE, "no feed could be "
				    "read: %s", p->bozo ? p->bozo_msg :
				    "no XML elements");
		}
	} else if (p->rc == 0 && p->stage == STAGE_JSON) {
		json_feed_parse(p, p->json.p ? p->json.p : "", p->json.len);
		buf_release(&p->json);
	}
	p->stage = STAGE_DONE;
	if (p->rc != 0)
		return copy_err(p, e);
	if (p->cs.switched)
		feed_bozo(p, "the input is not UTF-8; read as windows-1252");
	if (p->cs.repaired)
		feed_bozo(p, "bytes invalid in %s were replaced with U+FFFD",
		    p->cs.name);
	*out = p->feed;
	feed_init(&p->feed);
	out->encoding = strdup(p->cs.name);
	out->bozo = p->bozo;
	if (p->bozo)
		out->error = strdup(p->bozo_msg);
	if (out->encoding == NULL || (p->bozo && out->error == NULL)) {
		feed_release(out);
		feed_fail(p, ERR_NOMEM, "out of memory");
		return copy_err(p, e);
	}
	return 0;
}

int
feed_parse_buffer(const char *data, size_t n, const struct feed_opts *opts,
    const struct feed_sink *sink, struct feed *out, struct err *e)
{
	struct feed_parser *p = feed_parser_new(opts, sink);
	int rc;

	feed_init(out);
	if (p == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	rc = feed_parser_push(p, data, n, e);
	if (rc == 0)
		rc = feed_parser_finish(p, out, e);
	feed_parser_free(p);
	return rc;
}
