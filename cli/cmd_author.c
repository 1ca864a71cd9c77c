/* cmd_author.c - `colophon author show NAME`: one person's profile;
 * `author merge A B` and `author split NAME --works KEYS`: correcting
 * what automatic matching got wrong (the store does the work, see
 * colophon/store_authors.h; this file picks the people and reports). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/json.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/store_authors.h"
#include "colophon/store_query.h"
#include "colophon/text.h"
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
	"Correcting people (see 'colophon author merge --help', 'split --help'):\n"
	"  author merge A B [--person-a ID] [--person-b ID] [--dry-run]\n"
	"  author split NAME --works KEY[,KEY...] [--as NAME] [--person ID] "
	"[--dry-run]\n",
	author_opts,
};

static const colo_opt merge_opts[] = {
	{"person-a", 0, COLO_OPT_VALUE, "ID",
	 "A's id, when several people match A"},
	{"person-b", 0, COLO_OPT_VALUE, "ID",
	 "B's id, when several people match B"},
	{"dry-run", 0, COLO_OPT_FLAG, NULL, "say what would change; write nothing"},
	{0},
};

static const colo_cmdspec merge_spec = {
	"author merge",
	"author merge A B [--person-a ID] [--person-b ID] [--dry-run]",
	"Merge person B into person A, when they are one person: B's works,\n"
	"links, name variants, degrees, affiliations, roles and evidence go to\n"
	"A, A records B in `merged_from`, and B is deleted.",
	"A name that matches several people picks the one whose name (or a\n"
	"variant) is written exactly so; else choose with --person-a/--person-b.\n"
	"Running a finished merge again fails with 'not found' (exit 6).\n",
	merge_opts,
};

static const colo_opt split_opts[] = {
	{"works", 0, COLO_OPT_VALUE, "KEY,...",
	 "citation keys of the works to move (comma-separated)"},
	{"as", 0, COLO_OPT_VALUE, "NAME",
	 "the new person's name (default: the same name, key '#2')"},
	{"person", 0, COLO_OPT_VALUE, "ID",
	 "the person's id, when several people match NAME"},
	{"dry-run", 0, COLO_OPT_FLAG, NULL, "say what would change; write nothing"},
	{0},
};

static const colo_cmdspec split_spec = {
	"author split",
	"author split NAME --works KEY[,KEY...] [--as NAME] [--person ID] "
	"[--dry-run]",
	"Move some works of a person to a new person, when one record holds\n"
	"two people: the new person records `split_from`; the works keep their\n"
	"evidence.",
	NULL,
	split_opts,
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

/* Whether the folded forms of a and b are equal. */
static bool same_name(const char *a, const char *b)
{
	char *x, *y;
	bool same;

	if (!a || !b)
		return false;
	x = colo_text_normkey(a, strlen(a));
	y = colo_text_normkey(b, strlen(b));
	same = x && y && *x && strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

static bool written_so(const colo_person *p, const char *name)
{
	char *display = colo_name_display(&p->name);
	bool same = same_name(display, name);

	free(display);
	for (size_t i = 0; i < p->nvariants && !same; i++)
		same = same_name(p->variants[i], name);
	return same;
}

static void take(colo_person_list *l, size_t i, colo_person *out)
{
	*out = l->items[i];
	memset(&l->items[i], 0, sizeof l->items[i]);
}

/* The person `name` means for a correction, which must not be guessed:
 * the one with id `id` when given; else the only match; else the only
 * match whose name or a variant is `name` exactly (folded).  `skip` (may
 * be NULL) is never chosen.  Returns -1 with *out filled (caller cleans
 * up), else an exit code after printing the problem; `opt` names the
 * option that picks a person. */
static int pick_person(colo_ctx *ctx, const char *name, const char *id,
                       const char *skip, const char *opt, colo_person *out)
{
	colo_person_list people;
	colo_name query;
	colo_error err;
	char *honorific = NULL;
	size_t skip_len, written = 0, last = 0;
	bool skipped = false;
	int rc = -1;

	memset(out, 0, sizeof *out);
	skip_len = colo_name_split_honorific(name, strlen(name), &honorific);
	free(honorific);
	colo_name_parse(name + skip_len, strlen(name) - skip_len, &query);
	colo_person_list_init(&people);
	colo_error_clear(&err);
	if (!colo_store_find_people(ctx->store, &query, &people, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	/* Drop `skip`, keeping the list's order. */
	for (size_t i = 0, k = 0; i < people.n; i++) {
		if (skip && people.items[i].id && strcmp(people.items[i].id, skip) == 0) {
			colo_person_cleanup(&people.items[i]);
			skipped = true;
			continue;
		}
		if (k != i) {
			people.items[k] = people.items[i];
			memset(&people.items[i], 0, sizeof people.items[i]);
		}
		k++;
	}
	if (skipped)
		people.n--;
	if (id) {
		for (size_t i = 0; i < people.n; i++)
			if (people.items[i].id && strcmp(people.items[i].id, id) == 0) {
				take(&people, i, out);
				goto done;
			}
		rc = colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND,
		                     "no person with id '%s' matches '%s'", id, name);
		goto done;
	}
	if (people.n == 0) {
		if (skipped)
			rc = colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND,
			                     "no person other than '%s' matches '%s' "
			                     "(merged already?)",
			                     skip, name);
		else
			rc = colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND,
			                     "no person matches '%s'", name);
		goto done;
	}
	if (people.n == 1) {
		take(&people, 0, out);
		goto done;
	}
	for (size_t i = 0; i < people.n; i++)
		if (written_so(&people.items[i], name + skip_len)) {
			written++;
			last = i;
		}
	if (written == 1) {
		take(&people, last, out);
		goto done;
	}
	fprintf(ctx->err,
	        "colophon: %zu people match '%s'; choose one with %s ID:\n",
	        people.n, name, opt);
	for (size_t i = 0; i < people.n; i++) {
		char *display = colo_name_display(&people.items[i].name);

		fprintf(ctx->err, "  %s %s  %s\n", opt,
		        people.items[i].id ? people.items[i].id : "?", display);
		free(display);
	}
	rc = COLO_EXIT_FAIL;
done:
	colo_name_cleanup(&query);
	colo_person_list_cleanup(&people);
	return rc;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static int author_merge(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_person a, b;
	colo_merge_stats st;
	colo_error err;
	char *an = NULL, *bn = NULL;
	bool dry;
	int rc;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	rc = colo_opts_parse(ctx, &merge_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 2) {
		fprintf(ctx->err, "usage: colophon %s\n", merge_spec.usage);
		return COLO_EXIT_USAGE;
	}
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	dry = colo_opt_set(&merge_spec, &v, "dry-run");
	rc = pick_person(ctx, v.pos[0], colo_opt_value(&merge_spec, &v, "person-a"),
	                 NULL, "--person-a", &a);
	if (rc >= 0)
		goto done;
	rc = pick_person(ctx, v.pos[1], colo_opt_value(&merge_spec, &v, "person-b"),
	                 a.id, "--person-b", &b);
	if (rc >= 0)
		goto done;
	colo_error_clear(&err);
	if (!colo_store_merge_people(ctx->store, a.id, b.id, dry, &st, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	an = colo_name_display(&a.name);
	bn = colo_name_display(&b.name);
	fprintf(ctx->out, "%s %s (%s) into %s (%s): %zu %s, %zu %s, %zu %s\n",
	        dry ? "would merge" : "merged", b.id, bn, a.id, an, st.works,
	        plural(st.works, "work", "works"), st.links,
	        plural(st.links, "link", "links"), st.facts,
	        plural(st.facts, "fact", "facts"));
	rc = COLO_EXIT_OK;
done:
	free(bn);
	free(an);
	colo_person_cleanup(&b);
	colo_person_cleanup(&a);
	return rc;
}

/* Splits "k1, k2,k3" into *keys (pointers into a copy in *buf). */
static size_t split_keys(const char *list, char **buf, char ***keys)
{
	size_t n = 0, cap = 0;
	char *p;

	*buf = colo_xstrdup(list);
	*keys = NULL;
	p = *buf;
	while (*p) {
		char *end = strchr(p, ',');
		char *next = end ? end + 1 : p + strlen(p);

		if (end)
			*end = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		for (char *t = p + strlen(p); t > p && (t[-1] == ' ' || t[-1] == '\t');)
			*--t = '\0';
		if (*p) {
			colo_grow((void **)keys, &cap, n + 1, sizeof **keys);
			(*keys)[n++] = p;
		}
		p = next;
	}
	return n;
}

static int author_split(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_person p;
	colo_name as;
	colo_split_result res;
	colo_error err;
	const char *works, *as_text;
	char *buf = NULL, **keys = NULL, *pn = NULL;
	size_t nkeys;
	bool dry, have_as = false;
	int rc;

	memset(&p, 0, sizeof p);
	memset(&res, 0, sizeof res);
	colo_name_init(&as);
	rc = colo_opts_parse(ctx, &split_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	works = colo_opt_value(&split_spec, &v, "works");
	if (v.npos != 1 || !works) {
		fprintf(ctx->err, "usage: colophon %s\n", split_spec.usage);
		return COLO_EXIT_USAGE;
	}
	nkeys = split_keys(works, &buf, &keys);
	if (nkeys == 0) {
		rc = colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                     "--works wants citation keys, not '%s'", works);
		goto done;
	}
	as_text = colo_opt_value(&split_spec, &v, "as");
	if (as_text) {
		char *honorific = NULL;
		size_t skip = colo_name_split_honorific(as_text, strlen(as_text),
		                                        &honorific);

		free(honorific);
		colo_name_parse(as_text + skip, strlen(as_text) - skip, &as);
		have_as = true;
	}
	if (!colo_ctx_store(ctx)) {
		rc = COLO_EXIT_DB;
		goto done;
	}
	dry = colo_opt_set(&split_spec, &v, "dry-run");
	rc = pick_person(ctx, v.pos[0], colo_opt_value(&split_spec, &v, "person"),
	                 NULL, "--person", &p);
	if (rc >= 0)
		goto done;
	colo_error_clear(&err);
	if (!colo_store_split_person(ctx->store, p.id, (const char *const *)keys,
	                             nkeys, have_as ? &as : NULL, dry, &res, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	pn = colo_name_display(&p.name);
	fprintf(ctx->out, "%s %zu %s off %s (%s) into %s (%s)\n",
	        dry ? "would split" : "split", res.works,
	        plural(res.works, "work", "works"), p.id, pn, res.id,
	        res.name ? res.name : "?");
	rc = COLO_EXIT_OK;
done:
	free(pn);
	colo_split_result_cleanup(&res);
	colo_person_cleanup(&p);
	colo_name_cleanup(&as);
	free(keys);
	free(buf);
	return rc;
}

int cmd_author(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_person person;
	colo_person_profile pr;
	colo_error err;
	colo_buf out;
	int rc;

	if (argc >= 2 && strcmp(argv[1], "merge") == 0)
		return author_merge(ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "split") == 0)
		return author_split(ctx, argc - 1, argv + 1);
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
