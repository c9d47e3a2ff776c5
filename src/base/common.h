/*
 * common.h: included first by every .c file of tidings.
 *
 * It fixes the feature-test macros (we use POSIX and a few GNU/BSD calls such
 * as timegm and strcasecmp), pulls in the C headers nearly every module
 * needs, and defines the few macros shared by all layers. Nothing here may
 * depend on an external library.
 */
#ifndef TD_BASE_COMMON_H
#define TD_BASE_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x) ((void)(x))

/* Free a heap pointer and clear it, so a second free or a use after the
 * cleanup label is harmless. */
#define FREE_NULL(p) do { free(p); (p) = NULL; } while (0)

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define WARN_UNUSED __attribute__((warn_unused_result))
#else
#define PRINTF_LIKE(f, a)
#define WARN_UNUSED
#endif

#endif
