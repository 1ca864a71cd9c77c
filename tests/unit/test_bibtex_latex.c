/* test_bibtex_latex.c - hostile text through the whole TeX tool chain.
 *
 * Every injection case from issue 4 (\input{/etc/hostname},
 * \immediate\write18, ^^5c, \catcode, an early "}}" plus @preamble,
 * "Foo}, note={X", \def\x{\x}\x, \end{document}, 300 nested braces, a
 * 300,000-character word, % and # in URLs) is put in the title, an author,
 * the place, the note and the URL of one work each.  The entries are
 * compiled in a document that cites each of them, twice:
 *   1. pdflatex + bibtex with plain.bst (BibTeX output, UTF-8), and again
 *      with --ascii output;
 *   2. pdflatex + biber with biblatex (BibLaTeX output).
 * pdflatex runs with -shell-escape, so a \write18 that got through would
 * really run: a control document first proves that it does.  The test
 * fails on any TeX, BibTeX or biber warning or error, on a missing or
 * extra bibliography entry, on a `pwned` file, and when the machine's host
 * name shows up in the PDF's text (a file was read).  It also checks that
 * the hostile text is printed literally.  Missing tools are a failure, not
 * a skip (install texlive-latex-base texlive-bibtex-extra biber
 * poppler-utils). */
#include <setjmp.h>
#include <signal.h>
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
	"\\csname input\\endcsname{/etc/hostname} \\openin1=/etc/hostname",
	"key = {value}, author = \"Quote, Comma\"",
};

static const char *const urls[] = {
	"https://example.org/100%25_done?a=1&b=2#section-3",
	"http://example.org/a b/{x}\\y^z%#\"<>|`",
	"https://example.org/path#frag%20with%",
};

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

static void need(const char *prog)
{
	char *p = find_on_path(prog);

	if (!p)
		fail_msg("%s not found on PATH: apt-get install texlive-latex-base "
		         "texlive-bibtex-extra biber poppler-utils", prog);
	free(p);
}

static bool exists(const char *dir, const char *name)
{
	colo_buf path;
	struct stat st;
	bool e;

	colo_buf_init(&path, 0);
	colo_buf_printf(&path, "%s/%s", dir, name);
	e = stat(colo_buf_cstr(&path), &st) == 0;
	colo_buf_cleanup(&path);
	return e;
}

/* Runs argv in dir with stdout and stderr in dir/LOG, stdin from
 * /dev/null, killed after 120 s (a TeX loop would otherwise hang the
 * test).  Returns the exit status, or -1 when killed. */
static int run(const char *dir, const char *log, char *const argv[])
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		int fd;

		if (chdir(dir) != 0)
			_exit(126);
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			_exit(126);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		alarm(120); /* survives exec */
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void pdflatex(const char *dir, const char *job)
{
	char *argv[] = {"pdflatex", "-interaction=nonstopmode", "-halt-on-error",
	                "-shell-escape", (char *)job, NULL};
	int rc = run(dir, "pdflatex.out", argv);

	if (rc != 0) {
		char *out = colo_test_read_in(dir, "pdflatex.out");

		fail_msg("pdflatex %s exited %d in %s:\n%s", job, rc, dir, out);
	}
}

/* Fails on any warning or error in a TeX log. */
static void clean_log(const char *dir, const char *job)
{
	colo_buf name;
	char *log;

	colo_buf_init(&name, 0);
	colo_buf_printf(&name, "%s.log", job);
	log = colo_test_read_in(dir, colo_buf_cstr(&name));
	if (strstr(log, "Warning") || strstr(log, "\n! ") ||
	    strstr(log, "Missing character") || strstr(log, "undefined"))
		fail_msg("%s/%s has warnings or errors:\n%s", dir,
		         colo_buf_cstr(&name), log);
	free(log);
	colo_buf_cleanup(&name);
}

/* The document's text, whitespace squashed and line-end hyphens joined. */
static char *pdf_text(const char *dir, const char *job)
{
	colo_buf pdf, b;
	char *argv[] = {"pdftotext", "-enc", "UTF-8", NULL, "text.txt", NULL};
	char *t;
	int rc;

	colo_buf_init(&pdf, 0);
	colo_buf_printf(&pdf, "%s.pdf", job);
	argv[3] = pdf.data;
	rc = run(dir, "pdftotext.out", argv);
	if (rc != 0)
		fail_msg("pdftotext exited %d in %s", rc, dir);
	t = colo_test_read_in(dir, "text.txt");
	colo_buf_init(&b, 0);
	for (const char *p = t; *p; p++) {
		if (*p == '-' && p[1] == '\n') {
			p++;
			continue;
		}
		if (*p == '\n' || *p == '\f' || *p == '\t' || *p == ' ') {
			if (b.len && b.data[b.len - 1] != ' ')
				colo_buf_putc(&b, ' ');
			continue;
		}
		colo_buf_putc(&b, *p);
	}
	free(t);
	colo_buf_cleanup(&pdf);
	return colo_buf_steal(&b);
}

/* The machine's host name (what \input{/etc/hostname} would print), or
 * NULL when there is none worth looking for. */
static char *hostname(void)
{
	char *h = colo_test_read_file("/etc/hostname", NULL);
	size_t n;

	if (!h)
		return NULL;
	n = strcspn(h, "\r\n");
	h[n] = '\0';
	if (n < 2) {
		free(h);
		return NULL;
	}
	return h;
}

static char *make_dir(const char *tag)
{
	colo_buf dir;

	colo_buf_init(&dir, 0);
	colo_buf_printf(&dir, "%s/bibtex_latex_%s_%ld", colo_test_tmpdir(), tag,
	                (long)getpid());
	if (mkdir(colo_buf_cstr(&dir), 0755) != 0)
		fail_msg("cannot create %s", colo_buf_cstr(&dir));
	return colo_buf_steal(&dir);
}

static void add_work(colo_buf *bib, colo_buf *cites, const colo_bibtex_opts *o,
                     const char *key, const char *type, const char *text,
                     const char *url, int year)
{
	colo_work w;
	colo_creator *c;
	colo_error err;

	colo_work_init(&w);
	colo_set_str(&w.citekey, key);
	colo_set_str(&w.type, type);
	colo_set_str(&w.title, text);
	colo_set_str(&w.subtitle, text);
	colo_set_str(&w.publisher, text);
	colo_set_str(&w.container, text);
	colo_set_str(&w.place, text);
	colo_set_str(&w.note, text);
	colo_set_str(&w.url, url);
	w.year = year;
	c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
	colo_set_str(&c->name.given, "Robert");
	colo_set_str(&c->name.family, "Farley");
	c = colo_work_add_creator(&w, COLO_ROLE_AUTHOR);
	colo_set_str(&c->name.literal, text);
	/* plain.bst warns about an editor beside an author except in
	 * collections. */
	if (strcmp(type, "chapter") == 0) {
		c = colo_work_add_creator(&w, COLO_ROLE_EDITOR);
		colo_set_str(&c->name.family, text);
		colo_set_str(&c->name.given, text);
	}
	colo_error_clear(&err);
	if (!colo_bibtex_write(bib, &w, o, &err))
		fail_msg("writing %s: %s", key, err.message);
	colo_buf_printf(cites, "%s%s", cites->len ? "," : "", key);
	colo_work_cleanup(&w);
}

/* All cases as entries; returns how many. */
static size_t build_bib(colo_buf *bib, colo_buf *cites,
                        const colo_bibtex_opts *o)
{
	static const char *const types[] = {"book", "article-journal", "chapter",
	                                    "webpage", "report", "thesis"};
	size_t n = 0;
	char *nested, *big;

	for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++, n++) {
		char key[32];

		snprintf(key, sizeof key, "hostile%zu", i);
		add_work(bib, cites, o, key, types[i % 6], hostile[i],
		         urls[i % 3], 2000 + (int)i);
	}
	nested = colo_xmalloc(602);
	memset(nested, '{', 300);
	nested[300] = 'x';
	memset(nested + 301, '}', 300);
	nested[601] = '\0';
	add_work(bib, cites, o, "hostilenested", "book", nested, nested, 2030);
	n++;
	free(nested);
	big = colo_xmalloc(300001);
	memset(big, 'a', 300000);
	big[300000] = '\0';
	add_work(bib, cites, o, "hostilebig", "book", big, "https://example.org/",
	         2031);
	n++;
	free(big);
	return n;
}

static const char preamble[] =
	"\\documentclass{article}\n"
	"\\usepackage[T1]{fontenc}\n"
	"\\usepackage[utf8]{inputenc}\n"
	"\\usepackage{url}\n"
	"\\hbadness=10000 \\hfuzz=\\maxdimen \\sloppy\n";

/* Checks a finished run: nothing executed, nothing read, text literal
 * (and URLs whole, when the style prints them: biblatex's does, plain's
 * does not). */
static void check_pdf(const char *dir, const char *job, const char *host,
                      bool urls_printed)
{
	char *text = pdf_text(dir, job);

	if (exists(dir, "pwned"))
		fail_msg("a pwned file appeared in %s: TeX ran a command", dir);
	if (host && strstr(text, host))
		fail_msg("the host name '%s' is in %s/%s.pdf: a file was read", host,
		         dir, job);
	if (!strstr(text, "\\end{document}") ||
	    !strstr(text, "\\def\\x{\\x}\\x") ||
	    !strstr(text, "input{/etc/hostname}") ||
	    (urls_printed &&
	     !strstr(text, "example.org/100%25_done?a=1&b=2#section-3")))
		fail_msg("hostile text was not printed literally in %s/%s.pdf:\n%.2000s",
		         dir, job, text);
	free(text);
}

static void bibtex_run(bool ascii)
{
	colo_bibtex_opts o = {false, ascii};
	colo_buf bib, cites, tex;
	char *dir = make_dir(ascii ? "ascii" : "plain");
	char *host = hostname();
	char *out, *blg, *bbl;
	char *bargv[] = {"bibtex", "doc", NULL};
	size_t n;
	int rc;

	colo_buf_init(&bib, 0);
	colo_buf_init(&cites, 0);
	colo_buf_init(&tex, 0);
	n = build_bib(&bib, &cites, &o);
	colo_test_write_in(dir, "refs.bib", colo_buf_cstr(&bib), bib.len);
	colo_buf_printf(&tex, "%s\\begin{document}\nSee \\cite{%s}.\n"
	                      "\\bibliographystyle{plain}\n\\bibliography{refs}\n"
	                      "\\end{document}\n",
	                preamble, colo_buf_cstr(&cites));
	colo_test_write_in(dir, "doc.tex", colo_buf_cstr(&tex), tex.len);

	pdflatex(dir, "doc");
	rc = run(dir, "bibtex.out", bargv);
	out = colo_test_read_in(dir, "bibtex.out");
	blg = colo_test_read_in(dir, "doc.blg");
	if (rc != 0 || strstr(blg, "Warning--") || strstr(blg, "error message") ||
	    strstr(blg, "I was expecting"))
		fail_msg("bibtex exited %d in %s:\n%s", rc, dir, out);
	bbl = colo_test_read_in(dir, "doc.bbl");
	if (count(bbl, "\\bibitem") != n)
		fail_msg("%zu \\bibitem in %s/doc.bbl for %zu entries",
		         count(bbl, "\\bibitem"), dir, n);
	pdflatex(dir, "doc");
	pdflatex(dir, "doc");
	clean_log(dir, "doc");
	check_pdf(dir, "doc", host, false);

	free(out);
	free(blg);
	free(bbl);
	free(host);
	colo_buf_cleanup(&tex);
	colo_buf_cleanup(&cites);
	colo_buf_cleanup(&bib);
	free(dir);
}

/* The checks can fail: with -shell-escape a real \write18 does run, and a
 * real \input does read the file. */
static void test_control(void **state)
{
	static const char doc[] =
		"\\documentclass{article}\n\\begin{document}\n"
		"\\immediate\\write18{touch pwned}\n"
		"\\end{document}\n";
	char *dir;

	(void)state;
	need("pdflatex");
	dir = make_dir("control");
	colo_test_write_in(dir, "control.tex", doc, sizeof doc - 1);
	pdflatex(dir, "control");
	if (!exists(dir, "pwned"))
		fail_msg("control: \\write18 did not run in %s, so the pwned check "
		         "would prove nothing", dir);
	free(dir);
}

static void test_plain(void **state)
{
	(void)state;
	need("pdflatex");
	need("bibtex");
	need("pdftotext");
	bibtex_run(false);
}

static void test_plain_ascii(void **state)
{
	(void)state;
	need("pdflatex");
	need("bibtex");
	need("pdftotext");
	bibtex_run(true);
}

static void test_biber(void **state)
{
	colo_bibtex_opts o = {true, false};
	colo_buf bib, cites, tex;
	char *dir, *host = hostname();
	char *out, *bbl;
	char *bargv[] = {"biber", "--onlylog", "doc", NULL};
	size_t n;
	int rc;

	(void)state;
	need("pdflatex");
	need("biber");
	need("pdftotext");
	dir = make_dir("biber");
	colo_buf_init(&bib, 0);
	colo_buf_init(&cites, 0);
	colo_buf_init(&tex, 0);
	n = build_bib(&bib, &cites, &o);
	colo_test_write_in(dir, "refs.bib", colo_buf_cstr(&bib), bib.len);
	colo_buf_printf(&tex, "%s\\usepackage[backend=biber,style=numeric]{biblatex}\n"
	                      "\\addbibresource{refs.bib}\n"
	                      "\\begin{document}\nSee \\cite{%s}.\n"
	                      "\\printbibliography\n\\end{document}\n",
	                preamble, colo_buf_cstr(&cites));
	colo_test_write_in(dir, "doc.tex", colo_buf_cstr(&tex), tex.len);

	pdflatex(dir, "doc");
	rc = run(dir, "biber.out", bargv);
	out = colo_test_read_in(dir, "doc.blg");
	if (rc != 0 || strstr(out, "WARN") || strstr(out, "ERROR"))
		fail_msg("biber exited %d in %s:\n%s", rc, dir, out);
	bbl = colo_test_read_in(dir, "doc.bbl");
	if (count(bbl, "\\entry{") != n)
		fail_msg("%zu \\entry in %s/doc.bbl for %zu entries",
		         count(bbl, "\\entry{"), dir, n);
	pdflatex(dir, "doc");
	pdflatex(dir, "doc");
	clean_log(dir, "doc");
	check_pdf(dir, "doc", host, true);

	free(out);
	free(bbl);
	free(host);
	colo_buf_cleanup(&tex);
	colo_buf_cleanup(&cites);
	colo_buf_cleanup(&bib);
	free(dir);
}

/* Keys that would break an entry are refused, not written. */
static void test_bad_keys(void **state)
{
	static const char *const bad[] = {"my key", "a\"b", "a,b", "a{b}", "a%b",
	                                  "a#b", "", "a=b", "a\\b"};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		colo_work w;
		colo_buf out;
		colo_error err;

		colo_work_init(&w);
		colo_set_str(&w.citekey, bad[i]);
		colo_set_str(&w.title, "T");
		colo_buf_init(&out, 0);
		colo_error_clear(&err);
		assert_false(colo_bibtex_write(&out, &w, NULL, &err));
		assert_int_equal(err.code, COLO_EINPUT);
		assert_int_equal(out.len, 0);
		colo_buf_cleanup(&out);
		colo_work_cleanup(&w);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_keys),
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_plain_ascii),
		cmocka_unit_test(test_biber),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
