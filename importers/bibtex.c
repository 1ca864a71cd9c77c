/* bibtex.c - the BibTeX/BibLaTeX reader.
 *
 * Reads the grammar BibTeX and biber accept: @string macros with '#'
 * concatenation and the month macros, @preamble, @comment and any text
 * between entries, entries delimited by braces or parentheses, values in
 * braces, quotes, bare numbers or macros, case-insensitive types and field
 * names, crossref and xdata inheritance.  Field text is decoded from LaTeX
 * (importers/latex.c) and names are split the way BibTeX splits them.
 *
 * Two passes: the first parses every entry into raw fields (macros
 * expanded), the second resolves crossref/xdata and builds works, freeing
 * each entry's raw text once nothing refers to it.  A malformed entry, or
 * one that is not valid UTF-8, becomes a diagnostic with its line and
 * column and the reader resumes at the next '@' that starts a line.
 * Values are capped (MAX_VALUE), macro values too (MAX_MACRO), so
 * doubling macros or huge concatenations cannot exhaust memory; brace
 * depth is a counter, never recursion.  Not handled: @preamble content is
 * read and dropped (it is TeX code, not data). */
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

static int fid_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static fid fid_of(const char *name)
{
	const char *const *hit = bsearch(name, fid_names, F_COUNT,
	                                  sizeof fid_names[0], fid_cmp);

	return hit ? (fid)(hit - fid_names) : F_OTHER;
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
	unsigned line, col;
	size_t start, end;
	long parent, xdata; /* entry indices, or -1 */
	bool referenced;    /* some entry inherits from it: keep its text */
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
	entry *entries;
	size_t nentries, capentries;
	colo_buf text;   /* the entry being read */
	field *fields;   /* the entry being read */
	size_t nfields, capfields;
	colo_buf val;    /* a value being assembled */
	macros seen;     /* citation keys read so far (repeats are skipped) */
	macros refd;     /* keys some crossref/xdata may name (prescan) */
} parser;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* BibTeX's identifier characters: printable, not special. */
static bool is_ident(char c)
{
	if ((unsigned char)c <= ' ' || c == 0x7f)
		return false;
	return !strchr("\"#%'(),={}", c);
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

static void skip_ws(parser *p)
{
	size_t i = p->pos;

	while (i < p->len && is_space(p->s[i]))
		i++;
	move(p, i);
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

/* One delimited part of a value, appended to p->val.  `field` names the
 * field for messages. */
static bool read_delimited(parser *p, char open, const char *fname, perr *e)
{
	size_t start = p->pos, i = p->pos + 1;
	long depth = 0;
	char close = open == '{' ? '}' : '"';

	for (; i < p->len; i++) {
		char c = p->s[i];

		if (c == '{') {
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
	if (p->val.len + (i - start - 1) > MAX_VALUE) {
		perr_at(p, e, start, "field '%s' is too long (over 32 MB)", fname);
		return false;
	}
	colo_buf_append(&p->val, p->s + start + 1, i - start - 1);
	move(p, i + 1);
	return true;
}

/* A value: parts joined with '#'. */
static bool read_value(parser *p, const char *fname, size_t cap, perr *e)
{
	colo_buf_reset(&p->val);
	colo_buf_append(&p->val, "", 0);
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
			if (!read_delimited(p, c, fname, e))
				return false;
		} else if (c >= '0' && c <= '9') {
			size_t j = p->pos;

			while (j < p->len && p->s[j] >= '0' && p->s[j] <= '9')
				j++;
			colo_buf_append(&p->val, p->s + p->pos, j - p->pos);
			move(p, j);
		} else if (is_ident(c)) {
			size_t j = ident_end(p, p->pos);
			macro *m = macro_find(&p->mac, p->s + p->pos, j - p->pos);

			if (m) {
				if (p->val.len + m->len > cap) {
					perr_at(p, e, p->pos, "field '%s' is too long after "
					        "expanding macros", fname);
					return false;
				}
				colo_buf_append(&p->val, m->value, m->len);
			} else {
				char name[80];

				snprintf(name, sizeof name, "%.*s",
				         (int)(j - p->pos < 60 ? j - p->pos : 60),
				         p->s + p->pos);
				perr_at(p, e, p->pos, "undefined macro '%s'", name);
				return false;
			}
			move(p, j);
		} else {
			perr_at(p, e, p->pos, "expected a value for field '%s'", fname);
			return false;
		}
		if (p->val.len > cap) {
			perr_at(p, e, p->pos, "field '%s' is too long", fname);
			return false;
		}
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == '#') {
			move(p, p->pos + 1);
			continue;
		}
		return true;
	}
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

		move(p, j);
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '=') {
			perr_at(p, e, p->pos, "expected '=' after macro name '%s'", name);
			return false;
		}
		move(p, p->pos + 1);
		if (!read_value(p, name, MAX_MACRO, e))
			return false;
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != close) {
			perr_at(p, e, p->pos, "expected the end of @string '%s'", name);
			return false;
		}
		move(p, p->pos + 1);
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

static bool has_field(const parser *p, const char *name, size_t n)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (p->fields[i].nlen == n &&
		    memcmp(p->text.data + p->fields[i].name, name, n) == 0)
			return true;
	return false;
}

/* An entry after "@type" and its opening delimiter. */
static bool read_entry(parser *p, const char *type, size_t at, unsigned line,
                       unsigned col, char close, perr *e)
{
	size_t j;
	entry *en;
	colo_error verr;

	colo_buf_reset(&p->text);
	colo_buf_append(&p->text, "", 0);
	p->nfields = 0;
	skip_ws(p);
	j = p->pos;
	while (j < p->len && p->s[j] != ',' && p->s[j] != close &&
	       !is_space(p->s[j]) && p->s[j] != '{' && p->s[j] != '}')
		j++;
	{
		size_t kstart = p->pos, klen = j - p->pos;

		move(p, j);
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
		size_t nstart, nlen, name_off;
		char fname[64];

		skip_ws(p);
		if (p->pos >= p->len) {
			perr_at(p, e, at, "entry is not closed (missing '%s')",
			        close == '}' ? "}" : ")");
			return false;
		}
		if (p->s[p->pos] == close) {
			move(p, p->pos + 1);
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
		move(p, p->pos + 1);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == close) {
			move(p, p->pos + 1);
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
		move(p, j);
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '=') {
			perr_at(p, e, p->pos, "expected '=' after field name '%s'", fname);
			return false;
		}
		move(p, p->pos + 1);
		if (!read_value(p, fname, MAX_VALUE, e))
			return false;
		if (nlen >= 60 || has_field(p, fname, nlen))
			continue; /* biber keeps the first of repeated fields */
		if (p->nfields >= MAX_FIELDS) {
			perr_at(p, e, nstart, "too many fields (over 4096)");
			return false;
		}
		name_off = p->text.len;
		colo_buf_append(&p->text, fname, nlen);
		colo_buf_putc(&p->text, '\0');
		colo_grow((void **)&p->fields, &p->capfields, p->nfields + 1,
		          sizeof *p->fields);
		p->fields[p->nfields].id = fid_of(fname);
		p->fields[p->nfields].name = name_off;
		p->fields[p->nfields].nlen = nlen;
		p->fields[p->nfields].val = p->text.len;
		p->fields[p->nfields].vlen = p->val.len;
		colo_buf_append(&p->text, p->val.data, p->val.len);
		colo_buf_putc(&p->text, '\0');
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
	colo_grow((void **)&p->entries, &p->capentries, p->nentries + 1,
	          sizeof *p->entries);
	en = &p->entries[p->nentries++];
	memset(en, 0, sizeof *en);
	en->type = colo_xstrdup(type);
	/* An exact copy: the scratch buffer keeps its capacity. */
	en->text = colo_xmalloc(p->text.len + 1);
	memcpy(en->text, p->text.data, p->text.len + 1);
	en->key = en->text;
	en->fields = colo_xmalloc((p->nfields ? p->nfields : 1) * sizeof *en->fields);
	if (p->nfields)
		memcpy(en->fields, p->fields, p->nfields * sizeof *en->fields);
	en->nfields = p->nfields;
	en->line = line;
	en->col = col;
	en->start = at;
	en->end = p->pos;
	en->parent = en->xdata = -1;
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

static void take_entry(parser *p, size_t idx);

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
				move(p, apos + 1);
				continue;
			}
			snprintf(type, sizeof type, "%.*s",
			         (int)(tend - tstart < 30 ? tend - tstart : 30),
			         p->s + tstart);
			for (char *q = type; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q + 32);
			close = p->s[k] == '{' ? '}' : ')';
			move(p, k);
		}
		memset(&e, 0, sizeof e);
		if (strcmp(type, "comment") == 0) {
			skip_balanced(p, close);
			continue;
		}
		move(p, p->pos + 1);
		if (strcmp(type, "preamble") == 0) {
			if (!read_value(p, "preamble", MAX_VALUE, &e)) {
				report(p, &e);
				recover(p);
				continue;
			}
			skip_ws(p);
			if (p->pos < p->len && p->s[p->pos] == close)
				move(p, p->pos + 1);
			continue;
		}
		if (strcmp(type, "string") == 0) {
			if (!read_string(p, close, &e)) {
				report(p, &e);
				recover(p);
			}
			continue;
		}
		{
			size_t before = p->nentries;

			if (!read_entry(p, type, apos, line, col, close, &e)) {
				report(p, &e);
				recover(p);
				continue;
			}
			if (e.msg[0])
				report(p, &e);
			if (p->nentries > before)
				take_entry(p, before);
		}
	}
}

/* ---- building works --------------------------------------------------- */

static const field *find_own(const entry *en, fid id)
{
	for (size_t i = 0; i < en->nfields; i++)
		if (en->fields[i].id == id)
			return &en->fields[i];
	return NULL;
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

static char *decode(const view *v)
{
	char *s = colo_latex_to_utf8(v->s, v->len, 0);

	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

static void set_decoded(const parser *p, const entry *en, fid name,
                        char **slot)
{
	view v;

	if (*slot || !get(p, en, name, &v))
		return;
	*slot = decode(&v);
}

/* URLs, DOIs and identifiers are not prose: only \url{}, braces and
 * escaped specials are undone. */
static char *verbatim(const view *v)
{
	colo_buf b;
	size_t i = 0, len;
	const char *s = colo_text_trim(v->s, v->len, &len);

	colo_buf_init(&b, 0);
	if (len > 5 && memcmp(s, "\\url{", 5) == 0) {
		s += 5;
		len -= 5;
	}
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '{' || c == '}' || c == '\n' || c == '\r' || c == '\t')
			continue;
		if (c == '\\' && i + 1 < len && strchr("_%&#$~", s[i + 1]))
			continue;
		colo_buf_putc(&b, c);
	}
	if (!b.len) {
		colo_buf_cleanup(&b);
		return NULL;
	}
	return colo_buf_steal(&b);
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

static void set_date(const parser *p, const entry *en, colo_work *w)
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
		char *m = colo_latex_to_utf8(v.s, v.len, COLO_LATEX_NAME);

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

static char *clean_pages(const view *v)
{
	colo_buf b;
	size_t len;
	const char *s = colo_text_trim(v->s, v->len, &len);

	colo_buf_init(&b, 0);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '-') {
			while (i + 1 < len && s[i + 1] == '-')
				i++;
			colo_buf_putc(&b, '-');
		} else if ((unsigned char)s[i] == 0xE2 && i + 2 < len &&
		           (unsigned char)s[i + 1] == 0x80 &&
		           ((unsigned char)s[i + 2] == 0x93 ||
		            (unsigned char)s[i + 2] == 0x94)) {
			colo_buf_putc(&b, '-');
			i += 2;
		} else if (s[i] == '{' || s[i] == '}') {
			continue;
		} else if (is_space(s[i])) {
			continue;
		} else {
			colo_buf_putc(&b, s[i]);
		}
	}
	if (!b.len) {
		colo_buf_cleanup(&b);
		return NULL;
	}
	return colo_buf_steal(&b);
}

static char *clean_key(const char *k)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	for (; *k; k++) {
		char c = *k;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("_:./+-", c))
			colo_buf_putc(&b, c);
	}
	if (!b.len) {
		colo_buf_cleanup(&b);
		return NULL;
	}
	return colo_buf_steal(&b);
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
		if (strcmp(types[i].bib, bibtype) == 0)
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

		w->title = decode(&v);
		if (memchr(v.s, '{', v.len)) {
			mk = colo_latex_to_utf8(v.s, v.len, COLO_LATEX_MARKUP);
			if (strchr(mk, '{') && w->title)
				w->title_markup = mk;
			else
				free(mk);
		}
	}
	set_decoded(p, en, F_subtitle, &w->subtitle);
	if (get(p, en, F_author, &v))
		colo_bibtex_add_names(w, v.s, v.len, COLO_ROLE_AUTHOR);
	if (get(p, en, F_editor, &v))
		colo_bibtex_add_names(w, v.s, v.len, COLO_ROLE_EDITOR);
	if (get(p, en, F_translator, &v))
		colo_bibtex_add_names(w, v.s, v.len, COLO_ROLE_TRANSLATOR);
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
	if (find_own(en, F_crossref)) {
		view cv = {en->text + find_own(en, F_crossref)->val,
		           find_own(en, F_crossref)->vlen};

		w->crossref = verbatim(&cv);
	}
}

static long find_entry(parser *p, const char *key, size_t len)
{
	/* Keys are compared case-insensitively, as biber does. */
	for (size_t i = 0; i < p->nentries; i++) {
		const char *k = p->entries[i].key;
		size_t j = 0;

		if (strlen(k) != len)
			continue;
		for (; j < len; j++) {
			char a = k[j], c = key[j];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (a != c)
				break;
		}
		if (j == len)
			return (long)i;
	}
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

/* An entry just read: a repeated key is reported and dropped; an entry
 * with crossref/xdata waits for the end (its parent may come later); any
 * other is built at once, and its text freed unless the prescan saw its
 * key named by a crossref or xdata, so memory holds works, not entries. */
static void take_entry(parser *p, size_t idx)
{
	entry *en = &p->entries[idx];
	size_t klen = strlen(en->key);

	if (klen && macro_find(&p->seen, en->key, klen)) {
		colo_batch_diag(p->b, en->line, en->col,
		                "repeated entry '%.60s' skipped", en->key);
		free_entry(en);
		p->nentries--;
		return;
	}
	if (klen)
		macro_set(&p->seen, en->key, klen, "", 0);
	if (en->is_xdata)
		return; /* not a work; kept for the entries that use it */
	en->slot = colo_batch_add_work(p->b);
	if (find_own(en, F_crossref) || find_own(en, F_xdata)) {
		en->deferred = true;
		return;
	}
	build_work(p, en, en->slot);
	if (!klen || !macro_find(&p->refd, en->key, klen)) {
		free_entry(en);
		p->nentries--;
	}
}

/* Keys named by crossref = {...} or xdata = {a, b}: found by a quick scan
 * before parsing, so only those entries' texts are kept.  A key given
 * through a macro is missed; its child then inherits nothing. */
static void prescan(parser *p)
{
	static const char *const kw[] = {"crossref", "xdata"};

	const char *eq = p->s, *end = p->s + p->len;

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
				if (ke > ks)
					macro_set(&p->refd, p->s + ks, ke - ks, "", 0);
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

/* Builds the entries that waited for crossref/xdata (one level, as
 * BibTeX does). */
static void build_all(parser *p)
{
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

/* Splits s[start,end) at top-level whitespace and ties into words. */
static size_t split_words(const char *s, size_t start, size_t end, word **out,
                          size_t *cap)
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
		colo_grow((void **)out, cap, n + 1, sizeof **out);
		(*out)[n].start = ws;
		(*out)[n].end = i;
		n++;
	}
	return n;
}

static char *words_text(const char *s, const word *w, size_t from, size_t to)
{
	char *t;

	if (from >= to)
		return NULL;
	t = colo_latex_to_utf8(s + w[from].start, w[to - 1].end - w[from].start,
	                       COLO_LATEX_NAME);
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
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

void colo_bibtex_name(const char *s, size_t len, colo_name *out)
{
	size_t commas[2], ncommas = 0, n, cap = 0;
	long depth = 0;
	word *w = NULL;
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
			out->literal = colo_latex_to_utf8(s + 1, len - 2, COLO_LATEX_NAME);
			if (!*out->literal) {
				free(out->literal);
				out->literal = NULL;
			}
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

		n = split_words(s, 0, len, &w, &cap);
		if (n == 0)
			goto done;
		if (n == 1) {
			out->family = words_text(s, w, 0, 1);
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
			out->given = words_text(s, w, 0, vs);
			out->particle = words_text(s, w, vs, ve);
			out->family = words_text(s, w, ve, n);
			goto done;
		}
		last = n - 1;
		if (n >= 3 && is_suffix_word(s, w[last].start, w[last].end)) {
			out->suffix = words_text(s, w, last, n);
			last--;
		}
		out->given = words_text(s, w, 0, last);
		out->family = words_text(s, w, last, last + 1);
		goto done;
	}
	{
		/* "von Last, First" and "von Last, Jr, First" */
		size_t vend = 0;

		n = split_words(s, 0, commas[0], &w, &cap);
		while (vend + 1 < n && word_lower(s, w[vend].start, w[vend].end))
			vend++;
		out->particle = words_text(s, w, 0, vend);
		out->family = words_text(s, w, vend, n);
		if (ncommas == 2) {
			out->suffix = colo_latex_to_utf8(s + commas[0] + 1,
			                                 commas[1] - commas[0] - 1,
			                                 COLO_LATEX_NAME);
			out->given = colo_latex_to_utf8(s + commas[1] + 1,
			                                len - commas[1] - 1,
			                                COLO_LATEX_NAME);
		} else {
			out->given = colo_latex_to_utf8(s + commas[0] + 1,
			                                len - commas[0] - 1,
			                                COLO_LATEX_NAME);
		}
		if (out->suffix && !*out->suffix) {
			free(out->suffix);
			out->suffix = NULL;
		}
		if (out->given && !*out->given) {
			free(out->given);
			out->given = NULL;
		}
	}
done:
	free(w);
	if (!out->family && !out->literal && out->given) {
		out->family = out->given;
		out->given = NULL;
	}
}

void colo_bibtex_add_names(colo_work *w, const char *s, size_t len,
                           colo_creator_role role)
{
	size_t i = 0, start = 0;
	long depth = 0;

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
		} else if (depth == 0 && (is_space(s[i]) || s[i] == '~') &&
		           i + 4 < len && (s[i + 1] == 'a' || s[i + 1] == 'A') &&
		           (s[i + 2] == 'n' || s[i + 2] == 'N') &&
		           (s[i + 3] == 'd' || s[i + 3] == 'D') &&
		           (is_space(s[i + 4]) || s[i + 4] == '~')) {
			cut = true;
			next = i + 4;
		}
		if (!cut)
			continue;
		{
			size_t nl;
			const char *nm = colo_text_trim(s + start, i - start, &nl);

			if (nl && !(nl == 6 && memcmp(nm, "others", 6) == 0)) {
				colo_name name;

				colo_bibtex_name(nm, nl, &name);
				if (name.family || name.literal) {
					colo_creator *c = colo_work_add_creator(w, role);

					c->name = name;
				} else {
					colo_name_cleanup(&name);
				}
			}
		}
		if (i >= len)
			break;
		start = next;
		i = next - 1;
	}
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
	for (int i = 0; i < 12; i++)
		macro_set(&p.mac, month_macros[i], 3, month_names[i],
		          strlen(month_names[i]));
	prescan(&p);
	read_all(&p);
	build_all(&p);
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
	free(p.fields);
	colo_buf_cleanup(&p.text);
	colo_buf_cleanup(&p.val);
	macros_cleanup(&p.mac);
	macros_cleanup(&p.seen);
	macros_cleanup(&p.refd);
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
