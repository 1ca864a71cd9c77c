/* bench_link.c - how fast the linker scans article text against many
 * known titles and venue names (issue 6).
 *
 * Generates, deterministically: a vocabulary; P known patterns (titles of
 * 3-9 words, 10% of them venue names of 2-4 words) drawn from it; 10,000
 * articles of ~5 KB of words from a larger vocabulary (so most text words
 * are known to some pattern and the automaton really walks), each with a
 * few real title mentions.  Builds the matcher (timed apart), then scans
 * every article (best of 5 runs, CPU time) and prints MB/s of text and
 * links/s (matches).  Runs with P/10, P and 2P patterns (P = 100,000
 * unless given) so the scan rates can be compared: the scan is linear in
 * the text whatever the number of patterns.
 *
 * Not a test: run bench/bench_link.sh by hand (machines are noisy). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/linker.h"
#include "colophon/mem.h"

#define VOCAB 40000     /* words articles use */
#define TITLE_VOCAB 20000 /* words patterns use */
#define ARTICLES 10000
#define ARTICLE_BYTES 5000
#define REPEAT 5

static uint64_t rng = 88172645463325252u;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* CPU time of this process: on a shared machine the wall clock mostly
 * measures the neighbours. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *words[VOCAB];

static void make_vocab(void)
{
	for (size_t i = 0; i < VOCAB; i++) {
		size_t n = 3 + next() % 8;
		char *w = colo_xmalloc(n + 1);

		for (size_t k = 0; k < n; k++)
			w[k] = (char)('a' + next() % 26);
		w[0] = (char)(w[0] - 'a' + 'A');
		w[n] = '\0';
		words[i] = w;
	}
}

/* Skewed towards small indices, like word frequencies. */
static size_t zipfish(size_t n)
{
	uint64_t a = next() % n, b = next() % n;

	return (size_t)(a < b ? a : b);
}

static char *make_title(size_t nw)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	for (size_t i = 0; i < nw; i++) {
		if (i)
			colo_buf_putc(&b, ' ');
		colo_buf_puts(&b, words[zipfish(TITLE_VOCAB)]);
	}
	return colo_buf_steal(&b);
}

typedef struct run {
	double build_s, scan_s;
	size_t bytes, matches;
} run;

static bool count(void *ud, const colo_linker_match *m)
{
	(*(size_t *)ud)++;
	return true;
}

static run bench(size_t npatterns, char **titles, char **articles,
                 size_t *lens)
{
	colo_linker *lk = colo_linker_new();
	run r = {0};
	double t0;

	t0 = now();
	for (size_t i = 0; i < npatterns; i++)
		colo_linker_add(lk, titles[i], strlen(titles[i]),
		                i % 10 == 0 ? COLO_PAT_VENUE : COLO_PAT_TITLE, i, 0);
	colo_linker_scan(lk, "", 0, NULL, NULL); /* builds the failure links */
	r.build_s = now() - t0;
	/* best of REPEAT scans: the machines are shared, the minimum is the
	 * least disturbed */
	for (int rep = 0; rep < REPEAT; rep++) {
		size_t bytes = 0, matches = 0;
		double t;

		t0 = now();
		for (size_t i = 0; i < ARTICLES; i++) {
			colo_linker_scan(lk, articles[i], lens[i], count, &matches);
			bytes += lens[i];
		}
		t = now() - t0;
		if (rep == 0 || t < r.scan_s)
			r.scan_s = t;
		r.bytes = bytes;
		r.matches = matches;
	}
	colo_linker_destroy(lk);
	return r;
}

int main(int argc, char **argv)
{
	size_t base = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100000;
	size_t maxp = base * 2;
	char **titles = colo_xmalloc(maxp * sizeof *titles);
	char **articles = colo_xmalloc(ARTICLES * sizeof *articles);
	size_t *lens = colo_xmalloc(ARTICLES * sizeof *lens);
	size_t sizes[3];

	make_vocab();
	for (size_t i = 0; i < maxp; i++)
		titles[i] = make_title(i % 10 == 0 ? 2 + next() % 3 : 3 + next() % 7);
	for (size_t i = 0; i < ARTICLES; i++) {
		colo_buf b;

		colo_buf_init(&b, 0);
		while (b.len < ARTICLE_BYTES) {
			if (next() % 300 == 0) { /* a real mention */
				colo_buf_puts(&b, titles[next() % base]);
				colo_buf_puts(&b, ", ");
			}
			colo_buf_puts(&b, words[zipfish(VOCAB)]);
			colo_buf_puts(&b, next() % 12 == 0 ? ".\n" : " ");
		}
		lens[i] = b.len;
		articles[i] = colo_buf_steal(&b);
	}
	sizes[0] = base / 10;
	sizes[1] = base;
	sizes[2] = maxp;
	printf("%-10s %9s %9s %10s %10s %10s %12s\n", "patterns", "build s",
	       "scan s", "MB", "MB/s", "links", "links/s");
	for (size_t k = 0; k < 3; k++) {
		run r = bench(sizes[k], titles, articles, lens);

		printf("%-10zu %9.2f %9.3f %10.1f %10.1f %10zu %12.0f\n", sizes[k],
		       r.build_s, r.scan_s, (double)r.bytes / 1e6,
		       (double)r.bytes / 1e6 / r.scan_s, r.matches,
		       (double)r.matches / r.scan_s);
	}
	for (size_t i = 0; i < maxp; i++)
		free(titles[i]);
	for (size_t i = 0; i < ARTICLES; i++)
		free(articles[i]);
	for (size_t i = 0; i < VOCAB; i++)
		free(words[i]);
	free(titles);
	free(articles);
	free(lens);
	return 0;
}
