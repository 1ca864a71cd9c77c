/* test_citekey.c - the default citation-key pattern and collision
 * suffixes, as a table of (first creator, year, title) -> key; the
 * --key-pattern mini-language (tokens, modifiers, errors with columns);
 * which keys can be written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/citekey.h"
#include "colophon/mem.h"

typedef struct key_case {
	const char *family, *given, *literal;
	int year;
	const char *title;
	const char *want;
} key_case;

static void test_make(void **state)
{
	static const key_case cases[] = {
		{"Farley", "Robert", NULL, 2014,
		 "Grounded: The Case for Abolishing the United States Air Force",
		 "farley2014grounded"},
		{"Farley", "Robert", NULL, 2016, "The Battleship Book",
		 "farley2016battleship"},
		{"Farley", "Robert", NULL, 2020,
		 "Patents for Power: Intellectual Property Law and the Diffusion "
		 "of Military Technology",
		 "farley2020patents"},
		{"Farley", "Robert", NULL, 2023,
		 "Waging War with Gold: National Security and the Finance Domain "
		 "Across the Ages",
		 "farley2023waging"},
		{"Müller", "Jürgen", NULL, 2001, "Über Grenzen", "muller2001uber"},
		{"Ødegaard", "Ola", NULL, 1999, "Fjord", "odegaard1999fjord"},
		{"Straße", NULL, NULL, 2010, "Die Straße", "strasse2010strasse"},
		{"O'Brien-Smith", "Pat", NULL, 2005, "A Life", "obriensmith2005life"},
		{NULL, NULL, "World Health Organization", 2020, "Annual Report",
		 "world2020annual"},
		{NULL, NULL, NULL, 2014, "The Case", "anon2014case"},
		{"Farley", NULL, NULL, 0, "Grounded", "farleygrounded"},
		{"Farley", NULL, NULL, 2014, NULL, "farley2014"},
		{"Farley", NULL, NULL, 2014, "The Of And", "farley2014"},
		{NULL, NULL, NULL, 0, NULL, "anon"},
		{"Proust", "Marcel", NULL, 1913, "À la recherche du temps perdu",
		 "proust1913recherche"},
		{"Piketty", NULL, NULL, 2013, "L'Économie des inégalités",
		 "piketty2013economie"},
		{"Farley", NULL, NULL, 2024, "“North Korea” Enters",
		 "farley2024north"},
		{"Farley", NULL, NULL, 2024, "1984 Revisited", "farley20241984"},
		{"!!!", NULL, NULL, 2024, "x", "anon2024x"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		colo_work w;
		char *got;

		colo_work_init(&w);
		if (cases[i].family || cases[i].given || cases[i].literal) {
			colo_creator *c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);

			colo_set_str(&c->name.family, cases[i].family);
			colo_set_str(&c->name.given, cases[i].given);
			colo_set_str(&c->name.literal, cases[i].literal);
		}
		w.year = cases[i].year;
		colo_set_str(&w.title, cases[i].title);
		got = colo_citekey_make(&w);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got %s, want %s", i, got, cases[i].want);
		free(got);
		colo_work_cleanup(&w);
	}
}

static void test_first_author_wins(void **state)
{
	colo_work w;
	colo_creator *c;
	char *got;

	(void)state;
	colo_work_init(&w);
	c = colo_work_add_creator(&w, COLO_ROLE_EDITOR);
	colo_set_str(&c->name.family, "Editor");
	c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
	colo_set_str(&c->name.family, "Author");
	w.year = 2000;
	colo_set_str(&w.title, "Things");
	got = colo_citekey_make(&w);
	assert_string_equal(got, "author2000things");
	free(got);
	colo_work_cleanup(&w);

	/* Only editors: the first editor. */
	colo_work_init(&w);
	c = colo_work_add_creator(&w, COLO_ROLE_EDITOR);
	colo_set_str(&c->name.family, "Editor");
	colo_set_str(&w.title, "Things");
	got = colo_citekey_make(&w);
	assert_string_equal(got, "editorthings");
	free(got);
	colo_work_cleanup(&w);
}

static void test_long_parts_are_bounded(void **state)
{
	colo_work w;
	colo_creator *c;
	char *big = colo_xmalloc(100001);
	char *got;

	(void)state;
	memset(big, 'x', 100000);
	big[100000] = '\0';
	colo_work_init(&w);
	c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
	colo_set_str(&c->name.family, big);
	colo_set_str(&w.title, big);
	w.year = 2000;
	got = colo_citekey_make(&w);
	assert_true(strlen(got) <= 80);
	for (const char *p = got; *p; p++)
		assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'));
	free(got);
	colo_work_cleanup(&w);
	free(big);
}

static void test_suffixed(void **state)
{
	static const struct {
		size_t n;
		const char *want;
	} cases[] = {
		{0, "farley2014a"},   {1, "farley2014b"},   {25, "farley2014z"},
		{26, "farley2014aa"}, {27, "farley2014ab"}, {51, "farley2014az"},
		{52, "farley2014ba"}, {701, "farley2014zz"}, {702, "farley2014aaa"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = colo_citekey_suffixed("farley2014", cases[i].n);

		assert_string_equal(got, cases[i].want);
		free(got);
	}
	{
		char *got = colo_citekey_suffixed("k", (size_t)-1);

		assert_true(strlen(got) > 1);
		free(got);
	}
}

static char *by_pattern(const char *pattern, const colo_work *w)
{
	colo_citekey_pattern *p = NULL;
	colo_error err;
	char *key;

	if (!colo_citekey_pattern_parse(pattern, &p, &err))
		fail_msg("pattern %s: %s", pattern, err.message);
	key = colo_citekey_pattern_make(p, w);
	colo_citekey_pattern_destroy(p);
	return key;
}

static void add_author(colo_work *w, const char *given, const char *particle,
                       const char *family, const char *literal)
{
	colo_creator *c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);

	colo_set_str(&c->name.given, given);
	colo_set_str(&c->name.particle, particle);
	colo_set_str(&c->name.family, family);
	colo_set_str(&c->name.literal, literal);
}

static void test_patterns(void **state)
{
	static const struct {
		const char *pattern, *want;
	} cases[] = {
		{"[auth][year][title]", "gogh2014grounded"},
		{COLO_CITEKEY_DEFAULT_PATTERN, "gogh2014grounded"},
		{"[auth:capitalize][year][title:capitalize]", "Gogh2014Grounded"},
		{"[authors][year]", "goghmullerstrasseetal2014"},
		{"[authors2][year:2]", "goghmulleretal14"},
		{"[authors9]", "goghmullerstrasseodegaard"},
		{"[auth:upper]_[year]", "GOGH_2014"},
		{"[shorttitle]", "groundedcaseabolishing"},
		{"[title2:capitalize]", "GroundedCase"},
		{"[fulltitle:6]", "ground"},
		{"[fulltitle]", "groundedthecaseforabolishingtheunitedstatesairforce"},
		{"key-[auth].[year]:x", "key-gogh.2014:x"},
		{"[title:upper:4]", "GROU"},
	};
	colo_work w;

	(void)state;
	colo_work_init(&w);
	add_author(&w, "Vincent", "van", "Gogh", NULL);
	add_author(&w, "J\xc3\xbcrgen", NULL, "M\xc3\xbcller", NULL);
	add_author(&w, NULL, NULL, "Stra\xc3\x9f" "e", NULL);
	add_author(&w, NULL, NULL, "\xc3\x98" "degaard", NULL);
	w.year = 2014;
	colo_set_str(&w.title, "Grounded: The Case for Abolishing the United "
	                       "States Air Force");
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = by_pattern(cases[i].pattern, &w);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("pattern %s: got %s, want %s", cases[i].pattern, got,
			         cases[i].want);
		free(got);
	}
	colo_work_cleanup(&w);

	/* Nothing known: "anon", whatever the literals. */
	colo_work_init(&w);
	{
		char *got = by_pattern("x-[auth][year][title]", &w);

		assert_string_equal(got, "anon");
		free(got);
	}
	colo_work_cleanup(&w);

	/* Cyrillic and Greek are transliterated; organisations give their
	 * first word. */
	colo_work_init(&w);
	add_author(&w, NULL, NULL, "\xd0\x94\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe"
	                           "\xd0\xb5\xd0\xb2\xd1\x81\xd0\xba\xd0\xb8"
	                           "\xd0\xb9", NULL);
	w.year = 1866;
	colo_set_str(&w.title, "\xce\xa3\xce\xbf\xcf\x86\xce\xaf\xce\xb1");
	{
		char *got = by_pattern("[auth][year][title]", &w);

		for (const char *p = got; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'));
		assert_string_equal(got, "dostoevskii1866sofia");
		free(got);
	}
	colo_work_cleanup(&w);
}

static void test_pattern_errors(void **state)
{
	static const struct {
		const char *pattern;
		unsigned col;
	} bad[] = {
		{"", 0},          {"[auth", 1},        {"[nope]", 2},
		{"[auth:big]", 7}, {"[year] [title]", 7}, {"a,b", 2},
		{"[title0]", 2},  {"k\xc3\xbc", 2},    {"[auth:0]", 7},
		{"{auth}", 1},    {"[authors100]", 2}, {"x%", 2},
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		colo_citekey_pattern *p = (colo_citekey_pattern *)&p;
		colo_error err;

		colo_error_clear(&err);
		if (colo_citekey_pattern_parse(bad[i].pattern, &p, &err))
			fail_msg("pattern '%s' was accepted", bad[i].pattern);
		assert_null(p);
		assert_int_equal(err.code, COLO_EUSAGE);
		if (err.col != bad[i].col)
			fail_msg("pattern '%s': column %u, want %u (%s)", bad[i].pattern,
			         err.col, bad[i].col, err.message);
	}
}

static void test_valid(void **state)
{
	char big[300];

	(void)state;
	assert_true(colo_citekey_valid("farley2014grounded"));
	assert_true(colo_citekey_valid("a:b/c.d+e-f_g"));
	assert_false(colo_citekey_valid(NULL));
	assert_false(colo_citekey_valid(""));
	assert_false(colo_citekey_valid("a b"));
	assert_false(colo_citekey_valid("a,b"));
	assert_false(colo_citekey_valid("a\"b"));
	assert_false(colo_citekey_valid("a{b"));
	assert_false(colo_citekey_valid("m\xc3\xbcller"));
	memset(big, 'a', 257);
	big[257] = '\0';
	assert_false(colo_citekey_valid(big));
	big[256] = '\0';
	assert_true(colo_citekey_valid(big));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_pattern_errors),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_make),
		cmocka_unit_test(test_first_author_wins),
		cmocka_unit_test(test_long_parts_are_bounded),
		cmocka_unit_test(test_suffixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
