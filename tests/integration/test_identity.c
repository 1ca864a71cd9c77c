/* test_identity.c - finding a stored record under the other kind of key,
 * against the real test server (schema 3).
 *
 * A work keyed by its title that gained a DOI or ISBN by a merge is found
 * by that DOI or ISBN later (a different DOI or ISBN still vetoes); a
 * person is one person whether the ORCID or the name came first (a name
 * finds a person only when exactly one stored person has it and no other
 * ORCID); a merge keeps the people a stored work's creators point at, and
 * leaves no person behind that was made only for the merged creators; a
 * database schema 2 left is backfilled when opened.  Each test opens its
 * own database and drops it afterwards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
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

typedef colo_test_db fixture;

static int setup(void **state)
{
	return colo_test_db_setup(state, "identity");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

typedef struct wspec {
	const char *title, *doi, *isbn;
	int year;
	const char *given, *family;
} wspec;

static void make_work(colo_batch *b, const char *source, const wspec *s)
{
	long wi;
	colo_work *w;

	colo_batch_init(b);
	colo_set_str(&b->source.id, source);
	colo_set_str(&b->source.kind, "bibtex");
	colo_set_str(&b->source.origin, "test.bib");
	wi = colo_batch_add_work(b);
	w = &b->works[wi];
	colo_set_str(&w->type, "book");
	colo_set_str(&w->title, s->title);
	colo_set_str(&w->doi, s->doi);
	colo_set_str(&w->isbn, s->isbn);
	w->year = s->year;
	if (s->family) {
		colo_creator *c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);

		colo_set_str(&c->name.given, s->given);
		colo_set_str(&c->name.family, s->family);
	}
	w->span.end = 10;
}

/* Saves one work; returns its id (caller frees). */
static char *save_work(fixture *f, const char *source, const wspec *s,
                       colo_save_stats *st)
{
	colo_batch b;
	colo_error err;
	char *id;

	make_work(&b, source, s);
	colo_batch_add_creator_people(&b);
	assert_ok(colo_store_save_batch(f->store, &b, st, &err));
	id = colo_xstrdup(b.works[0].id);
	colo_batch_cleanup(&b);
	return id;
}

static void counts(fixture *f, long long *people, long long *works)
{
	colo_store_info info;
	colo_error err;

	assert_ok(colo_store_info_get(f->store, &info, &err));
	*people = info.people;
	*works = info.works;
	colo_store_info_cleanup(&info);
}

static void test_isbn_gained_by_merge(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	long long np, nw;
	const wspec plain = {"Grounded", NULL, NULL, 2014, "Robert", "Farley"};
	const wspec with_isbn = {"Grounded", NULL, "9781555500016", 2014, "Robert",
	                         "Farley"};
	const wspec later = {"Grounded: The Case for Reform", NULL,
	                     "978-1-55550-001-6", 2014, "Robert", "Farley"};
	char *a, *b, *c;

	a = save_work(f, "sha256:a1", &plain, &st);
	assert_string_equal(a, "t:grounded|2014|farley");
	b = save_work(f, "sha256:a2", &with_isbn, &st);
	assert_string_equal(b, a); /* merged by title: gains the ISBN */
	/* another title, the ISBN hyphenated: found by the ISBN */
	c = save_work(f, "sha256:a3", &later, &st);
	assert_string_equal(c, a);
	assert_int_equal(st.works_new, 0);
	assert_int_equal(st.works_duplicates, 1);
	counts(f, &np, &nw);
	assert_int_equal(nw, 1);
	free(a);
	free(b);
	free(c);
}

static void test_doi_gained_by_merge_and_veto(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	long long np, nw;
	const wspec plain = {"Grounded", NULL, NULL, 2014, "Robert", "Farley"};
	const wspec ids = {"Grounded", "10.1000/Grounded", "9781555500016", 2014,
	                   "Robert", "Farley"};
	const wspec by_doi = {"A Different Title Entirely", "10.1000/GROUNDED",
	                      NULL, 2015, "R.", "Farley"};
	const wspec other_doi = {"Grounded Again", "10.1000/other",
	                         "9781555500016", 2014, "Robert", "Farley"};
	colo_work_match *m = NULL;
	colo_batch b;
	colo_error err;
	char *a, *x, *y;

	a = save_work(f, "sha256:b1", &plain, &st);
	x = save_work(f, "sha256:b2", &ids, &st);
	assert_string_equal(x, a);
	free(x);
	/* the DOI in another case, another title and year: the same work */
	make_work(&b, "sha256:b3", &by_doi);
	assert_ok(colo_store_match_works(f->store, &b, &m, &err));
	assert_int_equal(m[0].kind, COLO_MATCH_DUPLICATE);
	assert_string_equal(m[0].id, a);
	colo_work_matches_free(m, 1);
	colo_batch_cleanup(&b);
	x = save_work(f, "sha256:b3", &by_doi, &st);
	assert_string_equal(x, a);
	free(x);
	/* the same ISBN with a different DOI: another work */
	y = save_work(f, "sha256:b4", &other_doi, &st);
	assert_string_not_equal(y, a);
	assert_int_equal(st.works_new, 1);
	counts(f, &np, &nw);
	assert_int_equal(nw, 2);
	free(y);
	free(a);
}

/* A batch of one person: the ORCID (may be NULL) and the name. */
static char *save_person(fixture *f, const char *source, const char *orcid,
                         const char *given, const char *family,
                         colo_save_stats *st)
{
	colo_batch b;
	colo_error err;
	long pi;
	char *id;

	colo_batch_init(&b);
	colo_set_str(&b.source.id, source);
	colo_set_str(&b.source.kind, "bio");
	colo_set_str(&b.source.origin, "bio.txt");
	pi = colo_batch_add_person(&b);
	colo_set_str(&b.people[pi].orcid, orcid);
	colo_set_str(&b.people[pi].name.given, given);
	colo_set_str(&b.people[pi].name.family, family);
	b.people[pi].span.end = 5;
	assert_ok(colo_store_save_batch(f->store, &b, st, &err));
	id = colo_xstrdup(b.people[pi].id);
	colo_batch_cleanup(&b);
	return id;
}

static void test_person_orcid_first(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	long long np, nw;
	char *a, *b;

	a = save_person(f, "sha256:c1", "0000-0002-1825-0097", "Josiah",
	                "Carberry", &st);
	b = save_person(f, "sha256:c2", NULL, "Josiah", "Carberry", &st);
	assert_string_equal(b, a);
	assert_int_equal(st.people_new, 0);
	assert_int_equal(st.people_merged, 1);
	counts(f, &np, &nw);
	assert_int_equal(np, 1);
	free(a);
	free(b);
}

static void test_person_name_first(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	long long np, nw;
	char *a, *b, *c, *d;

	a = save_person(f, "sha256:d1", NULL, "Josiah", "Carberry", &st);
	b = save_person(f, "sha256:d2", "0000-0002-1825-0097", "Josiah",
	                "Carberry", &st);
	assert_string_equal(b, a);
	/* the ORCID is stored now: found by it again, and by the name */
	c = save_person(f, "sha256:d3", "0000-0002-1825-0097", "Josiah",
	                "Carberry", &st);
	assert_string_equal(c, a);
	free(c);
	c = save_person(f, "sha256:d4", NULL, "Josiah", "Carberry", &st);
	assert_string_equal(c, a);
	/* another ORCID with the same name is another researcher */
	d = save_person(f, "sha256:d5", "0000-0001-5109-3700", "Josiah",
	                "Carberry", &st);
	assert_string_not_equal(d, a);
	assert_int_equal(st.people_new, 1);
	free(d);
	free(c);
	/* the name alone is still the first person's own key */
	c = save_person(f, "sha256:d6", NULL, "Josiah", "Carberry", &st);
	assert_string_equal(c, a);
	free(c);
	counts(f, &np, &nw);
	assert_int_equal(np, 2);
	free(a);
	free(b);
}

static void test_orcid_namesakes(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	long long np, nw;
	char *a, *b, *c;

	a = save_person(f, "sha256:e1", "0000-0002-1825-0097", "Ann", "Lee", &st);
	b = save_person(f, "sha256:e2", "0000-0001-5109-3700", "Ann", "Lee", &st);
	assert_string_not_equal(a, b);
	/* two stored Ann Lees: the name alone cannot tell which */
	c = save_person(f, "sha256:e3", NULL, "Ann", "Lee", &st);
	assert_string_not_equal(c, a);
	assert_string_not_equal(c, b);
	counts(f, &np, &nw);
	assert_int_equal(np, 3);
	free(a);
	free(b);
	free(c);
}

/* `import refs --author "Robert Farley"`: the reference's creator "R.
 * Farley" points at the person given on the command line. */
static void save_authored(fixture *f, const char *source, bool author,
                          colo_save_stats *st)
{
	const wspec s = {"Grounded", "10.1000/g", NULL, 2014, "R.", "Farley"};
	colo_batch b;
	colo_error err;

	make_work(&b, source, &s);
	if (author) {
		long pi = colo_batch_add_person(&b);

		colo_set_str(&b.people[pi].name.given, "Robert");
		colo_set_str(&b.people[pi].name.family, "Farley");
		b.works[0].creators[0].person = pi;
	}
	colo_batch_add_creator_people(&b);
	assert_ok(colo_store_save_batch(f->store, &b, st, &err));
	colo_batch_cleanup(&b);
}

static void test_merge_keeps_creator_people(void **state)
{
	fixture *f = *state;
	colo_save_stats st;
	colo_person_list found;
	colo_work_list works;
	colo_name q;
	colo_error err;
	long long np, nw;
	char *robert;

	save_authored(f, "sha256:f1", true, &st);
	assert_int_equal(st.people_new, 1);
	colo_name_init(&q);
	colo_set_str(&q.given, "Robert");
	colo_set_str(&q.family, "Farley");
	colo_person_list_init(&found);
	assert_ok(colo_store_find_people(f->store, &q, &found, &err));
	assert_int_equal(found.n, 1);
	robert = colo_xstrdup(found.items[0].id);
	colo_person_list_cleanup(&found);
	colo_name_cleanup(&q);

	save_authored(f, "sha256:f2", false, &st);
	assert_int_equal(st.works_new, 0);
	/* the work is still Robert Farley's */
	colo_work_list_init(&works);
	assert_ok(colo_store_works_by_person(f->store, robert, &works, &err));
	assert_int_equal(works.n, 1);
	colo_work_list_cleanup(&works);
	assert_int_equal(st.people_new, 0);
	counts(f, &np, &nw);
	assert_int_equal(np, 1); /* no "R. Farley" left with no works */
	assert_int_equal(nw, 1);
	free(robert);
}

/* A database schema 2 wrote: people keyed by ORCID without `name_key`,
 * works keyed by title with an ISBN but no `isbn13`. */
static void test_upgrade_backfills(void **state)
{
	fixture *f = *state;
	colo_person p;
	colo_work w;
	colo_save_stats st;
	colo_error err;
	long long np, nw;
	const wspec later = {"Grounded: The Case for Reform", NULL,
	                     "1-55550-001-X", 2014, "Robert", "Farley"};
	char *id;

	memset(&p, 0, sizeof p);
	colo_set_str(&p.key, "orcid:0000000218250097");
	colo_set_str(&p.orcid, "0000-0002-1825-0097");
	colo_set_str(&p.name.given, "Josiah");
	colo_set_str(&p.name.family, "Carberry");
	colo_work_init(&w);
	colo_set_str(&w.key, "t:grounded|2014|farley");
	colo_set_str(&w.citekey, "farley2014grounded");
	colo_set_str(&w.title, "Grounded");
	colo_set_str(&w.isbn, "9781555500016");
	w.year = 2014;
	colo_set_str(&colo_work_add_creator(&w, COLO_ROLE_AUTHOR)->name.family,
	             "Farley");
	assert_ok(colo_store_bench_insert_people(f->store, &p, 1, &err));
	assert_ok(colo_store_bench_insert_works(f->store, &w, 1, &err));
	colo_person_cleanup(&p);
	colo_work_cleanup(&w);
	assert_ok(colo_store_bench_downgrade(f->store, &err));
	colo_store_destroy(f->store);
	f->store = NULL;
	assert_ok(colo_store_open(f->uri, &f->store, &err));

	id = save_person(f, "sha256:g1", NULL, "Josiah", "Carberry", &st);
	assert_string_equal(id, "orcid:0000000218250097");
	free(id);
	id = save_work(f, "sha256:g2", &later, &st);
	assert_string_equal(id, "t:grounded|2014|farley");
	free(id);
	counts(f, &np, &nw);
	assert_int_equal(nw, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_isbn_gained_by_merge, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_doi_gained_by_merge_and_veto,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_person_orcid_first, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_person_name_first, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_orcid_namesakes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_keeps_creator_people, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_backfills, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
