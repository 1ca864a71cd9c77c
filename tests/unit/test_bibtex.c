/* test_bibtex.c - the BibTeX/BibLaTeX writer: escaping, case protection,
 * names, field mapping, and text that tries to become TeX.
 *
 * No database, no TeX run; test_bibtex_plain.c feeds the output to the
 * real bibtex. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/bibtex.h"
#include "colophon/mem.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *esc(const char *s, bool protect, bool ascii)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_bibtex_escape(&b, s, protect, ascii);
	return colo_buf_steal(&b);
}

static void check_esc(const char *in, bool protect, bool ascii,
                      const char *want)
{
	char *got = esc(in, protect, ascii);

	if (strcmp(got, want) != 0)
		fail_msg("escape(%s, protect=%d, ascii=%d)\n  got:  %s\n  want: %s",
		         in, protect, ascii, got, want);
	free(got);
}

/* Braces as BibTeX counts them: every brace, backslash or not. */
static bool balanced(const char *s)
{
	long depth = 0;

	for (; *s; s++) {
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth < 0)
			return false;
	}
	return depth == 0;
}

static int entries(const char *s)
{
	int n = 0;

	for (const char *p = s; *p; p++)
		if (*p == '@' && (p == s || p[-1] == '\n'))
			n++;
	return n;
}

/* Every backslash is one of the writer's own commands.  (BibLaTeX names
 * use the "\\textbackslash{}" form, which biber's initials need.) */
static void check_only_our_commands(const char *s)
{
	static const char *const ok[] = {
		"textbraceleft}", "textbraceright}", "textbackslash}",
		"textasciitilde}", "textasciicircum}", "ldots}", "&", "%", "$",
		"#", "_", "textbraceleft{}", "textbraceright{}", "textbackslash{}",
		"textasciitilde{}", "textasciicircum{}",
	};

	for (const char *p = strchr(s, '\\'); p; p = strchr(p + 1, '\\')) {
		bool found = false;

		for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
			if (strncmp(p + 1, ok[i], strlen(ok[i])) == 0)
				found = true;
		if (!found)
			fail_msg("foreign TeX command at: %.40s", p);
		/* Our brace commands sit in their own group, or end in {}. */
		if (p[1] == 't' && p[strcspn(p, "{}")] == '}')
			assert_true(p > s && p[-1] == '{');
	}
	assert_null(strchr(s, '^'));
}

static colo_creator *add_name(colo_work *w, colo_creator_role role,
                              const char *given, const char *particle,
                              const char *family, const char *suffix,
                              const char *literal)
{
	colo_creator *c = colo_work_add_creator(w, role);

	colo_set_str(&c->name.given, given);
	colo_set_str(&c->name.particle, particle);
	colo_set_str(&c->name.family, family);
	colo_set_str(&c->name.suffix, suffix);
	colo_set_str(&c->name.literal, literal);
	return c;
}

static void book(colo_work *w, const char *key, const char *title)
{
	colo_work_init(w);
	colo_set_str(&w->citekey, key);
	colo_set_str(&w->type, "book");
	colo_set_str(&w->title, title);
}

static char *write_entry(const colo_work *w, bool biblatex, bool ascii)
{
	colo_bibtex_opts o = {biblatex, ascii};
	colo_buf b;
	colo_error err;

	colo_buf_init(&b, 0);
	colo_error_clear(&err);
	if (!colo_bibtex_write(&b, w, &o, &err))
		fail_msg("write failed: %s", err.message);
	return colo_buf_steal(&b);
}

static void assert_has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("missing: %s\nin:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("unexpected: %s\nin:\n%s", needle, hay);
}

/* ------------------------------------------------------------------ */
/* Escaping                                                            */

static void test_escape_specials(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"a & b", "a \\& b"},
		{"100%", "100\\%"},
		{"$5", "\\$5"},
		{"#1", "\\#1"},
		{"a_b", "a\\_b"},
		{"{x}", "{\\textbraceleft}x{\\textbraceright}"},
		{"a\\b", "a{\\textbackslash}b"},
		{"~", "{\\textasciitilde}"},
		{"^", "{\\textasciicircum}"},
		{"me@example.org", "me@example.org"},
		{"a\tb\nc\r\nd", "a b c d"},
		{"a\x01\x1b\x7f" "b", "ab"},
		{"  lead   trail  ", "lead trail"},
		{"Müller", "Müller"},
		{"a\xff\xfe" "b", "ab"},
		{"u\xcc\x88", "\xc3\xbc"}, /* decomposed ü is composed */
		{"a\xe2\x80\xae" "b", "ab"}, /* RIGHT-TO-LEFT OVERRIDE */
		{"\"quoted\", 'single'", "\"quoted\", 'single'"},
		{"", ""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_esc(cases[i].in, false, false, cases[i].want);
}

static void test_escape_ascii(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"Müller", "M{\\\"u}ller"},
		{"é", "{\\'e}"},
		{"Straße", "Stra{\\ss}e"},
		{"Ødegaard", "{\\O}degaard"},
		{"ø", "{\\o}"},
		{"Łódź", "{\\L}{\\'o}d{\\'z}"},
		{"å", "{\\aa}"},
		{"ç", "{\\c c}"},
		{"š", "{\\v s}"},
		{"ñ", "{\\~n}"},
		{"ô", "{\\^o}"},
		{"à", "{\\`a}"},
		{"ő", "{\\H o}"},
		{"ą", "{\\k a}"},
		{"ā", "{\\=a}"},
		{"ă", "{\\u a}"},
		{"ż", "{\\.z}"},
		{"u\xcc\x88", "{\\\"u}"},
		{"ệ", "{\\^{\\d e}}"},
		{"“Quoted” – dash — long…", "``Quoted'' -- dash --- long{\\ldots}"},
		{"Russia’s", "Russia's"},
		{"a & ü", "a \\& {\\\"u}"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_esc(cases[i].in, false, true, cases[i].want);
	/* Whatever cannot be spelled in ASCII still comes out ASCII. */
	{
		char *got = esc("日本 Ωmega Дом", false, true);

		for (const char *p = got; *p; p++)
			assert_true((unsigned char)*p < 0x80);
		free(got);
	}
}

/* ------------------------------------------------------------------ */
/* Case protection                                                     */

static void test_protect(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		/* the seed's books */
		{"Grounded: The Case for Abolishing the United States Air Force",
		 "Grounded: {The} Case for Abolishing the {United States Air Force}"},
		{"The Battleship Book", "The Battleship Book"},
		{"Patents for Power: Intellectual Property Law and the Diffusion "
		 "of Military Technology",
		 "Patents for Power: {Intellectual} Property Law and the Diffusion "
		 "of Military Technology"},
		{"Waging War with Gold: National Security and the Finance Domain "
		 "Across the Ages",
		 "Waging War with Gold: {National} Security and the Finance Domain "
		 "Across the Ages"},
		/* acronyms and internal capitals */
		{"NATO and the DNA of APAC", "{NATO} and the {DNA} of {APAC}"},
		{"The iPhone, McDonald and LaTeX", "The {iPhone}, {McDonald} and {LaTeX}"},
		{"NATO Expansion", "{NATO} Expansion"},
		{"AT&T Stories", "{AT}\\&{T} Stories"},
		{"The U.S. Navy", "The {U}.{S}. Navy"},
		{"O'Brien Speaks", "{O'Brien} Speaks"},
		/* proper nouns and runs */
		{"North Korea Enters the Ukraine War: Implications",
		 "{North Korea} Enters the {Ukraine War}: {Implications}"},
		{"Russia’s Army and the Soviet Legacy",
		 "{Russia’s Army} and the {Soviet} Legacy"},
		{"World War II in Europe", "{World War II} in {Europe}"},
		{"Department of Defense Budgets", "{Department of Defense} Budgets"},
		{"Paris in January", "{Paris} in {January}"},
		{"American Power", "{American} Power"},
		{"Soviet-style Training", "{Soviet}-style Training"},
		{"the United Kingdom and South Korea",
		 "the {United Kingdom} and {South Korea}"},
		/* first word after a colon */
		{"A Study: A Reply", "A Study: {A} Reply"},
		{"Why War? Essays", "Why War? {Essays}"},
		{"Time 10:30 Now", "Time 10:30 Now"},
		/* no over-protection */
		{"Case Studies in Book Design", "Case Studies in Book Design"},
		{"Abolishing Things", "Abolishing Things"},
		{"Bank Runs and the University", "Bank Runs and the University"},
		{"A Plain Title", "A Plain Title"},
		{"all lower case", "all lower case"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_esc(cases[i].in, true, false, cases[i].want);
	/* Protection wraps whole letters, never half an escape. */
	check_esc("ÜBER alles", true, true, "{{\\\"U}BER} alles");
	check_esc("ÜBER alles", true, false, "{ÜBER} alles");
	check_esc("Zürich NATO", true, true, "Z{\\\"u}rich {NATO}");
}

/* ------------------------------------------------------------------ */
/* Entries                                                             */

static void test_seed_entry(void **state)
{
	colo_work w;
	char *got;

	(void)state;
	book(&w, "farley2014grounded", "Grounded");
	colo_set_str(&w.subtitle,
	             "The Case for Abolishing the United States Air Force");
	add_name(&w, COLO_ROLE_AUTHOR, "Robert", NULL, "Farley", NULL, NULL);
	colo_set_str(&w.publisher, "University Press of Kentucky");
	w.year = 2014;
	got = write_entry(&w, false, false);
	assert_string_equal(
	    got, "@book{farley2014grounded,\n"
	         "  author = {Farley, Robert},\n"
	         "  title = {Grounded: {The} Case for Abolishing the {United "
	         "States Air Force}},\n"
	         "  publisher = {University Press of Kentucky},\n"
	         "  year = {2014}\n"
	         "}\n\n");
	free(got);

	got = write_entry(&w, true, false);
	assert_string_equal(
	    got, "@book{farley2014grounded,\n"
	         "  author = {Farley, Robert},\n"
	         "  title = {Grounded},\n"
	         "  subtitle = {The Case for Abolishing the {United States Air "
	         "Force}},\n"
	         "  publisher = {University Press of Kentucky},\n"
	         "  date = {2014}\n"
	         "}\n\n");
	free(got);
	colo_work_cleanup(&w);
}

static void test_names(void **state)
{
	colo_work w;
	char *got;

	(void)state;
	book(&w, "k", "T");
	add_name(&w, COLO_ROLE_AUTHOR, "Vincent", "van", "Gogh", NULL, NULL);
	add_name(&w, COLO_ROLE_AUTHOR, "Martin Luther", NULL, "King", "Jr.", NULL);
	add_name(&w, COLO_ROLE_AUTHOR, NULL, NULL, NULL, NULL,
	         "World Health Organization");
	add_name(&w, COLO_ROLE_AUTHOR, "Jürgen", NULL, "Müller", NULL, NULL);
	add_name(&w, COLO_ROLE_AUTHOR, "Amy", NULL, "Smith and Wesson", NULL, NULL);
	add_name(&w, COLO_ROLE_AUTHOR, NULL, NULL, NULL, NULL, NULL);
	add_name(&w, COLO_ROLE_AUTHOR, NULL, NULL, "Others", NULL, NULL);
	add_name(&w, COLO_ROLE_EDITOR, "Robert", NULL, "Farley", NULL, NULL);
	add_name(&w, COLO_ROLE_TRANSLATOR, "Ann", NULL, "Other", NULL, NULL);

	got = write_entry(&w, false, false);
	assert_has(got, "  author = {van Gogh, Vincent and King, Jr., Martin "
	                "Luther and {World Health Organization} and Müller, "
	                "Jürgen and {Smith and Wesson}, Amy and {Others}},\n");
	assert_has(got, "  editor = {Farley, Robert}");
	assert_lacks(got, "translator");
	assert_lacks(got, " and  and");
	free(got);

	got = write_entry(&w, true, true);
	assert_has(got, "M{\\\"u}ller, J{\\\"u}rgen");
	assert_has(got, "  translator = {Other, Ann}");
	free(got);
	colo_work_cleanup(&w);
}

static void test_types(void **state)
{
	static const struct {
		const char *csl, *bibtex, *biblatex;
	} cases[] = {
		{"book", "@book{", "@book{"},
		{"article-journal", "@article{", "@article{"},
		{"article-magazine", "@article{", "@article{"},
		{"article-newspaper", "@article{", "@article{"},
		{"chapter", "@incollection{", "@incollection{"},
		{"paper-conference", "@inproceedings{", "@inproceedings{"},
		{"thesis", "@phdthesis{", "@thesis{"},
		{"report", "@techreport{", "@report{"},
		{"post-weblog", "@misc{", "@online{"},
		{"webpage", "@misc{", "@online{"},
		{"dataset", "@misc{", "@misc{"},
		{NULL, "@misc{", "@misc{"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		colo_work w;
		char *a, *b;

		book(&w, "k", "T");
		colo_set_str(&w.type, cases[i].csl);
		a = write_entry(&w, false, false);
		b = write_entry(&w, true, false);
		if (strncmp(a, cases[i].bibtex, strlen(cases[i].bibtex)) != 0 ||
		    strncmp(b, cases[i].biblatex, strlen(cases[i].biblatex)) != 0)
			fail_msg("type %s: got %.20s / %.20s", cases[i].csl
			         ? cases[i].csl : "(null)", a, b);
		free(a);
		free(b);
		colo_work_cleanup(&w);
	}
}

static void test_fields(void **state)
{
	colo_work w;
	char *got;

	(void)state;
	colo_work_init(&w);
	colo_set_str(&w.citekey, "farley2020x");
	colo_set_str(&w.type, "article-journal");
	colo_set_str(&w.title, "On Sea Power");
	colo_set_str(&w.container, "The National Interest");
	colo_set_str(&w.publisher, "Center for the National Interest");
	colo_set_str(&w.place, "Washington, DC");
	colo_set_str(&w.volume, "12");
	colo_set_str(&w.issue, "3");
	colo_set_str(&w.pages, "12-19");
	colo_set_str(&w.doi, "10.1000/ab_c#1%");
	colo_set_str(&w.issn, "0884-9382");
	colo_set_str(&w.url, "https://example.org/a%20b?x=1&y=_#frag");
	colo_set_str(&w.note, "50% off & more");
	w.year = 2020;
	w.month = 3;
	w.day = 5;

	got = write_entry(&w, false, false);
	assert_has(got, "  journal = {The National Interest},\n");
	assert_lacks(got, "publisher");
	assert_has(got, "  address = {Washington, DC},\n");
	assert_has(got, "  year = {2020},\n  month = mar,\n");
	assert_has(got, "  volume = {12},\n  number = {3},\n");
	assert_has(got, "  pages = {12--19},\n");
	assert_has(got, "  doi = {10.1000/ab_c\\#1\\%},\n");
	assert_has(got, "  issn = {0884-9382},\n");
	assert_has(got, "  url = {https://example.org/a\\%20b?x=1&y=_\\#frag},\n");
	assert_has(got, "  note = {50\\% off \\& more}\n}\n\n");
	assert_has(got, "  title = {On Sea Power},\n");
	free(got);

	got = write_entry(&w, true, false);
	assert_has(got, "  journaltitle = {The National Interest},\n");
	assert_has(got, "  location = {Washington, DC},\n");
	assert_has(got, "  date = {2020-03-05},\n");
	assert_lacks(got, "month");
	assert_lacks(got, "year");
	free(got);

	w.day = 0;
	got = write_entry(&w, true, false);
	assert_has(got, "  date = {2020-03},\n");
	free(got);
	colo_work_cleanup(&w);
}

static void test_months(void **state)
{
	static const char *const names[] = {"jan", "feb", "mar", "apr",
	                                    "may", "jun", "jul", "aug",
	                                    "sep", "oct", "nov", "dec"};

	(void)state;
	for (int m = 0; m <= 13; m++) {
		colo_work w;
		char *got;
		char want[32];

		book(&w, "k", "T");
		w.year = 1999;
		w.month = m;
		got = write_entry(&w, false, false);
		if (m >= 1 && m <= 12) {
			snprintf(want, sizeof want, "  month = %s\n", names[m - 1]);
			assert_has(got, want);
		} else {
			assert_lacks(got, "month");
		}
		free(got);
		colo_work_cleanup(&w);
	}
}

static void test_pages_edition(void **state)
{
	static const struct {
		const char *in, *want;
	} pages[] = {
		{"12-19", "12--19"},
		{"12–19", "12--19"},
		{"12--19", "12--19"},
		{"12—19", "12--19"},
		{"1-5, 7-9", "1--5, 7--9"},
		{"e1234", "e1234"},
		{"S12-S15", "S12--S15"},
	};
	static const struct {
		const char *in, *bibtex, *biblatex;
	} editions[] = {
		{"2", "Second", "2"},
		{"10", "Tenth", "10"},
		{"11", "11th", "11"},
		{"22", "22nd", "22"},
		{"3rd", "3rd", "3rd"},
		{"Revised", "Revised", "Revised"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		colo_work w;
		char *got;
		char want[64];

		book(&w, "k", "T");
		colo_set_str(&w.pages, pages[i].in);
		got = write_entry(&w, false, false);
		snprintf(want, sizeof want, "  pages = {%s}", pages[i].want);
		assert_has(got, want);
		free(got);
		colo_work_cleanup(&w);
	}
	for (size_t i = 0; i < sizeof editions / sizeof *editions; i++) {
		colo_work w;
		char *a, *b;
		char want[64];

		book(&w, "k", "T");
		colo_set_str(&w.edition, editions[i].in);
		a = write_entry(&w, false, false);
		b = write_entry(&w, true, false);
		snprintf(want, sizeof want, "  edition = {%s}", editions[i].bibtex);
		assert_has(a, want);
		snprintf(want, sizeof want, "  edition = {%s}", editions[i].biblatex);
		assert_has(b, want);
		free(a);
		free(b);
		colo_work_cleanup(&w);
	}
}

static void test_containers(void **state)
{
	colo_work w;
	char *got;

	(void)state;
	book(&w, "k", "A Chapter");
	colo_set_str(&w.type, "chapter");
	colo_set_str(&w.container, "Essays: The NATO Years");
	colo_set_str(&w.publisher, "Wildside");
	got = write_entry(&w, false, false);
	assert_has(got, "  booktitle = {Essays: {The} {NATO} Years},\n");
	assert_has(got, "  publisher = {Wildside}");
	free(got);

	colo_set_str(&w.type, "thesis");
	colo_set_str(&w.publisher, "University of Washington");
	got = write_entry(&w, false, false);
	assert_has(got, "  school = {University of Washington}");
	free(got);
	got = write_entry(&w, true, false);
	assert_has(got, "  institution = {University of Washington},\n"
	                "  type = {phdthesis}");
	free(got);

	colo_set_str(&w.type, "report");
	got = write_entry(&w, false, false);
	assert_has(got, "@techreport{k");
	assert_has(got, "  institution = {University of Washington}");
	free(got);

	colo_set_str(&w.type, "post-weblog");
	colo_set_str(&w.container, "Lawyers, Guns & Money");
	got = write_entry(&w, false, false);
	assert_has(got, "  howpublished = {Lawyers, Guns \\& Money}");
	free(got);
	got = write_entry(&w, true, false);
	assert_has(got, "  organization = {Lawyers, Guns \\& Money}");
	free(got);
	colo_work_cleanup(&w);
}

static void test_urls(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"https://example.org/a%20b#frag",
		 "https://example.org/a\\%20b\\#frag"},
		{"http://x.org/{a}\\b", "http://x.org/\\%7Ba\\%7D\\%5Cb"},
		{"http://x.org/^^5cinput", "http://x.org/\\%5E\\%5E5cinput"},
		{"http://x.org/a b\n", "http://x.org/a\\%20b"},
		{"http://x.org/~user/a_b&c=$d", "http://x.org/~user/a_b&c=$d"},
		{"http://x.org/müller", "http://x.org/m\\%C3\\%BCller"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		colo_work w;
		char *got;
		char want[128];

		book(&w, "k", "T");
		colo_set_str(&w.url, cases[i].in);
		got = write_entry(&w, false, false);
		snprintf(want, sizeof want, "  url = {%s}", cases[i].want);
		assert_has(got, want);
		assert_true(balanced(got));
		free(got);
		colo_work_cleanup(&w);
	}
}

static void test_citekey_validation(void **state)
{
	static const char *const bad[] = {
		"", "bad key", "a,b", "a{b", "a}b", "a\\b", "a%b", "a\nb", "é", "a=b",
	};
	colo_work w;
	colo_buf b;
	colo_error err;
	char *got;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		book(&w, bad[i], "T");
		colo_buf_init(&b, 0);
		colo_error_clear(&err);
		assert_false(colo_bibtex_write(&b, &w, NULL, &err));
		assert_int_equal(err.code, COLO_EINPUT);
		assert_int_equal(b.len, 0);
		colo_buf_cleanup(&b);
		colo_work_cleanup(&w);
	}
	book(&w, NULL, "T");
	colo_buf_init(&b, 0);
	assert_false(colo_bibtex_write(&b, &w, NULL, NULL));
	colo_buf_cleanup(&b);
	colo_work_cleanup(&w);

	book(&w, "Farley:2014/x+y.z-1_", "T");
	got = write_entry(&w, false, false);
	assert_has(got, "@book{Farley:2014/x+y.z-1_,\n");
	free(got);
	colo_work_cleanup(&w);
}

/* ------------------------------------------------------------------ */
/* Text that tries to become TeX                                       */

static char *nested_braces(size_t n)
{
	char *s = colo_xmalloc(2 * n + 2);

	memset(s, '{', n);
	s[n] = 'x';
	memset(s + n + 1, '}', n);
	s[2 * n + 1] = '\0';
	return s;
}

static char *long_word(size_t n, char c)
{
	char *s = colo_xmalloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void check_hostile(const char *text)
{
	for (int mode = 0; mode < 4; mode++) {
		colo_work w;
		char *got;

		book(&w, "hostile", text);
		colo_set_str(&w.subtitle, text);
		colo_set_str(&w.publisher, text);
		colo_set_str(&w.note, text);
		colo_set_str(&w.container, text);
		colo_set_str(&w.volume, text);
		colo_set_str(&w.pages, text);
		colo_set_str(&w.isbn, text);
		colo_set_str(&w.url, text);
		colo_set_str(&w.doi, text);
		add_name(&w, COLO_ROLE_AUTHOR, text, text, text, text, NULL);
		add_name(&w, COLO_ROLE_EDITOR, NULL, NULL, NULL, NULL, text);
		got = write_entry(&w, mode & 1, mode & 2);
		if (!balanced(got))
			fail_msg("unbalanced braces for %.60s", text);
		assert_int_equal(entries(got), 1);
		check_only_our_commands(got);
		/* No field value spans lines: the entry is one line per field
		 * plus the header and the closing brace. */
		{
			int lines = 0;

			for (const char *p = got; *p; p++)
				lines += *p == '\n';
			assert_true(lines <= 25);
		}
		free(got);
		colo_work_cleanup(&w);
	}
}

static void test_injection(void **state)
{
	static const char *const cases[] = {
		"\\input{/etc/hostname}",
		"\\immediate\\write18{touch pwned}",
		"^^5cinput^^7b/etc/hostname^^7d",
		"\\catcode`\\{=12 \\catcode`\\^=7",
		"Foo}}\n@preamble{\"\\immediate\\write18{touch pwned}\"}\n@book{x,",
		"Foo}, note={X",
		"\\def\\x{\\x}\\x",
		"\\end{document}",
		"}}}}}}",
		"{{{{{{",
		"Foo\\",
		"% comment\n@comment{",
	};
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_hostile(cases[i]);

	check_esc("\\input{/etc/hostname}", true, false,
	          "{\\textbackslash}input{\\textbraceleft}/etc/hostname"
	          "{\\textbraceright}");
	check_esc("^^5cinput", false, false,
	          "{\\textasciicircum}{\\textasciicircum}5cinput");

	s = nested_braces(300);
	check_hostile(s);
	free(s);
	s = long_word(300000, 'a');
	check_hostile(s);
	{
		char *got = esc(s, true, false);

		assert_int_equal(strlen(got), 300000);
		free(got);
	}
	free(s);
	s = long_word(300000, 'A');
	{
		char *got = esc(s, true, false);

		assert_int_equal(strlen(got), 300002);
		assert_true(balanced(got));
		free(got);
	}
	free(s);
	s = long_word(300000, '{');
	check_hostile(s);
	free(s);
}

/* Values are capped so BibTeX's string pools never overflow; the cut is
 * at a space and marked.  colo_bibtex_escape itself never cuts. */
static void test_long_fields(void **state)
{
	colo_buf b;
	colo_work w;
	char *s, *got, *t;

	(void)state;
	colo_buf_init(&b, 0);
	while (b.len < 50000)
		colo_buf_puts(&b, "word ");
	s = colo_buf_steal(&b);
	book(&w, "k", s);
	colo_set_str(&w.note, s);
	got = write_entry(&w, false, false);
	t = strstr(got, "  title = {");
	assert_non_null(t);
	assert_non_null(strstr(t, "word word{\\ldots}},\n"));
	assert_true(strlen(got) < 2 * 4000 + 200);
	free(got);
	colo_work_cleanup(&w);

	got = esc(s, true, false);
	assert_int_equal(strlen(got), 49999);
	free(got);
	free(s);

	/* An over-long URL is left out, never cut. */
	s = colo_xmalloc(10001);
	memset(s, 'a', 10000);
	s[10000] = '\0';
	book(&w, "k", "T");
	colo_set_str(&w.url, s);
	got = write_entry(&w, false, false);
	assert_null(strstr(got, "url"));
	free(got);
	colo_work_cleanup(&w);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_specials),
		cmocka_unit_test(test_escape_ascii),
		cmocka_unit_test(test_protect),
		cmocka_unit_test(test_seed_entry),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_pages_edition),
		cmocka_unit_test(test_containers),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_citekey_validation),
		cmocka_unit_test(test_injection),
		cmocka_unit_test(test_long_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
