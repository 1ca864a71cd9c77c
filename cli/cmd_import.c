/* cmd_import.c - `colophon import [KIND] FILE|-`: read, parse, store.
 *
 * The importer returns a batch; this command checks the bytes are text,
 * fills in the source, and either previews the batch (--dry-run) or hands
 * it to the store.  A bad input changes nothing in the store. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "colophon/article.h"
#include "colophon/citekey.h"
#include "colophon/hash.h"
#include "colophon/http.h"
#include "colophon/importer.h"
#include "colophon/mem.h"
#include "colophon/refs.h"
#include "colophon/text.h"
#include "colophon/writer.h"
#include "render.h"

#define MAX_INPUT ((size_t)64 << 20)

static const colo_opt import_opts[] = {
	{"dry-run", 'n', COLO_OPT_FLAG, NULL,
	 "show what would be stored and write nothing (refs, bibtex, ris, "
	 "csljson: as the database sees it; refs with --json: the works as "
	 "CSL-JSON, no database)"},
	{"json", 0, COLO_OPT_FLAG, NULL, "print the result as JSON"},
	{"title", 0, COLO_OPT_VALUE, "TEXT", "article: the title, not the detected one"},
	{"date", 0, COLO_OPT_VALUE, "DATE", "article: the date (YYYY[-MM[-DD]])"},
	{"venue", 0, COLO_OPT_VALUE, "NAME", "article: the site or publication"},
	{"url", 0, COLO_OPT_VALUE, "URL", "article: the article's URL"},
	{"author", 0, COLO_OPT_VALUE, "NAME",
	 "refs: whose list it is; the creators it names (\"Farley, R.\") are "
	 "linked to that person"},
	{"lines", 0, COLO_OPT_FLAG, NULL,
	 "refs: one reference per non-empty line"},
	{0},
};

const colo_cmdspec cmd_import_spec = {
	"import",
	"import [bio|refs|article|bibtex|ris|csljson] FILE|URL|- [--dry-run] [--json]",
	"Read FILE (or standard input with -) and store the people, works,\n"
	"venues and links it describes.  Importing the same input again\n"
	"changes nothing.",
	"kinds:\n"
	"  bio      an author bio: a paragraph, a page of bios, or an article\n"
	"           with an \"About the Author\" section (text or HTML); people,\n"
	"           degrees, affiliations, books, periodicals, roles\n"
	"  refs     a publication list or bibliography (text, Markdown or\n"
	"           HTML): APA, MLA, Chicago, Harvard, IEEE, Vancouver, ACM or\n"
	"           plain \"Title (Publisher, Year)\" lines; numbered, bulleted\n"
	"           or wrapped; headings (\"Books\", \"Op-Eds\") as type hints.\n"
	"           --author NAME links the list's owner, --lines reads one\n"
	"           reference per line; --dry-run --json prints the works as\n"
	"           CSL-JSON (docs/REFS.md).  Detected only in a list numbered\n"
	"           \"[1]\" with a year on most lines: name it otherwise\n"
	"  article  an article page, text or HTML, file or http(s) URL: the\n"
	"           article, its author's bio, pingbacks as citing works\n"
	"           (--title, --date, --venue, --url override what is found)\n"
	"  bibtex   a BibTeX or BibLaTeX file (.bib): @string macros, crossref,\n"
	"           LaTeX accents decoded\n"
	"  ris      an RIS file (.ris)\n"
	"  csljson  CSL-JSON, as Zotero and pandoc write it\n"
	"With no KIND the format is detected from the content.\n"
	"\n"
	"From the scholarly services (each has its own --help; docs/ONLINE.md):\n"
	"  import doi DOI...             doi.org (CSL-JSON), Crossref as fallback\n"
	"  import isbn ISBN...           Open Library; check digits verified\n"
	"  import orcid ORCID            a researcher's public ORCID record\n"
	"  import openalex ID|ORCID      an author's works and their references\n"
	"They take --offline (answer from the response cache or fail) and\n"
	"--refresh (ignore the cache).\n"
	"\n"
	"For refs, bibtex, ris and csljson, a malformed entry is reported as\n"
	"FILE:LINE:COL and skipped; works already stored (same DOI or ISBN, or\n"
	"same title, year within one and a shared author) are merged, and a\n"
	"preprint is linked to its published version.  --dry-run then asks the\n"
	"database what would be new, merged or linked, and writes nothing.\n"
	"The --json shapes are documented in docs/OUTPUT.md.\n",
	import_opts,
};

/* Gives every work a default citation key unique within the batch
 * (farley2014grounded, farley2014groundeda, ...), as `convert` does, so
 * the preview can be written as CSL-JSON. */
static void preview_keys(colo_batch *b)
{
	size_t cap = 64;
	char **set;

	while (cap < b->nworks * 2 + 2)
		cap *= 2;
	set = colo_xcalloc(cap, sizeof *set);
	for (size_t i = 0; i < b->nworks; i++) {
		colo_work *w = &b->works[i];
		char *base = colo_citekey_make(w), *k = colo_xstrdup(base);

		for (size_t tries = 0;; tries++) {
			size_t h = 5381, j;
			bool taken = false;

			for (const char *c = k; *c; c++)
				h = h * 33 + (unsigned char)*c;
			for (j = h & (cap - 1); set[j]; j = (j + 1) & (cap - 1))
				if (strcmp(set[j], k) == 0) {
					taken = true;
					break;
				}
			if (!taken) {
				set[j] = k;
				break;
			}
			free(k);
			k = colo_citekey_suffixed(base, tries);
		}
		colo_set_str(&w->citekey, k);
		free(base);
	}
	for (size_t i = 0; i < cap; i++)
		free(set[i]);
	free(set);
}

/* `import refs`: the importer's options, its diagnostics, then either
 * the CSL-JSON preview (--dry-run --json, no database) or the shared end
 * of structured imports (dedup and merge, the summary). */
static int import_refs(colo_ctx *ctx, const colo_optvals *v,
                       const colo_buf *input, const char *file, bool json,
                       colo_batch *b)
{
	colo_refs_opts o;
	colo_error err;
	bool dry = colo_opt_set(&cmd_import_spec, v, "dry-run");
	int rc = COLO_EXIT_OK;

	o.author = colo_opt_value(&cmd_import_spec, v, "author");
	o.lines = colo_opt_set(&cmd_import_spec, v, "lines");
	colo_error_clear(&err);
	if (!colo_refs_parse_opts(input->data, input->len, &o, b, &err))
		return colo_ctx_fail(ctx, &err, file);
	for (size_t i = 0; i < b->ndiags; i++) {
		colo_error d;

		colo_error_set_at(&d, COLO_EINPUT, b->diags[i].line, b->diags[i].col,
		                  "%s", b->diags[i].message);
		colo_ctx_fail(ctx, &d, file);
	}
	if (dry && json) {
		colo_buf out;
		bool first = true;

		preview_keys(b);
		colo_buf_init(&out, 0);
		colo_write_begin(&out, COLO_FMT_CSLJSON);
		for (size_t i = 0; i < b->nworks; i++) {
			if (!colo_write_work(&out, COLO_FMT_CSLJSON, &b->works[i], first,
			                     NULL, &err)) {
				colo_ctx_fail(ctx, &err, file);
				rc = COLO_EXIT_FAIL;
				continue;
			}
			first = false;
		}
		colo_write_end(&out, COLO_FMT_CSLJSON);
		if (!colo_emit(ctx, &out))
			rc = COLO_EXIT_FAIL;
		colo_buf_cleanup(&out);
		return rc;
	}
	{
		colo_import_req req = {"refs", file, input->data, input->len, dry,
		                       json};

		return colo_cli_store_batch(ctx, b, &req);
	}
}

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

/* The readers of structured bibliographies: they take any bytes (an entry
 * that is not UTF-8 is skipped with its position, not the whole file),
 * merge duplicates, and report per entry. */
static bool structured(const colo_importer *imp)
{
	return imp && (strcmp(imp->name, "bibtex") == 0 ||
	               strcmp(imp->name, "ris") == 0 ||
	               strcmp(imp->name, "csljson") == 0);
}

typedef struct progress {
	FILE *err;
	double start, last;
} progress;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "12000/25000 works, 3100/s, eta 4s" on one line of a terminal. */
static void show_progress(size_t done, size_t total, void *arg)
{
	progress *pr = arg;
	double t = now_s(), rate;

	if (done < total && t - pr->last < 0.25)
		return;
	pr->last = t;
	rate = t > pr->start ? (double)done / (t - pr->start) : 0;
	fprintf(pr->err, "\r%zu/%zu works, %.0f/s, eta %.0fs   ", done, total,
	        rate, rate > 0 ? (double)(total - done) / rate : 0.0);
	if (done == total)
		fputc('\n', pr->err);
	fflush(pr->err);
}

static const char *match_name(colo_match_kind k)
{
	switch (k) {
	case COLO_MATCH_SAME:
		return "merged";
	case COLO_MATCH_DUPLICATE:
		return "duplicate";
	case COLO_MATCH_VERSION:
		return "version";
	case COLO_MATCH_NEW:
		break;
	}
	return "new";
}

/* --dry-run for structured input: what saving would do, from the store. */
static int dry_run_structured(colo_ctx *ctx, colo_batch *b, bool json,
                              const char *file)
{
	colo_work_match *m = NULL;
	colo_error err;
	colo_buf out;
	size_t count[4] = {0, 0, 0, 0};
	int rc = COLO_EXIT_OK;

	colo_error_clear(&err);
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	if (!colo_store_match_works(ctx->store, b, &m, &err))
		return colo_ctx_fail(ctx, &err, NULL);
	for (size_t i = 0; i < b->nworks; i++)
		count[m[i].kind]++;
	colo_buf_init(&out, 0);
	if (json) {
		colo_json j;

		colo_json_init(&j, &out, true);
		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "file", file);
		colo_json_kv_str(&j, "kind", b->source.kind);
		colo_json_key(&j, "new");
		colo_json_int(&j, (long long)count[COLO_MATCH_NEW]);
		colo_json_key(&j, "merged");
		colo_json_int(&j, (long long)(count[COLO_MATCH_SAME] +
		                              count[COLO_MATCH_DUPLICATE]));
		colo_json_key(&j, "versions");
		colo_json_int(&j, (long long)count[COLO_MATCH_VERSION]);
		colo_json_key(&j, "skipped");
		colo_json_int(&j, (long long)b->skipped);
		colo_json_key(&j, "works");
		colo_json_begin_array(&j);
		for (size_t i = 0; i < b->nworks; i++) {
			colo_json_begin_object(&j);
			colo_json_kv_str(&j, "status", match_name(m[i].kind));
			colo_json_kv_str(&j, "citation-key", b->works[i].citekey);
			colo_json_kv_str(&j, "title", b->works[i].title);
			colo_json_kv_int(&j, "year", b->works[i].year);
			if (m[i].id) {
				colo_json_key(&j, "stored");
				colo_json_begin_object(&j);
				colo_json_kv_str(&j, "id", m[i].id);
				colo_json_kv_str(&j, "citation-key", m[i].citekey);
				colo_json_end_object(&j);
			}
			colo_json_end_object(&j);
		}
		colo_json_end_array(&j);
		colo_json_key(&j, "diagnostics");
		colo_json_begin_array(&j);
		for (size_t i = 0; i < b->ndiags; i++) {
			colo_json_begin_object(&j);
			colo_json_key(&j, "line");
			colo_json_int(&j, b->diags[i].line);
			colo_json_key(&j, "col");
			colo_json_int(&j, b->diags[i].col);
			colo_json_kv_str(&j, "message", b->diags[i].message);
			colo_json_end_object(&j);
		}
		colo_json_end_array(&j);
		colo_json_end_object(&j);
	} else {
		for (size_t i = 0; i < b->nworks; i++) {
			const colo_work *w = &b->works[i];

			colo_buf_printf(&out, "%-9s %s", match_name(m[i].kind),
			                w->citekey ? w->citekey : "-");
			if (m[i].citekey && (!w->citekey ||
			                     strcmp(m[i].citekey, w->citekey) != 0))
				colo_buf_printf(&out, " (stored as %s)", m[i].citekey);
			colo_buf_printf(&out, ": %s\n", w->title ? w->title : "");
		}
		colo_buf_printf(&out,
		                "would import %s: %zu works (%zu new, %zu merged, "
		                "%zu versions linked); %zu skipped\n",
		                file, b->nworks, count[COLO_MATCH_NEW],
		                count[COLO_MATCH_SAME] + count[COLO_MATCH_DUPLICATE],
		                count[COLO_MATCH_VERSION], b->skipped);
	}
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
	colo_buf_cleanup(&out);
	colo_work_matches_free(m, b->nworks);
	return rc;
}

static void print_structured_summary(colo_ctx *ctx, const colo_batch *b,
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
		colo_json_kv_str(&j, "kind", b->source.kind);
		colo_json_key(&j, "works");
		colo_json_begin_object(&j);
		colo_json_key(&j, "imported");
		colo_json_int(&j, (long long)b->nworks);
		colo_json_key(&j, "new");
		colo_json_int(&j, (long long)st->works_new);
		colo_json_key(&j, "merged");
		colo_json_int(&j, (long long)st->works_merged);
		colo_json_key(&j, "duplicates");
		colo_json_int(&j, (long long)st->works_duplicates);
		colo_json_key(&j, "versions");
		colo_json_int(&j, (long long)st->works_versions);
		colo_json_end_object(&j);
		colo_json_key(&j, "skipped");
		colo_json_int(&j, (long long)b->skipped);
		colo_json_end_object(&j);
	} else {
		colo_buf_printf(&out,
		                "imported %s: %zu works (%zu new, %zu merged, %zu "
		                "versions linked); %zu skipped\n",
		                file, b->nworks, st->works_new, st->works_merged,
		                st->works_versions, b->skipped);
	}
	colo_emit(ctx, &out);
	colo_buf_cleanup(&out);
}

/* Fills in the batch's source (hash of the bytes, kind, origin, importer
 * and version) and computes the records' dedup keys. */
static void set_source(colo_batch *b, const char *kind, const char *origin,
                       const char *bytes, size_t len)
{
	char srcid[COLO_SOURCE_ID_LEN];
	colo_buf who;

	colo_source_id(bytes, len, srcid);
	colo_set_str(&b->source.id, srcid);
	colo_set_str(&b->source.kind, kind);
	colo_set_str(&b->source.origin, origin);
	colo_buf_init(&who, 0);
	colo_buf_printf(&who, "colophon-%s %s", kind, COLOPHON_VERSION);
	free(b->source.importer);
	b->source.importer = colo_buf_steal(&who);
	b->source.size = len;
	colo_batch_compute_keys(b);
}

int colo_cli_store_batch(colo_ctx *ctx, colo_batch *b,
                         const colo_import_req *req)
{
	colo_save_stats st;
	colo_error err;
	progress pr;
	bool tty;

	colo_error_clear(&err);
	memset(&st, 0, sizeof st);
	set_source(b, req->kind, req->origin, req->bytes, req->len);
	colo_batch_add_creator_people(b);
	if (req->dry_run)
		return dry_run_structured(ctx, b, req->json, req->origin);
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	tty = isatty(fileno(ctx->err)) && b->nworks >= 500;
	pr.err = ctx->err;
	pr.start = pr.last = now_s();
	if (!colo_store_save_batch_progress(ctx->store, b, &st,
	                                    tty ? show_progress : NULL, &pr,
	                                    &err)) {
		if (tty)
			fputc('\n', ctx->err);
		return colo_ctx_fail(ctx, &err, NULL);
	}
	print_structured_summary(ctx, b, &st, req->json, req->origin);
	return COLO_EXIT_OK;
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
	int rc;
	bool json;

	/* The kinds that fetch from a service have options of their own. */
	if (argc >= 2) {
		static const struct {
			const char *kind;
			int (*run)(colo_ctx *, int, char **);
		} online[] = {
			{"doi", cmd_import_doi},
			{"isbn", cmd_import_isbn},
			{"orcid", cmd_import_orcid},
			{"openalex", cmd_import_openalex},
		};

		for (size_t i = 0; i < sizeof online / sizeof online[0]; i++)
			if (strcmp(argv[1], online[i].kind) == 0)
				return online[i].run(ctx, argc - 1, argv + 1);
	}
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

	if (!colo_read_source(file, MAX_INPUT, &input, &err)) {
		rc = colo_ctx_fail(ctx, &err, file);
		goto done;
	}
	if (!imp) {
		/* A .bib, RIS or CSL-JSON file is recognised before the text
		 * checks: its readers skip a bad entry rather than the file. */
		imp = colo_importer_sniff(input.data, input.len, 49, structured);
	}
	if (structured(imp)) {
		size_t tl;

		colo_text_trim(colo_buf_cstr(&input), input.len, &tl);
		if (tl == 0) {
			colo_error_set(&err, COLO_EINPUT, "empty input");
			rc = colo_ctx_fail(ctx, &err, file);
			goto done;
		}
	} else if (!colo_check_text(colo_buf_cstr(&input), input.len, &err)) {
		rc = colo_ctx_fail(ctx, &err, file);
		goto done;
	}
	if (!imp) {
		imp = colo_importer_sniff(input.data, input.len, 0, NULL);
		if (!imp) {
			colo_error_set(&err, COLO_EINPUT,
			               "cannot tell what kind of input this is; name "
			               "it: colophon import KIND FILE");
			rc = colo_ctx_fail(ctx, &err, file);
			goto done;
		}
	}
	if ((colo_opt_value(&cmd_import_spec, &v, "author") ||
	     colo_opt_set(&cmd_import_spec, &v, "lines")) &&
	    strcmp(imp->name, "refs") != 0) {
		rc = colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                     "--author and --lines are options of 'import "
		                     "refs', not of '%s'",
		                     imp->name);
		goto done;
	}
	if (strcmp(imp->name, "refs") == 0) {
		rc = import_refs(ctx, &v, &input, file, json, &batch);
		goto done;
	}
	if (strcmp(imp->name, "article") == 0) {
		colo_article_opts ao = {
			colo_opt_value(&cmd_import_spec, &v, "title"),
			colo_opt_value(&cmd_import_spec, &v, "date"),
			colo_opt_value(&cmd_import_spec, &v, "venue"),
			colo_opt_value(&cmd_import_spec, &v, "url"),
		};

		if (!colo_article_parse_opts(input.data, input.len, &ao, &batch,
		                             &err)) {
			rc = colo_ctx_fail(ctx, &err, file);
			goto done;
		}
		/* A page that names no URL of its own is known by where it
		 * was fetched from. */
		if (batch.nworks && !batch.works[0].url && colo_http_is_url(file))
			colo_set_str(&batch.works[0].url, file);
	} else if (!imp->parse(input.data, input.len, &batch, &err)) {
		rc = colo_ctx_fail(ctx, &err, file);
		goto done;
	}
	for (size_t i = 0; i < batch.ndiags; i++) {
		colo_error d;

		colo_error_set_at(&d, COLO_EINPUT, batch.diags[i].line,
		                  batch.diags[i].col, "%s", batch.diags[i].message);
		colo_ctx_fail(ctx, &d, file);
	}
	if (structured(imp)) {
		colo_import_req req = {imp->name, file, input.data, input.len,
		                       colo_opt_set(&cmd_import_spec, &v,
		                                    "dry-run"),
		                       json};

		rc = colo_cli_store_batch(ctx, &batch, &req);
		goto done;
	}
	set_source(&batch, imp->name, file, input.data, input.len);
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
	/* `colophon link` rescans the article's text later. */
	if (strcmp(imp->name, "article") == 0 &&
	    !colo_cli_keep_article_text(ctx, &batch, input.data, input.len, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	print_summary(ctx, &batch, &st, json, file);
done:
	colo_batch_cleanup(&batch);
	colo_buf_cleanup(&input);
	return rc;
}
