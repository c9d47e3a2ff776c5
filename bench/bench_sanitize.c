/*
 * bench/bench_sanitize.c: throughput of html_sanitize alone, and an
 * equality check against the tree-walking oracle.
 *
 * The item bodies (RSS description and content:encoded, Atom content and
 * summary) are read out of feed files with libxml2's reader first, so the
 * timing covers the sanitiser and nothing else. With --raw every file is
 * one body (the extract and html fixtures). With --compare each body is
 * also run through html_sanitize_tree, with and without a base URL, and
 * the outputs must be byte-identical; the output must also be valid UTF-8
 * and a fixed point. Mismatches are printed to stderr.
 *
 * usage: bench_sanitize [--raw] [--compare] [--repeat N] FILE... |
 *        -l LISTFILE
 * prints: items=N bytes=N out_bytes=N seconds=F us_per_item=F mb_s=F
 *         mismatches=N
 */
#include "base/common.h"

#include "bench_common.h"

#include <libxml/xmlreader.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "html/html.h"
#include "html/html_int.h"

#define BASE "https://bench.example/dir/page.html"

struct bodies {
	struct buf *v;
	size_t n, cap;
};

static void
add_body(struct bodies *b, const char *s, size_t n)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->v = realloc(b->v, b->cap * sizeof(*b->v));
		if (b->v == NULL) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	}
	buf_init(&b->v[b->n], (size_t)64 << 20);
	if (buf_append(&b->v[b->n], s, n) != 0) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	b->n++;
}

static bool
is_body(const char *name)
{
	return strcmp(name, "description") == 0 ||
	    strcmp(name, "encoded") == 0 || strcmp(name, "content") == 0 ||
	    strcmp(name, "summary") == 0;
}

static void
read_feed(const char *path, struct bodies *b)
{
	xmlTextReaderPtr r;

	r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
	if (r == NULL)
		return;
	while (xmlTextReaderRead(r) == 1) {
		const char *name;
		xmlChar *type, *v;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		name = (const char *)xmlTextReaderConstLocalName(r);
		if (name == NULL || !is_body(name))
			continue;
		type = xmlTextReaderGetAttribute(r, BAD_CAST "type");
		if (type && strcmp((char *)type, "xhtml") == 0)
			v = xmlTextReaderReadInnerXml(r);
		else
			v = xmlTextReaderReadString(r);
		xmlFree(type);
		if (v && *v)
			add_body(b, (const char *)v, strlen((char *)v));
		xmlFree(v);
	}
	xmlFreeTextReader(r);
}

static int
compare_one(const struct buf *in, const char *base, const char *path)
{
	struct buf a = BUF_INIT, t = BUF_INIT, again = BUF_INIT;
	int ra, rt, bad = 0;

	ra = html_sanitize(in->p, in->len, base, &a, NULL);
	rt = html_sanitize_tree(in->p, in->len, base, &t, NULL);
	if (ra != rt || a.len != t.len || (a.len && memcmp(a.p, t.p, a.len))) {
		fprintf(stderr, "MISMATCH %s (base %s): rc %d/%d\n--- in\n%.*s\n"
		    "--- stream\n%s\n--- tree\n%s\n", path, base ? base : "-",
		    ra, rt, (int)in->len, in->p, buf_cstr(&a), buf_cstr(&t));
		bad = 1;
	} else if (ra == 0) {
		if (!utf8_valid(buf_cstr(&a), a.len)) {
			fprintf(stderr, "INVALID UTF-8 %s\n", path);
			bad = 1;
		}
		html_sanitize(buf_cstr(&a), a.len, base, &again, NULL);
		if (again.len != a.len || (a.len && memcmp(a.p, again.p,
		    a.len))) {
			fprintf(stderr, "NOT IDEMPOTENT %s\n%s\n---\n%s\n", path,
			    buf_cstr(&a), buf_cstr(&again));
			bad = 1;
		}
	}
	buf_release(&a);
	buf_release(&t);
	buf_release(&again);
	return bad;
}

int
main(int argc, char **argv)
{
	struct bodies b = { 0 };
	struct buf out = BUF_INIT;
	unsigned long long bytes = 0, out_bytes = 0, items = 0;
	int n_files, i, raw = 0, compare = 0, repeat = 1, mism = 0, r;
	char **files;
	double t0, secs = 0;
	size_t k;

	argc--, argv++;
	while (argc > 0 && strncmp(argv[0], "--", 2) == 0) {
		if (strcmp(argv[0], "--raw") == 0) {
			raw = 1;
		} else if (strcmp(argv[0], "--compare") == 0) {
			compare = 1;
		} else if (strcmp(argv[0], "--repeat") == 0 && argc > 1) {
			repeat = atoi(argv[1]);
			argc--, argv++;
		} else {
			break;
		}
		argc--, argv++;
	}
	files = bench_file_args(argc, argv, &n_files);
	if (n_files == 0) {
		fprintf(stderr, "usage: bench_sanitize [--raw] [--compare] "
		    "[--repeat N] FILE... | -l LISTFILE\n");
		return 2;
	}
	buf_init(&out, (size_t)64 << 20);
	for (i = 0; i < n_files; i++) {
		b.n = 0;
		if (raw) {
			size_t len;
			char *data = bench_slurp(files[i], &len);
			add_body(&b, data, len);
			free(data);
		} else {
			read_feed(files[i], &b);
		}
		if (compare) {
			for (k = 0; k < b.n; k++) {
				mism += compare_one(&b.v[k], NULL, files[i]);
				mism += compare_one(&b.v[k], BASE, files[i]);
			}
		} else {
			t0 = bench_now();
			for (r = 0; r < repeat; r++) {
				for (k = 0; k < b.n; k++) {
					buf_reset(&out);
					if (html_sanitize(b.v[k].p, b.v[k].len,
					    BASE, &out, NULL) != 0)
						mism++;
					out_bytes += out.len;
				}
			}
			secs += bench_now() - t0;
		}
		for (k = 0; k < b.n; k++) {
			items += (unsigned long long)repeat;
			bytes += (unsigned long long)repeat * b.v[k].len;
			buf_release(&b.v[k]);
		}
	}
	buf_release(&out);
	free(b.v);
	printf("items=%llu bytes=%llu out_bytes=%llu seconds=%.4f "
	    "us_per_item=%.2f mb_s=%.2f %s=%d\n", items, bytes, out_bytes,
	    secs, items ? secs * 1e6 / (double)items : 0.0,
	    secs > 0 ? (double)bytes / 1e6 / secs : 0.0,
	    compare ? "mismatches" : "errors", mism);
	return mism ? 1 : 0;
}
