/* test_linker.c - the multi-pattern matcher: normalisation, whole-word
 * matches with byte spans, overlapping patterns, duplicates, ISBN and DOI
 * spellings, the capital-letter rule for one-word patterns, rebuilding
 * after more patterns are added, and junk input.  (That the scan rate does
 * not depend on the number of patterns is bench/bench_link.sh's job.)  No
 * database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/linker.h"
#include "colophon/mem.h"

typedef struct hits {
	colo_linker_match m[64];
	size_t n;
} hits;

static bool collect(void *ud, const colo_linker_match *m)
{
	hits *h = ud;

	if (h->n < 64)
		h->m[h->n++] = *m;
	return true;
}

static void norm_is(const char *in, const char *want)
{
	char *got = colo_linker_normalise(in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void test_normalise(void **state)
{
	norm_is("The Battleship Book", "the battleship book");
	norm_is("Lawyers, Guns & Money", "lawyers guns and money");
	norm_is("Donald Trump\xe2\x80\x99s Admiration", "donald trump s admiration");
	norm_is("Caf\xc3\xa9 \xc3\x9c" "ber", "cafe uber");
	norm_is("ISBN 978-0-8131-4495-4.", "isbn 9780813144954");
	norm_is("0-306-40615-X", "030640615x");
	norm_is("1950-1953 war", "19501953 war");
	norm_is("  ", "");
}

/* The byte range of a match, as text. */
static char *span(const char *text, const colo_linker_match *m)
{
	return colo_xstrndup(text + m->start, m->end - m->start);
}

static void test_spans_and_words(void **state)
{
	colo_linker *lk = colo_linker_new();
	const char *text = "In The Battleship Book (2016), Farley writes; "
	                   "the battleshipbook is not it.";
	hits h = {0};
	char *s;

	assert_true(colo_linker_add(lk, "Battleship Book", 15, COLO_PAT_TITLE, 7, 0));
	assert_int_equal(colo_linker_scan(lk, text, strlen(text), collect, &h), 1);
	assert_int_equal(h.m[0].target, 7);
	assert_int_equal(h.m[0].kind, COLO_PAT_TITLE);
	assert_int_equal(h.m[0].nwords, 2);
	s = span(text, &h.m[0]);
	assert_string_equal(s, "Battleship Book");
	free(s);
	/* whole words only: no match inside "Battleshipbook" or "Books" */
	h.n = 0;
	assert_int_equal(colo_linker_scan(lk, "Battleship Books", 16, collect, &h), 0);
	colo_linker_destroy(lk);
}

static void test_overlaps_and_duplicates(void **state)
{
	colo_linker *lk = colo_linker_new();
	const char *text = "Read Patents for Power: Intellectual Property Law "
	                   "and the Diffusion of Military Technology today.";
	hits h = {0};

	colo_linker_add(lk, "Patents for Power: Intellectual Property Law and the "
	                    "Diffusion of Military Technology",
	                strlen("Patents for Power: Intellectual Property Law and "
	                       "the Diffusion of Military Technology"),
	                COLO_PAT_TITLE, 1, 0);
	colo_linker_add(lk, "Patents for Power", 17, COLO_PAT_SHORT_TITLE, 1, 0);
	colo_linker_add(lk, "Power", 5, COLO_PAT_VENUE, 2, 0);
	colo_linker_add(lk, "Power", 5, COLO_PAT_VENUE, 3, 0); /* same words */
	colo_linker_add(lk, "Military Technology", 19, COLO_PAT_TITLE, 4, 0);
	assert_int_equal(colo_linker_count(lk), 5);
	assert_int_equal(colo_linker_scan(lk, text, strlen(text), collect, &h), 5);
	/* ordered by end: the short title, both "Power"s, then the two that
	 * end at "Technology" */
	assert_int_equal(h.m[0].end, h.m[1].end);
	assert_int_equal(h.m[1].end, h.m[2].end);
	{
		size_t seen = 0;

		for (size_t i = 0; i < h.n; i++)
			seen |= (size_t)1 << h.m[i].target;
		assert_int_equal(seen, 0x1e);
	}
	assert_false(colo_linker_add(lk, "  --  ", 6, COLO_PAT_TITLE, 9, 0));
	colo_linker_destroy(lk);
}

static void test_failure_links(void **state)
{
	/* "a b c" fails at "d"; the automaton must fall back to "b c d" */
	colo_linker *lk = colo_linker_new();
	const char *text = "alpha beta gamma delta";
	hits h = {0};

	colo_linker_add(lk, "alpha beta gamma epsilon", 24, COLO_PAT_TITLE, 1, 0);
	colo_linker_add(lk, "beta gamma delta", 16, COLO_PAT_TITLE, 2, 0);
	colo_linker_add(lk, "gamma", 5, COLO_PAT_TITLE, 3, 0);
	assert_int_equal(colo_linker_scan(lk, text, strlen(text), collect, &h), 2);
	assert_int_equal(h.m[0].target, 3);
	assert_int_equal(h.m[1].target, 2);
	assert_int_equal(h.m[1].start, 6);
	assert_int_equal(h.m[1].end, strlen(text));
	colo_linker_destroy(lk);
}

static void test_capital_rule(void **state)
{
	colo_linker *lk = colo_linker_new();
	hits h = {0};

	colo_linker_add(lk, "Grounded", 8, COLO_PAT_SHORT_TITLE, 1, COLO_PAT_CAPITAL);
	assert_int_equal(colo_linker_scan(lk, "the plane was grounded", 22, collect, &h), 0);
	assert_int_equal(colo_linker_scan(lk, "his book Grounded", 17, collect, &h), 1);
	colo_linker_destroy(lk);
}

static void test_isbn_doi(void **state)
{
	colo_linker *lk = colo_linker_new();
	const char *text = "(ISBN 978-0-306-40615-7; doi:10.1000/xyz123.) and 0-306-40615-X";
	hits h = {0};
	char *s;

	colo_linker_add(lk, "9780306406157", 13, COLO_PAT_ISBN, 1, 0);
	colo_linker_add(lk, "030640615X", 10, COLO_PAT_ISBN, 1, 0);
	colo_linker_add(lk, "10.1000/xyz123", 14, COLO_PAT_DOI, 2, 0);
	assert_int_equal(colo_linker_scan(lk, text, strlen(text), collect, &h), 3);
	s = span(text, &h.m[0]);
	assert_string_equal(s, "978-0-306-40615-7");
	free(s);
	s = span(text, &h.m[1]);
	assert_string_equal(s, "10.1000/xyz123");
	free(s);
	assert_int_equal(h.m[2].kind, COLO_PAT_ISBN);
	colo_linker_destroy(lk);
}

static void test_stop_early(void **state)
{
	colo_linker *lk = colo_linker_new();

	colo_linker_add(lk, "x", 1, COLO_PAT_TITLE, 1, 0);
	assert_int_equal(colo_linker_scan(lk, "x x x", 5, NULL, NULL), 3);
	colo_linker_destroy(lk);
}

static bool stop(void *ud, const colo_linker_match *m)
{
	(*(int *)ud)++;
	return false;
}

static void test_stop(void **state)
{
	colo_linker *lk = colo_linker_new();
	int calls = 0;

	colo_linker_add(lk, "x", 1, COLO_PAT_TITLE, 1, 0);
	assert_int_equal(colo_linker_scan(lk, "x x x", 5, stop, &calls), 1);
	assert_int_equal(calls, 1);
	colo_linker_destroy(lk);
}

/* Patterns added after a scan are found by the next scan (rebuild). */
static void test_add_after_scan(void **state)
{
	colo_linker *lk = colo_linker_new();
	const char *text = "New Title here and Old Title there";

	colo_linker_add(lk, "Old Title", 9, COLO_PAT_TITLE, 1, 0);
	assert_int_equal(colo_linker_scan(lk, text, strlen(text), NULL, NULL), 1);
	colo_linker_add(lk, "New Title", 9, COLO_PAT_TITLE, 2, 0);
	assert_int_equal(colo_linker_scan(lk, text, strlen(text), NULL, NULL), 2);
	colo_linker_destroy(lk);
}

/* Invalid UTF-8 and long words are separators/truncated, never a crash. */
static void test_junk(void **state)
{
	colo_linker *lk = colo_linker_new();
	char text[600];

	memset(text, 'a', sizeof text);
	text[100] = (char)0xff;
	text[101] = (char)0xc3;
	colo_linker_add(lk, "aaaa", 4, COLO_PAT_TITLE, 1, 0);
	assert_int_equal(colo_linker_scan(lk, text, sizeof text, NULL, NULL), 0);
	colo_linker_destroy(lk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_spans_and_words),
		cmocka_unit_test(test_overlaps_and_duplicates),
		cmocka_unit_test(test_failure_links),
		cmocka_unit_test(test_capital_rule),
		cmocka_unit_test(test_isbn_doi),
		cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_add_after_scan),
		cmocka_unit_test(test_junk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
