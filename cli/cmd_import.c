/* cmd_import.c - `colophon import [KIND] FILE|-`: read, parse, store.
 *
 * The importer returns a batch; this command checks the bytes are text,
 * fills in the source, and either previews the batch (--dry-run) or hands
 * it to the store.  A bad input changes nothing in the store. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/hash.h"
#include "colophon/importer.h"
#include "colophon/mem.h"
#include "render.h"

#define MAX_INPUT ((size_t)64 << 20)

static const colo_opt import_opts[] = {
	{"dry-run", 'n', COLO_OPT_FLAG, NULL,
	 "show what would be stored; write nothing (needs no database)"},
	{"json", 0, COLO_OPT_FLAG, NULL, "print the result as JSON"},
	{0},
};

const colo_cmdspec cmd_import_spec = {
	"import",
	"import [bio] FILE|- [--dry-run] [--json]",
	"Read FILE (or standard input with -) and store the people, works,\n"
	"venues and links it describes.  Importing the same input again\n"
	"changes nothing.",
	"kinds:\n"
	"  bio    an author bio: a paragraph, or a whole article with an\n"
	"         \"About the Author\" section; people, degrees, affiliations,\n"
	"         books, periodicals written for, roles\n"
	"With no KIND the format is detected from the content.\n"
	"The --json shapes are documented in docs/OUTPUT.md.\n",
	import_opts,
};

static void print_summary(colo_ctx *ctx, const colo_batch *b,
                          const colo_save_stats *st, bool json,
                          const char *file)
{
	colo_buf out;

	colo_buf_init(&out, 0);
	if (json) {
		colo_json j;

		colo_json_init(&j, &out, true);
		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "source", b->source.id);
		colo_json_kv_str(&j, "file", file);
#define COUNT(name, n, m)                                                   \
	colo_json_key(&j, name);                                              \
	colo_json_begin_object(&j);                                           \
	colo_json_key(&j, "new");                                             \
	colo_json_int(&j, (long long)(n));                                    \
	colo_json_key(&j, "merged");                                          \
	colo_json_int(&j, (long long)(m));                                    \
	colo_json_end_object(&j)
		COUNT("people", st->people_new, st->people_merged);
		COUNT("works", st->works_new, st->works_merged);
		COUNT("venues", st->venues_new, st->venues_merged);
		COUNT("links", st->links_new, st->links_merged);
#undef COUNT
		colo_json_key(&j, "skipped");
		colo_json_int(&j, (long long)b->skipped);
		colo_json_end_object(&j);
	} else {
		colo_buf_printf(&out,
		                "imported %s: %zu people (%zu new), %zu works (%zu new), "
		                "%zu venues (%zu new), %zu links (%zu new); %zu skipped\n",
		                file, b->npeople, st->people_new, b->nworks,
		                st->works_new, b->nvenues, st->venues_new, b->nlinks,
		                st->links_new, b->skipped);
	}
	colo_emit(ctx, &out);
	colo_buf_cleanup(&out);
}

int cmd_import(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	const colo_importer *imp = NULL;
	const char *file;
	colo_buf input;
	colo_batch batch;
	colo_error err;
	colo_save_stats st;
	char srcid[COLO_SOURCE_ID_LEN];
	int rc;
	bool json;

	rc = colo_opts_parse(ctx, &cmd_import_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	json = colo_opt_set(&cmd_import_spec, &v, "json");
	if (v.npos == 2) {
		imp = colo_importer_find(v.pos[0]);
		if (!imp)
			return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
			                       "unknown import kind '%s' (see "
			                       "'colophon import --help')",
			                       v.pos[0]);
		file = v.pos[1];
	} else if (v.npos == 1) {
		if (colo_importer_find(v.pos[0]))
			return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
			                       "import %s: missing FILE (use - for "
			                       "standard input)",
			                       v.pos[0]);
		file = v.pos[0];
	} else {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_import_spec.usage);
		return COLO_EXIT_USAGE;
	}

	colo_buf_init(&input, MAX_INPUT);
	colo_batch_init(&batch);
	colo_error_clear(&err);
	memset(&st, 0, sizeof st);
	rc = COLO_EXIT_OK;

	if (!colo_read_input(file, MAX_INPUT, &input, &err) ||
	    !colo_check_text(colo_buf_cstr(&input), input.len, &err)) {
		rc = colo_ctx_fail(ctx, &err, file);
		goto done;
	}
	if (!imp) {
		int best = 0;

		for (size_t i = 0; colo_importers[i]; i++) {
			int s = colo_importers[i]->sniff(input.data, input.len);

			if (s > best) {
				best = s;
				imp = colo_importers[i];
			}
		}
		if (!imp) {
			colo_error_set(&err, COLO_EINPUT,
			               "cannot tell what kind of input this is; name "
			               "it: colophon import KIND FILE");
			rc = colo_ctx_fail(ctx, &err, file);
			goto done;
		}
	}
	if (!imp->parse(input.data, input.len, &batch, &err)) {
		rc = colo_ctx_fail(ctx, &err, file);
		goto done;
	}
	for (size_t i = 0; i < batch.ndiags; i++) {
		colo_error d;

		colo_error_set_at(&d, COLO_EINPUT, batch.diags[i].line,
		                  batch.diags[i].col, "%s", batch.diags[i].message);
		colo_ctx_fail(ctx, &d, file);
	}
	colo_source_id(input.data, input.len, srcid);
	colo_set_str(&batch.source.id, srcid);
	colo_set_str(&batch.source.kind, imp->name);
	colo_set_str(&batch.source.origin, file);
	{
		colo_buf who;

		colo_buf_init(&who, 0);
		colo_buf_printf(&who, "colophon-%s %s", imp->name, COLOPHON_VERSION);
		batch.source.importer = colo_buf_steal(&who);
	}
	batch.source.size = input.len;
	colo_batch_compute_keys(&batch);

	if (colo_opt_set(&cmd_import_spec, &v, "dry-run")) {
		colo_buf out;

		colo_buf_init(&out, 0);
		if (json)
			colo_render_batch_json(&out, &batch);
		else
			colo_render_batch_text(&out, &batch);
		if (!colo_emit(ctx, &out))
			rc = COLO_EXIT_FAIL;
		colo_buf_cleanup(&out);
		goto done;
	}
	if (!colo_ctx_store(ctx)) {
		rc = COLO_EXIT_DB;
		goto done;
	}
	if (!colo_store_save_batch(ctx->store, &batch, &st, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	print_summary(ctx, &batch, &st, json, file);
done:
	colo_batch_cleanup(&batch);
	colo_buf_cleanup(&input);
	return rc;
}
