/*
 * date_test.c: RFC 822 and ISO 8601 dates as feeds write them. Each row
 * is the text, whether it must parse, and the Unix time it means
 * (computed independently with Python's calendar.timegm).
 */
#include "base/common.h"

#include "base/err.h"
#include "feed/feed.h"
#include "unit.h"

enum date_fn { DATE_RFC822, DATE_ISO8601, DATE_PARSE };

struct date_case {
	enum date_fn fn;
	const char *text;
	bool ok;
	int64_t want;
};

static const struct date_case date_cases[] = {
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 GMT", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 +0000", true, 1795946400LL },
	{ DATE_RFC822, "29 Nov 2026 10:00:00 GMT", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00 GMT", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 26 10:00:00 GMT", true, 1795946400LL },
	{ DATE_RFC822, "Mon, 01 Mar 99 12:00:00 GMT", true, 920289600LL },
	{ DATE_RFC822, "Sun, 1 Nov 2026 10:00:00 GMT", true, 1793527200LL },
	{ DATE_RFC822, "Sun, 29 November 2026 10:00:00 GMT", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 EST", true, 1795964400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 EDT", true, 1795960800LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 CST", true, 1795968000LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 CDT", true, 1795964400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 MST", true, 1795971600LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 MDT", true, 1795968000LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 PST", true, 1795975200LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 PDT", true, 1795971600LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 UT", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 UTC", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 Z", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 A", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 +0530", true, 1795926600LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 -05:00", true, 1795964400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 +01", true, 1795942800LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 GMT+0100", true, 1795942800LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 +0000 (Coordinated Universal Time)", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00 GMT junk here", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026", true, 1795910400LL },
	{ DATE_RFC822, "  Sun,29 Nov 2026 10:00:00 GMT  ", true, 1795946400LL },
	{ DATE_RFC822, "Sun 29 Nov 2026 10:00:00 GMT", true, 1795946400LL },
	{ DATE_RFC822, "Sun Nov 29 10:00:00 2026", true, 1795946400LL },
	{ DATE_RFC822, "November 29, 2026 10:00 PST", true, 1795975200LL },
	{ DATE_RFC822, "Nov 29, 2026", true, 1795910400LL },
	{ DATE_RFC822, "29-Nov-2026 10:00:00 GMT", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:00:00.123 GMT", true, 1795946400LL },
	{ DATE_RFC822, "Sun, 29 Nov 2026 9:05:07 GMT", true, 1795943107LL },
	{ DATE_RFC822, "Thu, 29 Feb 2024 10:00:00 GMT", true, 1709200800LL },
	{ DATE_RFC822, "Sun, 31 Dec 2026 23:59:60 GMT", true, 1798761600LL },
	{ DATE_RFC822, "So, 29 Nov 2026 10:00:00 +0100", true, 1795942800LL },
	{ DATE_RFC822, "Mi, 03 M\xc3""\xa4""rz 2026 10:00:00 +0100", true, 1772528400LL },
	{ DATE_RFC822, "Do, 17 Dez 2026 08:00:00 +0100", true, 1797490800LL },
	{ DATE_RFC822, "Di, 5 Okt 2026 08:00:00 GMT", true, 1791187200LL },
	{ DATE_RFC822, "dim., 29 nov. 2026 10:00:00 +0100", true, 1795942800LL },
	{ DATE_RFC822, "mar., 4 ao\xc3""\xbb""t 2026 10:00:00 +0200", true, 1785830400LL },
	{ DATE_RFC822, "jeu., 17 d\xc3""\xa9""c. 2026 10:00:00 +0100", true, 1797498000LL },
	{ DATE_RFC822, "lun, 12 f\xc3""\xa9""vr 2026 10:00:00 +0100", true, 1770886800LL },
	{ DATE_RFC822, "Mar, 03 Jun 2026 10:00:00 GMT", true, 1780480800LL },
	{ DATE_RFC822, "mi\xc3""\xa9"", 14 ene 2026 10:00:00 +0100", true, 1768381200LL },
	{ DATE_RFC822, "S\xc3""\xa1""b, 5 Dic 2026 10:00:00 -0300", true, 1796475600LL },
	{ DATE_RFC822, "mer, 7 ott 2026 10:00:00 +0200", true, 1791360000LL },
	{ DATE_RFC822, "Gio, 10 Giu 2026 10:00:00 +0200", true, 1781078400LL },
	{ DATE_RFC822, "ma, 16 mrt 2026 10:00:00 +0100", true, 1773651600LL },
	{ DATE_RFC822, "wo, 6 mei 2026 10:00:00 +0200", true, 1778054400LL },
	{ DATE_RFC822, "Qua, 2 Set 2026 10:00:00 -0300", true, 1788354000LL },
	{ DATE_RFC822, "Seg, 5 Out 2026 10:00:00 -0300", true, 1791205200LL },
	{ DATE_RFC822, "Sex, 18 Dezembro 2026 10:00:00 -0300", true, 1797598800LL },
	{ DATE_RFC822, "Sun, 31 Feb 2026 10:00:00 GMT", false, 0 },
	{ DATE_RFC822, "Sun, 29 Feb 2026 10:00:00 GMT", false, 0 },
	{ DATE_RFC822, "Sun, 29 Nov 2026 25:00:00 GMT", false, 0 },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:61:00 GMT", false, 0 },
	{ DATE_RFC822, "Sun, 29 Foo 2026 10:00:00 GMT", false, 0 },
	{ DATE_RFC822, "Sun, 29 Jui 2026 10:00:00 GMT", false, 0 },
	{ DATE_RFC822, "Sun, 0 Nov 2026 10:00:00 GMT", false, 0 },
	{ DATE_RFC822, "yesterday", false, 0 },
	{ DATE_RFC822, "", false, 0 },
	{ DATE_RFC822, "Sun, 29 Nov", false, 0 },
	{ DATE_RFC822, "Sun, 29 Nov 2026 10:0 GMT", false, 0 },
	{ DATE_ISO8601, "2026-11-29T10:00:00Z", true, 1795946400LL },
	{ DATE_ISO8601, "2026-11-29T10:00:00+00:00", true, 1795946400LL },
	{ DATE_ISO8601, "2026-11-29T10:00:00.123456Z", true, 1795946400LL },
	{ DATE_ISO8601, "2026-11-29T10:00:00,5Z", true, 1795946400LL },
	{ DATE_ISO8601, "2026-11-29T10:00Z", true, 1795946400LL },
	{ DATE_ISO8601, "2026-11-29T10:00:00+01:00", true, 1795942800LL },
	{ DATE_ISO8601, "2026-11-29T10:00:00-0800", true, 1795975200LL },
	{ DATE_ISO8601, "2026-11-29T10:00:00+05", true, 1795928400LL },
	{ DATE_ISO8601, "2026-11-29t10:00:00z", true, 1795946400LL },
	{ DATE_ISO8601, "2026-11-29 10:00:00", true, 1795946400LL },
	{ DATE_ISO8601, "2026-11-29T10:00:00", true, 1795946400LL },
	{ DATE_ISO8601, "20261129T100000Z", true, 1795946400LL },
	{ DATE_ISO8601, "20261129T1000Z", true, 1795946400LL },
	{ DATE_ISO8601, "20261129", true, 1795910400LL },
	{ DATE_ISO8601, "2026-11-29", true, 1795910400LL },
	{ DATE_ISO8601, "2026-11", true, 1793491200LL },
	{ DATE_ISO8601, "2026", true, 1767225600LL },
	{ DATE_ISO8601, " 2026-11-29T10:00:00Z\n", true, 1795946400LL },
	{ DATE_ISO8601, "1969-12-31T23:59:59Z", true, -1LL },
	{ DATE_ISO8601, "2000-02-29T00:00:00Z", true, 951782400LL },
	{ DATE_ISO8601, "2026-11-29T10:00:00 UTC", true, 1795946400LL },
	{ DATE_ISO8601, "2026-02-30T10:00:00Z", false, 0 },
	{ DATE_ISO8601, "1900-02-29", false, 0 },
	{ DATE_ISO8601, "2026-13-01", false, 0 },
	{ DATE_ISO8601, "2026-11-29T24:00:00Z", false, 0 },
	{ DATE_ISO8601, "2026-11-29T10:00:00+25:00", false, 0 },
	{ DATE_ISO8601, "2026-11-29T10", false, 0 },
	{ DATE_ISO8601, "2026-1-9", false, 0 },
	{ DATE_ISO8601, "26-11-29", false, 0 },
	{ DATE_ISO8601, "2026-11-29T10:00:00Zjunk", false, 0 },
	{ DATE_ISO8601, "2026-11-29T10:00:00.Z", false, 0 },
	{ DATE_ISO8601, "", false, 0 },
	{ DATE_PARSE, "2026-11-29T10:00:00Z", true, 1795946400LL },
	{ DATE_PARSE, "Sun, 29 Nov 2026 10:00:00 GMT", true, 1795946400LL },
	{ DATE_PARSE, "29 Nov 2026", true, 1795910400LL },
	{ DATE_PARSE, "2026-11-29", true, 1795910400LL },
	{ DATE_PARSE, "not a date", false, 0 },
};

TEST(feed_date_table)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(date_cases); i++) {
		const struct date_case *c = &date_cases[i];
		int64_t got = 0;
		int rc;

		rc = c->fn == DATE_RFC822 ? feed_date_rfc822(c->text, &got) :
		    c->fn == DATE_ISO8601 ? feed_date_iso8601(c->text, &got) :
		    feed_date_parse(c->text, &got);
		if (c->ok && (rc != 0 || got != c->want))
			unit_fail(__FILE__, __LINE__, "\"%s\": rc %d, got %lld"
			    ", expected %lld", c->text, rc, (long long)got,
			    (long long)c->want);
		else if (!c->ok && rc == 0)
			unit_fail(__FILE__, __LINE__, "\"%s\": parsed as %lld"
			    ", expected a failure", c->text, (long long)got);
	}
}

TEST(feed_date_null_and_long_input)
{
	char big[300];
	int64_t t;

	CHECK_INT(feed_date_parse(NULL, &t), ERR_INVAL);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_INT(feed_date_parse(big, &t), ERR_INVAL);
	memset(big, '9', sizeof(big) - 1);
	CHECK_INT(feed_date_parse(big, &t), ERR_INVAL);
}
