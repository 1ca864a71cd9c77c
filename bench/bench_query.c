/* bench_query.c - query latency and import rate on a large synthetic
 * library (issue 7).  A benchmark, never a test.
 *
 *   bench_query load URI N SAMPLE    generate N works, N/5 people, N/50
 *                                    venues; bulk-insert them; write the
 *                                    query inputs to the file SAMPLE
 *   bench_query query URI SAMPLE [Q] [SECONDS]
 *                                    run Q (default 200) queries of each
 *                                    kind, at most SECONDS (default 120)
 *                                    per kind; print plans, p50/p99, RSS
 *
 * The generator is deterministic (one seed): people have Zipf-like
 * (Lotka, n^-2.1) numbers of works, surnames are shared (Zipf over a pool
 * of N/20 surnames, the first ones real and some accented), works have
 * 1-8 creators drawn from the same people (co-authorship), titles are
 * Zipf-distributed pseudo-words, venues are journals, magazines, blogs
 * and publishers picked with a Zipf skew.  Loading goes through
 * store_bench.h (bulk inserts in save_batch's document shape, search
 * tokens included); querying goes through the same store functions the
 * commands call: `works AUTHOR` is colo_store_find_people then
 * colo_store_works_query, `search` is colo_search_parse then
 * colo_store_search (limit 50, the CLI's default), `show` is
 * colo_store_show with one citation key (the record, its links, the
 * names at their ends and its sources).  The loader also writes the
 * lookup collections save_batch keeps (citekeys, person_works, names).
 * BENCH_LOOKUPS=in makes the query phase fetch by `_id` with `$in`
 * instead of one equality per document (the default on FerretDB).
 *
 * The query phase is its own process and reads only the small SAMPLE
 * file, so its peak RSS (getrusage) is Colophon's own while querying, not
 * the generator's.  See bench/README.md and bench_query.sh. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "colophon/citekey.h"
#include "colophon/mem.h"
#include "colophon/model.h"
#include "colophon/name.h"
#include "colophon/search.h"
#include "colophon/store.h"
#include "colophon/store_bench.h"
#include "colophon/store_export.h"
#include "colophon/store_query.h"
#include "colophon/store_search.h"
#include "colophon/store_show.h"
#include "colophon/text.h"

#define CHUNK 1000
#define SEARCH_LIMIT 50

/* ---- random numbers ------------------------------------------------------ */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t next64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t rnd(size_t n)
{
	return (size_t)(next64() % n);
}

static double unif(void)
{
	return (double)(next64() >> 11) / 9007199254740992.0;
}

/* A Zipf-like distribution over 0..n-1: weight (k+1)^-s. */
typedef struct zipf {
	double *cdf;
	size_t n;
} zipf;

static void zipf_init(zipf *z, size_t n, double s)
{
	double sum = 0;

	z->n = n;
	z->cdf = colo_xmalloc(n * sizeof *z->cdf);
	for (size_t k = 0; k < n; k++) {
		sum += pow((double)(k + 1), -s);
		z->cdf[k] = sum;
	}
	for (size_t k = 0; k < n; k++)
		z->cdf[k] /= sum;
}

static size_t zipf_draw(const zipf *z)
{
	double u = unif();
	size_t lo = 0, hi = z->n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (z->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void zipf_cleanup(zipf *z)
{
	free(z->cdf);
}

/* ---- a set of strings (unique keys and citation keys) --------------------- */

typedef struct strset {
	char **slots;
	size_t cap, n;
} strset;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void strset_init(strset *set, size_t expect)
{
	set->cap = 16;
	while (set->cap < expect * 2)
		set->cap *= 2;
	set->slots = colo_xcalloc(set->cap, sizeof *set->slots);
	set->n = 0;
}

/* Adds a copy of s; false when it was there already. */
static bool strset_add(strset *set, const char *s)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		strset bigger;

		strset_init(&bigger, set->cap);
		for (size_t k = 0; k < set->cap; k++)
			if (set->slots[k]) {
				size_t j = hash_str(set->slots[k]) & (bigger.cap - 1);

				while (bigger.slots[j])
					j = (j + 1) & (bigger.cap - 1);
				bigger.slots[j] = set->slots[k];
			}
		bigger.n = set->n;
		free(set->slots);
		*set = bigger;
	}
	i = hash_str(s) & (set->cap - 1);
	while (set->slots[i]) {
		if (strcmp(set->slots[i], s) == 0)
			return false;
		i = (i + 1) & (set->cap - 1);
	}
	set->slots[i] = colo_xstrdup(s);
	set->n++;
	return true;
}

static void strset_cleanup(strset *set)
{
	for (size_t k = 0; k < set->cap; k++)
		free(set->slots[k]);
	free(set->slots);
}

/* ---- the library generator ----------------------------------------------- */

static const char *const real_surnames[] = {
	"Smith", "M\xc3\xbcller", "Garc\xc3\xad" "a", "Wang", "Nguyen", "Kowalski",
	"Johnson", "Li", "Brown", "Schmidt", "Mart\xc3\xadnez", "Kim", "Ivanova",
	"Williams", "Farley", "Okafor", "Rossi", "Dubois", "Jones", "Tanaka",
	"Papadopoulos", "Nowak", "Andersson", "O'Brien", "Chen", "Silva", "Fischer",
	"L\xc3\xb3pez", "Patel", "Hansen",
};
static const char *const real_given[] = {
	"Robert", "Mary", "John", "Anna", "Wei", "Maria", "David", "Sarah",
	"Michael", "Laura", "J\xc3\xbcrgen", "Fran\xc3\xa7ois", "Li", "James",
	"Elena", "Thomas", "Emma", "Daniel", "Sofia", "Peter", "Hiroshi", "Olga",
	"Ahmed", "Fatima", "Lucas", "Chloe", "Ngozi", "Carlos", "Ingrid", "Paul",
};
static const char *const consonants[] = {
	"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s",
	"t", "v", "w", "z", "br", "ch", "st", "tr", "th", "sh",
};
static const char *const vowels[] = {"a", "e", "i", "o", "u", "ia", "io", "ea"};

/* A pseudo-word of 2-4 consonant-vowel syllables (it ends in a vowel, so
 * stemming leaves it alone); capitalised when cap. */
static char *pseudo_word(bool cap)
{
	char buf[64];
	size_t len = 0, syl = 2 + rnd(3);

	for (size_t i = 0; i < syl; i++) {
		const char *c = consonants[rnd(sizeof consonants / sizeof *consonants)];
		const char *v = vowels[rnd(sizeof vowels / sizeof *vowels)];

		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", c, v);
	}
	if (cap)
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return colo_xstrdup(buf);
}

/* n distinct strings: the given ones first, then pseudo-words. */
static char **word_pool(size_t n, const char *const *first, size_t nfirst,
                        bool cap)
{
	char **v = colo_xcalloc(n, sizeof *v);
	strset seen;
	size_t i = 0;

	strset_init(&seen, n);
	for (; i < n && i < nfirst; i++) {
		v[i] = colo_xstrdup(first[i]);
		strset_add(&seen, v[i]);
	}
	while (i < n) {
		char *w = pseudo_word(cap);

		if (strset_add(&seen, w))
			v[i++] = w;
		else
			free(w);
	}
	strset_cleanup(&seen);
	return v;
}

static void pool_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

typedef struct library {
	size_t nworks, npeople, nvenues;
	colo_person *people;
	colo_venue *venues;
	char **vocab;
	size_t nvocab;
	zipf words, venue_pick;
	size_t *slots; /* person indices, each repeated by its productivity */
	size_t nslots, next_slot;
	strset work_keys, citekeys;
} library;

static void make_people(library *L)
{
	size_t nsur = L->npeople / 4 > 50 ? L->npeople / 4 : 50;
	size_t ngiven = 400;
	char **sur = word_pool(nsur, real_surnames,
	                       sizeof real_surnames / sizeof *real_surnames, true);
	char **giv = word_pool(ngiven, real_given,
	                       sizeof real_given / sizeof *real_given, true);
	zipf zs, zg, lotka;
	strset keys;
	size_t total = 0;
	size_t *works_of = colo_xmalloc(L->npeople * sizeof *works_of);

	zipf_init(&zs, nsur, 0.75);
	zipf_init(&zg, ngiven, 0.5);
	zipf_init(&lotka, 1000, 2.1);
	strset_init(&keys, L->npeople);
	L->people = colo_xcalloc(L->npeople, sizeof *L->people);
	for (size_t i = 0; i < L->npeople; i++) {
		colo_person *p = &L->people[i];

		for (int tries = 0;; tries++) {
			char given[96];
			char *key;

			if (tries < 4)
				snprintf(given, sizeof given, "%s", giv[zipf_draw(&zg)]);
			else if (tries < 40)
				snprintf(given, sizeof given, "%s %c.", giv[zipf_draw(&zg)],
				         (char)('A' + rnd(26)));
			else
				snprintf(given, sizeof given, "%s %s", giv[rnd(ngiven)],
				         giv[rnd(ngiven)]);
			colo_set_str(&p->name.given, given);
			colo_set_str(&p->name.family,
			             tries < 60 ? sur[zipf_draw(&zs)] : sur[rnd(nsur)]);
			key = colo_person_key(p);
			if (strset_add(&keys, key)) {
				p->key = key;
				break;
			}
			free(key);
		}
		works_of[i] = zipf_draw(&lotka) + 1;
		total += works_of[i];
	}
	/* Each person appears in the slot array as often as Lotka's law
	 * says; works draw their creators from it in a shuffled order. */
	L->slots = colo_xmalloc(total * sizeof *L->slots);
	L->nslots = 0;
	for (size_t i = 0; i < L->npeople; i++)
		for (size_t j = 0; j < works_of[i]; j++)
			L->slots[L->nslots++] = i;
	for (size_t i = L->nslots; i > 1; i--) {
		size_t j = rnd(i), t = L->slots[i - 1];

		L->slots[i - 1] = L->slots[j];
		L->slots[j] = t;
	}
	L->next_slot = 0;
	free(works_of);
	strset_cleanup(&keys);
	zipf_cleanup(&lotka);
	zipf_cleanup(&zg);
	zipf_cleanup(&zs);
	pool_free(giv, ngiven);
	pool_free(sur, nsur);
}

static const char *venue_kind(size_t i)
{
	switch (i % 10) {
	case 0: case 1: case 2: case 3: case 4: case 5:
		return "journal";
	case 6: case 7:
		return "magazine";
	case 8:
		return "blog";
	default:
		return "publisher";
	}
}

static void make_venues(library *L)
{
	strset keys;

	strset_init(&keys, L->nvenues);
	L->venues = colo_xcalloc(L->nvenues, sizeof *L->venues);
	for (size_t i = 0; i < L->nvenues; i++) {
		colo_venue *v = &L->venues[i];
		const char *kind = venue_kind(i);

		for (;;) {
			char name[256];
			char *a = pseudo_word(true), *b = pseudo_word(true);

			if (strcmp(kind, "journal") == 0)
				snprintf(name, sizeof name, "Journal of %s %s", a, b);
			else if (strcmp(kind, "magazine") == 0)
				snprintf(name, sizeof name, "%s %s Review", a, b);
			else if (strcmp(kind, "blog") == 0)
				snprintf(name, sizeof name, "%s %s Blog", a, b);
			else
				snprintf(name, sizeof name, "%s & %s Press", a, b);
			free(a);
			free(b);
			colo_set_str(&v->name, name);
			colo_set_str(&v->kind, kind);
			free(v->key);
			v->key = colo_venue_key(v);
			if (strset_add(&keys, v->key))
				break;
		}
	}
	strset_cleanup(&keys);
}

static size_t next_person(library *L)
{
	size_t p = L->slots[L->next_slot++];

	if (L->next_slot == L->nslots)
		L->next_slot = 0;
	return p;
}

static char *title_words(library *L, size_t lo, size_t hi)
{
	size_t n = lo + rnd(hi - lo + 1);
	char buf[1024];
	size_t len = 0;

	for (size_t i = 0; i < n && len < sizeof buf - 40; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
		                        i ? " " : "", L->vocab[zipf_draw(&L->words)]);
	buf[0] = (char)(buf[0] - 'a' + 'A');
	return colo_xstrdup(buf);
}

/* Work i of the library, into w (zeroed by the caller). */
static void make_work(library *L, size_t i, colo_work *w)
{
	size_t vi = zipf_draw(&L->venue_pick);
	const colo_venue *v = &L->venues[vi];
	size_t nc, roll = rnd(100);
	size_t picked[8];
	char buf[256], *t;

	colo_work_init(w);
	nc = roll < 40 ? 1 : roll < 70 ? 2 : roll < 87 ? 3 : roll < 95 ? 4
	                                 : 5 + rnd(4);
	if (strcmp(v->kind, "journal") == 0)
		colo_set_str(&w->type, rnd(10) ? "article-journal" : "paper-conference");
	else if (strcmp(v->kind, "magazine") == 0)
		colo_set_str(&w->type, "article-magazine");
	else if (strcmp(v->kind, "blog") == 0)
		colo_set_str(&w->type, "post-weblog");
	else
		colo_set_str(&w->type, rnd(3) ? "book" : "chapter");
	t = title_words(L, 3, 12);
	w->title = t;
	if (rnd(10) < 3)
		w->subtitle = title_words(L, 2, 6);
	w->year = 2026 - (int)(76.0 * unif() * unif());
	if (rnd(2))
		w->month = 1 + (int)rnd(12);
	for (size_t k = 0; k < nc; k++) {
		size_t p = next_person(L);
		bool dup = false;

		for (size_t j = 0; j < k; j++)
			dup = dup || picked[j] == p;
		if (dup) {
			p = next_person(L);
			for (size_t j = 0; j < k; j++)
				if (picked[j] == p)
					p = (size_t)-1;
			if (p == (size_t)-1) {
				nc = k;
				break;
			}
		}
		picked[k] = p;
	}
	for (size_t k = 0; k < nc; k++) {
		const colo_person *p = &L->people[picked[k]];
		colo_creator *c = colo_work_add_creator(
		    w, strcmp(w->type, "book") == 0 && rnd(10) == 0 ? COLO_ROLE_EDITOR
		                                                    : COLO_ROLE_AUTHOR);

		colo_name_copy(&c->name, &p->name);
		colo_set_str(&c->person_id, p->key);
		c->person = (long)picked[k]; /* for the loader's person_works */
	}
	colo_set_str(&w->venue_id, v->key);
	if (strcmp(w->type, "book") == 0) {
		colo_set_str(&w->publisher, v->name);
	} else if (strcmp(w->type, "chapter") == 0) {
		colo_set_str(&w->publisher, v->name);
		t = title_words(L, 2, 6);
		colo_set_str(&w->container, t);
		free(t);
		snprintf(buf, sizeof buf, "%zu-%zu", 1 + rnd(300), 301 + rnd(100));
		colo_set_str(&w->pages, buf);
	} else {
		colo_set_str(&w->container, v->name);
	}
	if (strcmp(w->type, "article-journal") == 0) {
		snprintf(buf, sizeof buf, "%zu", 1 + rnd(60));
		colo_set_str(&w->volume, buf);
		snprintf(buf, sizeof buf, "%zu", 1 + rnd(12));
		colo_set_str(&w->issue, buf);
		snprintf(buf, sizeof buf, "%zu-%zu", 1 + rnd(300), 301 + rnd(100));
		colo_set_str(&w->pages, buf);
		if (rnd(5)) {
			snprintf(buf, sizeof buf, "10.5555/colo.%zu", i);
			colo_set_str(&w->doi, buf);
		}
	}
	/* The dedup key: a title key that another work already has gets a
	 * DOI instead (two generated works never merge). */
	w->key = colo_work_key(w);
	if (!strset_add(&L->work_keys, w->key)) {
		snprintf(buf, sizeof buf, "10.5555/colo.%zu", i);
		colo_set_str(&w->doi, buf);
		free(w->key);
		w->key = colo_work_key(w);
		strset_add(&L->work_keys, w->key);
	}
	{
		char *fam = nc ? colo_text_normkey(w->creators[0].name.family,
		                                   strlen(w->creators[0].name.family))
		               : colo_xstrdup("anon");
		char *first = colo_text_normkey(w->title, strlen(w->title));
		char base[160];
		size_t o = 0;

		for (char *p = fam; *p && o < 60; p++)
			if (*p != ' ')
				base[o++] = *p;
		o += (size_t)snprintf(base + o, sizeof base - o, "%d", w->year);
		for (char *p = first; *p && *p != ' ' && o < sizeof base - 1; p++)
			base[o++] = *p;
		base[o] = '\0';
		for (size_t n = 0;; n++) {
			char *ck = n ? colo_citekey_suffixed(base, n - 1)
			             : colo_xstrdup(base);

			if (strset_add(&L->citekeys, ck)) {
				w->citekey = ck;
				break;
			}
			free(ck);
		}
		free(first);
		free(fam);
	}
}

static void library_init(library *L, size_t nworks)
{
	memset(L, 0, sizeof *L);
	L->nworks = nworks;
	L->npeople = nworks / 5 > 10 ? nworks / 5 : 10;
	L->nvenues = nworks / 50 > 5 ? nworks / 50 : 5;
	L->nvocab = 8000;
	L->vocab = word_pool(L->nvocab, NULL, 0, false);
	zipf_init(&L->words, L->nvocab, 0.9);
	make_people(L);
	make_venues(L);
	zipf_init(&L->venue_pick, L->nvenues, 1.0);
	strset_init(&L->work_keys, nworks);
	strset_init(&L->citekeys, nworks);
}

static void library_cleanup(library *L)
{
	for (size_t i = 0; i < L->npeople; i++)
		colo_person_cleanup(&L->people[i]);
	free(L->people);
	for (size_t i = 0; i < L->nvenues; i++)
		colo_venue_cleanup(&L->venues[i]);
	free(L->venues);
	pool_free(L->vocab, L->nvocab);
	zipf_cleanup(&L->words);
	zipf_cleanup(&L->venue_pick);
	free(L->slots);
	strset_cleanup(&L->work_keys);
	strset_cleanup(&L->citekeys);
}

/* ---- timing -------------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* ---- load ---------------------------------------------------------------- */

/* n words of the title, from a random position. */
static void sample_words(const char *title, size_t n, char *out, size_t cap)
{
	char *norm = colo_text_normkey(title, strlen(title));
	char *words[64];
	size_t nw = 0, start;
	size_t o = 0;

	for (char *p = strtok(norm, " "); p && nw < 64; p = strtok(NULL, " "))
		words[nw++] = p;
	if (n > nw)
		n = nw;
	start = nw > n ? rnd(nw - n + 1) : 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? " " : "",
		                      words[start + i]);
	free(norm);
}

static int load(const char *uri, size_t n, const char *sample_path, size_t q)
{
	colo_store *st = NULL;
	colo_error err;
	library L;
	FILE *sf = NULL;
	size_t *pick_search = NULL, *pick_show = NULL;
	char **ck = NULL, **title = NULL;
	char **wkey = NULL;              /* wkey[i]: work i's _id */
	uint32_t **post = NULL;          /* post[p]: person p's works */
	size_t *npost = NULL, *cappost = NULL;
	double t0, tgen, tins = 0;
	int rc = 1;

	t0 = now();
	library_init(&L, n);
	tgen = now() - t0;
	wkey = colo_xcalloc(n ? n : 1, sizeof *wkey);
	post = colo_xcalloc(L.npeople ? L.npeople : 1, sizeof *post);
	npost = colo_xcalloc(L.npeople ? L.npeople : 1, sizeof *npost);
	cappost = colo_xcalloc(L.npeople ? L.npeople : 1, sizeof *cappost);
	if (!colo_store_open(uri, &st, &err)) {
		fprintf(stderr, "bench_query: %s\n", err.message);
		goto done;
	}
	/* Which works the query phase will look up, chosen before
	 * generating so nothing but these few is kept. */
	pick_search = colo_xmalloc(q * sizeof *pick_search);
	pick_show = colo_xmalloc(q * sizeof *pick_show);
	ck = colo_xcalloc(q, sizeof *ck);
	title = colo_xcalloc(q, sizeof *title);
	for (size_t i = 0; i < q; i++) {
		pick_search[i] = rnd(n);
		pick_show[i] = rnd(n);
	}

	t0 = now();
	for (size_t base = 0; base < L.npeople; base += CHUNK) {
		size_t m = L.npeople - base < CHUNK ? L.npeople - base : CHUNK;

		if (!colo_store_bench_insert_people(st, L.people + base, m, &err)) {
			fprintf(stderr, "bench_query: %s\n", err.message);
			goto done;
		}
	}
	for (size_t base = 0; base < L.nvenues; base += CHUNK) {
		size_t m = L.nvenues - base < CHUNK ? L.nvenues - base : CHUNK;

		if (!colo_store_bench_insert_venues(st, L.venues + base, m, &err)) {
			fprintf(stderr, "bench_query: %s\n", err.message);
			goto done;
		}
	}
	tins += now() - t0;
	for (size_t base = 0; base < n; base += CHUNK) {
		size_t m = n - base < CHUNK ? n - base : CHUNK;
		colo_work *ws = colo_xcalloc(m, sizeof *ws);
		double t1;

		for (size_t i = 0; i < m; i++) {
			make_work(&L, base + i, &ws[i]);
			wkey[base + i] = colo_xstrdup(ws[i].key);
			for (size_t j = 0; j < ws[i].ncreators; j++) {
				size_t pi = (size_t)ws[i].creators[j].person;

				colo_grow((void **)&post[pi], &cappost[pi], npost[pi] + 1,
				          sizeof *post[pi]);
				post[pi][npost[pi]++] = (uint32_t)(base + i);
			}
			for (size_t k = 0; k < q; k++) {
				if (pick_show[k] == base + i)
					colo_set_str(&ck[k], ws[i].citekey);
				if (pick_search[k] == base + i)
					colo_set_str(&title[k], ws[i].title);
			}
		}
		t1 = now();
		if (!colo_store_bench_insert_works(st, ws, m, &err)) {
			fprintf(stderr, "bench_query: %s\n", err.message);
			for (size_t i = 0; i < m; i++)
				colo_work_cleanup(&ws[i]);
			free(ws);
			goto done;
		}
		tins += now() - t1;
		for (size_t i = 0; i < m; i++)
			colo_work_cleanup(&ws[i]);
		free(ws);
		if ((base / CHUNK) % 50 == 49)
			fprintf(stderr, "bench_query: %zu works stored (%.0f records/s)\n",
			        base + m, (double)(L.npeople + L.nvenues + base + m) / tins);
	}

	/* The lookups the works need: names of every person, and each
	 * person's works, written once each now that all are known. */
	t0 = now();
	if (!colo_store_bench_insert_names(st, L.people, L.npeople, &err)) {
		fprintf(stderr, "bench_query: %s\n", err.message);
		goto done;
	}
	for (size_t base = 0; base < L.npeople; base += CHUNK) {
		size_t m = 0, end = base + CHUNK < L.npeople ? base + CHUNK : L.npeople;
		const char **pid = colo_xcalloc(CHUNK, sizeof *pid);
		const char ***wids = colo_xcalloc(CHUNK, sizeof *wids);
		size_t *nw = colo_xcalloc(CHUNK, sizeof *nw);
		bool ok;

		for (size_t pi = base; pi < end; pi++) {
			if (!npost[pi])
				continue;
			pid[m] = L.people[pi].key;
			wids[m] = colo_xcalloc(npost[pi], sizeof **wids);
			for (size_t j = 0; j < npost[pi]; j++)
				wids[m][j] = wkey[post[pi][j]];
			nw[m++] = npost[pi];
		}
		ok = colo_store_bench_insert_postings(
		    st, pid, (const char *const *const *)wids, nw, m, &err);
		for (size_t j = 0; j < m; j++)
			free(wids[j]);
		free(wids);
		free(pid);
		free(nw);
		if (!ok) {
			fprintf(stderr, "bench_query: %s\n", err.message);
			goto done;
		}
	}
	tins += now() - t0;

	sf = fopen(sample_path, "w");
	if (!sf) {
		perror(sample_path);
		goto done;
	}
	{
		size_t records = L.npeople + L.nvenues + n;

		fprintf(sf, "size\t%zu\t%zu\t%zu\n", n, L.npeople, L.nvenues);
		fprintf(sf, "import\t%.0f\t%.1f\n", (double)records / tins, tins);
		printf("generated %zu works, %zu people, %zu venues in %.1f s\n", n,
		       L.npeople, L.nvenues, tgen);
		printf("stored %zu records in %.1f s: %.0f records/s (bulk inserts of "
		       "%d, insert time only)\n",
		       records, tins, (double)records / tins, CHUNK);
	}
	for (size_t i = 0; i < q; i++) {
		const colo_person *p = &L.people[rnd(L.npeople)];
		char *disp = colo_name_display(&p->name);
		char words[512];

		fprintf(sf, "a\t%s\n", disp);
		free(disp);
		fprintf(sf, "k\t%s\n", ck[i] ? ck[i] : "");
		for (size_t nw = 1; nw <= 3; nw++) {
			sample_words(title[i] ? title[i] : "x", nw, words, sizeof words);
			fprintf(sf, "s%zu\t%s\n", nw, words);
		}
	}
	rc = 0;
done:
	if (sf)
		fclose(sf);
	for (size_t i = 0; ck && i < q; i++) {
		free(ck[i]);
		free(title[i]);
	}
	free(ck);
	free(title);
	for (size_t i = 0; wkey && i < n; i++)
		free(wkey[i]);
	free(wkey);
	for (size_t i = 0; post && i < L.npeople; i++)
		free(post[i]);
	free(post);
	free(npost);
	free(cappost);
	free(pick_search);
	free(pick_show);
	colo_store_destroy(st);
	library_cleanup(&L);
	return rc;
}

/* ---- query --------------------------------------------------------------- */

typedef struct inputs {
	char **v;
	size_t n, cap;
} inputs;

static void inputs_add(inputs *in, const char *s)
{
	colo_grow((void **)&in->v, &in->cap, in->n + 1, sizeof *in->v);
	in->v[in->n++] = colo_xstrdup(s);
}

static void inputs_cleanup(inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->v[i]);
	free(in->v);
}

enum { Q_WORKS, Q_S1, Q_S2, Q_S3, Q_SHOW, NKINDS };

static const char *const kind_name[NKINDS] = {
	"works AUTHOR", "search 1 word", "search 2 words", "search 3 words",
	"show KEY",
};

/* One query of kind k with input s; *hits gets the number of works. */
static bool run_one(colo_store *st, int k, const char *s, size_t *hits,
                    colo_error *err)
{
	colo_work_list works;
	bool ok = false;

	colo_work_list_init(&works);
	*hits = 0;
	if (k == Q_WORKS) {
		colo_name nm;
		colo_person_list people;

		colo_name_init(&nm);
		colo_person_list_init(&people);
		colo_name_parse(s, strlen(s), &nm);
		if (colo_store_find_people(st, &nm, &people, err)) {
			ok = true;
			/* The CLI lists the people and asks for --person when
			 * several match; the benchmark takes the best match, as
			 * `works --person ID` would. */
			if (people.n) {
				colo_works_query q;

				colo_works_query_init(&q);
				q.person_id = people.items[0].id;
				ok = colo_store_works_query(st, &q, &works, err);
			}
		}
		colo_person_list_cleanup(&people);
		colo_name_cleanup(&nm);
	} else if (k == Q_SHOW) {
		colo_shown_list shown;

		colo_shown_list_init(&shown);
		ok = colo_store_show(st, s, &shown, err);
		*hits = shown.n;
		colo_shown_list_cleanup(&shown);
		return ok;
	} else {
		colo_search_query q;

		memset(&q, 0, sizeof q);
		if (colo_search_parse(s, &q, err))
			ok = colo_store_search(st, &q, SEARCH_LIMIT, &works, err);
		colo_search_query_cleanup(&q);
	}
	*hits = works.n;
	colo_work_list_cleanup(&works);
	return ok;
}

static bool plan_id(colo_store *st, const char *coll, const char *id,
                    colo_error *err)
{
	char *plan = NULL;
	bool ok = colo_store_bench_explain_id(st, coll, id, &plan, err);

	if (ok)
		printf("  plan %s.find {_id: \"%s\"}: %s\n", coll, id, plan);
	free(plan);
	return ok;
}

static bool print_plan(colo_store *st, int k, const char *s, colo_error *err)
{
	char *plan = NULL;
	bool ok = false;

	if (k == Q_WORKS) {
		colo_name nm;
		colo_person_list people;
		char *fam;

		colo_name_init(&nm);
		colo_person_list_init(&people);
		colo_name_parse(s, strlen(s), &nm);
		fam = colo_name_family_norm(&nm);
		ok = plan_id(st, "names", fam ? fam : "", err) &&
		     colo_store_find_people(st, &nm, &people, err);
		if (ok && people.n) {
			colo_works_query q;
			colo_work_list works;

			ok = plan_id(st, "people", people.items[0].id, err) &&
			     plan_id(st, "person_works", people.items[0].id, err);
			colo_works_query_init(&q);
			q.person_id = people.items[0].id;
			colo_work_list_init(&works);
			if (ok && colo_store_works_query(st, &q, &works, err) && works.n)
				ok = plan_id(st, "works", works.items[0].id, err);
			colo_work_list_cleanup(&works);
		}
		free(fam);
		colo_person_list_cleanup(&people);
		colo_name_cleanup(&nm);
	} else if (k == Q_SHOW) {
		colo_work_list works;
		bool found = false;

		colo_work_list_init(&works);
		ok = plan_id(st, "citekeys", s, err) &&
		     colo_store_works_by_citekeys(st, &s, 1, &works, &found, err);
		if (ok && works.n)
			ok = plan_id(st, "works", works.items[0].id, err);
		colo_work_list_cleanup(&works);
	} else {
		colo_search_query q;

		memset(&q, 0, sizeof q);
		if (colo_search_parse(s, &q, err)) {
			ok = colo_store_bench_explain_search(st, &q, SEARCH_LIMIT, &plan,
			                                     err);
			if (ok)
				printf("  plan works.find {tokens: {$all: [...]}} (\"%s\") sort "
				       "issued.y desc limit %d: %s\n",
				       s, SEARCH_LIMIT, plan);
		}
		colo_search_query_cleanup(&q);
	}
	free(plan);
	return ok;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The p-th percentile by nearest rank. */
static double pct(const double *v, size_t n, double p)
{
	size_t r = (size_t)ceil(p / 100.0 * (double)n);

	return v[r ? r - 1 : 0];
}

static int query(const char *uri, const char *sample_path, size_t q,
                 double budget)
{
	colo_store *st = NULL;
	colo_error err;
	FILE *sf = fopen(sample_path, "r");
	char line[2048];
	inputs in[NKINDS];
	size_t nworks = 0, npeople = 0, nvenues = 0;
	double import_rate = 0;
	double p50[NKINDS], p99[NKINDS];
	size_t ran[NKINDS];
	long rss_start;
	int rc = 1;

	memset(in, 0, sizeof in);
	if (!sf) {
		perror(sample_path);
		return 1;
	}
	while (fgets(line, sizeof line, sf)) {
		char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		if (!tab)
			continue;
		*tab++ = '\0';
		if (strcmp(line, "size") == 0)
			sscanf(tab, "%zu %zu %zu", &nworks, &npeople, &nvenues);
		else if (strcmp(line, "import") == 0)
			import_rate = strtod(tab, NULL);
		else if (strcmp(line, "a") == 0)
			inputs_add(&in[Q_WORKS], tab);
		else if (strcmp(line, "k") == 0 && *tab)
			inputs_add(&in[Q_SHOW], tab);
		else if (strcmp(line, "s1") == 0 && *tab)
			inputs_add(&in[Q_S1], tab);
		else if (strcmp(line, "s2") == 0 && *tab)
			inputs_add(&in[Q_S2], tab);
		else if (strcmp(line, "s3") == 0 && *tab)
			inputs_add(&in[Q_S3], tab);
	}
	fclose(sf);
	if (!colo_store_open(uri, &st, &err)) {
		fprintf(stderr, "bench_query: %s\n", err.message);
		goto done;
	}
	if (getenv("BENCH_LOOKUPS")) {
		bool with_in = strcmp(getenv("BENCH_LOOKUPS"), "in") == 0;

		colo_store_set_point_lookups(st, !with_in);
		printf("lookups by _id: %s\n",
		       with_in ? "$in per 256" : "one per document");
	}
	rss_start = peak_rss_kb();
	printf("library: %zu works, %zu people, %zu venues\n", nworks, npeople,
	       nvenues);
	for (int k = 0; k < NKINDS; k++) {
		size_t n = in[k].n < q ? in[k].n : q;
		double *lat = colo_xcalloc(n ? n : 1, sizeof *lat);
		double started = now(), hits = 0;
		size_t done_n = 0;

		printf("%s (first input \"%s\"):\n", kind_name[k],
		       n ? in[k].v[0] : "");
		if (n && !print_plan(st, k, in[k].v[0], &err))
			printf("  plan: unavailable: %s\n", err.message);
		for (size_t i = 0; i < n; i++) {
			size_t h;
			double t = now();

			if (!run_one(st, k, in[k].v[i], &h, &err)) {
				fprintf(stderr, "bench_query: %s: %s\n", kind_name[k],
				        err.message);
				free(lat);
				goto done;
			}
			lat[done_n++] = (now() - t) * 1000.0;
			hits += (double)h;
			if (now() - started > budget)
				break;
		}
		qsort(lat, done_n, sizeof *lat, cmp_double);
		ran[k] = done_n;
		p50[k] = done_n ? pct(lat, done_n, 50) : 0;
		p99[k] = done_n ? pct(lat, done_n, 99) : 0;
		printf("  %zu queries in %.1f s, %.1f works per answer, p50 %.1f ms, "
		       "p99 %.1f ms, max %.1f ms\n",
		       done_n, now() - started, done_n ? hits / (double)done_n : 0,
		       p50[k], p99[k], done_n ? lat[done_n - 1] : 0);
		free(lat);
	}
	printf("peak RSS: %.1f MB after connecting, %.1f MB after all queries\n",
	       (double)rss_start / 1024.0, (double)peak_rss_kb() / 1024.0);
	printf("\n| works | import records/s |");
	for (int k = 0; k < NKINDS; k++)
		printf(" %s p50 / p99 ms (n) |", kind_name[k]);
	printf(" peak RSS MB |\n");
	printf("| %zu | %.0f |", nworks, import_rate);
	for (int k = 0; k < NKINDS; k++)
		printf(" %.1f / %.1f (%zu) |", p50[k], p99[k], ran[k]);
	printf(" %.1f |\n", (double)peak_rss_kb() / 1024.0);
	rc = 0;
done:
	for (int k = 0; k < NKINDS; k++)
		inputs_cleanup(&in[k]);
	colo_store_destroy(st);
	return rc;
}

int main(int argc, char **argv)
{
	/* Line by line even into a pipe (bench_query.sh tees it). */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 5 && strcmp(argv[1], "load") == 0)
		return load(argv[2], strtoul(argv[3], NULL, 10), argv[4], 200);
	if (argc >= 4 && argc <= 6 && strcmp(argv[1], "query") == 0)
		return query(argv[2], argv[3],
		             argc > 4 ? strtoul(argv[4], NULL, 10) : 200,
		             argc > 5 ? strtod(argv[5], NULL) : 120.0);
	fprintf(stderr, "usage: bench_query load URI N SAMPLE\n"
	                "       bench_query query URI SAMPLE [Q] [SECONDS]\n");
	return 2;
}
