/* replay.c - runs a fuzz target over saved inputs without libFuzzer.
 *
 * Arguments are files or directories (each regular file inside is one
 * input).  Crashes and sanitizer reports fail the test as they would under
 * the fuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, n;
	uint8_t chunk[65536];

	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n > cap) {
			cap = (len + n) * 2;
			data = realloc(data, cap);
			if (!data)
				abort();
		}
		memcpy(data + len, chunk, n);
		len += n;
	}
	fclose(f);
	/* An exact-size copy lets AddressSanitizer catch reads past the end. */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (!exact)
			abort();
		if (len)
			memcpy(exact, data, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int count = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: no such corpus %s\n", argv[i]);
			return 1;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *e;

			if (!d)
				return 1;
			while ((e = readdir(d)) != NULL) {
				char path[4096];

				if (e->d_name[0] == '.')
					continue;
				snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
				if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
					if (run_file(path) != 0)
						return 1;
					count++;
				}
			}
			closedir(d);
		} else {
			if (run_file(argv[i]) != 0)
				return 1;
			count++;
		}
	}
	if (count == 0) {
		fprintf(stderr, "replay: no inputs\n");
		return 1;
	}
	printf("replayed %d inputs\n", count);
	return 0;
}
