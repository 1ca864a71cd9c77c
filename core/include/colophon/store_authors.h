/* store_authors.h - correcting people by hand: merging two person records
 * that are one person, and splitting works off a person record that is
 * two people (`colophon author merge|split`).
 *
 * Both keep the sources: evidence stays where it was (works keep theirs,
 * a merged person's is added to the survivor), and the result records
 * where it came from (`merged_from`, `split_from`).  Only the MongoDB
 * subset in docs/SCHEMA.md is used (find, update_one, delete_one,
 * insert_one; no transactions); writes are ordered so that an interrupted
 * merge or split can simply be run again.
 * Errors: COLO_EDB with the server's message, COLO_ENOTFOUND for a missing
 * person or work, COLO_EINPUT for a request that cannot be carried out. */
#ifndef COLOPHON_STORE_AUTHORS_H
#define COLOPHON_STORE_AUTHORS_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/name.h"
#include "colophon/store.h"

typedef struct colo_merge_stats {
	size_t works; /* works whose creators now point at the kept person */
	size_t links; /* links from or to the merged person, re-pointed */
	size_t facts; /* variants, honorifics, degrees, affiliations, roles and
	                 evidence entries offered to the kept person */
} colo_merge_stats;

/* Merges person gone_id into person keep_id: every creator pointing at
 * gone_id points at keep_id, links from or to gone_id are re-created
 * with keep_id in their `_id` (then the old ones deleted), gone_id's
 * variants, display name, honorifics, degrees, affiliations, roles and
 * evidence are added to keep_id ($addToSet), keep_id's `merged_from` gets
 * {id, key} of gone_id, and gone_id is deleted.  With dry_run nothing is
 * written and *st says what would change.  *st is always filled.
 * Errors: COLO_EINPUT when the ids are equal; COLO_ENOTFOUND when either
 * person does not exist (so a second run of the same merge fails
 * cleanly); COLO_EDB. */
bool colo_store_merge_people(colo_store *s, const char *keep_id,
                             const char *gone_id, bool dry_run,
                             colo_merge_stats *st, colo_error *err);

typedef struct colo_split_result {
	char *id;     /* the new person's _id (caller frees via cleanup) */
	char *key;    /* its key */
	char *name;   /* its display name */
	size_t works; /* works moved to it */
} colo_split_result;

void colo_split_result_cleanup(colo_split_result *r);

/* Moves the works with the given citation keys from person_id to a new
 * person: named `as` when not NULL (key from that name), else with the
 * same name and the key "<person's key>#2" (#3, ...: the first free one).
 * The new person gets the name as written on the moved works as
 * variants, and `split_from: {id, key}` of person_id; the works keep
 * their evidence.  With dry_run nothing is written.  *out is always
 * initialised (caller cleans up).
 * Errors: COLO_ENOTFOUND when the person, or a work among its works, is
 * missing; COLO_EINPUT when no citation key is given, or `as` names a
 * person who exists already (merge into that one instead); COLO_EDB. */
bool colo_store_split_person(colo_store *s, const char *person_id,
                             const char *const *citekeys, size_t ncitekeys,
                             const colo_name *as, bool dry_run,
                             colo_split_result *out, colo_error *err);

#endif
