/*
 * bench/bench_parse.c: library throughput of the feed parser, in one
 * process.
 *
 * `tidings parse` takes one file per run, so timing it over 1,000 files
 * mostly times process start-up; this driver links libtidings.a and calls
 * the parser (which also sanitises every body and derives its text) over
 * all files in one process. Each file is read whole and handed to
 * feed_parse_buffer; with --stream it is pushed in 64 KB chunks instead, as
 * the fetcher does, so that the peak memory of a huge feed can be measured.
 *
 * usage: bench_parse [--stream] FILE... | -l LISTFILE
 * prints: bytes=N items=N html_bytes=N seconds=F maxrss_kb=N errors=N
 */
#include "base/common.h"

#include "bench_common.h"

#include "base/err.h"
#include "feed/feed.h"
#include "model/feed.h"

#define CHUNK 65536

struct tally {
	unsigned long long items, html;
};

static int
on_item(void *ctx, struct item *it)
{
	struct tally *t = ctx;

	t->items++;
	if (it->content_html != NULL)
		t->html += strlen(it->content_html);
	item_free(it);
	return 0;
}

static int
parse_stream(const char *path, const struct feed_sink *sink,
    unsigned long long *bytes, struct feed *out, struct err *e)
{
	static char chunk[CHUNK];
	struct feed_opts opts = { 0 };
	struct feed_parser *p;
	FILE *f;
	size_t n;
	int rc = 0;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(1);
	}
	if ((p = feed_parser_new(&opts, sink)) == NULL)
		exit(1);
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		*bytes += n;
		rc = feed_parser_push(p, chunk, n, e);
	}
	fclose(f);
	if (rc == 0)
		rc = feed_parser_finish(p, out, e);
	feed_parser_free(p);
	return rc;
}

int
main(int argc, char **argv)
{
	struct tally t = { 0, 0 };
	struct feed_sink sink = { &t, on_item };
	struct feed_opts opts = { 0 };
	unsigned long long bytes = 0;
	char **files;
	int n_files, i, stream = 0, errors = 0;
	double t0, t1;

	argc--, argv++;
	if (argc > 0 && strcmp(argv[0], "--stream") == 0) {
		stream = 1;
		argc--, argv++;
	}
	files = bench_file_args(argc, argv, &n_files);
	if (n_files == 0) {
		fprintf(stderr, "usage: bench_parse [--stream] FILE... | "
		    "-l LISTFILE\n");
		return 2;
	}

	t0 = bench_now();
	for (i = 0; i < n_files; i++) {
		struct feed feed;
		struct err e = { 0 };
		int rc;

		feed_init(&feed);
		if (stream) {
			rc = parse_stream(files[i], &sink, &bytes, &feed, &e);
		} else {
			size_t len;
			char *data = bench_slurp(files[i], &len);

			bytes += len;
			rc = feed_parse_buffer(data, len, &opts, &sink, &feed,
			    &e);
			free(data);
		}
		if (rc != 0) {
			if (errors++ < 5)
				fprintf(stderr, "%s: %s\n", files[i], e.msg);
		}
		feed_release(&feed);
	}
	t1 = bench_now();
	printf("bytes=%llu items=%llu html_bytes=%llu seconds=%.4f "
	    "maxrss_kb=%ld errors=%d\n", bytes, t.items, t.html, t1 - t0,
	    bench_maxrss_kb(), errors);
	return errors ? 1 : 0;
}
