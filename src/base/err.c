/*
 * err.c: recording failures in struct err.
 */
#include "base/common.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/err.h"

int
err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void
err_clear(struct err *e)
{
	if (e != NULL)
		memset(e, 0, sizeof(*e));
}

const char *
err_name(int code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_NOMEM: return "out of memory";
	case ERR_INVAL: return "invalid input";
	case ERR_TOOBIG: return "too big";
	case ERR_IO: return "i/o error";
	case ERR_PARSE: return "parse error";
	case ERR_NOTFOUND: return "not found";
	case ERR_HTTP: return "http error";
	case ERR_NET: return "network error";
	case ERR_DENIED: return "denied";
	case ERR_DB: return "database error";
	case ERR_UNSUPPORTED: return "unsupported";
	case ERR_TIMEOUT: return "timed out";
	case ERR_EXISTS: return "already exists";
	case ERR_NOTFEED: return "not a feed";
	case ERR_STOPPED: return "stopped";
	default: return "unknown error";
	}
}
