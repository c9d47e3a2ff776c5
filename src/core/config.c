/*
 * core/config.c: defaults, config file, environment and flags, resolved
 * into one struct config (see config.h). The table of settings is the one
 * place a setting is declared: its key, type, bounds, default and help.
 */
#include "base/common.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/str.h"
#include "core/config.h"

enum setting_type { SET_STRING, SET_INT, SET_BOOL, SET_BYTES, SET_SECONDS };

struct setting {
	const char *key;
	enum setting_type type;
	size_t offset;
	const char *def;
	int64_t min, max;
	const char *help;
};

#define OFF(f) offsetof(struct config, f)
#define DAY (int64_t)86400

static const struct setting settings[] = {
	{ "db", SET_STRING, OFF(db_path), NULL, 0, 0,
	  "database file (default: $XDG_DATA_HOME/tidings/tidings.db)" },
	{ "log.level", SET_STRING, OFF(log_level), "info", 0, 0,
	  "debug, info, warn or error" },
	{ "fetch.timeout", SET_SECONDS, OFF(fetch_timeout), "20", 1, 3600,
	  "seconds a transfer may take" },
	{ "fetch.max_body", SET_BYTES, OFF(fetch_max_body), "15M", 1024,
	  (int64_t)4 << 30, "largest response body accepted" },
	{ "fetch.max_redirects", SET_INT, OFF(fetch_max_redirects), "5", 0,
	  20, "redirects followed per fetch" },
	{ "fetch.max_connections", SET_INT, OFF(fetch_max_total), "16", 1,
	  1024, "connections at once, all hosts" },
	{ "fetch.max_per_host", SET_INT, OFF(fetch_max_per_host), "2", 1, 64,
	  "connections at once to one host" },
	{ "fetch.allow_private", SET_BOOL, OFF(fetch_allow_private), "false",
	  0, 0, "allow private, loopback and link-local addresses" },
	{ "fetch.user_agent", SET_STRING, OFF(fetch_user_agent),
	  "tidings/0.1 (+https://example.org/tidings)", 0, 0,
	  "User-Agent header" },
	{ "feed.max_items", SET_INT, OFF(feed_max_items), "100000", 1,
	  10000000, "items read from one feed" },
	{ "fetch.full_text_max", SET_INT, OFF(full_text_max), "200", 0,
	  1000000, "linked article pages fetched for full text per round" },
	{ "analyze.enabled", SET_BOOL, OFF(analyze_enabled), "true", 0, 0,
	  "summaries, entities, tags and boilerplate folding at ingest" },
	{ "analyze.boilerplate_threshold", SET_INT,
	  OFF(boilerplate_threshold), "3", 2, 64,
	  "articles of a source sharing a paragraph that make it boilerplate" },
	{ "schedule.min_interval", SET_SECONDS, OFF(schedule_min_interval),
	  "900", 60, 30 * DAY, "shortest time between fetches of a source" },
	{ "schedule.max_interval", SET_SECONDS, OFF(schedule_max_interval),
	  "86400", 60, 30 * DAY, "longest time between fetches of a source" },
	{ "schedule.backoff_max", SET_SECONDS, OFF(schedule_backoff_max),
	  "86400", 60, 30 * DAY, "longest wait after repeated failures" },
	{ "fetch.loop_idle", SET_SECONDS, OFF(loop_idle), "60", 1, DAY,
	  "fetch --loop: longest sleep between rounds" },
	{ "serve.listen", SET_STRING, OFF(serve_listen), "127.0.0.1:8080", 0,
	  0, "address and port of tidings serve" },
	{ "serve.cache_ms", SET_INT, OFF(serve_cache_ms), "1000", 0, 60000,
	  "milliseconds a rendered page is reused (0: render every time)" },
	{ "serve.files_dir", SET_STRING, OFF(serve_files_dir), NULL, 0, 0,
	  "a directory tidings serve shows read-only at /files/ (off when "
	  "empty)" },
};

static char **
str_field(struct config *cfg, const struct setting *s)
{
	return (char **)((char *)cfg + s->offset);
}

static int64_t *
int_field(struct config *cfg, const struct setting *s)
{
	return (int64_t *)((char *)cfg + s->offset);
}

static bool *
bool_field(struct config *cfg, const struct setting *s)
{
	return (bool *)((char *)cfg + s->offset);
}

/* Numbers with an optional unit: K/M/G for bytes, s/m/h/d for seconds. */
static int
parse_number(const struct setting *s, const char *text, int64_t *out)
{
	struct str v = str_trim(str_from(text));
	int64_t mult = 1, n;

	if (v.n > 1 && !isdigit((unsigned char)v.p[v.n - 1])) {
		char unit = (char)tolower((unsigned char)v.p[v.n - 1]);

		if (s->type == SET_BYTES && unit == 'k')
			mult = 1024;
		else if (s->type == SET_BYTES && unit == 'm')
			mult = 1024 * 1024;
		else if (s->type == SET_BYTES && unit == 'g')
			mult = (int64_t)1024 * 1024 * 1024;
		else if (s->type == SET_SECONDS && unit == 's')
			mult = 1;
		else if (s->type == SET_SECONDS && unit == 'm')
			mult = 60;
		else if (s->type == SET_SECONDS && unit == 'h')
			mult = 3600;
		else if (s->type == SET_SECONDS && unit == 'd')
			mult = DAY;
		else
			return ERR_INVAL;
		v.n--;
	}
	if (str_to_i64(v, 0, INT64_MAX / mult, &n) != 0)
		return ERR_INVAL;
	*out = n * mult;
	return 0;
}

static const struct setting *
find_setting(const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(settings); i++)
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	return NULL;
}

static int
apply(struct config *cfg, const struct setting *s, const char *value,
    struct err *e)
{
	int64_t n;
	char *copy;

	switch (s->type) {
	case SET_STRING:
		if ((copy = strdup(value)) == NULL)
			return err_set(e, ERR_NOMEM, "out of memory");
		free(*str_field(cfg, s));
		*str_field(cfg, s) = copy;
		return 0;
	case SET_BOOL:
		if (!strcmp(value, "true") || !strcmp(value, "yes") ||
		    !strcmp(value, "on") || !strcmp(value, "1"))
			*bool_field(cfg, s) = true;
		else if (!strcmp(value, "false") || !strcmp(value, "no") ||
		    !strcmp(value, "off") || !strcmp(value, "0"))
			*bool_field(cfg, s) = false;
		else
			return err_set(e, ERR_INVAL,
			    "%s: expected true or false, got \"%s\"", s->key,
			    value);
		return 0;
	case SET_INT:
	case SET_BYTES:
	case SET_SECONDS:
		if (parse_number(s, value, &n) != 0 || n < s->min ||
		    n > s->max)
			return err_set(e, ERR_INVAL,
			    "%s: \"%s\" is not a number from %lld to %lld",
			    s->key, value, (long long)s->min,
			    (long long)s->max);
		*int_field(cfg, s) = n;
		return 0;
	}
	return ERR_INVAL;
}

int
config_set(struct config *cfg, const char *key, const char *value,
    struct err *e)
{
	const struct setting *s = find_setting(key);

	if (s == NULL)
		return err_set(e, ERR_INVAL, "unknown setting \"%s\"", key);
	return apply(cfg, s, value, e);
}

static char *
default_db_path(void)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;

	if (data && *data)
		(void)buf_printf(&b, "%s/tidings/tidings.db", data);
	else if (home && *home)
		(void)buf_printf(&b, "%s/.local/share/tidings/tidings.db",
		    home);
	else
		(void)buf_puts(&b, "tidings.db");
	return buf_detach(&b);
}

int
config_defaults(struct config *cfg)
{
	size_t i;
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < ARRAY_LEN(settings); i++) {
		if (settings[i].def == NULL)
			continue;
		if ((rc = apply(cfg, &settings[i], settings[i].def, NULL)) != 0)
			return rc;
	}
	if ((cfg->db_path = default_db_path()) == NULL)
		return ERR_NOMEM;
	return 0;
}

static int
load_file(struct config *cfg, const char *path, bool must_exist,
    struct err *e)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int lineno = 0, rc = 0;

	if (f == NULL) {
		if (!must_exist && errno == ENOENT)
			return 0;
		return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	}
	while (fgets(line, sizeof(line), f)) {
		char *eq, *key, *val;
		struct str k, v;

		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			rc = err_set(e, ERR_INVAL, "%s:%d: line too long",
			    path, lineno);
			break;
		}
		k = str_trim(str_from(line));
		if (k.n == 0 || k.p[0] == '#' || k.p[0] == ';')
			continue;
		if ((eq = memchr(k.p, '=', k.n)) == NULL) {
			rc = err_set(e, ERR_INVAL,
			    "%s:%d: expected \"key = value\"", path, lineno);
			break;
		}
		v = str_trim((struct str){ eq + 1,
		    (size_t)(k.p + k.n - eq - 1) });
		k = str_trim((struct str){ k.p, (size_t)(eq - k.p) });
		key = str_dup(k);
		val = str_dup(v);
		if (key == NULL || val == NULL) {
			free(key);
			free(val);
			rc = err_set(e, ERR_NOMEM, "out of memory");
			break;
		}
		rc = config_set(cfg, key, val, e);
		free(key);
		free(val);
		if (rc != 0) {
			if (e) {
				char msg[sizeof(e->msg)];

				memcpy(msg, e->msg, sizeof(msg));
				err_set(e, rc, "%s:%d: %s", path, lineno, msg);
			}
			break;
		}
	}
	fclose(f);
	if (rc == 0 && (cfg->config_path = strdup(path)) == NULL)
		rc = ERR_NOMEM;
	return rc;
}

static int
load_env(struct config *cfg, struct err *e)
{
	char name[128];
	size_t i, j;
	int rc;

	for (i = 0; i < ARRAY_LEN(settings); i++) {
		const char *key = settings[i].key, *val;

		snprintf(name, sizeof(name), "TIDINGS_%s", key);
		for (j = 8; name[j]; j++)
			name[j] = name[j] == '.' ? '_'
			    : (char)toupper((unsigned char)name[j]);
		if ((val = getenv(name)) == NULL)
			continue;
		if ((rc = apply(cfg, &settings[i], val, e)) != 0)
			return rc;
	}
	return 0;
}

int
config_load(struct config *cfg, const char *path, struct err *e)
{
	struct buf def = BUF_INIT;
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int rc;

	if ((rc = config_defaults(cfg)) != 0)
		return err_set(e, rc, "out of memory");
	if (path == NULL)
		path = getenv("TIDINGS_CONFIG");
	if (path != NULL) {
		rc = load_file(cfg, path, true, e);
	} else {
		if (xdg && *xdg)
			rc = buf_printf(&def, "%s/tidings/tidings.conf", xdg);
		else if (home && *home)
			rc = buf_printf(&def, "%s/.config/tidings/tidings.conf",
			    home);
		if (rc == 0 && def.len)
			rc = load_file(cfg, def.p, false, e);
		buf_release(&def);
	}
	if (rc == 0)
		rc = load_env(cfg, e);
	return rc;
}

int
config_dump(const struct config *cfg, struct buf *out)
{
	size_t i;
	int rc = 0;

	if (cfg->config_path)
		rc = buf_printf(out, "# config file: %s\n", cfg->config_path);
	else
		rc = buf_puts(out, "# config file: none\n");
	for (i = 0; rc == 0 && i < ARRAY_LEN(settings); i++) {
		const struct setting *s = &settings[i];
		struct config *c = (struct config *)cfg;

		rc = buf_printf(out, "# %s\n%s = ", s->help, s->key);
		if (rc != 0)
			break;
		switch (s->type) {
		case SET_STRING:
			rc = buf_puts(out, *str_field(c, s) ? *str_field(c, s)
			    : "");
			break;
		case SET_BOOL:
			rc = buf_puts(out, *bool_field(c, s) ? "true"
			    : "false");
			break;
		default:
			rc = buf_printf(out, "%lld",
			    (long long)*int_field(c, s));
			break;
		}
		if (rc == 0)
			rc = buf_putc(out, '\n');
	}
	return rc;
}

void
config_release(struct config *cfg)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(settings); i++)
		if (settings[i].type == SET_STRING)
			FREE_NULL(*str_field(cfg, &settings[i]));
	FREE_NULL(cfg->config_path);
}
