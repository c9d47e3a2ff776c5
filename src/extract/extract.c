/*
 * extract/extract.c: placeholder while the extractor is written.
 */
#include "base/common.h"

#include "extract/extract.h"

int
extract_page_opts(const char *bytes, size_t n, const char *page_url,
    const char *http_charset, const struct extract_opts *opts,
    struct extract_result *out, struct err *e)
{
	UNUSED(bytes); UNUSED(n); UNUSED(page_url); UNUSED(http_charset);
	UNUSED(opts);
	memset(out, 0, sizeof(*out));
	return err_set(e, ERR_UNSUPPORTED, "extraction not implemented yet");
}

int
extract_page(const char *bytes, size_t n, const char *page_url,
    const char *http_charset, struct extract_result *out, struct err *e)
{
	return extract_page_opts(bytes, n, page_url, http_charset, NULL, out,
	    e);
}

void
extract_result_release(struct extract_result *r)
{
	UNUSED(r);
}
