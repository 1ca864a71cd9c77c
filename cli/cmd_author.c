/* cmd_author.c - `colophon author show NAME`: one person's profile. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/json.h"
#include "colophon/store_query.h"
#include "people.h"

static const colo_opt author_opts[] = {
	{"json", 0, COLO_OPT_FLAG, NULL, "print the profile as JSON"},
	{"person", 0, COLO_OPT_VALUE, "ID",
	 "the person's id, when several people match NAME"},
	{0},
};

const colo_cmdspec cmd_author_spec = {
	"author",
	"author show NAME [--json] [--person ID]",
	"Show a person's profile: name variants, degrees, affiliations, roles,\n"
	"venues written for, works per type and per year, co-authors.",
	NULL,
	author_opts,
};

static void counts_json(colo_json *j, const char *key, const colo_count_list *l)
{
	colo_json_key(j, key);
	colo_json_begin_array(j);
	for (size_t i = 0; i < l->n; i++) {
		colo_json_begin_object(j);
		colo_json_kv_str(j, "label", l->items[i].label);
		colo_json_key(j, "n");
		colo_json_int(j, l->items[i].n);
		colo_json_end_object(j);
	}
	colo_json_end_array(j);
}

static void profile_json(colo_buf *out, const colo_person *p,
                         const colo_person_profile *pr)
{
	colo_json j;
	char *name = colo_name_display(&p->name);

	colo_json_init(&j, out, true);
	colo_json_begin_object(&j);
	colo_json_kv_str(&j, "id", p->id);
	colo_json_kv_str(&j, "name", name);
	colo_json_kv_str(&j, "honorific", p->honorific);
	colo_json_key(&j, "variants");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < p->nvariants; i++)
		colo_json_string(&j, p->variants[i]);
	colo_json_end_array(&j);
	colo_json_key(&j, "degrees");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < p->ndegrees; i++) {
		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "degree", p->degrees[i].degree);
		colo_json_kv_str(&j, "field", p->degrees[i].field);
		colo_json_kv_str(&j, "institution", p->degrees[i].institution);
		colo_json_kv_int(&j, "year", p->degrees[i].year);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "affiliations");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < p->naffiliations; i++) {
		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "org", p->affiliations[i].org);
		colo_json_kv_str(&j, "role", p->affiliations[i].role);
		colo_json_kv_int(&j, "since", p->affiliations[i].from);
		colo_json_kv_int(&j, "until", p->affiliations[i].to);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "roles");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < p->nroles; i++) {
		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "role", p->roles[i].role);
		colo_json_kv_str(&j, "org", p->roles[i].org);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "works");
	colo_json_int(&j, pr->works);
	counts_json(&j, "by_type", &pr->by_type);
	counts_json(&j, "by_year", &pr->by_year);
	counts_json(&j, "venues", &pr->venues);
	counts_json(&j, "coauthors", &pr->coauthors);
	colo_json_end_object(&j);
	free(name);
}

/* Label column, then one value per line aligned under the first. */
#define ROW "%-14s"

static void profile_text(colo_buf *out, const colo_person *p,
                         const colo_person_profile *pr)
{
	char *name = colo_name_display(&p->name);
	long long most = 0;

	colo_buf_printf(out, "%s%s%s\n", p->honorific ? p->honorific : "",
	                p->honorific ? " " : "", *name ? name : "(name not stated)");
	colo_buf_printf(out, ROW "%s\n", "id:", p->id ? p->id : "?");
	for (size_t i = 0; i < p->nvariants; i++)
		colo_buf_printf(out, ROW "%s\n", i ? "" : "variants:", p->variants[i]);
	for (size_t i = 0; i < p->ndegrees; i++) {
		const colo_degree *d = &p->degrees[i];

		colo_buf_printf(out, ROW "%s", i ? "" : "degrees:", d->degree);
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

		colo_buf_printf(out, ROW "%s", i ? "" : "affiliations:", a->org);
		if (a->role)
			colo_buf_printf(out, " (%s)", a->role);
		if (a->from && !a->to)
			colo_buf_printf(out, " since %d", a->from);
		else if (a->from)
			colo_buf_printf(out, " %d-%d", a->from, a->to);
		colo_buf_putc(out, '\n');
	}
	for (size_t i = 0; i < p->nroles; i++)
		colo_buf_printf(out, ROW "%s, %s\n", i ? "" : "roles:", p->roles[i].role,
		                p->roles[i].org ? p->roles[i].org : "?");
	for (size_t i = 0; i < pr->venues.n; i++)
		colo_buf_printf(out, ROW "%s\n", i ? "" : "venues:",
		                pr->venues.items[i].label);
	colo_buf_printf(out, ROW "%lld", "works:", pr->works);
	for (size_t i = 0; i < pr->by_type.n; i++)
		colo_buf_printf(out, "%s%s %lld", i ? ", " : " (",
		                pr->by_type.items[i].label, pr->by_type.items[i].n);
	colo_buf_puts(out, pr->by_type.n ? ")\n" : "\n");
	for (size_t i = 0; i < pr->by_year.n; i++)
		if (pr->by_year.items[i].n > most)
			most = pr->by_year.items[i].n;
	/* A small text histogram: one '#' per work, scaled to 40 columns. */
	for (size_t i = 0; i < pr->by_year.n; i++) {
		long long n = pr->by_year.items[i].n;
		long long bar = most > 40 ? (n * 40 + most - 1) / most : n;

		colo_buf_printf(out, ROW "%-5s ", i ? "" : "per year:",
		                pr->by_year.items[i].label);
		for (long long k = 0; k < bar; k++)
			colo_buf_putc(out, '#');
		colo_buf_printf(out, " %lld\n", n);
	}
	for (size_t i = 0; i < pr->coauthors.n; i++)
		colo_buf_printf(out, ROW "%s (%lld)\n", i ? "" : "co-authors:",
		                pr->coauthors.items[i].label, pr->coauthors.items[i].n);
	free(name);
}

int cmd_author(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_person person;
	colo_person_profile pr;
	colo_error err;
	colo_buf out;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_author_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 2 || strcmp(v.pos[0], "show") != 0) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_author_spec.usage);
		return COLO_EXIT_USAGE;
	}
	rc = colo_cli_resolve_person(ctx, v.pos[1],
	                             colo_opt_value(&cmd_author_spec, &v, "person"),
	                             &person);
	if (rc >= 0)
		return rc;
	colo_buf_init(&out, 0);
	colo_error_clear(&err);
	rc = COLO_EXIT_OK;
	if (!colo_store_person_profile(ctx->store, person.id, &pr, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (colo_opt_set(&cmd_author_spec, &v, "json"))
		profile_json(&out, &person, &pr);
	else
		profile_text(&out, &person, &pr);
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
done:
	colo_person_profile_cleanup(&pr);
	colo_buf_cleanup(&out);
	colo_person_cleanup(&person);
	return rc;
}
