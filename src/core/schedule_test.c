/*
 * schedule_test.c: next-fetch arithmetic.
 */
#include "base/common.h"

#include "core/schedule.h"
#include "unit.h"

static const struct schedule_policy policy = { 900, 86400, 43200 };

TEST(schedule_adapts_to_publishing_pace)
{
	/* One article every 4 hours: poll every 2 hours. */
	int64_t t[] = { 100000, 85600, 71200, 56800, 42400 };
	struct schedule_input in = { .now = 200000, .success = true,
	    .max_age = -1, .recent = t, .n_recent = 5 };

	CHECK_INT(schedule_publish_interval(t, 5), 7200);
	CHECK_INT(schedule_next(&policy, &in), 200000 + 7200);
}

TEST(schedule_bounds_and_hints)
{
	/* Every minute is faster than the minimum of 15 minutes. */
	int64_t fast[] = { 600, 540, 480, 420 };
	struct schedule_input in = { .now = 1000, .success = true,
	    .max_age = -1, .recent = fast, .n_recent = 4 };

	CHECK_INT(schedule_next(&policy, &in), 1000 + 900);
	/* A TTL of two hours is respected. */
	in.ttl_seconds = 7200;
	CHECK_INT(schedule_next(&policy, &in), 1000 + 7200);
	/* Cache-Control asks for more; Expires for even more. */
	in.max_age = 10800;
	CHECK_INT(schedule_next(&policy, &in), 1000 + 10800);
	in.expires = 1000 + 14400;
	CHECK_INT(schedule_next(&policy, &in), 1000 + 14400);
	/* ...but never beyond the maximum interval. */
	in.expires = 1000 + 10 * 86400;
	CHECK_INT(schedule_next(&policy, &in), 1000 + 86400);
	/* No history: hourly. */
	in.n_recent = 0;
	in.ttl_seconds = 0;
	in.max_age = -1;
	in.expires = 0;
	CHECK_INT(schedule_next(&policy, &in), 1000 + 3600);
}

TEST(schedule_backs_off_and_honours_retry_after)
{
	struct schedule_input in = { .now = 0, .success = false,
	    .max_age = -1 };

	in.fail_count = 1;
	CHECK_INT(schedule_next(&policy, &in), 900);
	in.fail_count = 2;
	CHECK_INT(schedule_next(&policy, &in), 1800);
	in.fail_count = 4;
	CHECK_INT(schedule_next(&policy, &in), 7200);
	in.fail_count = 1000;
	CHECK_INT(schedule_next(&policy, &in), 43200);
	in.retry_after = 120;
	CHECK_INT(schedule_next(&policy, &in), 120);
	/* A hostile Retry-After of a year is capped. */
	in.retry_after = 365 * 86400;
	CHECK_INT(schedule_next(&policy, &in), 43200);
}
