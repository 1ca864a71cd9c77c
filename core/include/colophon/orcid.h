/* orcid.h - ORCID iDs: parsing, the ISO 7064 MOD 11-2 check character and
 * the canonical 0000-0000-0000-000X form.
 *
 * Pure text functions: no network, no store.  The ORCID API importer is
 * importers/orcid.c. */
#ifndef COLOPHON_ORCID_H
#define COLOPHON_ORCID_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"

/* An ORCID iD in canonical form plus its NUL. */
#define COLO_ORCID_LEN 20

/* The check character ('0'..'9' or 'X') of the 15 base digits
 * digits[0..15), by ISO 7064 MOD 11-2. */
char colo_orcid_check_char(const char digits[15]);

/* Reads an ORCID iD written as a bare iD ("0000-0002-1825-0097", also
 * without hyphens or with a lower-case x), "orcid:" + iD, or an ORCID URL
 * ("https://orcid.org/...", "http://orcid.org/...", "orcid.org/...",
 * sandbox.orcid.org included), surrounding blanks ignored.  Writes the
 * canonical form to out.  Fails with COLO_EUSAGE and a message naming the
 * problem (not an ORCID iD; wrong check digit, with the expected one). */
bool colo_orcid_parse(const char *s, size_t len, char out[COLO_ORCID_LEN],
                      colo_error *err);

/* Whether s is an ORCID iD colo_orcid_parse accepts. */
bool colo_orcid_valid(const char *s);

#endif
