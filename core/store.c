/* store.c - Colophon's records in MongoDB, through mongo-c-driver.
 *
 * The only file that includes mongoc or bson.  It speaks the subset of the
 * server that MongoDB >= 5.0 and FerretDB v1.24 share (docs/SCHEMA.md):
 * finds with filter, sort, projection and limit; update_one upserts;
 * count_documents; createIndexes; buildInfo.  No sessions, transactions,
 * joins, text indexes or collations.
 *
 * Every write is an idempotent upsert: creation fields go in $setOnInsert,
 * scalar fields in $set, arrays through $addToSet with $each, so saving the
 * same batch twice leaves every document as it was.  A batch's upserts
 * are sent through store_write.c: a new document is inserted whole, one
 * the update would not change is not written, the rest go as unordered
 * bulks.  The lookup
 * collections (citekeys, person_works, names: docs/SCHEMA.md) are written
 * here after each batch, built here on the upgrade to schema 2, and read
 * by `_id` through colo_store_each_by_id.  Joins (creators to
 * people, works to venues) are resolved here in the application, one query
 * per collection per batch.
 *
 * Not here: deciding what an import means (importers), matching names
 * (name.c), or printing anything. */
#include "colophon/store.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mongoc/mongoc.h>

#include "colophon/buf.h"
#include "colophon/citekey.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/search.h"
#include "colophon/store_query.h"
#include "colophon/text.h"
#include "colophon/uri.h"
#include "store_priv.h"

#define SCHEMA_VERSION 3
#define DEFAULT_DATABASE "colophon"
#define DEFAULT_TIMEOUT_MS 5000
#define LOOKUP_CHUNK 256
#define MAX_RETRIES 64


/* ---- driver set-up and errors ------------------------------------------ */

static pthread_once_t driver_once = PTHREAD_ONCE_INIT;

static void driver_cleanup(void)
{
	mongoc_cleanup();
}

/* The driver's own log lines would go to stderr; core never prints, and
 * every failure reaches the caller through a bson_error_t anyway. */
static void quiet_log(mongoc_log_level_t level, const char *domain,
                      const char *message, void *data)
{
	(void)level;
	(void)domain;
	(void)message;
	(void)data;
}

static void driver_init(void)
{
	mongoc_log_set_handler(quiet_log, NULL);
	mongoc_init();
	atexit(driver_cleanup);
}

/* Copies msg into out with every occurrence of the password replaced, in
 * case a driver message ever quotes the URI. */
static void scrub(const char *password, const char *msg, char *out, size_t n)
{
	colo_buf b;
	size_t plen = password ? strlen(password) : 0;

	colo_buf_init(&b, 0);
	for (const char *p = msg; *p;) {
		if (plen && strncmp(p, password, plen) == 0) {
			colo_buf_puts(&b, "****");
			p += plen;
		} else {
			colo_buf_putc(&b, *p++);
		}
	}
	snprintf(out, n, "%s", colo_buf_cstr(&b));
	colo_buf_cleanup(&b);
}


/* COLO_EDB: "<what>: <driver or server message>". */
void colo_store_fail(const colo_store *s, colo_error *err,
                     const bson_error_t *e, const char *fmt, ...)
{
	char what[256], msg[sizeof e->message + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	scrub(s ? s->password : NULL, e->message[0] ? e->message : "unknown error",
	      msg, sizeof msg);
	colo_error_set(err, COLO_EDB, "%s: %s", what, msg);
}

static bool is_duplicate_key(const bson_error_t *e)
{
	return COLO_DUPLICATE_KEY(e->code);
}

/* ---- BSON helpers ------------------------------------------------------- */

static int64_t now_ms(void)
{
	return (int64_t)time(NULL) * 1000;
}

/* Appends k: v when v is a non-empty string. */
static void put_str(bson_t *d, const char *k, const char *v)
{
	if (v && *v)
		BSON_APPEND_UTF8(d, k, v);
}

static void put_int(bson_t *d, const char *k, long long v)
{
	if (v)
		BSON_APPEND_INT64(d, k, (int64_t)v);
}

/* A growing BSON array. */
typedef struct arr {
	bson_t b;
	uint32_t n;
} arr;

static void arr_init(arr *a)
{
	bson_init(&a->b);
	a->n = 0;
}

static const char *arr_key(arr *a, char *buf, size_t len)
{
	const char *key;

	bson_uint32_to_string(a->n++, &key, buf, len);
	return key;
}

static void arr_str(arr *a, const char *v)
{
	char buf[16];
	const char *key;

	/* BSON_APPEND_* evaluate the key twice: take it first. */
	if (v && *v) {
		key = arr_key(a, buf, sizeof buf);
		BSON_APPEND_UTF8(&a->b, key, v);
	}
}

/* Appends a sub-document to the array; fill it, then arr_doc_end. */
static void arr_doc_begin(arr *a, bson_t *child)
{
	char buf[16];
	const char *key = arr_key(a, buf, sizeof buf);

	BSON_APPEND_DOCUMENT_BEGIN(&a->b, key, child);
}

static void arr_doc_end(arr *a, bson_t *child)
{
	bson_append_document_end(&a->b, child);
}

/* add.field = {$each: a} when a has elements; cleans a up. */
static void add_each(bson_t *add, const char *field, arr *a)
{
	if (a->n) {
		bson_t e;

		BSON_APPEND_DOCUMENT_BEGIN(add, field, &e);
		BSON_APPEND_ARRAY(&e, "$each", &a->b);
		bson_append_document_end(add, &e);
	}
	bson_destroy(&a->b);
}

/* *filter = {field: {$in: in}} (filter initialised here); cleans in up. */
static void in_filter(bson_t *filter, const char *field, arr *in)
{
	bson_t cond;

	bson_init(filter);
	BSON_APPEND_DOCUMENT_BEGIN(filter, field, &cond);
	BSON_APPEND_ARRAY(&cond, "$in", &in->b);
	bson_append_document_end(filter, &cond);
	bson_destroy(&in->b);
}

/* An id (or key) and the index of its ref, sorted by id to find the refs
 * of a document with bsearch (id_at_first). */
typedef struct id_at {
	const char *id;
	size_t i;
} id_at;

static int id_at_cmp(const void *x, const void *y)
{
	const id_at *a = x, *b = y;

	return strcmp(a->id, b->id);
}

/* The first of the n sorted entries of v with this id, or NULL. */
static const id_at *id_at_first(const id_at *v, size_t n, const char *id)
{
	id_at key = {id, 0};
	const id_at *at = n ? bsearch(&key, v, n, sizeof *v, id_at_cmp) : NULL;

	while (at && at > v && strcmp(at[-1].id, id) == 0)
		at--;
	return at;
}

/* One provenance entry: {path, source, start, end}; skipped without a
 * source id or span. */
static void evidence_push(arr *ev, const char *path, const char *source,
                          colo_span sp)
{
	bson_t d;

	if (!source || !*source || sp.end == 0)
		return;
	arr_doc_begin(ev, &d);
	BSON_APPEND_UTF8(&d, "path", path);
	BSON_APPEND_UTF8(&d, "source", source);
	BSON_APPEND_INT64(&d, "start", (int64_t)sp.start);
	BSON_APPEND_INT64(&d, "end", (int64_t)sp.end);
	arr_doc_end(ev, &d);
}

static char *evidence_path(const char *field, const char *what)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_puts(&b, field);
	if (what && *what)
		colo_buf_printf(&b, "/%s", what);
	return colo_buf_steal(&b);
}

/* Builds {$setOnInsert, $set, $addToSet}, leaving out empty operators. */
static bson_t *make_update(const bson_t *soi, const bson_t *set,
                           const bson_t *add)
{
	bson_t *u = bson_new();

	if (soi && !bson_empty(soi))
		BSON_APPEND_DOCUMENT(u, "$setOnInsert", soi);
	if (set && !bson_empty(set))
		BSON_APPEND_DOCUMENT(u, "$set", set);
	if (add && !bson_empty(add))
		BSON_APPEND_DOCUMENT(u, "$addToSet", add);
	return u;
}

static char *doc_str(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_UTF8(&it))
		return colo_xstrdup(bson_iter_utf8(&it, NULL));
	return NULL;
}

static bool doc_has(const bson_t *d, const char *key)
{
	bson_iter_t it;

	return bson_iter_init_find(&it, d, key);
}

static long long doc_int(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_NUMBER(&it))
		return (long long)bson_iter_as_int64(&it);
	return 0;
}

static bool doc_bool(const bson_t *d, const char *key)
{
	bson_iter_t it;

	return bson_iter_init_find(&it, d, key) && bson_iter_as_bool(&it);
}

/* Iterates the elements of array `key` in d: call with it zeroed-out by
 * doc_array_begin, then doc_array_next until false. */
static bool doc_array_begin(const bson_t *d, const char *key, bson_iter_t *it)
{
	bson_iter_t top;

	return bson_iter_init_find(&top, d, key) && BSON_ITER_HOLDS_ARRAY(&top) &&
	       bson_iter_recurse(&top, it);
}

/* Next element that is a document, viewed as *sub (borrowed). */
static bool doc_array_next_doc(bson_iter_t *it, bson_t *sub)
{
	while (bson_iter_next(it)) {
		const uint8_t *data;
		uint32_t len;

		if (!BSON_ITER_HOLDS_DOCUMENT(it))
			continue;
		bson_iter_document(it, &len, &data);
		if (bson_init_static(sub, data, len))
			return true;
	}
	return false;
}

/* ---- lookup collections (docs/SCHEMA.md, "Lookup collections") ---------- */

#define POINT_LOOKUPS_MAX 16
#define IN_CHUNK_FERRETDB 50000

/* Values per `$in` of the batch lookups.  FerretDB reads the whole
 * collection for each `$in` query and then tests every document against
 * the list: there one query takes them all (a re-import of 25,000 works
 * took 42 s that way, 103 s with 4,096 values per query;
 * docs/SCALING.md). */
static size_t lookup_chunk(const colo_store *s)
{
	return s->point_lookups ? IN_CHUNK_FERRETDB : LOOKUP_CHUNK;
}

static void read_name(const bson_t *d, colo_name *n);
static char *person_name_key(const colo_name *n);

bool colo_store_each_by_id(colo_store *s, mongoc_collection_t *c,
                           const char *const *ids, size_t n,
                           const bson_t *opts, colo_store_doc_fn fn,
                           void *arg, colo_error *err)
{
	bson_t o = BSON_INITIALIZER;
	bool ok = true, stop = false;
	/* Each `_id` equality is a scan of its own on FerretDB, inside
	 * SQLite; a `$in` query is one scan in FerretDB itself, some 20-30
	 * times dearer per document (bench/README.md): past 16 ids one `$in`
	 * costs less. */
	bool point = s->point_lookups && n <= POINT_LOOKUPS_MAX;

	if (opts)
		bson_concat(&o, opts);
	if (point) {
		BSON_APPEND_INT64(&o, "limit", 1);
		BSON_APPEND_BOOL(&o, "singleBatch", true);
	}
	for (size_t base = 0; ok && !stop && base < n;) {
		/* FerretDB reads the whole collection for each `$in` query, so
		 * there one query takes every id (up to a size that keeps the
		 * command well under 16 MB). */
		size_t chunk = s->point_lookups ? IN_CHUNK_FERRETDB : LOOKUP_CHUNK;
		size_t end = point ? base + 1 : base + chunk < n ? base + chunk : n;
		bson_t filter = BSON_INITIALIZER;
		mongoc_cursor_t *cur;
		const bson_t *doc;
		bson_error_t e;

		if (point) {
			BSON_APPEND_UTF8(&filter, "_id", ids[base]);
		} else {
			arr in;

			arr_init(&in);
			for (size_t i = base; i < end; i++) {
				char buf[16];
				const char *key = arr_key(&in, buf, sizeof buf);

				/* ids may be empty strings: arr_str would skip them */
				BSON_APPEND_UTF8(&in.b, key, ids[i]);
			}
			bson_destroy(&filter);
			in_filter(&filter, "_id", &in);
		}
		cur = mongoc_collection_find_with_opts(c, &filter, &o, NULL);
		while (!stop && mongoc_cursor_next(cur, &doc))
			stop = !fn(doc, arg);
		if (mongoc_cursor_error(cur, &e)) {
			colo_store_fail(s, err, &e, "cannot read '%s' by id",
			                mongoc_collection_get_name(c));
			ok = false;
		}
		mongoc_cursor_destroy(cur);
		bson_destroy(&filter);
		base = end;
	}
	bson_destroy(&o);
	return ok;
}

/* Reads the one document of c with this _id into *out (bson_copy; NULL
 * when there is none). */
static bool find_one_by_id(colo_store *s, mongoc_collection_t *c,
                           const char *id, bson_t **out, colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	bson_t *opts = BCON_NEW("limit", BCON_INT64(1), "singleBatch",
	                        BCON_BOOL(true));
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	*out = NULL;
	cur = mongoc_collection_find_with_opts(c, filter, opts, NULL);
	if (mongoc_cursor_next(cur, &doc))
		*out = bson_copy(doc);
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read '%s' of '%s'", id,
		                mongoc_collection_get_name(c));
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(filter);
	return ok;
}

/* One collection's upserts by `_id`, gathered for a batch and then
 * written through a colo_writer once the documents they touch have been
 * read (one `$in`): a document not there is inserted whole, one the
 * update would not change is left alone, so a re-import writes nothing. */
typedef struct bulk {
	colo_store *s;
	mongoc_collection_t *c;
	char **ids;
	bson_t **updates;
	size_t n, cap, ucap;
} bulk;

static void bulk_init(bulk *b, colo_store *s, mongoc_collection_t *c)
{
	memset(b, 0, sizeof *b);
	b->s = s;
	b->c = c;
}

/* Queues update_one({_id: id}, update, upsert); takes update. */
static void bulk_upsert(bulk *b, const char *id, bson_t *update)
{
	colo_grow((void **)&b->ids, &b->cap, b->n + 1, sizeof *b->ids);
	colo_grow((void **)&b->updates, &b->ucap, b->n + 1, sizeof *b->updates);
	b->ids[b->n] = colo_xstrdup(id);
	b->updates[b->n++] = update;
}

static void bulk_cleanup(bulk *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->ids[i]);
		bson_destroy(b->updates[i]);
	}
	free(b->ids);
	free(b->updates);
	b->ids = NULL;
	b->updates = NULL;
	b->n = b->cap = b->ucap = 0;
}

static bool bulk_flush(bulk *b, colo_error *err);

static bson_t *citekey_update(const char *work_id)
{
	return BCON_NEW("$set", "{", "work", BCON_UTF8(work_id), "}");
}

/* {$addToSet: {works: {$each: ids}}} */
static bson_t *postings_update(const char *const *ids, size_t n)
{
	bson_t *u = bson_new(), add;
	arr each;

	arr_init(&each);
	for (size_t i = 0; i < n; i++)
		arr_str(&each, ids[i]);
	BSON_APPEND_DOCUMENT_BEGIN(u, "$addToSet", &add);
	{
		bson_t e;

		BSON_APPEND_DOCUMENT_BEGIN(&add, "works", &e);
		BSON_APPEND_ARRAY(&e, "$each", &each.b);
		bson_append_document_end(&add, &e);
	}
	bson_append_document_end(u, &add);
	bson_destroy(&each.b);
	return u;
}

/* The names entry of a person, fields in a fixed order so the same
 * person is the same array element ($addToSet, $pullAll). */
void colo_store_name_entry(bson_t *d, const char *id, const colo_name *n)
{
	BSON_APPEND_UTF8(d, "id", id);
	put_str(d, "given", n->given);
	put_str(d, "family", n->family);
	put_str(d, "particle", n->particle);
	put_str(d, "suffix", n->suffix);
	put_str(d, "literal", n->literal);
}

/* filter and update for a names entry; false when the name has no
 * family to file it under. */
static bool name_update(const char *id, const colo_name *n, bson_t **filter,
                        bson_t **update)
{
	char *fam = colo_name_family_norm(n);
	bson_t add, entry;

	if (!fam || !*fam) {
		free(fam);
		return false;
	}
	*filter = BCON_NEW("_id", BCON_UTF8(fam));
	*update = bson_new();
	BSON_APPEND_DOCUMENT_BEGIN(*update, "$addToSet", &add);
	BSON_APPEND_DOCUMENT_BEGIN(&add, "people", &entry);
	colo_store_name_entry(&entry, id, n);
	bson_append_document_end(&add, &entry);
	bson_append_document_end(*update, &add);
	free(fam);
	return true;
}

static bool update_one(colo_store *s, mongoc_collection_t *c, bson_t *filter,
                       bson_t *update, bool upsert_, colo_error *err)
{
	bson_t *opts = BCON_NEW("upsert", BCON_BOOL(upsert_));
	bson_error_t e;
	bool ok = mongoc_collection_update_one(c, filter, update, opts, NULL, &e);

	if (!ok)
		colo_store_fail(s, err, &e, "cannot update '%s'",
		                mongoc_collection_get_name(c));
	bson_destroy(opts);
	bson_destroy(update);
	bson_destroy(filter);
	return ok;
}

static bool delete_id(colo_store *s, mongoc_collection_t *c, const char *id,
                      colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	bson_error_t e;
	bool ok = mongoc_collection_delete_one(c, filter, NULL, NULL, &e);

	if (!ok)
		colo_store_fail(s, err, &e, "cannot delete '%s' from '%s'", id,
		                mongoc_collection_get_name(c));
	bson_destroy(filter);
	return ok;
}

bool colo_store_citekey_index(colo_store *s, const char *citekey,
                              const char *work_id, colo_error *err)
{
	if (!citekey || !*citekey)
		return true;
	return update_one(s, s->citekeys, BCON_NEW("_id", BCON_UTF8(citekey)),
	                  citekey_update(work_id), true, err);
}

bool colo_store_citekey_lookup(colo_store *s, const char *citekey,
                               char **work_id, colo_error *err)
{
	bson_t *d = NULL;

	*work_id = NULL;
	if (!find_one_by_id(s, s->citekeys, citekey, &d, err))
		return false;
	if (d)
		*work_id = doc_str(d, "work");
	bson_destroy(d);
	return true;
}

bool colo_store_citekey_unindex(colo_store *s, const char *citekey,
                                const char *work_id, colo_error *err)
{
	char *have = NULL;
	bool ok;

	/* Read, then delete by _id alone: a filter on _id and `work` would
	 * not be pushed down on FerretDB. */
	if (!colo_store_citekey_lookup(s, citekey, &have, err))
		return false;
	ok = !have || strcmp(have, work_id) != 0 ||
	     delete_id(s, s->citekeys, citekey, err);
	free(have);
	return ok;
}

bool colo_store_postings_add(colo_store *s, const char *person_id,
                             const char *const *work_ids, size_t n,
                             colo_error *err)
{
	return update_one(s, s->person_works, BCON_NEW("_id", BCON_UTF8(person_id)),
	                  postings_update(work_ids, n), true, err);
}

bool colo_store_postings_remove(colo_store *s, const char *person_id,
                                const char *const *work_ids, size_t n,
                                colo_error *err)
{
	bson_t *u = bson_new(), pull;
	arr all;

	/* $pullAll of the exact values: FerretDB v1.24 ignores $pull with a
	 * condition. */
	arr_init(&all);
	for (size_t i = 0; i < n; i++)
		arr_str(&all, work_ids[i]);
	BSON_APPEND_DOCUMENT_BEGIN(u, "$pullAll", &pull);
	BSON_APPEND_ARRAY(&pull, "works", &all.b);
	bson_append_document_end(u, &pull);
	bson_destroy(&all.b);
	return update_one(s, s->person_works, BCON_NEW("_id", BCON_UTF8(person_id)),
	                  u, false, err);
}

bool colo_store_postings_get(colo_store *s, const char *person_id,
                             char ***work_ids, size_t *n, colo_error *err)
{
	bson_t *d = NULL;
	bson_iter_t it;
	size_t cap = 0;

	*work_ids = NULL;
	*n = 0;
	if (!find_one_by_id(s, s->person_works, person_id, &d, err))
		return false;
	if (d && doc_array_begin(d, "works", &it))
		while (bson_iter_next(&it))
			if (BSON_ITER_HOLDS_UTF8(&it)) {
				colo_grow((void **)work_ids, &cap, *n + 1, sizeof **work_ids);
				(*work_ids)[(*n)++] = colo_xstrdup(bson_iter_utf8(&it, NULL));
			}
	bson_destroy(d);
	return true;
}

bool colo_store_postings_drop(colo_store *s, const char *person_id,
                              colo_error *err)
{
	return delete_id(s, s->person_works, person_id, err);
}

bool colo_store_name_index(colo_store *s, const char *person_id,
                           const colo_name *name, colo_error *err)
{
	bson_t *filter, *update;

	if (!name_update(person_id, name, &filter, &update))
		return true;
	return update_one(s, s->names, filter, update, true, err);
}

bool colo_store_name_unindex(colo_store *s, const char *family_norm,
                             const char *person_id, colo_error *err)
{
	bson_t *d = NULL, *u, pull;
	bson_iter_t it;
	arr gone;
	bool ok = true;

	if (!family_norm || !*family_norm)
		return true;
	if (!find_one_by_id(s, s->names, family_norm, &d, err))
		return false;
	arr_init(&gone);
	if (d && doc_array_begin(d, "people", &it)) {
		bson_t sub;

		while (doc_array_next_doc(&it, &sub)) {
			char *id = doc_str(&sub, "id");
			char buf[16];

			if (id && strcmp(id, person_id) == 0) {
				/* BSON_APPEND_* evaluate the key twice: take it first */
				const char *k = arr_key(&gone, buf, sizeof buf);

				BSON_APPEND_DOCUMENT(&gone.b, k, &sub);
			}
			free(id);
		}
	}
	if (gone.n) {
		u = bson_new();
		BSON_APPEND_DOCUMENT_BEGIN(u, "$pullAll", &pull);
		BSON_APPEND_ARRAY(&pull, "people", &gone.b);
		bson_append_document_end(u, &pull);
		ok = update_one(s, s->names, BCON_NEW("_id", BCON_UTF8(family_norm)), u,
		                false, err);
	}
	bson_destroy(&gone.b);
	bson_destroy(d);
	return ok;
}

/* The lookup writes of a saved batch, gathered per collection (see bulk):
 * names entries of its people, citation keys of its works, and each
 * creator's person listing the work. */
static int pair_cmp(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	int c = strcmp(a[0], b[0]);

	return c ? c : strcmp(a[1], b[1]);
}

/* One names upsert per family key, with every entry of the batch filed
 * under it ($addToSet with $each): a batch with many people of one
 * surname writes that document once. */
typedef struct fam_entry {
	char *fam;
	size_t person;
} fam_entry;

static int fam_cmp(const void *x, const void *y)
{
	const fam_entry *a = x, *b = y;
	int c = strcmp(a->fam, b->fam);

	return c ? c : (a->person > b->person) - (a->person < b->person);
}

static void index_batch_names(bulk *names, const colo_batch *b)
{
	fam_entry *fe = colo_xcalloc(b->npeople ? b->npeople : 1, sizeof *fe);
	size_t n = 0;

	for (size_t i = 0; i < b->npeople; i++) {
		char *fam;

		if (!b->people[i].id)
			continue;
		fam = colo_name_family_norm(&b->people[i].name);
		if (!fam || !*fam) {
			free(fam);
			continue;
		}
		fe[n].fam = fam;
		fe[n].person = i;
		n++;
	}
	if (n)
		qsort(fe, n, sizeof *fe, fam_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		bson_t *update = bson_new(), add, each, spec;
		uint32_t k = 0;

		BSON_APPEND_DOCUMENT_BEGIN(update, "$addToSet", &add);
		BSON_APPEND_DOCUMENT_BEGIN(&add, "people", &spec);
		BSON_APPEND_ARRAY_BEGIN(&spec, "$each", &each);
		for (; j < n && strcmp(fe[j].fam, fe[i].fam) == 0; j++) {
			const colo_person *p = &b->people[fe[j].person];
			char key[16];
			const char *ks;
			bson_t entry;

			bson_uint32_to_string(k++, &ks, key, sizeof key);
			bson_append_document_begin(&each, ks, -1, &entry);
			colo_store_name_entry(&entry, p->id, &p->name);
			bson_append_document_end(&each, &entry);
		}
		bson_append_array_end(&spec, &each);
		bson_append_document_end(&add, &spec);
		bson_append_document_end(update, &add);
		bulk_upsert(names, fe[i].fam, update);
		i = j;
	}
	for (size_t i = 0; i < n; i++)
		free(fe[i].fam);
	free(fe);
}

static bool index_batch(colo_store *s, const colo_batch *b, colo_error *err)
{
	bulk names, cks, posts;
	const char **pairs = NULL; /* person, work, person, work... */
	size_t npairs = 0, cap = 0;
	bool ok;

	bulk_init(&names, s, s->names);
	bulk_init(&cks, s, s->citekeys);
	bulk_init(&posts, s, s->person_works);
	index_batch_names(&names, b);
	for (size_t i = 0; i < b->nworks; i++) {
		const colo_work *w = &b->works[i];

		if (!w->id)
			continue;
		if (w->citekey && *w->citekey)
			bulk_upsert(&cks, w->citekey, citekey_update(w->id));
		for (size_t j = 0; j < w->ncreators; j++)
			if (w->creators[j].person_id) {
				colo_grow((void **)&pairs, &cap, 2 * (npairs + 1), sizeof *pairs);
				pairs[2 * npairs] = w->creators[j].person_id;
				pairs[2 * npairs + 1] = w->id;
				npairs++;
			}
	}
	if (npairs)
		qsort(pairs, npairs, 2 * sizeof *pairs, pair_cmp);
	for (size_t i = 0; i < npairs;) {
		size_t j = i;
		const char **ids = colo_xcalloc(npairs - i, sizeof *ids);
		size_t n = 0;

		while (j < npairs && strcmp(pairs[2 * j], pairs[2 * i]) == 0) {
			ids[n++] = pairs[2 * j + 1];
			j++;
		}
		bulk_upsert(&posts, pairs[2 * i], postings_update(ids, n));
		free(ids);
		i = j;
	}
	ok = bulk_flush(&names, err) && bulk_flush(&cks, err) &&
	     bulk_flush(&posts, err);
	bulk_cleanup(&names);
	bulk_cleanup(&cks);
	bulk_cleanup(&posts);
	free(pairs);
	return ok;
}

/* Unordered bulk inserts that take a duplicate `_id` as "there already"
 * (a build interrupted and run again). */
typedef struct inserts {
	colo_store *s;
	mongoc_collection_t *c;
	mongoc_bulk_operation_t *op;
	size_t n;
} inserts;

static bool inserts_flush(inserts *b, colo_error *err)
{
	bson_t reply;
	bson_error_t e;
	bool ok = true;

	if (b->op && b->n && !mongoc_bulk_operation_execute(b->op, &reply, &e)) {
		bson_iter_t it;
		bson_t sub;

		/* Only duplicate keys are expected; anything else fails. */
		ok = doc_array_begin(&reply, "writeErrors", &it);
		while (ok && doc_array_next_doc(&it, &sub)) {
			bson_error_t one;

			one.code = (uint32_t)doc_int(&sub, "code");
			ok = is_duplicate_key(&one);
		}
		if (!ok)
			colo_store_fail(b->s, err, &e, "cannot fill '%s'",
			                mongoc_collection_get_name(b->c));
	}
	if (b->op && b->n)
		bson_destroy(&reply);
	mongoc_bulk_operation_destroy(b->op);
	b->op = NULL;
	b->n = 0;
	return ok;
}

/* Queues doc (copied). */
static bool inserts_add(inserts *b, const bson_t *doc, colo_error *err)
{
	bson_error_t e;

	if (!b->op) {
		bson_t *o = BCON_NEW("ordered", BCON_BOOL(false));

		b->op = mongoc_collection_create_bulk_operation_with_opts(b->c, o);
		bson_destroy(o);
	}
	if (!mongoc_bulk_operation_insert_with_opts(b->op, doc, NULL, &e)) {
		colo_store_fail(b->s, err, &e, "cannot fill '%s'",
		                mongoc_collection_get_name(b->c));
		return false;
	}
	return ++b->n < COLO_BULK_CHUNK || inserts_flush(b, err);
}

/* A names entry or an authorship, as the build collects them. */
typedef struct pair {
	char *key;  /* family_norm, or person id */
	char *id;   /* person id, or work id */
	colo_name name;
} pair;

static int pair_key_cmp(const void *x, const void *y)
{
	const pair *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : strcmp(a->id, b->id);
}

static void pairs_free(pair *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].id);
		colo_name_cleanup(&v[i].name);
	}
	free(v);
}

/* Inserts one document per key of the sorted pairs: names entries
 * ({_id: family_norm, people: [...]}) or work ids ({_id: person, works:
 * [...]}). */
static bool insert_groups(colo_store *s, mongoc_collection_t *c, pair *v,
                          size_t n, bool names, colo_error *err)
{
	inserts ins = {s, c, NULL, 0};
	bool ok = true;

	if (n > 1)
		qsort(v, n, sizeof *v, pair_key_cmp);
	for (size_t i = 0; ok && i < n;) {
		bson_t doc = BSON_INITIALIZER;
		arr a;

		arr_init(&a);
		BSON_APPEND_UTF8(&doc, "_id", v[i].key);
		for (size_t j = i; i < n && strcmp(v[i].key, v[j].key) == 0; i++) {
			if (i > j && strcmp(v[i].id, v[i - 1].id) == 0)
				continue; /* a person twice among one work's creators */
			if (names) {
				bson_t entry;

				arr_doc_begin(&a, &entry);
				colo_store_name_entry(&entry, v[i].id, &v[i].name);
				arr_doc_end(&a, &entry);
			} else {
				arr_str(&a, v[i].id);
			}
		}
		BSON_APPEND_ARRAY(&doc, names ? "people" : "works", &a.b);
		bson_destroy(&a.b);
		ok = inserts_add(&ins, &doc, err);
		bson_destroy(&doc);
	}
	ok = ok && inserts_flush(&ins, err);
	mongoc_bulk_operation_destroy(ins.op);
	return ok;
}

/* Builds names, citekeys and person_works from the stored people and
 * works (schema 1 to 2).  Each collection is streamed once; the names
 * entries and the authorships are gathered in memory (about 100 bytes
 * per person and per authorship, once, at the upgrade) and written as
 * whole documents with unordered bulk inserts: an insert costs the same
 * whatever the size of the collection, where an update by `_id` scans it
 * on FerretDB.  Run again after an interruption, the documents already
 * inserted are kept (duplicate `_id`s are skipped). */
static bool build_lookups(colo_store *s, colo_error *err)
{
	bson_t *all = bson_new();
	bson_t *opts = BCON_NEW("projection", "{", "given", BCON_INT32(1), "family",
	                        BCON_INT32(1), "particle", BCON_INT32(1), "suffix",
	                        BCON_INT32(1), "literal", BCON_INT32(1), "citekey",
	                        BCON_INT32(1), "creators", BCON_INT32(1), "}");
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	pair *v = NULL;
	size_t n = 0, cap = 0;
	inserts cks = {s, s->citekeys, NULL, 0};
	bool ok = true;

	cur = mongoc_collection_find_with_opts(s->people, all, opts, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		pair p;

		memset(&p, 0, sizeof p);
		colo_name_init(&p.name);
		read_name(doc, &p.name);
		p.key = colo_name_family_norm(&p.name);
		p.id = doc_str(doc, "_id");
		if (!p.key || !*p.key || !p.id) {
			free(p.key);
			free(p.id);
			colo_name_cleanup(&p.name);
			continue;
		}
		colo_grow((void **)&v, &cap, n + 1, sizeof *v);
		v[n++] = p;
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read people");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	ok = ok && insert_groups(s, s->names, v, n, true, err);
	pairs_free(v, n);
	v = NULL;
	n = cap = 0;

	cur = ok ? mongoc_collection_find_with_opts(s->works, all, opts, NULL)
	         : NULL;
	while (ok && mongoc_cursor_next(cur, &doc)) {
		char *id = doc_str(doc, "_id"), *ck = doc_str(doc, "citekey");
		bson_iter_t it;
		bson_t sub;

		if (id && ck) {
			bson_t *d = BCON_NEW("_id", BCON_UTF8(ck), "work", BCON_UTF8(id));

			ok = inserts_add(&cks, d, err);
			bson_destroy(d);
		}
		if (id && doc_array_begin(doc, "creators", &it))
			while (doc_array_next_doc(&it, &sub)) {
				char *pid = doc_str(&sub, "person");

				if (!pid)
					continue;
				colo_grow((void **)&v, &cap, n + 1, sizeof *v);
				memset(&v[n], 0, sizeof v[n]);
				v[n].key = pid;
				v[n].id = colo_xstrdup(id);
				n++;
			}
		free(id);
		free(ck);
	}
	if (ok && cur && mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read works");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	ok = ok && inserts_flush(&cks, err);
	mongoc_bulk_operation_destroy(cks.op);
	ok = ok && insert_groups(s, s->person_works, v, n, false, err);
	pairs_free(v, n);
	bson_destroy(opts);
	bson_destroy(all);
	return ok;
}

/* Schema 2 to 3: people keyed by ORCID get `name_key`, and works get
 * `doi_norm` and `isbn13` where their key does not already hold them
 * (lookup_people_other, match_by_ids).  A person keyed by name, or a work
 * keyed by its DOI or ISBN, is found by its key.  Both collections are
 * streamed once; the few documents to change are updated by `_id` with
 * one unordered bulk write per COLO_BULK_CHUNK.  Running it again sets the
 * same values. */
static bool backfill_keys(colo_store *s, colo_error *err)
{
	static const char *const colls[] = {"people", "works"};
	bool ok = true;

	for (size_t c = 0; ok && c < 2; c++) {
		bool people = c == 0;
		mongoc_collection_t *coll = people ? s->people : s->works;
		bson_t *all = bson_new();
		bson_t *opts = people
			? BCON_NEW("projection", "{", "key", BCON_INT32(1), "name_key",
			           BCON_INT32(1), "given", BCON_INT32(1), "family",
			           BCON_INT32(1), "particle", BCON_INT32(1), "suffix",
			           BCON_INT32(1), "literal", BCON_INT32(1), "}")
			: BCON_NEW("projection", "{", "key", BCON_INT32(1), "doi",
			           BCON_INT32(1), "isbn", BCON_INT32(1), "doi_norm",
			           BCON_INT32(1), "isbn13", BCON_INT32(1), "}");
		mongoc_cursor_t *cur =
			mongoc_collection_find_with_opts(coll, all, opts, NULL);
		mongoc_bulk_operation_t *op = NULL;
		size_t queued = 0;
		const bson_t *doc;
		bson_error_t e;

		while (ok && mongoc_cursor_next(cur, &doc)) {
			char *id = doc_str(doc, "_id"), *key = doc_str(doc, "key");
			bson_t set = BSON_INITIALIZER;

			if (people && key && strncmp(key, "orcid:", 6) == 0 &&
			    !doc_has(doc, "name_key")) {
				colo_name nm;
				char *nk;

				colo_name_init(&nm);
				read_name(doc, &nm);
				nk = person_name_key(&nm);
				put_str(&set, "name_key", nk);
				free(nk);
				colo_name_cleanup(&nm);
			} else if (!people && key) {
				char *doi = doc_str(doc, "doi"), *isbn = doc_str(doc, "isbn");

				if (doi && *doi && strncmp(key, "doi:", 4) != 0 &&
				    !doc_has(doc, "doi_norm")) {
					char *d = colo_text_fold(doi, strlen(doi));

					put_str(&set, "doi_norm", d);
					free(d);
				}
				if (isbn && *isbn && strncmp(key, "isbn:", 5) != 0 &&
				    !doc_has(doc, "isbn13")) {
					char *d = colo_isbn13(isbn);

					put_str(&set, "isbn13", d);
					free(d);
				}
				free(doi);
				free(isbn);
			}
			if (id && !bson_empty(&set)) {
				bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
				bson_t update = BSON_INITIALIZER;

				BSON_APPEND_DOCUMENT(&update, "$set", &set);
				if (!op) {
					bson_t *o = BCON_NEW("ordered", BCON_BOOL(false));

					op = mongoc_collection_create_bulk_operation_with_opts(coll,
					                                                       o);
					bson_destroy(o);
				}
				ok = mongoc_bulk_operation_update_one_with_opts(op, filter,
				                                                &update, NULL,
				                                                &e);
				bson_destroy(&update);
				bson_destroy(filter);
				if (!ok)
					colo_store_fail(s, err, &e, "cannot update '%s'", colls[c]);
				else if (++queued >= COLO_BULK_CHUNK) {
					bson_t reply;

					ok = mongoc_bulk_operation_execute(op, &reply, &e) != 0;
					if (!ok)
						colo_store_fail(s, err, &e, "cannot update '%s'",
						                colls[c]);
					bson_destroy(&reply);
					mongoc_bulk_operation_destroy(op);
					op = NULL;
					queued = 0;
				}
			}
			bson_destroy(&set);
			free(id);
			free(key);
		}
		if (ok && mongoc_cursor_error(cur, &e)) {
			colo_store_fail(s, err, &e, "cannot read '%s'", colls[c]);
			ok = false;
		}
		if (ok && op && queued) {
			bson_t reply;

			ok = mongoc_bulk_operation_execute(op, &reply, &e) != 0;
			if (!ok)
				colo_store_fail(s, err, &e, "cannot update '%s'", colls[c]);
			bson_destroy(&reply);
		}
		mongoc_bulk_operation_destroy(op);
		mongoc_cursor_destroy(cur);
		bson_destroy(opts);
		bson_destroy(all);
	}
	return ok;
}

/* ---- open, init, drop --------------------------------------------------- */

static const char *kind_name(colo_kind k)
{
	switch (k) {
	case COLO_KIND_PERSON:
		return "person";
	case COLO_KIND_WORK:
		return "work";
	case COLO_KIND_VENUE:
		return "venue";
	}
	return "unknown";
}

static bool read_schema_version(colo_store *s, int *version, colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8("schema"));
	bson_t *opts = BCON_NEW("limit", BCON_INT64(1));
	mongoc_cursor_t *cur = NULL;
	const bson_t *doc;
	bson_error_t e;
	bool ok = false;

	*version = 0;
	cur = mongoc_collection_find_with_opts(s->meta, filter, opts, NULL);
	if (mongoc_cursor_next(cur, &doc))
		*version = (int)doc_int(doc, "version");
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the schema version");
		goto done;
	}
	ok = true;
done:
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(filter);
	return ok;
}

/* FerretDB answers buildInfo with a "ferretdbVersion"; its SQLite
 * backend pushes only `_id` equality down to SQLite, so documents are
 * fetched one `_id` at a time there rather than with `$in`. */
static bool detect_backend(colo_store *s, colo_error *err)
{
	bson_t *cmd = BCON_NEW("buildInfo", BCON_INT32(1));
	bson_t reply;
	bson_error_t e;
	bson_iter_t it;
	bool ok = mongoc_client_command_simple(s->client, "admin", cmd, NULL,
	                                       &reply, &e);

	if (ok)
		s->point_lookups = bson_iter_init_find(&it, &reply, "ferretdbVersion");
	else
		colo_store_fail(s, err, &e, "buildInfo failed");
	bson_destroy(&reply);
	bson_destroy(cmd);
	return ok;
}

void colo_store_set_point_lookups(colo_store *s, bool on)
{
	s->point_lookups = on;
}

bool colo_store_open(const char *uri, colo_store **out, colo_error *err)
{
	colo_store *s = NULL;
	mongoc_uri_t *muri = NULL;
	bson_t *ping = NULL;
	bson_error_t e;
	const char *dbname, *password;
	int version = 0;
	bool ok = false;

	*out = NULL;
	pthread_once(&driver_once, driver_init);

	s = colo_xcalloc(1, sizeof *s);
	s->masked_uri = colo_uri_mask(uri ? uri : "");
	muri = mongoc_uri_new_with_error(uri ? uri : "", &e);
	if (!muri) {
		char msg[sizeof e.message + 64];

		/* The URI did not parse, so its password is unknown: do not
		 * quote the driver's message verbatim if it echoes the URI. */
		scrub(NULL, e.message, msg, sizeof msg);
		colo_error_set(err, COLO_EDB, "invalid database uri %s: %s",
		               s->masked_uri, msg);
		goto done;
	}
	password = mongoc_uri_get_password(muri);
	s->password = password && *password ? colo_xstrdup(password) : NULL;
	if (!mongoc_uri_has_option(muri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS))
		mongoc_uri_set_option_as_int32(muri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS,
		                               DEFAULT_TIMEOUT_MS);
	if (!mongoc_uri_has_option(muri, MONGOC_URI_CONNECTTIMEOUTMS))
		mongoc_uri_set_option_as_int32(muri, MONGOC_URI_CONNECTTIMEOUTMS,
		                               DEFAULT_TIMEOUT_MS);
	if (!mongoc_uri_has_option(muri, MONGOC_URI_APPNAME))
		mongoc_uri_set_appname(muri, "colophon");
	dbname = mongoc_uri_get_database(muri);
	s->dbname = colo_xstrdup(dbname && *dbname ? dbname : DEFAULT_DATABASE);

	s->client = mongoc_client_new_from_uri_with_error(muri, &e);
	if (!s->client) {
		colo_store_fail(s, err, &e, "cannot use the database uri %s", s->masked_uri);
		goto done;
	}
	mongoc_client_set_error_api(s->client, MONGOC_ERROR_API_VERSION_2);

	ping = BCON_NEW("ping", BCON_INT32(1));
	if (!mongoc_client_command_simple(s->client, "admin", ping, NULL, NULL,
	                                  &e)) {
		colo_store_fail(s, err, &e, "cannot reach the database at %s", s->masked_uri);
		goto done;
	}

	s->db = mongoc_client_get_database(s->client, s->dbname);
	s->people = mongoc_database_get_collection(s->db, "people");
	s->works = mongoc_database_get_collection(s->db, "works");
	s->venues = mongoc_database_get_collection(s->db, "venues");
	s->links = mongoc_database_get_collection(s->db, "links");
	s->sources = mongoc_database_get_collection(s->db, "sources");
	s->meta = mongoc_database_get_collection(s->db, "meta");
	s->citekeys = mongoc_database_get_collection(s->db, "citekeys");
	s->person_works = mongoc_database_get_collection(s->db, "person_works");
	s->names = mongoc_database_get_collection(s->db, "names");
	if (!detect_backend(s, err))
		goto done;

	if (!read_schema_version(s, &version, err))
		goto done;
	if (version > SCHEMA_VERSION) {
		colo_error_set(err, COLO_EDB,
		               "database '%s' has schema version %d; this colophon "
		               "understands up to %d",
		               s->dbname, version, SCHEMA_VERSION);
		goto done;
	}
	/* A new database, or one an older colophon wrote: init creates what
	 * is missing and builds the lookup collections (version 2). */
	if (version < SCHEMA_VERSION && !colo_store_init(s, err))
		goto done;

	*out = s;
	s = NULL;
	ok = true;
done:
	bson_destroy(ping);
	mongoc_uri_destroy(muri);
	colo_store_destroy(s);
	return ok;
}

void colo_store_destroy(colo_store *s)
{
	if (!s)
		return;
	mongoc_collection_destroy(s->names);
	mongoc_collection_destroy(s->person_works);
	mongoc_collection_destroy(s->citekeys);
	mongoc_collection_destroy(s->meta);
	mongoc_collection_destroy(s->sources);
	mongoc_collection_destroy(s->links);
	mongoc_collection_destroy(s->venues);
	mongoc_collection_destroy(s->works);
	mongoc_collection_destroy(s->people);
	mongoc_database_destroy(s->db);
	mongoc_client_destroy(s->client);
	free(s->password);
	free(s->masked_uri);
	free(s->dbname);
	free(s);
}

/* One ascending single-field index, named "<field>_1" as the server would
 * name it. */
static void index_spec(arr *indexes, const char *field, bool unique)
{
	bson_t d, key;
	char name[128];

	snprintf(name, sizeof name, "%s_1", field);
	arr_doc_begin(indexes, &d);
	BSON_APPEND_DOCUMENT_BEGIN(&d, "key", &key);
	BSON_APPEND_INT32(&key, field, 1);
	bson_append_document_end(&d, &key);
	BSON_APPEND_UTF8(&d, "name", name);
	if (unique)
		BSON_APPEND_BOOL(&d, "unique", true);
	arr_doc_end(indexes, &d);
}

/* A two-field index {a: da, b: db}, named as the server would name it. */
static void index_spec2(arr *indexes, const char *a, int da, const char *b,
                        int db)
{
	bson_t d, key;
	char name[160];

	snprintf(name, sizeof name, "%s_%d_%s_%d", a, da, b, db);
	arr_doc_begin(indexes, &d);
	BSON_APPEND_DOCUMENT_BEGIN(&d, "key", &key);
	BSON_APPEND_INT32(&key, a, da);
	BSON_APPEND_INT32(&key, b, db);
	bson_append_document_end(&d, &key);
	BSON_APPEND_UTF8(&d, "name", name);
	arr_doc_end(indexes, &d);
}

/* Names of the indexes coll already has (none when it does not exist). */
static bool index_names(colo_store *s, mongoc_collection_t *c, const char *coll,
                        bson_t *names, colo_error *err)
{
	mongoc_cursor_t *cur = mongoc_collection_find_indexes_with_opts(c, NULL);
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	while (mongoc_cursor_next(cur, &doc)) {
		char *name = doc_str(doc, "name");

		if (name)
			BSON_APPEND_BOOL(names, name, true);
		free(name);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot list the indexes of '%s'", coll);
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	return ok;
}

/* Creates the indexes in `indexes` that coll lacks.  Only missing ones are
 * sent: a createIndexes of two or more indexes that all exist already makes
 * FerretDB v1.24.2 panic and drop the connection. */
static bool create_indexes(colo_store *s, const char *coll, arr *indexes,
                           colo_error *err)
{
	mongoc_collection_t *c = mongoc_database_get_collection(s->db, coll);
	bson_t have = BSON_INITIALIZER, cmd = BSON_INITIALIZER;
	bson_iter_t it;
	bson_t spec;
	bson_error_t e;
	arr missing;
	bool ok = false;

	arr_init(&missing);
	if (!index_names(s, c, coll, &have, err))
		goto done;
	bson_iter_init(&it, &indexes->b);
	while (doc_array_next_doc(&it, &spec)) {
		char *name = doc_str(&spec, "name");
		bson_iter_t found;
		char buf[16];
		const char *key;

		if (name && !bson_iter_init_find(&found, &have, name)) {
			key = arr_key(&missing, buf, sizeof buf);
			BSON_APPEND_DOCUMENT(&missing.b, key, &spec);
		}
		free(name);
	}
	if (missing.n) {
		BSON_APPEND_UTF8(&cmd, "createIndexes", coll);
		BSON_APPEND_ARRAY(&cmd, "indexes", &missing.b);
		if (!mongoc_database_write_command_with_opts(s->db, &cmd, NULL, NULL,
		                                             &e)) {
			colo_store_fail(s, err, &e, "cannot create the indexes of '%s'", coll);
			goto done;
		}
	}
	ok = true;
done:
	bson_destroy(&missing.b);
	bson_destroy(&cmd);
	bson_destroy(&have);
	bson_destroy(&indexes->b);
	mongoc_collection_destroy(c);
	return ok;
}

bool colo_store_init(colo_store *s, colo_error *err)
{
	arr ix;
	bson_t *filter = NULL, *update = NULL, *opts = NULL;
	bson_error_t e;
	int version = 0;
	bool ok = false;

	arr_init(&ix);
	index_spec(&ix, "key", true);
	index_spec(&ix, "family_norm", false);
	index_spec(&ix, "merged_from.key", false);
	/* FerretDB's SQLite backend uses no secondary index for a query
	 * (docs/SCALING.md): the schema-3 lookup fields are indexed on
	 * MongoDB only. */
	if (!s->point_lookups) {
		index_spec(&ix, "orcid", false);
		index_spec(&ix, "name_key", false);
	}
	if (!create_indexes(s, "people", &ix, err))
		goto done;

	arr_init(&ix);
	index_spec(&ix, "key", true);
	index_spec(&ix, "citekey", true);
	index_spec(&ix, "creators.person", false);
	index_spec(&ix, "issued.y", false);
	index_spec(&ix, "title_norm", false);
	index_spec(&ix, "tokens", false);
	/* MongoDB serves an author's works and `search`, newest first, from
	 * these without a sort stage.  FerretDB's SQLite backend uses no
	 * secondary index for a query (docs/SCALING.md) but updates each on
	 * every write: not created there. */
	if (!s->point_lookups) {
		index_spec(&ix, "doi_norm", false);
		index_spec(&ix, "isbn13", false);
		index_spec2(&ix, "creators.person", 1, "issued.y", -1);
		index_spec2(&ix, "tokens", 1, "issued.y", -1);
	}
	if (!create_indexes(s, "works", &ix, err))
		goto done;

	arr_init(&ix);
	index_spec(&ix, "key", true);
	if (!create_indexes(s, "venues", &ix, err))
		goto done;

	arr_init(&ix);
	index_spec(&ix, "from", false);
	index_spec(&ix, "to", false);
	if (!create_indexes(s, "links", &ix, err))
		goto done;

	arr_init(&ix); /* the HTTP response cache (store_cache.c): forget by url */
	index_spec(&ix, "url", false);
	if (!create_indexes(s, "http_cache", &ix, err))
		goto done;

	/* sources, meta and the lookup collections need only _id; creating an
	 * index-less collection implicitly happens on the first write. */
	if (!read_schema_version(s, &version, err))
		goto done;
	/* Schema 2 added the lookup collections: built from what an older
	 * colophon stored, before the version says they are there (an
	 * interrupted build is run again on the next open). */
	if (version < 2 && !build_lookups(s, err))
		goto done;
	/* Schema 3 finds people and works under the other kind of key. */
	if (version < 3 && !backfill_keys(s, err))
		goto done;
	filter = BCON_NEW("_id", BCON_UTF8("schema"));
	update = BCON_NEW("$max", "{", "version", BCON_INT32(SCHEMA_VERSION), "}");
	opts = BCON_NEW("upsert", BCON_BOOL(true));
	if (!mongoc_collection_update_one(s->meta, filter, update, opts, NULL, &e)) {
		colo_store_fail(s, err, &e, "cannot write the schema version");
		goto done;
	}
	ok = true;
done:
	bson_destroy(opts);
	bson_destroy(update);
	bson_destroy(filter);
	return ok;
}

bool colo_store_drop(colo_store *s, colo_error *err)
{
	bson_error_t e;

	if (!mongoc_database_drop_with_opts(s->db, NULL, &e)) {
		colo_store_fail(s, err, &e, "cannot drop database '%s'", s->dbname);
		return false;
	}
	return true;
}

/* ---- info --------------------------------------------------------------- */

static bool count(colo_store *s, mongoc_collection_t *c, const char *name,
                  long long *out, colo_error *err)
{
	bson_t filter = BSON_INITIALIZER;
	bson_error_t e;
	int64_t n = mongoc_collection_count_documents(c, &filter, NULL, NULL, NULL,
	                                              &e);

	bson_destroy(&filter);
	if (n < 0) {
		colo_store_fail(s, err, &e, "cannot count '%s'", name);
		return false;
	}
	*out = (long long)n;
	return true;
}

bool colo_store_info_get(colo_store *s, colo_store_info *out, colo_error *err)
{
	bson_t *cmd = BCON_NEW("buildInfo", BCON_INT32(1));
	bson_t reply;
	bson_error_t e;
	char *fdb = NULL;
	bool ok = false;

	memset(out, 0, sizeof *out);
	out->database = colo_xstrdup(s->dbname);
	if (!mongoc_client_command_simple(s->client, "admin", cmd, NULL, &reply,
	                                  &e)) {
		colo_store_fail(s, err, &e, "buildInfo failed");
		bson_destroy(&reply);
		goto done;
	}
	/* FerretDB answers buildInfo with its own "ferretdbVersion" beside
	 * the MongoDB version it emulates. */
	fdb = doc_str(&reply, "ferretdbVersion");
	if (fdb) {
		out->backend = colo_xstrdup("FerretDB");
		out->server_version = fdb;
		fdb = NULL;
	} else {
		out->backend = colo_xstrdup("MongoDB");
		out->server_version = doc_str(&reply, "version");
	}
	bson_destroy(&reply);

	if (!count(s, s->people, "people", &out->people, err) ||
	    !count(s, s->works, "works", &out->works, err) ||
	    !count(s, s->venues, "venues", &out->venues, err) ||
	    !count(s, s->links, "links", &out->links, err) ||
	    !count(s, s->sources, "sources", &out->sources, err) ||
	    !read_schema_version(s, &out->schema_version, err))
		goto done;
	ok = true;
done:
	free(fdb);
	bson_destroy(cmd);
	if (!ok)
		colo_store_info_cleanup(out);
	return ok;
}

void colo_store_info_cleanup(colo_store_info *info)
{
	if (!info)
		return;
	free(info->backend);
	free(info->server_version);
	free(info->database);
	memset(info, 0, sizeof *info);
}

/* ---- saving ------------------------------------------------------------- */

/* A record being saved: its dedup key and where its id (and, for works,
 * citation key) go. */
typedef struct ref {
	const char *key;
	char **id;
	char **citekey; /* works only */
	bool found;     /* exists in the store (by key or as a duplicate) */
	/* The stored document, when read: works merge into it, and a write
	 * that would not change it is skipped. */
	const bson_t *stored;
	/* people: for finding a stored person whose key is the other kind
	 * (by `orcid`, or by `name_key`); NULL when unknown. */
	const char *orcid;
	const colo_name *name;
} ref;

/* Looks the refs up by key, one query per lookup_chunk() records; fills id
 * (and citekey) of those found. */
/* People not found by key may have been merged into another person
 * (`colophon author merge` records their key in `merged_from`): a
 * re-import then lands on the person they were merged into. */
static bool lookup_merged(colo_store *s, ref *refs, size_t n, colo_error *err)
{
	arr in;
	bson_t filter;
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool failed, any = false;

	arr_init(&in);
	for (size_t i = 0; i < n; i++)
		if (!refs[i].found) {
			arr_str(&in, refs[i].key);
			any = true;
		}
	if (!any) {
		bson_destroy(&in.b);
		return true;
	}
	in_filter(&filter, "merged_from.key", &in);
	cur = mongoc_collection_find_with_opts(s->people, &filter, NULL, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		char *id = doc_str(doc, "_id");
		bson_iter_t it, sub;

		if (id && bson_iter_init_find(&it, doc, "merged_from") &&
		    BSON_ITER_HOLDS_ARRAY(&it) && bson_iter_recurse(&it, &sub)) {
			while (bson_iter_next(&sub)) {
				bson_iter_t k;

				if (!BSON_ITER_HOLDS_DOCUMENT(&sub) ||
				    !bson_iter_recurse(&sub, &k) ||
				    !bson_iter_find(&k, "key") || !BSON_ITER_HOLDS_UTF8(&k))
					continue;
				for (size_t i = 0; i < n; i++)
					if (!refs[i].found &&
					    strcmp(refs[i].key, bson_iter_utf8(&k, NULL)) == 0) {
						refs[i].found = true;
						colo_set_str(refs[i].id, id);
					}
			}
		}
		free(id);
	}
	failed = mongoc_cursor_error(cur, &e);
	mongoc_cursor_destroy(cur);
	bson_destroy(&filter);
	if (failed) {
		colo_store_fail(s, err, &e, "cannot look up merged people");
		return false;
	}
	return true;
}

/* A stored person as the other-key lookup reads it. */
typedef struct pcand {
	char *id, *orcid, *name_key;
} pcand;

/* Stored people whose `field` is one of vals[0..n) (chunked), appended to
 * *v (projection _id, key, orcid, name_key; the key stands in for
 * name_key on people keyed by name). */
static bool people_where_in(colo_store *s, const char *field,
                            const char *const *vals, size_t n, pcand **v,
                            size_t *nv, size_t *cap, colo_error *err)
{
	const size_t chunk = lookup_chunk(s);

	for (size_t base = 0; base < n; base += chunk) {
		size_t end = base + chunk < n ? base + chunk : n;
		bson_t filter;
		bson_t *opts = BCON_NEW("projection", "{", "key", BCON_INT32(1),
		                        "orcid", BCON_INT32(1), "name_key",
		                        BCON_INT32(1), "}");
		arr in;
		mongoc_cursor_t *cur;
		const bson_t *doc;
		bson_error_t e;
		bool failed;

		arr_init(&in);
		for (size_t i = base; i < end; i++)
			arr_str(&in, vals[i]);
		in_filter(&filter, field, &in);
		cur = mongoc_collection_find_with_opts(s->people, &filter, opts, NULL);
		while (mongoc_cursor_next(cur, &doc)) {
			pcand c;
			char *key = doc_str(doc, "key");

			c.id = doc_str(doc, "_id");
			c.orcid = doc_str(doc, "orcid");
			c.name_key = doc_str(doc, "name_key");
			if (!c.name_key && key && strncmp(key, "orcid:", 6) != 0) {
				c.name_key = key;
				key = NULL;
			}
			free(key);
			if (!c.id) {
				free(c.orcid);
				free(c.name_key);
				continue;
			}
			for (size_t k = 0; k < *nv; k++)
				if (strcmp((*v)[k].id, c.id) == 0) {
					free(c.id);
					c.id = NULL;
					break;
				}
			if (!c.id) {
				free(c.orcid);
				free(c.name_key);
				continue;
			}
			colo_grow((void **)v, cap, *nv + 1, sizeof **v);
			(*v)[(*nv)++] = c;
		}
		failed = mongoc_cursor_error(cur, &e);
		mongoc_cursor_destroy(cur);
		bson_destroy(&filter);
		bson_destroy(opts);
		if (failed) {
			colo_store_fail(s, err, &e, "cannot look up people by %s", field);
			return false;
		}
	}
	return true;
}

/* A usable name key for n (NULL when the name is empty). */
static char *person_name_key(const colo_name *n)
{
	char *nk = n ? colo_name_key(n) : NULL;

	if (nk && (strcmp(nk, "name:") == 0 || strcmp(nk, "name:|") == 0)) {
		free(nk);
		nk = NULL;
	}
	return nk;
}

/* People not found by key may be stored under the other kind of key: a
 * person first stored by name later imported with an ORCID (found by the
 * `orcid` field), or one first stored by ORCID later imported by name
 * alone (found by `name_key`).  A name finds a person only when exactly
 * one stored person has that name key and its ORCID is absent or the
 * same: two namesakes, or another ORCID, are other researchers.  One
 * `$in` per field per lookup_chunk() people. */
static bool lookup_people_other(colo_store *s, ref *refs, size_t n,
                                colo_error *err)
{
	const char **orcids = colo_xcalloc(n ? n : 1, sizeof *orcids);
	char **nks = colo_xcalloc(n ? n : 1, sizeof *nks);
	const char **nkv = colo_xcalloc(n ? n : 1, sizeof *nkv);
	pcand *v = NULL;
	size_t no = 0, nn = 0, nv = 0, cap = 0;
	bool ok = false;

	for (size_t i = 0; i < n; i++)
		if (!refs[i].found && refs[i].orcid && *refs[i].orcid)
			orcids[no++] = refs[i].orcid;
	if (no && !people_where_in(s, "orcid", orcids, no, &v, &nv, &cap, err))
		goto done;
	for (size_t i = 0; i < n; i++) {
		if (refs[i].found || !refs[i].orcid || !*refs[i].orcid)
			continue;
		for (size_t k = 0; k < nv; k++)
			if (v[k].orcid && strcmp(v[k].orcid, refs[i].orcid) == 0) {
				refs[i].found = true;
				colo_set_str(refs[i].id, v[k].id);
				break;
			}
	}
	/* Both kinds of holder: people keyed by the name (looked up by key
	 * already unless the batch person is keyed by its ORCID), and people
	 * keyed by ORCID that carry it in name_key. */
	for (size_t i = 0; i < n; i++)
		if (!refs[i].found && refs[i].orcid && *refs[i].orcid &&
		    (nks[i] = person_name_key(refs[i].name)))
			nkv[nn++] = nks[i];
	if (nn && !people_where_in(s, "key", nkv, nn, &v, &nv, &cap, err))
		goto done;
	for (size_t i = 0; i < n; i++)
		if (!refs[i].found && !nks[i] &&
		    (nks[i] = person_name_key(refs[i].name)))
			nkv[nn++] = nks[i];
	if (nn && !people_where_in(s, "name_key", nkv, nn, &v, &nv, &cap, err))
		goto done;
	for (size_t i = 0; i < n; i++) {
		const pcand *one = NULL;
		size_t same = 0;

		if (refs[i].found || !nks[i])
			continue;
		for (size_t k = 0; k < nv; k++)
			if (v[k].name_key && strcmp(v[k].name_key, nks[i]) == 0) {
				same++;
				one = &v[k];
			}
		if (same != 1)
			continue;
		if (one->orcid && refs[i].orcid && *refs[i].orcid &&
		    strcmp(one->orcid, refs[i].orcid) != 0)
			continue;
		refs[i].found = true;
		colo_set_str(refs[i].id, one->id);
	}
	ok = true;
done:
	for (size_t k = 0; k < nv; k++) {
		free(v[k].id);
		free(v[k].orcid);
		free(v[k].name_key);
	}
	free(v);
	for (size_t i = 0; i < n; i++)
		free(nks[i]);
	free(nks);
	free(nkv);
	free(orcids);
	return ok;
}

/* With docs (n entries, NULL or owned by the caller), the whole stored
 * document of each ref found by key is kept in docs[i] (the merge needs
 * it, and on FerretDB a second query would read the collection again). */
static bool lookup_keys_docs(colo_store *s, mongoc_collection_t *c,
                             const char *what, ref *refs, size_t n,
                             bson_t **docs, colo_error *err)
{
	const size_t chunk = lookup_chunk(s);
	/* the chunk's refs by key */
	id_at *byk = colo_xcalloc(n < chunk ? (n ? n : 1) : chunk, sizeof *byk);

	for (size_t base = 0; base < n; base += chunk) {
		size_t end = base + chunk < n ? base + chunk : n;
		bson_t filter, opts, proj;
		arr in;
		mongoc_cursor_t *cur;
		const bson_t *doc;
		bson_error_t e;
		bool failed;

		arr_init(&in);
		for (size_t i = base; i < end; i++)
			arr_str(&in, refs[i].key);
		in_filter(&filter, "key", &in);
		bson_init(&opts);
		if (!docs) {
			BSON_APPEND_DOCUMENT_BEGIN(&opts, "projection", &proj);
			BSON_APPEND_INT32(&proj, "_id", 1);
			BSON_APPEND_INT32(&proj, "key", 1);
			BSON_APPEND_INT32(&proj, "citekey", 1);
			bson_append_document_end(&opts, &proj);
		}

		for (size_t i = base; i < end; i++)
			byk[i - base] = (id_at){refs[i].key, i};
		qsort(byk, end - base, sizeof *byk, id_at_cmp);
		cur = mongoc_collection_find_with_opts(c, &filter, &opts, NULL);
		while (mongoc_cursor_next(cur, &doc)) {
			char *key = doc_str(doc, "key");
			char *id = doc_str(doc, "_id");
			const id_at *at = key && id ? id_at_first(byk, end - base, key)
			                            : NULL;

			for (; at && at < byk + (end - base) && strcmp(at->id, key) == 0;
			     at++) {
				size_t i = at->i;

				refs[i].found = true;
				colo_set_str(refs[i].id, id);
				if (docs && !docs[i])
					docs[i] = bson_copy(doc);
				if (refs[i].citekey) {
					char *ck = doc_str(doc, "citekey");

					if (ck) {
						free(*refs[i].citekey);
						*refs[i].citekey = ck;
					}
				}
			}
			free(key);
			free(id);
		}
		failed = mongoc_cursor_error(cur, &e);
		mongoc_cursor_destroy(cur);
		bson_destroy(&opts);
		bson_destroy(&filter);
		if (failed) {
			colo_store_fail(s, err, &e, "cannot look up %s", what);
			free(byk);
			return false;
		}
	}
	free(byk);
	return c == s->people ? lookup_merged(s, refs, n, err) &&
	                            lookup_people_other(s, refs, n, err)
	                      : true;
}

static bool lookup_keys(colo_store *s, mongoc_collection_t *c, const char *what,
                        ref *refs, size_t n, colo_error *err)
{
	return lookup_keys_docs(s, c, what, refs, n, NULL, err);
}

/* Whether a document with this _id exists. */
static bool id_exists(colo_store *s, mongoc_collection_t *c, const char *id,
                      bool *exists, colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	bson_error_t e;
	int64_t n = mongoc_collection_count_documents(c, filter, NULL, NULL, NULL,
	                                              &e);

	bson_destroy(filter);
	if (n < 0) {
		colo_store_fail(s, err, &e, "cannot look up '%s'", id);
		return false;
	}
	*exists = n > 0;
	return true;
}

typedef enum upsert_result { UPSERT_FAIL, UPSERT_NEW, UPSERT_MERGED, UPSERT_DUP } upsert_result;

/* update_one with upsert; UPSERT_DUP on a duplicate-key error (err is not
 * set then), UPSERT_FAIL with err set on any other error. */
static upsert_result upsert(colo_store *s, mongoc_collection_t *c,
                            const bson_t *filter, const bson_t *update,
                            const char *what, colo_error *err)
{
	bson_t *opts = BCON_NEW("upsert", BCON_BOOL(true));
	bson_t reply;
	bson_error_t e;
	upsert_result r;

	if (!mongoc_collection_update_one(c, filter, update, opts, &reply, &e)) {
		if (is_duplicate_key(&e)) {
			r = UPSERT_DUP;
		} else {
			colo_store_fail(s, err, &e, "cannot save %s", what);
			r = UPSERT_FAIL;
		}
	} else {
		r = doc_int(&reply, "upsertedCount") > 0 ? UPSERT_NEW : UPSERT_MERGED;
	}
	bson_destroy(&reply);
	bson_destroy(opts);
	return r;
}

/* The filter for a record: by _id when it is known to exist, else by key
 * (an insert then takes the key from the filter). */
static bson_t *record_filter(const ref *r)
{
	if (r->found)
		return BCON_NEW("_id", BCON_UTF8(*r->id));
	/* A new record: by its intended _id alone, so servers that use only
	 * the _id index for updates (FerretDB's SQLite backend) do not scan
	 * the collection for every record.  free_ids has made sure no other
	 * record holds that _id; one created meanwhile with the same key has
	 * the same _id and is merged into, as it should be. */
	return BCON_NEW("_id", BCON_UTF8(*r->id));
}

/* $setOnInsert fields every record shares. */
static void creation_fields(bson_t *soi, const ref *r)
{
	/* _id comes from the filter's equality */
	BSON_APPEND_UTF8(soi, "key", r->key);
	BSON_APPEND_DATE_TIME(soi, "created", now_ms());
}

/* For the records not found by key, makes the _id they will be inserted
 * under (their key) free: an _id held by a record whose key has changed
 * gets "#2", "#3"... instead.  One find with $in on _id per chunk. */
static bool free_ids(colo_store *s, mongoc_collection_t *c, ref *refs,
                     size_t n, colo_error *err)
{
	const size_t chunk = lookup_chunk(s);

	for (size_t base = 0; base < n; base += chunk) {
		size_t end = base + chunk < n ? base + chunk : n;

		for (int round = 2; round < MAX_RETRIES; round++) {
			bson_t filter, opts, proj;
			arr in;
			mongoc_cursor_t *cur;
			const bson_t *doc;
			bson_error_t e;
			bool failed, any = false, taken = false;

			arr_init(&in);
			for (size_t i = base; i < end; i++) {
				if (refs[i].found)
					continue;
				if (!*refs[i].id)
					colo_set_str(refs[i].id, refs[i].key);
				arr_str(&in, *refs[i].id);
				any = true;
			}
			if (!any) {
				bson_destroy(&in.b);
				break;
			}
			in_filter(&filter, "_id", &in);
			bson_init(&opts);
			BSON_APPEND_DOCUMENT_BEGIN(&opts, "projection", &proj);
			BSON_APPEND_INT32(&proj, "_id", 1);
			bson_append_document_end(&opts, &proj);
			cur = mongoc_collection_find_with_opts(c, &filter, &opts, NULL);
			while (mongoc_cursor_next(cur, &doc)) {
				char *id = doc_str(doc, "_id");

				for (size_t i = base; id && i < end; i++) {
					colo_buf nid;

					if (refs[i].found || strcmp(*refs[i].id, id) != 0)
						continue;
					colo_buf_init(&nid, 0);
					colo_buf_printf(&nid, "%s#%d", refs[i].key, round);
					free(*refs[i].id);
					*refs[i].id = colo_buf_steal(&nid);
					taken = true;
				}
				free(id);
			}
			failed = mongoc_cursor_error(cur, &e);
			mongoc_cursor_destroy(cur);
			bson_destroy(&opts);
			bson_destroy(&filter);
			if (failed) {
				colo_store_fail(s, err, &e, "cannot look up ids");
				return false;
			}
			if (!taken)
				break;
		}
	}
	return true;
}

typedef void (*build_fn)(const void *rec, const ref *r, const char *source,
                         colo_batch *b, bson_t *soi, bson_t *set, bson_t *add);

/* Saves one record, resolving duplicate-key errors: a record that another
 * writer created meanwhile is merged into; an _id taken by a record whose
 * key has changed gets a "#n" suffix; a taken citation key the next
 * suffix. */
static bool save_record(colo_store *s, mongoc_collection_t *c, const char *what,
                        const void *rec, ref *r, const char *source,
                        colo_batch *b, build_fn build, const char *citebase,
                        size_t *nnew, size_t *nmerged, colo_error *err)
{
	size_t id_suffix = 1, cite_suffix = 0;

	if (!r->found && !*r->id)
		colo_set_str(r->id, r->key);
	for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
		bson_t soi, set, add;
		bson_t *filter = record_filter(r), *update;
		upsert_result res;
		bool exists = false;
		char label[200];

		bson_init(&soi);
		bson_init(&set);
		bson_init(&add);
		creation_fields(&soi, r);
		build(rec, r, source, b, &soi, &set, &add);
		update = make_update(&soi, &set, &add);
		snprintf(label, sizeof label, "%s '%s'", what, r->key);
		res = upsert(s, c, filter, update, label, err);
		bson_destroy(update);
		bson_destroy(filter);
		bson_destroy(&add);
		bson_destroy(&set);
		bson_destroy(&soi);

		if (res == UPSERT_FAIL)
			return false;
		if (res == UPSERT_NEW || res == UPSERT_MERGED) {
			++*(res == UPSERT_NEW ? nnew : nmerged);
			return true;
		}
		/* Duplicate key: find out which one. */
		if (!lookup_keys(s, c, what, r, 1, err))
			return false;
		if (r->found)
			continue; /* created meanwhile: merge into it */
		if (!id_exists(s, c, *r->id, &exists, err))
			return false;
		if (exists) {
			colo_buf id;

			colo_buf_init(&id, 0);
			colo_buf_printf(&id, "%s#%zu", r->key, ++id_suffix);
			free(*r->id);
			*r->id = colo_buf_steal(&id);
			continue;
		}
		if (r->citekey && citebase) {
			free(*r->citekey);
			*r->citekey = colo_citekey_suffixed(citebase, cite_suffix++);
			continue;
		}
		colo_error_set(err, COLO_EDB, "cannot save %s '%s': duplicate key",
		               what, r->key);
		return false;
	}
	colo_error_set(err, COLO_EDB, "cannot save %s '%s': too many key collisions",
	               what, r->key);
	return false;
}

typedef struct held_docs {
	id_at *ids;
	size_t n;
	bson_t **held;
} held_docs;

static bool hold_doc(const bson_t *doc, void *arg)
{
	held_docs *h = arg;
	bson_iter_t it;
	const char *id;
	const id_at *at;

	if (!bson_iter_init_find(&it, doc, "_id") || !BSON_ITER_HOLDS_UTF8(&it))
		return true;
	id = bson_iter_utf8(&it, NULL);
	/* A batch may point two records at one stored document. */
	for (at = id_at_first(h->ids, h->n, id);
	     at && at < h->ids + h->n && strcmp(at->id, id) == 0; at++)
		if (!h->held[at->i])
			h->held[at->i] = bson_copy(doc);
	return true;
}

/* Reads the documents of c whose _id is v[k].id into held[v[k].i] (those
 * still NULL; caller destroys): one `$in` per lookup chunk
 * (colo_store_each_by_id).  Sorts v. */
static bool hold_by_id(colo_store *s, mongoc_collection_t *c, id_at *v,
                       size_t n, bson_t **held, colo_error *err)
{
	held_docs h = {v, n, held};
	const char **ids = colo_xcalloc(n ? n : 1, sizeof *ids);
	bool ok;

	if (n > 1)
		qsort(v, n, sizeof *v, id_at_cmp);
	for (size_t k = 0; k < n; k++)
		ids[k] = v[k].id;
	ok = colo_store_each_by_id(s, c, ids, n, NULL, hold_doc, &h, err);
	free(ids);
	return ok;
}

/* Reads the stored document of every found ref not read yet into held[i]
 * (NULL for the rest; caller destroys) and points refs[i].stored at
 * held[i]. */
static bool read_stored(colo_store *s, mongoc_collection_t *c, ref *refs,
                        size_t n, bson_t **held, colo_error *err)
{
	id_at *v = colo_xcalloc(n ? n : 1, sizeof *v);
	size_t nv = 0;
	bool ok;

	for (size_t i = 0; i < n; i++)
		if (refs[i].found && !refs[i].stored && !held[i])
			v[nv++] = (id_at){*refs[i].id, i};
	ok = hold_by_id(s, c, v, nv, held, err);
	for (size_t i = 0; i < n; i++)
		if (held[i])
			refs[i].stored = held[i];
	free(v);
	return ok;
}

/* Destroys held[0..n) and sets them NULL (held may be NULL). */
static void held_free(bson_t **held, size_t n)
{
	for (size_t i = 0; held && i < n; i++)
		if (held[i]) {
			bson_destroy(held[i]);
			held[i] = NULL;
		}
}

/* For records that share an id within the batch (a file that holds one
 * work twice, under one DOI): same[i] is the first record of i's id, or
 * SIZE_MAX when record i is the only one.  NULL when there are none. */
static size_t *shared_ids(const ref *refs, size_t n)
{
	id_at *v = colo_xcalloc(n ? n : 1, sizeof *v);
	size_t *same = NULL;

	for (size_t i = 0; i < n; i++)
		v[i] = (id_at){*refs[i].id, i};
	if (n > 1)
		qsort(v, n, sizeof *v, id_at_cmp);
	for (size_t k = 0, j; k < n; k = j) {
		size_t first = v[k].i;

		for (j = k + 1; j < n && strcmp(v[j].id, v[k].id) == 0; j++)
			if (v[j].i < first)
				first = v[j].i;
		if (j - k < 2)
			continue;
		if (!same) {
			same = colo_xcalloc(n, sizeof *same);
			for (size_t i = 0; i < n; i++)
				same[i] = SIZE_MAX;
		}
		for (size_t m = k; m < j; m++)
			same[v[m].i] = first;
	}
	free(v);
	return same;
}

/* Saves the n records at recs (each size bytes) through one writer: a
 * record not found is inserted whole, a found one updated unless the
 * update would change nothing (refs[i].stored).  A later record of the
 * batch with an id an earlier one has merges into that one as into a
 * stored record (its differing fields become alternatives) and takes its
 * citation key; when the id is new, the merged document is inserted
 * once.  An insert refused for a duplicate key goes through save_record,
 * which settles the collision.  citebases[i] (works; may be NULL) is the
 * base for citation-key suffixes; created[i] (may be NULL) is set when
 * record i was inserted.  progress, if any, is told after each record. */
static bool save_records(colo_store *s, mongoc_collection_t *c,
                         const char *what, void *recs, size_t size, ref *refs,
                         size_t n, const char *source, colo_batch *b,
                         build_fn build, char *const *citebases, bool *created,
                         size_t *nnew, size_t *nmerged,
                         void (*progress)(size_t, size_t, void *), void *parg,
                         colo_error *err)
{
	colo_writer w;
	size_t *same;
	/* The first record of a shared id: the document as merged so far,
	 * and whether it is new (inserted after the loop, merged). */
	bson_t **kept = NULL;
	bool *fold = NULL;
	bool ok = true;

	for (size_t i = 0; i < n; i++)
		if (!refs[i].found && !*refs[i].id)
			colo_set_str(refs[i].id, refs[i].key);
	same = shared_ids(refs, n);
	if (same) {
		kept = colo_xcalloc(n, sizeof *kept);
		fold = colo_xcalloc(n, sizeof *fold);
	}
	colo_writer_init(&w, s, c, false);
	for (size_t i = 0; ok && i < n; i++) {
		ref *r = &refs[i];
		size_t first = same ? same[i] : SIZE_MAX;
		bson_t soi, set, add, *update, next;
		colo_put did = COLO_PUT_UPDATE;

		if (first == i)
			fold[i] = !r->found;
		if (first != SIZE_MAX && first != i) {
			r->found = true;
			r->stored = kept[first];
			if (r->citekey && refs[first].citekey)
				colo_set_str(r->citekey, *refs[first].citekey);
		}
		bson_init(&soi);
		bson_init(&set);
		bson_init(&add);
		creation_fields(&soi, r);
		build((char *)recs + i * size, r, source, b, &soi, &set, &add);
		update = make_update(&soi, &set, &add);
		if (first != SIZE_MAX &&
		    (r->stored ? colo_update_apply(r->stored, update, &next)
		               : colo_update_as_doc(*r->id, update, &next))) {
			if (fold[first])
				did = i == first ? COLO_PUT_INSERT : COLO_PUT_SKIP;
			else
				ok = colo_writer_put(&w, *r->id, update, r->found, r->stored,
				                     i, &did, err);
			/* What the next record of this id merges into (r->stored
			 * may be the one replaced). */
			if (kept[first])
				bson_destroy(kept[first]);
			kept[first] = bson_copy(&next);
			bson_destroy(&next);
		} else {
			/* Cannot be merged here: what the group has so far is
			 * written, then this record as it comes. */
			if (first != SIZE_MAX) {
				bson_destroy(&next);
				if (fold[first] && first != i)
					ok = colo_writer_insert(&w, *refs[first].id, kept[first],
					                        first, err);
			}
			ok = ok && colo_writer_put(&w, *r->id, update, r->found, r->stored,
			                           i, &did, err);
			if (first != SIZE_MAX) {
				fold[first] = false;
				if (kept[first])
					bson_destroy(kept[first]);
				kept[first] = NULL;
			}
		}
		/* kept[first] changes: later uses would read freed memory. */
		if (first != SIZE_MAX && first != i)
			r->stored = NULL;
		bson_destroy(update);
		bson_destroy(&add);
		bson_destroy(&set);
		bson_destroy(&soi);
		if (ok && did != COLO_PUT_INSERT)
			++*nmerged;
		if (ok && created)
			created[i] = did == COLO_PUT_INSERT;
		if (ok && progress && i + 1 < n)
			progress(i + 1, n, parg);
	}
	for (size_t i = 0; ok && fold && i < n; i++)
		if (fold[i])
			ok = colo_writer_insert(&w, *refs[i].id, kept[i], i, err);
	ok = ok && colo_writer_flush(&w, err);
	*nnew += w.inserted;
	for (size_t k = 0; ok && k < w.ndups; k++) {
		size_t i = w.dups[k], before = *nnew;

		/* Taken meanwhile: saved again as upserts, with the records that
		 * were merged into it. */
		for (size_t j = i; ok && j < n; j++) {
			if (j != i && (!same || same[j] != i))
				continue;
			size_t n0 = *nnew, m0 = *nmerged;

			ok = save_record(s, c, what, (char *)recs + j * size, &refs[j],
			                 source, b, build, citebases ? citebases[j] : NULL,
			                 nnew, nmerged, err);
			if (j != i) { /* counted as merged already */
				*nnew = n0;
				*nmerged = m0;
			}
			if (!fold || !fold[i])
				break;
		}
		if (created)
			created[i] = *nnew > before;
	}
	if (ok && progress && n)
		progress(n, n, parg);
	colo_writer_cleanup(&w);
	for (size_t i = 0; kept && i < n; i++)
		if (kept[i])
			bson_destroy(kept[i]);
	free(kept);
	free(fold);
	free(same);
	return ok;
}

/* Writes what b gathered (see bulk) and empties it. */
static bool bulk_flush(bulk *b, colo_error *err)
{
	ref *refs = colo_xcalloc(b->n ? b->n : 1, sizeof *refs);
	bson_t **held = colo_xcalloc(b->n ? b->n : 1, sizeof *held);
	id_at *byid = colo_xcalloc(b->n ? b->n : 1, sizeof *byid);
	bool *again = colo_xcalloc(b->n ? b->n : 1, sizeof *again);
	colo_writer w;
	bool ok;

	/* The same update of one id twice (two works of the batch merged
	 * into one keep one citation key) is written once. */
	for (size_t i = 0; i < b->n; i++)
		byid[i] = (id_at){b->ids[i], i};
	if (b->n > 1)
		qsort(byid, b->n, sizeof *byid, id_at_cmp);
	for (size_t k = 1; k < b->n; k++)
		again[byid[k].i] = strcmp(byid[k].id, byid[k - 1].id) == 0 &&
		                   bson_equal(b->updates[byid[k].i],
		                              b->updates[byid[k - 1].i]);
	for (size_t i = 0; i < b->n; i++) {
		refs[i].key = b->ids[i];
		refs[i].id = &b->ids[i];
		refs[i].found = !again[i]; /* read each once */
	}
	colo_writer_init(&w, b->s, b->c, true);
	ok = read_stored(b->s, b->c, refs, b->n, held, err);
	for (size_t i = 0; ok && i < b->n; i++)
		if (!again[i])
			ok = colo_writer_put(&w, b->ids[i], b->updates[i],
			                     held[i] != NULL, held[i], i, NULL, err);
	ok = ok && colo_writer_flush(&w, err);
	colo_writer_cleanup(&w);
	held_free(held, b->n);
	free(held);
	free(refs);
	free(again);
	free(byid);
	bulk_cleanup(b);
	return ok;
}

/* A new work's citation key and where it stands in the search for a free
 * one. */
typedef struct ckcand {
	const char *key;
	size_t i;
} ckcand;

static int ckcand_cmp(const void *x, const void *y)
{
	const ckcand *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

typedef struct taken_keys {
	char **v;
	size_t n, cap;
} taken_keys;

static bool take_key(const bson_t *doc, void *arg)
{
	taken_keys *t = arg;
	char *id = doc_str(doc, "_id");

	if (id) {
		colo_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v);
		t->v[t->n++] = id;
	}
	return true;
}

/* Gives the new works (bases[i] set) citation keys no stored work and no
 * other work of the batch holds, before they are inserted: the key, or
 * else the base with the next free suffix (a, b, ... aa; the earlier work
 * of the batch keeps the plain key).  One `$in` on citekeys per round; a
 * key found taken only when inserting is settled by save_record. */
static bool assign_citekeys(colo_store *s, colo_batch *b, char *const *bases,
                            colo_error *err)
{
	size_t n = b->nworks, nu = 0, nclaimed = 0;
	ckcand *u = colo_xcalloc(n ? n : 1, sizeof *u);
	size_t *next = colo_xcalloc(n ? n : 1, sizeof *next);
	const char **claimed = colo_xcalloc(n ? n : 1, sizeof *claimed);
	bool ok = true;

	for (size_t i = 0; i < n; i++)
		if (bases[i] && b->works[i].citekey)
			u[nu++] = (ckcand){b->works[i].citekey, i};
	for (int round = 0; ok && nu && round < MAX_RETRIES; round++) {
		const char **keys = colo_xcalloc(nu, sizeof *keys);
		bson_t *opts = BCON_NEW("projection", "{", "_id", BCON_INT32(1), "}");
		taken_keys t = {NULL, 0, 0};
		size_t keep = 0;

		for (size_t k = 0; k < nu; k++)
			keys[k] = u[k].key;
		ok = colo_store_each_by_id(s, s->citekeys, keys, nu, opts, take_key,
		                           &t, err);
		bson_destroy(opts);
		free(keys);
		if (t.n > 1)
			qsort(t.v, t.n, sizeof *t.v, str_cmp);
		if (nclaimed > 1)
			qsort(claimed, nclaimed, sizeof *claimed, str_cmp);
		qsort(u, nu, sizeof *u, ckcand_cmp);
		for (size_t k = 0, end; ok && k < nu; k = end) {
			const char *key = u[k].key;
			size_t after = 0;
			bool free_key =
				!(t.n && bsearch(&key, t.v, t.n, sizeof *t.v, str_cmp)) &&
				!(nclaimed &&
				  bsearch(&key, claimed, nclaimed, sizeof *claimed, str_cmp));

			for (end = k + 1; end < nu && strcmp(u[end].key, key) == 0; end++)
				;
			/* The group's keys are freed below: key is not read again.
			 * u is compacted in place (keep <= j). */
			for (size_t j = k; j < end; j++) {
				size_t i = u[j].i;
				colo_work *w = &b->works[i];

				if (free_key && j == k) {
					claimed[nclaimed++] = w->citekey;
					continue;
				}
				/* Works of one base take successive suffixes. */
				next[i] += after++;
				free(w->citekey);
				w->citekey = colo_citekey_suffixed(bases[i], next[i]++);
				u[keep++] = (ckcand){w->citekey, i};
			}
		}
		nu = keep;
		for (size_t k = 0; k < t.n; k++)
			free(t.v[k]);
		free(t.v);
	}
	free(claimed);
	free(next);
	free(u);
	return ok;
}

static const char *batch_id(const colo_batch *b, colo_kind k, long i)
{
	switch (k) {
	case COLO_KIND_PERSON:
		return i >= 0 && (size_t)i < b->npeople ? b->people[i].id : NULL;
	case COLO_KIND_WORK:
		return i >= 0 && (size_t)i < b->nworks ? b->works[i].id : NULL;
	case COLO_KIND_VENUE:
		return i >= 0 && (size_t)i < b->nvenues ? b->venues[i].id : NULL;
	}
	return NULL;
}

static void build_venue(const void *rec, const ref *r, const char *source,
                        colo_batch *b, bson_t *soi, bson_t *set, bson_t *add)
{
	const colo_venue *v = rec;
	arr aliases, ev;

	/* The name, kind and edition a venue was first seen with stay; every
	 * spelling seen later ("Lawyers, Guns & Money" after "Lawyers, Guns
	 * and Money") is kept as an alias, so re-importing in any order
	 * leaves the record as it was. */
	put_str(soi, "name", v->name);
	put_str(soi, "kind", v->kind);
	put_str(soi, "edition", v->edition);
	put_str(set, "issn", v->issn);
	put_str(set, "url", v->url);
	arr_init(&aliases);
	if (v->name)
		arr_str(&aliases, v->name);
	for (size_t i = 0; i < v->naliases; i++)
		arr_str(&aliases, v->aliases[i]);
	add_each(add, "aliases", &aliases);
	arr_init(&ev);
	evidence_push(&ev, "name", source, v->span);
	add_each(add, "evidence", &ev);
}

static void build_person(const void *rec, const ref *r, const char *source,
                         colo_batch *b, bson_t *soi, bson_t *set, bson_t *add)
{
	const colo_person *p = rec;
	arr variants, degrees, affs, roles, ev;
	char *fam = colo_name_family_norm(&p->name);
	char *display = colo_name_display(&p->name);

	/* The name a person was first stored with stays: later spellings
	 * (and people merged into this one) are kept as variants. */
	put_str(soi, "given", p->name.given);
	put_str(soi, "family", p->name.family);
	put_str(soi, "particle", p->name.particle);
	put_str(soi, "suffix", p->name.suffix);
	put_str(soi, "literal", p->name.literal);
	BSON_APPEND_UTF8(soi, "family_norm", fam ? fam : "");
	put_str(soi, "display", display);
	/* The first honorific seen stays; every one seen is kept in
	 * `honorifics` (their sources are in the evidence). */
	put_str(soi, "honorific", p->honorific);
	put_str(set, "orcid", p->orcid);
	{
		/* Found by a later import of the name alone, whichever key the
		 * person has (lookup_people_other). */
		char *nk = person_name_key(&p->name);

		put_str(soi, "name_key", nk);
		free(nk);
	}
	free(fam);
	free(display);

	arr_init(&variants);
	arr_init(&degrees);
	arr_init(&affs);
	arr_init(&roles);
	arr_init(&ev);
	evidence_push(&ev, "name", source, p->span);
	for (size_t i = 0; i < p->nvariants; i++)
		arr_str(&variants, p->variants[i]);
	for (size_t i = 0; i < p->ndegrees; i++) {
		const colo_degree *d = &p->degrees[i];
		bson_t doc;
		char *path;

		arr_doc_begin(&degrees, &doc);
		put_str(&doc, "degree", d->degree);
		put_str(&doc, "degree_norm", d->degree_norm);
		put_str(&doc, "field", d->field);
		put_str(&doc, "institution", d->institution);
		put_int(&doc, "year", d->year);
		arr_doc_end(&degrees, &doc);
		path = evidence_path("degrees",
		                     d->degree_norm ? d->degree_norm : d->degree);
		evidence_push(&ev, path, source, d->span);
		free(path);
	}
	for (size_t i = 0; i < p->naffiliations; i++) {
		const colo_affiliation *a = &p->affiliations[i];
		bson_t doc;
		char *path;

		arr_doc_begin(&affs, &doc);
		put_str(&doc, "org", a->org);
		put_str(&doc, "role", a->role);
		put_int(&doc, "from", a->from);
		put_int(&doc, "to", a->to);
		if (a->current)
			BSON_APPEND_BOOL(&doc, "current", true);
		arr_doc_end(&affs, &doc);
		path = evidence_path("affiliations", a->org);
		evidence_push(&ev, path, source, a->span);
		free(path);
	}
	for (size_t i = 0; i < p->nroles; i++) {
		const colo_role *ro = &p->roles[i];
		const char *vid = batch_id(b, COLO_KIND_VENUE, ro->venue);
		bson_t doc;
		char *path;

		arr_doc_begin(&roles, &doc);
		put_str(&doc, "role", ro->role);
		put_str(&doc, "org", ro->org);
		put_str(&doc, "venue", vid);
		arr_doc_end(&roles, &doc);
		path = evidence_path("roles", ro->role);
		evidence_push(&ev, path, source, ro->span);
		free(path);
	}
	if (p->honorific) {
		arr hon;

		arr_init(&hon);
		arr_str(&hon, p->honorific);
		add_each(add, "honorifics", &hon);
	}
	add_each(add, "variants", &variants);
	add_each(add, "degrees", &degrees);
	add_each(add, "affiliations", &affs);
	add_each(add, "roles", &roles);
	add_each(add, "evidence", &ev);
}

/* Merging into a stored work: a field the store lacks is set, an equal
 * one left alone, a different one kept as an alternative with its source
 * (docs/SCHEMA.md).  Without a stored document every field is set. */
typedef struct merger {
	const bson_t *stored;
	bson_t *set;
	arr alts;
	const char *source;
} merger;

static void alt_push(merger *m, const char *field, const char *v)
{
	bson_t d;

	arr_doc_begin(&m->alts, &d);
	BSON_APPEND_UTF8(&d, "field", field);
	BSON_APPEND_UTF8(&d, "value", v);
	if (m->source && *m->source)
		BSON_APPEND_UTF8(&d, "source", m->source);
	arr_doc_end(&m->alts, &d);
}

static void merge_str(merger *m, const char *field, const char *v)
{
	char *old;

	if (!v || !*v)
		return;
	if (!m->stored) {
		BSON_APPEND_UTF8(m->set, field, v);
		return;
	}
	old = doc_str(m->stored, field);
	if (!old)
		BSON_APPEND_UTF8(m->set, field, v);
	else if (strcmp(old, v) != 0)
		alt_push(m, field, v);
	free(old);
}

static void put_issued(bson_t *set, const colo_work *w)
{
	bson_t issued;

	BSON_APPEND_DOCUMENT_BEGIN(set, "issued", &issued);
	put_int(&issued, "y", w->year);
	put_int(&issued, "m", w->month);
	put_int(&issued, "d", w->day);
	bson_append_document_end(set, &issued);
}

static void merge_issued(merger *m, const colo_work *w)
{
	bson_iter_t it;
	bson_t sub;
	long long y = 0, mo = 0, d = 0;

	if (!w->year && !w->month && !w->day)
		return;
	if (m->stored && bson_iter_init_find(&it, m->stored, "issued") &&
	    BSON_ITER_HOLDS_DOCUMENT(&it)) {
		const uint8_t *data;
		uint32_t len;

		bson_iter_document(&it, &len, &data);
		if (bson_init_static(&sub, data, len)) {
			y = doc_int(&sub, "y");
			mo = doc_int(&sub, "m");
			d = doc_int(&sub, "d");
		}
	}
	if (!y && !mo && !d) {
		put_issued(m->set, w);
		return;
	}
	if (y == w->year && (!mo || mo == w->month) && (!d || d == w->day)) {
		/* same date, maybe more precise now */
		if ((!mo && w->month) || (!d && w->day))
			put_issued(m->set, w);
		return;
	}
	{
		char v[48];

		if (w->day)
			snprintf(v, sizeof v, "%04d-%02d-%02d", w->year, w->month, w->day);
		else if (w->month)
			snprintf(v, sizeof v, "%04d-%02d", w->year, w->month);
		else
			snprintf(v, sizeof v, "%04d", w->year);
		alt_push(m, "issued", v);
	}
}

static void put_creators(bson_t *set, const colo_work *w)
{
	arr creators;

	arr_init(&creators);
	for (size_t i = 0; i < w->ncreators; i++) {
		const colo_creator *c = &w->creators[i];
		bson_t doc;

		arr_doc_begin(&creators, &doc);
		BSON_APPEND_UTF8(&doc, "role", colo_creator_role_name(c->role));
		put_str(&doc, "person", c->person_id);
		put_str(&doc, "family", c->name.family);
		put_str(&doc, "given", c->name.given);
		put_str(&doc, "particle", c->name.particle);
		put_str(&doc, "suffix", c->name.suffix);
		put_str(&doc, "literal", c->name.literal);
		arr_doc_end(&creators, &doc);
	}
	BSON_APPEND_ARRAY(set, "creators", &creators.b);
	bson_destroy(&creators.b);
}

/* Whether the stored work's creators are the same people as w's (same
 * families and given names in the same order; the new list may carry
 * person ids); *n is the number stored (0 when it has none). */
static bool creators_same(const bson_t *stored, const colo_work *w, size_t *n)
{
	bson_iter_t it;
	bson_t sub;
	bool same = true;

	*n = 0;
	if (!doc_array_begin(stored, "creators", &it))
		return false;
	while (doc_array_next_doc(&it, &sub)) {
		char *fam = doc_str(&sub, "family"), *lit = doc_str(&sub, "literal");
		char *given = doc_str(&sub, "given");
		const colo_name *nm = *n < w->ncreators ? &w->creators[*n].name : NULL;
		const char *a = fam ? fam : lit;
		const char *b = nm ? (nm->family ? nm->family : nm->literal) : NULL;

		if (!nm || !a || !b || strcmp(a, b) != 0)
			same = false;
		else if ((given || nm->given) &&
		         (!given || !nm->given || strcmp(given, nm->given) != 0))
			same = false; /* "R." is not "Robert": keep both */
		free(fam);
		free(lit);
		free(given);
		++*n;
	}
	return same && *n == w->ncreators;
}

/* Merging into a stored work keeps who its creators are: where the
 * stored creators are the same names, each keeps the person it points at
 * (a creator linked by `import refs --author` stays with that person);
 * where they differ the stored list stays (merge_creators keeps the new
 * one as an alternative) and the new creators point at nobody, so no
 * person is listed for a work that does not name them.  Only a stored
 * work without creators takes the new list as it is. */
static void keep_stored_creators(colo_work *w, const bson_t *stored)
{
	bson_iter_t it;
	bson_t sub;
	size_t n = 0, j = 0;

	if (!stored || !w->ncreators)
		return;
	if (!creators_same(stored, w, &n)) {
		if (n == 0)
			return;
		for (size_t i = 0; i < w->ncreators; i++) {
			free(w->creators[i].person_id);
			w->creators[i].person_id = NULL;
		}
		return;
	}
	if (!doc_array_begin(stored, "creators", &it))
		return;
	while (j < w->ncreators && doc_array_next_doc(&it, &sub)) {
		char *pid = doc_str(&sub, "person");

		if (pid) {
			free(w->creators[j].person_id);
			w->creators[j].person_id = pid;
		}
		j++;
	}
}

/* Stored creators are replaced only by the same people (their person
 * links kept by keep_stored_creators); a different list is kept as an
 * alternative. */
static void merge_creators(merger *m, const colo_work *w)
{
	size_t n = 0;
	colo_buf alt;

	if (!w->ncreators)
		return;
	if (!m->stored || creators_same(m->stored, w, &n) || n == 0) {
		put_creators(m->set, w);
		return;
	}
	colo_buf_init(&alt, 0);
	for (size_t i = 0; i < w->ncreators; i++) {
		char *d = colo_name_display(&w->creators[i].name);

		colo_buf_printf(&alt, "%s%s (%s)", i ? "; " : "", d ? d : "",
		                colo_creator_role_name(w->creators[i].role));
		free(d);
	}
	alt_push(m, "creators", colo_buf_cstr(&alt));
	colo_buf_cleanup(&alt);
}

/* doi_norm (folded) and isbn13 (ISBN-13 digits) stand beside the `doi`
 * and `isbn` they are made from, set whenever those are: a work keyed by
 * title that gains a DOI or ISBN by a merge is found by it later
 * (match_by_ids). */
static void put_id_norms(merger *m, const colo_work *w)
{
	if (w->doi && *w->doi && !(m->stored && doc_has(m->stored, "doi"))) {
		char *d = colo_text_fold(w->doi, strlen(w->doi));

		put_str(m->set, "doi_norm", d);
		free(d);
	}
	if (w->isbn && *w->isbn && !(m->stored && doc_has(m->stored, "isbn"))) {
		char *d = colo_isbn13(w->isbn);

		put_str(m->set, "isbn13", d);
		free(d);
	}
}

/* keywords and creators_more are unions (docs/SCHEMA.md): a re-import
 * adds what is new and removes nothing.  A truncation mark belongs to
 * the list it was read with, so it is added only when that list is the
 * one stored (merge_creators' rule) or neither side names anyone. */
static void add_keywords_more(bson_t *add, const colo_work *w,
                              const bson_t *stored)
{
	arr kw, more;
	size_t n = 0;
	bool own = w->ncreators ? !stored || creators_same(stored, w, &n) ||
	                              n == 0
	                        : !(stored && doc_has(stored, "creators"));

	arr_init(&kw);
	for (size_t i = 0; i < w->nkeywords; i++)
		arr_str(&kw, w->keywords[i]);
	add_each(add, "keywords", &kw);
	arr_init(&more);
	for (unsigned r = COLO_ROLE_AUTHOR; own && r <= COLO_ROLE_TRANSLATOR; r++)
		if (w->creators_more & COLO_MORE(r))
			arr_str(&more, colo_creator_role_name((colo_creator_role)r));
	add_each(add, "creators_more", &more);
}

static void build_work(const void *rec, const ref *r, const char *source,
                       colo_batch *b, bson_t *soi, bson_t *set, bson_t *add)
{
	const colo_work *w = rec;
	const char *vid = w->venue_id;
	arr ev;
	merger m;

	m.stored = r->stored;
	m.set = set;
	m.source = source;
	arr_init(&m.alts);
	if (r->citekey && *r->citekey)
		BSON_APPEND_UTF8(soi, "citekey", *r->citekey);
	merge_str(&m, "type", w->type);
	merge_str(&m, "title", w->title);
	merge_str(&m, "subtitle", w->subtitle);
	if (w->title && *w->title) {
		char *tn = colo_work_title_norm(w);

		merge_str(&m, "title_norm", tn);
		free(tn);
	}
	merge_issued(&m, w);
	merge_str(&m, "publisher", w->publisher);
	merge_str(&m, "place", w->place);
	merge_str(&m, "container", w->container);
	if (w->venue >= 0)
		vid = batch_id(b, COLO_KIND_VENUE, w->venue);
	merge_str(&m, "venue", vid);
	merge_str(&m, "volume", w->volume);
	merge_str(&m, "issue", w->issue);
	merge_str(&m, "pages", w->pages);
	merge_str(&m, "edition", w->edition);
	merge_str(&m, "doi", w->doi);
	merge_str(&m, "isbn", w->isbn);
	put_id_norms(&m, w);
	merge_str(&m, "issn", w->issn);
	merge_str(&m, "url", w->url);
	merge_str(&m, "note", w->note);
	merge_str(&m, "title_markup", w->title_markup);
	merge_str(&m, "genre", w->genre);
	merge_str(&m, "series", w->series);
	merge_str(&m, "abstract", w->abstract);
	merge_str(&m, "language", w->language);
	merge_str(&m, "archive", w->archive);
	merge_str(&m, "eprint", w->eprint);
	merge_str(&m, "crossref", w->crossref);
	merge_creators(&m, w);
	add_keywords_more(add, w, m.stored);
	add_each(add, "alternatives", &m.alts);
	{
		/* Search tokens (search.h): added, never removed, so a merged
		 * work is found by every spelling it was imported with. */
		colo_strv tv = {0};
		arr toks;

		colo_search_work_tokens(w, &tv);
		arr_init(&toks);
		for (size_t i = 0; i < tv.n; i++)
			arr_str(&toks, tv.items[i]);
		add_each(add, "tokens", &toks);
		colo_strv_cleanup(&tv);
	}
	arr_init(&ev);
	evidence_push(&ev, "work", source, w->span);
	add_each(add, "evidence", &ev);
}

/* Points creators at people: the batch's person when the importer said
 * which, else a stored person with the same name key. */
static bool resolve_creators(colo_store *s, colo_batch *b, colo_error *err)
{
	typedef struct pending {
		char *key, *id;
		colo_creator *who;
	} pending;
	pending *pend = NULL;
	ref *refs = NULL;
	size_t n = 0, cap = 0;
	bool ok = false;

	for (size_t i = 0; i < b->nworks; i++) {
		colo_work *w = &b->works[i];

		for (size_t j = 0; j < w->ncreators; j++) {
			colo_creator *c = &w->creators[j];
			const char *pid = batch_id(b, COLO_KIND_PERSON, c->person);

			if (pid) {
				colo_set_str(&c->person_id, pid);
				continue;
			}
			if (c->person_id || !c->name.family)
				continue;
			colo_grow((void **)&pend, &cap, n + 1, sizeof *pend);
			pend[n].key = colo_name_key(&c->name);
			pend[n].id = NULL;
			pend[n].who = c;
			n++;
		}
	}
	if (!n)
		return true;
	refs = colo_xcalloc(n, sizeof *refs);
	for (size_t i = 0; i < n; i++) {
		refs[i].key = pend[i].key;
		refs[i].id = &pend[i].id;
		refs[i].name = &pend[i].who->name;
	}
	if (!lookup_keys(s, s->people, "people", refs, n, err))
		goto done;
	for (size_t i = 0; i < n; i++)
		if (refs[i].found)
			colo_set_str(&pend[i].who->person_id, pend[i].id);
	ok = true;
done:
	for (size_t i = 0; i < n; i++) {
		free(pend[i].key);
		free(pend[i].id);
	}
	free(pend);
	free(refs);
	return ok;
}

static bool save_source(colo_store *s, colo_batch *b, colo_save_stats *st,
                        colo_error *err)
{
	const colo_source *src = &b->source;
	bson_t soi, add, *filter, *update;
	arr origins;
	upsert_result res;

	if (!src->id || !*src->id)
		return true;
	filter = BCON_NEW("_id", BCON_UTF8(src->id));
	bson_init(&soi);
	bson_init(&add);
	put_str(&soi, "kind", src->kind);
	put_str(&soi, "importer", src->importer);
	BSON_APPEND_INT64(&soi, "size", (int64_t)src->size);
	BSON_APPEND_DATE_TIME(&soi, "created", now_ms());
	arr_init(&origins);
	arr_str(&origins, src->origin);
	add_each(&add, "origins", &origins);
	update = make_update(&soi, NULL, &add);
	res = upsert(s, s->sources, filter, update, "the source", err);
	/* A duplicate here can only be a concurrent insert of the same
	 * bytes: the source is then not new. */
	st->source_new = res == UPSERT_NEW;
	bson_destroy(update);
	bson_destroy(&add);
	bson_destroy(&soi);
	bson_destroy(filter);
	return res != UPSERT_FAIL;
}

/* Upserts one link between stored records. */
static bool save_link(colo_store *s, const char *from, colo_kind from_kind,
                      const char *to, colo_kind to_kind, const char *relation,
                      const char *role, double confidence, const char *source,
                      colo_span span, colo_save_stats *st, colo_error *err)
{
	bson_t soi, max, add, *filter = NULL, *update = NULL;
	arr ev;
	colo_buf id;
	upsert_result res;

	colo_buf_init(&id, 0);
	colo_buf_printf(&id, "%s|%s|%s", from, relation, to);
	if (role && *role)
		colo_buf_printf(&id, "|%s", role);

	filter = BCON_NEW("_id", BCON_UTF8(colo_buf_cstr(&id)));
	bson_init(&soi);
	bson_init(&max);
	bson_init(&add);
	BSON_APPEND_UTF8(&soi, "from", from);
	BSON_APPEND_UTF8(&soi, "from_kind", kind_name(from_kind));
	BSON_APPEND_UTF8(&soi, "to", to);
	BSON_APPEND_UTF8(&soi, "to_kind", kind_name(to_kind));
	BSON_APPEND_UTF8(&soi, "relation", relation);
	put_str(&soi, "role", role);
	BSON_APPEND_DATE_TIME(&soi, "created", now_ms());
	BSON_APPEND_DOUBLE(&max, "confidence", confidence);
	arr_init(&ev);
	evidence_push(&ev, "link", source, span);
	add_each(&add, "evidence", &ev);
	update = make_update(&soi, NULL, &add);
	BSON_APPEND_DOCUMENT(update, "$max", &max);

	res = upsert(s, s->links, filter, update, "a link", err);
	if (res == UPSERT_DUP) /* inserted concurrently: retry merges */
		res = upsert(s, s->links, filter, update, "a link", err);
	if (res == UPSERT_NEW)
		st->links_new++;
	else if (res == UPSERT_MERGED)
		st->links_merged++;
	else if (res == UPSERT_DUP)
		colo_error_set(err, COLO_EDB, "cannot save link '%s': duplicate key",
		               colo_buf_cstr(&id));
	bson_destroy(update);
	bson_destroy(&add);
	bson_destroy(&max);
	bson_destroy(&soi);
	bson_destroy(filter);
	colo_buf_cleanup(&id);
	return res == UPSERT_NEW || res == UPSERT_MERGED;
}

static bool save_links(colo_store *s, colo_batch *b, colo_save_stats *st,
                       colo_error *err)
{
	const char *source = b->source.id;

	for (size_t i = 0; i < b->nlinks; i++) {
		const colo_link *l = &b->links[i];
		const char *from = batch_id(b, l->from_kind, l->from);
		const char *to = batch_id(b, l->to_kind, l->to);

		if (!from || !to || !l->relation) {
			colo_error_set(err, COLO_EINPUT,
			               "link %zu (%s) points at a record not in the batch",
			               i, l->relation ? l->relation : "no relation");
			return false;
		}
		if (!save_link(s, from, l->from_kind, to, l->to_kind, l->relation,
		               l->role, l->confidence, source, l->span, st, err))
			return false;
	}
	return true;
}

/* ---- duplicates ---------------------------------------------------------- */

/* Marks works[todo[k]] (k in [base, end)) a duplicate of the stored work
 * doc when doc shares its folded DOI or ISBN-13 and the duplicate rule
 * agrees (a different DOI or ISBN vetoes). */
static void match_id_doc(colo_batch *b, const bson_t *doc, const size_t *todo,
                         size_t base, size_t end, char **dn, char **i13,
                         colo_work_match *m)
{
	colo_work cand;
	char *cd = NULL, *ci = NULL;

	memset(&cand, 0, sizeof cand);
	cand.venue = -1;
	colo_store_read_work(doc, &cand);
	if (cand.doi && *cand.doi)
		cd = colo_text_fold(cand.doi, strlen(cand.doi));
	if (cand.isbn && *cand.isbn)
		ci = colo_isbn13(cand.isbn);
	for (size_t k = base; cand.id && k < end; k++) {
		size_t i = todo[k];

		if (m[i].kind == COLO_MATCH_DUPLICATE)
			continue;
		if (!(cd && dn[i] && strcmp(cd, dn[i]) == 0) &&
		    !(ci && i13[i] && strcmp(ci, i13[i]) == 0))
			continue;
		if (colo_work_duplicate(&b->works[i], &cand) != COLO_DUP_SAME)
			continue;
		free(m[i].id);
		free(m[i].citekey);
		m[i].kind = COLO_MATCH_DUPLICATE;
		m[i].id = colo_xstrdup(cand.id);
		m[i].citekey = cand.citekey ? colo_xstrdup(cand.citekey) : NULL;
	}
	free(cd);
	free(ci);
	colo_work_cleanup(&cand);
}

/* Finds stored works by DOI or ISBN held under another key: a work keyed
 * by its title that gained a DOI or ISBN by a merge (doi_norm, isbn13),
 * or a book keyed by its DOI met again by its ISBN alone (key "isbn:...").
 * One `$in` per field per lookup_chunk() works. */
static bool match_by_ids(colo_store *s, colo_batch *b, const ref *refs,
                         colo_work_match *m, colo_error *err)
{
	size_t n = b->nworks;
	char **dn = colo_xcalloc(n ? n : 1, sizeof *dn);
	char **i13 = colo_xcalloc(n ? n : 1, sizeof *i13);
	char **ik = colo_xcalloc(n ? n : 1, sizeof *ik);
	size_t *todo = colo_xcalloc(n ? n : 1, sizeof *todo);
	size_t ntodo = 0;
	bool ok = false;

	for (size_t i = 0; i < n; i++) {
		const colo_work *w = &b->works[i];

		if (refs[i].found)
			continue;
		if (w->doi && *w->doi)
			dn[i] = colo_text_fold(w->doi, strlen(w->doi));
		if (w->isbn && *w->isbn) {
			colo_buf k;

			i13[i] = colo_isbn13(w->isbn);
			colo_buf_init(&k, 0);
			colo_buf_printf(&k, "isbn:%s", i13[i]);
			ik[i] = colo_buf_steal(&k);
			if (strcmp(ik[i], refs[i].key) == 0) {
				free(ik[i]);
				ik[i] = NULL;
			}
		}
		if (dn[i] || i13[i])
			todo[ntodo++] = i;
	}
	const size_t chunk = lookup_chunk(s);

	for (size_t base = 0; base < ntodo; base += chunk) {
		size_t end = base + chunk < ntodo ? base + chunk : ntodo;
		static const char *const fields[] = {"doi_norm", "isbn13", "key"};

		for (size_t f = 0; f < 3; f++) {
			char **vals = f == 0 ? dn : f == 1 ? i13 : ik;
			bson_t filter;
			arr in;
			mongoc_cursor_t *cur;
			const bson_t *doc;
			bson_error_t e;
			bool failed;

			arr_init(&in);
			for (size_t k = base; k < end; k++)
				if (vals[todo[k]])
					arr_str(&in, vals[todo[k]]);
			if (!in.n) {
				bson_destroy(&in.b);
				continue;
			}
			in_filter(&filter, fields[f], &in);
			cur = mongoc_collection_find_with_opts(s->works, &filter, NULL,
			                                       NULL);
			while (mongoc_cursor_next(cur, &doc))
				match_id_doc(b, doc, todo, base, end, dn, i13, m);
			failed = mongoc_cursor_error(cur, &e);
			mongoc_cursor_destroy(cur);
			bson_destroy(&filter);
			if (failed) {
				colo_store_fail(s, err, &e, "cannot look up works by %s",
				                fields[f]);
				goto done;
			}
		}
	}
	ok = true;
done:
	for (size_t i = 0; i < n; i++) {
		free(dn[i]);
		free(i13[i]);
		free(ik[i]);
	}
	free(dn);
	free(i13);
	free(ik);
	free(todo);
	return ok;
}

/* Finds, for each work the key lookup did not find, a stored work the
 * duplicate rule matches (colo_work_duplicate): candidates are the stored
 * works with the same normalised title, fetched lookup_chunk() titles per
 * query.  Then fetches the stored document of every matched work not
 * read already (for merging) into stored[i] (caller destroys). */
static bool match_works(colo_store *s, colo_batch *b, const ref *refs,
                        colo_work_match *m, bson_t **stored, colo_error *err)
{
	char **tnorm = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *tnorm);
	size_t *todo = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *todo);
	size_t ntodo = 0;
	bool ok = false;

	for (size_t i = 0; i < b->nworks; i++) {
		m[i].kind = refs[i].found ? COLO_MATCH_SAME : COLO_MATCH_NEW;
		if (refs[i].found) {
			m[i].id = colo_xstrdup(*refs[i].id);
			continue;
		}
		tnorm[i] = colo_work_title_norm(&b->works[i]);
		if (*tnorm[i])
			todo[ntodo++] = i;
	}
	if (!match_by_ids(s, b, refs, m, err))
		goto done;
	const size_t chunk = lookup_chunk(s);

	for (size_t base = 0; base < ntodo; base += chunk) {
		size_t end = base + chunk < ntodo ? base + chunk : ntodo;
		bson_t filter;
		arr in;
		mongoc_cursor_t *cur;
		const bson_t *doc;
		bson_error_t e;
		bool failed;

		arr_init(&in);
		for (size_t k = base; k < end; k++)
			arr_str(&in, tnorm[todo[k]]);
		in_filter(&filter, "title_norm", &in);
		cur = mongoc_collection_find_with_opts(s->works, &filter, NULL, NULL);
		while (mongoc_cursor_next(cur, &doc)) {
			char *tn = doc_str(doc, "title_norm");
			colo_work cand;

			if (!tn)
				continue;
			memset(&cand, 0, sizeof cand);
			cand.venue = -1;
			colo_store_read_work(doc, &cand);
			for (size_t k = base; k < end; k++) {
				size_t i = todo[k];
				colo_dup d;

				if (m[i].kind == COLO_MATCH_DUPLICATE ||
				    strcmp(tnorm[i], tn) != 0)
					continue;
				d = colo_work_duplicate(&b->works[i], &cand);
				if (d == COLO_DUP_NO ||
				    (d == COLO_DUP_VERSION && m[i].kind != COLO_MATCH_NEW))
					continue;
				free(m[i].id);
				free(m[i].citekey);
				m[i].kind = d == COLO_DUP_SAME ? COLO_MATCH_DUPLICATE
				                               : COLO_MATCH_VERSION;
				m[i].id = colo_xstrdup(cand.id);
				m[i].citekey = colo_xstrdup(cand.citekey);
			}
			colo_work_cleanup(&cand);
			free(tn);
		}
		failed = mongoc_cursor_error(cur, &e);
		mongoc_cursor_destroy(cur);
		bson_destroy(&filter);
		if (failed) {
			colo_store_fail(s, err, &e, "cannot look up works by title");
			goto done;
		}
	}
	if (stored) {
		/* The documents to merge into, by _id. */
		id_at *v = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *v);
		size_t nv = 0;
		bool read;

		for (size_t i = 0; i < b->nworks; i++)
			if (!stored[i] && (m[i].kind == COLO_MATCH_SAME ||
			                   m[i].kind == COLO_MATCH_DUPLICATE))
				v[nv++] = (id_at){m[i].id, i};
		read = hold_by_id(s, s->works, v, nv, stored, err);
		free(v);
		if (!read)
			goto done;
	}
	ok = true;
done:
	for (size_t i = 0; i < b->nworks; i++)
		free(tnorm[i]);
	free(tnorm);
	free(todo);
	return ok;
}

void colo_work_matches_free(colo_work_match *m, size_t n)
{
	if (!m)
		return;
	for (size_t i = 0; i < n; i++) {
		free(m[i].id);
		free(m[i].citekey);
	}
	free(m);
}

bool colo_store_match_works(colo_store *s, colo_batch *b,
                            colo_work_match **out, colo_error *err)
{
	ref *refs;
	char **ids, **keys;
	colo_work_match *m;
	bool ok = false;

	colo_batch_compute_keys(b);
	*out = NULL;
	refs = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *refs);
	ids = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *ids);
	keys = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *keys);
	m = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *m);
	for (size_t i = 0; i < b->nworks; i++)
		refs[i] = (ref){b->works[i].key, &ids[i], &keys[i], false, NULL, NULL,
		                NULL};
	if (!lookup_keys(s, s->works, "works", refs, b->nworks, err) ||
	    !match_works(s, b, refs, m, NULL, err))
		goto done;
	for (size_t i = 0; i < b->nworks; i++)
		if (m[i].kind == COLO_MATCH_SAME && keys[i])
			m[i].citekey = colo_xstrdup(keys[i]);
	*out = m;
	m = NULL;
	ok = true;
done:
	colo_work_matches_free(m, b->nworks);
	for (size_t i = 0; i < b->nworks; i++) {
		free(ids[i]);
		free(keys[i]);
	}
	free(ids);
	free(keys);
	free(refs);
	return ok;
}

/* A person this batch inserted only to stand for a work's creator (a bare
 * name, no ORCID, degrees, affiliations, roles or links) that no creator
 * points at after merging (keep_stored_creators gave its works' creators
 * their stored people): deleted again, so a re-import does not leave a
 * person with no works.  Its id is cleared so index_batch skips it. */
static bool drop_unused_people(colo_store *s, colo_batch *b,
                               const bool *created, colo_save_stats *st,
                               colo_error *err)
{
	/* One pass over the creators: who stands for one, and the ids they
	 * point at (sorted, for bsearch). */
	bool *creator = colo_xcalloc(b->npeople ? b->npeople : 1, sizeof *creator);
	const char **pointed = NULL;
	size_t npointed = 0, cap = 0;
	bool ok = true;

	for (size_t w = 0; w < b->nworks; w++)
		for (size_t j = 0; j < b->works[w].ncreators; j++) {
			const colo_creator *c = &b->works[w].creators[j];

			if (c->person >= 0 && (size_t)c->person < b->npeople)
				creator[c->person] = true;
			if (c->person_id) {
				colo_grow((void **)&pointed, &cap, npointed + 1, sizeof *pointed);
				pointed[npointed++] = c->person_id;
			}
		}
	if (npointed > 1)
		qsort(pointed, npointed, sizeof *pointed, str_cmp);
	for (size_t i = 0; i < b->npeople; i++) {
		const colo_person *p = &b->people[i];
		bool used = false;

		if (!created[i] || !p->id || (p->orcid && *p->orcid) ||
		    p->ndegrees || p->naffiliations || p->nroles || p->honorific ||
		    !creator[i])
			continue;
		for (size_t l = 0; !used && l < b->nlinks; l++)
			used = (b->links[l].from_kind == COLO_KIND_PERSON &&
			        b->links[l].from == (long)i) ||
			       (b->links[l].to_kind == COLO_KIND_PERSON &&
			        b->links[l].to == (long)i);
		if (!used && npointed)
			used = bsearch(&p->id, pointed, npointed, sizeof *pointed,
			               str_cmp) != NULL;
		if (used)
			continue;
		if (!delete_id(s, s->people, p->id, err)) {
			ok = false;
			break;
		}
		free(b->people[i].id);
		b->people[i].id = NULL;
		if (st->people_new)
			st->people_new--;
	}
	free(pointed);
	free(creator);
	return ok;
}

bool colo_store_save_batch(colo_store *s, colo_batch *b, colo_save_stats *st,
                           colo_error *err)
{
	return colo_store_save_batch_progress(s, b, st, NULL, NULL, err);
}

bool colo_store_save_batch_progress(colo_store *s, colo_batch *b,
                                    colo_save_stats *st,
                                    void (*progress)(size_t done, size_t total,
                                                     void *arg),
                                    void *progress_arg, colo_error *err)
{
	colo_save_stats local;
	const char *source = b->source.id;
	ref *refs = NULL;
	colo_work_match *matches = NULL;
	bson_t **stored = NULL;
	bool *created = NULL; /* people: inserted by this batch */
	bson_t **held = NULL; /* venues' and people's stored documents */
	char **bases = NULL;  /* new works: citation-key bases */
	size_t nrefs = 0;
	bool ok = false;

	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	colo_batch_compute_keys(b);

	if (!save_source(s, b, st, err))
		goto done;

	/* Venues first: people's roles and works point at them. */
	nrefs = b->nvenues > b->npeople ? b->nvenues : b->npeople;
	if (b->nworks > nrefs)
		nrefs = b->nworks;
	refs = colo_xcalloc(nrefs ? nrefs : 1, sizeof *refs);

	for (size_t i = 0; i < b->nvenues; i++)
		refs[i] = (ref){b->venues[i].key, &b->venues[i].id, NULL, false, NULL,
		                NULL, NULL};
	held = colo_xcalloc(nrefs ? nrefs : 1, sizeof *held);
	if (!lookup_keys_docs(s, s->venues, "venues", refs, b->nvenues, held, err) ||
	    !free_ids(s, s->venues, refs, b->nvenues, err) ||
	    !read_stored(s, s->venues, refs, b->nvenues, held, err) ||
	    !save_records(s, s->venues, "venue", b->venues, sizeof *b->venues,
	                  refs, b->nvenues, source, b, build_venue, NULL, NULL,
	                  &st->venues_new, &st->venues_merged, NULL, NULL, err))
		goto done;
	held_free(held, b->nvenues);

	memset(refs, 0, nrefs * sizeof *refs);
	for (size_t i = 0; i < b->npeople; i++)
		refs[i] = (ref){b->people[i].key, &b->people[i].id, NULL, false,
		                NULL, b->people[i].orcid, &b->people[i].name};
	created = colo_xcalloc(b->npeople ? b->npeople : 1, sizeof *created);
	if (!lookup_keys_docs(s, s->people, "people", refs, b->npeople, held, err) ||
	    !free_ids(s, s->people, refs, b->npeople, err) ||
	    !read_stored(s, s->people, refs, b->npeople, held, err) ||
	    !save_records(s, s->people, "person", b->people, sizeof *b->people,
	                  refs, b->npeople, source, b, build_person, NULL, created,
	                  &st->people_new, &st->people_merged, NULL, NULL, err))
		goto done;
	held_free(held, b->npeople);

	if (!resolve_creators(s, b, err))
		goto done;

	memset(refs, 0, nrefs * sizeof *refs);
	for (size_t i = 0; i < b->nworks; i++)
		refs[i] = (ref){b->works[i].key, &b->works[i].id, &b->works[i].citekey,
		                false, NULL, NULL, NULL};
	stored = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *stored);
	if (!lookup_keys_docs(s, s->works, "works", refs, b->nworks, stored, err))
		goto done;
	matches = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *matches);
	if (!match_works(s, b, refs, matches, stored, err))
		goto done;
	for (size_t i = 0; i < b->nworks; i++) {
		if (matches[i].kind == COLO_MATCH_DUPLICATE) {
			/* The stored work keeps its id, key and citation key. */
			refs[i].found = true;
			colo_set_str(refs[i].id, matches[i].id);
			colo_set_str(refs[i].citekey, matches[i].citekey);
			st->works_duplicates++;
		}
		refs[i].stored = stored[i];
	}
	if (!free_ids(s, s->works, refs, b->nworks, err))
		goto done;
	bases = colo_xcalloc(b->nworks ? b->nworks : 1, sizeof *bases);
	for (size_t i = 0; i < b->nworks; i++) {
		colo_work *w = &b->works[i];

		/* A new work keeps the importer's citation key (a .bib key) or
		 * gets the default pattern's; a stored work keeps its own. */
		if (!refs[i].found) {
			bases[i] = w->citekey && *w->citekey ? colo_xstrdup(w->citekey)
			                                     : colo_citekey_make(w);
			colo_set_str(&w->citekey, bases[i]);
		}
		keep_stored_creators(w, refs[i].stored);
	}
	if (!assign_citekeys(s, b, bases, err) ||
	    !save_records(s, s->works, "work", b->works, sizeof *b->works, refs,
	                  b->nworks, source, b, build_work, bases, NULL,
	                  &st->works_new, &st->works_merged, progress,
	                  progress_arg, err))
		goto done;
	for (size_t i = 0; i < b->nworks; i++) {
		colo_work *w = &b->works[i];
		bool pre;

		if (matches[i].kind != COLO_MATCH_VERSION)
			continue;
		/* A preprint and its published version: linked, the preprint
		 * pointing at the version of record. */
		pre = colo_work_is_preprint(w);
		if (!save_link(s, pre ? w->id : matches[i].id, COLO_KIND_WORK,
		               pre ? matches[i].id : w->id, COLO_KIND_WORK,
		               "version-of", NULL, 0.9, source, w->span, st, err))
			goto done;
		st->works_versions++;
	}

	if (!drop_unused_people(s, b, created, st, err) ||
	    !index_batch(s, b, err) || !save_links(s, b, st, err))
		goto done;
	ok = true;
done:
	free(created);
	held_free(held, nrefs);
	free(held);
	for (size_t i = 0; bases && i < b->nworks; i++)
		free(bases[i]);
	free(bases);
	if (stored)
		for (size_t i = 0; i < b->nworks; i++)
			if (stored[i])
				bson_destroy(stored[i]);
	free(stored);
	colo_work_matches_free(matches, matches ? b->nworks : 0);
	free(refs);
	return ok;
}

/* ---- reading ------------------------------------------------------------ */

static void read_name(const bson_t *d, colo_name *n)
{
	n->given = doc_str(d, "given");
	n->family = doc_str(d, "family");
	n->particle = doc_str(d, "particle");
	n->suffix = doc_str(d, "suffix");
	n->literal = doc_str(d, "literal");
}

void colo_store_read_person(const bson_t *d, colo_person *p)
{
	bson_iter_t it;
	bson_t sub;

	p->id = doc_str(d, "_id");
	p->key = doc_str(d, "key");
	read_name(d, &p->name);
	p->honorific = doc_str(d, "honorific");
	p->orcid = doc_str(d, "orcid");
	if (doc_array_begin(d, "variants", &it))
		while (bson_iter_next(&it))
			if (BSON_ITER_HOLDS_UTF8(&it))
				colo_person_add_variant(p, bson_iter_utf8(&it, NULL));
	if (doc_array_begin(d, "degrees", &it))
		while (doc_array_next_doc(&it, &sub)) {
			colo_degree *g = colo_person_add_degree(p);

			g->degree = doc_str(&sub, "degree");
			g->degree_norm = doc_str(&sub, "degree_norm");
			g->field = doc_str(&sub, "field");
			g->institution = doc_str(&sub, "institution");
			g->year = (int)doc_int(&sub, "year");
		}
	if (doc_array_begin(d, "affiliations", &it))
		while (doc_array_next_doc(&it, &sub)) {
			colo_affiliation *a = colo_person_add_affiliation(p);

			a->org = doc_str(&sub, "org");
			a->role = doc_str(&sub, "role");
			a->from = (int)doc_int(&sub, "from");
			a->to = (int)doc_int(&sub, "to");
			a->current = doc_bool(&sub, "current");
		}
	if (doc_array_begin(d, "roles", &it))
		while (doc_array_next_doc(&it, &sub)) {
			colo_role *r = colo_person_add_role(p);

			r->role = doc_str(&sub, "role");
			r->org = doc_str(&sub, "org");
			r->venue = -1; /* the venue's id is not kept in the model */
		}
}

void colo_store_read_work(const bson_t *d, colo_work *w)
{
	bson_iter_t it;
	bson_t sub;

	w->id = doc_str(d, "_id");
	w->key = doc_str(d, "key");
	w->citekey = doc_str(d, "citekey");
	w->type = doc_str(d, "type");
	w->title = doc_str(d, "title");
	w->subtitle = doc_str(d, "subtitle");
	if (bson_iter_init_find(&it, d, "issued") && BSON_ITER_HOLDS_DOCUMENT(&it)) {
		const uint8_t *data;
		uint32_t len;

		bson_iter_document(&it, &len, &data);
		if (bson_init_static(&sub, data, len)) {
			w->year = (int)doc_int(&sub, "y");
			w->month = (int)doc_int(&sub, "m");
			w->day = (int)doc_int(&sub, "d");
		}
	}
	w->publisher = doc_str(d, "publisher");
	w->place = doc_str(d, "place");
	w->container = doc_str(d, "container");
	w->venue_id = doc_str(d, "venue");
	w->volume = doc_str(d, "volume");
	w->issue = doc_str(d, "issue");
	w->pages = doc_str(d, "pages");
	w->edition = doc_str(d, "edition");
	w->doi = doc_str(d, "doi");
	w->isbn = doc_str(d, "isbn");
	w->issn = doc_str(d, "issn");
	w->url = doc_str(d, "url");
	w->note = doc_str(d, "note");
	w->title_markup = doc_str(d, "title_markup");
	w->genre = doc_str(d, "genre");
	w->series = doc_str(d, "series");
	w->abstract = doc_str(d, "abstract");
	w->language = doc_str(d, "language");
	w->archive = doc_str(d, "archive");
	w->eprint = doc_str(d, "eprint");
	w->crossref = doc_str(d, "crossref");
	if (doc_array_begin(d, "keywords", &it))
		while (bson_iter_next(&it))
			if (BSON_ITER_HOLDS_UTF8(&it)) {
				uint32_t n;
				const char *k = bson_iter_utf8(&it, &n);

				colo_work_add_keyword(w, k, n);
			}
	if (doc_array_begin(d, "creators_more", &it))
		while (bson_iter_next(&it)) {
			colo_creator_role r;

			if (BSON_ITER_HOLDS_UTF8(&it) &&
			    colo_creator_role_parse(bson_iter_utf8(&it, NULL), &r))
				w->creators_more |= COLO_MORE(r);
		}
	if (doc_array_begin(d, "alternatives", &it))
		while (doc_array_next_doc(&it, &sub)) {
			char *f = doc_str(&sub, "field"), *v = doc_str(&sub, "value");
			char *src = doc_str(&sub, "source");

			if (f && v)
				colo_work_add_alternative(w, f, v, src);
			free(f);
			free(v);
			free(src);
		}
	if (doc_array_begin(d, "creators", &it))
		while (doc_array_next_doc(&it, &sub)) {
			char *role = doc_str(&sub, "role");
			colo_creator_role r = COLO_ROLE_AUTHOR;
			colo_creator *c;

			if (role)
				colo_creator_role_parse(role, &r);
			free(role);
			c = colo_work_add_creator(w, r);
			read_name(&sub, &c->name);
			c->person = -1;
			c->person_id = doc_str(&sub, "person");
		}
}

/* How well a stored name fits the query: 2 given names equal, 1 given
 * names compatible (initials), 0 query without a given name. */
static int name_score(const colo_name *q, const colo_name *stored)
{
	char *a, *b;
	int score;

	if (!q->given || !stored->given)
		return 0;
	a = colo_text_fold(q->given, strlen(q->given));
	b = colo_text_fold(stored->given, strlen(stored->given));
	score = strcmp(a, b) == 0 ? 2 : 1;
	free(a);
	free(b);
	return score;
}

typedef struct scored {
	colo_person p;
	int score;
	char *display;
} scored;

static int scored_cmp(const void *x, const void *y)
{
	const scored *a = x, *b = y;

	if (a->score != b->score)
		return b->score - a->score;
	return strcmp(a->display, b->display);
}

/* Candidates are the names entries filed under the query's family_norm
 * whose name parts the query can mean; each is then read by _id and
 * checked against the stored person (an entry may be stale, or carry a
 * spelling the person was imported with). */
typedef struct people_acc {
	const colo_name *q;
	const char *fam;
	scored *hits;
	size_t n, cap;
} people_acc;

static bool person_hit(const bson_t *doc, void *arg)
{
	people_acc *a = arg;
	char *fam = doc_str(doc, "family_norm");
	scored h;

	memset(&h, 0, sizeof h);
	if (!fam || strcmp(fam, a->fam) != 0) {
		free(fam);
		return true;
	}
	free(fam);
	colo_store_read_person(doc, &h.p);
	if (!colo_name_matches(a->q, &h.p.name)) {
		colo_person_cleanup(&h.p);
		return true;
	}
	h.score = name_score(a->q, &h.p.name);
	h.display = colo_name_display(&h.p.name);
	if (!h.display)
		h.display = colo_xstrdup("");
	colo_grow((void **)&a->hits, &a->cap, a->n + 1, sizeof *a->hits);
	a->hits[a->n++] = h;
	return true;
}

bool colo_store_find_people(colo_store *s, const colo_name *query,
                            colo_person_list *out, colo_error *err)
{
	colo_name q;
	char *fam = NULL;
	bson_t *entries = NULL;
	bson_iter_t it;
	bson_t sub;
	char **ids = NULL;
	size_t nids = 0, capids = 0;
	people_acc acc;
	bool ok = false;

	memset(&acc, 0, sizeof acc);
	colo_name_init(&q);
	colo_name_copy(&q, query);
	/* A one-word query is a family name, however the parser filed it. */
	if (!q.family && q.literal && !strpbrk(q.literal, " \t")) {
		q.family = q.literal;
		q.literal = NULL;
	} else if (!q.family && q.given && !strpbrk(q.given, " \t")) {
		q.family = q.given;
		q.given = NULL;
	}
	fam = colo_name_family_norm(&q);
	if (!fam || !*fam) {
		ok = true;
		goto done;
	}
	if (!find_one_by_id(s, s->names, fam, &entries, err))
		goto done;
	if (entries && doc_array_begin(entries, "people", &it))
		while (doc_array_next_doc(&it, &sub)) {
			colo_name n;
			char *id = doc_str(&sub, "id");
			bool dup = false;

			colo_name_init(&n);
			read_name(&sub, &n);
			for (size_t i = 0; id && i < nids && !dup; i++)
				dup = strcmp(ids[i], id) == 0;
			if (id && !dup && colo_name_matches(&q, &n)) {
				colo_grow((void **)&ids, &capids, nids + 1, sizeof *ids);
				ids[nids++] = id;
				id = NULL;
			}
			free(id);
			colo_name_cleanup(&n);
		}
	acc.q = &q;
	acc.fam = fam;
	if (!colo_store_each_by_id(s, s->people, (const char *const *)ids, nids,
	                           NULL, person_hit, &acc, err))
		goto done;
	if (acc.n > 1)
		qsort(acc.hits, acc.n, sizeof *acc.hits, scored_cmp);
	for (size_t i = 0; i < acc.n; i++) {
		colo_person *p = colo_person_list_push(out);

		*p = acc.hits[i].p;
		memset(&acc.hits[i].p, 0, sizeof acc.hits[i].p);
	}
	ok = true;
done:
	for (size_t i = 0; i < acc.n; i++) {
		colo_person_cleanup(&acc.hits[i].p);
		free(acc.hits[i].display);
	}
	free(acc.hits);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	bson_destroy(entries);
	free(fam);
	colo_name_cleanup(&q);
	return ok;
}

bool colo_store_works_by_person(colo_store *s, const char *person_id,
                                colo_work_list *out, colo_error *err)
{
	colo_works_query q;

	colo_works_query_init(&q);
	q.person_id = person_id;
	return colo_store_works_query(s, &q, out, err);
}
