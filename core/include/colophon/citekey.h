/* citekey.h - citation keys.
 *
 * The default pattern gives family name of the first creator, year and the
 * first significant title word, all lower-case ASCII: farley2014grounded.
 * Keys are made once, stored, and never change by themselves. */
#ifndef COLOPHON_CITEKEY_H
#define COLOPHON_CITEKEY_H

#include <stddef.h>

#include "colophon/model.h"

/* The key the default pattern gives for w (no collision suffix); never
 * empty ("anon" + year when nothing else is known).  Caller frees. */
char *colo_citekey_make(const colo_work *w);

/* Appends the n-th collision suffix (0 → "a", 25 → "z", 26 → "aa") to
 * base; caller frees. */
char *colo_citekey_suffixed(const char *base, size_t n);

#endif
