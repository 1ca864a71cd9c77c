/* test_store_write.c - the update arithmetic behind the store's batch
 * writes (core/store_write.c): the document an upsert would create, the
 * document an update makes of a stored one, and whether an update would
 * change a stored document at all.  No server: BSON only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../core/store_priv.h"

/* The document as canonical extended JSON, for comparing. */
static void assert_doc(const bson_t *d, const char *json)
{
	bson_error_t e;
	bson_t *want = bson_new_from_json((const uint8_t *)json, -1, &e);
	char *got = bson_as_canonical_extended_json(d, NULL);
	char *exp;

	if (!want)
		fail_msg("bad JSON in the test: %s", e.message);
	exp = bson_as_canonical_extended_json(want, NULL);
	assert_string_equal(got, exp);
	bson_free(got);
	bson_free(exp);
	bson_destroy(want);
}

static bson_t *doc(const char *json)
{
	bson_error_t e;
	bson_t *d = bson_new_from_json((const uint8_t *)json, -1, &e);

	if (!d)
		fail_msg("bad JSON in the test: %s", e.message);
	return d;
}

static const char *const update_json =
	"{\"$setOnInsert\": {\"key\": \"k\", \"citekey\": \"c\"},"
	" \"$set\": {\"title\": \"T\", \"issued\": {\"y\": 2014}},"
	" \"$addToSet\": {\"tokens\": {\"$each\": [\"a\", \"b\", \"a\"]},"
	"                 \"evidence\": {\"$each\": [{\"source\": \"s\", \"start\": 1},"
	"                                            {\"source\": \"s\", \"start\": 1}]},"
	"                 \"aliases\": \"x\"}}";

static void test_as_doc(void **state)
{
	bson_t *u = doc(update_json), d;

	(void)state;
	assert_true(colo_update_as_doc("id1", u, &d));
	/* _id first, every operator's fields, each set without repeats */
	assert_doc(&d, "{\"_id\": \"id1\", \"key\": \"k\", \"citekey\": \"c\","
	               " \"title\": \"T\", \"issued\": {\"y\": 2014},"
	               " \"tokens\": [\"a\", \"b\"],"
	               " \"evidence\": [{\"source\": \"s\", \"start\": 1}],"
	               " \"aliases\": [\"x\"]}");
	bson_destroy(&d);
	bson_destroy(u);
}

static void test_as_doc_refuses(void **state)
{
	static const char *const refused[] = {
		"{\"$max\": {\"confidence\": 0.5}}",
		"{\"$set\": {\"issued.y\": 2014}}",
		"{\"$setOnInsert\": {\"a\": 1}, \"$set\": {\"a\": 2}}",
		"{\"$set\": {\"_id\": \"other\"}}",
	};

	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		bson_t *u = doc(refused[i]), d;

		assert_false(colo_update_as_doc("id", u, &d));
		assert_true(bson_empty(&d));
		bson_destroy(&d);
		bson_destroy(u);
	}
}

static void test_noop(void **state)
{
	bson_t *u = doc(update_json);
	/* as stored after that update; key/citekey differ ($setOnInsert does
	 * not apply to a stored document) and the year is an int64 */
	bson_t *same = doc("{\"_id\": \"id1\", \"key\": \"old\", \"title\": \"T\","
	                   " \"issued\": {\"y\": 2014},"
	                   " \"tokens\": [\"z\", \"b\", \"a\"],"
	                   " \"evidence\": [{\"source\": \"s\", \"start\": 1}],"
	                   " \"aliases\": [\"x\", \"y\"]}");
	bson_t *other_title = doc("{\"title\": \"U\", \"issued\": {\"y\": 2014},"
	                          " \"tokens\": [\"a\", \"b\"],"
	                          " \"evidence\": [{\"source\": \"s\", \"start\": 1}],"
	                          " \"aliases\": [\"x\"]}");
	bson_t *missing_token = doc("{\"title\": \"T\", \"issued\": {\"y\": 2014},"
	                            " \"tokens\": [\"a\"],"
	                            " \"evidence\": [{\"source\": \"s\", \"start\": 1}],"
	                            " \"aliases\": [\"x\"]}");
	bson_t *no_aliases = doc("{\"title\": \"T\", \"issued\": {\"y\": 2014},"
	                         " \"tokens\": [\"a\", \"b\"],"
	                         " \"evidence\": [{\"source\": \"s\", \"start\": 1}]}");
	bson_t *num = doc("{\"$set\": {\"n\": 3}}");
	bson_t *num_stored = doc("{\"n\": {\"$numberLong\": \"3\"}}");
	bson_t *other = doc("{\"$max\": {\"n\": 1}}");

	(void)state;
	assert_true(colo_update_is_noop(same, u));
	assert_false(colo_update_is_noop(other_title, u));
	assert_false(colo_update_is_noop(missing_token, u));
	assert_false(colo_update_is_noop(no_aliases, u));
	assert_false(colo_update_is_noop(NULL, u));
	assert_true(colo_update_is_noop(num_stored, num));
	assert_false(colo_update_is_noop(num_stored, other));
	bson_destroy(other);
	bson_destroy(num_stored);
	bson_destroy(num);
	bson_destroy(no_aliases);
	bson_destroy(missing_token);
	bson_destroy(other_title);
	bson_destroy(same);
	bson_destroy(u);
}

static void test_apply(void **state)
{
	bson_t *stored = doc("{\"_id\": \"id1\", \"key\": \"old\", \"title\": \"S\","
	                     " \"tokens\": [\"b\", \"z\"], \"note\": \"n\"}");
	bson_t *u = doc(update_json), out;

	(void)state;
	assert_true(colo_update_apply(stored, u, &out));
	/* stored fields in their order, $set replacing, $addToSet appending
	 * what is missing; then the new fields; $setOnInsert ignored */
	assert_doc(&out, "{\"_id\": \"id1\", \"key\": \"old\", \"title\": \"T\","
	                 " \"tokens\": [\"b\", \"z\", \"a\"], \"note\": \"n\","
	                 " \"issued\": {\"y\": 2014},"
	                 " \"evidence\": [{\"source\": \"s\", \"start\": 1}],"
	                 " \"aliases\": [\"x\"]}");
	/* and applying it again is a no-op */
	assert_true(colo_update_is_noop(&out, u));
	bson_destroy(&out);
	bson_destroy(u);
	bson_destroy(stored);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_as_doc),
		cmocka_unit_test(test_as_doc_refuses),
		cmocka_unit_test(test_noop),
		cmocka_unit_test(test_apply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
