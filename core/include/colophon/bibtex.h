/* bibtex.h - BibTeX and BibLaTeX writers.
 *
 * Text in records is data, never TeX: every special character is escaped
 * so a title prints literally, braces stay balanced, and no entry can end
 * early.  Capitals that BibTeX styles would lowercase are protected with
 * braces only where they must survive (proper nouns, acronyms, the first
 * word after a colon).  The field mapping table is documented in
 * docs/EXPORT.md. */
#ifndef COLOPHON_BIBTEX_H
#define COLOPHON_BIBTEX_H

#include <stdbool.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/model.h"

typedef struct colo_bibtex_opts {
	bool biblatex; /* BibLaTeX types and fields (date, journaltitle ...) */
	bool ascii;    /* non-ASCII written as LaTeX accent commands */
} colo_bibtex_opts;

/* Appends one entry for w (which must have a citekey) and a blank line to
 * out; opts may be NULL (BibTeX, UTF-8).  A field value longer than 4,000
 * characters is cut at a space and ends in an ellipsis (BibTeX's string
 * pools overflow on longer ones); a URL or DOI longer than 8,000 bytes is
 * left out.  Fails with COLO_EINPUT when the citekey is missing or has a
 * character outside [A-Za-z0-9_:./+-], and with COLO_EFAIL when out's cap
 * would be passed; out is unchanged on failure. */
bool colo_bibtex_write(colo_buf *out, const colo_work *w,
                       const colo_bibtex_opts *opts, colo_error *err);

/* Appends s (NUL-terminated UTF-8; invalid bytes are dropped) as the
 * inside of a braced BibTeX field value: escaped, whitespace squashed,
 * controls dropped, braces balanced, capitals protected when
 * `protect_case` is set (titles), non-ASCII as LaTeX accents when `ascii`
 * is set.  Never cuts; NULL appends nothing. */
void colo_bibtex_escape(colo_buf *out, const char *s, bool protect_case,
                        bool ascii);

#endif
