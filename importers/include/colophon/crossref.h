/* crossref.h - the Crossref REST API's work records as Colophon works.
 *
 * Reads the JSON of /works/{DOI} (message-type "work": one record in
 * `message`) and of /works?query... (message-type "work-list": records in
 * `message.items`).  Each record becomes a colo_work: Crossref's type
 * mapped to CSL, title and subtitle, authors, editors and translators
 * (given, family, suffix; an ORCID gives the creator a person record
 * carrying it, keyed by name until the caller maps it onto a stored
 * person, see colo_store_ids_person_key), the issued date (else published-print, else
 * published-online), container-title, publisher, publisher-location,
 * volume, issue, page, DOI (lower-cased), ISBN (as ISBN-13 when valid),
 * ISSN and URL.  Not read: references, funders, licences, abstracts. */
#ifndef COLOPHON_CROSSREF_H
#define COLOPHON_CROSSREF_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

/* Adds the response's works to out (initialised by the caller).  A record
 * without a title or a DOI is a diagnostic and skipped.  Fails with
 * COLO_EINPUT when data is not JSON (with its line and column), not a
 * Crossref response (no `message`, or a status other than "ok"), or a
 * single work that cannot be read.  An empty work-list succeeds with no
 * works. */
bool colo_crossref_parse(const char *data, size_t len, colo_batch *out,
                         colo_error *err);

/* The CSL type for a Crossref type ("journal-article" →
 * "article-journal"); "document" for types CSL has no word for. */
const char *colo_crossref_csl_type(const char *crossref_type);

#endif
