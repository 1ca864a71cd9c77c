/* store_priv.h - what the store's files share: the handle's insides, the
 * BSON-to-model readers, and the lookups and postings that let the hot
 * queries reach documents by `_id` (docs/SCHEMA.md, "Lookup collections").
 * Only core/store*.c include this (they are the only files that may
 * include mongoc and bson). */
#ifndef COLOPHON_STORE_PRIV_H
#define COLOPHON_STORE_PRIV_H

#include <mongoc/mongoc.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/store.h"

struct colo_store {
	mongoc_client_t *client;
	mongoc_database_t *db;
	mongoc_collection_t *people, *works, *venues, *links, *sources, *meta;
	/* Lookup collections, schema version 2: each read by `_id` only. */
	mongoc_collection_t *citekeys, *person_works, *names;
	char *dbname;
	char *masked_uri; /* for messages */
	char *password;   /* scrubbed from driver messages; NULL if none */
	/* FerretDB: few documents are fetched one `_id` equality each (a
	 * scan inside SQLite), more with one `$in` (a scan in FerretDB);
	 * see colo_store_each_by_id and docs/SCALING.md. */
	bool point_lookups;
};

/* COLO_EDB: "<what>: <driver or server message>", the URI's password
 * scrubbed from the message. */
void colo_store_fail(const colo_store *s, colo_error *err,
                     const bson_error_t *e, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* Fill a model record from a stored document (p and w zeroed by the
 * caller; everything copied, caller cleans up). */
void colo_store_read_person(const bson_t *d, colo_person *p);
void colo_store_read_work(const bson_t *d, colo_work *w);

/* Calls fn(doc, arg) for each document of c whose _id is one of ids[0..n)
 * (missing ids are skipped; order unspecified; opts such as a projection
 * may be NULL).  One `$in` query per 256 ids; when s->point_lookups
 * (FerretDB), one `_id` equality per id for up to 16 ids, else one `$in`
 * query for all (each query there reads the whole collection).  fn
 * returning false stops early (not an error).  COLO_EDB on a server
 * error. */
typedef bool (*colo_store_doc_fn)(const bson_t *doc, void *arg);
bool colo_store_each_by_id(colo_store *s, mongoc_collection_t *c,
                           const char *const *ids, size_t n,
                           const bson_t *opts, colo_store_doc_fn fn,
                           void *arg, colo_error *err);

/* ---- lookup collections (schema version 2) ----------------------------
 * Every writer that creates a person, gives a work a citation key or
 * points a work's creator at a person keeps these right with the calls
 * below; each is an idempotent update of one document by `_id`. */

/* citekeys {_id: citekey, work: work_id}: $set (the unique index on
 * works.citekey makes the work the key's only holder). */
bool colo_store_citekey_index(colo_store *s, const char *citekey,
                              const char *work_id, colo_error *err);
/* Deletes citekeys[citekey] when it points at work_id. */
bool colo_store_citekey_unindex(colo_store *s, const char *citekey,
                                const char *work_id, colo_error *err);
/* The work id citekeys holds for citekey (*work_id NULL when none;
 * caller frees). */
bool colo_store_citekey_lookup(colo_store *s, const char *citekey,
                               char **work_id, colo_error *err);

/* person_works {_id: person_id, works: [work_id...]}: $addToSet / $pullAll
 * of the ids (upsert when adding; n may be 0 to create an empty list). */
bool colo_store_postings_add(colo_store *s, const char *person_id,
                             const char *const *work_ids, size_t n,
                             colo_error *err);
bool colo_store_postings_remove(colo_store *s, const char *person_id,
                                const char *const *work_ids, size_t n,
                                colo_error *err);
/* The work ids listed for person_id (possibly stale: readers check the
 * work's creators); *n 0 when none.  Caller frees each and the array. */
bool colo_store_postings_get(colo_store *s, const char *person_id,
                             char ***work_ids, size_t *n, colo_error *err);
/* Deletes the person's postings document. */
bool colo_store_postings_drop(colo_store *s, const char *person_id,
                              colo_error *err);

/* names {_id: family_norm, people: [{id, given, family, particle, suffix,
 * literal}]}: adds the person's entry (name parts as stored), or removes
 * every entry of person_id under family_norm. */
/* Appends a names entry's fields to d, in the fixed order that makes the
 * same person the same array element. */
void colo_store_name_entry(bson_t *d, const char *id, const colo_name *n);
bool colo_store_name_index(colo_store *s, const char *person_id,
                           const colo_name *name, colo_error *err);
bool colo_store_name_unindex(colo_store *s, const char *family_norm,
                             const char *person_id, colo_error *err);

/* ---- writing (store_write.c) -------------------------------------------- */

/* Statements per bulk write command.  FerretDB v1.24 (SQLite) holds one
 * of its 100 pooled SQLite connections for every statement of an update
 * command that modifies a stored document, until the command ends: a
 * command of 100 such statements waits forever for a 101st connection
 * (and the server is stuck for every later write).  50 leaves headroom;
 * tests/cli/reimport_large.t re-imports past that size. */
#define COLO_BULK_CHUNK 50

/* The server's duplicate-key error codes. */
#define COLO_DUPLICATE_KEY(code) ((code) == 11000 || (code) == 11001)

/* Whether update ({$setOnInsert, $set, $addToSet} of top-level fields)
 * would leave the stored document as it is: every $set value already
 * there, every $addToSet value already in its array.  False for anything
 * else (other operators, paths) and for a NULL stored. */
bool colo_update_is_noop(const bson_t *stored, const bson_t *update);

/* The document the upsert of update would create under _id id: the
 * $setOnInsert and $set fields, and each $addToSet field as an array of
 * its values without repeats.  False (doc left empty, still to be
 * destroyed) for an update it cannot express so (other operators, paths,
 * a field set twice). */
bool colo_update_as_doc(const char *id, const bson_t *update, bson_t *doc);

/* The document update makes of stored (a copy in out): $set fields
 * replaced or added, $addToSet values appended when missing,
 * $setOnInsert ignored.  False (out left empty, still to be destroyed)
 * when update has anything else (colo_update_as_doc's limits). */
bool colo_update_apply(const bson_t *stored, const bson_t *update, bson_t *out);

/* One batch's writes to one collection by `_id` (see store_write.c): a
 * document not stored is inserted whole, a stored one the update would
 * not change is skipped, the rest are upserts; unordered bulks of
 * COLO_BULK_CHUNK statements each. */
typedef enum colo_put { COLO_PUT_SKIP, COLO_PUT_INSERT, COLO_PUT_UPDATE } colo_put;

typedef struct colo_writer {
	colo_store *s;
	mongoc_collection_t *c;
	bool retry; /* an insert refused for a duplicate key becomes the upsert */
	mongoc_bulk_operation_t *ins, *upd;
	struct {
		char *id;
		bson_t *update; /* for the retry */
		size_t tag;
	} pending[COLO_BULK_CHUNK];
	size_t nins, nupd;
	size_t inserted; /* inserts the server took */
	size_t *dups;    /* without retry: tags of inserts refused as duplicates */
	size_t ndups, dups_cap;
} colo_writer;

void colo_writer_init(colo_writer *w, colo_store *s, mongoc_collection_t *c,
                      bool retry_duplicates);
/* Queues the write of document id: skipped when exists and stored (the
 * stored document, or NULL when not read) shows the update changes
 * nothing; inserted when !exists; else an upsert.  *did (may be NULL) says
 * which.  tag names the write in w->dups.  Sends a bulk when one is full;
 * COLO_EDB on a server error other than a duplicate key. */
bool colo_writer_put(colo_writer *w, const char *id, const bson_t *update,
                     bool exists, const bson_t *stored, size_t tag,
                     colo_put *did, colo_error *err);
/* Queues the insert of doc as it is (its _id is id); refused as a
 * duplicate, its tag goes to w->dups whatever w->retry says. */
bool colo_writer_insert(colo_writer *w, const char *id, const bson_t *doc,
                        size_t tag, colo_error *err);
/* Sends what is queued (inserts, then upserts). */
bool colo_writer_flush(colo_writer *w, colo_error *err);
void colo_writer_cleanup(colo_writer *w);

#endif
