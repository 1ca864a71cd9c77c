/* http.c - the one HTTP client (see http.h); the only file that includes
 * curl.
 *
 * Redirects are followed here rather than by curl so that each hop is
 * checked (https only) and counted, and so the messages say what went
 * wrong.  The body cap is enforced in the write callback, which sees the
 * bytes after curl has undone chunking and Content-Encoding, so neither a
 * chunked nor a compressed body can slip past it.  Not a general client:
 * GET only, no cookies, no authentication. */
#include "colophon/http.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "colophon/mem.h"

#ifndef COLOPHON_VERSION
#define COLOPHON_VERSION "0"
#endif

#define UA "colophon/" COLOPHON_VERSION " (+https://example.invalid/colophon)"

const char *colo_http_user_agent(void)
{
	return UA;
}

bool colo_http_is_url(const char *s)
{
	return s && (strncasecmp(s, "http://", 7) == 0 ||
	             strncasecmp(s, "https://", 8) == 0);
}

static bool is_https(const char *s)
{
	return s && strncasecmp(s, "https://", 8) == 0;
}

static void global_init(void)
{
	static bool done;

	if (!done) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		done = true;
	}
}

typedef struct sink {
	colo_buf *body;
	size_t max;
	bool too_big;
} sink;

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	sink *s = ud;
	size_t len = size * n;

	if (s->body->len + len > s->max || !colo_buf_append(s->body, p, len)) {
		s->too_big = true;
		return 0; /* makes curl stop with CURLE_WRITE_ERROR */
	}
	return len;
}

/* One request without following redirects.  On a 3xx with a Location,
 * *next gets the absolute target (caller frees). */
static bool fetch_one(CURL *h, const char *url, sink *sk, long *status,
                      char **next, colo_error *err)
{
	char ebuf[CURL_ERROR_SIZE];
	CURLcode rc;
	char *loc = NULL;

	ebuf[0] = '\0';
	*next = NULL;
	colo_buf_reset(sk->body);
	sk->too_big = false;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	rc = curl_easy_perform(h);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL); /* ebuf is ours */
	/* too big: seen while reading, or announced by Content-Length */
	if (sk->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		colo_error_set(err, COLO_ENET,
		               "cannot fetch %s: response body larger than %zu bytes; "
		               "refused",
		               url, sk->max);
		return false;
	}
	if (rc != CURLE_OK) {
		size_t l = strlen(ebuf);

		/* curl's buffer may end in a newline; messages are one line */
		while (l && (ebuf[l - 1] == '\n' || ebuf[l - 1] == '\r'))
			ebuf[--l] = '\0';
		colo_error_set(err, COLO_ENET, "cannot fetch %s: %s", url,
		               ebuf[0] ? ebuf : curl_easy_strerror(rc));
		return false;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
	if (*status >= 300 && *status < 400 &&
	    curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
		*next = colo_xstrdup(loc);
	return true;
}

bool colo_http_get(const char *url, const colo_http_opts *opts, colo_buf *body,
                   char **final_url, colo_error *err)
{
	colo_http_opts o = {0};
	CURL *h = NULL;
	sink sk;
	char *cur = NULL, *next = NULL;
	long status = 0;
	bool ok = false;

	if (final_url)
		*final_url = NULL;
	if (opts)
		o = *opts;
	if (!o.connect_timeout_ms)
		o.connect_timeout_ms = 10000;
	if (!o.timeout_ms)
		o.timeout_ms = 60000;
	if (!o.max_body)
		o.max_body = COLO_HTTP_MAX_BODY;
	if (!colo_http_is_url(url)) {
		colo_error_set(err, COLO_ENET,
		               "cannot fetch %s: only http and https URLs are supported",
		               url);
		return false;
	}
	global_init();
	h = curl_easy_init();
	if (!h) {
		colo_error_set(err, COLO_ENET, "cannot fetch %s: curl failed to start",
		               url);
		return false;
	}
	sk.body = body;
	sk.max = o.max_body;
	sk.too_big = false;
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, UA);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o.timeout_ms);
	/* Refuse early when the server announces a body over the cap; the
	 * write callback still enforces it for bodies that do not. */
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o.max_body);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &sk);

	cur = colo_xstrdup(url);
	for (int hops = 0;; hops++) {
		if (!fetch_one(h, cur, &sk, &status, &next, err))
			goto done;
		if (!next)
			break;
		if (hops == COLO_HTTP_MAX_REDIRECTS) {
			colo_error_set(err, COLO_ENET,
			               "cannot fetch %s: more than %d redirects", url,
			               COLO_HTTP_MAX_REDIRECTS);
			goto done;
		}
		if (!is_https(next) &&
		    !(o.allow_http_redirects && colo_http_is_url(next))) {
			colo_error_set(err, COLO_ENET,
			               "cannot fetch %s: redirect to non-https URL %s "
			               "refused",
			               url, next);
			goto done;
		}
		free(cur);
		cur = next;
		next = NULL;
	}
	if (status >= 400 || status < 200) {
		colo_error_set(err, COLO_ENET, "cannot fetch %s: HTTP %ld", cur,
		               status);
		goto done;
	}
	if (status >= 300) {
		colo_error_set(err, COLO_ENET,
		               "cannot fetch %s: HTTP %ld without a Location", cur,
		               status);
		goto done;
	}
	if (final_url) {
		*final_url = cur;
		cur = NULL;
	}
	ok = true;
done:
	if (!ok)
		colo_buf_reset(body);
	free(next);
	free(cur);
	curl_easy_cleanup(h);
	return ok;
}
