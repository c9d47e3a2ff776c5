/*
 * text/stopwords.c: stop-word lists of the languages we summarise and
 * index in (en, fr, de, es, ar), plus short detection-only lists for
 * Latin-script languages a Spanish or French guess is often confused with
 * (it, pt, nl). Lists are our own, written for news text: function words,
 * auxiliaries and pronouns, no content words.
 *
 * Every list is sorted by bytes and holds folded forms (text_fold with
 * TEXT_FOLD_CASE|TEXT_FOLD_MARKS), so a lookup is one bsearch and no
 * allocation; text_test.c checks both properties.
 */
#include "base/common.h"

#include "text/text_int.h"

/* Generated from word lists written for tidings; sorted by bytes so
 * text_is_stopword can bsearch them. Words are in folded form (case
 * folded, diacritics stripped, ASCII apostrophe). */
static const char *const stop_en[] = {
	"a", "about", "above", "after", "again", "against", "ago", "all",
	"almost", "also", "although", "am", "among", "an", "and", "another",
	"any", "anyone", "anything", "are", "aren't", "around", "as", "at",
	"be", "because", "been", "before", "being", "below", "between",
	"both", "but", "by", "can", "cannot", "could", "couldn't", "did",
	"didn't", "do", "does", "doesn't", "doing", "don't", "done", "down",
	"during", "each", "either", "else", "even", "ever", "every", "few",
	"for", "from", "further", "had", "hadn't", "has", "hasn't", "have",
	"haven't", "having", "he", "he'd", "he'll", "he's", "her", "here",
	"hers", "herself", "him", "himself", "his", "how", "however", "i",
	"i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't",
	"it", "it's", "its", "itself", "just", "least", "less", "let's",
	"many", "may", "me", "might", "more", "most", "much", "must",
	"mustn't", "my", "myself", "neither", "no", "nor", "not", "now",
	"of", "off", "often", "on", "once", "one", "only", "onto", "or",
	"other", "others", "our", "ours", "ourselves", "out", "over", "own",
	"per", "quite", "rather", "same", "shall", "she", "she'd", "she'll",
	"she's", "should", "shouldn't", "since", "so", "some", "such",
	"than", "that", "that's", "the", "their", "theirs", "them",
	"themselves", "then", "there", "there's", "these", "they", "they'd",
	"they'll", "they're", "they've", "this", "those", "though",
	"through", "thus", "to", "too", "toward", "towards", "under",
	"unless", "until", "up", "upon", "us", "very", "via", "was",
	"wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't",
	"what", "what's", "whatever", "when", "where", "whether", "which",
	"while", "who", "who's", "whom", "whose", "why", "will", "with",
	"within", "without", "won't", "would", "wouldn't", "yet", "you",
	"you'd", "you'll", "you're", "you've", "your", "yours", "yourself",
	"yourselves",
};
static const char *const stop_fr[] = {
	"a", "afin", "ai", "aie", "ainsi", "alors", "apres", "as", "au",
	"aucun", "aucune", "aupres", "auquel", "aussi", "autre", "autres",
	"aux", "auxquels", "avaient", "avais", "avait", "avant", "avec",
	"avez", "avoir", "avons", "c", "ca", "car", "ce", "ceci", "cela",
	"celle", "celles", "celui", "cependant", "certains", "ces", "cet",
	"cette", "ceux", "chacun", "chaque", "chez", "ci", "comme",
	"comment", "d", "dans", "de", "deja", "depuis", "des", "desormais",
	"donc", "dont", "du", "duquel", "elle", "elles", "en", "encore",
	"entre", "es", "est", "et", "etaient", "etais", "etait", "etant",
	"ete", "etre", "eu", "eux", "faire", "fait", "fois", "font", "ici",
	"il", "ils", "j", "je", "jusqu", "l", "la", "laquelle", "le",
	"lequel", "les", "lesquels", "leur", "leurs", "lors", "lorsqu",
	"lorsque", "lui", "m", "ma", "mais", "malgre", "me", "meme", "memes",
	"mes", "moi", "moins", "mon", "n", "ne", "ni", "non", "nos", "notre",
	"nous", "on", "ont", "or", "ou", "par", "parce", "parmi", "pas",
	"pendant", "peu", "peut", "peuvent", "plus", "plusieurs", "pour",
	"pourquoi", "pourrait", "puis", "puisqu", "puisque", "qu", "quand",
	"que", "quel", "quelle", "quelles", "quels", "qui", "quoi", "s",
	"sa", "sans", "se", "selon", "sera", "seraient", "serait", "seront",
	"ses", "si", "sien", "soi", "soit", "son", "sont", "sous", "suis",
	"sur", "t", "ta", "tandis", "tant", "te", "tel", "telle", "tels",
	"tes", "toi", "ton", "tous", "tout", "toute", "toutes", "tres", "tu",
	"un", "une", "unes", "uns", "vers", "via", "voici", "voila", "vos",
	"votre", "vous", "y",
};
static const char *const stop_de[] = {
	"aber", "alle", "allem", "allen", "aller", "alles", "als", "also",
	"am", "an", "ander", "andere", "anderem", "anderen", "anderer",
	"anderes", "andern", "anders", "auch", "auf", "aus", "bei", "beim",
	"bereits", "bin", "bis", "bisher", "bist", "bzw", "da", "dabei",
	"dadurch", "dafur", "dagegen", "daher", "dahin", "damals", "damit",
	"danach", "dann", "daran", "darauf", "darin", "daruber", "darum",
	"das", "dass", "dasselbe", "davon", "dazu", "dein", "deine", "dem",
	"den", "denen", "denn", "der", "deren", "des", "deshalb", "dessen",
	"dich", "die", "dies", "diese", "diesem", "diesen", "dieser",
	"dieses", "dir", "doch", "dort", "du", "durch", "ebenfalls", "ein",
	"eine", "einem", "einen", "einer", "eines", "einige", "einigen",
	"einmal", "er", "es", "etwa", "etwas", "euch", "euer", "eure", "fur",
	"gegen", "gewesen", "hab", "habe", "haben", "hat", "hatte", "hatten",
	"hier", "hin", "hinter", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre",
	"ihrem", "ihren", "ihrer", "ihres", "im", "immer", "in", "indem",
	"ins", "ist", "ja", "jede", "jedem", "jeden", "jeder", "jedes",
	"jedoch", "jene", "jenem", "jenen", "jener", "jenes", "jetzt",
	"kann", "kein", "keine", "keinem", "keinen", "keiner", "kon",
	"konnen", "konnte", "machen", "man", "manche", "manchem", "manchen",
	"mancher", "manches", "mehr", "mein", "meine", "meinem", "meinen",
	"meiner", "meines", "mich", "mir", "mit", "muss", "musste", "nach",
	"nachdem", "nicht", "nichts", "noch", "nun", "nur", "ob", "oder",
	"ohne", "schon", "sehr", "sein", "seine", "seinem", "seinen",
	"seiner", "seines", "seit", "seitdem", "selbst", "sich", "sie",
	"sind", "so", "solche", "solchem", "solchen", "solcher", "soll",
	"sollen", "sollte", "sondern", "sonst", "sowie", "uber", "um", "und",
	"uns", "unser", "unsere", "unter", "viel", "viele", "vom", "von",
	"vor", "wahrend", "war", "waren", "warst", "was", "weil", "weiter",
	"welche", "welchem", "welchen", "welcher", "welches", "wenn", "wer",
	"werde", "werden", "wie", "wieder", "will", "wir", "wird", "wirst",
	"wo", "wollen", "wollte", "wurde", "wurden", "zu", "zum", "zur",
	"zwar", "zwischen",
};
static const char *const stop_es[] = {
	"a", "al", "algo", "algun", "alguna", "algunas", "alguno", "algunos",
	"alli", "ante", "antes", "aquel", "aquella", "aquellas", "aquellos",
	"aqui", "asi", "aun", "aunque", "cada", "casi", "como", "con",
	"contra", "cual", "cuales", "cualquier", "cuando", "cuanto", "de",
	"del", "desde", "donde", "dos", "durante", "e", "el", "ella",
	"ellas", "ello", "ellos", "en", "entre", "era", "eran", "es", "esa",
	"esas", "ese", "eso", "esos", "esta", "estaba", "estaban", "estado",
	"estados", "estamos", "estan", "estar", "estas", "este", "esto",
	"estos", "fue", "fueron", "fui", "ha", "haber", "habia", "habian",
	"habra", "han", "hasta", "hay", "la", "las", "le", "les", "lo",
	"los", "mas", "me", "mi", "mientras", "mis", "mismo", "mucho",
	"muchos", "muy", "nada", "ni", "no", "nos", "nosotros", "o", "os",
	"otra", "otras", "otro", "otros", "para", "pero", "poco", "por",
	"porque", "pues", "que", "quien", "quienes", "se", "sea", "segun",
	"ser", "si", "sido", "siempre", "sin", "sino", "sobre", "sola",
	"solo", "son", "su", "sus", "tal", "tambien", "tampoco", "tan",
	"tanto", "te", "tiene", "tienen", "todo", "todos", "tras", "tu",
	"tus", "un", "una", "unas", "uno", "unos", "usted", "y", "ya", "yo",
};
static const char *const stop_ar[] = {
	"اذ", "اذا", "الا", "التى", "التي", "الذي", "الذين", "اللتين",
	"اللذين", "اللواتي", "الى", "ام", "اما", "امام", "ان", "انا", "انت",
	"انتم", "انه", "انها", "او", "اى", "اي", "ايضا", "اين", "ب", "بعد",
	"بعض", "به", "بها", "بهم", "بين", "تحت", "تكون", "تلك", "ثم", "حتى",
	"حول", "حيث", "خلال", "دون", "ذات", "ذلك", "ذو", "سوف", "ضد", "ضمن",
	"على", "عليه", "عليها", "عليهم", "عن", "عند", "عندما", "غير", "ف",
	"فقط", "فوق", "في", "فيه", "فيها", "فيهم", "قبل", "قد", "ك", "كان",
	"كانت", "كانوا", "كل", "كلا", "كلتا", "كما", "كيف", "ل", "لا", "لان",
	"لدى", "لدي", "لقد", "لكن", "لم", "لن", "له", "لها", "لهم", "ليس",
	"ليست", "ما", "ماذا", "متى", "مثل", "مع", "من", "منذ", "منه", "منها",
	"منهم", "نحن", "نحو", "هذا", "هذه", "هل", "هم", "هما", "هن", "هو",
	"هولاء", "هي", "و", "والى", "وان", "وراء", "وعلى", "وعن", "وفي",
	"وقد", "وكان", "وكانت", "ولا", "ولم", "ولن", "ومع", "ومن", "وهذا",
	"وهذه", "وهم", "وهو", "وهي", "يكون", "يمكن",
};
static const char *const stop_it[] = {
	"alla", "alle", "anche", "che", "come", "con", "degli", "dei", "del",
	"della", "delle", "di", "ed", "essere", "gia", "gli", "ha", "il",
	"la", "le", "lo", "loro", "ma", "nel", "nella", "non", "per", "piu",
	"questa", "questo", "se", "sono", "stato", "sua", "suo", "una",
	"uno",
};
static const char *const stop_pt[] = {
	"ao", "as", "com", "como", "da", "das", "de", "do", "dos", "ela",
	"ele", "em", "entre", "foi", "isso", "ja", "mais", "na", "nao",
	"nas", "no", "nos", "o", "os", "para", "pela", "pelo", "por", "que",
	"sao", "seu", "sua", "tambem", "um", "uma",
};
static const char *const stop_nl[] = {
	"aan", "als", "bij", "dat", "de", "die", "door", "een", "en", "er",
	"heeft", "het", "hij", "in", "is", "maar", "met", "naar", "niet",
	"nog", "om", "ook", "op", "te", "uit", "van", "voor", "werd", "wij",
	"wordt", "zij", "zijn",
};

#define LIST(code, a, stem) { code, a, ARRAY_LEN(a), stem }

/* stem: the list is complete enough to use as a stop list for indexing
 * and summaries, not just for detection. */
const struct text_stoplist text_stoplists[] = {
	LIST("en", stop_en, true),
	LIST("fr", stop_fr, true),
	LIST("de", stop_de, true),
	LIST("es", stop_es, true),
	LIST("ar", stop_ar, true),
	LIST("it", stop_it, false),
	LIST("pt", stop_pt, false),
	LIST("nl", stop_nl, false),
};
const size_t text_n_stoplists = ARRAY_LEN(text_stoplists);
