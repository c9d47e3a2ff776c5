/*
 * extract/content.c: find the article body in a page and write it out.
 *
 * The tree is numbered in document order (a node's subtree is then a
 * contiguous index range, and every parent comes before its children), so
 * each pass is a loop over an array: no recursion anywhere, and each pass
 * is linear in the number of elements.
 *
 *  1. Number the elements, drop code and controls (script, style, form
 *     fields, nav, iframes, ...) and count text, link text, commas and
 *     "paragraph text" (text outside links in paragraph-like blocks).
 *  2. Mark page furniture: header/footer/aside and elements whose class or
 *     id says comment, share, related, newsletter, ad, cookie... unless
 *     they hold the article itself (an element marked as the article body
 *     with a good share of the page's paragraph text).
 *  3. Score: every paragraph gives points to its parent, grandparent and
 *     more distant ancestors (less each level), by length and commas (a
 *     box of <br>-separated paragraphs scores as those paragraphs, from
 *     itself up); class hints add or subtract; the total is scaled by
 *     1 - link density. The best-scoring element, moved up when the
 *     article is split over several siblings, is the article; siblings
 *     that look like article text (same class, long low-link paragraphs,
 *     headings before them, a text box before it that is not the
 *     article's header, the lead picture) are added.
 *  4. Clean inside: link lists, image-only boxes, form remnants, headings
 *     repeating the title, bylines and datelines, short blocks that are
 *     boilerplate phrases ("Read more:", "Advertisement", "Sign up"), and
 *     picture credits at the end of captions.
 *
 * If the result is short the passes run again with fewer furniture rules
 * (some sites class their whole page "...-sidebar-wrap").
 */
#include "base/common.h"

#include <strings.h>

#include "base/utf8.h"
#include "extract/extract_int.h"

/* Most elements looked at; a page with more fails with ERR_TOOBIG. */
#define EXTRACT_MAX_NODES 2000000
/* A paragraph shorter than this gives no points. */
#define EXTRACT_MIN_PARA 25
/* Below this many characters the extraction is retried more leniently. */
#define EXTRACT_RETRY_CHARS 250
/* Blocks longer than this are never taken for boilerplate phrases. */
#define EXTRACT_BOILER_MAX 200
/* Legal notices (disclaimers, affiliate disclosures) run longer. */
#define EXTRACT_NOTICE_MAX 400

enum {
	F_DROP = 1 << 0,   /* never content: skipped with its subtree */
	F_FURN = 1 << 1,   /* page furniture unless it holds the article */
	F_BLOCK = 1 << 2,  /* separates text blocks */
	F_PARA = 1 << 3,   /* a paragraph for scoring */
	F_LEAF = 1 << 4,   /* a paragraph when it has no block children */
	F_HEAD = 1 << 5,   /* h1-h6 */
	F_LIST = 1 << 6,   /* ul, ol, dl */
	F_LI = 1 << 7,
	F_A = 1 << 8,
	F_IMG = 1 << 9,
	F_FIGCAP = 1 << 10,
	F_BR = 1 << 11,
	F_INPUT = 1 << 12,
	F_CELL = 1 << 13,
	F_LINE = 1 << 14,  /* one line: li, tr, dt, dd */
	F_VOID = 1 << 15,
	F_COND = 1 << 16,  /* container checked by the conditional clean */
};

struct tag {
	const char *name;
	unsigned flags;
	int base; /* initial score as a candidate */
};

#define BL F_BLOCK
/* Sorted by name for bsearch. */
static const struct tag tags[] = {
	{ "a", F_A, 0 },
	{ "address", BL, -3 },
	{ "amp-img", F_IMG, 0 },
	{ "applet", F_DROP, 0 },
	{ "area", F_DROP, 0 },
	{ "article", BL | F_LEAF | F_COND, 8 },
	{ "aside", BL | F_FURN | F_COND, -5 },
	{ "audio", F_DROP, 0 },
	{ "base", F_DROP, 0 },
	{ "blockquote", BL | F_LEAF, 3 },
	{ "body", BL, 0 },
	{ "br", F_BR | F_VOID, 0 },
	{ "button", F_DROP, 0 },
	{ "canvas", F_DROP, 0 },
	{ "caption", BL, 0 },
	{ "center", BL | F_LEAF, 0 },
	{ "col", F_DROP, 0 },
	{ "colgroup", F_DROP, 0 },
	{ "datalist", F_DROP, 0 },
	{ "dd", BL | F_LEAF | F_LINE, -3 },
	{ "details", BL, 0 },
	{ "dialog", F_DROP, 0 },
	{ "div", BL | F_LEAF | F_COND, 5 },
	{ "dl", BL | F_LIST | F_COND, -3 },
	{ "dt", BL | F_LINE, -3 },
	{ "embed", F_DROP, 0 },
	{ "fieldset", BL, 0 },
	{ "figcaption", BL | F_LEAF | F_FIGCAP, 0 },
	{ "figure", BL | F_COND, 0 },
	{ "footer", BL | F_FURN, -5 },
	{ "form", BL | F_COND, -3 },
	{ "frame", F_DROP, 0 },
	{ "frameset", F_DROP, 0 },
	{ "h1", BL | F_HEAD, -5 },
	{ "h2", BL | F_HEAD, -5 },
	{ "h3", BL | F_HEAD, -5 },
	{ "h4", BL | F_HEAD, -5 },
	{ "h5", BL | F_HEAD, -5 },
	{ "h6", BL | F_HEAD, -5 },
	{ "head", F_DROP, 0 },
	{ "header", BL | F_FURN, -5 },
	{ "hr", BL | F_VOID, 0 },
	{ "iframe", F_DROP, 0 },
	{ "img", F_IMG | F_VOID, 0 },
	{ "input", F_DROP | F_INPUT, 0 },
	{ "label", F_DROP, 0 },
	{ "legend", BL, 0 },
	{ "li", BL | F_LI | F_LINE, -3 },
	{ "link", F_DROP, 0 },
	{ "main", BL | F_LEAF, 5 },
	{ "map", F_DROP, 0 },
	{ "math", F_DROP, 0 },
	{ "menu", F_DROP, 0 },
	{ "meta", F_DROP, 0 },
	{ "nav", F_DROP, 0 },
	{ "noscript", F_DROP, 0 },
	{ "object", F_DROP, 0 },
	{ "ol", BL | F_LIST | F_COND, -3 },
	{ "optgroup", F_DROP, 0 },
	{ "option", F_DROP, 0 },
	{ "p", BL | F_PARA, 0 },
	{ "param", F_DROP, 0 },
	{ "picture", F_IMG, 0 },
	{ "pre", BL | F_PARA, 3 },
	{ "script", F_DROP, 0 },
	{ "section", BL | F_LEAF | F_COND, 3 },
	{ "select", F_DROP | F_INPUT, 0 },
	{ "source", F_DROP, 0 },
	{ "style", F_DROP, 0 },
	{ "summary", BL, 0 },
	{ "svg", F_DROP, 0 },
	{ "table", BL | F_COND, 0 },
	{ "tbody", 0, 0 },
	{ "td", F_CELL | F_LEAF, 3 },
	{ "template", F_DROP, 0 },
	{ "textarea", F_DROP | F_INPUT, 0 },
	{ "tfoot", 0, 0 },
	{ "th", F_CELL, -5 },
	{ "thead", 0, 0 },
	{ "title", F_DROP, 0 },
	{ "tr", F_LINE, 0 },
	{ "track", F_DROP, 0 },
	{ "ul", BL | F_LIST | F_COND, -3 },
	{ "video", F_DROP, 0 },
	{ "wbr", F_VOID, 0 },
};
#undef BL

static int
tag_cmp(const void *k, const void *t)
{
	return strcmp(k, ((const struct tag *)t)->name);
}

static const struct tag no_tag = { "", 0, 0 };
/* AMP components that are ads, analytics, share buttons or chrome. */
static const struct tag amp_drop = { "", F_DROP, 0 };

static const struct tag *
tag_find(const char *name)
{
	const struct tag *t = bsearch(name, tags, ARRAY_LEN(tags),
	    sizeof(tags[0]), tag_cmp);

	if (t != NULL)
		return t;
	if (!strncmp(name, "amp-", 4) && strcmp(name, "amp-carousel") != 0 &&
	    strcmp(name, "amp-fit-text") != 0 &&
	    strcmp(name, "amp-accordion") != 0)
		return &amp_drop;
	return &no_tag;
}

/* Class and id hints. */
enum {
	C_NEG = 1, C_POS = 2, C_STRONG = 4, C_HIDDEN = 8, C_MARK = 16,
	C_CREDIT = 32,
	C_TITLE = 64,    /* title, headline, kicker: furniture unless a heading */
	C_CAPTION = 128, /* a picture caption */
	C_WEAK = 256,    /* navigation or metadata: furniture when short */
	C_MEDIA = 512,   /* a video or audio player */
	C_DEK = 1024,    /* standfirst, summary, subtitle */
	C_THREAD = 2048, /* opens with a heading like "7 Comments" */
	C_SIDE = 4096,   /* a narrow grid column: a sidebar */
	C_HEADER = 8192, /* named "header" (also furniture: C_NEG) */
};

/* Tokens that mark furniture, matched as whole tokens of class and id
 * (split at anything not a letter or digit) or, for the long ones, as
 * token prefixes ("comments", "sharebar"). */
/* Names of navigation and metadata (an id="next" anchor on a chapter,
 * "meta" on a box of text): furniture only when short or mostly links. */
static const char *const weak_exact[] = {
	"byline", "dateline", "meta", "tags", "tag", "topics", "keywords",
	"categories", "skip", "pagination", "pager", "rating", "follow",
	"search", "bio", "author", "authors", "timestamp", "date", "toolbar",
	"tools", "print", "next", "prev", "jump",
	/* The press office's or the newsroom's contact line or card. */
	"contact", "contacts",
	/* "author" in Czech, Polish, German, Spanish, Portuguese; French. */
	"autor", "autori", "auteur",
};
static const char *const neg_exact[] = {
	"ad", "ads", "adv", "advert", "adslot", "adunit", "dfp", "banner",
	"nav", "menu", "footer", "sidebar", "masthead",
	"hidden", "hide", "modal", "popup", "overlay",
	"reactions", "cta", "donate", "login", "register",
	"gdpr", "feedback", "survey", "ai",
	"copyright", "breadcrumb", "breadcrumbs", "sronly",
	"teasers", "alert", "sticky", "rail", "outbrain", "taboola",
	"disqus", "livefyre", "promo", "social", "share", "comment",
	"comments", "related", "newsletter", "cookie", "cookies", "consent",
	"subscribe", "subscription", "popular", "mostread", "widget",
	"widgets", "sponsor", "sponsored", "recirc", "trending", "signup",
	"paywall", "recommended", "recommendations", "recommend", "credit",
	"credits", "header", "editsection", "infobox", "navbox", "reflist",
	"references", "disclaimer", "disclosure", "pullquote", "pullquotes",
	/* A health or science site's list of sources, as "references". */
	"sources",
	/* A live blog's pinned post: the latest post again, above the
	 * stream. */
	"pinned",
	/* Readers' comments in other languages (plurals: a German
	 * "Kommentar" is an opinion piece). */
	"comentarios", "comentario", "kommentare", "leserkommentare",
	"reacties", "komentarze", "kommentarer", "kommentit",
};
/* Furniture around the article, but on a heading only its style: the
 * article's own subheadings are classed "...-title" as often as the
 * headline is. */
static const char *const title_exact[] = {
	"headline", "title", "kicker",
};
/* A player: furniture when it holds no paragraph of text (its title,
 * duration and buttons), kept when it has a caption. */
static const char *const media_exact[] = {
	"video", "videos", "player", "videoplayer", "jwplayer", "podcast",
	"audio",
};
/* The standfirst: one short paragraph summing the article up before
 * it starts; left out when it comes before the text (a list of key
 * points stays). */
static const char *const dek_exact[] = {
	"standfirst", "dek", "deck", "subtitle", "subheadline", "excerpt",
	"strapline", "chapo", "chapeau", "summary",
	/* Spanish and Italian sites' names for it. */
	"subtitulo", "entradilla", "bajada", "sottotitolo", "catenaccio",
};
/* Interface components whose "-body" is theirs (Bootstrap and the
 * like). */
static const char *const component_words[] = {
	"card", "modal", "panel", "media", "toast", "offcanvas", "accordion",
	"dropdown", "popover", "tooltip", "table", "widget", "teaser", "tile",
	"callout", "alert",
};
/* Words before "hidden" that make it say a part is hidden. */
static const char *const label_words[] = {
	"label", "title", "heading",
};
static const char *const caption_exact[] = {
	"caption", "didascalia", "legende", "legend", "legenda",
	"bildunterschrift", "bildtext", "podpis", "popis", "popisek",
};
static const char *const neg_prefix[] = {
	"advert", "comment", "sidebar", "share", "sharing", "social",
	"related", "promo", "newsletter", "cookie", "subscri", "popular",
	"mostread", "mostpopular", "widget", "breadcrumb", "sponsor",
	"outbrain", "taboola", "disqus", "navigation", "navbar", "menu",
	"footer", "trending", "recommend", "signup", "banner", "newsletter",
	"recirc", "socialbar",
};
static const char *const pos_exact[] = {
	"article", "content", "entry", "post", "story", "body", "text",
	"blog", "prose", "richtext", "articlebody", "storybody",
	"article-body", "single", "hentry", "page",
};
/* A pair "X-Y" or one glued token that names the article body. */
static const char *const strong_first[] = {
	"article", "story", "entry", "post", "blog", "news", "main",
	"content", "page",
};
static const char *const strong_second[] = {
	"body", "content", "text", "copy", "prose", "entry", "article",
};

/* Blocks of the page's own text in a page builder that calls every
 * block a widget ("elementor-widget-text-editor", "elementor-widget-
 * theme-post-content", SiteOrigin's "widget_sow-editor" and
 * "siteorigin-widget-tinymce", "elementor-widget-heading" and "-image",
 * and the builder's "-widget-wrap" and "-widget-container" around
 * them): a box classed "widget" is furniture unless a word after that
 * names one of these. A sidebar's text widget ("widget_text") stays
 * furniture. */
static const char *const builder_blocks[] = {
	"editor", "tinymce", "content", "heading", "image", "wrap",
	"container",
};

/* Words after "text-" in a utility class (Bootstrap, Tailwind:
 * "text-white", "text-muted", "text-center", "text-sm"): its style, not
 * a box of text. */
static const char *const text_utility[] = {
	"white", "black", "muted", "center", "left", "right", "start", "end",
	"justify", "xs", "sm", "md", "lg", "xl", "2xl", "3xl", "base",
	"gray", "grey", "slate", "zinc", "neutral", "stone", "red", "blue",
	"green", "yellow", "primary", "secondary", "dark", "light", "body",
	"uppercase", "lowercase", "capitalize", "nowrap", "truncate",
	"wrap", "balance", "bold", "italic", "small", "large", "reset",
	"inherit", "current", "transparent", "info", "success", "danger",
	"warning",
};
/* Bootstrap's breakpoints in "col-md-4". */
static const char *const col_breaks[] = {
	"xs", "sm", "md", "lg", "xl", "xxl",
};

static bool
in_list(const char *t, size_t n, const char *const *l, size_t ln)
{
	size_t i;

	for (i = 0; i < ln; i++)
		if (strlen(l[i]) == n && !memcmp(l[i], t, n))
			return true;
	return false;
}

static bool
prefix_in(const char *t, size_t n, const char *const *l, size_t ln)
{
	size_t i, k;

	for (i = 0; i < ln; i++) {
		k = strlen(l[i]);
		if (k <= n && !memcmp(l[i], t, k))
			return true;
	}
	return false;
}

static bool
glued_strong(const char *t, size_t n)
{
	size_t i, j, a;

	for (i = 0; i < ARRAY_LEN(strong_first); i++) {
		a = strlen(strong_first[i]);
		if (a >= n || memcmp(t, strong_first[i], a) != 0)
			continue;
		for (j = 0; j < ARRAY_LEN(strong_second); j++)
			if (n - a == strlen(strong_second[j]) &&
			    !memcmp(t + a, strong_second[j], n - a))
				return true;
	}
	return false;
}

/* Whether the word starting at p (up to a space, '-' or the end) is a
 * text utility's. */
static bool
utility_next(const char *p)
{
	size_t n = 0;

	while (p[n] && p[n] != ' ' && p[n] != '-' && p[n] != ':')
		n++;
	return in_list(p, n, text_utility, ARRAY_LEN(text_utility));
}

/* Whether the capital at v[i] starts a word of a camel-case name: the
 * class name it is in (from the last space) has no digit and no "__"
 * before it, and is at least two words of three or more letters. */
static bool
camel_word(const char *v, size_t i)
{
	size_t st = i, k, run = 0;

	while (st > 0 && v[st - 1] != ' ')
		st--;
	for (k = st; k < i; k++) {
		if ((v[k] >= '0' && v[k] <= '9') ||
		    (v[k] == '_' && v[k + 1] == '_'))
			return false;
	}
	/* The word before, back to the last capital or separator. */
	for (k = i; k > st && v[k - 1] >= 'a' && v[k - 1] <= 'z'; k--)
		run++;
	if (run < 2)
		return false;
	/* The word after: a capital and two or more lower-case letters. */
	for (k = i + 1, run = 0; v[k] >= 'a' && v[k] <= 'z'; k++)
		run++;
	return run >= 2;
}

/* Hints from a class or id value (lower-cased copy in lc). */
static int
class_hints(const char *v)
{
	char lc[512], prev[32] = "";
	size_t i, n, st, k, w, words = 0;
	bool atomic, narrow_col = false, wide_col = false;
	bool widget = false, builder_block = false;
	int f = 0;

	for (n = 0, i = 0; v[i] && n + 2 < sizeof(lc); i++) {
		char c = v[i];
		/* A camel-case name is words ("InlineVideo-videoTitle",
		 * "relatedArticles"): split where a lower-case letter meets
		 * a capital, in a name of letters only up to its "__" (a
		 * CSS module's hash after it, "sjFKH", is no words). */
		if (c >= 'A' && c <= 'Z' && i > 0 && v[i - 1] >= 'a' &&
		    v[i - 1] <= 'z' && camel_word(v, i))
			lc[n++] = '-';
		lc[n++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	lc[n] = '\0';
	/* Atomic CSS ("bm pe ah nx dt ad"): generated names of two or
	 * three letters say nothing, though one may spell "ad". */
	for (i = 0, st = 0, k = 0; v[i]; i++) {
		if (v[i] == ' ')
			continue;
		for (w = 0; v[i + w] && v[i + w] != ' '; w++)
			;
		words++;
		if (w <= 3)
			k++;
		i += w - 1;
	}
	atomic = words >= 4 && k * 4 >= words * 3;
	for (i = 0; i < n;) {
		while (i < n && !((lc[i] >= 'a' && lc[i] <= 'z') ||
		    (lc[i] >= '0' && lc[i] <= '9')))
			i++;
		st = i;
		while (i < n && ((lc[i] >= 'a' && lc[i] <= 'z') ||
		    (lc[i] >= '0' && lc[i] <= '9')))
			i++;
		if (i == st)
			break;
		const char *t = lc + st;
		size_t tn = i - st;
		if (atomic && tn <= 3) {
			prev[0] = '\0';
			continue;
		}
		/* "field--label-hidden": the field's label is hidden, not
		 * the field (Drupal puts it on every field). */
		if (tn == 6 && !memcmp(t, "hidden", 6) &&
		    in_list(prev, strlen(prev), label_words,
		    ARRAY_LEN(label_words)))
			;
		/* "hidden-xs", "hide-on-mobile", "image__hide-placeholder":
		 * hidden on small screens or of a part; "is-hidden",
		 * "visually-hidden" end the word. */
		else if (((tn == 6 && !memcmp(t, "hidden", 6)) ||
		    (tn == 4 && !memcmp(t, "hide", 4))) && i + 1 < n &&
		    (lc[i] == '-' || lc[i] == '_') &&
		    ((lc[i + 1] >= 'a' && lc[i + 1] <= 'z') ||
		    lc[i + 1] == '-' || lc[i + 1] == '_'))
			;
		/* "widget" is judged on the whole value, below. */
		else if (tn == 6 && !memcmp(t, "widget", 6))
			widget = true;
		else if (widget && in_list(t, tn, builder_blocks,
		    ARRAY_LEN(builder_blocks)))
			builder_block = true;
		else if (in_list(t, tn, neg_exact, ARRAY_LEN(neg_exact)) ||
		    (tn >= 4 && prefix_in(t, tn, neg_prefix,
		    ARRAY_LEN(neg_prefix)) &&
		    /* Opinion pieces are "commentary", not comments;
		     * Drupal's "node--promoted" is on the front page. */
		    (tn < 10 || memcmp(t, "commentary", 10) != 0) &&
		    (tn != 8 || memcmp(t, "promoted", 8) != 0) &&
		    /* "subscriber-only", "subscriber-preview": the text
		     * as a subscriber or a visitor gets it (an appeal to
		     * subscribers says "cta", "promo" or "subscribe"). */
		    ((tn != 10 && tn != 11) ||
		    memcmp(t, "subscriber", 10) != 0)))
			f |= C_NEG;
		/* "card-body", "modal-body", "media-body": a component's
		 * body, not the article's; "text-white" a utility. */
		if (in_list(t, tn, pos_exact, ARRAY_LEN(pos_exact)) &&
		    !(tn == 4 && !memcmp(t, "body", 4) &&
		    in_list(prev, strlen(prev), component_words,
		    ARRAY_LEN(component_words))) &&
		    !(tn == 4 && !memcmp(t, "text", 4) && i + 1 < n &&
		    lc[i] == '-' && utility_next(lc + i + 1)))
			f |= C_POS;
		/* A grid column a third of the page wide or less
		 * ("col-md-4", "col-3"): a sidebar, unless the same box is
		 * wider at another size. */
		if (tn <= 2 && t[0] >= '0' && t[0] <= '9' &&
		    (tn == 1 || (t[1] >= '0' && t[1] <= '9')) &&
		    ((st >= 4 && !memcmp(lc + st - 4, "col-", 4)) ||
		    (in_list(prev, strlen(prev), col_breaks,
		    ARRAY_LEN(col_breaks)) && st >= strlen(prev) + 5 &&
		    !memcmp(lc + st - strlen(prev) - 5, "col-", 4)))) {
			int width = atoi(t);
			if (width >= 1 && width <= 4)
				narrow_col = true;
			else if (width > 4)
				wide_col = true;
		}
		if (tn == 6 && !memcmp(t, "header", 6))
			f |= C_HEADER;
		if (in_list(t, tn, title_exact, ARRAY_LEN(title_exact)))
			f |= C_TITLE;
		if (in_list(t, tn, weak_exact, ARRAY_LEN(weak_exact)))
			f |= C_WEAK;
		if (in_list(t, tn, caption_exact, ARRAY_LEN(caption_exact)))
			f |= C_CAPTION;
		if (in_list(t, tn, media_exact, ARRAY_LEN(media_exact)))
			f |= C_MEDIA;
		if (in_list(t, tn, dek_exact, ARRAY_LEN(dek_exact)))
			f |= C_DEK;
		if (glued_strong(t, tn))
			f |= C_STRONG | C_POS;
		/* "image-source", "photo-source-caption": the picture's
		 * source is its credit. */
		if (tn == 6 && !memcmp(t, "source", 6) &&
		    (!strcmp(prev, "image") || !strcmp(prev, "photo") ||
		    !strcmp(prev, "img")))
			f |= C_NEG;
		/* A picture's credit under a glued camel-case name
		 * ("imageEmbedCredit", "photoCredit", "captionCredits"), as
		 * React sites name it. */
		if ((tn > 9 && !memcmp(t + tn - 6, "credit", 6)) ||
		    (tn > 10 && !memcmp(t + tn - 7, "credits", 7)))
			f |= C_NEG;
		/* "img_desc", "photo-descr", "image-description": a
		 * picture's description is its caption (Naver, Sina). */
		if (((tn == 4 && !memcmp(t, "desc", 4)) ||
		    (tn == 5 && !memcmp(t, "descr", 5)) ||
		    (tn == 11 && !memcmp(t, "description", 11))) &&
		    (!strcmp(prev, "img") || !strcmp(prev, "image") ||
		    !strcmp(prev, "photo") || !strcmp(prev, "pic")))
			f |= C_CAPTION;
		if ((tn == 4 && !memcmp(t, "read", 4) &&
		    (!strcmp(prev, "most") || !strcmp(prev, "also"))) ||
		    (tn == 4 && !memcmp(t, "more", 4) &&
		    !strcmp(prev, "read")) ||
		    (tn == 7 && !memcmp(t, "stories", 7) &&
		    (!strcmp(prev, "more") || !strcmp(prev, "top"))) ||
		    (tn == 4 && !memcmp(t, "also", 4) && !strcmp(prev, "see")) ||
		    /* "pull-quote": the text's words again, set large. */
		    (tn == 5 && !memcmp(t, "quote", 5) && !strcmp(prev, "pull")))
			f |= C_NEG;
		/* Visually hidden: "off-screen", "sr-only", "screen-reader". */
		if ((tn == 6 && !memcmp(t, "screen", 6) && !strcmp(prev, "off")) ||
		    (tn == 4 && !memcmp(t, "only", 4) && !strcmp(prev, "sr")) ||
		    (tn == 6 && !memcmp(t, "reader", 6) &&
		    !strcmp(prev, "screen")))
			f |= C_NEG;
		if (in_list(prev, strlen(prev), strong_first,
		    ARRAY_LEN(strong_first)) &&
		    in_list(t, tn, strong_second, ARRAY_LEN(strong_second)))
			f |= C_STRONG | C_POS;
		if (tn < sizeof(prev)) {
			memcpy(prev, t, tn);
			prev[tn] = '\0';
		} else {
			prev[0] = '\0';
		}
	}
	if (narrow_col && !wide_col)
		f |= C_NEG | C_SIDE;
	if (widget && !builder_block)
		f |= C_NEG;
	/* "has-comments" on the article wrapper is not a comment box. */
	if (f & C_STRONG)
		f &= ~(C_NEG | C_WEAK);
	return f;
}

struct cn {
	xmlNode *n;
	int parent;
	uint32_t size;        /* elements in the subtree, itself included */
	uint32_t own_text, own_commas;
	uint32_t text, link, commas;
	uint32_t ptext;       /* paragraph text outside links */
	uint32_t marker;      /* largest ptext of an article marker inside */
	uint32_t np, nimg, nli, ninput, nfig;
	uint32_t nemail;      /* e-mail address fields: a sign-up form */
	uint32_t nlh;         /* titles that are all link: teasers */
	uint32_t nlp;         /* of which paragraphs */
	uint32_t text0;       /* text before anything was left out */
	uint32_t itext, ilink, icommas; /* inline text: not in a block */
	uint32_t nbr;         /* <br> children */
	uint32_t nkids;       /* element children */
	uint32_t ctext;       /* paragraph text left in the subtree */
	float score;
	int weight;
	unsigned tf;
	int base;
	unsigned short cls;
	bool removed, cand, blockchild, keep;
	bool teaser;          /* a teaser or a box of them (teaser_box) */
	unsigned char text_class; /* paragraphs classed as the text */
	bool stamped;         /* holds a <time> or a datetime attribute */
	bool title_neg;       /* furniture only by a "title" class */
};

struct ctx {
	struct cn *v;
	size_t n, cap;
	const char *title, *author;
	char title_key[256], author_key[256];
	char title_lc[512]; /* the title, ASCII lower-cased */
	int best; /* the best-scoring box before promote() */
	int headline; /* the page's headline element, or -1 */
	int lead_fig; /* a lead picture kept out of its header, or -1 */
	bool titled;  /* the headline has the title's words */
	struct buf tmp, raw;
	int rc;
};

static const char *
attr(xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			if (a->children && a->children->type ==
			    XML_TEXT_NODE && a->children->content)
				return (const char *)a->children->content;
			return "";
		}
	return NULL;
}

static bool
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Characters of s once white space is collapsed, and its commas. */
static void
count_text(const char *s, uint32_t *chars, uint32_t *commas)
{
	const unsigned char *p = (const unsigned char *)s;
	bool sp = false;

	for (; *p; p++) {
		if (is_ws(*p)) {
			sp = true;
			continue;
		}
		if ((*p & 0xC0) == 0x80)
			continue;
		if (sp)
			(*chars)++;
		sp = false;
		(*chars)++;
		if (*p == ',')
			(*commas)++;
		/* The Arabic and full-width commas. */
		else if ((p[0] == 0xD8 && p[1] == 0x8C) ||
		    (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C))
			(*commas)++;
	}
}

static bool
style_hidden(const char *s)
{
	char c[256];
	size_t i, k = 0;

	for (i = 0; s[i] && k + 1 < sizeof(c); i++)
		if (!is_ws((unsigned char)s[i]))
			c[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 :
			    s[i]);
	c[k] = '\0';
	return strstr(c, "display:none") || strstr(c, "visibility:hidden");
}

/* Attributes that name a component like a class does. */
static const char *const name_attrs[] = {
	"data-testid", "data-qa", "data-component", "data-module",
	"data-area", "data-gu-name", "data-link-name",
};

static int
add_node(struct ctx *c, xmlNode *n, int parent)
{
	struct cn *x;
	const struct tag *t = tag_find((const char *)n->name);
	const char *v;
	size_t k;

	if (c->n >= EXTRACT_MAX_NODES)
		return ERR_TOOBIG;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 1024;
		struct cn *nv = realloc(c->v, nc * sizeof(*nv));
		if (nv == NULL)
			return ERR_NOMEM;
		c->v = nv;
		c->cap = nc;
	}
	x = &c->v[c->n];
	memset(x, 0, sizeof(*x));
	x->n = n;
	x->parent = parent;
	x->tf = t->flags;
	x->base = t->base;
	if ((v = attr(n, "class")) != NULL)
		x->cls |= (unsigned short)class_hints(v);
	if ((v = attr(n, "id")) != NULL)
		x->cls |= (unsigned short)class_hints(v);
	/* Sites whose class names are hashed (CSS-in-JS) still name their
	 * components for tests and analytics. */
	for (k = 0; k < ARRAY_LEN(name_attrs); k++)
		if ((v = attr(n, name_attrs[k])) != NULL)
			x->cls |= (unsigned short)class_hints(v);
	if ((x->cls & C_TITLE) && !(t->flags & F_HEAD) && (parent < 0 ||
	    !(c->v[parent].tf & F_HEAD))) {
		x->title_neg = !(x->cls & C_NEG);
		x->cls |= C_NEG;
	}
	if ((x->cls & C_CAPTION) && (t->flags & (F_BLOCK | F_LEAF)))
		x->tf |= F_FIGCAP;
	/* schema.org's ImageObject caption (itemprop="caption"), on any
	 * element: Adobe Experience Manager's image component puts it on
	 * a <span> classed "cmp-image__title". */
	if ((v = attr(n, "itemprop")) != NULL && !strcmp(v, "caption")) {
		x->tf |= F_FIGCAP;
		if (x->title_neg)
			x->cls &= (unsigned short)~C_NEG;
		x->title_neg = false;
	}
	if ((v = attr(n, "itemprop")) != NULL && strstr(v, "articleBody"))
		x->cls = (unsigned short)((x->cls & ~(C_NEG | C_WEAK)) |
		    C_STRONG | C_POS);
	if ((v = attr(n, "role")) != NULL) {
		if (!strcmp(v, "navigation") || !strcmp(v, "banner") ||
		    !strcmp(v, "contentinfo") || !strcmp(v, "complementary") ||
		    !strcmp(v, "search") || !strcmp(v, "dialog") ||
		    !strcmp(v, "alertdialog") || !strcmp(v, "menu"))
			x->cls |= C_NEG;
		else if (!strcmp(v, "main") || !strcmp(v, "article"))
			x->cls |= C_MARK;
	}
	if (attr(n, "hidden") != NULL ||
	    ((v = attr(n, "aria-hidden")) != NULL && !strcmp(v, "true")) ||
	    ((v = attr(n, "style")) != NULL && style_hidden(v)))
		x->cls |= C_HIDDEN;
	if (!strcmp((const char *)n->name, "article") ||
	    !strcmp((const char *)n->name, "main"))
		x->cls |= C_MARK;
	x->weight = ((x->cls & C_POS) ? 25 : 0) - ((x->cls & C_NEG) ? 25 : 0) +
	    ((x->cls & C_STRONG) ? 25 : 0);
	n->_private = (void *)(intptr_t)(c->n + 1);
	if (parent >= 0 && (t->flags & (F_BLOCK | F_LIST)))
		c->v[parent].blockchild = true;
	if (parent >= 0 && (t->flags & F_BR))
		c->v[parent].nbr++;
	if (parent >= 0)
		c->v[parent].nkids++;
	return (int)c->n++;
}

static int
idx(const xmlNode *n)
{
	return n->_private ? (int)(intptr_t)n->_private - 1 : -1;
}

/* An <input> for an e-mail address (type, name or placeholder). */
static bool
email_field(xmlNode *n)
{
	static const char *const attrs[] = { "type", "name", "placeholder" };
	size_t k;

	if (strcmp((const char *)n->name, "input") != 0)
		return false;
	for (k = 0; k < ARRAY_LEN(attrs); k++) {
		const char *v = attr(n, attrs[k]);
		if (v != NULL && (strcasestr(v, "email") != NULL ||
		    strcasestr(v, "e-mail") != NULL))
			return true;
	}
	return false;
}

/* Pass 1: number the elements under root in document order. */
/* A checkbox in a list item: a recipe card's ingredients (WP Tasty
 * Recipes, WP Recipe Maker let the reader tick each one off) or a
 * checklist, not a form. */
static bool
list_checkbox(xmlNode *n)
{
	const xmlNode *p;
	const char *type = attr(n, "type");
	int up;

	if (type == NULL || strcasecmp(type, "checkbox") != 0)
		return false;
	for (p = n->parent, up = 0; p != NULL && up < 3; p = p->parent, up++)
		if (p->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)p->name, "li"))
			return true;
	return false;
}

static int
number_tree(struct ctx *c, xmlNode *root)
{
	xmlNode *n = root;
	int cur = -1, i, rc;

	while (n != NULL) {
		bool down = false;

		if (n->type == XML_ELEMENT_NODE && n->name) {
			const struct tag *t = tag_find((const char *)n->name);
			if (!(t->flags & F_DROP)) {
				if ((i = add_node(c, n, cur)) < 0)
					return i;
				if (n->children) {
					cur = i;
					down = true;
				}
			} else if ((t->flags & F_INPUT) && cur >= 0 &&
			    !list_checkbox(n)) {
				c->v[cur].ninput++;
				if (email_field(n))
					c->v[cur].nemail++;
			}
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content &&
		    cur >= 0) {
			count_text((const char *)n->content,
			    &c->v[cur].own_text, &c->v[cur].own_commas);
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL) {
			n = n->parent;
			if (n != NULL && n->_private)
				cur = c->v[cur].parent;
		}
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
	rc = 0;
	return rc;
}

/* A <font> whose lines are separated by <br>s: an old page's story
 * (table layout, "<font size=3>para<br><br>para</font>") is a box of
 * paragraphs, not inline text. */
static bool
br_font(const struct cn *x)
{
	return x->nbr >= 2 && !strcmp((const char *)x->n->name, "font");
}

static bool
is_para(const struct cn *x)
{
	if (x->tf & F_PARA)
		return true;
	return (x->tf & (F_LEAF | F_FIGCAP) || br_font(x)) &&
	    !x->blockchild && x->text >= EXTRACT_MIN_PARA;
}

/* A box of teasers: titles (headings or paragraphs) that are all link,
 * with at most one short paragraph each (the summaries of other
 * stories); one such teaser when it also has a link and little text. An
 * article with linked subheadings has more text under each. */
static bool
teaser_box(const struct cn *x)
{
	uint32_t sum = x->np - x->nlp;

	if (x->nlh >= 2)
		return sum <= x->nlh && x->text < x->nlh * 350;
	return x->nlh == 1 && sum == 1 && x->text < 350 &&
	    (uint64_t)x->link * 100 >= (uint64_t)x->text * 15;
}

/* A box of <br>-separated text lines that also holds a block or two (a
 * picture's box, a separator): its own inline text is paragraphs. */
static bool
br_text_box(const struct cn *x)
{
	return !is_para(x) && !(x->tf & F_PARA) && (x->tf & F_LEAF) &&
	    x->blockchild && x->nbr >= 2 && x->itext >= 100;
}

static const char *short_text(struct ctx *c, int i, size_t max);
static void norm_key(const char *s, char *out, size_t outsz);
static float link_density(const struct cn *x);

/* Whether the text of box i is the alt or title text of a picture in
 * one of the few element siblings before it (with prefix, or opens with
 * the alt text): the caption under a picture that has no <figcaption>
 * (many sites write the caption into the picture's alt text too). */
static bool
alt_caption(struct ctx *c, int i, bool prefix)
{
	char key[256], alt[256];
	const xmlNode *sib;
	const char *a;
	uint32_t k, end;
	int seen = 0, j;

	norm_key(short_text(c, i, 300), key, sizeof(key));
	if (strlen(key) < 12)
		return false;
	for (sib = c->v[i].n->prev; sib != NULL && seen < 3;
	    sib = sib->prev) {
		if (sib->type != XML_ELEMENT_NODE || !sib->_private)
			continue;
		seen++;
		j = idx(sib);
		if (c->v[j].nimg == 0 || c->v[j].size > 30)
			continue;
		end = (uint32_t)j + c->v[j].size;
		for (k = (uint32_t)j; k < end; k++) {
			if (!(c->v[k].tf & F_IMG))
				continue;
			if ((a = attr(c->v[k].n, "alt")) != NULL) {
				norm_key(a, alt, sizeof(alt));
				if (!strcmp(alt, key) || (prefix &&
				    strlen(alt) >= 12 &&
				    !strncmp(alt, key, strlen(alt))))
					return true;
			}
			if ((a = attr(c->v[k].n, "title")) != NULL) {
				norm_key(a, alt, sizeof(alt));
				if (!strcmp(alt, key))
					return true;
			}
		}
	}
	return false;
}

/* Whether box i, classed "title", only wraps one heading (through a
 * chain of single children): a component's name for its heading
 * ("cmp-title" in Adobe Experience Manager, "title" blocks of page
 * builders), not a teaser's or a widget's title. */
static bool
title_wrapper(const struct ctx *c, int i)
{
	int depth, j = i;

	for (depth = 0; depth < 4; depth++) {
		const xmlNode *ch, *only = NULL;
		for (ch = c->v[j].n->children; ch != NULL; ch = ch->next) {
			if (ch->type == XML_ELEMENT_NODE && ch->_private) {
				if (only != NULL)
					return false;
				only = ch;
			}
		}
		if (only == NULL)
			return false;
		j = idx(only);
		if (c->v[j].text != c->v[i].text)
			return false;
		if (c->v[j].tf & F_HEAD)
			return c->v[j].text > 0 && link_density(&c->v[j]) < 0.5f;
	}
	return false;
}

/* Whether box i, named "...-header", is a section's head inside the
 * text: short, most of its text one heading (not the page's <h1>, not
 * a link) beside a control or two ("Ingredients" and a "Scale 1x 2x"
 * switch in a recipe card's "tasty-recipes-ingredients-header"). */
static bool
section_header(const struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	const struct cn *x = &c->v[i];

	if (x->text == 0 || x->text > 120 || x->nimg > 0 || (x->tf & F_HEAD))
		return false;
	for (k = (uint32_t)i + 1; k < end; k++) {
		const struct cn *h = &c->v[k];
		if (!(h->tf & F_HEAD))
			continue;
		return strcmp((const char *)h->n->name, "h1") != 0 &&
		    h->text * 10 >= x->text * 6 && link_density(h) < 0.5f;
	}
	return false;
}

/* Pass 1b, judged on the counts: a <span> classed as a caption beside
 * a picture is one (old pages set it as "<img><br><span class=
 * caption>"; a video player's "video-caption" is its title); boxes that
 * are furniture by a "title" class alone but are the article's: a
 * caption that repeats its picture's alt text, a component wrapping a
 * subheading. */
static void
unmark_titles(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		if ((x->cls & C_CAPTION) && x->parent >= 0 &&
		    c->v[x->parent].nimg > 0 && !(x->tf & (F_HEAD | F_A)))
			x->tf |= F_FIGCAP;
		/* A caption under any class name ("img_descr") that opens
		 * with the words of the picture's alt text before it (and
		 * may go on with a credit). */
		else if (!(x->tf & (F_FIGCAP | F_HEAD | F_A)) &&
		    !x->title_neg && x->text > 0 && x->text <= 300 &&
		    x->link == 0 && x->parent >= 0 &&
		    c->v[x->parent].nimg > 0 &&
		    ((x->tf & (F_BLOCK | F_LEAF)) ||
		    !strcmp((const char *)x->n->name, "span")) &&
		    alt_caption(c, (int)i, true))
			x->tf |= F_FIGCAP;
		/* A subheading classed "...-header" (WP Recipe Maker's
		 * "wprm-recipe-ingredients-header" on its <h3>): its
		 * style, as "title" is on a heading. */
		if ((x->cls & (C_HEADER | C_STRONG)) == C_HEADER &&
		    (x->cls & C_NEG) && (x->tf & F_HEAD) &&
		    strcmp((const char *)x->n->name, "h1") != 0 &&
		    x->text > 0 && x->text <= 80 &&
		    link_density(x) < 0.5f) {
			x->cls &= (unsigned short)~C_NEG;
			x->weight += 25;
			continue;
		}
		if ((x->cls & (C_HEADER | C_STRONG)) == C_HEADER &&
		    (x->cls & C_NEG) && section_header(c, (int)i)) {
			x->cls &= (unsigned short)~C_NEG;
			x->weight += 25;
			continue;
		}
		if (!x->title_neg || x->text == 0 || x->text > 300)
			continue;
		if ((x->tf & (F_BLOCK | F_LEAF)) && alt_caption(c, (int)i, false))
			x->tf |= F_FIGCAP;
		else if (!title_wrapper(c, (int)i))
			continue;
		x->cls &= (unsigned short)~C_NEG;
		x->weight += 25;
		x->title_neg = false;
	}
}

/* Sum the counts bottom-up over the elements that are not removed. */
static void
aggregate(struct ctx *c, bool first)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		x->text = x->own_text;
		x->commas = x->own_commas;
		x->itext = x->own_text;
		x->icommas = x->own_commas;
		x->ilink = 0;
		x->link = 0;
		x->np = 0;
		x->nimg = 0;
		x->nli = 0;
		x->nfig = 0;
		if (first) {
			x->size = 1;
			x->ptext = 0;
			x->marker = 0;
			x->nlh = 0;
			x->nlp = 0;
		}
	}
	for (i = c->n; i-- > 0;) {
		struct cn *x = &c->v[i], *p;
		if (x->removed)
			continue;
		if (x->tf & F_A) {
			x->link = x->text;
			x->ilink = x->itext;
		}
		if (x->tf & F_PARA)
			x->np++;
		if (x->tf & F_IMG)
			x->nimg++;
		if (x->tf & F_LI)
			x->nli++;
		if (x->tf & F_FIGCAP)
			x->nfig++;
		if (first) {
			if ((x->tf & F_HEAD) && x->text >= 15 &&
			    ((uint64_t)x->link * 5 >= (uint64_t)x->text * 4 ||
			    (x->parent >= 0 && ((c->v[x->parent].tf & F_A) ||
			    (c->v[x->parent].parent >= 0 &&
			    (c->v[c->v[x->parent].parent].tf & F_A))))))
				x->nlh++;
			/* A title paragraph that is all link. */
			if ((x->tf & F_PARA) && x->text >= 15 &&
			    (uint64_t)x->link * 5 >= (uint64_t)x->text * 4) {
				x->nlh++;
				x->nlp++;
			}
			/* Judged on the page as it is: a teaser's title is
			 * often classed as furniture ("...-title"). */
			x->teaser = teaser_box(x);
			x->text0 = x->text;
		}
		if (first) {
			if (is_para(x) || (x->tf & F_LI))
				x->ptext += x->text - x->link;
			else if (br_text_box(x))
				x->ptext += x->itext - x->ilink;
			if (((x->cls & C_STRONG) || ((x->cls & C_MARK) &&
			    !(x->cls & C_NEG))) && x->ptext > x->marker)
				x->marker = x->ptext;
		}
		if (x->parent < 0)
			continue;
		p = &c->v[x->parent];
		if (!(x->tf & (F_BLOCK | F_LIST | F_CELL | F_LINE)) &&
		    !br_font(x)) {
			p->itext += x->itext;
			p->ilink += x->ilink;
			p->icommas += x->icommas;
		}
		p->text += x->text;
		p->link += x->link;
		p->commas += x->commas;
		p->np += x->np;
		p->nimg += x->nimg;
		p->nli += x->nli;
		p->nfig += x->nfig;
		if (first) {
			p->nlh += x->nlh;
			p->nlp += x->nlp;
		}
		p->ninput += first ? x->ninput : 0;
		p->nemail += first ? x->nemail : 0;
		if (first) {
			p->size += x->size;
			p->ptext += x->ptext;
			if (x->marker > p->marker)
				p->marker = x->marker;
		}
	}
}

static float
link_density(const struct cn *x)
{
	return x->text ? (float)x->link / (float)x->text : 0.0f;
}


/* Whether e's parent has at least three element children named and
 * classed like e: one of a run of posts or cards. */
static bool
repeated(const xmlNode *e)
{
	const xmlNode *n;
	const char *cl = attr((xmlNode *)e, "class");
	int same = 0;

	if (e == NULL || e->parent == NULL)
		return false;
	for (n = e->parent->children; n != NULL && same < 3; n = n->next) {
		const char *ncl;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name,
		    (const char *)e->name) != 0)
			continue;
		ncl = attr((xmlNode *)n, "class");
		if ((cl == NULL) == (ncl == NULL) && (cl == NULL ||
		    !strcmp(cl, ncl)))
			same++;
	}
	return same >= 3;
}

/* Mark the boxes holding a time stamp: a <time> element or an element
 * with a "datetime" attribute. */
static void
mark_stamped(struct ctx *c)
{
	size_t i;

	for (i = c->n; i-- > 0;) {
		const xmlNode *n = c->v[i].n;
		if (!strcmp((const char *)n->name, "time") ||
		    attr((xmlNode *)n, "datetime") != NULL)
			c->v[i].stamped = true;
		if (c->v[i].stamped && c->v[i].parent >= 0)
			c->v[c->v[i].parent].stamped = true;
	}
}

/* Whether e is one of a run of posts: repeated(), or, where every post
 * gets its own generated class names (CSS-in-JS), one of at least three
 * sibling elements of its name that each carry a time stamp. */
static bool
repeated_post(const struct ctx *c, const xmlNode *e)
{
	const xmlNode *n;
	int same = 0, up;

	if (e == NULL || e->type != XML_ELEMENT_NODE)
		return false;
	if (repeated(e))
		return true;
	/* A post wrapped alone in its <li>: the run is of those. */
	for (up = 0; up < 3 && e->parent != NULL &&
	    e->parent->type == XML_ELEMENT_NODE && e->parent->_private &&
	    c->v[idx(e->parent)].nkids == 1; up++)
		e = e->parent;
	if (!e->_private || !c->v[idx(e)].stamped || e->parent == NULL)
		return false;
	for (n = e->parent->children; n != NULL && same < 3; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->_private &&
		    !strcmp((const char *)n->name, (const char *)e->name) &&
		    c->v[idx(n)].stamped)
			same++;
	return same >= 3;
}

/* The head of one post of a live blog (its time and title) rather than
 * of the page or the article: a <header> in an <article>, or a short box
 * with a title first in its post ("live-post__header"); no h1, and the
 * post one of a run of like posts. */
static bool
post_header(const struct ctx *c, const struct cn *x)
{
	const xmlNode *p = x->n->parent, *f;
	uint32_t k;
	bool head = false;

	if (p == NULL || p->type != XML_ELEMENT_NODE)
		return false;
	if (strcmp((const char *)x->n->name, "header") != 0 ||
	    strcmp((const char *)p->name, "article") != 0) {
		/* The first element of its post, short. */
		for (f = p->children; f != NULL && f->type !=
		    XML_ELEMENT_NODE; f = f->next)
			;
		if (f != x->n || x->text0 >= 300 || (x->tf & F_HEAD))
			return false;
		head = true;
	}
	for (k = 0; k < x->size; k++) {
		const struct cn *y = &c->v[(x - c->v) + k];
		if (!strcmp((const char *)y->n->name, "h1"))
			return false;
		if (y->tf & F_HEAD)
			head = false;
	}
	/* A box without a heading heads nothing. */
	if (head)
		return false;
	return repeated_post(c, p) || repeated_post(c, p->parent);
}

static bool is_ancestor(const struct ctx *c, int a, int d);

/* Whether x, whatever its class says ("layout--sidebar-right",
 * "has-sidebar"), is a layout wrapper: it holds most of the page's
 * paragraph text, and most of its own sits in one child that has no
 * furniture class. A sidebar or a comment thread is neither. */
static bool
layout_box(const struct ctx *c, const struct cn *x, uint32_t total)
{
	const xmlNode *ch;
	uint32_t most;
	int k, best, depth;

	if (!(x->cls & C_NEG) || (x->cls & (C_THREAD | C_SIDE)))
		return false;
	/* Most of the page's text, or a fair part of it with the
	 * headline (other boxes of text around the page). */
	if ((float)x->ptext < 0.5f * (float)total && !(c->headline >= 0 &&
	    c->titled && is_ancestor(c, (int)(x - c->v), c->headline) &&
	    (float)x->ptext >= 0.25f * (float)total))
		return false;
	/* Down through wrappers classed alike ("has-sidebar" around
	 * "widget-area") to the one child holding most of the text. */
	for (depth = 0; depth < 8; depth++) {
		most = 0;
		best = -1;
		for (ch = x->n->children; ch != NULL; ch = ch->next) {
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			k = idx(ch);
			if (c->v[k].ptext > most) {
				most = c->v[k].ptext;
				best = k;
			}
		}
		if (best < 0 || (float)most < 0.6f * (float)x->ptext)
			return false;
		if (!(c->v[best].cls & C_NEG))
			return true;
		if (c->v[best].cls & C_THREAD)
			return false;
		x = &c->v[best];
	}
	return false;
}

/* A drop cap hidden from screen readers ("<p><span class=dropcap
 * aria-hidden=true>T</span>he shop"): the first letter of the text,
 * glued to the rest of its word. */
static bool
drop_cap(const struct cn *x)
{
	const xmlNode *nx = x->n->next;
	unsigned char ch;

	if ((x->tf & F_BLOCK) || x->own_text == 0 || x->own_text > 2 ||
	    x->nkids > 0 || nx == NULL || nx->type != XML_TEXT_NODE ||
	    nx->content == NULL)
		return false;
	ch = nx->content[0];
	return (ch >= 'a' && ch <= 'z') || ch >= 0x80;
}

/* Whether the class marks x as furniture: a strong name, or a
 * navigation or metadata name on a short or link-heavy box. */
static bool
neg_box(const struct cn *x)
{
	if (x->cls & C_STRONG)
		return false;
	if (x->cls & C_NEG)
		return true;
	if ((x->cls & C_MEDIA) && x->ptext == 0 && !(x->tf & F_HEAD))
		return true;
	/* A slide's "gallery__meta" around its caption is no byline. */
	return (x->cls & C_WEAK) && x->nfig == 0 && (x->text < 200 ||
	    link_density(x) > 0.5f);
}

static const char *short_text(struct ctx *c, int i, size_t max);
static bool starts_word(const char *s, const char *p);
static bool promo_text(const char *t);
static bool notice_text(const char *t);
static int promo_hits(const char *t);
static bool boiler_text(struct ctx *c, const char *t, bool heading,
    bool cell);

/* The first element child of box i, or -1. */
static int
first_child(const struct ctx *c, int i)
{
	const xmlNode *ch;

	(void)c;
	for (ch = c->v[i].n->children; ch != NULL; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE && ch->_private)
			return idx(ch);
	return -1;
}

/* Whether heading text (lower-cased) names a box about a person: the
 * interviewee's or author's short biography beside the text. */
static bool
person_label(const char *t)
{
	static const char *const labels[] = {
		"zur person", "bio express", "biography", "biographie",
		"biografie", "biografía", "biografia", "who is", "profile",
		"steckbrief", "qui est", "chi è", "quién es", "quem é",
		"wer ist", "about the author", "about the interviewee",
		"lebenslauf", "personalien", "the interviewee",
	};
	size_t i;

	while (*t == ' ' || *t == '*')
		t++;
	for (i = 0; i < ARRAY_LEN(labels); i++)
		if (starts_word(t, labels[i]))
			return true;
	return false;
}

/* A short box that opens with a heading naming a person ("Zur Person",
 * "Bio express", "Who is Jane Doe?"): the biography of the one
 * interviewed, which annotators leave out like an author's bio. */
static bool
person_box(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	int h;

	if ((x->tf & (F_HEAD | F_LIST | F_LINE | F_CELL)) || x->text > 900 ||
	    !(x->tf & (F_BLOCK | F_FURN)))
		return false;
	h = first_child(c, i);
	if (h < 0 || !(c->v[h].tf & F_HEAD) || c->v[h].text > 80 ||
	    c->v[h].text >= x->text)
		return false;
	return person_label(short_text(c, h, 100));
}

/* An <aside> in the run of the article's paragraphs that is the
 * article's own fact box ("Key facts", "In numbers", "Timeline"): it
 * opens with a heading, then says at least a sentence or two in a list
 * or paragraphs that are not links, and is no appeal and no box of
 * "Related" links. A pull quote has no heading; a box of links is
 * mostly links. */
static bool
fact_box(struct ctx *c, int i)
{
	const struct cn *x = &c->v[i];
	const xmlNode *sib;
	int h, paras = 0;

	if (strcmp((const char *)x->n->name, "aside") != 0 ||
	    (x->cls & (C_NEG | C_HIDDEN | C_THREAD)) || x->parent < 0 ||
	    x->text > 2000 || link_density(x) > 0.2f || x->nlh > 0)
		return false;
	h = first_child(c, i);
	if (h < 0 || !(c->v[h].tf & F_HEAD) || c->v[h].text > 100 ||
	    x->text < c->v[h].text + 100)
		return false;
	/* In the body: paragraphs of text beside it. */
	for (sib = c->v[x->parent].n->children; sib != NULL; sib = sib->next) {
		int k;
		if (sib->type != XML_ELEMENT_NODE || !sib->_private)
			continue;
		k = idx(sib);
		if ((c->v[k].tf & F_PARA) && c->v[k].text >= 80 &&
		    link_density(&c->v[k]) < 0.2f)
			paras++;
	}
	if (paras < 2)
		return false;
	if (person_label(short_text(c, h, 100)) ||
	    boiler_text(c, short_text(c, h, 100), true, false))
		return false;
	return !promo_text(short_text(c, i, 600));
}

/* Pass 2: mark furniture. level 0 uses every rule, 1 keeps class hints
 * out, 2 only drops hidden elements. */
static void
mark_furniture(struct ctx *c, int level)
{
	uint32_t total = c->n ? c->v[0].ptext : 0;
	size_t i, post_end = 0;

	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		bool junk = false, prot, in_post = i < post_end;
		const char *name = (const char *)x->n->name;

		x->removed = false;
		x->cand = false;
		x->score = 0;
		x->keep = false;
		x->ctext = 0;
		if (x->parent >= 0 && c->v[x->parent].removed) {
			x->removed = true;
			continue;
		}
		if (!strcmp(name, "body") || !strcmp(name, "html"))
			continue;
		prot = total > 0 && ((float)x->marker >= 0.3f *
		    (float)total || layout_box(c, x, total));
		if ((x->cls & C_HIDDEN) && !drop_cap(x))
			junk = true;
		/* A long plain paragraph is text whatever its class says
		 * ("story-summary--related" on a live-blog entry). */
		/* A heading is judged by the clean-up, on its weight and
		 * words ("header-anchor" on a subheading is its style). */
		if (level == 0 && neg_box(x) &&
		    !((x->tf & F_PARA) && x->text >= 150 &&
		    link_density(x) < 0.2f) && !in_post &&
		    !(x->tf & F_HEAD)) {
			if (!(x->tf & F_FURN) && post_header(c, x))
				post_end = i + x->size;
			else
				junk = true;
		}
		if (level <= 1 && (x->tf & F_FURN) && !(x->cls & C_STRONG) &&
		    !fact_box(c, (int)i)) {
			/* Its pieces are classed "...post__header-title". */
			if (post_header(c, x)) {
				post_end = i + x->size;
				junk = (x->cls & C_HIDDEN) != 0;
			} else {
				junk = true;
			}
		}
		x->removed = junk && !prot;
	}
}

/* The paragraph and list-item text left in the subtree at i. */
static uint32_t
live_text(const struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size, t = c->v[i].ctext;

	for (k = (uint32_t)i; k < end; k++) {
		const struct cn *x = &c->v[k];
		if (x->removed) {
			k += x->size - 1;
			continue;
		}
		if (x->tf & F_LI)
			t += x->text - x->link;
	}
	return t;
}

/* The best box can win by its class alone (id="content" on the whole
 * page column): the smallest candidate inside it that holds nearly all
 * of its paragraph text, with a fair score of its own, is the article. */
static int
narrow(const struct ctx *c, int best)
{
	const struct cn *b = &c->v[best];
	uint32_t i, end = (uint32_t)best + b->size;
	int pick = best, art = -1, narts = 0;

	for (i = (uint32_t)best + 1; i < end; i++) {
		const struct cn *x = &c->v[i];
		if (x->removed) {
			i += x->size - 1;
			continue;
		}
		if (x->cand && (float)x->ctext >= 0.85f * (float)b->ctext &&
		    x->score >= 0.5f * b->score &&
		    x->size < c->v[pick].size)
			pick = (int)i;
		if (!strcmp((const char *)x->n->name, "article") &&
		    x->ctext > 0) {
			narts++;
			art = (int)i;
		}
	}
	/* One <article> in a page box (<main> with the article and a
	 * column of other text beside it) holding most of its text: the
	 * article is that element. */
	if (pick == best && narts == 1 && (float)live_text(c, art) >=
	    0.6f * (float)live_text(c, best) && !repeated(c->v[art].n))
		pick = art;
	return pick;
}

/* Pass 3: scores. Returns the index of the best candidate or -1. */
static int
score_tree(struct ctx *c)
{
	size_t i;
	int best = -1, a, lvl, steps;
	bool real;

	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		uint32_t np;
		bool brbox;
		float cs;

		uint32_t tx, cm, lk;

		if (x->removed)
			continue;
		if (is_para(x) && x->text >= EXTRACT_MIN_PARA) {
			tx = x->text;
			cm = x->commas;
			lk = x->link;
		} else if (br_text_box(x)) {
			/* Its text outside its block children (a picture's
			 * box among the lines). */
			tx = x->itext;
			cm = x->icommas;
			lk = x->ilink;
		} else {
			continue;
		}
		/* A box of text whose paragraphs are separated by <br>
		 * (old CMSs, forum posts) is the article box itself, not a
		 * paragraph of its parent's: scored as its paragraphs
		 * would be, and from itself up. */
		brbox = !(x->tf & F_PARA) && x->nbr >= 2;
		np = brbox ? 1 + x->nbr / 2 : 1;
		cs = (float)np + (float)cm + (float)(tx / 100 > 3 * np ?
		    3 * np : tx / 100);
		/* A paragraph that is mostly links gives little. */
		cs *= 1.0f - (tx ? (float)lk / (float)tx : 0.0f);
		/* Wrappers around the paragraph alone (a component's <div>
		 * around each one) are no level: its parent is the first
		 * box holding more than one element. */
		for (a = brbox ? (int)i : x->parent, lvl = 0, steps = 0,
		    real = false; a >= 0 && lvl < 5 && steps < 12;
		    a = c->v[a].parent, steps++) {
			struct cn *y = &c->v[a];
			if (!y->cand) {
				y->cand = true;
				y->score = (float)(y->base + y->weight);
				y->text_class = 0;
			}
			/* Paragraphs classed as the post's text ("post-text",
			 * "article-body__paragraph"), two or more, name their
			 * box as the text, as the class on the box would:
			 * once. One short "card__text" is a teaser's. */
			if (a == x->parent && !brbox &&
			    (x->cls & C_STRONG) && y->text_class < 2 &&
			    ++y->text_class == 2)
				y->score += (float)x->weight;
			y->score += cs / (lvl == 0 ? 1.0f : lvl == 1 ? 2.0f :
			    (float)lvl * 3.0f);
			if (y->nkids > 1)
				real = true;
			if (real)
				lvl++;
		}
	}
	for (i = c->n; i-- > 0;) {
		struct cn *x = &c->v[i];
		if (x->removed)
			continue;
		if (is_para(x) && x->text >= EXTRACT_MIN_PARA)
			x->ctext += x->text - x->link;
		else if (br_text_box(x))
			x->ctext += x->itext - x->ilink;
		if (x->parent >= 0)
			c->v[x->parent].ctext += x->ctext;
	}
	for (i = 0; i < c->n; i++) {
		struct cn *x = &c->v[i];
		if (!x->cand || x->removed)
			continue;
		x->score *= 1.0f - link_density(x);
		if (best < 0 || x->score > c->v[best].score)
			best = (int)i;
	}
	return best < 0 ? best : narrow(c, best);
}

static bool
is_ancestor(const struct ctx *c, int a, int d)
{
	return a >= 0 && d >= a && (uint32_t)(d - a) < c->v[a].size;
}

static const char *
class_of(xmlNode *n)
{
	const char *v = attr(n, "class");
	return v ? v : "";
}

/* Whether candidate x, scoring near the chosen box, holds under a
 * quarter of its text: a card whose class names it "post-content" (a
 * grid of teasers below the story), not a piece of the same article
 * split between ads. */
static bool
small_rival(const struct cn *x, const struct cn *top)
{
	return (uint64_t)x->ctext * 4 < (uint64_t)top->ctext;
}

/* Move the choice up when the article is split over siblings. */
static int
promote(struct ctx *c, int top)
{
	int alts[5], na = 0, a, cnt, k, bound = -1;
	float last, thr;
	size_t i;

	/* The article's own <article> (or <main>) bounds the move: what is
	 * beside it is not the article (one of a run of like <article>s,
	 * posts or teasers, bounds nothing). */
	for (a = top; a > 0; a = c->v[a].parent) {
		const char *nm = (const char *)c->v[a].n->name;
		const xmlNode *pn = c->v[a].n->parent;
		if ((!strcmp(nm, "article") || !strcmp(nm, "main")) &&
		    !repeated_post(c, c->v[a].n) && !(pn != NULL &&
		    pn->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)pn->name, "li") &&
		    repeated_post(c, pn))) {
			bound = a;
			break;
		}
	}
	/* Several near-best candidates: take their common ancestor. */
	for (i = 0; i < c->n && na < 5; i++) {
		struct cn *x = &c->v[i];
		if ((int)i != top && x->cand && !x->removed &&
		    x->score >= 0.75f * c->v[top].score &&
		    !small_rival(x, &c->v[top]) &&
		    !is_ancestor(c, (int)i, top) &&
		    !is_ancestor(c, top, (int)i) &&
		    (bound < 0 || is_ancestor(c, bound, (int)i)))
			alts[na++] = (int)i;
	}
	if (na >= 3) {
		for (a = c->v[top].parent; a >= 0; a = c->v[a].parent) {
			for (cnt = 0, k = 0; k < na; k++)
				if (is_ancestor(c, a, alts[k]))
					cnt++;
			if (cnt >= 3) {
				top = a;
				break;
			}
		}
	}
	/* A parent scoring better than the child it came from. */
	last = c->v[top].score;
	thr = last / 3.0f;
	for (a = c->v[top].parent; a > 0; a = c->v[a].parent) {
		float sc;
		if (bound >= 0 && !is_ancestor(c, bound, a))
			break;
		if (!c->v[a].cand)
			continue;
		/* What it earned by its text: a page wrapper named
		 * "main-content" does not beat the article by its name. */
		sc = c->v[a].score - (c->v[a].weight > 0 ?
		    (float)c->v[a].weight : 0.0f);
		if (c->v[a].score < thr)
			break;
		if (sc > last) {
			top = a;
			break;
		}
		last = c->v[a].score;
	}
	/* An only child says nothing: its parent is the same box (but
	 * beside the article's <article> lies other text). */
	while (c->v[top].parent > 0 && top != bound) {
		int p = c->v[top].parent, kids = 0;
		xmlNode *ch;
		for (ch = c->v[p].n->children; ch; ch = ch->next)
			if (ch->type == XML_ELEMENT_NODE && ch->_private &&
			    !c->v[idx(ch)].removed)
				kids++;
		if (kids != 1 || !strcmp((const char *)c->v[p].n->name,
		    "body"))
			break;
		top = p;
	}
	return top;
}

static bool
sentence_like(xmlNode *n)
{
	xmlNode *ch;

	for (ch = n->children; ch; ch = ch->next)
		if (ch->type == XML_TEXT_NODE && ch->content &&
		    (strstr((const char *)ch->content, ". ") ||
		    strchr((const char *)ch->content, '.')))
			return true;
	return false;
}

static const char *short_text(struct ctx *c, int i, size_t max);
static void norm_key(const char *s, char *out, size_t outsz);

/* Whether the subtree at i holds the page's headline: an h1, or a
 * heading with the title's words. Such a box is the article's header. */
static bool
holds_headline(struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	char key[256];

	for (k = (uint32_t)i; k < end; k++) {
		if (!(c->v[k].tf & F_HEAD))
			continue;
		if (!strcmp((const char *)c->v[k].n->name, "h1"))
			return true;
		norm_key(short_text(c, (int)k, 400), key, sizeof(key));
		if (key[0] && !strcmp(key, c->title_key))
			return true;
	}
	return false;
}

/* Whether the subtree at i has an h1; *title is set when one of its
 * headings is the page's title. */
static bool
has_h1(struct ctx *c, int i, bool *title)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	char key[256];
	bool h1 = false;

	*title = false;
	for (k = (uint32_t)i; k < end; k++) {
		/* The headline is often in a <header>, left out already. */
		if (!(c->v[k].tf & F_HEAD))
			continue;
		if (!strcmp((const char *)c->v[k].n->name, "h1"))
			h1 = true;
		norm_key(short_text(c, (int)k, 400), key, sizeof(key));
		if (key[0] && !strcmp(key, c->title_key))
			*title = true;
	}
	return h1;
}

/* A page that loads the next story below the first (infinite scroll)
 * holds both in one box: when two or more children of box each have a
 * headline (h1) and a fair share of its text, the article is the one
 * headed with the page's title, else the first; -1 if not so. */
static int
stories(struct ctx *c, int box)
{
	xmlNode *ch;
	int first = -1, named = -1, count = 0;
	uint32_t min = c->v[box].ctext / 5;
	bool title;

	for (ch = c->v[box].n->children; ch != NULL; ch = ch->next) {
		int k;
		if (ch->type != XML_ELEMENT_NODE || !ch->_private)
			continue;
		k = idx(ch);
		if (c->v[k].removed || c->v[k].ctext == 0 ||
		    c->v[k].ctext < min || !has_h1(c, k, &title))
			continue;
		count++;
		if (first < 0)
			first = k;
		if (named < 0 && title)
			named = k;
	}
	if (count < 2)
		return -1;
	return named >= 0 ? named : first;
}

/* The same from the chosen box or, when it is one of them, its parent. */
static int
one_story(struct ctx *c, int top)
{
	int k = stories(c, top);
	bool title;

	if (k < 0 && c->v[top].parent > 0 && has_h1(c, top, &title))
		k = stories(c, c->v[top].parent);
	return k < 0 ? top : k;
}

/* A live blog's stream: a box of at least three posts, element
 * children each with a time stamp (<time> or a "datetime" attribute)
 * and a paragraph or two of their own text, that holds at least twice
 * the text of the chosen box. The chosen box was one post (the longest,
 * or one whose body is classed "post-body"), or a pinned copy of the
 * latest post above the stream; the posts together are the article.
 * Returns the stream's index, or top. */
static int
live_stream(struct ctx *c, int top)
{
	size_t i;
	int best = -1;
	uint32_t most = 2 * c->v[top].ctext;

	for (i = 0; i < c->n; i++) {
		const struct cn *x = &c->v[i];
		const xmlNode *ch;
		uint32_t posts = 0, text = 0;
		if (x->removed) {
			i += x->size - 1;
			continue;
		}
		if (link_density(x) > 0.3f)
			continue;
		for (ch = x->n->children; ch != NULL; ch = ch->next) {
			int k;
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			k = idx(ch);
			if (!c->v[k].removed && c->v[k].stamped &&
			    c->v[k].ctext >= 100) {
				posts++;
				text += c->v[k].ctext;
			}
		}
		if (posts >= 3 && text > most) {
			most = text;
			best = (int)i;
		}
	}
	return best >= 0 ? best : top;
}

/* Whether sibling ch sits next to the chosen box, with at most small
 * boxes (a byline, a date, share buttons) in between. */
static bool
next_to(const struct ctx *c, xmlNode *ch, int top)
{
	const xmlNode *t = c->v[top].n;
	int dir;

	for (dir = 0; dir < 2; dir++) {
		const xmlNode *n = dir ? ch->prev : ch->next;
		for (; n != NULL; n = dir ? n->prev : n->next) {
			int k;
			if (n == t)
				return true;
			if (n->type != XML_ELEMENT_NODE || !n->_private)
				continue;
			k = idx(n);
			if (!c->v[k].removed && (c->v[k].text >= 100 ||
			    c->v[k].np > 0))
				break;
		}
	}
	return false;
}

/* Whether two elements have the same name and class attribute. */
static bool
alike(xmlNode *a, xmlNode *b)
{
	const char *ca = attr(a, "class"), *cb = attr(b, "class");

	return !strcmp((const char *)a->name, (const char *)b->name) &&
	    (ca == NULL) == (cb == NULL) && (ca == NULL || !strcmp(ca, cb));
}

/* Whether sibling ch, after the chosen box, can continue it: no box of
 * text lies between them, kept or left out as furniture (a page footer,
 * a list of links). */
static bool
continues(const struct ctx *c, xmlNode *ch, int top)
{
	const xmlNode *n;

	for (n = c->v[top].n->next; n != NULL && n != ch; n = n->next) {
		int k;
		if (n->type != XML_ELEMENT_NODE || !n->_private)
			continue;
		k = idx(n);
		if (c->v[k].text0 >= 100)
			return false;
	}
	return true;
}

/* Decide which children of top's parent are article. */
static void
choose_siblings(struct ctx *c, int top)
{
	int p = c->v[top].parent;
	float thr = c->v[top].score * 0.2f;
	const char *tcls = class_of(c->v[top].n);
	xmlNode *ch, *nx;
	bool title, top_h1 = has_h1(c, top, &title);
	const char *tn = (const char *)c->v[top].n->name;
	bool whole = !strcmp(tn, "article") || !strcmp(tn, "main");

	if (thr < 10.0f)
		thr = 10.0f;
	c->v[top].keep = true;
	if (p < 0 || !strcmp((const char *)c->v[p].n->name, "html"))
		return;
	for (ch = c->v[p].n->children; ch; ch = ch->next) {
		int s = ch->type == XML_ELEMENT_NODE ? idx(ch) : -1;
		struct cn *x;
		float bonus = 0, ld;

		if (s < 0 || s == top || c->v[s].removed)
			continue;
		x = &c->v[s];
		if (x->teaser || (top_h1 && has_h1(c, s, &title)))
			continue;
		/* The whole article is in its <article> or <main>: what
		 * is beside it is not, but like posts of a live blog. */
		if (whole && !alike(ch, c->v[top].n))
			continue;
		ld = link_density(x);
		if (*tcls && !strcmp(class_of(ch), tcls)) {
			bonus = c->v[top].score * 0.2f;
			/* Live blogs: every update is a box like top. */
			if (!strcmp((const char *)ch->name,
			    (const char *)c->v[top].n->name) &&
			    x->text > 0 && ld < 0.3f) {
				x->keep = true;
				continue;
			}
		}
		if (x->cand && x->score + bonus >= thr &&
		    (s < top || bonus > 0 || (x->np >= 2 &&
		    continues(c, ch, top)))) {
			/* After the article, a one-paragraph box is an appeal
			 * (donate, subscribe, licensing) far more often than a
			 * continuation, which comes in several paragraphs or
			 * in a box like the article's own. */
			x->keep = true;
		} else if (is_para(x) || (x->tf & F_PARA)) {
			if (x->text > 80 && ld < 0.25f)
				x->keep = true;
			else if (x->text > 0 && x->text <= 80 && ld == 0.0f &&
			    sentence_like(ch))
				x->keep = true;
		} else if (s < top && !(x->cls & C_NEG) && ld < 0.2f &&
		    x->text >= 100 && (x->np >= 2 || x->nli + x->nfig > 0) &&
		    !holds_headline(c, s)) {
			/* A box of text before the article (key points, a
			 * list) with few links; not the article's header
			 * (headline, kicker, byline) nor a one-paragraph
			 * standfirst, which sums the article up. */
			x->keep = true;
		} else if (!(x->cls & C_NEG) && x->nfig > 0 && ld < 0.2f &&
		    next_to(c, ch, top)) {
			/* The lead picture's caption. */
			x->keep = true;
		}
	}
	/* Headings (and lists, figures) right before kept text belong. */
	for (ch = c->v[p].n->last; ch; ch = ch->prev) {
		int s = ch->type == XML_ELEMENT_NODE ? idx(ch) : -1;
		if (s < 0 || c->v[s].keep || c->v[s].removed)
			continue;
		for (nx = ch->next; nx; nx = nx->next)
			if (nx->type == XML_ELEMENT_NODE && nx->_private &&
			    !c->v[idx(nx)].removed)
				break;
		if (nx != NULL && c->v[idx(nx)].keep &&
		    (c->v[s].tf & F_HEAD) && link_density(&c->v[s]) < 0.5f)
			c->v[s].keep = true;
	}
}


/* The article split into like boxes above the chosen one: Medium's
 * <section>s between separators, a CMS's body "paragraph" entities, one
 * grid cell per run of paragraphs. From the chosen box's parent up a few
 * levels, the first ancestor with like siblings of article text next to
 * it (only small boxes, a separator or an ad, in between) is kept with
 * them. One pass over each level's children: linear. */
static void
like_ancestors(struct ctx *c, int top)
{
	int a = c->v[top].parent, lvl;

	for (lvl = 0; lvl < 4 && a > 0; lvl++, a = c->v[a].parent) {
		xmlNode *an = c->v[a].n, *ch;
		const char *pn;
		bool found = false;
		int dir;

		if (c->v[a].parent < 0)
			break;
		pn = (const char *)c->v[c->v[a].parent].n->name;
		if (!strcmp(pn, "body") || !strcmp(pn, "html"))
			break;
		/* The cells of a layout table are its columns (a sidebar
		 * of text beside the story), not a run of like posts; its
		 * rows are its bands (masthead, menu, columns, footer). */
		if ((c->v[a].tf & F_CELL) ||
		    !strcmp((const char *)an->name, "tr") ||
		    !strcmp((const char *)an->name, "tbody"))
			continue;
		for (dir = 0; dir < 2; dir++) {
			for (ch = dir ? an->prev : an->next; ch != NULL;
			    ch = dir ? ch->prev : ch->next) {
				struct cn *x;
				if (ch->type != XML_ELEMENT_NODE || !ch->_private)
					continue;
				x = &c->v[idx(ch)];
				if (x->removed || (x->ctext < 100 && x->np == 0 &&
				    x->nli == 0))
					continue;
				if (!alike(ch, an) || x->ctext < EXTRACT_MIN_PARA ||
				    link_density(x) >= 0.3f || x->teaser ||
				    holds_headline(c, idx(ch)))
					break;
				x->keep = true;
				found = true;
			}
		}
		if (found) {
			c->v[a].keep = true;
			return;
		}
	}
}

/* The lead picture above the article's box a level or more up (headline,
 * picture, then a box around the body): the first box before the chosen
 * one or one of its near ancestors, if it is a captioned picture. */
/* The lead picture inside the article's header right above the body
 * (<header> with the headline, dek, picture and byline, left out as
 * furniture): the first <figure> after the headline, with a caption and
 * in no box of furniture of its own, is kept, with what is furniture
 * inside it (its credit) left out. */
static void
header_figure(struct ctx *c, int box)
{
	uint32_t j, end = (uint32_t)box + c->v[box].size, fend;
	int f = -1, a;
	bool was;
	struct cn *fx;

	for (j = (uint32_t)c->headline + c->v[c->headline].size; j < end;
	    j++)
		if (!strcmp((const char *)c->v[j].n->name, "figure")) {
			f = (int)j;
			break;
		}
	if (f < 0)
		return;
	for (a = f; a != box; a = c->v[a].parent)
		if (c->v[a].cls & (C_NEG | C_HIDDEN))
			return;
	fx = &c->v[f];
	was = fx->removed;
	fend = (uint32_t)f + fx->size;
	/* Its own furniture rules, then its counts again (the counts of
	 * a box left out are not kept). */
	for (j = (uint32_t)f; j < fend; j++) {
		struct cn *x = &c->v[j];
		x->removed = ((int)j != f && c->v[x->parent].removed) ||
		    (x->cls & C_HIDDEN) || (neg_box(x) && !(x->tf & F_HEAD)) ||
		    ((x->tf & F_FURN) && !(x->cls & C_STRONG));
		x->text = x->own_text;
		x->link = 0;
		x->nimg = 0;
		x->nfig = 0;
	}
	for (j = fend; j-- > (uint32_t)f;) {
		struct cn *x = &c->v[j], *p;
		if (x->removed)
			continue;
		if (x->tf & F_A)
			x->link = x->text;
		if (x->tf & F_IMG)
			x->nimg++;
		if (x->tf & F_FIGCAP)
			x->nfig++;
		if ((int)j == f)
			break;
		p = &c->v[x->parent];
		p->text += x->text;
		p->link += x->link;
		p->nimg += x->nimg;
		p->nfig += x->nfig;
	}
	if (!fx->removed && fx->nimg > 0 && fx->nfig > 0 && fx->text >= 20 &&
	    fx->text <= 400 && link_density(fx) < 0.2f) {
		fx->keep = true;
		c->lead_fig = f;
		return;
	}
	for (j = (uint32_t)f; j < fend; j++)
		c->v[j].removed = was || c->v[j].removed;
}

static void
lead_figure(struct ctx *c, int top)
{
	int a = top, lvl, k;
	xmlNode *ch;
	bool above_head = false;

	/* The article's header inside the chosen box. */
	if (c->headline > top &&
	    (uint32_t)c->headline < top + c->v[top].size) {
		for (k = c->headline; c->v[k].parent != top; k = c->v[k].parent)
			;
		if (k != c->headline)
			header_figure(c, k);
		return;
	}

	for (lvl = 0; lvl < 3 && c->v[a].parent > 0; lvl++,
	    a = c->v[a].parent) {
		const char *pn = (const char *)c->v[c->v[a].parent].n->name;
		if (!strcmp(pn, "body") || !strcmp(pn, "html"))
			break;
		for (ch = c->v[a].n->prev; ch != NULL; ch = ch->prev) {
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			k = idx(ch);
			if (c->headline > k &&
			    (uint32_t)c->headline < k + c->v[k].size) {
				header_figure(c, k);
				/* Or set above the headline's box, on its
				 * own ("dcr-media" before "dcr-headline"). */
				if (c->lead_fig >= 0 || above_head)
					return;
				above_head = true;
				continue;
			}
			/* A standfirst between the text and the headline. */
			if ((c->v[k].cls & C_DEK) && !c->v[k].keep &&
			    c->v[k].nimg == 0)
				continue;
			if (!c->v[k].removed && (c->v[k].text > 0 ||
			    c->v[k].nimg > 0))
				break;
		}
		if (above_head && (ch == NULL || c->v[k].nimg == 0))
			return;
		/* Key points or a list kept before the body: look above. */
		if (ch == NULL || (c->v[k].keep && c->v[k].nimg == 0))
			continue;
		if (c->v[k].keep)
			return;
		if (c->v[k].nfig > 0 && c->v[k].nimg > 0 &&
		    c->v[k].text < 400 && link_density(&c->v[k]) < 0.2f &&
		    !(c->v[k].cls & C_NEG) && !holds_headline(c, k)) {
			c->v[k].keep = true;
			return;
		}
	}
}

/* Text helpers for the clean-up */

static int
lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The collapsed, lower-cased text of element i into c->tmp (bounded). */
static const char *
short_text(struct ctx *c, int i, size_t max)
{
	xmlNode *top = c->v[i].n, *n = top->children;
	size_t k;

	buf_reset(&c->raw);
	buf_reset(&c->tmp);
	while (n != NULL && c->raw.len < max) {
		if (n->type == XML_TEXT_NODE && n->content) {
			if (buf_putc(&c->raw, ' ') ||
			    buf_puts(&c->raw, (const char *)n->content))
				break;
		} else if (n->type == XML_ELEMENT_NODE && n->_private &&
		    !c->v[idx(n)].removed && n->children) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == top)
				n = NULL;
		}
		if (n != NULL)
			n = n->next;
	}
	if (extract_put_collapsed(&c->tmp, buf_cstr(&c->raw), c->raw.len))
		buf_reset(&c->tmp);
	for (k = 0; k < c->tmp.len; k++)
		c->tmp.p[k] = (char)lower_ascii((unsigned char)c->tmp.p[k]);
	return buf_cstr(&c->tmp);
}

/* Lower-case, letters and digits only, for title comparison. */
static void
norm_key(const char *s, char *out, size_t outsz)
{
	size_t k = 0;

	for (; *s && k + 1 < outsz; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch >= 0x80 || (ch >= '0' && ch <= '9') ||
		    (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
			out[k++] = (char)lower_ascii(ch);
	}
	out[k] = '\0';
}

static bool
starts_word(const char *s, const char *p)
{
	size_t n = strlen(p);
	unsigned char nx;

	if (strncmp(s, p, n) != 0)
		return false;
	nx = (unsigned char)s[n];
	return !((nx >= 'a' && nx <= 'z') || (nx >= '0' && nx <= '9'));
}

static const char *const boiler_prefix[] = {
	"advertisement", "sponsored content", "anzeige", "werbung",
	"publicité", "publicidad", "pubblicità", "anuncio", "read more", "read next", "read also", "also read",
	"more:", "related:", "related articles", "related stories",
	"related coverage", "related content", "related reading",
	"see also", "recommended for you", "recommended:", "most read",
	"most popular", "most viewed", "sign up", "subscribe", "newsletter",
	"get our", "follow us", "share this", "share on", "share:",
	"click here", "tap here", "download the", "get the app", "try our",
	"listen to this article", "skip to", "lire aussi", "à lire aussi",
	"a lire aussi", "voir aussi", "lesen sie auch", "mehr zum thema",
	"lee también", "lea también", "ver también", "te puede interesar",
	"leia também", "leia mais", "leggi anche", "lees ook", "lees meer",
	"czytaj także", "czytaj też", "zobacz też", "läs också", "läs mer",
	"læs også", "les også", "lue myös",
	/* Russian and Ukrainian, as the page capitalises them (only ASCII
	 * is lower-cased here): "read also", "see also", "subscribe". */
	"читайте также", "Читайте также", "читайте також", "Читайте також",
	"смотрите также", "Смотрите также", "читайте по теме",
	"Читайте по теме", "подписывайтесь", "Подписывайтесь",
	"подпишитесь", "Подпишитесь",
	/* Greek "read also", "follow". */
	"διαβάστε επίσης", "Διαβάστε επίσης", "διαβάστε ακόμη",
	"Διαβάστε ακόμη", "ακολουθήστε", "Ακολουθήστε",
	/* Korean and Japanese copyright marks. */
	"ⓒ",
	"auch interessant", "copyright", "©", "(c)", "all rights reserved",
	"photo:", "photograph:", "image:", "picture:", "credit:",
	"illustration:", "leave a comment", "leave a reply",
	"continue reading", "to continue reading", "already a subscriber",
	"log in", "we use cookies", "this website uses cookies",
	"this site uses cookies", "ai summary", "ai-generated summary",
	"summarize this", "summarise this", "join the conversation",
	"view comments", "show comments", "updated:", "published:",
	"posted:", "posted on", "published on", "updated on",
	"last updated", "mis à jour", "publié le", "aktualisiert",
	"veröffentlicht", "stand:", "foto:", "bild:", "this article is for",
	"this content is", "you have reached", "create a free account",
	"unlock this", "abonnez-vous", "jetzt abonnieren", "ask our ai",
	"try the app", "open in app", "get the latest", "want more",
	"more from", "more on this", "more stories", "top stories",
	"trending now", "don't miss", "do not miss", "watch:", "listen:",
	"we want to hear", "sign in", "a version of this article",
	"reporting by", "additional reporting by", "writing by",
	"editing by", "contributing:", "photography by", "photographs by", "photos by",
	"illustration by", "illustrations by", "additional photography",
	"view original content", "related news", "related posts",
	"related links", "video:",
	/* News Corp's syndication line, "Originally published as
	 * <headline>"; a site's "Join our newsletter / community /
	 * commenting forum". */
	"originally published as", "join our",
	/* McClatchy's "This story was originally published April 8,
	 * 2025 at 9:00 AM." */
	"this story was originally published",
	"this article was originally published",
	"for more stories like this", "get in touch with our news team",
	/* WeChat articles' "tap the blue name above to follow us". */
	"\xe7\x82\xb9\xe5\x87\xbb\xe4\xb8\x8a\xe6\x96\xb9",
};
static const char *const boiler_exact[] = {
	"share", "tweet", "email", "print", "facebook", "twitter", "x",
	"whatsapp", "linkedin", "comments", "comment", "advertisement", "ad",
	"close", "menu", "copy link", "share this article",
	"share this story", "trending", "recommended", "related", "more",
	"reddit", "pinterest", "save", "gift this article", "listen",
	"0 comments", "top", "back to top", "next", "previous", "reklama",
	"reklame", "annons", "mainos", "publicidad", "anzeige",
	"member-only story", "members-only story", "member only story",
	"ad feedback", "image", "photo", "video", "more news",
	/* "Advertisement" in Hungarian, Romanian, Dutch, Norwegian,
	 * Turkish, Russian and Ukrainian. */
	"hirdet\xc3\xa9s", "publicitate", "advertentie", "annonse", "reklam",
	"\xd1\x80\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0",
	"\xd0\xa0\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0",
	/* Recipe cards' buttons (WP Recipe Maker, Tasty Recipes). */
	"pin recipe", "print recipe", "jump to recipe", "save recipe",
	"rate this recipe",
	/* Postmedia's label over every ad slot in the text. */
	"article content",
	"copier le lien", "link kopieren", "copiar enlace", "partager",
	"teilen", "compartir",
	/* Code blocks' buttons. */
	"copy", "copy code", "copied!", "enter fullscreen mode",
	"exit fullscreen mode",
};

/* Whether s names a date: a month, as a whole word, next to a number
 * ("5 May 2024", "Oct. 6", "18 sep. 2024"). A bare "may" or "mar" is a
 * word more often than a month. */
static bool
has_month(const char *s)
{
	static const char *const months[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec", "janvier", "février", "mars", "avril",
		"mai", "juin", "juillet", "août", "septembre", "octobre",
		"novembre", "décembre", "janv", "févr", "avr", "juil", "déc",
		"januar", "februar", "märz", "juni", "juli", "oktober",
		"dezember", "jän", "okt", "dez", "enero", "febrero", "marzo",
		"abril", "mayo", "junio", "julio", "agosto", "septiembre",
		"octubre", "noviembre", "diciembre", "ene", "gennaio",
		"febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
		"ottobre", "dicembre", "januari", "februari", "maart", "mei",
		"augustus",
	};
	const unsigned char *p = (const unsigned char *)s;
	bool prev_num = false, month_pending = false;

	while (*p) {
		const unsigned char *st;
		size_t n, i;
		bool num;

		while (*p && !(*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9')))
			p++;
		if (!*p)
			break;
		st = p;
		num = *p >= '0' && *p <= '9';
		while (*p && (*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9')))
			p++;
		n = (size_t)(p - st);
		if (num) {
			if (month_pending)
				return true;
			prev_num = true;
			continue;
		}
		for (i = 0; i < ARRAY_LEN(months); i++)
			if (strlen(months[i]) == n &&
			    !memcmp(months[i], st, n))
				break;
		if (i < ARRAY_LEN(months)) {
			if (prev_num)
				return true;
			month_pending = true;
		} else {
			month_pending = false;
		}
		prev_num = false;
	}
	return false;
}

static int
word_count(const char *s)
{
	int w = 0;
	bool in = false;

	for (; *s; s++) {
		if (*s == ' ')
			in = false;
		else if (!in) {
			in = true;
			w++;
		}
	}
	return w;
}

/* Nothing but pictographs, dingbats and punctuation: the icon of a
 * callout box, a decorative separator. */
static bool
symbols_only(const char *t)
{
	size_t n = strlen(t), k;
	uint32_t cp;

	if (n == 0)
		return false;
	while (n > 0) {
		k = utf8_decode(t, n, &cp);
		if (k == 0)
			return false;
		if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
		    (cp >= '0' && cp <= '9') :
		    !((cp >= 0x2000 && cp < 0x2C00) || cp >= 0x1F000 ||
		    (cp >= 0xFE00 && cp <= 0xFE0F)))
			return false;
		t += k;
		n -= k;
	}
	return true;
}

/* A gallery's slide counter: "3 of 12", "3 / 12". */
static bool
slide_count(const char *t)
{
	const char *p = t;

	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (!strncmp(p, " of ", 4))
		p += 4;
	else if (!strncmp(p, " / ", 3))
		p += 3;
	else if (*p == '/')
		p++;
	else
		return false;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0';
}

/* A time of day alone, the stamp of a live blog's post: "16:00",
 * "4.32pm", "09:15 bst", "12:05 p.m. et", "16h30", "14.20 uhr". A
 * paragraph of the text never says only that. */
static bool
clock_only(const char *t)
{
	static const char *const after[] = {
		"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "uhr", "h", "hs", "hrs",
		"bst", "gmt", "utc", "cet", "cest", "et", "edt", "est", "ct",
		"cdt", "pt", "pdt", "pst", "mt", "aest", "ist", "z",
	};
	const char *p = t;
	int words = 0;
	size_t n, i;

	if (*p < '0' || *p > '9')
		return false;
	p++;
	if (*p >= '0' && *p <= '9')
		p++;
	if (*p != ':' && *p != '.' && *p != 'h')
		return false;
	p++;
	if (p[0] < '0' || p[0] > '5' || p[1] < '0' || p[1] > '9')
		return false;
	p += 2;
	while (*p) {
		if (*p == ' ') {
			p++;
			continue;
		}
		for (n = 0; p[n] && p[n] != ' '; n++)
			;
		for (i = 0; i < ARRAY_LEN(after); i++)
			if (strlen(after[i]) == n && !strncmp(p, after[i], n))
				break;
		if (i == ARRAY_LEN(after) || ++words > 2)
			return false;
		p += n;
	}
	return true;
}

/* Whether t opens with a time of day ("11:52", "9.05"). */
static bool
clock_lead(const char *t)
{
	const char *p = t;

	if (*p < '0' || *p > '9')
		return false;
	p++;
	if (*p >= '0' && *p <= '9')
		p++;
	if (*p != ':')
		return false;
	p++;
	/* Not a race time ("2:58.61") or a score of digits. */
	return p[0] >= '0' && p[0] <= '5' && p[1] >= '0' && p[1] <= '9' &&
	    !(p[2] >= '0' && p[2] <= '9') && !(p[2] == '.' &&
	    p[3] >= '0' && p[3] <= '9');
}

/* A date in digits: "18/04/2024", "18.04.2024", "2024-04-18". */
static bool
numeric_date(const char *s)
{
	const char *t;

	for (t = s; *t; t++) {
		const char *p = t;
		int a = 0, b = 0, c = 0;
		char sep;

		if (*p < '0' || *p > '9' || (t > s && t[-1] >= '0' &&
		    t[-1] <= '9'))
			continue;
		while (*p >= '0' && *p <= '9' && a < 5)
			p++, a++;
		sep = *p;
		if (sep != '/' && sep != '.' && sep != '-')
			continue;
		p++;
		while (*p >= '0' && *p <= '9' && b < 3)
			p++, b++;
		if (*p != sep)
			continue;
		p++;
		while (*p >= '0' && *p <= '9' && c < 5)
			p++, c++;
		if (b >= 1 && b <= 2 && ((a <= 2 && (c == 4 || c == 2)) ||
		    (a == 4 && c >= 1 && c <= 2)))
			return true;
	}
	return false;
}

/* Whether half or more of the words of t (lower-cased, three letters
 * or more) are in the page's title: the headline in other words. */
static bool
title_words(const struct ctx *c, const char *t)
{
	char w[64];
	int words = 0, hits = 0;
	size_t n;

	while (*t) {
		for (n = 0; (unsigned char)t[n] >= 0x80 ||
		    (t[n] >= 'a' && t[n] <= 'z') || (t[n] >= '0' && t[n] <= '9');
		    n++)
			;
		if (n >= 3 && n < sizeof(w)) {
			memcpy(w, t, n);
			w[n] = '\0';
			words++;
			if (strstr(c->title_lc, w) != NULL)
				hits++;
		}
		t += n ? n : 1;
	}
	return words > 0 && hits * 2 >= words;
}

/* An author's bio (lower-cased): two to five words of a name, then
 * "is a writer...", "covers ... for ...", "writes about ... for ...". */
static bool
bio_text(const char *t)
{
	static const char *const links[] = {
		" is a ", " is an ", " is the ", " covers ", " writes about ",
		" reports on ",
	};
	static const char *const roles[] = {
		"writer", "journalist", "reporter", "author", "editor",
		"correspondent", "columnist", "contributor", "photographer",
		"freelance", "professor", "researcher", "producer", "critic",
		"novelist", "historian", "lecturer", "economist", "teacher",
	};
	const char *v = NULL, *q;
	size_t i;
	int sp;

	while (*t == ' ' || *t == '*' || *t == '(' || *t == '_')
		t++;
	for (i = 0; i < ARRAY_LEN(links) && v == NULL; i++) {
		q = strstr(t, links[i]);
		if (q == NULL || q - t > 50)
			continue;
		for (sp = 0, v = t; v < q; v++)
			sp += *v == ' ';
		v = sp >= 1 && sp <= 4 ? q : NULL;
		/* "covers housing for the Ledger", not "The survey
		 * covers 1,200 homes." */
		if (v != NULL && i >= 3)
			return strstr(v, " for ") != NULL;
	}
	if (v == NULL)
		return false;
	for (i = 0; i < ARRAY_LEN(roles); i++)
		if (strstr(v, roles[i]) != NULL)
			return true;
	return false;
}

/* Where the text t (lower-cased) goes on after its first n letters
 * and digits (those of a normalised key) and the spaces and commas after
 * them. */
static const char *
after_key(const char *t, size_t n)
{
	while (*t && n > 0) {
		unsigned char ch = (unsigned char)*t++;
		if (ch >= 0x80 || (ch >= '0' && ch <= '9') ||
		    (ch >= 'a' && ch <= 'z'))
			n--;
	}
	while (*t == ' ' || *t == ',' || *t == '.')
		t++;
	return t;
}

/* Whether t opens with a verb that goes on an author's bio after the
 * name ("is a reporter", "covers", "has written", "joined"). */
static bool
bio_verb(const char *t)
{
	static const char *const verbs[] = {
		"is", "was", "has", "covers", "writes", "wrote", "reports",
		"joined", "lives", "teaches", "edits", "leads", "previously",
		"worked", "spent", "holds", "specializes", "specialises",
		"est", "ist", "es",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(verbs); i++)
		if (starts_word(t, verbs[i]))
			return true;
	return false;
}

/* A code block's gutter: the numbers 1, 2, 3... and nothing else. */
static bool
line_numbers(const char *t)
{
	long prev = -1, v;
	int count = 0;
	char *end;

	while (*t) {
		if (*t == ' ') {
			t++;
			continue;
		}
		if (*t < '0' || *t > '9')
			return false;
		v = strtol(t, &end, 10);
		if (prev >= 0 && v != prev + 1)
			return false;
		prev = v;
		count++;
		t = end;
	}
	return count >= 3;
}

/* Is this short block furniture by its words? */
static bool
boiler_text(struct ctx *c, const char *t, bool heading, bool cell)
{
	size_t i, n = strlen(t);
	char key[256];
	bool digit = false;

	while (*t == ' ' || *t == '|' || *t == '-' || *t == '>' ||
	    *t == '*' || *t == '(' || *t == '[')
		t++;
	for (i = 0; i < ARRAY_LEN(boiler_exact); i++)
		if (!strcmp(t, boiler_exact[i]))
			return true;
	for (i = 0; i < ARRAY_LEN(boiler_prefix); i++)
		if (starts_word(t, boiler_prefix[i]))
			return true;
	if (strstr(t, "min read") || strstr(t, "minute read") ||
	    strstr(t, "minutes read") || strstr(t, "hours ago") ||
	    strstr(t, "minutes ago"))
		return n < 60;
	norm_key(t, key, sizeof(key));
	/* The headline again; the page title may carry the site's name
	 * after it ("Headline - Site"). */
	if (key[0] && (!strcmp(key, c->title_key) || (strlen(key) >= 20 &&
	    !strncmp(c->title_key, key, strlen(key)))))
		return true;
	if (heading)
		return false;
	if (c->author_key[0] && n <= 100 && key[0] &&
	    (!strcmp(key, c->author_key) || (!strncmp(key, "by", 2) &&
	    !strcmp(key + 2, c->author_key))))
		return true;
	/* The author's bio: "Jane Doe covers housing for ...". A press
	 * release's first paragraph opens with its author too ("Acme
	 * Energy today announced ..."): a bio goes on with a verb of one. */
	if (c->author_key[0] && key[0] && !strncmp(key, c->author_key,
	    strlen(c->author_key)) && word_count(t) >= 4 &&
	    bio_verb(after_key(t, strlen(c->author_key))))
		return true;
	if (symbols_only(t))
		return true;
	if (slide_count(t))
		return true;
	if (line_numbers(t))
		return true;
	/* A Chinese article's credit line: "文字 | ... 编辑 | ...",
	 * "责任编辑：..." (编辑, "editor"). */
	if (n <= 120 && strstr(t, "\xe7\xbc\x96\xe8\xbe\x91") != NULL &&
	    (strchr(t, '|') != NULL ||
	    strstr(t, "\xef\xbc\x9a") != NULL || strchr(t, ':') != NULL))
		return true;
	/* A press release's closing "SOURCE Acme Corp" line. */
	if (starts_word(t, "source") && t[6] == ' ' && n <= 60 &&
	    t[n - 1] != '.' && word_count(t) <= 6)
		return true;
	/* The agencies' contributor line. */
	if (strstr(t, "contributed to this report") ||
	    strstr(t, "contributed to this story") ||
	    strstr(t, "contributed reporting"))
		return true;
	/* "By Jane Doe and John Roe" style bylines. */
	if (n <= 80 && (starts_word(t, "by") || starts_word(t, "par") ||
	    starts_word(t, "von") || starts_word(t, "written by")) &&
	    t[n - 1] != '.' && word_count(t) <= 14)
		return true;
	/* A table's cell is data ("188-6 dec", "12 May"). */
	if (cell)
		return false;
	if (clock_only(t))
		return true;

	/* Datelines: short, with digits and a month or a publishing word. */
	for (i = 0; t[i]; i++)
		if (t[i] >= '0' && t[i] <= '9')
			digit = true;
	if (digit && n <= 80 && word_count(t) <= 10 && t[n - 1] != '.' &&
	    (has_month(t) || strstr(t, "updated") || strstr(t, "published") ||
	    strstr(t, "posted") || numeric_date(t)))
		return true;
	/* "Published 2:22 p.m. ET April 15, 2024 | Updated 6:01 p.m. ..." */
	if (digit && n <= 120 && has_month(t) && (starts_word(t, "published") ||
	    starts_word(t, "updated") || starts_word(t, "posted")))
		return true;
	return false;
}

/* Where a picture credit starts inside a caption (lower-case ASCII
 * compared; the accented ones are matched byte for byte). */
static const char *const credit_marks[] = {
	"photograph:", "photographs:", "photo:", "photos:", "picture:",
	"pictures:", "image:", "images:", "credit:", "credits:",
	"illustration:", "foto:", "fotos:", "bild:", "bilder:", "quelle:",
	"imagen:", "fuente:", "crédito:", "crédit:", "source:", "sources:",
	"fonte:", "source :", "photo by ", "credit...", "credit\u2026",
	"photo credit", "image credit",
	/* A chart's maker (Datawrapper's "Chart: Paper • Source: ...
	 * • Get the data"). */
	"chart:", "graphic:",
	/* Hungarian "Fotó:", Russian and Ukrainian "Фото:". */
	"fot\xc3\xb3:", "\xd0\xa4\xd0\xbe\xd1\x82\xd0\xbe:",
	"\xd1\x84\xd0\xbe\xd1\x82\xd0\xbe:",
	/* Vietnamese "Ảnh:" and "ảnh:" ("photo:"). */
	"\xe1\xba\xa2nh:", "\xe1\xba\xa3nh:",
	"photograph by ", "picture by ", "image by ", "diagram by ",
	"illustration by ", "foto von ", "foto de ", "fot. ", "©",
};

/* The offset in s (n bytes) where a credit starts: at the start, or
 * after the end of a sentence or an opening bracket or dash; n if none.
 * before is the caption's last character ahead of s ('\0' if none). */
/* Words that make a closing bracket a picture credit: "(AP Photo/Jo
 * Roe)", "(Getty Images)", "(Image: Agency)". */
static const char *const credit_words[] = {
	"photo", "foto", "image", "getty", "credit", "reuters", "afp",
	"epa", "alamy", "shutterstock", "supplied", "courtesy", "picture",
	"\xce\xa6\xcf\x89\xcf\x84\xce\xbf", /* Greek "Photo..." */
};

/* "(Jo Roe for The Ledger)", "(Jo Roe/Agency)" after a full sentence:
 * the photographer and whom for. at is where the caption's text ends,
 * a..b the words inside the brackets. */
static bool
bracket_credit(const char *s, size_t at, char before, const char *a,
    const char *b)
{
	size_t n = (size_t)(b - a), i;
	char end = at > 0 ? s[at - 1] : before;
	bool mark = false;

	if (end == '\0' || n == 0 || n > 80 || !(strchr(".!?", end) ||
	    (unsigned char)end >= 0x80) || !(*a >= 'A' && *a <= 'Z'))
		return false;
	for (i = 0; i < n; i++) {
		if (a[i] == '.' && i + 1 < n && a[i + 1] == ' ')
			return false;
		if (a[i] == '/' || (i + 5 <= n && !memcmp(a + i, " for ", 5)))
			mark = true;
	}
	return mark;
}

/* Whether the n bytes at a hold the string pat. */
static bool
span_has(const char *a, size_t n, const char *pat)
{
	size_t m = strlen(pat), i;

	for (i = 0; i + m <= n; i++)
		if (!memcmp(a + i, pat, m))
			return true;
	return false;
}

static size_t
credit_at(const char *s, size_t n, char before)
{
	size_t i, j, k, m;
	const char *open;

	/* A bracketed credit closing the caption. */
	j = n;
	while (j > 0 && is_ws((unsigned char)s[j - 1]))
		j--;
	/* A Korean caption closes with its source after the sentence:
	 * "... 정원. 부산시 제공" ("provided by the city"). */
	if (j >= 6 && !memcmp(s + j - 6, "\xec\xa0\x9c\xea\xb3\xb5", 6)) {
		for (i = j - 6; i > 0 && j - i <= 40 && s[i - 1] != '.'; i--)
			;
		if (i > 0 && s[i - 1] == '.' && j - i <= 40)
			return i;
	}
	/* Chinese and Japanese captions close with the photographer in
	 * full-width brackets: "（记者 林晓雯 摄）" (摄 "photographed", 记者
	 * or 記者 "reporter"), "（提供）" ("provided"). */
	if (j >= 3 && !memcmp(s + j - 3, "\xef\xbc\x89", 3)) {
		for (i = j - 3; i >= 3 && memcmp(s + i - 3, "\xef\xbc\x88", 3);
		    i--)
			;
		if (i >= 3) {
			const char *in = s + i, *close = s + j - 3;
			size_t len = (size_t)(close - in);
			if (span_has(in, len, "\xe6\x91\x84") || /* 摄 */
			    span_has(in, len, "\xe8\xae\xb0\xe8\x80\x85") ||
			    span_has(in, len, "\xe8\xa8\x98\xe8\x80\x85") ||
			    span_has(in, len, "\xe6\x8f\x90\xe4\xbe\x9b"))
				return i - 3;
		}
	}
	if (j > 0 && s[j - 1] == ')') {
		for (open = s + j - 1; open > s && *open != '('; open--)
			;
		if (*open == '(') {
			for (k = 0; k < ARRAY_LEN(credit_words); k++) {
				m = strlen(credit_words[k]);
				for (i = (size_t)(open - s); i + m <= j; i++)
					if (!strncasecmp(s + i, credit_words[k],
					    m))
						break;
				if (i + m <= j)
					break;
			}
			for (i = (size_t)(open - s); i > 0 &&
			    is_ws((unsigned char)s[i - 1]); i--)
				;
			if (k < ARRAY_LEN(credit_words) ||
			    bracket_credit(s, i, before, open + 1, s + j - 1))
				return i;
		}
	}

	for (i = 0; i < n; i++) {
		if (i > 0 && !is_ws((unsigned char)s[i - 1]) && s[i - 1] != '(')
			continue;
		for (k = 0; k < ARRAY_LEN(credit_marks); k++) {
			m = strlen(credit_marks[k]);
			if (m > n - i || strncasecmp(s + i, credit_marks[k], m))
				continue;
			for (j = i; j > 0 && (is_ws((unsigned char)s[j - 1]) ||
			    s[j - 1] == '('); j--)
				;
			/* Mid-caption, only after the end of a sentence (a
			 * closing quote is not ASCII) or a separator. */
			if (j == 0 || strchr(".!?)|/-", s[j - 1]) ||
			    (unsigned char)s[j - 1] >= 0x80)
				return j;
		}
		/* "REUTERS/Jo Roe/File Photo", "AFP/Getty Images": an
		 * agency and its photographer joined by a slash, after the
		 * caption's last sentence. */
		if (s[i] >= 'A' && s[i] <= 'Z') {
			for (k = i; k < n && !is_ws((unsigned char)s[k]) &&
			    s[k] != '/'; k++)
				;
			if (k + 1 < n && s[k] == '/' && k - i >= 2 &&
			    ((s[k + 1] >= 'A' && s[k + 1] <= 'Z') ||
			    (unsigned char)s[k + 1] >= 0x80)) {
				for (j = i; j > 0 &&
				    is_ws((unsigned char)s[j - 1]); j--)
					;
				if (j == 0 || strchr(".!?", s[j - 1]))
					return j;
			}
		}
	}
	return n;
}

/* A caption that is only a picture agency's or a supplier's name
 * (lower-cased): "Getty Images", "Shutterstock", "Reuters", "Courtesy
 * of the family", "Supplied", or a bracket alone: a credit set where
 * the caption goes. */
static bool
agency_caption(const char *t)
{
	static const char *const agencies[] = {
		"getty", "istock", "istockphoto", "shutterstock", "alamy",
		"reuters", "afp", "epa", "ap photo", "associated press",
		"handout", "supplied", "courtesy", "dpa", "anp",
	};
	size_t i;
	const char *p;

	size_t n = strlen(t);

	if (n > 60 || word_count(t) > 7 || strstr(t, ". ") != NULL)
		return false;
	/* Nothing but a bracket: "(ABC News: Jo Roe)", "(Supplied)". */
	if (n >= 3 && t[0] == '(' && t[n - 1] == ')' &&
	    strchr(t + 1, '(') == NULL)
		return true;
	for (i = 0; i < ARRAY_LEN(agencies); i++)
		for (p = strstr(t, agencies[i]); p != NULL;
		    p = strstr(p + 1, agencies[i]))
			if ((p == t || !((p[-1] >= 'a' && p[-1] <= 'z') ||
			    (unsigned char)p[-1] >= 0x80)) &&
			    starts_word(p, agencies[i]))
				return true;
	return false;
}

/* Where the text t cut at at ends without the separator and spaces
 * before the cut: " — ", " – ", " - ", " | ", " • ". */
static size_t
trim_separator(const char *t, size_t at)
{
	static const char *const seps[] = {
		"\xe2\x80\x94", "\xe2\x80\x93", "\xe2\x80\xa2", "-", "|",
	};
	size_t k, m, end = at;

	while (end > 0 && is_ws((unsigned char)t[end - 1]))
		end--;
	for (k = 0; k < ARRAY_LEN(seps); k++) {
		m = strlen(seps[k]);
		if (end >= m + 1 && !memcmp(t + end - m, seps[k], m) &&
		    is_ws((unsigned char)t[end - m - 1])) {
			end -= m;
			while (end > 0 && is_ws((unsigned char)t[end - 1]))
				end--;
			return end;
		}
	}
	return at;
}

/* Cut picture credits out of the caption at i ("... the bridge.
 * Photograph: Name/Agency", "(Image: Agency)", "Diagram by the author"):
 * the text from the credit on is emptied, and so is every node after it
 * in the caption. */
static void
strip_credit(struct ctx *c, int i)
{
	xmlNode *top = c->v[i].n, *n = top->children;
	bool cut = false;
	char before = '\0'; /* the last character of the text so far */

	while (n != NULL && c->rc == 0) {
		bool down = false;

		if (n->type == XML_ELEMENT_NODE && n->_private) {
			struct cn *x = &c->v[idx(n)];
			if (cut && !x->removed)
				x->removed = true;
			else if (!x->removed)
				down = n->children != NULL;
		} else if (n->type == XML_TEXT_NODE && n->content) {
			const char *t = (const char *)n->content;
			size_t len = strlen(t), at = cut ? 0 :
			    credit_at(t, len, before);
			for (size_t k = len; k > 0 && !cut; k--)
				if (!is_ws((unsigned char)t[k - 1])) {
					before = t[k - 1];
					break;
				}
			if (at < len) {
				char *keep;
				/* With the dash or bar that set the credit off
				 * ("... biblioteca — Foto: ..."). */
				at = trim_separator(t, at);
				keep = strndup(t, at);
				if (keep == NULL) {
					c->rc = ERR_NOMEM;
					break;
				}
				xmlNodeSetContent(n, (const xmlChar *)keep);
				free(keep);
				cut = true;
			}
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != top && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == top)
			break;
		n = n->next;
	}
}

/* The caption's last part in <small> after its text ("... steady card
 * sales. <small>getty</small>"): the picture's credit in small print;
 * or in <cite> under a picture ("...near where he was found.<cite>(ABN:
 * Jo Roe)</cite>"): HTML's element for naming a work's maker, and the
 * credit's place in many sites' figure markup (a quotation's figure
 * keeps its <cite>: there it names the quotation's source). */
static void
strip_small_credit(struct ctx *c, int i)
{
	const xmlNode *ch, *last = NULL;
	int k;

	for (ch = c->v[i].n->children; ch != NULL; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE ||
		    (ch->type == XML_TEXT_NODE && ch->content &&
		    ch->content[strspn((const char *)ch->content,
		    " \t\r\n")]))
			last = ch;
	if (last == NULL || last->type != XML_ELEMENT_NODE ||
	    !last->_private || (strcmp((const char *)last->name, "small") &&
	    (strcmp((const char *)last->name, "cite") ||
	    c->v[i].parent < 0 || c->v[c->v[i].parent].nimg == 0)))
		return;
	k = idx(last);
	if (!c->v[k].removed && c->v[k].text > 0 && c->v[k].text <= 60 &&
	    c->v[i].text >= c->v[k].text + 20)
		c->v[k].removed = true;
}

/* Whether the neighbour of n in one direction, past white space, is a
 * block or nothing. */
static bool
block_side(const struct ctx *c, const xmlNode *n, bool before)
{
	for (n = before ? n->prev : n->next; n != NULL;
	    n = before ? n->prev : n->next) {
		if (n->type == XML_TEXT_NODE && n->content) {
			const char *t = (const char *)n->content;
			while (is_ws((unsigned char)*t))
				t++;
			if (*t)
				return false;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		return n->_private != NULL &&
		    (c->v[idx(n)].tf & (F_BLOCK | F_LIST)) != 0;
	}
	return true;
}

/* An inline element laid out as a block of its own (a <span> between
 * paragraphs: "3 of 12", "Advertisement"), not a word in a sentence. */
static bool
stands_alone(const struct ctx *c, const struct cn *x)
{
	if ((x->tf & (F_BLOCK | F_LEAF | F_CELL | F_A | F_IMG | F_BR)) ||
	    x->parent < 0 || !c->v[x->parent].blockchild)
		return false;
	return block_side(c, x->n, true) && block_side(c, x->n, false);
}

/* In a picture's figure, a short run of inline text outside its
 * caption is a credit or an overlay ("RSPB", "Image source, Getty").
 * Figures of tables, code or quotes keep their text. */
static void
strip_figure(struct ctx *c, int f)
{
	uint32_t i, end = (uint32_t)f + c->v[f].size;

	if (c->v[f].nimg == 0)
		return;
	for (i = (uint32_t)f + 1; i < end; i++) {
		struct cn *x = &c->v[i];
		if (x->removed || (x->tf & (F_FIGCAP | F_BLOCK | F_CELL |
		    F_LINE | F_LIST))) {
			if (x->removed || (x->tf & F_FIGCAP) ||
			    (x->tf & (F_CELL | F_LINE | F_LIST)) ||
			    !strcmp((const char *)x->n->name, "blockquote") ||
			    !strcmp((const char *)x->n->name, "pre") ||
			    !strcmp((const char *)x->n->name, "table"))
				i += x->size - 1;
			continue;
		}
		if (x->own_text > 0 && x->text < 60 && x->nfig == 0) {
			x->removed = true;
			i += x->size - 1;
		}
	}
}

/* A disclaimer, an affiliate disclosure or another notice about the
 * piece rather than part of it (lower-cased text). */
static bool
notice_text(const char *t)
{
	static const char *const starts[] = {
		"disclaimer", "disclosure", "editorial disclosure",
	};
	/* A rights notice, wherever it stands in the block: "... All
	 * rights reserved.", "This document is subject to copyright",
	 * the agencies' "may not be published, broadcast, rewritten or
	 * redistributed", and the same in other languages. */
	static const char *const rights[] = {
		"all rights reserved", "subject to copyright",
		"may not be reproduced", "may not be published, broadcast",
		"without the written permission", "without written permission",
		"todos los derechos reservados", "tous droits réservés",
		"alle rechte vorbehalten", "tutti i diritti riservati",
		"todos os direitos reservados", "riproduzione riservata",
		/* Korean "no reproduction or redistribution without
		 * permission", Japanese "no reprinting without permission",
		 * Chinese "all rights reserved". */
		"무단 전재", "무단전재", "無断転載", "版权所有",
	};
	size_t i;

	while (*t == ' ' || *t == '*' || *t == '(')
		t++;
	for (i = 0; i < ARRAY_LEN(starts); i++)
		if (starts_word(t, starts[i]))
			return true;
	for (i = 0; i < ARRAY_LEN(rights); i++)
		if (strstr(t, rights[i]) != NULL)
			return true;
	/* The footer of an e-mail on the web copy of a newsletter
	 * (Mailchimp's archive page and the like): why you got it, the
	 * sender's postal address, how to stop. */
	if (strstr(t, "unsubscribe") != NULL &&
	    (strstr(t, "receiving this email") != NULL ||
	    strstr(t, "mailing address") != NULL ||
	    strstr(t, "update your preferences") != NULL))
		return true;
	/* A science news site's "how to cite" line, "Citation: Title
	 * (2025, March 3) retrieved 4 March 2025 from https://...". */
	if ((starts_word(t, "citation") && (t[8] == ':' ||
	    (t[8] == ' ' && t[9] == ':'))) ||
	    starts_word(t, "cite this article") ||
	    starts_word(t, "how to cite"))
		return true;
	/* A note on how the piece was checked, above or below it: "This
	 * article has been reviewed according to X's editorial process",
	 * a health site's "Medically reviewed by ...". */
	if (starts_word(t, "medically reviewed by") ||
	    starts_word(t, "how we reviewed this article") ||
	    starts_word(t, "fact checked by") ||
	    starts_word(t, "fact-checked by") ||
	    (strstr(t, "reviewed") != NULL &&
	    (strstr(t, "editorial process") != NULL ||
	    strstr(t, "editorial polic") != NULL ||
	    strstr(t, "editorial standards") != NULL ||
	    strstr(t, "editorial guidelines") != NULL)))
		return true;
	/* A republished story's credit line: "This article first
	 * appeared on X and is republished here under a Creative Commons
	 * license." */
	if ((strstr(t, "first appeared") != NULL ||
	    strstr(t, "originally published") != NULL ||
	    strstr(t, "originally appeared") != NULL) &&
	    (strstr(t, "republish") != NULL ||
	    strstr(t, "creative commons") != NULL ||
	    strstr(t, "with permission") != NULL))
		return true;
	/* A magazine's "This feature first appeared in the winter print
	 * edition / the March issue". */
	if (strlen(t) <= 200 && (strstr(t, "first appeared in") != NULL ||
	    strstr(t, "originally appeared in") != NULL) &&
	    (strstr(t, "edition") != NULL || strstr(t, "issue") != NULL ||
	    strstr(t, "magazine") != NULL))
		return true;
	/* "Join our WhatsApp community", "Follow us on Google News":
	 * the site's channels, inside the text. */
	if (strlen(t) <= 250 && (strstr(t, "whatsapp") != NULL ||
	    strstr(t, "google news") != NULL ||
	    strstr(t, "telegram") != NULL) &&
	    (strstr(t, "join") != NULL || strstr(t, "follow") != NULL ||
	    strstr(t, "subscribe") != NULL || strstr(t, "channel") != NULL ||
	    strstr(t, "canal") != NULL || strstr(t, "siga") != NULL ||
	    strstr(t, "participe") != NULL || strstr(t, "sigue") != NULL ||
	    strstr(t, "síguenos") != NULL || strstr(t, "suivez") != NULL ||
	    strstr(t, "folgen") != NULL ||
	    strstr(t, "urm\xc4\x83re\xc8\x99te") != NULL))
		return true;
	/* The site's app: "Download our free app for breaking news
	 * alerts". */
	if (strlen(t) <= 200 && strstr(t, "app") != NULL &&
	    (strstr(t, "download our") != NULL ||
	    strstr(t, "download the") != NULL ||
	    strstr(t, "get our free app") != NULL ||
	    strstr(t, "get the app") != NULL))
		return true;
	/* The tip line: "Got a story? Ring us on ... or email ...", "Do
	 * you have a tip ...? Let us know via ...". */
	if ((starts_word(t, "got a story") || strstr(t, "have a tip") ||
	    strstr(t, "news tip") || strstr(t, "story tip")) &&
	    (strchr(t, '@') != NULL || strstr(t, "call") != NULL ||
	    strstr(t, "ring") != NULL || strstr(t, "let us know") != NULL ||
	    strstr(t, "get in touch") != NULL))
		return true;
	/* "If you see a mistake, select it and press Ctrl+Enter" (Russian
	 * and Ukrainian sites' error reports). */
	if (strstr(t, "ctrl+enter") != NULL || strstr(t, "ctrl + enter") != NULL)
		return true;
	/* A food blog's "Love this recipe? Pin it for later!" */
	if (strlen(t) <= 120 && (strstr(t, "pin it for later") != NULL ||
	    strstr(t, "pin this recipe") != NULL ||
	    strstr(t, "save this recipe") != NULL))
		return true;
	/* A republisher's note on agency copy: "This story has not been
	 * edited by our staff and is auto-generated from a syndicated
	 * feed", "published from a wire agency feed without
	 * modifications". */
	if (strstr(t, "syndicated feed") != NULL ||
	    strstr(t, "agency feed") != NULL ||
	    (strstr(t, "auto-generated") != NULL &&
	    strstr(t, "feed") != NULL))
		return true;
	/* A machine transcript's warning. */
	if (strstr(t, "transcript") != NULL &&
	    (strstr(t, "generated automatically") != NULL ||
	    strstr(t, "automatically generated") != NULL ||
	    strstr(t, "may contain errors") != NULL))
		return true;
	return strstr(t, "affiliate link") != NULL ||
	    strstr(t, "as an amazon associate") != NULL ||
	    strstr(t, "we may earn a commission") != NULL ||
	    strstr(t, "may receive compensation") != NULL;
}

/* An appeal (lower-cased text): a newsletter sign-up, a subscription or
 * a donation box says two of these; the number said (up to four). */
static int
promo_hits(const char *t)
{
	static const char *const words[] = {
		"newsletter", "inbox", "sign up", "signup", "subscribe",
		"subscription", "email address", "your email", "donate",
		"donation", "support local journalism", "support our",
		"become a member", "membership", "abonn", "inscri",
		/* The small print under a sign-up form. */
		"by signing up", "privacy policy", "terms of use",
		"terms of service",
		/* A reader-funded site's appeal between paragraphs ("Would
		 * you consider becoming a regular contributor? Already
		 * contributed? Log in to hide these messages"). */
		"contributor", "contribution", "already contributed",
		"support independent", "quality journalism",
		"freely accessible", "free to read", "reader-funded",
		"reader-supported",
	};
	size_t i;
	int hits = 0;

	for (i = 0; i < ARRAY_LEN(words) && hits < 4; i++)
		if (strstr(t, words[i]) != NULL)
			hits++;
	return hits;
}

static bool
promo_text(const char *t)
{
	return promo_hits(t) >= 2;
}

/* A definition list of short labels and values (journal, DOI, date):
 * metadata, not prose. */
static bool
meta_list(const struct ctx *c, int i)
{
	const xmlNode *ch;
	int dd = 0;

	for (ch = c->v[i].n->children; ch != NULL; ch = ch->next) {
		if (ch->type != XML_ELEMENT_NODE || !ch->_private)
			continue;
		if (c->v[idx(ch)].text >= 40)
			return false;
		if (!strcmp((const char *)ch->name, "dd"))
			dd++;
	}
	return dd >= 2;
}

/* A wiki's infobox above the text: a table of rows of one label cell
 * and one short value (a title row or a picture row may stand above),
 * before any paragraph of the text. */
static bool
infobox_table(const struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	int rows = 0, pairs = 0;

	if (strcmp((const char *)c->v[i].n->name, "table") != 0 ||
	    c->v[i].text > 1500)
		return false;
	for (k = (uint32_t)i + 1; k < end; k++) {
		const xmlNode *ch;
		int th = 0, td = 0;

		if (strcmp((const char *)c->v[k].n->name, "tr") != 0)
			continue;
		rows++;
		for (ch = c->v[k].n->children; ch != NULL; ch = ch->next) {
			if (ch->type != XML_ELEMENT_NODE || !ch->_private)
				continue;
			if (c->v[idx(ch)].text > 120)
				return false;
			if (!strcmp((const char *)ch->name, "th"))
				th++;
			else if (!strcmp((const char *)ch->name, "td"))
				td++;
		}
		if (th == 1 && td == 1)
			pairs++;
		k += c->v[k].size - 1;
	}
	return pairs >= 3 && pairs + 2 >= rows;
}

/* A wiki's reference list: items opening with a link back to where
 * they are cited ("^", href="#cite_ref-1"). */
static bool
reference_list(const struct ctx *c, int i)
{
	const xmlNode *li, *a;
	int items = 0, back = 0;

	for (li = c->v[i].n->children; li != NULL; li = li->next) {
		if (li->type != XML_ELEMENT_NODE || !li->_private)
			continue;
		items++;
		for (a = li->children; a != NULL &&
		    a->type != XML_ELEMENT_NODE; a = a->next)
			;
		if (a != NULL && a->_private &&
		    !strcmp((const char *)a->name, "a")) {
			const char *h = attr((xmlNode *)a, "href");
			if (h != NULL && !strncmp(h, "#cite", 5))
				back++;
		}
	}
	return items > 0 && back * 2 >= items;
}

/* A post's time and source or author, run together ("11:52Le
 * Quotidien", "09:15 Jane Doe"): a few words, no sentence, and no
 * heading (the post's title beside its time stays). */
static bool
post_stamp(struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;
	const char *t;
	size_t n;

	for (k = (uint32_t)i; k < end; k++)
		if (c->v[k].tf & F_HEAD)
			return false;
	t = short_text(c, i, 100);
	n = strlen(t);
	return n > 0 && t[n - 1] != '.' && word_count(t) <= 6 &&
	    clock_lead(t);
}

/* Whether list x is a slide gallery: three or more captioned pictures
 * whose captions hold its text, with few links. A list scores below
 * zero by its tag alone, and its paragraphs, deep in each slide's
 * figure, give it little; the captions are the story. */
static bool
slide_list(const struct cn *x)
{
	return (x->tf & F_LIST) && x->nfig >= 3 && x->ctext >= 200 &&
	    link_density(x) < 0.2f;
}

/* Whether box i holds a heading. */
static bool
head_inside(const struct ctx *c, int i)
{
	uint32_t k, end = (uint32_t)i + c->v[i].size;

	for (k = (uint32_t)i; k < end; k++)
		if (c->v[k].tf & F_HEAD)
			return true;
	return false;
}

/* The lines of a box of <br>-separated text (Korean portals, old
 * pages): a line is the run of text and inline elements between two
 * <br>s or blocks. A line that is furniture by its words (a copyright
 * line, "Read more: ...", a byline), a reporter's sign-off with an
 * e-mail address ("Jo Roe reporter jo@paper.example") or a link behind
 * an arrow ("▶ Get our app") is emptied, as a block would be left out.
 * Only short lines are judged. */
static void
strip_lines(struct ctx *c, int i)
{
	xmlNode *ch, *start = c->v[i].n->children;

	for (ch = start;; ch = ch->next) {
		bool edge = ch == NULL || (ch->type == XML_ELEMENT_NODE &&
		    (!ch->_private || (c->v[idx(ch)].tf & (F_BR | F_BLOCK |
		    F_LIST))));
		xmlNode *k;
		size_t len = 0, links = 0;
		bool junk, arrow, email;
		const char *t;

		if (!edge)
			continue;
		/* The line from start up to ch. */
		buf_reset(&c->raw);
		for (k = start; k != ch && c->rc == 0; k = k->next) {
			if (k->type == XML_TEXT_NODE && k->content) {
				buf_putc(&c->raw, ' ');
				buf_puts(&c->raw, (const char *)k->content);
			} else if (k->type == XML_ELEMENT_NODE && k->_private &&
			    !c->v[idx(k)].removed) {
				char *v = (char *)xmlNodeGetContent(k);
				if (v != NULL) {
					if (c->v[idx(k)].tf & F_A)
						links += strlen(v);
					buf_putc(&c->raw, ' ');
					buf_puts(&c->raw, v);
					xmlFree(v);
				}
			}
		}
		buf_reset(&c->tmp);
		if (extract_put_collapsed(&c->tmp, buf_cstr(&c->raw),
		    c->raw.len) == 0) {
			for (len = 0; len < c->tmp.len; len++)
				c->tmp.p[len] = (char)lower_ascii(
				    (unsigned char)c->tmp.p[len]);
		}
		t = buf_cstr(&c->tmp);
		len = strlen(t);
		arrow = !strncmp(t, "\xe2\x96\xb6", 3) ||
		    !strncmp(t, "\xe2\x96\xba", 3); /* ▶ ► */
		email = strchr(t, '@') != NULL && strchr(t, '.') != NULL &&
		    word_count(t) <= 6;
		junk = len > 0 && len <= EXTRACT_BOILER_MAX &&
		    (start != c->v[i].n->children || ch != NULL) &&
		    (email || (arrow && links > 0 && links + 8 >= len) ||
		    notice_text(t) || boiler_text(c, t, false, false));
		for (k = start; junk && k != ch; k = k->next) {
			if (k->type == XML_TEXT_NODE)
				xmlNodeSetContent(k, (const xmlChar *)"");
			else if (k->type == XML_ELEMENT_NODE && k->_private)
				c->v[idx(k)].removed = true;
		}
		if (ch == NULL)
			break;
		start = ch->next;
	}
}

/* Whether the element before n (past white space) is the page's
 * headline. */
static bool
after_headline(const struct ctx *c, const xmlNode *n)
{
	for (n = n->prev; n != NULL; n = n->prev)
		if (n->type == XML_ELEMENT_NODE)
			return n->_private != NULL && c->headline >= 0 &&
			    idx(n) == c->headline;
	return false;
}

static void strip_lines(struct ctx *c, int i);

/* Pass 4: clean up inside the kept subtrees. */
static void
clean_kept(struct ctx *c, int root, int top, bool *seen_text)
{
	uint32_t end = (uint32_t)root + c->v[root].size, i, post_end = 0;

	/* The chosen box's own lines are judged (it is not, below). */
	if (root == top && c->v[root].nbr >= 2)
		strip_lines(c, root);
	/* A kept sibling is checked itself too; the chosen box is not. */
	for (i = (uint32_t)root + (root == top); i < end; i++) {
		struct cn *x = &c->v[i];
		const char *name = (const char *)x->n->name;
		float ld;
		bool drop = false, post_head = false;

		if (x->removed) {
			i += x->size - 1;
			continue;
		}
		ld = link_density(x);
		/* A post's head is kept whatever its class ("lx-post-header"
		 * on a <div>): its title is the post's subheading. */
		if (i >= post_end && ((x->tf & F_FURN) || neg_box(x)) &&
		    post_header(c, x)) {
			post_end = i + x->size;
			post_head = head_inside(c, (int)i);
		}
		if ((x->tf & F_BLOCK) && !(x->tf & F_HEAD) &&
		    (float)x->ctext <= 0.1f * (float)c->v[top].ctext &&
		    holds_headline(c, (int)i)) {
			/* The article's own header inside the chosen box:
			 * section label, headline, dek, byline. */
			drop = true;
		} else if (i < post_end && !strcmp(name, "time")) {
			/* A post's time stamp is its metadata. */
			drop = true;
		} else if (post_head) {
			/* Its time and title are judged one by one (its
			 * text run together reads "15:02Polls close"). */
		} else if ((x->cls & C_DEK) && !*seen_text && x->nli == 0 &&
		    x->np <= 1 && x->text >= 50 &&
		    x->text <= EXTRACT_NOTICE_MAX &&
		    (!(x->tf & (F_HEAD | F_PARA)) || ((x->tf & F_PARA) &&
		    c->v[top].np >= 4 && after_headline(c, x->n))) &&
		    (int)i != top) {
			/* The standfirst above the text, a box of its own (as
			 * a paragraph of the text it is the text's start,
			 * but for a paragraph set right under the headline,
			 * "<h1>...</h1><p class=story-summary>", over a
			 * text of paragraphs: a gallery's standfirst is
			 * most of its prose). */
			drop = true;
		} else if ((x->tf & F_A) && x->text > 0 && x->text <= 50 &&
		    x->link == x->text && x->parent >= 0 &&
		    c->v[x->parent].blockchild && block_side(c, x->n, true) &&
		    block_side(c, x->n, false)) {
			/* A link laid out as a block of its own between blocks:
			 * "See all photos", "Full story". */
			drop = true;
		} else if ((x->tf & F_A) && x->text <= 20 && attr(x->n,
		    "href") != NULL && strstr(attr(x->n, "href"),
		    "action=edit") != NULL) {
			/* A wiki section's "[edit]" link. */
			drop = true;
		} else if ((x->tf & (F_BLOCK | F_LEAF)) &&
		    !(x->tf & F_CELL) && x->text <= 50 &&
		    post_stamp(c, (int)i)) {
			drop = true;
		} else if (!*seen_text && infobox_table(c, (int)i)) {
			drop = true;
		} else if ((x->tf & F_LIST) && reference_list(c, (int)i)) {
			drop = true;
		} else if (!strcmp(name, "sup") && x->text <= 8 &&
		    x->link == x->text) {
			/* A footnote or citation marker ("[1]"). */
			drop = true;
		} else if ((int)i != top && person_box(c, (int)i)) {
			drop = true;
		} else if (x->tf & F_HEAD) {
			if (x->weight < 0 || ld > 0.5f)
				drop = true;
			else if (x->text <= EXTRACT_BOILER_MAX &&
			    boiler_text(c, short_text(c, (int)i, 400), true, false))
				drop = true;
			else if ((x->cls & C_DEK) && !*seen_text &&
			    (int)i != top && x->text >= 30)
				/* The subtitle under the headline, as a
				 * heading ("pw-subtitle-paragraph"). */
				drop = true;
			else if (!strcmp(name, "h1") && !*seen_text &&
			    (((int)i == c->headline && c->titled) ||
			    title_words(c, short_text(c, (int)i, 400))))
				drop = true;
		} else if (((x->tf & (F_BLOCK | F_LEAF | F_CELL)) ||
		    stands_alone(c, x)) && x->text <= EXTRACT_BOILER_MAX &&
		    boiler_text(c, short_text(c, (int)i, 400), false,
		    (x->tf & F_CELL) != 0)) {
			drop = true;
		} else if ((x->tf & (F_BLOCK | F_LEAF)) &&
		    x->text <= EXTRACT_NOTICE_MAX &&
		    notice_text(short_text(c, (int)i, 600))) {
			drop = true;
		} else if ((x->tf & F_COND) && x->blockchild && (int)i != top &&
		    x->text <= 900 && x->size <= 256 &&
		    (x->link > 0 || x->ninput > 0) &&
		    !is_ancestor(c, (int)i, c->best) &&
		    (x->text <= 300 ? x->nemail > 0 ||
		    promo_text(short_text(c, (int)i, 600)) :
		    promo_hits(short_text(c, (int)i, 1000)) >= 3)) {
			/* A sign-up, subscription or donation box, with its
			 * button or form; a longer one (a donation appeal's
			 * paragraph of reasons) says three of the words. */
			drop = true;
		} else if (!strcmp(name, "dl") && meta_list(c, (int)i)) {
			drop = true;
		} else if ((x->tf & F_PARA) && ld >= 0.8f) {
			drop = true;
		} else if ((x->tf & F_COND) && (int)i != top &&
		    !is_ancestor(c, (int)i, c->best)) {
			/* A box around the best paragraphs of the page (a
			 * list of live-blog posts) is the article whatever
			 * its own score. */
			uint32_t p = x->np + x->nfig;
			if (x->teaser)
				drop = true;
			else if (x->weight + (x->cand ? x->score : 0) < 0 &&
			    !slide_list(x))
				drop = true;
			else if (x->commas < 10) {
				bool list = (x->tf & F_LIST) != 0;
				if (x->nimg > 1 && x->nfig == 0 &&
				    (float)p / (float)x->nimg < 0.5f &&
				    x->text < 200)
					drop = true;
				/* A product or promo card: a picture, a
				 * line of text and a link, no caption. */
				else if (x->nimg > 0 && p == 0 &&
				    x->link > 0 && x->text < 100)
					drop = true;
				else if (x->ninput > p / 3 + 1)
					drop = true;
				else if (list && ld > 0.5f)
					drop = true;
				else if (!list && x->weight < 25 &&
				    ld > 0.33f)
					drop = true;
				else if (!list && ld > 0.5f)
					drop = true;
				else if (!list && x->nli > p + 3 && ld > 0.2f)
					drop = true;
			}
		} else if (neg_box(x) && x->text < 120 &&
		    !(x->tf & F_FIGCAP) && i >= post_end) {
			/* Credits, bylines and share labels left by a
			 * lenient pass. */
			drop = true;
		}
		if (drop) {
			x->removed = true;
			i += x->size - 1;
			continue;
		}
		if ((x->tf & F_FIGCAP) && x->text <= 60 &&
		    agency_caption(short_text(c, (int)i, 100))) {
			x->removed = true;
			i += x->size - 1;
			continue;
		}
		if (x->nbr >= 2)
			strip_lines(c, (int)i);
		if (x->tf & F_FIGCAP) {
			/* A caption's icon ("▲" pointing at the picture). */
			for (xmlNode *ic = x->n->children; ic != NULL;
			    ic = ic->next)
				if (ic->type == XML_ELEMENT_NODE &&
				    ic->_private && c->v[idx(ic)].text > 0 &&
				    c->v[idx(ic)].text <= 4 &&
				    symbols_only(short_text(c, idx(ic), 16)))
					c->v[idx(ic)].removed = true;
			strip_credit(c, (int)i);
			strip_small_credit(c, (int)i);
		}
		if (!strcmp(name, "figure"))
			strip_figure(c, (int)i);
		if (((x->tf & F_PARA) && x->text > 0) || (is_para(x) &&
		    !(x->tf & F_FIGCAP) && !(x->cls & C_DEK)))
			*seen_text = true;
	}
}

/* Output */

struct tx {
	struct buf *out;
	int newlines;
	bool space;
	bool camel; /* a classed <span> right after another */
	int rc;
};

static void
tx_flush(struct tx *t)
{
	if (t->out->len > 0) {
		if (t->newlines)
			t->rc = buf_append(t->out, "\n\n", (size_t)t->newlines);
		else if (t->space)
			t->rc = buf_putc(t->out, ' ');
	}
	t->newlines = 0;
	t->space = false;
}

/* The length of a space character outside ASCII at p, 0 if none. */
static size_t
wide_space(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (u[0] == 0xE2 && ((u[1] == 0x80 && ((u[2] >= 0x82 &&
	    u[2] <= 0x8A) || u[2] == 0xAF)) || (u[1] == 0x81 &&
	    u[2] == 0x9F)))
		return 3;
	return 0;
}

/* The length of an invisible character at p (U+00AD soft hyphen,
 * U+2060 word joiner, U+FEFF), 0 if none. */
static size_t
invisible(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] == 0xC2 && u[1] == 0xAD)
		return 2;
	if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0) ||
	    (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
		return 3;
	return 0;
}

static void
tx_text(struct tx *t, const char *p)
{
	const char *run;

	while (*p && t->rc == 0) {
		if (is_ws((unsigned char)*p)) {
			t->space = true;
			p++;
			continue;
		}
		/* U+00A0 no-break space, U+3000 ideographic space (Chinese
		 * portals indent every paragraph with two) and the typeset
		 * spaces U+2002-U+200A, U+202F, U+205F separate words too. */
		if (wide_space(p)) {
			t->space = true;
			p += wide_space(p);
			continue;
		}
		/* Invisible marks inside a word (a soft hyphen, "Bundes&shy;
		 * regierung" on German and Dutch sites; a word joiner; a
		 * stray byte order mark) are not in the text a reader
		 * sees or copies. */
		if (invisible(p)) {
			p += invisible(p);
			continue;
		}
		/* "<span>Eastern Europe</span><span>CNN</span>": two
		 * classed spans set apart by their style, not by a space;
		 * the join shows as a lower-case letter then a capital. */
		if (t->camel && !t->space && t->newlines == 0 &&
		    t->out->len > 0 && *p >= 'A' && *p <= 'Z' &&
		    t->out->p[t->out->len - 1] >= 'a' &&
		    t->out->p[t->out->len - 1] <= 'z')
			t->space = true;
		t->camel = false;
		tx_flush(t);
		for (run = p; *run && !is_ws((unsigned char)*run) &&
		    !wide_space(run) && !invisible(run); run++)
			;
		if (t->rc == 0)
			t->rc = buf_append(t->out, p, (size_t)(run - p));
		p = run;
	}
}

static void
tx_break(struct tx *t, unsigned tf)
{
	if (tf & F_BLOCK)
		t->newlines = 2;
	else if ((tf & F_LINE) && t->newlines < 1)
		t->newlines = 1;
	else if (tf & F_CELL)
		t->space = true;
}

static int
esc(struct buf *o, const char *s, bool attrv)
{
	const char *run = s;
	int rc = 0;

	/* Copy runs between the characters that need escaping. */
	for (; rc == 0; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attrv ? "&quot;" : NULL; break;
		case '\0': rep = ""; break;
		}
		if (rep == NULL)
			continue;
		if (s > run)
			rc = buf_append(o, run, (size_t)(s - run));
		if (rc == 0 && *rep)
			rc = buf_puts(o, rep);
		if (*s == '\0')
			break;
		run = s + 1;
	}
	return rc;
}

static bool
is_void(xmlNode *n)
{
	return (tag_find((const char *)n->name)->flags & F_VOID) != 0;
}

static int
open_tag(struct buf *h, xmlNode *n)
{
	static const char *const keep[] = { "href", "src", "srcset", "alt",
	    "title", "datetime", "cite", "colspan", "rowspan", "width",
	    "height", "lang", "dir", "start", "scope", "sizes", "type" };
	const char *name = (const char *)n->name, *lazy;
	bool img = !strcmp(name, "img") || !strcmp(name, "amp-img");
	xmlAttr *a;
	size_t i;
	int rc;

	if (!strcmp(name, "amp-img"))
		name = "img";
	rc = buf_printf(h, "<%s", name);
	lazy = img ? attr(n, "data-src") : NULL;
	if (img && lazy == NULL)
		lazy = attr(n, "data-lazy-src");
	if (img && lazy == NULL)
		lazy = attr(n, "data-original");
	for (a = n->properties; a && rc == 0; a = a->next) {
		const char *an = (const char *)a->name, *v;
		for (i = 0; i < ARRAY_LEN(keep); i++)
			if (!strcasecmp(an, keep[i]))
				break;
		if (i == ARRAY_LEN(keep))
			continue;
		v = a->children && a->children->content ?
		    (const char *)a->children->content : "";
		if (img && lazy && *lazy && !strcasecmp(an, "src") &&
		    (*v == '\0' || !strncmp(v, "data:", 5)))
			continue;
		rc = buf_printf(h, " %s=\"", an);
		if (rc == 0)
			rc = esc(h, v, true);
		if (rc == 0)
			rc = buf_putc(h, '"');
	}
	if (rc == 0 && img && lazy && *lazy) {
		const char *src = attr(n, "src");
		if (src == NULL || *src == '\0' || !strncmp(src, "data:", 5)) {
			rc = buf_puts(h, " src=\"");
			if (rc == 0)
				rc = esc(h, lazy, true);
			if (rc == 0)
				rc = buf_putc(h, '"');
		}
	}
	if (rc == 0)
		rc = buf_putc(h, '>');
	return rc;
}

static bool
classed_span(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE &&
	    !strcmp((const char *)n->name, "span") &&
	    attr((xmlNode *)n, "class") != NULL;
}

/* Write the kept subtree at root as text and HTML. */
static int
emit(struct ctx *c, int root, struct tx *t, struct buf *h)
{
	xmlNode *top = c->v[root].n, *n = top;
	int rc = 0;

	tx_break(t, F_BLOCK);
	while (n != NULL && rc == 0 && t->rc == 0) {
		bool down = false;

		if (n->type == XML_ELEMENT_NODE) {
			int i = idx(n);
			if (i >= 0 && !c->v[i].removed) {
				unsigned tf = c->v[i].tf;
				if (tf & F_BR) {
					if (t->newlines < 1)
						t->newlines = 1;
				}
				tx_break(t, tf);
				t->camel = classed_span(n) && n->prev != NULL &&
				    classed_span(n->prev);
				rc = open_tag(h, n);
				down = n->children != NULL && !(tf & F_VOID);
				if (!down && !(tf & F_VOID) && rc == 0)
					rc = buf_printf(h, "</%s>",
					    (const char *)n->name);
				if (!down)
					tx_break(t, tf);
			}
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content) {
			tx_text(t, (const char *)n->content);
			rc = esc(h, (const char *)n->content, false);
		}
		if (down) {
			n = n->children;
			continue;
		}
		if (n == top)
			break;
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL)
				break;
			if (!is_void(n)) {
				const char *nm = (const char *)n->name;
				rc |= buf_printf(h, "</%s>",
				    !strcmp(nm, "amp-img") ? "img" : nm);
			}
			tx_break(t, c->v[idx(n)].tf);
			if (n == top)
				n = NULL;
		}
		if (n != NULL)
			n = n->next;
	}
	tx_break(t, F_BLOCK);
	return rc ? rc : t->rc;
}

/* Whether a heading's text (lower-cased) names a readers' thread: "7
 * Comments", "Comments (12)", "Responses (23)", "3 thoughts on ...".
 * Words that also head an article's own section ("Discussion",
 * "Reactions") count only with a number. */
static bool
thread_heading(const char *t)
{
	static const char *const names[] = {
		"comments", "reader comments", "readers' comments",
		"user comments", "join the discussion", "webmentions",
		"comentarios", "commentaires", "kommentare", "commenti",
		"reacties", "komentarze", "kommentarer", "comentários",
	};
	/* "Comment" alone labels opinion pieces (a kicker). */
	static const char *const counted[] = {
		"responses", "replies", "reactions", "discussion", "mentions",
		"comment",
	};
	static const char *const thread_words[] = {
		"top", "all", "latest", "recent", "newest", "oldest", "best",
		"show", "view", "see", "load", "post", "your", "user",
	};
	char w[64];
	size_t n, i;
	bool num = false;

	while (*t == ' ' || (*t >= '0' && *t <= '9')) {
		if (*t != ' ')
			num = true;
		t++;
	}
	if (num && (starts_word(t, "thoughts on") ||
	    starts_word(t, "responses to")))
		return true;
	for (n = 0; t[n] && t[n] != '(' && t[n] != ':' && n + 1 < sizeof(w);
	    n++)
		w[n] = t[n];
	if (t[n] == '(' && t[n + 1] >= '0' && t[n + 1] <= '9')
		num = true;
	while (n > 0 && w[n - 1] == ' ')
		n--;
	w[n] = '\0';
	for (i = 0; i < ARRAY_LEN(names); i++)
		if (!strcmp(w, names[i]))
			return true;
	/* "Top comments", "Latest comments", "Show all comments" (not
	 * "Public comments", a section of a planning story). */
	if (n > 9 && !strcmp(w + n - 9, " comments") && word_count(w) <= 3)
		for (i = 0; i < ARRAY_LEN(thread_words); i++)
			if (starts_word(w, thread_words[i]))
				return true;
	for (i = 0; num && i < ARRAY_LEN(counted); i++)
		if (!strcmp(w, counted[i]))
			return true;
	return false;
}

/* The first numbered child of element p that has text, or -1. */
static int
first_text_child(const struct ctx *c, int p)
{
	const xmlNode *ch;

	for (ch = c->v[p].n->children; ch != NULL; ch = ch->next) {
		if (ch->type == XML_TEXT_NODE && ch->content) {
			const char *t = (const char *)ch->content;
			while (is_ws((unsigned char)*t))
				t++;
			if (*t)
				return -1;
		}
		if (ch->type == XML_ELEMENT_NODE && ch->_private &&
		    c->v[idx(ch)].text > 0)
			return idx(ch);
	}
	return -1;
}

/* A readers' thread whose boxes have no comment class: the box that
 * opens with a heading like "7 Comments" is furniture (not one holding
 * the headline: that is the article with a subheading). Looked at once,
 * for the few headings that say so. */
static void
mark_threads(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		int a = (int)i, lvl, p;
		if (!(c->v[i].tf & F_HEAD) || c->v[i].text > 60 ||
		    !thread_heading(short_text(c, (int)i, 200)))
			continue;
		for (lvl = 0; lvl < 3; lvl++) {
			p = c->v[a].parent;
			if (p < 0 || first_text_child(c, p) != a ||
			    !strcmp((const char *)c->v[p].n->name, "body") ||
			    (c->v[p].cls & (C_STRONG | C_MARK)))
				break;
			a = p;
		}
		if (a != (int)i && !holds_headline(c, a))
			c->v[a].cls |= C_NEG | C_THREAD;
	}
}

/* The page's headline: the first heading with the title's words (the
 * title may carry the site's name after it), else the only h1; -1. */
static int
find_headline(struct ctx *c)
{
	size_t i, tl = strlen(c->title_key), kl;
	int h1 = -1, nh1 = 0;
	char key[256];

	for (i = 0; i < c->n; i++) {
		if (!(c->v[i].tf & F_HEAD))
			continue;
		if (!strcmp((const char *)c->v[i].n->name, "h1")) {
			nh1++;
			if (h1 < 0)
				h1 = (int)i;
		}
		if (c->v[i].text > 400 || tl == 0)
			continue;
		norm_key(short_text(c, (int)i, 400), key, sizeof(key));
		kl = strlen(key);
		if (kl > 0 && (!strcmp(key, c->title_key) || (kl >= 20 &&
		    !strncmp(c->title_key, key, kl)))) {
			c->titled = true;
			return (int)i;
		}
	}
	return nh1 == 1 ? h1 : -1;
}

/* The article follows its headline. When the best box lies outside the
 * nearest box around the headline that holds paragraph text (a sidebar
 * card of longer text won), the best candidate in that box is the
 * article if it scores at least half as well. */
static int
headline_box(struct ctx *c, int best)
{
	int a, k, pick = -1;
	uint32_t end, min = c->v[best].ctext / 3;
	float need = c->v[best].score;

	if (c->headline < 0)
		return best;
	for (a = c->v[c->headline].parent; a > 0; a = c->v[a].parent) {
		if (!strcmp((const char *)c->v[a].n->name, "body") ||
		    a == best || is_ancestor(c, a, best))
			return best;
		if (c->v[a].ctext >= min && c->v[a].ctext >= 200)
			break;
	}
	if (a <= 0)
		return best;
	/* The headline's box inside the best one (a page wrapper that won
	 * by its id, "main-content", around the article and a column of
	 * other text): measured against what the wrapper earned by its
	 * text, not its name. */
	if (is_ancestor(c, best, a))
		need -= (float)(c->v[best].base + c->v[best].weight);
	end = (uint32_t)a + c->v[a].size;
	for (k = a; (uint32_t)k < end; k++)
		if (c->v[k].cand && !c->v[k].removed && (pick < 0 ||
		    c->v[k].score > c->v[pick].score))
			pick = k;
	return pick >= 0 && c->v[pick].score >= 0.5f * need ? pick : best;
}

/* The last paragraph of the text, when it is its author's bio
 * ("Jane Doe is a writer based in Leeds."): one linear pass. */
static void
drop_closing_bio(struct ctx *c)
{
	size_t i, k, end;
	int last = -1;

	for (i = 0; i < c->n; i++) {
		if (!c->v[i].keep || c->v[i].removed)
			continue;
		end = i + c->v[i].size;
		for (k = i; k < end; k++) {
			struct cn *x = &c->v[k];
			if (x->removed) {
				k += x->size - 1;
				continue;
			}
			if (((x->tf & F_PARA) || is_para(x)) && x->text > 0)
				last = (int)k;
		}
		i = end - 1;
	}
	if (last >= 0 && c->v[last].text <= 300 &&
	    bio_text(short_text(c, last, 400)))
		c->v[last].removed = true;
}

/* Letters and digits of s, ASCII lower-cased, appended to out; the
 * quotation marks and dashes outside ASCII are left out too (a pull
 * quote sets its sentence in its own "»...«"). */
static int
put_key(struct buf *out, const char *s)
{
	int rc = 0;

	for (; *s && rc == 0; s++) {
		const unsigned char *u = (const unsigned char *)s;
		unsigned char ch = u[0];
		if (ch == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB)) {
			s++;
			continue;
		}
		if (ch == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x93 &&
		    u[2] <= 0x9F) || u[2] == 0xA6)) {
			s += 2;
			continue;
		}
		if (ch >= 0x80 || (ch >= '0' && ch <= '9') ||
		    (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
			rc = buf_putc(out, (char)lower_ascii(ch));
	}
	return rc;
}

/* A pull quote: a <blockquote> whose words stand in a paragraph of the
 * text too (set large beside the text to draw the eye; it repeats a
 * sentence of the piece, which a real quotation does not). */
static void
drop_pull_quotes(struct ctx *c)
{
	struct buf body = BUF_INIT, quote = BUF_INIT;
	size_t i, k, end, q;

	for (q = 0; q < c->n; q++) {
		const struct cn *x = &c->v[q];
		if (x->removed || x->text < 30 || x->text > 400 ||
		    strcmp((const char *)x->n->name, "blockquote"))
			continue;
		break;
	}
	if (q == c->n)
		return;
	/* The kept paragraphs' words, each paragraph once, quotes aside. */
	for (i = 0; i < c->n && c->rc == 0; i++) {
		if (!c->v[i].keep || c->v[i].removed)
			continue;
		end = i + c->v[i].size;
		for (k = i; k < end; k++) {
			const struct cn *x = &c->v[k];
			if (x->removed || !strcmp((const char *)x->n->name,
			    "blockquote")) {
				k += x->size - 1;
				continue;
			}
			if ((x->tf & F_PARA) && x->text > 0) {
				if (put_key(&body, short_text(c, (int)k,
				    8000)) || buf_putc(&body, '|'))
					c->rc = ERR_NOMEM;
				k += x->size - 1;
			}
		}
		i = end - 1;
	}
	for (i = 0; i < c->n && body.len > 0 && c->rc == 0; i++) {
		struct cn *x = &c->v[i];
		if (!x->keep || x->removed)
			continue;
		end = i + x->size;
		for (k = i; k < end; k++) {
			struct cn *y = &c->v[k];
			if (y->removed) {
				k += y->size - 1;
				continue;
			}
			if (y->text < 30 || y->text > 400 ||
			    strcmp((const char *)y->n->name, "blockquote"))
				continue;
			buf_reset(&quote);
			if (put_key(&quote, short_text(c, (int)k, 500))) {
				c->rc = ERR_NOMEM;
				break;
			}
			if (quote.len >= 25 &&
			    strstr(buf_cstr(&body), buf_cstr(&quote)) != NULL)
				y->removed = true;
			k += y->size - 1;
		}
		i = end - 1;
	}
	buf_release(&body);
	buf_release(&quote);
}

/* A heading with nothing after it at the end of the article: its
 * section was furniture and is gone ("Further information" over a list
 * of links, "Related" over teasers). Repeated, for a heading over a
 * heading. */
static void
drop_trailing_heading(struct ctx *c)
{
	size_t i, k, end;
	int last, h, guard;

	for (guard = 0; guard < 3; guard++) {
		last = -1;
		for (i = 0; i < c->n; i++) {
			if (!c->v[i].keep || c->v[i].removed)
				continue;
			end = i + c->v[i].size;
			for (k = i; k < end; k++) {
				if (c->v[k].removed) {
					k += c->v[k].size - 1;
					continue;
				}
				if (c->v[k].own_text > 0 || (c->v[k].tf & F_IMG))
					last = (int)k;
			}
			i = end - 1;
		}
		for (h = last; h >= 0 && !(c->v[h].tf & F_HEAD) &&
		    !c->v[h].keep && !(c->v[h].tf & (F_BLOCK | F_LIST));
		    h = c->v[h].parent)
			;
		if (h < 0 || !(c->v[h].tf & F_HEAD) || c->v[h].keep)
			return;
		c->v[h].removed = true;
	}
}

/* Whether a box between f and its ancestor a is left out (so that the
 * walk of a does not reach f). */
static bool
left_out_in(const struct ctx *c, int f, int a)
{
	int k;

	for (k = c->v[f].parent; k >= 0 && k != a; k = c->v[k].parent)
		if (c->v[k].removed)
			return true;
	return false;
}

static int
run_level(struct ctx *c, int level, struct buf *text, struct buf *html)
{
	struct tx t = { text, 0, false, false, 0 };
	bool seen = false;
	size_t i;
	int top, rc = 0;

	buf_reset(text);
	buf_reset(html);
	mark_furniture(c, level);
	aggregate(c, false);
	top = score_tree(c);
	if (top < 0)
		return 0;
	top = headline_box(c, top);
	c->best = top;
	top = promote(c, top);
	top = one_story(c, top);
	top = live_stream(c, top);
	choose_siblings(c, top);
	like_ancestors(c, top);
	c->lead_fig = -1;
	lead_figure(c, top);
	for (i = 0; i < c->n; i++) {
		if (!c->v[i].keep)
			continue;
		clean_kept(c, (int)i, top, &seen);
	}
	if (c->rc != 0)
		return c->rc;
	drop_closing_bio(c);
	drop_pull_quotes(c);
	if (c->rc != 0)
		return c->rc;
	drop_trailing_heading(c);
	for (i = 0; i < c->n && rc == 0; i++) {
		if (!c->v[i].keep || c->v[i].removed)
			continue;
		/* The lead picture of a header left out inside this box
		 * comes first, as it did on the page. */
		if (c->lead_fig > (int)i &&
		    (uint32_t)c->lead_fig < i + c->v[i].size &&
		    !c->v[c->lead_fig].removed &&
		    left_out_in(c, c->lead_fig, (int)i))
			rc = emit(c, c->lead_fig, &t, html);
		if (rc == 0)
			rc = emit(c, (int)i, &t, html);
		i += c->v[i].size - 1;
	}
	while (text->len > 0 && is_ws((unsigned char)text->p[text->len - 1]))
		buf_truncate(text, text->len - 1);
	return rc;
}

int
extract_content(htmlDocPtr doc, const char *title, const char *author,
    struct buf *text, struct buf *html)
{
	struct ctx c = { 0 };
	struct buf best_t = BUF_INIT, best_h = BUF_INIT;
	xmlNode *root = xmlDocGetRootElement(doc), *n;
	int rc, level;

	c.title = title;
	c.author = author;
	norm_key(title ? title : "", c.title_key, sizeof(c.title_key));
	for (size_t k = 0; title && title[k] && k + 1 < sizeof(c.title_lc);
	    k++)
		c.title_lc[k] = (char)lower_ascii((unsigned char)title[k]);
	norm_key(author ? author : "", c.author_key, sizeof(c.author_key));
	if (root == NULL)
		return 0;
	/* Prefer <body> (a page without one is numbered from the root). */
	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->name &&
		    !strcmp((const char *)n->name, "body"))
			root = n;
	if ((rc = number_tree(&c, root)) != 0)
		goto out;
	if (c.n == 0)
		goto out;
	aggregate(&c, true);
	unmark_titles(&c);
	mark_stamped(&c);
	mark_threads(&c);
	c.headline = find_headline(&c);
	for (level = 0; level < 3; level++) {
		size_t chars = 0, i;
		if ((rc = run_level(&c, level, text, html)) != 0)
			goto out;
		for (i = 0; i < text->len; i++)
			if (((unsigned char)text->p[i] & 0xC0) != 0x80)
				chars++;
		if (chars >= EXTRACT_RETRY_CHARS)
			break;
		if (text->len > best_t.len) {
			buf_reset(&best_t);
			buf_reset(&best_h);
			if (buf_append(&best_t, text->p, text->len) ||
			    buf_append(&best_h, html->p ? html->p : "",
			    html->len)) {
				rc = ERR_NOMEM;
				goto out;
			}
		}
	}
	if (level == 3 && best_t.len > text->len) {
		buf_reset(text);
		buf_reset(html);
		if (buf_append(text, best_t.p, best_t.len) ||
		    buf_append(html, best_h.p ? best_h.p : "", best_h.len))
			rc = ERR_NOMEM;
	}
out:
	for (size_t i = 0; i < c.n; i++)
		c.v[i].n->_private = NULL;
	free(c.v);
	buf_release(&c.tmp);
	buf_release(&c.raw);
	buf_release(&best_t);
	buf_release(&best_h);
	return rc;
}
