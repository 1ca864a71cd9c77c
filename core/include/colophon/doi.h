/* doi.h - DOIs as people paste them, made into one form.
 *
 * A DOI is "10." + a registrant code of four or more digits (dot-separated
 * sub-codes allowed) + "/" + a suffix of printable characters.  DOIs are
 * case-insensitive; Colophon keeps them lower-case so that keys, merges
 * and lookups agree whichever case a source used. */
#ifndef COLOPHON_DOI_H
#define COLOPHON_DOI_H

#include <stdbool.h>

#include "colophon/error.h"

/* Strips a resolver prefix ("https://doi.org/", "http://dx.doi.org/",
 * "doi.org/", "doi:", "DOI "), surrounding whitespace and a trailing
 * period, decodes %XX escapes of a resolver URL, checks the 10.NNNN/
 * shape, and returns the DOI lower-cased in *out (caller frees).
 * Errors: COLO_EINPUT "not a DOI: '<as given>'"; *out is NULL then. */
bool colo_doi_normalize(const char *s, char **out, colo_error *err);

/* The DOI percent-encoded for a URL path (RFC 3986 unreserved characters
 * and "/" kept).  Caller frees. */
char *colo_doi_url_path(const char *doi);

#endif
