/* store_export.h - the store queries export and key maintenance need.
 *
 * Works by citation key (batched $in lookups), every work streamed through
 * a callback so memory stays flat however large the store, one work by id,
 * and citation-key regeneration.  Implemented in core/store_export.c on the
 * same handle as store.h.  Errors: COLO_EDB with the server's message. */
#ifndef COLOPHON_STORE_EXPORT_H
#define COLOPHON_STORE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/store.h"

/* Called once per work; w is borrowed for the call.  Returning false stops
 * the walk, which then fails with whatever the callback put in err. */
typedef bool (*colo_work_fn)(const colo_work *w, void *arg, colo_error *err);

/* The works whose citation key is one of keys[0..n), appended to out in
 * the order of keys (a key given twice gives the work once).  found, when
 * not NULL, has n elements and says which keys were found.  Read through
 * `citekeys` and then the works, both by `_id` (docs/SCHEMA.md). */
bool colo_store_works_by_citekeys(colo_store *s, const char *const *keys,
                                  size_t n, colo_work_list *out, bool *found,
                                  colo_error *err);

/* Every work, in citation-key order, one at a time: the cursor fetches
 * batches from the server and only one work is in memory at once. */
bool colo_store_works_each(colo_store *s, colo_work_fn fn, void *arg,
                           colo_error *err);

/* The work with _id `id`; *found false (and w untouched) when none. */
bool colo_store_work_by_id(colo_store *s, const char *id, colo_work *w,
                           bool *found, colo_error *err);

/* Sets the citation key of work `id` to `base`, or base plus the first
 * collision suffix (a, b, ... zz, aaa) no other work holds; the unique
 * index on citekey settles races.  *out_key (caller frees) is the key
 * stored.  A work whose key already is base, or base plus a suffix while
 * another work holds base, keeps it (*changed false), so running this
 * twice changes nothing.
 * Errors: COLO_ENOTFOUND when no work has that id. */
bool colo_store_citekey_assign(colo_store *s, const char *id, const char *base,
                               char **out_key, bool *changed, colo_error *err);

#endif
