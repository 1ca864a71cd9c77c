/* text.c - UTF-8 validation and normalisation with utf8proc.
 *
 * Everything that compares text (dedup keys, name matching, search tokens)
 * goes through these functions, so two spellings of one name normalise the
 * same way everywhere.  Not a general Unicode library: only what keys need. */
#include "colophon/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "colophon/buf.h"
#include "colophon/mem.h"

bool colo_text_validate(const char *s, size_t len, colo_error *err)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	unsigned line = 1, col = 1;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[i] < 0x80) {
			if (p[i] == 0) {
				colo_error_set_at(err, COLO_EINPUT, line, col,
				                  "NUL byte in text input");
				return false;
			}
			if (p[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0 || cp < 0) {
			colo_error_set_at(err, COLO_EINPUT, line, col,
			                  "invalid UTF-8 (byte 0x%02x)", p[i]);
			return false;
		}
		i += (size_t)n;
		col++;
	}
	return true;
}

const char *colo_text_trim(const char *s, size_t len, size_t *outlen)
{
	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	               *s == '\f' || *s == '\v')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	               s[len - 1] == '\n' || s[len - 1] == '\r' ||
	               s[len - 1] == '\f' || s[len - 1] == '\v'))
		len--;
	*outlen = len;
	return s;
}

static bool is_space_cp(utf8proc_int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	    cp == '\v')
		return true;
	return cp > 0x7f && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Applies utf8proc_map with `opts`; on invalid input, falls back to a copy
 * of the bytes so callers always get a string. */
static char *map(const char *s, size_t len, utf8proc_option_t opts)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	                 &dst, opts);
	if (n < 0) {
		free(dst);
		return colo_xstrndup(s, len);
	}
	return (char *)dst;
}

/* Iterates code points of a NUL-terminated, already-mapped string. */
#define FOR_EACH_CP(str, cp, n, i)                                           \
	for (size_t i = 0; (str)[i] &&                                       \
	     ((n = utf8proc_iterate((const utf8proc_uint8_t *)(str) + i, -1,  \
	                            &(cp))) > 0 || ((n = 1), (cp = '?'), 1)); \
	     i += (size_t)(n))

char *colo_text_squash(const char *s, size_t len)
{
	colo_buf b;
	bool space = false;
	size_t i = 0;

	colo_buf_init(&b, 0);
	while (i < len) {
		utf8proc_int32_t cp = -1;
		utf8proc_ssize_t n = 1;

		if ((unsigned char)s[i] >= 0x80) {
			n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			                     (utf8proc_ssize_t)(len - i), &cp);
			if (n <= 0)
				n = 1;
		} else {
			cp = (unsigned char)s[i];
		}
		if (is_space_cp(cp)) {
			space = true;
		} else {
			if (space && b.len)
				colo_buf_putc(&b, ' ');
			space = false;
			colo_buf_append(&b, s + i, (size_t)n);
		}
		i += (size_t)n;
	}
	return colo_buf_steal(&b);
}

char *colo_text_fold(const char *s, size_t len)
{
	char *m = map(s, len,
	              UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
	                  UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
	                  UTF8PROC_LUMP | UTF8PROC_IGNORE);
	char *out = colo_text_squash(m, strlen(m));

	free(m);
	return out;
}

static bool is_alnum_cp(utf8proc_int32_t cp)
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
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* Folded text reduced to words of letters and digits separated by single
 * spaces; "&" becomes the word "and".  Apostrophes join ("o'brien" →
 * "obrien") rather than split. */
static char *words(const char *s, size_t len)
{
	char *f = colo_text_fold(s, len);
	colo_buf b;
	bool gap = false;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	colo_buf_init(&b, 0);
	FOR_EACH_CP(f, cp, n, i) {
		if (is_alnum_cp(cp)) {
			if (gap && b.len)
				colo_buf_putc(&b, ' ');
			gap = false;
			colo_buf_append(&b, f + i, (size_t)n);
		} else if (cp == '\'' || cp == 0x2019) {
			/* joins */
		} else if (cp == '&') {
			if (b.len)
				colo_buf_putc(&b, ' ');
			colo_buf_puts(&b, "and");
			gap = true;
		} else {
			gap = true;
		}
	}
	free(f);
	return colo_buf_steal(&b);
}

char *colo_text_normkey(const char *s, size_t len)
{
	char *w = words(s, len);

	if (strncmp(w, "the ", 4) == 0)
		memmove(w, w + 4, strlen(w + 4) + 1);
	return w;
}

/* Letters utf8proc cannot decompose into ASCII, spelled out. */
static const struct {
	utf8proc_int32_t cp;
	const char *ascii;
} spelled[] = {
	{0x00DF, "ss"}, {0x1E9E, "SS"}, {0x00F8, "o"},  {0x00D8, "O"},
	{0x00E6, "ae"}, {0x00C6, "AE"}, {0x0153, "oe"}, {0x0152, "OE"},
	{0x0142, "l"},  {0x0141, "L"},  {0x0111, "d"},  {0x0110, "D"},
	{0x00FE, "th"}, {0x00DE, "Th"}, {0x00F0, "d"},  {0x00D0, "D"},
	{0x0131, "i"},  {0x0127, "h"},  {0x0126, "H"},  {0x2018, "'"},
	{0x2019, "'"},  {0x201C, "\""}, {0x201D, "\""}, {0x2013, "-"},
	{0x2014, "-"},
	/* Greek (after marks are stripped) */
	{0x03B1, "a"}, {0x03B2, "v"}, {0x03B3, "g"}, {0x03B4, "d"},
	{0x03B5, "e"}, {0x03B6, "z"}, {0x03B7, "i"}, {0x03B8, "th"},
	{0x03B9, "i"}, {0x03BA, "k"}, {0x03BB, "l"}, {0x03BC, "m"},
	{0x03BD, "n"}, {0x03BE, "x"}, {0x03BF, "o"}, {0x03C0, "p"},
	{0x03C1, "r"}, {0x03C2, "s"}, {0x03C3, "s"}, {0x03C4, "t"},
	{0x03C5, "y"}, {0x03C6, "f"}, {0x03C7, "ch"}, {0x03C8, "ps"},
	{0x03C9, "o"},
	/* Cyrillic (Russian, Ukrainian, Belarusian, Serbian letters) */
	{0x0430, "a"}, {0x0431, "b"}, {0x0432, "v"}, {0x0433, "g"},
	{0x0434, "d"}, {0x0435, "e"}, {0x0451, "e"}, {0x0436, "zh"},
	{0x0437, "z"}, {0x0438, "i"}, {0x0439, "i"}, {0x043A, "k"},
	{0x043B, "l"}, {0x043C, "m"}, {0x043D, "n"}, {0x043E, "o"},
	{0x043F, "p"}, {0x0440, "r"}, {0x0441, "s"}, {0x0442, "t"},
	{0x0443, "u"}, {0x0444, "f"}, {0x0445, "kh"}, {0x0446, "ts"},
	{0x0447, "ch"}, {0x0448, "sh"}, {0x0449, "shch"}, {0x044A, ""},
	{0x044B, "y"}, {0x044C, ""}, {0x044D, "e"}, {0x044E, "iu"},
	{0x044F, "ia"}, {0x0454, "ie"}, {0x0456, "i"}, {0x0457, "i"},
	{0x0491, "g"}, {0x045E, "u"}, {0x0452, "dj"}, {0x045B, "c"},
	{0x0458, "j"}, {0x0459, "lj"}, {0x045A, "nj"}, {0x045F, "dz"},
};

/* Appends the spelling of cp; a capital with only a small form in the
 * table (Greek, Cyrillic) gets its first letter capitalised. */
static void spell(colo_buf *b, utf8proc_int32_t cp)
{
	utf8proc_int32_t lower = utf8proc_tolower(cp);

	for (size_t i = 0; i < sizeof spelled / sizeof spelled[0]; i++) {
		if (spelled[i].cp == cp) {
			colo_buf_puts(b, spelled[i].ascii);
			return;
		}
	}
	for (size_t i = 0; i < sizeof spelled / sizeof spelled[0]; i++) {
		if (lower != cp && spelled[i].cp == lower) {
			const char *a = spelled[i].ascii;

			if (*a) {
				colo_buf_putc(b, (char)(a[0] - 'a' + 'A'));
				colo_buf_puts(b, a + 1);
			}
			return;
		}
	}
}

char *colo_text_ascii(const char *s, size_t len)
{
	char *m = map(s, len,
	              UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
	                  UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	colo_buf b;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	colo_buf_init(&b, 0);
	FOR_EACH_CP(m, cp, n, i) {
		if (cp < 0x80) {
			colo_buf_putc(&b, (char)cp);
		} else {
			spell(&b, cp);
		}
	}
	free(m);
	return colo_buf_steal(&b);
}

void colo_text_tokens(const char *s, size_t len, char ***out, size_t *n)
{
	char *w = words(s, len);
	char **v = NULL;
	size_t cnt = 0, cap = 0;
	char *p = w;

	while (*p) {
		char *sp = strchr(p, ' ');
		size_t l = sp ? (size_t)(sp - p) : strlen(p);

		colo_grow((void **)&v, &cap, cnt + 1, sizeof *v);
		v[cnt++] = colo_xstrndup(p, l);
		p += l;
		if (*p == ' ')
			p++;
	}
	free(w);
	*out = v;
	*n = cnt;
}
