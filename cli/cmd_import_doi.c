/* cmd_import_doi.c - `colophon import doi DOI...` and `colophon import
 * isbn ISBN...`: metadata from doi.org (CSL-JSON by content negotiation),
 * Crossref's REST API and Open Library's Books API, stored through the
 * same dedup and merge as every structured import (colo_cli_store_batch).
 *
 * Each argument is fetched and read on its own; the works that could be
 * read are collected into one batch, and the ones that could not are
 * reported, one line each.  Exit code: 0 when all were imported; else the
 * code of the first failure (3 bad DOI/ISBN or unreadable answer, 5
 * network, 6 not found), also when others were imported.  A fetched
 * answer that is not valid JSON stores nothing for that argument. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/crossref.h"
#include "colophon/doi.h"
#include "colophon/fetch.h"
#include "colophon/importer.h"
#include "colophon/isbn.h"
#include "colophon/mem.h"
#include "colophon/openlibrary.h"
#include "colophon/store_ids.h"

#define CSL_JSON "application/vnd.citationstyles.csl+json"

static const colo_opt online_opts[] = {
	{"dry-run", 'n', COLO_OPT_FLAG, NULL,
	 "fetch, and show what would be new or merged; write nothing"},
	{"json", 0, COLO_OPT_FLAG, NULL, "print the summary as JSON"},
	{"offline", 0, COLO_OPT_FLAG, NULL,
	 "never touch the network (answers from the cache only)"},
	{"refresh", 0, COLO_OPT_FLAG, NULL,
	 "fetch again even when a cached answer exists"},
	{0},
};

static const colo_cmdspec doi_spec = {
	"import doi",
	"import doi DOI... [--dry-run] [--json] [--offline] [--refresh]",
	"Fetch each DOI's metadata and store the works, merged with what is\n"
	"already known (the same DOI, or the same title, year and author).",
	"A DOI may be given bare (10.1234/abc), as doi:10.1234/abc or as a\n"
	"https://doi.org/ link; DOIs are stored lower-case.  The metadata is\n"
	"asked of doi.org as CSL-JSON; when doi.org fails (a server error\n"
	"after retries, or an answer that is not CSL-JSON), of Crossref's REST\n"
	"API.  Service URLs: COLOPHON_DOI_URL, COLOPHON_CROSSREF_URL.\n"
	"Every DOI is tried; failures are reported one line each and the\n"
	"others are still imported.  Importing a DOI again changes nothing.\n"
	"exit codes: 0 all imported; else the first failure's code: 3 not a\n"
	"DOI or an unreadable answer, 5 network (or --offline with nothing\n"
	"cached), 6 the DOI does not exist.  See docs/ONLINE.md.\n",
	online_opts,
};

static const colo_cmdspec isbn_spec = {
	"import isbn",
	"import isbn ISBN... [--dry-run] [--json] [--offline] [--refresh]",
	"Look each ISBN up in Open Library and store the books, merged with\n"
	"what is already known (the same ISBN, or the same title, year and\n"
	"author).",
	"ISBN-10 and ISBN-13 are accepted with or without hyphens and spaces\n"
	"(an ISBN-10 may end in X); the check digit is verified and the book\n"
	"is stored under its ISBN-13.  Service URL: COLOPHON_OPENLIBRARY_URL.\n"
	"Every ISBN is tried; failures are reported one line each and the\n"
	"others are still imported.  Importing an ISBN again changes nothing.\n"
	"exit codes: 0 all imported; else the first failure's code: 3 an\n"
	"invalid ISBN (its check digit) or an unreadable answer, 5 network\n"
	"(or --offline with nothing cached), 6 Open Library does not know the\n"
	"ISBN.  See docs/ONLINE.md.\n",
	online_opts,
};

void colo_cli_batch_take(colo_batch *dst, colo_batch *src, size_t work)
{
	colo_work *w = &src->works[work];
	long wi = colo_batch_add_work(dst);
	colo_work *d = &dst->works[wi];
	long *moved = colo_xmalloc((src->npeople ? src->npeople : 1) *
	                           sizeof *moved);

	for (size_t i = 0; i < src->npeople; i++)
		moved[i] = -1;
	*d = *w;
	memset(w, 0, sizeof *w);
	w->venue = -1;
	d->venue = -1;
	/* The people the work's creators point at come along with it. */
	for (size_t i = 0; i < d->ncreators; i++) {
		colo_creator *c = &d->creators[i];
		long from = c->person;

		if (from < 0 || (size_t)from >= src->npeople)
			continue;
		if (moved[from] < 0) {
			moved[from] = colo_batch_add_person(dst);
			dst->people[moved[from]] = src->people[from];
			memset(&src->people[from], 0, sizeof src->people[from]);
		}
		c->person = moved[from];
	}
	free(moved);
}

typedef struct run {
	colo_ctx *ctx;
	struct colo_fetch *fetch;
	colo_batch batch;
	colo_buf bytes;  /* every answer read, for the source's hash */
	colo_buf origin; /* their URLs */
	int first_fail;
	size_t failed;
} run;

static void fail(run *r, int code)
{
	if (!r->first_fail)
		r->first_fail = code;
	r->failed++;
}

/* Keeps the answer and its URL as the source of what was read. */
static void keep(run *r, const char *url, const colo_fetch_resp *resp)
{
	colo_buf_append(&r->bytes, resp->body.data ? resp->body.data : "",
	                resp->body.len);
	colo_buf_putc(&r->bytes, '\n');
	colo_buf_printf(&r->origin, "%s%s", r->origin.len ? " " : "", url);
}

/* base URL + before + arg + after */
static char *service_url(const char *service, const char *before,
                         const char *arg, const char *after)
{
	colo_buf u;

	colo_buf_init(&u, 0);
	colo_buf_printf(&u, "%s%s%s%s", colo_fetch_base_url(service), before,
	                arg, after);
	return colo_buf_steal(&u);
}

/* Moves every work of tmp into the run's batch; the DOI asked for stands
 * in for one the record lacks, and citation keys are made by the store
 * (doi.org's CSL "id" is a URL, not a key). */
static void take_all(run *r, colo_batch *tmp, const char *doi)
{
	for (size_t i = 0; i < tmp->nworks; i++) {
		colo_work *w = &tmp->works[i];

		free(w->citekey);
		w->citekey = NULL;
		if (doi && (!w->doi || !*w->doi))
			colo_set_str(&w->doi, doi);
		for (char *p = w->doi; p && *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		colo_cli_batch_take(&r->batch, tmp, i);
	}
}

/* Crossref's /works/DOI; true when the work was read. */
static bool from_crossref(run *r, const char *doi, const char *path)
{
	char *url = service_url("crossref", "/works/", path, "");
	colo_fetch_resp resp;
	colo_batch tmp;
	colo_error err;
	bool ok = false;

	colo_error_clear(&err);
	colo_batch_init(&tmp);
	if (!colo_fetch_get(r->fetch, url, "application/json", &resp, &err)) {
		if (err.code == COLO_ENOTFOUND)
			colo_ctx_errorf(r->ctx, COLO_EXIT_NOTFOUND, "DOI %s: %s", doi,
			                err.message);
		else
			colo_ctx_fail(r->ctx, &err, NULL);
		fail(r, colo_exit_code(err.code));
		goto done;
	}
	if (!colo_crossref_parse(resp.body.data ? resp.body.data : "",
	                         resp.body.len, &tmp, &err) ||
	    tmp.nworks == 0) {
		if (!err.code)
			colo_error_set(&err, COLO_EINPUT, "no work in the answer");
		fail(r, colo_ctx_fail(r->ctx, &err, url));
		colo_fetch_forget(r->fetch, url, NULL);
		goto done;
	}
	keep(r, url, &resp);
	take_all(r, &tmp, doi);
	ok = true;
done:
	colo_fetch_resp_cleanup(&resp);
	colo_batch_cleanup(&tmp);
	free(url);
	return ok;
}

static bool is_csl_json(const char *ctype)
{
	return ctype && (strstr(ctype, "citationstyles.csl+json") ||
	                 strstr(ctype, "application/json"));
}

/* The DOI in its stored form; NULL after reporting a malformed one. */
static char *check_doi(run *r, const char *arg)
{
	char *doi;
	colo_error err;

	colo_error_clear(&err);
	if (!colo_doi_normalize(arg, &doi, &err))
		fail(r, colo_ctx_fail(r->ctx, &err, NULL));
	return doi;
}

static void import_one_doi(run *r, const char *doi)
{
	char *path = NULL, *url = NULL;
	colo_fetch_resp resp;
	colo_batch tmp;
	colo_error err;

	colo_error_clear(&err);
	colo_batch_init(&tmp);
	memset(&resp, 0, sizeof resp);
	path = colo_doi_url_path(doi);
	url = service_url("doi", "/", path, "");
	if (!colo_fetch_get(r->fetch, url, CSL_JSON, &resp, &err)) {
		if (err.code == COLO_ENOTFOUND) {
			colo_ctx_errorf(r->ctx, COLO_EXIT_NOTFOUND, "DOI %s: %s", doi,
			                err.message);
			fail(r, COLO_EXIT_NOTFOUND);
			goto done;
		}
		colo_ctx_fail(r->ctx, &err, NULL);
		if (r->ctx->offline) {
			fail(r, colo_exit_code(err.code));
			goto done;
		}
		colo_ctx_errorf(r->ctx, 0, "DOI %s: trying Crossref", doi);
		from_crossref(r, doi, path);
		goto done;
	}
	if (!is_csl_json(resp.content_type) ||
	    !colo_importer_find("csljson")->parse(
		    resp.body.data ? resp.body.data : "", resp.body.len, &tmp,
		    &err)) {
		if (!err.code)
			colo_error_set(&err, COLO_EINPUT, "not CSL-JSON (%s)",
			               resp.content_type ? resp.content_type
			                                 : "no content type");
		colo_ctx_fail(r->ctx, &err, url);
		/* A landing page is well-formed and was cached: drop it, so
		 * the next run asks doi.org again. */
		colo_fetch_forget(r->fetch, url, NULL);
		colo_ctx_errorf(r->ctx, 0, "DOI %s: trying Crossref", doi);
		from_crossref(r, doi, path);
		goto done;
	}
	keep(r, url, &resp);
	take_all(r, &tmp, doi);
done:
	colo_fetch_resp_cleanup(&resp);
	colo_batch_cleanup(&tmp);
	free(url);
	free(path);
}

/* The ISBN-13; NULL after reporting an invalid ISBN. */
static char *check_isbn(run *r, const char *arg)
{
	char isbn[COLO_ISBN13_LEN];
	colo_error err;

	colo_error_clear(&err);
	if (!colo_isbn_normalize(arg, isbn, &err)) {
		fail(r, colo_ctx_fail(r->ctx, &err, NULL));
		return NULL;
	}
	return colo_xstrdup(isbn);
}

static void import_one_isbn(run *r, const char *isbn)
{
	char *url = NULL;
	colo_fetch_resp resp;
	colo_batch tmp;
	colo_error err;

	colo_error_clear(&err);
	colo_batch_init(&tmp);
	memset(&resp, 0, sizeof resp);
	url = service_url("openlibrary", "/api/books?bibkeys=ISBN:", isbn,
	                  "&jscmd=data&format=json");
	if (!colo_fetch_get(r->fetch, url, "application/json", &resp, &err)) {
		fail(r, colo_ctx_fail(r->ctx, &err, NULL));
		goto done;
	}
	if (!colo_openlibrary_parse_books(resp.body.data ? resp.body.data : "",
	                                  resp.body.len, &tmp, &err)) {
		fail(r, colo_ctx_fail(r->ctx, &err, url));
		colo_fetch_forget(r->fetch, url, NULL);
		goto done;
	}
	if (tmp.nworks == 0) {
		fail(r, colo_ctx_errorf(r->ctx, COLO_EXIT_NOTFOUND,
		                        "ISBN %s not found in Open Library", isbn));
		goto done;
	}
	keep(r, url, &resp);
	for (size_t i = 0; i < tmp.nworks; i++)
		if (!tmp.works[i].isbn)
			colo_set_str(&tmp.works[i].isbn, isbn);
	take_all(r, &tmp, NULL);
done:
	colo_fetch_resp_cleanup(&resp);
	colo_batch_cleanup(&tmp);
	free(url);
}

/* A creator with an ORCID lands on the stored person with that ORCID
 * (say, from `import orcid`), else on the one with their name
 * (store_ids.h); the reader's default is the name key. */
static int orcid_people(colo_ctx *ctx, colo_batch *b)
{
	colo_error err;

	colo_error_clear(&err);
	for (size_t i = 0; i < b->npeople; i++) {
		colo_person *p = &b->people[i];
		char *key = NULL;

		if (!p->orcid || !*p->orcid)
			continue;
		if (!ctx->store && !colo_ctx_store(ctx))
			return COLO_EXIT_DB;
		if (!colo_store_ids_person_key(ctx->store, p, &key, &err))
			return colo_ctx_fail(ctx, &err, NULL);
		if (key) {
			free(p->key);
			p->key = key;
		}
	}
	return COLO_EXIT_OK;
}

static int run_online(colo_ctx *ctx, const colo_cmdspec *spec, int argc,
                      char **argv, const char *kind,
                      char *(*check)(run *, const char *),
                      void (*one)(run *, const char *))
{
	colo_optvals v;
	run r;
	char *ids[64];
	int nids = 0;
	int rc = colo_opts_parse(ctx, spec, argc, argv, &v);

	if (rc >= 0)
		return rc;
	if (v.npos == 0) {
		fprintf(ctx->err, "usage: colophon %s\n", spec->usage);
		return COLO_EXIT_USAGE;
	}
	if (colo_opt_set(spec, &v, "offline"))
		ctx->offline = true;
	if (colo_opt_set(spec, &v, "refresh"))
		ctx->refresh = true;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	/* Every argument is checked before anything is fetched. */
	for (int i = 0; i < v.npos; i++) {
		char *id = check(&r, v.pos[i]);

		if (id)
			ids[nids++] = id;
	}
	if (nids == 0)
		return r.first_fail;
	colo_batch_init(&r.batch);
	colo_buf_init(&r.bytes, 0);
	colo_buf_init(&r.origin, 0);
	r.fetch = colo_ctx_fetch(ctx);
	if (!r.fetch) {
		rc = ctx->offline ? COLO_EXIT_NET : COLO_EXIT_FAIL;
		goto done;
	}
	for (int i = 0; i < nids; i++)
		one(&r, ids[i]);
	rc = COLO_EXIT_OK;
	if (r.batch.nworks) {
		colo_import_req req = {kind, colo_buf_cstr(&r.origin),
		                       colo_buf_cstr(&r.bytes), r.bytes.len,
		                       colo_opt_set(spec, &v, "dry-run"),
		                       colo_opt_set(spec, &v, "json")};

		rc = orcid_people(ctx, &r.batch);
		if (rc == COLO_EXIT_OK)
			rc = colo_cli_store_batch(ctx, &r.batch, &req);
	}
	if (rc == COLO_EXIT_OK && r.failed)
		rc = r.first_fail ? r.first_fail : COLO_EXIT_FAIL;
done:
	for (int i = 0; i < nids; i++)
		free(ids[i]);
	colo_buf_cleanup(&r.origin);
	colo_buf_cleanup(&r.bytes);
	colo_batch_cleanup(&r.batch);
	return rc;
}

int cmd_import_doi(colo_ctx *ctx, int argc, char **argv)
{
	return run_online(ctx, &doi_spec, argc, argv, "doi", check_doi,
	                  import_one_doi);
}

int cmd_import_isbn(colo_ctx *ctx, int argc, char **argv)
{
	return run_online(ctx, &isbn_spec, argc, argv, "isbn", check_isbn,
	                  import_one_isbn);
}
