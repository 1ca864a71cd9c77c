/* cmd_works.c - `colophon works AUTHOR`: what has this person written? */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "people.h"
#include "render.h"

static const colo_opt works_opts[] = {
	{"json", 0, COLO_OPT_FLAG, NULL, "print a JSON array of CSL-JSON items"},
	{"person", 0, COLO_OPT_VALUE, "ID",
	 "the person's id, when several people match AUTHOR"},
	{0},
};

const colo_cmdspec cmd_works_spec = {
	"works",
	"works AUTHOR [--json] [--person ID]",
	"List AUTHOR's works, newest first.  AUTHOR may be written as\n"
	"\"Robert Farley\", \"Farley\", \"R. Farley\" or \"Farley, Robert\";\n"
	"an honorific (\"Dr.\") is ignored.",
	"Columns: year, type, title, publisher or container.\n",
	works_opts,
};

int cmd_works(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_person person;
	colo_work_list works;
	colo_error err;
	colo_buf out;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_works_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 1) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_works_spec.usage);
		return COLO_EXIT_USAGE;
	}
	rc = colo_cli_resolve_person(ctx, v.pos[0],
	                             colo_opt_value(&cmd_works_spec, &v, "person"),
	                             &person);
	if (rc >= 0)
		return rc;
	colo_work_list_init(&works);
	colo_buf_init(&out, 0);
	colo_error_clear(&err);
	rc = COLO_EXIT_OK;
	if (!colo_store_works_by_person(ctx->store, person.id, &works, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (colo_opt_set(&cmd_works_spec, &v, "json")) {
		colo_json j;

		colo_json_init(&j, &out, true);
		colo_json_begin_array(&j);
		for (size_t i = 0; i < works.n; i++)
			colo_render_work_json(&j, &works.items[i]);
		colo_json_end_array(&j);
	} else {
		for (size_t i = 0; i < works.n; i++) {
			const colo_work *w = &works.items[i];
			char *title = colo_render_full_title(w);
			const char *where = w->publisher ? w->publisher : w->container;

			if (w->year)
				colo_buf_printf(&out, "%-6d", w->year);
			else
				colo_buf_puts(&out, "n.d.  ");
			colo_buf_printf(&out, "%-16s %s", w->type ? w->type : "work",
			                title);
			if (where)
				colo_buf_printf(&out, " (%s)", where);
			colo_buf_putc(&out, '\n');
			free(title);
		}
	}
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
done:
	colo_buf_cleanup(&out);
	colo_work_list_cleanup(&works);
	colo_person_cleanup(&person);
	return rc;
}
