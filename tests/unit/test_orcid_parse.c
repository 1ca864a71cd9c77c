/* test_orcid_parse.c - the ORCID API v3.0 reader on the fixture answers in
 * tests/fixtures/http/orcid/: the person, the summaries' put-codes, the
 * bulk works (types, dates, identifiers, contributors, the BibTeX
 * citation, an error item), and malformed or unusable answers.  No
 * database, no network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/orcid_api.h"
#include "testsupport.h"

#define ORCID "0000-0003-1234-5674"

static char *fixture(const char *name, size_t *len)
{
	return colo_test_fixture("orcid", name, len);
}

static void test_person(void **state)
{
	size_t len;
	char *data = fixture("person.json", &len);
	colo_batch b;
	colo_error err;
	long person = -5;

	colo_batch_init(&b);
	assert_ok(colo_orcid_api_parse_person(data, len, ORCID, &b, &person, &err));
	assert_int_equal(person, 0);
	assert_int_equal(b.npeople, 1);
	assert_string_equal(b.people[0].name.given, "Ingrid");
	assert_string_equal(b.people[0].name.family, "Halvorsen");
	assert_string_equal(b.people[0].orcid, ORCID);
	assert_int_equal(b.people[0].nvariants, 1);
	assert_string_equal(b.people[0].variants[0], "I. M. Halvorsen");
	colo_batch_cleanup(&b);
	free(data);
}

static void test_person_without_name(void **state)
{
	size_t len;
	char *data = fixture("person-noname.json", &len);
	colo_batch b;
	colo_error err;
	long person = 3;

	colo_batch_init(&b);
	colo_error_clear(&err);
	assert_false(colo_orcid_api_parse_person(data, len, "0000-0001-0000-4296",
	                                         &b, &person, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_string_equal(err.message, "the ORCID record 0000-0001-0000-4296 "
	                                 "shows no name (it may be private)");
	assert_int_equal(person, -1);
	assert_int_equal(b.npeople, 0);
	colo_batch_cleanup(&b);
	free(data);
}

static void test_summaries(void **state)
{
	size_t len;
	char *data = fixture("works.json", &len);
	colo_orcid_codes codes = {0};
	colo_error err;

	assert_ok(colo_orcid_api_parse_summaries(data, len, &codes, &err));
	/* One per group, the version the researcher prefers (the highest
	 * display-index): 11009, the book's other version, is not asked
	 * for. */
	assert_int_equal(codes.n, 4);
	assert_true(codes.codes[0] == 11001 && codes.codes[1] == 11002 &&
	            codes.codes[2] == 11003 && codes.codes[3] == 11004);
	colo_orcid_codes_cleanup(&codes);
	free(data);
}

static void test_works(void **state)
{
	size_t plen, wlen;
	char *pdata = fixture("person.json", &plen);
	char *wdata = fixture("works-bulk.json", &wlen);
	colo_batch b;
	colo_error err;
	long person;
	const colo_work *w;

	colo_batch_init(&b);
	assert_ok(colo_orcid_api_parse_person(pdata, plen, ORCID, &b, &person, &err));
	assert_ok(colo_orcid_api_parse_works(wdata, wlen, person, &b, &err));
	assert_int_equal(b.nworks, 3);
	/* The error item for 11004 is reported and counted as skipped. */
	assert_int_equal(b.skipped, 1);
	assert_non_null(strstr(b.diags[0].message, "No entity found with id=11004"));

	w = &b.works[0];
	assert_string_equal(w->type, "article-journal");
	assert_string_equal(w->title,
	                    "Ballast and Bread: Grain Ships in the Baltic, 1720-1790");
	assert_int_equal(w->year, 2019);
	assert_int_equal(w->month, 5);
	assert_int_equal(w->day, 0);
	assert_string_equal(w->doi, "10.5555/smr.2019.014");
	assert_string_equal(w->issn, "2000-1231");
	assert_string_equal(w->container, "Scandinavian Maritime Review");
	assert_true(w->venue >= 0);
	assert_string_equal(b.venues[w->venue].issn, "2000-1231");
	assert_string_equal(w->volume, "12");
	assert_string_equal(w->issue, "2");
	assert_non_null(w->pages);
	assert_non_null(strstr(w->pages, "101"));
	assert_int_equal(w->ncreators, 2);
	assert_int_equal(w->creators[0].person, person); /* by ORCID */
	assert_string_equal(w->creators[1].name.family, "Lindqvist");
	assert_int_equal(w->creators[1].person, -1);

	w = &b.works[1];
	assert_string_equal(w->type, "book");
	assert_string_equal(w->title, "Harbour Ledgers");
	assert_string_equal(w->subtitle, "Trade and Memory in Bergen");
	assert_string_equal(w->isbn, "9780000000019");
	assert_null(w->container);
	assert_string_equal(w->publisher, "Fjordline Academic");
	/* No contributors: the person is the author. */
	assert_int_equal(w->ncreators, 1);
	assert_int_equal(w->creators[0].person, person);
	assert_string_equal(w->creators[0].name.family, "Halvorsen");

	w = &b.works[2];
	assert_string_equal(w->type, "chapter");
	assert_int_equal(w->year, 2017);
	assert_int_equal(w->month, 11);
	assert_int_equal(w->day, 2);
	assert_string_equal(w->container,
	                    "Atlantic Exchanges: Essays in Economic History");
	assert_int_equal(w->venue, -1);
	assert_string_equal(w->url,
	                    "https://example.org/atlantic-exchanges/salt-routes");
	assert_int_equal(w->ncreators, 2);
	assert_int_equal(w->creators[0].person, person); /* by name */
	assert_int_equal(w->creators[1].role, COLO_ROLE_EDITOR);
	assert_string_equal(w->creators[1].name.family, "Ruiz");

	colo_batch_cleanup(&b);
	free(pdata);
	free(wdata);
}

static void test_malformed(void **state)
{
	size_t len;
	char *data = fixture("malformed.json", &len);
	colo_batch b;
	colo_error err;

	colo_batch_init(&b);
	colo_error_clear(&err);
	assert_false(colo_orcid_api_parse_works(data, len, -1, &b, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_true(err.line > 0);
	assert_non_null(strstr(err.message, "ORCID works answer is not valid JSON"));
	assert_int_equal(b.nworks, 0);
	colo_error_clear(&err);
	assert_false(colo_orcid_api_parse_summaries("[1, 2]", 6,
	                                            &(colo_orcid_codes){0}, &err));
	assert_string_equal(err.message, "ORCID works answer is not a JSON object");
	colo_error_clear(&err);
	assert_false(colo_orcid_api_parse_summaries("{\"x\": 1}", 8,
	                                            &(colo_orcid_codes){0}, &err));
	assert_string_equal(err.message, "ORCID works answer has no \"group\" list");
	colo_batch_cleanup(&b);
	free(data);
}

static void test_types(void **state)
{
	static const char *const cases[][2] = {
		{"journal-article", "article-journal"},
		{"book-chapter", "chapter"},
		{"conference-paper", "paper-conference"},
		{"dissertation-thesis", "thesis"},
		{"preprint", "article"},
		{"blog-post", "post-weblog"},
		{"data-set", "dataset"},
		{"working-paper", "report"},
		{"other", "document"},
		{"no-such-type", "document"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(colo_orcid_api_csl_type(cases[i][0]), cases[i][1]);
	assert_string_equal(colo_orcid_api_csl_type(NULL), "document");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person),
		cmocka_unit_test(test_person_without_name),
		cmocka_unit_test(test_summaries),
		cmocka_unit_test(test_works),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
