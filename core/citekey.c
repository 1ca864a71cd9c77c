/* citekey.c - the default citation-key pattern and collision suffixes.
 *
 * A key is family name + year + first significant title word, each reduced
 * to lower-case ASCII letters and digits: farley2014grounded.  Other
 * patterns come from a small mini-language (colo_citekey_pattern_parse,
 * documented in docs/EXPORT.md).  This file only computes keys;
 * deciding that a key collides, and storing it, is the store's job. */
#include "colophon/citekey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"

/* The longest key a pattern may give (colo_bibtex_write refuses keys over
 * 256 characters). */
#define MAX_KEY 200

/* Bounds on each part, so a pathological name or title cannot give a key
 * longer than any tool will accept. */
#define MAX_NAME_PART 40
#define MAX_WORD_PART 30

/* Words skipped when choosing the title word (English, French, German,
 * Spanish, Italian, Portuguese and Dutch articles and small words). */
static const char *const stopwords[] = {
	"a",   "an",  "the",  "on",  "of",  "in",  "and", "for", "to",
	"with", "at", "by",   "from", "or", "as",  "into", "le", "la",
	"les", "l",   "un",   "une", "des", "du",  "de",  "d",  "der",
	"die", "das", "den",  "dem", "ein", "eine", "einer", "el",
	"los", "las", "lo",   "il",  "gli", "i",   "o",   "os",
	"het", "een", "y",    "e",   "et",  "und", "s",
};

static bool is_stopword(const char *w)
{
	for (size_t i = 0; i < sizeof stopwords / sizeof *stopwords; i++)
		if (strcmp(stopwords[i], w) == 0)
			return true;
	return false;
}

static bool is_alnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static char lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Appends the lower-case ASCII letters and digits of s (at most max). */
static void put_clean(colo_buf *out, const char *s, size_t len, size_t max)
{
	char *a = colo_text_ascii(s, len);
	size_t n = 0;

	for (const char *p = a; *p && n < max; p++) {
		if (is_alnum_ascii(*p)) {
			colo_buf_putc(out, lower_ascii(*p));
			n++;
		}
	}
	free(a);
}

/* The creator whose name starts the key: the first author, else the first
 * creator of any role. */
static const colo_name *first_name(const colo_work *w)
{
	for (size_t i = 0; i < w->ncreators; i++)
		if (w->creators[i].role == COLO_ROLE_AUTHOR)
			return &w->creators[i].name;
	return w->ncreators ? &w->creators[0].name : NULL;
}

/* Appends the name's key part (family name, else an organisation's first
 * word with letters or digits, else the given name); false when nothing
 * usable was there. */
static bool put_name_part(colo_buf *out, const colo_name *n)
{
	size_t before = out->len;

	if (n && n->family && *n->family) {
		put_clean(out, n->family, strlen(n->family), MAX_NAME_PART);
	} else if (n && n->literal && *n->literal) {
		/* Organisations: the first word that has letters or digits. */
		const char *p = n->literal;

		while (*p && out->len == before) {
			size_t l;

			while (*p == ' ')
				p++;
			l = strcspn(p, " ");
			put_clean(out, p, l, MAX_NAME_PART);
			p += l;
		}
	}
	if (out->len == before && n && n->given && *n->given)
		put_clean(out, n->given, strlen(n->given), MAX_NAME_PART);
	return out->len > before;
}

static void put_family(colo_buf *out, const colo_work *w)
{
	if (!put_name_part(out, first_name(w)))
		colo_buf_puts(out, "anon");
}

static void put_title_word(colo_buf *out, const char *title)
{
	char *a;
	const char *p;

	if (!title)
		return;
	/* Transliterate first so "L'Économie" splits at the apostrophe and
	 * "Straße" becomes one word "strasse". */
	a = colo_text_ascii(title, strlen(title));
	p = a;
	while (*p) {
		const char *b;
		size_t l;
		char w[MAX_WORD_PART + 1];

		while (*p && !is_alnum_ascii(*p))
			p++;
		b = p;
		while (*p && is_alnum_ascii(*p))
			p++;
		l = (size_t)(p - b);
		if (l == 0)
			break;
		if (l > MAX_WORD_PART)
			l = MAX_WORD_PART;
		for (size_t i = 0; i < l; i++)
			w[i] = lower_ascii(b[i]);
		w[l] = '\0';
		if (!is_stopword(w)) {
			colo_buf_puts(out, w);
			break;
		}
	}
	free(a);
}

char *colo_citekey_make(const colo_work *w)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	put_family(&b, w);
	if (w->year > 0)
		colo_buf_printf(&b, "%d", w->year);
	put_title_word(&b, w->title);
	return colo_buf_steal(&b);
}

char *colo_citekey_suffixed(const char *base, size_t n)
{
	/* Bijective base 26: a..z, aa..zz, aaa... */
	char sfx[16];
	size_t len = 0;
	colo_buf b;

	for (;;) {
		sfx[len++] = (char)('a' + n % 26);
		n /= 26;
		if (n == 0 || len == sizeof sfx)
			break;
		n--;
	}
	colo_buf_init(&b, 0);
	colo_buf_puts(&b, base);
	while (len > 0)
		colo_buf_putc(&b, sfx[--len]);
	return colo_buf_steal(&b);
}

bool colo_citekey_valid(const char *k)
{
	size_t n = 0;

	if (!k || !*k)
		return false;
	for (; *k; k++, n++) {
		char c = *k;

		if (!is_alnum_ascii(c) && !strchr("_:.-/+", c))
			return false;
	}
	return n <= 256;
}

/* ------------------------------------------------------------------ */
/* Patterns                                                            */

typedef enum tok_kind {
	TOK_LITERAL,
	TOK_AUTH,
	TOK_AUTHORS,
	TOK_YEAR,
	TOK_TITLE,
	TOK_FULLTITLE
} tok_kind;

typedef enum tok_case { CASE_LOWER, CASE_UPPER, CASE_CAPITALIZE } tok_case;

typedef struct token {
	tok_kind kind;
	char *literal;  /* TOK_LITERAL */
	size_t count;   /* authorsN, titleN */
	tok_case cased;
	size_t maxlen;  /* 0: no cut */
} token;

struct colo_citekey_pattern {
	token *toks;
	size_t n, cap;
};

static bool is_literal_char(char c)
{
	return is_alnum_ascii(c) || c == '_' || c == ':' || c == '.' || c == '-';
}

/* Parses a decimal count of 1..99 in s[0..len); 0 when it is not one. */
static size_t small_number(const char *s, size_t len)
{
	size_t v = 0;

	if (len == 0 || len > 2)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	return v;
}

static bool name_is(const char *s, size_t len, const char *want, size_t *num)
{
	size_t wl = strlen(want);

	*num = 0;
	if (len < wl || strncmp(s, want, wl) != 0)
		return false;
	if (len == wl)
		return true;
	*num = small_number(s + wl, len - wl);
	return *num > 0;
}

static bool parse_token(const char *b, size_t len, size_t col, token *t,
                        colo_error *err)
{
	size_t nl = 0, num;
	const char *p;

	while (nl < len && b[nl] != ':')
		nl++;
	memset(t, 0, sizeof *t);
	if (nl == 4 && strncmp(b, "auth", 4) == 0) {
		t->kind = TOK_AUTH;
	} else if (name_is(b, nl, "authors", &num)) {
		t->kind = TOK_AUTHORS;
		t->count = num ? num : 3;
	} else if (nl == 4 && strncmp(b, "year", 4) == 0) {
		t->kind = TOK_YEAR;
	} else if (nl == 10 && strncmp(b, "shorttitle", 10) == 0) {
		t->kind = TOK_TITLE;
		t->count = 3;
	} else if (nl == 9 && strncmp(b, "fulltitle", 9) == 0) {
		t->kind = TOK_FULLTITLE;
	} else if (name_is(b, nl, "title", &num)) {
		t->kind = TOK_TITLE;
		t->count = num ? num : 1;
	} else {
		colo_error_set_at(err, COLO_EUSAGE, 1, (unsigned)col,
		                  "unknown key-pattern token '[%.*s]' (auth, authors, "
		                  "authorsN, year, title, titleN, shorttitle, "
		                  "fulltitle)",
		                  (int)(nl > 40 ? 40 : nl), b);
		return false;
	}
	p = b + nl;
	while (p < b + len) {
		const char *m = ++p; /* past ':' */
		size_t ml = 0;

		while (m + ml < b + len && m[ml] != ':')
			ml++;
		if (ml == 5 && strncmp(m, "lower", 5) == 0) {
			t->cased = CASE_LOWER;
		} else if (ml == 5 && strncmp(m, "upper", 5) == 0) {
			t->cased = CASE_UPPER;
		} else if (ml == 10 && strncmp(m, "capitalize", 10) == 0) {
			t->cased = CASE_CAPITALIZE;
		} else if ((num = small_number(m, ml)) > 0) {
			t->maxlen = num;
		} else {
			colo_error_set_at(err, COLO_EUSAGE, 1,
			                  (unsigned)(col + (size_t)(m - b)),
			                  "unknown key-pattern modifier ':%.*s' (lower, "
			                  "upper, capitalize, or a length 1-99)",
			                  (int)(ml > 40 ? 40 : ml), m);
			return false;
		}
		p = m + ml;
	}
	return true;
}

static token *push_token(colo_citekey_pattern *p)
{
	colo_grow((void **)&p->toks, &p->cap, p->n + 1, sizeof *p->toks);
	memset(&p->toks[p->n], 0, sizeof *p->toks);
	return &p->toks[p->n++];
}

bool colo_citekey_pattern_parse(const char *pattern, colo_citekey_pattern **out,
                                colo_error *err)
{
	colo_citekey_pattern *p = colo_xcalloc(1, sizeof *p);
	const char *s = pattern ? pattern : "";
	size_t i = 0;

	*out = NULL;
	if (!*s) {
		colo_error_set(err, COLO_EUSAGE, "empty key pattern");
		goto fail;
	}
	while (s[i]) {
		if (s[i] == '[') {
			size_t b = i + 1, e = b;
			token t;

			while (s[e] && s[e] != ']' && s[e] != '[')
				e++;
			if (s[e] != ']') {
				colo_error_set_at(err, COLO_EUSAGE, 1, (unsigned)(i + 1),
				                  "unclosed '[' in key pattern");
				goto fail;
			}
			if (!parse_token(s + b, e - b, b + 1, &t, err))
				goto fail;
			*push_token(p) = t;
			i = e + 1;
		} else if (is_literal_char(s[i])) {
			size_t b = i;
			token *t;

			while (is_literal_char(s[i]))
				i++;
			t = push_token(p);
			t->kind = TOK_LITERAL;
			t->literal = colo_xstrndup(s + b, i - b);
		} else {
			unsigned char c = (unsigned char)s[i];

			if (c >= 0x20 && c < 0x7f)
				colo_error_set_at(err, COLO_EUSAGE, 1, (unsigned)(i + 1),
				                  "'%c' cannot be part of a citation key "
				                  "(letters, digits and _:.- only)",
				                  (char)c);
			else
				colo_error_set_at(err, COLO_EUSAGE, 1, (unsigned)(i + 1),
				                  "byte 0x%02x cannot be part of a citation "
				                  "key (letters, digits and _:.- only)",
				                  c);
			goto fail;
		}
	}
	*out = p;
	return true;
fail:
	colo_citekey_pattern_destroy(p);
	return false;
}

void colo_citekey_pattern_destroy(colo_citekey_pattern *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->toks[i].literal);
	free(p->toks);
	free(p);
}

/* The token's parts (family names, title words) as lower-case ASCII,
 * one NUL-separated component after another in parts. */
typedef struct parts {
	colo_buf b;
	size_t n;
} parts;

static void part_end(parts *ps, size_t before)
{
	if (ps->b.len > before) {
		colo_buf_putc(&ps->b, '\0');
		ps->n++;
	}
}

static void family_part(parts *ps, const colo_name *n)
{
	size_t before = ps->b.len;

	put_name_part(&ps->b, n);
	part_end(ps, before);
}

static void authors_parts(parts *ps, const colo_work *w, size_t max)
{
	size_t nauth = 0, taken = 0;
	bool authors = false;

	for (size_t i = 0; i < w->ncreators; i++)
		if (w->creators[i].role == COLO_ROLE_AUTHOR)
			authors = true;
	for (size_t i = 0; i < w->ncreators; i++) {
		if (authors && w->creators[i].role != COLO_ROLE_AUTHOR)
			continue;
		nauth++;
		if (taken < max) {
			family_part(ps, &w->creators[i].name);
			taken++;
		}
	}
	if (nauth > max) {
		size_t before = ps->b.len;

		colo_buf_puts(&ps->b, "etal");
		part_end(ps, before);
	}
}

static void title_parts(parts *ps, const char *title, size_t max, bool stop)
{
	char *a;
	const char *p;
	size_t taken = 0;

	if (!title)
		return;
	a = colo_text_ascii(title, strlen(title));
	p = a;
	while (*p && taken < max) {
		const char *b;
		size_t l, before = ps->b.len;
		char w[MAX_WORD_PART + 1];

		while (*p && !is_alnum_ascii(*p))
			p++;
		b = p;
		while (*p && is_alnum_ascii(*p))
			p++;
		l = (size_t)(p - b);
		if (l == 0)
			break;
		if (l > MAX_WORD_PART)
			l = MAX_WORD_PART;
		for (size_t i = 0; i < l; i++)
			w[i] = lower_ascii(b[i]);
		w[l] = '\0';
		if (stop && is_stopword(w))
			continue;
		colo_buf_puts(&ps->b, w);
		part_end(ps, before);
		taken++;
	}
	free(a);
}

static char upper_ascii(char c)
{
	return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static void put_token(colo_buf *key, const token *t, const colo_work *w)
{
	parts ps;
	colo_buf v;
	const char *p;

	if (t->kind == TOK_LITERAL) {
		colo_buf_puts(key, t->literal);
		return;
	}
	colo_buf_init(&ps.b, 0);
	ps.n = 0;
	switch (t->kind) {
	case TOK_AUTH: {
		const colo_name *n = first_name(w);

		if (n)
			family_part(&ps, n);
		break;
	}
	case TOK_AUTHORS:
		authors_parts(&ps, w, t->count);
		break;
	case TOK_YEAR:
		if (w->year > 0) {
			colo_buf_printf(&ps.b, "%d", w->year);
			part_end(&ps, 0);
		}
		break;
	case TOK_TITLE:
		title_parts(&ps, w->title, t->count, true);
		break;
	case TOK_FULLTITLE:
		title_parts(&ps, w->title, 64, false);
		break;
	case TOK_LITERAL:
		break;
	}
	colo_buf_init(&v, 0);
	p = ps.b.data ? ps.b.data : "";
	for (size_t i = 0; i < ps.n; i++) {
		size_t l = strlen(p);

		for (size_t j = 0; j < l; j++) {
			char c = p[j];

			if (t->cased == CASE_UPPER ||
			    (t->cased == CASE_CAPITALIZE && j == 0))
				c = upper_ascii(c);
			colo_buf_putc(&v, c);
		}
		p += l + 1;
	}
	if (t->maxlen && v.len > t->maxlen) {
		/* A year keeps its last digits ([year:2] → "14"). */
		if (t->kind == TOK_YEAR)
			colo_buf_puts(key, colo_buf_cstr(&v) + (v.len - t->maxlen));
		else
			colo_buf_append(key, colo_buf_cstr(&v), t->maxlen);
	} else {
		colo_buf_append(key, colo_buf_cstr(&v), v.len);
	}
	colo_buf_cleanup(&v);
	colo_buf_cleanup(&ps.b);
}

char *colo_citekey_pattern_make(const colo_citekey_pattern *p,
                                const colo_work *w)
{
	colo_buf key;
	bool any_token = false;

	colo_buf_init(&key, 0);
	for (size_t i = 0; i < p->n; i++) {
		size_t before = key.len;

		put_token(&key, &p->toks[i], w);
		if (p->toks[i].kind != TOK_LITERAL && key.len > before)
			any_token = true;
	}
	/* Nothing known about the work: the default pattern's fallback. */
	if (!any_token) {
		colo_buf_reset(&key);
		colo_buf_puts(&key, "anon");
	}
	if (key.len > MAX_KEY) {
		key.len = MAX_KEY;
		key.data[MAX_KEY] = '\0';
	}
	return colo_buf_steal(&key);
}
