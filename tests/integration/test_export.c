/* test_export.c - the export queries (core/store_export.c) and the export
 * command against the real test server.
 *
 * Each test opens its own database and drops it afterwards.  Covers:
 * lookups by citation key across several $in batches, in the caller's
 * order, with missing and repeated keys; the streamed walk over every
 * work (ordered, stoppable, one work at a time); a work by id; key
 * assignment with collisions, idempotent re-runs and a missing id; and
 * `colophon export` repairing a stored key that cannot be written (as a
 * foreign .bib may bring in) exactly once. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/store.h"
#include "colophon/store_export.h"
#include "dispatch.h"
#include "testsupport.h"

/* Each test runs on its own database on the test server, dropped after. */
typedef colo_test_db fixture;

static int setup(void **state)
{
	return colo_test_db_setup(state, "export");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

#define NWORKS 300

/* n works "Work number i" by "Author i % 7", keys w0000 ... */
static void seed(colo_store *s, size_t n)
{
	colo_batch b;
	colo_error err;

	colo_batch_init(&b);
	for (size_t i = 0; i < n; i++) {
		long wi = colo_batch_add_work(&b); /* may move b.works */
		colo_work *w = &b.works[wi];
		colo_creator *c;
		char buf[64];

		snprintf(buf, sizeof buf, "Work number %zu", i);
		colo_set_str(&w->title, buf);
		colo_set_str(&w->type, "book");
		snprintf(buf, sizeof buf, "w%04zu", i);
		colo_set_str(&w->citekey, buf);
		w->year = 1900 + (int)(i % 120);
		c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
		snprintf(buf, sizeof buf, "Author%zu", i % 7);
		colo_set_str(&c->name.family, buf);
	}
	assert_ok(colo_store_save_batch(s, &b, NULL, &err));
	colo_batch_cleanup(&b);
}

static void test_by_citekeys(void **state)
{
	fixture *f = *state;
	colo_error err;
	colo_work_list l;
	const char **keys = colo_xcalloc(NWORKS + 3, sizeof *keys);
	bool *found = colo_xcalloc(NWORKS + 3, sizeof *found);
	char (*names)[32] = colo_xcalloc(NWORKS, sizeof *names);
	size_t n = 0;

	seed(f->store, NWORKS);
	/* Reverse order, across two $in batches, with a missing key and a
	 * repeat in the middle. */
	for (size_t i = NWORKS; i-- > 0;) {
		snprintf(names[i], sizeof names[i], "w%04zu", i);
		keys[n++] = names[i];
		if (i == 150) {
			keys[n++] = "missing-key";
			keys[n++] = "w0299";
		}
	}
	keys[n++] = "w0000";
	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_citekeys(f->store, keys, n, &l, found, &err));
	assert_int_equal(l.n, NWORKS);
	assert_string_equal(l.items[0].citekey, "w0299");
	assert_string_equal(l.items[NWORKS - 1].citekey, "w0000");
	assert_string_equal(l.items[1].title, "Work number 298");
	assert_int_equal(l.items[1].ncreators, 1);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(found[i], strcmp(keys[i], "missing-key") != 0);
	colo_work_list_cleanup(&l);

	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_citekeys(f->store, keys, 0, &l, NULL, &err));
	assert_int_equal(l.n, 0);
	colo_work_list_cleanup(&l);
	free(keys);
	free(found);
	free(names);
}

typedef struct walk {
	size_t n, stop_at;
	char last[32];
	bool ordered;
} walk;

static bool walk_fn(const colo_work *w, void *arg, colo_error *err)
{
	walk *k = arg;

	if (k->n && strcmp(k->last, w->citekey) >= 0)
		k->ordered = false;
	snprintf(k->last, sizeof k->last, "%s", w->citekey);
	if (++k->n == k->stop_at) {
		colo_error_set(err, COLO_EFAIL, "stopped at %zu", k->n);
		return false;
	}
	return true;
}

static void test_each(void **state)
{
	fixture *f = *state;
	colo_error err;
	walk k = {0, 0, "", true};

	seed(f->store, NWORKS);
	assert_ok(colo_store_works_each(f->store, walk_fn, &k, &err));
	assert_int_equal(k.n, NWORKS);
	assert_true(k.ordered);
	assert_string_equal(k.last, "w0299");

	memset(&k, 0, sizeof k);
	k.ordered = true;
	k.stop_at = 10;
	assert_false(colo_store_works_each(f->store, walk_fn, &k, &err));
	assert_int_equal(k.n, 10);
	assert_string_equal(err.message, "stopped at 10");
}

static void test_assign(void **state)
{
	fixture *f = *state;
	colo_error err;
	colo_work_list l;
	const char *keys[] = {"w0000", "w0001", "w0002"};
	char *ids[3], *key = NULL;
	bool changed, found;
	colo_work w;

	seed(f->store, 3);
	colo_work_list_init(&l);
	assert_ok(colo_store_works_by_citekeys(f->store, keys, 3, &l, NULL, &err));
	assert_int_equal(l.n, 3);
	for (size_t i = 0; i < 3; i++)
		ids[i] = colo_xstrdup(l.items[i].id);
	colo_work_list_cleanup(&l);

	/* Three works, one base: base, a, b. */
	for (size_t i = 0; i < 3; i++) {
		static const char *const want[] = {"same", "samea", "sameb"};

		assert_ok(colo_store_citekey_assign(f->store, ids[i], "same", &key,
		                                    &changed, &err));
		assert_true(changed);
		assert_string_equal(key, want[i]);
		free(key);
	}
	/* Again: nothing changes. */
	for (size_t i = 0; i < 3; i++) {
		assert_ok(colo_store_citekey_assign(f->store, ids[i], "same", &key,
		                                    &changed, &err));
		assert_false(changed);
		free(key);
	}
	/* "samea" is not "same" + suffix once "same" is free. */
	assert_ok(colo_store_citekey_assign(f->store, ids[0], "other", &key,
	                                    &changed, &err));
	free(key);
	assert_ok(colo_store_citekey_assign(f->store, ids[1], "same", &key,
	                                    &changed, &err));
	assert_true(changed);
	assert_string_equal(key, "same");
	free(key);

	colo_work_init(&w);
	assert_ok(colo_store_work_by_id(f->store, ids[1], &w, &found, &err));
	assert_true(found);
	assert_string_equal(w.citekey, "same");
	colo_work_cleanup(&w);
	colo_work_init(&w);
	assert_ok(colo_store_work_by_id(f->store, "no-such-id", &w, &found, &err));
	assert_false(found);
	colo_work_cleanup(&w);

	assert_false(colo_store_citekey_assign(f->store, "no-such-id", "x", &key,
	                                       &changed, &err));
	assert_int_equal(err.code, COLO_ENOTFOUND);
	assert_null(key);
	for (size_t i = 0; i < 3; i++)
		free(ids[i]);
}

/* A stored key that cannot be written (a foreign .bib's "my key, x") is
 * replaced once, stored, and the next export gives the same key. */
static void test_cli_repairs_key(void **state)
{
	fixture *f = *state;
	colo_batch b;
	colo_error err;
	colo_work *w;
	colo_creator *c;
	colo_buf path;
	char *one, *two;
	int rc;

	colo_batch_init(&b);
	{
		long wi = colo_batch_add_work(&b);

		w = &b.works[wi];
	}
	colo_set_str(&w->title, "Grounded");
	colo_set_str(&w->type, "book");
	colo_set_str(&w->citekey, "my key, \"x\"");
	w->year = 2014;
	c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
	colo_set_str(&c->name.family, "Farley");
	assert_ok(colo_store_save_batch(f->store, &b, NULL, &err));
	colo_batch_cleanup(&b);

	colo_buf_init(&path, 0);
	colo_buf_printf(&path, "%s/%s.bib", colo_test_tmpdir(), f->dbname);
	{
		char *argv[] = {"colophon", "--db", f->uri, "export", "bibtex",
		                "--all", "-o", path.data, NULL};

		rc = colo_main(8, argv);
		assert_int_equal(rc, 0);
	}
	one = colo_test_read_file(path.data, NULL);
	assert_non_null(one);
	assert_non_null(strstr(one, "@book{farley2014grounded,\n"));
	{
		char *argv[] = {"colophon", "--db", f->uri, "export", "bibtex",
		                "farley2014grounded", "-o", path.data, NULL};

		rc = colo_main(8, argv);
		assert_int_equal(rc, 0);
	}
	two = colo_test_read_file(path.data, NULL);
	assert_string_equal(one, two);
	free(one);
	free(two);
	remove(path.data);
	colo_buf_cleanup(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_by_citekeys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_assign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cli_repairs_key, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
