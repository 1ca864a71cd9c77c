/* Unit tests: the RIS reader (importers/ris.c): types and tags, editors
 * that stay editors, chapters that keep their book, dates, continuation
 * lines, and malformed records reported with positions and skipped. */
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

static void test_records(void **state)
{
	const char *s =
		"\xEF\xBB\xBFTY  - JOUR\r\n"
		"AU  - Farley, Robert\r\n"
		"AU  - de la Fontaine, Jean\r\n"
		"TI  - Grounded: the case\r\n"
		"T2  - Naval War College Review\r\n"
		"PY  - 2014/05/03/\r\n"
		"VL  - 67\r\n"
		"IS  - 2\r\n"
		"SP  - 10\r\n"
		"EP  - 25\r\n"
		"DO  - https://doi.org/10.1000/nwcr.1\r\n"
		"SN  - 0028-1484\r\n"
		"AB  - A long abstract\r\n"
		"  that continues here.\r\n"
		"ID  - farley2014\r\n"
		"ER  - \r\n"
		"\r\n"
		"TY  - CHAP\n"
		"AU  - Okafor, Miriam\n"
		"A2  - Roe, Jane\n"
		"ED  - Doe, John\n"
		"TI  - A Chapter\n"
		"T2  - The Big Book\n"
		"PB  - Naval Institute Press\n"
		"CY  - Annapolis\n"
		"SN  - 978-1-59114-000-0\n"
		"DA  - 2016-07\n"
		"ER  -\n";
	colo_batch b;
	colo_error err;
	const colo_work *w;

	(void)state;
	colo_batch_init(&b);
	assert_true(colo_ris_parse(s, strlen(s), &b, &err));
	assert_int_equal(b.nworks, 2);
	assert_int_equal(b.skipped, 0);
	w = &b.works[0];
	STR_EQ(w->type, "article-journal");
	STR_EQ(w->title, "Grounded: the case");
	STR_EQ(w->container, "Naval War College Review");
	assert_int_equal(w->year, 2014);
	assert_int_equal(w->month, 5);
	assert_int_equal(w->day, 3);
	STR_EQ(w->pages, "10-25");
	STR_EQ(w->doi, "10.1000/nwcr.1");
	STR_EQ(w->issn, "0028-1484");
	STR_EQ(w->abstract, "A long abstract that continues here.");
	STR_EQ(w->citekey, "farley2014");
	assert_int_equal(w->ncreators, 2);
	STR_EQ(w->creators[1].name.family, "Fontaine");
	STR_EQ(w->creators[1].name.particle, "de la");
	w = &b.works[1];
	STR_EQ(w->type, "chapter");
	STR_EQ(w->container, "The Big Book");
	STR_EQ(w->isbn, "978-1-59114-000-0");
	STR_EQ(w->publisher, "Naval Institute Press");
	STR_EQ(w->place, "Annapolis");
	assert_int_equal(w->year, 2016);
	assert_int_equal(w->month, 7);
	assert_int_equal(w->ncreators, 3);
	assert_int_equal(w->creators[0].role, COLO_ROLE_AUTHOR);
	assert_int_equal(w->creators[1].role, COLO_ROLE_EDITOR);
	assert_int_equal(w->creators[2].role, COLO_ROLE_EDITOR);
	STR_EQ(w->creators[1].name.family, "Roe");
	colo_batch_cleanup(&b);
	assert_int_equal(colo_ris_sniff(s, strlen(s)), 95);
}

static void test_malformed(void **state)
{
	const char s[] = "AU  - Stray, Tag\n"         /* 1: outside a record */
	                 "TY  - BOOK\n"               /* 2: never closed */
	                 "TI  - First\n"
	                 "TY  - BOOK\n"               /* 4 */
	                 "TI  - Le\xf3n\n"            /* 5: invalid UTF-8 */
	                 "ER  - \n"
	                 "TY  - BOOK\n"               /* 7: no title */
	                 "PY  - 2001\n"
	                 "ER  - \n"
	                 "TY  - BOOK\n"               /* 10: fine */
	                 "TI  - Good\n"
	                 "ER  - \n"
	                 "TY  - JOUR\n"               /* 13: not closed at EOF */
	                 "TI  - Open\n";
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_true(colo_ris_parse(s, sizeof s - 1, &b, &err));
	assert_int_equal(b.nworks, 1);
	assert_string_equal(b.works[0].title, "Good");
	assert_int_equal(b.ndiags, 5);
	assert_int_equal(b.diags[0].line, 1);
	assert_string_equal(b.diags[0].message,
	                    "tag AU outside a record (missing TY)");
	assert_int_equal(b.diags[1].line, 2);
	assert_string_equal(b.diags[1].message,
	                    "record is not closed with ER before the next TY; "
	                    "skipped");
	assert_int_equal(b.diags[2].line, 5);
	assert_int_equal(b.diags[2].col, 9);
	assert_int_equal(b.diags[3].line, 7);
	assert_int_equal(b.diags[4].line, 13);
	colo_batch_cleanup(&b);

	colo_batch_init(&b);
	assert_false(colo_ris_parse("nothing", 7, &b, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	colo_batch_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
