/* bench_bio.c - how fast the bio importer reads bios, without a database.
 *
 * Generates N (default 10,000) varied English bios in memory from a fixed
 * seed: think-tank, magazine, university and book-jacket shapes, first
 * and third person, honorifics and ranks, degrees, affiliations with
 * years, books with publishers, periodical lists, editorial roles, a few
 * HTML pages.  Then parses each with colo_bio_parse and prints bios/s,
 * MB/s and what was found (a run that finds nothing fails, so the figure
 * is never that of a parser that gave up).  Not a test; bench_bio.sh
 * builds and runs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/importer.h"
#include "colophon/model.h"

static unsigned long long rng = 0x9E3779B97F4A7C15ull;

static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

#define PICK(a) a[pick((unsigned)(sizeof a / sizeof a[0]))]

static const char *const given[] = {
	"Daniel", "Amara", "Thomas", "Helen", "Priya", "Søren", "Grace", "Kwame",
	"Lena", "Jorge", "Ruth", "Marcus", "Yuki", "Fatima", "Ingrid", "Olumide",
	"Zoë", "Andrés", "Mei-Ling", "Patrick", "Benedikt", "Nadia", "Samuel",
};
static const char *const family[] = {
	"Whitcombe", "Nwosu", "Brandt", "Marchetti", "Raghunathan", "Kjærgaard",
	"Whitfield", "Asante", "Hoffmann-Berg", "Villalobos", "Okonkwo", "Ellery",
	"Tanaka", "Al-Rashid", "Solberg", "Adeyemi", "Ó Briain", "van der Berg",
	"Castellanos", "O'Donnell", "Ähnlich", "Petrova", "Otieno",
};
static const char *const honorific[] = {"", "", "", "Dr. ", "Prof. ", "Col. ",
                                        "Gen. ", "Ms. ", "Mr. "};
static const char *const inst[] = {
	"University of Oregon", "Yale University", "Bowdoin College",
	"London School of Economics", "University of Cape Town", "Keio University",
	"Central European University", "University of Edinburgh",
	"Georgetown University", "Naval Postgraduate School",
};
static const char *const org[] = {
	"the Hollis Institute for Strategy", "the Calder Center",
	"the Meridian Security Forum", "Corwin University",
	"the Pacific Forum Institute", "the Brightline Foundation",
	"the Institute for Rural Health at Pembrook University",
};
static const char *const role[] = {"senior fellow", "research fellow",
                                   "associate professor of history",
                                   "lecturer in public policy", "director",
                                   "visiting scholar"};
static const char *const degree[] = {"B.A.", "BA", "Ph.D.", "PhD", "M.A.",
                                     "MPhil", "J.D.", "MBA", "BS", "M.Sc."};
static const char *const field[] = {"history", "economics", "political science",
                                    "geology", "East Asian studies"};
static const char *const title_a[] = {"Iron", "Salt", "Quiet", "Cold", "Paper",
                                      "Northern", "Borrowed", "Deep"};
static const char *const title_b[] = {"Harbors", "Roads", "Border", "Lanterns",
                                      "Flank", "Time", "Ledger", "Archive"};
static const char *const subtitle[] = {
	"", ": Naval Power in the Age of Coal", ": A Diplomat's Memoir",
	": Trade in the Early Modern Baltic", ": How Debt Remade the Family",
};
static const char *const publisher[] = {
	"Cornell University Press", "Hurst", "Oxford University Press", "Knopf",
	"Naval Institute Press", "Brill", "W. W. Norton", "Zed Books",
};
static const char *const periodical[] = {
	"Foreign Affairs", "the Atlantic", "War on the Rocks", "the Diplomat",
	"the National Interest", "Granta", "the Guardian", "Survival",
};
static const char *const venue[] = {"Lawyers, Guns and Money", "Tidewater Review",
                                    "Lantern", "the Northern Quarterly"};

static void one_bio(colo_buf *b, unsigned i)
{
	const char *g = PICK(given), *f = PICK(family);
	bool html = i % 10 == 9, first = i % 7 == 3;
	const char *i0 = html ? "<i>" : "", *i1 = html ? "</i>" : "";

	if (html)
		colo_buf_puts(b, "<div class=\"bio\"><p>");
	else if (i % 5 == 0)
		colo_buf_puts(b, "About the Author\n\n");
	if (first)
		colo_buf_printf(b, "I am a %s at %s. ", PICK(role), PICK(org));
	else
		colo_buf_printf(b, "%s%s %s is a %s at %s (since %u). ", PICK(honorific),
		                g, f, PICK(role), PICK(org), 1990 + pick(30));
	colo_buf_printf(b, "%s received %s %s in %s from %s in %u and %s %s from %s. ",
	                first ? "I" : "She", first ? "my" : "her", PICK(degree),
	                PICK(field), PICK(inst), 1980 + pick(30), first ? "my" : "her",
	                PICK(degree), PICK(inst));
	colo_buf_printf(b, "%s the author of %s%s %s%s%s (%s, %u) and %s%s %s%s (%s, %u). ",
	                first ? "I am" : "She is", i0, PICK(title_a), PICK(title_b),
	                PICK(subtitle), i1, PICK(publisher), 1990 + pick(35), i0,
	                PICK(title_a), PICK(title_b), i1, PICK(publisher), 1990 + pick(35));
	if (pick(3) == 0)
		colo_buf_printf(b, "Her book, %s %s, was published by %s in %u. ",
		                PICK(title_a), PICK(title_b), PICK(publisher), 1990 + pick(35));
	colo_buf_printf(b, "%s work has appeared in %s, %s, and %s. ",
	                first ? "My" : "Her", PICK(periodical), PICK(periodical),
	                PICK(periodical));
	if (pick(2))
		colo_buf_printf(b, "%s a founder and senior editor of %s. ",
		                first ? "I am" : "She is", PICK(venue));
	colo_buf_puts(b, html ? "</p></div>\n" : "\n");
}

static double now(clockid_t which)
{
	struct timespec ts;

	clock_gettime(which, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 10000;
	colo_buf *bios;
	size_t bytes = 0, people = 0, works = 0, venues = 0, failed = 0;
	double t0, t1, c0, c1;

	if (n == 0)
		n = 10000;
	bios = calloc(n, sizeof *bios);
	if (!bios)
		return 1;
	for (unsigned i = 0; i < n; i++) {
		colo_buf_init(&bios[i], 0);
		one_bio(&bios[i], i);
		bytes += bios[i].len;
	}
	t0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	for (unsigned i = 0; i < n; i++) {
		colo_batch batch;
		colo_error err;

		colo_batch_init(&batch);
		colo_error_clear(&err);
		if (colo_bio_parse(bios[i].data, bios[i].len, &batch, &err)) {
			people += batch.npeople;
			works += batch.nworks;
			venues += batch.nvenues;
		} else {
			/* BENCH_BIO_SHOW=1 prints the first few for a look */
			if (failed < 3 && getenv("BENCH_BIO_SHOW"))
				fprintf(stderr, "nothing found in:\n%s\n", bios[i].data);
			failed++;
		}
		colo_batch_cleanup(&batch);
	}
	t1 = now(CLOCK_MONOTONIC);
	c1 = now(CLOCK_PROCESS_CPUTIME_ID);
	/* CPU time is the one-core figure; wall time also counts waiting for
	 * a core on a busy machine */
	printf("%u bios, %.2f MB, %.3f s CPU: %.0f bios/s, %.2f MB/s on one core "
	       "(wall %.3f s: %.0f bios/s)\n",
	       n, (double)bytes / 1e6, c1 - c0, n / (c1 - c0),
	       (double)bytes / 1e6 / (c1 - c0), t1 - t0, n / (t1 - t0));
	printf("found %zu people, %zu books, %zu venues; %zu bios with nothing found\n",
	       people, works, venues, failed);
	for (unsigned i = 0; i < n; i++)
		colo_buf_cleanup(&bios[i]);
	free(bios);
	return people >= n * 9 / 10 && works >= n ? 0 : 1;
}
