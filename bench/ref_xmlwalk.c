/*
 * bench/ref_xmlwalk.c: the floor for feed parsing -- a bare libxml2
 * xmlReader walk over the same files.
 *
 * Reads every node of every file (streaming from the file, as a parser
 * that must not hold a 150 MB feed would) and reads every byte of the text
 * of the fields inside <item>/<entry> (strlen over it; with --copy, a
 * strdup and free as well, the cheapest a real parser could keep it). No
 * dates, no HTML, no UTF-8 checks, no model: whatever tidings spends above
 * this is the price of doing the job properly.
 *
 * usage: ref_xmlwalk [--copy] FILE... | -l LISTFILE
 * prints: bytes=N items=N text_bytes=N seconds=F maxrss_kb=N
 */
#include "bench_common.h"

#include <sys/stat.h>

#include <libxml/xmlreader.h>

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
main(int argc, char **argv)
{
	char **files;
	int n_files, i, copy = 0, rc;
	unsigned long long bytes = 0, items = 0, text = 0;
	double t0, t1;

	argc--, argv++;
	if (argc > 0 && strcmp(argv[0], "--copy") == 0) {
		copy = 1;
		argc--, argv++;
	}
	files = bench_file_args(argc, argv, &n_files);
	if (n_files == 0) {
		fprintf(stderr, "usage: ref_xmlwalk [--copy] FILE... | "
		    "-l LISTFILE\n");
		return 2;
	}
	xmlSetGenericErrorFunc(NULL, quiet);

	t0 = bench_now();
	for (i = 0; i < n_files; i++) {
		xmlTextReaderPtr r;
		struct stat st;
		int in_item = 0;

		if (stat(files[i], &st) == 0)
			bytes += (unsigned long long)st.st_size;
		r = xmlReaderForFile(files[i], NULL, XML_PARSE_NONET);
		if (r == NULL) {
			fprintf(stderr, "%s: cannot open\n", files[i]);
			return 1;
		}
		while ((rc = xmlTextReaderRead(r)) == 1) {
			int type = xmlTextReaderNodeType(r);
			const xmlChar *name, *v;

			if (type == XML_READER_TYPE_ELEMENT ||
			    type == XML_READER_TYPE_END_ELEMENT) {
				name = xmlTextReaderConstLocalName(r);
				if (name == NULL ||
				    (strcmp((const char *)name, "item") != 0 &&
				    strcmp((const char *)name, "entry") != 0))
					continue;
				if (type == XML_READER_TYPE_ELEMENT) {
					items++;
					in_item = !xmlTextReaderIsEmptyElement(r);
				} else {
					in_item = 0;
				}
			} else if (in_item && (type == XML_READER_TYPE_TEXT ||
			    type == XML_READER_TYPE_CDATA)) {
				v = xmlTextReaderConstValue(r);
				if (v == NULL)
					continue;
				if (copy) {
					char *c = strdup((const char *)v);

					if (c == NULL)
						return 1;
					text += strlen(c);
					free(c);
				} else {
					text += strlen((const char *)v);
				}
			}
		}
		xmlFreeTextReader(r);
		if (rc != 0) {
			fprintf(stderr, "%s: not well-formed\n", files[i]);
			return 1;
		}
	}
	t1 = bench_now();
	printf("bytes=%llu items=%llu text_bytes=%llu seconds=%.4f "
	    "maxrss_kb=%ld\n", bytes, items, text, t1 - t0, bench_maxrss_kb());
	xmlCleanupParser();
	return 0;
}
