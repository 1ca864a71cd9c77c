/* test_lookups.c - the lookup collections of schema 2 (citekeys,
 * person_works, names; docs/SCHEMA.md) against the real test server.
 *
 * An import fills them and a second import of the same batch leaves every
 * one of their documents as it was; `author merge`, `author split` and a
 * citation key change keep them right; a database as schema 1 left it is
 * upgraded on open.  The queries that read them (colo_store_find_people,
 * colo_store_works_query, colo_store_works_by_citekeys, colo_store_show)
 * are checked both with one `_id` equality per document and with `$in`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/buf.h"
#include "colophon/hash.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/store.h"
#include "colophon/store_authors.h"
#include "colophon/store_bench.h"
#include "colophon/store_export.h"
#include "colophon/store_query.h"
#include "colophon/store_show.h"
#include "testsupport.h"

#define ROBERT "name:farley|robert"
#define R "name:farley|r"
#define JANE "name:doe|jane"

static int setup(void **state)
{
	return colo_test_db_setup(state, "lookups");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

static colo_store *store_of(void **state)
{
	return ((colo_test_db *)*state)->store;
}

static void batch_source(colo_batch *b, const char *text)
{
	char id[COLO_SOURCE_ID_LEN];

	colo_batch_init(b);
	colo_source_id(text, strlen(text), id);
	colo_set_str(&b->source.id, id);
	colo_set_str(&b->source.kind, "bibtex");
	colo_set_str(&b->source.origin, "refs.bib");
	colo_set_str(&b->source.importer, "colophon-test 0");
	b->source.size = strlen(text);
}

static long add_person(colo_batch *b, const char *given, const char *family)
{
	long ip = colo_batch_add_person(b);

	colo_set_str(&b->people[ip].name.given, given);
	colo_set_str(&b->people[ip].name.family, family);
	b->people[ip].span = (colo_span){0, 5};
	return ip;
}

static long add_work(colo_batch *b, const char *title, int year,
                     const char *citekey)
{
	long iw = colo_batch_add_work(b);
	colo_work *w = &b->works[iw];

	colo_set_str(&w->type, "book");
	colo_set_str(&w->title, title);
	colo_set_str(&w->citekey, citekey);
	w->year = year;
	w->span = (colo_span){0, 5};
	return iw;
}

static void add_creator(colo_batch *b, long iw, long ip)
{
	colo_creator *c = colo_work_add_creator(&b->works[iw], COLO_ROLE_AUTHOR);

	colo_name_copy(&c->name, &b->people[ip].name);
	c->person = ip;
}

/* Robert Farley: Grounded (2014), The Battleship Book (2016, with Jane
 * Doe); R. Farley: Patents for Power (2020). */
static void save_library(colo_store *s)
{
	colo_batch b;
	colo_save_stats st;
	colo_error err;
	long rob, r, jane, w;

	colo_error_clear(&err);
	batch_source(&b, "@book{farley2014grounded, ...}");
	rob = add_person(&b, "Robert", "Farley");
	r = add_person(&b, "R.", "Farley");
	jane = add_person(&b, "Jane", "Doe");
	w = add_work(&b, "Grounded", 2014, "farley2014grounded");
	add_creator(&b, w, rob);
	w = add_work(&b, "The Battleship Book", 2016, "farley2016battleship");
	add_creator(&b, w, rob);
	add_creator(&b, w, jane);
	w = add_work(&b, "Patents for Power", 2020, "farley2020patents");
	add_creator(&b, w, r);
	assert_ok(colo_store_save_batch(s, &b, &st, &err));
	assert_int_equal(st.people_new, 3);
	assert_int_equal(st.works_new, 3);
	colo_batch_cleanup(&b);
}

static char *json_of(colo_store *s, const char *coll, const char *id)
{
	colo_error err;
	char *json = NULL;

	colo_error_clear(&err);
	assert_ok(colo_store_bench_get_json(s, coll, id, &json, &err));
	return json;
}

static size_t count_in(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The id of the work with this citation key, through citekeys. */
static char *work_of_key(colo_store *s, const char *key)
{
	colo_work_list l;
	colo_error err;
	bool found = false;
	char *id = NULL;

	colo_error_clear(&err);
	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_citekeys(s, &key, 1, &l, &found, &err));
	if (found) {
		assert_int_equal(l.n, 1);
		id = colo_xstrdup(l.items[0].id);
	}
	colo_work_list_cleanup(&l);
	return id;
}

/* The titles of the person's works, newest first, joined by "; ". */
static char *titles_of(colo_store *s, const char *person_id)
{
	colo_work_list l;
	colo_error err;
	colo_buf b;

	colo_error_clear(&err);
	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_person(s, person_id, &l, &err));
	colo_buf_init(&b, 0);
	for (size_t i = 0; i < l.n; i++)
		colo_buf_printf(&b, "%s%s", i ? "; " : "", l.items[i].title);
	colo_work_list_cleanup(&l);
	return colo_buf_steal(&b);
}

/* The ids of the people a name finds, best first, joined by " ". */
static char *people_named(colo_store *s, const char *given, const char *family)
{
	colo_name q;
	colo_person_list l;
	colo_error err;
	colo_buf b;

	colo_error_clear(&err);
	colo_name_init(&q);
	colo_set_str(&q.given, given);
	colo_set_str(&q.family, family);
	colo_person_list_init(&l);
	assert_ok(colo_store_find_people(s, &q, &l, &err));
	colo_buf_init(&b, 0);
	for (size_t i = 0; i < l.n; i++)
		colo_buf_printf(&b, "%s%s", i ? " " : "", l.items[i].id);
	colo_person_list_cleanup(&l);
	colo_name_cleanup(&q);
	return colo_buf_steal(&b);
}

static void assert_str_free(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* What every test's library answers, by either way of reading by _id. */
static void check_reads(colo_store *s)
{
	char *id = work_of_key(s, "farley2016battleship");
	colo_shown_list shown;
	colo_error err;

	assert_str_free(id, "t:battleship book|2016|farley");
	assert_null(work_of_key(s, "nosuchkey2020"));
	assert_str_free(titles_of(s, ROBERT), "The Battleship Book; Grounded");
	assert_str_free(titles_of(s, JANE), "The Battleship Book");
	assert_str_free(titles_of(s, "name:nobody|at all"), "");
	/* "R. Farley" can mean either Farley; the exact given name first */
	assert_str_free(people_named(s, "R.", "Farley"), R " " ROBERT);
	assert_str_free(people_named(s, "Robert", "Farley"), ROBERT " " R);
	assert_str_free(people_named(s, NULL, "Doe"), JANE);
	assert_str_free(people_named(s, NULL, "Nobody"), "");

	colo_error_clear(&err);
	colo_shown_list_init(&shown);
	assert_ok(colo_store_show(s, "farley2020patents", &shown, &err));
	assert_int_equal(shown.n, 1);
	assert_string_equal(shown.items[0].work.title, "Patents for Power");
	assert_int_equal(shown.items[0].nsources, 1);
	assert_non_null(shown.items[0].sources[0].origin);
	assert_string_equal(shown.items[0].sources[0].origin, "refs.bib");
	colo_shown_list_cleanup(&shown);
}

static void test_import_fills_lookups(void **state)
{
	colo_store *s = store_of(state);
	char *ck, *rob, *names;

	save_library(s);
	ck = json_of(s, "citekeys", "farley2014grounded");
	assert_non_null(ck);
	assert_non_null(strstr(ck, "\"work\" : \"t:grounded|2014|farley\""));
	rob = json_of(s, "person_works", ROBERT);
	assert_non_null(rob);
	assert_int_equal(count_in(rob, "t:grounded|2014|farley"), 1);
	assert_int_equal(count_in(rob, "t:battleship book|2016|farley"), 1);
	assert_int_equal(count_in(rob, "patents"), 0);
	names = json_of(s, "names", "farley");
	assert_non_null(names);
	assert_int_equal(count_in(names, "\"id\" : "), 2);
	assert_int_equal(count_in(names, "\"id\" : \"" ROBERT "\""), 1);
	assert_int_equal(count_in(names, "\"given\" : \"R.\""), 1);
	free(ck);
	free(rob);
	free(names);

	check_reads(s);
	colo_store_set_point_lookups(s, false);
	check_reads(s);
	colo_store_set_point_lookups(s, true);
	check_reads(s);
}

static void test_reimport_changes_nothing(void **state)
{
	colo_store *s = store_of(state);
	const char *docs[][2] = {
		{"citekeys", "farley2014grounded"},
		{"citekeys", "farley2016battleship"},
		{"citekeys", "farley2020patents"},
		{"person_works", ROBERT},
		{"person_works", R},
		{"person_works", JANE},
		{"names", "farley"},
		{"names", "doe"},
	};
	char *before[8], *after;

	save_library(s);
	for (size_t i = 0; i < 8; i++) {
		before[i] = json_of(s, docs[i][0], docs[i][1]);
		assert_non_null(before[i]);
	}
	{
		colo_batch b;
		colo_save_stats st;
		colo_error err;
		long rob, r, jane, w;

		/* the same batch again: every record is merged */
		colo_error_clear(&err);
		batch_source(&b, "@book{farley2014grounded, ...}");
		rob = add_person(&b, "Robert", "Farley");
		r = add_person(&b, "R.", "Farley");
		jane = add_person(&b, "Jane", "Doe");
		w = add_work(&b, "Grounded", 2014, "farley2014grounded");
		add_creator(&b, w, rob);
		w = add_work(&b, "The Battleship Book", 2016, "farley2016battleship");
		add_creator(&b, w, rob);
		add_creator(&b, w, jane);
		w = add_work(&b, "Patents for Power", 2020, "farley2020patents");
		add_creator(&b, w, r);
		assert_ok(colo_store_save_batch(s, &b, &st, &err));
		assert_int_equal(st.works_new, 0);
		assert_int_equal(st.works_merged, 3);
		colo_batch_cleanup(&b);
	}
	for (size_t i = 0; i < 8; i++) {
		after = json_of(s, docs[i][0], docs[i][1]);
		assert_non_null(after);
		assert_string_equal(after, before[i]);
		free(after);
		free(before[i]);
	}
}

static void test_merge_updates_lookups(void **state)
{
	colo_store *s = store_of(state);
	colo_merge_stats st;
	colo_error err;
	char *json;

	save_library(s);
	colo_error_clear(&err);
	assert_ok(colo_store_merge_people(s, ROBERT, R, false, &st, &err));
	assert_int_equal(st.works, 1);
	assert_str_free(titles_of(s, ROBERT),
	                "Patents for Power; The Battleship Book; Grounded");
	assert_str_free(titles_of(s, R), "");
	assert_null(json_of(s, "person_works", R));
	json = json_of(s, "names", "farley");
	assert_non_null(json);
	assert_int_equal(count_in(json, "\"id\" : "), 1);
	assert_null(strstr(json, R "\""));
	free(json);
	assert_str_free(people_named(s, "R.", "Farley"), ROBERT);
	/* running it again finds nothing to merge, and changes nothing */
	assert_false(colo_store_merge_people(s, ROBERT, R, false, &st, &err));
	assert_int_equal(err.code, COLO_ENOTFOUND);
	assert_str_free(titles_of(s, ROBERT),
	                "Patents for Power; The Battleship Book; Grounded");
}

static void test_split_updates_lookups(void **state)
{
	colo_store *s = store_of(state);
	const char *keys[] = {"farley2014grounded"};
	colo_split_result res;
	colo_name as;
	colo_error err;
	char *json;

	save_library(s);
	colo_error_clear(&err);
	colo_name_init(&as);
	colo_set_str(&as.given, "Roberta");
	colo_set_str(&as.family, "Farley");
	assert_ok(colo_store_split_person(s, ROBERT, keys, 1, &as, false, &res,
	                                  &err));
	assert_string_equal(res.id, "name:farley|roberta");
	assert_str_free(titles_of(s, "name:farley|roberta"), "Grounded");
	assert_str_free(titles_of(s, ROBERT), "The Battleship Book");
	json = json_of(s, "person_works", ROBERT);
	assert_non_null(json);
	assert_null(strstr(json, "grounded"));
	free(json);
	assert_str_free(people_named(s, "Roberta", "Farley"),
	                "name:farley|roberta " R);
	json = json_of(s, "names", "farley");
	assert_int_equal(count_in(json, "\"id\" : "), 3);
	free(json);
	colo_split_result_cleanup(&res);
	colo_name_cleanup(&as);
}

static void test_key_change_updates_citekeys(void **state)
{
	colo_store *s = store_of(state);
	const char *id = "t:grounded|2014|farley";
	colo_error err;
	char *key = NULL, *json;
	bool changed = false;

	save_library(s);
	colo_error_clear(&err);
	assert_ok(colo_store_citekey_assign(s, id, "Farley2014", &key, &changed,
	                                    &err));
	assert_true(changed);
	assert_string_equal(key, "Farley2014");
	free(key);
	assert_str_free(work_of_key(s, "Farley2014"), id);
	assert_null(work_of_key(s, "farley2014grounded"));
	assert_null(json_of(s, "citekeys", "farley2014grounded"));
	json = json_of(s, "citekeys", "Farley2014");
	assert_non_null(strstr(json, id));
	free(json);
	/* the old key is free again: another work may take it */
	assert_ok(colo_store_citekey_assign(s, "t:battleship book|2016|farley",
	                                    "farley2014grounded", &key, &changed,
	                                    &err));
	assert_string_equal(key, "farley2014grounded");
	free(key);
	assert_str_free(work_of_key(s, "farley2014grounded"),
	                "t:battleship book|2016|farley");
	assert_null(work_of_key(s, "farley2016battleship"));
}

static void test_upgrade_builds_lookups(void **state)
{
	colo_test_db *db = *state;
	colo_store_info info;
	colo_error err;
	char *rob;

	save_library(db->store);
	colo_error_clear(&err);
	assert_ok(colo_store_bench_downgrade(db->store, &err));
	assert_null(json_of(db->store, "person_works", ROBERT));
	assert_str_free(titles_of(db->store, ROBERT), "");
	colo_store_destroy(db->store);
	db->store = NULL;

	/* opening the schema-1 database upgrades it */
	assert_ok(colo_store_open(db->uri, &db->store, &err));
	assert_ok(colo_store_info_get(db->store, &info, &err));
	assert_int_equal(info.schema_version, 3);
	assert_int_equal(info.works, 3);
	colo_store_info_cleanup(&info);
	rob = json_of(db->store, "person_works", ROBERT);
	assert_non_null(rob);
	assert_int_equal(count_in(rob, "t:grounded|2014|farley"), 1);
	free(rob);
	check_reads(db->store);
	colo_store_set_point_lookups(db->store, false);
	check_reads(db->store);

	/* init again (`colophon db init`) changes nothing */
	assert_ok(colo_store_init(db->store, &err));
	check_reads(db->store);
}

/* More works than are read one `_id` at a time on FerretDB: read with
 * `$in`, in one query (FerretDB) or per 256 ids. */
static void test_many_works(void **state)
{
	colo_store *s = store_of(state);
	colo_batch b;
	colo_save_stats st;
	colo_error err;
	colo_work_list l;
	long who;

	colo_error_clear(&err);
	batch_source(&b, "@book{...} x 40");
	who = add_person(&b, "Jane", "Doe");
	for (int i = 0; i < 40; i++) {
		char title[32], key[32];
		long w;

		snprintf(title, sizeof title, "Volume %d", i);
		snprintf(key, sizeof key, "doe%dvolume", 1950 + i);
		w = add_work(&b, title, 1950 + i, key);
		add_creator(&b, w, who);
	}
	assert_ok(colo_store_save_batch(s, &b, &st, &err));
	colo_batch_cleanup(&b);
	for (int mode = 0; mode < 2; mode++) {
		colo_store_set_point_lookups(s, mode == 0);
		colo_work_list_init(&l);
		assert_ok(colo_store_works_by_person(s, JANE, &l, &err));
		assert_int_equal(l.n, 40);
		assert_string_equal(l.items[0].title, "Volume 39");
		assert_string_equal(l.items[39].title, "Volume 0");
		colo_work_list_cleanup(&l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_fills_lookups, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_reimport_changes_nothing, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_merge_updates_lookups, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_split_updates_lookups, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_key_change_updates_citekeys,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_builds_lookups, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_many_works, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
