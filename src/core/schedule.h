/*
 * core/schedule.h: when to fetch a source next.
 *
 * Pure arithmetic over what the last attempt told us, so every rule can be
 * tested with fixed numbers:
 *  - after a success (200 or 304) the interval adapts to how often the
 *    source publishes: about half the median gap between its recent
 *    articles, so a new article waits on average a quarter of a gap;
 *  - the server's own hints (RSS ttl, Cache-Control max-age, Expires) are
 *    respected: we never come back sooner than they ask;
 *  - both are bounded by the configured minimum and maximum intervals;
 *  - failures back off exponentially from the minimum interval up to a cap;
 *  - 429/503 with Retry-After wait exactly as asked (capped), for that
 *    source only.
 */
#ifndef TD_CORE_SCHEDULE_H
#define TD_CORE_SCHEDULE_H

#include "base/common.h"

struct schedule_policy {
	int64_t min_interval; /* seconds */
	int64_t max_interval;
	int64_t backoff_max;
};

struct schedule_input {
	int64_t now;
	bool success;           /* a 200 or 304 */
	int fail_count;         /* consecutive failures including this one */
	int64_t retry_after;    /* absolute time from Retry-After, 0 if none */
	int64_t ttl_seconds;    /* RSS ttl, 0 if none */
	int64_t max_age;        /* Cache-Control max-age, -1 if none */
	int64_t expires;        /* Expires, absolute, 0 if none */
	const int64_t *recent;  /* publication times, newest first */
	size_t n_recent;
};

/* The time at which the source is next due. */
int64_t schedule_next(const struct schedule_policy *p,
    const struct schedule_input *in);

/* The adaptive interval alone (seconds, before bounds), from publication
 * times newest first; 0 when there are too few to tell. */
int64_t schedule_publish_interval(const int64_t *recent, size_t n);

#endif
