/* testsupport.h - helpers shared by the C tests: files, the test server's
 * URI, and per-test database names. */
#ifndef COLOPHON_TESTSUPPORT_H
#define COLOPHON_TESTSUPPORT_H

#include <stddef.h>

/* Reads a whole file; NULL when it cannot be read.  Caller frees. */
char *colo_test_read_file(const char *path, size_t *len);

/* A database name unique to this process and call: colophon_test_TAG_PID_N. */
char *colo_test_dbname(const char *tag);

/* The test server's URI with `dbname` as its database, or NULL when the
 * test server is not running (COLOPHON_TEST_URI_FILE missing).  Caller
 * frees. */
char *colo_test_uri(const char *dbname);

/* Writes len bytes to DIR/NAME, failing the test on any error. */
void colo_test_write_in(const char *dir, const char *name, const char *data,
                        size_t len);

/* Reads DIR/NAME whole, failing the test when it is missing; caller
 * frees. */
char *colo_test_read_in(const char *dir, const char *name);

/* A recorded service answer, tests/fixtures/http/SERVICE/NAME under
 * $COLOPHON_SOURCE_DIR (else the current directory), read whole; fails
 * the test when it is missing.  Caller frees. */
char *colo_test_fixture(const char *service, const char *name, size_t *len);

/* $COLOPHON_TEST_TMP, or /tmp. */
const char *colo_test_tmpdir(void);

/* Starts tests/support/httpd.py (serving `page`, a path, at /article.html
 * when not NULL) on 127.0.0.1 and writes its "http://127.0.0.1:PORT" to
 * base.  Returns the server's pid, or -1 with a message. */
int colo_test_httpd_start(const char *page, char *base, size_t base_len);

/* Stops a server colo_test_httpd_start started (pid <= 0: nothing). */
void colo_test_httpd_stop(int pid);

/* What that server counted for the paths starting with prefix (its
 * /_stats): requests, distinct TCP connections, 304 answers.  Fails the
 * test when it cannot be asked. */
typedef struct colo_test_httpd_counts {
	long requests, connections, not_modified;
} colo_test_httpd_counts;
colo_test_httpd_counts colo_test_httpd_stats(const char *base,
                                             const char *prefix);

struct colo_store;

/* A database of the test's own on the test server. */
typedef struct colo_test_db {
	char *dbname;
	char *uri;
	struct colo_store *store;
} colo_test_db;

/* cmocka setup: opens a fresh database named after `tag` and stores a
 * colo_test_db in *state; -1 (with a message) when the test server cannot
 * be reached. */
int colo_test_db_setup(void **state, const char *tag);

/* cmocka teardown: drops the database and frees the fixture. */
int colo_test_db_teardown(void **state);

/* Asserts a fallible call succeeded, printing its error when it did not
 * (expects a colo_error named err in scope; include cmocka.h first). */
#define assert_ok(call)                                                      \
	do {                                                                 \
		bool ok_ = (call);                                           \
		if (!ok_)                                                    \
			print_error("%s\n", err.message);                    \
		assert_true(ok_);                                            \
	} while (0)

#endif
