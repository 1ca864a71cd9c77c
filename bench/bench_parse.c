/* bench_parse.c - times the structured readers alone on one file.
 *
 *     bench_parse FILE [bibtex|ris|csljson] [RUNS]
 *
 * Prints, as "name seconds" lines: reading the file into memory (read(2)
 * into one buffer plus a memchr pass over it: the floor any parser must
 * pay), and the best of RUNS full parses (entries, macros, crossref,
 * names split, LaTeX decoded to Unicode: everything `colophon convert`
 * does before writing).  Built by bench/bench_import.sh against a build
 * directory's libraries; never run as a test. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "colophon/model.h"
#include "formats_priv.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *kind = argc > 2 ? argv[2] : "bibtex";
	int runs = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 3;
	struct stat st;
	char *data;
	size_t len, got = 0, lines = 0;
	double t0, read_s, best = 1e9;
	int fd;

	if (argc < 2 || stat(argv[1], &st) != 0) {
		fprintf(stderr, "usage: bench_parse FILE [bibtex|ris|csljson] [RUNS]\n");
		return 2;
	}
	len = (size_t)st.st_size;
	data = malloc(len + 1);
	t0 = now();
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
	for (int r = 0; r < runs; r++) {
		colo_batch b;
		colo_error err;
		bool ok;
		double t;

		colo_batch_init(&b);
		t = now();
		if (strcmp(kind, "ris") == 0)
			ok = colo_ris_parse(data, len, &b, &err);
		else if (strcmp(kind, "csljson") == 0)
			ok = colo_csljson_parse(data, len, &b, &err);
		else
			ok = colo_bibtex_parse(data, len, &b, &err);
		t = now() - t;
		if (!ok) {
			fprintf(stderr, "bench_parse: %s\n", err.message);
			return 1;
		}
		if (t < best)
			best = t;
		if (r == runs - 1)
			printf("works %zu\nskipped %zu\n", b.nworks, b.skipped);
		colo_batch_cleanup(&b);
	}
	printf("bytes %zu\nlines %zu\nread_seconds %.4f\nparse_seconds %.4f\n",
	       len, lines, read_s, best);
	free(data);
	return 0;
}
