/* ris.c - the RIS writer.
 *
 * RIS is a line format: "TY  - BOOK", one tag per line, "ER  - " closing
 * the record.  A value therefore must stay on its line: line breaks, tabs
 * and control characters become single spaces, and invalid UTF-8 bytes are
 * dropped.  With `ascii`, values are transliterated (colo_text_ascii) for
 * readers that expect ASCII or Latin-1.  The tag table is documented in
 * docs/EXPORT.md.
 *
 * Not here: framing (RIS has none) or choosing works (cli/). */
#include "colophon/ris.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"
#include "colophon/text.h"

static const struct {
	const char *csl, *ris;
} types[] = {
	{"book", "BOOK"},           {"article-journal", "JOUR"},
	{"article-magazine", "MGZN"}, {"article-newspaper", "NEWS"},
	{"chapter", "CHAP"},        {"paper-conference", "CPAPER"},
	{"thesis", "THES"},         {"report", "RPRT"},
	{"post-weblog", "BLOG"},    {"webpage", "ELEC"},
	{"post", "ELEC"},           {"dataset", "DATA"},
	{"software", "COMP"},       {"patent", "PAT"},
	{"map", "MAP"},             {"manuscript", "MANSCPT"},
};

static const char *ris_type(const char *t)
{
	for (size_t i = 0; t && i < sizeof types / sizeof *types; i++)
		if (strcmp(types[i].csl, t) == 0)
			return types[i].ris;
	return "GEN";
}

static bool has_text(const char *s)
{
	if (!s)
		return false;
	for (; *s; s++)
		if (!strchr(" \t\r\n", *s))
			return true;
	return false;
}

/* Length of the valid UTF-8 sequence at p, or 0 (overlong forms and
 * surrogates are invalid). */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];

	if (c >= 0xc2 && c <= 0xdf && (p[1] & 0xc0) == 0x80)
		return 2;
	if (c >= 0xe0 && c <= 0xef && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80) {
		if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* Appends s on one line: whitespace runs and controls become one space,
 * ends trimmed, invalid bytes dropped. */
static void put_flat(colo_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	bool space = false, any = false;

	while (*p) {
		size_t k;

		if (*p < 0x20 || *p == ' ' || *p == 0x7f) {
			space = true;
			p++;
			continue;
		}
		k = *p < 0x80 ? 1 : utf8_len(p);
		if (k == 0) {
			p++;
			continue;
		}
		/* U+0085, U+2028 and U+2029 are line breaks to some readers. */
		if ((k == 2 && p[0] == 0xc2 && p[1] == 0x85) ||
		    (k == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
		     (p[2] == 0xa8 || p[2] == 0xa9))) {
			space = true;
			p += k;
			continue;
		}
		if (space && any)
			colo_buf_putc(out, ' ');
		space = false;
		any = true;
		colo_buf_append(out, (const char *)p, k);
		p += k;
	}
}

static void put_value(colo_buf *out, const char *v, bool ascii)
{
	if (ascii) {
		char *a = colo_text_ascii(v, strlen(v));

		put_flat(out, a);
		free(a);
	} else {
		put_flat(out, v);
	}
}

static void put_tag(colo_buf *out, const char *tag, const char *v, bool ascii)
{
	if (!has_text(v))
		return;
	colo_buf_puts(out, tag);
	colo_buf_puts(out, "  - ");
	put_value(out, v, ascii);
	colo_buf_putc(out, '\n');
}

/* "Family, Given, Suffix" with the particle before the family name; an
 * organisation as written. */
static void put_names(colo_buf *out, const char *tag, const colo_work *w,
                      colo_creator_role role, bool ascii)
{
	for (size_t i = 0; i < w->ncreators; i++) {
		const colo_name *n = &w->creators[i].name;

		if (w->creators[i].role != role)
			continue;
		if (!has_text(n->family)) {
			put_tag(out, tag, has_text(n->literal) ? n->literal : n->given,
			        ascii);
			continue;
		}
		colo_buf_puts(out, tag);
		colo_buf_puts(out, "  - ");
		if (has_text(n->particle)) {
			put_value(out, n->particle, ascii);
			colo_buf_putc(out, ' ');
		}
		put_value(out, n->family, ascii);
		if (has_text(n->given)) {
			colo_buf_puts(out, ", ");
			put_value(out, n->given, ascii);
		}
		if (has_text(n->suffix)) {
			colo_buf_puts(out, has_text(n->given) ? ", " : ", , ");
			put_value(out, n->suffix, ascii);
		}
		colo_buf_putc(out, '\n');
	}
}

/* TI is the whole title, "Title: Subtitle" (RIS has no subtitle tag);
 * ST, the short title, is then the main title alone. */
static void put_title(colo_buf *out, const colo_work *w, bool ascii)
{
	char *t;

	if (!has_text(w->title) || !has_text(w->subtitle)) {
		put_tag(out, "TI", has_text(w->title) ? w->title : w->subtitle, ascii);
		return;
	}
	t = colo_work_title_joined(w);
	put_tag(out, "TI", t, ascii);
	free(t);
	put_tag(out, "ST", w->title, ascii);
}

/* SP and EP from "12-19", "12–19", "12--19"; a single page is SP alone. */
static void put_pages(colo_buf *out, const char *pages, bool ascii)
{
	const char *p = pages, *dash = NULL;
	size_t dl = 0;

	for (; *p; p++) {
		if (*p == '-') {
			dash = p;
			dl = strspn(p, "-");
			break;
		}
		if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
		    (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x95) {
			dash = p;
			dl = 3;
			break;
		}
	}
	if (!dash) {
		put_tag(out, "SP", pages, ascii);
		return;
	}
	{
		char *sp = colo_xstrndup(pages, (size_t)(dash - pages));

		put_tag(out, "SP", sp, ascii);
		free(sp);
	}
	put_tag(out, "EP", dash + dl, ascii);
}

bool colo_ris_write(colo_buf *out, const colo_work *w, bool ascii,
                    colo_error *err)
{
	colo_buf e;
	const char *ty = ris_type(w->type);

	colo_buf_init(&e, 0);
	colo_buf_printf(&e, "TY  - %s\n", ty);
	put_tag(&e, "ID", w->citekey, ascii);
	put_names(&e, "AU", w, COLO_ROLE_AUTHOR, ascii);
	put_names(&e, "ED", w, COLO_ROLE_EDITOR, ascii);
	put_names(&e, "A4", w, COLO_ROLE_TRANSLATOR, ascii);
	put_title(&e, w, ascii);
	put_tag(&e, "T2", w->container, ascii);
	if (w->year >= 1 && w->year <= 9999) {
		colo_buf_printf(&e, "PY  - %04d\n", w->year);
		colo_buf_printf(&e, "DA  - %04d/", w->year);
		if (w->month >= 1 && w->month <= 12) {
			colo_buf_printf(&e, "%02d/", w->month);
			if (w->day >= 1 && w->day <= 31)
				colo_buf_printf(&e, "%02d", w->day);
		} else {
			colo_buf_putc(&e, '/');
		}
		colo_buf_puts(&e, "/\n");
	}
	put_tag(&e, "PB", w->publisher, ascii);
	put_tag(&e, "CY", w->place, ascii);
	put_tag(&e, "VL", w->volume, ascii);
	put_tag(&e, "IS", w->issue, ascii);
	if (has_text(w->pages))
		put_pages(&e, w->pages, ascii);
	put_tag(&e, "ET", w->edition, ascii);
	put_tag(&e, "DO", w->doi, ascii);
	put_tag(&e, "SN", w->isbn, ascii);
	put_tag(&e, "SN", w->issn, ascii);
	put_tag(&e, "UR", w->url, ascii);
	put_tag(&e, "N1", w->note, ascii);
	for (size_t i = 0; i < w->nkeywords; i++)
		put_tag(&e, "KW", w->keywords[i], ascii);
	colo_buf_puts(&e, "ER  - \n\n");
	if (!colo_buf_append(out, colo_buf_cstr(&e), e.len)) {
		colo_buf_cleanup(&e);
		colo_error_set(err, COLO_EFAIL, "output too large writing record '%s'",
		               w->citekey ? w->citekey : "");
		return false;
	}
	colo_buf_cleanup(&e);
	return true;
}
