/* store_links.h - the store's side of cross-linking: article texts kept
 * for rescans, the link patterns (titles, short titles, venue names and
 * aliases, ISBNs, DOIs) streamed out of the store into a colo_linker,
 * links found in texts saved idempotently with their evidence spans,
 * cites / cited-by queries, and the graph around a person or a work.
 *
 * Implemented in core/store_links.c (mongoc stays inside core/store*.c).
 * Collections used besides those of store.h: `texts` (docs/SCHEMA.md).
 * Errors: COLO_EDB with the server's message; COLO_ENOTFOUND where said. */
#ifndef COLOPHON_STORE_LINKS_H
#define COLOPHON_STORE_LINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/linker.h"
#include "colophon/model.h"
#include "colophon/store.h"

/* Keeps text[0..len) as the text of work_id that came from source_id
 * (texts/{_id: source_id}).  Saving the same text again changes nothing. */
bool colo_store_save_text(colo_store *s, const char *source_id,
                          const char *work_id, const char *text, size_t len,
                          colo_error *err);

/* The store's records as linker patterns: target i of a match is ids[i]
 * (kinds[i] is COLO_KIND_WORK or COLO_KIND_VENUE). */
typedef struct colo_link_index {
	colo_linker *linker;
	char **ids;
	colo_kind *kinds;
	size_t n, cap;
} colo_link_index;

void colo_link_index_init(colo_link_index *ix);
void colo_link_index_cleanup(colo_link_index *ix);

/* Streams every work (full title, short title when it has two words or
 * more, ISBN-13 and ISBN-10, DOI) and venue (name and aliases, without a
 * leading "The") into ix. */
bool colo_store_load_patterns(colo_store *s, colo_link_index *ix,
                              colo_error *err);

/* One link a scan found: from the text's work to a work (cites) or venue
 * (mentions), with the first matching span of the text. */
typedef struct colo_found_link {
	const char *to; /* borrowed from the index */
	colo_kind to_kind;
	const char *relation; /* "cites" or "mentions" (static) */
	double confidence;
	size_t start, end;
} colo_found_link;

typedef struct colo_found_list {
	colo_found_link *items;
	size_t n, cap;
} colo_found_list;

/* Scans text against ix: one link per target (its best, then first,
 * match), skipping `self` (the text's own work).  Full titles, ISBNs and
 * DOIs give `cites` (0.9), short titles `cites` (0.6), venues `mentions`
 * (0.7).  Appends to out (zero it first; free items with free()). */
void colo_link_scan(colo_link_index *ix, const char *self, const char *text,
                    size_t len, colo_found_list *out);

typedef struct colo_link_stats {
	size_t texts, bytes, matches;
	size_t links_new, links_merged;
} colo_link_stats;

/* Rescans the stored texts of work_id (all texts when NULL) and saves the
 * links found: _id "<from>|<relation>|<to>", evidence {path: "text",
 * source, start, end} indexing the texts document's `text`.  Running it
 * again adds nothing; after new works are imported it finds their
 * mentions.  COLO_ENOTFOUND when work_id has no stored text. */
bool colo_store_link(colo_store *s, const char *work_id, colo_link_stats *st,
                     colo_error *err);

/* Works a query names: a citation key, a store _id or key, a DOI, or a
 * title (normalised; with or without its subtitle, or the part before a
 * colon).  Appends to out. */
bool colo_store_find_works(colo_store *s, const char *query,
                           colo_work_list *out, colo_error *err);

/* A work related to another by a link. */
typedef struct colo_cite {
	colo_work work; /* for a venue only id (in work.id) and title (name) */
	colo_kind kind;
	char *relation;
	double confidence;
} colo_cite;

typedef struct colo_cite_list {
	colo_cite *items;
	size_t n, cap;
} colo_cite_list;

void colo_cite_list_init(colo_cite_list *l);
void colo_cite_list_cleanup(colo_cite_list *l);

/* What work_id cites or mentions (cited_by false), or the works that cite
 * it (cited_by true); newest first, then title. */
bool colo_store_cites(colo_store *s, const char *work_id, bool cited_by,
                      colo_cite_list *out, colo_error *err);

/* The neighbourhood of a person or work: the record, its people, works
 * and venues one link away, and the works citing those works. */
typedef struct colo_graph_node {
	char *id;
	colo_kind kind;
	char *label;
} colo_graph_node;

typedef struct colo_graph_edge {
	char *from, *to, *rel;
} colo_graph_edge;

typedef struct colo_graph {
	colo_graph_node *nodes;
	size_t nnodes, capnodes;
	colo_graph_edge *edges;
	size_t nedges, capedges;
} colo_graph;

void colo_graph_init(colo_graph *g);
void colo_graph_cleanup(colo_graph *g);

/* Fills g (nodes sorted person, work, venue then by label; edges sorted);
 * COLO_ENOTFOUND when id is not in the store. */
bool colo_store_graph(colo_store *s, colo_kind kind, const char *id,
                      colo_graph *g, colo_error *err);

const char *colo_kind_name(colo_kind k); /* "person", "work", "venue" */

#endif
