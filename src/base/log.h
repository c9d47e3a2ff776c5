/*
 * log.h: one line per event, with a level, a subject and the outcome.
 *
 * Library code reports through log_msg and never writes to a stream itself;
 * the command line installs the sink (stderr by default) and the level.
 * Lines look like: "2026-11-29T12:00:00Z info  source=12 fetched 3 new".
 */
#ifndef TD_BASE_LOG_H
#define TD_BASE_LOG_H

#include "base/common.h"

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

typedef void (*log_sink_fn)(void *ctx, enum log_level level,
    const char *line);

/* Route log lines to fn (NULL: stderr). Call before starting threads. */
void log_set_sink(log_sink_fn fn, void *ctx);

/* Drop messages below level. */
void log_set_level(enum log_level level);

/* Parse "debug", "info", "warn", "error"; returns 0 or ERR_INVAL. */
int log_level_parse(const char *name, enum log_level *out);

void log_msg(enum log_level level, const char *fmt, ...) PRINTF_LIKE(2, 3);

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
