/* Unit tests: name parsing, honorifics, keys and matching; work and venue
 * dedup keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"
#include "colophon/model.h"
#include "colophon/name.h"

static void check_parse(const char *in, const char *given, const char *particle,
                        const char *family, const char *suffix)
{
	colo_name n;

	colo_name_parse(in, strlen(in), &n);
#define EQ(got, want)                                                        \
	do {                                                                  \
		if (want)                                                     \
			assert_non_null(got);                                 \
		if (want)                                                     \
			assert_string_equal(got, want);                       \
		else                                                          \
			assert_null(got);                                     \
	} while (0)
	EQ(n.given, given);
	EQ(n.particle, particle);
	EQ(n.family, family);
	EQ(n.suffix, suffix);
#undef EQ
	colo_name_cleanup(&n);
}

static void test_parse(void **state)
{
	(void)state;
	check_parse("Robert Farley", "Robert", NULL, "Farley", NULL);
	check_parse("Farley", NULL, NULL, "Farley", NULL);
	check_parse("R. Farley", "R.", NULL, "Farley", NULL);
	check_parse("Farley, Robert", "Robert", NULL, "Farley", NULL);
	check_parse("  Farley ,  R. J. ", "R. J.", NULL, "Farley", NULL);
	check_parse("Vincent van Gogh", "Vincent", "van", "Gogh", NULL);
	check_parse("van Gogh, Vincent", "Vincent", "van", "Gogh", NULL);
	check_parse("Jean de la Fontaine", "Jean", "de la", "Fontaine", NULL);
	check_parse("Martin Luther King, Jr.", "Martin Luther", NULL, "King", "Jr.");
	check_parse("King, Jr., Martin Luther", "Martin Luther", NULL, "King", "Jr.");
	check_parse("John Smith III", "John", NULL, "Smith", "III");
}

static void test_honorific(void **state)
{
	char *h;
	const char *s = "Dr. Robert Farley";

	(void)state;
	assert_int_equal(colo_name_split_honorific(s, strlen(s), &h), 4);
	assert_string_equal(h, "Dr.");
	free(h);
	s = "Lt. Gen. Jane Roe";
	assert_int_equal(colo_name_split_honorific(s, strlen(s), &h), 9);
	assert_string_equal(h, "Lt. Gen.");
	free(h);
	s = "Drake Ramoray";
	assert_int_equal(colo_name_split_honorific(s, strlen(s), &h), 0);
	assert_null(h);
}

static bool matches(const char *q, const char *stored)
{
	colo_name a, b;
	bool ok;

	colo_name_parse(q, strlen(q), &a);
	colo_name_parse(stored, strlen(stored), &b);
	ok = colo_name_matches(&a, &b);
	colo_name_cleanup(&a);
	colo_name_cleanup(&b);
	return ok;
}

static void test_matches(void **state)
{
	(void)state;
	assert_true(matches("Robert Farley", "Robert Farley"));
	assert_true(matches("Farley", "Robert Farley"));
	assert_true(matches("R. Farley", "Robert Farley"));
	assert_true(matches("Farley, Robert", "Robert Farley"));
	assert_true(matches("farley", "Robert Farley"));
	assert_true(matches("Müller", "Anna Muller"));
	assert_false(matches("Jane Farley", "Robert Farley"));
	assert_false(matches("Robert Farleigh", "Robert Farley"));
	assert_false(matches("", "Robert Farley"));
}

static void test_keys(void **state)
{
	colo_name n;
	char *k;
	colo_work w;
	colo_creator *c;
	colo_venue v;

	(void)state;
	colo_name_parse("Farley, Robert", 14, &n);
	k = colo_name_key(&n);
	assert_string_equal(k, "name:farley|robert");
	free(k);
	colo_name_cleanup(&n);

	colo_work_init(&w);
	w.title = colo_xstrdup("The Battleship Book");
	w.year = 2016;
	c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
	colo_name_parse("Robert Farley", 13, &c->name);
	k = colo_work_key(&w);
	assert_string_equal(k, "t:battleship book|2016|farley");
	free(k);
	/* no title: the journal, volume and first page tell works apart */
	{
		colo_work u;

		colo_work_init(&u);
		u.year = 1905;
		c = colo_work_add_creator(&u, COLO_ROLE_AUTHOR);
		colo_name_parse("A. Einstein", 11, &c->name);
		u.container = colo_xstrdup("Ann. Phys.");
		u.volume = colo_xstrdup("17");
		u.pages = colo_xstrdup("891-921");
		k = colo_work_key(&u);
		assert_string_equal(k, "t:|1905|einstein|ann phys|17|891");
		free(k);
		colo_set_str(&u.pages, "132\xe2\x80\x93" "148"); /* en dash */
		k = colo_work_key(&u);
		assert_string_equal(k, "t:|1905|einstein|ann phys|17|132");
		free(k);
		colo_work_cleanup(&u);
	}
	w.isbn = colo_xstrdup("0-306-40615-2");
	k = colo_work_key(&w);
	assert_string_equal(k, "isbn:9780306406157");
	free(k);
	w.doi = colo_xstrdup("10.1000/XYZ123");
	k = colo_work_key(&w);
	assert_string_equal(k, "doi:10.1000/xyz123");
	free(k);
	colo_work_cleanup(&w);

	memset(&v, 0, sizeof v);
	v.name = colo_xstrdup("Lawyers, Guns & Money");
	k = colo_venue_key(&v);
	assert_string_equal(k, "name:lawyersgunsandmoney");
	free(k);
	colo_set_str(&v.name, "NationalSecurityJournal");
	k = colo_venue_key(&v);
	assert_string_equal(k, "name:nationalsecurityjournal");
	free(k);
	colo_set_str(&v.name, "National Security Journal");
	k = colo_venue_key(&v);
	assert_string_equal(k, "name:nationalsecurityjournal");
	free(k);
	colo_venue_cleanup(&v);
}

static void test_batch_intern(void **state)
{
	colo_batch b;
	long a, c;

	(void)state;
	colo_batch_init(&b);
	a = colo_batch_intern_venue(&b, "Lawyers, Guns and Money", "blog");
	c = colo_batch_intern_venue(&b, "Lawyers, Guns & Money", "blog");
	assert_int_equal(a, c);
	assert_int_equal(b.nvenues, 1);
	colo_batch_diag(&b, 3, 4, "bad %s", "entry");
	assert_int_equal(b.skipped, 1);
	assert_string_equal(b.diags[0].message, "bad entry");
	colo_batch_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),   cmocka_unit_test(test_honorific),
		cmocka_unit_test(test_matches), cmocka_unit_test(test_keys),
		cmocka_unit_test(test_batch_intern),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
