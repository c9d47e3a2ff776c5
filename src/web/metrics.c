/*
 * web/metrics.c: request counters and latency histograms per route, in the
 * Prometheus text format.
 *
 * Pool threads update the counters with relaxed atomic adds: a scrape may
 * see a count one request ahead of its histogram, which Prometheus
 * tolerates, and no lock sits on the request path.
 */
#include "base/common.h"

#include <stdatomic.h>

#include "web/web_int.h"

/* Upper bounds in microseconds; the last bucket is +Inf. */
static const int64_t bounds_us[] = {
	500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 1000000,
};

#define N_BUCKETS (ARRAY_LEN(bounds_us) + 1)
#define N_CLASSES 5 /* 1xx..5xx */

struct route_metrics {
	atomic_uint_fast64_t by_class[N_CLASSES];
	atomic_uint_fast64_t buckets[N_BUCKETS];
	atomic_uint_fast64_t sum_us;
	atomic_uint_fast64_t count;
};

struct web_metrics {
	size_t n; /* routes, plus one slot for unrouted requests */
	struct route_metrics r[];
};

struct web_metrics *
web_metrics_new(size_t n_routes)
{
	struct web_metrics *m;

	m = calloc(1, sizeof(*m) + (n_routes + 1) * sizeof(m->r[0]));
	if (m != NULL)
		m->n = n_routes + 1;
	return m;
}

void
web_metrics_free(struct web_metrics *m)
{
	free(m);
}

void
web_metrics_observe(struct web_metrics *m, int route, int status,
    int64_t micros)
{
	struct route_metrics *rm;
	size_t b, cls;

	if (m == NULL)
		return;
	rm = &m->r[route >= 0 && (size_t)route < m->n - 1 ? (size_t)route
	    : m->n - 1];
	cls = status >= 100 && status < 600 ? (size_t)(status / 100 - 1) : 4;
	if (micros < 0)
		micros = 0;
	for (b = 0; b < ARRAY_LEN(bounds_us) && micros > bounds_us[b]; b++)
		;
	atomic_fetch_add_explicit(&rm->by_class[cls], 1,
	    memory_order_relaxed);
	atomic_fetch_add_explicit(&rm->buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&rm->sum_us, (uint_fast64_t)micros,
	    memory_order_relaxed);
	atomic_fetch_add_explicit(&rm->count, 1, memory_order_relaxed);
}

static uint64_t
load(atomic_uint_fast64_t *v)
{
	return (uint64_t)atomic_load_explicit(v, memory_order_relaxed);
}

int
web_metrics_write(struct web_metrics *m, struct buf *out)
{
	size_t i, b, c;
	int rc = 0;

	rc |= buf_puts(out, "# HELP tidings_http_requests_total HTTP "
	    "requests by route and status class.\n"
	    "# TYPE tidings_http_requests_total counter\n");
	for (i = 0; i < m->n; i++) {
		const char *name = i < web_n_routes ? web_routes[i].name
		    : "none";

		for (c = 0; c < N_CLASSES; c++) {
			uint64_t v = load(&m->r[i].by_class[c]);

			if (v)
				rc |= buf_printf(out,
				    "tidings_http_requests_total{route=\"%s\","
				    "code=\"%zuxx\"} %llu\n", name, c + 1,
				    (unsigned long long)v);
		}
	}
	rc |= buf_puts(out, "# HELP tidings_http_request_duration_seconds "
	    "Time to render and queue a response.\n"
	    "# TYPE tidings_http_request_duration_seconds histogram\n");
	for (i = 0; i < m->n; i++) {
		const char *name = i < web_n_routes ? web_routes[i].name
		    : "none";
		uint64_t cum = 0;

		if (load(&m->r[i].count) == 0)
			continue;
		for (b = 0; b < N_BUCKETS; b++) {
			cum += load(&m->r[i].buckets[b]);
			if (b < ARRAY_LEN(bounds_us))
				rc |= buf_printf(out,
				    "tidings_http_request_duration_seconds_"
				    "bucket{route=\"%s\",le=\"%g\"} %llu\n",
				    name, (double)bounds_us[b] / 1e6,
				    (unsigned long long)cum);
			else
				rc |= buf_printf(out,
				    "tidings_http_request_duration_seconds_"
				    "bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
				    name, (unsigned long long)cum);
		}
		rc |= buf_printf(out, "tidings_http_request_duration_seconds_"
		    "sum{route=\"%s\"} %.6f\n", name,
		    (double)load(&m->r[i].sum_us) / 1e6);
		rc |= buf_printf(out, "tidings_http_request_duration_seconds_"
		    "count{route=\"%s\"} %llu\n", name,
		    (unsigned long long)load(&m->r[i].count));
	}
	return rc ? ERR_NOMEM : 0;
}
