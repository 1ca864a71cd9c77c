/* store_query.c - the read side of "what has this author written?".
 *
 * Works are found through the `creators.person` index with the year and
 * type filters pushed to the server; profiles are aggregations
 * ($match, $unwind, $group, $sort) that MongoDB and FerretDB both run.
 * Not here: writing (store.c), or formatting (cli/). */
#include "colophon/store_query.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"
#include "store_priv.h"

void colo_works_query_init(colo_works_query *q)
{
	memset(q, 0, sizeof *q);
	q->role = -1;
}

static const char *const article_types[] = {
	"article", "article-journal", "article-magazine", "article-newspaper",
	NULL,
};

static bson_t *works_filter(const colo_works_query *q)
{
	bson_t *f = bson_new();

	BSON_APPEND_UTF8(f, "creators.person", q->person_id);
	if (q->type && strcmp(q->type, "article") == 0) {
		bson_t in, arr;
		char key[16];

		BSON_APPEND_DOCUMENT_BEGIN(f, "type", &in);
		BSON_APPEND_ARRAY_BEGIN(&in, "$in", &arr);
		for (int i = 0; article_types[i]; i++) {
			const char *k;

			bson_uint32_to_string((uint32_t)i, &k, key, sizeof key);
			BSON_APPEND_UTF8(&arr, k, article_types[i]);
		}
		bson_append_array_end(&in, &arr);
		bson_append_document_end(f, &in);
	} else if (q->type) {
		BSON_APPEND_UTF8(f, "type", q->type);
	}
	if (q->since || q->until) {
		bson_t range;

		BSON_APPEND_DOCUMENT_BEGIN(f, "issued.y", &range);
		if (q->since)
			BSON_APPEND_INT32(&range, "$gte", q->since);
		if (q->until)
			BSON_APPEND_INT32(&range, "$lte", q->until);
		bson_append_document_end(f, &range);
	}
	return f;
}

static bson_t *works_sort(colo_work_sort sort)
{
	switch (sort) {
	case COLO_SORT_TITLE:
		return BCON_NEW("sort", "{", "title", BCON_INT32(1), "issued.y",
		                BCON_INT32(-1), "}");
	case COLO_SORT_VENUE:
		return BCON_NEW("sort", "{", "container", BCON_INT32(1), "publisher",
		                BCON_INT32(1), "issued.y", BCON_INT32(-1), "}");
	default:
		return BCON_NEW("sort", "{", "issued.y", BCON_INT32(-1), "issued.m",
		                BCON_INT32(-1), "issued.d", BCON_INT32(-1), "title",
		                BCON_INT32(1), "}");
	}
}

/* Filters the server cannot express in the subset we use. */
static bool keep(const colo_works_query *q, const colo_work *w)
{
	if (q->role >= 0) {
		bool ok = false;

		for (size_t i = 0; i < w->ncreators && !ok; i++)
			ok = w->creators[i].person_id &&
			     strcmp(w->creators[i].person_id, q->person_id) == 0 &&
			     (int)w->creators[i].role == q->role;
		if (!ok)
			return false;
	}
	if (q->venue) {
		char *want = colo_text_normkey(q->venue, strlen(q->venue));
		const char *where = w->container ? w->container : w->publisher;
		char *have = where ? colo_text_normkey(where, strlen(where)) : NULL;
		bool ok = have && strcmp(want, have) == 0;

		free(want);
		free(have);
		return ok;
	}
	return true;
}

bool colo_store_works_query(colo_store *s, const colo_works_query *q,
                            colo_work_list *out, colo_error *err)
{
	bson_t *filter = works_filter(q);
	bson_t *opts = works_sort(q->sort);
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	cur = mongoc_collection_find_with_opts(s->works, filter, opts, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		colo_work *w = colo_work_list_push(out);

		colo_store_read_work(doc, w);
		if (!keep(q, w)) {
			colo_work_cleanup(w);
			out->n--;
		}
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the works of '%s'",
		                q->person_id);
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(filter);
	return ok;
}

void colo_count_list_cleanup(colo_count_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].label);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void colo_person_profile_cleanup(colo_person_profile *p)
{
	if (!p)
		return;
	colo_count_list_cleanup(&p->by_type);
	colo_count_list_cleanup(&p->by_year);
	colo_count_list_cleanup(&p->coauthors);
	colo_count_list_cleanup(&p->venues);
	memset(p, 0, sizeof *p);
}

static void push_count(colo_count_list *l, const char *label, long long n)
{
	colo_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items);
	l->items[l->n].label = colo_xstrdup(label);
	l->items[l->n].n = n;
	l->n++;
}

/* Runs a pipeline on `coll` whose output documents are {_id, n}; _id may
 * be a string, a number, or a document of strings (joined by spaces). */
static bool group_counts(colo_store *s, mongoc_collection_t *coll,
                         bson_t *pipeline, colo_count_list *out,
                         colo_error *err)
{
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	cur = mongoc_collection_aggregate(coll, MONGOC_QUERY_NONE, pipeline, NULL,
	                                  NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		bson_iter_t it;
		long long n = 0;
		colo_buf label;

		colo_buf_init(&label, 0);
		if (bson_iter_init_find(&it, doc, "n"))
			n = bson_iter_as_int64(&it);
		if (bson_iter_init_find(&it, doc, "_id")) {
			if (BSON_ITER_HOLDS_UTF8(&it)) {
				colo_buf_puts(&label, bson_iter_utf8(&it, NULL));
			} else if (BSON_ITER_HOLDS_INT32(&it) ||
			           BSON_ITER_HOLDS_INT64(&it) ||
			           BSON_ITER_HOLDS_DOUBLE(&it)) {
				colo_buf_printf(&label, "%lld",
				                (long long)bson_iter_as_int64(&it));
			} else if (BSON_ITER_HOLDS_DOCUMENT(&it)) {
				bson_iter_t sub;

				bson_iter_recurse(&it, &sub);
				while (bson_iter_next(&sub))
					if (BSON_ITER_HOLDS_UTF8(&sub) &&
					    *bson_iter_utf8(&sub, NULL))
						colo_buf_printf(&label, "%s%s",
						                label.len ? " " : "",
						                bson_iter_utf8(&sub, NULL));
			}
		}
		if (label.len)
			push_count(out, colo_buf_cstr(&label), n);
		colo_buf_cleanup(&label);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot aggregate");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(pipeline);
	return ok;
}

/* "writes-for: The Diplomat", "edits (senior editor): ..." for every
 * link from the person to a venue: one query for the links, one for the
 * venues' names (an application-side join, batched). */
static bool venues_of(colo_store *s, const char *person_id,
                      colo_count_list *out, colo_error *err)
{
	bson_t *filter = BCON_NEW("from", BCON_UTF8(person_id), "to_kind",
	                          BCON_UTF8("venue"));
	bson_t *ids = bson_new(), in, arr;
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	char **rel = NULL, **to = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	bool ok = true;

	cur = mongoc_collection_find_with_opts(s->links, filter, NULL, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		bson_iter_t it;
		colo_buf label;

		colo_buf_init(&label, 0);
		if (bson_iter_init_find(&it, doc, "relation") && BSON_ITER_HOLDS_UTF8(&it))
			colo_buf_puts(&label, bson_iter_utf8(&it, NULL));
		if (bson_iter_init_find(&it, doc, "role") && BSON_ITER_HOLDS_UTF8(&it))
			colo_buf_printf(&label, " (%s)", bson_iter_utf8(&it, NULL));
		if (!bson_iter_init_find(&it, doc, "to") || !BSON_ITER_HOLDS_UTF8(&it)) {
			colo_buf_cleanup(&label);
			continue;
		}
		colo_grow((void **)&rel, &cap, n + 1, sizeof *rel);
		colo_grow((void **)&to, &cap2, n + 1, sizeof *to);
		rel[n] = colo_buf_steal(&label);
		to[n] = colo_xstrdup(bson_iter_utf8(&it, NULL));
		n++;
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the links of '%s'", person_id);
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(filter);
	if (ok && n) {
		char key[16];

		BSON_APPEND_DOCUMENT_BEGIN(ids, "_id", &in);
		BSON_APPEND_ARRAY_BEGIN(&in, "$in", &arr);
		for (size_t i = 0; i < n; i++) {
			const char *k;

			bson_uint32_to_string((uint32_t)i, &k, key, sizeof key);
			BSON_APPEND_UTF8(&arr, k, to[i]);
		}
		bson_append_array_end(&in, &arr);
		bson_append_document_end(ids, &in);
		cur = mongoc_collection_find_with_opts(s->venues, ids, NULL, NULL);
		while (mongoc_cursor_next(cur, &doc)) {
			bson_iter_t it;
			const char *id = NULL, *name = NULL, *edition = NULL;

			if (bson_iter_init_find(&it, doc, "_id") && BSON_ITER_HOLDS_UTF8(&it))
				id = bson_iter_utf8(&it, NULL);
			if (bson_iter_init_find(&it, doc, "name") && BSON_ITER_HOLDS_UTF8(&it))
				name = bson_iter_utf8(&it, NULL);
			if (bson_iter_init_find(&it, doc, "edition") && BSON_ITER_HOLDS_UTF8(&it))
				edition = bson_iter_utf8(&it, NULL);
			for (size_t i = 0; id && name && i < n; i++) {
				colo_buf label;

				if (strcmp(to[i], id) != 0)
					continue;
				colo_buf_init(&label, 0);
				colo_buf_printf(&label, "%s: %s", rel[i], name);
				if (edition)
					colo_buf_printf(&label, " (%s)", edition);
				push_count(out, colo_buf_cstr(&label), 1);
				colo_buf_cleanup(&label);
			}
		}
		if (mongoc_cursor_error(cur, &e)) {
			colo_store_fail(s, err, &e, "cannot read venues");
			ok = false;
		}
		mongoc_cursor_destroy(cur);
	}
	for (size_t i = 0; i < n; i++) {
		free(rel[i]);
		free(to[i]);
	}
	free(rel);
	free(to);
	bson_destroy(ids);
	return ok;
}

bool colo_store_person_profile(colo_store *s, const char *person_id,
                               colo_person_profile *out, colo_error *err)
{
	memset(out, 0, sizeof *out);
	if (!group_counts(s, s->works,
	                  BCON_NEW("pipeline", "[",
	                           "{", "$match", "{", "creators.person",
	                           BCON_UTF8(person_id), "}", "}",
	                           "{", "$group", "{", "_id", BCON_UTF8("$type"), "n",
	                           "{", "$sum", BCON_INT32(1), "}", "}", "}",
	                           "{", "$sort", "{", "n", BCON_INT32(-1), "_id",
	                           BCON_INT32(1), "}", "}", "]"),
	                  &out->by_type, err))
		return false;
	for (size_t i = 0; i < out->by_type.n; i++)
		out->works += out->by_type.items[i].n;
	if (!group_counts(s, s->works,
	                  BCON_NEW("pipeline", "[",
	                           "{", "$match", "{", "creators.person",
	                           BCON_UTF8(person_id), "}", "}",
	                           "{", "$group", "{", "_id", BCON_UTF8("$issued.y"),
	                           "n", "{", "$sum", BCON_INT32(1), "}", "}", "}",
	                           "{", "$sort", "{", "_id", BCON_INT32(1), "}", "}",
	                           "]"),
	                  &out->by_year, err))
		return false;
	if (!group_counts(s, s->works,
	                  BCON_NEW("pipeline", "[",
	                           "{", "$match", "{", "creators.person",
	                           BCON_UTF8(person_id), "}", "}",
	                           "{", "$unwind", BCON_UTF8("$creators"), "}",
	                           "{", "$match", "{", "creators.person", "{", "$ne",
	                           BCON_UTF8(person_id), "}", "}", "}",
	                           "{", "$group", "{", "_id", "{", "given",
	                           BCON_UTF8("$creators.given"), "particle",
	                           BCON_UTF8("$creators.particle"), "family",
	                           BCON_UTF8("$creators.family"), "literal",
	                           BCON_UTF8("$creators.literal"), "}", "n", "{",
	                           "$sum", BCON_INT32(1), "}", "}", "}",
	                           "{", "$sort", "{", "n", BCON_INT32(-1), "}", "}",
	                           "{", "$limit", BCON_INT32(50), "}", "]"),
	                  &out->coauthors, err))
		return false;
	return venues_of(s, person_id, &out->venues, err);
}
