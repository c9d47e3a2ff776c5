/*
 * scan_test.c: the sixteen-byte scans against byte-at-a-time rules.
 */
#include "base/common.h"

#include "base/scan.h"
#include "unit.h"

/* A small generator, so that every run sees the same bytes. */
static uint32_t
next_rand(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 16;
}

/* Bytes drawn mostly from letters and single spaces, with now and then a
 * byte the scans must stop at (or must not). */
static void
fill(char *s, size_t n, uint32_t *state)
{
	static const char rare[] = { '\t', '\n', '\v', '\f', '\r', ' ', '&',
	    '<', '>', 0x7F, 0x01, 0x1F, (char)0x80, (char)0xC3, (char)0xFF,
	    '\0' };

	for (size_t i = 0; i < n; i++) {
		uint32_t r = next_rand(state) % 64;

		if (r < 48)
			s[i] = (char)('a' + r % 26);
		else if (r < 58)
			s[i] = ' ';
		else
			s[i] = rare[next_rand(state) % sizeof(rare)];
	}
}

static bool
white(unsigned char c, bool vt)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	    (vt && c == '\v');
}

TEST(scan_ctl_or_stops_where_bytes_would)
{
	uint32_t state = 7;
	char s[80];

	for (int round = 0; round < 2000; round++) {
		size_t n = next_rand(&state) % sizeof(s);
		const char *end = s + n, *p, *q = s;

		fill(s, n, &state);
		p = scan_ctl_or(s, end, '&', '<', '>', 0x7F);
		/* Nothing passed over is a stop; a stop short of the tail
		 * is the first one. */
		for (; q < p; q++)
			CHECK(!((unsigned char)*q < 0x20 || *q == '&' ||
			    *q == '<' || *q == '>' || *q == 0x7F));
		CHECK(p <= end);
		if (end - p >= 16)
			CHECK((unsigned char)*p < 0x20 || *p == '&' ||
			    *p == '<' || *p == '>' || *p == 0x7F);
	}
}

TEST(scan_words_stops_where_bytes_would)
{
	uint32_t state = 11;
	char s[80];

	for (int round = 0; round < 4000; round++) {
		size_t n = next_rand(&state) % sizeof(s);
		bool vt = round % 2 == 0;
		char stop = round % 3 == 0 ? '&' : '\0';
		const char *end = s + n, *p, *q;

		fill(s, n, &state);
		p = scan_words(s, end, vt, stop);
		CHECK(p <= end);
		for (q = s; q < end; q++) {
			unsigned char c = (unsigned char)*q;
			bool ends = *q == stop || (white(c, vt) && !(c == ' ' &&
			    q + 1 < end && !white((unsigned char)q[1], vt)));

			if (q < p)
				CHECK(!ends);
			else if (q == p && end - p >= 17)
				CHECK(ends);
		}
	}
}
