/* test_bibtex_plain.c - the writer's output through Debian's real bibtex
 * with plain.bst.
 *
 * Builds the seed's four books and one book per hostile text in memory
 * (no database), writes them to a .bib with an .aux that cites each, runs
 * `bibtex` in a fresh directory under $COLOPHON_TEST_TMP and fails on a
 * non-zero exit, any warning or error message, a missing or extra
 * \bibitem, or a file the hostile text asked TeX to create.  A missing
 * bibtex is a failure, not a skip: the safety claim is untested without
 * it.  Compiling the .bbl with (pdf)latex is a later test. */
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
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "colophon/bibtex.h"
#include "colophon/mem.h"
#include "testsupport.h"

typedef struct seed_book {
	const char *key, *title, *subtitle, *publisher;
	int year;
} seed_book;

static const seed_book seed[] = {
	{"farley2014grounded", "Grounded",
	 "The Case for Abolishing the United States Air Force",
	 "University Press of Kentucky", 2014},
	{"farley2016battleship", "The Battleship Book", NULL, "Wildside", 2016},
	{"farley2020patents", "Patents for Power",
	 "Intellectual Property Law and the Diffusion of Military Technology",
	 "University of Chicago", 2020},
	{"farley2023waging", "Waging War with Gold",
	 "National Security and the Finance Domain Across the Ages",
	 "Lynne Rienner", 2023},
};

static const char *const hostile[] = {
	"\\input{/etc/hostname}",
	"\\immediate\\write18{touch pwned}",
	"^^5cinput^^7b/etc/hostname^^7d",
	"\\catcode`\\{=12 \\catcode`\\^=7 \\catcode",
	"Foo}}\n@preamble{\"\\immediate\\write18{touch pwned}\"}\n@book{x,",
	"Foo}, note={X",
	"\\def\\x{\\x}\\x",
	"\\end{document}",
	"% comment\n@comment{",
	"Caf\xc3\xa9 & Stra\xc3\x9f" "e: $100 #1 50% a_b ~x^y",
};

/* Where bibtex lives on PATH, or NULL. */
static char *find_on_path(const char *prog)
{
	const char *path = getenv("PATH");
	const char *p = path ? path : "/usr/bin:/bin";

	while (*p) {
		size_t l = strcspn(p, ":");
		colo_buf b;

		colo_buf_init(&b, 0);
		colo_buf_printf(&b, "%.*s/%s", (int)l, p, prog);
		if (l > 0 && access(colo_buf_cstr(&b), X_OK) == 0)
			return colo_buf_steal(&b);
		colo_buf_cleanup(&b);
		p += l;
		if (*p == ':')
			p++;
	}
	return NULL;
}

/* Runs `bibtex refs` in dir with stdout and stderr in bibtex.out;
 * returns the exit status (-1 when it did not exit normally). */
static int run_bibtex(const char *bibtex, const char *dir)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		int fd;

		if (chdir(dir) != 0)
			_exit(126);
		fd = open("bibtex.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			_exit(126);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		execl(bibtex, "bibtex", "refs", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void add_book(colo_buf *bib, colo_buf *aux, const char *key,
                     const char *title, const char *subtitle,
                     const char *publisher, int year, const char *extra)
{
	colo_work w;
	colo_creator *c;
	colo_error err;
	colo_bibtex_opts opts = {false, false};

	colo_work_init(&w);
	colo_set_str(&w.citekey, key);
	colo_set_str(&w.type, "book");
	colo_set_str(&w.title, title);
	colo_set_str(&w.subtitle, subtitle);
	colo_set_str(&w.publisher, publisher);
	w.year = year;
	c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
	colo_set_str(&c->name.given, "Robert");
	colo_set_str(&c->name.family, "Farley");
	if (extra) {
		colo_set_str(&w.note, extra);
		colo_set_str(&w.place, extra);
		colo_set_str(&w.url, extra);
		c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
		colo_set_str(&c->name.literal, extra);
	}
	colo_error_clear(&err);
	if (!colo_bibtex_write(bib, &w, &opts, &err))
		fail_msg("writing %s: %s", key, err.message);
	colo_buf_printf(aux, "\\citation{%s}\n", key);
	colo_work_cleanup(&w);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* bibtex wraps .bbl lines at spaces; this undoes it for searching. */
static void squash(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++) {
		char c = (*r == '\n' || *r == '\t') ? ' ' : *r;

		if (c == ' ' && w > s && w[-1] == ' ')
			continue;
		*w++ = c;
	}
	*w = '\0';
}

static void test_plain_bst(void **state)
{
	char *bibtex = find_on_path("bibtex");
	colo_buf dir, bib, aux, path;
	size_t n = 0;
	char *big, *nested, *out, *blg, *bbl;
	struct stat st;
	int rc;

	(void)state;
	if (!bibtex)
		fail_msg("bibtex not found on PATH: install texlive-binaries and "
		         "texlive-base (apt-get install texlive-binaries texlive-base)");

	colo_buf_init(&dir, 0);
	colo_buf_printf(&dir, "%s/bibtex_plain_%ld", colo_test_tmpdir(),
	                (long)getpid());
	if (mkdir(colo_buf_cstr(&dir), 0755) != 0)
		fail_msg("cannot create %s", colo_buf_cstr(&dir));

	colo_buf_init(&bib, 0);
	colo_buf_init(&aux, 0);
	colo_buf_puts(&aux, "\\relax\n");
	for (size_t i = 0; i < sizeof seed / sizeof *seed; i++, n++)
		add_book(&bib, &aux, seed[i].key, seed[i].title, seed[i].subtitle,
		         seed[i].publisher, seed[i].year, NULL);
	for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++, n++) {
		char key[32];

		snprintf(key, sizeof key, "hostile%zu", i);
		add_book(&bib, &aux, key, hostile[i], hostile[i], hostile[i],
		         2000 + (int)i, hostile[i]);
	}

	nested = colo_xmalloc(602);
	memset(nested, '{', 300);
	nested[300] = 'x';
	memset(nested + 301, '}', 300);
	nested[601] = '\0';
	add_book(&bib, &aux, "hostilenested", nested, NULL, nested, 2030, nested);
	n++;
	free(nested);

	big = colo_xmalloc(300001);
	memset(big, 'a', 300000);
	big[300000] = '\0';
	add_book(&bib, &aux, "hostilebig", big, NULL, "Wildside", 2031, NULL);
	n++;
	free(big);

	colo_buf_puts(&aux, "\\bibstyle{plain}\n\\bibdata{refs}\n");
	colo_test_write_in(colo_buf_cstr(&dir), "refs.bib", colo_buf_cstr(&bib), bib.len);
	colo_test_write_in(colo_buf_cstr(&dir), "refs.aux", colo_buf_cstr(&aux), aux.len);

	rc = run_bibtex(bibtex, colo_buf_cstr(&dir));
	out = colo_test_read_in(colo_buf_cstr(&dir), "bibtex.out");
	if (rc == 127)
		fail_msg("could not run %s: install texlive-binaries and "
		         "texlive-base", bibtex);
	blg = colo_test_read_in(colo_buf_cstr(&dir), "refs.blg");
	bbl = colo_test_read_in(colo_buf_cstr(&dir), "refs.bbl");
	if (rc != 0 || strstr(out, "Warning--") || strstr(out, "error message") ||
	    strstr(blg, "Warning--") || strstr(blg, "error message"))
		fail_msg("bibtex exited %d in %s:\n%s", rc, colo_buf_cstr(&dir),
		         out);

	if (count(bbl, "\\bibitem") != n)
		fail_msg("%zu \\bibitem in the .bbl for %zu entries (%s)",
		         count(bbl, "\\bibitem"), n, colo_buf_cstr(&dir));
	for (size_t i = 0; i < sizeof seed / sizeof *seed; i++) {
		char want[64];

		snprintf(want, sizeof want, "\\bibitem{%s}", seed[i].key);
		assert_non_null(strstr(bbl, want));
	}
	/* Case protection survived plain.bst's sentence casing. */
	squash(bbl);
	assert_non_null(strstr(bbl, "{United States Air Force}"));
	assert_non_null(strstr(bbl, "{\\em Grounded: {The} Case for Abolishing "
	                            "the {United States Air Force}}"));
	assert_non_null(strstr(bbl, "{\\em Patents for Power: {Intellectual} "
	                            "Property Law and the Diffusion of Military "
	                            "Technology}"));
	assert_non_null(strstr(bbl, "{\\em Waging War with Gold: {National} "
	                            "Security and the Finance Domain Across the "
	                            "Ages}"));
	assert_non_null(strstr(bbl, "{\\em The Battleship Book}"));
	/* No TeX command from the data reached the .bbl. */
	assert_null(strstr(bbl, "\\input"));
	assert_null(strstr(bbl, "\\immediate"));
	assert_null(strstr(bbl, "\\def\\"));
	assert_null(strstr(bbl, "\\end{document}"));

	colo_buf_init(&path, 0);
	colo_buf_printf(&path, "%s/pwned", colo_buf_cstr(&dir));
	assert_int_not_equal(stat(colo_buf_cstr(&path), &st), 0);
	colo_buf_cleanup(&path);

	free(out);
	free(blg);
	free(bbl);
	colo_buf_cleanup(&bib);
	colo_buf_cleanup(&aux);
	colo_buf_cleanup(&dir);
	free(bibtex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_bst),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
