/* store_authors.c - merging and splitting person records by hand (see
 * store_authors.h and docs/SCHEMA.md).
 *
 * No transactions: each step is an idempotent write, and the steps are
 * ordered so that an interruption leaves every reference valid and the
 * same command can be run again.  A merge re-points works, then links,
 * then copies the merged person's facts, and deletes it last; a split
 * inserts the new person before any work points at it.  The lookups
 * follow (docs/SCHEMA.md): works are found through `person_works` and
 * `citekeys`; a person's listing gains works before they name the person
 * and loses them after, and a merged person's listing and `names` entries
 * go last.  Documents are
 * rewritten whole ($set of `creators`) rather than with positional
 * operators, which FerretDB v1.24 does not support.
 * Not here: choosing the people from names (cli/cmd_author.c). */
#include "colophon/store_authors.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "store_priv.h"

/* Tries for a free "#n" key before giving up. */
#define MAX_SUFFIX 1000

static char *get_str(const bson_t *d, const char *k)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, d, k) && BSON_ITER_HOLDS_UTF8(&it))
		return colo_xstrdup(bson_iter_utf8(&it, NULL));
	return NULL;
}

static bool str_is(const bson_iter_t *it, const char *v)
{
	return BSON_ITER_HOLDS_UTF8(it) && strcmp(bson_iter_utf8(it, NULL), v) == 0;
}

/* The array index key for element i. */
static const char *idx(uint32_t i, char *buf, size_t len)
{
	const char *k;

	bson_uint32_to_string(i, &k, buf, len);
	return k;
}

static void put_str(bson_t *d, const char *k, const char *v)
{
	if (v && *v)
		BSON_APPEND_UTF8(d, k, v);
}

/* Replaces *out (initialised by the caller) with a copy of the document
 * whose _id is `id`; *found says whether there was one. */
static bool find_by_id(colo_store *s, mongoc_collection_t *c, const char *id,
                       bson_t *out, bool *found, colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	bson_t *opts = BCON_NEW("limit", BCON_INT64(1));
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	*found = false;
	cur = mongoc_collection_find_with_opts(c, filter, opts, NULL);
	if (mongoc_cursor_next(cur, &doc)) {
		bson_destroy(out);
		bson_copy_to(doc, out);
		*found = true;
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot look up '%s'", id);
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(opts);
	bson_destroy(filter);
	return ok;
}

static bool count_eq(colo_store *s, mongoc_collection_t *c, const char *field,
                     const char *value, int64_t *n, colo_error *err)
{
	bson_t *filter = BCON_NEW(field, BCON_UTF8(value));
	bson_error_t e;

	*n = mongoc_collection_count_documents(c, filter, NULL, NULL, NULL, &e);
	bson_destroy(filter);
	if (*n < 0) {
		colo_store_fail(s, err, &e, "cannot look up '%s'", value);
		return false;
	}
	return true;
}

static bool update_by_id(colo_store *s, mongoc_collection_t *c, const char *id,
                         const bson_t *update, const char *what,
                         colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	bson_error_t e;
	bool ok = mongoc_collection_update_one(c, filter, update, NULL, NULL, &e);

	if (!ok)
		colo_store_fail(s, err, &e, "cannot update %s '%s'", what, id);
	bson_destroy(filter);
	return ok;
}

static bool delete_by_id(colo_store *s, mongoc_collection_t *c, const char *id,
                         const char *what, colo_error *err)
{
	bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
	bson_error_t e;
	bool ok = mongoc_collection_delete_one(c, filter, NULL, NULL, &e);

	if (!ok)
		colo_store_fail(s, err, &e, "cannot delete %s '%s'", what, id);
	bson_destroy(filter);
	return ok;
}

/* ---- works ---------------------------------------------------------------- */

/* A work whose creators are to be rewritten: its _id and the new array. */
typedef struct rewrite {
	char *id;
	char *citekey;
	bson_t creators;
} rewrite;

typedef struct rewrite_list {
	rewrite *items;
	size_t n, cap;
} rewrite_list;

static void rewrites_cleanup(rewrite_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].id);
		free(l->items[i].citekey);
		bson_destroy(&l->items[i].creators);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* Copies work's `creators` into out with every `person: from` made
 * `person: to` (everything else as it was); returns how many creators
 * were re-pointed.  When names is not NULL, the display names of those
 * creators are appended to it. */
static size_t repoint_creators(const bson_t *work, const char *from,
                               const char *to, bson_t *out, colo_person *names)
{
	bson_iter_t it, sub;
	uint32_t i = 0;
	size_t hits = 0;
	char key[16];

	bson_init(out);
	if (!bson_iter_init_find(&it, work, "creators") ||
	    !BSON_ITER_HOLDS_ARRAY(&it) || !bson_iter_recurse(&it, &sub))
		return 0;
	while (bson_iter_next(&sub)) {
		const char *k = idx(i++, key, sizeof key);
		bson_iter_t f;
		bson_t child;
		bool hit = false;

		if (!BSON_ITER_HOLDS_DOCUMENT(&sub) || !bson_iter_recurse(&sub, &f)) {
			bson_append_iter(out, k, -1, &sub);
			continue;
		}
		BSON_APPEND_DOCUMENT_BEGIN(out, k, &child);
		while (bson_iter_next(&f)) {
			if (strcmp(bson_iter_key(&f), "person") == 0 && str_is(&f, from)) {
				BSON_APPEND_UTF8(&child, "person", to);
				hit = true;
			} else {
				bson_append_iter(&child, NULL, 0, &f);
			}
		}
		bson_append_document_end(out, &child);
		if (hit) {
			hits++;
			if (names) {
				const uint8_t *data;
				uint32_t len;
				bson_t c;
				colo_name n;
				char *display;

				bson_iter_document(&sub, &len, &data);
				if (!bson_init_static(&c, data, len))
					continue;
				colo_name_init(&n);
				n.given = get_str(&c, "given");
				n.family = get_str(&c, "family");
				n.particle = get_str(&c, "particle");
				n.suffix = get_str(&c, "suffix");
				n.literal = get_str(&c, "literal");
				display = colo_name_display(&n);
				if (display && *display)
					colo_person_add_variant(names, display);
				free(display);
				colo_name_cleanup(&n);
			}
		}
	}
	return hits;
}

static void rewrite_push(rewrite_list *l, const bson_t *doc, const char *from,
                         const char *to, colo_person *names)
{
	rewrite *r;

	colo_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items);
	r = &l->items[l->n++];
	r->id = get_str(doc, "_id");
	r->citekey = get_str(doc, "citekey");
	repoint_creators(doc, from, to, &r->creators, names);
}

typedef struct collect_acc {
	rewrite_list *out;
	const char *from, *to;
	colo_person *names;
	const char *const *citekeys; /* when set: only works with one of these */
	size_t ncitekeys;
} collect_acc;

/* Takes a work that names `from` among its creators (for a merge) or
 * has one of the citation keys (for a split). */
static bool collect_hit(const bson_t *doc, void *arg)
{
	collect_acc *a = arg;
	bool want = false;

	if (a->citekeys) {
		/* a split checks afterwards that each is the person's */
		char *ck = get_str(doc, "citekey");

		for (size_t i = 0; ck && i < a->ncitekeys && !want; i++)
			want = strcmp(ck, a->citekeys[i]) == 0;
		free(ck);
	} else {
		bson_t tmp;

		want = repoint_creators(doc, a->from, a->to, &tmp, NULL) > 0;
		bson_destroy(&tmp);
	}
	if (want)
		rewrite_push(a->out, doc, a->from, a->to, a->names);
	return true;
}

/* Reads the works person `from` is listed with in person_works (by _id;
 * a listed work no longer theirs is skipped) into *out, creators
 * re-pointed. */
static bool collect_works(colo_store *s, const char *from, const char *to,
                          rewrite_list *out, colo_error *err)
{
	bson_t *opts = BCON_NEW("projection", "{", "citekey", BCON_INT32(1),
	                        "creators", BCON_INT32(1), "}");
	collect_acc acc = {out, from, to, NULL, NULL, 0};
	char **ids = NULL;
	size_t n = 0;
	bool ok;

	/* Read first, write after: never update the collection a cursor is
	 * still walking. */
	ok = colo_store_postings_get(s, from, &ids, &n, err) &&
	     colo_store_each_by_id(s, s->works, (const char *const *)ids, n, opts,
	                           collect_hit, &acc, err);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	bson_destroy(opts);
	return ok;
}

/* The moved works' ids, for person_works. */
static const char **rewrite_ids(const rewrite_list *l, size_t *n)
{
	const char **ids = colo_xcalloc(l->n ? l->n : 1, sizeof *ids);

	*n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].id)
			ids[(*n)++] = l->items[i].id;
	return ids;
}

static bool write_creators(colo_store *s, const rewrite_list *l,
                           colo_error *err)
{
	for (size_t i = 0; i < l->n; i++) {
		bson_t update, set;
		bool ok;

		if (!l->items[i].id)
			continue;
		bson_init(&update);
		BSON_APPEND_DOCUMENT_BEGIN(&update, "$set", &set);
		BSON_APPEND_ARRAY(&set, "creators", &l->items[i].creators);
		bson_append_document_end(&update, &set);
		ok = update_by_id(s, s->works, l->items[i].id, &update, "work", err);
		bson_destroy(&update);
		if (!ok)
			return false;
	}
	return true;
}

/* ---- links ---------------------------------------------------------------- */

typedef struct doc_list {
	bson_t *items;
	size_t n, cap;
} doc_list;

static void docs_cleanup(doc_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		bson_destroy(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

static bool has_id(const doc_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++) {
		bson_iter_t it;

		if (bson_iter_init_find(&it, &l->items[i], "_id") && str_is(&it, id))
			return true;
	}
	return false;
}

/* Appends the links whose `field` is id (a link from and to id once). */
static bool collect_links(colo_store *s, const char *field, const char *id,
                          doc_list *out, colo_error *err)
{
	bson_t *filter = BCON_NEW(field, BCON_UTF8(id));
	mongoc_cursor_t *cur;
	const bson_t *doc;
	bson_error_t e;
	bool ok = true;

	cur = mongoc_collection_find_with_opts(s->links, filter, NULL, NULL);
	while (mongoc_cursor_next(cur, &doc)) {
		bson_iter_t it;

		if (!bson_iter_init_find(&it, doc, "_id") || !BSON_ITER_HOLDS_UTF8(&it) ||
		    has_id(out, bson_iter_utf8(&it, NULL)))
			continue;
		colo_grow((void **)&out->items, &out->cap, out->n + 1,
		          sizeof *out->items);
		bson_copy_to(doc, &out->items[out->n++]);
	}
	if (mongoc_cursor_error(cur, &e)) {
		colo_store_fail(s, err, &e, "cannot read the links of '%s'", id);
		ok = false;
	}
	mongoc_cursor_destroy(cur);
	bson_destroy(filter);
	return ok;
}

/* Re-creates one link with `gone` replaced by `keep` on either end, under
 * the _id such a link has ("<from>|<relation>|<to>[|<role>]"), the way
 * saving a batch would: $setOnInsert of its fields, $max of confidence,
 * $addToSet of evidence (so running it again changes nothing); then
 * deletes the old link. */
static bool repoint_link(colo_store *s, const bson_t *link, const char *keep,
                         const char *gone, colo_error *err)
{
	bson_t soi, update, *filter = NULL, *opts = NULL, reply;
	bson_iter_t it;
	char *old_id = get_str(link, "_id"), *from = get_str(link, "from");
	char *to = get_str(link, "to"), *relation = get_str(link, "relation");
	char *role = get_str(link, "role");
	const char *nfrom, *nto;
	bson_error_t e;
	colo_buf id;
	bool ok = false;

	colo_buf_init(&id, 0);
	bson_init(&update);
	bson_init(&soi);
	if (!old_id || !from || !to || !relation) {
		/* Not a link this store wrote: leave it, it cannot dangle
		 * worse than it does. */
		ok = true;
		goto done;
	}
	nfrom = strcmp(from, gone) == 0 ? keep : from;
	nto = strcmp(to, gone) == 0 ? keep : to;
	colo_buf_printf(&id, "%s|%s|%s", nfrom, relation, nto);
	if (role && *role)
		colo_buf_printf(&id, "|%s", role);

	bson_iter_init(&it, link);
	while (bson_iter_next(&it)) {
		const char *k = bson_iter_key(&it);

		if (strcmp(k, "_id") == 0 || strcmp(k, "confidence") == 0 ||
		    strcmp(k, "evidence") == 0)
			continue;
		if (strcmp(k, "from") == 0)
			BSON_APPEND_UTF8(&soi, "from", nfrom);
		else if (strcmp(k, "to") == 0)
			BSON_APPEND_UTF8(&soi, "to", nto);
		else
			bson_append_iter(&soi, NULL, 0, &it);
	}
	BSON_APPEND_DOCUMENT(&update, "$setOnInsert", &soi);
	if (bson_iter_init_find(&it, link, "confidence")) {
		bson_t max;

		BSON_APPEND_DOCUMENT_BEGIN(&update, "$max", &max);
		bson_append_iter(&max, NULL, 0, &it);
		bson_append_document_end(&update, &max);
	}
	if (bson_iter_init_find(&it, link, "evidence") && BSON_ITER_HOLDS_ARRAY(&it)) {
		bson_t add, each;

		BSON_APPEND_DOCUMENT_BEGIN(&update, "$addToSet", &add);
		BSON_APPEND_DOCUMENT_BEGIN(&add, "evidence", &each);
		bson_append_iter(&each, "$each", -1, &it);
		bson_append_document_end(&add, &each);
		bson_append_document_end(&update, &add);
	}
	filter = BCON_NEW("_id", BCON_UTF8(colo_buf_cstr(&id)));
	opts = BCON_NEW("upsert", BCON_BOOL(true));
	ok = mongoc_collection_update_one(s->links, filter, &update, opts, &reply,
	                                  &e);
	bson_destroy(&reply);
	if (!ok && e.code == 11000) {
		/* Inserted meanwhile: the retry merges into it. */
		ok = mongoc_collection_update_one(s->links, filter, &update, opts,
		                                  &reply, &e);
		bson_destroy(&reply);
	}
	if (!ok) {
		colo_store_fail(s, err, &e, "cannot save link '%s'",
		                colo_buf_cstr(&id));
		goto done;
	}
	if (strcmp(old_id, colo_buf_cstr(&id)) != 0)
		ok = delete_by_id(s, s->links, old_id, "link", err);
done:
	bson_destroy(opts);
	bson_destroy(filter);
	bson_destroy(&soi);
	bson_destroy(&update);
	colo_buf_cleanup(&id);
	free(role);
	free(relation);
	free(to);
	free(from);
	free(old_id);
	return ok;
}

/* ---- merge ---------------------------------------------------------------- */

/* Appends the elements of d's array `field` to `each` (numbered from
 * *n on); returns how many. */
static size_t append_array(const bson_t *d, const char *field, bson_t *each,
                           uint32_t *n)
{
	bson_iter_t it, sub;
	size_t added = 0;
	char key[16];

	if (!bson_iter_init_find(&it, d, field) || !BSON_ITER_HOLDS_ARRAY(&it) ||
	    !bson_iter_recurse(&it, &sub))
		return 0;
	while (bson_iter_next(&sub)) {
		bson_append_iter(each, idx((*n)++, key, sizeof key), -1, &sub);
		added++;
	}
	return added;
}

/* Adds `$addToSet: {field: {$each: [...]}}` content to add from gone's
 * array `field`, plus `extra` (may be NULL) first; returns the count. */
static size_t add_each(bson_t *add, const bson_t *gone, const char *field,
                       const char *extra)
{
	bson_t outer, each;
	uint32_t n = 0;
	size_t count = 0;
	char key[16];

	bson_init(&each);
	if (extra && *extra) {
		BSON_APPEND_UTF8(&each, idx(n, key, sizeof key), extra);
		n++;
		count++;
	}
	count += append_array(gone, field, &each, &n);
	if (count) {
		BSON_APPEND_DOCUMENT_BEGIN(add, field, &outer);
		BSON_APPEND_ARRAY(&outer, "$each", &each);
		bson_append_document_end(add, &outer);
	}
	bson_destroy(&each);
	return count;
}

/* The update that gives keep what gone knew; *facts counts the entries. */
static void merge_update(const bson_t *keep, const bson_t *gone,
                         const char *gone_id, bson_t *update, size_t *facts)
{
	bson_t add, set, mf, each, entry;
	colo_person p;
	char *display, *gone_key = get_str(gone, "key");
	char *honorific = get_str(gone, "honorific");
	bson_iter_t it;
	bool any_set = false;

	memset(&p, 0, sizeof p);
	colo_store_read_person(gone, &p);
	display = colo_name_display(&p.name);
	*facts = 0;
	bson_init(update);
	BSON_APPEND_DOCUMENT_BEGIN(update, "$addToSet", &add);
	*facts += add_each(&add, gone, "variants", display);
	*facts += add_each(&add, gone, "honorifics", honorific);
	*facts += add_each(&add, gone, "degrees", NULL);
	*facts += add_each(&add, gone, "affiliations", NULL);
	*facts += add_each(&add, gone, "roles", NULL);
	*facts += add_each(&add, gone, "evidence", NULL);
	/* The merge itself is recorded, once however often it is run. */
	BSON_APPEND_DOCUMENT_BEGIN(&add, "merged_from", &mf);
	bson_init(&each);
	BSON_APPEND_DOCUMENT_BEGIN(&each, "0", &entry);
	BSON_APPEND_UTF8(&entry, "id", gone_id);
	put_str(&entry, "key", gone_key);
	bson_append_document_end(&each, &entry);
	BSON_APPEND_ARRAY(&mf, "$each", &each);
	bson_destroy(&each);
	bson_append_document_end(&add, &mf);
	bson_append_document_end(update, &add);

	/* Scalars the kept person lacks are taken; its own are never
	 * overwritten. */
	bson_init(&set);
	if (honorific && !bson_iter_init_find(&it, keep, "honorific")) {
		BSON_APPEND_UTF8(&set, "honorific", honorific);
		any_set = true;
	}
	if (p.orcid && !bson_iter_init_find(&it, keep, "orcid")) {
		BSON_APPEND_UTF8(&set, "orcid", p.orcid);
		any_set = true;
	}
	if (any_set)
		BSON_APPEND_DOCUMENT(update, "$set", &set);
	bson_destroy(&set);
	free(honorific);
	free(gone_key);
	free(display);
	colo_person_cleanup(&p);
}

bool colo_store_merge_people(colo_store *s, const char *keep_id,
                             const char *gone_id, bool dry_run,
                             colo_merge_stats *st, colo_error *err)
{
	bson_t keep, gone, update;
	rewrite_list works;
	doc_list links;
	bool found_keep = false, found_gone = false, ok = false;

	memset(st, 0, sizeof *st);
	memset(&works, 0, sizeof works);
	memset(&links, 0, sizeof links);
	bson_init(&keep);
	bson_init(&gone);
	bson_init(&update);
	if (strcmp(keep_id, gone_id) == 0) {
		colo_error_set(err, COLO_EINPUT, "cannot merge '%s' into itself",
		               keep_id);
		goto done;
	}
	if (!find_by_id(s, s->people, keep_id, &keep, &found_keep, err) ||
	    !find_by_id(s, s->people, gone_id, &gone, &found_gone, err))
		goto done;
	if (!found_keep || !found_gone) {
		colo_error_set(err, COLO_ENOTFOUND, "no person with id '%s'",
		               found_keep ? gone_id : keep_id);
		goto done;
	}

	/* What changes, read before anything is written. */
	if (!collect_works(s, gone_id, keep_id, &works, err) ||
	    !collect_links(s, "from", gone_id, &links, err) ||
	    !collect_links(s, "to", gone_id, &links, err))
		goto done;
	bson_destroy(&update);
	merge_update(&keep, &gone, gone_id, &update, &st->facts);
	st->works = works.n;
	st->links = links.n;
	if (dry_run) {
		ok = true;
		goto done;
	}

	/* Works, links, facts, then the record: until the last step the
	 * merged person still exists, and running the merge again finishes
	 * it. */
	/* The kept person's listing gains the works before they name them
	 * (a listed work not yet theirs is skipped by readers). */
	{
		size_t n;
		const char **ids = rewrite_ids(&works, &n);

		ok = colo_store_postings_add(s, keep_id, ids, n, err);
		free(ids);
		ok = ok && write_creators(s, &works, err);
		if (!ok)
			goto done;
		ok = false;
	}
	for (size_t i = 0; i < links.n; i++)
		if (!repoint_link(s, &links.items[i], keep_id, gone_id, err))
			goto done;
	if (!update_by_id(s, s->people, keep_id, &update, "person", err) ||
	    !delete_by_id(s, s->people, gone_id, "person", err))
		goto done;
	/* Last, the merged person's lookups (stale until then, and skipped
	 * by readers: the person is gone). */
	{
		char *fam = get_str(&gone, "family_norm");

		ok = colo_store_postings_drop(s, gone_id, err) &&
		     colo_store_name_unindex(s, fam, gone_id, err);
		free(fam);
	}
done:
	docs_cleanup(&links);
	rewrites_cleanup(&works);
	bson_destroy(&update);
	bson_destroy(&gone);
	bson_destroy(&keep);
	return ok;
}

/* ---- split ---------------------------------------------------------------- */

void colo_split_result_cleanup(colo_split_result *r)
{
	if (!r)
		return;
	free(r->id);
	free(r->key);
	free(r->name);
	memset(r, 0, sizeof *r);
}

/* Whether no person has `v` as key or as _id. */
static bool person_free(colo_store *s, const char *v, bool *free_,
                        colo_error *err)
{
	int64_t by_key, by_id;

	if (!count_eq(s, s->people, "key", v, &by_key, err) ||
	    !count_eq(s, s->people, "_id", v, &by_id, err))
		return false;
	*free_ = by_key == 0 && by_id == 0;
	return true;
}

/* The first of base#2, base#3, ... that no person holds. */
static bool free_suffix(colo_store *s, const char *base, char **out,
                        colo_error *err)
{
	*out = NULL;
	for (int n = 2; n < MAX_SUFFIX; n++) {
		colo_buf c;
		bool free_ = false;

		colo_buf_init(&c, 0);
		colo_buf_printf(&c, "%s#%d", base, n);
		if (!person_free(s, colo_buf_cstr(&c), &free_, err)) {
			colo_buf_cleanup(&c);
			return false;
		}
		if (free_) {
			*out = colo_buf_steal(&c);
			return true;
		}
		colo_buf_cleanup(&c);
	}
	colo_error_set(err, COLO_EFAIL, "no free key for '%s'", base);
	return false;
}

/* Chooses the new person's name, key and _id. */
static bool split_identity(colo_store *s, const colo_person *orig,
                           const colo_name *as, colo_person *np,
                           colo_error *err)
{
	if (as) {
		int64_t n;
		bool free_ = false;

		colo_name_copy(&np->name, as);
		np->key = colo_person_key(np);
		if (!np->key || !*np->key) {
			colo_error_set(err, COLO_EINPUT, "cannot make a key from that name");
			return false;
		}
		if (!count_eq(s, s->people, "key", np->key, &n, err))
			return false;
		if (n > 0) {
			colo_error_set(err, COLO_EINPUT,
			               "a person with key '%s' exists already; move the "
			               "works to them with 'author merge' instead",
			               np->key);
			return false;
		}
		if (!person_free(s, np->key, &free_, err))
			return false;
		/* An _id held by a record whose key changed: "#n", as on import. */
		if (free_)
			np->id = colo_xstrdup(np->key);
		else if (!free_suffix(s, np->key, &np->id, err))
			return false;
		return true;
	} else {
		char *base = colo_xstrdup(orig->key ? orig->key : orig->id);
		char *hash = strrchr(base, '#');

		/* "name:farley|robert#2" splits into #3, not "#2#2". */
		if (hash)
			*hash = '\0';
		colo_name_copy(&np->name, &orig->name);
		if (!free_suffix(s, base, &np->key, err)) {
			free(base);
			return false;
		}
		free(base);
		np->id = colo_xstrdup(np->key);
		return true;
	}
}

static bool insert_person(colo_store *s, const colo_person *np,
                          const colo_person *orig, colo_error *err)
{
	bson_t doc, variants, from;
	char *fam = colo_name_family_norm(&np->name);
	char *display = colo_name_display(&np->name);
	bson_error_t e;
	char key[16];
	bool ok;

	bson_init(&doc);
	BSON_APPEND_UTF8(&doc, "_id", np->id);
	BSON_APPEND_UTF8(&doc, "key", np->key);
	put_str(&doc, "given", np->name.given);
	put_str(&doc, "family", np->name.family);
	put_str(&doc, "particle", np->name.particle);
	put_str(&doc, "suffix", np->name.suffix);
	put_str(&doc, "literal", np->name.literal);
	BSON_APPEND_UTF8(&doc, "family_norm", fam ? fam : "");
	put_str(&doc, "display", display);
	BSON_APPEND_ARRAY_BEGIN(&doc, "variants", &variants);
	for (size_t i = 0; i < np->nvariants; i++)
		BSON_APPEND_UTF8(&variants, idx((uint32_t)i, key, sizeof key),
		                 np->variants[i]);
	bson_append_array_end(&doc, &variants);
	BSON_APPEND_DOCUMENT_BEGIN(&doc, "split_from", &from);
	BSON_APPEND_UTF8(&from, "id", orig->id);
	put_str(&from, "key", orig->key);
	bson_append_document_end(&doc, &from);
	BSON_APPEND_DATE_TIME(&doc, "created", (int64_t)time(NULL) * 1000);
	ok = mongoc_collection_insert_one(s->people, &doc, NULL, NULL, &e);
	if (!ok)
		colo_store_fail(s, err, &e, "cannot save person '%s'", np->id);
	bson_destroy(&doc);
	free(display);
	free(fam);
	return ok;
}

static bool has_variant(const colo_person *p, const char *v)
{
	for (size_t i = 0; i < p->nvariants; i++)
		if (strcmp(p->variants[i], v) == 0)
			return true;
	return false;
}

bool colo_store_split_person(colo_store *s, const char *person_id,
                             const char *const *citekeys, size_t ncitekeys,
                             const colo_name *as, bool dry_run,
                             colo_split_result *out, colo_error *err)
{
	bson_t orig_doc, filter;
	colo_person orig, np, names;
	rewrite_list works;
	bool found = false, ok = false;

	memset(out, 0, sizeof *out);
	memset(&orig, 0, sizeof orig);
	memset(&np, 0, sizeof np);
	memset(&names, 0, sizeof names);
	memset(&works, 0, sizeof works);
	bson_init(&filter);
	bson_init(&orig_doc);
	if (ncitekeys == 0) {
		colo_error_set(err, COLO_EINPUT, "no works to split off");
		goto done;
	}
	if (!find_by_id(s, s->people, person_id, &orig_doc, &found, err))
		goto done;
	if (!found) {
		colo_error_set(err, COLO_ENOTFOUND, "no person with id '%s'",
		               person_id);
		goto done;
	}
	colo_store_read_person(&orig_doc, &orig);

	if (!split_identity(s, &orig, as, &np, err))
		goto done;

	/* The works by citation key: citekeys, then the works, by _id. */
	{
		collect_acc acc = {&works, person_id, np.id, &names, citekeys,
		                   ncitekeys};
		char **ids = colo_xcalloc(ncitekeys, sizeof *ids);
		bool read = true;

		for (size_t i = 0; read && i < ncitekeys; i++)
			read = colo_store_citekey_lookup(s, citekeys[i], &ids[i], err);
		for (size_t i = 0; read && i < ncitekeys; i++)
			if (ids[i] && !colo_store_each_by_id(s, s->works,
			                                     (const char *const *)&ids[i],
			                                     1, NULL, collect_hit, &acc,
			                                     err))
				read = false;
		for (size_t i = 0; i < ncitekeys; i++)
			free(ids[i]);
		free(ids);
		if (!read)
			goto done;
	}
	/* Every listed work must be there and be this person's: nothing is
	 * written otherwise. */
	for (size_t i = 0; i < ncitekeys; i++) {
		const rewrite *r = NULL;
		bson_iter_t it, sub;
		bool mine = false;

		for (size_t k = 0; k < works.n && !r; k++)
			if (works.items[k].citekey &&
			    strcmp(works.items[k].citekey, citekeys[i]) == 0)
				r = &works.items[k];
		if (!r) {
			colo_error_set(err, COLO_ENOTFOUND,
			               "no work with citation key '%s'", citekeys[i]);
			goto done;
		}
		if (bson_iter_init(&it, &r->creators))
			while (bson_iter_next(&it) && !mine)
				if (BSON_ITER_HOLDS_DOCUMENT(&it) &&
				    bson_iter_recurse(&it, &sub) &&
				    bson_iter_find(&sub, "person") && str_is(&sub, np.id))
					mine = true;
		if (!mine) {
			colo_error_set(err, COLO_ENOTFOUND,
			               "work '%s' is not among the works of '%s'",
			               citekeys[i], person_id);
			goto done;
		}
	}

	/* The name as the moved works write it, then the new name. */
	for (size_t i = 0; i < names.nvariants; i++)
		if (!has_variant(&np, names.variants[i]))
			colo_person_add_variant(&np, names.variants[i]);
	{
		char *display = colo_name_display(&np.name);

		if (display && *display && !has_variant(&np, display))
			colo_person_add_variant(&np, display);
		out->name = display;
	}
	out->id = colo_xstrdup(np.id);
	out->key = colo_xstrdup(np.key);
	out->works = works.n;
	if (dry_run) {
		ok = true;
		goto done;
	}
	/* The person first, so no work ever points at a missing one; its
	 * name and listing before the works name it, the old listing's
	 * entries removed after. */
	{
		size_t n;
		const char **ids = rewrite_ids(&works, &n);

		ok = insert_person(s, &np, &orig, err) &&
		     colo_store_name_index(s, np.id, &np.name, err) &&
		     colo_store_postings_add(s, np.id, ids, n, err) &&
		     write_creators(s, &works, err) &&
		     colo_store_postings_remove(s, person_id, ids, n, err);
		free(ids);
	}
done:
	rewrites_cleanup(&works);
	colo_person_cleanup(&names);
	colo_person_cleanup(&np);
	colo_person_cleanup(&orig);
	bson_destroy(&filter);
	bson_destroy(&orig_doc);
	if (!ok)
		colo_split_result_cleanup(out);
	return ok;
}
