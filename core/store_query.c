/* store_query.c - the read side of "what has this author written?".
 *
 * A person's works are listed in `person_works` (one read by `_id`), then
 * read by `_id` (store_priv.h), checked (the listing may be stale after
 * a creators change), filtered by type, years, role and venue, and sorted
 * here; profiles are counted from the same works.  Every read is by
 * `_id`, the one lookup FerretDB's SQLite backend pushes down (see
 * docs/SCALING.md).  Not here: writing (store.c), or formatting (cli/). */
#include "colophon/store_query.h"

#include <stdio.h>
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

static bool type_ok(const colo_works_query *q, const colo_work *w)
{
	if (!q->type)
		return true;
	if (!w->type)
		return false;
	if (strcmp(q->type, "article") == 0) {
		for (int i = 0; article_types[i]; i++)
			if (strcmp(w->type, article_types[i]) == 0)
				return true;
		return false;
	}
	return strcmp(w->type, q->type) == 0;
}

/* Strings as the server sorts them without a collation: missing first,
 * then by bytes. */
static int str_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int int_desc(int a, int b)
{
	return (a < b) - (a > b);
}

static int work_cmp(const colo_work *a, const colo_work *b,
                    colo_work_sort sort)
{
	int c;

	switch (sort) {
	case COLO_SORT_TITLE:
		if ((c = str_cmp(a->title, b->title)))
			return c;
		return int_desc(a->year, b->year);
	case COLO_SORT_VENUE:
		if ((c = str_cmp(a->container, b->container)) ||
		    (c = str_cmp(a->publisher, b->publisher)))
			return c;
		return int_desc(a->year, b->year);
	default:
		if ((c = int_desc(a->year, b->year)) ||
		    (c = int_desc(a->month, b->month)) ||
		    (c = int_desc(a->day, b->day)) || (c = str_cmp(a->title, b->title)))
			return c;
		return str_cmp(a->id, b->id);
	}
}

/* A stable merge sort (qsort has no context argument in C11). */
static void sort_works(colo_work *v, size_t n, colo_work_sort sort)
{
	colo_work *tmp;

	if (n < 2)
		return;
	tmp = colo_xmalloc(n * sizeof *tmp);
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				tmp[k++] = work_cmp(&v[j], &v[i], sort) < 0 ? v[j++] : v[i++];
			while (i < mid)
				tmp[k++] = v[i++];
			while (j < hi)
				tmp[k++] = v[j++];
		}
		memcpy(v, tmp, n * sizeof *v);
	}
	free(tmp);
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

static bool has_creator(const colo_work *w, const char *person_id)
{
	for (size_t i = 0; i < w->ncreators; i++)
		if (w->creators[i].person_id &&
		    strcmp(w->creators[i].person_id, person_id) == 0)
			return true;
	return false;
}

typedef struct works_acc {
	const colo_works_query *q;
	colo_work_list *out;
} works_acc;

static bool work_hit(const bson_t *doc, void *arg)
{
	works_acc *a = arg;
	colo_work *w = colo_work_list_push(a->out);

	colo_store_read_work(doc, w);
	/* The postings may list a work whose creators changed since. */
	if (!has_creator(w, a->q->person_id) || !type_ok(a->q, w) ||
	    (a->q->since && w->year < a->q->since) ||
	    (a->q->until && (!w->year || w->year > a->q->until)) ||
	    !keep(a->q, w)) {
		colo_work_cleanup(w);
		a->out->n--;
	}
	return true;
}

/* The person's works: their ids from person_works (one `_id` read),
 * then the works by `_id` (store_priv.h: `$in`, or one equality each on
 * FerretDB), filtered and sorted here. */
bool colo_store_works_query(colo_store *s, const colo_works_query *q,
                            colo_work_list *out, colo_error *err)
{
	char **ids = NULL;
	size_t n = 0, first = out->n;
	works_acc acc = {q, out};
	bool ok;

	if (!colo_store_postings_get(s, q->person_id, &ids, &n, err))
		return false;
	ok = colo_store_each_by_id(s, s->works, (const char *const *)ids, n, NULL,
	                           work_hit, &acc, err);
	if (ok)
		sort_works(out->items + first, out->n - first, q->sort);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
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

/* Adds one to label's count. */
static void tally(colo_count_list *l, const char *label)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].label, label) == 0) {
			l->items[i].n++;
			return;
		}
	push_count(l, label, 1);
}

/* Most first, then by label. */
static int by_count(const void *x, const void *y)
{
	const colo_count *a = x, *b = y;

	if (a->n != b->n)
		return a->n < b->n ? 1 : -1;
	return strcmp(a->label, b->label);
}

static int by_number(const void *x, const void *y)
{
	const colo_count *a = x, *b = y;
	long la = strtol(a->label, NULL, 10), lb = strtol(b->label, NULL, 10);

	return (la > lb) - (la < lb);
}

/* Counted here from the person's works (read as `works AUTHOR` reads
 * them), not by an aggregation: `$match` on creators.person would scan
 * every work on FerretDB. */
bool colo_store_person_profile(colo_store *s, const char *person_id,
                               colo_person_profile *out, colo_error *err)
{
	colo_works_query q;
	colo_work_list works;
	bool ok;

	memset(out, 0, sizeof *out);
	colo_works_query_init(&q);
	q.person_id = person_id;
	colo_work_list_init(&works);
	if (!colo_store_works_query(s, &q, &works, err)) {
		colo_work_list_cleanup(&works);
		return false;
	}
	for (size_t i = 0; i < works.n; i++) {
		const colo_work *w = &works.items[i];

		if (w->type && *w->type) {
			tally(&out->by_type, w->type);
			out->works++;
		}
		if (w->year) {
			char y[16];

			snprintf(y, sizeof y, "%d", w->year);
			tally(&out->by_year, y);
		}
		for (size_t j = 0; j < w->ncreators; j++) {
			const colo_creator *c = &w->creators[j];
			const char *parts[4] = {c->name.given, c->name.particle,
			                        c->name.family, c->name.literal};
			colo_buf label;

			if (c->person_id && strcmp(c->person_id, person_id) == 0)
				continue;
			colo_buf_init(&label, 0);
			for (int k = 0; k < 4; k++)
				if (parts[k] && *parts[k])
					colo_buf_printf(&label, "%s%s", label.len ? " " : "",
					                parts[k]);
			if (label.len)
				tally(&out->coauthors, colo_buf_cstr(&label));
			colo_buf_cleanup(&label);
		}
	}
	colo_work_list_cleanup(&works);
	if (out->by_type.n > 1)
		qsort(out->by_type.items, out->by_type.n, sizeof *out->by_type.items,
		      by_count);
	if (out->by_year.n > 1)
		qsort(out->by_year.items, out->by_year.n, sizeof *out->by_year.items,
		      by_number);
	if (out->coauthors.n > 1)
		qsort(out->coauthors.items, out->coauthors.n,
		      sizeof *out->coauthors.items, by_count);
	while (out->coauthors.n > 50)
		free(out->coauthors.items[--out->coauthors.n].label);
	ok = venues_of(s, person_id, &out->venues, err);
	return ok;
}
