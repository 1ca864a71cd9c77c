/* bio_priv.h - the bio importer's limits and HTML reader, shared with its
 * tests.
 *
 * These caps keep the reader linear on hostile input: a sentence longer
 * than COLO_BIO_MAX_SENT_BYTES bytes is not a bio sentence and is skipped
 * whole, and lists, people and sentences stop growing at their caps.  Each
 * skipped sentence and each cap reached becomes a diagnostic in the batch
 * (past COLO_BIO_MAX_DIAGS diagnostics, skips are only counted). */
#ifndef COLOPHON_BIO_PRIV_H
#define COLOPHON_BIO_PRIV_H

#define COLO_BIO_MAX_SENT_BYTES 4000
#define COLO_BIO_MAX_SENTENCES 200000
#define COLO_BIO_MAX_PEOPLE 1000
#define COLO_BIO_MAX_WORKS 5000
#define COLO_BIO_MAX_VENUES 2000
#define COLO_BIO_MAX_LIST 100 /* items per list, facts of one kind per person */
#define COLO_BIO_MAX_DIAGS 100

#include <stdbool.h>
#include <stddef.h>

/* Plain text made from an HTML input, with where each byte came from:
 * byte i of `text` was made from input bytes [from[i], to[i]) (a tag's
 * bytes for the quotes that stand for <i>, <em> and <cite>; an entity's
 * for the character it names).  from[len] == to[len] == the input's
 * length. */
typedef struct colo_bio_html {
	char *text; /* NUL-terminated */
	size_t len;
	size_t *from, *to;
} colo_bio_html;

/* Whether the input looks like HTML: "<html", "<body", "<p>", "<p ",
 * "<div" or "<br" (any case) in its first 64 KiB. */
bool colo_bio_is_html(const char *data, size_t len);

/* Strips tags (script, style and title elements whole), decodes
 * entities, turns block elements into blank lines and other runs of
 * white space into one space, and writes the content of <i>, <em> and
 * <cite> between curly quotes, so titles in italics read as quoted
 * titles.  The caller frees with colo_bio_html_cleanup.  Cannot fail. */
void colo_bio_html_strip(const char *data, size_t len, colo_bio_html *out);
void colo_bio_html_cleanup(colo_bio_html *h);

#endif
