/* text.h - UTF-8 checks and the text normalisations every key is built from.
 *
 * All functions take (data, len) and never assume a NUL.  Normalisation is
 * done with utf8proc (NFKC, case folding, stripping of combining marks); the
 * rules are documented in docs/SCHEMA.md under "Dedup keys". */
#ifndef COLOPHON_TEXT_H
#define COLOPHON_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"

/* True when s[0..len) is valid UTF-8 with no NUL byte.  On failure, fills
 * err (COLO_EINPUT) with the 1-based line and column of the first bad byte;
 * `what` names the input in the message ("invalid UTF-8 ..."). */
bool colo_text_validate(const char *s, size_t len, colo_error *err);

/* Case-folded, accent-stripped, NFKC text; whitespace runs become one space,
 * ends trimmed.  Caller frees. */
char *colo_text_fold(const char *s, size_t len);

/* The normalised form used in dedup keys: colo_text_fold, then "&" read as
 * "and", every character that is not a letter or digit dropped (runs of
 * them become one space), and a leading "the " removed.  Caller frees. */
char *colo_text_normkey(const char *s, size_t len);

/* ASCII transliteration for citation keys: accents stripped, a few letters
 * spelled out (ß→ss, ø→o, æ→ae, ł→l, þ→th), Greek and Cyrillic
 * transliterated; other non-ASCII dropped.  Caller frees. */
char *colo_text_ascii(const char *s, size_t len);

/* Splits folded text into search tokens (letters and digits only).
 * *out is a caller-owned array of caller-owned strings (free each, then the
 * array); *n its length. */
void colo_text_tokens(const char *s, size_t len, char ***out, size_t *n);

/* Trims ASCII whitespace at both ends: returns the new start, sets *outlen. */
const char *colo_text_trim(const char *s, size_t len, size_t *outlen);

/* Collapses runs of whitespace (including newlines and NBSP) into one space
 * and trims; caller frees. */
char *colo_text_squash(const char *s, size_t len);

#endif
