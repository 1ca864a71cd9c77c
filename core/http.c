/* http.c - the one HTTP client (see http.h); the only file that includes
 * curl.
 *
 * Redirects are followed here rather than by curl so that each hop is
 * checked (https only) and counted, and so the messages say what went
 * wrong.  The body cap is enforced in the write callback, which sees the
 * bytes after curl has undone chunking and Content-Encoding, so neither a
 * chunked nor a compressed body can slip past it.  A colo_http_client
 * keeps one easy handle for many requests so curl's connection cache can
 * reuse a host's connection; colo_http_get makes a client for one call.
 * Not a general client: GET only, no cookies, no authentication. */
#include "colophon/http.h"

#include <curl/curl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/mem.h"

#ifndef COLOPHON_VERSION
#define COLOPHON_VERSION "0"
#endif

#define UA_URL "+https://example.invalid/colophon"
#define UA "colophon/" COLOPHON_VERSION " (" UA_URL ")"

const char *colo_http_user_agent(void)
{
	return UA;
}

char *colo_http_user_agent_for(const char *mailto)
{
	colo_buf b;

	if (!mailto || !*mailto)
		return colo_xstrdup(UA);
	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "colophon/%s (%s; mailto:%s)", COLOPHON_VERSION, UA_URL,
	                mailto);
	return colo_buf_steal(&b);
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

/* Whether an http(s) URL's host is the loopback interface.  The host is
 * what follows the last '@' of the authority, so "http://127.0.0.1@x/"
 * is x, not loopback. */
static bool is_loopback(const char *url)
{
	const char *a = strstr(url, "://"), *end, *at, *hend;
	size_t n;

	if (!a)
		return false;
	a += 3;
	end = a + strcspn(a, "/?#");
	for (at = a; at < end; at++)
		if (*at == '@')
			a = at + 1;
	if (a < end && *a == '[') {
		hend = memchr(a, ']', (size_t)(end - a));
		if (!hend)
			return false;
		hend++;
	} else {
		hend = memchr(a, ':', (size_t)(end - a));
		if (!hend)
			hend = end;
	}
	n = (size_t)(hend - a);
	return (n == 9 && strncmp(a, "127.0.0.1", 9) == 0) ||
	       (n == 9 && strncasecmp(a, "localhost", 9) == 0) ||
	       (n == 5 && strncmp(a, "[::1]", 5) == 0);
}

static void global_init(void)
{
	static bool done;

	if (!done) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		done = true;
	}
}

struct colo_http_client {
	CURL *h;
	char *ua;
	long connects;
};

typedef struct sink {
	colo_buf *body;
	size_t max;
	bool too_big;
	colo_http_resp *resp; /* headers of the current answer go here */
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

static void clear_headers(colo_http_resp *r)
{
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r->retry_after);
	free(r->rate_limit);
	free(r->rate_interval);
	r->content_type = r->etag = r->last_modified = r->retry_after = NULL;
	r->rate_limit = r->rate_interval = NULL;
}

/* Keeps the headers the fetch layer needs.  A status line starts a new
 * answer (a redirect hop, a 100 Continue), so what was kept is dropped. */
static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	sink *s = ud;
	size_t len = size * n, nl, vl;
	const char *colon, *v;
	static const struct {
		const char *name;
		size_t off;
	} want[] = {
		{"content-type", offsetof(colo_http_resp, content_type)},
		{"etag", offsetof(colo_http_resp, etag)},
		{"last-modified", offsetof(colo_http_resp, last_modified)},
		{"retry-after", offsetof(colo_http_resp, retry_after)},
		{"x-rate-limit-limit", offsetof(colo_http_resp, rate_limit)},
		{"x-rate-limit-interval", offsetof(colo_http_resp, rate_interval)},
	};

	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		clear_headers(s->resp);
		return len;
	}
	colon = memchr(p, ':', len);
	if (!colon)
		return len;
	nl = (size_t)(colon - p);
	v = colon + 1;
	vl = len - nl - 1;
	while (vl && (*v == ' ' || *v == '\t')) {
		v++;
		vl--;
	}
	while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' ' ||
	              v[vl - 1] == '\t'))
		vl--;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (strlen(want[i].name) == nl &&
		    strncasecmp(p, want[i].name, nl) == 0 && vl < 4096) {
			char **slot = (char **)(void *)((char *)s->resp + want[i].off);

			free(*slot);
			*slot = colo_xstrndup(v, vl);
		}
	}
	return len;
}

colo_http_client *colo_http_client_new(const char *user_agent)
{
	colo_http_client *c = colo_xcalloc(1, sizeof *c);

	global_init();
	c->h = curl_easy_init();
	if (!c->h) {
		fprintf(stderr, "colophon: curl failed to start\n");
		abort();
	}
	c->ua = colo_xstrdup(user_agent ? user_agent : UA);
	curl_easy_setopt(c->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c->h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c->h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c->h, CURLOPT_USERAGENT, c->ua);
	curl_easy_setopt(c->h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, on_header);
	return c;
}

void colo_http_client_destroy(colo_http_client *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->h);
	free(c->ua);
	free(c);
}

long colo_http_client_connections(const colo_http_client *c)
{
	return c ? c->connects : 0;
}

void colo_http_resp_init(colo_http_resp *r)
{
	memset(r, 0, sizeof *r);
	colo_buf_init(&r->body, 0);
}

void colo_http_resp_cleanup(colo_http_resp *r)
{
	if (!r)
		return;
	clear_headers(r);
	colo_buf_cleanup(&r->body);
	free(r->final_url);
	r->final_url = NULL;
	r->status = 0;
}

/* One request without following redirects.  On a 3xx with a Location,
 * *next gets the absolute target (caller frees). */
static bool fetch_one(colo_http_client *c, const char *url, sink *sk,
                      long *status, char **next, colo_error *err)
{
	char ebuf[CURL_ERROR_SIZE];
	CURLcode rc;
	char *loc = NULL;
	long conns = 0;

	ebuf[0] = '\0';
	*next = NULL;
	colo_buf_reset(sk->body);
	clear_headers(sk->resp);
	sk->too_big = false;
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	curl_easy_setopt(c->h, CURLOPT_ERRORBUFFER, ebuf);
	rc = curl_easy_perform(c->h);
	curl_easy_setopt(c->h, CURLOPT_ERRORBUFFER, NULL); /* ebuf is ours */
	if (curl_easy_getinfo(c->h, CURLINFO_NUM_CONNECTS, &conns) == CURLE_OK)
		c->connects += conns;
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
	curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, status);
	if (*status >= 300 && *status < 400 && *status != 304 &&
	    curl_easy_getinfo(c->h, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
		*next = colo_xstrdup(loc);
	return true;
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name,
                                     const char *value)
{
	colo_buf b;
	struct curl_slist *n;

	if (!value || !*value || strpbrk(value, "\r\n"))
		return l;
	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "%s: %s", name, value);
	n = curl_slist_append(l, colo_buf_cstr(&b));
	colo_buf_cleanup(&b);
	if (!n) {
		fprintf(stderr, "colophon: out of memory (curl header list)\n");
		abort();
	}
	return n;
}

bool colo_http_request(colo_http_client *c, const colo_http_req *req,
                       const colo_http_opts *opts, colo_http_resp *resp,
                       colo_error *err)
{
	colo_http_opts o = {0};
	struct curl_slist *hdrs = NULL;
	sink sk;
	char *cur = NULL, *next = NULL;
	long status = 0;
	bool ok = false;

	if (opts)
		o = *opts;
	if (!o.connect_timeout_ms)
		o.connect_timeout_ms = 10000;
	if (!o.timeout_ms)
		o.timeout_ms = 60000;
	if (!o.max_body)
		o.max_body = COLO_HTTP_MAX_BODY;
	colo_buf_reset(&resp->body);
	clear_headers(resp);
	free(resp->final_url);
	resp->final_url = NULL;
	resp->status = 0;
	if (!colo_http_is_url(req->url)) {
		colo_error_set(err, COLO_ENET,
		               "cannot fetch %s: only http and https URLs are supported",
		               req->url);
		return false;
	}
	hdrs = add_header(hdrs, "Accept", req->accept);
	hdrs = add_header(hdrs, "If-None-Match", req->if_none_match);
	hdrs = add_header(hdrs, "If-Modified-Since", req->if_modified_since);
	sk.body = &resp->body;
	sk.max = o.max_body;
	sk.too_big = false;
	sk.resp = resp;
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c->h, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
	curl_easy_setopt(c->h, CURLOPT_TIMEOUT_MS, o.timeout_ms);
	/* Refuse early when the server announces a body over the cap; the
	 * write callback still enforces it for bodies that do not. */
	curl_easy_setopt(c->h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o.max_body);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, &sk);
	curl_easy_setopt(c->h, CURLOPT_HEADERDATA, &sk);

	cur = colo_xstrdup(req->url);
	for (int hops = 0;; hops++) {
		if (o.before_request)
			o.before_request(cur, o.before_request_arg);
		if (!fetch_one(c, cur, &sk, &status, &next, err))
			goto done;
		if (!next)
			break;
		if (hops == COLO_HTTP_MAX_REDIRECTS) {
			colo_error_set(err, COLO_ENET,
			               "cannot fetch %s: more than %d redirects", req->url,
			               COLO_HTTP_MAX_REDIRECTS);
			goto done;
		}
		if (!is_https(next) && !(o.allow_http_redirects &&
		                         colo_http_is_url(next) && is_loopback(next))) {
			colo_error_set(err, COLO_ENET,
			               "cannot fetch %s: redirect to non-https URL %s "
			               "refused",
			               req->url, next);
			goto done;
		}
		free(cur);
		cur = next;
		next = NULL;
	}
	resp->status = status;
	resp->final_url = cur;
	cur = NULL;
	ok = true;
done:
	/* the handle outlives this call: leave it pointing at nothing of ours */
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, NULL);
	curl_easy_setopt(c->h, CURLOPT_HEADERDATA, NULL);
	curl_slist_free_all(hdrs);
	if (!ok) {
		colo_buf_reset(&resp->body);
		clear_headers(resp);
	}
	free(next);
	free(cur);
	return ok;
}

bool colo_http_get(const char *url, const colo_http_opts *opts, colo_buf *body,
                   char **final_url, colo_error *err)
{
	colo_http_client *c = NULL;
	colo_http_req req = {0};
	colo_http_resp resp;
	bool ok = false;

	if (final_url)
		*final_url = NULL;
	colo_buf_reset(body);
	colo_http_resp_init(&resp);
	/* the caller's buffer, with its own cap, receives the body */
	resp.body = *body;
	req.url = url;
	c = colo_http_client_new(NULL);
	if (!colo_http_request(c, &req, opts, &resp, err))
		goto done;
	if (resp.status >= 400 || resp.status < 200) {
		colo_error_set(err, COLO_ENET, "cannot fetch %s: HTTP %ld",
		               resp.final_url, resp.status);
		goto done;
	}
	if (resp.status >= 300) {
		colo_error_set(err, COLO_ENET,
		               "cannot fetch %s: HTTP %ld without a Location",
		               resp.final_url, resp.status);
		goto done;
	}
	if (final_url) {
		*final_url = resp.final_url;
		resp.final_url = NULL;
	}
	ok = true;
done:
	*body = resp.body;
	colo_buf_init(&resp.body, 0);
	if (!ok)
		colo_buf_reset(body);
	colo_http_resp_cleanup(&resp);
	colo_http_client_destroy(c);
	return ok;
}

bool colo_http_parse_retry_after(const char *value, long long now,
                                 long *out_ms)
{
	const char *p = value;
	time_t t;

	if (!value)
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p >= '0' && *p <= '9') {
		long long secs = 0;

		for (; *p >= '0' && *p <= '9'; p++) {
			secs = secs * 10 + (*p - '0');
			if (secs > 86400LL * 365)
				return false;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			return false;
		*out_ms = (long)(secs * 1000);
		return true;
	}
	t = curl_getdate(p, NULL);
	if (t == (time_t)-1)
		return false;
	if ((long long)t <= now) {
		*out_ms = 0;
		return true;
	}
	if ((long long)t - now > 86400LL * 365)
		return false;
	*out_ms = (long)(((long long)t - now) * 1000);
	return true;
}
