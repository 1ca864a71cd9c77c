/* writer.h - one entry point for every export format.
 *
 * `colophon export` and `colophon convert` write works through these three
 * calls instead of knowing each format: begin (a file header, "[" for
 * CSL-JSON), one call per work, end.  The per-format mapping tables live in
 * docs/EXPORT.md; the writers themselves are core/bibtex.c (BibTeX and
 * BibLaTeX), core/csljson.c and core/ris.c.  Nothing here touches the store
 * or prints. */
#ifndef COLOPHON_WRITER_H
#define COLOPHON_WRITER_H

#include <stdbool.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/model.h"

typedef enum {
	COLO_FMT_BIBTEX,
	COLO_FMT_BIBLATEX,
	COLO_FMT_CSLJSON,
	COLO_FMT_RIS
} colo_format;

/* Parses a format name: "bibtex", "biblatex", "csljson" (also "csl-json",
 * "csl"), "ris"; case-insensitive.  False (and *out untouched) for anything
 * else. */
bool colo_format_parse(const char *name, colo_format *out);

typedef struct colo_write_opts {
	bool ascii; /* BibTeX/BibLaTeX: non-ASCII as LaTeX accents; RIS: ASCII
	               transliteration; CSL-JSON: \u escapes */
} colo_write_opts;

/* Appends what comes before the first entry (CSL-JSON: "[\n"; the others:
 * nothing). */
void colo_write_begin(colo_buf *out, colo_format f);

/* Appends one entry for w.  `first` is true for the first entry of the
 * output (CSL-JSON needs it to place commas).  o may be NULL (defaults).
 * Fails with COLO_EINPUT when w cannot be written (a missing or unsafe
 * citation key) and with COLO_EFAIL when out's cap would be passed; out is
 * unchanged on failure. */
bool colo_write_work(colo_buf *out, colo_format f, const colo_work *w,
                     bool first, const colo_write_opts *o, colo_error *err);

/* Appends what comes after the last entry (CSL-JSON: "]\n"; others: nothing).
 * An output with no entries is still valid for its format. */
void colo_write_end(colo_buf *out, colo_format f);

#endif
