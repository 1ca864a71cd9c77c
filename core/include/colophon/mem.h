/* mem.h - allocation that never returns NULL.
 *
 * Out of memory aborts the process in one place (colo_xmalloc and
 * friends), so no caller carries an allocation-failure path. */
#ifndef COLOPHON_MEM_H
#define COLOPHON_MEM_H

#include <stddef.h>

void *colo_xmalloc(size_t n);
void *colo_xcalloc(size_t count, size_t size);
void *colo_xrealloc(void *p, size_t n);
/* Returns NULL for NULL input; caller frees. */
char *colo_xstrdup(const char *s);
/* Copies at most n bytes and NUL-terminates; caller frees. */
char *colo_xstrndup(const char *s, size_t n);

/* Grows *items (elements of elsize bytes) so that it holds at least need
 * elements; *cap is updated.  Used by every growable array in the model. */
void colo_grow(void **items, size_t *cap, size_t need, size_t elsize);

/* Replaces *slot with a copy of s (freeing the old value). */
void colo_set_str(char **slot, const char *s);

#endif
