/* store_enrich.h - the store's side of `colophon enrich`: which works lack
 * identifiers, and recording where an accepted match came from.
 *
 * The match itself is merged through the normal save (store.c); this
 * module only reads candidates and writes the `match` sub-document
 * {source, url, score, at} on a work, and its new key (docs/ONLINE.md).
 * Errors: COLO_EDB with the server's message. */
#ifndef COLOPHON_STORE_ENRICH_H
#define COLOPHON_STORE_ENRICH_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/store.h"

/* Works to enrich, ordered by citation key, appended to *out
 * (caller-owned, initialised by the caller):
 * - nkeys > 0: the works with those citation keys, whether or not they
 *   have identifiers (the caller reports keys that match nothing and
 *   works that need nothing);
 * - else person_id != NULL: that person's works with neither DOI nor ISBN;
 * - else: every work with neither DOI nor ISBN. */
bool colo_store_enrich_works(colo_store *s, const char *person_id,
                             char *const *keys, size_t nkeys,
                             colo_work_list *out, colo_error *err);

/* Sets match: {source, url, score, at: now} on the work with _id
 * work_id (replacing an earlier match), and, when new_key is not NULL,
 * its dedup key: a work that has gained a DOI or ISBN is keyed by it
 * (docs/SCHEMA.md), so later imports of that identifier find it by key.
 * The _id does not change.  COLO_ENOTFOUND when no such work exists;
 * COLO_EDB "another work already has key ..." when new_key is taken. */
bool colo_store_set_match(colo_store *s, const char *work_id,
                          const char *source, const char *url, double score,
                          const char *new_key, colo_error *err);

/* The recorded match of a work, for tests and `show`: fills *source,
 * *url (caller frees; NULL when absent) and *score; false with
 * COLO_ENOTFOUND when the work has no match. */
bool colo_store_get_match(colo_store *s, const char *work_id, char **source,
                          char **url, double *score, colo_error *err);

#endif
