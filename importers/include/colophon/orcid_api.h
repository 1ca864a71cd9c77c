/* orcid_api.h - readers for ORCID's public API v3.0 (JSON answers of
 * pub.orcid.org, requested with Accept: application/json).
 *
 * A person's works arrive in three answers, each parsed by one function:
 *   /v3.0/{id}/person           the name          colo_orcid_api_parse_person
 *   /v3.0/{id}/works            work summaries    colo_orcid_api_parse_summaries
 *   /v3.0/{id}/works/{codes}    full works (bulk, at most
 *                               COLO_ORCID_BULK put-codes)  colo_orcid_api_parse_works
 * The importer never fetches (cli/cmd_import_orcid.c does) and never
 * touches the store.  (The header is not "orcid.h": core's iD functions
 * have that name.)  Errors: COLO_EINPUT with the line and column of
 * malformed JSON, or a message saying which member is missing. */
#ifndef COLOPHON_ORCID_API_H
#define COLOPHON_ORCID_API_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

/* The most put-codes ORCID answers in one bulk works request. */
#define COLO_ORCID_BULK 100

/* Adds the person the /person answer names to b, with `orcid` (canonical
 * form) as its ORCID, the credit name as a variant; *person is its index.
 * Fails when the answer is not JSON or shows no name. */
bool colo_orcid_api_parse_person(const char *data, size_t len,
                                 const char *orcid, colo_batch *b,
                                 long *person, colo_error *err);

/* The put-codes of a /works answer: one per group (the version the
 * researcher prefers: the highest display-index, else the first), in the
 * answer's order. */
typedef struct colo_orcid_codes {
	long long *codes;
	size_t n, cap;
} colo_orcid_codes;

void colo_orcid_codes_cleanup(colo_orcid_codes *c);

bool colo_orcid_api_parse_summaries(const char *data, size_t len,
                                    colo_orcid_codes *out, colo_error *err);

/* Adds the works of a bulk /works/{codes} answer (or of a single /work
 * answer) to b.  The person at index `person` (-1: none) is the author:
 * the contributor with the same ORCID or a matching name points at it,
 * and a work whose contributors do not name the person gets it as an
 * author.  An item ORCID answers with an error, or one without a title, is
 * a diagnostic (skipped).  ORCID work types become CSL types
 * (colo_orcid_api_csl_type); volume, issue, pages and publisher come from
 * the BibTeX citation when the work has one. */
bool colo_orcid_api_parse_works(const char *data, size_t len, long person,
                                colo_batch *b, colo_error *err);

/* The CSL type for an ORCID work type ("journal-article" →
 * "article-journal"); "document" for types with no CSL counterpart. */
const char *colo_orcid_api_csl_type(const char *orcid_type);

#endif
