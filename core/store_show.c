/* store_show.c - one stored record with its provenance (`colophon show`).
 *
 * Finds the people or works a query names, reads each whole document
 * (through the store's readers in store_priv.h), its `evidence` array,
 * the links from and to it with their evidence, the names at the links'
 * other ends and the sources all that evidence names.  Records are found
 * by `_id`, a citation key through `citekeys`, a name through `names`;
 * the records at the links' other ends and the sources are read by `_id`
 * (store_priv.h: `$in` per 256 ids, or one `_id` equality each on
 * FerretDB, which pushes nothing else down).  The links themselves are
 * read by `from` and `to` (indexed on MongoDB; bounded by MAX_LINKS).
 *
 * Not here: rendering (cli/cmd_show.c) or reading source text back (the
 * store keeps none for bios; the caller reads the origin). */
#include "colophon/store_show.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/store_links.h"
#include "store_priv.h"

#define MAX_LINKS 1000

/* ---- small readers ----------------------------------------------------- */

static char *get_str(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_UTF8(&it))
		return colo_xstrdup(bson_iter_utf8(&it, NULL));
	return NULL;
}

static size_t get_size(const bson_t *d, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, key) && BSON_ITER_HOLDS_NUMBER(&it)) {
		int64_t v = bson_iter_as_int64(&it);

		return v > 0 ? (size_t)v : 0;
	}
	return 0;
}

static void evidence_read(const bson_t *d, colo_evidence_list *out)
{
	bson_iter_t it, arr;

	if (!bson_iter_init_find(&it, d, "evidence") || !BSON_ITER_HOLDS_ARRAY(&it) ||
	    !bson_iter_recurse(&it, &arr))
		return;
	while (bson_iter_next(&arr)) {
		const uint8_t *data;
		uint32_t len;
		bson_t sub;
		colo_evidence *e;

		if (!BSON_ITER_HOLDS_DOCUMENT(&arr))
			continue;
		bson_iter_document(&arr, &len, &data);
		if (!bson_init_static(&sub, data, len))
			continue;
		colo_grow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
		e = &out->items[out->n++];
		e->path = get_str(&sub, "path");
		e->source = get_str(&sub, "source");
		e->start = get_size(&sub, "start");
		e->end = get_size(&sub, "end");
	}
}

static void evidence_free(colo_evidence_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].path);
		free(l->items[i].source);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

static bool kind_of(const char *s, colo_kind *k)
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

static mongoc_collection_t *collection_for(colo_store *s, colo_kind k)
{
	return k == COLO_KIND_PERSON ? s->people
	       : k == COLO_KIND_WORK ? s->works
	                             : s->venues;
}

/* ---- lists ------------------------------------------------------------- */

void colo_shown_list_init(colo_shown_list *l)
{
	l->items = NULL;
	l->n = l->cap = 0;
}

static void shown_cleanup(colo_shown *r)
{
	colo_person_cleanup(&r->person);
	colo_work_cleanup(&r->work);
	evidence_free(&r->evidence);
	for (size_t i = 0; i < r->nlinks; i++) {
		free(r->links[i].relation);
		free(r->links[i].role);
		free(r->links[i].other_id);
		free(r->links[i].other_name);
		evidence_free(&r->links[i].evidence);
	}
	free(r->links);
	for (size_t i = 0; i < r->nsources; i++) {
		free(r->sources[i].id);
		free(r->sources[i].kind);
		free(r->sources[i].origin);
	}
	free(r->sources);
}

void colo_shown_list_cleanup(colo_shown_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		shown_cleanup(&l->items[i]);
	free(l->items);
	colo_shown_list_init(l);
}

static colo_shown *shown_push(colo_shown_list *l, colo_kind k)
{
	colo_shown *r;

	colo_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items);
	r = &l->items[l->n++];
	memset(r, 0, sizeof *r);
	r->kind = k;
	colo_work_init(&r->work);
	return r;
}

static bool listed(const colo_shown_list *l, colo_kind k, const char *id)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *have = l->items[i].kind == COLO_KIND_PERSON
		                       ? l->items[i].person.id
		                       : l->items[i].work.id;

		if (l->items[i].kind == k && have && strcmp(have, id) == 0)
			return true;
	}
	return false;
}

typedef struct records_acc {
	colo_kind kind;
	colo_shown_list *out;
	const char *citekey; /* when set, only a work with this citation key */
} records_acc;

/* Adds one people or works document (once). */
static bool record_hit(const bson_t *doc, void *arg)
{
	records_acc *a = arg;
	char *id = get_str(doc, "_id");
	colo_shown *r;

	if (a->citekey) {
		char *ck = get_str(doc, "citekey");
		bool same = ck && strcmp(ck, a->citekey) == 0;

		free(ck);
		if (!same) {
			free(id);
			return true;
		}
	}
	if (!id || listed(a->out, a->kind, id)) {
		free(id);
		return true;
	}
	free(id);
	r = shown_push(a->out, a->kind);
	if (a->kind == COLO_KIND_PERSON)
		colo_store_read_person(doc, &r->person);
	else
		colo_store_read_work(doc, &r->work);
	evidence_read(doc, &r->evidence);
	return true;
}

/* Adds every document `filter` finds in the people or works collection. */
static bool find_records(colo_store *s, colo_kind k, const bson_t *filter,
                         colo_shown_list *out, colo_error *err)
{
	mongoc_cursor_t *cur = mongoc_collection_find_with_opts(
		collection_for(s, k), filter, NULL, NULL);
	records_acc acc = {k, out, NULL};
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	while (mongoc_cursor_next(cur, &doc))
		record_hit(doc, &acc);
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read records");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	return ok;
}

static bool find_by(colo_store *s, colo_kind k, const char *field,
                    const char *value, colo_shown_list *out, colo_error *err)
{
	bson_t *f = BCON_NEW(field, BCON_UTF8(value));
	bool ok = find_records(s, k, f, out, err);

	bson_destroy(f);
	return ok;
}

static bool find_ids(colo_store *s, colo_kind k, char **ids, size_t n,
                     colo_shown_list *out, colo_error *err)
{
	records_acc acc = {k, out, NULL};

	return colo_store_each_by_id(s, collection_for(s, k),
	                             (const char *const *)ids, n, NULL, record_hit,
	                             &acc, err);
}

/* The work whose citation key is `key`: citekeys by _id, then the work
 * by _id (checked: the lookup may be stale). */
static bool find_citekey(colo_store *s, const char *key, colo_shown_list *out,
                         colo_error *err)
{
	char *wid = NULL;
	records_acc acc = {COLO_KIND_WORK, out, key};
	bool ok;

	if (!colo_store_citekey_lookup(s, key, &wid, err))
		return false;
	ok = !wid || colo_store_each_by_id(s, s->works, (const char *const *)&wid,
	                                   1, NULL, record_hit, &acc, err);
	free(wid);
	return ok;
}

/* ---- links, names at their other ends, sources ------------------------- */

static bool read_links(colo_store *s, colo_shown *r, const char *id,
                       bool incoming, colo_error *err)
{
	bson_t *f = BCON_NEW(incoming ? "to" : "from", BCON_UTF8(id));
	bson_t *opts = BCON_NEW("limit", BCON_INT64(MAX_LINKS), "sort", "{",
	                        "_id", BCON_INT32(1), "}");
	mongoc_cursor_t *cur = mongoc_collection_find_with_opts(s->links, f, opts,
	                                                        NULL);
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	while (mongoc_cursor_next(cur, &doc)) {
		char *kind = get_str(doc, incoming ? "from_kind" : "to_kind");
		colo_shown_link *l;
		colo_kind k;

		if (!kind_of(kind, &k)) {
			free(kind);
			continue;
		}
		free(kind);
		colo_grow((void **)&r->links, &r->caplinks, r->nlinks + 1,
		          sizeof *r->links);
		l = &r->links[r->nlinks++];
		memset(l, 0, sizeof *l);
		l->relation = get_str(doc, "relation");
		l->role = get_str(doc, "role");
		l->incoming = incoming;
		l->other_kind = k;
		l->other_id = get_str(doc, incoming ? "from" : "to");
		evidence_read(doc, &l->evidence);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read links");
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(f);
	return ok;
}

/* A display name for a stored document of kind k. */
static char *doc_label(const bson_t *d, colo_kind k)
{
	if (k == COLO_KIND_WORK)
		return get_str(d, "title");
	if (k == COLO_KIND_VENUE)
		return get_str(d, "name");
	{
		char *s = get_str(d, "display");

		return s ? s : get_str(d, "literal");
	}
}

typedef struct names_acc {
	colo_shown *r;
	colo_kind kind;
} names_acc;

static bool name_hit(const bson_t *doc, void *arg)
{
	names_acc *a = arg;
	char *id = get_str(doc, "_id");

	for (size_t j = 0; id && j < a->r->nlinks; j++)
		if (a->r->links[j].other_kind == a->kind && a->r->links[j].other_id &&
		    !a->r->links[j].other_name &&
		    strcmp(a->r->links[j].other_id, id) == 0)
			a->r->links[j].other_name = doc_label(doc, a->kind);
	free(id);
	return true;
}

/* Fills other_name for every link of r: the records by _id, per kind. */
static bool name_links(colo_store *s, colo_shown *r, colo_error *err)
{
	bson_t *opts = BCON_NEW("projection", "{", "title", BCON_INT32(1), "name",
	                        BCON_INT32(1), "display", BCON_INT32(1), "literal",
	                        BCON_INT32(1), "}");
	bool ok = true;

	for (int k = COLO_KIND_PERSON; ok && k <= COLO_KIND_VENUE; k++) {
		char **ids = NULL;
		size_t n = 0, cap = 0;
		names_acc acc = {r, (colo_kind)k};

		for (size_t i = 0; i < r->nlinks; i++) {
			bool dup = false;

			if ((int)r->links[i].other_kind != k || !r->links[i].other_id)
				continue;
			for (size_t j = 0; j < n && !dup; j++)
				dup = strcmp(ids[j], r->links[i].other_id) == 0;
			if (!dup) {
				colo_grow((void **)&ids, &cap, n + 1, sizeof *ids);
				ids[n++] = r->links[i].other_id;
			}
		}
		ok = colo_store_each_by_id(s, collection_for(s, (colo_kind)k),
		                           (const char *const *)ids, n, opts, name_hit,
		                           &acc, err);
		free(ids);
	}
	bson_destroy(opts);
	return ok;
}

static void source_want(colo_shown *r, const char *id)
{
	if (!id)
		return;
	for (size_t i = 0; i < r->nsources; i++)
		if (strcmp(r->sources[i].id, id) == 0)
			return;
	colo_grow((void **)&r->sources, &r->capsources, r->nsources + 1,
	          sizeof *r->sources);
	memset(&r->sources[r->nsources], 0, sizeof r->sources[0]);
	r->sources[r->nsources++].id = colo_xstrdup(id);
}

static bool source_hit(const bson_t *doc, void *arg)
{
	colo_shown *r = arg;
	char *id = get_str(doc, "_id");
	bson_iter_t it, o;

	for (size_t j = 0; id && j < r->nsources; j++) {
		colo_shown_source *src = &r->sources[j];

		if (strcmp(src->id, id) != 0 || src->kind)
			continue;
		src->kind = get_str(doc, "kind");
		if (bson_iter_init_find(&it, doc, "origins") &&
		    BSON_ITER_HOLDS_ARRAY(&it) && bson_iter_recurse(&it, &o) &&
		    bson_iter_next(&o) && BSON_ITER_HOLDS_UTF8(&o))
			src->origin = colo_xstrdup(bson_iter_utf8(&o, NULL));
	}
	free(id);
	return true;
}

/* The sources every evidence entry of r names, with kind and origin. */
static bool read_sources(colo_store *s, colo_shown *r, colo_error *err)
{
	char **ids;
	bool ok;

	for (size_t i = 0; i < r->evidence.n; i++)
		source_want(r, r->evidence.items[i].source);
	for (size_t i = 0; i < r->nlinks; i++)
		for (size_t j = 0; j < r->links[i].evidence.n; j++)
			source_want(r, r->links[i].evidence.items[j].source);
	if (!r->nsources)
		return true;
	ids = colo_xcalloc(r->nsources, sizeof *ids);
	for (size_t i = 0; i < r->nsources; i++)
		ids[i] = r->sources[i].id;
	ok = colo_store_each_by_id(s, s->sources, (const char *const *)ids,
	                           r->nsources, NULL, source_hit, r, err);
	free(ids);
	return ok;
}

/* ---- the query --------------------------------------------------------- */

static bool find_named(colo_store *s, const char *query, colo_shown_list *out,
                       colo_error *err)
{
	colo_name q;
	colo_person_list people;
	char **ids = NULL;
	size_t nids = 0, cap = 0;
	bool ok = false;

	if (!find_by(s, COLO_KIND_PERSON, "_id", query, out, err) ||
	    !find_by(s, COLO_KIND_WORK, "_id", query, out, err))
		return false;
	if (!out->n && !find_citekey(s, query, out, err))
		return false;
	/* A dedup key ("doi:...", "t:...") or a DOI: these two are read by
	 * field (indexed on MongoDB, a scan on FerretDB), so only for a query
	 * that can be one. */
	if (!out->n && strchr(query, ':') &&
	    !find_by(s, COLO_KIND_WORK, "key", query, out, err))
		return false;
	if (!out->n && strncmp(query, "10.", 3) == 0 &&
	    !find_by(s, COLO_KIND_WORK, "doi", query, out, err))
		return false;
	if (out->n)
		return true;
	memset(&q, 0, sizeof q);
	colo_person_list_init(&people);
	{
		/* "Dr. Robert Farley" names Robert Farley */
		char *honorific = NULL;
		size_t h = colo_name_split_honorific(query, strlen(query), &honorific);

		free(honorific);
		colo_name_parse(query + h, strlen(query + h), &q);
	}
	if (!colo_store_find_people(s, &q, &people, err))
		goto done;
	for (size_t i = 0; i < people.n; i++)
		if (people.items[i].id) {
			colo_grow((void **)&ids, &cap, nids + 1, sizeof *ids);
			ids[nids++] = people.items[i].id;
		}
	if (!find_ids(s, COLO_KIND_PERSON, ids, nids, out, err))
		goto done;
	if (!out->n) {
		/* a title, last: it streams every work's title */
		colo_work_list works;

		colo_work_list_init(&works);
		nids = 0;
		if (!colo_store_find_works(s, query, &works, err)) {
			colo_work_list_cleanup(&works);
			goto done;
		}
		for (size_t i = 0; i < works.n; i++)
			if (works.items[i].id) {
				colo_grow((void **)&ids, &cap, nids + 1, sizeof *ids);
				ids[nids++] = works.items[i].id;
			}
		ok = find_ids(s, COLO_KIND_WORK, ids, nids, out, err);
		colo_work_list_cleanup(&works);
		goto done;
	}
	ok = true;
done:
	free(ids);
	colo_person_list_cleanup(&people);
	colo_name_cleanup(&q);
	return ok;
}

bool colo_store_show(colo_store *s, const char *query, colo_shown_list *out,
                     colo_error *err)
{
	if (!find_named(s, query, out, err))
		return false;
	if (!out->n) {
		colo_error_set(err, COLO_ENOTFOUND, "no person or work matches '%s'",
		               query);
		return false;
	}
	for (size_t i = 0; i < out->n; i++) {
		colo_shown *r = &out->items[i];
		const char *id = r->kind == COLO_KIND_PERSON ? r->person.id : r->work.id;

		if (!read_links(s, r, id, false, err) || !read_links(s, r, id, true, err) ||
		    !name_links(s, r, err) || !read_sources(s, r, err))
			return false;
	}
	return true;
}
