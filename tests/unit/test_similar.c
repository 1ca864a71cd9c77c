/* Unit tests: the match score of `colophon enrich` (core/similar.c).
 * Table-driven: a stored work and a candidate → the parts of the score
 * and whether the candidate is accepted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"
#include "colophon/similar.h"

#define NEAR(got, want)                                                     \
	do {                                                                 \
		if (fabs((got) - (want)) > 0.005)                            \
			print_error("%s = %f, want %f\n", #got, (double)(got), \
			            (double)(want));                         \
		assert_true(fabs((got) - (want)) <= 0.005);                  \
	} while (0)

static void test_text(void **state)
{
	static const struct {
		const char *a, *b;
		double want;
	} cases[] = {
		{"Grounded", "Grounded", 1.0},
		{"Grounded", "grounded!", 1.0},
		/* accents folded, "&" read as "and", a leading "The" dropped */
		{"Cafés & Ports", "cafes and ports", 1.0},
		{"The Battleship Book", "Battleship Book", 1.0},
		{"The Battleship Book", "Battleship Builders", 0.5},
		/* a set: repeated words count once */
		{"war war war", "war", 1.0},
		{"Sea Power", "Air Power", 0.5},
		{"alpha beta gamma", "delta epsilon", 0.0},
		{"", "anything", 0.0},
		{NULL, "anything", 0.0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		NEAR(colo_similar_text(cases[i].a, cases[i].b), cases[i].want);
}

static void test_year(void **state)
{
	(void)state;
	NEAR(colo_similar_year(2014, 2014), 1.0);
	NEAR(colo_similar_year(2014, 2015), 0.5);
	NEAR(colo_similar_year(2015, 2014), 0.5);
	NEAR(colo_similar_year(2014, 2016), 0.0);
	NEAR(colo_similar_year(0, 2016), 0.5);
	NEAR(colo_similar_year(2016, 0), 0.5);
}

/* A work from "Title|Subtitle|year|Family,Family". */
static void make(colo_work *w, const char *spec)
{
	char *s = colo_xstrdup(spec), *parts[4] = {NULL, NULL, NULL, NULL};
	char *p = s;

	colo_work_init(w);
	for (int i = 0; i < 4; i++) {
		parts[i] = p;
		p = p ? strchr(p, '|') : NULL;
		if (p)
			*p++ = '\0';
	}
	if (*parts[0])
		w->title = colo_xstrdup(parts[0]);
	if (parts[1] && *parts[1])
		w->subtitle = colo_xstrdup(parts[1]);
	w->year = parts[2] ? (int)strtol(parts[2], NULL, 10) : 0;
	for (char *f = parts[3]; f && *f;) {
		char *comma = strchr(f, ',');
		colo_creator *c;

		if (comma)
			*comma = '\0';
		c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
		c->name.family = colo_xstrdup(f);
		f = comma ? comma + 1 : NULL;
	}
	free(s);
}

static void test_works(void **state)
{
	static const struct {
		const char *known, *cand;
		double title, year, names;
		bool accept;
	} cases[] = {
		/* the same book, its subtitle split off by the service */
		{"Grounded: The Case for Abolishing the United States Air "
		 "Force||2014|Farley",
		 "Grounded|The Case for Abolishing the United States Air "
		 "Force|2014|Farley",
		 1.0, 1.0, 1.0, true},
		/* only the main title stored: matched on main titles */
		{"Grounded||2014|Farley",
		 "Grounded|The Case for Abolishing the United States Air "
		 "Force|2014|Farley",
		 1.0, 1.0, 1.0, true},
		/* a year apart (print vs online): still accepted */
		{"Patents for Power||2020|Farley", "Patents for Power||2019|Farley",
		 1.0, 0.5, 1.0, true},
		/* year unknown on one side */
		{"Patents for Power||0|Farley", "Patents for Power||2019|Farley",
		 1.0, 0.5, 1.0, true},
		/* same title, another author: refused (0.8) */
		{"Sea Power||2010|Farley", "Sea Power||2010|Hale", 1.0, 1.0, 0.0,
		 false},
		/* same title and author, years far apart (a reprint): refused */
		{"Sea Power||2010|Farley", "Sea Power||1995|Farley", 1.0, 0.0, 1.0,
		 false},
		/* a similar title is not enough when the title floor fails */
		{"The Battleship Book||2016|Farley",
		 "Battleship Builders||2016|Farley", 0.5, 1.0, 1.0, false},
		/* four of five words against four: 2*4/9 */
		{"Navies of the Baltic Sea||2012|Farley",
		 "Navies of the Baltic||2012|Farley", 0.889, 1.0, 1.0, true},
		/* three of four words on each side: 0.75, exactly at the floor
		 * (total 0.85, exactly at the threshold) */
		{"Salt Ports Trade Navies||2012|Farley",
		 "Salt Ports Trade Wars||2012|Farley", 0.75, 1.0, 1.0, true},
		/* ... and below it */
		{"Salt Ports Trade Navies||2012|Farley",
		 "Salt Ports Convoys Wars||2012|Farley", 0.5, 1.0, 1.0, false},
		/* half the authors found */
		{"Sea Power||2010|Farley,Isaacs", "Sea Power||2010|Farley", 1.0, 1.0,
		 0.5, true},
		/* nobody named on the stored side */
		{"Sea Power||2010|", "Sea Power||2010|Hale", 1.0, 1.0, 0.5, true},
		{"Sea Power||2010|Farley", "Sea Power||2010|", 1.0, 1.0, 0.0, false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		colo_work a, b;
		colo_similar_score s;

		make(&a, cases[i].known);
		make(&b, cases[i].cand);
		colo_similar_works(&a, &b, &s);
		print_message("case %zu: title %.3f year %.2f names %.2f total %.3f\n",
		              i, s.title, s.year, s.names, s.total);
		NEAR(s.title, cases[i].title);
		NEAR(s.year, cases[i].year);
		NEAR(s.names, cases[i].names);
		NEAR(s.total, 0.6 * s.title + 0.2 * s.year + 0.2 * s.names);
		assert_int_equal(colo_similar_accept(&s), cases[i].accept);
		colo_work_cleanup(&a);
		colo_work_cleanup(&b);
	}
}

static void test_threshold(void **state)
{
	colo_similar_score s;

	(void)state;
	s.title = 0.75;
	s.year = 1.0;
	s.names = 1.0;
	s.total = 0.6 * 0.75 + 0.2 + 0.2;
	assert_true(colo_similar_accept(&s));
	s.title = 0.74;
	s.total = 0.6 * 0.74 + 0.2 + 0.2;
	assert_false(colo_similar_accept(&s));
	s.title = 1.0;
	s.year = 0.5;
	s.names = 0.25;
	s.total = 0.6 + 0.1 + 0.05;
	assert_false(colo_similar_accept(&s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_works),
		cmocka_unit_test(test_threshold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
