/*
 * clock.h: the one source of "now".
 *
 * Tests fix the clock with the environment variable TIDINGS_TEST_NOW (Unix
 * seconds), so relative times and schedules are reproducible.
 */
#ifndef TD_BASE_CLOCK_H
#define TD_BASE_CLOCK_H

#include "base/common.h"

/* Wall-clock time in Unix seconds (or TIDINGS_TEST_NOW when set). */
int64_t clock_now(void);

/* Monotonic milliseconds, for rates and timeouts; never faked. */
int64_t clock_mono_ms(void);

#endif
