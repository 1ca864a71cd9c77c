/* people.c - AUTHOR argument → one stored person (see people.h). */
#include "people.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/latex.h"
#include "colophon/mem.h"
#include "colophon/store_query.h"

/* Moves the list element into *out, leaving an empty element behind. */
static void take(colo_person_list *l, size_t i, colo_person *out)
{
	*out = l->items[i];
	memset(&l->items[i], 0, sizeof l->items[i]);
}

int colo_cli_resolve_person(colo_ctx *ctx, const char *author,
                            const char *person_id, colo_person *out)
{
	colo_person_list people;
	colo_name query;
	colo_error err;
	char *decoded = NULL;
	char *honorific = NULL;
	size_t skip;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	/* A name copied from a .bib file may carry TeX: "M{\"u}ller". */
	if (strpbrk(author, "\\{~"))
		author = decoded = colo_latex_to_utf8(author, strlen(author),
		                                      COLO_LATEX_NAME);
	skip = colo_name_split_honorific(author, strlen(author), &honorific);
	free(honorific);
	colo_name_parse(author + skip, strlen(author) - skip, &query);
	colo_person_list_init(&people);
	colo_error_clear(&err);
	if (!colo_store_find_people(ctx->store, &query, &people, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (person_id) {
		for (size_t i = 0; i < people.n; i++)
			if (people.items[i].id && strcmp(people.items[i].id, person_id) == 0) {
				take(&people, i, out);
				goto done;
			}
		rc = colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND,
		                     "no person with id '%s' matches '%s'", person_id,
		                     author);
		goto done;
	}
	if (people.n == 0) {
		rc = colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND,
		                     "no person matches '%s'", author);
		goto done;
	}
	if (people.n > 1) {
		fprintf(ctx->err,
		        "colophon: %zu people match '%s'; choose one with --person ID:\n",
		        people.n, author);
		for (size_t i = 0; i < people.n; i++) {
			const colo_person *p = &people.items[i];
			char *name = colo_name_display(&p->name);
			colo_works_query q;
			colo_work_list works;
			int lo = 0, hi = 0;

			/* What tells them apart: works, their years, where. */
			colo_works_query_init(&q);
			q.person_id = p->id;
			colo_work_list_init(&works);
			if (p->id && colo_store_works_query(ctx->store, &q, &works, &err)) {
				for (size_t k = 0; k < works.n; k++) {
					int y = works.items[k].year;

					if (y && (!lo || y < lo))
						lo = y;
					if (y > hi)
						hi = y;
				}
			}
			fprintf(ctx->err, "  --person %s  %s: %zu %s", p->id ? p->id : "?",
			        name, works.n, works.n == 1 ? "work" : "works");
			if (lo)
				fprintf(ctx->err, lo == hi ? " (%d)" : " (%d-%d)", lo, hi);
			if (p->naffiliations && p->affiliations[0].org)
				fprintf(ctx->err, "; %s", p->affiliations[0].org);
			fputc('\n', ctx->err);
			colo_work_list_cleanup(&works);
			free(name);
		}
		rc = COLO_EXIT_FAIL;
		goto done;
	}
	take(&people, 0, out);
done:
	free(decoded);
	colo_name_cleanup(&query);
	colo_person_list_cleanup(&people);
	return rc;
}
