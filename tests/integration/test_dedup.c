/* test_dedup.c - duplicates on import, against the real test server.
 *
 * Each test opens its own database and drops it afterwards.  Covers the
 * duplicate rule (same DOI or ISBN; else same normalised title, years
 * within one and a shared family name + first initial; a different DOI or
 * ISBN vetoes), merging (missing fields added, conflicts kept as
 * alternatives with their source, the stored citation key kept),
 * idempotency, preprint/published pairs linked rather than merged,
 * colo_store_match_works (what --dry-run shows), one work twice in one
 * batch, and the citation keys of a batch's new works. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/mem.h"
#include "colophon/store.h"
#include "colophon/store_bench.h"
#include "colophon/store_export.h"
#include "testsupport.h"

/* Each test runs on its own database on the test server, dropped after. */
typedef colo_test_db fixture;

static int setup(void **state)
{
	return colo_test_db_setup(state, "dedup");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

typedef struct spec {
	const char *citekey, *type, *title, *doi, *isbn, *url, *container;
	int year;
	const char *given, *family;
	const char *archive;
} spec;

/* A batch of one work per spec, with its own source id. */
static void make(colo_batch *b, const char *source, const spec *s, size_t n)
{
	colo_batch_init(b);
	colo_set_str(&b->source.id, source);
	colo_set_str(&b->source.kind, "bibtex");
	colo_set_str(&b->source.origin, "test.bib");
	for (size_t i = 0; i < n; i++) {
		long wi = colo_batch_add_work(b);
		colo_work *w = &b->works[wi];

		colo_set_str(&w->citekey, s[i].citekey);
		colo_set_str(&w->type, s[i].type ? s[i].type : "article-journal");
		colo_set_str(&w->title, s[i].title);
		colo_set_str(&w->doi, s[i].doi);
		colo_set_str(&w->isbn, s[i].isbn);
		colo_set_str(&w->url, s[i].url);
		colo_set_str(&w->container, s[i].container);
		colo_set_str(&w->archive, s[i].archive);
		w->year = s[i].year;
		if (s[i].family) {
			colo_creator *c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);

			colo_set_str(&c->name.given, s[i].given);
			colo_set_str(&c->name.family, s[i].family);
		}
		w->span.start = 0;
		w->span.end = 10;
	}
	colo_batch_add_creator_people(b);
}

static void save(fixture *f, const char *source, const spec *s, size_t n,
                 colo_save_stats *st)
{
	colo_batch b;
	colo_error err;

	make(&b, source, s, n);
	assert_ok(colo_store_save_batch(f->store, &b, st, &err));
	colo_batch_cleanup(&b);
}

static void get_work(fixture *f, const char *id, colo_work *w)
{
	colo_error err;
	bool found = false;

	memset(w, 0, sizeof *w);
	w->venue = -1;
	assert_ok(colo_store_work_by_id(f->store, id, w, &found, &err));
	assert_true(found);
}

static const colo_alternative *alt(const colo_work *w, const char *field)
{
	for (size_t i = 0; i < w->nalts; i++)
		if (strcmp(w->alts[i].field, field) == 0)
			return &w->alts[i];
	return NULL;
}

static void test_same_doi_merges(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	colo_work w;
	const spec a = {"farley2014", NULL, "Grounded: The Case", "10.1000/X", NULL,
	                NULL, "Review", 2014, "Robert", "Farley", NULL};
	const spec b = {"otherkey", NULL, "Grounded: the case for reform",
	                "10.1000/x", NULL, "https://example.org/g", "Other Review",
	                2014, "R.", "Farley", NULL};

	save(f, "sha256:aaaa", &a, 1, &st);
	assert_int_equal(st.works_new, 1);
	save(f, "sha256:bbbb", &b, 1, &st);
	assert_int_equal(st.works_new, 0);
	assert_int_equal(st.works_merged, 1);
	get_work(f, "doi:10.1000/x", &w);
	/* the stored citation key and title stay; the missing URL is added;
	 * conflicts are kept with their source */
	assert_string_equal(w.citekey, "farley2014");
	assert_string_equal(w.title, "Grounded: The Case");
	assert_string_equal(w.url, "https://example.org/g");
	assert_non_null(alt(&w, "title"));
	assert_string_equal(alt(&w, "title")->value, "Grounded: the case for reform");
	assert_string_equal(alt(&w, "title")->source, "sha256:bbbb");
	assert_string_equal(alt(&w, "container")->value, "Other Review");
	assert_non_null(alt(&w, "creators"));
	assert_null(alt(&w, "url"));
	{
		size_t nalts = w.nalts;

		colo_work_cleanup(&w);
		/* saving the same again adds nothing */
		save(f, "sha256:bbbb", &b, 1, &st);
		assert_int_equal(st.works_merged, 1);
		get_work(f, "doi:10.1000/x", &w);
		assert_int_equal(w.nalts, nalts);
	}
	colo_work_cleanup(&w);
}

static void test_fuzzy_rule(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	colo_batch b;
	colo_error err;
	colo_work_match *m = NULL;
	colo_work w;
	const spec stored[] = {
		{"roe1999", "thesis", "On NASA and DNA", NULL, NULL, NULL, NULL, 1999,
		 "Jane", "Roe", NULL},
		{"isbn10", "book", "A Book", NULL, "0-262-03384-4", NULL, NULL, 2001,
		 "Ann", "Lee", NULL},
		{"withdoi", NULL, "On Ports", "10.1/ports", NULL, NULL, NULL, 2010,
		 "Ann", "Lee", NULL},
	};
	const spec incoming[] = {
		/* 0: title case and punctuation differ, year +1, initial */
		{"fuzzy", "thesis", "On nasa and DNA.", NULL, NULL,
		 "https://example.org/t", NULL, 2000, "J.", "Roe", NULL},
		/* 1: years two apart: different */
		{"late", "thesis", "On NASA and DNA", NULL, NULL, NULL, NULL, 2001,
		 "Jane", "Roe", NULL},
		/* 2: no shared author */
		{"other", "thesis", "On NASA and DNA", NULL, NULL, NULL, NULL, 1999,
		 "Jane", "Doe", NULL},
		/* 3: same family, other initial (another year: an equal title
		 * key would be the same record by definition) */
		{"initial", "thesis", "On NASA and DNA", NULL, NULL, NULL, NULL, 2000,
		 "Kim", "Roe", NULL},
		/* 4: ISBN-13 of the stored ISBN-10, another title */
		{"isbn13", "book", "A Book: Second Thoughts", NULL, "9780262033848",
		 NULL, NULL, 2001, "Ann", "Lee", NULL},
		/* 5: a different DOI vetoes an otherwise matching work */
		{"veto", NULL, "On ports", "10.9/other", NULL, NULL, NULL, 2010,
		 "Ann", "Lee", NULL},
	};

	save(f, "sha256:1111", stored, 3, &st);
	assert_int_equal(st.works_new, 3);
	make(&b, "sha256:2222", incoming, 6);
	assert_ok(colo_store_match_works(f->store, &b, &m, &err));
	assert_int_equal(m[0].kind, COLO_MATCH_DUPLICATE);
	assert_string_equal(m[0].citekey, "roe1999");
	assert_int_equal(m[1].kind, COLO_MATCH_NEW);
	assert_int_equal(m[2].kind, COLO_MATCH_NEW);
	assert_int_equal(m[3].kind, COLO_MATCH_NEW);
	assert_int_equal(m[4].kind, COLO_MATCH_SAME); /* same isbn: key */
	assert_string_equal(m[4].citekey, "isbn10");
	assert_int_equal(m[5].kind, COLO_MATCH_NEW);
	colo_work_matches_free(m, b.nworks);
	assert_ok(colo_store_save_batch(f->store, &b, &st, &err));
	assert_int_equal(st.works_new, 4);
	assert_int_equal(st.works_merged, 2);
	assert_int_equal(st.works_duplicates, 1);
	/* the fuzzy duplicate merged into the stored work, which keeps its
	 * id, key, citation key and title */
	assert_string_equal(b.works[0].id, "t:on nasa and dna|1999|roe");
	assert_string_equal(b.works[0].citekey, "roe1999");
	get_work(f, "t:on nasa and dna|1999|roe", &w);
	assert_string_equal(w.title, "On NASA and DNA");
	assert_string_equal(w.url, "https://example.org/t");
	assert_non_null(alt(&w, "issued"));
	assert_string_equal(alt(&w, "issued")->value, "2000");
	colo_work_cleanup(&w);
	colo_batch_cleanup(&b);
}

static void test_preprint_linked(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	colo_store_info info;
	colo_error err;
	const spec published = {"okafor2022", NULL, "Deep Sea Ports", "10.1000/ports",
	                        NULL, NULL, "Journal of Ports", 2022, "Miriam",
	                        "Okafor", NULL};
	const spec preprint = {"okafor2020", "article", "Deep sea ports",
	                       "10.48550/arXiv.2001.01234", NULL, NULL, NULL, 2020,
	                       "M.", "Okafor", "arXiv"};

	save(f, "sha256:pub", &published, 1, &st);
	save(f, "sha256:pre", &preprint, 1, &st);
	assert_int_equal(st.works_new, 1);
	assert_int_equal(st.works_versions, 1);
	assert_int_equal(st.links_new, 1);
	memset(&info, 0, sizeof info);
	assert_ok(colo_store_info_get(f->store, &info, &err));
	assert_int_equal(info.works, 2);
	assert_int_equal(info.links, 1);
	colo_store_info_cleanup(&info);
	/* again: the preprint is now found by key; nothing new */
	save(f, "sha256:pre", &preprint, 1, &st);
	assert_int_equal(st.works_new, 0);
	assert_int_equal(st.links_new, 0);
}

/* One work twice in one file (same DOI, two citation keys): the second
 * merges into the first as into a stored work, so the first entry's
 * fields and key stay and the second's differing ones are alternatives
 * (the first is inserted once, already merged). */
static void test_same_doi_in_one_batch(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	colo_store_info info;
	colo_error err;
	colo_work w;
	const spec both[] = {
		{"farley2014", NULL, "Grounded: The Case", "10.1000/X", NULL, NULL,
		 "Review", 2014, "Robert", "Farley", NULL},
		{"otherkey", NULL, "Grounded: the case for reform", "10.1000/x", NULL,
		 "https://example.org/g", "Other Review", 2014, "R.", "Farley", NULL},
	};

	save(f, "sha256:cccc", both, 2, &st);
	assert_int_equal(st.works_new, 1);
	assert_int_equal(st.works_merged, 1);
	get_work(f, "doi:10.1000/x", &w);
	assert_string_equal(w.citekey, "farley2014");
	assert_string_equal(w.title, "Grounded: The Case");
	assert_string_equal(w.container, "Review");
	assert_string_equal(w.url, "https://example.org/g");
	assert_non_null(alt(&w, "title"));
	assert_string_equal(alt(&w, "title")->value, "Grounded: the case for reform");
	assert_string_equal(alt(&w, "title")->source, "sha256:cccc");
	assert_string_equal(alt(&w, "container")->value, "Other Review");
	memset(&info, 0, sizeof info);
	assert_ok(colo_store_info_get(f->store, &info, &err));
	assert_int_equal(info.works, 1);
	colo_store_info_cleanup(&info);
	{
		size_t nalts = w.nalts;

		colo_work_cleanup(&w);
		/* the same file again changes nothing */
		save(f, "sha256:cccc", both, 2, &st);
		assert_int_equal(st.works_new, 0);
		assert_int_equal(st.works_merged, 2);
		get_work(f, "doi:10.1000/x", &w);
		assert_int_equal(w.nalts, nalts);
		assert_string_equal(w.title, "Grounded: The Case");
	}
	colo_work_cleanup(&w);
}

/* New works that want a citation key the store holds, or another new
 * work of the batch wants, take the next free suffixes in batch order. */
static void test_citekey_suffixes_in_batch(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	colo_work w;
	const spec stored = {"same2020", NULL, "First Paper", "10.1000/a", NULL,
	                     NULL, NULL, 2020, "Ann", "Same", NULL};
	const spec batch[] = {
		{"same2020", NULL, "Second Paper", "10.1000/b", NULL, NULL, NULL, 2020,
		 "Ann", "Same", NULL},
		{"same2020", NULL, "Third Paper", "10.1000/c", NULL, NULL, NULL, 2020,
		 "Ann", "Same", NULL},
		{"new2021", NULL, "Fourth Paper", "10.1000/d", NULL, NULL, NULL, 2021,
		 "Ann", "Same", NULL},
		{"new2021", NULL, "Fifth Paper", "10.1000/e", NULL, NULL, NULL, 2021,
		 "Ann", "Same", NULL},
	};
	static const char *const want[][2] = {
		{"doi:10.1000/a", "same2020"},  {"doi:10.1000/b", "same2020a"},
		{"doi:10.1000/c", "same2020b"}, {"doi:10.1000/d", "new2021"},
		{"doi:10.1000/e", "new2021a"},
	};

	save(f, "sha256:one", &stored, 1, &st);
	save(f, "sha256:two", batch, 4, &st);
	assert_int_equal(st.works_new, 4);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		get_work(f, want[i][0], &w);
		assert_string_equal(w.citekey, want[i][1]);
		colo_work_cleanup(&w);
	}
}

/* A citation key the lookup collection does not list (a store an older
 * colophon wrote, being upgraded) but a stored work holds: the insert is
 * refused by the unique index and the work saved under the next key. */
static void test_taken_citekey_found_on_insert(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	colo_error err;
	colo_work w;
	const spec first = {"k2020", NULL, "One Thing", "10.1000/one", NULL, NULL,
	                    NULL, 2020, "Kim", "Lee", NULL};
	const spec second = {"k2020", NULL, "Another Thing", "10.1000/two", NULL,
	                     NULL, NULL, 2020, "Kim", "Lee", NULL};

	save(f, "sha256:one", &first, 1, &st);
	/* the lookup collections gone: citekeys no longer lists k2020 */
	assert_ok(colo_store_bench_downgrade(f->store, &err));
	save(f, "sha256:two", &second, 1, &st);
	assert_int_equal(st.works_new, 1);
	get_work(f, "doi:10.1000/two", &w);
	assert_string_equal(w.citekey, "k2020a");
	colo_work_cleanup(&w);
	get_work(f, "doi:10.1000/one", &w);
	assert_string_equal(w.citekey, "k2020");
	colo_work_cleanup(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_doi_merges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fuzzy_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_preprint_linked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_doi_in_one_batch, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_citekey_suffixes_in_batch, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_taken_citekey_found_on_insert,
		                                setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
