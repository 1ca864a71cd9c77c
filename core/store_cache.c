/* store_cache.c - the HTTP response cache's documents (see store_cache.h
 * and docs/SCHEMA.md, collection http_cache).
 *
 * A document's _id is the URL, followed by a space and the Accept header
 * when one was sent (a space cannot occur in a URL, so the two never
 * collide); when that is longer than MAX_ID bytes the _id is
 * "sha256:<hex>" of it instead.  Bodies are stored as BSON binary: they
 * are whatever bytes the server sent.  Only find, replace (upsert),
 * update and delete are used, all of which FerretDB and MongoDB share.
 * Not the caching policy (core/fetch.c decides what is fresh). */
#include "colophon/store_cache.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/hash.h"
#include "colophon/mem.h"
#include "store_priv.h"

#define COLLECTION "http_cache"
#define MAX_ID 512

void colo_cache_entry_init(colo_cache_entry *e)
{
	memset(e, 0, sizeof *e);
	colo_buf_init(&e->body, 0);
}

void colo_cache_entry_cleanup(colo_cache_entry *e)
{
	if (!e)
		return;
	free(e->url);
	free(e->accept);
	free(e->final_url);
	free(e->content_type);
	free(e->etag);
	free(e->last_modified);
	colo_buf_cleanup(&e->body);
	colo_cache_entry_init(e);
}

/* The document id for (url, accept); caller frees. */
static char *cache_id(const char *url, const char *accept)
{
	colo_buf b;
	char hex[65];

	colo_buf_init(&b, 0);
	colo_buf_puts(&b, url);
	if (accept && *accept) {
		colo_buf_putc(&b, ' ');
		colo_buf_puts(&b, accept);
	}
	if (b.len > MAX_ID) {
		colo_sha256_hex(b.data, b.len, hex);
		colo_buf_reset(&b);
		colo_buf_printf(&b, "sha256:%s", hex);
	}
	return colo_buf_steal(&b);
}

static char *dup_utf8(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_UTF8(&it))
		return colo_xstrdup(bson_iter_utf8(&it, NULL));
	return NULL;
}

static void append_str(bson_t *d, const char *key, const char *v)
{
	if (v)
		BSON_APPEND_UTF8(d, key, v);
	else
		BSON_APPEND_NULL(d, key);
}

bool colo_store_cache_get(colo_store *s, const char *url, const char *accept,
                          colo_cache_entry *e, bool *found, colo_error *err)
{
	mongoc_collection_t *c = NULL;
	mongoc_cursor_t *cur = NULL;
	bson_t filter = BSON_INITIALIZER, opts = BSON_INITIALIZER;
	const bson_t *d;
	bson_error_t be;
	bson_iter_t it;
	char *id = cache_id(url, accept), *sha = NULL;
	char hex[65];
	bool ok = false;

	*found = false;
	c = mongoc_database_get_collection(s->db, COLLECTION);
	BSON_APPEND_UTF8(&filter, "_id", id);
	BSON_APPEND_INT64(&opts, "limit", 1);
	cur = mongoc_collection_find_with_opts(c, &filter, &opts, NULL);
	if (!mongoc_cursor_next(cur, &d)) {
		if (mongoc_cursor_error(cur, &be)) {
			colo_store_fail(s, err, &be, "cannot read the http cache");
			goto done;
		}
		ok = true; /* not cached */
		goto done;
	}
	colo_cache_entry_cleanup(e);
	e->url = dup_utf8(d, "url");
	e->accept = dup_utf8(d, "accept");
	e->final_url = dup_utf8(d, "final_url");
	e->content_type = dup_utf8(d, "content_type");
	e->etag = dup_utf8(d, "etag");
	e->last_modified = dup_utf8(d, "last_modified");
	sha = dup_utf8(d, "body_sha256");
	if (bson_iter_init_find(&it, d, "status") && BSON_ITER_HOLDS_NUMBER(&it))
		e->status = (long)bson_iter_as_int64(&it);
	if (bson_iter_init_find(&it, d, "fetched_at") &&
	    BSON_ITER_HOLDS_DATE_TIME(&it))
		e->fetched_at = bson_iter_date_time(&it) / 1000;
	if (bson_iter_init_find(&it, d, "body") && BSON_ITER_HOLDS_BINARY(&it)) {
		const uint8_t *bin = NULL;
		uint32_t blen = 0;
		bson_subtype_t st;

		bson_iter_binary(&it, &st, &blen, &bin);
		if (blen)
			colo_buf_append(&e->body, (const char *)bin, blen);
	}
	colo_sha256_hex(e->body.data ? e->body.data : "", e->body.len, hex);
	/* A damaged or foreign document is a miss, not an answer. */
	if (!e->url || !sha || strcmp(sha, hex) != 0 || strcmp(e->url, url) != 0) {
		colo_cache_entry_cleanup(e);
		ok = true;
		goto done;
	}
	memcpy(e->body_sha256, hex, sizeof hex);
	*found = true;
	ok = true;
done:
	free(sha);
	free(id);
	bson_destroy(&opts);
	bson_destroy(&filter);
	mongoc_cursor_destroy(cur);
	mongoc_collection_destroy(c);
	return ok;
}

bool colo_store_cache_put(colo_store *s, colo_cache_entry *e, colo_error *err)
{
	mongoc_collection_t *c = NULL;
	bson_t filter = BSON_INITIALIZER, doc = BSON_INITIALIZER;
	bson_t *opts = NULL;
	bson_error_t be;
	char *id = cache_id(e->url, e->accept);
	bool ok = false;

	colo_sha256_hex(e->body.data ? e->body.data : "", e->body.len,
	                e->body_sha256);
	c = mongoc_database_get_collection(s->db, COLLECTION);
	BSON_APPEND_UTF8(&filter, "_id", id);
	BSON_APPEND_UTF8(&doc, "_id", id);
	BSON_APPEND_UTF8(&doc, "url", e->url);
	append_str(&doc, "accept", e->accept && *e->accept ? e->accept : NULL);
	append_str(&doc, "final_url", e->final_url);
	BSON_APPEND_INT32(&doc, "status", (int32_t)e->status);
	append_str(&doc, "content_type", e->content_type);
	append_str(&doc, "etag", e->etag);
	append_str(&doc, "last_modified", e->last_modified);
	BSON_APPEND_BINARY(&doc, "body", BSON_SUBTYPE_BINARY,
	                   (const uint8_t *)(e->body.data ? e->body.data : ""),
	                   (uint32_t)e->body.len);
	BSON_APPEND_UTF8(&doc, "body_sha256", e->body_sha256);
	BSON_APPEND_DATE_TIME(&doc, "fetched_at", (int64_t)e->fetched_at * 1000);
	opts = BCON_NEW("upsert", BCON_BOOL(true));
	if (!mongoc_collection_replace_one(c, &filter, &doc, opts, NULL, &be)) {
		colo_store_fail(s, err, &be, "cannot write the http cache");
		goto done;
	}
	ok = true;
done:
	bson_destroy(opts);
	bson_destroy(&doc);
	bson_destroy(&filter);
	free(id);
	mongoc_collection_destroy(c);
	return ok;
}

bool colo_store_cache_touch(colo_store *s, const char *url, const char *accept,
                            long long fetched_at, const char *etag,
                            const char *last_modified, colo_error *err)
{
	mongoc_collection_t *c = NULL;
	bson_t filter = BSON_INITIALIZER, update = BSON_INITIALIZER, set;
	bson_error_t be;
	char *id = cache_id(url, accept);
	bool ok = false;

	c = mongoc_database_get_collection(s->db, COLLECTION);
	BSON_APPEND_UTF8(&filter, "_id", id);
	BSON_APPEND_DOCUMENT_BEGIN(&update, "$set", &set);
	BSON_APPEND_DATE_TIME(&set, "fetched_at", (int64_t)fetched_at * 1000);
	if (etag)
		BSON_APPEND_UTF8(&set, "etag", etag);
	if (last_modified)
		BSON_APPEND_UTF8(&set, "last_modified", last_modified);
	bson_append_document_end(&update, &set);
	if (!mongoc_collection_update_one(c, &filter, &update, NULL, NULL, &be)) {
		colo_store_fail(s, err, &be, "cannot update the http cache");
		goto done;
	}
	ok = true;
done:
	bson_destroy(&update);
	bson_destroy(&filter);
	free(id);
	mongoc_collection_destroy(c);
	return ok;
}

bool colo_store_cache_forget(colo_store *s, const char *url, colo_error *err)
{
	mongoc_collection_t *c = NULL;
	bson_t filter = BSON_INITIALIZER;
	bson_error_t be;
	bool ok = false;

	c = mongoc_database_get_collection(s->db, COLLECTION);
	BSON_APPEND_UTF8(&filter, "url", url);
	if (!mongoc_collection_delete_many(c, &filter, NULL, NULL, &be)) {
		colo_store_fail(s, err, &be, "cannot update the http cache");
		goto done;
	}
	ok = true;
done:
	bson_destroy(&filter);
	mongoc_collection_destroy(c);
	return ok;
}
