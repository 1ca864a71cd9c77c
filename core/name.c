/* name.c - personal names: parsing into parts, display, keys and matching.
 *
 * Parsing follows BibTeX's rules where they apply (a "von" part is the run
 * of lower-case words before the family name; "Family, Jr., Given") and
 * reads natural order ("Robert Farley", "R. J. Farley") otherwise.  It does
 * not guess at organisations: callers that know a name is corporate set
 * `literal` themselves. */
#include "colophon/name.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"

void colo_name_init(colo_name *n)
{
	memset(n, 0, sizeof *n);
}

void colo_name_cleanup(colo_name *n)
{
	if (!n)
		return;
	free(n->given);
	free(n->family);
	free(n->particle);
	free(n->suffix);
	free(n->literal);
	memset(n, 0, sizeof *n);
}

void colo_name_copy(colo_name *dst, const colo_name *src)
{
	dst->given = colo_xstrdup(src->given);
	dst->family = colo_xstrdup(src->family);
	dst->particle = colo_xstrdup(src->particle);
	dst->suffix = colo_xstrdup(src->suffix);
	dst->literal = colo_xstrdup(src->literal);
}

typedef struct word {
	const char *p;
	size_t len;
} word;

#define MAX_WORDS 32

static size_t split_words(const char *s, size_t len, word *w, size_t max)
{
	size_t n = 0, i = 0;

	while (i < len && n < max) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		                   s[i] == '\r'))
			i++;
		if (i >= len)
			break;
		w[n].p = s + i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		       s[i] != '\r')
			i++;
		w[n].len = (size_t)(s + i - w[n].p);
		n++;
	}
	return n;
}

static bool word_is(const word *w, const char *const *list)
{
	for (; *list; list++) {
		size_t l = strlen(*list);

		if (w->len == l && strncmp(w->p, *list, l) == 0)
			return true;
	}
	return false;
}

static const char *const suffixes[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III",
                                       "IV", "V", "Jnr", "Snr", NULL};

static bool is_suffix(const char *s, size_t len)
{
	size_t tl;
	const char *t = colo_text_trim(s, len, &tl);
	word w = {t, tl};

	return word_is(&w, suffixes);
}

/* A particle is a word that starts with a lower-case ASCII letter (BibTeX's
 * rule), such as "van", "de", "von", "da", "al-". */
static bool is_particle(const word *w)
{
	return w->len && w->p[0] >= 'a' && w->p[0] <= 'z';
}

static char *join(const word *w, size_t from, size_t to)
{
	if (from >= to)
		return NULL;
	return colo_xstrndup(w[from].p,
	                     (size_t)(w[to - 1].p + w[to - 1].len - w[from].p));
}

/* Natural order: "Given ... von ... Family [Suffix]". */
static void parse_natural(const char *s, size_t len, colo_name *out)
{
	word w[MAX_WORDS];
	size_t n = split_words(s, len, w, MAX_WORDS);
	size_t fam, von;

	while (n > 1 && word_is(&w[n - 1], suffixes) && !out->suffix) {
		out->suffix = colo_xstrndup(w[n - 1].p, w[n - 1].len);
		n--;
	}
	if (n == 0)
		return;
	fam = n - 1;
	/* The family name may hold several words when a particle run precedes
	 * them ("de la Fontaine"): the von part is the lower-case run. */
	von = fam;
	for (size_t i = 1; i < fam; i++)
		if (is_particle(&w[i])) {
			von = i;
			break;
		}
	if (von < fam) {
		size_t end = von;

		while (end < fam && is_particle(&w[end]))
			end++;
		out->given = join(w, 0, von);
		out->particle = join(w, von, end);
		out->family = join(w, end, n);
	} else {
		out->given = join(w, 0, fam);
		out->family = join(w, fam, n);
	}
}

/* Family part of the inverted form: "van Gogh" → particle + family. */
static void parse_family_part(const char *s, size_t len, colo_name *out)
{
	word w[MAX_WORDS];
	size_t n = split_words(s, len, w, MAX_WORDS);
	size_t end = 0;

	while (end + 1 < n && is_particle(&w[end]))
		end++;
	out->particle = join(w, 0, end);
	out->family = join(w, end, n);
}

void colo_name_parse(const char *s, size_t len, colo_name *out)
{
	const char *c1, *c2;
	size_t tl;

	colo_name_init(out);
	s = colo_text_trim(s, len, &tl);
	len = tl;
	if (!len)
		return;
	c1 = memchr(s, ',', len);
	c2 = c1 ? memchr(c1 + 1, ',', len - (size_t)(c1 + 1 - s)) : NULL;
	if (!c1) {
		parse_natural(s, len, out);
	} else if (!c2) {
		const char *rest = c1 + 1;
		size_t restlen = len - (size_t)(rest - s);

		if (is_suffix(rest, restlen)) {
			/* "Martin Luther King, Jr." */
			const char *t = colo_text_trim(rest, restlen, &tl);

			out->suffix = colo_xstrndup(t, tl);
			parse_natural(s, (size_t)(c1 - s), out);
		} else {
			/* "Farley, Robert" */
			const char *t = colo_text_trim(rest, restlen, &tl);

			parse_family_part(s, (size_t)(c1 - s), out);
			out->given = tl ? colo_xstrndup(t, tl) : NULL;
		}
	} else {
		/* "King, Jr., Martin Luther" */
		const char *t;

		parse_family_part(s, (size_t)(c1 - s), out);
		t = colo_text_trim(c1 + 1, (size_t)(c2 - c1 - 1), &tl);
		out->suffix = tl ? colo_xstrndup(t, tl) : NULL;
		t = colo_text_trim(c2 + 1, len - (size_t)(c2 + 1 - s), &tl);
		out->given = tl ? colo_xstrndup(t, tl) : NULL;
	}
	if (!out->family && !out->given)
		out->literal = colo_xstrndup(s, len);
}

static const struct {
	const char *word;
	const char *norm;
} honorifics[] = {
	{"Lt. Gen.", "Lt. Gen."}, {"Maj. Gen.", "Maj. Gen."},
	{"Brig. Gen.", "Brig. Gen."}, {"Lt. Col.", "Lt. Col."},
	{"Rear Adm.", "Rear Adm."}, {"Vice Adm.", "Vice Adm."},
	{"Lieutenant General", "Lt. Gen."}, {"Major General", "Maj. Gen."},
	{"Brigadier General", "Brig. Gen."}, {"Lieutenant Colonel", "Lt. Col."},
	{"Rear Admiral", "Rear Adm."}, {"Vice Admiral", "Vice Adm."},
	{"Professor", "Prof."}, {"Prof.", "Prof."}, {"Prof", "Prof."},
	{"Dr.", "Dr."}, {"Dr", "Dr."}, {"Doctor", "Dr."},
	{"Mr.", "Mr."}, {"Mr", "Mr."}, {"Mrs.", "Mrs."}, {"Mrs", "Mrs."},
	{"Ms.", "Ms."}, {"Ms", "Ms."}, {"Mx.", "Mx."}, {"Miss", "Miss"},
	{"Sir", "Sir"}, {"Dame", "Dame"}, {"Rev.", "Rev."},
	{"Reverend", "Rev."}, {"Hon.", "Hon."}, {"Amb.", "Amb."},
	{"Ambassador", "Amb."}, {"General", "Gen."}, {"Gen.", "Gen."},
	{"Admiral", "Adm."}, {"Adm.", "Adm."}, {"Colonel", "Col."},
	{"Col.", "Col."}, {"Major", "Maj."}, {"Maj.", "Maj."},
	{"Captain", "Capt."}, {"Capt.", "Capt."}, {"Commander", "Cmdr."},
	{"Cmdr.", "Cmdr."}, {"Lieutenant", "Lt."}, {"Lt.", "Lt."},
	{"Sergeant", "Sgt."}, {"Sgt.", "Sgt."},
};

size_t colo_name_split_honorific(const char *s, size_t len, char **honorific)
{
	size_t lead = 0;

	*honorific = NULL;
	while (lead < len && s[lead] == ' ')
		lead++;
	for (size_t i = 0; i < sizeof honorifics / sizeof honorifics[0]; i++) {
		size_t l = strlen(honorifics[i].word);

		/* Must be followed by a space and then a capital letter, so
		 * "Major" in "Major Tom" is taken but "Drake" is not "Dr". */
		if (lead + l + 1 < len && strncmp(s + lead, honorifics[i].word, l) == 0 &&
		    s[lead + l] == ' ' && s[lead + l + 1] >= 'A' &&
		    s[lead + l + 1] <= 'Z') {
			*honorific = colo_xstrdup(honorifics[i].norm);
			return lead + l + 1;
		}
	}
	return 0;
}

char *colo_name_display(const colo_name *n)
{
	colo_buf b;

	if (n->literal)
		return colo_xstrdup(n->literal);
	colo_buf_init(&b, 0);
	if (n->given)
		colo_buf_puts(&b, n->given);
	if (n->particle)
		colo_buf_printf(&b, "%s%s", b.len ? " " : "", n->particle);
	if (n->family)
		colo_buf_printf(&b, "%s%s", b.len ? " " : "", n->family);
	if (n->suffix)
		colo_buf_printf(&b, "%s%s", b.len ? " " : "", n->suffix);
	return colo_buf_steal(&b);
}

char *colo_name_family_norm(const colo_name *n)
{
	colo_buf b;
	char *out;

	colo_buf_init(&b, 0);
	if (n->literal && !n->family) {
		colo_buf_puts(&b, n->literal);
	} else {
		if (n->particle)
			colo_buf_printf(&b, "%s ", n->particle);
		if (n->family)
			colo_buf_puts(&b, n->family);
	}
	out = colo_text_normkey(colo_buf_cstr(&b), b.len);
	colo_buf_cleanup(&b);
	return out;
}

char *colo_name_key(const colo_name *n)
{
	char *fam = colo_name_family_norm(n);
	char *given = n->given ? colo_text_normkey(n->given, strlen(n->given))
	                       : colo_xstrdup("");
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "name:%s|%s", fam, given);
	free(fam);
	free(given);
	return colo_buf_steal(&b);
}

/* "r" and "robert" are compatible; so are equal words. */
static bool given_word_compatible(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la == 1 || lb == 1)
		return a[0] == b[0];
	return strcmp(a, b) == 0;
}

bool colo_name_matches(const colo_name *query, const colo_name *stored)
{
	char *qf = colo_name_family_norm(query);
	char *sf = colo_name_family_norm(stored);
	bool ok = *qf && strcmp(qf, sf) == 0;

	free(qf);
	free(sf);
	if (ok && query->given && stored->given) {
		char **qt, **st;
		size_t nq, ns;

		colo_text_tokens(query->given, strlen(query->given), &qt, &nq);
		colo_text_tokens(stored->given, strlen(stored->given), &st, &ns);
		for (size_t i = 0; i < nq && i < ns && ok; i++)
			ok = given_word_compatible(qt[i], st[i]);
		for (size_t i = 0; i < nq; i++)
			free(qt[i]);
		for (size_t i = 0; i < ns; i++)
			free(st[i]);
		free(qt);
		free(st);
	}
	return ok;
}
