/* ris.c - the RIS reader (the tagged format EndNote, Zotero, Mendeley and
 * publishers' "export citation" links write).
 *
 * A record runs from "TY  - " to "ER  - "; every line is "XX  - value" and
 * a line without a tag continues the previous value (long abstracts).
 * Editors stay editors (A2/ED), translators translators (A4), and a
 * chapter's book (T2/BT) becomes its container.  Dates come from PY, Y1 or
 * DA in "YYYY/MM/DD/other" or "YYYY-MM-DD" shape.  A record that is not
 * closed, has a tag before TY, or is not valid UTF-8 is reported with its
 * line and column and skipped.  Keywords are one per KW line, in order,
 * repeats dropped.  Not read: notes' HTML, the database fields (DB, DP,
 * AN). */
#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"
#include "formats_priv.h"

#define MAX_TAGS 4096

typedef struct tagval {
	char tag[3];
	colo_buf val;
} tagval;

typedef struct rec {
	tagval *tags;
	size_t n, cap, used;
	unsigned line, col;
	size_t start;
	bool open;
} rec;

static const struct {
	const char *ris, *csl;
} types[] = {
	{"JOUR", "article-journal"}, {"JFULL", "periodical"},
	{"ABST", "article-journal"}, {"INPR", "article-journal"},
	{"EJOUR", "article-journal"}, {"MGZN", "article-magazine"},
	{"NEWS", "article-newspaper"}, {"BOOK", "book"},
	{"EBOOK", "book"}, {"EDBOOK", "book"}, {"SER", "book"},
	{"CHAP", "chapter"}, {"ECHAP", "chapter"},
	{"CONF", "paper-conference"}, {"CPAPER", "paper-conference"},
	{"THES", "thesis"}, {"RPRT", "report"}, {"GOVDOC", "report"},
	{"ELEC", "webpage"}, {"WEB", "webpage"}, {"BLOG", "post-weblog"},
	{"UNPB", "manuscript"}, {"MANSCPT", "manuscript"},
	{"DATA", "dataset"}, {"PAT", "patent"}, {"COMP", "software"},
	{"MAP", "map"}, {"STAND", "standard"}, {"CASE", "legal_case"},
	{"STAT", "legislation"}, {"BILL", "bill"},
	{"PCOMM", "personal_communication"},
	{"ICOMM", "personal_communication"}, {"ENCYC", "entry-encyclopedia"},
	{"DICT", "entry-dictionary"}, {"GEN", "document"},
};

static const char *csl_type(const char *ris)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(types[i].ris, ris) == 0)
			return types[i].csl;
	return "document";
}

static bool is_tag_line(const char *s, size_t len)
{
	/* "XX  - " (the dash may lack its trailing space at end of line). */
	if (len < 5)
		return false;
	if (!(s[0] >= 'A' && s[0] <= 'Z'))
		return false;
	if (!((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= '0' && s[1] <= '9')))
		return false;
	return s[2] == ' ' && s[3] == ' ' && s[4] == '-' &&
	       (len == 5 || s[5] == ' ');
}

static void rec_reset(rec *r)
{
	for (size_t i = 0; i < r->used; i++)
		colo_buf_reset(&r->tags[i].val);
	r->n = 0;
	r->open = false;
}

static tagval *rec_add(rec *r, const char *tag)
{
	tagval *t;

	if (r->n == r->used) {
		colo_grow((void **)&r->tags, &r->cap, r->n + 1, sizeof *r->tags);
		colo_buf_init(&r->tags[r->n].val, 0);
		r->used++;
	}
	t = &r->tags[r->n++];
	memcpy(t->tag, tag, 2);
	t->tag[2] = '\0';
	colo_buf_reset(&t->val);
	colo_buf_append(&t->val, "", 0);
	return t;
}

static const char *first(const rec *r, const char *tag)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->tags[i].tag, tag) == 0 && r->tags[i].val.len)
			return r->tags[i].val.data;
	return NULL;
}

static void set(char **slot, const char *v)
{
	if (!*slot && v && *v)
		*slot = colo_xstrdup(v);
}

/* Creators in file order: AU/A1 authors, A2/ED editors (of the book, for
 * a chapter), A4 translators. */
/* RIS writes names "Last, First, Suffix" (the spec's order, not
 * BibTeX's "Last, Suffix, First"), and a name with no comma at all is an
 * organisation ("World Health Organization"). */
static void ris_name(const char *s, size_t len, colo_name *out)
{
	const char *c1 = memchr(s, ',', len);
	const char *c2 = c1 ? memchr(c1 + 1, ',', len - (size_t)(c1 + 1 - s)) : NULL;

	if (!c1) {
		size_t tl;
		const char *t = colo_text_trim(s, len, &tl);

		colo_name_init(out);
		if (tl)
			out->literal = colo_xstrndup(t, tl);
		return;
	}
	if (c2) {
		/* "King, Martin Luther, Jr." → "King, Jr., Martin Luther" */
		colo_buf b;

		colo_buf_init(&b, 0);
		colo_buf_append(&b, s, (size_t)(c1 - s));
		colo_buf_puts(&b, ",");
		colo_buf_append(&b, c2 + 1, len - (size_t)(c2 + 1 - s));
		colo_buf_puts(&b, ",");
		colo_buf_append(&b, c1 + 1, (size_t)(c2 - c1 - 1));
		colo_name_parse(b.data, b.len, out);
		colo_buf_cleanup(&b);
		return;
	}
	colo_name_parse(s, len, out);
}

static void add_names(colo_work *w, const rec *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const char *t = r->tags[i].tag;
		colo_creator_role role;
		colo_creator *c;

		if (!r->tags[i].val.len)
			continue;
		if (strcmp(t, "AU") == 0 || strcmp(t, "A1") == 0)
			role = COLO_ROLE_AUTHOR;
		else if (strcmp(t, "A2") == 0 || strcmp(t, "ED") == 0)
			role = COLO_ROLE_EDITOR;
		else if (strcmp(t, "A4") == 0)
			role = COLO_ROLE_TRANSLATOR;
		else
			continue;
		c = colo_work_add_creator(w, role);
		ris_name(r->tags[i].val.data, r->tags[i].val.len, &c->name);
	}
}

static void parse_date(colo_work *w, const char *d)
{
	int part[3] = {0, 0, 0};
	size_t k = 0;

	if (!d)
		return;
	for (const char *p = d; *p && k < 3; p++) {
		if (*p >= '0' && *p <= '9') {
			if (part[k] < 100000)
				part[k] = part[k] * 10 + (*p - '0');
		} else if (*p == '/' || *p == '-') {
			k++;
		} else {
			break;
		}
	}
	if (part[0] > 0 && part[0] < 10000) {
		w->year = part[0];
		w->month = part[1] >= 1 && part[1] <= 12 ? part[1] : 0;
		w->day = w->month && part[2] >= 1 && part[2] <= 31 ? part[2] : 0;
	}
}

static void build(colo_batch *b, const rec *r, size_t end)
{
	long wi = colo_batch_add_work(b);
	colo_work *w = &b->works[wi];
	const char *ty = first(r, "TY");
	const char *sp, *ep, *v;
	bool chapter, journal;

	w->type = colo_xstrdup(csl_type(ty ? ty : "GEN"));
	chapter = strcmp(w->type, "chapter") == 0 ||
	          strcmp(w->type, "paper-conference") == 0 ||
	          strcmp(w->type, "entry-encyclopedia") == 0;
	journal = strncmp(w->type, "article", 7) == 0;
	w->span.start = r->start;
	w->span.end = end;
	set(&w->title, first(r, "TI"));
	set(&w->title, first(r, "T1"));
	if (!chapter && !journal)
		set(&w->title, first(r, "BT"));
	add_names(w, r);
	if (chapter) {
		set(&w->container, first(r, "T2"));
		set(&w->container, first(r, "BT"));
	} else if (journal) {
		set(&w->container, first(r, "JF"));
		set(&w->container, first(r, "T2"));
		set(&w->container, first(r, "JO"));
		set(&w->container, first(r, "JA"));
		set(&w->container, first(r, "J1"));
		set(&w->container, first(r, "J2"));
	} else {
		set(&w->container, first(r, "T2"));
	}
	set(&w->series, first(r, "T3"));
	parse_date(w, first(r, "PY"));
	if (!w->year)
		parse_date(w, first(r, "Y1"));
	if (!w->month && (v = first(r, "DA")) != NULL) {
		colo_work tmp;

		colo_work_init(&tmp);
		parse_date(&tmp, v);
		if (!w->year || tmp.year == w->year) {
			w->year = tmp.year;
			w->month = tmp.month;
			w->day = tmp.day;
		}
	}
	set(&w->volume, first(r, "VL"));
	set(&w->issue, first(r, "IS"));
	sp = first(r, "SP");
	ep = first(r, "EP");
	if (sp && ep) {
		colo_buf pg;

		colo_buf_init(&pg, 0);
		colo_buf_printf(&pg, "%s-%s", sp, ep);
		w->pages = colo_buf_steal(&pg);
	} else {
		set(&w->pages, sp);
	}
	set(&w->publisher, first(r, "PB"));
	set(&w->place, first(r, "CY"));
	set(&w->place, first(r, "PP"));
	set(&w->edition, first(r, "ET"));
	if ((v = first(r, "DO")) != NULL)
		w->doi = colo_import_clean_doi(v, strlen(v));
	if ((v = first(r, "SN")) != NULL) {
		size_t digits = 0;

		for (const char *p = v; *p && *p != ' ' && *p != '('; p++)
			if ((*p >= '0' && *p <= '9') || *p == 'X' || *p == 'x')
				digits++;
		if (digits == 8)
			set(&w->issn, v);
		else if (digits == 10 || digits == 13)
			set(&w->isbn, v);
		else if (journal)
			set(&w->issn, v);
		else
			set(&w->isbn, v);
	}
	set(&w->url, first(r, "UR"));
	set(&w->url, first(r, "L2"));
	set(&w->note, first(r, "N1"));
	set(&w->abstract, first(r, "AB"));
	set(&w->abstract, first(r, "N2"));
	set(&w->language, first(r, "LA"));
	set(&w->genre, first(r, "M3"));
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->tags[i].tag, "KW") == 0)
			colo_work_add_keyword(w, r->tags[i].val.data,
			                      r->tags[i].val.len);
	if ((v = first(r, "ID")) != NULL) {
		colo_buf k;

		colo_buf_init(&k, 0);
		for (const char *p = v; *p; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || strchr("_:./+-", *p))
				colo_buf_putc(&k, *p);
		w->citekey = k.len ? colo_buf_steal(&k) : NULL;
		colo_buf_cleanup(&k);
	}
	if (!w->container && w->doi && strncmp(w->doi, "10.48550/", 9) == 0)
		w->archive = colo_xstrdup("arXiv");
}

static unsigned cols(const char *s, size_t n)
{
	unsigned c = 1;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

bool colo_ris_parse(const char *data, size_t len, colo_batch *out,
                    colo_error *err)
{
	rec r;
	size_t pos = 0;
	unsigned line = 0;
	tagval *last = NULL;
	bool ok = false, skipping = false;

	memset(&r, 0, sizeof r);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t lend = nl ? (size_t)(nl - data) : len, ll;
		const char *l = data + pos;
		colo_error verr;

		line++;
		ll = lend - pos;
		if (ll && l[ll - 1] == '\r')
			ll--;
		if (!colo_text_validate(l, ll, &verr)) {
			colo_batch_diag(out, line, verr.col, "%s%s", verr.message,
			                r.open ? "; record skipped" : "");
			if (r.open) {
				rec_reset(&r);
				skipping = true; /* up to this record's ER */
			}
			last = NULL;
			pos = nl ? lend + 1 : len;
			continue;
		}
		if (skipping) {
			if (is_tag_line(l, ll) && (memcmp(l, "ER", 2) == 0 ||
			                           memcmp(l, "TY", 2) == 0))
				skipping = false;
			if (!is_tag_line(l, ll) || memcmp(l, "TY", 2) != 0) {
				pos = nl ? lend + 1 : len;
				continue;
			}
		}
		if (is_tag_line(l, ll)) {
			char tag[3] = {l[0], l[1], '\0'};
			size_t vs = ll > 6 ? 6 : ll;
			size_t vl;
			const char *v = colo_text_trim(l + vs, ll - vs, &vl);

			if (strcmp(tag, "TY") == 0) {
				if (r.open)
					colo_batch_diag(out, r.line, r.col,
					                "record is not closed with ER before "
					                "the next TY; skipped");
				rec_reset(&r);
				r.open = true;
				r.line = line;
				r.col = 1;
				r.start = pos;
			} else if (!r.open) {
				colo_batch_diag(out, line, 1,
				                "tag %s outside a record (missing TY)", tag);
				last = NULL;
				pos = nl ? lend + 1 : len;
				continue;
			}
			if (strcmp(tag, "ER") == 0) {
				if (first(&r, "TI") || first(&r, "T1") || first(&r, "BT") ||
				    first(&r, "DO"))
					build(out, &r, lend);
				else
					colo_batch_diag(out, r.line, r.col,
					                "record has no title (TI, T1 or BT); "
					                "skipped");
				rec_reset(&r);
				last = NULL;
			} else if (r.n >= MAX_TAGS) {
				colo_batch_diag(out, line, 1,
				                "record has too many tags; skipped");
				rec_reset(&r);
				last = NULL;
			} else {
				last = rec_add(&r, tag);
				colo_buf_append(&last->val, v, vl);
			}
		} else {
			size_t vl;
			const char *v = colo_text_trim(l, ll, &vl);

			if (vl && last) {
				colo_buf_putc(&last->val, ' ');
				colo_buf_append(&last->val, v, vl);
			} else if (vl && r.open) {
				colo_batch_diag(out, line, cols(l, (size_t)(v - l)),
				                "line is not 'TAG  - value'; record "
				                "skipped");
				rec_reset(&r);
				skipping = true;
			}
		}
		pos = nl ? lend + 1 : len;
	}
	if (r.open)
		colo_batch_diag(out, r.line, r.col,
		                "record is not closed with ER; skipped");
	if (out->nworks == 0) {
		if (out->ndiags)
			colo_error_set_at(err, COLO_EINPUT, out->diags[0].line,
			                  out->diags[0].col, "%s; no record could be read",
			                  out->diags[0].message);
		else
			colo_error_set(err, COLO_EINPUT, "no RIS records found");
		goto done;
	}
	ok = true;
done:
	for (size_t i = 0; i < r.used; i++)
		colo_buf_cleanup(&r.tags[i].val);
	free(r.tags);
	return ok;
}

int colo_ris_sniff(const char *data, size_t len)
{
	size_t probe = len < 65536 ? len : 65536, pos = 0;

	if (probe >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < probe) {
		const char *nl = memchr(data + pos, '\n', probe - pos);
		size_t lend = nl ? (size_t)(nl - data) : probe;

		if (lend - pos >= 5 && memcmp(data + pos, "TY  -", 5) == 0)
			return 95;
		pos = lend + 1;
	}
	return 0;
}
