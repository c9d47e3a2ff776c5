/*
 * cli/progress.c: terminal progress line (see progress.h).
 */
#include "base/common.h"

#include <stdio.h>

#include "base/clock.h"
#include "cli/progress.h"

/* Redrawing more often than this only costs terminal time. */
#define PROGRESS_REDRAW_MS 200

void
progress_start(struct progress *p, bool enabled, const char *what,
    const char *unit)
{
	p->enabled = enabled;
	p->what = what;
	p->unit = unit;
	p->started_ms = clock_mono_ms();
	p->drawn_ms = 0;
}

void
progress_update(struct progress *p, size_t done, size_t total,
    const char *note, bool force)
{
	int64_t now = clock_mono_ms(), elapsed = now - p->started_ms;
	double rate = elapsed > 0 ? (double)done * 1000.0 / (double)elapsed
	    : 0;
	char left[32] = "";

	if (!p->enabled || (!force && now - p->drawn_ms < PROGRESS_REDRAW_MS))
		return;
	p->drawn_ms = now;
	if (rate > 0 && total > done) {
		long secs = (long)((double)(total - done) / rate);

		snprintf(left, sizeof(left), "  ~%ld:%02ld left", secs / 60,
		    secs % 60);
	}
	fprintf(stderr, "\r\033[K%s: %zu/%zu %s  %.1f/s%s%s%s", p->what, done,
	    total, p->unit, rate, left, note ? "  " : "", note ? note : "");
	fflush(stderr);
}

void
progress_end(struct progress *p)
{
	if (p->enabled && p->drawn_ms) {
		fputc('\n', stderr);
		fflush(stderr);
	}
}
