/* bibtex.c - the BibTeX/BibLaTeX reader.
 *
 * Reads the grammar BibTeX and biber accept: @string macros with '#'
 * concatenation and the month macros, @preamble, @comment and any text
 * between entries, entries delimited by braces or parentheses, values in
 * braces, quotes, bare numbers or macros, case-insensitive types and field
 * names, crossref and xdata inheritance.  Field text is decoded from LaTeX
 * (importers/latex.c) and names are split the way BibTeX splits them.
 *
 * A quick prescan counts the entries (the works array is sized once) and
 * notes the keys crossref/xdata name.  Each entry is then read into
 * scratch buffers (key, field names and macro-expanded values in one text,
 * plus an index of the known fields) and built into a work at once, so
 * nothing is allocated per entry or field and a work keeps only its
 * decoded strings, each sized to fit.  Only entries that use
 * crossref/xdata (built after the last entry), @xdata entries and entries
 * the prescan saw named (parents) are copied.  Allocation is what costs
 * here: a 25,000-entry file makes about 400,000 strings (bench/README.md).
 * A malformed entry, or one that is not valid UTF-8, becomes a diagnostic
 * with its line and column and the reader resumes at the next '@' that
 * starts a line.
 * Values are capped (MAX_VALUE), macro values too (MAX_MACRO), so
 * doubling macros or huge concatenations cannot exhaust memory; brace
 * depth is a counter, never recursion.  @preamble values are kept as
 * they are, concatenated, on the batch (TeX code, not data: only
 * `colophon convert` may write them back, docs/EXPORT.md); they are
 * capped at MAX_PREAMBLE in all. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bibtex_priv.h"
#include "colophon/buf.h"
#include "colophon/latex.h"
#include "colophon/mem.h"
#include "colophon/text.h"
#include "formats_priv.h"

#define MAX_VALUE ((size_t)32 << 20)
#define MAX_MACRO ((size_t)1 << 20)
#define MAX_FIELDS 4096
#define MAX_PREAMBLE ((size_t)1 << 20)

/* ---- macros ------------------------------------------------------------ */

typedef struct macro {
	char *name; /* lower-case */
	char *value;
	size_t len;
} macro;

typedef struct macros {
	macro *slots;
	size_t cap, n;
} macros;

static uint64_t hash_lc(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h = (h ^ c) * 1099511628211ull;
	}
	return h;
}

static bool eq_lc(const char *a, const char *lower, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = a[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != lower[i])
			return false;
	}
	return lower[n] == '\0';
}

/* a[0..n) equals the lower-case word `lower` (n bytes), ignoring case. */
static bool eq_lc_n(const char *a, const char *lower, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = a[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != lower[i])
			return false;
	}
	return true;
}

static macro *macro_find(macros *m, const char *name, size_t n)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = (size_t)hash_lc(name, n) & (m->cap - 1);
	while (m->slots[i].name) {
		if (eq_lc(name, m->slots[i].name, n))
			return &m->slots[i];
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

static void macro_set(macros *m, const char *name, size_t n, const char *v,
                      size_t vlen)
{
	macro *slot = macro_find(m, name, n);
	size_t i;

	if (slot) {
		free(slot->value);
		slot->value = colo_xstrndup(v, vlen);
		slot->len = vlen;
		return;
	}
	if ((m->n + 1) * 2 > m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 64;
		macro *ns = colo_xcalloc(ncap, sizeof *ns);

		for (size_t k = 0; k < m->cap; k++) {
			if (!m->slots[k].name)
				continue;
			i = (size_t)hash_lc(m->slots[k].name,
			                    strlen(m->slots[k].name)) & (ncap - 1);
			while (ns[i].name)
				i = (i + 1) & (ncap - 1);
			ns[i] = m->slots[k];
		}
		free(m->slots);
		m->slots = ns;
		m->cap = ncap;
	}
	i = (size_t)hash_lc(name, n) & (m->cap - 1);
	while (m->slots[i].name)
		i = (i + 1) & (m->cap - 1);
	m->slots[i].name = colo_xstrndup(name, n);
	for (char *p = m->slots[i].name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	m->slots[i].value = colo_xstrndup(v, vlen);
	m->slots[i].len = vlen;
	m->n++;
}

static void macros_cleanup(macros *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->slots[i].name);
		free(m->slots[i].value);
	}
	free(m->slots);
}

/* ---- key sets ----------------------------------------------------------- */

/* The citation keys read so far, and the keys some crossref or xdata names:
 * sets compared without regard to ASCII case.  Every key lives in one
 * buffer, lower-cased, so a 25,000-entry file costs two allocations here
 * and not 50,000. */
typedef struct kslot {
	size_t off, len; /* into keys; len 0: an empty slot */
	uint64_t hash;   /* compared first: a key is read only on a match */
} kslot;

typedef struct keyset {
	kslot *slots;
	size_t cap, n;
	colo_buf keys;
} keyset;

/* The slot holding s[0..n) (hash h), or the empty slot where it would go;
 * k->cap is not 0. */
static kslot *keyset_slot(const keyset *k, const char *s, size_t n,
                          uint64_t h)
{
	size_t i = (size_t)h & (k->cap - 1);

	while (k->slots[i].len &&
	       !(k->slots[i].hash == h && k->slots[i].len == n &&
	         eq_lc_n(s, k->keys.data + k->slots[i].off, n)))
		i = (i + 1) & (k->cap - 1);
	return &k->slots[i];
}

static bool keyset_has(const keyset *k, const char *s, size_t n)
{
	if (!k->cap || !n)
		return false;
	return keyset_slot(k, s, n, hash_lc(s, n))->len != 0;
}

/* Adds s[0..n); false when it was there already (or n is 0). */
static bool keyset_add(keyset *k, const char *s, size_t n)
{
	uint64_t h;
	kslot *slot;

	if (!n)
		return false;
	if ((k->n + 1) * 2 > k->cap) {
		size_t ncap = k->cap ? k->cap * 2 : 64;
		kslot *ns = colo_xcalloc(ncap, sizeof *ns);

		for (size_t i = 0; i < k->cap; i++) {
			size_t j;

			if (!k->slots[i].len)
				continue;
			for (j = (size_t)k->slots[i].hash & (ncap - 1); ns[j].len;
			     j = (j + 1) & (ncap - 1))
				;
			ns[j] = k->slots[i];
		}
		free(k->slots);
		k->slots = ns;
		k->cap = ncap;
	}
	h = hash_lc(s, n);
	slot = keyset_slot(k, s, n, h);
	if (slot->len)
		return false;
	slot->off = k->keys.len;
	slot->len = n;
	slot->hash = h;
	colo_buf_append(&k->keys, s, n);
	for (size_t i = slot->off; i < slot->off + n; i++)
		if (k->keys.data[i] >= 'A' && k->keys.data[i] <= 'Z')
			k->keys.data[i] = (char)(k->keys.data[i] + 32);
	k->n++;
	return true;
}

static void keyset_cleanup(keyset *k)
{
	free(k->slots);
	colo_buf_cleanup(&k->keys);
}

/* ---- raw entries -------------------------------------------------------- */

typedef enum fid {
	F_OTHER = -1,
	F_abstract,
	F_address,
	F_annote,
	F_archiveprefix,
	F_author,
	F_booktitle,
	F_crossref,
	F_date,
	F_day,
	F_doi,
	F_edition,
	F_editor,
	F_eprint,
	F_eprinttype,
	F_howpublished,
	F_ids,
	F_institution,
	F_isbn,
	F_issn,
	F_issue,
	F_journal,
	F_journaltitle,
	F_keywords,
	F_langid,
	F_language,
	F_location,
	F_maintitle,
	F_month,
	F_note,
	F_number,
	F_organization,
	F_pages,
	F_publisher,
	F_school,
	F_series,
	F_subtitle,
	F_title,
	F_translator,
	F_type,
	F_url,
	F_volume,
	F_xdata,
	F_year,
	F_COUNT
} fid;

/* Sorted: bsearch'ed once per field read. */
static const char *const fid_names[F_COUNT] = {
	"abstract",
	"address",
	"annote",
	"archiveprefix",
	"author",
	"booktitle",
	"crossref",
	"date",
	"day",
	"doi",
	"edition",
	"editor",
	"eprint",
	"eprinttype",
	"howpublished",
	"ids",
	"institution",
	"isbn",
	"issn",
	"issue",
	"journal",
	"journaltitle",
	"keywords",
	"langid",
	"language",
	"location",
	"maintitle",
	"month",
	"note",
	"number",
	"organization",
	"pages",
	"publisher",
	"school",
	"series",
	"subtitle",
	"title",
	"translator",
	"type",
	"url",
	"volume",
	"xdata",
	"year",
};

static fid fid_of(const char *name)
{
	size_t lo = 0, hi = F_COUNT;

	/* A binary search; the first byte settles most comparisons. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = (unsigned char)name[0] -
		        (unsigned char)fid_names[mid][0];

		if (c == 0)
			c = strcmp(name, fid_names[mid]);
		if (c == 0)
			return (fid)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return F_OTHER;
}

typedef struct field {
	fid id;
	size_t name, nlen; /* offsets into the entry's text */
	size_t val, vlen;
} field;

typedef struct entry {
	char *type; /* lower-case */
	char *key;
	char *text; /* field names (lower-case) and values */
	field *fields;
	size_t nfields;
	int16_t at[F_COUNT]; /* each known field's index in fields, or -1 */
	unsigned line, col;
	size_t start, end;
	long parent, xdata; /* entry indices, or -1 */
	bool is_xdata;
	bool deferred;      /* has crossref/xdata: built after the last entry */
	long slot;          /* its work's index in the batch, or -1 */
} entry;

typedef struct parser {
	const char *s;
	size_t len, pos;
	unsigned line;
	size_t line_start;
	colo_batch *b;
	macros mac;
	entry *entries;  /* kept: xdata, crossref/xdata users, and parents */
	size_t nentries, capentries;
	entry cur;       /* the entry just read, over text and fields */
	colo_buf text;   /* the entry being read: key, names and values */
	field *fields;   /* the entry being read */
	size_t nfields, capfields;
	colo_buf val;    /* a @string or @preamble value being assembled */
	colo_buf pre;    /* the @preamble values kept so far */
	bool pre_full;   /* one passed MAX_PREAMBLE: later ones are dropped */
	keyset seen;     /* citation keys read so far (repeats are skipped) */
	keyset refd;     /* keys some crossref/xdata may name (prescan) */
	size_t nstarts;  /* lines that start with an entry (prescan) */
	colo_buf scratch; /* text being decoded, before its exact copy */
	long *index;     /* entries by key once all are read (build_all) */
	size_t capindex;
} parser;

/* ' ', '\t', '\n', '\v', '\f', '\r' (9 to 13 are the last five). */
static bool is_space(char c)
{
	return c == ' ' || (unsigned char)(c - '\t') <= '\r' - '\t';
}

/* Bytes that cannot be in a BibTeX identifier: controls, blanks, DEL and
 * the specials; every other byte (UTF-8 included) can. */
static const unsigned char not_ident[256] = {
	[0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1,
	[8] = 1, [9] = 1, [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1,
	[15] = 1, [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1,
	[22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1, [28] = 1,
	[29] = 1, [30] = 1, [31] = 1, [' '] = 1, [0x7f] = 1,
	['"'] = 1, ['#'] = 1, ['%'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1,
	[','] = 1, ['='] = 1, ['{'] = 1, ['}'] = 1,
};

/* BibTeX's identifier characters: printable, not special. */
static bool is_ident(char c)
{
	return !not_ident[(unsigned char)c];
}

/* Moves to `to`, counting the newlines passed. */
static void move(parser *p, size_t to)
{
	const char *q = p->s + p->pos, *end = p->s + to;

	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));

		if (!nl)
			break;
		p->line++;
		p->line_start = (size_t)(nl - p->s) + 1;
		q = nl + 1;
	}
	p->pos = to;
}

static unsigned col_of(const parser *p, size_t pos)
{
	unsigned col = 1;

	for (size_t i = p->line_start; i < pos && i < p->len; i++)
		if (((unsigned char)p->s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Moves to `to` over bytes known to hold no newline (a name, a number, a
 * delimiter). */
static void step(parser *p, size_t to)
{
	p->pos = to;
}

static void skip_ws(parser *p)
{
	size_t i = p->pos;

	/* Lines counted on the way: no second pass over the blanks. */
	while (i < p->len && is_space(p->s[i])) {
		if (p->s[i] == '\n') {
			p->line++;
			p->line_start = i + 1;
		}
		i++;
	}
	p->pos = i;
}

static size_t ident_end(const parser *p, size_t i)
{
	while (i < p->len && is_ident(p->s[i]))
		i++;
	return i;
}

/* Whether s[i] is an '@' that begins an entry: first non-blank of its line
 * and followed by a name and an opening delimiter. */
static bool entry_start(const parser *p, size_t i)
{
	size_t j = i;

	while (j > 0 && (p->s[j - 1] == ' ' || p->s[j - 1] == '\t'))
		j--;
	if (j > 0 && p->s[j - 1] != '\n')
		return false;
	j = ident_end(p, i + 1);
	if (j == i + 1)
		return false;
	while (j < p->len && is_space(p->s[j]))
		j++;
	return j < p->len && (p->s[j] == '{' || p->s[j] == '(');
}

/* After an error: the next '@' that starts a line, or the end. */
static void recover(parser *p)
{
	size_t i = p->pos; /* always past the failed entry's '@' */

	while (i < p->len) {
		const char *at = memchr(p->s + i, '@', p->len - i);

		if (!at) {
			i = p->len;
			break;
		}
		i = (size_t)(at - p->s);
		if (entry_start(p, i))
			break;
		i++;
	}
	move(p, i < p->len ? i : p->len);
}

typedef struct perr {
	unsigned line, col;
	char msg[300];
} perr;

static void perr_at(parser *p, perr *e, size_t pos, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void perr_at(parser *p, perr *e, size_t pos, const char *fmt, ...)
{
	/* pos is on the current line or after it */
	size_t ls = p->line_start;
	unsigned line = p->line;
	va_list ap;

	if (pos < p->pos) {
		/* Behind the cursor (an entry's start): count back. */
		for (size_t i = pos; i < p->pos; i++)
			if (p->s[i] == '\n')
				line--;
		ls = pos;
		while (ls > 0 && p->s[ls - 1] != '\n')
			ls--;
	}
	for (size_t i = p->pos; i < pos && i < p->len; i++)
		if (p->s[i] == '\n') {
			line++;
			ls = i + 1;
		}
	e->line = line;
	e->col = 1;
	for (size_t i = ls; i < pos && i < p->len; i++)
		if (((unsigned char)p->s[i] & 0xC0) != 0x80)
			e->col++;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
}

/* Bytes a delimited value's scan must stop at. */
static const unsigned char delim_stop[256] = {
	['{'] = 1, ['}'] = 1, ['"'] = 1, ['@'] = 1, ['\n'] = 1,
};

/* One delimited part of a value, appended to out (whose value began at
 * `base`).  `fname` names the field for messages. */
static bool read_delimited(parser *p, colo_buf *out, size_t base, char open,
                           const char *fname, perr *e)
{
	size_t start = p->pos, i = p->pos + 1, nl = 0, last_nl = 0;
	long depth = 0;
	char close = open == '{' ? '}' : '"';
	const unsigned char *u = (const unsigned char *)p->s;

	for (; i < p->len; i++) {
		char c;

		/* Four bytes a test while none stops the scan. */
		while (i + 4 <= p->len &&
		       !(delim_stop[u[i]] | delim_stop[u[i + 1]] |
		         delim_stop[u[i + 2]] | delim_stop[u[i + 3]]))
			i += 4;
		while (i < p->len && !delim_stop[u[i]])
			i++;
		if (i >= p->len)
			break;
		c = p->s[i];
		if (c == '\n') {
			nl++;
			last_nl = i;
		} else if (c == '{') {
			depth++;
		} else if (c == '}') {
			if (depth == 0) {
				if (close == '}')
					break;
				perr_at(p, e, i, "unbalanced '}' in field '%s'", fname);
				return false;
			}
			depth--;
		} else if (c == '"' && close == '"' && depth == 0) {
			break;
		} else if (c == '@' && i > 0 && p->s[i - 1] == '\n' &&
		           entry_start(p, i)) {
			/* A new entry where this value should have ended: the
			 * value is missing a closing brace or quote. */
			break;
		}
	}
	if (i >= p->len || p->s[i] != close) {
		perr_at(p, e, start,
		        close == '}' ? "unbalanced brace in field '%s'"
		                     : "unterminated quoted value in field '%s'",
		        fname);
		return false;
	}
	if (out->len - base + (i - start - 1) > MAX_VALUE) {
		perr_at(p, e, start, "field '%s' is too long (over 32 MB)", fname);
		return false;
	}
	colo_buf_append(out, p->s + start + 1, i - start - 1);
	/* The newlines were counted on the way: no second pass (move). */
	if (nl) {
		p->line += (unsigned)nl;
		p->line_start = last_nl + 1;
	}
	p->pos = i + 1;
	return true;
}

/* A value: parts joined with '#', appended to out. */
static bool read_value(parser *p, colo_buf *out, const char *fname,
                       size_t cap, perr *e)
{
	size_t base = out->len;

	for (;;) {
		char c;

		skip_ws(p);
		if (p->pos >= p->len) {
			perr_at(p, e, p->pos, "missing value for field '%s' at end of input",
			        fname);
			return false;
		}
		c = p->s[p->pos];
		if (c == '{' || c == '"') {
			if (!read_delimited(p, out, base, c, fname, e))
				return false;
		} else if (c >= '0' && c <= '9') {
			size_t j = p->pos;

			while (j < p->len && p->s[j] >= '0' && p->s[j] <= '9')
				j++;
			colo_buf_append(out, p->s + p->pos, j - p->pos);
			step(p, j);
		} else if (is_ident(c)) {
			size_t j = ident_end(p, p->pos);
			macro *m = macro_find(&p->mac, p->s + p->pos, j - p->pos);

			if (m) {
				if (out->len - base + m->len > cap) {
					perr_at(p, e, p->pos, "field '%s' is too long after "
					        "expanding macros", fname);
					return false;
				}
				colo_buf_append(out, m->value, m->len);
			} else {
				char name[80];

				snprintf(name, sizeof name, "%.*s",
				         (int)(j - p->pos < 60 ? j - p->pos : 60),
				         p->s + p->pos);
				perr_at(p, e, p->pos, "undefined macro '%s'", name);
				return false;
			}
			step(p, j);
		} else {
			perr_at(p, e, p->pos, "expected a value for field '%s'", fname);
			return false;
		}
		if (out->len - base > cap) {
			perr_at(p, e, p->pos, "field '%s' is too long", fname);
			return false;
		}
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == '#') {
			step(p, p->pos + 1);
			continue;
		}
		return true;
	}
}

/* A @string or @preamble value, into p->val. */
static bool read_value_alone(parser *p, const char *fname, size_t cap,
                             perr *e)
{
	colo_buf_reset(&p->val);
	colo_buf_append(&p->val, "", 0);
	return read_value(p, &p->val, fname, cap, e);
}

static void report(parser *p, const perr *e)
{
	colo_batch_diag(p->b, e->line, e->col, "%s", e->msg);
}

/* @string{name = value} */
static bool read_string(parser *p, char close, perr *e)
{
	size_t j;
	char name[64];

	skip_ws(p);
	j = ident_end(p, p->pos);
	if (j == p->pos) {
		perr_at(p, e, p->pos, "expected a macro name in @string");
		return false;
	}
	snprintf(name, sizeof name, "%.*s", (int)(j - p->pos < 60 ? j - p->pos : 60),
	         p->s + p->pos);
	{
		size_t nstart = p->pos, nlen = j - p->pos;

		step(p, j);
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '=') {
			perr_at(p, e, p->pos, "expected '=' after macro name '%s'", name);
			return false;
		}
		step(p, p->pos + 1);
		if (!read_value_alone(p, name, MAX_MACRO, e))
			return false;
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != close) {
			perr_at(p, e, p->pos, "expected the end of @string '%s'", name);
			return false;
		}
		step(p, p->pos + 1);
		if (!colo_text_validate(p->val.data, p->val.len, NULL)) {
			perr_at(p, e, nstart, "invalid UTF-8 in @string '%s'", name);
			return false;
		}
		macro_set(&p->mac, p->s + nstart, nlen, p->val.data, p->val.len);
	}
	return true;
}

/* True when s[0..n) is ASCII with no NUL (then it is valid UTF-8 text
 * without a closer look); eight bytes at a time. */
static bool plain_ascii(const char *s, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		/* a byte >= 0x80, or a zero byte */
		if ((w & 0x8080808080808080ull) ||
		    ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
			return false;
	}
	for (; i < n; i++)
		if (s[i] == '\0' || (unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* Whether the entry being read has the field already (known fields by
 * their index, others by name). */
static bool has_field(const parser *p, fid id, const char *name, size_t n)
{
	if (id != F_OTHER)
		return p->cur.at[id] >= 0;
	for (size_t i = 0; i < p->nfields; i++)
		if (p->fields[i].id == F_OTHER && p->fields[i].nlen == n &&
		    memcmp(p->text.data + p->fields[i].name, name, n) == 0)
			return true;
	return false;
}

/* An entry after "@type" and its opening delimiter, read into p->cur
 * (over the scratch text and fields: nothing is allocated per entry). */
static bool read_entry(parser *p, const char *type, size_t at, unsigned line,
                       unsigned col, char close, perr *e)
{
	size_t j;
	entry *en = &p->cur;
	colo_error verr;

	colo_buf_reset(&p->text);
	colo_buf_append(&p->text, "", 0);
	p->nfields = 0;
	memset(en->at, 0xff, sizeof en->at); /* all -1 */
	skip_ws(p);
	j = p->pos;
	while (j < p->len && p->s[j] != ',' && p->s[j] != close &&
	       !is_space(p->s[j]) && p->s[j] != '{' && p->s[j] != '}')
		j++;
	{
		size_t kstart = p->pos, klen = j - p->pos;

		step(p, j);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] != ',' && p->s[p->pos] != close) {
			perr_at(p, e, p->pos, "expected ',' after the citation key");
			return false;
		}
		/* The key goes first in the text: offsets 0..klen. */
		colo_buf_append(&p->text, p->s + kstart, klen);
		colo_buf_putc(&p->text, '\0');
	}
	for (;;) {
		size_t nstart, nlen, name_off, val_off;
		char fname[64];
		fid id;

		skip_ws(p);
		if (p->pos >= p->len) {
			perr_at(p, e, at, "entry is not closed (missing '%s')",
			        close == '}' ? "}" : ")");
			return false;
		}
		if (p->s[p->pos] == close) {
			step(p, p->pos + 1);
			break;
		}
		if (p->s[p->pos] != ',') {
			if (p->s[p->pos] == '@' && entry_start(p, p->pos))
				perr_at(p, e, at, "entry '%.60s' is not closed (missing "
				        "'%c')", p->text.data, close);
			else
				perr_at(p, e, p->pos, "expected ',' or the end of entry "
				        "'%.60s'", p->text.data);
			return false;
		}
		step(p, p->pos + 1);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == close) {
			step(p, p->pos + 1);
			break; /* trailing comma */
		}
		j = ident_end(p, p->pos);
		if (j == p->pos) {
			perr_at(p, e, p->pos, "expected a field name");
			return false;
		}
		nstart = p->pos;
		nlen = j - p->pos;
		{
			size_t k, m = nlen < 60 ? nlen : 60;

			for (k = 0; k < m; k++) {
				char c = p->s[nstart + k];

				fname[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			}
			fname[k] = '\0';
		}
		step(p, j);
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '=') {
			perr_at(p, e, p->pos, "expected '=' after field name '%s'", fname);
			return false;
		}
		step(p, p->pos + 1);
		/* The name, then the value read straight after it: one copy. */
		name_off = p->text.len;
		if (nlen < 60) {
			colo_buf_append(&p->text, fname, nlen);
			colo_buf_putc(&p->text, '\0');
		}
		val_off = p->text.len;
		if (!read_value(p, &p->text, fname, MAX_VALUE, e))
			return false;
		id = nlen < 60 ? fid_of(fname) : F_OTHER;
		if (nlen >= 60 || has_field(p, id, fname, nlen)) {
			/* biber keeps the first of repeated fields */
			p->text.len = name_off;
			p->text.data[name_off] = '\0';
			continue;
		}
		if (p->nfields >= MAX_FIELDS) {
			perr_at(p, e, nstart, "too many fields (over 4096)");
			return false;
		}
		colo_grow((void **)&p->fields, &p->capfields, p->nfields + 1,
		          sizeof *p->fields);
		p->fields[p->nfields].id = id;
		p->fields[p->nfields].name = name_off;
		p->fields[p->nfields].nlen = nlen;
		p->fields[p->nfields].val = val_off;
		p->fields[p->nfields].vlen = p->text.len - val_off;
		colo_buf_putc(&p->text, '\0');
		if (id != F_OTHER)
			en->at[id] = (int16_t)p->nfields;
		p->nfields++;
	}
	/* The entry's bytes must be text. */
	if (!plain_ascii(p->s + at, p->pos - at) &&
	    !colo_text_validate(p->s + at, p->pos - at, &verr)) {
		e->line = line + verr.line - 1;
		e->col = verr.line == 1 ? col + verr.col - 1 : verr.col;
		snprintf(e->msg, sizeof e->msg, "%.200s; entry '%.60s' skipped",
		         verr.message, p->text.data);
		return true; /* well-formed but not text: reported, not stored */
	}
	en->type = (char *)type;
	en->text = p->text.data;
	en->key = en->text;
	en->fields = p->fields;
	en->nfields = p->nfields;
	en->line = line;
	en->col = col;
	en->start = at;
	en->end = p->pos;
	en->parent = en->xdata = -1;
	en->deferred = false;
	en->slot = -1;
	en->is_xdata = strcmp(type, "xdata") == 0;
	e->msg[0] = '\0';
	return true;
}

static void skip_balanced(parser *p, char close)
{
	long depth = 0;
	size_t i = p->pos + 1;
	char open = close == '}' ? '{' : '(';

	for (; i < p->len; i++) {
		if (p->s[i] == open)
			depth++;
		else if (p->s[i] == close && depth-- == 0)
			break;
	}
	move(p, i < p->len ? i + 1 : p->len);
}

static void take_entry(parser *p);

/* Keeps the @preamble value just read (p->val); the batch gets them all
 * at the end. */
static void keep_preamble(parser *p, unsigned line, unsigned col)
{
	if (!p->val.len)
		return;
	if (!colo_text_validate(p->val.data, p->val.len, NULL) ||
	    memchr(p->val.data, '\0', p->val.len)) {
		colo_batch_diag(p->b, line, col,
		                "invalid UTF-8 in @preamble; dropped");
		return;
	}
	if (p->pre_full || p->pre.len + p->val.len > MAX_PREAMBLE) {
		p->pre_full = true; /* keep no later one out of order */
		colo_batch_diag(p->b, line, col,
		                "@preamble text over 1 MB in all; dropped");
		return;
	}
	colo_buf_append(&p->pre, p->val.data, p->val.len);
}

static void read_all(parser *p)
{
	while (p->pos < p->len) {
		const char *at = memchr(p->s + p->pos, '@', p->len - p->pos);
		size_t tstart, tend, apos;
		unsigned line, col;
		char type[40], close;
		perr e;

		if (!at) {
			move(p, p->len);
			return;
		}
		apos = (size_t)(at - p->s);
		move(p, apos);
		line = p->line;
		col = col_of(p, apos);
		tstart = apos + 1;
		while (tstart < p->len && is_space(p->s[tstart]))
			tstart++;
		tend = ident_end(p, tstart);
		{
			size_t k = tend;

			while (k < p->len && is_space(p->s[k]))
				k++;
			if (tend == tstart || k >= p->len ||
			    (p->s[k] != '{' && p->s[k] != '(')) {
				/* An '@' in text between entries (an e-mail
				 * address): comment, as BibTeX reads it. */
				step(p, apos + 1);
				continue;
			}
			{
				/* the first 30 bytes, lower-cased (a name holds
				 * no NUL) */
				size_t tn = tend - tstart < 30 ? tend - tstart
				                                   : 30;

				for (size_t q = 0; q < tn; q++) {
					char c = p->s[tstart + q];

					if (c >= 'A' && c <= 'Z')
						c = (char)(c + 32);
					type[q] = c;
				}
				type[tn] = '\0';
			}
			close = p->s[k] == '{' ? '}' : ')';
			move(p, k);
		}
		memset(&e, 0, sizeof e);
		if (strcmp(type, "comment") == 0) {
			skip_balanced(p, close);
			continue;
		}
		step(p, p->pos + 1);
		if (strcmp(type, "preamble") == 0) {
			if (!read_value_alone(p, "preamble", MAX_VALUE, &e)) {
				report(p, &e);
				recover(p);
				continue;
			}
			skip_ws(p);
			if (p->pos < p->len && p->s[p->pos] == close)
				step(p, p->pos + 1);
			keep_preamble(p, line, col);
			continue;
		}
		if (strcmp(type, "string") == 0) {
			if (!read_string(p, close, &e)) {
				report(p, &e);
				recover(p);
			}
			continue;
		}
		if (!read_entry(p, type, apos, line, col, close, &e)) {
			report(p, &e);
			recover(p);
			continue;
		}
		if (e.msg[0])
			report(p, &e);
		else
			take_entry(p);
	}
}

/* ---- building works --------------------------------------------------- */

static const field *find_own(const entry *en, fid id)
{
	return en->at[id] >= 0 ? &en->fields[en->at[id]] : NULL;
}

typedef struct view {
	const char *s;
	size_t len;
} view;

/* A field of en, else of its xdata, else of its crossref parent (whose
 * title becomes a child's booktitle, as biber maps it). */
static bool get(const parser *p, const entry *en, fid name, view *v)
{
	const field *f = find_own(en, name);
	const entry *src = en;

	if (!f && en->xdata >= 0) {
		src = &p->entries[en->xdata];
		f = find_own(src, name);
	}
	if (!f && en->parent >= 0) {
		src = &p->entries[en->parent];
		if (name == F_booktitle || name == F_maintitle)
			f = find_own(src, name) ? find_own(src, name)
			                        : find_own(src, F_title);
		else if (name != F_title && name != F_subtitle && name != F_ids &&
		         name != F_crossref)
			f = find_own(src, name);
	}
	if (!f)
		return false;
	v->s = src->text + f->val;
	v->len = f->vlen;
	return true;
}

/* colo_latex_to_utf8 through the scratch buffer sb: the text is decoded
 * there and copied to a string of exactly its size, so a record never
 * keeps a growing buffer's spare room (and no allocation is made just to
 * be shrunk).  NULL instead of "" when empty_null is set. */
static char *latex_dup(colo_buf *sb, const char *s, size_t len,
                       unsigned flags, bool empty_null)
{
	const char *t;
	char *out;

	colo_buf_reset(sb);
	colo_latex_decode(s, len, flags, sb);
	t = colo_buf_cstr(sb);
	if (empty_null && !*t)
		return NULL;
	out = colo_xmalloc(sb->len + 1);
	memcpy(out, t, sb->len);
	out[sb->len] = '\0';
	return out;
}

static void add_names(colo_buf *sb, colo_work *w, const char *s, size_t len,
                      colo_creator_role role);

/* keywords = {a, b; c}: split at commas and semicolons outside braces
 * (biblatex's separator is the comma; JabRef and Mendeley write
 * semicolons), each part decoded from LaTeX. */
static void add_keywords(parser *p, colo_work *w, const view *v)
{
	size_t start = 0;
	long depth = 0;

	for (size_t i = 0; i <= v->len; i++) {
		char c = i < v->len ? v->s[i] : ',';

		if (c == '{') {
			depth++;
		} else if (c == '}') {
			if (depth > 0)
				depth--;
		} else if ((c == ',' || c == ';') && (depth == 0 || i == v->len) &&
		           !(i > 0 && i < v->len && v->s[i - 1] == '\\')) {
			char *k = latex_dup(&p->scratch, v->s + start, i - start, 0,
			                    true);

			if (k) {
				colo_work_add_keyword(w, k, strlen(k));
				free(k);
			}
			if (w->nkeywords >= COLO_MAX_KEYWORDS)
				return;
			start = i + 1;
		}
	}
}

static char *decode(parser *p, const view *v)
{
	return latex_dup(&p->scratch, v->s, v->len, 0, true);
}

static void set_decoded(parser *p, const entry *en, fid name, char **slot)
{
	view v;

	if (*slot || !get(p, en, name, &v))
		return;
	*slot = decode(p, &v);
}

/* URLs, DOIs and identifiers are not prose: only \url{}, braces and
 * escaped specials are undone. */
static char *verbatim(const view *v)
{
	size_t i = 0, len, n = 0;
	const char *s = colo_text_trim(v->s, v->len, &len);
	char *out;

	if (len > 5 && memcmp(s, "\\url{", 5) == 0) {
		s += 5;
		len -= 5;
	}
	/* Never longer than the value: one allocation of its length. */
	out = colo_xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '{' || c == '}' || c == '\n' || c == '\r' || c == '\t')
			continue;
		if (c == '\\' && i + 1 < len && strchr("_%&#$~", s[i + 1]))
			continue;
		out[n++] = c;
	}
	if (!n) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

static void set_verbatim(const parser *p, const entry *en, fid name,
                         char **slot)
{
	view v;

	if (*slot || !get(p, en, name, &v))
		return;
	*slot = verbatim(&v);
}

static int first_number(const char *s, size_t len, size_t *after)
{
	size_t i = 0;
	long n = 0;

	while (i < len && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	if (i >= len)
		return 0;
	while (i < len && s[i] >= '0' && s[i] <= '9' && n < 100000)
		n = n * 10 + (s[i++] - '0');
	if (after)
		*after = i;
	return (int)n;
}

static void set_date(parser *p, const entry *en, colo_work *w)
{
	view v;

	if (get(p, en, F_date, &v)) {
		/* ISO 8601 (biblatex): YYYY[-MM[-DD]], ranges "A/B" keep A. */
		size_t len, i = 0;
		const char *s = colo_text_trim(v.s, v.len, &len);
		int y = 0, m = 0, d = 0;

		while (i < len && s[i] >= '0' && s[i] <= '9' && y < 100000)
			y = y * 10 + (s[i++] - '0');
		if (i < len && s[i] == '-' && i + 2 < len + 1) {
			i++;
			while (i < len && s[i] >= '0' && s[i] <= '9' && m < 100)
				m = m * 10 + (s[i++] - '0');
			if (i < len && s[i] == '-') {
				i++;
				while (i < len && s[i] >= '0' && s[i] <= '9' && d < 100)
					d = d * 10 + (s[i++] - '0');
			}
		}
		if (y > 0 && y < 10000) {
			w->year = y;
			w->month = m >= 1 && m <= 12 ? m : 0;
			w->day = w->month && d >= 1 && d <= 31 ? d : 0;
			return;
		}
	}
	if (get(p, en, F_year, &v)) {
		int y = first_number(v.s, v.len, NULL);

		if (y > 0 && y < 10000)
			w->year = y;
	}
	if (get(p, en, F_month, &v)) {
		char *m = latex_dup(&p->scratch, v.s, v.len, COLO_LATEX_NAME,
		                    false);

		w->month = colo_import_month(m, strlen(m));
		if (w->month && !get(p, en, F_day, &v)) {
			/* "jan # ~15" → "January 15" */
			size_t after = 0;
			int d = 0;

			for (size_t i = 0; m[i]; i++)
				if (m[i] >= '0' && m[i] <= '9') {
					if (!(m[0] >= '0' && m[0] <= '9'))
						d = first_number(m + i, strlen(m + i), &after);
					break;
				}
			w->day = d >= 1 && d <= 31 ? d : 0;
		}
		free(m);
	}
	if (get(p, en, F_day, &v)) {
		int d = first_number(v.s, v.len, NULL);

		w->day = w->month && d >= 1 && d <= 31 ? d : 0;
	}
}

/* Both only ever shorten their text: written straight into one
 * allocation, no buffer growing a byte at a time. */
static char *clean_pages(const view *v)
{
	size_t len, n = 0;
	const char *s = colo_text_trim(v->s, v->len, &len);
	char *out = colo_xmalloc(len + 1);

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '-') {
			while (i + 1 < len && s[i + 1] == '-')
				i++;
			out[n++] = '-';
		} else if ((unsigned char)s[i] == 0xE2 && i + 2 < len &&
		           (unsigned char)s[i + 1] == 0x80 &&
		           ((unsigned char)s[i + 2] == 0x93 ||
		            (unsigned char)s[i + 2] == 0x94)) {
			out[n++] = '-';
			i += 2;
		} else if (s[i] == '{' || s[i] == '}') {
			continue;
		} else if (is_space(s[i])) {
			continue;
		} else {
			out[n++] = s[i];
		}
	}
	if (!n) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

static char *clean_key(const char *k)
{
	size_t n = 0;
	char *out = colo_xmalloc(strlen(k) + 1);

	for (; *k; k++) {
		char c = *k;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '.' ||
		    c == '/' || c == '+' || c == '-')
			out[n++] = c;
	}
	if (!n) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

static const struct {
	const char *bib, *csl;
} types[] = {
	{"article", "article-journal"},
	{"book", "book"},
	{"mvbook", "book"},
	{"booklet", "pamphlet"},
	{"inbook", "chapter"},
	{"bookinbook", "chapter"},
	{"suppbook", "chapter"},
	{"incollection", "chapter"},
	{"suppcollection", "chapter"},
	{"collection", "book"},
	{"mvcollection", "book"},
	{"inproceedings", "paper-conference"},
	{"conference", "paper-conference"},
	{"proceedings", "book"},
	{"mvproceedings", "book"},
	{"inreference", "entry-encyclopedia"},
	{"reference", "book"},
	{"mvreference", "book"},
	{"manual", "report"},
	{"techreport", "report"},
	{"report", "report"},
	{"mastersthesis", "thesis"},
	{"phdthesis", "thesis"},
	{"thesis", "thesis"},
	{"online", "webpage"},
	{"electronic", "webpage"},
	{"www", "webpage"},
	{"unpublished", "manuscript"},
	{"periodical", "periodical"},
	{"suppperiodical", "article-journal"},
	{"patent", "patent"},
	{"dataset", "dataset"},
	{"software", "software"},
	{"misc", "document"},
	{"standard", "standard"},
	{"artwork", "graphic"},
	{"audio", "song"},
	{"video", "motion_picture"},
	{"movie", "motion_picture"},
	{"music", "song"},
	{"letter", "personal_communication"},
	{"legislation", "legislation"},
	{"jurisdiction", "legal_case"},
	{"image", "graphic"},
	{"performance", "performance"},
	{"review", "review"},
};

const char *colo_bibtex_csl_type(const char *bibtype)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i].bib[0] == bibtype[0] &&
		    strcmp(types[i].bib, bibtype) == 0)
			return types[i].csl;
	return "document";
}

static void build_work(parser *p, const entry *en, long wi)
{
	colo_batch *b = p->b;
	colo_work *w = &b->works[wi];
	view v;
	const char *type = en->type;

	w->type = colo_xstrdup(colo_bibtex_csl_type(type));
	w->citekey = clean_key(en->key);
	w->span.start = en->start;
	w->span.end = en->end;
	if (get(p, en, F_title, &v)) {
		char *mk;

		w->title = decode(p, &v);
		if (memchr(v.s, '{', v.len)) {
			mk = latex_dup(&p->scratch, v.s, v.len,
			               COLO_LATEX_MARKUP, false);
			if (strchr(mk, '{') && w->title)
				w->title_markup = mk;
			else
				free(mk);
		}
	}
	set_decoded(p, en, F_subtitle, &w->subtitle);
	if (get(p, en, F_author, &v))
		add_names(&p->scratch, w, v.s, v.len, COLO_ROLE_AUTHOR);
	if (get(p, en, F_editor, &v))
		add_names(&p->scratch, w, v.s, v.len, COLO_ROLE_EDITOR);
	if (get(p, en, F_translator, &v))
		add_names(&p->scratch, w, v.s, v.len, COLO_ROLE_TRANSLATOR);
	set_date(p, en, w);
	set_decoded(p, en, F_journaltitle, &w->container);
	set_decoded(p, en, F_journal, &w->container);
	set_decoded(p, en, F_booktitle, &w->container);
	if (!w->container && strcmp(w->type, "chapter") == 0)
		set_decoded(p, en, F_maintitle, &w->container);
	set_decoded(p, en, F_publisher, &w->publisher);
	if (strcmp(w->type, "thesis") == 0)
		set_decoded(p, en, F_school, &w->publisher);
	set_decoded(p, en, F_institution, &w->publisher);
	set_decoded(p, en, F_school, &w->publisher);
	set_decoded(p, en, F_organization, &w->publisher);
	set_decoded(p, en, F_address, &w->place);
	set_decoded(p, en, F_location, &w->place);
	set_decoded(p, en, F_volume, &w->volume);
	set_decoded(p, en, F_number, &w->issue);
	set_decoded(p, en, F_issue, &w->issue);
	if (get(p, en, F_pages, &v))
		w->pages = clean_pages(&v);
	set_decoded(p, en, F_edition, &w->edition);
	if (get(p, en, F_doi, &v)) {
		char *d = verbatim(&v);

		if (d) {
			w->doi = colo_import_clean_doi(d, strlen(d));
			free(d);
		}
	}
	set_verbatim(p, en, F_isbn, &w->isbn);
	set_verbatim(p, en, F_issn, &w->issn);
	set_verbatim(p, en, F_url, &w->url);
	set_decoded(p, en, F_note, &w->note);
	set_decoded(p, en, F_annote, &w->note);
	if (get(p, en, F_howpublished, &v)) {
		if (v.len > 5 && memcmp(v.s, "\\url{", 5) == 0)
			set_verbatim(p, en, F_howpublished, &w->url);
		else
			set_decoded(p, en, F_howpublished, &w->note);
	}
	set_decoded(p, en, F_abstract, &w->abstract);
	set_decoded(p, en, F_series, &w->series);
	set_decoded(p, en, F_language, &w->language);
	set_decoded(p, en, F_langid, &w->language);
	set_decoded(p, en, F_type, &w->genre);
	if (!w->genre && strcmp(type, "phdthesis") == 0)
		w->genre = colo_xstrdup("PhD thesis");
	if (!w->genre && strcmp(type, "mastersthesis") == 0)
		w->genre = colo_xstrdup("Master's thesis");
	set_decoded(p, en, F_eprinttype, &w->archive);
	set_decoded(p, en, F_archiveprefix, &w->archive);
	set_verbatim(p, en, F_eprint, &w->eprint);
	if (get(p, en, F_keywords, &v))
		add_keywords(p, w, &v);
	if (find_own(en, F_crossref)) {
		view cv = {en->text + find_own(en, F_crossref)->val,
		           find_own(en, F_crossref)->vlen};

		w->crossref = verbatim(&cv);
	}
}

/* Keys are compared case-insensitively, as biber does. */
static bool same_key(const char *k, const char *key, size_t len)
{
	size_t j = 0;

	if (strlen(k) != len)
		return false;
	for (; j < len; j++) {
		char a = k[j], c = key[j];

		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (a != c)
			break;
	}
	return j == len;
}

/* The kept entries by key, for find_entry: a file with thousands of
 * crossref children would otherwise search the kept entries once per
 * child. */
static void index_entries(parser *p)
{
	p->capindex = 16;
	while (p->capindex < 2 * p->nentries)
		p->capindex *= 2;
	p->index = colo_xmalloc(p->capindex * sizeof *p->index);
	for (size_t i = 0; i < p->capindex; i++)
		p->index[i] = -1;
	for (size_t i = 0; i < p->nentries; i++) {
		const char *k = p->entries[i].key;
		size_t n = strlen(k), h;

		if (!n)
			continue;
		for (h = (size_t)hash_lc(k, n) & (p->capindex - 1);
		     p->index[h] >= 0; h = (h + 1) & (p->capindex - 1))
			if (same_key(p->entries[p->index[h]].key, k, n))
				break;
		if (p->index[h] < 0)
			p->index[h] = (long)i; /* the first of its key */
	}
}

/* The first kept entry whose key is key[0..len), or -1. */
static long find_entry(parser *p, const char *key, size_t len)
{
	if (len && p->index) {
		for (size_t h = (size_t)hash_lc(key, len) & (p->capindex - 1);
		     p->index[h] >= 0; h = (h + 1) & (p->capindex - 1))
			if (same_key(p->entries[p->index[h]].key, key, len))
				return p->index[h];
		return -1;
	}
	for (size_t i = 0; i < p->nentries; i++)
		if (same_key(p->entries[i].key, key, len))
			return (long)i;
	return -1;
}

static void free_entry(entry *en)
{
	free(en->type);
	free(en->text);
	free(en->fields);
	en->type = en->text = NULL;
	en->key = "";
	en->fields = NULL;
	en->nfields = 0;
}

/* Keeps the entry just read (p->cur) past the next one: its own copy of
 * the type, text and fields, exactly sized. */
static entry *keep_entry(parser *p)
{
	entry *en;

	colo_grow((void **)&p->entries, &p->capentries, p->nentries + 1,
	          sizeof *p->entries);
	en = &p->entries[p->nentries++];
	*en = p->cur;
	en->type = colo_xstrdup(p->cur.type);
	en->text = colo_xmalloc(p->text.len + 1);
	memcpy(en->text, p->text.data, p->text.len + 1);
	en->key = en->text;
	en->fields = colo_xmalloc((p->nfields ? p->nfields : 1) *
	                          sizeof *en->fields);
	if (p->nfields)
		memcpy(en->fields, p->fields, p->nfields * sizeof *en->fields);
	return en;
}

/* The entry just read: a repeated key is reported and dropped; an entry
 * with crossref/xdata waits for the end (its parent may come later); any
 * other is built at once from the scratch buffers, and copied only if the
 * prescan saw its key named by a crossref or xdata, so memory holds works,
 * not entries. */
static void take_entry(parser *p)
{
	entry *en = &p->cur;
	size_t klen = strlen(en->key);

	if (klen && !keyset_add(&p->seen, en->key, klen)) {
		colo_batch_diag(p->b, en->line, en->col,
		                "repeated entry '%.60s' skipped", en->key);
		return;
	}
	if (en->is_xdata) {
		keep_entry(p); /* not a work; kept for the entries that use it */
		return;
	}
	en->slot = colo_batch_add_work(p->b);
	if (find_own(en, F_crossref) || find_own(en, F_xdata)) {
		en->deferred = true;
		keep_entry(p);
		return;
	}
	build_work(p, en, en->slot);
	if (klen && keyset_has(&p->refd, en->key, klen))
		keep_entry(p);
}

/* Keys named by crossref = {...} or xdata = {a, b}: found by a quick scan
 * before parsing, so only those entries' texts are kept.  A key given
 * through a macro is missed; its child then inherits nothing. */
static void prescan(parser *p)
{
	static const char *const kw[] = {"crossref", "xdata"};

	const char *eq = p->s, *end = p->s + p->len;

	/* Lines that start an entry: at most the number of works to come. */
	for (const char *at = p->s;
	     (at = memchr(at, '@', (size_t)(end - at))) != NULL; at++)
		if (entry_start(p, (size_t)(at - p->s)))
			p->nstarts++;
	/* From each '=' back over blanks to the field name before it. */
	while ((eq = memchr(eq, '=', (size_t)(end - eq))) != NULL) {
		size_t e = (size_t)(eq - p->s), i;

		eq++;
		while (e > 0 && is_space(p->s[e - 1]))
			e--;
		i = e;
		while (i > 0 && is_ident(p->s[i - 1]))
			i--;
		for (size_t k = 0; k < 2; k++) {
			size_t n = strlen(kw[k]), j;
			char close;

			if (e - i != n || !eq_lc_n(p->s + i, kw[k], n))
				continue;
			j = (size_t)(eq - p->s);
			while (j < p->len && is_space(p->s[j]))
				j++;
			if (j >= p->len || (p->s[j] != '{' && p->s[j] != '"'))
				continue;
			close = p->s[j] == '{' ? '}' : '"';
			j++;
			for (;;) {
				size_t ks, ke;

				while (j < p->len && is_space(p->s[j]))
					j++;
				ks = j;
				while (j < p->len && p->s[j] != close && p->s[j] != ',' &&
				       !is_space(p->s[j]) && j - ks < 256)
					j++;
				ke = j;
				/* up to a NUL: no entry's key holds one */
				if (ke > ks)
					keyset_add(&p->refd, p->s + ks,
					           strnlen(p->s + ks, ke - ks));
				while (j < p->len && is_space(p->s[j]))
					j++;
				if (j < p->len && p->s[j] == ',') {
					j++;
					continue;
				}
				break;
			}
		}
	}
}

/* Room for the works the prescan counted, allocated once: the array
 * would otherwise double past them (and every slot is zeroed as it grows,
 * so the unused half would be memory in use).  Not more than one work per
 * 64 bytes of input, whatever the count. */
static void reserve_works(parser *p)
{
	colo_batch *b = p->b;
	size_t more = p->nstarts < p->len / 64 + 16 ? p->nstarts
	                                              : p->len / 64 + 16;

	if (b->nworks + more > b->capworks) {
		b->works = colo_xrealloc(b->works,
		                         (b->nworks + more) * sizeof *b->works);
		b->capworks = b->nworks + more;
	}
}

/* Builds the entries that waited for crossref/xdata (one level, as
 * BibTeX does). */
static void build_all(parser *p)
{
	if (p->nentries)
		index_entries(p);
	for (size_t i = 0; i < p->nentries; i++) {
		entry *en = &p->entries[i];
		const field *f;

		if (!en->deferred)
			continue;
		if ((f = find_own(en, F_crossref)) != NULL) {
			en->parent = find_entry(p, en->text + f->val, f->vlen);
			if (en->parent == (long)i)
				en->parent = -1;
		}
		if ((f = find_own(en, F_xdata)) != NULL) {
			size_t n = 0;

			while (n < f->vlen && en->text[f->val + n] != ',')
				n++;
			en->xdata = find_entry(p, en->text + f->val, n);
			if (en->xdata == (long)i)
				en->xdata = -1;
		}
		build_work(p, en, en->slot);
	}
}

/* ---- names --------------------------------------------------------------- */

typedef struct word {
	size_t start, end;
} word;

/* Whether a raw name word counts as lower-case for von detection. */
static bool word_lower(const char *s, size_t start, size_t end)
{
	long depth = 0;

	for (size_t i = start; i < end; i++) {
		char c = s[i];

		if (c == '{') {
			if (depth == 0) {
				if (i + 1 < end && s[i + 1] == '\\') {
					/* special character: the first letter after
					 * the backslash decides */
					for (size_t k = i + 2; k < end && s[k] != '}'; k++)
						if ((s[k] >= 'a' && s[k] <= 'z') ||
						    (s[k] >= 'A' && s[k] <= 'Z'))
							return s[k] >= 'a' && s[k] <= 'z';
					return false;
				}
				return false; /* braced: caseless, not von */
			}
			depth++;
		} else if (c == '}') {
			if (depth > 0)
				depth--;
		} else if (depth == 0) {
			if (c >= 'a' && c <= 'z')
				return true;
			if (c >= 'A' && c <= 'Z')
				return false;
			if ((unsigned char)c >= 0x80)
				return false;
		}
	}
	return false;
}

/* Words a name is split into without allocating; a longer name's words go
 * to the heap. */
#define NAME_WORDS 16

/* Splits s[start,end) at top-level whitespace and ties into words.  *out
 * starts as the caller's array `local` of *cap words. */
static size_t split_words(const char *s, size_t start, size_t end, word **out,
                          size_t *cap, word *local)
{
	size_t n = 0, i = start;
	long depth = 0;

	while (i < end) {
		size_t ws;

		while (i < end && (is_space(s[i]) || s[i] == '~'))
			i++;
		if (i >= end)
			break;
		ws = i;
		while (i < end && (depth > 0 || !(is_space(s[i]) || s[i] == '~'))) {
			if (s[i] == '{')
				depth++;
			else if (s[i] == '}' && depth > 0)
				depth--;
			i++;
		}
		if (n == *cap && *out == local) {
			word *heap = colo_xmalloc(*cap * 2 * sizeof *heap);

			memcpy(heap, local, n * sizeof *heap);
			*out = heap;
			*cap *= 2;
		}
		colo_grow((void **)out, cap, n + 1, sizeof **out);
		(*out)[n].start = ws;
		(*out)[n].end = i;
		n++;
	}
	return n;
}

static char *words_text(colo_buf *sb, const char *s, const word *w,
                        size_t from, size_t to)
{
	if (from >= to)
		return NULL;
	return latex_dup(sb, s + w[from].start, w[to - 1].end - w[from].start,
	                 COLO_LATEX_NAME, true);
}

static bool is_suffix_word(const char *s, size_t start, size_t end)
{
	static const char *const sfx[] = {"Jr.", "Jr", "Sr.", "Sr", "II",
	                                  "III", "IV", "jr.", "jr"};
	size_t n = end - start;

	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++)
		if (strlen(sfx[i]) == n && memcmp(s + start, sfx[i], n) == 0)
			return true;
	return false;
}

/* colo_bibtex_name with a scratch buffer for the decoding. */
static void parse_name(colo_buf *sb, const char *s, size_t len,
                       colo_name *out)
{
	size_t commas[2], ncommas = 0, n, cap = NAME_WORDS;
	long depth = 0;
	word local[NAME_WORDS], *w = local;
	const char *t = colo_text_trim(s, len, &len);

	colo_name_init(out);
	s = t;
	if (len >= 2 && s[0] == '{') {
		/* "{Barnes and Noble}": one group spanning the name. */
		size_t i = 0;

		for (depth = 0; i < len; i++) {
			if (s[i] == '{')
				depth++;
			else if (s[i] == '}' && --depth == 0)
				break;
		}
		if (i == len - 1) {
			out->literal = latex_dup(sb, s + 1, len - 2,
			                         COLO_LATEX_NAME, true);
			return;
		}
		depth = 0;
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && depth > 0)
			depth--;
		else if (s[i] == ',' && depth == 0 && ncommas < 2)
			commas[ncommas++] = i;
	}
	if (ncommas == 0) {
		size_t vs = 0, ve = 0, last;
		bool von = false;

		n = split_words(s, 0, len, &w, &cap, local);
		if (n == 0)
			goto done;
		if (n == 1) {
			out->family = words_text(sb, s, w, 0, 1);
			goto done;
		}
		for (size_t i = 0; i + 1 < n; i++)
			if (word_lower(s, w[i].start, w[i].end)) {
				if (!von)
					vs = i;
				von = true;
				ve = i + 1;
			}
		if (von) {
			out->given = words_text(sb, s, w, 0, vs);
			out->particle = words_text(sb, s, w, vs, ve);
			out->family = words_text(sb, s, w, ve, n);
			goto done;
		}
		last = n - 1;
		if (n >= 3 && is_suffix_word(s, w[last].start, w[last].end)) {
			out->suffix = words_text(sb, s, w, last, n);
			last--;
		}
		out->given = words_text(sb, s, w, 0, last);
		out->family = words_text(sb, s, w, last, last + 1);
		goto done;
	}
	{
		/* "von Last, First" and "von Last, Jr, First" */
		size_t vend = 0;

		n = split_words(s, 0, commas[0], &w, &cap, local);
		while (vend + 1 < n && word_lower(s, w[vend].start, w[vend].end))
			vend++;
		out->particle = words_text(sb, s, w, 0, vend);
		out->family = words_text(sb, s, w, vend, n);
		if (ncommas == 2) {
			out->suffix = latex_dup(sb, s + commas[0] + 1,
			                        commas[1] - commas[0] - 1,
			                        COLO_LATEX_NAME, true);
			out->given = latex_dup(sb, s + commas[1] + 1,
			                       len - commas[1] - 1,
			                       COLO_LATEX_NAME, true);
		} else {
			out->given = latex_dup(sb, s + commas[0] + 1,
			                       len - commas[0] - 1,
			                       COLO_LATEX_NAME, true);
		}
	}
done:
	if (w != local)
		free(w);
	if (!out->family && !out->literal && out->given) {
		out->family = out->given;
		out->given = NULL;
	}
}

/* Whether s[i] begins a top-level " and " (blank or tie around it). */
static bool and_at(const char *s, size_t len, size_t i)
{
	return (is_space(s[i]) || s[i] == '~') && i + 4 < len &&
	       (s[i + 1] == 'a' || s[i + 1] == 'A') &&
	       (s[i + 2] == 'n' || s[i + 2] == 'N') &&
	       (s[i + 3] == 'd' || s[i + 3] == 'D') &&
	       (is_space(s[i + 4]) || s[i + 4] == '~');
}

typedef struct nspan {
	size_t start, len;
} nspan;

void colo_bibtex_name(const char *s, size_t len, colo_name *out)
{
	colo_buf sb;

	colo_buf_init(&sb, 0);
	parse_name(&sb, s, len, out);
	colo_buf_cleanup(&sb);
}

/* colo_bibtex_add_names with a scratch buffer for the decoding. */
static void add_names(colo_buf *sb, colo_work *w, const char *s, size_t len,
                      colo_creator_role role)
{
	nspan local[32], *names = local;
	size_t i = 0, start = 0, n = 0, cap = 32;
	long depth = 0;

	/* First the names' spans, so the creators array is sized once and
	 * exactly (a work keeps it: doubling would leave a quarter of it
	 * unused on average). */
	for (;; i++) {
		bool cut = false;
		size_t next = i;

		if (i >= len) {
			cut = true;
		} else if (s[i] == '{') {
			depth++;
		} else if (s[i] == '}') {
			if (depth > 0)
				depth--;
		} else if (depth == 0 && and_at(s, len, i)) {
			cut = true;
			next = i + 4;
		}
		if (!cut)
			continue;
		{
			size_t nl;
			const char *nm = colo_text_trim(s + start, i - start, &nl);

			if (nl == 6 && memcmp(nm, "others", 6) == 0) {
				/* BibTeX's mark of a truncated list ("et al.") */
				w->creators_more |= COLO_MORE(role);
			} else if (nl) {
				if (n == cap && names == local) {
					names = colo_xmalloc(2 * cap *
					                     sizeof *names);
					memcpy(names, local, n * sizeof *names);
					cap *= 2;
				}
				colo_grow((void **)&names, &cap, n + 1,
				          sizeof *names);
				names[n].start = (size_t)(nm - s);
				names[n].len = nl;
				n++;
			}
		}
		if (i >= len)
			break;
		start = next;
		i = next - 1;
	}
	if (w->ncreators + n > w->capcreators) {
		size_t need = w->ncreators + n;

		w->creators = colo_xrealloc(w->creators, need * sizeof *w->creators);
		w->capcreators = need;
	}
	for (size_t k = 0; k < n; k++) {
		colo_name name;

		parse_name(sb, s + names[k].start, names[k].len, &name);
		if (name.family || name.literal) {
			colo_creator *c = colo_work_add_creator(w, role);

			c->name = name;
		} else {
			colo_name_cleanup(&name);
		}
	}
	if (names != local)
		free(names);
}

void colo_bibtex_add_names(colo_work *w, const char *s, size_t len,
                           colo_creator_role role)
{
	colo_buf sb;

	colo_buf_init(&sb, 0);
	add_names(&sb, w, s, len, role);
	colo_buf_cleanup(&sb);
}

/* ---- the importer ------------------------------------------------------ */

static const char *const month_names[12] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December"};
static const char *const month_macros[12] = {"jan", "feb", "mar", "apr",
                                             "may", "jun", "jul", "aug",
                                             "sep", "oct", "nov", "dec"};

static int diag_cmp(const void *x, const void *y)
{
	const colo_diag *a = x, *b = y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return strcmp(a->message, b->message);
}

bool colo_bibtex_parse(const char *data, size_t len, colo_batch *out,
                       colo_error *err)
{
	parser p;
	bool ok = false;

	memset(&p, 0, sizeof p);
	p.s = data;
	p.len = len;
	p.line = 1;
	p.b = out;
	colo_buf_init(&p.text, 0);
	colo_buf_init(&p.val, 0);
	colo_buf_init(&p.pre, 0);
	for (int i = 0; i < 12; i++)
		macro_set(&p.mac, month_macros[i], 3, month_names[i],
		          strlen(month_names[i]));
	prescan(&p);
	reserve_works(&p);
	read_all(&p);
	build_all(&p);
	if (p.pre.len && !out->preamble)
		out->preamble = colo_buf_steal(&p.pre);
	if (out->capworks > out->nworks && out->nworks) {
		/* @string, @comment and skipped entries took no work */
		out->works = colo_xrealloc(out->works,
		                           out->nworks * sizeof *out->works);
		out->capworks = out->nworks;
	}
	/* Repeated keys are found after the pass: report in file order. */
	if (out->ndiags > 1)
		qsort(out->diags, out->ndiags, sizeof *out->diags, diag_cmp);
	if (out->nworks == 0) {
		if (out->ndiags)
			colo_error_set_at(err, COLO_EINPUT, out->diags[0].line,
			                  out->diags[0].col, "%s; no entry could be read",
			                  out->diags[0].message);
		else
			colo_error_set(err, COLO_EINPUT, "no BibTeX entries found");
		goto done;
	}
	ok = true;
done:
	for (size_t i = 0; i < p.nentries; i++)
		free_entry(&p.entries[i]);
	free(p.entries);
	free(p.index);
	free(p.fields);
	colo_buf_cleanup(&p.scratch);
	colo_buf_cleanup(&p.text);
	colo_buf_cleanup(&p.val);
	colo_buf_cleanup(&p.pre);
	macros_cleanup(&p.mac);
	keyset_cleanup(&p.seen);
	keyset_cleanup(&p.refd);
	return ok;
}

int colo_bibtex_sniff(const char *data, size_t len)
{
	size_t probe = len < 65536 ? len : 65536;

	for (size_t i = 0; i < probe; i++) {
		size_t j;

		if (data[i] != '@')
			continue;
		j = i;
		while (j > 0 && (data[j - 1] == ' ' || data[j - 1] == '\t'))
			j--;
		if (j > 0 && data[j - 1] != '\n')
			continue;
		j = i + 1;
		while (j < probe && ((data[j] >= 'a' && data[j] <= 'z') ||
		                     (data[j] >= 'A' && data[j] <= 'Z')))
			j++;
		if (j == i + 1)
			continue;
		while (j < probe && is_space(data[j]))
			j++;
		if (j < probe && (data[j] == '{' || data[j] == '('))
			return 90;
	}
	return 0;
}

/* ---- helpers the structured readers share (formats_priv.h) ------------- */

char *colo_import_clean_doi(const char *s, size_t len)
{
	static const char *const prefixes[] = {
		"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
		"http://dx.doi.org/", "doi.org/", "doi:", "DOI:", "doi "};
	const char *t;

	if (!s)
		return NULL;
	t = colo_text_trim(s, len, &len);
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);

		if (len > n && strncmp(t, prefixes[i], n) == 0) {
			t += n;
			len -= n;
			t = colo_text_trim(t, len, &len);
			break;
		}
	}
	return len ? colo_xstrndup(t, len) : NULL;
}

int colo_import_month(const char *s, size_t len)
{
	size_t n;
	const char *t = colo_text_trim(s, len, &n);
	char lc[4] = {0};

	if (n && t[0] >= '0' && t[0] <= '9') {
		int m = 0;

		for (size_t i = 0; i < n && t[i] >= '0' && t[i] <= '9' && m < 100; i++)
			m = m * 10 + (t[i] - '0');
		return m >= 1 && m <= 12 ? m : 0;
	}
	if (n < 3)
		return 0;
	for (int i = 0; i < 3; i++)
		lc[i] = (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] + 32 : t[i]);
	for (int i = 0; i < 12; i++)
		if (memcmp(lc, month_macros[i], 3) == 0)
			return i + 1;
	return 0;
}
