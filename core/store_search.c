/* store_search.c - search over the works' token arrays (see
 * store_search.h and search.h).  Two indexed queries: title hits, then
 * the rest; no $text, no collation. */
#include "colophon/store_search.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"
#include "store_priv.h"

static void append_all(bson_t *f, const colo_strv *a, const colo_strv *b)
{
	bson_t doc, arr;
	char key[16];
	uint32_t i = 0;

	if (!a->n && !(b && b->n))
		return;
	BSON_APPEND_DOCUMENT_BEGIN(f, "tokens", &doc);
	BSON_APPEND_ARRAY_BEGIN(&doc, "$all", &arr);
	for (size_t k = 0; k < a->n; k++, i++) {
		const char *ks;

		bson_uint32_to_string(i, &ks, key, sizeof key);
		BSON_APPEND_UTF8(&arr, ks, a->items[k]);
	}
	for (size_t k = 0; b && k < b->n; k++, i++) {
		const char *ks;

		bson_uint32_to_string(i, &ks, key, sizeof key);
		BSON_APPEND_UTF8(&arr, ks, b->items[k]);
	}
	bson_append_array_end(&doc, &arr);
	bson_append_document_end(f, &doc);
}

static bson_t *filter_for(const colo_search_query *q, const colo_strv *extra)
{
	bson_t *f = bson_new();

	append_all(f, &q->all, extra);
	if (q->type)
		BSON_APPEND_UTF8(f, "type", q->type);
	if (q->since || q->until) {
		bson_t r;

		BSON_APPEND_DOCUMENT_BEGIN(f, "issued.y", &r);
		if (q->since)
			BSON_APPEND_INT32(&r, "$gte", q->since);
		if (q->until)
			BSON_APPEND_INT32(&r, "$lte", q->until);
		bson_append_document_end(f, &r);
	}
	return f;
}

static bool seen(const colo_work_list *l, size_t upto, const char *id)
{
	for (size_t i = 0; i < upto; i++)
		if (l->items[i].id && id && strcmp(l->items[i].id, id) == 0)
			return true;
	return false;
}

static bool run(colo_store *s, bson_t *filter, long limit, colo_work_list *out,
                size_t dedup_upto, colo_error *err)
{
	bson_t *opts = BCON_NEW("sort", "{", "issued.y", BCON_INT32(-1), "title",
	                        BCON_INT32(1), "}", "limit", BCON_INT64(limit));
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	cur = mongoc_collection_find_with_opts(s->works, filter, opts, NULL);
	while ((long)out->n < limit && mongoc_cursor_next(cur, &doc)) {
		colo_work *w = colo_work_list_push(out);

		colo_store_read_work(doc, w);
		if (seen(out, dedup_upto, w->id)) {
			colo_work_cleanup(w);
			out->n--;
		}
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "search failed");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	return ok;
}

bool colo_store_search(colo_store *s, const colo_search_query *q, long limit,
                       colo_work_list *out, colo_error *err)
{
	bson_t *f;
	bool ok = true;
	size_t first = out->n;

	if (q->title.n) {
		f = filter_for(q, &q->title);
		ok = run(s, f, limit, out, 0, err);
		bson_destroy(f);
	}
	if (ok && (long)out->n < limit) {
		f = filter_for(q, NULL);
		ok = run(s, f, limit, out, out->n, err);
		bson_destroy(f);
	}
	(void)first;
	return ok;
}
