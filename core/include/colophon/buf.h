/* buf.h - a growable, always NUL-terminated byte buffer with an optional cap.
 *
 * The cap guards untrusted input (network bodies, files): an append that
 * would pass it fails and leaves the buffer as it was. */
#ifndef COLOPHON_BUF_H
#define COLOPHON_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct colo_buf {
	char *data;   /* always NUL-terminated once anything was appended */
	size_t len;   /* bytes used, not counting the NUL */
	size_t alloc; /* bytes allocated */
	size_t max;   /* 0: no cap; else the most len may reach */
} colo_buf;

void colo_buf_init(colo_buf *b, size_t max);
void colo_buf_cleanup(colo_buf *b);
void colo_buf_reset(colo_buf *b); /* len = 0, keeps memory */
bool colo_buf_append(colo_buf *b, const char *p, size_t n);
bool colo_buf_puts(colo_buf *b, const char *s);
bool colo_buf_putc(colo_buf *b, char c);
bool colo_buf_printf(colo_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Returns data ("" when empty) and leaves the buffer empty; caller frees. */
char *colo_buf_steal(colo_buf *b);
/* data, or "" when nothing was appended yet; borrowed. */
const char *colo_buf_cstr(const colo_buf *b);

/* Appends the rest of stream f to b: COLO_READ_OK; COLO_READ_TOO_BIG when
 * b's cap was reached (b holds what fit before the chunk that did not);
 * COLO_READ_ERROR on a read error (errno says which).  f stays open. */
typedef enum colo_read { COLO_READ_OK, COLO_READ_TOO_BIG, COLO_READ_ERROR } colo_read;
colo_read colo_buf_read(colo_buf *b, FILE *f);

/* The whole file at path (NUL-terminated; *len its size, len may be
 * NULL), or NULL when it cannot be opened or read (errno says why).
 * Caller frees. */
char *colo_read_file(const char *path, size_t *len);

#endif
