/* test_uri.c - colo_uri_mask: passwords never survive, everything else
 * does.  No database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/uri.h"

static void check(const char *in, const char *want)
{
	char *got = colo_uri_mask(in);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_user_password(void **state)
{
	check("mongodb://alice:s3cret@db.example.org:27017/colophon",
	      "mongodb://alice:****@db.example.org:27017/colophon");
	check("mongodb://alice:s3cret@h1,h2:27018/?replicaSet=rs0",
	      "mongodb://alice:****@h1,h2:27018/?replicaSet=rs0");
}

static void test_user_only(void **state)
{
	check("mongodb://alice@db.example.org/colophon?authMechanism=MONGODB-X509",
	      "mongodb://alice@db.example.org/colophon?authMechanism=MONGODB-X509");
}

static void test_srv(void **state)
{
	check("mongodb+srv://bob:pa%40ss@cluster0.example.net/colophon?retryWrites=true",
	      "mongodb+srv://bob:****@cluster0.example.net/colophon?retryWrites=true");
}

static void test_no_credentials(void **state)
{
	check("mongodb://localhost", "mongodb://localhost");
	check("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=1000",
	      "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=1000");
	check("mongodb://%2Ftmp%2Fcolo-x%2Fferretdb.sock/colophon",
	      "mongodb://%2Ftmp%2Fcolo-x%2Fferretdb.sock/colophon");
	check("", "");
	assert_null(colo_uri_mask(NULL));
}

static void test_socket_with_credentials(void **state)
{
	check("mongodb://u:p@%2Ftmp%2Fm.sock/db", "mongodb://u:****@%2Ftmp%2Fm.sock/db");
}

/* Passwords that were not percent-encoded still must not leak. */
static void test_unencoded_password(void **state)
{
	check("mongodb://u:a/b@host/db", "mongodb://u:****@host/db");
	check("mongodb://u:a@b@host/db", "mongodb://u:****@host/db");
	check("mongodb://u:a:b?c@host/db", "mongodb://u:****@host/db");
}

static void test_empty_password(void **state)
{
	check("mongodb://u:@host", "mongodb://u:****@host");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_password),
		cmocka_unit_test(test_user_only),
		cmocka_unit_test(test_srv),
		cmocka_unit_test(test_no_credentials),
		cmocka_unit_test(test_socket_with_credentials),
		cmocka_unit_test(test_unencoded_password),
		cmocka_unit_test(test_empty_password),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
