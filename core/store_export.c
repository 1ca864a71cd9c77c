/* store_export.c - the store queries behind `colophon export` and
 * `colophon key regen`.
 *
 * Shares the handle and the BSON-to-model reader with store.c through
 * store_priv.h.  Citation keys are looked up in `citekeys` and the works
 * read by `_id` (store_priv.h: `$in` per 256, or one `_id` equality each
 * on FerretDB); the walk over every work is a cursor handed to a callback, so an
 * export of a million works holds one work at a time.  Key assignment is
 * a plain update guarded by the unique citekey index: a taken key is
 * answered by the server with a duplicate-key error, and the next suffix
 * is tried; `citekeys` follows every change.
 *
 * Not here: deciding which key pattern to use (citekey.c, cli/) or writing
 * any format (the writers). */
#include "colophon/store_export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mongoc/mongoc.h>

#include "colophon/buf.h"
#include "colophon/citekey.h"
#include "colophon/mem.h"
#include "store_priv.h"

#define MAX_SUFFIXES 18278 /* a..zzz */

static char *doc_string(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_UTF8(&it))
		return colo_xstrdup(bson_iter_utf8(&it, NULL));
	return NULL;
}

/* keys[i] -> citekeys' work id -> the work, read by `_id` both times. */
typedef struct cite_acc {
	const char *const *keys;
	size_t n;
	char **wid;     /* wid[i]: the work id citekeys gives keys[i] */
	colo_work *got; /* got[i]: the work for keys[i] */
	bool *have;
} cite_acc;

static bool citekey_hit(const bson_t *doc, void *arg)
{
	cite_acc *a = arg;
	char *ck = doc_string(doc, "_id"), *wid = doc_string(doc, "work");

	for (size_t i = 0; ck && wid && i < a->n; i++)
		if (!a->wid[i] && strcmp(a->keys[i], ck) == 0)
			a->wid[i] = colo_xstrdup(wid);
	free(ck);
	free(wid);
	return true;
}

static bool cited_work_hit(const bson_t *doc, void *arg)
{
	cite_acc *a = arg;
	char *id = doc_string(doc, "_id"), *ck = doc_string(doc, "citekey");

	/* The work must still hold the key: citekeys may be stale. */
	for (size_t i = 0; id && ck && i < a->n; i++)
		if (!a->have[i] && a->wid[i] && strcmp(a->wid[i], id) == 0 &&
		    strcmp(a->keys[i], ck) == 0) {
			colo_store_read_work(doc, &a->got[i]);
			a->have[i] = true;
			break;
		}
	free(id);
	free(ck);
	return true;
}

bool colo_store_works_by_citekeys(colo_store *s, const char *const *keys,
                                  size_t n, colo_work_list *out, bool *found,
                                  colo_error *err)
{
	colo_work *got = NULL; /* got[i]: the work for keys[i] */
	bool *have = colo_xcalloc(n ? n : 1, sizeof *have);
	char **wid = colo_xcalloc(n ? n : 1, sizeof *wid);
	const char **uniq = colo_xcalloc(n ? n : 1, sizeof *uniq);
	size_t nuniq = 0;
	cite_acc acc;
	bool ok = false;

	got = colo_xcalloc(n ? n : 1, sizeof *got);
	acc = (cite_acc){keys, n, wid, got, have};
	/* Each distinct key once; then each distinct work id once. */
	for (size_t i = 0; i < n; i++) {
		bool dup = false;

		for (size_t j = 0; j < nuniq && !dup; j++)
			dup = strcmp(uniq[j], keys[i]) == 0;
		if (!dup)
			uniq[nuniq++] = keys[i];
	}
	if (!colo_store_each_by_id(s, s->citekeys, uniq, nuniq, NULL, citekey_hit,
	                           &acc, err))
		goto done;
	nuniq = 0;
	for (size_t i = 0; i < n; i++) {
		bool dup = !wid[i];

		for (size_t j = 0; j < nuniq && !dup; j++)
			dup = strcmp(uniq[j], wid[i]) == 0;
		if (!dup)
			uniq[nuniq++] = wid[i];
	}
	if (!colo_store_each_by_id(s, s->works, uniq, nuniq, NULL, cited_work_hit,
	                           &acc, err))
		goto done;
	/* A key given twice may have been read in two batches: the first
	 * position keeps the work, later ones only count as found. */
	for (size_t i = 0; i < n; i++) {
		bool dup = false;

		for (size_t j = 0; j < i && !dup; j++)
			dup = have[j] && strcmp(keys[i], keys[j]) == 0;
		if (found)
			found[i] = have[i] || dup;
		if (have[i] && dup) {
			colo_work_cleanup(&got[i]);
			memset(&got[i], 0, sizeof got[i]);
			have[i] = false;
		} else if (have[i]) {
			*colo_work_list_push(out) = got[i];
			memset(&got[i], 0, sizeof got[i]);
		}
	}
	ok = true;
done:
	for (size_t i = 0; i < n; i++) {
		colo_work_cleanup(&got[i]);
		free(wid[i]);
	}
	free(got);
	free(have);
	free(wid);
	free(uniq);
	return ok;
}

bool colo_store_works_each(colo_store *s, colo_work_fn fn, void *arg,
                           colo_error *err)
{
	bson_t filter = BSON_INITIALIZER;
	/* citekey order: stable output, and MongoDB walks the citekey
	 * index.  (FerretDB v1.24 sorts in memory: 20,000 works took 14 s
	 * sorted and 8 s unsorted on a loaded test machine, against 0.3 s
	 * of Colophon's own CPU.) */
	bson_t *opts = BCON_NEW("sort", "{", "citekey", BCON_INT32(1), "}",
	                        "batchSize", BCON_INT32(1000));
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	cur = mongoc_collection_find_with_opts(s->works, &filter, opts, NULL);
	while (ok && mongoc_cursor_next(cur, &doc)) {
		colo_work w;

		colo_work_init(&w);
		colo_store_read_work(doc, &w);
		ok = fn(&w, arg, err);
		colo_work_cleanup(&w);
	}
	if (ok && mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the works");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(&filter);
	return ok;
}

bool colo_store_work_by_id(colo_store *s, const char *id, colo_work *w,
                           bool *found, colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	bson_t *opts = BCON_NEW("limit", BCON_INT64(1));
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	*found = false;
	cur = mongoc_collection_find_with_opts(s->works, filter, opts, NULL);
	if (mongoc_cursor_next(cur, &doc)) {
		colo_store_read_work(doc, w);
		*found = true;
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read work '%s'", id);
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(filter);
	return ok;
}

/* Whether key is base followed by a collision suffix of 1-3 letters. */
static bool is_suffixed(const char *key, const char *base)
{
	size_t bl = strlen(base), kl = strlen(key);

	if (kl <= bl || kl > bl + 3 || strncmp(key, base, bl) != 0)
		return false;
	for (const char *p = key + bl; *p; p++)
		if (*p < 'a' || *p > 'z')
			return false;
	return true;
}

/* Whether a work other than `id` holds citation key `key`: citekeys by
 * `_id`, then that work by `_id` (a stale entry does not count). */
static bool key_taken(colo_store *s, const char *key, const char *id,
                      bool *taken, colo_error *err)
{
	char *wid = NULL;
	colo_work w;
	bool found = false, ok;

	*taken = false;
	if (!colo_store_citekey_lookup(s, key, &wid, err))
		return false;
	if (!wid || strcmp(wid, id) == 0) {
		free(wid);
		return true;
	}
	colo_work_init(&w);
	ok = colo_store_work_by_id(s, wid, &w, &found, err);
	*taken = ok && found && w.citekey && strcmp(w.citekey, key) == 0;
	colo_work_cleanup(&w);
	free(wid);
	return ok;
}

bool colo_store_citekey_assign(colo_store *s, const char *id, const char *base,
                               char **out_key, bool *changed, colo_error *err)
{
	colo_work w;
	bool found = false, ok = false;
	char *key = NULL;

	*out_key = NULL;
	*changed = false;
	colo_work_init(&w);
	if (!colo_store_work_by_id(s, id, &w, &found, err))
		goto done;
	if (!found) {
		colo_error_set(err, COLO_ENOTFOUND, "no work with id '%s'", id);
		goto done;
	}
	if (w.citekey && strcmp(w.citekey, base) == 0) {
		*out_key = colo_xstrdup(w.citekey);
		ok = true;
		goto done;
	}
	/* base + suffix is kept only while another work holds base (so
	 * "smith2020sea" is not mistaken for "smith2020" + "sea"). */
	if (w.citekey && is_suffixed(w.citekey, base)) {
		bool held;

		if (!key_taken(s, base, id, &held, err))
			goto done;
		if (held) {
			*out_key = colo_xstrdup(w.citekey);
			ok = true;
			goto done;
		}
	}
	for (size_t n = 0; n <= MAX_SUFFIXES; n++) {
		bson_t *filter, *update;
		bson_t reply;
		bson_error_t e;
		bool updated, taken;

		free(key);
		key = n == 0 ? colo_xstrdup(base) : colo_citekey_suffixed(base, n - 1);
		if (!key_taken(s, key, id, &taken, err))
			goto done;
		if (taken)
			continue;
		filter = BCON_NEW("_id", BCON_UTF8(id));
		update = BCON_NEW("$set", "{", "citekey", BCON_UTF8(key), "}");
		updated = mongoc_collection_update_one(s->works, filter, update, NULL,
		                                       &reply, &e);
		bson_destroy(&reply);
		bson_destroy(update);
		bson_destroy(filter);
		if (updated) {
			/* The new key's lookup first, then the old one's goes:
			 * in between both lead here, and readers check. */
			if (!colo_store_citekey_index(s, key, id, err) ||
			    (w.citekey &&
			     !colo_store_citekey_unindex(s, w.citekey, id, err)))
				goto done;
			*out_key = key;
			key = NULL;
			*changed = true;
			ok = true;
			goto done;
		}
		/* Taken meanwhile by another writer: the unique index said no.
		 * (FerretDB reports its SQLite constraint, not code 11000.) */
		if (e.code != 11000 && e.code != 11001 &&
		    !strstr(e.message, "duplicate key") &&
		    !strstr(e.message, "UNIQUE constraint")) {
			colo_store_fail(s, err, &e, "cannot set the citation key of '%s'",
			                id);
			goto done;
		}
	}
	colo_error_set(err, COLO_EDB, "no free citation key for '%s' (tried %s ... %szzz)",
	               id, base, base);
done:
	free(key);
	colo_work_cleanup(&w);
	return ok;
}
