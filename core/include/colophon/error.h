/* error.h - the one error type every fallible Colophon function fills.
 *
 * A fallible function returns bool (true on success) and takes a
 * caller-owned `colo_error *err` as its last argument, which may be NULL.
 * Codes travel up unchanged; only boundaries (the store, the HTTP client)
 * translate foreign errors into these.  The numeric values double as the
 * command line's exit codes. */
#ifndef COLOPHON_ERROR_H
#define COLOPHON_ERROR_H

#include <stdbool.h>
#include <stddef.h>

typedef enum colo_code {
	COLO_OK = 0,
	COLO_EFAIL = 1,  /* anything else: I/O, internal */
	COLO_EUSAGE = 2, /* bad command line */
	COLO_EINPUT = 3, /* bad input data: parse errors, empty, binary */
	COLO_EDB = 4,    /* database unreachable or refusing */
	COLO_ENET = 5,   /* network fetch failed */
	COLO_ENOTFOUND = 6 /* a requested record or key is not in the store */
} colo_code;

typedef struct colo_error {
	int code;
	unsigned line; /* 1-based; 0 when no position applies */
	unsigned col;  /* 1-based; 0 when no position applies */
	char message[512];
} colo_error;

/* Sets code and a printf-style one-line message; no-op when err is NULL. */
void colo_error_set(colo_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Same, with a source position for parser errors. */
void colo_error_set_at(colo_error *err, int code, unsigned line, unsigned col,
                       const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

void colo_error_clear(colo_error *err);

/* Formats "FILE:LINE:COL: message" (position parts only when set) into out. */
void colo_error_format(const colo_error *err, const char *file, char *out,
                       size_t outlen);

#endif
