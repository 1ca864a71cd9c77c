/* bibtex.c - the BibTeX and BibLaTeX writers.
 *
 * Turns one colo_work into one entry.  Everything that came from a record
 * is data, never TeX: special characters are escaped, braces and
 * backslashes in the input never reach the output as themselves, and
 * whitespace and control characters are flattened so that a value can
 * neither end its field early nor start a new line (or a new @entry).
 * Case protection adds braces only around whole words or runs of words, so
 * it can never split an escape or a multi-byte character.
 *
 * Not here: reading .bib files (importers/) and choosing which works to
 * export (cli/).  The mapping tables are documented in docs/EXPORT.md. */
#include "colophon/bibtex.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "colophon/citekey.h"
#include "colophon/mem.h"
#include "colophon/text.h"

/* Field values longer than this many characters are cut (at a space, with
 * an ellipsis): no real title or note comes near it, and BibTeX's fixed
 * string pools (200,000 bytes for a whole formatted block in TeX Live)
 * overflow on values escaped from a few tens of thousands of characters. */
#define MAX_FIELD_CHARS 4000

/* URLs and DOIs longer than this are left out rather than cut, since a
 * cut link is a wrong link. */
#define MAX_URL_BYTES 8000

/* ------------------------------------------------------------------ */
/* Code-point strings                                                  */

typedef struct cpstr {
	int32_t *cp;
	size_t n, cap;
} cpstr;

static void cp_push(cpstr *s, int32_t c)
{
	if (s->n == s->cap)
		colo_grow((void **)&s->cp, &s->cap, s->n + 1, sizeof *s->cp);
	s->cp[s->n++] = c;
}

static bool is_space_cp(int32_t c)
{
	if (c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0xa0)
		return true;
	if (c < 0x80)
		return false;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return true;
	default:
		return false;
	}
}

/* Characters that carry no text: C0/C1 controls, bidirectional overrides
 * and isolates (which can make a title display differently from what it
 * is), unassigned and private-use code points, lone surrogates. */
static bool is_dropped_cp(int32_t c)
{
	if (c < 0x80)
		return c < 0x20 || c == 0x7f;
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0xfeff)
		return true;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CN:
	case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CS:
		return true;
	default:
		return false;
	}
}

/* Whether c is in a block where every code point is its own NFC and
 * never composes with what precedes it (no combining marks, no
 * singletons such as U+2126 OHM SIGN, no Hangul jamo).  Text made only of
 * these, and ASCII, needs no normalisation. */
static bool nfc_safe_cp(int32_t c)
{
	return (c >= 0x00a0 && c <= 0x02ff) ||
	       (c >= 0x0370 && c <= 0x03ff && c != 0x0374 && c != 0x037e &&
	        c != 0x0387) ||
	       (c >= 0x0400 && c <= 0x0482) || (c >= 0x048a && c <= 0x04ff) ||
	       (c >= 0x2010 && c <= 0x206f) || (c >= 0x20a0 && c <= 0x20cf) ||
	       (c >= 0x2190 && c <= 0x2328) || (c >= 0x4e00 && c <= 0x9fff) ||
	       (c >= 0x1f300 && c <= 0x1faff);
}

/* Whether s (len bytes) is valid UTF-8 made of ASCII and nfc_safe_cp
 * characters only, so NFC would leave it unchanged. */
static bool nfc_stable(const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		int32_t c;
		utf8proc_ssize_t k;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0 || !nfc_safe_cp(c))
			return false;
		i += (size_t)k;
	}
	return true;
}

/* Decodes s into code points: invalid UTF-8 bytes are dropped, the rest is
 * put in NFC (so "u" + combining diaeresis is one letter), every run of
 * whitespace becomes one space, ends are trimmed and controls dropped. */
static void decode_clean(const char *s, cpstr *out)
{
	colo_buf valid;
	const uint8_t *p = (const uint8_t *)s;
	size_t len = strlen(s), i = 0;
	uint8_t *nfc = NULL;
	bool space = false;

	colo_buf_init(&valid, 0);
	/* One code point per byte at most (NFC composes, never expands
	 * past that for text that was decomposed): one allocation. */
	if (out->cap < len + 1) {
		free(out->cp);
		out->cp = colo_xmalloc((len + 1) * sizeof *out->cp);
		out->cap = len + 1;
	}
	/* ASCII is its own NFC and always valid: skip the copy and the
	 * normalisation (most field values are ASCII). */
	while (i < len && p[i] < 0x80)
		i++;
	if (i == len) {
		for (i = 0; i < len; i++) {
			int32_t c = p[i];

			if (c == ' ' || (c >= 0x09 && c <= 0x0d)) {
				space = true;
				continue;
			}
			if (c < 0x20 || c == 0x7f)
				continue;
			if (space && out->n > 0)
				cp_push(out, ' ');
			space = false;
			cp_push(out, c);
		}
		return;
	}
	if (nfc_stable(p, len)) {
		/* valid and already NFC: decode in place */
		nfc = NULL;
		p = (const uint8_t *)s;
		goto decode;
	}
	i = 0;
	while (i < len) {
		int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);

		if (k <= 0) {
			i++;
			continue;
		}
		colo_buf_append(&valid, s + i, (size_t)k);
		i += (size_t)k;
	}
	if (utf8proc_map((const uint8_t *)colo_buf_cstr(&valid), 0, &nfc,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0)
		nfc = NULL;

	p = nfc ? nfc : (const uint8_t *)colo_buf_cstr(&valid);
decode:
	len = strlen((const char *)p);
	for (i = 0; i < len;) {
		int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);

		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (is_space_cp(c)) {
			space = true;
			continue;
		}
		if (is_dropped_cp(c))
			continue;
		if (space && out->n > 0)
			cp_push(out, ' ');
		space = false;
		cp_push(out, c);
	}
	free(nfc);
	colo_buf_cleanup(&valid);
}

/* ------------------------------------------------------------------ */
/* Escaping one character                                              */

static void put_utf8(colo_buf *out, int32_t c)
{
	uint8_t u[4];
	utf8proc_ssize_t k = utf8proc_encode_char(c, u);

	colo_buf_append(out, (const char *)u, (size_t)k);
}

static void put_ascii(colo_buf *out, char c)
{
	switch (c) {
	case '&':
	case '%':
	case '$':
	case '#':
	case '_':
		colo_buf_putc(out, '\\');
		colo_buf_putc(out, c);
		break;
	/* A brace group that starts with a backslash is one "special
	 * character" to BibTeX: it counts as one letter, change.case$
	 * leaves the command name alone and purify$ drops it. */
	case '{':
		colo_buf_puts(out, "{\\textbraceleft}");
		break;
	case '}':
		colo_buf_puts(out, "{\\textbraceright}");
		break;
	case '\\':
		colo_buf_puts(out, "{\\textbackslash}");
		break;
	case '~':
		colo_buf_puts(out, "{\\textasciitilde}");
		break;
	case '^':
		colo_buf_puts(out, "{\\textasciicircum}");
		break;
	default:
		if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f)
			colo_buf_putc(out, c);
		break;
	}
}

/* Letters with no decomposition that LaTeX spells as a command. */
static const struct {
	int32_t cp;
	const char *tex;
} letters[] = {
	{0x00df, "{\\ss}"}, {0x00f8, "{\\o}"},   {0x00d8, "{\\O}"},
	{0x0142, "{\\l}"},  {0x0141, "{\\L}"},   {0x00e5, "{\\aa}"},
	{0x00c5, "{\\AA}"}, {0x00e6, "{\\ae}"},  {0x00c6, "{\\AE}"},
	{0x0153, "{\\oe}"}, {0x0152, "{\\OE}"},  {0x0131, "{\\i}"},
	{0x0237, "{\\j}"},  {0x2018, "`"},       {0x2019, "'"},
	{0x201c, "``"},     {0x201d, "''"},      {0x201a, ","},
	{0x201e, ",,"},     {0x2013, "--"},      {0x2014, "---"},
	{0x2010, "-"},      {0x2011, "-"},       {0x2212, "-"},
	{0x2026, "{\\ldots}"}, {0x00a7, "{\\S}"}, {0x00b6, "{\\P}"},
	{0x00a9, "{\\textcopyright}"}, {0x00ae, "{\\textregistered}"},
	{0x2122, "{\\texttrademark}"}, {0x00b0, "{\\textdegree}"},
	{0x20ac, "{\\texteuro}"}, {0x00a3, "{\\pounds}"},
	{0x00bf, "{?`}"},   {0x00a1, "{!`}"},
};

/* Combining marks and their LaTeX accent commands; `letter` accents
 * need a space (or braces) before their argument. */
static const struct {
	int32_t cp;
	char cmd;
	bool letter;
} accents[] = {
	{0x0300, '`', false}, {0x0301, '\'', false}, {0x0302, '^', false},
	{0x0303, '~', false}, {0x0304, '=', false},  {0x0306, 'u', true},
	{0x0307, '.', false}, {0x0308, '"', false},  {0x030a, 'r', true},
	{0x030b, 'H', true},  {0x030c, 'v', true},   {0x0323, 'd', true},
	{0x0327, 'c', true},  {0x0328, 'k', true},   {0x0331, 'b', true},
};

static int accent_index(int32_t c)
{
	for (size_t i = 0; i < sizeof accents / sizeof *accents; i++)
		if (accents[i].cp == c)
			return (int)i;
	return -1;
}

/* Writes c as a LaTeX accent command when it is an ASCII letter with
 * accents we know: {\"u}, {\c c}, {\d{\^e}}.  False when it is not. */
static bool put_accented(colo_buf *out, int32_t c)
{
	int32_t d[8];
	int bc = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, &bc);
	colo_buf cur;

	if (n < 2 || n > 8 || d[0] >= 0x80 ||
	    !((d[0] >= 'a' && d[0] <= 'z') || (d[0] >= 'A' && d[0] <= 'Z')))
		return false;
	for (utf8proc_ssize_t i = 1; i < n; i++)
		if (accent_index(d[i]) < 0)
			return false;

	colo_buf_init(&cur, 0);
	colo_buf_putc(&cur, (char)d[0]);
	for (utf8proc_ssize_t i = 1; i < n; i++) {
		int a = accent_index(d[i]);
		colo_buf next;

		colo_buf_init(&next, 0);
		colo_buf_putc(&next, '\\');
		colo_buf_putc(&next, accents[a].cmd);
		if (cur.len == 1) {
			if (accents[a].letter)
				colo_buf_putc(&next, ' ');
			colo_buf_append(&next, cur.data, cur.len);
		} else {
			colo_buf_putc(&next, '{');
			colo_buf_append(&next, cur.data, cur.len);
			colo_buf_putc(&next, '}');
		}
		colo_buf_cleanup(&cur);
		cur = next;
	}
	colo_buf_putc(out, '{');
	colo_buf_append(out, cur.data, cur.len);
	colo_buf_putc(out, '}');
	colo_buf_cleanup(&cur);
	return true;
}

static void put_cp(colo_buf *out, int32_t c, bool ascii)
{
	if (c < 0x80) {
		put_ascii(out, (char)c);
		return;
	}
	if (!ascii) {
		put_utf8(out, c);
		return;
	}
	for (size_t i = 0; i < sizeof letters / sizeof *letters; i++) {
		if (letters[i].cp == c) {
			colo_buf_puts(out, letters[i].tex);
			return;
		}
	}
	if (put_accented(out, c))
		return;
	/* A stray combining mark has nothing to sit on. */
	if (utf8proc_category(c) == UTF8PROC_CATEGORY_MN)
		return;
	{
		uint8_t u[4];
		utf8proc_ssize_t k = utf8proc_encode_char(c, u);
		char *t = colo_text_ascii((const char *)u, (size_t)k);
		bool any = false;

		for (const char *q = t; *q; q++) {
			if ((unsigned char)*q >= 0x20 && (unsigned char)*q < 0x7f) {
				put_ascii(out, *q);
				any = true;
			}
		}
		free(t);
		if (!any)
			colo_buf_putc(out, '?');
	}
}

/* ------------------------------------------------------------------ */
/* Case protection                                                     */

/* Proper nouns that start a protected run on their own.  Multi-word
 * entries are matched word by word. */
static const char *const lexicon[] = {
	/* continents, regions, seas */
	"Africa", "America", "Americas", "Antarctica", "Asia", "Europe",
	"Oceania", "Eurasia", "Arctic", "Antarctic", "Atlantic", "Pacific",
	"Mediterranean", "Baltic", "Caribbean", "Balkans", "Scandinavia",
	"Siberia", "Crimea", "Donbas", "Donbass", "Kashmir", "Tibet", "Gaza",
	"Sahara", "Sahel", "Caucasus", "Arabia", "Anatolia", "Indochina",
	"Himalaya", "Himalayas", "Kremlin", "Pentagon", "Congress",
	"Washington", "Westminster", "Whitehall", "Brexit", "Internet",
	/* countries */
	"Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia",
	"Australia", "Austria", "Azerbaijan", "Bahrain", "Bangladesh",
	"Belarus", "Belgium", "Bolivia", "Bosnia", "Brazil", "Britain",
	"Bulgaria", "Burma", "Cambodia", "Cameroon", "Canada", "Chad", "Chile",
	"China", "Colombia", "Congo", "Croatia", "Cuba", "Cyprus", "Czechia",
	"Denmark", "Ecuador", "Egypt", "England", "Eritrea", "Estonia",
	"Ethiopia", "Finland", "France", "Georgia", "Germany", "Ghana",
	"Greece", "Greenland", "Guatemala", "Haiti", "Honduras", "Hungary",
	"Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel",
	"Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Korea",
	"Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Libya",
	"Lithuania", "Luxembourg", "Malaysia", "Mali", "Malta", "Mexico",
	"Moldova", "Mongolia", "Montenegro", "Morocco", "Mozambique",
	"Myanmar", "Namibia", "Nepal", "Netherlands", "Nicaragua", "Niger",
	"Nigeria", "Norway", "Oman", "Pakistan", "Palestine", "Panama",
	"Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Prussia",
	"Qatar", "Romania", "Russia", "Rwanda", "Scotland", "Senegal",
	"Serbia", "Singapore", "Slovakia", "Slovenia", "Somalia", "Spain",
	"Sudan", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan",
	"Tanzania", "Thailand", "Tunisia", "Turkey", "Turkmenistan", "Uganda",
	"Ukraine", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Wales",
	"Yemen", "Yugoslavia", "Zambia", "Zimbabwe",
	/* nationalities, demonyms, languages, peoples, faiths */
	"Afghan", "African", "Albanian", "Algerian", "American", "Arab",
	"Arabic", "Argentine", "Argentinian", "Armenian", "Asian",
	"Australian", "Austrian", "Belgian", "Brazilian", "British",
	"Bulgarian", "Burmese", "Canadian", "Chilean", "Chinese", "Colombian",
	"Croatian", "Cuban", "Czech", "Danish", "Dutch", "Egyptian", "English",
	"Estonian", "Ethiopian", "European", "Finnish", "French", "Georgian",
	"German", "Greek", "Hebrew", "Hindi", "Hungarian", "Icelandic",
	"Indian", "Indonesian", "Iranian", "Iraqi", "Irish", "Israeli",
	"Italian", "Japanese", "Jordanian", "Korean", "Kurdish", "Latin",
	"Latvian", "Lebanese", "Libyan", "Lithuanian", "Malay", "Mexican",
	"Mongolian", "Moroccan", "Nigerian", "Norwegian", "Ottoman",
	"Pakistani", "Palestinian", "Persian", "Polish", "Portuguese",
	"Prussian", "Romanian", "Roman", "Russian", "Saudi", "Scottish",
	"Serbian", "Slovak", "Slovenian", "Somali", "Soviet", "Spanish",
	"Swahili", "Swedish", "Swiss", "Syrian", "Taiwanese", "Thai",
	"Tibetan", "Turkish", "Ukrainian", "Vietnamese", "Welsh", "Yiddish",
	"Western", "Eastern", "Atlanticist", "Byzantine", "Viking",
	"Christian", "Christianity", "Muslim", "Islam", "Islamic", "Jewish",
	"Judaism", "Catholic", "Protestant", "Orthodox", "Buddhist", "Hindu",
	"Marxist", "Marxism", "Leninist", "Bolshevik", "Nazi", "Confederate",
	/* cities */
	"Amsterdam", "Ankara", "Athens", "Baghdad", "Bangkok", "Beijing",
	"Beirut", "Belgrade", "Berlin", "Boston", "Brussels", "Budapest",
	"Cairo", "Chicago", "Damascus", "Delhi", "Dublin", "Edinburgh",
	"Geneva", "Hiroshima", "Istanbul", "Jakarta", "Jerusalem", "Kabul",
	"Karachi", "Kharkiv", "Kiev", "Kyiv", "Lagos", "Lisbon", "London",
	"Madrid", "Manila", "Moscow", "Mumbai", "Munich", "Nagasaki", "Nairobi",
	"Oslo", "Ottawa", "Oxford", "Cambridge", "Paris", "Prague", "Pyongyang",
	"Rome", "Seoul", "Shanghai", "Stalingrad", "Stockholm", "Sydney",
	"Taipei", "Tehran", "Tokyo", "Toronto", "Vienna", "Warsaw",
	"Versailles", "Yalta", "Kentucky", "Oregon", "California",
	"Texas", "Virginia", "Hawaii", "Alaska",
	/* months and weekdays */
	"January", "February", "March", "April", "June", "July", "August",
	"September", "October", "November", "December", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *const lexicon_multi[] = {
	"United States", "United Kingdom", "United Nations", "United Arab Emirates",
	"North Korea", "South Korea", "North Korean", "South Korean",
	"North America", "South America",
	"Latin America", "Central America", "Middle East", "Near East",
	"Far East", "East Asia", "Southeast Asia", "South Asia", "Central Asia",
	"Eastern Europe", "Western Europe", "Soviet Union", "European Union",
	"Great Britain", "New York", "New Zealand", "New Delhi", "Hong Kong",
	"Saudi Arabia", "South Africa", "Sri Lanka", "Costa Rica",
	"Puerto Rico", "El Salvador", "Ivory Coast", "Czech Republic",
	"Dominican Republic", "Los Angeles", "San Francisco", "Buenos Aires",
	"Tel Aviv", "Cold War", "World War", "White House", "Wall Street",
	"Silicon Valley", "Pearl Harbor", "Persian Gulf", "Red Sea",
	"Black Sea", "South China Sea", "North Atlantic", "Supreme Court",
	"Air Force", "Royal Navy", "Federal Reserve", "Third Reich",
	"Bay of Pigs", "Gulf of Mexico",
};

/* Words that continue a proper-noun run ("United States Air Force",
 * "Korean War"), and that start one only when followed by another
 * ("Department of Defense", "Air Force"); alone they are ordinary words. */
static const char *const institutions[] = {
	"Academy", "Affairs", "Agency", "Air", "Alliance", "Army", "Assembly",
	"Bank", "Bureau", "Civil", "Coast", "College", "Command", "Commission",
	"Communist", "Congress", "Corps", "Council", "Court", "Defense",
	"Defence", "Democratic", "Department", "Dynasty", "Empire", "Federal",
	"Federation", "Fleet", "Force", "Forces", "Front", "Government",
	"Guard", "Gulf", "Institute", "Kingdom", "Marine", "Marines",
	"Ministry", "Nations", "Navy", "Ocean", "Office", "Parliament",
	"Party", "Peninsula", "People", "Press", "Republic", "Reserve",
	"Revolution", "River", "Royal", "Sea", "Senate", "Service",
	"Services", "Society", "State", "States", "Strait", "Union",
	"University", "War", "Wars",
};

enum { W_LOWER, W_CAP, W_SINGLE, W_SPECIAL };

typedef struct word {
	size_t b, e;     /* code-point range */
	int kind;
	char *text;      /* UTF-8, possessive "'s" removed; NULL if too long */
	bool open, close; /* protection braces before b / after e */
	signed char lex, inst; /* lexicon / institution word: -1 not known yet */
} word;

static bool is_upper_cp(int32_t c)
{
	utf8proc_category_t k;

	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	k = utf8proc_category(c);

	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static bool is_letter_cp(int32_t c)
{
	utf8proc_category_t k;

	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	k = utf8proc_category(c);

	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static bool is_word_cp(int32_t c)
{
	utf8proc_category_t k;

	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		       (c >= '0' && c <= '9');
	k = utf8proc_category(c);

	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO;
}

static bool is_apos(int32_t c)
{
	return c == '\'' || c == 0x2019;
}

static int word_kind(const int32_t *cp, size_t b, size_t e)
{
	bool upper = false, later_upper = false, other = false;

	for (size_t i = b; i < e; i++) {
		if (is_upper_cp(cp[i])) {
			upper = true;
			if (i > b)
				later_upper = true;
		} else if (i > b && !is_letter_cp(cp[i]) && !is_apos(cp[i]) &&
		           utf8proc_category(cp[i]) != UTF8PROC_CATEGORY_MN) {
			other = true; /* a digit: "G7", "B52" */
		}
	}
	if (!upper)
		return W_LOWER;
	if (e - b == 1)
		return W_SINGLE;
	if (is_upper_cp(cp[b]) && !later_upper && !other)
		return W_CAP;
	return W_SPECIAL;
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Sorted copies of the two word lists, for binary search: a title has a
 * capitalised word every few words, and each is looked up. */
static const char *lexicon_sorted[COUNT(lexicon)];
static const char *institutions_sorted[COUNT(institutions)];
static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sort_lists(void)
{
	memcpy(lexicon_sorted, lexicon, sizeof lexicon);
	qsort(lexicon_sorted, COUNT(lexicon), sizeof *lexicon_sorted, cmp_str);
	memcpy(institutions_sorted, institutions, sizeof institutions);
	qsort(institutions_sorted, COUNT(institutions),
	      sizeof *institutions_sorted, cmp_str);
}

static bool in_sorted(const char *w, const char *const *list, size_t n)
{
	if (!w)
		return false;
	pthread_once(&sorted_once, sort_lists);
	return bsearch(&w, list, n, sizeof *list, cmp_str) != NULL;
}

/* Both remember their answer in the word: a run looks at a word more
 * than once. */
static bool is_lexicon(word *w)
{
	if (w->lex < 0)
		w->lex = w->kind == W_CAP &&
		         in_sorted(w->text, lexicon_sorted, COUNT(lexicon));
	return w->lex > 0;
}

static bool is_institution(word *w)
{
	if (w->inst < 0)
		w->inst = w->kind == W_CAP &&
		          in_sorted(w->text, institutions_sorted,
		                    COUNT(institutions));
	return w->inst > 0;
}

static bool is_roman(const word *w)
{
	if (w->kind != W_SPECIAL && w->kind != W_SINGLE)
		return false;
	if (!w->text)
		return false;
	for (const char *p = w->text; *p; p++)
		if (!strchr("IVXL", *p))
			return false;
	return true;
}

/* Whether words i-1 and i are separated by exactly one space. */
static bool joined(const cpstr *s, const word *ws, size_t i)
{
	return ws[i].b == ws[i - 1].e + 1 && s->cp[ws[i - 1].e] == ' ';
}

/* How many words starting at i match a multi-word lexicon entry. */
static size_t match_multi(const cpstr *s, const word *ws, size_t nw, size_t i)
{
	size_t best = 0;

	if (!ws[i].text)
		return 0;
	for (size_t m = 0; m < COUNT(lexicon_multi); m++) {
		const char *p = lexicon_multi[m];
		size_t j = i;

		if (p[0] != ws[i].text[0])
			continue;

		while (*p && j < nw) {
			const char *sp = strchr(p, ' ');
			size_t l = sp ? (size_t)(sp - p) : strlen(p);

			if (!ws[j].text || strlen(ws[j].text) != l ||
			    memcmp(ws[j].text, p, l) != 0 ||
			    (j > i && !joined(s, ws, j)))
				break;
			p += l;
			if (*p == ' ')
				p++;
			j++;
		}
		if (!*p && j - i > best)
			best = j - i;
	}
	return best;
}

/* The length in words of the proper-noun run starting at word i, or 0. */
static size_t proper_run(const cpstr *s, word *ws, size_t nw, size_t i)
{
	size_t j, m;
	bool inst_only = false;

	if (ws[i].kind != W_CAP)
		return 0;
	m = match_multi(s, ws, nw, i);
	if (m == 0 && is_lexicon(&ws[i]))
		m = 1;
	if (m == 0 && is_institution(&ws[i])) {
		m = 1;
		inst_only = true;
	}
	if (m == 0)
		return 0;

	j = i + m;
	while (j < nw && joined(s, ws, j)) {
		if (ws[j].kind == W_CAP &&
		    (is_lexicon(&ws[j]) || is_institution(&ws[j]))) {
			size_t mm = match_multi(s, ws, nw, j);

			j += mm ? mm : 1;
			continue;
		}
		if (is_roman(&ws[j])) {
			j++;
			continue;
		}
		/* "Department of Defense", "Republic of the Congo" */
		if (is_institution(&ws[j - 1]) && ws[j].text &&
		    strcmp(ws[j].text, "of") == 0 && ws[j].kind == W_LOWER) {
			size_t k = j + 1;

			if (k < nw && joined(s, ws, k) && ws[k].text &&
			    strcmp(ws[k].text, "the") == 0)
				k++;
			if (k < nw && joined(s, ws, k) && ws[k].kind == W_CAP) {
				j = k + 1;
				continue;
			}
		}
		break;
	}
	if (inst_only && j == i + 1)
		return 0;
	return j - i;
}

/* Whether the text between words i-1 and i ends a clause: a colon,
 * question or exclamation mark followed by a space. */
static bool after_colon(const cpstr *s, const word *ws, size_t i)
{
	bool mark = false;

	for (size_t k = ws[i - 1].e; k < ws[i].b; k++) {
		int32_t c = s->cp[k];

		if (c == ':' || c == '?' || c == '!')
			mark = true;
		else if (c == ' ' && mark)
			return true;
	}
	return false;
}

/* Splits s into words (letters, digits, marks, and apostrophes between
 * letters) and decides which get protection braces. */
/* Word texts go into `arena` (one allocation per title instead of one
 * per word); the words point into it, so it must outlive them. */
static word *find_words(const cpstr *s, size_t *nout, colo_buf *arena)
{
	size_t *off;
	word *ws = NULL;
	size_t nw = 0, cap = 0, i = 0;

	while (i < s->n) {
		size_t b;

		if (!is_word_cp(s->cp[i])) {
			i++;
			continue;
		}
		b = i;
		while (i < s->n &&
		       (is_word_cp(s->cp[i]) ||
		        (is_apos(s->cp[i]) && i + 1 < s->n && i > b &&
		         is_letter_cp(s->cp[i - 1]) && is_letter_cp(s->cp[i + 1]))))
			i++;
		colo_grow((void **)&ws, &cap, nw + 1, sizeof *ws);
		memset(&ws[nw], 0, sizeof ws[nw]);
		ws[nw].lex = ws[nw].inst = -1;
		ws[nw].b = b;
		ws[nw].e = i;
		nw++;
	}

	off = colo_xmalloc((nw ? nw : 1) * sizeof *off);
	for (size_t k = 0; k < nw; k++) {
		size_t b = ws[k].b, e = ws[k].e;

		off[k] = SIZE_MAX;
		ws[k].kind = word_kind(s->cp, b, e);
		/* Only short words can be lexicon entries or connectives, and
		 * the only lower-case words looked at are "of" and "the". */
		if (e - b > 40 ||
		    (ws[k].kind == W_LOWER && e - b != 2 && e - b != 3))
			continue;
		if (e - b > 2 && (s->cp[e - 1] == 's' || s->cp[e - 1] == 'S') &&
		    is_apos(s->cp[e - 2]))
			e -= 2;
		off[k] = arena->len;
		for (size_t q = b; q < e; q++)
			put_utf8(arena, s->cp[q]);
		colo_buf_putc(arena, '\0');
	}
	/* pointers only now: the arena may have moved while growing */
	for (size_t k = 0; k < nw; k++)
		ws[k].text = off[k] == SIZE_MAX ? NULL : arena->data + off[k];
	free(off);
	*nout = nw;
	return ws;
}

static void protect(const cpstr *s, word *ws, size_t nw)
{
	size_t i = 0;

	while (i < nw) {
		bool first = i == 0;
		bool colon = !first && after_colon(s, ws, i);
		size_t run = proper_run(s, ws, nw, i);
		bool one = false;

		if (run > 0) {
			ws[i].open = true;
			ws[i + run - 1].close = true;
			i += run;
			continue;
		}
		switch (ws[i].kind) {
		case W_SPECIAL:
			one = true;
			break;
		case W_SINGLE:
			/* "U.S.", "World War I"; a capital "A" mid-title is
			 * the article in title case. */
			one = colon || (!first && !(ws[i].text &&
			                            strcmp(ws[i].text, "A") == 0));
			break;
		case W_CAP:
			one = colon;
			break;
		default:
			break;
		}
		if (one)
			ws[i].open = ws[i].close = true;
		i++;
	}
}

/* Whether any letter is upper or title case: without one no word can be
 * protected (every rule starts at a capital). */
static bool has_upper(const cpstr *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (is_upper_cp(s->cp[i]))
			return true;
	return false;
}

/* ASCII that is written as itself. */
static bool plain_ascii(int32_t c)
{
	switch (c) {
	case '&': case '%': case '$': case '#': case '_':
	case '{': case '}': case '\\': case '~': case '^':
		return false;
	default:
		return c >= 0x20 && c < 0x7f;
	}
}

/* The common case without case protection: s is ASCII (or, for UTF-8
 * output, ASCII and fast_cp letters) and no longer than max.  Writes exactly what the general path would (whitespace runs
 * squashed, ends trimmed, controls dropped, specials escaped) and returns
 * true; returns false, writing nothing, for anything else. */
/* Non-ASCII letters the fast path may copy as they are (UTF-8 output):
 * assigned, not spaces, not dropped, already NFC and never composing with
 * what comes before (Latin-1 and Latin Extended letters, Greek and
 * Cyrillic letters, dashes and curly quotes). */
static bool fast_cp(int32_t c)
{
	return (c >= 0xa1 && c <= 0x24f && c != 0xad) ||
	       (c >= 0x391 && c <= 0x3a1) || (c >= 0x3a3 && c <= 0x3ce) ||
	       (c >= 0x400 && c <= 0x482) || (c >= 0x48a && c <= 0x4ff) ||
	       c == 0x2013 || c == 0x2014 || c == 0x2018 || c == 0x2019 ||
	       c == 0x201c || c == 0x201d;
}

static bool put_ascii_fast(colo_buf *out, const char *s, size_t max,
                           bool ascii)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, chars = 0;
	bool space = false, any = false;

	while (p[n]) {
		int32_t c;
		utf8proc_ssize_t k;

		chars++;
		if (p[n] < 0x80) {
			n++;
			continue;
		}
		if (ascii)
			return false;
		k = utf8proc_iterate(p + n, -1, &c);
		if (k <= 0 || !fast_cp(c))
			return false;
		n += (size_t)k;
	}
	if (max > 0 && chars > max)
		return false; /* may need cutting: the general path */
	for (; *p; p++) {
		unsigned char c = *p;

		if (c >= 0x80) {
			/* a checked multi-byte letter: copy its bytes */
			size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

			if (space && any)
				colo_buf_putc(out, ' ');
			space = false;
			any = true;
			colo_buf_append(out, (const char *)p, k);
			p += k - 1;
			continue;
		}

		if (c == ' ' || (c >= 0x09 && c <= 0x0d)) {
			space = true;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			continue;
		if (space && any)
			colo_buf_putc(out, ' ');
		space = false;
		any = true;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')) {
			/* a run of plain characters in one append */
			const unsigned char *b = p;

			while ((p[1] >= 'a' && p[1] <= 'z') ||
			       (p[1] >= 'A' && p[1] <= 'Z') ||
			       (p[1] >= '0' && p[1] <= '9') || p[1] == '.' ||
			       p[1] == ',' || p[1] == '-' || p[1] == ':')
				p++;
			colo_buf_append(out, (const char *)b, (size_t)(p - b) + 1);
		} else {
			put_ascii(out, (char)c);
		}
	}
	return true;
}

/* Escapes s; with max > 0, text longer than max code points is cut at a
 * space near the limit and marked with an ellipsis. */
static void escape_capped(colo_buf *out, const char *s, bool protect_case,
                          bool ascii, size_t max)
{
	cpstr cs = {NULL, 0, 0};
	word *ws = NULL;
	size_t nw = 0, k = 0;
	bool cut = false;
	colo_buf arena;

	colo_buf_init(&arena, 0);
	if (!s)
		return;
	if (!protect_case && put_ascii_fast(out, s, max, ascii))
		return;
	decode_clean(s, &cs);
	if (max > 0 && cs.n > max) {
		size_t at = max;

		for (size_t back = 0; back < 200 && at - back > 0; back++) {
			if (cs.cp[at - back] == ' ') {
				at -= back;
				break;
			}
		}
		cs.n = at;
		while (cs.n > 0 && cs.cp[cs.n - 1] == ' ')
			cs.n--;
		cut = true;
	}
	if (protect_case && has_upper(&cs)) {
		ws = find_words(&cs, &nw, &arena);
		protect(&cs, ws, nw);
	}
	for (size_t i = 0; i < cs.n; i++) {
		int32_t c = cs.cp[i];

		if (k < nw && i == ws[k].b && ws[k].open)
			colo_buf_putc(out, '{');
		if (c < 0x80 && plain_ascii(c) && (k >= nw || i + 1 < ws[k].e)) {
			/* a run of plain ASCII inside one word or between
			 * words: one append */
			size_t j = i + 1, stop = k < nw ? (i < ws[k].b ? ws[k].b : ws[k].e - 1)
			                                : cs.n;
			char run[256];
			size_t r = 0;

			run[r++] = (char)c;
			while (j < stop && r < sizeof run && cs.cp[j] < 0x80 &&
			       plain_ascii(cs.cp[j]))
				run[r++] = (char)cs.cp[j++];
			colo_buf_append(out, run, r);
			i = j - 1;
			continue;
		}
		put_cp(out, c, ascii);
		if (k < nw && i + 1 == ws[k].e) {
			if (ws[k].close)
				colo_buf_putc(out, '}');
			k++;
		}
	}
	if (cut)
		colo_buf_puts(out, "{\\ldots}");
	colo_buf_cleanup(&arena);
	free(ws);
	free(cs.cp);
}

void colo_bibtex_escape(colo_buf *out, const char *s, bool protect_case,
                        bool ascii)
{
	escape_capped(out, s, protect_case, ascii, 0);
}

/* ------------------------------------------------------------------ */
/* URLs and DOIs                                                       */

/* Written verbatim so links keep working, except what TeX or BibTeX would
 * read: % and # are escaped, and characters a URI may not hold anyway
 * (braces, backslash, ^, spaces, quotes, non-ASCII) are percent-encoded. */
static void put_url(colo_buf *out, const char *s, bool biblatex)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;

		if (c < 0x20 || c == 0x7f)
			continue;
		if ((c == '%' || c == '#') && !biblatex) {
			colo_buf_putc(out, '\\');
			colo_buf_putc(out, (char)c);
		} else if (c == '%' || c == '#') {
			/* biber reads url and doi verbatim and writes them to the
			 * .bbl in \verb form: a backslash would become part of the
			 * link (%5C). */
			colo_buf_putc(out, (char)c);
		} else if (c >= 0x80 || c == ' ' || c == '{' || c == '}' ||
		           c == '\\' || c == '^' || c == '"' || c == '<' ||
		           c == '>' || c == '`' || c == '|') {
			colo_buf_puts(out, biblatex ? "%" : "\\%");
			colo_buf_putc(out, hex[c >> 4]);
			colo_buf_putc(out, hex[c & 15]);
		} else {
			colo_buf_putc(out, (char)c);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

static bool has_text(const char *s)
{
	if (!s)
		return false;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return true;
	return false;
}

/* A name part must be braced when BibTeX would read it as more than text:
 * a comma, the word "and" (any case) which separates names, or the whole
 * part "others", which styles print as "et al.". */
static bool needs_braces(const char *s)
{
	const char *p = s;
	static const char others[] = "others";
	size_t i;

	if (strchr(s, ','))
		return true;
	for (i = 0; s[i] && i < sizeof others - 1; i++)
		if ((s[i] | 0x20) != others[i])
			break;
	if (i == sizeof others - 1 && s[i] == '\0')
		return true;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
		       *p == '~')
			p++;
		const char *b = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' &&
		       *p != '\n' && *p != '~')
			p++;
		if (p - b == 3 && (b[0] | 0x20) == 'a' && (b[1] | 0x20) == 'n' &&
		    (b[2] | 0x20) == 'd')
			return true;
	}
	return false;
}

static void put_part(colo_buf *out, const char *s, bool ascii)
{
	bool br = needs_braces(s);

	if (br)
		colo_buf_putc(out, '{');
	escape_capped(out, s, false, ascii, MAX_FIELD_CHARS);
	if (br)
		colo_buf_putc(out, '}');
}

/* "Family, Given", "van Gogh, Vincent", "King, Jr., Martin Luther",
 * "{World Health Organization}".  False when the name is empty. */
static bool put_name(colo_buf *out, const colo_name *n, bool ascii)
{
	if (has_text(n->family)) {
		if (has_text(n->particle)) {
			put_part(out, n->particle, ascii);
			colo_buf_putc(out, ' ');
		}
		put_part(out, n->family, ascii);
		if (has_text(n->suffix)) {
			colo_buf_puts(out, ", ");
			put_part(out, n->suffix, ascii);
		}
		if (has_text(n->given)) {
			colo_buf_puts(out, ", ");
			put_part(out, n->given, ascii);
		}
		return true;
	}
	{
		const char *lit = has_text(n->literal) ? n->literal
		                  : has_text(n->given) ? n->given
		                                       : NULL;

		if (!lit)
			return false;
		colo_buf_putc(out, '{');
		escape_capped(out, lit, false, ascii, MAX_FIELD_CHARS);
		colo_buf_putc(out, '}');
		return true;
	}
}

/* Biber computes name initials by taking the first character of a name
 * part, and a part that starts with a brace group holding a command
 * ("{\textbackslash}x") gives it a lone "}" that unbalances the .bbl.  For
 * biber the five brace-group escapes are therefore written as command
 * plus empty group ("\textbackslash{}x"), from which biber takes the next
 * letter.  Only escapes produce these strings (every input brace and
 * backslash is escaped), so rewriting them cannot touch data. */
static void biber_name_forms(colo_buf *b, size_t from)
{
	static const char *const forms[] = {"textbraceleft", "textbraceright",
	                                    "textbackslash", "textasciitilde",
	                                    "textasciicircum"};
	colo_buf o;
	const char *p;

	if (!strstr(colo_buf_cstr(b) + from, "{\\text"))
		return;
	colo_buf_init(&o, 0);
	p = b->data + from;
	while (*p) {
		size_t k = 0;

		if (p[0] == '{' && p[1] == '\\')
			for (size_t i = 0; i < COUNT(forms); i++) {
				size_t l = strlen(forms[i]);

				if (strncmp(p + 2, forms[i], l) == 0 && p[2 + l] == '}') {
					colo_buf_putc(&o, '\\');
					colo_buf_append(&o, forms[i], l);
					colo_buf_puts(&o, "{}");
					k = l + 3;
					break;
				}
			}
		if (k) {
			p += k;
		} else {
			colo_buf_putc(&o, *p++);
		}
	}
	/* the rewritten form is never longer: put it back in place */
	b->len = from;
	colo_buf_append(b, colo_buf_cstr(&o), o.len);
	colo_buf_cleanup(&o);
}

static void put_names(colo_buf *out, const char *field, const colo_work *w,
                      colo_creator_role role, bool ascii, bool biblatex)
{
	bool any = false;

	for (size_t i = 0; i < w->ncreators; i++) {
		const colo_creator *c = &w->creators[i];
		size_t at;

		if (c->role != role ||
		    !(has_text(c->name.family) || has_text(c->name.literal) ||
		      has_text(c->name.given)))
			continue; /* put_name would write nothing */
		if (!any) {
			colo_buf_puts(out, ",\n  ");
			colo_buf_puts(out, field);
			colo_buf_puts(out, " = {");
		} else {
			colo_buf_puts(out, " and ");
		}
		any = true;
		at = out->len;
		put_name(out, &c->name, ascii);
		if (biblatex)
			biber_name_forms(out, at);
	}
	/* A truncated list ends in BibTeX's "others" ("et al."); a list
	 * that was nothing but "others" stays that. */
	if (w->creators_more & COLO_MORE(role)) {
		if (!any) {
			colo_buf_puts(out, ",\n  ");
			colo_buf_puts(out, field);
			colo_buf_puts(out, " = {others");
		} else {
			colo_buf_puts(out, " and others");
		}
		any = true;
	}
	if (any)
		colo_buf_putc(out, '}');
}

/* ------------------------------------------------------------------ */
/* Entries                                                             */

typedef struct type_map {
	const char *csl, *bibtex, *biblatex;
} type_map;

static const type_map types[] = {
	{"book", "book", "book"},
	{"article-journal", "article", "article"},
	{"article-magazine", "article", "article"},
	{"article-newspaper", "article", "article"},
	{"chapter", "incollection", "incollection"},
	{"paper-conference", "inproceedings", "inproceedings"},
	{"thesis", "phdthesis", "thesis"},
	{"report", "techreport", "report"},
	{"post-weblog", "misc", "online"},
	{"webpage", "misc", "online"},
	{"post", "misc", "online"},
};

static const type_map *find_type(const char *csl)
{
	static const type_map other = {"", "misc", "misc"};

	for (size_t i = 0; csl && i < COUNT(types); i++)
		if (strcmp(types[i].csl, csl) == 0)
			return &types[i];
	return &other;
}

static void put_text_field(colo_buf *out, const char *field, const char *v,
                           bool protect_case, bool ascii)
{
	if (!has_text(v))
		return;
	colo_buf_puts(out, ",\n  ");
	colo_buf_puts(out, field);
	colo_buf_puts(out, " = {");
	escape_capped(out, v, protect_case, ascii, MAX_FIELD_CHARS);
	colo_buf_putc(out, '}');
}

static void put_url_field(colo_buf *out, const char *field, const char *v,
                          bool biblatex)
{
	if (!has_text(v) || strlen(v) > MAX_URL_BYTES)
		return;
	colo_buf_puts(out, ",\n  ");
	colo_buf_puts(out, field);
	colo_buf_puts(out, " = {");
	put_url(out, v, biblatex);
	colo_buf_putc(out, '}');
}

/* Page ranges use an en dash, written "--": any run of hyphens or dashes
 * between page numbers becomes exactly "--". */
static char *pages_range(const char *s)
{
	colo_buf b;
	const unsigned char *p = (const unsigned char *)s;

	colo_buf_init(&b, 0);
	while (*p) {
		size_t k = 0;

		for (;;) {
			if (p[k] == '-')
				k += 1;
			else if (p[k] == 0xe2 && p[k + 1] == 0x80 &&
			         (p[k + 2] >= 0x90 && p[k + 2] <= 0x95))
				k += 3; /* U+2010..U+2015 hyphens and dashes */
			else if (p[k] == 0xe2 && p[k + 1] == 0x88 && p[k + 2] == 0x92)
				k += 3; /* U+2212 minus */
			else
				break;
		}
		if (k > 0) {
			colo_buf_puts(&b, "--");
			p += k;
		} else {
			colo_buf_putc(&b, (char)*p++);
		}
	}
	return colo_buf_steal(&b);
}

/* BibTeX styles print "edition" after the value: "Second edition". */
static void put_edition(colo_buf *out, const char *ed, bool biblatex,
                        bool ascii)
{
	static const char *const words[] = {"First", "Second", "Third", "Fourth",
	                                    "Fifth", "Sixth", "Seventh", "Eighth",
	                                    "Ninth", "Tenth"};
	const char *p = ed;
	unsigned long n = 0;

	if (!has_text(ed))
		return;
	while (*p >= '0' && *p <= '9' && n < 100000)
		n = n * 10 + (unsigned long)(*p++ - '0');
	if (biblatex || *p || p == ed || n == 0 || n >= 100000) {
		put_text_field(out, "edition", ed, false, ascii);
		return;
	}
	if (n <= 10) {
		colo_buf_printf(out, ",\n  edition = {%s}", words[n - 1]);
	} else {
		const char *sfx = "th";

		if (n % 100 < 11 || n % 100 > 13)
			sfx = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd"
			      : n % 10 == 3 ? "rd" : "th";
		colo_buf_printf(out, ",\n  edition = {%lu%s}", n, sfx);
	}
}

static void put_title(colo_buf *out, const colo_work *w, bool biblatex,
                      bool ascii)
{
	if (biblatex || !has_text(w->subtitle)) {
		put_text_field(out, "title", w->title, true, ascii);
		if (biblatex)
			put_text_field(out, "subtitle", w->subtitle, true, ascii);
		return;
	}
	if (!has_text(w->title)) {
		put_text_field(out, "title", w->subtitle, true, ascii);
		return;
	}
	{
		char *t = colo_work_title_joined(w);

		put_text_field(out, "title", t, true, ascii);
		free(t);
	}
}

/* Appends v (0..9999) with at least `width` digits, zero-padded: the
 * date fields are in every entry, and printf is slow for this. */
static void put_num(colo_buf *out, int v, int width)
{
	char d[8];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && n < (int)sizeof d);
	while (n < width && n < (int)sizeof d)
		d[n++] = '0';
	while (n > 0)
		colo_buf_putc(out, d[--n]);
}

static void put_date(colo_buf *out, const colo_work *w, bool biblatex)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr",
	                                     "may", "jun", "jul", "aug",
	                                     "sep", "oct", "nov", "dec"};
	bool month = w->month >= 1 && w->month <= 12;

	if (w->year < 1 || w->year > 9999)
		return;
	if (!biblatex) {
		colo_buf_puts(out, ",\n  year = {");
		put_num(out, w->year, 1);
		colo_buf_putc(out, '}');
		if (month) {
			colo_buf_puts(out, ",\n  month = ");
			colo_buf_puts(out, months[w->month - 1]);
		}
		return;
	}
	colo_buf_puts(out, ",\n  date = {");
	put_num(out, w->year, 4);
	if (month) {
		colo_buf_putc(out, '-');
		put_num(out, w->month, 2);
		if (w->day >= 1 && w->day <= 31) {
			colo_buf_putc(out, '-');
			put_num(out, w->day, 2);
		}
	}
	colo_buf_putc(out, '}');
}

/* keywords = {a, b}: each keyword escaped like any text; one holding a
 * comma or semicolon is braced whole, so biblatex (and our reader) keep
 * it one keyword.  Whole keywords are left out once the value passes
 * MAX_FIELD_CHARS bytes (a cut one would be a wrong keyword). */
static void put_keywords(colo_buf *out, const colo_work *w, bool ascii)
{
	bool any = false;
	size_t start = out->len;

	for (size_t i = 0; i < w->nkeywords; i++) {
		const char *kw = w->keywords[i];
		bool br;

		if (!has_text(kw))
			continue;
		if (out->len - start >= MAX_FIELD_CHARS)
			break;
		colo_buf_puts(out, any ? ", " : ",\n  keywords = {");
		any = true;
		br = strchr(kw, ',') || strchr(kw, ';');
		if (br)
			colo_buf_putc(out, '{');
		escape_capped(out, kw, false, ascii, MAX_FIELD_CHARS);
		if (br)
			colo_buf_putc(out, '}');
	}
	if (any)
		colo_buf_putc(out, '}');
}

bool colo_bibtex_write(colo_buf *out, const colo_work *w,
                       const colo_bibtex_opts *opts, colo_error *err)
{
	static const colo_bibtex_opts defaults = {false, false};
	const type_map *t;
	bool bl, ascii, article, collection, online;
	const char *btype;
	colo_buf e, *b;

	assert(out && w);
	if (!opts)
		opts = &defaults;
	bl = opts->biblatex;
	ascii = opts->ascii;
	if (!colo_citekey_valid(w->citekey)) {
		colo_error_set(err, COLO_EINPUT,
		               "unusable citation key for '%.80s': only letters, "
		               "digits and _:.-/+ are allowed",
		               w->title ? w->title : "untitled work");
		return false;
	}
	t = find_type(w->type);
	btype = bl ? t->biblatex : t->bibtex;
	article = strcmp(t->bibtex, "article") == 0;
	collection = strcmp(t->bibtex, "incollection") == 0 ||
	             strcmp(t->bibtex, "inproceedings") == 0;
	online = strcmp(btype, "online") == 0;

	/* With a cap, built aside and appended whole, so a capped buffer
	 * never holds half an entry; without one, written in place. */
	colo_buf_init(&e, 0);
	b = out->max ? &e : out;
	colo_buf_putc(b, '@');
	colo_buf_puts(b, btype);
	colo_buf_putc(b, '{');
	colo_buf_puts(b, w->citekey);
	put_names(b, "author", w, COLO_ROLE_AUTHOR, ascii, bl);
	put_names(b, "editor", w, COLO_ROLE_EDITOR, ascii, bl);
	if (bl)
		put_names(b, "translator", w, COLO_ROLE_TRANSLATOR, ascii, bl);
	put_title(b, w, bl, ascii);

	if (article)
		put_text_field(b, bl ? "journaltitle" : "journal", w->container,
		               false, ascii);
	else if (collection)
		put_text_field(b, "booktitle", w->container, true, ascii);
	else if (strcmp(t->bibtex, "misc") == 0)
		put_text_field(b, online ? "organization" : "howpublished",
		               w->container, false, ascii);

	if (strcmp(t->bibtex, "phdthesis") == 0) {
		put_text_field(b, bl ? "institution" : "school", w->publisher,
		               false, ascii);
		if (bl)
			colo_buf_puts(b, ",\n  type = {phdthesis}");
	} else if (strcmp(t->bibtex, "techreport") == 0) {
		put_text_field(b, "institution", w->publisher, false, ascii);
		if (bl)
			colo_buf_puts(b, ",\n  type = {techreport}");
	} else if (!article) {
		put_text_field(b, "publisher", w->publisher, false, ascii);
	}
	put_text_field(b, bl ? "location" : "address", w->place, false, ascii);
	put_date(b, w, bl);
	put_text_field(b, "volume", w->volume, false, ascii);
	put_text_field(b, "number", w->issue, false, ascii);
	if (has_text(w->pages)) {
		char *pg = pages_range(w->pages);

		put_text_field(b, "pages", pg, false, ascii);
		free(pg);
	}
	put_edition(b, w->edition, bl, ascii);
	put_url_field(b, "doi", w->doi, bl);
	put_text_field(b, "isbn", w->isbn, false, ascii);
	put_text_field(b, "issn", w->issn, false, ascii);
	put_url_field(b, "url", w->url, bl);
	put_text_field(b, "note", w->note, false, ascii);
	put_keywords(b, w, ascii);
	colo_buf_puts(b, "\n}\n\n");

	if (b == &e && !colo_buf_append(out, colo_buf_cstr(&e), e.len)) {
		colo_buf_cleanup(&e);
		colo_error_set(err, COLO_EFAIL,
		               "output too large writing entry '%s'", w->citekey);
		return false;
	}
	colo_buf_cleanup(&e);
	return true;
}
