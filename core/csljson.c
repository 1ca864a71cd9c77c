/* csljson.c - the CSL-JSON writer.
 *
 * CSL-JSON is the record model's own vocabulary (model.h follows it), so
 * the mapping is nearly one to one: types pass through when CSL knows
 * them, creators become name objects, the issued date becomes
 * "date-parts".  Strings are escaped for JSON and nothing else: CSL-JSON
 * carries text, not markup, so no TeX rules apply here.  Invalid UTF-8
 * bytes are dropped so the output is always valid JSON.
 *
 * Not here: framing the array (writer.c) or choosing works (cli/). */
#include "colophon/csljson.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The item types CSL 1.0.2 defines; anything else is written "document". */
static const char *const csl_types[] = {
	"article", "article-journal", "article-magazine", "article-newspaper",
	"bill", "book", "broadcast", "chapter", "classic", "collection",
	"dataset", "document", "entry", "entry-dictionary",
	"entry-encyclopedia", "event", "figure", "graphic", "hearing",
	"interview", "legal_case", "legislation", "manuscript", "map",
	"motion_picture", "musical_score", "pamphlet", "paper-conference",
	"patent", "performance", "periodical", "personal_communication",
	"post", "post-weblog", "regulation", "report", "review", "review-book",
	"software", "song", "speech", "standard", "thesis", "treaty", "webpage",
};

static const char *csl_type(const char *t)
{
	for (size_t i = 0; t && i < sizeof csl_types / sizeof *csl_types; i++)
		if (strcmp(csl_types[i], t) == 0)
			return csl_types[i];
	return "document";
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

/* Length of the valid UTF-8 sequence at p (1..4) and its code point, or 0
 * when the bytes there are not valid UTF-8. */
static size_t utf8_seq(const unsigned char *p, uint32_t *cp)
{
	unsigned char c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf && (p[1] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(c & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	}
	if (c >= 0xe0 && c <= 0xef && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		uint32_t v = ((uint32_t)(c & 0x0f) << 12) |
		             ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);

		if (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*cp = v;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80) {
		uint32_t v = ((uint32_t)(c & 0x07) << 18) |
		             ((uint32_t)(p[1] & 0x3f) << 12) |
		             ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);

		if (v < 0x10000 || v > 0x10ffff)
			return 0;
		*cp = v;
		return 4;
	}
	return 0;
}

static void put_u(colo_buf *out, uint32_t v)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = {'\\', 'u', hex[(v >> 12) & 15], hex[(v >> 8) & 15],
	             hex[(v >> 4) & 15], hex[v & 15]};

	colo_buf_append(out, e, sizeof e);
}

/* Appends s as a JSON string literal.  Runs of plain bytes are copied in
 * one append: this is the writer's hot loop. */
static void put_string(colo_buf *out, const char *s, bool ascii)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	colo_buf_putc(out, '"');
	while (*p) {
		uint32_t cp;
		size_t k;

		if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') {
			p++;
			continue;
		}
		if (*p >= 0x80 && !ascii) {
			k = utf8_seq(p, &cp);
			if (k) {
				p += k;
				continue;
			}
		}
		colo_buf_append(out, (const char *)run, (size_t)(p - run));
		if (*p == '"' || *p == '\\') {
			colo_buf_putc(out, '\\');
			colo_buf_putc(out, (char)*p);
			p++;
		} else if (*p < 0x20) {
			switch (*p) {
			case '\n':
				colo_buf_puts(out, "\\n");
				break;
			case '\t':
				colo_buf_puts(out, "\\t");
				break;
			case '\r':
				colo_buf_puts(out, "\\r");
				break;
			default:
				put_u(out, *p);
			}
			p++;
		} else if ((k = utf8_seq(p, &cp)) == 0) {
			p++; /* invalid byte: dropped */
		} else {
			/* ascii: \u escapes, a surrogate pair above the BMP */
			if (cp >= 0x10000) {
				cp -= 0x10000;
				put_u(out, 0xd800 + (cp >> 10));
				put_u(out, 0xdc00 + (cp & 0x3ff));
			} else {
				put_u(out, cp);
			}
			p += k;
		}
		run = p;
	}
	colo_buf_append(out, (const char *)run, (size_t)(p - run));
	colo_buf_putc(out, '"');
}

static void put_key(colo_buf *out, const char *key)
{
	colo_buf_puts(out, ",\n    \"");
	colo_buf_puts(out, key);
	colo_buf_puts(out, "\": ");
}

static void put_field(colo_buf *out, const char *key, const char *v,
                      bool ascii)
{
	if (!has_text(v))
		return;
	put_key(out, key);
	put_string(out, v, ascii);
}

static void put_names(colo_buf *out, const char *key, const colo_work *w,
                      colo_creator_role role, bool ascii)
{
	bool any = false;

	for (size_t i = 0; i < w->ncreators; i++) {
		const colo_name *n = &w->creators[i].name;
		const char *lit;

		if (w->creators[i].role != role)
			continue;
		lit = has_text(n->literal) ? n->literal
		      : has_text(n->family) ? NULL
		      : has_text(n->given) ? n->given : NULL;
		if (!lit && !has_text(n->family))
			continue;
		if (!any) {
			put_key(out, key);
			colo_buf_putc(out, '[');
		} else {
			colo_buf_putc(out, ',');
		}
		any = true;
		colo_buf_puts(out, "\n      {");
		if (lit) {
			colo_buf_puts(out, "\"literal\": ");
			put_string(out, lit, ascii);
		} else {
			colo_buf_puts(out, "\"family\": ");
			put_string(out, n->family, ascii);
			if (has_text(n->given)) {
				colo_buf_puts(out, ", \"given\": ");
				put_string(out, n->given, ascii);
			}
			if (has_text(n->particle)) {
				colo_buf_puts(out, ", \"non-dropping-particle\": ");
				put_string(out, n->particle, ascii);
			}
			if (has_text(n->suffix)) {
				colo_buf_puts(out, ", \"suffix\": ");
				put_string(out, n->suffix, ascii);
			}
		}
		colo_buf_putc(out, '}');
	}
	if (any)
		colo_buf_puts(out, "\n    ]");
}

static void put_title(colo_buf *out, const colo_work *w, bool ascii)
{
	char *t;

	if (!has_text(w->subtitle) || !has_text(w->title)) {
		put_field(out, "title", has_text(w->title) ? w->title : w->subtitle,
		          ascii);
		return;
	}
	/* CSL has no subtitle variable: "Title: Subtitle", and the short
	 * title is the main title (citeproc's own convention). */
	t = colo_work_title_joined(w);
	put_field(out, "title", t, ascii);
	free(t);
	put_field(out, "title-short", w->title, ascii);
}

/* CSL's `keyword` is one string; Zotero and pandoc separate with ", ". */
static void put_keywords(colo_buf *out, const colo_work *w, bool ascii)
{
	colo_buf k;

	colo_buf_init(&k, 0);
	for (size_t i = 0; i < w->nkeywords; i++) {
		if (!has_text(w->keywords[i]))
			continue;
		if (k.len)
			colo_buf_puts(&k, ", ");
		colo_buf_puts(&k, w->keywords[i]);
	}
	put_field(out, "keyword", colo_buf_cstr(&k), ascii);
	colo_buf_cleanup(&k);
}

static void put_issued(colo_buf *out, const colo_work *w)
{
	if (w->year < 1 || w->year > 9999)
		return;
	put_key(out, "issued");
	colo_buf_printf(out, "{\"date-parts\": [[%d", w->year);
	if (w->month >= 1 && w->month <= 12) {
		colo_buf_printf(out, ", %d", w->month);
		if (w->day >= 1 && w->day <= 31)
			colo_buf_printf(out, ", %d", w->day);
	}
	colo_buf_puts(out, "]]}");
}

bool colo_csljson_write(colo_buf *out, const colo_work *w, bool first,
                        bool ascii, colo_error *err)
{
	colo_buf e;

	if (!w->citekey || !*w->citekey) {
		colo_error_set(err, COLO_EINPUT,
		               "no citation key for '%.80s'",
		               w->title ? w->title : "untitled work");
		return false;
	}
	/* Built aside and appended whole, so a capped buffer never holds
	 * half an item. */
	colo_buf_init(&e, 0);
	if (!first)
		colo_buf_puts(&e, ",\n");
	colo_buf_puts(&e, "  {\n    \"id\": ");
	put_string(&e, w->citekey, ascii);
	put_key(&e, "type");
	put_string(&e, csl_type(w->type), false);
	put_names(&e, "author", w, COLO_ROLE_AUTHOR, ascii);
	put_names(&e, "editor", w, COLO_ROLE_EDITOR, ascii);
	put_names(&e, "translator", w, COLO_ROLE_TRANSLATOR, ascii);
	put_title(&e, w, ascii);
	put_field(&e, "container-title", w->container, ascii);
	put_field(&e, "publisher", w->publisher, ascii);
	put_field(&e, "publisher-place", w->place, ascii);
	put_issued(&e, w);
	put_field(&e, "volume", w->volume, ascii);
	put_field(&e, "issue", w->issue, ascii);
	put_field(&e, "page", w->pages, ascii);
	put_field(&e, "edition", w->edition, ascii);
	put_field(&e, "DOI", w->doi, ascii);
	put_field(&e, "ISBN", w->isbn, ascii);
	put_field(&e, "ISSN", w->issn, ascii);
	put_field(&e, "URL", w->url, ascii);
	put_field(&e, "note", w->note, ascii);
	put_keywords(&e, w, ascii);
	colo_buf_puts(&e, "\n  }");
	if (!colo_buf_append(out, colo_buf_cstr(&e), e.len)) {
		colo_buf_cleanup(&e);
		colo_error_set(err, COLO_EFAIL, "output too large writing item '%s'",
		               w->citekey);
		return false;
	}
	colo_buf_cleanup(&e);
	return true;
}
