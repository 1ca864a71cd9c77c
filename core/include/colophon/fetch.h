/* fetch.h - polite, cached fetching from the open scholarly services.
 *
 * Sits on core/http.c (the only file with curl) and the store's response
 * cache (core/store_cache.c).  One colo_fetch lives for one command run:
 * it keeps one connection per host, spaces requests to each host by that
 * host's rate limit, honours 429/503 with Retry-After and capped
 * exponential backoff for a bounded number of retries, and answers from
 * the cache (conditional GET with ETag / Last-Modified) unless `refresh`
 * is set.  With `offline` set every fetch fails at once with COLO_ENET and
 * a message that says so.  Not used by `import article URL`, which fetches
 * one page through colo_http_get directly. */
#ifndef COLOPHON_FETCH_H
#define COLOPHON_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/buf.h"
#include "colophon/error.h"

struct colo_store;

typedef struct colo_fetch colo_fetch;

typedef struct colo_fetch_opts {
	bool offline;  /* every fetch fails fast: COLO_ENET "offline: ..." */
	bool refresh;  /* ignore cached responses (still store new ones) */
	const char *mailto; /* contact address for the User-Agent and
	                     * Crossref/OpenAlex's polite pools; may be NULL */
	struct colo_store *cache; /* borrowed; NULL: no response cache */
	int max_retries;      /* 0: 3 */
	long max_backoff_ms;  /* 0: 30000; also caps a Retry-After wait */
	long connect_timeout_ms, timeout_ms; /* 0: colo_http defaults */
	size_t max_body;      /* 0: COLO_HTTP_MAX_BODY */
	bool allow_http;      /* tests only: plain-http redirects allowed */
} colo_fetch_opts;

typedef struct colo_fetch_resp {
	long status;        /* final HTTP status (200, or 304 served from cache) */
	colo_buf body;      /* the body (initialised by colo_fetch_get) */
	char *content_type; /* may be NULL */
	char *final_url;    /* after redirects */
	bool from_cache;    /* answered from the store without a transfer, or
	                     * revalidated with 304 */
} colo_fetch_resp;

/* *out is NULL on failure (COLO_EUSAGE for a bad option). */
bool colo_fetch_new(const colo_fetch_opts *opts, colo_fetch **out,
                    colo_error *err);
void colo_fetch_destroy(colo_fetch *f);

/* GETs url with an Accept header (NULL: any).  On success resp holds the
 * body of a 2xx answer.  Fails with COLO_ENOTFOUND for 404 and 410, and
 * COLO_ENET for everything else that goes wrong (the message names the
 * URL and the status or curl's message; offline mode; retries exhausted).
 * resp is always initialised; free it with colo_fetch_resp_cleanup. */
bool colo_fetch_get(colo_fetch *f, const char *url, const char *accept,
                    colo_fetch_resp *resp, colo_error *err);
void colo_fetch_resp_cleanup(colo_fetch_resp *resp);

/* Counters for tests and --verbose: transfers made, answers served from
 * the cache, retries after 429/503/5xx, total time spent waiting for the
 * rate limit and Retry-After (ms). */
typedef struct colo_fetch_stats {
	size_t requests, cache_hits, retries;
	long waited_ms;
} colo_fetch_stats;
void colo_fetch_get_stats(const colo_fetch *f, colo_fetch_stats *out);

/* The base URL of a service, from the environment (COLOPHON_DOI_URL,
 * COLOPHON_CROSSREF_URL, COLOPHON_OPENLIBRARY_URL, COLOPHON_ORCID_URL,
 * COLOPHON_OPENALEX_URL), else the config file (doi_url, crossref_url,
 * ...), else the public default; never with a trailing slash.  service is
 * "doi", "crossref", "openlibrary", "orcid" or "openalex".  Static or
 * config-owned string; valid for the run. */
const char *colo_fetch_base_url(const char *service);

#endif
