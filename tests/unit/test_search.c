/* Unit tests: search tokens, stemming and the query language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"
#include "colophon/search.h"

static void check_stem(const char *in, const char *want)
{
	char *t = colo_xstrdup(in);

	colo_search_stem(t);
	assert_string_equal(t, want);
	free(t);
}

static void test_stem(void **state)
{
	(void)state;
	check_stem("battleships", "battleship");
	check_stem("abolishing", "abolish");
	check_stem("policies", "policy");
	check_stem("classes", "class");
	check_stem("waged", "wag");
	check_stem("press", "press");
	check_stem("status", "status");
	check_stem("analysis", "analysis");
	check_stem("gas", "gas");
	check_stem("2014", "2014");
}

static bool has(const colo_strv *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->items[i], s) == 0)
			return true;
	return false;
}

static void test_work_tokens(void **state)
{
	colo_work w;
	colo_creator *c;
	colo_strv v = {0};

	(void)state;
	colo_work_init(&w);
	w.title = colo_xstrdup("The Battleship Book");
	w.subtitle = colo_xstrdup("Ships of Müller");
	w.publisher = colo_xstrdup("Wildside");
	c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
	colo_name_parse("Robert Farley", 13, &c->name);
	colo_search_work_tokens(&w, &v);
	assert_true(has(&v, "battleship"));
	assert_true(has(&v, "t:battleship"));
	assert_true(has(&v, "t:ship"));
	assert_true(has(&v, "muller"));
	assert_true(has(&v, "a:farley"));
	assert_true(has(&v, "farley"));
	assert_true(has(&v, "v:wildside"));
	assert_false(has(&v, "t:farley"));
	assert_false(has(&v, "a:battleship"));
	colo_strv_cleanup(&v);
	colo_work_cleanup(&w);
}

static void test_parse(void **state)
{
	colo_search_query q;
	colo_error err;

	(void)state;
	assert_true(colo_search_parse("Battleships author:Farley year:2014..2020 type:book", &q, &err));
	assert_true(has(&q.all, "battleship"));
	assert_true(has(&q.all, "a:farley"));
	assert_true(has(&q.title, "t:battleship"));
	assert_int_equal(q.since, 2014);
	assert_int_equal(q.until, 2020);
	assert_string_equal(q.type, "book");
	colo_search_query_cleanup(&q);

	assert_true(colo_search_parse("year:2016", &q, &err));
	assert_int_equal(q.since, 2016);
	assert_int_equal(q.until, 2016);
	colo_search_query_cleanup(&q);

	assert_false(colo_search_parse("colour:red", &q, &err));
	assert_int_equal(err.code, COLO_EUSAGE);
	colo_search_query_cleanup(&q);
	assert_false(colo_search_parse("year:2020..2014", &q, &err));
	colo_search_query_cleanup(&q);
	assert_false(colo_search_parse("   ", &q, &err));
	colo_search_query_cleanup(&q);
	assert_false(colo_search_parse("!!! ---", &q, &err));
	colo_search_query_cleanup(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stem),
		cmocka_unit_test(test_work_tokens),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
