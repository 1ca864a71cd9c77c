/* store_enrich.c - reading works without identifiers, and recording the
 * match `colophon enrich` accepted (with the work's new dedup key).
 *
 * "Without identifiers" is decided here, not by the server: $exists and
 * null-matching behave differently across the servers we support, so the
 * filter sent is only the person (creators.person, indexed) or the
 * citation keys, and works that have a DOI or ISBN are skipped while
 * reading (with a projection that leaves out tokens and evidence).  Not
 * here: merging the match (store.c) or scoring it (similar.c). */
#include "colophon/store_enrich.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/mem.h"
#include "store_priv.h"

static bool has_id(const colo_work *w)
{
	return (w->doi && *w->doi) || (w->isbn && *w->isbn);
}

bool colo_store_enrich_works(colo_store *s, const char *person_id,
                             char *const *keys, size_t nkeys,
                             colo_work_list *out, colo_error *err)
{
	bson_t filter, opts, proj, sort, cond, arr;
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	bson_init(&filter);
	if (nkeys) {
		BSON_APPEND_DOCUMENT_BEGIN(&filter, "citekey", &cond);
		BSON_APPEND_ARRAY_BEGIN(&cond, "$in", &arr);
		for (size_t i = 0; i < nkeys; i++) {
			char k[16];
			const char *kp;

			bson_uint32_to_string((uint32_t)i, &kp, k, sizeof k);
			BSON_APPEND_UTF8(&arr, kp, keys[i]);
		}
		bson_append_array_end(&cond, &arr);
		bson_append_document_end(&filter, &cond);
	} else if (person_id) {
		BSON_APPEND_UTF8(&filter, "creators.person", person_id);
	}
	bson_init(&opts);
	BSON_APPEND_DOCUMENT_BEGIN(&opts, "projection", &proj);
	BSON_APPEND_INT32(&proj, "tokens", 0);
	BSON_APPEND_INT32(&proj, "evidence", 0);
	bson_append_document_end(&opts, &proj);
	BSON_APPEND_DOCUMENT_BEGIN(&opts, "sort", &sort);
	BSON_APPEND_INT32(&sort, "citekey", 1);
	bson_append_document_end(&opts, &sort);

	cur = mongoc_collection_find_with_opts(s->works, &filter, &opts, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		colo_work *w = colo_work_list_push(out);

		colo_store_read_work(doc, w);
		if (!nkeys && has_id(w)) {
			colo_work_cleanup(w);
			out->n--;
		}
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read works to enrich");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(&opts);
	bson_destroy(&filter);
	return ok;
}

bool colo_store_set_match(colo_store *s, const char *work_id,
                          const char *source, const char *url, double score,
                          const char *new_key, colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(work_id));
	bson_t update, set, match, reply;
	bson_error_t e;
	bool ok = true;
	struct timespec ts;

	if (new_key) {
		/* Asked first: servers word a unique-index violation on update
		 * differently (FerretDB's SQLite backend has its own code). */
		bson_t *taken = BCON_NEW("key", BCON_UTF8(new_key), "_id", "{",
		                         "$ne", BCON_UTF8(work_id), "}");
		int64_t n = mongoc_collection_count_documents(s->works, taken, NULL,
		                                              NULL, NULL, &e);

		bson_destroy(taken);
		if (n != 0) {
			if (n < 0)
				colo_store_fail(s, err, &e, "cannot look up key '%s'",
				                new_key);
			else
				colo_error_set(err, COLO_EDB,
				               "cannot record the match of '%s': another "
				               "work already has key '%s'",
				               work_id, new_key);
			bson_destroy(filter);
			return false;
		}
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	bson_init(&update);
	BSON_APPEND_DOCUMENT_BEGIN(&update, "$set", &set);
	BSON_APPEND_DOCUMENT_BEGIN(&set, "match", &match);
	BSON_APPEND_UTF8(&match, "source", source);
	if (url)
		BSON_APPEND_UTF8(&match, "url", url);
	BSON_APPEND_DOUBLE(&match, "score", score);
	BSON_APPEND_DATE_TIME(&match, "at",
	                      (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
	bson_append_document_end(&set, &match);
	if (new_key)
		BSON_APPEND_UTF8(&set, "key", new_key);
	bson_append_document_end(&update, &set);
	if (!mongoc_collection_update_one(s->works, filter, &update, NULL, &reply,
	                                  &e)) {
		if (new_key && (e.code == 11000 || e.code == 11001))
			colo_error_set(err, COLO_EDB,
			               "cannot record the match of '%s': another work "
			               "already has key '%s'",
			               work_id, new_key);
		else
			colo_store_fail(s, err, &e, "cannot record the match of '%s'",
			                work_id);
		ok = false;
	} else {
		bson_iter_t it;

		if (bson_iter_init_find(&it, &reply, "matchedCount") &&
		    bson_iter_as_int64(&it) == 0) {
			colo_error_set(err, COLO_ENOTFOUND, "no work '%s'", work_id);
			ok = false;
		}
	}
	bson_destroy(&reply);
	bson_destroy(&update);
	bson_destroy(filter);
	return ok;
}

bool colo_store_get_match(colo_store *s, const char *work_id, char **source,
                          char **url, double *score, colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(work_id));
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = false, found = false;

	*source = *url = NULL;
	*score = 0;
	cur = mongoc_collection_find_with_opts(s->works, filter, NULL, NULL);
	if (mongoc_cursor_next(cur, &doc)) {
		bson_iter_t it, m;

		if (bson_iter_init_find(&it, doc, "match") &&
		    BSON_ITER_HOLDS_DOCUMENT(&it) && bson_iter_recurse(&it, &m)) {
			found = true;
			while (bson_iter_next(&m)) {
				const char *k = bson_iter_key(&m);

				if (strcmp(k, "source") == 0 && BSON_ITER_HOLDS_UTF8(&m))
					*source = colo_xstrdup(bson_iter_utf8(&m, NULL));
				else if (strcmp(k, "url") == 0 && BSON_ITER_HOLDS_UTF8(&m))
					*url = colo_xstrdup(bson_iter_utf8(&m, NULL));
				else if (strcmp(k, "score") == 0)
					*score = bson_iter_as_double(&m);
			}
		}
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read work '%s'", work_id);
	} else if (!found) {
		colo_error_set(err, COLO_ENOTFOUND, "work '%s' has no match",
		               work_id);
	} else {
		ok = true;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(filter);
	return ok;
}
