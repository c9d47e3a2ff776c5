/*
 * unit_main.c: runs the unit tests collected in unit_registry.c and
 * reports TAP. Each test runs in a child process so that a crash (or a
 * sanitizer abort) fails that test alone and the others still run.
 */
#include "base/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

static int failures;

void
unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	failures++;
	fprintf(stdout, "# %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

const char *
unit_path(const char *rel)
{
	static char path[4096];
	const char *root = getenv("TIDINGS_SRCDIR");

	snprintf(path, sizeof(path), "%s/%s", root ? root : ".", rel);
	return path;
}

char *
unit_read_file(const char *rel, size_t *len)
{
	FILE *f = fopen(unit_path(rel), "rb");
	char *data = NULL;
	long size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (data = malloc((size_t)size + 1)) == NULL ||
	    fread(data, 1, (size_t)size, f) != (size_t)size) {
		unit_fail(__FILE__, __LINE__, "cannot read %s", rel);
		free(data);
		if (f)
			fclose(f);
		return NULL;
	}
	fclose(f);
	data[size] = '\0';
	if (len)
		*len = (size_t)size;
	return data;
}

static bool
selected(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return true;
	for (i = 1; i < argc; i++)
		if (strncmp(name, argv[i], strlen(argv[i])) == 0)
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	const struct unit_case *c;
	int n = 0, failed = 0;

	for (c = unit_cases; c->name; c++) {
		pid_t pid;
		int status = 0;

		if (!selected(c->name, argc, argv))
			continue;
		n++;
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			failures = 0;
			c->fn();
			fflush(stdout);
			_exit(failures ? 1 : 0);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0) {
			printf("not ok %d - %s # could not run\n", n, c->name);
			failed++;
			continue;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("ok %d - %s\n", n, c->name);
		} else {
			if (WIFSIGNALED(status))
				printf("# killed by signal %d\n",
				    WTERMSIG(status));
			printf("not ok %d - %s\n", n, c->name);
			failed++;
		}
	}
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
