/* csljson.h - the CSL-JSON writer (what pandoc, citeproc and Zotero read).
 *
 * One work becomes one object of a JSON array; the mapping table is in
 * docs/EXPORT.md.  Use colophon/writer.h to frame a whole file. */
#ifndef COLOPHON_CSLJSON_H
#define COLOPHON_CSLJSON_H

#include <stdbool.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/model.h"

/* Appends w as one CSL-JSON object, preceded by ",\n" unless `first`.
 * Strings are JSON-escaped (invalid UTF-8 bytes dropped; with `ascii`
 * every non-ASCII character as a \u escape).  Fails with COLO_EINPUT when
 * w has no citation key (the item's "id") and with COLO_EFAIL when out's
 * cap would be passed; out is unchanged on failure. */
bool colo_csljson_write(colo_buf *out, const colo_work *w, bool first,
                        bool ascii, colo_error *err);

#endif
