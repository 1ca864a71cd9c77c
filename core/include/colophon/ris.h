/* ris.h - the RIS writer (EndNote, Zotero, Mendeley, most databases).
 *
 * One work becomes one "TY  - ... ER  - " record; the tag table is in
 * docs/EXPORT.md. */
#ifndef COLOPHON_RIS_H
#define COLOPHON_RIS_H

#include <stdbool.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/model.h"

/* Appends one RIS record for w and a blank line.  Values are put on one
 * line (line breaks and controls become spaces; invalid UTF-8 dropped);
 * with `ascii` they are transliterated to ASCII.  Fails with COLO_EFAIL
 * when out's cap would be passed; out is unchanged on failure. */
bool colo_ris_write(colo_buf *out, const colo_work *w, bool ascii,
                    colo_error *err);

#endif
