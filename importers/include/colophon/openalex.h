/* openalex.h - readers for OpenAlex's API (api.openalex.org) answers:
 * an author (/authors/{id} or /authors/orcid:{orcid}) and pages of works
 * (/works?filter=author.id:{id}&per-page=200&cursor=...).
 *
 * The importer never fetches (cli/cmd_import_orcid.c does) and never
 * touches the store.  Besides the batch it returns what the store keeps
 * apart: each work's OpenAlex id and the OpenAlex ids it references, so
 * `cites` links can be made when both ends are stored (core/store_ids.h).
 * Errors: COLO_EINPUT with the line and column of malformed JSON, or a
 * message saying which member is missing. */
#ifndef COLOPHON_OPENALEX_H
#define COLOPHON_OPENALEX_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

/* An OpenAlex author, as /authors/{id} answers. */
typedef struct colo_openalex_author {
	char *id;    /* short form: "A5023888391" */
	char *orcid; /* canonical 0000-0000-0000-0000, or NULL */
	long person; /* index into the batch */
} colo_openalex_author;

void colo_openalex_author_cleanup(colo_openalex_author *a);

/* Adds the author to b as a person (display_name parsed, the ORCID when
 * OpenAlex has one, the last known institutions as current
 * affiliations) and fills a.  Fails when the answer is not JSON or lacks
 * an id or a name. */
bool colo_openalex_parse_author(const char *data, size_t len, colo_batch *b,
                                colo_openalex_author *a, colo_error *err);

/* OpenAlex ids of the works a page added, and their references. */
typedef struct colo_openalex_ref {
	long work;      /* index into the batch of the citing work */
	char *cited;    /* short OpenAlex id of the referenced work: "W2741809807" */
	size_t start, end; /* where the reference is written in the page
	                      (0, 0 when not found); offsets of `data` */
} colo_openalex_ref;

typedef struct colo_openalex_ids {
	char **work_ids; /* per batch work index: short id ("W...") or NULL */
	size_t nwork_ids;
	colo_openalex_ref *refs;
	size_t nrefs, caprefs;
	char *next_cursor; /* meta.next_cursor of the last page; NULL at the end */
	size_t page_results; /* results on the last page parsed (0: the end) */
	long long count;   /* meta.count: works OpenAlex has for the query */
} colo_openalex_ids;

void colo_openalex_ids_init(colo_openalex_ids *ids);
void colo_openalex_ids_cleanup(colo_openalex_ids *ids);

/* Adds the works of one /works page to b: title, publication date (or
 * year), type (colo_openalex_csl_type), DOI, the primary location's source
 * (name, ISSN-L, kind), biblio volume/issue/pages, authorships as
 * creators (the author `a` — may be NULL — points at its person), and
 * records each work's id and referenced works in ids.  Replaces
 * ids->next_cursor with the page's.  A result without an id or title is a
 * diagnostic (skipped). */
bool colo_openalex_parse_works(const char *data, size_t len,
                               const colo_openalex_author *a, colo_batch *b,
                               colo_openalex_ids *ids, colo_error *err);

/* The CSL type for an OpenAlex work: its Crossref type when given
 * ("journal-article", "proceedings-article"...), else its OpenAlex type
 * ("article" is article-journal in a journal, paper-conference in
 * conference proceedings, else "article"). */
const char *colo_openalex_csl_type(const char *type, const char *crossref_type,
                                   const char *source_type);

/* The short form of an OpenAlex id or URL ("https://openalex.org/W12" →
 * "W12"); NULL unless it is a letter (W, A, S, I...) and digits.  Caller
 * frees. */
char *colo_openalex_short_id(const char *s);

#endif
