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
 * `tokens` from colo_search_work_tokens. */
bool colo_store_bench_insert_works(colo_store *s, const colo_work *w,
                                   size_t n, colo_error *err);

/* The server's plan for the query each function below mirrors, as one
 * line of relaxed extended JSON (caller frees *plan): the reply of
 * `explain` without its `command` and `serverInfo`. */
/* colo_store_find_people: people by family_norm. */
bool colo_store_bench_explain_people(colo_store *s, const char *family_norm,
                                     char **plan, colo_error *err);
/* colo_store_works_query. */
bool colo_store_bench_explain_works(colo_store *s, const colo_works_query *q,
                                    char **plan, colo_error *err);
/* colo_store_search's first query (title hits when q has title words). */
bool colo_store_bench_explain_search(colo_store *s, const colo_search_query *q,
                                     long limit, char **plan, colo_error *err);
/* colo_store_works_by_citekeys with one key. */
bool colo_store_bench_explain_citekey(colo_store *s, const char *citekey,
                                      char **plan, colo_error *err);

#endif
