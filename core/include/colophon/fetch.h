/* fetch.h - polite, cached fetching from the open scholarly services.
 *
 * Sits on core/http.c (the only file with curl) and the store's response
 * cache (core/store_cache.c).  One colo_fetch lives for one command run:
 * it keeps one connection per host, spaces requests to each host by that
 * host's rate limit, honours 429/503 with Retry-After and capped
 * exponential backoff for a bounded number of retries, and answers from
 * the cache (conditional GET with ETag / Last-Modified) unless `refresh`
 * is set.  With `offline` set no request is ever made: a fetch the cache
 * can answer (fresh or not) is answered from it, every other fetch fails
 * at once with COLO_ENET "offline: would fetch URL".  Not used by `import
 * article URL`, which fetches one page through colo_http_get directly.
 * Guarantees, limits and the cache: docs/NETWORK.md. */
#ifndef COLOPHON_FETCH_H
#define COLOPHON_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/buf.h"
#include "colophon/error.h"

struct colo_store;

typedef struct colo_fetch colo_fetch;

typedef struct colo_fetch_opts {
	bool offline;  /* no requests: cached answers only, else COLO_ENET
	                * "offline: would fetch URL" at once */
	bool refresh;  /* ignore cached responses (still store new ones) */
	const char *mailto; /* contact address for the User-Agent and
	                     * Crossref/OpenAlex's polite pools; may be NULL */
	struct colo_store *cache; /* borrowed; NULL: no response cache */
	int max_retries;      /* 0: 3; < 0: none */
	long max_backoff_ms;  /* 0: 30000; also caps a Retry-After wait */
	long connect_timeout_ms, timeout_ms; /* 0: colo_http defaults */
	size_t max_body;      /* 0: COLO_HTTP_MAX_BODY */
	bool allow_http;      /* tests only: plain-http redirects allowed, to
	                       * loopback hosts only (see http.h) */
	long min_interval_ms; /* 0: each host's published limit (see
	                       * colo_fetch_default_interval_ms); > 0: this
	                       * spacing for every host; < 0: none (tests) */
	long cache_ttl_s;     /* 0: COLO_FETCH_CACHE_TTL; < 0: a cached answer
	                       * is always revalidated (conditional GET) */
} colo_fetch_opts;

#define COLO_FETCH_CACHE_TTL (30L * 86400) /* 30 days, in seconds */

typedef struct colo_fetch_resp {
	long status;        /* final HTTP status (2xx; the stored status for a
	                     * fresh cache hit; 304 when revalidated) */
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
 * resp is always initialised; free it with colo_fetch_resp_cleanup.
 *
 * The cache (when opts.cache is set): an answer younger than the TTL is
 * returned without any request; an older one is revalidated with
 * If-None-Match / If-Modified-Since, and a 304 returns the stored body
 * (from_cache is true, status 304).  `refresh` skips the lookup (the new
 * answer still replaces the stored one).  Entries are keyed by URL and
 * Accept.  What is stored: 2xx answers only, and when the Content-Type
 * says JSON (application/json, application/...+json, text/json) only a
 * body that is well-formed JSON -- a truncated or malformed body is handed
 * to the caller (who reports the parse error) but never cached, so the
 * next run asks again.  A caller that rejects a well-formed body for
 * another reason (wrong shape, not the record it asked for) must call
 * colo_fetch_forget so the next run does not get it back from the cache.
 * The cache never makes a fetch fail: a database error while reading or
 * writing it is counted (stats.cache_errors) and the fetch goes on over
 * the network. */
bool colo_fetch_get(colo_fetch *f, const char *url, const char *accept,
                    colo_fetch_resp *resp, colo_error *err);
void colo_fetch_resp_cleanup(colo_fetch_resp *resp);

/* Drops every cached answer for url (all Accept values).  True when there
 * is no cache.  Errors: COLO_EDB. */
bool colo_fetch_forget(colo_fetch *f, const char *url, colo_error *err);

/* The spacing Colophon keeps between two requests to `host` by default
 * (ms), from the services' published limits (docs/NETWORK.md); `polite`
 * when a contact address is sent (Crossref's and Open Library's limits
 * are higher then).  1000 for hosts not in the table. */
long colo_fetch_default_interval_ms(const char *host, bool polite);

/* The User-Agent this fetcher sends (borrowed; lives as long as f). */
const char *colo_fetch_user_agent(const colo_fetch *f);

/* Counters for tests and --verbose: transfers made, answers served from
 * the cache, retries after 429/503/5xx, total time spent waiting for the
 * rate limit and Retry-After (ms). */
typedef struct colo_fetch_stats {
	size_t requests, cache_hits, retries;
	long waited_ms;
	/* TCP connections opened (keep-alive reuses one per host), 304
	 * answers, cache reads and writes that failed (and were ignored). */
	long connections;
	size_t not_modified, cache_errors;
} colo_fetch_stats;
void colo_fetch_get_stats(const colo_fetch *f, colo_fetch_stats *out);

/* The base URL of a service, from the environment (COLOPHON_DOI_URL,
 * COLOPHON_CROSSREF_URL, COLOPHON_OPENLIBRARY_URL, COLOPHON_ORCID_URL,
 * COLOPHON_OPENALEX_URL), else the config file (doi_url, crossref_url,
 * ...), else the public default; never with a trailing slash.  service is
 * "doi", "crossref", "openlibrary", "orcid" or "openalex" (NULL for any
 * other name).  Static or config-owned string; valid for the run.  A
 * broken config file is reported by colo_ctx_fetch (cli/fetchctx.c);
 * here it only means the environment and the defaults apply. */
const char *colo_fetch_base_url(const char *service);

#endif
