/* Unit tests: the CSL-JSON reader (importers/csljson.c): variables, names
 * with particles and literals, date-parts to {y, m, d}, numbers given as
 * JSON numbers, and bad items reported with their position and skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../importers/formats_priv.h"

#define STR_EQ(got, want)                                                    \
	do {                                                                  \
		assert_non_null(got);                                         \
		assert_string_equal(got, want);                               \
	} while (0)

static void test_items(void **state)
{
	const char *s =
		"[\n"
		"  {\"id\": \"farley2014\", \"type\": \"article-journal\",\n"
		"   \"title\": \"Grounded\", \"container-title\": \"Review\",\n"
		"   \"author\": [{\"family\": \"Farley\", \"given\": \"Robert\"},\n"
		"              {\"family\": \"Gogh\", \"given\": \"Vincent\",\n"
		"               \"non-dropping-particle\": \"van\"},\n"
		"              {\"literal\": \"World Health Organization\"}],\n"
		"   \"editor\": [{\"family\": \"Roe\", \"given\": \"Jane\"}],\n"
		"   \"issued\": {\"date-parts\": [[2014, 5, 3]]},\n"
		"   \"volume\": 67, \"issue\": \"2\", \"page\": \"10-25\",\n"
		"   \"DOI\": \"10.1000/X\", \"URL\": \"https://x.org\",\n"
		"   \"collection-title\": \"Series\", \"abstract\": \"Abs\"},\n"
		"  {\"id\": \"b\", \"type\": \"book\", \"title\": \"Book\",\n"
		"   \"issued\": {\"date-parts\": [[\"1999\"]]}, \"ISBN\": \"0-262-03384-4\",\n"
		"   \"publisher\": \"MIT Press\", \"publisher-place\": \"Cambridge\"},\n"
		"  {\"id\": \"r\", \"type\": \"report\", \"title\": \"Raw\",\n"
		"   \"issued\": {\"raw\": \"2020-02\"}}\n"
		"]\n";
	colo_batch b;
	colo_error err;
	const colo_work *w;

	(void)state;
	colo_batch_init(&b);
	assert_true(colo_csljson_parse(s, strlen(s), &b, &err));
	assert_int_equal(b.nworks, 3);
	w = &b.works[0];
	STR_EQ(w->citekey, "farley2014");
	STR_EQ(w->type, "article-journal");
	STR_EQ(w->container, "Review");
	assert_int_equal(w->year, 2014);
	assert_int_equal(w->month, 5);
	assert_int_equal(w->day, 3);
	STR_EQ(w->volume, "67");
	STR_EQ(w->series, "Series");
	assert_int_equal(w->ncreators, 4);
	STR_EQ(w->creators[1].name.particle, "van");
	STR_EQ(w->creators[2].name.literal, "World Health Organization");
	assert_int_equal(w->creators[3].role, COLO_ROLE_EDITOR);
	w = &b.works[1];
	assert_int_equal(w->year, 1999);
	STR_EQ(w->isbn, "0-262-03384-4");
	STR_EQ(w->place, "Cambridge");
	w = &b.works[2];
	assert_int_equal(w->year, 2020);
	assert_int_equal(w->month, 2);
	colo_batch_cleanup(&b);
	assert_int_equal(colo_csljson_sniff(s, strlen(s)), 90);
}

static void test_bad(void **state)
{
	const char *s = "[\n"
	                "  {\"id\": \"ok\", \"type\": \"book\", \"title\": \"Fine\"},\n"
	                "  42,\n"
	                "  {\"id\": \"notype\", \"title\": \"No type\"},\n"
	                "  {\"id\": \"notitle\", \"type\": \"book\"}\n"
	                "]";
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_true(colo_csljson_parse(s, strlen(s), &b, &err));
	assert_int_equal(b.nworks, 1);
	assert_int_equal(b.skipped, 3);
	assert_int_equal(b.diags[0].line, 3);
	assert_int_equal(b.diags[0].col, 3);
	assert_string_equal(b.diags[0].message,
	                    "item is not an object (item 2); skipped");
	assert_int_equal(b.diags[1].line, 4);
	assert_string_equal(b.diags[1].message,
	                    "item has no \"type\" (item 3); skipped");
	assert_int_equal(b.diags[2].line, 5);
	colo_batch_cleanup(&b);

	colo_batch_init(&b);
	assert_false(colo_csljson_parse("[{\"type\": \"book\",}", 19, &b, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_int_equal(err.line, 1);
	colo_batch_cleanup(&b);
	colo_batch_init(&b);
	assert_false(colo_csljson_parse("[\"a\xff\"]", 6, &b, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	colo_batch_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
