/*
 * core/parse_pipe.h: feed bodies parsed on a worker thread, their items
 * handed back in order.
 *
 * An ingest round spends about as long parsing and sanitising feeds as it
 * spends in SQLite. The store has one writer, but parsing needs nothing
 * from the store, so one thread parses the next feeds while the caller
 * stores the previous ones. Jobs are parsed one after another in the
 * order they were submitted; each yields zero or more PARSED_BATCH events
 * (a feed's items as the parser streams them, so a 50,000-item feed is
 * never held whole) and one PARSED_DONE event with the feed's own fields
 * and the outcome. At most `max_batches` events wait for the caller:
 * when it falls behind, the worker waits rather than using more memory.
 */
#ifndef TIDINGS_CORE_PARSE_PIPE_H
#define TIDINGS_CORE_PARSE_PIPE_H

#include "base/common.h"
#include "base/err.h"
#include "feed/feed.h"
#include "fetch/fetch.h"

enum parsed_kind {
	PARSED_BATCH,       /* items, more to come */
	PARSED_DONE,        /* the last items (maybe none), feed, outcome */
};

struct parsed {
	enum parsed_kind kind;
	void *user;           /* as given to parse_pipe_submit */
	struct item **items;  /* owned by the receiver: item_free each */
	size_t n_items;
	struct feed feed;     /* PARSED_DONE: the feed's fields */
	int rc;               /* PARSED_DONE: 0 or the parser's ERR_* */
	struct err err;       /* PARSED_DONE: why, when rc != 0 */
};

struct parse_pipe;

/* A pipe whose batches hold up to batch_items items, with at most
 * max_batches events waiting. NULL when out of memory or the thread
 * cannot start. */
struct parse_pipe *parse_pipe_new(size_t batch_items, size_t max_batches);

/* Queue res's body for parsing with opts (its strings are copied). The
 * pipe takes the body: res->body is NULL afterwards, whatever the
 * outcome; the rest of res stays the caller's. */
int parse_pipe_submit(struct parse_pipe *p, struct fetch_result *res,
    const struct feed_opts *opts, void *user);

/* Jobs submitted whose PARSED_DONE has not been taken yet. */
size_t parse_pipe_pending(const struct parse_pipe *p);

/* The next event into *out. Without wait, returns false at once when
 * none is ready; with wait, blocks until one is (false only when nothing
 * is pending). Release *out with parsed_release. */
bool parse_pipe_next(struct parse_pipe *p, bool wait, struct parsed *out);

/* Free what the event still owns (items not taken, the feed). */
void parsed_release(struct parsed *ev);

/* Stop the worker, dropping jobs not yet parsed. NULL is a no-op. */
void parse_pipe_free(struct parse_pipe *p);

#endif
