/* test_orcid.c - ORCID iDs: the ISO 7064 MOD 11-2 check character, the
 * forms an iD is accepted in, and the ones refused (table-driven).  No
 * database, no network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/orcid.h"

static void test_check_char(void **state)
{
	/* ORCID's own examples, one of them ending in X, and one ending in 0. */
	static const struct {
		const char *base;
		char want;
	} cases[] = {
		{"000000021825009", '7'},
		{"000000021694233", 'X'},
		{"000000015109370", '0'},
		{"000000031234567", '4'},
		{"000000000000000", '1'},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(colo_orcid_check_char(cases[i].base), cases[i].want);
}

static void test_accepted_forms(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"0000-0002-1825-0097", "0000-0002-1825-0097"},
		{"0000000218250097", "0000-0002-1825-0097"},
		{"https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"},
		{"http://orcid.org/0000-0002-1825-0097/", "0000-0002-1825-0097"},
		{"HTTPS://ORCID.ORG/0000-0002-1825-0097", "0000-0002-1825-0097"},
		{"https://sandbox.orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"},
		{"orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"},
		{"orcid:0000-0002-1825-0097", "0000-0002-1825-0097"},
		{"  0000-0002-1694-233x\n", "0000-0002-1694-233X"},
		{"0000-0001-5109-3700", "0000-0001-5109-3700"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[COLO_ORCID_LEN];
		colo_error err;

		colo_error_clear(&err);
		if (!colo_orcid_parse(cases[i].in, strlen(cases[i].in), out, &err))
			fail_msg("%s: %s", cases[i].in, err.message);
		assert_string_equal(out, cases[i].want);
		assert_true(colo_orcid_valid(cases[i].in));
	}
}

static void test_refused(void **state)
{
	static const struct {
		const char *in, *message;
	} cases[] = {
		{"0000-0002-1825-0096",
		 "'0000-0002-1825-0096' is not a valid ORCID iD: the check digit is 7, "
		 "not 6"},
		{"0000-0002-1694-2330",
		 "'0000-0002-1694-2330' is not a valid ORCID iD: the check digit is X, "
		 "not 0"},
		{"0000-0002-1825-009",
		 "'0000-0002-1825-009' is not an ORCID iD (16 digits, the last may be "
		 "X: 0000-0002-1825-0097)"},
		{"0000-0002-1825-00977", NULL},
		{"0000-0002-X825-0097", NULL},
		{"0000--0002-1825-0097", NULL},
		{"https://example.org/0000-0002-1825-0097", NULL},
		{"A5023888391", NULL},
		{"", NULL},
		{"-", NULL},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[COLO_ORCID_LEN] = "unchanged";
		colo_error err;

		colo_error_clear(&err);
		if (colo_orcid_parse(cases[i].in, strlen(cases[i].in), out, &err))
			fail_msg("accepted '%s' as %s", cases[i].in, out);
		assert_int_equal(err.code, COLO_EUSAGE);
		assert_string_equal(out, "");
		if (cases[i].message)
			assert_string_equal(err.message, cases[i].message);
		assert_false(colo_orcid_valid(cases[i].in));
	}
	assert_false(colo_orcid_valid(NULL));
}

/* Every single-digit change is caught by the check character. */
static void test_single_digit_errors(void **state)
{
	const char good[] = "0000000218250097";

	for (int pos = 0; pos < 15; pos++)
		for (char d = '0'; d <= '9'; d++) {
			char bad[17];

			if (d == good[pos])
				continue;
			memcpy(bad, good, sizeof bad);
			bad[pos] = d;
			assert_false(colo_orcid_valid(bad));
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_char),
		cmocka_unit_test(test_accepted_forms),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_single_digit_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
