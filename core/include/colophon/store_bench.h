/* store_bench.h - bulk loads and query plans for benchmarks (issue 7).
 *
 * Inserts people, venues and works known to be new with unordered bulk
 * writes, in the document shape colo_store_save_batch gives a new record
 * with no source (docs/SCHEMA.md), search tokens included; and asks the
 * server to `explain` the queries `works`, `search` and `show` send, so a
 * benchmark can show whether an index served them.  No dedup lookup, no
 * merge: for bench/ only, never for imports.  Errors: COLO_EDB with the
 * server's message (a duplicate key or citekey fails the whole call). */
#ifndef COLOPHON_STORE_BENCH_H
#define COLOPHON_STORE_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/search.h"
#include "colophon/store.h"
#include "colophon/store_query.h"

/* Each person needs `key`; _id is `id` when set, else the key. */
bool colo_store_bench_insert_people(colo_store *s, const colo_person *p,
                                    size_t n, colo_error *err);

/* Each venue needs `key`; _id is `id` when set, else the key. */
bool colo_store_bench_insert_venues(colo_store *s, const colo_venue *v,
                                    size_t n, colo_error *err);

/* Each work needs `citekey`; _id = key (computed when w->key is NULL).
 * Writes `venue` from venue_id, creators' `person` from person_id, and
 * `tokens` from colo_search_work_tokens; and the works' `citekeys`
 * documents. */
bool colo_store_bench_insert_works(colo_store *s, const colo_work *w,
                                   size_t n, colo_error *err);

/* person_works documents {_id: person_ids[i], works: work_ids[i][0..
 * nworks[i])}, for people whose works are all known (one bulk). */
bool colo_store_bench_insert_postings(colo_store *s,
                                      const char *const *person_ids,
                                      const char *const *const *work_ids,
                                      const size_t *nworks, size_t n,
                                      colo_error *err);

/* The names documents of ALL the people p[0..n) (one per family_norm:
 * call once, with every person). */
bool colo_store_bench_insert_names(colo_store *s, const colo_person *p,
                                   size_t n, colo_error *err);

/* For tests of the lookup collections: the document of collection coll
 * with this _id as relaxed extended JSON (*json NULL when there is none;
 * caller frees), and a database made to look as schema 1 left it (the
 * lookup collections dropped, version 1), for the upgrade. */
bool colo_store_bench_get_json(colo_store *s, const char *coll, const char *id,
                               char **json, colo_error *err);
bool colo_store_bench_downgrade(colo_store *s, colo_error *err);

/* The server's plan for the query each function below mirrors, as one
 * line of relaxed extended JSON (caller frees *plan): the reply of
 * `explain` without its `command` and `serverInfo`. */
/* find {_id: id} on collection coll: what every read of `works AUTHOR`
 * (names, people, person_works, works) and `show KEY` (citekeys, works)
 * sends. */
bool colo_store_bench_explain_id(colo_store *s, const char *coll,
                                 const char *id, char **plan, colo_error *err);
/* colo_store_search's first query (title hits when q has title words). */
bool colo_store_bench_explain_search(colo_store *s, const colo_search_query *q,
                                     long limit, char **plan, colo_error *err);
#endif
