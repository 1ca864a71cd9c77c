/* cmd_import_orcid.c - `colophon import orcid ORCID` and `colophon import
 * openalex AUTHOR-ID|ORCID`: a researcher's works from ORCID's public API
 * or from OpenAlex, through the normal dedup and merge.
 *
 * Fetching goes through the run's polite, cached fetcher (core/fetch.h);
 * parsing through importers/orcid.c and importers/openalex.c; saving
 * through colo_cli_store_batch.  OpenAlex works also keep their OpenAlex
 * ids and references (core/store_ids.h), which become `cites` links when
 * both ends are stored, whichever is imported first.  A fetch or parse
 * failure stores nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/buf.h"
#include "colophon/fetch.h"
#include "colophon/mem.h"
#include "colophon/openalex.h"
#include "colophon/orcid.h"
#include "colophon/orcid_api.h"
#include "colophon/store_ids.h"

/* Pages of OpenAlex works fetched at most (200 works each). */
#define MAX_PAGES 500

static const colo_opt online_opts[] = {
	{"dry-run", 'n', COLO_OPT_FLAG, NULL,
	 "fetch and show what would be new or merged; write nothing"},
	{"json", 0, COLO_OPT_FLAG, NULL, "print the result as JSON"},
	{"offline", 0, COLO_OPT_FLAG, NULL,
	 "never use the network: fail at once (exit 5)"},
	{"refresh", 0, COLO_OPT_FLAG, NULL,
	 "ignore cached answers and ask the service again"},
	{0},
};

static const colo_cmdspec orcid_spec = {
	"import orcid",
	"import orcid ORCID [--dry-run] [--json] [--offline] [--refresh]",
	"Store a researcher's works as listed in their public ORCID record, with\n"
	"the researcher as their author and the ORCID on the person.",
	"ORCID is an iD (0000-0002-1825-0097, the last character may be X) or\n"
	"its https://orcid.org/ URL; the check digit is verified.  Colophon\n"
	"asks ORCID's public API (v3.0) for the person's name, the work\n"
	"summaries, then the full works, 100 at a time, and maps ORCID's work\n"
	"types to CSL types.  Works already stored (same DOI or ISBN, or the\n"
	"same title, year within one and a shared author) are merged, not\n"
	"duplicated, and a person already stored with this ORCID, or with the\n"
	"same name and no ORCID, is the one updated.  Importing again changes\n"
	"nothing.  The service's address is $COLOPHON_ORCID_URL or orcid_url in\n"
	"the config file (default https://pub.orcid.org); answers are cached\n"
	"(--refresh asks again).\n"
	"exit codes: 0 stored; 2 bad ORCID iD; 3 the service answered\n"
	"something that is not an ORCID record (nothing stored); 4 database;\n"
	"5 network (also --offline); 6 no such ORCID record.\n",
	online_opts,
};

static const colo_cmdspec openalex_spec = {
	"import openalex",
	"import openalex AUTHOR-ID|ORCID [--dry-run] [--json] [--offline] "
	"[--refresh]",
	"Store an author's works as OpenAlex lists them, with the works they\n"
	"reference linked as `cites` when both are stored.",
	"AUTHOR-ID is an OpenAlex author id (A5023888391, or its\n"
	"https://openalex.org/ URL); an ORCID iD or URL finds the author by\n"
	"ORCID.  Colophon reads the author, then every page of their works\n"
	"(200 a page, cursor paging) and maps OpenAlex types to CSL types.\n"
	"Each work's OpenAlex id is kept, and each referenced work becomes a\n"
	"`cites` link (confidence 1) as soon as both works are stored: a work\n"
	"imported later is linked to the works that cited it earlier.\n"
	"`colophon cites KEY` and `colophon cited-by KEY` show them.  Works\n"
	"already stored are merged, not duplicated; importing again changes\n"
	"nothing.  The service's address is $COLOPHON_OPENALEX_URL or\n"
	"openalex_url in the config file (default https://api.openalex.org);\n"
	"the contact address (mailto in the config) goes in the User-Agent,\n"
	"which puts requests in OpenAlex's polite pool.\n"
	"exit codes: 0 stored; 2 bad id; 3 the service answered something that\n"
	"is not OpenAlex's JSON (nothing stored); 4 database; 5 network (also\n"
	"--offline); 6 no such author.\n",
	online_opts,
};

/* Fetches url as JSON; on failure prints one line and returns the exit
 * code, else -1 with resp filled (caller cleans up). */
static int get_json(colo_ctx *ctx, struct colo_fetch *f, const char *url,
                    const char *what, colo_fetch_resp *resp)
{
	colo_error err;

	colo_error_clear(&err);
	if (colo_fetch_get(f, url, "application/json", resp, &err))
		return -1;
	if (err.code == COLO_ENOTFOUND)
		return colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND, "%s not found (%s)",
		                       what, url);
	return colo_ctx_fail(ctx, &err, NULL);
}

/* Appends an answer to the import's source bytes (the answers one after
 * the other, a newline between; hashed into the source id); *offset is
 * where it starts, for evidence spans. */
static void keep(colo_buf *all, const colo_fetch_resp *resp, size_t *offset)
{
	if (all->len)
		colo_buf_putc(all, '\n');
	*offset = all->len;
	colo_buf_append(all, resp->body.data ? resp->body.data : "",
	                resp->body.len);
}

/* Common start: options, the --offline/--refresh flags, the argument. */
static int start(colo_ctx *ctx, const colo_cmdspec *spec, int argc,
                 char **argv, colo_optvals *v, colo_import_req *req)
{
	int rc = colo_opts_parse(ctx, spec, argc, argv, v);

	if (rc >= 0)
		return rc;
	if (v->npos != 1) {
		fprintf(ctx->err, "usage: colophon %s\n", spec->usage);
		return COLO_EXIT_USAGE;
	}
	memset(req, 0, sizeof *req);
	req->dry_run = colo_opt_set(spec, v, "dry-run");
	req->json = colo_opt_set(spec, v, "json");
	if (colo_opt_set(spec, v, "offline"))
		ctx->offline = true;
	if (colo_opt_set(spec, v, "refresh"))
		ctx->refresh = true;
	return -1;
}

/* Points the batch's person at the stored person with the same ORCID (or
 * the same name and no ORCID), so one researcher stays one record. */
static int resolve_person(colo_ctx *ctx, colo_batch *b, long person)
{
	colo_error err;
	char *key = NULL;

	if (person < 0 || !b->people[person].orcid)
		return -1;
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	colo_error_clear(&err);
	if (!colo_store_ids_person_key(ctx->store, &b->people[person], &key, &err))
		return colo_ctx_fail(ctx, &err, NULL);
	if (key) {
		free(b->people[person].key);
		b->people[person].key = key;
	}
	return -1;
}

int cmd_import_orcid(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_import_req req;
	char orcid[COLO_ORCID_LEN];
	const char *base;
	struct colo_fetch *f;
	colo_fetch_resp resp;
	colo_orcid_codes codes = {0};
	colo_batch batch;
	colo_buf ans;
	colo_buf url, origin;
	colo_error err;
	long person = -1;
	size_t off;
	int rc;

	rc = start(ctx, &orcid_spec, argc, argv, &v, &req);
	if (rc >= 0)
		return rc;
	colo_error_clear(&err);
	if (!colo_orcid_parse(v.pos[0], strlen(v.pos[0]), orcid, &err))
		return colo_ctx_fail(ctx, &err, NULL);

	colo_batch_init(&batch);
	colo_buf_init(&ans, 0);
	colo_buf_init(&url, 0);
	colo_buf_init(&origin, 0);
	memset(&resp, 0, sizeof resp);
	f = colo_ctx_fetch(ctx);
	if (!f) {
		/* printed already; as in `import doi` */
		rc = ctx->offline ? COLO_EXIT_NET : COLO_EXIT_FAIL;
		goto done;
	}
	base = colo_fetch_base_url("orcid");
	colo_buf_printf(&origin, "%s/v3.0/%s", base, orcid);

	colo_buf_printf(&url, "%s/person", origin.data);
	rc = get_json(ctx, f, url.data, "ORCID record", &resp);
	if (rc >= 0)
		goto done;
	keep(&ans, &resp, &off);
	if (!colo_orcid_api_parse_person(resp.body.data, resp.body.len, orcid,
	                                 &batch, &person, &err)) {
		colo_fetch_forget(f, url.data, NULL);
		rc = colo_ctx_fail(ctx, &err, url.data);
		goto done;
	}
	colo_fetch_resp_cleanup(&resp);

	colo_buf_reset(&url);
	colo_buf_printf(&url, "%s/works", origin.data);
	rc = get_json(ctx, f, url.data, "ORCID works list", &resp);
	if (rc >= 0)
		goto done;
	keep(&ans, &resp, &off);
	if (!colo_orcid_api_parse_summaries(resp.body.data, resp.body.len, &codes,
	                                    &err)) {
		colo_fetch_forget(f, url.data, NULL);
		rc = colo_ctx_fail(ctx, &err, url.data);
		goto done;
	}
	colo_fetch_resp_cleanup(&resp);

	for (size_t i = 0; i < codes.n; i += COLO_ORCID_BULK) {
		size_t end = i + COLO_ORCID_BULK < codes.n ? i + COLO_ORCID_BULK
		                                           : codes.n;

		colo_buf_reset(&url);
		colo_buf_printf(&url, "%s/works/", origin.data);
		for (size_t k = i; k < end; k++)
			colo_buf_printf(&url, "%s%lld", k > i ? "," : "", codes.codes[k]);
		rc = get_json(ctx, f, url.data, "ORCID works", &resp);
		if (rc >= 0)
			goto done;
		keep(&ans, &resp, &off);
		if (!colo_orcid_api_parse_works(resp.body.data, resp.body.len, person,
		                                &batch, &err)) {
			colo_fetch_forget(f, url.data, NULL);
			rc = colo_ctx_fail(ctx, &err, url.data);
			goto done;
		}
		colo_fetch_resp_cleanup(&resp);
	}

	rc = resolve_person(ctx, &batch, person);
	if (rc >= 0)
		goto done;
	req.kind = "orcid";
	req.origin = origin.data;
	req.bytes = colo_buf_cstr(&ans);
	req.len = ans.len;
	rc = colo_cli_store_batch(ctx, &batch, &req);
done:
	colo_fetch_resp_cleanup(&resp);
	colo_orcid_codes_cleanup(&codes);
	colo_buf_cleanup(&origin);
	colo_buf_cleanup(&url);
	colo_buf_cleanup(&ans);
	colo_batch_cleanup(&batch);
	return rc;
}

/* ---- OpenAlex ------------------------------------------------------------ */

/* Appends s percent-encoded for a query value. */
static void put_query(colo_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
		    c == '~')
			colo_buf_putc(b, (char)c);
		else
			colo_buf_printf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

/* Saves the works' OpenAlex ids and their references; prints one line. */
static int link_refs(colo_ctx *ctx, const colo_batch *b,
                     const colo_openalex_ids *ids, const size_t *ref_base,
                     bool json)
{
	colo_ext_id *map = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *map);
	colo_ext_cite *cites = colo_xcalloc(ids->nrefs ? ids->nrefs : 1,
	                                    sizeof *cites);
	char **keys = colo_xcalloc(b->nworks + ids->nrefs + 1, sizeof *keys);
	size_t nmap = 0, ncites = 0, nkeys = 0;
	colo_ids_stats st;
	colo_error err;
	int rc = COLO_EXIT_OK;

	memset(&st, 0, sizeof st);
	colo_error_clear(&err);
	for (size_t i = 0; i < b->nworks && i < ids->nwork_ids; i++) {
		colo_buf k;

		if (!ids->work_ids[i] || !b->works[i].id)
			continue;
		colo_buf_init(&k, 0);
		colo_buf_printf(&k, "openalex:%s", ids->work_ids[i]);
		keys[nkeys] = colo_buf_steal(&k);
		map[nmap].ext = keys[nkeys++];
		map[nmap++].work = b->works[i].id;
	}
	for (size_t i = 0; i < ids->nrefs; i++) {
		const colo_openalex_ref *r = &ids->refs[i];
		colo_buf k;

		if (r->work < 0 || (size_t)r->work >= b->nworks ||
		    !b->works[r->work].id)
			continue;
		colo_buf_init(&k, 0);
		colo_buf_printf(&k, "openalex:%s", r->cited);
		keys[nkeys] = colo_buf_steal(&k);
		cites[ncites].from = b->works[r->work].id;
		cites[ncites].to = keys[nkeys++];
		cites[ncites].start = r->end ? ref_base[i] + r->start : 0;
		cites[ncites].end = r->end ? ref_base[i] + r->end : 0;
		ncites++;
	}
	/* The works' ids first: references within this import then find
	 * their targets, and references kept by earlier imports (to works
	 * only now stored) become links. */
	if (!colo_store_ids_put(ctx->store, map, nmap, &st, &err) ||
	    !colo_store_ids_cite(ctx->store, cites, ncites, b->source.id, &st,
	                         &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (!json)
		fprintf(ctx->out,
		        "cites links: %zu new; %zu referenced works not in the "
		        "store\n",
		        st.links_new, st.pending);
done:
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(cites);
	free(map);
	return rc;
}

int cmd_import_openalex(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_import_req req;
	char orcid[COLO_ORCID_LEN];
	char *short_id = NULL, *cursor = NULL;
	const char *base;
	struct colo_fetch *f;
	colo_fetch_resp resp;
	colo_openalex_author author = {NULL, NULL, -1};
	colo_openalex_ids ids;
	colo_batch batch;
	colo_buf ans;
	colo_buf url, origin;
	colo_error err;
	size_t off, *ref_base = NULL, capbase = 0;
	int rc, pages = 0;

	rc = start(ctx, &openalex_spec, argc, argv, &v, &req);
	if (rc >= 0)
		return rc;
	colo_error_clear(&err);
	orcid[0] = '\0';
	short_id = colo_openalex_short_id(v.pos[0]);
	if (!short_id || short_id[0] != 'A') {
		free(short_id);
		short_id = NULL;
		if (!colo_orcid_parse(v.pos[0], strlen(v.pos[0]), orcid, NULL))
			return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
			                       "'%s' is neither an OpenAlex author id "
			                       "(A5023888391) nor an ORCID iD",
			                       v.pos[0]);
	}

	colo_batch_init(&batch);
	colo_openalex_ids_init(&ids);
	colo_buf_init(&ans, 0);
	colo_buf_init(&url, 0);
	colo_buf_init(&origin, 0);
	memset(&resp, 0, sizeof resp);
	f = colo_ctx_fetch(ctx);
	if (!f) {
		/* printed already; as in `import doi` */
		rc = ctx->offline ? COLO_EXIT_NET : COLO_EXIT_FAIL;
		goto done;
	}
	base = colo_fetch_base_url("openalex");
	if (short_id)
		colo_buf_printf(&url, "%s/authors/%s", base, short_id);
	else
		colo_buf_printf(&url, "%s/authors/orcid:%s", base, orcid);
	rc = get_json(ctx, f, url.data, "OpenAlex author", &resp);
	if (rc >= 0)
		goto done;
	keep(&ans, &resp, &off);
	if (!colo_openalex_parse_author(resp.body.data, resp.body.len, &batch,
	                                &author, &err)) {
		colo_fetch_forget(f, url.data, NULL);
		rc = colo_ctx_fail(ctx, &err, url.data);
		goto done;
	}
	colo_fetch_resp_cleanup(&resp);
	colo_buf_printf(&origin, "%s/authors/%s", base, author.id);

	cursor = colo_xstrdup("*");
	while (cursor && pages < MAX_PAGES) {
		size_t before = ids.nrefs;

		colo_buf_reset(&url);
		colo_buf_printf(&url, "%s/works?filter=author.id:%s&per-page=200"
		                "&cursor=", base, author.id);
		put_query(&url, cursor);
		rc = get_json(ctx, f, url.data, "OpenAlex works", &resp);
		if (rc >= 0)
			goto done;
		keep(&ans, &resp, &off);
		if (!colo_openalex_parse_works(resp.body.data, resp.body.len, &author,
		                               &batch, &ids, &err)) {
			colo_fetch_forget(f, url.data, NULL);
			rc = colo_ctx_fail(ctx, &err, url.data);
			goto done;
		}
		colo_grow((void **)&ref_base, &capbase, ids.nrefs + 1,
		          sizeof *ref_base);
		for (size_t i = before; i < ids.nrefs; i++)
			ref_base[i] = off;
		pages++;
		/* No cursor, an empty page or the same cursor again ends the
		 * walk. */
		if (!ids.next_cursor || !ids.page_results ||
		    strcmp(ids.next_cursor, cursor) == 0) {
			free(cursor);
			cursor = NULL;
		} else {
			free(cursor);
			cursor = colo_xstrdup(ids.next_cursor);
		}
		colo_fetch_resp_cleanup(&resp);
	}

	if (cursor)
		fprintf(ctx->err,
		        "colophon: stopped after %d pages of works (%zu works); "
		        "the rest is not imported\n",
		        pages, batch.nworks);
	rc = resolve_person(ctx, &batch, author.person);
	if (rc >= 0)
		goto done;
	req.kind = "openalex";
	req.origin = origin.data;
	req.bytes = colo_buf_cstr(&ans);
	req.len = ans.len;
	rc = colo_cli_store_batch(ctx, &batch, &req);
	if (rc == COLO_EXIT_OK && !req.dry_run)
		rc = link_refs(ctx, &batch, &ids, ref_base, req.json);
done:
	free(ref_base);
	free(cursor);
	free(short_id);
	colo_fetch_resp_cleanup(&resp);
	colo_openalex_author_cleanup(&author);
	colo_openalex_ids_cleanup(&ids);
	colo_buf_cleanup(&origin);
	colo_buf_cleanup(&url);
	colo_buf_cleanup(&ans);
	colo_batch_cleanup(&batch);
	return rc;
}
