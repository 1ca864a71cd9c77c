/* http.h - fetching a page over HTTP(S), safely: the only network client.
 *
 * Built on libcurl (core/http.c is the only file that includes curl).
 * http and https only; redirects are followed by hand, at most
 * COLO_HTTP_MAX_REDIRECTS, and only to https; the body is capped while it
 * is read (after decompression, so chunked and gzip bodies are capped too);
 * connect and total timeouts; TLS verification always on; a User-Agent
 * naming Colophon.  Every failure is COLO_ENET with one line naming the
 * URL and the HTTP status or curl's message. */
#ifndef COLOPHON_HTTP_H
#define COLOPHON_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/buf.h"
#include "colophon/error.h"

#define COLO_HTTP_MAX_REDIRECTS 5
#define COLO_HTTP_MAX_BODY ((size_t)10 << 20) /* 10 MB */

typedef struct colo_http_opts {
	long connect_timeout_ms; /* 0: 10 s */
	long timeout_ms;         /* whole transfer; 0: 60 s */
	size_t max_body;         /* 0: COLO_HTTP_MAX_BODY */
	/* Tests against a plain-http server on 127.0.0.1 set this to let
	 * redirects go to http as well, but only to a loopback host
	 * (127.0.0.1, localhost, [::1]); the command line never does. */
	bool allow_http_redirects;
	/* Called with each URL just before it is requested: the first and
	 * every redirect target (core/fetch.c spaces requests per host with
	 * it).  May be NULL. */
	void (*before_request)(const char *url, void *arg);
	void *before_request_arg;
} colo_http_opts;

/* "colophon/<version> (+https://example.invalid/colophon)"; static. */
const char *colo_http_user_agent(void);

/* True when s starts with http:// or https:// (any case). */
bool colo_http_is_url(const char *s);

/* GETs url into body (initialised by the caller; reset first).  opts may
 * be NULL for the defaults.  *final_url, when final_url is not NULL, gets
 * the URL the body came from after redirects (caller frees; NULL on
 * failure).  Fails with COLO_ENET: unsupported scheme, DNS/connect/TLS
 * errors (curl's message), timeouts, HTTP status >= 400, a redirect to a
 * non-https URL, more than COLO_HTTP_MAX_REDIRECTS redirects, a body over
 * the cap. */
bool colo_http_get(const char *url, const colo_http_opts *opts, colo_buf *body,
                   char **final_url, colo_error *err);

/* ---- a client for many requests (used by core/fetch.c) ---------------
 *
 * A colo_http_client keeps one curl handle, and with it curl's connection
 * cache: a second request to the same host reuses the open connection
 * (keep-alive) instead of connecting again.  It is not thread-safe; one
 * client serves one command run.  The same rules hold as for
 * colo_http_get (schemes, redirects, caps, timeouts, TLS), except that an
 * HTTP status is an answer, not a failure: the caller decides. */

typedef struct colo_http_client colo_http_client;

/* user_agent: NULL for colo_http_user_agent().  Never NULL (aborts when
 * curl cannot start, like an allocation failure). */
colo_http_client *colo_http_client_new(const char *user_agent);
void colo_http_client_destroy(colo_http_client *c);

/* New TCP connections the client has opened so far (curl's
 * CURLINFO_NUM_CONNECTS summed over every transfer). */
long colo_http_client_connections(const colo_http_client *c);

typedef struct colo_http_req {
	const char *url;
	const char *accept;            /* Accept header; NULL: curl's */
	const char *if_none_match;     /* an ETag, sent as If-None-Match */
	const char *if_modified_since; /* a Last-Modified value */
} colo_http_req;

typedef struct colo_http_resp {
	long status;         /* the final answer's status (after redirects) */
	colo_buf body;       /* its body, capped; empty for 304 */
	char *content_type;  /* these five: NULL when absent */
	char *etag;
	char *last_modified;
	char *retry_after;   /* verbatim: seconds or an HTTP date */
	char *final_url;     /* the URL that answered */
	/* X-Rate-Limit-Limit / X-Rate-Limit-Interval as Crossref sends them
	 * ("50", "1s"); NULL when absent. */
	char *rate_limit, *rate_interval;
} colo_http_resp;

void colo_http_resp_init(colo_http_resp *r);
void colo_http_resp_cleanup(colo_http_resp *r);

/* Performs one GET, following redirects (at most COLO_HTTP_MAX_REDIRECTS,
 * https only unless opts->allow_http_redirects).  True when a final
 * answer arrived, whatever its status (resp filled; resp must have been
 * initialised and is reset first).  False with COLO_ENET for what
 * colo_http_get also refuses, except a status: bad scheme, transport and
 * TLS errors, timeouts, a body over the cap, redirect rules; a 3xx
 * without a Location is returned as an answer. */
bool colo_http_request(colo_http_client *c, const colo_http_req *req,
                       const colo_http_opts *opts, colo_http_resp *resp,
                       colo_error *err);

/* "colophon/<version> (+https://example.invalid/colophon; mailto:ADDR)",
 * or colo_http_user_agent()'s text when mailto is NULL or empty.  Caller
 * frees.  The address is not checked here (core/config.c does that). */
char *colo_http_user_agent_for(const char *mailto);

/* Parses a Retry-After value: delta-seconds or an HTTP date (IMF-fixdate,
 * RFC 850 or asctime form) relative to `now` (seconds since the epoch).
 * *out_ms is the wait in milliseconds (0 for a date in the past).  False
 * for anything else. */
bool colo_http_parse_retry_after(const char *value, long long now,
                                 long *out_ms);

#endif
