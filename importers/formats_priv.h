/* formats_priv.h - entry points of the structured readers (BibTeX/BibLaTeX,
 * RIS, CSL-JSON) for the registry table and the tests.
 *
 * Each parse follows colo_importer's contract: malformed entries become
 * diagnostics (file:line:col) and are skipped, and the call fails with
 * COLO_EINPUT only when nothing usable is found.  Not a public API. */
#ifndef COLOPHON_FORMATS_PRIV_H
#define COLOPHON_FORMATS_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

bool colo_bibtex_parse(const char *data, size_t len, colo_batch *out,
                       colo_error *err);
int colo_bibtex_sniff(const char *data, size_t len);

bool colo_ris_parse(const char *data, size_t len, colo_batch *out,
                    colo_error *err);
int colo_ris_sniff(const char *data, size_t len);

bool colo_csljson_parse(const char *data, size_t len, colo_batch *out,
                        colo_error *err);
int colo_csljson_sniff(const char *data, size_t len);

/* Shared by the readers: a DOI without its resolver prefix ("https://doi.org/",
 * "doi:"); caller frees; NULL for NULL. */
char *colo_import_clean_doi(const char *s, size_t len);

/* Month from a number or an English month name ("Sep", "September",
 * "sept."); 0 when neither. */
int colo_import_month(const char *s, size_t len);

#endif
