/*
 * core/config.h: the effective settings of tidings.
 *
 * Settings come from, in rising order of precedence: built-in defaults, the
 * config file (key = value lines, see docs/config.md), TIDINGS_* environment
 * variables (the key upper-cased, dots as underscores: fetch.timeout ->
 * TIDINGS_FETCH_TIMEOUT) and command-line flags (--set key=value, --db).
 * Every limit that guards against hostile input is one of these settings.
 */
#ifndef TD_CORE_CONFIG_H
#define TD_CORE_CONFIG_H

#include "base/common.h"

#include "base/err.h"

struct buf;

struct config {
	char *db_path;
	char *config_path;       /* the file that was read, or NULL */
	char *log_level;
	/* fetching */
	int64_t fetch_timeout;   /* seconds per transfer */
	int64_t fetch_max_body;  /* bytes */
	int64_t fetch_max_redirects;
	int64_t fetch_max_total; /* connections at once */
	int64_t fetch_max_per_host;
	bool fetch_allow_private;
	char *fetch_user_agent;
	/* parsing */
	int64_t feed_max_items;
	/* article analysis and full text (issue 4) */
	int64_t full_text_max;     /* linked pages fetched per round */
	bool analyze_enabled;
	int64_t boilerplate_threshold; /* distinct articles of a source */
	/* scheduling, all in seconds */
	int64_t schedule_min_interval;
	int64_t schedule_max_interval;
	int64_t schedule_backoff_max;
	int64_t loop_idle;         /* --loop: longest sleep between rounds */
	/* serving (issue 3) */
	char *serve_listen;
	char *serve_files_dir;   /* served read-only at /files/; NULL: off */
	int64_t serve_cache_ms;  /* rendered pages reused this long; 0: off */
};

/* Fill cfg with the defaults only. */
int config_defaults(struct config *cfg);

/* Defaults, then the config file (path, else TIDINGS_CONFIG, else
 * $XDG_CONFIG_HOME/tidings/tidings.conf or ~/.config/tidings/tidings.conf;
 * a missing default file is fine, a missing named one is an error), then
 * the environment. */
int config_load(struct config *cfg, const char *path, struct err *e);

/* Set one setting by key from text, as the file, environment and
 * --set all do. ERR_INVAL with a message naming the key when the key is
 * unknown or the value out of range. */
int config_set(struct config *cfg, const char *key, const char *value,
    struct err *e);

/* Append every setting as "key = value" lines, with where it came from as
 * a comment. */
int config_dump(const struct config *cfg, struct buf *out);

void config_release(struct config *cfg);

#endif
