/* Unit tests: LaTeX → Unicode (importers/latex.c): accents in every
 * spelling, letter commands, specials, dashes, ties, quotes, protected
 * capitals, and input that must not hurt (deep nesting, stray braces,
 * dangling commands). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/latex.h"
#include "colophon/mem.h"

static void check(const char *in, unsigned flags, const char *want)
{
	char *got = colo_latex_to_utf8(in, strlen(in), flags);

	if (strcmp(got, want) != 0)
		print_error("input: %s\n", in);
	assert_string_equal(got, want);
	free(got);
}

static void test_accents(void **state)
{
	(void)state;
	/* every spelling of ü */
	check("{\\\"u}", 0, "\xc3\xbc");
	check("\\\"{u}", 0, "\xc3\xbc");
	check("\\\"u", 0, "\xc3\xbc");
	check("M{\\\"u}ller", 0, "M\xc3\xbcller");
	check("M\\\"{u}ller", 0, "M\xc3\xbcller");
	check("M\\\"uller", 0, "M\xc3\xbcller");
	check("\\'e", 0, "\xc3\xa9");
	check("\\'{e}", 0, "\xc3\xa9");
	check("{\\'e}", 0, "\xc3\xa9");
	check("\\`a", 0, "\xc3\xa0");
	check("\\^o", 0, "\xc3\xb4");
	check("\\~n", 0, "\xc3\xb1");
	check("\\c{c}", 0, "\xc3\xa7");
	check("\\c c", 0, "\xc3\xa7");
	check("{\\c c}", 0, "\xc3\xa7");
	check("\\v{s}", 0, "\xc5\xa1");
	check("\\v s", 0, "\xc5\xa1");
	check("\\u{a}", 0, "\xc4\x83");
	check("\\H{o}", 0, "\xc5\x91");
	check("\\k{a}", 0, "\xc4\x85");
	check("\\r{a}", 0, "\xc3\xa5");
	check("\\={a}", 0, "\xc4\x81");
	check("\\.{z}", 0, "\xc5\xbc");
	check("\\'{\\i}", 0, "\xc3\xad");
	check("\\'\\i", 0, "\xc3\xad");
	check("{\\'\\i}", 0, "\xc3\xad");
	check("Garc{\\'\\i}a", 0, "Garc\xc3\xad" "a");
	/* a composed result is NFC: one code point */
	check("\\\"{U}ber", 0, "\xc3\x9c" "ber");
}

static void test_letters(void **state)
{
	(void)state;
	check("{\\ss}", 0, "\xc3\x9f");
	check("Gro{\\ss}mann", 0, "Gro\xc3\x9fmann");
	check("Gro\\ss{}mann", 0, "Gro\xc3\x9fmann");
	check("\\o", 0, "\xc3\xb8");
	check("{\\O}stergaard", 0, "\xc3\x98stergaard");
	check("\\l", 0, "\xc5\x82");
	check("Pawe{\\l}", 0, "Pawe\xc5\x82");
	check("{\\ae}", 0, "\xc3\xa6");
	check("{\\AA}", 0, "\xc3\x85");
	check("\\i", 0, "\xc4\xb1");
	check("\\alpha-helix", 0, "\xce\xb1-helix");
	check("$\\beta$", 0, "\xce\xb2");
	check("\\LaTeX{} rocks", 0, "LaTeX rocks");
}

static void test_specials(void **state)
{
	(void)state;
	check("A \\& B", 0, "A & B");
	check("50\\%", 0, "50%");
	check("\\$5", 0, "$5");
	check("a\\_b", 0, "a_b");
	check("1--10", 0, "1\xe2\x80\x93" "10");
	check("yes---no", 0, "yes\xe2\x80\x94no");
	check("a-b", 0, "a-b");
	check("D.~E. Knuth", 0, "D.\xc2\xa0" "E. Knuth");
	check("D.~E. Knuth", COLO_LATEX_NAME, "D. E. Knuth");
	check("``quoted''", 0, "\xe2\x80\x9cquoted\xe2\x80\x9d");
	check("`single'", 0, "\xe2\x80\x98single'");
	check("don't", 0, "don't");
	check("?`Qu\\'e?", 0, "\xc2\xbfQu\xc3\xa9?");
	check("  many   \n\t spaces  ", 0, "many spaces");
	check("\\emph{word}", 0, "word");
	check("{\\em word} and \\textbf{bold}", 0, "word and bold");
	check("\\url{http://x.org/a_b}", 0, "http://x.org/a_b");
	check("\\href{http://x.org}{text}", 0, "text");
	check("{\\noopsort{a}}Zebra", 0, "Zebra");
	check("plain text", 0, "plain text");
	check("", 0, "");
}

static void test_markup(void **state)
{
	(void)state;
	check("The {NASA} Mission", 0, "The NASA Mission");
	check("The {NASA} Mission", COLO_LATEX_MARKUP, "The {NASA} Mission");
	/* a special character is not case protection */
	check("{\\\"U}ber {DNA}", COLO_LATEX_MARKUP, "\xc3\x9c" "ber {DNA}");
	/* a command's argument is not case protection */
	check("\\emph{Nature} of {X}", COLO_LATEX_MARKUP, "Nature of {X}");
	/* nested groups: only the outer one is kept */
	check("{A {B} C}", COLO_LATEX_MARKUP, "{A B C}");
	/* literal braces are escaped in markup */
	check("a \\{ b \\}", COLO_LATEX_MARKUP, "a \\{ b \\}");
	check("a \\{ b \\}", 0, "a { b }");
}

static void test_hostile(void **state)
{
	size_t n = 10000;
	char *deep = colo_xmalloc(2 * n + 2);
	char *got;

	(void)state;
	memset(deep, '{', n);
	deep[n] = 'x';
	memset(deep + n + 1, '}', n);
	deep[2 * n + 1] = '\0';
	got = colo_latex_to_utf8(deep, 2 * n + 1, COLO_LATEX_MARKUP);
	assert_string_equal(got, "{x}");
	free(got);
	got = colo_latex_to_utf8(deep, n, 0); /* never closed */
	assert_string_equal(got, "");
	free(got);
	free(deep);
	check("}}}stray{", 0, "stray");
	check("\\", 0, "");
	check("a\\", 0, "a");
	check("\\'", 0, "");
	check("\\'{}", 0, "");
	check("\\\"{ab}", 0, "ab");
	check("\\verylongcommandnamethatgoesonandonandonforeverandever{x}", 0, "x");
	check("\\c", 0, "");
	/* NUL and controls are dropped */
	check("a\x01" "b", 0, "ab");
	{
		const char in[] = {'a', '\0', 'b'};

		got = colo_latex_to_utf8(in, sizeof in, 0);
		assert_string_equal(got, "ab");
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accents),
		cmocka_unit_test(test_letters),
		cmocka_unit_test(test_specials),
		cmocka_unit_test(test_markup),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
