/*
 * extract/phrases.h: text-level rules. Whether a line or a short block is
 * furniture by its words (a share label, a dateline, a byline, a notice, an
 * appeal), where a picture credit starts in a caption, and the keys text is
 * compared by. Pure string work on collapsed, ASCII lower-cased text (as
 * tree_short_text gives it): it knows nothing of the tree.
 */
#ifndef TD_EXTRACT_PHRASES_H
#define TD_EXTRACT_PHRASES_H

#include "base/common.h"

#include "base/buf.h"

/* The page's title and author as the rules compare them. */
struct phrase_page {
	char title_key[256], author_key[256]; /* phrase_norm_key() of each */
	char title_lc[512]; /* the title, ASCII lower-cased */
};

static inline bool
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline int
lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Lower-case, letters and digits only, for title comparison. */
void phrase_norm_key(const char *s, char *out, size_t outsz);

/* Whether s opens with p as a whole word (not a letter or digit after). */
bool phrase_starts_word(const char *s, const char *p);

/* Words of s, split at spaces. */
int phrase_word_count(const char *s);

/* Nothing but pictographs, dingbats and punctuation: the icon of a
 * callout box, a decorative separator. */
bool phrase_symbols_only(const char *t);

/* A gallery's slide counter: "3 of 12", "3 / 12". */
bool phrase_slide_count(const char *t);

/* Whether t opens with a time of day ("11:52", "9.05"). */
bool phrase_clock_lead(const char *t);

/* Whether half or more of the words of t (three letters or more) are in
 * the page's title: the headline in other words. */
bool phrase_title_words(const struct phrase_page *pg, const char *t);

/* An author's bio: two to five words of a name, then "is a writer...",
 * "covers ... for ...", "writes about ... for ...". */
bool phrase_bio(const char *t);

/* Whether a short block (a heading with heading, a table cell with cell)
 * is furniture by its words: boilerplate phrases, the headline or the
 * author again, a byline, a dateline, a slide counter, a credit line. */
bool phrase_boiler(const struct phrase_page *pg, const char *t, bool heading,
    bool cell);

/* The offset in s (n bytes) where a picture credit starts: at the start,
 * or after the end of a sentence or an opening bracket or dash; n if none.
 * before is the caption's last character ahead of s ('\0' if none). */
size_t phrase_credit_at(const char *s, size_t n, char before);

/* A caption that is only a picture agency's or a supplier's name, or a
 * bracket alone: a credit set where the caption goes. */
bool phrase_agency_caption(const char *t);

/* Where the text t cut at at ends without the separator and spaces before
 * the cut: " — ", " – ", " - ", " | ", " • ". */
size_t phrase_trim_separator(const char *t, size_t at);

/* A disclaimer, an affiliate disclosure or another notice about the piece
 * rather than part of it. */
bool phrase_notice(const char *t);

/* How many words of an appeal (newsletter sign-up, subscription,
 * donation) t says, up to four; phrase_promo: two or more. */
int phrase_promo_hits(const char *t);
bool phrase_promo(const char *t);

/* Whether heading text names a box about a person: the interviewee's or
 * author's short biography beside the text. */
bool phrase_person_label(const char *t);

/* Whether a box's label names a summary of the article ("Key points",
 * "At a glance", "Key takeaways", "Summary"), a trailing colon aside. */
bool phrase_summary_label(const char *t);

/* Whether a heading's text names a readers' thread: "7 Comments",
 * "Comments (12)", "3 thoughts on ...". */
bool phrase_thread_heading(const char *t);

/* Letters and digits of s, ASCII lower-cased, appended to out; quotation
 * marks and dashes outside ASCII are left out too. */
int phrase_put_key(struct buf *out, const char *s);

#endif
