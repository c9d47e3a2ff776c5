/*
 * web/api_ask.c: GET /api/v1/articles/{id}/ask?q=QUESTION, a reader's
 * question answered from the article and its related articles.
 *
 * The answers are those of the article page's question box and of
 * `tidings ask --json`: all three call answer_question (core/answer.h).
 * The reply is {"question", "answers": [{"text", "article_id", "title",
 * "source", "url"}]}, best first, 1-3 of them; when nothing clears the
 * relevance bar, "answers" is empty and "message" says so. Errors are
 * the API's JSON errors: 400 for a missing, blank or over-long question,
 * 404 for an unknown article.
 */
#include "base/common.h"

#include <jansson.h>
#include <stdio.h>

#include "core/answer.h"
#include "store/store.h"
#include "web/html.h"
#include "web/web_int.h"

static bool
blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

int
web_ask_question(struct web_req *r, const char **q)
{
	const char *v = web_arg(r, "q");

	*q = NULL;
	if (v == NULL || blank(v))
		return 0;
	if (strlen(v) > WEB_ASK_MAX)
		return web_req_fail(r, "the question is longer than %d bytes",
		    WEB_ASK_MAX);
	*q = v;
	return 0;
}

static int
set(json_t *o, const char *key, json_t *v)
{
	return v && json_object_set_new(o, key, v) == 0 ? 0 : ERR_NOMEM;
}

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
answer_json(const struct answer *x)
{
	json_t *o = json_object();
	int rc = 0;

	if (o == NULL)
		return NULL;
	rc |= set(o, "text", json_string(x->text));
	rc |= set(o, "article_id", json_integer(x->article_id));
	rc |= set(o, "title", jstr(x->title));
	rc |= set(o, "source", jstr(x->source));
	rc |= set(o, "url", jstr(x->url && web_html_url_ok(x->url) ? x->url
	    : NULL));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int
web_api_ask(struct web_req *r)
{
	struct answer_list al = { 0 };
	struct err e = { 0 };
	struct store *st;
	json_t *root = NULL, *arr;
	const char *q;
	char *s = NULL;
	size_t i;
	int rc;

	if ((rc = web_ask_question(r, &q)) != 0)
		return rc;
	if (q == NULL)
		return web_req_fail(r, "the question (q) is missing or blank");
	if ((st = web_store(r)) == NULL)
		return ERR_DB;
	if ((rc = answer_question(st, r->id, q, &al, &e)) != 0) {
		if (rc == ERR_INVAL)
			return web_req_fail(r, "the question has no words");
		return rc;
	}
	rc = ERR_NOMEM;
	if ((root = json_object()) == NULL || (arr = json_array()) == NULL ||
	    set(root, "question", json_string(q)) != 0 ||
	    set(root, "answers", arr) != 0)
		goto out;
	for (i = 0; i < al.n; i++)
		if (json_array_append_new(arr, answer_json(&al.v[i])) != 0)
			goto out;
	if (al.n == 0 && set(root, "message", json_string(ANSWER_NONE)) != 0)
		goto out;
	if ((s = json_dumps(root, JSON_COMPACT)) == NULL)
		goto out;
	r->content_type = "application/json; charset=utf-8";
	buf_reset(&r->body);
	if ((rc = buf_puts(&r->body, s)) == 0)
		rc = buf_putc(&r->body, '\n');
out:
	free(s);
	json_decref(root);
	answer_list_release(&al);
	return rc;
}
