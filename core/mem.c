/* mem.c - allocation that aborts on exhaustion, and the array-growth helper
 * every container in the model uses. */
#include "colophon/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "colophon: out of memory (%zu bytes)\n", n);
	abort();
}

void *colo_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom(n);
	return p;
}

void *colo_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		oom(count * size);
	return p;
}

void *colo_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom(n);
	return q;
}

char *colo_xstrdup(const char *s)
{
	return s ? colo_xstrndup(s, strlen(s)) : NULL;
}

char *colo_xstrndup(const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	n = strnlen(s, n);
	p = colo_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void colo_grow(void **items, size_t *cap, size_t need, size_t elsize)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 4;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			oom(SIZE_MAX);
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elsize)
		oom(SIZE_MAX);
	*items = colo_xrealloc(*items, ncap * elsize);
	memset((char *)*items + *cap * elsize, 0, (ncap - *cap) * elsize);
	*cap = ncap;
}

void colo_set_str(char **slot, const char *s)
{
	char *copy = colo_xstrdup(s);

	free(*slot);
	*slot = copy;
}
