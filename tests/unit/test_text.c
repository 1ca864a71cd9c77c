/* Unit tests: text normalisation, UTF-8 validation, the buffer's cap and
 * the JSON writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/json.h"
#include "colophon/text.h"

static void check_normkey(const char *in, const char *want)
{
	char *got = colo_text_normkey(in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void test_normkey(void **state)
{
	(void)state;
	check_normkey("Lawyers, Guns & Money", "lawyers guns and money");
	check_normkey("Lawyers, Guns and Money", "lawyers guns and money");
	check_normkey("The Diplomat", "diplomat");
	check_normkey("the  American\tProspect", "american prospect");
	check_normkey("Théâtre — Über “Straße”", "theatre uber strasse");
	check_normkey("O’Brien's Review", "obriens review");
	check_normkey("", "");
	check_normkey("Then Again", "then again"); /* only a whole "the" */
}

static void check_ascii(const char *in, const char *want)
{
	char *got = colo_text_ascii(in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void test_ascii(void **state)
{
	(void)state;
	check_ascii("Müller", "Muller");
	check_ascii("Ødegaard", "Odegaard");
	check_ascii("Straße", "Strasse");
	check_ascii("Łukasz Żółć", "Lukasz Zolc");
	check_ascii("Достоевский", "Dostoevskii");
	check_ascii("Σωκράτης", "Sokratis");
	check_ascii("plain", "plain");
}

static void test_fold(void **state)
{
	char *f;

	(void)state;
	f = colo_text_fold("  ROBERT\n  Farley ", 19);
	assert_string_equal(f, "robert farley");
	free(f);
	f = colo_text_fold("Ångström", strlen("Ångström"));
	assert_string_equal(f, "angstrom");
	free(f);
}

static void test_tokens(void **state)
{
	char **t;
	size_t n;

	(void)state;
	colo_text_tokens("Grounded: The Case, for-Abolishing", 34, &t, &n);
	assert_int_equal(n, 5);
	assert_string_equal(t[0], "grounded");
	assert_string_equal(t[4], "abolishing");
	for (size_t i = 0; i < n; i++)
		free(t[i]);
	free(t);
}

static void test_validate(void **state)
{
	colo_error err;
	const char bad[] = "ok line\nab\xc3(";
	const char nul[] = "a\nbc\0d";

	(void)state;
	assert_true(colo_text_validate("h\xc3\xa9llo", 6, &err));
	assert_false(colo_text_validate(bad, sizeof bad - 1, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 3);
	assert_false(colo_text_validate(nul, sizeof nul - 1, &err));
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 3);
	/* an overlong encoding of '/' is not UTF-8 */
	assert_false(colo_text_validate("\xc0\xaf", 2, &err));
}

static void test_squash(void **state)
{
	char *s;

	(void)state;
	s = colo_text_squash(" Ph.\n  D. \xc2\xa0 x ", 15);
	assert_string_equal(s, "Ph. D. x");
	free(s);
}

static void test_buf_cap(void **state)
{
	colo_buf b;

	(void)state;
	colo_buf_init(&b, 8);
	assert_true(colo_buf_puts(&b, "12345"));
	assert_false(colo_buf_puts(&b, "6789")); /* would pass the cap */
	assert_int_equal(b.len, 5);
	assert_string_equal(colo_buf_cstr(&b), "12345");
	assert_true(colo_buf_printf(&b, "%d", 678));
	assert_false(colo_buf_putc(&b, 'x'));
	colo_buf_cleanup(&b);
}

static void test_json(void **state)
{
	colo_buf b;
	colo_json j;

	(void)state;
	colo_buf_init(&b, 0);
	colo_json_init(&j, &b, false);
	colo_json_begin_object(&j);
	colo_json_kv_str(&j, "t", "a\"b\\c\n\x01");
	colo_json_key(&j, "n");
	colo_json_begin_array(&j);
	colo_json_int(&j, 1);
	colo_json_null(&j);
	colo_json_bool(&j, true);
	colo_json_end_array(&j);
	colo_json_kv_str(&j, "skipped", NULL);
	colo_json_key(&j, "e");
	colo_json_begin_object(&j);
	colo_json_end_object(&j);
	colo_json_end_object(&j);
	assert_string_equal(colo_buf_cstr(&b),
	                    "{\"t\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":[1,null,true],"
	                    "\"e\":{}}");
	colo_buf_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normkey), cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_fold),    cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_validate), cmocka_unit_test(test_squash),
		cmocka_unit_test(test_buf_cap), cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
