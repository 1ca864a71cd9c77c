/* cmd_export.c - `colophon export FORMAT`: write a bibliography (BibTeX,
 * BibLaTeX, CSL-JSON or RIS) for the works a paper cites, named keys, an
 * author, or everything, to stdout or atomically to a file.
 *
 * Selection sources add up: keys as arguments, `-` for keys on stdin (one
 * per line), --aux for a LaTeX .aux (\citation{*} selects everything),
 * --author, --all.  Keys the store lacks are listed on stderr and give
 * exit code 6, but the output is still written with what was found.  A
 * work without a usable citation key gets one (default pattern or
 * --key-pattern), stored, so the next export gives the same key.
 *
 * Works that a selected work `crossref`s are exported too, once, after
 * it.
 *
 * Output streams: stdout is written in 1 MiB pieces, and -o FILE goes to a
 * temporary file beside FILE that replaces it only when everything was
 * written, so a failed export leaves the old file as it was. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "colophon/aux.h"
#include "colophon/search.h"
#include "colophon/store_search.h"
#include "colophon/citekey.h"
#include "colophon/mem.h"
#include "colophon/store_export.h"
#include "colophon/writer.h"
#include "people.h"

#define FLUSH_AT (1u << 20)
#define MAX_STDIN_KEYS (64u * 1024 * 1024)

static const colo_opt export_opts[] = {
	{"aux", 0, COLO_OPT_VALUE, "FILE",
	 "the keys a LaTeX .aux cites (\\citation, biblatex's \\abx@aux@cite; "
	 "\\@input followed)"},
	{"author", 'a', COLO_OPT_VALUE, "NAME", "NAME's works"},
	{"person", 0, COLO_OPT_VALUE, "ID",
	 "the person's id, when several people match NAME"},
	{"all", 0, COLO_OPT_FLAG, NULL, "every work in the store"},
	{"query", 'q', COLO_OPT_VALUE, "TEXT",
	 "the works `colophon search TEXT` finds (all of them, not 50)"},
	{"output", 'o', COLO_OPT_VALUE, "FILE",
	 "write to FILE atomically (the old file survives any failure)"},
	{"ascii", 0, COLO_OPT_FLAG, NULL,
	 "ASCII output: LaTeX accent commands (bibtex, biblatex), \\u escapes "
	 "(csljson), transliteration (ris)"},
	{"key-pattern", 0, COLO_OPT_VALUE, "PATTERN",
	 "pattern for works that have no usable key yet (default "
	 COLO_CITEKEY_DEFAULT_PATTERN "); stored keys never change here"},
	{0},
};

const colo_cmdspec cmd_export_spec = {
	"export",
	"export bibtex|biblatex|csljson|ris [KEY...|-] [--aux FILE] "
	"[--author NAME] [--query TEXT] [--all] [-o FILE] [--ascii]",
	"Write BibTeX, BibLaTeX, CSL-JSON or RIS for the selected works.  Text\n"
	"is escaped so it prints literally; capitals that BibTeX styles would\n"
	"lowercase are protected with braces.  Citation keys are stored with\n"
	"the works and do not change between exports.",
	"Formats:\n"
	"  bibtex    classic BibTeX (plain.bst and friends)\n"
	"  biblatex  BibLaTeX for biber (date, journaltitle, subtitle ...)\n"
	"  csljson   CSL-JSON, as pandoc, citeproc and Zotero read it\n"
	"  ris       RIS (EndNote, Zotero, Mendeley)\n"
	"Selection (combine freely): KEY arguments; '-' reads keys from stdin,\n"
	"one per line; --aux paper.aux; --author NAME; --all.\n"
	"Keys that are not in the store are listed on stderr and the exit code\n"
	"is 6; the output is still written with the works that were found.\n"
	"Field mapping, escaping and key patterns: docs/EXPORT.md.\n",
	export_opts,
};

/* Where entries go: stdout, or a temporary file renamed over the target
 * at the end. */
typedef struct sink {
	colo_ctx *ctx;
	colo_buf buf;
	const char *path; /* NULL: stdout */
	char *tmp;
	int fd;
	bool failed;
} sink;

static bool sink_open(sink *k, colo_ctx *ctx, const char *path,
                      colo_error *err)
{
	memset(k, 0, sizeof *k);
	k->ctx = ctx;
	k->fd = -1;
	colo_buf_init(&k->buf, 0);
	if (!path)
		return true;
	k->path = path;
	{
		colo_buf t;

		colo_buf_init(&t, 0);
		colo_buf_printf(&t, "%s.tmpXXXXXX", path);
		k->tmp = colo_buf_steal(&t);
	}
	k->fd = mkstemp(k->tmp);
	if (k->fd < 0) {
		colo_error_set(err, COLO_EFAIL,
		               "%s: cannot create a temporary file: %s", path,
		               strerror(errno));
		free(k->tmp);
		k->tmp = NULL;
		return false;
	}
	return true;
}

static bool sink_flush(sink *k, colo_error *err)
{
	size_t off = 0;

	if (k->failed)
		return false;
	if (!k->path) {
		if (!colo_emit(k->ctx, &k->buf)) {
			k->failed = true;
			colo_error_set(err, COLO_EFAIL, "cannot write to stdout");
			return false;
		}
		colo_buf_reset(&k->buf);
		return true;
	}
	while (off < k->buf.len) {
		ssize_t w = write(k->fd, k->buf.data + off, k->buf.len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			colo_error_set(err, COLO_EFAIL, "%s: write failed: %s", k->path,
			               strerror(errno));
			k->failed = true;
			return false;
		}
		off += (size_t)w;
	}
	colo_buf_reset(&k->buf);
	return true;
}

/* Flushes and, for a file, puts it in place. */
static bool sink_commit(sink *k, colo_error *err)
{
	if (!sink_flush(k, err))
		return false;
	if (!k->path)
		return fflush(k->ctx->out) == 0;
	if (fsync(k->fd) != 0 || fchmod(k->fd, 0644) != 0) {
		colo_error_set(err, COLO_EFAIL, "%s: cannot flush: %s", k->path,
		               strerror(errno));
		return false;
	}
	if (close(k->fd) != 0) {
		k->fd = -1;
		colo_error_set(err, COLO_EFAIL, "%s: close failed: %s", k->path,
		               strerror(errno));
		return false;
	}
	k->fd = -1;
	if (rename(k->tmp, k->path) != 0) {
		colo_error_set(err, COLO_EFAIL, "%s: cannot replace: %s", k->path,
		               strerror(errno));
		return false;
	}
	free(k->tmp);
	k->tmp = NULL;
	return true;
}

/* Releases the sink; an uncommitted temporary file is removed. */
static void sink_close(sink *k)
{
	if (k->fd >= 0)
		close(k->fd);
	if (k->tmp) {
		unlink(k->tmp);
		free(k->tmp);
	}
	colo_buf_cleanup(&k->buf);
}

typedef struct exporter {
	colo_ctx *ctx;
	colo_store *store;
	colo_format fmt;
	colo_write_opts wo;
	const colo_citekey_pattern *pattern;
	sink out;
	size_t written;
	char **ids; /* works written, to write each once */
	size_t nids, capids;
} exporter;

static bool seen_id(exporter *x, const char *id)
{
	if (!id)
		return false;
	for (size_t i = 0; i < x->nids; i++)
		if (strcmp(x->ids[i], id) == 0)
			return true;
	colo_grow((void **)&x->ids, &x->capids, x->nids + 1, sizeof *x->ids);
	x->ids[x->nids++] = colo_xstrdup(id);
	return false;
}

/* Writes one work; gives it a stored key first when it has no usable
 * one. */
static bool put_work(exporter *x, const colo_work *w, colo_error *err)
{
	colo_work copy;
	char *base = NULL, *key = NULL;
	bool changed = false, ok;

	if (colo_citekey_valid(w->citekey) || !w->id) {
		ok = colo_write_work(&x->out.buf, x->fmt, w, x->written == 0, &x->wo,
		                     err);
	} else {
		base = x->pattern ? colo_citekey_pattern_make(x->pattern, w)
		                  : colo_citekey_make(w);
		if (!colo_store_citekey_assign(x->store, w->id, base, &key, &changed,
		                               err)) {
			free(base);
			return false;
		}
		if (w->citekey && *w->citekey)
			fprintf(x->ctx->err,
			        "colophon: citation key '%s' cannot be written; the "
			        "work now has the key '%s'\n",
			        w->citekey, key);
		copy = *w;
		copy.citekey = key;
		ok = colo_write_work(&x->out.buf, x->fmt, &copy, x->written == 0,
		                     &x->wo, err);
		free(key);
		free(base);
	}
	if (!ok)
		return false;
	x->written++;
	if (x->out.buf.len >= FLUSH_AT)
		return sink_flush(&x->out, err);
	return true;
}

static bool each_work(const colo_work *w, void *arg, colo_error *err)
{
	exporter *x = arg;

	return put_work(x, w, err);
}

/* Appends to l the works that works in l `crossref` (a parent book of a
 * chapter, proceedings of a paper) and that l lacks, each once; parents
 * of parents too, up to 4 levels.  (In --all mode every work is written
 * anyway.)  Parents go after their children, the order BibTeX needs. */
static bool add_crossrefs(exporter *x, colo_work_list *l, colo_error *err)
{
	size_t from = 0;

	for (int level = 0; level < 4; level++) {
		const char **want = NULL;
		size_t nwant = 0, cap = 0, to = l->n;

		for (size_t i = from; i < to; i++) {
			const char *ck = l->items[i].crossref;
			bool have = false;

			if (!ck || !*ck)
				continue;
			for (size_t j = 0; j < l->n && !have; j++)
				have = l->items[j].citekey &&
				       strcmp(l->items[j].citekey, ck) == 0;
			for (size_t j = 0; j < nwant && !have; j++)
				have = strcmp(want[j], ck) == 0;
			if (have)
				continue;
			colo_grow((void **)&want, &cap, nwant + 1, sizeof *want);
			want[nwant++] = ck;
		}
		if (nwant &&
		    !colo_store_works_by_citekeys(x->store, want, nwant, l, NULL,
		                                  err)) {
			free(want);
			return false;
		}
		free(want);
		if (l->n == to)
			break;
		from = to;
	}
	return true;
}

/* Adds the keys of stdin, one per line (blank lines and surrounding
 * spaces ignored). */
static bool read_stdin_keys(char ***keys, size_t *n, size_t *cap,
                            colo_error *err)
{
	colo_buf in;
	const char *p, *end;

	colo_buf_init(&in, 0);
	if (!colo_read_input("-", MAX_STDIN_KEYS, &in, err)) {
		colo_buf_cleanup(&in);
		return false;
	}
	p = colo_buf_cstr(&in);
	end = p + in.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *b = p;

		while (b < e && strchr(" \t\r", *b))
			b++;
		while (e > b && strchr(" \t\r", e[-1]))
			e--;
		if (e > b) {
			colo_grow((void **)keys, cap, *n + 1, sizeof **keys);
			(*keys)[(*n)++] = colo_xstrndup(b, (size_t)(e - b));
		}
		p = nl ? nl + 1 : end;
	}
	colo_buf_cleanup(&in);
	return true;
}

int cmd_export(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_error err;
	colo_aux aux;
	colo_person person;
	colo_work_list works;
	colo_citekey_pattern *pattern = NULL;
	exporter x;
	char **keys = NULL;
	bool *found = NULL, all, have_person = false, sink_ok = false;
	size_t nkeys = 0, capkeys = 0, missing = 0;
	const char *author, *auxfile, *pat, *query;
	colo_search_query sq;
	bool have_query = false;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_export_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	memset(&x, 0, sizeof x);
	colo_aux_init(&aux);
	colo_work_list_init(&works);
	memset(&person, 0, sizeof person);
	colo_error_clear(&err);
	if (v.npos < 1) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_export_spec.usage);
		return COLO_EXIT_USAGE;
	}
	if (!colo_format_parse(v.pos[0], &x.fmt))
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "unknown export format '%s' (bibtex, biblatex, "
		                       "csljson, ris)",
		                       v.pos[0]);
	x.ctx = ctx;
	x.wo.ascii = colo_opt_set(&cmd_export_spec, &v, "ascii");
	author = colo_opt_value(&cmd_export_spec, &v, "author");
	auxfile = colo_opt_value(&cmd_export_spec, &v, "aux");
	all = colo_opt_set(&cmd_export_spec, &v, "all");
	query = colo_opt_value(&cmd_export_spec, &v, "query");
	memset(&sq, 0, sizeof sq);
	pat = colo_opt_value(&cmd_export_spec, &v, "key-pattern");
	rc = COLO_EXIT_OK;

	if (pat && !colo_citekey_pattern_parse(pat, &pattern, &err)) {
		fprintf(ctx->err, "colophon: --key-pattern '%s': column %u: %s\n", pat,
		        err.col, err.message);
		rc = COLO_EXIT_USAGE;
		goto done;
	}
	x.pattern = pattern;
	for (int i = 1; i < v.npos; i++) {
		if (strcmp(v.pos[i], "-") == 0) {
			if (!read_stdin_keys(&keys, &nkeys, &capkeys, &err)) {
				rc = colo_ctx_fail(ctx, &err, "-");
				goto done;
			}
			continue;
		}
		colo_grow((void **)&keys, &capkeys, nkeys + 1, sizeof *keys);
		keys[nkeys++] = colo_xstrdup(v.pos[i]);
	}
	if (auxfile) {
		if (!colo_aux_read(&aux, auxfile, &err)) {
			rc = colo_ctx_fail(ctx, &err, aux.errfile);
			goto done;
		}
		all = all || aux.all;
		for (size_t i = 0; i < aux.nkeys; i++) {
			colo_grow((void **)&keys, &capkeys, nkeys + 1, sizeof *keys);
			keys[nkeys++] = colo_xstrdup(aux.keys[i]);
		}
	}
	if (!author && !all && !query && nkeys == 0 && !auxfile && v.npos == 1) {
		rc = colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                     "export: say which works: KEY..., '-', --aux "
		                     "FILE, --author NAME, --query TEXT or --all");
		goto done;
	}
	if (query) {
		if (!colo_search_parse(query, &sq, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
		have_query = true;
	}

	if (author) {
		rc = colo_cli_resolve_person(ctx, author,
		                             colo_opt_value(&cmd_export_spec, &v,
		                                            "person"),
		                             &person);
		if (rc >= 0)
			goto done;
		have_person = true;
		rc = COLO_EXIT_OK;
	}
	x.store = colo_ctx_store(ctx);
	if (!x.store) {
		rc = COLO_EXIT_DB;
		goto done;
	}
	if (!sink_open(&x.out, ctx, colo_opt_value(&cmd_export_spec, &v, "output"),
	               &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	sink_ok = true;
	colo_write_begin(&x.out.buf, x.fmt);

	if (all) {
		/* Everything: streamed, one work in memory at a time.  Named
		 * keys are then only checked for existence. */
		if (!colo_store_works_each(x.store, each_work, &x, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
	} else {
		if (have_person) {
			if (!colo_store_works_by_person(x.store, person.id, &works,
			                                &err)) {
				rc = colo_ctx_fail(ctx, &err, NULL);
				goto done;
			}
		}
		if (have_query &&
		    !colo_store_search(x.store, &sq, 1000000, &works, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
	}
	if (nkeys) {
		size_t from = works.n;

		found = colo_xcalloc(nkeys, sizeof *found);
		if (!colo_store_works_by_citekeys(x.store, (const char *const *)keys,
		                                  nkeys, &works, found, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
		if (all) /* written already */
			for (size_t i = from; i < works.n; i++)
				colo_work_cleanup(&works.items[i]);
		if (all)
			works.n = from;
	}
	if (!add_crossrefs(&x, &works, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	for (size_t i = 0; i < works.n; i++) {
		if (seen_id(&x, works.items[i].id))
			continue;
		if (!put_work(&x, &works.items[i], &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
	}
	colo_write_end(&x.out.buf, x.fmt);
	if (!sink_commit(&x.out, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	for (size_t i = 0; i < nkeys; i++)
		if (!found[i]) {
			fprintf(ctx->err, "colophon: not in the store: %s\n", keys[i]);
			missing++;
		}
	if (missing) {
		fprintf(ctx->err, "colophon: %zu of %zu keys not found; wrote %zu "
		                  "entries\n",
		        missing, nkeys, x.written);
		rc = COLO_EXIT_NOTFOUND;
	}
done:
	if (sink_ok)
		sink_close(&x.out);
	for (size_t i = 0; i < x.nids; i++)
		free(x.ids[i]);
	free(x.ids);
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(found);
	colo_work_list_cleanup(&works);
	if (have_person)
		colo_person_cleanup(&person);
	colo_aux_cleanup(&aux);
	colo_search_query_cleanup(&sq);
	colo_citekey_pattern_destroy(pattern);
	return rc;
}
