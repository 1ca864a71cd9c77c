/* Unit tests: ISBN check digits and ISBN-13 form (core/isbn.c), and DOI
 * normalisation (core/doi.c).  Table-driven: input → expected output or
 * the error message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/doi.h"
#include "colophon/isbn.h"

static const struct {
	const char *in;
	const char *want; /* ISBN-13, or NULL for an error */
	const char *msg;  /* the error message when want is NULL */
} isbn_cases[] = {
	{"9781555500030", "9781555500030", NULL},
	{"978-1-55550-003-0", "9781555500030", NULL},
	{"978 1 55550 003 0", "9781555500030", NULL},
	{"155550003X", "9781555500030", NULL},
	{"1-55550-003-x", "9781555500030", NULL},
	{"ISBN 1-55550-001-3", "9781555500016", NULL},
	{"ISBN-13: 978-1-55550-004-7", "9781555500047", NULL},
	{"isbn-10:1555500099", "9781555500092", NULL},
	/* ISBN-10 with check digit 0, converted */
	{"0-306-40615-2", "9780306406157", NULL},
	/* a 979 ISBN-13 has no ISBN-10, but is valid */
	{"979-10-90636-07-1", "9791090636071", NULL},
	{"9781555500031", NULL,
	 "invalid ISBN '9781555500031': check digit is 1, expected 0"},
	{"1555500014", NULL,
	 "invalid ISBN '1555500014': check digit is 4, expected 3"},
	{"1555500030", NULL,
	 "invalid ISBN '1555500030': check digit is 0, expected X"},
	{"155550001", NULL, "invalid ISBN '155550001': expected 10 or 13 digits"},
	{"97815555000300", NULL,
	 "invalid ISBN '97815555000300': expected 10 or 13 digits"},
	{"", NULL, "invalid ISBN '': expected 10 or 13 digits"},
	{"15555X0013", NULL,
	 "invalid ISBN '15555X0013': 'X' is only an ISBN-10's check digit"},
	{"9771555500030", NULL,
	 "invalid ISBN '9771555500030': an ISBN-13 starts with 978 or 979"},
	{"1.55550.003X", NULL,
	 "invalid ISBN '1.55550.003X': unexpected character '.'"},
};

static void test_isbn_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof isbn_cases / sizeof isbn_cases[0]; i++) {
		char out[COLO_ISBN13_LEN];
		colo_error err;
		bool ok;

		colo_error_clear(&err);
		ok = colo_isbn_normalize(isbn_cases[i].in, out, &err);
		if (isbn_cases[i].want) {
			if (!ok)
				print_error("case %zu '%s': %s\n", i, isbn_cases[i].in,
				            err.message);
			assert_true(ok);
			assert_string_equal(out, isbn_cases[i].want);
			assert_true(colo_isbn_valid(isbn_cases[i].in));
		} else {
			assert_false(ok);
			assert_string_equal(out, "");
			assert_int_equal(err.code, COLO_EINPUT);
			assert_string_equal(err.message, isbn_cases[i].msg);
			assert_false(colo_isbn_valid(isbn_cases[i].in));
		}
	}
	assert_false(colo_isbn_valid(NULL));
}

static void test_check_digits(void **state)
{
	(void)state;
	assert_int_equal(colo_isbn10_check("155550003"), 'X');
	assert_int_equal(colo_isbn10_check("030640615"), '2');
	assert_int_equal(colo_isbn13_check("978155550003"), '0');
	assert_int_equal(colo_isbn13_check("978030640615"), '7');
}

static const struct {
	const char *in, *want; /* want NULL: not a DOI */
} doi_cases[] = {
	{"10.5555/colo.0001", "10.5555/colo.0001"},
	{"10.5555/COLO.0001", "10.5555/colo.0001"},
	{"  doi:10.5555/Colo.0001 ", "10.5555/colo.0001"},
	{"DOI: 10.5555/x", "10.5555/x"},
	{"https://doi.org/10.5555/colo.0001", "10.5555/colo.0001"},
	{"HTTPS://DX.DOI.ORG/10.5555/colo.0001", "10.5555/colo.0001"},
	{"http://dx.doi.org/10.1002/(SICI)1097-4571", "10.1002/(sici)1097-4571"},
	{"https://doi.org/10.1000/a%3Cb%3E", "10.1000/a<b>"},
	{"doi.org/10.1000.10/xyz", "10.1000.10/xyz"},
	{"10.5555/colo.0001.", "10.5555/colo.0001"},
	{"10.555/x", NULL},
	{"10.5555/", NULL},
	{"11.5555/x", NULL},
	{"10.5555x/y", NULL},
	{"10.5555/a b", NULL},
	{"10./x", NULL},
	{"", NULL},
	{"https://example.org/10.5555/x", NULL},
};

static void test_doi_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof doi_cases / sizeof doi_cases[0]; i++) {
		char *out = (char *)"unset";
		colo_error err;
		bool ok;

		colo_error_clear(&err);
		ok = colo_doi_normalize(doi_cases[i].in, &out, &err);
		if (doi_cases[i].want) {
			if (!ok)
				print_error("case %zu '%s': %s\n", i, doi_cases[i].in,
				            err.message);
			assert_true(ok);
			assert_string_equal(out, doi_cases[i].want);
			free(out);
		} else {
			if (ok)
				print_error("case %zu '%s' accepted as '%s'\n", i,
				            doi_cases[i].in, out);
			assert_false(ok);
			assert_null(out);
			assert_int_equal(err.code, COLO_EINPUT);
			assert_non_null(strstr(err.message, "not a DOI"));
		}
	}
}

static void test_doi_url_path(void **state)
{
	char *p;

	(void)state;
	p = colo_doi_url_path("10.1002/(sici)1097-4571<x>#y z");
	assert_string_equal(p, "10.1002/%28sici%291097-4571%3Cx%3E%23y%20z");
	free(p);
	p = colo_doi_url_path("10.5555/colo.0001");
	assert_string_equal(p, "10.5555/colo.0001");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_isbn_table),
		cmocka_unit_test(test_check_digits),
		cmocka_unit_test(test_doi_table),
		cmocka_unit_test(test_doi_url_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
