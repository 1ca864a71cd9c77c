/* latex.h - LaTeX text as found in .bib files, decoded to Unicode.
 *
 * Covers what bibliographies actually contain: accent commands in every
 * spelling ({\"u}, \"{u}, \"u, \' e, \c{c}, \'{\i}), letter commands (\ss,
 * \o, \l, \ae, \aa ...), escaped specials (\& \% \$ \# \_ \{ \}), dashes
 * (-- and ---), ties (~), TeX quotes, Greek letters, and font commands
 * (\emph, \textbf, {\em ...}) whose text is kept and markup dropped.
 * Unknown commands are dropped and their arguments kept as text.  This is
 * not a TeX interpreter: no macro expansion, no math layout.  Whitespace
 * runs become one space and the ends are trimmed.
 *
 * Brace depth is tracked with a counter, never recursion, so any nesting
 * is safe; malformed input (a stray '}', an accent with no letter) decodes
 * to something reasonable and never fails. */
#ifndef COLOPHON_LATEX_H
#define COLOPHON_LATEX_H

#include <stddef.h>

#include "colophon/buf.h"

/* Keep case-protecting brace groups ("{NASA}", but not "{\"u}" or a
 * command's argument) as braces in the output, so an exporter can restore
 * them; literal braces are then written \{ and \}. */
#define COLO_LATEX_MARKUP 1u
/* Names: a tie (~) is a plain space, not U+00A0. */
#define COLO_LATEX_NAME 2u

/* Appends the decoded form of s[0..len) (UTF-8, NFC) to out. */
void colo_latex_decode(const char *s, size_t len, unsigned flags,
                       colo_buf *out);

/* The same into a new string; caller frees. */
char *colo_latex_to_utf8(const char *s, size_t len, unsigned flags);

#endif
