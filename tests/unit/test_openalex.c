/* test_openalex.c - the OpenAlex reader on the fixture answers in
 * tests/fixtures/http/openalex/: the author, pages of works (fields,
 * types, authorships pointing at the author, cursors, referenced works
 * with the span where each is written), short ids, and malformed
 * answers.  No database, no network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/openalex.h"
#include "testsupport.h"

static char *fixture(const char *name, size_t *len)
{
	return colo_test_fixture("openalex", name, len);
}

static void test_author(void **state)
{
	size_t len;
	char *data = fixture("author.json", &len);
	colo_batch b;
	colo_openalex_author a;
	colo_error err;

	colo_batch_init(&b);
	assert_ok(colo_openalex_parse_author(data, len, &b, &a, &err));
	assert_string_equal(a.id, "A5000000001");
	assert_string_equal(a.orcid, "0000-0003-1234-5674");
	assert_int_equal(a.person, 0);
	assert_string_equal(b.people[0].name.family, "Halvorsen");
	assert_string_equal(b.people[0].name.given, "Ingrid");
	assert_string_equal(b.people[0].orcid, "0000-0003-1234-5674");
	assert_int_equal(b.people[0].naffiliations, 1);
	assert_string_equal(b.people[0].affiliations[0].org, "Nordhavn University");
	assert_true(b.people[0].affiliations[0].current);
	colo_openalex_author_cleanup(&a);
	colo_batch_cleanup(&b);
	free(data);
}

static void test_pages(void **state)
{
	size_t alen, l1, l2, l3;
	char *adata = fixture("author.json", &alen);
	char *p1 = fixture("works-page1.json", &l1);
	char *p2 = fixture("works-page2.json", &l2);
	char *p3 = fixture("works-end.json", &l3);
	colo_batch b;
	colo_openalex_author a;
	colo_openalex_ids ids;
	colo_error err;
	const colo_work *w;

	colo_batch_init(&b);
	colo_openalex_ids_init(&ids);
	assert_ok(colo_openalex_parse_author(adata, alen, &b, &a, &err));

	assert_ok(colo_openalex_parse_works(p1, l1, &a, &b, &ids, &err));
	assert_int_equal(b.nworks, 2);
	assert_int_equal(ids.page_results, 2);
	assert_int_equal(ids.count, 3);
	assert_string_equal(ids.next_cursor,
	                    "IlsxNTU2NjY4ODAwMDAwLCAnVzUwMDAwMDAxMDInXSI=");
	w = &b.works[0];
	assert_string_equal(w->type, "article-journal");
	assert_string_equal(w->doi, "10.5555/SMR.2019.014");
	assert_null(w->url); /* only the DOI's resolver */
	assert_int_equal(w->year, 2019);
	assert_int_equal(w->month, 5);
	assert_int_equal(w->day, 20);
	assert_string_equal(w->container, "Scandinavian Maritime Review");
	assert_string_equal(w->issn, "2000-1231");
	assert_string_equal(b.venues[w->venue].kind, "journal");
	assert_string_equal(w->volume, "12");
	assert_string_equal(w->issue, "2");
	assert_string_equal(w->pages, "101-129");
	assert_int_equal(w->ncreators, 2);
	assert_int_equal(w->creators[0].person, a.person);
	assert_int_equal(w->creators[1].person, -1);
	assert_string_equal(w->creators[1].name.family, "Lindqvist");
	w = &b.works[1];
	assert_string_equal(w->type, "book");
	assert_null(w->doi);
	assert_null(w->container);
	assert_string_equal(w->url, "https://fjordline.example/books/harbour-ledgers");

	assert_string_equal(ids.work_ids[0], "W5000000101");
	assert_string_equal(ids.work_ids[1], "W5000000102");
	assert_int_equal(ids.nrefs, 3);
	assert_int_equal(ids.refs[0].work, 0);
	assert_string_equal(ids.refs[0].cited, "W5000000103");
	assert_int_equal(ids.refs[1].work, 0);
	assert_string_equal(ids.refs[1].cited, "W5000000901");
	assert_int_equal(ids.refs[2].work, 1);
	assert_string_equal(ids.refs[2].cited, "W5000000101");
	/* Each span is the reference as written inside its citing work. */
	for (size_t i = 0; i < ids.nrefs; i++) {
		const colo_openalex_ref *r = &ids.refs[i];
		char want[64];

		snprintf(want, sizeof want, "https://openalex.org/%s", r->cited);
		assert_true(r->end > r->start);
		assert_int_equal(r->end - r->start, strlen(want));
		assert_memory_equal(p1 + r->start, want, strlen(want));
	}
	/* The book's reference to the article is after the book's own id. */
	assert_true(ids.refs[2].start > (size_t)(strstr(p1, "W5000000102") - p1));

	assert_ok(colo_openalex_parse_works(p2, l2, &a, &b, &ids, &err));
	assert_int_equal(b.nworks, 3);
	assert_string_equal(b.works[2].type, "chapter");
	assert_string_equal(b.works[2].pages, "211-240");
	assert_string_equal(ids.work_ids[2], "W5000000103");
	assert_int_equal(ids.nrefs, 3);
	assert_non_null(ids.next_cursor);

	assert_ok(colo_openalex_parse_works(p3, l3, &a, &b, &ids, &err));
	assert_int_equal(b.nworks, 3);
	assert_int_equal(ids.page_results, 0);
	assert_null(ids.next_cursor);
	assert_int_equal(b.skipped, 0);

	colo_openalex_ids_cleanup(&ids);
	colo_openalex_author_cleanup(&a);
	colo_batch_cleanup(&b);
	free(adata);
	free(p1);
	free(p2);
	free(p3);
}

static void test_malformed(void **state)
{
	size_t len;
	char *data = fixture("malformed.json", &len);
	colo_batch b;
	colo_openalex_ids ids;
	colo_openalex_author a;
	colo_error err;
	static const char no_id[] =
		"{\"meta\": {\"next_cursor\": null}, \"results\": ["
		"{\"title\": \"No id\"}, 7, "
		"{\"id\": \"https://openalex.org/W9\", \"display_name\": \"Only a "
		"display name\", \"publication_year\": 2001}]}";

	colo_batch_init(&b);
	colo_openalex_ids_init(&ids);
	colo_error_clear(&err);
	assert_false(colo_openalex_parse_works(data, len, NULL, &b, &ids, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	assert_true(err.line > 0);
	assert_non_null(strstr(err.message, "OpenAlex works answer is not valid JSON"));
	assert_int_equal(b.nworks, 0);

	colo_error_clear(&err);
	assert_false(colo_openalex_parse_works("{\"meta\": {}}", 12, NULL, &b, &ids,
	                                       &err));
	assert_string_equal(err.message,
	                    "OpenAlex works answer has no \"results\" list");
	colo_error_clear(&err);
	assert_false(colo_openalex_parse_author("{\"id\": null}", 12, &b, &a, &err));
	assert_string_equal(err.message,
	                    "OpenAlex author answer has no author id or name");
	assert_int_equal(b.npeople, 0);

	/* Bad results are skipped with a diagnostic; the rest is read. */
	assert_ok(colo_openalex_parse_works(no_id, strlen(no_id), NULL, &b, &ids,
	                                    &err));
	assert_int_equal(b.nworks, 1);
	assert_int_equal(b.skipped, 2);
	assert_string_equal(b.works[0].title, "Only a display name");
	assert_int_equal(b.works[0].year, 2001);
	assert_string_equal(b.works[0].type, "document");
	colo_openalex_ids_cleanup(&ids);
	colo_batch_cleanup(&b);
	free(data);
}

static void test_short_id_and_types(void **state)
{
	char *s;

	s = colo_openalex_short_id("https://openalex.org/W2741809807");
	assert_string_equal(s, "W2741809807");
	free(s);
	s = colo_openalex_short_id("a5023888391");
	assert_string_equal(s, "A5023888391");
	free(s);
	assert_null(colo_openalex_short_id("https://openalex.org/W27x"));
	assert_null(colo_openalex_short_id("0000-0002-1825-0097"));
	assert_null(colo_openalex_short_id("W"));
	assert_null(colo_openalex_short_id(NULL));

	assert_string_equal(colo_openalex_csl_type("article", "journal-article", NULL),
	                    "article-journal");
	assert_string_equal(colo_openalex_csl_type("article", NULL, "conference"),
	                    "paper-conference");
	assert_string_equal(colo_openalex_csl_type("article", NULL, "repository"),
	                    "article");
	assert_string_equal(colo_openalex_csl_type("preprint", "posted-content", NULL),
	                    "article");
	assert_string_equal(colo_openalex_csl_type("dissertation", NULL, NULL),
	                    "thesis");
	assert_string_equal(colo_openalex_csl_type("paratext", NULL, NULL),
	                    "document");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_author),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_short_id_and_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
