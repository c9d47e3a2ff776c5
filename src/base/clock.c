/*
 * clock.c: wall and monotonic time (see clock.h).
 */
#include "base/common.h"

#include <time.h>

#include "base/clock.h"
#include "base/str.h"

int64_t
clock_now(void)
{
	const char *fixed = getenv("TIDINGS_TEST_NOW");
	int64_t v;

	if (fixed && str_to_i64(str_from(fixed), 0, INT64_MAX / 2, &v) == 0)
		return v;
	return (int64_t)time(NULL);
}

int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
