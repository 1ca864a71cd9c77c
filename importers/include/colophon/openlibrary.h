/* openlibrary.h - Open Library's JSON as Colophon works.
 *
 * Two responses are read:
 * - the Books API, /api/books?bibkeys=ISBN:...&jscmd=data&format=json:
 *   an object keyed by bibkey, each value a book (title, subtitle,
 *   authors[].name, publishers[].name, publish_places[].name,
 *   publish_date, identifiers.isbn_13 / isbn_10, url).  An ISBN Open
 *   Library does not know is simply absent from the object.
 * - the search API, /search.json?title=...&author=...: `docs`, each a
 *   work (title, subtitle, author_name, first_publish_year, publisher,
 *   publish_place, isbn, key).
 * Every record becomes a work of CSL type "book"; the year is the first
 * four-digit year of publish_date; number_of_pages is a length, not a
 * page range, and is not read.  Not here: fetching or matching. */
#ifndef COLOPHON_OPENLIBRARY_H
#define COLOPHON_OPENLIBRARY_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

/* Adds the books of a Books API response to out.  A book without a title
 * is a diagnostic and skipped.  Fails with COLO_EINPUT when data is not
 * JSON (line and column) or not an object.  An empty object succeeds with
 * no works (nothing found). */
bool colo_openlibrary_parse_books(const char *data, size_t len,
                                  colo_batch *out, colo_error *err);

/* Adds the docs of a search.json response to out; `base` (Open Library's
 * base URL, may be NULL) makes each work's URL from its key.  Fails with
 * COLO_EINPUT when data is not JSON or has no `docs` array. */
bool colo_openlibrary_parse_search(const char *data, size_t len,
                                   const char *base, colo_batch *out,
                                   colo_error *err);

/* The first plausible year (1000-2999) in free text such as
 * "March 5, 2014" or "c2014"; 0 when none. */
int colo_openlibrary_year(const char *s);

#endif
