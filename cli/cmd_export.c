/* cmd_export.c - `colophon export bibtex|biblatex --author NAME`: write a
 * bibliography for a person's works, to stdout or atomically to a file. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/bibtex.h"
#include "colophon/citekey.h"
#include "people.h"

static const colo_opt export_opts[] = {
	{"author", 'a', COLO_OPT_VALUE, "NAME", "export NAME's works"},
	{"person", 0, COLO_OPT_VALUE, "ID",
	 "the person's id, when several people match NAME"},
	{"output", 'o', COLO_OPT_VALUE, "FILE",
	 "write to FILE atomically (the old file survives any failure)"},
	{"ascii", 0, COLO_OPT_FLAG, NULL,
	 "write non-ASCII letters as LaTeX accent commands (classic BibTeX)"},
	{0},
};

const colo_cmdspec cmd_export_spec = {
	"export",
	"export bibtex|biblatex --author NAME [-o FILE] [--ascii]",
	"Write BibTeX or BibLaTeX entries for the selected works.  Text is\n"
	"escaped so it prints literally; capitals that styles would lowercase\n"
	"are protected with braces.  Citation keys are stored with the works\n"
	"and do not change between exports.",
	"Formats:\n"
	"  bibtex    classic BibTeX (plain.bst and friends)\n"
	"  biblatex  BibLaTeX for biber (date, journaltitle, subtitle ...)\n"
	"Field mapping and escaping rules: docs/EXPORT.md.\n",
	export_opts,
};

int cmd_export(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_person person;
	colo_work_list works;
	colo_bibtex_opts bopts;
	colo_error err;
	colo_buf out;
	const char *author, *outfile;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_export_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 1) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_export_spec.usage);
		return COLO_EXIT_USAGE;
	}
	memset(&bopts, 0, sizeof bopts);
	if (strcmp(v.pos[0], "biblatex") == 0)
		bopts.biblatex = true;
	else if (strcmp(v.pos[0], "bibtex") != 0)
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "unknown export format '%s' (bibtex, biblatex)",
		                       v.pos[0]);
	bopts.ascii = colo_opt_set(&cmd_export_spec, &v, "ascii");
	author = colo_opt_value(&cmd_export_spec, &v, "author");
	outfile = colo_opt_value(&cmd_export_spec, &v, "output");
	if (!author)
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "export: say which works with --author NAME");
	rc = colo_cli_resolve_person(ctx, author,
	                             colo_opt_value(&cmd_export_spec, &v, "person"),
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
	for (size_t i = 0; i < works.n; i++) {
		colo_work *w = &works.items[i];

		if (!w->citekey)
			w->citekey = colo_citekey_make(w);
		if (!colo_bibtex_write(&out, w, &bopts, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
	}
	if (outfile) {
		if (!colo_write_atomic(outfile, colo_buf_cstr(&out), out.len, &err))
			rc = colo_ctx_fail(ctx, &err, NULL);
	} else if (!colo_emit(ctx, &out)) {
		rc = COLO_EXIT_FAIL;
	}
done:
	colo_buf_cleanup(&out);
	colo_work_list_cleanup(&works);
	colo_person_cleanup(&person);
	return rc;
}
