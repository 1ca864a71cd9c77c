/* test_article.c - the article importer on fixtures written for these
 * tests: the title (first heading, markdown, overrides), bylines and the
 * author bio through the bio importer, pingbacks as citing works on venues
 * named after their sites (camel case split, "&" = "and" with the bio's
 * venue), comments that leave no trace, dates, spans, the --title --date
 * --venue --url overrides (colo_article_parse_opts), HTML metadata
 * (Highwire, Open Graph, JSON-LD, <title>, rel=author, entities, scripts),
 * the text kept for `colophon link`, and sniffing.  No database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../importers/article_priv.h"
#include "colophon/article.h"
#include "colophon/importer.h"
#include "colophon/mem.h"

static const char article_txt[] =
	"Ports are where trade becomes politics, and this is a lede paragraph "
	"long enough to be body text rather than a heading of any kind.\n"
	"Harbours and Empires: A Reckoning\n"
	"The first section argues that ports shape states, and that The "
	"Diplomat has said so for years.\n"
	"About the Author: Dr. Jane Roe\n"
	"Dr. Jane Roe has taught maritime history at the University of Kentucky "
	"since 2010. She received her PhD from the University of Oregon in 2008. "
	"Dr. Roe is the author of Tides of Trade: Ports and Power (Harbor Press, "
	"2019). Dr. Roe is also a founder of Lawyers, Guns and Money.\n"
	"\n"
	"bobby2\n"
	"October 25, 2024 at 9:09 am\n"
	"Read The Battleship Book by Someone Else, it is better.\n"
	"Pingback: Ports in a Storm: What Next? - NationalSecurityJournal\n"
	"Pingback: Harbour Notes - Lawyers, Guns & Money\n";

static colo_batch parse(const char *s, const colo_article_opts *o)
{
	colo_batch b;
	colo_error err;

	colo_batch_init(&b);
	colo_error_clear(&err);
	if (!colo_article_parse_opts(s, strlen(s), o, &b, &err))
		print_error("parse failed: %s\n", err.message);
	assert_int_equal(err.code, 0);
	return b;
}

static long find_work(const colo_batch *b, const char *title)
{
	for (size_t i = 0; i < b->nworks; i++)
		if (b->works[i].title && strcmp(b->works[i].title, title) == 0)
			return (long)i;
	return -1;
}

static void test_text_article(void **state)
{
	colo_batch b = parse(article_txt, NULL);
	const colo_work *a = &b.works[0];
	long p1, p2, lgm = -1;
	size_t cites = 0;

	/* the first heading, not the lede */
	assert_string_equal(a->title, "Harbours and Empires: A Reckoning");
	assert_string_equal(a->type, "article-magazine");
	assert_true(a->span.end > a->span.start);
	assert_memory_equal(article_txt + a->span.start,
	                    "Harbours and Empires: A Reckoning",
	                    a->span.end - a->span.start);
	/* the bio's person is the author; nothing from the comment */
	assert_int_equal(b.npeople, 1);
	assert_string_equal(b.people[0].name.family, "Roe");
	assert_int_equal(a->ncreators, 1);
	assert_int_equal(a->creators[0].person, 0);
	assert_int_equal(find_work(&b, "The Battleship Book"), -1);
	assert_true(b.people[0].ndegrees >= 1);
	/* pingbacks */
	p1 = find_work(&b, "Ports in a Storm: What Next?");
	p2 = find_work(&b, "Harbour Notes");
	assert_true(p1 > 0 && p2 > 0);
	assert_string_equal(b.venues[b.works[p1].venue].name,
	                    "National Security Journal");
	assert_string_equal(b.works[p1].type, "article-magazine");
	assert_string_equal(b.works[p2].type, "post-weblog");
	/* "Lawyers, Guns & Money" is the venue the bio named */
	for (size_t i = 0; i < b.npeople; i++)
		for (size_t k = 0; k < b.people[i].nroles; k++)
			if (b.people[i].roles[k].venue >= 0)
				lgm = b.people[i].roles[k].venue;
	assert_true(lgm >= 0);
	assert_int_equal(b.works[p2].venue, lgm);
	for (size_t i = 0; i < b.nlinks; i++)
		if (strcmp(b.links[i].relation, "cites") == 0) {
			assert_int_equal(b.links[i].to, 0);
			assert_int_equal(b.links[i].to_kind, COLO_KIND_WORK);
			assert_true(b.links[i].from == p1 || b.links[i].from == p2);
			assert_memory_equal(article_txt + b.links[i].span.start,
			                    "Pingback:", 9);
			cites++;
		}
	assert_int_equal(cites, 2);
	for (size_t i = 0; i < b.npeople; i++)
		assert_null(strstr(b.people[i].name.family ? b.people[i].name.family
		                                            : "",
		                   "bobby"));
	colo_batch_cleanup(&b);
}

static void test_overrides(void **state)
{
	colo_article_opts o = {"Another Title", "2024-10-25", "The Ledger Weekly",
	                       "https://ledger.example/a"};
	colo_batch b = parse(article_txt, &o);
	colo_error err;

	assert_string_equal(b.works[0].title, "Another Title");
	assert_int_equal(b.works[0].year, 2024);
	assert_int_equal(b.works[0].month, 10);
	assert_int_equal(b.works[0].day, 25);
	assert_string_equal(b.works[0].url, "https://ledger.example/a");
	assert_string_equal(b.venues[b.works[0].venue].name, "The Ledger Weekly");
	assert_string_equal(b.works[0].container, "The Ledger Weekly");
	colo_batch_cleanup(&b);

	o.date = "someday";
	colo_batch_init(&b);
	assert_false(colo_article_parse_opts(article_txt, strlen(article_txt), &o,
	                                     &b, &err));
	assert_int_equal(err.code, COLO_EUSAGE);
	assert_non_null(strstr(err.message, "someday"));
	colo_batch_cleanup(&b);

	/* a text with no heading needs --title */
	colo_batch_init(&b);
	assert_false(colo_article_parse("only a sentence that ends.\n", 27, &b, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	colo_batch_cleanup(&b);
	o.date = NULL;
	o.title = "Given";
	b = parse("only a sentence that ends.\n", &o);
	assert_string_equal(b.works[0].title, "Given");
	colo_batch_cleanup(&b);
}

static void test_markdown_byline_date(void **state)
{
	const char *s = "## Small Ports, Big Ideas\n"
	                "By Ana Costa | Staff\n"
	                "Published: 4 March 2021\n"
	                "\n"
	                "Text of the article goes here and is long enough to count.\n";
	colo_batch b = parse(s, NULL);

	assert_string_equal(b.works[0].title, "Small Ports, Big Ideas");
	assert_int_equal(b.works[0].year, 2021);
	assert_int_equal(b.works[0].month, 3);
	assert_int_equal(b.works[0].day, 4);
	assert_int_equal(b.npeople, 1);
	assert_string_equal(b.people[0].name.given, "Ana");
	assert_string_equal(b.people[0].name.family, "Costa");
	assert_int_equal(b.works[0].ncreators, 1);
	colo_batch_cleanup(&b);
}

static void date_is(const char *s, int y, int m, int d)
{
	int gy, gm, gd;

	assert_true(colo_article_parse_date(s, strlen(s), &gy, &gm, &gd));
	assert_int_equal(gy, y);
	assert_int_equal(gm, m);
	assert_int_equal(gd, d);
}

static void test_dates(void **state)
{
	int y, m, d;

	date_is("2024-10-25", 2024, 10, 25);
	date_is("2024-10-25T09:09:00+00:00", 2024, 10, 25);
	date_is("2024-10", 2024, 10, 0);
	date_is("2024", 2024, 0, 0);
	date_is("October 25, 2024", 2024, 10, 25);
	date_is("Oct. 25th, 2024", 2024, 10, 25);
	date_is("25 October 2024", 2024, 10, 25);
	date_is("Sept 2019", 2019, 9, 0);
	assert_false(colo_article_parse_date("someday", 7, &y, &m, &d));
	assert_false(colo_article_parse_date("2024-13-01", 10, &y, &m, &d));
	assert_false(colo_article_parse_date("", 0, &y, &m, &d));
}

static void site_is(const char *in, const char *want)
{
	char *got = colo_article_site_name(in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void test_site_names(void **state)
{
	site_is("NationalSecurityJournal", "National Security Journal");
	site_is("Lawyers, Guns & Money", "Lawyers, Guns & Money");
	site_is("NYTimes", "NY Times");
	site_is("slate", "slate");
	site_is(" 19FortyFive ", "19Forty Five");
}

static const char page[] =
	"<!doctype html><html><head>"
	"<title>Ships &amp; Shores &#8211; a history | Sea Gazette</title>"
	"<meta property=\"og:site_name\" content=\"Sea Gazette\">"
	"<script type=\"application/ld+json\">{\"@type\": \"BlogPosting\", "
	"\"author\": \"Li Wei\", \"datePublished\": \"2020-02-02\"}</script>"
	"<script type=\"application/ld+json\">{ broken json</script>"
	"<script>var hidden = \"About the Author\";</script>"
	"</head><body><p>Body text &ldquo;quoted&rdquo;.</p>"
	"<a href=\"/x\" rel=\"author\">Li Wei</a></body></html>";

static void test_html(void **state)
{
	colo_batch b = parse(page, NULL);
	art_html h;

	/* <title> without the site's name; JSON-LD type and date */
	assert_string_equal(b.works[0].title, "Ships & Shores \xe2\x80\x93 a history");
	assert_string_equal(b.works[0].type, "post-weblog");
	assert_int_equal(b.works[0].year, 2020);
	assert_int_equal(b.npeople, 1); /* Li Wei once, from JSON-LD and rel */
	assert_string_equal(b.people[0].name.family, "Wei");
	assert_int_equal(b.people[0].span.end, 0); /* HTML: no spans */
	assert_string_equal(b.venues[b.works[0].venue].name, "Sea Gazette");
	colo_batch_cleanup(&b);

	art_html_read(page, strlen(page), &h);
	assert_non_null(strstr(colo_buf_cstr(&h.text),
	                       "Body text \xe2\x80\x9cquoted\xe2\x80\x9d."));
	assert_null(strstr(colo_buf_cstr(&h.text), "hidden"));
	art_html_cleanup(&h);
}

static void test_link_text(void **state)
{
	size_t n;
	char *t = colo_article_text(article_txt, strlen(article_txt), &n);

	assert_int_equal(strlen(t), n);
	assert_memory_equal(t, article_txt, n); /* a prefix: offsets agree */
	assert_non_null(strstr(t, "The Diplomat"));
	assert_null(strstr(t, "About the Author"));
	assert_null(strstr(t, "Battleship"));
	assert_null(strstr(t, "Pingback"));
	free(t);
	t = colo_article_text(page, strlen(page), &n);
	assert_non_null(strstr(t, "Body text"));
	assert_null(strstr(t, "<p>"));
	free(t);
}

static void test_sniff(void **state)
{
	const colo_importer *bio = colo_importer_find("bio");

	assert_non_null(colo_importer_find("article"));
	assert_int_equal(colo_article_sniff(page, strlen(page)), 80);
	assert_true(colo_article_sniff(article_txt, strlen(article_txt)) >
	            bio->sniff(article_txt, strlen(article_txt)));
	assert_int_equal(colo_article_sniff("plain words\n", 12), 10);
}

/* Bytes that are not text never crash the reader. */
static void test_junk(void **state)
{
	static const char *const cases[] = {
		"<", "<a", "<!--", "<script>", "<meta content=\"x", "&#xffffffff;",
		"&#55296;", "Pingback:", "Pingback: - ", "#", "By \n2024-01-01\n",
		"<title></title>", "<a href=\"https://doi.org/10.1/x\">"};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		colo_batch b;
		colo_error err;
		size_t n;
		char *t;

		colo_batch_init(&b);
		(void)colo_article_parse(cases[i], strlen(cases[i]), &b, &err);
		colo_batch_cleanup(&b);
		t = colo_article_text(cases[i], strlen(cases[i]), &n);
		free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_article),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_markdown_byline_date),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_site_names),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_link_text),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_junk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
