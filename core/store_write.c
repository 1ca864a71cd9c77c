/* store_write.c - a batch's writes to one collection, by `_id`, as few and
 * as cheap as the server allows.
 *
 * Every write the store makes is an upsert ({$setOnInsert, $set,
 * $addToSet}, store.c).  Sent as such, one per document, an import costs a
 * round trip per record, and on FerretDB's SQLite backend an update
 * statement reads the whole table (docs/SCALING.md): an import of n
 * records into a collection of m was O(n * m).  Here the same upserts are
 * sent three ways instead:
 *   - a document the store does not hold is inserted whole (the document
 *     the upsert would have created), in unordered bulks of
 *     COLO_BULK_CHUNK: one statement each, checked by the unique indexes
 *     only;
 *   - a stored document the update would leave as it is (a re-import) is
 *     not written at all;
 *   - the rest are update_one upserts, also in unordered bulks.
 * An insert refused for a duplicate key (written by someone else
 * meanwhile, or twice in one batch) is retried as the upsert, or handed
 * back to the caller (records: store.c resolves their key collisions).
 *
 * Not here: what the updates say (store.c builds them). */
#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"
#include "store_priv.h"

/* ---- comparing and applying an update ---------------------------------- */

/* Whether two BSON values are the same value, as $addToSet compares them
 * for the types the store writes (strings, documents, arrays, numbers,
 * booleans, dates, null).  Documents compare by their bytes: the store
 * always builds one value's fields in one order.  Other types: never. */
static bool value_eq(const bson_iter_t *a, const bson_iter_t *b)
{
	bson_type_t ta = bson_iter_type(a), tb = bson_iter_type(b);

	if (ta != tb) {
		bool na = ta == BSON_TYPE_INT32 || ta == BSON_TYPE_INT64 ||
		          ta == BSON_TYPE_DOUBLE;
		bool nb = tb == BSON_TYPE_INT32 || tb == BSON_TYPE_INT64 ||
		          tb == BSON_TYPE_DOUBLE;

		return na && nb && bson_iter_as_double(a) == bson_iter_as_double(b);
	}
	switch (ta) {
	case BSON_TYPE_UTF8: {
		uint32_t la, lb;
		const char *sa = bson_iter_utf8(a, &la), *sb = bson_iter_utf8(b, &lb);

		return la == lb && memcmp(sa, sb, la) == 0;
	}
	case BSON_TYPE_DOCUMENT:
	case BSON_TYPE_ARRAY: {
		uint32_t la, lb;
		const uint8_t *da, *db;

		if (ta == BSON_TYPE_DOCUMENT) {
			bson_iter_document(a, &la, &da);
			bson_iter_document(b, &lb, &db);
		} else {
			bson_iter_array(a, &la, &da);
			bson_iter_array(b, &lb, &db);
		}
		return la == lb && memcmp(da, db, la) == 0;
	}
	case BSON_TYPE_INT32:
		return bson_iter_int32(a) == bson_iter_int32(b);
	case BSON_TYPE_INT64:
		return bson_iter_int64(a) == bson_iter_int64(b);
	case BSON_TYPE_DOUBLE:
		return bson_iter_double(a) == bson_iter_double(b);
	case BSON_TYPE_BOOL:
		return bson_iter_bool(a) == bson_iter_bool(b);
	case BSON_TYPE_DATE_TIME:
		return bson_iter_date_time(a) == bson_iter_date_time(b);
	case BSON_TYPE_NULL:
		return true;
	default:
		return false;
	}
}

/* Whether the array at arr (an iterator on an array) holds v. */
static bool array_has(const bson_iter_t *arr, const bson_iter_t *v)
{
	bson_iter_t it;

	if (!bson_iter_recurse(arr, &it))
		return false;
	while (bson_iter_next(&it))
		if (value_eq(&it, v))
			return true;
	return false;
}

/* Calls fn on each value an $addToSet field spec adds: the elements of
 * {$each: [...]}, or the value itself.  Stops (returning false) when fn
 * does. */
typedef bool (*value_fn)(const bson_iter_t *v, void *arg);

static bool each_added(const bson_iter_t *spec, value_fn fn, void *arg)
{
	bson_iter_t sub, each;

	if (BSON_ITER_HOLDS_DOCUMENT(spec) && bson_iter_recurse(spec, &sub) &&
	    bson_iter_find(&sub, "$each")) {
		if (!BSON_ITER_HOLDS_ARRAY(&sub) || !bson_iter_recurse(&sub, &each))
			return true;
		while (bson_iter_next(&each))
			if (!fn(&each, arg))
				return false;
		return true;
	}
	return fn(spec, arg);
}

static bool stored_array_has(const bson_iter_t *v, void *arg)
{
	return array_has(arg, v);
}

bool colo_update_is_noop(const bson_t *stored, const bson_t *update)
{
	bson_iter_t op, field, have;

	if (!stored || !bson_iter_init(&op, update))
		return false;
	while (bson_iter_next(&op)) {
		const char *name = bson_iter_key(&op);
		bool set = strcmp(name, "$set") == 0;

		if (strcmp(name, "$setOnInsert") == 0)
			continue;
		if ((!set && strcmp(name, "$addToSet") != 0) ||
		    !BSON_ITER_HOLDS_DOCUMENT(&op) || !bson_iter_recurse(&op, &field))
			return false;
		while (bson_iter_next(&field)) {
			const char *key = bson_iter_key(&field);

			if (strchr(key, '.') || !bson_iter_init_find(&have, stored, key))
				return false;
			if (set ? !value_eq(&have, &field)
			        : !BSON_ITER_HOLDS_ARRAY(&have) ||
			              !each_added(&field, stored_array_has, &have))
				return false;
		}
	}
	return true;
}

/* An array being built from $addToSet values, without repeats. */
typedef struct set_builder {
	bson_t arr;
	uint32_t n;
} set_builder;

static bool set_add(const bson_iter_t *v, void *arg)
{
	set_builder *sb = arg;
	bson_iter_t it;
	char buf[16];
	const char *key;

	if (bson_iter_init(&it, &sb->arr))
		while (bson_iter_next(&it))
			if (value_eq(&it, v))
				return true;
	bson_uint32_to_string(sb->n++, &key, buf, sizeof buf);
	bson_append_iter(&sb->arr, key, -1, v);
	return true;
}

bool colo_update_as_doc(const char *id, const bson_t *update, bson_t *doc)
{
	bson_iter_t op, field;

	bson_init(doc);
	BSON_APPEND_UTF8(doc, "_id", id);
	if (!bson_iter_init(&op, update))
		goto fail;
	while (bson_iter_next(&op)) {
		const char *name = bson_iter_key(&op);
		bool add = strcmp(name, "$addToSet") == 0;

		if ((!add && strcmp(name, "$setOnInsert") != 0 &&
		     strcmp(name, "$set") != 0) ||
		    !BSON_ITER_HOLDS_DOCUMENT(&op) || !bson_iter_recurse(&op, &field))
			goto fail;
		while (bson_iter_next(&field)) {
			const char *key = bson_iter_key(&field);

			/* A path, or a field set twice, is the server's to apply. */
			if (strchr(key, '.') || strcmp(key, "_id") == 0 ||
			    bson_has_field(doc, key))
				goto fail;
			if (add) {
				set_builder sb;

				bson_init(&sb.arr);
				sb.n = 0;
				each_added(&field, set_add, &sb);
				BSON_APPEND_ARRAY(doc, key, &sb.arr);
				bson_destroy(&sb.arr);
			} else {
				bson_append_iter(doc, key, -1, &field);
			}
		}
	}
	return true;
fail:
	bson_destroy(doc);
	bson_init(doc);
	return false;
}

/* The spec of field under operator op of update (false when none). */
static bool find_op_field(const bson_t *update, const char *op,
                          const char *field, bson_iter_t *out)
{
	bson_iter_t it, sub;

	if (!bson_iter_init_find(&it, update, op) || !BSON_ITER_HOLDS_DOCUMENT(&it) ||
	    !bson_iter_recurse(&it, &sub))
		return false;
	while (bson_iter_next(&sub))
		if (strcmp(bson_iter_key(&sub), field) == 0) {
			*out = sub;
			return true;
		}
	return false;
}

bool colo_update_apply(const bson_t *stored, const bson_t *update, bson_t *out)
{
	bson_iter_t f, op, field, spec;
	bson_t fresh;

	/* What the update adds that stored lacks, as a new document would
	 * have it; then stored, field by field, with $set and $addToSet
	 * applied; then those new fields. */
	bson_init(out);
	if (!colo_update_as_doc("", update, &fresh)) {
		bson_destroy(&fresh);
		return false;
	}
	if (bson_iter_init(&f, stored))
		while (bson_iter_next(&f)) {
			const char *key = bson_iter_key(&f);

			if (find_op_field(update, "$set", key, &spec)) {
				bson_append_iter(out, key, -1, &spec);
			} else if (find_op_field(update, "$addToSet", key, &spec) &&
			           BSON_ITER_HOLDS_ARRAY(&f)) {
				set_builder sb;
				bson_iter_t el;

				bson_init(&sb.arr);
				sb.n = 0;
				if (bson_iter_recurse(&f, &el))
					while (bson_iter_next(&el))
						set_add(&el, &sb);
				each_added(&spec, set_add, &sb);
				BSON_APPEND_ARRAY(out, key, &sb.arr);
				bson_destroy(&sb.arr);
			} else {
				bson_append_iter(out, key, -1, &f);
			}
		}
	/* New fields: from $set and $addToSet only ($setOnInsert does not
	 * apply to a stored document). */
	if (bson_iter_init(&op, update))
		while (bson_iter_next(&op)) {
			const char *name = bson_iter_key(&op);

			if (strcmp(name, "$setOnInsert") == 0 ||
			    !bson_iter_recurse(&op, &field))
				continue;
			while (bson_iter_next(&field)) {
				const char *key = bson_iter_key(&field);
				bson_iter_t v;

				if (!bson_has_field(stored, key) &&
				    bson_iter_init_find(&v, &fresh, key))
					bson_append_iter(out, key, -1, &v);
			}
		}
	bson_destroy(&fresh);
	return true;
}

/* ---- the writer ---------------------------------------------------------- */

void colo_writer_init(colo_writer *w, colo_store *s, mongoc_collection_t *c,
                      bool retry_duplicates)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->c = c;
	w->retry = retry_duplicates;
}

static mongoc_bulk_operation_t *new_bulk(mongoc_collection_t *c)
{
	bson_t *o = BCON_NEW("ordered", BCON_BOOL(false));
	mongoc_bulk_operation_t *op =
		mongoc_collection_create_bulk_operation_with_opts(c, o);

	bson_destroy(o);
	return op;
}

static bool inserts_flush(colo_writer *w, colo_error *err);

/* Sends the queued upserts, after the queued inserts (an update may be
 * for a document this batch inserts). */
static bool updates_flush(colo_writer *w, colo_error *err)
{
	bson_t reply;
	bson_error_t e;
	bool ok = inserts_flush(w, err);

	if (ok && w->upd && w->nupd) {
		ok = mongoc_bulk_operation_execute(w->upd, &reply, &e) != 0;
		if (!ok)
			colo_store_fail(w->s, err, &e, "cannot update '%s'",
			                mongoc_collection_get_name(w->c));
		bson_destroy(&reply);
	}
	mongoc_bulk_operation_destroy(w->upd);
	w->upd = NULL;
	w->nupd = 0;
	return ok;
}

/* Queues update_one({_id: id}, update, {upsert: true}). */
static bool update_add(colo_writer *w, const char *id, const bson_t *update,
                       colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	bson_t *opts = BCON_NEW("upsert", BCON_BOOL(true));
	bson_error_t e;
	bool ok;

	if (!w->upd)
		w->upd = new_bulk(w->c);
	ok = mongoc_bulk_operation_update_one_with_opts(w->upd, filter, update,
	                                                opts, &e);
	bson_destroy(opts);
	bson_destroy(filter);
	if (!ok) {
		colo_store_fail(w->s, err, &e, "cannot update '%s'",
		                mongoc_collection_get_name(w->c));
		return false;
	}
	return ++w->nupd < COLO_BULK_CHUNK || updates_flush(w, err);
}

static void pending_clear(colo_writer *w)
{
	for (size_t i = 0; i < w->nins; i++) {
		free(w->pending[i].id);
		if (w->pending[i].update)
			bson_destroy(w->pending[i].update);
	}
	w->nins = 0;
}

/* Reads the indexes of the inserts refused for a duplicate key from a
 * bulk reply into dup[0..n); false if any write failed otherwise. */
static bool duplicates_only(const bson_t *reply, bool *dup, size_t n)
{
	bson_iter_t it, sub, f;
	bool ok = bson_iter_init_find(&it, reply, "writeErrors") &&
	          BSON_ITER_HOLDS_ARRAY(&it) && bson_iter_recurse(&it, &sub);

	while (ok && bson_iter_next(&sub)) {
		int64_t index = -1, code = 0;

		if (!BSON_ITER_HOLDS_DOCUMENT(&sub) || !bson_iter_recurse(&sub, &f))
			continue;
		while (bson_iter_next(&f)) {
			if (strcmp(bson_iter_key(&f), "index") == 0)
				index = bson_iter_as_int64(&f);
			else if (strcmp(bson_iter_key(&f), "code") == 0)
				code = bson_iter_as_int64(&f);
		}
		ok = COLO_DUPLICATE_KEY(code) && index >= 0 && (size_t)index < n;
		if (ok)
			dup[index] = true;
	}
	return ok;
}

/* Sends the queued inserts; those refused for a duplicate key are retried
 * as upserts or handed back in dups. */
static bool inserts_flush(colo_writer *w, colo_error *err)
{
	bson_t reply;
	bson_error_t e;
	bool ok = true;
	bool dup[COLO_BULK_CHUNK] = {false};
	size_t n = w->nins;

	if (!w->ins || !n)
		return true;
	if (!mongoc_bulk_operation_execute(w->ins, &reply, &e) &&
	    !duplicates_only(&reply, dup, n)) {
		colo_store_fail(w->s, err, &e, "cannot insert into '%s'",
		                mongoc_collection_get_name(w->c));
		ok = false;
	}
	bson_destroy(&reply);
	mongoc_bulk_operation_destroy(w->ins);
	w->ins = NULL;
	/* The retries may queue (and send) updates, which send inserts
	 * first: this chunk is done by then. */
	w->nins = 0;
	for (size_t i = 0; i < n; i++) {
		if (ok && !dup[i]) {
			w->inserted++;
		} else if (ok && w->retry && w->pending[i].update) {
			ok = update_add(w, w->pending[i].id, w->pending[i].update, err);
		} else if (ok) {
			colo_grow((void **)&w->dups, &w->dups_cap, w->ndups + 1,
			          sizeof *w->dups);
			w->dups[w->ndups++] = w->pending[i].tag;
		}
		free(w->pending[i].id);
		if (w->pending[i].update)
			bson_destroy(w->pending[i].update);
	}
	return ok;
}

/* Queues the insert of doc (copied by the driver). */
static bool insert_add(colo_writer *w, const char *id, const bson_t *doc,
                       const bson_t *update, size_t tag, colo_error *err)
{
	bson_error_t e;

	if (!w->ins)
		w->ins = new_bulk(w->c);
	if (!mongoc_bulk_operation_insert_with_opts(w->ins, doc, NULL, &e)) {
		colo_store_fail(w->s, err, &e, "cannot insert into '%s'",
		                mongoc_collection_get_name(w->c));
		return false;
	}
	w->pending[w->nins].id = colo_xstrdup(id);
	w->pending[w->nins].update = w->retry && update ? bson_copy(update) : NULL;
	w->pending[w->nins].tag = tag;
	return ++w->nins < COLO_BULK_CHUNK || inserts_flush(w, err);
}

bool colo_writer_put(colo_writer *w, const char *id, const bson_t *update,
                     bool exists, const bson_t *stored, size_t tag,
                     colo_put *did, colo_error *err)
{
	bson_t doc;
	colo_put local;
	bool ok;

	if (!did)
		did = &local;
	if (exists && stored && colo_update_is_noop(stored, update)) {
		*did = COLO_PUT_SKIP;
		return true;
	}
	if (exists || !colo_update_as_doc(id, update, &doc)) {
		*did = COLO_PUT_UPDATE;
		if (!exists)
			bson_destroy(&doc);
		return update_add(w, id, update, err);
	}
	*did = COLO_PUT_INSERT;
	ok = insert_add(w, id, &doc, update, tag, err);
	bson_destroy(&doc);
	return ok;
}

bool colo_writer_insert(colo_writer *w, const char *id, const bson_t *doc,
                        size_t tag, colo_error *err)
{
	return insert_add(w, id, doc, NULL, tag, err);
}

bool colo_writer_flush(colo_writer *w, colo_error *err)
{
	/* updates_flush sends the inserts first; their duplicates may queue
	 * updates, sent after them. */
	return inserts_flush(w, err) && updates_flush(w, err);
}

void colo_writer_cleanup(colo_writer *w)
{
	mongoc_bulk_operation_destroy(w->ins);
	mongoc_bulk_operation_destroy(w->upd);
	pending_clear(w);
	free(w->dups);
	memset(w, 0, sizeof *w);
}
