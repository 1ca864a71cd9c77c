/* test_store_cache.c - the HTTP response cache (core/store_cache.c) on the
 * real test server, and the fetcher (core/fetch.c) using it against
 * tests/support/httpd.py on 127.0.0.1: entries put, read back and
 * forgotten; a cached answer served with no request; --refresh fetching
 * again; a stale answer revalidated with If-None-Match and with
 * If-Modified-Since (304 keeps the stored body); a malformed JSON body
 * never cached; colo_fetch_forget; offline answering from the cache only.
 * Each test has its own database, dropped afterwards; the request counts
 * come from the fixture server itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "colophon/buf.h"
#include "colophon/fetch.h"
#include "colophon/hash.h"
#include "colophon/http.h"
#include "colophon/store.h"
#include "colophon/store_cache.h"
#include "testsupport.h"

static pid_t server = -1;
static char base[64];

static int start_server(void **state)
{
	(void)state;
	server = colo_test_httpd_start(NULL, base, sizeof base);
	return server > 0 ? 0 : -1;
}

static int stop_server(void **state)
{
	(void)state;
	colo_test_httpd_stop(server);
	return 0;
}

static int setup(void **state)
{
	return colo_test_db_setup(state, "cache");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

static colo_store *store_of(void **state)
{
	return ((colo_test_db *)*state)->store;
}

static char *url(const char *path)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "%s%s", base, path);
	return colo_buf_steal(&b);
}

/* What the fixture server saw for paths starting with prefix. */
static void server_stats(const char *prefix, long *requests, long *not_modified)
{
	colo_test_httpd_counts c = colo_test_httpd_stats(base, prefix);

	*requests = c.requests;
	*not_modified = c.not_modified;
}

static long server_requests(const char *prefix)
{
	long r, nm;

	server_stats(prefix, &r, &nm);
	return r;
}

static colo_fetch *fetcher(colo_store *s, bool refresh, long ttl)
{
	colo_fetch_opts o = {0};
	colo_fetch *f = NULL;
	colo_error err;

	o.cache = s;
	o.refresh = refresh;
	o.cache_ttl_s = ttl;
	o.min_interval_ms = -1;
	o.max_backoff_ms = 100;
	assert_ok(colo_fetch_new(&o, &f, &err));
	return f;
}

/* Fetches path; returns the body (caller frees) and what stats say. */
static char *fetch(colo_fetch *f, const char *path, bool *from_cache,
                   long *status)
{
	colo_fetch_resp resp;
	colo_error err;
	char *u = url(path), *body;

	assert_ok(colo_fetch_get(f, u, "application/json", &resp, &err));
	if (from_cache)
		*from_cache = resp.from_cache;
	if (status)
		*status = resp.status;
	body = colo_buf_steal(&resp.body);
	colo_fetch_resp_cleanup(&resp);
	free(u);
	return body;
}

static void test_put_get_forget(void **state)
{
	colo_store *s = store_of(state);
	colo_cache_entry e, got;
	colo_error err;
	bool found = true;
	static const char body[] = "{\"a\":1}\0binary\xff";
	char longurl[2048], hex[65];

	colo_cache_entry_init(&e);
	colo_cache_entry_init(&got);
	e.url = strdup("https://api.example.org/works/10.1/x");
	e.accept = strdup("application/json");
	e.final_url = strdup("https://api.example.org/works/10.1/x?final");
	e.status = 200;
	e.content_type = strdup("application/json; charset=utf-8");
	e.etag = strdup("\"v7\"");
	e.fetched_at = 1700000000;
	colo_buf_append(&e.body, body, sizeof body - 1);
	assert_ok(colo_store_cache_put(s, &e, &err));
	/* twice: idempotent */
	assert_ok(colo_store_cache_put(s, &e, &err));
	colo_sha256_hex(body, sizeof body - 1, hex);
	assert_string_equal(e.body_sha256, hex);

	/* another Accept is another entry */
	assert_ok(colo_store_cache_get(s, e.url, NULL, &got, &found, &err));
	assert_false(found);
	assert_ok(colo_store_cache_get(s, e.url, "application/json", &got, &found,
	                               &err));
	assert_true(found);
	assert_string_equal(got.url, e.url);
	assert_string_equal(got.accept, "application/json");
	assert_string_equal(got.final_url, e.final_url);
	assert_int_equal(got.status, 200);
	assert_string_equal(got.content_type, e.content_type);
	assert_string_equal(got.etag, "\"v7\"");
	assert_null(got.last_modified);
	assert_int_equal(got.fetched_at, 1700000000);
	assert_int_equal(got.body.len, sizeof body - 1);
	assert_memory_equal(got.body.data, body, sizeof body - 1);
	assert_string_equal(got.body_sha256, hex);
	colo_cache_entry_cleanup(&got);

	assert_ok(colo_store_cache_touch(s, e.url, "application/json", 1800000000,
	                                 "\"v8\"", "Tue, 14 Nov 2023 22:13:20 GMT",
	                                 &err));
	assert_ok(colo_store_cache_get(s, e.url, "application/json", &got, &found,
	                               &err));
	assert_true(found);
	assert_int_equal(got.fetched_at, 1800000000);
	assert_string_equal(got.etag, "\"v8\"");
	assert_string_equal(got.last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
	colo_cache_entry_cleanup(&got);

	/* a URL too long for an _id is keyed by its hash */
	memset(longurl, 'a', sizeof longurl - 1);
	longurl[sizeof longurl - 1] = '\0';
	memcpy(longurl, "https://x.org/?q=", 17);
	free(e.url);
	e.url = strdup(longurl);
	assert_ok(colo_store_cache_put(s, &e, &err));
	assert_ok(colo_store_cache_get(s, longurl, "application/json", &got,
	                               &found, &err));
	assert_true(found);
	assert_string_equal(got.url, longurl);
	colo_cache_entry_cleanup(&got);

	/* forget drops every Accept's entry for the URL, and only those */
	free(e.accept);
	e.accept = NULL;
	assert_ok(colo_store_cache_put(s, &e, &err));
	assert_ok(colo_store_cache_forget(s, longurl, &err));
	assert_ok(colo_store_cache_get(s, longurl, NULL, &got, &found, &err));
	assert_false(found);
	assert_ok(colo_store_cache_get(s, longurl, "application/json", &got,
	                               &found, &err));
	assert_false(found);
	assert_ok(colo_store_cache_get(s, "https://api.example.org/works/10.1/x",
	                               "application/json", &got, &found, &err));
	assert_true(found);
	colo_cache_entry_cleanup(&got);
	assert_ok(colo_store_cache_forget(s, "https://nothing.example.org/", &err));
	colo_cache_entry_cleanup(&e);
}

static void test_hit_makes_no_request(void **state)
{
	colo_store *s = store_of(state);
	colo_fetch *f = fetcher(s, false, 0);
	colo_fetch_stats st;
	bool cached = true;
	char *a, *b;

	a = fetch(f, "/json/hit-1", &cached, NULL);
	assert_false(cached);
	b = fetch(f, "/json/hit-1", &cached, NULL);
	assert_true(cached);
	assert_string_equal(a, b);
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 1);
	assert_int_equal(st.cache_hits, 1);
	assert_int_equal(st.cache_errors, 0);
	colo_fetch_destroy(f);
	free(b);

	/* a later run (a new fetcher) is answered from the store too */
	f = fetcher(s, false, 0);
	b = fetch(f, "/json/hit-1", &cached, NULL);
	assert_true(cached);
	assert_string_equal(a, b);
	assert_int_equal(server_requests("/json/hit-1"), 1);
	colo_fetch_destroy(f);
	free(a);
	free(b);
}

static void test_refresh_fetches_again(void **state)
{
	colo_store *s = store_of(state);
	colo_fetch *f = fetcher(s, false, 0);
	bool cached = true;
	char *a;

	free(fetch(f, "/json/refresh-1", &cached, NULL));
	colo_fetch_destroy(f);
	assert_int_equal(server_requests("/json/refresh-1"), 1);

	f = fetcher(s, true, 0);
	a = fetch(f, "/json/refresh-1", &cached, NULL);
	assert_false(cached);
	assert_non_null(strstr(a, "refresh-1"));
	free(a);
	colo_fetch_destroy(f);
	assert_int_equal(server_requests("/json/refresh-1"), 2);

	/* what --refresh fetched is what the next run gets */
	f = fetcher(s, false, 0);
	free(fetch(f, "/json/refresh-1", &cached, NULL));
	assert_true(cached);
	colo_fetch_destroy(f);
	assert_int_equal(server_requests("/json/refresh-1"), 2);
}

static void revalidate(void **state, const char *path)
{
	colo_store *s = store_of(state);
	colo_fetch *f = fetcher(s, false, -1); /* always revalidate */
	colo_fetch_stats st;
	bool cached = true;
	long status = 0, req, nm;
	char *a, *b;

	a = fetch(f, path, &cached, &status);
	assert_false(cached);
	assert_int_equal(status, 200);
	b = fetch(f, path, &cached, &status);
	assert_true(cached);
	assert_int_equal(status, 304);
	assert_string_equal(a, b);
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 2);
	assert_int_equal(st.not_modified, 1);
	server_stats(path, &req, &nm);
	assert_int_equal(req, 2);
	assert_int_equal(nm, 1);
	colo_fetch_destroy(f);
	free(a);
	free(b);
}

static void test_revalidate_etag(void **state)
{
	revalidate(state, "/etag/reval-1");
}

static void test_revalidate_last_modified(void **state)
{
	revalidate(state, "/lastmod/reval-2");
}

static void test_stale_without_validators_refetches(void **state)
{
	colo_store *s = store_of(state);
	colo_fetch *f = fetcher(s, false, -1);
	bool cached = true;

	free(fetch(f, "/json/stale-1", &cached, NULL));
	free(fetch(f, "/json/stale-1", &cached, NULL));
	assert_false(cached);
	assert_int_equal(server_requests("/json/stale-1"), 2);
	colo_fetch_destroy(f);
}

static void test_malformed_json_not_cached(void **state)
{
	colo_store *s = store_of(state);
	colo_fetch *f = fetcher(s, false, 0);
	colo_cache_entry e;
	colo_error err;
	bool cached = true, found = true;
	char *u = url("/malformed.json");

	free(fetch(f, "/malformed.json", &cached, NULL));
	assert_false(cached);
	colo_cache_entry_init(&e);
	assert_ok(colo_store_cache_get(s, u, "application/json", &e, &found, &err));
	assert_false(found);
	/* so the next run asks again */
	free(fetch(f, "/malformed.json", &cached, NULL));
	assert_false(cached);
	assert_int_equal(server_requests("/malformed.json"), 2);
	colo_fetch_destroy(f);
	free(u);
}

static void test_forget(void **state)
{
	colo_store *s = store_of(state);
	colo_fetch *f = fetcher(s, false, 0);
	colo_error err;
	bool cached = true;
	char *u = url("/json/forget-1");

	free(fetch(f, "/json/forget-1", &cached, NULL));
	free(fetch(f, "/json/forget-1", &cached, NULL));
	assert_true(cached);
	/* the caller rejected the body: it must not come back */
	assert_ok(colo_fetch_forget(f, u, &err));
	free(fetch(f, "/json/forget-1", &cached, NULL));
	assert_false(cached);
	assert_int_equal(server_requests("/json/forget-1"), 2);
	colo_fetch_destroy(f);
	free(u);
}

static void test_offline_uses_cache_only(void **state)
{
	colo_store *s = store_of(state);
	colo_fetch_opts o = {0};
	colo_fetch *f = fetcher(s, false, -1);
	colo_fetch_resp resp;
	colo_fetch_stats st;
	colo_error err;
	char *u = url("/json/offline-1"), *v = url("/json/offline-2");
	bool cached = true;

	free(fetch(f, "/json/offline-1", &cached, NULL));
	colo_fetch_destroy(f);

	o.cache = s;
	o.offline = true;
	o.cache_ttl_s = -1; /* stale: offline still answers from the store */
	assert_ok(colo_fetch_new(&o, &f, &err));
	assert_ok(colo_fetch_get(f, u, "application/json", &resp, &err));
	assert_true(resp.from_cache);
	assert_non_null(strstr(colo_buf_cstr(&resp.body), "offline-1"));
	colo_fetch_resp_cleanup(&resp);
	assert_false(colo_fetch_get(f, v, "application/json", &resp, &err));
	assert_int_equal(err.code, COLO_ENET);
	assert_non_null(strstr(err.message, "offline: would fetch "));
	colo_fetch_resp_cleanup(&resp);
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 0);
	assert_int_equal(server_requests("/json/offline-"), 1);
	colo_fetch_destroy(f);
	free(u);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_get_forget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hit_makes_no_request, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_refresh_fetches_again, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_revalidate_etag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revalidate_last_modified, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_stale_without_validators_refetches,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_json_not_cached, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_forget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offline_uses_cache_only, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, start_server, stop_server);
}
