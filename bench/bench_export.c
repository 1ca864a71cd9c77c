/* bench_export.c - how fast the writers are, without the database.
 *
 *   bench_export [N] [ROUNDS]      (defaults: 100000 works, 3 rounds)
 *   bench_export --load URI [N]    store N generated works (export_db.sh)
 *
 * Generates N varied works in memory (deterministic): 1-6 creators with
 * particles, suffixes, organisations and non-ASCII names (German, Nordic,
 * Polish, Vietnamese, Cyrillic, Greek); titles from short to ~300
 * characters with subtitles, acronyms, proper nouns and TeX specials;
 * every CSL type the writers map; pages, DOIs, URLs with % and #, notes.
 * Then writes all of them with each writer (BibTeX, BibLaTeX, BibTeX
 * --ascii, CSL-JSON, RIS) into one growing buffer, ROUNDS times, and
 * prints the best round's entries/s and MB/s (wall clock) and entries
 * per CPU-second (what one core does when the machine is shared).  Not a test: run it by hand
 * (see bench/README.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/store.h"
#include "colophon/store_bench.h"
#include "colophon/store_export.h"
#include "colophon/writer.h"

static unsigned long long rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *pick(const char *const *v, size_t n)
{
	return v[rnd((unsigned)n)];
}

#define PICK(v) pick(v, sizeof v / sizeof *v)

static const char *const given[] = {
	"Robert", "Miriam", "J\xc3\xbcrgen", "\xc3\x98ystein", "Ana Mar\xc3\xad" "a",
	"Fran\xc3\xa7ois", "Nguy\xe1\xbb\x85n V\xc4\x83n", "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0",
	"\xce\x93\xce\xb9\xcf\x8e\xcf\x81\xce\xb3\xce\xbf\xcf\x82", "Li", "Mary Ann",
	"J. R. R.", "Zo\xc3\xab", "\xc5\x81ukasz",
};
static const char *const family[] = {
	"Farley", "Okafor", "M\xc3\xbcller", "\xc3\x98" "degaard", "Garc\xc3\xad" "a",
	"Stra\xc3\x9f" "er", "Tr\xe1\xba\xa7n", "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xb0",
	"\xce\xa0\xce\xb1\xcf\x80\xce\xb1\xce\xb4\xcf\x8c\xcf\x80\xce\xbf\xcf\x85\xce\xbb\xce\xbf\xcf\x82",
	"O'Brien", "Smith", "Wang", "Nowak", "Kowalczyk",
};
static const char *const particles[] = {"van", "de la", "von", "di", "van der"};
static const char *const orgs[] = {
	"World Health Organization", "RAND Corporation", "Smith and Wesson",
	"Institut f\xc3\xbcr Weltwirtschaft", "UN Security Council",
};
static const char *const words[] = {
	"the", "case", "for", "abolishing", "United", "States", "Air", "Force",
	"NATO", "history", "of", "naval", "power", "in", "Gulf", "Guinea", "DNA",
	"&", "50%", "trade", "\xc3\xa9" "conomie", "R\xc3\xa9" "gime", "War",
	"Soviet", "Union", "markets", "#1", "x_y", "iPhone", "Europe", "North",
	"Korea", "on", "a", "theory", "\xe2\x80\x94", "policy", "Stra\xc3\x9f" "e",
	"\xd0\xb8\xd1\x81\xd1\x82\xd0\xbe\xd1\x80\xd0\xb8\xd1\x8f", "{braces}",
	"\\back", "~tilde", "^caret", "data", "networks", "Cold", "American",
};
static const char *const types[] = {
	"book", "article-journal", "article-magazine", "chapter",
	"paper-conference", "thesis", "report", "post-weblog", "webpage",
	"article-newspaper",
};
static const char *const containers[] = {
	"The Diplomat", "Journal of Strategic Studies", "Foreign Affairs",
	"Proceedings of the ACM on Programming Languages", "Lawfare",
	"Revue fran\xc3\xa7" "aise", "Naval War College Review",
};

static char *sentence(unsigned min, unsigned max)
{
	colo_buf b;
	unsigned n = min + rnd(max - min + 1);

	colo_buf_init(&b, 0);
	for (unsigned i = 0; i < n; i++) {
		const char *w = PICK(words);

		if (i)
			colo_buf_putc(&b, ' ');
		if (i == 0 && w[0] >= 'a' && w[0] <= 'z') {
			colo_buf_putc(&b, (char)(w[0] - 'a' + 'A'));
			colo_buf_puts(&b, w + 1);
		} else {
			colo_buf_puts(&b, w);
		}
	}
	return colo_buf_steal(&b);
}

static void make(colo_work *w, size_t i)
{
	char buf[128];
	unsigned nc = 1 + rnd(6);
	char *s;

	colo_work_init(w);
	snprintf(buf, sizeof buf, "key%zu", i);
	colo_set_str(&w->citekey, buf);
	colo_set_str(&w->type, PICK(types));
	s = sentence(2, rnd(10) == 0 ? 45 : 9); /* some very long titles */
	colo_set_str(&w->title, s);
	free(s);
	if (rnd(2)) {
		s = sentence(3, 10);
		colo_set_str(&w->subtitle, s);
		free(s);
	}
	for (unsigned k = 0; k < nc; k++) {
		colo_creator *c = colo_work_add_creator(
			w, k > 0 && rnd(8) == 0 ? COLO_ROLE_EDITOR : COLO_ROLE_AUTHOR);

		if (rnd(12) == 0) {
			colo_set_str(&c->name.literal, PICK(orgs));
			continue;
		}
		colo_set_str(&c->name.given, PICK(given));
		colo_set_str(&c->name.family, PICK(family));
		if (rnd(6) == 0)
			colo_set_str(&c->name.particle, PICK(particles));
		if (rnd(20) == 0)
			colo_set_str(&c->name.suffix, "Jr.");
	}
	w->year = 1900 + (int)rnd(125);
	w->month = rnd(3) ? 0 : 1 + (int)rnd(12);
	w->day = w->month && rnd(2) ? 1 + (int)rnd(28) : 0;
	colo_set_str(&w->publisher, rnd(2) ? "University Press of Kentucky"
	                                   : "Marrow & Finch");
	colo_set_str(&w->place, rnd(2) ? "Lexington, KY" : "Z\xc3\xbcrich");
	colo_set_str(&w->container, PICK(containers));
	if (rnd(2)) {
		snprintf(buf, sizeof buf, "%u", 1 + rnd(80));
		colo_set_str(&w->volume, buf);
		snprintf(buf, sizeof buf, "%u\xe2\x80\x93%u", 1 + rnd(300),
		         301 + rnd(300));
		colo_set_str(&w->pages, buf);
	}
	if (rnd(2)) {
		snprintf(buf, sizeof buf, "10.%u/abc.%zu", 1000 + rnd(9000), i);
		colo_set_str(&w->doi, buf);
	}
	if (rnd(2)) {
		snprintf(buf, sizeof buf,
		         "https://example.org/articles/%zu?ref=a%%20b&x=1#sec-%u", i,
		         rnd(9));
		colo_set_str(&w->url, buf);
	}
	if (rnd(4) == 0)
		colo_set_str(&w->isbn, "978-3-16-148410-0");
	if (rnd(5) == 0) {
		s = sentence(5, 30);
		colo_set_str(&w->note, s);
		free(s);
	}
}

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

/* CPU time of this process: on a shared, loaded machine the wall clock
 * also counts time spent waiting for a core. */
static double cpu(void)
{
	return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

/* bench_export --load URI N: stores N generated works (the same
 * generator, keys key0 ... keyN-1) with colo_store_bench_insert_works in
 * batches of 1,000, for export_db.sh.  (colo_store_save_batch, the path
 * importers take, upserts one work at a time with dedup lookups: a few
 * works per second on FerretDB here, too slow to load 100,000.) */
static int load(const char *uri, size_t n)
{
	colo_store *st = NULL;
	colo_error err;
	double t0 = now();

	if (!colo_store_open(uri, &st, &err)) {
		fprintf(stderr, "bench_export: %s\n", err.message);
		return 1;
	}
	for (size_t base = 0; base < n; base += 1000) {
		colo_batch b;
		size_t end = base + 1000 < n ? base + 1000 : n;

		colo_batch_init(&b);
		for (size_t i = base; i < end; i++) {
			long wi = colo_batch_add_work(&b);

			colo_work_cleanup(&b.works[wi]);
			make(&b.works[wi], i);
			if (!b.works[wi].doi) {
				/* a unique dedup key: no two generated works merge */
				char doi[48];

				snprintf(doi, sizeof doi, "10.9999/bench.%zu", i);
				colo_set_str(&b.works[wi].doi, doi);
			}
		}
		if (!colo_store_bench_insert_works(st, b.works, b.nworks, &err)) {
			fprintf(stderr, "bench_export: %s\n", err.message);
			colo_batch_cleanup(&b);
			colo_store_destroy(st);
			return 1;
		}
		colo_batch_cleanup(&b);
		if ((end / 1000) % 10 == 0 || end == n)
			fprintf(stderr, "loaded %zu works (%.0f works/s)\n", end,
			        (double)end / (now() - t0));
	}
	printf("loaded %zu works in %.1f s\n", n, now() - t0);
	colo_store_destroy(st);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		colo_format f;
		bool ascii;
	} runs[] = {
		{"bibtex", COLO_FMT_BIBTEX, false},
		{"biblatex", COLO_FMT_BIBLATEX, false},
		{"bibtex --ascii", COLO_FMT_BIBTEX, true},
		{"csljson", COLO_FMT_CSLJSON, false},
		{"ris", COLO_FMT_RIS, false},
	};
	size_t n;

	if (argc >= 3 && strcmp(argv[1], "--load") == 0)
		return load(argv[2], argc > 3 ? strtoul(argv[3], NULL, 10) : 100000);
	n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 3;
	colo_work *ws;
	double t0 = now();

	if (n == 0 || rounds < 1) {
		fprintf(stderr, "usage: bench_export [N] [ROUNDS]\n");
		return 2;
	}
	ws = colo_xcalloc(n, sizeof *ws);
	for (size_t i = 0; i < n; i++)
		make(&ws[i], i);
	printf("generated %zu works in %.2f s\n", n, now() - t0);
	printf("%-16s %12s %10s %14s %10s\n", "writer", "entries/s", "MB/s",
	       "entries/cpu-s", "MB");
	for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
		double best = 1e30, best_cpu = 1e30;
		size_t bytes = 0;

		for (int k = 0; k < rounds; k++) {
			colo_buf out;
			colo_write_opts o = {runs[r].ascii};
			colo_error err;
			double t, c;

			colo_buf_init(&out, 0);
			t = now();
			c = cpu();
			colo_write_begin(&out, runs[r].f);
			for (size_t i = 0; i < n; i++)
				if (!colo_write_work(&out, runs[r].f, &ws[i], i == 0, &o,
				                     &err)) {
					fprintf(stderr, "bench_export: %s\n", err.message);
					return 1;
				}
			colo_write_end(&out, runs[r].f);
			t = now() - t;
			c = cpu() - c;
			if (t < best)
				best = t;
			if (c < best_cpu)
				best_cpu = c;
			bytes = out.len;
			colo_buf_cleanup(&out);
		}
		printf("%-16s %12.0f %10.1f %14.0f %10.1f\n", runs[r].name,
		       (double)n / best, (double)bytes / best / 1e6,
		       (double)n / best_cpu, (double)bytes / 1e6);
	}
	for (size_t i = 0; i < n; i++)
		colo_work_cleanup(&ws[i]);
	free(ws);
	return 0;
}
