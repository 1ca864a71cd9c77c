/* Unit tests: the RIS writer (core/ris.c): types, tags and their order,
 * names with particles and suffixes, editors, pages, dates, values kept on
 * one line, ASCII transliteration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/ris.h"

static void add(colo_work *w, colo_creator_role role, const char *name)
{
	colo_creator *c = colo_work_add_creator(w, role);

	colo_name_parse(name, strlen(name), &c->name);
}

static char *write(const colo_work *w, bool ascii)
{
	colo_buf b;
	colo_error err;

	colo_buf_init(&b, 0);
	assert_true(colo_ris_write(&b, w, ascii, &err));
	return colo_buf_steal(&b);
}

static void test_chapter(void **state)
{
	colo_work w;
	char *out;

	(void)state;
	colo_work_init(&w);
	w.type = colo_xstrdup("chapter");
	w.citekey = colo_xstrdup("gogh1990letters");
	w.title = colo_xstrdup("Letters");
	w.subtitle = colo_xstrdup("A Life\nin Paint");
	w.container = colo_xstrdup("Collected Works");
	w.year = 1990;
	w.month = 3;
	w.publisher = colo_xstrdup("Müller & Söhne");
	w.place = colo_xstrdup("Amsterdam");
	w.pages = colo_xstrdup("12-34");
	w.doi = colo_xstrdup("10.1000/xyz");
	add(&w, COLO_ROLE_AUTHOR, "Vincent van Gogh");
	add(&w, COLO_ROLE_AUTHOR, "King, Jr., Martin Luther");
	add(&w, COLO_ROLE_EDITOR, "Jane Roe");
	out = write(&w, false);
	assert_non_null(strstr(out, "TY  - CHAP\n"));
	assert_true(strncmp(out, "TY  - CHAP\n", 11) == 0);
	assert_non_null(strstr(out, "ID  - gogh1990letters\n"));
	assert_non_null(strstr(out, "AU  - van Gogh, Vincent\n"));
	assert_non_null(strstr(out, "AU  - King, Martin Luther, Jr.\n"));
	assert_non_null(strstr(out, "ED  - Roe, Jane\n"));
	/* the title stays on one line */
	assert_non_null(strstr(out, "TI  - Letters: A Life in Paint\n"));
	assert_non_null(strstr(out, "T2  - Collected Works\n"));
	assert_non_null(strstr(out, "PY  - 1990\n"));
	assert_non_null(strstr(out, "DA  - 1990/03"));
	assert_non_null(strstr(out, "PB  - Müller & Söhne\n"));
	assert_non_null(strstr(out, "CY  - Amsterdam\n"));
	assert_non_null(strstr(out, "SP  - 12\n"));
	assert_non_null(strstr(out, "EP  - 34\n"));
	assert_non_null(strstr(out, "DO  - 10.1000/xyz\n"));
	assert_non_null(strstr(out, "ER  - \n"));
	free(out);
	out = write(&w, true);
	assert_non_null(strstr(out, "PB  - Muller & Sohne\n"));
	for (const char *p = out; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	free(out);
	colo_work_cleanup(&w);
}

static void test_types(void **state)
{
	static const struct {
		const char *csl, *ris;
	} cases[] = {
		{"book", "BOOK"}, {"article-journal", "JOUR"},
		{"article-magazine", "MGZN"}, {"thesis", "THES"},
		{"post-weblog", "BLOG"}, {"something-else", "GEN"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		colo_work w;
		char *out, want[32];

		colo_work_init(&w);
		w.type = colo_xstrdup(cases[i].csl);
		w.title = colo_xstrdup("T");
		out = write(&w, false);
		snprintf(want, sizeof want, "TY  - %s\n", cases[i].ris);
		assert_true(strncmp(out, want, strlen(want)) == 0);
		free(out);
		colo_work_cleanup(&w);
	}
}

static void test_corporate(void **state)
{
	colo_work w;
	colo_creator *c;
	char *out;

	(void)state;
	colo_work_init(&w);
	w.type = colo_xstrdup("report");
	w.title = colo_xstrdup("World Report");
	c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
	c->name.literal = colo_xstrdup("World Health Organization");
	out = write(&w, false);
	assert_non_null(strstr(out, "AU  - World Health Organization\n"));
	free(out);
	colo_work_cleanup(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chapter),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_corporate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
