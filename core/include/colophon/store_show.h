/* store_show.h - one stored record with its provenance, for `colophon
 * show`: a person (by id or name) or a work (by id, citation key, dedup
 * key, DOI or title), the evidence entries that back its values, the
 * links from and to it with theirs, and the sources they point at.
 *
 * Implemented in core/store_show.c (mongoc stays inside core/store*.c).
 * The store keeps no source text for bios: a source's origin (path, URL
 * or "-") is what lets a caller find the text again.
 * Errors: COLO_EDB with the server's message; COLO_ENOTFOUND when nothing
 * matches. */
#ifndef COLOPHON_STORE_SHOW_H
#define COLOPHON_STORE_SHOW_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/store.h"

/* One evidence entry: `path` says what it supports ("name", "work",
 * "link", "degrees/PhD", "affiliations/<org>", "roles/<role>"), `source`
 * is a sources id and [start, end) a byte range of that source. */
typedef struct colo_evidence {
	char *path;
	char *source;
	size_t start, end;
} colo_evidence;

typedef struct colo_evidence_list {
	colo_evidence *items;
	size_t n, cap;
} colo_evidence_list;

/* A link from (or, with `incoming`, to) the shown record. */
typedef struct colo_shown_link {
	char *relation; /* writes-for, founded, edits, cites ... */
	char *role;     /* qualifier ("senior editor"); NULL if none */
	bool incoming;
	colo_kind other_kind;
	char *other_id;
	char *other_name; /* venue name, work title or person; NULL if gone */
	colo_evidence_list evidence;
} colo_shown_link;

typedef struct colo_shown_source {
	char *id;     /* "sha256:..." */
	char *kind;   /* importer name; NULL if not recorded */
	char *origin; /* the first origin recorded; NULL if none */
} colo_shown_source;

typedef struct colo_shown {
	colo_kind kind;     /* COLO_KIND_PERSON or COLO_KIND_WORK */
	colo_person person; /* filled when kind is PERSON (id, key set) */
	colo_work work;     /* filled when kind is WORK (id, key set) */
	colo_evidence_list evidence;
	colo_shown_link *links;
	size_t nlinks, caplinks;
	colo_shown_source *sources; /* every source the evidence names */
	size_t nsources, capsources;
} colo_shown;

typedef struct colo_shown_list {
	colo_shown *items;
	size_t n, cap;
} colo_shown_list;

void colo_shown_list_init(colo_shown_list *l);
void colo_shown_list_cleanup(colo_shown_list *l);

/* Finds the records `query` names, in this order, stopping at the first
 * step that finds any: a person or work whose _id is query; a work whose
 * citation key, dedup key or DOI is query; people whose name query can
 * mean (colo_store_find_people); works whose title is query.  Each comes
 * with its evidence, links (at most 1000 each way) and sources.  *out is
 * filled (initialised by the caller); no match is COLO_ENOTFOUND. */
bool colo_store_show(colo_store *s, const char *query, colo_shown_list *out,
                     colo_error *err);

#endif
