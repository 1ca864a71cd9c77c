/* test_store_enrich.c - the store's side of `colophon enrich` against the
 * real test server: which works lack identifiers (all, a person's, by
 * citation key), recording and reading a match, and a candidate saved
 * under the stored work's key merging into it (its DOI added, no second
 * work).  Each test uses its own database and drops it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/mem.h"
#include "colophon/store.h"
#include "colophon/store_enrich.h"
#include "testsupport.h"

typedef colo_test_db fixture;

static int setup(void **state)
{
	return colo_test_db_setup(state, "store_enrich");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

static void add(colo_batch *b, const char *title, int year, const char *family,
                const char *doi)
{
	long wi = colo_batch_add_work(b);
	colo_work *w = &b->works[wi];
	colo_creator *c;

	w->type = colo_xstrdup("book");
	w->title = colo_xstrdup(title);
	w->year = year;
	w->doi = colo_xstrdup(doi);
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	c->name.given = colo_xstrdup("Robert");
	c->name.family = colo_xstrdup(family);
}

static void save(colo_store *s, colo_batch *b, const char *source)
{
	colo_error err;

	colo_set_str(&b->source.id, source);
	colo_set_str(&b->source.kind, "test");
	colo_batch_add_creator_people(b);
	assert_ok(colo_store_save_batch(s, b, NULL, &err));
}

static void test_select_and_match(void **state)
{
	fixture *fx = *state;
	colo_batch b;
	colo_work_list l;
	colo_error err;
	char *keys[2], *src, *url;
	double score;
	char *farley = NULL;

	colo_batch_init(&b);
	add(&b, "Grounded", 2014, "Farley", NULL);
	add(&b, "The Battleship Book", 2016, "Farley", NULL);
	add(&b, "Convoys and Commerce", 2021, "Ibarra", "10.5555/colo.0003");
	add(&b, "Salt Marsh Warfare", 2012, "Hale", NULL);
	save(fx->store, &b, "sha256:test-store-enrich-1");
	for (size_t i = 0; i < b.npeople; i++)
		if (strcmp(b.people[i].name.family, "Farley") == 0)
			farley = colo_xstrdup(b.people[i].id);
	assert_non_null(farley);

	/* every work without DOI or ISBN, by citation key */
	colo_work_list_init(&l);
	assert_ok(colo_store_enrich_works(fx->store, NULL, NULL, 0, &l, &err));
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0].citekey, "farley2014grounded");
	assert_string_equal(l.items[1].citekey, "farley2016battleship");
	assert_string_equal(l.items[2].citekey, "hale2012salt");
	assert_non_null(l.items[0].key);
	colo_work_list_cleanup(&l);

	/* a person's */
	colo_work_list_init(&l);
	assert_ok(colo_store_enrich_works(fx->store, farley, NULL, 0, &l, &err));
	assert_int_equal(l.n, 2);
	colo_work_list_cleanup(&l);

	/* by key: identified works too (the command reports them) */
	keys[0] = b.works[2].citekey;
	keys[1] = (char *)"nosuchkey";
	colo_work_list_init(&l);
	assert_ok(colo_store_enrich_works(fx->store, NULL, keys, 2, &l, &err));
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].doi, "10.5555/colo.0003");
	colo_work_list_cleanup(&l);

	/* a match: recorded, replaced, read back */
	assert_false(colo_store_get_match(fx->store, b.works[0].id, &src, &url,
	                                  &score, &err));
	assert_int_equal(err.code, COLO_ENOTFOUND);
	assert_ok(colo_store_set_match(fx->store, b.works[0].id, "openlibrary",
	                               "https://x.example/a", 0.9, NULL, &err));
	assert_ok(colo_store_set_match(fx->store, b.works[0].id, "crossref",
	                               "https://x.example/b", 0.97, NULL, &err));
	assert_ok(colo_store_get_match(fx->store, b.works[0].id, &src, &url,
	                               &score, &err));
	assert_string_equal(src, "crossref");
	assert_string_equal(url, "https://x.example/b");
	assert_true(score > 0.969 && score < 0.971);
	free(src);
	free(url);
	assert_false(colo_store_set_match(fx->store, "no such id", "crossref",
	                                  NULL, 1.0, NULL, &err));
	assert_int_equal(err.code, COLO_ENOTFOUND);
	free(farley);
	colo_batch_cleanup(&b);
}

/* What cmd_enrich does with an accepted candidate: the candidate, under
 * the stored work's key, merges into it; the DOI is added and nothing is
 * duplicated.  The work is then keyed by its DOI, so a later import of
 * the DOI lands on it even under another spelling of the title. */
static void test_merge_under_key(void **state)
{
	fixture *fx = *state;
	colo_batch b, c, d;
	colo_save_stats st;
	colo_store_info info;
	colo_work_list l;
	colo_error err;
	char *id;

	colo_batch_init(&b);
	add(&b, "Grounded: The Case for Abolishing the United States Air Force",
	    2014, "Farley", NULL);
	save(fx->store, &b, "sha256:test-store-enrich-2");
	id = colo_xstrdup(b.works[0].id);

	colo_batch_init(&c);
	add(&c, "Grounded: The Case for Abolishing the United States Air Force",
	    2014, "Farley", "10.5555/colo.grounded");
	c.works[0].publisher = colo_xstrdup("University Press of Kentucky");
	c.works[0].key = colo_xstrdup(b.works[0].key);
	colo_set_str(&c.source.id, "sha256:test-store-enrich-3");
	colo_set_str(&c.source.kind, "enrich");
	assert_ok(colo_store_save_batch(fx->store, &c, &st, &err));
	assert_int_equal(st.works_new, 0);
	assert_int_equal(st.works_merged, 1);
	assert_string_equal(c.works[0].id, id);

	colo_work_list_init(&l);
	assert_ok(colo_store_enrich_works(fx->store, NULL, NULL, 0, &l, &err));
	assert_int_equal(l.n, 0);
	colo_work_list_cleanup(&l);
	assert_ok(colo_store_set_match(fx->store, id, "crossref", "https://q",
	                               0.95, "doi:10.5555/colo.grounded", &err));

	/* the DOI, imported on its own with the title split differently,
	 * is the same work (found by key) */
	colo_batch_init(&d);
	add(&d, "Grounded", 2014, "Farley", "10.5555/colo.grounded");
	d.works[0].subtitle = colo_xstrdup("The Case for Abolishing the "
	                                   "United States Air Force, Revised");
	colo_set_str(&d.source.id, "sha256:test-store-enrich-4");
	colo_set_str(&d.source.kind, "doi");
	assert_ok(colo_store_save_batch(fx->store, &d, &st, &err));
	assert_int_equal(st.works_new, 0);
	assert_string_equal(d.works[0].id, id);
	assert_ok(colo_store_info_get(fx->store, &info, &err));
	assert_int_equal(info.works, 1);
	colo_store_info_cleanup(&info);

	/* a key another work holds is refused, and nothing changes */
	colo_batch_cleanup(&b);
	colo_batch_init(&b);
	add(&b, "Salt Marsh Warfare", 2012, "Farley", "10.5555/colo.salt");
	save(fx->store, &b, "sha256:test-store-enrich-5");
	assert_false(colo_store_set_match(fx->store, id, "crossref", "https://q",
	                                  0.9, "doi:10.5555/colo.salt", &err));
	assert_int_equal(err.code, COLO_EDB);
	assert_non_null(strstr(err.message, "another work already has key "
	                                    "'doi:10.5555/colo.salt'"));
	free(id);
	colo_batch_cleanup(&d);
	colo_batch_cleanup(&c);
	colo_batch_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_select_and_match, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_merge_under_key, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
