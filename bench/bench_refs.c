/* bench_refs.c - how fast the reference importer reads reference lists,
 * without a database.
 *
 *   bench_refs FILE [--lines]
 *
 * FILE is a reference list (bench/gen_refs.py writes one of any size in
 * every supported style).  Parses it whole with colo_refs_parse_opts --
 * splitting, the labeller and the fields, the same call `colophon import
 * refs` makes -- three times and prints the best time as references per
 * second of processor time (one core); then times two inputs of one 1 MiB line made from FILE: the
 * references run together as "[1] ... [2] ..." (a list pasted from a PDF,
 * split back into references), and the same words with no markers (one
 * over-long reference, refused).  A run that finds no works fails, so the
 * figure is never that of a parser that gave up.  Not a test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/refs.h"

/* Processor time of this process: on a shared, busy machine the wall
 * clock measures the neighbours; "refs/s on one core" is this. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parses data `runs` times; the best wall time, and the works and skips
 * of the last run. */
static double best_of(const char *data, size_t len, bool lines, int runs,
                      size_t *works, size_t *skipped, bool *ok)
{
	double best = 1e300;
	colo_refs_opts o = {NULL, lines};

	for (int r = 0; r < runs; r++) {
		colo_batch b;
		colo_error err;
		double t0, t;

		colo_batch_init(&b);
		colo_error_clear(&err);
		t0 = now();
		*ok = colo_refs_parse_opts(data, len, &o, &b, &err);
		t = now() - t0;
		if (t < best)
			best = t;
		*works = b.nworks;
		*skipped = b.skipped;
		colo_batch_cleanup(&b);
	}
	return best;
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	bool lines = false, ok;
	char *data;
	size_t len, works, skipped, refs = 0;
	double t;
	colo_error err;
	colo_buf one;
	const size_t mib = (size_t)1 << 20;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lines") == 0)
			lines = true;
		else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: bench_refs FILE [--lines]  (FILE from "
		                "bench/gen_refs.py N)\n");
		return 2;
	}
	data = colo_read_file(path, &len);
	if (!data) {
		fprintf(stderr, "bench_refs: cannot read %s\n", path);
		return 1;
	}
	/* load the model outside the timings */
	colo_error_clear(&err);
	if (!colo_ref_model_default(&err)) {
		fprintf(stderr, "bench_refs: %s\n", err.message);
		return 1;
	}

	t = best_of(data, len, lines, 3, &works, &skipped, &ok);
	if (!ok || !works) {
		fprintf(stderr, "bench_refs: no works found in %s\n", path);
		return 1;
	}
	printf("%s: %zu bytes, %zu works, %zu skipped: %.3f s CPU, %.0f refs/s, "
	       "%.1f MB/s\n",
	       path, len, works, skipped, t, (double)(works + skipped) / t,
	       (double)len / t / 1e6);

	/* One 1 MiB line of numbered references. */
	colo_buf_init(&one, 0);
	for (size_t p = 0; one.len < mib;) {
		const char *nl = memchr(data + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - data) : len;

		if (e > p && data[p] != '[' && !(data[p] >= '0' && data[p] <= '9')) {
			colo_buf_printf(&one, "[%zu] ", ++refs);
			colo_buf_append(&one, data + p, e - p);
			colo_buf_putc(&one, ' ');
		}
		p = nl ? e + 1 : 0;
		if (!nl && !refs)
			break;
	}
	t = best_of(one.data, one.len, false, 3, &works, &skipped, &ok);
	printf("one 1 MiB line, %zu numbered references: %.3f s CPU, %zu works, "
	       "%zu skipped\n",
	       refs, t, works, skipped);

	/* The same line without the numbers: one reference far too long. */
	for (size_t i = 0; i + 1 < one.len; i++)
		if (one.data[i] == '[')
			one.data[i] = '(';
	t = best_of(one.data, one.len, false, 3, &works, &skipped, &ok);
	printf("one 1 MiB line, no markers: %.3f s CPU, %zu works, %zu skipped\n", t,
	       works, skipped);
	colo_buf_cleanup(&one);
	free(data);
	return 0;
}
