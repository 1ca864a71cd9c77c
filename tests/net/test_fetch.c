/* test_fetch.c - the polite fetcher (core/fetch.c) and the HTTP client
 * underneath it against tests/support/httpd.py, which this test starts on
 * 127.0.0.1 (never the internet): the User-Agent with the contact address
 * and the Accept header, 404 as "not found", 429 with Retry-After (seconds
 * and an HTTP date) then success, 500 twice then success, 503 until the
 * retries run out, a redirect to http refused (and allowed to loopback
 * for tests), a 20 MB body refused, a slow body timed out, a malformed
 * JSON body handed over as it is, offline mode making no request, one
 * connection for several requests, per-host spacing, Retry-After parsing
 * and the default rate-limit table.  Times are asserted as minimums only:
 * test machines are noisy.  The cache is tested with a database in
 * tests/integration/test_store_cache.c. */
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
#include "colophon/http.h"
#include "colophon/mem.h"
#include "testsupport.h"

static pid_t server = -1;
static char base[64];

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

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

static char *url(const char *path)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "%s%s", base, path);
	return colo_buf_steal(&b);
}

/* The fixture server's counters for paths starting with prefix. */
static void server_stats(const char *prefix, long *requests, long *conns)
{
	colo_test_httpd_counts c = colo_test_httpd_stats(base, prefix);

	*requests = c.requests;
	*conns = c.connections;
}

/* A fetcher for tests: no spacing, short waits, unless o says otherwise. */
static colo_fetch *fetcher(colo_fetch_opts *o)
{
	colo_fetch_opts d = {0};
	colo_fetch *f = NULL;
	colo_error err;

	if (!o) {
		o = &d;
		o->min_interval_ms = -1;
		o->max_backoff_ms = 200;
	}
	assert_ok(colo_fetch_new(o, &f, &err));
	return f;
}

static bool get(colo_fetch *f, const char *path, const char *accept,
                colo_fetch_resp *resp, colo_error *err)
{
	char *u = url(path);
	bool ok;

	colo_error_clear(err);
	ok = colo_fetch_get(f, u, accept, resp, err);
	free(u);
	return ok;
}

static void expect_fail(colo_fetch *f, const char *path, int code,
                        const char *needle)
{
	colo_fetch_resp resp;
	colo_error err;

	assert_false(get(f, path, NULL, &resp, &err));
	if (err.code != code || !strstr(err.message, needle))
		print_error("code %d, message: %s\n", err.code, err.message);
	assert_int_equal(err.code, code);
	assert_non_null(strstr(err.message, needle));
	assert_null(strchr(err.message, '\n'));
	assert_int_equal(resp.body.len, 0);
	colo_fetch_resp_cleanup(&resp);
}

static void test_user_agent_and_accept(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f;
	colo_fetch_resp resp;
	colo_error err;

	o.mailto = "librarian@example.org";
	o.min_interval_ms = -1;
	f = fetcher(&o);
	assert_ok(get(f, "/headers", "application/vnd.citationstyles.csl+json",
	              &resp, &err));
	assert_int_equal(resp.status, 200);
	assert_false(resp.from_cache);
	assert_non_null(strstr(colo_buf_cstr(&resp.body), "User-Agent: colophon/"));
	assert_non_null(strstr(colo_buf_cstr(&resp.body),
	                       "mailto:librarian@example.org)"));
	assert_non_null(strstr(colo_buf_cstr(&resp.body),
	                       "Accept: application/vnd.citationstyles.csl+json"));
	assert_non_null(strstr(colo_fetch_user_agent(f),
	                       "; mailto:librarian@example.org)"));
	assert_non_null(resp.content_type);
	colo_fetch_resp_cleanup(&resp);
	colo_fetch_destroy(f);

	/* a contact address that could break the header is refused */
	o.mailto = "a@b.org)\r\nX-Evil: 1";
	f = (colo_fetch *)1;
	assert_false(colo_fetch_new(&o, &f, &err));
	assert_null(f);
	assert_int_equal(err.code, COLO_EUSAGE);
}

static void test_not_found(void **state)
{
	colo_fetch *f = fetcher(NULL);
	colo_fetch_stats st;

	expect_fail(f, "/404", COLO_ENOTFOUND, "not found: ");
	expect_fail(f, "/svc/no-such-service/x", COLO_ENOTFOUND, "HTTP 404");
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.retries, 0); /* 404 is an answer, not a hiccup */
	assert_int_equal(st.requests, 2);
	colo_fetch_destroy(f);
}

static void test_429_retry_after_seconds(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f;
	colo_fetch_resp resp;
	colo_fetch_stats st;
	colo_error err;
	long long t0;

	o.min_interval_ms = -1;
	o.max_backoff_ms = 5000; /* above the server's 1 s */
	f = fetcher(&o);
	t0 = mono_ms();
	assert_ok(get(f, "/fail/429/1/ra-seconds?retry-after=1", NULL, &resp, &err));
	assert_true(mono_ms() - t0 >= 950);
	assert_non_null(strstr(colo_buf_cstr(&resp.body), "\"attempt\": 2"));
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 2);
	assert_int_equal(st.retries, 1);
	assert_true(st.waited_ms >= 1000);
	colo_fetch_resp_cleanup(&resp);
	colo_fetch_destroy(f);
}

static void test_503_retry_after_date(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f;
	colo_fetch_resp resp;
	colo_fetch_stats st;
	colo_error err;
	long long t0;

	o.min_interval_ms = -1;
	o.max_backoff_ms = 5000;
	f = fetcher(&o);
	t0 = mono_ms();
	/* an HTTP date two seconds ahead: at least one whole second away */
	assert_ok(get(f, "/fail/503/1/ra-date?retry-after=date:2", NULL, &resp,
	              &err));
	assert_true(mono_ms() - t0 >= 900);
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.retries, 1);
	colo_fetch_resp_cleanup(&resp);
	colo_fetch_destroy(f);
}

static void test_500_then_success(void **state)
{
	colo_fetch *f = fetcher(NULL);
	colo_fetch_resp resp;
	colo_fetch_stats st;
	colo_error err;

	assert_ok(get(f, "/fail/500/2/five-hundred", "application/json", &resp,
	              &err));
	assert_int_equal(resp.status, 200);
	assert_non_null(strstr(colo_buf_cstr(&resp.body), "\"attempt\": 3"));
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 3);
	assert_int_equal(st.retries, 2);
	assert_true(st.waited_ms >= 2 * 50); /* backoff: at least half of 100 ms */
	colo_fetch_resp_cleanup(&resp);
	colo_fetch_destroy(f);
}

static void test_retries_bounded(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f;
	colo_fetch_stats st;
	long req, conns;

	o.min_interval_ms = -1;
	o.max_backoff_ms = 100;
	o.max_retries = 2;
	f = fetcher(&o);
	expect_fail(f, "/fail/503/99/always", COLO_ENET,
	            "HTTP 503 (gave up after 2 retries)");
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 3);
	assert_int_equal(st.retries, 2);
	server_stats("/fail/503/99/always", &req, &conns);
	assert_int_equal(req, 3);
	colo_fetch_destroy(f);

	/* max_retries < 0: none at all */
	o.max_retries = -1;
	f = fetcher(&o);
	expect_fail(f, "/fail/502/99/never-retried", COLO_ENET,
	            "HTTP 502 (gave up after 0 retries)");
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 1);
	colo_fetch_destroy(f);
}

static void test_other_statuses(void **state)
{
	colo_fetch *f = fetcher(NULL);
	colo_fetch_stats st;

	/* 400-class answers other than 404/410/429 are failures at once */
	expect_fail(f, "/fail/403/99/forbidden", COLO_ENET,
	            "/fail/403/99/forbidden: HTTP 403");
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.retries, 0);
	colo_fetch_destroy(f);
}

static void test_redirect_to_http(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f = fetcher(NULL);
	colo_fetch_resp resp;
	colo_error err;

	expect_fail(f, "/to-http", COLO_ENET, "redirect to non-https URL");
	expect_fail(f, "/chain/1", COLO_ENET, "refused");
	colo_fetch_destroy(f);

	/* the test-only switch allows plain-http redirects to loopback */
	o.min_interval_ms = -1;
	o.allow_http = true;
	f = fetcher(&o);
	assert_ok(get(f, "/chain/3", NULL, &resp, &err));
	assert_non_null(strstr(resp.final_url, "/article.html"));
	colo_fetch_resp_cleanup(&resp);
	expect_fail(f, "/chain/6", COLO_ENET, "more than 5 redirects");
	colo_fetch_destroy(f);
}

static void test_big_body_refused(void **state)
{
	colo_fetch *f = fetcher(NULL);

	expect_fail(f, "/big", COLO_ENET, "larger than 10485760 bytes");
	expect_fail(f, "/big-chunked", COLO_ENET, "larger than 10485760 bytes");
	expect_fail(f, "/gzip-chunked", COLO_ENET, "larger than 10485760 bytes");
	colo_fetch_destroy(f);
}

static void test_slow_body_times_out(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f;
	time_t t0 = time(NULL);

	o.min_interval_ms = -1;
	o.timeout_ms = 1500;
	f = fetcher(&o);
	expect_fail(f, "/slow", COLO_ENET, "cannot fetch");
	assert_true(time(NULL) - t0 < 20);
	colo_fetch_destroy(f);
}

static void test_malformed_json_handed_over(void **state)
{
	colo_fetch *f = fetcher(NULL);
	colo_fetch_resp resp;
	colo_error err;

	/* the fetcher does not judge bodies: the importer reports the
	 * parse error (and nothing is cached, see test_store_cache.c) */
	assert_ok(get(f, "/malformed.json", "application/json", &resp, &err));
	assert_int_equal(resp.status, 200);
	assert_string_equal(resp.content_type, "application/json");
	assert_non_null(strstr(colo_buf_cstr(&resp.body), "Harbours of"));
	colo_fetch_resp_cleanup(&resp);
	colo_fetch_destroy(f);
}

static void test_offline_makes_no_request(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f;
	colo_fetch_stats st;
	long req, conns;
	long long t0;

	o.offline = true;
	f = fetcher(&o);
	t0 = mono_ms();
	expect_fail(f, "/json/offline-probe", COLO_ENET,
	            "offline: would fetch http://127.0.0.1:");
	assert_true(mono_ms() - t0 < 1000);
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 0);
	assert_int_equal(st.connections, 0);
	server_stats("/json/offline-probe", &req, &conns);
	assert_int_equal(req, 0);
	colo_fetch_destroy(f);
}

static void test_one_connection_for_many_requests(void **state)
{
	colo_fetch *f = fetcher(NULL);
	colo_fetch_resp resp;
	colo_fetch_stats st;
	colo_error err;
	long req, conns;
	char path[64];

	for (int i = 0; i < 6; i++) {
		snprintf(path, sizeof path, "/json/reuse-%d", i);
		assert_ok(get(f, path, "application/json", &resp, &err));
		colo_fetch_resp_cleanup(&resp);
	}
	/* a retried request stays on the connection too */
	assert_ok(get(f, "/fail/500/1/reuse-retry", NULL, &resp, &err));
	colo_fetch_resp_cleanup(&resp);
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 8);
	assert_int_equal(st.connections, 1);
	server_stats("/json/reuse-", &req, &conns);
	assert_int_equal(req, 6);
	assert_int_equal(conns, 1);
	colo_fetch_destroy(f);
}

static void test_per_host_spacing(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f;
	colo_fetch_resp resp;
	colo_fetch_stats st;
	colo_error err;
	long long t0;

	o.min_interval_ms = 300;
	f = fetcher(&o);
	t0 = mono_ms();
	for (int i = 0; i < 3; i++) {
		assert_ok(get(f, "/json/spaced", NULL, &resp, &err));
		colo_fetch_resp_cleanup(&resp);
	}
	/* three requests: two gaps of at least 300 ms */
	assert_true(mono_ms() - t0 >= 590);
	colo_fetch_get_stats(f, &st);
	assert_true(st.waited_ms >= 400);
	colo_fetch_destroy(f);

	/* redirect hops are requests to their host too: /chain/2 is three */
	o.allow_http = true;
	f = fetcher(&o);
	t0 = mono_ms();
	assert_ok(get(f, "/chain/2", NULL, &resp, &err));
	colo_fetch_resp_cleanup(&resp);
	assert_true(mono_ms() - t0 >= 590);
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.requests, 1);
	colo_fetch_destroy(f);
}

static void test_announced_rate_limit(void **state)
{
	colo_fetch_opts o = {0};
	colo_fetch *f;
	colo_fetch_resp resp;
	colo_fetch_stats st;
	colo_error err;
	long long t0;

	/* "4 requests per 1s" is stricter than 10 ms: 250 ms between them */
	o.min_interval_ms = 10;
	f = fetcher(&o);
	t0 = mono_ms();
	for (int i = 0; i < 3; i++) {
		assert_ok(get(f, "/limited/4/a", NULL, &resp, &err));
		colo_fetch_resp_cleanup(&resp);
	}
	assert_true(mono_ms() - t0 >= 490);
	colo_fetch_get_stats(f, &st);
	assert_true(st.waited_ms >= 400);
	colo_fetch_destroy(f);

	/* no spacing at all (tests) stays so: nothing waited */
	f = fetcher(NULL);
	for (int i = 0; i < 3; i++) {
		assert_ok(get(f, "/limited/1/b", NULL, &resp, &err));
		colo_fetch_resp_cleanup(&resp);
	}
	colo_fetch_get_stats(f, &st);
	assert_int_equal(st.waited_ms, 0);
	colo_fetch_destroy(f);
}

static void test_retry_after_parsing(void **state)
{
	long ms = -1;
	long long now = 1445412480; /* Wed, 21 Oct 2015 07:28:00 GMT */

	assert_true(colo_http_parse_retry_after("120", now, &ms));
	assert_int_equal(ms, 120000);
	assert_true(colo_http_parse_retry_after(" 0 ", now, &ms));
	assert_int_equal(ms, 0);
	assert_true(colo_http_parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT",
	                                        now, &ms));
	assert_int_equal(ms, 30000);
	/* a date in the past: no wait */
	assert_true(colo_http_parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT",
	                                        now, &ms));
	assert_int_equal(ms, 0);
	assert_false(colo_http_parse_retry_after("soon", now, &ms));
	assert_false(colo_http_parse_retry_after("-5", now, &ms));
	assert_false(colo_http_parse_retry_after("12abc", now, &ms));
	assert_false(colo_http_parse_retry_after("", now, &ms));
	assert_false(colo_http_parse_retry_after(NULL, now, &ms));
}

static void test_default_intervals(void **state)
{
	assert_int_equal(colo_fetch_default_interval_ms("api.crossref.org", false),
	                 1000);
	assert_int_equal(colo_fetch_default_interval_ms("api.crossref.org", true),
	                 334);
	assert_int_equal(colo_fetch_default_interval_ms("openlibrary.org", true),
	                 334);
	assert_int_equal(colo_fetch_default_interval_ms("api.openalex.org", false),
	                 100);
	assert_int_equal(colo_fetch_default_interval_ms("pub.orcid.org", false),
	                 100);
	assert_int_equal(colo_fetch_default_interval_ms("doi.org", false), 200);
	assert_int_equal(colo_fetch_default_interval_ms("example.org", true), 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_agent_and_accept),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_429_retry_after_seconds),
		cmocka_unit_test(test_503_retry_after_date),
		cmocka_unit_test(test_500_then_success),
		cmocka_unit_test(test_retries_bounded),
		cmocka_unit_test(test_other_statuses),
		cmocka_unit_test(test_redirect_to_http),
		cmocka_unit_test(test_big_body_refused),
		cmocka_unit_test(test_slow_body_times_out),
		cmocka_unit_test(test_malformed_json_handed_over),
		cmocka_unit_test(test_offline_makes_no_request),
		cmocka_unit_test(test_one_connection_for_many_requests),
		cmocka_unit_test(test_per_host_spacing),
		cmocka_unit_test(test_announced_rate_limit),
		cmocka_unit_test(test_retry_after_parsing),
		cmocka_unit_test(test_default_intervals),
	};

	return cmocka_run_group_tests(tests, start_server, stop_server);
}
