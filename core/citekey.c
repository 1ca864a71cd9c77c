/* citekey.c - the default citation-key pattern and collision suffixes.
 *
 * A key is family name + year + first significant title word, each reduced
 * to lower-case ASCII letters and digits: farley2014grounded.  This file
 * only computes keys; deciding that a key collides, and storing it, is the
 * store's job. */
#include "colophon/citekey.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"

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

static void put_family(colo_buf *out, const colo_work *w)
{
	const colo_name *n = first_name(w);
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
	} else if (n && n->given && *n->given) {
		put_clean(out, n->given, strlen(n->given), MAX_NAME_PART);
	}
	if (out->len == before)
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
