/*
 * cli/progress.h: one self-overwriting progress line on a terminal.
 *
 * "fetch: 120/1000 sources  5,210 new  850/s  ~0:42 left". Redrawn at
 * most a few times a second; on anything but a terminal it prints nothing
 * (the log lines tell the story there).
 */
#ifndef TD_CLI_PROGRESS_H
#define TD_CLI_PROGRESS_H

#include "base/common.h"

struct progress {
	bool enabled;
	const char *what;     /* "fetch", "import" */
	const char *unit;     /* "sources", "feeds" */
	int64_t started_ms;
	int64_t drawn_ms;
};

void progress_start(struct progress *p, bool enabled, const char *what,
    const char *unit);

/* Redraw with done of total units and a free-form note. force draws even
 * if the last draw was very recent. */
void progress_update(struct progress *p, size_t done, size_t total,
    const char *note, bool force);

/* Finish the line (newline) if anything was drawn. */
void progress_end(struct progress *p);

#endif
