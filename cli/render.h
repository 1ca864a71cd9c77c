/* render.h - turning batches and query results into text and JSON for the
 * commands.  Output formats are documented in docs/OUTPUT.md. */
#ifndef COLOPHON_RENDER_H
#define COLOPHON_RENDER_H

#include "colophon/buf.h"
#include "colophon/json.h"
#include "colophon/model.h"
#include "colophon/store.h"

/* The import preview (import --dry-run): JSON or human-readable. */
void colo_render_batch_json(colo_buf *out, const colo_batch *b);
void colo_render_batch_text(colo_buf *out, const colo_batch *b);

/* "Title: Subtitle" or "Title"; caller frees. */
char *colo_render_full_title(const colo_work *w);

/* One work as a JSON object (CSL-JSON-shaped, plus id and key). */
void colo_render_work_json(colo_json *j, const colo_work *w);

#endif
