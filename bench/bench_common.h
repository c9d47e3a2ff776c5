/*
 * bench/bench_common.h: the few helpers every benchmark program shares.
 *
 * Each program prints one line of key=value pairs on stdout, which
 * bench/run.sh reads; nothing here is part of libtidings.
 */
#ifndef TD_BENCH_COMMON_H
#define TD_BENCH_COMMON_H

#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static inline double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Peak resident set of this process so far, in KB. */
static inline long
bench_maxrss_kb(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_maxrss;
}

/* Read a whole file into a fresh heap buffer (NUL-terminated); exits on
 * failure since a benchmark without its input means nothing. */
static inline char *
bench_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(1);
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 262144;
			if ((p = realloc(p, cap + 1)) == NULL) {
				fprintf(stderr, "out of memory\n");
				exit(1);
			}
		}
		r = fread(p + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		exit(1);
	}
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

/* Files named on the command line, or one per line in the file after -l
 * (so that 1,000 paths need not go through argv). The list is leaked: the
 * process is short-lived. */
static inline char **
bench_file_args(int argc, char **argv, int *n_out)
{
	char **files, *list, *line, *save = NULL;
	size_t len;
	int n = 0, cap;

	if (argc >= 2 && strcmp(argv[0], "-l") == 0) {
		list = bench_slurp(argv[1], &len);
		cap = 16;
		files = malloc(sizeof(*files) * (size_t)cap);
		for (line = strtok_r(list, "\n", &save); line != NULL && files;
		    line = strtok_r(NULL, "\n", &save)) {
			if (n == cap) {
				cap *= 2;
				files = realloc(files,
				    sizeof(*files) * (size_t)cap);
				if (files == NULL)
					break;
			}
			files[n++] = line;
		}
		if (files == NULL) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
		*n_out = n;
		return files;
	}
	*n_out = argc;
	return argv;
}

#endif
