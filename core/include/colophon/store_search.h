/* store_search.h - `colophon search`: works by their token arrays.
 *
 * Hits are ranked title matches first (every plain word found in the
 * title or subtitle), then the rest; each group newest first.  Served by
 * the multikey index on `tokens` (and `issued.y` for year ranges).
 * Errors: COLO_EDB. */
#ifndef COLOPHON_STORE_SEARCH_H
#define COLOPHON_STORE_SEARCH_H

#include "colophon/model.h"
#include "colophon/search.h"
#include "colophon/store.h"

/* Appends at most `limit` works to *out (initialised by the caller). */
bool colo_store_search(colo_store *s, const colo_search_query *q, long limit,
                       colo_work_list *out, colo_error *err);

#endif
