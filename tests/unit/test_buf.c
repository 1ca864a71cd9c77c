/* test_buf.c - the file reader every caller shares (colo_buf_read,
 * colo_read_file): whole files, the buffer's cap, read errors. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "colophon/buf.h"
#include "testsupport.h"

/* A temporary file holding n bytes of a repeating pattern, rewound. */
static FILE *pattern_file(size_t n)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		fputc('a' + (int)(i % 26), f);
	rewind(f);
	return f;
}

static void test_whole_stream(void **state)
{
	/* more than one internal chunk */
	FILE *f = pattern_file(200000);
	colo_buf b;

	(void)state;
	colo_buf_init(&b, 0);
	assert_int_equal(colo_buf_read(&b, f), COLO_READ_OK);
	assert_int_equal(b.len, 200000);
	assert_int_equal(b.data[199999], 'a' + 199999 % 26);
	assert_int_equal(b.data[200000], '\0');
	colo_buf_cleanup(&b);
	fclose(f);
}

static void test_cap(void **state)
{
	FILE *f = pattern_file(1000);
	colo_buf b;

	(void)state;
	colo_buf_init(&b, 999);
	assert_int_equal(colo_buf_read(&b, f), COLO_READ_TOO_BIG);
	colo_buf_cleanup(&b);
	rewind(f);
	colo_buf_init(&b, 1000);
	assert_int_equal(colo_buf_read(&b, f), COLO_READ_OK);
	assert_int_equal(b.len, 1000);
	colo_buf_cleanup(&b);
	fclose(f);
}

static void test_read_error(void **state)
{
	char path[4096];
	FILE *f;
	colo_buf b;

	(void)state;
	snprintf(path, sizeof path, "%s/colo_test_buf_%d", colo_test_tmpdir(),
	         (int)getpid());
	f = fopen(path, "w"); /* write-only: reading it fails */
	assert_non_null(f);
	colo_buf_init(&b, 0);
	assert_int_equal(colo_buf_read(&b, f), COLO_READ_ERROR);
	colo_buf_cleanup(&b);
	fclose(f);
	remove(path);
}

static void test_read_file(void **state)
{
	char path[4096];
	FILE *f;
	char *s;
	size_t len = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/colo_test_buf_missing_%d",
	         colo_test_tmpdir(), (int)getpid());
	errno = 0;
	assert_null(colo_read_file(path, &len));
	assert_int_equal(errno, ENOENT);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("two\nlines\n", f);
	fclose(f);
	s = colo_read_file(path, &len);
	assert_non_null(s);
	assert_int_equal(len, 10);
	assert_string_equal(s, "two\nlines\n");
	free(s);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_stream),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_read_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
