/* cmd_search.c - `colophon search TEXT`: works by words and fields. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/search.h"
#include "colophon/store_search.h"
#include "render.h"

static const colo_opt search_opts[] = {
	{"json", 0, COLO_OPT_FLAG, NULL, "print a JSON array of CSL-JSON items"},
	{"limit", 'n', COLO_OPT_VALUE, "N", "show at most N works (default 50)"},
	{0},
};

const colo_cmdspec cmd_search_spec = {
	"search",
	"search TEXT... [--json] [--limit N]",
	"Find works by words of their title, subtitle, creators and venue.\n"
	"Words match after case-folding, accent-stripping and light stemming;\n"
	"title hits come first, then the rest, each newest first.",
	"Field terms narrow the search:\n"
	"  author:farley  title:battleship  venue:wildside\n"
	"  year:2014  year:2014..2020  type:book\n",
	search_opts,
};

int cmd_search(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_search_query q;
	colo_work_list works;
	colo_error err;
	colo_buf text, out;
	long limit = 50;
	const char *ls;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_search_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos < 1) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_search_spec.usage);
		return COLO_EXIT_USAGE;
	}
	if ((ls = colo_opt_value(&cmd_search_spec, &v, "limit"))) {
		char *end;

		limit = strtol(ls, &end, 10);
		if (*ls == '\0' || *end != '\0' || limit < 1 || limit > 100000)
			return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
			                       "--limit wants a number from 1 to 100000, not '%s'", ls);
	}
	colo_buf_init(&text, 0);
	for (int i = 0; i < v.npos; i++)
		colo_buf_printf(&text, "%s%s", i ? " " : "", v.pos[i]);
	colo_error_clear(&err);
	if (!colo_search_parse(colo_buf_cstr(&text), &q, &err)) {
		colo_buf_cleanup(&text);
		colo_search_query_cleanup(&q);
		return colo_ctx_fail(ctx, &err, NULL);
	}
	colo_buf_cleanup(&text);
	colo_work_list_init(&works);
	colo_buf_init(&out, 0);
	rc = COLO_EXIT_OK;
	if (!colo_ctx_store(ctx)) {
		rc = COLO_EXIT_DB;
		goto done;
	}
	if (!colo_store_search(ctx->store, &q, limit, &works, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (colo_opt_set(&cmd_search_spec, &v, "json")) {
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
			char *who = w->ncreators ? colo_name_display(&w->creators[0].name) : NULL;

			if (w->year)
				colo_buf_printf(&out, "%-6d", w->year);
			else
				colo_buf_puts(&out, "n.d.  ");
			colo_buf_printf(&out, "%-22s %s", w->citekey ? w->citekey : "", title);
			if (who && *who)
				colo_buf_printf(&out, " — %s%s", who, w->ncreators > 1 ? " et al." : "");
			colo_buf_putc(&out, '\n');
			free(who);
			free(title);
		}
	}
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
done:
	colo_buf_cleanup(&out);
	colo_work_list_cleanup(&works);
	colo_search_query_cleanup(&q);
	return rc;
}
