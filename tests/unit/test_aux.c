/* test_aux.c - citation keys from .aux files: BibTeX's \citation,
 * biblatex's two \abx@aux@cite forms, \citation{*}, \@input followed
 * relative to the main .aux, cycles, and file:line:col errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "colophon/aux.h"
#include "colophon/buf.h"
#include "testsupport.h"

static void keys_are(const colo_aux *a, const char *const *want, size_t n)
{
	colo_buf got;

	colo_buf_init(&got, 0);
	for (size_t i = 0; i < a->nkeys; i++)
		colo_buf_printf(&got, "%s|", a->keys[i]);
	if (a->nkeys != n)
		fail_msg("%zu keys, want %zu: %s", a->nkeys, n, colo_buf_cstr(&got));
	for (size_t i = 0; i < n; i++)
		if (strcmp(a->keys[i], want[i]) != 0)
			fail_msg("key %zu is '%s', want '%s' (%s)", i, a->keys[i],
			         want[i], colo_buf_cstr(&got));
	colo_buf_cleanup(&got);
}

static void test_scan(void **state)
{
	static const char aux[] =
		"\\relax\n"
		"\\citation{farley2014grounded}\n"
		"\\citation{a, b,c ,a}\n"
		"\\abx@aux@cite{0}{bl1}\n"
		"\\abx@aux@segm{0}{0}{bl1}\n"
		"\\abx@aux@cite{old}\n"
		"\\citation{}\n"
		"\\citation{unclosed\n\n"
		"\\bibdata{refs}\\citation{key:with/odd.chars+1}\n"
		"\\@input{not-followed.aux}\n";
	static const char *const want[] = {"farley2014grounded", "a", "b", "c",
	                                   "bl1", "old", "key:with/odd.chars+1"};
	colo_aux a;
	colo_error err;

	(void)state;
	colo_aux_init(&a);
	assert_true(colo_aux_scan(&a, aux, sizeof aux - 1, "x.aux", NULL, &err));
	keys_are(&a, want, sizeof want / sizeof *want);
	assert_false(a.all);
	colo_aux_cleanup(&a);

	colo_aux_init(&a);
	assert_true(colo_aux_scan(&a, "\\citation{x,*}", 14, "y.aux", NULL, &err));
	assert_true(a.all);
	colo_aux_cleanup(&a);
	colo_aux_init(&a);
	assert_true(colo_aux_scan(&a, "\\abx@aux@cite{0}{*}", 19, "y.aux", NULL,
	                          &err));
	assert_true(a.all);
	assert_int_equal(a.nkeys, 0);
	colo_aux_cleanup(&a);
}

static char *dir;

static void put(const char *name, const char *text)
{
	colo_buf p;
	FILE *f;

	colo_buf_init(&p, 0);
	colo_buf_printf(&p, "%s/%s", dir, name);
	f = fopen(p.data, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	colo_buf_cleanup(&p);
}

static char *path(const char *name)
{
	colo_buf p;

	colo_buf_init(&p, 0);
	colo_buf_printf(&p, "%s/%s", dir, name);
	return colo_buf_steal(&p);
}

static void test_files(void **state)
{
	static const char *const want[] = {"main1", "ch1a", "ch2a", "ch2b",
	                                   "main2"};
	colo_aux a;
	colo_error err;
	char *p;

	(void)state;
	put("paper.aux", "\\relax\n\\citation{main1}\n\\@input{chapters/ch1.aux}\n"
	                 "\\@input{chapters/ch2.aux}\n\\@input{paper.aux}\n"
	                 "\\citation{main2}\n");
	put("chapters/ch1.aux", "\\citation{ch1a}\n\\@input{chapters/ch2.aux}\n");
	put("chapters/ch2.aux", "\\abx@aux@cite{0}{ch2a}\\abx@aux@cite{0}{ch2b}\n"
	                        "\\@input{paper.aux}\n\\@input{./chapters/ch1.aux}\n");
	colo_aux_init(&a);
	p = path("paper.aux");
	if (!colo_aux_read(&a, p, &err))
		fail_msg("%s: %s", a.errfile, err.message);
	keys_are(&a, want, sizeof want / sizeof *want);
	assert_int_equal(a.nfiles, 3);
	free(p);
	colo_aux_cleanup(&a);

	/* A missing \@input: the error is in the file that names it. */
	put("broken.aux", "\\relax\n\\citation{x}\n  \\@input{gone.aux}\n");
	colo_aux_init(&a);
	p = path("broken.aux");
	assert_false(colo_aux_read(&a, p, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 3);
	assert_string_equal(a.errfile, p);
	assert_non_null(strstr(err.message, "gone.aux"));
	free(p);
	colo_aux_cleanup(&a);

	/* A missing top file: no position. */
	colo_aux_init(&a);
	p = path("nope.aux");
	assert_false(colo_aux_read(&a, p, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_int_equal(err.line, 0);
	assert_string_equal(a.errfile, p);
	free(p);
	colo_aux_cleanup(&a);

	/* A directory is not an .aux. */
	colo_aux_init(&a);
	assert_false(colo_aux_read(&a, dir, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	colo_aux_cleanup(&a);
}

static int setup(void **state)
{
	colo_buf d;

	(void)state;
	colo_buf_init(&d, 0);
	colo_buf_printf(&d, "%s/aux_%ld", colo_test_tmpdir(), (long)getpid());
	mkdir(d.data, 0755);
	colo_buf_puts(&d, "/chapters");
	mkdir(d.data, 0755);
	d.len -= strlen("/chapters");
	d.data[d.len] = '\0';
	dir = colo_buf_steal(&d);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_files),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
