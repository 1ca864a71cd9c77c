/* bench_refs_label.c - how fast the reference labeller loads its model and
 * labels reference strings, on one core, without a database.
 *
 *   bench_refs_label [N] [FILE]
 *
 * Loads the compiled-in model (or COLOPHON_REFS_MODEL) and prints how long
 * that took, then labels N (default 20,000) references and prints refs/s
 * and MB/s, by the wall clock and by CPU time (the steadier figure on a
 * shared machine).  The references are FILE's non-empty lines when given, else
 * generated in memory from a fixed seed in APA, MLA, Chicago, Harvard,
 * IEEE, Vancouver and ACM shapes.  A run that labels no title or year
 * fails, so the figure is never that of a labeller that gave up.  Not a
 * test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/refs.h"

static unsigned long long rng = 0x2545F4914F6CDD1Dull;

static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

#define PICK(a) a[pick((unsigned)(sizeof a / sizeof a[0]))]

static const char *const family[] = {
	"Whitcombe", "Nwosu", "Brandt", "Marchetti", "Raghunathan", "Kjærgaard",
	"Asante", "Hoffmann-Berg", "Villalobos", "Okonkwo", "Tanaka",
	"Al-Rashid", "Solberg", "Adeyemi", "Petrova", "Otieno", "Lindqvist",
};
static const char *const initial[] = {"A.", "B.", "C. D.", "J.", "K.",
                                      "M.", "R. T.", "S.", "T.", "Y."};
static const char *const given[] = {"Amara", "Thomas", "Helen", "Priya",
                                    "Jorge", "Ruth", "Marcus", "Yuki"};
static const char *const title_a[] = {
	"Adaptive", "Robust", "Sparse", "Bayesian", "Distributed", "Neural",
	"Coastal", "Historical", "Comparative", "Longitudinal",
};
static const char *const title_b[] = {
	"estimation of river discharge", "models of urban growth",
	"methods for protein folding", "analysis of labour markets",
	"approaches to graph matching", "evidence from rural clinics",
	"inference in hidden Markov models", "readings of Victorian poetry",
};
static const char *const journal[] = {
	"Journal of Applied Ecology", "Phys. Rev. Lett.", "Nature",
	"IEEE Transactions on Pattern Analysis and Machine Intelligence",
	"Lancet", "American Economic Review", "J. Chem. Phys.",
	"Communications of the ACM", "Water Resources Research",
};
static const char *const publisher[] = {"Cambridge University Press",
                                        "Springer", "MIT Press", "Elsevier",
                                        "Oxford University Press", "Wiley"};
static const char *const place[] = {"Cambridge", "New York", "Berlin",
                                    "London", "Oxford", "Boston, MA"};

static void gen(colo_buf *b)
{
	unsigned y = 1950 + pick(75), v = 1 + pick(120), is = 1 + pick(12);
	unsigned p = 1 + pick(2000), q = p + 1 + pick(40);

	colo_buf_reset(b);
	switch (pick(7)) {
	case 0: /* APA */
		colo_buf_printf(b,
		                "%s, %s, & %s, %s (%u). %s %s. %s, %u(%u), "
		                "%u-%u. https://doi.org/10.%u/abc.%u",
		                PICK(family), PICK(initial), PICK(family),
		                PICK(initial), y, PICK(title_a), PICK(title_b),
		                PICK(journal), v, is, p, q, 1000 + pick(9000), p);
		break;
	case 1: /* MLA */
		colo_buf_printf(b,
		                "%s, %s, and %s %s. \"%s %s.\" %s, vol. %u, "
		                "no. %u, %u, pp. %u-%u.",
		                PICK(family), PICK(given), PICK(given),
		                PICK(family), PICK(title_a), PICK(title_b),
		                PICK(journal), v, is, y, p, q);
		break;
	case 2: /* Chicago, book */
		colo_buf_printf(b, "%s, %s. %s %s. %s: %s, %u.", PICK(family),
		                PICK(given), PICK(title_a), PICK(title_b),
		                PICK(place), PICK(publisher), y);
		break;
	case 3: /* Harvard */
		colo_buf_printf(b, "%s, %s %u, '%s %s', %s, vol. %u, pp. %u-%u.",
		                PICK(family), PICK(initial), y, PICK(title_a),
		                PICK(title_b), PICK(journal), v, p, q);
		break;
	case 4: /* IEEE */
		colo_buf_printf(b,
		                "[%u] %s %s and %s %s, \"%s %s,\" %s, vol. %u, "
		                "no. %u, pp. %u-%u, %u.",
		                1 + pick(60), PICK(initial), PICK(family),
		                PICK(initial), PICK(family), PICK(title_a),
		                PICK(title_b), PICK(journal), v, is, p, q, y);
		break;
	case 5: /* Vancouver */
		colo_buf_printf(b, "%s AB, %s C. %s %s. %s. %u;%u(%u):%u-%u.",
		                PICK(family), PICK(family), PICK(title_a),
		                PICK(title_b), PICK(journal), y, v, is, p, q);
		break;
	default: /* ACM, in proceedings */
		colo_buf_printf(b,
		                "%s %s and %s %s. %u. %s %s. In Proceedings of "
		                "the %uth International Conference on Data "
		                "Engineering. %s, %s, %u-%u.",
		                PICK(given), PICK(family), PICK(given),
		                PICK(family), y, PICK(title_a), PICK(title_b),
		                2 + pick(30), PICK(publisher), PICK(place), p, q);
		break;
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;
	const char *file = argc > 2 ? argv[2] : NULL;
	char *data = NULL;
	size_t dlen = 0, pos = 0, bytes = 0, titles = 0, years = 0, k;
	const colo_ref_model *m;
	colo_error err;
	colo_buf b;
	double t0, t1;
	clock_t c0, c1;
	long i;

	if (n <= 0) {
		fprintf(stderr, "usage: bench_refs_label [N] [FILE]\n");
		return 2;
	}
	if (file && !(data = colo_read_file(file, &dlen))) {
		fprintf(stderr, "bench_refs_label: %s: cannot read\n", file);
		return 1;
	}
	t0 = now();
	c0 = clock();
	m = colo_ref_model_default(&err);
	c1 = clock();
	t1 = now();
	if (!m) {
		fprintf(stderr, "bench_refs_label: %s\n", err.message);
		return 1;
	}
	printf("model load: %.2f ms (%.2f ms CPU)\n", (t1 - t0) * 1e3,
	       (double)(c1 - c0) * 1e3 / CLOCKS_PER_SEC);

	colo_buf_init(&b, 0);
	t0 = now();
	c0 = clock();
	for (i = 0; i < n; i++) {
		colo_ref_segment *segs = NULL;
		size_t nsegs = 0;
		const char *s;
		size_t len;

		if (data) {
			size_t e;
			if (pos >= dlen)
				pos = 0;
			for (e = pos; e < dlen && data[e] != '\n'; e++)
				;
			s = data + pos;
			len = e - pos;
			pos = e + 1;
			if (!len) {
				i--;
				continue;
			}
		} else {
			gen(&b);
			s = b.data;
			len = b.len;
		}
		if (!colo_ref_label_string(m, s, len, &segs, &nsegs, &err)) {
			fprintf(stderr, "bench_refs_label: %s\n", err.message);
			return 1;
		}
		bytes += len;
		for (k = 0; k < nsegs; k++) {
			titles += segs[k].label == COLO_REF_TITLE;
			years += segs[k].label == COLO_REF_DATE;
		}
		free(segs);
	}
	c1 = clock();
	t1 = now();
	printf("%ld references, %.1f MB: %.0f refs/s, %.1f MB/s wall; "
	       "%.0f refs/s CPU (titles %zu, dates %zu)\n",
	       n, (double)bytes / 1e6, (double)n / (t1 - t0),
	       (double)bytes / 1e6 / (t1 - t0),
	       (double)n / ((double)(c1 - c0) / CLOCKS_PER_SEC), titles, years);
	colo_buf_cleanup(&b);
	free(data);
	return titles && years ? 0 : 1;
}
