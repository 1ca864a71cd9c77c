/* test_csljson.c - the CSL-JSON writer and the format dispatch: exact
 * output for a mapped record, JSON escaping, and pandoc (Debian's) as the
 * judge: it must read our CSL-JSON and our BibTeX/BibLaTeX without error
 * and find exactly as many items as were written.  A missing pandoc is a
 * failure (apt-get install pandoc). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "colophon/csljson.h"
#include "colophon/mem.h"
#include "colophon/writer.h"
#include "testsupport.h"

static void fill_article(colo_work *w)
{
	colo_creator *c;

	colo_work_init(w);
	colo_set_str(&w->citekey, "gogh1888letters");
	colo_set_str(&w->type, "article-journal");
	colo_set_str(&w->title, "Letters");
	colo_set_str(&w->subtitle, "To \"Theo\"");
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	colo_set_str(&c->name.given, "Vincent");
	colo_set_str(&c->name.particle, "van");
	colo_set_str(&c->name.family, "Gogh");
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	colo_set_str(&c->name.given, "Martin Luther");
	colo_set_str(&c->name.family, "King");
	colo_set_str(&c->name.suffix, "Jr.");
	c = colo_work_add_creator(w, COLO_ROLE_EDITOR);
	colo_set_str(&c->name.literal, "World Health Organization");
	colo_set_str(&w->container, "Journal of Art");
	colo_set_str(&w->publisher, "Pub & Co");
	colo_set_str(&w->place, "Amsterdam");
	w->year = 1888;
	w->month = 3;
	w->day = 5;
	colo_set_str(&w->volume, "12");
	colo_set_str(&w->issue, "3");
	colo_set_str(&w->pages, "12–19");
	colo_set_str(&w->doi, "10.1000/xyz");
	colo_set_str(&w->url, "https://example.org/a?b=1&c=2#d");
	colo_set_str(&w->note, "line1\nline2\ttab \\ back");
}

static void test_mapping(void **state)
{
	colo_work w;
	colo_buf out;
	colo_error err;
	static const char want[] =
		"[\n"
		"  {\n"
		"    \"id\": \"gogh1888letters\",\n"
		"    \"type\": \"article-journal\",\n"
		"    \"author\": [\n"
		"      {\"family\": \"Gogh\", \"given\": \"Vincent\", "
		"\"non-dropping-particle\": \"van\"},\n"
		"      {\"family\": \"King\", \"given\": \"Martin Luther\", "
		"\"suffix\": \"Jr.\"}\n"
		"    ],\n"
		"    \"editor\": [\n"
		"      {\"literal\": \"World Health Organization\"}\n"
		"    ],\n"
		"    \"title\": \"Letters: To \\\"Theo\\\"\",\n"
		"    \"title-short\": \"Letters\",\n"
		"    \"container-title\": \"Journal of Art\",\n"
		"    \"publisher\": \"Pub & Co\",\n"
		"    \"publisher-place\": \"Amsterdam\",\n"
		"    \"issued\": {\"date-parts\": [[1888, 3, 5]]},\n"
		"    \"volume\": \"12\",\n"
		"    \"issue\": \"3\",\n"
		"    \"page\": \"12–19\",\n"
		"    \"DOI\": \"10.1000/xyz\",\n"
		"    \"URL\": \"https://example.org/a?b=1&c=2#d\",\n"
		"    \"note\": \"line1\\nline2\\ttab \\\\ back\"\n"
		"  }\n"
		"]\n";

	(void)state;
	fill_article(&w);
	colo_buf_init(&out, 0);
	colo_write_begin(&out, COLO_FMT_CSLJSON);
	assert_true(colo_write_work(&out, COLO_FMT_CSLJSON, &w, true, NULL, &err));
	colo_write_end(&out, COLO_FMT_CSLJSON);
	assert_string_equal(colo_buf_cstr(&out), want);
	colo_buf_cleanup(&out);
	colo_work_cleanup(&w);
}

static char *one(const char *title, const char *type, bool ascii)
{
	colo_work w;
	colo_buf out;
	colo_error err;

	colo_work_init(&w);
	colo_set_str(&w.citekey, "k");
	colo_set_str(&w.type, type);
	colo_set_str(&w.title, title);
	colo_buf_init(&out, 0);
	assert_true(colo_csljson_write(&out, &w, true, ascii, &err));
	colo_work_cleanup(&w);
	return colo_buf_steal(&out);
}

static void check_title(const char *title, bool ascii, const char *want)
{
	char *got = one(title, "book", ascii);
	char *t = strstr(got, "\"title\": ");

	assert_non_null(t);
	t += 9;
	t[strcspn(t, "\n")] = '\0';
	if (strcmp(t, want) != 0)
		fail_msg("title %s (ascii=%d)\n  got:  %s\n  want: %s", title, ascii,
		         t, want);
	free(got);
}

static void test_escaping(void **state)
{
	(void)state;
	check_title("a\"b\\c", false, "\"a\\\"b\\\\c\"");
	check_title("x\x01y\x1fz", false, "\"x\\u0001y\\u001fz\"");
	check_title("M\xc3\xbcller \xe2\x80\x94 \xf0\x9f\x98\x80", false,
	            "\"M\xc3\xbcller \xe2\x80\x94 \xf0\x9f\x98\x80\"");
	check_title("M\xc3\xbcller \xe2\x80\x94 \xf0\x9f\x98\x80", true,
	            "\"M\\u00fcller \\u2014 \\ud83d\\ude00\"");
	/* invalid UTF-8: a stray continuation byte, an overlong form, a
	 * surrogate, a truncated sequence — all dropped */
	check_title("a\x80" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe2\x82", false,
	            "\"abcd\"");
	check_title("</script>\\u0000", false, "\"</script>\\\\u0000\"");
	{
		char *got = one("T", "no-such-type", false);

		assert_non_null(strstr(got, "\"type\": \"document\""));
		free(got);
	}
	{
		colo_work w;
		colo_buf out;
		colo_error err;

		colo_work_init(&w);
		colo_buf_init(&out, 0);
		assert_false(colo_csljson_write(&out, &w, true, false, &err));
		assert_int_equal(err.code, COLO_EINPUT);
		assert_int_equal(out.len, 0);
		colo_buf_cleanup(&out);
		colo_work_cleanup(&w);
	}
}

static void test_formats(void **state)
{
	colo_format f;

	(void)state;
	assert_true(colo_format_parse("bibtex", &f));
	assert_int_equal(f, COLO_FMT_BIBTEX);
	assert_true(colo_format_parse("BibLaTeX", &f));
	assert_int_equal(f, COLO_FMT_BIBLATEX);
	assert_true(colo_format_parse("csl-json", &f));
	assert_int_equal(f, COLO_FMT_CSLJSON);
	assert_true(colo_format_parse("ris", &f));
	assert_int_equal(f, COLO_FMT_RIS);
	f = COLO_FMT_RIS;
	assert_false(colo_format_parse("endnote", &f));
	assert_false(colo_format_parse(NULL, &f));
	assert_int_equal(f, COLO_FMT_RIS);
	{
		colo_buf b;

		colo_buf_init(&b, 0);
		colo_write_begin(&b, COLO_FMT_CSLJSON);
		colo_write_end(&b, COLO_FMT_CSLJSON);
		assert_string_equal(colo_buf_cstr(&b), "[\n\n]\n");
		colo_buf_cleanup(&b);
	}
}

/* ------------------------------------------------------------------ */
/* pandoc                                                              */

static const char *const texts[] = {
	"Grounded: The Case for Abolishing the United States Air Force",
	"\\input{/etc/hostname}",
	"\\immediate\\write18{touch pwned}",
	"Foo}}\n@preamble{\"x\"}\n@book{x,",
	"Foo}, note={X",
	"Caf\xc3\xa9 & Stra\xc3\x9f" "e: $100 #1 50% a_b ~x^y",
	"\xd0\x92\xd0\xbe\xd0\xb9\xd0\xbd\xd0\xb0 \xce\xb5\xce\xb9\xcf\x81\xce\xae\xce\xbd\xce\xb7",
	"\"Quoted\", with, commas",
};

static void build(colo_format f, colo_buf *out, size_t *n)
{
	static const char *const types[] = {"book", "article-journal",
	                                    "chapter", "webpage", "report",
	                                    "thesis", "paper-conference",
	                                    "article-magazine"};
	colo_error err;

	*n = 0;
	colo_write_begin(out, f);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		colo_work w;
		colo_creator *c;
		char key[32];

		colo_work_init(&w);
		snprintf(key, sizeof key, "item%zu", i);
		colo_set_str(&w.citekey, key);
		colo_set_str(&w.type, types[i % 8]);
		colo_set_str(&w.title, texts[i]);
		colo_set_str(&w.container, texts[i]);
		colo_set_str(&w.publisher, texts[i]);
		colo_set_str(&w.note, texts[i]);
		colo_set_str(&w.url, "https://example.org/100%25#x");
		colo_set_str(&w.pages, "1-9");
		w.year = 2000 + (int)i;
		w.month = 1 + (int)i % 12;
		c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
		colo_set_str(&c->name.family, "Gogh");
		colo_set_str(&c->name.particle, "van");
		colo_set_str(&c->name.given, texts[i]);
		c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
		colo_set_str(&c->name.literal, texts[i]);
		if (!colo_write_work(out, f, &w, i == 0, NULL, &err))
			fail_msg("writing %s: %s", key, err.message);
		colo_work_cleanup(&w);
		++*n;
	}
	colo_write_end(out, f);
}

/* Runs pandoc -f from -t csljson on path; returns its stdout (NULL when it
 * failed, with its stderr in *errout). */
static char *pandoc(const char *dir, const char *from, const char *path,
                    char **errout)
{
	colo_buf o, e;
	pid_t pid;
	int status;

	colo_buf_init(&o, 0);
	colo_buf_init(&e, 0);
	colo_buf_printf(&o, "%s/pandoc.out", dir);
	colo_buf_printf(&e, "%s/pandoc.err", dir);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fo = open(o.data, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fe = open(e.data, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fo < 0 || fe < 0)
			_exit(126);
		dup2(fo, 1);
		dup2(fe, 2);
		alarm(120);
		execlp("pandoc", "pandoc", "-f", from, "-t", "csljson", path,
		       (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*errout = colo_test_read_file(e.data, NULL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		colo_buf_cleanup(&o);
		colo_buf_cleanup(&e);
		return NULL;
	}
	{
		char *s = colo_test_read_file(o.data, NULL);

		colo_buf_cleanup(&o);
		colo_buf_cleanup(&e);
		return s;
	}
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void check_pandoc(const char *dir, colo_format f, const char *from,
                         const char *file)
{
	colo_buf data, path;
	size_t n;
	char *out, *err = NULL;
	FILE *fp;

	colo_buf_init(&data, 0);
	colo_buf_init(&path, 0);
	build(f, &data, &n);
	colo_buf_printf(&path, "%s/%s", dir, file);
	fp = fopen(path.data, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data.data, 1, data.len, fp), data.len);
	assert_int_equal(fclose(fp), 0);
	out = pandoc(dir, from, path.data, &err);
	if (!out)
		fail_msg("pandoc -f %s could not read %s (is pandoc installed? "
		         "apt-get install pandoc):\n%s",
		         from, path.data, err ? err : "");
	if (err && *err)
		fail_msg("pandoc -f %s warned on %s:\n%s", from, path.data, err);
	for (size_t i = 0; i < n; i++) {
		char want[48];

		snprintf(want, sizeof want, "\"id\": \"item%zu\"", i);
		if (count(out, want) != 1)
			fail_msg("pandoc -f %s: item%zu appears %zu times:\n%s", from, i,
			         count(out, want), out);
	}
	if (count(out, "\"id\": ") != n)
		fail_msg("pandoc -f %s found %zu items, want %zu", from,
		         count(out, "\"id\": "), n);
	/* The text came through as text.  (pandoc's BibTeX reader does not
	 * know \\textbraceleft, so only the backslash survives there.) */
	if (!strstr(out, f == COLO_FMT_CSLJSON ? "\\\\input{/etc/hostname}"
	                                       : "\\\\input"))
		fail_msg("pandoc -f %s lost the literal \\input text:\n%s", from, out);
	free(out);
	free(err);
	colo_buf_cleanup(&path);
	colo_buf_cleanup(&data);
}

static void test_pandoc(void **state)
{
	colo_buf dir;

	(void)state;
	colo_buf_init(&dir, 0);
	colo_buf_printf(&dir, "%s/csljson_pandoc_%ld", colo_test_tmpdir(),
	                (long)getpid());
	if (mkdir(dir.data, 0755) != 0)
		fail_msg("cannot create %s", dir.data);
	check_pandoc(dir.data, COLO_FMT_CSLJSON, "csljson", "refs.json");
	check_pandoc(dir.data, COLO_FMT_BIBTEX, "bibtex", "refs.bib");
	check_pandoc(dir.data, COLO_FMT_BIBLATEX, "biblatex", "refs-bl.bib");
	colo_buf_cleanup(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mapping),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_pandoc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
