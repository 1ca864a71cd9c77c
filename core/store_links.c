/* store_links.c - cross-linking against the store (see store_links.h):
 * stored article texts, link patterns, links found in texts, cites and
 * cited-by, and the graph around a record.
 *
 * Every read streams a cursor with a projection; joins are done here,
 * batched ($in over at most BATCH ids per query), never one query per
 * document.  Writes are upserts keyed like store.c's, so a second run
 * changes nothing.  Not the linker itself (core/linker.c) and not the
 * batch saver (core/store.c). */
#include "colophon/store_links.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"
#include "store_priv.h"

#define BATCH 256

const char *colo_kind_name(colo_kind k)
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

static bool kind_parse(const char *s, colo_kind *k)
{
	if (!s)
		return false;
	if (strcmp(s, "person") == 0)
		*k = COLO_KIND_PERSON;
	else if (strcmp(s, "work") == 0)
		*k = COLO_KIND_WORK;
	else if (strcmp(s, "venue") == 0)
		*k = COLO_KIND_VENUE;
	else
		return false;
	return true;
}

static const char *dstr(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_UTF8(&it))
		return bson_iter_utf8(&it, NULL);
	return NULL;
}

static double ddouble(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_NUMBER(&it))
		return bson_iter_as_double(&it);
	return 0;
}

/* A set of strings (ids), kept in insertion order. */
typedef struct strset {
	char **v;
	size_t n, cap;
} strset;

static bool strset_has(const strset *s, const char *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return true;
	return false;
}

static bool strset_add(strset *s, const char *x)
{
	if (!x || strset_has(s, x))
		return false;
	colo_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = colo_xstrdup(x);
	return true;
}

static void strset_free(strset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* {field: {$in: [ids[from..from+n)]}} */
static bson_t *in_filter(const char *field, char **ids, size_t n)
{
	bson_t *f = bson_new(), in, arr;
	char buf[16];
	const char *key;

	BSON_APPEND_DOCUMENT_BEGIN(f, field, &in);
	BSON_APPEND_ARRAY_BEGIN(&in, "$in", &arr);
	for (size_t i = 0; i < n; i++) {
		bson_uint32_to_string((uint32_t)i, &key, buf, sizeof buf);
		bson_append_utf8(&arr, key, -1, ids[i], -1);
	}
	bson_append_array_end(&in, &arr);
	bson_append_document_end(f, &in);
	return f;
}

/* ---- texts ---------------------------------------------------------------- */

bool colo_store_save_text(colo_store *s, const char *source_id,
                          const char *work_id, const char *text, size_t len,
                          colo_error *err)
{
	mongoc_collection_t *c = mongoc_database_get_collection(s->db, "texts");
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(source_id));
	bson_t *update = bson_new(), soi, set, opts;
	bson_error_t e;
	bool ok;

	BSON_APPEND_DOCUMENT_BEGIN(update, "$setOnInsert", &soi);
	BSON_APPEND_DATE_TIME(&soi, "created", (int64_t)time(NULL) * 1000);
	bson_append_document_end(update, &soi);
	BSON_APPEND_DOCUMENT_BEGIN(update, "$set", &set);
	BSON_APPEND_UTF8(&set, "work", work_id);
	bson_append_utf8(&set, "text", 4, text, (int)len);
	BSON_APPEND_INT64(&set, "size", (int64_t)len);
	bson_append_document_end(update, &set);
	bson_init(&opts);
	BSON_APPEND_BOOL(&opts, "upsert", true);
	ok = mongoc_collection_update_one(c, filter, update, &opts, NULL, &e);
	if (!ok)
		colo_store_fail(s, err, &e, "cannot save the text of '%s'", work_id);
	bson_destroy(&opts);
	bson_destroy(update);
	bson_destroy(filter);
	mongoc_collection_destroy(c);
	return ok;
}

/* ---- patterns ------------------------------------------------------------- */

void colo_link_index_init(colo_link_index *ix)
{
	memset(ix, 0, sizeof *ix);
	ix->linker = colo_linker_new();
}

void colo_link_index_cleanup(colo_link_index *ix)
{
	for (size_t i = 0; i < ix->n; i++)
		free(ix->ids[i]);
	free(ix->ids);
	free(ix->kinds);
	colo_linker_destroy(ix->linker);
	memset(ix, 0, sizeof *ix);
}

static size_t target(colo_link_index *ix, const char *id, colo_kind k)
{
	if (ix->n == ix->cap) {
		size_t cap = ix->cap;

		colo_grow((void **)&ix->ids, &ix->cap, ix->n + 1, sizeof *ix->ids);
		colo_grow((void **)&ix->kinds, &cap, ix->n + 1, sizeof *ix->kinds);
	}
	ix->ids[ix->n] = colo_xstrdup(id);
	ix->kinds[ix->n] = k;
	return ix->n++;
}

static size_t count_words(const char *s)
{
	char *n = colo_linker_normalise(s, strlen(s));
	size_t w = *n ? 1 : 0;

	for (char *p = n; *p; p++)
		w += *p == ' ';
	free(n);
	return w;
}

/* "The Battleship Book" -> "Battleship Book": articles drop the article. */
static const char *drop_the(const char *s)
{
	if ((s[0] == 'T' || s[0] == 't') && s[1] == 'h' && s[2] == 'e' &&
	    s[3] == ' ' && s[4])
		return s + 4;
	return s;
}

static void add_pattern(colo_link_index *ix, const char *s,
                        colo_pattern_kind kind, size_t t)
{
	const char *p = drop_the(s);
	unsigned flags = count_words(p) == 1 ? COLO_PAT_CAPITAL : 0;

	colo_linker_add(ix->linker, p, strlen(p), kind, t, flags);
}

static void isbn_patterns(colo_link_index *ix, const char *isbn, size_t t)
{
	char d[16];
	size_t n = 0;

	for (const char *p = isbn; *p && n < 13; p++)
		if ((*p >= '0' && *p <= '9') || *p == 'X' || *p == 'x')
			d[n++] = *p;
	d[n] = '\0';
	if (n == 13) {
		colo_linker_add(ix->linker, d, 13, COLO_PAT_ISBN, t, 0);
		if (strncmp(d, "978", 3) == 0) { /* the ISBN-10 spelling */
			char ten[11];
			int sum = 0, check;

			memcpy(ten, d + 3, 9);
			for (int i = 0; i < 9; i++)
				sum += (10 - i) * (ten[i] - '0');
			check = (11 - sum % 11) % 11;
			ten[9] = check == 10 ? 'X' : (char)('0' + check);
			ten[10] = '\0';
			colo_linker_add(ix->linker, ten, 10, COLO_PAT_ISBN, t, 0);
		}
	} else if (n == 10) {
		colo_linker_add(ix->linker, d, 10, COLO_PAT_ISBN, t, 0);
	}
}

bool colo_store_load_patterns(colo_store *s, colo_link_index *ix,
                              colo_error *err)
{
	bson_t *q = bson_new();
	bson_t *wopts = BCON_NEW("projection", "{", "title", BCON_INT32(1),
	                         "subtitle", BCON_INT32(1), "isbn", BCON_INT32(1),
	                         "doi", BCON_INT32(1), "}");
	bson_t *vopts = BCON_NEW("projection", "{", "name", BCON_INT32(1),
	                         "aliases", BCON_INT32(1), "}");
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = false;

	cur = mongoc_collection_find_with_opts(s->works, q, wopts, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		const char *id = dstr(doc, "_id"), *title = dstr(doc, "title");
		const char *sub = dstr(doc, "subtitle"), *isbn = dstr(doc, "isbn");
		const char *doi = dstr(doc, "doi");
		size_t t;

		if (!id)
			continue;
		t = target(ix, id, COLO_KIND_WORK);
		if (title && *title) {
			const char *colon = strchr(title, ':');

			if (sub && *sub) {
				colo_buf full;

				colo_buf_init(&full, 0);
				colo_buf_printf(&full, "%s: %s", title, sub);
				add_pattern(ix, colo_buf_cstr(&full), COLO_PAT_TITLE, t);
				colo_buf_cleanup(&full);
				if (count_words(drop_the(title)) >= 2)
					add_pattern(ix, title, COLO_PAT_SHORT_TITLE, t);
			} else {
				add_pattern(ix, title, COLO_PAT_TITLE, t);
				if (colon) {
					char *shrt = colo_xstrndup(title, (size_t)(colon - title));

					if (count_words(drop_the(shrt)) >= 2)
						add_pattern(ix, shrt, COLO_PAT_SHORT_TITLE, t);
					free(shrt);
				}
			}
		}
		if (isbn)
			isbn_patterns(ix, isbn, t);
		if (doi && *doi)
			colo_linker_add(ix->linker, doi, strlen(doi), COLO_PAT_DOI, t, 0);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the works' titles");
		mongoc_cursor_destroy(cur);
		goto done;
	}
	mongoc_cursor_destroy(cur);

	cur = mongoc_collection_find_with_opts(s->venues, q, vopts, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		const char *id = dstr(doc, "_id"), *name = dstr(doc, "name");
		bson_iter_t it, sub;
		size_t t;

		if (!id)
			continue;
		t = target(ix, id, COLO_KIND_VENUE);
		if (name && *name)
			add_pattern(ix, name, COLO_PAT_VENUE, t);
		if (bson_iter_init_find(&it, doc, "aliases") &&
		    BSON_ITER_HOLDS_ARRAY(&it) && bson_iter_recurse(&it, &sub))
			while (bson_iter_next(&sub))
				if (BSON_ITER_HOLDS_UTF8(&sub))
					add_pattern(ix, bson_iter_utf8(&sub, NULL),
					            COLO_PAT_VENUE, t);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the venues' names");
		mongoc_cursor_destroy(cur);
		goto done;
	}
	mongoc_cursor_destroy(cur);
	ok = true;
done:
	bson_destroy(vopts);
	bson_destroy(wopts);
	bson_destroy(q);
	return ok;
}

/* ---- scanning ---------------------------------------------------------------- */

typedef struct scan_ctx {
	colo_link_index *ix;
	const char *self;
	colo_found_list *out;
	size_t first; /* out->n before this text */
} scan_ctx;

static bool on_match(void *ud, const colo_linker_match *m)
{
	scan_ctx *c = ud;
	const char *to = c->ix->ids[m->target];
	colo_kind kind = c->ix->kinds[m->target];
	colo_found_link f;

	if (c->self && strcmp(to, c->self) == 0)
		return true;
	f.to = to;
	f.to_kind = kind;
	f.relation = kind == COLO_KIND_VENUE ? "mentions" : "cites";
	f.confidence = kind == COLO_KIND_VENUE                 ? 0.7
	               : m->kind == COLO_PAT_SHORT_TITLE ? 0.6
	                                                 : 0.9;
	f.start = m->start;
	f.end = m->end;
	for (size_t i = c->first; i < c->out->n; i++) {
		colo_found_link *o = &c->out->items[i];

		if (o->to == to) {
			/* a better kind of match replaces a weaker one; else the
			 * first occurrence stays */
			if (f.confidence > o->confidence)
				*o = f;
			return true;
		}
	}
	colo_grow((void **)&c->out->items, &c->out->cap, c->out->n + 1,
	          sizeof *c->out->items);
	c->out->items[c->out->n++] = f;
	return true;
}

void colo_link_scan(colo_link_index *ix, const char *self, const char *text,
                    size_t len, colo_found_list *out)
{
	scan_ctx c = {ix, self, out, out->n};

	colo_linker_scan(ix->linker, text, len, on_match, &c);
}

static bool save_link(colo_store *s, const char *from, const char *source,
                      const colo_found_link *f, colo_link_stats *st,
                      colo_error *err)
{
	colo_buf id;
	bson_t *filter, *update = bson_new(), soi, max, add, ev, each, one, opts;
	bson_t reply;
	bson_error_t e;
	bool ok;

	colo_buf_init(&id, 0);
	colo_buf_printf(&id, "%s|%s|%s", from, f->relation, f->to);
	filter = BCON_NEW("_id", BCON_UTF8(colo_buf_cstr(&id)));
	BSON_APPEND_DOCUMENT_BEGIN(update, "$setOnInsert", &soi);
	BSON_APPEND_UTF8(&soi, "from", from);
	BSON_APPEND_UTF8(&soi, "from_kind", "work");
	BSON_APPEND_UTF8(&soi, "to", f->to);
	BSON_APPEND_UTF8(&soi, "to_kind", colo_kind_name(f->to_kind));
	BSON_APPEND_UTF8(&soi, "relation", f->relation);
	BSON_APPEND_DATE_TIME(&soi, "created", (int64_t)time(NULL) * 1000);
	bson_append_document_end(update, &soi);
	BSON_APPEND_DOCUMENT_BEGIN(update, "$max", &max);
	BSON_APPEND_DOUBLE(&max, "confidence", f->confidence);
	bson_append_document_end(update, &max);
	BSON_APPEND_DOCUMENT_BEGIN(update, "$addToSet", &add);
	BSON_APPEND_DOCUMENT_BEGIN(&add, "evidence", &ev);
	BSON_APPEND_ARRAY_BEGIN(&ev, "$each", &each);
	BSON_APPEND_DOCUMENT_BEGIN(&each, "0", &one);
	BSON_APPEND_UTF8(&one, "path", "text");
	BSON_APPEND_UTF8(&one, "source", source);
	BSON_APPEND_INT64(&one, "start", (int64_t)f->start);
	BSON_APPEND_INT64(&one, "end", (int64_t)f->end);
	bson_append_document_end(&each, &one);
	bson_append_array_end(&ev, &each);
	bson_append_document_end(&add, &ev);
	bson_append_document_end(update, &add);
	bson_init(&opts);
	BSON_APPEND_BOOL(&opts, "upsert", true);
	ok = mongoc_collection_update_one(s->links, filter, update, &opts, &reply,
	                                  &e);
	/* a concurrent insert of the same _id: the retry merges */
	if (!ok && (e.code == 11000 || e.code == 11001)) {
		bson_destroy(&reply);
		ok = mongoc_collection_update_one(s->links, filter, update, &opts,
		                                  &reply, &e);
	}
	if (ok) {
		bson_iter_t it;

		if (bson_iter_init_find(&it, &reply, "upsertedCount") &&
		    bson_iter_as_int64(&it) > 0)
			st->links_new++;
		else
			st->links_merged++;
	} else {
		colo_store_fail(s, err, &e, "cannot save link '%s'",
		                colo_buf_cstr(&id));
	}
	bson_destroy(&reply);
	bson_destroy(&opts);
	bson_destroy(update);
	bson_destroy(filter);
	colo_buf_cleanup(&id);
	return ok;
}

bool colo_store_link(colo_store *s, const char *work_id, colo_link_stats *st,
                     colo_error *err)
{
	colo_link_stats local;
	colo_link_index ix;
	mongoc_collection_t *c = mongoc_database_get_collection(s->db, "texts");
	bson_t *filter = work_id ? BCON_NEW("work", BCON_UTF8(work_id)) : bson_new();
	bson_t *opts = BCON_NEW("sort", "{", "_id", BCON_INT32(1), "}");
	mongoc_cursor_t *cur = NULL;
	const bson_t *doc;
	bson_error_t e;
	bool ok = false;

	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	colo_link_index_init(&ix);
	if (!colo_store_load_patterns(s, &ix, err))
		goto done;
	cur = mongoc_collection_find_with_opts(c, filter, opts, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		const char *src = dstr(doc, "_id"), *from = dstr(doc, "work");
		colo_found_list found = {0};
		bson_iter_t it;
		const char *text;
		uint32_t len = 0;

		if (!src || !from || !bson_iter_init_find(&it, doc, "text") ||
		    !BSON_ITER_HOLDS_UTF8(&it))
			continue;
		text = bson_iter_utf8(&it, &len);
		st->texts++;
		st->bytes += len;
		colo_link_scan(&ix, from, text, len, &found);
		st->matches += found.n;
		for (size_t i = 0; i < found.n; i++)
			if (!save_link(s, from, src, &found.items[i], st, err)) {
				free(found.items);
				goto done;
			}
		free(found.items);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the stored texts");
		goto done;
	}
	if (work_id && st->texts == 0) {
		colo_error_set(err, COLO_ENOTFOUND,
		               "no stored text for work '%s' (import it with "
		               "'colophon import article')",
		               work_id);
		goto done;
	}
	ok = true;
done:
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(filter);
	mongoc_collection_destroy(c);
	colo_link_index_cleanup(&ix);
	return ok;
}

/* ---- finding works ------------------------------------------------------------- */

static bool find_into(colo_store *s, mongoc_collection_t *c, bson_t *filter,
                      colo_work_list *out, colo_error *err)
{
	mongoc_cursor_t *cur = mongoc_collection_find_with_opts(c, filter, NULL,
	                                                        NULL);
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	while (mongoc_cursor_next(cur, &doc))
		colo_store_read_work(doc, colo_work_list_push(out));
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read works");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	return ok;
}

bool colo_store_find_works(colo_store *s, const char *query,
                           colo_work_list *out, colo_error *err)
{
	static const char *const fields[] = {"citekey", "_id", "key", "doi"};
	char *want = NULL;
	bson_t *opts = NULL, *all = NULL;
	mongoc_cursor_t *cur = NULL;
	const bson_t *doc;
	bson_error_t e;
	strset ids = {0};
	bool ok = false;

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		bson_t *f = BCON_NEW(fields[i], BCON_UTF8(query));
		bool r = find_into(s, s->works, f, out, err);

		bson_destroy(f);
		if (!r)
			return false;
		if (out->n)
			return true;
	}
	/* a title: the store has no text index, so stream titles only */
	want = colo_text_normkey(query, strlen(query));
	if (!*want) {
		free(want);
		return true;
	}
	all = bson_new();
	opts = BCON_NEW("projection", "{", "title", BCON_INT32(1), "subtitle",
	                BCON_INT32(1), "}");
	cur = mongoc_collection_find_with_opts(s->works, all, opts, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		const char *t = dstr(doc, "title"), *sub = dstr(doc, "subtitle");
		char *a, *b = NULL;
		bool hit;

		if (!t)
			continue;
		a = colo_text_normkey(t, strlen(t));
		hit = strcmp(a, want) == 0;
		if (!hit && strchr(t, ':')) { /* the short title */
			char *c = colo_text_normkey(t, (size_t)(strchr(t, ':') - t));

			hit = strcmp(c, want) == 0;
			free(c);
		}
		if (!hit && sub) {
			colo_buf full;

			colo_buf_init(&full, 0);
			colo_buf_printf(&full, "%s: %s", t, sub);
			b = colo_text_normkey(full.data, full.len);
			colo_buf_cleanup(&full);
			hit = strcmp(b, want) == 0;
		}
		if (hit)
			strset_add(&ids, dstr(doc, "_id"));
		free(a);
		free(b);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot search works by title");
		goto done;
	}
	for (size_t i = 0; i < ids.n; i += BATCH) {
		size_t n = ids.n - i < BATCH ? ids.n - i : BATCH;
		bson_t *f = in_filter("_id", ids.v + i, n);
		bool r = find_into(s, s->works, f, out, err);

		bson_destroy(f);
		if (!r)
			goto done;
	}
	ok = true;
done:
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(all);
	strset_free(&ids);
	free(want);
	return ok;
}

/* ---- cites and cited-by ----------------------------------------------------------- */

void colo_cite_list_init(colo_cite_list *l)
{
	memset(l, 0, sizeof *l);
}

void colo_cite_list_cleanup(colo_cite_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		colo_work_cleanup(&l->items[i].work);
		free(l->items[i].relation);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

static int cite_cmp(const void *x, const void *y)
{
	const colo_cite *a = x, *b = y;

	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	if (a->work.year != b->work.year)
		return b->work.year - a->work.year;
	return strcmp(a->work.title ? a->work.title : "",
	              b->work.title ? b->work.title : "");
}

bool colo_store_cites(colo_store *s, const char *work_id, bool cited_by,
                      colo_cite_list *out, colo_error *err)
{
	bson_t *filter = BCON_NEW(cited_by ? "to" : "from", BCON_UTF8(work_id));
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	strset wids = {0}, vids = {0};
	size_t first = out->n;
	bool ok = false;

	cur = mongoc_collection_find_with_opts(s->links, filter, NULL, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		const char *rel = dstr(doc, "relation");
		const char *other = dstr(doc, cited_by ? "from" : "to");
		colo_kind k;
		colo_cite *c;

		if (!rel || !other ||
		    !kind_parse(dstr(doc, cited_by ? "from_kind" : "to_kind"), &k) ||
		    k == COLO_KIND_PERSON)
			continue;
		if (strcmp(rel, "cites") != 0 && strcmp(rel, "mentions") != 0)
			continue;
		if (cited_by && strcmp(rel, "cites") != 0)
			continue;
		colo_grow((void **)&out->items, &out->cap, out->n + 1,
		          sizeof *out->items);
		c = &out->items[out->n++];
		memset(c, 0, sizeof *c);
		colo_work_init(&c->work);
		c->work.id = colo_xstrdup(other);
		c->kind = k;
		c->relation = colo_xstrdup(rel);
		c->confidence = ddouble(doc, "confidence");
		strset_add(k == COLO_KIND_WORK ? &wids : &vids, other);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the links of '%s'", work_id);
		goto done;
	}
	mongoc_cursor_destroy(cur);
	cur = NULL;
	/* fill the records in, one $in query per BATCH ids */
	for (size_t i = 0; i < wids.n; i += BATCH) {
		size_t n = wids.n - i < BATCH ? wids.n - i : BATCH;
		bson_t *f = in_filter("_id", wids.v + i, n);

		cur = mongoc_collection_find_with_opts(s->works, f, NULL, NULL);
		while (mongoc_cursor_next(cur, &doc)) {
			const char *id = dstr(doc, "_id");

			for (size_t k = first; id && k < out->n; k++)
				if (out->items[k].kind == COLO_KIND_WORK &&
				    strcmp(out->items[k].work.id, id) == 0) {
					colo_work_cleanup(&out->items[k].work);
					memset(&out->items[k].work, 0,
					       sizeof out->items[k].work);
					colo_work_init(&out->items[k].work);
					colo_store_read_work(doc, &out->items[k].work);
				}
		}
		bson_destroy(f);
		if (mongoc_cursor_error(cur, &e)) {
			colo_store_fail(s, err, &e, "cannot read cited works");
			goto done;
		}
		mongoc_cursor_destroy(cur);
		cur = NULL;
	}
	for (size_t i = 0; i < vids.n; i += BATCH) {
		size_t n = vids.n - i < BATCH ? vids.n - i : BATCH;
		bson_t *f = in_filter("_id", vids.v + i, n);

		cur = mongoc_collection_find_with_opts(s->venues, f, NULL, NULL);
		while (mongoc_cursor_next(cur, &doc)) {
			const char *id = dstr(doc, "_id");

			for (size_t k = first; id && k < out->n; k++)
				if (out->items[k].kind == COLO_KIND_VENUE &&
				    strcmp(out->items[k].work.id, id) == 0)
					colo_set_str(&out->items[k].work.title,
					             dstr(doc, "name"));
		}
		bson_destroy(f);
		if (mongoc_cursor_error(cur, &e)) {
			colo_store_fail(s, err, &e, "cannot read venues");
			goto done;
		}
		mongoc_cursor_destroy(cur);
		cur = NULL;
	}
	if (out->n - first > 1)
		qsort(out->items + first, out->n - first, sizeof *out->items,
		      cite_cmp);
	ok = true;
done:
	mongoc_cursor_destroy(cur);
	bson_destroy(filter);
	strset_free(&wids);
	strset_free(&vids);
	return ok;
}

/* ---- the graph ---------------------------------------------------------------------- */

void colo_graph_init(colo_graph *g)
{
	memset(g, 0, sizeof *g);
}

void colo_graph_cleanup(colo_graph *g)
{
	for (size_t i = 0; i < g->nnodes; i++) {
		free(g->nodes[i].id);
		free(g->nodes[i].label);
	}
	for (size_t i = 0; i < g->nedges; i++) {
		free(g->edges[i].from);
		free(g->edges[i].to);
		free(g->edges[i].rel);
	}
	free(g->nodes);
	free(g->edges);
	memset(g, 0, sizeof *g);
}

static colo_graph_node *node_find(colo_graph *g, colo_kind k, const char *id)
{
	for (size_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i].kind == k && strcmp(g->nodes[i].id, id) == 0)
			return &g->nodes[i];
	return NULL;
}

static bool node_add(colo_graph *g, colo_kind k, const char *id)
{
	colo_graph_node *n;

	if (!id || node_find(g, k, id))
		return false;
	colo_grow((void **)&g->nodes, &g->capnodes, g->nnodes + 1,
	          sizeof *g->nodes);
	n = &g->nodes[g->nnodes++];
	n->id = colo_xstrdup(id);
	n->kind = k;
	n->label = NULL;
	return true;
}

static void edge_add(colo_graph *g, const char *from, const char *to,
                     const char *rel)
{
	colo_graph_edge *e;

	if (!from || !to || !rel)
		return;
	for (size_t i = 0; i < g->nedges; i++)
		if (strcmp(g->edges[i].from, from) == 0 &&
		    strcmp(g->edges[i].to, to) == 0 && strcmp(g->edges[i].rel, rel) == 0)
			return;
	colo_grow((void **)&g->edges, &g->capedges, g->nedges + 1,
	          sizeof *g->edges);
	e = &g->edges[g->nedges++];
	e->from = colo_xstrdup(from);
	e->to = colo_xstrdup(to);
	e->rel = colo_xstrdup(rel);
}

/* Adds every link touching one of ids (as from or to) with its far end. */
static bool graph_links(colo_store *s, colo_graph *g, strset *ids,
                        const char *only_rel, strset *new_works,
                        colo_error *err)
{
	static const char *const ends[] = {"from", "to"};

	for (size_t side = 0; side < 2; side++)
		for (size_t i = 0; i < ids->n; i += BATCH) {
			size_t n = ids->n - i < BATCH ? ids->n - i : BATCH;
			bson_t *f = in_filter(ends[side], ids->v + i, n);
			mongoc_cursor_t *cur = mongoc_collection_find_with_opts(
				s->links, f, NULL, NULL);
			const bson_t *doc;
			bson_error_t e;

			while (mongoc_cursor_next(cur, &doc)) {
				const char *from = dstr(doc, "from"), *to = dstr(doc, "to");
				const char *rel = dstr(doc, "relation");
				colo_kind fk, tk;

				if (!from || !to || !rel ||
				    !kind_parse(dstr(doc, "from_kind"), &fk) ||
				    !kind_parse(dstr(doc, "to_kind"), &tk))
					continue;
				if (only_rel && strcmp(rel, only_rel) != 0)
					continue;
				if (node_add(g, fk, from) && fk == COLO_KIND_WORK &&
				    new_works)
					strset_add(new_works, from);
				if (node_add(g, tk, to) && tk == COLO_KIND_WORK &&
				    new_works)
					strset_add(new_works, to);
				edge_add(g, from, to, rel);
			}
			bson_destroy(f);
			if (mongoc_cursor_error(cur, &e)) {
				colo_store_fail(s, err, &e, "cannot read links");
				mongoc_cursor_destroy(cur);
				return false;
			}
			mongoc_cursor_destroy(cur);
		}
	return true;
}

/* Reads works by filter: adds creators (person -> work) and venues (work
 * -> venue) and labels; new works go to `found`. */
static bool graph_works(colo_store *s, colo_graph *g, bson_t *filter,
                        strset *found, colo_error *err)
{
	mongoc_cursor_t *cur = mongoc_collection_find_with_opts(s->works, filter,
	                                                        NULL, NULL);
	const bson_t *doc;
	bson_error_t e;

	while (mongoc_cursor_next(cur, &doc)) {
		colo_work w;
		colo_graph_node *n;

		memset(&w, 0, sizeof w);
		colo_work_init(&w);
		colo_store_read_work(doc, &w);
		node_add(g, COLO_KIND_WORK, w.id);
		if (found)
			strset_add(found, w.id);
		n = node_find(g, COLO_KIND_WORK, w.id);
		if (n && !n->label) {
			colo_buf l;

			colo_buf_init(&l, 0);
			colo_buf_puts(&l, w.title ? w.title : w.id);
			if (w.year)
				colo_buf_printf(&l, " (%d)", w.year);
			n->label = colo_buf_steal(&l);
		}
		for (size_t i = 0; i < w.ncreators; i++)
			if (w.creators[i].person_id) {
				node_add(g, COLO_KIND_PERSON, w.creators[i].person_id);
				edge_add(g, w.creators[i].person_id, w.id,
				         colo_creator_role_name(w.creators[i].role));
			}
		if (w.venue_id) {
			node_add(g, COLO_KIND_VENUE, w.venue_id);
			edge_add(g, w.id, w.venue_id, "published-in");
		}
		colo_work_cleanup(&w);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read works");
		mongoc_cursor_destroy(cur);
		return false;
	}
	mongoc_cursor_destroy(cur);
	return true;
}

/* Labels for nodes that have none yet, one $in query per kind and batch. */
static bool graph_labels(colo_store *s, colo_graph *g, colo_error *err)
{
	for (int k = 0; k < 3; k++) {
		strset ids = {0};
		mongoc_collection_t *c = k == COLO_KIND_PERSON ? s->people
		                         : k == COLO_KIND_WORK ? s->works
		                                               : s->venues;

		for (size_t i = 0; i < g->nnodes; i++)
			if ((int)g->nodes[i].kind == k && !g->nodes[i].label)
				strset_add(&ids, g->nodes[i].id);
		for (size_t i = 0; i < ids.n; i += BATCH) {
			size_t n = ids.n - i < BATCH ? ids.n - i : BATCH;
			bson_t *f = in_filter("_id", ids.v + i, n);
			mongoc_cursor_t *cur = mongoc_collection_find_with_opts(c, f, NULL,
			                                                        NULL);
			const bson_t *doc;
			bson_error_t e;

			while (mongoc_cursor_next(cur, &doc)) {
				colo_graph_node *nd = node_find(g, (colo_kind)k,
				                                dstr(doc, "_id"));
				colo_buf l;

				if (!nd)
					continue;
				colo_buf_init(&l, 0);
				if (k == COLO_KIND_PERSON) {
					const char *d = dstr(doc, "display");
					colo_person p;

					memset(&p, 0, sizeof p);
					if (d) {
						colo_buf_puts(&l, d);
					} else {
						char *disp;

						colo_store_read_person(doc, &p);
						disp = colo_name_display(&p.name);
						colo_buf_puts(&l, disp ? disp : nd->id);
						free(disp);
						colo_person_cleanup(&p);
					}
				} else if (k == COLO_KIND_WORK) {
					const char *t = dstr(doc, "title");
					bson_iter_t it, sub;

					colo_buf_puts(&l, t ? t : nd->id);
					if (bson_iter_init_find(&it, doc, "issued") &&
					    BSON_ITER_HOLDS_DOCUMENT(&it) &&
					    bson_iter_recurse(&it, &sub) &&
					    bson_iter_find(&sub, "y") && BSON_ITER_HOLDS_NUMBER(&sub))
						colo_buf_printf(&l, " (%lld)",
						                (long long)bson_iter_as_int64(&sub));
				} else {
					const char *nm = dstr(doc, "name");

					colo_buf_puts(&l, nm ? nm : nd->id);
				}
				free(nd->label);
				nd->label = colo_buf_steal(&l);
			}
			bson_destroy(f);
			if (mongoc_cursor_error(cur, &e)) {
				colo_store_fail(s, err, &e, "cannot read labels");
				mongoc_cursor_destroy(cur);
				strset_free(&ids);
				return false;
			}
			mongoc_cursor_destroy(cur);
		}
		strset_free(&ids);
	}
	for (size_t i = 0; i < g->nnodes; i++)
		if (!g->nodes[i].label)
			g->nodes[i].label = colo_xstrdup(g->nodes[i].id);
	return true;
}

static int node_cmp(const void *x, const void *y)
{
	const colo_graph_node *a = x, *b = y;
	int c;

	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	c = strcmp(a->label, b->label);
	return c ? c : strcmp(a->id, b->id);
}

static int edge_cmp(const void *x, const void *y)
{
	const colo_graph_edge *a = x, *b = y;
	int c = strcmp(a->from, b->from);

	if (c)
		return c;
	c = strcmp(a->rel, b->rel);
	return c ? c : strcmp(a->to, b->to);
}

bool colo_store_graph(colo_store *s, colo_kind kind, const char *id,
                      colo_graph *g, colo_error *err)
{
	strset start = {0}, works = {0}, citing = {0};
	bson_t *f = NULL;
	bool ok = false;

	strset_add(&start, id);
	node_add(g, kind, id);
	/* the record's own links: roles, cites, mentions */
	if (!graph_links(s, g, &start, NULL, &works, err))
		goto done;
	if (kind == COLO_KIND_PERSON) {
		f = BCON_NEW("creators.person", BCON_UTF8(id));
		if (!graph_works(s, g, f, &works, err))
			goto done;
	} else if (kind == COLO_KIND_WORK) {
		f = BCON_NEW("_id", BCON_UTF8(id));
		if (!graph_works(s, g, f, NULL, err))
			goto done;
		strset_add(&works, id);
	}
	if (g->nnodes == 1 && !g->nedges) {
		/* a lone node must at least exist */
		colo_graph_cleanup(g);
		colo_graph_init(g);
		node_add(g, kind, id);
		if (!graph_labels(s, g, err))
			goto done;
		if (strcmp(g->nodes[0].label, id) == 0 && kind != COLO_KIND_VENUE) {
			colo_error_set(err, COLO_ENOTFOUND, "no record '%s'", id);
			goto done;
		}
	}
	/* one hop further: what cites those works, and their venues */
	if (!graph_links(s, g, &works, "cites", &citing, err))
		goto done;
	for (size_t i = 0; i < citing.n; i += BATCH) {
		size_t n = citing.n - i < BATCH ? citing.n - i : BATCH;
		bson_t *cf = in_filter("_id", citing.v + i, n);
		bool r = graph_works(s, g, cf, NULL, err);

		bson_destroy(cf);
		if (!r)
			goto done;
	}
	for (size_t i = 0; i < works.n; i += BATCH) {
		size_t n = works.n - i < BATCH ? works.n - i : BATCH;
		bson_t *cf = in_filter("_id", works.v + i, n);
		bool r = graph_works(s, g, cf, NULL, err);

		bson_destroy(cf);
		if (!r)
			goto done;
	}
	if (!graph_labels(s, g, err))
		goto done;
	qsort(g->nodes, g->nnodes, sizeof *g->nodes, node_cmp);
	qsort(g->edges, g->nedges, sizeof *g->edges, edge_cmp);
	ok = true;
done:
	bson_destroy(f);
	strset_free(&start);
	strset_free(&works);
	strset_free(&citing);
	return ok;
}
