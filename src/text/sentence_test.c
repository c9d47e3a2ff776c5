/*
 * text/sentence_test.c: a table of tricky sentence boundaries.
 */
#include "base/common.h"

#include "text/sentence.h"
#include "unit.h"

/* Sentences of s joined by " | ". */
static const char *
split(const char *s, const char *lang)
{
	static char out[2048];
	struct text_sentences l = { 0 };
	size_t i, w = 0;

	out[0] = '\0';
	if (text_split_sentences(s, strlen(s), lang, &l) != 0) {
		text_sentences_release(&l);
		return "(error)";
	}
	for (i = 0; i < l.n && w + l.v[i].len + 4 < sizeof(out); i++) {
		if (i > 0) {
			memcpy(out + w, " | ", 3);
			w += 3;
		}
		memcpy(out + w, s + l.v[i].off, l.v[i].len);
		w += l.v[i].len;
		out[w] = '\0';
	}
	text_sentences_release(&l);
	return out;
}

static const struct {
	const char *lang, *in, *want;
} cases[] = {
	{ "en", "Lt. Gen. Khaled Haftar spoke. He left.",
	  "Lt. Gen. Khaled Haftar spoke. | He left." },
	{ "en", "Dr. Smith met Mr. and Mrs. Jones. They talked.",
	  "Dr. Smith met Mr. and Mrs. Jones. | They talked." },
	{ "en", "The U.S. Army said so. The U.N. agreed.",
	  "The U.S. Army said so. | The U.N. agreed." },
	{ "en", "Sanctions hit the U.S. The move was sudden.",
	  "Sanctions hit the U.S. | The move was sudden." },
	{ "en", "It was approved as No. 5 on Jan. 3. Then it failed.",
	  "It was approved as No. 5 on Jan. 3. | Then it failed." },
	{ "en", "J. R. Smith scored. A. B. Cole did not.",
	  "J. R. Smith scored. | A. B. Cole did not." },
	{ "en", "Growth was 3.5 percent. Jobs rose by 12,000 in May.",
	  "Growth was 3.5 percent. | Jobs rose by 12,000 in May." },
	{ "en", "He waited... Then he left. Or did he?",
	  "He waited... | Then he left. | Or did he?" },
	{ "en", "\xe2\x80\x9cWe are ready,\xe2\x80\x9d he said. \xe2\x80\x9c" "Are "
	  "you?\xe2\x80\x9d she asked. Nobody knew.",
	  "\xe2\x80\x9cWe are ready,\xe2\x80\x9d he said. | \xe2\x80\x9c"
	  "Are you?\xe2\x80\x9d she asked. | Nobody knew." },
	{ "en", "\"Stop.\" He stopped. (See below.) Fine.",
	  "\"Stop.\" | He stopped. | (See below.) | Fine." },
	{ "en", "She works at Apple Inc. The company said nothing.",
	  "She works at Apple Inc. | The company said nothing." },
	{ "en", "Acme Corp. said profits fell. Shares slid.",
	  "Acme Corp. said profits fell. | Shares slid." },
	{ "en", "They met at 9 a.m. The talks ended at 5 p.m. Eastern time.",
	  "They met at 9 a.m. | The talks ended at 5 p.m. Eastern time." },
	{ "en", "Tea, coffee, etc. are served. Apples vs. oranges.",
	  "Tea, coffee, etc. are served. | Apples vs. oranges." },
	{ "en", "He lives on St. Mark's Place. Visit example.com today.",
	  "He lives on St. Mark's Place. | Visit example.com today." },
	{ "en", "Sen. Warren and Gov. Newsom spoke, e.g. on taxes. Done.",
	  "Sen. Warren and Gov. Newsom spoke, e.g. on taxes. | Done." },
	{ "en", "Line one\nLine two. Still two.\n", "Line one | Line two. | "
	  "Still two." },
	{ "en", "Title line\n\nFirst para ends here\nand continues.\n\n"
	  "Second para.",
	  "Title line | First para ends here\nand continues. | "
	  "Second para." },
	{ "en", "Why? Because! Wow?! Yes.",
	  "Why? | Because! | Wow?! | Yes." },
	{ "en", "The vote was 52-48. 2024 will be different.",
	  "The vote was 52-48. | 2024 will be different." },
	{ "en", "Prof. Ada Lovelace and Rep. Kim spoke. Martin Luther King Jr. "
	  "was cited.",
	  "Prof. Ada Lovelace and Rep. Kim spoke. | Martin Luther King Jr. "
	  "was cited." },
	{ "fr", "M. Macron a rencontr\xc3\xa9 Mme Dupont. Ils ont parl\xc3\xa9.",
	  "M. Macron a rencontr\xc3\xa9 Mme Dupont. | Ils ont parl\xc3\xa9." },
	{ "fr", "M. Le Pen a r\xc3\xa9pondu. \xc2\xab Non ! \xc2\xbb a-t-il dit.",
	  "M. Le Pen a r\xc3\xa9pondu. | \xc2\xab Non ! \xc2\xbb a-t-il dit." },
	{ "de", "Er kam am 3. Oktober, z.B. mit Dr. M\xc3\xbcller. Dann ging er.",
	  "Er kam am 3. Oktober, z.B. mit Dr. M\xc3\xbcller. | Dann ging er." },
	{ "de", "Das Haus Nr. 7 liegt in der Hauptstr. 12. Es ist alt.",
	  "Das Haus Nr. 7 liegt in der Hauptstr. 12. | Es ist alt." },
	{ "es", "La Sra. Garc\xc3\xad" "a y el Sr. L\xc3\xb3pez llegaron. "
	  "\xc2\xbfPor qu\xc3\xa9? Nadie lo sabe.",
	  "La Sra. Garc\xc3\xad" "a y el Sr. L\xc3\xb3pez llegaron. | "
	  "\xc2\xbfPor qu\xc3\xa9? | Nadie lo sabe." },
	/* Arabic: caseless letters follow the stops. */
	{ "ar", "\xd9\x82\xd8\xa7\xd9\x84 \xd8\xa7\xd9\x84\xd9\x88\xd8\xb2"
	  "\xd9\x8a\xd8\xb1. \xd9\x87\xd9\x84 \xd9\x8a\xd8\xb9\xd9\x88\xd8\xaf"
	  "\xd8\x9f \xd9\x84\xd8\xa7 \xd9\x86\xd8\xb9\xd8\xb1\xd9\x81\xdb\x94 "
	  "\xd8\xaa\xd9\x85",
	  "\xd9\x82\xd8\xa7\xd9\x84 \xd8\xa7\xd9\x84\xd9\x88\xd8\xb2\xd9\x8a"
	  "\xd8\xb1. | \xd9\x87\xd9\x84 \xd9\x8a\xd8\xb9\xd9\x88\xd8\xaf\xd8"
	  "\x9f | \xd9\x84\xd8\xa7 \xd9\x86\xd8\xb9\xd8\xb1\xd9\x81\xdb\x94 | "
	  "\xd8\xaa\xd9\x85" },
	/* CJK full stops need no space. */
	{ "zh", "\xe4\xbb\x96\xe6\x9d\xa5\xe4\xba\x86\xe3\x80\x82\xe5\xa5\xb9"
	  "\xe8\xb5\xb0\xe4\xba\x86\xe3\x80\x82",
	  "\xe4\xbb\x96\xe6\x9d\xa5\xe4\xba\x86\xe3\x80\x82 | \xe5\xa5\xb9\xe8"
	  "\xb5\xb0\xe4\xba\x86\xe3\x80\x82" },
	/* No sentence ends inside a dateline. */
	{ "en", "ALLENTOWN, Pa. \xe2\x80\x94 The plant closed. It was old.",
	  "ALLENTOWN, Pa. \xe2\x80\x94 The plant closed. | It was old." },
	{ "en", "ST. PAUL, Minn. (AP) \xe2\x80\x93 A jury ruled. Done.",
	  "ST. PAUL, Minn. (AP) \xe2\x80\x93 A jury ruled. | Done." },
	{ "en", "Oak Lawn, Ill. He was 91.", "Oak Lawn, Ill. | He was 91." },
	/* ... also when the dateline's paragraph follows a headline. */
	{ "en", "Storm hits city\n\nTULSA, Okla. (AP) \xe2\x80\x94 Roofs went. "
	  "Power is out.",
	  "Storm hits city | TULSA, Okla. (AP) \xe2\x80\x94 Roofs went. | "
	  "Power is out." },
	{ "en", "", "" },
	{ "en", "  \n\n \n", "" },
	{ "en", "... -- !", "" },
	{ NULL, "No language. Still split.", "No language. | Still split." },
};

TEST(sentence_table)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		const char *got = split(cases[i].in, cases[i].lang);

		if (strcmp(got, cases[i].want) != 0)
			unit_fail(__FILE__, __LINE__, "case %zu:\n#   got  "
			    "%s\n#   want %s", i, got, cases[i].want);
	}
}

TEST(sentence_dateline_len)
{
	static const struct {
		const char *s;
		size_t want;
	} v[] = {
		{ "WASHINGTON \xe2\x80\x94 The", 15 },
		{ "ALLENTOWN, Pa. \xe2\x80\x94 The", 19 },
		{ "BEIRUT, Lebanon (AP) - The", 23 },
		{ "SAN FRANCISCO/SEOUL, Feb 19 (Reuters) - South", 40 },
		{ "PARIS, 3 mars (AFP) - Le", 22 },
		{ "ST. PAUL, Minn. -- A", 19 },
		{ "NASA said on Tuesday - and", 0 },
		{ "The U.S. - and", 0 },
		{ "WASHINGTON \xe2\x80\x94 ", 0 },
		{ "NATO: talks - go", 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(v); i++)
		if (text_dateline_len(v[i].s, strlen(v[i].s)) != v[i].want)
			unit_fail(__FILE__, __LINE__, "case %zu: got %zu, want "
			    "%zu", i, text_dateline_len(v[i].s,
			    strlen(v[i].s)), v[i].want);
}

TEST(sentence_paragraph_numbers)
{
	const char *s = "One. Two.\n\n\n\nThree.\r\n \r\nFour. Five.";
	struct text_sentences l = { 0 };

	CHECK_INT(text_split_sentences(s, strlen(s), "en", &l), 0);
	CHECK_INT(l.n, 5);
	CHECK_INT(l.n_paras, 3);
	CHECK_INT(l.v[1].para, 0);
	CHECK_INT(l.v[1].in_para, 1);
	CHECK_INT(l.v[2].para, 1);
	CHECK_INT(l.v[2].in_para, 0);
	CHECK_INT(l.v[4].para, 2);
	CHECK_INT(l.v[4].in_para, 1);
	text_sentences_release(&l);
}

TEST(sentence_cap)
{
	struct text_sentences l = { 0 };
	const char *s = "A one. B two. C three. D four.";

	l.max = 2;
	CHECK_INT(text_split_sentences(s, strlen(s), "en", &l), ERR_TOOBIG);
	CHECK_INT(l.n, 2);
	text_sentences_release(&l);
	CHECK_INT(text_split_sentences(NULL, 0, "en", &l), 0);
	CHECK_INT(l.n, 0);
	text_sentences_release(&l);
}
