/* test_store.c - the store against the real test server (FerretDB or
 * mongod, started by tests/support/testdb.sh).
 *
 * Each test opens its own database (colophon_test_store_<pid>_<n>) and
 * drops it afterwards.  Covers: init is idempotent, saving a batch twice
 * changes nothing, name queries, works newest first, and what an
 * unreachable server looks like. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "colophon/hash.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/store.h"
#include "testsupport.h"

/* Asserts a store call succeeded, printing its error when it did not
 * (expects a colo_error named err in scope). */
/* Each test runs on its own database on the test server, dropped after. */
typedef colo_test_db fixture;

static int setup(void **state)
{
	return colo_test_db_setup(state, "store");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

static void set_name(colo_name *n, const char *given, const char *family)
{
	colo_set_str(&n->given, given);
	colo_set_str(&n->family, family);
}

/* One person, two books by him, two venues, and links between them. */
static void make_batch(colo_batch *b)
{
	static const char text[] = "Robert Farley is the author of Grounded "
	                           "and The Battleship Book.";
	char id[COLO_SOURCE_ID_LEN];
	colo_person *p;
	colo_work *w;
	colo_venue *v;
	colo_creator *c;
	colo_degree *d;
	colo_affiliation *a;
	colo_role *r;
	long ip, iw1, iw2, iv1, iv2;

	colo_batch_init(b);
	colo_source_id(text, sizeof text - 1, id);
	colo_set_str(&b->source.id, id);
	colo_set_str(&b->source.kind, "bio");
	colo_set_str(&b->source.origin, "test_store.c");
	colo_set_str(&b->source.importer, "colophon-test 0");
	b->source.size = sizeof text - 1;

	iv1 = colo_batch_add_venue(b);
	v = &b->venues[iv1];
	colo_set_str(&v->name, "The Diplomat");
	colo_set_str(&v->kind, "magazine");
	colo_venue_add_alias(v, "Diplomat");
	v->span = (colo_span){0, 5};
	iv2 = colo_batch_add_venue(b);
	v = &b->venues[iv2];
	colo_set_str(&v->name, "Lawyers, Guns and Money");
	colo_set_str(&v->kind, "blog");

	ip = colo_batch_add_person(b);
	p = &b->people[ip];
	set_name(&p->name, "Robert", "Farley");
	colo_set_str(&p->honorific, "Dr.");
	colo_person_add_variant(p, "Rob Farley");
	p->span = (colo_span){0, 13};
	d = colo_person_add_degree(p);
	colo_set_str(&d->degree, "Ph.D.");
	colo_set_str(&d->degree_norm, "PhD");
	colo_set_str(&d->field, "Political Science");
	colo_set_str(&d->institution, "University of Washington");
	d->year = 2004;
	d->span = (colo_span){20, 30};
	a = colo_person_add_affiliation(p);
	colo_set_str(&a->org, "University of Kentucky");
	colo_set_str(&a->role, "senior lecturer");
	a->current = true;
	r = colo_person_add_role(p);
	colo_set_str(&r->role, "founder");
	colo_set_str(&r->org, "Lawyers, Guns and Money");
	r->venue = iv2;

	iw1 = colo_batch_add_work(b);
	w = &b->works[iw1];
	colo_set_str(&w->type, "book");
	colo_set_str(&w->title, "Grounded");
	colo_set_str(&w->subtitle, "The Case for Abolishing the United States Air Force");
	colo_set_str(&w->isbn, "978-0-8131-4495-2");
	colo_set_str(&w->publisher, "University Press of Kentucky");
	w->year = 2014;
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	set_name(&c->name, "Robert", "Farley");
	c->person = ip;
	w->span = (colo_span){31, 39};

	iw2 = colo_batch_add_work(b);
	w = &b->works[iw2];
	colo_set_str(&w->type, "book");
	colo_set_str(&w->title, "The Battleship Book");
	w->year = 2016;
	w->month = 6;
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	set_name(&c->name, "Robert", "Farley");
	c->person = ip;

	colo_batch_add_link(b, COLO_KIND_PERSON, ip, COLO_KIND_VENUE, iv1,
	                    "writes-for");
	colo_batch_add_link(b, COLO_KIND_PERSON, ip, COLO_KIND_VENUE, iv2,
	                    "founded");
	b->links[b->nlinks - 1].span = (colo_span){0, 13};
}

static void check_counts(colo_store *s, long long people, long long works,
                         long long venues, long long links, long long sources)
{
	colo_store_info info;
	colo_error err;

	colo_error_clear(&err);
	assert_ok(colo_store_info_get(s, &info, &err));
	assert_int_equal(info.people, people);
	assert_int_equal(info.works, works);
	assert_int_equal(info.venues, venues);
	assert_int_equal(info.links, links);
	assert_int_equal(info.sources, sources);
	assert_int_equal(info.schema_version, 3);
	assert_non_null(info.backend);
	assert_non_null(info.server_version);
	colo_store_info_cleanup(&info);
}

static void test_init_idempotent(void **state)
{
	fixture *f = *state;
	colo_error err;

	colo_error_clear(&err);
	assert_ok(colo_store_init(f->store, &err));
	assert_ok(colo_store_init(f->store, &err));
	check_counts(f->store, 0, 0, 0, 0, 0);
}

/* The unique index on works.key must refuse a second work with the same
 * key, whatever the store does; a duplicate shows the index exists. */
static void test_unique_indexes(void **state)
{
	fixture *f = *state;
	colo_batch b;
	colo_save_stats st;
	colo_error err;
	char *first_citekey;

	colo_error_clear(&err);
	make_batch(&b);
	assert_ok(colo_store_save_batch(f->store, &b, &st, &err));
	first_citekey = colo_xstrdup(b.works[0].citekey);
	colo_batch_cleanup(&b);

	/* A different work whose default citation key collides gets a
	 * suffix. */
	colo_batch_init(&b);
	{
		long iw = colo_batch_add_work(&b);
		colo_work *w = &b.works[iw];
		colo_creator *c;

		colo_set_str(&w->type, "article-magazine");
		colo_set_str(&w->title, "Grounded again");
		colo_set_str(&w->citekey, first_citekey);
		w->year = 2014;
		c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
		set_name(&c->name, "Robert", "Farley");
	}
	assert_ok(colo_store_save_batch(f->store, &b, &st, &err));
	assert_int_equal(st.works_new, 1);
	assert_non_null(b.works[0].citekey);
	assert_string_not_equal(b.works[0].citekey, first_citekey);
	assert_int_equal(strncmp(b.works[0].citekey, first_citekey,
	                         strlen(first_citekey)),
	                 0);
	/* The creator was linked to the stored person by name key. */
	assert_non_null(b.works[0].creators[0].person_id);
	colo_batch_cleanup(&b);
	free(first_citekey);
}

static void test_save_twice(void **state)
{
	fixture *f = *state;
	colo_batch b;
	colo_save_stats st;
	colo_error err;
	char *ids[5];

	colo_error_clear(&err);
	make_batch(&b);
	assert_ok(colo_store_save_batch(f->store, &b, &st, &err));
	assert_int_equal(st.people_new, 1);
	assert_int_equal(st.works_new, 2);
	assert_int_equal(st.venues_new, 2);
	assert_int_equal(st.links_new, 2);
	assert_int_equal(st.people_merged + st.works_merged + st.venues_merged +
	                     st.links_merged,
	                 0);
	assert_true(st.source_new);
	assert_non_null(b.people[0].id);
	assert_non_null(b.works[0].citekey);
	assert_non_null(b.works[1].citekey);
	assert_string_not_equal(b.works[0].citekey, b.works[1].citekey);
	ids[0] = colo_xstrdup(b.people[0].id);
	ids[1] = colo_xstrdup(b.works[0].id);
	ids[2] = colo_xstrdup(b.works[1].id);
	ids[3] = colo_xstrdup(b.works[0].citekey);
	ids[4] = colo_xstrdup(b.venues[0].id);
	colo_batch_cleanup(&b);
	check_counts(f->store, 1, 2, 2, 2, 1);

	make_batch(&b);
	assert_ok(colo_store_save_batch(f->store, &b, &st, &err));
	assert_int_equal(st.people_new + st.works_new + st.venues_new + st.links_new,
	                 0);
	assert_int_equal(st.people_merged, 1);
	assert_int_equal(st.works_merged, 2);
	assert_int_equal(st.venues_merged, 2);
	assert_int_equal(st.links_merged, 2);
	assert_false(st.source_new);
	assert_string_equal(b.people[0].id, ids[0]);
	assert_string_equal(b.works[0].id, ids[1]);
	assert_string_equal(b.works[1].id, ids[2]);
	assert_string_equal(b.works[0].citekey, ids[3]);
	assert_string_equal(b.venues[0].id, ids[4]);
	colo_batch_cleanup(&b);
	check_counts(f->store, 1, 2, 2, 2, 1);

	/* Nothing was duplicated inside the documents either. */
	{
		colo_name q;
		colo_person_list l;

		colo_name_init(&q);
		colo_person_list_init(&l);
		set_name(&q, NULL, "Farley");
		assert_ok(colo_store_find_people(f->store, &q, &l, &err));
		assert_int_equal(l.n, 1);
		assert_int_equal(l.items[0].ndegrees, 1);
		assert_int_equal(l.items[0].naffiliations, 1);
		assert_int_equal(l.items[0].nroles, 1);
		assert_int_equal(l.items[0].nvariants, 1);
		assert_string_equal(l.items[0].degrees[0].degree_norm, "PhD");
		assert_int_equal(l.items[0].degrees[0].year, 2004);
		assert_true(l.items[0].affiliations[0].current);
		colo_person_list_cleanup(&l);
		colo_name_cleanup(&q);
	}
	for (int i = 0; i < 5; i++)
		free(ids[i]);
}

static size_t find_count(colo_store *s, const char *text)
{
	colo_name q;
	colo_person_list l;
	colo_error err;
	size_t n;

	colo_error_clear(&err);
	colo_name_init(&q);
	colo_person_list_init(&l);
	colo_name_parse(text, strlen(text), &q);
	assert_ok(colo_store_find_people(s, &q, &l, &err));
	n = l.n;
	if (n)
		assert_string_equal(l.items[0].name.family, "Farley");
	colo_person_list_cleanup(&l);
	colo_name_cleanup(&q);
	return n;
}

static void test_find_people(void **state)
{
	fixture *f = *state;
	colo_batch b;
	colo_error err;

	colo_error_clear(&err);
	make_batch(&b);
	assert_ok(colo_store_save_batch(f->store, &b, NULL, &err));
	colo_batch_cleanup(&b);

	assert_int_equal(find_count(f->store, "Farley"), 1);
	assert_int_equal(find_count(f->store, "farley"), 1);
	assert_int_equal(find_count(f->store, "R. Farley"), 1);
	assert_int_equal(find_count(f->store, "Farley, Robert"), 1);
	assert_int_equal(find_count(f->store, "Robert Farley"), 1);
	assert_int_equal(find_count(f->store, "Jane Farley"), 0);
	assert_int_equal(find_count(f->store, "Robert Smith"), 0);
}

static void test_works_by_person(void **state)
{
	fixture *f = *state;
	colo_batch b;
	colo_work_list l;
	colo_error err;
	char *pid;

	colo_error_clear(&err);
	make_batch(&b);
	assert_ok(colo_store_save_batch(f->store, &b, NULL, &err));
	pid = colo_xstrdup(b.people[0].id);
	colo_batch_cleanup(&b);

	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_person(f->store, pid, &l, &err));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].title, "The Battleship Book");
	assert_int_equal(l.items[0].year, 2016);
	assert_int_equal(l.items[0].month, 6);
	assert_string_equal(l.items[1].title, "Grounded");
	assert_int_equal(l.items[1].year, 2014);
	assert_int_equal(l.items[1].month, 0);
	assert_non_null(l.items[1].isbn);
	assert_non_null(l.items[1].citekey);
	assert_int_equal(l.items[1].ncreators, 1);
	assert_string_equal(l.items[1].creators[0].name.family, "Farley");
	assert_string_equal(l.items[1].creators[0].person_id, pid);
	assert_int_equal(l.items[1].creators[0].role, COLO_ROLE_AUTHOR);
	colo_work_list_cleanup(&l);

	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_person(f->store, "name:nobody|", &l, &err));
	assert_int_equal(l.n, 0);
	colo_work_list_cleanup(&l);
	free(pid);
}

static void test_info(void **state)
{
	fixture *f = *state;
	colo_store_info info;
	colo_error err;

	colo_error_clear(&err);
	assert_ok(colo_store_info_get(f->store, &info, &err));
	assert_true(strcmp(info.backend, "FerretDB") == 0 ||
	            strcmp(info.backend, "MongoDB") == 0);
	assert_string_equal(info.database, f->dbname);
	colo_store_info_cleanup(&info);
}

static void test_unreachable(void **state)
{
	colo_store *s = NULL;
	colo_error err;
	time_t t0 = time(NULL);

	colo_error_clear(&err);
	assert_false(colo_store_open(
		"mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=1000", &s, &err));
	assert_null(s);
	assert_int_equal(err.code, COLO_EDB);
	assert_true(time(NULL) - t0 <= 10);
	assert_non_null(strstr(err.message, "cannot reach the database at "));
}

static void test_password_masked(void **state)
{
	colo_store *s = NULL;
	colo_error err;
	time_t t0 = time(NULL);

	colo_error_clear(&err);
	assert_false(colo_store_open("mongodb://alice:hunter2secret@127.0.0.1:1/"
	                             "colophon?serverSelectionTimeoutMS=1000",
	                             &s, &err));
	assert_int_equal(err.code, COLO_EDB);
	assert_true(time(NULL) - t0 <= 10);
	assert_null(strstr(err.message, "hunter2secret"));
	assert_non_null(strstr(err.message, "alice:****@127.0.0.1:1"));

	colo_error_clear(&err);
	assert_false(colo_store_open("mongodb://alice:hunter2secret@", &s, &err));
	assert_int_equal(err.code, COLO_EDB);
	assert_null(strstr(err.message, "hunter2secret"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unique_indexes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_people, setup, teardown),
		cmocka_unit_test_setup_teardown(test_works_by_person, setup, teardown),
		cmocka_unit_test_setup_teardown(test_info, setup, teardown),
		cmocka_unit_test(test_unreachable),
		cmocka_unit_test(test_password_masked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
