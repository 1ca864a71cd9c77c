/* Unit tests: the BibTeX/BibLaTeX reader (importers/bibtex.c): macros and
 * concatenation, comments, delimiters, crossref/xdata, names, types and
 * fields, diagnostics with positions, and hostile input (invalid UTF-8,
 * NUL bytes, a 10 MB field, 10,000 nested braces, self-referential and
 * doubling @string macros). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../importers/bibtex_priv.h"
#include "../../importers/formats_priv.h"
#include "colophon/buf.h"
#include "colophon/mem.h"

static bool parse(const char *s, colo_batch *b)
{
	colo_error err;

	colo_batch_init(b);
	colo_error_clear(&err);
	return colo_bibtex_parse(s, strlen(s), b, &err);
}

static const colo_work *by_key(const colo_batch *b, const char *key)
{
	for (size_t i = 0; i < b->nworks; i++)
		if (b->works[i].citekey && strcmp(b->works[i].citekey, key) == 0)
			return &b->works[i];
	fail_msg("no work with key %s", key);
	return NULL;
}

#define STR_EQ(got, want)                                                    \
	do {                                                                  \
		assert_non_null(got);                                         \
		assert_string_equal(got, want);                               \
	} while (0)

static void test_macros(void **state)
{
	colo_batch b;
	const colo_work *w;

	(void)state;
	assert_true(parse("@STRING{jn = {Journal of }}\n"
	                  "@string(pub = \"ACM\")\n"
	                  "@String{Both = jn # pub}\n"
	                  "@article{a, title = \"T\", journal = both # \" Letters\","
	                  " year = 2001, month = mar}\n"
	                  "@article{b, title = {U}, month = jan # \"~15\", year = {1999}}\n",
	                  &b));
	assert_int_equal(b.nworks, 2);
	w = by_key(&b, "a");
	STR_EQ(w->container, "Journal of ACM Letters");
	assert_int_equal(w->year, 2001);
	assert_int_equal(w->month, 3);
	w = by_key(&b, "b");
	assert_int_equal(w->month, 1);
	assert_int_equal(w->day, 15);
	assert_int_equal(b.skipped, 0);
	colo_batch_cleanup(&b);
}

static void test_comments_and_delimiters(void **state)
{
	colo_batch b;
	const colo_work *w;

	(void)state;
	assert_true(parse("Text before, with an e-mail me@example.org.\n"
	                  "@comment{ @article{ghost, title={No}} }\n"
	                  "@preamble{ \"\\newcommand{\\noopsort}[1]{}\" }\n"
	                  "% a TeX comment line\n"
	                  "@Book( paren, TITLE = {Parens {and {nested}} braces},\n"
	                  "  AUTHOR = \"A. Author\", Publisher = {P}, )\n"
	                  "text between entries\n"
	                  "@misc{last, title = {Last}}\n",
	                  &b));
	assert_int_equal(b.nworks, 2);
	w = by_key(&b, "paren");
	STR_EQ(w->type, "book");
	STR_EQ(w->title, "Parens and nested braces");
	STR_EQ(w->title_markup, "Parens {and nested} braces");
	STR_EQ(w->publisher, "P");
	STR_EQ(by_key(&b, "last")->type, "document");
	colo_batch_cleanup(&b);
}

static void test_crossref_xdata(void **state)
{
	colo_batch b;
	const colo_work *w;

	(void)state;
	assert_true(parse("@inproceedings{child, author = {C. Hild}, title = {Kid},"
	                  " crossref = {Proc}, pages = {1--5}}\n"
	                  "@xdata{pubinfo, publisher = {Springer}, location = {Berlin}}\n"
	                  "@book{withx, title = {X}, xdata = {pubinfo}}\n"
	                  "@proceedings{proc, title = {Proceedings of P}, year = 2010,"
	                  " editor = {E. Ditor}, publisher = {IEEE}}\n",
	                  &b));
	/* the xdata entry is not a work */
	assert_int_equal(b.nworks, 3);
	w = by_key(&b, "child");
	STR_EQ(w->title, "Kid");
	STR_EQ(w->container, "Proceedings of P");
	assert_int_equal(w->year, 2010);
	STR_EQ(w->publisher, "IEEE");
	STR_EQ(w->pages, "1-5");
	STR_EQ(w->crossref, "Proc");
	assert_int_equal(w->ncreators, 2);
	assert_int_equal(w->creators[1].role, COLO_ROLE_EDITOR);
	w = by_key(&b, "withx");
	STR_EQ(w->publisher, "Springer");
	STR_EQ(w->place, "Berlin");
	colo_batch_cleanup(&b);
}

static void check_name(const char *in, const char *given, const char *particle,
                       const char *family, const char *suffix,
                       const char *literal)
{
	colo_name n;

	colo_bibtex_name(in, strlen(in), &n);
#define EQ(got, want)                                                        \
	do {                                                                  \
		if (want) {                                                   \
			assert_non_null(got);                                 \
			assert_string_equal(got, want);                       \
		} else {                                                      \
			assert_null(got);                                     \
		}                                                             \
	} while (0)
	EQ(n.given, given);
	EQ(n.particle, particle);
	EQ(n.family, family);
	EQ(n.suffix, suffix);
	EQ(n.literal, literal);
#undef EQ
	colo_name_cleanup(&n);
}

static void test_names(void **state)
{
	colo_work w;

	(void)state;
	check_name("Donald E. Knuth", "Donald E.", NULL, "Knuth", NULL, NULL);
	check_name("Knuth, Donald E.", "Donald E.", NULL, "Knuth", NULL, NULL);
	check_name("Ludwig van Beethoven", "Ludwig", "van", "Beethoven", NULL, NULL);
	check_name("van Beethoven, Ludwig", "Ludwig", "van", "Beethoven", NULL, NULL);
	check_name("Jean de la Fontaine", "Jean", "de la", "Fontaine", NULL, NULL);
	check_name("de la Fontaine, Jean", "Jean", "de la", "Fontaine", NULL, NULL);
	check_name("King, Jr., Martin Luther", "Martin Luther", NULL, "King", "Jr.",
	           NULL);
	check_name("Martin Luther King Jr.", "Martin Luther", NULL, "King", "Jr.",
	           NULL);
	check_name("{Barnes and Noble}", NULL, NULL, NULL, NULL, "Barnes and Noble");
	check_name("{World Health Organization}", NULL, NULL, NULL, NULL,
	           "World Health Organization");
	check_name("M{\\\"u}ller, J{\\\"o}rg", "J\xc3\xb6rg", NULL, "M\xc3\xbcller",
	           NULL, NULL);
	check_name("D.~E. Knuth", "D. E.", NULL, "Knuth", NULL, NULL);
	check_name("Plato", NULL, NULL, "Plato", NULL, NULL);
	check_name("{\\O}stergaard, Bj{\\o}rn", "Bj\xc3\xb8rn", NULL,
	           "\xc3\x98stergaard", NULL, NULL);
	/* a braced family name is one word, not a particle */
	check_name("Charles {de Gaulle}", "Charles", NULL, "de Gaulle", NULL, NULL);

	colo_work_init(&w);
	colo_bibtex_add_names(&w, "A. One AND B. Two and {Three and Four} and others",
	                      strlen("A. One AND B. Two and {Three and Four} and others"),
	                      COLO_ROLE_AUTHOR);
	assert_int_equal(w.ncreators, 3);
	assert_string_equal(w.creators[1].name.family, "Two");
	assert_string_equal(w.creators[2].name.literal, "Three and Four");
	colo_work_cleanup(&w);
	/* "and" inside a word is not a separator */
	colo_work_init(&w);
	colo_bibtex_add_names(&w, "Sandy Anderson and Andy Band",
	                      strlen("Sandy Anderson and Andy Band"),
	                      COLO_ROLE_EDITOR);
	assert_int_equal(w.ncreators, 2);
	assert_string_equal(w.creators[0].name.family, "Anderson");
	assert_int_equal(w.creators[0].role, COLO_ROLE_EDITOR);
	colo_work_cleanup(&w);
}

static void test_fields_and_types(void **state)
{
	colo_batch b;
	const colo_work *w;

	(void)state;
	assert_true(parse("@PhDThesis{t, author={A B}, title={{T}hesis}, school={MIT},"
	                  " year=1990}\n"
	                  "@incollection{c, title={Ch}, booktitle={The Book},"
	                  " editor={E. D. Itor}, pages={3--9}}\n"
	                  "@online{o, title={Page}, date={2020-05-17},"
	                  " url={https://x.org/a\\_b}, doi={https://doi.org/10.1/ABC}}\n"
	                  "@article{pre, title={P}, eprinttype={arXiv}, eprint={2101.00001}}\n",
	                  &b));
	w = by_key(&b, "t");
	STR_EQ(w->type, "thesis");
	STR_EQ(w->genre, "PhD thesis");
	STR_EQ(w->publisher, "MIT");
	STR_EQ(w->title, "Thesis");
	STR_EQ(w->title_markup, "{T}hesis");
	w = by_key(&b, "c");
	STR_EQ(w->type, "chapter");
	STR_EQ(w->container, "The Book");
	assert_int_equal(w->creators[0].role, COLO_ROLE_EDITOR);
	w = by_key(&b, "o");
	STR_EQ(w->type, "webpage");
	assert_int_equal(w->year, 2020);
	assert_int_equal(w->month, 5);
	assert_int_equal(w->day, 17);
	STR_EQ(w->url, "https://x.org/a_b");
	STR_EQ(w->doi, "10.1/ABC");
	w = by_key(&b, "pre");
	STR_EQ(w->archive, "arXiv");
	STR_EQ(w->eprint, "2101.00001");
	assert_true(colo_work_is_preprint(w));
	colo_batch_cleanup(&b);
}

static void test_diagnostics(void **state)
{
	colo_batch b;

	(void)state;
	assert_true(parse("@article{good1, title={One}}\n"
	                  "@article{bad1, title={Unclosed, year=2000\n"
	                  "\n"
	                  "@article{good2, title={Two}}\n"
	                  "@article{bad2, title = undefinedmacro}\n"
	                  "@article{bad3 title={no comma}}\n"
	                  "@article{good1, title={Repeated key}}\n"
	                  "@article{good3, title=\"Three\"}\n",
	                  &b));
	assert_int_equal(b.nworks, 3);
	by_key(&b, "good2");
	by_key(&b, "good3");
	assert_int_equal(b.skipped, 4);
	assert_int_equal(b.ndiags, 4);
	assert_int_equal(b.diags[0].line, 2);
	assert_int_equal(b.diags[0].col, 22);
	assert_string_equal(b.diags[0].message,
	                    "unbalanced brace in field 'title'");
	assert_int_equal(b.diags[1].line, 5);
	assert_string_equal(b.diags[1].message, "undefined macro 'undefinedmacro'");
	assert_int_equal(b.diags[2].line, 6);
	assert_int_equal(b.diags[2].col, 15);
	assert_string_equal(b.diags[3].message, "repeated entry 'good1' skipped");
	colo_batch_cleanup(&b);
}

static void test_nothing(void **state)
{
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_false(colo_bibtex_parse("just text", 9, &b, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_string_equal(err.message, "no BibTeX entries found");
	colo_batch_cleanup(&b);
	assert_int_equal(colo_bibtex_sniff("x", 1), 0);
	assert_int_equal(colo_bibtex_sniff("@article{x,}", 12), 90);
}

static void test_hostile(void **state)
{
	colo_batch b;
	colo_buf in;
	size_t big = (size_t)10 << 20;

	(void)state;
	/* invalid UTF-8 and a NUL byte: those entries go, the rest stays */
	{
		const char s[] = "@article{latin, title={Le\xf3n}}\n"
		                 "@article{nul, title={a\0b}}\n"
		                 "@article{ok, title={Fine}}\n";
		colo_error err;

		colo_batch_init(&b);
		assert_true(colo_bibtex_parse(s, sizeof s - 1, &b, &err));
		assert_int_equal(b.nworks, 1);
		assert_int_equal(b.skipped, 2);
		assert_int_equal(b.diags[0].line, 1);
		assert_int_equal(b.diags[0].col, 26);
		assert_string_equal(b.diags[0].message,
		                    "invalid UTF-8 (byte 0xf3); entry 'latin' skipped");
		colo_batch_cleanup(&b);
	}
	/* a 10 MB field */
	colo_buf_init(&in, 0);
	colo_buf_puts(&in, "@article{big, title={Big}, abstract={");
	for (size_t i = 0; i < big / 10; i++)
		colo_buf_append(&in, "abcdefghi ", 10);
	colo_buf_puts(&in, "}}\n");
	colo_batch_init(&b);
	assert_true(colo_bibtex_parse(in.data, in.len, &b, NULL));
	assert_int_equal(b.nworks, 1);
	assert_int_equal(strlen(b.works[0].abstract), big - 1);
	colo_batch_cleanup(&b);
	/* 10,000 nested braces, closed and unclosed */
	colo_buf_reset(&in);
	colo_buf_puts(&in, "@article{deep, title={");
	for (int i = 0; i < 10000; i++)
		colo_buf_putc(&in, '{');
	colo_buf_putc(&in, 'x');
	for (int i = 0; i < 10000; i++)
		colo_buf_putc(&in, '}');
	colo_buf_puts(&in, "}}\n@article{deep2, title={");
	for (int i = 0; i < 10000; i++)
		colo_buf_putc(&in, '{');
	colo_buf_puts(&in, "\n@article{after, title={After}}\n");
	colo_batch_init(&b);
	assert_true(colo_bibtex_parse(in.data, in.len, &b, NULL));
	assert_int_equal(b.nworks, 2);
	assert_string_equal(b.works[0].title, "x");
	assert_string_equal(b.works[1].citekey, "after");
	assert_int_equal(b.skipped, 1);
	colo_batch_cleanup(&b);
	/* self-referential and doubling macros */
	colo_buf_reset(&in);
	colo_buf_puts(&in, "@string{a = a}\n@string{s = \"xx\"}\n");
	for (int i = 0; i < 64; i++)
		colo_buf_puts(&in, "@string{s = s # s}\n");
	colo_buf_puts(&in, "@article{m, title = {M}, note = s}\n"
	                   "@article{huge, title = {H}, note = s");
	for (int i = 0; i < 80; i++)
		colo_buf_puts(&in, " # s");
	colo_buf_puts(&in, "}\n@article{n, title = {N}}\n");
	colo_batch_init(&b);
	assert_true(colo_bibtex_parse(in.data, in.len, &b, NULL));
	/* a macro stops growing at 1 MB (the @string that would pass it is
	 * reported), a field at 32 MB: "huge" is reported and skipped */
	assert_int_equal(b.nworks, 2);
	assert_string_equal(b.works[0].citekey, "m");
	assert_true(strlen(b.works[0].note) <= ((size_t)1 << 20));
	assert_true(strlen(b.works[0].note) >= ((size_t)1 << 19));
	assert_string_equal(b.works[1].citekey, "n");
	assert_string_equal(b.diags[0].message, "undefined macro 'a'");
	assert_string_equal(b.diags[b.ndiags - 1].message,
	                    "field 'note' is too long after expanding macros");
	assert_true(b.skipped >= 3);
	colo_batch_cleanup(&b);
	colo_buf_cleanup(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_macros),
		cmocka_unit_test(test_comments_and_delimiters),
		cmocka_unit_test(test_crossref_xdata),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_fields_and_types),
		cmocka_unit_test(test_diagnostics),
		cmocka_unit_test(test_nothing),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
