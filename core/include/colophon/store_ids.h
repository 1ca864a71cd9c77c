/* store_ids.h - identifiers of other services kept beside the records,
 * and the links they make.
 *
 * Collection `ids` (docs/SCHEMA.md): one document per external id,
 * `_id` = "<service>:<id>" ("openalex:W2741809807"), `work` = the works
 * _id it names (absent while the work is not stored), `cited_by` = the
 * stored works whose source said they reference it ({work, source, start,
 * end}).  A reference is therefore remembered whichever end is imported
 * first: colo_store_ids_cite links to a work already mapped and keeps the
 * reference; colo_store_ids_put maps a work and links every reference
 * kept for it.  Every write is an upsert with $set / $addToSet / $max, so
 * running either again changes nothing.
 *
 * Also here (mongoc stays inside core/store*.c): finding the stored
 * person an ORCID import should merge into.
 * Errors: COLO_EDB with the server's message. */
#ifndef COLOPHON_STORE_IDS_H
#define COLOPHON_STORE_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/store.h"

typedef struct colo_ext_id {
	const char *ext;  /* "openalex:W2741809807" */
	const char *work; /* works _id */
} colo_ext_id;

/* A reference from a stored work to a work named by its external id. */
typedef struct colo_ext_cite {
	const char *from; /* citing works _id */
	const char *to;   /* "openalex:W..." */
	size_t start, end; /* where the source says so (end 0: unknown) */
} colo_ext_cite;

typedef struct colo_ids_stats {
	size_t ids_new, ids_merged;     /* id documents written */
	size_t links_new, links_merged; /* `cites` links written */
	size_t pending;                 /* references whose target is not stored */
} colo_ids_stats;

/* Maps each ext id to its work (a later mapping replaces an earlier one),
 * then writes a `cites` link (confidence 1) from every work kept in the
 * mapped ids' cited_by to the mapped work, with evidence {path: "link",
 * source, start, end} of the source that gave the reference.  Adds to st
 * (not zeroed). */
bool colo_store_ids_put(colo_store *s, const colo_ext_id *ids, size_t n,
                        colo_ids_stats *st, colo_error *err);

/* Keeps each reference in its target's cited_by (with `source`, the
 * sources _id of the import that gave it) and, when the target is mapped
 * to a stored work, writes the `cites` link.  References of a work to
 * itself are ignored.  Adds to st. */
bool colo_store_ids_cite(colo_store *s, const colo_ext_cite *refs, size_t n,
                         const char *source, colo_ids_stats *st,
                         colo_error *err);

/* The works _id each ext id maps to (works[i] NULL when unmapped; caller
 * frees each). One find with $in per 256 ids. */
bool colo_store_ids_lookup(colo_store *s, const char *const *ext, size_t n,
                           char **works, colo_error *err);

/* The key of the stored person p (which has an ORCID) is: the person
 * whose `orcid` is p's, else the one person whose key is p's name key
 * (colo_name_key) and who has no ORCID or the same.  *key is NULL when
 * there is none (p is new) and otherwise the caller frees it.  Setting
 * p->key to it before saving merges p into that person instead of adding
 * a second record for the same researcher. */
bool colo_store_ids_person_key(colo_store *s, const colo_person *p,
                               char **key, colo_error *err);

#endif
