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
	 * redirects go to http as well; the command line never does. */
	bool allow_http_redirects;
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

#endif
