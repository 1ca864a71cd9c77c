/* article.h - the article importer's own entry points (importers/article.c).
 *
 * Besides the registry's sniff/parse pair, the article importer takes
 * overrides for what it detects (the command line's --title, --date,
 * --venue, --url) and hands out the text `colophon link` scans later. */
#ifndef COLOPHON_ARTICLE_H
#define COLOPHON_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

/* Overrides; NULL members are not overridden. */
typedef struct colo_article_opts {
	const char *title;
	const char *date;  /* "2024-10-25", "2024-10", "2024", "October 25, 2024" */
	const char *venue; /* site or publication name */
	const char *url;
} colo_article_opts;

int colo_article_sniff(const char *data, size_t len);

/* Plain text or HTML into out: the article is always works[0] (type
 * article-magazine, article-newspaper, post-weblog or webpage), its author
 * bio goes through colo_bio_parse into the same batch, each pingback is a
 * work with a `cites` link to works[0], reader comments are dropped.
 * Errors: COLO_EINPUT when no title is found (and none is given),
 * COLO_EUSAGE for an unreadable opts->date. */
bool colo_article_parse(const char *data, size_t len, colo_batch *out,
                        colo_error *err);
bool colo_article_parse_opts(const char *data, size_t len,
                             const colo_article_opts *opts, colo_batch *out,
                             colo_error *err);

/* The article's own text, the part `colophon link` scans for mentions:
 * for plain text the bytes before the author bio, comments and pingbacks
 * (a prefix of data, so offsets are the source's); for HTML the page's
 * visible text.  Caller frees; never NULL. */
char *colo_article_text(const char *data, size_t len, size_t *outlen);

/* Parses a date as articles write it: ISO 8601 (with time), "October 25,
 * 2024", "25 October 2024", "Oct 2024", "2024".  Parts not given are 0. */
bool colo_article_parse_date(const char *s, size_t len, int *y, int *m,
                             int *d);

/* "NationalSecurityJournal" -> "National Security Journal"; names with a
 * space are copied as they are.  Caller frees. */
char *colo_article_site_name(const char *s, size_t len);

#endif
