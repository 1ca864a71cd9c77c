/* uri.h - database URI helpers that need no driver.
 *
 * Kept apart from the store so the CLI can print a URI safely without
 * including any driver header. */
#ifndef COLOPHON_URI_H
#define COLOPHON_URI_H

/* Copy of a mongodb:// or mongodb+srv:// URI with the password (if any)
 * replaced by "****".  Caller frees. */
char *colo_uri_mask(const char *uri);

#endif
