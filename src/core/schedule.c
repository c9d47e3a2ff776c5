/*
 * core/schedule.c: next-fetch times (see schedule.h for the rules).
 */
#include "base/common.h"

#include "core/schedule.h"

/* With no history, poll hourly (then bounded by the policy). */
#define SCHEDULE_DEFAULT_INTERVAL 3600

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int64_t
schedule_publish_interval(const int64_t *recent, size_t n)
{
	int64_t gaps[64];
	size_t i, ng = 0;

	for (i = 0; i + 1 < n && ng < ARRAY_LEN(gaps); i++) {
		int64_t g = recent[i] - recent[i + 1];

		/* Items published together (a batch) say nothing about the
		 * pace; negative gaps are feeds out of order. */
		if (g > 0)
			gaps[ng++] = g;
	}
	if (ng < 2)
		return 0;
	qsort(gaps, ng, sizeof(gaps[0]), cmp_i64);
	return gaps[ng / 2] / 2;
}

static int64_t
clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int64_t
schedule_next(const struct schedule_policy *p, const struct schedule_input *in)
{
	int64_t interval, hint = 0;

	if (!in->success) {
		int shift = in->fail_count > 1 ? in->fail_count - 1 : 0;

		if (in->retry_after > in->now)
			return in->now + clamp(in->retry_after - in->now,
			    1, p->backoff_max);
		interval = p->min_interval;
		/* Doubling stops at the cap; the shift bound keeps it from
		 * overflowing long before that. */
		while (shift-- > 0 && interval < p->backoff_max)
			interval *= 2;
		return in->now + clamp(interval, 1, p->backoff_max);
	}

	interval = schedule_publish_interval(in->recent, in->n_recent);
	if (interval == 0)
		interval = SCHEDULE_DEFAULT_INTERVAL;
	if (in->ttl_seconds > hint)
		hint = in->ttl_seconds;
	if (in->max_age > hint)
		hint = in->max_age;
	if (in->expires > in->now && in->expires - in->now > hint)
		hint = in->expires - in->now;
	if (hint > interval)
		interval = hint;
	return in->now + clamp(interval, p->min_interval, p->max_interval);
}
