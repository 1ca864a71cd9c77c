/* refs.c - the reference importer: a publication list or bibliography
 * (plain text, Markdown or HTML) into works.
 *
 * Three steps, each in its own file: split.c cuts the input into
 * references, label.c (the labeller) marks each one's fields, fields.c
 * reads the marked pieces into a work.  This file joins them: it turns
 * HTML into text first, keeps every work's span pointing at the input's
 * own bytes, reports a reference it cannot read (line and column) and
 * moves on, and links the creators that name the list's owner
 * (--author) to one person.  It never touches the store. */
#include <stdlib.h>
#include <string.h>

#include "../bio_priv.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/refs.h"
#include "refs_priv.h"

/* More diagnostics than this are only counted. */
#define MAX_DIAGS 200

static bool has_tag(const char *data, size_t len)
{
	static const char *const tags[] = {"<li", "<ul", "<ol", "<LI", "<UL",
	                                   "<OL", "<p>", "<P>", NULL};
	size_t probe = len < 65536 ? len : 65536;

	if (colo_bio_is_html(data, len))
		return true;
	for (size_t i = 0; i + 3 <= probe; i++) {
		if (data[i] != '<')
			continue;
		for (size_t k = 0; tags[k]; k++)
			if (i + strlen(tags[k]) <= probe &&
			    memcmp(data + i, tags[k], strlen(tags[k])) == 0)
				return true;
	}
	return false;
}

/* The HTML reader writes <i>, <em> and <cite> as curly quotes (for the
 * bio importer, a title in italics is a quoted title).  In a reference
 * list italics mark journals and books as often as titles, so those
 * quotes are taken out again: a byte made from a tag is dropped. */
static void drop_tag_quotes(const char *data, colo_bio_html *h)
{
	size_t o = 0;

	for (size_t i = 0; i < h->len; i++) {
		if (h->to[i] > h->from[i] && data[h->from[i]] == '<')
			continue;
		h->text[o] = h->text[i];
		h->from[o] = h->from[i];
		h->to[o] = h->to[i];
		o++;
	}
	h->from[o] = h->from[h->len];
	h->to[o] = h->to[h->len];
	h->text[o] = '\0';
	h->len = o;
}

/* Line and column of byte `at`, counting on from a previous answer, so
 * positions asked for in order cost one pass over the input. */
typedef struct linepos {
	const char *data;
	size_t at;
	unsigned line, col;
} linepos;

static void linepos_to(linepos *lp, size_t at)
{
	if (at < lp->at) {
		lp->at = 0;
		lp->line = lp->col = 1;
	}
	for (; lp->at < at; lp->at++) {
		if (lp->data[lp->at] == '\n') {
			lp->line++;
			lp->col = 1;
		} else {
			lp->col++;
		}
	}
}

typedef struct linker {
	colo_name name; /* the --author name */
	char *display;
	long person;    /* its person in the batch, -1 until a creator matches */
} linker;

static long author_person(linker *lk, colo_batch *b)
{
	if (lk->person < 0) {
		colo_person *p;

		lk->person = colo_batch_add_person(b);
		p = &b->people[lk->person];
		colo_name_copy(&p->name, &lk->name);
		colo_person_add_variant(p, lk->display);
	}
	return lk->person;
}

/* Links the creators that name the list's owner to one person.  A
 * reference that names nobody ("Grounded (University Press of Kentucky,
 * 2014)" in a CV) is the owner's own: they become its author (its
 * editor under "Edited Volumes"). */
static void link_author(linker *lk, colo_batch *b, colo_work *w,
                        colo_refs_hint hint)
{
	if (!w->ncreators) {
		colo_creator *c = colo_work_add_creator(
			w, hint.edited ? COLO_ROLE_EDITOR : COLO_ROLE_AUTHOR);

		colo_name_copy(&c->name, &lk->name);
		c->person = author_person(lk, b);
		return;
	}
	for (size_t i = 0; i < w->ncreators; i++) {
		colo_creator *c = &w->creators[i];
		char *shown;

		if (!c->name.family || c->person >= 0 ||
		    !colo_name_matches(&c->name, &lk->name))
			continue;
		c->person = author_person(lk, b);
		shown = colo_name_display(&c->name);
		colo_person_add_variant(&b->people[lk->person], shown);
		free(shown);
	}
}

static void diag(colo_batch *b, unsigned line, unsigned col, const char *msg,
                 long number)
{
	if (b->ndiags >= MAX_DIAGS) {
		b->skipped++;
		return;
	}
	if (number >= 0)
		colo_batch_diag(b, line, col, "reference [%ld] skipped: %s", number, msg);
	else
		colo_batch_diag(b, line, col, "reference skipped: %s", msg);
}

bool colo_refs_parse_opts(const char *data, size_t len,
                          const colo_refs_opts *opts, colo_batch *out,
                          colo_error *err)
{
	const colo_ref_model *model;
	colo_bio_html html = {NULL, 0, NULL, NULL};
	bool is_html = has_tag(data, len);
	const char *text = data;
	size_t tlen = len;
	colo_refs_list list = {NULL, 0, 0, 0};
	linker lk;
	linepos lp = {data, 0, 1, 1};
	colo_ref_segment *segs = NULL;
	size_t nsegs = 0;
	unsigned first_line = 0, first_col = 0;
	const char *first_why = NULL;
	bool ok = false;

	colo_name_init(&lk.name);
	lk.display = NULL;
	lk.person = -1;
	model = colo_ref_model_default(err);
	if (!model)
		return false;
	if (opts && opts->author && *opts->author) {
		char *hon = NULL;
		size_t skip = colo_name_split_honorific(opts->author,
		                                        strlen(opts->author), &hon);

		free(hon);
		colo_name_parse(opts->author + skip, strlen(opts->author + skip),
		                &lk.name);
		lk.display = colo_name_display(&lk.name);
	}
	if (is_html) {
		colo_bio_html_strip(data, len, &html);
		drop_tag_quotes(data, &html);
		text = html.text;
		tlen = html.len;
	}
	colo_refs_split(text, tlen, opts && opts->lines, &list);
	for (size_t i = 0; i < list.n; i++) {
		colo_refs_entry *e = &list.items[i];
		colo_span sp = {e->start, e->end};
		unsigned line = e->line, col = e->col;
		colo_error lerr;
		const char *why = NULL;
		colo_work w;
		long idx;

		if (is_html) {
			/* the reference's bytes in the page, and their position */
			sp.start = html.from[e->start];
			sp.end = e->end > e->start ? html.to[e->end - 1] : sp.start;
			linepos_to(&lp, sp.start);
			line = lp.line;
			col = lp.col;
		}
		if (!first_line) {
			first_line = line;
			first_col = col;
		}
		if (e->len > COLO_REFS_MAX_REF_BYTES) {
			diag(out, line, col, "longer than any reference (over 64 KiB)",
			     e->number);
			if (!first_why)
				first_why = "longer than any reference";
			continue;
		}
		colo_error_clear(&lerr);
		free(segs);
		segs = NULL;
		if (!colo_ref_label_string(model, e->text, e->len, &segs, &nsegs, &lerr)) {
			diag(out, line, col, lerr.message, e->number);
			if (!first_why)
				first_why = "not valid UTF-8";
			continue;
		}
		colo_work_init(&w);
		if (!colo_refs_make_work(e->text, e->len, segs, nsegs, e->hint, &w, &why)) {
			diag(out, line, col, why, e->number);
			if (!first_why)
				first_why = why;
			colo_work_cleanup(&w);
			continue;
		}
		w.span = sp;
		if (lk.display)
			link_author(&lk, out, &w, e->hint);
		idx = colo_batch_add_work(out);
		out->works[idx] = w;
	}
	if (out->nworks > 0) {
		ok = true;
	} else if (!list.n) {
		colo_error_set_at(err, COLO_EINPUT, 1, 1,
		                  "no references found (%s)",
		                  list.headings ? "only headings" : "empty input");
	} else {
		colo_error_set_at(err, COLO_EINPUT, first_line, first_col,
		                  "nothing that looks like a reference: %s",
		                  first_why ? first_why : "no title found");
	}
	free(segs);
	colo_refs_list_cleanup(&list);
	colo_bio_html_cleanup(&html);
	colo_name_cleanup(&lk.name);
	free(lk.display);
	return ok;
}

bool colo_refs_parse(const char *data, size_t len, colo_batch *out,
                     colo_error *err)
{
	return colo_refs_parse_opts(data, len, NULL, out, err);
}

/* Reference lists are ordinary text, so the user names the kind; only
 * a list that is plainly numbered or bulleted references ("[1] ...,
 * 2014." on most lines) scores, and then below the bio importer's
 * phrases (40) so no input another reader recognised changes hands. */
int colo_refs_sniff(const char *data, size_t len)
{
	size_t probe = len < 65536 ? len : 65536, lines = 0, refs = 0;
	size_t p = 0;

	while (p < probe && lines < 400) {
		const char *nl = memchr(data + p, '\n', probe - p);
		size_t e = nl ? (size_t)(nl - data) : probe, q = p;
		bool year = false;

		while (q < e && (data[q] == ' ' || data[q] == '\t'))
			q++;
		if (q < e) {
			lines++;
			for (size_t k = q; k + 4 <= e && !year; k++)
				year = (data[k] == '1' || data[k] == '2') &&
				       (k == q || !(data[k - 1] >= '0' && data[k - 1] <= '9')) &&
				       data[k + 1] >= '0' && data[k + 1] <= '9' &&
				       data[k + 2] >= '0' && data[k + 2] <= '9' &&
				       data[k + 3] >= '0' && data[k + 3] <= '9';
			if (year && data[q] == '[' && q + 1 < e && data[q + 1] >= '0' &&
			    data[q + 1] <= '9')
				refs++;
		}
		p = nl ? e + 1 : probe;
	}
	if (lines >= 3 && refs * 4 >= lines * 3)
		return 30;
	return 5;
}
