/*
 * extract/phrases.c: text-level rules (see phrases.h): boilerplate
 * phrases, datelines and bylines, notices and appeals, picture credits.
 */
#include "base/common.h"

#include <strings.h>

#include "base/utf8.h"
#include "extract/phrases.h"

/* Lower-case, letters and digits only, for title comparison. */
void
phrase_norm_key(const char *s, char *out, size_t outsz)
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

bool
phrase_starts_word(const char *s, const char *p)
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
	/* Indian portals' credit for agency copy, "(With inputs from
	 * agencies)", "With inputs from PTI". */
	"with inputs from",
	/* A review site's trust box, "Why you can trust TechRadar". */
	"why you can trust",
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
		/* Polish (the genitive a date takes) and Turkish. */
		"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
		"lipca", "sierpnia", "wrze\xc5\x9bnia",
		"pa\xc5\xba" "dziernika", "listopada", "grudnia", "ocak",
		"\xc5\x9fubat", "\xc5\x9eubat", "mart", "nisan",
		"may\xc4\xb1s", "haziran", "temmuz", "a\xc4\x9fustos",
		"eyl\xc3\xbcl", "ekim", "kas\xc4\xb1m", "aral\xc4\xb1k",
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

int
phrase_word_count(const char *s)
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
bool
phrase_symbols_only(const char *t)
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
bool
phrase_slide_count(const char *t)
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
bool
phrase_clock_lead(const char *t)
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
bool
phrase_title_words(const struct phrase_page *pg, const char *t)
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
			if (strstr(pg->title_lc, w) != NULL)
				hits++;
		}
		t += n ? n : 1;
	}
	return words > 0 && hits * 2 >= words;
}

/* An author's bio (lower-cased): two to five words of a name, then
 * "is a writer...", "covers ... for ...", "writes about ... for ...". */
bool
phrase_bio(const char *t)
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
		if (phrase_starts_word(t, verbs[i]))
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
bool
phrase_boiler(const struct phrase_page *pg, const char *t, bool heading,
    bool cell)
{
	size_t i, n;
	char key[256];
	bool digit = false;

	while (*t == ' ' || *t == '|' || *t == '-' || *t == '>' ||
	    *t == '*' || *t == '(' || *t == '[')
		t++;
	/* Measured after the marks skipped: the rules below look at its
	 * last character. */
	if ((n = strlen(t)) == 0)
		return false;
	for (i = 0; i < ARRAY_LEN(boiler_exact); i++)
		if (!strcmp(t, boiler_exact[i]))
			return true;
	for (i = 0; i < ARRAY_LEN(boiler_prefix); i++)
		if (phrase_starts_word(t, boiler_prefix[i]))
			return true;
	if (strstr(t, "min read") || strstr(t, "minute read") ||
	    strstr(t, "minutes read") || strstr(t, "hours ago") ||
	    strstr(t, "minutes ago"))
		return n < 60;
	phrase_norm_key(t, key, sizeof(key));
	/* The headline again; the page title may carry the site's name
	 * after it ("Headline - Site"). */
	if (key[0] && (!strcmp(key, pg->title_key) || (strlen(key) >= 20 &&
	    !strncmp(pg->title_key, key, strlen(key)))))
		return true;
	if (heading)
		return false;
	/* A callout's label alone ("Note", "Warning" over a Docusaurus or
	 * MkDocs admonition). */
	if (!strcmp(t, "note") || !strcmp(t, "tip") ||
	    !strcmp(t, "warning") || !strcmp(t, "caution") ||
	    !strcmp(t, "danger") || !strcmp(t, "info") ||
	    !strcmp(t, "important"))
		return true;
	if (pg->author_key[0] && n <= 100 && key[0] &&
	    (!strcmp(key, pg->author_key) || (!strncmp(key, "by", 2) &&
	    !strcmp(key + 2, pg->author_key))))
		return true;
	/* The author's bio: "Jane Doe covers housing for ...". A press
	 * release's first paragraph opens with its author too ("Acme
	 * Energy today announced ..."): a bio goes on with a verb of one. */
	if (pg->author_key[0] && key[0] && !strncmp(key, pg->author_key,
	    strlen(pg->author_key)) && phrase_word_count(t) >= 4 &&
	    bio_verb(after_key(t, strlen(pg->author_key))))
		return true;
	if (phrase_symbols_only(t))
		return true;
	/* A Japanese paper's signature alone in a block: "【中村美咲】". */
	if (n <= 40 && n > 6 && !strncmp(t, "\xe3\x80\x90", 3) &&
	    !strcmp(t + n - 3, "\xe3\x80\x91") &&
	    strstr(t + 3, "\xe3\x80\x90") == NULL)
		return true;
	if (phrase_slide_count(t))
		return true;
	if (line_numbers(t))
		return true;
	/* A Chinese article's credit line: "文字 | ... 编辑 | ...",
	 * "责任编辑：..." (编辑, "editor"). */
	if (n <= 120 && strstr(t, "\xe7\xbc\x96\xe8\xbe\x91") != NULL &&
	    (strchr(t, '|') != NULL ||
	    strstr(t, "\xef\xbc\x9a") != NULL || strchr(t, ':') != NULL))
		return true;
	/* A closing source line: "Source: Reuters", "Źródło: PAP",
	 * "Kaynak: ...", "Fuente: EFE", a few words with no sentence. */
	if (n <= 80 && t[n - 1] != '.' && phrase_word_count(t) <= 8 &&
	    (phrase_starts_word(t, "source") ||
	    phrase_starts_word(t, "sources") ||
	    phrase_starts_word(t, "quelle") ||
	    phrase_starts_word(t, "fuente") ||
	    phrase_starts_word(t, "fonte") || phrase_starts_word(t, "bron") ||
	    phrase_starts_word(t, "\xc5\xbar\xc3\xb3" "d\xc5\x82o") ||
	    phrase_starts_word(t, "\xc5\xb9r\xc3\xb3" "d\xc5\x82o") ||
	    phrase_starts_word(t, "kaynak")) && strchr(t, ':') != NULL &&
	    strchr(t, ':') - t <= 12)
		return true;
	/* A press release's closing "SOURCE Acme Corp" line. */
	if (phrase_starts_word(t, "source") && t[6] == ' ' && n <= 60 &&
	    t[n - 1] != '.' && phrase_word_count(t) <= 6)
		return true;
	/* The agencies' contributor line. */
	if (strstr(t, "contributed to this report") ||
	    strstr(t, "contributed to this story") ||
	    strstr(t, "contributed reporting"))
		return true;
	/* "By Jane Doe and John Roe" style bylines. */
	if (n <= 80 && (phrase_starts_word(t, "by") ||
	    phrase_starts_word(t, "par") || phrase_starts_word(t, "von") ||
	    phrase_starts_word(t, "written by")) &&
	    t[n - 1] != '.' && t[n - 1] != ',' && phrase_word_count(t) <= 14)
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
	if (digit && n <= 80 && phrase_word_count(t) <= 10 && t[n - 1] != '.' &&
	    (has_month(t) || strstr(t, "updated") || strstr(t, "published") ||
	    strstr(t, "posted") || numeric_date(t)))
		return true;
	/* "Published 2:22 p.m. ET April 15, 2024 | Updated 6:01 p.m. ..." */
	if (digit && n <= 120 && has_month(t) &&
	    (phrase_starts_word(t, "published") ||
	    phrase_starts_word(t, "updated") ||
	    phrase_starts_word(t, "posted")))
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

size_t
phrase_credit_at(const char *s, size_t n, char before)
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
	/* A Japanese paper's caption closes with the place, the date and
	 * the photographer after a full-width equals sign: "...旧東谷小学校
	 * ＝長野県飯山市で2024年5月18日、中村美咲撮影" (撮影
	 * "photographed"). */
	if (j >= 6 && !memcmp(s + j - 6, "\xe6\x92\xae\xe5\xbd\xb1", 6)) {
		for (i = j - 6; i >= 3 && j - i <= 120 &&
		    memcmp(s + i - 3, "\xef\xbc\x9d", 3); i--)
			;
		if (i >= 3 && j - i <= 120 &&
		    !memcmp(s + i - 3, "\xef\xbc\x9d", 3))
			return i - 3;
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
bool
phrase_agency_caption(const char *t)
{
	static const char *const agencies[] = {
		"getty", "istock", "istockphoto", "shutterstock", "alamy",
		"reuters", "afp", "epa", "ap photo", "associated press",
		"handout", "supplied", "courtesy", "dpa", "anp",
	};
	size_t i;
	const char *p;

	size_t n = strlen(t);

	if (n > 60 || phrase_word_count(t) > 7 || strstr(t, ". ") != NULL)
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
			    phrase_starts_word(p, agencies[i]))
				return true;
	return false;
}

/* Where the text t cut at at ends without the separator and spaces
 * before the cut: " — ", " – ", " - ", " | ", " • ". */
size_t
phrase_trim_separator(const char *t, size_t at)
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

/* A disclaimer, an affiliate disclosure or another notice about the
 * piece rather than part of it (lower-cased text). */
bool
phrase_notice(const char *t)
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
		if (phrase_starts_word(t, starts[i]))
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
	if ((phrase_starts_word(t, "citation") && (t[8] == ':' ||
	    (t[8] == ' ' && t[9] == ':'))) ||
	    phrase_starts_word(t, "cite this article") ||
	    phrase_starts_word(t, "how to cite"))
		return true;
	/* A note on how the piece was checked, above or below it: "This
	 * article has been reviewed according to X's editorial process",
	 * a health site's "Medically reviewed by ...". */
	if (phrase_starts_word(t, "medically reviewed by") ||
	    phrase_starts_word(t, "how we reviewed this article") ||
	    phrase_starts_word(t, "fact checked by") ||
	    phrase_starts_word(t, "fact-checked by") ||
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
	if ((phrase_starts_word(t, "got a story") ||
	    phrase_starts_word(t, "have you got a story") ||
	    strstr(t, "have a tip") ||
	    strstr(t, "news tip") || strstr(t, "story tip")) &&
	    (strchr(t, '@') != NULL || strstr(t, "call") != NULL ||
	    strstr(t, "ring") != NULL || strstr(t, "let us know") != NULL ||
	    strstr(t, "get in touch") != NULL))
		return true;
	/* A press release's media contact: "Media contact: Jo Roe, +44
	 * ..., press@acme.example", "Press enquiries: ...". */
	if (strlen(t) <= 300 && (phrase_starts_word(t, "media contact") ||
	    phrase_starts_word(t, "media contacts") ||
	    phrase_starts_word(t, "press contact") ||
	    phrase_starts_word(t, "press contacts") ||
	    phrase_starts_word(t, "media enquiries") ||
	    phrase_starts_word(t, "press enquiries") ||
	    phrase_starts_word(t, "media inquiries") ||
	    phrase_starts_word(t, "press inquiries") ||
	    phrase_starts_word(t, "for media enquiries") ||
	    phrase_starts_word(t, "for media inquiries") ||
	    phrase_starts_word(t, "for press enquiries") ||
	    phrase_starts_word(t, "for press inquiries")) &&
	    strpbrk(t, "@0123456789") != NULL)
		return true;
	/* "If you see a mistake, select it and press Ctrl+Enter" (Russian
	 * and Ukrainian sites' error reports). */
	if (strstr(t, "ctrl+enter") != NULL || strstr(t, "ctrl + enter") != NULL)
		return true;
	/* A nonprofit newsroom's offer to republish: "This story is
	 * available to republish for free under a Creative Commons
	 * license." */
	if (strlen(t) <= 200 && strstr(t, "republish") != NULL &&
	    strstr(t, "creative commons") != NULL)
		return true;
	/* A reporter's contact line closing the story: "Reach Jo Roe:
	 * jo.roe@paper.example; Twitter: @joroe". */
	if (strlen(t) <= 160 && phrase_starts_word(t, "reach") &&
	    strchr(t, '@') != NULL && strchr(t, ':') != NULL &&
	    phrase_word_count(t) <= 12)
		return true;
	/* The closing "Follow @Desk on X and subscribe to the newsletter
	 * for ..." line. */
	if (strlen(t) <= 250 && (strstr(t, "follow @") != NULL ||
	    strstr(t, "follow us") != NULL) &&
	    (strstr(t, "subscribe") != NULL ||
	    strstr(t, "newsletter") != NULL))
		return true;
	/* A food blog's "Love this recipe? Pin it for later!" */
	if (strlen(t) <= 120 && (strstr(t, "pin it for later") != NULL ||
	    strstr(t, "pin this recipe") != NULL ||
	    strstr(t, "pin this post") != NULL ||
	    strstr(t, "pin this for later") != NULL ||
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
	    strstr(t, "we may earn commission") != NULL ||
	    strstr(t, "may receive compensation") != NULL;
}

/* An appeal (lower-cased text): a newsletter sign-up, a subscription or
 * a donation box says two of these; the number said (up to four). */
int
phrase_promo_hits(const char *t)
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

bool
phrase_promo(const char *t)
{
	return phrase_promo_hits(t) >= 2;
}

/* Whether heading text (lower-cased) names a box about a person: the
 * interviewee's or author's short biography beside the text. */
bool
phrase_person_label(const char *t)
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
		if (phrase_starts_word(t, labels[i]))
			return true;
	return false;
}

/* Whether a box's label (lower-cased) names a summary of the article:
 * "Key points", "At a glance", "Key takeaways", a live page's "Summary",
 * in a few languages. */
bool
phrase_summary_label(const char *t)
{
	static const char *const labels[] = {
		"key points", "key takeaways", "takeaways", "at a glance",
		"summary", "in brief", "in short", "the short version", "tl;dr",
		"tldr", "highlights", "story highlights", "quick read",
		"what you need to know", "the essentials",
		"das wichtigste", "das wichtigste in k\xc3\xbcrze",
		"auf einen blick", "in k\xc3\xbcrze", "en bref", "l'essentiel",
		"\xc3\xa0 retenir", "ce qu'il faut retenir", "en resumen",
		"lo m\xc3\xa1s importante", "lo esencial", "in sintesi",
		"in breve", "em resumo", "resumo", "in het kort",
		"kort samengevat", "w skr\xc3\xb3" "cie", "najwa\xc5\xbcniejsze",
	};
	char w[64];
	size_t n, i;

	while (*t == ' ')
		t++;
	for (n = 0; t[n] && n + 1 < sizeof(w); n++)
		w[n] = t[n];
	if (t[n])
		return false;
	while (n > 0 && (w[n - 1] == ' ' || w[n - 1] == ':' ||
	    w[n - 1] == '.'))
		n--;
	w[n] = '\0';
	for (i = 0; i < ARRAY_LEN(labels); i++)
		if (!strcmp(w, labels[i]))
			return true;
	return false;
}

/* Whether a heading's text (lower-cased) names a readers' thread: "7
 * Comments", "Comments (12)", "Responses (23)", "3 thoughts on ...".
 * Words that also head an article's own section ("Discussion",
 * "Reactions") count only with a number. */
bool
phrase_thread_heading(const char *t)
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
	if (num && (phrase_starts_word(t, "thoughts on") ||
	    phrase_starts_word(t, "responses to")))
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
	if (n > 9 && !strcmp(w + n - 9, " comments") &&
	    phrase_word_count(w) <= 3)
		for (i = 0; i < ARRAY_LEN(thread_words); i++)
			if (phrase_starts_word(w, thread_words[i]))
				return true;
	for (i = 0; num && i < ARRAY_LEN(counted); i++)
		if (!strcmp(w, counted[i]))
			return true;
	return false;
}

/* Letters and digits of s, ASCII lower-cased, appended to out; the
 * quotation marks and dashes outside ASCII are left out too (a pull
 * quote sets its sentence in its own "»...«"). */
int
phrase_put_key(struct buf *out, const char *s)
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
