/*
 * extract/classname.c: class and id names read as hints (see classname.h).
 */
#include "base/common.h"

#include "extract/classname.h"

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
	/* A reader poll (its question and "not representative" note stay
	 * when its buttons go), in a few languages. */
	"poll", "polls", "vote", "voting", "umfrage", "encuesta", "sondage",
	"sondaggio", "ankieta",
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
int
classname_hints(const char *v)
{
	char lc[512], prev[32] = "";
	size_t i, n, st, k, w, words = 0;
	bool atomic, narrow_col = false, wide_col = false;
	bool widget = false, builder_block = false, admonition = false;
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
		if (tn == 10 && !memcmp(t, "admonition", 10))
			admonition = true;
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
		/* "table__wrapper--sticky": a BEM modifier saying the box
		 * sticks when scrolled, its style, not its role. */
		else if (tn == 6 && !memcmp(t, "sticky", 6) && st >= 2 &&
		    lc[st - 1] == '-' && lc[st - 2] == '-')
			;
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
		/* "article-sub-heading", "sub-title": the standfirst. */
		if (!strcmp(prev, "sub") && ((tn == 7 &&
		    !memcmp(t, "heading", 7)) || (tn == 8 &&
		    !memcmp(t, "headline", 8)) || (tn == 5 &&
		    !memcmp(t, "title", 5))))
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
	/* "has-comments" on the article wrapper is not a comment box; an
	 * admonition (the "Note", "Warning" callouts of Docusaurus, MkDocs
	 * and Sphinx, styled "alert") is the text's own. */
	if ((f & C_STRONG) || admonition)
		f &= ~(C_NEG | C_WEAK);
	return f;
}
