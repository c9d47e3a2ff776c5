/*
 * utf8.h: UTF-8 checks at the border.
 *
 * Inside tidings all text is valid UTF-8. Bytes from outside pass through
 * utf8_repair (or a decoder that guarantees the same) before they enter the
 * model; invalid sequences become U+FFFD. Overlong forms, surrogates and
 * code points above U+10FFFF count as invalid.
 */
#ifndef TD_BASE_UTF8_H
#define TD_BASE_UTF8_H

#include "base/common.h"

struct buf;

/* Length of the valid sequence at s (1-4), or 0 if it is invalid or cut
 * short by n. On success *cp receives the code point. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Write cp as UTF-8 into out (4 bytes room); returns the length, or 0 for a
 * surrogate or a value above U+10FFFF. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* True when all n bytes form valid UTF-8. */
bool utf8_valid(const char *s, size_t n);

/* Append s to out with every invalid sequence replaced by U+FFFD. */
int utf8_repair(struct buf *out, const char *s, size_t n);

/* The largest length <= max at which s (valid UTF-8 of n bytes) can be cut
 * without splitting a code point. */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* Append cp as UTF-8 (U+FFFD for a value that cannot be encoded). */
int utf8_put(struct buf *out, uint32_t cp);

#endif
