/* article.c - the article importer: an article page, as plain text or
 * HTML, into a batch.
 *
 * The article becomes works[0] (title, authors, date, venue, URL).  Its
 * "About the Author" section goes through the bio importer into the same
 * batch, so the author is one person with everything that importer finds.
 * Each "Pingback: TITLE - SITE" line becomes a citing work, on a venue
 * named after the site, with a `cites` link to the article.  Reader
 * comments (a name line, a date line, text) are skipped: they are neither
 * works nor people.  From HTML the page's own metadata wins over what the
 * visible text suggests: Highwire citation_*, Open Graph and article:*,
 * schema.org JSON-LD (read with jansson), <title>, <h1>, <time>, rel=author
 * and bylines; JSON-LD Books and doi.org links become cited works.
 *
 * Spans: for plain text every span is a byte range of the input.  For HTML
 * the text analysis runs on the page's visible text, whose offsets are not
 * the source's, so records found there carry no span rather than a wrong
 * one.  Not a crawler: it never fetches what a page links to. */
#include "colophon/article.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "article_priv.h"
#include "colophon/buf.h"
#include "colophon/importer.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/text.h"

#define MAX_PINGBACKS 256
#define JSONLD_MAX_DEPTH 16

/* ---- small text helpers ------------------------------------------------ */

static bool is_sp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static bool is_up(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lo(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_dig(char c)
{
	return c >= '0' && c <= '9';
}

static char lc(char c)
{
	return is_up(c) ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive: does s[0..n) start with the ASCII word w? */
static bool starts_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (lc(s[i]) != lc(w[i]))
			return false;
	return true;
}

/* Case-insensitive search of w in s[0..n); index or n. */
static size_t find_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	for (size_t i = 0; i + k <= n; i++)
		if (starts_ci(s + i, n - i, w))
			return i;
	return n;
}

static char *squash(const char *s, size_t n)
{
	char *r = colo_text_squash(s, n);

	if (!*r) {
		free(r);
		return NULL;
	}
	return r;
}

/* ---- dates -------------------------------------------------------------- */

static const char *const months[] = {"january", "february", "march",
                                     "april",   "may",      "june",
                                     "july",    "august",   "september",
                                     "october", "november", "december"};

/* A month name (full or three letters, any case) at s; 1..12 or 0. */
static int month_at(const char *s, size_t n, size_t *used)
{
	size_t w = 0;

	while (w < n && (is_up(s[w]) || is_lo(s[w])))
		w++;
	if (w < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(months[m]);

		if ((w == full || (w == 3) || (w == 4 && m == 8)) && w <= full) {
			bool same = true;

			for (size_t i = 0; i < w; i++)
				if (lc(s[i]) != months[m][i])
					same = false;
			if (same) {
				*used = w + (w < n && s[w] == '.');
				return m + 1;
			}
		}
	}
	return 0;
}

static size_t digits(const char *s, size_t n, int *v)
{
	size_t i = 0;

	*v = 0;
	while (i < n && i < 5 && is_dig(s[i]))
		*v = *v * 10 + (s[i++] - '0');
	return i;
}

static size_t skip_sep(const char *s, size_t n, size_t i)
{
	while (i < n && (is_sp(s[i]) || s[i] == ','))
		i++;
	return i;
}

bool colo_article_parse_date(const char *s, size_t len, int *y, int *m, int *d)
{
	size_t i, k, used;
	int a = 0, b = 0, c = 0, mo;

	*y = *m = *d = 0;
	s = colo_text_trim(s, len, &len);
	if (len == 0)
		return false;
	k = digits(s, len, &a);
	if (k == 4) { /* ISO: 2024, 2024-10, 2024-10-25[T...] */
		if (a < 1000)
			return false;
		*y = a;
		if (k < len && (s[k] == '-' || s[k] == '/')) {
			i = k + 1;
			if (digits(s + i, len - i, &b) != 2 || b < 1 || b > 12)
				return *y = 0, false;
			*m = b;
			i += 2;
			if (i < len && (s[i] == '-' || s[i] == '/')) {
				i++;
				if (digits(s + i, len - i, &c) != 2 || c < 1 || c > 31)
					return *y = *m = 0, false;
				*d = c;
			}
		}
		return true;
	}
	if (k >= 1 && k <= 2) { /* 25 October 2024 */
		i = skip_sep(s, len, k);
		mo = month_at(s + i, len - i, &used);
		if (!mo)
			return false;
		i = skip_sep(s, len, i + used);
		if (digits(s + i, len - i, &c) != 4)
			return false;
		*y = c;
		*m = mo;
		*d = a >= 1 && a <= 31 ? a : 0;
		return true;
	}
	mo = month_at(s, len, &used); /* October 25, 2024 / Oct 2024 */
	if (!mo)
		return false;
	i = skip_sep(s, len, used);
	k = digits(s + i, len - i, &a);
	if (k == 4) {
		*y = a;
		*m = mo;
		return true;
	}
	if (k < 1 || k > 2)
		return false;
	i = skip_sep(s, len, i + k);
	if (i + 2 <= len && (starts_ci(s + i, len - i, "st") ||
	                     starts_ci(s + i, len - i, "nd") ||
	                     starts_ci(s + i, len - i, "rd") ||
	                     starts_ci(s + i, len - i, "th")))
		i = skip_sep(s, len, i + 2);
	if (digits(s + i, len - i, &c) != 4)
		return false;
	*y = c;
	*m = mo;
	*d = a >= 1 && a <= 31 ? a : 0;
	return true;
}

/* A line that is a date, optionally "Published"/"Updated" and a trailing
 * "at 9:09 am". */
static bool date_line(const char *s, size_t n, int *y, int *m, int *d)
{
	size_t at;

	s = colo_text_trim(s, n, &n);
	if (starts_ci(s, n, "published"))
		s += 9, n -= 9;
	else if (starts_ci(s, n, "posted on"))
		s += 9, n -= 9;
	else if (starts_ci(s, n, "updated"))
		s += 7, n -= 7;
	while (n && (s[0] == ':' || is_sp(s[0])))
		s++, n--;
	at = find_ci(s, n, " at ");
	if (at < n)
		n = at;
	if (n > 40)
		return false;
	if (!colo_article_parse_date(s, n, y, m, d))
		return false;
	/* The whole line must be the date: nothing but the date's characters. */
	for (size_t i = 0; i < n; i++)
		if (!(is_dig(s[i]) || is_up(s[i]) || is_lo(s[i]) || is_sp(s[i]) ||
		      s[i] == ',' || s[i] == '-' || s[i] == '/' || s[i] == '.' ||
		      s[i] == ':' || s[i] == '+' || s[i] == 'T'))
			return false;
	return true;
}

/* ---- site names ----------------------------------------------------------- */

char *colo_article_site_name(const char *s, size_t len)
{
	colo_buf b;

	s = colo_text_trim(s, len, &len);
	colo_buf_init(&b, 0);
	if (memchr(s, ' ', len)) {
		colo_buf_append(&b, s, len);
		return colo_buf_steal(&b);
	}
	for (size_t i = 0; i < len; i++) {
		/* a capital after a lower-case letter, or the last capital of a
		 * run followed by a lower-case letter (NYTimes -> NY Times) */
		if (i > 0 && is_up(s[i]) &&
		    (is_lo(s[i - 1]) ||
		     (is_up(s[i - 1]) && i + 1 < len && is_lo(s[i + 1]))))
			colo_buf_putc(&b, ' ');
		colo_buf_putc(&b, s[i]);
	}
	return colo_buf_steal(&b);
}

/* ---- the text reading ------------------------------------------------------ */

typedef struct line {
	size_t start, end; /* without the newline */
} line;

typedef struct pingback {
	colo_span title, site, whole;
	unsigned lineno;
} pingback;

typedef struct art_text {
	line *lines;
	size_t nlines;
	size_t body_end;      /* the article's own text is [0, body_end) */
	long title_line;      /* -1: none */
	long bio_line;        /* "About the Author" line, -1: none */
	colo_span byline;     /* the name after "By " */
	int y, m, d;
	pingback pings[MAX_PINGBACKS];
	size_t npings;
	size_t skipped_comments;
} art_text;

static void split_lines(const char *s, size_t n, art_text *t)
{
	size_t cap = 0, i = 0;

	t->lines = NULL;
	t->nlines = 0;
	while (i < n) {
		size_t e = i;

		while (e < n && s[e] != '\n')
			e++;
		colo_grow((void **)&t->lines, &cap, t->nlines + 1, sizeof *t->lines);
		t->lines[t->nlines].start = i;
		t->lines[t->nlines].end = e > i && s[e - 1] == '\r' ? e - 1 : e;
		t->nlines++;
		i = e + 1;
	}
}

static bool blank(const char *s, const line *l)
{
	for (size_t i = l->start; i < l->end; i++)
		if (!is_sp(s[i]))
			return false;
	return true;
}

static size_t nwords(const char *s, size_t n)
{
	size_t w = 0;
	bool in = false;

	for (size_t i = 0; i < n; i++) {
		if (is_sp(s[i]))
			in = false;
		else if (!in) {
			in = true;
			w++;
		}
	}
	return w;
}

/* A heading: short, not ending a sentence, in title case (most words of
 * four letters or more capitalised). */
static bool heading(const char *s, size_t n)
{
	size_t words = 0, caps = 0, long_words = 0, i = 0;
	char last;

	s = colo_text_trim(s, n, &n);
	if (n == 0 || n > 150 || nwords(s, n) > 18)
		return false;
	last = s[n - 1];
	if (last == '.' || last == ',' || last == ';' || last == ':' ||
	    last == '!')
		return false;
	if (starts_ci(s, n, "pingback:") || starts_ci(s, n, "trackback:"))
		return false;
	while (i < n) {
		size_t st, letters = 0;

		while (i < n && is_sp(s[i]))
			i++;
		st = i;
		while (i < n && !is_sp(s[i])) {
			if (is_up(s[i]) || is_lo(s[i]) || (unsigned char)s[i] >= 0x80)
				letters++;
			i++;
		}
		if (i == st)
			break;
		words++;
		if (letters >= 4 || st == 0) {
			long_words++;
			if (is_up(s[st]) || is_dig(s[st]) || s[st] == '"' ||
			    (unsigned char)s[st] >= 0x80)
				caps++;
		}
	}
	return words > 0 && long_words > 0 && caps * 10 >= long_words * 7;
}

/* "By Jane Doe", "Written by Jane Doe", "Author: Jane Doe"; the name's
 * span (up to a comma, "|", " - " or " on "). */
static bool byline(const char *s, const line *l, colo_span *name)
{
	size_t a = l->start, e = l->end, k;

	while (a < e && is_sp(s[a]))
		a++;
	if (starts_ci(s + a, e - a, "written by "))
		a += 11;
	else if (starts_ci(s + a, e - a, "by "))
		a += 3;
	else if (starts_ci(s + a, e - a, "author: "))
		a += 8;
	else
		return false;
	while (a < e && is_sp(s[a]))
		a++;
	for (k = a; k < e; k++)
		if (s[k] == ',' || s[k] == '|' || s[k] == '(' ||
		    (k + 3 <= e && memcmp(s + k, " - ", 3) == 0) ||
		    (k + 4 <= e && memcmp(s + k, " on ", 4) == 0))
			break;
	while (k > a && is_sp(s[k - 1]))
		k--;
	if (k == a || nwords(s + a, k - a) > 6 || !is_up(s[a]))
		return false;
	name->start = a;
	name->end = k;
	return true;
}

/* "Pingback: TITLE - SITE" (also "–", "—", "|" before the site). */
static bool pingback_line(const char *s, const line *l, pingback *p)
{
	size_t a = l->start, e = l->end, sep = 0, seplen = 0;
	static const char *const seps[] = {" - ", " \xe2\x80\x93 ",
	                                   " \xe2\x80\x94 ", " | "};

	while (a < e && is_sp(s[a]))
		a++;
	if (starts_ci(s + a, e - a, "pingback:"))
		a += 9;
	else if (starts_ci(s + a, e - a, "trackback:"))
		a += 10;
	else
		return false;
	while (e > a && is_sp(s[e - 1]))
		e--;
	p->whole.start = l->start;
	p->whole.end = l->end;
	/* the last separator: titles may contain " - " themselves; the
	 * search starts at the space after the colon so "Pingback:  - Site"
	 * has an empty title */
	for (size_t i = a; i < e; i++)
		for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
			size_t n = strlen(seps[k]);

			if (i + n <= e && memcmp(s + i, seps[k], n) == 0) {
				sep = i;
				seplen = n;
			}
		}
	while (a < e && is_sp(s[a]))
		a++;
	if (seplen && sep < a)
		a = sep;
	if (seplen) {
		p->title.start = a;
		p->title.end = sep;
		p->site.start = sep + seplen;
		p->site.end = e;
	} else {
		p->title.start = a;
		p->title.end = e;
		p->site.start = p->site.end = 0;
	}
	return true;
}

/* A reader comment starts with a short name line followed by a date line
 * ("bobb" / "October 25, 2024 at 9:09 am"). */
static bool comment_start(const char *s, const art_text *t, size_t i)
{
	const line *l = &t->lines[i];
	size_t n;
	const char *p;
	int y, m, d;

	if (i + 1 >= t->nlines || blank(s, l))
		return false;
	p = colo_text_trim(s + l->start, l->end - l->start, &n);
	if (n > 60 || nwords(p, n) > 5 || p[n - 1] == '.' ||
	    starts_ci(p, n, "by ") || starts_ci(p, n, "written by "))
		return false;
	if (date_line(p, n, &y, &m, &d))
		return false;
	return date_line(s + t->lines[i + 1].start,
	                 t->lines[i + 1].end - t->lines[i + 1].start, &y, &m, &d);
}

/* Reads the structure of a plain-text article.  Never fails. */
static void read_text(const char *s, size_t n, art_text *t, colo_batch *b,
                      bool diags)
{
	size_t tail = n;
	bool in_comment = false, seen_text = false;

	memset(t, 0, sizeof *t);
	t->title_line = t->bio_line = -1;
	split_lines(s, n, t);
	for (size_t i = 0; i < t->nlines; i++) {
		const line *l = &t->lines[i];
		pingback p;

		if (pingback_line(s, l, &p)) {
			in_comment = false;
			if (t->npings < MAX_PINGBACKS) {
				p.lineno = (unsigned)i + 1;
				t->pings[t->npings++] = p;
			} else if (diags && b) {
				colo_batch_diag(b, (unsigned)i + 1, 1,
				                "more than %d pingbacks; this one is skipped",
				                MAX_PINGBACKS);
			}
			if (l->start < tail)
				tail = l->start;
			continue;
		}
		if (t->bio_line < 0) {
			size_t a = l->start;

			while (a < l->end && is_sp(s[a]))
				a++;
			if (starts_ci(s + a, l->end - a, "about the author")) {
				t->bio_line = (long)i;
				if (l->start < tail)
					tail = l->start;
				continue;
			}
		}
		if (seen_text && comment_start(s, t, i)) {
			in_comment = true;
			t->skipped_comments++;
			if (l->start < tail)
				tail = l->start;
			i++; /* the date line */
			continue;
		}
		if (in_comment && blank(s, l))
			in_comment = false;
		/* comments follow the article: a paragraph must come first */
		if (nwords(s + l->start, l->end - l->start) >= 12)
			seen_text = true;
	}
	t->body_end = tail;
	while (t->body_end && is_sp(s[t->body_end - 1]))
		t->body_end--;
	for (size_t i = 0; i < t->nlines && t->lines[i].end <= t->body_end; i++) {
		const line *l = &t->lines[i];
		const char *p = s + l->start;
		size_t len = l->end - l->start;

		if (blank(s, l))
			continue;
		if (i < 15 && !t->byline.end && byline(s, l, &t->byline))
			continue;
		if (i < 15 && !t->y && date_line(p, len, &t->y, &t->m, &t->d))
			continue;
		if (t->title_line < 0 && (p[0] == '#' || heading(p, len)))
			t->title_line = (long)i;
	}
}

/* ---- HTML ------------------------------------------------------------------ */

bool art_is_html(const char *data, size_t len)
{
	size_t probe = len < 4096 ? len : 4096;

	return find_ci(data, probe, "<html") < probe ||
	       find_ci(data, probe, "<!doctype html") < probe ||
	       find_ci(data, probe, "<head") < probe ||
	       find_ci(data, probe, "<meta ") < probe ||
	       find_ci(data, probe, "<article") < probe;
}

typedef struct attr {
	const char *name, *value;
	size_t nlen, vlen;
} attr;

typedef struct tag {
	char name[16];
	bool closing;
	attr attrs[24];
	size_t nattrs;
	size_t end; /* just past '>' */
} tag;

static bool read_tag(const char *s, size_t n, size_t i, tag *t)
{
	size_t k = 0;

	memset(t, 0, sizeof *t);
	i++; /* '<' */
	if (i < n && s[i] == '/') {
		t->closing = true;
		i++;
	}
	if (i >= n || !(is_up(s[i]) || is_lo(s[i])))
		return false;
	while (i < n && (is_up(s[i]) || is_lo(s[i]) || is_dig(s[i]))) {
		if (k + 1 < sizeof t->name)
			t->name[k++] = lc(s[i]);
		i++;
	}
	t->name[k] = '\0';
	for (;;) {
		attr a = {0};

		while (i < n && (is_sp(s[i]) || s[i] == '/'))
			i++;
		if (i >= n)
			return false;
		if (s[i] == '>') {
			t->end = i + 1;
			return true;
		}
		a.name = s + i;
		while (i < n && !is_sp(s[i]) && s[i] != '=' && s[i] != '>')
			i++;
		a.nlen = (size_t)(s + i - a.name);
		while (i < n && is_sp(s[i]))
			i++;
		if (i < n && s[i] == '=') {
			i++;
			while (i < n && is_sp(s[i]))
				i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];

				a.value = s + i;
				while (i < n && s[i] != q)
					i++;
				a.vlen = (size_t)(s + i - a.value);
				if (i < n)
					i++;
			} else {
				a.value = s + i;
				while (i < n && !is_sp(s[i]) && s[i] != '>')
					i++;
				a.vlen = (size_t)(s + i - a.value);
			}
		}
		if (t->nattrs < sizeof t->attrs / sizeof t->attrs[0])
			t->attrs[t->nattrs++] = a;
		if (a.nlen == 0 && i < n && s[i] != '>')
			i++; /* a stray character: step over it */
	}
}

static const attr *get_attr(const tag *t, const char *name)
{
	for (size_t i = 0; i < t->nattrs; i++)
		if (t->attrs[i].nlen == strlen(name) &&
		    starts_ci(t->attrs[i].name, t->attrs[i].nlen, name))
			return &t->attrs[i];
	return NULL;
}

/* Appends text with HTML entities decoded. */
static void put_decoded(colo_buf *b, const char *s, size_t n)
{
	static const struct {
		const char *name, *utf8;
	} ents[] = {{"amp", "&"},         {"lt", "<"},
	            {"gt", ">"},          {"quot", "\""},
	            {"apos", "'"},        {"nbsp", " "},
	            {"rsquo", "\xe2\x80\x99"}, {"lsquo", "\xe2\x80\x98"},
	            {"rdquo", "\xe2\x80\x9d"}, {"ldquo", "\xe2\x80\x9c"},
	            {"mdash", "\xe2\x80\x94"}, {"ndash", "\xe2\x80\x93"},
	            {"hellip", "\xe2\x80\xa6"}};

	for (size_t i = 0; i < n; i++) {
		size_t semi;

		if (s[i] != '&') {
			colo_buf_putc(b, s[i]);
			continue;
		}
		for (semi = i + 1; semi < n && semi < i + 10 && s[semi] != ';'; semi++)
			;
		if (semi >= n || s[semi] != ';') {
			colo_buf_putc(b, '&');
			continue;
		}
		if (s[i + 1] == '#') {
			unsigned long cp = 0;
			size_t k = i + 2;
			bool hex = k < semi && (s[k] == 'x' || s[k] == 'X');

			if (hex)
				k++;
			for (; k < semi; k++) {
				char c = lc(s[k]);
				unsigned v = is_dig(c) ? (unsigned)(c - '0')
				             : (hex && c >= 'a' && c <= 'f')
				                 ? (unsigned)(c - 'a' + 10)
				                 : 99;

				if (v == 99 || cp > 0x10ffff)
					break;
				cp = cp * (hex ? 16 : 10) + v;
			}
			if (k == semi && cp > 0 && cp <= 0x10ffff &&
			    !(cp >= 0xd800 && cp <= 0xdfff)) {
				char enc[4];
				size_t m;

				if (cp < 0x80) {
					enc[0] = (char)cp;
					m = 1;
				} else if (cp < 0x800) {
					enc[0] = (char)(0xc0 | (cp >> 6));
					enc[1] = (char)(0x80 | (cp & 0x3f));
					m = 2;
				} else if (cp < 0x10000) {
					enc[0] = (char)(0xe0 | (cp >> 12));
					enc[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
					enc[2] = (char)(0x80 | (cp & 0x3f));
					m = 3;
				} else {
					enc[0] = (char)(0xf0 | (cp >> 18));
					enc[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
					enc[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
					enc[3] = (char)(0x80 | (cp & 0x3f));
					m = 4;
				}
				colo_buf_append(b, enc, m);
				i = semi;
				continue;
			}
			colo_buf_putc(b, '&');
			continue;
		}
		{
			bool hit = false;

			for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++)
				if (semi - i - 1 == strlen(ents[k].name) &&
				    memcmp(s + i + 1, ents[k].name, semi - i - 1) == 0) {
					colo_buf_puts(b, ents[k].utf8);
					i = semi;
					hit = true;
					break;
				}
			if (!hit)
				colo_buf_putc(b, '&');
		}
	}
}

static char *decoded(const char *s, size_t n)
{
	colo_buf b;
	char *r;

	colo_buf_init(&b, 0);
	put_decoded(&b, s, n);
	r = squash(colo_buf_cstr(&b), b.len);
	colo_buf_cleanup(&b);
	return r;
}

static void set_once(char **slot, char *v)
{
	if (!*slot && v)
		*slot = v;
	else
		free(v);
}

static void add_author(art_html *h, const char *s, size_t n)
{
	char *v = decoded(s, n);

	if (!v)
		return;
	if (starts_ci(v, strlen(v), "http://") ||
	    starts_ci(v, strlen(v), "https://") || h->nauthors == ART_MAX_NAMES) {
		free(v);
		return;
	}
	for (size_t i = 0; i < h->nauthors; i++)
		if (strcmp(h->authors[i], v) == 0) {
			free(v);
			return;
		}
	h->authors[h->nauthors++] = v;
}

static void add_cited(art_html *h, const char *title, const char *author,
                      const char *isbn, const char *doi)
{
	struct art_cited *c;

	if (h->ncited == sizeof h->cited / sizeof h->cited[0] || (!title && !doi))
		return;
	c = &h->cited[h->ncited++];
	c->title = title ? colo_text_squash(title, strlen(title)) : NULL;
	c->author = author ? colo_xstrdup(author) : NULL;
	c->isbn = isbn ? colo_xstrdup(isbn) : NULL;
	c->doi = doi ? colo_xstrdup(doi) : NULL;
}

/* ---- JSON-LD ------------------------------------------------------------- */

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_object(v)) { /* {"@type": "Person", "name": ...} */
		json_t *n = json_object_get(v, "name");

		if (json_is_string(n))
			return json_string_value(n);
	}
	if (json_is_array(v) && json_array_size(v) > 0) {
		json_t *f = json_array_get(v, 0);

		if (json_is_string(f))
			return json_string_value(f);
	}
	return NULL;
}

static bool type_is(json_t *o, const char *t)
{
	json_t *v = json_object_get(o, "@type");
	size_t i;
	json_t *e;

	if (json_is_string(v))
		return strcmp(json_string_value(v), t) == 0;
	json_array_foreach(v, i, e) if (json_is_string(e) &&
	                                strcmp(json_string_value(e), t) == 0) return true;
	return false;
}

static void ld_authors(art_html *h, json_t *a)
{
	size_t i;
	json_t *e;

	if (json_is_string(a)) {
		add_author(h, json_string_value(a), strlen(json_string_value(a)));
	} else if (json_is_object(a)) {
		const char *n = jstr(a, "name");

		if (n)
			add_author(h, n, strlen(n));
	} else if (json_is_array(a)) {
		json_array_foreach(a, i, e) ld_authors(h, e);
	}
}

static void ld_item(art_html *h, json_t *o, int depth)
{
	static const char *const article_types[] = {
		"Article",     "NewsArticle",       "BlogPosting",
		"Report",      "ScholarlyArticle",  "ReportageNewsArticle",
		"AnalysisNewsArticle", "OpinionNewsArticle", "SocialMediaPosting"};
	size_t i;
	json_t *e;

	if (depth > JSONLD_MAX_DEPTH)
		return;
	if (json_is_array(o)) {
		json_array_foreach(o, i, e) ld_item(h, e, depth + 1);
		return;
	}
	if (!json_is_object(o))
		return;
	if (json_object_get(o, "@graph"))
		ld_item(h, json_object_get(o, "@graph"), depth + 1);
	for (i = 0; i < sizeof article_types / sizeof article_types[0]; i++)
		if (type_is(o, article_types[i])) {
			const char *v;

			if (!h->ld_type)
				h->ld_type = colo_xstrdup(article_types[i]);
			if ((v = jstr(o, "headline")) || (v = jstr(o, "name")))
				set_once(&h->ld_headline, decoded(v, strlen(v)));
			if ((v = jstr(o, "datePublished")))
				set_once(&h->ld_date, colo_xstrdup(v));
			if ((v = jstr(o, "publisher")))
				set_once(&h->ld_publisher, decoded(v, strlen(v)));
			if ((v = jstr(o, "url")))
				set_once(&h->ld_url, colo_xstrdup(v));
			ld_authors(h, json_object_get(o, "author"));
			if (json_object_get(o, "citation"))
				ld_item(h, json_object_get(o, "citation"), depth + 1);
			if (json_object_get(o, "mentions"))
				ld_item(h, json_object_get(o, "mentions"), depth + 1);
			return;
		}
	if (type_is(o, "Book")) {
		add_cited(h, jstr(o, "name"), jstr(o, "author"), jstr(o, "isbn"),
		          NULL);
		return;
	}
	if (type_is(o, "Person") && !h->nauthors) {
		const char *n = jstr(o, "name");

		if (n)
			add_author(h, n, strlen(n));
	}
}

static void read_jsonld(art_html *h, const char *s, size_t n)
{
	json_error_t je;
	json_t *root = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);

	if (!root)
		return; /* a broken block is the page's problem, not the article's */
	ld_item(h, root, 0);
	json_decref(root);
}

/* ---- the page ------------------------------------------------------------- */

static bool block_tag(const char *name)
{
	static const char *const blocks[] = {
		"p",  "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li",
		"ul", "ol",  "tr", "section", "article", "header", "footer",
		"blockquote", "title", "time", "figcaption", "aside", "nav", "main"};

	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (strcmp(name, blocks[i]) == 0)
			return true;
	return false;
}

static void meta(art_html *h, const tag *t)
{
	const attr *k = get_attr(t, "property");
	const attr *v = get_attr(t, "content");
	char key[48];
	size_t kl;

	if (!k)
		k = get_attr(t, "name");
	if (!k || !v || k->nlen == 0)
		return;
	kl = k->vlen < sizeof key - 1 ? k->vlen : sizeof key - 1;
	for (size_t i = 0; i < kl; i++)
		key[i] = lc(k->value[i]);
	key[kl] = '\0';
#define M(name, slot)                                                          \
	if (strcmp(key, name) == 0) {                                          \
		set_once(&h->slot, decoded(v->value, v->vlen));                \
		return;                                                        \
	}
	M("og:title", og_title)
	M("og:site_name", og_site)
	M("og:url", og_url)
	M("og:type", og_type)
	M("article:published_time", published)
	M("citation_title", cit_title)
	M("citation_publication_date", cit_date)
	M("citation_date", cit_date)
	M("citation_online_date", cit_date)
	M("citation_journal_title", cit_journal)
	M("citation_doi", cit_doi)
	M("citation_isbn", cit_isbn)
	M("citation_volume", cit_volume)
	M("citation_issue", cit_issue)
	M("citation_firstpage", cit_first)
	M("citation_lastpage", cit_last)
	M("citation_publisher", cit_publisher)
	M("author", meta_author)
#undef M
	if (strcmp(key, "citation_author") == 0 ||
	    strcmp(key, "article:author") == 0)
		add_author(h, v->value, v->vlen);
}

static size_t find_close(const char *s, size_t n, size_t from, const char *name)
{
	char pat[24];
	size_t at;

	pat[0] = '<';
	pat[1] = '/';
	memcpy(pat + 2, name, strlen(name) + 1);
	at = find_ci(s + from, n - from, pat);
	return from + at;
}

/* A doi.org link: the DOI after the host. */
static const char *doi_of(const char *href, size_t n, size_t *dlen)
{
	size_t at = find_ci(href, n, "doi.org/");

	if (at == n)
		return NULL;
	at += 8;
	if (n - at < 4 || href[at] != '1' || href[at + 1] != '0')
		return NULL;
	*dlen = n - at;
	return href + at;
}

void art_html_read(const char *s, size_t n, art_html *h)
{
	size_t i = 0;
	/* an open element whose text is wanted: the first h1, a rel=author
	 * link, a byline, a doi.org link */
	struct {
		char name[16];
		size_t at;
		int what; /* 1 h1, 2 author, 3 byline, 4 doi link */
		char *doi;
	} open[8];
	size_t nopen = 0;

	memset(h, 0, sizeof *h);
	colo_buf_init(&h->text, 0);
	while (i < n) {
		tag t;

		if (s[i] != '<') {
			size_t e = i;

			while (e < n && s[e] != '<')
				e++;
			/* whitespace runs become one space; blocks add newlines */
			for (size_t k = i; k < e; k++) {
				char c = s[k];

				if (is_sp(c)) {
					if (h->text.len && !is_sp(h->text.data[h->text.len - 1]))
						colo_buf_putc(&h->text, ' ');
					continue;
				}
				if (c == '&') {
					size_t semi = k;

					while (semi < e && semi < k + 10 && s[semi] != ';')
						semi++;
					if (semi < e && s[semi] == ';') {
						put_decoded(&h->text, s + k, semi - k + 1);
						k = semi;
						continue;
					}
				}
				colo_buf_putc(&h->text, c);
			}
			i = e;
			continue;
		}
		if (starts_ci(s + i, n - i, "<!--")) {
			size_t e = find_ci(s + i + 4, n - i - 4, "-->");

			i = i + 4 + e + (e < n - i - 4 ? 3 : 0);
			continue;
		}
		if (!read_tag(s, n, i, &t)) {
			if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
				while (i < n && s[i] != '>')
					i++;
				i++;
			} else {
				colo_buf_putc(&h->text, '<');
				i++;
			}
			continue;
		}
		i = t.end;
		if (!t.closing && (strcmp(t.name, "script") == 0 ||
		                   strcmp(t.name, "style") == 0 ||
		                   strcmp(t.name, "template") == 0 ||
		                   strcmp(t.name, "noscript") == 0)) {
			size_t e = find_close(s, n, i, t.name);
			const attr *ty = get_attr(&t, "type");

			if (strcmp(t.name, "script") == 0 && ty &&
			    find_ci(ty->value, ty->vlen, "ld+json") < ty->vlen)
				read_jsonld(h, s + i, e - i);
			i = e;
			continue;
		}
		if (!t.closing && strcmp(t.name, "title") == 0) {
			size_t e = find_close(s, n, i, "title");

			set_once(&h->title, decoded(s + i, e - i));
			i = e;
			continue;
		}
		if (block_tag(t.name) && h->text.len &&
		    h->text.data[h->text.len - 1] != '\n') {
			while (h->text.len && h->text.data[h->text.len - 1] == ' ')
				h->text.len--;
			colo_buf_putc(&h->text, '\n');
		}
		if (t.closing) {
			for (size_t k = nopen; k-- > 0;)
				if (strcmp(open[k].name, t.name) == 0) {
					const char *txt = h->text.data + open[k].at;
					size_t tl = h->text.len - open[k].at;

					if (open[k].what == 1)
						set_once(&h->h1, squash(txt, tl));
					else if (open[k].what == 2)
						add_author(h, txt, tl);
					else if (open[k].what == 3)
						set_once(&h->byline, squash(txt, tl));
					else if (open[k].what == 4) {
						char *title = squash(txt, tl);

						add_cited(h, title, NULL, NULL, open[k].doi);
						free(title);
					}
					free(open[k].doi);
					open[k] = open[--nopen];
					break;
				}
			continue;
		}
		if (strcmp(t.name, "meta") == 0) {
			meta(h, &t);
		} else if (strcmp(t.name, "link") == 0) {
			const attr *rel = get_attr(&t, "rel"), *href = get_attr(&t, "href");

			if (rel && href && starts_ci(rel->value, rel->vlen, "canonical"))
				set_once(&h->canonical, decoded(href->value, href->vlen));
		} else if (strcmp(t.name, "time") == 0) {
			const attr *dt = get_attr(&t, "datetime");

			if (dt)
				set_once(&h->time_datetime, decoded(dt->value, dt->vlen));
		}
		if (nopen < sizeof open / sizeof open[0]) {
			int what = 0;
			const attr *rel = get_attr(&t, "rel"), *cls = get_attr(&t, "class");
			const attr *href = get_attr(&t, "href");
			const char *doi = NULL;
			size_t dlen = 0;

			if (strcmp(t.name, "h1") == 0 && !h->h1)
				what = 1;
			else if (strcmp(t.name, "a") == 0 && rel &&
			         find_ci(rel->value, rel->vlen, "author") < rel->vlen)
				what = 2;
			else if (cls && find_ci(cls->value, cls->vlen, "byline") < cls->vlen &&
			         !h->byline)
				what = 3;
			else if (strcmp(t.name, "a") == 0 && href &&
			         (doi = doi_of(href->value, href->vlen, &dlen)))
				what = 4;
			if (what) {
				memcpy(open[nopen].name, t.name, sizeof open[nopen].name);
				open[nopen].at = h->text.len;
				open[nopen].what = what;
				open[nopen].doi = what == 4 ? colo_xstrndup(doi, dlen) : NULL;
				nopen++;
			}
		}
	}
	for (size_t k = 0; k < nopen; k++)
		free(open[k].doi);
}

void art_html_cleanup(art_html *h)
{
	char **strs[] = {&h->title,       &h->h1,          &h->og_title,
	                 &h->og_site,     &h->og_url,      &h->og_type,
	                 &h->published,   &h->cit_title,   &h->cit_date,
	                 &h->cit_journal, &h->cit_doi,     &h->cit_isbn,
	                 &h->ld_headline, &h->ld_date,     &h->ld_publisher,
	                 &h->ld_url,      &h->ld_type,     &h->canonical,
	                 &h->time_datetime, &h->meta_author, &h->byline,
	                 &h->cit_volume, &h->cit_issue, &h->cit_first,
	                 &h->cit_last, &h->cit_publisher};

	colo_buf_cleanup(&h->text);
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		free(*strs[i]);
		*strs[i] = NULL;
	}
	for (size_t i = 0; i < h->nauthors; i++)
		free(h->authors[i]);
	for (size_t i = 0; i < h->ncited; i++) {
		free(h->cited[i].title);
		free(h->cited[i].author);
		free(h->cited[i].isbn);
		free(h->cited[i].doi);
	}
	h->nauthors = h->ncited = 0;
}

/* ---- building the batch ----------------------------------------------------- */

static long person_for(colo_batch *b, const char *s, size_t n, colo_span sp)
{
	colo_name nm;
	char *hon = NULL, *key;
	size_t skip;
	long idx;

	s = colo_text_trim(s, n, &n);
	skip = colo_name_split_honorific(s, n, &hon);
	colo_name_init(&nm);
	colo_name_parse(s + skip, n - skip, &nm);
	key = colo_name_key(&nm);
	for (size_t i = 0; i < b->npeople; i++) {
		char *k = b->people[i].key ? NULL : colo_name_key(&b->people[i].name);
		bool same = key && strcmp(b->people[i].key ? b->people[i].key : k,
		                          key) == 0;

		free(k);
		if (same) {
			free(key);
			free(hon);
			colo_name_cleanup(&nm);
			return (long)i;
		}
	}
	free(key);
	idx = colo_batch_add_person(b);
	b->people[idx].name = nm;
	b->people[idx].honorific = hon;
	b->people[idx].span = sp;
	return idx;
}

static void add_creator(colo_batch *b, long work, long person)
{
	colo_work *w = &b->works[work];
	colo_creator *c;

	for (size_t i = 0; i < w->ncreators; i++)
		if (w->creators[i].person == person)
			return;
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	colo_name_copy(&c->name, &b->people[person].name);
	c->person = person;
}

static const char *venue_kind_guess(const char *name)
{
	size_t n = strlen(name);

	if (find_ci(name, n, "journal") < n || find_ci(name, n, "magazine") < n ||
	    find_ci(name, n, "review") < n || find_ci(name, n, "interest") < n)
		return "magazine";
	if (find_ci(name, n, "news") < n || find_ci(name, n, "times") < n ||
	    find_ci(name, n, "post") < n)
		return "newspaper";
	return "blog";
}

static const char *type_for_venue(const colo_venue *v)
{
	if (v && v->kind && strcmp(v->kind, "blog") == 0)
		return "post-weblog";
	if (v && v->kind && strcmp(v->kind, "newspaper") == 0)
		return "article-newspaper";
	return "article-magazine";
}

/* Clears every span of records from index `from*` on (HTML: the spans
 * would index the visible text, not the source). */
static void clear_spans(colo_batch *b, size_t people, size_t works,
                        size_t venues, size_t links)
{
	static const colo_span none = {0, 0};

	for (size_t i = people; i < b->npeople; i++) {
		colo_person *p = &b->people[i];

		p->span = none;
		for (size_t k = 0; k < p->ndegrees; k++)
			p->degrees[k].span = none;
		for (size_t k = 0; k < p->naffiliations; k++)
			p->affiliations[k].span = none;
		for (size_t k = 0; k < p->nroles; k++)
			p->roles[k].span = none;
	}
	for (size_t i = works; i < b->nworks; i++)
		b->works[i].span = none;
	for (size_t i = venues; i < b->nvenues; i++)
		b->venues[i].span = none;
	for (size_t i = links; i < b->nlinks; i++)
		b->links[i].span = none;
}

static bool set_date(colo_work *w, const char *s, bool from_user,
                     colo_error *err)
{
	int y, m, d;

	if (!s)
		return true;
	if (!colo_article_parse_date(s, strlen(s), &y, &m, &d)) {
		if (from_user) {
			colo_error_set(err, COLO_EUSAGE,
			               "cannot read the date '%s' (use YYYY-MM-DD)", s);
			return false;
		}
		return true;
	}
	w->year = y;
	w->month = m;
	w->day = d;
	return true;
}

static const char *first(const char *a, const char *b, const char *c,
                         const char *d)
{
	return a ? a : b ? b : c ? c : d;
}

/* Drops " - Site" / " | Site" from a <title> when it names the site. */
static char *title_without_site(const char *title, const char *site)
{
	size_t n = strlen(title);
	static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ",
	                                   " \xe2\x80\x94 "};

	for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
		const char *p = NULL, *q = title;

		while ((q = strstr(q, seps[k]))) {
			p = q;
			q++;
		}
		if (p && (!site || strstr(p, site)))
			return colo_xstrndup(title, (size_t)(p - title));
	}
	return colo_xstrndup(title, n);
}

bool colo_article_parse_opts(const char *data, size_t len,
                             const colo_article_opts *opts, colo_batch *out,
                             colo_error *err)
{
	colo_article_opts none = {0};
	bool html = art_is_html(data, len);
	art_html h;
	art_text t;
	const char *s = data; /* the text the line reading runs on */
	size_t n = len;
	size_t people0 = out->npeople, works0 = out->nworks,
	       venues0 = out->nvenues, links0 = out->nlinks;
	long aw = -1, venue = -1;
	char *title = NULL, *venue_name = NULL;
	const char *date = NULL, *url = NULL;
	bool ok = false;

	if (!opts)
		opts = &none;
	memset(&h, 0, sizeof h);
	colo_buf_init(&h.text, 0);
	if (html) {
		art_html_cleanup(&h);
		art_html_read(data, len, &h);
		s = colo_buf_cstr(&h.text);
		n = h.text.len;
	}
	read_text(s, n, &t, out, true);

	/* the title */
	if (opts->title && *opts->title) {
		title = colo_text_squash(opts->title, strlen(opts->title));
	} else if (html && (h.cit_title || h.og_title || h.ld_headline || h.h1)) {
		title = colo_xstrdup(first(h.cit_title, h.og_title, h.ld_headline, h.h1));
	} else if (html && h.title) {
		title = title_without_site(h.title, h.og_site);
	} else if (t.title_line >= 0) {
		const line *l = &t.lines[t.title_line];
		size_t a = l->start;

		while (a < l->end && (s[a] == '#' || is_sp(s[a])))
			a++;
		title = squash(s + a, l->end - a);
	}
	if (!title || !*title) {
		colo_error_set_at(err, COLO_EINPUT, 1, 1,
		                  "no article title found (no heading, <title> or "
		                  "og:title); give one with --title");
		goto done;
	}
	aw = colo_batch_add_work(out);
	out->works[aw].title = title;
	title = NULL;
	if (!html && t.title_line >= 0 && !opts->title)
		out->works[aw].span = (colo_span){t.lines[t.title_line].start,
		                                  t.lines[t.title_line].end};

	/* date, URL, DOI */
	if (opts->date) {
		if (!set_date(&out->works[aw], opts->date, true, err))
			goto done;
	} else if (html) {
		date = first(h.cit_date, h.published, h.ld_date, h.time_datetime);
		set_date(&out->works[aw], date, false, err);
	}
	if (!out->works[aw].year && t.y) {
		out->works[aw].year = t.y;
		out->works[aw].month = t.m;
		out->works[aw].day = t.d;
	}
	url = opts->url ? opts->url
	      : html   ? first(h.canonical, h.og_url, h.ld_url, NULL)
	               : NULL;
	colo_set_str(&out->works[aw].url, url);
	if (html) {
		colo_work *w = &out->works[aw];

		colo_set_str(&w->doi, h.cit_doi);
		colo_set_str(&w->isbn, h.cit_isbn);
		colo_set_str(&w->volume, h.cit_volume);
		colo_set_str(&w->issue, h.cit_issue);
		colo_set_str(&w->publisher, h.cit_publisher);
		if (h.cit_first) {
			colo_buf pages;

			colo_buf_init(&pages, 0);
			colo_buf_puts(&pages, h.cit_first);
			if (h.cit_last)
				colo_buf_printf(&pages, "-%s", h.cit_last);
			w->pages = colo_buf_steal(&pages);
		}
	}

	/* venue */
	if (opts->venue && *opts->venue)
		venue_name = colo_text_squash(opts->venue, strlen(opts->venue));
	else if (html && (h.cit_journal || h.og_site || h.ld_publisher))
		venue_name = colo_xstrdup(first(h.cit_journal, h.og_site,
		                                h.ld_publisher, NULL));
	if (venue_name) {
		venue = colo_batch_intern_venue(out, venue_name,
		                                html && h.cit_journal ? "journal"
		                                                      : "website");
		out->works[aw].venue = venue;
		colo_set_str(&out->works[aw].container, out->venues[venue].name);
	}

	/* the author bio, through the bio importer, into this batch */
	if (t.bio_line >= 0) {
		colo_error berr;
		size_t before = out->npeople;

		colo_error_clear(&berr);
		if (!colo_bio_parse(s, n, out, &berr)) {
			if (berr.code != COLO_EINPUT) {
				if (err)
					*err = berr;
				goto done;
			}
			colo_batch_diag(out, (unsigned)t.bio_line + 1, 1,
			                "author bio not understood: %s", berr.message);
		} else if (out->npeople > before) {
			add_creator(out, aw, (long)before);
		}
	}
	/* authors the page names (bylines, metadata) */
	if (html) {
		for (size_t i = 0; i < h.nauthors; i++)
			add_creator(out, aw, person_for(out, h.authors[i],
			                                strlen(h.authors[i]),
			                                (colo_span){0, 0}));
		if (!h.nauthors && h.meta_author)
			add_creator(out, aw, person_for(out, h.meta_author,
			                                strlen(h.meta_author),
			                                (colo_span){0, 0}));
		if (!out->works[aw].ncreators && h.byline) {
			const char *b = h.byline;
			size_t bl = strlen(b);

			if (starts_ci(b, bl, "by "))
				b += 3, bl -= 3;
			if (nwords(b, bl) <= 6 && bl && is_up(b[0]))
				add_creator(out, aw, person_for(out, b, bl, (colo_span){0, 0}));
		}
	}
	if (!out->works[aw].ncreators && t.byline.end)
		add_creator(out, aw, person_for(out, s + t.byline.start,
		                                t.byline.end - t.byline.start,
		                                html ? (colo_span){0, 0} : t.byline));

	/* its type */
	{
		const char *ty = "article-magazine";

		if (html && h.ld_type && strcmp(h.ld_type, "BlogPosting") == 0)
			ty = "post-weblog";
		else if (html && h.ld_type && strstr(h.ld_type, "NewsArticle"))
			ty = "article-newspaper";
		else if (html && !h.ld_type && h.og_type &&
		         strcmp(h.og_type, "article") != 0)
			ty = "webpage";
		else if (html && h.cit_journal)
			ty = "article-journal";
		else if (venue >= 0)
			ty = type_for_venue(&out->venues[venue]);
		colo_set_str(&out->works[aw].type, ty);
	}

	/* pingbacks: citing works */
	for (size_t i = 0; i < t.npings; i++) {
		const pingback *p = &t.pings[i];
		char *pt = squash(s + p->title.start, p->title.end - p->title.start);
		long w, v = -1, l;

		if (!pt) {
			colo_batch_diag(out, p->lineno, 1, "pingback without a title");
			continue;
		}
		w = colo_batch_add_work(out);
		out->works[w].title = pt;
		if (!html)
			out->works[w].span = p->whole;
		if (p->site.end > p->site.start) {
			char *site = colo_article_site_name(s + p->site.start,
			                                    p->site.end - p->site.start);

			v = colo_batch_intern_venue(out, site, venue_kind_guess(site));
			free(site);
			if (!html && !out->venues[v].span.end)
				out->venues[v].span = p->site;
			out->works[w].venue = v;
			colo_set_str(&out->works[w].container, out->venues[v].name);
		}
		{
			/* A site the bio named is a "periodical": what kind of
			 * site it is comes from its name then. */
			colo_venue probe = {0};

			if (v >= 0) {
				probe = out->venues[v];
				if (!probe.kind || strcmp(probe.kind, "blog") != 0)
					probe.kind = (char *)venue_kind_guess(probe.name);
			}
			colo_set_str(&out->works[w].type,
			             type_for_venue(v >= 0 ? &probe : NULL));
		}
		l = colo_batch_add_link(out, COLO_KIND_WORK, w, COLO_KIND_WORK, aw,
		                        "cites");
		out->links[l].confidence = 0.9;
		if (!html)
			out->links[l].span = p->whole;
	}

	/* works the page cites (JSON-LD Books, doi.org links) */
	for (size_t i = 0; html && i < h.ncited; i++) {
		const struct art_cited *c = &h.cited[i];
		long w = colo_batch_add_work(out), l;

		colo_set_str(&out->works[w].title, c->title);
		colo_set_str(&out->works[w].isbn, c->isbn);
		colo_set_str(&out->works[w].doi, c->doi);
		colo_set_str(&out->works[w].type, c->isbn ? "book" : "article-journal");
		if (c->author)
			add_creator(out, w, person_for(out, c->author, strlen(c->author),
			                               (colo_span){0, 0}));
		l = colo_batch_add_link(out, COLO_KIND_WORK, aw, COLO_KIND_WORK, w,
		                        "cites");
		out->links[l].confidence = 0.8;
	}
	if (html)
		clear_spans(out, people0, works0, venues0, links0);
	ok = true;
done:
	free(title);
	free(venue_name);
	free(t.lines);
	art_html_cleanup(&h);
	return ok;
}

bool colo_article_parse(const char *data, size_t len, colo_batch *out,
                        colo_error *err)
{
	return colo_article_parse_opts(data, len, NULL, out, err);
}

int colo_article_sniff(const char *data, size_t len)
{
	size_t probe = len < 65536 ? len : 65536;
	art_text t;
	int score = 10;

	if (art_is_html(data, len))
		return 80;
	read_text(data, probe, &t, NULL, false);
	if (t.npings > 0)
		score = 75; /* above the bio importer's 70 for an "About" section */
	free(t.lines);
	return score;
}

char *colo_article_text(const char *data, size_t len, size_t *outlen)
{
	art_text t;
	char *r;

	if (art_is_html(data, len)) {
		art_html h;

		art_html_read(data, len, &h);
		read_text(colo_buf_cstr(&h.text), h.text.len, &t, NULL, false);
		r = colo_xstrndup(colo_buf_cstr(&h.text), t.body_end);
		art_html_cleanup(&h);
	} else {
		read_text(data, len, &t, NULL, false);
		r = colo_xstrndup(data, t.body_end);
	}
	*outlen = t.body_end;
	free(t.lines);
	return r;
}
