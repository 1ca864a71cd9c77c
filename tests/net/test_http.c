/* test_http.c - the HTTP client against tests/support/httpd.py, which this
 * test starts on 127.0.0.1 (never the internet): a page, the User-Agent,
 * redirect chains (at most 5), a redirect loop, a redirect to http
 * refused, 20 MB bodies refused while reading (with a length, chunked,
 * and gzip that inflates past the cap), a slow body that times out, 404
 * and 500, a closed port, a non-http scheme, and colo_read_source picking
 * the network for URLs and the file system otherwise. */
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

#include "cli.h"
#include "colophon/buf.h"
#include "colophon/http.h"
#include "colophon/mem.h"
#include "testsupport.h"

static pid_t server = -1;
static char base[64];
static char page_path[4096];
static char *page;
static size_t page_len;

static int start_server(void **state)
{
	(void)state;
	const char *src = getenv("COLOPHON_SOURCE_DIR");

	if (!src) {
		print_error("COLOPHON_SOURCE_DIR is not set\n");
		return -1;
	}
	snprintf(page_path, sizeof page_path,
	         "%s/tests/golden/article/html_meta.txt", src);
	page = colo_test_read_file(page_path, &page_len);
	if (!page)
		return -1;
	server = colo_test_httpd_start(page_path, base, sizeof base);
	return server > 0 ? 0 : -1;
}

static int stop_server(void **state)
{
	(void)state;
	colo_test_httpd_stop(server);
	free(page);
	return 0;
}

static char *url(const char *path)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "%s%s", base, path);
	return colo_buf_steal(&b);
}

/* GETs path; returns whether it worked, leaving body and err. */
static bool get(const char *path, const colo_http_opts *o, colo_buf *body,
                colo_error *err)
{
	char *u = url(path);
	bool ok;

	colo_buf_init(body, 0);
	colo_error_clear(err);
	ok = colo_http_get(u, o, body, NULL, err);
	free(u);
	return ok;
}

static void expect_fail(const char *path, const colo_http_opts *o,
                        const char *needle)
{
	colo_buf body;
	colo_error err;

	assert_false(get(path, o, &body, &err));
	assert_int_equal(err.code, COLO_ENET);
	if (!strstr(err.message, needle))
		print_error("message: %s\n", err.message);
	assert_non_null(strstr(err.message, needle));
	assert_null(strchr(err.message, '\n'));
	assert_int_equal(body.len, 0);
	colo_buf_cleanup(&body);
}

static void test_page(void **state)
{
	colo_buf body;
	colo_error err;
	char *u = url("/article.html"), *final = NULL;

	colo_buf_init(&body, 0);
	assert_true(colo_http_get(u, NULL, &body, &final, &err));
	assert_int_equal(body.len, page_len);
	assert_memory_equal(body.data, page, page_len);
	assert_string_equal(final, u);
	free(final);
	free(u);
	colo_buf_cleanup(&body);
}

static void test_user_agent(void **state)
{
	colo_buf body;
	colo_error err;

	assert_true(get("/ua", NULL, &body, &err));
	assert_string_equal(colo_buf_cstr(&body), colo_http_user_agent());
	assert_non_null(strstr(colo_http_user_agent(), "colophon/"));
	colo_buf_cleanup(&body);
}

static void test_redirects(void **state)
{
	colo_http_opts o = {0};
	colo_buf body;
	colo_error err;
	char *u = url("/chain/5"), *final = NULL, *want = url("/article.html");

	o.allow_http_redirects = true;
	colo_buf_init(&body, 0);
	assert_true(colo_http_get(u, &o, &body, &final, &err));
	assert_int_equal(body.len, page_len);
	assert_string_equal(final, want);
	free(final);
	free(want);
	free(u);
	colo_buf_cleanup(&body);
	expect_fail("/chain/6", &o, "more than 5 redirects");
	expect_fail("/loop", &o, "more than 5 redirects");
}

static void test_redirect_to_http_refused(void **state)
{
	expect_fail("/to-http", NULL, "redirect to non-https URL");
	expect_fail("/chain/1", NULL, "refused");
}

static void test_body_caps(void **state)
{
	expect_fail("/big", NULL, "larger than 10485760 bytes");
	expect_fail("/big-chunked", NULL, "larger than 10485760 bytes");
	expect_fail("/gzip-chunked", NULL, "larger than 10485760 bytes");
}

static void test_timeout(void **state)
{
	colo_http_opts o = {0};
	time_t t0 = time(NULL);

	o.timeout_ms = 1500;
	expect_fail("/slow", &o, "cannot fetch");
	assert_true(time(NULL) - t0 < 10);
}

static void test_statuses(void **state)
{
	expect_fail("/404", NULL, "HTTP 404");
	expect_fail("/500", NULL, "HTTP 500");
}

static void test_bad_urls(void **state)
{
	colo_buf body;
	colo_error err;

	colo_buf_init(&body, 0);
	assert_false(colo_http_get("ftp://127.0.0.1/x", NULL, &body, NULL, &err));
	assert_int_equal(err.code, COLO_ENET);
	assert_non_null(strstr(err.message, "only http and https"));
	/* port 1 on loopback: nothing listens */
	assert_false(colo_http_get("http://127.0.0.1:1/", NULL, &body, NULL, &err));
	assert_int_equal(err.code, COLO_ENET);
	assert_non_null(strstr(err.message, "cannot fetch http://127.0.0.1:1/"));
	colo_buf_cleanup(&body);
}

static void test_read_source(void **state)
{
	colo_buf body;
	colo_error err;
	char *u = url("/article.html");

	colo_buf_init(&body, 0);
	assert_true(colo_read_source(u, (size_t)64 << 20, &body, &err));
	assert_int_equal(body.len, page_len);
	colo_buf_reset(&body);
	assert_true(colo_read_source(page_path, (size_t)64 << 20, &body, &err));
	assert_int_equal(body.len, page_len);
	colo_buf_reset(&body);
	/* the caller's smaller cap applies to URLs too */
	assert_false(colo_read_source(u, 100, &body, &err));
	assert_int_equal(err.code, COLO_ENET);
	free(u);
	u = url("/404");
	assert_false(colo_read_source(u, 1000, &body, &err));
	assert_int_equal(err.code, COLO_ENET);
	free(u);
	colo_buf_cleanup(&body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_user_agent),
		cmocka_unit_test(test_redirects),
		cmocka_unit_test(test_redirect_to_http_refused),
		cmocka_unit_test(test_body_caps),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_bad_urls),
		cmocka_unit_test(test_read_source),
	};

	return cmocka_run_group_tests(tests, start_server, stop_server);
}
