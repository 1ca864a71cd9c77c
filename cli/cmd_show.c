/* cmd_show.c - `colophon show ID|KEY|NAME`: one stored record and where
 * each of its values came from.
 *
 * For every value (a person's name, degrees, affiliations, roles; a
 * work's title; each link) it prints the evidence the store keeps:
 * the source's origin and byte span, and the quoted bytes of that span
 * when the origin is a file that still exists with the same hash (the
 * store keeps no source text for bios).  Rendering only: the lookups are
 * core/store_show.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/hash.h"
#include "colophon/json.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/store_show.h"
#include "render.h"

#define MAX_SOURCE_BYTES (64u * 1024u * 1024u)
#define MAX_QUOTE 200

static const colo_opt show_opts[] = {
	{"json", 0, COLO_OPT_FLAG, NULL, "print the record and its evidence as JSON"},
	{0},
};

const colo_cmdspec cmd_show_spec = {
	"show",
	"show ID|KEY|NAME [--json]",
	"Show one stored person or work with the evidence for each value.\n"
	"ID is a record id; KEY a citation key, dedup key or DOI; NAME a\n"
	"person's name (\"Robert Farley\", \"Farley\") or a work's title.",
	"Each value is followed by its evidence: ORIGIN:START-END (a byte\n"
	"range of the imported source) and the quoted text of that range when\n"
	"ORIGIN is a file that still holds the same bytes (same sha256).\n"
	"Several matching records: the command lists their ids and fails.\n",
	show_opts,
};

/* The text of each source, when its origin still holds the same bytes. */
typedef struct texts {
	const colo_shown *r;
	colo_buf *bufs; /* one per r->sources entry */
	bool *have;
} texts;

static void texts_load(texts *t, const colo_shown *r)
{
	t->r = r;
	t->bufs = colo_xcalloc(r->nsources ? r->nsources : 1, sizeof *t->bufs);
	t->have = colo_xcalloc(r->nsources ? r->nsources : 1, sizeof *t->have);
	for (size_t i = 0; i < r->nsources; i++) {
		const colo_shown_source *s = &r->sources[i];
		char id[COLO_SOURCE_ID_LEN];
		colo_error err;

		colo_buf_init(&t->bufs[i], 0);
		colo_error_clear(&err);
		if (!s->origin || strcmp(s->origin, "-") == 0 ||
		    strstr(s->origin, "://") ||
		    !colo_read_input(s->origin, MAX_SOURCE_BYTES, &t->bufs[i], &err))
			continue;
		colo_source_id(t->bufs[i].data ? t->bufs[i].data : "", t->bufs[i].len, id);
		t->have[i] = strcmp(id, s->id) == 0;
	}
}

static void texts_cleanup(texts *t)
{
	for (size_t i = 0; i < t->r->nsources; i++)
		colo_buf_cleanup(&t->bufs[i]);
	free(t->bufs);
	free(t->have);
}

static const colo_shown_source *source_of(const texts *t, const char *id,
                                          size_t *index)
{
	for (size_t i = 0; id && i < t->r->nsources; i++)
		if (strcmp(t->r->sources[i].id, id) == 0) {
			*index = i;
			return &t->r->sources[i];
		}
	return NULL;
}

/* The span's bytes with white space squashed, cut at MAX_QUOTE bytes (on
 * a character boundary); NULL when the text is not at hand.  Caller
 * frees. */
static char *quote(const texts *t, const colo_evidence *e)
{
	size_t i, n;
	colo_buf b;
	bool space = false;

	if (!source_of(t, e->source, &i) || !t->have[i] || e->end <= e->start ||
	    e->end > t->bufs[i].len)
		return NULL;
	colo_buf_init(&b, 0);
	n = e->end - e->start;
	for (size_t k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)t->bufs[i].data[e->start + k];

		if (b.len >= MAX_QUOTE && (ch & 0xC0) != 0x80) {
			colo_buf_puts(&b, "\xe2\x80\xa6");
			break;
		}
		if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			colo_buf_putc(&b, ' ');
		space = false;
		colo_buf_putc(&b, (char)ch);
	}
	return colo_buf_steal(&b);
}

/* ---- the values a record shows ----------------------------------------- */

typedef struct value {
	const char *label; /* "name", "degree", ... */
	char *path;        /* evidence path it answers to */
	char *text;
} value;

typedef struct values {
	value *v;
	size_t n, cap;
} values;

static void value_add(values *vs, const char *label, const char *path_field,
                      const char *path_what, char *text)
{
	colo_buf p;
	value *v;

	colo_grow((void **)&vs->v, &vs->cap, vs->n + 1, sizeof *vs->v);
	v = &vs->v[vs->n++];
	colo_buf_init(&p, 0);
	colo_buf_puts(&p, path_field);
	if (path_what && *path_what)
		colo_buf_printf(&p, "/%s", path_what);
	v->label = label;
	v->path = colo_buf_steal(&p);
	v->text = text;
}

static void values_free(values *vs)
{
	for (size_t i = 0; i < vs->n; i++) {
		free(vs->v[i].path);
		free(vs->v[i].text);
	}
	free(vs->v);
}

/* "a, b, c" of the non-empty parts. */
static char *join(const char *const *parts, size_t n)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		if (parts[i] && *parts[i]) {
			if (b.len)
				colo_buf_puts(&b, ", ");
			colo_buf_puts(&b, parts[i]);
		}
	return colo_buf_steal(&b);
}

static void person_values(const colo_person *p, values *vs)
{
	char *display = colo_name_display(&p->name);

	value_add(vs, "name", "name", NULL,
	          colo_xstrdup(display ? display : p->name.literal ? p->name.literal : ""));
	free(display);
	if (p->honorific)
		value_add(vs, "honorific", "honorific", NULL, colo_xstrdup(p->honorific));
	for (size_t i = 0; i < p->ndegrees; i++) {
		const colo_degree *d = &p->degrees[i];
		char year[16] = "";
		const char *name = d->degree_norm ? d->degree_norm : d->degree;
		const char *parts[3];
		colo_buf wb;
		char *what;

		colo_buf_init(&wb, 0);
		colo_buf_puts(&wb, name ? name : "degree");
		if (d->field)
			colo_buf_printf(&wb, " in %s", d->field);
		what = colo_buf_steal(&wb);

		if (d->year)
			snprintf(year, sizeof year, "%d", d->year);
		parts[0] = what;
		parts[1] = d->institution;
		parts[2] = year;
		value_add(vs, "degree", "degrees", name, join(parts, 3));
		free(what);
	}
	for (size_t i = 0; i < p->naffiliations; i++) {
		const colo_affiliation *a = &p->affiliations[i];
		char years[40] = "";
		const char *parts[3];

		if (a->from && a->to)
			snprintf(years, sizeof years, "%d-%d", a->from, a->to);
		else if (a->from)
			snprintf(years, sizeof years, "%s %d", a->current ? "since" : "from",
			         a->from);
		else if (a->to)
			snprintf(years, sizeof years, "until %d", a->to);
		parts[0] = a->role;
		parts[1] = a->org;
		parts[2] = years;
		value_add(vs, "affiliation", "affiliations", a->org, join(parts, 3));
	}
	for (size_t i = 0; i < p->nroles; i++) {
		const char *parts[2] = {p->roles[i].role, p->roles[i].org};

		value_add(vs, "role", "roles", p->roles[i].role, join(parts, 2));
	}
}

static void work_values(const colo_work *w, values *vs)
{
	char year[16] = "";
	const char *parts[3];

	if (w->year)
		snprintf(year, sizeof year, "%d", w->year);
	value_add(vs, "title", "work", NULL, colo_render_full_title(w));
	for (size_t i = 0; i < w->ncreators; i++) {
		char *n = colo_name_display(&w->creators[i].name);

		value_add(vs, colo_creator_role_name(w->creators[i].role), "creator", NULL,
		          n ? n : colo_xstrdup(w->creators[i].name.literal
		                                   ? w->creators[i].name.literal : ""));
	}
	parts[0] = w->type;
	parts[1] = w->publisher ? w->publisher : w->container;
	parts[2] = year;
	value_add(vs, "published", "published", NULL, join(parts, 3));
	if (w->citekey)
		value_add(vs, "citekey", "citekey", NULL, colo_xstrdup(w->citekey));
}

/* Evidence paths no value answered to (a value since removed, a path
 * this version does not show) still get a line. */
static void orphan_values(const colo_evidence_list *ev, values *vs)
{
	for (size_t i = 0; i < ev->n; i++) {
		bool found = false;

		for (size_t j = 0; j < vs->n && !found; j++)
			found = ev->items[i].path && strcmp(vs->v[j].path, ev->items[i].path) == 0;
		if (!found && ev->items[i].path)
			value_add(vs, "evidence", ev->items[i].path, NULL,
			          colo_xstrdup(ev->items[i].path));
	}
}

static const char *kind_name(colo_kind k)
{
	return k == COLO_KIND_PERSON ? "person" : k == COLO_KIND_WORK ? "work" : "venue";
}

/* ---- text ------------------------------------------------------------- */

static void text_evidence(colo_buf *out, const texts *t, const colo_evidence *e)
{
	size_t i;
	const colo_shown_source *s = source_of(t, e->source, &i);
	char *q = quote(t, e);

	colo_buf_printf(out, "      %s:%zu-%zu", s && s->origin ? s->origin : e->source,
	                e->start, e->end);
	if (q)
		colo_buf_printf(out, " \"%s\"", q);
	else
		colo_buf_puts(out, " (text not available)");
	colo_buf_putc(out, '\n');
	free(q);
}

static void render_text(colo_buf *out, const colo_shown *r, const values *vs,
                        const texts *t)
{
	const char *id = r->kind == COLO_KIND_PERSON ? r->person.id : r->work.id;
	const char *key = r->kind == COLO_KIND_PERSON ? r->person.key : r->work.key;

	colo_buf_printf(out, "%s %s", kind_name(r->kind), id ? id : "?");
	if (key && (!id || strcmp(key, id) != 0))
		colo_buf_printf(out, " (key %s)", key);
	colo_buf_putc(out, '\n');
	for (size_t i = 0; i < vs->n; i++) {
		colo_buf_printf(out, "  %-12s %s\n", vs->v[i].label, vs->v[i].text);
		for (size_t j = 0; j < r->evidence.n; j++)
			if (r->evidence.items[j].path &&
			    strcmp(r->evidence.items[j].path, vs->v[i].path) == 0)
				text_evidence(out, t, &r->evidence.items[j]);
	}
	for (size_t i = 0; i < r->nlinks; i++) {
		const colo_shown_link *l = &r->links[i];

		colo_buf_printf(out, "  %-12s %s%s %s%s%s%s\n",
		                l->relation ? l->relation : "link",
		                l->incoming ? "from " : "", kind_name(l->other_kind),
		                l->other_name ? l->other_name : l->other_id,
		                l->role ? " (" : "", l->role ? l->role : "",
		                l->role ? ")" : "");
		for (size_t j = 0; j < l->evidence.n; j++)
			text_evidence(out, t, &l->evidence.items[j]);
	}
	if (r->nsources) {
		colo_buf_puts(out, "sources\n");
		for (size_t i = 0; i < r->nsources; i++)
			colo_buf_printf(out, "  %s %s %s%s\n", r->sources[i].id,
			                r->sources[i].kind ? r->sources[i].kind : "?",
			                r->sources[i].origin ? r->sources[i].origin : "?",
			                t->have[i] ? "" : " (text not available)");
	}
}

/* ---- JSON ------------------------------------------------------------- */

static void json_evidence(colo_json *j, const texts *t, const colo_evidence *e)
{
	size_t i;
	const colo_shown_source *s = source_of(t, e->source, &i);
	char *q = quote(t, e);

	colo_json_begin_object(j);
	colo_json_kv_str(j, "source", e->source);
	colo_json_kv_str(j, "origin", s ? s->origin : NULL);
	colo_json_kv_int(j, "start", (long long)e->start);
	colo_json_kv_int(j, "end", (long long)e->end);
	colo_json_kv_str(j, "text", q);
	colo_json_end_object(j);
	free(q);
}

static void render_json(colo_buf *out, const colo_shown *r, const values *vs,
                        const texts *t)
{
	colo_json j;

	colo_json_init(&j, out, true);
	colo_json_begin_object(&j);
	colo_json_kv_str(&j, "kind", kind_name(r->kind));
	colo_json_kv_str(&j, "id", r->kind == COLO_KIND_PERSON ? r->person.id : r->work.id);
	colo_json_kv_str(&j, "key", r->kind == COLO_KIND_PERSON ? r->person.key : r->work.key);
	colo_json_key(&j, "values");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < vs->n; i++) {
		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "field", vs->v[i].label);
		colo_json_kv_str(&j, "path", vs->v[i].path);
		colo_json_kv_str(&j, "value", vs->v[i].text);
		colo_json_key(&j, "evidence");
		colo_json_begin_array(&j);
		for (size_t k = 0; k < r->evidence.n; k++)
			if (r->evidence.items[k].path &&
			    strcmp(r->evidence.items[k].path, vs->v[i].path) == 0)
				json_evidence(&j, t, &r->evidence.items[k]);
		colo_json_end_array(&j);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "links");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < r->nlinks; i++) {
		const colo_shown_link *l = &r->links[i];

		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "relation", l->relation);
		colo_json_kv_str(&j, "role", l->role);
		colo_json_kv_str(&j, "direction", l->incoming ? "in" : "out");
		colo_json_kv_str(&j, "kind", kind_name(l->other_kind));
		colo_json_kv_str(&j, "id", l->other_id);
		colo_json_kv_str(&j, "name", l->other_name);
		colo_json_key(&j, "evidence");
		colo_json_begin_array(&j);
		for (size_t k = 0; k < l->evidence.n; k++)
			json_evidence(&j, t, &l->evidence.items[k]);
		colo_json_end_array(&j);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "sources");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < r->nsources; i++) {
		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "id", r->sources[i].id);
		colo_json_kv_str(&j, "kind", r->sources[i].kind);
		colo_json_kv_str(&j, "origin", r->sources[i].origin);
		colo_json_key(&j, "text_available");
		colo_json_bool(&j, t->have[i]);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_end_object(&j);
}

int cmd_show(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_shown_list found;
	colo_error err;
	colo_buf out;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_show_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 1 || !*v.pos[0]) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_show_spec.usage);
		return COLO_EXIT_USAGE;
	}
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	colo_shown_list_init(&found);
	colo_buf_init(&out, 0);
	colo_error_clear(&err);
	if (!colo_store_show(ctx->store, v.pos[0], &found, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (found.n > 1) {
		fprintf(ctx->err, "colophon: %zu records match '%s'; show one by its id:\n",
		        found.n, v.pos[0]);
		for (size_t i = 0; i < found.n; i++) {
			const colo_shown *r = &found.items[i];
			char *label = r->kind == COLO_KIND_PERSON
			                  ? colo_name_display(&r->person.name)
			                  : colo_render_full_title(&r->work);

			fprintf(ctx->err, "  %s %s  %s\n", kind_name(r->kind),
			        r->kind == COLO_KIND_PERSON ? r->person.id : r->work.id,
			        label ? label : "");
			free(label);
		}
		rc = COLO_EXIT_FAIL;
		goto done;
	}
	{
		const colo_shown *r = &found.items[0];
		values vs = {NULL, 0, 0};
		texts t;

		if (r->kind == COLO_KIND_PERSON)
			person_values(&r->person, &vs);
		else
			work_values(&r->work, &vs);
		orphan_values(&r->evidence, &vs);
		texts_load(&t, r);
		if (colo_opt_set(&cmd_show_spec, &v, "json"))
			render_json(&out, r, &vs, &t);
		else
			render_text(&out, r, &vs, &t);
		texts_cleanup(&t);
		values_free(&vs);
	}
	rc = colo_emit(ctx, &out) ? COLO_EXIT_OK : COLO_EXIT_FAIL;
done:
	colo_buf_cleanup(&out);
	colo_shown_list_cleanup(&found);
	return rc;
}
