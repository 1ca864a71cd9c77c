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

#endif
