/*
 * scan.h: skipping runs of ordinary text sixteen bytes a step.
 *
 * Every byte of every feed and body passes through a few loops that look
 * for the next byte needing attention (markup, an entity, a control byte,
 * a line break) and pass over all the others, one table look-up a byte.
 * With SSE2 (every x86-64) a run is tested sixteen bytes at a time. The
 * helpers only pass over bytes that are certainly ordinary: where they
 * stop, the caller's own byte loop decides, so its rules stay the one
 * definition of what is special.
 */
#ifndef TD_BASE_SCAN_H
#define TD_BASE_SCAN_H

#include "base/common.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The first byte of [p, end) that is below 0x20 or equal to one of a, b,
 * c, d (pass '\0' for an unused one), looking sixteen bytes a step; when
 * fewer than sixteen are left unseen, where the look stopped. Bytes from
 * 0x80 up never stop it. */
static inline const char *
scan_ctl_or(const char *p, const char *end, char a, char b, char c, char d)
{
#if defined(__SSE2__)
	const __m128i c1f = _mm_set1_epi8(0x1F), va = _mm_set1_epi8(a),
	    vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c),
	    vd = _mm_set1_epi8(d);

	while (end - p >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* x <= 0x1F as unsigned bytes: min(x, 0x1F) is x itself. */
		__m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x);
		unsigned m;

		hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(x, va),
		    _mm_cmpeq_epi8(x, vb)));
		hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(x, vc),
		    _mm_cmpeq_epi8(x, vd)));
		m = (unsigned)_mm_movemask_epi8(hit);
		if (m != 0)
			return p + __builtin_ctz(m);
		p += 16;
	}
#else
	UNUSED(end);
	UNUSED(a);
	UNUSED(b);
	UNUSED(c);
	UNUSED(d);
#endif
	return p;
}

/* The first byte of [p, end) that ends a run of words: white space (space,
 * tab, line feed, form feed, carriage return, and vertical tab when vt)
 * or stop (pass '\0' for none), except a single space followed by a byte
 * that is not white space, which words share. Looks sixteen bytes a step
 * while seventeen are left (the byte after each counts); then, or on a
 * stop, where the look stopped. */
static inline const char *
scan_words(const char *p, const char *end, bool vt, char stop)
{
#if defined(__SSE2__)
	const __m128i nine = _mm_set1_epi8(9), four = _mm_set1_epi8(4),
	    space = _mm_set1_epi8(' '), vtab = _mm_set1_epi8(vt ? 0x20 : 0x0B),
	    vstop = _mm_set1_epi8(stop);

	while (end - p >= 17) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)
		    (p + 1));
		/* Tab to carriage return: x - 9 <= 4 as unsigned bytes;
		 * then less the vertical tab unless it counts (vtab is a
		 * space then, which is white already). */
		__m128i tx = _mm_sub_epi8(x, nine), ty = _mm_sub_epi8(y, nine);
		__m128i sx = _mm_cmpeq_epi8(x, space);
		__m128i wx = _mm_or_si128(sx, _mm_andnot_si128(
		    _mm_cmpeq_epi8(x, vtab), _mm_cmpeq_epi8(_mm_min_epu8(tx,
		    four), tx)));
		__m128i wy = _mm_or_si128(_mm_cmpeq_epi8(y, space),
		    _mm_andnot_si128(_mm_cmpeq_epi8(y, vtab),
		    _mm_cmpeq_epi8(_mm_min_epu8(ty, four), ty)));
		__m128i shared = _mm_andnot_si128(wy, sx);
		__m128i end_run = _mm_or_si128(_mm_andnot_si128(shared, wx),
		    _mm_cmpeq_epi8(x, vstop));
		unsigned m = (unsigned)_mm_movemask_epi8(end_run);

		if (m != 0)
			return p + __builtin_ctz(m);
		p += 16;
	}
#else
	UNUSED(end);
	UNUSED(vt);
	UNUSED(stop);
#endif
	return p;
}

#endif
