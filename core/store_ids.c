/* store_ids.c - the `ids` collection (see store_ids.h): external ids of
 * stored works, the references between them, and the `cites` links those
 * make; and the stored person an ORCID belongs to.
 *
 * Reads are batched ($in over at most BATCH ids per query); writes are
 * upserts keyed on _id, so every call can be repeated.  Links have the
 * shape and _id of every other link (core/store.c, core/store_links.c):
 * "<from>|cites|<to>", $setOnInsert for the ends, $max for confidence,
 * $addToSet for evidence.  Not the batch saver (store.c) and not the text
 * linker (store_links.c). */
#include "colophon/store_ids.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "store_priv.h"

#define BATCH 256

static int64_t now_ms(void)
{
	return (int64_t)time(NULL) * 1000;
}

static char *dup_str(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_UTF8(&it))
		return colo_xstrdup(bson_iter_utf8(&it, NULL));
	return NULL;
}

static bool was_upserted(const bson_t *reply)
{
	bson_iter_t it;

	return bson_iter_init_find(&it, reply, "upsertedCount") &&
	       bson_iter_as_int64(&it) > 0;
}

/* update_one with upsert; a duplicate-key error (a concurrent insert of
 * the same _id) is retried once, which then merges. */
static bool upsert(colo_store *s, mongoc_collection_t *c, const bson_t *filter,
                   const bson_t *update, bool *inserted, const char *what,
                   colo_error *err)
{
	bson_t *opts = BCON_NEW("upsert", BCON_BOOL(true));
	bson_t reply;
	bson_error_t e;
	bool ok = mongoc_collection_update_one(c, filter, update, opts, &reply, &e);

	if (!ok && (e.code == 11000 || e.code == 11001)) {
		bson_destroy(&reply);
		ok = mongoc_collection_update_one(c, filter, update, opts, &reply, &e);
	}
	if (ok && inserted)
		*inserted = was_upserted(&reply);
	if (!ok)
		colo_store_fail(s, err, &e, "cannot save %s", what);
	bson_destroy(&reply);
	bson_destroy(opts);
	return ok;
}

static bool save_cite(colo_store *s, const char *from, const char *to,
                      const char *source, long long start, long long end,
                      colo_ids_stats *st, colo_error *err)
{
	colo_buf id;
	bson_t *filter, *update = bson_new(), soi, max, add, ev, each, one;
	bool inserted = false, ok;

	colo_buf_init(&id, 0);
	colo_buf_printf(&id, "%s|cites|%s", from, to);
	filter = BCON_NEW("_id", BCON_UTF8(colo_buf_cstr(&id)));
	BSON_APPEND_DOCUMENT_BEGIN(update, "$setOnInsert", &soi);
	BSON_APPEND_UTF8(&soi, "from", from);
	BSON_APPEND_UTF8(&soi, "from_kind", "work");
	BSON_APPEND_UTF8(&soi, "to", to);
	BSON_APPEND_UTF8(&soi, "to_kind", "work");
	BSON_APPEND_UTF8(&soi, "relation", "cites");
	BSON_APPEND_DATE_TIME(&soi, "created", now_ms());
	bson_append_document_end(update, &soi);
	BSON_APPEND_DOCUMENT_BEGIN(update, "$max", &max);
	BSON_APPEND_DOUBLE(&max, "confidence", 1.0);
	bson_append_document_end(update, &max);
	if (source && *source && end > 0) {
		BSON_APPEND_DOCUMENT_BEGIN(update, "$addToSet", &add);
		BSON_APPEND_DOCUMENT_BEGIN(&add, "evidence", &ev);
		BSON_APPEND_ARRAY_BEGIN(&ev, "$each", &each);
		BSON_APPEND_DOCUMENT_BEGIN(&each, "0", &one);
		BSON_APPEND_UTF8(&one, "path", "link");
		BSON_APPEND_UTF8(&one, "source", source);
		BSON_APPEND_INT64(&one, "start", start);
		BSON_APPEND_INT64(&one, "end", end);
		bson_append_document_end(&each, &one);
		bson_append_array_end(&ev, &each);
		bson_append_document_end(&add, &ev);
		bson_append_document_end(update, &add);
	}
	ok = upsert(s, s->links, filter, update, &inserted, "a cites link", err);
	if (ok && st)
		++*(inserted ? &st->links_new : &st->links_merged);
	bson_destroy(update);
	bson_destroy(filter);
	colo_buf_cleanup(&id);
	return ok;
}

static bson_t *in_filter(const char *const *ids, size_t n)
{
	bson_t *f = bson_new(), cond, arr;
	char key[16];

	BSON_APPEND_DOCUMENT_BEGIN(f, "_id", &cond);
	BSON_APPEND_ARRAY_BEGIN(&cond, "$in", &arr);
	for (size_t i = 0; i < n; i++) {
		const char *k;

		bson_uint32_to_string((uint32_t)i, &k, key, sizeof key);
		BSON_APPEND_UTF8(&arr, k, ids[i]);
	}
	bson_append_array_end(&cond, &arr);
	bson_append_document_end(f, &cond);
	return f;
}

/* Links every cited_by entry of the id document d to `to`. */
static bool link_kept(colo_store *s, const bson_t *d, const char *to,
                      colo_ids_stats *st, colo_error *err)
{
	bson_iter_t it, arr;

	if (!bson_iter_init_find(&it, d, "cited_by") ||
	    !BSON_ITER_HOLDS_ARRAY(&it) || !bson_iter_recurse(&it, &arr))
		return true;
	while (bson_iter_next(&arr)) {
		bson_iter_t f;
		const char *from = NULL, *source = NULL;
		long long start = 0, end = 0;

		if (!BSON_ITER_HOLDS_DOCUMENT(&arr) || !bson_iter_recurse(&arr, &f))
			continue;
		while (bson_iter_next(&f)) {
			const char *k = bson_iter_key(&f);

			if (strcmp(k, "work") == 0 && BSON_ITER_HOLDS_UTF8(&f))
				from = bson_iter_utf8(&f, NULL);
			else if (strcmp(k, "source") == 0 && BSON_ITER_HOLDS_UTF8(&f))
				source = bson_iter_utf8(&f, NULL);
			else if (strcmp(k, "start") == 0 && BSON_ITER_HOLDS_INT(&f))
				start = bson_iter_as_int64(&f);
			else if (strcmp(k, "end") == 0 && BSON_ITER_HOLDS_INT(&f))
				end = bson_iter_as_int64(&f);
		}
		if (!from || strcmp(from, to) == 0)
			continue;
		if (!save_cite(s, from, to, source, start, end, st, err))
			return false;
	}
	return true;
}

bool colo_store_ids_put(colo_store *s, const colo_ext_id *ids, size_t n,
                        colo_ids_stats *st, colo_error *err)
{
	mongoc_collection_t *c = mongoc_database_get_collection(s->db, "ids");
	const char **keys = NULL;
	bool ok = false;

	for (size_t i = 0; i < n; i++) {
		bson_t *filter = BCON_NEW("_id", BCON_UTF8(ids[i].ext));
		bson_t *update = BCON_NEW("$set", "{", "work", BCON_UTF8(ids[i].work),
		                          "}", "$setOnInsert", "{", "created",
		                          BCON_DATE_TIME(now_ms()), "}");
		bool inserted = false, saved;

		saved = upsert(s, c, filter, update, &inserted, ids[i].ext, err);
		bson_destroy(update);
		bson_destroy(filter);
		if (!saved)
			goto done;
		if (st)
			++*(inserted ? &st->ids_new : &st->ids_merged);
	}
	/* References kept before the work was stored become links now. */
	keys = colo_xcalloc(n ? n : 1, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = ids[i].ext;
	for (size_t base = 0; base < n; base += BATCH) {
		size_t m = n - base < BATCH ? n - base : BATCH;
		bson_t *filter = in_filter(keys + base, m);
		mongoc_cursor_t *cur =
			mongoc_collection_find_with_opts(c, filter, NULL, NULL);
		const bson_t *d;
		bson_error_t e;
		bool failed = false;

		while (mongoc_cursor_next(cur, &d)) {
			char *to = dup_str(d, "work");
			bool linked = !to || link_kept(s, d, to, st, err);

			free(to);
			if (!linked) {
				failed = true;
				break;
			}
		}
		if (!failed && mongoc_cursor_error(cur, &e)) {
			colo_store_fail(s, err, &e, "cannot read ids");
			failed = true;
		}
		mongoc_cursor_destroy(cur);
		bson_destroy(filter);
		if (failed)
			goto done;
	}
	ok = true;
done:
	free(keys);
	mongoc_collection_destroy(c);
	return ok;
}

bool colo_store_ids_lookup(colo_store *s, const char *const *ext, size_t n,
                           char **works, colo_error *err)
{
	mongoc_collection_t *c = mongoc_database_get_collection(s->db, "ids");
	bool ok = true;

	for (size_t i = 0; i < n; i++)
		works[i] = NULL;
	for (size_t base = 0; ok && base < n; base += BATCH) {
		size_t m = n - base < BATCH ? n - base : BATCH;
		bson_t *filter = in_filter(ext + base, m);
		bson_t *opts = BCON_NEW("projection", "{", "work", BCON_INT32(1), "}");
		mongoc_cursor_t *cur =
			mongoc_collection_find_with_opts(c, filter, opts, NULL);
		const bson_t *d;
		bson_error_t e;

		while (mongoc_cursor_next(cur, &d)) {
			char *id = dup_str(d, "_id");

			for (size_t i = base; id && i < base + m; i++)
				if (!works[i] && strcmp(ext[i], id) == 0)
					works[i] = dup_str(d, "work");
			free(id);
		}
		if (mongoc_cursor_error(cur, &e)) {
			colo_store_fail(s, err, &e, "cannot read ids");
			ok = false;
		}
		mongoc_cursor_destroy(cur);
		bson_destroy(opts);
		bson_destroy(filter);
	}
	mongoc_collection_destroy(c);
	if (!ok)
		for (size_t i = 0; i < n; i++) {
			free(works[i]);
			works[i] = NULL;
		}
	return ok;
}

bool colo_store_ids_cite(colo_store *s, const colo_ext_cite *refs, size_t n,
                         const char *source, colo_ids_stats *st,
                         colo_error *err)
{
	mongoc_collection_t *c = mongoc_database_get_collection(s->db, "ids");
	const char **keys = colo_xcalloc(n ? n : 1, sizeof *keys);
	char **to = colo_xcalloc(n ? n : 1, sizeof *to);
	bool ok = false;

	for (size_t i = 0; i < n; i++)
		keys[i] = refs[i].to;
	if (!colo_store_ids_lookup(s, keys, n, to, err))
		goto done;
	for (size_t i = 0; i < n; i++) {
		bson_t *filter, *update;
		bool saved;

		if (!refs[i].from || !refs[i].to)
			continue;
		/* Kept whether or not the target is stored: a target stored
		 * later finds it (colo_store_ids_put). */
		filter = BCON_NEW("_id", BCON_UTF8(refs[i].to));
		update = BCON_NEW("$setOnInsert", "{", "created",
		                  BCON_DATE_TIME(now_ms()), "}", "$addToSet", "{",
		                  "cited_by", "{", "work", BCON_UTF8(refs[i].from),
		                  "source", BCON_UTF8(source ? source : ""), "start",
		                  BCON_INT64((int64_t)refs[i].start), "end",
		                  BCON_INT64((int64_t)refs[i].end), "}", "}");
		saved = upsert(s, c, filter, update, NULL, refs[i].to, err);
		bson_destroy(update);
		bson_destroy(filter);
		if (!saved)
			goto done;
		if (!to[i]) {
			if (st)
				st->pending++;
			continue;
		}
		if (strcmp(to[i], refs[i].from) == 0)
			continue;
		if (!save_cite(s, refs[i].from, to[i], source, (long long)refs[i].start,
		               (long long)refs[i].end, st, err))
			goto done;
	}
	ok = true;
done:
	for (size_t i = 0; i < n; i++)
		free(to[i]);
	free(to);
	free(keys);
	mongoc_collection_destroy(c);
	return ok;
}

/* The key of the one person the filter finds with no ORCID or `orcid`;
 * *key NULL when there is none or more than one. */
static bool person_key_where(colo_store *s, bson_t *filter, const char *orcid,
                             char **key, colo_error *err)
{
	bson_t *opts = BCON_NEW("projection", "{", "key", BCON_INT32(1), "orcid",
	                        BCON_INT32(1), "}", "sort", "{", "_id",
	                        BCON_INT32(1), "}");
	mongoc_cursor_t *cur =
		mongoc_collection_find_with_opts(s->people, filter, opts, NULL);
	const bson_t *d;
	bson_error_t e;
	size_t found = 0;
	bool ok = true;

	*key = NULL;
	while (mongoc_cursor_next(cur, &d)) {
		char *o = dup_str(d, "orcid");

		/* A person with another ORCID is another researcher. */
		if (!o || !orcid || strcmp(o, orcid) == 0) {
			found++;
			if (!*key)
				*key = dup_str(d, "key");
		}
		free(o);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot look up people");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	if (!ok || found > 1) {
		/* Two namesakes: which one is meant cannot be told. */
		free(*key);
		*key = NULL;
	}
	return ok;
}

bool colo_store_ids_person_key(colo_store *s, const colo_person *p,
                               char **key, colo_error *err)
{
	bson_t *filter;
	char *nk;
	bool ok;

	*key = NULL;
	if (p->orcid && *p->orcid) {
		filter = BCON_NEW("orcid", BCON_UTF8(p->orcid));
		ok = person_key_where(s, filter, p->orcid, key, err);
		bson_destroy(filter);
		if (!ok || *key)
			return ok;
	}
	nk = colo_name_key(&p->name);
	if (!nk || strcmp(nk, "name:") == 0 || strcmp(nk, "name:|") == 0) {
		free(nk);
		return true;
	}
	filter = BCON_NEW("key", BCON_UTF8(nk));
	ok = person_key_where(s, filter, p->orcid, key, err);
	bson_destroy(filter);
	free(nk);
	return ok;
}
