/* cmd_cites.c - `colophon cites WORK` and `colophon cited-by WORK`: the
 * works (and venues) a work cites or mentions, and the works that cite it.
 *
 * Reads the links the article importer (pingbacks) and `colophon link`
 * (mentions found in texts) recorded; writes nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/store_links.h"
#include "render.h"

static const colo_opt cites_opts[] = {
	{"json", 0, COLO_OPT_FLAG, NULL, "print a JSON array"},
	{0},
};

const colo_cmdspec cmd_cites_spec = {
	"cites",
	"cites WORK [--json]",
	"List what WORK cites (works) and mentions (works and venues).",
	"WORK is a citation key, a record id, a DOI or a title.\n"
	"Columns: relation, citation key (or 'venue'), title, year.\n",
	cites_opts,
};

const colo_cmdspec cmd_cited_by_spec = {
	"cited-by",
	"cited-by WORK [--json]",
	"List the works that cite WORK.",
	"WORK is a citation key, a record id, a DOI or a title.\n"
	"Columns: relation, citation key, title, year, venue.\n",
	cites_opts,
};

static int run(colo_ctx *ctx, const colo_cmdspec *spec, bool cited_by,
               int argc, char **argv)
{
	colo_optvals v;
	colo_work w;
	colo_cite_list l;
	colo_error err;
	colo_buf out;
	int rc;

	rc = colo_opts_parse(ctx, spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 1) {
		fprintf(ctx->err, "usage: colophon %s\n", spec->usage);
		return COLO_EXIT_USAGE;
	}
	rc = colo_cli_resolve_work(ctx, v.pos[0], &w);
	if (rc >= 0) {
		colo_work_cleanup(&w);
		return rc;
	}
	colo_cite_list_init(&l);
	colo_buf_init(&out, 0);
	colo_error_clear(&err);
	rc = COLO_EXIT_OK;
	if (!colo_store_cites(ctx->store, w.id, cited_by, &l, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (colo_opt_set(spec, &v, "json")) {
		colo_json j;

		colo_json_init(&j, &out, true);
		colo_json_begin_array(&j);
		for (size_t i = 0; i < l.n; i++) {
			const colo_cite *c = &l.items[i];

			colo_json_begin_object(&j);
			colo_json_kv_str(&j, "relation", c->relation);
			colo_json_kv_str(&j, "kind", colo_kind_name(c->kind));
			colo_json_kv_str(&j, "id", c->work.id);
			if (c->kind == COLO_KIND_WORK) {
				colo_json_key(&j, "work");
				colo_render_work_json(&j, &c->work);
			} else {
				colo_json_kv_str(&j, "name", c->work.title);
			}
			colo_json_key(&j, "confidence");
			colo_json_double(&j, c->confidence);
			colo_json_end_object(&j);
		}
		colo_json_end_array(&j);
	} else {
		for (size_t i = 0; i < l.n; i++) {
			const colo_cite *c = &l.items[i];

			if (c->kind == COLO_KIND_VENUE) {
				colo_buf_printf(&out, "%-9s %-28s %s\n", c->relation, "venue",
				                c->work.title ? c->work.title : c->work.id);
				continue;
			}
			{
				char *title = colo_render_full_title(&c->work);

				colo_buf_printf(&out, "%-9s %-28s %s", c->relation,
				                c->work.citekey ? c->work.citekey : "-",
				                title && *title ? title : c->work.id);
				if (c->work.year)
					colo_buf_printf(&out, " (%d)", c->work.year);
				if (c->work.container)
					colo_buf_printf(&out, " - %s", c->work.container);
				colo_buf_putc(&out, '\n');
				free(title);
			}
		}
	}
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
done:
	colo_buf_cleanup(&out);
	colo_cite_list_cleanup(&l);
	colo_work_cleanup(&w);
	return rc;
}

int cmd_cites(colo_ctx *ctx, int argc, char **argv)
{
	return run(ctx, &cmd_cites_spec, false, argc, argv);
}

int cmd_cited_by(colo_ctx *ctx, int argc, char **argv)
{
	return run(ctx, &cmd_cited_by_spec, true, argc, argv);
}
