/* Unit tests: the Crossref reader (importers/crossref.c) on the fixture
 * answers (tests/fixtures/http/crossref/) and on small inline records:
 * type mapping, titles with inline tags, names with ORCIDs, dates, ISBN
 * and ISSN arrays, work lists, and what is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/crossref.h"
#include "testsupport.h"

#define STR_EQ(got, want)                                                    \
	do {                                                                  \
		assert_non_null(got);                                         \
		assert_string_equal(got, want);                               \
	} while (0)

static char *fixture(const char *name, size_t *len)
{
	return colo_test_fixture("crossref", name, len);
}

static void test_types(void **state)
{
	static const char *const cases[][2] = {
		{"journal-article", "article-journal"},
		{"book", "book"},
		{"monograph", "book"},
		{"edited-book", "book"},
		{"book-chapter", "chapter"},
		{"book-part", "chapter"},
		{"proceedings-article", "paper-conference"},
		{"report", "report"},
		{"dissertation", "thesis"},
		{"posted-content", "article"},
		{"dataset", "dataset"},
		{"reference-entry", "entry"},
		{"peer-review", "review"},
		{"other", "document"},
		{"something-new", "document"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(colo_crossref_csl_type(cases[i][0]), cases[i][1]);
	assert_string_equal(colo_crossref_csl_type(NULL), "document");
}

static void test_work_chapter(void **state)
{
	size_t len;
	char *data = fixture("work-0002.json", &len);
	colo_batch b;
	colo_error err;
	const colo_work *w;

	(void)state;
	colo_batch_init(&b);
	assert_ok(colo_crossref_parse(data, len, &b, &err));
	assert_int_equal(b.nworks, 1);
	w = &b.works[0];
	STR_EQ(w->type, "chapter");
	/* <i>...</i> dropped */
	STR_EQ(w->title, "Coastal Forts and the Jeune École");
	STR_EQ(w->subtitle, "Doctrine on a Budget");
	STR_EQ(w->doi, "10.5555/colo.0002");
	STR_EQ(w->container, "Navies Between the Wars");
	STR_EQ(w->publisher, "Colophon Test Press");
	STR_EQ(w->place, "Lexington");
	STR_EQ(w->pages, "45-67");
	STR_EQ(w->isbn, "9781555500092");
	STR_EQ(w->url, "https://doi.org/10.5555/colo.0002");
	assert_int_equal(w->year, 2019);
	assert_int_equal(w->month, 0);
	assert_int_equal(w->ncreators, 2);
	assert_int_equal(w->creators[0].role, COLO_ROLE_AUTHOR);
	STR_EQ(w->creators[0].name.family, "de Vries");
	STR_EQ(w->creators[0].name.given, "Anneke");
	assert_int_equal(w->creators[1].role, COLO_ROLE_EDITOR);
	STR_EQ(w->creators[1].name.family, "Okafor");
	/* The ORCID gives the author a person, under the name key. */
	assert_true(w->creators[0].person >= 0);
	assert_int_equal(b.npeople, 1);
	STR_EQ(b.people[w->creators[0].person].orcid, "0000-0002-1825-0097");
	STR_EQ(b.people[0].key, "name:de vries|anneke");
	assert_int_equal(w->creators[1].person, -1);
	colo_batch_cleanup(&b);
	free(data);
}

static void test_work_article(void **state)
{
	size_t len;
	char *data = fixture("work-0003.json", &len);
	colo_batch b;
	colo_error err;
	const colo_work *w;

	(void)state;
	colo_batch_init(&b);
	assert_ok(colo_crossref_parse(data, len, &b, &err));
	assert_int_equal(b.nworks, 1);
	w = &b.works[0];
	STR_EQ(w->type, "article-journal");
	STR_EQ(w->title, "Convoys and Commerce");
	assert_null(w->subtitle);
	STR_EQ(w->container, "Journal of Maritime Studies");
	STR_EQ(w->volume, "13");
	STR_EQ(w->issue, "1");
	STR_EQ(w->issn, "1234-5679");
	/* issued wins over published-print and published-online */
	assert_int_equal(w->year, 2021);
	assert_int_equal(w->month, 12);
	assert_int_equal(w->day, 20);
	assert_int_equal(b.npeople, 0);
	colo_batch_cleanup(&b);
	free(data);
}

static void test_work_list(void **state)
{
	size_t len;
	char *data = fixture("query-grounded.json", &len);
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_ok(colo_crossref_parse(data, len, &b, &err));
	assert_int_equal(b.nworks, 2);
	STR_EQ(b.works[0].type, "book");
	STR_EQ(b.works[0].title, "Grounded");
	STR_EQ(b.works[0].subtitle,
	       "The Case for Abolishing the United States Air Force");
	STR_EQ(b.works[0].isbn, "9781555500016");
	STR_EQ(b.works[0].doi, "10.5555/colo.grounded");
	assert_int_equal(b.works[0].year, 2014);
	STR_EQ(b.works[1].type, "article-journal");
	colo_batch_cleanup(&b);
	free(data);

	data = fixture("query-empty.json", &len);
	colo_batch_init(&b);
	assert_ok(colo_crossref_parse(data, len, &b, &err));
	assert_int_equal(b.nworks, 0);
	colo_batch_cleanup(&b);
	free(data);
}

static void test_inline(void **state)
{
	const char *s =
		"{\"status\":\"ok\",\"message-type\":\"work\",\"message\":{"
		"\"type\":\"book\",\"title\":[\"  Salt   and <b>Silt</b> \"],"
		"\"DOI\":\"10.5555/ABC\",\"container-title\":[\"Harbour Series\"],"
		"\"published-online\":{\"date-parts\":[[2011,4,31]]},"
		"\"published-print\":{\"date-parts\":[[null]]},"
		"\"author\":[{\"name\":\"North Sea Historical Society\","
		"\"sequence\":\"first\"},{\"given\":\"Cher\"},"
		"{\"family\":\"Ibarra\",\"ORCID\":\"http://orcid.org/0000-0001\"}],"
		"\"ISBN\":[\"12345\",\"0-306-40615-2\"]}}";
	colo_batch b;
	colo_error err;
	const colo_work *w;

	(void)state;
	colo_batch_init(&b);
	assert_ok(colo_crossref_parse(s, strlen(s), &b, &err));
	w = &b.works[0];
	STR_EQ(w->title, "Salt and Silt");
	STR_EQ(w->doi, "10.5555/abc");
	/* a book's container-title is its series */
	assert_null(w->container);
	STR_EQ(w->series, "Harbour Series");
	/* the first dated field with a year; day 31 of April kept as given */
	assert_int_equal(w->year, 2011);
	assert_int_equal(w->month, 4);
	assert_int_equal(w->ncreators, 3);
	STR_EQ(w->creators[0].name.literal, "North Sea Historical Society");
	STR_EQ(w->creators[1].name.family, "Cher");
	assert_null(w->creators[1].name.given);
	/* a malformed ORCID is ignored */
	assert_int_equal(w->creators[2].person, -1);
	/* the first valid ISBN, as ISBN-13 */
	STR_EQ(w->isbn, "9780306406157");
	colo_batch_cleanup(&b);
}

static void test_refused(void **state)
{
	static const struct {
		const char *in, *msg;
		unsigned line;
	} cases[] = {
		{"{\"status\":\"ok\",\"message\":{\"title\":[\"Harbours of",
		 "not a Crossref response: premature end of input near "
		 "'\"Harbours of'",
		 1},
		{"[1, 2]", "not a Crossref response: no \"message\" object", 0},
		{"{\"status\":\"failed\",\"message-type\":\"validation-failure\","
		 "\"message\":[{\"type\":\"parameter-not-allowed\"}]}",
		 "Crossref answered with status 'failed'", 0},
		{"{\"status\":\"ok\",\"message\":{\"type\":\"book\"}}",
		 "Crossref work: record has neither \"title\" nor \"DOI\"", 0},
		{"", "not a Crossref response: '[' or '{' expected near end of file",
		 1},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		colo_batch b;
		colo_error err;

		colo_batch_init(&b);
		colo_error_clear(&err);
		assert_false(colo_crossref_parse(cases[i].in, strlen(cases[i].in),
		                                 &b, &err));
		assert_int_equal(err.code, COLO_EINPUT);
		assert_string_equal(err.message, cases[i].msg);
		assert_int_equal(err.line, cases[i].line);
		assert_int_equal(b.nworks, 0);
		colo_batch_cleanup(&b);
	}
}

static void test_list_skips(void **state)
{
	const char *s = "{\"status\":\"ok\",\"message-type\":\"work-list\","
	                "\"message\":{\"items\":[7,{\"type\":\"book\"},"
	                "{\"title\":[\"Kept\"]}]}}";
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_ok(colo_crossref_parse(s, strlen(s), &b, &err));
	assert_int_equal(b.nworks, 1);
	STR_EQ(b.works[0].title, "Kept");
	STR_EQ(b.works[0].type, "document");
	assert_int_equal(b.ndiags, 2);
	assert_int_equal(b.skipped, 2);
	STR_EQ(b.diags[0].message, "record is not an object (item 1); skipped");
	colo_batch_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_work_chapter),
		cmocka_unit_test(test_work_article),
		cmocka_unit_test(test_work_list),
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_list_skips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
