/* test_localdb.c - the managed local server: start, status, stop, stale pid
 * files, and the message when no server binary exists.
 *
 * Runs FerretDB (the binary tests/support/testdb.sh used, named in the file
 * "binary" beside COLOPHON_TEST_URI_FILE) under a private XDG_DATA_HOME in
 * a short directory, so it never touches the user's or other tests'
 * servers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "colophon/buf.h"
#include "colophon/localdb.h"
#include "colophon/mem.h"
#include "colophon/store.h"
#include "testsupport.h"

#define assert_ok(call)                                                        \
	do {                                                                   \
		bool ok_ = (call);                                             \
		if (!ok_)                                                      \
			print_error("%s\n", err.message);                      \
		assert_true(ok_);                                              \
	} while (0)

static char home[64];

static int setup(void **state)
{
	const char *urifile = getenv("COLOPHON_TEST_URI_FILE");
	char *binfile, *bin;
	colo_buf p;
	size_t len;

	if (!urifile)
		return -1;
	colo_buf_init(&p, 0);
	colo_buf_puts(&p, urifile);
	while (p.len && p.data[p.len - 1] != '/')
		p.data[--p.len] = '\0';
	colo_buf_puts(&p, "binary");
	binfile = colo_buf_steal(&p);
	bin = colo_test_read_file(binfile, &len);
	free(binfile);
	if (!bin)
		return -1;
	while (len && bin[len - 1] == '\n')
		bin[--len] = '\0';
	setenv("COLOPHON_FERRETDB", bin, 1);
	free(bin);

	snprintf(home, sizeof home, "/tmp/colo-ldb-XXXXXX");
	if (!mkdtemp(home))
		return -1;
	setenv("XDG_DATA_HOME", home, 1);
	return 0;
}

static int teardown(void **state)
{
	colo_error err;
	colo_buf cmd;
	int rc;

	colo_error_clear(&err);
	colo_localdb_stop(NULL, &err);
	colo_buf_init(&cmd, 0);
	colo_buf_printf(&cmd, "rm -rf '%s'", home);
	rc = system(colo_buf_cstr(&cmd));
	colo_buf_cleanup(&cmd);
	return rc == 0 ? 0 : -1;
}

static void test_start_status_stop(void **state)
{
	colo_localdb_status st;
	colo_error err;
	char *uri = NULL, *uri2 = NULL;
	colo_store *s = NULL;
	bool was = false;
	int pid;

	colo_error_clear(&err);
	assert_ok(colo_localdb_status_get(&st, &err));
	assert_false(st.running);
	assert_non_null(st.binary);
	assert_non_null(st.dir);
	assert_non_null(strstr(st.dir, home));
	colo_localdb_status_cleanup(&st);

	assert_ok(colo_localdb_start(&uri, &err));
	assert_non_null(uri);
	assert_ok(colo_store_open(uri, &s, &err));
	colo_store_destroy(s);

	assert_ok(colo_localdb_status_get(&st, &err));
	assert_true(st.running);
	assert_true(st.pid > 1);
	assert_string_equal(st.uri, uri);
	pid = st.pid;
	colo_localdb_status_cleanup(&st);

	/* Starting again finds the running server. */
	assert_ok(colo_localdb_start(&uri2, &err));
	assert_string_equal(uri2, uri);
	assert_ok(colo_localdb_status_get(&st, &err));
	assert_int_equal(st.pid, pid);
	colo_localdb_status_cleanup(&st);

	assert_ok(colo_localdb_stop(&was, &err));
	assert_true(was);
	assert_ok(colo_localdb_status_get(&st, &err));
	assert_false(st.running);
	colo_localdb_status_cleanup(&st);
	assert_ok(colo_localdb_stop(&was, &err));
	assert_false(was);
	free(uri);
	free(uri2);
}

/* A pid file naming a live process that is not our server is stale. */
static void test_stale_pid(void **state)
{
	colo_localdb_status st;
	colo_error err;
	colo_buf path;
	FILE *f;
	char *uri = NULL;

	colo_error_clear(&err);
	colo_buf_init(&path, 0);
	colo_buf_printf(&path, "%s/colophon/server", home);
	{
		colo_buf cmd;

		colo_buf_init(&cmd, 0);
		colo_buf_printf(&cmd, "mkdir -p '%s'", colo_buf_cstr(&path));
		assert_int_equal(system(colo_buf_cstr(&cmd)), 0);
		colo_buf_cleanup(&cmd);
	}
	colo_buf_puts(&path, "/server.pid");
	f = fopen(colo_buf_cstr(&path), "w");
	assert_non_null(f);
	fprintf(f, "%ld\n", (long)getpid()); /* alive, but a test, not a server */
	fclose(f);

	assert_ok(colo_localdb_status_get(&st, &err));
	assert_false(st.running);
	colo_localdb_status_cleanup(&st);
	assert_ok(colo_localdb_start(&uri, &err));
	assert_ok(colo_localdb_status_get(&st, &err));
	assert_true(st.running);
	assert_int_not_equal(st.pid, (int)getpid());
	colo_localdb_status_cleanup(&st);
	assert_ok(colo_localdb_stop(NULL, &err));
	free(uri);
	colo_buf_cleanup(&path);
}

static void test_no_binary(void **state)
{
	colo_error err;
	char *uri = NULL;
	char *path = colo_xstrdup(getenv("PATH"));
	char *bin = colo_xstrdup(getenv("COLOPHON_FERRETDB"));

	colo_error_clear(&err);
	setenv("PATH", "/nonexistent", 1);
	setenv("COLOPHON_FERRETDB", "", 1);
	setenv("XDG_CACHE_HOME", "/nonexistent", 1);
	assert_false(colo_localdb_start(&uri, &err));
	assert_null(uri);
	assert_int_equal(err.code, COLO_EDB);
	assert_string_equal(err.message,
	                    "no local database server: install MongoDB (mongod) or "
	                    "run scripts/get-ferretdb.sh (needs Go >= 1.21), or "
	                    "set COLOPHON_DB to a MongoDB URI");
	setenv("PATH", path, 1);
	setenv("COLOPHON_FERRETDB", bin, 1);
	unsetenv("XDG_CACHE_HOME");
	free(path);
	free(bin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_start_status_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_pid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_binary, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
