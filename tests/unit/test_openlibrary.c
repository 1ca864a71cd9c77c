/* Unit tests: the Open Library reader (importers/openlibrary.c) on the
 * fixture answers (tests/fixtures/http/openlibrary/) and inline cases:
 * the Books API (names, publishers, places, publish_date → year, ISBNs),
 * search.json docs, the empty answer for an unknown ISBN, and what is
 * refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/openlibrary.h"
#include "testsupport.h"

#define STR_EQ(got, want)                                                    \
	do {                                                                  \
		assert_non_null(got);                                         \
		assert_string_equal(got, want);                               \
	} while (0)

static char *fixture(const char *name, size_t *len)
{
	return colo_test_fixture("openlibrary", name, len);
}

static void test_year(void **state)
{
	static const struct {
		const char *in;
		int want;
	} cases[] = {
		{"2014", 2014},       {"March 2023", 2023},  {"Mar 15, 2014", 2014},
		{"c1999.", 1999},     {"2014-03-05", 2014},  {"12345", 0},
		{"no date", 0},       {"", 0},               {"0999", 0},
		{"May 1, 20144", 0},  {"1 2 2010", 2010},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = colo_openlibrary_year(cases[i].in);

		if (got != cases[i].want)
			print_error("'%s': %d, want %d\n", cases[i].in, got,
			            cases[i].want);
		assert_int_equal(got, cases[i].want);
	}
	assert_int_equal(colo_openlibrary_year(NULL), 0);
}

static void test_books(void **state)
{
	size_t len;
	char *data = fixture("books-patents.json", &len);
	colo_batch b;
	colo_error err;
	const colo_work *w;

	(void)state;
	colo_batch_init(&b);
	assert_ok(colo_openlibrary_parse_books(data, len, &b, &err));
	assert_int_equal(b.nworks, 1);
	w = &b.works[0];
	STR_EQ(w->type, "book");
	STR_EQ(w->title, "Patents for Power");
	STR_EQ(w->subtitle,
	       "Intellectual Property Law and the Diffusion of Military Technology");
	assert_int_equal(w->ncreators, 1);
	STR_EQ(w->creators[0].name.family, "Farley");
	STR_EQ(w->creators[0].name.given, "Robert");
	STR_EQ(w->publisher, "University of Chicago Press");
	STR_EQ(w->place, "Chicago");
	assert_int_equal(w->year, 2020);
	STR_EQ(w->isbn, "9781555500030");
	STR_EQ(w->url, "https://openlibrary.org/books/OL90000001M/Patents_for_Power");
	/* number_of_pages is the length of the book, not a page range */
	assert_null(w->pages);
	colo_batch_cleanup(&b);
	free(data);

	data = fixture("books-waging.json", &len);
	colo_batch_init(&b);
	assert_ok(colo_openlibrary_parse_books(data, len, &b, &err));
	assert_int_equal(b.works[0].year, 2023);
	STR_EQ(b.works[0].place, "Boulder, Colo");
	colo_batch_cleanup(&b);
	free(data);

	/* An unknown ISBN: an empty object, no works, no error. */
	data = fixture("books-none.json", &len);
	colo_batch_init(&b);
	assert_ok(colo_openlibrary_parse_books(data, len, &b, &err));
	assert_int_equal(b.nworks, 0);
	colo_batch_cleanup(&b);
	free(data);
}

static void test_books_inline(void **state)
{
	const char *s =
		"{\"ISBN:155550003X\": {\"title\": \"T\", \"identifiers\": "
		"{\"isbn_10\": [\"bad\", \"155550003X\"]},"
		" \"authors\": [{\"name\": \"\"}, {\"name\": \"Farley, Robert\"}],"
		" \"publishers\": [{\"name\": \" \"}, {\"name\": \"P\"}]},"
		" \"ISBN:9781555500047\": {\"title\": \"No identifiers\"},"
		" \"ISBN:1\": {\"subtitle\": \"no title\"},"
		" \"ISBN:2\": 5}";
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_ok(colo_openlibrary_parse_books(s, strlen(s), &b, &err));
	assert_int_equal(b.nworks, 2);
	/* a converted isbn_10 when there is no isbn_13 */
	STR_EQ(b.works[0].isbn, "9781555500030");
	assert_int_equal(b.works[0].ncreators, 1);
	STR_EQ(b.works[0].creators[0].name.family, "Farley");
	STR_EQ(b.works[0].publisher, "P");
	/* no identifiers: the ISBN from the bibkey */
	STR_EQ(b.works[1].isbn, "9781555500047");
	assert_int_equal(b.ndiags, 2);
	STR_EQ(b.diags[0].message, "ISBN:1: book has no title; skipped");
	colo_batch_cleanup(&b);
}

static void test_search(void **state)
{
	size_t len;
	char *data = fixture("search-grounded.json", &len);
	colo_batch b;
	colo_error err;
	const colo_work *w;

	(void)state;
	colo_batch_init(&b);
	assert_ok(colo_openlibrary_parse_search(data, len, "https://ol.example",
	                                        &b, &err));
	assert_int_equal(b.nworks, 1);
	w = &b.works[0];
	STR_EQ(w->title, "Grounded");
	STR_EQ(w->subtitle, "The Case for Abolishing the United States Air Force");
	assert_int_equal(w->year, 2014);
	STR_EQ(w->creators[0].name.family, "Farley");
	STR_EQ(w->publisher, "University Press of Kentucky");
	STR_EQ(w->place, "Lexington, Kentucky");
	/* the ISBN-13 preferred over the ISBN-10 listed first */
	STR_EQ(w->isbn, "9781555500016");
	STR_EQ(w->url, "https://ol.example/works/OL90000003W");
	colo_batch_cleanup(&b);
	free(data);

	data = fixture("search-none.json", &len);
	colo_batch_init(&b);
	assert_ok(colo_openlibrary_parse_search(data, len, NULL, &b, &err));
	assert_int_equal(b.nworks, 0);
	colo_batch_cleanup(&b);
	free(data);
}

static void test_refused(void **state)
{
	size_t len;
	char *data = fixture("books-truncated.json", &len);
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_false(colo_openlibrary_parse_books(data, len, &b, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_int_equal(err.line, 1);
	assert_string_equal(err.message,
	                    "not an Open Library books response: premature end "
	                    "of input near '\"Harbours of the Nor'");
	assert_int_equal(b.nworks, 0);
	colo_batch_cleanup(&b);
	free(data);

	colo_batch_init(&b);
	assert_false(colo_openlibrary_parse_books("[]", 2, &b, &err));
	assert_string_equal(err.message, "not an Open Library books response: "
	                                 "expected an object");
	assert_false(colo_openlibrary_parse_search("{\"numFound\": 0}", 15, NULL,
	                                           &b, &err));
	assert_string_equal(err.message, "not an Open Library search response: "
	                                 "no \"docs\" array");
	assert_int_equal(b.nworks, 0);
	colo_batch_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_books),
		cmocka_unit_test(test_books_inline),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
