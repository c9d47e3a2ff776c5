/*
 * tools/nlp_samples.c: run the nlp modules over the bundled sample feeds
 * and print what they find (tags split and merged, boilerplate paragraphs,
 * entities) and how long they took per article. A developer's check, not
 * a test: it lives outside src/ because nlp/ may not depend on feed/.
 *
 *   make && cc -std=c11 -O2 -Isrc tools/nlp_samples.c build/libtidings.a \
 *     $(pkg-config --libs libxml-2.0 jansson libutf8proc) -lstemmer -lm \
 *     -o build/nlp-samples && build/nlp-samples samples/feeds/[a-z]*.xml \
 *     samples/feeds/civic-pulse.json
 */
#include "base/common.h"

#include <stdio.h>
#include <time.h>

#include "base/buf.h"
#include "feed/feed.h"
#include "nlp/boilerplate.h"
#include "nlp/entity.h"
#include "nlp/keyphrase.h"
#include "nlp/tags.h"
#include "text/text.h"

#define MAX_ITEMS 4096

struct art {
	int source;
	struct item *it;
	char lang[8];
};

static struct art arts[MAX_ITEMS];
static size_t n_arts;
static int cur_source;
static char cur_lang[8];

static int
on_item(void *ctx, struct item *it)
{
	UNUSED(ctx);
	if (n_arts == MAX_ITEMS) {
		item_free(it);
		return 0;
	}
	arts[n_arts].source = cur_source;
	arts[n_arts].it = it;
	snprintf(arts[n_arts].lang, sizeof(arts[n_arts].lang), "%s",
	    it->language ? it->language : cur_lang);
	n_arts++;
	return 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc(*n + 1);
	if (p && fread(p, 1, *n, f) != *n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	return p;
}

int
main(int argc, char **argv)
{
	struct tag_index *tags = tag_index_new();
	struct entity_known *known = entity_known_new();
	struct boilerplate_index *bp = boilerplate_index_new(NULL);
	struct keyphrase_df *df = keyphrase_df_new();
	struct text_ctx *kc = text_ctx_new();
	struct entity_list el = { 0 };
	struct keyphrase_list kl = { 0 };
	double t_tags = 0, t_bp = 0, t_ent = 0, t_kp = 0, t0;
	size_t n_split = 0, n_bp = 0;

	for (int i = 1; i < argc; i++) {
		size_t n;
		char *data = slurp(argv[i], &n);
		struct feed_sink sink = { NULL, on_item };
		struct feed feed;
		if (!data)
			continue;
		cur_source = i;
		if (feed_parse_buffer(data, n, NULL, &sink, &feed, NULL) == 0) {
			snprintf(cur_lang, sizeof(cur_lang), "%s",
			    feed.language ? feed.language : "en");
			for (size_t k = 0; k < n_arts; k++)
				if (arts[k].source == i && !arts[k].it->language)
					snprintf(arts[k].lang, 8, "%s", cur_lang);
			feed_release(&feed);
		}
		free(data);
	}
	printf("%zu articles\n", n_arts);

	/* Pass 1: publisher tags that are not glued. */
	t0 = now();
	for (size_t a = 0; a < n_arts; a++) {
		struct item *it = arts[a].it;
		for (size_t k = 0; k < it->n_tags; k++) {
			struct tag_split sp;
			const char *t = it->tags[k];
			tag_index_split(tags, t, strlen(t), arts[a].lang, &sp);
			if (sp.n == 0)
				tag_index_add(tags, t, strlen(t), arts[a].lang, 1);
		}
	}
	/* Pass 2: split what now splits. */
	printf("\n== glued tags split\n");
	for (size_t a = 0; a < n_arts; a++) {
		struct item *it = arts[a].it;
		for (size_t k = 0; k < it->n_tags; k++) {
			struct tag_split sp;
			const char *t = it->tags[k];
			tag_index_split(tags, t, strlen(t), arts[a].lang, &sp);
			if (sp.n < 2)
				continue;
			n_split++;
			printf("  %s ->", t);
			for (size_t p = 0; p < sp.n; p++)
				printf(" [%.*s]", (int)sp.piece[p].len,
				    t + sp.piece[p].off);
			printf("\n");
		}
	}
	t_tags = now() - t0;
	printf("%zu glued tags split; %zu distinct keys\n", n_split,
	    tag_index_size(tags));
	printf("\n== display forms of multi-spelling tags\n");
	{
		const char *probe[] = { "election", "climate change", "strike",
		    "Port of Northbay", "weather", "Shipping" };
		struct buf key = BUF_INIT;
		for (size_t i = 0; i < ARRAY_LEN(probe); i++) {
			tag_key(probe[i], strlen(probe[i]), NULL, &key);
			printf("  %-16s key=%-16s display=%s count=%u\n", probe[i],
			    buf_cstr(&key), tag_index_display(tags, buf_cstr(&key)),
			    tag_index_count(tags, buf_cstr(&key)));
		}
		buf_release(&key);
	}

	/* Boilerplate. */
	t0 = now();
	for (size_t a = 0; a < n_arts; a++) {
		struct item *it = arts[a].it;
		struct boilerplate_para p[256];
		uint64_t fps[256], crossed[256];
		size_t np, nc;
		if (!it->content_text)
			continue;
		np = boilerplate_paragraphs(it->content_text,
		    strlen(it->content_text), p, 256);
		if (np > 256)
			np = 256;
		for (size_t k = 0; k < np; k++)
			fps[k] = p[k].fp;
		boilerplate_index_add(bp, arts[a].source, (int64_t)a, fps, np,
		    crossed, &nc);
		for (size_t c = 0; c < nc; c++)
			for (size_t k = 0; k < np; k++)
				if (p[k].fp == crossed[c]) {
					n_bp++;
					printf("  crossed (source %d, article %zu): "
					    "%.70s...\n", arts[a].source, a,
					    it->content_text + p[k].off);
					break;
				}
	}
	t_bp = now() - t0;
	{
		size_t folded = 0, arts_with = 0;
		for (size_t a = 0; a < n_arts; a++) {
			struct item *it = arts[a].it;
			struct boilerplate_para p[256];
			size_t np, f = 0;
			if (!it->content_text)
				continue;
			np = boilerplate_paragraphs(it->content_text,
			    strlen(it->content_text), p, 256);
			for (size_t k = 0; k < np && k < 256; k++)
				if (boilerplate_index_is(bp, arts[a].source, p[k].fp))
					f++;
			folded += f;
			arts_with += f > 0;
		}
		printf("%zu fingerprints crossed; %zu paragraphs in %zu articles "
		    "are boilerplate\n", n_bp, folded, arts_with);
	}

	/* Learn names from the tag index display forms? Not typed; skip. */
	printf("\n== entities (first 12 articles with text, then totals)\n");
	t0 = now();
	size_t shown = 0, total_ent = 0;
	for (size_t a = 0; a < n_arts; a++) {
		struct item *it = arts[a].it;
		const char *txt = it->content_text;
		if (!txt)
			txt = it->summary ? it->summary : it->title;
		if (!txt)
			continue;
		entity_extract(txt, strlen(txt), arts[a].lang, known, &el);
		total_ent += el.n;
		if (shown < 12 && el.n > 3 && a % 7 == 0) {
			shown++;
			printf("-- %s [%s]\n", it->title, arts[a].lang);
			for (size_t e = 0; e < el.n; e++) {
				printf("   %-6s %u %s", entity_type_name(el.v[e].type),
				    el.v[e].count, el.v[e].name);
				for (size_t k = 0; k < el.v[e].n_aliases; k++)
					printf(" | %s", el.v[e].aliases[k]);
				printf("\n");
			}
		}
	}
	t_ent = now() - t0;
	printf("%zu entities in all\n", total_ent);

	/* Keyphrases: document frequencies first, then top phrases. */
	t0 = now();
	for (size_t a = 0; a < n_arts; a++) {
		struct item *it = arts[a].it;
		const char *txt = it->content_text ? it->content_text : it->title;
		if (txt)
			keyphrase_df_add(df, kc, txt, strlen(txt), arts[a].lang);
	}
	printf("\n== keyphrases (articles with fewer than 3 tags)\n");
	shown = 0;
	for (size_t a = 0; a < n_arts; a++) {
		struct item *it = arts[a].it;
		const char *txt = it->content_text;
		if (!txt)
			continue;
		keyphrase_extract(df, kc, txt, strlen(txt), arts[a].lang, 5, &kl);
		if (it->n_tags < 3 && shown < 15 && a % 3 == 0) {
			shown++;
			printf("-- %s [%s]:", it->title, arts[a].lang);
			for (size_t k = 0; k < kl.n; k++)
				printf(" [%s]", kl.v[k].phrase);
			printf("\n");
		}
	}
	t_kp = now() - t0;

	printf("\n== first pass, per article (us): tags %.1f, boilerplate %.1f, "
	    "entities %.1f, keyphrases (df + extract) %.1f\n",
	    1e6 * t_tags / n_arts, 1e6 * t_bp / n_arts, 1e6 * t_ent / n_arts,
	    1e6 * t_kp / n_arts);
	/* Warm timings: every step again, ten times over. */
	{
		enum { REPS = 10 };
		double t[5] = { 0 };
		size_t bytes = 0;
		struct keyphrase_df *df2 = keyphrase_df_new();
		struct boilerplate_index *bp2 = boilerplate_index_new(NULL);
		for (int r = 0; r < REPS; r++) {
			for (size_t a = 0; a < n_arts; a++) {
				struct item *it = arts[a].it;
				const char *txt = it->content_text ?
				    it->content_text : it->title;
				size_t tn;
				if (!txt)
					continue;
				tn = strlen(txt);
				if (r == 0)
					bytes += tn;
				t0 = now();
				for (size_t k = 0; k < it->n_tags; k++) {
					struct tag_split sp;
					tag_index_split(tags, it->tags[k],
					    strlen(it->tags[k]), arts[a].lang, &sp);
				}
				t[0] += now() - t0;
				t0 = now();
				struct boilerplate_para p[256];
				uint64_t fps[256];
				size_t np = boilerplate_paragraphs(txt, tn, p, 256);
				for (size_t k = 0; k < np && k < 256; k++)
					fps[k] = p[k].fp;
				boilerplate_index_add(bp2, arts[a].source,
				    (int64_t)a, fps, np < 256 ? np : 256, NULL, NULL);
				t[1] += now() - t0;
				t0 = now();
				entity_extract(txt, tn, arts[a].lang, known, &el);
				t[2] += now() - t0;
				t0 = now();
				keyphrase_df_add(df2, kc, txt, tn, arts[a].lang);
				t[3] += now() - t0;
				t0 = now();
				keyphrase_extract(df, kc, txt, tn, arts[a].lang, 5,
				    &kl);
				t[4] += now() - t0;
			}
		}
		double na = (double)n_arts * REPS;
		printf("== warm, per article (us; mean text %zu bytes): split "
		    "tags %.1f, boilerplate %.1f, entities %.1f, df add %.1f, "
		    "keyphrases %.1f; total %.1f\n", bytes / n_arts,
		    1e6 * t[0] / na, 1e6 * t[1] / na, 1e6 * t[2] / na,
		    1e6 * t[3] / na, 1e6 * t[4] / na,
		    1e6 * (t[0] + t[1] + t[2] + t[3] + t[4]) / na);
		keyphrase_df_free(df2);
		boilerplate_index_free(bp2);
	}
	entity_list_release(&el);
	keyphrase_list_release(&kl);
	for (size_t a = 0; a < n_arts; a++)
		item_free(arts[a].it);
	tag_index_free(tags);
	entity_known_free(known);
	boilerplate_index_free(bp);
	keyphrase_df_free(df);
	text_ctx_free(kc);
	return 0;
}
