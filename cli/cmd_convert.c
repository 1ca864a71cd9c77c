/* cmd_convert.c - `colophon convert IN --to FORMAT [-o OUT]`: one
 * bibliography format to another, with no database.
 *
 * The same readers as `import` (importers/) and the same writers as
 * `export` (core/writer.h), like bibutils or `pandoc -f bibtex -t
 * csljson`.  Malformed entries are reported as FILE:LINE:COL on stderr and
 * left out; everything else is written.  Works without a citation key get
 * the default pattern's, made unique within the output.  A BibTeX
 * input's @preamble is TeX code, not data: it is written back (first,
 * verbatim) only to BibTeX or BibLaTeX and only with --keep-preamble;
 * otherwise a BibTeX/BibLaTeX output notes on stderr that it was left out
 * (docs/EXPORT.md).  Not here: any merging of duplicates (that needs the
 * store: `colophon import`). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/citekey.h"
#include "colophon/importer.h"
#include "colophon/mem.h"
#include "colophon/text.h"
#include "colophon/writer.h"

#define MAX_INPUT ((size_t)64 << 20)

static const colo_opt convert_opts[] = {
	{"to", 't', COLO_OPT_VALUE, "FORMAT",
	 "bibtex, biblatex, csljson or ris (required)"},
	{"from", 'f', COLO_OPT_VALUE, "KIND",
	 "bibtex, ris, csljson (or bio); default: detected from the content"},
	{"output", 'o', COLO_OPT_VALUE, "FILE",
	 "write to FILE (atomically) instead of standard output"},
	{"ascii", 0, COLO_OPT_FLAG, NULL,
	 "ASCII output: LaTeX accents (BibTeX), \\u escapes (CSL-JSON)"},
	{"keep-preamble", 0, COLO_OPT_FLAG, NULL,
	 "write a .bib's @preamble back (TeX code: trusted files only)"},
	{0},
};

const colo_cmdspec cmd_convert_spec = {
	"convert",
	"convert IN|- --to bibtex|biblatex|csljson|ris [-o OUT] [--from KIND]",
	"Convert a bibliography between formats without a database.",
	"Reads BibTeX/BibLaTeX, RIS or CSL-JSON (detected, or --from) and\n"
	"writes FORMAT.  A malformed entry is reported as FILE:LINE:COL on\n"
	"standard error and left out; the rest is converted (exit 0).  Exit 3\n"
	"when nothing could be read.  A .bib's @preamble is TeX code: it is\n"
	"written to BibTeX/BibLaTeX only with --keep-preamble.\n",
	convert_opts,
};

/* A set of strings (the citation keys written so far). */
typedef struct keyset {
	char **slot;
	size_t cap, n;
} keyset;

static size_t hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static bool keyset_has(const keyset *k, const char *s)
{
	size_t i;

	if (!k->cap)
		return false;
	for (i = hash(s) & (k->cap - 1); k->slot[i]; i = (i + 1) & (k->cap - 1))
		if (strcmp(k->slot[i], s) == 0)
			return true;
	return false;
}

static void keyset_add(keyset *k, const char *s)
{
	size_t i;

	if ((k->n + 1) * 2 > k->cap) {
		keyset grown = {NULL, k->cap ? k->cap * 2 : 1024, 0};

		grown.slot = colo_xcalloc(grown.cap, sizeof *grown.slot);
		for (size_t j = 0; j < k->cap; j++)
			if (k->slot[j])
				keyset_add(&grown, k->slot[j]);
		for (size_t j = 0; j < k->cap; j++)
			free(k->slot[j]);
		free(k->slot);
		*k = grown;
	}
	for (i = hash(s) & (k->cap - 1); k->slot[i]; i = (i + 1) & (k->cap - 1))
		;
	k->slot[i] = colo_xstrdup(s);
	k->n++;
}

static void keyset_cleanup(keyset *k)
{
	for (size_t i = 0; i < k->cap; i++)
		free(k->slot[i]);
	free(k->slot);
}

/* Whether s's braces pair up, as BibTeX counts them (a backslash does
 * not escape a brace): only then can it sit inside @preamble{{...}}
 * without closing the entry. */
static bool braces_balanced(const char *s)
{
	long depth = 0;

	for (; *s; s++)
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth < 0)
			return false;
	return depth == 0;
}

/* The input's @preamble, first, when asked for and safe to frame;
 * otherwise a note that it was left out. */
static void put_preamble(colo_ctx *ctx, const colo_batch *b, bool keep,
                         const char *file, colo_buf *out)
{
	colo_error note;

	if (!b->preamble)
		return;
	if (keep && braces_balanced(b->preamble)) {
		colo_buf_puts(out, "@preamble{{");
		colo_buf_puts(out, b->preamble);
		colo_buf_puts(out, "}}\n\n");
		return;
	}
	colo_error_set(&note, COLO_EINPUT,
	               keep ? "@preamble not written: its braces do not pair up"
	                    : "@preamble not written: it is TeX code "
	                      "(--keep-preamble writes it back)");
	colo_ctx_fail(ctx, &note, file);
}

/* Gives w a valid key not yet used in this output. */
static void unique_key(colo_work *w, keyset *used)
{
	char *base;

	if (w->citekey && colo_citekey_valid(w->citekey) &&
	    !keyset_has(used, w->citekey)) {
		keyset_add(used, w->citekey);
		return;
	}
	base = w->citekey && colo_citekey_valid(w->citekey)
	           ? colo_xstrdup(w->citekey)
	           : colo_citekey_make(w);
	if (!keyset_has(used, base)) {
		colo_set_str(&w->citekey, base);
	} else {
		for (size_t n = 0;; n++) {
			char *k = colo_citekey_suffixed(base, n);

			if (!keyset_has(used, k)) {
				free(w->citekey);
				w->citekey = k;
				break;
			}
			free(k);
		}
	}
	keyset_add(used, w->citekey);
	free(base);
}

int cmd_convert(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	const colo_importer *imp = NULL;
	const char *file, *to, *from, *outpath;
	colo_format fmt;
	colo_write_opts wo;
	colo_buf input, out;
	colo_batch batch;
	colo_error err;
	keyset used = {NULL, 0, 0};
	int rc;

	rc = colo_opts_parse(ctx, &cmd_convert_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 1) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_convert_spec.usage);
		return COLO_EXIT_USAGE;
	}
	file = v.pos[0];
	to = colo_opt_value(&cmd_convert_spec, &v, "to");
	from = colo_opt_value(&cmd_convert_spec, &v, "from");
	outpath = colo_opt_value(&cmd_convert_spec, &v, "output");
	if (!to)
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "convert: --to FORMAT is required (bibtex, "
		                       "biblatex, csljson, ris)");
	if (!colo_format_parse(to, &fmt))
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "unknown output format '%s' (bibtex, "
		                       "biblatex, csljson, ris)",
		                       to);
	if (from && !(imp = colo_importer_find(from)))
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "unknown input kind '%s' (bibtex, ris, "
		                       "csljson, bio)",
		                       from);
	memset(&wo, 0, sizeof wo);
	wo.ascii = colo_opt_set(&cmd_convert_spec, &v, "ascii");

	colo_buf_init(&input, MAX_INPUT);
	colo_buf_init(&out, 0);
	colo_batch_init(&batch);
	colo_error_clear(&err);
	rc = COLO_EXIT_OK;

	if (!colo_read_input(file, MAX_INPUT, &input, &err)) {
		rc = colo_ctx_fail(ctx, &err, file);
		goto done;
	}
	{
		size_t tl;

		colo_text_trim(colo_buf_cstr(&input), input.len, &tl);
		if (tl == 0) {
			colo_error_set(&err, COLO_EINPUT, "empty input");
			rc = colo_ctx_fail(ctx, &err, file);
			goto done;
		}
	}
	if (!imp) {
		imp = colo_importer_sniff(input.data, input.len, 49, NULL);
		if (!imp) {
			colo_error_set(&err, COLO_EINPUT,
			               "cannot tell what format this is; name it: "
			               "colophon convert --from KIND");
			rc = colo_ctx_fail(ctx, &err, file);
			goto done;
		}
	}
	if (strcmp(imp->name, "bio") == 0 &&
	    !colo_check_text(input.data, input.len, &err)) {
		rc = colo_ctx_fail(ctx, &err, file);
		goto done;
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
	colo_write_begin(&out, fmt);
	if (fmt == COLO_FMT_BIBTEX || fmt == COLO_FMT_BIBLATEX)
		put_preamble(ctx, &batch,
		             colo_opt_set(&cmd_convert_spec, &v, "keep-preamble"),
		             file, &out);
	{
		bool first = true;

		for (size_t i = 0; i < batch.nworks; i++) {
			colo_work *w = &batch.works[i];

			unique_key(w, &used);
			if (!colo_write_work(&out, fmt, w, first, &wo, &err)) {
				colo_ctx_fail(ctx, &err, file);
				colo_error_clear(&err);
				colo_work_cleanup(w);
				continue;
			}
			first = false;
			/* Written works are not needed again, and standard output
			 * takes the text in pieces: memory holds the input and
			 * the works not yet written, not a second copy of all. */
			colo_work_cleanup(w);
			if (!outpath && out.len >= ((size_t)1 << 20)) {
				if (!colo_emit(ctx, &out)) {
					rc = COLO_EXIT_FAIL;
					goto done;
				}
				colo_buf_reset(&out);
			}
		}
	}
	colo_write_end(&out, fmt);
	if (outpath) {
		if (!colo_write_atomic(outpath, colo_buf_cstr(&out), out.len, &err))
			rc = colo_ctx_fail(ctx, &err, NULL);
	} else if (!colo_emit(ctx, &out)) {
		rc = COLO_EXIT_FAIL;
	}
done:
	keyset_cleanup(&used);
	colo_batch_cleanup(&batch);
	colo_buf_cleanup(&out);
	colo_buf_cleanup(&input);
	return rc;
}
