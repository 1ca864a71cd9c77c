/* bio.c - the author-bio importer.
 *
 * Reads an English author bio — a bare paragraph, a page of contributor
 * bios, or a whole article whose "About the Author" section holds one — and
 * returns the people it describes with their degrees, affiliations, roles,
 * books and the periodicals they write for.  Every value carries the byte
 * span of the text it came from.
 *
 * How: the text is cut into blocks (an "About the Author" section, or
 * paragraphs), each block into sentences (abbreviations such as "Dr." and
 * "Ph. D." do not end one), and each sentence is read by small extractors
 * that look for the shapes bios use ("received his BS from X in 1997",
 * "is the author of T (Publisher, 2014)", "has written for A, B, and C",
 * "is a founder and editor of V").  A paragraph that opens with a pronoun
 * or the family name ("She ...", "Professor Tallis ...") goes on about the
 * person before it.  Everything is a forward scan over the bytes, each
 * look-ahead bounded, so time is linear in the input; sentences over
 * COLO_BIO_MAX_SENT_BYTES and anything past a cap (bio_priv.h) become
 * diagnostics in the batch.
 *
 * Not here: storing (the store does that), reader comments and pingbacks
 * (an article's other parts are the article importer's job). */
#include <stdlib.h>
#include <string.h>

#include "bio_priv.h"
#include "colophon/buf.h"
#include "colophon/importer.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/text.h"

/* ---- small text helpers ------------------------------------------------ */

/* A range of the working text; offsets equal offsets into the input. */
typedef struct range {
	size_t start, end;
} range;

typedef struct ctx {
	const char *t; /* working copy of the input, NUL bytes turned to spaces */
	size_t len;
	colo_batch *b;
	long person; /* current person in the block, or -1 */
	size_t nsentences;
	/* Counts of links and works when the block began: everything after
	 * them belongs to the block's person. */
	size_t link_base, work_base;
	/* Per venue index, the last person given a writes-for link to it (or
	 * -1): keeps the duplicate check constant-time. */
	long *writer;
	size_t nwriter;
	/* Whether the current sentence mentions a blog (-1: not yet known). */
	int blog;
	size_t sent_end; /* end of the sentence being read */
	/* The person of the last block that had one (-1: none), whom a
	 * paragraph opening "She ..." or "Professor Tallis ..." goes on
	 * about; whether the block made its person; whether the sentence
	 * is the block's first. */
	long prev;
	bool created;
	bool first_sentence;
	/* Caps already reported (CAP_* bits), and a line/column cursor that
	 * moves forward with the reading so positions cost nothing extra. */
	unsigned caps;
	size_t lc_pos;
	unsigned lc_line, lc_col;
	/* For HTML input: the input as given and where each byte of the
	 * text being read came from (NULL for plain text). */
	const char *orig;
	size_t orig_len;
	const colo_bio_html *html;
} ctx;

enum { CAP_SENTENCES = 1, CAP_PEOPLE = 2, CAP_WORKS = 4, CAP_VENUES = 8 };

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static bool is_upper(char c)
{
	/* Non-ASCII lead bytes count as capitals: names such as Øyvind or
	 * Ángel start with one, and lower-case non-ASCII initials are rare. */
	return (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0xC0;
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_word_char(char c)
{
	return is_upper(c) || is_lower(c) || is_digit(c) ||
	       (unsigned char)c >= 0x80 || c == '\'' || c == '-';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive match of the NUL-terminated `w` at t[p..end), as whole
 * words (not inside a longer word on either side). */
static bool match_at(const ctx *c, size_t p, size_t end, const char *w)
{
	size_t n;

	/* most calls fail on the first or second byte: compare as we go
	 * rather than measuring w first */
	if (p >= end || lower(c->t[p]) != lower(w[0]))
		return false;
	for (n = 1; w[n]; n++)
		if (p + n >= end || lower(c->t[p + n]) != lower(w[n]))
			return false;
	if (p > 0 && is_word_char(c->t[p - 1]) && is_word_char(w[0]))
		return false;
	if (p + n < c->len && is_word_char(c->t[p + n]) && is_word_char(w[n - 1]))
		return false;
	return true;
}

/* First whole-word match of w in [from, end); returns its start or
 * (size_t)-1. */
static size_t find(const ctx *c, size_t from, size_t end, const char *w)
{
	char first = lower(w[0]);

	for (size_t p = from; p < end; p++)
		if (lower(c->t[p]) == first && match_at(c, p, end, w))
			return p;
	return (size_t)-1;
}

#define NOTFOUND ((size_t)-1)

static size_t skip_spaces(const ctx *c, size_t p, size_t end)
{
	while (p < end && is_space(c->t[p]))
		p++;
	return p;
}

static range trim(const ctx *c, range r)
{
	while (r.start < r.end && (is_space(c->t[r.start]) ||
	                           c->t[r.start] == ',' || c->t[r.start] == ';'))
		r.start++;
	while (r.end > r.start &&
	       (is_space(c->t[r.end - 1]) || c->t[r.end - 1] == ',' ||
	        c->t[r.end - 1] == ';' || c->t[r.end - 1] == '.' ||
	        c->t[r.end - 1] == ':'))
		r.end--;
	return r;
}

/* Removes a leading word (case-insensitive) and the spaces after it, when
 * a capital follows: "the journal Grid Policy" is "Grid Policy", but "the
 * Journal of Grid Policy" keeps its words. */
static range drop_word(const ctx *c, range r, const char *w)
{
	if (match_at(c, r.start, r.end, w)) {
		size_t q = skip_spaces(c, r.start + strlen(w), r.end);

		if (q < r.end && is_upper(c->t[q]))
			r.start = q;
	}
	return r;
}

/* Removes surrounding quotes (straight or curly) and italics markers. */
static range strip_quotes(const ctx *c, range r)
{
	static const char *const open[] = {"\xe2\x80\x9c", "\xe2\x80\x98", "\"",
	                                   "'", "_", "*", NULL};
	static const char *const close[] = {"\xe2\x80\x9d", "\xe2\x80\x99", "\"",
	                                    "'", "_", "*", NULL};

	for (int i = 0; open[i]; i++) {
		size_t lo = strlen(open[i]), lc = strlen(close[i]);

		if (r.end - r.start > lo + lc &&
		    memcmp(c->t + r.start, open[i], lo) == 0 &&
		    memcmp(c->t + r.end - lc, close[i], lc) == 0) {
			r.start += lo;
			r.end -= lc;
			return trim(c, r);
		}
	}
	return r;
}

/* A heap copy of the range with whitespace squashed. */
static char *copy(const ctx *c, range r)
{
	return colo_text_squash(c->t + r.start, r.end - r.start);
}

/* A four-digit year 1500-2099 starting at p (not part of a longer number). */
static int year_at(const ctx *c, size_t p, size_t end)
{
	int y;

	if (p + 4 > end || (p > 0 && is_digit(c->t[p - 1])))
		return 0;
	for (int i = 0; i < 4; i++)
		if (!is_digit(c->t[p + i]))
			return 0;
	if (p + 4 < end && is_digit(c->t[p + 4]))
		return 0;
	y = (c->t[p] - '0') * 1000 + (c->t[p + 1] - '0') * 100 +
	    (c->t[p + 2] - '0') * 10 + (c->t[p + 3] - '0');
	return y >= 1500 && y <= 2099 ? y : 0;
}

/* First year in [from, end); its position in *at when found. */
static int find_year(const ctx *c, size_t from, size_t end, size_t *at)
{
	for (size_t p = from; p + 4 <= end; p++) {
		int y = year_at(c, p, end);

		if (y) {
			if (at)
				*at = p;
			return y;
		}
	}
	return 0;
}

/* The venue/organisation naming rule for running text: a leading
 * lower-case "the" is dropped ("the American Prospect" → "American
 * Prospect") unless one word remains, where it is part of the name ("the
 * Diplomat" → "The Diplomat"). */
static char *name_from_text(const ctx *c, range r)
{
	colo_buf b;

	r = trim(c, strip_quotes(c, trim(c, r)));
	if (match_at(c, r.start, r.end, "the ") || match_at(c, r.start, r.end, "the")) {
		size_t rest = skip_spaces(c, r.start + 3, r.end);
		bool one_word = true;

		for (size_t p = rest; p < r.end; p++)
			if (is_space(c->t[p]))
				one_word = false;
		if (c->t[r.start] == 't' && !one_word) {
			r.start = rest;
		} else if (c->t[r.start] == 't') {
			char *tail = copy(c, (range){rest, r.end});

			colo_buf_init(&b, 0);
			colo_buf_printf(&b, "The %s", tail);
			free(tail);
			return colo_buf_steal(&b);
		}
	}
	return copy(c, r);
}

/* A title as written, with a leading lower-case article capitalised
 * ("the Battleship Book" → "The Battleship Book"). */
static char *title_from_text(const ctx *c, range r)
{
	char *s = copy(c, trim(c, strip_quotes(c, trim(c, r))));

	if (is_lower(s[0]) &&
	    (strncmp(s, "the ", 4) == 0 || strncmp(s, "a ", 2) == 0 ||
	     strncmp(s, "an ", 3) == 0))
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

/* ---- diagnostics ------------------------------------------------------- */

/* Finds the position of byte `at` for a diagnostic (line and column are
 * 1-based, the column counted in bytes).  Past COLO_BIO_MAX_DIAGS
 * diagnostics it only counts the skip and returns false. */
static bool diag_at(ctx *c, size_t at, unsigned *line, unsigned *col)
{
	/* positions are the input's, also when it was HTML */
	const char *t = c->html ? c->orig : c->t;
	size_t n = c->html ? c->orig_len : c->len;

	if (c->b->ndiags >= COLO_BIO_MAX_DIAGS) {
		c->b->skipped++;
		return false;
	}
	if (c->html)
		at = c->html->from[at < c->html->len ? at : c->html->len];
	if (at < c->lc_pos) {
		c->lc_pos = 0;
		c->lc_line = c->lc_col = 1;
	}
	for (; c->lc_pos < at && c->lc_pos < n; c->lc_pos++) {
		if (t[c->lc_pos] == '\n') {
			c->lc_line++;
			c->lc_col = 1;
		} else {
			c->lc_col++;
		}
	}
	*line = c->lc_line;
	*col = c->lc_col;
	return true;
}

/* Reports a cap the first time it is reached; returns true when it is. */
static bool cap_reached(ctx *c, unsigned cap, size_t count, size_t at)
{
	unsigned line, col;

	if (cap == CAP_SENTENCES ? count < COLO_BIO_MAX_SENTENCES
	    : cap == CAP_PEOPLE  ? count < COLO_BIO_MAX_PEOPLE
	    : cap == CAP_WORKS   ? count < COLO_BIO_MAX_WORKS
	                         : count < COLO_BIO_MAX_VENUES)
		return false;
	if (c->caps & cap)
		return true;
	c->caps |= cap;
	if (!diag_at(c, at, &line, &col))
		return true;
	switch (cap) {
	case CAP_SENTENCES:
		colo_batch_diag(c->b, line, col,
		                "more than %d sentences; the rest not read",
		                COLO_BIO_MAX_SENTENCES);
		break;
	case CAP_PEOPLE:
		colo_batch_diag(c->b, line, col, "more than %d people; the rest not read",
		                COLO_BIO_MAX_PEOPLE);
		break;
	case CAP_WORKS:
		colo_batch_diag(c->b, line, col, "more than %d books; the rest not read",
		                COLO_BIO_MAX_WORKS);
		break;
	default:
		colo_batch_diag(c->b, line, col,
		                "more than %d periodicals and organisations; the rest "
		                "not read",
		                COLO_BIO_MAX_VENUES);
		break;
	}
	return true;
}

/* ---- blocks and sentences -------------------------------------------- */

/* Words before a '.' that do not end a sentence. */
static const char *const abbreviations[] = {
	"Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "St", "Jr", "Sr", "Ph", "Rev",
	"Gen", "Col", "Lt", "Capt", "Cmdr", "Maj", "Sgt", "Adm", "Amb", "Hon",
	"Gov", "Sen", "Rep", "Ret", "Inc", "Co", "Corp", "Ltd", "No", "vs",
	"etc", "e.g", "i.e", "Univ", "Dept", "Mt", "Ave", "Jan", "Feb", "Mar",
	"Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "ed",
	"eds", "Vol", "vol", "pp", "cf", "al", "approx", "Fr", "Sgt", "Brig",
	NULL,
};

/* Does the '.' at p end a sentence? */
static bool sentence_end(const ctx *c, size_t p, size_t end)
{
	size_t w = p, q = p + 1;

	/* Abbreviations are short words: looking back further than this
	 * would make a long run of dots ("a.a.a.a...") quadratic. */
	while (w > 0 && p - w < 32 && !is_space(c->t[w - 1]) && c->t[w - 1] != '(')
		w--;
	/* "U.S." "Ph.D." "B.A.": a dot inside the word means an abbreviation,
	 * and so does a single capital ("R." in "R. Farley", "D." in
	 * "Ph. D."). */
	if (memchr(c->t + w, '.', p - w))
		return false;
	if (p - w == 1 && is_upper(c->t[w]))
		return false;
	for (int i = 0; abbreviations[i]; i++) {
		size_t n = strlen(abbreviations[i]);

		if (p - w == n && memcmp(c->t + w, abbreviations[i], n) == 0)
			return false;
	}
	/* A sentence ends only before a space (or the end) and a capital,
	 * digit, quote or bracket. */
	while (q < end && (c->t[q] == '"' || c->t[q] == ')' || c->t[q] == '\''))
		q++;
	if (q >= end)
		return true;
	if (!is_space(c->t[q]))
		return false;
	q = skip_spaces(c, q, end);
	return q >= end || !is_lower(c->t[q]);
}

typedef void (*sentence_fn)(ctx *c, range s);

/* Calls fn for each sentence in r (capped, see bio_priv.h). */
static void each_sentence(ctx *c, range r, sentence_fn fn)
{
	size_t start = skip_spaces(c, r.start, r.end), open_at = 0;
	int depth = 0;

	for (size_t p = start; p < r.end; p++) {
		char ch = c->t[p];
		bool cut = false;

		/* A bracket left open for this long was a stray one: stop
		 * letting it hold the sentence together. */
		if (depth > 0 && p - open_at > 400)
			depth = 0;
		if (ch == '(' && depth++ == 0)
			open_at = p;
		else if (ch == ')' && depth > 0)
			depth--;
		else if ((ch == '.' || ch == '!' || ch == '?') && depth == 0)
			cut = ch != '.' || sentence_end(c, p, r.end);
		else if (ch == '\n' && p + 1 < r.end && c->t[p + 1] == '\n')
			cut = true;
		if (cut) {
			if (p + 1 > start &&
			    !cap_reached(c, CAP_SENTENCES, c->nsentences, start)) {
				c->nsentences++;
				fn(c, (range){start, p + 1});
			}
			start = skip_spaces(c, p + 1, r.end);
			p = start ? start - 1 : 0;
			depth = 0;
		}
	}
	if (start < r.end &&
	    !cap_reached(c, CAP_SENTENCES, c->nsentences, start)) {
		c->nsentences++;
		fn(c, (range){start, r.end});
	}
}

/* ---- people ------------------------------------------------------------ */

static const char *const particles[] = {"van", "von", "de", "der", "den",
                                        "da", "di", "du", "la", "le", "del",
                                        "della", "dos", "das", "ter", "ten",
                                        "bin", "al", "ibn", "af", NULL};

static bool is_particle_at(const ctx *c, size_t p, size_t end, size_t *len)
{
	for (int i = 0; particles[i]; i++) {
		size_t n = strlen(particles[i]);

		if (p + n + 1 < end && memcmp(c->t + p, particles[i], n) == 0 &&
		    c->t[p + n] == ' ') {
			size_t q = p + n + 1;

			if (is_upper(c->t[q])) {
				*len = n;
				return true;
			}
			/* "van der Berg", "de la Cruz": two particles */
			for (int j = 0; particles[j]; j++) {
				size_t m = strlen(particles[j]);

				if (q + m + 1 < end && memcmp(c->t + q, particles[j], m) == 0 &&
				    c->t[q + m] == ' ' && is_upper(c->t[q + m + 1])) {
					*len = n + 1 + m;
					return true;
				}
			}
		}
	}
	return false;
}

/* Words that start sentences but never names. */
static const char *const not_names[] = {
	"The", "He", "She", "They", "His", "Her", "Their", "It", "In", "Since",
	"After", "Before", "As", "At", "From", "With", "This", "That", "These",
	"Prior", "During", "While", "When", "Born", "Previously", "Currently",
	"Today", "Now", "Also", "About", "Before", "An", "A", "I", "We", "My",
	"Our", "Follow", "Read", "Contact", "Email", "Photo", "Image", NULL,
};

static bool word_in(const ctx *c, size_t p, size_t n, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (list[i][0] == c->t[p] && strncmp(c->t + p, list[i], n) == 0 &&
		    list[i][n] == '\0')
			return true;
	return false;
}

/* A personal name at p: capitalised words, initials and particles, at
 * least two words.  Returns its end, or p when there is none. */
static size_t name_run(const ctx *c, size_t p, size_t end)
{
	size_t q = p, words = 0, last_end = p;

	while (q < end && words < 6) {
		size_t w = q, plen;

		if (is_particle_at(c, q, end, &plen)) {
			q += plen + 1;
			continue;
		}
		if (words > 0 && (c->t[q] == '"' || (q + 3 < end &&
		                                     memcmp(c->t + q, "\xe2\x80\x9c", 3) == 0))) {
			/* a nickname: Eduardo "Eddie" Marquez */
			size_t e = q + (c->t[q] == '"' ? 1 : 3);

			while (e < end && e < q + 32 && c->t[e] != '"' &&
			       !(e + 3 <= end && memcmp(c->t + e, "\xe2\x80\x9d", 3) == 0))
				e++;
			if (e >= end || e >= q + 32)
				break;
			e += c->t[e] == '"' ? 1 : 3;
			if (e >= end || c->t[e] != ' ')
				break;
			q = e + 1;
			continue;
		}
		if (!is_upper(c->t[q]) || (unsigned char)c->t[q] == 0xe2)
			break;
		while (w < end && (is_word_char(c->t[w]) || c->t[w] == '.'))
			w++;
		if (words == 0 && word_in(c, q, w - q, not_names))
			return p;
		/* A trailing period belongs to initials only ("R.", "J.R.",
		 * "Jr."), not to a name that ends a sentence ("Farley."). */
		if (c->t[w - 1] == '.') {
			size_t letters = 0;

			for (size_t i = q; i < w; i++)
				letters += c->t[i] != '.';
			if (letters > 2)
				w--;
		}
		words++;
		last_end = w;
		if (w >= end || c->t[w] != ' ')
			break;
		q = w + 1;
	}
	return words >= 2 ? last_end : p;
}

/* The name in r as text, less a quoted nickname. */
static char *name_text(const ctx *c, range r)
{
	colo_buf b;
	char *s;

	colo_buf_init(&b, 0);
	for (size_t p = r.start; p < r.end;) {
		bool straight = c->t[p] == '"';

		if (straight || (p + 3 <= r.end &&
		                 memcmp(c->t + p, "\xe2\x80\x9c", 3) == 0)) {
			size_t e = p + (straight ? 1 : 3);

			while (e < r.end && !(straight ? c->t[e] == '"'
			                               : e + 3 <= r.end &&
			                                     memcmp(c->t + e, "\xe2\x80\x9d", 3) == 0))
				e++;
			p = e + (e < r.end ? (straight ? 1 : 3) : 0);
			continue;
		}
		colo_buf_putc(&b, c->t[p]);
		p++;
	}
	s = colo_text_squash(colo_buf_cstr(&b), b.len);
	colo_buf_cleanup(&b);
	return s;
}

/* Honorific (and "(Ret.)") + name at r.start.  Creates the person and
 * returns its index, or -1 when r does not start with a name. */
static long person_at(ctx *c, range r, range *name_out)
{
	char *honorific = NULL;
	size_t h = colo_name_split_honorific(c->t + r.start, r.end - r.start,
	                                      &honorific);
	size_t ns = r.start + h, ne = name_run(c, ns, r.end);
	colo_person *person;
	long idx;
	char *name;

	if (ne == ns) {
		free(honorific);
		return -1;
	}
	if (cap_reached(c, CAP_PEOPLE, c->b->npeople, ns)) {
		free(honorific);
		return -1;
	}
	idx = colo_batch_add_person(c->b);
	person = &c->b->people[idx];
	name = name_text(c, (range){ns, ne});
	colo_name_parse(name, strlen(name), &person->name);
	colo_person_add_variant(person, name);
	free(name);
	if (match_at(c, skip_spaces(c, ne, r.end), r.end, "(Ret.)")) {
		colo_buf hb;

		colo_buf_init(&hb, 0);
		colo_buf_printf(&hb, "%s (Ret.)", honorific ? honorific : "");
		free(honorific);
		honorific = colo_buf_steal(&hb);
	}
	person->honorific = honorific;
	person->span = (colo_span){ns, ne};
	if (name_out)
		*name_out = (range){ns, ne};
	return idx;
}

/* A person whose name the text never states (a first-person bio). */
static long anonymous_person(ctx *c, size_t at)
{
	long idx;

	if (cap_reached(c, CAP_PEOPLE, c->b->npeople, at))
		return -1;
	idx = colo_batch_add_person(c->b);
	c->b->people[idx].span = (colo_span){at, at + 1};
	return idx;
}

/* Whether the block's person got any fact.  Links and works added since
 * the block began are all the person's (a block has one person), so only
 * those are looked at: the check stays constant-time per block. */
static bool person_has_facts(const ctx *c, long pi)
{
	const colo_person *p = &c->b->people[pi];

	if (p->ndegrees || p->naffiliations || p->nroles)
		return true;
	for (size_t i = c->link_base; i < c->b->nlinks; i++)
		if (c->b->links[i].from_kind == COLO_KIND_PERSON &&
		    c->b->links[i].from == pi)
			return true;
	for (size_t i = c->work_base; i < c->b->nworks; i++)
		for (size_t j = 0; j < c->b->works[i].ncreators; j++)
			if (c->b->works[i].creators[j].person == pi)
				return true;
	return false;
}

static bool is_anonymous(const colo_batch *b, long pi)
{
	const colo_name *n = &b->people[pi].name;

	return !n->given && !n->family && !n->literal;
}

/* Does the sentence at r open by referring to person pi: a pronoun ("She
 * is ...", "His books ..."), or the family name with or without an
 * honorific ("Professor Tallis is ...", "Okland's work ...")? */
static bool refers_to(const ctx *c, range r, long pi)
{
	static const char *const pronouns[] = {"He", "She", "They", "His", "Her",
	                                       "Their", NULL};
	const char *family = c->b->people[pi].name.family;
	char *honorific = NULL;
	size_t p = r.start, w;

	p += colo_name_split_honorific(c->t + p, r.end - p, &honorific);
	free(honorific);
	for (w = p; w < r.end && is_word_char(c->t[w]) && c->t[w] != '\'';)
		w++;
	if (w == p)
		return false;
	if (word_in(c, p, w - p, pronouns))
		return true;
	return family && strlen(family) == w - p &&
	       memcmp(c->t + p, family, w - p) == 0;
}

/* ---- organisations ----------------------------------------------------- */

/* Lower-case words allowed inside a proper name when a capital follows. */
static const char *const name_joiners[] = {"of", "for", "and", "on", "the",
                                           "de", "du", "des", "la", "le",
                                           "y", "&", NULL};

/* A proper name (organisation, venue) at p: capitalised words joined by
 * the words above.  Stops before years, commas, brackets and other
 * lower-case words.  Returns the end (p when none). */
static size_t proper_run(const ctx *c, size_t p, size_t end)
{
	size_t q = p, last = p;
	int words = 0;

	if (match_at(c, q, end, "the"))
		q = skip_spaces(c, q + 3, end);
	/* no name runs to 24 words; the cap keeps callers linear */
	while (q < end && words++ < 24) {
		size_t w = q;

		while (w < end && (is_word_char(c->t[w]) || c->t[w] == '.' ||
		                   c->t[w] == '&'))
			w++;
		if (w == q)
			break;
		if (is_upper(c->t[q]) || (is_digit(c->t[q]) && !year_at(c, q, end))) {
			/* a capitalised word */
		} else if (word_in(c, q, w - q, name_joiners) && w + 1 < end &&
		           c->t[w] == ' ' && (is_upper(c->t[w + 1]) ||
		                              match_at(c, w + 1, end, "the"))) {
			/* "of" in "University of Oregon", "the" in "Museum of
			 * the City"; not "in": "Institute in Tromsø" is a place */
		} else {
			break;
		}
		if (is_upper(c->t[q]) || is_digit(c->t[q])) {
			last = w;
			while (last > q && c->t[last - 1] == '.' && (w - q) > 3)
				last--;
		}
		if (w >= end || c->t[w] != ' ')
			break;
		q = w + 1;
	}
	return last > p ? last : p;
}

/* Strips "the" and wraps up an organisation name for r (must be a run
 * found by proper_run). */
static char *org_name(const ctx *c, range r)
{
	r = trim(c, r);
	if (match_at(c, r.start, r.end, "the"))
		r.start = skip_spaces(c, r.start + 3, r.end);
	return copy(c, r);
}

/* ---- degrees ----------------------------------------------------------- */

static const struct {
	const char *written; /* matched case-sensitively, as a whole word */
	const char *norm;
} degrees[] = {
	{"Ph. D.", "PhD"},   {"Ph.D.", "PhD"},      {"Ph.D", "PhD"},
	{"PhD", "PhD"},      {"D.Phil.", "DPhil"},  {"DPhil", "DPhil"},
	{"Ed.D.", "EdD"},    {"EdD", "EdD"},        {"J.D.", "JD"},
	{"JD", "JD"},        {"M.B.A.", "MBA"},     {"MBA", "MBA"},
	{"M.Phil.", "MPhil"}, {"MPhil", "MPhil"},   {"M.P.P.", "MPP"},
	{"MPP", "MPP"},      {"M.P.A.", "MPA"},     {"MPA", "MPA"},
	{"M.F.A.", "MFA"},   {"MFA", "MFA"},        {"M.Sc.", "MSc"},
	{"MSc", "MSc"},      {"M.A.", "MA"},        {"MA", "MA"},
	{"M.S.", "MS"},      {"MS", "MS"},          {"B.Sc.", "BSc"},
	{"BSc", "BSc"},      {"B.A.", "BA"},        {"BA", "BA"},
	{"A.B.", "BA"},      {"AB", "BA"},          {"B.S.", "BS"},
	{"BS", "BS"},        {"LL.B.", "LLB"},      {"LLB", "LLB"},
	{"LL.M.", "LLM"},    {"LLM", "LLM"},        {"M.D.", "MD"},
	{"MD", "MD"},        {"M.P.H.", "MPH"},     {"MPH", "MPH"},
	{"B.Tech.", "BTech"}, {"BTech", "BTech"},   {"M.Tech.", "MTech"},
	{"MTech", "MTech"},  {"B.Eng.", "BEng"},    {"BEng", "BEng"},
	{"M.Eng.", "MEng"},  {"MEng", "MEng"},      {"M.Ed.", "MEd"},
	{"MEd", "MEd"},      {"B.F.A.", "BFA"},     {"BFA", "BFA"},
	{"M.Div.", "MDiv"},  {"MDiv", "MDiv"},      {"D.Sc.", "DSc"},
	{"DSc", "DSc"},      {"LL.D.", "LLD"},      {"S.J.D.", "SJD"},
	{"doctorate", "PhD"},  {"doctoral degree", "PhD"},
	{"habilitation", "Habilitation"},           {"Habilitation", "Habilitation"},
	{"bachelor's degree", "BA"}, {"master's degree", "MA"},
	{"bachelor\xe2\x80\x99s degree", "BA"}, {"master\xe2\x80\x99s degree", "MA"},
};

#define NDEGREES (sizeof degrees / sizeof degrees[0])

/* A degree written at p, as a whole word; its table index or -1. */
static int degree_at(const ctx *c, size_t p, size_t end, size_t *len)
{
	if (p > 0 && (is_word_char(c->t[p - 1]) || c->t[p - 1] == '.'))
		return -1;
	for (size_t i = 0; i < NDEGREES; i++) {
		size_t n;

		if (c->t[p] != degrees[i].written[0])
			continue;
		n = strlen(degrees[i].written);

		if (p + n <= end && memcmp(c->t + p, degrees[i].written, n) == 0 &&
		    (p + n == end || !is_word_char(c->t[p + n]))) {
			/* "Ph.D" must not be the start of "Ph.D." (longer first) */
			*len = n;
			return (int)i;
		}
	}
	return -1;
}

static const char *const degree_verbs[] = {
	"received", "earned", "holds", "hold", "holding", "obtained",
	"completed", "gained", "awarded", "graduated", "degree", "degrees",
	"took", "has a", "has an", "with a", "with an", "attained", "studied",
	"got", NULL,
};

static bool has_any(const ctx *c, range s, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (find(c, s.start, s.end, words[i]) != NOTFOUND)
			return true;
	return false;
}

/* The institution written just before position p (for "X (BA)"): scans
 * back over a capitalised run to "from", "at", "and" or a comma. */
static range institution_before(const ctx *c, size_t from, size_t p)
{
	size_t e = p, s;

	while (e > from && is_space(c->t[e - 1]))
		e--;
	s = e;
	while (s > from) {
		size_t w = s;

		while (w > from && is_space(c->t[w - 1]))
			w--;
		{
			size_t ws = w;

			while (ws > from && !is_space(c->t[ws - 1]) && c->t[ws - 1] != ',' &&
			       c->t[ws - 1] != '(' && c->t[ws - 1] != ')')
				ws--;
			if (ws == w)
				break;
			if (!is_upper(c->t[ws]) && !word_in(c, ws, w - ws, name_joiners))
				break;
			if (word_in(c, ws, w - ws, name_joiners) &&
			    (match_at(c, ws, w, "and") || match_at(c, ws, w, "at")))
				break;
			s = ws;
		}
	}
	return (range){s, e};
}

static void add_degree(ctx *c, int di, range written, range field, range inst,
                       int year, range span)
{
	colo_person *p = &c->b->people[c->person];
	colo_degree *d = colo_person_add_degree(p);
	colo_buf b;

	/* "Ph. D." as written, with the space after its dot squashed:
	 * "Ph.D."; other spaces ("master's degree") become one */
	colo_buf_init(&b, 0);
	for (size_t i = written.start; i < written.end; i++) {
		if (!is_space(c->t[i]))
			colo_buf_putc(&b, c->t[i]);
		else if (c->t[i - 1] != '.' && !is_space(c->t[i - 1]))
			colo_buf_putc(&b, ' ');
	}
	d->degree = colo_buf_steal(&b);
	d->degree_norm = colo_xstrdup(degrees[di].norm);
	d->field = field.end > field.start ? copy(c, field) : NULL;
	d->institution = inst.end > inst.start ? org_name(c, inst) : NULL;
	d->year = year;
	d->span = (colo_span){span.start, span.end};
}

/* "received his BS from X in 1997, and his Ph. D. from Y in 2004",
 * "holds a Ph.D. in History from X", "earned degrees from X (BA) and Y
 * (PhD)". */
static void extract_degrees(ctx *c, range s)
{
	size_t marks[COLO_BIO_MAX_LIST + 1], lens[COLO_BIO_MAX_LIST];
	int which[COLO_BIO_MAX_LIST];
	size_t n = 0;

	if (!has_any(c, s, degree_verbs) ||
	    c->b->people[c->person].ndegrees >= COLO_BIO_MAX_LIST)
		return;
	for (size_t p = s.start; p < s.end && n < COLO_BIO_MAX_LIST; p++) {
		size_t len;
		int di = degree_at(c, p, s.end, &len);

		if (di < 0)
			continue;
		/* "Cambridge, MA" and "Bethesda, MD" are places, not degrees */
		if (len == 2 && p >= 2 && c->t[p - 1] == ' ' && c->t[p - 2] == ',' &&
		    p >= 3 && is_lower(c->t[p - 3])) {
			p += len - 1;
			continue;
		}
		marks[n] = p;
		lens[n] = len;
		which[n] = di;
		n++;
		p += len - 1;
	}
	marks[n] = s.end;
	for (size_t i = 0; i < n; i++) {
		size_t after = marks[i] + lens[i], stop = marks[i + 1];
		bool in_parens = marks[i] > s.start && c->t[marks[i] - 1] == '(';
		range field = {0, 0}, inst = {0, 0};
		size_t q, at;
		int year = 0;

		if (in_parens) {
			/* "Y (PhD)" or "Y (PhD, 2004)" */
			size_t close = after;

			while (close < stop && c->t[close] != ')')
				close++;
			inst = institution_before(c, i ? marks[i - 1] + lens[i - 1] : s.start,
			                          marks[i] - 1);
			year = find_year(c, after, close, NULL);
			add_degree(c, which[i], (range){marks[i], after}, field, inst,
			           year, (range){inst.start < marks[i] ? inst.start : marks[i],
			                         close < s.end ? close + 1 : close});
			continue;
		}
		q = skip_spaces(c, after, stop);
		if (match_at(c, q, stop, "degree"))
			q = skip_spaces(c, q + 6, stop);
		if (match_at(c, q, stop, "in") && !year_at(c, skip_spaces(c, q + 2, stop), stop)) {
			size_t fs = skip_spaces(c, q + 2, stop), fe = fs;

			while (fe < stop && c->t[fe] != ',' && c->t[fe] != '(' &&
			       !match_at(c, fe, stop, "from") && !match_at(c, fe, stop, "at"))
				fe++;
			field = trim(c, (range){fs, fe});
			q = fe;
		}
		q = skip_spaces(c, q, stop);
		if (match_at(c, q, stop, "from") || match_at(c, q, stop, "at")) {
			size_t is = skip_spaces(c, q + (c->t[q] == 'f' || c->t[q] == 'F' ? 4 : 2), stop);

			inst = (range){is, proper_run(c, is, stop)};
		}
		year = find_year(c, inst.end > after ? inst.end : after, stop, &at);
		if (!inst.end && !year && !field.end)
			continue; /* a bare mention ("an MBA-style course") */
		add_degree(c, which[i], (range){marks[i], after}, field, inst, year,
		           (range){marks[i], year ? at + 4 : inst.end > after ? inst.end : after});
	}
}

/* ---- affiliations ------------------------------------------------------ */

/* Nouns that make "is a ... at X" an affiliation (roles at venues, such as
 * editor and founder, are read by extract_roles instead). */
static const char *const position_nouns[] = {
	"professor", "lecturer", "fellow", "director", "researcher", "scholar",
	"analyst", "chair", "dean", "president", "correspondent", "reporter",
	"instructor", "scientist", "economist", "historian", "partner",
	"officer", "head", "manager", "curator", "teacher", "chief",
	"principal", "strategist", "consultant", "attorney", "journalist",
	"associate", "researcher", "provost", "chancellor", "faculty",
	"postdoc", "student", "candidate", "librarian", "coordinator",
	"specialist", "expert", "advisor to the", "columnist", "writer",
	"engineer", "physician", "psychiatrist", "diplomat", "lawyer",
	"physicist", "executive", "commander", "aide", NULL,
};

/* Years after an affiliation: "since 2005", "from 2006 to 2009",
 * "(2012–present)", "between 2001 and 2004", "until 2010". */
static void affiliation_years(const ctx *c, size_t p, size_t end,
                              colo_affiliation *a, size_t *span_end)
{
	static const char *const where[] = {
		", where he has worked", ", where she has worked",
		", where they have worked", ", where I have worked",
		", where he has taught", ", where she has taught",
		", where they have taught", ", where I have taught",
		", where he worked", ", where she worked", ", where I worked",
		", where he taught", ", where she taught", ", where I taught",
		", where he has been", ", where she has been", NULL,
	};
	size_t q = skip_spaces(c, p, end), at;
	int y;

	/* "Institute in Honolulu (2020-present)": a place between the
	 * organisation and its years */
	if (match_at(c, q, end, "in") && !year_at(c, skip_spaces(c, q + 2, end), end)) {
		size_t ps = skip_spaces(c, q + 2, end), pe = proper_run(c, ps, end);
		size_t r = skip_spaces(c, pe, end);

		if (pe > ps && r < end && c->t[r] == '(')
			q = r;
	}
	/* "X, where she has worked since 2016" */
	for (int i = 0; where[i]; i++)
		if (q < end && c->t[q] == ',' && strlen(where[i]) <= end - q &&
		    memcmp(c->t + q, where[i], strlen(where[i])) == 0) {
			q = skip_spaces(c, q + strlen(where[i]), end);
			break;
		}

	if (q < end && c->t[q] == ',')
		q = skip_spaces(c, q + 1, end);
	if (match_at(c, q, end, "since") &&
	    (y = year_at(c, skip_spaces(c, q + 5, end), end))) {
		a->from = y;
		a->current = true;
		*span_end = skip_spaces(c, q + 5, end) + 4;
	} else if ((match_at(c, q, end, "from") || match_at(c, q, end, "between")) &&
	           (y = find_year(c, q, q + 14 < end ? q + 14 : end, &at))) {
		int y2;
		size_t at2;

		a->from = y;
		y2 = find_year(c, at + 4, at + 16 < end ? at + 16 : end, &at2);
		if (y2) {
			a->to = y2;
			*span_end = at2 + 4;
		} else {
			*span_end = at + 4;
		}
	} else if (q < end && c->t[q] == '(' && (y = year_at(c, q + 1, end))) {
		size_t r = q + 5;

		a->from = y;
		/* "(2012-2015)", "(2012\xe2\x80\x93present)": room for a
		 * multi-byte dash and "present" */
		while (r < end && r < q + 24 && c->t[r] != ')') {
			if (match_at(c, r, end, "present") || match_at(c, r, end, "now"))
				a->current = true;
			if (!a->to && (y = year_at(c, r, end)))
				a->to = y;
			r++;
		}
		*span_end = r < end && c->t[r] == ')' ? r + 1 : q + 5;
	} else if (match_at(c, q, end, "until") &&
	           (y = year_at(c, skip_spaces(c, q + 5, end), end))) {
		a->to = y;
		*span_end = skip_spaces(c, q + 5, end) + 4;
	} else if (match_at(c, q, end, "in") &&
	           (y = year_at(c, skip_spaces(c, q + 2, end), end))) {
		a->from = y;
		*span_end = skip_spaces(c, q + 2, end) + 4;
	}
}

/* Adds the affiliation; its years are read after the organisation, or
 * after years_at when that is past it ("joined X as a fellow in 2020"). */
static void add_affiliation(ctx *c, range role, range org, bool current,
                            size_t span_start, size_t years_at)
{
	colo_person *p = &c->b->people[c->person];
	colo_affiliation *a;
	size_t span_end = org.end;

	if (org.end <= org.start)
		return;
	{
		/* "the Centre for X at Y University": the place is part of
		 * the organisation's name */
		size_t q = skip_spaces(c, org.end, c->sent_end);

		if (match_at(c, q, c->sent_end, "at")) {
			size_t ys = skip_spaces(c, q + 2, c->sent_end);
			size_t ye = proper_run(c, ys, c->sent_end);

			if (ye > ys)
				org.end = span_end = ye;
		}
	}
	a = colo_person_add_affiliation(p);
	a->org = org_name(c, org);
	a->role = role.end > role.start ? copy(c, trim(c, role)) : NULL;
	a->current = current;
	if (years_at > org.end)
		span_end = years_at;
	affiliation_years(c, years_at > org.end ? years_at : org.end, c->sent_end, a,
	                  &span_end);
	if (a->to && a->current && !a->from)
		a->current = false;
	if (a->to)
		a->current = false;
	a->span = (colo_span){span_start, span_end};
}

/* Words that make a role one extract_roles reads (at a venue), not an
 * affiliation. */
static const char *const venue_role_words[] = {
	"editor", "founder", "co-founder", "cofounder", "board", "trustee",
	"adviser", "advisor", NULL,
};

static const char *const place_words[] = {"based", "born", "living", "who",
                                          "whose", NULL};

static const char *const clause_words[] = {"is", "am", "are", "was", "were",
                                           "has", "have", "had", "I", "he",
                                           "she", "they", "we", NULL};

/* Reads "ROLE at|with|of ORG" at p (ROLE: lower-case words holding a
 * position noun, or any such words when `any_role`, as after "served
 * as").  Returns true and the pieces when it fits. */
static bool role_at_org(const ctx *c, size_t p, size_t end, bool any_role,
                        range *role, range *org)
{
	size_t q = p;
	bool noun = any_role;

	for (int words = 0; q < end && words < 10; words++) {
		size_t w = q;

		while (w < end && (is_word_char(c->t[w])))
			w++;
		if (w == q)
			return false;
		if ((match_at(c, q, end, "at") || match_at(c, q, end, "with")) && noun) {
			size_t os = skip_spaces(c, w, end);

			*role = (range){p, q};
			*org = (range){os, proper_run(c, os, end)};
			return org->end > org->start;
		}
		if ((match_at(c, q, end, "of") || match_at(c, q, end, "in") ||
		     match_at(c, q, end, "for")) && noun) {
			size_t os = skip_spaces(c, w, end), oe = proper_run(c, os, end);
			size_t after = skip_spaces(c, oe, end), at;

			/* "professor of Middle East studies at X", "lecturer
			 * in public policy at X": the place of work follows
			 * "at"; the words before it belong to the role */
			if (oe == os || (after < end && is_lower(c->t[after]) &&
			                 !match_at(c, after, end, "at"))) {
				size_t lim = os;

				while (lim < end && lim < os + 80 && c->t[lim] != ',' &&
				       c->t[lim] != ';' && c->t[lim] != '(')
					lim++;
				at = find(c, os, lim, "at");
				if (at != NOTFOUND) {
					size_t as = skip_spaces(c, at + 2, end);
					size_t ae = proper_run(c, as, end);

					if (ae > as) {
						*role = (range){p, at};
						*org = (range){as, ae};
						return true;
					}
				}
			}
			if (oe > os) {
				*role = (range){p, q};
				*org = (range){os, oe};
				return true;
			}
			if (!match_at(c, q, end, "in") && !match_at(c, q, end, "of"))
				return false;
		}
		if (!is_lower(c->t[q]) && !is_upper(c->t[q]))
			return false;
		/* "a historian and the author of T": a book, not a job;
		 * "a contributing writer for X" writes for a periodical */
		if (match_at(c, q, w, "author") || match_at(c, q, w, "co-author") ||
		    match_at(c, q, w, "coauthor") || match_at(c, q, w, "contributing"))
			return false;
		for (int i = 0; position_nouns[i]; i++)
			if (match_at(c, q, w, position_nouns[i]))
				noun = true;
		/* a verb or a pronoun: a new clause, not a longer role ("My
		 * name is Ada Obi and I am ...") */
		if (word_in(c, q, w - q, clause_words))
			return false;
		/* editors and founders hold roles at venues (extract_roles);
		 * "a food writer and the co-founder of Tin Plate" too */
		if (word_in(c, q, w - q, venue_role_words))
			return false;
		/* "a journalist based in Lagos": a place, not an employer */
		if (word_in(c, q, w - q, place_words))
			return false;
		if (w >= end || c->t[w] != ' ')
			return false;
		q = w + 1;
	}
	return false;
}

/* "X as a distinguished fellow" after "joined X": the role, and where
 * the words after it (years) start; 0 when there is no such role. */
static size_t role_after_as(const ctx *c, size_t p, size_t end, range *role)
{
	size_t q = skip_spaces(c, p, end), rs, re;
	int words = 0;

	if (!match_at(c, q, end, "as"))
		return 0;
	rs = skip_spaces(c, q + 2, end);
	if (match_at(c, rs, end, "a") || match_at(c, rs, end, "an") ||
	    match_at(c, rs, end, "the"))
		rs = skip_spaces(c, rs + (c->t[rs + 1] == 'n' ? 2 : c->t[rs + 1] == 'h' ? 3 : 1),
		                 end);
	re = rs;
	while (re < end && words < 8) {
		size_t w = re;

		while (w < end && is_word_char(c->t[w]))
			w++;
		if (w == re || match_at(c, re, end, "in") || match_at(c, re, end, "from") ||
		    match_at(c, re, end, "since") || match_at(c, re, end, "until") ||
		    match_at(c, re, end, "and") || word_in(c, re, w - re, clause_words))
			break;
		words++;
		re = w;
		if (re >= end || c->t[re] != ' ')
			break;
		re++;
	}
	while (re > rs && is_space(c->t[re - 1]))
		re--;
	if (re <= rs)
		return 0;
	*role = (range){rs, re};
	return re;
}

/* "has taught X at ORG since 2005", "is a senior fellow at ORG",
 * "is an associate professor of history at ORG", "directs ORG",
 * "previously served as ROLE at ORG", "was ROLE at ORG from 2006 to
 * 2009".  Coordinated ones ("... and an adjunct professor at Y") too. */
static void extract_affiliations(ctx *c, range s)
{
	static const struct {
		const char *verb;
		const char *role; /* fixed role, or NULL: read "ROLE at ORG" */
		bool current;
		bool role_is_phrase; /* "taught X at ORG": role is verb + object */
		bool any_role;       /* "served as ROLE at ORG": any words */
	} verbs[] = {
		{"has taught", NULL, true, true, false},
		{"taught", NULL, false, true, false},
		{"teaches", NULL, true, true, false},
		{"has directed", "director", true, false, false},
		{"directs", "director", true, false, false},
		{"directed", "director", false, false, false},
		{"leads", "head", true, false, false},
		{"heads", "head", true, false, false},
		{"chairs", "chair", true, false, false},
		{"works at", "", true, false, false},
		{"worked at", "", false, false, false},
		{"joined", "", true, false, false},
		{"joining", "", true, false, false},
		{"previously served as", NULL, false, false, true},
		{"worked as", NULL, false, false, true},
		{"works as", NULL, true, false, true},
		{"served as", NULL, false, false, true},
		{"serves as", NULL, true, false, true},
		{"has been", NULL, true, false, false},
		{"is also", NULL, true, false, false},
		{"is", NULL, true, false, false},
		{"am", NULL, true, false, false},
		{"I'm", NULL, true, false, false},
		{"I\xe2\x80\x99m", NULL, true, false, false},
		{"was", NULL, false, false, false},
		{"and", NULL, true, false, false},
	};
	/* the first two make the role a past one */
	static const char *const adverbs[] = {"previously", "formerly", "also",
	                                      "currently", "now", NULL};
	size_t p = s.start;
	bool past = false;

	while (p < s.end) {
		bool hit = false;

		/* every verb is a whole word: only word starts can match */
		if (p > 0 && is_word_char(c->t[p - 1])) {
			p++;
			continue;
		}
		for (size_t v = 0; v < sizeof verbs / sizeof verbs[0] && !hit; v++) {
			size_t after, q;
			range role = {0, 0}, org = {0, 0};

			if (!match_at(c, p, s.end, verbs[v].verb))
				continue;
			after = skip_spaces(c, p + strlen(verbs[v].verb), s.end);
			q = after;
			past = false;
			/* "was previously a reporter at X": the adverb is not
			 * part of the role, and "previously" dates it */
			for (int k = 0; adverbs[k]; k++)
				if (match_at(c, q, s.end, adverbs[k])) {
					past = past || k < 2;
					q = skip_spaces(c, q + strlen(adverbs[k]), s.end);
					k = -1;
				}
			if (match_at(c, q, s.end, "a") || match_at(c, q, s.end, "an") ||
			    match_at(c, q, s.end, "the"))
				q = skip_spaces(c, q + (c->t[q + 1] == 'n' ? 2 : c->t[q + 1] == 'h' ? 3 : 1), s.end);
			if (verbs[v].role_is_phrase) {
				/* "taught security and diplomacy courses at the X" */
				/* the object is short: look no further than that */
				size_t at = find(c, after, after + 84 < s.end ? after + 84 : s.end,
				                 "at");

				if (at == NOTFOUND || at - after > 80)
					continue;
				role = (range){after, at};
				org.start = skip_spaces(c, at + 2, s.end);
				org.end = proper_run(c, org.start, s.end);
				if (org.end == org.start)
					continue;
				{
					/* role keeps the verb as written, less "has" */
					size_t vs = p;

					if (match_at(c, vs, s.end, "has"))
						vs = skip_spaces(c, vs + 3, s.end);
					role.start = vs;
				}
			} else if (verbs[v].role) {
				org.start = q;
				if (match_at(c, org.start, s.end, "at"))
					org.start = skip_spaces(c, org.start + 2, s.end);
				org.end = proper_run(c, org.start, s.end);
				if (org.end == org.start)
					continue;
			} else if (!role_at_org(c, q, s.end, verbs[v].any_role, &role,
			                        &org)) {
				continue;
			}
			if (verbs[v].role && *verbs[v].role) {
				colo_affiliation *a;

				add_affiliation(c, (range){0, 0}, org,
				                verbs[v].current && !past, p, 0);
				a = &c->b->people[c->person].affiliations
				         [c->b->people[c->person].naffiliations - 1];
				colo_set_str(&a->role, verbs[v].role);
			} else {
				size_t years_at = 0;

				if (verbs[v].role && role.end <= role.start)
					years_at = role_after_as(c, org.end, s.end, &role);
				add_affiliation(c, role, org, verbs[v].current && !past &&
				                !(p >= 11 && match_at(c, p - 11, s.end, "previously")),
				                p, years_at);
			}
			p = org.end;
			hit = true;
		}
		if (!hit)
			p++;
		if (c->b->people[c->person].naffiliations >= COLO_BIO_MAX_LIST)
			return;
	}
}

/* ---- books ------------------------------------------------------------- */

static const struct {
	const char *phrase;
	colo_creator_role role;
} book_triggers[] = {
	{"author or editor of", COLO_ROLE_AUTHOR},
	{"author or co-author of", COLO_ROLE_AUTHOR},
	{"co-author of", COLO_ROLE_AUTHOR}, {"coauthor of", COLO_ROLE_AUTHOR},
	{"author of", COLO_ROLE_AUTHOR}, {"co-editor of", COLO_ROLE_EDITOR},
	{"coeditor of", COLO_ROLE_EDITOR}, {"editor of", COLO_ROLE_EDITOR},
	{"co-edited", COLO_ROLE_EDITOR}, {"edited", COLO_ROLE_EDITOR},
	{"co-authored", COLO_ROLE_AUTHOR}, {"authored", COLO_ROLE_AUTHOR},
	{"wrote", COLO_ROLE_AUTHOR}, {"has written", COLO_ROLE_AUTHOR},
	{"books include", COLO_ROLE_AUTHOR}, {"books are", COLO_ROLE_AUTHOR},
	{"book is", COLO_ROLE_AUTHOR}, {"books,", COLO_ROLE_AUTHOR},
	{"book,", COLO_ROLE_AUTHOR}, {"published", COLO_ROLE_AUTHOR},
	{"include", COLO_ROLE_AUTHOR}, {"including", COLO_ROLE_AUTHOR},
};

#define NBOOK_TRIGGERS (sizeof book_triggers / sizeof book_triggers[0])

/* Leading words of a list item that are not part of the title. */
static const char *const item_lead[] = {
	"and most recently", "and more recently", "most recently",
	"more recently", "as well as", "and", "or", "the award-winning",
	"the bestselling", "the best-selling", "the forthcoming", "the books",
	"the book", "books", "book", "the novel", "novels", "including", NULL,
};

/* Whether the NUL-terminated w is at t[p..end) with exactly its case, as
 * whole words. */
static bool match_case_at(const ctx *c, size_t p, size_t end, const char *w)
{
	size_t n = strlen(w);

	return p + n <= end && memcmp(c->t + p, w, n) == 0 &&
	       match_at(c, p, end, w);
}

/* Prepositions that a title's lead-in never ends with: "wrote for the
 * Times (2010)" is not a book called "The Times". */
static const char *const not_lead_words[] = {"for", "in", "on", "to", "at",
                                             "about", "from", "by", "with",
                                             NULL};

/* Drops lower-case words before a title ("two essay collections, Field
 * Notes", "the cookbooks Sunday Table", "of T" after "co-author, with X,"),
 * keeping a lower-case article that starts the title ("the Battleship
 * Book").  Leaves r alone when a preposition leads in. */
static range drop_lead_words(const ctx *c, range r)
{
	range t = r;

	for (int words = 0; t.start < t.end && is_lower(c->t[t.start]) && words < 12;
	     words++) {
		size_t w = t.start, q;

		while (w < t.end && is_word_char(c->t[w]))
			w++;
		q = skip_spaces(c, w, t.end);
		if ((match_at(c, t.start, w, "the") || match_at(c, t.start, w, "a") ||
		     match_at(c, t.start, w, "an")) &&
		    q < t.end && (is_upper(c->t[q]) || is_digit(c->t[q])))
			return t;
		if (word_in(c, t.start, w - t.start, not_lead_words))
			return r;
		while (w < t.end && (c->t[w] == ',' || c->t[w] == ':'))
			w++;
		t.start = skip_spaces(c, w, t.end);
	}
	return t.start < t.end ? t : r;
}

/* A title-case run that ends just before `p` ("Her collection Winter
 * Ledger (P, 2020)": "Winter Ledger"): capitalised or quoted words and the
 * small words titles hold, back to a lower-case word, a comma or the
 * sentence start.  Empty when it holds no capitalised word. */
static range title_run_back(const ctx *c, size_t from, size_t p,
                            bool commas)
{
	static const char *const small[] = {"of", "the", "and", "a", "an", "in",
	                                    "on", "for", "to", "with", "from",
	                                    "at", "by", "or", "&", NULL};
	size_t e = p, s;
	bool capital = false;

	while (e > from && is_space(c->t[e - 1]))
		e--;
	s = e;
	for (int words = 0; s > from && words < 20; words++) {
		size_t w = s, ws;

		while (w > from && is_space(c->t[w - 1]))
			w--;
		ws = w;
		while (ws > from && !is_space(c->t[ws - 1]))
			ws--;
		if (ws == w || c->t[w - 1] == ';' || c->t[w - 1] == ')' ||
		    (c->t[w - 1] == '.' && w != e))
			break;
		/* "Atlantic Crossings: Portugal, Brazil and ...": a comma after
		 * a capitalised word may sit inside a title set off by commas */
		if (c->t[w - 1] == ',' && !(commas && w != e && is_upper(c->t[ws])))
			break;
		if (is_upper(c->t[ws]) || is_digit(c->t[ws]) ||
		    (unsigned char)c->t[ws] == 0xe2 || c->t[ws] == '"') {
			capital = true;
		} else if (!word_in(c, ws, w - ws, small)) {
			break;
		}
		s = ws;
	}
	/* small words at the start belong to the sentence, not the title */
	while (s < e && is_lower(c->t[s])) {
		while (s < e && !is_space(c->t[s]))
			s++;
		s = skip_spaces(c, s, e);
	}
	return capital && s < e ? (range){s, e} : (range){p, p};
}

/* Parses "(Publisher, 2014)", "(Publisher 2014)", "(2014)",
 * "(Publisher, forthcoming)", "(with Jane Roe; Publisher, 2010)".
 * Returns false when the bracket is not a publication note. */
static bool pub_note(const ctx *c, range in, range *publisher, int *year,
                     bool *forthcoming, range *with)
{
	size_t p, yat = NOTFOUND;
	range r = trim(c, in);

	*publisher = (range){0, 0};
	*with = (range){0, 0};
	*year = 0;
	*forthcoming = false;
	if (match_at(c, r.start, r.end, "with")) {
		size_t semi = r.start;

		while (semi < r.end && c->t[semi] != ';')
			semi++;
		*with = trim(c, (range){r.start + 4, semi});
		r.start = semi < r.end ? semi + 1 : semi;
		r = trim(c, r);
	}
	for (p = r.start; p + 4 <= r.end; p++)
		if (year_at(c, p, r.end)) {
			yat = p;
			break;
		}
	if (yat != NOTFOUND) {
		*year = year_at(c, yat, r.end);
		*publisher = trim(c, (range){r.start, yat});
	} else {
		size_t f = find(c, r.start, r.end, "forthcoming");

		if (f == NOTFOUND)
			f = find(c, r.start, r.end, "in press");
		if (f == NOTFOUND)
			return false;
		*forthcoming = true;
		*publisher = trim(c, (range){r.start, f});
	}
	{
		/* "Oxford University Press, 2nd ed., 2022": the edition is
		 * not part of the publisher's name */
		size_t comma = publisher->end;

		while (comma > publisher->start && c->t[comma - 1] != ',')
			comma--;
		if (comma > publisher->start &&
		    (find(c, comma, publisher->end, "ed") != NOTFOUND ||
		     find(c, comma, publisher->end, "edn") != NOTFOUND ||
		     find(c, comma, publisher->end, "edition") != NOTFOUND))
			*publisher = trim(c, (range){publisher->start, comma - 1});
	}
	/* a publisher is a short capitalised name, not a sentence */
	if (publisher->end > publisher->start &&
	    (!is_upper(c->t[publisher->start]) ||
	     publisher->end - publisher->start > 80))
		*publisher = (range){0, 0};
	return true;
}

static void add_coauthors(ctx *c, colo_work *w, range names)
{
	size_t p = names.start;

	while (p < names.end) {
		size_t e = p;
		range one;

		while (e < names.end && c->t[e] != ',' && !match_at(c, e, names.end, "and"))
			e++;
		one = trim(c, (range){p, e});
		if (one.end > one.start && is_upper(c->t[one.start])) {
			colo_creator *cr = colo_work_add_creator(w, COLO_ROLE_AUTHOR);

			colo_name_parse(c->t + one.start, one.end - one.start, &cr->name);
		}
		p = e < names.end ? e + (c->t[e] == ',' ? 1 : 3) : e;
	}
}

static int degree_at(const ctx *c, size_t p, size_t end, size_t *len);

/* Adds the book titled `title` with the publication note `note` (the
 * inside of its brackets, or made up by the caller).  With need_publisher
 * (a title found by its shape alone, with no "author of" before it) the
 * note must name a publisher, and not a degree: "University of Ibadan
 * (LLB, 2006)" is no book.  Returns whether a book was added. */
static bool add_book_parsed(ctx *c, range title, colo_creator_role role,
                            range publisher, int year, range with,
                            size_t span_end);

static bool add_book(ctx *c, range title, colo_creator_role role, range note,
                     size_t span_end, bool need_publisher)
{
	range publisher, with;
	int year;
	bool forthcoming;

	if (!pub_note(c, note, &publisher, &year, &forthcoming, &with))
		return false;
	if (need_publisher) {
		size_t dl;

		if (publisher.end <= publisher.start ||
		    degree_at(c, publisher.start, publisher.end, &dl) >= 0)
			return false;
	}
	return add_book_parsed(c, title, role, publisher, year, with, span_end);
}

/* add_book once the note is read: the title's lead-in words, quotes and
 * co-authors are sorted out here. */
static bool add_book_parsed(ctx *c, range title, colo_creator_role role,
                            range publisher, int year, range with,
                            size_t span_end)
{
	range t;
	long wi;
	colo_work *w;
	colo_creator *me;
	char *full, *colon;
	bool quoted;

	t = trim(c, title);
	for (int again = 1; again;) {
		again = 0;
		for (int i = 0; item_lead[i]; i++)
			if (match_case_at(c, t.start, t.end, item_lead[i])) {
				t.start = skip_spaces(c, t.start + strlen(item_lead[i]), t.end);
				t = trim(c, t);
				again = 1;
			}
	}
	if (!with.end && match_at(c, t.start, t.end, "with")) {
		/* "and, with Jane Roe, Salt Census (P, 2010)" */
		size_t comma = t.start;

		while (comma < t.end && c->t[comma] != ',')
			comma++;
		if (comma < t.end) {
			with = trim(c, (range){t.start + 4, comma});
			t = trim(c, (range){comma + 1, t.end});
		}
	}
	t = drop_lead_words(c, t);
	{
		range unquoted = strip_quotes(c, t);

		quoted = unquoted.start != t.start;
		t = unquoted;
	}
	/* A title starts with a capital (or a lower-case article); anything
	 * else is running prose, not a book. */
	if (t.end <= t.start || t.end - t.start > 300 ||
	    !(is_upper(c->t[t.start]) || is_digit(c->t[t.start]) ||
	      match_at(c, t.start, t.end, "the") || match_at(c, t.start, t.end, "a") ||
	      match_at(c, t.start, t.end, "an")))
		return false;
	if (cap_reached(c, CAP_WORKS, c->b->nworks, t.start))
		return false;
	{
		/* "Title, with Jane Roe" */
		size_t wpos = find(c, t.start, t.end, ", with");

		if (wpos != NOTFOUND && !with.end) {
			with = trim(c, (range){wpos + 6, t.end});
			t = trim(c, (range){t.start, wpos});
		}
	}
	if (!quoted) {
		/* "His current book, Harbors of Debt, is under contract (P,
		 * forthcoming)": a comma and a lower-case word end an unquoted
		 * title */
		for (size_t q = t.start; q + 2 < t.end; q++)
			if (c->t[q] == ',' && c->t[q + 1] == ' ' && is_lower(c->t[q + 2])) {
				t = trim(c, (range){t.start, q});
				break;
			}
	}
	wi = colo_batch_add_work(c->b);
	w = &c->b->works[wi];
	w->type = colo_xstrdup("book");
	full = title_from_text(c, t);
	colon = strstr(full, ": ");
	if (colon) {
		w->subtitle = colo_xstrdup(colon + 2);
		*colon = '\0';
	}
	w->title = full;
	w->year = year;
	if (publisher.end > publisher.start)
		w->publisher = copy(c, publisher);
	me = colo_work_add_creator(w, role);
	colo_name_copy(&me->name, &c->b->people[c->person].name);
	me->person = c->person;
	if (with.end > with.start)
		add_coauthors(c, w, with);
	w->span = (colo_span){t.start, span_end};
	return true;
}

/* "Her book, Borrowed Time, was published by Crown in 2021", "her
 * second, Blue Hour in Beirut, is forthcoming from House of Anansi": the
 * title is the title-case run before the verb. */
static void extract_published_by(ctx *c, range s)
{
	static const struct {
		const char *phrase;
		bool forthcoming;
	} shapes[] = {
		{"published by", false}, {"forthcoming from", true},
		{"is due from", true}, {"will be published by", true},
	};

	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		size_t from = s.start, at;

		while ((at = find(c, from, s.end, shapes[i].phrase)) != NOTFOUND) {
			size_t ps = skip_spaces(c, at + strlen(shapes[i].phrase), s.end);
			size_t pe, te = at, q;
			range title, with = {0, 0};
			int year = 0;

			from = at + 1;
			if (match_at(c, ps, s.end, "the"))
				ps = skip_spaces(c, ps + 3, s.end);
			pe = proper_run(c, ps, s.end);
			if (pe == ps)
				continue;
			q = skip_spaces(c, pe, s.end);
			if (!shapes[i].forthcoming && match_at(c, q, s.end, "in"))
				year = year_at(c, skip_spaces(c, q + 2, s.end), s.end);
			if (!shapes[i].forthcoming && !year)
				continue;
			/* back over "was", "is", "will be" and a comma */
			while (te > s.start && is_space(c->t[te - 1]))
				te--;
			for (int k = 0; k < 3; k++) {
				size_t ws = te;

				while (ws > s.start && is_lower(c->t[ws - 1]))
					ws--;
				if (ws < te && (match_at(c, ws, te, "was") ||
				                match_at(c, ws, te, "is") ||
				                match_at(c, ws, te, "be") ||
				                match_at(c, ws, te, "will") ||
				                match_at(c, ws, te, "been") ||
				                match_at(c, ws, te, "has") ||
				                match_at(c, ws, te, "recently"))) {
					te = ws;
					while (te > s.start && is_space(c->t[te - 1]))
						te--;
				}
			}
			if (te > s.start && c->t[te - 1] == ',')
				te--;
			title = title_run_back(c, s.start, te, true);
			if (title.end <= title.start || title.start == s.start)
				continue;
			if (cap_reached(c, CAP_WORKS, c->b->nworks, title.start))
				return;
			add_book_parsed(c, title, COLO_ROLE_AUTHOR, (range){ps, pe}, year,
			                with, year ? skip_spaces(c, q + 2, s.end) + 4 : pe);
		}
	}
}

/* "is the author of T (Publisher, 2014), T2 (P, 2016), and most recently
 * T3 (P, 2023)"; "edited T (P, 2001)"; "His books include “T” (2004)". */
static void extract_books(ctx *c, range s)
{
	size_t p = s.start, item_start = NOTFOUND;
	colo_creator_role role = COLO_ROLE_AUTHOR;
	size_t nitems = 0;

	while (p < s.end && nitems < COLO_BIO_MAX_LIST) {
		char ch = c->t[p];

		if (ch == '(') {
			size_t close = p + 1;
			int depth = 1;

			while (close < s.end && depth) {
				if (c->t[close] == '(')
					depth++;
				else if (c->t[close] == ')')
					depth--;
				if (depth)
					close++;
			}
			if (item_start != NOTFOUND && close < s.end) {
				add_book(c, (range){item_start, p}, role,
				         (range){p + 1, close}, close + 1, false);
				nitems++;
				item_start = close + 1;
			} else if (close < s.end) {
				/* no "author of" before it: a title-case run
				 * right before a publisher's note ("Her
				 * collection Winter Ledger (P, 2020)") */
				range tr = title_run_back(c, s.start, p, false);

				if (tr.end > tr.start &&
				    add_book(c, tr, role, (range){p + 1, close},
				             close + 1, true)) {
					nitems++;
					item_start = close + 1;
				}
			}
			p = close + 1;
			continue;
		}
		/* every trigger is a whole word: only word starts can match */
		for (size_t i = 0; i < NBOOK_TRIGGERS &&
		                   !(p > 0 && is_word_char(c->t[p - 1])); i++) {
			if (match_at(c, p, s.end, book_triggers[i].phrase)) {
				role = book_triggers[i].role;
				p += strlen(book_triggers[i].phrase);
				item_start = p;
				break;
			}
		}
		p++;
	}
}

/* ---- periodicals ------------------------------------------------------- */

static const char *const periodical_triggers[] = {
	"contributed extensively to", "contributed regularly to",
	"contributed to", "contributes to", "contributor to", "written for",
	"writes for", "wrote for", "writing for", "appeared in", "appear in",
	"published in", "columnist at", "columnist for", "contributing writer for",
	"contributing writer at", "bylines in", "regular contributor to",
	"column for", "column in", "columns for", "published stories in",
	"published essays in", "published poems in", "published articles in",
	"published work in", "published fiction in", NULL,
};

/* Words that end a venue list. */
static const char *const list_stops[] = {
	"among others", "and elsewhere", "and other", "and many", "as well as",
	"where", "and is", "and has", "and was", NULL,
};

static void add_periodical(ctx *c, range item)
{
	range name = trim(c, item), edition = {0, 0};
	size_t colon;
	long vi, li;
	char *vname;

	for (int again = 1; again;) {
		again = 0;
		if (match_at(c, name.start, name.end, "and") ||
		    match_at(c, name.start, name.end, "or")) {
			name.start = skip_spaces(c, name.start + (c->t[name.start] == 'a' ? 3 : 2), name.end);
			again = 1;
		}
	}
	name = trim(c, name);
	/* "the Diplomat: APAC" is The Diplomat's APAC edition */
	for (colon = name.start; colon < name.end && c->t[colon] != ':'; colon++)
		;
	if (colon < name.end) {
		edition = trim(c, (range){colon + 1, name.end});
		name = trim(c, (range){name.start, colon});
	}
	{
		/* a venue name is capitalised; "a number of journals" is not */
		size_t first = name.start;

		if (match_at(c, first, name.end, "the"))
			first = skip_spaces(c, first + 3, name.end);
		if (first >= name.end || !is_upper(c->t[first]) ||
		    name.end - name.start > 100)
			return;
	}
	if (cap_reached(c, CAP_VENUES, c->b->nvenues, name.start))
		return;
	vname = name_from_text(c, name);
	vi = colo_batch_intern_venue(c->b, vname, "periodical");
	free(vname);
	if (edition.end > edition.start && !c->b->venues[vi].edition)
		c->b->venues[vi].edition = copy(c, edition);
	if (!c->b->venues[vi].span.end) {
		/* the name itself, not its quotes (or an HTML page's <i>) */
		range inner = strip_quotes(c, name);

		c->b->venues[vi].span = (colo_span){inner.start, inner.end};
	}
	if ((size_t)vi >= c->nwriter) {
		size_t n = c->nwriter ? c->nwriter : 64;

		while (n <= (size_t)vi)
			n *= 2;
		c->writer = colo_xrealloc(c->writer, n * sizeof *c->writer);
		for (size_t i = c->nwriter; i < n; i++)
			c->writer[i] = -1;
		c->nwriter = n;
	}
	if (c->writer[vi] == c->person)
		return;
	c->writer[vi] = c->person;
	li = colo_batch_add_link(c->b, COLO_KIND_PERSON, c->person,
	                         COLO_KIND_VENUE, vi, "writes-for");
	while (item.end > item.start && is_space(c->t[item.end - 1]))
		item.end--;
	c->b->links[li].span = (colo_span){item.start, item.end};
}

/* "has contributed extensively to a number of journals and magazines,
 * including the National Interest, the Diplomat: APAC, World Politics
 * Review, and the American Prospect". */
static void periodical_list(ctx *c, size_t start, size_t end)
{
	size_t p, n = 0;

	{
		size_t inc = find(c, start, end, "including");
		size_t such = find(c, start, end, "such as");

		if (inc != NOTFOUND)
			start = inc + 9;
		else if (such != NOTFOUND)
			start = such + 7;
	}
	for (int i = 0; list_stops[i]; i++) {
		size_t at = find(c, start, end, list_stops[i]);

		if (at != NOTFOUND)
			end = at;
	}
	while (end > start && (c->t[end - 1] == '.' || is_space(c->t[end - 1])))
		end--;
	p = start;
	while (p < end && n < COLO_BIO_MAX_LIST) {
		size_t e = p;

		/* items end at a comma, a semicolon or " and " */
		while (e < end && c->t[e] != ',' && c->t[e] != ';' &&
		       !(e > p && match_at(c, e, end, "and") && is_space(c->t[e - 1])))
			e++;
		add_periodical(c, (range){p, e});
		n++;
		if (e < end && (c->t[e] == ',' || c->t[e] == ';'))
			p = e + 1;
		else
			p = e < end ? e + 3 : e;
	}
}

/* Each venue list in the sentence, from its trigger to the next one ("is
 * a contributing writer for the Atlantic and has written for the Guardian
 * and Der Spiegel" holds two). */
static void extract_periodicals(ctx *c, range s)
{
	size_t at[8], after[8], n = 0;

	for (size_t p = s.start; p < s.end && n < 8; p++) {
		if (p > s.start && is_word_char(c->t[p - 1]))
			continue;
		for (int i = 0; periodical_triggers[i]; i++)
			if (match_at(c, p, s.end, periodical_triggers[i])) {
				at[n] = p;
				after[n] = p + strlen(periodical_triggers[i]);
				n++;
				p = after[n - 1] - 1;
				break;
			}
	}
	for (size_t i = 0; i < n; i++)
		periodical_list(c, after[i], i + 1 < n ? at[i + 1] : s.end);
}

/* ---- roles ------------------------------------------------------------- */

static const struct {
	const char *written;
	const char *role;     /* stored role */
	const char *relation; /* link from the person to the venue */
} role_nouns[] = {
	{"member of the editorial board", "editorial board member", "edits"},
	{"editorial board member", "editorial board member", "edits"},
	{"editorial board", "editorial board member", "edits"},
	{"member of the advisory board", "advisory board member", "advises"},
	{"advisory board member", "advisory board member", "advises"},
	{"advisory board", "advisory board member", "advises"},
	{"editor-in-chief", "editor-in-chief", "edits"},
	{"editor in chief", "editor-in-chief", "edits"},
	{"founding editor", "founding editor", "edits"},
	{"contributing editor", "contributing editor", "edits"},
	{"senior editor", "senior editor", "edits"},
	{"managing editor", "managing editor", "edits"},
	{"executive editor", "executive editor", "edits"},
	{"deputy editor", "deputy editor", "edits"},
	{"associate editor", "associate editor", "edits"},
	{"series editor", "series editor", "edits"},
	{"editor", "editor", "edits"},
	{"co-founder", "co-founder", "founded"},
	{"cofounder", "co-founder", "founded"},
	{"founder", "founder", "founded"},
	{"member of the board of directors", "board member", "board-member-of"},
	{"member of the board of trustees", "board member", "board-member-of"},
	{"member of the board", "board member", "board-member-of"},
	{"board member", "board member", "board-member-of"},
	{"board of directors", "board member", "board-member-of"},
	{"board of trustees", "board member", "board-member-of"},
	{"on the board of directors", "board member", "board-member-of"},
	{"on the board of trustees", "board member", "board-member-of"},
	{"on the boards", "board member", "board-member-of"},
	{"on the board", "board member", "board-member-of"},
	{"trustee", "trustee", "board-member-of"},
	{"senior adviser", "senior adviser", "advises"},
	{"senior advisor", "senior adviser", "advises"},
	{"adviser", "adviser", "advises"},
	{"advisor", "adviser", "advises"},
};

#define NROLE_NOUNS (sizeof role_nouns / sizeof role_nouns[0])

static int role_noun_at(const ctx *c, size_t p, size_t end, size_t *len)
{
	/* every noun is a whole word: only word starts can match */
	if (p > 0 && is_word_char(c->t[p - 1]))
		return -1;
	for (size_t i = 0; i < NROLE_NOUNS; i++)
		if (match_at(c, p, end, role_nouns[i].written)) {
			*len = strlen(role_nouns[i].written);
			return (int)i;
		}
	return -1;
}

/* Organisations, as opposed to periodicals, by a word in their name. */
static const char *venue_kind_for(ctx *c, range s, range name)
{
	static const char *const org_words[] = {
		"University", "Institute", "Foundation", "Council", "Center",
		"Centre", "School", "Society", "Association", "Committee",
		"Board", "Fund", "Trust", "Museum", "Academy", "College", "Club",
		"Alliance", "Union", "Commission", "Agency", "Department",
		"Initiative", "Program", "Programme", "Network", "Coalition", NULL,
	};

	for (int i = 0; org_words[i]; i++)
		if (find(c, name.start, name.end, org_words[i]) != NOTFOUND)
			return "organisation";
	/* once per sentence, however many roles it names */
	if (c->blog < 0)
		c->blog = find(c, s.start, s.end, "blog") != NOTFOUND;
	return c->blog ? "blog" : "periodical";
}

/* Whether the words after a role's "of" are a book with its publication
 * note ("editor of Letters from the Delta (Kinross Books, 2001)"): the
 * book reader takes those.  Looks only as far as the clause's first
 * comma, semicolon or bracket, and never past 300 bytes. */
static bool is_book_after(const ctx *c, size_t p, size_t end)
{
	size_t lim = p + 300 < end ? p + 300 : end, close;

	while (p < lim && c->t[p] != '(' && c->t[p] != ',' && c->t[p] != ';') {
		/* "senior editor at X and the author of T (P, 2017)": a new
		 * clause ("and" before lower-case words) ends the venue */
		if (match_at(c, p, lim, "and")) {
			size_t w = skip_spaces(c, p + 3, lim);

			if (match_at(c, w, lim, "the") || match_at(c, w, lim, "a") ||
			    match_at(c, w, lim, "an"))
				w = skip_spaces(c, w + (c->t[w + 1] == 'h' ? 3
				                        : c->t[w + 1] == 'n' ? 2 : 1), lim);
			if (w < lim && is_lower(c->t[w]))
				return false;
		}
		p++;
	}
	if (p >= lim || c->t[p] != '(')
		return false;
	lim = p + 80 < end ? p + 80 : end;
	for (close = p + 1; close < lim && c->t[close] != ')'; close++)
		;
	return find_year(c, p, close, NULL) ||
	       find(c, p, close, "forthcoming") != NOTFOUND;
}

/* Where the venue named from org_start ends: the end of its clause, since
 * names such as "Lawyers, Guns and Money" hold commas and "and". */
static size_t venue_clause_end(const ctx *c, size_t org_start, size_t end)
{
	size_t e = org_start;

	while (e < end && c->t[e] != '(' && c->t[e] != ';' &&
	       !match_at(c, e, end, "since") && !match_at(c, e, end, "from") &&
	       !match_at(c, e, end, "where") && !match_at(c, e, end, "which") &&
	       !match_at(c, e, end, "who") &&
	       !(c->t[e] == ',' && (match_at(c, skip_spaces(c, e + 1, end), end, "a") ||
	                            match_at(c, skip_spaces(c, e + 1, end), end, "an")))) {
		/* "and" before a lower-case word starts a new clause ("and
		 * sits on", "and a contributing editor"); "and the" may still
		 * be inside a name */
		if (match_at(c, e, end, "and") && e > org_start &&
		    is_space(c->t[e - 1])) {
			size_t w = skip_spaces(c, e + 3, end);

			if (w < end && is_lower(c->t[w]) && !match_at(c, w, end, "the"))
				break;
			/* "X and the author of T": "the" before a lower-case
			 * word starts a clause too */
			if (match_at(c, w, end, "the")) {
				size_t w2 = skip_spaces(c, w + 3, end);

				if (w2 < end && is_lower(c->t[w2]))
					break;
			}
		}
		e++;
	}
	return e;
}

/* Adds the roles found[0..nfound) held at the venue named at org_start
 * (up to s.end).  Returns where the venue's clause ends, for the caller to
 * go on reading from. */
/* The roles found[0..nfound) at the venue named by `name`. */
static void add_roles_at(ctx *c, range s, const int *found, size_t nfound,
                         size_t first, range name)
{
	long vi;
	char *vname;

	if (cap_reached(c, CAP_VENUES, c->b->nvenues, name.start))
		return;
	vname = name_from_text(c, name);
	vi = colo_batch_intern_venue(c->b, vname, venue_kind_for(c, s, name));
	if (!c->b->venues[vi].span.end) {
		range inner = strip_quotes(c, name);

		c->b->venues[vi].span = (colo_span){inner.start, inner.end};
	}
	for (size_t i = 0; i < nfound; i++) {
		colo_role *r;
		long li;

		if (c->b->people[c->person].nroles >= COLO_BIO_MAX_LIST)
			break;
		r = colo_person_add_role(&c->b->people[c->person]);
		r->role = colo_xstrdup(role_nouns[found[i]].role);
		r->org = colo_xstrdup(vname);
		r->venue = vi;
		r->span = (colo_span){first, name.end};
		li = colo_batch_add_link(c->b, COLO_KIND_PERSON, c->person,
		                         COLO_KIND_VENUE, vi,
		                         role_nouns[found[i]].relation);
		if (strcmp(role_nouns[found[i]].relation, "founded") != 0)
			c->b->links[li].role = colo_xstrdup(role_nouns[found[i]].role);
		c->b->links[li].span = (colo_span){first, name.end};
	}
	free(vname);
}

static size_t add_role_group(ctx *c, range s, const int *found, size_t nfound,
                             size_t first, size_t org_start)
{
	size_t e = venue_clause_end(c, org_start, s.end);
	range name;
	bool plural = false;

	/* "editor of T (Publisher, 2001)" is a book, read elsewhere */
	if (e < s.end && c->t[e] == '(' &&
	    find_year(c, e, e + 80 < s.end ? e + 80 : s.end, NULL))
		return e;
	if (is_book_after(c, org_start, s.end))
		return e;
	name = trim(c, (range){org_start, e});
	name = drop_word(c, name, "the blog");
	name = drop_word(c, name, "the website");
	name = drop_word(c, name, "the magazine");
	name = drop_word(c, name, "the journal");
	if (match_at(c, name.start, name.end, "the")) {
		/* "the literary quarterly Lantern", "the newsletter Ballast":
		 * lower-case words that describe the venue before its name */
		size_t q = skip_spaces(c, name.start + 3, name.end);
		int words = 0;

		while (q < name.end && is_lower(c->t[q]) && words < 4) {
			while (q < name.end && is_word_char(c->t[q]))
				q++;
			q = skip_spaces(c, q, name.end);
			words++;
		}
		if (words && words < 4 && q < name.end && is_upper(c->t[q]))
			name.start = q;
	}
	if (name.end <= name.start || name.end - name.start > 100)
		return e;
	{
		size_t f = name.start;

		if (match_at(c, f, name.end, "the"))
			f = skip_spaces(c, f + 3, name.end);
		if (f >= name.end || !is_upper(c->t[f]))
			return e;
	}
	for (size_t i = 0; i < nfound; i++)
		plural = plural || strstr(role_nouns[found[i]].written, "boards");
	if (!plural) {
		add_roles_at(c, s, found, nfound, first, name);
		return e;
	}
	/* "serves on the boards of A, B and the C": one venue each */
	for (size_t p = name.start; p < name.end;) {
		size_t q = p;
		range one;

		while (q < name.end && c->t[q] != ',' &&
		       !(q > p && match_at(c, q, name.end, "and") && is_space(c->t[q - 1])))
			q++;
		one = trim(c, (range){p, q});
		if (one.end > one.start && (is_upper(c->t[one.start]) ||
		                            match_at(c, one.start, one.end, "the")))
			add_roles_at(c, s, found, nfound, first, one);
		p = q < name.end ? q + (c->t[q] == ',' ? 1 : 3) : q;
	}
	return e;
}

/* Job titles that may sit among role nouns without ending the group. */
static const char *const group_titles[] = {"executive", "director", "managing",
                                           "president", "chair", "chairman",
                                           "chief", "publisher", NULL};

/* "is also a founder and senior editor of Lawyers, Guns and Money",
 * "serves on the editorial board of X and is an adviser to Y", "founded X
 * in 2009".  Each group of role nouns joined by "and" and commas, then
 * "of", "at", "for" or "to" and a venue, is read in turn. */
static void extract_roles(ctx *c, range s)
{
	size_t p = s.start, nfound = 0;
	bool any = false;

	while (p < s.end) {
		int found[8];
		size_t first = NOTFOUND, org_start = NOTFOUND;

		nfound = 0;
		while (p < s.end && nfound < 8) {
			size_t len;
			int ri = role_noun_at(c, p, s.end, &len);

			if (ri < 0) {
				/* only "and", commas, articles between role nouns */
				if (nfound && !(is_space(c->t[p]) || c->t[p] == ',' ||
				                match_at(c, p, s.end, "and") ||
				                match_at(c, p, s.end, "a") ||
				                match_at(c, p, s.end, "an") ||
				                match_at(c, p, s.end, "the"))) {
					if (match_at(c, p, s.end, "of") || match_at(c, p, s.end, "at") ||
					    match_at(c, p, s.end, "for") || match_at(c, p, s.end, "to")) {
						org_start = skip_spaces(c, p + (c->t[p] == 'o' || c->t[p] == 'a' ||
						                                    c->t[p] == 't' ? 2 : 3), s.end);
						break;
					}
					size_t w = p;

					/* "co-founder and executive director of X":
					 * a job title between role nouns */
					while (w < s.end && is_word_char(c->t[w]))
						w++;
					if (word_in(c, p, w - p, group_titles)) {
						p = w;
						continue;
					}
					nfound = 0; /* "editor" in passing; start over */
				}
				if (match_at(c, p, s.end, "and") || match_at(c, p, s.end, "the"))
					p += 3;
				else
					p++;
				continue;
			}
			if (!nfound)
				first = p;
			found[nfound++] = ri;
			p += len;
		}
		if (org_start == NOTFOUND)
			break;
		any = true;
		p = add_role_group(c, s, found, nfound, first, org_start);
		if (p <= org_start)
			p = org_start + 1;
		if (c->b->people[c->person].nroles >= COLO_BIO_MAX_LIST)
			return;
	}
	if (!any && !nfound) {
		/* "founded X in 2009" */
		size_t f = find(c, s.start, s.end, "founded"), org_start, e;
		int found[1] = {-1};

		if (f == NOTFOUND)
			return;
		org_start = skip_spaces(c, f + 7, s.end);
		if (match_at(c, org_start, s.end, "the"))
			org_start = skip_spaces(c, org_start + 3, s.end);
		for (size_t i = 0; i < NROLE_NOUNS; i++)
			if (strcmp(role_nouns[i].written, "founder") == 0)
				found[0] = (int)i;
		e = proper_run(c, org_start, s.end);
		if (e == org_start)
			return;
		add_role_group(c, (range){s.start, e}, found, 1, f, org_start);
	}
}

/* ---- blocks ------------------------------------------------------------ */

/* Per sentence: find whose it is, then read every kind of fact. */
static void read_sentence(ctx *c, range s)
{
	size_t first = skip_spaces(c, s.start, s.end);

	/* Prose sentences run long; a "sentence" of thousands of bytes is
	 * not one a bio writes, and skipping it keeps the scan linear. */
	if (s.end - s.start > COLO_BIO_MAX_SENT_BYTES) {
		unsigned line, col;

		if (c->person >= 0 && diag_at(c, s.start, &line, &col))
			colo_batch_diag(c->b, line, col,
			                "sentence of %zu bytes not read (longer than %d)",
			                s.end - s.start, COLO_BIO_MAX_SENT_BYTES);
		return;
	}
	c->sent_end = s.end;
	c->blog = -1;
	if (c->person < 0) {
		bool opening = c->first_sentence;

		c->first_sentence = false;
		if (match_at(c, first, s.end, "My name is") ||
		    match_at(c, first, s.end, "I am") || match_at(c, first, s.end, "I'm")) {
			/* "My name is Ada Obi and I ...", "I am Ada Obi, a ..." */
			size_t q = skip_spaces(c, first + (c->t[first] == 'M' ? 10
			                                   : c->t[first + 1] == '\'' ? 3 : 4),
			                       s.end);

			c->person = person_at(c, (range){q, s.end}, NULL);
			c->created = c->person >= 0;
		}
		if (c->person >= 0) {
			/* named in the first person */
		} else if (match_at(c, first, s.end, "I") || match_at(c, first, s.end, "My") ||
		           match_at(c, first, s.end, "I'm") ||
		           match_at(c, first, s.end, "I\xe2\x80\x99m")) {
			if (opening && c->prev >= 0 && is_anonymous(c->b, c->prev)) {
				c->person = c->prev;
			} else {
				c->person = anonymous_person(c, first);
				c->created = c->person >= 0;
			}
		} else {
			c->person = person_at(c, (range){first, s.end}, NULL);
			c->created = c->person >= 0;
			if (c->person < 0 && opening && c->prev >= 0 &&
			    refers_to(c, (range){first, s.end}, c->prev))
				c->person = c->prev;
		}
		if (c->person < 0)
			return;
	}
	c->first_sentence = false;
	extract_degrees(c, s);
	extract_affiliations(c, s);
	extract_books(c, s);
	extract_published_by(c, s);
	extract_periodicals(c, s);
	extract_roles(c, s);
}

/* Drops the person this block made when the text gave no facts for them
 * (a heading that happened to look like a name), keeping batch indices
 * valid: only the most recently added person can be dropped.  A block
 * that went on about an earlier person never drops them. */
static void drop_empty_person(ctx *c)
{
	if (c->person >= 0 && c->created &&
	    (size_t)c->person == c->b->npeople - 1 &&
	    !person_has_facts(c, c->person)) {
		colo_person_cleanup(&c->b->people[c->person]);
		c->b->npeople--;
		c->person = -1;
	}
	if (c->person >= 0)
		c->prev = c->person;
	c->person = -1;
}

/* One bio: a named person (from a heading, or the first sentence). */
static void read_block(ctx *c, range r, range heading_name)
{
	c->person = -1;
	c->link_base = c->b->nlinks;
	c->work_base = c->b->nworks;
	c->first_sentence = true;
	c->created = false;
	if (heading_name.end > heading_name.start) {
		c->person = person_at(c, heading_name, NULL);
		c->created = c->person >= 0;
	}
	each_sentence(c, r, read_sentence);
	drop_empty_person(c);
}

/* Finds "About the Author" (or "About the Authors", "Author bio") at the
 * start of a line at or after `from`; returns its position or NOTFOUND.
 * *after is set just past the phrase. */
static size_t find_about(const ctx *c, size_t from, size_t *after)
{
	static const char *const phrases[] = {"About the Authors", "About the Author",
	                                      "About The Author", "ABOUT THE AUTHOR",
	                                      "Author Bio", "Author bio",
	                                      "About the Contributor", NULL};

	for (size_t p = from; p < c->len; p++) {
		size_t q = p;

		if (p > 0 && c->t[p - 1] != '\n')
			continue;
		while (q < c->len && (c->t[q] == ' ' || c->t[q] == '#' || c->t[q] == '*'))
			q++;
		for (int i = 0; phrases[i]; i++) {
			size_t n = strlen(phrases[i]);

			if (q + n <= c->len && memcmp(c->t + q, phrases[i], n) == 0) {
				*after = q + n;
				return p;
			}
		}
	}
	return NOTFOUND;
}

static size_t line_end(const ctx *c, size_t p)
{
	while (p < c->len && c->t[p] != '\n')
		p++;
	return p;
}

/* The end of the paragraph that starts at p: the first blank line. */
static size_t paragraph_end(const ctx *c, size_t p)
{
	while (p < c->len) {
		size_t e = line_end(c, p), q;

		if (e >= c->len)
			return c->len;
		q = e + 1;
		while (q < c->len && (c->t[q] == ' ' || c->t[q] == '\t' || c->t[q] == '\r'))
			q++;
		if (q >= c->len || c->t[q] == '\n')
			return e;
		p = e + 1;
	}
	return c->len;
}

/* A short line with no sentence punctuation: a heading (maybe a name). */
static bool is_heading(const ctx *c, range line)
{
	range t = trim(c, line);
	size_t n = t.end - t.start;

	if (n == 0 || n > 80 || !is_upper(c->t[t.start]))
		return false;
	if (memchr(c->t + t.start, '.', n) && !memchr(c->t + t.start, ' ', n))
		return false;
	return c->t[line.end - 1] != '.' && c->t[t.end] != '.' &&
	       (t.end >= c->len || c->t[t.end] != '.');
}

static void read_sections(ctx *c)
{
	size_t after, at = find_about(c, 0, &after);

	if (at != NOTFOUND) {
		/* An article: only its "About the Author" sections are bios. */
		while (at != NOTFOUND) {
			size_t le = line_end(c, after), body = le < c->len ? le + 1 : le;
			range name = {after, le};

			/* "About the Author: Dr. Robert Farley" */
			while (name.start < name.end &&
			       (c->t[name.start] == ':' || c->t[name.start] == ' ' ||
			        c->t[name.start] == '-' || c->t[name.start] == '*' ||
			        (unsigned char)c->t[name.start] == 0xe2))
				name.start += (unsigned char)c->t[name.start] == 0xe2 ? 3 : 1;
			if (name.start > name.end)
				name.start = name.end;
			name = trim(c, name);
			body = skip_spaces(c, body, c->len);
			read_block(c, (range){body, paragraph_end(c, body)}, name);
			at = find_about(c, paragraph_end(c, body), &after);
		}
		return;
	}
	/* A page of bios: one per paragraph; a heading line may name the
	 * person the next paragraph is about. */
	{
		size_t p = skip_spaces(c, 0, c->len);
		range pending = {0, 0};

		while (p < c->len) {
			size_t e = paragraph_end(c, p), le = line_end(c, p);
			range para = {p, e};

			if (le >= e && is_heading(c, (range){p, le})) {
				pending = trim(c, (range){p, le});
			} else {
				if (pending.end > pending.start && le < e &&
				    is_heading(c, (range){p, le}))
					para.start = le + 1;
				else if (pending.end == pending.start && le < e &&
				         is_heading(c, (range){p, le})) {
					pending = trim(c, (range){p, le});
					para.start = le + 1;
				}
				read_block(c, para, pending);
				pending = (range){0, 0};
			}
			p = skip_spaces(c, e, c->len);
		}
	}
}

/* ---- HTML input -------------------------------------------------------- */

static char lower_ascii(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Case-insensitive prefix test of the NUL-terminated w at data[p..len). */
static bool has_prefix_ci(const char *data, size_t len, size_t p, const char *w)
{
	for (size_t i = 0; w[i]; i++)
		if (p + i >= len || lower_ascii(data[p + i]) != w[i])
			return false;
	return true;
}

bool colo_bio_is_html(const char *data, size_t len)
{
	static const char *const marks[] = {"<html", "<body", "<p>", "<p ",
	                                    "<div", "<br", NULL};
	size_t probe = len < 65536 ? len : 65536;

	for (size_t p = 0; p < probe; p++) {
		if (data[p] != '<')
			continue;
		for (int i = 0; marks[i]; i++)
			if (has_prefix_ci(data, probe, p, marks[i]))
				return true;
	}
	return false;
}

typedef struct html_out {
	char *text;
	size_t len, cap; /* text, from and to have room for cap entries */
	size_t *from, *to;
} html_out;

static void html_emit(html_out *h, const char *s, size_t n, size_t from,
                      size_t to)
{
	if (h->len + n + 1 > h->cap) {
		size_t cap = h->cap ? h->cap : 256;

		while (h->len + n + 1 > cap)
			cap *= 2;
		h->text = colo_xrealloc(h->text, cap);
		h->from = colo_xrealloc(h->from, cap * sizeof *h->from);
		h->to = colo_xrealloc(h->to, cap * sizeof *h->to);
		h->cap = cap;
	}
	for (size_t i = 0; i < n; i++) {
		h->text[h->len + i] = s[i];
		h->from[h->len + i] = from;
		h->to[h->len + i] = to;
	}
	h->len += n;
	h->text[h->len] = '\0';
}

/* A paragraph break, unless the text already ends with one (or is empty). */
static void html_break(html_out *h, size_t at, int newlines)
{
	size_t n = h->len, have = 0;

	while (n > 0 && h->text[n - 1] == ' ')
		n--;
	h->len = n;
	if (h->text)
		h->text[n] = '\0';
	while (have < (size_t)newlines && have < n && h->text[n - 1 - have] == '\n')
		have++;
	if (n == 0)
		return;
	for (; have < (size_t)newlines; have++)
		html_emit(h, "\n", 1, at, at);
}

/* Appends the UTF-8 encoding of code point u. */
static size_t utf8_encode(unsigned long u, char out[4])
{
	if (u < 0x80) {
		out[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		out[0] = (char)(0xC0 | (u >> 6));
		out[1] = (char)(0x80 | (u & 0x3F));
		return 2;
	}
	if (u < 0x10000) {
		out[0] = (char)(0xE0 | (u >> 12));
		out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		out[2] = (char)(0x80 | (u & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (u >> 18));
	out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
	out[3] = (char)(0x80 | (u & 0x3F));
	return 4;
}

/* Decodes the entity at data[p] ('&'); returns its length (0: not one)
 * and its UTF-8 bytes in out. */
static size_t html_entity(const char *data, size_t len, size_t p, char out[4],
                          size_t *outlen)
{
	static const struct {
		const char *name;
		unsigned long cp;
	} named[] = {
		{"amp", '&'},     {"lt", '<'},       {"gt", '>'},
		{"AMP", '&'},     {"LT", '<'},       {"GT", '>'},
		{"QUOT", '"'},
		{"quot", '"'},    {"apos", '\''},    {"nbsp", ' '},
		{"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018},
		{"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
		{"hellip", 0x2026}, {"eacute", 0xE9}, {"egrave", 0xE8},
		{"aacute", 0xE1}, {"iacute", 0xED},  {"oacute", 0xF3},
		{"uacute", 0xFA}, {"ntilde", 0xF1},  {"ouml", 0xF6},
		{"uuml", 0xFC},   {"auml", 0xE4},    {"ccedil", 0xE7},
		{"oslash", 0xF8}, {"aring", 0xE5},   {"szlig", 0xDF},
		{"Eacute", 0xC9}, {"Ouml", 0xD6},    {"Uuml", 0xDC},
		{"Auml", 0xC4},   {"Oslash", 0xD8},  {"Aring", 0xC5},
	};
	size_t q = p + 1, e;
	unsigned long u = 0;

	for (e = q; e < len && e - q < 10 && data[e] != ';'; e++)
		;
	if (e >= len || data[e] != ';' || e == q)
		return 0;
	if (data[q] == '#') {
		bool hex = q + 1 < e && (data[q + 1] == 'x' || data[q + 1] == 'X');
		size_t d = q + 1 + hex;

		if (d >= e)
			return 0;
		for (; d < e; d++) {
			char ch = data[d];
			int v = ch >= '0' && ch <= '9'             ? ch - '0'
			        : hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
			        : hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
			                                        : -1;

			if (v < 0)
				return 0;
			u = u * (hex ? 16 : 10) + (unsigned long)v;
			if (u > 0x10FFFF)
				return 0;
		}
		/* no NUL, C0 controls but white space, surrogates */
		if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') ||
		    (u >= 0xD800 && u <= 0xDFFF))
			return 0;
		if (u == '\t' || u == '\n' || u == '\r' || u == 0xA0)
			u = ' ';
		*outlen = utf8_encode(u, out);
		return e + 1 - p;
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == e - q &&
		    memcmp(data + q, named[i].name, e - q) == 0) {
			*outlen = utf8_encode(named[i].cp, out);
			return e + 1 - p;
		}
	return 0;
}

/* The end of the tag that starts at data[p] ('<'), past its '>', with
 * quoted attribute values skipped; 0 when it does not close. */
static size_t html_tag_end(const char *data, size_t len, size_t p)
{
	char quote = 0;

	for (size_t q = p + 1; q < len && q - p < 4096; q++) {
		if (quote) {
			if (data[q] == quote)
				quote = 0;
		} else if (data[q] == '"' || data[q] == '\'') {
			quote = data[q];
		} else if (data[q] == '>') {
			return q + 1;
		} else if (data[q] == '<') {
			return 0;
		}
	}
	return 0;
}

/* Whether data[q..] is "</NAME" followed by '>' or white space, NAME
 * compared case-insensitively with name[0..n). */
static bool close_tag_at(const char *data, size_t len, size_t q,
                         const char *name, size_t n)
{
	if (q + 2 + n >= len || data[q] != '<' || data[q + 1] != '/')
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower_ascii(data[q + 2 + i]) != lower_ascii(name[i]))
			return false;
	return data[q + 2 + n] == '>' || is_space(data[q + 2 + n]);
}

static bool tag_is(const char *name, size_t n, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n) {
			size_t k = 0;

			while (k < n && lower_ascii(name[k]) == list[i][k])
				k++;
			if (k == n)
				return true;
		}
	return false;
}

void colo_bio_html_strip(const char *data, size_t len, colo_bio_html *out)
{
	static const char *const blocks[] = {
		"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
		"tr", "td", "th", "table", "section", "article", "header", "footer",
		"blockquote", "body", "html", "head", "dl", "dt", "dd", "aside",
		"main", "nav", "figure", "figcaption", "hr", "address", "pre", NULL,
	};
	static const char *const italics[] = {"i", "em", "cite", NULL};
	static const char *const skipped[] = {"script", "style", "title",
	                                      "noscript", "template", NULL};
	html_out h = {NULL, 0, 0, NULL, NULL};
	int quoted = 0;
	size_t p = 0;

	while (p < len) {
		char ch = data[p];

		if (ch == '<' && p + 3 < len && memcmp(data + p, "<!--", 4) == 0) {
			size_t q = p + 4;

			while (q + 2 < len && memcmp(data + q, "-->", 3) != 0)
				q++;
			p = q + 2 < len ? q + 3 : len;
			continue;
		}
		if (ch == '<' && p + 1 < len &&
		    (is_upper(data[p + 1]) || is_lower(data[p + 1]) ||
		     data[p + 1] == '/' || data[p + 1] == '!' || data[p + 1] == '?')) {
			size_t e = html_tag_end(data, len, p), ns, ne;
			bool closing;

			if (!e) {
				html_emit(&h, "<", 1, p, p + 1);
				p++;
				continue;
			}
			closing = data[p + 1] == '/';
			ns = p + 1 + closing;
			for (ne = ns; ne < e - 1 && (is_upper(data[ne]) || is_lower(data[ne]) ||
			                             is_digit(data[ne]));
			     ne++)
				;
			if (!closing && tag_is(data + ns, ne - ns, skipped)) {
				/* the element's text is not the page's prose */
				size_t q = e, n = ne - ns;

				while (q < len &&
				       !close_tag_at(data, len, q, data + ns, n))
					q++;
				e = q < len ? html_tag_end(data, len, q) : len;
				if (!e)
					e = len;
			} else if (tag_is(data + ns, ne - ns, blocks)) {
				html_break(&h, p, 2);
			} else if (ne - ns == 2 && lower_ascii(data[ns]) == 'b' &&
			           lower_ascii(data[ns + 1]) == 'r') {
				html_break(&h, p, 1);
			} else if (tag_is(data + ns, ne - ns, italics)) {
				if (!closing && quoted++ == 0)
					html_emit(&h, "\xe2\x80\x9c", 3, p, e);
				else if (closing && quoted > 0 && --quoted == 0)
					html_emit(&h, "\xe2\x80\x9d", 3, p, e);
			}
			p = e;
			continue;
		}
		if (ch == '&') {
			char u[4];
			size_t ul = 0, n = html_entity(data, len, p, u, &ul);

			if (n) {
				if (!(u[0] == ' ' && ul == 1 &&
				      (h.len == 0 || is_space(h.text[h.len - 1]))))
					html_emit(&h, u, ul, p, p + n);
				p += n;
				continue;
			}
		}
		if (is_space(ch) || ch == '\0') {
			if (h.len > 0 && !is_space(h.text[h.len - 1]))
				html_emit(&h, " ", 1, p, p + 1);
			p++;
			continue;
		}
		html_emit(&h, &data[p], 1, p, p + 1);
		p++;
	}
	html_emit(&h, "", 0, len, len); /* room for the NUL and the end entry */
	h.from[h.len] = len;
	h.to[h.len] = len;
	out->len = h.len;
	out->text = h.text;
	out->from = h.from;
	out->to = h.to;
}

void colo_bio_html_cleanup(colo_bio_html *h)
{
	if (!h)
		return;
	free(h->text);
	free(h->from);
	free(h->to);
	h->text = NULL;
	h->from = h->to = NULL;
	h->len = 0;
}

/* Moves a span of the stripped text onto the input's bytes. */
static void remap(const colo_bio_html *h, colo_span *s)
{
	size_t a = s->start, b = s->end;

	if (!s->end)
		return;
	if (a > h->len)
		a = h->len;
	if (b > h->len)
		b = h->len;
	s->start = h->from[a];
	s->end = b > a ? h->to[b - 1] : h->from[a];
}

static void remap_batch(const colo_bio_html *h, colo_batch *b)
{
	for (size_t i = 0; i < b->npeople; i++) {
		colo_person *p = &b->people[i];

		remap(h, &p->span);
		for (size_t j = 0; j < p->ndegrees; j++)
			remap(h, &p->degrees[j].span);
		for (size_t j = 0; j < p->naffiliations; j++)
			remap(h, &p->affiliations[j].span);
		for (size_t j = 0; j < p->nroles; j++)
			remap(h, &p->roles[j].span);
	}
	for (size_t i = 0; i < b->nworks; i++)
		remap(h, &b->works[i].span);
	for (size_t i = 0; i < b->nvenues; i++)
		remap(h, &b->venues[i].span);
	for (size_t i = 0; i < b->nlinks; i++)
		remap(h, &b->links[i].span);
}

int colo_bio_sniff(const char *data, size_t len)
{
	ctx c = {data, len, NULL, -1, 0, 0, 0, NULL, 0, -1, 0, -1, false, false,
	         0, 0, 1, 1, NULL, 0, NULL};
	size_t after;
	size_t probe = len < 65536 ? len : 65536;

	c.len = probe;
	if (find_about(&c, 0, &after) != NOTFOUND)
		return 70;
	if (find(&c, 0, probe, "author of") != NOTFOUND ||
	    find(&c, 0, probe, "received his") != NOTFOUND ||
	    find(&c, 0, probe, "received her") != NOTFOUND ||
	    find(&c, 0, probe, "is a professor") != NOTFOUND ||
	    find(&c, 0, probe, "senior fellow") != NOTFOUND)
		return 40;
	return 10;
}

bool colo_bio_parse(const char *data, size_t len, colo_batch *out,
                    colo_error *err)
{
	colo_bio_html html = {NULL, 0, NULL, NULL};
	bool is_html = colo_bio_is_html(data, len);
	char *work = NULL;
	ctx c;
	bool ok;

	if (is_html) {
		/* read the page's text; spans are moved back onto its bytes */
		colo_bio_html_strip(data, len, &html);
		c.t = html.text;
		c.len = html.len;
	} else {
		/* A working copy with NUL bytes blanked keeps offsets equal
		 * to the input's while letting helpers treat it as text. */
		work = colo_xmalloc(len + 1);
		for (size_t i = 0; i < len; i++)
			work[i] = data[i] ? data[i] : ' ';
		work[len] = '\0';
		c.t = work;
		c.len = len;
	}
	c.orig = data;
	c.orig_len = len;
	c.html = is_html ? &html : NULL;
	c.b = out;
	c.person = -1;
	c.nsentences = 0;
	c.link_base = c.work_base = 0;
	c.writer = NULL;
	c.nwriter = 0;
	c.blog = -1;
	c.sent_end = len;
	c.prev = -1;
	c.created = c.first_sentence = false;
	c.caps = 0;
	c.lc_pos = 0;
	c.lc_line = c.lc_col = 1;
	read_sections(&c);
	free(c.writer);
	if (is_html)
		remap_batch(&html, out);
	ok = out->npeople > 0;
	if (!ok)
		colo_error_set(err, COLO_EINPUT, "no author bio found");
	colo_bio_html_cleanup(&html);
	free(work);
	return ok;
}
