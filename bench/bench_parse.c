/* bench_parse.c - times the structured readers alone on one file.
 *
 *     bench_parse FILE [bibtex|ris|csljson] [RUNS]
 *
 * Prints, as "name seconds" lines: reading the file into memory (read(2)
 * into one buffer plus a memchr pass over it: the floor any parser must
 * pay), and the best of RUNS full parses (entries, macros, crossref,
 * names split, LaTeX decoded to Unicode: everything `colophon convert`
 * does before writing); each by the wall clock and, as *_cpu_seconds, by
 * this process's CPU time (steadier on a loaded machine).  Built by
 * bench/bench_import.sh against a build directory's libraries; never run
 * as a test. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "colophon/model.h"
#include "formats_priv.h"

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

/* This process's CPU time (user and system): what the work cost on one
 * core, whatever else the machine was running. */
static double cpu(void)
{
	return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

int main(int argc, char **argv)
{
	const char *kind = argc > 2 ? argv[2] : "bibtex";
	int runs = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 3;
	struct stat st;
	char *data;
	size_t len, got = 0, lines = 0;
	double t0, c0, read_s, read_cpu, best = 1e9, best_cpu = 1e9;
	int fd;

	if (argc < 2 || stat(argv[1], &st) != 0) {
		fprintf(stderr, "usage: bench_parse FILE [bibtex|ris|csljson] [RUNS]\n");
		return 2;
	}
	len = (size_t)st.st_size;
	data = malloc(len + 1);
	t0 = now();
	c0 = cpu();
	fd = open(argv[1], O_RDONLY);
	while (fd >= 0 && got < len) {
		ssize_t n = read(fd, data + got, len - got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (fd >= 0)
		close(fd);
	for (const char *p = data; (p = memchr(p, '\n', len - (size_t)(p - data)));
	     p++)
		lines++;
	read_s = now() - t0;
	read_cpu = cpu() - c0;
	for (int r = 0; r < runs; r++) {
		colo_batch b;
		colo_error err;
		bool ok;
		double t, c;

		colo_batch_init(&b);
		t = now();
		c = cpu();
		if (strcmp(kind, "ris") == 0)
			ok = colo_ris_parse(data, len, &b, &err);
		else if (strcmp(kind, "csljson") == 0)
			ok = colo_csljson_parse(data, len, &b, &err);
		else
			ok = colo_bibtex_parse(data, len, &b, &err);
		t = now() - t;
		c = cpu() - c;
		if (!ok) {
			fprintf(stderr, "bench_parse: %s\n", err.message);
			return 1;
		}
		if (t < best)
			best = t;
		if (c < best_cpu)
			best_cpu = c;
		if (r == runs - 1)
			printf("works %zu\nskipped %zu\n", b.nworks, b.skipped);
		colo_batch_cleanup(&b);
	}
	printf("bytes %zu\nlines %zu\nread_seconds %.4f\nparse_seconds %.4f\n"
	       "read_cpu_seconds %.4f\nparse_cpu_seconds %.4f\n",
	       len, lines, read_s, best, read_cpu, best_cpu);
	free(data);
	return 0;
}
