/* test_authors.c - merging and splitting people (core/store_authors.c)
 * against the real test server.
 *
 * Two imports make "Robert Farley" (two books, writes for The Diplomat)
 * and "R. Farley" (one book, writes for The Diplomat and founded Lawyers,
 * Guns and Money) two people; the tests merge them (works and links move,
 * counts, evidence and variants kept, a second merge is "not found") and
 * split a work back off (by default key and by a new name). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/hash.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/store.h"
#include "colophon/store_authors.h"
#include "colophon/store_query.h"
#include "testsupport.h"

#define ROBERT "name:farley|robert"
#define R "name:farley|r"

static int setup(void **state)
{
	return colo_test_db_setup(state, "authors");
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

static void batch_source(colo_batch *b, const char *text, const char *origin)
{
	char id[COLO_SOURCE_ID_LEN];

	colo_batch_init(b);
	colo_source_id(text, strlen(text), id);
	colo_set_str(&b->source.id, id);
	colo_set_str(&b->source.kind, "bio");
	colo_set_str(&b->source.origin, origin);
	colo_set_str(&b->source.importer, "colophon-test 0");
	b->source.size = strlen(text);
}

static long add_book(colo_batch *b, long person, const char *given,
                     const char *title, int year)
{
	long iw = colo_batch_add_work(b);
	colo_work *w = &b->works[iw];
	colo_creator *c;

	colo_set_str(&w->type, "book");
	colo_set_str(&w->title, title);
	w->year = year;
	w->span = (colo_span){0, 5};
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	set_name(&c->name, given, "Farley");
	c->person = person;
	return iw;
}

static long add_venue(colo_batch *b, const char *name, const char *kind)
{
	long iv = colo_batch_add_venue(b);

	colo_set_str(&b->venues[iv].name, name);
	colo_set_str(&b->venues[iv].kind, kind);
	return iv;
}

/* Saves the two imports: 2 people, 3 works, 2 venues, 3 links. */
static void save_two_farleys(colo_store *s)
{
	colo_batch b;
	colo_save_stats st;
	colo_error err;
	colo_affiliation *a;
	long ip, iv;

	colo_error_clear(&err);
	batch_source(&b, "Robert Farley writes for The Diplomat.", "a.txt");
	ip = colo_batch_add_person(&b);
	set_name(&b.people[ip].name, "Robert", "Farley");
	colo_person_add_variant(&b.people[ip], "Robert Farley");
	b.people[ip].span = (colo_span){0, 13};
	add_book(&b, ip, "Robert", "Grounded", 2014);
	add_book(&b, ip, "Robert", "The Battleship Book", 2016);
	iv = add_venue(&b, "The Diplomat", "magazine");
	colo_batch_add_link(&b, COLO_KIND_PERSON, ip, COLO_KIND_VENUE, iv,
	                    "writes-for");
	b.links[b.nlinks - 1].span = (colo_span){24, 36};
	assert_ok(colo_store_save_batch(s, &b, &st, &err));
	colo_batch_cleanup(&b);

	batch_source(&b, "Dr. R. Farley, PhD, founded LGM and writes for the "
	                 "Diplomat.",
	             "b.txt");
	ip = colo_batch_add_person(&b);
	set_name(&b.people[ip].name, "R.", "Farley");
	colo_set_str(&b.people[ip].honorific, "Dr.");
	colo_person_add_variant(&b.people[ip], "R. Farley");
	b.people[ip].span = (colo_span){4, 13};
	a = colo_person_add_affiliation(&b.people[ip]);
	colo_set_str(&a->org, "Patterson School");
	a->span = (colo_span){0, 3};
	add_book(&b, ip, "R.", "Patents for Power", 2020);
	iv = add_venue(&b, "The Diplomat", "magazine");
	colo_batch_add_link(&b, COLO_KIND_PERSON, ip, COLO_KIND_VENUE, iv,
	                    "writes-for");
	b.links[b.nlinks - 1].span = (colo_span){40, 50};
	iv = add_venue(&b, "Lawyers, Guns and Money", "blog");
	colo_batch_add_link(&b, COLO_KIND_PERSON, ip, COLO_KIND_VENUE, iv,
	                    "founded");
	b.links[b.nlinks - 1].span = (colo_span){20, 30};
	assert_ok(colo_store_save_batch(s, &b, &st, &err));
	assert_int_equal(st.people_new, 1);
	colo_batch_cleanup(&b);
}

static void check_counts(colo_store *s, long long people, long long works,
                         long long links)
{
	colo_store_info info;
	colo_error err;

	colo_error_clear(&err);
	assert_ok(colo_store_info_get(s, &info, &err));
	assert_int_equal(info.people, people);
	assert_int_equal(info.works, works);
	assert_int_equal(info.links, links);
	colo_store_info_cleanup(&info);
}

static size_t works_of(colo_store *s, const char *id)
{
	colo_work_list l;
	colo_error err;
	size_t n;

	colo_error_clear(&err);
	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_person(s, id, &l, &err));
	n = l.n;
	colo_work_list_cleanup(&l);
	return n;
}

/* The people named Farley, with the one whose id is `id` in *out. */
static size_t farleys(colo_store *s, const char *id, colo_person *out)
{
	colo_person_list l;
	colo_name q;
	colo_error err;
	size_t n;

	colo_error_clear(&err);
	colo_name_init(&q);
	colo_set_str(&q.family, "Farley");
	colo_person_list_init(&l);
	assert_ok(colo_store_find_people(s, &q, &l, &err));
	n = l.n;
	for (size_t i = 0; out && i < l.n; i++)
		if (strcmp(l.items[i].id, id) == 0) {
			*out = l.items[i];
			memset(&l.items[i], 0, sizeof l.items[i]);
		}
	colo_person_list_cleanup(&l);
	colo_name_cleanup(&q);
	return n;
}

static bool has_variant(const colo_person *p, const char *v)
{
	for (size_t i = 0; i < p->nvariants; i++)
		if (strcmp(p->variants[i], v) == 0)
			return true;
	return false;
}

static void test_merge(void **state)
{
	colo_test_db *f = *state;
	colo_merge_stats st;
	colo_person_profile pr;
	colo_person p;
	colo_error err;

	colo_error_clear(&err);
	save_two_farleys(f->store);
	check_counts(f->store, 2, 3, 3);
	assert_int_equal(works_of(f->store, ROBERT), 2);
	assert_int_equal(works_of(f->store, R), 1);

	/* A dry run says what would change and changes nothing. */
	assert_ok(colo_store_merge_people(f->store, ROBERT, R, true, &st, &err));
	assert_int_equal(st.works, 1);
	assert_int_equal(st.links, 2);
	check_counts(f->store, 2, 3, 3);
	assert_int_equal(works_of(f->store, R), 1);

	assert_ok(colo_store_merge_people(f->store, ROBERT, R, false, &st, &err));
	assert_int_equal(st.works, 1);
	assert_int_equal(st.links, 2);
	/* One person; the two writes-for links became one. */
	check_counts(f->store, 1, 3, 2);
	assert_int_equal(works_of(f->store, ROBERT), 3);
	assert_int_equal(works_of(f->store, R), 0);

	memset(&p, 0, sizeof p);
	assert_int_equal(farleys(f->store, ROBERT, &p), 1);
	assert_true(has_variant(&p, "Robert Farley"));
	assert_true(has_variant(&p, "R. Farley"));
	assert_string_equal(p.honorific, "Dr."); /* Robert had none */
	assert_int_equal(p.naffiliations, 1);
	assert_string_equal(p.affiliations[0].org, "Patterson School");
	colo_person_cleanup(&p);

	assert_ok(colo_store_person_profile(f->store, ROBERT, &pr, &err));
	assert_int_equal(pr.works, 3);
	assert_int_equal(pr.venues.n, 2); /* writes-for, founded */
	colo_person_profile_cleanup(&pr);

	/* Again: the merged person is gone, nothing changes. */
	assert_false(colo_store_merge_people(f->store, ROBERT, R, false, &st, &err));
	assert_int_equal(err.code, COLO_ENOTFOUND);
	assert_non_null(strstr(err.message, R));
	check_counts(f->store, 1, 3, 2);

	colo_error_clear(&err);
	assert_false(
		colo_store_merge_people(f->store, ROBERT, ROBERT, false, &st, &err));
	assert_int_equal(err.code, COLO_EINPUT);
}

/* The citation key of the person's work titled `title`. */
static char *citekey_of(colo_store *s, const char *id, const char *title)
{
	colo_work_list l;
	colo_error err;
	char *key = NULL;

	colo_error_clear(&err);
	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_person(s, id, &l, &err));
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.items[i].title, title) == 0)
			key = colo_xstrdup(l.items[i].citekey);
	colo_work_list_cleanup(&l);
	assert_non_null(key);
	return key;
}

static void test_split(void **state)
{
	colo_test_db *f = *state;
	colo_merge_stats st;
	colo_split_result res;
	colo_person p;
	colo_name as;
	colo_error err;
	char *patents, *grounded;
	const char *keys[2];

	colo_error_clear(&err);
	save_two_farleys(f->store);
	assert_ok(colo_store_merge_people(f->store, ROBERT, R, false, &st, &err));
	patents = citekey_of(f->store, ROBERT, "Patents for Power");
	grounded = citekey_of(f->store, ROBERT, "Grounded");

	/* An unknown key, or a dry run, writes nothing. */
	keys[0] = patents;
	keys[1] = "nosuchkey2000";
	assert_false(colo_store_split_person(f->store, ROBERT, keys, 2, NULL,
	                                     false, &res, &err));
	assert_int_equal(err.code, COLO_ENOTFOUND);
	assert_null(res.id);
	colo_error_clear(&err);
	assert_ok(colo_store_split_person(f->store, ROBERT, keys, 1, NULL, true,
	                                  &res, &err));
	assert_string_equal(res.id, ROBERT "#2");
	assert_int_equal(res.works, 1);
	colo_split_result_cleanup(&res);
	check_counts(f->store, 1, 3, 2);

	/* The same name, the key with "#2". */
	assert_ok(colo_store_split_person(f->store, ROBERT, keys, 1, NULL, false,
	                                  &res, &err));
	assert_string_equal(res.id, ROBERT "#2");
	assert_string_equal(res.key, ROBERT "#2");
	assert_string_equal(res.name, "Robert Farley");
	colo_split_result_cleanup(&res);
	check_counts(f->store, 2, 3, 2);
	assert_int_equal(works_of(f->store, ROBERT), 2);
	assert_int_equal(works_of(f->store, ROBERT "#2"), 1);
	memset(&p, 0, sizeof p);
	assert_int_equal(farleys(f->store, ROBERT "#2", &p), 2);
	/* Patents for Power names its author "R. Farley". */
	assert_true(has_variant(&p, "R. Farley"));
	colo_person_cleanup(&p);

	/* Again: the work is no longer Robert's. */
	assert_false(colo_store_split_person(f->store, ROBERT, keys, 1, NULL,
	                                     false, &res, &err));
	assert_int_equal(err.code, COLO_ENOTFOUND);
	check_counts(f->store, 2, 3, 2);

	/* A new name: its own key; a name already taken is refused. */
	colo_error_clear(&err);
	colo_name_init(&as);
	set_name(&as, "Rupert", "Farley");
	keys[0] = grounded;
	assert_ok(colo_store_split_person(f->store, ROBERT, keys, 1, &as, false,
	                                  &res, &err));
	assert_string_equal(res.id, "name:farley|rupert");
	colo_split_result_cleanup(&res);
	assert_int_equal(works_of(f->store, ROBERT), 1);
	assert_int_equal(works_of(f->store, "name:farley|rupert"), 1);
	keys[0] = citekey_of(f->store, ROBERT, "The Battleship Book");
	assert_false(colo_store_split_person(f->store, ROBERT, keys, 1, &as, false,
	                                     &res, &err));
	assert_int_equal(err.code, COLO_EINPUT);
	free((char *)keys[0]);
	colo_name_cleanup(&as);
	check_counts(f->store, 3, 3, 2);

	/* And merged back: everything is Robert's again. */
	colo_error_clear(&err);
	assert_ok(colo_store_merge_people(f->store, ROBERT, ROBERT "#2", false,
	                                  &st, &err));
	assert_ok(colo_store_merge_people(f->store, ROBERT, "name:farley|rupert",
	                                  false, &st, &err));
	check_counts(f->store, 1, 3, 2);
	assert_int_equal(works_of(f->store, ROBERT), 3);
	free(grounded);
	free(patents);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
