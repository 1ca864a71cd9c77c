/* test_links.c - cross-linking against the real test server: an article
 * imported with its text kept, `link` finding the works and venues the
 * text names (with the matched span as evidence), re-linking adding
 * nothing, a work imported later found by the next link, cites / cited-by,
 * work lookup by key, title and citation key, the graph around a person
 * and a work, and the seed end to end (skipped when COLOPHON_SEED is
 * absent).  Each test uses its own database and drops it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colophon/article.h"
#include "colophon/hash.h"
#include "colophon/mem.h"
#include "colophon/store.h"
#include "colophon/store_links.h"
#include "testsupport.h"

/* Each test runs on its own database on the test server, dropped after. */
typedef colo_test_db fixture;

static int setup(void **state)
{
	return colo_test_db_setup(state, "links");
}

static int teardown(void **state)
{
	return colo_test_db_teardown(state);
}

static const char review[] =
	"# Reading the Sea: Three Books\n"
	"By Ana Costa\n"
	"\n"
	"Tides of Trade: Ports and Power is the best of the three, and The "
	"Battleship Book (ISBN 978-0-306-40615-7) the most fun; both were "
	"reviewed in the Diplomat and on Lawyers, Guns & Money. Salt Roads "
	"is the third, for readers of Sea History.\n"
	"\n"
	"Pingback: Costa on Books - Lawyers, Guns & Money\n";

/* Imports text as an article, keeping its text; returns the article id. */
static char *import(colo_store *s, const char *text, size_t *nlinks)
{
	colo_batch b;
	colo_error err;
	char id[COLO_SOURCE_ID_LEN], *t, *out;
	size_t tl;
	colo_save_stats st;

	colo_batch_init(&b);
	assert_ok(colo_article_parse(text, strlen(text), &b, &err));
	colo_source_id(text, strlen(text), id);
	colo_set_str(&b.source.id, id);
	colo_set_str(&b.source.kind, "article");
	b.source.size = strlen(text);
	assert_ok(colo_store_save_batch(s, &b, &st, &err));
	if (nlinks)
		*nlinks = st.links_new;
	t = colo_article_text(text, strlen(text), &tl);
	assert_ok(colo_store_save_text(s, id, b.works[0].id, t, tl, &err));
	free(t);
	out = colo_xstrdup(b.works[0].id);
	colo_batch_cleanup(&b);
	return out;
}

/* Saves books (title, isbn) and venues by name, as other importers would. */
static void known(colo_store *s)
{
	colo_batch b;
	colo_error err;
	long w, v;

	colo_batch_init(&b);
	w = colo_batch_add_work(&b);
	colo_set_str(&b.works[w].type, "book");
	colo_set_str(&b.works[w].title, "Tides of Trade");
	colo_set_str(&b.works[w].subtitle, "Ports and Power");
	b.works[w].year = 2019;
	w = colo_batch_add_work(&b);
	colo_set_str(&b.works[w].type, "book");
	colo_set_str(&b.works[w].title, "The Battleship Book");
	b.works[w].year = 2016;
	w = colo_batch_add_work(&b);
	colo_set_str(&b.works[w].type, "book");
	colo_set_str(&b.works[w].title, "Unrelated Volume");
	colo_set_str(&b.works[w].isbn, "978-0-306-40615-7");
	v = colo_batch_intern_venue(&b, "The Diplomat", "magazine");
	colo_venue_add_alias(&b.venues[v], "Diplomat Magazine");
	colo_batch_intern_venue(&b, "Lawyers, Guns and Money", "blog");
	colo_batch_intern_venue(&b, "Unmentioned Quarterly", "journal");
	assert_ok(colo_store_save_batch(s, &b, NULL, &err));
	colo_batch_cleanup(&b);
}

static const colo_cite *cite_of(const colo_cite_list *l, const char *title)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].work.title && strcmp(l->items[i].work.title, title) == 0)
			return &l->items[i];
	return NULL;
}

static void test_link_rescan_and_queries(void **state)
{
	fixture *f = *state;
	colo_error err;
	colo_link_stats st;
	colo_cite_list l;
	colo_work_list wl;
	char *article;

	known(f->store);
	article = import(f->store, review, NULL);

	assert_ok(colo_store_link(f->store, NULL, &st, &err));
	assert_int_equal(st.texts, 1);
	/* Tides of Trade, The Battleship Book, Unrelated Volume (its ISBN),
	 * The Diplomat, Lawyers, Guns and Money */
	assert_int_equal(st.links_new, 5);
	assert_int_equal(st.links_merged, 0);
	/* again: nothing new */
	assert_ok(colo_store_link(f->store, article, &st, &err));
	assert_int_equal(st.links_new, 0);
	assert_int_equal(st.links_merged, 5);

	colo_cite_list_init(&l);
	assert_ok(colo_store_cites(f->store, article, false, &l, &err));
	assert_int_equal(l.n, 5);
	assert_non_null(cite_of(&l, "Tides of Trade"));
	assert_string_equal(cite_of(&l, "Tides of Trade")->relation, "cites");
	assert_non_null(cite_of(&l, "Unrelated Volume"));
	assert_string_equal(cite_of(&l, "The Diplomat")->relation, "mentions");
	assert_int_equal(cite_of(&l, "The Diplomat")->kind, COLO_KIND_VENUE);
	assert_null(cite_of(&l, "Unmentioned Quarterly"));
	colo_cite_list_cleanup(&l);

	/* a work imported later is found by the next link */
	{
		colo_batch b;
		long w;

		colo_batch_init(&b);
		w = colo_batch_add_work(&b);
		colo_set_str(&b.works[w].type, "book");
		colo_set_str(&b.works[w].title, "Salt Roads");
		assert_ok(colo_store_save_batch(f->store, &b, NULL, &err));
		colo_batch_cleanup(&b);
	}
	assert_ok(colo_store_link(f->store, NULL, &st, &err));
	assert_int_equal(st.links_new, 1);

	/* cited-by, and finding works by title and citation key */
	colo_work_list_init(&wl);
	assert_ok(colo_store_find_works(f->store, "tides of trade: ports & power",
	                                &wl, &err));
	assert_int_equal(wl.n, 1);
	colo_cite_list_init(&l);
	assert_ok(colo_store_cites(f->store, wl.items[0].id, true, &l, &err));
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].work.id, article);
	colo_cite_list_cleanup(&l);
	{
		char *ck = colo_xstrdup(wl.items[0].citekey);

		colo_work_list_cleanup(&wl);
		colo_work_list_init(&wl);
		assert_ok(colo_store_find_works(f->store, ck, &wl, &err));
		assert_int_equal(wl.n, 1);
		assert_string_equal(wl.items[0].title, "Tides of Trade");
		free(ck);
	}
	colo_work_list_cleanup(&wl);

	/* the pingback still cites the article */
	colo_cite_list_init(&l);
	assert_ok(colo_store_cites(f->store, article, true, &l, &err));
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].work.title, "Costa on Books");
	colo_cite_list_cleanup(&l);

	/* a work without a text */
	assert_false(colo_store_link(f->store, "no-such-work", &st, &err));
	assert_int_equal(err.code, COLO_ENOTFOUND);
	free(article);
}

static void test_evidence_span(void **state)
{
	fixture *f = *state;
	colo_error err;
	colo_link_index ix;
	colo_found_list found = {0};
	size_t tl;
	char *t;

	known(f->store);
	colo_link_index_init(&ix);
	assert_ok(colo_store_load_patterns(f->store, &ix, &err));
	t = colo_article_text(review, strlen(review), &tl);
	colo_link_scan(&ix, NULL, t, tl, &found);
	assert_int_equal(found.n, 5);
	for (size_t i = 0; i < found.n; i++) {
		const colo_found_link *l = &found.items[i];
		char *span = colo_xstrndup(t + l->start, l->end - l->start);

		if (strcmp(l->relation, "mentions") == 0)
			assert_true(strcmp(span, "Diplomat") == 0 ||
			            strcmp(span, "Lawyers, Guns & Money") == 0);
		else
			assert_true(strcmp(span, "Tides of Trade: Ports and Power") == 0 ||
			            strcmp(span, "Battleship Book") == 0 ||
			            strcmp(span, "978-0-306-40615-7") == 0);
		free(span);
	}
	free(found.items);
	free(t);
	colo_link_index_cleanup(&ix);
}

static bool has_edge(const colo_graph *g, const char *from_label,
                     const char *rel, const char *to_label)
{
	const char *from = NULL, *to = NULL;

	for (size_t i = 0; i < g->nnodes; i++) {
		if (strcmp(g->nodes[i].label, from_label) == 0)
			from = g->nodes[i].id;
		if (strcmp(g->nodes[i].label, to_label) == 0)
			to = g->nodes[i].id;
	}
	if (!from || !to)
		return false;
	for (size_t i = 0; i < g->nedges; i++)
		if (strcmp(g->edges[i].from, from) == 0 &&
		    strcmp(g->edges[i].to, to) == 0 &&
		    strcmp(g->edges[i].rel, rel) == 0)
			return true;
	return false;
}

static void test_seed(void **state)
{
	fixture *f = *state;
	const char *path = getenv("COLOPHON_SEED");
	colo_error err;
	colo_person_list people;
	colo_name q;
	colo_graph g;
	char *seed, *article;
	size_t len, again;
	const char *art = "North Korea Enters the Ukraine War: Implications";
	static const char *const citing[] = {
		"North Korean Missiles Are Attacking Ukraine: What If One Hit a NATO "
		"Member?",
		"Donald Trump\xe2\x80\x99s Admiration for Authoritarian Leaders: A "
		"Threat to Democracy?",
		"North Koreans on the Front"};

	if (!path || !(seed = colo_test_read_file(path, &len))) {
		print_message("seed not present; skipping the seed check\n");
		skip();
	}
	article = import(f->store, seed, NULL);
	free(article);
	article = import(f->store, seed, &again);
	assert_int_equal(again, 0);

	colo_person_list_init(&people);
	colo_name_init(&q);
	colo_name_parse("Robert Farley", 13, &q);
	assert_ok(colo_store_find_people(f->store, &q, &people, &err));
	assert_int_equal(people.n, 1);
	colo_graph_init(&g);
	assert_ok(colo_store_graph(f->store, COLO_KIND_PERSON, people.items[0].id,
	                           &g, &err));
	assert_true(has_edge(&g, "Robert Farley", "author", art));
	assert_true(has_edge(&g, "Robert Farley", "founded",
	                     "Lawyers, Guns and Money"));
	assert_true(has_edge(&g, citing[0], "cites", art));
	assert_true(has_edge(&g, citing[1], "cites", art));
	assert_true(has_edge(&g, citing[2], "cites", art));
	assert_true(has_edge(&g, citing[0], "published-in",
	                     "National Security Journal"));
	assert_true(has_edge(&g, citing[1], "published-in",
	                     "National Security Journal"));
	/* the pingback's venue is the one Farley founded */
	assert_true(has_edge(&g, citing[2], "published-in",
	                     "Lawyers, Guns and Money"));
	for (size_t i = 0; i < g.nnodes; i++)
		assert_null(strstr(g.nodes[i].label, "bobb"));
	colo_graph_cleanup(&g);

	/* the graph around the article */
	colo_graph_init(&g);
	assert_ok(colo_store_graph(f->store, COLO_KIND_WORK, article, &g, &err));
	assert_true(has_edge(&g, citing[2], "cites", art));
	assert_true(has_edge(&g, "Robert Farley", "author", art));
	colo_graph_cleanup(&g);

	colo_name_cleanup(&q);
	colo_person_list_cleanup(&people);
	free(article);
	free(seed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_link_rescan_and_queries, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_evidence_span, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seed, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
