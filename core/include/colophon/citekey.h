/* citekey.h - citation keys.
 *
 * The default pattern gives family name of the first creator, year and the
 * first significant title word, all lower-case ASCII: farley2014grounded.
 * Keys are made once, stored, and never change by themselves. */
#ifndef COLOPHON_CITEKEY_H
#define COLOPHON_CITEKEY_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

/* The key the default pattern gives for w (no collision suffix); never
 * empty ("anon" + year when nothing else is known).  Caller frees. */
char *colo_citekey_make(const colo_work *w);

/* Appends the n-th collision suffix (0 → "a", 25 → "z", 26 → "aa") to
 * base; caller frees. */
char *colo_citekey_suffixed(const char *base, size_t n);

/* Whether k can be written as a BibTeX/BibLaTeX key: 1 to 256 characters
 * from [A-Za-z0-9_:./+-].  (Spaces, commas, quotes, braces, % and #
 * would end or corrupt the entry.) */
bool colo_citekey_valid(const char *k);

/* A parsed --key-pattern (docs/EXPORT.md, "Key patterns"): literal
 * characters [A-Za-z0-9_:.-] and bracketed tokens with optional
 * modifiers, e.g. "[auth][year][title]" (the default),
 * "[auth:capitalize][year]_[shorttitle]", "[authors2][year:2][title:8]".
 * Tokens: auth, authors (up to 3 family names, then "etal"), authorsN
 * (up to N), year, title (first significant word), titleN (first N),
 * shorttitle (first 3), fulltitle (all words, stop words included).
 * Modifiers: lower (the default), upper, capitalize, and a number that
 * keeps at most that many characters (from the end for year). */
typedef struct colo_citekey_pattern colo_citekey_pattern;

/* Parses `pattern`; *out is NULL on failure.  Errors: COLO_EUSAGE with the
 * column of the problem (unknown token, bad modifier, unclosed bracket, a
 * literal character outside [A-Za-z0-9_:.-]). */
bool colo_citekey_pattern_parse(const char *pattern, colo_citekey_pattern **out,
                                colo_error *err);
void colo_citekey_pattern_destroy(colo_citekey_pattern *p);

/* The key p gives for w, ASCII only; "anon" when every token is empty.
 * Caller frees. */
char *colo_citekey_pattern_make(const colo_citekey_pattern *p,
                                const colo_work *w);

/* The default pattern, as text. */
#define COLO_CITEKEY_DEFAULT_PATTERN "[auth][year][title]"

#endif
