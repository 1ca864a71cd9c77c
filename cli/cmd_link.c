/* cmd_link.c - `colophon link [WORK]`: find mentions of known works and
 * venues in stored article texts and record them as links.
 *
 * Also holds what the link, cites and graph commands share: resolving a
 * WORK argument, and keeping an imported article's text for rescans.  The
 * matching is core/linker.c; the store side is core/store_links.c. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/article.h"
#include "colophon/hash.h"
#include "colophon/json.h"
#include "colophon/mem.h"
#include "colophon/store_links.h"

#define MAX_TEXT ((size_t)64 << 20)

static const colo_opt link_opts[] = {
	{"text", 0, COLO_OPT_VALUE, "FILE|URL",
	 "keep the text of this imported article, then link it"},
	{"json", 0, COLO_OPT_FLAG, NULL, "print the counts as JSON"},
	{0},
};

const colo_cmdspec cmd_link_spec = {
	"link",
	"link [WORK] [--text FILE|URL] [--json]",
	"Link article texts to the works and venues they name.\n"
	"Scans stored article texts (all, or WORK's) for the titles, short\n"
	"titles, ISBNs and DOIs of works in the store and the names of its\n"
	"venues, and records `cites` and `mentions` links with the matched\n"
	"span as evidence.  Running it again adds nothing; after importing\n"
	"new works it finds their mentions.",
	"WORK is a citation key, a record id, a DOI or a title.\n"
	"--text FILE|URL keeps (or refreshes) the text of an article that is\n"
	"already imported, then links it.\n",
	link_opts,
};

/* Moves list element i into *out. */
static void take(colo_work_list *l, size_t i, colo_work *out)
{
	*out = l->items[i];
	memset(&l->items[i], 0, sizeof l->items[i]);
	colo_work_init(&l->items[i]);
}

int colo_cli_resolve_work(colo_ctx *ctx, const char *query, colo_work *out)
{
	colo_work_list l;
	colo_error err;
	int rc = -1;

	memset(out, 0, sizeof *out);
	colo_work_init(out);
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	colo_work_list_init(&l);
	colo_error_clear(&err);
	if (!colo_store_find_works(ctx->store, query, &l, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
	} else if (l.n == 0) {
		rc = colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND, "no work matches '%s'",
		                     query);
	} else if (l.n > 1) {
		fprintf(ctx->err,
		        "colophon: %zu works match '%s'; name one by its citation "
		        "key:\n",
		        l.n, query);
		for (size_t i = 0; i < l.n; i++)
			fprintf(ctx->err, "  %-28s %s\n",
			        l.items[i].citekey ? l.items[i].citekey : "?",
			        l.items[i].title ? l.items[i].title : "");
		rc = COLO_EXIT_FAIL;
	} else {
		take(&l, 0, out);
	}
	colo_work_list_cleanup(&l);
	return rc;
}

bool colo_cli_keep_article_text(colo_ctx *ctx, const colo_batch *b,
                                const char *data, size_t len, colo_error *err)
{
	size_t tl;
	char *text;
	bool ok;

	if (!b->nworks || !b->works[0].id || !b->source.id) {
		colo_error_set(err, COLO_EFAIL, "the article was not saved");
		return false;
	}
	text = colo_article_text(data, len, &tl);
	ok = colo_store_save_text(ctx->store, b->source.id, b->works[0].id, text,
	                          tl, err);
	free(text);
	return ok;
}

/* --text: find the imported article the file describes, keep its text. */
static int keep_text(colo_ctx *ctx, const char *file, char **work_id)
{
	colo_buf in;
	colo_batch b;
	colo_error err;
	colo_work_list found;
	char srcid[COLO_SOURCE_ID_LEN];
	int rc = -1;

	colo_buf_init(&in, MAX_TEXT);
	colo_batch_init(&b);
	colo_work_list_init(&found);
	colo_error_clear(&err);
	if (!colo_read_source(file, MAX_TEXT, &in, &err) ||
	    !colo_check_text(colo_buf_cstr(&in), in.len, &err) ||
	    !colo_article_parse(in.data, in.len, &b, &err)) {
		rc = colo_ctx_fail(ctx, &err, file);
		goto done;
	}
	colo_batch_compute_keys(&b);
	if (!colo_store_find_works(ctx->store, b.works[0].key, &found, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (found.n != 1) {
		rc = colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND,
		                     "%s: the article '%s' is not in the store; import "
		                     "it first with 'colophon import article'",
		                     file, b.works[0].title);
		goto done;
	}
	colo_source_id(in.data, in.len, srcid);
	colo_set_str(&b.source.id, srcid);
	colo_set_str(&b.works[0].id, found.items[0].id);
	if (!colo_cli_keep_article_text(ctx, &b, in.data, in.len, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	*work_id = colo_xstrdup(found.items[0].id);
done:
	colo_work_list_cleanup(&found);
	colo_batch_cleanup(&b);
	colo_buf_cleanup(&in);
	return rc;
}

int cmd_link(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_link_stats st;
	colo_error err;
	colo_work w;
	char *work_id = NULL;
	const char *text;
	colo_buf out;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_link_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos > 1) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_link_spec.usage);
		return COLO_EXIT_USAGE;
	}
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	memset(&w, 0, sizeof w);
	colo_buf_init(&out, 0);
	colo_error_clear(&err);
	text = colo_opt_value(&cmd_link_spec, &v, "text");
	if (text) {
		rc = keep_text(ctx, text, &work_id);
		if (rc >= 0)
			goto done;
	}
	if (v.npos == 1) {
		rc = colo_cli_resolve_work(ctx, v.pos[0], &w);
		if (rc >= 0)
			goto done;
		free(work_id);
		work_id = colo_xstrdup(w.id);
	}
	rc = COLO_EXIT_OK;
	if (!colo_store_link(ctx->store, work_id, &st, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (colo_opt_set(&cmd_link_spec, &v, "json")) {
		colo_json j;

		colo_json_init(&j, &out, true);
		colo_json_begin_object(&j);
		colo_json_key(&j, "texts");
		colo_json_int(&j, (long long)st.texts);
		colo_json_key(&j, "bytes");
		colo_json_int(&j, (long long)st.bytes);
		colo_json_key(&j, "links");
		colo_json_begin_object(&j);
		colo_json_key(&j, "new");
		colo_json_int(&j, (long long)st.links_new);
		colo_json_key(&j, "merged");
		colo_json_int(&j, (long long)st.links_merged);
		colo_json_end_object(&j);
		colo_json_end_object(&j);
	} else {
		colo_buf_printf(&out, "linked %zu texts (%zu bytes): %zu links (%zu new)\n",
		                st.texts, st.bytes, st.links_new + st.links_merged,
		                st.links_new);
	}
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
done:
	colo_buf_cleanup(&out);
	colo_work_cleanup(&w);
	free(work_id);
	return rc;
}
