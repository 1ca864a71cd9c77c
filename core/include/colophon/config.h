/* config.h - the user's configuration file and the environment that
 * overrides it: the contact address sent to the scholarly services, their
 * base URLs, and the fetcher's politeness and cache settings.
 *
 * The file is $COLOPHON_CONFIG, else $XDG_CONFIG_HOME/colophon/config,
 * else ~/.config/colophon/config.  It holds `key = value` lines; blank
 * lines and lines starting with '#' are ignored; a value may be wrapped in
 * double quotes.  Keys (and the environment variables that override them):
 *
 *   mailto           COLOPHON_MAILTO            contact address (user@host)
 *   doi_url          COLOPHON_DOI_URL           default https://doi.org
 *   crossref_url     COLOPHON_CROSSREF_URL      https://api.crossref.org
 *   openlibrary_url  COLOPHON_OPENLIBRARY_URL   https://openlibrary.org
 *   orcid_url        COLOPHON_ORCID_URL         https://pub.orcid.org
 *   openalex_url     COLOPHON_OPENALEX_URL      https://api.openalex.org
 *   min_interval_ms  COLOPHON_MIN_INTERVAL_MS   one spacing for every host,
 *                                               replacing the per-host table
 *   cache_ttl        COLOPHON_CACHE_TTL         e.g. 30d, 12h, 90m, 3600s, 0
 *   max_retries      COLOPHON_MAX_RETRIES       retries after 429/5xx
 *   max_backoff_ms   COLOPHON_MAX_BACKOFF_MS    longest single wait
 *
 * A missing file at the default place is no error; a missing file named by
 * COLOPHON_CONFIG is.  Not here: the database URI (--db, COLOPHON_DB).
 * Core never prints: problems come back as one-line COLO_EUSAGE errors
 * naming FILE:LINE (or the environment variable). */
#ifndef COLOPHON_CONFIG_H
#define COLOPHON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"

typedef struct colo_config {
	char *path;   /* the file read; NULL when none was */
	char *mailto; /* NULL when not configured */
	/* Base URLs without a trailing slash; NULL: the public default. */
	char *doi_url, *crossref_url, *openlibrary_url, *orcid_url, *openalex_url;
	long min_interval_ms; /* -1: not set (each host's own default) */
	long cache_ttl_s;     /* -1: not set */
	int max_retries;      /* -1: not set */
	long max_backoff_ms;  /* -1: not set */
} colo_config;

/* Everything unset. */
void colo_config_init(colo_config *c);
void colo_config_cleanup(colo_config *c);

/* Parses a configuration file's text (len bytes, no NUL needed); `name`
 * is how messages call the file.  Values overwrite what c holds.  Errors:
 * COLO_EUSAGE "NAME:LINE: ..." for a line without '=', an unknown key, or
 * a bad value (an address without '@' or with spaces or control
 * characters, a URL that is not http(s), a negative or non-numeric
 * number).  On failure c keeps what the lines before the bad one set. */
bool colo_config_parse(colo_config *c, const char *name, const char *data,
                       size_t len, colo_error *err);

/* Applies the COLOPHON_* environment variables listed above over c.
 * Errors: COLO_EUSAGE "VARIABLE: ..." for a bad value. */
bool colo_config_apply_env(colo_config *c, colo_error *err);

/* The configuration file's path as described above; caller frees.  NULL
 * when neither COLOPHON_CONFIG, XDG_CONFIG_HOME nor HOME is set. */
char *colo_config_path(void);

/* colo_config_init, then the file (if any), then the environment.
 * Errors: COLO_EUSAGE from parsing, or when COLOPHON_CONFIG names a file
 * that cannot be read ("cannot read config FILE: reason"). */
bool colo_config_load(colo_config *c, colo_error *err);

/* The process's configuration, loaded by colo_config_load on first use and
 * kept until exit (borrowed; never NULL).  When loading failed, the
 * returned configuration holds only the environment's valid values and
 * *err (when not NULL) says what was wrong, on every call. */
const colo_config *colo_config_get(colo_error *err);

/* Parses a duration "N", "Ns", "Nm", "Nh" or "Nd" into seconds; false for
 * anything else (negative, overflow, other suffixes). */
bool colo_config_parse_duration(const char *s, long *out_s);

#endif
