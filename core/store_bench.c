/* store_bench.c - bulk loads and query plans for the benchmarks in bench/
 * (store_bench.h).
 *
 * The documents are the ones colo_store_save_batch writes for a new
 * record without a source: store.c's build_person, build_venue and
 * build_work, in their field order, with `tokens` for search.  The
 * explain functions rebuild the filters of store.c, store_query.c,
 * store_search.c and store_export.c (they are static there); keep them in
 * step when those queries change.
 *
 * Not for imports: nothing is looked up or merged. */
#include "colophon/store_bench.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mongoc/mongoc.h>

#include "colophon/mem.h"
#include "colophon/name.h"
#include "store_priv.h"

static void put_s(bson_t *d, const char *k, const char *v)
{
	if (v && *v)
		BSON_APPEND_UTF8(d, k, v);
}

static void put_i(bson_t *d, const char *k, int v)
{
	if (v)
		BSON_APPEND_INT64(d, k, (int64_t)v);
}

static int64_t now_ms(void)
{
	return (int64_t)time(NULL) * 1000;
}

/* One bulk insert of n documents built by build(i, doc). */
static bool bulk_insert(colo_store *s, mongoc_collection_t *c,
                        const char *what, size_t n,
                        void (*build)(const void *recs, size_t i, bson_t *d,
                                      int64_t created),
                        const void *recs, colo_error *err)
{
	bson_t *opts = BCON_NEW("ordered", BCON_BOOL(false));
	mongoc_bulk_operation_t *bulk;
	int64_t created = now_ms();
	bson_error_t e;
	bool ok = true;

	if (!n) {
		bson_destroy(opts);
		return true;
	}
	bulk = mongoc_collection_create_bulk_operation_with_opts(c, opts);
	for (size_t i = 0; i < n && ok; i++) {
		bson_t d = BSON_INITIALIZER;

		build(recs, i, &d, created);
		if (!mongoc_bulk_operation_insert_with_opts(bulk, &d, NULL, &e)) {
			colo_store_fail(s, err, &e, "cannot queue %s %zu", what, i);
			ok = false;
		}
		bson_destroy(&d);
	}
	if (ok && !mongoc_bulk_operation_execute(bulk, NULL, &e)) {
		colo_store_fail(s, err, &e, "cannot insert %zu %s", n, what);
		ok = false;
	}
	mongoc_bulk_operation_destroy(bulk);
	bson_destroy(opts);
	return ok;
}

static void str_array(bson_t *d, const char *field, char *const *v, size_t n)
{
	bson_t arr;
	char idx[16];
	const char *k;

	BSON_APPEND_ARRAY_BEGIN(d, field, &arr);
	for (size_t i = 0; i < n; i++) {
		bson_uint32_to_string((uint32_t)i, &k, idx, sizeof idx);
		BSON_APPEND_UTF8(&arr, k, v[i]);
	}
	bson_append_array_end(d, &arr);
}

static void person_doc(const void *recs, size_t i, bson_t *d, int64_t created)
{
	const colo_person *p = (const colo_person *)recs + i;
	char *fam = colo_name_family_norm(&p->name);
	char *display = colo_name_display(&p->name);

	BSON_APPEND_UTF8(d, "_id", p->id ? p->id : p->key);
	BSON_APPEND_UTF8(d, "key", p->key);
	BSON_APPEND_DATE_TIME(d, "created", created);
	put_s(d, "honorific", p->honorific);
	put_s(d, "given", p->name.given);
	put_s(d, "family", p->name.family);
	put_s(d, "particle", p->name.particle);
	put_s(d, "suffix", p->name.suffix);
	put_s(d, "literal", p->name.literal);
	BSON_APPEND_UTF8(d, "family_norm", fam ? fam : "");
	put_s(d, "display", display);
	put_s(d, "orcid", p->orcid);
	if (p->honorific)
		str_array(d, "honorifics", (char *const *)&p->honorific, 1);
	if (p->nvariants)
		str_array(d, "variants", p->variants, p->nvariants);
	free(fam);
	free(display);
}

static void venue_doc(const void *recs, size_t i, bson_t *d, int64_t created)
{
	const colo_venue *v = (const colo_venue *)recs + i;
	bson_t arr;
	char idx[16];
	const char *k;
	uint32_t n = 0;

	BSON_APPEND_UTF8(d, "_id", v->id ? v->id : v->key);
	BSON_APPEND_UTF8(d, "key", v->key);
	BSON_APPEND_DATE_TIME(d, "created", created);
	put_s(d, "name", v->name);
	put_s(d, "kind", v->kind);
	put_s(d, "edition", v->edition);
	put_s(d, "issn", v->issn);
	put_s(d, "url", v->url);
	BSON_APPEND_ARRAY_BEGIN(d, "aliases", &arr);
	if (v->name) {
		bson_uint32_to_string(n++, &k, idx, sizeof idx);
		BSON_APPEND_UTF8(&arr, k, v->name);
	}
	for (size_t j = 0; j < v->naliases; j++) {
		if (v->name && strcmp(v->aliases[j], v->name) == 0)
			continue;
		bson_uint32_to_string(n++, &k, idx, sizeof idx);
		BSON_APPEND_UTF8(&arr, k, v->aliases[j]);
	}
	bson_append_array_end(d, &arr);
}

static void work_doc(const void *recs, size_t i, bson_t *d, int64_t created)
{
	const colo_work *w = (const colo_work *)recs + i;
	char *key = w->key ? colo_xstrdup(w->key) : colo_work_key(w);
	colo_strv tv = {0};

	BSON_APPEND_UTF8(d, "_id", w->id ? w->id : key);
	BSON_APPEND_UTF8(d, "key", key);
	BSON_APPEND_DATE_TIME(d, "created", created);
	BSON_APPEND_UTF8(d, "citekey", w->citekey);
	put_s(d, "type", w->type);
	put_s(d, "title", w->title);
	put_s(d, "subtitle", w->subtitle);
	if (w->title && *w->title) {
		char *tn = colo_work_title_norm(w);

		put_s(d, "title_norm", tn);
		free(tn);
	}
	if (w->year || w->month || w->day) {
		bson_t issued;

		BSON_APPEND_DOCUMENT_BEGIN(d, "issued", &issued);
		put_i(&issued, "y", w->year);
		put_i(&issued, "m", w->month);
		put_i(&issued, "d", w->day);
		bson_append_document_end(d, &issued);
	}
	put_s(d, "publisher", w->publisher);
	put_s(d, "place", w->place);
	put_s(d, "container", w->container);
	put_s(d, "venue", w->venue_id);
	put_s(d, "volume", w->volume);
	put_s(d, "issue", w->issue);
	put_s(d, "pages", w->pages);
	put_s(d, "edition", w->edition);
	put_s(d, "doi", w->doi);
	put_s(d, "isbn", w->isbn);
	put_s(d, "issn", w->issn);
	put_s(d, "url", w->url);
	put_s(d, "note", w->note);
	put_s(d, "title_markup", w->title_markup);
	put_s(d, "genre", w->genre);
	put_s(d, "series", w->series);
	put_s(d, "abstract", w->abstract);
	put_s(d, "language", w->language);
	put_s(d, "archive", w->archive);
	put_s(d, "eprint", w->eprint);
	put_s(d, "crossref", w->crossref);
	if (w->ncreators) {
		bson_t arr;

		BSON_APPEND_ARRAY_BEGIN(d, "creators", &arr);
		for (size_t j = 0; j < w->ncreators; j++) {
			const colo_creator *c = &w->creators[j];
			char idx[16];
			const char *k;
			bson_t cd;

			bson_uint32_to_string((uint32_t)j, &k, idx, sizeof idx);
			BSON_APPEND_DOCUMENT_BEGIN(&arr, k, &cd);
			BSON_APPEND_UTF8(&cd, "role", colo_creator_role_name(c->role));
			put_s(&cd, "person", c->person_id);
			put_s(&cd, "family", c->name.family);
			put_s(&cd, "given", c->name.given);
			put_s(&cd, "particle", c->name.particle);
			put_s(&cd, "suffix", c->name.suffix);
			put_s(&cd, "literal", c->name.literal);
			bson_append_document_end(&arr, &cd);
		}
		bson_append_array_end(d, &arr);
	}
	colo_search_work_tokens(w, &tv);
	if (tv.n)
		str_array(d, "tokens", tv.items, tv.n);
	colo_strv_cleanup(&tv);
	free(key);
}

bool colo_store_bench_insert_people(colo_store *s, const colo_person *p,
                                    size_t n, colo_error *err)
{
	return bulk_insert(s, s->people, "people", n, person_doc, p, err);
}

bool colo_store_bench_insert_venues(colo_store *s, const colo_venue *v,
                                    size_t n, colo_error *err)
{
	return bulk_insert(s, s->venues, "venues", n, venue_doc, v, err);
}

static void citekey_doc(const void *recs, size_t i, bson_t *d, int64_t created)
{
	const colo_work *w = (const colo_work *)recs + i;
	char *key = w->key ? colo_xstrdup(w->key) : colo_work_key(w);

	(void)created;
	BSON_APPEND_UTF8(d, "_id", w->citekey);
	BSON_APPEND_UTF8(d, "work", w->id ? w->id : key);
	free(key);
}

bool colo_store_bench_insert_works(colo_store *s, const colo_work *w,
                                   size_t n, colo_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (!w[i].citekey || !*w[i].citekey) {
			colo_error_set(err, COLO_EINPUT, "work %zu has no citation key", i);
			return false;
		}
	return bulk_insert(s, s->works, "works", n, work_doc, w, err) &&
	       bulk_insert(s, s->citekeys, "citation keys", n, citekey_doc, w, err);
}

typedef struct postings_recs {
	const char *const *person_ids;
	const char *const *const *work_ids;
	const size_t *nworks;
} postings_recs;

static void postings_doc(const void *recs, size_t i, bson_t *d,
                         int64_t created)
{
	const postings_recs *r = recs;

	(void)created;
	BSON_APPEND_UTF8(d, "_id", r->person_ids[i]);
	str_array(d, "works", (char *const *)r->work_ids[i], r->nworks[i]);
}

bool colo_store_bench_insert_postings(colo_store *s,
                                      const char *const *person_ids,
                                      const char *const *const *work_ids,
                                      const size_t *nworks, size_t n,
                                      colo_error *err)
{
	postings_recs r = {person_ids, work_ids, nworks};

	return bulk_insert(s, s->person_works, "person works", n, postings_doc, &r,
	                   err);
}

typedef struct names_recs {
	const colo_person *p;
	char **fam;      /* fam[i]: family_norm of p[i] */
	size_t *order;   /* people sorted by family_norm */
	size_t *start;   /* group g is order[start[g] .. start[g + 1]) */
} names_recs;

static void names_doc(const void *recs, size_t g, bson_t *d, int64_t created)
{
	const names_recs *r = recs;
	bson_t arr, entry;
	char idx[16];
	const char *k;

	(void)created;
	BSON_APPEND_UTF8(d, "_id", r->fam[r->order[r->start[g]]]);
	BSON_APPEND_ARRAY_BEGIN(d, "people", &arr);
	for (size_t j = r->start[g]; j < r->start[g + 1]; j++) {
		const colo_person *p = &r->p[r->order[j]];

		bson_uint32_to_string((uint32_t)(j - r->start[g]), &k, idx, sizeof idx);
		BSON_APPEND_DOCUMENT_BEGIN(&arr, k, &entry);
		colo_store_name_entry(&entry, p->id ? p->id : p->key, &p->name);
		bson_append_document_end(&arr, &entry);
	}
	bson_append_array_end(d, &arr);
}

static char **sort_fam;

static int fam_cmp(const void *x, const void *y)
{
	return strcmp(sort_fam[*(const size_t *)x], sort_fam[*(const size_t *)y]);
}

bool colo_store_bench_insert_names(colo_store *s, const colo_person *p,
                                   size_t n, colo_error *err)
{
	names_recs r;
	size_t ng = 0, m = 0;
	bool ok = true;

	r.p = p;
	r.fam = colo_xcalloc(n ? n : 1, sizeof *r.fam);
	r.order = colo_xcalloc(n ? n : 1, sizeof *r.order);
	r.start = colo_xcalloc(n + 1, sizeof *r.start);
	for (size_t i = 0; i < n; i++) {
		char *f = colo_name_family_norm(&p[i].name);

		if (f && *f) {
			r.fam[i] = f;
			r.order[m++] = i;
		} else {
			free(f);
		}
	}
	sort_fam = r.fam; /* benchmarks are single-threaded */
	qsort(r.order, m, sizeof *r.order, fam_cmp);
	for (size_t j = 0; j < m; j++)
		if (j == 0 || strcmp(r.fam[r.order[j]], r.fam[r.order[j - 1]]) != 0)
			r.start[ng++] = j;
	r.start[ng] = m;
	/* BULK of 1000 groups at a time */
	for (size_t g = 0; ok && g < ng; g += 1000) {
		names_recs sub = r;
		size_t k = ng - g < 1000 ? ng - g : 1000;

		sub.start = r.start + g;
		ok = bulk_insert(s, s->names, "names", k, names_doc, &sub, err);
	}
	for (size_t i = 0; i < n; i++)
		free(r.fam[i]);
	free(r.fam);
	free(r.order);
	free(r.start);
	return ok;
}

/* ---- lookups, for tests ---------------------------------------------- */

bool colo_store_bench_get_json(colo_store *s, const char *coll, const char *id,
                               char **json, colo_error *err)
{
	mongoc_collection_t *c = mongoc_database_get_collection(s->db, coll);
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	mongoc_cursor_t *cur = mongoc_collection_find_with_opts(c, filter, NULL,
	                                                        NULL);
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	*json = NULL;
	if (mongoc_cursor_next(cur, &doc)) {
		char *j = bson_as_relaxed_extended_json(doc, NULL);

		*json = colo_xstrdup(j ? j : "");
		bson_free(j);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read '%s' of '%s'", id, coll);
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(filter);
	mongoc_collection_destroy(c);
	return ok;
}

bool colo_store_bench_downgrade(colo_store *s, colo_error *err)
{
	mongoc_collection_t *cs[3] = {s->citekeys, s->person_works, s->names};
	bson_t *filter = BCON_NEW("_id", BCON_UTF8("schema"));
	bson_t *update = BCON_NEW("$set", "{", "version", BCON_INT32(1), "}");
	bson_error_t e;
	bool ok = true;

	for (int i = 0; ok && i < 3; i++)
		if (!mongoc_collection_drop_with_opts(cs[i], NULL, &e) &&
		    !strstr(e.message, "not found")) {
			colo_store_fail(s, err, &e, "cannot drop '%s'",
			                mongoc_collection_get_name(cs[i]));
			ok = false;
		}
	if (ok && !mongoc_collection_update_one(s->meta, filter, update, NULL, NULL,
	                                        &e)) {
		colo_store_fail(s, err, &e, "cannot write the schema version");
		ok = false;
	}
	bson_destroy(update);
	bson_destroy(filter);
	return ok;
}

/* ---- plans -------------------------------------------------------------- */

/* Runs {explain: {find: coll, filter, sort?, limit?}} and keeps the reply
 * without the echoed command and the server's build details. */
static bool explain(colo_store *s, const char *coll, const bson_t *filter,
                    const bson_t *sort, long limit, char **plan,
                    colo_error *err)
{
	bson_t cmd = BSON_INITIALIZER, find, reply, slim = BSON_INITIALIZER;
	bson_iter_t it;
	bson_error_t e;
	bool ok = false;

	*plan = NULL;
	BSON_APPEND_DOCUMENT_BEGIN(&cmd, "explain", &find);
	BSON_APPEND_UTF8(&find, "find", coll);
	BSON_APPEND_DOCUMENT(&find, "filter", filter);
	if (sort)
		BSON_APPEND_DOCUMENT(&find, "sort", sort);
	if (limit > 0)
		BSON_APPEND_INT64(&find, "limit", limit);
	bson_append_document_end(&cmd, &find);
	BSON_APPEND_UTF8(&cmd, "verbosity", "queryPlanner");
	if (!mongoc_database_command_simple(s->db, &cmd, NULL, &reply, &e)) {
		colo_store_fail(s, err, &e, "cannot explain a query on '%s'", coll);
		goto done;
	}
	if (bson_iter_init(&it, &reply))
		while (bson_iter_next(&it)) {
			const char *k = bson_iter_key(&it);

			if (strcmp(k, "command") == 0 || strcmp(k, "serverInfo") == 0 ||
			    strcmp(k, "$clusterTime") == 0 ||
			    strcmp(k, "operationTime") == 0 ||
			    strcmp(k, "serverParameters") == 0)
				continue;
			bson_append_iter(&slim, k, -1, &it);
		}
	{
		char *json = bson_as_relaxed_extended_json(&slim, NULL);

		*plan = colo_xstrdup(json ? json : "");
		bson_free(json);
	}
	ok = true;
done:
	bson_destroy(&reply);
	bson_destroy(&slim);
	bson_destroy(&cmd);
	return ok;
}

bool colo_store_bench_explain_id(colo_store *s, const char *coll,
                                 const char *id, char **plan, colo_error *err)
{
	bson_t *f = BCON_NEW("_id", BCON_UTF8(id));
	bool ok = explain(s, coll, f, NULL, 0, plan, err);

	bson_destroy(f);
	return ok;
}

/* store_search.c's filter_for with the title words. */
bool colo_store_bench_explain_search(colo_store *s, const colo_search_query *q,
                                     long limit, char **plan, colo_error *err)
{
	bson_t *f = bson_new();
	bson_t *sort = BCON_NEW("issued.y", BCON_INT32(-1), "title", BCON_INT32(1));
	bson_t doc, arr;
	char idx[16];
	const char *k;
	uint32_t n = 0;
	bool ok;

	BSON_APPEND_DOCUMENT_BEGIN(f, "tokens", &doc);
	BSON_APPEND_ARRAY_BEGIN(&doc, "$all", &arr);
	for (size_t i = 0; i < q->all.n; i++) {
		bson_uint32_to_string(n++, &k, idx, sizeof idx);
		BSON_APPEND_UTF8(&arr, k, q->all.items[i]);
	}
	for (size_t i = 0; i < q->title.n; i++) {
		bson_uint32_to_string(n++, &k, idx, sizeof idx);
		BSON_APPEND_UTF8(&arr, k, q->title.items[i]);
	}
	bson_append_array_end(&doc, &arr);
	bson_append_document_end(f, &doc);
	if (q->type)
		BSON_APPEND_UTF8(f, "type", q->type);
	ok = explain(s, "works", f, sort, limit, plan, err);
	bson_destroy(sort);
	bson_destroy(f);
	return ok;
}
