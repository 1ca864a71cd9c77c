/* store.h - the MongoDB store: the only module that speaks BSON.
 *
 * Talks to any MongoDB >= 5.0 or FerretDB v1.24 through a connection URI,
 * using only the subset of the server both support (docs/SCHEMA.md).
 * Every write is an idempotent upsert keyed on a record's dedup key, so
 * importing the same batch twice leaves the store as it was.
 * Errors: COLO_EDB with the server's or driver's message (the URI's password
 * is never part of a message). */
#ifndef COLOPHON_STORE_H
#define COLOPHON_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

typedef struct colo_store colo_store;

/* Connects to `uri` (the database is the URI's path, default "colophon"),
 * checks the server answers within the URI's serverSelectionTimeoutMS
 * (default 5000 ms), and runs colo_store_init when the schema document is
 * missing or older (see colo_store_init).  *out is NULL on failure. */
bool colo_store_open(const char *uri, colo_store **out, colo_error *err);
void colo_store_destroy(colo_store *s);

/* Creates collections, indexes and the schema-version document, builds
 * the lookup collections (citekeys, person_works, names) of a database an
 * older colophon wrote (schema 1 to 2), and backfills the fields that find
 * a record under the other kind of key (people `name_key`, works
 * `doi_norm` and `isbn13`; schema 2 to 3); safe to run any number of
 * times. */
bool colo_store_init(colo_store *s, colo_error *err);

/* How documents are fetched by _id: one `_id` equality per document (on,
 * the default on FerretDB, whose SQLite backend pushes down nothing
 * else), or `$in` per 256 ids (off, the default on MongoDB).  For tests
 * and benchmarks. */
void colo_store_set_point_lookups(colo_store *s, bool on);

/* Drops the store's database (tests only use this on their own names). */
bool colo_store_drop(colo_store *s, colo_error *err);

typedef struct colo_store_info {
	char *backend;        /* "FerretDB" or "MongoDB" */
	char *server_version; /* what buildInfo reports */
	char *database;
	long long people, works, venues, links, sources;
	int schema_version;
} colo_store_info;

bool colo_store_info_get(colo_store *s, colo_store_info *out, colo_error *err);
void colo_store_info_cleanup(colo_store_info *info);

typedef struct colo_save_stats {
	size_t people_new, people_merged;
	size_t works_new, works_merged;
	size_t venues_new, venues_merged;
	size_t links_new, links_merged;
	bool source_new;
	/* Structured imports: works that matched a stored one by the
	 * duplicate rule rather than by key (also counted in works_merged),
	 * and preprint/published pairs linked with "version-of". */
	size_t works_duplicates, works_versions;
} colo_save_stats;

/* Computes missing keys, matches the batch's records against the store by
 * dedup key, assigns ids and citation keys to new works, and upserts
 * everything.  On success every record in the batch has its `id`. */
bool colo_store_save_batch(colo_store *s, colo_batch *b, colo_save_stats *st,
                           colo_error *err);

/* People whose name can be meant by `query` (colo_name_matches), best
 * first.  Fills *out (caller-owned, initialised by the caller). */
bool colo_store_find_people(colo_store *s, const colo_name *query,
                            colo_person_list *out, colo_error *err);

/* Works with a creator pointing at person_id, newest first (then title).
 * Creators' names and person ids are filled. */
bool colo_store_works_by_person(colo_store *s, const char *person_id,
                                colo_work_list *out, colo_error *err);

/* Venues the person is linked to, with the relation, for profiles. */

/* colo_store_save_batch, calling progress(done, total, arg) after each
 * saved work (progress may be NULL). */
bool colo_store_save_batch_progress(colo_store *s, colo_batch *b,
                                    colo_save_stats *st,
                                    void (*progress)(size_t done, size_t total,
                                                     void *arg),
                                    void *arg, colo_error *err);

/* What saving a batch's works would do (docs/SCHEMA.md, "Duplicates"). */
typedef enum colo_match_kind {
	COLO_MATCH_NEW = 0,       /* not in the store: would be inserted */
	COLO_MATCH_SAME = 1,      /* same dedup key as a stored work: merged */
	COLO_MATCH_DUPLICATE = 2, /* the duplicate rule matched: merged */
	COLO_MATCH_VERSION = 3    /* preprint/published pair: inserted, linked */
} colo_match_kind;

typedef struct colo_work_match {
	colo_match_kind kind;
	char *id;      /* the stored work's id; NULL for COLO_MATCH_NEW */
	char *citekey; /* its citation key */
} colo_work_match;

/* Matches every work of b against the store without writing: *out gets
 * b->nworks entries (caller frees with colo_work_matches_free).  Fills the
 * batch's missing keys. */
bool colo_store_match_works(colo_store *s, colo_batch *b,
                            colo_work_match **out, colo_error *err);
void colo_work_matches_free(colo_work_match *m, size_t n);

#endif
