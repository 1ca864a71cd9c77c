/* test_store_ids.c - the `ids` collection against the real test server:
 * external ids mapped to works, references kept and linked as `cites`
 * whichever end is stored first, every call repeatable without new
 * writes, self-references ignored, lookups of unknown ids; and the stored
 * person an ORCID import merges into.  Each test uses its own database
 * and drops it. */
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
#include "colophon/store_ids.h"
#include "colophon/store_links.h"
#include "testsupport.h"

typedef colo_test_db fixture;

static int setup(void **state)
{
	return colo_test_db_setup(state, "store_ids");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

/* Saves works with these titles (one author) and copies their ids. */
static void save_works(colo_store *s, const char *const *titles, size_t n,
                       char **ids)
{
	colo_batch b;
	colo_error err;

	colo_batch_init(&b);
	for (size_t i = 0; i < n; i++) {
		long wi = colo_batch_add_work(&b);
		colo_work *w = &b.works[wi];
		colo_creator *c;

		w->type = colo_xstrdup("article-journal");
		w->title = colo_xstrdup(titles[i]);
		w->year = 2000 + (int)i;
		c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
		c->name.given = colo_xstrdup("Ingrid");
		c->name.family = colo_xstrdup("Halvorsen");
	}
	colo_set_str(&b.source.id, "sha256:test-store-ids");
	colo_set_str(&b.source.kind, "test");
	assert_ok(colo_store_save_batch(s, &b, NULL, &err));
	for (size_t i = 0; i < n; i++)
		ids[i] = colo_xstrdup(b.works[i].id);
	colo_batch_cleanup(&b);
}

static size_t count_cites(colo_store *s, const char *id, bool cited_by,
                          const char *title)
{
	colo_cite_list l;
	colo_error err;
	size_t n = 0;

	colo_cite_list_init(&l);
	assert_ok(colo_store_cites(s, id, cited_by, &l, &err));
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.items[i].work.title, title) == 0) {
			assert_string_equal(l.items[i].relation, "cites");
			assert_true(l.items[i].confidence == 1.0);
			n++;
		}
	colo_cite_list_cleanup(&l);
	return n;
}

/* The citing work is stored first; the cited one arrives later. */
static void test_cited_work_later(void **state)
{
	fixture *f = *state;
	static const char *const titles[] = {"Ballast and Bread", "Tar and Timber"};
	char *ids[2];
	colo_ids_stats st;
	colo_error err;
	colo_ext_id a = {"openalex:W101", NULL}, c = {"openalex:W901", NULL};
	colo_ext_cite ref = {NULL, "openalex:W901", 10, 40};
	const char *const keys[] = {"openalex:W101", "openalex:W901", "openalex:W0"};
	char *found[3];

	save_works(f->store, titles, 2, ids);
	a.work = ids[0];
	c.work = ids[1];
	ref.from = ids[0];

	memset(&st, 0, sizeof st);
	assert_ok(colo_store_ids_put(f->store, &a, 1, &st, &err));
	assert_ok(colo_store_ids_cite(f->store, &ref, 1, "sha256:src1", &st, &err));
	assert_int_equal(st.ids_new, 1);
	assert_int_equal(st.pending, 1);
	assert_int_equal(st.links_new, 0);
	assert_int_equal(count_cites(f->store, ids[0], false, "Tar and Timber"), 0);

	/* The cited work is mapped: the kept reference becomes a link. */
	memset(&st, 0, sizeof st);
	assert_ok(colo_store_ids_put(f->store, &c, 1, &st, &err));
	assert_int_equal(st.links_new, 1);
	assert_int_equal(count_cites(f->store, ids[0], false, "Tar and Timber"), 1);
	assert_int_equal(count_cites(f->store, ids[1], true, "Ballast and Bread"), 1);

	/* Everything again: nothing new. */
	memset(&st, 0, sizeof st);
	assert_ok(colo_store_ids_put(f->store, &a, 1, &st, &err));
	assert_ok(colo_store_ids_put(f->store, &c, 1, &st, &err));
	assert_ok(colo_store_ids_cite(f->store, &ref, 1, "sha256:src1", &st, &err));
	assert_int_equal(st.ids_new, 0);
	assert_int_equal(st.ids_merged, 2);
	assert_int_equal(st.links_new, 0);
	assert_int_equal(st.links_merged, 2);
	assert_int_equal(st.pending, 0);
	assert_int_equal(count_cites(f->store, ids[0], false, "Tar and Timber"), 1);

	assert_ok(colo_store_ids_lookup(f->store, keys, 3, found, &err));
	assert_string_equal(found[0], ids[0]);
	assert_string_equal(found[1], ids[1]);
	assert_null(found[2]);
	for (int i = 0; i < 3; i++)
		free(found[i]);
	free(ids[0]);
	free(ids[1]);
}

/* The cited work is stored first: the reference links at once; a work
 * citing itself is not linked. */
static void test_cited_work_first(void **state)
{
	fixture *f = *state;
	static const char *const titles[] = {"Harbour Ledgers", "Salt Routes"};
	char *ids[2];
	colo_ids_stats st;
	colo_error err;
	colo_ext_id map[2] = {{"openalex:W102", NULL}, {"openalex:W103", NULL}};
	colo_ext_cite refs[2] = {{NULL, "openalex:W103", 0, 0},
	                         {NULL, "openalex:W102", 0, 0}};

	save_works(f->store, titles, 2, ids);
	map[0].work = ids[0];
	map[1].work = ids[1];
	refs[0].from = ids[0]; /* Harbour Ledgers cites Salt Routes */
	refs[1].from = ids[0]; /* and itself */

	memset(&st, 0, sizeof st);
	assert_ok(colo_store_ids_put(f->store, map, 2, &st, &err));
	assert_int_equal(st.ids_new, 2);
	assert_ok(colo_store_ids_cite(f->store, refs, 2, "sha256:src2", &st, &err));
	assert_int_equal(st.links_new, 1);
	assert_int_equal(st.pending, 0);
	assert_int_equal(count_cites(f->store, ids[0], false, "Salt Routes"), 1);
	assert_int_equal(count_cites(f->store, ids[0], false, "Harbour Ledgers"), 0);
	/* Mapping again re-reads the kept references: no new link, no self
	 * link. */
	memset(&st, 0, sizeof st);
	assert_ok(colo_store_ids_put(f->store, map, 2, &st, &err));
	assert_int_equal(st.links_new, 0);
	assert_int_equal(count_cites(f->store, ids[0], false, "Harbour Ledgers"), 0);
	free(ids[0]);
	free(ids[1]);
}

static void save_person(colo_store *s, const char *given, const char *family,
                        const char *orcid)
{
	colo_batch b;
	colo_error err;
	long pi;

	colo_batch_init(&b);
	pi = colo_batch_add_person(&b);
	b.people[pi].name.given = colo_xstrdup(given);
	b.people[pi].name.family = colo_xstrdup(family);
	if (orcid)
		b.people[pi].orcid = colo_xstrdup(orcid);
	assert_ok(colo_store_save_batch(s, &b, NULL, &err));
	colo_batch_cleanup(&b);
}

static char *key_for(colo_store *s, const char *given, const char *family,
                     const char *orcid)
{
	colo_person p;
	colo_error err;
	char *key = NULL;

	memset(&p, 0, sizeof p);
	p.name.given = (char *)given;
	p.name.family = (char *)family;
	p.orcid = (char *)orcid;
	assert_ok(colo_store_ids_person_key(s, &p, &key, &err));
	return key;
}

static void test_person_key(void **state)
{
	fixture *f = *state;
	char *key;

	/* Nobody stored yet: a new person. */
	assert_null(key_for(f->store, "Ingrid", "Halvorsen", "0000-0003-1234-5674"));

	/* Stored by name (a bio, say): the ORCID import lands on it. */
	save_person(f->store, "Ingrid", "Halvorsen", NULL);
	key = key_for(f->store, "Ingrid", "Halvorsen", "0000-0003-1234-5674");
	assert_non_null(key);
	assert_string_equal(key, "name:halvorsen|ingrid");
	free(key);

	/* Stored with its ORCID, under whatever name: found by the ORCID. */
	save_person(f->store, "Tomas", "Lindqvist", "0000-0002-1825-0097");
	key = key_for(f->store, "T.", "Lindqvist-Berg", "0000-0002-1825-0097");
	assert_non_null(key);
	assert_string_equal(key, "orcid:0000000218250097");
	free(key);

	/* The same name with another ORCID is someone else. */
	save_person(f->store, "Kari", "Dahl", "0000-0001-5109-3700");
	assert_null(key_for(f->store, "Kari", "Dahl", "0000-0002-1694-233X"));
}

/* A person first stored by name (a bio), then imported with an ORCID:
 * one record, which now carries the ORCID; a second ORCID import finds it
 * by the ORCID. */
static void test_orcid_after_name(void **state)
{
	fixture *f = *state;
	colo_batch b;
	colo_error err;
	colo_person_list found;
	colo_name q;
	colo_save_stats st;
	char *key;

	save_person(f->store, "Ingrid", "Halvorsen", NULL);
	for (int round = 0; round < 2; round++) {
		colo_batch_init(&b);
		colo_batch_add_person(&b);
		b.people[0].name.given = colo_xstrdup("Ingrid");
		b.people[0].name.family = colo_xstrdup("Halvorsen");
		b.people[0].orcid = colo_xstrdup("0000-0003-1234-5674");
		assert_ok(colo_store_ids_person_key(f->store, &b.people[0], &key, &err));
		assert_non_null(key);
		b.people[0].key = key;
		assert_ok(colo_store_save_batch(f->store, &b, &st, &err));
		assert_int_equal(st.people_new, 0);
		assert_int_equal(st.people_merged, 1);
		colo_batch_cleanup(&b);
	}
	colo_person_list_init(&found);
	colo_name_init(&q);
	q.family = "Halvorsen";
	assert_ok(colo_store_find_people(f->store, &q, &found, &err));
	assert_int_equal(found.n, 1);
	assert_string_equal(found.items[0].orcid, "0000-0003-1234-5674");
	colo_person_list_cleanup(&found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cited_work_later, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cited_work_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_person_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_orcid_after_name, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
