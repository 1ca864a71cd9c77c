/* cmd_enrich.c - `colophon enrich [--author NAME | KEY...]`: finds DOIs
 * and ISBNs for stored works that have neither.
 *
 * For each such work it asks Crossref (a bibliographic query: title,
 * first author, year ±1, five rows) and, for books, Open Library
 * (search.json: title and author), scores every candidate against the
 * stored work (core/similar.c) and accepts the best one above the
 * threshold.  Accepted candidates are merged into the stored work through
 * colo_cli_store_batch under the stored work's own key, so the normal
 * merge adds the DOI, ISBN, publisher... to it and never makes a second
 * work; the match is recorded on the work as {source, url, score, at},
 * and the work is re-keyed by its new DOI or ISBN (store_enrich.h).
 * The stored work keeps its creators (the candidate's names are not
 * merged, so no stray people are made).  --dry-run prints the candidates
 * and their scores and writes nothing.  Exit code: 0, also when some
 * works stay unmatched; else the first failure's (5 network, 3 an
 * unreadable answer, 6 a citation key that names no work). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/crossref.h"
#include "colophon/fetch.h"
#include "colophon/json.h"
#include "colophon/mem.h"
#include "colophon/openlibrary.h"
#include "colophon/similar.h"
#include "colophon/store_enrich.h"
#include "people.h"

#define MAX_CANDIDATES 5

static const colo_opt enrich_opts[] = {
	{"author", 0, COLO_OPT_VALUE, "NAME", "only this person's works"},
	{"person", 0, COLO_OPT_VALUE, "ID",
	 "the person's id, when several people match NAME"},
	{"dry-run", 'n', COLO_OPT_FLAG, NULL,
	 "show the candidates and their scores; write nothing"},
	{"json", 0, COLO_OPT_FLAG, NULL, "print the result as JSON"},
	{"offline", 0, COLO_OPT_FLAG, NULL,
	 "never touch the network (answers from the cache only)"},
	{"refresh", 0, COLO_OPT_FLAG, NULL,
	 "fetch again even when a cached answer exists"},
	{0},
};

const colo_cmdspec cmd_enrich_spec = {
	"enrich",
	"enrich [--author NAME | KEY...] [--dry-run] [--json] [--offline]",
	"Find DOIs and ISBNs for stored works that have neither, in Crossref\n"
	"and Open Library, and merge the best match into each work.",
	"Works: every work without a DOI or ISBN, or only those of --author\n"
	"NAME, or the works with the citation keys KEY...  Each is looked up in\n"
	"Crossref (title, first author's family name, year within one) and,\n"
	"for books, in Open Library (title and author).  Each candidate is\n"
	"scored 0.6 title + 0.2 year + 0.2 names (docs/ONLINE.md): a match\n"
	"needs a score of at least 0.85 and a title similarity of at least\n"
	"0.75.  The best match is merged into the work (its DOI, ISBN,\n"
	"publisher, container... fill what the work lacks; differing values\n"
	"are kept as alternatives) and recorded as match {source, url, score,\n"
	"at}.  A match that is already another stored work is not merged.\n"
	"Works without a match are listed.  --dry-run prints every\n"
	"candidate with its score and writes nothing.\n"
	"exit codes: 0 done (also with unmatched works); 2 usage; 3 an\n"
	"unreadable answer; 4 database; 5 network (or --offline with nothing\n"
	"cached); 6 a KEY that names no work.\n",
	enrich_opts,
};

typedef struct cand {
	const char *source; /* "crossref" or "openlibrary" */
	const char *url;    /* the query that found it; borrowed from result */
	colo_batch *from;   /* the batch holding the work */
	size_t index;
	colo_similar_score score;
	bool accepted;
} cand;

typedef struct result {
	const colo_work *work; /* the stored work (borrowed from the list) */
	char *urls[2];         /* the queries made */
	colo_batch found[2];   /* what each answered */
	colo_buf body[2];      /* the answers' bytes (the source of a match) */
	cand cands[2 * MAX_CANDIDATES + 2];
	size_t ncands;
	long best; /* index into cands of the accepted one, or -1 */
	bool failed;
	char *taken; /* the best match is already another work's: its key */
	char *new_key; /* the work's key once the match's DOI/ISBN is merged */
} result;

typedef struct enrich {
	colo_ctx *ctx;
	struct colo_fetch *fetch;
	colo_buf bytes, origin;
	int first_fail;
} enrich;

static void failed(enrich *e, result *r, int code)
{
	if (!e->first_fail)
		e->first_fail = code;
	r->failed = true;
}

/* Appends s percent-encoded for a query value (space as %20). */
static void put_q(colo_buf *u, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			colo_buf_putc(u, (char)*p);
		} else {
			colo_buf_putc(u, '%');
			colo_buf_putc(u, hex[*p >> 4]);
			colo_buf_putc(u, hex[*p & 15]);
		}
	}
}

static const char *first_family(const colo_work *w)
{
	for (size_t i = 0; i < w->ncreators; i++) {
		const colo_name *n = &w->creators[i].name;

		if (n->family && *n->family)
			return n->family;
		if (n->literal && *n->literal)
			return n->literal;
	}
	return NULL;
}

static char *full_title(const colo_work *w)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_puts(&b, w->title ? w->title : "");
	if (w->subtitle && *w->subtitle)
		colo_buf_printf(&b, ": %s", w->subtitle);
	return colo_buf_steal(&b);
}

static char *crossref_query(const colo_work *w)
{
	const char *fam = first_family(w);
	char *title = full_title(w);
	colo_buf u;

	colo_buf_init(&u, 0);
	colo_buf_printf(&u, "%s/works?query.bibliographic=",
	                colo_fetch_base_url("crossref"));
	put_q(&u, title);
	if (fam) {
		colo_buf_puts(&u, "&query.author=");
		put_q(&u, fam);
	}
	if (w->year > 0)
		colo_buf_printf(&u,
		                "&filter=from-pub-date:%d,until-pub-date:%d",
		                w->year - 1, w->year + 1);
	colo_buf_printf(&u, "&rows=%d", MAX_CANDIDATES);
	free(title);
	return colo_buf_steal(&u);
}

static char *openlibrary_query(const colo_work *w)
{
	const char *fam = first_family(w);
	colo_buf u;

	colo_buf_init(&u, 0);
	colo_buf_printf(&u, "%s/search.json?title=",
	                colo_fetch_base_url("openlibrary"));
	put_q(&u, w->title ? w->title : "");
	if (fam) {
		colo_buf_puts(&u, "&author=");
		put_q(&u, fam);
	}
	colo_buf_printf(&u,
	                "&fields=key,title,subtitle,author_name,"
	                "first_publish_year,publisher,publish_place,isbn"
	                "&limit=%d",
	                MAX_CANDIDATES);
	return colo_buf_steal(&u);
}

/* Books (and works of unknown type) are looked up in Open Library too. */
static bool bookish(const colo_work *w)
{
	return !w->type || strcmp(w->type, "book") == 0;
}

/* Fetches one query and reads its candidates into r->found[slot]. */
static void ask(enrich *e, result *r, int slot, const char *source)
{
	colo_fetch_resp resp;
	colo_error err;
	const char *url = r->urls[slot];
	bool ok;

	colo_error_clear(&err);
	if (!colo_fetch_get(e->fetch, url, "application/json", &resp, &err)) {
		if (err.code == COLO_ENOTFOUND) {
			/* A search that finds nothing is not a failure. */
			colo_fetch_resp_cleanup(&resp);
			return;
		}
		failed(e, r, colo_ctx_fail(e->ctx, &err, NULL));
		colo_fetch_resp_cleanup(&resp);
		return;
	}
	if (strcmp(source, "crossref") == 0)
		ok = colo_crossref_parse(resp.body.data ? resp.body.data : "",
		                         resp.body.len, &r->found[slot], &err);
	else
		ok = colo_openlibrary_parse_search(
			resp.body.data ? resp.body.data : "", resp.body.len,
			colo_fetch_base_url("openlibrary"), &r->found[slot], &err);
	if (!ok) {
		failed(e, r, colo_ctx_fail(e->ctx, &err, url));
		colo_fetch_forget(e->fetch, url, NULL);
		/* Nothing from an unreadable answer is used. */
		colo_batch_cleanup(&r->found[slot]);
		colo_batch_init(&r->found[slot]);
	} else {
		colo_buf_append(&r->body[slot], resp.body.data ? resp.body.data : "",
		                resp.body.len);
	}
	for (size_t i = 0; i < r->found[slot].nworks && i < MAX_CANDIDATES;
	     i++) {
		cand *c = &r->cands[r->ncands++];

		c->source = source;
		c->url = url;
		c->from = &r->found[slot];
		c->index = i;
		colo_similar_works(r->work, &r->found[slot].works[i], &c->score);
	}
	colo_fetch_resp_cleanup(&resp);
}

static void look_up(enrich *e, result *r)
{
	r->best = -1;
	for (int i = 0; i < 2; i++) {
		colo_batch_init(&r->found[i]);
		colo_buf_init(&r->body[i], 0);
	}
	r->urls[0] = crossref_query(r->work);
	ask(e, r, 0, "crossref");
	if (bookish(r->work)) {
		r->urls[1] = openlibrary_query(r->work);
		ask(e, r, 1, "openlibrary");
	}
	/* The best accepted candidate; on a tie the earlier (Crossref, then
	 * the service's own ranking) wins. */
	for (size_t i = 0; i < r->ncands; i++) {
		cand *c = &r->cands[i];

		if (!colo_similar_accept(&c->score))
			continue;
		if (r->best < 0 ||
		    c->score.total > r->cands[r->best].score.total + 1e-9)
			r->best = (long)i;
	}
	if (r->best >= 0)
		r->cands[r->best].accepted = true;
}

static bool same_id(const char *a, const char *b)
{
	return a && b && *a && strcmp(a, b) == 0;
}

/* A best match that is already another work -- stored (by its DOI or
 * ISBN, or the duplicate rule), or matched to an earlier work of this
 * run -- is not merged: two works would carry one identifier.  Sets
 * r->taken to that work's key and drops the match. */
static bool check_taken(enrich *e, result *r, result *done, size_t ndone)
{
	cand *c;
	const colo_work *cw;
	colo_work_match *m = NULL;
	colo_error err;

	if (r->best < 0)
		return true;
	c = &r->cands[r->best];
	cw = &c->from->works[c->index];
	for (size_t i = 0; i < ndone && !r->taken; i++) {
		const colo_work *o;

		if (done[i].best < 0)
			continue;
		o = &done[i].cands[done[i].best].from->works[
			done[i].cands[done[i].best].index];
		if (same_id(cw->doi, o->doi) || same_id(cw->isbn, o->isbn))
			r->taken = colo_xstrdup(done[i].work->citekey
			                            ? done[i].work->citekey
			                            : done[i].work->id);
	}
	colo_error_clear(&err);
	if (!r->taken) {
		if (!colo_store_match_works(e->ctx->store, c->from, &m, &err)) {
			colo_ctx_fail(e->ctx, &err, NULL);
			return false;
		}
		if (m[c->index].kind != COLO_MATCH_NEW && m[c->index].id &&
		    strcmp(m[c->index].id, r->work->id) != 0)
			r->taken = colo_xstrdup(m[c->index].citekey
			                            ? m[c->index].citekey
			                            : m[c->index].id);
		colo_work_matches_free(m, c->from->nworks);
	}
	if (r->taken) {
		c->accepted = false;
		r->best = -1;
	}
	return true;
}

static void result_cleanup(result *r)
{
	free(r->taken);
	free(r->new_key);
	for (int i = 0; i < 2; i++) {
		free(r->urls[i]);
		colo_batch_cleanup(&r->found[i]);
		colo_buf_cleanup(&r->body[i]);
	}
}

static const colo_work *cand_work(const cand *c)
{
	return &c->from->works[c->index];
}

/* "doi 10.1/x", "isbn 978...", else the URL or "-". */
static void put_ident(colo_buf *out, const colo_work *w)
{
	if (w->doi)
		colo_buf_printf(out, "doi %s", w->doi);
	else if (w->isbn)
		colo_buf_printf(out, "isbn %s", w->isbn);
	else
		colo_buf_puts(out, w->url ? w->url : "-");
}

static void put_work_line(colo_buf *out, const colo_work *w)
{
	char *t = full_title(w);

	colo_buf_printf(out, "%s", t);
	if (w->year)
		colo_buf_printf(out, " (%d)", w->year);
	free(t);
}

static void text_report(colo_buf *out, result *res, size_t n, bool dry)
{
	size_t matched = 0, nfailed = 0;

	for (size_t i = 0; i < n; i++) {
		result *r = &res[i];
		const char *key = r->work->citekey ? r->work->citekey : r->work->id;

		if (dry) {
			colo_buf_printf(out, "%s: ", key);
			put_work_line(out, r->work);
			colo_buf_putc(out, '\n');
			if (!r->ncands)
				colo_buf_puts(out, "  no candidates\n");
			for (size_t k = 0; k < r->ncands; k++) {
				const cand *c = &r->cands[k];

				colo_buf_printf(out, "  %.2f %-6s %-11s ", c->score.total,
				                c->accepted ? "accept" : "-", c->source);
				put_ident(out, cand_work(c));
				colo_buf_puts(out, "  ");
				put_work_line(out, cand_work(c));
				colo_buf_printf(out,
				                "  [title %.2f, year %.2f, names %.2f]\n",
				                c->score.title, c->score.year,
				                c->score.names);
			}
			if (r->taken)
				colo_buf_printf(out,
				                "  (the best match is already %s: not "
				                "merged)\n",
				                r->taken);
		} else if (r->best >= 0) {
			const cand *c = &r->cands[r->best];

			colo_buf_printf(out, "matched   %s: %s ", key, c->source);
			put_ident(out, cand_work(c));
			colo_buf_printf(out, " (score %.2f)\n", c->score.total);
		} else if (!r->failed) {
			colo_buf_printf(out, "unmatched %s: ", key);
			put_work_line(out, r->work);
			if (r->taken)
				colo_buf_printf(out, "; its best match is already %s",
				                r->taken);
			colo_buf_putc(out, '\n');
		}
		matched += r->best >= 0;
		nfailed += r->best < 0 && r->failed;
	}
	colo_buf_printf(out, "%s %zu of %zu works; %zu unmatched",
	                dry ? "would enrich" : "enriched", matched, n,
	                n - matched - nfailed);
	if (nfailed)
		colo_buf_printf(out, ", %zu with lookup errors (above)",
		                nfailed);
	colo_buf_putc(out, '\n');
}

static void json_cand(colo_json *j, const cand *c)
{
	const colo_work *w = cand_work(c);

	colo_json_begin_object(j);
	colo_json_kv_str(j, "source", c->source);
	colo_json_kv_str(j, "url", c->url);
	colo_json_key(j, "score");
	colo_json_double(j, c->score.total);
	colo_json_key(j, "title-score");
	colo_json_double(j, c->score.title);
	colo_json_key(j, "year-score");
	colo_json_double(j, c->score.year);
	colo_json_key(j, "names-score");
	colo_json_double(j, c->score.names);
	colo_json_key(j, "accepted");
	colo_json_bool(j, c->accepted);
	colo_json_kv_str(j, "title", w->title);
	colo_json_kv_str(j, "subtitle", w->subtitle);
	colo_json_kv_int(j, "year", w->year);
	colo_json_kv_str(j, "DOI", w->doi);
	colo_json_kv_str(j, "ISBN", w->isbn);
	colo_json_end_object(j);
}

/* Everything but the store's summary; json_report_end closes it. */
static void json_report(colo_json *jp, colo_buf *out, result *res, size_t n,
                        bool dry)
{
	colo_json j;
	size_t matched = 0, nfailed = 0;

	colo_json_init(&j, out, true);
	colo_json_begin_object(&j);
	colo_json_key(&j, "dry-run");
	colo_json_bool(&j, dry);
	colo_json_key(&j, "works");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < n; i++) {
		result *r = &res[i];

		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "citation-key", r->work->citekey);
		colo_json_kv_str(&j, "id", r->work->id);
		colo_json_kv_str(&j, "title", r->work->title);
		colo_json_kv_int(&j, "year", r->work->year);
		colo_json_kv_str(&j, "status", r->best >= 0 ? "matched"
		                               : r->failed  ? "failed"
		                                            : "unmatched");
		if (r->taken)
			colo_json_kv_str(&j, "match-already", r->taken);
		colo_json_key(&j, "candidates");
		colo_json_begin_array(&j);
		for (size_t k = 0; k < r->ncands; k++)
			json_cand(&j, &r->cands[k]);
		colo_json_end_array(&j);
		colo_json_end_object(&j);
		matched += r->best >= 0;
		nfailed += r->best < 0 && r->failed;
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "matched");
	colo_json_int(&j, (long long)matched);
	colo_json_key(&j, "unmatched");
	colo_json_int(&j, (long long)(n - matched - nfailed));
	colo_json_key(&j, "failed");
	colo_json_int(&j, (long long)nfailed);
	*jp = j;
}

static void json_report_end(colo_json *j, colo_buf *out, const char *summary)
{
	if (summary && *summary) {
		/* The store's own summary object (docs/OUTPUT.md), as is. */
		size_t len = strlen(summary);

		colo_json_key(j, "stored");
		while (len && summary[len - 1] == '\n')
			len--;
		colo_buf_append(out, summary, len);
		j->after_key = false;
	}
	colo_json_end_object(j);
}

/* Gives the candidate the stored work's title, subtitle and creators, so
 * the merge adds identifiers and details without splitting a title
 * differently ("Grounded: The Case..." vs "Grounded" + subtitle) or
 * making people out of another spelling of the same names. */
static void keep_stored(colo_work *cw, const colo_work *stored)
{
	colo_set_str(&cw->title, stored->title);
	colo_set_str(&cw->subtitle, stored->subtitle);
	free(cw->title_markup);
	cw->title_markup = NULL;
	for (size_t i = 0; i < cw->ncreators; i++)
		colo_name_cleanup(&cw->creators[i].name);
	for (size_t i = 0; i < cw->ncreators; i++)
		free(cw->creators[i].person_id);
	cw->ncreators = 0;
	for (size_t i = 0; i < stored->ncreators; i++) {
		colo_creator *c = colo_work_add_creator(cw, stored->creators[i].role);

		colo_name_copy(&c->name, &stored->creators[i].name);
		c->person_id = colo_xstrdup(stored->creators[i].person_id);
	}
}

/* Merges the accepted candidates and records the matches.  The summary
 * colo_cli_store_batch prints is captured into *summary. */
static int store_matches(enrich *e, result *res, size_t n, bool json,
                         char **summary)
{
	colo_batch b;
	colo_error err;
	FILE *mem, *saved = e->ctx->out;
	size_t memlen = 0;
	int rc;

	*summary = NULL;
	colo_batch_init(&b);
	for (size_t i = 0; i < n; i++) {
		cand *c;
		colo_work *w;

		if (res[i].best < 0)
			continue;
		c = &res[i].cands[res[i].best];
		w = &c->from->works[c->index];
		keep_stored(w, res[i].work);
		/* The key the work has by DESIGN once it has an identifier
		 * (the stored work had neither DOI nor ISBN). */
		if ((w->doi && *w->doi) || (w->isbn && *w->isbn)) {
			free(w->key);
			w->key = NULL;
			res[i].new_key = colo_work_key(w);
		}
		free(w->citekey);
		w->citekey = colo_xstrdup(res[i].work->citekey);
		/* Under the stored work's key: merged into it, never beside. */
		colo_set_str(&w->key, res[i].work->key);
		colo_cli_batch_take(&b, c->from, c->index);
		colo_buf_printf(&e->origin, "%s%s", e->origin.len ? " " : "",
		                c->url);
		/* The source: the answers the matches came from. */
		{
			const colo_buf *body = &res[i].body[c->from - res[i].found];

			colo_buf_append(&e->bytes, colo_buf_cstr(body), body->len);
			colo_buf_putc(&e->bytes, '\n');
		}
	}
	if (!b.nworks) {
		colo_batch_cleanup(&b);
		return COLO_EXIT_OK;
	}
	mem = open_memstream(summary, &memlen);
	if (mem)
		e->ctx->out = mem;
	{
		colo_import_req req = {"enrich", colo_buf_cstr(&e->origin),
		                       colo_buf_cstr(&e->bytes), e->bytes.len,
		                       false, json};

		rc = colo_cli_store_batch(e->ctx, &b, &req);
	}
	if (mem) {
		e->ctx->out = saved;
		fclose(mem);
	}
	colo_batch_cleanup(&b);
	if (rc != COLO_EXIT_OK)
		return rc;
	colo_error_clear(&err);
	for (size_t i = 0; i < n; i++) {
		const cand *c;
		bool ok;

		if (res[i].best < 0)
			continue;
		c = &res[i].cands[res[i].best];
		ok = colo_store_set_match(e->ctx->store, res[i].work->id, c->source,
		                          c->url, c->score.total, res[i].new_key,
		                          &err);
		if (!ok)
			return colo_ctx_fail(e->ctx, &err, NULL);
	}
	return COLO_EXIT_OK;
}

int cmd_enrich(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	const char *author, *person;
	colo_person who;
	bool have_person = false, dry, json;
	colo_work_list works;
	result *res = NULL;
	size_t nres = 0;
	colo_error err;
	enrich e;
	colo_buf out;
	char *summary = NULL;
	colo_json jr;
	int rc = colo_opts_parse(ctx, &cmd_enrich_spec, argc, argv, &v);

	if (rc >= 0)
		return rc;
	author = colo_opt_value(&cmd_enrich_spec, &v, "author");
	person = colo_opt_value(&cmd_enrich_spec, &v, "person");
	dry = colo_opt_set(&cmd_enrich_spec, &v, "dry-run");
	json = colo_opt_set(&cmd_enrich_spec, &v, "json");
	if (author && v.npos)
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "enrich: give --author NAME or citation keys, "
		                       "not both");
	if (person && !author)
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "enrich: --person needs --author");
	if (colo_opt_set(&cmd_enrich_spec, &v, "offline"))
		ctx->offline = true;
	if (colo_opt_set(&cmd_enrich_spec, &v, "refresh"))
		ctx->refresh = true;
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	if (author) {
		rc = colo_cli_resolve_person(ctx, author, person, &who);
		if (rc >= 0)
			return rc;
		have_person = true;
	}

	memset(&e, 0, sizeof e);
	e.ctx = ctx;
	colo_buf_init(&e.bytes, 0);
	colo_buf_init(&e.origin, 0);
	colo_buf_init(&out, 0);
	colo_work_list_init(&works);
	colo_error_clear(&err);
	rc = COLO_EXIT_OK;
	if (!colo_store_enrich_works(ctx->store, have_person ? who.id : NULL,
	                             v.pos, (size_t)v.npos, &works, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	res = colo_xcalloc(works.n ? works.n : 1, sizeof *res);
	/* Citation keys: the ones that name nothing, or need nothing. */
	for (int i = 0; i < v.npos; i++) {
		bool seen = false;

		for (size_t k = 0; k < works.n && !seen; k++)
			seen = works.items[k].citekey &&
			       strcmp(works.items[k].citekey, v.pos[i]) == 0;
		if (!seen && !e.first_fail)
			e.first_fail = COLO_EXIT_NOTFOUND;
		if (!seen)
			colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND,
			                "no work with citation key '%s'", v.pos[i]);
	}
	for (size_t k = 0; k < works.n; k++) {
		const colo_work *w = &works.items[k];

		if ((w->doi && *w->doi) || (w->isbn && *w->isbn)) {
			colo_ctx_errorf(ctx, 0, "%s already has %s %s; skipped",
			                w->citekey ? w->citekey : w->id,
			                w->doi ? "DOI" : "ISBN", w->doi ? w->doi : w->isbn);
			continue;
		}
		if (!w->title || !*w->title) {
			colo_ctx_errorf(ctx, 0, "%s has no title to look up; skipped",
			                w->citekey ? w->citekey : w->id);
			continue;
		}
		res[nres++].work = w;
	}
	if (nres == 0) {
		if (!v.npos && !json)
			fprintf(ctx->out, "nothing to enrich: every work has a DOI or "
			                  "an ISBN\n");
		if (json) {
			colo_json j;

			json_report(&j, &out, res, 0, dry);
			json_report_end(&j, &out, NULL);
			colo_emit(ctx, &out);
		}
		rc = e.first_fail;
		goto done;
	}
	e.fetch = colo_ctx_fetch(ctx);
	if (!e.fetch) {
		rc = ctx->offline ? COLO_EXIT_NET : COLO_EXIT_FAIL;
		goto done;
	}
	for (size_t i = 0; i < nres; i++) {
		look_up(&e, &res[i]);
		if (!check_taken(&e, &res[i], res, i)) {
			rc = COLO_EXIT_DB;
			goto done;
		}
	}
	/* The report is made before storing: storing takes the accepted
	 * candidates out of their batches. */
	if (json)
		json_report(&jr, &out, res, nres, dry);
	else
		text_report(&out, res, nres, dry);
	if (!dry) {
		rc = store_matches(&e, res, nres, json, &summary);
		if (rc != COLO_EXIT_OK)
			goto done;
	}
	if (json)
		json_report_end(&jr, &out, summary);
	else if (summary)
		colo_buf_puts(&out, summary);
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
	else
		rc = e.first_fail;
done:
	for (size_t i = 0; i < nres; i++)
		result_cleanup(&res[i]);
	free(res);
	free(summary);
	colo_work_list_cleanup(&works);
	if (have_person)
		colo_person_cleanup(&who);
	colo_buf_cleanup(&out);
	colo_buf_cleanup(&e.origin);
	colo_buf_cleanup(&e.bytes);
	return rc;
}
