/*
 * cli/cmd_ask.c: `tidings ask ID QUESTION` and
 * `tidings ask-text --question Q [--lang L] FILE...`.
 *
 * `ask` answers from a stored article and its related articles
 * (core/answer.h) and prints each answering sentence with its source and
 * link, or "No answer found in these articles"; --json prints
 * {"answers": [{"text", "article_id", "source", "url"}]} (with "message"
 * when there is none), as the site's API does.
 *
 * Answers a question from plain-text (or HTML) files, each one a document,
 * with nlp/ask, and prints {"question", "answers": [{"sentence", "file",
 * "score"}]} as JSON; an empty answers list means "No answer found in
 * these articles". This is the store-free twin of `tidings ask ID`.
 */
#include "base/common.h"

#include <stdio.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/str.h"
#include "cli/cli_int.h"
#include "core/answer.h"
#include "nlp/ask.h"
#include "store/store.h"

#define ASK_SYNOPSIS "ask-text --question Q [--lang L] FILE..."
#define ASK_ID_SYNOPSIS "ask [--json] ID QUESTION"

static int
print_answers_json(const struct answer_list *l)
{
	json_t *o = json_object(), *a = json_array();
	char *dump;

	for (size_t i = 0; i < l->n; i++) {
		json_t *x = json_object();

		json_object_set_new(x, "text", json_string(l->v[i].text));
		json_object_set_new(x, "article_id",
		    json_integer(l->v[i].article_id));
		json_object_set_new(x, "source", l->v[i].source ?
		    json_string(l->v[i].source) : json_null());
		json_object_set_new(x, "url", l->v[i].url ?
		    json_string(l->v[i].url) : json_null());
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "answers", a);
	if (l->n == 0)
		json_object_set_new(o, "message", json_string(ANSWER_NONE));
	dump = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (dump == NULL)
		return cli_fail("ask: out of memory");
	puts(dump);
	free(dump);
	return 0;
}

int
cmd_ask(struct cli *cli, int argc, char **argv)
{
	struct answer_list l = { 0 };
	struct err e = { 0 };
	const char *q = NULL, *ids = NULL;
	struct store *s;
	bool json = false;
	int64_t id;
	int i, status = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (ids == NULL)
			ids = argv[i];
		else if (q == NULL)
			q = argv[i];
		else
			return cli_usage(ASK_ID_SYNOPSIS);
	}
	if (ids == NULL || q == NULL)
		return cli_usage(ASK_ID_SYNOPSIS);
	if (str_to_i64(str_from(ids), 1, INT64_MAX, &id) != 0)
		return cli_fail("ask: '%s' is not an article id", ids);
	if ((s = cli_open_store(cli)) == NULL)
		return 1;
	if (answer_question(s, id, q, &l, &e) != 0) {
		if (e.code == ERR_NOTFOUND)
			cli_fail("ask: no article %s", ids);
		else
			cli_fail("ask: %s", e.msg);
		goto out;
	}
	if (json) {
		if (print_answers_json(&l) != 0)
			goto out;
	} else if (l.n == 0) {
		printf("%s\n", ANSWER_NONE);
	} else {
		for (size_t k = 0; k < l.n; k++)
			printf("%s\n    -- %s%s%s\n", l.v[k].text,
			    l.v[k].source ? l.v[k].source : "?",
			    l.v[k].url ? ": " : "", l.v[k].url ? l.v[k].url
			    : "");
	}
	status = fflush(stdout) == 0 ? 0 : cli_fail("ask: write error");
out:
	answer_list_release(&l);
	store_close(s);
	return status;
}
#define ASK_MAX_INPUT ((size_t)4 << 20)

int
cmd_ask_text(struct cli *cli, int argc, char **argv)
{
	struct ask_doc docs[ASK_MAX_DOCS];
	struct buf texts[ASK_MAX_DOCS];
	struct ask_result r = { 0 };
	struct err e = { 0 };
	const char *q = NULL, *lang = NULL;
	size_t nd = 0, i;
	json_t *o, *a;
	char *dump;
	int status = 1;

	UNUSED(cli);
	memset(docs, 0, sizeof(docs));
	memset(texts, 0, sizeof(texts));
	for (i = 1; i < (size_t)argc; i++) {
		const char *v = argv[i];

		if (!strcmp(v, "--question") && i + 1 < (size_t)argc) {
			q = argv[++i];
		} else if (!strncmp(v, "--question=", 11)) {
			q = v + 11;
		} else if (!strcmp(v, "--lang") && i + 1 < (size_t)argc) {
			lang = argv[++i];
		} else if (v[0] == '-' && v[1] != '\0') {
			return cli_usage(ASK_SYNOPSIS);
		} else if (nd == ASK_MAX_DOCS) {
			return cli_fail("ask-text: at most %d files",
			    ASK_MAX_DOCS);
		} else {
			docs[nd].url = v;
			docs[nd].lang = lang;
			nd++;
		}
	}
	if (q == NULL || nd == 0)
		return cli_usage(ASK_SYNOPSIS);
	for (i = 0; i < nd; i++) {
		struct buf raw = BUF_INIT;
		int rc = cli_read_input(docs[i].url, ASK_MAX_INPUT, &raw);

		if (rc == 0)
			rc = cli_input_text(docs[i].url, &raw, &texts[i]);
		buf_release(&raw);
		if (rc != 0)
			goto out;
		docs[i].id = (int64_t)i + 1;
		docs[i].source = docs[i].url;
		docs[i].text = buf_cstr(&texts[i]);
	}
	if (ask_answer(q, docs, nd, NULL, &r, &e) != 0) {
		cli_fail("ask-text: %s", e.msg);
		goto out;
	}
	o = json_object();
	a = json_array();
	json_object_set_new(o, "question", json_string(q));
	for (i = 0; i < r.n; i++) {
		json_t *x = json_object();

		json_object_set_new(x, "sentence",
		    json_string(r.v[i].sentence));
		json_object_set_new(x, "file",
		    json_string(docs[r.v[i].doc].url));
		json_object_set_new(x, "score", json_real(
		    (double)(long long)(r.v[i].score * 1000 + 0.5) / 1000));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "answers", a);
	dump = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (dump == NULL) {
		cli_fail("ask-text: out of memory");
		goto out;
	}
	puts(dump);
	free(dump);
	status = fflush(stdout) == 0 ? 0 : cli_fail("ask-text: write error");
out:
	ask_result_release(&r);
	for (i = 0; i < nd; i++)
		buf_release(&texts[i]);
	return status;
}
