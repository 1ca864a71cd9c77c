/* latex.c - decodes the LaTeX found in .bib field values to Unicode.
 *
 * One pass over the bytes with a brace-depth counter (no recursion, so
 * 10,000 nested braces cost nothing special).  An accent on an ASCII
 * letter in ASCII text is composed at once (utf8proc's composition of the
 * pair); otherwise it is written as the base letter followed by a
 * combining mark and the whole result composed with utf8proc (NFC), which
 * gives the same text.  Text with no backslash,
 * brace, tie, dash, quote or dollar takes a fast path.  What this is not:
 * a TeX engine; macros defined in the file (@preamble) are not expanded. */
#include "colophon/latex.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "colophon/mem.h"

typedef struct letter_cmd {
	const char *name;
	const char *text;
} letter_cmd;

/* Sorted by strcmp for bsearch. */
static const letter_cmd letters[] = {
	{"AA", "\xc3\x85"},
	{"AE", "\xc3\x86"},
	{"BibTeX", "BibTeX"},
	{"DH", "\xc3\x90"},
	{"DJ", "\xc4\x90"},
	{"Delta", "\xce\x94"},
	{"Gamma", "\xce\x93"},
	{"IJ", "\xc4\xb2"},
	{"L", "\xc5\x81"},
	{"LaTeX", "LaTeX"},
	{"LaTeXe", "LaTeX2e"},
	{"Lambda", "\xce\x9b"},
	{"NG", "\xc5\x8a"},
	{"O", "\xc3\x98"},
	{"OE", "\xc5\x92"},
	{"Omega", "\xce\xa9"},
	{"P", "\xc2\xb6"},
	{"Phi", "\xce\xa6"},
	{"Pi", "\xce\xa0"},
	{"Psi", "\xce\xa8"},
	{"S", "\xc2\xa7"},
	{"SS", "SS"},
	{"Sigma", "\xce\xa3"},
	{"TH", "\xc3\x9e"},
	{"TeX", "TeX"},
	{"Theta", "\xce\x98"},
	{"Upsilon", "\xce\xa5"},
	{"Xi", "\xce\x9e"},
	{"aa", "\xc3\xa5"},
	{"ae", "\xc3\xa6"},
	{"alpha", "\xce\xb1"},
	{"approx", "\xe2\x89\x88"},
	{"ast", "\xe2\x88\x97"},
	{"beta", "\xce\xb2"},
	{"cdot", "\xc2\xb7"},
	{"checkmark", "\xe2\x9c\x93"},
	{"chi", "\xcf\x87"},
	{"circ", "\xe2\x88\x98"},
	{"copyright", "\xc2\xa9"},
	{"dag", "\xe2\x80\xa0"},
	{"ddag", "\xe2\x80\xa1"},
	{"delta", "\xce\xb4"},
	{"dh", "\xc3\xb0"},
	{"dj", "\xc4\x91"},
	{"dots", "\xe2\x80\xa6"},
	{"ell", "\xe2\x84\x93"},
	{"epsilon", "\xcf\xb5"},
	{"eta", "\xce\xb7"},
	{"euro", "\xe2\x82\xac"},
	{"gamma", "\xce\xb3"},
	{"ge", "\xe2\x89\xa5"},
	{"geq", "\xe2\x89\xa5"},
	{"guillemotleft", "\xc2\xab"},
	{"guillemotright", "\xc2\xbb"},
	{"i", "\xc4\xb1"},
	{"ij", "\xc4\xb3"},
	{"in", "\xe2\x88\x88"},
	{"infty", "\xe2\x88\x9e"},
	{"int", "\xe2\x88\xab"},
	{"iota", "\xce\xb9"},
	{"j", "\xc8\xb7"},
	{"kappa", "\xce\xba"},
	{"l", "\xc5\x82"},
	{"lambda", "\xce\xbb"},
	{"ldots", "\xe2\x80\xa6"},
	{"le", "\xe2\x89\xa4"},
	{"leftarrow", "\xe2\x86\x90"},
	{"leq", "\xe2\x89\xa4"},
	{"mid", "\xe2\x88\xa3"},
	{"mu", "\xce\xbc"},
	{"nabla", "\xe2\x88\x87"},
	{"ne", "\xe2\x89\xa0"},
	{"neq", "\xe2\x89\xa0"},
	{"ng", "\xc5\x8b"},
	{"nobreakspace", "\xc2\xa0"},
	{"nu", "\xce\xbd"},
	{"o", "\xc3\xb8"},
	{"oe", "\xc5\x93"},
	{"omega", "\xcf\x89"},
	{"partial", "\xe2\x88\x82"},
	{"phi", "\xcf\x95"},
	{"pi", "\xcf\x80"},
	{"pm", "\xc2\xb1"},
	{"pounds", "\xc2\xa3"},
	{"prime", "\xe2\x80\xb2"},
	{"prod", "\xe2\x88\x8f"},
	{"psi", "\xcf\x88"},
	{"qquad", " "},
	{"quad", " "},
	{"rho", "\xcf\x81"},
	{"rightarrow", "\xe2\x86\x92"},
	{"sigma", "\xcf\x83"},
	{"sim", "\xe2\x88\xbc"},
	{"slash", "/"},
	{"ss", "\xc3\x9f"},
	{"star", "\xe2\x8b\x86"},
	{"sum", "\xe2\x88\x91"},
	{"tau", "\xcf\x84"},
	{"textasciicircum", "^"},
	{"textasciitilde", "~"},
	{"textbackslash", "\\"},
	{"textbar", "|"},
	{"textbraceleft", "{"},
	{"textbraceright", "}"},
	{"textbullet", "\xe2\x80\xa2"},
	{"textcopyright", "\xc2\xa9"},
	{"textdagger", "\xe2\x80\xa0"},
	{"textdegree", "\xc2\xb0"},
	{"textdollar", "$"},
	{"textellipsis", "\xe2\x80\xa6"},
	{"textemdash", "\xe2\x80\x94"},
	{"textendash", "\xe2\x80\x93"},
	{"texteuro", "\xe2\x82\xac"},
	{"textexclamdown", "\xc2\xa1"},
	{"textgreater", ">"},
	{"textless", "<"},
	{"textnumero", "\xe2\x84\x96"},
	{"textparagraph", "\xc2\xb6"},
	{"textperiodcentered", "\xc2\xb7"},
	{"textquestiondown", "\xc2\xbf"},
	{"textquotedblleft", "\xe2\x80\x9c"},
	{"textquotedblright", "\xe2\x80\x9d"},
	{"textquoteleft", "\xe2\x80\x98"},
	{"textquoteright", "\xe2\x80\x99"},
	{"textregistered", "\xc2\xae"},
	{"textsection", "\xc2\xa7"},
	{"textslash", "/"},
	{"textsterling", "\xc2\xa3"},
	{"texttrademark", "\xe2\x84\xa2"},
	{"textunderscore", "_"},
	{"th", "\xc3\xbe"},
	{"theta", "\xce\xb8"},
	{"times", "\xc3\x97"},
	{"to", "\xe2\x86\x92"},
	{"upsilon", "\xcf\x85"},
	{"varepsilon", "\xce\xb5"},
	{"varphi", "\xcf\x86"},
	{"varpi", "\xcf\x96"},
	{"varrho", "\xcf\xb1"},
	{"varsigma", "\xcf\x82"},
	{"vartheta", "\xcf\x91"},
	{"xi", "\xce\xbe"},
	{"zeta", "\xce\xb6"},
};

#define NLETTERS (sizeof letters / sizeof letters[0])

typedef struct dec {
	colo_buf *out;
	unsigned flags;
	long depth; /* brace depth inside the value */
	long prot;  /* depth of the open case-protecting group, or -1 */
	bool space; /* whitespace seen and not yet written */
	bool combining; /* a combining mark was written: compose at the end */
	bool arg_next;  /* the next '{' is a command's argument */
	size_t start;   /* where this decode began in out */
	const char *src; /* the text being decoded */
	size_t srclen;
	int ascii;      /* src is all ASCII: 1, not: 0, not yet known: -1 */
} dec;

/* Bytes the decoder must look at; every other byte is copied as it is.
 * 1: always special; 2: special only in some company ('-' before '-',
 * '!' and '?' before '`'). */
static const unsigned char klass[256] = {
	[0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1,
	[8] = 1, [9] = 1, [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1,
	[15] = 1, [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1,
	[22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1, [28] = 1,
	[29] = 1, [30] = 1, [31] = 1, [0x7f] = 1,
	['\\'] = 1, ['{'] = 1, ['}'] = 1, ['~'] = 1, ['$'] = 1, ['`'] = 1,
	['\''] = 1, ['-'] = 2, ['!'] = 2, ['?'] = 2, [' '] = 2,
};

/* ' ', '\t', '\n', '\v', '\f', '\r' (9 to 13 are the last five). */
static bool is_space(char c)
{
	return c == ' ' || (unsigned char)(c - '\t') <= '\r' - '\t';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void put(dec *d, const char *s, size_t n)
{
	if (d->space) {
		if (d->out->len > d->start)
			colo_buf_putc(d->out, ' ');
		d->space = false;
	}
	colo_buf_append(d->out, s, n);
}

static void put_str(dec *d, const char *s)
{
	put(d, s, strlen(s));
}

static size_t utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

/* The combining mark an accent command stands for, or 0. */
static unsigned accent_mark(const char *name, size_t n)
{
	if (n != 1)
		return 0;
	switch (name[0]) {
	case '\'': return 0x301;
	case '`': return 0x300;
	case '^': return 0x302;
	case '"': return 0x308;
	case '~': return 0x303;
	case '=': return 0x304;
	case '.': return 0x307;
	case 'u': return 0x306;
	case 'v': return 0x30C;
	case 'H': return 0x30B;
	case 'c': return 0x327;
	case 'd': return 0x323;
	case 'b': return 0x331;
	case 'k': return 0x328;
	case 'r': return 0x30A;
	case 't': return 0x361;
	default: return 0;
	}
}

static bool src_ascii(dec *d)
{
	if (d->ascii < 0) {
		d->ascii = 1;
		for (size_t i = 0; i < d->srclen; i++)
			if ((unsigned char)d->src[i] >= 0x80) {
				d->ascii = 0;
				break;
			}
	}
	return d->ascii == 1;
}

/* The mark for the base letter just written.  When the text is ASCII the
 * base is the last byte out and the pair is composed here, by utf8proc,
 * as NFC would compose it: the text is then already NFC, and no pass over
 * it (with two allocations) is needed at the end.  Otherwise, or if the
 * pair has no precomposed form, the mark is written and the whole text
 * composed at the end. */
static void put_mark(dec *d, unsigned cp)
{
	char m[2];

	if (d->out->len > d->start && src_ascii(d)) {
		utf8proc_int32_t pair[2];
		utf8proc_uint8_t enc[4];

		pair[0] = (unsigned char)d->out->data[d->out->len - 1];
		pair[1] = (utf8proc_int32_t)cp;
		if (utf8proc_normalize_utf32(
			    pair, 2, UTF8PROC_COMPOSE | UTF8PROC_STABLE) == 1) {
			utf8proc_ssize_t n = utf8proc_encode_char(pair[0], enc);

			d->out->len--;
			colo_buf_append(d->out, (const char *)enc, (size_t)n);
			return;
		}
	}

	/* U+0300..U+036F: two bytes. */
	m[0] = (char)(0xC0 | (cp >> 6));
	m[1] = (char)(0x80 | (cp & 0x3F));
	colo_buf_append(d->out, m, 2);
	d->combining = true;
}

/* Reads an accent's base letter at s[k]: "\i", "\j" or one UTF-8
 * character.  Returns its length (0: none) and the text to write. */
static size_t accent_base(const char *s, size_t len, size_t k,
                          const char **text, size_t *tlen)
{
	if (k >= len)
		return 0;
	if (s[k] == '\\') {
		if (k + 1 < len && (s[k + 1] == 'i' || s[k + 1] == 'j') &&
		    (k + 2 >= len || !is_alpha(s[k + 2]))) {
			*text = s[k + 1] == 'i' ? "i" : "j";
			*tlen = 1;
			return 2;
		}
		return 0;
	}
	if (s[k] == '{' || s[k] == '}' || is_space(s[k]) || s[k] == '\0')
		return 0;
	*text = s + k;
	*tlen = utf8_len((unsigned char)s[k]);
	if (k + *tlen > len)
		*tlen = len - k;
	return *tlen;
}

/* An accent command whose argument starts at s[k]; returns where decoding
 * goes on. */
static size_t do_accent(dec *d, const char *s, size_t len, size_t k,
                        unsigned mark)
{
	const char *text;
	size_t tlen, n, j;

	if (k < len && s[k] == '{') {
		j = k + 1;
		while (j < len && is_space(s[j]))
			j++;
		if (j < len && s[j] == '}')
			return j + 1; /* \'{}: nothing to accent */
		n = accent_base(s, len, j, &text, &tlen);
		if (n) {
			size_t e = j + n;

			while (e < len && is_space(s[e]))
				e++;
			if (e < len && s[e] == '}') {
				put(d, text, tlen);
				put_mark(d, mark);
				return e + 1;
			}
		}
		/* Something longer ("\'{ab}"): keep the text, lose the mark. */
		d->arg_next = true;
		return k;
	}
	n = accent_base(s, len, k, &text, &tlen);
	if (!n)
		return k;
	put(d, text, tlen);
	put_mark(d, mark);
	return k + n;
}

static int letter_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const letter_cmd *)elem)->name);
}

/* Skips a balanced brace group starting at s[k] == '{'. */
static size_t skip_group(const char *s, size_t len, size_t k)
{
	long depth = 0;

	for (; k < len; k++) {
		if (s[k] == '\\' && k + 1 < len) {
			k++;
			continue;
		}
		if (s[k] == '{')
			depth++;
		else if (s[k] == '}' && --depth == 0)
			return k + 1;
	}
	return len;
}

/* A command at s[i] == '\\'; returns where decoding goes on. */
static size_t do_command(dec *d, const char *s, size_t len, size_t i)
{
	size_t j = i + 1, n;
	char name[32];
	const letter_cmd *lc;
	unsigned mark;

	if (j >= len)
		return len;
	if (!is_alpha(s[j])) {
		char c = s[j];

		mark = accent_mark(&s[j], 1);
		if (mark && c != 'u' && c != 'v' && c != 'H' && c != 'c' &&
		    c != 'd' && c != 'b' && c != 'k' && c != 'r' && c != 't')
			return do_accent(d, s, len, j + 1, mark);
		switch (c) {
		case '{':
		case '}':
			if (d->flags & COLO_LATEX_MARKUP) {
				char esc[2] = {'\\', c};

				put(d, esc, 2);
			} else {
				put(d, &s[j], 1);
			}
			break;
		case '&': case '%': case '$': case '#': case '_':
			put(d, &s[j], 1);
			break;
		case '\\': case ' ': case ',': case ';': case ':': case '\n':
		case '\t': case '\r':
			d->space = true;
			break;
		case '-': case '/': case '@': case '!': case ')': case '(':
		case '[': case ']':
			break;
		default:
			if ((unsigned char)c >= 0x20)
				put(d, &s[j], utf8_len((unsigned char)c) <= len - j
				                      ? utf8_len((unsigned char)c)
				                      : len - j);
			return j + utf8_len((unsigned char)c) <= len
			           ? j + utf8_len((unsigned char)c)
			           : len;
		}
		return j + 1;
	}
	while (j < len && is_alpha(s[j]))
		j++;
	n = j - (i + 1);
	/* TeX drops the spaces after a control word. */
	while (j < len && is_space(s[j]))
		j++;
	if (n == 1 && (mark = accent_mark(&s[i + 1], 1)) != 0) {
		size_t after = do_accent(d, s, len, j, mark);

		if (after != j || d->arg_next)
			return after;
		/* "\c" with nothing to accent: fall through as a letter
		 * command ("\l", "\o" are not accents). */
	}
	if (n >= sizeof name) {
		if (j < len && s[j] == '{')
			d->arg_next = true;
		return j;
	}
	memcpy(name, &s[i + 1], n);
	name[n] = '\0';
	lc = bsearch(name, letters, NLETTERS, sizeof letters[0], letter_cmp);
	if (lc) {
		put_str(d, lc->text);
		/* "\ss{}" and "\o{}": the empty group ends the word. */
		if (j + 1 < len && s[j] == '{' && s[j + 1] == '}')
			return j + 2;
		return j;
	}
	if (strcmp(name, "href") == 0 && j < len && s[j] == '{') {
		j = skip_group(s, len, j);
		while (j < len && is_space(s[j]))
			j++;
	} else if ((strcmp(name, "noopsort") == 0 ||
	            strcmp(name, "sortnoop") == 0 ||
	            strcmp(name, "SortNoop") == 0) &&
	           j < len && s[j] == '{') {
		return skip_group(s, len, j);
	}
	/* Font and markup commands (\emph, \textbf, \url, \em ...) and unknown
	 * ones: the command goes, its argument's text stays. */
	if (j < len && s[j] == '{')
		d->arg_next = true;
	return j;
}

static bool plain(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char k = klass[(unsigned char)s[i]];

		if (k == 1)
			return false;
		if (k == 2 && i + 1 < len && (s[i + 1] == s[i] || s[i + 1] == '`'))
			return false;
	}
	return true;
}

/* s[0..len), trimmed and not empty, decoded onto out. */
static void decode_body(const char *s, size_t len, unsigned flags,
                        colo_buf *out)
{
	dec d;
	size_t i = 0;
	const unsigned char *u = (const unsigned char *)s;

	memset(&d, 0, sizeof d);
	d.out = out;
	d.flags = flags;
	d.prot = -1;
	d.start = out->len;
	d.src = s;
	d.srclen = len;
	d.ascii = -1;
	while (i < len) {
		char c = s[i];

		switch (c) {
		case '\\':
			i = do_command(&d, s, len, i);
			continue;
		case '{':
			d.depth++;
			if (d.arg_next) {
				d.arg_next = false;
			} else if (d.prot < 0 && (i + 1 >= len || s[i + 1] != '\\')) {
				d.prot = d.depth;
				if (flags & COLO_LATEX_MARKUP)
					put(&d, "{", 1);
			}
			i++;
			continue;
		case '}':
			if (d.depth > 0) {
				if (d.prot == d.depth) {
					if (flags & COLO_LATEX_MARKUP)
						colo_buf_putc(out, '}');
					d.prot = -1;
				}
				d.depth--;
			}
			i++;
			continue;
		case '~':
			if (flags & COLO_LATEX_NAME)
				d.space = true;
			else
				put(&d, "\xc2\xa0", 2);
			i++;
			continue;
		case '-':
			if (i + 2 < len && s[i + 1] == '-' && s[i + 2] == '-') {
				put(&d, "\xe2\x80\x94", 3);
				i += 3;
			} else if (i + 1 < len && s[i + 1] == '-') {
				put(&d, "\xe2\x80\x93", 3);
				i += 2;
			} else {
				put(&d, "-", 1);
				i++;
			}
			continue;
		case '`':
			if (i + 1 < len && s[i + 1] == '`') {
				put(&d, "\xe2\x80\x9c", 3);
				i += 2;
			} else {
				put(&d, "\xe2\x80\x98", 3);
				i++;
			}
			continue;
		case '\'':
			if (i + 1 < len && s[i + 1] == '\'') {
				put(&d, "\xe2\x80\x9d", 3);
				i += 2;
			} else {
				put(&d, "'", 1);
				i++;
			}
			continue;
		case '!':
		case '?':
			if (i + 1 < len && s[i + 1] == '`') {
				put(&d, c == '!' ? "\xc2\xa1" : "\xc2\xbf", 2);
				i += 2;
			} else {
				put(&d, &s[i], 1);
				i++;
			}
			continue;
		case '$':
			i++; /* math shifts go; the formula's text stays */
			continue;
		default:
			break;
		}
		if (is_space(c)) {
			d.space = true;
			i++;
			continue;
		}
		if ((unsigned char)c < 0x20 || c == 0x7f) {
			i++; /* controls and NUL never reach a record */
			continue;
		}
		{
			size_t n = i + 1;

			/* Copy a run of ordinary bytes at once.  A lone space,
			 * '-', '!' or '?' before an ordinary byte is itself
			 * copied as it is, so prose is one run, not a run a
			 * word. */
			for (;;) {
				unsigned char k;

				while (n + 4 <= len &&
				       !(klass[u[n]] | klass[u[n + 1]] |
				         klass[u[n + 2]] | klass[u[n + 3]]))
					n += 4;
				while (n < len && !klass[u[n]])
					n++;
				if (n + 1 >= len)
					break;
				k = klass[u[n]];
				if (k != 2 || klass[u[n + 1]])
					break;
				n += 2;
			}
			put(&d, s + i, n - i);
			i = n;
		}
	}
	if ((flags & COLO_LATEX_MARKUP) && d.prot >= 0)
		colo_buf_putc(out, '}'); /* an unclosed group still closes */
	if (d.combining) {
		/* The decoded text is NUL-terminated in out: utf8proc reads
		 * it in place (up to a NUL, as it read a copy before). */
		const utf8proc_uint8_t *text =
			(const utf8proc_uint8_t *)out->data + d.start;
		utf8proc_uint8_t *nfc = utf8proc_NFC(text);

		if (nfc) {
			out->len = d.start;
			out->data[out->len] = '\0';
			colo_buf_puts(out, (const char *)nfc);
			free(nfc);
		}
	}
}

void colo_latex_decode(const char *s, size_t len, unsigned flags,
                       colo_buf *out)
{
	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	if (!len) {
		colo_buf_append(out, s, 0);
		return;
	}
	/* No separate test for plain text here: the decoder copies it in
	 * one run anyway, and testing first would read the start of every
	 * text that is not plain twice. */
	decode_body(s, len, flags, out);
}

char *colo_latex_to_utf8(const char *s, size_t len, unsigned flags)
{
	colo_buf b;
	char *t;

	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	if (plain(s, len)) {
		/* One allocation of the exact size (plain text holds no NUL). */
		t = colo_xmalloc(len + 1);
		memcpy(t, s, len);
		t[len] = '\0';
		return t;
	}
	/* Decoding rarely grows text by more than a few bytes: size the
	 * buffer once, with a little room, and give back what is left over
	 * (a record keeps the string: a buffer's doubling would leave up to
	 * half of it unused). */
	colo_buf_init(&b, 0);
	b.alloc = len + len / 8 + 16;
	b.data = colo_xmalloc(b.alloc);
	b.data[0] = '\0';
	decode_body(s, len, flags, &b);
	if (b.alloc - b.len > 16)
		b.data = colo_xrealloc(b.data, b.len + 1);
	return colo_buf_steal(&b);
}
