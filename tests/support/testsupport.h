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

/* $COLOPHON_TEST_TMP, or /tmp. */
const char *colo_test_tmpdir(void);

#endif
