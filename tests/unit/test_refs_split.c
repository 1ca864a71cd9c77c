/* Unit tests: cutting reference lists into references
 * (importers/refs/split.c).  Each case is an input and the references it
 * must give, one per line as "LINE:COL #NUMBER [HINT] TEXT" (#- for no
 * number, [-] for no hint, "+ed" when the heading says edited), so a
 * failing case prints both lists whole.  Also: spans point at the
 * reference's own bytes, hostile inputs finish, and the whole importer
 * (labeller included) scales linearly: see test_scale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../importers/refs/refs_priv.h"
#include "colophon/buf.h"
#include "colophon/mem.h"

typedef struct split_case {
	const char *name;
	const char *input;
	bool lines;
	const char *want;
} split_case;

static const split_case cases[] = {
	{"numbered, brackets",
	 "[1] R. Farley, \"Grounded,\" Univ. Press of Kentucky, 2014.\n"
	 "[2] J. Smith and R. Farley, \"Battleships,\" J. Strat. Stud., vol. 3, "
	 "no. 2, pp. 1-9, 2019.\n",
	 false,
	 "1:1 #1 [-] R. Farley, \"Grounded,\" Univ. Press of Kentucky, 2014.\n"
	 "2:1 #2 [-] J. Smith and R. Farley, \"Battleships,\" J. Strat. Stud., "
	 "vol. 3, no. 2, pp. 1-9, 2019.\n"},
	{"numbered, dots, wrapped under the text",
	 "1. Farley R. Grounded: the case for abolishing the United States\n"
	 "   Air Force. Lexington: University Press of Kentucky; 2014.\n"
	 "2. Smith J, Farley R. Battleships. J Strat Stud. 2019;3(2):1-9.\n",
	 false,
	 "1:1 #1 [-] Farley R. Grounded: the case for abolishing the United "
	 "States Air Force. Lexington: University Press of Kentucky; 2014.\n"
	 "3:1 #2 [-] Smith J, Farley R. Battleships. J Strat Stud. "
	 "2019;3(2):1-9.\n"},
	{"parenthesised numbers",
	 "(1) Farley, R. (2014). Grounded. UPK.\n"
	 "(2) Farley, R. (2023). Waging war with gold. Lynne Rienner.\n",
	 false,
	 "1:1 #1 [-] Farley, R. (2014). Grounded. UPK.\n"
	 "2:1 #2 [-] Farley, R. (2023). Waging war with gold. Lynne Rienner.\n"},
	{"bullets and a heading",
	 "Books\n"
	 "\n"
	 "- Grounded (University Press of Kentucky, 2014)\n"
	 "* Waging War with Gold (Lynne Rienner, 2023)\n"
	 "\xe2\x80\xa2 Battleship Book (Wildside, 2020)\n",
	 false,
	 "3:1 #- [book] Grounded (University Press of Kentucky, 2014)\n"
	 "4:1 #- [book] Waging War with Gold (Lynne Rienner, 2023)\n"
	 "5:1 #- [book] Battleship Book (Wildside, 2020)\n"},
	{"plain CV lines, one per line",
	 "Grounded (University Press of Kentucky, 2014)\n"
	 "Waging War with Gold (Lynne Rienner, 2023)\n",
	 false,
	 "1:1 #- [-] Grounded (University Press of Kentucky, 2014)\n"
	 "2:1 #- [-] Waging War with Gold (Lynne Rienner, 2023)\n"},
	{"blank-line separated, wrapped at a sentence",
	 "Farley, R. (2014).\n"
	 "Grounded: The case for abolishing the United States Air Force.\n"
	 "University Press of Kentucky.\n"
	 "\n"
	 "Farley, R. (2023). Waging war with gold. Lynne Rienner.\n",
	 false,
	 "1:1 #- [-] Farley, R. (2014). Grounded: The case for abolishing the "
	 "United States Air Force. University Press of Kentucky.\n"
	 "5:1 #- [-] Farley, R. (2023). Waging war with gold. Lynne Rienner.\n"},
	{"wrapped entries with no blank lines between",
	 "Farley, Robert. Grounded: The Case for Abolishing the United States Air\n"
	 "Force. Lexington: University Press of Kentucky, 2014.\n"
	 "Smith, John, and Robert Farley. \"Battleships Again.\" Naval War\n"
	 "College Review 71, no. 2 (2018): 45-67.\n",
	 false,
	 "1:1 #- [-] Farley, Robert. Grounded: The Case for Abolishing the "
	 "United States Air Force. Lexington: University Press of Kentucky, "
	 "2014.\n"
	 "3:1 #- [-] Smith, John, and Robert Farley. \"Battleships Again.\" Naval "
	 "War College Review 71, no. 2 (2018): 45-67.\n"},
	{"hanging indent",
	 "Farley, R. (2014). Grounded: The case for abolishing the United\n"
	 "    States Air Force. University Press of Kentucky.\n"
	 "Farley, R. (2023). Waging war with gold. Lynne\n"
	 "    Rienner.\n",
	 false,
	 "1:1 #- [-] Farley, R. (2014). Grounded: The case for abolishing the "
	 "United States Air Force. University Press of Kentucky.\n"
	 "3:1 #- [-] Farley, R. (2023). Waging war with gold. Lynne Rienner.\n"},
	{"hyphenation across lines",
	 "Farley, R. (2014). The informa-\n"
	 "tion age and Sino-\n"
	 "American relations, self-\n"
	 "reliance. Journal of Things, 3, 1-2.\n",
	 false,
	 "1:1 #- [-] Farley, R. (2014). The information age and Sino-American "
	 "relations, self-reliance. Journal of Things, 3, 1-2.\n"},
	{"a DOI broken after a slash",
	 "Farley, R. (2014). Grounded. Journal, 3, 1-2. https://doi.org/\n"
	 "10.1000/xyz.\n",
	 false,
	 "1:1 #- [-] Farley, R. (2014). Grounded. Journal, 3, 1-2. "
	 "https://doi.org/10.1000/xyz.\n"},
	{"an initial at the end of a line",
	 "Smith, J. and R.\n"
	 "Farley (2014). Grounded. UPK.\n",
	 false,
	 "1:1 #- [-] Smith, J. and R. Farley (2014). Grounded. UPK.\n"},
	{"Markdown: headings, emphasis, links",
	 "## Edited Volumes\n"
	 "\n"
	 "- Farley, R. (Ed.). (2016). *The Naval Reader*. Naval Institute Press.\n"
	 "\n"
	 "## Book Chapters\n"
	 "\n"
	 "- Farley, R. (2018). [Air power](https://example.org/air_power). "
	 "In J. Smith (Ed.), **Wars** (pp. 1-20). Routledge.\n",
	 false,
	 "3:1 #- [book+ed] Farley, R. (Ed.). (2016). The Naval Reader. Naval "
	 "Institute Press.\n"
	 "7:1 #- [chapter] Farley, R. (2018). Air power "
	 "https://example.org/air_power. In J. Smith (Ed.), Wars (pp. 1-20). "
	 "Routledge.\n"},
	{"headings as type hints, each resetting the last",
	 "Journal Articles\n"
	 "Farley, R. (2019). Battleships. Naval Review, 3(2), 1-9.\n"
	 "\n"
	 "Op-Eds:\n"
	 "Farley, R. (2020, March 3). Sink the carriers. The Diplomat.\n"
	 "\n"
	 "Selected Talks\n"
	 "Farley, R. (2021). Air power today. Lecture, Lexington.\n",
	 false,
	 "2:1 #- [article-journal] Farley, R. (2019). Battleships. Naval Review, "
	 "3(2), 1-9.\n"
	 "5:1 #- [article-newspaper] Farley, R. (2020, March 3). Sink the "
	 "carriers. The Diplomat.\n"
	 "8:1 #- [-] Farley, R. (2021). Air power today. Lecture, Lexington.\n"},
	{"a year in front is not an item number",
	 "2014. Grounded. University Press of Kentucky.\n"
	 "2023. Waging War with Gold. Lynne Rienner.\n",
	 false,
	 "1:1 #- [-] 2014. Grounded. University Press of Kentucky.\n"
	 "2:1 #- [-] 2023. Waging War with Gold. Lynne Rienner.\n"},
	{"numbers run together on one line",
	 "[1] Farley R. Grounded. 2014. [2] Farley R. Gold. 2023. [3] Smith J. "
	 "Ships [2] again. 2020.\n",
	 false,
	 "1:1 #1 [-] Farley R. Grounded. 2014.\n"
	 "1:31 #2 [-] Farley R. Gold. 2023.\n"
	 "1:57 #3 [-] Smith J. Ships [2] again. 2020.\n"},
	{"--lines: every line one reference",
	 "Farley, R. (2014). Grounded.\n"
	 "  University Press of Kentucky.\n"
	 "\n"
	 "Books\n"
	 "2. Farley, R. (2023). Gold.\n",
	 true,
	 "1:1 #- [-] Farley, R. (2014). Grounded.\n"
	 "2:3 #- [-] University Press of Kentucky.\n"
	 "5:1 #2 [book] Farley, R. (2023). Gold.\n"},
	{"CRLF line ends and tabs",
	 "- Farley, R.\t(2014). Grounded.\r\n- Farley, R. (2023). Gold.\r\n", false,
	 "1:1 #- [-] Farley, R. (2014). Grounded.\n"
	 "2:1 #- [-] Farley, R. (2023). Gold.\n"},
	{"a reference ending in its URL, one with no closing punctuation",
	 "Farley, R. (2019). Ships. Journal, 3, 1-2. https://doi.org/10.1/abc\n"
	 "Okafor, A. (2020). Gold. Lynne Rienner\n"
	 "Sato, Y. (2021). Fleets. Harbor Academic Press\n",
	 false,
	 "1:1 #- [-] Farley, R. (2019). Ships. Journal, 3, 1-2. "
	 "https://doi.org/10.1/abc\n"
	 "2:1 #- [-] Okafor, A. (2020). Gold. Lynne Rienner\n"
	 "3:1 #- [-] Sato, Y. (2021). Fleets. Harbor Academic Press\n"},
	{"a bare word, then a capitalised word and a comma: one reference",
	 "Farley, Robert. 2014. Grounded: The Case for Abolishing the Air\n"
	 "Force, Lexington: University Press of Kentucky.\n",
	 false,
	 "1:1 #- [-] Farley, Robert. 2014. Grounded: The Case for Abolishing "
	 "the Air Force, Lexington: University Press of Kentucky.\n"},
	{"names wrapped after a comma",
	 "Farley, R., Okafor, A., Sato, Y.,\n"
	 "Brennan, S., & Novak, P. (2019). Ships. Journal, 3, 1-2.\n",
	 false,
	 "1:1 #- [-] Farley, R., Okafor, A., Sato, Y., Brennan, S., & Novak, P. "
	 "(2019). Ships. Journal, 3, 1-2.\n"},
	{"text filled to 60 columns, no blank lines, no indents",
	 "Farley, Robert. Grounded: The Case for Abolishing the United\n"
	 "States Air Force. Lexington: University Press of Kentucky,\n"
	 "2014.\n"
	 "Okafor, Amara. Coalitions at Sea. Harbor Academic Press,\n"
	 "2021.\n"
	 "Robert Farley and Yuki Sato. 2022. Fleet scheduling with\n"
	 "constraint solvers. Commun. Marit. Comput. 15, 2 (June\n"
	 "2022), 40-52.\n"
	 "Novak, Petra. \"Steel and Treasure.\" Defence Economics Review\n"
	 "6, no. 1 (2015): 70-92.\n",
	 false,
	 "1:1 #- [-] Farley, Robert. Grounded: The Case for Abolishing the "
	 "United States Air Force. Lexington: University Press of Kentucky, "
	 "2014.\n"
	 "4:1 #- [-] Okafor, Amara. Coalitions at Sea. Harbor Academic Press, "
	 "2021.\n"
	 "6:1 #- [-] Robert Farley and Yuki Sato. 2022. Fleet scheduling with "
	 "constraint solvers. Commun. Marit. Comput. 15, 2 (June 2022), "
	 "40-52.\n"
	 "9:1 #- [-] Novak, Petra. \"Steel and Treasure.\" Defence Economics "
	 "Review 6, no. 1 (2015): 70-92.\n"},
	{"rules and empty items", "-----\n- \n===\n", false, ""},
	{"nothing but headings", "Publications\n\nBooks\n", false, ""},
	{"a short line of words on its own is a heading",
	 "Recent Writing\n"
	 "\n"
	 "Farley, R. (2023). Gold. Lynne Rienner.\n",
	 false, "3:1 #- [-] Farley, R. (2023). Gold. Lynne Rienner.\n"},
};

static char *render(const colo_refs_list *l)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	for (size_t i = 0; i < l->n; i++) {
		const colo_refs_entry *e = &l->items[i];

		colo_buf_printf(&b, "%u:%u ", e->line, e->col);
		if (e->number >= 0)
			colo_buf_printf(&b, "#%ld ", e->number);
		else
			colo_buf_puts(&b, "#- ");
		colo_buf_printf(&b, "[%s%s] %s\n", e->hint.type ? e->hint.type : "-",
		                e->hint.edited ? "+ed" : "", e->text);
		assert_int_equal(strlen(e->text), e->len);
	}
	return colo_buf_steal(&b);
}

static void test_cases(void **state)
{
	int failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		colo_refs_list l;
		char *got;

		colo_refs_split(cases[i].input, strlen(cases[i].input), cases[i].lines,
		                &l);
		got = render(&l);
		if (strcmp(got, cases[i].want) != 0) {
			print_error("case '%s':\n--- want\n%s--- got\n%s\n", cases[i].name,
			            cases[i].want, got);
			failed++;
		}
		free(got);
		colo_refs_list_cleanup(&l);
	}
	assert_int_equal(failed, 0);
}

static void test_spans(void **state)
{
	const char *s = "An introduction, not a reference.\n\n[1] Farley, R. Grounded. 2014.\n"
	                "    More of it.\n[2] Smith, J. Gold. 2023.";
	colo_refs_list l;

	(void)state;
	colo_refs_split(s, strlen(s), false, &l);
	assert_int_equal(l.n, 3);
	/* the span starts at the marker and ends at the last byte */
	assert_memory_equal(s + l.items[1].start, "[1] Farley", 10);
	assert_int_equal(l.items[1].end, strstr(s, "it.") + 3 - s);
	assert_memory_equal(s + l.items[2].start, "[2] Smith", 9);
	assert_int_equal(l.items[2].end, strlen(s));
	colo_refs_list_cleanup(&l);
}

static void test_heading_hints(void **state)
{
	static const struct {
		const char *s;
		const char *type;
		bool edited;
		bool heading;
	} t[] = {
		{"Books", "book", false, true},
		{"Journal Articles", "article-journal", false, true},
		{"Peer-Reviewed Articles:", "article-journal", false, true},
		{"Edited Volumes", "book", true, true},
		{"Book Chapters", "chapter", false, true},
		{"Chapters in Edited Volumes", "chapter", false, true},
		{"Op-Eds", "article-newspaper", false, true},
		{"Book Reviews", "review-book", false, true},
		{"Conference Papers", "paper-conference", false, true},
		{"Working Papers and Reports", "report", false, true},
		{"Selected Publications", NULL, false, true},
		{"## Magazine Articles", "article-magazine", false, true},
		{"**Dissertation**", "thesis", false, true},
		{"Oxford University Press", NULL, false, false},
		{"Press", NULL, false, true},
		{"Grounded", NULL, false, false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		colo_refs_hint h;
		bool got = colo_refs_heading_hint(t[i].s, strlen(t[i].s), &h);

		if (got != t[i].heading)
			fail_msg("'%s': heading %d, want %d", t[i].s, got, t[i].heading);
		if (!got)
			continue;
		if ((h.type == NULL) != (t[i].type == NULL) ||
		    (h.type && strcmp(h.type, t[i].type) != 0))
			fail_msg("'%s': type %s, want %s", t[i].s, h.type ? h.type : "-",
			         t[i].type ? t[i].type : "-");
		assert_int_equal(h.edited, t[i].edited);
	}
}

/* Inputs built to be slow if any step were quadratic: they must simply
 * finish (ctest's timeout is the judge; see test_refs_scale in
 * test_refs_fields.c for the whole importer). */
static void test_hostile(void **state)
{
	size_t n = 1 << 20;
	char *s = colo_xmalloc(n);
	colo_refs_list l;
	const char *pats[] = {"[", "*_", "a-\n", "[1] [2] ", "x", "- ", "\n"};

	(void)state;
	for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
		size_t pl = strlen(pats[p]);

		for (size_t i = 0; i < n; i++)
			s[i] = pats[p][i % pl];
		colo_refs_split(s, n, false, &l);
		colo_refs_list_cleanup(&l);
		colo_refs_split(s, n, true, &l);
		colo_refs_list_cleanup(&l);
	}
	/* NUL bytes inside a line */
	memset(s, 0, n);
	colo_refs_split(s, n, false, &l);
	assert_int_equal(l.n, 0);
	colo_refs_list_cleanup(&l);
	free(s);
}

/* ---- scale ------------------------------------------------------------ */

static const char *const fam[] = {"Farley", "Okafor", "Lindqvist", "Moreau",
                                  "Tanaka", "Novak", "Haddad", "Brennan"};
static const char *const word[] = {"naval", "power", "finance", "strategy",
                                   "blockades", "markets", "carriers",
                                   "alliances", "memory", "trade"};

/* n references in six styles; with `one_line`, numbered "[i]" and run
 * together on one line (a list pasted from a PDF). */
static char *gen_refs(size_t n, bool one_line, size_t max_bytes, size_t *len)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	for (size_t i = 0; i < n && (!max_bytes || b.len < max_bytes); i++) {
		const char *f1 = fam[i % 8], *f2 = fam[(i / 8) % 8];
		const char *w1 = word[i % 10], *w2 = word[(i / 10) % 10],
		           *w3 = word[(i / 100) % 10];
		unsigned y = 1950 + (unsigned)(i % 75), v = 1 + (unsigned)(i % 90);

		if (one_line)
			colo_buf_printf(&b, "[%zu] ", i + 1);
		switch (i % 6) {
		case 0:
			colo_buf_printf(&b, "%s, R., & %s, A. (%u). The %s of %s %s. "
			                "Journal of %s, %u(%u), %u-%u.",
			                f1, f2, y, w1, w2, w3, w2, v, v % 7 + 1, v, v + 20);
			break;
		case 1:
			colo_buf_printf(&b, "%s, Robert. %s and %s: The %s. Lynne "
			                "Rienner, %u.",
			                f1, w1, w2, w3, y);
			break;
		case 2:
			colo_buf_printf(&b, "R. %s and J. %s, \"On %s %s,\" IEEE Trans. "
			                "%s, vol. %u, no. 2, pp. 1-9, %u.",
			                f1, f2, w1, w2, w3, v, y);
			break;
		case 3:
			colo_buf_printf(&b, "%s R, %s J. %s %s. J %s. %u;%u(3):12-19.", f1,
			                f2, w1, w2, w3, y, v);
			break;
		case 4:
			colo_buf_printf(&b, "The %s %s Book (Wildside, %u)", w1, w2, y);
			break;
		default:
			colo_buf_printf(&b, "%s, A. (%u) '%s %s', %s Review, %u(1), pp. "
			                "3-8.",
			                f1, y, w1, w3, w2, v);
			break;
		}
		colo_buf_putc(&b, one_line ? ' ' : '\n');
	}
	*len = b.len;
	return colo_buf_steal(&b);
}

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Processor time to import s; the works and skips found. */
static double import_cpu(const char *s, size_t len, size_t *works,
                         size_t *skipped)
{
	colo_batch b;
	colo_error err;
	double t0 = cpu_now(), t;

	colo_batch_init(&b);
	colo_error_clear(&err);
	(void)colo_refs_parse_opts(s, len, NULL, &b, &err);
	t = cpu_now() - t0;
	*works = b.nworks;
	*skipped = b.skipped;
	colo_batch_cleanup(&b);
	return t;
}

/* Linear time without a timing threshold: the same kind of input at ten
 * times the size must cost about ten times as much processor time (not
 * wall time, which a busy machine inflates).  The bound, 30, sits far
 * from both linear (10) and quadratic (100) growth, so noise does not
 * fail it and a quadratic step cannot pass it.  The sizes are the
 * issue's: 100,000 references, and one 1 MiB line. */
static void test_scale(void **state)
{
	size_t la, lb, wa, wb, sa, sb;
	char *a, *b;
	double ta, tb;
	colo_error err;

	(void)state;
	colo_error_clear(&err);
	if (!colo_ref_model_default(&err))
		fail_msg("no reference model: %s", err.message);

	a = gen_refs(10000, false, 0, &la);
	b = gen_refs(100000, false, 0, &lb);
	ta = import_cpu(a, la, &wa, &sa);
	tb = import_cpu(b, lb, &wb, &sb);
	print_message("10,000 refs: %.2f s CPU (%zu works); 100,000 refs: %.2f s "
	              "CPU (%zu works); ratio %.1f\n",
	              ta, wa, tb, wb, tb / ta);
	/* every reference accounted for; most read (how many depends on
	 * the model, which is not what this test is about) */
	assert_true(wa + sa == 10000);
	assert_true(wb + sb == 100000);
	assert_true(wa >= 5000 && wb >= 9 * wa);
	assert_true(tb / ta < 30.0);
	free(a);
	free(b);

	a = gen_refs(1000000, true, (size_t)100 << 10, &la);
	b = gen_refs(1000000, true, (size_t)1 << 20, &lb);
	ta = import_cpu(a, la, &wa, &sa);
	tb = import_cpu(b, lb, &wb, &sb);
	print_message("100 KiB line: %.2f s CPU (%zu works); 1 MiB line: %.2f s "
	              "CPU (%zu works); ratio %.1f\n",
	              ta, wa, tb, wb, tb / ta);
	assert_true(wb >= 9 * wa);
	assert_true(tb / ta < 30.0);
	/* without its markers the line is one over-long reference: refused
	 * at once, with a diagnostic */
	for (size_t i = 0; i < lb; i++)
		if (b[i] == '[')
			b[i] = '(';
	tb = import_cpu(b, lb, &wb, &sb);
	assert_int_equal(wb, 0);
	assert_int_equal(sb, 1);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_heading_hints),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
