/* bibtex_priv.h - pieces of the BibTeX reader the unit tests reach into.
 *
 * Not a public API: the reader's entry point is colo_bibtex_parse
 * (formats_priv.h), listed in the importer registry. */
#ifndef COLOPHON_BIBTEX_PRIV_H
#define COLOPHON_BIBTEX_PRIV_H

#include <stddef.h>

#include "colophon/model.h"

/* Parses one BibTeX name ("von Last, Jr, First", "First von Last",
 * "{Corporate Name}") from its raw (LaTeX) text into *out, decoding LaTeX;
 * *out is initialised here. */
void colo_bibtex_name(const char *s, size_t len, colo_name *out);

/* Splits a raw name list at top-level "and" and adds each name to w as a
 * creator with `role`; "others" adds nothing. */
void colo_bibtex_add_names(colo_work *w, const char *s, size_t len,
                           colo_creator_role role);

/* The CSL type for a BibTeX/BibLaTeX entry type (lower-case); "document"
 * for unknown types. */
const char *colo_bibtex_csl_type(const char *bibtype);

#endif
