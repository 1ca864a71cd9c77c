/* Unit tests: what issue 5 stopped losing - keywords, truncated name
 * lists ("and others") and @preamble - in the model (core/model.c), the
 * BibTeX, RIS and CSL-JSON readers and the BibTeX, BibLaTeX, CSL-JSON and
 * RIS writers, including hostile keywords (TeX code, braces, line
 * breaks) that must stay data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../importers/bibtex_priv.h"
#include "../../importers/formats_priv.h"
#include "colophon/bibtex.h"
#include "colophon/buf.h"
#include "colophon/csljson.h"
#include "colophon/mem.h"
#include "colophon/ris.h"

#define STR_EQ(got, want)                                                    \
	do {                                                                  \
		assert_non_null(got);                                         \
		assert_string_equal(got, want);                               \
	} while (0)

static bool parse_bib(const char *s, colo_batch *b)
{
	colo_error err;

	colo_batch_init(b);
	colo_error_clear(&err);
	return colo_bibtex_parse(s, strlen(s), b, &err);
}

static void kw(colo_work *w, const char *s)
{
	colo_work_add_keyword(w, s, strlen(s));
}

static colo_work *sample(colo_work *w)
{
	colo_creator *c;

	colo_work_init(w);
	w->type = colo_xstrdup("article-journal");
	w->citekey = colo_xstrdup("farley2014air");
	w->title = colo_xstrdup("Air Power");
	w->container = colo_xstrdup("Journal");
	w->year = 2014;
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	colo_name_parse("Robert Farley", strlen("Robert Farley"), &c->name);
	return w;
}

static char *bib(const colo_work *w, bool biblatex)
{
	colo_bibtex_opts o = {biblatex, false};
	colo_buf b;
	colo_error err;

	colo_buf_init(&b, 0);
	assert_true(colo_bibtex_write(&b, w, &o, &err));
	return colo_buf_steal(&b);
}

static void test_model_add(void **state)
{
	colo_work w;

	(void)state;
	colo_work_init(&w);
	assert_true(colo_work_add_keyword(&w, "  air \t\n power  ", 16));
	assert_false(colo_work_add_keyword(&w, "air power", 9)); /* repeat */
	assert_false(colo_work_add_keyword(&w, " \t ", 3));
	assert_false(colo_work_add_keyword(&w, "a\0b", 3));
	assert_true(colo_work_add_keyword(&w, "Air power", 9)); /* case kept */
	colo_work_add_keywords(&w, "x,, y ,x", 8, ",");
	assert_int_equal(w.nkeywords, 4);
	STR_EQ(w.keywords[0], "air power");
	STR_EQ(w.keywords[1], "Air power");
	STR_EQ(w.keywords[2], "x");
	STR_EQ(w.keywords[3], "y");
	/* repeats are found past the first few keywords too (the table) */
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 300; i++) {
			char k[32];

			snprintf(k, sizeof k, "k%d", i);
			assert_int_equal(colo_work_add_keyword(&w, k, strlen(k)),
			                 round == 0);
		}
	assert_int_equal(w.nkeywords, 304);
	STR_EQ(w.keywords[303], "k299");
	assert_false(colo_work_add_keyword(&w, "air power", 9));
	for (int i = 0; i < COLO_MAX_KEYWORDS + 10; i++) {
		char k[32];

		snprintf(k, sizeof k, "k%d", i);
		kw(&w, k);
	}
	assert_int_equal(w.nkeywords, COLO_MAX_KEYWORDS);
	colo_work_cleanup(&w);
	assert_int_equal(w.nkeywords, 0);
	assert_null(w.keywords);
}

static void test_bibtex_read(void **state)
{
	colo_batch b;
	const colo_work *w;

	(void)state;
	assert_true(parse_bib(
		"@book{parent, title = {P}, keywords = {inherited}}\n"
		"@article{a1,\n"
		"  author = {Farley, Robert and Doe, Jane and others},\n"
		"  editor = {others},\n"
		"  title = {T},\n"
		"  keywords = {air power, {Smith, John}; naval\\_war,"
		" air  power , M{\\\"u}ller,, }\n}\n"
		"@incollection{c1, author = {A. One and others and B. Two},"
		" title = {C}, crossref = {parent}}\n"
		"@misc{m1, author = {A. One and Others}, title = {M}}\n",
		&b));
	w = &b.works[1];
	STR_EQ(w->citekey, "a1");
	assert_int_equal(w->nkeywords, 4);
	STR_EQ(w->keywords[0], "air power");
	STR_EQ(w->keywords[1], "Smith, John");
	STR_EQ(w->keywords[2], "naval_war");
	STR_EQ(w->keywords[3], "Müller");
	assert_int_equal(w->ncreators, 2);
	assert_int_equal(w->creators_more,
	                 COLO_MORE(COLO_ROLE_AUTHOR) | COLO_MORE(COLO_ROLE_EDITOR));
	/* "others" anywhere marks the list; a child inherits keywords */
	w = &b.works[2];
	STR_EQ(w->citekey, "c1");
	assert_int_equal(w->ncreators, 2);
	assert_int_equal(w->creators_more, COLO_MORE(COLO_ROLE_AUTHOR));
	assert_int_equal(w->nkeywords, 1);
	STR_EQ(w->keywords[0], "inherited");
	/* BibTeX's marker is the lower-case word: "Others" is a name */
	w = &b.works[3];
	assert_int_equal(w->ncreators, 2);
	assert_int_equal(w->creators_more, 0);
	assert_int_equal(b.works[0].creators_more, 0);
	assert_null(b.preamble);
	colo_batch_cleanup(&b);
}

static void test_bibtex_preamble(void **state)
{
	colo_batch b;

	(void)state;
	assert_true(parse_bib("@preamble{ \"\\newcommand{\\noopsort}[1]{}\" }\n"
	                      "@string{x = {\\def\\y}}\n"
	                      "@PREAMBLE( x # {{z}} )\n"
	                      "@preamble{\"\xff\"}\n"
	                      "@misc{m, title = {M}}\n",
	                      &b));
	STR_EQ(b.preamble, "\\newcommand{\\noopsort}[1]{}\\def\\y{z}");
	assert_int_equal(b.ndiags, 1);
	assert_int_equal(b.diags[0].line, 4);
	STR_EQ(b.diags[0].message, "invalid UTF-8 in @preamble; dropped");
	colo_batch_cleanup(&b);
}

static void test_ris_read(void **state)
{
	static const char ris[] = "TY  - JOUR\n"
	                          "TI  - T\n"
	                          "KW  - air power\n"
	                          "KW  - Smith, John\n"
	                          "KW  - long\n"
	                          "  keyword\n"
	                          "KW  - air power\n"
	                          "KW  - \n"
	                          "ER  - \n";
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_true(colo_ris_parse(ris, strlen(ris), &b, &err));
	assert_int_equal(b.nworks, 1);
	assert_int_equal(b.works[0].nkeywords, 3);
	STR_EQ(b.works[0].keywords[0], "air power");
	STR_EQ(b.works[0].keywords[1], "Smith, John");
	STR_EQ(b.works[0].keywords[2], "long keyword");
	colo_batch_cleanup(&b);
}

static void test_csljson_read(void **state)
{
	static const char js[] =
		"[{\"id\": \"a\", \"type\": \"book\", \"title\": \"A\","
		"  \"keyword\": \"air power, naval war,air power, \"},"
		" {\"id\": \"b\", \"type\": \"book\", \"title\": \"B\","
		"  \"keyword\": [\"one, two\", 3, \"three\"]},"
		" {\"id\": \"c\", \"type\": \"book\", \"title\": \"C\","
		"  \"keyword\": 7}]";
	colo_batch b;
	colo_error err;

	(void)state;
	colo_batch_init(&b);
	assert_true(colo_csljson_parse(js, strlen(js), &b, &err));
	assert_int_equal(b.nworks, 3);
	assert_int_equal(b.works[0].nkeywords, 2);
	STR_EQ(b.works[0].keywords[0], "air power");
	STR_EQ(b.works[0].keywords[1], "naval war");
	assert_int_equal(b.works[1].nkeywords, 2);
	STR_EQ(b.works[1].keywords[0], "one, two");
	STR_EQ(b.works[1].keywords[1], "three");
	assert_int_equal(b.works[2].nkeywords, 0);
	colo_batch_cleanup(&b);
}

static void test_bibtex_write(void **state)
{
	colo_work w;
	char *out;

	(void)state;
	sample(&w);
	kw(&w, "air power");
	kw(&w, "Smith, John");
	kw(&w, "50% off_{x}\\input{/etc/hostname}");
	kw(&w, "semi;colon");
	w.creators_more = COLO_MORE(COLO_ROLE_AUTHOR) | COLO_MORE(COLO_ROLE_EDITOR) |
	                  COLO_MORE(COLO_ROLE_TRANSLATOR);
	out = bib(&w, false);
	assert_non_null(strstr(out, "  author = {Farley, Robert and others},\n"));
	assert_non_null(strstr(out, "  editor = {others},\n"));
	assert_null(strstr(out, "translator"));
	assert_non_null(strstr(
		out, "  keywords = {air power, {Smith, John}, 50\\% off\\_"
		     "{\\textbraceleft}x{\\textbraceright}{\\textbackslash}input"
		     "{\\textbraceleft}/etc/hostname{\\textbraceright}, "
		     "{semi;colon}}\n}\n"));
	free(out);
	out = bib(&w, true);
	assert_non_null(strstr(out, "  author = {Farley, Robert and others},\n"));
	assert_non_null(strstr(out, "  translator = {others},\n"));
	assert_non_null(strstr(out, "  keywords = {air power, {Smith, John}, "));
	free(out);
	/* nothing flagged, no keywords: neither appears */
	w.creators_more = 0;
	free(w.keywords[0]);
	free(w.keywords[1]);
	free(w.keywords[2]);
	free(w.keywords[3]);
	w.nkeywords = 0;
	out = bib(&w, false);
	assert_null(strstr(out, "others"));
	assert_null(strstr(out, "editor"));
	assert_null(strstr(out, "keywords"));
	free(out);
	colo_work_cleanup(&w);
}

/* Keywords past the field cap are left out whole, never cut. */
static void test_bibtex_write_cap(void **state)
{
	colo_work w;
	char *out, *line, *end;

	(void)state;
	sample(&w);
	for (int i = 0; i < COLO_MAX_KEYWORDS; i++) {
		char k[32];

		snprintf(k, sizeof k, "keyword%d", i);
		kw(&w, k);
	}
	out = bib(&w, false);
	line = strstr(out, "  keywords = {keyword0, keyword1, ");
	assert_non_null(line);
	end = strchr(line, '\n');
	assert_non_null(end);
	assert_true(end - line > 4000 && end - line < 4100);
	assert_true(end[-1] == '}' && end[-2] >= '0' && end[-2] <= '9');
	assert_null(strstr(out, "keyword999"));
	free(out);
	colo_work_cleanup(&w);
}

static void test_bibtex_reread(void **state)
{
	colo_work w;
	colo_batch b;
	char *out;

	(void)state;
	sample(&w);
	kw(&w, "Smith, John");
	kw(&w, "x}, note = {y");
	w.creators_more = COLO_MORE(COLO_ROLE_AUTHOR);
	out = bib(&w, false);
	assert_true(parse_bib(out, &b));
	assert_int_equal(b.nworks, 1);
	assert_int_equal(b.works[0].nkeywords, 2);
	STR_EQ(b.works[0].keywords[0], "Smith, John");
	STR_EQ(b.works[0].keywords[1], "x}, note = {y");
	assert_null(b.works[0].note);
	assert_int_equal(b.works[0].creators_more, COLO_MORE(COLO_ROLE_AUTHOR));
	assert_int_equal(b.works[0].ncreators, 1);
	colo_batch_cleanup(&b);
	free(out);
	colo_work_cleanup(&w);
}

static void test_csljson_ris_write(void **state)
{
	colo_work w;
	colo_buf b;
	colo_error err;

	(void)state;
	sample(&w);
	kw(&w, "air power");
	kw(&w, "say \"hi\"\nnow");
	w.creators_more = COLO_MORE(COLO_ROLE_AUTHOR);
	colo_buf_init(&b, 0);
	assert_true(colo_csljson_write(&b, &w, true, false, &err));
	assert_non_null(strstr(colo_buf_cstr(&b),
	                       ",\n    \"keyword\": \"air power, say \\\"hi\\\" now\"\n  }"));
	assert_null(strstr(colo_buf_cstr(&b), "others"));
	colo_buf_reset(&b);
	assert_true(colo_ris_write(&b, &w, false, &err));
	assert_non_null(strstr(colo_buf_cstr(&b),
	                       "KW  - air power\nKW  - say \"hi\" now\nER  - \n"));
	assert_null(strstr(colo_buf_cstr(&b), "others"));
	colo_buf_cleanup(&b);
	colo_work_cleanup(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_add),
		cmocka_unit_test(test_bibtex_read),
		cmocka_unit_test(test_bibtex_preamble),
		cmocka_unit_test(test_ris_read),
		cmocka_unit_test(test_csljson_read),
		cmocka_unit_test(test_bibtex_write),
		cmocka_unit_test(test_bibtex_write_cap),
		cmocka_unit_test(test_bibtex_reread),
		cmocka_unit_test(test_csljson_ris_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
