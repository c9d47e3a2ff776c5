/*
 * err.h: the one error currency of tidings.
 *
 * A function that can fail returns int: 0 on success, a negative ERR_* code
 * otherwise. Details (a message, an HTTP status, a line and column in a
 * feed) go into an optional struct err that the failing layer fills in.
 * Callers may pass NULL when they only need the code.
 */
#ifndef TD_BASE_ERR_H
#define TD_BASE_ERR_H

#include "base/common.h"

enum {
	ERR_OK = 0,
	ERR_NOMEM = -1,      /* an allocation failed */
	ERR_INVAL = -2,      /* a bad argument or malformed input */
	ERR_TOOBIG = -3,     /* a configured limit was exceeded */
	ERR_IO = -4,         /* a file or socket operation failed */
	ERR_PARSE = -5,      /* input could not be parsed at all */
	ERR_NOTFOUND = -6,   /* no such object */
	ERR_HTTP = -7,       /* the server answered with an error status */
	ERR_NET = -8,        /* DNS, connect, TLS or transfer failure */
	ERR_DENIED = -9,     /* refused by policy (private address, scheme) */
	ERR_DB = -10,        /* the database reported an error */
	ERR_UNSUPPORTED = -11, /* a format or feature we do not handle */
	ERR_TIMEOUT = -12,   /* a time limit was exceeded */
	ERR_EXISTS = -13,    /* the object already exists */
	ERR_NOTFEED = -14,   /* the input is not a feed (e.g. an HTML page) */
	ERR_STOPPED = -15,   /* work was interrupted on request */
};

/* Details of the last failure. msg is always NUL-terminated. */
struct err {
	int code;        /* the ERR_* code that was returned */
	int http_status; /* HTTP status when code is ERR_HTTP, else 0 */
	int line;        /* position in the input, 0 when unknown */
	int column;
	char msg[256];
};

/* Record a failure in e (which may be NULL) and return code, so that a
 * caller can write `return err_set(e, ERR_INVAL, "bad date %s", s);`. */
int err_set(struct err *e, int code, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Clear e (which may be NULL). */
void err_clear(struct err *e);

/* A short fixed name for a code, such as "not found". Never NULL. */
const char *err_name(int code);

#endif
