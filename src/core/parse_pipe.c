/*
 * core/parse_pipe.c: the parse worker (see parse_pipe.h).
 *
 * Two queues under one mutex: jobs in, events out. The worker takes the
 * oldest job, streams its body through a feed parser and appends an event
 * for every full batch and one at the end. Events are few and large (a
 * batch is hundreds of items), so one lock costs nothing measurable.
 */
#include "base/common.h"

#include <pthread.h>

#include "core/parse_pipe.h"

struct pipe_job {
	struct pipe_job *next;
	struct fetch_result res;   /* only the body is set */
	char *base_url;
	char *charset;
	size_t max_items;
	void *user;
	struct pipe_event *done;   /* made at submit, so it cannot fail */
};

struct pipe_event {
	struct pipe_event *next;
	struct parsed ev;
};

struct parse_pipe {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work;       /* a job arrived, or stop */
	pthread_cond_t ready;      /* an event arrived */
	pthread_cond_t room;       /* an event was taken, or stop */
	struct pipe_job *jobs, **jobs_tail;
	struct pipe_event *events, **events_tail;
	size_t n_events, max_events;
	size_t pending;            /* jobs whose PARSED_DONE is not taken */
	size_t batch_items;
	bool stop;
};

/* The worker's state while one job is parsed. */
struct pipe_run {
	struct parse_pipe *p;
	struct pipe_job *job;
	struct item **batch;
	size_t n_batch;
};

static void
job_free(struct pipe_job *j)
{
	free(j->done);
	fetch_result_release(&j->res);
	free(j->base_url);
	free(j->charset);
	free(j);
}

/* Append an event, waiting for room. Returns ERR_STOPPED when the pipe
 * is being freed (the event is then released here). */
static int
post(struct parse_pipe *p, struct pipe_event *e)
{
	pthread_mutex_lock(&p->lock);
	while (p->n_events >= p->max_events && !p->stop)
		pthread_cond_wait(&p->room, &p->lock);
	if (p->stop) {
		pthread_mutex_unlock(&p->lock);
		parsed_release(&e->ev);
		free(e);
		return ERR_STOPPED;
	}
	e->next = NULL;
	*p->events_tail = e;
	p->events_tail = &e->next;
	p->n_events++;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

/* Move the run's batch into e (the batch starts afresh). */
static void
take_batch(struct pipe_run *run, struct pipe_event *e, enum parsed_kind kind)
{
	e->ev.kind = kind;
	e->ev.user = run->job->user;
	e->ev.items = run->batch;
	e->ev.n_items = run->n_batch;
	feed_init(&e->ev.feed);
	run->batch = NULL;
	run->n_batch = 0;
}

static bool
stopping(struct parse_pipe *p)
{
	bool stop;

	pthread_mutex_lock(&p->lock);
	stop = p->stop;
	pthread_mutex_unlock(&p->lock);
	return stop;
}

static int
on_item(void *ctx, struct item *it)
{
	struct pipe_run *run = ctx;
	struct pipe_event *e;

	if (run->batch == NULL &&
	    (run->batch = calloc(run->p->batch_items, sizeof(*run->batch)))
	    == NULL) {
		item_free(it);
		return ERR_NOMEM;
	}
	run->batch[run->n_batch++] = it;
	if (run->n_batch < run->p->batch_items)
		return 0;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return ERR_NOMEM;
	take_batch(run, e, PARSED_BATCH);
	return post(run->p, e);
}

static int
push_chunk(void *ctx, const char *data, size_t n)
{
	void **pc = ctx;

	return feed_parser_push(pc[0], data, n, pc[1]);
}

static void
free_batch(struct item **batch, size_t n)
{
	for (size_t i = 0; i < n; i++)
		item_free(batch[i]);
	free(batch);
}

/* Parse one job; its PARSED_DONE always follows unless the pipe stops. */
static void
run_job(struct parse_pipe *p, struct pipe_job *job)
{
	struct pipe_run run = { p, job, NULL, 0 };
	struct feed_sink sink = { &run, on_item };
	struct feed_opts fo = { 0 };
	struct feed_parser *fp;
	struct pipe_event *done;
	struct feed feed;
	struct err e = { 0 };
	void *pc[2];
	int rc;

	feed_init(&feed);
	fo.base_url = job->base_url;
	fo.charset = job->charset;
	fo.max_items = job->max_items;
	if ((fp = feed_parser_new(&fo, &sink)) == NULL) {
		rc = err_set(&e, ERR_NOMEM, "out of memory");
	} else {
		pc[0] = fp;
		pc[1] = &e;
		rc = fetch_body_read(job->res.body, push_chunk, pc);
		if (rc == 0)
			rc = feed_parser_finish(fp, &feed, &e);
		feed_parser_free(fp);
	}
	if (rc == ERR_STOPPED && stopping(p)) {
		free_batch(run.batch, run.n_batch);
		feed_release(&feed);
		return;
	}
	done = job->done;
	job->done = NULL;
	take_batch(&run, done, PARSED_DONE);
	done->ev.feed = feed;
	done->ev.rc = rc;
	done->ev.err = e;
	post(p, done);
}

static void *
worker(void *arg)
{
	struct parse_pipe *p = arg;
	struct pipe_job *job;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->jobs == NULL && !p->stop)
			pthread_cond_wait(&p->work, &p->lock);
		if (p->stop) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		job = p->jobs;
		if ((p->jobs = job->next) == NULL)
			p->jobs_tail = &p->jobs;
		pthread_mutex_unlock(&p->lock);
		run_job(p, job);
		job_free(job);
	}
}

struct parse_pipe *
parse_pipe_new(size_t batch_items, size_t max_batches)
{
	struct parse_pipe *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->batch_items = batch_items ? batch_items : 1;
	p->max_events = max_batches ? max_batches : 1;
	p->jobs_tail = &p->jobs;
	p->events_tail = &p->events;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->room, NULL);
	/* libxml2 must be initialised once before threads use it. */
	feed_library_init();
	if (pthread_create(&p->thread, NULL, worker, p) != 0) {
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->work);
		pthread_cond_destroy(&p->ready);
		pthread_cond_destroy(&p->room);
		free(p);
		return NULL;
	}
	return p;
}

int
parse_pipe_submit(struct parse_pipe *p, struct fetch_result *res,
    const struct feed_opts *opts, void *user)
{
	struct pipe_job *j = calloc(1, sizeof(*j));

	if (j == NULL || (j->done = calloc(1, sizeof(*j->done))) == NULL ||
	    (opts->base_url && !(j->base_url = strdup(opts->base_url))) ||
	    (opts->charset && !(j->charset = strdup(opts->charset)))) {
		struct fetch_result drop = { 0 };

		drop.body = res->body;
		res->body = NULL;
		fetch_result_release(&drop);
		if (j)
			job_free(j);
		return ERR_NOMEM;
	}
	j->res.body = res->body;
	res->body = NULL;
	j->max_items = opts->max_items;
	j->user = user;
	pthread_mutex_lock(&p->lock);
	*p->jobs_tail = j;
	p->jobs_tail = &j->next;
	p->pending++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

size_t
parse_pipe_pending(const struct parse_pipe *p)
{
	size_t n;

	pthread_mutex_lock((pthread_mutex_t *)&p->lock);
	n = p->pending;
	pthread_mutex_unlock((pthread_mutex_t *)&p->lock);
	return n;
}

bool
parse_pipe_next(struct parse_pipe *p, bool wait, struct parsed *out)
{
	struct pipe_event *e;

	pthread_mutex_lock(&p->lock);
	while (p->events == NULL && wait && p->pending > 0)
		pthread_cond_wait(&p->ready, &p->lock);
	if ((e = p->events) == NULL) {
		pthread_mutex_unlock(&p->lock);
		return false;
	}
	if ((p->events = e->next) == NULL)
		p->events_tail = &p->events;
	p->n_events--;
	if (e->ev.kind == PARSED_DONE)
		p->pending--;
	pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->lock);
	*out = e->ev;
	free(e);
	return true;
}

void
parsed_release(struct parsed *ev)
{
	free_batch(ev->items, ev->n_items);
	ev->items = NULL;
	ev->n_items = 0;
	feed_release(&ev->feed);
}

void
parse_pipe_free(struct parse_pipe *p)
{
	struct pipe_event *e;
	struct pipe_job *j;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->room);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	while ((j = p->jobs) != NULL) {
		p->jobs = j->next;
		job_free(j);
	}
	while ((e = p->events) != NULL) {
		p->events = e->next;
		parsed_release(&e->ev);
		free(e);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->room);
	free(p);
}
