/* render.c - text and JSON renderings shared by the commands (the shapes
 * are documented in docs/OUTPUT.md; scripts depend on the JSON ones). */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"

char *colo_render_full_title(const colo_work *w)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_puts(&b, w->title ? w->title : "(untitled)");
	if (w->subtitle && *w->subtitle)
		colo_buf_printf(&b, ": %s", w->subtitle);
	return colo_buf_steal(&b);
}

static void span_json(colo_json *j, colo_span s)
{
	if (!s.end)
		return;
	colo_json_key(j, "span");
	colo_json_begin_array(j);
	colo_json_int(j, (long long)s.start);
	colo_json_int(j, (long long)s.end);
	colo_json_end_array(j);
}

/* "The Diplomat (APAC)" for a venue with an edition. */
static char *venue_label(const colo_venue *v)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_puts(&b, v->name ? v->name : "");
	if (v->edition)
		colo_buf_printf(&b, " (%s)", v->edition);
	return colo_buf_steal(&b);
}

static void name_json(colo_json *j, const colo_name *n)
{
	char *display = colo_name_display(n);

	colo_json_kv_str(j, "name", *display ? display : NULL);
	colo_json_kv_str(j, "given", n->given);
	colo_json_kv_str(j, "family", n->family);
	colo_json_kv_str(j, "particle", n->particle);
	colo_json_kv_str(j, "suffix", n->suffix);
	colo_json_kv_str(j, "literal", n->literal);
	free(display);
}

static void person_books_json(colo_json *j, const colo_batch *b, long pi)
{
	colo_json_key(j, "books");
	colo_json_begin_array(j);
	for (size_t i = 0; i < b->nworks; i++) {
		const colo_work *w = &b->works[i];
		const colo_creator *mine = NULL;

		for (size_t c = 0; c < w->ncreators && !mine; c++)
			if (w->creators[c].person == pi)
				mine = &w->creators[c];
		if (!mine || !w->type || strcmp(w->type, "book") != 0)
			continue;
		colo_json_begin_object(j);
		colo_json_kv_str(j, "title", w->title);
		colo_json_key(j, "subtitle");
		colo_json_string(j, w->subtitle);
		colo_json_key(j, "publisher");
		colo_json_string(j, w->publisher);
		colo_json_key(j, "year");
		if (w->year)
			colo_json_int(j, w->year);
		else
			colo_json_null(j);
		colo_json_kv_str(j, "role", colo_creator_role_name(mine->role));
		colo_json_key(j, "coauthors");
		colo_json_begin_array(j);
		for (size_t c = 0; c < w->ncreators; c++) {
			char *d;

			if (&w->creators[c] == mine)
				continue;
			d = colo_name_display(&w->creators[c].name);
			colo_json_string(j, d);
			free(d);
		}
		colo_json_end_array(j);
		span_json(j, w->span);
		colo_json_end_object(j);
	}
	colo_json_end_array(j);
}

static void person_periodicals_json(colo_json *j, const colo_batch *b, long pi)
{
	colo_json_key(j, "periodicals");
	colo_json_begin_array(j);
	for (size_t i = 0; i < b->nlinks; i++) {
		const colo_link *l = &b->links[i];
		char *label;

		if (l->from_kind != COLO_KIND_PERSON || l->from != pi ||
		    l->to_kind != COLO_KIND_VENUE ||
		    strcmp(l->relation, "writes-for") != 0 || l->to < 0 ||
		    (size_t)l->to >= b->nvenues)
			continue;
		label = venue_label(&b->venues[l->to]);
		colo_json_string(j, label);
		free(label);
	}
	colo_json_end_array(j);
}

static void person_json(colo_json *j, const colo_batch *b, long pi)
{
	const colo_person *p = &b->people[pi];

	colo_json_begin_object(j);
	name_json(j, &p->name);
	colo_json_key(j, "honorific");
	colo_json_string(j, p->honorific);
	colo_json_kv_str(j, "orcid", p->orcid);
	span_json(j, p->span);
	colo_json_key(j, "degrees");
	colo_json_begin_array(j);
	for (size_t i = 0; i < p->ndegrees; i++) {
		const colo_degree *d = &p->degrees[i];

		colo_json_begin_object(j);
		colo_json_kv_str(j, "degree", d->degree);
		colo_json_kv_str(j, "degree_norm", d->degree_norm);
		colo_json_key(j, "field");
		colo_json_string(j, d->field);
		colo_json_key(j, "institution");
		colo_json_string(j, d->institution);
		colo_json_key(j, "year");
		if (d->year)
			colo_json_int(j, d->year);
		else
			colo_json_null(j);
		span_json(j, d->span);
		colo_json_end_object(j);
	}
	colo_json_end_array(j);
	colo_json_key(j, "affiliations");
	colo_json_begin_array(j);
	for (size_t i = 0; i < p->naffiliations; i++) {
		const colo_affiliation *a = &p->affiliations[i];

		colo_json_begin_object(j);
		colo_json_kv_str(j, "org", a->org);
		colo_json_key(j, "role");
		colo_json_string(j, a->role);
		colo_json_key(j, "since");
		if (a->from)
			colo_json_int(j, a->from);
		else
			colo_json_null(j);
		colo_json_key(j, "until");
		if (a->to)
			colo_json_int(j, a->to);
		else
			colo_json_null(j);
		colo_json_key(j, "current");
		colo_json_bool(j, a->current);
		span_json(j, a->span);
		colo_json_end_object(j);
	}
	colo_json_end_array(j);
	person_books_json(j, b, pi);
	person_periodicals_json(j, b, pi);
	colo_json_key(j, "roles");
	colo_json_begin_array(j);
	for (size_t i = 0; i < p->nroles; i++) {
		colo_json_begin_object(j);
		colo_json_kv_str(j, "role", p->roles[i].role);
		colo_json_kv_str(j, "org", p->roles[i].org);
		span_json(j, p->roles[i].span);
		colo_json_end_object(j);
	}
	colo_json_end_array(j);
	colo_json_end_object(j);
}

static const char *kind_name(colo_kind k)
{
	switch (k) {
	case COLO_KIND_PERSON: return "person";
	case COLO_KIND_WORK: return "work";
	default: return "venue";
	}
}

void colo_render_batch_json(colo_buf *out, const colo_batch *b)
{
	colo_json j;

	colo_json_init(&j, out, true);
	colo_json_begin_object(&j);
	colo_json_key(&j, "source");
	colo_json_begin_object(&j);
	colo_json_kv_str(&j, "id", b->source.id);
	colo_json_kv_str(&j, "kind", b->source.kind);
	colo_json_kv_str(&j, "origin", b->source.origin);
	colo_json_end_object(&j);
	colo_json_key(&j, "people");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < b->npeople; i++)
		person_json(&j, b, (long)i);
	colo_json_end_array(&j);
	colo_json_key(&j, "works");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < b->nworks; i++)
		colo_render_work_json(&j, &b->works[i]);
	colo_json_end_array(&j);
	colo_json_key(&j, "venues");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < b->nvenues; i++) {
		const colo_venue *v = &b->venues[i];

		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "name", v->name);
		colo_json_kv_str(&j, "kind", v->kind);
		colo_json_kv_str(&j, "edition", v->edition);
		colo_json_kv_str(&j, "key", v->key);
		span_json(&j, v->span);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "links");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < b->nlinks; i++) {
		const colo_link *l = &b->links[i];

		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "from_kind", kind_name(l->from_kind));
		colo_json_key(&j, "from");
		colo_json_int(&j, l->from);
		colo_json_kv_str(&j, "relation", l->relation);
		colo_json_kv_str(&j, "role", l->role);
		colo_json_kv_str(&j, "to_kind", kind_name(l->to_kind));
		colo_json_key(&j, "to");
		colo_json_int(&j, l->to);
		span_json(&j, l->span);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "skipped");
	colo_json_int(&j, (long long)b->skipped);
	colo_json_key(&j, "diagnostics");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < b->ndiags; i++) {
		colo_json_begin_object(&j);
		colo_json_key(&j, "line");
		colo_json_int(&j, b->diags[i].line);
		colo_json_key(&j, "col");
		colo_json_int(&j, b->diags[i].col);
		colo_json_kv_str(&j, "message", b->diags[i].message);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_end_object(&j);
}

void colo_render_work_json(colo_json *j, const colo_work *w)
{
	colo_json_begin_object(j);
	colo_json_kv_str(j, "id", w->id);
	colo_json_kv_str(j, "citation-key", w->citekey);
	colo_json_kv_str(j, "type", w->type);
	colo_json_kv_str(j, "title", w->title);
	colo_json_kv_str(j, "subtitle", w->subtitle);
	for (int role = 0; role < 3; role++) {
		bool any = false;

		for (size_t i = 0; i < w->ncreators; i++) {
			const colo_creator *c = &w->creators[i];

			if ((int)c->role != role)
				continue;
			if (!any) {
				colo_json_key(j, colo_creator_role_name(c->role));
				colo_json_begin_array(j);
				any = true;
			}
			colo_json_begin_object(j);
			colo_json_kv_str(j, "family", c->name.family);
			colo_json_kv_str(j, "given", c->name.given);
			colo_json_kv_str(j, "non-dropping-particle", c->name.particle);
			colo_json_kv_str(j, "suffix", c->name.suffix);
			colo_json_kv_str(j, "literal", c->name.literal);
			colo_json_end_object(j);
		}
		if (any)
			colo_json_end_array(j);
	}
	if (w->year) {
		colo_json_key(j, "issued");
		colo_json_begin_object(j);
		colo_json_key(j, "date-parts");
		colo_json_begin_array(j);
		colo_json_begin_array(j);
		colo_json_int(j, w->year);
		if (w->month)
			colo_json_int(j, w->month);
		if (w->month && w->day)
			colo_json_int(j, w->day);
		colo_json_end_array(j);
		colo_json_end_array(j);
		colo_json_end_object(j);
	}
	colo_json_kv_str(j, "publisher", w->publisher);
	colo_json_kv_str(j, "publisher-place", w->place);
	colo_json_kv_str(j, "container-title", w->container);
	colo_json_kv_str(j, "volume", w->volume);
	colo_json_kv_str(j, "issue", w->issue);
	colo_json_kv_str(j, "page", w->pages);
	colo_json_kv_str(j, "edition", w->edition);
	colo_json_kv_str(j, "DOI", w->doi);
	colo_json_kv_str(j, "ISBN", w->isbn);
	colo_json_kv_str(j, "ISSN", w->issn);
	colo_json_kv_str(j, "URL", w->url);
	colo_json_kv_str(j, "note", w->note);
	colo_json_end_object(j);
}

void colo_render_batch_text(colo_buf *out, const colo_batch *b)
{
	for (size_t pi = 0; pi < b->npeople; pi++) {
		const colo_person *p = &b->people[pi];
		char *name = colo_name_display(&p->name);

		colo_buf_printf(out, "person       %s%s%s\n",
		                p->honorific ? p->honorific : "",
		                p->honorific ? " " : "",
		                *name ? name : "(name not stated)");
		free(name);
		for (size_t i = 0; i < p->ndegrees; i++) {
			const colo_degree *d = &p->degrees[i];

			colo_buf_printf(out, "  degree       %s", d->degree);
			if (d->field)
				colo_buf_printf(out, " in %s", d->field);
			if (d->institution)
				colo_buf_printf(out, ", %s", d->institution);
			if (d->year)
				colo_buf_printf(out, ", %d", d->year);
			colo_buf_putc(out, '\n');
		}
		for (size_t i = 0; i < p->naffiliations; i++) {
			const colo_affiliation *a = &p->affiliations[i];

			colo_buf_printf(out, "  affiliation  %s", a->org);
			if (a->role)
				colo_buf_printf(out, " (%s)", a->role);
			if (a->from)
				colo_buf_printf(out, " %s %d", a->to ? "from" : "since",
				                a->from);
			if (a->to)
				colo_buf_printf(out, " to %d", a->to);
			colo_buf_putc(out, '\n');
		}
		for (size_t wi = 0; wi < b->nworks; wi++) {
			const colo_work *w = &b->works[wi];
			const colo_creator *mine = NULL;
			char *title;

			for (size_t c = 0; c < w->ncreators && !mine; c++)
				if (w->creators[c].person == (long)pi)
					mine = &w->creators[c];
			if (!mine)
				continue;
			title = colo_render_full_title(w);
			colo_buf_printf(out, "  %-12s %s", mine->role == COLO_ROLE_EDITOR
			                                       ? "edited"
			                                       : w->type ? w->type : "work",
			                title);
			free(title);
			if (w->publisher || w->year) {
				colo_buf_puts(out, " (");
				if (w->publisher)
					colo_buf_puts(out, w->publisher);
				if (w->publisher && w->year)
					colo_buf_puts(out, ", ");
				if (w->year)
					colo_buf_printf(out, "%d", w->year);
				colo_buf_putc(out, ')');
			}
			colo_buf_putc(out, '\n');
		}
		for (size_t i = 0; i < b->nlinks; i++) {
			const colo_link *l = &b->links[i];
			char *label;

			if (l->from_kind != COLO_KIND_PERSON || l->from != (long)pi ||
			    l->to_kind != COLO_KIND_VENUE || l->to < 0)
				continue;
			label = venue_label(&b->venues[l->to]);
			colo_buf_printf(out, "  %-12s %s%s%s\n", l->relation, label,
			                l->role ? ", " : "", l->role ? l->role : "");
			free(label);
		}
	}
	colo_buf_printf(out,
	                "would store %zu %s, %zu %s, %zu %s, %zu %s\n",
	                b->npeople, b->npeople == 1 ? "person" : "people",
	                b->nworks, b->nworks == 1 ? "work" : "works", b->nvenues,
	                b->nvenues == 1 ? "venue" : "venues", b->nlinks,
	                b->nlinks == 1 ? "link" : "links");
}
