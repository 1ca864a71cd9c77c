/* label.c - the sequence labeller for reference strings.
 *
 * A reference ("Akaike, H. (1974). A new look ... 19 716-723.") is cut into
 * tokens: runs of letters and digits, single punctuation marks, and URLs
 * and DOIs kept whole.  Each token gets a few dozen hashed features (its
 * lower-cased form, shape, affixes, class, dictionary cue, brackets and
 * quotes around it, relative position, whether a year or a full stop came
 * before, facts about its sentence, and the same about its neighbours); a
 * linear model scores every label for every token and Viterbi picks the
 * best sequence under the label-bigram weights.  A second stage then labels
 * again with the first stage's labels as extra features (stacking).  The
 * weights come from an averaged structured perceptron (train.c) and are
 * stored sparse, as integers, in a small text file (docs/REFS_MODEL.md
 * describes the format) that embed.c compiles into the library as arrays.
 *
 * Time and memory are linear in the input: tokens are decoded in windows of
 * COLO_REFS_WINDOW, so the back-pointer table never grows with the line.
 *
 * Not here: splitting a list into references and turning segments into
 * works (refs.c), training (train.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "colophon/mem.h"
#include "colophon/text.h"
#include "colophon/buf.h"
#include "label_priv.h"

/* ---- label names ---- */

static const char *const label_names[COLO_REF_NLABELS] = {
	"none",     "citation-number",  "author",    "editor",
	"translator", "title",          "container-title",
	"collection-title", "publisher", "location", "date",
	"volume",   "issue",            "pages",     "edition",
	"genre",    "doi",              "url",       "isbn",
	"arxiv",    "note",
};

const char *colo_ref_label_name(colo_ref_label l)
{
	if ((unsigned)l >= COLO_REF_NLABELS)
		return "none";
	return label_names[l];
}

/* The training data's other spellings.  "org" is GROBID's orgName, most
 * often a collaboration in author position but also an issuing
 * institution; the trainer decides by its text, publisher is the default
 * (docs/REFS_MODEL.md). */
static const struct {
	const char *name;
	colo_ref_label label;
} label_synonyms[] = {
	{"journal", COLO_REF_CONTAINER},
	{"source", COLO_REF_CONTAINER},
	{"booktitle", COLO_REF_CONTAINER},
	{"container", COLO_REF_CONTAINER},
	{"org", COLO_REF_PUBLISHER},
	{"institution", COLO_REF_PUBLISHER},
	{"collection", COLO_REF_COLLECTION},
	{"series", COLO_REF_COLLECTION},
	{"year", COLO_REF_DATE},
	{"page", COLO_REF_PAGES},
	{"identifier", COLO_REF_NOTE},
	{"director", COLO_REF_NOTE},
	{"producer", COLO_REF_NOTE},
	{"medium", COLO_REF_NOTE},
	{"other", COLO_REF_NOTE},
};

colo_ref_label colo_ref_label_parse(const char *name)
{
	size_t i;

	if (!name)
		return COLO_REF_NLABELS;
	for (i = 0; i < COLO_REF_NLABELS; i++)
		if (strcmp(name, label_names[i]) == 0)
			return (colo_ref_label)i;
	for (i = 0; i < sizeof label_synonyms / sizeof label_synonyms[0]; i++)
		if (strcmp(name, label_synonyms[i].name) == 0)
			return label_synonyms[i].label;
	return COLO_REF_NLABELS;
}

/* ---- hashing ---- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME  0x100000001b3ULL

static uint64_t fnv_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

static uint64_t fnv_cp(uint64_t h, int32_t cp)
{
	utf8proc_uint8_t b[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, b), i;

	for (i = 0; i < n; i++)
		h = fnv_byte(h, b[i]);
	return h;
}

/* ---- dictionary cues ---- */

/* Sorted by word for bsearch. */
static const struct dict_entry {
	const char *w;
	unsigned char cat;
} dict[] = {
	{"&", COLO_RC_AND}, {"acad", COLO_RC_VENUE},
	{"academic", COLO_RC_PUB}, {"academy", COLO_RC_VENUE},
	{"accessed", COLO_RC_ID}, {"acm", COLO_RC_VENUE},
	{"acta", COLO_RC_VENUE}, {"al", COLO_RC_ETAL},
	{"am", COLO_RC_VENUE}, {"amsterdam", COLO_RC_PLACE},
	{"and", COLO_RC_AND}, {"ann", COLO_RC_VENUE},
	{"annals", COLO_RC_VENUE}, {"annual", COLO_RC_VENUE},
	{"appl", COLO_RC_VENUE}, {"apr", COLO_RC_MONTH},
	{"april", COLO_RC_MONTH}, {"arch", COLO_RC_VENUE},
	{"archives", COLO_RC_VENUE}, {"arxiv", COLO_RC_ID},
	{"assoc", COLO_RC_VENUE}, {"aug", COLO_RC_MONTH},
	{"august", COLO_RC_MONTH}, {"available", COLO_RC_ID},
	{"band", COLO_RC_VOLUME}, {"bd", COLO_RC_VOLUME},
	{"berkeley", COLO_RC_PLACE}, {"berlin", COLO_RC_PLACE},
	{"biol", COLO_RC_VENUE}, {"books", COLO_RC_PUB},
	{"boston", COLO_RC_PLACE}, {"bull", COLO_RC_VENUE},
	{"bulletin", COLO_RC_VENUE}, {"cambridge", COLO_RC_PLACE},
	{"chem", COLO_RC_VENUE}, {"chicago", COLO_RC_PLACE},
	{"co", COLO_RC_PUB}, {"company", COLO_RC_PUB},
	{"comput", COLO_RC_VENUE}, {"conf", COLO_RC_VENUE},
	{"conference", COLO_RC_VENUE}, {"congress", COLO_RC_VENUE},
	{"dec", COLO_RC_MONTH}, {"december", COLO_RC_MONTH},
	{"dept", COLO_RC_PUB}, {"diss", COLO_RC_GENRE},
	{"dissertation", COLO_RC_GENRE}, {"doi", COLO_RC_ID},
	{"draft", COLO_RC_GENRE}, {"econ", COLO_RC_VENUE},
	{"ed", COLO_RC_EDITOR}, {"edited", COLO_RC_EDITOR},
	{"edition", COLO_RC_EDITION}, {"editor", COLO_RC_EDITOR},
	{"editors", COLO_RC_EDITOR}, {"edn", COLO_RC_EDITION},
	{"eds", COLO_RC_EDITOR}, {"elsevier", COLO_RC_PUB},
	{"eng", COLO_RC_VENUE}, {"environ", COLO_RC_VENUE},
	{"et", COLO_RC_ETAL}, {"feb", COLO_RC_MONTH},
	{"february", COLO_RC_MONTH}, {"geophys", COLO_RC_VENUE},
	{"heft", COLO_RC_ISSUE}, {"heidelberg", COLO_RC_PLACE},
	{"hg", COLO_RC_EDITOR}, {"hrsg", COLO_RC_EDITOR},
	{"http", COLO_RC_ID}, {"https", COLO_RC_ID},
	{"in", COLO_RC_IN}, {"inc", COLO_RC_PUB},
	{"inf", COLO_RC_VENUE}, {"inform", COLO_RC_VENUE},
	{"inst", COLO_RC_PUB}, {"institute", COLO_RC_PUB},
	{"int", COLO_RC_VENUE}, {"international", COLO_RC_VENUE},
	{"isbn", COLO_RC_ID}, {"iss", COLO_RC_ISSUE},
	{"issn", COLO_RC_ID}, {"issue", COLO_RC_ISSUE},
	{"j", COLO_RC_VENUE}, {"jan", COLO_RC_MONTH},
	{"january", COLO_RC_MONTH}, {"journal", COLO_RC_VENUE},
	{"jul", COLO_RC_MONTH}, {"july", COLO_RC_MONTH},
	{"jun", COLO_RC_MONTH}, {"june", COLO_RC_MONTH},
	{"lett", COLO_RC_VENUE}, {"letters", COLO_RC_VENUE},
	{"london", COLO_RC_PLACE}, {"ltd", COLO_RC_PUB},
	{"mar", COLO_RC_MONTH}, {"march", COLO_RC_MONTH},
	{"master", COLO_RC_GENRE}, {"math", COLO_RC_VENUE},
	{"may", COLO_RC_MONTH}, {"mech", COLO_RC_VENUE},
	{"med", COLO_RC_VENUE}, {"meeting", COLO_RC_VENUE},
	{"memo", COLO_RC_GENRE}, {"natl", COLO_RC_VENUE},
	{"neurosci", COLO_RC_VENUE}, {"no", COLO_RC_ISSUE},
	{"nov", COLO_RC_MONTH}, {"november", COLO_RC_MONTH},
	{"nr", COLO_RC_ISSUE}, {"num", COLO_RC_ISSUE},
	{"number", COLO_RC_ISSUE}, {"oct", COLO_RC_MONTH},
	{"october", COLO_RC_MONTH}, {"online", COLO_RC_ID},
	{"oxford", COLO_RC_PLACE}, {"p", COLO_RC_PAGES},
	{"page", COLO_RC_PAGES}, {"pages", COLO_RC_PAGES},
	{"paris", COLO_RC_PLACE}, {"pg", COLO_RC_PAGES},
	{"phd", COLO_RC_GENRE}, {"phys", COLO_RC_VENUE},
	{"pmid", COLO_RC_ID}, {"pp", COLO_RC_PAGES},
	{"preprint", COLO_RC_GENRE}, {"press", COLO_RC_PUB},
	{"princeton", COLO_RC_PLACE}, {"proc", COLO_RC_VENUE},
	{"proceedings", COLO_RC_VENUE}, {"psychol", COLO_RC_VENUE},
	{"publisher", COLO_RC_PUB}, {"publishers", COLO_RC_PUB},
	{"publishing", COLO_RC_PUB}, {"quarterly", COLO_RC_VENUE},
	{"rep", COLO_RC_GENRE}, {"report", COLO_RC_GENRE},
	{"res", COLO_RC_VENUE}, {"retrieved", COLO_RC_ID},
	{"rev", COLO_RC_VENUE}, {"review", COLO_RC_VENUE},
	{"sci", COLO_RC_VENUE}, {"sep", COLO_RC_MONTH},
	{"sept", COLO_RC_MONTH}, {"september", COLO_RC_MONTH},
	{"soc", COLO_RC_VENUE}, {"springer", COLO_RC_PUB},
	{"stat", COLO_RC_VENUE}, {"statist", COLO_RC_VENUE},
	{"symp", COLO_RC_VENUE}, {"symposium", COLO_RC_VENUE},
	{"syst", COLO_RC_VENUE}, {"tech", COLO_RC_GENRE},
	{"technical", COLO_RC_GENRE}, {"technol", COLO_RC_VENUE},
	{"theor", COLO_RC_VENUE}, {"thesis", COLO_RC_GENRE},
	{"tokyo", COLO_RC_PLACE}, {"trans", COLO_RC_VENUE},
	{"transactions", COLO_RC_VENUE}, {"transl", COLO_RC_TRANS},
	{"translated", COLO_RC_TRANS}, {"translator", COLO_RC_TRANS},
	{"und", COLO_RC_AND}, {"univ", COLO_RC_PUB},
	{"university", COLO_RC_PUB}, {"unpublished", COLO_RC_GENRE},
	{"url", COLO_RC_ID}, {"verlag", COLO_RC_PUB},
	{"vol", COLO_RC_VOLUME}, {"vols", COLO_RC_VOLUME},
	{"volume", COLO_RC_VOLUME}, {"washington", COLO_RC_PLACE},
	{"web", COLO_RC_ID}, {"wiley", COLO_RC_PUB},
	{"workshop", COLO_RC_VENUE}, {"www", COLO_RC_ID},
	{"york", COLO_RC_PLACE},
};

static int dict_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct dict_entry *)elem)->w);
}

static unsigned char dict_lookup(const char *s, size_t len)
{
	char low[16];
	const struct dict_entry *e;
	size_t i;

	if (len == 0 || len >= sizeof low)
		return COLO_RC_NONE;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			return COLO_RC_NONE;
		low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	low[len] = 0;
	e = bsearch(low, dict, sizeof dict / sizeof dict[0], sizeof dict[0],
	            dict_cmp);
	return e ? e->cat : COLO_RC_NONE;
}

/* ---- tokens ---- */

static bool is_space(int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	    cp == '\v')
		return true;
	return cp > 0x7f && (utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ||
	                     cp == 0x2028 || cp == 0x2029);
}

static bool is_word(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* Decodes one code point of valid UTF-8 at s[i]; returns its length. */
static size_t decode(const char *s, size_t len, size_t i, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	                     (utf8proc_ssize_t)(len - i), &c);
	if (n <= 0) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return (size_t)n;
}

static bool has_at(const char *s, size_t a, size_t b, const char *lit)
{
	size_t n = strlen(lit), i;

	if (b - a < n)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[a + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != lit[i])
			return false;
	}
	return true;
}

static bool contains(const char *s, size_t a, size_t b, const char *lit)
{
	size_t n = strlen(lit), i;

	for (i = a; i + n <= b; i++)
		if (memcmp(s + i, lit, n) == 0)
			return true;
	return false;
}

/* 10.<digits>/... after an optional "doi:" or doi.org prefix. */
static bool looks_doi(const char *s, size_t a, size_t b)
{
	size_t i;

	if (has_at(s, a, b, "doi:"))
		a += 4;
	if (a < b && s[a] == '(')
		a++;
	if (b - a < 7 || s[a] != '1' || s[a + 1] != '0' || s[a + 2] != '.')
		return false;
	for (i = a + 3; i < b && s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i > a + 3 && i < b && s[i] == '/';
}

static bool looks_url(const char *s, size_t a, size_t b)
{
	return contains(s, a, b, "://") || has_at(s, a, b, "www.") ||
	       has_at(s, a, b, "<http") || has_at(s, a, b, "(http") ||
	       has_at(s, a, b, "doi.org/");
}

typedef struct tokvec {
	colo_refs_tok *t;
	size_t n, cap;
} tokvec;

static void push(tokvec *v, size_t start, size_t end, bool space_before)
{
	colo_refs_tok *t;

	colo_grow((void **)&v->t, &v->cap, v->n + 1, sizeof *v->t);
	t = &v->t[v->n++];
	memset(t, 0, sizeof *t);
	t->start = start;
	t->end = end;
	t->space_before = space_before;
}

/* A URL or DOI chunk is one token, but brackets around it and a final
 * full stop or comma are tokens of their own. */
static void push_whole(tokvec *v, const char *s, size_t a, size_t b,
                       bool space_before)
{
	size_t i, opens = 0, closes = 0;

	while (a < b && (s[a] == '<' || s[a] == '(' || s[a] == '[')) {
		push(v, a, a + 1, space_before);
		space_before = false;
		a++;
	}
	for (i = a; i < b; i++) {
		opens += s[i] == '(' || s[i] == '[';
		closes += s[i] == ')' || s[i] == ']';
	}
	i = b;
	while (i > a && (s[i - 1] == '.' || s[i - 1] == ',' ||
	                 s[i - 1] == ';' || s[i - 1] == '>' ||
	                 ((s[i - 1] == ')' || s[i - 1] == ']') &&
	                  closes > opens))) {
		if (s[i - 1] == ')' || s[i - 1] == ']')
			closes--;
		i--;
	}
	if (i > a)
		push(v, a, i, space_before);
	else
		i = a;
	for (; i < b; i++)
		push(v, i, i + 1, i == a && space_before);
}

/* Digits next to CJK or Hangul letters are a token of their own: "第47号"
 * and "제4호" hold an issue number, and those scripts use no spaces. */
static bool script_break(int32_t a, int32_t b)
{
	bool da = a >= '0' && a <= '9', db = b >= '0' && b <= '9';

	return (da && b >= 0x2e80) || (db && a >= 0x2e80);
}

static void split_chunk(tokvec *v, const char *s, size_t len, size_t a,
                        size_t b)
{
	size_t i = a;
	bool sp = true;

	if (looks_url(s, a, b) || looks_doi(s, a, b)) {
		push_whole(v, s, a, b, true);
		return;
	}
	while (i < b) {
		int32_t cp;
		size_t n = decode(s, len, i, &cp), j;

		if (!is_word(cp)) {
			push(v, i, i + n, sp);
			sp = false;
			i += n;
			continue;
		}
		j = i + n;
		while (j < b) {
			int32_t prev = cp;
			size_t m = decode(s, len, j, &cp);
			if (!is_word(cp) || script_break(prev, cp))
				break;
			j += m;
		}
		push(v, i, j, sp);
		sp = false;
		i = j;
	}
}

static unsigned char punct_class(int32_t cp)
{
	switch (cp) {
	case '(': case '[': case '{': case '<': case '`':
	case 0x201c: case 0x2018: case 0x00ab: case 0x201e:
		return COLO_RT_OPEN;
	case ')': case ']': case '}': case '>':
	case 0x201d: case 0x2019: case 0x00bb:
		return COLO_RT_CLOSE;
	case '"': case '\'':
		return COLO_RT_QUOTE;
	case ',': case ';': case ':':
		return COLO_RT_SEP;
	case '.':
		return COLO_RT_DOT;
	case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013:
	case 0x2014: case 0x2212:
		return COLO_RT_DASH;
	default:
		return COLO_RT_PUNCT;
	}
}

/* Fills a word token's hashes, shape and class. */
static void describe(colo_refs_tok *t, const char *s, size_t len)
{
	size_t i = t->start, ncp = 0, nup = 0, nlow = 0, ndig = 0, nother = 0;
	uint64_t lw = FNV_OFFSET, sh = FNV_OFFSET, ssh = FNV_OFFSET;
	int32_t first = 0, pre[3] = {0, 0, 0}, suf[3] = {0, 0, 0};
	char last_sc = 0;
	int run = 0;

	while (i < t->end) {
		int32_t cp, low;
		size_t n = decode(s, len, i, &cp);
		char sc;

		i += n;
		low = cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp)
		                : utf8proc_tolower(cp);
		lw = fnv_cp(lw, low);
		if (ncp == 0)
			first = cp;
		if (ncp < 3)
			pre[ncp] = low;
		suf[0] = suf[1];
		suf[1] = suf[2];
		suf[2] = low;
		ncp++;
		if (cp >= '0' && cp <= '9') {
			sc = 'd';
			ndig++;
		} else if (cp < 0x80 && cp >= 'A' && cp <= 'Z') {
			sc = 'X';
			nup++;
		} else if (cp < 0x80 && cp >= 'a' && cp <= 'z') {
			sc = 'x';
			nlow++;
		} else if (cp >= 0x80 && utf8proc_category(cp) ==
		                             UTF8PROC_CATEGORY_LU) {
			sc = 'X';
			nup++;
		} else if (cp >= 0x80 && utf8proc_category(cp) ==
		                             UTF8PROC_CATEGORY_LL) {
			sc = 'x';
			nlow++;
		} else if (cp >= 0x80 && is_word(cp)) {
			sc = 'L';
			nother++;
		} else {
			sc = cp < 0x80 ? (char)cp : '~';
			nother++;
		}
		if (sc == last_sc) {
			run++;
		} else {
			run = 1;
			ssh = fnv_byte(ssh, (unsigned char)sc);
		}
		if (run <= 4)
			sh = fnv_byte(sh, (unsigned char)sc);
		last_sc = sc;
	}
	t->lw = lw;
	t->shape = sh;
	t->sshape = ssh;
	t->pre2 = fnv_cp(fnv_cp(FNV_OFFSET, pre[0]), pre[1]);
	t->pre3 = fnv_cp(t->pre2, pre[2]);
	t->suf2 = fnv_cp(fnv_cp(FNV_OFFSET ^ 1, suf[1]), suf[2]);
	t->suf3 = fnv_cp(fnv_cp(fnv_cp(FNV_OFFSET ^ 2, suf[0]), suf[1]), suf[2]);
	t->cat = dict_lookup(s + t->start, t->end - t->start);

	if (ncp == 1 && !is_word(first)) {
		t->cls = punct_class(first);
		return;
	}
	if (nother) {
		t->cls = COLO_RT_OTHER;
		if (nup + nlow > 0 && !ndig)
			t->cls = COLO_RT_MIXED;
		return;
	}
	if (ndig == ncp) {
		t->cls = COLO_RT_NUMBER;
		if (ncp == 4 && (s[t->start] == '1' || s[t->start] == '2')) {
			int y = (s[t->start] - '0') * 1000 +
			        (s[t->start + 1] - '0') * 100 +
			        (s[t->start + 2] - '0') * 10 +
			        (s[t->start + 3] - '0');
			if (y >= 1500 && y <= 2099)
				t->cls = COLO_RT_YEAR;
		}
		return;
	}
	if (ndig) {
		t->cls = COLO_RT_ALNUM;
		if (ndig == 4 && ncp == 5 && nlow == 1 &&
		    (s[t->start] == '1' || s[t->start] == '2') &&
		    s[t->end - 1] >= 'a' && s[t->end - 1] <= 'z')
			t->cls = COLO_RT_YEAR;
		else if (nlow == 2 && ncp - ndig == 2 &&
		         (has_at(s, t->end - 2, t->end, "st") ||
		          has_at(s, t->end - 2, t->end, "nd") ||
		          has_at(s, t->end - 2, t->end, "rd") ||
		          has_at(s, t->end - 2, t->end, "th")))
			t->cat = COLO_RC_ORDINAL;
		return;
	}
	if (nup == 1 && ncp == 1)
		t->cls = COLO_RT_INITIAL;
	else if (nup == ncp)
		t->cls = COLO_RT_UPPER;
	else if (nlow == ncp)
		t->cls = COLO_RT_LOWER;
	else if (nup == 1 && utf8proc_category(first) == UTF8PROC_CATEGORY_LU)
		t->cls = COLO_RT_CAP;
	else
		t->cls = COLO_RT_MIXED;
}

static bool abbrev(const colo_refs_tok *k)
{
	switch (k->cat) {
	case COLO_RC_MONTH:
	case COLO_RC_PAGES:
	case COLO_RC_VOLUME:
	case COLO_RC_ISSUE:
	case COLO_RC_EDITOR:
	case COLO_RC_EDITION:
	case COLO_RC_VENUE:
	case COLO_RC_ETAL:
		return k->end - k->start <= 5;
	default:
		return false;
	}
}

/* A closing quotation mark: " or a closing curly quote, or ' glued to the
 * word before and followed by a space or punctuation (not the one in
 * "d'un"). */
static bool closes_quote(const colo_refs_tok *t, size_t n, size_t i,
                         unsigned char c)
{
	const colo_refs_tok *k = &t[i];

	if (k->cls == COLO_RT_QUOTE && c == '"')
		return true;
	if (k->cls == COLO_RT_QUOTE)
		return !k->space_before &&
		       (k->space_after || i + 1 == n ||
		        t[i + 1].cls <= COLO_RT_PUNCT);
	return k->cls == COLO_RT_CLOSE && c >= 0x80;
}

/* Facts that depend on the tokens around: brackets, quotes, years and
 * full stops so far, relative position. */
static void annotate(colo_refs_tok *t, size_t n, const char *s)
{
	size_t i;
	int paren = 0, brack = 0, sent = 0;
	bool quote = false, year = false, in = false, qdone = false, eds = false;

	for (i = 0; i < n; i++) {
		colo_refs_tok *k = &t[i];
		unsigned char c = (unsigned char)s[k->start];
		size_t w = k->end - k->start;

		k->space_after = i + 1 == n || t[i + 1].space_before;
		k->year_seen = year;
		k->sent = (unsigned char)(sent > 5 ? 5 : sent);
		k->posbin = (unsigned char)(n > 1 ? (i * 10) / n : 0);
		if (w == 1 && (c == '(' || c == '['))
			c == '(' ? paren++ : brack++;
		k->in_paren = paren > 0;
		k->in_bracket = brack > 0;
		if (w == 1 && c == ')' && paren > 0)
			paren--;
		if (w == 1 && c == ']' && brack > 0)
			brack--;
		if (k->cls == COLO_RT_QUOTE && c == '"')
			quote = !quote;
		else if (k->cls == COLO_RT_OPEN && (c >= 0x80 || c == '`') &&
		         k->space_before)
			quote = true;
		else if (k->cls == COLO_RT_CLOSE && c >= 0x80 &&
		         (k->space_after || i + 1 == n ||
		          t[i + 1].cls <= COLO_RT_PUNCT))
			quote = false;
		k->in_quote = quote;
		k->after_in = in;
		k->quote_done = qdone;
		k->eds_seen = eds;
		/* "In" opens a container after a full stop, comma or quote. */
		if (k->cat == COLO_RC_IN && i > 0 &&
		    (t[i - 1].cls == COLO_RT_DOT || t[i - 1].cls == COLO_RT_SEP ||
		     t[i - 1].cls == COLO_RT_CLOSE ||
		     t[i - 1].cls == COLO_RT_QUOTE))
			in = true;
		if (k->cat == COLO_RC_EDITOR)
			eds = true;
		if (!quote && closes_quote(t, n, i, c))
			qdone = true;
		if (k->cls == COLO_RT_YEAR)
			year = true;
		/* A full stop ends a sentence unless it follows an initial, a
		 * one-letter word or a known abbreviation ("Proc.", "Conf.",
		 * "Vol.", "Oct.", "al."). */
		if (k->cls == COLO_RT_DOT && k->space_after && i > 0 &&
		    t[i - 1].cls != COLO_RT_INITIAL &&
		    t[i - 1].end - t[i - 1].start > 1 && !abbrev(&t[i - 1]))
			sent++;
	}
}

static unsigned char size_bin(size_t n)
{
	return (unsigned char)(n <= 2 ? n : n <= 5 ? 3 : n <= 12 ? 4 : 5);
}

/* The sentence facts (colo_refs_tok's chunk_*), once sent is known. */
static void annotate_chunks(colo_refs_tok *t, size_t n)
{
	size_t a = 0, b, i;

	while (a < n) {
		unsigned char num = 0, commas = 0;
		size_t first = a;

		for (b = a; b < n && t[b].sent == t[a].sent; b++) {
			if (t[b].cls == COLO_RT_YEAR)
				num |= 1;
			else if (t[b].cls == COLO_RT_NUMBER)
				num |= 2;
		}
		while (first < b && t[first].cls <= COLO_RT_PUNCT)
			first++;
		if (first == b)
			first = a;
		for (i = a; i < b; i++) {
			t[i].chunk_lw = t[first].lw;
			t[i].chunk_cat = t[first].cat;
			t[i].chunk_cls = t[first].cls;
			t[i].chunk_size = size_bin(b - a);
			t[i].chunk_num = num;
			t[i].chunk_last = b == n;
			t[i].commas = commas;
			if (t[i].cls == COLO_RT_SEP && commas < 3)
				commas++;
		}
		a = b;
	}
}

bool colo_refs_tokenize(const char *s, size_t len, colo_refs_tok **toks,
                        size_t *ntoks, colo_error *err)
{
	tokvec v = {NULL, 0, 0};
	size_t i = 0;

	*toks = NULL;
	*ntoks = 0;
	if (!colo_text_validate(s, len, err))
		return false;
	while (i < len) {
		int32_t cp;
		size_t n = decode(s, len, i, &cp), j;

		if (is_space(cp)) {
			i += n;
			continue;
		}
		j = i + n;
		while (j < len) {
			size_t m = decode(s, len, j, &cp);
			if (is_space(cp))
				break;
			j += m;
		}
		split_chunk(&v, s, len, i, j);
		i = j;
	}
	for (i = 0; i < v.n; i++) {
		colo_refs_tok *t = &v.t[i];
		describe(t, s, len);
		if (t->cls == COLO_RT_OTHER || t->cls == COLO_RT_PUNCT ||
		    t->end - t->start > 6) {
			if (looks_doi(s, t->start, t->end))
				t->cls = COLO_RT_DOI;
			else if (looks_url(s, t->start, t->end))
				t->cls = COLO_RT_URL;
		}
	}
	annotate(v.t, v.n, s);
	annotate_chunks(v.t, v.n);
	*toks = v.t;
	*ntoks = v.n;
	return true;
}

bool colo_refs_is_edge_punct(unsigned cls)
{
	return cls <= COLO_RT_DASH;
}

/* ---- features ---- */

static uint64_t f1(unsigned tmpl, uint64_t a)
{
	return mix64(((uint64_t)tmpl << 56) ^ mix64(a)) & COLO_REFS_HASH_MASK;
}

static uint64_t f2(unsigned tmpl, uint64_t a, uint64_t b)
{
	return mix64(((uint64_t)tmpl << 56) ^ mix64(a) ^
	             mix64(b + 0x9e3779b97f4a7c15ULL)) &
	       COLO_REFS_HASH_MASK;
}

static uint64_t f3(unsigned tmpl, uint64_t a, uint64_t b, uint64_t c)
{
	return f2(tmpl, a, mix64(b) ^ (c * 0x2545f4914f6cdd1dULL));
}

/* Attributes of the token at i + off, or of the padding outside. */
static uint64_t lw_at(const colo_refs_tok *t, size_t n, size_t i, int off)
{
	long j = (long)i + off;
	if (j < 0)
		return 1;
	if ((size_t)j >= n)
		return 2;
	return t[j].lw;
}

static uint64_t ssh_at(const colo_refs_tok *t, size_t n, size_t i, int off)
{
	long j = (long)i + off;
	if (j < 0)
		return 1;
	if ((size_t)j >= n)
		return 2;
	return t[j].sshape;
}

static unsigned cls_at(const colo_refs_tok *t, size_t n, size_t i, int off)
{
	long j = (long)i + off;
	if (j < 0)
		return 100;
	if ((size_t)j >= n)
		return 101;
	return t[j].cls;
}

static unsigned cat_at(const colo_refs_tok *t, size_t n, size_t i, int off)
{
	long j = (long)i + off;
	if (j < 0)
		return 100;
	if ((size_t)j >= n)
		return 101;
	return t[j].cat;
}

size_t colo_refs_features(const colo_refs_tok *t, size_t n, size_t i,
                          uint64_t *out)
{
	const colo_refs_tok *k = &t[i];
	size_t m = 0;
	unsigned c0 = k->cls, cm1 = cls_at(t, n, i, -1), cp1 = cls_at(t, n, i, 1);
	unsigned box = (unsigned)k->in_paren | (unsigned)k->in_bracket << 1 |
	               (unsigned)k->in_quote << 2;
	unsigned glue = (unsigned)k->space_before | (unsigned)k->space_after << 1;
	unsigned first = i < 4 ? (unsigned)i : 4;

	out[m++] = f1(1, 0);
	out[m++] = f1(2, k->lw);
	out[m++] = f1(3, k->shape);
	out[m++] = f1(4, k->sshape);
	out[m++] = f1(5, k->pre2);
	out[m++] = f1(6, k->pre3);
	out[m++] = f1(7, k->suf2);
	out[m++] = f1(8, k->suf3);
	out[m++] = f1(9, c0);
	out[m++] = f1(10, k->cat);
	out[m++] = f1(11, lw_at(t, n, i, -1));
	out[m++] = f1(12, lw_at(t, n, i, 1));
	out[m++] = f1(13, lw_at(t, n, i, -2));
	out[m++] = f1(14, lw_at(t, n, i, 2));
	out[m++] = f1(15, ssh_at(t, n, i, -1));
	out[m++] = f1(16, ssh_at(t, n, i, 1));
	out[m++] = f1(17, cls_at(t, n, i, -2));
	out[m++] = f1(18, cls_at(t, n, i, 2));
	out[m++] = f1(19, cat_at(t, n, i, -1));
	out[m++] = f1(20, cat_at(t, n, i, 1));
	out[m++] = f1(21, cat_at(t, n, i, -2));
	out[m++] = f1(22, cat_at(t, n, i, 2));
	out[m++] = f2(23, lw_at(t, n, i, -1), k->lw);
	out[m++] = f2(24, k->lw, lw_at(t, n, i, 1));
	out[m++] = f3(25, cm1, c0, cp1);
	out[m++] = f2(26, glue, c0);
	out[m++] = f2(27, box, c0);
	out[m++] = f1(28, box);
	out[m++] = f1(29, k->posbin);
	out[m++] = f2(30, k->posbin, c0);
	out[m++] = f2(31, k->year_seen, c0);
	out[m++] = f2(32, k->sent, c0);
	out[m++] = f1(33, k->sent);
	out[m++] = f2(34, first, c0);
	out[m++] = f2(35, i + 1 == n, c0);
	out[m++] = f2(36, cm1, c0);
	out[m++] = f2(37, c0, cp1);
	out[m++] = f2(38, cat_at(t, n, i, -1), c0);
	out[m++] = f2(39, c0, cat_at(t, n, i, 1));
	out[m++] = f3(40, ssh_at(t, n, i, -1), k->sshape, ssh_at(t, n, i, 1));
	out[m++] = f3(41, k->sent, k->year_seen, c0);
	out[m++] = f2(42, k->lw, glue);
	out[m++] = f3(43, cat_at(t, n, i, -2), cat_at(t, n, i, -1), c0);
	out[m++] = f2(44, box, k->posbin);
	out[m++] = f3(45, k->year_seen, k->posbin, k->sent);
	out[m++] = f2(46, lw_at(t, n, i, -2), lw_at(t, n, i, -1));
	out[m++] = f2(47, lw_at(t, n, i, 1), lw_at(t, n, i, 2));
	out[m++] = f2(48, k->after_in, c0);
	out[m++] = f3(49, k->quote_done, k->in_quote, c0);
	out[m++] = f2(50, k->eds_seen, c0);
	out[m++] = f3(51, k->after_in, k->eds_seen, k->sent);
	out[m++] = f3(52, k->quote_done, k->year_seen, k->after_in);
	out[m++] = f1(53, k->chunk_lw);
	out[m++] = f2(54, k->chunk_cat, c0);
	out[m++] = f2(55, k->chunk_size, c0);
	out[m++] = f3(56, k->chunk_num, k->chunk_size, c0);
	out[m++] = f3(57, k->chunk_last, k->sent, k->chunk_num);
	out[m++] = f2(58, k->commas, c0);
	out[m++] = f3(59, k->chunk_size, k->chunk_num, k->in_quote);
	out[m++] = f3(60, k->chunk_cls, k->chunk_size, k->commas);
	return m;
}

/* ---- the second stage ---- */

void colo_refs_stack_init(colo_refs_stack *st, const unsigned char *y,
                          size_t n)
{
	uint32_t runs[COLO_REFS_L];
	uint32_t mask = 0;
	size_t i;

	st->y = y;
	st->before = colo_xmalloc(sizeof *st->before * (n + 1));
	st->after = colo_xmalloc(sizeof *st->after * (n + 1));
	st->nth = colo_xmalloc(n + 1);
	memset(runs, 0, sizeof runs);
	for (i = 0; i < n; i++) {
		st->before[i] = mask;
		if (y[i] != COLO_REF_NONE)
			mask |= 1u << y[i];
		if (i == 0 || y[i] != y[i - 1])
			runs[y[i]]++;
		st->nth[i] = (unsigned char)(runs[y[i]] > 3 ? 2 : runs[y[i]] - 1);
	}
	mask = 0;
	for (i = n; i-- > 0;) {
		st->after[i] = mask;
		if (y[i] != COLO_REF_NONE)
			mask |= 1u << y[i];
	}
}

void colo_refs_stack_cleanup(colo_refs_stack *st)
{
	free(st->before);
	free(st->after);
	free(st->nth);
}

static unsigned y_at(const colo_refs_stack *st, size_t n, size_t i, int off)
{
	long j = (long)i + off;
	if (j < 0)
		return 100;
	if ((size_t)j >= n)
		return 101;
	return st->y[j];
}

size_t colo_refs_stack_features(const colo_refs_tok *t, size_t n, size_t i,
                                const colo_refs_stack *st, uint64_t *out)
{
	unsigned y0 = st->y[i], l, c0 = t[i].cls;
	size_t m = 0;

	out[m++] = f1(70, y0);
	out[m++] = f1(71, y_at(st, n, i, -1));
	out[m++] = f1(72, y_at(st, n, i, 1));
	out[m++] = f1(73, y_at(st, n, i, -2));
	out[m++] = f1(74, y_at(st, n, i, 2));
	out[m++] = f2(75, y_at(st, n, i, -1), y_at(st, n, i, 1));
	out[m++] = f2(76, y0, c0);
	out[m++] = f2(77, y0, st->nth[i]);
	out[m++] = f3(78, y0, st->nth[i], t[i].sent);
	for (l = 1; l < COLO_REFS_L; l++) {
		if (st->before[i] >> l & 1)
			out[m++] = f2(79, l, y0);
		if (st->after[i] >> l & 1)
			out[m++] = f2(80, l, y0);
	}
	return m;
}

/* ---- decoding ---- */

void colo_refs_viterbi(const float *emit, const float *trans, size_t n,
                       unsigned char *bp, unsigned char *out)
{
	float cur[COLO_REFS_L], next[COLO_REFS_L];
	const float *start = trans + COLO_REFS_L * COLO_REFS_L;
	size_t i;
	unsigned a, b, best;

	if (n == 0)
		return;
	for (b = 0; b < COLO_REFS_L; b++)
		cur[b] = start[b] + emit[b];
	for (i = 1; i < n; i++) {
		const float *e = emit + i * COLO_REFS_L;
		unsigned char *p = bp + i * COLO_REFS_L;
		for (b = 0; b < COLO_REFS_L; b++) {
			float bestv = cur[0] + trans[b];
			unsigned arg = 0;
			for (a = 1; a < COLO_REFS_L; a++) {
				float v = cur[a] + trans[a * COLO_REFS_L + b];
				if (v > bestv) {
					bestv = v;
					arg = a;
				}
			}
			next[b] = bestv + e[b];
			p[b] = (unsigned char)arg;
		}
		memcpy(cur, next, sizeof cur);
	}
	best = 0;
	for (b = 1; b < COLO_REFS_L; b++)
		if (cur[b] > cur[best])
			best = b;
	out[n - 1] = (unsigned char)best;
	for (i = n - 1; i > 0; i--)
		out[i - 1] = bp[i * COLO_REFS_L + out[i]];
}

static long find_slot(const colo_ref_model *m, uint64_t key)
{
	size_t mask = m->cap - 1, j = (size_t)(key & mask);

	while (m->slots[2 * j]) {
		if (m->slots[2 * j] == key)
			return (long)j;
		j = (j + 1) & mask;
	}
	return -1;
}

/* Asks for a cache line early: the weight tables are megabytes and a
 * token's fifty lookups are independent, so their misses can overlap. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Adds the weights of features f[0..nf) in m to acc. */
static void accumulate(const colo_ref_model *m, const uint64_t *f, size_t nf,
                       int32_t *acc)
{
	uint64_t found[COLO_REFS_MAXFEAT + COLO_REFS_MAXSTACK];
	size_t k, nfound = 0;

	if (!m->cap)
		return;
	for (k = 0; k < nf; k++)
		PREFETCH(&m->slots[2 * (f[k] & (m->cap - 1))]);
	for (k = 0; k < nf; k++) {
		long s = find_slot(m, f[k]);
		if (s < 0)
			continue;
		found[nfound] = m->slots[2 * s + 1];
		PREFETCH(&m->pw[(uint32_t)found[nfound]]);
		nfound++;
	}
	for (k = 0; k < nfound; k++) {
		uint32_t p = (uint32_t)found[k];
		uint32_t end = p + (uint32_t)(found[k] >> 32);
		for (; p < end; p++) {
			int32_t x = m->pw[p];
			/* x - label is weight * 256 exactly, whatever the sign. */
			acc[x & 0xff] += (x - (x & 0xff)) / 256;
		}
	}
}

static void to_float(const int32_t *acc, float *e)
{
	unsigned l;

	for (l = 0; l < COLO_REFS_L; l++)
		e[l] = (float)acc[l];
}

void colo_refs_emit(const colo_ref_model *m, const colo_refs_tok *t, size_t n,
                    size_t from, size_t to, const colo_refs_stack *st,
                    float *emit)
{
	uint64_t feats[COLO_REFS_MAXFEAT + COLO_REFS_MAXSTACK];
	size_t i, nf;

	for (i = from; i < to; i++) {
		int32_t acc[COLO_REFS_L];

		memset(acc, 0, sizeof acc);
		nf = colo_refs_features(t, n, i, feats);
		if (st)
			nf += colo_refs_stack_features(t, n, i, st, feats + nf);
		accumulate(m, feats, nf, acc);
		to_float(acc, emit + (i - from) * COLO_REFS_L);
	}
}

static void decode_stage(const colo_ref_model *m, const colo_refs_tok *t,
                         size_t n, const colo_refs_stack *st, float *emit,
                         unsigned char *bp, unsigned char *out)
{
	size_t from;

	for (from = 0; from < n; from += COLO_REFS_WINDOW) {
		size_t to = from + COLO_REFS_WINDOW < n ? from + COLO_REFS_WINDOW
		                                        : n;
		colo_refs_emit(m, t, n, from, to, st, emit);
		colo_refs_viterbi(emit, m->trans, to - from, bp, out + from);
	}
}

/* Both stages over one window: each token's base features are hashed
 * once and looked up in both stages' tables, the second stage's scores
 * kept until the first stage's labels are known. */
static void decode_two(const colo_ref_model *m, const colo_refs_tok *t,
                       size_t n, float *emit, unsigned char *bp,
                       unsigned char *out)
{
	uint64_t feats[COLO_REFS_MAXFEAT + COLO_REFS_MAXSTACK];
	int32_t *acc2 = colo_xcalloc(n * COLO_REFS_L, sizeof *acc2);
	unsigned char *y1 = colo_xmalloc(n);
	colo_refs_stack st;
	size_t i, nf;

	for (i = 0; i < n; i++) {
		int32_t acc[COLO_REFS_L];

		memset(acc, 0, sizeof acc);
		nf = colo_refs_features(t, n, i, feats);
		accumulate(m, feats, nf, acc);
		accumulate(m->stage2, feats, nf, acc2 + i * COLO_REFS_L);
		to_float(acc, emit + i * COLO_REFS_L);
	}
	colo_refs_viterbi(emit, m->trans, n, bp, y1);
	colo_refs_stack_init(&st, y1, n);
	for (i = 0; i < n; i++) {
		nf = colo_refs_stack_features(t, n, i, &st, feats);
		accumulate(m->stage2, feats, nf, acc2 + i * COLO_REFS_L);
		to_float(acc2 + i * COLO_REFS_L, emit + i * COLO_REFS_L);
	}
	colo_refs_viterbi(emit, m->stage2->trans, n, bp, out);
	colo_refs_stack_cleanup(&st);
	free(y1);
	free(acc2);
}

void colo_refs_decode(const colo_ref_model *m, const colo_refs_tok *t,
                      size_t n, unsigned char *out)
{
	size_t w = n < COLO_REFS_WINDOW ? n : COLO_REFS_WINDOW;
	float *emit;
	unsigned char *bp, *y1;
	colo_refs_stack st;

	if (n == 0)
		return;
	emit = colo_xmalloc(sizeof *emit * COLO_REFS_L * w);
	bp = colo_xmalloc((size_t)COLO_REFS_L * w);
	if (m->stage2 && n <= COLO_REFS_WINDOW) {
		decode_two(m, t, n, emit, bp, out);
	} else {
		decode_stage(m, t, n, NULL, emit, bp, out);
		if (m->stage2) {
			y1 = colo_xmalloc(n);
			memcpy(y1, out, n);
			colo_refs_stack_init(&st, y1, n);
			decode_stage(m->stage2, t, n, &st, emit, bp, out);
			colo_refs_stack_cleanup(&st);
			free(y1);
		}
	}
	free(bp);
	free(emit);
}

bool colo_ref_label_string(const colo_ref_model *m, const char *s, size_t len,
                           colo_ref_segment **segs, size_t *nsegs,
                           colo_error *err)
{
	colo_refs_tok *t = NULL;
	unsigned char *lab = NULL;
	colo_ref_segment *out = NULL;
	size_t n = 0, i, nout = 0, cap = 0;
	bool ok = false;

	*segs = NULL;
	*nsegs = 0;
	if (!colo_refs_tokenize(s, len, &t, &n, err))
		goto done;
	if (n == 0) {
		ok = true;
		goto done;
	}
	lab = colo_xmalloc(n);
	colo_refs_decode(m, t, n, lab);
	/* Punctuation left outside between two pieces of one field ("Smith
	 * , J") belongs to that field, so a field is never cut in two by a
	 * comma the model was unsure of. */
	for (i = 1; i + 1 < n; i++) {
		size_t j = i;
		if (lab[i] != COLO_REF_NONE || lab[i - 1] == COLO_REF_NONE)
			continue;
		while (j < n && lab[j] == COLO_REF_NONE &&
		       t[j].cls <= COLO_RT_PUNCT)
			j++;
		if (j < n && j > i && lab[j] == lab[i - 1] && j - i <= 2)
			memset(lab + i, lab[i - 1], j - i);
	}
	for (i = 0; i < n; i++) {
		if (nout && out[nout - 1].label == (colo_ref_label)lab[i]) {
			out[nout - 1].end = t[i].end;
			continue;
		}
		colo_grow((void **)&out, &cap, nout + 1, sizeof *out);
		out[nout].label = (colo_ref_label)lab[i];
		out[nout].start = t[i].start;
		out[nout].end = t[i].end;
		nout++;
	}
	*segs = out;
	*nsegs = nout;
	out = NULL;
	ok = true;
done:
	free(out);
	free(lab);
	free(t);
	return ok;
}

/* ---- the model file ---- */

void colo_ref_model_destroy(colo_ref_model *m)
{
	if (!m)
		return;
	colo_ref_model_destroy(m->stage2);
	free(m->slots);
	if (!m->borrowed)
		free((void *)m->pw);
	free(m);
}

typedef struct cursor {
	const char *p, *end;
	unsigned line;
} cursor;

/* The next line without its newline; false at the end. */
static bool next_line(cursor *c, const char **ls, size_t *ll)
{
	const char *e;

	if (c->p >= c->end)
		return false;
	e = memchr(c->p, '\n', (size_t)(c->end - c->p));
	if (!e)
		e = c->end;
	*ls = c->p;
	*ll = (size_t)(e - c->p);
	if (*ll && (*ls)[*ll - 1] == '\r')
		(*ll)--;
	c->p = e < c->end ? e + 1 : e;
	c->line++;
	return true;
}

/* Reads an unsigned hexadecimal or decimal number and the spaces after it. */
static bool read_num(const char **p, const char *end, unsigned base,
                     bool neg_ok, long long *out)
{
	const char *q = *p;
	bool neg = false;
	unsigned long long v = 0;
	int digits = 0;

	if (neg_ok && q < end && *q == '-') {
		neg = true;
		q++;
	}
	while (q < end) {
		int d;
		if (*q >= '0' && *q <= '9')
			d = *q - '0';
		else if (base == 16 && *q >= 'a' && *q <= 'f')
			d = *q - 'a' + 10;
		else
			break;
		/* Hashes have at most 12 hex digits, weights fewer than 11
		 * decimal ones: stopping there keeps v from overflowing. */
		if (digits == (base == 16 ? 12 : 10))
			return false;
		v = v * base + (unsigned)d;
		digits++;
		q++;
	}
	if (!digits || (base == 10 && v > 0x7fffffffULL))
		return false;
	if (base == 16 && v > COLO_REFS_HASH_MASK)
		return false;
	while (q < end && *q == ' ')
		q++;
	*p = q;
	*out = neg ? -(long long)v : (long long)v;
	return true;
}

static bool read_word(const char **p, const char *end, char *buf, size_t cap)
{
	size_t n = 0;

	while (*p < end && **p != ' ') {
		if (n + 1 >= cap)
			return false;
		buf[n++] = *(*p)++;
	}
	buf[n] = 0;
	while (*p < end && **p == ' ')
		(*p)++;
	return n > 0;
}

/* False when the key is there already. */
static bool insert_key(colo_ref_model *m, uint64_t key, uint32_t first,
                       unsigned char nw)
{
	size_t mask = m->cap - 1, j = (size_t)(key & mask);

	while (m->slots[2 * j]) {
		if (m->slots[2 * j] == key)
			return false;
		j = (j + 1) & mask;
	}
	m->slots[2 * j] = key;
	m->slots[2 * j + 1] = first | (uint64_t)nw << 32;
	return true;
}

#define MODEL_MAGIC "colophon-refs-model 1"

/* Reads one stage's lines, up to and including its "end". */
static bool load_stage(cursor *c, size_t len, colo_ref_model *m,
                       colo_error *err)
{
	const char *ls = NULL, *p = NULL, *e;
	size_t ll, nfeat = 0, npairs = 0, pcap, fi = 0;
	colo_ref_label map[COLO_REFS_L + 1];
	unsigned nlab = 0, l;
	bool have_labels = false;
	char word[64];
	long long v;
	int32_t *pw;

	/* A weight takes at least four bytes (" 1:5"), so this many never
	 * run out. */
	pcap = len / 4 + 1;
	pw = colo_xmalloc(pcap * sizeof *pw);
	m->pw = pw;
	while (next_line(c, &ls, &ll)) {
		p = ls;
		e = ls + ll;
		if (ll == 0 || *p == '#')
			continue;
		if (!read_word(&p, e, word, sizeof word))
			goto bad;
		if (strcmp(word, "labels") == 0) {
			while (p < e) {
				if (nlab >= COLO_REFS_L ||
				    !read_word(&p, e, word, sizeof word))
					goto bad;
				map[nlab] = colo_ref_label_parse(word);
				if (map[nlab] == COLO_REF_NLABELS ||
				    strcmp(colo_ref_label_name(map[nlab]),
				           word) != 0)
					goto bad;
				nlab++;
			}
			have_labels = nlab > 0;
		} else if (strcmp(word, "features") == 0) {
			if (!read_num(&p, e, 10, false, &v) || p != e ||
			    m->slots)
				goto bad;
			nfeat = (size_t)v;
			for (m->cap = 16; m->cap < nfeat * 2 + 2; m->cap *= 2)
				;
			m->slots = colo_xcalloc(m->cap * 2, sizeof *m->slots);
		} else if (strcmp(word, "t") == 0) {
			unsigned from;
			if (!have_labels || !read_word(&p, e, word, sizeof word))
				goto bad;
			if (strcmp(word, "start") == 0) {
				from = COLO_REFS_L;
			} else {
				colo_ref_label fl = colo_ref_label_parse(word);
				if (fl == COLO_REF_NLABELS)
					goto bad;
				from = (unsigned)fl;
			}
			for (l = 0; l < nlab; l++) {
				if (!read_num(&p, e, 10, true, &v))
					goto bad;
				m->trans[from * COLO_REFS_L + map[l]] = (float)v;
			}
			if (p != e)
				goto bad;
		} else if (strcmp(word, "f") == 0) {
			uint64_t key;
			unsigned char cnt = 0;
			if (!m->slots || fi >= nfeat || !have_labels ||
			    !read_num(&p, e, 16, false, &v) || v == 0)
				goto bad;
			key = (uint64_t)v;
			while (p < e) {
				long long li, w;
				if (!read_num(&p, e, 10, false, &li) ||
				    li >= nlab || p >= e || *p != ':')
					goto bad;
				p++;
				if (!read_num(&p, e, 10, true, &w) ||
				    cnt == COLO_REFS_L || w > COLO_REFS_MAXW ||
				    w < -COLO_REFS_MAXW)
					goto bad;
				if (npairs == pcap)
					goto bad; /* cannot happen: see pcap */
				pw[npairs] = (int32_t)(w * 256) + (int32_t)map[li];
				npairs++;
				cnt++;
			}
			if (!insert_key(m, key, (uint32_t)(npairs - cnt), cnt))
				goto bad; /* the same feature twice */
			fi++;
		} else if (strcmp(word, "end") == 0) {
			if (fi != nfeat)
				goto bad;
			m->nfeat = nfeat;
			m->npairs = npairs;
			return true;
		} else {
			goto bad;
		}
	}
	colo_error_set_at(err, COLO_EINPUT, c->line, 0,
	                  "reference model ends early (no 'end' line)");
	return false;
bad:
	colo_error_set_at(err, COLO_EINPUT, c->line, (unsigned)(p - ls) + 1,
	                  "malformed reference model line");
	return false;
}

bool colo_ref_model_load(const char *data, size_t len, colo_ref_model **out,
                         colo_error *err)
{
	colo_ref_model *m = NULL;
	cursor c = {data, data + len, 0};
	const char *ls;
	size_t ll;
	bool ok = false;

	*out = NULL;
	m = colo_xcalloc(1, sizeof *m);
	if (!next_line(&c, &ls, &ll) || ll != strlen(MODEL_MAGIC) ||
	    memcmp(ls, MODEL_MAGIC, ll) != 0) {
		colo_error_set_at(err, COLO_EINPUT, 1, 1,
		                  "not a reference model (expected '%s')",
		                  MODEL_MAGIC);
		goto done;
	}
	if (!load_stage(&c, len, m, err))
		goto done;
	/* After the first stage: nothing, or "stage2" and a second stage. */
	while (next_line(&c, &ls, &ll)) {
		if (ll == 0 || *ls == '#')
			continue;
		if (ll != 6 || memcmp(ls, "stage2", 6) != 0 || m->stage2) {
			colo_error_set_at(err, COLO_EINPUT, c.line, 1,
			                  "malformed reference model line");
			goto done;
		}
		m->stage2 = colo_xcalloc(1, sizeof *m->stage2);
		if (!load_stage(&c, len, m->stage2, err))
			goto done;
	}
	ok = true;
done:
	if (!ok) {
		colo_ref_model_destroy(m);
		m = NULL;
	}
	*out = m;
	return ok;
}

/* ---- the default model ---- */

static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static colo_ref_model *default_model;
static colo_error default_err;

static void load_default(void)
{
	const char *path = getenv("COLOPHON_REFS_MODEL");

	if (path && *path) {
		size_t len = 0;
		char *data = colo_read_file(path, &len);
		if (!data) {
			colo_error_set(&default_err, COLO_EINPUT,
			               "%s: cannot read reference model", path);
			return;
		}
		/* The position goes into the message, not the error's
		 * line and column: callers print those as a position in
		 * their own input. */
		if (!colo_ref_model_load(data, len, &default_model,
		                         &default_err)) {
			colo_error e = default_err;
			colo_error_set(&default_err, COLO_EINPUT,
			               "%s:%u:%u: %s", path, e.line, e.col,
			               e.message);
		}
		free(data);
		return;
	}
	default_model = colo_refs_model_embedded();
	if (!default_model)
		colo_error_set(&default_err, COLO_EINPUT,
		               "no reference model: set COLOPHON_REFS_MODEL");
}

colo_ref_model *colo_refs_model_embedded(void)
{
#ifdef COLO_REFS_NO_EMBED
	return NULL;
#else
	colo_ref_model *first = NULL, **slot = &first;
	size_t st, i, l;

	for (st = 0; st < colo_refs_embedded_nstages; st++) {
		const colo_refs_embedded_stage *e = &colo_refs_embedded_stages[st];
		colo_ref_model *m = colo_xcalloc(1, sizeof *m);
		uint32_t at = 0;

		for (l = 0; l < (COLO_REFS_L + 1) * COLO_REFS_L; l++)
			m->trans[l] = (float)e->trans[l];
		for (m->cap = 16; m->cap < e->nfeat * 2 + 2; m->cap *= 2)
			;
		m->slots = colo_xcalloc(m->cap * 2, sizeof *m->slots);
		for (i = 0; i < e->nfeat; i++) {
			unsigned char cnt = (unsigned char)(e->feats[i] >> 56);
			insert_key(m, e->feats[i] & COLO_REFS_HASH_MASK, at, cnt);
			at += cnt;
		}
		m->pw = e->pw;
		m->borrowed = true;
		m->nfeat = e->nfeat;
		m->npairs = e->npairs;
		*slot = m;
		slot = &m->stage2;
	}
	return first;
#endif
}

const colo_ref_model *colo_ref_model_default(colo_error *err)
{
	pthread_once(&default_once, load_default);
	if (!default_model && err)
		*err = default_err;
	return default_model;
}
