/*
 * buf_test.c: struct buf, struct str and UTF-8 helpers.
 */
#include "base/common.h"

#include "base/buf.h"
#include "base/err.h"
#include "base/str.h"
#include "base/utf8.h"
#include "unit.h"

TEST(buf_append_and_cap)
{
	struct buf b;

	buf_init(&b, 8);
	CHECK_INT(buf_puts(&b, "abcd"), 0);
	CHECK_INT(buf_printf(&b, "%d", 1234), 0);
	CHECK_STR(buf_cstr(&b), "abcd1234");
	CHECK_INT(buf_putc(&b, 'x'), ERR_TOOBIG);
	CHECK_STR(buf_cstr(&b), "abcd1234");
	buf_release(&b);
}

TEST(str_to_i64_ranges)
{
	int64_t v = 0;

	CHECK_INT(str_to_i64(STR_LIT(" 42 "), 0, 100, &v), 0);
	CHECK_INT(v, 42);
	CHECK_INT(str_to_i64(STR_LIT("101"), 0, 100, &v), ERR_INVAL);
	CHECK_INT(str_to_i64(STR_LIT("4x"), 0, 100, &v), ERR_INVAL);
	CHECK_INT(str_to_i64(STR_LIT("99999999999999999999"), INT64_MIN,
	    INT64_MAX, &v), ERR_INVAL);
	CHECK_INT(str_to_i64(STR_LIT("-9223372036854775808"), INT64_MIN,
	    INT64_MAX, &v), 0);
	CHECK(v == INT64_MIN);
}

TEST(utf8_repair_replaces_bad_bytes)
{
	struct buf b = BUF_INIT;

	CHECK(utf8_valid("caf\xC3\xA9", 5));
	CHECK(!utf8_valid("caf\xE9", 4));
	CHECK(!utf8_valid("\xC0\xAF", 2));      /* overlong */
	CHECK(!utf8_valid("\xED\xA0\x80", 3));  /* surrogate */
	CHECK_INT(utf8_repair(&b, "a\xE9z", 3), 0);
	CHECK_STR(buf_cstr(&b), "a\xEF\xBF\xBDz");
	CHECK_INT(utf8_cut("\xC3\xA9\xC3\xA9", 4, 3), 2);
	buf_release(&b);
}
