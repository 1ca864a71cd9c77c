/* fetch.c - polite, cached fetching for the online metadata commands (see
 * fetch.h): per-host spacing of requests, bounded retries with
 * Retry-After and capped, jittered exponential backoff, 404/410 as "not
 * found", and the response cache in the store with conditional GETs.
 *
 * Not here: HTTP itself (core/http.c, the only file with curl), the cache's
 * BSON (core/store_cache.c), and what the bodies mean (importers/).  One
 * colo_fetch serves one command run, one request at a time. */
#include "colophon/fetch.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "colophon/config.h"
#include "colophon/http.h"
#include "colophon/mem.h"
#include "colophon/store_cache.h"

#define DEFAULT_RETRIES 3
#define DEFAULT_MAX_BACKOFF_MS 30000L
#define BACKOFF_BASE_MS 500L
#define JSON_MAX_DEPTH 512
#define MAX_ANNOUNCED_MS 60000L /* a server's announced spacing, at most */

typedef struct host_slot {
	char *host;       /* scheme://authority, lower-cased */
	long interval_ms; /* spacing between two requests to it */
	long long last_ms; /* monotonic time the last request started */
} host_slot;

struct colo_fetch {
	colo_fetch_opts o;
	char *mailto;
	char *ua;
	colo_http_client *http;
	host_slot *hosts;
	size_t nhosts, hosts_cap;
	colo_fetch_stats st;
	uint64_t rng;
};

/* ---- time --------------------------------------------------------------- */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts, rem;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &rem) != 0)
		ts = rem; /* interrupted by a signal: sleep the rest */
}

static uint64_t next_rand(colo_fetch *f)
{
	/* xorshift64: jitter only, not security */
	f->rng ^= f->rng << 13;
	f->rng ^= f->rng >> 7;
	f->rng ^= f->rng << 17;
	return f->rng;
}

/* ---- hosts and their rate limits ---------------------------------------- */

long colo_fetch_default_interval_ms(const char *host, bool polite)
{
	/* The services' published limits (docs/NETWORK.md), with room to
	 * spare; Colophon sends one request at a time. */
	if (!host)
		return 1000;
	if (strcasecmp(host, "api.crossref.org") == 0)
		return polite ? 334 : 1000; /* lists: 3/s polite, 1/s public */
	if (strcasecmp(host, "openlibrary.org") == 0)
		return polite ? 334 : 1000; /* 3/s identified, 1/s otherwise */
	if (strcasecmp(host, "api.openalex.org") == 0)
		return 100; /* at most 100/s; stay at 10/s */
	if (strcasecmp(host, "pub.orcid.org") == 0)
		return 100; /* 12/s for the public API; stay under */
	if (strcasecmp(host, "doi.org") == 0)
		return 200; /* no published figure: 5/s */
	return 1000;
}

/* Splits url into its "scheme://authority" (lower-cased, for the slot) and
 * its bare host name (for the defaults table).  Both caller-freed. */
static void url_host(const char *url, char **slot, char **name)
{
	const char *a = strstr(url, "://"), *end, *h, *he;
	char *s;

	a = a ? a + 3 : url;
	end = a + strcspn(a, "/?#");
	s = colo_xstrndup(url, (size_t)(end - url));
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	*slot = s;
	h = a;
	for (const char *p = a; p < end; p++)
		if (*p == '@')
			h = p + 1;
	if (h < end && *h == '[') {
		he = memchr(h, ']', (size_t)(end - h));
		he = he ? he + 1 : end;
	} else {
		he = memchr(h, ':', (size_t)(end - h));
		if (!he)
			he = end;
	}
	*name = colo_xstrndup(h, (size_t)(he - h));
}

static host_slot *host_for(colo_fetch *f, const char *url)
{
	char *slot = NULL, *name = NULL;
	host_slot *h;

	url_host(url, &slot, &name);
	for (size_t i = 0; i < f->nhosts; i++) {
		if (strcmp(f->hosts[i].host, slot) == 0) {
			free(slot);
			free(name);
			return &f->hosts[i];
		}
	}
	colo_grow((void **)&f->hosts, &f->hosts_cap, f->nhosts + 1, sizeof *f->hosts);
	h = &f->hosts[f->nhosts++];
	h->host = slot;
	h->last_ms = -1;
	if (f->o.min_interval_ms > 0)
		h->interval_ms = f->o.min_interval_ms;
	else if (f->o.min_interval_ms < 0)
		h->interval_ms = 0;
	else
		h->interval_ms = colo_fetch_default_interval_ms(name, f->mailto != NULL);
	free(name);
	return h;
}

/* Crossref announces the limit it applies to a client on every answer
 * ("X-Rate-Limit-Limit: 5", "X-Rate-Limit-Interval: 1s").  When that is
 * stricter than the spacing in use, the spacing grows to match; it never
 * shrinks, and "no spacing" (tests) stays as it is. */
static void adopt_announced_limit(colo_fetch *f, host_slot *h,
                                  const colo_http_resp *r)
{
	char *end;
	long n, secs, ms;

	if (!r->rate_limit || !r->rate_interval || f->o.min_interval_ms < 0)
		return;
	n = strtol(r->rate_limit, &end, 10);
	if (end == r->rate_limit || *end || n <= 0)
		return;
	secs = strtol(r->rate_interval, &end, 10);
	if (end == r->rate_interval || (*end && strcmp(end, "s") != 0) ||
	    secs <= 0 || secs > 3600)
		return;
	ms = (secs * 1000 + n - 1) / n;
	if (ms > MAX_ANNOUNCED_MS)
		ms = MAX_ANNOUNCED_MS;
	if (ms > h->interval_ms)
		h->interval_ms = ms;
}

/* Waits until the host may be asked again, then marks it asked now. */
static void pace(colo_fetch *f, host_slot *h)
{
	long long t = now_ms();

	if (h->last_ms >= 0 && t - h->last_ms < h->interval_ms) {
		long w = (long)(h->interval_ms - (t - h->last_ms));

		sleep_ms(w);
		f->st.waited_ms += w;
	}
	h->last_ms = now_ms();
}

/* colo_http_opts.before_request: every hop, redirects included, waits for
 * its own host's turn. */
static void pace_url(const char *url, void *arg)
{
	colo_fetch *f = arg;

	pace(f, host_for(f, url));
}

/* ---- a well-formedness check for JSON bodies ----------------------------- */

typedef struct jcur {
	const unsigned char *p, *end;
} jcur;

static void jws(jcur *c)
{
	while (c->p < c->end &&
	       (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static bool jlit(jcur *c, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0)
		return false;
	c->p += n;
	return true;
}

static bool jstring(jcur *c)
{
	c->p++; /* the opening quote */
	while (c->p < c->end) {
		unsigned char ch = *c->p++;

		if (ch == '"')
			return true;
		if (ch < 0x20)
			return false;
		if (ch == '\\') {
			if (c->p >= c->end)
				return false;
			ch = *c->p++;
			if (ch == 'u') {
				for (int i = 0; i < 4; i++, c->p++)
					if (c->p >= c->end ||
					    !((*c->p >= '0' && *c->p <= '9') ||
					      (*c->p >= 'a' && *c->p <= 'f') ||
					      (*c->p >= 'A' && *c->p <= 'F')))
						return false;
			} else if (!strchr("\"\\/bfnrt", ch)) {
				return false;
			}
		}
	}
	return false;
}

static bool jdigits(jcur *c)
{
	const unsigned char *s = c->p;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
		c->p++;
	return c->p > s;
}

static bool jnumber(jcur *c)
{
	if (c->p < c->end && *c->p == '-')
		c->p++;
	if (!jdigits(c))
		return false;
	if (c->p < c->end && *c->p == '.') {
		c->p++;
		if (!jdigits(c))
			return false;
	}
	if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
		c->p++;
		if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
			c->p++;
		if (!jdigits(c))
			return false;
	}
	return true;
}

static bool jvalue(jcur *c, int depth)
{
	jws(c);
	if (c->p >= c->end || depth > JSON_MAX_DEPTH)
		return false;
	switch (*c->p) {
	case '"':
		return jstring(c);
	case 't': return jlit(c, "true");
	case 'f': return jlit(c, "false");
	case 'n': return jlit(c, "null");
	case '[':
		c->p++;
		jws(c);
		if (c->p < c->end && *c->p == ']') {
			c->p++;
			return true;
		}
		for (;;) {
			if (!jvalue(c, depth + 1))
				return false;
			jws(c);
			if (c->p >= c->end)
				return false;
			if (*c->p == ']') {
				c->p++;
				return true;
			}
			if (*c->p++ != ',')
				return false;
		}
	case '{':
		c->p++;
		jws(c);
		if (c->p < c->end && *c->p == '}') {
			c->p++;
			return true;
		}
		for (;;) {
			jws(c);
			if (c->p >= c->end || *c->p != '"' || !jstring(c))
				return false;
			jws(c);
			if (c->p >= c->end || *c->p++ != ':')
				return false;
			if (!jvalue(c, depth + 1))
				return false;
			jws(c);
			if (c->p >= c->end)
				return false;
			if (*c->p == '}') {
				c->p++;
				return true;
			}
			if (*c->p++ != ',')
				return false;
		}
	default:
		return jnumber(c);
	}
}

static bool json_well_formed(const char *data, size_t len)
{
	jcur c = {(const unsigned char *)data, (const unsigned char *)data + len};

	if (!jvalue(&c, 0))
		return false;
	jws(&c);
	return c.p == c.end;
}

static bool is_json_type(const char *ct)
{
	size_t n;
	const char *semi;

	if (!ct)
		return false;
	semi = strchr(ct, ';');
	n = semi ? (size_t)(semi - ct) : strlen(ct);
	while (n && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	if ((n == 16 && strncasecmp(ct, "application/json", 16) == 0) ||
	    (n == 9 && strncasecmp(ct, "text/json", 9) == 0))
		return true;
	return n > 17 && strncasecmp(ct, "application/", 12) == 0 &&
	       strncasecmp(ct + n - 5, "+json", 5) == 0;
}

/* ---- the fetcher -------------------------------------------------------- */

bool colo_fetch_new(const colo_fetch_opts *opts, colo_fetch **out,
                    colo_error *err)
{
	colo_fetch *f;

	*out = NULL;
	if (opts && (opts->max_retries > 100 ||
	             opts->max_backoff_ms < 0 || opts->connect_timeout_ms < 0 ||
	             opts->timeout_ms < 0)) {
		colo_error_set(err, COLO_EUSAGE,
		               "bad fetch options: at most 100 retries, times not "
		               "negative");
		return false;
	}
	if (opts && opts->mailto && *opts->mailto &&
	    strpbrk(opts->mailto, "\r\n()<>;\" \t")) {
		colo_error_set(err, COLO_EUSAGE, "bad contact address '%.128s'",
		               opts->mailto);
		return false;
	}
	f = colo_xcalloc(1, sizeof *f);
	if (opts)
		f->o = *opts;
	if (!f->o.max_retries)
		f->o.max_retries = DEFAULT_RETRIES;
	else if (f->o.max_retries < 0)
		f->o.max_retries = 0;
	if (!f->o.max_backoff_ms)
		f->o.max_backoff_ms = DEFAULT_MAX_BACKOFF_MS;
	if (!f->o.cache_ttl_s)
		f->o.cache_ttl_s = COLO_FETCH_CACHE_TTL;
	if (f->o.mailto && *f->o.mailto)
		f->mailto = colo_xstrdup(f->o.mailto);
	f->o.mailto = f->mailto;
	f->ua = colo_http_user_agent_for(f->mailto);
	f->rng = (uint64_t)now_ms() * 6364136223846793005ULL ^ (uint64_t)getpid();
	if (!f->rng)
		f->rng = 88172645463325252ULL;
	*out = f;
	return true;
}

void colo_fetch_destroy(colo_fetch *f)
{
	if (!f)
		return;
	colo_http_client_destroy(f->http);
	for (size_t i = 0; i < f->nhosts; i++)
		free(f->hosts[i].host);
	free(f->hosts);
	free(f->ua);
	free(f->mailto);
	free(f);
}

const char *colo_fetch_user_agent(const colo_fetch *f)
{
	return f->ua;
}

void colo_fetch_get_stats(const colo_fetch *f, colo_fetch_stats *out)
{
	*out = f->st;
	out->connections = colo_http_client_connections(f->http);
}

void colo_fetch_resp_cleanup(colo_fetch_resp *resp)
{
	if (!resp)
		return;
	colo_buf_cleanup(&resp->body);
	free(resp->content_type);
	free(resp->final_url);
	resp->content_type = resp->final_url = NULL;
	resp->status = 0;
	resp->from_cache = false;
}

static void resp_init(colo_fetch_resp *resp)
{
	memset(resp, 0, sizeof *resp);
	colo_buf_init(&resp->body, 0);
}

static bool retryable(long status)
{
	return status == 429 || status == 500 || status == 502 || status == 503 ||
	       status == 504;
}

/* How long to wait before retry number `attempt` (0-based): the server's
 * Retry-After when it gave a usable one, else 500 ms doubled per attempt
 * with "equal jitter" (half fixed, half random); both capped. */
static long backoff_ms(colo_fetch *f, int attempt, const char *retry_after)
{
	long cap = f->o.max_backoff_ms, w;

	if (retry_after &&
	    colo_http_parse_retry_after(retry_after, (long long)time(NULL), &w))
		return w < cap ? w : cap;
	w = BACKOFF_BASE_MS;
	for (int i = 0; i < attempt && w < cap; i++)
		w *= 2;
	if (w > cap)
		w = cap;
	return w / 2 + (long)(next_rand(f) % (uint64_t)(w / 2 + 1));
}

static void serve_entry(colo_fetch_resp *resp, colo_cache_entry *e)
{
	resp->status = e->status;
	resp->body = e->body;
	colo_buf_init(&e->body, 0);
	resp->content_type = e->content_type;
	e->content_type = NULL;
	resp->final_url = e->final_url ? e->final_url : colo_xstrdup(e->url);
	e->final_url = NULL;
	resp->from_cache = true;
}

/* Stores a 2xx answer, unless it claims to be JSON and is not. */
static void cache_store(colo_fetch *f, const char *url, const char *accept,
                        colo_http_resp *r)
{
	colo_cache_entry e;
	colo_error ignored;

	if (!f->o.cache)
		return;
	if (is_json_type(r->content_type) &&
	    !json_well_formed(r->body.data ? r->body.data : "", r->body.len))
		return;
	colo_cache_entry_init(&e);
	e.url = (char *)url;
	e.accept = (char *)accept;
	e.final_url = r->final_url;
	e.status = r->status;
	e.content_type = r->content_type;
	e.etag = r->etag;
	e.last_modified = r->last_modified;
	e.body = r->body;
	e.fetched_at = (long long)time(NULL);
	if (!colo_store_cache_put(f->o.cache, &e, &ignored))
		f->st.cache_errors++;
	/* everything in e was borrowed */
}

bool colo_fetch_get(colo_fetch *f, const char *url, const char *accept,
                    colo_fetch_resp *resp, colo_error *err)
{
	colo_cache_entry entry;
	bool have_entry = false, ok = false;
	colo_http_resp r;
	colo_http_req req = {0};
	colo_http_opts ho = {0};
	colo_error cerr;

	resp_init(resp);
	colo_cache_entry_init(&entry);
	colo_http_resp_init(&r);
	if (!colo_http_is_url(url)) {
		colo_error_set(err, COLO_ENET,
		               "cannot fetch %s: only http and https URLs are supported",
		               url);
		goto done;
	}
	if (f->o.cache && !f->o.refresh) {
		bool found = false;

		if (!colo_store_cache_get(f->o.cache, url, accept, &entry, &found,
		                          &cerr))
			f->st.cache_errors++;
		else if (found && entry.status >= 200 && entry.status < 300)
			have_entry = true;
		/* Fresh, or offline (where any stored answer beats none). */
		if (have_entry &&
		    (f->o.offline ||
		     (f->o.cache_ttl_s > 0 &&
		      (long long)time(NULL) >= entry.fetched_at &&
		      (long long)time(NULL) - entry.fetched_at < f->o.cache_ttl_s))) {
			serve_entry(resp, &entry);
			f->st.cache_hits++;
			ok = true;
			goto done;
		}
	}
	if (f->o.offline) {
		colo_error_set(err, COLO_ENET, "offline: would fetch %s", url);
		goto done;
	}

	if (!f->http)
		f->http = colo_http_client_new(f->ua);
	req.url = url;
	req.accept = accept;
	if (have_entry) {
		req.if_none_match = entry.etag;
		req.if_modified_since = entry.last_modified;
	}
	ho.connect_timeout_ms = f->o.connect_timeout_ms;
	ho.timeout_ms = f->o.timeout_ms;
	ho.max_body = f->o.max_body;
	ho.allow_http_redirects = f->o.allow_http;
	ho.before_request = pace_url;
	ho.before_request_arg = f;

	for (int attempt = 0;; attempt++) {
		f->st.requests++;
		if (!colo_http_request(f->http, &req, &ho, &r, err))
			goto done;
		/* the limit is the answering host's */
		adopt_announced_limit(f, host_for(f, r.final_url), &r);
		if (!retryable(r.status))
			break;
		if (attempt >= f->o.max_retries) {
			colo_error_set(err, COLO_ENET,
			               "cannot fetch %s: HTTP %ld (gave up after %d "
			               "retr%s)",
			               url, r.status, attempt, attempt == 1 ? "y" : "ies");
			goto done;
		}
		{
			long w = backoff_ms(f, attempt, r.retry_after);

			sleep_ms(w);
			f->st.waited_ms += w;
			f->st.retries++;
		}
	}

	if (r.status == 304 && have_entry) {
		f->st.not_modified++;
		f->st.cache_hits++;
		if (!colo_store_cache_touch(f->o.cache, url, accept,
		                            (long long)time(NULL), r.etag,
		                            r.last_modified, &cerr))
			f->st.cache_errors++;
		serve_entry(resp, &entry);
		resp->status = 304;
		ok = true;
		goto done;
	}
	if (r.status == 404 || r.status == 410) {
		colo_error_set(err, COLO_ENOTFOUND, "not found: %s (HTTP %ld)", url,
		               r.status);
		goto done;
	}
	if (r.status < 200 || r.status >= 300) {
		colo_error_set(err, COLO_ENET, "cannot fetch %s: HTTP %ld", url,
		               r.status);
		goto done;
	}
	cache_store(f, url, accept, &r);
	resp->status = r.status;
	resp->body = r.body;
	colo_buf_init(&r.body, 0);
	resp->content_type = r.content_type;
	r.content_type = NULL;
	resp->final_url = r.final_url;
	r.final_url = NULL;
	ok = true;
done:
	colo_http_resp_cleanup(&r);
	colo_cache_entry_cleanup(&entry);
	return ok;
}

bool colo_fetch_forget(colo_fetch *f, const char *url, colo_error *err)
{
	if (!f->o.cache)
		return true;
	return colo_store_cache_forget(f->o.cache, url, err);
}

/* ---- base URLs ---------------------------------------------------------- */

const char *colo_fetch_base_url(const char *service)
{
	const colo_config *c = colo_config_get(NULL);
	static const struct {
		const char *name, *def;
		size_t off;
	} svc[] = {
		{"doi", "https://doi.org", offsetof(colo_config, doi_url)},
		{"crossref", "https://api.crossref.org",
		 offsetof(colo_config, crossref_url)},
		{"openlibrary", "https://openlibrary.org",
		 offsetof(colo_config, openlibrary_url)},
		{"orcid", "https://pub.orcid.org", offsetof(colo_config, orcid_url)},
		{"openalex", "https://api.openalex.org",
		 offsetof(colo_config, openalex_url)},
	};

	for (size_t i = 0; i < sizeof svc / sizeof svc[0]; i++) {
		if (service && strcmp(service, svc[i].name) == 0) {
			const char *v =
				*(char *const *)(const void *)((const char *)c + svc[i].off);

			return v ? v : svc[i].def;
		}
	}
	return NULL;
}
