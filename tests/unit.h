/*
 * unit.h: the unit-test harness.
 *
 * A test is a function written as TEST(module_what) { ... } at the start of
 * a line in a src/<dir>/<file>_test.c next to the code it tests;
 * tools/gen-unit-registry.sh collects them into one runner. The runner
 * prints TAP ("ok 3 - buf_append_caps"), runs each test in a fresh
 * process-wide state (tests must not depend on each other's order), and can
 * run a subset: unit-tests NAME_PREFIX...
 *
 * Fixtures live in src/<dir>/testdata/; unit_path() turns a path relative to
 * the project root into one that works from any working directory.
 */
#ifndef TD_TESTS_UNIT_H
#define TD_TESTS_UNIT_H

#include "base/common.h"

#include <stdio.h>

struct unit_case {
	const char *name;
	void (*fn)(void);
};

extern const struct unit_case unit_cases[];

#define TEST(name) void unit_test_##name(void)

/* Record a failed check; the current test is reported "not ok". */
void unit_fail(const char *file, int line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* Project-root-relative path (uses TIDINGS_SRCDIR, else "."). Returns a
 * static buffer valid until the next call. */
const char *unit_path(const char *rel);

/* Read a whole file into a heap buffer (NUL-terminated); NULL on failure
 * (which is also recorded as a test failure). */
char *unit_read_file(const char *rel, size_t *len);

#define CHECK(cond) do { \
	if (!(cond)) \
		unit_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); \
} while (0)

#define CHECK_INT(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) \
		unit_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", \
		    #a, a_, b_); \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL ? a_ != b_ : strcmp(a_, b_) != 0) \
		unit_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", \
		    #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
} while (0)

#endif
