/* isbn.h - ISBN-10 and ISBN-13: check digits, and the one ISBN-13 form
 * every key and lookup uses.
 *
 * Unlike colo_isbn13 (model.h), which only reshapes digits for dedup keys,
 * these functions refuse an ISBN whose check digit is wrong, so a typo on
 * the command line is reported instead of fetched. */
#ifndef COLOPHON_ISBN_H
#define COLOPHON_ISBN_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"

#define COLO_ISBN13_LEN 14 /* 13 digits and the NUL */

/* Validates s as an ISBN-10 (last character may be 'X' or 'x') or an
 * ISBN-13 (prefix 978 or 979), ignoring hyphens and spaces (and an
 * "ISBN", "ISBN-10:" or "ISBN-13:" label), and writes its ISBN-13 form
 * into out.  Errors: COLO_EINPUT naming the ISBN as given: wrong length,
 * a stray character, a wrong check digit (with the expected one), or a
 * 13-digit number that is not 978/979.  out is "" on failure. */
bool colo_isbn_normalize(const char *s, char out[COLO_ISBN13_LEN],
                         colo_error *err);

/* Whether colo_isbn_normalize would accept s. */
bool colo_isbn_valid(const char *s);

/* The check digit of the first 9 digits of an ISBN-10: '0'..'9' or 'X'. */
char colo_isbn10_check(const char *digits9);

/* The check digit of the first 12 digits of an ISBN-13: '0'..'9'. */
char colo_isbn13_check(const char *digits12);

#endif
